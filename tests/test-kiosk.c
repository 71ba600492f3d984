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
#include <inttypes.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

#include "lapak-auth.h"
#include "lapak-cart-item.h"
#include "lapak-demo.h"
#include "lapak-escpos.h"
#include "lapak-keypad.h"
#include "lapak-ledger.h"
#include "lapak-money.h"
#include "lapak-print-settings.h"
#include "lapak-product-item.h"
#include "lapak-receipt.h"
#include "lapak-sale.h"
#include "lapak-search.h"
#include "lapak-shift.h"
#include "lapak-test-cups.h"
#include "lapak-test-gtk.h"
#include "lapak-test-util.h"
#include "lapak-window.h"

/* Bounded waits: the main loop is iterated until a condition holds (a
 * generous bound: ASan on a loaded 2-core machine is slow). */

typedef struct
{
  char        *dir;
  char        *path;
  LapakDb     *db;
  LapakWindow *window;
} Fixture;

#define iterate lapak_test_gtk_iterate
#define wait_until lapak_test_gtk_wait_until
#define click lapak_test_gtk_click

static gpointer
child (Fixture    *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->window), LAPAK_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return object;
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

/* The screen the window is tested at: 1366×768 unless a test says. */
typedef struct
{
  int width;
  int height;
} Screen;

static const Screen full_hd = { 1920, 1080 };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  const Screen *screen = user_data;
  g_autofree char *data = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", NULL);
  g_autoptr(GError) error = NULL;

  f->dir = lapak_test_make_dir ();
  f->path = g_build_filename (f->dir, "demo.db", NULL);
  f->db = lapak_demo_create (f->path, data, &error);
  g_assert_no_error (error);

  f->window = lapak_window_new (NULL, f->db);
  lapak_test_gtk_present (GTK_WINDOW (f->window), screen != NULL ? screen->width : 1366,
                          screen != NULL ? screen->height : 768);
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

/* The window as it is on screen now, as a PNG in $LAPAK_SCREENSHOT_DIR,
 * after checking nothing is clipped (lapak-test-gtk.c). */
static void
screenshot (Fixture    *f,
            const char *name)
{
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), name);
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

/* The QR code on @picture (drawn by the print library) reads back, with
 * zbarimg, as the payload the window encoded. */
static void
assert_qr_reads (Fixture    *f,
                 GtkPicture *picture)
{
  GdkPaintable *paintable = gtk_picture_get_paintable (picture);
  const char *payload = g_object_get_data (G_OBJECT (picture), "payload");
  g_autofree char *png = g_build_filename (f->dir, "qr.png", NULL);
  const char *argv[] = { "zbarimg", "--raw", "-q", "--nodbus", png, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_nonnull (payload);
  /* big enough to scan from 50 cm */
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), >=, 300);
  g_assert_true (gdk_texture_save_to_png (GDK_TEXTURE (paintable), png));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (g_strchomp (out), ==, payload);
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
  assert_qr_reads (f, child (f, "qris_picture"));
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

  /* A tenant may not sell: it goes to its own page (test-kiosk-tenant.c). */
  log_in (f, "Tini", "3333");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "tenant-home");
  lapak_window_log_out (f->window);
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "login");

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

/* ---------- shift close, sale history, void ---------- */

