/* test-sync-shift.c — a till refuses to close a shift while records are not
 * at the hub, unless an organiser forces it with a reason
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real databases in a temp dir, real bundles through lapak_sync_export() /
 * lapak_sync_import(): a hub K1 and a till K2. "Not at the hub" is what the
 * till knows (lapak_sync_pending()): its journal entries beyond what its
 * hub's bundle, imported last, says the hub holds of it. A till never
 * paired, and the hub itself, are never refused.
 */
#include <string.h>

#include <glib.h>

#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-ledger.h"
#include "lapak-sale.h"
#include "lapak-shift.h"
#include "lapak-sync.h"
#include "lapak-test-util.h"

static char *
sell_one (LapakDb         *db,
          const LapakUser *cashier)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = lapak_product_list (db, NULL, &error);
  g_autoptr(LapakCart) cart = NULL;
  g_autoptr(LapakSale) sale = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (products->len, >, 0);
  cart = lapak_cart_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (lapak_cart_scan (cart, ((LapakProduct *)g_ptr_array_index (products, 0))->code, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_cart_add_payment (cart, LAPAK_PAY_QRIS, LAPAK_PAY_REST, NULL, &error));
  g_assert_no_error (error);
  sale = lapak_sale_commit (db, cashier, cart, &error);
  g_assert_no_error (error);
  return g_strdup (sale->id);
}

static void
move_bundle (LapakDb    *from,
             LapakDb    *to,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSyncResult) result = NULL;

  g_assert_true (lapak_sync_export (from, path, NULL, &error));
  g_assert_no_error (error);
  result = lapak_sync_import (to, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
}

static LapakSyncPending
pending_of (LapakDb *db)
{
  g_autoptr(GError) error = NULL;
  LapakSyncPending p;

  g_assert_true (lapak_sync_pending (db, &p, &error));
  g_assert_no_error (error);
  return p;
}

static void
assert_verifies (LapakDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakJournalReport) report = lapak_journal_verify (db, &error);

  g_assert_no_error (error);
  if (!report->ok)
    g_error ("journal: %s", report->problem);
}

