/* lapak-manage-tenants.h — the organiser's tenant screen in the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_MANAGE_TENANTS (lapak_manage_tenants_get_type ())
G_DECLARE_FINAL_TYPE (LapakManageTenants, lapak_manage_tenants, LAPAK, MANAGE_TENANTS, GtkBox)

GtkWidget *lapak_manage_tenants_new        (void);
void       lapak_manage_tenants_load       (LapakManageTenants *self,
                                            LapakDb            *db,
                                            const LapakUser    *user);
void       lapak_manage_tenants_clear      (LapakManageTenants *self);
GtkWidget *lapak_manage_tenants_get_widget (LapakManageTenants *self,
                                            const char         *id);
GtkWidget *lapak_manage_tenants_get_row    (LapakManageTenants *self,
                                            const char         *code);

G_END_DECLS
