/* bench-kiosk.c — how fast the kiosk starts and shows a scanned item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-kiosk [--runs R] [--scans S] [--products P]
 *
 * Runs under Xvfb (tests/headless.sh), like the kiosk tests. Each figure is
 * printed next to a floor measured in the same run:
 *
 * 1. Start-up: process start to the first frame painted after the window
 *    maps, and the peak RSS (VmHWM) at that moment. Lapak: the real
 *    LapakApplication opening a till database with P products (what `lapak
 *    --db PATH` does), and `lapak --demo` (which first builds a fresh demo
 *    till: tenants, products, users whose argon2id PIN hashes were made
 *    ahead). Floor: a bare AdwApplication with one
 *    AdwApplicationWindow (a header bar and a label), as the recipe
 *    gtk-headless.md measures it. The program starts itself as the child
 *    (`--child lapak|floor`), R times each, alternating.
 *
 * 2. Scan to row: a code typed into the scan field and Enter, until the
 *    frame that shows the new cart row has been painted, among P products.
 *    Lapak: the kiosk window logged in with a shift open, scanning random
 *    label codes (the core parses, validates, looks up and adds the line;
 *    the cart list shows it and scrolls to it). Floor: a bare window with
 *    an entry, a total label and a GtkListView over a GtkStringList whose
 *    rows have the same widgets as a cart row (two labels, − qty +, total,
 *    remove), appending the typed text, scrolling to it and updating the
 *    total. Both lists grow by one row per scan; scans are 30 ms apart so
 *    each starts from an idle frame clock, as a scanner's do. Also printed:
 *    the time until that frame's layout is done (the row exists and is
 *    placed; the rest is drawing).
 *
 * Not run by `meson test`; run
 * `meson test -C _build --benchmark --suite kiosk-bench -v`.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "config.h"
#include "lapak-application.h"
#include "lapak-ledger.h"
#include "lapak-test-util.h"
#include "lapak-window.h"

#define CASHIER_PIN "1111"
#define WAIT_LIMIT_US (120 * G_USEC_PER_SEC)

static int opt_runs = 10;
static int opt_scans = 300;
static int opt_products = 50000;
static char *opt_child = NULL;
static char *opt_db = NULL;

static double
now_ms (void)
{
  return (double) g_get_monotonic_time () / 1000.0;
}

/* CPU time of the calling thread (GTK's main thread does all of a
 * scan's work: handler, layout and cairo painting), in ms: unlike wall
 * time it does not grow when other processes share the machine. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double) ts.tv_sec * 1000.0 + (double) ts.tv_nsec / 1e6;
}

static void
die_on_error (const GError *error,
              const char   *what)
{
  if (error != NULL)
    {
      g_printerr ("bench-kiosk: %s: %s\n", what, error->message);
      exit (1);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* The value at quantile @q (0..1) of @values, sorted in place. */
static double
quantile (GArray *values,
          double  q)
{
  guint i;

  g_array_sort (values, compare_doubles);
  i = (guint) (q * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (i, values->len - 1));
}

static long
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return strtol (line + strlen ("VmHWM:"), NULL, 10);
}

/* ---------- the child: start, paint once, report, exit ---------- */

static void
on_first_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  printf ("FRAME %ld\n", peak_rss_kib ());
  fflush (stdout);
  _exit (0);
}

static void
on_map (GtkWidget *window,
        gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_paint), NULL);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
}

