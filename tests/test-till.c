/* test-till.c — what the kiosk asks of the core: the demo till, the users
 * a login screen lists, and the quick cash suggestions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <sodium.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "lapak-auth.h"
#include "lapak-demo.h"
#include "lapak-error.h"
#include "lapak-ledger.h"
#include "lapak-money.h"
#include "lapak-qris.h"
#include "lapak-test-util.h"

static void
assert_quick_cash (int64_t        total,
                   const int64_t *expected,
                   guint          n_expected)
{
  int64_t out[LAPAK_QUICK_CASH_MAX];
  guint n = lapak_money_quick_cash (total, out, G_N_ELEMENTS (out));

  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (out[i], ==, expected[i]);
}

static void
test_quick_cash_examples (void)
{
  const int64_t a[] = { 37500, 38000, 40000, 50000, 100000 };
  const int64_t b[] = { 1500, 2000, 5000, 10000, 20000, 50000, 100000 };
  const int64_t c[] = { 20000, 22000, 25000, 30000, 40000, 50000, 100000 };
  const int64_t d[] = { 100000, 102000, 105000, 110000, 120000, 150000, 200000 };
  const int64_t e[] = { 46000, 48000, 50000, 60000, 100000 };

  assert_quick_cash (37500, a, G_N_ELEMENTS (a));
  assert_quick_cash (1500, b, G_N_ELEMENTS (b));
  /* A total that is itself a note: the exact amount, then strictly above. */
  assert_quick_cash (20000, c, G_N_ELEMENTS (c));
  assert_quick_cash (100000, d, G_N_ELEMENTS (d));
  assert_quick_cash (46000, e, G_N_ELEMENTS (e));
}

static void
test_quick_cash_limits (void)
{
  int64_t out[LAPAK_QUICK_CASH_MAX];

  g_assert_cmpuint (lapak_money_quick_cash (0, out, G_N_ELEMENTS (out)), ==, 0);
  g_assert_cmpuint (lapak_money_quick_cash (-5, out, G_N_ELEMENTS (out)), ==, 0);
  g_assert_cmpuint (lapak_money_quick_cash (LAPAK_MONEY_MAX + 1, out, G_N_ELEMENTS (out)), ==, 0);
  /* Room for two: the exact amount and the smallest round-up. */
  g_assert_cmpuint (lapak_money_quick_cash (37500, out, 2), ==, 2);
  g_assert_cmpint (out[0], ==, 37500);
  g_assert_cmpint (out[1], ==, 38000);
  /* At the maximum nothing above is allowed. */
  g_assert_cmpuint (lapak_money_quick_cash (LAPAK_MONEY_MAX, out, G_N_ELEMENTS (out)), ==, 1);
}

/* Over many totals: exact first, strictly ascending, every suggestion pays
 * the total, and each note-based one is a multiple of a note. */
static void
test_quick_cash_properties (void)
{
  for (guint round = 0; round < 5000; round++)
    {
      int64_t total = g_test_rand_int_range (1, 2000000);
      int64_t out[LAPAK_QUICK_CASH_MAX];
      guint n = lapak_money_quick_cash (total, out, G_N_ELEMENTS (out));

      g_assert_cmpuint (n, >=, 2);
      g_assert_cmpint (out[0], ==, total);
      for (guint i = 1; i < n; i++)
        {
          g_assert_cmpint (out[i], >, out[i - 1]);
          g_assert_true (out[i] % 2000 == 0 || out[i] % 5000 == 0);
          /* Never more than one 100.000 note above the total. */
          g_assert_cmpint (out[i] - total, <=, 100000);
        }
    }
}

