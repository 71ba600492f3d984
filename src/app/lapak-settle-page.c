/* lapak-settle-page.c — the organiser's settlement screen in the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preview of the active event's settlement up to now (every tenant,
 * sortable, with totals), a tenant's statement lines on tap, the
 * statements (PDF) and the CSV written to a folder, the statements printed
 * on the till's documents (A4) printer in the background, closing with a
 * confirmation (forcing with a typed reason when tills are missing) and
 * payouts. Every number and every rule is the core's (lapak-settle,
 * lapak-statement, lapak-export); this page only shows and asks.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <inttypes.h>

#include "lapak-error.h"
#include "lapak-export.h"
#include "lapak-money.h"
#include "lapak-print-job.h"
#include "lapak-print-settings.h"
#include "lapak-settle-page.h"
#include "lapak-settle-row.h"
#include "lapak-settle.h"
#include "lapak-statement-pdf.h"
#include "lapak-statement.h"
#include "lapak-stock.h"
#include "lapak-sync.h"
#include "lapak-ledger.h"

struct _LapakSettlePage
{
  GtkBox            parent_instance;

  LapakDb          *db;
  const LapakUser  *user;            /* borrowed from the window while shown */
  LapakSettlement  *settlement;      /* the preview, or the one just closed */
  LapakStatement   *statement;       /* its lines; borrows settlement */
  int64_t           until;
  char             *tenant;          /* the tenant tapped last */
  char             *export_dir;      /* NULL: ~/Documents/Lapak */
  gboolean          missing;         /* tills' records known to be missing */

  GListStore       *store;
  GtkSortListModel *sorted;
  GtkColumnView    *table;
  GHashTable       *widgets;         /* name → widget, for lookups */
  GHashTable       *columns;         /* id → GtkColumnViewColumn */
  AdwMessageDialog *dialog;          /* weak */

  GtkLabel         *title;
  GtkLabel         *cutoff;
  GtkLabel         *missing_label;
  GtkLabel         *message;
  GtkLabel         *totals;
  GtkLabel         *statement_label;
  GtkLabel         *payout_title;
  GtkEntry         *amount_entry;
  GtkEntry         *reference_entry;
  LapakKeypad      *keypad;
  GtkStack         *side;            /* "statement" or "payout" */
  GtkWidget        *force_box;
  GtkEntry         *reason_entry;
  GtkLabel         *pick_label;      /* the cut-off being picked */
  int64_t           pick;

  /* Printing the statements: one job after the other, each in a worker
   * thread (lapak_print_submit_async); the page never waits for CUPS. */
  GCancellable     *print_cancellable;
  GPtrArray        *print_docs;      /* PrintDoc, rendered when Print was tapped */
  char             *print_queue;
  char             *print_what;      /* what was printed, for the message */
  guint             print_next;      /* the next document to send */
  guint             print_waiting;   /* jobs kept in the queue, not printed yet */
  char             *print_wait_message;   /* the print service's words on the first of them */
  gboolean          print_preview;   /* the documents say PREVIEW */
};

G_DEFINE_FINAL_TYPE (LapakSettlePage, lapak_settle_page, GTK_TYPE_BOX)

enum { SIGNAL_DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { COL_CODE, COL_NAME, COL_UNITS, COL_NET, COL_COMMISSION, COL_CHARGES, COL_PAYOUT, N_COLS };

static const struct
{
  const char *id;
  const char *title;
} columns[N_COLS] = {
  { "code", N_("Code") },
  { "name", N_("Tenant") },
  { "units", N_("Units") },
  { "net", N_("Net sales") },
  { "commission", N_("Commission") },
  { "charges", N_("Charges") },
  { "payout", N_("Payout") },
};

static char *
money (int64_t amount)
{
  return lapak_money_format (amount, LAPAK_MONEY_STYLE_DEFAULT);
}

/* The cut-off as the organiser reads it: local time, to the minute. */
static char *
when_text (int64_t usec)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  return g_date_time_format (at, "%Y-%m-%d %H:%M");
}

static int64_t
column_value (const LapakSettleTenant *t,
              guint                    col)
{
  switch (col)
    {
    case COL_UNITS: return t->units;
    case COL_NET: return t->net_sales;
    case COL_COMMISSION: return t->commission;
    case COL_CHARGES: return t->charges;
    case COL_PAYOUT: return t->payout;
    default: return 0;
    }
}

static void
show_message (LapakSettlePage *self,
              const char      *text,
              gboolean         error)
{
  gtk_label_set_label (self->message, text);
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL && *text != '\0');
  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message), "success");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->message), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
    }
}

static void
keep (LapakSettlePage *self,
      const char      *name,
      gpointer         widget)
{
  gtk_widget_set_name (widget, name);
  g_hash_table_insert (self->widgets, (gpointer) name, widget);
}

static GtkWidget *
touch_button (LapakSettlePage *self,
              const char      *name,
              const char      *label,
              GCallback        callback)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_size_request (button, 120, 48);
  gtk_widget_add_css_class (button, "big-button");
  g_signal_connect_swapped (button, "clicked", callback, self);
  keep (self, name, button);
  return button;
}

