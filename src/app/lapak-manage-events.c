/* lapak-manage-events.c — the organiser's event screen in the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The till's events, the active one marked; creating one (code, name,
 * bazaar or trading house, commission, booth fee and the organiser's static
 * QRIS, checked with the core's parser as it is typed or scanned),
 * switching the active event, and editing an event's name and terms (the
 * core's lapak_event_update(): the new terms are for tenants joining from
 * now on, docs/terms.md). Code and kind never change.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <glib/gi18n.h>

#include "lapak-keypad.h"
#include "lapak-ledger.h"
#include "lapak-manage-events.h"
#include "lapak-manage-util.h"
#include "lapak-money.h"
#include "lapak-qris.h"

struct _LapakManageEvents
{
  GtkBox           parent_instance;

  LapakDb         *db;
  const LapakUser *user;          /* borrowed from the window while shown */
  char            *selected;      /* the event tapped, NULL: a new one */
  gboolean         editing;       /* the selected event's form is open to change */
  GHashTable      *widgets;       /* name → widget */

  GtkListBox      *list;
  GtkLabel        *form_title;
  GtkLabel        *message;
  GtkLabel        *qris_label;
  GtkLabel        *edit_note;
  GtkWidget       *code;
  GtkWidget       *name;
  GtkDropDown     *kind;
  GtkWidget       *commission;
  GtkWidget       *booth_fee;
  GtkWidget       *qris;
  LapakKeypad     *keypad;
};

G_DEFINE_FINAL_TYPE (LapakManageEvents, lapak_manage_events, GTK_TYPE_BOX)

static void
show_message (LapakManageEvents *self,
              const char        *text,
              gboolean           error)
{
  lapak_manage_message (self->message, text, error);
}

static const char *
kind_display (LapakEventKind kind)
{
  return kind == LAPAK_EVENT_TRADING_HOUSE ? _("Trading house") : _("Bazaar");
}

/* Says whether the payload typed so far is a QRIS the till can use. */
static gboolean
check_qris (LapakManageEvents *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *merchant = NULL;
  g_autofree char *text = NULL;
  const char *payload = lapak_manage_text (self->qris);

  if (*payload == '\0')
    {
      lapak_manage_message (self->qris_label, _("No QRIS: customers can pay by cash or card only."), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->qris_label), "success");
      return TRUE;
    }
  if (!lapak_qris_check (payload, &error))
    {
      lapak_manage_message (self->qris_label, error->message, TRUE);
      return FALSE;
    }
  merchant = lapak_qris_merchant_name (payload);
  text = g_strdup_printf (_("Valid QRIS for “%s”."), merchant != NULL ? merchant : "?");
  lapak_manage_message (self->qris_label, text, FALSE);
  return TRUE;
}

static void
qris_changed_cb (LapakManageEvents *self)
{
  check_qris (self);
}

/* What may be typed and tapped: all of a new event; nothing of a chosen one
 * but "Use" and "Edit"; its name and terms while it is edited. */
static void
set_mode (LapakManageEvents *self)
{
  gboolean creating = self->selected == NULL;
  GtkWidget *fixed[] = { self->code, GTK_WIDGET (self->kind) };
  GtkWidget *terms[] = { self->name, self->commission, self->booth_fee, self->qris };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    lapak_manage_set_sensitive (fixed[i], creating, GTK_WIDGET (self->list));
  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    lapak_manage_set_sensitive (terms[i], creating || self->editing, GTK_WIDGET (self->list));
  gtk_widget_set_visible (g_hash_table_lookup (self->widgets, "create_button"), creating);
  gtk_widget_set_visible (g_hash_table_lookup (self->widgets, "use_button"), !creating && !self->editing);
  gtk_widget_set_visible (g_hash_table_lookup (self->widgets, "edit_button"), !creating && !self->editing);
  gtk_widget_set_visible (g_hash_table_lookup (self->widgets, "save_button"), self->editing);
  gtk_widget_set_visible (g_hash_table_lookup (self->widgets, "cancel_button"), self->editing);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_note), self->editing);
}

