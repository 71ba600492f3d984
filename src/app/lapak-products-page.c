/* lapak-products-page.c — products in the kiosk: a tenant's own, or every
 * tenant's for the organiser who curates them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One page for both roles. A tenant sees only its own products (the core's
 * lapak_product_list_for_user() decides) and adds products, which wait for
 * the organiser's approval. A user who may curate products sees every
 * tenant's, filters by tenant and searches, adds products for a tenant,
 * changes a price, deactivates and approves. Every rule is the core's
 * (lapak-catalogue, lapak-ledger); this page only shows and asks.
 *
 * Products ticked here are the ones the labels page prints.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "lapak-catalogue.h"
#include "lapak-keypad.h"
#include "lapak-ledger.h"
#include "lapak-manage-util.h"
#include "lapak-money.h"
#include "lapak-export-bar.h"
#include "lapak-products-page.h"

struct _LapakProductsPage
{
  GtkBox            parent_instance;

  LapakDb          *db;
  const LapakUser  *user;         /* borrowed from the window while shown */
  gboolean          curator;
  GPtrArray        *tenants;      /* tenant code per dropdown row; row 0: all (NULL) */
  GHashTable       *chosen;       /* product codes ticked for labels */
  char             *chosen_by;    /* the user who ticked them */
  char             *price_code;   /* the product whose price is being changed */
  gboolean          loading;

  GHashTable       *widgets;      /* name → widget, for lookups */
  GHashTable       *row_widgets;  /* "CODE/name" → widget */
  GtkLabel         *title;
  GtkDropDown      *tenant_dropdown;
  GtkSearchEntry   *search_entry;
  GtkLabel         *message;
  GtkLabel         *count_label;
  GtkListBox       *list;
  LapakExportBar   *export_bar;   /* the organiser's only */
  GtkStack         *side;         /* "add" or "price" */
  GtkLabel         *add_title;
  GtkEntry         *name_entry;
  GtkEntry         *price_entry;
  GtkEntry         *stock_entry;
  GtkLabel         *price_title;
  GtkEntry         *new_price_entry;
  LapakKeypad      *add_keypad;
  LapakKeypad      *price_keypad;
};

G_DEFINE_FINAL_TYPE (LapakProductsPage, lapak_products_page, GTK_TYPE_BOX)

enum { SIGNAL_NAVIGATE, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
chosen_tenant (LapakProductsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->tenant_dropdown);

  if (!self->curator)
    return self->user != NULL ? lapak_user_get_tenant (self->user) : NULL;
  if (self->tenants == NULL || i == GTK_INVALID_LIST_POSITION || i >= self->tenants->len)
    return NULL;
  return g_ptr_array_index (self->tenants, i);
}

static gboolean
matches (const LapakProduct *p,
         const char         *folded)
{
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  g_autofree char *sku = NULL;

  if (folded == NULL || *folded == '\0')
    return TRUE;
  name = g_utf8_casefold (p->name, -1);
  code = g_utf8_casefold (p->code, -1);
  sku = g_utf8_casefold (p->sku != NULL ? p->sku : "", -1);
  return strstr (name, folded) != NULL || strstr (code, folded) != NULL || strstr (sku, folded) != NULL;
}

static void refresh (LapakProductsPage *self);

static void
choose_toggled_cb (GtkCheckButton    *check,
                   LapakProductsPage *self)
{
  const char *code = g_object_get_data (G_OBJECT (check), "code");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->chosen, g_strdup (code));
  else
    g_hash_table_remove (self->chosen, code);
}

static void
approve_clicked_cb (GtkButton         *button,
                    LapakProductsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  const char *codes[] = { g_object_get_data (G_OBJECT (button), "code"), NULL };
  guint changed = 0;

  if (!lapak_product_approve (self->db, self->user, codes, &changed, &error))
    {
      lapak_manage_message (self->message, error->message, TRUE);
      return;
    }
  refresh (self);
  /* Translators: after the organiser approves a product */
  done = g_strdup_printf (_("%s is approved: it can be sold now."), codes[0]);
  lapak_manage_message (self->message, done, FALSE);
}

