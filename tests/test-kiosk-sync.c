/* test-kiosk-sync.c — the kiosk's sync page and header status, in-process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (tests/headless.sh), in English and in Indonesian (the
 * kiosk-sync-id test). Two real databases: a hub K1 and a till K2, paired;
 * each in its own kiosk window, with the organiser logged in. At the till:
 * the header says how many records are not at the hub; "Sync" →
 * "Export to USB stick" writes the bundle into a folder (the stick) while
 * the window keeps running; at the hub, "Import from USB stick" merges it
 * (the hub's database holds the sale) and "Export" writes the hub's
 * bundle; back at the till, "Import" brings it, and the page and the header
 * say every record is at the hub. Then the till sells again and the shift
 * close is refused, showing why; the organiser closes anyway with a reason,
 * which the database keeps.
 */
#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lapak-auth.h"
#include "lapak-keypad.h"
#include "lapak-ledger.h"
#include "lapak-sale.h"
#include "lapak-shift.h"
#include "lapak-sync.h"
#include "lapak-sync-page.h"
#include "lapak-test-gtk.h"
#include "lapak-test-util.h"
#include "lapak-window.h"

typedef struct
{
  char        *dir;
  char        *usb;
  LapakDb     *hub;
  LapakDb     *till;
  LapakUser   *hub_org;
  LapakUser   *till_org;
  GPtrArray   *codes;
} Fixture;

static gpointer
child (LapakWindow *window,
       const char  *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), LAPAK_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static gpointer
page_widget (LapakWindow *window,
             const char  *id)
{
  GtkWidget *w = lapak_sync_page_get_widget (lapak_window_get_sync_page (window), id);

  g_assert_nonnull (w);
  return w;
}

static const char *
page_label (LapakWindow *window,
            const char  *id)
{
  return gtk_label_get_text (GTK_LABEL (page_widget (window, id)));
}

