/* lapak-settle-page.h — the organiser's settlement screen in the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lapak-auth.h"
#include "lapak-db.h"
#include "lapak-keypad.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_SETTLE_PAGE (lapak_settle_page_get_type ())
G_DECLARE_FINAL_TYPE (LapakSettlePage, lapak_settle_page, LAPAK, SETTLE_PAGE, GtkBox)

GtkWidget        *lapak_settle_page_new            (void);
void              lapak_settle_page_load           (LapakSettlePage *self,
                                                    LapakDb         *db,
                                                    const LapakUser *user);
void              lapak_settle_page_clear          (LapakSettlePage *self);
void              lapak_settle_page_set_export_dir (LapakSettlePage *self,
                                                    const char      *dir);
const char       *lapak_settle_page_get_export_dir (LapakSettlePage *self);
gboolean          lapak_settle_page_is_printing    (LapakSettlePage *self);

/* For the tests: what the organiser sees and taps. */
GtkColumnView    *lapak_settle_page_get_table      (LapakSettlePage *self);
GListModel       *lapak_settle_page_get_rows       (LapakSettlePage *self);
GtkColumnViewColumn *lapak_settle_page_get_column  (LapakSettlePage *self,
                                                    const char      *id);
GtkLabel         *lapak_settle_page_get_label      (LapakSettlePage *self,
                                                    const char      *id);
GtkWidget        *lapak_settle_page_get_widget     (LapakSettlePage *self,
                                                    const char      *id);
AdwMessageDialog *lapak_settle_page_get_dialog     (LapakSettlePage *self);

G_END_DECLS
