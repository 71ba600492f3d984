/* lapak-catalogue.c — the organiser's curation of products, and what each
 * user may see of the catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A product a tenant adds is "pending" until an organiser approves it
 * ("active"); an organiser may take it off sale again ("inactive") and
 * approve it back. Only active products are sold (lapak-sale.c refuses the
 * others at the scan). A price change applies to sales from then on: every
 * sale line keeps the price it was sold at, so past sales, receipts and
 * settlements never change.
 *
 * These are catalogue records, not money or stock: like adding a product,
 * they are not journal entries (the journal covers what moves money or
 * stock, see lapak-journal.c).
 *
 * A tenant user sees only its own tenant's products; other users see all.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <glib/gi18n-lib.h>

#include "lapak-catalogue.h"
#include "lapak-error.h"
#include "lapak-money.h"

/**
 * lapak_product_status_parse:
 *
 * "pending", "active" (or "approved") or "inactive", in any case; the
 * Indonesian "menunggu", "aktif" and "nonaktif" too.
 */
gboolean
lapak_product_status_parse (const char          *text,
                            LapakProductStatus  *out_status,
                            GError             **error)
{
  static const struct { const char *name; LapakProductStatus status; } names[] = {
    { "pending", LAPAK_PRODUCT_PENDING }, { "menunggu", LAPAK_PRODUCT_PENDING },
    { "active", LAPAK_PRODUCT_ACTIVE }, { "approved", LAPAK_PRODUCT_ACTIVE },
    { "aktif", LAPAK_PRODUCT_ACTIVE },
    { "inactive", LAPAK_PRODUCT_INACTIVE }, { "nonaktif", LAPAK_PRODUCT_INACTIVE },
  };

  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i].name) == 0)
      {
        *out_status = names[i].status;
        return TRUE;
      }

  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
               _("“%s” is not a product status: use pending, active or inactive."), text);
  return FALSE;
}

/* The product @code's tenant and status; a NOT_FOUND error if none. */
static gboolean
product_lookup (LapakDb             *db,
                const char          *code,
                char               **out_tenant,
                LapakProductStatus  *out_status,
                GError             **error)
{
  g_auto(LapakStmt) stmt = NULL;
  const char *status;
  int rc;

  if (!(stmt = lapak_db_prepare (db, "SELECT tenant_code, status FROM product WHERE code = ?1", error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, code);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no product with code %s. “lapakctl product list” shows the products."),
                   code);
      return FALSE;
    }

  status = lapak_stmt_text (stmt, 1);
  if (out_tenant != NULL)
    *out_tenant = g_strdup (lapak_stmt_text (stmt, 0));
  if (out_status != NULL)
    *out_status = g_strcmp0 (status, "pending") == 0 ? LAPAK_PRODUCT_PENDING
                : g_strcmp0 (status, "active") == 0 ? LAPAK_PRODUCT_ACTIVE
                : LAPAK_PRODUCT_INACTIVE;
  return TRUE;
}

static gboolean
set_status (LapakDb             *db,
            const char          *code,
            LapakProductStatus   status,
            GError             **error)
{
  g_auto(LapakStmt) stmt = NULL;

  if (!(stmt = lapak_db_prepare (db, "UPDATE product SET status = ?2 WHERE code = ?1", error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, code);
  lapak_stmt_bind_text (stmt, 2, lapak_product_status_to_string (status));
  return lapak_db_step (db, stmt, error) == SQLITE_DONE;
}

typedef struct
{
  const char * const *codes;
  guint               changed;
} Approve;

static gboolean
approve_txn (LapakDb  *db,
             gpointer  user_data,
             GError  **error)
{
  Approve *ap = user_data;

  ap->changed = 0;
  for (guint i = 0; ap->codes[i] != NULL; i++)
    {
      LapakProductStatus status;

      if (!product_lookup (db, ap->codes[i], NULL, &status, error))
        return FALSE;
      if (status == LAPAK_PRODUCT_ACTIVE)
        continue;
      if (!set_status (db, ap->codes[i], LAPAK_PRODUCT_ACTIVE, error))
        return FALSE;
      ap->changed++;
    }
  return TRUE;
}

/**
 * lapak_product_approve:
 * @codes: %NULL-terminated product codes
 * @out_changed: (optional): how many were not active before
 *
 * Lets products be sold: pending ones (added by tenants) and deactivated
 * ones become active. All or none: an unknown code changes nothing. Only
 * an organiser may do it.
 */
gboolean
lapak_product_approve (LapakDb             *db,
                       const LapakUser     *actor,
                       const char * const  *codes,
                       guint               *out_changed,
                       GError             **error)
{
  Approve ap = { codes, 0 };

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (codes != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_CURATE_PRODUCTS, error))
    return FALSE;
  if (codes[0] == NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("Name at least one product to approve."));
      return FALSE;
    }

  if (!lapak_db_transaction (db, approve_txn, &ap, error))
    return FALSE;
  if (out_changed != NULL)
    *out_changed = ap.changed;
  return TRUE;
}

