/* bench-sale.c — selling benchmarks, each as a ratio to a floor measured in
 * the same run on the same file system
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-sale [--sales N] [--runs R] [--products P] [--dir DIR]
 *
 * 1. commit: lapak_sale_commit() of a 5-line, 2-tenant, 1-payment cart,
 *    N times, vs the floor: a bare SQLite transaction writing the same rows
 *    (1 sale, 5 lines, 1 payment, 5 stock movements, 2 account entries,
 *    1 journal row with its SHA-256 chain) into the same schema with the
 *    same pragmas (WAL, synchronous=FULL, foreign_keys), prepared
 *    statements and BEGIN IMMEDIATE … COMMIT.
 * 2. sell --from: `lapakctl sell --from FILE` with N sales (process start,
 *    login, whole-file check and N durable commits) vs the floor's N bare
 *    transactions.
 * 3. lookup: lapak_cart_scan() (parse, validate, look up, add to the cart)
 *    among P products, label codes and EAN-13 barcodes, vs the floor: a
 *    bare indexed SELECT by code (resp. barcode).
 *
 * Prints a table: for each, min / median / max over the R runs of the
 * median and p99, the floor's, and their ratio (computed per run). Money is
 * int64 rupiah; only times are doubles. Not a test: nothing here asserts a
 * target (build-aux/bench prints the targets next to the figures).
 */
#define G_LOG_DOMAIN "lapak-bench"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lapak-auth.h"
#include "lapak-code.h"
#include "lapak-db.h"
#include "lapak-ledger.h"
#include "lapak-sale.h"
#include "lapak-shift.h"
#include "lapak-test-util.h"

#define N_TENANTS_COMMIT 2
#define CASHIER_PIN "1111"

static int opt_sales = 2000;
static int opt_runs = 3;
static int opt_products = 50000;
static char *opt_dir = NULL;
static gboolean opt_no_sync = FALSE;

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}

/* CPU time (user + system) of this process: unlike wall time, hardly
 * disturbed by other programs waiting on the same disk. */
static double
cpu_ms (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return (double) (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
         (double) (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The q-quantile (0…1) of @values, sorting them. */
static double
quantile (GArray *values,
          double  q)
{
  gsize i;

  g_array_sort (values, compare_doubles);
  i = (gsize) (q * (double) (values->len - 1) + 0.5);
  return g_array_index (values, double, i);
}

static void
die_on_error (GError *error,
              const char *what)
{
  if (error != NULL)
    {
      g_printerr ("bench-sale: %s: %s\n", what, error->message);
      exit (1);
    }
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_printerr ("bench-sale: %s: %s\n", sql, message);
      exit (1);
    }
}

static sqlite3_stmt *
prepare_or_die (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("bench-sale: %s: %s\n", sql, sqlite3_errmsg (db));
      exit (1);
    }
  return stmt;
}

static void
step_done (sqlite3      *db,
           sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_printerr ("bench-sale: %s: %s\n", sqlite3_sql (stmt), sqlite3_errmsg (db));
      exit (1);
    }
  sqlite3_reset (stmt);
}

/* ---------- a till ready to sell ---------- */

typedef struct
{
  char      *path;
  LapakDb   *db;
  LapakUser *cashier;
  GPtrArray *codes;      /* label codes */
  GPtrArray *barcodes;   /* EAN-13, one per product */
} Till;

static char *
ean13 (guint n)
{
  char digits[14];
  int sum = 0;

  g_snprintf (digits, sizeof digits, "899%09u", n);
  for (int i = 0; i < 12; i++)
    sum += (digits[i] - '0') * (i % 2 == 1 ? 3 : 1);
  digits[12] = (char) ('0' + (10 - sum % 10) % 10);
  digits[13] = '\0';
  return g_strdup (digits);
}

typedef struct
{
  LapakUser *org;
  guint      n_tenants;
  guint      n_products;
  int64_t    stock;
  GPtrArray *codes;
  GPtrArray *barcodes;
} Fill;