static void
floor_activate (GApplication *app,
                gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Lapak"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_child (void)
{
  g_autoptr(GtkApplication) app = NULL;

  setlocale (LC_ALL, "");
  if (g_str_equal (opt_child, "lapak") || g_str_equal (opt_child, "lapak-demo"))
    {
      gboolean demo = g_str_equal (opt_child, "lapak-demo");
      char *argv[] = { (char *) "lapak", (char *) (demo ? "--demo" : "--db"), demo ? (char *) "--db" : opt_db,
                       demo ? opt_db : NULL, NULL };
      const char *locale_dir = g_getenv ("LAPAK_LOCALEDIR");

      bindtextdomain (GETTEXT_PACKAGE, locale_dir != NULL ? locale_dir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      app = GTK_APPLICATION (lapak_application_new ());
      g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
      return g_application_run (G_APPLICATION (app), demo ? 4 : 3, argv);
    }
  else
    {
      char *argv[] = { (char *) "floor", NULL };

      app = GTK_APPLICATION (adw_application_new ("io.github.lapakpos.BenchFloor", G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (floor_activate), NULL);
      g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
      return g_application_run (G_APPLICATION (app), 1, argv);
    }
}

/* ---------- 1: start-up, measured from the parent ---------- */

typedef struct
{
  GArray *ms;
  GArray *rss_mib;
} Startup;

static void
start_once (const char *self_path,
            const char *which,
            const char *db,
            Startup    *out)
{
  const char *argv[] = { self_path, "--child", which, "--db", db, NULL };
  g_autoptr(GError) error = NULL;
  char line[128] = "";
  GPid pid;
  int out_fd;
  FILE *stream;
  double t0, ms;
  long rss = -1;
  int status;

  t0 = now_ms ();
  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out_fd, NULL, &error);
  die_on_error (error, "spawn");
  stream = fdopen (out_fd, "r");
  if (fgets (line, sizeof line, stream) == NULL || sscanf (line, "FRAME %ld", &rss) != 1)
    {
      g_printerr ("bench-kiosk: the %s child painted no frame\n", which);
      exit (1);
    }
  ms = now_ms () - t0;
  fclose (stream);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  g_array_append_val (out->ms, ms);
  {
    double mib = rss / 1024.0;

    g_array_append_val (out->rss_mib, mib);
  }
}

/* ---------- a till with many products ---------- */

typedef struct
{
  LapakUser *org;
  guint      n_products;
  GPtrArray *codes;
} Fill;

static gboolean
fill_txn (LapakDb  *db,
          gpointer  user_data,
          GError  **error)
{
  Fill *f = user_data;
  guint n_tenants = 50;

  for (guint t = 0; t < n_tenants; t++)
    {
      g_autofree char *code = g_strdup_printf ("T%03u", t);
      g_autofree char *name = g_strdup_printf ("Tenant %u", t);
      LapakTenantSpec spec = { code, name, NULL, NULL, 1500, 0 };

      if (!lapak_tenant_add_in_txn (db, f->org, &spec, error))
        return FALSE;
    }
  for (guint p = 0; p < f->n_products; p++)
    {
      g_autofree char *tenant = g_strdup_printf ("T%03u", p % n_tenants);
      g_autofree char *name = g_strdup_printf ("Product %u", p);
      g_autofree char *sku = g_strdup_printf ("SKU%u", p);
      LapakProductSpec spec = { tenant, sku, name, 1000 + 500 * (int64_t) (p % 40), 1000, NULL };
      char *code = lapak_product_add_in_txn (db, f->org, &spec, error);

      if (code == NULL)
        return FALSE;
      g_ptr_array_add (f->codes, code);
    }
  return TRUE;
}

static LapakDb *
big_till (const char *dir,
          GPtrArray  *codes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) org = NULL;
  LapakDb *db = lapak_test_new_till (dir, "K1");
  Fill fill = { NULL, (guint) opt_products, codes };

  org = lapak_test_login (db, "Org", "1234");
  lapak_event_create (db, org, "BENCH", "Bench bazaar", LAPAK_EVENT_BAZAAR, 1500, 0, NULL, &error);
  die_on_error (error, "event create");
  lapak_user_add (db, org, "Sari", LAPAK_ROLE_CASHIER, NULL, CASHIER_PIN, &error);
  die_on_error (error, "user add");
  fill.org = org;
  lapak_db_transaction (db, fill_txn, &fill, &error);
  die_on_error (error, "products");
  return db;
}

/* ---------- 2: scan to row, in this process ---------- */

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_ms (double ms)
{
  double end = now_ms () + ms;

  while (now_ms () < end)
    {
      iterate ();
      g_usleep (500);
    }
}

static gpointer
child_of (GtkWidget  *window,
          const char *name)
{
  GObject *object = gtk_widget_get_template_child (window, LAPAK_TYPE_WINDOW, name);

  if (object == NULL)
    {
      g_printerr ("bench-kiosk: the window has no %s\n", name);
      exit (1);
    }
  return object;
}

static void
press (GtkWidget  *window,
       const char *keypad,
       const char *keys)
{
  GtkWidget *pad = child_of (window, keypad);

  for (const char *k = keys; *k != '\0'; k++)
    {
      char name[2] = { *k, '\0' };
      GtkWidget *c;

      for (c = gtk_widget_get_first_child (pad); c; c = gtk_widget_get_next_sibling (c))
        if (g_str_equal (gtk_widget_get_name (c), name) && gtk_widget_get_visible (c))
          break;
      if (c == NULL)
        {
          g_printerr ("bench-kiosk: no key %s on %s\n", name, keypad);
          exit (1);
        }
      g_signal_emit_by_name (c, "clicked");
      iterate ();
    }
}

typedef struct
{
  gboolean painted;
  double   laid_out;     /* ms, when the first layout after the scan ended */
  double   cpu_painted;  /* CPU ms of the main thread when it was painted */
} Paint;

static void
on_paint (GdkFrameClock *clock,
          gpointer       user_data)
{
  Paint *paint = user_data;

  paint->painted = TRUE;
  paint->cpu_painted = cpu_ms ();
}

static void
on_layout (GdkFrameClock *clock,
           gpointer       user_data)
{
  Paint *paint = user_data;

  if (paint->laid_out == 0)
    paint->laid_out = now_ms ();
}

/* Emits "activate" on @entry with @text and waits for the next painted
 * frame; returns the milliseconds in between, in @out_layout those
 * until that frame's layout was done (the row exists, placed, not yet
 * drawn); in @out_work the main thread's CPU time from the scan to the
 * painted frame (the handler, the frame's layout and cairo painting,
 * without the wait for the frame clock's tick, which is pacing, not
 * work), and in @out_handler that of the scan's handler alone. */
static double
type_and_paint (GtkWidget  *window,
                GtkWidget  *entry,
                const char *text,
                double     *out_layout,
                double     *out_work,
                double     *out_handler)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  Paint paint = { FALSE, 0, 0 };
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_paint), &paint);
  gulong layout_id = g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout), &paint);
  gint64 limit = g_get_monotonic_time () + WAIT_LIMIT_US;
  double t0;
  double cpu0;

  t0 = now_ms ();
  cpu0 = cpu_ms ();
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  *out_handler = cpu_ms () - cpu0;
  while (!paint.painted)
    {
      if (g_get_monotonic_time () > limit)
        {
          g_printerr ("bench-kiosk: no frame painted after a scan\n");
          exit (1);
        }
      g_main_context_iteration (NULL, TRUE);
    }
  *out_layout = paint.laid_out - t0;
  *out_work = paint.cpu_painted - cpu0;
  t0 = now_ms () - t0;
  g_signal_handler_disconnect (clock, id);
  g_signal_handler_disconnect (clock, layout_id);
  return t0;
}

