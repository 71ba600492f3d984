/* lapak-manage-users.c — the organiser's user screen in the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The till's users with their role and whether they are locked; adding one
 * (a tenant user with its tenant) with its PIN typed twice on the keypad,
 * a new PIN, unlocking after too many wrong PINs, and deactivating with a
 * confirmation. The rules (PIN length, the last organiser) are the core's.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <glib/gi18n.h>

#include "lapak-keypad.h"
#include "lapak-ledger.h"
#include "lapak-manage-users.h"
#include "lapak-manage-util.h"

struct _LapakManageUsers
{
  GtkBox            parent_instance;

  LapakDb          *db;
  const LapakUser  *user;          /* borrowed from the window while shown */
  char             *selected;      /* the user tapped, NULL: a new one */
  GHashTable       *widgets;       /* name → widget */
  GPtrArray        *tenant_codes;  /* in the tenant drop-down's order */
  AdwMessageDialog *dialog;        /* weak */

  GtkListBox       *list;
  GtkLabel         *form_title;
  GtkLabel         *message;
  GtkWidget        *name;
  GtkDropDown      *role;
  GtkDropDown      *tenant;
  GtkWidget        *tenant_field;
  GtkWidget        *pin;
  GtkWidget        *pin_again;
  LapakKeypad      *keypad;
};

G_DEFINE_FINAL_TYPE (LapakManageUsers, lapak_manage_users, GTK_TYPE_BOX)

/* The drop-down's order. */
static const LapakRole roles[] = {
  LAPAK_ROLE_CASHIER, LAPAK_ROLE_SUPERVISOR, LAPAK_ROLE_ORGANISER, LAPAK_ROLE_TENANT,
};

static void
show_message (LapakManageUsers *self,
              const char       *text,
              gboolean          error)
{
  lapak_manage_message (self->message, text, error);
}

static void
update_buttons (LapakManageUsers *self,
                gboolean          locked)
{
  gboolean chosen = self->selected != NULL;

  gtk_widget_set_visible (g_hash_table_lookup (self->widgets, "add_button"), !chosen);
  gtk_widget_set_visible (g_hash_table_lookup (self->widgets, "pin_button"), chosen);
  gtk_widget_set_visible (g_hash_table_lookup (self->widgets, "unlock_button"), chosen);
  gtk_widget_set_sensitive (g_hash_table_lookup (self->widgets, "unlock_button"), chosen && locked);
  gtk_widget_set_visible (g_hash_table_lookup (self->widgets, "deactivate_button"), chosen);
  lapak_manage_set_sensitive (self->name, !chosen, GTK_WIDGET (self->list));
  lapak_manage_set_sensitive (GTK_WIDGET (self->role), !chosen, GTK_WIDGET (self->list));
  lapak_manage_set_sensitive (GTK_WIDGET (self->tenant), !chosen, GTK_WIDGET (self->list));
}

static void
fill_form (LapakManageUsers    *self,
           const LapakUserInfo *info)
{
  g_autofree char *title = NULL;

  g_free (self->selected);
  self->selected = info != NULL ? g_strdup (info->name) : NULL;
  if (info != NULL)
    title = g_strdup_printf (_("User %s"), info->name);
  gtk_label_set_label (self->form_title, info != NULL ? title : _("New user"));
  gtk_editable_set_text (GTK_EDITABLE (self->name), info != NULL ? info->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->pin), "");
  gtk_editable_set_text (GTK_EDITABLE (self->pin_again), "");
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (info != NULL && roles[i] == info->role)
      gtk_drop_down_set_selected (self->role, i);
  if (info == NULL)
    gtk_drop_down_set_selected (self->role, 0);
  if (info != NULL && info->tenant_code != NULL && self->tenant_codes != NULL)
    for (guint i = 0; i < self->tenant_codes->len; i++)
      if (g_str_equal (g_ptr_array_index (self->tenant_codes, i), info->tenant_code))
        gtk_drop_down_set_selected (self->tenant, i);
  lapak_keypad_set_target (self->keypad, GTK_EDITABLE (self->pin));
  update_buttons (self, info != NULL && info->locked);
}

