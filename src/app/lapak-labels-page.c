/* lapak-labels-page.c — QR labels for chosen products, on the till's label
 * printer or into a PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The products the user may see (a tenant: its own), ticked ones first;
 * copies of each or one per unit in stock; the layout (src/print's
 * layouts) and where to start on a partly used sheet. The labels are the
 * ones lapakctl labels makes (lapak_labels_for_products() and
 * lapak_labels_pdf()); they go to the till's label queue through CUPS in
 * a worker thread, or into a PDF file.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <errno.h>

#include "lapak-catalogue.h"
#include "lapak-keypad.h"
#include "lapak-labels-page.h"
#include "lapak-labels.h"
#include "lapak-ledger.h"
#include "lapak-manage-util.h"
#include "lapak-print-job.h"
#include "lapak-print-settings.h"

#define LABELS_PRINT_WAIT_MS 30000

struct _LapakLabelsPage
{
  GtkBox            parent_instance;

  LapakDb          *db;
  const LapakUser  *user;          /* borrowed from the window while shown */
  char             *tenant;        /* only this tenant's products, or NULL */
  GPtrArray        *products;      /* LapakProduct, as listed */
  char             *label_queue;   /* the till's label printer, or NULL */
  char             *job_queue;     /* where the last job went */
  char             *export_dir;    /* NULL: ~/Documents/Lapak */
  char             *saved_file;    /* the last PDF written */
  GCancellable     *cancellable;
  guint             printing;

  GHashTable       *widgets;       /* name → widget, for lookups */
  GHashTable       *checks;        /* product code → its check button */
  GtkLabel         *message;
  GtkListBox       *list;
  GtkEntry         *copies_entry;
  GtkCheckButton   *per_copies;
  GtkCheckButton   *per_stock;
  GtkDropDown      *layout_dropdown;
  GtkEntry         *start_entry;
  GtkWidget        *start_box;
  LapakKeypad      *keypad;
  GtkLabel         *summary;
  GtkButton        *print_button;
  GtkButton        *save_button;
};

G_DEFINE_FINAL_TYPE (LapakLabelsPage, lapak_labels_page, GTK_TYPE_BOX)

enum { SIGNAL_NAVIGATE, N_SIGNALS };
static guint signals[N_SIGNALS];

static const LapakLabelLayout *
chosen_layout (LapakLabelsPage *self)
{
  guint n = 0;
  const LapakLabelLayout *layouts = lapak_label_layouts (&n);
  guint i = gtk_drop_down_get_selected (self->layout_dropdown);

  return i < n ? &layouts[i] : &layouts[0];
}

static char **
chosen_codes (LapakLabelsPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self->products != NULL && i < self->products->len; i++)
    {
      const LapakProduct *p = g_ptr_array_index (self->products, i);
      GtkCheckButton *check = g_hash_table_lookup (self->checks, p->code);

      if (check != NULL && gtk_check_button_get_active (check))
        g_strv_builder_add (builder, p->code);
    }
  return g_strv_builder_end (builder);
}

/* The labels as chosen on the page, and the start position; or NULL with a
 * message for the user in @error. */
static GPtrArray *
make_labels (LapakLabelsPage  *self,
             guint            *out_start,
             GError          **error)
{
  g_auto(GStrv) codes = chosen_codes (self);
  const LapakLabelLayout *layout = chosen_layout (self);
  guint per_page = lapak_label_layout_per_page (layout);
  gboolean per_stock = gtk_check_button_get_active (self->per_stock);
  const char *copies_text = gtk_editable_get_text (GTK_EDITABLE (self->copies_entry));
  const char *start_text = gtk_editable_get_text (GTK_EDITABLE (self->start_entry));
  guint64 copies = 1;
  guint64 start = 1;

  if (codes[0] == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Tick the products to label in the list first."));
      return NULL;
    }
  if (!per_stock && !g_ascii_string_to_unsigned (copies_text, 10, 1, 1000, &copies, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is what was typed as the number of copies */
                   _("“%s” is not a number of copies: type 1 to 1,000 on the keypad."), copies_text);
      return NULL;
    }
  if (per_page > 1 && !g_ascii_string_to_unsigned (start_text, 10, 1, per_page, &start, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: the start position on a label sheet was wrong */
                   _("“%s” is not a position on this sheet: type 1 to %u (1 is the top left label)."),
                   start_text, per_page);
      return NULL;
    }
  if (per_stock)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < self->products->len && !any; i++)
        {
          const LapakProduct *p = g_ptr_array_index (self->products, i);

          any = p->stock > 0 && g_strv_contains ((const char * const *) codes, p->code);
        }
      if (!any)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("None of the ticked products has units in stock: check stock in first, "
                                 "or print copies of each."));
          return NULL;
        }
    }
  *out_start = per_page > 1 ? (guint) start : 1;
  return lapak_labels_for_products (self->products, (const char * const *) codes, (guint) copies,
                                    per_stock, error);
}

