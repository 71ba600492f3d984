/* lapak-sync-net.h — sync over the LAN: the hub serves, a till pushes and pulls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same bundles as by file (docs/sync.md), carried over HTTP (libsoup 3):
 * POST /bundle gives a till's bundle to the hub (lapak_sync_import()),
 * GET /bundle returns the hub's bundle. Every request is signed with the
 * event key (lapak_sync_auth_header()); the hub answers an unsigned, wrongly
 * signed, stale or replayed one with 401/403 and no body. The bundle's own
 * MAC authenticates its content: nothing unauthenticated is applied.
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "lapak-db.h"
#include "lapak-sync.h"

G_BEGIN_DECLS

/* The largest body the hub accepts (bytes): 10,000 sales make 13 MiB. */
#define LAPAK_SYNC_NET_MAX_BODY ((goffset)256 * 1024 * 1024)

/* Requests to the hub carry an Authorization header made with the event
 * key; its time must be within this many seconds of the hub's clock, and
 * its nonce is refused the second time. */
#define LAPAK_SYNC_NET_AUTH_WINDOW 300

typedef struct _LapakSyncServer LapakSyncServer;

char            *lapak_sync_auth_header   (LapakDb          *db,
                                           const char       *method,
                                           const char       *path,
                                           goffset           length,
                                           gint64            now,
                                           GError          **error);

LapakSyncServer *lapak_sync_server_new    (LapakDb          *db,
                                           const char       *address,
                                           guint             port,
                                           GError          **error);
char            *lapak_sync_server_get_url (LapakSyncServer *server);
void             lapak_sync_server_free   (LapakSyncServer  *server);

gboolean         lapak_sync_set_hub_url   (LapakDb          *db,
                                           const char       *url,
                                           GError          **error);
char            *lapak_sync_get_hub_url   (LapakDb          *db);

/* One round from a till: export, POST, GET the hub's bundle, import it.
 * @out_pushed: what the hub merged of this till's bundle (its reply);
 * returns the result of importing the hub's bundle here. */
LapakSyncResult *lapak_sync_push          (LapakDb          *db,
                                           const char       *url,
                                           LapakSyncResult **out_pushed,
                                           GError          **error);

/* Seconds to wait before the next push after @failures failed ones in a row:
 * @every, doubled for each failure, at most LAPAK_SYNC_NET_MAX_BACKOFF (or
 * @every if that is longer). */
#define LAPAK_SYNC_NET_MAX_BACKOFF 300
guint            lapak_sync_backoff       (guint             every,
                                           guint             failures);

/* An automatic round comes this many seconds after a record is made (a
 * sale, a void, a shift close), unless the regular one is sooner. */
#define LAPAK_SYNC_NET_AFTER_RECORD 5
/* No automatic round (lapak_sync_next_round() with @every 0). */
#define LAPAK_SYNC_NET_NEVER G_MAXUINT

/* Seconds until a till's next automatic round (the kiosk's timer): never
 * when @every is 0 (automatic sync off); after @failures failed rounds in a
 * row, lapak_sync_backoff() — a new record does not hurry a hub that is
 * away; else @every, or LAPAK_SYNC_NET_AFTER_RECORD when @after_record and
 * that is sooner. */
guint            lapak_sync_next_round    (guint             every,
                                           guint             failures,
                                           gboolean          after_record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakSyncServer, lapak_sync_server_free)

G_END_DECLS
