/* lapak-setup-window.h — the first start of a till: its id, organiser, event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lapak-db.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_SETUP_WINDOW (lapak_setup_window_get_type ())
G_DECLARE_FINAL_TYPE (LapakSetupWindow, lapak_setup_window, LAPAK, SETUP_WINDOW, AdwApplicationWindow)

LapakSetupWindow *lapak_setup_window_new (GtkApplication *application,
                                          const char     *db_path,
                                          const char     *till_id);

G_END_DECLS
