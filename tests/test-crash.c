/* test-crash.c — sales survive kill -9 at any moment, whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * crash-writer commits the sales of crash-plan.h in a loop; this test kills
 * it with SIGKILL after a random delay (a few µs to a few ms, seeded, the
 * seed printed), LAPAK_CRASH_KILLS times (500 by default, 250 under ASan;
 * the soak script build-aux/soak-crash runs 10,000); every 50 kills the
 * till starts again from its day-opening copy, so the checks stay quick.
 * After every kill it opens the database as the till would and checks:
 *
 *  - PRAGMA integrity_check is "ok";
 *  - the journal verifies (lapak_journal_verify);
 *  - every sale the writer acknowledged is there, with the very journal hash
 *    the writer was given (not a later sale that reused its number);
 *  - every sale in the database is whole: exactly the lines its plan says,
 *    payments that add up, one stock movement per line, one account entry
 *    per tenant, one journal entry — and nothing belongs to a sale that
 *    does not exist.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "crash-plan.h"
#include "lapak-journal.h"
#include "lapak-sale.h"
#include "lapak-test-util.h"

/* Under AddressSanitizer every malloc unwinds its stack (the suite runs it
 * with fast_unwind_on_malloc=0), which makes each kill-and-check cycle
 * about ten times slower, mostly in SQLite's own allocations: half the
 * kills keep that run near a minute and a half. The normal build does 500. */
#if defined(__SANITIZE_ADDRESS__)
#define DEFAULT_KILLS 250
#else
#define DEFAULT_KILLS 500
#endif
#define ROUND_KILLS 50
#define LINE_TIMEOUT_MS 60000

typedef struct
{
  char      *dir;
  char      *path;
  GPtrArray *codes;
  int64_t    price[LAPAK_TEST_N_PRODUCTS];
  char      *tenant[LAPAK_TEST_N_PRODUCTS];
  GPid       server;
  int        to_server;
  int        from_server;
  GString   *pending;      /* bytes read from the server, not yet a line */
  int64_t    checked;      /* sales up to this seq were found whole */
  int64_t    acked_seq;    /* the highest acknowledged sale */
  char      *acked_hash;   /* and its journal hash */
  guint      killed;       /* writers that died by our SIGKILL */
  guint      acks;
} Crash;

