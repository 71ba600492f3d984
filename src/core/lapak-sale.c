/* lapak-sale.c — carts, payments, durable sales, voids and refunds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sale is written in ONE transaction — the sale, its lines and payments,
 * the stock movements, the tenants' account entries and the journal entry —
 * so it exists whole or not at all, and once lapak_sale_commit() returns it
 * survives kill -9 and power loss (WAL, synchronous=FULL). Voids and refunds
 * are new records pointing at the sale; nothing is ever edited.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lapak-code.h"
#include "lapak-db-private.h"
#include "lapak-entry-summary.h"
#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-ledger.h"
#include "lapak-money.h"
#include "lapak-sale.h"
#include "lapak-settle.h"
#include "lapak-shift.h"
#include "lapak-stock.h"

struct _LapakCart
{
  LapakDb    *db;
  char       *event_code;
  GPtrArray  *lines;      /* LapakCartLine */
  GArray     *requested;  /* LapakPayment; amount may be LAPAK_PAY_REST */
  char       *sold_as;    /* the sale it became, once committed */
};

static const char *method_names[] = {
  [LAPAK_PAY_CASH] = "cash",
  [LAPAK_PAY_QRIS] = "qris",
  [LAPAK_PAY_TRANSFER] = "transfer",
  [LAPAK_PAY_CARD] = "card",
  [LAPAK_PAY_EWALLET] = "ewallet",
};

/* ---------- small things ---------- */

const char *
lapak_pay_method_to_string (LapakPayMethod method)
{
  g_return_val_if_fail (method < LAPAK_PAY_N_METHODS, NULL);
  return method_names[method];
}

const char *
lapak_pay_method_display (LapakPayMethod method)
{
  switch (method)
    {
    case LAPAK_PAY_CASH:
      return _("Cash");
    case LAPAK_PAY_QRIS:
      return "QRIS";
    case LAPAK_PAY_TRANSFER:
      return _("Bank transfer");
    case LAPAK_PAY_CARD:
      return _("Card");
    case LAPAK_PAY_EWALLET:
      return _("E-wallet");
    case LAPAK_PAY_N_METHODS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
lapak_pay_method_from_string (const char      *text,
                              LapakPayMethod  *out_method,
                              GError         **error)
{
  g_autofree char *shown = NULL;

  for (guint i = 0; i < LAPAK_PAY_N_METHODS; i++)
    {
      if (g_ascii_strcasecmp (text, method_names[i]) == 0)
        {
          *out_method = (LapakPayMethod)i;
          return TRUE;
        }
    }
  /* The message is shown as it is (and put in JSON): quote valid UTF-8 only. */
  shown = g_utf8_make_valid (text, -1);
  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
               _("“%s” is not a way to pay: use cash, qris, transfer, card or ewallet."), shown);
  return FALSE;
}

static void
cart_line_free (gpointer data)
{
  LapakCartLine *line = data;

  g_free (line->code);
  g_free (line->tenant);
  g_free (line->name);
  g_free (line->approver);
  g_free (line);
}

static LapakCartLine *
cart_line_copy (const LapakCartLine *line)
{
  LapakCartLine *copy = g_memdup2 (line, sizeof *line);

  copy->code = g_strdup (line->code);
  copy->tenant = g_strdup (line->tenant);
  copy->name = g_strdup (line->name);
  copy->approver = g_strdup (line->approver);
  return copy;
}

static void
payment_clear (gpointer data)
{
  LapakPayment *p = data;

  g_free (p->reference);
}

char *
lapak_sale_id (const char *till_id,
               int64_t     seq)
{
  return g_strdup_printf ("%s-%06" G_GINT64_FORMAT, till_id, seq);
}

/* Voids and refunds are records of their own, numbered per till apart from
 * the sales: "K1-V000001", "K1-R000001", so that no void or refund ever
 * shares a number with a sale. */
char *
lapak_void_id (const char *till_id,
               int64_t     seq)
{
  return g_strdup_printf ("%s-V%06" G_GINT64_FORMAT, till_id, seq);
}

char *
lapak_refund_id (const char *till_id,
                 int64_t     seq)
{
  return g_strdup_printf ("%s-R%06" G_GINT64_FORMAT, till_id, seq);
}

gboolean
lapak_sale_id_parse (const char  *id,
                     char       **out_till,
                     int64_t     *out_seq,
                     GError     **error)
{
  g_autofree char *norm = lapak_product_code_normalize (id);
  /* What the receipt's QR code holds: "LAPAK:K1-000042". */
  const char *bare = g_str_has_prefix (norm, "LAPAK:") ? norm + strlen ("LAPAK:") : norm;
  const char *dash = strrchr (bare, '-');
  guint64 seq = 0;

  g_autofree char *till = dash != NULL ? g_strndup (bare, dash - bare) : NULL;

  if (dash == NULL || !_lapak_db_valid_till_id (till, NULL) ||
      !g_ascii_string_to_unsigned (dash + 1, 10, 1, G_MAXINT64, &seq, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (id, -1);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a sale number: it looks like K1-000042 (till, “-”, number)."), shown);
      return FALSE;
    }
  *out_till = g_steal_pointer (&till);
  *out_seq = (int64_t)seq;
  return TRUE;
}

/**
 * lapak_scan_parse:
 *
 * What the scanner or the cashier typed: a label code, a barcode, or either
 * followed by "*QTY". The code comes back normalized (trimmed, capitals).
 */
gboolean
lapak_scan_parse (const char  *input,
                  char       **out_code,
                  int64_t     *out_qty,
                  GError     **error)
{
  g_autofree char *norm = NULL;
  char *star;
  guint64 qty = 1;

  g_return_val_if_fail (input != NULL, FALSE);

  if (!g_utf8_validate (input, -1, NULL))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID, _("The scanned text is not readable (not UTF-8)."));
      return FALSE;
    }

  norm = lapak_product_code_normalize (input);
  star = strrchr (norm, '*');
  if (star != NULL)
    {
      g_autofree char *qty_text = g_strstrip (g_strdup (star + 1));

      *star = '\0';
      g_strchomp (norm);
      if (!g_ascii_string_to_unsigned (qty_text, 10, 1, LAPAK_MAX_QTY, &qty, NULL))
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not a quantity: after “*” write 1 to %d, e.g. KLL-001X*3."),
                       qty_text, LAPAK_MAX_QTY);
          return FALSE;
        }
    }

  if (*norm == '\0')
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("Nothing was scanned: scan a label or type its code."));
      return FALSE;
    }

  *out_code = g_steal_pointer (&norm);
  *out_qty = (int64_t)qty;
  return TRUE;
}

/**
 * lapak_payment_parse:
 *
 * "cash:50.000", "qris", "transfer:25000", … (no amount: the rest).
 */
gboolean
lapak_payment_parse (const char      *text,
                     LapakPayMethod  *out_method,
                     int64_t         *out_amount,
                     GError         **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);
  LapakPayMethod method;
  int64_t amount;

  g_return_val_if_fail (text != NULL, FALSE);

  /* g_strsplit ("") gives no parts at all. The outputs are set only on
   * success. */
  if (!lapak_pay_method_from_string (parts[0] != NULL ? g_strstrip (parts[0]) : "", &method, error))
    return FALSE;

  if (parts[1] == NULL)
    {
      if (method == LAPAK_PAY_CASH)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("Cash needs the amount handed over, e.g. cash:50.000."));
          return FALSE;
        }
      amount = LAPAK_PAY_REST;
    }
  else
    {
      if (!lapak_money_parse (parts[1], &amount, error))
        return FALSE;
      if (amount <= 0)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("A payment must be more than Rp0."));
          return FALSE;
        }
    }

  *out_method = method;
  *out_amount = amount;
  return TRUE;
}