/* ---------- the table ---------- */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  guint col = GPOINTER_TO_UINT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), col >= COL_UNITS ? 1.0f : 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), col == COL_NAME ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  gtk_widget_set_size_request (label, -1, 48);
  if (col >= COL_UNITS)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  guint col = GPOINTER_TO_UINT (data);
  const LapakSettleTenant *t = lapak_settle_row_get_tenant (gtk_list_item_get_item (item));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch (col)
    {
    case COL_CODE: text = g_strdup (t->code); break;
    case COL_NAME: text = g_strdup (t->name); break;
    case COL_UNITS: text = g_strdup_printf ("%" G_GINT64_FORMAT, t->units); break;
    default: text = money (column_value (t, col)); break;
    }
  gtk_label_set_label (label, text);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      data)
{
  guint col = GPOINTER_TO_UINT (data);
  const LapakSettleTenant *ta = lapak_settle_row_get_tenant ((LapakSettleRow *) a);
  const LapakSettleTenant *tb = lapak_settle_row_get_tenant ((LapakSettleRow *) b);
  int64_t va, vb;

  if (col == COL_CODE)
    return g_strcmp0 (ta->code, tb->code) < 0 ? GTK_ORDERING_SMALLER :
           g_strcmp0 (ta->code, tb->code) > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
  if (col == COL_NAME)
    {
      int c = g_utf8_collate (ta->name, tb->name);
      return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
    }
  va = column_value (ta, col);
  vb = column_value (tb, col);
  return va < vb ? GTK_ORDERING_SMALLER : va > vb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* ---------- a tenant's statement ---------- */

static void
show_statement (LapakSettlePage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const LapakTenantStatement *ts = NULL;

  if (self->statement != NULL && self->tenant != NULL)
    for (guint i = 0; i < self->statement->tenants->len; i++)
      {
        const LapakTenantStatement *x = g_ptr_array_index (self->statement->tenants, i);

        if (g_strcmp0 (x->tenant->code, self->tenant) == 0)
          ts = x;
      }
  if (ts == NULL)
    {
      gtk_label_set_label (self->statement_label, _("Tap a tenant to see its statement and record a payout."));
      return;
    }

  {
    const LapakSettleTenant *t = ts->tenant;
    g_autofree char *net = money (t->net_sales);
    g_autofree char *commission = money (t->commission);
    g_autofree char *rate = lapak_percent_format (t->commission_bp, LAPAK_MONEY_STYLE_DEFAULT);
    g_autofree char *payout = money (t->payout >= 0 ? t->payout : -t->payout);

    g_string_append_printf (text, "<b>%s</b> (%s)\n\n", t->name, t->code);
    g_string_append_printf (text, "<b>%s</b>\n", _("Items sold"));
    if (ts->items->len == 0)
      g_string_append_printf (text, "%s\n", _("Nothing sold"));
    for (guint i = 0; i < ts->items->len; i++)
      {
        const LapakStatementItem *it = g_ptr_array_index (ts->items, i);
        g_autofree char *amount = money (it->sold_amount);
        g_autofree char *name = g_markup_escape_text (it->name, -1);

        /* Translators: a statement line: "3 × Keripik Lele   Rp45.000" */
        g_string_append_printf (text, _("%" PRId64 " × %s   %s\n"), it->sold_qty, name, amount);
        if (it->refunded_qty > 0 || it->refunded_amount > 0)
          {
            g_autofree char *back = money (-it->refunded_amount);

            /* Translators: a statement line: "refunded 1 × Keripik Lele   -Rp15.000" */
            g_string_append_printf (text, _("refunded %" PRId64 " × %s   %s\n"), it->refunded_qty, name,
                                    back);
          }
      }
    g_string_append_printf (text, "\n%s   %s\n", _("Net sales"), net);
    /* Translators: "Commission 15%   Rp6.750" */
    g_string_append_printf (text, _("Commission %s   %s\n"), rate, commission);
    for (guint i = 0; i < ts->charges->len; i++)
      {
        const LapakStatementCharge *c = g_ptr_array_index (ts->charges, i);
        g_autofree char *amount = money (c->amount);
        const char *kind = g_strcmp0 (c->kind, "booth_fee") == 0 ? _("Booth fee") : _("Charge");
        g_autofree char *what = g_markup_escape_text (c->reason != NULL && *c->reason != '\0' ? c->reason : kind, -1);

        g_string_append_printf (text, "%s   %s\n", what, amount);
      }
    g_string_append_printf (text, "\n<b>%s   %s</b>\n",
                            t->payout >= 0 ? _("Payout to the tenant") : _("Owed by the tenant"), payout);
    if (ts->bank_account != NULL && *ts->bank_account != '\0')
      {
        g_autofree char *bank = g_markup_escape_text (ts->bank_account, -1);

        g_string_append_printf (text, _("Bank account: %s\n"), bank);
      }

    /* The stock-return table, as on the printed statement: per product,
     * checked in − sold + refunded − returned = missing; a difference in
     * bold. */
    g_string_append_printf (text, "\n<b>%s</b>\n", _("Stock return"));
    if (ts->stock == NULL || ts->stock->len == 0)
      g_string_append_printf (text, "%s\n", _("No stock was checked in for this event."));
    for (guint i = 0; ts->stock != NULL && i < ts->stock->len; i++)
      {
        const LapakStockRow *row = g_ptr_array_index (ts->stock, i);
        g_autofree char *name = g_markup_escape_text (row->name, -1);

        g_string_append_printf (text, "%s (%s)\n", name, row->product_code);
        g_string_append_printf (text, "    %s %" PRId64 " · %s %" PRId64 " · %s %" PRId64 " · %s %" PRId64 "\n",
                                _("Checked in"), row->checked_in, _("Sold"), row->sold,
                                _("Refunded"), row->refunded, _("Returned"), row->returned);
        g_string_append_printf (text, "    %s%s %" PRId64 "%s\n", row->missing != 0 ? "<b>" : "",
                                _("Missing"), row->missing, row->missing != 0 ? "</b>" : "");
      }
  }
  gtk_label_set_markup (self->statement_label, text->str);
}

static void
activate_cb (LapakSettlePage *self,
             guint            position)
{
  g_autoptr(LapakSettleRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (row == NULL)
    return;
  g_free (self->tenant);
  self->tenant = g_strdup (lapak_settle_row_get_tenant (row)->code);
  show_statement (self);
}

/* ---------- loading ---------- */

static void
show_settlement (LapakSettlePage *self)
{
  const LapakSettlement *s = self->settlement;
  g_autofree char *when = when_text (self->until);
  g_autofree char *cutoff = NULL;
  g_autofree char *net = money (s->net_sales);
  g_autofree char *commission = money (s->commission);
  g_autofree char *charges = money (s->charges);
  g_autofree char *payout = money (s->payout);
  g_autofree char *totals = NULL;

  g_list_store_remove_all (self->store);
  for (guint i = 0; i < s->tenants->len; i++)
    {
      g_autoptr(LapakSettleRow) row = lapak_settle_row_new (g_ptr_array_index (s->tenants, i));

      g_list_store_append (self->store, row);
    }
  if (s->closed)
    /* Translators: the settlement screen, once closed: "Settlement K1-S000001 closed, up to 2026-11-23 06:00" */
    cutoff = g_strdup_printf (_("Settlement %s closed, up to %s"), s->id, when);
  else
    /* Translators: the settlement screen's cut-off: "Preview up to 2026-11-23 06:00" */
    cutoff = g_strdup_printf (_("Preview up to %s"), when);
  gtk_label_set_label (self->cutoff, cutoff);
  /* Translators: the totals row under the settlement table */
  totals = g_strdup_printf (_("Total: %" PRId64 " entries · net sales %s · commission %s · charges %s · "
                              "payouts %s"),
                            s->n_entries, net, commission, charges, payout);
  gtk_label_set_label (self->totals, totals);
  show_statement (self);
}

static void
set_settlement (LapakSettlePage *self,
                LapakSettlement *settlement)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->statement, lapak_statement_free);
  g_clear_pointer (&self->settlement, lapak_settlement_free);
  self->settlement = settlement;
  if (settlement == NULL)
    return;
  self->until = settlement->until;
  if (!(self->statement = lapak_statement_new (self->db, settlement, &error)))
    show_message (self, error->message, TRUE);
  show_settlement (self);
}

