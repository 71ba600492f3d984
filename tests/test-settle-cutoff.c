/* test-settle-cutoff.c — which cut-offs a settlement may be closed up to
 * (issue 6; the kiosk's cut-off picker asks the same rule)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "lapak-error.h"
#include "lapak-settle.h"
#include "lapak-test-util.h"

static void
test_future (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autoptr(LapakUser) org = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(LapakDb) db = lapak_test_selling_till (dir, "K1", &org, &codes);
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSettlement) s = NULL;
  int64_t now;

  g_assert_true (lapak_charge_add (db, org, "KLL", 25000, "listrik", &error));
  g_assert_no_error (error);
  now = lapak_db_now ();

  g_assert_true (lapak_settle_cutoff_check (now - G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_settle_cutoff_check (now, &error));
  g_assert_no_error (error);

  /* A minute ahead: refused, and a close up to it records nothing. */
  g_assert_false (lapak_settle_cutoff_check (lapak_db_now () + 60 * G_USEC_PER_SEC, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "future"));
  g_clear_error (&error);
  s = lapak_settlement_close (db, org, "SELL-1", lapak_db_now () + 60 * G_USEC_PER_SEC, &error);
  g_assert_null (s);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lapak_test_query_int (db, "SELECT count(*) FROM settlement"), ==, 0);

  /* Up to now: closed. */
  s = lapak_settlement_close (db, org, "SELL-1", lapak_db_now (), &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  g_assert_cmpint (lapak_test_query_int (db, "SELECT count(*) FROM settlement"), ==, 1);

  g_clear_object (&db);
  lapak_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/settle-cutoff/future", test_future);
  return g_test_run ();
}
