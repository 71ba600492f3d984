/* test-money.c — rupiah amounts and percentages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rule of DESIGN.md "Money" and CLI.md "Amount syntax" / "Percent
 * syntax" is pinned here, and the parsers, formatters and the rounding are
 * checked against independent slow references over many random values. No
 * floating point anywhere, tests included.
 */
#include <string.h>

#include <glib.h>

#include "lapak-money.h"
#include "lapak-error.h"

#define TEN_POW_18 G_GUINT64_CONSTANT (1000000000000000000)

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */
/* ---------------------------------------------------------------------- */

static guint64
rand_u64 (void)
{
  return ((guint64) (guint32) g_test_rand_int () << 32) | (guint64) (guint32) g_test_rand_int ();
}

/* A random value with a random number of digits (1 to @max_digits), so that
 * small and large magnitudes are all exercised, not only 18-digit ones. */
static guint64
rand_digits (guint max_digits)
{
  guint digits = (guint) g_test_rand_int_range (1, (gint32) max_digits + 1);
  guint64 limit = 1;

  for (guint i = 0; i < digits && i < 19; i++)
    limit *= 10;
  if (digits >= 20)
    return rand_u64 ();
  return rand_u64 () % limit;
}

static int64_t
rand_amount (void)
{
  guint64 v = rand_digits (16);

  return (int64_t) (v > (guint64) LAPAK_MONEY_MAX ? v % ((guint64) LAPAK_MONEY_MAX + 1) : v);
}

/* Inserts @sep between groups of three digits, working on text only. */
static char *
reference_group (const char *digits,
                 char        sep)
{
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      g_string_append_c (out, digits[i]);
      if (i + 1 < len && (len - i - 1) % 3 == 0)
        g_string_append_c (out, sep);
    }
  return g_string_free (out, FALSE);
}

/* lapak_money_format() rebuilt from printf's decimal digits. */
static char *
reference_format (int64_t  amount,
                  gboolean indonesian,
                  gboolean with_symbol)
{
  g_autofree char *decimal = g_strdup_printf ("%" G_GINT64_FORMAT, amount);
  gboolean negative = decimal[0] == '-';
  g_autofree char *grouped = reference_group (decimal + (negative ? 1 : 0),
                                              indonesian ? '.' : ',');

  return g_strdup_printf ("%s%s%s",
                          negative ? "-" : "",
                          with_symbol ? (indonesian ? "Rp" : "Rp ") : "",
                          grouped);
}

static void
assert_money_parses (const char *text,
                     int64_t     expected)
{
  g_autoptr(GError) error = NULL;
  int64_t amount = -4242;

  if (!lapak_money_parse (text, &amount, &error))
    g_error ("“%s” was refused: %s", text, error->message);
  g_assert_no_error (error);
  if (amount != expected)
    g_error ("“%s” parsed as %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
             text, amount, expected);
}

/* Refused with LAPAK_ERROR_INVALID; the message quotes the (trimmed) input,
 * contains @fragment, says what to write, and the output is left alone. */
static void
assert_money_refused (const char *text,
                      const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  int64_t amount = 4242;

  if (lapak_money_parse (text, &amount, &error))
    g_error ("“%s” was accepted as %" G_GINT64_FORMAT ", expected a refusal",
             text, amount);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_cmpint (amount, ==, 4242);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, fragment) == NULL)
    g_error ("the message for “%s” lacks “%s”: %s", text, fragment, error->message);
  if (strstr (error->message, "write") == NULL)
    g_error ("the message for “%s” does not say what to write: %s", text, error->message);
  if (*trimmed != '\0' && g_utf8_validate (trimmed, -1, NULL))
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", trimmed);

      if (strstr (error->message, quoted) == NULL)
        g_error ("the message for “%s” does not quote it: %s", text, error->message);
    }

  /* Refusing without a GError to fill must work too. */
  g_assert_false (lapak_money_parse (text, &amount, NULL));
  g_assert_cmpint (amount, ==, 4242);
}

static void
assert_percent_parses (const char *text,
                       int         expected)
{
  g_autoptr(GError) error = NULL;
  int bp = -4242;

  if (!lapak_percent_parse (text, &bp, &error))
    g_error ("“%s” was refused: %s", text, error->message);
  g_assert_no_error (error);
  if (bp != expected)
    g_error ("“%s” parsed as %d bp, expected %d", text, bp, expected);
}

static void
assert_percent_refused (const char *text,
                        const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  int bp = 4242;

  if (lapak_percent_parse (text, &bp, &error))
    g_error ("“%s” was accepted as %d bp, expected a refusal", text, bp);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_cmpint (bp, ==, 4242);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, fragment) == NULL)
    g_error ("the message for “%s” lacks “%s”: %s", text, fragment, error->message);
  if (strstr (error->message, "write") == NULL)
    g_error ("the message for “%s” does not say what to write: %s", text, error->message);
  if (*trimmed != '\0')
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", trimmed);

      if (strstr (error->message, quoted) == NULL)
        g_error ("the message for “%s” does not quote it: %s", text, error->message);
    }

  g_assert_false (lapak_percent_parse (text, &bp, NULL));
  g_assert_cmpint (bp, ==, 4242);
}

static char *
parse_error_message (const char *text)
{
  g_autoptr(GError) error = NULL;
  int64_t amount;

  g_assert_false (lapak_money_parse (text, &amount, &error));
  g_assert_nonnull (error);
  return g_strdup (error->message);
}

/* ---------------------------------------------------------------------- */
/* Parsing amounts                                                        */
/* ---------------------------------------------------------------------- */

static void
test_parse_plain (void)
{
  assert_money_parses ("12500", 12500);
  assert_money_parses ("0", 0);
  assert_money_parses ("1", 1);
  assert_money_parses ("999", 999);
  assert_money_parses ("1000", 1000);
  assert_money_parses ("1234567", 1234567);
  assert_money_parses ("007", 7);
  assert_money_parses ("000", 0);
  assert_money_parses ("1000000000000000", LAPAK_MONEY_MAX);
  assert_money_parses ("999999999999999", LAPAK_MONEY_MAX - 1);
  /* Leading zeros do not count towards the limit. */
  assert_money_parses ("00000000000000000000000012", 12);
}

static void
test_parse_grouped (void)
{
  assert_money_parses ("12.500", 12500);
  assert_money_parses ("12,500", 12500);
  assert_money_parses ("1.000", 1000);
  assert_money_parses ("1,000", 1000);
  assert_money_parses ("100.000", 100000);
  assert_money_parses ("1.000.000", 1000000);
  assert_money_parses ("1,000,000", 1000000);
  assert_money_parses ("999.999.999", 999999999);
  assert_money_parses ("0.500", 500);
  assert_money_parses ("1.000.000.000.000.000", LAPAK_MONEY_MAX);
  assert_money_parses ("1,000,000,000,000,000", LAPAK_MONEY_MAX);
  assert_money_parses ("999.999.999.999.999", LAPAK_MONEY_MAX - 1);
}

