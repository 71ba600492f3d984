/* lapak-product-item.h — one product as the search grid shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <stdint.h>

#include "lapak-search.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_PRODUCT_ITEM (lapak_product_item_get_type ())
G_DECLARE_FINAL_TYPE (LapakProductItem, lapak_product_item, LAPAK, PRODUCT_ITEM, GObject)

LapakProductItem *lapak_product_item_new        (const LapakProductHit *hit);
const char       *lapak_product_item_get_code   (LapakProductItem      *self);
const char       *lapak_product_item_get_name   (LapakProductItem      *self);
const char       *lapak_product_item_get_tenant (LapakProductItem      *self);
int64_t           lapak_product_item_get_price  (LapakProductItem      *self);

G_END_DECLS
