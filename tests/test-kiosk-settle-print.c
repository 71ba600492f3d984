/* test-kiosk-settle-print.c — the settlement screen prints the statements on
 * the till's documents (A4) printer (issue 6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (tests/headless.sh), in English and in Indonesian. The
 * organiser logs in on the demo till, opens Manage → Settlement and taps
 * Print: with no documents printer the screen says who sets one and how;
 * with the "pdf" queue of a private cupsd (tests/lapak-test-cups.c) one job
 * per tenant's statement and one for the summary arrive, in that order,
 * and pdftotext over what the queue printed shows each tenant's name and
 * amounts, and PREVIEW while the settlement is not closed; a tenant's own
 * statement prints alone; a stopped queue keeps the jobs (and the screen
 * says so, naming it) until it is enabled; a queue that does not exist is
 * named. The cupsd cases need root (CI runs them as root); otherwise they
 * are skipped and say so.
 */
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lapak-auth.h"
#include "lapak-demo.h"
#include "lapak-keypad.h"
#include "lapak-ledger.h"
#include "lapak-money.h"
#include "lapak-print-settings.h"
#include "lapak-sale.h"
#include "lapak-settle-page.h"
#include "lapak-settle-row.h"
#include "lapak-settle.h"
#include "lapak-shift.h"
#include "lapak-statement.h"
#include "lapak-test-cups.h"
#include "lapak-test-gtk.h"
#include "lapak-test-util.h"
#include "lapak-window.h"

