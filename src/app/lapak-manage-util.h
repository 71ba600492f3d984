/* lapak-manage-util.h — small builders shared by the organiser's screens
 * and the tenant's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lapak-keypad.h"

G_BEGIN_DECLS

/* Each screen keeps its widgets by name (also the widget's CSS name), so
 * tests find what a person would tap. */
GtkWidget *lapak_manage_button       (GHashTable  *widgets,
                                      const char  *name,
                                      const char  *label,
                                      GCallback    callback,
                                      gpointer     data);
GtkWidget *lapak_manage_entry        (GHashTable  *widgets,
                                      const char  *name,
                                      const char  *placeholder);
GtkWidget *lapak_manage_label        (GHashTable  *widgets,
                                      const char  *name,
                                      const char  *css);
GtkWidget *lapak_manage_field        (const char  *caption,
                                      GtkWidget   *entry);
GtkWidget *lapak_manage_caption      (const char  *text);
GtkWidget *lapak_manage_touch_button (const char  *label);
void       lapak_manage_keep         (GHashTable  *widgets,
                                      const char  *name,
                                      gpointer     widget);
void       lapak_manage_message      (GtkLabel    *label,
                                      const char  *text,
                                      gboolean     error);
void       lapak_manage_keypad_follow (LapakKeypad *keypad,
                                       GtkWidget   *entry);
const char *lapak_manage_text        (GtkWidget   *editable);
void       lapak_manage_clear_list   (GtkListBox  *list);
void       lapak_manage_set_sensitive (GtkWidget  *widget,
                                       gboolean    sensitive,
                                       GtkWidget  *fallback);

G_END_DECLS
