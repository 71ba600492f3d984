/* lapak-db.c — one till's SQLite database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-core"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lapak-db.h"
#include "lapak-db-private.h"
#include "lapak-error.h"
#include "lapak-schema.h"

struct _LapakDb
{
  GObject     parent_instance;
  sqlite3    *handle;
  char       *path;
  char       *till_id;
  GHashTable *statements;   /* SQL text → sqlite3_stmt, prepared once */
};

G_DEFINE_FINAL_TYPE (LapakDb, lapak_db, G_TYPE_OBJECT)

#define BUSY_TIMEOUT_MS 5000

static const char *table_names_with_seq[] = {
  "account_entry",
  "cash_move",
  "journal",
  "refund",
  "sale",
  "sale_void",
  "settlement",
  "shift",
  "stock_move",
  "stock_return",
  NULL
};

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
lapak_db_finalize (GObject *object)
{
  LapakDb *self = (LapakDb *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->till_id, g_free);

  G_OBJECT_CLASS (lapak_db_parent_class)->finalize (object);
}

static void
lapak_db_class_init (LapakDbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lapak_db_finalize;
}

static void
lapak_db_init (LapakDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

void
lapak_stmt_release (sqlite3_stmt *stmt)
{
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
}

int
lapak_db_schema_version (void)
{
  return G_N_ELEMENTS (lapak_migrations);
}

int64_t
lapak_db_now (void)
{
  return g_get_real_time ();
}

/* Turns SQLite's result into a message a person can act on; the raw SQLite
 * text is kept at the end for whoever reads a bug report. */
void
lapak_db_set_error (LapakDb     *self,
                    GError     **error,
                    const char  *what)
{
  int code = sqlite3_extended_errcode (self->handle);
  const char *detail = sqlite3_errmsg (self->handle);

  switch (code & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                   _("Could not %s: the disk holding %s is full. Nothing was saved. "
                     "Free some space and try again."),
                   what, self->path);
      break;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                   _("Could not %s: writing %s failed (%s). Nothing was saved. "
                     "Check the disk or USB drive, then try again."),
                   what, self->path, detail);
      break;

    case SQLITE_READONLY:
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                   _("Could not %s: %s is read-only. Nothing was saved. "
                     "Check the file's permissions."),
                   what, self->path);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DATABASE,
                   _("Could not %s: %s is busy in another program. Nothing was saved. "
                     "Close the other program and try again."),
                   what, self->path);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DATABASE,
                   _("Could not %s: %s is damaged (%s). Restore it from a backup."),
                   what, self->path, detail);
      break;

    default:
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DATABASE,
                   _("Could not %s in %s: %s"),
                   what, self->path, detail);
      break;
    }
}

sqlite3 *
lapak_db_get_handle (LapakDb *self)
{
  g_return_val_if_fail (LAPAK_IS_DB (self), NULL);
  return self->handle;
}

const char *
lapak_db_get_path (LapakDb *self)
{
  g_return_val_if_fail (LAPAK_IS_DB (self), NULL);
  return self->path;
}

const char *
lapak_db_get_till_id (LapakDb *self)
{
  g_return_val_if_fail (LAPAK_IS_DB (self), NULL);
  return self->till_id;
}

