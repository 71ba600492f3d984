/* lapak-shift.h — shifts, the cash drawer, X and Z reports
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
  int64_t  seq;
  char    *cashier;
  int64_t  opened_at;
  int64_t  float_amount;
  int64_t  z_number;        /* 0 while open */
  int64_t  sales;           /* number of sales, voids excluded */
  int64_t  total;           /* their total */
  int64_t  voids;
  int64_t  refunded;        /* money refunded, all methods */
  int64_t  by_method[5];    /* money taken minus refunded, per LapakPayMethod */
  int64_t  cash_in;
  int64_t  cash_out;
  int64_t  expected_cash;   /* float + cash taken − cash refunded + in − out */
  int64_t  counted;         /* Z only */
  int64_t  difference;      /* counted − expected, Z only */
  char    *forced;          /* a Z closed although records were not at the hub: why; else NULL */
} LapakShiftReport;

/* One sale of a shift, for the kiosk's sale history. */
typedef struct
{
  char     *id;             /* "K1-000042" */
  int64_t   at;             /* µs since 1970, UTC */
  int64_t   total;
  gboolean  voided;
} LapakShiftSale;

gboolean          lapak_shift_open      (LapakDb          *db,
                                         const LapakUser  *cashier,
                                         int64_t           float_amount,
                                         int64_t          *out_seq,
                                         GError          **error);
gboolean          lapak_shift_current   (LapakDb          *db,
                                         int64_t          *out_seq,
                                         GError          **error);
LapakShiftReport *lapak_shift_report    (LapakDb          *db,
                                         int64_t           shift_seq,
                                         GError          **error);
LapakShiftReport *lapak_shift_x_report  (LapakDb          *db,
                                         const LapakUser  *actor,
                                         GError          **error);
LapakShiftReport *lapak_shift_close     (LapakDb          *db,
                                         const LapakUser  *cashier,
                                         int64_t           counted,
                                         GError          **error);
LapakShiftReport *lapak_shift_close_forced (LapakDb       *db,
                                         const LapakUser  *cashier,
                                         int64_t           counted,
                                         const LapakUser  *organiser,
                                         const char       *reason,
                                         GError          **error);
gboolean          lapak_cash_move       (LapakDb          *db,
                                         const LapakUser  *cashier,
                                         const LapakUser  *approver,
                                         const char       *kind,
                                         int64_t           amount,
                                         const char       *reason,
                                         GError          **error);
void              lapak_shift_report_free (LapakShiftReport *report);
GPtrArray        *lapak_shift_sales     (LapakDb          *db,
                                         int64_t           shift_seq,
                                         GError          **error);
void              lapak_shift_sale_free (LapakShiftSale   *sale);

/* A shift of this till, for picking an earlier shift's sale history. */
typedef struct
{
  int64_t   seq;
  char     *cashier;        /* who opened it */
  int64_t   opened_at;      /* µs since 1970, UTC */
  int64_t   closed_at;      /* 0 while open */
  int64_t   z_number;       /* 0 while open */
} LapakShiftInfo;

GPtrArray        *lapak_shift_list      (LapakDb          *db,
                                         guint             limit,
                                         GError          **error);
void              lapak_shift_info_free (LapakShiftInfo   *info);

/* Inside a transaction: the open shift's seq, or an error saying to open one. */
gboolean          _lapak_shift_require_open (LapakDb      *db,
                                             int64_t      *out_seq,
                                             GError      **error);

char             *_lapak_shift_record_body  (LapakDb      *db,
                                             const char   *type,
                                             int64_t       ref,
                                             GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakShiftReport, lapak_shift_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakShiftSale, lapak_shift_sale_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakShiftInfo, lapak_shift_info_free)

G_END_DECLS
