/* test-kiosk-setup.c — the first start of a till, filled in as an organiser would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb (tests/headless.sh): the set-up window is shown on a path with
 * no database; the test types into its rows and taps "Create the till". A
 * refused form shows a message and leaves no file; an accepted one gives
 * the till, its organiser and its event, and hands the database on.
 */
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lapak-auth.h"
#include "lapak-ledger.h"
#include "lapak-setup-window.h"
#include "lapak-test-gtk.h"
#include "lapak-test-util.h"

typedef struct
{
  char             *dir;
  char             *path;
  LapakSetupWindow *window;
  LapakDb          *created;
} Fixture;

static gpointer
child (Fixture    *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->window), LAPAK_TYPE_SETUP_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static void
type (Fixture    *f,
      const char *row,
      const char *text)
{
  GtkWidget *widget = child (f, row);

  g_assert_true (gtk_widget_is_sensitive (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
  lapak_test_gtk_iterate ();
}

static void
created_cb (LapakSetupWindow *window,
            LapakDb          *db,
            Fixture          *f)
{
  g_assert_null (f->created);
  f->created = g_object_ref (db);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  f->dir = lapak_test_make_dir ();
  f->path = g_build_filename (f->dir, "lapak.db", NULL);
  f->window = lapak_setup_window_new (NULL, f->path, NULL);
  g_signal_connect (f->window, "created", G_CALLBACK (created_cb), f);
  lapak_test_gtk_present (GTK_WINDOW (f->window), 1366, 768);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  lapak_test_gtk_iterate ();
  g_clear_object (&f->created);
  lapak_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static guint
n_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* A refusal: a message on screen, nothing handed on, no file made. */
static void
assert_refused (Fixture *f)
{
  GtkLabel *message = child (f, "message_label");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_cmpstr (gtk_label_get_label (message), !=, "");
  g_assert_null (f->created);
  g_assert_cmpuint (n_files (f->dir), ==, 0);
}

static void
test_with_event (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) organiser = NULL;
  g_autoptr(LapakEvent) event = NULL;

  /* The till id is suggested; the form starts without a message. */
  g_assert_cmpstr (gtk_editable_get_text (child (f, "till_row")), ==, "K1");
  g_assert_false (gtk_widget_get_visible (child (f, "message_label")));
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "setup.png");

  type (f, "till_row", "K2");
  type (f, "organiser_row", "Ketua");
  type (f, "pin_row", "123456");
  type (f, "pin_again_row", "123465");
  type (f, "event_code_row", "BAZAR-1");
  type (f, "event_name_row", "Bazar UMKM Ramadan");
  adw_combo_row_set_selected (child (f, "kind_row"), 1);
  type (f, "commission_row", "12,5");
  type (f, "booth_fee_row", "Rp150.000");

  /* Two different PINs: refused, and the second one must be typed again. */
  lapak_test_gtk_click (child (f, "create_button"));
  assert_refused (f);
  g_assert_cmpstr (gtk_editable_get_text (child (f, "pin_again_row")), ==, "");
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "setup-refused.png");

  /* A mistyped event code: the core's message, still nothing made. */
  type (f, "pin_again_row", "123456");
  type (f, "event_code_row", "bazar 1");
  lapak_test_gtk_click (child (f, "create_button"));
  assert_refused (f);
  g_assert_nonnull (strstr (gtk_label_get_label (child (f, "message_label")), "bazar 1"));

  /* A commission that is not a percentage. */
  type (f, "event_code_row", "BAZAR-1");
  type (f, "commission_row", "12,5,5");
  lapak_test_gtk_click (child (f, "create_button"));
  assert_refused (f);

  type (f, "commission_row", "12,5");
  lapak_test_gtk_click (child (f, "create_button"));
  g_assert_nonnull (f->created);
  g_assert_false (gtk_widget_get_visible (child (f, "message_label")));
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpstr (lapak_db_get_till_id (f->created), ==, "K2");
  organiser = lapak_auth_login (f->created, "Ketua", "123456", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lapak_user_get_role (organiser), ==, LAPAK_ROLE_ORGANISER);
  event = lapak_event_get_active (f->created, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (event->code, ==, "BAZAR-1");
  g_assert_cmpstr (event->name, ==, "Bazar UMKM Ramadan");
  g_assert_cmpint (event->kind, ==, LAPAK_EVENT_TRADING_HOUSE);
  g_assert_cmpint (event->commission_bp, ==, 1250);
  g_assert_cmpint (event->booth_fee, ==, 150000);
}

static void
test_without_event (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakEvent) event = NULL;

  type (f, "organiser_row", "Ketua");
  type (f, "pin_row", "2468");
  type (f, "pin_again_row", "2468");
  gtk_switch_set_active (child (f, "event_switch"), FALSE);
  lapak_test_gtk_iterate ();
  /* The event's rows cannot be typed into any more. */
  g_assert_false (gtk_widget_is_sensitive (child (f, "event_code_row")));
  g_assert_false (gtk_widget_is_sensitive (child (f, "booth_fee_row")));

  lapak_test_gtk_click (child (f, "create_button"));
  g_assert_nonnull (f->created);
  g_assert_cmpstr (lapak_db_get_till_id (f->created), ==, "K1");
  event = lapak_event_get_active (f->created, &error);
  g_assert_null (event);
}

int
main (int    argc,
      char **argv)
{
  lapak_test_gtk_init (&argc, &argv);

  g_test_add ("/kiosk-setup/with-event", Fixture, NULL, fixture_set_up, test_with_event, fixture_tear_down);
  g_test_add ("/kiosk-setup/without-event", Fixture, NULL, fixture_set_up, test_without_event, fixture_tear_down);
  return g_test_run ();
}
