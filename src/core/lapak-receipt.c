/* lapak-receipt.c — what a receipt says, and its plain-text form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-core"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lapak-error.h"
#include "lapak-money.h"
#include "lapak-receipt.h"

static void
group_free (gpointer data)
{
  LapakReceiptGroup *g = data;

  g_free (g->tenant_code);
  g_free (g->tenant_name);
  g_ptr_array_unref (g->lines);
  g_free (g);
}

static void
line_free (gpointer data)
{
  LapakCartLine *l = data;

  g_free (l->code);
  g_free (l->tenant);
  g_free (l->name);
  g_free (l->approver);
  g_free (l);
}

static void
payment_clear (gpointer data)
{
  g_free (((LapakPayment *)data)->reference);
}

void
lapak_receipt_free (LapakReceipt *r)
{
  if (r == NULL)
    return;
  g_free (r->event_name);
  g_free (r->till_id);
  g_free (r->cashier);
  g_free (r->sale_id);
  g_clear_pointer (&r->groups, g_ptr_array_unref);
  g_clear_pointer (&r->lines, g_ptr_array_unref);
  g_clear_pointer (&r->payments, g_array_unref);
  g_free (r->hash);
  g_free (r->qr_text);
  g_free (r);
}

/**
 * lapak_receipt_load:
 *
 * Everything a receipt shows for @sale_id, from the records: the same data
 * for the first print and every reprint.
 */
LapakReceipt *
lapak_receipt_load (LapakDb     *db,
                    const char  *sale_id,
                    GError     **error)
{
  g_autoptr(LapakReceipt) r = NULL;
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *till = NULL;
  int64_t seq;
  int rc;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);

  if (!lapak_sale_id_parse (sale_id, &till, &seq, error))
    return NULL;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT e.name, s.cashier, s.at, s.total, s.change, j.hash, "
                                 "       EXISTS (SELECT 1 FROM sale_void v WHERE v.sale_till = s.till_id AND v.sale_seq = s.seq) "
                                 "FROM sale s JOIN event e ON e.code = s.event_code "
                                 "LEFT JOIN journal j ON j.till_id = s.till_id AND j.seq = s.journal_seq "
                                 "WHERE s.till_id = ?1 AND s.seq = ?2",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no sale %s on this till. Check the number on the receipt."), sale_id);
      return NULL;
    }

  r = g_new0 (LapakReceipt, 1);
  r->event_name = g_strdup (lapak_stmt_text (stmt, 0));
  r->till_id = g_strdup (till);
  r->cashier = g_strdup (lapak_stmt_text (stmt, 1));
  r->sale_id = lapak_sale_id (till, seq);
  r->at = sqlite3_column_int64 (stmt, 2);
  r->total = sqlite3_column_int64 (stmt, 3);
  r->change = sqlite3_column_int64 (stmt, 4);
  r->hash = g_strdup (lapak_stmt_text (stmt, 5));
  r->voided = sqlite3_column_int (stmt, 6) != 0;
  r->qr_text = g_strdup_printf ("LAPAK:%s", r->sale_id);
  r->lines = g_ptr_array_new_with_free_func (line_free);
  r->groups = g_ptr_array_new_with_free_func (group_free);
  r->payments = g_array_new (FALSE, TRUE, sizeof (LapakPayment));
  g_array_set_clear_func (r->payments, payment_clear);
  lapak_stmt_release (g_steal_pointer (&stmt));

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT l.product_code, l.tenant_code, l.name, l.qty, l.list_price, l.unit_price, "
                                 "       l.unit_discount, l.approver, t.name "
                                 "FROM sale_line l LEFT JOIN tenant t ON t.code = l.tenant_code "
                                 "WHERE l.till_id = ?1 AND l.sale_seq = ?2 ORDER BY l.line",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakCartLine *l = g_new0 (LapakCartLine, 1);
      LapakReceiptGroup *group = NULL;

      l->code = g_strdup (lapak_stmt_text (stmt, 0));
      l->tenant = g_strdup (lapak_stmt_text (stmt, 1));
      l->name = g_strdup (lapak_stmt_text (stmt, 2));
      l->qty = sqlite3_column_int64 (stmt, 3);
      l->list_price = sqlite3_column_int64 (stmt, 4);
      l->unit_price = sqlite3_column_int64 (stmt, 5);
      l->unit_discount = sqlite3_column_int64 (stmt, 6);
      l->approver = g_strdup (lapak_stmt_text (stmt, 7));
      g_ptr_array_add (r->lines, l);

      for (guint i = 0; i < r->groups->len && group == NULL; i++)
        if (g_str_equal (((LapakReceiptGroup *)g_ptr_array_index (r->groups, i))->tenant_code, l->tenant))
          group = g_ptr_array_index (r->groups, i);
      if (group == NULL)
        {
          group = g_new0 (LapakReceiptGroup, 1);
          group->tenant_code = g_strdup (l->tenant);
          group->tenant_name = g_strdup (lapak_stmt_text (stmt, 8) ? lapak_stmt_text (stmt, 8) : l->tenant);
          group->lines = g_ptr_array_new ();
          g_ptr_array_add (r->groups, group);
        }
      g_ptr_array_add (group->lines, l);
      group->subtotal += l->qty * (l->unit_price - l->unit_discount);
    }
  if (rc < 0)
    return NULL;
  lapak_stmt_release (g_steal_pointer (&stmt));

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT method, amount, tendered, reference FROM payment "
                                 "WHERE till_id = ?1 AND sale_seq = ?2 ORDER BY idx",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakPayment p = { 0 };

      lapak_pay_method_from_string (lapak_stmt_text (stmt, 0), &p.method, NULL);
      p.amount = sqlite3_column_int64 (stmt, 1);
      p.tendered = sqlite3_column_int64 (stmt, 2);
      p.reference = g_strdup (lapak_stmt_text (stmt, 3));
      r->paid += p.tendered;
      g_array_append_val (r->payments, p);
    }
  if (rc < 0)
    return NULL;

  return g_steal_pointer (&r);
}

