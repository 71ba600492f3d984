/* lapak-window.h — the till's one window: login, shift, sell, pay, done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lapak-db.h"
#include "lapak-settle-page.h"
#include "lapak-manage-page.h"
#include "lapak-sync-auto.h"
#include "lapak-sync-page.h"
#include "lapak-checkin-page.h"
#include "lapak-labels-page.h"
#include "lapak-products-page.h"
#include "lapak-tenant-home.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_WINDOW (lapak_window_get_type ())
G_DECLARE_FINAL_TYPE (LapakWindow, lapak_window, LAPAK, WINDOW, AdwApplicationWindow)

LapakWindow *lapak_window_new          (GtkApplication *application,
                                        LapakDb        *db);
LapakWindow *lapak_window_new_error    (GtkApplication *application,
                                        const GError   *error);
const char  *lapak_window_get_page     (LapakWindow    *self);
GListModel  *lapak_window_get_cart     (LapakWindow    *self);
void         lapak_window_log_out      (LapakWindow    *self);
void         lapak_window_set_kiosk    (LapakWindow    *self,
                                        gboolean        kiosk);
gboolean     lapak_window_get_kiosk    (LapakWindow    *self);
void         lapak_window_set_print_retry (LapakWindow *self,
                                           guint        seconds);
void         lapak_window_set_idle_lock (LapakWindow   *self,
                                         guint          seconds);
/* The organiser's settlement screen: its header button and its page. */
GtkWidget   *lapak_window_get_settle_button (LapakWindow *self);
LapakSettlePage *lapak_window_get_settle_page (LapakWindow *self);
/* The organiser's Manage screens: its header button and its page. */
GtkWidget   *lapak_window_get_manage_button (LapakWindow *self);
LapakManagePage *lapak_window_get_manage_page (LapakWindow *self);
/* Sync (lapak-sync-page.c): the header button, the page, the header status. */
GtkWidget   *lapak_window_get_sync_button (LapakWindow *self);
LapakSyncPage *lapak_window_get_sync_page (LapakWindow *self);
GtkLabel    *lapak_window_get_sync_status (LapakWindow *self);
/* A paired till's automatic sync (lapak-sync-auto.c): every @seconds, 0: off. */
void         lapak_window_set_sync_interval (LapakWindow *self,
                                             guint        seconds);
LapakSyncAuto *lapak_window_get_sync_auto (LapakWindow *self);
/* Tenant self-service and the organiser's products: the "Products" header
 * button and the pages. */
GtkWidget         *lapak_window_get_products_button (LapakWindow *self);
LapakProductsPage *lapak_window_get_products_page   (LapakWindow *self);
LapakLabelsPage   *lapak_window_get_labels_page     (LapakWindow *self);
LapakCheckinPage  *lapak_window_get_checkin_page    (LapakWindow *self);
LapakTenantHome   *lapak_window_get_tenant_home     (LapakWindow *self);

G_END_DECLS