static void
test_parse_fraction (void)
{
  assert_money_parses ("12.500,00", 12500);
  assert_money_parses ("12,500.00", 12500);
  assert_money_parses ("12.00", 12);
  assert_money_parses ("12,00", 12);
  assert_money_parses ("0,00", 0);
  assert_money_parses ("0.00", 0);
  assert_money_parses ("1234,00", 1234);
  assert_money_parses ("1.000.000,00", 1000000);
  assert_money_parses ("1,000,000.00", 1000000);
  assert_money_parses ("1.000.000.000.000.000,00", LAPAK_MONEY_MAX);
}

static void
test_parse_prefix (void)
{
  assert_money_parses ("Rp12.500", 12500);
  assert_money_parses ("Rp 12.500", 12500);
  assert_money_parses ("Rp12.500,00", 12500);
  assert_money_parses ("Rp 12,500.00", 12500);
  assert_money_parses ("RP12500", 12500);
  assert_money_parses ("rp12500", 12500);
  assert_money_parses ("rP 7", 7);
  assert_money_parses ("Rp   1.000.000", 1000000);
  assert_money_parses ("Rp\t5", 5);
  assert_money_parses ("Rp0", 0);
  assert_money_parses ("Rp 1,000,000,000,000,000", LAPAK_MONEY_MAX);
}

static void
test_parse_whitespace (void)
{
  assert_money_parses ("  15000 ", 15000);
  assert_money_parses ("\t12.500\n", 12500);
  assert_money_parses (" Rp 12.500,00 ", 12500);
  assert_money_parses ("\r\n0\r\n", 0);
}

static void
test_parse_refused_empty (void)
{
  assert_money_refused ("", "empty");
  assert_money_refused ("   ", "empty");
  assert_money_refused ("\t\n", "empty");
  assert_money_refused ("Rp", "missing");
  assert_money_refused ("rp ", "missing");
  assert_money_refused ("  RP   ", "missing");
}

static void
test_parse_refused_negative (void)
{
  assert_money_refused ("-5", "negative amounts are not allowed");
  assert_money_refused ("-0", "negative amounts are not allowed");
  assert_money_refused ("-12.500", "negative amounts are not allowed");
  assert_money_refused ("-Rp12.500", "negative amounts are not allowed");
  assert_money_refused ("-Rp 12,500", "negative amounts are not allowed");
  assert_money_refused ("Rp-5", "negative amounts are not allowed");
  assert_money_refused ("Rp -5", "negative amounts are not allowed");
  assert_money_refused (" - 5", "negative amounts are not allowed");
  assert_money_refused ("+5", "“+” sign");
  assert_money_refused ("Rp +5", "“+” sign");
}

static void
test_parse_refused_groups (void)
{
  assert_money_refused ("12.5", "each group after the first needs exactly 3 digits");
  assert_money_refused ("12,5", "each group after the first needs exactly 3 digits");
  assert_money_refused ("1.0000", "each group after the first needs exactly 3 digits");
  assert_money_refused ("1,0000", "each group after the first needs exactly 3 digits");
  assert_money_refused ("1.000.0000", "each group after the first needs exactly 3 digits");
  assert_money_refused ("1.00.000", "each group after the first needs exactly 3 digits");
  assert_money_refused ("12.500.5", "each group after the first needs exactly 3 digits");
  assert_money_refused ("12.500,00,00", "each group after the first needs exactly 3 digits");
  assert_money_refused ("1234.567", "the first group has more than 3 digits");
  assert_money_refused ("1234,567,000", "the first group has more than 3 digits");
  assert_money_refused ("1.000,000", "mixes “.” and “,”");
  assert_money_refused ("1,000.000", "mixes “.” and “,”");
  assert_money_refused ("1.000.000,000", "mixes “.” and “,”");
  assert_money_refused ("12.500.00", "a zero fraction must use “,”");
  assert_money_refused ("12,500,00", "a zero fraction must use “.”");
  assert_money_refused ("12.", "each “.” must be followed by digits");
  assert_money_refused ("12..500", "each “.” must be followed by digits");
  assert_money_refused ("12,", "each “,” must be followed by digits");
  assert_money_refused ("12.500,", "each “,” must be followed by digits");
  assert_money_refused (".500", "must start with a digit");
  assert_money_refused (",5", "must start with a digit");
  assert_money_refused ("Rp.12.500", "must start with a digit");
}

static void
test_parse_refused_cents (void)
{
  assert_money_refused ("12,50", "rupiah has no cents");
  assert_money_refused ("12.50", "rupiah has no cents");
  assert_money_refused ("12.500,50", "rupiah has no cents");
  assert_money_refused ("12,500.50", "rupiah has no cents");
  assert_money_refused ("12.500,5", "rupiah has no cents");
  assert_money_refused ("12.500,0", "rupiah has no cents");
  assert_money_refused ("12.500,01", "rupiah has no cents");
  assert_money_refused ("Rp12.500,99", "rupiah has no cents");
  assert_money_refused ("0,01", "rupiah has no cents");
}

static void
test_parse_refused_characters (void)
{
  assert_money_refused ("1e3", "exponent");
  assert_money_refused ("2E5", "exponent");
  assert_money_refused ("1e+3", "exponent");
  assert_money_refused ("12 500", "space inside the number");
  assert_money_refused ("Rp 12 500", "space inside the number");
  assert_money_refused ("12.500 Rp", "space inside the number");
  assert_money_refused ("12\xc2\xa0" "500", "space inside the number");  /* no-break space */
  assert_money_refused ("abc", "the letter “a”");
  assert_money_refused ("5k", "the letter “k”");
  assert_money_refused ("12.500e", "the letter “e”");
  assert_money_refused ("e3", "the letter “e”");
  assert_money_refused ("IDR 5", "the letter “I”");
  assert_money_refused ("Rupiah 5", "the letter “R”");
  assert_money_refused ("RpRp5", "the letter “R”");
  assert_money_refused ("0x10", "the letter “x”");
  assert_money_refused ("12.500ribu", "the letter “r”");
  assert_money_refused ("Rp12.500,-", "“-” cannot be part of an amount");
  assert_money_refused ("12-500", "“-” cannot be part of an amount");
  assert_money_refused ("12_500", "“_” cannot be part of an amount");
  assert_money_refused ("12'500", "“'” cannot be part of an amount");
  assert_money_refused ("12#", "“#” cannot be part of an amount");
  assert_money_refused ("€5", "“€” cannot be part of an amount");
  assert_money_refused ("\xd9\xa1\xd9\xa2\xd9\xa3", "0–9");  /* Arabic-Indic digits */
  assert_money_refused ("12\x01", "not a digit");
  assert_money_refused ("12\xff", "not a digit");  /* not UTF-8 */
}