/* One line from the server, without its "\n"; fails the test after a minute. */
static char *
read_line (Crash *c)
{
  for (;;)
    {
      const char *nl = memchr (c->pending->str, '\n', c->pending->len);
      struct pollfd pfd = { c->from_server, POLLIN, 0 };
      char buf[4096];
      ssize_t n;
      int rc;

      if (nl != NULL)
        {
          char *line = g_strndup (c->pending->str, (gsize)(nl - c->pending->str));

          g_string_erase (c->pending, 0, nl - c->pending->str + 1);
          return line;
        }
      rc = poll (&pfd, 1, LINE_TIMEOUT_MS);
      if (rc < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (rc, ==, 1);
      n = read (c->from_server, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >, 0);
      g_string_append_len (c->pending, buf, n);
    }
}

static void
send_go (Crash *c)
{
  g_assert_cmpint (write (c->to_server, "go\n", 3), ==, 3);
}

static void
start_server (Crash *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *hello = NULL;

  g_ptr_array_add (argv, g_test_build_filename (G_TEST_BUILT, "crash-writer", NULL));
  g_ptr_array_add (argv, g_strdup (c->path));
  g_ptr_array_add (argv, g_strdup ("Org"));
  g_ptr_array_add (argv, g_strdup ("1234"));
  for (guint i = 0; i < c->codes->len; i++)
    g_ptr_array_add (argv, g_strdup (g_ptr_array_index (c->codes, i)));
  g_ptr_array_add (argv, NULL);

  g_spawn_async_with_pipes (NULL, (char **)argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &c->server, &c->to_server, &c->from_server, NULL, &error);
  g_assert_no_error (error);
  hello = read_line (c);
  g_assert_cmpstr (hello, ==, "server");
}

static void
stop_server (Crash *c)
{
  int status = 0;

  close (c->to_server);
  g_assert_cmpint (waitpid (c->server, &status, 0), ==, c->server);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_spawn_close_pid (c->server);
  close (c->from_server);
}

static void
prepare_row (LapakDb        *db,
             sqlite3_stmt  **stmt,
             const char     *sql)
{
  if (*stmt == NULL)
    g_assert_cmpint (sqlite3_prepare_v2 (lapak_db_get_handle (db), sql, -1, stmt, NULL), ==, SQLITE_OK);
  else
    {
      sqlite3_reset (*stmt);
      sqlite3_clear_bindings (*stmt);
    }
}

/* Sale @seq is exactly what crash-plan.h says, with everything that belongs
 * to it, and nothing more. */
static void
check_sale_whole (Crash   *c,
                  LapakDb *db,
                  int64_t  seq)
{
  g_autofree char *id = lapak_sale_id ("K1", seq);
  sqlite3_stmt *stmt = NULL;
  unsigned n_lines = crash_plan_n_lines (seq);
  int64_t total = 0;
  int64_t change;
  int64_t journal_seq;
  int64_t paid = 0;
  int64_t tendered = 0;
  int64_t tenant_total[LAPAK_TEST_N_PRODUCTS] = { 0 };
  GString *methods = g_string_new (NULL);
  unsigned i;

  for (i = 0; i < n_lines; i++)
    {
      unsigned p = crash_plan_product (seq, i);

      total += crash_plan_qty (seq, i) * c->price[p];
    }

  prepare_row (db, &stmt, "SELECT total, change, journal_seq FROM sale WHERE till_id = 'K1' AND seq = ?1");
  sqlite3_bind_int64 (stmt, 1, seq);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, total);
  change = sqlite3_column_int64 (stmt, 1);
  journal_seq = sqlite3_column_int64 (stmt, 2);
  sqlite3_finalize (stmt);
  stmt = NULL;

  prepare_row (db, &stmt, "SELECT line, product_code, qty, unit_price, unit_discount FROM sale_line "
                          "WHERE till_id = 'K1' AND sale_seq = ?1 ORDER BY line");
  sqlite3_bind_int64 (stmt, 1, seq);
  for (i = 0; sqlite3_step (stmt) == SQLITE_ROW; i++)
    {
      unsigned p = crash_plan_product (seq, i);

      g_assert_cmpuint (i, <, n_lines);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, (int)i + 1);
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 1), ==, g_ptr_array_index (c->codes, p));
      g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, crash_plan_qty (seq, i));
      g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, c->price[p]);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, 0);
    }
  g_assert_cmpuint (i, ==, n_lines);
  sqlite3_finalize (stmt);
  stmt = NULL;

  prepare_row (db, &stmt, "SELECT method, amount, tendered FROM payment WHERE till_id = 'K1' AND sale_seq = ?1 ORDER BY idx");
  sqlite3_bind_int64 (stmt, 1, seq);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append_printf (methods, "%s ", sqlite3_column_text (stmt, 0));
      paid += sqlite3_column_int64 (stmt, 1);
      tendered += sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  g_assert_cmpint (paid, ==, total);
  g_assert_cmpint (tendered - total, ==, change);
  switch (crash_plan_pay (seq))
    {
    case CRASH_PAY_CASH_WITH_CHANGE:
      g_assert_cmpstr (methods->str, ==, "cash ");
      g_assert_cmpint (tendered, ==, (total / 100000 + 1) * 100000);
      break;
    case CRASH_PAY_QRIS:
      g_assert_cmpstr (methods->str, ==, "qris ");
      g_assert_cmpint (change, ==, 0);
      break;
    case CRASH_PAY_CASH_AND_TRANSFER:
      g_assert_cmpstr (methods->str, ==, "cash transfer ");
      g_assert_cmpint (change, ==, 0);
      break;
    default:
      g_assert_not_reached ();
    }
  g_string_free (methods, TRUE);

  /* One stock movement per line, taking its units out. */
  prepare_row (db, &stmt, "SELECT product_code, delta FROM stock_move WHERE kind = 'sale' AND ref = ?1 ORDER BY seq");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  for (i = 0; sqlite3_step (stmt) == SQLITE_ROW; i++)
    {
      g_assert_cmpuint (i, <, n_lines);
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==,
                       g_ptr_array_index (c->codes, crash_plan_product (seq, i)));
      g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, -crash_plan_qty (seq, i));
    }
  g_assert_cmpuint (i, ==, n_lines);
  sqlite3_finalize (stmt);
  stmt = NULL;

  /* One account entry per tenant, worth its lines. */
  for (i = 0; i < n_lines; i++)
    {
      unsigned p = crash_plan_product (seq, i);

      for (unsigned q = 0; q < LAPAK_TEST_N_PRODUCTS; q++)
        if (g_str_equal (c->tenant[q], c->tenant[p]))
          {
            tenant_total[q] += crash_plan_qty (seq, i) * c->price[p];
            break;
          }
    }
  prepare_row (db, &stmt, "SELECT tenant_code, amount FROM account_entry WHERE kind = 'sale' AND ref = ?1");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *tenant = (const char *)sqlite3_column_text (stmt, 0);
      unsigned q;

      for (q = 0; q < LAPAK_TEST_N_PRODUCTS; q++)
        if (g_str_equal (c->tenant[q], tenant))
          break;
      g_assert_cmpuint (q, <, LAPAK_TEST_N_PRODUCTS);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, tenant_total[q]);
      g_assert_cmpint (tenant_total[q], >, 0);
      tenant_total[q] = -1;   /* each tenant once */
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  for (i = 0; i < LAPAK_TEST_N_PRODUCTS; i++)
    g_assert_cmpint (tenant_total[i], <=, 0);

  /* Exactly one journal entry, the one the sale row names. */
  prepare_row (db, &stmt, "SELECT seq FROM journal WHERE type = 'sale' AND ref = ?1");
  sqlite3_bind_int64 (stmt, 1, seq);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, journal_seq);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static char *
