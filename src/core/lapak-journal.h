/* lapak-journal.h — the till's append-only, hash-chained journal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "lapak-db.h"

G_BEGIN_DECLS

#define LAPAK_HASH_HEX_LENGTH 64

typedef struct
{
  gboolean  ok;
  int64_t   n_entries;
  char     *head;          /* hash of the last entry (64 zeros if none) */
  int64_t   broken_seq;    /* first broken entry, 0 if ok */
  char     *problem;       /* what is wrong with it, for a person */
} LapakJournalReport;

gboolean  lapak_journal_append  (LapakDb             *db,
                                 const char          *type,
                                 int64_t              ref,
                                 const char          *body,
                                 int64_t              at,
                                 char               **out_hash,
                                 GError             **error);
char     *lapak_journal_head    (LapakDb             *db,
                                 GError             **error);
LapakJournalReport *lapak_journal_verify (LapakDb    *db,
                                          GError    **error);
gboolean  lapak_journal_export  (LapakDb             *db,
                                 const char          *path,
                                 int64_t             *out_count,
                                 GError             **error);
void      lapak_journal_report_free (LapakJournalReport *report);

/* Canonical payload text: "key=value" lines; values escaped. */
void      lapak_journal_put     (GString             *body,
                                 const char          *key,
                                 const char          *value);
void      lapak_journal_put_int (GString             *body,
                                 const char          *key,
                                 int64_t              value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakJournalReport, lapak_journal_report_free)

G_END_DECLS