/* ---------- the cart ---------- */

LapakCart *
lapak_cart_new (LapakDb  *db,
                GError  **error)
{
  g_autoptr(LapakEvent) event = NULL;
  LapakCart *cart;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);

  if (!(event = lapak_event_get_active (db, error)))
    return NULL;

  cart = g_new0 (LapakCart, 1);
  cart->db = g_object_ref (db);
  cart->event_code = g_strdup (event->code);
  cart->lines = g_ptr_array_new_with_free_func (cart_line_free);
  cart->requested = g_array_new (FALSE, TRUE, sizeof (LapakPayment));
  g_array_set_clear_func (cart->requested, payment_clear);
  return cart;
}

void
lapak_cart_free (LapakCart *cart)
{
  if (cart == NULL)
    return;
  g_clear_object (&cart->db);
  g_free (cart->event_code);
  g_ptr_array_unref (cart->lines);
  g_array_unref (cart->requested);
  g_free (cart->sold_as);
  g_free (cart);
}

static LapakCartLine *
lookup_product (LapakCart   *cart,
                const char  *code,
                GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  gboolean by_barcode = strspn (code, "0123456789") == strlen (code);
  LapakCartLine *line;
  int rc;

  if (by_barcode)
    {
      if (!lapak_barcode_validate (code, error))
        return NULL;
    }
  else if (!lapak_product_code_validate (code, error))
    return NULL;

  if (!(stmt = lapak_db_prepare (cart->db,
                                 "SELECT p.code, p.tenant_code, p.name, p.price, p.status, "
                                 "       (SELECT 1 FROM participation pa WHERE pa.tenant_code = p.tenant_code "
                                 "        AND pa.event_code = ?3) "
                                 "FROM product p WHERE (?2 = 0 AND p.code = ?1) OR (?2 = 1 AND p.barcode = ?1)",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, code);
  sqlite3_bind_int (stmt, 2, by_barcode);
  lapak_stmt_bind_text (stmt, 3, cart->event_code);
  rc = lapak_db_step (cart->db, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   by_barcode
                   ? _("No product has the barcode %s. Scan the product's Lapak label instead.")
                   : _("No product has the code %s. Check the label, or ask the organiser."),
                   code);
      return NULL;
    }

  if (g_strcmp0 (lapak_stmt_text (stmt, 4), "pending") == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("%s (%s) is waiting for the organiser's approval and cannot be sold yet."),
                   lapak_stmt_text (stmt, 2), lapak_stmt_text (stmt, 0));
      return NULL;
    }
  if (g_strcmp0 (lapak_stmt_text (stmt, 4), "active") != 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("%s (%s) is no longer sold. Ask the organiser."),
                   lapak_stmt_text (stmt, 2), lapak_stmt_text (stmt, 0));
      return NULL;
    }
  if (sqlite3_column_type (stmt, 5) == SQLITE_NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("%s belongs to tenant %s, which does not take part in this event (%s). "
                     "It cannot be sold here."),
                   lapak_stmt_text (stmt, 2), lapak_stmt_text (stmt, 1), cart->event_code);
      return NULL;
    }

  line = g_new0 (LapakCartLine, 1);
  line->code = g_strdup (lapak_stmt_text (stmt, 0));
  line->tenant = g_strdup (lapak_stmt_text (stmt, 1));
  line->name = g_strdup (lapak_stmt_text (stmt, 2));
  line->list_price = sqlite3_column_int64 (stmt, 3);
  line->unit_price = line->list_price;
  return line;
}

static int64_t
line_total (const LapakCartLine *line)
{
  return line->qty * (line->unit_price - line->unit_discount);
}

/* Whether line @index (a new line if @index is the number of lines) may be
 * @qty × @net: no line and no cart beyond LAPAK_MONEY_MAX, which also keeps
 * every product and sum of the cart inside int64_t. */
static gboolean
check_amount (LapakCart  *cart,
              guint       index,
              int64_t     qty,
              int64_t     net,
              GError    **error)
{
  int64_t others = 0;

  for (guint i = 0; i < cart->lines->len; i++)
    if (i != index)
      others += line_total (g_ptr_array_index (cart->lines, i));

  if (net > LAPAK_MONEY_MAX / qty || others > LAPAK_MONEY_MAX - qty * net)
    {
      g_autofree char *most = lapak_money_format (LAPAK_MONEY_MAX, LAPAK_MONEY_STYLE_DEFAULT);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("That would make the sale more than %s, the most one sale can be. "
                     "Check the quantity and the price."),
                   most);
      return FALSE;
    }
  return TRUE;
}

/* A cart is sold once: a second "paid" (a double tap, a retried script)
 * must not record the same customer's goods twice. */
static gboolean
cart_require_unsold (LapakCart  *cart,
                     GError    **error)
{
  if (cart->sold_as != NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("This cart was already sold as %s. Start a new cart for the next customer."),
                   cart->sold_as);
      return FALSE;
    }
  return TRUE;
}

/**
 * lapak_cart_scan:
 *
 * Adds what was scanned or typed: a label code, a barcode, "CODE*QTY".
 * Scanning the same product again adds to its line.
 */
gboolean
lapak_cart_scan (LapakCart   *cart,
                 const char  *input,
                 GError     **error)
{
  g_autofree char *code = NULL;
  LapakCartLine *line;
  int64_t qty;

  g_return_val_if_fail (cart != NULL, FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  if (!cart_require_unsold (cart, error) ||
      !lapak_scan_parse (input, &code, &qty, error) ||
      !(line = lookup_product (cart, code, error)))
    return FALSE;

  for (guint i = 0; i < cart->lines->len; i++)
    {
      LapakCartLine *existing = g_ptr_array_index (cart->lines, i);

      if (g_str_equal (existing->code, line->code) && existing->approver == NULL)
        {
          cart_line_free (line);
          return lapak_cart_set_qty (cart, i, existing->qty + qty, error);
        }
    }

  if (!check_amount (cart, cart->lines->len, qty, line->unit_price, error))
    {
      cart_line_free (line);
      return FALSE;
    }
  line->qty = qty;
  g_ptr_array_add (cart->lines, line);
  return TRUE;
}

gboolean
lapak_cart_set_qty (LapakCart  *cart,
                    guint       index,
                    int64_t     qty,
                    GError    **error)
{
  LapakCartLine *line;

  g_return_val_if_fail (cart != NULL && index < cart->lines->len, FALSE);

  if (qty < 1 || qty > LAPAK_MAX_QTY)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("A quantity is 1 to %d; to take a product off, remove its line."), LAPAK_MAX_QTY);
      return FALSE;
    }
  line = g_ptr_array_index (cart->lines, index);
  if (!check_amount (cart, index, qty, line->unit_price - line->unit_discount, error))
    return FALSE;
  line->qty = qty;
  return TRUE;
}

void
lapak_cart_remove (LapakCart *cart,
                   guint      index)
{
  g_return_if_fail (cart != NULL && index < cart->lines->len);
  g_ptr_array_remove_index (cart->lines, index);
}

gboolean
lapak_cart_set_discount (LapakCart        *cart,
                         guint             index,
                         int64_t           unit_discount,
                         const LapakUser  *approver,
                         GError          **error)
{
  LapakCartLine *line;

  g_return_val_if_fail (cart != NULL && index < cart->lines->len, FALSE);

  if (!lapak_auth_require (approver, LAPAK_CAP_APPROVE, error))
    return FALSE;

  line = g_ptr_array_index (cart->lines, index);
  if (unit_discount < 0 || unit_discount >= line->unit_price)
    {
      g_autofree char *price = lapak_money_format (line->unit_price, LAPAK_MONEY_STYLE_DEFAULT);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("A discount must be less than the price (%s)."), price);
      return FALSE;
    }
  line->unit_discount = unit_discount;
  g_free (line->approver);
  line->approver = g_strdup (lapak_user_get_name (approver));
  return TRUE;
}

