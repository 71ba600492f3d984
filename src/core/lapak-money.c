/* lapak-money.c — rupiah amounts and percentages, never floating point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Amounts are whole rupiah in an int64_t; percentages are basis points
 * (15% = 1500). Parsing accepts the ways people write rupiah — "12500",
 * "12.500", "12,500", "Rp 12.500", "Rp12.500,00" — and refuses everything
 * else with a message that quotes the input and shows what to write instead.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <glib/gi18n-lib.h>

#include "lapak-money.h"
#include "lapak-error.h"

#include <string.h>

/* The "too large" message spells LAPAK_MONEY_MAX out. */
#define MONEY_MAX_DIGITS "1000000000000000"
G_STATIC_ASSERT (LAPAK_MONEY_MAX == G_GINT64_CONSTANT (1000000000000000));

/* Error messages quote at most this many characters of the input. */
#define QUOTE_MAX_CHARS 40

/* One separator and the run of digits after it: ".500" in "12.500". */
typedef struct
{
  char        sep;
  const char *digits;
  gsize       len;
} Segment;

typedef enum
{
  FRACTION_NONE,
  FRACTION_OTHER_SEP,  /* "12.500,00": a fraction, maybe a valid one */
  FRACTION_SAME_SEP,   /* "12.500.00": looks like a fraction, wrong separator */
} FractionKind;

static gboolean
language_is_indonesian (void)
{
  const char * const *names = g_get_language_names ();
  const char *first = names != NULL ? names[0] : NULL;

  if (first == NULL || first[0] != 'i' || first[1] != 'd')
    return FALSE;
  return first[2] == '\0' || first[2] == '_' || first[2] == '.' || first[2] == '@';
}

static LapakMoneyStyle
resolve_style (LapakMoneyStyle style)
{
  if (style == LAPAK_MONEY_STYLE_DEFAULT)
    return language_is_indonesian () ? LAPAK_MONEY_STYLE_INDONESIAN
                                     : LAPAK_MONEY_STYLE_ENGLISH;
  return style;
}

static gboolean
style_is_valid (LapakMoneyStyle style)
{
  return (guint) style <= (guint) LAPAK_MONEY_STYLE_ENGLISH;
}

/* The input as an error message shows it: valid UTF-8, not too long. */
static char *
quote_input (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  if (g_utf8_strlen (valid, -1) > QUOTE_MAX_CHARS)
    {
      const char *end = g_utf8_offset_to_pointer (valid, QUOTE_MAX_CHARS);

      return g_strdup_printf ("%.*s…", (int) (end - valid), valid);
    }
  return g_steal_pointer (&valid);
}

static guint64
magnitude_of (int64_t value)
{
  /* -INT64_MIN does not fit in an int64_t: negate value + 1 instead, which
   * always fits, and add the 1 back in unsigned arithmetic. */
  return value < 0 ? (guint64) -(value + 1) + 1 : (guint64) value;
}

/* "1234567" → "1.234.567" with @sep between groups of three. */
static char *
group_digits (const char *digits,
              char        sep)
{
  gsize len = strlen (digits);
  GString *out = g_string_sized_new (len + len / 3 + 1);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, sep);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static char
other_separator (char sep)
{
  return sep == '.' ? ',' : '.';
}

/* Refuses the first character of @number that cannot be part of an amount:
 * only ASCII digits, "." and "," can. */