static void
test_parse_refused_too_large (void)
{
  assert_money_refused ("1.000.000.000.000.001", "too large");
  assert_money_refused ("1000000000000001", "too large");
  assert_money_refused ("Rp 1,000,000,000,000,001.00", "too large");
  assert_money_refused ("9223372036854775807", "too large");   /* INT64_MAX */
  assert_money_refused ("9223372036854775808", "too large");   /* INT64_MAX + 1 */
  assert_money_refused ("18446744073709551615", "too large");  /* UINT64_MAX */
  assert_money_refused ("18446744073709551616", "too large");
  assert_money_refused ("99999999999999999999999999999999999999", "too large");
  assert_money_refused ("999.999.999.999.999.999.999.999.999", "too large");
}

static void
test_parse_messages (void)
{
  g_autofree char *m = NULL;

  /* The exact wording the brief asked for, suggestions included. */
  m = parse_error_message ("12.5");
  g_assert_cmpstr (m, ==, "“12.5” is not an amount: each group after the first needs "
                          "exactly 3 digits; write e.g. 12.500 or 12500.");
  g_clear_pointer (&m, g_free);

  m = parse_error_message ("-5");
  g_assert_cmpstr (m, ==, "“-5” is not an amount: negative amounts are not allowed; "
                          "write the amount without the minus sign.");
  g_clear_pointer (&m, g_free);

  /* Suggestions computed from the input. */
  m = parse_error_message ("1234.567");
  g_assert_nonnull (strstr (m, "write 1.234.567 or 1234567."));
  g_clear_pointer (&m, g_free);

  m = parse_error_message ("1234,567");
  g_assert_nonnull (strstr (m, "write 1,234,567 or 1234567."));
  g_clear_pointer (&m, g_free);

  m = parse_error_message ("1.000,000");
  g_assert_nonnull (strstr (m, "write 1.000.000 or 1,000,000."));
  g_clear_pointer (&m, g_free);

  m = parse_error_message ("12.500,50");
  g_assert_nonnull (strstr (m, "only “,00” may follow the whole rupiah; write 12.500."));
  g_clear_pointer (&m, g_free);

  m = parse_error_message ("Rp 12,500.5");
  g_assert_nonnull (strstr (m, "only “.00” may follow the whole rupiah; write 12,500."));
  g_clear_pointer (&m, g_free);

  m = parse_error_message ("12,50");
  g_assert_nonnull (strstr (m, "write 12."));
  g_clear_pointer (&m, g_free);

  m = parse_error_message ("12.500.00");
  g_assert_nonnull (strstr (m, "write 12.500,00 or 12.500."));
  g_clear_pointer (&m, g_free);

  m = parse_error_message ("1,000,000,00");
  g_assert_nonnull (strstr (m, "write 1,000,000.00 or 1,000,000."));
  g_clear_pointer (&m, g_free);

  m = parse_error_message ("99999999999999999999");
  g_assert_nonnull (strstr (m, "write at most 1.000.000.000.000.000."));
  g_clear_pointer (&m, g_free);

  m = parse_error_message ("9,999,999,999,999,999");
  g_assert_nonnull (strstr (m, "write at most 1,000,000,000,000,000."));
  g_clear_pointer (&m, g_free);

  /* Every suggestion above is itself accepted. */
  assert_money_parses ("1.234.567", 1234567);
  assert_money_parses ("1,234,567", 1234567);
  assert_money_parses ("12.500,00", 12500);
  assert_money_parses ("1,000,000.00", 1000000);
}

static void
test_parse_message_quoting (void)
{
  g_autofree char *long_digits = g_strnfill (1000, '7');
  g_autofree char *long_letters = g_strnfill (1000, 'x');
  g_autofree char *m = NULL;

  /* Long input is cut short in the message, on a character boundary. */
  m = parse_error_message (long_digits);
  g_assert_nonnull (strstr (m, "too large"));
  g_assert_nonnull (strstr (m, "…”"));
  g_assert_cmpuint (strlen (m), <, 300);
  g_assert_true (g_utf8_validate (m, -1, NULL));
  g_clear_pointer (&m, g_free);

  m = parse_error_message (long_letters);
  g_assert_cmpuint (strlen (m), <, 300);
  g_clear_pointer (&m, g_free);

  /* Invalid UTF-8 is shown with a replacement character. */
  m = parse_error_message ("12\xff");
  g_assert_true (g_utf8_validate (m, -1, NULL));
  g_assert_nonnull (strstr (m, "“12\xef\xbf\xbd”"));
  g_clear_pointer (&m, g_free);

  /* Multibyte characters are never cut in half. */
  {
    g_autoptr(GString) s = g_string_new ("1");

    for (guint i = 0; i < 60; i++)
      g_string_append (s, "€");
    m = parse_error_message (s->str);
    g_assert_true (g_utf8_validate (m, -1, NULL));
  }
}

/* The grammar of CLI.md "Amount syntax" written as a regular expression: an
 * independent referee for random input. */
static GRegex *
amount_grammar (void)
{
  GError *error = NULL;
  GRegex *regex;

  regex = g_regex_new ("^[ \\t\\n\\r\\f]*(?:[Rr][Pp][ \\t\\n\\r\\f]*)?"
                       "(?:(?<plain>[0-9]+)(?:[.,]00)?"
                       "|(?<dots>[0-9]{1,3}(?:\\.[0-9]{3})+)(?:,00)?"
                       "|(?<commas>[0-9]{1,3}(?:,[0-9]{3})+)(?:\\.00)?)"
                       "[ \\t\\n\\r\\f]*$",
                       G_REGEX_RAW, 0, &error);
  g_assert_no_error (error);
  return regex;
}

/* Returns TRUE and the value if @text is grammatical and at most
 * LAPAK_MONEY_MAX; sets *too_large for grammatical input above it. */
static gboolean
reference_parse (GRegex     *grammar,
                 const char *text,
                 int64_t    *out_amount,
                 gboolean   *too_large)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *dots = NULL;
  g_autofree char *commas = NULL;
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *whole;
  const char *significant;

  *too_large = FALSE;
  if (!g_regex_match (grammar, text, 0, &match))
    return FALSE;

  plain = g_match_info_fetch_named (match, "plain");
  dots = g_match_info_fetch_named (match, "dots");
  commas = g_match_info_fetch_named (match, "commas");
  whole = plain != NULL && *plain != '\0' ? plain
        : dots != NULL && *dots != '\0' ? dots
        : commas;
  g_assert_nonnull (whole);

  for (const char *p = whole; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  significant = digits->str;
  while (significant[0] == '0' && significant[1] != '\0')
    significant++;

  /* Compare with "1000000000000000" as text: no arithmetic to overflow. */
  if (strlen (significant) > 16
      || (strlen (significant) == 16 && strcmp (significant, "1000000000000000") > 0))
    {
      *too_large = TRUE;
      return FALSE;
    }

  *out_amount = (int64_t) g_ascii_strtoull (significant, NULL, 10);
  return TRUE;
}

