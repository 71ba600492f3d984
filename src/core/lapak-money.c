/* lapak-money.c — rupiah amounts and percentages, never floating point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-core"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lapak-error.h"
#include "lapak-money.h"

static gboolean
language_is_indonesian (void)
{
  const char * const *names = g_get_language_names ();
  const char *first = names != NULL ? names[0] : NULL;

  if (first == NULL || !g_str_has_prefix (first, "id"))
    return FALSE;
  return first[2] == '\0' || first[2] == '_' || first[2] == '.' || first[2] == '@';
}

static LapakMoneyStyle
resolve_style (LapakMoneyStyle style)
{
  if (style == LAPAK_MONEY_STYLE_DEFAULT)
    return language_is_indonesian () ? LAPAK_MONEY_STYLE_INDONESIAN : LAPAK_MONEY_STYLE_ENGLISH;
  return style;
}

static void
refuse (GError     **error,
        const char  *text,
        const char  *why)
{
  /* Translators: the first %s is what was typed, the second why it is refused. */
  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
               _("“%s” is not an amount: %s"), text, why);
}

/**
 * lapak_money_parse:
 *
 * Parses a rupiah amount as people write it: "12500", "12.500", "12,500",
 * "Rp12.500", "Rp 12.500", "Rp12.500,00". Groups after the first have exactly
 * three digits and use one separator throughout; a zero fraction (",00" or
 * ".00", with the other separator) may follow. Anything else — "12.5",
 * "12,50", "-5", "1e3", "" — is refused with a message saying why.
 */
gboolean
lapak_money_parse (const char  *text,
                   int64_t     *out_amount,
                   GError     **error)
{
  g_autofree char *copy = NULL;
  const char *p;
  char group_sep = 0;
  guint64 value = 0;
  guint digits;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_amount != NULL, FALSE);

  copy = g_strstrip (g_strdup (text));
  p = copy;

  if (g_ascii_strncasecmp (p, "rp", 2) == 0)
    {
      p += 2;
      while (*p == ' ')
        p++;
    }

  if (*p == '\0')
    {
      refuse (error, text, _("it is empty. Write the amount in rupiah, e.g. 12.500."));
      return FALSE;
    }

  if (*p == '-')
    {
      refuse (error, text, _("negative amounts are not allowed."));
      return FALSE;
    }

  if (!g_ascii_isdigit (*p))
    {
      refuse (error, text, _("write digits only, e.g. 12500 or 12.500."));
      return FALSE;
    }

  /* The first group: any number of digits without separators, or 1–3
   * digits followed by separated groups. */
  for (digits = 0; g_ascii_isdigit (*p); p++, digits++)
    {
      /* Past the maximum, keep reading but stop accumulating. */
      if (value <= (guint64)LAPAK_MONEY_MAX)
        value = value * 10 + (guint64)(*p - '0');
    }

  while (*p == '.' || *p == ',')
    {
      char sep = *p;
      guint n = 0;

      while (g_ascii_isdigit (p[1 + n]))
        n++;

      /* A zero fraction: two zeros at the very end. */
      if (n == 2 && p[3] == '\0' && p[1] == '0' && p[2] == '0' && sep != group_sep)
        {
          p += 3;
          break;
        }

      if (n == 2 && p[3] == '\0' && sep != group_sep)
        {
          refuse (error, text, _("rupiah amounts have no cents; leave out the decimals."));
          return FALSE;
        }

      if (n != 3 || (group_sep == 0 && digits > 3))
        {
          refuse (error, text, _("each group after the first needs exactly 3 digits "
                                 "(write 12.500 or 12500)."));
          return FALSE;
        }

      if (group_sep != 0 && sep != group_sep)
        {
          refuse (error, text, _("it mixes “.” and “,” between digit groups."));
          return FALSE;
        }

      group_sep = sep;
      for (guint i = 1; i <= 3; i++)
        if (value <= (guint64)LAPAK_MONEY_MAX)
          value = value * 10 + (guint64)(p[i] - '0');
      p += 4;
    }

  if (*p != '\0')
    {
      refuse (error, text, _("write digits only, e.g. 12500 or 12.500."));
      return FALSE;
    }

  if (value > (guint64)LAPAK_MONEY_MAX)
    {
      refuse (error, text, _("it is too large."));
      return FALSE;
    }

  *out_amount = (int64_t)value;
  return TRUE;
}