static void
test_demo_till (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *data = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakEvent) event = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) products = NULL;
  const LapakDemoUser *demo;
  guint n_demo;

  db = lapak_demo_create (path, data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpstr (lapak_db_get_till_id (db), ==, LAPAK_DEMO_TILL);

  event = lapak_event_get_active (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (event->code, ==, LAPAK_DEMO_EVENT);
  g_assert_nonnull (event->qris);
  g_assert_true (lapak_qris_check (event->qris, NULL));

  products = lapak_product_list (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (products->len, ==, 85);

  /* Every demo user logs in with its PIN and has its role; its hash, made
   * ahead, is as strong as one made now (same argon2id limits) and refuses
   * another user's PIN. */
  demo = lapak_demo_users (&n_demo);
  g_assert_cmpuint (n_demo, ==, 4);
  g_assert_cmpint (sodium_init (), >=, 0);
  for (guint i = 0; i < n_demo; i++)
    {
      g_autoptr(LapakUser) user = lapak_auth_login (db, demo[i].name, demo[i].pin, &error);
      const char *other_pin = demo[(i + 1) % n_demo].pin;

      g_assert_no_error (error);
      g_assert_cmpstr (lapak_role_to_string (lapak_user_get_role (user)), ==, demo[i].role);
      g_assert_cmpint (crypto_pwhash_str_needs_rehash (demo[i].pin_hash,
                                                       crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                                       crypto_pwhash_MEMLIMIT_INTERACTIVE), ==, 0);
      g_assert_cmpint (crypto_pwhash_str_verify (demo[i].pin_hash, other_pin, strlen (other_pin)), !=, 0);
    }

  /* The login screen's list: by role, organiser first, tenant last. */
  users = lapak_user_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 4);
  g_assert_cmpstr (((LapakUserInfo *) users->pdata[0])->name, ==, "Ketua");
  g_assert_cmpstr (((LapakUserInfo *) users->pdata[1])->name, ==, "Bayu");
  g_assert_cmpstr (((LapakUserInfo *) users->pdata[2])->name, ==, "Sari");
  g_assert_cmpstr (((LapakUserInfo *) users->pdata[3])->name, ==, "Tini");
  g_assert_cmpstr (((LapakUserInfo *) users->pdata[3])->tenant_code, ==, "KLL");
  g_assert_false (((LapakUserInfo *) users->pdata[2])->locked);

  /* A second demo replaces the first: a sale-free, fresh till again. */
  g_clear_object (&db);
  db = lapak_demo_create (path, data, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  lapak_test_remove_tree (dir);
}

static void
test_demo_bad_data_leaves_nothing (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *data = g_build_filename (dir, "no-such-folder", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;

  db = lapak_demo_create (path, data, &error);
  g_assert_null (db);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  lapak_test_remove_tree (dir);
}

/* A real till's database is never replaced by the demo; a file that is no
 * database at all neither. */
static void
test_demo_keeps_real_till (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *data = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", NULL);
  g_autofree char *other = lapak_test_write_file (dir, "notes.db", "my notes");
  g_autofree char *real_path = g_build_filename (dir, "K9.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) real = lapak_test_new_till (dir, "K9");
  g_autoptr(LapakDb) db = NULL;

  g_assert_cmpstr (lapak_db_get_path (real), ==, real_path);
  g_clear_object (&real);
  before = lapak_test_db_digest (real_path);

  db = lapak_demo_create (real_path, data, &error);
  g_assert_null (db);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS);
  after = lapak_test_db_digest (real_path);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  db = lapak_demo_create_cached (real_path, data, dir, &error);
  g_assert_null (db);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS);
  g_clear_pointer (&after, g_free);
  after = lapak_test_db_digest (real_path);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  db = lapak_demo_create (other, data, &error);
  g_assert_null (db);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS);
  g_assert_true (g_file_get_contents (other, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "my notes");

  lapak_test_remove_tree (dir);
}

/* The number of files in @dir whose name starts with @prefix. */
static guint
count_files (const char *dir,
             const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    n += g_str_has_prefix (name, prefix);
  return n;
}

/* `lapak --demo` copies a fresh demo kept in the cache: the same till as a
 * built one, never the one used before, rebuilt when the demo's data
 * changes or the cached copy is damaged, and never over a real till. */
static void
test_demo_cached (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *data = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", NULL);
  g_autofree char *data2 = g_build_filename (dir, "data2", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *cached = NULL;
  g_autofree char *probe = NULL;
  g_autofree char *products_csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakDb) tmp = NULL;
  g_autoptr(LapakUser) sari = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  char *last;

  /* The first start builds the demo and keeps a copy (nothing half-made). */
  db = lapak_demo_create_cached (path, data, cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (cache, "demo-"), ==, 1);
  d = g_dir_open (cache, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".db"))
      cached = g_build_filename (cache, name, NULL);
  g_assert_nonnull (cached);

  /* Using the demo (a wrong PIN, a sale's worth of change) does not touch
   * the cached copy. */
  g_assert_null (lapak_auth_login (db, "Sari", "9999", NULL));
  g_clear_object (&db);

  /* Mark the cached copy, to see the next demo is copied from it. */
  tmp = lapak_db_open (cached, &error);
  g_assert_no_error (error);
  g_assert_true (lapak_db_set_meta (tmp, "probe", "cached", &error));
  g_clear_object (&tmp);

  db = lapak_demo_create_cached (path, data, cache, &error);
  g_assert_no_error (error);
  probe = lapak_db_get_meta (db, "probe", NULL);
  g_assert_cmpstr (probe, ==, "cached");
  g_assert_cmpstr (lapak_db_get_till_id (db), ==, LAPAK_DEMO_TILL);
  products = lapak_product_list (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (products->len, ==, 85);
  users = lapak_user_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 4);
  g_assert_false (((LapakUserInfo *) users->pdata[2])->locked);
  sari = lapak_auth_login (db, "Sari", "1111", &error);
  g_assert_no_error (error);
  g_assert_nonnull (sari);
  g_clear_object (&db);
  g_clear_pointer (&probe, g_free);

  /* A damaged cached copy is not used: the demo is built and cached again. */
  g_assert_true (g_file_set_contents (cached, "SQLite format 3 but not really", -1, NULL));
  db = lapak_demo_create_cached (path, data, cache, &error);
  g_assert_no_error (error);
  g_clear_pointer (&products, g_ptr_array_unref);
  products = lapak_product_list (db, NULL, &error);
  g_assert_cmpuint (products->len, ==, 85);
  g_assert_null (lapak_db_get_meta (db, "probe", NULL));
  g_clear_object (&db);
  tmp = lapak_db_open (cached, &error);
  g_assert_no_error (error);
  g_clear_object (&tmp);

  /* Other demo data: another demo, with its own cached copy. */
  g_assert_cmpint (g_mkdir (data2, 0700), ==, 0);
  {
    g_autofree char *from = g_build_filename (data, "tenants.csv", NULL);
    g_autofree char *to = g_build_filename (data2, "tenants.csv", NULL);
    g_autofree char *pfrom = g_build_filename (data, "products.csv", NULL);

    g_assert_true (lapak_test_copy_file (from, to));
    g_assert_true (g_file_get_contents (pfrom, &products_csv, NULL, NULL));
  }
  g_strchomp (products_csv);
  last = strrchr (products_csv, '\n');
  g_assert_nonnull (last);
  *last = '\0';
  g_free (lapak_test_write_file (data2, "products.csv", products_csv));
  db = lapak_demo_create_cached (path, data2, cache, &error);
  g_assert_no_error (error);
  g_clear_pointer (&products, g_ptr_array_unref);
  products = lapak_product_list (db, NULL, &error);
  g_assert_cmpuint (products->len, ==, 84);
  g_clear_object (&db);
  g_assert_cmpuint (count_files (cache, "demo-"), ==, 2);

  lapak_test_remove_tree (dir);
}

static void
test_user_list_shows_locked (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *data = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_demo_create (path, data, &error);
  g_autoptr(GPtrArray) users = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < LAPAK_PIN_MAX_FAILURES; i++)
    {
      g_autoptr(GError) login_error = NULL;
      g_autoptr(LapakUser) user = lapak_auth_login (db, "Sari", "9999", &login_error);
      LapakError expected = i + 1 < LAPAK_PIN_MAX_FAILURES ? LAPAK_ERROR_DENIED : LAPAK_ERROR_LOCKED;

      g_assert_null (user);
      g_assert_error (login_error, LAPAK_ERROR, (gint) expected);
    }
  users = lapak_user_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((LapakUserInfo *) users->pdata[2])->name, ==, "Sari");
  g_assert_true (((LapakUserInfo *) users->pdata[2])->locked);

  g_clear_object (&db);
  lapak_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/till/quick-cash/examples", test_quick_cash_examples);
  g_test_add_func ("/till/quick-cash/limits", test_quick_cash_limits);
  g_test_add_func ("/till/quick-cash/properties", test_quick_cash_properties);
  g_test_add_func ("/till/demo", test_demo_till);
  g_test_add_func ("/till/demo/bad-data", test_demo_bad_data_leaves_nothing);
  g_test_add_func ("/till/demo/keeps-real-till", test_demo_keeps_real_till);
  g_test_add_func ("/till/demo/cached", test_demo_cached);
  g_test_add_func ("/till/user-list/locked", test_user_list_shows_locked);

  return g_test_run ();
}
