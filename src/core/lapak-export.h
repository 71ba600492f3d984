/* lapak-export.h — tenants, products and sale lines as CSV for spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lapak-auth.h"
#include "lapak-db.h"
#include "lapak-settle.h"

G_BEGIN_DECLS

typedef enum
{
  LAPAK_CSV_STYLE_PLAIN,   /* "," UTF-8, "." in decimals: LibreOffice, scripts */
  LAPAK_CSV_STYLE_EXCEL,   /* ";" with a UTF-8 BOM, "," in decimals: Excel in id_ID */
} LapakCsvStyle;

gboolean lapak_export_tenants     (LapakDb          *db,
                                   const LapakUser  *actor,
                                   LapakCsvStyle     style,
                                   GString          *out,
                                   GError          **error);
gboolean lapak_export_products    (LapakDb          *db,
                                   const LapakUser  *actor,
                                   const char       *tenant_code,
                                   LapakCsvStyle     style,
                                   GString          *out,
                                   GError          **error);
gboolean lapak_export_sales_lines (LapakDb          *db,
                                   const LapakUser  *actor,
                                   const char       *tenant_code,
                                   const char       *event_code,
                                   LapakCsvStyle     style,
                                   GString          *out,
                                   GError          **error);
void     lapak_export_settlement  (const LapakSettlement *settlement,
                                   LapakCsvStyle     style,
                                   GString          *out);

G_END_DECLS
