/* fuzz-scan.c — libFuzzer target for what a scanner or a cashier types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Arbitrary bytes go to lapak_scan_parse() ("KLL-0074", "kll-0074 * 3",
 * "8991234567893\r\n", junk). Beyond "does not crash" it asserts:
 *
 * - a refusal is a LAPAK_ERROR_INVALID with a readable message and leaves
 *   the outputs alone;
 * - an accepted code is non-empty, UTF-8, trimmed, in capitals, already
 *   normalized, and the quantity is 1 to LAPAK_MAX_QTY; without a "*" the
 *   quantity is 1 and the code is the normalized input;
 * - round trips: the code alone parses back to (code, 1) when it holds no
 *   "*", and "code*qty", "  code(lower case) * qty\r\n" parse back to
 *   (code, qty);
 * - a code that passes lapak_product_code_validate() fails it after any
 *   single-character change or any swap of two different characters (the
 *   mod-37 check character's promise), its tenant part is a valid tenant
 *   code, and lapak_product_code_make() rebuilds it from tenant and serial;
 * - a barcode that passes lapak_barcode_validate() fails it after any
 *   single-digit change (the GS1 check digit's promise);
 * - differential: lapak_product_code_validate() and lapak_barcode_validate()
 *   accept exactly what an independent model here accepts (a regular
 *   expression for the shape, the check sums recomputed), for the parsed
 *   code and for the raw input;
 * - the same bytes as a sale number: lapak_sale_id_parse() and
 *   lapak_sale_id() round-trip.
 */
#include "fuzz-common.h"

#include "lapak-code.h"
#include "lapak-sale.h"

#define TARGET "fuzz-scan"

static const char code_alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";

static void
check_parses_to (const char *input,
                 const char *code,
                 int64_t     qty)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  int64_t got_qty = 0;

  if (!lapak_scan_parse (input, &got, &got_qty, &error))
    fuzz_fail (TARGET, "a round trip was refused", input, error->message);
  if (g_strcmp0 (got, code) != 0 || got_qty != qty)
    {
      g_autofree char *detail = g_strdup_printf ("expected (%s, %" G_GINT64_FORMAT "), got (%s, %" G_GINT64_FORMAT ")",
                                                 code, (gint64) qty, got, (gint64) got_qty);
      fuzz_fail (TARGET, "a round trip changed the code or the quantity", input, detail);
    }
}

static void
check_label_code (const char *code)
{
  gsize len = strlen (code);
  g_autofree char *tenant = lapak_product_code_tenant (code);
  g_autofree char *copy = g_strdup (code);
  const char *dash = strchr (code, '-');
  g_autofree char *serial_text = NULL;
  guint64 serial = 0;

  if (tenant == NULL || !lapak_tenant_code_validate (tenant, NULL))
    fuzz_fail (TARGET, "a valid label code has no valid tenant part", code, tenant);

  /* Every single mistype is caught. */
  for (gsize i = 0; i < len; i++)
    {
      for (const char *c = code_alphabet; *c != '\0'; c++)
        {
          if (*c == code[i])
            continue;
          copy[i] = *c;
          if (lapak_product_code_validate (copy, NULL))
            fuzz_fail (TARGET, "a mistyped label code still validates", code, copy);
        }
      copy[i] = code[i];
    }

  /* Every swap of two different characters is caught. */
  for (gsize i = 0; i < len; i++)
    for (gsize j = i + 1; j < len; j++)
      {
        if (code[i] == code[j])
          continue;
        copy[i] = code[j];
        copy[j] = code[i];
        if (lapak_product_code_validate (copy, NULL))
          fuzz_fail (TARGET, "a label code with two characters swapped still validates", code, copy);
        copy[i] = code[i];
        copy[j] = code[j];
      }

  /* "KLL-0074" is make ("KLL", 7) when the serial is written as make
   * writes it (at least 3 digits, no extra leading zeros). */
  serial_text = g_strndup (dash + 1, len - (gsize) (dash - code) - 2);
  if (g_ascii_string_to_unsigned (serial_text, 10, 1, G_MAXUINT, &serial, NULL))
    {
      g_autofree char *canonical = g_strdup_printf ("%03u", (guint) serial);

      if (g_str_equal (canonical, serial_text))
        {
          g_autofree char *made = lapak_product_code_make (tenant, (guint) serial);

          if (g_strcmp0 (made, code) != 0)
            fuzz_fail (TARGET, "lapak_product_code_make does not rebuild a valid code", code, made);
        }
    }
}

static void
check_barcode (const char *code)
{
  g_autofree char *copy = g_strdup (code);

  for (gsize i = 0; code[i] != '\0'; i++)
    {
      for (char d = '0'; d <= '9'; d++)
        {
          if (d == code[i])
            continue;
          copy[i] = d;
          if (lapak_barcode_validate (copy, NULL))
            fuzz_fail (TARGET, "a barcode with one digit changed still validates", code, copy);
        }
      copy[i] = code[i];
    }
}

/* The model of a label code: TENANT(2–8, letter first) "-" ≥3 digits, one
 * check character, at most 36 characters, Σ i × v(cᵢ) ≡ 0 (mod 37). */
static gboolean
model_label_code (const char *code)
{
  static GRegex *shape = NULL;
  int sum = 0;

  if (shape == NULL)
    shape = g_regex_new ("^[A-Z][A-Z0-9]{1,7}-[0-9]{3,}[0-9A-Z]$", G_REGEX_OPTIMIZE | G_REGEX_DOLLAR_ENDONLY, 0, NULL);
  if (strlen (code) > 36 || !g_regex_match (shape, code, 0, NULL))
    return FALSE;
  for (gsize i = 0; code[i] != '\0'; i++)
    sum += (int) (i + 1) * (int) (strchr (code_alphabet, code[i]) - code_alphabet);
  return sum % 37 == 0;
}

