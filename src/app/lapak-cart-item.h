/* lapak-cart-item.h — one cart line as the cart list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <stdint.h>

G_BEGIN_DECLS

#define LAPAK_TYPE_CART_ITEM (lapak_cart_item_get_type ())
G_DECLARE_FINAL_TYPE (LapakCartItem, lapak_cart_item, LAPAK, CART_ITEM, GObject)

LapakCartItem *lapak_cart_item_new        (guint        line,
                                           const char  *code,
                                           const char  *name,
                                           const char  *tenant,
                                           int64_t      qty,
                                           int64_t      unit_price,
                                           int64_t      line_total);
guint          lapak_cart_item_get_line   (LapakCartItem *self);
const char    *lapak_cart_item_get_code   (LapakCartItem *self);
const char    *lapak_cart_item_get_name   (LapakCartItem *self);
const char    *lapak_cart_item_get_tenant (LapakCartItem *self);
int64_t        lapak_cart_item_get_qty    (LapakCartItem *self);
int64_t        lapak_cart_item_get_unit_price (LapakCartItem *self);
int64_t        lapak_cart_item_get_total  (LapakCartItem *self);
gboolean       lapak_cart_item_equal      (LapakCartItem *a,
                                           LapakCartItem *b);

G_END_DECLS
