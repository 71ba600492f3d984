/* lapak-settle.c — settlements of tenant accounts, charges and payouts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A settlement of an event covers every account entry of the event not yet
 * settled whose time is at or before the cut-off: sales, voids, refunds,
 * booth fees and charges. Per tenant:
 *
 *   sales      = Σ sale entries + Σ void entries (a void is a negative sale)
 *   refunds    = −Σ refund entries
 *   net_sales  = sales − refunds
 *   commission = round_half_away_from_zero (net_sales × bp / 10000), once,
 *                on the tenant's total, bp = its terms in the event
 *   charges    = −Σ booth_fee and charge entries
 *   payout     = net_sales − commission − charges (negative: the tenant owes)
 *
 * A void counts at the time of the sale it cancels, so a voided sale and its
 * void always fall into the same settlement and the sale counts nowhere;
 * only when the sale was already settled (closed before the void) does the
 * void land, as a negative sale, in the next settlement.
 *
 * Recorded payouts (money actually handed to a tenant) are NOT part of a
 * settlement: they are account entries of their own kind that only move the
 * tenant's balance, and are never marked settled. So, exactly,
 *   Σ payout + Σ commission + Σ charges = Σ net sales
 *                                     = Σ money taken − Σ money refunded,
 * where "payout" is the amount due computed by the settlement, and the
 * tenant's balance (lapak_tenant_balance) is what is due minus what was paid.
 *
 * Closing writes, in one transaction: the settlement row, one row per
 * tenant, a 'commission' account entry per tenant with a commission, the
 * settlement id on every covered entry, and a journal entry whose payload
 * the verifier rebuilds from those rows. Triggers refuse any change to a
 * closed settlement and any second settling of an entry.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-ledger.h"
#include "lapak-money.h"
#include "lapak-sale.h"
#include "lapak-settle.h"
#include "lapak-sync.h"

static const char * const pay_columns[LAPAK_PAY_N_METHODS] = {
  "pay_cash", "pay_qris", "pay_transfer", "pay_card", "pay_ewallet",
};

char *
lapak_settlement_id (const char *till_id,
                     int64_t     seq)
{
  return g_strdup_printf ("%s-S%06" G_GINT64_FORMAT, till_id, seq);
}

static void
settle_tenant_free (gpointer data)
{
  LapakSettleTenant *t = data;

  g_free (t->code);
  g_free (t->name);
  g_free (t);
}

void
lapak_settlement_free (LapakSettlement *settlement)
{
  if (settlement == NULL)
    return;
  g_free (settlement->id);
  g_free (settlement->event);
  g_free (settlement->currency);
  g_clear_pointer (&settlement->tenants, g_ptr_array_unref);
  g_free (settlement);
}

/**
 * lapak_settle_time_parse:
 * @text: ISO 8601 ("2026-11-30T23:59:59+07:00"; without an offset, local
 *   time; a date alone "2026-11-30" means the end of that day, local time)
 * @out_usec: (out): microseconds since the epoch
 *
 * Returns: %TRUE, or %FALSE with LAPAK_ERROR_INVALID
 */
gboolean
lapak_settle_time_parse (const char  *text,
                         int64_t     *out_usec,
                         GError     **error)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = NULL;

  if (text != NULL && strlen (text) == 10)
    {
      g_autofree char *full = g_strconcat (text, "T23:59:59.999999", NULL);

      dt = g_date_time_new_from_iso8601 (full, local);
    }
  else if (text != NULL)
    {
      dt = g_date_time_new_from_iso8601 (text, local);
      /* GLib wants seconds: "2026-11-30T18:00" is 18:00:00. */
      if (dt == NULL && strlen (text) >= 16 && text[13] == ':' && text[16] != ':')
        {
          g_autofree char *full = g_strdup_printf ("%.16s:00%s", text, text + 16);

          dt = g_date_time_new_from_iso8601 (full, local);
        }
    }

  if (dt == NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a time: write it as 2026-11-30T18:00:00+07:00, "
                     "2026-11-30T18:00 (local time) or 2026-11-30 (the end of that day)."),
                   text != NULL ? text : "");
      return FALSE;
    }
  *out_usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

/**
 * lapak_settle_time_format:
 * @usec: microseconds since the epoch
 *
 * Returns: ISO 8601 with the local offset, e.g. "2026-11-30T18:00:00+07:00"
 */
char *
lapak_settle_time_format (int64_t usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) exact = g_date_time_add (utc, usec % G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (exact);

  return g_date_time_format_iso8601 (local);
}

