/* lapak-shift.c — shifts, the cash drawer, X and Z reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One shift is open per till at a time. Expected cash in the drawer is the
 * float, plus cash taken (net of change), minus cash refunded, plus cash
 * put in, minus cash taken out. The Z close takes the cashier's count before
 * it shows the expected amount (a blind count) and records both.
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
#include "lapak-shift.h"
#include "lapak-sync.h"

void
lapak_shift_report_free (LapakShiftReport *report)
{
  if (report == NULL)
    return;
  g_free (report->cashier);
  g_free (report->forced);
  g_free (report);
}

static gboolean
open_shift_seq (LapakDb  *db,
                int64_t  *out_seq,
                GError  **error)
{
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  *out_seq = 0;
  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT seq FROM shift WHERE till_id = ?1 AND closed_at IS NULL "
                                 "ORDER BY seq DESC LIMIT 1",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    *out_seq = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
lapak_shift_current (LapakDb  *db,
                     int64_t  *out_seq,
                     GError  **error)
{
  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  return open_shift_seq (db, out_seq, error);
}

gboolean
_lapak_shift_require_open (LapakDb  *db,
                           int64_t  *out_seq,
                           GError  **error)
{
  if (!open_shift_seq (db, out_seq, error))
    return FALSE;
  if (*out_seq == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("No shift is open on this till. Open one first (“lapakctl shift open”)."));
      return FALSE;
    }
  return TRUE;
}

static char *
shift_open_body (const char *cashier,
                 int64_t     float_amount)
{
  GString *body = g_string_new (NULL);

  lapak_journal_put (body, "cashier", cashier);
  lapak_journal_put_int (body, "float", float_amount);
  return g_string_free (body, FALSE);
}

static char *
shift_close_body (int64_t     z_number,
                  int64_t     expected,
                  int64_t     counted,
                  const char *forced,
                  const char *forced_by)
{
  GString *body = g_string_new (NULL);

  lapak_journal_put_int (body, "z", z_number);
  lapak_journal_put_int (body, "expected", expected);
  lapak_journal_put_int (body, "counted", counted);
  lapak_journal_put_int (body, "difference", counted - expected);
  /* Only in a forced close's entry: older entries keep their bytes. */
  if (forced != NULL)
    {
      lapak_journal_put (body, "forced", forced);
      lapak_journal_put (body, "forced_by", forced_by != NULL ? forced_by : "");
    }
  return g_string_free (body, FALSE);
}

static char *
cash_body (const char *kind,
           int64_t     shift,
           int64_t     amount,
           const char *reason,
           const char *cashier,
           const char *approver)
{
  GString *body = g_string_new (NULL);

  lapak_journal_put (body, "kind", kind);
  lapak_journal_put_int (body, "shift", shift);
  lapak_journal_put_int (body, "amount", amount);
  lapak_journal_put (body, "reason", reason);
  lapak_journal_put (body, "cashier", cashier);
  lapak_journal_put (body, "approver", approver ? approver : "");
  return g_string_free (body, FALSE);
}

typedef struct
{
  const LapakUser *cashier;
  int64_t          float_amount;
  int64_t          seq;
} ShiftOpen;

static gboolean
shift_open_txn (LapakDb  *db,
                gpointer  user_data,
                GError  **error)
{
  ShiftOpen *so = user_data;
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *body = NULL;
  int64_t current;
  int64_t at = lapak_db_now ();

  if (!open_shift_seq (db, &current, error))
    return FALSE;
  if (current != 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("A shift is already open on this till (shift %" PRId64 "). Close it "
                     "before opening another."),
                   current);
      return FALSE;
    }

  if (!lapak_db_next_seq (db, "shift", &so->seq, error) ||
      !(stmt = lapak_db_prepare (db,
                                 "INSERT INTO shift (till_id, seq, cashier, opened_at, float) VALUES (?1, ?2, ?3, ?4, ?5)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  sqlite3_bind_int64 (stmt, 2, so->seq);
  lapak_stmt_bind_text (stmt, 3, lapak_user_get_name (so->cashier));
  sqlite3_bind_int64 (stmt, 4, at);
  sqlite3_bind_int64 (stmt, 5, so->float_amount);
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;

  body = shift_open_body (lapak_user_get_name (so->cashier), so->float_amount);
  return lapak_journal_append (db, "shift_open", so->seq, body, at, NULL, error);
}

gboolean
lapak_shift_open (LapakDb          *db,
                  const LapakUser  *cashier,
                  int64_t           float_amount,
                  int64_t          *out_seq,
                  GError          **error)
{
  ShiftOpen so = { cashier, float_amount, 0 };

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);

  if (!lapak_auth_require (cashier, LAPAK_CAP_SELL, error))
    return FALSE;
  if (float_amount < 0 || float_amount > LAPAK_MONEY_MAX)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID, _("The float must be Rp0 or more."));
      return FALSE;
    }
  if (!lapak_db_transaction (db, shift_open_txn, &so, error))
    return FALSE;
  if (out_seq != NULL)
    *out_seq = so.seq;
  return TRUE;
}

