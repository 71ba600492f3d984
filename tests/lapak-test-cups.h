/* lapak-test-cups.h — a private cupsd for tests, with queues whose bytes
 * are captured per job
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Why the cupsd cases are skipped when not root. */
#define LAPAK_TEST_CUPS_SKIP_NOT_ROOT \
  "not root: the cupsd cases need root to run a scheduler and its backend (CI runs them as root)"

typedef struct
{
  char  *dir;    /* everything of this cupsd lives here */
  char  *conf;
  char  *files;
  char  *sock;   /* the CUPS_SERVER of this cupsd */
  char  *out;    /* the capture backend writes job-ID.out here */
  GPid   pid;    /* 0 while stopped */
} LapakTestCups;

LapakTestCups *lapak_test_cups_new      (void);
void           lapak_test_cups_start    (LapakTestCups *cups);
void           lapak_test_cups_stop     (LapakTestCups *cups);
gboolean       lapak_test_cups_running  (LapakTestCups *cups);
void           lapak_test_cups_tool     (LapakTestCups *cups,
                                         const char    *first,
                                         ...) G_GNUC_NULL_TERMINATED;
char          *lapak_test_cups_job_path (LapakTestCups *cups,
                                         int            job);
GBytes        *lapak_test_cups_captured (LapakTestCups *cups,
                                         int            job);
GPtrArray     *lapak_test_cups_jobs     (LapakTestCups *cups);
void           lapak_test_cups_free     (LapakTestCups *cups);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakTestCups, lapak_test_cups_free)

G_END_DECLS
