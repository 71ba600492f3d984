/* lapak-sale.h — carts, payments, durable sales, voids and refunds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

#define LAPAK_MAX_QTY 9999

typedef enum
{
  LAPAK_PAY_CASH,
  LAPAK_PAY_QRIS,
  LAPAK_PAY_TRANSFER,
  LAPAK_PAY_CARD,
  LAPAK_PAY_EWALLET,
  LAPAK_PAY_N_METHODS,
} LapakPayMethod;

/* "The rest of the total" as a payment amount. */
#define LAPAK_PAY_REST (-1)

typedef struct
{
  char    *code;
  char    *tenant;
  char    *name;
  int64_t  qty;
  int64_t  list_price;     /* the catalogue price */
  int64_t  unit_price;     /* list price, or an approved override */
  int64_t  unit_discount;  /* per unit, approved */
  char    *approver;       /* who approved the override or discount */
} LapakCartLine;

typedef struct
{
  LapakPayMethod  method;
  int64_t         amount;    /* money kept; for cash, net of change */
  int64_t         tendered;  /* money handed over (cash), else = amount */
  char           *reference;
} LapakPayment;

typedef struct _LapakCart LapakCart;

typedef struct
{
  char      *id;         /* "K1-000042" */
  int64_t    seq;
  int64_t    total;
  int64_t    paid;       /* money handed over, all methods */
  int64_t    change;
  char      *hash;       /* the journal hash of the sale */
  GPtrArray *lines;      /* LapakCartLine */
  GArray    *payments;   /* LapakPayment */
  GPtrArray *warnings;   /* char*: e.g. sold more than in stock */
} LapakSale;

const char *lapak_pay_method_to_string   (LapakPayMethod  method);
gboolean    lapak_pay_method_from_string (const char     *text,
                                          LapakPayMethod *out_method,
                                          GError        **error);
const char *lapak_pay_method_display     (LapakPayMethod  method);

gboolean    lapak_scan_parse      (const char      *input,
                                   char           **out_code,
                                   int64_t         *out_qty,
                                   GError         **error);
gboolean    lapak_payment_parse   (const char      *text,
                                   LapakPayMethod  *out_method,
                                   int64_t         *out_amount,
                                   GError         **error);
char       *lapak_sale_id         (const char      *till_id,
                                   int64_t          seq);
char       *lapak_void_id         (const char      *till_id,
                                   int64_t          seq);
char       *lapak_refund_id       (const char      *till_id,
                                   int64_t          seq);
gboolean    lapak_sale_id_parse   (const char      *id,
                                   char           **out_till,
                                   int64_t         *out_seq,
                                   GError         **error);

LapakCart  *lapak_cart_new        (LapakDb         *db,
                                   GError         **error);
void        lapak_cart_free       (LapakCart       *cart);
gboolean    lapak_cart_scan       (LapakCart       *cart,
                                   const char      *input,
                                   GError         **error);
gboolean    lapak_cart_set_qty    (LapakCart       *cart,
                                   guint            line,
                                   int64_t          qty,
                                   GError         **error);
void        lapak_cart_remove     (LapakCart       *cart,
                                   guint            line);
gboolean    lapak_cart_set_discount (LapakCart       *cart,
                                     guint            line,
                                     int64_t          unit_discount,
                                     const LapakUser *approver,
                                     GError         **error);
gboolean    lapak_cart_set_price  (LapakCart       *cart,
                                   guint            line,
                                   int64_t          unit_price,
                                   const LapakUser *approver,
                                   GError         **error);
guint       lapak_cart_n_lines    (LapakCart       *cart);
const LapakCartLine *lapak_cart_line (LapakCart    *cart,
                                      guint         line);
int64_t     lapak_cart_total      (LapakCart       *cart);
int64_t     lapak_cart_line_total (LapakCart       *cart,
                                   guint            line);
int64_t     lapak_cart_remaining  (LapakCart       *cart);
gboolean    lapak_cart_add_payment (LapakCart      *cart,
                                    LapakPayMethod  method,
                                    int64_t         amount,
                                    const char     *reference,
                                    GError        **error);
void        lapak_cart_clear_payments (LapakCart   *cart);
gboolean    lapak_cart_check      (LapakCart       *cart,
                                   GError         **error);

LapakSale  *lapak_sale_commit     (LapakDb         *db,
                                   const LapakUser *cashier,
                                   LapakCart       *cart,
                                   GError         **error);
void        lapak_sale_free       (LapakSale       *sale);

gboolean    lapak_sale_void       (LapakDb         *db,
                                   const LapakUser *cashier,
                                   const LapakUser *approver,
                                   const char      *sale_id,
                                   const char      *reason,
                                   GError         **error);
gboolean    lapak_sale_void_full  (LapakDb         *db,
                                   const LapakUser *cashier,
                                   const LapakUser *approver,
                                   const char      *sale_id,
                                   const char      *reason,
                                   char           **out_void_id,
                                   GError         **error);

typedef struct
{
  const char *code;
  int64_t     qty;
} LapakRefundItem;

gboolean    lapak_sale_refund     (LapakDb               *db,
                                   const LapakUser       *cashier,
                                   const LapakUser       *approver,
                                   const char            *sale_id,
                                   const LapakRefundItem *items,
                                   guint                  n_items,
                                   LapakPayMethod         method,
                                   const char            *reason,
                                   int64_t               *out_amount,
                                   GError               **error);
gboolean    lapak_sale_refund_full (LapakDb               *db,
                                    const LapakUser       *cashier,
                                    const LapakUser       *approver,
                                    const char            *sale_id,
                                    const LapakRefundItem *items,
                                    guint                  n_items,
                                    LapakPayMethod         method,
                                    const char            *reason,
                                    char                 **out_refund_id,
                                    int64_t               *out_amount,
                                    GError               **error);

/* Units of each line of a sale already refunded, and still refundable. */
typedef struct
{
  int64_t  sold;
  int64_t  refunded;
  int64_t  refundable;   /* sold − refunded; 0 for a voided sale */
} LapakRefundable;

GArray     *lapak_sale_refundable (LapakDb               *db,
                                   const char            *sale_id,
                                   GError               **error);

/* For the journal verifier: the canonical body of the record a journal
 * entry of @type describes. */
char       *_lapak_record_body    (LapakDb         *db,
                                   const char      *type,
                                   int64_t          ref,
                                   GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakCart, lapak_cart_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakSale, lapak_sale_free)

G_END_DECLS
