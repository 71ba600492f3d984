/* lapak-setup.c — a new till, created whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The till is built in a temporary file next to @path (database, first
 * organiser, first event) and linked into place only when every step has
 * succeeded, so a refused PIN or event code never leaves a half-made till
 * behind that the next start would take for a real one. link(2) refuses an
 * existing @path: a till's records are never overwritten.
 */
#define G_LOG_DOMAIN "lapak-core"


#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lapak-auth.h"
#include "lapak-error.h"
#include "lapak-setup.h"

static void
remove_db_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static gboolean
fill (LapakDb               *db,
      const LapakTillSetup  *setup,
      GError               **error)
{
  g_autoptr(LapakUser) organiser = NULL;

  if (!lapak_user_add_first_organiser (db, setup->organiser, setup->pin, error) ||
      !(organiser = lapak_auth_login (db, setup->organiser, setup->pin, error)))
    return FALSE;
  if (setup->event_code == NULL)
    return TRUE;
  return lapak_event_create (db, organiser, setup->event_code, setup->event_name,
                             setup->event_kind, setup->commission_bp, setup->booth_fee,
                             NULL, error);
}

static gboolean
sync_dir (const char  *dir,
          GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
               _("The folder %s could not be written to disk: %s."), dir, g_strerror (saved));
  return FALSE;
}

/**
 * lapak_till_setup:
 *
 * Creates the till database at @path with its first organiser and, when
 * @setup names one, its first event (the active one). Either all of it is
 * there afterwards, or nothing: no file at @path. Refuses an existing @path.
 *
 * Returns: (transfer full): the open database, or %NULL with @error set.
 */
LapakDb *
lapak_till_setup (const char            *path,
                  const LapakTillSetup  *setup,
                  GError               **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (setup != NULL, NULL);

  if (setup->till_id == NULL || setup->organiser == NULL || setup->pin == NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("A new till needs its id, its first organiser and a PIN."));
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS,
                   _("%s already exists; it was left untouched. Use another path "
                     "with --db, or move the old file away first."),
                   path);
      return NULL;
    }
  /* The PIN first: the cheapest refusal, before any file is made. */
  if (!lapak_pin_validate (setup->pin, error))
    return NULL;

  dir = g_path_get_dirname (path);
  tmp = g_strdup_printf ("%s.new-%08x", path, g_random_int ());
  if (!(db = lapak_db_create (tmp, setup->till_id, error)))
    return NULL;
  if (!fill (db, setup, &local))
    {
      g_clear_object (&db);
      remove_db_files (tmp);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  /* Closing the only connection checkpoints the WAL into the file. */
  g_clear_object (&db);

  if (link (tmp, path) != 0)
    {
      int saved = errno;

      remove_db_files (tmp);
      if (saved == EEXIST)
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS,
                     _("%s already exists; it was left untouched. Use another path "
                       "with --db, or move the old file away first."),
                     path);
      else
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                     _("The till could not be saved as %s: %s."), path, g_strerror (saved));
      return NULL;
    }
  remove_db_files (tmp);
  if (!sync_dir (dir, error))
    return NULL;
  return lapak_db_open (path, error);
}