static void
fill_form (LapakManageEvents *self,
           const LapakEvent  *e)
{
  g_autofree char *title = NULL;
  g_autofree char *commission = NULL;
  g_autofree char *fee = NULL;

  g_free (self->selected);
  self->selected = e != NULL ? g_strdup (e->code) : NULL;
  if (e != NULL)
    {
      title = g_strdup_printf (e->active ? _("Event %s (active)") : _("Event %s"), e->code);
      commission = lapak_percent_format (e->commission_bp, LAPAK_MONEY_STYLE_DEFAULT);
      fee = g_strdup_printf ("%" G_GINT64_FORMAT, e->booth_fee);
    }
  gtk_label_set_label (self->form_title, e != NULL ? title : _("New event"));
  gtk_editable_set_text (GTK_EDITABLE (self->code), e != NULL ? e->code : "");
  gtk_editable_set_text (GTK_EDITABLE (self->name), e != NULL ? e->name : "");
  gtk_drop_down_set_selected (self->kind, e != NULL && e->kind == LAPAK_EVENT_TRADING_HOUSE ? 1 : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->commission), commission != NULL ? commission : "");
  gtk_editable_set_text (GTK_EDITABLE (self->booth_fee), fee != NULL ? fee : "");
  gtk_editable_set_text (GTK_EDITABLE (self->qris), e != NULL && e->qris != NULL ? e->qris : "");
  self->editing = FALSE;
  set_mode (self);
  check_qris (self);
}

static void
reload (LapakManageEvents *self,
        const char        *select)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *keep = g_strdup (select);
  const LapakEvent *chosen = NULL;

  lapak_manage_clear_list (self->list);
  if (self->db == NULL)
    return;
  if (!(events = lapak_event_list (self->db, &error)))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < events->len; i++)
    {
      LapakEvent *e = g_ptr_array_index (events, i);
      g_autofree char *text = NULL;
      GtkWidget *label, *row;

      if (e->active)
        /* Translators: an event's row: code, name, kind, and that it is the active one. */
        text = g_strdup_printf (_("%s — %s\n%s · active on this till"), e->code, e->name, kind_display (e->kind));
      else
        text = g_strdup_printf (_("%s — %s\n%s"), e->code, e->name, kind_display (e->kind));
      label = gtk_label_new (text);
      row = gtk_list_box_row_new ();
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      if (e->active)
        gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_size_request (row, -1, 56);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_widget_set_name (row, e->code);
      gtk_list_box_append (self->list, row);
      if (g_strcmp0 (keep, e->code) == 0)
        {
          gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
          chosen = e;
        }
    }
  fill_form (self, chosen);
}

