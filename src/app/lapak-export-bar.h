/* lapak-export-bar.h — "Export as CSV" under a list of the organiser's
 * screens: a file (on the USB stick by default), the Excel style, a button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

typedef enum
{
  LAPAK_EXPORT_BAR_TENANTS,
  LAPAK_EXPORT_BAR_PRODUCTS,
} LapakExportBarKind;

#define LAPAK_TYPE_EXPORT_BAR (lapak_export_bar_get_type ())
G_DECLARE_FINAL_TYPE (LapakExportBar, lapak_export_bar, LAPAK, EXPORT_BAR, GtkBox)

GtkWidget  *lapak_export_bar_new        (LapakExportBarKind  kind);
void        lapak_export_bar_load       (LapakExportBar     *self,
                                         LapakDb            *db,
                                         const LapakUser    *user);
void        lapak_export_bar_set_tenant (LapakExportBar     *self,
                                         const char         *tenant_code);
void        lapak_export_bar_clear      (LapakExportBar     *self);

/* For the tests: what the user sees and taps. */
GtkWidget  *lapak_export_bar_get_widget (LapakExportBar     *self,
                                         const char         *name);

G_END_DECLS