sqlite3_stmt *
lapak_db_prepare (LapakDb     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LAPAK_IS_DB (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      lapak_db_set_error (self, error, _("read the database"));
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

int
lapak_db_step (LapakDb       *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;

  lapak_db_set_error (self, error, sqlite3_stmt_readonly (stmt) ? _("read the database") : _("save"));
  sqlite3_reset (stmt);
  return -1;
}

gboolean
lapak_db_exec (LapakDb     *self,
               const char  *sql,
               GError     **error)
{
  g_return_val_if_fail (LAPAK_IS_DB (self), FALSE);

  if (sqlite3_exec (self->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      lapak_db_set_error (self, error, _("save"));
      return FALSE;
    }
  return TRUE;
}

gboolean
lapak_db_in_transaction (LapakDb *self)
{
  return !sqlite3_get_autocommit (self->handle);
}

/* Runs @func inside BEGIN IMMEDIATE … COMMIT. Whatever goes wrong — @func
 * failing, or COMMIT itself (a full disk, an I/O error) — the transaction is
 * rolled back, so nothing is ever half-written. */
gboolean
lapak_db_transaction (LapakDb         *self,
                      LapakDbTxnFunc   func,
                      gpointer         user_data,
                      GError         **error)
{
  g_return_val_if_fail (LAPAK_IS_DB (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (!lapak_db_in_transaction (self), FALSE);

  if (!lapak_db_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!func (self, user_data, error))
    {
      if (!sqlite3_get_autocommit (self->handle))
        sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  if (sqlite3_exec (self->handle, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      int code = sqlite3_extended_errcode (self->handle) & 0xff;

      lapak_db_set_error (self, error, _("save"));
      if (!sqlite3_get_autocommit (self->handle))
        sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);

      /* When the WAL's fsync fails, the transaction's frames — commit mark
       * included — are already in the WAL file, past the end SQLite
       * remembers. The next commit would overwrite them; but if the till
       * died first, opening the database again would recover them and
       * bring back a sale the cashier was told was not saved. Checkpoint
       * what is committed and empty the WAL now (best effort: if the disk
       * still fails, this fails too, and the person was told to check it). */
      if (code == SQLITE_IOERR || code == SQLITE_FULL)
        sqlite3_exec (self->handle, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
lapak_db_next_seq (LapakDb     *self,
                   const char  *table,
                   int64_t     *out_seq,
                   GError     **error)
{
  g_autofree char *sql = NULL;
  g_auto(LapakStmt) stmt = NULL;
  gboolean known = FALSE;

  g_return_val_if_fail (LAPAK_IS_DB (self), FALSE);
  g_return_val_if_fail (lapak_db_in_transaction (self), FALSE);

  for (guint i = 0; table_names_with_seq[i] != NULL; i++)
    known |= g_str_equal (table, table_names_with_seq[i]);
  g_return_val_if_fail (known, FALSE);

  sql = g_strdup_printf ("SELECT COALESCE(MAX(seq), 0) + 1 FROM %s WHERE till_id = ?1", table);
  if (!(stmt = lapak_db_prepare (self, sql, error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, self->till_id);
  if (lapak_db_step (self, stmt, error) != SQLITE_ROW)
    return FALSE;
  *out_seq = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

char *
lapak_db_get_meta (LapakDb     *self,
                   const char  *key,
                   GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  if (!(stmt = lapak_db_prepare (self, "SELECT value FROM meta WHERE key = ?1", error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, key);
  rc = lapak_db_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    return g_strdup (lapak_stmt_text (stmt, 0));
  return NULL;
}

gboolean
lapak_db_set_meta (LapakDb     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;

  if (!(stmt = lapak_db_prepare (self,
                                 "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, key);
  lapak_stmt_bind_text (stmt, 2, value);
  return lapak_db_step (self, stmt, error) == SQLITE_DONE;
}

const char *
lapak_stmt_text (sqlite3_stmt *stmt,
                 int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

void
lapak_stmt_bind_text (sqlite3_stmt *stmt,
                      int           index,
                      const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static int
pragma_int (sqlite3    *handle,
            const char *sql,
            int        *out_value)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

static gboolean
configure_connection (LapakDb  *self,
                      GError  **error)
{
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->handle, TRUE);

  /* WAL + synchronous=FULL: once a transaction commits it survives kill -9
   * and power loss. */
  if (!lapak_db_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !lapak_db_exec (self, "PRAGMA synchronous = FULL", error) ||
      !lapak_db_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  return TRUE;
}

gboolean
_lapak_db_migrate (LapakDb  *self,
                   int       target,
                   GError  **error)
{
  int version = 0;

  if (pragma_int (self->handle, "PRAGMA user_version", &version) != SQLITE_OK)
    {
      lapak_db_set_error (self, error, _("read the database version"));
      return FALSE;
    }

  if (version >= target)
    return TRUE;

  /* Every step up to @target in one transaction: an upgrade is all or
   * nothing (an older Lapak can still open a file whose upgrade failed), and
   * a new till waits for the disk once, not once per version. */
  if (!lapak_db_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (int next = version + 1; next <= target; next++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", next);

      if (sqlite3_exec (self->handle, lapak_migrations[next - 1], NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_exec (self->handle, set_version, NULL, NULL, NULL) != SQLITE_OK ||
          (next == target && sqlite3_exec (self->handle, "COMMIT", NULL, NULL, NULL) != SQLITE_OK))
        {
          g_autofree char *what = g_strdup_printf (_("upgrade the database to version %d"), next);

          lapak_db_set_error (self, error, what);
          if (!sqlite3_get_autocommit (self->handle))
            sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return TRUE;
}

static LapakDb *
open_handle (const char  *path,
             int          flags,
             GError     **error)
{
  g_autoptr(LapakDb) self = g_object_new (LAPAK_TYPE_DB, NULL);

  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->handle, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      if (self->handle == NULL)
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                     _("Cannot open the database %s: out of memory."), path);
      else
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                     _("Cannot open the database %s: %s. Check that the folder exists "
                       "and that you may write to it."),
                     path, sqlite3_errmsg (self->handle));
      return NULL;
    }

  return g_steal_pointer (&self);
}

static gboolean
check_identity (LapakDb  *self,
                GError  **error)
{
  int app_id = 0;
  int version = 0;

  if (pragma_int (self->handle, "PRAGMA application_id", &app_id) != SQLITE_OK ||
      pragma_int (self->handle, "PRAGMA user_version", &version) != SQLITE_OK)
    {
      int code = sqlite3_errcode (self->handle);

      if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_LAPAK,
                     _("%s is not a Lapak database (it is not an SQLite file at all). "
                       "Check the path given with --db or LAPAK_DB."),
                     self->path);
      else
        lapak_db_set_error (self, error, _("open the database"));
      return FALSE;
    }

  if ((guint32)app_id != LAPAK_DB_APPLICATION_ID)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_LAPAK,
                   _("%s is an SQLite file, but not a Lapak database. It was left "
                     "untouched. Check the path given with --db or LAPAK_DB."),
                   self->path);
      return FALSE;
    }

  if (version > lapak_db_schema_version ())
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Lapak (database version %d; "
                     "this one knows up to %d). It was left untouched. Update Lapak on "
                     "this machine."),
                   self->path, version, lapak_db_schema_version ());
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_till_id (LapakDb  *self,
              GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  self->till_id = lapak_db_get_meta (self, "till_id", &local_error);
  if (self->till_id == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_LAPAK,
                     _("%s has no till identity: it was never set up completely. "
                       "Create a new database with lapakctl init."),
                     self->path);
      return FALSE;
    }
  return TRUE;
}

/**
 * lapak_db_open:
 *
 * Opens an existing Lapak database, upgrading its schema if it is older than
 * this program. Refuses files that are missing, not Lapak databases, or
 * written by a newer Lapak, without changing them.
 */
LapakDb *
lapak_db_open (const char  *path,
               GError     **error)
{
  g_autoptr(LapakDb) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no database at %s. Create one with "
                     "“lapakctl init --till K1 --organiser NAME --pin PIN”, or give "
                     "the right path with --db."),
                   path);
      return NULL;
    }

  if (!(self = open_handle (path, SQLITE_OPEN_READWRITE, error)) ||
      !check_identity (self, error) ||
      !configure_connection (self, error) ||
      !_lapak_db_migrate (self, lapak_db_schema_version (), error) ||
      !load_till_id (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
_lapak_db_valid_till_id (const char  *till_id,
                         GError     **error)
{
  gsize len = strlen (till_id);
  gboolean ok = len >= 1 && len <= 8 && g_ascii_isupper (till_id[0]);

  for (gsize i = 0; ok && i < len; i++)
    ok = g_ascii_isupper (till_id[i]) || g_ascii_isdigit (till_id[i]);

  if (!ok)
    g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                 _("“%s” is not a till id: use 1 to 8 capital letters and digits, "
                   "starting with a letter, e.g. K1."),
                 till_id);
  return ok;
}

LapakDb *
_lapak_db_create_at_version (const char  *path,
                             const char  *till_id,
                             int          version,
                             GError     **error)
{
  g_autoptr(LapakDb) self = NULL;
  g_autofree char *app_id_sql = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (till_id != NULL, NULL);

  if (!_lapak_db_valid_till_id (till_id, error))
    return NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS,
                   _("%s already exists; it was left untouched. Use another path "
                     "with --db, or move the old file away first."),
                   path);
      return NULL;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                   _("Cannot create the folder %s: %s."), dir, g_strerror (saved_errno));
      return NULL;
    }

  if (!(self = open_handle (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error)))
    return NULL;

  app_id_sql = g_strdup_printf ("PRAGMA application_id = %d", (int)LAPAK_DB_APPLICATION_ID);
  if (!lapak_db_exec (self, app_id_sql, error) ||
      !configure_connection (self, error) ||
      !_lapak_db_migrate (self, version, error) ||
      !lapak_db_set_meta (self, "till_id", till_id, error))
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_clear_object (&self);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      return NULL;
    }

  self->till_id = g_strdup (till_id);
  return g_steal_pointer (&self);
}

/**
 * lapak_db_create:
 *
 * Creates a new database for the till @till_id at @path. Refuses a path that
 * exists already: an existing till's records are never overwritten.
 */
LapakDb *
lapak_db_create (const char  *path,
                 const char  *till_id,
                 GError     **error)
{
  return _lapak_db_create_at_version (path, till_id, lapak_db_schema_version (), error);
}
