/* lapak-statement.c — what a settlement's statements show, line by line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lines of the statements (items sold and refunded per product, the
 * charges, the money per till and payment method, the shifts with their Z
 * reports) are read from exactly the account entries the settlement covers:
 * the entries marked with its id once closed, or, for a preview, the
 * unsettled entries up to its cut-off chosen as lapak-settle.c chooses them
 * (a void dated by the sale it cancels). So, per tenant, Σ sold amounts =
 * sales and Σ refunded amounts = refunds of the settlement, and per method
 * Σ over tills = the settlement's payments; test-statement.c pins that.
 * The print layer only lays these lines out.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lapak-csv.h"
#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-statement.h"
#include "lapak-stock.h"

/* The covered entries (sel) with the sale or refund each belongs to.
 * %s: the condition choosing them. */
#define COVERED_SQL \
  "WITH cov AS MATERIALIZED (" \
  "  SELECT e.till_id, e.seq, e.tenant_code, e.kind, e.amount, e.reason, e.at," \
  "   CASE e.kind WHEN 'sale' THEN CAST(substr(e.ref, length(e.till_id) + 2) AS INTEGER)" \
  "    WHEN 'void' THEN (SELECT v.sale_seq FROM sale_void v WHERE v.till_id = e.till_id" \
  "      AND v.seq = CAST(substr(e.ref, length(e.till_id) + 3) AS INTEGER)) END AS sale_seq," \
  "   CASE e.kind WHEN 'refund' THEN CAST(substr(e.ref, length(e.till_id) + 3) AS INTEGER) END AS refund_seq" \
  "  FROM account_entry e" \
  "  WHERE e.event_code = ?1 AND %s" \
  "   AND e.kind IN ('sale', 'void', 'refund', 'booth_fee', 'charge')" \
  "  ORDER BY e.till_id, e.seq)," \
  " sel AS (SELECT * FROM cov WHERE %s)"

#define PREVIEW_ENTRIES "e.settlement IS NULL"
#define PREVIEW_CUTOFF \
  "(CASE cov.kind WHEN 'void' THEN (SELECT s.at FROM sale s WHERE s.till_id = cov.till_id" \
  "  AND s.seq = cov.sale_seq) ELSE cov.at END) <= ?2"
#define CLOSED_ENTRIES "e.settlement = ?3"
#define CLOSED_CUTOFF "1"

static char *
covered_sql (const LapakSettlement *s,
             const char            *rest)
{
  g_autofree char *with = NULL;

  if (s->closed)
    with = g_strdup_printf (COVERED_SQL, CLOSED_ENTRIES, CLOSED_CUTOFF);
  else
    with = g_strdup_printf (COVERED_SQL, PREVIEW_ENTRIES, PREVIEW_CUTOFF);
  return g_strconcat (with, " ", rest, NULL);
}

static sqlite3_stmt *
prepare_covered (LapakDb                *db,
                 const LapakSettlement  *s,
                 const char             *rest,
                 GError                **error)
{
  g_autofree char *sql = covered_sql (s, rest);
  sqlite3_stmt *stmt = lapak_db_prepare (db, sql, error);

  if (stmt == NULL)
    return NULL;
  lapak_stmt_bind_text (stmt, 1, s->event);
  sqlite3_bind_int64 (stmt, 2, s->until);
  if (s->closed)
    lapak_stmt_bind_text (stmt, 3, s->id);
  else
    sqlite3_bind_null (stmt, 3);
  return stmt;
}

static void
item_free (gpointer data)
{
  LapakStatementItem *item = data;

  g_free (item->product_code);
  g_free (item->name);
  g_free (item);
}

static void
charge_free (gpointer data)
{
  LapakStatementCharge *charge = data;

  g_free (charge->id);
  g_free (charge->kind);
  g_free (charge->reason);
  g_free (charge);
}

static void
tenant_statement_free (gpointer data)
{
  LapakTenantStatement *ts = data;

  g_free (ts->bank_account);
  g_free (ts->phone);
  g_clear_pointer (&ts->items, g_ptr_array_unref);
  g_clear_pointer (&ts->charges, g_ptr_array_unref);
  g_clear_pointer (&ts->stock, g_ptr_array_unref);
  g_free (ts);
}

static void
till_money_free (gpointer data)
{
  LapakTillMoney *tm = data;

  g_free (tm->till_id);
  g_free (tm);
}

static void
shift_free (gpointer data)
{
  LapakStatementShift *sh = data;

  g_free (sh->till_id);
  g_free (sh->cashier);
  g_free (sh);
}