static gboolean
sum_query (LapakDb     *db,
           const char  *sql,
           int64_t      shift,
           int64_t     *out,
           GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;

  if (!(stmt = lapak_db_prepare (db, sql, error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  sqlite3_bind_int64 (stmt, 2, shift);
  if (lapak_db_step (db, stmt, error) != SQLITE_ROW)
    return FALSE;
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * lapak_shift_report:
 *
 * The X report of a shift: what it took, by method, and the cash expected
 * in the drawer. Changes nothing.
 */
LapakShiftReport *
lapak_shift_report (LapakDb  *db,
                    int64_t   shift_seq,
                    GError  **error)
{
  g_autoptr(LapakShiftReport) r = g_new0 (LapakShiftReport, 1);
  g_auto(LapakStmt) stmt = NULL;
  const char *till = lapak_db_get_till_id (db);
  int rc;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT cashier, opened_at, float, COALESCE(z_number, 0), COALESCE(counted, 0) "
                                 "FROM shift WHERE till_id = ?1 AND seq = ?2",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, shift_seq);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no shift %" PRId64 " on this till."), shift_seq);
      return NULL;
    }
  r->seq = shift_seq;
  r->cashier = g_strdup (lapak_stmt_text (stmt, 0));
  r->opened_at = sqlite3_column_int64 (stmt, 1);
  r->float_amount = sqlite3_column_int64 (stmt, 2);
  r->z_number = sqlite3_column_int64 (stmt, 3);
  r->counted = sqlite3_column_int64 (stmt, 4);
  lapak_stmt_release (g_steal_pointer (&stmt));

#define NOT_VOIDED "NOT EXISTS (SELECT 1 FROM sale_void v WHERE v.sale_till = s.till_id AND v.sale_seq = s.seq)"
  if (!sum_query (db, "SELECT count(*) FROM sale s WHERE s.till_id = ?1 AND s.shift_seq = ?2 AND " NOT_VOIDED,
                  shift_seq, &r->sales, error) ||
      !sum_query (db, "SELECT COALESCE(SUM(total), 0) FROM sale s WHERE s.till_id = ?1 AND s.shift_seq = ?2 AND " NOT_VOIDED,
                  shift_seq, &r->total, error) ||
      !sum_query (db, "SELECT count(*) FROM sale_void WHERE till_id = ?1 AND shift_seq = ?2",
                  shift_seq, &r->voids, error) ||
      !sum_query (db, "SELECT COALESCE(SUM(amount), 0) FROM refund WHERE till_id = ?1 AND shift_seq = ?2",
                  shift_seq, &r->refunded, error) ||
      !sum_query (db, "SELECT COALESCE(SUM(amount), 0) FROM cash_move WHERE till_id = ?1 AND shift_seq = ?2 AND kind = 'in'",
                  shift_seq, &r->cash_in, error) ||
      !sum_query (db, "SELECT COALESCE(SUM(amount), 0) FROM cash_move WHERE till_id = ?1 AND shift_seq = ?2 AND kind = 'out'",
                  shift_seq, &r->cash_out, error))
    return NULL;

  for (guint m = 0; m < LAPAK_PAY_N_METHODS; m++)
    {
      g_autofree char *taken_sql = g_strdup_printf (
        "SELECT COALESCE(SUM(p.amount), 0) FROM payment p JOIN sale s ON s.till_id = p.till_id AND s.seq = p.sale_seq "
        "WHERE s.till_id = ?1 AND s.shift_seq = ?2 AND p.method = '%s' AND " NOT_VOIDED,
        lapak_pay_method_to_string ((LapakPayMethod)m));
      g_autofree char *refund_sql = g_strdup_printf (
        "SELECT COALESCE(SUM(amount), 0) FROM refund WHERE till_id = ?1 AND shift_seq = ?2 AND method = '%s'",
        lapak_pay_method_to_string ((LapakPayMethod)m));
      int64_t taken;
      int64_t refunded;

      if (!sum_query (db, taken_sql, shift_seq, &taken, error) ||
          !sum_query (db, refund_sql, shift_seq, &refunded, error))
        return NULL;
      r->by_method[m] = taken - refunded;
    }
#undef NOT_VOIDED

  r->expected_cash = r->float_amount + r->by_method[LAPAK_PAY_CASH] + r->cash_in - r->cash_out;
  r->difference = r->counted - r->expected_cash;
  return g_steal_pointer (&r);
}

/**
 * lapak_shift_x_report:
 *
 * The X report of the open shift: the same figures as the Z report, changing
 * nothing. Only for a supervisor or an organiser: it shows the cash expected
 * in the drawer, and the cashier counts the drawer blind at the close.
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
LapakShiftReport *
lapak_shift_x_report (LapakDb          *db,
                      const LapakUser  *actor,
                      GError          **error)
{
  int64_t shift = 0;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);

  if (actor != NULL && lapak_user_get_role (actor) == LAPAK_ROLE_CASHIER)
    {
      g_set_error_literal (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                           _("The X report shows the cash expected in the drawer, and a cashier counts the drawer "
                             "blind at the close: ask a supervisor or an organiser for it."));
      return NULL;
    }
  if (!lapak_auth_require (actor, LAPAK_CAP_APPROVE, error) ||
      !lapak_shift_current (db, &shift, error))
    return NULL;
  if (shift == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE, _("No shift is open on this till."));
      return NULL;
    }
  return lapak_shift_report (db, shift, error);
}

typedef struct
{
  const LapakUser  *cashier;
  int64_t           counted;
  const LapakUser  *organiser;   /* forcing it, with @reason; or NULL */
  const char       *reason;
  LapakShiftReport *report;
} ShiftClose;

/* A paired till's records not at the hub (as far as it knows) refuse the
 * close, unless an organiser forces it: that shift may be the event's
 * last, and after it the till may be packed away with them. Returns the
 * reason to record (NULL: nothing was pending, nothing forced). */
static gboolean
check_synced (LapakDb      *db,
              ShiftClose   *sc,
              const char  **out_forced,
              GError      **error)
{
  LapakSyncPending p;

  *out_forced = NULL;
  if (!lapak_sync_pending (db, &p, error))
    return FALSE;
  if (p.pending == 0)
    return TRUE;
  if (sc->organiser != NULL)
    {
      *out_forced = sc->reason;
      return TRUE;
    }
  if (p.synced_at == 0)
    g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                 g_dngettext (GETTEXT_PACKAGE,
                              "%" PRId64 " record of this till is not at the hub yet: this till has never "
                              "synced with it. Sync first (Sync now, or export to a USB stick, import it at "
                              "the hub and import the hub's bundle here), or an organiser closes anyway with "
                              "a reason (lapakctl shift close --force --reason TEXT). Nothing was recorded.",
                              "%" PRId64 " records of this till are not at the hub yet: this till has never "
                              "synced with it. Sync first (Sync now, or export to a USB stick, import it at "
                              "the hub and import the hub's bundle here), or an organiser closes anyway with "
                              "a reason (lapakctl shift close --force --reason TEXT). Nothing was recorded.",
                              (gulong)p.pending),
                 p.pending);
  else
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (p.synced_at / G_USEC_PER_SEC);
      g_autofree char *when = g_date_time_format (at, "%Y-%m-%d %H:%M");

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%" PRId64 " record of this till is not at the hub yet (last sync %s). Sync "
                                "first (Sync now, or export to a USB stick, import it at the hub and import the "
                                "hub's bundle here), or an organiser closes anyway with a reason (lapakctl shift "
                                "close --force --reason TEXT). Nothing was recorded.",
                                "%" PRId64 " records of this till are not at the hub yet (last sync %s). Sync "
                                "first (Sync now, or export to a USB stick, import it at the hub and import the "
                                "hub's bundle here), or an organiser closes anyway with a reason (lapakctl shift "
                                "close --force --reason TEXT). Nothing was recorded.",
                                (gulong)p.pending),
                   p.pending, when);
    }
  return FALSE;
}