static void
update_summary (LapakLabelsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autofree char *text = NULL;
  const LapakLabelLayout *layout = chosen_layout (self);
  guint per_page = lapak_label_layout_per_page (layout);
  guint start = 1;

  gtk_widget_set_visible (self->start_box, per_page > 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->copies_entry), !gtk_check_button_get_active (self->per_stock));
  if (self->products == NULL)
    return;
  labels = make_labels (self, &start, &error);
  if (labels == NULL)
    {
      gtk_label_set_label (self->summary, error->message);
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u label", "%u labels", labels->len), labels->len);
  if (per_page > 1)
    {
      guint sheets = (start - 1 + labels->len + per_page - 1) / per_page;
      g_autofree char *sheets_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sheet", "%u sheets", sheets),
                                                      sheets);
      g_autofree char *both = g_strdup_printf ("%s · %s", text, sheets_text);

      g_free (text);
      text = g_steal_pointer (&both);
    }
  gtk_label_set_label (self->summary, text);
}

static void
changed_cb (LapakLabelsPage *self)
{
  update_summary (self);
}

static void
print_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(LapakLabelsPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakPrintResult) printed = lapak_print_submit_finish (result, &error);
  g_autofree char *text = NULL;

  self->printing--;
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), self->label_queue != NULL && self->printing == 0);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (printed == NULL)
    {
      /* Translators: the labels did not print; %s says why */
      text = g_strdup_printf (_("The labels did not print: %s Save them as a PDF instead, or check the printer."),
                              error->message);
      lapak_manage_message (self->message, text, TRUE);
      return;
    }
  if (printed->outcome == LAPAK_JOB_QUEUED)
    /* Translators: the label printer is stopped: %s says why */
    text = g_strdup_printf (_("The labels wait in the printer's queue: %s"),
                            printed->message != NULL ? printed->message : "");
  else
    /* Translators: the labels printed: "Printed on Labels (job 12)." */
    text = g_strdup_printf (_("Printed on %s (job %d)."), self->job_queue, printed->job_id);
  lapak_manage_message (self->message, text, printed->outcome == LAPAK_JOB_QUEUED);
}

static void
print_clicked_cb (LapakLabelsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *media = NULL;
  const LapakLabelLayout *layout = chosen_layout (self);
  guint start = 1;

  if (self->label_queue == NULL)
    {
      lapak_manage_message (self->message, _("This till has no label printer: save the labels as a PDF."), TRUE);
      return;
    }
  if (!(labels = make_labels (self, &start, &error)) ||
      !(pdf = lapak_labels_pdf (labels, layout, start, &error)))
    {
      lapak_manage_message (self->message, error->message, TRUE);
      return;
    }
  media = lapak_label_layout_media (layout);
  g_free (self->job_queue);
  self->job_queue = g_strdup (self->label_queue);
  self->printing++;
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), FALSE);
  lapak_manage_message (self->message, _("Printing the labels…"), FALSE);
  /* Translators: the labels' job name in the printer queue */
  lapak_print_submit_async (self->label_queue, _("labels"), LAPAK_FORMAT_PDF, media, pdf,
                            LABELS_PRINT_WAIT_MS, self->cancellable, print_done_cb, g_object_ref (self));
}

static void
save_clicked_cb (LapakLabelsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *documents = NULL;
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const LapakLabelLayout *layout = chosen_layout (self);
  const char *dir = self->export_dir;
  gsize size = 0;
  const char *data;
  guint start = 1;

  if (!(labels = make_labels (self, &start, &error)) ||
      !(pdf = lapak_labels_pdf (labels, layout, start, &error)))
    {
      lapak_manage_message (self->message, error->message, TRUE);
      return;
    }
  if (dir == NULL)
    {
      const char *d = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      dir = documents = g_build_filename (d != NULL ? d : g_get_home_dir (), "Lapak", NULL);
    }
  name = g_strdup_printf ("labels-%s-%s-%s.pdf", self->tenant != NULL ? self->tenant : "all", layout->name, stamp);
  path = g_build_filename (dir, name, NULL);
  data = g_bytes_get_data (pdf, &size);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      /* Translators: the labels could not be saved: the folder, and why */
      text = g_strdup_printf (_("The labels could not be saved: the folder %s cannot be made (%s). "
                                "Nothing was written."), dir, g_strerror (saved));
      lapak_manage_message (self->message, text, TRUE);
      return;
    }
  if (!g_file_set_contents (path, data, (gssize) size, &error))
    {
      /* Translators: the labels could not be saved; %s says why */
      text = g_strdup_printf (_("The labels could not be saved: %s"), error->message);
      lapak_manage_message (self->message, text, TRUE);
      return;
    }
  g_free (self->saved_file);
  self->saved_file = g_strdup (path);
  /* Translators: "Saved 24 labels to /home/…/labels-KLL-….pdf." */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u label to %s.", "Saved %u labels to %s.",
                                       labels->len), labels->len, path);
  lapak_manage_message (self->message, text, FALSE);
}