static gboolean
fill_txn (LapakDb  *db,
          gpointer  user_data,
          GError  **error)
{
  Fill *f = user_data;

  for (guint t = 0; t < f->n_tenants; t++)
    {
      g_autofree char *code = g_strdup_printf ("T%03u", t);
      g_autofree char *name = g_strdup_printf ("Tenant %u", t);
      LapakTenantSpec spec = { code, name, NULL, NULL, 1500, 0 };

      if (!lapak_tenant_add_in_txn (db, f->org, &spec, error))
        return FALSE;
    }
  for (guint p = 0; p < f->n_products; p++)
    {
      g_autofree char *tenant = g_strdup_printf ("T%03u", p % f->n_tenants);
      g_autofree char *name = g_strdup_printf ("Product %u", p);
      g_autofree char *sku = g_strdup_printf ("SKU%u", p);
      g_autofree char *barcode = ean13 (p);
      LapakProductSpec spec = { tenant, sku, name, 1000 + 500 * (int64_t) (p % 40), f->stock, barcode };
      char *code = lapak_product_add_in_txn (db, f->org, &spec, error);

      if (code == NULL)
        return FALSE;
      g_ptr_array_add (f->codes, code);
      g_ptr_array_add (f->barcodes, g_steal_pointer (&barcode));
    }
  return TRUE;
}

static Till *
till_new (const char *dir,
          const char *name,
          guint       n_tenants,
          guint       n_products,
          int64_t     stock)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) org = NULL;
  Till *till = g_new0 (Till, 1);
  g_autofree char *sub = g_build_filename (dir, name, NULL);
  Fill fill = { 0 };
  int64_t shift;

  g_mkdir (sub, 0700);
  till->db = lapak_test_new_till (sub, "K1");
  till->path = g_build_filename (sub, "K1.db", NULL);
  org = lapak_test_login (till->db, "Org", "1234");
  lapak_event_create (till->db, org, "BENCH", "Bench bazaar", LAPAK_EVENT_BAZAAR, 1500, 0, NULL, &error);
  die_on_error (error, "event create");
  lapak_user_add (till->db, org, "Sari", LAPAK_ROLE_CASHIER, NULL, CASHIER_PIN, &error);
  die_on_error (error, "user add");

  fill.org = org;
  fill.n_tenants = n_tenants;
  fill.n_products = n_products;
  fill.stock = stock;
  fill.codes = till->codes = g_ptr_array_new_with_free_func (g_free);
  fill.barcodes = till->barcodes = g_ptr_array_new_with_free_func (g_free);
  lapak_db_transaction (till->db, fill_txn, &fill, &error);
  die_on_error (error, "products");

  till->cashier = lapak_test_login (till->db, "Sari", CASHIER_PIN);
  if (opt_no_sync)
    exec_or_die (lapak_db_get_handle (till->db), "PRAGMA synchronous = OFF");
  lapak_shift_open (till->db, till->cashier, 500000, &shift, &error);
  die_on_error (error, "shift open");
  return till;
}

static void
till_free (Till *till)
{
  g_clear_pointer (&till->cashier, lapak_user_free);
  g_clear_object (&till->db);
  g_ptr_array_unref (till->codes);
  g_ptr_array_unref (till->barcodes);
  g_free (till->path);
  g_free (till);
}

/* The 5 items of sale @i: 3 lines of tenant 0, 2 of tenant 1, as typed. */
static void
sale_items (Till  *till,
            guint  i,
            char  *items[5])
{
  for (guint k = 0; k < 5; k++)
    {
      /* Products alternate tenants: even indexes are T000's, odd T001's. */
      guint p = (k < 3 ? 2 * ((i + k) % 5) : 2 * ((i + k) % 5) + 1);
      const char *code = g_ptr_array_index (till->codes, p);

      items[k] = k == 1 ? g_strdup_printf ("%s*2", code) : g_strdup (code);
    }
}

static LapakCart *
make_cart (Till *till,
           guint i)
{
  g_autoptr(GError) error = NULL;
  LapakCart *cart = lapak_cart_new (till->db, &error);
  char *items[5];

  die_on_error (error, "cart");
  sale_items (till, i, items);
  for (guint k = 0; k < 5; k++)
    {
      lapak_cart_scan (cart, items[k], &error);
      die_on_error (error, "scan");
      g_free (items[k]);
    }
  lapak_cart_add_payment (cart, LAPAK_PAY_CASH, 200000, NULL, &error);
  die_on_error (error, "payment");
  return cart;
}

