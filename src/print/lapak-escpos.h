/* lapak-escpos.h — a receipt as ESC/POS bytes for thermal printers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lapak-receipt.h"

G_BEGIN_DECLS

typedef enum
{
  LAPAK_PAPER_58MM = 58,   /* 32 characters a line */
  LAPAK_PAPER_80MM = 80,   /* 48 characters a line */
} LapakPaperWidth;

typedef struct
{
  LapakPaperWidth width;
  gboolean        open_drawer;  /* kick the cash drawer before printing */
} LapakEscposOptions;

guint     lapak_paper_columns          (LapakPaperWidth  width);
gboolean  lapak_paper_width_parse      (const char      *text,
                                        LapakPaperWidth *out_width,
                                        GError         **error);
GBytes   *lapak_escpos_receipt         (const LapakReceipt        *receipt,
                                        const LapakEscposOptions  *options);
GBytes   *lapak_escpos_drawer_kick     (void);
void      lapak_escpos_encode_text     (GByteArray      *out,
                                        const char      *utf8);
char     *lapak_escpos_describe        (GBytes          *bytes);

G_END_DECLS
