/* lapak-export.c — tenants, products and sale lines as CSV for spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written with lapak_csv_write_field(), so lapak_csv_parse() reads every
 * field back exactly, and with the column names the importers take, so an
 * exported tenants or products file imports into another till as it is.
 * Amounts are plain digits (rupiah), which every spreadsheet reads as
 * numbers. The Excel style is what Excel in the Indonesian locale opens
 * with a double click: ";" between fields, a UTF-8 byte order mark (else it
 * reads the text as Windows-1252) and "," as the decimal mark of
 * percentages. Lines end with CRLF (RFC 4180).
 *
 * What a user may export is what it may see: a tenant user only its own
 * products and sale lines; tenants' contact and bank details only an
 * organiser.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <glib/gi18n-lib.h>

#include "lapak-catalogue.h"
#include "lapak-csv.h"
#include "lapak-error.h"
#include "lapak-export.h"
#include "lapak-ledger.h"
#include "lapak-money.h"
#include "lapak-sales-lines.h"

typedef struct
{
  GString *out;
  char     delimiter;
  gboolean first;
  gboolean excel;
} Writer;

static void
writer_start (Writer        *w,
              GString       *out,
              LapakCsvStyle  style)
{
  w->out = out;
  w->delimiter = style == LAPAK_CSV_STYLE_EXCEL ? ';' : ',';
  w->first = TRUE;
  w->excel = style == LAPAK_CSV_STYLE_EXCEL;
  if (style == LAPAK_CSV_STYLE_EXCEL)
    g_string_append (out, "\xEF\xBB\xBF");
}

static void
put (Writer     *w,
     const char *value)
{
  if (!w->first)
    g_string_append_c (w->out, w->delimiter);
  w->first = FALSE;
  lapak_csv_write_field (w->out, value, w->delimiter);
}

/* A text column: in a file for Excel, kept from being read as a number,
 * date or formula (lapak_csv_excel_text()). */
static void
put_text (Writer     *w,
          const char *value)
{
  g_autofree char *wrapped = w->excel ? lapak_csv_excel_text (value) : NULL;

  put (w, wrapped != NULL ? wrapped : value);
}

static void
put_int (Writer  *w,
         int64_t  value)
{
  char text[24];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  put (w, text);
}

static void
end_row (Writer *w)
{
  g_string_append (w->out, "\r\n");
  w->first = TRUE;
}

static void
put_header (Writer             *w,
            const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    put (w, names[i]);
  end_row (w);
}

/* 15% → "15%", 12.5% → "12.5%" or, for Excel, "12,5%". */
static char *
percent_text (int           bp,
              LapakCsvStyle style)
{
  return lapak_percent_format (bp, style == LAPAK_CSV_STYLE_EXCEL
                                   ? LAPAK_MONEY_STYLE_INDONESIAN : LAPAK_MONEY_STYLE_ENGLISH);
}

/**
 * lapak_export_tenants:
 *
 * Appends the tenants as CSV with the columns of “lapakctl tenant import”:
 * code,name,commission,booth_fee,phone,bank_account, the terms being those
 * of the active event (empty for a tenant not in it, which the import reads
 * as "the event's terms"). Only an organiser may export them (phones and
 * bank accounts).
 */
gboolean
lapak_export_tenants (LapakDb          *db,
                      const LapakUser  *actor,
                      LapakCsvStyle     style,
                      GString          *out,
                      GError          **error)
{
  static const char * const header[] = {
    "code", "name", "commission", "booth_fee", "phone", "bank_account", NULL
  };
  g_autoptr(GPtrArray) tenants = NULL;
  Writer w;

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_TENANTS, error) ||
      !(tenants = lapak_tenant_list (db, error)))
    return FALSE;

  writer_start (&w, out, style);
  put_header (&w, header);
  for (guint i = 0; i < tenants->len; i++)
    {
      LapakTenant *t = g_ptr_array_index (tenants, i);
      g_autofree char *pct = t->joined ? percent_text (t->commission_bp, style) : NULL;

      put_text (&w, t->code);
      put_text (&w, t->name);
      put (&w, pct);
      if (t->joined)
        put_int (&w, t->booth_fee);
      else
        put (&w, NULL);
      put_text (&w, t->phone);
      put_text (&w, t->bank_account);
      end_row (&w);
    }
  return TRUE;
}

/**
 * lapak_export_products:
 * @tenant_code: (nullable): only this tenant's products
 *
 * Appends the products @actor may see as CSV with the columns of “lapakctl
 * product import” and the label code and status, which the import keeps:
 * code,tenant,sku,name,price,stock,barcode,status; stock is the stock in
 * the active event.
 */
