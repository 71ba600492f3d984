/* test-stock-return.c — goods the tenants take back, the stock-return table
 * and the journal's hold on both
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tampering goes through the real sqlite3 command-line tool on the closed
 * database file, as someone with the file would do it.
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-sale.h"
#include "lapak-stock.h"
#include "lapak-test-util.h"

#define CHECK(call) G_STMT_START { gboolean ok_ = (call); g_assert_no_error (error); g_assert_true (ok_); } G_STMT_END

typedef struct
{
  char      *dir;
  char      *path;
  LapakDb   *db;
  LapakUser *org;
  GPtrArray *codes;   /* KLL: 0, 1; BTK: 2, 3; SMB: 4, 5; 1000 of each checked in */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = NULL;
  g_autoptr(LapakSale) sale = NULL;
  g_autofree char *three = NULL;
  LapakRefundItem item;

  f->dir = lapak_test_make_dir ();
  f->db = lapak_test_selling_till (f->dir, "K1", &f->org, &f->codes);
  f->path = g_strdup (lapak_db_get_path (f->db));
  CHECK (lapak_user_add (f->db, f->org, "Tini", LAPAK_ROLE_TENANT, "KLL", "3333", &error));
  CHECK (lapak_user_add (f->db, f->org, "Sri", LAPAK_ROLE_TENANT, "BTK", "4444", &error));

  /* KLL's first product: 3 sold, 1 of them refunded */
  cart = lapak_cart_new (f->db, &error);
  three = g_strdup_printf ("%s*3", (char *) g_ptr_array_index (f->codes, 0));
  CHECK (lapak_cart_scan (cart, three, &error));
  CHECK (lapak_cart_add_payment (cart, LAPAK_PAY_QRIS, LAPAK_PAY_REST, NULL, &error));
  sale = lapak_sale_commit (f->db, f->org, cart, &error);
  g_assert_no_error (error);
  item = (LapakRefundItem) { g_ptr_array_index (f->codes, 0), 1 };
  CHECK (lapak_sale_refund (f->db, f->org, f->org, sale->id, &item, 1, LAPAK_PAY_QRIS, "rusak", NULL, &error));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  g_clear_pointer (&f->org, lapak_user_free);
  g_clear_pointer (&f->codes, g_ptr_array_unref);
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static const char *
code (Fixture *f,
      guint    i)
{
  return g_ptr_array_index (f->codes, i);
}

static const LapakStockRow *
row_of (GPtrArray  *rows,
        const char *product)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const LapakStockRow *r = g_ptr_array_index (rows, i);

      if (g_str_equal (r->product_code, product))
        return r;
    }
  g_error ("no row for %s", product);
  return NULL;
}

static void
assert_row (Fixture    *f,
            const char *tenant,
            guint       product,
            int64_t     checked_in,
            int64_t     sold,
            int64_t     refunded,
            int64_t     returned,
            int64_t     missing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = lapak_stock_report (f->db, NULL, tenant, &error);
  const LapakStockRow *r;

  g_assert_no_error (error);
  r = row_of (rows, code (f, product));
  g_assert_cmpint (r->checked_in, ==, checked_in);
  g_assert_cmpint (r->sold, ==, sold);
  g_assert_cmpint (r->refunded, ==, refunded);
  g_assert_cmpint (r->returned, ==, returned);
  g_assert_cmpint (r->missing, ==, missing);
  g_assert_cmpint (r->checked_in - r->sold + r->refunded - r->returned, ==, r->missing);
}

static void
assert_journal_ok (LapakDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakJournalReport) report = lapak_journal_verify (db, &error);

  g_assert_no_error (error);
  if (!report->ok)
    g_error ("journal broken at %" G_GINT64_FORMAT ": %s", report->broken_seq, report->problem);
}

static void
test_return (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) tini = lapak_test_login (f->db, "Tini", "3333");
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *id = NULL;
  g_autofree char *id2 = NULL;
  LapakReturnItem scans[] = {
    { code (f, 0), 500 }, { code (f, 1), 1000 }, { code (f, 0), 490 },
  };
  LapakReturnItem last[] = { { code (f, 0), 1 }, { code (f, 0), 7 } };

  /* 1000 in − 3 sold + 1 refunded = 998 there */
  assert_row (f, "KLL", 0, 1000, 3, 1, 0, 998);

  /* the tenant itself takes back 990 and all of the other product */
  id = lapak_stock_return (f->db, tini, "KLL", scans, G_N_ELEMENTS (scans), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "K1-T000001");
  assert_row (f, "KLL", 0, 1000, 3, 1, 990, 8);
  assert_row (f, "KLL", 1, 1000, 0, 0, 1000, 0);
  /* one line per product, whatever the number of scans */
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM stock_return_line"), ==, 2);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM stock_move WHERE kind = 'return'"), ==, 2);
  assert_journal_ok (f->db);

  /* the organiser takes back the rest */
  id2 = lapak_stock_return (f->db, f->org, "KLL", last, G_N_ELEMENTS (last), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id2, ==, "K1-T000002");
  assert_row (f, "KLL", 0, 1000, 3, 1, 998, 0);
  assert_journal_ok (f->db);

  /* the report of all tenants: by tenant, then product */
  all = lapak_stock_report (f->db, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, LAPAK_TEST_N_PRODUCTS);
  for (guint i = 1; i < all->len; i++)
    {
      const LapakStockRow *a = g_ptr_array_index (all, i - 1);
      const LapakStockRow *b = g_ptr_array_index (all, i);

      g_assert_cmpint (strcmp (a->tenant_code, b->tenant_code) < 0 ||
                       (g_str_equal (a->tenant_code, b->tenant_code) &&
                        strcmp (a->product_code, b->product_code) < 0), ==, TRUE);
    }
}

