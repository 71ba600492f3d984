/* lapak-sales-lines.c — the sale lines a user may see (tenant views, export)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tenant user sees only the lines of its own products (a sale mixes many
 * tenants' goods: the other tenants' lines of the same sale stay hidden);
 * every other user sees all. A line shows what was sold then — name and
 * prices are copied into the sale line when it is sold, so a later price
 * change or rename never changes it.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <glib/gi18n-lib.h>

#include "lapak-error.h"
#include "lapak-ledger.h"
#include "lapak-sale.h"
#include "lapak-sales-lines.h"

void
lapak_sales_line_free (LapakSalesLine *line)
{
  if (line == NULL)
    return;
  g_free (line->sale);
  g_free (line->event);
  g_free (line->cashier);
  g_free (line->product);
  g_free (line->tenant);
  g_free (line->name);
  g_free (line);
}

/* The tenant whose sales @actor asks for in *@tenant_code: a tenant user's
 * own (another's is refused); %NULL for every tenant. */
static gboolean
resolve_tenant (const LapakUser  *actor,
                const char      **tenant_code,
                GError          **error)
{
  if (actor == NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                   _("Log in first: this needs a user with a PIN."));
      return FALSE;
    }

  if (lapak_user_get_role (actor) == LAPAK_ROLE_TENANT)
    {
      const char *own = lapak_user_get_tenant (actor);

      if (*tenant_code != NULL && g_strcmp0 (*tenant_code, own) != 0)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                       _("%s belongs to tenant %s and may see only tenant %s's sales."),
                       lapak_user_get_name (actor), own, own);
          return FALSE;
        }
      *tenant_code = own;
    }
  return TRUE;
}

/**
 * lapak_sales_lines:
 * @actor: the user asking
 * @tenant_code: (nullable): only this tenant's lines
 * @event_code: (nullable): only this event's sales; %NULL for all events
 *
 * The sale lines @actor may see, oldest first: a tenant user only its own
 * tenant's (asking for another tenant's is refused).
 *
 * Returns: (transfer container) (element-type LapakSalesLine): the lines
 */
GPtrArray *
lapak_sales_lines (LapakDb          *db,
                   const LapakUser  *actor,
                   const char       *tenant_code,
                   const char       *event_code,
                   GError          **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);

  if (!resolve_tenant (actor, &tenant_code, error))
    return NULL;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT s.till_id, s.seq, s.at, s.event_code, s.cashier, l.line, "
                                 "       l.product_code, l.tenant_code, l.name, l.qty, l.list_price, "
                                 "       l.unit_price, l.unit_discount, v.seq IS NOT NULL, COALESCE(rf.qty, 0) "
                                 "FROM sale s "
                                 "JOIN sale_line l ON l.till_id = s.till_id AND l.sale_seq = s.seq "
                                 "LEFT JOIN sale_void v ON v.sale_till = s.till_id AND v.sale_seq = s.seq "
                                 /* refunds are few: sum them once, not once per line */
                                 "LEFT JOIN (SELECT r.sale_till AS till, r.sale_seq AS seq, rl.sale_line AS line, "
                                 "                  SUM(rl.qty) AS qty FROM refund r "
                                 "           JOIN refund_line rl ON rl.till_id = r.till_id AND rl.refund_seq = r.seq "
                                 "           GROUP BY 1, 2, 3) rf "
                                 "  ON rf.till = s.till_id AND rf.seq = s.seq AND rf.line = l.line "
                                 "WHERE (?1 IS NULL OR l.tenant_code = ?1) "
                                 "  AND (?2 IS NULL OR s.event_code = ?2) "
                                 "ORDER BY s.at, s.till_id, s.seq, l.line",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, tenant_code);
  lapak_stmt_bind_text (stmt, 2, event_code);

  lines = g_ptr_array_new_with_free_func ((GDestroyNotify)lapak_sales_line_free);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakSalesLine *l = g_new0 (LapakSalesLine, 1);

      l->sale = lapak_sale_id (lapak_stmt_text (stmt, 0), sqlite3_column_int64 (stmt, 1));
      l->at = sqlite3_column_int64 (stmt, 2);
      l->event = g_strdup (lapak_stmt_text (stmt, 3));
      l->cashier = g_strdup (lapak_stmt_text (stmt, 4));
      l->line = (guint)sqlite3_column_int (stmt, 5);
      l->product = g_strdup (lapak_stmt_text (stmt, 6));
      l->tenant = g_strdup (lapak_stmt_text (stmt, 7));
      l->name = g_strdup (lapak_stmt_text (stmt, 8));
      l->qty = sqlite3_column_int64 (stmt, 9);
      l->list_price = sqlite3_column_int64 (stmt, 10);
      l->unit_price = sqlite3_column_int64 (stmt, 11);
      l->unit_discount = sqlite3_column_int64 (stmt, 12);
      l->total = l->qty * (l->unit_price - l->unit_discount);
      l->voided = sqlite3_column_int (stmt, 13) != 0;
      l->refunded_qty = sqlite3_column_int64 (stmt, 14);
      g_ptr_array_add (lines, l);
    }
  if (rc < 0)
    return NULL;

  return g_steal_pointer (&lines);
}

