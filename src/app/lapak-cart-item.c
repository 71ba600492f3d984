/* lapak-cart-item.c — one cart line as the cart list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A snapshot of a LapakCart line: the cart (in the core) is the truth, and
 * the window rebuilds its list of items after every change.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "lapak-cart-item.h"

struct _LapakCartItem
{
  GObject  parent_instance;

  guint    line;
  char    *code;
  char    *name;
  char    *tenant;
  int64_t  qty;
  int64_t  unit_price;
  int64_t  total;
};

G_DEFINE_FINAL_TYPE (LapakCartItem, lapak_cart_item, G_TYPE_OBJECT)

static void
lapak_cart_item_finalize (GObject *object)
{
  LapakCartItem *self = LAPAK_CART_ITEM (object);

  g_free (self->code);
  g_free (self->name);
  g_free (self->tenant);
  G_OBJECT_CLASS (lapak_cart_item_parent_class)->finalize (object);
}

static void
lapak_cart_item_class_init (LapakCartItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lapak_cart_item_finalize;
}

static void
lapak_cart_item_init (LapakCartItem *self)
{
}

LapakCartItem *
lapak_cart_item_new (guint        line,
                     const char  *code,
                     const char  *name,
                     const char  *tenant,
                     int64_t      qty,
                     int64_t      unit_price,
                     int64_t      line_total)
{
  LapakCartItem *self = g_object_new (LAPAK_TYPE_CART_ITEM, NULL);

  self->line = line;
  self->code = g_strdup (code);
  self->name = g_strdup (name);
  self->tenant = g_strdup (tenant);
  self->qty = qty;
  self->unit_price = unit_price;
  self->total = line_total;
  return self;
}

guint
lapak_cart_item_get_line (LapakCartItem *self)
{
  g_return_val_if_fail (LAPAK_IS_CART_ITEM (self), 0);
  return self->line;
}

const char *
lapak_cart_item_get_code (LapakCartItem *self)
{
  g_return_val_if_fail (LAPAK_IS_CART_ITEM (self), NULL);
  return self->code;
}

const char *
lapak_cart_item_get_name (LapakCartItem *self)
{
  g_return_val_if_fail (LAPAK_IS_CART_ITEM (self), NULL);
  return self->name;
}

const char *
lapak_cart_item_get_tenant (LapakCartItem *self)
{
  g_return_val_if_fail (LAPAK_IS_CART_ITEM (self), NULL);
  return self->tenant;
}

int64_t
lapak_cart_item_get_qty (LapakCartItem *self)
{
  g_return_val_if_fail (LAPAK_IS_CART_ITEM (self), 0);
  return self->qty;
}

int64_t
lapak_cart_item_get_unit_price (LapakCartItem *self)
{
  g_return_val_if_fail (LAPAK_IS_CART_ITEM (self), 0);
  return self->unit_price;
}

int64_t
lapak_cart_item_get_total (LapakCartItem *self)
{
  g_return_val_if_fail (LAPAK_IS_CART_ITEM (self), 0);
  return self->total;
}

/* Whether @a and @b show the same row (the list then keeps its widget). */
gboolean
lapak_cart_item_equal (LapakCartItem *a,
                       LapakCartItem *b)
{
  g_return_val_if_fail (LAPAK_IS_CART_ITEM (a), FALSE);
  g_return_val_if_fail (LAPAK_IS_CART_ITEM (b), FALSE);

  return a->line == b->line &&
         a->qty == b->qty &&
         a->unit_price == b->unit_price &&
         a->total == b->total &&
         g_strcmp0 (a->code, b->code) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->tenant, b->tenant) == 0;
}