static char *
row_text (const LapakUserInfo *info)
{
  const char *role = lapak_role_display (info->role);

  if (info->locked && info->tenant_code != NULL)
    /* Translators: a user's row: name, role, tenant, and that it is locked. */
    return g_strdup_printf (_("%s — %s of %s — LOCKED"), info->name, role, info->tenant_code);
  if (info->locked)
    return g_strdup_printf (_("%s — %s — LOCKED"), info->name, role);
  if (info->tenant_code != NULL)
    return g_strdup_printf (_("%s — %s of %s"), info->name, role, info->tenant_code);
  return g_strdup_printf (_("%s — %s"), info->name, role);
}

static void
load_tenants (LapakManageUsers *self)
{
  g_autoptr(GPtrArray) tenants = lapak_tenant_list (self->db, NULL);
  GtkStringList *names = gtk_string_list_new (NULL);

  g_clear_pointer (&self->tenant_codes, g_ptr_array_unref);
  self->tenant_codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; tenants != NULL && i < tenants->len; i++)
    {
      LapakTenant *t = g_ptr_array_index (tenants, i);
      g_autofree char *text = g_strdup_printf ("%s — %s", t->code, t->name);

      g_ptr_array_add (self->tenant_codes, g_strdup (t->code));
      gtk_string_list_append (names, text);
    }
  gtk_drop_down_set_model (self->tenant, G_LIST_MODEL (names));
  g_object_unref (names);
}

static void
reload (LapakManageUsers *self,
        const char       *select)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autofree char *keep = g_strdup (select);
  const LapakUserInfo *chosen = NULL;

  lapak_manage_clear_list (self->list);
  if (self->db == NULL)
    return;
  if (!(users = lapak_user_list (self->db, &error)))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < users->len; i++)
    {
      LapakUserInfo *info = g_ptr_array_index (users, i);
      g_autofree char *text = row_text (info);
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      if (info->locked)
        gtk_widget_add_css_class (label, "error");
      gtk_widget_set_size_request (row, -1, 56);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_widget_set_name (row, info->name);
      gtk_list_box_append (self->list, row);
      if (keep != NULL && g_ascii_strcasecmp (keep, info->name) == 0)
        {
          gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
          chosen = info;
        }
    }
  fill_form (self, chosen);
}

static void
row_activated_cb (LapakManageUsers *self,
                  GtkListBoxRow    *row)
{
  show_message (self, NULL, FALSE);
  reload (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
role_changed_cb (LapakManageUsers *self)
{
  guint i = gtk_drop_down_get_selected (self->role);

  gtk_widget_set_visible (self->tenant_field, i < G_N_ELEMENTS (roles) && roles[i] == LAPAK_ROLE_TENANT);
}

static void
new_clicked_cb (LapakManageUsers *self)
{
  gtk_list_box_unselect_all (self->list);
  fill_form (self, NULL);
  show_message (self, NULL, FALSE);
  gtk_widget_grab_focus (self->name);
}

/* The PIN typed twice, or NULL with a message. */
static const char *
read_pin (LapakManageUsers *self)
{
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->pin_again));

  if (*pin == '\0')
    {
      show_message (self, _("Type the PIN on the keypad, then tap “PIN again” and type it once more."), TRUE);
      return NULL;
    }
  if (!g_str_equal (pin, again))
    {
      show_message (self, _("The two PINs differ. Type the same PIN in both fields."), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->pin_again), "");
      return NULL;
    }
  return pin;
}

