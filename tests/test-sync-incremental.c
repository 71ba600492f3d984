/* test-sync-incremental.c — incremental bundles (issue 8): only what the hub lacks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real till databases, real bundles on disk (the helpers are test-sync.c's):
 *
 *  - property: a hub and three tills trade for several rounds (sales,
 *    voids and refunds, also of sales already at the hub); after each round
 *    each till writes a full bundle and an incremental one (from what the
 *    hub acknowledged) and gets the hub's bundle back. Then every bundle,
 *    incremental and full, with duplicates, in a random order, goes into a
 *    fresh copy of the hub (an incremental one the copy cannot take yet —
 *    it lacks the entry the bundle starts after — is refused whole, saying
 *    so, and tried again later, as a till pushes again); another fresh copy
 *    takes only the full bundles, in another order. Both end the same as
 *    the hub that took them as they came; every till's journal verifies.
 *  - an incremental bundle is smaller than the full one;
 *  - tampering: an incremental bundle with an edited amount, a removed
 *    record, an older record changed, or a false anchor (re-sealed with the
 *    real key) is refused whole and the hub's file does not change.
 */
#include <inttypes.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-ledger.h"
#include "lapak-sale.h"
#include "lapak-settle.h"
#include "lapak-shift.h"
#include "lapak-sync.h"
#include "lapak-test-util.h"

#define N_TILLS 4          /* the hub K1 and three tills */
#define EVENT "SELL-1"

typedef struct
{
  char      *id;
  LapakDb   *db;
  LapakUser *org;
  GPtrArray *codes;        /* products this till can sell */
} Till;

typedef struct
{
  char      *dir;
  Till       tills[N_TILLS];   /* [0] is the hub */
  char      *pairing;
  GPtrArray *bundles;          /* every bundle file written */
  guint      n_written;
} World;

static void
quiet_db (LapakDb *db)
{
  /* Test set-up only: the tests here are about merging, not durability. */
  g_assert_true (lapak_db_exec (db, "PRAGMA synchronous = OFF", NULL));
}

static char *
bundle_path (World      *w,
             const char *who)
{
  return g_strdup_printf ("%s/%s-%03u.lapak", w->dir, who, w->n_written++);
}

