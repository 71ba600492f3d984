/* lapak-manage-import.c — importing a spreadsheet in the kiosk, with preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A CSV file (typed, or picked with the file chooser), tenants or products,
 * and the core's preview of it in a table: every row with its status and,
 * for a row that would fail, the reason with its line. "Import" saves only
 * when every row is valid, through the core's real import (all rows or
 * none); until then it stays disabled and a message says what to fix.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <glib/gi18n.h>

#include "lapak-manage-import.h"
#include "lapak-manage-util.h"

struct _LapakManageImport
{
  GtkBox              parent_instance;

  LapakDb            *db;
  const LapakUser    *user;        /* borrowed from the window while shown */
  LapakImportPreview *preview;
  GHashTable         *widgets;     /* name → widget */
  GtkNativeDialog    *chooser;

  GtkWidget          *path;
  GtkToggleButton    *tenants;
  GtkToggleButton    *products;
  GtkLabel           *message;
  GtkColumnView      *table;
  GListStore         *store;       /* GtkStringObject: the row's index */
  GtkWidget          *import;
};

G_DEFINE_FINAL_TYPE (LapakManageImport, lapak_manage_import, GTK_TYPE_BOX)

/* The table's first columns; then the preview's own. */
#define COL_LINE   "line"
#define COL_STATUS "status"

static void
show_message (LapakManageImport *self,
              const char        *text,
              gboolean           error)
{
  lapak_manage_message (self->message, text, error);
}

static const char *
column_title (const char *column)
{
  static const struct { const char *id; const char *title; } titles[] = {
    { COL_LINE, N_("Line") },
    { COL_STATUS, N_("Status") },
    { "code", N_("Code") },
    { "name", N_("Name") },
    { "commission", N_("Commission") },
    { "booth_fee", N_("Booth fee") },
    { "phone", N_("Phone") },
    { "bank_account", N_("Bank account") },
    { "tenant", N_("Tenant") },
    { "sku", N_("SKU") },
    { "price", N_("Price") },
    { "stock", N_("Stock") },
    { "barcode", N_("Barcode") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].id, column))
      return _(titles[i].title);
  return column;
}

static const LapakImportRow *
row_at (LapakManageImport *self,
        guint              index)
{
  if (self->preview == NULL || index >= self->preview->rows->len)
    return NULL;
  return g_ptr_array_index (self->preview->rows, index);
}

static char *
cell_text (LapakManageImport *self,
           guint              index,
           const char        *column)
{
  const LapakImportRow *row = row_at (self, index);

  if (row == NULL)
    return NULL;
  if (g_str_equal (column, COL_LINE))
    return g_strdup_printf ("%u", row->line);
  if (g_str_equal (column, COL_STATUS))
    /* Translators: the status of a row in the import preview; the message is the core's. */
    return row->status == LAPAK_IMPORT_ROW_OK ? g_strdup (_("OK")) : g_strdup_printf (_("Error: %s"), row->message);
  for (guint i = 0; self->preview->columns[i] != NULL; i++)
    if (g_str_equal (self->preview->columns[i], column))
      return g_strdup (row->values[i] != NULL ? row->values[i] : "");
  return NULL;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  const char *column = g_object_get_data (G_OBJECT (factory), "column");
  GtkWidget *label = gtk_label_new (NULL);

  /* GTK 4.8 sizes a column by its cells: keep the title whole. */
  gtk_label_set_width_chars (GTK_LABEL (label), (int) g_utf8_strlen (column_title (column), -1) + 3);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_set_size_request (label, -1, 40);
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  LapakManageImport *self = g_object_get_data (G_OBJECT (factory), "page");
  const char *column = data;
  GtkStringObject *object = gtk_list_item_get_item (item);
  guint index = (guint) g_ascii_strtoull (gtk_string_object_get_string (object), NULL, 10);
  g_autofree char *text = cell_text (self, index, column);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const LapakImportRow *row = row_at (self, index);

  gtk_label_set_label (label, text != NULL ? text : "");
  if (g_str_equal (column, COL_STATUS))
    {
      gboolean ok = row != NULL && row->status == LAPAK_IMPORT_ROW_OK;

      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
      gtk_widget_remove_css_class (GTK_WIDGET (label), ok ? "error" : "success");
      gtk_widget_add_css_class (GTK_WIDGET (label), ok ? "success" : "error");
    }
}

