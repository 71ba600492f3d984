/* test-faults.c — a failing disk never leaves half a sale, and the till
 * carries on once the fault is gone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Write and fsync failures: a SQLite VFS shim, registered as the default VFS
 * of this test process, wraps the real "unix" VFS and makes the Nth write()
 * or fsync() of the database or its WAL fail — a fault that cannot be
 * produced for real on command. The test fails every write, then every
 * fsync, of a sale's commit in turn (N = 1, 2, … until a commit needs fewer).
 *
 * A full disk, for real: in a child process with its own mount namespace, a
 * 4 MiB tmpfs holds the database, and a filler file takes all the free
 * space, so write() really fails with ENOSPC. Where mounting is not allowed
 * (not root, or a container without CAP_SYS_ADMIN), setrlimit(RLIMIT_FSIZE)
 * with SIGXFSZ ignored makes write() really fail with EFBIG instead; the
 * test says which it used. A file size limit is also tested on its own
 * (EFBIG is what a database on a FAT32 USB stick meets at 4 GiB).
 *
 * Each time: the error says what failed and what to do; the database holds
 * exactly what it held before (same digest, integrity_check ok, the journal
 * verifies); and the same open till then commits the next sale with the
 * next number, the journal chain continuing. And a till that dies right
 * after a failed fsync does not bring the failed sale back when it starts.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-sale.h"
#include "lapak-test-util.h"

/* ---------- the VFS shim ---------- */

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;
  gboolean      watched;    /* the main database or its WAL */
} FaultFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;
static sqlite3_io_methods fault_io;
static int fail_write_at;    /* the Nth write from now fails; 0: none */
static int fail_sync_at;
static int writes_failed;
static int syncs_failed;

#define REAL(f) (((FaultFile *)(f))->real)

static int
fault_close (sqlite3_file *f)
{
  return REAL (f)->pMethods->xClose (REAL (f));
}

static int
fault_read (sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
  return REAL (f)->pMethods->xRead (REAL (f), buf, amt, off);
}

static int
fault_write (sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
  if (((FaultFile *)f)->watched && fail_write_at > 0 && --fail_write_at == 0)
    {
      writes_failed++;
      return SQLITE_IOERR_WRITE;
    }
  return REAL (f)->pMethods->xWrite (REAL (f), buf, amt, off);
}

static int
fault_truncate (sqlite3_file *f, sqlite3_int64 size)
{
  return REAL (f)->pMethods->xTruncate (REAL (f), size);
}

static int
fault_sync (sqlite3_file *f, int flags)
{
  if (((FaultFile *)f)->watched && fail_sync_at > 0 && --fail_sync_at == 0)
    {
      syncs_failed++;
      return SQLITE_IOERR_FSYNC;
    }
  return REAL (f)->pMethods->xSync (REAL (f), flags);
}

static int
fault_file_size (sqlite3_file *f, sqlite3_int64 *size)
{
  return REAL (f)->pMethods->xFileSize (REAL (f), size);
}

static int
fault_lock (sqlite3_file *f, int level)
{
  return REAL (f)->pMethods->xLock (REAL (f), level);
}

static int
fault_unlock (sqlite3_file *f, int level)
{
  return REAL (f)->pMethods->xUnlock (REAL (f), level);
}

static int
fault_check_reserved_lock (sqlite3_file *f, int *out)
{
  return REAL (f)->pMethods->xCheckReservedLock (REAL (f), out);
}

static int
fault_file_control (sqlite3_file *f, int op, void *arg)
{
  return REAL (f)->pMethods->xFileControl (REAL (f), op, arg);
}

static int
fault_sector_size (sqlite3_file *f)
{
  return REAL (f)->pMethods->xSectorSize (REAL (f));
}

static int
fault_device_characteristics (sqlite3_file *f)
{
  return REAL (f)->pMethods->xDeviceCharacteristics (REAL (f));
}

static int
fault_shm_map (sqlite3_file *f, int page, int size, int extend, void volatile **out)
{
  return REAL (f)->pMethods->xShmMap (REAL (f), page, size, extend, out);
}

