/* lapak-product-model.c — the products a search finds, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core finds the products (lapak_product_search: words of the name,
 * a tenant); the model holds its answer as plain structs and makes an item
 * object only for the rows a view asks for, so 50,000 products cost one
 * query and no 50,000 objects, and the list view makes widgets only for
 * what is on screen.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include "lapak-product-item.h"
#include "lapak-product-model.h"
#include "lapak-search.h"

struct _LapakProductModel
{
  GObject    parent_instance;

  LapakDb   *db;
  GPtrArray *hits;    /* LapakProductHit */
  GPtrArray *items;   /* LapakProductItem or NULL, made when asked for */
};

static void lapak_product_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LapakProductModel, lapak_product_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, lapak_product_model_list_init))

static GType
get_item_type (GListModel *list)
{
  return LAPAK_TYPE_PRODUCT_ITEM;
}

static guint
get_n_items (GListModel *list)
{
  return LAPAK_PRODUCT_MODEL (list)->hits->len;
}

static gpointer
get_item (GListModel *list,
          guint       position)
{
  LapakProductModel *self = LAPAK_PRODUCT_MODEL (list);

  if (position >= self->hits->len)
    return NULL;
  if (g_ptr_array_index (self->items, position) == NULL)
    g_ptr_array_index (self->items, position) = lapak_product_item_new (g_ptr_array_index (self->hits, position));
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
lapak_product_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
item_unref (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
lapak_product_model_dispose (GObject *object)
{
  LapakProductModel *self = LAPAK_PRODUCT_MODEL (object);

  g_clear_object (&self->db);
  G_OBJECT_CLASS (lapak_product_model_parent_class)->dispose (object);
}

static void
lapak_product_model_finalize (GObject *object)
{
  LapakProductModel *self = LAPAK_PRODUCT_MODEL (object);

  g_ptr_array_unref (self->hits);
  g_ptr_array_unref (self->items);
  G_OBJECT_CLASS (lapak_product_model_parent_class)->finalize (object);
}

static void
lapak_product_model_class_init (LapakProductModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lapak_product_model_dispose;
  object_class->finalize = lapak_product_model_finalize;
}

static void
lapak_product_model_init (LapakProductModel *self)
{
  self->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) lapak_product_hit_free);
  self->items = g_ptr_array_new_with_free_func (item_unref);
}

/**
 * lapak_product_model_new:
 *
 * Returns: (transfer full): an empty model; set a query to fill it
 */
LapakProductModel *
lapak_product_model_new (LapakDb *db)
{
  LapakProductModel *self = g_object_new (LAPAK_TYPE_PRODUCT_MODEL, NULL);

  self->db = g_object_ref (db);
  return self;
}

/**
 * lapak_product_model_set_query:
 * @text: (nullable): words of the name or code
 * @tenant_code: (nullable): only this tenant's products
 *
 * Asks the core again; on an error the model keeps what it showed.
 */
gboolean
lapak_product_model_set_query (LapakProductModel  *self,
                               const char         *text,
                               const char         *tenant_code,
                               GError            **error)
{
  GPtrArray *hits;
  guint removed;

  g_return_val_if_fail (LAPAK_IS_PRODUCT_MODEL (self), FALSE);

  if (!(hits = lapak_product_search (self->db, text, tenant_code, 0, error)))
    return FALSE;
  removed = self->hits->len;
  g_ptr_array_unref (self->hits);
  self->hits = hits;
  g_ptr_array_set_size (self->items, 0);
  g_ptr_array_set_size (self->items, hits->len);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, hits->len);
  return TRUE;
}