static void
add_clicked_cb (LapakManageUsers *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (lapak_manage_text (self->name));
  g_autofree char *text = NULL;
  guint r = gtk_drop_down_get_selected (self->role);
  LapakRole role = roles[MIN (r, G_N_ELEMENTS (roles) - 1)];
  const char *tenant = NULL;
  const char *pin;

  if (role == LAPAK_ROLE_TENANT)
    {
      guint t = gtk_drop_down_get_selected (self->tenant);

      if (self->tenant_codes == NULL || t >= self->tenant_codes->len)
        {
          show_message (self, _("Choose the tenant this user belongs to. Add the tenant first if it "
                                "is not in the list."), TRUE);
          return;
        }
      tenant = g_ptr_array_index (self->tenant_codes, t);
    }
  if (!(pin = read_pin (self)))
    return;
  if (!lapak_user_add (self->db, self->user, name, role, tenant, pin, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  text = g_strdup_printf (_("User %s added: they can log in with their PIN now."), name);
  reload (self, name);
  show_message (self, text, FALSE);
}

static void
pin_clicked_cb (LapakManageUsers *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (self->selected);
  g_autofree char *text = NULL;
  const char *pin;

  if (name == NULL || !(pin = read_pin (self)))
    return;
  if (!lapak_user_set_pin (self->db, self->user, name, pin, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  text = g_strdup_printf (_("%s has a new PIN."), name);
  reload (self, name);
  show_message (self, text, FALSE);
}

static void
unlock_clicked_cb (LapakManageUsers *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (self->selected);
  g_autofree char *text = NULL;

  if (name == NULL)
    return;
  if (!lapak_user_unlock (self->db, self->user, name, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  text = g_strdup_printf (_("%s is unlocked and can log in again."), name);
  reload (self, name);
  show_message (self, text, FALSE);
}

static void
deactivate_response_cb (LapakManageUsers *self,
                        const char       *response)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (self->selected);
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "deactivate") || name == NULL || self->db == NULL)
    return;
  if (!lapak_user_deactivate (self->db, self->user, name, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  text = g_strdup_printf (_("%s is deactivated and can no longer log in. Their sales keep their name."),
                          name);
  reload (self, NULL);
  show_message (self, text, FALSE);
}

static void
deactivate_clicked_cb (LapakManageUsers *self)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (self->selected == NULL)
    return;
  body = g_strdup_printf (_("%s will no longer be able to log in on this till."), self->selected);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Deactivate this user?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("Keep"),
                                    "deactivate", _("Deactivate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "deactivate",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (deactivate_response_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lapak_manage_users_dispose (GObject *object)
{
  LapakManageUsers *self = LAPAK_MANAGE_USERS (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);
  g_clear_object (&self->db);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->tenant_codes, g_ptr_array_unref);
  G_OBJECT_CLASS (lapak_manage_users_parent_class)->dispose (object);
}

static void
lapak_manage_users_finalize (GObject *object)
{
  LapakManageUsers *self = LAPAK_MANAGE_USERS (object);

  g_free (self->selected);
  G_OBJECT_CLASS (lapak_manage_users_parent_class)->finalize (object);
}

static void
lapak_manage_users_class_init (LapakManageUsersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lapak_manage_users_dispose;
  object_class->finalize = lapak_manage_users_finalize;
}

static void
lapak_manage_users_init (LapakManageUsers *self)
{
  GHashTable *w;
  GtkWidget *left, *right, *form, *grid, *scroller, *buttons, *b;
  GtkStringList *role_names = gtk_string_list_new (NULL);

  w = self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self), 18);

  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_hexpand (left, TRUE);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  lapak_manage_keep (w, "user_list", self->list);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (left), scroller);
  gtk_box_append (GTK_BOX (left),
                  lapak_manage_button (w, "new_button", _("New user"), G_CALLBACK (new_clicked_cb), self));
  gtk_box_append (GTK_BOX (self), left);

  right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_size_request (right, 560, -1);
  self->form_title = GTK_LABEL (lapak_manage_label (w, "form_title", "title-3"));
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->form_title));
  self->message = GTK_LABEL (lapak_manage_label (w, "message_label", NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->message));

  form = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_hexpand (grid, TRUE);
  self->name = lapak_manage_entry (w, "name_entry", NULL);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("Name"), self->name), 0, 0, 1, 1);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_string_list_append (role_names, lapak_role_display (roles[i]));
  self->role = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (role_names), NULL));
  gtk_widget_set_size_request (GTK_WIDGET (self->role), -1, 48);
  lapak_manage_keep (w, "role_dropdown", self->role);
  g_signal_connect_swapped (self->role, "notify::selected", G_CALLBACK (role_changed_cb), self);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("Role"), GTK_WIDGET (self->role)), 0, 1, 1, 1);
  self->tenant = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_size_request (GTK_WIDGET (self->tenant), -1, 48);
  lapak_manage_keep (w, "tenant_dropdown", self->tenant);
  self->tenant_field = lapak_manage_field (_("Tenant"), GTK_WIDGET (self->tenant));
  gtk_widget_set_visible (self->tenant_field, FALSE);
  gtk_grid_attach (GTK_GRID (grid), self->tenant_field, 0, 2, 1, 1);
  self->pin = gtk_password_entry_new ();
  gtk_widget_set_size_request (self->pin, -1, 48);
  lapak_manage_keep (w, "pin_entry", self->pin);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("PIN (4 to 12 digits)"), self->pin), 0, 3, 1, 1);
  self->pin_again = gtk_password_entry_new ();
  gtk_widget_set_size_request (self->pin_again, -1, 48);
  lapak_manage_keep (w, "pin_again_entry", self->pin_again);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("PIN again"), self->pin_again), 0, 4, 1, 1);
  gtk_box_append (GTK_BOX (form), grid);
  self->keypad = LAPAK_KEYPAD (lapak_keypad_new ());
  lapak_manage_keep (w, "keypad", self->keypad);
  gtk_widget_set_valign (GTK_WIDGET (self->keypad), GTK_ALIGN_START);
  lapak_manage_keypad_follow (self->keypad, self->pin);
  lapak_manage_keypad_follow (self->keypad, self->pin_again);
  gtk_box_append (GTK_BOX (form), GTK_WIDGET (self->keypad));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), form);
  gtk_box_append (GTK_BOX (right), scroller);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  b = lapak_manage_button (w, "deactivate_button", _("Deactivate"), G_CALLBACK (deactivate_clicked_cb), self);
  gtk_widget_add_css_class (b, "destructive-action");
  gtk_box_append (GTK_BOX (buttons), b);
  gtk_box_append (GTK_BOX (buttons),
                  lapak_manage_button (w, "unlock_button", _("Unlock"), G_CALLBACK (unlock_clicked_cb), self));
  gtk_box_append (GTK_BOX (buttons),
                  lapak_manage_button (w, "pin_button", _("Change PIN"), G_CALLBACK (pin_clicked_cb), self));
  b = lapak_manage_button (w, "add_button", _("Add user"), G_CALLBACK (add_clicked_cb), self);
  gtk_widget_add_css_class (b, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), b);
  gtk_box_append (GTK_BOX (right), buttons);
  gtk_box_append (GTK_BOX (self), right);

  fill_form (self, NULL);
}

