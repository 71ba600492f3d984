/* lapak-sales-lines.h — the sale lines a user may see (tenant views, export)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

typedef struct
{
  char     *sale;           /* "K1-000042" */
  int64_t   at;             /* µs since 1970, UTC */
  char     *event;
  char     *cashier;
  guint     line;           /* 1-based line of the sale */
  char     *product;
  char     *tenant;
  char     *name;           /* the product's name when it was sold */
  int64_t   qty;
  int64_t   list_price;     /* the product's price when it was sold */
  int64_t   unit_price;     /* after a price override */
  int64_t   unit_discount;
  int64_t   total;          /* qty × (unit_price − unit_discount) */
  gboolean  voided;
  int64_t   refunded_qty;
} LapakSalesLine;

/* What a tenant's page shows above its sales. */
typedef struct
{
  int64_t   units;          /* units sold less units refunded, voided sales left out */
  int64_t   net_sales;      /* their money: Σ (qty − refunded) × (unit price − discount) */
  int64_t   balance;        /* the tenant's account now, every event (lapak_tenant_balance) */
} LapakSalesSummary;

GPtrArray *lapak_sales_lines      (LapakDb          *db,
                                   const LapakUser  *actor,
                                   const char       *tenant_code,
                                   const char       *event_code,
                                   GError          **error);
gboolean   lapak_sales_summary    (LapakDb          *db,
                                   const LapakUser  *actor,
                                   const char       *tenant_code,
                                   const char       *event_code,
                                   LapakSalesSummary *out,
                                   GError          **error);
void       lapak_sales_line_free  (LapakSalesLine   *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakSalesLine, lapak_sales_line_free)

G_END_DECLS
