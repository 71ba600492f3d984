/* lapak-keypad.h — a big-button numeric keypad that types into an editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LAPAK_TYPE_KEYPAD (lapak_keypad_get_type ())
G_DECLARE_FINAL_TYPE (LapakKeypad, lapak_keypad, LAPAK, KEYPAD, GtkGrid)

GtkWidget   *lapak_keypad_new        (void);
GtkEditable *lapak_keypad_get_target (LapakKeypad *self);
void         lapak_keypad_set_target (LapakKeypad *self,
                                      GtkEditable *target);
void         lapak_keypad_press      (LapakKeypad *self,
                                      const char  *key);

G_END_DECLS