static void
back_clicked_cb (LapakLabelsPage *self)
{
  g_signal_emit (self, signals[SIGNAL_NAVIGATE], 0, "back");
}

static void
lapak_labels_page_dispose (GObject *object)
{
  LapakLabelsPage *self = LAPAK_LABELS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  lapak_labels_page_clear (self);
  g_clear_pointer (&self->export_dir, g_free);
  g_clear_pointer (&self->saved_file, g_free);
  g_clear_pointer (&self->job_queue, g_free);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  self->list = NULL;
  G_OBJECT_CLASS (lapak_labels_page_parent_class)->dispose (object);
}

static void
lapak_labels_page_class_init (LapakLabelsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lapak_labels_page_dispose;

  /**
   * LapakLabelsPage::navigate:
   * @where: "back"
   */
  signals[SIGNAL_NAVIGATE] = g_signal_new ("navigate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lapak_labels_page_init (LapakLabelsPage *self)
{
  GtkWidget *main_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *side_scrolled = gtk_scrolled_window_new ();
  GtkWidget *title;
  GtkWidget *button;
  g_autoptr(GtkStringList) layout_names = gtk_string_list_new (NULL);
  const LapakLabelLayout *layouts;
  guint n_layouts = 0;

  self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self), 16);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);

  button = lapak_manage_touch_button (_("Back"));
  lapak_manage_keep (self->widgets, "back_button", button);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (back_clicked_cb), self);
  gtk_box_append (GTK_BOX (top), button);
  title = gtk_label_new (_("Print labels"));
  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (main_box), top);

  self->message = GTK_LABEL (lapak_manage_label (self->widgets, "message", "title-4"));
  gtk_label_set_wrap_mode (self->message, PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (main_box), GTK_WIDGET (self->message));
  gtk_box_append (GTK_BOX (main_box), lapak_manage_caption (_("Tick the products to label")));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  lapak_manage_keep (self->widgets, "list", self->list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (main_box), scrolled);
  gtk_widget_set_hexpand (main_box, TRUE);
  gtk_box_append (GTK_BOX (self), main_box);

  /* How many, which layout, where on the sheet. */
  gtk_box_append (GTK_BOX (side), lapak_manage_caption (_("How many labels")));
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

    self->per_copies = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Copies of each product:")));
    lapak_manage_keep (self->widgets, "per_copies", self->per_copies);
    gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->per_copies));
    self->copies_entry = GTK_ENTRY (gtk_entry_new ());
    gtk_widget_add_css_class (GTK_WIDGET (self->copies_entry), "big-entry");
    gtk_entry_set_input_purpose (self->copies_entry, GTK_INPUT_PURPOSE_DIGITS);
    gtk_editable_set_text (GTK_EDITABLE (self->copies_entry), "1");
    gtk_editable_set_width_chars (GTK_EDITABLE (self->copies_entry), 5);
    gtk_widget_set_hexpand (GTK_WIDGET (self->copies_entry), TRUE);
    lapak_manage_keep (self->widgets, "copies_entry", self->copies_entry);
    gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->copies_entry));
    gtk_box_append (GTK_BOX (side), row);
  }
  self->per_stock = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("One per unit in stock")));
  gtk_check_button_set_group (self->per_stock, self->per_copies);
  gtk_check_button_set_active (self->per_copies, TRUE);
  lapak_manage_keep (self->widgets, "per_stock", self->per_stock);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->per_stock));
  for (GtkWidget *w = GTK_WIDGET (self->per_copies); w != NULL;
       w = w == GTK_WIDGET (self->per_copies) ? GTK_WIDGET (self->per_stock) : NULL)
    {
      gtk_widget_set_size_request (w, -1, 48);
      g_signal_connect_swapped (w, "toggled", G_CALLBACK (changed_cb), self);
    }

  gtk_box_append (GTK_BOX (side), lapak_manage_caption (_("Label layout")));
  layouts = lapak_label_layouts (&n_layouts);
  for (guint i = 0; i < n_layouts; i++)
    gtk_string_list_append (layout_names, _(layouts[i].description));
  self->layout_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (layout_names)), NULL));
  gtk_widget_set_size_request (GTK_WIDGET (self->layout_dropdown), -1, 48);
  lapak_manage_keep (self->widgets, "layout_dropdown", self->layout_dropdown);
  g_signal_connect_swapped (self->layout_dropdown, "notify::selected", G_CALLBACK (changed_cb), self);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->layout_dropdown));

  self->start_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  {
    GtkWidget *caption = lapak_manage_caption (_("Start at label (on a partly used sheet; 1 is the top left)"));

    gtk_widget_set_hexpand (caption, TRUE);
    gtk_box_append (GTK_BOX (self->start_box), caption);
  }
  self->start_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->start_entry), "big-entry");
  gtk_entry_set_input_purpose (self->start_entry, GTK_INPUT_PURPOSE_DIGITS);
  gtk_editable_set_text (GTK_EDITABLE (self->start_entry), "1");
  gtk_editable_set_width_chars (GTK_EDITABLE (self->start_entry), 4);
  lapak_manage_keep (self->widgets, "start_entry", self->start_entry);
  gtk_box_append (GTK_BOX (self->start_box), GTK_WIDGET (self->start_entry));
  gtk_box_append (GTK_BOX (side), self->start_box);

  self->keypad = LAPAK_KEYPAD (lapak_keypad_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->keypad), GTK_ALIGN_CENTER);
  lapak_manage_keep (self->widgets, "keypad", self->keypad);
  lapak_keypad_set_target (self->keypad, GTK_EDITABLE (self->copies_entry));
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->keypad));
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *entry = GTK_WIDGET (i == 0 ? self->copies_entry : self->start_entry);

      lapak_manage_keypad_follow (self->keypad, entry);
      g_signal_connect_swapped (entry, "changed", G_CALLBACK (changed_cb), self);
    }

  /* Under the list, always in sight: how many, print or save. */
  {
    GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

    self->summary = GTK_LABEL (gtk_label_new (""));
    gtk_widget_add_css_class (GTK_WIDGET (self->summary), "title-4");
    gtk_label_set_wrap (self->summary, TRUE);
    gtk_label_set_xalign (self->summary, 0);
    gtk_widget_set_hexpand (GTK_WIDGET (self->summary), TRUE);
    lapak_manage_keep (self->widgets, "summary", self->summary);
    gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->summary));
    self->save_button = GTK_BUTTON (lapak_manage_touch_button (_("Save as PDF")));
    lapak_manage_keep (self->widgets, "save_button", self->save_button);
    g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self);
    gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->save_button));
    self->print_button = GTK_BUTTON (lapak_manage_touch_button (_("Print")));
    gtk_widget_add_css_class (GTK_WIDGET (self->print_button), "suggested-action");
    lapak_manage_keep (self->widgets, "print_button", self->print_button);
    g_signal_connect_swapped (self->print_button, "clicked", G_CALLBACK (print_clicked_cb), self);
    gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->print_button));
    gtk_box_append (GTK_BOX (main_box), bottom);
  }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (side_scrolled), side);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (side_scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (side_scrolled, 400, -1);
  gtk_box_append (GTK_BOX (self), side_scrolled);
}

