/* lapak-checkin-page.c — stock brought in for the event: by scanning each
 * label or by count, and the check-in list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scan field has the keyboard focus, as on the sell page, so a scanner
 * that types like a keyboard works without touching the screen: each scan
 * checks in one unit ("CODE*QTY" checks in QTY). It takes the focus back
 * whenever it goes elsewhere on the page (the count field, a button): the
 * count is typed on the page's own keypad, which needs no focus. A popover
 * (the product list open) keeps it until it closes. By count: a product and a
 * number on the keypad. Every check-in is the core's lapak_stock_check_in(),
 * which refuses another tenant's products; the list is the core's
 * lapak_stock_check_ins() for the active event.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lapak-catalogue.h"
#include "lapak-checkin-page.h"
#include "lapak-keypad.h"
#include "lapak-ledger.h"
#include "lapak-manage-util.h"
#include "lapak-sale.h"
#include "lapak-stock.h"

/* The list shows the newest check-ins, at most this many. */
#define CHECKIN_MAX_ROWS 300

struct _LapakCheckinPage
{
  GtkBox            parent_instance;

  LapakDb          *db;
  const LapakUser  *user;          /* borrowed from the window while shown */
  char             *tenant;        /* only this tenant's, or NULL */
  GPtrArray        *products;      /* product code per dropdown row */

  GHashTable       *widgets;       /* name → widget, for lookups */
  GPtrArray        *row_texts;     /* the list's rows as text, for the tests */
  GtkLabel         *title;
  GtkLabel         *message;
  GtkEntry         *scan_entry;
  GtkDropDown      *product_dropdown;
  GtkEntry         *count_entry;
  LapakKeypad      *keypad;
  GtkRoot          *root;          /* whose focus is watched while shown */
  gulong            focus_handler;
  GtkLabel         *total_label;
  GtkListBox       *list;
};

G_DEFINE_FINAL_TYPE (LapakCheckinPage, lapak_checkin_page, GTK_TYPE_BOX)

enum { SIGNAL_NAVIGATE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
refresh_list (LapakCheckinPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *total = NULL;
  int64_t units = 0;

  lapak_manage_clear_list (self->list);
  g_ptr_array_set_size (self->row_texts, 0);

  if (!(rows = lapak_stock_check_ins (self->db, self->user, self->tenant, &error)))
    {
      lapak_manage_message (self->message, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const LapakCheckIn *c = g_ptr_array_index (rows, i);

      units += c->units;
      if (i < CHECKIN_MAX_ROWS)
        {
          g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (c->at / G_USEC_PER_SEC);
          g_autofree char *when = g_date_time_format (at, "%d-%m %H:%M");
          /* Translators: a check-in: "14:05  Keripik Lele 100 g (KLL-001X)  +3" */
          char *text = g_strdup_printf (_("%s  %s (%s)  +%" PRId64), when, c->name, c->product_code, c->units);
          GtkWidget *label = gtk_label_new (text);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_widget_set_margin_top (label, 8);
          gtk_widget_set_margin_bottom (label, 8);
          gtk_widget_set_margin_start (label, 8);
          gtk_list_box_append (self->list, label);
          g_ptr_array_add (self->row_texts, text);
        }
    }
  /* Translators: above the check-in list: "12 check-ins, 57 units in this event" */
  total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u check-in, %" PRId64 " units in this event",
                                        "%u check-ins, %" PRId64 " units in this event", rows->len),
                           rows->len, units);
  gtk_label_set_label (self->total_label, total);
}

static void
focus_scan (LapakCheckinPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->scan_entry));
}

/* As on the sell page: the focus goes back to the scan field. */
static void
root_focus_changed_cb (LapakCheckinPage *self)
{
  GtkWidget *focus = self->root != NULL ? gtk_root_get_focus (self->root) : NULL;

  if (self->user == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (focus != NULL && (focus == GTK_WIDGET (self->scan_entry) ||
                        gtk_widget_is_ancestor (focus, GTK_WIDGET (self->scan_entry)) ||
                        gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL))
    return;
  focus_scan (self);
}

static void
map_cb (LapakCheckinPage *self)
{
  g_return_if_fail (self->root == NULL);

  self->root = gtk_widget_get_root (GTK_WIDGET (self));
  self->focus_handler = g_signal_connect_swapped (self->root, "notify::focus-widget",
                                                  G_CALLBACK (root_focus_changed_cb), self);
  focus_scan (self);
}

static void
unmap_cb (LapakCheckinPage *self)
{
  if (self->root != NULL)
    g_clear_signal_handler (&self->focus_handler, self->root);
  self->root = NULL;
}

static void
checked_in (LapakCheckinPage *self,
            const char       *code,
            int64_t           units)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakProduct) product = lapak_product_get (self->db, code, NULL);
  g_autofree char *done = NULL;

  /* Translators: after a check-in: "+1 Keripik Lele 100 g (KLL-001X): 13 in stock now." */
  done = g_strdup_printf (_("+%" PRId64 " %s (%s): %" PRId64 " in stock now."), units,
                          product != NULL ? product->name : code, code, product != NULL ? product->stock : 0);
  refresh_list (self);
  lapak_manage_message (self->message, done, FALSE);
}

