/* lapak-labels-page.h — QR labels for chosen products, on the till's label
 * printer or into a PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_LABELS_PAGE (lapak_labels_page_get_type ())
G_DECLARE_FINAL_TYPE (LapakLabelsPage, lapak_labels_page, LAPAK, LABELS_PAGE, GtkBox)

GtkWidget  *lapak_labels_page_new            (void);
void        lapak_labels_page_load           (LapakLabelsPage    *self,
                                              LapakDb            *db,
                                              const LapakUser    *user,
                                              const char         *tenant_code,
                                              const char * const *chosen);
void        lapak_labels_page_clear          (LapakLabelsPage    *self);
void        lapak_labels_page_set_export_dir (LapakLabelsPage    *self,
                                              const char         *dir);

/* For the tests: what the user sees and taps. */
GtkWidget  *lapak_labels_page_get_widget     (LapakLabelsPage    *self,
                                              const char         *name);
GtkWidget  *lapak_labels_page_get_check      (LapakLabelsPage    *self,
                                              const char         *code);
const char *lapak_labels_page_get_saved_file (LapakLabelsPage    *self);
gboolean    lapak_labels_page_is_printing    (LapakLabelsPage    *self);

G_END_DECLS
