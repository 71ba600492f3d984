/* lapak-manage-tenants.c — the organiser's tenant screen in the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every tenant with a search, a form to add one or change its name, phone
 * and bank account, and joining or leaving the active event on its terms.
 * The rules (codes, phone numbers, terms, who may leave) are the core's
 * (lapak-ledger); this screen only shows and asks.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lapak-export-bar.h"
#include "lapak-keypad.h"
#include "lapak-ledger.h"
#include "lapak-manage-tenants.h"
#include "lapak-manage-util.h"
#include "lapak-money.h"

struct _LapakManageTenants
{
  GtkBox           parent_instance;

  LapakDb         *db;
  const LapakUser *user;          /* borrowed from the window while shown */
  char            *selected;      /* the tenant in the form, NULL: a new one */
  gboolean         joined;        /* it takes part in the active event, on: */
  int              joined_bp;
  int64_t          joined_fee;
  GHashTable      *widgets;       /* name → widget */

  GtkSearchEntry  *search;
  GtkListBox      *list;
  LapakExportBar  *export_bar;
  GtkLabel        *form_title;
  GtkLabel        *event_label;
  GtkLabel        *message;
  GtkWidget       *code;
  GtkWidget       *name;
  GtkWidget       *phone;
  GtkWidget       *bank;
  GtkWidget       *commission;
  GtkWidget       *booth_fee;
  LapakKeypad     *keypad;
};

G_DEFINE_FINAL_TYPE (LapakManageTenants, lapak_manage_tenants, GTK_TYPE_BOX)

static void
show_message (LapakManageTenants *self,
              const char         *text,
              gboolean            error)
{
  lapak_manage_message (self->message, text, error);
}

static char *
row_text (const LapakTenant *t)
{
  g_autofree char *terms = NULL;

  if (!t->joined)
    /* Translators: a tenant's row: code, name, and that it is not in the event. */
    return g_strdup_printf (_("%s — %s\nnot in this event"), t->code, t->name);
  terms = lapak_percent_format (t->commission_bp, LAPAK_MONEY_STYLE_DEFAULT);
  /* Translators: a tenant's row: code, name, its commission in the event. */
  return g_strdup_printf (_("%s — %s\nin this event, commission %s"), t->code, t->name, terms);
}

static void
fill_form (LapakManageTenants *self,
           const LapakTenant  *t)
{
  g_autofree char *title = NULL;
  g_autofree char *commission = NULL;
  g_autofree char *fee = NULL;

  g_free (self->selected);
  self->selected = t != NULL ? g_strdup (t->code) : NULL;
  if (t != NULL)
    title = g_strdup_printf (_("Tenant %s"), t->code);
  gtk_label_set_label (self->form_title, t != NULL ? title : _("New tenant"));
  gtk_editable_set_text (GTK_EDITABLE (self->code), t != NULL ? t->code : "");
  lapak_manage_set_sensitive (self->code, t == NULL, GTK_WIDGET (self->list));
  gtk_editable_set_text (GTK_EDITABLE (self->name), t != NULL ? t->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone), t != NULL && t->phone ? t->phone : "");
  gtk_editable_set_text (GTK_EDITABLE (self->bank), t != NULL && t->bank_account ? t->bank_account : "");
  if (t != NULL && t->joined)
    {
      commission = lapak_percent_format (t->commission_bp, LAPAK_MONEY_STYLE_DEFAULT);
      fee = g_strdup_printf ("%" G_GINT64_FORMAT, t->booth_fee);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->commission), commission ? commission : "");
  gtk_editable_set_text (GTK_EDITABLE (self->booth_fee), fee ? fee : "");
  /* A tenant's terms are set when it joins; in the event, "Change terms"
   * (lapak_event_tenant_terms(), docs/terms.md). */
  self->joined = t != NULL && t->joined;
  self->joined_bp = self->joined ? t->commission_bp : 0;
  self->joined_fee = self->joined ? t->booth_fee : 0;
  gtk_button_set_label (g_hash_table_lookup (self->widgets, "join_button"),
                        self->joined ? _("Change terms") : _("Join event"));
  gtk_widget_set_sensitive (g_hash_table_lookup (self->widgets, "join_button"), t != NULL);
  gtk_widget_set_sensitive (g_hash_table_lookup (self->widgets, "leave_button"), t != NULL && t->joined);
}