/**
 * lapak_settle_cutoff_check:
 * @until: a cut-off, µs since the epoch
 *
 * Whether a settlement may be closed up to @until: not in the future (a
 * settlement covers what has already happened; sales still to come up to
 * a future cut-off would land in the next one, although dated before its
 * cut-off). lapak_settlement_close() applies it; screens ask it before
 * offering a cut-off.
 *
 * Returns: %TRUE, or %FALSE with LAPAK_ERROR_INVALID
 */
gboolean
lapak_settle_cutoff_check (int64_t   until,
                           GError  **error)
{
  if (until > lapak_db_now ())
    {
      g_autofree char *when = lapak_settle_time_format (until);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The cut-off %s is in the future: a settlement covers only what has already "
                     "happened. Choose a time up to now."),
                   when);
      return FALSE;
    }
  return TRUE;
}

static LapakEvent *
find_event (LapakDb     *db,
            const char  *code,
            GError     **error)
{
  g_autoptr(GPtrArray) events = NULL;

  if (code == NULL)
    {
      return lapak_event_get_active (db, error);
    }

  if (!(events = lapak_event_list (db, error)))
    return NULL;
  for (guint i = 0; i < events->len; i++)
    {
      LapakEvent *e = g_ptr_array_index (events, i);

      if (g_str_equal (e->code, code))
        return g_ptr_array_steal_index (events, i);
    }
  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
               _("There is no event with code %s. “lapakctl event list” shows the events."), code);
  return NULL;
}

/* The entries a settlement of event ?1 up to ?2 covers (alias e): not yet
 * settled, and dated at or before the cut-off, a void by the sale it
 * cancels. The same condition chooses them for the sums and marks them at
 * the close. */
#define COVERED_WHERE \
  " e.event_code = ?1 AND e.settlement IS NULL" \
  " AND e.kind IN ('sale', 'void', 'refund', 'booth_fee', 'charge')" \
  " AND (CASE e.kind WHEN 'void' THEN (SELECT s.at FROM sale_void v JOIN sale s" \
  "   ON s.till_id = v.till_id AND s.seq = v.sale_seq" \
  "   WHERE v.till_id = e.till_id AND v.seq = CAST(substr(e.ref, length(e.till_id) + 3) AS INTEGER))" \
  "  ELSE e.at END) <= ?2"

/* One statement for the whole computation: per tenant and kind, the
 * entries, their amounts, the units they moved and their money per payment
 * method (lapak-entry-summary.h: each sale, void or refund's money is on
 * one of its entries only, so the sums count it once). All of it comes from
 * the covering index account_entry_open (migration 8), in its order,
 * without a sort and without looking at any other table (but for a void's
 * sale time). */
#define COMPUTE_SQL \
  "SELECT e.tenant_code, e.kind, COUNT(*), SUM(e.amount), SUM(e.units)," \
  " SUM(e.pay_cash), SUM(e.pay_qris), SUM(e.pay_transfer), SUM(e.pay_card), SUM(e.pay_ewallet)" \
  " FROM account_entry e WHERE" COVERED_WHERE \
  " GROUP BY e.tenant_code, e.kind"

typedef struct
{
  LapakSettlement *s;
} Computed;

static LapakSettleTenant *
tenant_for (GHashTable  *by_code,
            const char  *code)
{
  LapakSettleTenant *t = g_hash_table_lookup (by_code, code);

  if (t == NULL)
    {
      t = g_new0 (LapakSettleTenant, 1);
      t->code = g_strdup (code);
      g_hash_table_insert (by_code, t->code, t);
    }
  return t;
}

static int
compare_tenants (gconstpointer a,
                 gconstpointer b)
{
  const LapakSettleTenant *ta = *(LapakSettleTenant * const *) a;
  const LapakSettleTenant *tb = *(LapakSettleTenant * const *) b;

  return strcmp (ta->code, tb->code);
}

