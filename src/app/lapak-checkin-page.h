/* lapak-checkin-page.h — stock brought in for the event: by scanning each
 * label or by count, and the check-in list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_CHECKIN_PAGE (lapak_checkin_page_get_type ())
G_DECLARE_FINAL_TYPE (LapakCheckinPage, lapak_checkin_page, LAPAK, CHECKIN_PAGE, GtkBox)

GtkWidget *lapak_checkin_page_new        (void);
void       lapak_checkin_page_load       (LapakCheckinPage *self,
                                          LapakDb          *db,
                                          const LapakUser  *user,
                                          const char       *tenant_code);
void       lapak_checkin_page_clear      (LapakCheckinPage *self);

/* For the tests: what the user sees and taps. */
GtkWidget *lapak_checkin_page_get_widget (LapakCheckinPage *self,
                                          const char       *name);
guint      lapak_checkin_page_get_n_rows (LapakCheckinPage *self);
const char *lapak_checkin_page_get_row_text (LapakCheckinPage *self,
                                             guint             i);

G_END_DECLS