static void
add_column (LapakManageImport *self,
            const char        *column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;
  char *id = g_strdup (column);

  g_object_set_data (G_OBJECT (factory), "page", self);
  g_object_set_data_full (G_OBJECT (factory), "column", id, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), id);
  col = gtk_column_view_column_new (column_title (column), factory);
  g_object_set_data_full (G_OBJECT (col), "column", g_strdup (column), g_free);
  gtk_column_view_column_set_resizable (col, TRUE);
  if (g_str_equal (column, COL_STATUS))
    {
      gtk_column_view_column_set_expand (col, TRUE);
      gtk_column_view_column_set_fixed_width (col, 360);
    }
  gtk_column_view_append_column (self->table, col);
  g_object_unref (col);
}

static void
clear_table (LapakManageImport *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->table);

  g_list_store_remove_all (self->store);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->table, col);
    }
  g_clear_pointer (&self->preview, lapak_import_preview_free);
  gtk_widget_set_sensitive (self->import, FALSE);
}

static gboolean
want_tenants (LapakManageImport *self)
{
  return gtk_toggle_button_get_active (self->tenants);
}

static void
preview_clicked_cb (LapakManageImport *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const char *path = lapak_manage_text (self->path);

  clear_table (self);
  show_message (self, NULL, FALSE);
  if (*path == '\0')
    {
      show_message (self, _("Choose a CSV file first: tap “Choose file…” or type its path."), TRUE);
      return;
    }
  self->preview = want_tenants (self) ? lapak_import_preview_tenants (self->db, self->user, path, &error)
                                      : lapak_import_preview_products (self->db, self->user, path, &error);
  if (self->preview == NULL)
    {
      /* The file as a whole cannot be read: nothing to show row by row. */
      show_message (self, error->message, TRUE);
      return;
    }

  add_column (self, COL_LINE);
  add_column (self, COL_STATUS);
  for (guint i = 0; self->preview->columns[i] != NULL; i++)
    add_column (self, self->preview->columns[i]);
  for (guint i = 0; i < self->preview->rows->len; i++)
    {
      g_autofree char *index = g_strdup_printf ("%u", i);
      g_autoptr(GtkStringObject) object = gtk_string_object_new (index);

      g_list_store_append (self->store, object);
    }

  if (self->preview->n_errors == 0)
    {
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u row is valid. Nothing is saved until you tap “Import”.",
                                              "All %u rows are valid. Nothing is saved until you tap “Import”.",
                                              self->preview->n_ok),
                                 self->preview->n_ok);
      show_message (self, summary, FALSE);
      gtk_widget_set_sensitive (self->import, TRUE);
    }
  else
    {
      const LapakImportRow *first = NULL;

      for (guint i = 0; first == NULL && i < self->preview->rows->len; i++)
        if (row_at (self, i)->status != LAPAK_IMPORT_ROW_OK)
          first = row_at (self, i);
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u row of %u cannot be imported (first: %s). Fix it in the "
                                              "spreadsheet, save it and tap “Preview” again. Nothing was saved.",
                                              "%u rows of %u cannot be imported (first: %s). Fix them in the "
                                              "spreadsheet, save it and tap “Preview” again. Nothing was saved.",
                                              self->preview->n_errors),
                                 self->preview->n_errors, self->preview->rows->len, first->message);
      show_message (self, summary, TRUE);
    }
}

static void
import_clicked_cb (LapakManageImport *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  gboolean tenants = want_tenants (self);
  guint count = 0;

  if (self->preview == NULL || self->preview->n_errors > 0)
    return;
  path = g_strdup (self->preview->filename);
  if (!(tenants ? lapak_import_tenants (self->db, self->user, path, &count, &error)
                : lapak_import_products (self->db, self->user, path, &count, &error)))
    {
      show_message (self, error->message, TRUE);
      gtk_widget_set_sensitive (self->import, FALSE);
      return;
    }
  clear_table (self);
  text = tenants ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u tenant.",
                                                 "Imported %u tenants.", count), count)
                 : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u product.",
                                                 "Imported %u products.", count), count);
  show_message (self, text, FALSE);
}

static void
kind_toggled_cb (LapakManageImport *self)
{
  clear_table (self);
  show_message (self, NULL, FALSE);
}

static void
path_changed_cb (LapakManageImport *self)
{
  if (self->preview != NULL)
    {
      clear_table (self);
      show_message (self, NULL, FALSE);
    }
}

