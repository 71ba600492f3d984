/* test-kiosk-sync-lan.c — the kiosk syncs with a real hub over the LAN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (tests/headless.sh), in English and in Indonesian (the
 * kiosk-sync-lan-id test). The hub is a real `lapakctl sync serve` child on
 * 127.0.0.1, on a port the kernel chose, over a hub database K1; the till
 * K2 is paired with it and runs in-process in a kiosk window, the
 * organiser logged in. The till sells (scan, pay, as a person does) and
 * taps "Sync now": the sale is in the hub's database, the header says
 * synced. The hub is killed (SIGKILL): the till sells on, its automatic
 * round (an interval of 1 s set by the test) fails, and the header says
 * the hub is unreachable and how many records are not at the hub; the
 * till sells again. The hub comes back on the same port: with nobody
 * tapping anything, the automatic sync brings the missed sales over, each
 * once, and the hub holds the till's journal up to the till's own head.
 */
#include <locale.h>
#include <signal.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lapak-auth.h"
#include "lapak-keypad.h"
#include "lapak-shift.h"
#include "lapak-sync-auto.h"
#include "lapak-sync-net.h"
#include "lapak-sync-page.h"
#include "lapak-sync.h"
#include "lapak-test-gtk.h"
#include "lapak-test-util.h"
#include "lapak-window.h"

static char *dir;

static char *
in_dir (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

/* `lapakctl sync serve` on K1.db (the hub), 127.0.0.1:@port (0: any free port); its
 * URL, as it printed it, in @out_url once it listens. */
static GSubprocess *
start_hub (guint   port,
           char  **out_url)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *db = in_dir ("K1.db");
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *log = in_dir ("hub.log");
  GSubprocess *hub;
  char *line;

  g_subprocess_launcher_setenv (launcher, "LAPAK_DB", db, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LC_MESSAGES");
  /* Its log goes to a file, off TAP. */
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  hub = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LAPAKCTL"), "sync", "serve",
                                     "--address", "127.0.0.1", "--port", port_text, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (hub));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));
  *out_url = line;
  return hub;
}

static void
kill_hub (GSubprocess *hub)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (hub, SIGKILL);
  g_assert_true (g_subprocess_wait (hub, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (hub));
}

static guint
port_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  return (guint)g_uri_get_port (uri);
}

/* What the hub's database holds, read by a connection of our own (the hub
 * process has it open too). */
static int64_t
hub_int (const char *sql)
{
  g_autofree char *path = in_dir ("K1.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_db_open (path, &error);

  g_assert_no_error (error);
  return lapak_test_query_int (db, sql);
}

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

/* One sale as a cashier makes it: scan, Pay, the exact cash, Next. */
static void
sell (LapakWindow *window,
      const char  *code)
{
  GtkEditable *entry = child (window, "scan_entry");
  GtkWidget *exact;

  g_assert_cmpstr (lapak_window_get_page (window), ==, "sell");
  gtk_editable_set_text (entry, code);
  g_signal_emit_by_name (entry, "activate");
  lapak_test_gtk_iterate ();
  lapak_test_gtk_click (child (window, "pay_button"));
  exact = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_first_child (child (window,
                                                                                               "quick_cash_box"))));
  lapak_test_gtk_click (exact);
  g_assert_cmpstr (lapak_window_get_page (window), ==, "done");
  lapak_test_gtk_click (child (window, "next_button"));
  g_assert_cmpstr (lapak_window_get_page (window), ==, "sell");
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

static gboolean
idle_page (gpointer data)
{
  return !lapak_sync_page_is_busy (lapak_window_get_sync_page (data));
}

static gboolean
failed_twice (gpointer data)
{
  LapakSyncAuto *sync = lapak_window_get_sync_auto (data);

  return lapak_sync_auto_get_failures (sync) >= 2 && !lapak_sync_auto_is_busy (sync);
}

typedef struct
{
  LapakWindow *window;
  LapakDb     *till;
} Watch;

/* Everything at the hub, and the round that took it there is over. */
static gboolean
caught_up (gpointer data)
{
  Watch *w = data;
  LapakSyncAuto *sync = lapak_window_get_sync_auto (w->window);

  return !lapak_sync_auto_is_busy (sync) && lapak_sync_auto_get_failures (sync) == 0 && pending (w->till) == 0;
}

static void
assert_fits (LapakWindow *window)
{
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1366);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, 768);
}