GtkWidget *
lapak_manage_users_new (void)
{
  return g_object_new (LAPAK_TYPE_MANAGE_USERS, NULL);
}

void
lapak_manage_users_load (LapakManageUsers *self,
                         LapakDb          *db,
                         const LapakUser  *user)
{
  g_return_if_fail (LAPAK_IS_MANAGE_USERS (self));

  g_set_object (&self->db, db);
  self->user = user;
  show_message (self, NULL, FALSE);
  load_tenants (self);
  reload (self, NULL);
}

void
lapak_manage_users_clear (LapakManageUsers *self)
{
  g_return_if_fail (LAPAK_IS_MANAGE_USERS (self));

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->user = NULL;
  g_clear_object (&self->db);
  lapak_manage_clear_list (self->list);
  fill_form (self, NULL);
}

GtkWidget *
lapak_manage_users_get_widget (LapakManageUsers *self,
                               const char       *id)
{
  g_return_val_if_fail (LAPAK_IS_MANAGE_USERS (self), NULL);
  return g_hash_table_lookup (self->widgets, id);
}

GtkWidget *
lapak_manage_users_get_row (LapakManageUsers *self,
                            const char       *name)
{
  g_return_val_if_fail (LAPAK_IS_MANAGE_USERS (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (gtk_widget_get_name (row), name))
      return row;
  return NULL;
}

AdwMessageDialog *
lapak_manage_users_get_dialog (LapakManageUsers *self)
{
  g_return_val_if_fail (LAPAK_IS_MANAGE_USERS (self), NULL);
  return self->dialog;
}
