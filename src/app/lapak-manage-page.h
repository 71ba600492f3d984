/* lapak-manage-page.h — the organiser's "Manage" hub in the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_MANAGE_PAGE (lapak_manage_page_get_type ())
G_DECLARE_FINAL_TYPE (LapakManagePage, lapak_manage_page, LAPAK, MANAGE_PAGE, GtkBox)

/* Loads a section with the till and the organiser when it is opened;
 * called with %NULL for both when the page is left. */
typedef void (*LapakManageLoadFunc) (GtkWidget       *section,
                                     LapakDb         *db,
                                     const LapakUser *user);

GtkWidget *lapak_manage_page_new          (void);
void       lapak_manage_page_load         (LapakManagePage     *self,
                                           LapakDb             *db,
                                           const LapakUser     *user);
void       lapak_manage_page_clear        (LapakManagePage     *self);
void       lapak_manage_page_add_section  (LapakManagePage     *self,
                                           const char          *id,
                                           const char          *title,
                                           const char          *icon_name,
                                           GtkWidget           *section,
                                           LapakManageLoadFunc  load);
GtkWidget *lapak_manage_page_add_link     (LapakManagePage     *self,
                                           const char          *id,
                                           const char          *title,
                                           const char          *icon_name);
void       lapak_manage_page_show_section (LapakManagePage     *self,
                                           const char          *id);
GtkWidget *lapak_manage_page_get_section  (LapakManagePage     *self,
                                           const char          *id);
GtkWidget *lapak_manage_page_get_widget   (LapakManagePage     *self,
                                           const char          *id);

G_END_DECLS
