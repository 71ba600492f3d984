/* test-kiosk-core.c — the core's rules behind the kiosk's third slice:
 * who may leave kiosk mode, product search, no-sale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <sqlite3.h>

#include "lapak-auth.h"
#include "lapak-error.h"
#include "lapak-ledger.h"
#include "lapak-search.h"
#include "lapak-test-util.h"

typedef struct
{
  char      *dir;
  LapakDb   *db;
  LapakUser *org;
  GPtrArray *codes;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = lapak_test_make_dir ();
  f->db = lapak_test_selling_till (f->dir, "K1", &f->org, &f->codes);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->codes, g_ptr_array_unref);
  g_clear_pointer (&f->org, lapak_user_free);
  g_clear_object (&f->db);
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Only an organiser takes a till out of kiosk mode. */
static void
test_leave_kiosk (Fixture       *f,
                  gconstpointer  data)
{
  static const struct { LapakRole role; gboolean may; } table[] = {
    { LAPAK_ROLE_CASHIER, FALSE },
    { LAPAK_ROLE_SUPERVISOR, FALSE },
    { LAPAK_ROLE_TENANT, FALSE },
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (lapak_auth_require (f->org, LAPAK_CAP_LEAVE_KIOSK, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *name = g_strdup_printf ("user%u", i);
      g_autoptr(LapakUser) user = NULL;

      g_assert_true (lapak_user_add (f->db, f->org, name, table[i].role,
                                     table[i].role == LAPAK_ROLE_TENANT ? "KLL" : NULL, "8642", &error));
      g_assert_no_error (error);
      user = lapak_test_login (f->db, name, "8642");
      g_assert_false (lapak_auth_require (user, LAPAK_CAP_LEAVE_KIOSK, &error));
      g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
      g_assert_nonnull (strstr (error->message, name));
      g_clear_error (&error);
    }
}


static GPtrArray *
search (Fixture    *f,
        const char *text,
        const char *tenant,
        guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = lapak_product_search (f->db, text, tenant, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static const char *
hit_name (GPtrArray *hits,
          guint      i)
{
  return ((LapakProductHit *) g_ptr_array_index (hits, i))->name;
}

/* Words in any order and case, in the name or the code; a tenant filter;
 * sorted by name; only products on sale; LIKE's wildcards are text. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) all = search (f, NULL, NULL, 0);
  g_autoptr(GPtrArray) blank = search (f, "  ", NULL, 0);
  g_autoptr(GPtrArray) lele = search (f, "lele", NULL, 0);
  g_autoptr(GPtrArray) words = search (f, "250 KERIPIK", NULL, 0);
  g_autoptr(GPtrArray) batik = search (f, "batik", NULL, 0);
  g_autoptr(GPtrArray) batik_smb = search (f, "batik", "SMB", 0);
  g_autoptr(GPtrArray) smb = search (f, NULL, "SMB", 0);
  g_autoptr(GPtrArray) code = search (f, f->codes->pdata[3], NULL, 0);
  g_autoptr(GPtrArray) none = search (f, "durian", NULL, 0);
  g_autoptr(GPtrArray) percent = search (f, "%", NULL, 0);
  g_autoptr(GPtrArray) underscore = search (f, "Sambal_Roa", NULL, 0);
  g_autoptr(GPtrArray) limited = search (f, NULL, NULL, 2);
  LapakProductHit *hit;

  g_assert_cmpuint (all->len, ==, LAPAK_TEST_N_PRODUCTS);
  g_assert_cmpuint (blank->len, ==, LAPAK_TEST_N_PRODUCTS);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (g_ascii_strcasecmp (hit_name (all, i - 1), hit_name (all, i)), <=, 0);
  g_assert_cmpstr (hit_name (all, 0), ==, "Batik Tulis Sleman");

  g_assert_cmpuint (lele->len, ==, 2);
  g_assert_cmpuint (words->len, ==, 1);
  hit = g_ptr_array_index (words, 0);
  g_assert_cmpstr (hit->name, ==, "Keripik Lele 250 g");
  g_assert_cmpstr (hit->tenant, ==, "KLL");
  g_assert_cmpstr (hit->code, ==, f->codes->pdata[1]);
  g_assert_cmpint (hit->price, ==, 32500);

  g_assert_cmpuint (batik->len, ==, 2);
  g_assert_cmpuint (batik_smb->len, ==, 0);
  g_assert_cmpuint (smb->len, ==, 2);
  g_assert_cmpstr (hit_name (smb, 0), ==, "Sambal Bawang");
  g_assert_cmpuint (code->len, ==, 1);
  g_assert_cmpstr (hit_name (code, 0), ==, "Selendang Batik");
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (percent->len, ==, 0);
  g_assert_cmpuint (underscore->len, ==, 0);
  g_assert_cmpuint (limited->len, ==, 2);

  /* a product taken off sale is not found */
  g_assert_cmpint (sqlite3_exec (lapak_db_get_handle (f->db),
                                 "UPDATE product SET status = 'inactive' WHERE name = 'Sambal Roa'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autoptr(GPtrArray) after = search (f, "sambal", NULL, 0);

    g_assert_cmpuint (after->len, ==, 1);
  }
}

/* 50,000 products: a fragment and a tenant filter find exactly theirs. */
static void
test_search_50k (Fixture       *f,
                 gconstpointer  data)
{
  sqlite3 *db = lapak_db_get_handle (f->db);
  sqlite3_stmt *stmt = NULL;
  gint64 start;
  double ms;

  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO product (code, tenant_code, serial, name, price, status, created_at) "
                                       "VALUES (?1, ?2, ?3, ?4, 1000, 'active', 0)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 0; i < 50000; i++)
    {
      const char *tenant = i % 2 ? "BTK" : "SMB";
      g_autofree char *code = g_strdup_printf ("%s-X%05d", tenant, i);
      g_autofree char *name = g_strdup_printf ("Barang %05d %s", i, i % 1000 == 7 ? "Istimewa" : "Biasa");

      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, tenant, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, 1000 + i);
      sqlite3_bind_text (stmt, 4, name, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);

  {
    g_autoptr(GPtrArray) all = search (f, NULL, NULL, 0);

    g_assert_cmpuint (all->len, ==, 50000 + LAPAK_TEST_N_PRODUCTS);
  }
  start = g_get_monotonic_time ();
  {
    g_autoptr(GPtrArray) special = search (f, "istimewa", NULL, 0);
    g_autoptr(GPtrArray) special_btk = search (f, "istimewa", "BTK", 0);

    /* i % 1000 == 7: 50 of them, all odd, so all of BTK */
    g_assert_cmpuint (special->len, ==, 50);
    g_assert_cmpuint (special_btk->len, ==, 50);
    g_assert_cmpstr (hit_name (special, 0), ==, "Barang 00007 Istimewa");
  }
  ms = (g_get_monotonic_time () - start) / 1000.0;
  /* reported, not asserted: timings belong to benchmarks */
  g_test_message ("two searches over 50,006 products: %.1f ms", ms);
  {
    g_autoptr(GPtrArray) smb = search (f, "00007", "SMB", 0);

    g_assert_cmpuint (smb->len, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/kiosk-core/leave-kiosk", Fixture, NULL, fixture_setup, test_leave_kiosk, fixture_teardown);
  g_test_add ("/kiosk-core/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/kiosk-core/search-50k", Fixture, NULL, fixture_setup, test_search_50k, fixture_teardown);
  return g_test_run ();
}
