/* test-kiosk.c — the kiosk window driven in-process, as a cashier would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (tests/headless.sh). The test taps the window's own
 * buttons (the "clicked" signal), types into the scan field like a scanner
 * (text + "activate"), and checks both what the screen shows and what the
 * database holds, read through a separate SQLite connection. Screenshots
 * of the screens it passes through go to $LAPAK_SCREENSHOT_DIR.
 */
#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

#include "lapak-auth.h"
#include "lapak-cart-item.h"
#include "lapak-demo.h"
#include "lapak-keypad.h"
#include "lapak-ledger.h"
#include "lapak-money.h"
#include "lapak-test-util.h"
#include "lapak-window.h"

/* Bounded waits: the main loop is iterated until a condition holds (a
 * generous bound: ASan on a loaded 2-core machine is slow). */
#define WAIT_LIMIT_US (60 * G_USEC_PER_SEC)

typedef struct
{
  char        *dir;
  char        *path;
  LapakDb     *db;
  LapakWindow *window;
} Fixture;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition    condition,
            gpointer     data,
            const char  *what)
{
  gint64 end = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gpointer
child (Fixture    *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->window), LAPAK_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static void
click (gpointer button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  iterate ();
}

/* A keypad's key: its buttons are named after what they type. */
static GtkWidget *
key (Fixture    *f,
     const char *keypad_name,
     const char *name)
{
  GtkWidget *keypad = child (f, keypad_name);

  for (GtkWidget *c = gtk_widget_get_first_child (keypad); c; c = gtk_widget_get_next_sibling (c))
    if (g_str_equal (gtk_widget_get_name (c), name) && gtk_widget_get_visible (c))
      return c;
  g_error ("No visible key %s on %s", name, keypad_name);
  return NULL;
}

static void
press_keys (Fixture    *f,
            const char *keypad_name,
            const char *keys)
{
  for (const char *k = keys; *k != '\0'; k++)
    {
      char name[2] = { *k, '\0' };

      click (key (f, keypad_name, name));
    }
}

static const char *
label_text (Fixture    *f,
            const char *name)
{
  return gtk_label_get_label (child (f, name));
}

static gboolean
label_shown (Fixture    *f,
             const char *name)
{
  return gtk_widget_get_visible (child (f, name)) && *label_text (f, name) != '\0';
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autofree char *data = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", NULL);
  g_autoptr(GError) error = NULL;

  f->dir = lapak_test_make_dir ();
  f->path = g_build_filename (f->dir, "demo.db", NULL);
  f->db = lapak_demo_create (f->path, data, &error);
  g_assert_no_error (error);

  f->window = lapak_window_new (NULL, f->db);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (window_mapped, f->window, "the window to map");
  iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
  g_clear_object (&f->db);
  lapak_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The window as it is on screen now, as a PNG in $LAPAK_SCREENSHOT_DIR. */
static void
screenshot (Fixture    *f,
            const char *name)
{
  const char *dir = g_getenv ("LAPAK_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (f->window));
  int height = gtk_widget_get_height (GTK_WIDGET (f->window));

  if (dir == NULL)
    return;

  /* Let pending layout and drawing happen first. */
  for (int i = 0; i < 20; i++)
    {
      iterate ();
      g_usleep (5000);
    }

  g_mkdir_with_parents (dir, 0755);
  paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, file));
  g_test_message ("screenshot %s", file);
}

static GtkWidget *
user_row (Fixture    *f,
          const char *name)
{
  GtkWidget *list = child (f, "user_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (gtk_widget_get_name (row), name))
      return row;
  g_error ("No row for user %s", name);
  return NULL;
}

/* The login list marks a locked user. */
static gboolean
user_locked (Fixture    *f,
             const char *name)
{
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (user_row (f, name)));
  GtkWidget *role = gtk_widget_get_last_child (box);

  return gtk_widget_has_css_class (role, "error");
}

static void
log_in (Fixture    *f,
        const char *name,
        const char *pin)
{
  g_signal_emit_by_name (child (f, "user_list"), "row-activated", user_row (f, name));
  iterate ();
  press_keys (f, "login_keypad", pin);
  click (child (f, "login_button"));
}

static void
scan (Fixture    *f,
      const char *input)
{
  GtkEditable *entry = child (f, "scan_entry");

  /* The scan field has the keyboard focus, as a USB scanner needs. */
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (gtk_editable_get_delegate (entry))) ||
                 gtk_widget_has_focus (GTK_WIDGET (entry)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), GTK_WIDGET (entry)));
  gtk_editable_set_text (entry, input);
  g_signal_emit_by_name (entry, "activate");
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
}

