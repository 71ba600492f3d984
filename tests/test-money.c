/* test-money.c — amounts and percentages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "lapak-error.h"
#include "lapak-money.h"

static void
test_parse_accepted (void)
{
  struct { const char *text; gint64 value; } cases[] = {
    { "12500", 12500 }, { "12.500", 12500 }, { "12,500", 12500 }, { "Rp12.500", 12500 },
    { "Rp 12.500", 12500 }, { "Rp12.500,00", 12500 }, { "rp12500", 12500 }, { "RP 12,500.00", 12500 },
    { "0", 0 }, { "1.000.000", 1000000 }, { "1,000,000", 1000000 }, { "  15000 ", 15000 },
    { "12.00", 12 }, { "12,00", 12 }, { "999", 999 }, { "1.000.000.000.000.000", LAPAK_MONEY_MAX },
    { "Rp1.250.000,00", 1250000 }, { "007", 7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = -1;

      if (!lapak_money_parse (cases[i].text, &value, &error))
        g_error ("“%s” refused: %s", cases[i].text, error->message);
      g_assert_cmpint (value, ==, cases[i].value);
    }
}

static void
test_parse_refused (void)
{
  const char *cases[] = {
    "", "   ", "Rp", "Rp ", "12.5", "12,50", "-5", "Rp-5", "1e3", "12.500.00", "1.000,000",
    "1234.567", "12 500", "12.500,50", "abc", "12.", ".500", "1.0000", "12,5", "Rp12.500,-",
    "1.000.000.000.000.001", "99999999999999999999999", "12.500,00,00", "١٢٣", "+5", "5k",
  };
  gint64 value = 42;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      if (lapak_money_parse (cases[i], &value, &error))
        g_error ("“%s” accepted as %" G_GINT64_FORMAT, cases[i], value);
      g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
      /* The message quotes what was typed. */
      g_assert_nonnull (strstr (error->message, cases[i]));
      g_assert_cmpint (value, ==, 42);
    }
}

static void
test_parse_messages (void)
{
  g_autoptr(GError) error = NULL;
  gint64 value;

  g_assert_false (lapak_money_parse ("-5", &value, &error));
  g_assert_nonnull (strstr (error->message, "negative"));
  g_clear_error (&error);
  g_assert_false (lapak_money_parse ("12.5", &value, &error));
  g_assert_nonnull (strstr (error->message, "3 digits"));
  g_clear_error (&error);
  g_assert_false (lapak_money_parse ("12.500,50", &value, &error));
  g_assert_nonnull (strstr (error->message, "cents"));
  g_clear_error (&error);
  g_assert_false (lapak_money_parse ("99999999999999999999", &value, &error));
  g_assert_nonnull (strstr (error->message, "too large"));
}

