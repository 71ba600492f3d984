/* lapak-export-bar.c — "Export as CSV" under a list of the organiser's
 * screens: a file (on the USB stick by default), the Excel style, a button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV is the core's (lapak_export_tenants / lapak_export_products, the
 * same as `lapakctl tenant|product export`, which the import reads back);
 * the bar only chooses the file and writes it whole (g_file_set_contents:
 * a new file, then renamed, so a pulled stick never holds half a file).
 * "For Excel" is the `;` + BOM style that Excel in an Indonesian locale
 * opens in columns.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <glib/gi18n.h>

#include "lapak-csv.h"
#include "lapak-export-bar.h"
#include "lapak-export.h"
#include "lapak-manage-util.h"
#include "lapak-sync-page.h"

struct _LapakExportBar
{
  GtkBox              parent_instance;

  LapakExportBarKind  kind;
  LapakDb            *db;
  const LapakUser    *user;         /* borrowed from the window while shown */
  char               *tenant;       /* products of this tenant only, or NULL */

  GHashTable         *widgets;      /* name → widget */
  GtkWidget          *path;
  GtkCheckButton     *excel;
  GtkLabel           *message;
};

G_DEFINE_FINAL_TYPE (LapakExportBar, lapak_export_bar, GTK_TYPE_BOX)

/* The file the bar proposes: in the USB stick's folder (or home). */
static char *
default_path (LapakExportBar *self)
{
  g_autofree char *folder = lapak_sync_default_folder ();
  g_autofree char *name = NULL;

  if (self->kind == LAPAK_EXPORT_BAR_TENANTS)
    name = g_strdup ("tenants.csv");
  else if (self->tenant != NULL)
    name = g_strdup_printf ("products-%s.csv", self->tenant);
  else
    name = g_strdup ("products.csv");
  return g_build_filename (folder, name, NULL);
}

static void
export_clicked_cb (LapakExportBar *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(LapakCsv) parsed = NULL;
  g_autofree char *path = g_strdup (lapak_manage_text (self->path));
  g_autofree char *folder = NULL;
  g_autofree char *text = NULL;
  LapakCsvStyle style = gtk_check_button_get_active (self->excel) ? LAPAK_CSV_STYLE_EXCEL : LAPAK_CSV_STYLE_PLAIN;
  gboolean ok;
  guint n = 0;

  if (self->db == NULL)
    return;
  if (*path == '\0' || !g_path_is_absolute (path))
    {
      lapak_manage_message (self->message, _("Type the whole path of the file to write, e.g. "
                                             "/media/usb/tenants.csv, or tap “Choose…”."), TRUE);
      return;
    }
  folder = g_path_get_dirname (path);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      /* Translators: %s is a folder */
      text = g_strdup_printf (_("The folder %s does not exist. Put in the USB stick, or type the folder "
                                "where it is mounted. Nothing was exported."), folder);
      lapak_manage_message (self->message, text, TRUE);
      return;
    }

  if (self->kind == LAPAK_EXPORT_BAR_TENANTS)
    ok = lapak_export_tenants (self->db, self->user, style, csv, &error);
  else
    ok = lapak_export_products (self->db, self->user, self->tenant, style, csv, &error);
  if (!ok)
    {
      lapak_manage_message (self->message, error->message, TRUE);
      return;
    }
  if (!g_file_set_contents (path, csv->str, (gssize) csv->len, &error))
    {
      /* Translators: the file, then why it could not be written */
      text = g_strdup_printf (_("Cannot write %s: %s. Nothing was exported."), path, error->message);
      lapak_manage_message (self->message, text, TRUE);
      return;
    }
  /* Fields with line breaks are quoted: count records, not lines. */
  if ((parsed = lapak_csv_parse (csv->str, csv->len, path, NULL)) != NULL)
    n = lapak_csv_n_rows (parsed);
  /* Translators: after an export at the kiosk: "Exported 12 rows to /media/usb/tenants.csv." */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u row to %s.", "Exported %u rows to %s.", n),
                          n, path);
  lapak_manage_message (self->message, text, FALSE);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         data)
{
  LapakExportBar *self = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->path), path);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