/**
 * lapak_sales_summary:
 * @actor: the user asking
 * @tenant_code: (nullable): the tenant; %NULL only for a tenant user (its own)
 * @event_code: (nullable): only this event's sales; %NULL for all events
 * @out: (out caller-allocates): the summary
 *
 * What @tenant_code sold, as its page shows it above the lines of
 * lapak_sales_lines(): units and money of the sales not voided, less what
 * came back by refunds, and the tenant's balance now (its account over
 * every event: sales less refunds, commission, charges and payouts). The
 * same visibility as lapak_sales_lines(): a tenant user only its own.
 */
gboolean
lapak_sales_summary (LapakDb            *db,
                     const LapakUser    *actor,
                     const char         *tenant_code,
                     const char         *event_code,
                     LapakSalesSummary  *out,
                     GError            **error)
{
  g_auto(LapakStmt) stmt = NULL;

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!resolve_tenant (actor, &tenant_code, error))
    return FALSE;
  if (tenant_code == NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("Say which tenant's sales to sum up."));
      return FALSE;
    }

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT COALESCE(SUM(l.qty - COALESCE(rf.qty, 0)), 0), "
                                 "       COALESCE(SUM((l.qty - COALESCE(rf.qty, 0)) * (l.unit_price - l.unit_discount)), 0) "
                                 "FROM sale s "
                                 "JOIN sale_line l ON l.till_id = s.till_id AND l.sale_seq = s.seq "
                                 "LEFT JOIN (SELECT r.sale_till AS till, r.sale_seq AS seq, rl.sale_line AS line, "
                                 "                  SUM(rl.qty) AS qty FROM refund r "
                                 "           JOIN refund_line rl ON rl.till_id = r.till_id AND rl.refund_seq = r.seq "
                                 "           GROUP BY 1, 2, 3) rf "
                                 "  ON rf.till = s.till_id AND rf.seq = s.seq AND rf.line = l.line "
                                 "WHERE l.tenant_code = ?1 "
                                 "  AND (?2 IS NULL OR s.event_code = ?2) "
                                 "  AND NOT EXISTS (SELECT 1 FROM sale_void v "
                                 "                  WHERE v.sale_till = s.till_id AND v.sale_seq = s.seq)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, tenant_code);
  lapak_stmt_bind_text (stmt, 2, event_code);
  if (lapak_db_step (db, stmt, error) != SQLITE_ROW)
    return FALSE;
  out->units = sqlite3_column_int64 (stmt, 0);
  out->net_sales = sqlite3_column_int64 (stmt, 1);
  return lapak_tenant_balance (db, tenant_code, &out->balance, error);
}