static void
deactivate_clicked_cb (GtkButton         *button,
                       LapakProductsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  const char *code = g_object_get_data (G_OBJECT (button), "code");

  if (!lapak_product_deactivate (self->db, self->user, code, &error))
    {
      lapak_manage_message (self->message, error->message, TRUE);
      return;
    }
  refresh (self);
  /* Translators: after the organiser deactivates a product */
  done = g_strdup_printf (_("%s is no longer sold. Its past sales are kept."), code);
  lapak_manage_message (self->message, done, FALSE);
}

static void
price_clicked_cb (GtkButton         *button,
                  LapakProductsPage *self)
{
  g_autofree char *title = NULL;

  g_free (self->price_code);
  self->price_code = g_strdup (g_object_get_data (G_OBJECT (button), "code"));
  /* Translators: above the keypad when the organiser changes a price */
  title = g_strdup_printf (_("New price for %s (%s)"),
                           (const char *) g_object_get_data (G_OBJECT (button), "name"), self->price_code);
  gtk_label_set_label (self->price_title, title);
  gtk_editable_set_text (GTK_EDITABLE (self->new_price_entry), "");
  gtk_stack_set_visible_child_name (self->side, "price");
  gtk_widget_grab_focus (GTK_WIDGET (self->new_price_entry));
}

static void
keep_row_widget (LapakProductsPage *self,
                 const char        *code,
                 const char        *name,
                 GtkWidget         *widget)
{
  gtk_widget_set_name (widget, name);
  g_object_set_data_full (G_OBJECT (widget), "code", g_strdup (code), g_free);
  g_hash_table_insert (self->row_widgets, g_strdup_printf ("%s/%s", code, name), widget);
}

