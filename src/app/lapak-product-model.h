/* lapak-product-model.h — the products a search finds, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lapak-db.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_PRODUCT_MODEL (lapak_product_model_get_type ())
G_DECLARE_FINAL_TYPE (LapakProductModel, lapak_product_model, LAPAK, PRODUCT_MODEL, GObject)

LapakProductModel *lapak_product_model_new       (LapakDb            *db);
gboolean           lapak_product_model_set_query (LapakProductModel  *self,
                                                  const char         *text,
                                                  const char         *tenant_code,
                                                  GError            **error);

G_END_DECLS
