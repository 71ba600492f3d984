/* lapak-manage-events.h — the organiser's event screen in the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_MANAGE_EVENTS (lapak_manage_events_get_type ())
G_DECLARE_FINAL_TYPE (LapakManageEvents, lapak_manage_events, LAPAK, MANAGE_EVENTS, GtkBox)

GtkWidget *lapak_manage_events_new        (void);
void       lapak_manage_events_load       (LapakManageEvents *self,
                                           LapakDb           *db,
                                           const LapakUser   *user);
void       lapak_manage_events_clear      (LapakManageEvents *self);
GtkWidget *lapak_manage_events_get_widget (LapakManageEvents *self,
                                           const char        *id);
GtkWidget *lapak_manage_events_get_row    (LapakManageEvents *self,
                                           const char        *code);

G_END_DECLS
