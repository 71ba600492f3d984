/* lapak-manage-import.h — importing a spreadsheet in the kiosk, with preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lapak-auth.h"
#include "lapak-db.h"
#include "lapak-import.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_MANAGE_IMPORT (lapak_manage_import_get_type ())
G_DECLARE_FINAL_TYPE (LapakManageImport, lapak_manage_import, LAPAK, MANAGE_IMPORT, GtkBox)

GtkWidget                *lapak_manage_import_new         (void);
void                      lapak_manage_import_load        (LapakManageImport *self,
                                                           LapakDb           *db,
                                                           const LapakUser   *user);
void                      lapak_manage_import_clear       (LapakManageImport *self);
GtkWidget                *lapak_manage_import_get_widget  (LapakManageImport *self,
                                                           const char        *id);
const LapakImportPreview *lapak_manage_import_get_preview (LapakManageImport *self);
/* The text of the table's cell, as shown. */
char                     *lapak_manage_import_cell_text   (LapakManageImport *self,
                                                           guint              row,
                                                           const char        *column);

G_END_DECLS
