/* lapak-sync-auto.h — a paired till syncs with its hub by itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lapak-db.h"
#include "lapak-sync.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_SYNC_AUTO (lapak_sync_auto_get_type ())
G_DECLARE_FINAL_TYPE (LapakSyncAuto, lapak_sync_auto, LAPAK, SYNC_AUTO, GObject)

LapakSyncAuto *lapak_sync_auto_new            (LapakDb       *db);
void           lapak_sync_auto_set_interval   (LapakSyncAuto *self,
                                               guint          seconds);
guint          lapak_sync_auto_get_interval   (LapakSyncAuto *self);
void           lapak_sync_auto_record_made    (LapakSyncAuto *self);
void           lapak_sync_auto_note_result    (LapakSyncAuto *self,
                                               const GError  *error);
gboolean       lapak_sync_auto_get_unreachable (LapakSyncAuto *self);
guint          lapak_sync_auto_get_failures   (LapakSyncAuto *self);
guint          lapak_sync_auto_get_rounds     (LapakSyncAuto *self);
gboolean       lapak_sync_auto_is_busy        (LapakSyncAuto *self);
void           lapak_sync_auto_stop           (LapakSyncAuto *self);

/* One round with the hub (lapak_sync_push()), one at a time in this
 * process: the automatic rounds and "Sync now" wait for each other. Call
 * it from a worker thread with the thread's own connection. */
LapakSyncResult *lapak_sync_auto_push         (LapakDb          *db,
                                               LapakSyncResult **out_pushed,
                                               GError          **error);

G_END_DECLS