static void
scan_activate_cb (LapakCheckinPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *input = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->scan_entry)));
  int64_t qty = 1;

  gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), "");
  focus_scan (self);
  if (!lapak_scan_parse (input, &code, &qty, &error) ||
      !lapak_stock_check_in (self->db, self->user, code, qty, &error))
    {
      lapak_manage_message (self->message, error->message, TRUE);
      return;
    }
  checked_in (self, code, qty);
}

static void
count_clicked_cb (LapakCheckinPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->count_entry));
  guint i = gtk_drop_down_get_selected (self->product_dropdown);
  guint64 units = 0;
  const char *code;

  if (self->products == NULL || i == GTK_INVALID_LIST_POSITION || i >= self->products->len)
    {
      lapak_manage_message (self->message, _("Choose the product in the list first."), TRUE);
      return;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 1, 1000000, &units, NULL))
    {
      /* Translators: %s is what was typed as the number of units to check in */
      g_autofree char *msg = g_strdup_printf (_("“%s” is not a number of units: type 1 to 1,000,000 on the keypad."),
                                              text);

      lapak_manage_message (self->message, msg, TRUE);
      return;
    }
  code = g_ptr_array_index (self->products, i);
  if (!lapak_stock_check_in (self->db, self->user, code, (int64_t) units, &error))
    {
      lapak_manage_message (self->message, error->message, TRUE);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->count_entry), "");
  checked_in (self, code, (int64_t) units);
  focus_scan (self);
}

static void
back_clicked_cb (LapakCheckinPage *self)
{
  g_signal_emit (self, signals[SIGNAL_NAVIGATE], 0, "back");
}

static void
lapak_checkin_page_dispose (GObject *object)
{
  LapakCheckinPage *self = LAPAK_CHECKIN_PAGE (object);

  unmap_cb (self);
  lapak_checkin_page_clear (self);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->row_texts, g_ptr_array_unref);
  self->list = NULL;
  G_OBJECT_CLASS (lapak_checkin_page_parent_class)->dispose (object);
}

static void
lapak_checkin_page_class_init (LapakCheckinPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lapak_checkin_page_dispose;

  /**
   * LapakCheckinPage::navigate:
   * @where: "back"
   */
  signals[SIGNAL_NAVIGATE] = g_signal_new ("navigate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lapak_checkin_page_init (LapakCheckinPage *self)
{
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *count_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *button;

  self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  self->row_texts = g_ptr_array_new_with_free_func (g_free);

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
  self->title = GTK_LABEL (gtk_label_new (_("Check in stock")));
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "title-2");
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_wrap (self->title, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);
  lapak_manage_keep (self->widgets, "title", self->title);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (left), top);

  self->message = GTK_LABEL (lapak_manage_label (self->widgets, "message", "title-4"));
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->message));

  gtk_box_append (GTK_BOX (left), lapak_manage_caption (_("Scan each label: every scan adds one unit")));
  self->scan_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->scan_entry), "big-entry");
  gtk_widget_add_css_class (GTK_WIDGET (self->scan_entry), "scan-entry");
  gtk_entry_set_placeholder_text (self->scan_entry, _("Scan a label"));
  lapak_manage_keep (self->widgets, "scan_entry", self->scan_entry);
  g_signal_connect_swapped (self->scan_entry, "activate", G_CALLBACK (scan_activate_cb), self);
  /* The page is loaded before it is shown: the focus moves once it is,
   * and stays while it is. */
  g_signal_connect_swapped (self, "map", G_CALLBACK (map_cb), self);
  g_signal_connect_swapped (self, "unmap", G_CALLBACK (unmap_cb), self);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->scan_entry));

  gtk_box_append (GTK_BOX (left), lapak_manage_caption (_("Or by count: the product and how many units")));
  self->product_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_size_request (GTK_WIDGET (self->product_dropdown), -1, 48);
  lapak_manage_keep (self->widgets, "product_dropdown", self->product_dropdown);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->product_dropdown));
  self->count_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->count_entry), "big-entry");
  gtk_entry_set_input_purpose (self->count_entry, GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_hexpand (GTK_WIDGET (self->count_entry), TRUE);
  lapak_manage_keep (self->widgets, "count_entry", self->count_entry);
  gtk_box_append (GTK_BOX (count_row), GTK_WIDGET (self->count_entry));
  button = lapak_manage_touch_button (_("Check in"));
  gtk_widget_add_css_class (button, "suggested-action");
  lapak_manage_keep (self->widgets, "count_button", button);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (count_clicked_cb), self);
  gtk_box_append (GTK_BOX (count_row), button);
  gtk_box_append (GTK_BOX (left), count_row);
  self->keypad = LAPAK_KEYPAD (lapak_keypad_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->keypad), GTK_ALIGN_CENTER);
  lapak_keypad_set_target (self->keypad, GTK_EDITABLE (self->count_entry));
  lapak_manage_keep (self->widgets, "keypad", self->keypad);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->keypad));
  gtk_widget_set_size_request (left, 460, -1);
  gtk_box_append (GTK_BOX (self), left);

  gtk_box_append (GTK_BOX (right), lapak_manage_caption (_("Checked in for this event")));
  self->total_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->total_label, 0);
  gtk_label_set_wrap (self->total_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "dim-label");
  lapak_manage_keep (self->widgets, "total_label", self->total_label);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->total_label));
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  lapak_manage_keep (self->widgets, "list", self->list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (right), scrolled);
  gtk_widget_set_hexpand (right, TRUE);
  gtk_box_append (GTK_BOX (self), right);
}