static GtkWidget *
row_new (LapakProductsPage  *self,
         const LapakProduct *p)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *name = gtk_label_new (p->name);
  GtkWidget *detail;
  GtkWidget *price;
  g_autofree char *price_text = lapak_money_format (p->price, LAPAK_MONEY_STYLE_DEFAULT);
  g_autofree char *detail_text = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_name (row, p->code);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);

  gtk_widget_set_size_request (check, 48, 48);
  gtk_widget_set_focus_on_click (check, FALSE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (self->chosen, p->code));
  keep_row_widget (self, p->code, "choose", check);
  g_signal_connect (check, "toggled", G_CALLBACK (choose_toggled_cb), self);
  gtk_box_append (GTK_BOX (box), check);

  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_box_append (GTK_BOX (text), name);
  /* Translators: under a product's name: "KLL-001X · tenant KLL · 12 in stock" */
  detail_text = g_strdup_printf (_("%s · tenant %s · %" PRId64 " in stock"), p->code, p->tenant, p->stock);
  detail = gtk_label_new (detail_text);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (text), detail);
  if (p->status != LAPAK_PRODUCT_ACTIVE)
    {
      GtkWidget *status = gtk_label_new (p->status == LAPAK_PRODUCT_PENDING
                                         ? _("Waiting for the organiser's approval: not for sale yet")
                                         : _("Inactive: no longer sold"));

      gtk_label_set_xalign (GTK_LABEL (status), 0);
      gtk_label_set_wrap (GTK_LABEL (status), TRUE);
      gtk_widget_add_css_class (status, p->status == LAPAK_PRODUCT_PENDING ? "warning" : "error");
      keep_row_widget (self, p->code, "status", status);
      gtk_box_append (GTK_BOX (text), status);
    }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  price = gtk_label_new (price_text);
  gtk_widget_add_css_class (price, "title-4");
  keep_row_widget (self, p->code, "price_label", price);
  gtk_box_append (GTK_BOX (box), price);

  if (self->curator)
    {
      GtkWidget *button = lapak_manage_touch_button (_("Price"));

      keep_row_widget (self, p->code, "price", button);
      g_object_set_data_full (G_OBJECT (button), "name", g_strdup (p->name), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (price_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
      if (p->status == LAPAK_PRODUCT_PENDING)
        {
          button = lapak_manage_touch_button (_("Approve"));
          gtk_widget_add_css_class (button, "suggested-action");
          keep_row_widget (self, p->code, "approve", button);
          g_signal_connect (button, "clicked", G_CALLBACK (approve_clicked_cb), self);
          gtk_box_append (GTK_BOX (box), button);
        }
      if (p->status != LAPAK_PRODUCT_INACTIVE)
        {
          button = lapak_manage_touch_button (_("Deactivate"));
          keep_row_widget (self, p->code, "deactivate", button);
          g_signal_connect (button, "clicked", G_CALLBACK (deactivate_clicked_cb), self);
          gtk_box_append (GTK_BOX (box), button);
        }
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
update_add_title (LapakProductsPage *self)
{
  const char *tenant = chosen_tenant (self);
  g_autofree char *title = NULL;

  if (!self->curator)
    title = g_strdup (_("Add a product (the organiser approves it before it is sold)"));
  else if (tenant == NULL)
    title = g_strdup (_("Add a product: choose its tenant at the top first"));
  else
    /* Translators: the title of the organiser's add form: "Add a product for tenant KLL" */
    title = g_strdup_printf (_("Add a product for tenant %s"), tenant);
  gtk_label_set_label (self->add_title, title);
}

static void
refresh (LapakProductsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *count = NULL;
  guint shown = 0;
  guint found = 0;

  if (self->db == NULL || self->user == NULL)
    return;
  update_add_title (self);
  lapak_export_bar_set_tenant (self->export_bar, chosen_tenant (self));

  g_hash_table_remove_all (self->row_widgets);
  lapak_manage_clear_list (self->list);

  products = lapak_product_list_for_user (self->db, self->user, chosen_tenant (self),
                                          LAPAK_PRODUCT_ANY_STATUS, &error);
  if (products == NULL)
    {
      lapak_manage_message (self->message, error->message, TRUE);
      gtk_label_set_label (self->count_label, "");
      return;
    }

  folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  g_strstrip (folded);
  for (guint i = 0; i < products->len; i++)
    {
      const LapakProduct *p = g_ptr_array_index (products, i);

      if (!matches (p, folded))
        continue;
      found++;
      if (shown < LAPAK_PRODUCTS_PAGE_MAX_ROWS)
        {
          gtk_list_box_append (self->list, row_new (self, p));
          shown++;
        }
    }

  if (found > shown)
    /* Translators: above the product list when it is cut short */
    count = g_strdup_printf (_("%u of %u products shown: search or choose a tenant to narrow them."), shown, found);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u product", "%u products", found), found);
  gtk_label_set_label (self->count_label, count);
}

static void
filter_changed_cb (LapakProductsPage *self)
{
  if (self->loading)
    return;
  lapak_manage_message (self->message, NULL, FALSE);
  refresh (self);
}

static void
add_clicked_cb (LapakProductsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *done = NULL;
  g_autofree char *name = NULL;
  const char *tenant = chosen_tenant (self);
  const char *price_text = gtk_editable_get_text (GTK_EDITABLE (self->price_entry));
  const char *stock_text = gtk_editable_get_text (GTK_EDITABLE (self->stock_entry));
  int64_t price = 0;
  guint64 stock = 0;
  LapakProductSpec spec = { 0 };

  if (tenant == NULL)
    {
      lapak_manage_message (self->message, _("Choose the product's tenant in the list at the top first."), TRUE);
      return;
    }
  if (*price_text == '\0')
    {
      lapak_manage_message (self->message, _("Type the product's price on the keypad."), TRUE);
      return;
    }
  if (!lapak_money_parse (price_text, &price, &error))
    {
      lapak_manage_message (self->message, error->message, TRUE);
      return;
    }
  if (*stock_text != '\0' && !g_ascii_string_to_unsigned (stock_text, 10, 0, 1000000, &stock, NULL))
    {
      /* Translators: %s is what was typed in the "Units brought now" field */
      g_autofree char *text = g_strdup_printf (_("“%s” is not a number of units: type 0 to 1,000,000."), stock_text);

      lapak_manage_message (self->message, text, TRUE);
      return;
    }

  /* The entry's text goes when the form is emptied: keep a copy. */
  name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  spec.tenant = tenant;
  spec.name = name;
  spec.price = price;
  spec.stock = (int64_t) stock;
  if (!(code = lapak_product_add (self->db, self->user, &spec, &error)))
    {
      lapak_manage_message (self->message, error->message, TRUE);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->price_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->stock_entry), "");
  g_hash_table_add (self->chosen, g_strdup (code));
  refresh (self);
  if (self->curator)
    /* Translators: after the organiser adds a product */
    done = g_strdup_printf (_("Added %s with code %s. It can be sold now."), spec.name, code);
  else
    /* Translators: after a tenant adds a product */
    done = g_strdup_printf (_("Added %s with code %s. It waits for the organiser's approval before it is sold."),
                            spec.name, code);
  lapak_manage_message (self->message, done, FALSE);
}

static void
save_price_clicked_cb (LapakProductsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  g_autofree char *money = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->new_price_entry));
  int64_t price = 0;

  if (self->price_code == NULL)
    return;
  if (*text == '\0')
    {
      lapak_manage_message (self->message, _("Type the new price on the keypad."), TRUE);
      return;
    }
  if (!lapak_money_parse (text, &price, &error) ||
      !lapak_product_set_price (self->db, self->user, self->price_code, price, &error))
    {
      lapak_manage_message (self->message, error->message, TRUE);
      return;
    }
  money = lapak_money_format (price, LAPAK_MONEY_STYLE_DEFAULT);
  /* Translators: after a price change: "KLL-001X now costs Rp 16,000. Past sales keep their prices." */
  done = g_strdup_printf (_("%s now costs %s. Past sales keep their prices."), self->price_code, money);
  g_clear_pointer (&self->price_code, g_free);
  gtk_stack_set_visible_child_name (self->side, "add");
  refresh (self);
  lapak_manage_message (self->message, done, FALSE);
}

