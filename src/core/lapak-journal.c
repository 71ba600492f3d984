/* lapak-journal.c — the till's append-only, hash-chained journal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every entry's payload is canonical text:
 *
 *   seq=<n>\n at=<µs since 1970 UTC>\n type=<type>\n <body lines>
 *
 * where each body line is key=value with "\" written "\\" and a line break
 * "\n". hash = SHA-256 (previous hash's 32 bytes ‖ payload's UTF-8 bytes),
 * the first entry chaining from 32 zero bytes; stored as lowercase hex.
 * Seq counts 1, 2, 3… per till without gaps. The verifier recomputes the
 * chain and rebuilds the payload of every record it describes (sales, voids,
 * refunds, cash movements, shifts) from the rows, so an edited, deleted,
 * inserted or reordered journal row, and a sale row changed behind the
 * journal's back, are all caught and named.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-sale.h"
#include "lapak-settle.h"
#include "lapak-stock.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

void
lapak_journal_report_free (LapakJournalReport *report)
{
  if (report == NULL)
    return;
  g_free (report->head);
  g_free (report->problem);
  g_free (report);
}

void
lapak_journal_put (GString    *body,
                   const char *key,
                   const char *value)
{
  g_string_append (body, key);
  g_string_append_c (body, '=');
  for (const char *p = value ? value : ""; *p; p++)
    {
      if (*p == '\\')
        g_string_append (body, "\\\\");
      else if (*p == '\n')
        g_string_append (body, "\\n");
      else
        g_string_append_c (body, *p);
    }
  g_string_append_c (body, '\n');
}

void
lapak_journal_put_int (GString    *body,
                       const char *key,
                       int64_t     value)
{
  g_string_append_printf (body, "%s=%" G_GINT64_FORMAT "\n", key, value);
}

static char *
make_payload (int64_t     seq,
              int64_t     at,
              const char *type,
              const char *body)
{
  GString *payload = g_string_new (NULL);

  lapak_journal_put_int (payload, "seq", seq);
  lapak_journal_put_int (payload, "at", at);
  lapak_journal_put (payload, "type", type);
  g_string_append (payload, body);
  return g_string_free (payload, FALSE);
}

static gboolean
hex_to_bytes (const char *hex,
              guint8      out[32])
{
  if (hex == NULL || strlen (hex) != LAPAK_HASH_HEX_LENGTH)
    return FALSE;
  for (int i = 0; i < 32; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      out[i] = (guint8)(hi * 16 + lo);
    }
  return TRUE;
}

static char *
chain_hash (const char *prev_hex,
            const char *payload)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 prev[32] = { 0 };

  hex_to_bytes (prev_hex, prev);
  g_checksum_update (sum, prev, sizeof prev);
  g_checksum_update (sum, (const guchar *)payload, strlen (payload));
  return g_strdup (g_checksum_get_string (sum));
}

char *
lapak_journal_head (LapakDb  *db,
                    GError  **error)
{
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT hash FROM journal WHERE till_id = ?1 ORDER BY seq DESC LIMIT 1",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return NULL;
  return g_strdup (rc == SQLITE_ROW ? lapak_stmt_text (stmt, 0) : GENESIS);
}

/**
 * lapak_journal_append:
 * @ref: the seq of the record the entry describes (a sale's, …), or 0
 *
 * Appends an entry; must run inside the transaction that writes the record
 * itself, so both are committed together or not at all.
 */