typedef struct
{
  GtkStringList *strings;
  GtkWidget     *list;
  GtkWidget     *total;
} FloorWindow;

static void
floor_append (GtkEntry    *entry,
              FloorWindow *w)
{
  guint n;
  g_autofree char *total = NULL;

  gtk_string_list_append (w->strings, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  n = g_list_model_get_n_items (G_LIST_MODEL (w->strings));
  total = g_strdup_printf ("Rp %u,000", n * 15);
  gtk_label_set_label (GTK_LABEL (w->total), total);
  gtk_widget_activate_action (w->list, "list.scroll-to-item", "u", n - 1);
}

/* The same widgets as a kiosk cart row: product and detail, − qty +, line
 * total, remove. */
static void
floor_setup (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), gtk_label_new (NULL));
  gtk_box_append (GTK_BOX (text), gtk_label_new (NULL));
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), gtk_button_new_from_icon_name ("list-remove-symbolic"));
  gtk_box_append (GTK_BOX (row), gtk_label_new (NULL));
  gtk_box_append (GTK_BOX (row), gtk_button_new_from_icon_name ("list-add-symbolic"));
  gtk_box_append (GTK_BOX (row), gtk_label_new (NULL));
  gtk_box_append (GTK_BOX (row), gtk_button_new_from_icon_name ("user-trash-symbolic"));
  gtk_list_item_set_child (item, row);
}

static void
floor_bind (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  const char *code = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *text = gtk_widget_get_first_child (row);
  GtkWidget *qty = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (text));
  GtkWidget *total = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (qty));
  g_autofree char *detail = g_strdup_printf ("Tenant · %s · Rp 15,000 each", code);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (text)), code);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (text)), detail);
  gtk_label_set_label (GTK_LABEL (qty), "1");
  gtk_label_set_label (GTK_LABEL (total), "Rp 15,000");
}