static void
check_against_reference (GRegex     *grammar,
                         const char *text,
                         guint      *n_accepted,
                         guint      *n_refused)
{
  g_autoptr(GError) error = NULL;
  int64_t expected = -1;
  int64_t amount = -1;
  gboolean too_large;
  gboolean want = reference_parse (grammar, text, &expected, &too_large);
  gboolean got = lapak_money_parse (text, &amount, &error);

  if (want != got)
    g_error ("“%s”: lapak_money_parse says %s (%s), the grammar says %s",
             text, got ? "yes" : "no", error != NULL ? error->message : "",
             want ? "yes" : "no");
  if (got)
    {
      g_assert_cmpint (amount, ==, expected);
      g_assert_cmpint (amount, >=, 0);
      g_assert_cmpint (amount, <=, LAPAK_MONEY_MAX);
      (*n_accepted)++;
    }
  else
    {
      g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (strstr (error->message, "write") == NULL
          || (too_large && strstr (error->message, "too large") == NULL))
        g_error ("the message for “%s” is not the expected one: %s", text, error->message);
      (*n_refused)++;
    }
}

static void
test_parse_random_against_grammar (void)
{
  static const char alphabet[] = "0000111223456789....,,,,  Rrp-+e\t";
  g_autoptr(GRegex) grammar = amount_grammar ();
  guint n_accepted = 0;
  guint n_refused = 0;

  /* Random strings over the characters that matter. */
  for (guint i = 0; i < 30000; i++)
    {
      char text[24];
      guint len = (guint) g_test_rand_int_range (0, 16);

      for (guint j = 0; j < len; j++)
        text[j] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
      text[len] = '\0';
      check_against_reference (grammar, text, &n_accepted, &n_refused);
    }

  /* Formatted amounts with one to three random edits: close to the border
   * between accepted and refused. */
  for (guint i = 0; i < 30000; i++)
    {
      g_autofree char *formatted = NULL;
      GString *s;
      guint edits = (guint) g_test_rand_int_range (0, 4);

      formatted = (i & 1) ? lapak_money_format (rand_amount (), LAPAK_MONEY_STYLE_INDONESIAN)
                          : lapak_money_format_plain (rand_amount (), LAPAK_MONEY_STYLE_ENGLISH);
      s = g_string_new (formatted);
      if (i % 3 == 0)
        g_string_append (s, g_test_rand_bit () ? ",00" : ".00");
      for (guint e = 0; e < edits; e++)
        {
          char c = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
          gsize at = (gsize) g_test_rand_int_range (0, (gint32) s->len + 1);

          switch (g_test_rand_int_range (0, 3))
            {
            case 0:
              g_string_insert_c (s, (gssize) at, c);
              break;
            case 1:
              if (at < s->len)
                g_string_erase (s, (gssize) at, 1);
              break;
            default:
              if (at < s->len)
                s->str[at] = c;
              break;
            }
        }
      check_against_reference (grammar, s->str, &n_accepted, &n_refused);
      g_string_free (s, TRUE);
    }

  /* Both sides of the border were really exercised. */
  g_test_message ("%u accepted, %u refused", n_accepted, n_refused);
  g_assert_cmpuint (n_accepted, >, 5000);
  g_assert_cmpuint (n_refused, >, 5000);
}

/* ---------------------------------------------------------------------- */
/* Formatting amounts                                                     */
/* ---------------------------------------------------------------------- */

