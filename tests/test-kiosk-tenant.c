/* test-kiosk-tenant.c — tenant self-service in the kiosk and the
 * organiser's products page, driven in-process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (tests/headless.sh), on the demo till: Tini is a tenant
 * user of KLL (PIN 3333), Ketua the organiser (PIN 123456); the fixture
 * adds Darno, a tenant user of KOPI. People tap and type; the test checks
 * what they see and what the database holds. Labels are read back from
 * the PDF with pdftoppm, ImageMagick and zbarimg, as a scanner would.
 */
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lapak-auth.h"
#include "lapak-catalogue.h"
#include "lapak-demo.h"
#include "lapak-keypad.h"
#include "lapak-labels.h"
#include "lapak-ledger.h"
#include "lapak-manage-page.h"
#include "lapak-money.h"
#include "lapak-print-settings.h"
#include "lapak-receipt.h"
#include "lapak-sale.h"
#include "lapak-sales-lines.h"
#include "lapak-shift.h"
#include "lapak-stock.h"
#include "lapak-test-cups.h"
#include "lapak-test-gtk.h"
#include "lapak-test-util.h"
#include "lapak-window.h"

typedef struct
{
  char        *dir;
  LapakDb     *db;
  LapakUser   *organiser;
  LapakWindow *window;
} Fixture;

static LapakTestCups *test_cups;

static gpointer
child (Fixture    *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->window), LAPAK_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static gpointer
home_widget (Fixture    *f,
             const char *name)
{
  GtkWidget *w = lapak_tenant_home_get_widget (lapak_window_get_tenant_home (f->window), name);

  g_assert_nonnull (w);
  return w;
}

static gpointer
products_widget (Fixture    *f,
                 const char *name)
{
  GtkWidget *w = lapak_products_page_get_widget (lapak_window_get_products_page (f->window), name);

  g_assert_nonnull (w);
  return w;
}

static gpointer
labels_widget (Fixture    *f,
               const char *name)
{
  GtkWidget *w = lapak_labels_page_get_widget (lapak_window_get_labels_page (f->window), name);

  g_assert_nonnull (w);
  return w;
}

static gpointer
checkin_widget (Fixture    *f,
                const char *name)
{
  GtkWidget *w = lapak_checkin_page_get_widget (lapak_window_get_checkin_page (f->window), name);

  g_assert_nonnull (w);
  return w;
}

static gpointer
row_widget (Fixture    *f,
            const char *code,
            const char *name)
{
  return lapak_products_page_get_row_widget (lapak_window_get_products_page (f->window), code, name);
}

