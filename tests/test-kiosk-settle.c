/* test-kiosk-settle.c — the organiser's settlement screen, driven in-process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (tests/headless.sh). Sales are made through the core;
 * the organiser logs in on the demo till, opens "Settlement" and the test
 * checks what the screen shows against the core's own numbers, and what
 * closing and payouts leave in the database.
 */
#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lapak-auth.h"
#include "lapak-demo.h"
#include "lapak-keypad.h"
#include "lapak-ledger.h"
#include "lapak-money.h"
#include "lapak-sale.h"
#include "lapak-settle-page.h"
#include "lapak-settle-row.h"
#include "lapak-settle.h"
#include "lapak-shift.h"
#include "lapak-stock.h"
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

static gpointer
child (Fixture    *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->window), LAPAK_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static LapakSettlePage *
page (Fixture *f)
{
  return lapak_window_get_settle_page (f->window);
}

static gpointer
widget (Fixture    *f,
        const char *name)
{
  GtkWidget *w = lapak_settle_page_get_widget (page (f), name);

  g_assert_nonnull (w);
  return w;
}

static const char *
label (Fixture    *f,
       const char *name)
{
  return gtk_label_get_text (GTK_LABEL (widget (f, name)));
}

static void
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
  g_assert_nonnull (sale);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = lapak_test_make_dir ();
  path = g_build_filename (f->dir, "demo.db", NULL);
  f->db = lapak_demo_create (path, g_getenv ("LAPAK_DEMO_DIR"), &error);
  g_assert_no_error (error);
  f->organiser = lapak_auth_login (f->db, "Ketua", "123456", &error);
  g_assert_no_error (error);
  g_assert_true (lapak_shift_open (f->db, f->organiser, 0, NULL, &error));
  g_assert_no_error (error);

  f->window = lapak_window_new (NULL, f->db);
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
  LapakKeypad *keypad = child (f, "login_keypad");

  g_signal_emit_by_name (child (f, "user_list"), "row-activated", user_row (f, name));
  lapak_test_gtk_iterate ();
  for (const char *k = pin; *k != '\0'; k++)
    {
      char key[2] = { *k, '\0' };

      lapak_keypad_press (keypad, key);
    }
  lapak_test_gtk_click (child (f, "login_button"));
}

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_is_drawable (data);
}

static const LapakSettleTenant *
row_at (Fixture *f,
        guint    i)
{
  g_autoptr(LapakSettleRow) row = g_list_model_get_item (lapak_settle_page_get_rows (page (f)), i);

  g_assert_nonnull (row);
  /* The model holds its own reference: the tenant outlives this one. */
  return lapak_settle_row_get_tenant (row);
}

static guint
position_of (Fixture    *f,
             const char *code)
{
  GListModel *rows = lapak_settle_page_get_rows (page (f));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    if (g_str_equal (row_at (f, i)->code, code))
      return i;
  g_error ("No row for tenant %s", code);
  return 0;
}

static void
confirm_close (Fixture *f)
{
  AdwMessageDialog *dialog;

  lapak_test_gtk_click (widget (f, "close_button"));
  dialog = lapak_settle_page_get_dialog (page (f));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "close"));
  adw_message_dialog_response (dialog, "close");
  lapak_test_gtk_iterate ();
}