gboolean
lapak_cart_set_price (LapakCart        *cart,
                      guint             index,
                      int64_t           unit_price,
                      const LapakUser  *approver,
                      GError          **error)
{
  LapakCartLine *line;

  g_return_val_if_fail (cart != NULL && index < cart->lines->len, FALSE);

  if (!lapak_auth_require (approver, LAPAK_CAP_APPROVE, error))
    return FALSE;

  line = g_ptr_array_index (cart->lines, index);
  if (unit_price <= line->unit_discount || unit_price > LAPAK_MONEY_MAX)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("A price must be more than Rp0 and more than the line's discount."));
      return FALSE;
    }
  if (!check_amount (cart, index, line->qty, unit_price - line->unit_discount, error))
    return FALSE;
  line->unit_price = unit_price;
  g_free (line->approver);
  line->approver = g_strdup (lapak_user_get_name (approver));
  return TRUE;
}

guint
lapak_cart_n_lines (LapakCart *cart)
{
  g_return_val_if_fail (cart != NULL, 0);
  return cart->lines->len;
}

const LapakCartLine *
lapak_cart_line (LapakCart *cart,
                 guint      index)
{
  g_return_val_if_fail (cart != NULL && index < cart->lines->len, NULL);
  return g_ptr_array_index (cart->lines, index);
}

int64_t
lapak_cart_total (LapakCart *cart)
{
  int64_t total = 0;

  g_return_val_if_fail (cart != NULL, 0);

  for (guint i = 0; i < cart->lines->len; i++)
    total += line_total (g_ptr_array_index (cart->lines, i));
  return total;
}

gboolean
lapak_cart_add_payment (LapakCart      *cart,
                        LapakPayMethod  method,
                        int64_t         amount,
                        const char     *reference,
                        GError        **error)
{
  LapakPayment p = { 0 };

  g_return_val_if_fail (cart != NULL, FALSE);
  g_return_val_if_fail (method < LAPAK_PAY_N_METHODS, FALSE);

  if (!cart_require_unsold (cart, error))
    return FALSE;
  if (amount != LAPAK_PAY_REST && (amount <= 0 || amount > LAPAK_MONEY_MAX))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID, _("A payment must be more than Rp0."));
      return FALSE;
    }
  if (amount == LAPAK_PAY_REST && method == LAPAK_PAY_CASH)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("Cash needs the amount handed over, e.g. cash:50.000."));
      return FALSE;
    }
  if (reference != NULL && !lapak_text_validate (_("payment reference"), reference, 64, FALSE, error))
    return FALSE;

  p.method = method;
  p.amount = amount;
  p.tendered = amount;
  p.reference = reference && *reference ? g_strdup (reference) : NULL;
  g_array_append_val (cart->requested, p);
  return TRUE;
}

void
lapak_cart_clear_payments (LapakCart *cart)
{
  g_return_if_fail (cart != NULL);
  g_array_set_size (cart->requested, 0);
}

/* Turns the requested payments into what is kept: the payments must cover
 * the total exactly, except cash, which may exceed it (change). */
static GArray *
resolve_payments (LapakCart  *cart,
                  int64_t    *out_paid,
                  int64_t    *out_change,
                  GError    **error)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, TRUE, sizeof (LapakPayment));
  int64_t total = lapak_cart_total (cart);
  int64_t non_cash = 0;
  int64_t cash = 0;
  int rest_index = -1;
  int64_t rest = 0;
  g_autofree char *total_text = lapak_money_format (total, LAPAK_MONEY_STYLE_DEFAULT);

  g_array_set_clear_func (kept, payment_clear);

  if (cart->lines->len == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID, _("The cart is empty: scan something first."));
      return NULL;
    }
  if (cart->requested->len == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("No payment: the customer pays %s. Choose how."), total_text);
      return NULL;
    }

  for (guint i = 0; i < cart->requested->len; i++)
    {
      LapakPayment *p = &g_array_index (cart->requested, LapakPayment, i);

      if (p->amount == LAPAK_PAY_REST)
        {
          if (rest_index >= 0)
            {
              g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                           _("Only one payment may be “the rest”; give the others an amount."));
              return NULL;
            }
          rest_index = (int)i;
        }
      else if (p->method == LAPAK_PAY_CASH)
        cash += p->amount;
      else
        non_cash += p->amount;
    }

  if (non_cash > total)
    {
      g_autofree char *nc = lapak_money_format (non_cash, LAPAK_MONEY_STYLE_DEFAULT);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The non-cash payments (%s) are more than the total (%s). Only cash can "
                     "exceed the total."),
                   nc, total_text);
      return NULL;
    }

  if (rest_index >= 0)
    {
      rest = total - non_cash - cash;
      if (rest <= 0)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("Nothing is left to pay by %s: the other payments already cover %s."),
                       lapak_pay_method_display (g_array_index (cart->requested, LapakPayment, rest_index).method),
                       total_text);
          return NULL;
        }
    }
  else if (non_cash + cash < total)
    {
      g_autofree char *short_text = lapak_money_format (total - non_cash - cash, LAPAK_MONEY_STYLE_DEFAULT);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The payments are %s short of the total (%s)."), short_text, total_text);
      return NULL;
    }
  else if (cash > 0 && non_cash == total)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The other payments already cover the total: no cash is needed."));
      return NULL;
    }

  /* Cash payments merge into one: what is kept, and what was handed over. */
  for (guint i = 0; i < cart->requested->len; i++)
    {
      LapakPayment *p = &g_array_index (cart->requested, LapakPayment, i);
      LapakPayment k = { p->method, p->amount, p->amount, g_strdup (p->reference) };

      if ((int)i == rest_index)
        k.amount = k.tendered = rest;
      else if (p->method == LAPAK_PAY_CASH)
        continue;
      g_array_append_val (kept, k);
    }
  if (cash > 0)
    {
      LapakPayment k = { LAPAK_PAY_CASH, 0, cash, NULL };

      k.amount = rest_index >= 0 ? cash : total - non_cash;
      g_array_prepend_val (kept, k);
    }

  *out_paid = non_cash + cash + rest;
  *out_change = *out_paid - total;
  return g_steal_pointer (&kept);
}

gboolean
lapak_cart_check (LapakCart  *cart,
                  GError    **error)
{
  g_autoptr(GArray) kept = NULL;
  int64_t paid;
  int64_t change;

  g_return_val_if_fail (cart != NULL, FALSE);

  kept = resolve_payments (cart, &paid, &change, error);
  return kept != NULL;
}

/* ---------- canonical records ---------- */

typedef struct
{
  char      *id;
  char      *event;
  int64_t    shift;
  char      *cashier;
  int64_t    total;
  int64_t    change;
  GPtrArray *lines;      /* LapakCartLine */
  GArray    *payments;   /* LapakPayment */
} SaleRecord;