static void
reload (LapakManageTenants *self,
        const char         *select)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tenants = NULL;
  g_autoptr(LapakEvent) event = NULL;
  g_autofree char *keep = g_strdup (select);
  const LapakTenant *chosen = NULL;

  lapak_manage_clear_list (self->list);
  if (self->db == NULL)
    return;

  event = lapak_event_get_active (self->db, NULL);
  if (event != NULL)
    {
      g_autofree char *commission = lapak_percent_format (event->commission_bp, LAPAK_MONEY_STYLE_DEFAULT);
      g_autofree char *fee = lapak_money_format (event->booth_fee, LAPAK_MONEY_STYLE_DEFAULT);
      g_autofree char *text = g_strdup_printf (_("Active event: %s. Empty terms use the event's: "
                                                 "commission %s, booth fee %s."),
                                               event->name, commission, fee);

      gtk_label_set_label (self->event_label, text);
    }
  else
    gtk_label_set_label (self->event_label, _("No event is active: tenants can be registered, "
                                              "but joining needs an event (Manage → Events)."));

  if (!(tenants = lapak_tenant_list (self->db, &error)))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < tenants->len; i++)
    {
      LapakTenant *t = g_ptr_array_index (tenants, i);
      g_autofree char *text = row_text (t);
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_size_request (row, -1, 56);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_widget_set_name (row, t->code);
      g_object_set_data_full (G_OBJECT (row), "search",
                              g_utf8_casefold (text, -1), g_free);
      gtk_list_box_append (self->list, row);
      if (g_strcmp0 (keep, t->code) == 0)
        {
          gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
          chosen = t;
        }
    }
  fill_form (self, chosen);
}

static gboolean
filter_cb (GtkListBoxRow *row,
           gpointer       data)
{
  LapakManageTenants *self = data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));
  g_autofree char *needle = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  return strstr (g_object_get_data (G_OBJECT (row), "search"), needle) != NULL;
}

static void
search_changed_cb (LapakManageTenants *self)
{
  gtk_list_box_invalidate_filter (self->list);
}

static void
row_activated_cb (LapakManageTenants *self,
                  GtkListBoxRow      *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tenants = NULL;
  const char *code = gtk_widget_get_name (GTK_WIDGET (row));

  show_message (self, NULL, FALSE);
  if (!(tenants = lapak_tenant_list (self->db, &error)))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < tenants->len; i++)
    if (g_str_equal (((LapakTenant *) g_ptr_array_index (tenants, i))->code, code))
      fill_form (self, g_ptr_array_index (tenants, i));
}

static void
new_clicked_cb (LapakManageTenants *self)
{
  gtk_list_box_unselect_all (self->list);
  fill_form (self, NULL);
  show_message (self, NULL, FALSE);
  gtk_widget_grab_focus (self->code);
}

/* The terms typed in the form; empty: the event's. */
static gboolean
read_terms (LapakManageTenants  *self,
            int                 *out_bp,
            int64_t             *out_fee,
            GError             **error)
{
  const char *commission = lapak_manage_text (self->commission);
  const char *fee = lapak_manage_text (self->booth_fee);

  *out_bp = LAPAK_TERMS_DEFAULT;
  *out_fee = LAPAK_TERMS_DEFAULT;
  if (*commission != '\0' && !lapak_percent_parse (commission, out_bp, error))
    return FALSE;
  if (*fee != '\0' && !lapak_money_parse (fee, out_fee, error))
    return FALSE;
  return TRUE;
}

static void
save_clicked_cb (LapakManageTenants *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *code = NULL;

  if (self->selected == NULL)
    {
      LapakTenantSpec spec = { 0 };

      code = g_ascii_strup (lapak_manage_text (self->code), -1);
      spec.code = code;
      spec.name = lapak_manage_text (self->name);
      spec.phone = lapak_manage_text (self->phone);
      spec.bank_account = lapak_manage_text (self->bank);
      if (!read_terms (self, &spec.commission_bp, &spec.booth_fee, &error) ||
          !lapak_tenant_add (self->db, self->user, &spec, &error))
        {
          show_message (self, error->message, TRUE);
          return;
        }
      text = g_strdup_printf (_("Tenant %s added."), code);
    }
  else
    {
      code = g_strdup (self->selected);
      if (!lapak_tenant_update (self->db, self->user, code, lapak_manage_text (self->name),
                                lapak_manage_text (self->phone), lapak_manage_text (self->bank), &error))
        {
          show_message (self, error->message, TRUE);
          return;
        }
      text = g_strdup_printf (_("Tenant %s saved."), code);
    }
  reload (self, code);
  show_message (self, text, FALSE);
}