/* Never paired: closes as always. */
static void
test_unpaired (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autoptr(LapakUser) org = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(LapakDb) db = lapak_test_selling_till (dir, "K1", &org, &codes);
  g_autoptr(GError) error = NULL;
  g_autofree char *sale = sell_one (db, org);
  g_autoptr(LapakShiftReport) z = NULL;
  LapakSyncPending p = pending_of (db);

  g_assert_cmpint (p.role, ==, LAPAK_SYNC_NONE);
  g_assert_cmpint (p.pending, ==, 0);
  g_assert_cmpint (p.journal_seq, >, 0);
  z = lapak_shift_close (db, org, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (z);
  g_assert_null (z->forced);
  g_clear_object (&db);
  lapak_test_remove_tree (dir);
}

static void
test_refuse_until_synced (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *k2_path = g_build_filename (dir, "K2.db", NULL);
  g_autofree char *hub_bundle = g_build_filename (dir, "hub.lapak", NULL);
  g_autofree char *till_bundle = g_build_filename (dir, "k2.lapak", NULL);
  g_autoptr(LapakUser) hub_org = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(LapakDb) hub = lapak_test_selling_till (dir, "K1", &hub_org, &codes);
  g_autoptr(LapakDb) k2 = lapak_test_new_till (dir, "K2");
  g_autoptr(LapakUser) k2_org = lapak_test_login (k2, "Org", "1234");
  g_autoptr(LapakUser) sari = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  LapakSyncPending p;

  /* The hub has a cashier, Sari; the till gets her with the catalogue. */
  g_assert_true (lapak_user_add (hub, hub_org, "Sari", LAPAK_ROLE_CASHIER, NULL, "5678", &error));
  g_assert_no_error (error);
  code = lapak_sync_pair_hub (hub, hub_org, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lapak_sync_pair_till (k2, k2_org, code, &error));
  g_assert_no_error (error);
  p = pending_of (k2);
  g_assert_cmpint (p.role, ==, LAPAK_SYNC_TILL);
  g_assert_cmpint (p.synced_at, ==, 0);
  move_bundle (hub, k2, hub_bundle);
  p = pending_of (k2);
  g_assert_cmpint (p.synced_at, >, 0);
  sari = lapak_test_login (k2, "Sari", "5678");

  /* Selling, nothing at the hub: the close is refused, nothing recorded. */
  g_assert_true (lapak_shift_open (k2, sari, 100000, NULL, &error));
  g_assert_no_error (error);
  g_free (sell_one (k2, sari));
  p = pending_of (k2);
  g_assert_cmpint (p.pending, ==, p.journal_seq);
  g_assert_cmpint (p.acked_seq, ==, 0);
  {
    g_autofree char *before = lapak_test_db_digest (k2_path);
    g_autofree char *after = NULL;
    g_autoptr(LapakShiftReport) z = lapak_shift_close (k2, sari, 100000, &error);

    g_assert_null (z);
    g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
    g_assert_nonnull (strstr (error->message, "not at the hub yet (last sync "));
    g_assert_nonnull (strstr (error->message, "--force --reason"));
    g_assert_nonnull (strstr (error->message, "Nothing was recorded."));
    g_clear_error (&error);
    after = lapak_test_db_digest (k2_path);
    g_assert_cmpstr (before, ==, after);
  }

  /* The till's bundle reaches the hub, but the till cannot know it yet:
   * still refused. The hub's bundle back tells it: the close goes. */
  move_bundle (k2, hub, till_bundle);
  g_assert_cmpint (pending_of (k2).pending, >, 0);
  g_assert_null (lapak_shift_close (k2, sari, 100000, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
  g_clear_error (&error);
  move_bundle (hub, k2, hub_bundle);
  p = pending_of (k2);
  g_assert_cmpint (p.pending, ==, 0);
  g_assert_cmpint (p.acked_seq, ==, p.journal_seq);
  {
    g_autoptr(LapakShiftReport) z = lapak_shift_close (k2, sari, 100000, &error);

    g_assert_no_error (error);
    g_assert_nonnull (z);
    g_assert_null (z->forced);
  }
  /* Its own Z is the one entry not at the hub now. */
  g_assert_cmpint (pending_of (k2).pending, ==, 1);

  /* Next shift, offline: a cashier cannot force it, nor anyone without a
   * reason; an organiser with a reason can, and it is kept. */
  g_assert_true (lapak_shift_open (k2, sari, 50000, NULL, &error));
  g_assert_no_error (error);
  g_free (sell_one (k2, sari));
  g_assert_null (lapak_shift_close_forced (k2, sari, 50000, sari, "Hall closes", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_null (lapak_shift_close_forced (k2, sari, 50000, k2_org, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lapak_shift_close_forced (k2, sari, 50000, k2_org, "", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  {
    g_autoptr(LapakShiftReport) z = lapak_shift_close_forced (k2, sari, 50000, k2_org,
                                                              "Hall closes, hub laptop gone", &error);

    g_assert_no_error (error);
    g_assert_nonnull (z);
    g_assert_cmpstr (z->forced, ==, "Hall closes, hub laptop gone");
    g_assert_cmpint (lapak_test_query_int (k2, "SELECT COUNT(*) FROM shift WHERE close_forced = "
                                               "'Hall closes, hub laptop gone' AND close_forced_by = 'Org'"), ==, 1);
    g_assert_cmpint (lapak_test_query_int (k2, "SELECT COUNT(*) FROM journal WHERE type = 'shift_close' "
                                               "AND payload LIKE '%Hall closes, hub laptop gone%'"), ==, 1);
  }
  assert_verifies (k2);

  /* The forced close travels to the hub with the rest, and verifies there. */
  move_bundle (k2, hub, till_bundle);
  g_assert_cmpint (lapak_test_query_int (hub, "SELECT COUNT(*) FROM shift WHERE till_id = 'K2' AND "
                                              "close_forced_by = 'Org' AND close_forced IS NOT NULL"), ==, 1);
  {
    g_autoptr(LapakJournalReport) report = lapak_sync_verify_till (hub, "K2", &error);

    g_assert_no_error (error);
    g_assert_true (report->ok);
  }

  /* The hub itself is never refused: its records are at the hub. */
  g_free (sell_one (hub, hub_org));
  p = pending_of (hub);
  g_assert_cmpint (p.role, ==, LAPAK_SYNC_HUB);
  g_assert_cmpint (p.pending, ==, 0);
  {
    g_autoptr(LapakShiftReport) z = lapak_shift_close (hub, hub_org, 0, &error);

    g_assert_no_error (error);
    g_assert_nonnull (z);
  }

  g_clear_object (&hub);
  g_clear_object (&k2);
  lapak_test_remove_tree (dir);
}

/* A hub bundle whose record of this till is another chain (another
 * database with the same id) acknowledges nothing. */
static void
test_foreign_head_not_counted (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *other_dir = lapak_test_make_dir ();
  g_autofree char *hub_bundle = g_build_filename (dir, "hub.lapak", NULL);
  g_autofree char *twin_bundle = g_build_filename (dir, "twin.lapak", NULL);
  g_autoptr(LapakUser) hub_org = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(LapakDb) hub = lapak_test_selling_till (dir, "K1", &hub_org, &codes);
  g_autoptr(LapakDb) k2 = lapak_test_new_till (dir, "K2");
  g_autoptr(LapakDb) twin = lapak_test_new_till (other_dir, "K2");
  g_autoptr(LapakUser) k2_org = lapak_test_login (k2, "Org", "1234");
  g_autoptr(LapakUser) twin_org = lapak_test_login (twin, "Org", "1234");
  g_autoptr(GError) error = NULL;
  g_autofree char *code = lapak_sync_pair_hub (hub, hub_org, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (lapak_sync_pair_till (k2, k2_org, code, &error));
  g_assert_true (lapak_sync_pair_till (twin, twin_org, code, &error));
  g_assert_no_error (error);
  move_bundle (hub, k2, hub_bundle);
  move_bundle (hub, twin, hub_bundle);
  /* The twin sells and reaches the hub; K2 sells too (another chain). */
  {
    g_autoptr(LapakUser) org = lapak_test_login (twin, "Org", "1234");

    g_assert_true (lapak_shift_open (twin, org, 0, NULL, &error));
    g_assert_no_error (error);
    g_free (sell_one (twin, org));
  }
  {
    g_autoptr(LapakUser) org = lapak_test_login (k2, "Org", "1234");

    g_assert_true (lapak_shift_open (k2, org, 0, NULL, &error));
    g_assert_no_error (error);
    g_free (sell_one (k2, org));
    g_free (sell_one (k2, org));
  }
  move_bundle (twin, hub, twin_bundle);
  move_bundle (hub, k2, hub_bundle);
  g_assert_cmpint (pending_of (twin).pending, >, 0);
  move_bundle (hub, twin, hub_bundle);
  g_assert_cmpint (pending_of (twin).pending, ==, 0);
  g_assert_cmpint (pending_of (k2).acked_seq, ==, 0);
  g_assert_cmpint (pending_of (k2).pending, ==, pending_of (k2).journal_seq);

  g_clear_object (&hub);
  g_clear_object (&k2);
  g_clear_object (&twin);
  lapak_test_remove_tree (dir);
  lapak_test_remove_tree (other_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-shift/unpaired", test_unpaired);
  g_test_add_func ("/sync-shift/refuse-until-synced", test_refuse_until_synced);
  g_test_add_func ("/sync-shift/foreign-head", test_foreign_head_not_counted);
  return g_test_run ();
}