static gboolean
shift_close_txn (LapakDb  *db,
                 gpointer  user_data,
                 GError  **error)
{
  ShiftClose *sc = user_data;
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *body = NULL;
  int64_t shift;
  int64_t z;
  int64_t at = lapak_db_now ();
  const char *forced = NULL;

  if (!_lapak_shift_require_open (db, &shift, error) ||
      !check_synced (db, sc, &forced, error) ||
      !(sc->report = lapak_shift_report (db, shift, error)) ||
      !sum_query (db, "SELECT COALESCE(MAX(z_number), 0) + 1 FROM shift WHERE till_id = ?1 AND ?2 = ?2",
                  0, &z, error))
    return FALSE;

  sc->report->z_number = z;
  sc->report->counted = sc->counted;
  sc->report->difference = sc->counted - sc->report->expected_cash;

  if (!(stmt = lapak_db_prepare (db,
                                 "UPDATE shift SET closed_at = ?3, counted = ?4, expected = ?5, z_number = ?6, "
                                 "close_forced = ?7, close_forced_by = ?8 "
                                 "WHERE till_id = ?1 AND seq = ?2",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  sqlite3_bind_int64 (stmt, 2, shift);
  sqlite3_bind_int64 (stmt, 3, at);
  sqlite3_bind_int64 (stmt, 4, sc->counted);
  sqlite3_bind_int64 (stmt, 5, sc->report->expected_cash);
  sqlite3_bind_int64 (stmt, 6, z);
  lapak_stmt_bind_text (stmt, 7, forced);
  lapak_stmt_bind_text (stmt, 8, forced != NULL ? lapak_user_get_name (sc->organiser) : NULL);
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;

  sc->report->forced = g_strdup (forced);
  body = shift_close_body (z, sc->report->expected_cash, sc->counted, forced,
                           forced != NULL ? lapak_user_get_name (sc->organiser) : NULL);
  return lapak_journal_append (db, "shift_close", shift, body, at, NULL, error);
}

/**
 * lapak_shift_close:
 * @counted: the cash the cashier counted in the drawer, entered blind
 *
 * Closes the open shift with a Z report: expected, counted, difference.
 */
LapakShiftReport *
lapak_shift_close (LapakDb          *db,
                   const LapakUser  *cashier,
                   int64_t           counted,
                   GError          **error)
{
  return lapak_shift_close_forced (db, cashier, counted, NULL, NULL, error);
}

/**
 * lapak_shift_close_forced:
 * @organiser: (nullable): an organiser closing it although some of this
 *   till's records are not at the hub yet
 * @reason: (nullable): why (required with @organiser)
 *
 * lapak_shift_close(), which at a paired till refuses while the till's
 * journal holds entries its hub has not acknowledged (lapak_sync_pending()):
 * the shift closed may be the event's last, and the till packed away with
 * them. With @organiser and @reason it closes anyway and keeps both in the
 * shift's row and its Z entry (only when something was pending).
 */
LapakShiftReport *
lapak_shift_close_forced (LapakDb          *db,
                          const LapakUser  *cashier,
                          int64_t           counted,
                          const LapakUser  *organiser,
                          const char       *reason,
                          GError          **error)
{
  ShiftClose sc = { cashier, counted, organiser, reason, NULL };

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);

  if (!lapak_auth_require (cashier, LAPAK_CAP_SELL, error))
    return NULL;
  if (organiser != NULL || reason != NULL)
    {
      if (organiser == NULL || reason == NULL)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("Closing a shift anyway needs an organiser and a reason."));
          return NULL;
        }
      if (lapak_user_get_role (organiser) != LAPAK_ROLE_ORGANISER)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                       _("Only an organiser may close a shift while records are not at the hub; %s is a %s. "
                         "Ask an organiser."),
                       lapak_user_get_name (organiser), lapak_role_display (lapak_user_get_role (organiser)));
          return NULL;
        }
      if (!lapak_text_validate (_("reason"), reason, 200, TRUE, error))
        return NULL;
    }
  if (counted < 0 || counted > LAPAK_MONEY_MAX)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID, _("The counted cash must be Rp0 or more."));
      return NULL;
    }
  if (!lapak_db_transaction (db, shift_close_txn, &sc, error))
    {
      g_clear_pointer (&sc.report, lapak_shift_report_free);
      return NULL;
    }
  return sc.report;
}