static const char *
label_text (gpointer label)
{
  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
shown (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_is_drawable (widget);
}

/* A tap on a check button, as a finger would. */
static void
tick (gpointer check,
      gboolean active)
{
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  g_assert_true (shown (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  lapak_test_gtk_iterate ();
}

static void
keypad_type (gpointer    keypad,
             const char *digits)
{
  for (const char *k = digits; *k != '\0'; k++)
    {
      char key[2] = { *k, '\0' };

      lapak_keypad_press (LAPAK_KEYPAD (keypad), key);
    }
  lapak_test_gtk_iterate ();
}

static void
type_text (gpointer    entry,
           const char *text)
{
  g_assert_true (shown (entry));
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  lapak_test_gtk_iterate ();
}

static gboolean
has_focus (gpointer widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
scan (Fixture    *f,
      const char *code)
{
  GtkWidget *entry = checkin_widget (f, "scan_entry");

  /* A scanner types into whatever has the focus: it must be the scan field. */
  g_assert_true (has_focus (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), code);
  g_signal_emit_by_name (entry, "activate");
  lapak_test_gtk_iterate ();
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

static void
log_in (Fixture    *f,
        const char *name,
        const char *pin)
{
  g_signal_emit_by_name (child (f, "user_list"), "row-activated", user_row (f, name));
  lapak_test_gtk_iterate ();
  keypad_type (child (f, "login_keypad"), pin);
  lapak_test_gtk_click (child (f, "login_button"));
}

static void
log_out (Fixture *f)
{
  lapak_test_gtk_click (child (f, "logout_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "login");
}

static char *
sell (Fixture    *f,
      const char *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (f->db, &error);
  g_autoptr(LapakSale) sale = NULL;

  g_assert_no_error (error);
  lapak_cart_scan (cart, item, &error);
  g_assert_no_error (error);
  lapak_cart_add_payment (cart, LAPAK_PAY_CASH, lapak_cart_total (cart), NULL, &error);
  g_assert_no_error (error);
  sale = lapak_sale_commit (f->db, f->organiser, cart, &error);
  g_assert_no_error (error);
  return g_strdup (sale->id);
}

static LapakProduct *
product_named (Fixture    *f,
               const char *tenant,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = lapak_product_list (f->db, tenant, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < products->len; i++)
    if (g_str_equal (((LapakProduct *) g_ptr_array_index (products, i))->name, name))
      return g_ptr_array_steal_index (products, i);
  return NULL;
}

static char *
first_code (Fixture    *f,
            const char *tenant)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = lapak_product_list (f->db, tenant, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (products->len, >, 1);
  return g_strdup (((LapakProduct *) g_ptr_array_index (products, 0))->code);
}

static int64_t
balance_of (Fixture    *f,
            const char *tenant)
{
  g_autoptr(GError) error = NULL;
  int64_t balance = 0;

  g_assert_true (lapak_tenant_balance (f->db, tenant, &balance, &error));
  g_assert_no_error (error);
  return balance;
}

static int64_t
query_int (Fixture    *f,
           const char *sql)
{
  return lapak_test_query_int (f->db, sql);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *labels = NULL;

  f->dir = lapak_test_make_dir ();
  path = g_build_filename (f->dir, "demo.db", NULL);
  f->db = lapak_demo_create (path, g_getenv ("LAPAK_DEMO_DIR"), &error);
  g_assert_no_error (error);
  f->organiser = lapak_auth_login (f->db, "Ketua", "123456", &error);
  g_assert_no_error (error);
  g_assert_true (lapak_user_add (f->db, f->organiser, "Darno", LAPAK_ROLE_TENANT, "KOPI", "4444", &error));
  g_assert_no_error (error);
  g_assert_true (lapak_shift_open (f->db, f->organiser, 0, NULL, &error));
  g_assert_no_error (error);

  f->window = lapak_window_new (NULL, f->db);
  labels = g_build_filename (f->dir, "labels", NULL);
  lapak_labels_page_set_export_dir (lapak_window_get_labels_page (f->window), labels);
  /* user_data: "full-hd" for a 1920×1080 screen */
  if (g_strcmp0 (user_data, "full-hd") == 0)
    lapak_test_gtk_present (GTK_WINDOW (f->window), 1920, 1080);
  else
    lapak_test_gtk_present (GTK_WINDOW (f->window), 1366, 768);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  lapak_test_gtk_iterate ();
  lapak_user_free (f->organiser);
  g_clear_object (&f->db);
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
not_printing (gpointer page)
{
  return !lapak_labels_page_is_printing (page);
}

/* ---------- reading labels back ---------- */

static void
run (const char * const *argv,
     int                *out_status,
     char              **out_stdout)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               out_stdout, &err, &status, &error));
  g_assert_no_error (error);
  if (out_status != NULL)
    *out_status = status;
  else if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
}

/* What a scanner reads off each label position of the first page of a
 * 3 × 8 sheet PDF: a code, or "" where there is none. */
static GPtrArray *
decode_sheet (const char *pdf,
              const char *work)
{
  g_autofree char *prefix = g_build_filename (work, "page", NULL);
  g_autofree char *page = g_build_filename (work, "page-1.png", NULL);
  g_autofree char *tiles = g_build_filename (work, "tile-%02d.png", NULL);
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  g_mkdir_with_parents (work, 0755);
  {
    const char *argv[] = { "pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", pdf, prefix, NULL };

    run (argv, NULL, NULL);
  }
  if (!g_file_test (page, G_FILE_TEST_EXISTS))
    {
      /* pdftoppm numbers pages with as many digits as the last page has */
      g_free (page);
      page = g_build_filename (work, "page-01.png", NULL);
    }
  {
    const char *argv[] = { "/usr/bin/convert", page, "-crop", "3x8@", "+repage", tiles, NULL };

    run (argv, NULL, NULL);
  }
  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *name = g_strdup_printf ("tile-%02u.png", i);
      g_autofree char *tile = g_build_filename (work, name, NULL);
      const char *argv[] = { "zbarimg", "--raw", "-q", "--nodbus", tile, NULL };
      g_autofree char *out = NULL;
      int status = 0;

      run (argv, &status, &out);
      /* zbarimg exits 4 when the image has no code */
      g_assert_true (g_spawn_check_wait_status (status, NULL) ||
                     (WIFEXITED (status) && WEXITSTATUS (status) == 4));
      g_ptr_array_add (codes, g_strdup (g_strstrip (out)));
    }
  return codes;
}

static guint
layout_index (const char *name)
{
  guint n = 0;
  const LapakLabelLayout *layouts = lapak_label_layouts (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (layouts[i].name, name))
      return i;
  g_error ("No layout %s", name);
  return 0;
}

/* ---------- the tests ---------- */

/* A tenant logs in with the PIN pad and lands on its own page; adds a
 * product, which waits; the organiser approves it on the Products page; the
 * tenant prints 3 × 8 labels for it into a PDF, starting on a partly used
 * sheet, and a scanner reads the codes back where they should be. */
static void
test_add_approve_labels (Fixture       *f,
                         gconstpointer  user_data)
{
  g_autoptr(LapakProduct) added = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autofree char *work = g_build_filename (f->dir, "decode", NULL);
  g_autofree char *kopi = first_code (f, "KOPI");
  LapakProductsPage *products = lapak_window_get_products_page (f->window);
  const char *name = "Stik Lele Pedas 150 g";
  const char *saved;
  int64_t kll_products = query_int (f, "SELECT count(*) FROM product WHERE tenant_code = 'KLL'");

  log_in (f, "Tini", "3333");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "tenant-home");
  g_assert_false (gtk_widget_get_visible (lapak_window_get_manage_button (f->window)));
  g_assert_false (gtk_widget_get_visible (child (f, "history_button")));
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "tenant-home.png");

  /* Its own products only. */
  lapak_test_gtk_click (home_widget (f, "products_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "products");
  g_assert_cmpuint (lapak_products_page_get_n_rows (products), ==, (guint) kll_products);
  g_assert_null (row_widget (f, kopi, "choose"));
  g_assert_false (gtk_widget_get_visible (products_widget (f, "tenant_dropdown")));
  /* A tenant sees no curation buttons. */
  g_assert_null (row_widget (f, kopi, "approve"));

  /* It adds a product with the keypad: it waits for approval. */
  type_text (products_widget (f, "name_entry"), name);
  gtk_widget_grab_focus (products_widget (f, "price_entry"));
  keypad_type (products_widget (f, "add_keypad"), "21000");
  gtk_widget_grab_focus (products_widget (f, "stock_entry"));
  keypad_type (products_widget (f, "add_keypad"), "5");
  g_assert_cmpstr (gtk_editable_get_text (products_widget (f, "price_entry")), ==, "21000");
  g_assert_cmpstr (gtk_editable_get_text (products_widget (f, "stock_entry")), ==, "5");
  lapak_test_gtk_click (products_widget (f, "add_button"));
  added = product_named (f, "KLL", name);
  g_assert_nonnull (added);
  g_assert_cmpint (added->status, ==, LAPAK_PRODUCT_PENDING);
  g_assert_cmpint (added->price, ==, 21000);
  g_assert_cmpint (added->stock, ==, 5);
  g_assert_true (shown (products_widget (f, "message")));
  g_assert_nonnull (strstr (label_text (products_widget (f, "message")), added->code));
  g_assert_cmpuint (lapak_products_page_get_n_rows (products), ==, (guint) kll_products + 1);
  g_assert_nonnull (row_widget (f, added->code, "status"));
  g_assert_true (shown (row_widget (f, added->code, "status")));
  g_assert_cmpstr (label_text (row_widget (f, added->code, "status")), ==,
                   _("Waiting for the organiser's approval: not for sale yet"));
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "tenant-products.png");
  lapak_test_gtk_click (products_widget (f, "back_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "tenant-home");
  log_out (f);

  /* The organiser finds it among every tenant's, and approves it. */
  log_in (f, "Ketua", "123456");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  lapak_test_gtk_click (lapak_window_get_manage_button (f->window));
  g_assert_true (shown (lapak_window_get_products_button (f->window)));
  lapak_test_gtk_click (lapak_window_get_products_button (f->window));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "products");
  g_assert_true (shown (products_widget (f, "tenant_dropdown")));
  g_assert_nonnull (row_widget (f, kopi, "choose"));
  gtk_editable_set_text (products_widget (f, "search_entry"), "lele pedas 150");
  g_signal_emit_by_name (products_widget (f, "search_entry"), "search-changed");
  lapak_test_gtk_iterate ();
  g_assert_cmpuint (lapak_products_page_get_n_rows (products), ==, 1);
  g_assert_true (shown (row_widget (f, added->code, "approve")));
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "organiser-products.png");
  lapak_test_gtk_click (row_widget (f, added->code, "approve"));
  {
    g_autoptr(LapakProduct) now = product_named (f, "KLL", name);

    g_assert_cmpint (now->status, ==, LAPAK_PRODUCT_ACTIVE);
  }
  g_assert_null (row_widget (f, added->code, "approve"));
  g_assert_null (row_widget (f, added->code, "status"));
  lapak_test_gtk_click (products_widget (f, "back_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  log_out (f);

  /* The tenant prints 3 copies on a 3 × 8 sheet whose first 4 labels are used. */
  log_in (f, "Tini", "3333");
  lapak_test_gtk_click (home_widget (f, "labels_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "labels");
  g_assert_null (lapak_labels_page_get_check (lapak_window_get_labels_page (f->window), kopi));
  tick (lapak_labels_page_get_check (lapak_window_get_labels_page (f->window), added->code), TRUE);
  gtk_drop_down_set_selected (labels_widget (f, "layout_dropdown"), layout_index ("a4-3x8"));
  lapak_test_gtk_iterate ();
  g_assert_true (shown (labels_widget (f, "start_entry")));
  type_text (labels_widget (f, "copies_entry"), "");
  keypad_type (labels_widget (f, "keypad"), "3");
  type_text (labels_widget (f, "start_entry"), "");
  keypad_type (labels_widget (f, "keypad"), "5");
  g_assert_cmpstr (gtk_editable_get_text (labels_widget (f, "copies_entry")), ==, "3");
  g_assert_cmpstr (gtk_editable_get_text (labels_widget (f, "start_entry")), ==, "5");
  g_assert_true (g_str_has_prefix (label_text (labels_widget (f, "summary")), "3 "));

  /* "One per unit in stock": the 5 units checked in when it was added. */
  tick (labels_widget (f, "per_stock"), TRUE);
  g_assert_true (g_str_has_prefix (label_text (labels_widget (f, "summary")), "5 "));
  tick (labels_widget (f, "per_copies"), TRUE);
  g_assert_true (g_str_has_prefix (label_text (labels_widget (f, "summary")), "3 "));
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "tenant-labels.png");

  /* No label printer on this till: the button says so and cannot be tapped. */
  g_assert_false (gtk_widget_is_sensitive (labels_widget (f, "print_button")));
  lapak_test_gtk_click (labels_widget (f, "save_button"));
  saved = lapak_labels_page_get_saved_file (lapak_window_get_labels_page (f->window));
  g_assert_nonnull (saved);
  g_assert_true (g_str_has_prefix (saved, f->dir));
  g_assert_nonnull (strstr (label_text (labels_widget (f, "message")), saved));

  codes = decode_sheet (saved, work);
  for (guint i = 0; i < codes->len; i++)
    g_assert_cmpstr (g_ptr_array_index (codes, i), ==, i >= 4 && i < 7 ? added->code : "");

  /* A start position off the sheet is refused with a message; nothing is written. */
  type_text (labels_widget (f, "start_entry"), "25");
  {
    g_autofree char *before = g_strdup (saved);

    lapak_test_gtk_click (labels_widget (f, "save_button"));
    g_assert_cmpstr (lapak_labels_page_get_saved_file (lapak_window_get_labels_page (f->window)), ==, before);
    g_assert_true (gtk_widget_has_css_class (labels_widget (f, "message"), "error"));
    g_assert_nonnull (strstr (label_text (labels_widget (f, "message")), "25"));
  }
  lapak_test_gtk_click (labels_widget (f, "back_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "tenant-home");
}

/* The same labels to the till's label printer: a private cupsd's PDF queue. */
static void
test_labels_cups (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakPrintSettings) settings = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autofree char *work = g_build_filename (f->dir, "decode", NULL);
  g_autofree char *code = first_code (f, "KLL");
  g_autofree char *job_pdf = NULL;
  guint before;

  if (getuid () != 0)
    {
      g_test_skip (LAPAK_TEST_CUPS_SKIP_NOT_ROOT);
      return;
    }
  if (test_cups == NULL)
    test_cups = lapak_test_cups_new ();
  g_setenv ("CUPS_SERVER", test_cups->sock, TRUE);
  jobs = lapak_test_cups_jobs (test_cups);
  before = jobs->len;
  g_clear_pointer (&jobs, g_ptr_array_unref);

  settings = lapak_print_settings_load (f->db, &error);
  g_assert_no_error (error);
  g_free (settings->label_queue);
  settings->label_queue = g_strdup ("pdf");
  g_free (settings->label_layout);
  settings->label_layout = g_strdup ("a4-3x8");
  g_assert_true (lapak_print_settings_save (f->db, f->organiser, settings, &error));
  g_assert_no_error (error);

  log_in (f, "Tini", "3333");
  lapak_test_gtk_click (home_widget (f, "labels_button"));
  /* The till's layout is chosen already. */
  g_assert_cmpuint (gtk_drop_down_get_selected (labels_widget (f, "layout_dropdown")), ==,
                    layout_index ("a4-3x8"));
  tick (lapak_labels_page_get_check (lapak_window_get_labels_page (f->window), code), TRUE);
  type_text (labels_widget (f, "copies_entry"), "2");
  lapak_test_gtk_click (labels_widget (f, "print_button"));
  lapak_test_gtk_wait_until (not_printing, lapak_window_get_labels_page (f->window), "the labels' print job");
  g_assert_true (gtk_widget_has_css_class (labels_widget (f, "message"), "success"));
  jobs = lapak_test_cups_jobs (test_cups);
  g_assert_cmpuint (jobs->len, ==, before + 1);
  job_pdf = lapak_test_cups_job_path (test_cups, GPOINTER_TO_INT (jobs->pdata[jobs->len - 1]));
  {
    g_autofree char *job = g_strdup_printf ("%d", GPOINTER_TO_INT (jobs->pdata[jobs->len - 1]));

    g_assert_nonnull (strstr (label_text (labels_widget (f, "message")), job));
  }
  codes = decode_sheet (job_pdf, work);
  for (guint i = 0; i < codes->len; i++)
    g_assert_cmpstr (g_ptr_array_index (codes, i), ==, i < 2 ? code : "");
}

/* "One per unit in stock" for products with none in stock: a message, no file. */
static void
test_labels_no_stock (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) tini = lapak_auth_login (f->db, "Tini", "3333", &error);
  LapakProductSpec spec = { "KLL", NULL, "Kerupuk Lele Mentah 200 g", 12000, 0, NULL };
  g_autofree char *code = NULL;
  g_autofree char *labels_dir = g_build_filename (f->dir, "labels", NULL);

  g_assert_no_error (error);
  code = lapak_product_add (f->db, tini, &spec, &error);
  g_assert_no_error (error);

  log_in (f, "Tini", "3333");
  lapak_test_gtk_click (home_widget (f, "labels_button"));
  tick (lapak_labels_page_get_check (lapak_window_get_labels_page (f->window), code), TRUE);
  tick (labels_widget (f, "per_stock"), TRUE);
  g_assert_cmpstr (label_text (labels_widget (f, "summary")), ==,
                   _("None of the ticked products has units in stock: check stock in first, or print copies of each."));
  lapak_test_gtk_click (labels_widget (f, "save_button"));
  g_assert_true (gtk_widget_has_css_class (labels_widget (f, "message"), "error"));
  g_assert_null (lapak_labels_page_get_saved_file (lapak_window_get_labels_page (f->window)));
  g_assert_false (g_file_test (labels_dir, G_FILE_TEST_EXISTS));
}

/* Stock checked in by scanning each label (the scan field has the focus),
 * "CODE*QTY", and by count; another tenant's label and a wrong code are
 * refused with a message and nothing is recorded. */
static void
test_check_in (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kll = lapak_product_list (f->db, "KLL", &error);
  g_autofree char *kopi = first_code (f, "KOPI");
  g_autofree char *wrong = NULL;
  LapakCheckinPage *page = lapak_window_get_checkin_page (f->window);
  const LapakProduct *a = g_ptr_array_index (kll, 0);
  const LapakProduct *b = g_ptr_array_index (kll, 1);
  int64_t moves = query_int (f, "SELECT count(*) FROM stock_move WHERE kind = 'checkin'");
  guint rows;
  g_autoptr(LapakProduct) a_after = NULL;
  g_autoptr(LapakProduct) b_after = NULL;

  g_assert_no_error (error);
  log_in (f, "Tini", "3333");
  lapak_test_gtk_click (home_widget (f, "checkin_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "checkin");
  rows = lapak_checkin_page_get_n_rows (page);
  /* The demo checked in every KLL product once. */
  g_assert_cmpuint (rows, ==, kll->len);

  scan (f, a->code);
  scan (f, a->code);
  scan (f, b->code);
  g_assert_true (gtk_widget_has_css_class (checkin_widget (f, "message"), "success"));
  g_assert_cmpuint (lapak_checkin_page_get_n_rows (page), ==, rows + 3);
  g_assert_nonnull (strstr (lapak_checkin_page_get_row_text (page, 0), b->code));
  g_assert_true (g_str_has_suffix (lapak_checkin_page_get_row_text (page, 0), "+1"));
  scan (f, a->code);
  {
    g_autofree char *four = g_strdup_printf ("%s*4", a->code);

    scan (f, four);
  }
  g_assert_true (g_str_has_suffix (lapak_checkin_page_get_row_text (page, 0), "+4"));

  /* By count: the product in the list, the number on the keypad. */
  gtk_drop_down_set_selected (checkin_widget (f, "product_dropdown"), 1);
  keypad_type (checkin_widget (f, "keypad"), "12");
  lapak_test_gtk_click (checkin_widget (f, "count_button"));
  g_assert_true (g_str_has_suffix (lapak_checkin_page_get_row_text (page, 0), "+12"));
  g_assert_nonnull (strstr (lapak_checkin_page_get_row_text (page, 0), b->code));
  g_assert_true (has_focus (checkin_widget (f, "scan_entry")));
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "tenant-checkin.png");

  a_after = lapak_product_get (f->db, a->code, &error);
  g_assert_no_error (error);
  b_after = lapak_product_get (f->db, b->code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a_after->stock, ==, a->stock + 1 + 1 + 1 + 4);
  g_assert_cmpint (b_after->stock, ==, b->stock + 1 + 12);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM stock_move WHERE kind = 'checkin'"), ==, moves + 6);

  /* Another tenant's label, and a code with a wrong check character. */
  scan (f, kopi);
  g_assert_true (gtk_widget_has_css_class (checkin_widget (f, "message"), "error"));
  wrong = g_strdup (a->code);
  wrong[strlen (wrong) - 1] = wrong[strlen (wrong) - 1] == 'A' ? 'B' : 'A';
  scan (f, wrong);
  g_assert_true (gtk_widget_has_css_class (checkin_widget (f, "message"), "error"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM stock_move WHERE kind = 'checkin'"), ==, moves + 6);
  g_assert_cmpuint (lapak_checkin_page_get_n_rows (page), ==, rows + 6);
}

/* What a keyboard scanner does: types into whatever has the keyboard
 * focus, then Enter. */
static void
scanner_types (Fixture    *f,
               const char *code)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  int position;

  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_EDITABLE (focus));
  position = gtk_editable_get_position (GTK_EDITABLE (focus));
  gtk_editable_insert_text (GTK_EDITABLE (focus), code, -1, &position);
  g_signal_emit_by_name (focus, "activate");
  lapak_test_gtk_iterate ();
}

/* The scan field takes the keyboard focus back from the count field, as
 * the sell page's does: a scan after using the count lands in it. */
static void
test_check_in_focus (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kll = lapak_product_list (f->db, "KLL", &error);
  LapakCheckinPage *page = lapak_window_get_checkin_page (f->window);
  const LapakProduct *a = g_ptr_array_index (kll, 0);
  GtkWidget *count = checkin_widget (f, "count_entry");
  g_autoptr(LapakProduct) after = NULL;
  guint rows;

  g_assert_no_error (error);
  log_in (f, "Tini", "3333");
  lapak_test_gtk_click (home_widget (f, "checkin_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "checkin");
  rows = lapak_checkin_page_get_n_rows (page);
  g_assert_true (has_focus (checkin_widget (f, "scan_entry")));

  /* The person touches the count field and types 5 on the keypad... */
  gtk_widget_grab_focus (count);
  lapak_test_gtk_iterate ();
  keypad_type (checkin_widget (f, "keypad"), "5");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (count)), ==, "5");
  /* ...then scans a label: it lands in the scan field, the count stays. */
  g_assert_true (has_focus (checkin_widget (f, "scan_entry")));
  scanner_types (f, a->code);
  g_assert_true (gtk_widget_has_css_class (checkin_widget (f, "message"), "success"));
  g_assert_cmpuint (lapak_checkin_page_get_n_rows (page), ==, rows + 1);
  g_assert_true (g_str_has_suffix (lapak_checkin_page_get_row_text (page, 0), "+1"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (count)), ==, "5");
  g_assert_cmpstr (gtk_editable_get_text (checkin_widget (f, "scan_entry")), ==, "");

  /* A tap on a button leaves it there too; the count then checks in. */
  gtk_drop_down_set_selected (checkin_widget (f, "product_dropdown"), 0);
  gtk_widget_grab_focus (checkin_widget (f, "count_button"));
  lapak_test_gtk_iterate ();
  g_assert_true (has_focus (checkin_widget (f, "scan_entry")));
  lapak_test_gtk_click (checkin_widget (f, "count_button"));
  g_assert_true (g_str_has_suffix (lapak_checkin_page_get_row_text (page, 0), "+5"));
  g_assert_true (has_focus (checkin_widget (f, "scan_entry")));
  scanner_types (f, a->code);
  g_assert_cmpuint (lapak_checkin_page_get_n_rows (page), ==, rows + 3);
  after = lapak_product_get (f->db, a->code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->stock, ==, a->stock + 1 + 5 + 1);

  /* Away from the page, the focus is the other pages' again. */
  lapak_test_gtk_click (checkin_widget (f, "back_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), !=, "checkin");
  gtk_widget_grab_focus (home_widget (f, "products_button"));
  lapak_test_gtk_iterate ();
  g_assert_true (has_focus (home_widget (f, "products_button")));
}

/* The tenant's pages and the organiser's Manage screens on a Full HD
 * screen: screenshots in 1920x1080/ (both languages: kiosk-tenant-id), and
 * every page's minimum size fits (lapak_test_gtk_screenshot checks). */
static void
test_full_hd (Fixture       *f,
              gconstpointer  user_data)
{
  g_autofree char *kll = first_code (f, "KLL");
  g_autofree char *sale = sell (f, kll);
  const char *sections[] = { "events", "tenants", "users", "import" };
  LapakManagePage *manage = lapak_window_get_manage_page (f->window);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), >=, 1900);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), >=, 1060);

  log_in (f, "Tini", "3333");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "tenant-home");
  g_assert_cmpuint (lapak_tenant_home_get_n_rows (lapak_window_get_tenant_home (f->window)), ==, 1);
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "1920x1080/tenant-home.png");
  lapak_test_gtk_click (home_widget (f, "products_button"));
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "1920x1080/tenant-products.png");
  lapak_test_gtk_click (products_widget (f, "back_button"));
  lapak_test_gtk_click (home_widget (f, "labels_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "labels");
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "1920x1080/tenant-labels.png");
  lapak_test_gtk_click (labels_widget (f, "back_button"));
  lapak_test_gtk_click (home_widget (f, "checkin_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "checkin");
  scan (f, kll);
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "1920x1080/tenant-checkin.png");
  lapak_test_gtk_click (checkin_widget (f, "back_button"));
  log_out (f);

  log_in (f, "Ketua", "123456");
  lapak_test_gtk_click (lapak_window_get_manage_button (f->window));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "manage");
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "1920x1080/manage-hub.png");
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *tile = g_strconcat ("tile_", sections[i], NULL);
      g_autofree char *name = g_strdup_printf ("1920x1080/manage-%s.png", sections[i]);

      lapak_test_gtk_click (lapak_manage_page_get_widget (manage, tile));
      g_assert_true (gtk_widget_get_mapped (lapak_manage_page_get_section (manage, sections[i])));
      lapak_test_gtk_screenshot (GTK_WIDGET (f->window), name);
      lapak_test_gtk_click (lapak_manage_page_get_widget (manage, "back_button"));
    }
  lapak_test_gtk_click (lapak_window_get_products_button (f->window));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "products");
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "1920x1080/organiser-products.png");
}

