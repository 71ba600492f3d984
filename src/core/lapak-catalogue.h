/* lapak-catalogue.h — the organiser's curation of products, and what each
 * user may see of the catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "lapak-auth.h"
#include "lapak-db.h"
#include "lapak-ledger.h"

G_BEGIN_DECLS

/* lapak_product_list_for_user()'s @status: every status. */
#define LAPAK_PRODUCT_ANY_STATUS (-1)

gboolean    lapak_product_status_parse  (const char          *text,
                                         LapakProductStatus  *out_status,
                                         GError             **error);
gboolean    lapak_product_approve       (LapakDb             *db,
                                         const LapakUser     *actor,
                                         const char * const  *codes,
                                         guint               *out_changed,
                                         GError             **error);
gboolean    lapak_product_deactivate    (LapakDb             *db,
                                         const LapakUser     *actor,
                                         const char          *code,
                                         GError             **error);
gboolean    lapak_product_set_price     (LapakDb             *db,
                                         const LapakUser     *actor,
                                         const char          *code,
                                         int64_t              price,
                                         GError             **error);
LapakProduct *lapak_product_get         (LapakDb             *db,
                                         const char          *code,
                                         GError             **error);
GPtrArray  *lapak_product_list_for_user (LapakDb             *db,
                                         const LapakUser     *actor,
                                         const char          *tenant_code,
                                         int                  status,
                                         GError             **error);

G_END_DECLS
