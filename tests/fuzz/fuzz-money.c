/* fuzz-money.c — libFuzzer target for amounts, percentages and payments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same bytes go to lapak_money_parse(), lapak_percent_parse() and
 * lapak_payment_parse(); the first 12 bytes also make an int64 amount and a
 * basis-point rate. Beyond "does not crash" it asserts:
 *
 * - a refusal is a LAPAK_ERROR_INVALID with a readable message and leaves
 *   the output alone;
 * - differential: lapak_money_parse() accepts exactly what an independent
 *   model accepts (a regular expression: optional "Rp", digits, or groups
 *   of three after a 1–3 digit group all with "." or all with ",", then
 *   optionally a zero fraction with the other separator; at most
 *   LAPAK_MONEY_MAX) and gives the model's value;
 * - an accepted amount is 0 … LAPAK_MONEY_MAX, and every way Lapak writes it
 *   (Indonesian and English, with and without "Rp", bare digits) parses back
 *   to the same amount;
 * - any amount 0 … LAPAK_MONEY_MAX written by lapak_money_format() parses
 *   back to itself; above the maximum, or negative, it is refused;
 * - an accepted percentage is 0 … 10000 bp and lapak_percent_format()
 *   parses back to it, in both styles;
 * - lapak_money_apply_bp() equals the exact rational result rounded half
 *   away from zero (checked with 128-bit integers), for every int64 amount;
 * - an accepted payment has a known method and an amount > 0 and ≤ the
 *   maximum, or "the rest" for a non-cash method without ":"; written back
 *   as "method:Rp amount" it parses to the same payment.
 */
#include "fuzz-common.h"

#include "lapak-money.h"
#include "lapak-sale.h"

#define TARGET "fuzz-money"

static const LapakMoneyStyle styles[] = { LAPAK_MONEY_STYLE_INDONESIAN, LAPAK_MONEY_STYLE_ENGLISH };

static void
check_amount_round_trip (const char *input,
                         int64_t     amount)
{
  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      char *texts[4] = { NULL, };

      texts[0] = lapak_money_format (amount, styles[s]);
      texts[1] = lapak_money_format_plain (amount, styles[s]);
      texts[2] = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) amount);
      texts[3] = g_strdup_printf (" rp %s,00 ", texts[1]);
      if (styles[s] == LAPAK_MONEY_STYLE_ENGLISH)
        texts[3][strlen (texts[3]) - 4] = '.';   /* "Rp 12,500.00" */

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          g_autoptr(GError) error = NULL;
          int64_t again = -7;

          if (!lapak_money_parse (texts[t], &again, &error))
            fuzz_fail (TARGET, "an amount Lapak wrote is refused", input, texts[t]);
          if (again != amount)
            fuzz_fail (TARGET, "an amount does not round-trip", input, texts[t]);
        }
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        g_free (texts[t]);
    }
}

/* The model: TRUE and the value if @input is an amount Lapak accepts. */
static gboolean
model_money (const char *input,
             int64_t    *out_value)
{
  static GRegex *shape = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (input));
  g_autofree char *number = NULL;
  GString *digits;
  const char *p;
  guint64 value = 0;

  if (shape == NULL)
    shape = g_regex_new ("^(?:[Rr][Pp][ \t\n\f\r]*)?"
                         "(\\d+(?:[.,]00)?|\\d{1,3}(?:\\.\\d{3})+(?:,00)?|\\d{1,3}(?:,\\d{3})+(?:\\.00)?)$",
                         G_REGEX_OPTIMIZE | G_REGEX_RAW | G_REGEX_DOLLAR_ENDONLY, 0, NULL);
  if (!g_regex_match (shape, trimmed, 0, &match))
    return FALSE;
  number = g_match_info_fetch (match, 1);

  /* Drop the zero fraction, then the separators, then leading zeros. */
  digits = g_string_new (number);
  if (digits->len > 3 && (digits->str[digits->len - 3] == '.' || digits->str[digits->len - 3] == ',') &&
      g_str_has_suffix (digits->str, "00"))
    g_string_truncate (digits, digits->len - 3);
  for (p = digits->str; *p == '0' || *p == '.' || *p == ','; p++)
    ;
  for (; *p != '\0'; p++)
    {
      if (*p == '.' || *p == ',')
        continue;
      if (value > (guint64) LAPAK_MONEY_MAX)
        break;
      value = value * 10 + (guint64) (*p - '0');
    }
  g_string_free (digits, TRUE);
  if (value > (guint64) LAPAK_MONEY_MAX)
    return FALSE;
  *out_value = (int64_t) value;
  return TRUE;
}

static void
check_money (const char *input)
{
  g_autoptr(GError) error = NULL;
  int64_t amount = -7;
  int64_t model = -1;
  gboolean model_ok = model_money (input, &model);
  gboolean ok = lapak_money_parse (input, &amount, &error);

  if (ok != model_ok)
    fuzz_fail (TARGET, ok ? "lapak_money_parse accepts what the model refuses"
                          : "lapak_money_parse refuses what the model accepts",
               input, ok ? NULL : error->message);
  if (ok && amount != model)
    fuzz_fail (TARGET, "lapak_money_parse and the model disagree on the value", input, NULL);

  if (!ok)
    {
      fuzz_check_refusal (TARGET, input, error);
      if (amount != -7)
        fuzz_fail (TARGET, "a refused amount set the output", input, NULL);
      return;
    }
  if (amount < 0 || amount > LAPAK_MONEY_MAX)
    fuzz_fail (TARGET, "an accepted amount is out of range", input, NULL);
  check_amount_round_trip (input, amount);
}