void
lapak_statement_free (LapakStatement *statement)
{
  if (statement == NULL)
    return;
  g_free (statement->event_name);
  g_free (statement->closed_by);
  g_free (statement->journal_hash);
  g_clear_pointer (&statement->tenants, g_ptr_array_unref);
  g_clear_pointer (&statement->tills, g_ptr_array_unref);
  g_clear_pointer (&statement->shifts, g_ptr_array_unref);
  g_free (statement);
}

/* Items: per tenant and product, sales (minus voids) and refunds. */
#define ITEMS_SQL \
  "SELECT tenant, product, COALESCE (MIN (sname), MIN (pname), product)," \
  "  SUM (sq), SUM (sa), SUM (rq), SUM (ra) FROM (" \
  "  SELECT sel.tenant_code AS tenant, l.product_code AS product, l.name AS sname, NULL AS pname," \
  "   CASE sel.kind WHEN 'sale' THEN l.qty ELSE -l.qty END AS sq," \
  "   CASE sel.kind WHEN 'sale' THEN 1 ELSE -1 END * l.qty * (l.unit_price - l.unit_discount) AS sa," \
  "   0 AS rq, 0 AS ra" \
  "  FROM sel JOIN sale_line l ON l.till_id = sel.till_id AND l.sale_seq = sel.sale_seq" \
  "   AND l.tenant_code = sel.tenant_code" \
  "  WHERE sel.kind IN ('sale', 'void')" \
  "  UNION ALL" \
  "  SELECT sel.tenant_code, rl.product_code, NULL, (SELECT p.name FROM product p WHERE p.code = rl.product_code)," \
  "   0, 0, rl.qty, rl.qty * rl.unit_net" \
  "  FROM sel JOIN refund_line rl ON rl.till_id = sel.till_id AND rl.refund_seq = sel.refund_seq" \
  "   AND rl.tenant_code = sel.tenant_code" \
  "  WHERE sel.kind = 'refund')" \
  " GROUP BY tenant, product" \
  " HAVING SUM (sq) <> 0 OR SUM (sa) <> 0 OR SUM (rq) <> 0 OR SUM (ra) <> 0" \
  " ORDER BY tenant, product"

#define CHARGES_SQL \
  "SELECT tenant_code, till_id, seq, kind, COALESCE (reason, ''), -amount, at FROM sel" \
  " WHERE kind IN ('booth_fee', 'charge') ORDER BY tenant_code, till_id, seq"

/* Each sale, void and refund once, however many tenants it has. */
#define TILLS_SQL \
  ", rec AS (SELECT DISTINCT till_id, kind, sale_seq, refund_seq FROM sel" \
  "   WHERE kind IN ('sale', 'void', 'refund'))" \
  " SELECT till_id, method, SUM (amount) FROM (" \
  "  SELECT rec.till_id, p.method, CASE rec.kind WHEN 'sale' THEN p.amount ELSE -p.amount END AS amount" \
  "  FROM rec JOIN payment p ON p.till_id = rec.till_id AND p.sale_seq = rec.sale_seq" \
  "  WHERE rec.kind IN ('sale', 'void')" \
  "  UNION ALL" \
  "  SELECT rec.till_id, r.method, -r.amount" \
  "  FROM rec JOIN refund r ON r.till_id = rec.till_id AND r.seq = rec.refund_seq" \
  "  WHERE rec.kind = 'refund')" \
  " GROUP BY till_id, method ORDER BY till_id"

/* The shifts in which the covered sales, voids and refunds were made; a
 * shift closed after ?4 (a closed settlement's close) as it was then: open. */
#define SHIFTS_SQL \
  ", sh AS (" \
  "  SELECT s.till_id, s.shift_seq FROM sel JOIN sale s ON s.till_id = sel.till_id AND s.seq = sel.sale_seq" \
  "   WHERE sel.kind = 'sale'" \
  "  UNION" \
  "  SELECT v.till_id, v.shift_seq FROM sel JOIN sale_void v ON v.sale_till = sel.till_id" \
  "   AND v.sale_seq = sel.sale_seq WHERE sel.kind = 'void'" \
  "  UNION" \
  "  SELECT r.till_id, r.shift_seq FROM sel JOIN refund r ON r.till_id = sel.till_id AND r.seq = sel.refund_seq" \
  "   WHERE sel.kind = 'refund')" \
  " SELECT f.till_id, f.seq, f.cashier, f.opened_at, f.closed_at <= ?4, COALESCE (f.z_number, 0)," \
  "  COALESCE (f.expected, 0), COALESCE (f.counted, 0)" \
  " FROM sh JOIN shift f ON f.till_id = sh.till_id AND f.seq = sh.shift_seq" \
  " ORDER BY f.till_id, f.seq"

