/* test-parse.c — regressions for bugs the fuzz targets found in the parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case is also a seed in tests/fuzz/corpus/, replayed by the fuzz-*
 * tests; here they are spelled out with what exactly was wrong.
 */
#include <string.h>

#include <glib.h>

#include "lapak-code.h"
#include "lapak-error.h"
#include "lapak-sale.h"

/* lapak_payment_parse ("") read past the end of g_strsplit's empty vector
 * (and took "" for "cash" through a g_return_val_if_fail in
 * g_ascii_strcasecmp). */
static void
test_payment_empty (void)
{
  static const char *inputs[] = { "", "   ", ":", ":500", " : 500 " };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      LapakPayMethod method = LAPAK_PAY_N_METHODS;
      int64_t amount = -7;

      g_assert_false (lapak_payment_parse (inputs[i], &method, &amount, &error));
      g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
      g_assert_true (strstr (error->message, "cash, qris") != NULL);
      g_assert_cmpint (method, ==, LAPAK_PAY_N_METHODS);
      g_assert_cmpint (amount, ==, -7);
    }
}

/* A refused payment set the method and the amount anyway. */
static void
test_payment_outputs_on_refusal (void)
{
  static const char *inputs[] = { "qris:0", "cash", "card:-5", "transfer:1,5" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      LapakPayMethod method = LAPAK_PAY_N_METHODS;
      int64_t amount = -7;

      g_assert_false (lapak_payment_parse (inputs[i], &method, &amount, &error));
      g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
      g_assert_cmpint (method, ==, LAPAK_PAY_N_METHODS);
      g_assert_cmpint (amount, ==, -7);
    }
}

/* Messages quoted the input raw, so bytes that are not UTF-8 ended up in a
 * message shown to the cashier and in --json output. */
static void
test_messages_are_utf8 (void)
{
  g_autoptr(GError) pay_error = NULL;
  g_autoptr(GError) id_error = NULL;
  g_autoptr(GError) method_error = NULL;
  g_autofree char *till = NULL;
  LapakPayMethod method;
  int64_t amount;
  int64_t seq;

  g_assert_false (lapak_payment_parse ("\xfb\x7f\xc6\xa4~:5", &method, &amount, &pay_error));
  g_assert_error (pay_error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_true (g_utf8_validate (pay_error->message, -1, NULL));

  g_assert_false (lapak_pay_method_from_string ("ca\xffsh", &method, &method_error));
  g_assert_error (method_error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_true (g_utf8_validate (method_error->message, -1, NULL));

  g_assert_false (lapak_sale_id_parse ("KLL-\xff\xfe" "007*2", &till, &seq, &id_error));
  g_assert_error (id_error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_true (g_utf8_validate (id_error->message, -1, NULL));
  g_assert_null (till);
}

/* The code validators quoted their input raw too (tenant codes and
 * barcodes come from command lines and files). */
static void
test_code_messages_are_utf8 (void)
{
  static const char *inputs[] = { "\x8f" "3", "KLL-\xff" "007", "k\xe9", "899\xc3" "12", "\xff\xfe" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) tenant_error = NULL;
      g_autoptr(GError) code_error = NULL;
      g_autoptr(GError) barcode_error = NULL;

      g_assert_false (lapak_tenant_code_validate (inputs[i], &tenant_error));
      g_assert_false (lapak_product_code_validate (inputs[i], &code_error));
      g_assert_false (lapak_barcode_validate (inputs[i], &barcode_error));
      g_assert_error (tenant_error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
      g_assert_error (code_error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
      g_assert_error (barcode_error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
      g_assert_true (g_utf8_validate (tenant_error->message, -1, NULL));
      g_assert_true (g_utf8_validate (code_error->message, -1, NULL));
      g_assert_true (g_utf8_validate (barcode_error->message, -1, NULL));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parse/payment/empty", test_payment_empty);
  g_test_add_func ("/parse/payment/outputs-on-refusal", test_payment_outputs_on_refusal);
  g_test_add_func ("/parse/messages-are-utf8", test_messages_are_utf8);
  g_test_add_func ("/parse/code-messages-are-utf8", test_code_messages_are_utf8);

  return g_test_run ();
}