static void
test_format_examples (void)
{
  static const struct {
    int64_t     amount;
    const char *id;
    const char *en;
    const char *plain_id;
    const char *plain_en;
  } cases[] = {
    { 0, "Rp0", "Rp 0", "0", "0" },
    { 1, "Rp1", "Rp 1", "1", "1" },
    { 12, "Rp12", "Rp 12", "12", "12" },
    { 999, "Rp999", "Rp 999", "999", "999" },
    { 1000, "Rp1.000", "Rp 1,000", "1.000", "1,000" },
    { 12500, "Rp12.500", "Rp 12,500", "12.500", "12,500" },
    { 100000, "Rp100.000", "Rp 100,000", "100.000", "100,000" },
    { 999999, "Rp999.999", "Rp 999,999", "999.999", "999,999" },
    { 1000000, "Rp1.000.000", "Rp 1,000,000", "1.000.000", "1,000,000" },
    { 1234567, "Rp1.234.567", "Rp 1,234,567", "1.234.567", "1,234,567" },
    { LAPAK_MONEY_MAX, "Rp1.000.000.000.000.000", "Rp 1,000,000,000,000,000",
      "1.000.000.000.000.000", "1,000,000,000,000,000" },
    { -1, "-Rp1", "-Rp 1", "-1", "-1" },
    { -999, "-Rp999", "-Rp 999", "-999", "-999" },
    { -1000, "-Rp1.000", "-Rp 1,000", "-1.000", "-1,000" },
    { -12500, "-Rp12.500", "-Rp 12,500", "-12.500", "-12,500" },
    { G_MAXINT64, "Rp9.223.372.036.854.775.807", "Rp 9,223,372,036,854,775,807",
      "9.223.372.036.854.775.807", "9,223,372,036,854,775,807" },
    { G_MININT64, "-Rp9.223.372.036.854.775.808", "-Rp 9,223,372,036,854,775,808",
      "-9.223.372.036.854.775.808", "-9,223,372,036,854,775,808" },
    { G_MININT64 + 1, "-Rp9.223.372.036.854.775.807", "-Rp 9,223,372,036,854,775,807",
      "-9.223.372.036.854.775.807", "-9,223,372,036,854,775,807" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = lapak_money_format (cases[i].amount, LAPAK_MONEY_STYLE_INDONESIAN);
      g_autofree char *en = lapak_money_format (cases[i].amount, LAPAK_MONEY_STYLE_ENGLISH);
      g_autofree char *plain_id = lapak_money_format_plain (cases[i].amount,
                                                            LAPAK_MONEY_STYLE_INDONESIAN);
      g_autofree char *plain_en = lapak_money_format_plain (cases[i].amount,
                                                            LAPAK_MONEY_STYLE_ENGLISH);

      g_assert_cmpstr (id, ==, cases[i].id);
      g_assert_cmpstr (en, ==, cases[i].en);
      g_assert_cmpstr (plain_id, ==, cases[i].plain_id);
      g_assert_cmpstr (plain_en, ==, cases[i].plain_en);
    }
}

static void
check_format_against_reference (int64_t amount)
{
  g_autofree char *id = lapak_money_format (amount, LAPAK_MONEY_STYLE_INDONESIAN);
  g_autofree char *en = lapak_money_format (amount, LAPAK_MONEY_STYLE_ENGLISH);
  g_autofree char *plain_id = lapak_money_format_plain (amount, LAPAK_MONEY_STYLE_INDONESIAN);
  g_autofree char *plain_en = lapak_money_format_plain (amount, LAPAK_MONEY_STYLE_ENGLISH);
  g_autofree char *ref_id = reference_format (amount, TRUE, TRUE);
  g_autofree char *ref_en = reference_format (amount, FALSE, TRUE);
  g_autofree char *ref_plain_id = reference_format (amount, TRUE, FALSE);
  g_autofree char *ref_plain_en = reference_format (amount, FALSE, FALSE);

  g_assert_cmpstr (id, ==, ref_id);
  g_assert_cmpstr (en, ==, ref_en);
  g_assert_cmpstr (plain_id, ==, ref_plain_id);
  g_assert_cmpstr (plain_en, ==, ref_plain_en);
}

static void
test_format_int64_edges (void)
{
  static const int64_t edges[] = {
    G_MININT64, G_MININT64 + 1, G_MININT64 + 999, G_MININT64 + 1000,
    G_MAXINT64, G_MAXINT64 - 1, -LAPAK_MONEY_MAX, -LAPAK_MONEY_MAX * 1000,
    LAPAK_MONEY_MAX * 1000, G_MAXINT32, G_MININT32, (int64_t) G_MAXUINT32,
  };

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    check_format_against_reference (edges[i]);

  /* Every power of ten and its neighbours, both signs: the group borders. */
  for (int64_t p = 1; ; p *= 10)
    {
      check_format_against_reference (p - 1);
      check_format_against_reference (p);
      check_format_against_reference (p + 1);
      check_format_against_reference (-p + 1);
      check_format_against_reference (-p);
      check_format_against_reference (-p - 1);
      if (p > G_MAXINT64 / 10)
        break;
    }
}

static void
test_format_random (void)
{
  for (guint i = 0; i < 10000; i++)
    {
      /* The whole int64 range, and amounts of every length. */
      check_format_against_reference ((int64_t) rand_u64 ());
      check_format_against_reference (g_test_rand_bit () ? rand_amount () : -rand_amount ());
    }
}

/* Sets the UI language as GLib reads it, checks all three default-style
 * functions, and puts the environment back. */
static void
check_default_style (const char *language,
                     const char *lc_all,
                     gboolean    indonesian)
{
  g_autofree char *money = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *percent = NULL;

  g_setenv ("LANGUAGE", language, TRUE);
  g_setenv ("LC_ALL", lc_all, TRUE);

  money = lapak_money_format (-1234567, LAPAK_MONEY_STYLE_DEFAULT);
  plain = lapak_money_format_plain (12500, LAPAK_MONEY_STYLE_DEFAULT);
  percent = lapak_percent_format (1250, LAPAK_MONEY_STYLE_DEFAULT);

  if (indonesian)
    {
      g_assert_cmpstr (money, ==, "-Rp1.234.567");
      g_assert_cmpstr (plain, ==, "12.500");
      g_assert_cmpstr (percent, ==, "12,5%");
    }
  else
    {
      g_assert_cmpstr (money, ==, "-Rp 1,234,567");
      g_assert_cmpstr (plain, ==, "12,500");
      g_assert_cmpstr (percent, ==, "12.5%");
    }
}

static void
test_format_default_follows_language (void)
{
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *old_lc_all = g_strdup (g_getenv ("LC_ALL"));

  check_default_style ("id", "C", TRUE);
  check_default_style ("id_ID", "C", TRUE);
  check_default_style ("id_ID.UTF-8", "C", TRUE);
  check_default_style ("id.UTF-8", "C", TRUE);
  check_default_style ("id@latin", "C", TRUE);
  check_default_style ("id_ID:en_US", "C", TRUE);
  check_default_style ("en_US:id_ID", "C", FALSE);
  check_default_style ("en_GB", "C", FALSE);
  check_default_style ("C", "C", FALSE);
  check_default_style ("ido", "C", FALSE);    /* Ido, not Indonesian */
  check_default_style ("idx_ID", "C", FALSE);
  check_default_style ("i", "C", FALSE);
  check_default_style ("nl_NL", "C", FALSE);
  /* Without LANGUAGE, GLib reads LC_ALL. */
  check_default_style ("", "id_ID.UTF-8", TRUE);
  check_default_style ("", "en_US.UTF-8", FALSE);

  if (old_language != NULL)
    g_setenv ("LANGUAGE", old_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  if (old_lc_all != NULL)
    g_setenv ("LC_ALL", old_lc_all, TRUE);
  else
    g_unsetenv ("LC_ALL");
}

/* ---------------------------------------------------------------------- */
/* Round trips                                                            */
/* ---------------------------------------------------------------------- */

static void
check_round_trip (int64_t amount)
{
  static const LapakMoneyStyle styles[] = {
    LAPAK_MONEY_STYLE_INDONESIAN, LAPAK_MONEY_STYLE_ENGLISH,
  };

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      g_autofree char *text = lapak_money_format (amount, styles[s]);
      g_autofree char *plain = lapak_money_format_plain (amount, styles[s]);
      g_autofree char *with_fraction = NULL;
      g_autofree char *lower = g_ascii_strdown (text, -1);
      g_autofree char *padded = g_strdup_printf ("  %s\t", text);

      assert_money_parses (text, amount);
      assert_money_parses (plain, amount);
      assert_money_parses (lower, amount);
      assert_money_parses (padded, amount);
      with_fraction = g_strconcat (text, styles[s] == LAPAK_MONEY_STYLE_INDONESIAN ? ",00" : ".00",
                                   NULL);
      assert_money_parses (with_fraction, amount);

      /* The negative of what was formatted is refused as negative. */
      if (amount > 0)
        {
          g_autofree char *negative = lapak_money_format (-amount, styles[s]);

          assert_money_refused (negative, "negative amounts are not allowed");
        }
    }
}

static void
test_round_trip_exhaustive_small (void)
{
  for (int64_t v = 0; v <= 20000; v++)
    check_round_trip (v);
}

static void
test_round_trip_edges (void)
{
  for (int64_t p = 1; p <= LAPAK_MONEY_MAX; p *= 10)
    {
      check_round_trip (p - 1);
      check_round_trip (p);
      if (p < LAPAK_MONEY_MAX)
        check_round_trip (p + 1);
    }
  check_round_trip (LAPAK_MONEY_MAX);
  check_round_trip (LAPAK_MONEY_MAX - 1);
  check_round_trip (999999999999999);
  check_round_trip (123456789012345);
}

static void
test_round_trip_random (void)
{
  for (guint i = 0; i < 5000; i++)
    check_round_trip (rand_amount ());
  /* Amounts near the maximum. */
  for (guint i = 0; i < 500; i++)
    check_round_trip (LAPAK_MONEY_MAX - g_test_rand_int_range (0, 1000000));
}

static void
test_round_trip_above_max (void)
{
  /* What the formatter writes for amounts above the limit is refused as too
   * large, in both styles, up to INT64_MAX. */
  static const int64_t amounts[] = {
    LAPAK_MONEY_MAX + 1, LAPAK_MONEY_MAX * 10, G_MAXINT64 - 1, G_MAXINT64,
  };

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *id = lapak_money_format (amounts[i], LAPAK_MONEY_STYLE_INDONESIAN);
      g_autofree char *en = lapak_money_format (amounts[i], LAPAK_MONEY_STYLE_ENGLISH);

      assert_money_refused (id, "too large");
      assert_money_refused (en, "too large");
    }
  for (guint i = 0; i < 1000; i++)
    {
      guint64 above = rand_u64 () % (guint64) (G_MAXINT64 - LAPAK_MONEY_MAX);
      int64_t amount = LAPAK_MONEY_MAX + 1 + (int64_t) above;
      g_autofree char *plain = lapak_money_format_plain (amount, LAPAK_MONEY_STYLE_INDONESIAN);

      assert_money_refused (plain, "too large");
    }
}