static gboolean
window_mapped (GtkWidget *window)
{
  gint64 limit = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (!gtk_widget_get_mapped (window))
    {
      if (g_get_monotonic_time () > limit)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  wait_ms (200);
  return TRUE;
}

static void
scan_floor (GPtrArray *codes,
            GRand     *rand,
            GArray    *out,
            GArray    *out_layout,
            GArray    *out_work,
            GArray    *out_handler)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *entry = gtk_entry_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  FloorWindow w = { gtk_string_list_new (NULL), NULL, gtk_label_new ("Rp 0") };

  g_signal_connect (factory, "setup", G_CALLBACK (floor_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (floor_bind), NULL);
  g_signal_connect (entry, "activate", G_CALLBACK (floor_append), &w);
  w.list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (w.strings))), factory);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), w.list);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), w.total);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  if (!window_mapped (window))
    {
      g_printerr ("bench-kiosk: the floor window did not map\n");
      exit (1);
    }
  gtk_widget_grab_focus (entry);

  for (int i = 0; i < opt_scans; i++)
    {
      const char *code = g_ptr_array_index (codes, g_rand_int_range (rand, 0, (gint32) codes->len));
      double layout;
      double work;
      double handler;
      double ms = type_and_paint (window, entry, code, &layout, &work, &handler);

      g_array_append_val (out, ms);
      g_array_append_val (out_layout, layout);
      g_array_append_val (out_work, work);
      g_array_append_val (out_handler, handler);
      wait_ms (30);
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (w.strings)) != (guint) opt_scans)
    {
      g_printerr ("bench-kiosk: the floor list has %u rows, not %d\n",
                  g_list_model_get_n_items (G_LIST_MODEL (w.strings)), opt_scans);
      exit (1);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
scan_lapak (LapakDb   *db,
            GPtrArray *codes,
            GRand     *rand,
            GArray    *out,
            GArray    *out_layout,
            GArray    *out_work,
            GArray    *out_handler)
{
  GtkWidget *window = GTK_WIDGET (lapak_window_new (NULL, db));
  GtkWidget *users;
  GtkWidget *row;
  GtkWidget *entry;
  guint lines = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  if (!window_mapped (window))
    {
      g_printerr ("bench-kiosk: the kiosk window did not map\n");
      exit (1);
    }

  /* Log in as the cashier on the PIN pad and open the shift, as she would. */
  users = child_of (window, "user_list");
  for (row = gtk_widget_get_first_child (users); row; row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (gtk_widget_get_name (row), "Sari"))
      break;
  if (row == NULL)
    {
      g_printerr ("bench-kiosk: no login row for Sari\n");
      exit (1);
    }
  g_signal_emit_by_name (users, "row-activated", row);
  iterate ();
  press (window, "login_keypad", CASHIER_PIN);
  g_signal_emit_by_name (child_of (window, "login_button"), "clicked");
  iterate ();
  press (window, "float_keypad", "500000");
  g_signal_emit_by_name (child_of (window, "open_shift_button"), "clicked");
  wait_ms (300);
  if (g_strcmp0 (lapak_window_get_page (LAPAK_WINDOW (window)), "sell") != 0)
    {
      g_printerr ("bench-kiosk: not on the sell page after log-in (%s)\n",
                  lapak_window_get_page (LAPAK_WINDOW (window)));
      exit (1);
    }
  entry = child_of (window, "scan_entry");

  for (int i = 0; i < opt_scans; i++)
    {
      const char *code = g_ptr_array_index (codes, g_rand_int_range (rand, 0, (gint32) codes->len));
      double layout;
      double work;
      double handler;
      double ms = type_and_paint (window, entry, code, &layout, &work, &handler);

      g_array_append_val (out, ms);
      g_array_append_val (out_layout, layout);
      g_array_append_val (out_work, work);
      g_array_append_val (out_handler, handler);
      wait_ms (30);
    }
  lines = g_list_model_get_n_items (lapak_window_get_cart (LAPAK_WINDOW (window)));
  if (lines == 0 || lines > (guint) opt_scans)
    {
      g_printerr ("bench-kiosk: the cart has %u lines after %d scans\n", lines, opt_scans);
      exit (1);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* ---------- report ---------- */

static void
print_row (const char *what,
           const char *unit,
           GArray     *lapak,
           GArray     *floor,
           double      q)
{
  double l = quantile (lapak, q);
  double f = quantile (floor, q);

  g_print ("%-34s %10.1f %s %10.1f %s   ratio %.2f\n", what, l, unit, f, unit, l / f);
}

int
main (int    argc,
      char **argv)
{
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Start-ups of each program (10)", "R" },
    { "scans", 0, 0, G_OPTION_ARG_INT, &opt_scans, "Scans in each window (300)", "S" },
    { "products", 0, 0, G_OPTION_ARG_INT, &opt_products, "Products in the till (50000)", "P" },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &opt_child, NULL, NULL },
    { "db", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_db, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the kiosk's start-up and scan benchmarks");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(LapakDb) db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *db_path = NULL;
  Startup lapak = { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)) };
  Startup floor = { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)) };
  Startup demo = { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)) };
  Startup demo_first = { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)) };
  g_autoptr(GArray) layout_l = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) layout_f = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scan_l = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scan_f = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) work_l = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) work_f = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) handler_l = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) handler_f = g_array_new (FALSE, FALSE, sizeof (double));
  double t0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_runs < 1 || opt_scans < 10 || opt_products < 100)
    {
      g_printerr ("bench-kiosk: %s\n", error != NULL ? error->message : "--runs ≥ 1, --scans ≥ 10, --products ≥ 100");
      return 2;
    }
  if (opt_child != NULL)
    return run_child ();

  setlocale (LC_ALL, "");
  gtk_init ();
  adw_init ();
  self_path = g_file_read_link ("/proc/self/exe", &error);
  die_on_error (error, "/proc/self/exe");

  dir = lapak_test_make_dir ();
  {
    /* `lapak --demo` keeps a copy of the fresh demo in the user's cache:
     * start from an empty one, so the first start builds the demo. */
    g_autofree char *cache = g_build_filename (dir, "cache", NULL);

    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }
  t0 = now_ms ();
  db = big_till (dir, codes);
  db_path = g_build_filename (dir, "K1.db", NULL);
  g_print ("bench-kiosk: %d products set up in %.1f s; %d start-ups each, %d scans each\n",
           opt_products, (now_ms () - t0) / 1000, opt_runs, opt_scans);

  /* One warm-up of each (page cache, fontconfig cache), then alternate. */
  {
    Startup warm = { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)) };

    start_once (self_path, "floor", db_path, &warm);
    start_once (self_path, "lapak", db_path, &warm);
    g_array_unref (warm.ms);
    g_array_unref (warm.rss_mib);
  }
  {
    g_autofree char *first_path = g_build_filename (dir, "demo-first.db", NULL);

    /* The very first `lapak --demo`: builds the demo and caches it. */
    start_once (self_path, "lapak-demo", first_path, &demo_first);
  }
  for (int r = 0; r < opt_runs; r++)
    {
      g_autofree char *name = g_strdup_printf ("demo-%d.db", r);
      g_autofree char *demo_path = g_build_filename (dir, name, NULL);

      start_once (self_path, "floor", db_path, &floor);
      start_once (self_path, "lapak", db_path, &lapak);
      /* `lapak --demo`: a fresh copy of the demo event (from the cache). */
      start_once (self_path, "lapak-demo", demo_path, &demo);
    }

  scan_floor (codes, rand, scan_f, layout_f, work_f, handler_f);
  scan_lapak (db, codes, rand, scan_l, layout_l, work_l, handler_l);

  g_print ("\n%-34s %13s %13s\n", "", "Lapak", "floor");
  print_row ("start-up to first frame, min", "ms", lapak.ms, floor.ms, 0.0);
  print_row ("start-up to first frame, median", "ms", lapak.ms, floor.ms, 0.5);
  print_row ("start-up to first frame, max", "ms", lapak.ms, floor.ms, 1.0);
  print_row ("peak RSS at first frame, median", "MiB", lapak.rss_mib, floor.rss_mib, 0.5);
  print_row ("lapak --demo start-up, median", "ms", demo.ms, floor.ms, 0.5);
  print_row ("lapak --demo start-up, min", "ms", demo.ms, floor.ms, 0.0);
  print_row ("lapak --demo peak RSS, median", "MiB", demo.rss_mib, floor.rss_mib, 0.5);
  print_row ("first lapak --demo (builds demo)", "ms", demo_first.ms, floor.ms, 0.5);
  print_row ("scan to laid-out row, median", "ms", layout_l, layout_f, 0.5);
  print_row ("scan to laid-out row, p99", "ms", layout_l, layout_f, 0.99);
  print_row ("scan to painted row, median", "ms", scan_l, scan_f, 0.5);
  print_row ("scan to painted row, p99", "ms", scan_l, scan_f, 0.99);
  print_row ("scan to painted row, max", "ms", scan_l, scan_f, 1.0);
  print_row ("CPU per scan to painted, median", "ms", work_l, work_f, 0.5);
  print_row ("CPU per scan to painted, p99", "ms", work_l, work_f, 0.99);
  print_row ("CPU of the scan handler, median", "ms", handler_l, handler_f, 0.5);
  print_row ("CPU of the scan handler, p99", "ms", handler_l, handler_f, 0.99);

  g_array_unref (lapak.ms);
  g_array_unref (lapak.rss_mib);
  g_array_unref (floor.ms);
  g_array_unref (floor.rss_mib);
  g_array_unref (demo.ms);
  g_array_unref (demo.rss_mib);
  g_array_unref (demo_first.ms);
  g_array_unref (demo_first.rss_mib);
  g_clear_object (&db);
  lapak_test_remove_tree (dir);
  return 0;
}