/* The model of a barcode: 8, 12, 13 or 14 digits, GS1 check digit. */
static gboolean
model_barcode (const char *code)
{
  gsize len = strlen (code);
  int sum = 0;

  if (strspn (code, "0123456789") != len || (len != 8 && len != 12 && len != 13 && len != 14))
    return FALSE;
  /* Weights from the right: check digit 1, then 3, 1, 3, … */
  for (gsize k = 0; k < len; k++)
    sum += (code[len - 1 - k] - '0') * (k % 2 == 1 ? 3 : 1);
  return sum % 10 == 0;
}

static void
check_validators (const char *input,
                  const char *code)
{
  g_autoptr(GError) error = NULL;
  gboolean label_ok = lapak_product_code_validate (code, &error);
  gboolean barcode_ok;

  if (label_ok != model_label_code (code))
    fuzz_fail (TARGET, label_ok ? "lapak_product_code_validate accepts what the model refuses"
                                : "lapak_product_code_validate refuses what the model accepts",
               input, code);
  if (!label_ok)
    fuzz_check_refusal (TARGET, input, error);
  g_clear_error (&error);

  barcode_ok = lapak_barcode_validate (code, &error);
  if (barcode_ok != model_barcode (code))
    fuzz_fail (TARGET, barcode_ok ? "lapak_barcode_validate accepts what the model refuses"
                                  : "lapak_barcode_validate refuses what the model accepts",
               input, code);
  if (!barcode_ok)
    fuzz_check_refusal (TARGET, input, error);
}

static void
check_code (const char *input,
            const char *code,
            int64_t     qty)
{
  g_autofree char *normalized = lapak_product_code_normalize (code);
  g_autofree char *lower = g_ascii_strdown (code, -1);
  g_autofree char *with_qty = g_strdup_printf ("%s*%" G_GINT64_FORMAT, code, (gint64) qty);
  g_autofree char *sloppy = g_strdup_printf ("  %s * %" G_GINT64_FORMAT "\r\n", lower, (gint64) qty);
  gsize len = strlen (code);

  if (len == 0)
    fuzz_fail (TARGET, "accepted an empty code", input, NULL);
  if (!g_utf8_validate (code, -1, NULL))
    fuzz_fail (TARGET, "the code is not UTF-8", input, NULL);
  if (g_ascii_isspace (code[0]) || g_ascii_isspace (code[len - 1]))
    fuzz_fail (TARGET, "the code is not trimmed", input, code);
  for (const char *p = code; *p != '\0'; p++)
    if (g_ascii_islower (*p))
      fuzz_fail (TARGET, "the code has a small letter", input, code);
  if (!g_str_equal (normalized, code))
    fuzz_fail (TARGET, "the code is not normalized", input, code);
  if (qty < 1 || qty > LAPAK_MAX_QTY)
    fuzz_fail (TARGET, "the quantity is out of range", input, code);
  if (strchr (input, '*') == NULL)
    {
      g_autofree char *norm_input = lapak_product_code_normalize (input);

      if (qty != 1 || !g_str_equal (norm_input, code))
        fuzz_fail (TARGET, "without “*” the code is not the normalized input, or qty is not 1", input, code);
    }

  if (strchr (code, '*') == NULL)
    check_parses_to (code, code, 1);
  check_parses_to (with_qty, code, qty);
  check_parses_to (sloppy, code, qty);

  check_validators (input, code);
  if (lapak_product_code_validate (code, NULL))
    check_label_code (code);
  if (lapak_barcode_validate (code, NULL))
    check_barcode (code);
}

static void
check_sale_id (const char *input)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *till = NULL;
  g_autofree char *again_till = NULL;
  g_autofree char *id = NULL;
  int64_t seq = -7;
  int64_t again_seq = -7;

  if (!lapak_sale_id_parse (input, &till, &seq, &error))
    {
      fuzz_check_refusal (TARGET, input, error);
      if (till != NULL || seq != -7)
        fuzz_fail (TARGET, "a refused sale number set an output", input, NULL);
      return;
    }
  if (till == NULL || till[0] == '\0' || seq < 1)
    fuzz_fail (TARGET, "an accepted sale number has no till or no number", input, till);

  id = lapak_sale_id (till, seq);
  if (!lapak_sale_id_parse (id, &again_till, &again_seq, &error))
    fuzz_fail (TARGET, "a formatted sale number is refused", id, error->message);
  if (!g_str_equal (again_till, till) || again_seq != seq)
    fuzz_fail (TARGET, "a sale number does not round-trip", input, id);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = fuzz_string (data, size);
  g_autoptr(GError) error = NULL;
  char *code = (char *) "untouched";
  int64_t qty = -7;

  if (!lapak_scan_parse (input, &code, &qty, &error))
    {
      fuzz_check_refusal (TARGET, input, error);
      if (!g_str_equal (code, "untouched") || qty != -7)
        fuzz_fail (TARGET, "a refused scan set an output", input, NULL);
    }
  else
    {
      g_autofree char *owned = code;

      if (error != NULL)
        fuzz_fail (TARGET, "accepted with an error set", input, error->message);
      check_code (input, owned, qty);
    }

  check_sale_id (input);
  check_validators (input, input);
  return 0;
}