/* Cuts @text to @width characters (not bytes), with "…" if it was longer. */
static char *
fit (const char *text,
     glong       width)
{
  glong len = g_utf8_strlen (text, -1);
  g_autofree char *flat = g_strdelimit (g_strdup (text), "\r\n\t", ' ');

  if (len <= width)
    return g_steal_pointer (&flat);
  {
    const char *end = g_utf8_offset_to_pointer (flat, width - 1);

    return g_strdup_printf ("%.*s…", (int)(end - flat), flat);
  }
}

/* "left ....... right" in @columns characters. */
static void
put_row (GString    *out,
         const char *left,
         const char *right,
         guint       columns)
{
  glong right_len = g_utf8_strlen (right, -1);
  g_autofree char *l = fit (left, MAX ((glong)columns - right_len - 1, 1));
  glong pad = (glong)columns - g_utf8_strlen (l, -1) - right_len;

  g_string_append (out, l);
  for (glong i = 0; i < MAX (pad, 1); i++)
    g_string_append_c (out, ' ');
  g_string_append (out, right);
  g_string_append_c (out, '\n');
}

static void
put_centered (GString    *out,
              const char *text,
              guint       columns)
{
  g_autofree char *t = fit (text, columns);
  glong pad = ((glong)columns - g_utf8_strlen (t, -1)) / 2;

  for (glong i = 0; i < pad; i++)
    g_string_append_c (out, ' ');
  g_string_append (out, t);
  g_string_append_c (out, '\n');
}

static void
put_rule (GString *out,
          guint    columns,
          char     c)
{
  for (guint i = 0; i < columns; i++)
    g_string_append_c (out, c);
  g_string_append_c (out, '\n');
}

/**
 * lapak_receipt_format_text:
 * @columns: 32 for 58 mm paper, 48 for 80 mm
 *
 * The receipt as monospaced text lines of at most @columns characters.
 */
char *
lapak_receipt_format_text (LapakReceipt *r,
                           guint         columns)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (r->at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *when = g_date_time_format (local, "%d-%m-%Y %H:%M");
  g_autofree char *total = lapak_money_format (r->total, LAPAK_MONEY_STYLE_DEFAULT);
  g_autofree char *change = lapak_money_format (r->change, LAPAK_MONEY_STYLE_DEFAULT);
  g_autofree char *till_line = g_strdup_printf (_("Till %s · %s"), r->till_id, r->cashier);

  g_return_val_if_fail (r != NULL, NULL);
  columns = CLAMP (columns, 24, 80);

  put_centered (out, r->event_name, columns);
  if (r->reprint)
    put_centered (out, _("REPRINT"), columns);
  if (r->voided)
    put_centered (out, _("VOID — NOT VALID"), columns);
  put_row (out, r->sale_id, when, columns);
  put_row (out, till_line, "", columns);
  put_rule (out, columns, '-');

  for (guint g = 0; g < r->groups->len; g++)
    {
      LapakReceiptGroup *group = g_ptr_array_index (r->groups, g);

      put_row (out, group->tenant_name, "", columns);
      for (guint i = 0; i < group->lines->len; i++)
        {
          const LapakCartLine *l = g_ptr_array_index (group->lines, i);
          g_autofree char *unit = lapak_money_format_plain (l->unit_price, LAPAK_MONEY_STYLE_DEFAULT);
          g_autofree char *amount = lapak_money_format_plain (l->qty * (l->unit_price - l->unit_discount),
                                                              LAPAK_MONEY_STYLE_DEFAULT);
          g_autofree char *qty = g_strdup_printf ("  %" G_GINT64_FORMAT " x %s", l->qty, unit);
          g_autofree char *name = g_strdup_printf (" %s", l->name);

          put_row (out, name, "", columns);
          put_row (out, qty, amount, columns);
          if (l->unit_discount > 0)
            {
              g_autofree char *disc = lapak_money_format_plain (l->unit_discount, LAPAK_MONEY_STYLE_DEFAULT);
              g_autofree char *text = g_strdup_printf (_("  discount %s each"), disc);

              put_row (out, text, "", columns);
            }
        }
    }

  put_rule (out, columns, '-');
  put_row (out, _("TOTAL"), total, columns);
  for (guint i = 0; i < r->payments->len; i++)
    {
      const LapakPayment *p = &g_array_index (r->payments, LapakPayment, i);
      g_autofree char *amount = lapak_money_format (p->tendered, LAPAK_MONEY_STYLE_DEFAULT);

      put_row (out, lapak_pay_method_display (p->method), amount, columns);
      if (p->reference != NULL)
        {
          g_autofree char *ref = g_strdup_printf ("  %s", p->reference);
          put_row (out, ref, "", columns);
        }
    }
  put_row (out, _("Change"), change, columns);
  put_rule (out, columns, '-');
  put_row (out, _("Journal"), "", columns);
  if (r->hash != NULL)
    {
      /* The chain head, whole, split so it fits the paper. */
      for (const char *p = r->hash; *p; p += MIN (strlen (p), columns))
        {
          g_string_append_len (out, p, MIN (strlen (p), columns));
          g_string_append_c (out, '\n');
        }
    }
  put_centered (out, _("Thank you for supporting local businesses!"), columns);

  return g_string_free (out, FALSE);
}