static void
sell (LapakDb         *db,
      const LapakUser *user,
      const char      *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (db, &error);
  g_autoptr(LapakSale) sale = NULL;

  g_assert_no_error (error);
  g_assert_true (lapak_cart_scan (cart, code, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_cart_add_payment (cart, LAPAK_PAY_QRIS, LAPAK_PAY_REST, NULL, &error));
  g_assert_no_error (error);
  sale = lapak_sale_commit (db, user, cart, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *first = NULL;
  g_autoptr(LapakSyncResult) result = NULL;

  f->dir = lapak_test_make_dir ();
  f->usb = g_build_filename (f->dir, "usb", NULL);
  g_assert_cmpint (g_mkdir (f->usb, 0700), ==, 0);
  f->hub = lapak_test_selling_till (f->dir, "K1", &f->hub_org, &f->codes);
  code = lapak_sync_pair_hub (f->hub, f->hub_org, NULL, &error);
  g_assert_no_error (error);
  f->till = lapak_test_new_till (f->dir, "K2");
  f->till_org = lapak_test_login (f->till, "Org", "1234");
  g_assert_true (lapak_sync_pair_till (f->till, f->till_org, code, &error));
  g_assert_no_error (error);
  /* The catalogue reached the till once (set-up, by the core). */
  first = g_build_filename (f->dir, "first.lapak", NULL);
  g_assert_true (lapak_sync_export (f->hub, first, NULL, &error));
  g_assert_no_error (error);
  result = lapak_sync_import (f->till, first, &error);
  g_assert_no_error (error);
  g_clear_pointer (&f->till_org, lapak_user_free);
  f->till_org = lapak_test_login (f->till, "Org", "1234");
  g_assert_true (lapak_shift_open (f->till, f->till_org, 0, NULL, &error));
  g_assert_no_error (error);
  sell (f->till, f->till_org, g_ptr_array_index (f->codes, 0));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  lapak_user_free (f->hub_org);
  lapak_user_free (f->till_org);
  g_ptr_array_unref (f->codes);
  g_clear_object (&f->hub);
  g_clear_object (&f->till);
  lapak_test_remove_tree (f->dir);
  g_free (f->usb);
  g_free (f->dir);
}

static GtkWidget *
user_row (LapakWindow *window,
          const char  *name)
{
  GtkWidget *list = child (window, "user_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (gtk_widget_get_name (row), name))
      return row;
  g_error ("No row for user %s", name);
  return NULL;
}

static LapakWindow *
open_window (LapakDb *db)
{
  LapakWindow *window = lapak_window_new (NULL, db);
  LapakKeypad *keypad = child (window, "login_keypad");

  lapak_test_gtk_present (GTK_WINDOW (window), 1366, 768);
  g_signal_emit_by_name (child (window, "user_list"), "row-activated", user_row (window, "Org"));
  lapak_test_gtk_iterate ();
  for (const char *k = "1234"; *k != '\0'; k++)
    {
      char key[2] = { *k, '\0' };

      lapak_keypad_press (keypad, key);
    }
  lapak_test_gtk_click (child (window, "login_button"));
  lapak_test_gtk_iterate ();
  return window;
}

static gboolean
idle_page (gpointer data)
{
  return !lapak_sync_page_is_busy (lapak_window_get_sync_page (data));
}

static void
open_sync_page (LapakWindow *window,
                const char  *folder)
{
  GtkWidget *button = lapak_window_get_sync_button (window);

  /* Its tile is in the organiser's Manage hub. */
  lapak_test_gtk_click (lapak_window_get_manage_button (window));
  g_assert_true (gtk_widget_get_visible (button));
  lapak_test_gtk_click (button);
  lapak_test_gtk_iterate ();
  g_assert_cmpstr (lapak_window_get_page (window), ==, "sync");
  gtk_editable_set_text (GTK_EDITABLE (page_widget (window, "folder")), folder);
}

static void
tap_and_wait (LapakWindow *window,
              const char  *button)
{
  lapak_test_gtk_click (page_widget (window, button));
  /* The work runs in a thread: the window keeps answering meanwhile. */
  lapak_test_gtk_wait_until (idle_page, window, button);
  lapak_test_gtk_iterate ();
}

/* Nothing clipped or pushed out: the window is still the size asked for. */
static void
assert_fits (LapakWindow *window)
{
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1366);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, 768);
}

static int64_t
pending (LapakDb *db)
{
  g_autoptr(GError) error = NULL;
  LapakSyncPending p;

  g_assert_true (lapak_sync_pending (db, &p, &error));
  g_assert_no_error (error);
  return p.pending;
}

static void
test_sync (Fixture       *f,
           gconstpointer  user_data)
{
  LapakWindow *till_window = open_window (f->till);
  LapakWindow *hub_window = NULL;
  GtkLabel *status = lapak_window_get_sync_status (till_window);
  g_autofree char *till_bundle = g_build_filename (f->usb, "SELL-1-K2.lapak", NULL);
  g_autofree char *hub_bundle = g_build_filename (f->usb, "SELL-1-K1.lapak", NULL);
  g_autofree char *number = g_strdup_printf (" %" G_GINT64_FORMAT " ", (gint64)pending (f->till));
  g_autoptr(GError) error = NULL;

  /* The header: how many records are not at the hub. */
  g_assert_cmpstr (lapak_window_get_page (till_window), ==, "sell");
  g_assert_cmpint (pending (f->till), >, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (status)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (status), number + 1));

  /* Till: export to the stick. */
  open_sync_page (till_window, f->usb);
  g_assert_nonnull (strstr (page_label (till_window, "status"), number));
  tap_and_wait (till_window, "export_button");
  g_assert_true (g_file_test (till_bundle, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (page_label (till_window, "message"), till_bundle));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (page_widget (till_window, "progress")), ==, 1.0);
  lapak_test_gtk_screenshot (GTK_WIDGET (till_window), "sync-export.png");
  assert_fits (till_window);

  /* Hub: import the stick (the till's sale arrives), export its own. */
  hub_window = open_window (f->hub);
  open_sync_page (hub_window, f->usb);
  g_assert_false (gtk_widget_get_visible (page_widget (hub_window, "sync_button")));
  tap_and_wait (hub_window, "import_button");
  g_assert_cmpint (lapak_test_query_int (f->hub, "SELECT COUNT(*) FROM sale WHERE till_id = 'K2'"), ==, 1);
  g_assert_true (gtk_widget_has_css_class (page_widget (hub_window, "message"), "success"));
  lapak_test_gtk_screenshot (GTK_WIDGET (hub_window), "sync-hub-import.png");
  assert_fits (hub_window);
  tap_and_wait (hub_window, "export_button");
  g_assert_true (g_file_test (hub_bundle, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (GTK_WINDOW (hub_window));
  lapak_test_gtk_iterate ();

  /* Till: import the hub's bundle: every record is at the hub now. */
  tap_and_wait (till_window, "import_button");
  g_assert_cmpint (pending (f->till), ==, 0);
  g_assert_true (gtk_widget_has_css_class (page_widget (till_window, "message"), "success"));
  {
    g_autofree char *expected = lapak_sync_status_text (f->till);
    g_autofree char *expected_short = lapak_sync_status_short (f->till);

    /* What the core says: synced now, nothing pending (no count left). */
    g_assert_cmpstr (page_label (till_window, "status"), ==, expected);
    g_assert_cmpstr (gtk_label_get_text (status), ==, expected_short);
    g_assert_null (strstr (expected, number));
    g_assert_false (g_str_has_prefix (expected_short, number + 1));
  }
  lapak_test_gtk_screenshot (GTK_WIDGET (till_window), "sync.png");
  assert_fits (till_window);

  /* Back to selling; another sale (not at the hub). The shift close is
   * refused, saying why; the organiser closes anyway with a reason. */
  lapak_test_gtk_click (page_widget (till_window, "back_button"));
  lapak_test_gtk_iterate ();
  g_assert_cmpstr (lapak_window_get_page (till_window), ==, "sell");
  g_assert_true (gtk_widget_get_visible (lapak_window_get_manage_button (till_window)));
  lapak_test_gtk_screenshot (GTK_WIDGET (till_window), "sync-selling.png");
  assert_fits (till_window);
  sell (f->till, f->till_org, g_ptr_array_index (f->codes, 1));
  lapak_test_gtk_click (child (till_window, "close_shift_button"));
  lapak_test_gtk_iterate ();
  gtk_editable_set_text (GTK_EDITABLE (child (till_window, "count_entry")), "0");
  lapak_test_gtk_click (child (till_window, "count_confirm_button"));
  lapak_test_gtk_iterate ();
  g_assert_cmpstr (lapak_window_get_page (till_window), ==, "close");
  {
    GtkWidget *message = child (till_window, "close_message");
    GtkWidget *force = gtk_widget_get_next_sibling (message);

    g_assert_true (gtk_widget_get_visible (message));
    g_assert_cmpstr (gtk_widget_get_name (force), ==, "force_close_box");
    g_assert_true (gtk_widget_get_visible (force));
    g_assert_cmpint (lapak_test_query_int (f->till, "SELECT COUNT(*) FROM shift WHERE closed_at IS NULL"), ==, 1);
    lapak_test_gtk_screenshot (GTK_WIDGET (till_window), "sync-close-refused.png");
    assert_fits (till_window);
    for (GtkWidget *w = gtk_widget_get_first_child (force); w; w = gtk_widget_get_next_sibling (w))
      if (g_str_equal (gtk_widget_get_name (w), "force_reason_entry"))
        gtk_editable_set_text (GTK_EDITABLE (w), "Hub laptop gone home");
    for (GtkWidget *w = gtk_widget_get_first_child (force); w; w = gtk_widget_get_next_sibling (w))
      if (g_str_equal (gtk_widget_get_name (w), "force_close_button"))
        lapak_test_gtk_click (w);
    lapak_test_gtk_iterate ();
  }
  g_assert_cmpstr (lapak_window_get_page (till_window), ==, "zreport");
  g_assert_cmpint (lapak_test_query_int (f->till, "SELECT COUNT(*) FROM shift WHERE closed_at IS NOT NULL AND "
                                                  "close_forced = 'Hub laptop gone home' AND "
                                                  "close_forced_by = 'Org'"), ==, 1);
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (till_window));
  lapak_test_gtk_iterate ();
}

int
main (int    argc,
      char **argv)
{
  lapak_test_gtk_init (&argc, &argv);
  g_test_add ("/kiosk-sync/usb-stick", Fixture, NULL, fixture_set_up, test_sync, fixture_tear_down);
  return g_test_run ();
}