/* Each tenant sees its own sales and balance, and none of another's. */
static void
test_own_sales_only (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kll = first_code (f, "KLL");
  g_autofree char *kopi = first_code (f, "KOPI");
  g_autoptr(LapakProduct) kll_product = lapak_product_get (f->db, kll, &error);
  g_autoptr(LapakProduct) kopi_product = lapak_product_get (f->db, kopi, &error);
  int64_t start = balance_of (f, "KLL");
  g_autofree char *sale1 = sell (f, kll);
  g_autofree char *sale2 = sell (f, kopi);
  g_autofree char *sale3 = sell (f, kll);
  LapakTenantHome *home = lapak_window_get_tenant_home (f->window);
  int64_t balance = 0;

  g_assert_no_error (error);
  log_in (f, "Tini", "3333");
  g_assert_cmpuint (lapak_tenant_home_get_n_rows (home), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_nonnull (strstr (lapak_tenant_home_get_row_text (home, i), kll_product->name));
      g_assert_null (strstr (lapak_tenant_home_get_row_text (home, i), kopi_product->name));
    }
  g_assert_true (lapak_tenant_balance (f->db, "KLL", &balance, &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance, ==, start + 2 * kll_product->price);
  {
    g_autofree char *text = lapak_money_format (balance, LAPAK_MONEY_STYLE_DEFAULT);

    g_assert_cmpstr (label_text (home_widget (f, "balance_label")), ==, text);
  }
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "tenant-home-sales.png");

  /* A sale made while the page is shown appears with the next refresh. */
  g_free (sale3);
  sale3 = sell (f, kll);
  lapak_tenant_home_refresh (home);
  g_assert_cmpuint (lapak_tenant_home_get_n_rows (home), ==, 3);

  /* Its labels page lists no other tenant's products either. */
  lapak_test_gtk_click (home_widget (f, "labels_button"));
  g_assert_null (lapak_labels_page_get_check (lapak_window_get_labels_page (f->window), kopi));
  g_assert_nonnull (lapak_labels_page_get_check (lapak_window_get_labels_page (f->window), kll));
  lapak_test_gtk_click (labels_widget (f, "back_button"));
  lapak_test_gtk_click (home_widget (f, "logout_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "login");

  log_in (f, "Darno", "4444");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "tenant-home");
  g_assert_cmpuint (lapak_tenant_home_get_n_rows (home), ==, 1);
  g_assert_nonnull (strstr (lapak_tenant_home_get_row_text (home, 0), kopi_product->name));
  lapak_test_gtk_click (home_widget (f, "products_button"));
  g_assert_nonnull (row_widget (f, kopi, "choose"));
  g_assert_null (row_widget (f, kll, "choose"));
}

/* The organiser changes a price on the Products page: new sales use it, a
 * past sale's receipt is as it was. */
static void
test_price_change (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = first_code (f, "KLL");
  g_autofree char *sale = sell (f, code);
  g_autoptr(LapakReceipt) before = lapak_receipt_load (f->db, sale, &error);
  g_autoptr(LapakReceipt) after = NULL;
  g_autoptr(LapakProduct) product = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *money = NULL;
  g_autofree char *resold = NULL;
  g_autoptr(LapakReceipt) again = NULL;

  g_assert_no_error (error);
  before_text = lapak_receipt_format_text (before, 32);

  log_in (f, "Ketua", "123456");
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "organiser-sell.png");
  lapak_test_gtk_click (lapak_window_get_manage_button (f->window));
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "organiser-manage-hub.png");
  lapak_test_gtk_click (lapak_window_get_products_button (f->window));
  gtk_editable_set_text (products_widget (f, "search_entry"), code);
  g_signal_emit_by_name (products_widget (f, "search_entry"), "search-changed");
  lapak_test_gtk_iterate ();
  g_assert_cmpuint (lapak_products_page_get_n_rows (lapak_window_get_products_page (f->window)), ==, 1);
  lapak_test_gtk_click (row_widget (f, code, "price"));
  g_assert_true (shown (products_widget (f, "new_price_entry")));
  keypad_type (products_widget (f, "price_keypad"), "19500");
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "organiser-price.png");
  lapak_test_gtk_click (products_widget (f, "save_price_button"));
  g_assert_true (gtk_widget_has_css_class (products_widget (f, "message"), "success"));

  product = lapak_product_get (f->db, code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (product->price, ==, 19500);
  money = lapak_money_format (19500, LAPAK_MONEY_STYLE_DEFAULT);
  g_assert_cmpstr (label_text (row_widget (f, code, "price_label")), ==, money);

  after = lapak_receipt_load (f->db, sale, &error);
  g_assert_no_error (error);
  after_text = lapak_receipt_format_text (after, 32);
  g_assert_cmpstr (after_text, ==, before_text);
  g_assert_cmpint (after->total, ==, before->total);

  resold = sell (f, code);
  again = lapak_receipt_load (f->db, resold, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->total, ==, 19500);

  /* Deactivated: it cannot be sold, and its past sale stays. */
  lapak_test_gtk_click (row_widget (f, code, "deactivate"));
  g_clear_pointer (&product, lapak_product_free);
  product = lapak_product_get (f->db, code, &error);
  g_assert_cmpint (product->status, ==, LAPAK_PRODUCT_INACTIVE);
  g_assert_true (shown (row_widget (f, code, "status")));

  /* The organiser adds a product for a tenant (KOPI, picked in the list at
   * the top): it is on sale at once, no approval needed. */
  {
    GtkDropDown *tenants = GTK_DROP_DOWN (products_widget (f, "tenant_dropdown"));
    GListModel *names = gtk_drop_down_get_model (tenants);
    g_autoptr(LapakProduct) added = NULL;
    guint kopi = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "KOPI — "))
        kopi = i;
    g_assert_cmpuint (kopi, !=, GTK_INVALID_LIST_POSITION);
    gtk_drop_down_set_selected (tenants, kopi);
    lapak_test_gtk_iterate ();
    type_text (products_widget (f, "name_entry"), "Kopi Robusta Giling 200 g");
    gtk_widget_grab_focus (products_widget (f, "price_entry"));
    keypad_type (products_widget (f, "add_keypad"), "32000");
    lapak_test_gtk_click (products_widget (f, "add_button"));
    added = product_named (f, "KOPI", "Kopi Robusta Giling 200 g");
    g_assert_nonnull (added);
    g_assert_cmpint (added->status, ==, LAPAK_PRODUCT_ACTIVE);
    g_assert_cmpint (added->price, ==, 32000);
    g_assert_true (gtk_widget_has_css_class (products_widget (f, "message"), "success"));
    g_free (sell (f, added->code));
  }
}