static LapakTenantStatement *
find_tenant (LapakStatement *st,
             const char     *code)
{
  /* tenants are ordered by code */
  guint lo = 0, hi = st->tenants->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      LapakTenantStatement *ts = g_ptr_array_index (st->tenants, mid);
      int c = strcmp (ts->tenant->code, code);

      if (c == 0)
        return ts;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

static gboolean
load_header (LapakDb                *db,
             LapakStatement         *st,
             GError                **error)
{
  const LapakSettlement *s = st->settlement;
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  if (!(stmt = lapak_db_prepare (db, "SELECT name FROM event WHERE code = ?1", error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, s->event);
  if ((rc = lapak_db_step (db, stmt, error)) < 0)
    return FALSE;
  st->event_name = g_strdup (rc == SQLITE_ROW ? lapak_stmt_text (stmt, 0) : s->event);
  lapak_stmt_release (g_steal_pointer (&stmt));

  /* The previous cut-off: the latest other settlement of the event closed
   * before this one (every one, for a preview). */
  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT s.till_id, s.seq, s.until, s.closed_at, s.closed_by, j.hash "
                                 "FROM settlement s LEFT JOIN journal j ON j.till_id = s.till_id "
                                 " AND j.type = 'settlement' AND j.ref = s.seq "
                                 "WHERE s.event_code = ?1 ORDER BY s.closed_at, s.till_id, s.seq",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, s->event);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *id = lapak_settlement_id (lapak_stmt_text (stmt, 0), sqlite3_column_int64 (stmt, 1));

      if (s->closed && g_str_equal (id, s->id))
        {
          st->closed_at = sqlite3_column_int64 (stmt, 3);
          st->closed_by = g_strdup (lapak_stmt_text (stmt, 4));
          st->journal_hash = g_strdup (lapak_stmt_text (stmt, 5));
          break;
        }
      st->from = MAX (st->from, sqlite3_column_int64 (stmt, 2));
    }
  if (rc < 0)
    return FALSE;
  if (s->closed && st->closed_at == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("Settlement %s is missing: run “lapakctl journal verify”."), s->id);
      return FALSE;
    }
  if (!s->closed && !(st->journal_hash = lapak_journal_head (db, error)))
    return FALSE;
  return TRUE;
}

