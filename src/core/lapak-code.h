/* lapak-code.h — product label codes and retail barcodes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LAPAK_TENANT_CODE_MIN 2
#define LAPAK_TENANT_CODE_MAX 8

gboolean  lapak_tenant_code_validate   (const char  *code,
                                        GError     **error);
char     *lapak_product_code_make      (const char  *tenant_code,
                                        guint        serial);
gboolean  lapak_product_code_validate  (const char  *code,
                                        GError     **error);
char     *lapak_product_code_normalize (const char  *text);
char     *lapak_product_code_tenant    (const char  *code);
gboolean  lapak_barcode_validate       (const char  *barcode,
                                        GError     **error);

G_END_DECLS