static void
preview (LapakSettlePage *self,
         int64_t          until)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakEvent) event = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  LapakSettlement *s;

  g_list_store_remove_all (self->store);
  if (!(event = lapak_event_get_active (self->db, &error)))
    {
      show_message (self, error != NULL ? error->message : _("There is no active event to settle."), TRUE);
      return;
    }
  if (!(s = lapak_settlement_preview (self->db, event->code, until, &error)))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  set_settlement (self, s);

  /* The core refuses to close while tills' records are missing: say so
   * before the organiser tries. */
  if ((missing = lapak_sync_missing (self->db, until, &error)) == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  self->missing = missing->len > 0;
  if (self->missing)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (missing, NULL);
      joined = g_strjoinv ("\n", (char **) missing->pdata);
      gtk_label_set_label (self->missing_label, joined);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), self->missing);
}

/**
 * lapak_settle_page_load:
 * @user: the organiser, borrowed until lapak_settle_page_clear()
 *
 * Shows the active event's settlement preview up to now.
 */
void
lapak_settle_page_load (LapakSettlePage *self,
                        LapakDb         *db,
                        const LapakUser *user)
{
  g_return_if_fail (LAPAK_IS_SETTLE_PAGE (self));
  g_return_if_fail (LAPAK_IS_DB (db));

  g_set_object (&self->db, db);
  self->user = user;
  g_clear_pointer (&self->tenant, g_free);
  gtk_widget_set_visible (self->force_box, FALSE);
  gtk_stack_set_visible_child_name (self->side, "statement");
  show_message (self, NULL, FALSE);
  preview (self, lapak_db_now ());
}

/* The organiser left the page: forget them. */
void
lapak_settle_page_clear (LapakSettlePage *self)
{
  g_return_if_fail (LAPAK_IS_SETTLE_PAGE (self));

  self->user = NULL;
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
}

/* ---------- export ---------- */

static gboolean
write_bytes (const char  *dir,
             const char  *name,
             GBytes      *bytes,
             GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_file_set_contents (path, data, (gssize) size, error);
}

static char *
export_files (LapakSettlePage  *self,
              GError          **error)
{
  const char *base = self->export_dir;
  g_autofree char *documents = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (self->until / G_USEC_PER_SEC);
  g_autofree char *stamp = g_date_time_format (at, "%Y%m%d-%H%M%S");
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GBytes) csv_bytes = NULL;

  if (base == NULL)
    {
      const char *d = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      base = documents = g_build_filename (d != NULL ? d : g_get_home_dir (), "Lapak", NULL);
    }
  name = self->settlement->closed ? g_strdup_printf ("settlement-%s", self->settlement->id)
                                  : g_strdup_printf ("preview-%s", stamp);
  dir = g_build_filename (base, name, NULL);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot make the folder %s: %s. Free some space or check the permissions; nothing was "
                     "written."), dir, g_strerror (saved));
      return NULL;
    }

  for (guint i = 0; i <= self->statement->tenants->len; i++)
    {
      g_autoptr(GBytes) pdf = NULL;
      g_autofree char *file = NULL;

      if (i < self->statement->tenants->len)
        {
          const LapakTenantStatement *ts = g_ptr_array_index (self->statement->tenants, i);

          pdf = lapak_statement_tenant_pdf (self->statement, i, error);
          file = g_strconcat (ts->tenant->code, ".pdf", NULL);
        }
      else
        {
          pdf = lapak_statement_summary_pdf (self->statement, error);
          file = g_strdup ("summary.pdf");
        }
      if (pdf == NULL || !write_bytes (dir, file, pdf, error))
        return NULL;
    }
  lapak_export_settlement (self->settlement, LAPAK_CSV_STYLE_EXCEL, csv);
  csv_bytes = g_bytes_new (csv->str, csv->len);
  if (!write_bytes (dir, "settlement.csv", csv_bytes, error))
    return NULL;
  return g_steal_pointer (&dir);
}

static void
export_clicked_cb (LapakSettlePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;

  if (self->settlement == NULL || self->statement == NULL)
    return;
  if (!(dir = export_files (self, &error)))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  /* Translators: after exporting the settlement; %s is a folder */
  text = g_strdup_printf (_("The statements (PDF) and the CSV are in %s"), dir);
  show_message (self, text, FALSE);
}

/* ---------- print ---------- */

/* How long to follow each statement's job before saying it waits (a
 * document printer takes longer than a receipt printer to take a page). */
#define STATEMENT_PRINT_WAIT_MS 30000

typedef struct
{
  char   *title;   /* the job's name in the queue */
  GBytes *pdf;
} PrintDoc;

static void
print_doc_free (PrintDoc *doc)
{
  g_free (doc->title);
  g_bytes_unref (doc->pdf);
  g_free (doc);
}