GtkWidget *
lapak_labels_page_new (void)
{
  return g_object_new (LAPAK_TYPE_LABELS_PAGE, NULL);
}

static GtkWidget *
product_row_new (LapakLabelsPage    *self,
                 const LapakProduct *p,
                 gboolean            ticked)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *text = NULL;

  /* Translators: a product on the labels page: "Keripik Lele 100 g · KLL-001X · 12 in stock" */
  text = g_strdup_printf (_("%s · %s · %" PRId64 " in stock"), p->name, p->code, p->stock);
  gtk_check_button_set_label (GTK_CHECK_BUTTON (check), text);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), ticked);
  gtk_widget_set_size_request (check, -1, 48);
  gtk_widget_set_name (check, p->code);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (changed_cb), self);
  g_hash_table_insert (self->checks, g_strdup (p->code), check);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), check);
  return row;
}

/**
 * lapak_labels_page_load:
 * @user: the user logged in; borrowed until lapak_labels_page_clear()
 * @tenant_code: (nullable): only this tenant's products (a tenant user
 *   sees only its own whatever this says)
 * @chosen: (nullable): the codes ticked at first
 */
void
lapak_labels_page_load (LapakLabelsPage    *self,
                        LapakDb            *db,
                        const LapakUser    *user,
                        const char         *tenant_code,
                        const char * const *chosen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakPrintSettings) settings = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autofree char *print_label = NULL;
  guint n_layouts = 0;
  const LapakLabelLayout *layouts = lapak_label_layouts (&n_layouts);

  g_return_if_fail (LAPAK_IS_LABELS_PAGE (self));
  g_return_if_fail (LAPAK_IS_DB (db));
  g_return_if_fail (user != NULL);

  lapak_labels_page_clear (self);
  g_set_object (&self->db, db);
  self->user = user;
  if (lapak_user_get_role (user) == LAPAK_ROLE_TENANT)
    tenant_code = lapak_user_get_tenant (user);
  self->tenant = g_strdup (tenant_code);
  lapak_manage_message (self->message, NULL, FALSE);

  if ((settings = lapak_print_settings_load (db, &error)) == NULL)
    {
      lapak_manage_message (self->message, error->message, TRUE);
      g_clear_error (&error);
    }
  else
    {
      self->label_queue = g_strdup (settings->label_queue);
      for (guint i = 0; settings->label_layout != NULL && i < n_layouts; i++)
        if (g_str_equal (layouts[i].name, settings->label_layout))
          gtk_drop_down_set_selected (self->layout_dropdown, i);
    }
  if (self->label_queue != NULL)
    /* Translators: the print button: "Print on Labels" (the CUPS queue) */
    print_label = g_strdup_printf (_("Print on %s"), self->label_queue);
  else
    print_label = g_strdup (_("No label printer on this till"));
  gtk_button_set_label (self->print_button, print_label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), self->label_queue != NULL && self->printing == 0);

  products = lapak_product_list_for_user (db, user, tenant_code, LAPAK_PRODUCT_ANY_STATUS, &error);
  if (products == NULL)
    {
      lapak_manage_message (self->message, error->message, TRUE);
      return;
    }
  /* The ticked products first, then the others as the core lists them;
   * inactive products are not labelled. */
  self->products = g_steal_pointer (&products);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->products->len; i++)
      {
        const LapakProduct *p = g_ptr_array_index (self->products, i);
        gboolean ticked = chosen != NULL && g_strv_contains (chosen, p->code);

        if (p->status != LAPAK_PRODUCT_INACTIVE && ticked == (pass == 0))
          gtk_list_box_append (self->list, product_row_new (self, p, ticked));
      }
  update_summary (self);
}