choose_clicked_cb (LapakExportBar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *current = g_strdup (lapak_manage_text (self->path));
  g_autofree char *folder = *current != '\0' ? g_path_get_dirname (current) : lapak_sync_default_folder ();
  g_autofree char *name = *current != '\0' ? g_path_get_basename (current) : NULL;
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Export as CSV"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("Export"), _("Cancel"));

  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, NULL);
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
lapak_export_bar_dispose (GObject *object)
{
  LapakExportBar *self = LAPAK_EXPORT_BAR (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->tenant, g_free);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  G_OBJECT_CLASS (lapak_export_bar_parent_class)->dispose (object);
}

static void
lapak_export_bar_class_init (LapakExportBarClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lapak_export_bar_dispose;
}

static void
lapak_export_bar_init (LapakExportBar *self)
{
  GHashTable *w = self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *button;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_box_append (GTK_BOX (self), lapak_manage_caption (_("Export as CSV (for a spreadsheet, or to import "
                                                          "on another till)")));

  self->path = lapak_manage_entry (w, "export_path_entry", _("Path of the CSV file, e.g. /media/usb/tenants.csv"));
  gtk_box_append (GTK_BOX (row), self->path);
  button = lapak_manage_touch_button (_("Choose…"));
  lapak_manage_keep (w, "export_choose_button", button);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (choose_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (self), row);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->excel = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("For Excel (“;” and a BOM)")));
  gtk_check_button_set_active (self->excel, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->excel), -1, 48);
  gtk_widget_set_hexpand (GTK_WIDGET (self->excel), TRUE);
  lapak_manage_keep (w, "export_excel_check", self->excel);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->excel));
  button = lapak_manage_touch_button (_("Export CSV"));
  lapak_manage_keep (w, "export_button", button);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (export_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (self), row);

  self->message = GTK_LABEL (lapak_manage_label (w, "export_message", NULL));
  gtk_label_set_wrap_mode (self->message, PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->message));
}

GtkWidget *
lapak_export_bar_new (LapakExportBarKind kind)
{
  LapakExportBar *self = g_object_new (LAPAK_TYPE_EXPORT_BAR, NULL);

  self->kind = kind;
  return GTK_WIDGET (self);
}

/**
 * lapak_export_bar_load:
 * @user: the user logged in; borrowed until lapak_export_bar_clear()
 *
 * Proposes the file afresh (a stick put in since is found).
 */
void
lapak_export_bar_load (LapakExportBar  *self,
                       LapakDb         *db,
                       const LapakUser *user)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LAPAK_IS_EXPORT_BAR (self));

  g_set_object (&self->db, db);
  self->user = user;
  path = default_path (self);
  gtk_editable_set_text (GTK_EDITABLE (self->path), path);
  lapak_manage_message (self->message, NULL, FALSE);
}

/* Products: only @tenant_code's (NULL: every tenant's); the file proposed
 * follows. */
void
lapak_export_bar_set_tenant (LapakExportBar *self,
                             const char     *tenant_code)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LAPAK_IS_EXPORT_BAR (self));

  if (g_strcmp0 (self->tenant, tenant_code) == 0)
    return;
  g_free (self->tenant);
  self->tenant = g_strdup (tenant_code);
  path = default_path (self);
  gtk_editable_set_text (GTK_EDITABLE (self->path), path);
}

void
lapak_export_bar_clear (LapakExportBar *self)
{
  g_return_if_fail (LAPAK_IS_EXPORT_BAR (self));

  self->user = NULL;
  g_clear_object (&self->db);
  g_clear_pointer (&self->tenant, g_free);
  lapak_manage_message (self->message, NULL, FALSE);
}

GtkWidget *
lapak_export_bar_get_widget (LapakExportBar *self,
                             const char     *name)
{
  g_return_val_if_fail (LAPAK_IS_EXPORT_BAR (self), NULL);
  return g_hash_table_lookup (self->widgets, name);
}
