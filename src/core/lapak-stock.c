/* lapak-stock.c — stock returned to the tenants and the stock-return table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At the end of an event every tenant takes back its unsold goods. A
 * return is a record of its own (stock_return and its lines, keyed by
 * (till_id, seq) like every record that moves stock) with one 'return'
 * stock movement per line, −qty, whose ref is the return's id
 * ("K1-T000001"), and a journal entry whose payload the verifier rebuilds
 * from the lines and the movements. Nobody can take back more than is
 * there: the stock level of the product in the event.
 *
 * The stock-return table of a product in an event, from its movements:
 *   checked_in = Σ checkin and adjust
 *   sold       = −Σ sale and void (a void puts the units back)
 *   refunded   = Σ refund
 *   returned   = −Σ return
 *   missing    = checked_in − sold + refunded − returned (= Σ all: what
 *                should still be there and was not taken back)
 */
#define G_LOG_DOMAIN "lapak-core"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lapak-code.h"
#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-ledger.h"
#include "lapak-sale.h"
#include "lapak-stock.h"

char *
lapak_stock_return_id (const char *till_id,
                       int64_t     seq)
{
  return g_strdup_printf ("%s-T%06" G_GINT64_FORMAT, till_id, seq);
}

void
lapak_stock_row_free (LapakStockRow *row)
{
  if (row == NULL)
    return;
  g_free (row->tenant_code);
  g_free (row->product_code);
  g_free (row->name);
  g_free (row);
}

static char *
return_body (LapakDb     *db,
             int64_t      seq,
             GError     **error)
{
  const char *till = lapak_db_get_till_id (db);
  g_autofree char *id = lapak_stock_return_id (till, seq);
  g_autoptr(GString) body = g_string_new (NULL);
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT event_code, tenant_code, actor FROM stock_return WHERE till_id = ?1 AND seq = ?2",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  rc = lapak_db_step (db, stmt, error);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND, _("Stock return %s is missing."), id);
      return NULL;
    }
  lapak_journal_put (body, "return", id);
  lapak_journal_put (body, "event", lapak_stmt_text (stmt, 0));
  lapak_journal_put (body, "tenant", lapak_stmt_text (stmt, 1));
  lapak_journal_put (body, "by", lapak_stmt_text (stmt, 2));
  lapak_stmt_release (g_steal_pointer (&stmt));

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT line, product_code, qty FROM stock_return_line "
                                 "WHERE till_id = ?1 AND return_seq = ?2 ORDER BY line",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("line.%" PRId64, (int64_t) sqlite3_column_int64 (stmt, 0));
      g_autofree char *value = g_strdup_printf ("%s*%" PRId64, lapak_stmt_text (stmt, 1),
                                                (int64_t) sqlite3_column_int64 (stmt, 2));

      lapak_journal_put (body, key, value);
    }
  if (rc < 0)
    return NULL;
  lapak_stmt_release (g_steal_pointer (&stmt));

  /* The movements it made: a changed, added or deleted one changes this. */
  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT product_code, SUM (delta), COUNT (*) FROM stock_move "
                                 "WHERE kind = 'return' AND ref = ?1 AND till_id = ?2 "
                                 "GROUP BY product_code ORDER BY product_code",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, id);
  lapak_stmt_bind_text (stmt, 2, till);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("move.%s", lapak_stmt_text (stmt, 0));
      g_autofree char *value = g_strdup_printf ("%" PRId64 "/%" PRId64,
                                                (int64_t) sqlite3_column_int64 (stmt, 1),
                                                (int64_t) sqlite3_column_int64 (stmt, 2));

      lapak_journal_put (body, key, value);
    }
  if (rc < 0)
    return NULL;
  return g_string_free (g_steal_pointer (&body), FALSE);
}

char *
_lapak_stock_record_body (LapakDb  *db,
                          int64_t   ref,
                          GError  **error)
{
  return return_body (db, ref, error);
}

typedef struct
{
  char    *code;
  char    *name;
  int64_t  qty;
} ReturnLine;

static void
return_line_clear (gpointer data)
{
  ReturnLine *l = data;

  g_free (l->code);
  g_free (l->name);
}

typedef struct
{
  const LapakUser       *actor;
  const char            *tenant;
  const LapakReturnItem *items;
  guint                  n_items;
  char                  *id;
} ReturnArgs;

/* The product a scanned label code or barcode names, which must be one of
 * @tenant's; adds @qty to its line in @lines (one line per product). */
