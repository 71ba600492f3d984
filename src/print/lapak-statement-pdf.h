/* lapak-statement-pdf.h — settlement statements as A4 PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lapak-statement.h"

G_BEGIN_DECLS

GBytes *lapak_statement_tenant_pdf  (const LapakStatement  *statement,
                                     guint                  index,
                                     GError               **error);
GBytes *lapak_statement_summary_pdf (const LapakStatement  *statement,
                                     GError               **error);

G_END_DECLS