static void
row_activated_cb (LapakManageEvents *self,
                  GtkListBoxRow     *row)
{
  show_message (self, NULL, FALSE);
  reload (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
new_clicked_cb (LapakManageEvents *self)
{
  gtk_list_box_unselect_all (self->list);
  fill_form (self, NULL);
  show_message (self, NULL, FALSE);
  gtk_widget_grab_focus (self->code);
}

static void
create_clicked_cb (LapakManageEvents *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  g_autofree char *commission = NULL;
  g_autofree char *fee = NULL;
  g_autofree char *qris = NULL;
  g_autofree char *text = NULL;
  LapakEventKind kind = gtk_drop_down_get_selected (self->kind) == 1 ? LAPAK_EVENT_TRADING_HOUSE
                                                                      : LAPAK_EVENT_BAZAAR;
  int bp = 0;
  int64_t booth_fee = 0;

  if (!check_qris (self))
    {
      show_message (self, _("The event was not created: the QRIS is not valid (see below). Scan the "
                            "printed QRIS again, or leave the field empty."), TRUE);
      return;
    }
  code = g_ascii_strup (lapak_manage_text (self->code), -1);
  name = g_strdup (lapak_manage_text (self->name));
  commission = g_strdup (lapak_manage_text (self->commission));
  fee = g_strdup (lapak_manage_text (self->booth_fee));
  qris = g_strdup (lapak_manage_text (self->qris));
  if ((*commission != '\0' && !lapak_percent_parse (commission, &bp, &error)) ||
      (*fee != '\0' && !lapak_money_parse (fee, &booth_fee, &error)) ||
      !lapak_event_create (self->db, self->user, code, name, kind, bp, booth_fee,
                           *qris != '\0' ? qris : NULL, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  text = g_strdup_printf (_("Event %s created; it is now the active event on this till."), code);
  reload (self, code);
  show_message (self, text, FALSE);
}

static void
use_clicked_cb (LapakManageEvents *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = g_strdup (self->selected);
  g_autofree char *text = NULL;

  if (code == NULL)
    return;
  if (!lapak_event_use (self->db, self->user, code, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  text = g_strdup_printf (_("This till now sells for event %s."), code);
  reload (self, code);
  show_message (self, text, FALSE);
}

static void
edit_clicked_cb (LapakManageEvents *self)
{
  if (self->selected == NULL)
    return;
  self->editing = TRUE;
  set_mode (self);
  show_message (self, NULL, FALSE);
  gtk_widget_grab_focus (self->name);
}

static void
cancel_clicked_cb (LapakManageEvents *self)
{
  g_autofree char *code = g_strdup (self->selected);

  show_message (self, NULL, FALSE);
  reload (self, code);
}

static void
save_clicked_cb (LapakManageEvents *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = g_strdup (self->selected);
  g_autofree char *name = NULL;
  g_autofree char *commission = NULL;
  g_autofree char *fee = NULL;
  g_autofree char *qris = NULL;
  g_autofree char *text = NULL;
  int bp = 0;
  int64_t booth_fee = 0;

  if (code == NULL || !self->editing)
    return;
  if (!check_qris (self))
    {
      show_message (self, _("Nothing was saved: the QRIS is not valid (see below). Scan the printed "
                            "QRIS again, or leave the field empty."), TRUE);
      return;
    }
  name = g_strdup (lapak_manage_text (self->name));
  commission = g_strdup (lapak_manage_text (self->commission));
  fee = g_strdup (lapak_manage_text (self->booth_fee));
  qris = g_strdup (lapak_manage_text (self->qris));
  if ((*commission != '\0' && !lapak_percent_parse (commission, &bp, &error)) ||
      (*fee != '\0' && !lapak_money_parse (fee, &booth_fee, &error)) ||
      !lapak_event_update (self->db, self->user, code, name, bp, booth_fee, qris, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  /* Translators: after an event's terms were edited */
  text = g_strdup_printf (_("Event %s saved. Tenants already in it keep their own commission and booth fee."),
                          code);
  reload (self, code);
  show_message (self, text, FALSE);
}

static void
lapak_manage_events_dispose (GObject *object)
{
  LapakManageEvents *self = LAPAK_MANAGE_EVENTS (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  G_OBJECT_CLASS (lapak_manage_events_parent_class)->dispose (object);
}

static void
lapak_manage_events_finalize (GObject *object)
{
  LapakManageEvents *self = LAPAK_MANAGE_EVENTS (object);

  g_free (self->selected);
  G_OBJECT_CLASS (lapak_manage_events_parent_class)->finalize (object);
}

static void
lapak_manage_events_class_init (LapakManageEventsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lapak_manage_events_dispose;
  object_class->finalize = lapak_manage_events_finalize;
}

static void
lapak_manage_events_init (LapakManageEvents *self)
{
  GHashTable *w;
  GtkWidget *left, *right, *form, *grid, *scroller, *buttons, *b;
  const char *kinds[] = { kind_display (LAPAK_EVENT_BAZAAR), kind_display (LAPAK_EVENT_TRADING_HOUSE), NULL };

  w = self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self), 18);

  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_hexpand (left, TRUE);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  lapak_manage_keep (w, "event_list", self->list);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (left), scroller);
  gtk_box_append (GTK_BOX (left),
                  lapak_manage_button (w, "new_button", _("New event"), G_CALLBACK (new_clicked_cb), self));
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
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_widget_set_hexpand (grid, TRUE);
  self->code = lapak_manage_entry (w, "code_entry", _("e.g. JCC-2026"));
  self->name = lapak_manage_entry (w, "name_entry", NULL);
  self->kind = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (kinds));
  gtk_widget_set_size_request (GTK_WIDGET (self->kind), -1, 48);
  lapak_manage_keep (w, "kind_dropdown", self->kind);
  self->commission = lapak_manage_entry (w, "commission_entry", _("e.g. 10"));
  self->booth_fee = lapak_manage_entry (w, "booth_fee_entry", _("e.g. 250000"));
  gtk_entry_set_input_purpose (GTK_ENTRY (self->booth_fee), GTK_INPUT_PURPOSE_NUMBER);
  self->qris = lapak_manage_entry (w, "qris_entry", _("Scan the printed QRIS or paste its text"));
  g_signal_connect_swapped (self->qris, "changed", G_CALLBACK (qris_changed_cb), self);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("Code"), self->code), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("Kind"), GTK_WIDGET (self->kind)), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("Name"), self->name), 0, 1, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("Commission (%)"), self->commission), 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("Booth fee (Rp)"), self->booth_fee), 1, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), lapak_manage_field (_("Organiser's static QRIS"), self->qris), 0, 3, 2, 1);
  self->qris_label = GTK_LABEL (lapak_manage_label (w, "qris_label", NULL));
  gtk_label_set_wrap_mode (self->qris_label, PANGO_WRAP_WORD_CHAR);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->qris_label), 0, 4, 2, 1);
  self->edit_note = GTK_LABEL (lapak_manage_label (w, "edit_note", "dim-label"));
  gtk_label_set_label (self->edit_note, _("A new commission or booth fee is for tenants who join from now on: "
                                          "tenants already in the event keep theirs."));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->edit_note), 0, 5, 2, 1);
  gtk_box_append (GTK_BOX (form), grid);
  self->keypad = LAPAK_KEYPAD (lapak_keypad_new ());
  lapak_manage_keep (w, "keypad", self->keypad);
  gtk_widget_set_valign (GTK_WIDGET (self->keypad), GTK_ALIGN_START);
  lapak_keypad_set_target (self->keypad, GTK_EDITABLE (self->commission));
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
                  lapak_manage_button (w, "use_button", _("Use this event"), G_CALLBACK (use_clicked_cb), self));
  gtk_box_append (GTK_BOX (buttons),
                  lapak_manage_button (w, "edit_button", _("Edit"), G_CALLBACK (edit_clicked_cb), self));
  gtk_box_append (GTK_BOX (buttons),
                  lapak_manage_button (w, "cancel_button", _("Cancel"), G_CALLBACK (cancel_clicked_cb), self));
  b = lapak_manage_button (w, "save_button", _("Save changes"), G_CALLBACK (save_clicked_cb), self);
  gtk_widget_add_css_class (b, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), b);
  b = lapak_manage_button (w, "create_button", _("Create event"), G_CALLBACK (create_clicked_cb), self);
  gtk_widget_add_css_class (b, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), b);
  gtk_box_append (GTK_BOX (right), buttons);
  gtk_box_append (GTK_BOX (self), right);

  fill_form (self, NULL);
}