/* Refused whole, nothing recorded. */
static void
assert_refused (Fixture               *f,
                const LapakUser       *actor,
                const char            *tenant,
                const LapakReturnItem *items,
                guint                  n_items,
                int                    code_expected,
                const char            *mentions)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = lapak_test_db_digest (f->path);
  g_autofree char *after = NULL;
  g_autofree char *id = lapak_stock_return (f->db, actor, tenant, items, n_items, &error);

  g_assert_null (id);
  g_assert_error (error, LAPAK_ERROR, code_expected);
  g_test_message ("%s", error->message);
  if (mentions != NULL && strstr (error->message, mentions) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, mentions);
  after = lapak_test_db_digest (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LapakUser) sri = lapak_test_login (f->db, "Sri", "4444");
  LapakReturnItem too_many[] = { { code (f, 0), 999 } };
  LapakReturnItem too_many_in_scans[] = { { code (f, 1), 1 }, { code (f, 0), 500 }, { code (f, 0), 499 } };
  LapakReturnItem not_kll[] = { { code (f, 0), 1 }, { code (f, 2), 1 } };
  LapakReturnItem unknown[] = { { "KLL-9999", 1 } };
  LapakReturnItem zero[] = { { code (f, 0), 0 } };
  LapakReturnItem fine[] = { { code (f, 0), 1 } };

  assert_refused (f, f->org, "KLL", too_many, 1, LAPAK_ERROR_INVALID, "only 998");
  assert_refused (f, f->org, "KLL", too_many_in_scans, 3, LAPAK_ERROR_INVALID, "only 998");
  assert_refused (f, f->org, "KLL", not_kll, 2, LAPAK_ERROR_INVALID, "BTK");
  assert_refused (f, f->org, "KLL", unknown, 1, LAPAK_ERROR_INVALID, NULL);
  assert_refused (f, f->org, "KLL", zero, 1, LAPAK_ERROR_INVALID, NULL);
  assert_refused (f, f->org, "NOPE", fine, 1, LAPAK_ERROR_NOT_FOUND, "NOPE");
  assert_refused (f, f->org, "KLL", NULL, 0, LAPAK_ERROR_INVALID, NULL);
  /* a tenant's user takes back only its own goods */
  assert_refused (f, sri, "KLL", fine, 1, LAPAK_ERROR_DENIED, NULL);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM stock_return"), ==, 0);
  assert_row (f, "KLL", 0, 1000, 3, 1, 0, 998);
}

/* ---------- tampering ---------- */

static void
sqlite3_tool (const char *path,
              const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = { "sqlite3", "-bail", path, sql, NULL };

  CHECK (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error));
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("sqlite3 “%s”: %s", sql, err);
}

static const char * const tampers[] = {
  /* fewer units taken back than recorded: the movement changed */
  "UPDATE stock_move SET delta = delta + 1 WHERE kind = 'return' AND ref = 'K1-T000001'",
  /* the line's count changed */
  "UPDATE stock_return_line SET qty = qty - 1 WHERE return_seq = 1 AND line = 1",
  /* the return moved to another tenant */
  "UPDATE stock_return SET tenant_code = 'BTK' WHERE seq = 1",
  /* a movement deleted */
  "DELETE FROM stock_move WHERE kind = 'return' AND ref = 'K1-T000001'",
};

static void
test_tamper (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LapakReturnItem items[] = { { code (f, 0), 5 } };
  g_autofree char *id = lapak_stock_return (f->db, f->org, "KLL", items, 1, &error);
  g_autofree char *pristine = g_build_filename (f->dir, "pristine.db", NULL);
  int64_t entry;

  g_assert_no_error (error);
  assert_journal_ok (f->db);
  entry = lapak_test_query_int (f->db, "SELECT seq FROM journal WHERE type = 'stock_return' AND ref = 1");
  g_clear_object (&f->db);
  CHECK (lapak_test_copy_file (f->path, pristine));

  for (guint i = 0; i < G_N_ELEMENTS (tampers); i++)
    {
      g_autoptr(LapakJournalReport) report = NULL;

      CHECK (lapak_test_copy_file (pristine, f->path));
      sqlite3_tool (f->path, tampers[i]);
      f->db = lapak_db_open (f->path, &error);
      g_assert_no_error (error);
      report = lapak_journal_verify (f->db, &error);
      g_assert_no_error (error);
      g_test_message ("%s → %s", tampers[i], report->problem);
      g_assert_false (report->ok);
      g_assert_cmpint (report->broken_seq, ==, entry);
      g_clear_object (&f->db);
    }

  /* a 'return' movement that no stock return made */
  {
    g_autoptr(LapakJournalReport) report = NULL;

    CHECK (lapak_test_copy_file (pristine, f->path));
    sqlite3_tool (f->path,
                  "INSERT INTO stock_move (till_id, seq, event_code, product_code, kind, delta, ref, at) "
                  "SELECT 'K1', MAX(seq) + 1, event_code, product_code, 'return', -2, 'K1-T000009', at "
                  "FROM stock_move WHERE kind = 'return'");
    f->db = lapak_db_open (f->path, &error);
    g_assert_no_error (error);
    report = lapak_journal_verify (f->db, &error);
    g_assert_no_error (error);
    g_test_message ("stray movement → %s", report->problem);
    g_assert_false (report->ok);
    g_assert_nonnull (strstr (report->problem, "K1-T000009"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/stock-return/return-and-report", test_return);
  ADD ("/stock-return/refused", test_refused);
  ADD ("/stock-return/tamper", test_tamper);
  return g_test_run ();
}