/* ---------------------------------------------------------------------- */
/* Percentages                                                            */
/* ---------------------------------------------------------------------- */

static void
test_percent_parse_accepted (void)
{
  assert_percent_parses ("15", 1500);
  assert_percent_parses ("15%", 1500);
  assert_percent_parses ("12.5", 1250);
  assert_percent_parses ("12,5%", 1250);
  assert_percent_parses (" 7,25 % ", 725);
  assert_percent_parses ("7.25", 725);
  assert_percent_parses ("0", 0);
  assert_percent_parses ("0%", 0);
  assert_percent_parses ("0.00", 0);
  assert_percent_parses ("100", 10000);
  assert_percent_parses ("100%", 10000);
  assert_percent_parses ("100.0", 10000);
  assert_percent_parses ("100,00 %", 10000);
  assert_percent_parses ("0.01", 1);
  assert_percent_parses ("0,1", 10);
  assert_percent_parses ("0.10", 10);
  assert_percent_parses ("12.05", 1205);
  assert_percent_parses ("99.99", 9999);
  assert_percent_parses ("99,99%", 9999);
  assert_percent_parses ("007", 700);
  assert_percent_parses ("5 %", 500);
  assert_percent_parses ("\t12.5%\n", 1250);
}

static void
test_percent_parse_refused (void)
{
  assert_percent_refused ("", "empty");
  assert_percent_refused ("   ", "empty");
  assert_percent_refused ("%", "with at most two decimals");
  assert_percent_refused (" % ", "with at most two decimals");
  assert_percent_refused ("-5", "negative percentages are not allowed");
  assert_percent_refused ("-0", "negative percentages are not allowed");
  assert_percent_refused ("-12,5%", "negative percentages are not allowed");
  assert_percent_refused ("101", "percentages above 100% are not allowed");
  assert_percent_refused ("100.01", "percentages above 100% are not allowed");
  assert_percent_refused ("100,1%", "percentages above 100% are not allowed");
  assert_percent_refused ("1000", "percentages above 100% are not allowed");
  assert_percent_refused ("99999999999999999999999", "percentages above 100% are not allowed");
  assert_percent_refused ("12.555", "more than two decimals");
  assert_percent_refused ("0,001", "more than two decimals");
  assert_percent_refused ("12.500", "more than two decimals");
  assert_percent_refused ("abc", "with at most two decimals");
  assert_percent_refused ("1e2", "with at most two decimals");
  assert_percent_refused ("15.", "with at most two decimals");
  assert_percent_refused (".5", "with at most two decimals");
  assert_percent_refused ("12,5,0", "with at most two decimals");
  assert_percent_refused ("12.5.", "with at most two decimals");
  assert_percent_refused ("15%%", "with at most two decimals");
  assert_percent_refused ("%15", "with at most two decimals");
  assert_percent_refused ("1 5", "with at most two decimals");
  assert_percent_refused ("+5", "with at most two decimals");
  assert_percent_refused ("15 % %", "with at most two decimals");
  assert_percent_refused ("15 persen", "with at most two decimals");
  assert_percent_refused ("1.000", "more than two decimals");
}

