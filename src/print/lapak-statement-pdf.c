/* lapak-statement-pdf.c — settlement statements as A4 PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every number comes from the core (lapak-statement.h); this file only lays
 * them out: one statement per tenant (A4 portrait) and the organiser's
 * summary (A4 landscape, for its wide tenant table). Long tables go on over
 * as many pages as they need, their header repeated at the top of each.
 */
#define G_LOG_DOMAIN "lapak-print"

#include <inttypes.h>
#include <stdarg.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <glib/gi18n-lib.h>

#include "lapak-error.h"
#include "lapak-money.h"
#include "lapak-statement-pdf.h"
#include "lapak-text-fit.h"

#define MM (72.0 / 25.4)
#define A4_SHORT (210 * MM)
#define A4_LONG (297 * MM)
#define MARGIN (15 * MM)
#define FOOTER (8 * MM)

typedef struct
{
  const char     *title;
  double          width;   /* share of the text width */
  PangoAlignment  align;
} Column;

typedef struct
{
  cairo_surface_t      *surface;
  cairo_t              *cr;
  PangoContext         *context;
  PangoLayout          *layout;
  PangoFontDescription *font;
  PangoFontDescription *mono;
  double                page_w;
  double                page_h;
  double                y;
  int                   page;
  char                 *footer;
  /* the table being written, whose header each new page repeats */
  const Column         *columns;
  guint                 n_columns;
} Doc;

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static double
text_width (Doc *doc)
{
  return doc->page_w - 2 * MARGIN;
}

/* Sets @text on the layout; returns its height. @lines: at most that many
 * lines, shortened with "…" (0: as many as it takes). */