static LapakTestCups *test_cups;   /* started by the first case that needs it */

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
message (Fixture *f)
{
  GtkWidget *label = widget (f, "message_label");

  g_assert_true (gtk_widget_get_visible (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
message_is_error (Fixture *f)
{
  return gtk_widget_has_css_class (widget (f, "message_label"), "error");
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
  /* sales for two tenants; the others have their booth fee only */
  sell (f, "8990000001010*3");
  sell (f, "8990000001027*2");

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

static gboolean
not_printing (gpointer data)
{
  return !lapak_settle_page_is_printing (data);
}

/* The organiser's way in: log in, Manage, Settlement. */
static void
open_settlement (Fixture *f)
{
  GtkWidget *settle_button = lapak_window_get_settle_button (f->window);

  log_in (f, "Ketua", "123456");
  lapak_test_gtk_click (lapak_window_get_manage_button (f->window));
  lapak_test_gtk_wait_until (mapped, settle_button, "the Manage hub to show");
  lapak_test_gtk_click (settle_button);
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "settle");
  lapak_test_gtk_wait_until (mapped, widget (f, "print_button"), "the settlement page to show");
}

static void
set_documents_queue (Fixture    *f,
                     const char *queue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakPrintSettings) settings = lapak_print_settings_load (f->db, &error);

  g_assert_no_error (error);
  g_free (settings->documents_queue);
  settings->documents_queue = g_strdup (queue);
  g_assert_true (lapak_print_settings_save (f->db, f->organiser, settings, &error));
  g_assert_no_error (error);
}

static void
went_insensitive_cb (GtkWidget  *button,
                     GParamSpec *pspec,
                     gboolean   *went)
{
  if (!gtk_widget_get_sensitive (button))
    *went = TRUE;
}

/* Taps @button and waits for the page to have sent every job. While it
 * sends them (which may be over before the tap returns: a queue that does
 * not exist answers at once), neither print button can be tapped. */
static void
print_and_wait (Fixture    *f,
                const char *button)
{
  gboolean went[2] = { FALSE, FALSE };
  const char *buttons[2] = { "print_button", "print_tenant_button" };
  gulong ids[2];

  for (guint i = 0; i < 2; i++)
    ids[i] = g_signal_connect (widget (f, buttons[i]), "notify::sensitive", G_CALLBACK (went_insensitive_cb),
                               &went[i]);
  lapak_test_gtk_click (widget (f, button));
  lapak_test_gtk_wait_until (not_printing, page (f), "the statements' print jobs");
  for (guint i = 0; i < 2; i++)
    {
      g_signal_handler_disconnect (widget (f, buttons[i]), ids[i]);
      g_assert_true (went[i]);
      g_assert_true (gtk_widget_get_sensitive (widget (f, buttons[i])));
    }
}

static guint
n_jobs (void)
{
  g_autoptr(GPtrArray) jobs = lapak_test_cups_jobs (test_cups);

  return jobs->len;
}

/* The jobs the queue printed after the first @before, waiting (bounded)
 * for @n of them. */
static GPtrArray *
jobs_after (guint before,
            guint n)
{
  g_autoptr(GPtrArray) jobs = NULL;

  for (guint i = 0; i < 300; i++)
    {
      g_clear_pointer (&jobs, g_ptr_array_unref);
      jobs = lapak_test_cups_jobs (test_cups);
      if (jobs->len >= before + n)
        break;
      g_usleep (100 * 1000);
    }
  g_assert_cmpuint (jobs->len, ==, before + n);
  g_ptr_array_remove_range (jobs, 0, before);
  return g_steal_pointer (&jobs);
}

/* What the queue printed for @job, as pdftotext reads it. */
static char *
job_text (int job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = lapak_test_cups_captured (test_cups, job);
  g_autofree char *path = lapak_test_cups_job_path (test_cups, job);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  int status = 0;

  /* the queue's PDF driver printed a PDF (behind a PJL header) */
  if (g_strstr_len (g_bytes_get_data (bytes, NULL), MIN (g_bytes_get_size (bytes), 1024), "%PDF-") == NULL)
    g_error ("job %d is not a PDF (%zu bytes): %.40s", job, g_bytes_get_size (bytes),
             (const char *) g_bytes_get_data (bytes, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

static void
assert_has (const char *text,
            const char *needle,
            const char *where)
{
  if (strstr (text, needle) == NULL)
    g_error ("%s does not show “%s”:\n%s", where, needle, text);
}

static void
assert_money (const char *text,
              int64_t     amount,
              const char *where)
{
  g_autofree char *m = lapak_money_format (amount, LAPAK_MONEY_STYLE_DEFAULT);

  assert_has (text, m, where);
}

/* The core's statement of the settlement the screen shows now. */
static LapakStatement *
core_statement (Fixture          *f,
                LapakSettlement **out_settlement)
{
  g_autoptr(GError) error = NULL;
  LapakSettlement *s = lapak_settlement_preview (f->db, NULL, lapak_db_now (), &error);
  LapakStatement *st;

  g_assert_no_error (error);
  st = lapak_statement_new (f->db, s, &error);
  g_assert_no_error (error);
  *out_settlement = s;
  return st;
}

static char *
expected_all (guint       n_tenants,
              const char *queue,
              gboolean    preview)
{
  guint n = n_tenants + 1;
  g_autofree char *what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the statement of %u tenant and the summary",
                                                        "the statements of %u tenants and the summary", n_tenants),
                                           n_tenants);

  if (preview)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Printed on “%s”: %u print job (%s), marked PREVIEW.",
                                         "Printed on “%s”: %u print jobs (%s), marked PREVIEW.", n),
                            queue, n, what);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Printed on “%s”: %u print job (%s).",
                                       "Printed on “%s”: %u print jobs (%s).", n),
                          queue, n, what);
}

/* ---------- cases ---------- */

/* No documents printer on this till: the screen says who sets one and how,
 * and nothing is sent. */
static void
test_no_printer (Fixture       *f,
                 gconstpointer  user_data)
{
  open_settlement (f);
  lapak_test_gtk_click (widget (f, "print_button"));
  g_assert_false (lapak_settle_page_is_printing (page (f)));
  g_assert_true (message_is_error (f));
  g_assert_cmpstr (message (f), ==,
                   _("This till has no documents (A4) printer for the statements. A supervisor or organiser "
                     "sets one with “lapakctl printers set --documents QUEUE”; until then, “Export "
                     "statements” saves them as PDF files."));
  assert_has (message (f), "lapakctl printers set --documents", "the message");
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "settle-print-no-printer.png");

  /* a tenant's statement: tap the tenant first */
  lapak_test_gtk_click (widget (f, "print_tenant_button"));
  g_assert_false (lapak_settle_page_is_printing (page (f)));
  g_assert_cmpstr (message (f), ==, _("Tap a tenant in the table first: its statement is printed."));
}

/* Every statement and the summary, then one tenant's, then the closed
 * settlement's: on the queue, in order, with the tenants' numbers. */
