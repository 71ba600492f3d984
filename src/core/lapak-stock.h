/* lapak-stock.h — stock returned to the tenants and the stock-return table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

/* One product's stock in an event. */
typedef struct
{
  char    *tenant_code;
  char    *product_code;
  char    *name;
  int64_t  checked_in;        /* checked in (and adjusted) */
  int64_t  sold;              /* units sold minus units voided */
  int64_t  refunded;          /* units brought back by customers */
  int64_t  returned;          /* units the tenant took back */
  int64_t  missing;           /* checked_in − sold + refunded − returned */
} LapakStockRow;

/* One check-in of stock: units a tenant brought in for an event. */
typedef struct
{
  char    *till_id;
  int64_t  seq;
  int64_t  at;                /* µs since 1970, UTC */
  char    *tenant_code;
  char    *product_code;
  char    *name;
  int64_t  units;
} LapakCheckIn;

/* What a tenant takes back: a label code (or barcode) and a count. */
typedef struct
{
  const char *code;
  int64_t     qty;
} LapakReturnItem;

char      *lapak_stock_return_id   (const char             *till_id,
                                    int64_t                 seq);
char      *lapak_stock_return      (LapakDb                *db,
                                    const LapakUser        *actor,
                                    const char             *tenant_code,
                                    const LapakReturnItem  *items,
                                    guint                   n_items,
                                    GError                **error);
GPtrArray *lapak_stock_report      (LapakDb                *db,
                                    const char             *event_code,
                                    const char             *tenant_code,
                                    GError                **error);
GPtrArray *lapak_stock_report_until (LapakDb               *db,
                                     const char            *event_code,
                                     const char            *tenant_code,
                                     int64_t                until,
                                     GError               **error);
void       lapak_stock_row_free    (LapakStockRow          *row);
GPtrArray *lapak_stock_check_ins   (LapakDb                *db,
                                    const LapakUser        *actor,
                                    const char             *tenant_code,
                                    GError                **error);
void       lapak_check_in_free     (LapakCheckIn           *check_in);

/* For the journal verifier: the payload of a "stock_return" entry rebuilt
 * from the records. */
char      *_lapak_stock_record_body (LapakDb               *db,
                                     int64_t                ref,
                                     GError               **error);

G_END_DECLS