static gboolean
deactivate_txn (LapakDb  *db,
                gpointer  user_data,
                GError  **error)
{
  const char *code = user_data;

  return product_lookup (db, code, NULL, NULL, error) &&
         set_status (db, code, LAPAK_PRODUCT_INACTIVE, error);
}

/**
 * lapak_product_deactivate:
 *
 * Takes a product off sale: it is refused at the till until an organiser
 * approves it again. Its past sales, stock and labels stay. Only an
 * organiser may do it.
 */
gboolean
lapak_product_deactivate (LapakDb          *db,
                          const LapakUser  *actor,
                          const char       *code,
                          GError          **error)
{
  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_CURATE_PRODUCTS, error))
    return FALSE;
  return lapak_db_transaction (db, deactivate_txn, (gpointer)code, error);
}

typedef struct
{
  const char *code;
  int64_t     price;
} SetPrice;

static gboolean
set_price_txn (LapakDb  *db,
               gpointer  user_data,
               GError  **error)
{
  SetPrice *sp = user_data;
  g_auto(LapakStmt) stmt = NULL;

  if (!product_lookup (db, sp->code, NULL, NULL, error))
    return FALSE;
  if (!(stmt = lapak_db_prepare (db, "UPDATE product SET price = ?2 WHERE code = ?1", error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, sp->code);
  sqlite3_bind_int64 (stmt, 2, sp->price);
  return lapak_db_step (db, stmt, error) == SQLITE_DONE;
}

/**
 * lapak_product_set_price:
 *
 * Changes a product's price for the sales from now on. Every sale line
 * keeps the price it was sold at: past sales, their receipts, refunds and
 * settlements are unchanged. Only an organiser may do it.
 */
gboolean
lapak_product_set_price (LapakDb          *db,
                         const LapakUser  *actor,
                         const char       *code,
                         int64_t           price,
                         GError          **error)
{
  SetPrice sp = { code, price };

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_CURATE_PRODUCTS, error))
    return FALSE;
  if (price <= 0 || price > LAPAK_MONEY_MAX)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("A price must be more than Rp0."));
      return FALSE;
    }
  return lapak_db_transaction (db, set_price_txn, &sp, error);
}

/**
 * lapak_product_get:
 *
 * One product with its stock in the active event, or a NOT_FOUND error.
 */
LapakProduct *
lapak_product_get (LapakDb     *db,
                   const char  *code,
                   GError     **error)
{
  g_autofree char *tenant = NULL;
  g_autoptr(GPtrArray) products = NULL;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (!product_lookup (db, code, &tenant, NULL, error) ||
      !(products = lapak_product_list (db, tenant, error)))
    return NULL;

  for (guint i = 0; i < products->len; i++)
    {
      LapakProduct *p = g_ptr_array_index (products, i);

      if (g_str_equal (p->code, code))
        return g_ptr_array_steal_index (products, i);
    }
  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
               _("There is no product with code %s. “lapakctl product list” shows the products."),
               code);
  return NULL;
}

/**
 * lapak_product_list_for_user:
 * @actor: the user asking
 * @tenant_code: (nullable): only this tenant's products
 * @status: a #LapakProductStatus, or %LAPAK_PRODUCT_ANY_STATUS
 *
 * The products @actor may see, with their stock in the active event: a
 * tenant user sees only its own tenant's (asking for another tenant's is
 * refused), every other user sees all.
 *
 * Returns: (transfer container) (element-type LapakProduct): the products
 */
GPtrArray *
lapak_product_list_for_user (LapakDb          *db,
                             const LapakUser  *actor,
                             const char       *tenant_code,
                             int               status,
                             GError          **error)
{
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) visible = NULL;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);

  if (actor == NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                   _("Log in first: this needs a user with a PIN."));
      return NULL;
    }

  if (lapak_user_get_role (actor) == LAPAK_ROLE_TENANT)
    {
      const char *own = lapak_user_get_tenant (actor);

      if (tenant_code != NULL && g_strcmp0 (tenant_code, own) != 0)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                       _("%s belongs to tenant %s and may see only tenant %s's products."),
                       lapak_user_get_name (actor), own, own);
          return NULL;
        }
      tenant_code = own;
    }

  if (!(products = lapak_product_list (db, tenant_code, error)))
    return NULL;

  visible = g_ptr_array_new_with_free_func ((GDestroyNotify)lapak_product_free);
  for (guint i = 0; i < products->len; i++)
    {
      LapakProduct *p = g_ptr_array_index (products, i);

      if (status == LAPAK_PRODUCT_ANY_STATUS || (int)p->status == status)
        g_ptr_array_add (visible, g_steal_pointer (&products->pdata[i]));
    }
  return g_steal_pointer (&visible);
}
