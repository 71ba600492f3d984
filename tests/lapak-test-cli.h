/* lapak-test-cli.h — running the built lapakctl from the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;   /* the exit code */
  char *out;
  char *err;
} LapakRun;

void      lapak_run_free             (LapakRun           *run);
LapakRun *lapak_test_run             (const char * const *env,
                                      const char * const *args);
LapakRun *lapak_test_run_ok          (const char * const *env,
                                      const char * const *args);
void      lapak_test_assert_status   (LapakRun           *run,
                                      int                 expected,
                                      const char         *what);
void      lapak_test_assert_refused  (LapakRun           *run,
                                      const char         *what,
                                      const char         *mentions);
JsonNode *lapak_test_parse_json      (const char         *text);
void      lapak_test_assert_members  (JsonObject         *object,
                                      const char * const *names);
gint64    lapak_test_member_int      (JsonObject         *object,
                                      const char         *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakRun, lapak_run_free)

G_END_DECLS
