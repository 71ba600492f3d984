/* lapak-keypad.c — a big-button numeric keypad that types into an editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Digits 0–9, backspace, and "C" (clear) — or "000" for rupiah amounts. The keys never take
 * the keyboard focus, so a scanner or a keyboard keeps typing where it was.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <glib/gi18n.h>

#include "lapak-keypad.h"

struct _LapakKeypad
{
  GtkGrid      parent_instance;

  GtkEditable *target;
  gboolean     money;

  GtkWidget   *key_000;
  GtkWidget   *key_clear;
};

G_DEFINE_FINAL_TYPE (LapakKeypad, lapak_keypad, GTK_TYPE_GRID)

enum {
  PROP_0,
  PROP_TARGET,
  PROP_MONEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
key_clicked_cb (GtkButton   *button,
                LapakKeypad *self)
{
  lapak_keypad_press (self, gtk_widget_get_name (GTK_WIDGET (button)));
}

static void
lapak_keypad_dispose (GObject *object)
{
  LapakKeypad *self = LAPAK_KEYPAD (object);

  g_clear_object (&self->target);
  gtk_widget_dispose_template (GTK_WIDGET (self), LAPAK_TYPE_KEYPAD);
  G_OBJECT_CLASS (lapak_keypad_parent_class)->dispose (object);
}

static void
lapak_keypad_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LapakKeypad *self = LAPAK_KEYPAD (object);

  switch (prop_id)
    {
    case PROP_TARGET:
      g_value_set_object (value, self->target);
      break;
    case PROP_MONEY:
      g_value_set_boolean (value, self->money);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lapak_keypad_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LapakKeypad *self = LAPAK_KEYPAD (object);

  switch (prop_id)
    {
    case PROP_TARGET:
      lapak_keypad_set_target (self, g_value_get_object (value));
      break;
    case PROP_MONEY:
      self->money = g_value_get_boolean (value);
      gtk_widget_set_visible (self->key_000, self->money);
      gtk_widget_set_visible (self->key_clear, !self->money);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lapak_keypad_class_init (LapakKeypadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lapak_keypad_dispose;
  object_class->get_property = lapak_keypad_get_property;
  object_class->set_property = lapak_keypad_set_property;

  properties[PROP_TARGET] =
    g_param_spec_object ("target", NULL, NULL, GTK_TYPE_EDITABLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* For amounts: a "000" key instead of "C". */
  properties[PROP_MONEY] =
    g_param_spec_boolean ("money", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lapakpos/Lapak/lapak-keypad.ui");
  gtk_widget_class_bind_template_child (widget_class, LapakKeypad, key_000);
  gtk_widget_class_bind_template_child (widget_class, LapakKeypad, key_clear);
  gtk_widget_class_bind_template_callback (widget_class, key_clicked_cb);
}

static void
lapak_keypad_init (LapakKeypad *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lapak_keypad_new (void)
{
  return g_object_new (LAPAK_TYPE_KEYPAD, NULL);
}

GtkEditable *
lapak_keypad_get_target (LapakKeypad *self)
{
  g_return_val_if_fail (LAPAK_IS_KEYPAD (self), NULL);
  return self->target;
}

void
lapak_keypad_set_target (LapakKeypad *self,
                         GtkEditable *target)
{
  g_return_if_fail (LAPAK_IS_KEYPAD (self));
  g_return_if_fail (target == NULL || GTK_IS_EDITABLE (target));

  if (g_set_object (&self->target, target))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

/**
 * lapak_keypad_press:
 * @key: "0" … "9", "000", "back" or "clear"
 *
 * What tapping a key does: appends the digits to the target's text, or
 * deletes its last character, or all of it.
 */
void
lapak_keypad_press (LapakKeypad *self,
                    const char  *key)
{
  const char *text;
  g_autofree char *next = NULL;

  g_return_if_fail (LAPAK_IS_KEYPAD (self));
  g_return_if_fail (key != NULL);

  if (self->target == NULL)
    return;

  text = gtk_editable_get_text (self->target);
  if (g_str_equal (key, "clear"))
    next = g_strdup ("");
  else if (g_str_equal (key, "back"))
    {
      glong n = g_utf8_strlen (text, -1);

      next = n > 0 ? g_utf8_substring (text, 0, n - 1) : g_strdup ("");
    }
  else
    next = g_strconcat (text, key, NULL);

  gtk_editable_set_text (self->target, next);
  gtk_editable_set_position (self->target, -1);
}