static gboolean
compute (LapakDb     *db,
         const char  *event_code,
         int64_t      until,
         Computed    *out,
         GError     **error)
{
  g_autoptr(LapakEvent) event = NULL;
  g_autoptr(LapakSettlement) s = g_new0 (LapakSettlement, 1);
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) tenants = g_ptr_array_new_with_free_func (settle_tenant_free);
  GHashTableIter iter;
  gpointer value;
  int rc;

  if (!(event = find_event (db, event_code, error)))
    return FALSE;

  s->event = g_strdup (event->code);
  s->currency = g_strdup ("IDR");
  s->until = until;

  /* Every tenant taking part, with its terms, even with nothing to settle. */
  {
    g_auto(LapakStmt) stmt = NULL;

    if (!(stmt = lapak_db_prepare (db,
                                   "SELECT p.tenant_code, t.name, p.commission_bp FROM participation p "
                                   "JOIN tenant t ON t.code = p.tenant_code WHERE p.event_code = ?1",
                                   error)))
      return FALSE;
    lapak_stmt_bind_text (stmt, 1, event->code);
    while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
      {
        LapakSettleTenant *t = tenant_for (by_code, lapak_stmt_text (stmt, 0));

        t->name = g_strdup (lapak_stmt_text (stmt, 1));
        t->commission_bp = sqlite3_column_int (stmt, 2);
      }
    if (rc < 0)
      return FALSE;
  }

  {
    g_auto(LapakStmt) stmt = NULL;

    if (!(stmt = lapak_db_prepare (db, COMPUTE_SQL, error)))
      return FALSE;
    lapak_stmt_bind_text (stmt, 1, event->code);
    sqlite3_bind_int64 (stmt, 2, until);
    while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
      {
        const char *code = lapak_stmt_text (stmt, 0);
        const char *kind = lapak_stmt_text (stmt, 1);
        int64_t count = sqlite3_column_int64 (stmt, 2);
        int64_t sum = sqlite3_column_int64 (stmt, 3);
        LapakSettleTenant *t = g_hash_table_lookup (by_code, code);

        if (t == NULL)
          {
            /* An entry of a tenant that no longer takes part: the event's terms. */
            t = tenant_for (by_code, code);
            t->name = g_strdup (t->code);
            t->commission_bp = event->commission_bp;
          }
        t->units += sqlite3_column_int64 (stmt, 4);
        for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
          s->payments[m] += sqlite3_column_int64 (stmt, 5 + m);
        t->n_entries += count;
        s->n_entries += count;
        if (g_str_equal (kind, "sale") || g_str_equal (kind, "void"))
          t->sales += sum;
        else if (g_str_equal (kind, "refund"))
          t->refunds -= sum;
        else
          t->charges -= sum;
      }
    if (rc < 0)
      return FALSE;
  }

  g_hash_table_iter_init (&iter, by_code);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LapakSettleTenant *t = value;

      t->net_sales = t->sales - t->refunds;
      t->commission = lapak_money_apply_bp (t->net_sales, t->commission_bp);
      t->payout = t->net_sales - t->commission - t->charges;
      s->sales += t->sales;
      s->refunds += t->refunds;
      s->net_sales += t->net_sales;
      s->commission += t->commission;
      s->charges += t->charges;
      s->payout += t->payout;
      g_ptr_array_add (tenants, t);
    }
  g_ptr_array_sort (tenants, compare_tenants);
  s->tenants = g_steal_pointer (&tenants);

  out->s = g_steal_pointer (&s);
  return TRUE;
}

/**
 * lapak_settlement_preview:
 * @event_code: (nullable): the event, or %NULL for the active one
 * @until: the cut-off, µs since the epoch, inclusive
 *
 * What a settlement up to @until would be, changing nothing.
 *
 * Returns: (transfer full): the settlement (closed = FALSE), or %NULL
 */
LapakSettlement *
lapak_settlement_preview (LapakDb     *db,
                          const char  *event_code,
                          int64_t      until,
                          GError     **error)
{
  Computed c = { 0 };

  if (!compute (db, event_code, until, &c, error))
    return NULL;
  return c.s;
}

/* ---------- close ---------- */

static gboolean
tenant_covered (LapakDb     *db,
                const char  *settlement_id,
                const char  *tenant_code,
                int64_t     *out_count,
                int64_t     *out_sum,
                GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM account_entry "
                                 "WHERE settlement = ?1 AND tenant_code = ?2",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, settlement_id);
  lapak_stmt_bind_text (stmt, 2, tenant_code);
  if (lapak_db_step (db, stmt, error) != SQLITE_ROW)
    return FALSE;
  *out_count = sqlite3_column_int64 (stmt, 0);
  *out_sum = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/* The journal payload of settlement @seq of this till, from its rows and
 * the account entries that name it. */
