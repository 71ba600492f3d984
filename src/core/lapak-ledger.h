/* lapak-ledger.h — events, tenants, products, stock and tenant accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

/* "Use the event's terms" for a tenant's commission or booth fee. */
#define LAPAK_TERMS_DEFAULT (-1)

typedef enum
{
  LAPAK_EVENT_BAZAAR,
  LAPAK_EVENT_TRADING_HOUSE,
} LapakEventKind;

typedef enum
{
  LAPAK_PRODUCT_PENDING,   /* added by a tenant, waits for the organiser */
  LAPAK_PRODUCT_ACTIVE,
  LAPAK_PRODUCT_INACTIVE,
} LapakProductStatus;

typedef struct
{
  char           *code;
  char           *name;
  LapakEventKind  kind;
  int             commission_bp;
  int64_t         booth_fee;
  char           *qris;         /* the organiser's static QRIS, or NULL */
  gboolean        active;       /* the event this till sells for */
} LapakEvent;

typedef struct
{
  char     *code;
  char     *name;
  char     *phone;
  char     *bank_account;
  gboolean  joined;           /* takes part in the active event */
  int       commission_bp;    /* its terms in the active event, if joined */
  int64_t   booth_fee;
} LapakTenant;

typedef struct
{
  char               *code;
  char               *tenant;
  char               *sku;
  char               *name;
  int64_t             price;
  int64_t             stock;   /* units in the active event: sum of movements */
  char               *barcode;
  LapakProductStatus  status;
} LapakProduct;

typedef struct
{
  const char *code;
  const char *name;
  const char *phone;
  const char *bank_account;
  int         commission_bp;  /* or LAPAK_TERMS_DEFAULT */
  int64_t     booth_fee;      /* or LAPAK_TERMS_DEFAULT */
} LapakTenantSpec;

typedef struct
{
  const char *tenant;
  const char *sku;
  const char *name;
  int64_t     price;
  int64_t     stock;          /* units checked in now, ≥ 0 */
  const char *barcode;
} LapakProductSpec;

const char   *lapak_event_kind_to_string   (LapakEventKind kind);
gboolean      lapak_event_kind_from_string (const char      *text,
                                            LapakEventKind  *out_kind,
                                            GError         **error);
gboolean      lapak_event_code_validate    (const char      *code,
                                            GError         **error);

gboolean      lapak_event_create    (LapakDb          *db,
                                     const LapakUser  *actor,
                                     const char       *code,
                                     const char       *name,
                                     LapakEventKind    kind,
                                     int               commission_bp,
                                     int64_t           booth_fee,
                                     const char       *qris,
                                     GError          **error);
gboolean      lapak_event_use       (LapakDb          *db,
                                     const LapakUser  *actor,
                                     const char       *code,
                                     GError          **error);
GPtrArray    *lapak_event_list      (LapakDb          *db,
                                     GError          **error);
LapakEvent   *lapak_event_get_active (LapakDb         *db,
                                      GError         **error);
gboolean      lapak_event_join      (LapakDb          *db,
                                     const LapakUser  *actor,
                                     const char * const *tenant_codes,
                                     int               commission_bp,
                                     int64_t           booth_fee,
                                     GError          **error);

gboolean      lapak_tenant_add      (LapakDb                *db,
                                     const LapakUser        *actor,
                                     const LapakTenantSpec  *spec,
                                     GError                **error);
gboolean      lapak_tenant_add_in_txn (LapakDb                *db,
                                       const LapakUser        *actor,
                                       const LapakTenantSpec  *spec,
                                       GError                **error);
GPtrArray    *lapak_tenant_list     (LapakDb          *db,
                                     GError          **error);

char         *lapak_product_add     (LapakDb                 *db,
                                     const LapakUser         *actor,
                                     const LapakProductSpec  *spec,
                                     GError                 **error);
char         *lapak_product_add_in_txn (LapakDb                 *db,
                                        const LapakUser         *actor,
                                        const LapakProductSpec  *spec,
                                        GError                 **error);
char         *lapak_product_add_as_in_txn (LapakDb                 *db,
                                           const LapakUser         *actor,
                                           const LapakProductSpec  *spec,
                                           const char              *code,
                                           int                      status,
                                           GError                 **error);
GPtrArray    *lapak_product_list    (LapakDb          *db,
                                     const char       *tenant_code,
                                     GError          **error);
const char   *lapak_product_status_to_string (LapakProductStatus status);

gboolean      lapak_stock_check_in  (LapakDb          *db,
                                     const LapakUser  *actor,
                                     const char       *product_code,
                                     int64_t           units,
                                     GError          **error);

gboolean      lapak_tenant_balance  (LapakDb          *db,
                                     const char       *tenant_code,
                                     int64_t          *out_balance,
                                     GError          **error);

void          lapak_event_free      (LapakEvent   *event);
void          lapak_tenant_free     (LapakTenant  *tenant);
void          lapak_product_free    (LapakProduct *product);

gboolean      lapak_text_validate   (const char   *what,
                                     const char   *text,
                                     gsize         max_chars,
                                     gboolean      required,
                                     GError      **error);

/* The organiser's changes (orgadmin). */
gboolean      lapak_tenant_update   (LapakDb          *db,
                                     const LapakUser  *actor,
                                     const char       *code,
                                     const char       *name,
                                     const char       *phone,
                                     const char       *bank_account,
                                     GError          **error);
gboolean      lapak_event_leave     (LapakDb          *db,
                                     const LapakUser  *actor,
                                     const char       *tenant_code,
                                     GError          **error);
gboolean      lapak_event_update    (LapakDb          *db,
                                     const LapakUser  *actor,
                                     const char       *code,
                                     const char       *name,
                                     int               commission_bp,
                                     int64_t           booth_fee,
                                     const char       *qris,
                                     GError          **error);
gboolean      lapak_event_tenant_terms (LapakDb          *db,
                                        const LapakUser  *actor,
                                        const char       *tenant_code,
                                        int               commission_bp,
                                        int64_t           booth_fee,
                                        GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakEvent, lapak_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakTenant, lapak_tenant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakProduct, lapak_product_free)

G_END_DECLS