static void
print_buttons_set_sensitive (LapakSettlePage *self,
                             gboolean         sensitive)
{
  gtk_widget_set_sensitive (g_hash_table_lookup (self->widgets, "print_button"), sensitive);
  gtk_widget_set_sensitive (g_hash_table_lookup (self->widgets, "print_tenant_button"), sensitive);
}

static void
print_run_clear (LapakSettlePage *self)
{
  g_clear_pointer (&self->print_docs, g_ptr_array_unref);
  g_clear_pointer (&self->print_queue, g_free);
  g_clear_pointer (&self->print_what, g_free);
  g_clear_pointer (&self->print_wait_message, g_free);
  self->print_next = 0;
  self->print_waiting = 0;
  print_buttons_set_sensitive (self, TRUE);
}

static void print_next (LapakSettlePage *self);

/* Every document sent: say how many jobs, and whether they wait. */
static void
print_finished (LapakSettlePage *self)
{
  guint n = self->print_docs->len;
  g_autofree char *text = NULL;

  if (self->print_waiting > 0)
    /* Translators: statements sent to a stopped (or silent) printer: "3 of the 4 print jobs wait in the queue
     * of “A4”: <the print service's words>"; they print by themselves later */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of the %u print job waits in the queue of “%s”: %s",
                                         "%u of the %u print jobs wait in the queue of “%s”: %s", n),
                            self->print_waiting, n, self->print_queue, self->print_wait_message);
  else if (self->print_preview)
    /* Translators: "Printed on “A4”: 4 print jobs (the statements of 3 tenants and the summary), marked PREVIEW." */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Printed on “%s”: %u print job (%s), marked PREVIEW.",
                                         "Printed on “%s”: %u print jobs (%s), marked PREVIEW.", n),
                            self->print_queue, n, self->print_what);
  else
    /* Translators: "Printed on “A4”: 4 print jobs (the statements of 3 tenants and the summary)." */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Printed on “%s”: %u print job (%s).",
                                         "Printed on “%s”: %u print jobs (%s).", n),
                            self->print_queue, n, self->print_what);
  show_message (self, text, self->print_waiting > 0);
  print_run_clear (self);
}

static void
print_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      data)
{
  g_autoptr(LapakSettlePage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakPrintResult) result = lapak_print_submit_finish (res, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->print_docs == NULL)
    return;
  if (result == NULL && !g_error_matches (error, LAPAK_PRINT_ERROR, LAPAK_PRINT_ERROR_UNREACHABLE))
    {
      const char *hint = g_error_matches (error, LAPAK_PRINT_ERROR, LAPAK_PRINT_ERROR_NO_QUEUE)
        ? _("A supervisor or organiser chooses the documents printer with "
            "“lapakctl printers set --documents QUEUE”.")
        : "";

      if (self->print_next == 1)
        /* Translators: no statement printed; %s says why, then who can change the printer */
        text = g_strdup_printf (_("The statements did not print: %s %s"), error->message, hint);
      else
        /* Translators: "2 of the 4 print jobs went to “A4”, then: <why>" */
        text = g_strdup_printf (_("%u of the %u print jobs went to “%s”, then: %s %s"), self->print_next - 1,
                                self->print_docs->len, self->print_queue, error->message, hint);
      show_message (self, g_strstrip (text), TRUE);
      gtk_widget_error_bell (GTK_WIDGET (self));
      print_run_clear (self);
      return;
    }
  /* A job kept in the queue (a stopped printer, or one that does not
   * answer yet) prints by itself later: sending it again would print it
   * twice. The ones after it are only handed over, not followed. */
  if (result == NULL || result->outcome == LAPAK_JOB_QUEUED)
    {
      if (self->print_waiting++ == 0)
        self->print_wait_message = g_strdup (result != NULL ? result->message : error->message);
    }
  if (self->print_next < self->print_docs->len)
    print_next (self);
  else
    print_finished (self);
}

static void
print_next (LapakSettlePage *self)
{
  const PrintDoc *doc = g_ptr_array_index (self->print_docs, self->print_next);

  self->print_next++;
  lapak_print_submit_async (self->print_queue, doc->title, LAPAK_FORMAT_PDF, "A4", doc->pdf,
                            self->print_waiting > 0 ? 0 : STATEMENT_PRINT_WAIT_MS, self->print_cancellable,
                            print_done_cb, g_object_ref (self));
}

/* Prints the statement of the tenant at @index of the statement, or (-1)
 * every tenant's and the summary, on the till's documents printer. */
static void
print_statements (LapakSettlePage *self,
                  int              index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakPrintSettings) settings = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *text = NULL;
  guint n_tenants;

  if (self->settlement == NULL || self->statement == NULL || self->print_docs != NULL)
    return;
  if (!(settings = lapak_print_settings_load (self->db, &error)))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  if (settings->documents_queue == NULL)
    {
      show_message (self, _("This till has no documents (A4) printer for the statements. A supervisor or organiser "
                            "sets one with “lapakctl printers set --documents QUEUE”; until then, “Export "
                            "statements” saves them as PDF files."), TRUE);
      return;
    }

  /* The documents as they are now: the same PDFs as the export, a preview's
   * marked PREVIEW on every page by the renderer. */
  n_tenants = self->statement->tenants->len;
  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) print_doc_free);
  for (guint i = 0; i <= n_tenants; i++)
    {
      PrintDoc *doc;
      GBytes *pdf;

      if (index >= 0 && i != (guint) index)
        continue;
      if (i < n_tenants)
        pdf = lapak_statement_tenant_pdf (self->statement, i, &error);
      else
        pdf = lapak_statement_summary_pdf (self->statement, &error);
      if (pdf == NULL)
        {
          show_message (self, error->message, TRUE);
          return;
        }
      doc = g_new0 (PrintDoc, 1);
      doc->pdf = pdf;
      if (i < n_tenants)
        {
          const LapakTenantStatement *ts = g_ptr_array_index (self->statement->tenants, i);

          /* Translators: a statement's job name in the printer queue */
          doc->title = g_strdup_printf (_("Statement %s"), ts->tenant->code);
        }
      else
        doc->title = g_strdup (_("Settlement summary"));
      g_ptr_array_add (docs, doc);
    }

  self->print_docs = g_steal_pointer (&docs);
  self->print_queue = g_strdup (settings->documents_queue);
  self->print_preview = !self->settlement->closed;
  if (index >= 0)
    {
      const LapakTenantStatement *ts = g_ptr_array_index (self->statement->tenants, index);

      /* Translators: what was printed: "the statement of KLL" */
      self->print_what = g_strdup_printf (_("the statement of %s"), ts->tenant->code);
    }
  else
    /* Translators: what was printed: "the statements of 3 tenants and the summary" */
    self->print_what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the statement of %u tenant and the summary",
                                                     "the statements of %u tenants and the summary", n_tenants),
                                        n_tenants);
  print_buttons_set_sensitive (self, FALSE);
  /* Translators: "Printing the statement of KLL on “A4”…" */
  text = g_strdup_printf (_("Printing %s on “%s”…"), self->print_what, self->print_queue);
  show_message (self, text, FALSE);
  print_next (self);
}

