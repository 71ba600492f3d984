/* lapak-statement.h — what a settlement's statements show, line by line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "lapak-db.h"
#include "lapak-sale.h"
#include "lapak-settle.h"
#include "lapak-stock.h"

G_BEGIN_DECLS

/* One product of a tenant in the settlement. */
typedef struct
{
  char    *product_code;
  char    *name;
  int64_t  sold_qty;          /* units sold minus units voided */
  int64_t  sold_amount;       /* their money: Σ qty × (unit price − discount) */
  int64_t  refunded_qty;
  int64_t  refunded_amount;   /* ≥ 0 */
} LapakStatementItem;

/* A booth fee or charge the settlement counts. */
typedef struct
{
  char    *id;                /* "K1-A000003" */
  char    *kind;              /* "booth_fee" or "charge" */
  char    *reason;            /* may be empty */
  int64_t  amount;            /* what it costs the tenant, > 0 */
  int64_t  at;
} LapakStatementCharge;

typedef struct
{
  const LapakSettleTenant *tenant;     /* borrowed from the settlement */
  char                    *bank_account;  /* may be empty */
  char                    *phone;
  GPtrArray               *items;      /* LapakStatementItem by product code */
  GPtrArray               *charges;    /* LapakStatementCharge by id */
  GPtrArray               *stock;      /* LapakStockRow by product code */
} LapakTenantStatement;

/* Money per payment method of one till's records in the settlement. */
typedef struct
{
  char    *till_id;
  int64_t  payments[LAPAK_PAY_N_METHODS];
} LapakTillMoney;

/* A shift that took part: its Z report's figures once closed. */
typedef struct
{
  char     *till_id;
  int64_t   seq;
  char     *cashier;
  int64_t   opened_at;
  gboolean  closed;
  int64_t   z_number;
  int64_t   expected;         /* closed only */
  int64_t   counted;
  int64_t   difference;       /* counted − expected */
} LapakStatementShift;

typedef struct
{
  const LapakSettlement *settlement;   /* borrowed: must outlive this */
  char                  *event_name;
  int64_t                from;         /* the previous cut-off, 0 if none */
  int64_t                closed_at;    /* 0 for a preview */
  char                  *closed_by;
  char                  *journal_hash; /* the settlement's entry, or the head at a preview */
  GPtrArray             *tenants;      /* LapakTenantStatement, as settlement->tenants */
  GPtrArray             *tills;        /* LapakTillMoney by till */
  GPtrArray             *shifts;       /* LapakStatementShift by till and seq */
} LapakStatement;

LapakStatement *lapak_statement_new      (LapakDb                *db,
                                          const LapakSettlement  *settlement,
                                          GError                **error);
void            lapak_statement_free     (LapakStatement         *statement);


G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakStatement, lapak_statement_free)

G_END_DECLS
