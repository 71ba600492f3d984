/* lapak-application.h — the Lapak kiosk application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LAPAK_TYPE_APPLICATION (lapak_application_get_type ())
G_DECLARE_FINAL_TYPE (LapakApplication, lapak_application, LAPAK, APPLICATION, AdwApplication)

LapakApplication *lapak_application_new (void);

char             *lapak_demo_data_dir   (void);

G_END_DECLS