static char *
export_bundle (World *w,
               Till  *t)
{
  g_autoptr(GError) error = NULL;
  char *path = bundle_path (w, t->id);

  g_assert_true (lapak_sync_export (t->db, path, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static LapakSyncResult *
import_ok (LapakDb    *db,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  LapakSyncResult *result = lapak_sync_import (db, path, &error);

  if (result == NULL)
    g_error ("import of %s: %s", path, error->message);
  return result;
}

static void
refresh_codes (Till *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = lapak_product_list (t->db, NULL, &error);

  g_assert_no_error (error);
  g_ptr_array_set_size (t->codes, 0);
  for (guint i = 0; i < products->len; i++)
    g_ptr_array_add (t->codes, g_strdup (((LapakProduct *)g_ptr_array_index (products, i))->code));
}

/* The hub: the test's selling till K1, paired; its first bundle brings the
 * catalogue to each till, which is paired with the code and opens a shift. */
static void
world_init (World *w,
            guint  n_tills)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;

  w->dir = lapak_test_make_dir ();
  w->bundles = g_ptr_array_new_with_free_func (g_free);
  w->tills[0].id = g_strdup ("K1");
  w->tills[0].db = lapak_test_selling_till (w->dir, "K1", &w->tills[0].org, &w->tills[0].codes);
  quiet_db (w->tills[0].db);
  w->pairing = lapak_sync_pair_hub (w->tills[0].db, w->tills[0].org, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (w->pairing, "K1:" EVENT ":"));

  first = export_bundle (w, &w->tills[0]);
  for (guint i = 1; i < n_tills; i++)
    {
      Till *t = &w->tills[i];
      g_autoptr(LapakSyncResult) result = NULL;

      t->id = g_strdup_printf ("K%u", i + 1);
      t->db = lapak_test_new_till (w->dir, t->id);
      quiet_db (t->db);
      t->org = lapak_test_login (t->db, "Org", "1234");
      t->codes = g_ptr_array_new_with_free_func (g_free);
      g_assert_true (lapak_sync_pair_till (t->db, t->org, w->pairing, &error));
      g_assert_no_error (error);
      result = import_ok (t->db, first);
      g_assert_cmpint (result->catalogue_added, >, 0);
      refresh_codes (t);
      g_assert_cmpuint (t->codes->len, ==, LAPAK_TEST_N_PRODUCTS);
      g_assert_true (lapak_shift_open (t->db, t->org, 100000, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
world_free (World *w)
{
  for (guint i = 0; i < N_TILLS; i++)
    {
      g_clear_object (&w->tills[i].db);
      g_clear_pointer (&w->tills[i].org, lapak_user_free);
      g_clear_pointer (&w->tills[i].codes, g_ptr_array_unref);
      g_clear_pointer (&w->tills[i].id, g_free);
    }
  g_clear_pointer (&w->bundles, g_ptr_array_unref);
  g_clear_pointer (&w->pairing, g_free);
  lapak_test_remove_tree (w->dir);
  g_free (w->dir);
}

static char *
sell (Till   *t,
      guint   n_lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (t->db, &error);
  g_autoptr(LapakSale) sale = NULL;
  static const LapakPayMethod methods[] = { LAPAK_PAY_CASH, LAPAK_PAY_QRIS, LAPAK_PAY_TRANSFER,
                                            LAPAK_PAY_CARD, LAPAK_PAY_EWALLET };

  g_assert_no_error (error);
  for (guint i = 0; i < n_lines; i++)
    {
      const char *code = g_ptr_array_index (t->codes, g_test_rand_int_range (0, (gint32)t->codes->len));
      g_autofree char *input = g_strdup_printf ("%s*%d", code, g_test_rand_int_range (1, 4));

      g_assert_true (lapak_cart_scan (cart, input, &error));
      g_assert_no_error (error);
    }
  {
    LapakPayMethod rest = methods[g_test_rand_int_range (0, 5)];

    if (rest != LAPAK_PAY_QRIS && g_test_rand_bit ())
      g_assert_true (lapak_cart_add_payment (cart, LAPAK_PAY_QRIS, lapak_cart_total (cart) / 3, NULL, &error));
    g_assert_no_error (error);
    /* Cash: the exact rest, or a round note above it (change given). */
    if (rest == LAPAK_PAY_CASH)
      g_assert_true (lapak_cart_add_payment (cart, rest, (lapak_cart_remaining (cart) / 50000 + 1) * 50000,
                                             NULL, &error));
    else
      g_assert_true (lapak_cart_add_payment (cart, rest, LAPAK_PAY_REST, NULL, &error));
    g_assert_no_error (error);
  }
  sale = lapak_sale_commit (t->db, t->org, cart, &error);
  g_assert_no_error (error);
  return g_strdup (sale->id);
}

/* A day's trading on one till: sales, and now and then a void or a refund. */
static void
trade (Till  *t,
       guint  n_sales)
{
  g_autoptr(GPtrArray) sales = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_sales; i++)
    {
      char *id = sell (t, (guint)g_test_rand_int_range (1, 4));
      int dice = g_test_rand_int_range (0, 10);

      if (dice == 0)
        {
          g_assert_true (lapak_sale_void (t->db, t->org, t->org, id, "salah input", &error));
          g_assert_no_error (error);
          g_free (id);
        }
      else
        g_ptr_array_add (sales, id);

      if (dice == 1 && sales->len > 1)
        {
          const char *victim = g_ptr_array_index (sales, 0);
          g_auto(LapakStmt) stmt = NULL;
          g_autofree char *code = NULL;
          g_autofree char *till = NULL;
          int64_t seq;
          LapakRefundItem item;
          int64_t amount = 0;

          /* One unit of the sale's first line, if any is left. */
          g_assert_true (lapak_sale_id_parse (victim, &till, &seq, NULL));
          stmt = lapak_db_prepare (t->db,
                                   "SELECT l.product_code FROM sale_line l WHERE l.till_id = ?1 AND l.sale_seq = ?2 "
                                   "AND l.qty > (SELECT COALESCE(SUM(rl.qty), 0) FROM refund_line rl JOIN refund r "
                                   "  ON r.till_id = rl.till_id AND r.seq = rl.refund_seq "
                                   "  WHERE r.sale_seq = l.sale_seq AND rl.sale_line = l.line) ORDER BY l.line LIMIT 1",
                                   NULL);
          lapak_stmt_bind_text (stmt, 1, till);
          sqlite3_bind_int64 (stmt, 2, seq);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            code = g_strdup (lapak_stmt_text (stmt, 0));
          lapak_stmt_release (g_steal_pointer (&stmt));
          if (code == NULL)
            continue;
          item = (LapakRefundItem) { code, 1 };
          g_assert_true (lapak_sale_refund (t->db, t->org, t->org, victim, &item, 1,
                                            g_test_rand_bit () ? LAPAK_PAY_CASH : LAPAK_PAY_QRIS,
                                            "rusak", &amount, &error));
          g_assert_no_error (error);
          g_assert_cmpint (amount, >, 0);
        }
    }
}

/* A digest of what the merge decides: every record and catalogue row, the
 * catalogue origins, which versions lost, and each till's journal end.
 * Left out: when things were imported or written (the hubs here saw
 * different bundles of the same records), and which version a conflict
 * row names as kept at the time it was found. */
static char *
merge_digest (LapakDb *db)
{
  static const char *queries[] = {
    "SELECT * FROM event ORDER BY code",
    "SELECT * FROM tenant ORDER BY code",
    "SELECT * FROM participation ORDER BY 1, 2",
    "SELECT * FROM product ORDER BY code",
    "SELECT name, role, tenant_code, pin_hash, active, created_at FROM user ORDER BY name",
    "SELECT * FROM journal ORDER BY 1, 2",
    "SELECT * FROM shift ORDER BY 1, 2",
    "SELECT * FROM sale ORDER BY 1, 2",
    "SELECT * FROM sale_line ORDER BY 1, 2, 3",
    "SELECT * FROM payment ORDER BY 1, 2, 3",
    "SELECT * FROM sale_void ORDER BY 1, 2",
    "SELECT * FROM refund ORDER BY 1, 2",
    "SELECT * FROM refund_line ORDER BY 1, 2, 3",
    "SELECT * FROM cash_move ORDER BY 1, 2",
    "SELECT * FROM stock_move ORDER BY 1, 2",
    "SELECT * FROM stock_level ORDER BY 1, 2",
    "SELECT * FROM account_entry ORDER BY 1, 2",
    "SELECT * FROM sync_origin ORDER BY 1, 2",
    "SELECT tbl, key, till_id, lost FROM sync_conflict ORDER BY 1, 2, 3, 4",
    "SELECT till_id, journal_seq, journal_head FROM sync_till ORDER BY 1",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (lapak_db_get_handle (db), queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      g_checksum_update (sum, (const guchar *)queries[q], -1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const guchar *text = sqlite3_column_text (stmt, c);

            g_checksum_update (sum, text ? text : (const guchar *)"<null>", -1);
            g_checksum_update (sum, (const guchar *)"|", 1);
          }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static void
shuffle (GPtrArray *array)
{
  for (guint i = array->len; i > 1; i--)
    {
      guint j = (guint)g_test_rand_int_range (0, (gint32)i);
      gpointer tmp = array->pdata[i - 1];

      array->pdata[i - 1] = array->pdata[j];
      array->pdata[j] = tmp;
    }
}

static void
assert_journals_verify_at (LapakDb *hub,
                           World   *w)
{
  for (guint i = 0; i < N_TILLS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LapakJournalReport) own = lapak_journal_verify (w->tills[i].db, &error);
      g_autoptr(LapakJournalReport) held = lapak_sync_verify_till (hub, w->tills[i].id, &error);

      g_assert_no_error (error);
      g_assert_true (own->ok);
      if (!held->ok)
        g_error ("till %s at the hub: %s", w->tills[i].id, held->problem);
      g_assert_cmpint (held->n_entries, ==, own->n_entries);
      g_assert_cmpstr (held->head, ==, own->head);
    }
}

static LapakDb *
copy_db (LapakDb    *db,
         const char *path)
{
  g_autoptr(GError) error = NULL;
  LapakDb *copy;

  g_assert_true (lapak_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_assert_true (lapak_test_copy_file (lapak_db_get_path (db), path));
  copy = lapak_db_open (path, &error);
  g_assert_no_error (error);
  quiet_db (copy);
  return copy;
}

/* ---------- tampering ---------- */

typedef struct
{
  GString *header;   /* up to and including "size: N\n", without the mac */
  GBytes  *body;
} Bundle;

static void
bundle_read (const char *path,
             Bundle     *b)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *end;
  const char *mac;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  end = strstr (contents, "\n\n");
  mac = strstr (contents, "\nmac: ");
  g_assert_nonnull (end);
  g_assert_nonnull (mac);
  b->header = g_string_new_len (contents, mac + 1 - contents);
  b->body = g_bytes_new (end + 2, length - (gsize)(end + 2 - contents));
}

/* Writes @b with a MAC made with @key, as docs/sync.md describes, after
 * setting its size line. */
static void
bundle_write (const Bundle *b,
              const guint8  key[32],
              const char   *path)
{
  g_autoptr(GString) header = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (b->header->str, "\n", -1);
  g_autoptr(GString) out = NULL;
  crypto_generichash_state state;
  guint8 mac[32];
  char hex[65];
  gsize size = 0;
  const guint8 *body = g_bytes_get_data (b->body, &size);

  for (guint i = 0; lines[i] != NULL && *lines[i]; i++)
    {
      if (g_str_has_prefix (lines[i], "size: "))
        g_string_append_printf (header, "size: %" G_GSIZE_FORMAT "\n", size);
      else
        g_string_append_printf (header, "%s\n", lines[i]);
    }
  crypto_generichash_init (&state, key, 32, sizeof mac);
  crypto_generichash_update (&state, (const guint8 *)header->str, header->len);
  crypto_generichash_update (&state, body, size);
  crypto_generichash_final (&state, mac, sizeof mac);
  sodium_bin2hex (hex, sizeof hex, mac, sizeof mac);
  out = g_string_new (header->str);
  g_string_append_printf (out, "mac: %s\n\n", hex);
  g_string_append_len (out, (const char *)body, (gssize)size);
  g_assert_true (g_file_set_contents (path, out->str, (gssize)out->len, NULL));
}

static void
bundle_clear (Bundle *b)
{
  g_string_free (b->header, TRUE);
  g_bytes_unref (b->body);
}

/* Runs @sql on the database inside @b. */
static void
bundle_edit (Bundle     *b,
             const char *dir,
             const char *sql)
{
  g_autofree char *path = g_build_filename (dir, "edit.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (b->body, NULL), (gssize)g_bytes_get_size (b->body), NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_bytes_unref (b->body);
  b->body = g_bytes_new (contents, length);
  g_unlink (path);
}

static void
till_key (LapakDb *db,
          guint8   key[32])
{
  g_autofree char *hex = lapak_db_get_meta (db, "sync_key", NULL);
  size_t len = 0;

  g_assert_nonnull (hex);
  g_assert_cmpint (sodium_hex2bin (key, 32, hex, strlen (hex), NULL, &len, NULL), ==, 0);
  g_assert_cmpuint (len, ==, 32);
}

static void
assert_refused (LapakDb    *hub,
                const char *path,
                const char *mentions)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  LapakSyncResult *result;

  g_assert_true (lapak_db_exec (hub, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  before = lapak_test_db_digest (lapak_db_get_path (hub));
  result = lapak_sync_import (hub, path, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  if (strstr (error->message, mentions) == NULL)
    g_error ("refusal of %s: “%s” does not mention “%s”", path, error->message, mentions);
  g_assert_nonnull (strstr (error->message, "Nothing was imported") ? error->message
                    : strstr (error->message, "nothing was imported"));
  after = lapak_test_db_digest (lapak_db_get_path (hub));
  g_assert_cmpstr (before, ==, after);
}


/* A till's bundle for its hub as a push makes it: incremental when it can
 * be; what it holds noted as sent. */
static char *
export_inc (World   *w,
            Till    *t,
            int64_t *out_base)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mark = NULL;
  char *path = bundle_path (w, t->id);

  g_assert_true (lapak_sync_export_for_hub (t->db, path, TRUE, out_base, &mark, &error));
  g_assert_no_error (error);
  g_assert_nonnull (mark);
  g_assert_true (lapak_sync_mark_sent (t->db, mark, &error));
  g_assert_no_error (error);
  return path;
}

/* The hub's bundle back at the till: it learns what the hub holds. */
static void
acknowledge (World *w,
             Till  *t)
{
  g_autofree char *path = export_bundle (w, &w->tills[0]);
  g_autoptr(LapakSyncResult) result = import_ok (t->db, path);
}

/* A sale of an earlier round voided now: its void travels in a later
 * bundle than the sale. */
static void
void_an_old_sale (Till *t)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  int64_t seq = lapak_test_query_int (t->db, "SELECT COALESCE(MIN(seq), 0) FROM sale WHERE seq NOT IN "
                                             "(SELECT sale_seq FROM sale_void) AND seq NOT IN "
                                             "(SELECT sale_seq FROM refund)");

  if (seq == 0)
    return;
  id = lapak_sale_id (t->id, seq);
  g_assert_true (lapak_sale_void (t->db, t->org, t->org, id, "salah harga", &error));
  g_assert_no_error (error);
}

/* Imports every bundle of @bundles into @hub, again and again while some
 * are refused because the hub lacks what an incremental one starts after
 * (as a till pushes again); any other refusal fails the test. */
static void
import_all (LapakDb   *hub,
            GPtrArray *bundles)
{
  g_autoptr(GPtrArray) left = g_ptr_array_copy (bundles, NULL, NULL);
  guint refused_for_base = 0;

  while (left->len > 0)
    {
      guint before = left->len;

      for (guint i = 0; i < left->len;)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(LapakSyncResult) result = lapak_sync_import (hub, g_ptr_array_index (left, i), &error);

          if (result != NULL)
            {
              g_ptr_array_remove_index (left, i);
              continue;
            }
          if (strstr (error->message, "holds that till's journal only up to") == NULL)
            g_error ("import of %s: %s", (char *)g_ptr_array_index (left, i), error->message);
          g_assert_true (g_error_matches (error, LAPAK_ERROR, LAPAK_ERROR_STATE));
          refused_for_base++;
          i++;
        }
      g_assert_cmpuint (left->len, <, before);
    }
  g_test_message ("%u incremental bundles refused for a missing base, then taken", refused_for_base);
}

static void
test_property (void)
{
  World w = { 0 };
  Till *hub = &w.tills[0];
  g_autoptr(GPtrArray) all = g_ptr_array_new ();     /* paths in w.bundles */
  g_autoptr(GPtrArray) full = g_ptr_array_new ();
  g_autofree char *fresh_b_path = NULL;
  g_autofree char *fresh_c_path = NULL;
  g_autoptr(LapakDb) fresh_b = NULL;
  g_autoptr(LapakDb) fresh_c = NULL;
  g_autofree char *da = NULL;
  g_autofree char *db = NULL;
  g_autofree char *dc = NULL;
  guint n_incremental = 0;
  const guint rounds = 5;

  world_init (&w, N_TILLS);
  fresh_b_path = g_build_filename (w.dir, "hub-b.db", NULL);
  fresh_c_path = g_build_filename (w.dir, "hub-c.db", NULL);
  fresh_b = copy_db (hub->db, fresh_b_path);
  fresh_c = copy_db (hub->db, fresh_c_path);

  for (guint r = 0; r < rounds; r++)
    for (guint i = 1; i < N_TILLS; i++)
      {
        Till *t = &w.tills[i];
        char *f, *inc;
        int64_t base = 0;

        if (r > 0 && g_test_rand_bit ())
          void_an_old_sale (t);
        trade (t, (guint)g_test_rand_int_range (2, 7));
        if (r == rounds - 1)
          {
            g_autoptr(GError) error = NULL;
            g_autoptr(LapakShiftReport) z = lapak_shift_close_forced (t->db, t->org, 0, t->org, "test", &error);

            g_assert_no_error (error);
          }
        f = export_bundle (&w, t);
        g_ptr_array_add (w.bundles, f);
        g_ptr_array_add (full, f);
        g_ptr_array_add (all, f);
        inc = export_inc (&w, t, &base);
        g_ptr_array_add (w.bundles, inc);
        g_ptr_array_add (all, inc);
        n_incremental += base > 0;
        /* The live hub takes the push (now and then one is lost on the
         * way), and the till hears back (now and then it does not). */
        if (r == rounds - 1 || g_test_rand_int_range (0, 4) != 0)
          {
            g_autoptr(LapakSyncResult) res = import_ok (hub->db, inc);

            if (r == rounds - 1 || g_test_rand_int_range (0, 4) != 0)
              acknowledge (&w, t);
          }
        else if (r == 0)
          acknowledge (&w, t);
      }
  /* The tills' last word: everything reached the live hub. */
  for (guint i = 1; i < N_TILLS; i++)
    {
      Till *t = &w.tills[i];
      int64_t base = 0;
      char *inc = export_inc (&w, t, &base);
      g_autoptr(LapakSyncResult) res = NULL;

      g_assert_cmpint (base, >, 0);
      g_ptr_array_add (w.bundles, inc);
      g_ptr_array_add (all, inc);
      res = import_ok (hub->db, inc);
      n_incremental++;
    }
  g_assert_cmpuint (n_incremental, >, N_TILLS);

  /* Duplicates, then any order. */
  for (guint i = 0, n = all->len; i < n / 3; i++)
    g_ptr_array_add (all, g_ptr_array_index (all, g_test_rand_int_range (0, (gint32)n)));
  for (guint i = 0, n = full->len; i < n / 3; i++)
    g_ptr_array_add (full, g_ptr_array_index (full, g_test_rand_int_range (0, (gint32)n)));
  shuffle (all);
  shuffle (full);
  import_all (fresh_b, all);
  import_all (fresh_c, full);

  da = merge_digest (hub->db);
  db = merge_digest (fresh_b);
  dc = merge_digest (fresh_c);
  g_assert_cmpstr (db, ==, dc);
  g_assert_cmpstr (da, ==, dc);
  assert_journals_verify_at (fresh_b, &w);
  assert_journals_verify_at (hub->db, &w);

  /* Everything again: nothing changes. */
  import_all (fresh_b, all);
  {
    g_autofree char *again = merge_digest (fresh_b);

    g_assert_cmpstr (again, ==, dc);
  }
  g_clear_object (&fresh_b);
  g_clear_object (&fresh_c);
  world_free (&w);
}

static gsize
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return (gsize)st.st_size;
}

/* Replaces the header line starting with @field by @line. */
static void
header_set (Bundle     *b,
            const char *field,
            const char *line)
{
  g_auto(GStrv) lines = g_strsplit (b->header->str, "\n", -1);

  g_string_truncate (b->header, 0);
  for (guint i = 0; lines[i] != NULL && *lines[i]; i++)
    g_string_append_printf (b->header, "%s\n", g_str_has_prefix (lines[i], field) ? line : lines[i]);
}

static void
test_tamper_incremental (void)
{
  World w = { 0 };
  Till *hub = &w.tills[0];
  Till *k2;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *good = NULL;
  g_autofree char *full = NULL;
  g_autofree char *path = NULL;
  g_autofree char *other_head = NULL;
  g_autofree char *line = NULL;
  int64_t base = 0;
  guint8 key[32];
  Bundle b;

  world_init (&w, 2);
  k2 = &w.tills[1];
  trade (k2, 8);
  first = export_inc (&w, k2, &base);
  g_assert_cmpint (base, ==, 0);     /* nothing acknowledged yet: the whole history */
  g_clear_pointer (&first, g_free);
  first = export_inc (&w, k2, &base);
  {
    g_autoptr(LapakSyncResult) r = import_ok (hub->db, first);
  }
  acknowledge (&w, k2);
  void_an_old_sale (k2);
  trade (k2, 3);
  good = export_inc (&w, k2, &base);
  full = export_bundle (&w, k2);
  g_assert_cmpint (base, >, 0);
  g_assert_cmpuint (file_size (good), <, file_size (full));
  till_key (k2->db, key);
  path = g_build_filename (w.dir, "bad.lapak", NULL);

  /* Re-sealed unchanged, a copy of the hub takes it (the tools below make
   * valid bundles). */
  {
    g_autofree char *copy_path = g_build_filename (w.dir, "hub-copy.db", NULL);
    g_autoptr(LapakDb) copy = copy_db (hub->db, copy_path);
    g_autoptr(LapakSyncResult) r = NULL;

    bundle_read (good, &b);
    bundle_write (&b, key, path);
    bundle_clear (&b);
    r = import_ok (copy, path);
    g_assert_cmpint (r->new_sales, >, 0);
  }

  /* An edited amount in a new sale. */
  bundle_read (good, &b);
  bundle_edit (&b, w.dir, "UPDATE sale_line SET unit_price = unit_price + 1000 "
                          "WHERE sale_seq = (SELECT MAX(sale_seq) FROM sale_line)");
  bundle_write (&b, key, path);
  bundle_clear (&b);
  assert_refused (hub->db, path, "refused whole");

  /* A removed record: the first new journal entry. */
  bundle_read (good, &b);
  bundle_edit (&b, w.dir, "DELETE FROM journal WHERE seq = (SELECT MIN(seq) FROM journal)");
  bundle_write (&b, key, path);
  bundle_clear (&b);
  assert_refused (hub->db, path, "missing");

  /* A record the hub already holds, changed (the shift carried whole). */
  bundle_read (good, &b);
  bundle_edit (&b, w.dir, "UPDATE shift SET float = float + 1000");
  bundle_write (&b, key, path);
  bundle_clear (&b);
  assert_refused (hub->db, path, "differs from the one this hub already holds");

  /* A false anchor: another entry's hash. */
  other_head = g_strdup ("base-head: 0000000000000000000000000000000000000000000000000000000000000001");
  bundle_read (good, &b);
  header_set (&b, "base-head: ", other_head);
  bundle_write (&b, key, path);
  bundle_clear (&b);
  assert_refused (hub->db, path, "does not continue");

  /* Starting after an entry the hub does not hold. */
  {
    g_autoptr(GError) e2 = NULL;
    int64_t end = lapak_test_query_int (k2->db, "SELECT MAX(seq) FROM journal");
    g_autofree char *hash = NULL;
    g_auto(LapakStmt) stmt = lapak_db_prepare (k2->db, "SELECT hash FROM journal WHERE seq = ?1", &e2);

    sqlite3_bind_int64 (stmt, 1, end);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    hash = g_strdup (lapak_stmt_text (stmt, 0));
    bundle_read (good, &b);
    line = g_strdup_printf ("base-seq: %" G_GINT64_FORMAT, end);
    header_set (&b, "base-seq: ", line);
    g_free (line);
    line = g_strdup_printf ("base-head: %s", hash);
    header_set (&b, "base-head: ", line);
    bundle_edit (&b, w.dir, "DELETE FROM journal");
    bundle_write (&b, key, path);
    bundle_clear (&b);
    assert_refused (hub->db, path, "holds that till's journal only up to");
  }

  /* The real one goes in; the hub holds what the till holds. */
  {
    g_autoptr(LapakSyncResult) r = import_ok (hub->db, good);
    g_autoptr(LapakJournalReport) own = lapak_journal_verify (k2->db, &error);
    g_autoptr(LapakJournalReport) held = lapak_sync_verify_till (hub->db, "K2", &error);

    g_assert_no_error (error);
    g_assert_true (held->ok);
    g_assert_cmpstr (held->head, ==, own->head);
  }
  world_free (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/sync-incremental/property", test_property);
  g_test_add_func ("/sync-incremental/tamper", test_tamper_incremental);
  return g_test_run ();
}