static gboolean
check_characters (const char  *number,
                  const char  *shown,
                  GError     **error)
{
  for (const char *p = number; *p != '\0'; p++)
    {
      gunichar c;
      char utf8[8];
      int n;

      if (g_ascii_isdigit (*p) || *p == '.' || *p == ',')
        continue;

      if ((*p == 'e' || *p == 'E') && p > number && g_ascii_isdigit (p[-1])
          && (g_ascii_isdigit (p[1])
              || ((p[1] == '+' || p[1] == '-') && g_ascii_isdigit (p[2]))))
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not an amount: exponents like “e3” are not understood; "
                         "write all the digits instead, e.g. 1000 or 1.000."),
                       shown);
          return FALSE;
        }

      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2 || g_unichar_iscntrl (c))
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not an amount: it contains a character that is not a digit; "
                         "write only the digits 0–9, with “.” or “,” between groups of "
                         "thousands, e.g. 12.500."),
                       shown);
          return FALSE;
        }

      n = g_unichar_to_utf8 (c, utf8);
      utf8[n] = '\0';

      if (g_unichar_isspace (c))
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not an amount: it has a space inside the number; "
                         "write it without spaces, e.g. 12500 or 12.500."),
                       shown);
          return FALSE;
        }

      if (g_unichar_isdigit (c))
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not an amount: write the digits as 0–9, e.g. 12500 or 12.500."),
                       shown);
          return FALSE;
        }

      if (g_unichar_isalpha (c))
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not an amount: it contains the letter “%s”, and only “Rp” "
                         "may come before the number; write digits, e.g. 12500 or Rp12.500."),
                       shown, utf8);
          return FALSE;
        }

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not an amount: “%s” cannot be part of an amount; write only "
                     "digits, with “.” or “,” between groups of thousands, e.g. 12.500."),
                   shown, utf8);
      return FALSE;
    }

  return TRUE;
}

/**
 * lapak_money_parse:
 * @text: what a person typed
 * @out_amount: (out): the amount in rupiah, set only on success
 * @error: a #LAPAK_ERROR_INVALID error saying what is wrong
 *
 * Parses a rupiah amount as people write it: "12500", "12.500", "12,500",
 * "Rp12.500", "Rp 12.500", "Rp12.500,00". Surrounding whitespace is ignored,
 * and "Rp" may be written in any case. Groups after the first have exactly
 * three digits and all use the same separator; a zero fraction (".00" or
 * ",00", with the other separator when there are groups) may follow.
 * Negative amounts and amounts above %LAPAK_MONEY_MAX are refused.
 *
 * Returns: %TRUE if @text is an amount
 */