gboolean
lapak_export_products (LapakDb          *db,
                       const LapakUser  *actor,
                       const char       *tenant_code,
                       LapakCsvStyle     style,
                       GString          *out,
                       GError          **error)
{
  static const char * const header[] = {
    "code", "tenant", "sku", "name", "price", "stock", "barcode", "status", NULL
  };
  g_autoptr(GPtrArray) products = NULL;
  Writer w;

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!(products = lapak_product_list_for_user (db, actor, tenant_code,
                                                LAPAK_PRODUCT_ANY_STATUS, error)))
    return FALSE;

  writer_start (&w, out, style);
  put_header (&w, header);
  for (guint i = 0; i < products->len; i++)
    {
      LapakProduct *p = g_ptr_array_index (products, i);

      put_text (&w, p->code);
      put_text (&w, p->tenant);
      put_text (&w, p->sku);
      put_text (&w, p->name);
      put_int (&w, p->price);
      put_int (&w, p->stock);
      put_text (&w, p->barcode);
      put (&w, lapak_product_status_to_string (p->status));
      end_row (&w);
    }
  return TRUE;
}

/**
 * lapak_export_sales_lines:
 * @tenant_code: (nullable): only this tenant's lines
 * @event_code: (nullable): only this event's; %NULL for all
 *
 * Appends the sale lines @actor may see (lapak_sales_lines()) as CSV:
 * sale,time,event,cashier,line,code,tenant,name,qty,list_price,unit_price,
 * unit_discount,total,voided,refunded_qty; time is ISO 8601 in local time
 * with its offset, voided is "yes" or "no".
 */
gboolean
lapak_export_sales_lines (LapakDb          *db,
                          const LapakUser  *actor,
                          const char       *tenant_code,
                          const char       *event_code,
                          LapakCsvStyle     style,
                          GString          *out,
                          GError          **error)
{
  static const char * const header[] = {
    "sale", "time", "event", "cashier", "line", "code", "tenant", "name", "qty",
    "list_price", "unit_price", "unit_discount", "total", "voided", "refunded_qty", NULL
  };
  g_autoptr(GPtrArray) lines = NULL;
  Writer w;

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!(lines = lapak_sales_lines (db, actor, tenant_code, event_code, error)))
    return FALSE;

  writer_start (&w, out, style);
  put_header (&w, header);
  for (guint i = 0; i < lines->len; i++)
    {
      LapakSalesLine *l = g_ptr_array_index (lines, i);
      g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (l->at / G_USEC_PER_SEC);
      g_autofree char *time = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");

      put_text (&w, l->sale);
      put (&w, time);
      put_text (&w, l->event);
      put_text (&w, l->cashier);
      put_int (&w, l->line);
      put_text (&w, l->product);
      put_text (&w, l->tenant);
      put_text (&w, l->name);
      put_int (&w, l->qty);
      put_int (&w, l->list_price);
      put_int (&w, l->unit_price);
      put_int (&w, l->unit_discount);
      put_int (&w, l->total);
      put (&w, l->voided ? "yes" : "no");
      put_int (&w, l->refunded_qty);
      end_row (&w);
    }
  return TRUE;
}

/**
 * lapak_export_settlement:
 *
 * Appends the settlement as CSV, one row per tenant, columns named as in
 * `lapakctl settle --json`: event,settlement,until,code,name,units,sales,
 * refunds,net_sales,commission_bp,commission,charges,payout; amounts in
 * whole rupiah (a negative payout keeps its sign).
 */
void
lapak_export_settlement (const LapakSettlement *settlement,
                         LapakCsvStyle          style,
                         GString               *out)
{
  static const char * const header[] = {
    "event", "settlement", "until", "code", "name", "units", "sales", "refunds", "net_sales",
    "commission_bp", "commission", "charges", "payout", NULL
  };
  g_autofree char *until = lapak_settle_time_format (settlement->until);
  Writer w;

  g_return_if_fail (settlement != NULL);
  g_return_if_fail (out != NULL);

  writer_start (&w, out, style);
  put_header (&w, header);
  for (guint i = 0; i < settlement->tenants->len; i++)
    {
      const LapakSettleTenant *t = g_ptr_array_index (settlement->tenants, i);

      put_text (&w, settlement->event);
      put_text (&w, settlement->id);
      put_text (&w, until);
      put_text (&w, t->code);
      put_text (&w, t->name);
      put_int (&w, t->units);
      put_int (&w, t->sales);
      put_int (&w, t->refunds);
      put_int (&w, t->net_sales);
      put_int (&w, t->commission_bp);
      put_int (&w, t->commission);
      put_int (&w, t->charges);
      put_int (&w, t->payout);
      end_row (&w);
    }
}
