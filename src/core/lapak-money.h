/* lapak-money.h — rupiah amounts and percentages, never floating point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

/* The largest amount Lapak accepts anywhere: Rp 1.000.000.000.000.000
 * (10^15), far above any sale, and far from int64 overflow when summed. */
#define LAPAK_MONEY_MAX ((int64_t) 1000000000000000LL)

typedef enum
{
  LAPAK_MONEY_STYLE_DEFAULT,     /* follows the UI language (id → Indonesian, else English) */
  LAPAK_MONEY_STYLE_INDONESIAN,  /* Rp12.500  -Rp12.500 */
  LAPAK_MONEY_STYLE_ENGLISH,     /* Rp 12,500 -Rp 12,500 */
} LapakMoneyStyle;

gboolean  lapak_money_parse        (const char       *text,
                                    int64_t          *out_amount,
                                    GError          **error);
char     *lapak_money_format       (int64_t           amount,
                                    LapakMoneyStyle   style);
char     *lapak_money_format_plain (int64_t           amount,
                                    LapakMoneyStyle   style);
gboolean  lapak_percent_parse      (const char       *text,
                                    int              *out_bp,
                                    GError          **error);
char     *lapak_percent_format     (int               bp,
                                    LapakMoneyStyle   style);
int64_t   lapak_money_apply_bp     (int64_t           amount,
                                    int               bp);

/* The most suggestions lapak_money_quick_cash() ever makes. */
#define LAPAK_QUICK_CASH_MAX 7

guint     lapak_money_quick_cash   (int64_t           total,
                                    int64_t          *out,
                                    guint             n_out);

G_END_DECLS