static void
cancel_price_clicked_cb (LapakProductsPage *self)
{
  g_clear_pointer (&self->price_code, g_free);
  gtk_stack_set_visible_child_name (self->side, "add");
}

static void
navigate (LapakProductsPage *self,
          const char        *where)
{
  g_signal_emit (self, signals[SIGNAL_NAVIGATE], 0, where);
}

static void
back_clicked_cb (LapakProductsPage *self)
{
  navigate (self, "home");
}

static void
labels_clicked_cb (LapakProductsPage *self)
{
  navigate (self, "labels");
}

static void
checkin_clicked_cb (LapakProductsPage *self)
{
  navigate (self, "checkin");
}

static GtkEntry *
form_entry (LapakProductsPage *self,
            GtkBox            *box,
            const char        *label,
            const char        *name,
            gboolean           numeric)
{
  GtkWidget *caption = gtk_label_new (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_box_append (box, caption);
  gtk_widget_add_css_class (entry, "big-entry");
  if (numeric)
    gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  lapak_manage_keep (self->widgets, name, entry);
  gtk_box_append (box, entry);
  return GTK_ENTRY (entry);
}

static void
lapak_products_page_dispose (GObject *object)
{
  LapakProductsPage *self = LAPAK_PRODUCTS_PAGE (object);

  lapak_products_page_clear (self);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->row_widgets, g_hash_table_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_clear_pointer (&self->chosen_by, g_free);
  self->list = NULL;
  self->export_bar = NULL;
  G_OBJECT_CLASS (lapak_products_page_parent_class)->dispose (object);
}

static void
lapak_products_page_class_init (LapakProductsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lapak_products_page_dispose;

  /**
   * LapakProductsPage::navigate:
   * @where: "home", "labels" or "checkin"
   */
  signals[SIGNAL_NAVIGATE] = g_signal_new ("navigate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lapak_products_page_init (LapakProductsPage *self)
{
  GtkWidget *main_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *side_scrolled = gtk_scrolled_window_new ();
  GtkWidget *add_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *price_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *button;
  GtkWidget *row;

  self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  self->row_widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self), 16);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);

  /* The list: back, title, tenant, search; the products; what to do with the ticked ones. */
  button = lapak_manage_touch_button (_("Back"));
  lapak_manage_keep (self->widgets, "back_button", button);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (back_clicked_cb), self);
  gtk_box_append (GTK_BOX (top), button);
  self->title = GTK_LABEL (gtk_label_new (_("Products")));
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "title-2");
  gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  lapak_manage_keep (self->widgets, "title", self->title);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->title));
  self->tenant_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_size_request (GTK_WIDGET (self->tenant_dropdown), 220, 48);
  lapak_manage_keep (self->widgets, "tenant_dropdown", self->tenant_dropdown);
  g_signal_connect_swapped (self->tenant_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->tenant_dropdown));
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->search_entry), 220, 48);
  g_object_set (self->search_entry, "placeholder-text", _("Search name or code"), NULL);
  lapak_manage_keep (self->widgets, "search_entry", self->search_entry);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (filter_changed_cb), self);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (main_box), top);

  self->message = GTK_LABEL (lapak_manage_label (self->widgets, "message", "title-4"));
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (main_box), GTK_WIDGET (self->message));
  self->count_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->count_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  lapak_manage_keep (self->widgets, "count_label", self->count_label);
  gtk_box_append (GTK_BOX (main_box), GTK_WIDGET (self->count_label));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  lapak_manage_keep (self->widgets, "list", self->list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (main_box), scrolled);

  button = lapak_manage_touch_button (_("Print labels for the ticked products"));
  lapak_manage_keep (self->widgets, "labels_button", button);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (labels_clicked_cb), self);
  gtk_box_append (GTK_BOX (bottom), button);
  button = lapak_manage_touch_button (_("Check in stock"));
  lapak_manage_keep (self->widgets, "checkin_button", button);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (checkin_clicked_cb), self);
  gtk_box_append (GTK_BOX (bottom), button);
  gtk_box_append (GTK_BOX (main_box), bottom);
  self->export_bar = LAPAK_EXPORT_BAR (lapak_export_bar_new (LAPAK_EXPORT_BAR_PRODUCTS));
  lapak_manage_keep (self->widgets, "export_bar", self->export_bar);
  gtk_box_append (GTK_BOX (main_box), GTK_WIDGET (self->export_bar));
  gtk_widget_set_hexpand (main_box, TRUE);
  gtk_box_append (GTK_BOX (self), main_box);

  /* The side: add a product, or change the price of one. */
  self->side = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->side), 380, -1);

  self->add_title = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->add_title), "title-4");
  gtk_label_set_wrap (self->add_title, TRUE);
  gtk_label_set_xalign (self->add_title, 0);
  lapak_manage_keep (self->widgets, "add_title", self->add_title);
  gtk_box_append (GTK_BOX (add_box), GTK_WIDGET (self->add_title));
  self->name_entry = form_entry (self, GTK_BOX (add_box), _("Name"), "name_entry", FALSE);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  {
    GtkWidget *col = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

    self->price_entry = form_entry (self, GTK_BOX (col), _("Price"), "price_entry", TRUE);
    gtk_box_append (GTK_BOX (row), col);
    col = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    self->stock_entry = form_entry (self, GTK_BOX (col), _("Units brought now"), "stock_entry", TRUE);
    gtk_box_append (GTK_BOX (row), col);
  }
  gtk_box_append (GTK_BOX (add_box), row);
  self->add_keypad = LAPAK_KEYPAD (lapak_keypad_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->add_keypad), GTK_ALIGN_CENTER);
  lapak_manage_keep (self->widgets, "add_keypad", self->add_keypad);
  lapak_keypad_set_target (self->add_keypad, GTK_EDITABLE (self->price_entry));
  gtk_box_append (GTK_BOX (add_box), GTK_WIDGET (self->add_keypad));
  lapak_manage_keypad_follow (self->add_keypad, GTK_WIDGET (self->price_entry));
  lapak_manage_keypad_follow (self->add_keypad, GTK_WIDGET (self->stock_entry));
  button = lapak_manage_touch_button (_("Add product"));
  gtk_widget_add_css_class (button, "suggested-action");
  lapak_manage_keep (self->widgets, "add_button", button);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (add_box), button);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (side_scrolled), add_box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (side_scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_stack_add_named (self->side, side_scrolled, "add");

  self->price_title = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->price_title), "title-4");
  gtk_label_set_wrap (self->price_title, TRUE);
  gtk_label_set_xalign (self->price_title, 0);
  lapak_manage_keep (self->widgets, "price_title", self->price_title);
  gtk_box_append (GTK_BOX (price_box), GTK_WIDGET (self->price_title));
  {
    GtkWidget *note = gtk_label_new (_("Sales already made keep the price they were sold at."));

    gtk_label_set_wrap (GTK_LABEL (note), TRUE);
    gtk_label_set_xalign (GTK_LABEL (note), 0);
    gtk_widget_add_css_class (note, "dim-label");
    gtk_box_append (GTK_BOX (price_box), note);
  }
  self->new_price_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->new_price_entry), "big-entry");
  gtk_entry_set_input_purpose (self->new_price_entry, GTK_INPUT_PURPOSE_DIGITS);
  lapak_manage_keep (self->widgets, "new_price_entry", self->new_price_entry);
  gtk_box_append (GTK_BOX (price_box), GTK_WIDGET (self->new_price_entry));
  self->price_keypad = LAPAK_KEYPAD (lapak_keypad_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->price_keypad), GTK_ALIGN_CENTER);
  lapak_manage_keep (self->widgets, "price_keypad", self->price_keypad);
  lapak_keypad_set_target (self->price_keypad, GTK_EDITABLE (self->new_price_entry));
  gtk_box_append (GTK_BOX (price_box), GTK_WIDGET (self->price_keypad));
  button = lapak_manage_touch_button (_("Save price"));
  gtk_widget_add_css_class (button, "suggested-action");
  lapak_manage_keep (self->widgets, "save_price_button", button);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (save_price_clicked_cb), self);
  gtk_box_append (GTK_BOX (price_box), button);
  button = lapak_manage_touch_button (_("Cancel"));
  lapak_manage_keep (self->widgets, "cancel_price_button", button);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (cancel_price_clicked_cb), self);
  gtk_box_append (GTK_BOX (price_box), button);
  gtk_stack_add_named (self->side, price_box, "price");

  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->side));
}