static void
print_clicked_cb (LapakSettlePage *self)
{
  print_statements (self, -1);
}

static void
print_tenant_clicked_cb (LapakSettlePage *self)
{
  if (self->statement != NULL && self->tenant != NULL)
    for (guint i = 0; i < self->statement->tenants->len; i++)
      {
        const LapakTenantStatement *ts = g_ptr_array_index (self->statement->tenants, i);

        if (g_strcmp0 (ts->tenant->code, self->tenant) == 0)
          {
            print_statements (self, (int) i);
            return;
          }
      }
  show_message (self, _("Tap a tenant in the table first: its statement is printed."), TRUE);
}

/**
 * lapak_settle_page_is_printing:
 *
 * Whether statements are being sent to the printer.
 */
gboolean
lapak_settle_page_is_printing (LapakSettlePage *self)
{
  g_return_val_if_fail (LAPAK_IS_SETTLE_PAGE (self), FALSE);
  return self->print_docs != NULL;
}

/* ---------- close ---------- */

static void
do_close (LapakSettlePage *self,
          const char      *forced)
{
  g_autoptr(GError) error = NULL;
  LapakSettlement *s;
  g_autofree char *text = NULL;
  g_autofree char *payout = NULL;

  if (self->settlement == NULL)
    return;
  if (forced != NULL)
    s = lapak_settlement_close_forced (self->db, self->user, self->settlement->event, self->until, forced, &error);
  else
    s = lapak_settlement_close (self->db, self->user, self->settlement->event, self->until, &error);
  if (s == NULL)
    {
      show_message (self, error->message, TRUE);
      /* Missing tills: the organiser may close anyway, with a reason. */
      gtk_widget_set_visible (self->force_box, self->missing && forced == NULL);
      return;
    }
  gtk_widget_set_visible (self->force_box, FALSE);
  payout = money (s->payout);
  /* Translators: after closing: "Settlement K1-S000001 is closed: payouts Rp1.234.000." */
  text = g_strdup_printf (_("Settlement %s is closed: payouts %s. Export or print its statements now."), s->id,
                          payout);
  set_settlement (self, s);
  show_message (self, text, FALSE);
}

static void
dialog_response_cb (LapakSettlePage  *self,
                    const char       *response)
{
  if (g_strcmp0 (response, "close") == 0)
    do_close (self, NULL);
}

static void
close_clicked_cb (LapakSettlePage *self)
{
  const LapakSettlement *s = self->settlement;
  g_autofree char *when = NULL;
  g_autofree char *net = NULL;
  g_autofree char *commission = NULL;
  g_autofree char *charges = NULL;
  g_autofree char *payout = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  if (s == NULL)
    return;
  when = when_text (self->until);
  net = money (s->net_sales);
  commission = money (s->commission);
  charges = money (s->charges);
  payout = money (s->payout);
  /* Translators: the body of the dialog that closes a settlement */
  body = g_strdup_printf (_("Up to %s, %u tenants:\nnet sales %s\ncommission %s\ncharges %s\npayouts %s\n\n"
                            "A closed settlement is never changed."),
                          when, s->tenants->len, net, commission, charges, payout);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Close the settlement?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("Cancel"), "close", _("Close settlement"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
force_clicked_cb (LapakSettlePage *self)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_entry))));

  if (*reason == '\0')
    {
      show_message (self, _("Type why the settlement must close without those tills' records, then tap "
                            "“Close anyway” again."), TRUE);
      return;
    }
  do_close (self, reason);
}

/* ---------- payouts ---------- */

static void
payout_clicked_cb (LapakSettlePage *self)
{
  g_autoptr(GError) error = NULL;
  int64_t amount = 0;
  const char *reference = gtk_editable_get_text (GTK_EDITABLE (self->reference_entry));
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  if (self->tenant == NULL)
    {
      show_message (self, _("Tap the tenant being paid in the table first."), TRUE);
      return;
    }
  if (!lapak_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->amount_entry)), &amount, &error) ||
      !lapak_payout_add (self->db, self->user, self->tenant, amount, *reference != '\0' ? reference : NULL,
                         &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  shown = money (amount);
  /* Translators: "Payout of Rp500.000 to KLL recorded." */
  text = g_strdup_printf (_("Payout of %s to %s recorded."), shown, self->tenant);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reference_entry), "");
  gtk_stack_set_visible_child_name (self->side, "statement");
  show_message (self, text, FALSE);
}

static void
payout_show_cb (LapakSettlePage *self)
{
  g_autofree char *title = NULL;

  if (self->tenant == NULL)
    {
      show_message (self, _("Tap the tenant being paid in the table first."), TRUE);
      return;
    }
  /* Translators: the payout panel's title: "Payout to KLL" */
  title = g_strdup_printf (_("Payout to %s"), self->tenant);
  gtk_label_set_label (self->payout_title, title);
  gtk_stack_set_visible_child_name (self->side, "payout");
  lapak_keypad_set_target (self->keypad, GTK_EDITABLE (self->amount_entry));
}

static void
payout_hide_cb (LapakSettlePage *self)
{
  gtk_stack_set_visible_child_name (self->side, "statement");
}

/* ---------- the cut-off ---------- */

