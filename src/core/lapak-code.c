/* lapak-code.c — product label codes and retail barcodes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A label code is TENANT "-" SERIAL CHECK, e.g. "KLL-007" plus one check
 * character: capital letters, digits and "-" only, so any USB scanner types
 * it right whatever the keyboard layout. Characters have the values 0–9,
 * A–Z = 10–35 and "-" = 36; the check character is chosen so that
 * Σ i × v(cᵢ) ≡ 0 (mod 37) over the whole code, i counting from 1. All
 * weights 1…36 are distinct and non-zero modulo the prime 37, so changing
 * any one character, or swapping any two different characters, changes the
 * sum: every single mistype and every transposition is rejected.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lapak-code.h"
#include "lapak-error.h"

#define CODE_MAX_LENGTH 36
#define SERIAL_MIN_DIGITS 3
#define CHECK_MODULUS 37

static int
char_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  if (c == '-')
    return 36;
  return -1;
}

static char
value_char (int v)
{
  return v < 10 ? (char)('0' + v) : (char)('A' + v - 10);
}

static int
weighted_sum (const char *code,
              gsize       len)
{
  int sum = 0;

  for (gsize i = 0; i < len; i++)
    sum = (sum + (int)(i + 1) * char_value (code[i])) % CHECK_MODULUS;
  return sum;
}

gboolean
lapak_tenant_code_validate (const char  *code,
                            GError     **error)
{
  gsize len;

  g_return_val_if_fail (code != NULL, FALSE);

  len = strlen (code);
  if (len < LAPAK_TENANT_CODE_MIN || len > LAPAK_TENANT_CODE_MAX)
    {
      g_autofree char *shown = g_utf8_make_valid (code, -1);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a tenant code: it needs %d to %d characters, e.g. KLL."),
                   shown, LAPAK_TENANT_CODE_MIN, LAPAK_TENANT_CODE_MAX);
      return FALSE;
    }

  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_islower (code[i]))
        {
          g_autofree char *shown = g_utf8_make_valid (code, -1);

          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not a tenant code: use capital letters (%s)."),
                       shown, "A–Z");
          return FALSE;
        }
      if (!g_ascii_isupper (code[i]) && !g_ascii_isdigit (code[i]))
        {
          g_autofree char *shown = g_utf8_make_valid (code, -1);

          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not a tenant code: use only capital letters and digits, "
                         "without spaces or “-”."),
                       shown);
          return FALSE;
        }
    }

  if (!g_ascii_isupper (code[0]))
    {
      g_autofree char *shown = g_utf8_make_valid (code, -1);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a tenant code: it must start with a letter."), shown);
      return FALSE;
    }

  return TRUE;
}

/**
 * lapak_product_code_make:
 * @tenant_code: a valid tenant code
 * @serial: the product's serial within its tenant, from 1
 *
 * Returns: the label code, or %NULL when this serial cannot carry a check
 * character (about one serial in 37: the sum would need the value 36, which
 * has no symbol) or the arguments are invalid. Callers then use serial + 1.
 */
char *
lapak_product_code_make (const char *tenant_code,
                         guint       serial)
{
  g_autofree char *body = NULL;
  gsize len;
  int sum;

  g_return_val_if_fail (tenant_code != NULL, NULL);

  if (serial == 0 || !lapak_tenant_code_validate (tenant_code, NULL))
    return NULL;

  body = g_strdup_printf ("%s-%0*u", tenant_code, SERIAL_MIN_DIGITS, serial);
  len = strlen (body);
  if (len + 1 > CODE_MAX_LENGTH)
    return NULL;

  /* Find v with sum + (len + 1) × v ≡ 0 (mod 37). */
  sum = weighted_sum (body, len);
  for (int v = 0; v < CHECK_MODULUS - 1; v++)
    if ((sum + (int)(len + 1) * v) % CHECK_MODULUS == 0)
      return g_strdup_printf ("%s%c", body, value_char (v));

  return NULL;
}

