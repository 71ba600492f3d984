/* crash-plan.h — what the crash writer sells, shared with test-crash.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cart of sale number @seq is a pure function of @seq, so the test can
 * check that every sale it finds after a kill is exactly, and wholly, the
 * sale the writer meant to commit.
 */
#pragma once

#include <stdint.h>

#include "lapak-test-util.h"

typedef enum
{
  CRASH_PAY_CASH_WITH_CHANGE,   /* cash, rounded up to the next Rp100.000 */
  CRASH_PAY_QRIS,               /* QRIS, the whole total */
  CRASH_PAY_CASH_AND_TRANSFER,  /* Rp5.000 cash, the rest by transfer */
} CrashPay;

#define CRASH_PLAN_SPLIT_CASH 5000

static inline unsigned
crash_plan_n_lines (int64_t seq)
{
  return 1 + (unsigned)(seq % 4);
}

/* Which of the LAPAK_TEST_N_PRODUCTS products line @i sells (all distinct). */
static inline unsigned
crash_plan_product (int64_t  seq,
                    unsigned i)
{
  return (unsigned)((seq + i) % LAPAK_TEST_N_PRODUCTS);
}

static inline int64_t
crash_plan_qty (int64_t  seq,
                unsigned i)
{
  return 1 + (seq * 3 + i) % 3;
}

static inline CrashPay
crash_plan_pay (int64_t seq)
{
  return (CrashPay)(seq % 3);
}
