/* test-db.c — opening, creating, migrating and refusing databases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lapak-db.h"
#include "lapak-db-private.h"
#include "lapak-error.h"
#include "lapak-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = lapak_test_make_dir ();
  f->path = g_build_filename (f->dir, "till.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static int
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_create_and_reopen (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_db_create (f->path, "K1", &error);
  g_autoptr(LapakDb) again = NULL;
  g_auto(LapakStmt) stmt = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpstr (lapak_db_get_till_id (db), ==, "K1");

  stmt = lapak_db_prepare (db, "PRAGMA journal_mode", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lapak_db_step (db, stmt, &error), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "wal");
  lapak_stmt_release (g_steal_pointer (&stmt));

  stmt = lapak_db_prepare (db, "PRAGMA synchronous", &error);
  g_assert_cmpint (lapak_db_step (db, stmt, &error), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2); /* FULL */
  lapak_stmt_release (g_steal_pointer (&stmt));

  stmt = lapak_db_prepare (db, "PRAGMA foreign_keys", &error);
  g_assert_cmpint (lapak_db_step (db, stmt, &error), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  lapak_stmt_release (g_steal_pointer (&stmt));

  g_clear_object (&db);

  g_assert_cmpint (query_int (f->path, "PRAGMA user_version"), ==, lapak_db_schema_version ());
  g_assert_cmpint ((guint32)query_int (f->path, "PRAGMA application_id"), ==, LAPAK_DB_APPLICATION_ID);

  again = lapak_db_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lapak_db_get_till_id (again), ==, "K1");
}

static void
test_create_refuses_existing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_db_create (f->path, "K1", &error);
  g_autoptr(LapakDb) second = NULL;

  g_assert_no_error (error);
  g_clear_object (&db);
  second = lapak_db_create (f->path, "K2", &error);
  g_assert_null (second);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS);
  g_clear_error (&error);

  /* The existing till is untouched. */
  db = lapak_db_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lapak_db_get_till_id (db), ==, "K1");
}

static void
test_bad_till_id (Fixture       *f,
                  gconstpointer  data)
{
  const char *bad[] = { "", "k1", "1K", "K 1", "K1-", "TOOLONGID", "Ä1" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LapakDb) db = lapak_db_create (f->path, bad[i], &error);

      g_assert_null (db);
      g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
      g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
    }
}

static void
test_missing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_db_open (f->path, &error);

  g_assert_null (db);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "lapakctl init"));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
test_not_sqlite (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *text = "This is a shopping list, not a database.\nkeripik 2\nmadu 1\n";

  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
  db = lapak_db_open (f->path, &error);
  g_assert_null (db);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_LAPAK);
  g_assert_nonnull (strstr (error->message, f->path));

  g_assert_true (g_file_get_contents (f->path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, text);
}

static void
test_foreign_sqlite (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;

  raw_exec (f->path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Bu Tini');"
                     "PRAGMA user_version = 3;");
  db = lapak_db_open (f->path, &error);
  g_assert_null (db);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_LAPAK);
  /* Untouched: no tables of ours, version as it was. */
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'meta'"), ==, 0);
  g_assert_cmpint (query_int (f->path, "PRAGMA user_version"), ==, 3);
}

static void
test_newer (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_db_create (f->path, "K1", &error);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", lapak_db_schema_version () + 1);

  g_assert_no_error (error);
  g_clear_object (&db);
  raw_exec (f->path, sql);

  db = lapak_db_open (f->path, &error);
  g_assert_null (db);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer"));
  g_assert_cmpint (query_int (f->path, "PRAGMA user_version"), ==, lapak_db_schema_version () + 1);
}