static char *
settlement_body (LapakDb     *db,
                 int64_t      seq,
                 GError     **error)
{
  const char *till = lapak_db_get_till_id (db);
  g_autofree char *id = lapak_settlement_id (till, seq);
  g_autoptr(GString) body = g_string_new (NULL);
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT event_code, until, closed_by, n_entries, sales, refunds, net_sales, "
                                 "commission, charges, payout, pay_cash, pay_qris, pay_transfer, pay_card, pay_ewallet, "
                                 "forced FROM settlement WHERE till_id = ?1 AND seq = ?2",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  rc = lapak_db_step (db, stmt, error);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND, _("Settlement %s is missing."), id);
      return NULL;
    }
  lapak_journal_put (body, "settlement", id);
  lapak_journal_put (body, "event", lapak_stmt_text (stmt, 0));
  lapak_journal_put_int (body, "until", sqlite3_column_int64 (stmt, 1));
  lapak_journal_put (body, "closed_by", lapak_stmt_text (stmt, 2));
  /* Only in a forced close's entry: older entries keep their bytes. */
  if (sqlite3_column_type (stmt, 15) != SQLITE_NULL)
    lapak_journal_put (body, "forced", lapak_stmt_text (stmt, 15));
  lapak_journal_put_int (body, "entries", sqlite3_column_int64 (stmt, 3));
  lapak_journal_put_int (body, "sales", sqlite3_column_int64 (stmt, 4));
  lapak_journal_put_int (body, "refunds", sqlite3_column_int64 (stmt, 5));
  lapak_journal_put_int (body, "net_sales", sqlite3_column_int64 (stmt, 6));
  lapak_journal_put_int (body, "commission", sqlite3_column_int64 (stmt, 7));
  lapak_journal_put_int (body, "charges", sqlite3_column_int64 (stmt, 8));
  lapak_journal_put_int (body, "payout", sqlite3_column_int64 (stmt, 9));
  for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
    lapak_journal_put_int (body, pay_columns[m], sqlite3_column_int64 (stmt, 10 + m));
  lapak_stmt_release (g_steal_pointer (&stmt));

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT tenant_code, units, sales, refunds, net_sales, commission_bp, commission, "
                                 "charges, payout FROM settlement_tenant WHERE till_id = ?1 AND settlement_seq = ?2 "
                                 "ORDER BY tenant_code",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      const char *tenant = lapak_stmt_text (stmt, 0);
      int64_t count, sum;

      if (!tenant_covered (db, id, tenant, &count, &sum, error))
        return NULL;
      lapak_journal_put (body, "tenant", tenant);
      lapak_journal_put_int (body, "units", sqlite3_column_int64 (stmt, 1));
      lapak_journal_put_int (body, "sales", sqlite3_column_int64 (stmt, 2));
      lapak_journal_put_int (body, "refunds", sqlite3_column_int64 (stmt, 3));
      lapak_journal_put_int (body, "net_sales", sqlite3_column_int64 (stmt, 4));
      lapak_journal_put_int (body, "commission_bp", sqlite3_column_int64 (stmt, 5));
      lapak_journal_put_int (body, "commission", sqlite3_column_int64 (stmt, 6));
      lapak_journal_put_int (body, "charges", sqlite3_column_int64 (stmt, 7));
      lapak_journal_put_int (body, "payout", sqlite3_column_int64 (stmt, 8));
      /* The entries marked with this settlement, its commission entry
       * included: their number and sum (= the payout) pin the marks. */
      lapak_journal_put_int (body, "entries", count);
      lapak_journal_put_int (body, "entries_sum", sum);
    }
  if (rc < 0)
    return NULL;
  return g_string_free (g_steal_pointer (&body), FALSE);
}

typedef struct
{
  const LapakUser *actor;
  const char      *event_code;
  int64_t          until;
  const char      *forced;   /* why it closes although records are missing */
  LapakSettlement *result;
} CloseArgs;

