/* lapak-manage-users.h — the organiser's user screen in the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_MANAGE_USERS (lapak_manage_users_get_type ())
G_DECLARE_FINAL_TYPE (LapakManageUsers, lapak_manage_users, LAPAK, MANAGE_USERS, GtkBox)

GtkWidget        *lapak_manage_users_new        (void);
void              lapak_manage_users_load       (LapakManageUsers *self,
                                                 LapakDb          *db,
                                                 const LapakUser  *user);
void              lapak_manage_users_clear      (LapakManageUsers *self);
GtkWidget        *lapak_manage_users_get_widget (LapakManageUsers *self,
                                                 const char       *id);
GtkWidget        *lapak_manage_users_get_row    (LapakManageUsers *self,
                                                 const char       *name);
AdwMessageDialog *lapak_manage_users_get_dialog (LapakManageUsers *self);

G_END_DECLS