static void
test_print (Fixture       *f,
            gconstpointer  user_data)
{
  g_autoptr(LapakSettlement) s = NULL;
  g_autoptr(LapakStatement) st = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autofree char *expected = NULL;
  const char *preview_mark = _("PREVIEW — not recorded; the numbers may still change");
  guint n_tenants, before, kll = G_MAXUINT;

  if (getuid () != 0)
    {
      g_test_skip (LAPAK_TEST_CUPS_SKIP_NOT_ROOT);
      return;
    }
  if (test_cups == NULL)
    test_cups = lapak_test_cups_new ();
  g_setenv ("CUPS_SERVER", test_cups->sock, TRUE);
  set_documents_queue (f, "pdf");
  st = core_statement (f, &s);
  n_tenants = st->tenants->len;
  g_assert_cmpuint (n_tenants, >=, 3);

  open_settlement (f);
  before = n_jobs ();
  print_and_wait (f, "print_button");
  expected = expected_all (n_tenants, "pdf", TRUE);
  g_assert_false (message_is_error (f));
  g_assert_cmpstr (message (f), ==, expected);
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "settle-print.png");

  /* one job per tenant with a statement, then the summary */
  jobs = jobs_after (before, n_tenants + 1);
  for (guint i = 0; i < n_tenants; i++)
    {
      const LapakTenantStatement *ts = g_ptr_array_index (st->tenants, i);
      const LapakSettleTenant *t = ts->tenant;
      g_autofree char *text = job_text (GPOINTER_TO_INT (jobs->pdata[i]));
      g_autofree char *where = g_strdup_printf ("the printed statement of %s", t->code);

      g_test_message ("job %d: %s", GPOINTER_TO_INT (jobs->pdata[i]), t->code);
      assert_has (text, t->name, where);
      assert_money (text, t->net_sales, where);
      assert_money (text, t->commission, where);
      assert_money (text, t->payout >= 0 ? t->payout : -t->payout, where);
      assert_has (text, preview_mark, where);
      for (guint j = 0; j < n_tenants; j++)
        if (j != i)
          g_assert_null (strstr (text, ((const LapakTenantStatement *) g_ptr_array_index (st->tenants, j))->tenant->name));
      if (g_str_equal (t->code, "KLL"))
        kll = i;
    }
  {
    g_autofree char *text = job_text (GPOINTER_TO_INT (jobs->pdata[n_tenants]));

    for (guint i = 0; i < n_tenants; i++)
      assert_has (text, ((const LapakTenantStatement *) g_ptr_array_index (st->tenants, i))->tenant->code,
                  "the printed summary");
    assert_money (text, s->net_sales, "the printed summary");
    assert_money (text, s->commission, "the printed summary");
    assert_has (text, preview_mark, "the printed summary");
  }
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* a tenant's statement, from its statement view: that one only */
  g_assert_cmpuint (kll, <, n_tenants);
  {
    GListModel *rows = lapak_settle_page_get_rows (page (f));
    const LapakSettleTenant *t = ((const LapakTenantStatement *) g_ptr_array_index (st->tenants, kll))->tenant;
    g_autofree char *what = g_strdup_printf (_("the statement of %s"), "KLL");
    g_autofree char *one = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "Printed on “%s”: %u print job (%s), marked PREVIEW.",
                                                         "Printed on “%s”: %u print jobs (%s), marked PREVIEW.", 1),
                                            "pdf", 1, what);
    g_autofree char *text = NULL;
    guint position = G_MAXUINT;

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(GObject) row = g_list_model_get_item (rows, i);

        if (g_str_equal (lapak_settle_row_get_tenant ((gpointer) row)->code, "KLL"))
          position = i;
      }
    g_assert_cmpuint (position, !=, G_MAXUINT);
    g_signal_emit_by_name (lapak_settle_page_get_table (page (f)), "activate", position);
    lapak_test_gtk_iterate ();
    lapak_test_gtk_wait_until (mapped, widget (f, "print_tenant_button"), "the statement panel");
    before = n_jobs ();
    print_and_wait (f, "print_tenant_button");
    g_assert_false (message_is_error (f));
    g_assert_cmpstr (message (f), ==, one);
    lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "settle-print-tenant.png");
    jobs = jobs_after (before, 1);
    text = job_text (GPOINTER_TO_INT (jobs->pdata[0]));
    assert_has (text, t->name, "the printed statement of KLL");
    assert_money (text, t->net_sales, "the printed statement of KLL");
    g_clear_pointer (&jobs, g_ptr_array_unref);
  }

  /* closed: the same tenants, no PREVIEW, the settlement's id */
  {
    AdwMessageDialog *dialog;
    g_autofree char *id = NULL;

    lapak_test_gtk_click (widget (f, "close_button"));
    dialog = lapak_settle_page_get_dialog (page (f));
    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "close");
    lapak_test_gtk_iterate ();
    g_assert_cmpint (lapak_test_query_int (f->db, "SELECT count(*) FROM settlement"), ==, 1);
    /* the first settlement of till K1 */
    g_assert_cmpint (lapak_test_query_int (f->db, "SELECT seq FROM settlement WHERE till_id = 'K1'"), ==, 1);
    id = g_strdup ("K1-S000001");
    assert_has (message (f), id, "the message after closing");

    before = n_jobs ();
    print_and_wait (f, "print_button");
    g_clear_pointer (&expected, g_free);
    expected = expected_all (n_tenants, "pdf", FALSE);
    g_assert_cmpstr (message (f), ==, expected);
    jobs = jobs_after (before, n_tenants + 1);
    for (guint i = 0; i <= n_tenants; i++)
      {
        g_autofree char *text = job_text (GPOINTER_TO_INT (jobs->pdata[i]));

        g_assert_null (strstr (text, preview_mark));
        assert_has (text, id, "a closed settlement's printed document");
      }
  }
}

