/* lapak-receipt.h — what a receipt says, and its plain-text form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "lapak-db.h"
#include "lapak-sale.h"

G_BEGIN_DECLS

typedef struct
{
  char      *tenant_code;
  char      *tenant_name;
  GPtrArray *lines;        /* LapakCartLine, borrowed from the receipt's sale lines */
  int64_t    subtotal;
} LapakReceiptGroup;

typedef struct
{
  char      *event_name;
  char      *till_id;
  char      *cashier;
  char      *sale_id;
  int64_t    at;           /* µs since 1970, UTC */
  GPtrArray *lines;        /* LapakCartLine */
  GPtrArray *groups;       /* LapakReceiptGroup, lines grouped by tenant */
  GArray    *payments;     /* LapakPayment */
  int64_t    total;
  int64_t    paid;
  int64_t    change;
  char      *hash;         /* the sale's journal hash */
  char      *qr_text;      /* identifies the sale: "LAPAK:K1-000042" */
  gboolean   voided;
  gboolean   reprint;
} LapakReceipt;

LapakReceipt *lapak_receipt_load        (LapakDb       *db,
                                         const char    *sale_id,
                                         GError       **error);
char         *lapak_receipt_format_text (LapakReceipt  *receipt,
                                         guint          columns);
void          lapak_receipt_free        (LapakReceipt  *receipt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakReceipt, lapak_receipt_free)

G_END_DECLS