GtkWidget *
lapak_products_page_new (void)
{
  return g_object_new (LAPAK_TYPE_PRODUCTS_PAGE, NULL);
}

/**
 * lapak_products_page_load:
 * @user: the user logged in; borrowed until lapak_products_page_clear()
 *
 * Shows the products @user may see: a tenant's own, or every tenant's with
 * a tenant filter for a user who may curate products.
 */
void
lapak_products_page_load (LapakProductsPage *self,
                          LapakDb           *db,
                          const LapakUser   *user)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;
  guint selected = 0;

  g_return_if_fail (LAPAK_IS_PRODUCTS_PAGE (self));
  g_return_if_fail (LAPAK_IS_DB (db));
  g_return_if_fail (user != NULL);

  /* The ticks stay while the same user comes back from labels or check-in. */
  if (g_strcmp0 (self->chosen_by, lapak_user_get_name (user)) != 0)
    {
      g_hash_table_remove_all (self->chosen);
      g_free (self->chosen_by);
      self->chosen_by = g_strdup (lapak_user_get_name (user));
    }
  g_set_object (&self->db, db);
  self->user = user;
  self->curator = lapak_auth_require (user, LAPAK_CAP_CURATE_PRODUCTS, NULL);

  if (self->curator)
    {
      g_autoptr(GPtrArray) tenants = lapak_tenant_list (db, &error);
      g_autofree char *previous = g_strdup (chosen_tenant (self));

      g_clear_pointer (&self->tenants, g_ptr_array_unref);
      self->tenants = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (self->tenants, NULL);
      gtk_string_list_append (names, _("All tenants"));
      for (guint i = 0; tenants != NULL && i < tenants->len; i++)
        {
          const LapakTenant *t = g_ptr_array_index (tenants, i);
          g_autofree char *text = g_strdup_printf ("%s — %s", t->code, t->name);

          g_ptr_array_add (self->tenants, g_strdup (t->code));
          gtk_string_list_append (names, text);
          if (g_strcmp0 (previous, t->code) == 0)
            selected = i + 1;
        }
      if (tenants == NULL)
        lapak_manage_message (self->message, error->message, TRUE);
      title = g_strdup (_("Products of every tenant"));
    }
  else
    /* Translators: the title of a tenant's own products page */
    title = g_strdup_printf (_("Products of %s"), lapak_user_get_tenant (user));

  self->loading = TRUE;
  gtk_drop_down_set_model (self->tenant_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->tenant_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->tenant_dropdown), self->curator);
  self->loading = FALSE;
  if (self->curator)
    lapak_export_bar_load (self->export_bar, db, user);
  else
    lapak_export_bar_clear (self->export_bar);
  gtk_widget_set_visible (GTK_WIDGET (self->export_bar), self->curator);

  gtk_label_set_label (self->title, title);
  g_clear_pointer (&self->price_code, g_free);
  gtk_stack_set_visible_child_name (self->side, "add");
  lapak_manage_message (self->message, NULL, FALSE);
  refresh (self);
}

