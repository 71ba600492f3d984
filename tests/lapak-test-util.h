/* lapak-test-util.h — helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lapak-auth.h"
#include "lapak-db.h"
#include "lapak-ledger.h"
#include "lapak-shift.h"

G_BEGIN_DECLS

char      *lapak_test_make_dir      (void);
void       lapak_test_remove_tree   (const char *dir);
char      *lapak_test_write_file    (const char *dir,
                                     const char *name,
                                     const char *contents);
LapakDb   *lapak_test_new_till      (const char *dir,
                                     const char *till_id);
LapakUser *lapak_test_login         (LapakDb    *db,
                                     const char *name,
                                     const char *pin);
char      *lapak_test_db_digest     (const char *path);

/* A till ready to sell: event SELL-1 (commission 10 %), tenants KLL, BTK
 * and SMB, LAPAK_TEST_N_PRODUCTS products with stock, and a shift opened by
 * the organiser "Org" (PIN 1234), who is returned in @out_org. The product
 * codes are stored in @out_codes (LAPAK_TEST_N_PRODUCTS of them). */
#define LAPAK_TEST_N_PRODUCTS 6
LapakDb   *lapak_test_selling_till  (const char  *dir,
                                     const char  *till_id,
                                     LapakUser  **out_org,
                                     GPtrArray  **out_codes);
int64_t    lapak_test_query_int     (LapakDb    *db,
                                     const char *sql);
gboolean   lapak_test_copy_file     (const char *from,
                                     const char *to);

G_END_DECLS