static void
chooser_response_cb (LapakManageImport *self,
                     int                response)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->path), path);
          preview_clicked_cb (self);
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose_clicked_cb (LapakManageImport *self)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Choose a spreadsheet (CSV)"),
                                                                  GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                                  GTK_FILE_CHOOSER_ACTION_OPEN,
                                                                  _("Open"), _("Cancel")));
  gtk_file_filter_set_name (filter, _("CSV spreadsheets"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

static void
lapak_manage_import_dispose (GObject *object)
{
  LapakManageImport *self = LAPAK_MANAGE_IMPORT (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->db);
  g_clear_object (&self->store);
  g_clear_pointer (&self->preview, lapak_import_preview_free);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  G_OBJECT_CLASS (lapak_manage_import_parent_class)->dispose (object);
}

static void
lapak_manage_import_class_init (LapakManageImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lapak_manage_import_dispose;
}

static void
lapak_manage_import_init (LapakManageImport *self)
{
  GHashTable *w;
  GtkWidget *row, *scroller, *b, *kinds;

  w = self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 10);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  kinds = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (kinds, "linked");
  self->tenants = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_("Tenants")));
  self->products = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_("Products")));
  gtk_toggle_button_set_group (self->products, self->tenants);
  gtk_toggle_button_set_active (self->tenants, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->tenants), 120, 48);
  gtk_widget_set_size_request (GTK_WIDGET (self->products), 120, 48);
  lapak_manage_keep (w, "tenants_toggle", self->tenants);
  lapak_manage_keep (w, "products_toggle", self->products);
  g_signal_connect_swapped (self->tenants, "toggled", G_CALLBACK (kind_toggled_cb), self);
  gtk_box_append (GTK_BOX (kinds), GTK_WIDGET (self->tenants));
  gtk_box_append (GTK_BOX (kinds), GTK_WIDGET (self->products));
  gtk_box_append (GTK_BOX (row), kinds);
  self->path = lapak_manage_entry (w, "path_entry", _("Path of the CSV file, e.g. /media/usb/penyewa.csv"));
  g_signal_connect_swapped (self->path, "changed", G_CALLBACK (path_changed_cb), self);
  gtk_box_append (GTK_BOX (row), self->path);
  gtk_box_append (GTK_BOX (row),
                  lapak_manage_button (w, "choose_button", _("Choose file…"), G_CALLBACK (choose_clicked_cb), self));
  gtk_box_append (GTK_BOX (row),
                  lapak_manage_button (w, "preview_button", _("Preview"), G_CALLBACK (preview_clicked_cb), self));
  gtk_box_append (GTK_BOX (self), row);

  self->message = GTK_LABEL (lapak_manage_label (w, "message_label", NULL));
  gtk_label_set_wrap_mode (self->message, PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->message));

  self->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->table = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  lapak_manage_keep (w, "table", self->table);
  gtk_column_view_set_show_column_separators (self->table, TRUE);
  gtk_column_view_set_show_row_separators (self->table, TRUE);
  {
    GtkNoSelection *selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store)));

    gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (selection));
    g_object_unref (selection);
  }
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->table));
  gtk_box_append (GTK_BOX (self), scroller);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_halign (row, GTK_ALIGN_END);
  b = lapak_manage_button (w, "import_button", _("Import"), G_CALLBACK (import_clicked_cb), self);
  gtk_widget_add_css_class (b, "suggested-action");
  self->import = b;
  gtk_widget_set_sensitive (b, FALSE);
  gtk_box_append (GTK_BOX (row), b);
  gtk_box_append (GTK_BOX (self), row);
}

GtkWidget *
lapak_manage_import_new (void)
{
  return g_object_new (LAPAK_TYPE_MANAGE_IMPORT, NULL);
}

void
lapak_manage_import_load (LapakManageImport *self,
                          LapakDb           *db,
                          const LapakUser   *user)
{
  g_return_if_fail (LAPAK_IS_MANAGE_IMPORT (self));

  g_set_object (&self->db, db);
  self->user = user;
  clear_table (self);
  show_message (self, NULL, FALSE);
}

void
lapak_manage_import_clear (LapakManageImport *self)
{
  g_return_if_fail (LAPAK_IS_MANAGE_IMPORT (self));

  self->user = NULL;
  g_clear_object (&self->db);
  clear_table (self);
  show_message (self, NULL, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->path), "");
}

GtkWidget *
lapak_manage_import_get_widget (LapakManageImport *self,
                                const char        *id)
{
  g_return_val_if_fail (LAPAK_IS_MANAGE_IMPORT (self), NULL);
  return g_hash_table_lookup (self->widgets, id);
}

const LapakImportPreview *
lapak_manage_import_get_preview (LapakManageImport *self)
{
  g_return_val_if_fail (LAPAK_IS_MANAGE_IMPORT (self), NULL);
  return self->preview;
}

char *
lapak_manage_import_cell_text (LapakManageImport *self,
                               guint              row,
                               const char        *column)
{
  g_return_val_if_fail (LAPAK_IS_MANAGE_IMPORT (self), NULL);
  return cell_text (self, row, column);
}
