/* lapak-setup-window.c — the first start of a till: its id, organiser, event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown instead of the till when there is no database yet. Everything typed
 * is checked by the core, which creates the till whole or not at all
 * (lapak_till_setup); a refusal shows the core's message and keeps the form.
 * On success the window emits ::created with the open database, and the
 * application replaces it with the till's own window.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <glib/gi18n.h>

#include "lapak-money.h"
#include "lapak-setup.h"
#include "lapak-setup-window.h"

struct _LapakSetupWindow
{
  AdwApplicationWindow  parent_instance;

  char                 *db_path;

  AdwEntryRow          *till_row;
  AdwEntryRow          *organiser_row;
  AdwEntryRow          *pin_row;
  AdwEntryRow          *pin_again_row;
  GtkSwitch            *event_switch;
  AdwEntryRow          *event_code_row;
  AdwEntryRow          *event_name_row;
  AdwComboRow          *kind_row;
  AdwEntryRow          *commission_row;
  AdwEntryRow          *booth_fee_row;
  GtkLabel             *message_label;
  GtkButton            *create_button;
};

G_DEFINE_FINAL_TYPE (LapakSetupWindow, lapak_setup_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  SIGNAL_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (LapakSetupWindow *self,
              const char       *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (message != NULL)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

/* The text of a row, without spaces at either end. */
static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
create_clicked_cb (LapakSetupWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autofree char *till = row_text (self->till_row);
  g_autofree char *organiser = row_text (self->organiser_row);
  g_autofree char *code = row_text (self->event_code_row);
  g_autofree char *name = row_text (self->event_name_row);
  g_autofree char *commission = row_text (self->commission_row);
  g_autofree char *booth_fee = row_text (self->booth_fee_row);
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_row));
  const char *pin_again = gtk_editable_get_text (GTK_EDITABLE (self->pin_again_row));
  gboolean with_event = gtk_switch_get_active (self->event_switch);
  LapakTillSetup setup = { till, organiser, pin, NULL, NULL, LAPAK_EVENT_BAZAAR, 0, 0 };

  if (!g_str_equal (pin, pin_again))
    {
      show_message (self, _("The two PINs differ. Type the same PIN twice."));
      gtk_editable_set_text (GTK_EDITABLE (self->pin_again_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_again_row));
      return;
    }
  if (with_event)
    {
      setup.event_code = code;
      setup.event_name = name;
      setup.event_kind = adw_combo_row_get_selected (self->kind_row) == 1
                           ? LAPAK_EVENT_TRADING_HOUSE : LAPAK_EVENT_BAZAAR;
      /* Empty: no commission, no booth fee. */
      if ((*commission != '\0' && !lapak_percent_parse (commission, &setup.commission_bp, &error)) ||
          (*booth_fee != '\0' && !lapak_money_parse (booth_fee, &setup.booth_fee, &error)))
        {
          show_message (self, error->message);
          return;
        }
    }

  if (!(db = lapak_till_setup (self->db_path, &setup, &error)))
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  g_signal_emit (self, signals[SIGNAL_CREATED], 0, db);
}

static void
lapak_setup_window_finalize (GObject *object)
{
  LapakSetupWindow *self = LAPAK_SETUP_WINDOW (object);

  g_free (self->db_path);
  G_OBJECT_CLASS (lapak_setup_window_parent_class)->finalize (object);
}

static void
lapak_setup_window_class_init (LapakSetupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lapak_setup_window_finalize;

  /**
   * LapakSetupWindow::created:
   * @db: the new till's database, open
   *
   * The till has been created; the window's work is done.
   */
  signals[SIGNAL_CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, LAPAK_TYPE_DB);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lapakpos/Lapak/lapak-setup-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, LapakSetupWindow, name)
  BIND (till_row);
  BIND (organiser_row);
  BIND (pin_row);
  BIND (pin_again_row);
  BIND (event_switch);
  BIND (event_code_row);
  BIND (event_name_row);
  BIND (kind_row);
  BIND (commission_row);
  BIND (booth_fee_row);
  BIND (message_label);
  BIND (create_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
}

static void
lapak_setup_window_init (LapakSetupWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lapak_setup_window_new:
 * @db_path: where the new till's database goes
 * @till_id: (nullable): the id to suggest (the till-id setting), or %NULL
 */
LapakSetupWindow *
lapak_setup_window_new (GtkApplication *application,
                        const char     *db_path,
                        const char     *till_id)
{
  LapakSetupWindow *self = g_object_new (LAPAK_TYPE_SETUP_WINDOW, "application", application, NULL);

  self->db_path = g_strdup (db_path);
  gtk_editable_set_text (GTK_EDITABLE (self->till_row), till_id != NULL && *till_id != '\0' ? till_id : "K1");
  return self;
}
