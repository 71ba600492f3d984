/* lapak-tenant-home.c — a tenant's own page in the kiosk: its live sales,
 * its balance, and the way to its products, labels and stock check-in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a tenant may see is the core's: lapak_sales_lines() gives a tenant
 * user only its own tenant's lines, lapak_sales_summary() their sums and
 * its account's balance.
 * The page reads them again every few seconds while it is shown, so sales
 * that reach this till (from a sync) appear without a tap.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lapak-ledger.h"
#include "lapak-manage-util.h"
#include "lapak-money.h"
#include "lapak-sales-lines.h"
#include "lapak-tenant-home.h"

/* The newest sale lines shown, at most. */
#define TENANT_HOME_MAX_ROWS 200
#define TENANT_HOME_REFRESH_SECONDS 10

struct _LapakTenantHome
{
  GtkBox            parent_instance;

  LapakDb          *db;
  const LapakUser  *user;          /* borrowed from the window while shown */
  guint             refresh_source;

  GHashTable       *widgets;       /* name → widget, for lookups */
  GPtrArray        *row_texts;     /* the sales rows as text, for the tests */
  GtkLabel         *title;
  GtkLabel         *message;
  GtkLabel         *balance_label;
  GtkLabel         *sales_label;
  GtkListBox       *list;
};

G_DEFINE_FINAL_TYPE (LapakTenantHome, lapak_tenant_home, GTK_TYPE_BOX)

enum { SIGNAL_NAVIGATE, N_SIGNALS };
static guint signals[N_SIGNALS];

static char *
money (int64_t amount)
{
  return lapak_money_format (amount, LAPAK_MONEY_STYLE_DEFAULT);
}

static char *
line_text (const LapakSalesLine *l)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (l->at / G_USEC_PER_SEC);
  g_autofree char *when = g_date_time_format (at, "%d-%m %H:%M");
  g_autofree char *total = money (l->total);

  if (l->voided)
    /* Translators: a voided sale line on the tenant's page */
    return g_strdup_printf (_("%s  %s × %" PRId64 "  %s  (voided)"), when, l->name, l->qty, total);
  if (l->refunded_qty > 0)
    /* Translators: a sale line on the tenant's page, some units of which came back */
    return g_strdup_printf (_("%s  %s × %" PRId64 "  %s  (%" PRId64 " refunded)"), when, l->name, l->qty, total,
                            l->refunded_qty);
  /* Translators: a sale line on the tenant's page: "14:05  Keripik Lele 100 g × 2  Rp 30,000" */
  return g_strdup_printf (_("%s  %s × %" PRId64 "  %s"), when, l->name, l->qty, total);
}

static gboolean
refresh_cb (gpointer data)
{
  lapak_tenant_home_refresh (data);
  return G_SOURCE_CONTINUE;
}

static void
navigate_clicked_cb (GtkButton       *button,
                     LapakTenantHome *self)
{
  g_signal_emit (self, signals[SIGNAL_NAVIGATE], 0, g_object_get_data (G_OBJECT (button), "where"));
}

static void
lapak_tenant_home_dispose (GObject *object)
{
  LapakTenantHome *self = LAPAK_TENANT_HOME (object);

  lapak_tenant_home_clear (self);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->row_texts, g_ptr_array_unref);
  self->list = NULL;
  G_OBJECT_CLASS (lapak_tenant_home_parent_class)->dispose (object);
}

static void
lapak_tenant_home_class_init (LapakTenantHomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lapak_tenant_home_dispose;

  /**
   * LapakTenantHome::navigate:
   * @where: "products", "labels", "checkin" or "logout"
   */
  signals[SIGNAL_NAVIGATE] = g_signal_new ("navigate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lapak_tenant_home_init (LapakTenantHome *self)
{
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *caption;
  const struct { const char *where; const char *name; const char *label; } buttons[] = {
    { "products", "products_button", N_("My products") },
    { "labels", "labels_button", N_("Print labels") },
    { "checkin", "checkin_button", N_("Check in stock") },
    { "logout", "logout_button", N_("Log out") },
  };

  self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  self->row_texts = g_ptr_array_new_with_free_func (g_free);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self), 24);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 16);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 16);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 16);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 16);

  self->title = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "title-1");
  gtk_label_set_wrap (self->title, TRUE);
  gtk_label_set_xalign (self->title, 0);
  lapak_manage_keep (self->widgets, "title", self->title);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->title));
  caption = gtk_label_new (_("Current balance"));
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "heading");
  gtk_box_append (GTK_BOX (left), caption);
  self->balance_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->balance_label), "total");
  gtk_label_set_xalign (self->balance_label, 0);
  lapak_manage_keep (self->widgets, "balance_label", self->balance_label);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->balance_label));
  caption = gtk_label_new (_("Sales less refunds, commission, charges and payouts so far."));
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (left), caption);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(buttons[i].label));

      gtk_widget_add_css_class (button, "big-button");
      if (i < 3)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_widget_set_size_request (button, -1, 64);
      gtk_widget_set_focus_on_click (button, FALSE);
      g_object_set_data (G_OBJECT (button), "where", (gpointer) buttons[i].where);
      g_signal_connect (button, "clicked", G_CALLBACK (navigate_clicked_cb), self);
      lapak_manage_keep (self->widgets, buttons[i].name, button);
      gtk_box_append (GTK_BOX (left), button);
    }
  gtk_widget_set_size_request (left, 420, -1);
  gtk_box_append (GTK_BOX (self), left);

  caption = gtk_label_new (_("My sales in this event"));
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "title-3");
  gtk_box_append (GTK_BOX (right), caption);
  self->message = GTK_LABEL (lapak_manage_label (self->widgets, "message", "error"));
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->message));
  self->sales_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->sales_label, 0);
  gtk_label_set_wrap (self->sales_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->sales_label), "title-4");
  lapak_manage_keep (self->widgets, "sales_label", self->sales_label);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->sales_label));
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
lapak_tenant_home_new (void)
{
  return g_object_new (LAPAK_TYPE_TENANT_HOME, NULL);
}