typedef struct
{
  const LapakUser *cashier;
  const LapakUser *approver;
  const char      *kind;
  int64_t          amount;
  const char      *reason;
} CashMove;

static gboolean
cash_move_txn (LapakDb  *db,
               gpointer  user_data,
               GError  **error)
{
  CashMove *cm = user_data;
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *body = NULL;
  const char *approver = cm->approver ? lapak_user_get_name (cm->approver) : NULL;
  int64_t shift;
  int64_t seq;
  int64_t at = lapak_db_now ();

  if (!_lapak_shift_require_open (db, &shift, error))
    return FALSE;

  /* Cash out comes out of the drawer: no more than the records say is in it
   * (float + cash taken − cash refunded + cash in − cash out). More would be
   * a typing error, or cash that is not there, hidden until the Z count. */
  if (g_strcmp0 (cm->kind, "out") == 0)
    {
      g_autoptr(LapakShiftReport) x = lapak_shift_report (db, shift, error);

      if (x == NULL)
        return FALSE;
      if (cm->amount > x->expected_cash)
        {
          g_autofree char *asked = lapak_money_format (cm->amount, LAPAK_MONEY_STYLE_DEFAULT);
          g_autofree char *there = lapak_money_format (MAX (x->expected_cash, 0), LAPAK_MONEY_STYLE_DEFAULT);

          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("Cannot take %s out of the drawer: by this shift's records only %s is in it. "
                         "Check the amount, or count the drawer and tell a supervisor."),
                       asked, there);
          return FALSE;
        }
    }

  if (!lapak_db_next_seq (db, "cash_move", &seq, error) ||
      !(stmt = lapak_db_prepare (db,
                                 "INSERT INTO cash_move (till_id, seq, shift_seq, kind, amount, reason, cashier, approver, at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_int64 (stmt, 3, shift);
  lapak_stmt_bind_text (stmt, 4, cm->kind);
  sqlite3_bind_int64 (stmt, 5, cm->amount);
  lapak_stmt_bind_text (stmt, 6, cm->reason);
  lapak_stmt_bind_text (stmt, 7, lapak_user_get_name (cm->cashier));
  lapak_stmt_bind_text (stmt, 8, approver);
  sqlite3_bind_int64 (stmt, 9, at);
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;

  body = cash_body (cm->kind, shift, cm->amount, cm->reason, lapak_user_get_name (cm->cashier), approver);
  return lapak_journal_append (db, "cash", seq, body, at, NULL, error);
}

/**
 * lapak_cash_move:
 * @kind: "in", "out" or "no_sale" (opening the drawer without a sale, which
 *   needs a supervisor's approval and moves no money)
 */
gboolean
lapak_cash_move (LapakDb          *db,
                 const LapakUser  *cashier,
                 const LapakUser  *approver,
                 const char       *kind,
                 int64_t           amount,
                 const char       *reason,
                 GError          **error)
{
  CashMove cm = { cashier, approver, kind, amount, reason };
  gboolean no_sale = g_strcmp0 (kind, "no_sale") == 0;

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (no_sale || g_strcmp0 (kind, "in") == 0 || g_strcmp0 (kind, "out") == 0, FALSE);

  if (!lapak_auth_require (cashier, LAPAK_CAP_SELL, error) ||
      !lapak_text_validate (_("reason"), reason, 200, TRUE, error))
    return FALSE;
  if (no_sale && !lapak_auth_require (approver, LAPAK_CAP_APPROVE, error))
    return FALSE;
  if (no_sale ? amount != 0 : (amount <= 0 || amount > LAPAK_MONEY_MAX))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   no_sale ? _("Opening the drawer without a sale moves no money.")
                           : _("Cash in or out must be more than Rp0."));
      return FALSE;
    }

  return lapak_db_transaction (db, cash_move_txn, &cm, error);
}

