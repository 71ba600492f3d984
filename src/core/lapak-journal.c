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

static void
report_broken (LapakJournalReport *report,
               int64_t             seq,
               char               *problem)
{
  if (!report->ok)
    {
      g_free (problem);
      return;
    }
  report->ok = FALSE;
  report->broken_seq = seq;
  report->problem = problem;
}

/* Records of these tables must each have their journal entry. */
static char *
cash_move_id (const char *till_id,
              int64_t     seq)
{
  return g_strdup_printf ("%s-%06" G_GINT64_FORMAT, till_id, seq);
}

static const struct {
  const char *table;
  const char *type;
  char     *(*id) (const char *till_id, int64_t seq);
} journaled[] = {
  { "sale", "sale", lapak_sale_id },
  { "sale_void", "void", lapak_void_id },
  { "refund", "refund", lapak_refund_id },
  { "cash_move", "cash", cash_move_id },
};

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
  for (guint i = 0; i < G_N_ELEMENTS (journaled) && report->ok; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT r.seq FROM %s r WHERE r.till_id = ?1 AND NOT EXISTS "
                                              "(SELECT 1 FROM journal j WHERE j.till_id = r.till_id "
                                              " AND j.type = ?2 AND j.ref = r.seq) LIMIT 1",
                                              journaled[i].table);

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
                                            "entry: it was inserted behind the journal's back."),
                                          journaled[i].type, id));
        }
      lapak_stmt_release (g_steal_pointer (&stmt));
    }

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