static gboolean
add_item (LapakDb     *db,
          const char  *tenant,
          const char  *input,
          int64_t      qty,
          GArray      *lines,
          GError     **error)
{
  g_autofree char *norm = lapak_product_code_normalize (input);
  g_auto(LapakStmt) stmt = NULL;
  ReturnLine line = { 0 };
  int rc;

  if (qty <= 0 || qty > LAPAK_MAX_QTY)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("Return 1 to %d units of %s at a time."), LAPAK_MAX_QTY, norm);
      return FALSE;
    }
  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT code, tenant_code, name FROM product WHERE code = ?1 OR barcode = ?1",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, norm);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc != SQLITE_ROW)
    {
      if (!lapak_product_code_validate (norm, error))
        return FALSE;
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("No product has the code or barcode %s: scan the label again or check "
                     "“lapakctl product list”. Nothing was recorded."), norm);
      return FALSE;
    }
  if (!g_str_equal (lapak_stmt_text (stmt, 1), tenant))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("%s (%s) belongs to tenant %s, not to %s: give it to its own tenant. "
                     "Nothing was recorded."),
                   lapak_stmt_text (stmt, 0), lapak_stmt_text (stmt, 2), lapak_stmt_text (stmt, 1), tenant);
      return FALSE;
    }

  for (guint i = 0; i < lines->len; i++)
    {
      ReturnLine *l = &g_array_index (lines, ReturnLine, i);

      if (g_str_equal (l->code, lapak_stmt_text (stmt, 0)))
        {
          l->qty += qty;
          return TRUE;
        }
    }
  line.code = g_strdup (lapak_stmt_text (stmt, 0));
  line.name = g_strdup (lapak_stmt_text (stmt, 2));
  line.qty = qty;
  g_array_append_val (lines, line);
  return TRUE;
}