static void
test_lan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) hub = NULL;
  g_autoptr(LapakDb) till = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) again = NULL;
  g_autoptr(LapakSyncResult) first = NULL;
  g_autofree char *code = NULL;
  g_autofree char *url = NULL;
  g_autofree char *url2 = NULL;
  LapakUser *hub_org = NULL;
  LapakUser *till_org = NULL;
  LapakWindow *window;
  GtkLabel *status;
  Watch watch;

  /* The hub (its catalogue, an organiser, paired), then served. */
  hub = lapak_test_selling_till (dir, "K1", &hub_org, &codes);
  code = lapak_sync_pair_hub (hub, hub_org, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&hub);
  server = start_hub (0, &url);

  /* The till: paired, the hub's address known, the catalogue pulled. */
  till = lapak_test_new_till (dir, "K2");
  till_org = lapak_test_login (till, "Org", "1234");
  g_assert_true (lapak_sync_pair_till (till, till_org, code, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_sync_set_hub_url (till, url, &error));
  g_assert_no_error (error);
  first = lapak_sync_push (till, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&till_org, lapak_user_free);
  till_org = lapak_test_login (till, "Org", "1234");
  g_assert_true (lapak_shift_open (till, till_org, 0, NULL, &error));
  g_assert_no_error (error);

  window = open_window (till);
  status = lapak_window_get_sync_status (window);
  g_assert_cmpuint (lapak_sync_auto_get_interval (lapak_window_get_sync_auto (window)), ==, 0);

  /* Sell; Sync now: the sale is at the hub, the header says synced. */
  sell (window, g_ptr_array_index (codes, 0));
  g_assert_cmpint (pending (till), >, 0);
  {
    g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT " ", (gint64)pending (till));

    /* "3 not at hub · 14:05" */
    g_assert_true (g_str_has_prefix (gtk_label_get_text (status), count));
  }
  lapak_test_gtk_click (lapak_window_get_manage_button (window));
  lapak_test_gtk_click (lapak_window_get_sync_button (window));
  g_assert_cmpstr (lapak_window_get_page (window), ==, "sync");
  g_assert_true (gtk_widget_get_visible (page_widget (window, "sync_button")));
  lapak_test_gtk_click (page_widget (window, "sync_button"));
  lapak_test_gtk_wait_until (idle_page, window, "Sync now");
  lapak_test_gtk_iterate ();
  g_assert_true (gtk_widget_has_css_class (page_widget (window, "message"), "success"));
  g_assert_cmpint (hub_int ("SELECT COUNT(*) FROM sale WHERE till_id = 'K2'"), ==, 1);
  g_assert_cmpint (pending (till), ==, 0);
  {
    g_autofree char *synced = lapak_sync_status_header (till, FALSE);

    g_autofree char *word = g_strndup (_("Synced %s"), strlen (_("Synced %s")) - 2);

    /* "Synced 14:05", in the language of the test. */
    g_assert_cmpstr (gtk_label_get_text (status), ==, synced);
    g_assert_true (g_str_has_prefix (synced, word));
  }
  lapak_test_gtk_screenshot (GTK_WIDGET (window), "sync-lan-now.png");
  assert_fits (window);
  lapak_test_gtk_click (page_widget (window, "back_button"));
  g_assert_cmpstr (lapak_window_get_page (window), ==, "sell");

  /* The hub goes away; the till syncs by itself every second from now. */
  kill_hub (server);
  g_clear_object (&server);
  lapak_window_set_sync_interval (window, 1);
  sell (window, g_ptr_array_index (codes, 1));
  lapak_test_gtk_wait_until (failed_twice, window, "two automatic rounds to fail");
  lapak_test_gtk_iterate ();
  g_assert_true (lapak_sync_auto_get_unreachable (lapak_window_get_sync_auto (window)));
  {
    g_autofree char *expected = lapak_sync_status_header (till, TRUE);
    g_autofree char *plain = lapak_sync_status_header (till, FALSE);
    g_autofree char *count = g_strdup_printf ("\n%" G_GINT64_FORMAT " ", (gint64)pending (till));

    g_assert_cmpint (pending (till), >, 0);
    g_assert_cmpstr (gtk_label_get_text (status), ==, expected);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (status)));
    /* Says the hub is unreachable, then (a second line) how many records
     * are not there. */
    g_assert_nonnull (strstr (expected, count));
    g_assert_true (g_str_has_suffix (expected, plain));
    g_assert_cmpstr (expected, !=, plain);
  }
  /* The till keeps selling. */
  sell (window, g_ptr_array_index (codes, 2));
  g_assert_cmpint (lapak_test_query_int (till, "SELECT COUNT(*) FROM sale"), ==, 3);
  g_assert_cmpint (hub_int ("SELECT COUNT(*) FROM sale WHERE till_id = 'K2'"), ==, 1);
  lapak_test_gtk_screenshot (GTK_WIDGET (window), "sync-lan-unreachable.png");
  assert_fits (window);

  /* The hub comes back on the same port: nobody taps anything, the
   * automatic round brings both sales over, once each. */
  again = start_hub (port_of (url), &url2);
  g_assert_cmpstr (url2, ==, url);
  watch.window = window;
  watch.till = till;
  lapak_test_gtk_wait_until (caught_up, &watch, "the automatic sync to catch up");
  lapak_test_gtk_iterate ();
  g_assert_cmpint (hub_int ("SELECT COUNT(*) FROM sale WHERE till_id = 'K2'"), ==, 3);
  g_assert_cmpint (hub_int ("SELECT SUM(total) FROM sale WHERE till_id = 'K2'"), ==,
                   lapak_test_query_int (till, "SELECT SUM(total) FROM sale"));
  g_assert_cmpint (hub_int ("SELECT COUNT(*) FROM journal WHERE till_id = 'K2'"), ==,
                   lapak_test_query_int (till, "SELECT COUNT(*) FROM journal"));
  g_assert_cmpint (hub_int ("SELECT journal_seq FROM sync_till WHERE till_id = 'K2'"), >=,
                   lapak_test_query_int (till, "SELECT MAX(seq) FROM journal"));
  g_assert_false (lapak_sync_auto_get_unreachable (lapak_window_get_sync_auto (window)));
  {
    g_autofree char *synced = lapak_sync_status_header (till, FALSE);

    g_assert_cmpstr (gtk_label_get_text (status), ==, synced);
  }
  lapak_test_gtk_screenshot (GTK_WIDGET (window), "sync-lan.png");
  assert_fits (window);

  lapak_window_set_sync_interval (window, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  lapak_test_gtk_iterate ();
  g_subprocess_send_signal (again, SIGTERM);
  g_assert_true (g_subprocess_wait_check (again, NULL, &error));
  g_assert_no_error (error);
  lapak_user_free (hub_org);
  lapak_user_free (till_org);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  lapak_test_gtk_init (&argc, &argv);
  dir = lapak_test_make_dir ();
  g_test_add_func ("/kiosk-sync/lan", test_lan);
  rc = g_test_run ();
  lapak_test_remove_tree (dir);
  g_free (dir);
  return rc;
}