static gboolean
insert_commission (LapakDb     *db,
                   const char  *event,
                   const char  *tenant,
                   int64_t      amount,
                   const char  *settlement_id,
                   int64_t      at,
                   GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  int64_t seq;

  if (!lapak_db_next_seq (db, "account_entry", &seq, error) ||
      !(stmt = lapak_db_prepare (db,
                                 "INSERT INTO account_entry (till_id, seq, event_code, tenant_code, kind, amount, ref, at, settlement) "
                                 "VALUES (?1, ?2, ?3, ?4, 'commission', ?5, ?6, ?7, ?6)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  sqlite3_bind_int64 (stmt, 2, seq);
  lapak_stmt_bind_text (stmt, 3, event);
  lapak_stmt_bind_text (stmt, 4, tenant);
  sqlite3_bind_int64 (stmt, 5, -amount);
  lapak_stmt_bind_text (stmt, 6, settlement_id);
  sqlite3_bind_int64 (stmt, 7, at);
  return lapak_db_step (db, stmt, error) == SQLITE_DONE;
}

static gboolean
close_txn (LapakDb  *db,
           gpointer  user_data,
           GError  **error)
{
  CloseArgs *a = user_data;
  const char *till = lapak_db_get_till_id (db);
  Computed c = { 0 };
  g_autoptr(LapakSettlement) s = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  int64_t seq;
  int64_t at = lapak_db_now ();

  /* A till's records up to the cut-off known to be missing here (an open
   * shift, a bundle older than the cut-off): its sales would land in the
   * next settlement, and this one would not be the event's whole truth. */
  if (a->forced == NULL)
    {
      g_autoptr(GPtrArray) missing = lapak_sync_missing (db, a->until, error);

      if (missing == NULL)
        return FALSE;
      if (missing->len > 0)
        {
          g_autofree char *why = NULL;

          g_ptr_array_add (missing, NULL);
          why = g_strjoinv (" ", (char **) missing->pdata);
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                       _("Some tills' records up to the cut-off are not here yet. %s Import their "
                         "newest bundles first (after closing their shifts), or close anyway with a "
                         "reason (lapakctl settle --close --force --reason TEXT). Nothing was recorded."),
                       why);
          return FALSE;
        }
    }

  if (!compute (db, a->event_code, a->until, &c, error))
    return FALSE;
  s = c.s;

  if (s->n_entries == 0)
    {
      g_autofree char *when = lapak_settle_time_format (a->until);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("Nothing new to settle in event %s up to %s: no account entry is left "
                     "outside a closed settlement. Nothing was recorded."),
                   s->event, when);
      return FALSE;
    }

  if (!lapak_db_next_seq (db, "settlement", &seq, error))
    return FALSE;
  id = lapak_settlement_id (till, seq);

  {
    g_auto(LapakStmt) stmt = NULL;

    if (!(stmt = lapak_db_prepare (db,
                                   "INSERT INTO settlement (till_id, seq, event_code, until, closed_at, closed_by, n_entries, "
                                   "sales, refunds, net_sales, commission, charges, payout, "
                                   "pay_cash, pay_qris, pay_transfer, pay_card, pay_ewallet, forced) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                                   error)))
      return FALSE;
    lapak_stmt_bind_text (stmt, 1, till);
    sqlite3_bind_int64 (stmt, 2, seq);
    lapak_stmt_bind_text (stmt, 3, s->event);
    sqlite3_bind_int64 (stmt, 4, s->until);
    sqlite3_bind_int64 (stmt, 5, at);
    lapak_stmt_bind_text (stmt, 6, lapak_user_get_name (a->actor));
    sqlite3_bind_int64 (stmt, 7, s->n_entries);
    sqlite3_bind_int64 (stmt, 8, s->sales);
    sqlite3_bind_int64 (stmt, 9, s->refunds);
    sqlite3_bind_int64 (stmt, 10, s->net_sales);
    sqlite3_bind_int64 (stmt, 11, s->commission);
    sqlite3_bind_int64 (stmt, 12, s->charges);
    sqlite3_bind_int64 (stmt, 13, s->payout);
    for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
      sqlite3_bind_int64 (stmt, 14 + m, s->payments[m]);
    lapak_stmt_bind_text (stmt, 19, a->forced);
    if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
      return FALSE;
  }

  for (guint i = 0; i < s->tenants->len; i++)
    {
      const LapakSettleTenant *t = g_ptr_array_index (s->tenants, i);
      g_auto(LapakStmt) stmt = NULL;

      if (t->n_entries == 0)
        continue;
      if (!(stmt = lapak_db_prepare (db,
                                     "INSERT INTO settlement_tenant (till_id, settlement_seq, tenant_code, units, sales, "
                                     "refunds, net_sales, commission_bp, commission, charges, payout) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                     error)))
        return FALSE;
      lapak_stmt_bind_text (stmt, 1, till);
      sqlite3_bind_int64 (stmt, 2, seq);
      lapak_stmt_bind_text (stmt, 3, t->code);
      sqlite3_bind_int64 (stmt, 4, t->units);
      sqlite3_bind_int64 (stmt, 5, t->sales);
      sqlite3_bind_int64 (stmt, 6, t->refunds);
      sqlite3_bind_int64 (stmt, 7, t->net_sales);
      sqlite3_bind_int (stmt, 8, t->commission_bp);
      sqlite3_bind_int64 (stmt, 9, t->commission);
      sqlite3_bind_int64 (stmt, 10, t->charges);
      sqlite3_bind_int64 (stmt, 11, t->payout);
      if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
        return FALSE;
      if (t->commission != 0 &&
          !insert_commission (db, s->event, t->code, t->commission, id, at, error))
        return FALSE;
    }

  /* Mark what was computed, with the same condition, in this same
   * transaction: exactly as many entries, or someone else got there first. */
  {
    g_auto(LapakStmt) stmt = NULL;

    if (!(stmt = lapak_db_prepare (db, "UPDATE account_entry AS e SET settlement = ?3 WHERE" COVERED_WHERE, error)))
      return FALSE;
    lapak_stmt_bind_text (stmt, 1, s->event);
    sqlite3_bind_int64 (stmt, 2, a->until);
    lapak_stmt_bind_text (stmt, 3, id);
    if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
      return FALSE;
    if (sqlite3_changes64 (lapak_db_get_handle (db)) != s->n_entries)
      {
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                     _("An account entry was settled by someone else meanwhile. Nothing was recorded; try again."));
        return FALSE;
      }
  }

  if (!(body = settlement_body (db, seq, error)) ||
      !lapak_journal_append (db, "settlement", seq, body, at, NULL, error))
    return FALSE;

  s->id = g_steal_pointer (&id);
  s->closed = TRUE;
  a->result = g_steal_pointer (&s);
  return TRUE;
}

/**
 * lapak_settlement_close:
 * @actor: an organiser
 * @event_code: (nullable): the event, or %NULL for the active one
 * @until: the cut-off, µs since the epoch, inclusive
 *
 * Records the settlement of every unsettled entry up to @until for good, in
 * one transaction with its journal entry. Refused (LAPAK_ERROR_STATE) when
 * there is nothing new to settle, or when some till's records up to @until
 * are known to be missing here (see lapak_settlement_close_forced()).
 *
 * Returns: (transfer full): the closed settlement, or %NULL
 */
LapakSettlement *
lapak_settlement_close (LapakDb          *db,
                        const LapakUser  *actor,
                        const char       *event_code,
                        int64_t           until,
                        GError          **error)
{
  return lapak_settlement_close_forced (db, actor, event_code, until, NULL, error);
}

/**
 * lapak_settlement_close_forced:
 * @forced: (nullable): why to close although some till's records up to
 *   @until are known to be missing here (lapak_sync_missing()); %NULL:
 *   refuse then (LAPAK_ERROR_STATE), as lapak_settlement_close() does
 *
 * lapak_settlement_close(), which a hub refuses while a till's records up
 * to the cut-off are missing, unless the organiser gives a reason. The
 * reason is kept in the settlement and its journal entry.
 */
LapakSettlement *
lapak_settlement_close_forced (LapakDb          *db,
                               const LapakUser  *actor,
                               const char       *event_code,
                               int64_t           until,
                               const char       *forced,
                               GError          **error)
{
  CloseArgs a = { actor, event_code, until, forced, NULL };

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_EVENTS, error))
    return NULL;
  if (!lapak_settle_cutoff_check (until, error))
    return NULL;
  if (forced != NULL && !lapak_text_validate (_("reason"), forced, 200, TRUE, error))
    return NULL;
  if (!lapak_db_transaction (db, close_txn, &a, error))
    {
      g_clear_pointer (&a.result, lapak_settlement_free);
      return NULL;
    }
  return a.result;
}

/* ---------- a closed settlement, again ---------- */

/**
 * lapak_settlement_get:
 * @settlement_id: a closed settlement's id ("K1-S000001", any till's)
 *
 * A closed settlement as lapak_settlement_close() returned it, read back
 * from its rows: the same totals, money per method and tenants (with their
 * figures as recorded), so that its statements and CSV can be made again.
 * The event's tenants that had nothing in it are listed with zeros, as at
 * the close; names are the tenants' current ones.
 *
 * Returns: (transfer full): the settlement (closed = TRUE), or %NULL
 *   (LAPAK_ERROR_NOT_FOUND if there is no such settlement here)
 */
LapakSettlement *
lapak_settlement_get (LapakDb     *db,
                      const char  *settlement_id,
                      GError     **error)
{
  g_autoptr(LapakSettlement) s = g_new0 (LapakSettlement, 1);
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) tenants = g_ptr_array_new_with_free_func (settle_tenant_free);
  g_autofree char *till = NULL;
  g_auto(LapakStmt) stmt = NULL;
  int64_t seq = 0;
  int rc;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT till_id, seq, event_code, until, n_entries, sales, refunds, net_sales, "
                                 "commission, charges, payout, pay_cash, pay_qris, pay_transfer, pay_card, pay_ewallet "
                                 "FROM settlement WHERE till_id || '-S' || printf ('%06d', seq) = ?1",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, settlement_id);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no closed settlement %s here. Its number is on its statements "
                     "(e.g. K1-S000001); at a hub, import the till's bundle first."),
                   settlement_id);
      return NULL;
    }
  till = g_strdup (lapak_stmt_text (stmt, 0));
  seq = sqlite3_column_int64 (stmt, 1);
  s->id = lapak_settlement_id (till, seq);
  s->event = g_strdup (lapak_stmt_text (stmt, 2));
  s->currency = g_strdup ("IDR");
  s->until = sqlite3_column_int64 (stmt, 3);
  s->closed = TRUE;
  s->n_entries = sqlite3_column_int64 (stmt, 4);
  s->sales = sqlite3_column_int64 (stmt, 5);
  s->refunds = sqlite3_column_int64 (stmt, 6);
  s->net_sales = sqlite3_column_int64 (stmt, 7);
  s->commission = sqlite3_column_int64 (stmt, 8);
  s->charges = sqlite3_column_int64 (stmt, 9);
  s->payout = sqlite3_column_int64 (stmt, 10);
  for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
    s->payments[m] = sqlite3_column_int64 (stmt, 11 + m);
  lapak_stmt_release (g_steal_pointer (&stmt));

  /* Its tenants as recorded, named as compute() names them (a tenant no
   * longer taking part by its code), with the entries it covered. */
  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT st.tenant_code, CASE WHEN p.tenant_code IS NULL THEN st.tenant_code ELSE t.name END, "
                                 "st.units, st.sales, st.refunds, st.net_sales, st.commission_bp, st.commission, "
                                 "st.charges, st.payout, "
                                 "(SELECT COUNT(*) FROM account_entry e WHERE e.settlement = ?3 AND e.tenant_code = st.tenant_code "
                                 "  AND e.kind IN ('sale', 'void', 'refund', 'booth_fee', 'charge')) "
                                 "FROM settlement_tenant st JOIN tenant t ON t.code = st.tenant_code "
                                 "LEFT JOIN participation p ON p.event_code = ?4 AND p.tenant_code = st.tenant_code "
                                 "WHERE st.till_id = ?1 AND st.settlement_seq = ?2",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  lapak_stmt_bind_text (stmt, 3, s->id);
  lapak_stmt_bind_text (stmt, 4, s->event);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakSettleTenant *t = tenant_for (by_code, lapak_stmt_text (stmt, 0));

      t->name = g_strdup (lapak_stmt_text (stmt, 1));
      t->units = sqlite3_column_int64 (stmt, 2);
      t->sales = sqlite3_column_int64 (stmt, 3);
      t->refunds = sqlite3_column_int64 (stmt, 4);
      t->net_sales = sqlite3_column_int64 (stmt, 5);
      t->commission_bp = sqlite3_column_int (stmt, 6);
      t->commission = sqlite3_column_int64 (stmt, 7);
      t->charges = sqlite3_column_int64 (stmt, 8);
      t->payout = sqlite3_column_int64 (stmt, 9);
      t->n_entries = sqlite3_column_int64 (stmt, 10);
      g_ptr_array_add (tenants, t);
    }
  if (rc < 0)
    return NULL;
  lapak_stmt_release (g_steal_pointer (&stmt));

  /* The event's other tenants, with nothing in it. */
  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT p.tenant_code, t.name, p.commission_bp FROM participation p "
                                 "JOIN tenant t ON t.code = p.tenant_code WHERE p.event_code = ?1",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, s->event);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakSettleTenant *t;

      if (g_hash_table_contains (by_code, lapak_stmt_text (stmt, 0)))
        continue;
      t = tenant_for (by_code, lapak_stmt_text (stmt, 0));
      t->name = g_strdup (lapak_stmt_text (stmt, 1));
      t->commission_bp = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (tenants, t);
    }
  if (rc < 0)
    return NULL;

  g_ptr_array_sort (tenants, compare_tenants);
  s->tenants = g_steal_pointer (&tenants);
  return g_steal_pointer (&s);
}