static gboolean
return_txn (LapakDb  *db,
            gpointer  user_data,
            GError  **error)
{
  ReturnArgs *a = user_data;
  const char *till = lapak_db_get_till_id (db);
  g_autoptr(LapakEvent) event = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (ReturnLine));
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  int64_t seq;
  int64_t at = lapak_db_now ();
  int rc;

  g_array_set_clear_func (lines, return_line_clear);

  if (!(event = lapak_event_get_active (db, error)))
    return FALSE;

  {
    g_auto(LapakStmt) stmt = NULL;

    if (!(stmt = lapak_db_prepare (db, "SELECT 1 FROM participation WHERE event_code = ?1 AND tenant_code = ?2",
                                   error)))
      return FALSE;
    lapak_stmt_bind_text (stmt, 1, event->code);
    lapak_stmt_bind_text (stmt, 2, a->tenant);
    if ((rc = lapak_db_step (db, stmt, error)) < 0)
      return FALSE;
    if (rc != SQLITE_ROW)
      {
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                     _("Tenant %s does not take part in event %s: check the code with “lapakctl tenant list”."),
                     a->tenant, event->code);
        return FALSE;
      }
  }

  for (guint i = 0; i < a->n_items; i++)
    if (!add_item (db, a->tenant, a->items[i].code, a->items[i].qty, lines, error))
      return FALSE;

  /* Nobody takes back more than is there. */
  for (guint i = 0; i < lines->len; i++)
    {
      ReturnLine *l = &g_array_index (lines, ReturnLine, i);
      g_auto(LapakStmt) stmt = NULL;
      int64_t there = 0;

      if (!(stmt = lapak_db_prepare (db, "SELECT qty FROM stock_level WHERE event_code = ?1 AND product_code = ?2",
                                     error)))
        return FALSE;
      lapak_stmt_bind_text (stmt, 1, event->code);
      lapak_stmt_bind_text (stmt, 2, l->code);
      if ((rc = lapak_db_step (db, stmt, error)) < 0)
        return FALSE;
      if (rc == SQLITE_ROW)
        there = sqlite3_column_int64 (stmt, 0);
      if (l->qty > there)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("Cannot return %" PRId64 " × %s (%s): only %" PRId64 " should be left in event %s. "
                         "Count again; “lapakctl stock report” shows what was checked in, sold and returned. "
                         "Nothing was recorded."),
                       l->qty, l->code, l->name, MAX (there, 0), event->code);
          return FALSE;
        }
    }

  if (!lapak_db_next_seq (db, "stock_return", &seq, error))
    return FALSE;
  id = lapak_stock_return_id (till, seq);

  {
    g_auto(LapakStmt) stmt = NULL;

    if (!(stmt = lapak_db_prepare (db,
                                   "INSERT INTO stock_return (till_id, seq, event_code, tenant_code, actor, at) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                   error)))
      return FALSE;
    lapak_stmt_bind_text (stmt, 1, till);
    sqlite3_bind_int64 (stmt, 2, seq);
    lapak_stmt_bind_text (stmt, 3, event->code);
    lapak_stmt_bind_text (stmt, 4, a->tenant);
    lapak_stmt_bind_text (stmt, 5, lapak_user_get_name (a->actor));
    sqlite3_bind_int64 (stmt, 6, at);
    if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
      return FALSE;
  }

  for (guint i = 0; i < lines->len; i++)
    {
      ReturnLine *l = &g_array_index (lines, ReturnLine, i);
      g_auto(LapakStmt) stmt = NULL;
      int64_t move_seq;

      if (!(stmt = lapak_db_prepare (db,
                                     "INSERT INTO stock_return_line (till_id, return_seq, line, product_code, qty) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5)",
                                     error)))
        return FALSE;
      lapak_stmt_bind_text (stmt, 1, till);
      sqlite3_bind_int64 (stmt, 2, seq);
      sqlite3_bind_int64 (stmt, 3, i + 1);
      lapak_stmt_bind_text (stmt, 4, l->code);
      sqlite3_bind_int64 (stmt, 5, l->qty);
      if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
        return FALSE;
      lapak_stmt_release (g_steal_pointer (&stmt));

      if (!lapak_db_next_seq (db, "stock_move", &move_seq, error) ||
          !(stmt = lapak_db_prepare (db,
                                     "INSERT INTO stock_move (till_id, seq, event_code, product_code, kind, delta, ref, at) "
                                     "VALUES (?1, ?2, ?3, ?4, 'return', ?5, ?6, ?7)",
                                     error)))
        return FALSE;
      lapak_stmt_bind_text (stmt, 1, till);
      sqlite3_bind_int64 (stmt, 2, move_seq);
      lapak_stmt_bind_text (stmt, 3, event->code);
      lapak_stmt_bind_text (stmt, 4, l->code);
      sqlite3_bind_int64 (stmt, 5, -l->qty);
      lapak_stmt_bind_text (stmt, 6, id);
      sqlite3_bind_int64 (stmt, 7, at);
      if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
        return FALSE;
    }

  if (!(body = return_body (db, seq, error)) ||
      !lapak_journal_append (db, "stock_return", seq, body, at, NULL, error))
    return FALSE;
  a->id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * lapak_stock_return:
 * @actor: an organiser, or a user of the tenant itself
 * @tenant_code: the tenant taking its goods back
 * @items: (array length=n_items): label codes or barcodes with a count;
 *   the same product may come several times (one scan per unit)
 *
 * Records, in one transaction with its journal entry, the goods a tenant
 * takes back in the active event. Refused whole, nothing recorded, when a
 * product is not the tenant's or more would be taken back than is there.
 *
 * Returns: (transfer full): the return's id ("K1-T000001"), or %NULL
 */
char *
lapak_stock_return (LapakDb                *db,
                    const LapakUser        *actor,
                    const char             *tenant_code,
                    const LapakReturnItem  *items,
                    guint                   n_items,
                    GError                **error)
{
  ReturnArgs a = { actor, tenant_code, items, n_items, NULL };

  if (tenant_code == NULL || *tenant_code == '\0')
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID, _("Name the tenant by its code."));
      return NULL;
    }
  if (!lapak_auth_require_tenant (actor, tenant_code, error))
    return NULL;
  if (n_items == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("Name what the tenant takes back: label codes, each optionally followed by *COUNT."));
      return NULL;
    }
  if (!lapak_db_transaction (db, return_txn, &a, error))
    {
      g_free (a.id);
      return NULL;
    }
  return a.id;
}

/**
 * lapak_stock_report:
 * @event_code: (nullable): the event, or %NULL for the active one
 * @tenant_code: (nullable): one tenant, or %NULL for all
 *
 * The stock-return table: per product with stock movements in the event,
 * what was checked in, sold, refunded, returned, and what is missing.
 *
 * Returns: (transfer container) (element-type LapakStockRow): by tenant
 *   and product code, or %NULL with @error set
 */
GPtrArray *
lapak_stock_report (LapakDb     *db,
                    const char  *event_code,
                    const char  *tenant_code,
                    GError     **error)
{
  return lapak_stock_report_until (db, event_code, tenant_code, G_MAXINT64, error);
}

/**
 * lapak_stock_report_until:
 * @until: only the movements made at or before this time (µs since the
 *   epoch), e.g. a settlement's close, so that its statement shows the
 *   stock as it was then, however often it is made again
 *
 * lapak_stock_report() as of @until.
 */