static void
join_clicked_cb (LapakManageTenants *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = g_strdup (self->selected);
  g_autofree char *text = NULL;
  const char *codes[] = { code, NULL };
  int bp;
  int64_t fee;

  if (code == NULL)
    return;
  if (self->joined)
    {
      /* Its terms in the event: an empty field keeps what it has. */
      if (!read_terms (self, &bp, &fee, &error) ||
          !lapak_event_tenant_terms (self->db, self->user, code, bp == LAPAK_TERMS_DEFAULT ? self->joined_bp : bp,
                                     fee == LAPAK_TERMS_DEFAULT ? self->joined_fee : fee, &error))
        {
          show_message (self, error->message, TRUE);
          return;
        }
      if (fee != LAPAK_TERMS_DEFAULT && fee != self->joined_fee)
        /* Translators: after a tenant's booth fee was changed */
        text = g_strdup_printf (_("Tenant %s's terms saved. The difference to the booth fee already charged "
                                  "was entered in its account."), code);
      else
        text = g_strdup_printf (_("Tenant %s's terms saved."), code);
    }
  else if (!read_terms (self, &bp, &fee, &error) ||
           !lapak_event_join (self->db, self->user, codes, bp, fee, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  else
    text = g_strdup_printf (_("Tenant %s joined the event."), code);
  reload (self, code);
  show_message (self, text, FALSE);
}

static void
leave_clicked_cb (LapakManageTenants *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = g_strdup (self->selected);
  g_autofree char *text = NULL;

  if (code == NULL)
    return;
  if (!lapak_event_leave (self->db, self->user, code, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  text = g_strdup_printf (_("Tenant %s left the event; its booth fee was given back."), code);
  reload (self, code);
  show_message (self, text, FALSE);
}

static void
lapak_manage_tenants_dispose (GObject *object)
{
  LapakManageTenants *self = LAPAK_MANAGE_TENANTS (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  G_OBJECT_CLASS (lapak_manage_tenants_parent_class)->dispose (object);
}

static void
lapak_manage_tenants_finalize (GObject *object)
{
  LapakManageTenants *self = LAPAK_MANAGE_TENANTS (object);

  g_free (self->selected);
  G_OBJECT_CLASS (lapak_manage_tenants_parent_class)->finalize (object);
}

static void
lapak_manage_tenants_class_init (LapakManageTenantsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lapak_manage_tenants_dispose;
  object_class->finalize = lapak_manage_tenants_finalize;
}

static void
lapak_manage_tenants_init (LapakManageTenants *self)
{
  GHashTable *w;
  GtkWidget *left, *right, *form, *scroller, *buttons, *grid, *b;

  w = self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self), 18);

  /* The list, searchable by code or name. */
  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_hexpand (left, TRUE);
  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search, "placeholder-text", _("Search by code or name"), NULL);
  gtk_widget_set_size_request (GTK_WIDGET (self->search), -1, 48);
  lapak_manage_keep (w, "search_entry", self->search);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (search_changed_cb), self);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->search));
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  lapak_manage_keep (w, "tenant_list", self->list);
  gtk_list_box_set_filter_func (self->list, filter_cb, self, NULL);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (left), scroller);
  gtk_box_append (GTK_BOX (left),
                  lapak_manage_button (w, "new_button", _("New tenant"), G_CALLBACK (new_clicked_cb), self));
  self->export_bar = LAPAK_EXPORT_BAR (lapak_export_bar_new (LAPAK_EXPORT_BAR_TENANTS));
  lapak_manage_keep (w, "export_bar", self->export_bar);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->export_bar));
  gtk_box_append (GTK_BOX (self), left);

  /* The form, with a keypad for the numbers. */
  right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_size_request (right, 560, -1);
  self->form_title = GTK_LABEL (lapak_manage_label (w, "form_title", "title-3"));
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->form_title));
  self->event_label = GTK_LABEL (lapak_manage_label (w, "event_label", "dim-label"));
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->event_label));
  self->message = GTK_LABEL (lapak_manage_label (w, "message_label", NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->message));

  form = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_widget_set_hexpand (grid, TRUE);
  self->code = lapak_manage_entry (w, "code_entry", _("e.g. KLL"));
  self->name = lapak_manage_entry (w, "name_entry", NULL);
  self->phone = lapak_manage_entry (w, "phone_entry", _("e.g. 0812 3456 7890"));
  gtk_entry_set_input_purpose (GTK_ENTRY (self->phone), GTK_INPUT_PURPOSE_PHONE);
  self->bank = lapak_manage_entry (w, "bank_entry", _("e.g. BCA 0000012345"));
  self->commission = lapak_manage_entry (w, "commission_entry", _("event's"));
  self->booth_fee = lapak_manage_entry (w, "booth_fee_entry", _("event's"));
  gtk_entry_set_input_purpose (GTK_ENTRY (self->booth_fee), GTK_INPUT_PURPOSE_NUMBER);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("Code"), self->code), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("Phone"), self->phone), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("Name"), self->name), 0, 1, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("Bank account"), self->bank), 0, 2, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("Commission (%)"), self->commission), 0, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("Booth fee (Rp)"), self->booth_fee), 1, 3, 1, 1);
  gtk_box_append (GTK_BOX (form), grid);
  self->keypad = LAPAK_KEYPAD (lapak_keypad_new ());
  lapak_manage_keep (w, "keypad", self->keypad);
  gtk_widget_set_valign (GTK_WIDGET (self->keypad), GTK_ALIGN_START);
  lapak_keypad_set_target (self->keypad, GTK_EDITABLE (self->phone));
  lapak_manage_keypad_follow (self->keypad, self->phone);
  lapak_manage_keypad_follow (self->keypad, self->commission);
  lapak_manage_keypad_follow (self->keypad, self->booth_fee);
  gtk_box_append (GTK_BOX (form), GTK_WIDGET (self->keypad));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), form);
  gtk_box_append (GTK_BOX (right), scroller);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_box_append (GTK_BOX (buttons),
                  lapak_manage_button (w, "join_button", _("Join event"), G_CALLBACK (join_clicked_cb), self));
  b = lapak_manage_button (w, "leave_button", _("Leave event"), G_CALLBACK (leave_clicked_cb), self);
  gtk_widget_add_css_class (b, "destructive-action");
  gtk_box_append (GTK_BOX (buttons), b);
  b = lapak_manage_button (w, "save_button", _("Save"), G_CALLBACK (save_clicked_cb), self);
  gtk_widget_add_css_class (b, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), b);
  gtk_box_append (GTK_BOX (right), buttons);
  gtk_box_append (GTK_BOX (self), right);

  fill_form (self, NULL);
}