static int
fault_shm_lock (sqlite3_file *f, int offset, int n, int flags)
{
  return REAL (f)->pMethods->xShmLock (REAL (f), offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *f)
{
  REAL (f)->pMethods->xShmBarrier (REAL (f));
}

static int
fault_shm_unmap (sqlite3_file *f, int delete_flag)
{
  return REAL (f)->pMethods->xShmUnmap (REAL (f), delete_flag);
}

static int
fault_fetch (sqlite3_file *f, sqlite3_int64 off, int amt, void **out)
{
  return REAL (f)->pMethods->xFetch (REAL (f), off, amt, out);
}

static int
fault_unfetch (sqlite3_file *f, sqlite3_int64 off, void *p)
{
  return REAL (f)->pMethods->xUnfetch (REAL (f), off, p);
}

static int
fault_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultFile *ff = (FaultFile *)file;
  int rc;

  ff->base.pMethods = NULL;
  ff->real = (sqlite3_file *)&ff[1];
  ff->watched = (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL)) != 0;
  rc = real_vfs->xOpen (real_vfs, name, ff->real, flags, out_flags);
  if (ff->real->pMethods != NULL)
    ff->base.pMethods = &fault_io;
  return rc;
}

static void
fault_vfs_register (void)
{
  real_vfs = sqlite3_vfs_find ("unix");
  g_assert_nonnull (real_vfs);
  g_assert_cmpint (real_vfs->iVersion, >=, 3);

  fault_io = (sqlite3_io_methods) {
    3, fault_close, fault_read, fault_write, fault_truncate, fault_sync, fault_file_size,
    fault_lock, fault_unlock, fault_check_reserved_lock, fault_file_control, fault_sector_size,
    fault_device_characteristics, fault_shm_map, fault_shm_lock, fault_shm_barrier, fault_shm_unmap,
    fault_fetch, fault_unfetch,
  };
  fault_vfs = *real_vfs;
  fault_vfs.zName = "lapak-fault";
  fault_vfs.szOsFile = (int)sizeof (FaultFile) + real_vfs->szOsFile;
  fault_vfs.xOpen = fault_open;
  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
}

/* ---------- the till ---------- */

typedef struct
{
  char      *dir;
  LapakDb   *db;
  LapakUser *org;
  GPtrArray *codes;
  int64_t    last_seq;
  int64_t    entries;
} Till;

static void
till_close (Till *t)
{
  g_clear_object (&t->db);
  g_clear_pointer (&t->org, lapak_user_free);
  g_clear_pointer (&t->codes, g_ptr_array_unref);
  if (t->dir != NULL)
    lapak_test_remove_tree (t->dir);
  g_clear_pointer (&t->dir, g_free);
}

static LapakCart *
make_cart (Till *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (t->db, &error);
  g_autofree char *a = g_strdup_printf ("%s*2", (char *)g_ptr_array_index (t->codes, 0));
  g_autofree char *b = g_strdup_printf ("%s*1", (char *)g_ptr_array_index (t->codes, 3));

  g_assert_no_error (error);
  g_assert_true (lapak_cart_scan (cart, a, &error));
  g_assert_true (lapak_cart_scan (cart, b, &error));
  g_assert_true (lapak_cart_add_payment (cart, LAPAK_PAY_CASH, 200000, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&cart);
}

/* The database as a till opening it now would find it. */
static void
assert_sound (Till *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_db_open (lapak_db_get_path (t->db), &error);
  g_autoptr(LapakJournalReport) report = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (lapak_db_get_handle (db), "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  report = lapak_journal_verify (db, &error);
  g_assert_no_error (error);
  if (!report->ok)
    g_error ("journal broken at %" G_GINT64_FORMAT ": %s", report->broken_seq, report->problem);
  g_assert_cmpint (report->n_entries, ==, t->entries);
  g_assert_cmpint (lapak_test_query_int (db, "SELECT COALESCE(MAX(seq), 0) FROM sale"), ==, t->last_seq);
  g_assert_cmpint (lapak_test_query_int (db, "SELECT count(*) FROM sale"), ==, t->last_seq);
}

/* A sale that must go through: the next number, the chain one longer. */
static void
sell_ok (Till *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = make_cart (t);
  g_autoptr(LapakSale) sale = lapak_sale_commit (t->db, t->org, cart, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sale);
  g_assert_cmpint (sale->seq, ==, t->last_seq + 1);
  t->last_seq = sale->seq;
  t->entries++;
  assert_sound (t);
}

static void
till_open (Till       *t,
           const char *dir)
{
  t->dir = g_strdup (dir);
  t->db = lapak_test_selling_till (t->dir, "K1", &t->org, &t->codes);
  t->entries = lapak_test_query_int (t->db, "SELECT count(*) FROM journal");
  sell_ok (t);
}

/* After a failed commit: nothing of it anywhere, the till still sound. */
static void
assert_nothing_saved (Till       *t,
                      const char *digest_before)
{
  g_autofree char *digest_after = lapak_test_db_digest (lapak_db_get_path (t->db));

  g_assert_cmpstr (digest_after, ==, digest_before);
  g_assert_false (lapak_db_in_transaction (t->db));
  assert_sound (t);
}

static void
assert_clear_io_message (const GError *error,
                         const char   *path,
                         const char   *cause,
                         const char   *advice)
{
  g_test_message ("%s", error->message);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, cause));
  g_assert_nonnull (strstr (error->message, "Nothing was saved"));
  g_assert_nonnull (strstr (error->message, advice));
}

