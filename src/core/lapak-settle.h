/* lapak-settle.h — settlements of tenant accounts, charges and payouts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "lapak-auth.h"
#include "lapak-db.h"
#include "lapak-sale.h"

G_BEGIN_DECLS

typedef struct
{
  char    *code;
  char    *name;
  int64_t  units;          /* units sold minus units refunded */
  int64_t  sales;          /* sales minus voided sales */
  int64_t  refunds;        /* money refunded, ≥ 0 */
  int64_t  net_sales;      /* sales − refunds */
  int      commission_bp;
  int64_t  commission;     /* round_half_away_from_zero (net_sales × bp / 10000) */
  int64_t  charges;        /* booth fee and manual charges, ≥ 0 when charged */
  int64_t  payout;         /* net_sales − commission − charges; < 0: owed */
  int64_t  n_entries;      /* account entries covered */
} LapakSettleTenant;

typedef struct
{
  char      *id;           /* "K1-S000001" once closed, else NULL */
  char      *event;
  char      *currency;     /* "IDR" */
  int64_t    until;        /* cut-off, µs since the epoch, inclusive */
  gboolean   closed;
  GPtrArray *tenants;      /* LapakSettleTenant, ordered by code */
  int64_t    sales;
  int64_t    refunds;
  int64_t    net_sales;
  int64_t    commission;
  int64_t    charges;
  int64_t    payout;
  int64_t    payments[LAPAK_PAY_N_METHODS];  /* taken − refunded, per method */
  int64_t    n_entries;
} LapakSettlement;

char            *lapak_settlement_id       (const char       *till_id,
                                            int64_t           seq);
gboolean         lapak_settle_time_parse   (const char       *text,
                                            int64_t          *out_usec,
                                            GError          **error);
char            *lapak_settle_time_format  (int64_t           usec);
gboolean         lapak_settle_cutoff_check (int64_t           until,
                                            GError          **error);

LapakSettlement *lapak_settlement_preview  (LapakDb          *db,
                                            const char       *event_code,
                                            int64_t           until,
                                            GError          **error);
LapakSettlement *lapak_settlement_close    (LapakDb          *db,
                                            const LapakUser  *actor,
                                            const char       *event_code,
                                            int64_t           until,
                                            GError          **error);
LapakSettlement *lapak_settlement_close_forced (LapakDb      *db,
                                            const LapakUser  *actor,
                                            const char       *event_code,
                                            int64_t           until,
                                            const char       *forced,
                                            GError          **error);
LapakSettlement *lapak_settlement_get      (LapakDb          *db,
                                            const char       *settlement_id,
                                            GError          **error);
gboolean         lapak_charge_add          (LapakDb          *db,
                                            const LapakUser  *actor,
                                            const char       *tenant_code,
                                            int64_t           amount,
                                            const char       *reason,
                                            GError          **error);
gboolean         lapak_payout_add          (LapakDb          *db,
                                            const LapakUser  *actor,
                                            const char       *tenant_code,
                                            int64_t           amount,
                                            const char       *reference,
                                            GError          **error);
void             lapak_settlement_free     (LapakSettlement  *settlement);

/* For the journal verifier: the payload of a "settlement", "charge" or
 * "payout" entry rebuilt from the records, or NULL (NOT_FOUND if missing). */
char            *_lapak_settle_record_body (LapakDb          *db,
                                            const char       *type,
                                            int64_t           ref,
                                            GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakSettlement, lapak_settlement_free)

G_END_DECLS