/* Forgets the user and the products (the page is left). */
void
lapak_labels_page_clear (LapakLabelsPage *self)
{

  g_return_if_fail (LAPAK_IS_LABELS_PAGE (self));

  self->user = NULL;
  g_clear_object (&self->db);
  g_clear_pointer (&self->tenant, g_free);
  g_clear_pointer (&self->label_queue, g_free);
  g_clear_pointer (&self->products, g_ptr_array_unref);
  if (self->checks != NULL)
    g_hash_table_remove_all (self->checks);
  if (self->list != NULL)
    lapak_manage_clear_list (self->list);
}

/* @dir: where "Save as PDF" writes; NULL: ~/Documents/Lapak */
void
lapak_labels_page_set_export_dir (LapakLabelsPage *self,
                                  const char      *dir)
{
  g_return_if_fail (LAPAK_IS_LABELS_PAGE (self));
  g_free (self->export_dir);
  self->export_dir = g_strdup (dir);
}

GtkWidget *
lapak_labels_page_get_widget (LapakLabelsPage *self,
                              const char      *name)
{
  g_return_val_if_fail (LAPAK_IS_LABELS_PAGE (self), NULL);
  return g_hash_table_lookup (self->widgets, name);
}

GtkWidget *
lapak_labels_page_get_check (LapakLabelsPage *self,
                             const char      *code)
{
  g_return_val_if_fail (LAPAK_IS_LABELS_PAGE (self), NULL);
  return g_hash_table_lookup (self->checks, code);
}

const char *
lapak_labels_page_get_saved_file (LapakLabelsPage *self)
{
  g_return_val_if_fail (LAPAK_IS_LABELS_PAGE (self), NULL);
  return self->saved_file;
}

gboolean
lapak_labels_page_is_printing (LapakLabelsPage *self)
{
  g_return_val_if_fail (LAPAK_IS_LABELS_PAGE (self), FALSE);
  return self->printing > 0;
}