gboolean
lapak_money_parse (const char  *text,
                   int64_t     *out_amount,
                   GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *shown = NULL;
  g_autofree Segment *segs = NULL;
  g_autoptr(GString) int_digits = NULL;
  const char *p;
  const char *number;
  gsize first_len;
  gsize n_segs = 0;
  gsize n_groups;
  FractionKind fraction = FRACTION_NONE;
  guint64 value = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_amount != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  shown = quote_input (trimmed);
  p = trimmed;

  if (*p == '\0')
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The amount is empty: write the amount in rupiah, e.g. 12500 or 12.500."));
      return FALSE;
    }

  if (g_ascii_strncasecmp (p, "rp", 2) == 0)
    {
      p += 2;
      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not an amount: the number after “Rp” is missing; "
                         "write e.g. Rp12.500."),
                       shown);
          return FALSE;
        }
    }

  /* "-5", "-Rp5" and "Rp -5" */
  if (*p == '-')
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not an amount: negative amounts are not allowed; "
                     "write the amount without the minus sign."),
                   shown);
      return FALSE;
    }

  if (*p == '+')
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not an amount: it needs no “+” sign; "
                     "write the amount without it, e.g. 12.500."),
                   shown);
      return FALSE;
    }

  number = p;
  if (!check_characters (number, shown, error))
    return FALSE;

  if (!g_ascii_isdigit (*number))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not an amount: it must start with a digit; "
                     "write e.g. 500 or 12.500."),
                   shown);
      return FALSE;
    }

  /* Split "1.250.000,00" into "1" and the segments ".250" ".000" ",00".
   * Only digits, "." and "," are left, and the first character is a digit. */
  segs = g_new0 (Segment, strlen (number) + 1);
  for (p = number; g_ascii_isdigit (*p); p++)
    ;
  first_len = (gsize) (p - number);
  while (*p != '\0')
    {
      Segment *seg = &segs[n_segs++];

      seg->sep = *p++;
      seg->digits = p;
      while (g_ascii_isdigit (*p))
        p++;
      seg->len = (gsize) (p - seg->digits);

      if (seg->len == 0)
        {
          /* Translators: %c is the separator typed, “.” or “,”. */
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not an amount: each “%c” must be followed by digits; "
                         "write e.g. 12.500 or 12500."),
                       shown, seg->sep);
          return FALSE;
        }
    }

  /* Is the last segment a fraction? Two digits always look like one ("12,50",
   * "12.500,00"); one digit only after groups with the other separator
   * ("12.500,5"), since "12.5" is more likely a mistyped group. */
  if (n_segs > 0)
    {
      const Segment *last = &segs[n_segs - 1];
      gboolean other_sep = n_segs == 1 || last->sep != segs[0].sep;

      if (last->len == 2)
        fraction = other_sep ? FRACTION_OTHER_SEP : FRACTION_SAME_SEP;
      else if (last->len == 1 && n_segs > 1 && other_sep)
        fraction = FRACTION_OTHER_SEP;
    }
  n_groups = fraction == FRACTION_NONE ? n_segs : n_segs - 1;

  for (gsize i = 0; i < n_groups; i++)
    {
      if (segs[i].len != 3)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not an amount: each group after the first needs exactly "
                         "3 digits; write e.g. 12.500 or 12500."),
                       shown);
          return FALSE;
        }
    }

  int_digits = g_string_new_len (number, (gssize) first_len);
  for (gsize i = 0; i < n_groups; i++)
    g_string_append_len (int_digits, segs[i].digits, (gssize) segs[i].len);

  for (gsize i = 1; i < n_groups; i++)
    {
      if (segs[i].sep != segs[0].sep)
        {
          g_autofree char *with_dots = group_digits (int_digits->str, '.');
          g_autofree char *with_commas = group_digits (int_digits->str, ',');

          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not an amount: it mixes “.” and “,” between groups of "
                         "thousands; use one of them throughout: write %s or %s."),
                       shown, with_dots, with_commas);
          return FALSE;
        }
    }

  if (n_groups > 0 && first_len > 3)
    {
      g_autofree char *grouped = group_digits (int_digits->str, segs[0].sep);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not an amount: the first group has more than 3 digits; "
                     "write %s or %s."),
                   shown, grouped, int_digits->str);
      return FALSE;
    }

  if (fraction != FRACTION_NONE)
    {
      const Segment *last = &segs[n_segs - 1];
      /* The amount as typed, up to the fraction: "12.500" of "12.500,50". */
      g_autofree char *whole = g_strndup (number, (gsize) (last->digits - 1 - number));

      if (fraction == FRACTION_SAME_SEP)
        {
          char other = other_separator (last->sep);

          /* Translators: the first %c is the separator between the groups
           * of thousands, the second one the other separator. */
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not an amount: when “%c” separates the thousands, "
                         "a zero fraction must use “%c”; write %s%c00 or %s."),
                       shown, last->sep, other, whole, other, whole);
          return FALSE;
        }

      if (last->len != 2 || last->digits[0] != '0' || last->digits[1] != '0')
        {
          /* Translators: %c is the decimal separator typed, “.” or “,”; the
           * last %s is the amount without its cents. */
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not an amount: rupiah has no cents, so only “%c00” "
                         "may follow the whole rupiah; write %s."),
                       shown, last->sep, whole);
          return FALSE;
        }
    }

  /* Check before multiplying: value × 10 + d must stay ≤ LAPAK_MONEY_MAX,
   * so nothing here comes near overflowing. */
  for (gsize i = 0; i < int_digits->len; i++)
    {
      guint64 d = (guint64) (int_digits->str[i] - '0');

      if (value > ((guint64) LAPAK_MONEY_MAX - d) / 10)
        {
          g_autofree char *max = group_digits (MONEY_MAX_DIGITS,
                                               n_groups > 0 ? segs[0].sep : '.');

          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not an amount Lapak accepts: it is too large; "
                         "write at most %s."),
                       shown, max);
          return FALSE;
        }
      value = value * 10 + d;
    }

  *out_amount = (int64_t) value;
  return TRUE;
}

static char *
format_amount (int64_t         amount,
               LapakMoneyStyle style,
               gboolean        with_symbol)
{
  /* 20 digits, 6 separators, "-Rp " and the terminator fit in 32. */
  char digits[24];
  char out[40];
  guint64 magnitude = magnitude_of (amount);
  char sep = style == LAPAK_MONEY_STYLE_INDONESIAN ? '.' : ',';
  gsize n = 0;
  gsize o = 0;

  do
    {
      digits[n++] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);

  if (amount < 0)
    out[o++] = '-';
  if (with_symbol)
    {
      out[o++] = 'R';
      out[o++] = 'p';
      if (style == LAPAK_MONEY_STYLE_ENGLISH)
        out[o++] = ' ';
    }

  /* digits[] holds the number backwards: digits[i] is worth 10^i. */
  for (gsize i = n; i > 0; i--)
    {
      out[o++] = digits[i - 1];
      if (i - 1 > 0 && (i - 1) % 3 == 0)
        out[o++] = sep;
    }

  return g_strndup (out, o);
}