static char *
format_digits (int64_t         amount,
               LapakMoneyStyle style,
               gboolean        with_currency)
{
  GString *out = g_string_new (NULL);
  char sep = style == LAPAK_MONEY_STYLE_INDONESIAN ? '.' : ',';
  char digits[32];
  guint64 magnitude;
  int len;

  /* Negating INT64_MIN overflows: work on the unsigned magnitude. */
  magnitude = amount < 0 ? (guint64)0 - (guint64)amount : (guint64)amount;
  len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);

  if (amount < 0)
    g_string_append_c (out, '-');
  if (with_currency)
    g_string_append (out, style == LAPAK_MONEY_STYLE_INDONESIAN ? "Rp" : "Rp ");

  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, sep);
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

/**
 * lapak_money_format:
 *
 * "Rp12.500" in Indonesian, "Rp 12,500" in English; negative amounts get a
 * leading "-".
 */
char *
lapak_money_format (int64_t         amount,
                    LapakMoneyStyle style)
{
  return format_digits (amount, resolve_style (style), TRUE);
}

char *
lapak_money_format_plain (int64_t         amount,
                          LapakMoneyStyle style)
{
  return format_digits (amount, resolve_style (style), FALSE);
}

/**
 * lapak_percent_parse:
 *
 * "15", "15%", "12.5", "12,5%" → basis points (1500, 1500, 1250, 1250).
 * At most two decimals; 0% to 100%.
 */
gboolean
lapak_percent_parse (const char  *text,
                     int         *out_bp,
                     GError     **error)
{
  g_autofree char *copy = NULL;
  char *p;
  gsize len;
  int whole = 0;
  int frac = 0;
  guint int_digits = 0;
  guint frac_digits = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_bp != NULL, FALSE);

  copy = g_strstrip (g_strdup (text));
  len = strlen (copy);
  if (len > 0 && copy[len - 1] == '%')
    {
      copy[len - 1] = '\0';
      g_strchomp (copy);
    }
  p = copy;

  if (*p == '-')
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a percentage: negative percentages are not allowed."), text);
      return FALSE;
    }

  for (; g_ascii_isdigit (*p) && int_digits < 4; p++, int_digits++)
    whole = whole * 10 + (*p - '0');

  if (int_digits > 0 && (*p == '.' || *p == ','))
    {
      p++;
      for (; g_ascii_isdigit (*p) && frac_digits < 3; p++, frac_digits++)
        frac = frac * 10 + (*p - '0');
      if (frac_digits == 0)
        int_digits = 0;   /* "15." is not a number */
    }

  if (int_digits == 0 || *p != '\0' || g_ascii_isdigit (*p))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a percentage: write e.g. 15, 15%% or 12,5%%."), text);
      return FALSE;
    }

  if (frac_digits > 2)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a percentage Lapak can keep: use at most two decimals, e.g. 12,25%%."),
                   text);
      return FALSE;
    }

  if (frac_digits == 1)
    frac *= 10;

  if (whole > 100 || (whole == 100 && frac > 0))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is refused: percentages above 100%% are not allowed."), text);
      return FALSE;
    }

  *out_bp = whole * 100 + frac;
  return TRUE;
}

char *
lapak_percent_format (int             bp,
                      LapakMoneyStyle style)
{
  char mark = resolve_style (style) == LAPAK_MONEY_STYLE_INDONESIAN ? ',' : '.';
  int whole = bp / 100;
  int frac = bp % 100;

  if (frac < 0)
    frac = -frac;

  if (frac == 0)
    return g_strdup_printf ("%d%%", whole);
  if (frac % 10 == 0)
    return g_strdup_printf ("%d%c%d%%", whole, mark, frac / 10);
  return g_strdup_printf ("%d%c%02d%%", whole, mark, frac);
}

/**
 * lapak_money_apply_bp:
 *
 * round_half_away_from_zero (@amount × @bp / 10000), exactly, in integers.
 */
int64_t
lapak_money_apply_bp (int64_t amount,
                      int     bp)
{
  __int128 product = (__int128)amount * bp;
  __int128 magnitude = product < 0 ? -product : product;
  __int128 rounded = (magnitude + 5000) / 10000;

  return (int64_t)(product < 0 ? -rounded : rounded);
}
