/* lapak-entry-summary.h — what a settlement needs of a sale, void or refund,
 * kept on the record's tenant account entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A settlement preview needs, per tenant, the units sold and, for the
 * organiser's summary, the money per payment method. Looking these up in
 * sale_line and payment for every covered sale made the preview six times
 * slower than a bare aggregate, so each 'sale', 'void' and 'refund' account
 * entry carries them (migration 8), written in the transaction of the
 * record itself, and the preview is one scan of the covering index
 * account_entry_open:
 *
 *   units     the tenant's units the record moved: sold (> 0), or taken
 *             back by a void or a refund (< 0)
 *   pay_*     the record's money per method: taken (> 0), or given back by
 *             a void or a refund (< 0). A record with several tenants has
 *             one entry per tenant, all with consecutive seqs and the same
 *             ref; only the first of them (no entry with seq − 1 and the
 *             same ref) carries the money, so that a sum over entries counts
 *             each record's money once. All entries of a record are always
 *             settled together (same event, same time).
 *   every other kind of entry: 0.
 *
 * The journal verifier checks both against the lines and payments the
 * journal describes (lapak-journal.c, DERIVED_ROWS_SQL).
 *
 * LAPAK_ENTRY_SUMMARY_UPDATE sets them from the records, for the entries of
 * alias e chosen by the condition that follows it ("… AND e.till_id = ?1").
 * The migration runs it over every entry, a sale, void or refund over its
 * own entries: one definition, so they cannot differ.
 */
#pragma once

/* The seq of the record an entry (alias e) belongs to: its ref is the
 * sale's number (K1-000042), the void's (K1-V000003) or the refund's
 * (K1-R000007). */
#define LAPAK_ENTRY_RECORD_SEQ \
  "CAST(substr(e.ref, length(e.till_id) + CASE e.kind WHEN 'sale' THEN 2 ELSE 3 END) AS INTEGER)"

/* Not the first entry of its record. */
#define LAPAK_ENTRY_HAS_PREVIOUS \
  "EXISTS (SELECT 1 FROM account_entry f WHERE f.till_id = e.till_id" \
  " AND f.seq = e.seq - 1 AND f.ref IS e.ref)"

#define LAPAK_ENTRY_UNITS \
  "CASE e.kind" \
  " WHEN 'sale' THEN (SELECT COALESCE(SUM(l.qty), 0) FROM sale_line l" \
  "  WHERE l.till_id = e.till_id AND l.sale_seq = " LAPAK_ENTRY_RECORD_SEQ \
  "  AND l.tenant_code = e.tenant_code)" \
  " WHEN 'void' THEN -(SELECT COALESCE(SUM(l.qty), 0) FROM sale_void v" \
  "  JOIN sale_line l ON l.till_id = v.sale_till AND l.sale_seq = v.sale_seq" \
  "  WHERE v.till_id = e.till_id AND v.seq = " LAPAK_ENTRY_RECORD_SEQ \
  "  AND l.tenant_code = e.tenant_code)" \
  " WHEN 'refund' THEN -(SELECT COALESCE(SUM(rl.qty), 0) FROM refund_line rl" \
  "  WHERE rl.till_id = e.till_id AND rl.refund_seq = " LAPAK_ENTRY_RECORD_SEQ \
  "  AND rl.tenant_code = e.tenant_code)" \
  " ELSE 0 END"

#define LAPAK_ENTRY_PAY(method) \
  "CASE WHEN e.kind NOT IN ('sale', 'void', 'refund') OR " LAPAK_ENTRY_HAS_PREVIOUS " THEN 0" \
  " WHEN e.kind = 'sale' THEN (SELECT COALESCE(SUM(p.amount), 0) FROM payment p" \
  "  WHERE p.till_id = e.till_id AND p.sale_seq = " LAPAK_ENTRY_RECORD_SEQ \
  "  AND p.method = '" method "')" \
  " WHEN e.kind = 'void' THEN -(SELECT COALESCE(SUM(p.amount), 0) FROM sale_void v" \
  "  JOIN payment p ON p.till_id = v.sale_till AND p.sale_seq = v.sale_seq" \
  "  WHERE v.till_id = e.till_id AND v.seq = " LAPAK_ENTRY_RECORD_SEQ \
  "  AND p.method = '" method "')" \
  " ELSE -(SELECT COALESCE(SUM(r.amount), 0) FROM refund r" \
  "  WHERE r.till_id = e.till_id AND r.seq = " LAPAK_ENTRY_RECORD_SEQ \
  "  AND r.method = '" method "') END"

#define LAPAK_ENTRY_SUMMARY_UPDATE \
  "UPDATE account_entry AS e SET" \
  " units = " LAPAK_ENTRY_UNITS "," \
  " pay_cash = " LAPAK_ENTRY_PAY ("cash") "," \
  " pay_qris = " LAPAK_ENTRY_PAY ("qris") "," \
  " pay_transfer = " LAPAK_ENTRY_PAY ("transfer") "," \
  " pay_card = " LAPAK_ENTRY_PAY ("card") "," \
  " pay_ewallet = " LAPAK_ENTRY_PAY ("ewallet") \
  " WHERE e.kind IN ('sale', 'void', 'refund')"