static void
sale_record_clear (SaleRecord *r)
{
  g_free (r->id);
  g_free (r->event);
  g_free (r->cashier);
  g_clear_pointer (&r->lines, g_ptr_array_unref);
  g_clear_pointer (&r->payments, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SaleRecord, sale_record_clear)

static char *
sale_body (const SaleRecord *r)
{
  GString *body = g_string_new (NULL);

  lapak_journal_put (body, "sale", r->id);
  lapak_journal_put (body, "event", r->event);
  lapak_journal_put_int (body, "shift", r->shift);
  lapak_journal_put (body, "cashier", r->cashier);
  for (guint i = 0; i < r->lines->len; i++)
    {
      const LapakCartLine *l = g_ptr_array_index (r->lines, i);
      g_autofree char *value = g_strdup_printf ("%u|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%"
                                                G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s|%s",
                                                i + 1, l->code, l->tenant, l->qty, l->list_price,
                                                l->unit_price, l->unit_discount,
                                                l->approver ? l->approver : "", l->name);

      lapak_journal_put (body, "line", value);
    }
  for (guint i = 0; i < r->payments->len; i++)
    {
      const LapakPayment *p = &g_array_index (r->payments, LapakPayment, i);
      g_autofree char *value = g_strdup_printf ("%u|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s",
                                                i + 1, method_names[p->method], p->amount,
                                                p->tendered, p->reference ? p->reference : "");

      lapak_journal_put (body, "payment", value);
    }
  lapak_journal_put_int (body, "total", r->total);
  lapak_journal_put_int (body, "change", r->change);
  return g_string_free (body, FALSE);
}

/* Reads a sale back from its rows. */
static gboolean
load_sale_record (LapakDb     *db,
                  const char  *till,
                  int64_t      seq,
                  SaleRecord  *r,
                  GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT event_code, shift_seq, cashier, total, change FROM sale "
                                 "WHERE till_id = ?1 AND seq = ?2",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      g_autofree char *id = lapak_sale_id (till, seq);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no sale %s on this till. Check the number on the receipt."), id);
      return FALSE;
    }

  r->id = lapak_sale_id (till, seq);
  r->event = g_strdup (lapak_stmt_text (stmt, 0));
  r->shift = sqlite3_column_int64 (stmt, 1);
  r->cashier = g_strdup (lapak_stmt_text (stmt, 2));
  r->total = sqlite3_column_int64 (stmt, 3);
  r->change = sqlite3_column_int64 (stmt, 4);
  r->lines = g_ptr_array_new_with_free_func (cart_line_free);
  r->payments = g_array_new (FALSE, TRUE, sizeof (LapakPayment));
  g_array_set_clear_func (r->payments, payment_clear);
  lapak_stmt_release (g_steal_pointer (&stmt));

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT product_code, tenant_code, name, qty, list_price, unit_price, "
                                 "       unit_discount, approver FROM sale_line "
                                 "WHERE till_id = ?1 AND sale_seq = ?2 ORDER BY line",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakCartLine *l = g_new0 (LapakCartLine, 1);

      l->code = g_strdup (lapak_stmt_text (stmt, 0));
      l->tenant = g_strdup (lapak_stmt_text (stmt, 1));
      l->name = g_strdup (lapak_stmt_text (stmt, 2));
      l->qty = sqlite3_column_int64 (stmt, 3);
      l->list_price = sqlite3_column_int64 (stmt, 4);
      l->unit_price = sqlite3_column_int64 (stmt, 5);
      l->unit_discount = sqlite3_column_int64 (stmt, 6);
      l->approver = g_strdup (lapak_stmt_text (stmt, 7));
      g_ptr_array_add (r->lines, l);
    }
  if (rc < 0)
    return FALSE;
  lapak_stmt_release (g_steal_pointer (&stmt));

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT method, amount, tendered, reference FROM payment "
                                 "WHERE till_id = ?1 AND sale_seq = ?2 ORDER BY idx",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakPayment p = { 0 };

      lapak_pay_method_from_string (lapak_stmt_text (stmt, 0), &p.method, NULL);
      p.amount = sqlite3_column_int64 (stmt, 1);
      p.tendered = sqlite3_column_int64 (stmt, 2);
      p.reference = g_strdup (lapak_stmt_text (stmt, 3));
      g_array_append_val (r->payments, p);
    }
  return rc >= 0;
}

/* ---------- commit ---------- */