/* A cut-off picked to the minute covers that whole minute. */
static int64_t
end_of_minute (GDateTime *dt)
{
  return (g_date_time_to_unix (dt) / 60 * 60 + 59) * G_USEC_PER_SEC + (G_USEC_PER_SEC - 1);
}

static void
pick_set (LapakSettlePage *self,
          int64_t          pick)
{
  g_autofree char *text = when_text (pick);

  self->pick = pick;
  gtk_label_set_label (self->pick_label, text);
}

/* Moves the cut-off being picked by @months, @days, @hours, @minutes. */
static void
pick_move (LapakSettlePage *self,
           int              months,
           int              days,
           int              hours,
           int              minutes)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (self->pick / G_USEC_PER_SEC);
  g_autoptr(GDateTime) moved = g_date_time_add_full (at, 0, months, days, hours, minutes, 0);

  pick_set (self, end_of_minute (moved));
}

#define PICK_CB(name, months, days, hours, minutes) \
  static void name (LapakSettlePage *self) { pick_move (self, months, days, hours, minutes); }
PICK_CB (pick_day_down_cb, 0, -1, 0, 0)
PICK_CB (pick_day_up_cb, 0, 1, 0, 0)
PICK_CB (pick_hour_down_cb, 0, 0, -1, 0)
PICK_CB (pick_hour_up_cb, 0, 0, 1, 0)
PICK_CB (pick_minute_down_cb, 0, 0, 0, -5)
PICK_CB (pick_minute_up_cb, 0, 0, 0, 5)
#undef PICK_CB

static void
pick_now_cb (LapakSettlePage *self)
{
  pick_set (self, lapak_db_now ());
}

/* The end of the day before today (local time), or of the month before
 * this one: the cut-offs of a daily and a monthly settlement. */
static void
pick_end_of_cb (LapakSettlePage *self,
                gboolean         month)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      month ? 1 : g_date_time_get_day_of_month (now), 0, 0, 0);

  pick_set (self, g_date_time_to_unix (start) * G_USEC_PER_SEC - 1);
}

static void
pick_yesterday_cb (LapakSettlePage *self)
{
  pick_end_of_cb (self, FALSE);
}

static void
pick_last_month_cb (LapakSettlePage *self)
{
  pick_end_of_cb (self, TRUE);
}

static void
pick_show_cb (LapakSettlePage *self)
{
  if (self->settlement != NULL && self->settlement->closed)
    {
      show_message (self, _("This settlement is closed. Refresh to preview the next one, then pick its cut-off."),
                    TRUE);
      return;
    }
  pick_set (self, self->until);
  gtk_stack_set_visible_child_name (self->side, "cutoff");
}

static void
pick_hide_cb (LapakSettlePage *self)
{
  gtk_stack_set_visible_child_name (self->side, "statement");
}

/* The core says whether the cut-off is allowed; the preview follows it. */
static void
pick_apply_cb (LapakSettlePage *self)
{
  g_autoptr(GError) error = NULL;

  if (!lapak_settle_cutoff_check (self->pick, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  show_message (self, NULL, FALSE);
  gtk_stack_set_visible_child_name (self->side, "statement");
  preview (self, self->pick);
}

static void
refresh_clicked_cb (LapakSettlePage *self)
{
  if (self->db != NULL)
    lapak_settle_page_load (self, self->db, self->user);
}

static void
back_clicked_cb (LapakSettlePage *self)
{
  g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

static void
keypad_follow_focus_cb (LapakSettlePage    *self,
                        GtkEventController *controller)
{
  lapak_keypad_set_target (self->keypad, GTK_EDITABLE (gtk_event_controller_get_widget (controller)));
}

/* ---------- the widget ---------- */

static void
lapak_settle_page_dispose (GObject *object)
{
  LapakSettlePage *self = LAPAK_SETTLE_PAGE (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);
  if (self->print_cancellable != NULL)
    g_cancellable_cancel (self->print_cancellable);
  g_clear_object (&self->print_cancellable);
  g_clear_pointer (&self->print_docs, g_ptr_array_unref);
  g_clear_pointer (&self->statement, lapak_statement_free);
  g_clear_pointer (&self->settlement, lapak_settlement_free);
  g_clear_object (&self->db);
  g_clear_object (&self->store);
  g_clear_object (&self->sorted);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->columns, g_hash_table_unref);
  G_OBJECT_CLASS (lapak_settle_page_parent_class)->dispose (object);
}

static void
lapak_settle_page_finalize (GObject *object)
{
  LapakSettlePage *self = LAPAK_SETTLE_PAGE (object);

  g_free (self->tenant);
  g_free (self->export_dir);
  g_free (self->print_queue);
  g_free (self->print_what);
  g_free (self->print_wait_message);
  G_OBJECT_CLASS (lapak_settle_page_parent_class)->finalize (object);
}

static void
lapak_settle_page_class_init (LapakSettlePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lapak_settle_page_dispose;
  object_class->finalize = lapak_settle_page_finalize;

  /**
   * LapakSettlePage::done:
   *
   * The organiser tapped "Back".
   */
  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);
}

static GtkWidget *
label_new (LapakSettlePage *self,
           const char      *name,
           const char      *css)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  keep (self, name, label);
  return label;
}

