/* lapak-receipt-rows.c — what a printed receipt shows, row by row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-print"

#include <glib/gi18n-lib.h>

#include "lapak-money.h"
#include "lapak-receipt-rows.h"

static void
row_free (gpointer data)
{
  LapakReceiptRow *row = data;

  g_free (row->left);
  g_free (row->right);
  g_free (row);
}

static void
add (GPtrArray     *rows,
     LapakRowKind   kind,
     LapakRowStyle  style,
     const char    *left,
     const char    *right)
{
  LapakReceiptRow *row = g_new0 (LapakReceiptRow, 1);

  row->kind = kind;
  row->style = style;
  row->left = g_strdup (left != NULL ? left : "");
  row->right = g_strdup (right != NULL ? right : "");
  g_ptr_array_add (rows, row);
}

/**
 * lapak_receipt_rows:
 *
 * The rows of a printed receipt, in order: header, the lines grouped by
 * tenant, the total, payments and change, the journal hash, the sale's QR
 * code and the closing line. Both printed forms (ESC/POS and PDF) draw
 * exactly these rows, so they always say the same thing.
 *
 * Returns: (transfer full) (element-type LapakReceiptRow): the rows
 */
GPtrArray *
lapak_receipt_rows (const LapakReceipt *r)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (r->at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *when = g_date_time_format (local, "%d-%m-%Y %H:%M");
  g_autofree char *total = lapak_money_format (r->total, LAPAK_MONEY_STYLE_DEFAULT);
  g_autofree char *change = lapak_money_format (r->change, LAPAK_MONEY_STYLE_DEFAULT);
  g_autofree char *till_line = g_strdup_printf (_("Till %s · %s"), r->till_id, r->cashier);

  add (rows, LAPAK_ROW_CENTER, LAPAK_ROW_BOLD, r->event_name, NULL);
  if (r->reprint)
    add (rows, LAPAK_ROW_CENTER, LAPAK_ROW_BOLD, _("REPRINT"), NULL);
  if (r->voided)
    add (rows, LAPAK_ROW_CENTER, LAPAK_ROW_BOLD, _("VOID — NOT VALID"), NULL);
  add (rows, LAPAK_ROW_PAIR, LAPAK_ROW_PLAIN, r->sale_id, when);
  add (rows, LAPAK_ROW_PAIR, LAPAK_ROW_PLAIN, till_line, NULL);
  add (rows, LAPAK_ROW_RULE, LAPAK_ROW_PLAIN, NULL, NULL);

  for (guint g = 0; g < r->groups->len; g++)
    {
      const LapakReceiptGroup *group = g_ptr_array_index (r->groups, g);

      add (rows, LAPAK_ROW_PAIR, LAPAK_ROW_BOLD, group->tenant_name, NULL);
      for (guint i = 0; i < group->lines->len; i++)
        {
          const LapakCartLine *l = g_ptr_array_index (group->lines, i);
          g_autofree char *unit = lapak_money_format_plain (l->unit_price, LAPAK_MONEY_STYLE_DEFAULT);
          g_autofree char *amount = lapak_money_format_plain (l->qty * (l->unit_price - l->unit_discount),
                                                              LAPAK_MONEY_STYLE_DEFAULT);
          g_autofree char *qty = g_strdup_printf ("  %" G_GINT64_FORMAT " x %s", l->qty, unit);
          g_autofree char *name = g_strdup_printf (" %s", l->name);

          add (rows, LAPAK_ROW_PAIR, LAPAK_ROW_PLAIN, name, NULL);
          add (rows, LAPAK_ROW_PAIR, LAPAK_ROW_PLAIN, qty, amount);
          if (l->unit_discount > 0)
            {
              g_autofree char *disc = lapak_money_format_plain (l->unit_discount, LAPAK_MONEY_STYLE_DEFAULT);
              g_autofree char *text = g_strdup_printf (_("  discount %s each"), disc);

              add (rows, LAPAK_ROW_PAIR, LAPAK_ROW_PLAIN, text, NULL);
            }
        }
    }

  add (rows, LAPAK_ROW_RULE, LAPAK_ROW_PLAIN, NULL, NULL);
  add (rows, LAPAK_ROW_PAIR, LAPAK_ROW_BOLD | LAPAK_ROW_BIG, _("TOTAL"), total);
  for (guint i = 0; i < r->payments->len; i++)
    {
      const LapakPayment *p = &g_array_index (r->payments, LapakPayment, i);
      g_autofree char *amount = lapak_money_format (p->tendered, LAPAK_MONEY_STYLE_DEFAULT);

      add (rows, LAPAK_ROW_PAIR, LAPAK_ROW_PLAIN, lapak_pay_method_display (p->method), amount);
      if (p->reference != NULL)
        {
          g_autofree char *ref = g_strdup_printf ("  %s", p->reference);
          add (rows, LAPAK_ROW_PAIR, LAPAK_ROW_PLAIN, ref, NULL);
        }
    }
  add (rows, LAPAK_ROW_PAIR, LAPAK_ROW_BOLD, _("Change"), change);
  add (rows, LAPAK_ROW_RULE, LAPAK_ROW_PLAIN, NULL, NULL);
  if (r->hash != NULL)
    {
      add (rows, LAPAK_ROW_PAIR, LAPAK_ROW_PLAIN, _("Journal"), NULL);
      add (rows, LAPAK_ROW_HASH, LAPAK_ROW_PLAIN, r->hash, NULL);
    }
  add (rows, LAPAK_ROW_QR, LAPAK_ROW_PLAIN, r->qr_text, NULL);
  add (rows, LAPAK_ROW_CENTER, LAPAK_ROW_PLAIN, r->sale_id, NULL);
  add (rows, LAPAK_ROW_CENTER, LAPAK_ROW_PLAIN, _("Thank you for supporting local businesses!"), NULL);
  return rows;
}
