/* lapak-sync-page.h — the organiser's sync screen in the kiosk: USB stick and LAN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_SYNC_PAGE (lapak_sync_page_get_type ())
G_DECLARE_FINAL_TYPE (LapakSyncPage, lapak_sync_page, LAPAK, SYNC_PAGE, GtkBox)

GtkWidget   *lapak_sync_page_new          (void);
void         lapak_sync_page_load         (LapakSyncPage   *self,
                                           LapakDb         *db,
                                           const LapakUser *user);
void         lapak_sync_page_set_folder   (LapakSyncPage   *self,
                                           const char      *folder);
const char  *lapak_sync_page_get_folder   (LapakSyncPage   *self);
gboolean     lapak_sync_page_is_busy      (LapakSyncPage   *self);

/* The header's one-line sync status ("Synced 14:05 · 3 records not at the
 * hub yet"), or NULL when this database is not paired. */
char        *lapak_sync_status_text       (LapakDb         *db);
/* The same, short enough for the header ("3 not at hub · 14:05"). */
char        *lapak_sync_status_short      (LapakDb         *db);
/* The same, saying first when the last round did not reach the hub
 * ("Hub unreachable\n3 not at hub · 14:05", two lines). */
char        *lapak_sync_status_header     (LapakDb         *db,
                                           gboolean         unreachable);

/* A folder on removable media (/media/USER/…, /run/media/USER/…), or the
 * home folder. */
char        *lapak_sync_default_folder    (void);

/* For the tests: what the organiser sees and taps. */
GtkWidget   *lapak_sync_page_get_widget   (LapakSyncPage   *self,
                                           const char      *id);

G_END_DECLS
