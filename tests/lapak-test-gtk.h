/* lapak-test-gtk.h — helpers for the tests that drive a window in-process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*LapakTestCondition) (gpointer data);

void     lapak_test_gtk_init         (int                *argc,
                                      char             ***argv);
void     lapak_test_gtk_iterate      (void);
void     lapak_test_gtk_wait_until   (LapakTestCondition  condition,
                                      gpointer            data,
                                      const char         *what);
void     lapak_test_gtk_present      (GtkWindow          *window,
                                      int                 width,
                                      int                 height);
void     lapak_test_gtk_click        (gpointer            button);
void     lapak_test_gtk_screenshot   (GtkWidget          *window,
                                      const char         *name);

G_END_DECLS
