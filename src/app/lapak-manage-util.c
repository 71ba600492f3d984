/* lapak-manage-util.c — small builders shared by the organiser's screens
 * and the tenant's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include "lapak-manage-util.h"

void
lapak_manage_keep (GHashTable *widgets,
                   const char *name,
                   gpointer    widget)
{
  gtk_widget_set_name (widget, name);
  g_hash_table_insert (widgets, (gpointer) name, widget);
}

/* A touch target: at least 48 px high. */
GtkWidget *
lapak_manage_button (GHashTable *widgets,
                     const char *name,
                     const char *label,
                     GCallback   callback,
                     gpointer    data)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_size_request (button, 120, 48);
  gtk_widget_add_css_class (button, "big-button");
  g_signal_connect_swapped (button, "clicked", callback, data);
  lapak_manage_keep (widgets, name, button);
  return button;
}

GtkWidget *
lapak_manage_entry (GHashTable *widgets,
                    const char *name,
                    const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_size_request (entry, -1, 48);
  gtk_widget_set_hexpand (entry, TRUE);
  lapak_manage_keep (widgets, name, entry);
  return entry;
}

GtkWidget *
lapak_manage_label (GHashTable *widgets,
                    const char *name,
                    const char *css)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  lapak_manage_keep (widgets, name, label);
  return label;
}

/* A caption above its entry. */
GtkWidget *
lapak_manage_field (const char *caption,
                    GtkWidget  *entry)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (caption);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  return box;
}

/* A heading over a part of a page. */
GtkWidget *
lapak_manage_caption (const char *text)
{
  GtkWidget *caption = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (caption), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_widget_add_css_class (caption, "heading");
  return caption;
}

/* A touch target (48 px high) as wide as its label that leaves the
 * keyboard focus where it was, so a page's scan field keeps it. */
GtkWidget *
lapak_manage_touch_button (const char *label)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_size_request (button, -1, 48);
  gtk_widget_set_focus_on_click (button, FALSE);
  return button;
}

void
lapak_manage_message (GtkLabel   *label,
                      const char *text,
                      gboolean    error)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
  gtk_widget_remove_css_class (GTK_WIDGET (label), error ? "success" : "error");
  gtk_widget_add_css_class (GTK_WIDGET (label), error ? "error" : "success");
}

static void
follow_cb (LapakKeypad        *keypad,
           GtkEventController *controller)
{
  lapak_keypad_set_target (keypad, GTK_EDITABLE (gtk_event_controller_get_widget (controller)));
}

/* The keypad types into @entry once it is touched. */
void
lapak_manage_keypad_follow (LapakKeypad *keypad,
                            GtkWidget   *entry)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_swapped (focus, "enter", G_CALLBACK (follow_cb), keypad);
  gtk_widget_add_controller (entry, focus);
}

/* The text of an editable, trimmed of spaces at both ends. The string is
 * kept by the widget until the next call on the same widget: copy it to
 * keep it longer. */
const char *
lapak_manage_text (GtkWidget *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));

  g_object_set_data_full (G_OBJECT (editable), "lapak-trimmed", g_steal_pointer (&text), g_free);
  return g_object_get_data (G_OBJECT (editable), "lapak-trimmed");
}

void
lapak_manage_clear_list (GtkListBox *list)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, row);
}

/* Makes @widget (in)sensitive; a focused one first hands the focus to
 * @fallback, as a text field must not lose its focus by being disabled. */
void
lapak_manage_set_sensitive (GtkWidget *widget,
                            gboolean   sensitive,
                            GtkWidget *fallback)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (!sensitive && focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
    gtk_widget_grab_focus (fallback);
  gtk_widget_set_sensitive (widget, sensitive);
}