/**
 * lapak_tenant_home_load:
 * @user: a tenant user; borrowed until lapak_tenant_home_clear()
 */
void
lapak_tenant_home_load (LapakTenantHome *self,
                        LapakDb         *db,
                        const LapakUser *user)
{
  g_autofree char *title = NULL;

  g_return_if_fail (LAPAK_IS_TENANT_HOME (self));
  g_return_if_fail (LAPAK_IS_DB (db));
  g_return_if_fail (user != NULL);

  lapak_tenant_home_clear (self);
  g_set_object (&self->db, db);
  self->user = user;
  /* Translators: the tenant's page title: "Tini · tenant KLL" */
  title = g_strdup_printf (_("%s · tenant %s"), lapak_user_get_name (user), lapak_user_get_tenant (user));
  gtk_label_set_label (self->title, title);
  lapak_tenant_home_refresh (self);
  self->refresh_source = g_timeout_add_seconds (TENANT_HOME_REFRESH_SECONDS, refresh_cb, self);
}

/* Reads the balance and the sales again. */
void
lapak_tenant_home_refresh (LapakTenantHome *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakEvent) event = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *balance_text = NULL;
  g_autofree char *sold_text = NULL;
  g_autofree char *summary_text = NULL;
  LapakSalesSummary summary = { 0 };
  const char *tenant;
  guint shown = 0;

  g_return_if_fail (LAPAK_IS_TENANT_HOME (self));
  if (self->user == NULL)
    return;
  tenant = lapak_user_get_tenant (self->user);
  lapak_manage_message (self->message, NULL, TRUE);
  lapak_manage_clear_list (self->list);
  g_ptr_array_set_size (self->row_texts, 0);
  gtk_label_set_label (self->sales_label, "");

  /* The sums are the core's; without an active event, the balance alone. */
  event = lapak_event_get_active (self->db, &error);
  if (event == NULL)
    {
      lapak_manage_message (self->message, error->message, TRUE);
      g_clear_error (&error);
    }
  if (!lapak_sales_summary (self->db, self->user, tenant, event != NULL ? event->code : NULL, &summary, &error))
    {
      lapak_manage_message (self->message, error->message, TRUE);
      return;
    }
  balance_text = money (summary.balance);
  gtk_label_set_label (self->balance_label, balance_text);
  if (event == NULL)
    return;

  if (!(lines = lapak_sales_lines (self->db, self->user, tenant, event->code, &error)))
    {
      lapak_manage_message (self->message, error->message, TRUE);
      return;
    }
  /* Newest first. */
  for (guint i = lines->len; i > 0 && shown < TENANT_HOME_MAX_ROWS; i--, shown++)
    {
      const LapakSalesLine *l = g_ptr_array_index (lines, i - 1);
      char *text = line_text (l);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_widget_set_margin_start (label, 8);
      if (l->voided)
        gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (self->list, label);
      g_ptr_array_add (self->row_texts, text);
    }
  sold_text = money (summary.net_sales);
  /* Translators: above the tenant's sales: "Rp 45,000 sold · 3 units" */
  summary_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sold · %" PRId64 " unit", "%s sold · %" PRId64 " units",
                                               summary.units > 1000000 ? 1000000ul : (gulong) MAX (summary.units, 0)),
                                  sold_text, summary.units);
  gtk_label_set_label (self->sales_label, summary_text);
}

/* Forgets the user and stops reading (the page is left). */
void
lapak_tenant_home_clear (LapakTenantHome *self)
{

  g_return_if_fail (LAPAK_IS_TENANT_HOME (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->user = NULL;
  g_clear_object (&self->db);
  if (self->row_texts != NULL)
    g_ptr_array_set_size (self->row_texts, 0);
  if (self->list != NULL)
    lapak_manage_clear_list (self->list);
}

GtkWidget *
lapak_tenant_home_get_widget (LapakTenantHome *self,
                              const char      *name)
{
  g_return_val_if_fail (LAPAK_IS_TENANT_HOME (self), NULL);
  return g_hash_table_lookup (self->widgets, name);
}

guint
lapak_tenant_home_get_n_rows (LapakTenantHome *self)
{
  g_return_val_if_fail (LAPAK_IS_TENANT_HOME (self), 0);
  return self->row_texts->len;
}

const char *
lapak_tenant_home_get_row_text (LapakTenantHome *self,
                                guint            i)
{
  g_return_val_if_fail (LAPAK_IS_TENANT_HOME (self), NULL);
  g_return_val_if_fail (i < self->row_texts->len, NULL);
  return g_ptr_array_index (self->row_texts, i);
}
