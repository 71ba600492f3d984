/* lapak-demo.c — the demo event, built in one place for lapakctl and the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fresh till K1 selling for "Pameran UMKM Nusantara 2026": 12 member
 * tenants and their products from the demo CSV files, four users (one per
 * role) and a static QRIS so that QRIS payments can be shown.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lapak-auth.h"
#include "lapak-auth-private.h"
#include "lapak-demo.h"
#include "lapak-error.h"
#include "lapak-import.h"
#include "lapak-ledger.h"
#include "lapak-qris.h"

/* The meta key that marks a database as a demo, which the next demo may replace. */
#define DEMO_META_KEY "demo"

/* The tenant the demo tenant user (Tini) belongs to. */
#define DEMO_TENANT_OF_TINI "KLL"

static const LapakDemoUser demo_users[] = {
  { "Ketua", "organiser", "123456",
    "$argon2id$v=19$m=65536,t=2,p=1$O0OGIaUX6EE40jr0nEGd8Q$YcHUZy9PsZWahm9GQsP7nmL//RXu5jbI4sILClx9LYg" },
  { "Bayu", "supervisor", "2222",
    "$argon2id$v=19$m=65536,t=2,p=1$W8Ro881blq657tgGaaS8eg$XYbSMdv0zHBXiiPmWruG07RA8d6LyaZAE9XagX5F/5Q" },
  { "Sari", "cashier", "1111",
    "$argon2id$v=19$m=65536,t=2,p=1$7ENhEIYv9Knzr+4ORgjk5g$2EInnbujg3I86l20UiEj23jsUbwU8AwaHGa7WeFnf48" },
  { "Tini", "tenant", "3333",
    "$argon2id$v=19$m=65536,t=2,p=1$T/keS5ECiBAT1ctWjxdkhg$RuiKBbZr9CP1y9way8ZnUMKfr/+ddMlSrv3k7pgmJM8" },
};

const LapakDemoUser *
lapak_demo_users (guint *out_n)
{
  if (out_n != NULL)
    *out_n = G_N_ELEMENTS (demo_users);
  return demo_users;
}

/* A static QRIS for the demo organiser: a real acquirer's account fields
 * (from a published sample) with the demo's merchant name and a fresh CRC. */
static char *
demo_qris (void)
{
  const char *name = "PAMERAN UMKM DEMO";
  const char *city = "YOGYAKARTA";
  g_autoptr(GString) p = g_string_new ("000201" "010211");
  guint16 crc;

  g_string_append (p, "26570011ID.DANA.WWW011893600915302259148102090225914810303UMI");
  g_string_append (p, "51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI");
  g_string_append (p, "52045812" "5303360" "5802ID");
  g_string_append_printf (p, "59%02zu%s", strlen (name), name);
  g_string_append_printf (p, "60%02zu%s", strlen (city), city);
  g_string_append (p, "610555281" "6304");
  crc = lapak_crc16_ccitt_false ((const guint8 *) p->str, p->len);
  g_string_append_printf (p, "%04X", crc);
  return g_string_free (g_steal_pointer (&p), FALSE);
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* Only a demo may be replaced by a demo: a real till's sales are kept. */
static gboolean
check_replaceable (const char  *path,
                   GError     **error)
{
  g_autoptr(LapakDb) old = NULL;
  g_autofree char *mark = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  if ((old = lapak_db_open (path, NULL)) != NULL)
    mark = lapak_db_get_meta (old, DEMO_META_KEY, NULL);
  if (g_strcmp0 (mark, "1") == 0)
    return TRUE;

  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS,
               _("%s exists and is not a demo database, so the demo does not replace it. "
                 "Choose another file for the demo."),
               path);
  return FALSE;
}

static gboolean
add_demo_user (LapakDb              *db,
               const LapakDemoUser  *user,
               const char           *tenant_code,
               GError              **error)
{
  LapakRole role;

  return lapak_role_from_string (user->role, &role, error) &&
         _lapak_user_add_prehashed (db, user->name, role, tenant_code, user->pin,
                                    user->pin_hash, error);
}

static gboolean
fill_demo (LapakDb     *db,
           const char  *data_dir,
           GError     **error)
{
  g_autoptr(LapakUser) ketua = _lapak_user_new_trusted (demo_users[0].name, LAPAK_ROLE_ORGANISER, NULL);
  g_autofree char *tenants = g_build_filename (data_dir, "tenants.csv", NULL);
  g_autofree char *products = g_build_filename (data_dir, "products.csv", NULL);
  g_autofree char *qris = demo_qris ();

  if (!lapak_db_set_meta (db, DEMO_META_KEY, "1", error) ||
      !add_demo_user (db, &demo_users[0], NULL, error) ||
      !lapak_event_create (db, ketua, LAPAK_DEMO_EVENT, "Pameran UMKM Nusantara 2026",
                           LAPAK_EVENT_BAZAAR, 1500, 250000, qris, error) ||
      !add_demo_user (db, &demo_users[1], NULL, error) ||
      !add_demo_user (db, &demo_users[2], NULL, error) ||
      !lapak_import_tenants (db, ketua, tenants, NULL, error) ||
      !lapak_import_products (db, ketua, products, NULL, error) ||
      !add_demo_user (db, &demo_users[3], DEMO_TENANT_OF_TINI, error))
    return FALSE;
  return TRUE;
}

/**
 * lapak_demo_create:
 * @db_path: where the demo database goes; an earlier demo there is replaced,
 *   anything else there is refused
 * @data_dir: the folder holding the demo's tenants.csv and products.csv
 * @error: what failed
 *
 * Builds a fresh demo till. On failure nothing is left at @db_path.
 *
 * Returns: (transfer full): the open demo database, or %NULL
 */
LapakDb *
lapak_demo_create (const char  *db_path,
                   const char  *data_dir,
                   GError     **error)
{
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);

  if (!check_replaceable (db_path, error))
    return NULL;
  remove_database (db_path);
  if (!(db = lapak_db_create (db_path, LAPAK_DEMO_TILL, error)))
    return NULL;

  /* A demo is made in some twenty transactions; waiting for the disk after
   * each one was a good part of `lapak --demo`'s start-up. In WAL mode
   * synchronous=NORMAL never corrupts the file, it may only lose the newest
   * transactions at a power cut (then the half-made demo, already marked as
   * one, is simply replaced by the next); the checkpoint under FULL at the end
   * puts all of it on disk before the till is used. */
  if (!lapak_db_exec (db, "PRAGMA synchronous = NORMAL", &local_error) ||
      !fill_demo (db, data_dir, &local_error) ||
      !lapak_db_exec (db, "PRAGMA synchronous = FULL", &local_error) ||
      !lapak_db_exec (db, "PRAGMA wal_checkpoint(PASSIVE)", &local_error))
    {
      g_clear_object (&db);
      remove_database (db_path);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The demo event could not be built from %s: "), data_dir);
      return NULL;
    }
  return g_steal_pointer (&db);
}