/* Any int64: written by Lapak, it parses back when in range, else is refused. */
static void
check_formatted (const char *input,
                 int64_t     value)
{
  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      g_autofree char *text = lapak_money_format (value, styles[s]);
      g_autoptr(GError) error = NULL;
      int64_t again = -7;
      gboolean ok = lapak_money_parse (text, &again, &error);

      if (value >= 0 && value <= LAPAK_MONEY_MAX)
        {
          if (!ok || again != value)
            fuzz_fail (TARGET, "a formatted amount does not parse back", input, text);
        }
      else
        {
          if (ok)
            fuzz_fail (TARGET, "a negative or too large amount was accepted", input, text);
          fuzz_check_refusal (TARGET, text, error);
          if (again != -7)
            fuzz_fail (TARGET, "a refused amount set the output", text, NULL);
        }
    }
}

static void
check_apply_bp (const char *input,
                int64_t     amount,
                int         bp)
{
  __int128 product = (__int128) amount * bp;
  __int128 magnitude = product < 0 ? -product : product;
  __int128 rounded = (magnitude + 5000) / 10000;
  __int128 expected = product < 0 ? -rounded : rounded;
  int64_t got = lapak_money_apply_bp (amount, bp);

  if ((__int128) got != expected)
    {
      g_autofree char *detail = g_strdup_printf ("%" G_GINT64_FORMAT " × %d bp gave %" G_GINT64_FORMAT,
                                                 (gint64) amount, bp, (gint64) got);
      fuzz_fail (TARGET, "lapak_money_apply_bp is not exact", input, detail);
    }
}

static void
check_percent (const char *input)
{
  g_autoptr(GError) error = NULL;
  int bp = -7;

  if (!lapak_percent_parse (input, &bp, &error))
    {
      fuzz_check_refusal (TARGET, input, error);
      if (bp != -7)
        fuzz_fail (TARGET, "a refused percentage set the output", input, NULL);
      return;
    }
  if (bp < 0 || bp > 10000)
    fuzz_fail (TARGET, "an accepted percentage is out of range", input, NULL);

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      g_autofree char *text = lapak_percent_format (bp, styles[s]);
      int again = -7;

      if (!lapak_percent_parse (text, &again, NULL) || again != bp)
        fuzz_fail (TARGET, "a percentage does not round-trip", input, text);
    }
}

static void
check_payment (const char *input)
{
  g_autoptr(GError) error = NULL;
  LapakPayMethod method = LAPAK_PAY_N_METHODS;
  int64_t amount = -7;
  g_autofree char *written = NULL;
  g_autofree char *shouted = NULL;
  LapakPayMethod again_method = LAPAK_PAY_N_METHODS;
  int64_t again_amount = -7;

  if (!lapak_payment_parse (input, &method, &amount, &error))
    {
      fuzz_check_refusal (TARGET, input, error);
      if (amount != -7)
        fuzz_fail (TARGET, "a refused payment set the amount", input, NULL);
      return;
    }
  if ((guint) method >= LAPAK_PAY_N_METHODS)
    fuzz_fail (TARGET, "an accepted payment has no method", input, NULL);

  if (amount == LAPAK_PAY_REST)
    {
      if (method == LAPAK_PAY_CASH)
        fuzz_fail (TARGET, "cash was accepted without an amount", input, NULL);
      if (strchr (input, ':') != NULL)
        fuzz_fail (TARGET, "an amount was given but “the rest” came back", input, NULL);
      written = g_strdup (lapak_pay_method_to_string (method));
    }
  else
    {
      g_autofree char *money = lapak_money_format (amount, LAPAK_MONEY_STYLE_INDONESIAN);

      if (amount <= 0 || amount > LAPAK_MONEY_MAX)
        fuzz_fail (TARGET, "an accepted payment amount is out of range", input, NULL);
      written = g_strdup_printf ("%s:%s", lapak_pay_method_to_string (method), money);
    }

  shouted = g_strdup_printf (" %s ", written);
  for (char *p = shouted; *p != '\0' && *p != ':'; p++)
    *p = g_ascii_toupper (*p);

  if (!lapak_payment_parse (written, &again_method, &again_amount, &error) ||
      again_method != method || again_amount != amount)
    fuzz_fail (TARGET, "a payment does not round-trip", input, written);
  if (!lapak_payment_parse (shouted, &again_method, &again_amount, &error) ||
      again_method != method || again_amount != amount)
    fuzz_fail (TARGET, "a payment in capitals does not round-trip", input, shouted);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = fuzz_string (data, size);

  check_money (input);
  check_percent (input);
  check_payment (input);

  if (size >= 12)
    {
      int64_t value;
      uint32_t rate;

      memcpy (&value, data, sizeof value);
      memcpy (&rate, data + 8, sizeof rate);
      check_formatted (input, value);
      check_formatted (input, value % (LAPAK_MONEY_MAX + 1));
      check_apply_bp (input, value, (int) (rate % 10001));
    }
  return 0;
}