/* ---------- charges and payouts ---------- */

typedef struct
{
  const char *kind;       /* "charge" or "payout" */
  const char *tenant;
  int64_t     amount;
  const char *reason;     /* a charge's reason */
  const char *reference;  /* a payout's transfer reference or receipt */
} AccountMove;

static char *
move_body (const char  *id,
           const char  *event,
           const char  *tenant,
           int64_t      amount,
           const char  *reason,
           const char  *ref)
{
  GString *body = g_string_new (NULL);

  lapak_journal_put (body, "entry", id);
  lapak_journal_put (body, "event", event);
  lapak_journal_put (body, "tenant", tenant);
  lapak_journal_put_int (body, "amount", amount);
  lapak_journal_put (body, "reason", reason);
  lapak_journal_put (body, "reference", ref);
  return g_string_free (body, FALSE);
}

static gboolean
move_txn (LapakDb  *db,
          gpointer  user_data,
          GError  **error)
{
  AccountMove *m = user_data;
  const char *till = lapak_db_get_till_id (db);
  g_autoptr(LapakEvent) event = NULL;
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  int64_t seq;
  int64_t at = lapak_db_now ();
  int rc;

  if (!(event = find_event (db, NULL, error)))
    return FALSE;

  if (!(stmt = lapak_db_prepare (db, "SELECT 1 FROM participation WHERE event_code = ?1 AND tenant_code = ?2", error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, event->code);
  lapak_stmt_bind_text (stmt, 2, m->tenant);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("Tenant %s does not take part in event %s: check the code with “lapakctl tenant list”."),
                   m->tenant, event->code);
      return FALSE;
    }
  lapak_stmt_release (g_steal_pointer (&stmt));

  if (!lapak_db_next_seq (db, "account_entry", &seq, error) ||
      !(stmt = lapak_db_prepare (db,
                                 "INSERT INTO account_entry (till_id, seq, event_code, tenant_code, kind, amount, reason, ref, at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  lapak_stmt_bind_text (stmt, 3, event->code);
  lapak_stmt_bind_text (stmt, 4, m->tenant);
  lapak_stmt_bind_text (stmt, 5, m->kind);
  sqlite3_bind_int64 (stmt, 6, -m->amount);
  lapak_stmt_bind_text (stmt, 7, m->reason);
  lapak_stmt_bind_text (stmt, 8, m->reference);
  sqlite3_bind_int64 (stmt, 9, at);
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;

  id = g_strdup_printf ("%s-A%06" G_GINT64_FORMAT, till, seq);
  body = move_body (id, event->code, m->tenant, -m->amount, m->reason, m->reference);
  return lapak_journal_append (db, m->kind, seq, body, at, NULL, error);
}

static gboolean
account_move (LapakDb          *db,
              const LapakUser  *actor,
              AccountMove      *m,
              GError          **error)
{
  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_EVENTS, error))
    return FALSE;
  if (m->tenant == NULL || *m->tenant == '\0')
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID, _("Name the tenant by its code."));
      return FALSE;
    }
  if (m->amount <= 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The amount must be more than zero, e.g. 50.000."));
      return FALSE;
    }
  if (m->reason != NULL && !lapak_text_validate (_("reason"), m->reason, 200, TRUE, error))
    return FALSE;
  if (m->reference != NULL && !lapak_text_validate (_("reference"), m->reference, 200, TRUE, error))
    return FALSE;
  return lapak_db_transaction (db, move_txn, m, error);
}