char *
_lapak_shift_record_body (LapakDb     *db,
                          const char  *type,
                          int64_t      ref,
                          GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  if (g_str_equal (type, "cash"))
    {
      if (!(stmt = lapak_db_prepare (db,
                                     "SELECT kind, shift_seq, amount, reason, cashier, approver FROM cash_move "
                                     "WHERE till_id = ?1 AND seq = ?2",
                                     error)))
        return NULL;
    }
  else if (g_str_equal (type, "shift_open") || g_str_equal (type, "shift_close"))
    {
      if (!(stmt = lapak_db_prepare (db,
                                     "SELECT cashier, float, z_number, expected, counted, close_forced, "
                                     "close_forced_by FROM shift "
                                     "WHERE till_id = ?1 AND seq = ?2",
                                     error)))
        return NULL;
    }
  else
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND, _("Unknown journal entry type “%s”."), type);
      return NULL;
    }

  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  sqlite3_bind_int64 (stmt, 2, ref);
  rc = lapak_db_step (db, stmt, error);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND, _("The record of a %s entry is missing."), type);
      return NULL;
    }

  if (g_str_equal (type, "cash"))
    return cash_body (lapak_stmt_text (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
                      lapak_stmt_text (stmt, 3), lapak_stmt_text (stmt, 4), lapak_stmt_text (stmt, 5));
  if (g_str_equal (type, "shift_open"))
    return shift_open_body (lapak_stmt_text (stmt, 0), sqlite3_column_int64 (stmt, 1));
  if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND, _("The shift was reopened after its close."));
      return NULL;
    }
  return shift_close_body (sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
                           sqlite3_column_int64 (stmt, 4), lapak_stmt_text (stmt, 5), lapak_stmt_text (stmt, 6));
}