typedef enum { FAULT_WRITE, FAULT_SYNC } FaultKind;

static void
fail_every_point (FaultKind kind)
{
  Till t = { 0 };
  g_autofree char *dir = lapak_test_make_dir ();
  int n;
  int failures = 0;

  till_open (&t, dir);

  for (n = 1; ; n++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LapakCart) cart = make_cart (&t);
      g_autoptr(LapakSale) sale = NULL;
      g_autofree char *before = lapak_test_db_digest (lapak_db_get_path (t.db));

      writes_failed = syncs_failed = 0;
      if (kind == FAULT_WRITE)
        fail_write_at = n;
      else
        fail_sync_at = n;
      sale = lapak_sale_commit (t.db, t.org, cart, &error);
      fail_write_at = fail_sync_at = 0;

      if (sale != NULL)
        {
          /* This commit needs fewer than n of them: every one has failed once. */
          g_assert_no_error (error);
          g_assert_cmpint (writes_failed + syncs_failed, ==, 0);
          g_assert_cmpint (sale->seq, ==, t.last_seq + 1);
          t.last_seq = sale->seq;
          t.entries++;
          assert_sound (&t);
          break;
        }

      g_assert_cmpint (kind == FAULT_WRITE ? writes_failed : syncs_failed, ==, 1);
      assert_clear_io_message (error, lapak_db_get_path (t.db), "failed", "Check the disk");
      assert_nothing_saved (&t, before);
      failures++;

      /* The fault is gone: the same till sells on. */
      sell_ok (&t);
    }

  g_test_message ("%d %s points of a sale's commit failed in turn", failures,
                  kind == FAULT_WRITE ? "write" : "fsync");
  g_assert_cmpint (failures, >=, 1);
  if (kind == FAULT_WRITE)
    g_assert_cmpint (failures, >=, 4);   /* several WAL frames */
  till_close (&t);
}

static void
test_write_failure (void)
{
  fail_every_point (FAULT_WRITE);
}

static void
test_fsync_failure (void)
{
  fail_every_point (FAULT_SYNC);
}

/* ---------- a full disk ---------- */