static void
test_settle (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakEvent) event = lapak_event_get_active (f->db, &error);
  g_autoptr(LapakSettlement) core = NULL;
  GtkWidget *settle_button = lapak_window_get_settle_button (f->window);
  GtkColumnView *table;
  GListModel *rows;
  guint n, kll;
  int64_t max_payout = G_MININT64;
  g_autofree char *kll_payout = NULL;
  g_autofree char *export = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *csv = NULL;

  g_assert_no_error (error);
  sell (f, "8990000001010*3");
  sell (f, "8990000001027*2");

  /* A cashier does not reach the settlement (its tile is in the organiser's
   * Manage hub); the organiser does. */
  log_in (f, "Sari", "1111");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  g_assert_false (gtk_widget_get_visible (lapak_window_get_manage_button (f->window)));
  g_assert_false (gtk_widget_get_visible (settle_button));
  lapak_window_log_out (f->window);
  log_in (f, "Ketua", "123456");
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  g_assert_true (gtk_widget_get_visible (lapak_window_get_manage_button (f->window)));
  lapak_test_gtk_click (lapak_window_get_manage_button (f->window));
  lapak_test_gtk_wait_until (mapped, settle_button, "the Manage hub to show");
  lapak_test_gtk_click (settle_button);
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "settle");
  lapak_test_gtk_wait_until (mapped, widget (f, "close_button"), "the settlement page to show");

  /* The table holds the core's numbers, tenant for tenant. */
  core = lapak_settlement_preview (f->db, event->code, lapak_db_now (), &error);
  g_assert_no_error (error);
  rows = lapak_settle_page_get_rows (page (f));
  n = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n, ==, core->tenants->len);
  g_assert_cmpuint (n, >=, 3);
  for (guint i = 0; i < core->tenants->len; i++)
    {
      const LapakSettleTenant *want = g_ptr_array_index (core->tenants, i);
      const LapakSettleTenant *got = row_at (f, position_of (f, want->code));

      g_assert_cmpstr (got->name, ==, want->name);
      g_assert_cmpint (got->units, ==, want->units);
      g_assert_cmpint (got->net_sales, ==, want->net_sales);
      g_assert_cmpint (got->commission, ==, want->commission);
      g_assert_cmpint (got->charges, ==, want->charges);
      g_assert_cmpint (got->payout, ==, want->payout);
      max_payout = MAX (max_payout, want->payout);
    }
  {
    g_autofree char *total = lapak_money_format (core->payout, LAPAK_MONEY_STYLE_DEFAULT);

    g_assert_nonnull (strstr (label (f, "totals_label"), total));
  }
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "settle.png");

  /* The cut-off picker: the end of yesterday (the sales and booth fees are
   * today's), tapped, then previewed: the table is the core's preview up to
   * then. */
  lapak_test_gtk_click (widget (f, "cutoff_button"));
  lapak_test_gtk_wait_until (mapped, widget (f, "pick_apply_button"), "the cut-off picker to show");
  lapak_test_gtk_click (widget (f, "pick_yesterday"));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                        g_date_time_get_day_of_month (now), 0, 0, 0);
    g_autoptr(GDateTime) yesterday = g_date_time_add_days (today, -1);
    g_autofree char *shown = g_date_time_format (yesterday, "%Y-%m-%d 23:59");
    int64_t until = g_date_time_to_unix (today) * G_USEC_PER_SEC - 1;
    g_autoptr(LapakSettlement) earlier = lapak_settlement_preview (f->db, event->code, until, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (label (f, "pick_label"), ==, shown);
    lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "settle-cutoff.png");
    lapak_test_gtk_click (widget (f, "pick_apply_button"));
    lapak_test_gtk_wait_until (mapped, widget (f, "payout_show_button"), "the statement panel to show again");
    g_assert_nonnull (strstr (label (f, "cutoff_label"), shown));
    g_assert_cmpint (earlier->n_entries, <, core->n_entries);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, earlier->tenants->len);
    for (guint i = 0; i < earlier->tenants->len; i++)
      {
        const LapakSettleTenant *want = g_ptr_array_index (earlier->tenants, i);
        const LapakSettleTenant *got = row_at (f, position_of (f, want->code));

        g_assert_cmpint (got->net_sales, ==, want->net_sales);
        g_assert_cmpint (got->payout, ==, want->payout);
      }

    /* A day ahead of now: the core refuses it, the screen says why and
     * keeps the preview it had. */
    lapak_test_gtk_click (widget (f, "cutoff_button"));
    lapak_test_gtk_wait_until (mapped, widget (f, "pick_apply_button"), "the cut-off picker to show");
    lapak_test_gtk_click (widget (f, "pick_now"));
    lapak_test_gtk_click (widget (f, "pick_day_up"));
    lapak_test_gtk_click (widget (f, "pick_apply_button"));
    g_assert_true (gtk_widget_has_css_class (widget (f, "message_label"), "error"));
    g_assert_nonnull (strstr (label (f, "message_label"), "future"));
    g_assert_nonnull (strstr (label (f, "cutoff_label"), shown));
    lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "settle-cutoff-refused.png");

    /* Now again: everything, as before. */
    lapak_test_gtk_click (widget (f, "pick_now"));
    lapak_test_gtk_click (widget (f, "pick_apply_button"));
    g_assert_false (gtk_widget_get_visible (widget (f, "message_label")));
    for (guint i = 0; i < core->tenants->len; i++)
      {
        const LapakSettleTenant *want = g_ptr_array_index (core->tenants, i);

        g_assert_cmpint (row_at (f, position_of (f, want->code))->payout, ==, want->payout);
      }
  }

  /* Sorting by payout, both ways. */
  table = lapak_settle_page_get_table (page (f));
  gtk_column_view_sort_by_column (table, lapak_settle_page_get_column (page (f), "payout"), GTK_SORT_DESCENDING);
  lapak_test_gtk_iterate ();
  g_assert_cmpint (row_at (f, 0)->payout, ==, max_payout);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (row_at (f, i - 1)->payout, >=, row_at (f, i)->payout);
  gtk_column_view_sort_by_column (table, lapak_settle_page_get_column (page (f), "payout"), GTK_SORT_ASCENDING);
  lapak_test_gtk_iterate ();
  g_assert_cmpint (row_at (f, n - 1)->payout, ==, max_payout);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (row_at (f, i - 1)->payout, <=, row_at (f, i)->payout);

  /* Tapping a tenant shows its statement, with its payout. */
  kll = position_of (f, "KLL");
  /* The demo's booth fee is more than these sales: KLL owes the organiser. */
  g_assert_cmpint (row_at (f, kll)->payout, <, 0);
  kll_payout = lapak_money_format (-row_at (f, kll)->payout, LAPAK_MONEY_STYLE_DEFAULT);
  g_signal_emit_by_name (table, "activate", kll);
  lapak_test_gtk_iterate ();
  g_assert_nonnull (strstr (label (f, "statement_label"), "KLL"));
  g_assert_nonnull (strstr (label (f, "statement_label"), kll_payout));
  g_assert_nonnull (strstr (label (f, "statement_label"), "Owed by the tenant"));
  g_assert_nonnull (strstr (label (f, "statement_label"), "Keripik Lele Original 250 g"));
  /* …and its stock-return table, product by product, as the core counts it. */
  {
    g_autoptr(GPtrArray) stock = lapak_stock_report (f->db, event->code, "KLL", &error);
    const char *text = label (f, "statement_label");
    const char *table_start = strstr (text, "Stock return");
    int64_t sold = 0;

    g_assert_no_error (error);
    g_assert_nonnull (table_start);
    g_assert_cmpuint (stock->len, >, 0);
    for (guint i = 0; i < stock->len; i++)
      {
        const LapakStockRow *want = g_ptr_array_index (stock, i);
        g_autofree char *head = g_strdup_printf ("(%s)\n", want->product_code);
        g_autofree char *counts = g_strdup_printf ("Checked in %" G_GINT64_FORMAT " · Sold %" G_GINT64_FORMAT
                                                   " · Refunded %" G_GINT64_FORMAT " · Returned %" G_GINT64_FORMAT
                                                   "\n    Missing %" G_GINT64_FORMAT "\n",
                                                   want->checked_in, want->sold, want->refunded, want->returned,
                                                   want->missing);
        const char *at = strstr (table_start, head);
        g_autofree char *line = NULL;

        g_assert_nonnull (at);
        at += strlen (head);
        /* the two lines under the product's name */
        line = g_strndup (at, strlen (counts) + 4);
        g_assert_true (g_str_has_prefix (line, "    "));
        g_assert_cmpstr (line + 4, ==, counts);
        sold += want->sold;
      }
    /* 3 of the first sale's product are KLL's */
    g_assert_cmpint (sold, >=, 3);
  }
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "settle-statement.png");

  /* Export: a PDF per tenant, the summary and the CSV, in the folder shown. */
  export = g_build_filename (f->dir, "export", NULL);
  lapak_settle_page_set_export_dir (page (f), export);
  lapak_test_gtk_click (widget (f, "export_button"));
  g_assert_nonnull (strstr (label (f, "message_label"), export));
  {
    g_autoptr(GDir) dir = g_dir_open (export, 0, &error);
    g_autofree char *sub = NULL;

    g_assert_no_error (error);
    sub = g_build_filename (export, g_dir_read_name (dir), NULL);
    pdf = g_build_filename (sub, "KLL.pdf", NULL);
    csv = g_build_filename (sub, "settlement.csv", NULL);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (csv, G_FILE_TEST_IS_REGULAR));
    g_free (pdf);
    pdf = g_build_filename (sub, "summary.pdf", NULL);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (csv, &text, NULL, &error));
    g_assert_nonnull (strstr (text, "KLL"));
  }

  /* Close, confirmed: one settlement in the database. */
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT count(*) FROM settlement"), ==, 0);
  confirm_close (f);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT count(*) FROM settlement"), ==, 1);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT payout FROM settlement"), ==, core->payout);
  g_assert_nonnull (strstr (label (f, "message_label"), "-S"));
  g_assert_true (gtk_widget_has_css_class (widget (f, "message_label"), "success"));

  /* Closing again: the core refuses, and the screen says so. */
  confirm_close (f);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT count(*) FROM settlement"), ==, 1);
  g_assert_true (gtk_widget_has_css_class (widget (f, "message_label"), "error"));
  g_assert_nonnull (strstr (label (f, "message_label"), "Nothing new"));
  g_assert_false (gtk_widget_get_visible (widget (f, "force_box")));
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "settle-refused.png");

  /* A payout to the tapped tenant, typed on the keypad. */
  lapak_test_gtk_click (widget (f, "payout_show_button"));
  lapak_test_gtk_wait_until (mapped, widget (f, "payout_button"), "the payout panel to show");
  g_assert_nonnull (strstr (label (f, "payout_title"), "KLL"));
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "settle-payout.png");
  for (const char *k = "50000"; *k != '\0'; k++)
    {
      char key[2] = { *k, '\0' };

      lapak_keypad_press (LAPAK_KEYPAD (widget (f, "payout_keypad")), key);
    }
  gtk_editable_set_text (GTK_EDITABLE (widget (f, "reference_entry")), "BRI 123");
  lapak_test_gtk_click (widget (f, "payout_button"));
  g_assert_true (gtk_widget_has_css_class (widget (f, "message_label"), "success"));
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT count(*) FROM account_entry WHERE kind = 'payout' AND "
                                                "tenant_code = 'KLL' AND amount = -50000 AND ref = 'BRI 123'"),
                   ==, 1);

  lapak_test_gtk_wait_until (mapped, widget (f, "payout_show_button"), "the statement to show again");

  /* Nothing typed: the core's message, nothing recorded. */
  lapak_test_gtk_click (widget (f, "payout_show_button"));
  lapak_test_gtk_wait_until (mapped, widget (f, "payout_button"), "the payout panel to show");
  lapak_test_gtk_click (widget (f, "payout_button"));
  g_assert_true (gtk_widget_has_css_class (widget (f, "message_label"), "error"));
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT count(*) FROM account_entry WHERE kind = 'payout'"), ==, 1);

  /* Back to selling. */
  lapak_test_gtk_click (widget (f, "back_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
  g_assert_true (gtk_widget_get_visible (lapak_window_get_manage_button (f->window)));
}

int
main (int    argc,
      char **argv)
{
  lapak_test_gtk_init (&argc, &argv);
  g_test_add ("/kiosk-settle/organiser", Fixture, NULL, fixture_set_up, test_settle, fixture_tear_down);
  return g_test_run ();
}