journal_hash_of_sale (LapakDb *db,
                      int64_t  seq)
{
  sqlite3_stmt *stmt = NULL;
  char *hash = NULL;

  prepare_row (db, &stmt, "SELECT j.hash FROM journal j JOIN sale s ON j.seq = s.journal_seq AND j.till_id = s.till_id "
                          "WHERE s.seq = ?1 AND j.type = 'sale' AND j.ref = s.seq");
  sqlite3_bind_int64 (stmt, 1, seq);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    hash = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return hash;
}

static const char *orphans_sql[] = {
  "SELECT count(*) FROM sale_line WHERE sale_seq NOT IN (SELECT seq FROM sale)",
  "SELECT count(*) FROM payment WHERE sale_seq NOT IN (SELECT seq FROM sale)",
  "SELECT count(*) FROM stock_move WHERE kind = 'sale' AND ref NOT IN "
  "(SELECT printf('%s-%06d', till_id, seq) FROM sale)",
  "SELECT count(*) FROM account_entry WHERE kind = 'sale' AND ref NOT IN "
  "(SELECT printf('%s-%06d', till_id, seq) FROM sale)",
  "SELECT count(*) FROM journal WHERE type = 'sale' AND ref NOT IN (SELECT seq FROM sale)",
};

/* What a till finds when it starts again after the kill. */
static void
check_after_kill (Crash     *c,
                  GPtrArray *acks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_db_open (c->path, &error);
  g_autoptr(LapakJournalReport) report = NULL;
  sqlite3_stmt *stmt = NULL;
  int64_t n_sales;

  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (lapak_db_get_handle (db), "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  report = lapak_journal_verify (db, &error);
  g_assert_no_error (error);
  if (!report->ok)
    g_error ("journal broken at %" G_GINT64_FORMAT ": %s", report->broken_seq, report->problem);

  /* Sale numbers are gapless; every new sale is whole. */
  n_sales = lapak_test_query_int (db, "SELECT COALESCE(MAX(seq), 0) FROM sale");
  g_assert_cmpint (lapak_test_query_int (db, "SELECT count(*) FROM sale"), ==, n_sales);
  g_assert_cmpint (n_sales, >=, c->checked);
  for (int64_t s = c->checked + 1; s <= n_sales; s++)
    check_sale_whole (c, db, s);
  c->checked = n_sales;

  for (guint i = 0; i < G_N_ELEMENTS (orphans_sql); i++)
    g_assert_cmpint (lapak_test_query_int (db, orphans_sql[i]), ==, 0);

  /* Every acknowledged sale is there, with the hash the writer was given. */
  for (guint i = 0; i < acks->len; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_ptr_array_index (acks, i), " ", 0);
      int64_t seq = g_ascii_strtoll (f[2], NULL, 10);
      g_autofree char *id = lapak_sale_id ("K1", seq);
      g_autofree char *hash = NULL;

      g_assert_cmpuint (g_strv_length (f), ==, 4);
      g_assert_cmpstr (f[1], ==, id);
      /* Committed but killed before the ack: a gap is fine, going back is not. */
      g_assert_cmpint (seq, >, c->acked_seq);
      g_assert_cmpint (seq, <=, n_sales);
      hash = journal_hash_of_sale (db, seq);
      g_assert_cmpstr (hash, ==, f[3]);
      c->acked_seq = seq;
      g_free (c->acked_hash);
      c->acked_hash = g_strdup (f[3]);
      c->acks++;
    }
  /* The chain verifies, so the last acknowledged hash still being there
   * proves every earlier acknowledged sale is untouched too. */
  if (c->acked_seq > 0)
    {
      g_autofree char *hash = journal_hash_of_sale (db, c->acked_seq);

      g_assert_cmpstr (hash, ==, c->acked_hash);
    }
}