GPtrArray *
lapak_stock_report_until (LapakDb     *db,
                          const char  *event_code,
                          const char  *tenant_code,
                          int64_t      until,
                          GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lapak_stock_row_free);
  g_autoptr(LapakEvent) active = NULL;
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  if (event_code == NULL)
    {
      if (!(active = lapak_event_get_active (db, error)))
        return NULL;
      event_code = active->code;
    }

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT p.tenant_code, p.code, p.name,"
                                 " SUM (CASE WHEN m.kind IN ('checkin', 'adjust') THEN m.delta ELSE 0 END),"
                                 " -SUM (CASE WHEN m.kind IN ('sale', 'void') THEN m.delta ELSE 0 END),"
                                 " SUM (CASE m.kind WHEN 'refund' THEN m.delta ELSE 0 END),"
                                 " -SUM (CASE m.kind WHEN 'return' THEN m.delta ELSE 0 END),"
                                 " SUM (m.delta)"
                                 " FROM product p JOIN stock_move m ON m.product_code = p.code AND m.event_code = ?1"
                                 " AND m.at <= ?3"
                                 " WHERE ?2 IS NULL OR p.tenant_code = ?2"
                                 " GROUP BY p.code ORDER BY p.tenant_code, p.code",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, event_code);
  lapak_stmt_bind_text (stmt, 2, tenant_code);
  sqlite3_bind_int64 (stmt, 3, until);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakStockRow *row = g_new0 (LapakStockRow, 1);

      row->tenant_code = g_strdup (lapak_stmt_text (stmt, 0));
      row->product_code = g_strdup (lapak_stmt_text (stmt, 1));
      row->name = g_strdup (lapak_stmt_text (stmt, 2));
      row->checked_in = sqlite3_column_int64 (stmt, 3);
      row->sold = sqlite3_column_int64 (stmt, 4);
      row->refunded = sqlite3_column_int64 (stmt, 5);
      row->returned = sqlite3_column_int64 (stmt, 6);
      row->missing = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (rows, row);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&rows);
}

void
lapak_check_in_free (LapakCheckIn *check_in)
{
  if (check_in == NULL)
    return;
  g_free (check_in->till_id);
  g_free (check_in->tenant_code);
  g_free (check_in->product_code);
  g_free (check_in->name);
  g_free (check_in);
}

/**
 * lapak_stock_check_ins:
 * @actor: the user asking
 * @tenant_code: (nullable): only this tenant's check-ins
 *
 * The stock checked in for the active event, newest first, as @actor may
 * see it: a tenant user sees only its own tenant's (asking for another
 * tenant's is refused), every other user sees all.
 *
 * Returns: (transfer container) (element-type LapakCheckIn): the check-ins
 */
GPtrArray *
lapak_stock_check_ins (LapakDb          *db,
                       const LapakUser  *actor,
                       const char       *tenant_code,
                       GError          **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lapak_check_in_free);
  g_autoptr(LapakEvent) active = NULL;
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);

  if (actor == NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                   _("Log in first: this needs a user with a PIN."));
      return NULL;
    }
  if (lapak_user_get_role (actor) == LAPAK_ROLE_TENANT)
    {
      const char *own = lapak_user_get_tenant (actor);

      if (tenant_code != NULL && g_strcmp0 (tenant_code, own) != 0)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                       _("%s belongs to tenant %s and may see only tenant %s's stock."),
                       lapak_user_get_name (actor), own, own);
          return NULL;
        }
      tenant_code = own;
    }

  if (!(active = lapak_event_get_active (db, error)))
    return NULL;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT m.till_id, m.seq, m.at, p.tenant_code, p.code, p.name, m.delta"
                                 " FROM stock_move m JOIN product p ON p.code = m.product_code"
                                 " WHERE m.kind = 'checkin' AND m.event_code = ?1"
                                 "   AND (?2 IS NULL OR p.tenant_code = ?2)"
                                 " ORDER BY m.at DESC, m.till_id DESC, m.seq DESC",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, active->code);
  lapak_stmt_bind_text (stmt, 2, tenant_code);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakCheckIn *row = g_new0 (LapakCheckIn, 1);

      row->till_id = g_strdup (lapak_stmt_text (stmt, 0));
      row->seq = sqlite3_column_int64 (stmt, 1);
      row->at = sqlite3_column_int64 (stmt, 2);
      row->tenant_code = g_strdup (lapak_stmt_text (stmt, 3));
      row->product_code = g_strdup (lapak_stmt_text (stmt, 4));
      row->name = g_strdup (lapak_stmt_text (stmt, 5));
      row->units = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (rows, row);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&rows);
}