gboolean
lapak_product_code_validate (const char  *code,
                             GError     **error)
{
  const char *dash;
  gsize len;
  gsize serial_len;
  g_autofree char *tenant = NULL;

  g_return_val_if_fail (code != NULL, FALSE);

  len = strlen (code);
  dash = strchr (code, '-');

  if (len > 0 && len <= 14 && strspn (code, "0123456789") == len)
    {
      g_autofree char *shown = g_utf8_make_valid (code, -1);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a Lapak label code (it looks like a barcode, and no "
                     "product has that barcode)."),
                   shown);
      return FALSE;
    }

  if (len > CODE_MAX_LENGTH || dash == NULL || dash == code ||
      strchr (dash + 1, '-') != NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (code, -1);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a Lapak label code: a code looks like KLL-0074 "
                     "(tenant, “-”, number and check character)."),
                   shown);
      return FALSE;
    }

  tenant = g_strndup (code, dash - code);
  serial_len = len - (gsize)(dash - code) - 2;   /* digits between "-" and the check */
  if (!lapak_tenant_code_validate (tenant, NULL) ||
      (gsize)(dash - code) + 2 > len || serial_len < SERIAL_MIN_DIGITS ||
      strspn (dash + 1, "0123456789") < serial_len ||
      char_value (code[len - 1]) < 0 || code[len - 1] == '-')
    {
      g_autofree char *shown = g_utf8_make_valid (code, -1);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a Lapak label code: a code looks like KLL-0074 "
                     "(tenant, “-”, number and check character)."),
                   shown);
      return FALSE;
    }

  if (weighted_sum (code, len) != 0)
    {
      g_autofree char *shown = g_utf8_make_valid (code, -1);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a valid label code: its check character does not match. "
                     "It was probably mistyped or misread; scan the label again or type "
                     "the code carefully."),
                   shown);
      return FALSE;
    }

  return TRUE;
}

/* What a scanner or a hurried cashier sends, made comparable: surrounding
 * white space (scanners add \r, \n or \t) removed, letters in capitals. */
char *
lapak_product_code_normalize (const char *text)
{
  char *copy;

  g_return_val_if_fail (text != NULL, NULL);

  copy = g_strstrip (g_strdup (text));
  for (char *p = copy; *p; p++)
    *p = g_ascii_toupper (*p);
  return copy;
}

char *
lapak_product_code_tenant (const char *code)
{
  const char *dash;

  g_return_val_if_fail (code != NULL, NULL);

  dash = strchr (code, '-');
  if (dash == NULL)
    return NULL;
  return g_strndup (code, dash - code);
}

/**
 * lapak_barcode_validate:
 *
 * EAN-8, UPC-A (12 digits), EAN-13 or GTIN-14 with a correct GS1 check digit.
 */
gboolean
lapak_barcode_validate (const char  *barcode,
                        GError     **error)
{
  gsize len;
  int sum = 0;
  int expected;

  g_return_val_if_fail (barcode != NULL, FALSE);

  len = strlen (barcode);
  if (strspn (barcode, "0123456789") != len)
    {
      g_autofree char *shown = g_utf8_make_valid (barcode, -1);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a barcode: a barcode has digits only."), shown);
      return FALSE;
    }

  if (len != 8 && len != 12 && len != 13 && len != 14)
    {
      g_autofree char *shown = g_utf8_make_valid (barcode, -1);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a barcode: it has %u digits, but EAN-8, UPC-A, EAN-13 "
                     "and GTIN-14 have 8, 12, 13 or 14."),
                   shown, (guint)len);
      return FALSE;
    }

  /* GS1: from the right, excluding the check digit, weights 3, 1, 3, … */
  for (gsize i = 0; i + 1 < len; i++)
    {
      gsize from_right = len - 1 - i;

      sum += (barcode[i] - '0') * (from_right % 2 == 1 ? 3 : 1);
    }
  expected = (10 - sum % 10) % 10;

  if (barcode[len - 1] - '0' != expected)
    {
      g_autofree char *shown = g_utf8_make_valid (barcode, -1);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a valid barcode: its last digit should be %d. Check "
                     "the digits."),
                   shown, expected);
      return FALSE;
    }

  return TRUE;
}