static void
sleep_us (guint64 us)
{
  struct timespec ts = { (time_t)(us / G_USEC_PER_SEC), (long)(us % G_USEC_PER_SEC) * 1000 };

  while (nanosleep (&ts, &ts) < 0 && errno == EINTR)
    ;
}

static void
test_crash_kill9 (void)
{
  g_autoptr(GRand) rand = NULL;
  const char *kills_env = g_getenv ("LAPAK_CRASH_KILLS");
  const char *seed_env = g_getenv ("LAPAK_CRASH_SEED");
  guint kills = kills_env ? (guint)g_ascii_strtoull (kills_env, NULL, 10) : DEFAULT_KILLS;
  guint32 seed = seed_env ? (guint32)g_ascii_strtoull (seed_env, NULL, 10) : (guint32)g_get_real_time ();
  Crash c = { 0 };
  guint exited = 0;
  guint waited_acks = 0;
  guint rounds = 1;
  guint64 sales = 0;
  g_autofree char *base = NULL;
  g_autofree char *wal = NULL;
  gint64 check_us = 0;
  gint64 started = g_get_monotonic_time ();

  g_test_message ("LAPAK_CRASH_SEED=%u LAPAK_CRASH_KILLS=%u", seed, kills);
  rand = g_rand_new_with_seed (seed);

  c.dir = lapak_test_make_dir ();
  c.pending = g_string_new (NULL);
  {
    g_autoptr(LapakUser) org = NULL;
    g_autoptr(LapakDb) db = lapak_test_selling_till (c.dir, "K1", &org, &c.codes);

    c.path = g_strdup (lapak_db_get_path (db));
    for (guint i = 0; i < LAPAK_TEST_N_PRODUCTS; i++)
      {
        sqlite3_stmt *stmt = NULL;

        g_assert_cmpint (sqlite3_prepare_v2 (lapak_db_get_handle (db),
                                             "SELECT price, tenant_code FROM product WHERE code = ?1",
                                             -1, &stmt, NULL), ==, SQLITE_OK);
        sqlite3_bind_text (stmt, 1, g_ptr_array_index (c.codes, i), -1, SQLITE_STATIC);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        c.price[i] = sqlite3_column_int64 (stmt, 0);
        c.tenant[i] = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
        sqlite3_finalize (stmt);
      }
  }

  /* Every ROUND_KILLS kills the till starts again from this copy, so the
   * checks after each kill (which read the whole database) stay quick. */
  base = g_strconcat (c.path, ".base", NULL);
  wal = g_strconcat (c.path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (lapak_test_copy_file (c.path, base));

  start_server (&c);

  for (guint k = 0; k < kills; k++)
    {
      g_autoptr(GPtrArray) acks = g_ptr_array_new_with_free_func (g_free);
      gboolean ready = FALSE;
      guint wait_acks = 0;
      gboolean early = g_rand_int_range (rand, 0, 8) == 0;
      guint64 delay;
      int pid = 0;
      int status = -1;

      /* One time in eight into the opening itself (0 … 2 ms after the
       * fork), where SQLite recovers the WAL the previous victim left.
       * Otherwise into the commits, whatever the machine's speed: after
       * the writer has opened the database and acknowledged 0 … 3 sales,
       * wait 2 µs … 5 ms (log-uniform) — a commit takes about a
       * millisecond, so the kill lands anywhere inside one. */
      if (k > 0 && k % ROUND_KILLS == 0)
        {
          /* No connection is open: the last check closed it (and SQLite
           * emptied the WAL), and the server opens none. */
          g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
          g_assert_true (lapak_test_copy_file (base, c.path));
          sales += (guint64)c.checked;
          c.checked = 0;
          c.acked_seq = 0;
          g_clear_pointer (&c.acked_hash, g_free);
          rounds++;
        }

      if (early)
        delay = (guint64)g_rand_int_range (rand, 0, 2000);
      else
        {
          wait_acks = (guint)g_rand_int_range (rand, 0, 4);
          delay = (guint64)(2.0 * pow (2500.0, g_rand_double (rand)));
        }

      /* The writer may say "ready" before the server says its pid. */
      send_go (&c);
      for (;;)
        {
          g_autofree char *line = read_line (&c);

          if (g_str_equal (line, "ready"))
            ready = TRUE;
          else if (g_str_has_prefix (line, "ack "))
            g_ptr_array_add (acks, g_steal_pointer (&line));
          else if (g_str_has_prefix (line, "pid "))
            {
              pid = atoi (line + 4);
              break;
            }
          else
            g_error ("writer: %s", line);
        }
      g_assert_cmpint (pid, >, 1);

      while (!early && (!ready || acks->len < wait_acks))
        {
          g_autofree char *line = read_line (&c);

          if (g_str_equal (line, "ready"))
            ready = TRUE;
          else if (g_str_has_prefix (line, "ack "))
            g_ptr_array_add (acks, g_steal_pointer (&line));
          else
            g_error ("writer: %s", line);
        }
      waited_acks += wait_acks;
      sleep_us (delay);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);

      for (;;)
        {
          g_autofree char *line = read_line (&c);

          if (g_str_has_prefix (line, "ack "))
            g_ptr_array_add (acks, g_steal_pointer (&line));
          else if (g_str_has_prefix (line, "exit "))
            {
              status = atoi (line + 5);
              break;
            }
          else if (!g_str_equal (line, "ready"))
            g_error ("writer: %s", line);
        }

      if (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL)
        c.killed++;
      else
        {
          /* It finished its sales before the kill arrived. */
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
          exited++;
        }

      {
        gint64 t0 = g_get_monotonic_time ();

        check_after_kill (&c, acks);
        check_us += g_get_monotonic_time () - t0;
      }
    }

  stop_server (&c);
  sales += (guint64)c.checked;

  g_test_message ("%u writers killed, %u finished first; %u sales acknowledged, %" G_GUINT64_FORMAT
                  " committed, in %u rounds; %.1f s, of which %.1f s checking",
                  c.killed, exited, c.acks, sales, rounds,
                  (double)(g_get_monotonic_time () - started) / G_USEC_PER_SEC,
                  (double)check_us / G_USEC_PER_SEC);
  /* The kills must really land while sales are being written. */
  g_assert_cmpuint (c.killed, >=, kills * 9 / 10);
  g_assert_cmpuint (c.acks, >=, waited_acks);
  g_assert_cmpuint (sales, >=, c.acks);

  if (g_getenv ("LAPAK_CRASH_KEEP") == NULL)
    lapak_test_remove_tree (c.dir);
  else
    g_test_message ("kept %s", c.path);
  g_free (c.dir);
  g_free (c.path);
  g_free (c.acked_hash);
  for (guint i = 0; i < LAPAK_TEST_N_PRODUCTS; i++)
    g_free (c.tenant[i]);
  g_ptr_array_unref (c.codes);
  g_string_free (c.pending, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/kill-9-while-selling", test_crash_kill9);
  return g_test_run ();
}