static gboolean
load_tenants (LapakDb         *db,
              LapakStatement  *st,
              GError         **error)
{
  const LapakSettlement *s = st->settlement;

  for (guint i = 0; i < s->tenants->len; i++)
    {
      const LapakSettleTenant *t = g_ptr_array_index (s->tenants, i);
      LapakTenantStatement *ts = g_new0 (LapakTenantStatement, 1);
      g_auto(LapakStmt) stmt = NULL;
      int rc;

      ts->tenant = t;
      ts->items = g_ptr_array_new_with_free_func (item_free);
      ts->charges = g_ptr_array_new_with_free_func (charge_free);
      g_ptr_array_add (st->tenants, ts);

      if (!(stmt = lapak_db_prepare (db, "SELECT COALESCE (bank_account, ''), COALESCE (phone, '') "
                                         "FROM tenant WHERE code = ?1", error)))
        return FALSE;
      lapak_stmt_bind_text (stmt, 1, t->code);
      if ((rc = lapak_db_step (db, stmt, error)) < 0)
        return FALSE;
      ts->bank_account = g_strdup (rc == SQLITE_ROW ? lapak_stmt_text (stmt, 0) : "");
      ts->phone = g_strdup (rc == SQLITE_ROW ? lapak_stmt_text (stmt, 1) : "");
      /* A closed settlement's as it was at the close. */
      if (!(ts->stock = lapak_stock_report_until (db, s->event, t->code,
                                                  s->closed ? st->closed_at : G_MAXINT64, error)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_items (LapakDb         *db,
            LapakStatement  *st,
            GError         **error)
{
  g_auto(LapakStmt) stmt = prepare_covered (db, st->settlement, ITEMS_SQL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakTenantStatement *ts = find_tenant (st, lapak_stmt_text (stmt, 0));
      LapakStatementItem *item;

      if (ts == NULL)
        continue;
      item = g_new0 (LapakStatementItem, 1);
      item->product_code = g_strdup (lapak_stmt_text (stmt, 1));
      item->name = g_strdup (lapak_stmt_text (stmt, 2));
      item->sold_qty = sqlite3_column_int64 (stmt, 3);
      item->sold_amount = sqlite3_column_int64 (stmt, 4);
      item->refunded_qty = sqlite3_column_int64 (stmt, 5);
      item->refunded_amount = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (ts->items, item);
    }
  return rc >= 0;
}

static gboolean
load_charges (LapakDb         *db,
              LapakStatement  *st,
              GError         **error)
{
  g_auto(LapakStmt) stmt = prepare_covered (db, st->settlement, CHARGES_SQL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakTenantStatement *ts = find_tenant (st, lapak_stmt_text (stmt, 0));
      LapakStatementCharge *charge;

      if (ts == NULL)
        continue;
      charge = g_new0 (LapakStatementCharge, 1);
      charge->id = g_strdup_printf ("%s-A%06" G_GINT64_FORMAT, lapak_stmt_text (stmt, 1),
                                    (gint64) sqlite3_column_int64 (stmt, 2));
      charge->kind = g_strdup (lapak_stmt_text (stmt, 3));
      charge->reason = g_strdup (lapak_stmt_text (stmt, 4));
      charge->amount = sqlite3_column_int64 (stmt, 5);
      charge->at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (ts->charges, charge);
    }
  return rc >= 0;
}

static gboolean
load_tills (LapakDb         *db,
            LapakStatement  *st,
            GError         **error)
{
  g_auto(LapakStmt) stmt = prepare_covered (db, st->settlement, TILLS_SQL, error);
  LapakTillMoney *tm = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      const char *till = lapak_stmt_text (stmt, 0);
      LapakPayMethod method;

      if (tm == NULL || !g_str_equal (tm->till_id, till))
        {
          tm = g_new0 (LapakTillMoney, 1);
          tm->till_id = g_strdup (till);
          g_ptr_array_add (st->tills, tm);
        }
      if (!lapak_pay_method_from_string (lapak_stmt_text (stmt, 1), &method, error))
        return FALSE;
      tm->payments[method] += sqlite3_column_int64 (stmt, 2);
    }
  return rc >= 0;
}

static gboolean
load_shifts (LapakDb         *db,
             LapakStatement  *st,
             GError         **error)
{
  g_auto(LapakStmt) stmt = prepare_covered (db, st->settlement, SHIFTS_SQL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 4, st->settlement->closed ? st->closed_at : G_MAXINT64);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakStatementShift *sh = g_new0 (LapakStatementShift, 1);

      sh->till_id = g_strdup (lapak_stmt_text (stmt, 0));
      sh->seq = sqlite3_column_int64 (stmt, 1);
      sh->cashier = g_strdup (lapak_stmt_text (stmt, 2));
      sh->opened_at = sqlite3_column_int64 (stmt, 3);
      sh->closed = sqlite3_column_int (stmt, 4) != 0;
      sh->z_number = sqlite3_column_int64 (stmt, 5);
      sh->expected = sqlite3_column_int64 (stmt, 6);
      sh->counted = sqlite3_column_int64 (stmt, 7);
      sh->difference = sh->closed ? sh->counted - sh->expected : 0;
      g_ptr_array_add (st->shifts, sh);
    }
  return rc >= 0;
}

/**
 * lapak_statement_new:
 * @settlement: a preview or a closed settlement of @db; it must outlive the
 *   statement, which points into it
 *
 * Reads the lines of every tenant's statement and of the organiser's
 * summary from the entries @settlement covers.
 *
 * Returns: (transfer full): the statement, or %NULL with @error set
 */
LapakStatement *
lapak_statement_new (LapakDb                *db,
                     const LapakSettlement  *settlement,
                     GError                **error)
{
  g_autoptr(LapakStatement) st = g_new0 (LapakStatement, 1);

  g_return_val_if_fail (settlement != NULL, NULL);

  st->settlement = settlement;
  st->tenants = g_ptr_array_new_with_free_func (tenant_statement_free);
  st->tills = g_ptr_array_new_with_free_func (till_money_free);
  st->shifts = g_ptr_array_new_with_free_func (shift_free);

  if (!load_header (db, st, error) ||
      !load_tenants (db, st, error) ||
      !load_items (db, st, error) ||
      !load_charges (db, st, error) ||
      !load_tills (db, st, error) ||
      !load_shifts (db, st, error))
    return NULL;
  return g_steal_pointer (&st);
}