/* Open a shift with a Rp 200,000 float typed on the keypad. */
static void
open_shift_200k (Fixture *f)
{
  press_keys (f, "float_keypad", "200");
  click (key (f, "float_keypad", "000"));
  click (child (f, "open_shift_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
}

/* One sale paid in cash, the exact amount (the first quick button). */
static void
sell_cash (Fixture    *f,
           const char *input)
{
  GtkWidget *exact;

  scan (f, input);
  click (child (f, "pay_button"));
  exact = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_first_child (child (f, "quick_cash_box"))));
  click (exact);
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "done");
  click (child (f, "next_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
}

/* One sale paid by transfer, the whole amount. */
static void
sell_transfer (Fixture    *f,
               const char *input)
{
  scan (f, input);
  click (child (f, "pay_button"));
  gtk_toggle_button_set_active (child (f, "method_transfer"), TRUE);
  iterate ();
  gtk_editable_set_text (child (f, "reference_entry"), "TRF-1");
  click (child (f, "confirm_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "done");
  click (child (f, "next_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
}

/* Does any label or field under @widget show @text on screen? */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  if (GTK_IS_EDITABLE (widget) && !GTK_IS_TEXT (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_editable_get_text (GTK_EDITABLE (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (shows_text (c, text))
      return TRUE;
  return FALSE;
}

/* The value shown on the Z report's row @id. */
static const char *
z_value (Fixture    *f,
         const char *id)
{
  GtkWidget *grid = child (f, "z_grid");

  for (GtkWidget *c = gtk_widget_get_first_child (grid); c; c = gtk_widget_get_next_sibling (c))
    if (g_str_equal (gtk_widget_get_name (c), id))
      return gtk_label_get_label (GTK_LABEL (c));
  g_error ("No Z report row %s", id);
  return NULL;
}

static void
assert_z_money (Fixture    *f,
                const char *id,
                int64_t     amount)
{
  g_autofree char *text = money (amount);

  g_assert_cmpstr (z_value (f, id), ==, text);
}

/* Close the shift: the blind count first (nothing expected on screen),
 * then the Z report with the core's numbers, then back to login. */
static void
test_shift_close (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(LapakProduct) a = product_of (f, "KLL", 0);
  g_autoptr(LapakProduct) b = product_of (f, "KOPI", 0);
  g_autofree char *scan_a = g_strdup_printf ("%s*2", a->code);
  g_autoptr(LapakShiftReport) x = NULL;
  g_autoptr(LapakShiftReport) z = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_text = NULL;
  g_autofree char *counted_digits = NULL;
  g_autofree char *z_title = NULL;
  int64_t expected;
  int64_t counted;
  sqlite3 *check;

  log_in (f, "Sari", "1111");
  open_shift_200k (f);
  sell_cash (f, scan_a);
  sell_transfer (f, b->code);
  expected = 200000 + 2 * a->price;

  /* The core agrees before the close: what the drawer should hold. */
  x = lapak_shift_report (f->db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (x->expected_cash, ==, expected);

  /* "Close shift" is in the header while selling. */
  g_assert_true (gtk_widget_get_visible (child (f, "close_shift_button")));
  {
    int min_height = 0;

    /* A touch target: at least 48 px high. */
    gtk_widget_measure (child (f, "close_shift_button"), GTK_ORIENTATION_VERTICAL, -1,
                        &min_height, NULL, NULL, NULL);
    g_assert_cmpint (min_height, >=, 48);
  }
  click (child (f, "close_shift_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "close");
  g_assert_false (gtk_widget_get_visible (child (f, "close_shift_button")));

  /* Blind: the expected amount is nowhere on the window. */
  expected_text = money (expected);
  g_assert_false (shows_text (GTK_WIDGET (f->window), expected_text));
  screenshot (f, "shift-close-count.png");

  /* Nothing typed: a message, the shift still open. */
  click (child (f, "count_confirm_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "close");
  g_assert_true (label_shown (f, "close_message"));

  /* Counted Rp 500 short, typed on the keypad. */
  counted = expected - 500;
  counted_digits = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) counted);
  press_keys (f, "count_keypad", counted_digits);
  click (child (f, "count_confirm_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "zreport");
  screenshot (f, "shift-close-z.png");

  /* The screen shows the core's Z report of the shift. */
  z = lapak_shift_report (f->db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (z->z_number, ==, 1);
  g_assert_cmpint (z->counted, ==, counted);
  g_assert_cmpint (z->sales, ==, 2);
  g_assert_cmpint (z->total, ==, 2 * a->price + b->price);
  z_title = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) z->z_number);
  g_assert_nonnull (strstr (label_text (f, "z_title_label"), z_title));
  assert_z_money (f, "expected", z->expected_cash);
  assert_z_money (f, "counted", counted);
  g_assert_nonnull (strstr (z_value (f, "difference"), "500"));
  g_assert_true (z_value (f, "difference")[0] == '-' || strstr (z_value (f, "difference"), "−") != NULL);
  g_assert_cmpstr (z_value (f, "sales"), ==, "2");
  assert_z_money (f, "total", z->total);
  assert_z_money (f, "method-cash", z->by_method[LAPAK_PAY_CASH]);
  assert_z_money (f, "method-transfer", b->price);
  assert_z_money (f, "method-qris", 0);
  assert_z_money (f, "float", 200000);

  /* The shift is closed in the database, with the count and the Z number. */
  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM shift WHERE closed_at IS NOT NULL"), ==, 1);
  g_assert_cmpint (query_int (check, "SELECT counted FROM shift"), ==, counted);
  g_assert_cmpint (query_int (check, "SELECT expected FROM shift"), ==, expected);
  g_assert_cmpint (query_int (check, "SELECT z_number FROM shift"), ==, 1);
  sqlite3_close (check);

  /* Done: back to login; the next cashier finds no open shift. */
  click (child (f, "z_done_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "login");
  g_assert_null (strstr (adw_window_title_get_subtitle (child (f, "window_title")), "Sari"));
  log_in (f, "Bayu", "2222");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "shift");
}

static GtkWidget *
list_row (Fixture    *f,
          const char *list_name,
          const char *name)
{
  GtkWidget *list = child (f, list_name);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (gtk_widget_get_name (row), name))
      return row;
  g_error ("No row %s in %s", name, list_name);
  return NULL;
}

static guint
n_rows (Fixture    *f,
        const char *list_name)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (child (f, list_name)); row; row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

static void
approve_as (Fixture    *f,
            const char *name,
            const char *pin)
{
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "approve");
  g_signal_emit_by_name (child (f, "approve_user_list"), "row-activated", list_row (f, "approve_user_list", name));
  iterate ();
  press_keys (f, "approve_keypad", pin);
  click (child (f, "approve_button"));
}

/* The core's message for @name as an approver. */
static char *
core_approval_error (Fixture    *f,
                     const char *name,
                     const char *pin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) user = lapak_auth_login (f->db, name, pin, &error);

  if (user != NULL)
    g_assert_false (lapak_auth_require (user, LAPAK_CAP_APPROVE, &error));
  g_assert_nonnull (error);
  return g_strdup (error->message);
}

/* Void a sale from the shift's history, approved by a supervisor's PIN;
 * a cashier as approver and a wrong PIN are refused on screen. */
static void
test_void_from_history (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr(LapakProduct) a = product_of (f, "KLL", 0);
  g_autoptr(LapakProduct) b = product_of (f, "KOPI", 0);
  g_autofree char *scan_b = g_strdup_printf ("%s*2", b->code);
  const char *till = lapak_db_get_till_id (f->db);
  g_autofree char *first = lapak_sale_id (till, 1);
  g_autofree char *second = lapak_sale_id (till, 2);
  g_autofree char *cashier_refused = core_approval_error (f, "Sari", "1111");
  g_autofree char *reason = NULL;
  g_autoptr(LapakShiftReport) x = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *reason_button;
  sqlite3 *check;

  log_in (f, "Sari", "1111");
  open_shift_200k (f);
  sell_cash (f, a->code);
  sell_cash (f, scan_b);

  /* The history lists the shift's sales, newest first. */
  click (child (f, "history_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "history");
  g_assert_cmpuint (n_rows (f, "history_list"), ==, 2);
  g_assert_cmpstr (gtk_widget_get_name (gtk_widget_get_first_child (child (f, "history_list"))), ==, second);
  g_assert_false (gtk_widget_get_sensitive (child (f, "void_box")));

  /* Tapping the first sale shows its receipt. */
  g_signal_emit_by_name (child (f, "history_list"), "row-activated", list_row (f, "history_list", first));
  iterate ();
  g_assert_nonnull (strstr (label_text (f, "history_receipt_label"), first));
  g_assert_nonnull (strstr (label_text (f, "history_receipt_label"), a->name));
  g_assert_true (gtk_widget_get_sensitive (child (f, "void_box")));

  /* A reason by one tap, then the supervisor's approval. */
  reason_button = gtk_widget_get_first_child (child (f, "void_reasons_box"));
  click (reason_button);
  reason = g_strdup (gtk_button_get_label (GTK_BUTTON (reason_button)));
  g_assert_cmpstr (gtk_editable_get_text (child (f, "void_reason_entry")), ==, reason);
  screenshot (f, "history.png");
  click (child (f, "void_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "approve");
  g_assert_nonnull (strstr (label_text (f, "approve_title_label"), first));
  screenshot (f, "approve.png");

  /* A cashier may not approve: the core's message, nothing voided. */
  approve_as (f, "Sari", "1111");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "approve");
  g_assert_true (label_shown (f, "approve_message"));
  g_assert_cmpstr (label_text (f, "approve_message"), ==, cashier_refused);

  /* A wrong supervisor PIN: refused, with the supervisor's name. */
  approve_as (f, "Bayu", "9999");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "approve");
  g_assert_true (label_shown (f, "approve_message"));
  g_assert_nonnull (strstr (label_text (f, "approve_message"), "Bayu"));
  screenshot (f, "approve-refused.png");
  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM sale_void"), ==, 0);
  sqlite3_close (check);

  /* The right PIN: back to the history, the sale voided. */
  approve_as (f, "Bayu", "2222");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "history");
  g_assert_true (label_shown (f, "history_message"));
  g_assert_nonnull (strstr (label_text (f, "history_message"), first));
  g_assert_true (gtk_widget_has_css_class (child (f, "history_message"), "message-ok"));
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (list_row (f, "history_list", first))));
  g_assert_false (gtk_widget_get_sensitive (child (f, "void_box")));
  g_assert_true (shows_text (list_row (f, "history_list", first), _("Voided")));
  g_assert_false (shows_text (list_row (f, "history_list", second), _("Voided")));
  screenshot (f, "history-voided.png");

  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM sale_void"), ==, 1);
  g_assert_cmpint (query_int (check, "SELECT sale_seq FROM sale_void"), ==, 1);
  g_assert_cmpint (query_int (check, "SELECT approver = 'Bayu' AND cashier = 'Sari' FROM sale_void"), ==, 1);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (check, "SELECT reason FROM sale_void", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, reason);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (check);

  /* The voided sale counts nowhere in the X report. */
  x = lapak_shift_report (f->db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (x->sales, ==, 1);
  g_assert_cmpint (x->total, ==, 2 * b->price);
  g_assert_cmpint (x->voids, ==, 1);
  g_assert_cmpint (x->by_method[LAPAK_PAY_CASH], ==, 2 * b->price);
  g_assert_cmpint (x->expected_cash, ==, 200000 + 2 * b->price);

  /* Cancel on the approval page voids nothing. */
  g_signal_emit_by_name (child (f, "history_list"), "row-activated", list_row (f, "history_list", second));
  iterate ();
  click (gtk_widget_get_first_child (child (f, "void_reasons_box")));
  click (child (f, "void_button"));
  click (child (f, "approve_cancel_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "history");
  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM sale_void"), ==, 1);
  sqlite3_close (check);

  click (child (f, "history_back_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
}

/* The "+" or "−" of refund row @line. */
static GtkWidget *
refund_button (Fixture    *f,
               guint       line,
               const char *name)
{
  GtkWidget *row = gtk_widget_get_first_child (child (f, "refund_lines_box"));

  for (guint i = 0; i < line && row != NULL; i++)
    row = gtk_widget_get_next_sibling (row);
  g_assert_nonnull (row);
  for (GtkWidget *c = gtk_widget_get_first_child (row); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_BUTTON (c) && g_str_equal (gtk_widget_get_name (c), name))
      return c;
  g_error ("No %s on refund row %u", name, line);
  return NULL;
}

static const char *
refund_qty (Fixture *f,
            guint    line)
{
  GtkWidget *row = gtk_widget_get_first_child (child (f, "refund_lines_box"));

  for (guint i = 0; i < line && row != NULL; i++)
    row = gtk_widget_get_next_sibling (row);
  g_assert_nonnull (row);
  for (GtkWidget *c = gtk_widget_get_first_child (row); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LABEL (c) && g_str_equal (gtk_widget_get_name (c), "qty"))
      return gtk_label_get_label (GTK_LABEL (c));
  g_error ("No quantity on refund row %u", line);
  return NULL;
}

/* Refund two of three units of a sale found by its receipt's QR code,
 * in cash, approved by a supervisor. */
static void
test_refund (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(LapakProduct) a = product_of (f, "KLL", 0);
  g_autofree char *scan_a = g_strdup_printf ("%s*3", a->code);
  const char *till = lapak_db_get_till_id (f->db);
  g_autofree char *sale = lapak_sale_id (till, 1);
  g_autofree char *qr = g_strdup_printf ("LAPAK:%s", sale);
  g_autofree char *refunded = money (2 * a->price);
  g_autoptr(LapakShiftReport) x = NULL;
  g_autoptr(GError) error = NULL;
  GtkEditable *entry;
  sqlite3 *check;

  log_in (f, "Sari", "1111");
  open_shift_200k (f);
  sell_cash (f, scan_a);

  click (child (f, "refund_header_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "refund");
  g_assert_false (gtk_widget_get_sensitive (child (f, "refund_box")));

  /* A mistyped number: the core's message, nothing to refund. */
  entry = child (f, "refund_sale_entry");
  gtk_editable_set_text (entry, "K1-");
  g_signal_emit_by_name (entry, "activate");
  iterate ();
  g_assert_true (label_shown (f, "refund_message"));
  g_assert_false (gtk_widget_get_sensitive (child (f, "refund_box")));

  /* The receipt's QR code, scanned: the sale's lines. */
  gtk_editable_set_text (entry, qr);
  g_signal_emit_by_name (entry, "activate");
  iterate ();
  g_assert_false (label_shown (f, "refund_message"));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, sale);
  g_assert_true (gtk_widget_get_sensitive (child (f, "refund_box")));
  g_assert_cmpstr (refund_qty (f, 0), ==, "0");

  /* No units chosen: a message, no approval asked. */
  click (child (f, "refund_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "refund");
  g_assert_true (label_shown (f, "refund_message"));

  /* + three times, − once: two units; + stops at what was sold. */
  click (refund_button (f, 0, "inc"));
  g_assert_false (label_shown (f, "refund_message"));
  click (refund_button (f, 0, "inc"));
  click (refund_button (f, 0, "inc"));
  g_assert_false (gtk_widget_get_sensitive (refund_button (f, 0, "inc")));
  g_assert_cmpstr (refund_qty (f, 0), ==, "3");
  click (refund_button (f, 0, "dec"));
  g_assert_cmpstr (refund_qty (f, 0), ==, "2");
  click (gtk_widget_get_first_child (child (f, "refund_reasons_box")));
  screenshot (f, "refund.png");

  click (child (f, "refund_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "approve");
  g_assert_nonnull (strstr (label_text (f, "approve_title_label"), sale));
  approve_as (f, "Bayu", "2222");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "refund");
  g_assert_true (label_shown (f, "refund_message"));
  g_assert_true (gtk_widget_has_css_class (child (f, "refund_message"), "message-ok"));
  g_assert_nonnull (strstr (label_text (f, "refund_message"), refunded));
  g_assert_cmpstr (refund_qty (f, 0), ==, "0");
  screenshot (f, "refund-done.png");

  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM refund"), ==, 1);
  g_assert_cmpint (query_int (check, "SELECT amount FROM refund"), ==, 2 * a->price);
  g_assert_cmpint (query_int (check, "SELECT method = 'cash' AND approver = 'Bayu' AND cashier = 'Sari' FROM refund"), ==, 1);
  g_assert_cmpint (query_int (check, "SELECT qty FROM refund_line"), ==, 2);
  sqlite3_close (check);

  x = lapak_shift_report (f->db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (x->refunded, ==, 2 * a->price);
  g_assert_cmpint (x->expected_cash, ==, 200000 + a->price);

  /* Only the one unit left can be chosen now. */
  click (refund_button (f, 0, "inc"));
  g_assert_cmpstr (refund_qty (f, 0), ==, "1");
  g_assert_false (gtk_widget_get_sensitive (refund_button (f, 0, "inc")));
  click (refund_button (f, 0, "dec"));
  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM refund"), ==, 1);
  sqlite3_close (check);

  /* Closing the shift: the refund is out of the drawer; Rp 1,000 over. */
  click (child (f, "refund_back_button"));
  click (child (f, "close_shift_button"));
  {
    g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) (200000 + a->price + 1000));
    g_autofree char *over = money (1000);

    press_keys (f, "count_keypad", digits);
    click (child (f, "count_confirm_button"));
    g_assert_cmpstr (lapak_window_get_page (f->window), ==, "zreport");
    assert_z_money (f, "expected", 200000 + a->price);
    assert_z_money (f, "refunded", 2 * a->price);
    g_assert_true (z_value (f, "difference")[0] == '+');
    g_assert_cmpstr (z_value (f, "difference") + 1, ==, over);
  }
}

/* However long the cart, the line just scanned is in sight: the list
 * scrolls to it (the newest at the bottom, and an older one scanned again). */
typedef struct
{
  Fixture    *f;
  const char *name;
} InSight;

static gboolean
line_in_sight (gpointer data)
{
  InSight *w = data;
  GtkWidget *view = child (w->f, "cart_view");
  GtkWidget *scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  g_assert_nonnull (scrolled);
  collect_buttons (view, "inc", buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *b = g_ptr_array_index (buttons, i);
      GtkListItem *item = g_object_get_data (G_OBJECT (b), "list-item");
      LapakCartItem *cart_item = gtk_list_item_get_item (item);
      graphene_rect_t bounds;

      if (cart_item == NULL || !g_str_equal (lapak_cart_item_get_name (cart_item), w->name) ||
          !gtk_widget_get_mapped (b) ||
          !gtk_widget_compute_bounds (b, scrolled, &bounds))
        continue;
      return bounds.origin.y >= 0 &&
             bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
    }
  return FALSE;
}

static void
test_cart_follows_scans (Fixture       *f,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = lapak_product_list (f->db, NULL, &error);
  InSight w = { f, NULL };
  guint n = 20;

  g_assert_no_error (error);
  g_assert_cmpuint (products->len, >=, n);
  log_in (f, "Sari", "1111");
  press_keys (f, "float_keypad", "100000");
  click (child (f, "open_shift_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");

  for (guint i = 0; i < n; i++)
    {
      LapakProduct *p = g_ptr_array_index (products, i);

      scan (f, p->code);
      w.name = p->name;
      wait_until (line_in_sight, &w, "the scanned line in sight");
    }
  g_assert_cmpuint (g_list_model_get_n_items (lapak_window_get_cart (f->window)), ==, n);

  /* The first line again: its quantity grows, and it is brought back. */
  scan (f, ((LapakProduct *) g_ptr_array_index (products, 0))->code);
  w.name = ((LapakProduct *) g_ptr_array_index (products, 0))->name;
  wait_until (line_in_sight, &w, "the first line back in sight");
  g_assert_cmpint (lapak_cart_item_get_qty (cart_item (f, 0)), ==, 2);
  screenshot (f, "long-cart.png");
}

/* ---------- kiosk mode, closing with a cart ---------- */

/* Kiosk mode: the window does not close, and kiosk mode does not end,
 * without an organiser's PIN; a supervisor is refused with the core's
 * message. */
static void
test_leave_kiosk (Fixture       *f,
                  gconstpointer  user_data)
{
  gboolean stopped = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) bayu = lapak_auth_login (f->db, "Bayu", "2222", &error);
  g_autofree char *refused = NULL;

  g_assert_false (lapak_auth_require (bayu, LAPAK_CAP_LEAVE_KIOSK, &error));
  refused = g_strdup (error->message);

  g_assert_false (gtk_widget_get_visible (child (f, "leave_kiosk_button")));
  lapak_window_set_kiosk (f->window, TRUE);
  iterate ();
  g_assert_true (gtk_widget_get_visible (child (f, "leave_kiosk_button")));
  log_in (f, "Sari", "1111");
  open_shift_200k (f);

  /* Closing the window (Alt+F4) asks for an organiser, and is cancelled. */
  g_signal_emit_by_name (f->window, "close-request", &stopped);
  g_assert_true (stopped);
  iterate ();
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "approve");
  click (child (f, "approve_cancel_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  g_assert_true (lapak_window_get_kiosk (f->window));

  /* "Leave kiosk": a supervisor may not, an organiser may. */
  click (child (f, "leave_kiosk_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "approve");
  screenshot (f, "leave-kiosk.png");
  approve_as (f, "Bayu", "2222");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "approve");
  g_assert_cmpstr (label_text (f, "approve_message"), ==, refused);
  g_assert_true (lapak_window_get_kiosk (f->window));
  approve_as (f, "Ketua", "123456");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  g_assert_false (lapak_window_get_kiosk (f->window));
  g_assert_false (gtk_widget_get_visible (child (f, "leave_kiosk_button")));
}

/* "Close shift" with items in the cart warns first; the second tap goes on. */
static void
test_close_with_cart (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(LapakProduct) a = product_of (f, "KLL", 0);

  log_in (f, "Sari", "1111");
  open_shift_200k (f);
  scan (f, a->code);
  click (child (f, "close_shift_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  g_assert_true (label_shown (f, "scan_message"));
  g_assert_cmpuint (g_list_model_get_n_items (lapak_window_get_cart (f->window)), ==, 1);
  screenshot (f, "close-with-cart.png");

  /* A change to the cart disarms it: the next tap warns again. */
  scan (f, a->code);
  click (child (f, "close_shift_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  g_assert_true (label_shown (f, "scan_message"));

  click (child (f, "close_shift_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "close");

  /* An empty cart: straight to the count. */
  click (child (f, "count_back_button"));
  click (child (f, "clear_button"));
  click (child (f, "close_shift_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "close");
}

/* ---------- product search ---------- */

typedef struct
{
  Fixture *f;
  guint    n;
} SearchWait;

static GListModel *
search_results (Fixture *f)
{
  return gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_grid_view_get_model (child (f, "search_grid"))));
}

static gboolean
results_are (gpointer data)
{
  SearchWait *w = data;

  return g_list_model_get_n_items (search_results (w->f)) == w->n;
}

static guint
core_search_count (Fixture    *f,
                   const char *text,
                   const char *tenant)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = lapak_product_search (f->db, text, tenant, 0, &error);

  g_assert_no_error (error);
  return hits->len;
}

static guint
count_widgets (GtkWidget *widget)
{
  guint n = 1;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_widgets (c);
  return n;
}

/* Find by name: a fragment, a tenant filter, a tap adds it to the cart;
 * over 50,000 products the grid makes widgets only for what it shows. */
static void
test_search (Fixture       *f,
             gconstpointer  user_data)
{
  sqlite3 *db = lapak_db_get_handle (f->db);
  sqlite3_stmt *stmt = NULL;
  GtkStringList *tenants;
  guint kll_row = G_MAXUINT;
  SearchWait w = { f, 0 };
  g_autoptr(LapakProductItem) tapped = NULL;

  /* 50,000 more products of tenant KOPI, one in a thousand "Pedas" */
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO product (code, tenant_code, serial, name, price, status, created_at) "
                                       "VALUES (?1, 'KOPI', ?2, ?3, 5000, 'active', 0)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 0; i < 50000; i++)
    {
      g_autofree char *code = g_strdup_printf ("KOPI-X%05d", i);
      g_autofree char *name = g_strdup_printf ("Kopi Sachet %05d%s", i, i % 1000 == 0 ? " Pedas" : "");

      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, 10000 + i);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);

  log_in (f, "Sari", "1111");
  open_shift_200k (f);
  click (child (f, "search_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "search");

  /* Everything at first: 50,000 and more, but few widgets. */
  w.n = core_search_count (f, NULL, NULL);
  g_assert_cmpuint (w.n, >, 50000);
  wait_until (results_are, &w, "all the products");
  iterate ();
  g_assert_cmpuint (count_widgets (child (f, "search_grid")), <, 2000);

  /* A fragment of a name, as typed. */
  gtk_editable_set_text (child (f, "search_entry"), "pedas");
  w.n = core_search_count (f, "pedas", NULL);
  g_assert_cmpuint (w.n, >, 50);   /* the 50 sachets and the demo's own */
  wait_until (results_are, &w, "the products named pedas");

  /* Only Keripik Lele Bu Tini's. */
  tenants = GTK_STRING_LIST (gtk_drop_down_get_model (child (f, "tenant_dropdown")));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tenants)); i++)
    if (g_str_equal (gtk_string_list_get_string (tenants, i), "Keripik Lele Bu Tini"))
      kll_row = i;
  g_assert_cmpuint (kll_row, !=, G_MAXUINT);
  gtk_drop_down_set_selected (child (f, "tenant_dropdown"), kll_row);
  iterate ();
  w.n = core_search_count (f, "pedas", "KLL");
  g_assert_cmpuint (w.n, >=, 1);
  g_assert_cmpuint (w.n, <, 10);
  wait_until (results_are, &w, "KLL's products named pedas");
  for (guint i = 0; i < w.n; i++)
    {
      g_autoptr(LapakProductItem) item = g_list_model_get_item (search_results (f), i);
      g_autofree char *name = g_ascii_strdown (lapak_product_item_get_name (item), -1);

      g_assert_cmpstr (lapak_product_item_get_tenant (item), ==, "KLL");
      g_assert_nonnull (strstr (name, "pedas"));
    }
  screenshot (f, "search.png");

  /* A tap: into the cart, back on the sell page. */
  tapped = g_list_model_get_item (search_results (f), 0);
  g_signal_emit_by_name (child (f, "search_grid"), "activate", 0);
  iterate ();
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  g_assert_cmpuint (g_list_model_get_n_items (lapak_window_get_cart (f->window)), ==, 1);
  g_assert_cmpstr (lapak_cart_item_get_code (cart_item (f, 0)), ==, lapak_product_item_get_code (tapped));
  g_assert_cmpint (lapak_cart_item_get_qty (cart_item (f, 0)), ==, 1);

  /* Again: a second unit; "Back to the cart" changes nothing. */
  click (child (f, "search_button"));
  g_assert_cmpstr (gtk_editable_get_text (child (f, "search_entry")), ==, "");
  click (child (f, "search_back_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  g_assert_cmpuint (g_list_model_get_n_items (lapak_window_get_cart (f->window)), ==, 1);
}

/* ---------- discount, price override, no sale ---------- */

/* A discount and a new price on a cart line, each approved by a
 * supervisor; the sale keeps both and who approved them. */
static void
test_discount_and_price (Fixture       *f,
                         gconstpointer  user_data)
{
  g_autoptr(LapakProduct) a = product_of (f, "KLL", 0);
  g_autofree char *scan_a = g_strdup_printf ("%s*2", a->code);
  g_autofree char *cashier_refused = core_approval_error (f, "Sari", "1111");
  g_autofree char *total_text = NULL;
  int64_t price = a->price + 2000;
  sqlite3 *check;

  log_in (f, "Sari", "1111");
  open_shift_200k (f);
  scan (f, scan_a);

  /* Rp 1,000 off each unit. */
  click (row_button (f, 0, "edit"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "line");
  g_assert_cmpstr (label_text (f, "line_title_label"), ==, a->name);

  /* nothing typed: a message, no approval asked */
  click (child (f, "line_discount_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "line");
  g_assert_true (label_shown (f, "line_message"));

  press_keys (f, "line_keypad", "1");
  click (key (f, "line_keypad", "000"));
  screenshot (f, "line-discount.png");
  click (child (f, "line_discount_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "approve");
  approve_as (f, "Sari", "1111");
  g_assert_cmpstr (label_text (f, "approve_message"), ==, cashier_refused);
  approve_as (f, "Bayu", "2222");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  g_assert_cmpint (lapak_cart_item_get_unit_price (cart_item (f, 0)), ==, a->price - 1000);
  total_text = money (2 * (a->price - 1000));
  g_assert_cmpstr (label_text (f, "total_label"), ==, total_text);

  /* A discount as big as the price: the core's message on the page. */
  click (row_button (f, 0, "edit"));
  g_assert_nonnull (strstr (label_text (f, "line_detail_label"), "Bayu"));
  {
    g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) a->price);

    press_keys (f, "line_keypad", digits);
  }
  click (child (f, "line_discount_button"));
  approve_as (f, "Bayu", "2222");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "line");
  g_assert_true (label_shown (f, "line_message"));
  g_assert_cmpint (lapak_cart_item_get_unit_price (cart_item (f, 0)), ==, a->price - 1000);

  /* A new unit price (the discount stays). */
  gtk_editable_set_text (child (f, "line_amount_entry"), "");
  {
    g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) price);

    press_keys (f, "line_keypad", digits);
  }
  click (child (f, "line_price_button"));
  approve_as (f, "Ketua", "123456");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  g_assert_cmpint (lapak_cart_item_get_unit_price (cart_item (f, 0)), ==, price - 1000);

  /* Paid: the sale holds list price, price, discount and approver. */
  click (child (f, "pay_button"));
  click (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_first_child (child (f, "quick_cash_box")))));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "done");
  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT total FROM sale"), ==, 2 * (price - 1000));
  g_assert_cmpint (query_int (check, "SELECT list_price FROM sale_line"), ==, a->price);
  g_assert_cmpint (query_int (check, "SELECT unit_price FROM sale_line"), ==, price);
  g_assert_cmpint (query_int (check, "SELECT unit_discount FROM sale_line"), ==, 1000);
  g_assert_cmpint (query_int (check, "SELECT approver = 'Ketua' FROM sale_line"), ==, 1);
  sqlite3_close (check);
}

/* No sale: a reason, a supervisor, a journal entry; no money moves. */
static void
test_no_sale (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(LapakShiftReport) x = NULL;
  g_autoptr(GError) error = NULL;
  int64_t journal_before;
  sqlite3 *check;

  log_in (f, "Sari", "1111");
  open_shift_200k (f);
  check = open_check_db (f);
  journal_before = query_int (check, "SELECT count(*) FROM journal");
  sqlite3_close (check);

  click (child (f, "open_drawer_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "nosale");
  click (child (f, "nosale_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "nosale");
  g_assert_true (label_shown (f, "nosale_message"));
  click (gtk_widget_get_first_child (child (f, "nosale_reasons_box")));
  g_assert_false (label_shown (f, "nosale_message"));
  screenshot (f, "no-sale.png");

  /* Cancelled: nothing recorded. */
  click (child (f, "nosale_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "approve");
  click (child (f, "approve_cancel_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "nosale");
  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM cash_move"), ==, 0);
  sqlite3_close (check);

  click (child (f, "nosale_button"));
  approve_as (f, "Bayu", "2222");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  g_assert_true (label_shown (f, "scan_message"));
  g_assert_true (gtk_widget_has_css_class (child (f, "scan_message"), "message-ok"));
  g_assert_nonnull (strstr (label_text (f, "scan_message"), "Bayu"));

  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM cash_move WHERE kind = 'no_sale' AND amount = 0 "
                                     "AND cashier = 'Sari' AND approver = 'Bayu' AND reason <> ''"), ==, 1);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM journal"), ==, journal_before + 1);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM journal WHERE type = 'cash'"), ==, 1);
  sqlite3_close (check);
  x = lapak_shift_report (f->db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (x->expected_cash, ==, 200000);

  /* An error afterwards is shown as an error again. */
  scan (f, "ZZZ-0001");
  g_assert_true (gtk_widget_has_css_class (child (f, "scan_message"), "message-error"));
}

/* ---------- 1920×1080 ---------- */

/* The main screens on a Full HD screen: screenshots in 1920x1080/, and
 * (as at 1366×768) every page's minimum size fits. */
static void
test_full_hd (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(LapakProduct) a = product_of (f, "KLL", 0);
  g_autoptr(LapakProduct) b = product_of (f, "KOPI", 0);
  g_autofree char *scan_a = g_strdup_printf ("%s*3", a->code);

  /* the window's own size, less its shadow */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), >=, 1900);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), >=, 1060);
  screenshot (f, "1920x1080/login.png");
  log_in (f, "Sari", "1111");
  screenshot (f, "1920x1080/shift-open.png");
  open_shift_200k (f);
  scan (f, scan_a);
  scan (f, b->code);
  screenshot (f, "1920x1080/sell.png");
  click (child (f, "search_button"));
  gtk_editable_set_text (child (f, "search_entry"), "keripik");
  screenshot (f, "1920x1080/search.png");
  click (child (f, "search_back_button"));
  click (row_button (f, 0, "edit"));
  screenshot (f, "1920x1080/line.png");
  click (child (f, "line_back_button"));
  click (child (f, "pay_button"));
  screenshot (f, "1920x1080/pay-cash.png");
  gtk_toggle_button_set_active (child (f, "method_qris"), TRUE);
  iterate ();
  screenshot (f, "1920x1080/pay-qris.png");
  gtk_toggle_button_set_active (child (f, "method_cash"), TRUE);
  iterate ();
  click (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_first_child (child (f, "quick_cash_box")))));
  screenshot (f, "1920x1080/done.png");
  click (child (f, "next_button"));
  click (child (f, "history_button"));
  screenshot (f, "1920x1080/history.png");
  click (child (f, "history_back_button"));
  click (child (f, "refund_header_button"));
  screenshot (f, "1920x1080/refund.png");
  click (child (f, "refund_back_button"));
  click (child (f, "open_drawer_button"));
  screenshot (f, "1920x1080/no-sale.png");
  click (child (f, "nosale_button"));
  click (gtk_widget_get_first_child (child (f, "nosale_reasons_box")));
  click (child (f, "nosale_button"));
  screenshot (f, "1920x1080/approve.png");
  click (child (f, "approve_cancel_button"));
  click (child (f, "nosale_back_button"));
  click (child (f, "close_shift_button"));
  screenshot (f, "1920x1080/shift-close-count.png");
  press_keys (f, "count_keypad", "300");
  click (key (f, "count_keypad", "000"));
  click (child (f, "count_confirm_button"));
  screenshot (f, "1920x1080/shift-close-z.png");
}

/* ---------- receipt printing ---------- */

/* One cupsd for the whole run (libcups keeps the server per thread). */
static LapakTestCups *test_cups;

static gboolean
printer_answered (gpointer data)
{
  Fixture *f = data;

  const char *label = gtk_button_get_label (child (f, "print_button"));

  return g_strcmp0 (label, _("Printing…")) != 0 && g_strcmp0 (label, _("Printer: checking…")) != 0;
}

static void
wait_printer (Fixture *f)
{
  wait_until (printer_answered, f, "the printer's answer");
  iterate ();
}

static guint
n_jobs (void)
{
  g_autoptr(GPtrArray) jobs = lapak_test_cups_jobs (test_cups);

  return jobs->len;
}

typedef struct
{
  guint n;
} JobsWait;

static gboolean
jobs_arrived (gpointer data)
{
  JobsWait *w = data;

  return n_jobs () >= w->n;
}

/* The bytes of the newest job, once there are @n jobs (the main loop runs
 * meanwhile: the window may print by itself). */
static GBytes *
job_bytes (guint n)
{
  JobsWait w = { n };
  g_autoptr(GPtrArray) jobs = NULL;

  wait_until (jobs_arrived, &w, "the job at the raw queue");
  jobs = lapak_test_cups_jobs (test_cups);
  g_assert_cmpuint (jobs->len, ==, n);
  return lapak_test_cups_captured (test_cups, GPOINTER_TO_INT (jobs->pdata[n - 1]));
}

static gboolean
printer_ready (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (gtk_button_get_label (child (f, "print_button")), _("Printer: ready")) == 0;
}

/* What the till's printer should get for @sale: ESC/POS on 58 mm. */
static GBytes *
escpos_of (Fixture    *f,
           const char *sale,
           gboolean    reprint,
           gboolean    drawer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakReceipt) receipt = lapak_receipt_load (f->db, sale, &error);
  LapakEscposOptions options = { LAPAK_PAPER_58MM, drawer };

  g_assert_no_error (error);
  receipt->reprint = reprint;
  return lapak_escpos_receipt (receipt, &options);
}

static gboolean
print_error_shown (Fixture    *f,
                   const char *what)
{
  return label_shown (f, "print_message") && strstr (label_text (f, "print_message"), what) != NULL &&
         gtk_widget_has_css_class (child (f, "print_button"), "printer-error");
}

/* No printer set up: the header says so, a sale is not held up, and a
 * reprint says what to do. */
static void
test_print_not_set_up (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autoptr(LapakProduct) a = product_of (f, "KLL", 0);
  const char *till = lapak_db_get_till_id (f->db);
  g_autofree char *sale = lapak_sale_id (till, 1);
  int min_height = 0;

  g_assert_cmpstr (gtk_button_get_label (child (f, "print_button")), ==, _("Printer: not set up"));
  gtk_widget_measure (child (f, "print_button"), GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_height, >=, 48);
  log_in (f, "Sari", "1111");
  open_shift_200k (f);
  sell_cash (f, a->code);
  g_assert_cmpstr (gtk_button_get_label (child (f, "print_button")), ==, _("Printer: not set up"));
  g_assert_false (label_shown (f, "print_message"));

  click (child (f, "history_button"));
  g_assert_false (gtk_widget_get_sensitive (child (f, "reprint_button")));
  g_signal_emit_by_name (child (f, "history_list"), "row-activated", list_row (f, "history_list", sale));
  iterate ();
  click (child (f, "reprint_button"));
  g_assert_true (label_shown (f, "history_message"));
  g_assert_true (gtk_widget_has_css_class (child (f, "history_message"), "message-error"));
  g_assert_nonnull (strstr (label_text (f, "history_message"), "lapakctl printers set"));
}

/* The receipt prints by itself after each sale on the till's printer; a
 * printer that refuses or is stopped is said on screen, the sale stays
 * saved, and the receipt prints once the printer is back; the history
 * reprints, marked as a reprint. Against a real cupsd (root only). */
static void
test_print_receipts (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(LapakProduct) a = product_of (f, "KLL", 0);
  g_autoptr(LapakProduct) b = product_of (f, "KOPI", 0);
  const char *till = lapak_db_get_till_id (f->db);
  g_autofree char *first = lapak_sale_id (till, 1);
  g_autofree char *second = lapak_sale_id (till, 2);
  g_autofree char *third = lapak_sale_id (till, 3);
  g_autofree char *fourth = lapak_sale_id (till, 4);
  g_autoptr(LapakPrintSettings) settings = NULL;
  g_autoptr(LapakUser) bayu = NULL;
  g_autoptr(GError) error = NULL;
  guint jobs;
  sqlite3 *check;

  if (getuid () != 0)
    {
      g_test_skip (LAPAK_TEST_CUPS_SKIP_NOT_ROOT);
      return;
    }
  if (test_cups == NULL)
    test_cups = lapak_test_cups_new ();
  g_setenv ("CUPS_SERVER", test_cups->sock, TRUE);
  jobs = n_jobs ();
  lapak_window_set_print_retry (f->window, 0);   /* taps only, until said */

  /* The till prints receipts on "raw", 58 mm, and opens the drawer for cash. */
  bayu = lapak_test_login (f->db, "Bayu", "2222");
  settings = lapak_print_settings_load (f->db, &error);
  g_assert_no_error (error);
  settings->receipt_queue = g_strdup ("raw");
  settings->open_drawer = TRUE;
  g_assert_true (lapak_print_settings_save (f->db, bayu, settings, &error));
  g_assert_no_error (error);
  click (child (f, "print_button"));
  wait_printer (f);
  g_assert_cmpstr (gtk_button_get_label (child (f, "print_button")), ==, _("Printer: ready"));

  /* A cash sale: its receipt arrives as the ESC/POS renderer makes it. */
  log_in (f, "Sari", "1111");
  open_shift_200k (f);
  sell_cash (f, a->code);
  wait_printer (f);
  g_assert_cmpstr (gtk_button_get_label (child (f, "print_button")), ==, _("Printer: ready"));
  g_assert_false (label_shown (f, "print_message"));
  {
    g_autoptr(GBytes) got = job_bytes (++jobs);
    g_autoptr(GBytes) want = escpos_of (f, first, FALSE, TRUE);

    g_assert_true (g_bytes_equal (got, want));
  }

  /* The printer refuses jobs: the message on screen, the sale saved. */
  lapak_test_cups_tool (test_cups, "/usr/sbin/cupsreject", "raw", NULL);
  sell_transfer (f, b->code);
  wait_printer (f);
  g_assert_true (print_error_shown (f, second));
  g_assert_nonnull (strstr (label_text (f, "print_message"), "raw"));
  screenshot (f, "print-error.png");
  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM sale"), ==, 2);
  sqlite3_close (check);
  g_assert_cmpuint (n_jobs (), ==, jobs);

  /* Back: one tap on the printer button prints it. */
  lapak_test_cups_tool (test_cups, "/usr/sbin/cupsaccept", "raw", NULL);
  click (child (f, "print_button"));
  wait_printer (f);
  g_assert_cmpstr (gtk_button_get_label (child (f, "print_button")), ==, _("Printer: ready"));
  g_assert_false (label_shown (f, "print_message"));
  {
    g_autoptr(GBytes) got = job_bytes (++jobs);
    g_autoptr(GBytes) want = escpos_of (f, second, FALSE, FALSE);

    g_assert_true (g_bytes_equal (got, want));
  }

  /* Refused again; this time nobody taps: the window asks the printer
   * every second (20 s in use) and prints once it is back. */
  lapak_window_set_print_retry (f->window, 1);
  lapak_test_cups_tool (test_cups, "/usr/sbin/cupsreject", "raw", NULL);
  sell_cash (f, a->code);
  wait_printer (f);
  g_assert_true (print_error_shown (f, third));
  g_usleep (1500 * 1000);
  iterate ();
  wait_printer (f);
  g_assert_true (print_error_shown (f, third));   /* still refused: still said */
  lapak_test_cups_tool (test_cups, "/usr/sbin/cupsaccept", "raw", NULL);
  {
    g_autoptr(GBytes) got = job_bytes (++jobs);
    g_autoptr(GBytes) want = escpos_of (f, third, FALSE, TRUE);

    g_assert_true (g_bytes_equal (got, want));
  }
  wait_until (printer_ready, f, "the printer to be ready");
  g_assert_false (label_shown (f, "print_message"));

  /* The printer is stopped: the receipt waits in its queue, said on
   * screen; it prints once the printer is enabled, and the header says
   * so by itself. */
  lapak_test_cups_tool (test_cups, "/usr/sbin/cupsdisable", "raw", NULL);
  sell_cash (f, a->code);
  wait_printer (f);
  /* The job's answer names the sale; the retry (every second here) may
   * already have asked the printer, whose answer names the stopped queue
   * and how to enable it: either is right (a loaded machine sees the
   * second one first). */
  g_assert_true (print_error_shown (f, fourth) || print_error_shown (f, "cupsenable raw"));
  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM sale"), ==, 4);
  sqlite3_close (check);
  g_usleep (300 * 1000);
  g_assert_cmpuint (n_jobs (), ==, jobs);
  lapak_test_cups_tool (test_cups, "/usr/sbin/cupsenable", "raw", NULL);
  {
    g_autoptr(GBytes) got = job_bytes (++jobs);
    g_autoptr(GBytes) want = escpos_of (f, fourth, FALSE, TRUE);

    g_assert_true (g_bytes_equal (got, want));
  }
  wait_until (printer_ready, f, "the printer to be ready");
  g_assert_false (label_shown (f, "print_message"));

  /* Reprint from the history: marked as a reprint, no drawer. */
  click (child (f, "history_button"));
  g_signal_emit_by_name (child (f, "history_list"), "row-activated", list_row (f, "history_list", first));
  iterate ();
  g_assert_true (gtk_widget_get_sensitive (child (f, "reprint_button")));
  click (child (f, "reprint_button"));
  g_assert_true (gtk_widget_has_css_class (child (f, "history_message"), "message-ok"));
  wait_printer (f);
  {
    g_autoptr(GBytes) got = job_bytes (++jobs);
    g_autoptr(GBytes) want = escpos_of (f, first, TRUE, FALSE);
    g_autoptr(GBytes) original = escpos_of (f, first, FALSE, FALSE);

    g_assert_true (g_bytes_equal (got, want));
    g_assert_false (g_bytes_equal (got, original));
  }
  screenshot (f, "history-reprint.png");

  /* A no-sale opens the drawer through the printer: the kick, no paper. */
  click (child (f, "history_back_button"));
  click (child (f, "open_drawer_button"));
  click (gtk_widget_get_first_child (child (f, "nosale_reasons_box")));
  click (child (f, "nosale_button"));
  approve_as (f, "Bayu", "2222");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  wait_printer (f);
  {
    g_autoptr(GBytes) got = job_bytes (++jobs);
    g_autoptr(GBytes) kick = lapak_escpos_drawer_kick ();

    g_assert_true (g_bytes_equal (got, kick));
  }
}

/* ---------- kiosk4: refunds show what came back, by any method; earlier shifts ---------- */

/* A named widget anywhere under @widget. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_str_equal (gtk_widget_get_name (widget), name))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The "sold · refunded · left" label of refund row @line. */
static const char *
refund_counts (Fixture *f,
               guint    line)
{
  GtkWidget *row = gtk_widget_get_first_child (child (f, "refund_lines_box"));
  GtkWidget *label;

  for (guint i = 0; i < line && row != NULL; i++)
    row = gtk_widget_get_next_sibling (row);
  g_assert_nonnull (row);
  label = find_named (row, "sold");
  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

static char *
counts_text (const char *code,
             int64_t     sold,
             int64_t     refunded,
             int64_t     left)
{
  return g_strdup_printf (_("%s · sold %" PRId64 " · refunded %" PRId64 " · %" PRId64 " left"),
                          code, sold, refunded, left);
}

static void
refund_load_sale (Fixture    *f,
                  const char *sale)
{
  GtkEditable *entry = child (f, "refund_sale_entry");

  gtk_editable_set_text (entry, sale);
  g_signal_emit_by_name (entry, "activate");
  iterate ();
}

static void
assert_touch_target (GtkWidget *widget)
{
  int min_height = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_height, >=, 48);
}

/* The refund page shows per line the units sold, already refunded and
 * still refundable, as the core counts them; + stops at what is left; a
 * sale refunded whole says so and offers nothing more. */
static void
test_refund_counts (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(LapakProduct) a = product_of (f, "KLL", 0);
  g_autoptr(LapakProduct) b = product_of (f, "KOPI", 0);
  g_autofree char *scan_a = g_strdup_printf ("%s*3", a->code);
  const char *till = lapak_db_get_till_id (f->db);
  g_autofree char *sale = lapak_sale_id (till, 1);
  g_autofree char *full = NULL;
  g_autofree char *want = NULL;
  sqlite3 *check;

  log_in (f, "Sari", "1111");
  open_shift_200k (f);
  scan (f, scan_a);
  sell_cash (f, b->code);

  click (child (f, "refund_header_button"));
  refund_load_sale (f, sale);
  want = counts_text (a->code, 3, 0, 3);
  g_assert_cmpstr (refund_counts (f, 0), ==, want);
  g_clear_pointer (&want, g_free);
  want = counts_text (b->code, 1, 0, 1);
  g_assert_cmpstr (refund_counts (f, 1), ==, want);
  g_clear_pointer (&want, g_free);
  g_assert_false (gtk_widget_get_sensitive (refund_button (f, 0, "dec")));

  /* Two of the three come back. */
  click (refund_button (f, 0, "inc"));
  click (refund_button (f, 0, "inc"));
  click (gtk_widget_get_first_child (child (f, "refund_reasons_box")));
  click (child (f, "refund_button"));
  approve_as (f, "Bayu", "2222");
  g_assert_true (gtk_widget_has_css_class (child (f, "refund_message"), "message-ok"));

  /* Scanned again later: two refunded, one left; + stops at one. */
  click (child (f, "refund_back_button"));
  click (child (f, "refund_header_button"));
  refund_load_sale (f, sale);
  want = counts_text (a->code, 3, 2, 1);
  g_assert_cmpstr (refund_counts (f, 0), ==, want);
  g_clear_pointer (&want, g_free);
  click (refund_button (f, 0, "inc"));
  g_assert_cmpstr (refund_qty (f, 0), ==, "1");
  g_assert_false (gtk_widget_get_sensitive (refund_button (f, 0, "inc")));
  screenshot (f, "refund-counts.png");

  /* The rest, both lines: then the sale is fully refunded. */
  click (refund_button (f, 1, "inc"));
  g_assert_false (gtk_widget_get_sensitive (refund_button (f, 1, "inc")));
  click (gtk_widget_get_first_child (child (f, "refund_reasons_box")));
  click (child (f, "refund_button"));
  approve_as (f, "Bayu", "2222");
  g_assert_true (gtk_widget_has_css_class (child (f, "refund_message"), "message-ok"));

  refund_load_sale (f, sale);
  full = g_strdup_printf (_("Sale %s is fully refunded: every unit has come back already."), sale);
  g_assert_true (label_shown (f, "refund_message"));
  g_assert_cmpstr (label_text (f, "refund_message"), ==, full);
  g_assert_false (gtk_widget_get_sensitive (child (f, "refund_box")));
  want = counts_text (a->code, 3, 3, 0);
  g_assert_cmpstr (refund_counts (f, 0), ==, want);
  g_clear_pointer (&want, g_free);
  want = counts_text (b->code, 1, 1, 0);
  g_assert_cmpstr (refund_counts (f, 1), ==, want);
  g_assert_false (gtk_widget_get_sensitive (refund_button (f, 0, "inc")));
  g_assert_false (gtk_widget_get_sensitive (refund_button (f, 1, "inc")));
  screenshot (f, "refund-full.png");

  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM refund"), ==, 2);
  g_assert_cmpint (query_int (check, "SELECT sum(qty) FROM refund_line WHERE sale_line = 1"), ==, 3);
  g_assert_cmpint (query_int (check, "SELECT sum(qty) FROM refund_line WHERE sale_line = 2"), ==, 1);
  g_assert_cmpint (query_int (check, "SELECT sum(amount) FROM refund"), ==, 3 * a->price + b->price);
  sqlite3_close (check);
}

/* The refund goes back by the method the customer paid (a transfer here)
 * unless another is chosen; chosen QRIS, the core records qris and the X
 * report takes it off QRIS, not the drawer. */
static void
test_refund_by_qris (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(LapakProduct) a = product_of (f, "KLL", 0);
  const char *till = lapak_db_get_till_id (f->db);
  g_autofree char *sale = lapak_sale_id (till, 1);
  g_autofree char *cash_sale = lapak_sale_id (till, 2);
  g_autoptr(LapakShiftReport) x = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *methods;
  GtkWidget *qris;
  sqlite3 *check;

  log_in (f, "Sari", "1111");
  open_shift_200k (f);
  sell_transfer (f, a->code);
  sell_cash (f, a->code);

  click (child (f, "refund_header_button"));
  methods = child (f, "refund_methods_box");
  refund_load_sale (f, sale);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_named (methods, "refund-transfer"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_named (methods, "refund-cash"))));
  for (guint m = 0; m < LAPAK_PAY_N_METHODS; m++)
    {
      g_autofree char *name = g_strdup_printf ("refund-%s", lapak_pay_method_to_string (m));

      assert_touch_target (find_named (methods, name));
    }

  /* A cash sale defaults to cash. */
  refund_load_sale (f, cash_sale);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_named (methods, "refund-cash"))));

  refund_load_sale (f, sale);
  qris = find_named (methods, "refund-qris");
  click (qris);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (qris)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_named (methods, "refund-transfer"))));
  g_assert_nonnull (strstr (gtk_button_get_label (child (f, "refund_button")), "QRIS"));
  click (refund_button (f, 0, "inc"));
  click (gtk_widget_get_first_child (child (f, "refund_reasons_box")));
  screenshot (f, "refund-qris.png");
  click (child (f, "refund_button"));
  approve_as (f, "Bayu", "2222");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "refund");
  g_assert_true (gtk_widget_has_css_class (child (f, "refund_message"), "message-ok"));
  g_assert_nonnull (strstr (label_text (f, "refund_message"), "QRIS"));

  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM refund"), ==, 1);
  g_assert_cmpint (query_int (check, "SELECT method = 'qris' AND amount = (SELECT total FROM sale WHERE seq = 1) FROM refund"), ==, 1);
  sqlite3_close (check);

  x = lapak_shift_report (f->db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (x->by_method[LAPAK_PAY_QRIS], ==, -a->price);
  g_assert_cmpint (x->by_method[LAPAK_PAY_TRANSFER], ==, a->price);
  g_assert_cmpint (x->expected_cash, ==, 200000 + a->price);
}

/* After the shift is closed and a new one opened, the history offers the
 * earlier shift: its sale is listed and reprints (real cupsd, root only);
 * voiding it is refused by the core, on screen. */
static void
test_history_earlier_shift (Fixture       *f,
                            gconstpointer  user_data)
{
  g_autoptr(LapakProduct) a = product_of (f, "KLL", 0);
  g_autoptr(LapakProduct) b = product_of (f, "KOPI", 0);
  const char *till = lapak_db_get_till_id (f->db);
  g_autofree char *first = lapak_sale_id (till, 1);
  g_autofree char *second = lapak_sale_id (till, 2);
  g_autofree char *title = NULL;
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) (200000 + a->price));
  g_autoptr(LapakPrintSettings) settings = NULL;
  g_autoptr(LapakUser) bayu = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *shifts;
  GtkWidget *old_shift;
  guint jobs;
  sqlite3 *check;

  if (getuid () != 0)
    {
      g_test_skip (LAPAK_TEST_CUPS_SKIP_NOT_ROOT);
      return;
    }
  if (test_cups == NULL)
    test_cups = lapak_test_cups_new ();
  g_setenv ("CUPS_SERVER", test_cups->sock, TRUE);
  lapak_window_set_print_retry (f->window, 0);
  bayu = lapak_test_login (f->db, "Bayu", "2222");
  settings = lapak_print_settings_load (f->db, &error);
  g_assert_no_error (error);
  settings->receipt_queue = g_strdup ("raw");
  g_assert_true (lapak_print_settings_save (f->db, bayu, settings, &error));
  click (child (f, "print_button"));
  wait_printer (f);

  /* Shift 1: one sale (its receipt prints), then closed. */
  log_in (f, "Sari", "1111");
  open_shift_200k (f);
  jobs = n_jobs ();
  sell_cash (f, a->code);
  wait_printer (f);
  g_bytes_unref (job_bytes (++jobs));
  click (child (f, "close_shift_button"));
  press_keys (f, "count_keypad", digits);
  click (child (f, "count_confirm_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "zreport");
  click (child (f, "z_done_button"));

  /* Shift 2: another sale. */
  log_in (f, "Sari", "1111");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "shift");
  open_shift_200k (f);
  sell_cash (f, b->code);
  wait_printer (f);
  g_bytes_unref (job_bytes (++jobs));

  /* The history opens on the open shift, the earlier one offered. */
  click (child (f, "history_button"));
  shifts = child (f, "history_shifts_box");
  g_assert_nonnull (find_named (shifts, "shift-2"));
  old_shift = find_named (shifts, "shift-1");
  g_assert_nonnull (old_shift);
  assert_touch_target (old_shift);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_named (shifts, "shift-2"))));
  g_assert_cmpuint (n_rows (f, "history_list"), ==, 1);
  g_assert_cmpstr (gtk_widget_get_name (gtk_widget_get_first_child (child (f, "history_list"))), ==, second);

  /* The earlier shift: its sale, its receipt, a reprint marked as such. */
  click (old_shift);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (old_shift)));
  title = g_strdup_printf (_("Sales of shift Z %" PRId64), (int64_t) 1);
  g_assert_cmpstr (label_text (f, "history_title_label"), ==, title);
  g_assert_cmpuint (n_rows (f, "history_list"), ==, 1);
  g_signal_emit_by_name (child (f, "history_list"), "row-activated", list_row (f, "history_list", first));
  iterate ();
  g_assert_nonnull (strstr (label_text (f, "history_receipt_label"), first));
  g_assert_nonnull (strstr (label_text (f, "history_receipt_label"), a->name));
  screenshot (f, "history-earlier-shift.png");
  click (child (f, "reprint_button"));
  g_assert_true (gtk_widget_has_css_class (child (f, "history_message"), "message-ok"));
  wait_printer (f);
  {
    g_autoptr(GBytes) got = job_bytes (++jobs);
    g_autoptr(GBytes) want = escpos_of (f, first, TRUE, FALSE);

    g_assert_true (g_bytes_equal (got, want));
  }

  /* Void: only the open shift's sales, as the core says. */
  click (gtk_widget_get_first_child (child (f, "void_reasons_box")));
  click (child (f, "void_button"));
  approve_as (f, "Bayu", "2222");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "history");
  g_assert_true (gtk_widget_has_css_class (child (f, "history_message"), "message-error"));
  g_assert_true (label_shown (f, "history_message"));
  check = open_check_db (f);
  g_assert_cmpint (query_int (check, "SELECT count(*) FROM sale_void"), ==, 0);
  sqlite3_close (check);

  /* Back to the open shift. */
  click (find_named (shifts, "shift-2"));
  g_assert_cmpstr (label_text (f, "history_title_label"), ==, _("Sales of this shift"));
  g_assert_cmpstr (gtk_widget_get_name (gtk_widget_get_first_child (child (f, "history_list"))), ==, second);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  /* In the environment's language: this test also runs in Indonesian
   * (LANGUAGE=id), where money is written Rp12.500. */
  lapak_test_gtk_init (&argc, &argv);

  g_test_add ("/kiosk/cash-sale", Fixture, NULL, fixture_set_up, test_cash_sale, fixture_tear_down);
  g_test_add ("/kiosk/split-payment", Fixture, NULL, fixture_set_up, test_split_payment, fixture_tear_down);
  g_test_add ("/kiosk/idle-lock", Fixture, NULL, fixture_set_up, test_idle_lock, fixture_tear_down);
  g_test_add ("/kiosk/shift-close", Fixture, NULL, fixture_set_up, test_shift_close, fixture_tear_down);
  g_test_add ("/kiosk/void-from-history", Fixture, NULL, fixture_set_up, test_void_from_history, fixture_tear_down);
  g_test_add ("/kiosk/refund", Fixture, NULL, fixture_set_up, test_refund, fixture_tear_down);
  g_test_add ("/kiosk/wrong-pin", Fixture, NULL, fixture_set_up, test_wrong_pin_lockout, fixture_tear_down);
  g_test_add ("/kiosk/cart-follows-scans", Fixture, NULL, fixture_set_up, test_cart_follows_scans, fixture_tear_down);
  g_test_add ("/kiosk/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/kiosk/discount-and-price", Fixture, NULL, fixture_set_up, test_discount_and_price, fixture_tear_down);
  g_test_add ("/kiosk/no-sale", Fixture, NULL, fixture_set_up, test_no_sale, fixture_tear_down);
  g_test_add ("/kiosk/full-hd", Fixture, &full_hd, fixture_set_up, test_full_hd, fixture_tear_down);
  g_test_add ("/kiosk/leave-kiosk", Fixture, NULL, fixture_set_up, test_leave_kiosk, fixture_tear_down);
  g_test_add ("/kiosk/close-with-cart", Fixture, NULL, fixture_set_up, test_close_with_cart, fixture_tear_down);
  g_test_add ("/kiosk/print-not-set-up", Fixture, NULL, fixture_set_up, test_print_not_set_up, fixture_tear_down);
  g_test_add ("/kiosk/print-receipts", Fixture, NULL, fixture_set_up, test_print_receipts, fixture_tear_down);
  g_test_add ("/kiosk/refund-counts", Fixture, NULL, fixture_set_up, test_refund_counts, fixture_tear_down);
  g_test_add ("/kiosk/refund-by-qris", Fixture, NULL, fixture_set_up, test_refund_by_qris, fixture_tear_down);
  g_test_add ("/kiosk/history-earlier-shift", Fixture, NULL, fixture_set_up, test_history_earlier_shift, fixture_tear_down);

  rc = g_test_run ();
  lapak_test_cups_free (test_cups);
  return rc;
}