/**
 * lapak_money_format:
 * @amount: whole rupiah, any int64_t
 * @style: how to write it
 *
 * "Rp12.500" in Indonesian, "Rp 12,500" in English; negative amounts get a
 * leading "-" ("-Rp12.500"). %LAPAK_MONEY_STYLE_DEFAULT follows the UI
 * language.
 *
 * Returns: (transfer full): the amount as text
 */
char *
lapak_money_format (int64_t         amount,
                    LapakMoneyStyle style)
{
  g_return_val_if_fail (style_is_valid (style), NULL);

  return format_amount (amount, resolve_style (style), TRUE);
}

/**
 * lapak_money_format_plain:
 * @amount: whole rupiah, any int64_t
 * @style: how to write it
 *
 * Like lapak_money_format() without "Rp": "12.500" or "12,500", "-12.500".
 *
 * Returns: (transfer full): the amount as text
 */
char *
lapak_money_format_plain (int64_t         amount,
                          LapakMoneyStyle style)
{
  g_return_val_if_fail (style_is_valid (style), NULL);

  return format_amount (amount, resolve_style (style), FALSE);
}

/**
 * lapak_percent_parse:
 * @text: what a person typed
 * @out_bp: (out): basis points, set only on success
 * @error: a #LAPAK_ERROR_INVALID error saying what is wrong
 *
 * "15", "15%", "12.5", "12,5%", " 7,25 % " → 1500, 1500, 1250, 1250, 725.
 * At most two decimals after "." or ","; from 0% to 100%.
 *
 * Returns: %TRUE if @text is a percentage
 */
gboolean
lapak_percent_parse (const char  *text,
                     int         *out_bp,
                     GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *shown = NULL;
  const char *p;
  gsize len;
  guint whole = 0;
  guint frac = 0;
  guint whole_digits = 0;
  guint frac_digits = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_bp != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  shown = quote_input (trimmed);

  if (*trimmed == '\0')
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The percentage is empty: write a number from 0 to 100, "
                     "e.g. 15, 15%% or 12,5%%."));
      return FALSE;
    }

  len = strlen (trimmed);
  if (trimmed[len - 1] == '%')
    {
      trimmed[len - 1] = '\0';
      g_strchomp (trimmed);
    }
  p = trimmed;

  if (*p == '-')
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a percentage: negative percentages are not allowed; "
                     "write a number from 0 to 100, e.g. 15%%."),
                   shown);
      return FALSE;
    }

  for (; g_ascii_isdigit (*p); p++, whole_digits++)
    {
      /* Stop counting once it is clearly above 100: no overflow. */
      if (whole <= 1000)
        whole = whole * 10 + (guint) (*p - '0');
    }

  if (whole_digits > 0 && (*p == '.' || *p == ','))
    {
      for (p++; g_ascii_isdigit (*p); p++, frac_digits++)
        {
          if (frac_digits < 2)
            frac = frac * 10 + (guint) (*p - '0');
        }
      if (frac_digits == 0)
        whole_digits = 0;  /* "15." is not a number */
    }

  if (whole_digits == 0 || *p != '\0')
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a percentage: write a number from 0 to 100 with at most "
                     "two decimals, e.g. 15, 15%% or 12,5%%."),
                   shown);
      return FALSE;
    }

  if (frac_digits > 2)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a percentage Lapak accepts: it has more than two "
                     "decimals; write e.g. 12,25%% or 12.25%%."),
                   shown);
      return FALSE;
    }

  if (frac_digits == 1)
    frac *= 10;

  if (whole > 100 || (whole == 100 && frac > 0))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a percentage Lapak accepts: percentages above 100%% "
                     "are not allowed; write a number from 0 to 100."),
                   shown);
      return FALSE;
    }

  *out_bp = (int) (whole * 100 + frac);
  return TRUE;
}