static void
lapak_settle_page_init (LapakSettlePage *self)
{
  GtkBox *box = GTK_BOX (self);
  GtkWidget *top, *body, *left, *right, *scroller, *actions, *payout_box, *w;
  GtkSorter *sorter;

  self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  self->print_cancellable = g_cancellable_new ();
  self->columns = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (box, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (top), touch_button (self, "back_button", _("Back"), G_CALLBACK (back_clicked_cb)));
  w = label_new (self, "title", "title-2");
  gtk_label_set_label (GTK_LABEL (w), _("Settlement"));
  self->title = GTK_LABEL (w);
  gtk_box_append (GTK_BOX (top), w);
  w = label_new (self, "cutoff_label", "dim-label");
  gtk_widget_set_hexpand (w, TRUE);
  self->cutoff = GTK_LABEL (w);
  gtk_box_append (GTK_BOX (top), w);
  gtk_box_append (GTK_BOX (top), touch_button (self, "cutoff_button", _("Cut-off…"), G_CALLBACK (pick_show_cb)));
  gtk_box_append (GTK_BOX (top), touch_button (self, "refresh_button", _("Refresh"), G_CALLBACK (refresh_clicked_cb)));
  gtk_box_append (box, top);

  self->missing_label = GTK_LABEL (label_new (self, "missing_label", "warning"));
  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), FALSE);
  gtk_box_append (box, GTK_WIDGET (self->missing_label));
  self->message = GTK_LABEL (label_new (self, "message_label", NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (box, GTK_WIDGET (self->message));

  body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (box, body);

  /* The table: every tenant of the preview, sortable by any column. */
  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (left, TRUE);
  gtk_box_append (GTK_BOX (body), left);
  self->store = g_list_store_new (LAPAK_TYPE_SETTLE_ROW);
  self->table = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  keep (self, "table", self->table);
  gtk_column_view_set_show_column_separators (self->table, TRUE);
  gtk_column_view_set_single_click_activate (self->table, TRUE);
  for (guint i = 0; i < N_COLS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_sorter (column,
                                         GTK_SORTER (gtk_custom_sorter_new (compare_cb, GUINT_TO_POINTER (i), NULL)));
      g_object_unref (gtk_column_view_column_get_sorter (column));
      gtk_column_view_column_set_expand (column, i == COL_NAME);
      gtk_column_view_append_column (self->table, column);
      g_hash_table_insert (self->columns, (gpointer) columns[i].id, column);
      g_object_unref (column);
    }
  sorter = gtk_column_view_get_sorter (self->table);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->store)), g_object_ref (sorter));
  {
    GtkNoSelection *selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));

    gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (selection));
    g_object_unref (selection);
  }
  g_signal_connect_swapped (self->table, "activate", G_CALLBACK (activate_cb), self);
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->table));
  gtk_box_append (GTK_BOX (left), scroller);
  self->totals = GTK_LABEL (label_new (self, "totals_label", "heading"));
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->totals));

  /* The tapped tenant: its statement lines and a payout. */
  /* In a scroller: the page must fit the kiosk's smallest screen. */
  self->side = GTK_STACK (gtk_stack_new ());
  /* As tall as the panel shown: the payout keypad's height would push the
   * statement's buttons below the screen's edge. */
  gtk_stack_set_vhomogeneous (self->side, FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (self->side), 380, -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->side));
  gtk_box_append (GTK_BOX (body), scroller);
  right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  self->statement_label = GTK_LABEL (label_new (self, "statement_label", NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->statement_label), GTK_ALIGN_START);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->statement_label));
  gtk_box_append (GTK_BOX (right), scroller);

  w = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (w), TRUE);
  gtk_box_append (GTK_BOX (w),
                  touch_button (self, "print_tenant_button", _("Print statement"), G_CALLBACK (print_tenant_clicked_cb)));
  gtk_box_append (GTK_BOX (w),
                  touch_button (self, "payout_show_button", _("Record a payout…"), G_CALLBACK (payout_show_cb)));
  gtk_box_append (GTK_BOX (right), w);
  gtk_stack_add_named (self->side, right, "statement");

  payout_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_stack_add_named (self->side, payout_box, "payout");
  w = label_new (self, "payout_title", "heading");
  self->payout_title = GTK_LABEL (w);
  gtk_box_append (GTK_BOX (payout_box), w);
  self->amount_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->amount_entry, _("Payout amount"));
  gtk_entry_set_input_purpose (self->amount_entry, GTK_INPUT_PURPOSE_NUMBER);
  gtk_widget_set_size_request (GTK_WIDGET (self->amount_entry), -1, 48);
  keep (self, "amount_entry", self->amount_entry);
  gtk_box_append (GTK_BOX (payout_box), GTK_WIDGET (self->amount_entry));
  self->reference_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->reference_entry, _("Transfer reference or “cash”"));
  gtk_widget_set_size_request (GTK_WIDGET (self->reference_entry), -1, 48);
  keep (self, "reference_entry", self->reference_entry);
  gtk_box_append (GTK_BOX (payout_box), GTK_WIDGET (self->reference_entry));
  self->keypad = LAPAK_KEYPAD (lapak_keypad_new ());
  keep (self, "payout_keypad", self->keypad);
  lapak_keypad_set_target (self->keypad, GTK_EDITABLE (self->amount_entry));
  gtk_box_append (GTK_BOX (payout_box), GTK_WIDGET (self->keypad));
  for (guint i = 0; i < 2; i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_swapped (focus, "enter", G_CALLBACK (keypad_follow_focus_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (i == 0 ? self->amount_entry : self->reference_entry), focus);
    }
  w = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (w), TRUE);
  gtk_box_append (GTK_BOX (w), touch_button (self, "payout_back_button", _("Statement"), G_CALLBACK (payout_hide_cb)));
  gtk_box_append (GTK_BOX (w),
                  touch_button (self, "payout_button", _("Record payout"), G_CALLBACK (payout_clicked_cb)));
  gtk_widget_add_css_class (g_hash_table_lookup (self->widgets, "payout_button"), "suggested-action");
  gtk_box_append (GTK_BOX (payout_box), w);

  /* The cut-off picker: steps of a day, an hour, five minutes, and the
   * usual cut-offs; the core decides whether it is allowed. */
  {
    GtkWidget *pick_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
    GtkWidget *grid = gtk_grid_new ();
    static const struct
    {
      const char *what;
      const char *down;
      const char *up;
      GCallback   down_cb;
      GCallback   up_cb;
    } steps[] = {
      { N_("Day"), "pick_day_down", "pick_day_up", G_CALLBACK (pick_day_down_cb), G_CALLBACK (pick_day_up_cb) },
      { N_("Hour"), "pick_hour_down", "pick_hour_up", G_CALLBACK (pick_hour_down_cb), G_CALLBACK (pick_hour_up_cb) },
      { N_("5 minutes"), "pick_minute_down", "pick_minute_up", G_CALLBACK (pick_minute_down_cb),
        G_CALLBACK (pick_minute_up_cb) },
    };

    gtk_stack_add_named (self->side, pick_box, "cutoff");
    w = label_new (self, "pick_title", "title-4");
    gtk_label_set_label (GTK_LABEL (w), _("Settle everything up to"));
    gtk_box_append (GTK_BOX (pick_box), w);
    self->pick_label = GTK_LABEL (label_new (self, "pick_label", "title-1"));
    gtk_label_set_xalign (self->pick_label, 0.5f);
    gtk_box_append (GTK_BOX (pick_box), GTK_WIDGET (self->pick_label));

    w = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    gtk_box_set_homogeneous (GTK_BOX (w), TRUE);
    gtk_box_append (GTK_BOX (w), touch_button (self, "pick_back_button", _("Statement"), G_CALLBACK (pick_hide_cb)));
    gtk_box_append (GTK_BOX (w), touch_button (self, "pick_apply_button", _("Preview"), G_CALLBACK (pick_apply_cb)));
    gtk_widget_add_css_class (g_hash_table_lookup (self->widgets, "pick_apply_button"), "suggested-action");
    gtk_box_append (GTK_BOX (pick_box), w);

    gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
    gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
    gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        w = gtk_label_new (_(steps[i].what));
        gtk_label_set_xalign (GTK_LABEL (w), 0.0f);
        gtk_label_set_wrap (GTK_LABEL (w), TRUE);
        gtk_grid_attach (GTK_GRID (grid), w, 0, (int) i, 1, 1);
        gtk_grid_attach (GTK_GRID (grid), touch_button (self, steps[i].down, "−", steps[i].down_cb), 1, (int) i, 1, 1);
        gtk_grid_attach (GTK_GRID (grid), touch_button (self, steps[i].up, "+", steps[i].up_cb), 2, (int) i, 1, 1);
      }
    gtk_box_append (GTK_BOX (pick_box), grid);

    /* The usual cut-offs: now, the end of yesterday, of last month. */
    w = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    gtk_box_set_homogeneous (GTK_BOX (w), TRUE);
    gtk_box_append (GTK_BOX (w), touch_button (self, "pick_now", _("Now"), G_CALLBACK (pick_now_cb)));
    gtk_box_append (GTK_BOX (w), touch_button (self, "pick_yesterday", C_("cut-off", "Yesterday"),
                                               G_CALLBACK (pick_yesterday_cb)));
    gtk_box_append (GTK_BOX (w), touch_button (self, "pick_last_month", C_("cut-off", "Last month"),
                                               G_CALLBACK (pick_last_month_cb)));
    gtk_box_append (GTK_BOX (pick_box), w);
  }

  /* Forcing a close: only after a refusal for missing tills. */
  self->force_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->reason_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->reason_entry, _("Why close without those tills?"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->reason_entry), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->reason_entry), -1, 48);
  keep (self, "reason_entry", self->reason_entry);
  gtk_box_append (GTK_BOX (self->force_box), GTK_WIDGET (self->reason_entry));
  w = touch_button (self, "force_button", _("Close anyway"), G_CALLBACK (force_clicked_cb));
  gtk_widget_add_css_class (w, "destructive-action");
  gtk_box_append (GTK_BOX (self->force_box), w);
  gtk_widget_set_visible (self->force_box, FALSE);
  keep (self, "force_box", self->force_box);
  gtk_box_append (box, self->force_box);

  actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (actions, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (actions),
                  touch_button (self, "export_button", _("Export statements"), G_CALLBACK (export_clicked_cb)));
  gtk_box_append (GTK_BOX (actions),
                  touch_button (self, "print_button", _("Print statements"), G_CALLBACK (print_clicked_cb)));
  w = touch_button (self, "close_button", _("Close settlement"), G_CALLBACK (close_clicked_cb));
  gtk_widget_add_css_class (w, "suggested-action");
  gtk_box_append (GTK_BOX (actions), w);
  gtk_box_append (box, actions);
}