static gboolean
insert_account (LapakDb     *db,
                const char  *event,
                const char  *tenant,
                const char  *kind,
                int64_t      amount,
                const char  *ref,
                int64_t      at,
                int64_t     *first_seq,
                GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  int64_t seq;

  if (!lapak_db_next_seq (db, "account_entry", &seq, error) ||
      !(stmt = lapak_db_prepare (db,
                                 "INSERT INTO account_entry (till_id, seq, event_code, tenant_code, kind, amount, ref, at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  sqlite3_bind_int64 (stmt, 2, seq);
  lapak_stmt_bind_text (stmt, 3, event);
  lapak_stmt_bind_text (stmt, 4, tenant);
  lapak_stmt_bind_text (stmt, 5, kind);
  sqlite3_bind_int64 (stmt, 6, amount);
  lapak_stmt_bind_text (stmt, 7, ref);
  sqlite3_bind_int64 (stmt, 8, at);
  if (*first_seq == 0)
    *first_seq = seq;
  return lapak_db_step (db, stmt, error) == SQLITE_DONE;
}

/* The units and money a settlement needs (lapak-entry-summary.h), on the
 * account entries of the record just written, from @first_seq on. */
static gboolean
fill_entry_summary (LapakDb     *db,
                    int64_t      first_seq,
                    GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;

  if (!(stmt = lapak_db_prepare (db, LAPAK_ENTRY_SUMMARY_UPDATE " AND e.till_id = ?1 AND e.seq >= ?2", error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  sqlite3_bind_int64 (stmt, 2, first_seq);
  return lapak_db_step (db, stmt, error) == SQLITE_DONE;
}

static gboolean
insert_stock (LapakDb     *db,
              const char  *event,
              const char  *product,
              const char  *kind,
              int64_t      delta,
              const char  *ref,
              int64_t      at,
              GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  int64_t seq;

  if (!lapak_db_next_seq (db, "stock_move", &seq, error) ||
      !(stmt = lapak_db_prepare (db,
                                 "INSERT INTO stock_move (till_id, seq, event_code, product_code, kind, delta, ref, at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  sqlite3_bind_int64 (stmt, 2, seq);
  lapak_stmt_bind_text (stmt, 3, event);
  lapak_stmt_bind_text (stmt, 4, product);
  lapak_stmt_bind_text (stmt, 5, kind);
  sqlite3_bind_int64 (stmt, 6, delta);
  lapak_stmt_bind_text (stmt, 7, ref);
  sqlite3_bind_int64 (stmt, 8, at);
  return lapak_db_step (db, stmt, error) == SQLITE_DONE;
}

/* Per tenant: the sum of @lines' totals, in first-seen order. */
static GArray *
tenant_totals (GPtrArray *lines,
               GPtrArray *out_tenants)
{
  GArray *totals = g_array_new (FALSE, TRUE, sizeof (int64_t));

  for (guint i = 0; i < lines->len; i++)
    {
      const LapakCartLine *l = g_ptr_array_index (lines, i);
      guint t;

      for (t = 0; t < out_tenants->len; t++)
        if (g_str_equal (g_ptr_array_index (out_tenants, t), l->tenant))
          break;
      if (t == out_tenants->len)
        {
          int64_t zero = 0;

          g_ptr_array_add (out_tenants, l->tenant);
          g_array_append_val (totals, zero);
        }
      g_array_index (totals, int64_t, t) += line_total (l);
    }
  return totals;
}

typedef struct
{
  const LapakUser *cashier;
  LapakCart       *cart;
  GArray          *payments;
  int64_t          paid;
  int64_t          change;
  LapakSale       *sale;
} Commit;

static gboolean
commit_txn (LapakDb  *db,
            gpointer  user_data,
            GError  **error)
{
  Commit *c = user_data;
  const char *till = lapak_db_get_till_id (db);
  g_autoptr(GPtrArray) tenants = g_ptr_array_new ();
  g_autoptr(GArray) totals = NULL;
  int64_t first_entry = 0;
  g_autofree char *body = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *id = NULL;
  g_auto(LapakStmt) stmt = NULL;
  SaleRecord record = { 0 };
  int64_t at = lapak_db_now ();
  int64_t shift;
  int64_t seq;
  int64_t journal_seq;
  int64_t total = lapak_cart_total (c->cart);

  if (!_lapak_shift_require_open (db, &shift, error) ||
      !lapak_db_next_seq (db, "sale", &seq, error) ||
      !lapak_db_next_seq (db, "journal", &journal_seq, error))
    return FALSE;

  id = lapak_sale_id (till, seq);

  if (!(stmt = lapak_db_prepare (db,
                                 "INSERT INTO sale (till_id, seq, event_code, shift_seq, cashier, at, total, change, journal_seq) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  lapak_stmt_bind_text (stmt, 3, c->cart->event_code);
  sqlite3_bind_int64 (stmt, 4, shift);
  lapak_stmt_bind_text (stmt, 5, lapak_user_get_name (c->cashier));
  sqlite3_bind_int64 (stmt, 6, at);
  sqlite3_bind_int64 (stmt, 7, total);
  sqlite3_bind_int64 (stmt, 8, c->change);
  sqlite3_bind_int64 (stmt, 9, journal_seq);
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;
  lapak_stmt_release (g_steal_pointer (&stmt));

  for (guint i = 0; i < c->cart->lines->len; i++)
    {
      const LapakCartLine *l = g_ptr_array_index (c->cart->lines, i);
      g_auto(LapakStmt) line_stmt = NULL;
      g_auto(LapakStmt) stock_stmt = NULL;
      int64_t stock;

      /* Selling more than the recorded stock is allowed (consignment counts
       * are often wrong) but never silent. stock_level is SUM(delta) of the
       * product's movements, kept by triggers (schema version 3). */
      if (!(stock_stmt = lapak_db_prepare (db,
                                           "SELECT COALESCE((SELECT qty FROM stock_level "
                                           "WHERE event_code = ?2 AND product_code = ?1), 0)",
                                           error)))
        return FALSE;
      lapak_stmt_bind_text (stock_stmt, 1, l->code);
      lapak_stmt_bind_text (stock_stmt, 2, c->cart->event_code);
      if (lapak_db_step (db, stock_stmt, error) != SQLITE_ROW)
        return FALSE;
      stock = sqlite3_column_int64 (stock_stmt, 0);
      if (stock < l->qty)
        g_ptr_array_add (c->sale->warnings,
                         g_strdup_printf (_("%s (%s): sold %" PRId64 " but only %" PRId64
                                            " recorded in stock. Recount this product's stock."),
                                          l->name, l->code, l->qty, stock));

      if (!(line_stmt = lapak_db_prepare (db,
                                          "INSERT INTO sale_line (till_id, sale_seq, line, product_code, tenant_code, name, "
                                          "                       qty, list_price, unit_price, unit_discount, approver) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                          error)))
        return FALSE;
      lapak_stmt_bind_text (line_stmt, 1, till);
      sqlite3_bind_int64 (line_stmt, 2, seq);
      sqlite3_bind_int (line_stmt, 3, (int)i + 1);
      lapak_stmt_bind_text (line_stmt, 4, l->code);
      lapak_stmt_bind_text (line_stmt, 5, l->tenant);
      lapak_stmt_bind_text (line_stmt, 6, l->name);
      sqlite3_bind_int64 (line_stmt, 7, l->qty);
      sqlite3_bind_int64 (line_stmt, 8, l->list_price);
      sqlite3_bind_int64 (line_stmt, 9, l->unit_price);
      sqlite3_bind_int64 (line_stmt, 10, l->unit_discount);
      lapak_stmt_bind_text (line_stmt, 11, l->approver);
      if (lapak_db_step (db, line_stmt, error) != SQLITE_DONE)
        return FALSE;

      if (!insert_stock (db, c->cart->event_code, l->code, "sale", -l->qty, id, at, error))
        return FALSE;
    }

  for (guint i = 0; i < c->payments->len; i++)
    {
      const LapakPayment *p = &g_array_index (c->payments, LapakPayment, i);
      g_auto(LapakStmt) pay_stmt = NULL;

      if (!(pay_stmt = lapak_db_prepare (db,
                                         "INSERT INTO payment (till_id, sale_seq, idx, method, amount, tendered, reference) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                         error)))
        return FALSE;
      lapak_stmt_bind_text (pay_stmt, 1, till);
      sqlite3_bind_int64 (pay_stmt, 2, seq);
      sqlite3_bind_int (pay_stmt, 3, (int)i + 1);
      lapak_stmt_bind_text (pay_stmt, 4, method_names[p->method]);
      sqlite3_bind_int64 (pay_stmt, 5, p->amount);
      sqlite3_bind_int64 (pay_stmt, 6, p->tendered);
      lapak_stmt_bind_text (pay_stmt, 7, p->reference);
      if (lapak_db_step (db, pay_stmt, error) != SQLITE_DONE)
        return FALSE;
    }

  totals = tenant_totals (c->cart->lines, tenants);
  for (guint t = 0; t < tenants->len; t++)
    if (!insert_account (db, c->cart->event_code, g_ptr_array_index (tenants, t), "sale",
                         g_array_index (totals, int64_t, t), id, at, &first_entry, error))
      return FALSE;
  if (!fill_entry_summary (db, first_entry, error))
    return FALSE;

  record.id = g_strdup (id);
  record.event = g_strdup (c->cart->event_code);
  record.shift = shift;
  record.cashier = g_strdup (lapak_user_get_name (c->cashier));
  record.total = total;
  record.change = c->change;
  record.lines = g_ptr_array_ref (c->cart->lines);
  record.payments = g_array_ref (c->payments);
  body = sale_body (&record);
  sale_record_clear (&record);

  if (!lapak_journal_append (db, "sale", seq, body, at, &hash, error))
    return FALSE;

  c->sale->id = g_steal_pointer (&id);
  c->sale->seq = seq;
  c->sale->total = total;
  c->sale->paid = c->paid;
  c->sale->change = c->change;
  c->sale->hash = g_steal_pointer (&hash);
  return TRUE;
}

void
lapak_sale_free (LapakSale *sale)
{
  if (sale == NULL)
    return;
  g_free (sale->id);
  g_free (sale->hash);
  g_clear_pointer (&sale->lines, g_ptr_array_unref);
  g_clear_pointer (&sale->payments, g_array_unref);
  g_clear_pointer (&sale->warnings, g_ptr_array_unref);
  g_free (sale);
}

/**
 * lapak_sale_commit:
 *
 * Records the cart as a sale in one durable transaction. When this returns
 * the sale is on disk for good; only then may the till say "paid" and print.
 */
LapakSale *
lapak_sale_commit (LapakDb          *db,
                   const LapakUser  *cashier,
                   LapakCart        *cart,
                   GError          **error)
{
  g_autoptr(GArray) payments = NULL;
  g_autoptr(LapakSale) sale = NULL;
  Commit c = { 0 };

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);
  g_return_val_if_fail (cart != NULL, NULL);

  if (!lapak_auth_require (cashier, LAPAK_CAP_SELL, error) ||
      !cart_require_unsold (cart, error))
    return NULL;

  if (!(payments = resolve_payments (cart, &c.paid, &c.change, error)))
    return NULL;

  sale = g_new0 (LapakSale, 1);
  sale->warnings = g_ptr_array_new_with_free_func (g_free);
  sale->lines = g_ptr_array_new_with_free_func (cart_line_free);
  for (guint i = 0; i < cart->lines->len; i++)
    g_ptr_array_add (sale->lines, cart_line_copy (g_ptr_array_index (cart->lines, i)));

  c.cashier = cashier;
  c.cart = cart;
  c.payments = payments;
  c.sale = sale;
  if (!lapak_db_transaction (db, commit_txn, &c, error))
    return NULL;

  cart->sold_as = g_strdup (sale->id);
  sale->payments = g_steal_pointer (&payments);
  return g_steal_pointer (&sale);
}

/* ---------- voids ---------- */

typedef struct
{
  const LapakUser *cashier;
  const LapakUser *approver;
  int64_t          sale_seq;
  const char      *reason;
  char            *id;        /* out: the void's own number */
} Void;

static char *
void_body (const char *void_id,
           const char *sale_id,
           int64_t     shift,
           const char *reason,
           const char *cashier,
           const char *approver)
{
  GString *body = g_string_new (NULL);

  lapak_journal_put (body, "void", void_id);
  lapak_journal_put (body, "sale", sale_id);
  lapak_journal_put_int (body, "shift", shift);
  lapak_journal_put (body, "reason", reason);
  lapak_journal_put (body, "cashier", cashier);
  lapak_journal_put (body, "approver", approver);
  return g_string_free (body, FALSE);
}

static gboolean
void_txn (LapakDb  *db,
          gpointer  user_data,
          GError  **error)
{
  Void *v = user_data;
  const char *till = lapak_db_get_till_id (db);
  g_auto(SaleRecord) record = { 0 };
  g_autoptr(GPtrArray) tenants = g_ptr_array_new ();
  g_autoptr(GArray) totals = NULL;
  int64_t first_entry = 0;
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *void_id = NULL;
  g_autofree char *body = NULL;
  int64_t shift;
  int64_t seq;
  int64_t at = lapak_db_now ();
  int rc;

  if (!_lapak_shift_require_open (db, &shift, error) ||
      !load_sale_record (db, till, v->sale_seq, &record, error))
    return FALSE;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT (SELECT 1 FROM sale_void WHERE sale_till = ?1 AND sale_seq = ?2), "
                                 "       (SELECT 1 FROM refund WHERE sale_till = ?1 AND sale_seq = ?2)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, v->sale_seq);
  rc = lapak_db_step (db, stmt, error);
  if (rc != SQLITE_ROW)
    return FALSE;
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE, _("Sale %s is already void."), record.id);
      return FALSE;
    }
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("Sale %s has refunds, so it cannot be voided. Refund the remaining items instead."),
                   record.id);
      return FALSE;
    }
  lapak_stmt_release (g_steal_pointer (&stmt));

  if (record.shift != shift)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("Sale %s belongs to an earlier shift: only sales of the open shift can be "
                     "voided. Make a refund instead."),
                   record.id);
      return FALSE;
    }

  if (!lapak_db_next_seq (db, "sale_void", &seq, error))
    return FALSE;
  void_id = lapak_void_id (till, seq);

  if (!(stmt = lapak_db_prepare (db,
                                 "INSERT INTO sale_void (till_id, seq, sale_till, sale_seq, shift_seq, reason, cashier, approver, at) "
                                 "VALUES (?1, ?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_int64 (stmt, 3, v->sale_seq);
  sqlite3_bind_int64 (stmt, 4, shift);
  lapak_stmt_bind_text (stmt, 5, v->reason);
  lapak_stmt_bind_text (stmt, 6, lapak_user_get_name (v->cashier));
  lapak_stmt_bind_text (stmt, 7, lapak_user_get_name (v->approver));
  sqlite3_bind_int64 (stmt, 8, at);
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;

  for (guint i = 0; i < record.lines->len; i++)
    {
      const LapakCartLine *l = g_ptr_array_index (record.lines, i);

      if (!insert_stock (db, record.event, l->code, "void", l->qty, void_id, at, error))
        return FALSE;
    }

  totals = tenant_totals (record.lines, tenants);
  for (guint t = 0; t < tenants->len; t++)
    if (!insert_account (db, record.event, g_ptr_array_index (tenants, t), "void",
                         -g_array_index (totals, int64_t, t), void_id, at, &first_entry, error))
      return FALSE;
  if (!fill_entry_summary (db, first_entry, error))
    return FALSE;

  body = void_body (void_id, record.id, shift, v->reason,
                    lapak_user_get_name (v->cashier), lapak_user_get_name (v->approver));
  if (!lapak_journal_append (db, "void", seq, body, at, NULL, error))
    return FALSE;
  v->id = g_steal_pointer (&void_id);
  return TRUE;
}

/**
 * lapak_sale_void:
 *
 * Cancels a whole sale of the open shift, with a supervisor's approval. The
 * sale stays; a void record cancels it everywhere (stock, accounts, totals).
 */
gboolean
lapak_sale_void (LapakDb          *db,
                 const LapakUser  *cashier,
                 const LapakUser  *approver,
                 const char       *sale_id,
                 const char       *reason,
                 GError          **error)
{
  return lapak_sale_void_full (db, cashier, approver, sale_id, reason, NULL, error);
}

/**
 * lapak_sale_void_full:
 * @out_void_id: (out) (optional): the void's own number, e.g. "K1-V000001"
 *
 * lapak_sale_void(), telling the number of the void record.
 */
gboolean
lapak_sale_void_full (LapakDb          *db,
                      const LapakUser  *cashier,
                      const LapakUser  *approver,
                      const char       *sale_id,
                      const char       *reason,
                      char            **out_void_id,
                      GError          **error)
{
  g_autofree char *till = NULL;
  Void v = { cashier, approver, 0, reason, NULL };

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (sale_id != NULL, FALSE);

  if (!lapak_auth_require (cashier, LAPAK_CAP_SELL, error) ||
      !lapak_auth_require (approver, LAPAK_CAP_APPROVE, error) ||
      !lapak_text_validate (_("reason"), reason, 200, TRUE, error) ||
      !lapak_sale_id_parse (sale_id, &till, &v.sale_seq, error))
    return FALSE;

  if (!g_str_equal (till, lapak_db_get_till_id (db)))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("Sale %s was made on till %s; void it there."), sale_id, till);
      return FALSE;
    }

  if (!lapak_db_transaction (db, void_txn, &v, error))
    {
      g_free (v.id);
      return FALSE;
    }
  if (out_void_id != NULL)
    *out_void_id = v.id;
  else
    g_free (v.id);
  return TRUE;
}

/* ---------- refunds ---------- */

typedef struct
{
  const LapakUser       *cashier;
  const LapakUser       *approver;
  int64_t                sale_seq;
  const LapakRefundItem *items;
  guint                  n_items;
  LapakPayMethod         method;
  const char            *reason;
  int64_t                amount;
  char                  *id;       /* out: the refund's own number */
} Refund;

static char *
refund_body (LapakDb     *db,
             int64_t      refund_seq,
             GError     **error)
{
  const char *till = lapak_db_get_till_id (db);
  GString *body = g_string_new (NULL);
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *id = lapak_refund_id (till, refund_seq);
  int rc;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT sale_till, sale_seq, shift_seq, method, amount, reason, cashier, approver "
                                 "FROM refund WHERE till_id = ?1 AND seq = ?2",
                                 error)))
    goto fail;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, refund_seq);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    goto fail;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND, _("Refund %s is missing."), id);
      goto fail;
    }
  {
    g_autofree char *sale_id = lapak_sale_id (lapak_stmt_text (stmt, 0), sqlite3_column_int64 (stmt, 1));

    lapak_journal_put (body, "refund", id);
    lapak_journal_put (body, "sale", sale_id);
    lapak_journal_put_int (body, "shift", sqlite3_column_int64 (stmt, 2));
    lapak_journal_put (body, "method", lapak_stmt_text (stmt, 3));
    lapak_journal_put_int (body, "amount", sqlite3_column_int64 (stmt, 4));
    lapak_journal_put (body, "reason", lapak_stmt_text (stmt, 5));
    lapak_journal_put (body, "cashier", lapak_stmt_text (stmt, 6));
    lapak_journal_put (body, "approver", lapak_stmt_text (stmt, 7));
  }
  lapak_stmt_release (g_steal_pointer (&stmt));

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT sale_line, product_code, tenant_code, qty, unit_net FROM refund_line "
                                 "WHERE till_id = ?1 AND refund_seq = ?2 ORDER BY sale_line",
                                 error)))
    goto fail;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, refund_seq);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT "|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                                                (gint64)sqlite3_column_int64 (stmt, 0), lapak_stmt_text (stmt, 1),
                                                lapak_stmt_text (stmt, 2), (gint64)sqlite3_column_int64 (stmt, 3),
                                                (gint64)sqlite3_column_int64 (stmt, 4));

      lapak_journal_put (body, "line", value);
    }
  if (rc < 0)
    goto fail;

  return g_string_free (body, FALSE);

fail:
  g_string_free (body, TRUE);
  return NULL;
}

