/* test-setup.c — a new till is created whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "lapak-auth.h"
#include "lapak-error.h"
#include "lapak-ledger.h"
#include "lapak-setup.h"
#include "lapak-test-util.h"

static guint
n_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* Files left from a setup's temporary till (lapak.db.new-XXXXXXXX…). */
static guint
n_temp_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    n += strstr (name, ".new-") != NULL;
  return n;
}

static void
test_without_event (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "lapak.db", NULL);
  LapakTillSetup setup = { "K2", "Ketua", "123456", NULL, NULL, LAPAK_EVENT_BAZAAR, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_till_setup (path, &setup, &error);
  g_autoptr(LapakUser) user = NULL;
  g_autoptr(LapakEvent) event = NULL;
  g_autofree char *sub = g_path_get_dirname (path);

  g_assert_no_error (error);
  g_assert_cmpstr (lapak_db_get_till_id (db), ==, "K2");
  user = lapak_auth_login (db, "Ketua", "123456", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lapak_user_get_role (user), ==, LAPAK_ROLE_ORGANISER);
  event = lapak_event_get_active (db, &error);
  g_assert_null (event);
  g_clear_error (&error);
  g_clear_object (&db);
  /* Only the till is left in its folder: no temporary file. */
  g_assert_cmpuint (n_files (sub), ==, 1);
  lapak_test_remove_tree (dir);
}

static void
test_with_event (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "lapak.db", NULL);
  LapakTillSetup setup = { "K1", "Ketua", "123456", "BAZAR-1", "Bazar Ramadan", LAPAK_EVENT_TRADING_HOUSE, 1250, 150000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_till_setup (path, &setup, &error);
  g_autoptr(LapakEvent) event = NULL;

  g_assert_no_error (error);
  event = lapak_event_get_active (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (event->code, ==, "BAZAR-1");
  g_assert_cmpstr (event->name, ==, "Bazar Ramadan");
  g_assert_cmpint (event->kind, ==, LAPAK_EVENT_TRADING_HOUSE);
  g_assert_cmpint (event->commission_bp, ==, 1250);
  g_assert_cmpint (event->booth_fee, ==, 150000);
  g_clear_object (&db);

  /* Reopened from the file: everything was written before it was linked. */
  db = lapak_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lapak_test_query_int (db, "SELECT count(*) FROM user"), ==, 1);
  g_assert_cmpint (lapak_test_query_int (db, "SELECT count(*) FROM event"), ==, 1);
  g_clear_object (&db);
  g_assert_cmpuint (n_files (dir), ==, 1);
  lapak_test_remove_tree (dir);
}

/* Every refusal leaves the folder as it was: no till, no temporary file. */
static void
test_refusals (void)
{
  const struct {
    LapakTillSetup setup;
    int            code;
  } cases[] = {
    { { "k1", "Ketua", "123456", NULL, NULL, LAPAK_EVENT_BAZAAR, 0, 0 }, LAPAK_ERROR_INVALID },
    { { "K1", "Ketua", "12", NULL, NULL, LAPAK_EVENT_BAZAAR, 0, 0 }, LAPAK_ERROR_INVALID },
    { { "K1", "Ketua", "12a456", NULL, NULL, LAPAK_EVENT_BAZAAR, 0, 0 }, LAPAK_ERROR_INVALID },
    { { "K1", "", "123456", NULL, NULL, LAPAK_EVENT_BAZAAR, 0, 0 }, LAPAK_ERROR_INVALID },
    { { "K1", "Ketua", "123456", "bad code!", "Bazar", LAPAK_EVENT_BAZAAR, 0, 0 }, LAPAK_ERROR_INVALID },
    { { "K1", "Ketua", "123456", "BAZAR", "", LAPAK_EVENT_BAZAAR, 0, 0 }, LAPAK_ERROR_INVALID },
    { { "K1", "Ketua", "123456", "BAZAR", "Bazar", LAPAK_EVENT_BAZAAR, 10001, 0 }, LAPAK_ERROR_INVALID },
    { { "K1", "Ketua", "123456", "BAZAR", "Bazar", LAPAK_EVENT_BAZAAR, 1000, -1 }, LAPAK_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = lapak_test_make_dir ();
      g_autofree char *path = g_build_filename (dir, "lapak.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(LapakDb) db = lapak_till_setup (path, &cases[i].setup, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(accepted)");
      g_assert_null (db);
      g_assert_error (error, LAPAK_ERROR, cases[i].code);
      g_assert_cmpuint (n_files (dir), ==, 0);
      lapak_test_remove_tree (dir);
    }
}

static void
test_existing_untouched (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "lapak.db", NULL);
  LapakTillSetup first = { "K1", "Ketua", "123456", "BAZAR-1", "Bazar", LAPAK_EVENT_BAZAAR, 1000, 0 };
  LapakTillSetup second = { "K9", "Other", "654321", NULL, NULL, LAPAK_EVENT_BAZAAR, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_till_setup (path, &first, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_clear_object (&db);
  before = lapak_test_db_digest (path);
  db = lapak_till_setup (path, &second, &error);
  g_assert_null (db);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS);
  after = lapak_test_db_digest (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (n_temp_files (dir), ==, 0);
  lapak_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/setup/without-event", test_without_event);
  g_test_add_func ("/setup/with-event", test_with_event);
  g_test_add_func ("/setup/refusals", test_refusals);
  g_test_add_func ("/setup/existing-untouched", test_existing_untouched);
  return g_test_run ();
}
