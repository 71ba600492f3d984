/* lapak-test-util.h — helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lapak-auth.h"
#include "lapak-db.h"

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

G_END_DECLS