GtkWidget *
lapak_settle_page_new (void)
{
  return g_object_new (LAPAK_TYPE_SETTLE_PAGE, NULL);
}

/**
 * lapak_settle_page_set_export_dir:
 * @dir: (nullable): where exports go; %NULL: ~/Documents/Lapak
 */
void
lapak_settle_page_set_export_dir (LapakSettlePage *self,
                                  const char      *dir)
{
  g_return_if_fail (LAPAK_IS_SETTLE_PAGE (self));

  g_free (self->export_dir);
  self->export_dir = g_strdup (dir);
}

const char *
lapak_settle_page_get_export_dir (LapakSettlePage *self)
{
  g_return_val_if_fail (LAPAK_IS_SETTLE_PAGE (self), NULL);
  return self->export_dir;
}

GtkColumnView *
lapak_settle_page_get_table (LapakSettlePage *self)
{
  g_return_val_if_fail (LAPAK_IS_SETTLE_PAGE (self), NULL);
  return self->table;
}

/* The rows as the table shows them, sorted. */
GListModel *
lapak_settle_page_get_rows (LapakSettlePage *self)
{
  g_return_val_if_fail (LAPAK_IS_SETTLE_PAGE (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

GtkColumnViewColumn *
lapak_settle_page_get_column (LapakSettlePage *self,
                              const char      *id)
{
  g_return_val_if_fail (LAPAK_IS_SETTLE_PAGE (self), NULL);
  return g_hash_table_lookup (self->columns, id);
}

GtkLabel *
lapak_settle_page_get_label (LapakSettlePage *self,
                             const char      *id)
{
  GtkWidget *w = lapak_settle_page_get_widget (self, id);

  return GTK_IS_LABEL (w) ? GTK_LABEL (w) : NULL;
}

GtkWidget *
lapak_settle_page_get_widget (LapakSettlePage *self,
                              const char      *id)
{
  g_return_val_if_fail (LAPAK_IS_SETTLE_PAGE (self), NULL);
  return g_hash_table_lookup (self->widgets, id);
}

AdwMessageDialog *
lapak_settle_page_get_dialog (LapakSettlePage *self)
{
  g_return_val_if_fail (LAPAK_IS_SETTLE_PAGE (self), NULL);
  return self->dialog;
}
