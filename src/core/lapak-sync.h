/* lapak-sync.h — several tills and one hub: pairing, bundles, what the hub knows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See docs/sync.md for the bundle format, what flows which way, the
 * conflict rule and the guarantees.
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "lapak-auth.h"
#include "lapak-db.h"
#include "lapak-journal.h"

G_BEGIN_DECLS

typedef enum
{
  LAPAK_SYNC_NONE,   /* not paired */
  LAPAK_SYNC_HUB,    /* owns the catalogue, collects every till's records */
  LAPAK_SYNC_TILL,   /* paired with a hub */
} LapakSyncRole;

/* What this database is in the sync: its role, the event it is paired for,
 * and the hub's till id (a till) or its own (a hub). */
typedef struct
{
  LapakSyncRole  role;
  char          *event;
  char          *hub;
} LapakSyncInfo;

/* A catalogue row two sides disagree on, and which version was kept. */
typedef struct
{
  char *table;      /* "product", "tenant", … */
  char *key;        /* its code or name */
  char *till;       /* the till whose version was not kept */
  char *lost;       /* that version (JSON array of its columns) */
  char *kept;       /* the version kept */
} LapakSyncConflict;

typedef struct
{
  char          *from;            /* the till that wrote the bundle */
  LapakSyncRole  from_role;
  int64_t        journal_seq;     /* entries in the bundle */
  int64_t        new_entries;     /* of which new here */
  int64_t        new_sales;
  int64_t        catalogue_added; /* catalogue rows added here */
  int64_t        catalogue_updated;
  GPtrArray     *conflicts;       /* LapakSyncConflict, found by this import */
} LapakSyncResult;

/* One till as known here (at a hub: every till that sent a bundle, and the
 * hub itself). */
typedef struct
{
  char     *till;
  gboolean  is_self;
  int64_t   journal_seq;     /* its journal entries held here, 1…seq, verified */
  char     *journal_head;
  int64_t   exported_at;     /* when it wrote the newest bundle merged here; 0: self */
  int64_t   imported_at;     /* when that was merged; 0: self */
  int64_t   open_shifts;     /* its shifts still open in what is held here */
  int64_t   last_close_at;   /* its newest Z report held here, 0 if none */
} LapakSyncTill;

/* A bundle's header (docs/sync.md, "The bundle"), as read before the MAC
 * is checked: shown to a person, never trusted. */
typedef struct
{
  char          *event;
  char          *from;
  LapakSyncRole  role;
  int64_t        journal_seq;
  char          *journal_head;   /* 64 hex */
  int64_t        exported_at;    /* µs since 1970 UTC */
  int            schema;
  gsize          size;           /* bytes of the database after the header */
  char          *mac;            /* 64 hex */
  gsize          header_length;  /* bytes before the database */
  int64_t        base_seq;       /* an incremental bundle: the entry it starts after; 0: full */
} LapakSyncHeader;

gboolean        lapak_sync_header_parse (const char       *name,
                                         const char       *contents,
                                         gsize             length,
                                         LapakSyncHeader  *out,
                                         GError          **error);
void            lapak_sync_header_clear (LapakSyncHeader  *header);

/* What a till knows of its records at the hub (lapak_sync_pending()). */
typedef struct
{
  LapakSyncRole  role;
  int64_t        journal_seq;   /* this till's journal entries */
  int64_t        acked_seq;     /* of which the hub holds 1…acked_seq */
  int64_t        pending;       /* not at the hub as far as this till knows; 0 at a hub or unpaired */
  int64_t        synced_at;     /* when it last imported its hub's bundle (µs), 0: never */
} LapakSyncPending;

gboolean        lapak_sync_pending      (LapakDb          *db,
                                         LapakSyncPending *out,
                                         GError          **error);

gboolean        lapak_sync_get_info     (LapakDb          *db,
                                         LapakSyncInfo    *out_info,
                                         GError          **error);
void            lapak_sync_info_clear   (LapakSyncInfo    *info);

char           *lapak_sync_pair_hub     (LapakDb          *db,
                                         const LapakUser  *actor,
                                         const char       *event_code,
                                         GError          **error);
gboolean        lapak_sync_pair_till    (LapakDb          *db,
                                         const LapakUser  *actor,
                                         const char       *pairing_code,
                                         GError          **error);

gboolean        lapak_sync_export       (LapakDb          *db,
                                         const char       *path,
                                         int64_t          *out_entries,
                                         GError          **error);
gboolean        lapak_sync_export_for_hub (LapakDb        *db,
                                         const char       *path,
                                         gboolean          incremental,
                                         int64_t          *out_base,
                                         char            **out_mark,
                                         GError          **error);
gboolean        lapak_sync_mark_sent    (LapakDb          *db,
                                         const char       *mark,
                                         GError          **error);
LapakSyncResult *lapak_sync_import      (LapakDb          *db,
                                         const char       *path,
                                         GError          **error);
void            lapak_sync_result_free  (LapakSyncResult  *result);

GPtrArray      *lapak_sync_status       (LapakDb          *db,
                                         GError          **error);
GPtrArray      *lapak_sync_missing      (LapakDb          *db,
                                         int64_t           until,
                                         GError          **error);
GPtrArray      *lapak_sync_conflicts    (LapakDb          *db,
                                         GError          **error);
LapakJournalReport *lapak_sync_verify_till (LapakDb       *db,
                                            const char    *till_id,
                                            GError       **error);
/* Authenticating requests over the LAN (lapak-sync-net.c): the event
 * key's MAC of @message. */
#define LAPAK_SYNC_MAC_BYTES 32
gboolean        lapak_sync_request_mac  (LapakDb          *db,
                                         const char       *message,
                                         gsize             length,
                                         guint8            out[LAPAK_SYNC_MAC_BYTES],
                                         GError          **error);

void            lapak_sync_till_free    (LapakSyncTill    *till);
void            lapak_sync_conflict_free (LapakSyncConflict *conflict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakSyncResult, lapak_sync_result_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LapakSyncHeader, lapak_sync_header_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakSyncTill, lapak_sync_till_free)

G_END_DECLS
