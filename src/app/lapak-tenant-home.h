/* lapak-tenant-home.h — a tenant's own page in the kiosk: its live sales,
 * its balance, and the way to its products, labels and stock check-in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_TENANT_HOME (lapak_tenant_home_get_type ())
G_DECLARE_FINAL_TYPE (LapakTenantHome, lapak_tenant_home, LAPAK, TENANT_HOME, GtkBox)

GtkWidget  *lapak_tenant_home_new         (void);
void        lapak_tenant_home_load        (LapakTenantHome *self,
                                           LapakDb         *db,
                                           const LapakUser *user);
void        lapak_tenant_home_refresh     (LapakTenantHome *self);
void        lapak_tenant_home_clear       (LapakTenantHome *self);

/* For the tests: what the tenant sees and taps. */
GtkWidget  *lapak_tenant_home_get_widget  (LapakTenantHome *self,
                                           const char      *name);
guint       lapak_tenant_home_get_n_rows  (LapakTenantHome *self);
const char *lapak_tenant_home_get_row_text (LapakTenantHome *self,
                                            guint            i);

G_END_DECLS
