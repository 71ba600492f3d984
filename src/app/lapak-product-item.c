/* lapak-product-item.c — one product as the search grid shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include "lapak-product-item.h"

struct _LapakProductItem
{
  GObject  parent_instance;

  char    *code;
  char    *name;
  char    *tenant;
  int64_t  price;
};

G_DEFINE_FINAL_TYPE (LapakProductItem, lapak_product_item, G_TYPE_OBJECT)

static void
lapak_product_item_finalize (GObject *object)
{
  LapakProductItem *self = LAPAK_PRODUCT_ITEM (object);

  g_free (self->code);
  g_free (self->name);
  g_free (self->tenant);
  G_OBJECT_CLASS (lapak_product_item_parent_class)->finalize (object);
}

static void
lapak_product_item_class_init (LapakProductItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lapak_product_item_finalize;
}

static void
lapak_product_item_init (LapakProductItem *self)
{
}

LapakProductItem *
lapak_product_item_new (const LapakProductHit *hit)
{
  LapakProductItem *self = g_object_new (LAPAK_TYPE_PRODUCT_ITEM, NULL);

  self->code = g_strdup (hit->code);
  self->name = g_strdup (hit->name);
  self->tenant = g_strdup (hit->tenant);
  self->price = hit->price;
  return self;
}

const char *
lapak_product_item_get_code (LapakProductItem *self)
{
  g_return_val_if_fail (LAPAK_IS_PRODUCT_ITEM (self), NULL);
  return self->code;
}

const char *
lapak_product_item_get_name (LapakProductItem *self)
{
  g_return_val_if_fail (LAPAK_IS_PRODUCT_ITEM (self), NULL);
  return self->name;
}

const char *
lapak_product_item_get_tenant (LapakProductItem *self)
{
  g_return_val_if_fail (LAPAK_IS_PRODUCT_ITEM (self), NULL);
  return self->tenant;
}

int64_t
lapak_product_item_get_price (LapakProductItem *self)
{
  g_return_val_if_fail (LAPAK_IS_PRODUCT_ITEM (self), 0);
  return self->price;
}
