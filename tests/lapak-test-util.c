/* lapak-test-util.c — helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lapak-test-util.h"

char *
lapak_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lapak-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
lapak_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        lapak_test_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

char *
lapak_test_write_file (const char *dir,
                       const char *name,
                       const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A new till database with the organiser "Org" (PIN 1234). */
LapakDb *
lapak_test_new_till (const char *dir,
                     const char *till_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s.db", till_id);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  LapakDb *db = lapak_db_create (path, till_id, &error);

  g_assert_no_error (error);
  lapak_user_add_first_organiser (db, "Org", "1234", &error);
  g_assert_no_error (error);
  return db;
}

LapakUser *
lapak_test_login (LapakDb    *db,
                  const char *name,
                  const char *pin)
{
  g_autoptr(GError) error = NULL;
  LapakUser *user = lapak_auth_login (db, name, pin, &error);

  g_assert_no_error (error);
  g_assert_nonnull (user);
  return user;
}

/* A digest of every row of every table: equal digests mean nothing changed. */
char *
lapak_test_db_digest (const char *path)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1, 2",
                                              (char *)g_ptr_array_index (tables, t));

      g_checksum_update (sum, g_ptr_array_index (tables, t), -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const guchar *text = sqlite3_column_text (stmt, c);

            g_checksum_update (sum, text ? text : (const guchar *)"<null>", -1);
            g_checksum_update (sum, (const guchar *)"|", 1);
          }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (sum));
}