static void
test_format (void)
{
  struct { gint64 v; const char *id, *en, *plain_id; } cases[] = {
    { 12500, "Rp12.500", "Rp 12,500", "12.500" },
    { 0, "Rp0", "Rp 0", "0" },
    { 999, "Rp999", "Rp 999", "999" },
    { 1000, "Rp1.000", "Rp 1,000", "1.000" },
    { 1000000, "Rp1.000.000", "Rp 1,000,000", "1.000.000" },
    { -12500, "-Rp12.500", "-Rp 12,500", "-12.500" },
    { G_MAXINT64, "Rp9.223.372.036.854.775.807", "Rp 9,223,372,036,854,775,807", "9.223.372.036.854.775.807" },
    { G_MININT64, "-Rp9.223.372.036.854.775.808", "-Rp 9,223,372,036,854,775,808", "-9.223.372.036.854.775.808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = lapak_money_format (cases[i].v, LAPAK_MONEY_STYLE_INDONESIAN);
      g_autofree char *en = lapak_money_format (cases[i].v, LAPAK_MONEY_STYLE_ENGLISH);
      g_autofree char *plain = lapak_money_format_plain (cases[i].v, LAPAK_MONEY_STYLE_INDONESIAN);

      g_assert_cmpstr (id, ==, cases[i].id);
      g_assert_cmpstr (en, ==, cases[i].en);
      g_assert_cmpstr (plain, ==, cases[i].plain_id);
    }
}

static void
test_format_follows_language (void)
{
  g_autofree char *id = NULL;
  g_autofree char *en = NULL;

  g_setenv ("LANGUAGE", "id", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  /* GLib caches the language list per value of these variables. */
  id = lapak_money_format (12500, LAPAK_MONEY_STYLE_DEFAULT);
  g_assert_cmpstr (id, ==, "Rp12.500");

  g_setenv ("LANGUAGE", "en_GB", TRUE);
  en = lapak_money_format (12500, LAPAK_MONEY_STYLE_DEFAULT);
  g_assert_cmpstr (en, ==, "Rp 12,500");
}

static void
test_round_trip (void)
{
  for (guint i = 0; i < 20000; i++)
    {
      gint64 v = (gint64)(g_test_rand_double () * (double)LAPAK_MONEY_MAX);
      LapakMoneyStyle style = (i & 1) ? LAPAK_MONEY_STYLE_ENGLISH : LAPAK_MONEY_STYLE_INDONESIAN;
      g_autofree char *text = NULL;
      g_autofree char *plain = NULL;
      g_autoptr(GError) error = NULL;
      gint64 back = -1;

      if (i % 3 == 0)
        v = g_test_rand_int_range (0, 1000000);
      text = lapak_money_format (v, style);
      g_assert_true (lapak_money_parse (text, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, v);

      plain = lapak_money_format_plain (v, style);
      g_assert_true (lapak_money_parse (plain, &back, &error));
      g_assert_cmpint (back, ==, v);
    }
}

static void
test_percent (void)
{
  struct { const char *text; int bp; } good[] = {
    { "15", 1500 }, { "15%", 1500 }, { "12.5", 1250 }, { "12,5%", 1250 }, { " 7,25 % ", 725 },
    { "0", 0 }, { "100", 10000 }, { "100%", 10000 }, { "0.01", 1 }, { "99,99", 9999 },
  };
  const char *bad[] = { "", "%", "-5", "101", "100.01", "12.555", "abc", "1e2", "15.", ".5", "12,5,0", "15%%", "1000" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      int bp = -1;

      if (!lapak_percent_parse (good[i].text, &bp, &error))
        g_error ("“%s” refused: %s", good[i].text, error->message);
      g_assert_cmpint (bp, ==, good[i].bp);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      int bp = 7;

      if (lapak_percent_parse (bad[i], &bp, &error))
        g_error ("“%s” accepted as %d", bad[i], bp);
      g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
      g_assert_cmpint (bp, ==, 7);
    }
}

static void
test_percent_format (void)
{
  struct { int bp; const char *id, *en; } cases[] = {
    { 1500, "15%", "15%" }, { 1250, "12,5%", "12.5%" }, { 725, "7,25%", "7.25%" },
    { 0, "0%", "0%" }, { 10000, "100%", "100%" }, { 1, "0,01%", "0.01%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = lapak_percent_format (cases[i].bp, LAPAK_MONEY_STYLE_INDONESIAN);
      g_autofree char *en = lapak_percent_format (cases[i].bp, LAPAK_MONEY_STYLE_ENGLISH);
      int back;

      g_assert_cmpstr (id, ==, cases[i].id);
      g_assert_cmpstr (en, ==, cases[i].en);
      g_assert_true (lapak_percent_parse (id, &back, NULL));
      g_assert_cmpint (back, ==, cases[i].bp);
    }
}

/* The slow, obviously right way: long division with the remainder. */
static gint64
reference_apply_bp (gint64 amount,
                    int    bp)
{
  gboolean negative = amount < 0;
  guint64 magnitude = negative ? (guint64)0 - (guint64)amount : (guint64)amount;
  guint64 q = magnitude / 10000;
  guint64 r = magnitude % 10000;
  guint64 whole = q * (guint64)bp;
  guint64 part = r * (guint64)bp;        /* < 10^8 */
  guint64 result = whole + part / 10000;

  if ((part % 10000) * 2 >= 10000)
    result++;
  return negative ? -(gint64)result : (gint64)result;
}

static void
test_apply_bp (void)
{
  struct { gint64 amount; int bp; gint64 expected; } cases[] = {
    { 12500, 1500, 1875 }, { 5, 1000, 1 }, { -5, 1000, -1 }, { 15, 1000, 2 }, { 14, 1000, 1 },
    { -15, 1000, -2 }, { 0, 1500, 0 }, { 100000, 0, 0 }, { 100000, 10000, 100000 },
    { 33333, 1250, 4167 }, { 1, 5000, 1 }, { -1, 5000, -1 }, { 1, 4999, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (lapak_money_apply_bp (cases[i].amount, cases[i].bp), ==, cases[i].expected);

  for (guint i = 0; i < 100000; i++)
    {
      gint64 amount = (gint64)(g_test_rand_double_range (-1.0, 1.0) * (double)LAPAK_MONEY_MAX * 1000.0);
      int bp = g_test_rand_int_range (0, 10001);

      if (i % 2)
        amount = g_test_rand_int_range (-1000000, 1000000);
      g_assert_cmpint (lapak_money_apply_bp (amount, bp), ==, reference_apply_bp (amount, bp));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/parse/accepted", test_parse_accepted);
  g_test_add_func ("/money/parse/refused", test_parse_refused);
  g_test_add_func ("/money/parse/messages", test_parse_messages);
  g_test_add_func ("/money/format", test_format);
  g_test_add_func ("/money/format/follows-language", test_format_follows_language);
  g_test_add_func ("/money/round-trip", test_round_trip);
  g_test_add_func ("/money/percent/parse", test_percent);
  g_test_add_func ("/money/percent/format", test_percent_format);
  g_test_add_func ("/money/apply-bp", test_apply_bp);

  return g_test_run ();
}