gboolean
lapak_journal_append (LapakDb     *db,
                      const char  *type,
                      int64_t      ref,
                      const char  *body,
                      int64_t      at,
                      char       **out_hash,
                      GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *prev = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *hash = NULL;
  int64_t seq;

  g_return_val_if_fail (lapak_db_in_transaction (db), FALSE);

  if (!(prev = lapak_journal_head (db, error)) ||
      !lapak_db_next_seq (db, "journal", &seq, error))
    return FALSE;

  payload = make_payload (seq, at, type, body);
  hash = chain_hash (prev, payload);

  if (!(stmt = lapak_db_prepare (db,
                                 "INSERT INTO journal (till_id, seq, at, type, ref, payload, hash) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_int64 (stmt, 3, at);
  lapak_stmt_bind_text (stmt, 4, type);
  if (ref > 0)
    sqlite3_bind_int64 (stmt, 5, ref);
  lapak_stmt_bind_text (stmt, 6, payload);
  lapak_stmt_bind_text (stmt, 7, hash);
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;

  if (out_hash != NULL)
    *out_hash = g_steal_pointer (&hash);
  return TRUE;
}

/* Keeps the first broken entry: the lowest seq any check finds; a problem
 * that cannot be tied to an entry (seq 0) only when nothing else is. */
static void
report_broken (LapakJournalReport *report,
               int64_t             seq,
               char               *problem)
{
  if (!report->ok &&
      (seq == 0 || (report->broken_seq != 0 && report->broken_seq <= seq)))
    {
      g_free (problem);
      return;
    }
  report->ok = FALSE;
  report->broken_seq = seq;
  g_free (report->problem);
  report->problem = problem;
}

/* Records of these tables must each have their journal entry. */
static char *
plain_id (const char *till_id,
          int64_t     seq)
{
  return g_strdup_printf ("%s-%06" G_GINT64_FORMAT, till_id, seq);
}

static char *
account_entry_id (const char *till_id,
                  int64_t     seq)
{
  return g_strdup_printf ("%s-A%06" G_GINT64_FORMAT, till_id, seq);
}

static const struct {
  const char *table;
  const char *type;
  const char *condition;
  char     *(*id) (const char *till_id, int64_t seq);
} journaled[] = {
  { "sale", "sale", "1", lapak_sale_id },
  { "sale_void", "void", "1", lapak_void_id },
  { "refund", "refund", "1", lapak_refund_id },
  { "cash_move", "cash", "1", plain_id },
  { "shift", "shift_open", "1", plain_id },
  { "shift", "shift_close", "r.closed_at IS NOT NULL", plain_id },
  { "settlement", "settlement", "1", lapak_settlement_id },
  { "account_entry", "charge", "r.kind = 'charge'", account_entry_id },
  { "account_entry", "payout", "r.kind = 'payout'", account_entry_id },
  { "stock_return", "stock_return", "1", lapak_stock_return_id },
};

/* What a sale's, void's and refund's stock movements and tenant account
 * entries (their amounts, and the units and money per payment method they
 * carry for the settlement, lapak-entry-summary.h) must add up to, per sale
 * and product, tenant or method, from the lines and payments the journal
 * describes; and what they do add up to. Any difference is a
 * movement or an account entry changed, added or deleted behind the
 * journal's back (these rows decide what tenants are paid). */
/* The sale a stock movement or account entry (alias m) belongs to: its ref
 * is the sale's number (K1-000042), or the void's (K1-V000003) or refund's
 * (K1-R000007) that names the sale. */
#define REF_SALE_SEQ \
  "CASE m.kind WHEN 'sale' THEN CAST(substr(m.ref, length(?1) + 2) AS INTEGER)" \
  " WHEN 'void' THEN (SELECT v.sale_seq FROM sale_void v WHERE v.till_id = ?1" \
  "   AND v.seq = CAST(substr(m.ref, length(?1) + 3) AS INTEGER))" \
  " ELSE (SELECT r.sale_seq FROM refund r WHERE r.till_id = ?1" \
  "   AND r.seq = CAST(substr(m.ref, length(?1) + 3) AS INTEGER)) END"

#define DERIVED_ROWS_SQL \
  "WITH want (kind, sale_seq, key, value) AS (" \
  "  SELECT 'stock:sale', sale_seq, product_code, -SUM(qty) FROM sale_line" \
  "   WHERE till_id = ?1 GROUP BY sale_seq, product_code" \
  "  UNION ALL" \
  "  SELECT 'stock:void', l.sale_seq, l.product_code, SUM(l.qty) FROM sale_line l" \
  "   JOIN sale_void v ON v.sale_till = l.till_id AND v.sale_seq = l.sale_seq" \
  "   WHERE l.till_id = ?1 GROUP BY l.sale_seq, l.product_code" \
  "  UNION ALL" \
  "  SELECT 'stock:refund', r.sale_seq, rl.product_code, SUM(rl.qty) FROM refund_line rl" \
  "   JOIN refund r ON r.till_id = rl.till_id AND r.seq = rl.refund_seq" \
  "   WHERE rl.till_id = ?1 GROUP BY r.sale_seq, rl.product_code" \
  "  UNION ALL" \
  "  SELECT 'account:sale', sale_seq, tenant_code, SUM(qty * (unit_price - unit_discount)) FROM sale_line" \
  "   WHERE till_id = ?1 GROUP BY sale_seq, tenant_code" \
  "  UNION ALL" \
  "  SELECT 'account:void', l.sale_seq, l.tenant_code, -SUM(l.qty * (l.unit_price - l.unit_discount))" \
  "   FROM sale_line l JOIN sale_void v ON v.sale_till = l.till_id AND v.sale_seq = l.sale_seq" \
  "   WHERE l.till_id = ?1 GROUP BY l.sale_seq, l.tenant_code" \
  "  UNION ALL" \
  "  SELECT 'account:refund', r.sale_seq, rl.tenant_code, -SUM(rl.qty * rl.unit_net) FROM refund_line rl" \
  "   JOIN refund r ON r.till_id = rl.till_id AND r.seq = rl.refund_seq" \
  "   WHERE rl.till_id = ?1 GROUP BY r.sale_seq, rl.tenant_code" \
  "  UNION ALL" \
  "  SELECT 'units:sale', sale_seq, tenant_code, SUM(qty) FROM sale_line" \
  "   WHERE till_id = ?1 GROUP BY sale_seq, tenant_code" \
  "  UNION ALL" \
  "  SELECT 'units:void', l.sale_seq, l.tenant_code, -SUM(l.qty)" \
  "   FROM sale_line l JOIN sale_void v ON v.sale_till = l.till_id AND v.sale_seq = l.sale_seq" \
  "   WHERE l.till_id = ?1 GROUP BY l.sale_seq, l.tenant_code" \
  "  UNION ALL" \
  "  SELECT 'units:refund', r.sale_seq, rl.tenant_code, -SUM(rl.qty) FROM refund_line rl" \
  "   JOIN refund r ON r.till_id = rl.till_id AND r.seq = rl.refund_seq" \
  "   WHERE rl.till_id = ?1 GROUP BY r.sale_seq, rl.tenant_code" \
  "  UNION ALL" \
  "  SELECT 'pay:sale', sale_seq, method, SUM(amount) FROM payment" \
  "   WHERE till_id = ?1 GROUP BY sale_seq, method" \
  "  UNION ALL" \
  "  SELECT 'pay:void', p.sale_seq, p.method, -SUM(p.amount)" \
  "   FROM payment p JOIN sale_void v ON v.sale_till = p.till_id AND v.sale_seq = p.sale_seq" \
  "   WHERE p.till_id = ?1 GROUP BY p.sale_seq, p.method" \
  "  UNION ALL" \
  "  SELECT 'pay:refund', r.sale_seq, r.method, -SUM(r.amount) FROM refund r" \
  "   WHERE r.till_id = ?1 AND EXISTS (SELECT 1 FROM refund_line rl" \
  "    WHERE rl.till_id = r.till_id AND rl.refund_seq = r.seq) GROUP BY r.sale_seq, r.method" \
  "), have (kind, sale_seq, key, value) AS (" \
  "  SELECT 'stock:' || m.kind, " REF_SALE_SEQ ", m.product_code, SUM(m.delta)" \
  "   FROM stock_move m WHERE m.till_id = ?1 AND m.kind IN ('sale', 'void', 'refund')" \
  "   GROUP BY 1, 2, 3" \
  "  UNION ALL" \
  "  SELECT 'account:' || m.kind, " REF_SALE_SEQ ", m.tenant_code, SUM(m.amount)" \
  "   FROM account_entry m WHERE m.till_id = ?1 AND m.kind IN ('sale', 'void', 'refund')" \
  "   GROUP BY 1, 2, 3" \
  "  UNION ALL" \
  "  SELECT 'units:' || m.kind, " REF_SALE_SEQ ", m.tenant_code, SUM(m.units)" \
  "   FROM account_entry m WHERE m.till_id = ?1 AND m.kind IN ('sale', 'void', 'refund')" \
  "   GROUP BY 1, 2, 3" \
  "  UNION ALL" \
  "  SELECT 'pay:' || m.kind, " REF_SALE_SEQ ", x.method," \
  "   SUM(CASE x.method WHEN 'cash' THEN m.pay_cash WHEN 'qris' THEN m.pay_qris" \
  "    WHEN 'transfer' THEN m.pay_transfer WHEN 'card' THEN m.pay_card ELSE m.pay_ewallet END)" \
  "   FROM account_entry m, (SELECT 'cash' AS method UNION ALL SELECT 'qris' UNION ALL SELECT 'transfer'" \
  "    UNION ALL SELECT 'card' UNION ALL SELECT 'ewallet') AS x" \
  "   WHERE m.till_id = ?1 AND m.kind IN ('sale', 'void', 'refund')" \
  "   GROUP BY 1, 2, 3 HAVING SUM(CASE x.method WHEN 'cash' THEN m.pay_cash WHEN 'qris' THEN m.pay_qris" \
  "    WHEN 'transfer' THEN m.pay_transfer WHEN 'card' THEN m.pay_card ELSE m.pay_ewallet END) <> 0" \
  ") " \
  "SELECT kind, sale_seq FROM (SELECT * FROM want EXCEPT SELECT * FROM have) " \
  "UNION " \
  "SELECT kind, sale_seq FROM (SELECT * FROM have EXCEPT SELECT * FROM want) " \
  "ORDER BY 2 LIMIT 1"

/* The journal entry of the sale, void or refund (@kind "stock:void", …)
 * whose movements are wrong; 0 if there is none. */
static gboolean
derived_entry (LapakDb     *db,
               const char  *kind,
               int64_t      sale_seq,
               int64_t     *out_seq,
               GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  const char *sql;
  int rc;

  if (g_str_has_suffix (kind, ":void"))
    sql = "SELECT MIN(j.seq) FROM journal j JOIN sale_void v ON j.till_id = v.till_id AND j.ref = v.seq "
          "WHERE j.till_id = ?1 AND j.type = 'void' AND v.sale_seq = ?2";
  else if (g_str_has_suffix (kind, ":refund"))
    sql = "SELECT MIN(j.seq) FROM journal j JOIN refund r ON j.till_id = r.till_id AND j.ref = r.seq "
          "WHERE j.till_id = ?1 AND j.type = 'refund' AND r.sale_seq = ?2";
  else
    sql = "SELECT journal_seq FROM sale WHERE till_id = ?1 AND seq = ?2";

  *out_seq = 0;
  if (!(stmt = lapak_db_prepare (db, sql, error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  sqlite3_bind_int64 (stmt, 2, sale_seq);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    *out_seq = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * lapak_journal_verify:
 *
 * Recomputes this till's chain and every payload that describes a record.
 * Returns a report (ok, or the first broken entry and why); %NULL only when
 * the database cannot be read.
 */
LapakJournalReport *
lapak_journal_verify (LapakDb  *db,
                      GError  **error)
{
  g_autoptr(LapakJournalReport) report = g_new0 (LapakJournalReport, 1);
  g_autofree char *prev = g_strdup (GENESIS);
  g_auto(LapakStmt) stmt = NULL;
  const char *till = lapak_db_get_till_id (db);
  int64_t expected_seq = 1;
  int rc;

  report->ok = TRUE;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT seq, at, type, ref, payload, hash FROM journal "
                                 "WHERE till_id = ?1 ORDER BY seq",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);

  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      int64_t seq = sqlite3_column_int64 (stmt, 0);
      int64_t at = sqlite3_column_int64 (stmt, 1);
      const char *type = lapak_stmt_text (stmt, 2);
      int64_t ref = sqlite3_column_int64 (stmt, 3);
      const char *payload = lapak_stmt_text (stmt, 4);
      const char *hash = lapak_stmt_text (stmt, 5);
      g_autofree char *header = NULL;
      g_autofree char *recomputed = NULL;

      report->n_entries++;

      if (!report->ok)
        continue;

      if (seq != expected_seq)
        {
          report_broken (report, expected_seq,
                         seq > expected_seq
                         ? g_strdup_printf (_("entry %" PRId64 " is missing (deleted?): the "
                                              "next entry is %" PRId64 "."),
                                            expected_seq, seq)
                         : g_strdup_printf (_("entry %" PRId64 " is out of order."), seq));
          continue;
        }

      header = make_payload (seq, at, type, "");
      if (!g_str_has_prefix (payload, header))
        {
          report_broken (report, seq,
                         g_strdup_printf (_("entry %" PRId64 "'s payload does not match its "
                                            "number, time or type (moved or edited)."),
                                          seq));
          continue;
        }

      recomputed = chain_hash (prev, payload);
      if (g_strcmp0 (recomputed, hash) != 0)
        {
          report_broken (report, seq,
                         g_strdup_printf (_("entry %" PRId64 "'s hash does not match its "
                                            "content and the entry before it (edited, inserted "
                                            "or reordered)."),
                                          seq));
          continue;
        }

      if (ref > 0)
        {
          g_autoptr(GError) local_error = NULL;
          g_autofree char *body = _lapak_record_body (db, type, ref, &local_error);

          if (body == NULL && local_error != NULL &&
              !g_error_matches (local_error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          if (body == NULL || strcmp (payload + strlen (header), body) != 0)
            report_broken (report, seq,
                           g_strdup_printf (_("entry %" PRId64 " (%s) no longer matches the "
                                              "records it describes: they were changed or deleted "
                                              "after it was written."),
                                            seq, type));
        }

      g_free (prev);
      prev = g_strdup (hash);
      expected_seq++;
    }
  if (rc < 0)
    return NULL;
  lapak_stmt_release (g_steal_pointer (&stmt));

  /* Every journaled record must be described by an entry. */
  for (guint i = 0; i < G_N_ELEMENTS (journaled); i++)
    {
      /* NOT IN an uncorrelated subquery: SQLite builds the set of refs once,
       * where a correlated NOT EXISTS would scan the journal for every
       * record (there is no index on journal.ref). */
      g_autofree char *sql = g_strdup_printf ("SELECT r.seq FROM %s r WHERE r.till_id = ?1 AND %s AND r.seq NOT IN "
                                              "(SELECT j.ref FROM journal j WHERE j.till_id = ?1 "
                                              " AND j.type = ?2 AND j.ref IS NOT NULL) ORDER BY r.seq LIMIT 1",
                                              journaled[i].table, journaled[i].condition);

      if (!(stmt = lapak_db_prepare (db, sql, error)))
        return NULL;
      lapak_stmt_bind_text (stmt, 1, till);
      lapak_stmt_bind_text (stmt, 2, journaled[i].type);
      rc = lapak_db_step (db, stmt, error);
      if (rc < 0)
        return NULL;
      if (rc == SQLITE_ROW)
        {
          g_autofree char *id = journaled[i].id (till, sqlite3_column_int64 (stmt, 0));

          report_broken (report, 0,
                         g_strdup_printf (_("a %s record (%s) has no journal "
                                            "entry: it was inserted behind the journal's back, or the "
                                            "journal's last entries were deleted."),
                                          journaled[i].type, id));
        }
      lapak_stmt_release (g_steal_pointer (&stmt));
    }

  /* Every 'return' stock movement belongs to a stock return (whose
   * payload pins the movements it made). */
  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT m.seq, m.ref FROM stock_move m WHERE m.till_id = ?1 AND m.kind = 'return' "
                                 " AND (m.ref IS NULL OR m.ref NOT IN (SELECT r.till_id || '-T' || printf ('%06d', r.seq) "
                                 "  FROM stock_return r WHERE r.till_id = ?1)) ORDER BY m.seq LIMIT 1",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_ROW)
    report_broken (report, 0,
                   g_strdup_printf (_("stock movement %s-%06" PRId64 " takes goods back for “%s”, "
                                      "which is no recorded stock return: it was added behind the "
                                      "journal's back."),
                                    till, (int64_t) sqlite3_column_int64 (stmt, 0), lapak_stmt_text (stmt, 1)));
  lapak_stmt_release (g_steal_pointer (&stmt));

  /* Every sale names its entry (sale.journal_seq) and was made at its time.
   * A sale whose entry lies past the end of the journal means the journal's
   * last entries were deleted. */
  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT s.seq, s.journal_seq, j.seq FROM sale s "
                                 "LEFT JOIN journal j ON j.till_id = s.till_id AND j.seq = s.journal_seq "
                                 "WHERE s.till_id = ?1 AND (j.seq IS NULL OR j.type IS NOT 'sale' "
                                 "  OR j.ref IS NOT s.seq OR j.at IS NOT s.at) "
                                 "ORDER BY s.journal_seq LIMIT 1",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_ROW)
    {
      g_autofree char *id = lapak_sale_id (till, sqlite3_column_int64 (stmt, 0));
      int64_t journal_seq = sqlite3_column_int64 (stmt, 1);

      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL && journal_seq >= expected_seq)
        report_broken (report, expected_seq,
                       g_strdup_printf (_("entry %" PRId64 " and those after it are missing: sale %s "
                                          "was recorded as entry %" PRId64 ", past the end of the "
                                          "journal (its last entries were deleted, or the sale was added "
                                          "behind the journal's back)."),
                                        expected_seq, id, journal_seq));
      else
        report_broken (report, journal_seq,
                       g_strdup_printf (_("entry %" PRId64 " should describe sale %s, but it does "
                                          "not, or the sale's time was changed after it was written."),
                                        journal_seq, id));
    }
  lapak_stmt_release (g_steal_pointer (&stmt));

  /* Stock movements and tenant account entries match the lines. */
  if (!(stmt = lapak_db_prepare (db, DERIVED_ROWS_SQL, error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_ROW)
    {
      g_autofree char *kind = g_strdup (lapak_stmt_text (stmt, 0));
      gboolean no_sale = sqlite3_column_type (stmt, 1) == SQLITE_NULL;
      int64_t sale_seq = sqlite3_column_int64 (stmt, 1);
      g_autofree char *id = lapak_sale_id (till, sale_seq);
      int64_t entry = 0;

      lapak_stmt_release (g_steal_pointer (&stmt));
      if (!no_sale && !derived_entry (db, kind, sale_seq, &entry, error))
        return NULL;
      if (entry == 0 && !no_sale)
        report_broken (report, 0,
                       g_strdup_printf (g_str_has_prefix (kind, "stock:")
                                        ? _("the stock movements of sale %s no longer match its lines, voids "
                                            "and refunds: a void or refund was added behind the journal's "
                                            "back, or movements were changed.")
                                        : _("the tenant account entries of sale %s no longer match its lines, "
                                            "voids and refunds: a void or refund was added behind the "
                                            "journal's back, or entries were changed."),
                                        id));
      else if (no_sale)
        report_broken (report, 0,
                       g_strdup (g_str_has_prefix (kind, "stock:")
                                 ? _("stock movements of sales, voids or refunds that belong to no sale "
                                     "were added behind the journal's back.")
                                 : _("tenant account entries of sales, voids or refunds that belong to no "
                                     "sale were added behind the journal's back.")));
      else
        report_broken (report, entry,
                       g_str_has_prefix (kind, "stock:")
                       ? g_strdup_printf (_("the stock movements of sale %s (entry %" PRId64 ") no "
                                          "longer match its lines, voids and refunds: they were changed, "
                                          "added or deleted after it was written."),
                                          id, entry)
                       : g_strdup_printf (_("the tenant account entries of sale %s (entry %" PRId64
                                            ") no longer match its lines, voids and refunds: they were "
                                            "changed, added or deleted after it was written."),
                                          id, entry));
    }
  lapak_stmt_release (g_steal_pointer (&stmt));

  report->head = g_steal_pointer (&prev);
  return g_steal_pointer (&report);
}

/**
 * lapak_journal_export:
 *
 * Writes the journal as JSON Lines, one entry per line:
 * {"till":…,"seq":…,"at":…,"type":…,"payload":…,"hash":…}
 * Written to a temporary file and renamed, so a reader never sees half.
 */
gboolean
lapak_journal_export (LapakDb     *db,
                      const char  *path,
                      int64_t     *out_count,
                      GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  g_auto(LapakStmt) stmt = NULL;
  int64_t count = 0;
  int rc;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT till_id, seq, at, type, payload, hash FROM journal "
                                 "ORDER BY till_id, seq",
                                 error)))
    return FALSE;

  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *till = g_strescape (lapak_stmt_text (stmt, 0), NULL);
      g_autofree char *type = g_strescape (lapak_stmt_text (stmt, 3), NULL);
      GString *payload = g_string_new (NULL);

      /* JSON string escaping of the payload (UTF-8 kept as is). */
      for (const char *p = lapak_stmt_text (stmt, 4); *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_printf (payload, "\\%c", *p);
          else if (*p == '\n')
            g_string_append (payload, "\\n");
          else if ((guchar)*p < 0x20)
            g_string_append_printf (payload, "\\u%04x", (guchar)*p);
          else
            g_string_append_c (payload, *p);
        }

      g_string_append_printf (out, "{\"till\":\"%s\",\"seq\":%" G_GINT64_FORMAT ",\"at\":%" G_GINT64_FORMAT
                              ",\"type\":\"%s\",\"payload\":\"%s\",\"hash\":\"%s\"}\n",
                              till, (gint64)sqlite3_column_int64 (stmt, 1), (gint64)sqlite3_column_int64 (stmt, 2),
                              type, payload->str, lapak_stmt_text (stmt, 5));
      g_string_free (payload, TRUE);
      count++;
    }
  if (rc < 0)
    return FALSE;

  if (!g_file_set_contents (path, out->str, out->len, &local_error))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                   _("Cannot write the journal to %s: %s"), path, local_error->message);
      return FALSE;
    }

  if (out_count != NULL)
    *out_count = count;
  return TRUE;
}
