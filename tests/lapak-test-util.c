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

static const struct { const char *tenant; const char *sku; const char *name; int64_t price; } test_products[] = {
  { "KLL", "KL-100", "Keripik Lele 100 g", 15000 },
  { "KLL", "KL-250", "Keripik Lele 250 g", 32500 },
  { "BTK", "BT-01", "Batik Tulis Sleman", 275000 },
  { "BTK", "BT-02", "Selendang Batik", 120000 },
  { "SMB", "SB-01", "Sambal Bawang", 18000 },
  { "SMB", "SB-02", "Sambal Roa", 27500 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (test_products) == LAPAK_TEST_N_PRODUCTS);

LapakDb *
lapak_test_selling_till (const char  *dir,
                         const char  *till_id,
                         LapakUser  **out_org,
                         GPtrArray  **out_codes)
{
  g_autoptr(GError) error = NULL;
  LapakDb *db = lapak_test_new_till (dir, till_id);
  LapakUser *org = lapak_test_login (db, "Org", "1234");
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  const char *tenants[] = { "KLL", "BTK", "SMB" };

  g_assert_true (lapak_event_create (db, org, "SELL-1", "Bazar Uji", LAPAK_EVENT_BAZAAR,
                                     1000, 0, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tenants); i++)
    {
      LapakTenantSpec spec = { tenants[i], tenants[i], NULL, NULL, LAPAK_TERMS_DEFAULT, LAPAK_TERMS_DEFAULT };

      g_assert_true (lapak_tenant_add (db, org, &spec, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (test_products); i++)
    {
      LapakProductSpec spec = { test_products[i].tenant, test_products[i].sku, test_products[i].name,
                                test_products[i].price, 1000, NULL };
      char *code = lapak_product_add (db, org, &spec, &error);

      g_assert_no_error (error);
      g_assert_nonnull (code);
      g_ptr_array_add (codes, code);
    }
  g_assert_true (lapak_shift_open (db, org, 500000, NULL, &error));
  g_assert_no_error (error);

  *out_org = org;
  *out_codes = codes;
  return db;
}

/* The first column of the first row of @sql, which must exist. */
int64_t
lapak_test_query_int (LapakDb    *db,
                      const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int64_t value;

  g_assert_cmpint (sqlite3_prepare_v2 (lapak_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

gboolean
lapak_test_copy_file (const char *from,
                      const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  return g_file_get_contents (from, &contents, &length, NULL) &&
         g_file_set_contents (to, contents, length, NULL);
}