static gboolean
refund_txn (LapakDb  *db,
            gpointer  user_data,
            GError  **error)
{
  Refund *rf = user_data;
  const char *till = lapak_db_get_till_id (db);
  g_auto(SaleRecord) record = { 0 };
  g_autoptr(GArray) qty = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (cart_line_free);
  g_autoptr(GPtrArray) tenants = g_ptr_array_new ();
  g_autoptr(GArray) totals = NULL;
  int64_t first_entry = 0;
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *body = NULL;
  g_autofree char *refund_id = NULL;
  int64_t shift;
  int64_t seq;
  int64_t at = lapak_db_now ();
  int64_t amount = 0;
  int rc;

  if (!_lapak_shift_require_open (db, &shift, error) ||
      !load_sale_record (db, till, rf->sale_seq, &record, error))
    return FALSE;

  if (!(stmt = lapak_db_prepare (db, "SELECT 1 FROM sale_void WHERE sale_till = ?1 AND sale_seq = ?2", error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, rf->sale_seq);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("Sale %s was voided: there is nothing to refund."), record.id);
      return FALSE;
    }
  lapak_stmt_release (g_steal_pointer (&stmt));

  /* How many of each sale line may still be refunded. */
  qty = g_array_sized_new (FALSE, TRUE, sizeof (int64_t), record.lines->len);
  g_array_set_size (qty, record.lines->len);
  for (guint i = 0; i < record.lines->len; i++)
    {
      g_auto(LapakStmt) done = NULL;

      if (!(done = lapak_db_prepare (db,
                                     "SELECT COALESCE(SUM(l.qty), 0) FROM refund_line l JOIN refund r "
                                     "  ON r.till_id = l.till_id AND r.seq = l.refund_seq "
                                     "WHERE r.sale_till = ?1 AND r.sale_seq = ?2 AND l.sale_line = ?3",
                                     error)))
        return FALSE;
      lapak_stmt_bind_text (done, 1, till);
      sqlite3_bind_int64 (done, 2, rf->sale_seq);
      sqlite3_bind_int (done, 3, (int)i + 1);
      if (lapak_db_step (db, done, error) != SQLITE_ROW)
        return FALSE;
      g_array_index (qty, int64_t, i) =
        ((LapakCartLine *)g_ptr_array_index (record.lines, i))->qty - sqlite3_column_int64 (done, 0);
    }

  if (!lapak_db_next_seq (db, "refund", &seq, error))
    return FALSE;
  refund_id = lapak_refund_id (till, seq);

  for (guint k = 0; k < rf->n_items; k++)
    {
      g_autofree char *code = lapak_product_code_normalize (rf->items[k].code);
      int64_t wanted = rf->items[k].qty;
      gboolean found = FALSE;

      if (wanted < 1 || wanted > LAPAK_MAX_QTY)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%" PRId64 "” is not a quantity to refund: give 1 to %d units of %s."),
                       wanted, LAPAK_MAX_QTY, code);
          return FALSE;
        }

      for (guint i = 0; i < record.lines->len && wanted > 0; i++)
        {
          const LapakCartLine *l = g_ptr_array_index (record.lines, i);
          int64_t take;
          g_auto(LapakStmt) ins = NULL;

          if (!g_str_equal (l->code, code))
            continue;
          found = TRUE;
          take = MIN (wanted, g_array_index (qty, int64_t, i));
          if (take <= 0)
            continue;
          g_array_index (qty, int64_t, i) -= take;
          wanted -= take;

          if (!(ins = lapak_db_prepare (db,
                                        "INSERT INTO refund_line (till_id, refund_seq, sale_line, product_code, tenant_code, qty, unit_net) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                                        "ON CONFLICT DO UPDATE SET qty = qty + excluded.qty",
                                        error)))
            return FALSE;
          lapak_stmt_bind_text (ins, 1, till);
          sqlite3_bind_int64 (ins, 2, seq);
          sqlite3_bind_int (ins, 3, (int)i + 1);
          lapak_stmt_bind_text (ins, 4, l->code);
          lapak_stmt_bind_text (ins, 5, l->tenant);
          sqlite3_bind_int64 (ins, 6, take);
          sqlite3_bind_int64 (ins, 7, l->unit_price - l->unit_discount);
          if (lapak_db_step (db, ins, error) != SQLITE_DONE)
            return FALSE;

          {
            LapakCartLine *part = cart_line_copy (l);

            part->qty = take;
            g_ptr_array_add (lines, part);
          }
          amount += take * (l->unit_price - l->unit_discount);
        }

      if (!found)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("Sale %s has no %s: only items of the sale can be refunded."), record.id, code);
          return FALSE;
        }
      if (wanted > 0)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("Too many %s: sale %s has fewer left to refund (sold minus already refunded)."),
                       code, record.id);
          return FALSE;
        }
    }

  if (amount <= 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID, _("Nothing to refund: name the items and quantities."));
      return FALSE;
    }

  if (!(stmt = lapak_db_prepare (db,
                                 "INSERT INTO refund (till_id, seq, sale_till, sale_seq, shift_seq, method, amount, reason, cashier, approver, at) "
                                 "VALUES (?1, ?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_int64 (stmt, 3, rf->sale_seq);
  sqlite3_bind_int64 (stmt, 4, shift);
  lapak_stmt_bind_text (stmt, 5, method_names[rf->method]);
  sqlite3_bind_int64 (stmt, 6, amount);
  lapak_stmt_bind_text (stmt, 7, rf->reason);
  lapak_stmt_bind_text (stmt, 8, lapak_user_get_name (rf->cashier));
  lapak_stmt_bind_text (stmt, 9, lapak_user_get_name (rf->approver));
  sqlite3_bind_int64 (stmt, 10, at);
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      const LapakCartLine *l = g_ptr_array_index (lines, i);

      if (!insert_stock (db, record.event, l->code, "refund", l->qty, refund_id, at, error))
        return FALSE;
    }

  totals = tenant_totals (lines, tenants);
  for (guint t = 0; t < tenants->len; t++)
    if (!insert_account (db, record.event, g_ptr_array_index (tenants, t), "refund",
                         -g_array_index (totals, int64_t, t), refund_id, at, &first_entry, error))
      return FALSE;
  if (!fill_entry_summary (db, first_entry, error))
    return FALSE;

  if (!(body = refund_body (db, seq, error)) ||
      !lapak_journal_append (db, "refund", seq, body, at, NULL, error))
    return FALSE;

  rf->amount = amount;
  rf->id = g_steal_pointer (&refund_id);
  return TRUE;
}

/**
 * lapak_sale_refund:
 *
 * Returns some units of an earlier sale, paid back by @method, with a
 * supervisor's approval; never more than was sold minus already refunded.
 */
gboolean
lapak_sale_refund (LapakDb                *db,
                   const LapakUser        *cashier,
                   const LapakUser        *approver,
                   const char             *sale_id,
                   const LapakRefundItem  *items,
                   guint                   n_items,
                   LapakPayMethod          method,
                   const char             *reason,
                   int64_t                *out_amount,
                   GError                **error)
{
  return lapak_sale_refund_full (db, cashier, approver, sale_id, items, n_items, method, reason,
                                 NULL, out_amount, error);
}

/**
 * lapak_sale_refund_full:
 * @out_refund_id: (out) (optional): the refund's own number, e.g. "K1-R000001"
 *
 * lapak_sale_refund(), telling the number of the refund record.
 */
gboolean
lapak_sale_refund_full (LapakDb                *db,
                        const LapakUser        *cashier,
                        const LapakUser        *approver,
                        const char             *sale_id,
                        const LapakRefundItem  *items,
                        guint                   n_items,
                        LapakPayMethod          method,
                        const char             *reason,
                        char                  **out_refund_id,
                        int64_t                *out_amount,
                        GError                **error)
{
  g_autofree char *till = NULL;
  Refund rf = { cashier, approver, 0, items, n_items, method, reason, 0, NULL };

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (sale_id != NULL, FALSE);
  g_return_val_if_fail (method < LAPAK_PAY_N_METHODS, FALSE);

  if (!lapak_auth_require (cashier, LAPAK_CAP_SELL, error) ||
      !lapak_auth_require (approver, LAPAK_CAP_APPROVE, error) ||
      !lapak_text_validate (_("reason"), reason, 200, TRUE, error) ||
      !lapak_sale_id_parse (sale_id, &till, &rf.sale_seq, error))
    return FALSE;

  if (!g_str_equal (till, lapak_db_get_till_id (db)))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("Sale %s was made on till %s; refund it there."), sale_id, till);
      return FALSE;
    }

  if (!lapak_db_transaction (db, refund_txn, &rf, error))
    {
      g_free (rf.id);
      return FALSE;
    }

  if (out_amount != NULL)
    *out_amount = rf.amount;
  if (out_refund_id != NULL)
    *out_refund_id = rf.id;
  else
    g_free (rf.id);
  return TRUE;
}