/* Every older schema version upgrades, step by step, to the current one. */
static void
test_migrate_from_each_version (Fixture       *f,
                                gconstpointer  data)
{
  for (int v = 1; v <= lapak_db_schema_version (); v++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s.v%d", f->path, v);
      g_autoptr(LapakDb) db = _lapak_db_create_at_version (path, "K9", v, &error);

      g_assert_no_error (error);
      g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, v);
      g_clear_object (&db);

      db = lapak_db_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, lapak_db_schema_version ());
      g_assert_cmpstr (lapak_db_get_till_id (db), ==, "K9");
    }
}

/* An upgrade is all or nothing: a step that fails (here version 5, whose
 * sync_till table is in the way) leaves the file at its old version without
 * the steps before it (version 2's journal table), so the Lapak that made it
 * still opens it. */
static void
test_migrate_all_or_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = _lapak_db_create_at_version (f->path, "K9", 1, &error);

  g_assert_no_error (error);
  g_clear_object (&db);
  raw_exec (f->path, "CREATE TABLE sync_till (in_the_way INTEGER)");

  db = lapak_db_open (f->path, &error);
  g_assert_null (db);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "version 5"));
  g_assert_cmpint (query_int (f->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'journal'"), ==, 0);
}

static gboolean
insert_then_fail (LapakDb  *db,
                  gpointer  data,
                  GError  **error)
{
  if (!lapak_db_set_meta (db, "probe", "written", error))
    return FALSE;
  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID, "deliberate failure");
  return FALSE;
}

static gboolean
insert_ok (LapakDb  *db,
           gpointer  data,
           GError  **error)
{
  return lapak_db_set_meta (db, "probe", data, error);
}

static void
test_transaction_rolls_back (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_db_create (f->path, "K1", &error);
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  g_assert_false (lapak_db_transaction (db, insert_then_fail, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_db_in_transaction (db));
  value = lapak_db_get_meta (db, "probe", &error);
  g_assert_no_error (error);
  g_assert_null (value);

  g_assert_true (lapak_db_transaction (db, insert_ok, (gpointer)"kept", &error));
  g_assert_no_error (error);
  value = lapak_db_get_meta (db, "probe", &error);
  g_assert_cmpstr (value, ==, "kept");
}

static void
test_statement_cache (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_db_create (f->path, "K1", &error);
  sqlite3_stmt *a = lapak_db_prepare (db, "SELECT 1", &error);
  sqlite3_stmt *b = lapak_db_prepare (db, "SELECT 1", &error);

  g_assert_no_error (error);
  g_assert_true (a == b);
  g_assert_null (lapak_db_prepare (db, "SELEKT nonsense", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DATABASE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/db/create-and-reopen", Fixture, NULL, fixture_setup, test_create_and_reopen, fixture_teardown);
  g_test_add ("/db/create-refuses-existing", Fixture, NULL, fixture_setup, test_create_refuses_existing, fixture_teardown);
  g_test_add ("/db/bad-till-id", Fixture, NULL, fixture_setup, test_bad_till_id, fixture_teardown);
  g_test_add ("/db/refuse/missing", Fixture, NULL, fixture_setup, test_missing, fixture_teardown);
  g_test_add ("/db/refuse/not-sqlite", Fixture, NULL, fixture_setup, test_not_sqlite, fixture_teardown);
  g_test_add ("/db/refuse/foreign-sqlite", Fixture, NULL, fixture_setup, test_foreign_sqlite, fixture_teardown);
  g_test_add ("/db/refuse/newer", Fixture, NULL, fixture_setup, test_newer, fixture_teardown);
  g_test_add ("/db/migrate/each-version", Fixture, NULL, fixture_setup, test_migrate_from_each_version, fixture_teardown);
  g_test_add ("/db/migrate/all-or-nothing", Fixture, NULL, fixture_setup, test_migrate_all_or_nothing, fixture_teardown);
  g_test_add ("/db/transaction/rollback", Fixture, NULL, fixture_setup, test_transaction_rolls_back, fixture_teardown);
  g_test_add ("/db/statement-cache", Fixture, NULL, fixture_setup, test_statement_cache, fixture_teardown);

  return g_test_run ();
}
