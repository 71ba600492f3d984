/* lapak-print-settings.h — which printers this till uses, and how
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lapak-auth.h"
#include "lapak-db.h"
#include "lapak-escpos.h"
#include "lapak-receipt.h"

G_BEGIN_DECLS

typedef enum
{
  LAPAK_RECEIPT_ESCPOS,   /* a thermal printer on a raw queue */
  LAPAK_RECEIPT_PDF,      /* a printer with a CUPS driver */
} LapakReceiptFormat;

typedef struct
{
  char               *receipt_queue;   /* NULL: receipts are not printed */
  LapakReceiptFormat  receipt_format;
  LapakPaperWidth     receipt_width;
  gboolean            open_drawer;     /* kick the drawer with each cash receipt (ESC/POS) */
  char               *label_queue;     /* NULL: labels go to a file */
  char               *label_layout;    /* a lapak_label_layouts() name */
  char               *documents_queue; /* A4 documents (settlement statements); NULL: none */
} LapakPrintSettings;

LapakPrintSettings *lapak_print_settings_load  (LapakDb                   *db,
                                                GError                   **error);
gboolean            lapak_print_settings_save  (LapakDb                   *db,
                                                const LapakUser           *actor,
                                                const LapakPrintSettings  *settings,
                                                GError                   **error);
const char         *lapak_receipt_format_to_string   (LapakReceiptFormat   format);
gboolean            lapak_receipt_format_from_string (const char          *text,
                                                      LapakReceiptFormat  *out_format,
                                                      GError             **error);
gboolean            lapak_print_settings_open_drawer (const LapakPrintSettings *settings,
                                                      const LapakReceipt       *receipt);
GBytes             *lapak_print_settings_receipt     (const LapakPrintSettings *settings,
                                                      const LapakReceipt       *receipt,
                                                      const char              **out_format,
                                                      GError                  **error);
void                lapak_print_settings_free  (LapakPrintSettings        *settings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakPrintSettings, lapak_print_settings_free)

G_END_DECLS