GtkWidget *
lapak_manage_events_new (void)
{
  return g_object_new (LAPAK_TYPE_MANAGE_EVENTS, NULL);
}

void
lapak_manage_events_load (LapakManageEvents *self,
                          LapakDb           *db,
                          const LapakUser   *user)
{
  g_return_if_fail (LAPAK_IS_MANAGE_EVENTS (self));

  g_set_object (&self->db, db);
  self->user = user;
  show_message (self, NULL, FALSE);
  reload (self, NULL);
}

void
lapak_manage_events_clear (LapakManageEvents *self)
{
  g_return_if_fail (LAPAK_IS_MANAGE_EVENTS (self));

  self->user = NULL;
  g_clear_object (&self->db);
  lapak_manage_clear_list (self->list);
  fill_form (self, NULL);
}

GtkWidget *
lapak_manage_events_get_widget (LapakManageEvents *self,
                                const char        *id)
{
  g_return_val_if_fail (LAPAK_IS_MANAGE_EVENTS (self), NULL);
  return g_hash_table_lookup (self->widgets, id);
}

GtkWidget *
lapak_manage_events_get_row (LapakManageEvents *self,
                             const char        *code)
{
  g_return_val_if_fail (LAPAK_IS_MANAGE_EVENTS (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (gtk_widget_get_name (row), code))
      return row;
  return NULL;
}