static void
test_percent_format_examples (void)
{
  static const struct {
    int         bp;
    const char *id;
    const char *en;
  } cases[] = {
    { 1500, "15%", "15%" },
    { 1250, "12,5%", "12.5%" },
    { 725, "7,25%", "7.25%" },
    { 0, "0%", "0%" },
    { 10000, "100%", "100%" },
    { 1, "0,01%", "0.01%" },
    { 10, "0,1%", "0.1%" },
    { 1205, "12,05%", "12.05%" },
    { 9999, "99,99%", "99.99%" },
    { -1250, "-12,5%", "-12.5%" },
    { -1, "-0,01%", "-0.01%" },
    { 123456, "1234,56%", "1234.56%" },
    { G_MAXINT, "21474836,47%", "21474836.47%" },
    { G_MININT, "-21474836,48%", "-21474836.48%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = lapak_percent_format (cases[i].bp, LAPAK_MONEY_STYLE_INDONESIAN);
      g_autofree char *en = lapak_percent_format (cases[i].bp, LAPAK_MONEY_STYLE_ENGLISH);

      g_assert_cmpstr (id, ==, cases[i].id);
      g_assert_cmpstr (en, ==, cases[i].en);
    }
}

static void
test_percent_round_trip (void)
{
  /* Every percentage Lapak accepts, in both styles. */
  for (int bp = 0; bp <= 10000; bp++)
    {
      g_autofree char *id = lapak_percent_format (bp, LAPAK_MONEY_STYLE_INDONESIAN);
      g_autofree char *en = lapak_percent_format (bp, LAPAK_MONEY_STYLE_ENGLISH);
      g_autofree char *bare = g_strndup (en, strlen (en) - 1);
      const char *mark = strchr (id, ',');

      g_assert_null (strchr (id, '.'));
      g_assert_null (strchr (en, ','));
      /* At most two decimals, and no trailing zero after the mark. */
      if (mark != NULL)
        {
          g_assert_cmpuint (strlen (mark + 1), <=, 3);
          g_assert_cmpint (id[strlen (id) - 2], !=, '0');
        }
      assert_percent_parses (id, bp);
      assert_percent_parses (en, bp);
      assert_percent_parses (bare, bp);
    }

  /* Just above 100%, formatted, is refused. */
  for (int bp = 10001; bp <= 10100; bp++)
    {
      g_autofree char *id = lapak_percent_format (bp, LAPAK_MONEY_STYLE_INDONESIAN);

      assert_percent_refused (id, "percentages above 100% are not allowed");
    }
}

/* ---------------------------------------------------------------------- */
/* Applying basis points                                                  */
/* ---------------------------------------------------------------------- */

/* Schoolbook multiplication on the decimal digits that printf writes: shares
 * no arithmetic with the implementation. */
static int64_t
reference_apply_bp_decimal (int64_t amount,
                            int     bp)
{
  g_autofree char *decimal = g_strdup_printf ("%" G_GINT64_FORMAT, amount);
  gboolean negative = decimal[0] == '-';
  const char *digits = decimal + (negative ? 1 : 0);
  gsize n = strlen (digits);
  guint product[32] = { 0 };   /* little-endian decimal digits */
  guint64 quotient = 0;
  guint remainder;

  g_assert_cmpuint (n, <=, 19);
  for (gsize i = 0; i < n; i++)
    {
      guint carry = 0;
      guint d = (guint) (digits[n - 1 - i] - '0');
      guint m = (guint) bp;

      /* product += d × bp × 10^i, digit by digit. */
      for (gsize j = i; m > 0 || carry > 0; j++)
        {
          guint t = product[j] + d * (m % 10) + carry;

          product[j] = t % 10;
          carry = t / 10;
          m /= 10;
        }
    }

  remainder = product[3] * 1000 + product[2] * 100 + product[1] * 10 + product[0];
  for (gsize j = G_N_ELEMENTS (product); j > 4; j--)
    quotient = quotient * 10 + product[j - 1];
  if (remainder >= 5000)
    quotient++;

  if (!negative)
    return (int64_t) quotient;
  if (quotient == G_GUINT64_CONSTANT (9223372036854775808))
    return G_MININT64;
  return -(int64_t) quotient;
}

#ifdef __SIZEOF_INT128__
static int64_t
reference_apply_bp_int128 (int64_t amount,
                           int     bp)
{
  __int128 product = (__int128) amount * bp;
  __int128 q = product / 10000;
  __int128 r = product % 10000;   /* same sign as product */

  if (r >= 5000)
    q++;
  else if (r <= -5000)
    q--;
  return (int64_t) q;
}
#endif

/* For amounts where amount × bp fits in an int64_t: plain C division. */
static int64_t
reference_apply_bp_small (int64_t amount,
                          int     bp)
{
  int64_t product = amount * bp;
  int64_t q = product / 10000;
  int64_t r = product % 10000;

  if (r >= 5000)
    q++;
  else if (r <= -5000)
    q--;
  return q;
}

static void
check_apply_bp (int64_t amount,
                int     bp)
{
  int64_t got = lapak_money_apply_bp (amount, bp);
  int64_t want = reference_apply_bp_decimal (amount, bp);

  if (got != want)
    g_error ("apply_bp (%" G_GINT64_FORMAT ", %d) = %" G_GINT64_FORMAT
             ", expected %" G_GINT64_FORMAT, amount, bp, got, want);
#ifdef __SIZEOF_INT128__
  g_assert_cmpint (want, ==, reference_apply_bp_int128 (amount, bp));
#endif
}

static void
test_apply_bp_examples (void)
{
  static const struct {
    int64_t amount;
    int     bp;
    int64_t expected;
  } cases[] = {
    { 12500, 1500, 1875 },
    { 5, 1000, 1 },       /* 0.5 rounds away from zero */
    { -5, 1000, -1 },
    { 15, 1000, 2 },      /* 1.5 */
    { 14, 1000, 1 },      /* 1.4 */
    { -15, 1000, -2 },
    { -14, 1000, -1 },
    { 25, 1000, 3 },      /* 2.5: away from zero, not to even */
    { -25, 1000, -3 },
    { 0, 1500, 0 },
    { 100000, 0, 0 },
    { -100000, 0, 0 },
    { 100000, 10000, 100000 },
    { -100000, 10000, -100000 },
    { 33333, 1250, 4167 },  /* 4166.625 */
    { 1, 5000, 1 },
    { -1, 5000, -1 },
    { 1, 4999, 0 },
    { -1, 4999, 0 },
    { 1, 1, 0 },
    { 9999, 1, 1 },       /* 0.9999 */
    { 4999, 1, 0 },       /* 0.4999 */
    { 5000, 1, 1 },       /* 0.5 */
    { -5000, 1, -1 },
    { LAPAK_MONEY_MAX, 1500, 150000000000000 },
    { LAPAK_MONEY_MAX * 1000, 10000, LAPAK_MONEY_MAX * 1000 },
    { LAPAK_MONEY_MAX * 1000, 9999, 999900000000000000 },
    { -LAPAK_MONEY_MAX * 1000, 1, -100000000000000 },
    { G_MAXINT64, 10000, G_MAXINT64 },
    { G_MININT64, 10000, G_MININT64 },
    { G_MININT64, 5000, -4611686018427387904 },
    { G_MAXINT64, 5000, 4611686018427387904 },  /* ...903.5 rounds up */
    { G_MININT64, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int64_t got = lapak_money_apply_bp (cases[i].amount, cases[i].bp);

      if (got != cases[i].expected)
        g_error ("apply_bp (%" G_GINT64_FORMAT ", %d) = %" G_GINT64_FORMAT
                 ", expected %" G_GINT64_FORMAT,
                 cases[i].amount, cases[i].bp, got, cases[i].expected);
      check_apply_bp (cases[i].amount, cases[i].bp);
    }
}

static void
test_apply_bp_exhaustive_small (void)
{
  static const int bps[] = { 0, 1, 2, 3, 7, 250, 333, 725, 1000, 1250, 1500, 2500,
                             3333, 4999, 5000, 5001, 6667, 9999, 10000 };

  for (int64_t amount = -20000; amount <= 20000; amount++)
    for (guint i = 0; i < G_N_ELEMENTS (bps); i++)
      {
        int64_t got = lapak_money_apply_bp (amount, bps[i]);

        g_assert_cmpint (got, ==, reference_apply_bp_small (amount, bps[i]));
        /* Symmetric around zero: rounding away from zero, not up. */
        g_assert_cmpint (got, ==, -lapak_money_apply_bp (-amount, bps[i]));
      }

  /* Every basis point for a few amounts. */
  for (int bp = 0; bp <= 10000; bp++)
    {
      check_apply_bp (12500, bp);
      check_apply_bp (-12500, bp);
      check_apply_bp (1, bp);
      check_apply_bp (-9999, bp);
      check_apply_bp (LAPAK_MONEY_MAX, bp);
      check_apply_bp (-LAPAK_MONEY_MAX * 1000, bp);
    }
}

static void
test_apply_bp_random (void)
{
  const guint64 span = 2 * TEN_POW_18 + 1;

  for (guint i = 0; i < 100000; i++)
    {
      int bp = g_test_rand_int_range (0, 10001);
      int64_t amount;

      switch (i % 4)
        {
        case 0:  /* |amount| ≤ LAPAK_MONEY_MAX × 1000, uniformly */
          amount = (int64_t) (rand_u64 () % span) - (int64_t) TEN_POW_18;
          break;
        case 1:  /* amounts of every length, both signs */
          amount = (int64_t) rand_digits (18);
          if (g_test_rand_bit ())
            amount = -amount;
          break;
        case 2:  /* the whole int64 range */
          amount = (int64_t) rand_u64 ();
          break;
        default:  /* exact halves: amount × bp ends in 5000 */
          amount = (int64_t) rand_digits (14) * 10000 + 5000;
          bp = 1;
          if (g_test_rand_bit ())
            amount = -amount;
          break;
        }

      check_apply_bp (amount, bp);
    }
}

static void
test_apply_bp_properties (void)
{
  for (guint i = 0; i < 20000; i++)
    {
      int64_t amount = (int64_t) (rand_u64 () % (2 * TEN_POW_18 + 1)) - (int64_t) TEN_POW_18;
      int bp = g_test_rand_int_range (0, 10000);
      int64_t a = lapak_money_apply_bp (amount, bp);
      int64_t b = lapak_money_apply_bp (amount, bp + 1);

      g_assert_cmpint (lapak_money_apply_bp (amount, 0), ==, 0);
      g_assert_cmpint (lapak_money_apply_bp (amount, 10000), ==, amount);
      g_assert_cmpint (a, ==, -lapak_money_apply_bp (-amount, bp));
      /* More basis points never move the share towards zero. */
      if (amount >= 0)
        g_assert_cmpint (a, <=, b);
      else
        g_assert_cmpint (a, >=, b);
      /* Never further than half a rupiah from the exact share: check
       * |a × 10000 − amount × bp| ≤ 5000 with a small amount. */
      if (amount > -1000000000 && amount < 1000000000)
        {
          int64_t diff = a * 10000 - amount * bp;

          g_assert_cmpint (diff, <=, 5000);
          g_assert_cmpint (diff, >=, -5000);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Programmer errors                                                      */
/* ---------------------------------------------------------------------- */

static void
test_preconditions (void)
{
  int64_t amount = 7;
  int bp = 7;
  char *text;

  if (!g_test_undefined ())
    return;

  g_test_expect_message ("lapak-core", G_LOG_LEVEL_CRITICAL, "*text != NULL*");
  g_assert_false (lapak_money_parse (NULL, &amount, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("lapak-core", G_LOG_LEVEL_CRITICAL, "*out_amount != NULL*");
  g_assert_false (lapak_money_parse ("12", NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("lapak-core", G_LOG_LEVEL_CRITICAL, "*text != NULL*");
  g_assert_false (lapak_percent_parse (NULL, &bp, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("lapak-core", G_LOG_LEVEL_CRITICAL, "*out_bp != NULL*");
  g_assert_false (lapak_percent_parse ("12", NULL, NULL));
  g_test_assert_expected_messages ();

  g_assert_cmpint (amount, ==, 7);
  g_assert_cmpint (bp, ==, 7);

  g_test_expect_message ("lapak-core", G_LOG_LEVEL_CRITICAL, "*bp*");
  g_assert_cmpint (lapak_money_apply_bp (1000, -1), ==, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("lapak-core", G_LOG_LEVEL_CRITICAL, "*bp*");
  g_assert_cmpint (lapak_money_apply_bp (1000, 10001), ==, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("lapak-core", G_LOG_LEVEL_CRITICAL, "*style*");
  text = lapak_money_format (1, (LapakMoneyStyle) 42);
  g_assert_null (text);
  g_test_assert_expected_messages ();

  g_test_expect_message ("lapak-core", G_LOG_LEVEL_CRITICAL, "*style*");
  text = lapak_money_format_plain (1, (LapakMoneyStyle) -1);
  g_assert_null (text);
  g_test_assert_expected_messages ();

  g_test_expect_message ("lapak-core", G_LOG_LEVEL_CRITICAL, "*style*");
  text = lapak_percent_format (1, (LapakMoneyStyle) 3);
  g_assert_null (text);
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/parse/plain", test_parse_plain);
  g_test_add_func ("/money/parse/grouped", test_parse_grouped);
  g_test_add_func ("/money/parse/fraction", test_parse_fraction);
  g_test_add_func ("/money/parse/prefix", test_parse_prefix);
  g_test_add_func ("/money/parse/whitespace", test_parse_whitespace);
  g_test_add_func ("/money/parse/refused/empty", test_parse_refused_empty);
  g_test_add_func ("/money/parse/refused/negative", test_parse_refused_negative);
  g_test_add_func ("/money/parse/refused/groups", test_parse_refused_groups);
  g_test_add_func ("/money/parse/refused/cents", test_parse_refused_cents);
  g_test_add_func ("/money/parse/refused/characters", test_parse_refused_characters);
  g_test_add_func ("/money/parse/refused/too-large", test_parse_refused_too_large);
  g_test_add_func ("/money/parse/messages", test_parse_messages);
  g_test_add_func ("/money/parse/message-quoting", test_parse_message_quoting);
  g_test_add_func ("/money/parse/random-against-grammar", test_parse_random_against_grammar);
  g_test_add_func ("/money/format/examples", test_format_examples);
  g_test_add_func ("/money/format/int64-edges", test_format_int64_edges);
  g_test_add_func ("/money/format/random", test_format_random);
  g_test_add_func ("/money/format/default-follows-language", test_format_default_follows_language);
  g_test_add_func ("/money/round-trip/exhaustive-small", test_round_trip_exhaustive_small);
  g_test_add_func ("/money/round-trip/edges", test_round_trip_edges);
  g_test_add_func ("/money/round-trip/random", test_round_trip_random);
  g_test_add_func ("/money/round-trip/above-max", test_round_trip_above_max);
  g_test_add_func ("/money/percent/parse/accepted", test_percent_parse_accepted);
  g_test_add_func ("/money/percent/parse/refused", test_percent_parse_refused);
  g_test_add_func ("/money/percent/format/examples", test_percent_format_examples);
  g_test_add_func ("/money/percent/round-trip", test_percent_round_trip);
  g_test_add_func ("/money/apply-bp/examples", test_apply_bp_examples);
  g_test_add_func ("/money/apply-bp/exhaustive-small", test_apply_bp_exhaustive_small);
  g_test_add_func ("/money/apply-bp/random", test_apply_bp_random);
  g_test_add_func ("/money/apply-bp/properties", test_apply_bp_properties);
  g_test_add_func ("/money/preconditions", test_preconditions);

  return g_test_run ();
}