GtkWidget *
lapak_checkin_page_new (void)
{
  return g_object_new (LAPAK_TYPE_CHECKIN_PAGE, NULL);
}

/**
 * lapak_checkin_page_load:
 * @user: the user logged in; borrowed until lapak_checkin_page_clear()
 * @tenant_code: (nullable): only this tenant's products and check-ins (a
 *   tenant user gets only its own whatever this says)
 */
void
lapak_checkin_page_load (LapakCheckinPage *self,
                         LapakDb          *db,
                         const LapakUser  *user,
                         const char       *tenant_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;

  g_return_if_fail (LAPAK_IS_CHECKIN_PAGE (self));
  g_return_if_fail (LAPAK_IS_DB (db));
  g_return_if_fail (user != NULL);

  lapak_checkin_page_clear (self);
  g_set_object (&self->db, db);
  self->user = user;
  if (lapak_user_get_role (user) == LAPAK_ROLE_TENANT)
    tenant_code = lapak_user_get_tenant (user);
  self->tenant = g_strdup (tenant_code);
  lapak_manage_message (self->message, NULL, FALSE);

  if (tenant_code != NULL)
    /* Translators: the check-in page's title for one tenant */
    title = g_strdup_printf (_("Check in stock of %s"), tenant_code);
  else
    title = g_strdup (_("Check in stock of every tenant"));
  gtk_label_set_label (self->title, title);

  self->products = g_ptr_array_new_with_free_func (g_free);
  products = lapak_product_list_for_user (db, user, tenant_code, LAPAK_PRODUCT_ANY_STATUS, &error);
  if (products == NULL)
    lapak_manage_message (self->message, error->message, TRUE);
  for (guint i = 0; products != NULL && i < products->len; i++)
    {
      const LapakProduct *p = g_ptr_array_index (products, i);
      g_autofree char *text = NULL;

      if (p->status == LAPAK_PRODUCT_INACTIVE)
        continue;
      text = g_strdup_printf ("%s (%s)", p->name, p->code);
      gtk_string_list_append (names, text);
      g_ptr_array_add (self->products, g_strdup (p->code));
    }
  gtk_drop_down_set_model (self->product_dropdown, G_LIST_MODEL (names));
  gtk_editable_set_text (GTK_EDITABLE (self->count_entry), "");
  refresh_list (self);
  focus_scan (self);
}

/* Forgets the user and the list (the page is left). */
void
lapak_checkin_page_clear (LapakCheckinPage *self)
{

  g_return_if_fail (LAPAK_IS_CHECKIN_PAGE (self));

  self->user = NULL;
  g_clear_object (&self->db);
  g_clear_pointer (&self->tenant, g_free);
  g_clear_pointer (&self->products, g_ptr_array_unref);
  if (self->row_texts != NULL)
    g_ptr_array_set_size (self->row_texts, 0);
  if (self->list != NULL)
    lapak_manage_clear_list (self->list);
}

GtkWidget *
lapak_checkin_page_get_widget (LapakCheckinPage *self,
                               const char       *name)
{
  g_return_val_if_fail (LAPAK_IS_CHECKIN_PAGE (self), NULL);
  return g_hash_table_lookup (self->widgets, name);
}

guint
lapak_checkin_page_get_n_rows (LapakCheckinPage *self)
{
  g_return_val_if_fail (LAPAK_IS_CHECKIN_PAGE (self), 0);
  return self->row_texts->len;
}

const char *
lapak_checkin_page_get_row_text (LapakCheckinPage *self,
                                 guint             i)
{
  g_return_val_if_fail (LAPAK_IS_CHECKIN_PAGE (self), NULL);
  g_return_val_if_fail (i < self->row_texts->len, NULL);
  return g_ptr_array_index (self->row_texts, i);
}