static LapakCartItem *
cart_item (Fixture *f,
           guint    position)
{
  LapakCartItem *item = g_list_model_get_item (lapak_window_get_cart (f->window), position);

  g_assert_nonnull (item);
  g_object_unref (item);  /* the model keeps it */
  return item;
}

/* A product of @tenant that is on sale in the demo. */
static LapakProduct *
product_of (Fixture    *f,
            const char *tenant,
            guint       index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = lapak_product_list (f->db, tenant, &error);
  LapakProduct *p;

  g_assert_no_error (error);
  g_assert_cmpuint (products->len, >, index);
  p = g_ptr_array_steal_index (products, index);
  return p;
}

static void
collect_buttons (GtkWidget  *widget,
                 const char *name,
                 GPtrArray  *out)
{
  if (GTK_IS_BUTTON (widget) && g_str_equal (gtk_widget_get_name (widget), name))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_buttons (c, name, out);
}

typedef struct
{
  Fixture *f;
  guint    rows;
} RowsWait;

static gboolean
rows_shown (gpointer data)
{
  RowsWait *w = data;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_buttons (child (w->f, "cart_view"), "inc", buttons);
  return buttons->len == w->rows;
}

/* The "+" button of the row showing @line: rows are recycled widgets, so
 * look for the row whose item is that line. */
static GtkWidget *
row_button (Fixture    *f,
            guint       line,
            const char *name)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  RowsWait w = { f, g_list_model_get_n_items (lapak_window_get_cart (f->window)) };

  wait_until (rows_shown, &w, "the cart rows");
  collect_buttons (child (f, "cart_view"), name, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *b = g_ptr_array_index (buttons, i);
      GtkListItem *item = g_object_get_data (G_OBJECT (b), "list-item");

      if (lapak_cart_item_get_line (gtk_list_item_get_item (item)) == line)
        return b;
    }
  g_error ("No %s button for line %u", name, line);
  return NULL;
}

static char *
money (int64_t amount)
{
  return lapak_money_format (amount, LAPAK_MONEY_STYLE_DEFAULT);
}

static sqlite3 *
open_check_db (Fixture *f)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static int64_t
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int64_t value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Log in, open a shift, scan three items of two tenants, one more with +,
 * a wrong code that changes nothing, pay cash with a quick button. */