/**
 * lapak_charge_add:
 * @actor: an organiser
 * @amount: > 0, charged to the tenant in the active event
 * @reason: what for (required)
 *
 * A charge (label fee, damage, …) on the tenant's account; the next
 * settlement counts it with the booth fee in its charges. Journaled.
 */
gboolean
lapak_charge_add (LapakDb          *db,
                  const LapakUser  *actor,
                  const char       *tenant_code,
                  int64_t           amount,
                  const char       *reason,
                  GError          **error)
{
  AccountMove m = { "charge", tenant_code, amount, reason != NULL ? reason : "", NULL };

  return account_move (db, actor, &m, error);
}

/**
 * lapak_payout_add:
 * @actor: an organiser
 * @amount: > 0, money paid to the tenant
 * @reference: the bank transfer reference, or the cash receipt's (required)
 *
 * Records money paid to the tenant. A payout only lowers the tenant's
 * balance: it is not part of any settlement (see the top of this file).
 * Journaled.
 */
gboolean
lapak_payout_add (LapakDb          *db,
                  const LapakUser  *actor,
                  const char       *tenant_code,
                  int64_t           amount,
                  const char       *reference,
                  GError          **error)
{
  AccountMove m = { "payout", tenant_code, amount, NULL, reference != NULL ? reference : "" };

  return account_move (db, actor, &m, error);
}

char *
_lapak_settle_record_body (LapakDb     *db,
                           const char  *type,
                           int64_t      ref,
                           GError     **error)
{
  const char *till = lapak_db_get_till_id (db);
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *id = NULL;
  int rc;

  if (g_str_equal (type, "settlement"))
    return settlement_body (db, ref, error);

  id = g_strdup_printf ("%s-A%06" G_GINT64_FORMAT, till, ref);
  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT event_code, tenant_code, amount, reason, ref FROM account_entry "
                                 "WHERE till_id = ?1 AND seq = ?2 AND kind = ?3",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, ref);
  lapak_stmt_bind_text (stmt, 3, type);
  rc = lapak_db_step (db, stmt, error);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND, _("Account entry %s is missing."), id);
      return NULL;
    }
  return move_body (id, lapak_stmt_text (stmt, 0), lapak_stmt_text (stmt, 1), sqlite3_column_int64 (stmt, 2),
                    lapak_stmt_text (stmt, 3), lapak_stmt_text (stmt, 4));
}