GtkWidget *
lapak_manage_tenants_new (void)
{
  return g_object_new (LAPAK_TYPE_MANAGE_TENANTS, NULL);
}

void
lapak_manage_tenants_load (LapakManageTenants *self,
                           LapakDb            *db,
                           const LapakUser    *user)
{
  g_return_if_fail (LAPAK_IS_MANAGE_TENANTS (self));

  g_set_object (&self->db, db);
  self->user = user;
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  show_message (self, NULL, FALSE);
  lapak_export_bar_load (self->export_bar, db, user);
  reload (self, NULL);
}

/* Forgets the organiser and the data when the page is left. */
void
lapak_manage_tenants_clear (LapakManageTenants *self)
{
  g_return_if_fail (LAPAK_IS_MANAGE_TENANTS (self));

  self->user = NULL;
  g_clear_object (&self->db);
  lapak_export_bar_clear (self->export_bar);
  lapak_manage_clear_list (self->list);
  fill_form (self, NULL);
}

GtkWidget *
lapak_manage_tenants_get_widget (LapakManageTenants *self,
                                 const char         *id)
{
  g_return_val_if_fail (LAPAK_IS_MANAGE_TENANTS (self), NULL);
  return g_hash_table_lookup (self->widgets, id);
}

GtkWidget *
lapak_manage_tenants_get_row (LapakManageTenants *self,
                              const char         *code)
{
  g_return_val_if_fail (LAPAK_IS_MANAGE_TENANTS (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (gtk_widget_get_name (row), code))
      return row;
  return NULL;
}