/* ---------- the floor: bare SQLite ---------- */

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *sale;
  sqlite3_stmt *line;
  sqlite3_stmt *payment;
  sqlite3_stmt *stock;
  sqlite3_stmt *account;
  sqlite3_stmt *journal;
  int64_t       seq;
  int64_t       stock_seq;
  int64_t       account_seq;
  int64_t       journal_seq;
  char          prev_hash[65];
} Floor;

/* The same schema as the till's (copied from it), its catalogue rows for
 * the foreign keys, and the pragmas the core sets. */
static Floor *
floor_new (const char *dir,
           Till       *till)
{
  Floor *f = g_new0 (Floor, 1);
  g_autofree char *path = g_build_filename (dir, "floor.db", NULL);
  sqlite3_stmt *stmt;

  if (sqlite3_open (path, &f->db) != SQLITE_OK)
    {
      g_printerr ("bench-sale: cannot open %s\n", path);
      exit (1);
    }
  exec_or_die (f->db, "PRAGMA journal_mode = WAL");
  exec_or_die (f->db, "PRAGMA synchronous = FULL");
  exec_or_die (f->db, "PRAGMA foreign_keys = ON");
  if (opt_no_sync)
    exec_or_die (f->db, "PRAGMA synchronous = OFF");

  {
    g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS till", till->path);

    exec_or_die (f->db, attach);
  }
  stmt = prepare_or_die (f->db, "SELECT sql FROM till.sqlite_master WHERE sql IS NOT NULL ORDER BY rowid");
  exec_or_die (f->db, "BEGIN");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    exec_or_die (f->db, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  exec_or_die (f->db, "INSERT INTO main.event SELECT * FROM till.event");
  exec_or_die (f->db, "INSERT INTO main.tenant SELECT * FROM till.tenant");
  exec_or_die (f->db, "INSERT INTO main.product SELECT * FROM till.product");
  exec_or_die (f->db, "COMMIT");
  exec_or_die (f->db, "DETACH till");

  f->sale = prepare_or_die (f->db, "INSERT INTO sale (till_id, seq, event_code, shift_seq, cashier, at, total, change, journal_seq) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  f->line = prepare_or_die (f->db, "INSERT INTO sale_line (till_id, sale_seq, line, product_code, tenant_code, name, "
                                   "qty, list_price, unit_price, unit_discount, approver) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  f->payment = prepare_or_die (f->db, "INSERT INTO payment (till_id, sale_seq, idx, method, amount, tendered, reference) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  f->stock = prepare_or_die (f->db, "INSERT INTO stock_move (till_id, seq, event_code, product_code, kind, delta, ref, at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  f->account = prepare_or_die (f->db, "INSERT INTO account_entry (till_id, seq, event_code, tenant_code, kind, amount, ref, at) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  f->journal = prepare_or_die (f->db, "INSERT INTO journal (till_id, seq, at, type, ref, payload, hash) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  memset (f->prev_hash, '0', 64);
  return f;
}

static void
floor_free (Floor *f)
{
  sqlite3_finalize (f->sale);
  sqlite3_finalize (f->line);
  sqlite3_finalize (f->payment);
  sqlite3_finalize (f->stock);
  sqlite3_finalize (f->account);
  sqlite3_finalize (f->journal);
  sqlite3_close (f->db);
  g_free (f);
}

#define T(stmt, i, s) sqlite3_bind_text (stmt, i, s, -1, SQLITE_TRANSIENT)

/* One sale of the same shape as the core's, written the bare way. */
static void
floor_sale (Floor     *f,
            LapakCart *cart)
{
  g_autoptr(GString) payload = g_string_new (NULL);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *id = NULL;
  int64_t at = g_get_real_time ();
  int64_t total = lapak_cart_total (cart);
  guint n = lapak_cart_n_lines (cart);

  f->seq++;
  f->journal_seq++;
  id = lapak_sale_id ("K1", f->seq);
  exec_or_die (f->db, "BEGIN IMMEDIATE");

  T (f->sale, 1, "K1");
  sqlite3_bind_int64 (f->sale, 2, f->seq);
  T (f->sale, 3, "BENCH");
  sqlite3_bind_int64 (f->sale, 4, 1);
  T (f->sale, 5, "Sari");
  sqlite3_bind_int64 (f->sale, 6, at);
  sqlite3_bind_int64 (f->sale, 7, total);
  sqlite3_bind_int64 (f->sale, 8, 200000 - total);
  sqlite3_bind_int64 (f->sale, 9, f->journal_seq);
  step_done (f->db, f->sale);
  g_string_append_printf (payload, "sale=%s\nevent=BENCH\nshift=1\ncashier=Sari\ntotal=%" G_GINT64_FORMAT "\n",
                          id, (gint64) total);

  for (guint i = 0; i < n; i++)
    {
      const LapakCartLine *l = lapak_cart_line (cart, i);

      T (f->line, 1, "K1");
      sqlite3_bind_int64 (f->line, 2, f->seq);
      sqlite3_bind_int (f->line, 3, (int) i + 1);
      T (f->line, 4, l->code);
      T (f->line, 5, l->tenant);
      T (f->line, 6, l->name);
      sqlite3_bind_int64 (f->line, 7, l->qty);
      sqlite3_bind_int64 (f->line, 8, l->list_price);
      sqlite3_bind_int64 (f->line, 9, l->unit_price);
      sqlite3_bind_int64 (f->line, 10, l->unit_discount);
      sqlite3_bind_null (f->line, 11);
      step_done (f->db, f->line);

      T (f->stock, 1, "K1");
      sqlite3_bind_int64 (f->stock, 2, ++f->stock_seq);
      T (f->stock, 3, "BENCH");
      T (f->stock, 4, l->code);
      T (f->stock, 5, "sale");
      sqlite3_bind_int64 (f->stock, 6, -l->qty);
      T (f->stock, 7, id);
      sqlite3_bind_int64 (f->stock, 8, at);
      step_done (f->db, f->stock);
      g_string_append_printf (payload, "line=%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n",
                              l->code, l->tenant, (gint64) l->qty, (gint64) l->unit_price);
    }

  T (f->payment, 1, "K1");
  sqlite3_bind_int64 (f->payment, 2, f->seq);
  sqlite3_bind_int (f->payment, 3, 1);
  T (f->payment, 4, "cash");
  sqlite3_bind_int64 (f->payment, 5, total);
  sqlite3_bind_int64 (f->payment, 6, 200000);
  sqlite3_bind_null (f->payment, 7);
  step_done (f->db, f->payment);

  for (guint t = 0; t < N_TENANTS_COMMIT; t++)
    {
      g_autofree char *tenant = g_strdup_printf ("T%03u", t);
      int64_t amount = 0;

      for (guint i = 0; i < n; i++)
        {
          const LapakCartLine *l = lapak_cart_line (cart, i);

          if (g_str_equal (l->tenant, tenant))
            amount += l->qty * (l->unit_price - l->unit_discount);
        }
      T (f->account, 1, "K1");
      sqlite3_bind_int64 (f->account, 2, ++f->account_seq);
      T (f->account, 3, "BENCH");
      T (f->account, 4, tenant);
      T (f->account, 5, "sale");
      sqlite3_bind_int64 (f->account, 6, amount);
      T (f->account, 7, id);
      sqlite3_bind_int64 (f->account, 8, at);
      step_done (f->db, f->account);
    }

  g_checksum_update (sum, (const guchar *) f->prev_hash, 64);
  g_checksum_update (sum, (const guchar *) payload->str, (gssize) payload->len);
  memcpy (f->prev_hash, g_checksum_get_string (sum), 64);
  T (f->journal, 1, "K1");
  sqlite3_bind_int64 (f->journal, 2, f->journal_seq);
  sqlite3_bind_int64 (f->journal, 3, at);
  T (f->journal, 4, "sale");
  sqlite3_bind_int64 (f->journal, 5, f->seq);
  T (f->journal, 6, payload->str);
  T (f->journal, 7, f->prev_hash);
  step_done (f->db, f->journal);

  exec_or_die (f->db, "COMMIT");
}

/* ---------- the figures ---------- */

typedef struct
{
  const char *name;
  const char *unit;
  GArray     *runs[3];    /* per run: the thing, its floor, the ratio */
} Row;

static void
row_add (GPtrArray  *rows,
         const char *name,
         const char *unit,
         double      value,
         double      floor_value)
{
  Row *row = NULL;
  /* The cost ratio: time over time, or the floor's rate over ours. */
  double ratio = g_str_equal (unit, "sales/s") ? floor_value / value : value / floor_value;

  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((Row *) g_ptr_array_index (rows, i))->name, name))
      row = g_ptr_array_index (rows, i);
  if (row == NULL)
    {
      row = g_new0 (Row, 1);
      row->name = name;
      row->unit = unit;
      for (guint k = 0; k < 3; k++)
        row->runs[k] = g_array_new (FALSE, FALSE, sizeof (double));
      g_ptr_array_add (rows, row);
    }
  g_array_append_val (row->runs[0], value);
  g_array_append_val (row->runs[1], floor_value);
  g_array_append_val (row->runs[2], ratio);
}

static char *
min_med_max (GArray *values,
             int     decimals)
{
  return g_strdup_printf ("%.*f / %.*f / %.*f", decimals, quantile (values, 0),
                          decimals, quantile (values, 0.5), decimals, quantile (values, 1));
}

static void
print_rows (GPtrArray *rows)
{
  g_print ("\n| measure | Lapak: min / median / max of %d runs | floor | cost ratio Lapak / floor |\n", opt_runs);
  g_print ("|---|---|---|---|\n");
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      g_autofree char *v = min_med_max (row->runs[0], 3);
      g_autofree char *fl = min_med_max (row->runs[1], 3);
      g_autofree char *r = min_med_max (row->runs[2], 2);

      g_print ("| %s (%s) | %s | %s | %s |\n", row->name, row->unit, v, fl, r);
    }
}

/* ---------- the disk itself ---------- */

/* Median and p99 of a raw 4 KiB overwrite + fdatasync in @dir: what one
 * durable commit costs at least on this disk right now. */
static void
bench_fsync (const char *dir,
             GPtrArray  *rows)
{
  g_autofree char *path = g_build_filename (dir, "fsync.bin", NULL);
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  char block[4096];
  int fd = open (path, O_RDWR | O_CREAT | O_TRUNC, 0600);

  if (fd < 0)
    {
      g_printerr ("bench-sale: %s: %s\n", path, g_strerror (errno));
      exit (1);
    }
  memset (block, 'x', sizeof block);
  for (int i = 0; i < 500; i++)
    {
      double t0 = now_ms ();

      if (pwrite (fd, block, sizeof block, 0) != (ssize_t) sizeof block || fdatasync (fd) != 0)
        {
          g_printerr ("bench-sale: %s: %s\n", path, g_strerror (errno));
          exit (1);
        }
      t0 = now_ms () - t0;
      g_array_append_val (ms, t0);
    }
  close (fd);
  g_unlink (path);
  row_add (rows, "disk: 4 KiB pwrite + fdatasync, median", "ms", quantile (ms, 0.5), quantile (ms, 0.5));
  row_add (rows, "disk: 4 KiB pwrite + fdatasync, p99", "ms", quantile (ms, 0.99), quantile (ms, 0.99));
}

/* ---------- 1 and 2: commits and sell --from ---------- */

static void
bench_commit (const char *dir,
              GPtrArray  *rows,
              int         run)
{
  g_autofree char *sub = g_strdup_printf ("commit-%d", run);
  g_autofree char *subdir = g_build_filename (dir, sub, NULL);
  g_autoptr(GArray) core_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_ms = g_array_new (FALSE, FALSE, sizeof (double));
  Till *till;
  Floor *f;
  double floor_total = 0;
  double core_total = 0;
  double floor_cpu = 0;
  double core_cpu = 0;

  g_mkdir (subdir, 0700);
  till = till_new (subdir, "till", N_TENANTS_COMMIT, 10, 1000000);
  f = floor_new (subdir, till);

  /* Interleaved in blocks of 100, so that both see the same disk weather. */
  for (int i = 0; i < opt_sales; i += 100)
    {
      for (int k = i; k < i + 100 && k < opt_sales; k++)
        {
          g_autoptr(LapakCart) cart = make_cart (till, (guint) k);
          double c0 = cpu_ms ();
          double t0 = now_ms ();

          floor_sale (f, cart);
          t0 = now_ms () - t0;
          floor_cpu += cpu_ms () - c0;
          floor_total += t0;
          g_array_append_val (floor_ms, t0);
        }
      for (int k = i; k < i + 100 && k < opt_sales; k++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(LapakCart) cart = make_cart (till, (guint) k);
          g_autoptr(LapakSale) sale = NULL;
          double c0 = cpu_ms ();
          double t0 = now_ms ();

          sale = lapak_sale_commit (till->db, till->cashier, cart, &error);
          t0 = now_ms () - t0;
          core_cpu += cpu_ms () - c0;
          die_on_error (error, "commit");
          core_total += t0;
          g_array_append_val (core_ms, t0);
        }
    }

  row_add (rows, "commit median", "ms", quantile (core_ms, 0.5), quantile (floor_ms, 0.5));
  row_add (rows, "commit p99", "ms", quantile (core_ms, 0.99), quantile (floor_ms, 0.99));
  row_add (rows, "commit throughput", "sales/s", opt_sales / (core_total / 1000), opt_sales / (floor_total / 1000));
  row_add (rows, "commit CPU time per sale", "ms", core_cpu / opt_sales, floor_cpu / opt_sales);

  floor_free (f);
  till_free (till);
}

/* Wall time of opt_sales bare transactions. */
static double
floor_batch (Till  *till,
             Floor *f)
{
  double total = 0;

  for (int i = 0; i < opt_sales; i++)
    {
      g_autoptr(LapakCart) cart = make_cart (till, (guint) i);
      double t0 = now_ms ();

      floor_sale (f, cart);
      total += now_ms () - t0;
    }
  return total;
}

static void
bench_sell_from (const char *dir,
                 GPtrArray  *rows,
                 int         run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = g_strdup_printf ("sell-from-%d", run);
  g_autofree char *subdir = g_build_filename (dir, sub, NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *file = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *lapakctl = g_getenv ("LAPAKCTL");
  const char *argv[] = { lapakctl, "sell", "--as", "Sari", "--from", NULL, NULL };
  Till *till;
  Floor *f;
  double floor_ms;
  double cli_ms;
  int status = 0;

  if (lapakctl == NULL)
    {
      g_printerr ("bench-sale: set LAPAKCTL to the lapakctl to measure\n");
      exit (1);
    }
  g_mkdir (subdir, 0700);
  till = till_new (subdir, "till", N_TENANTS_COMMIT, 10, 1000000);
  f = floor_new (subdir, till);

  for (int i = 0; i < opt_sales; i++)
    {
      char *items[5];

      sale_items (till, (guint) i, items);
      g_string_append_printf (lines, "%s %s %s %s %s --pay cash:200.000\n",
                              items[0], items[1], items[2], items[3], items[4]);
      for (guint k = 0; k < 5; k++)
        g_free (items[k]);
    }
  file = lapak_test_write_file (subdir, "sales.txt", lines->str);
  argv[5] = file;

  /* The floor: the same number of bare transactions (their time only),
   * before the CLI runs and again after; the mean of both. */
  floor_ms = floor_batch (till, f);

  /* The CLI runs on the till's file, closed here first. */
  g_clear_object (&till->db);
  envp = g_environ_setenv (envp, "LAPAK_DB", till->path, TRUE);
  envp = g_environ_setenv (envp, "LAPAK_PIN", CASHIER_PIN, TRUE);
  cli_ms = now_ms ();
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  cli_ms = now_ms () - cli_ms;
  die_on_error (error, "lapakctl");
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-sale: lapakctl sell --from failed: %s\n%s", error->message, err);
      exit (1);
    }

  till->db = lapak_db_open (till->path, &error);
  die_on_error (error, "reopen");
  floor_ms = (floor_ms + floor_batch (till, f)) / 2;

  row_add (rows, "sell --from throughput", "sales/s", opt_sales / (cli_ms / 1000), opt_sales / (floor_ms / 1000));
  floor_free (f);
  till_free (till);
}

/* ---------- 3: look-ups among many products ---------- */

static void
bench_lookup (const char *dir,
              GPtrArray  *rows,
              int         run,
              Till       *till)
{
  g_autoptr(GArray) core_code = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) core_barcode = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_code = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_barcode = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) run);
  g_autoptr(LapakCart) cart = NULL;
  sqlite3 *bare = NULL;
  sqlite3_stmt *by_code;
  sqlite3_stmt *by_barcode;
  int n = 10000;

  sqlite3_open_v2 (till->path, &bare, SQLITE_OPEN_READONLY, NULL);
  by_code = prepare_or_die (bare, "SELECT code, tenant_code, name, price, status FROM product WHERE code = ?1");
  by_barcode = prepare_or_die (bare, "SELECT code, tenant_code, name, price, status FROM product WHERE barcode = ?1");

  for (int i = 0; i < n; i++)
    {
      guint p = (guint) g_rand_int_range (rand, 0, (gint32) till->codes->len);
      gboolean barcode = i % 2 == 1;
      const char *key = g_ptr_array_index (barcode ? till->barcodes : till->codes, p);
      g_autoptr(GError) error = NULL;
      sqlite3_stmt *stmt = barcode ? by_barcode : by_code;
      double t0;

      /* A cart holds at most 20 lines here, as a real one would. */
      if (i % 20 == 0)
        {
          g_clear_pointer (&cart, lapak_cart_free);
          cart = lapak_cart_new (till->db, &error);
          die_on_error (error, "cart");
        }

      t0 = now_ms ();
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_printerr ("bench-sale: %s not found\n", key);
          exit (1);
        }
      sqlite3_reset (stmt);
      t0 = now_ms () - t0;
      g_array_append_val (barcode ? floor_barcode : floor_code, t0);

      t0 = now_ms ();
      lapak_cart_scan (cart, key, &error);
      t0 = now_ms () - t0;
      die_on_error (error, "scan");
      g_array_append_val (barcode ? core_barcode : core_code, t0);
    }

  row_add (rows, "scan label code, p99", "ms", quantile (core_code, 0.99), quantile (floor_code, 0.99));
  row_add (rows, "scan label code, median", "ms", quantile (core_code, 0.5), quantile (floor_code, 0.5));
  row_add (rows, "scan barcode, p99", "ms", quantile (core_barcode, 0.99), quantile (floor_barcode, 0.99));
  row_add (rows, "scan barcode, median", "ms", quantile (core_barcode, 0.5), quantile (floor_barcode, 0.5));

  sqlite3_finalize (by_code);
  sqlite3_finalize (by_barcode);
  sqlite3_close (bare);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("— Lapak's selling benchmarks");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *dir = NULL;
  gboolean keep = FALSE;
  const GOptionEntry entries[] = {
    { "sales", 0, 0, G_OPTION_ARG_INT, &opt_sales, "Sales per run (2000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs (3)", "R" },
    { "products", 0, 0, G_OPTION_ARG_INT, &opt_products, "Products for the look-ups (50000)", "P" },
    { "no-sync", 0, 0, G_OPTION_ARG_NONE, &opt_no_sync,
      "Diagnosis only: synchronous=OFF for both, to see CPU costs (NOT durable; skips sell --from)", NULL },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Where the databases go (a new folder under $TMPDIR)", "DIR" },
    { NULL }
  };
  Till *big;
  double t0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_sales < 100 || opt_runs < 1 || opt_products < 100)
    {
      g_printerr ("bench-sale: %s\n", error != NULL ? error->message : "--sales ≥ 100, --runs ≥ 1, --products ≥ 100");
      return 2;
    }
  if (opt_dir != NULL)
    {
      dir = g_strdup (opt_dir);
      g_mkdir_with_parents (dir, 0700);
      keep = TRUE;
    }
  else
    dir = lapak_test_make_dir ();
  g_print ("bench-sale: %d sales, %d runs, %d products, in %s (SQLite %s)%s\n",
           opt_sales, opt_runs, opt_products, dir, sqlite3_libversion (),
           opt_no_sync ? ", synchronous=OFF: NOT DURABLE, CPU costs only" : "");

  for (int run = 0; run < opt_runs; run++)
    {
      g_print ("run %d: disk, commits\n", run + 1);
      bench_fsync (dir, rows);
      bench_commit (dir, rows, run);
      if (!opt_no_sync)
        {
          g_print ("run %d: sell --from\n", run + 1);
          bench_sell_from (dir, rows, run);
        }
    }

  t0 = now_ms ();
  big = till_new (dir, "big", 50, (guint) opt_products, 0);
  g_print ("look-ups: %d products set up in %.1f s\n", opt_products, (now_ms () - t0) / 1000);
  for (int run = 0; run < opt_runs; run++)
    bench_lookup (dir, rows, run, big);
  till_free (big);

  print_rows (rows);
  if (!keep)
    lapak_test_remove_tree (dir);
  return 0;
}