/**
 * lapak_sale_refundable:
 * @sale_id: a sale of this till
 *
 * For each line of the sale, in order: the units sold, already refunded
 * and still refundable (none once the sale is voided). Changes nothing;
 * lapak_sale_refund() enforces the same bound.
 *
 * Returns: (transfer full) (element-type LapakRefundable): one entry per
 *   sale line, or %NULL with @error set
 */
GArray *
lapak_sale_refundable (LapakDb     *db,
                       const char  *sale_id,
                       GError     **error)
{
  g_autofree char *till = NULL;
  g_autoptr(GArray) out = NULL;
  g_auto(LapakStmt) stmt = NULL;
  gboolean voided;
  int64_t seq = 0;
  int rc;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);
  g_return_val_if_fail (sale_id != NULL, NULL);

  if (!lapak_sale_id_parse (sale_id, &till, &seq, error))
    return NULL;
  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT EXISTS (SELECT 1 FROM sale_void v WHERE v.sale_till = ?1 AND v.sale_seq = ?2)",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  if (lapak_db_step (db, stmt, error) != SQLITE_ROW)
    return NULL;
  voided = sqlite3_column_int (stmt, 0) != 0;
  lapak_stmt_release (g_steal_pointer (&stmt));

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT s.line, s.qty, "
                                 "  (SELECT COALESCE(SUM(l.qty), 0) FROM refund_line l JOIN refund r "
                                 "     ON r.till_id = l.till_id AND r.seq = l.refund_seq "
                                 "   WHERE r.sale_till = s.till_id AND r.sale_seq = s.sale_seq AND l.sale_line = s.line) "
                                 "FROM sale_line s WHERE s.till_id = ?1 AND s.sale_seq = ?2 ORDER BY s.line",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  out = g_array_new (FALSE, TRUE, sizeof (LapakRefundable));
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakRefundable r;

      r.sold = sqlite3_column_int64 (stmt, 1);
      r.refunded = sqlite3_column_int64 (stmt, 2);
      r.refundable = voided ? 0 : MAX (r.sold - r.refunded, 0);
      g_array_append_val (out, r);
    }
  if (rc < 0)
    return NULL;
  if (out->len == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no sale %s on this till. Check the number on the receipt."), sale_id);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* ---------- bodies for the verifier ---------- */

char *
_lapak_record_body (LapakDb     *db,
                    const char  *type,
                    int64_t      ref,
                    GError     **error)
{
  const char *till = lapak_db_get_till_id (db);

  if (g_str_equal (type, "sale"))
    {
      g_auto(SaleRecord) record = { 0 };

      if (!load_sale_record (db, till, ref, &record, error))
        return NULL;
      return sale_body (&record);
    }

  if (g_str_equal (type, "void"))
    {
      g_auto(LapakStmt) stmt = NULL;
      g_autofree char *void_id = lapak_void_id (till, ref);
      g_autofree char *sale_id = NULL;
      int rc;

      if (!(stmt = lapak_db_prepare (db,
                                     "SELECT sale_till, sale_seq, shift_seq, reason, cashier, approver "
                                     "FROM sale_void WHERE till_id = ?1 AND seq = ?2",
                                     error)))
        return NULL;
      lapak_stmt_bind_text (stmt, 1, till);
      sqlite3_bind_int64 (stmt, 2, ref);
      rc = lapak_db_step (db, stmt, error);
      if (rc != SQLITE_ROW)
        {
          if (rc == SQLITE_DONE)
            g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND, _("Void %s is missing."), void_id);
          return NULL;
        }
      sale_id = lapak_sale_id (lapak_stmt_text (stmt, 0), sqlite3_column_int64 (stmt, 1));
      return void_body (void_id, sale_id, sqlite3_column_int64 (stmt, 2), lapak_stmt_text (stmt, 3),
                        lapak_stmt_text (stmt, 4), lapak_stmt_text (stmt, 5));
    }

  if (g_str_equal (type, "refund"))
    return refund_body (db, ref, error);

  if (g_str_equal (type, "settlement") || g_str_equal (type, "charge") || g_str_equal (type, "payout"))
    return _lapak_settle_record_body (db, type, ref, error);

  if (g_str_equal (type, "stock_return"))
    return _lapak_stock_record_body (db, ref, error);

  return _lapak_shift_record_body (db, type, ref, error);
}

/**
 * lapak_cart_line_total:
 * @line: the index of a line of @cart
 *
 * What one line adds to the total: quantity × (unit price − unit discount).
 *
 * Returns: the line's amount in rupiah
 */
int64_t
lapak_cart_line_total (LapakCart *cart,
                       guint      line)
{
  g_return_val_if_fail (cart != NULL && line < cart->lines->len, 0);
  return line_total (g_ptr_array_index (cart->lines, line));
}

/**
 * lapak_cart_remaining:
 *
 * What is left to pay after the payments added so far with an amount (a
 * "rest" payment counts for nothing): the total minus their sum, or 0 when
 * they cover it.
 *
 * Returns: rupiah still to pay
 */
int64_t
lapak_cart_remaining (LapakCart *cart)
{
  int64_t left;

  g_return_val_if_fail (cart != NULL, 0);

  left = lapak_cart_total (cart);
  for (guint i = 0; i < cart->requested->len; i++)
    {
      const LapakPayment *p = &g_array_index (cart->requested, LapakPayment, i);

      if (p->amount != LAPAK_PAY_REST)
        left -= p->amount;
    }
  return MAX (left, 0);
}