/**
 * lapak_percent_format:
 * @bp: basis points
 * @style: how to write the decimal mark
 *
 * 1500 → "15%", 1250 → "12,5%" (Indonesian) or "12.5%" (English),
 * 725 → "7,25%" or "7.25%", 0 → "0%". Trailing zero decimals are left out.
 *
 * Returns: (transfer full): the percentage as text
 */
char *
lapak_percent_format (int             bp,
                      LapakMoneyStyle style)
{
  guint magnitude = bp < 0 ? (guint) -(bp + 1) + 1 : (guint) bp;  /* INT_MIN too */
  guint whole = magnitude / 100;
  guint frac = magnitude % 100;
  const char *sign = bp < 0 ? "-" : "";
  char mark;

  g_return_val_if_fail (style_is_valid (style), NULL);

  mark = resolve_style (style) == LAPAK_MONEY_STYLE_INDONESIAN ? ',' : '.';

  if (frac == 0)
    return g_strdup_printf ("%s%u%%", sign, whole);
  if (frac % 10 == 0)
    return g_strdup_printf ("%s%u%c%u%%", sign, whole, mark, frac / 10);
  return g_strdup_printf ("%s%u%c%02u%%", sign, whole, mark, frac);
}

/**
 * lapak_money_apply_bp:
 * @amount: whole rupiah, may be negative
 * @bp: basis points, 0 to 10000
 *
 * round_half_away_from_zero (@amount × @bp / 10000), exactly, in integers,
 * for every int64_t @amount: with @amount = q × 10000 + r, the result is
 * q × bp + r × bp / 10000, and only the second term needs rounding.
 *
 * Returns: the share of @amount, rounded half away from zero
 */
int64_t
lapak_money_apply_bp (int64_t amount,
                      int     bp)
{
  guint64 magnitude;
  guint64 q;
  guint64 r;
  guint64 result;

  g_return_val_if_fail (bp >= 0 && bp <= 10000, 0);

  magnitude = magnitude_of (amount);
  q = magnitude / 10000;
  r = magnitude % 10000;

  /* q × bp ≤ magnitude ≤ 2^63 and r × bp < 10^8: nothing overflows, and the
   * result is at most the magnitude. */
  result = q * (guint64) bp + (r * (guint64) bp) / 10000;
  if ((r * (guint64) bp) % 10000 >= 5000)
    result++;

  if (amount >= 0 || result == 0)
    return (int64_t) result;
  /* result may be 2^63 (INT64_MIN at 100%): negate without overflow. */
  return -(int64_t) (result - 1) - 1;
}

/* The banknotes a customer is likely to hand over, smallest first. */
static const int64_t quick_cash_notes[] = { 2000, 5000, 10000, 20000, 50000, 100000 };

/**
 * lapak_money_quick_cash:
 * @total: what the customer pays, > 0
 * @out: (out caller-allocates) (array length=n_out): the suggestions
 * @n_out: room in @out; LAPAK_QUICK_CASH_MAX is always enough
 *
 * The cash amounts a cashier is most likely to be handed for @total: the
 * exact amount first, then for each note of 2.000, 5.000, 10.000, 20.000,
 * 50.000 and 100.000 the smallest whole number of that note above @total
 * (Rp37.500 → 37.500, 38.000, 40.000, 50.000, 100.000), ascending and
 * without repeats.
 *
 * Returns: how many suggestions were written to @out
 */
guint
lapak_money_quick_cash (int64_t  total,
                        int64_t *out,
                        guint    n_out)
{
  guint n = 0;

  g_return_val_if_fail (out != NULL || n_out == 0, 0);

  if (total <= 0 || total > LAPAK_MONEY_MAX || n_out == 0)
    return 0;

  out[n++] = total;
  for (gsize i = 0; i < G_N_ELEMENTS (quick_cash_notes) && n < n_out; i++)
    {
      int64_t note = quick_cash_notes[i];
      int64_t above = (total / note + 1) * note;

      /* Notes ascend, so each candidate is ≥ the previous one. */
      if (above > out[n - 1] && above <= LAPAK_MONEY_MAX)
        out[n++] = above;
    }
  return n;
}