void
lapak_shift_sale_free (LapakShiftSale *sale)
{
  if (sale == NULL)
    return;
  g_free (sale->id);
  g_free (sale);
}

/**
 * lapak_shift_sales:
 * @shift_seq: a shift of this till
 *
 * The sales of a shift on this till, newest first, voided ones included
 * and marked. Changes nothing.
 *
 * Returns: (transfer full) (element-type LapakShiftSale): the sales, or
 *   %NULL with @error set
 */
GPtrArray *
lapak_shift_sales (LapakDb  *db,
                   int64_t   shift_seq,
                   GError  **error)
{
  g_autoptr(GPtrArray) sales = g_ptr_array_new_with_free_func ((GDestroyNotify) lapak_shift_sale_free);
  g_auto(LapakStmt) stmt = NULL;
  const char *till = lapak_db_get_till_id (db);
  int rc;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT s.seq, s.at, s.total, "
                                 "EXISTS (SELECT 1 FROM sale_void v WHERE v.sale_till = s.till_id AND v.sale_seq = s.seq) "
                                 "FROM sale s WHERE s.till_id = ?1 AND s.shift_seq = ?2 ORDER BY s.seq DESC",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, shift_seq);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakShiftSale *sale = g_new0 (LapakShiftSale, 1);

      sale->id = lapak_sale_id (till, sqlite3_column_int64 (stmt, 0));
      sale->at = sqlite3_column_int64 (stmt, 1);
      sale->total = sqlite3_column_int64 (stmt, 2);
      sale->voided = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (sales, sale);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&sales);
}

void
lapak_shift_info_free (LapakShiftInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->cashier);
  g_free (info);
}

/**
 * lapak_shift_list:
 * @limit: at most this many shifts; 0 for all
 *
 * The shifts of this till, newest first, the open one included. Changes
 * nothing.
 *
 * Returns: (transfer full) (element-type LapakShiftInfo): the shifts, or
 *   %NULL with @error set
 */
GPtrArray *
lapak_shift_list (LapakDb  *db,
                  guint     limit,
                  GError  **error)
{
  g_autoptr(GPtrArray) shifts = g_ptr_array_new_with_free_func ((GDestroyNotify) lapak_shift_info_free);
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT seq, cashier, opened_at, COALESCE(closed_at, 0), COALESCE(z_number, 0) "
                                 "FROM shift WHERE till_id = ?1 ORDER BY seq DESC LIMIT ?2",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  sqlite3_bind_int64 (stmt, 2, limit == 0 ? -1 : (sqlite3_int64) limit);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakShiftInfo *info = g_new0 (LapakShiftInfo, 1);

      info->seq = sqlite3_column_int64 (stmt, 0);
      info->cashier = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->opened_at = sqlite3_column_int64 (stmt, 2);
      info->closed_at = sqlite3_column_int64 (stmt, 3);
      info->z_number = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (shifts, info);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&shifts);
}