int
main (int    argc,
      char **argv)
{
  int ret;

  lapak_test_gtk_init (&argc, &argv);
  g_test_add ("/kiosk-tenant/add-approve-labels", Fixture, NULL, fixture_set_up, test_add_approve_labels,
              fixture_tear_down);
  g_test_add ("/kiosk-tenant/labels-cups", Fixture, NULL, fixture_set_up, test_labels_cups, fixture_tear_down);
  g_test_add ("/kiosk-tenant/labels-no-stock", Fixture, NULL, fixture_set_up, test_labels_no_stock,
              fixture_tear_down);
  g_test_add ("/kiosk-tenant/check-in", Fixture, NULL, fixture_set_up, test_check_in, fixture_tear_down);
  g_test_add ("/kiosk-tenant/check-in-focus", Fixture, NULL, fixture_set_up, test_check_in_focus,
              fixture_tear_down);
  g_test_add ("/kiosk-tenant/full-hd", Fixture, "full-hd", fixture_set_up, test_full_hd, fixture_tear_down);
  g_test_add ("/kiosk-tenant/own-sales-only", Fixture, NULL, fixture_set_up, test_own_sales_only, fixture_tear_down);
  g_test_add ("/kiosk-tenant/price-change", Fixture, NULL, fixture_set_up, test_price_change, fixture_tear_down);
  ret = g_test_run ();
  g_clear_pointer (&test_cups, lapak_test_cups_free);
  return ret;
}
