/* lapak-receipt-rows.h — a receipt as a list of rows, shared by the
 * ESC/POS and PDF renderers (private to src/print)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lapak-receipt.h"

G_BEGIN_DECLS

typedef enum
{
  LAPAK_ROW_CENTER,   /* left, centred */
  LAPAK_ROW_PAIR,     /* left …… right */
  LAPAK_ROW_RULE,     /* a line across */
  LAPAK_ROW_HASH,     /* left is a long token, broken over as many lines as it needs */
  LAPAK_ROW_QR,       /* left is the QR payload */
} LapakRowKind;

typedef enum
{
  LAPAK_ROW_PLAIN = 0,
  LAPAK_ROW_BOLD  = 1 << 0,
  LAPAK_ROW_BIG   = 1 << 1,
} LapakRowStyle;

typedef struct
{
  LapakRowKind   kind;
  LapakRowStyle  style;
  char          *left;
  char          *right;
} LapakReceiptRow;

GPtrArray *lapak_receipt_rows (const LapakReceipt *receipt);

G_END_DECLS
