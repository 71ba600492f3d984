/* crash-writer.c — commits sales in a loop until it is killed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   crash-writer DB USER PIN CODE…
 *
 * Logs in once (the PIN check is deliberately slow), then serves test-crash:
 * for every "go" line on stdin it forks a writer and prints "pid N"; the
 * writer opens the database, prints "ready", and commits the sales of
 * crash-plan.h one after the other, printing "ack ID SEQ HASH" only after
 * lapak_sale_commit() has returned. The server prints "exit STATUS" (the raw
 * wait status) once the writer is gone — normally killed by the test with
 * SIGKILL at a random moment. Every line is one write() to the pipe: a line
 * written before the kill is never lost, and a sale is acknowledged only
 * when the core says it is durable.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "crash-plan.h"
#include "lapak-sale.h"
#include "lapak-test-util.h"

#define COMMITS_PER_WRITER 50

static void
say (const char *line)
{
  size_t len = strlen (line);

  while (len > 0)
    {
      ssize_t n = write (STDOUT_FILENO, line, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (4);
      line += n;
      len -= (size_t)n;
    }
}

G_GNUC_NORETURN static void
fail (const char *what,
      GError     *error)
{
  g_autofree char *line = g_strdup_printf ("error %s: %s\n", what, error ? error->message : "?");

  say (line);
  _exit (3);
}

G_GNUC_NORETURN static void
write_sales (const char      *path,
             const LapakUser *user,
             char           **codes)
{
  g_autoptr(GError) error = NULL;
  LapakDb *db = lapak_db_open (path, &error);

  if (db == NULL)
    fail ("open", error);
  say ("ready\n");

  for (int k = 0; k < COMMITS_PER_WRITER; k++)
    {
      g_autoptr(LapakCart) cart = NULL;
      g_autoptr(LapakSale) sale = NULL;
      g_autofree char *line = NULL;
      int64_t seq = lapak_test_query_int (db, "SELECT COALESCE(MAX(seq), 0) + 1 FROM sale");

      if (!(cart = lapak_cart_new (db, &error)))
        fail ("cart", error);
      for (unsigned i = 0; i < crash_plan_n_lines (seq); i++)
        {
          g_autofree char *scan = g_strdup_printf ("%s*%" G_GINT64_FORMAT,
                                                   codes[crash_plan_product (seq, i)],
                                                   crash_plan_qty (seq, i));

          if (!lapak_cart_scan (cart, scan, &error))
            fail ("scan", error);
        }
      switch (crash_plan_pay (seq))
        {
        case CRASH_PAY_CASH_WITH_CHANGE:
          lapak_cart_add_payment (cart, LAPAK_PAY_CASH,
                                  (lapak_cart_total (cart) / 100000 + 1) * 100000, NULL, &error);
          break;
        case CRASH_PAY_QRIS:
          lapak_cart_add_payment (cart, LAPAK_PAY_QRIS, LAPAK_PAY_REST, "QR-CRASH", &error);
          break;
        case CRASH_PAY_CASH_AND_TRANSFER:
          if (lapak_cart_add_payment (cart, LAPAK_PAY_CASH, CRASH_PLAN_SPLIT_CASH, NULL, &error))
            lapak_cart_add_payment (cart, LAPAK_PAY_TRANSFER, LAPAK_PAY_REST, NULL, &error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (error != NULL)
        fail ("payment", error);

      if (!(sale = lapak_sale_commit (db, user, cart, &error)))
        fail ("commit", error);
      if (sale->seq != seq)
        fail ("the sale number is not the next one", NULL);

      /* Only now is the sale durable: acknowledge it. */
      line = g_strdup_printf ("ack %s %" G_GINT64_FORMAT " %s\n", sale->id, sale->seq, sale->hash);
      say (line);
    }
  _exit (0);
}

/* Waits until @pid has ended without reaping it (WNOWAIT), and gives its
 * end as a wait status, the form waitpid() would have given. */
static gboolean
wait_unreaped (pid_t  pid,
               int   *out_status)
{
  siginfo_t info = { 0 };

  while (waitid (P_PID, (id_t)pid, &info, WEXITED | WNOWAIT) < 0)
    if (errno != EINTR)
      return FALSE;
  switch (info.si_code)
    {
    case CLD_EXITED:
      *out_status = (info.si_status & 0xff) << 8;
      break;
    case CLD_DUMPED:
      *out_status = (info.si_status & 0x7f) | 0x80;
      break;
    default:
      *out_status = info.si_status & 0x7f;
      break;
    }
  return TRUE;
}

static void
reap (pid_t pid)
{
  if (pid > 0)
    while (waitpid (pid, NULL, 0) < 0 && errno == EINTR)
      ;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) user = NULL;
  g_autoptr(GString) input = g_string_new (NULL);
  LapakDb *db;
  pid_t last = 0;   /* the last writer, ended but not yet reaped */

  if (argc != 4 + LAPAK_TEST_N_PRODUCTS)
    {
      g_printerr ("usage: crash-writer DB USER PIN CODE×%d\n", LAPAK_TEST_N_PRODUCTS);
      return 2;
    }

  /* Log in once; the writers only open the database. */
  if (!(db = lapak_db_open (argv[1], &error)) ||
      !(user = lapak_auth_login (db, argv[2], argv[3], &error)))
    {
      g_printerr ("crash-writer: %s\n", error->message);
      return 1;
    }
  g_object_unref (db);
  say ("server\n");

  for (;;)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);
      pid_t pid;
      int status = 0;
      g_autofree char *line = NULL;

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          reap (last);
          return 0;
        }
      if (c != '\n')
        {
          g_string_append_c (input, c);
          continue;
        }
      if (!g_str_equal (input->str, "go"))
        {
          g_printerr ("crash-writer: unknown command “%s”\n", input->str);
          return 2;
        }
      g_string_truncate (input, 0);

      reap (last);
      last = 0;
      pid = fork ();
      if (pid < 0)
        return 1;
      if (pid == 0)
        write_sales (argv[1], user, argv + 4);

      line = g_strdup_printf ("pid %d\n", (int)pid);
      say (line);
      /* Wait for the writer to end but leave it a zombie: its pid stays
       * ours until the test has sent its SIGKILL, even when the writer
       * finished first. Reaped at once, the pid could go to another
       * process (another test's child) before the kill arrives. It is
       * reaped when the next "go" or the end of input comes. */
      if (!wait_unreaped (pid, &status))
        return 1;
      g_free (line);
      line = g_strdup_printf ("exit %d\n", status);
      say (line);
      last = pid;
    }
}