static double
set_text (Doc            *doc,
          const char     *text,
          double          size,
          gboolean        bold,
          gboolean        mono,
          double          width,
          PangoAlignment  align,
          int             lines)
{
  PangoFontDescription *f = pango_font_description_copy (mono ? doc->mono : doc->font);
  int w, h;

  pango_font_description_set_size (f, (int)(size * PANGO_SCALE));
  pango_font_description_set_weight (f, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (doc->layout, f);
  pango_font_description_free (f);
  pango_layout_set_width (doc->layout, (int)(width * PANGO_SCALE));
  pango_layout_set_alignment (doc->layout, align);
  pango_layout_set_wrap (doc->layout, mono ? PANGO_WRAP_CHAR : PANGO_WRAP_WORD_CHAR);
  if (lines > 0)
    lapak_layout_set_fitting_text (doc->layout, text, lines);
  else
    {
      pango_layout_set_ellipsize (doc->layout, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_text (doc->layout, text, -1);
    }
  pango_layout_get_size (doc->layout, &w, &h);
  return (double)h / PANGO_SCALE;
}

static void
show_at (Doc    *doc,
         double  x,
         double  y)
{
  cairo_move_to (doc->cr, x, y);
  pango_cairo_show_layout (doc->cr, doc->layout);
}

static void
rule (Doc    *doc,
      double  y,
      double  width)
{
  cairo_set_line_width (doc->cr, width);
  cairo_move_to (doc->cr, MARGIN, y);
  cairo_line_to (doc->cr, doc->page_w - MARGIN, y);
  cairo_stroke (doc->cr);
}

static void table_header (Doc *doc);

static void
begin_page (Doc *doc)
{
  g_autofree char *page = NULL;

  doc->page++;
  doc->y = MARGIN;
  page = g_strdup_printf (_("Page %d"), doc->page);
  set_text (doc, doc->footer, 7, FALSE, FALSE, text_width (doc) * 0.8, PANGO_ALIGN_LEFT, 1);
  show_at (doc, MARGIN, doc->page_h - MARGIN - FOOTER / 2);
  set_text (doc, page, 7, FALSE, FALSE, text_width (doc) * 0.2, PANGO_ALIGN_RIGHT, 1);
  show_at (doc, MARGIN + text_width (doc) * 0.8, doc->page_h - MARGIN - FOOTER / 2);
  if (doc->columns != NULL)
    table_header (doc);
}

/* Room for @height more on this page, or a new page. */
static void
ensure (Doc    *doc,
        double  height)
{
  if (doc->y + height <= doc->page_h - MARGIN - FOOTER)
    return;
  cairo_show_page (doc->cr);
  begin_page (doc);
}

static void
para (Doc            *doc,
      const char     *text,
      double          size,
      gboolean        bold,
      PangoAlignment  align)
{
  double h = set_text (doc, text, size, bold, FALSE, text_width (doc), align, 0);

  ensure (doc, h);
  /* set again: a new page's footer used the layout */
  set_text (doc, text, size, bold, FALSE, text_width (doc), align, 0);
  show_at (doc, MARGIN, doc->y);
  doc->y += h;
}

static void
gap (Doc    *doc,
     double  mm)
{
  doc->y += mm * MM;
}

static void
heading (Doc        *doc,
         const char *text)
{
  gap (doc, 4);
  ensure (doc, 30);   /* a heading never ends a page */
  para (doc, text, 11, TRUE, PANGO_ALIGN_LEFT);
  gap (doc, 1);
}

/* "Label:  value" with the labels in a column of their own. */
static void
pair (Doc        *doc,
      const char *label,
      const char *value,
      gboolean    bold,
      gboolean    mono)
{
  double lw = 62 * MM;
  double vw = text_width (doc) - lw;
  double h = MAX (set_text (doc, value, 9, bold, mono, vw, PANGO_ALIGN_LEFT, 0),
                  set_text (doc, label, 9, bold, FALSE, lw - 2 * MM, PANGO_ALIGN_LEFT, 0));

  ensure (doc, h);
  set_text (doc, label, 9, bold, FALSE, lw - 2 * MM, PANGO_ALIGN_LEFT, 0);
  show_at (doc, MARGIN, doc->y);
  set_text (doc, value, 9, bold, mono, vw, PANGO_ALIGN_LEFT, 0);
  show_at (doc, MARGIN + lw, doc->y);
  doc->y += h;
}

static double
row_height (Doc *doc)
{
  return set_text (doc, "Ag", 8.5, FALSE, FALSE, 100, PANGO_ALIGN_LEFT, 1) + 1.2 * MM;
}

static void
draw_row (Doc                *doc,
          const char * const *cells,
          gboolean            bold)
{
  double x = MARGIN;
  double h = row_height (doc);

  for (guint c = 0; c < doc->n_columns; c++)
    {
      double w = doc->columns[c].width * text_width (doc);

      set_text (doc, cells[c] != NULL ? cells[c] : "", 8.5, bold, FALSE, w - 2 * MM, doc->columns[c].align, 1);
      show_at (doc, x + 1 * MM, doc->y + 0.6 * MM);
      x += w;
    }
  doc->y += h;
}

static void
table_header (Doc *doc)
{
  g_autofree const char **titles = g_new0 (const char *, doc->n_columns);

  for (guint c = 0; c < doc->n_columns; c++)
    titles[c] = doc->columns[c].title;
  draw_row (doc, titles, TRUE);
  rule (doc, doc->y, 0.6);
  doc->y += 0.5 * MM;
}

static void
table_begin (Doc          *doc,
             const Column *columns,
             guint         n_columns)
{
  ensure (doc, 3 * row_height (doc));
  doc->columns = columns;
  doc->n_columns = n_columns;
  table_header (doc);
}

static void
table_row (Doc                *doc,
           const char * const *cells,
           gboolean            bold)
{
  ensure (doc, row_height (doc));
  if (bold)
    rule (doc, doc->y, 0.4);
  draw_row (doc, cells, bold);
}

static void
table_end (Doc *doc)
{
  doc->columns = NULL;
  doc->n_columns = 0;
}

static void
doc_init (Doc        *doc,
          GByteArray *pdf,
          gboolean    landscape,
          const char *title,
          const char *footer)
{
  doc->page_w = landscape ? A4_LONG : A4_SHORT;
  doc->page_h = landscape ? A4_SHORT : A4_LONG;
  doc->surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, doc->page_w, doc->page_h);
  cairo_pdf_surface_set_metadata (doc->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (doc->surface, CAIRO_PDF_METADATA_CREATOR, "Lapak");
  doc->cr = cairo_create (doc->surface);
  doc->context = pango_cairo_create_context (doc->cr);
  /* points, not 96 dpi pixels */
  pango_cairo_context_set_resolution (doc->context, 72);
  doc->layout = pango_layout_new (doc->context);
  doc->font = pango_font_description_from_string ("DejaVu Sans 9");
  doc->mono = pango_font_description_from_string ("DejaVu Sans Mono 8");
  doc->footer = g_strdup (footer);
  begin_page (doc);
}

/* Consumes @pdf. */
static GBytes *
doc_finish (Doc         *doc,
            GByteArray  *pdf,
            GError     **error)
{
  cairo_status_t status;

  cairo_show_page (doc->cr);
  g_object_unref (doc->layout);
  g_object_unref (doc->context);
  pango_font_description_free (doc->font);
  pango_font_description_free (doc->mono);
  g_free (doc->footer);
  cairo_destroy (doc->cr);
  cairo_surface_finish (doc->surface);
  status = cairo_surface_status (doc->surface);
  cairo_surface_destroy (doc->surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (pdf);
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                   _("Cannot write the statement as PDF: %s."), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (pdf);
}

/* ---------- formatting ---------- */

static char *
money (int64_t amount)
{
  return lapak_money_format (amount, LAPAK_MONEY_STYLE_DEFAULT);
}

static char *
number (int64_t n)
{
  return g_strdup_printf ("%" PRId64, n);
}

static char *
when (int64_t usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static char *
period (const LapakStatement *st)
{
  g_autofree char *until = when (st->settlement->until);

  if (st->from == 0)
    return g_strdup_printf (_("from the start of the event up to %s"), until);
  else
    {
      g_autofree char *from = when (st->from);

      return g_strdup_printf (_("after %s up to %s"), from, until);
    }
}

static char *
settlement_line (const LapakStatement *st)
{
  if (st->settlement->closed)
    {
      g_autofree char *closed = when (st->closed_at);

      return g_strdup_printf (_("%s, closed %s by %s"), st->settlement->id, closed, st->closed_by);
    }
  return g_strdup (_("PREVIEW — not recorded; the numbers may still change"));
}

static char *
footer (const LapakStatement *st,
        const char           *what)
{
  return g_strdup_printf ("%s · %s · %s", what, st->settlement->event,
                          st->settlement->closed ? st->settlement->id : _("preview"));
}

/* Frees the cells of a table row after it is drawn. */
static void
row_free (GPtrArray *cells,
          Doc       *doc,
          gboolean   bold)
{
  table_row (doc, (const char * const *) cells->pdata, bold);
  g_ptr_array_set_size (cells, 0);
}

#define CELLS() g_ptr_array_new_with_free_func (g_free)

static void
header_block (Doc                  *doc,
              const LapakStatement *st,
              const char           *title)
{
  g_autofree char *event = g_strdup_printf ("%s (%s)", st->event_name, st->settlement->event);
  g_autofree char *per = period (st);
  g_autofree char *sl = settlement_line (st);

  para (doc, title, 16, TRUE, PANGO_ALIGN_LEFT);
  gap (doc, 3);
  pair (doc, _("Event:"), event, FALSE, FALSE);
  pair (doc, _("Period:"), per, FALSE, FALSE);
  pair (doc, _("Settlement:"), sl, FALSE, FALSE);
}

static void
journal_block (Doc                  *doc,
               const LapakStatement *st)
{
  gap (doc, 4);
  pair (doc, st->settlement->closed ? _("Journal hash:") : _("Journal head at preview:"),
        st->journal_hash, FALSE, TRUE);
}

/* ---------- a tenant's statement ---------- */

static void
items_table (Doc                        *doc,
             const LapakTenantStatement *ts)
{
  static const Column columns[] = {
    { N_("Code"), 0.13, PANGO_ALIGN_LEFT },
    { N_("Product"), 0.26, PANGO_ALIGN_LEFT },
    { N_("Sold"), 0.07, PANGO_ALIGN_RIGHT },
    { N_("Amount"), 0.15, PANGO_ALIGN_RIGHT },
    { N_("Refunded"), 0.11, PANGO_ALIGN_RIGHT },
    { N_("Refund"), 0.14, PANGO_ALIGN_RIGHT },
    { N_("Net"), 0.14, PANGO_ALIGN_RIGHT },
  };
  Column cols[G_N_ELEMENTS (columns)];
  g_autoptr(GPtrArray) cells = CELLS ();
  int64_t sq = 0, sa = 0, rq = 0, ra = 0;

  heading (doc, _("Items sold"));
  if (ts->items->len == 0)
    {
      para (doc, _("Nothing was sold or refunded in this period."), 9, FALSE, PANGO_ALIGN_LEFT);
      return;
    }
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      cols[c] = columns[c];
      cols[c].title = _(columns[c].title);
    }
  table_begin (doc, cols, G_N_ELEMENTS (cols));
  for (guint i = 0; i < ts->items->len; i++)
    {
      const LapakStatementItem *it = g_ptr_array_index (ts->items, i);

      g_ptr_array_add (cells, g_strdup (it->product_code));
      g_ptr_array_add (cells, g_strdup (it->name));
      g_ptr_array_add (cells, number (it->sold_qty));
      g_ptr_array_add (cells, money (it->sold_amount));
      g_ptr_array_add (cells, number (it->refunded_qty));
      g_ptr_array_add (cells, money (it->refunded_amount));
      g_ptr_array_add (cells, money (it->sold_amount - it->refunded_amount));
      g_ptr_array_add (cells, NULL);
      row_free (cells, doc, FALSE);
      sq += it->sold_qty;
      sa += it->sold_amount;
      rq += it->refunded_qty;
      ra += it->refunded_amount;
    }
  g_ptr_array_add (cells, g_strdup (_("Total")));
  g_ptr_array_add (cells, g_strdup (""));
  g_ptr_array_add (cells, number (sq));
  g_ptr_array_add (cells, money (sa));
  g_ptr_array_add (cells, number (rq));
  g_ptr_array_add (cells, money (ra));
  g_ptr_array_add (cells, money (sa - ra));
  g_ptr_array_add (cells, NULL);
  row_free (cells, doc, TRUE);
  table_end (doc);
}

static void
charges_table (Doc                        *doc,
               const LapakTenantStatement *ts)
{
  Column cols[] = {
    { _("Entry"), 0.18, PANGO_ALIGN_LEFT },
    { _("Date"), 0.22, PANGO_ALIGN_LEFT },
    { _("What"), 0.42, PANGO_ALIGN_LEFT },
    { _("Amount"), 0.18, PANGO_ALIGN_RIGHT },
  };
  g_autoptr(GPtrArray) cells = CELLS ();

  heading (doc, _("Charges"));
  if (ts->charges->len == 0)
    {
      para (doc, _("No charges in this period."), 9, FALSE, PANGO_ALIGN_LEFT);
      return;
    }
  table_begin (doc, cols, G_N_ELEMENTS (cols));
  for (guint i = 0; i < ts->charges->len; i++)
    {
      const LapakStatementCharge *ch = g_ptr_array_index (ts->charges, i);
      const char *what = g_str_equal (ch->kind, "booth_fee") ? _("Booth fee") : ch->reason;

      g_ptr_array_add (cells, g_strdup (ch->id));
      g_ptr_array_add (cells, when (ch->at));
      g_ptr_array_add (cells, g_strdup (what != NULL && *what != '\0' ? what : _("Charge")));
      g_ptr_array_add (cells, money (ch->amount));
      g_ptr_array_add (cells, NULL);
      row_free (cells, doc, FALSE);
    }
  table_end (doc);
}

static void
stock_table (Doc                        *doc,
             const LapakTenantStatement *ts)
{
  Column cols[] = {
    { _("Code"), 0.14, PANGO_ALIGN_LEFT },
    { _("Product"), 0.30, PANGO_ALIGN_LEFT },
    { _("Checked in"), 0.12, PANGO_ALIGN_RIGHT },
    { _("Sold"), 0.10, PANGO_ALIGN_RIGHT },
    { _("Refunded"), 0.11, PANGO_ALIGN_RIGHT },
    { _("Returned"), 0.11, PANGO_ALIGN_RIGHT },
    { _("Missing"), 0.12, PANGO_ALIGN_RIGHT },
  };
  g_autoptr(GPtrArray) cells = CELLS ();
  int64_t missing = 0;

  heading (doc, _("Stock return"));
  if (ts->stock->len == 0)
    {
      para (doc, _("No stock was checked in for this event."), 9, FALSE, PANGO_ALIGN_LEFT);
      return;
    }
  table_begin (doc, cols, G_N_ELEMENTS (cols));
  for (guint i = 0; i < ts->stock->len; i++)
    {
      const LapakStockRow *r = g_ptr_array_index (ts->stock, i);

      g_ptr_array_add (cells, g_strdup (r->product_code));
      g_ptr_array_add (cells, g_strdup (r->name));
      g_ptr_array_add (cells, number (r->checked_in));
      g_ptr_array_add (cells, number (r->sold));
      g_ptr_array_add (cells, number (r->refunded));
      g_ptr_array_add (cells, number (r->returned));
      g_ptr_array_add (cells, number (r->missing));
      g_ptr_array_add (cells, NULL);
      row_free (cells, doc, FALSE);
      missing += r->missing;
    }
  table_end (doc);
  gap (doc, 1);
  if (missing == 0)
    para (doc, _("Every unit is accounted for: checked in − sold + refunded − returned = 0."),
          9, FALSE, PANGO_ALIGN_LEFT);
  else
    {
      g_autofree char *text =
        g_strdup_printf (_("Discrepancy: %" PRId64 " units are not accounted for "
                           "(checked in − sold + refunded − returned). Count again before signing."),
                         missing);

      para (doc, text, 9, TRUE, PANGO_ALIGN_LEFT);
    }
}

static void
account_block (Doc                        *doc,
               const LapakTenantStatement *ts)
{
  const LapakSettleTenant *t = ts->tenant;
  g_autofree char *sales = money (t->sales);
  g_autofree char *refunds = money (-t->refunds);
  g_autofree char *net = money (t->net_sales);
  g_autofree char *pct = lapak_percent_format (t->commission_bp, LAPAK_MONEY_STYLE_DEFAULT);
  g_autofree char *commission_label = g_strdup_printf (_("Commission (%s):"), pct);
  g_autofree char *commission = money (-t->commission);
  g_autofree char *charges = money (-t->charges);
  g_autofree char *payout = money (t->payout < 0 ? -t->payout : t->payout);

  heading (doc, _("Account"));
  pair (doc, _("Sales:"), sales, FALSE, FALSE);
  pair (doc, _("Refunds:"), refunds, FALSE, FALSE);
  pair (doc, _("Net sales:"), net, FALSE, FALSE);
  pair (doc, commission_label, commission, FALSE, FALSE);
  pair (doc, _("Charges:"), charges, FALSE, FALSE);
  gap (doc, 1);
  if (t->payout > 0)
    pair (doc, _("Payout to the tenant:"), payout, TRUE, FALSE);
  else if (t->payout < 0)
    {
      pair (doc, _("The tenant owes the organiser:"), payout, TRUE, FALSE);
      para (doc, _("The charges are more than the net sales after commission: the tenant pays this "
                   "amount to the organiser."), 9, FALSE, PANGO_ALIGN_LEFT);
    }
  else
    pair (doc, _("Payout to the tenant:"), payout, TRUE, FALSE);
  pair (doc, _("Bank account:"),
        ts->bank_account[0] != '\0' ? ts->bank_account : _("none recorded: ask the tenant"), FALSE, FALSE);
}

static void
signatures (Doc        *doc,
            const char *left,
            const char *right)
{
  double w = (text_width (doc) - 20 * MM) / 2;
  double y;

  gap (doc, 6);
  ensure (doc, 30 * MM);
  y = doc->y + 18 * MM;
  cairo_set_line_width (doc->cr, 0.5);
  cairo_move_to (doc->cr, MARGIN, y);
  cairo_line_to (doc->cr, MARGIN + w, y);
  cairo_move_to (doc->cr, MARGIN + w + 20 * MM, y);
  cairo_line_to (doc->cr, MARGIN + 2 * w + 20 * MM, y);
  cairo_stroke (doc->cr);
  set_text (doc, left, 9, FALSE, FALSE, w, PANGO_ALIGN_LEFT, 2);
  show_at (doc, MARGIN, y + 1 * MM);
  set_text (doc, right, 9, FALSE, FALSE, w, PANGO_ALIGN_LEFT, 2);
  show_at (doc, MARGIN + w + 20 * MM, y + 1 * MM);
  doc->y = y + 12 * MM;
}

/**
 * lapak_statement_tenant_pdf:
 * @index: the tenant, an index into @statement's tenants
 *
 * One tenant's settlement statement: A4, as many pages as it takes.
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
lapak_statement_tenant_pdf (const LapakStatement  *statement,
                            guint                  index,
                            GError               **error)
{
  const LapakTenantStatement *ts;
  g_autoptr(GByteArray) pdf = g_byte_array_sized_new (32 * 1024);
  g_autofree char *title = NULL;
  g_autofree char *foot = NULL;
  g_autofree char *tenant = NULL;
  g_autofree char *sign_tenant = NULL;
  Doc doc = { 0 };

  g_return_val_if_fail (index < statement->tenants->len, NULL);
  ts = g_ptr_array_index (statement->tenants, index);

  title = g_strdup_printf (_("Settlement statement — %s"), ts->tenant->code);
  foot = footer (statement, title);
  doc_init (&doc, pdf, FALSE, title, foot);
  header_block (&doc, statement, _("Settlement statement"));
  tenant = g_strdup_printf ("%s (%s)", ts->tenant->name, ts->tenant->code);
  pair (&doc, _("Tenant:"), tenant, TRUE, FALSE);

  items_table (&doc, ts);
  charges_table (&doc, ts);
  account_block (&doc, ts);
  stock_table (&doc, ts);
  journal_block (&doc, statement);
  sign_tenant = g_strdup_printf (_("Tenant: %s"), ts->tenant->name);
  signatures (&doc, sign_tenant, _("Organiser"));

  return doc_finish (&doc, g_steal_pointer (&pdf), error);
}

/* ---------- the organiser's summary ---------- */

static void
tenants_table (Doc                  *doc,
               const LapakStatement *st)
{
  const LapakSettlement *s = st->settlement;
  Column cols[] = {
    { _("Code"), 0.06, PANGO_ALIGN_LEFT },
    { _("Tenant"), 0.19, PANGO_ALIGN_LEFT },
    { _("Units"), 0.05, PANGO_ALIGN_RIGHT },
    { _("Sales"), 0.10, PANGO_ALIGN_RIGHT },
    { _("Refunds"), 0.09, PANGO_ALIGN_RIGHT },
    { _("Net sales"), 0.10, PANGO_ALIGN_RIGHT },
    { _("Comm."), 0.06, PANGO_ALIGN_RIGHT },
    { _("Commission"), 0.09, PANGO_ALIGN_RIGHT },
    { _("Charges"), 0.09, PANGO_ALIGN_RIGHT },
    { _("Payout"), 0.10, PANGO_ALIGN_RIGHT },
    { _("Missing"), 0.07, PANGO_ALIGN_RIGHT },
  };
  g_autoptr(GPtrArray) cells = CELLS ();
  int64_t units = 0, missing_all = 0;

  heading (doc, _("Tenants"));
  table_begin (doc, cols, G_N_ELEMENTS (cols));
  for (guint i = 0; i < st->tenants->len; i++)
    {
      const LapakTenantStatement *ts = g_ptr_array_index (st->tenants, i);
      const LapakSettleTenant *t = ts->tenant;
      int64_t missing = 0;

      for (guint j = 0; j < ts->stock->len; j++)
        missing += ((const LapakStockRow *) g_ptr_array_index (ts->stock, j))->missing;
      g_ptr_array_add (cells, g_strdup (t->code));
      g_ptr_array_add (cells, g_strdup (t->name));
      g_ptr_array_add (cells, number (t->units));
      g_ptr_array_add (cells, money (t->sales));
      g_ptr_array_add (cells, money (t->refunds));
      g_ptr_array_add (cells, money (t->net_sales));
      g_ptr_array_add (cells, lapak_percent_format (t->commission_bp, LAPAK_MONEY_STYLE_DEFAULT));
      g_ptr_array_add (cells, money (t->commission));
      g_ptr_array_add (cells, money (t->charges));
      g_ptr_array_add (cells, money (t->payout));
      g_ptr_array_add (cells, number (missing));
      g_ptr_array_add (cells, NULL);
      row_free (cells, doc, FALSE);
      units += t->units;
      missing_all += missing;
    }
  g_ptr_array_add (cells, g_strdup (_("Total")));
  g_ptr_array_add (cells, g_strdup (""));
  g_ptr_array_add (cells, number (units));
  g_ptr_array_add (cells, money (s->sales));
  g_ptr_array_add (cells, money (s->refunds));
  g_ptr_array_add (cells, money (s->net_sales));
  g_ptr_array_add (cells, g_strdup (""));
  g_ptr_array_add (cells, money (s->commission));
  g_ptr_array_add (cells, money (s->charges));
  g_ptr_array_add (cells, money (s->payout));
  g_ptr_array_add (cells, number (missing_all));
  g_ptr_array_add (cells, NULL);
  row_free (cells, doc, TRUE);
  table_end (doc);
  para (doc, _("A negative payout is an amount the tenant owes the organiser."), 8, FALSE, PANGO_ALIGN_LEFT);
}

static void
payments_table (Doc                  *doc,
                const LapakStatement *st)
{
  Column cols[2 + LAPAK_PAY_N_METHODS];
  g_autoptr(GPtrArray) cells = CELLS ();
  int64_t total = 0;

  cols[0] = (Column) { _("Till"), 0.16, PANGO_ALIGN_LEFT };
  for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
    cols[1 + m] = (Column) { lapak_pay_method_display (m), 0.12, PANGO_ALIGN_RIGHT };
  cols[1 + LAPAK_PAY_N_METHODS] = (Column) { _("Total"), 0.14, PANGO_ALIGN_RIGHT };

  heading (doc, _("Money per payment method (taken minus refunded)"));
  table_begin (doc, cols, G_N_ELEMENTS (cols));
  for (guint i = 0; i < st->tills->len; i++)
    {
      const LapakTillMoney *tm = g_ptr_array_index (st->tills, i);
      int64_t sum = 0;

      g_ptr_array_add (cells, g_strdup (tm->till_id));
      for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
        {
          g_ptr_array_add (cells, money (tm->payments[m]));
          sum += tm->payments[m];
        }
      g_ptr_array_add (cells, money (sum));
      g_ptr_array_add (cells, NULL);
      row_free (cells, doc, FALSE);
    }
  g_ptr_array_add (cells, g_strdup (_("Total")));
  for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
    {
      g_ptr_array_add (cells, money (st->settlement->payments[m]));
      total += st->settlement->payments[m];
    }
  g_ptr_array_add (cells, money (total));
  g_ptr_array_add (cells, NULL);
  row_free (cells, doc, TRUE);
  table_end (doc);
}

static void
shifts_table (Doc                  *doc,
              const LapakStatement *st)
{
  Column cols[] = {
    { _("Till"), 0.08, PANGO_ALIGN_LEFT },
    { _("Shift"), 0.07, PANGO_ALIGN_RIGHT },
    { _("Cashier"), 0.17, PANGO_ALIGN_LEFT },
    { _("Opened"), 0.17, PANGO_ALIGN_LEFT },
    { _("Z report"), 0.09, PANGO_ALIGN_RIGHT },
    { _("Expected cash"), 0.14, PANGO_ALIGN_RIGHT },
    { _("Counted"), 0.14, PANGO_ALIGN_RIGHT },
    { _("Difference"), 0.14, PANGO_ALIGN_RIGHT },
  };
  g_autoptr(GPtrArray) cells = CELLS ();
  int64_t difference = 0;
  guint open = 0;

  heading (doc, _("Cash per till: shifts and their Z reports"));
  if (st->shifts->len == 0)
    {
      para (doc, _("No shift took money in this period."), 9, FALSE, PANGO_ALIGN_LEFT);
      return;
    }
  table_begin (doc, cols, G_N_ELEMENTS (cols));
  for (guint i = 0; i < st->shifts->len; i++)
    {
      const LapakStatementShift *sh = g_ptr_array_index (st->shifts, i);

      g_ptr_array_add (cells, g_strdup (sh->till_id));
      g_ptr_array_add (cells, number (sh->seq));
      g_ptr_array_add (cells, g_strdup (sh->cashier));
      g_ptr_array_add (cells, when (sh->opened_at));
      if (sh->closed)
        {
          g_ptr_array_add (cells, number (sh->z_number));
          g_ptr_array_add (cells, money (sh->expected));
          g_ptr_array_add (cells, money (sh->counted));
          g_ptr_array_add (cells, money (sh->difference));
          difference += sh->difference;
        }
      else
        {
          g_ptr_array_add (cells, g_strdup (_("open")));
          g_ptr_array_add (cells, g_strdup ("—"));
          g_ptr_array_add (cells, g_strdup ("—"));
          g_ptr_array_add (cells, g_strdup ("—"));
          open++;
        }
      g_ptr_array_add (cells, NULL);
      row_free (cells, doc, FALSE);
    }
  for (guint c = 0; c < 7; c++)
    g_ptr_array_add (cells, g_strdup (c == 0 ? _("Total") : ""));
  g_ptr_array_add (cells, money (difference));
  g_ptr_array_add (cells, NULL);
  row_free (cells, doc, TRUE);
  table_end (doc);
  if (open > 0)
    para (doc, _("Some shifts are still open: close them (blind count, Z report) to see their cash difference."),
          8, FALSE, PANGO_ALIGN_LEFT);
  para (doc, _("Difference = counted − expected: below zero the drawer was short, above zero over."),
        8, FALSE, PANGO_ALIGN_LEFT);
}

/**
 * lapak_statement_summary_pdf:
 *
 * The organiser's summary: every tenant with the totals, the money per
 * payment method and till, the shifts with their Z-report differences.
 * A4 landscape.
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
lapak_statement_summary_pdf (const LapakStatement  *statement,
                             GError               **error)
{
  const LapakSettlement *s = statement->settlement;
  g_autoptr(GByteArray) pdf = g_byte_array_sized_new (32 * 1024);
  g_autofree char *foot = footer (statement, _("Settlement summary"));
  g_autofree char *net = money (s->net_sales);
  Doc doc = { 0 };
  int64_t taken = 0;

  for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
    taken += s->payments[m];

  doc_init (&doc, pdf, TRUE, _("Settlement summary"), foot);
  header_block (&doc, statement, _("Settlement summary"));
  tenants_table (&doc, statement);
  gap (&doc, 2);
  {
    g_autofree char *t = money (taken);
    g_autofree char *text = g_strdup_printf (_("Payouts + commission + charges = net sales = %s; "
                                               "money taken − money refunded = %s."), net, t);

    para (&doc, text, 9, FALSE, PANGO_ALIGN_LEFT);
  }
  payments_table (&doc, statement);
  shifts_table (&doc, statement);
  journal_block (&doc, statement);
  signatures (&doc, _("Organiser"), _("Witness"));
  return doc_finish (&doc, g_steal_pointer (&pdf), error);
}