/* Forgets the user and the list (the page is left). */
void
lapak_products_page_clear (LapakProductsPage *self)
{

  g_return_if_fail (LAPAK_IS_PRODUCTS_PAGE (self));

  self->user = NULL;
  g_clear_object (&self->db);
  g_clear_pointer (&self->price_code, g_free);
  g_clear_pointer (&self->tenants, g_ptr_array_unref);
  if (self->export_bar != NULL)
    lapak_export_bar_clear (self->export_bar);
  if (self->row_widgets != NULL)
    g_hash_table_remove_all (self->row_widgets);
  if (self->list != NULL)
    lapak_manage_clear_list (self->list);
}

/**
 * lapak_products_page_get_chosen:
 *
 * Returns: (transfer full): the codes of the products ticked for labels, sorted
 */
char **
lapak_products_page_get_chosen (LapakProductsPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GList) keys = NULL;

  g_return_val_if_fail (LAPAK_IS_PRODUCTS_PAGE (self), NULL);

  keys = g_list_sort (g_hash_table_get_keys (self->chosen), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    g_strv_builder_add (builder, l->data);
  return g_strv_builder_end (builder);
}

/* The tenant whose products are shown, or NULL for all of them. */
const char *
lapak_products_page_get_tenant (LapakProductsPage *self)
{
  g_return_val_if_fail (LAPAK_IS_PRODUCTS_PAGE (self), NULL);
  return self->user != NULL ? chosen_tenant (self) : NULL;
}

GtkWidget *
lapak_products_page_get_widget (LapakProductsPage *self,
                                const char        *name)
{
  g_return_val_if_fail (LAPAK_IS_PRODUCTS_PAGE (self), NULL);
  return g_hash_table_lookup (self->widgets, name);
}

/* @name: "choose", "status", "price_label", "price", "approve" or
 * "deactivate" of the row of product @code; NULL if it has none. */
GtkWidget *
lapak_products_page_get_row_widget (LapakProductsPage *self,
                                    const char        *code,
                                    const char        *name)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", code, name);

  g_return_val_if_fail (LAPAK_IS_PRODUCTS_PAGE (self), NULL);
  return g_hash_table_lookup (self->row_widgets, key);
}

guint
lapak_products_page_get_n_rows (LapakProductsPage *self)
{
  guint n = 0;

  g_return_val_if_fail (LAPAK_IS_PRODUCTS_PAGE (self), 0);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->list)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}