static gboolean
mount_small_tmpfs (const char *dir)
{
  if (geteuid () != 0)
    return FALSE;
  /* A mount namespace of our own: the mount disappears with this process. */
  if (unshare (CLONE_NEWNS) != 0)
    return FALSE;
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    return FALSE;
  return mount ("lapak-full", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=4m,mode=0700") == 0;
}

/* Takes every free byte of the file system holding @dir. */
static char *
fill_disk (const char *dir)
{
  char *path = g_build_filename (dir, "filler", NULL);
  static const char block[65536];
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  size_t size = sizeof block;

  g_assert_cmpint (fd, >=, 0);
  while (size > 0)
    {
      ssize_t n = write (fd, block, size);

      if (n < 0)
        {
          g_assert_cmpint (errno, ==, ENOSPC);
          size /= 2;
        }
    }
  g_assert_cmpint (fsync (fd), ==, 0);
  close (fd);
  return path;
}

static void
full_disk_child (gboolean may_mount)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *full = g_build_filename (dir, "full", NULL);
  g_autofree char *wal = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = NULL;
  g_autoptr(LapakSale) sale = NULL;
  struct rlimit saved;
  struct stat st;
  gboolean tmpfs;
  Till t = { 0 };

  g_assert_cmpint (g_mkdir (full, 0700), ==, 0);
  tmpfs = may_mount && mount_small_tmpfs (full);
  g_test_message ("no room made with %s", tmpfs ? "a 4 MiB tmpfs filled up (ENOSPC)"
                                                : "RLIMIT_FSIZE (EFBIG)");

  till_open (&t, full);
  wal = g_strconcat (lapak_db_get_path (t.db), "-wal", NULL);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);

  if (tmpfs)
    filler = fill_disk (full);
  else
    {
      struct rlimit limit;

      g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
      limit = saved;
      limit.rlim_cur = (rlim_t)st.st_size;
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
    }

  before = lapak_test_db_digest (lapak_db_get_path (t.db));
  cart = make_cart (&t);
  sale = lapak_sale_commit (t.db, t.org, cart, &error);
  g_assert_null (sale);
  /* ENOSPC is "full" to SQLite; EFBIG only a failed write. */
  if (tmpfs)
    assert_clear_io_message (error, lapak_db_get_path (t.db), "is full", "Free some space");
  else
    assert_clear_io_message (error, lapak_db_get_path (t.db), "failed", "Check the disk");
  assert_nothing_saved (&t, before);

  /* Space again: the same till sells on, twice. */
  if (tmpfs)
    g_assert_cmpint (g_unlink (filler), ==, 0);
  else
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  sell_ok (&t);
  sell_ok (&t);

  g_clear_pointer (&cart, lapak_cart_free);
  g_clear_object (&t.db);
  if (tmpfs)
    g_assert_cmpint (umount (full), ==, 0);
  till_close (&t);
  lapak_test_remove_tree (dir);
}

/* A really full disk where this process may mount a tmpfs (root with
 * CAP_SYS_ADMIN, as in CI); elsewhere a file size limit, below. */
static void
test_full_disk (void)
{
  if (g_test_subprocess ())
    {
      full_disk_child (TRUE);
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A file at its size limit: write() fails with EFBIG (a database on a FAT32
 * USB stick reaching 4 GiB does the same). */
static void
test_file_size_limit (void)
{
  if (g_test_subprocess ())
    {
      full_disk_child (FALSE);
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A commit whose fsync failed, then the till dies before anything else
 * (power cut, kill -9). The failed commit's frames, commit mark included,
 * were in the WAL file: opening the database again recovered them and
 * brought back the sale the cashier had been told was not saved. The core
 * now empties the WAL after such a failure. */
static void
test_fsync_failure_then_crash (void)
{
  if (g_test_subprocess ())
    {
      Till t = { 0 };
      g_autofree char *dir = g_strdup (g_getenv ("LAPAK_TEST_DIR"));
      g_autoptr(GError) error = NULL;
      g_autoptr(LapakCart) cart = NULL;
      LapakSale *sale;

      till_open (&t, dir);
      cart = make_cart (&t);
      fail_sync_at = 1;
      sale = lapak_sale_commit (t.db, t.org, cart, &error);
      g_assert_null (sale);
      g_assert_cmpint (syncs_failed, ==, 1);
      _exit (0);   /* killed: no close, no checkpoint */
    }
  {
    g_autofree char *dir = lapak_test_make_dir ();
    g_autofree char *path = g_build_filename (dir, "K1.db", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(LapakDb) db = NULL;

    g_setenv ("LAPAK_TEST_DIR", dir, TRUE);
    g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();
    db = lapak_db_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (lapak_test_query_int (db, "SELECT count(*) FROM sale"), ==, 1);
    g_clear_object (&db);
    lapak_test_remove_tree (dir);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  fault_vfs_register ();

  g_test_add_func ("/faults/write-failure", test_write_failure);
  g_test_add_func ("/faults/fsync-failure", test_fsync_failure);
  g_test_add_func ("/faults/fsync-failure-then-crash", test_fsync_failure_then_crash);
  g_test_add_func ("/faults/full-disk", test_full_disk);
  g_test_add_func ("/faults/file-size-limit", test_file_size_limit);
  return g_test_run ();
}