/* A stopped queue keeps the jobs (the screen names it and says how they
 * print); they print once it is enabled. A queue that does not exist is
 * named, with who chooses another. */
static void
test_stopped_and_missing (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autoptr(LapakSettlement) s = NULL;
  g_autoptr(LapakStatement) st = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autofree char *waiting = NULL;
  guint n, before;

  if (getuid () != 0)
    {
      g_test_skip (LAPAK_TEST_CUPS_SKIP_NOT_ROOT);
      return;
    }
  if (test_cups == NULL)
    test_cups = lapak_test_cups_new ();
  g_setenv ("CUPS_SERVER", test_cups->sock, TRUE);
  set_documents_queue (f, "pdf");
  st = core_statement (f, &s);
  n = st->tenants->len + 1;

  open_settlement (f);
  before = n_jobs ();
  lapak_test_cups_tool (test_cups, "/usr/sbin/cupsdisable", "pdf", NULL);
  print_and_wait (f, "print_button");
  g_assert_true (message_is_error (f));
  waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of the %u print job waits in the queue of “%s”: %s",
                                          "%u of the %u print jobs wait in the queue of “%s”: %s", n),
                             n, n, "pdf", "");
  g_assert_true (g_str_has_prefix (message (f), waiting));
  assert_has (message (f), "cupsenable pdf", "the message");
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "settle-print-stopped.png");
  /* kept, not printed: nothing reached the printer */
  g_usleep (500 * 1000);
  g_assert_cmpuint (n_jobs (), ==, before);
  /* enabled again: every one prints, once */
  lapak_test_cups_tool (test_cups, "/usr/sbin/cupsenable", "pdf", NULL);
  jobs = jobs_after (before, n);
  {
    g_autofree char *text = job_text (GPOINTER_TO_INT (jobs->pdata[n - 1]));

    assert_money (text, s->net_sales, "the summary printed after the queue was enabled");
  }

  /* a queue that is not there */
  set_documents_queue (f, "nowhere");
  before = n_jobs ();
  print_and_wait (f, "print_button");
  g_assert_true (message_is_error (f));
  assert_has (message (f), "“nowhere”", "the message");
  assert_has (message (f), "lapakctl printers set --documents", "the message");
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "settle-print-missing.png");
  g_usleep (500 * 1000);
  g_assert_cmpuint (n_jobs (), ==, before);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  lapak_test_gtk_init (&argc, &argv);
  g_test_add ("/kiosk-settle-print/no-printer", Fixture, NULL, fixture_set_up, test_no_printer, fixture_tear_down);
  g_test_add ("/kiosk-settle-print/print", Fixture, NULL, fixture_set_up, test_print, fixture_tear_down);
  g_test_add ("/kiosk-settle-print/stopped-and-missing", Fixture, NULL, fixture_set_up, test_stopped_and_missing,
              fixture_tear_down);
  ret = g_test_run ();
  g_clear_pointer (&test_cups, lapak_test_cups_free);
  return ret;
}
