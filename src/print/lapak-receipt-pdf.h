/* lapak-receipt-pdf.h — a receipt as a PDF of the paper's width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lapak-escpos.h"
#include "lapak-receipt.h"

G_BEGIN_DECLS

GBytes *lapak_receipt_pdf (const LapakReceipt  *receipt,
                           LapakPaperWidth      width,
                           GError             **error);

G_END_DECLS