static void
test_cash_sale (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(LapakProduct) a = product_of (f, "KLL", 0);
  g_autoptr(LapakProduct) b = product_of (f, "KOPI", 0);
  g_autofree char *scan_b = g_strdup_printf ("%s*1", b->code);
  g_autofree char *mistyped = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *change_text = NULL;
  int64_t quick[LAPAK_QUICK_CASH_MAX];
  int64_t total;
  guint n_quick;
  GtkWidget *quick_button = NULL;
  sqlite3 *check;

  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "login");
  screenshot (f, "login.png");

  log_in (f, "Sari", "1111");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "shift");
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (child (f, "window_title")), "K1"));
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (child (f, "window_title")), "Sari"));

  press_keys (f, "float_keypad", "2000");
  click (key (f, "float_keypad", "000"));
  g_assert_cmpstr (gtk_editable_get_text (child (f, "float_entry")), ==, "2000000");
  click (key (f, "float_keypad", "back"));
  click (child (f, "open_shift_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  iterate ();

  /* A, A again (adds quantity), B as CODE*QTY. */
  scan (f, a->code);
  scan (f, a->code);
  scan (f, scan_b);
  g_assert_false (label_shown (f, "scan_message"));
  g_assert_cmpuint (g_list_model_get_n_items (lapak_window_get_cart (f->window)), ==, 2);
  g_assert_cmpint (lapak_cart_item_get_qty (cart_item (f, 0)), ==, 2);
  g_assert_cmpint (lapak_cart_item_get_qty (cart_item (f, 1)), ==, 1);
  g_assert_cmpstr (lapak_cart_item_get_name (cart_item (f, 1)), ==, b->name);

  /* + on B's row. */
  click (row_button (f, 1, "inc"));
  g_assert_cmpint (lapak_cart_item_get_qty (cart_item (f, 1)), ==, 2);
  total = 2 * a->price + 2 * b->price;
  total_text = money (total);
  g_assert_cmpstr (label_text (f, "total_label"), ==, total_text);

  /* An unknown code and a mistyped one: a message, the cart unchanged. */
  scan (f, "ZZZ-0001");
  g_assert_true (label_shown (f, "scan_message"));
  mistyped = g_strdup (a->code);
  mistyped[strlen (mistyped) - 2] = mistyped[strlen (mistyped) - 2] == '1' ? '2' : '1';
  scan (f, mistyped);
  g_assert_true (label_shown (f, "scan_message"));
  g_assert_cmpuint (g_list_model_get_n_items (lapak_window_get_cart (f->window)), ==, 2);
  g_assert_cmpint (lapak_cart_item_get_qty (cart_item (f, 0)), ==, 2);
  g_assert_cmpint (lapak_cart_item_get_qty (cart_item (f, 1)), ==, 2);
  g_assert_cmpstr (label_text (f, "total_label"), ==, total_text);
  screenshot (f, "sell-wrong-code.png");

  /* The next good scan clears the message. */
  scan (f, b->code);
  g_assert_false (label_shown (f, "scan_message"));
  click (row_button (f, 1, "dec"));
  g_assert_cmpint (lapak_cart_item_get_qty (cart_item (f, 1)), ==, 2);
  screenshot (f, "sell.png");

  /* Pay: the quick cash buttons are the core's suggestions. */
  click (child (f, "pay_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "pay");
  g_assert_cmpstr (label_text (f, "pay_total_label"), ==, total_text);
  n_quick = lapak_money_quick_cash (total, quick, G_N_ELEMENTS (quick));
  g_assert_cmpuint (n_quick, >=, 2);
  {
    GtkWidget *box = child (f, "quick_cash_box");
    guint shown = 0;

    for (GtkWidget *c = gtk_widget_get_first_child (box); c; c = gtk_widget_get_next_sibling (c))
      {
        GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (c));
        g_autofree char *expected = money (quick[shown]);

        g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, expected);
        if (shown == 1)
          quick_button = button;
        shown++;
      }
    g_assert_cmpuint (shown, ==, n_quick);
  }
  screenshot (f, "pay-cash.png");

  /* QRIS shows the code and the amount; back to cash. */
  gtk_toggle_button_set_active (child (f, "method_qris"), TRUE);
  iterate ();
  g_assert_nonnull (gtk_picture_get_paintable (child (f, "qris_picture")));
  g_assert_cmpstr (label_text (f, "qris_amount_label"), ==, total_text);
  screenshot (f, "pay-qris.png");
  gtk_toggle_button_set_active (child (f, "method_cash"), TRUE);
  iterate ();

  click (quick_button);
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "done");
  change_text = money (quick[1] - total);
  g_assert_nonnull (strstr (label_text (f, "change_label"), change_text));
  screenshot (f, "done.png");

  /* The sale is in the database, as the screen says. */
  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM sale"), ==, 1);
  g_assert_cmpint (query_int (check, "SELECT total FROM sale"), ==, total);
  g_assert_cmpint (query_int (check, "SELECT change FROM sale"), ==, quick[1] - total);
  g_assert_cmpint (query_int (check, "SELECT cashier = 'Sari' FROM sale"), ==, 1);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM sale_line"), ==, 2);
  g_assert_cmpint (query_int (check, "SELECT sum(qty) FROM sale_line"), ==, 4);
  g_assert_cmpint (query_int (check, "SELECT count(DISTINCT tenant_code) FROM sale_line"), ==, 2);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM payment WHERE method = 'cash'"), ==, 1);
  g_assert_cmpint (query_int (check, "SELECT tendered FROM payment"), ==, quick[1]);
  g_assert_cmpint (query_int (check, "SELECT float FROM shift"), ==, 200000);
  sqlite3_close (check);

  /* Next customer: an empty cart, the scan field focused again. */
  click (child (f, "next_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  g_assert_cmpuint (g_list_model_get_n_items (lapak_window_get_cart (f->window)), ==, 0);
  scan (f, a->code);
  g_assert_cmpuint (g_list_model_get_n_items (lapak_window_get_cart (f->window)), ==, 1);
}

/* Wrong PINs: a message each time, the core's lockout after five. */
static void
test_wrong_pin_lockout (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autofree char *first_message = NULL;

  for (guint i = 1; i <= LAPAK_PIN_MAX_FAILURES; i++)
    {
      g_assert_false (user_locked (f, "Sari"));
      log_in (f, "Sari", "9999");
      g_assert_cmpstr (lapak_window_get_page (f->window), ==, "login");
      g_assert_true (label_shown (f, "login_message"));
      g_assert_nonnull (strstr (label_text (f, "login_message"), "Sari"));
      if (i == 1)
        first_message = g_strdup (label_text (f, "login_message"));
    }
  /* The fifth says more than the first: the user is now locked, and the
   * list shows it. */
  g_assert_cmpstr (label_text (f, "login_message"), !=, first_message);
  g_assert_true (user_locked (f, "Sari"));
  g_assert_false (user_locked (f, "Bayu"));
  screenshot (f, "login-locked.png");

  /* Now even the right PIN is refused until an organiser unlocks Sari. */
  log_in (f, "Sari", "1111");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "login");
  g_assert_true (label_shown (f, "login_message"));

  /* A tenant may not sell. */
  log_in (f, "Tini", "3333");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "login");
  g_assert_true (label_shown (f, "login_message"));

  /* Bayu can, and finds no open shift. */
  log_in (f, "Bayu", "2222");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "shift");
}

/* A split payment: part by QRIS, dropped; then part by transfer, the rest
 * in cash with change. */
static void
test_split_payment (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(LapakProduct) a = product_of (f, "KLL", 0);
  g_autofree char *left_text = NULL;
  g_autofree char *ten = money (10000);
  int64_t total = 3 * a->price;
  int64_t quick[LAPAK_QUICK_CASH_MAX];
  GtkWidget *second_quick;
  sqlite3 *check;
  g_autofree char *scan_a = g_strdup_printf ("%s*3", a->code);

  log_in (f, "Sari", "1111");
  click (child (f, "open_shift_button"));
  scan (f, scan_a);
  click (child (f, "pay_button"));

  /* QRIS for Rp 10,000 typed on the keypad: the code is for that amount. */
  gtk_toggle_button_set_active (child (f, "method_qris"), TRUE);
  iterate ();
  press_keys (f, "pay_keypad", "10");
  click (key (f, "pay_keypad", "000"));
  g_assert_cmpstr (gtk_editable_get_text (child (f, "part_amount_entry")), ==, "10000");
  g_assert_cmpstr (label_text (f, "qris_amount_label"), ==, ten);
  gtk_editable_set_text (child (f, "reference_entry"), "REF123");
  click (child (f, "confirm_button"));

  /* Still paying: what is left, by cash again. */
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "pay");
  g_assert_false (label_shown (f, "pay_message"));
  g_assert_true (label_shown (f, "parts_label"));
  left_text = money (total - 10000);
  g_assert_cmpstr (label_text (f, "pay_total_label"), ==, left_text);
  g_assert_true (gtk_toggle_button_get_active (child (f, "method_cash")));

  /* Going back to the cart would drop the QRIS part: the first tap warns. */
  click (child (f, "back_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "pay");
  g_assert_true (label_shown (f, "pay_message"));
  screenshot (f, "pay-split.png");

  /* Choosing a method disarms it; a later first tap warns again. */
  gtk_toggle_button_set_active (child (f, "method_card"), TRUE);
  iterate ();
  gtk_toggle_button_set_active (child (f, "method_cash"), TRUE);
  iterate ();
  g_assert_false (label_shown (f, "pay_message"));

  /* Two taps on "Back" drop the part: the whole total is to pay again. */
  click (child (f, "back_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "pay");
  click (child (f, "back_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  click (child (f, "pay_button"));
  {
    g_autofree char *total_text = money (total);

    g_assert_cmpstr (label_text (f, "pay_total_label"), ==, total_text);
    g_assert_false (label_shown (f, "parts_label"));
  }

  /* The split again, by transfer this time, then cash. */
  gtk_toggle_button_set_active (child (f, "method_transfer"), TRUE);
  iterate ();
  gtk_editable_set_text (child (f, "part_amount_entry"), "10.000");
  gtk_editable_set_text (child (f, "reference_entry"), "REF123");
  click (child (f, "confirm_button"));
  g_assert_cmpstr (label_text (f, "pay_total_label"), ==, left_text);

  g_assert_cmpuint (lapak_money_quick_cash (total - 10000, quick, G_N_ELEMENTS (quick)), >=, 2);
  second_quick = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (
    gtk_widget_get_next_sibling (gtk_widget_get_first_child (child (f, "quick_cash_box")))));
  click (second_quick);
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "done");

  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT total FROM sale"), ==, total);
  g_assert_cmpint (query_int (check, "SELECT change FROM sale"), ==, quick[1] - (total - 10000));
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM payment"), ==, 2);
  g_assert_cmpint (query_int (check, "SELECT amount FROM payment WHERE method = 'transfer' AND reference = 'REF123'"), ==, 10000);
  g_assert_cmpint (query_int (check, "SELECT amount FROM payment WHERE method = 'cash'"), ==, total - 10000);
  g_assert_cmpint (query_int (check, "SELECT tendered FROM payment WHERE method = 'cash'"), ==, quick[1]);
  sqlite3_close (check);
}

static gboolean
on_login_page (gpointer data)
{
  return g_strcmp0 (lapak_window_get_page (data), "login") == 0;
}

/* Idle lock: back to login, the cart kept for the same cashier only. */
static void
test_idle_lock (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(LapakProduct) a = product_of (f, "KLL", 0);

  log_in (f, "Sari", "1111");
  click (child (f, "open_shift_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  scan (f, a->code);
  g_assert_cmpuint (g_list_model_get_n_items (lapak_window_get_cart (f->window)), ==, 1);

  /* Programmatic taps are no activity to the idle lock: keep it off
   * whenever the test is not waiting for it. */
  lapak_window_set_idle_lock (f->window, 1);
  wait_until (on_login_page, f->window, "the idle lock");
  lapak_window_set_idle_lock (f->window, 0);
  g_assert_true (label_shown (f, "login_message"));
  g_assert_null (strstr (adw_window_title_get_subtitle (child (f, "window_title")), "Sari"));

  /* Another cashier does not get Sari's cart... */
  log_in (f, "Bayu", "2222");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  g_assert_cmpuint (g_list_model_get_n_items (lapak_window_get_cart (f->window)), ==, 0);
  lapak_window_log_out (f->window);

  /* ...and an explicit log-out drops it, so it is gone for Sari too. */
  log_in (f, "Sari", "1111");
  g_assert_cmpuint (g_list_model_get_n_items (lapak_window_get_cart (f->window)), ==, 0);

  /* Locked again with a cart: Sari finds it when she comes back. */
  scan (f, a->code);
  scan (f, a->code);
  lapak_window_set_idle_lock (f->window, 1);
  wait_until (on_login_page, f->window, "the idle lock");
  lapak_window_set_idle_lock (f->window, 0);
  log_in (f, "Sari", "1111");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  g_assert_cmpuint (g_list_model_get_n_items (lapak_window_get_cart (f->window)), ==, 1);
  g_assert_cmpint (lapak_cart_item_get_qty (cart_item (f, 0)), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GtkCssProvider) css = NULL;
  const char *localedir = g_getenv ("LAPAK_LOCALEDIR");

  /* Not gtk_test_init(): it forces the C locale, and this test also runs
   * in Indonesian (LANGUAGE=id), where money is written Rp12.500. */
  setlocale (LC_ALL, "");
  bindtextdomain ("lapak", localedir != NULL ? localedir : "/nonexistent");
  bind_textdomain_codeset ("lapak", "UTF-8");
  textdomain ("lapak");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  css = gtk_css_provider_new ();
  /* What AdwApplication does for the real app: the style sheet at the
   * resource base path. */
  gtk_css_provider_load_from_resource (css, "/io/github/lapakpos/Lapak/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add ("/kiosk/cash-sale", Fixture, NULL, fixture_set_up, test_cash_sale, fixture_tear_down);
  g_test_add ("/kiosk/split-payment", Fixture, NULL, fixture_set_up, test_split_payment, fixture_tear_down);
  g_test_add ("/kiosk/idle-lock", Fixture, NULL, fixture_set_up, test_idle_lock, fixture_tear_down);
  g_test_add ("/kiosk/wrong-pin", Fixture, NULL, fixture_set_up, test_wrong_pin_lockout, fixture_tear_down);

  return g_test_run ();
}
