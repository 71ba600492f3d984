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
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "lapak-auth.h"
#include "lapak-auth-private.h"
#include "lapak-demo.h"
#include "lapak-error.h"
#include "lapak-import.h"
#include "lapak-ledger.h"
#include "lapak-qris.h"

/* The meta key that marks a database as a demo, which the next demo may replace. */
#define DEMO_META_KEY "demo"

/* What the demo is made of besides its CSV files and the schema: change it
 * whenever fill_demo() changes, so that no older cached copy is used. */
#define DEMO_RECIPE "lapak-demo/1"

/* The meta key holding, in a cached copy, the key it was made for. */
#define DEMO_CACHE_META_KEY "demo_cache_key"

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

/* The demo's cache key: everything a demo till is made of. */
static char *
demo_cache_key (const char  *data_dir,
                GError     **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *qris = demo_qris ();
  g_autofree char *schema = g_strdup_printf ("%d", lapak_db_schema_version ());
  const char *files[] = { "tenants.csv", "products.csv" };

  g_checksum_update (sum, (const guchar *) DEMO_RECIPE, -1);
  g_checksum_update (sum, (const guchar *) schema, -1);
  g_checksum_update (sum, (const guchar *) qris, -1);
  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    {
      g_checksum_update (sum, (const guchar *) demo_users[i].name, -1);
      g_checksum_update (sum, (const guchar *) demo_users[i].role, -1);
      g_checksum_update (sum, (const guchar *) demo_users[i].pin_hash, -1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (data_dir, files[i], NULL);
      g_autofree char *bytes = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &bytes, &len, error))
        return NULL;
      g_checksum_update (sum, (const guchar *) files[i], -1);
      g_checksum_update (sum, (const guchar *) bytes, len);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* A demo till copied from the cached one; %NULL (and nothing at @db_path)
 * if there is none or it is not the one made for @key. */
static LapakDb *
demo_from_cache (const char *db_path,
                 const char *cached,
                 const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *made_for = NULL;
  gsize len = 0;

  if (!g_file_get_contents (cached, &bytes, &len, NULL))
    return NULL;
  if (!g_file_set_contents_full (db_path, bytes, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error) ||
      !(db = lapak_db_open (db_path, &error)) ||
      !(mark = lapak_db_get_meta (db, DEMO_META_KEY, &error)) ||
      !(made_for = lapak_db_get_meta (db, DEMO_CACHE_META_KEY, &error)) ||
      !g_str_equal (mark, "1") || !g_str_equal (made_for, key))
    {
      g_debug ("The cached demo %s is not usable (%s); building the demo.",
               cached, error != NULL ? error->message : "made for other data");
      g_clear_object (&db);
      remove_database (db_path);
      g_unlink (cached);
      return NULL;
    }
  return g_steal_pointer (&db);
}

/* Keeps a copy of the fresh demo @db for the next start. Best effort: a
 * demo that cannot be cached is simply built again next time. */
static void
demo_to_cache (LapakDb    *db,
               const char *cache_dir,
               const char *cached,
               const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_strconcat (cached, ".tmp", NULL);
  g_autofree char *sql = NULL;
  int fd;

  if (g_mkdir_with_parents (cache_dir, 0700) != 0)
    return;
  g_unlink (tmp);
  sql = g_strdup_printf ("VACUUM INTO '%s'", tmp);
  if (strchr (tmp, '\'') != NULL ||
      !lapak_db_set_meta (db, DEMO_CACHE_META_KEY, key, &error) ||
      !lapak_db_exec (db, sql, &error))
    {
      g_debug ("The demo could not be cached in %s: %s", cache_dir,
               error != NULL ? error->message : "a quote in its name");
      g_unlink (tmp);
      return;
    }
  /* VACUUM INTO does not wait for the disk: a copy cut short by a power
   * failure must not become the next demo. */
  if ((fd = g_open (tmp, O_RDONLY, 0)) < 0 || fsync (fd) != 0 ||
      g_rename (tmp, cached) != 0)
    {
      g_debug ("The demo could not be cached in %s: %s", cache_dir, g_strerror (errno));
      g_unlink (tmp);
    }
  if (fd >= 0)
    close (fd);
}

/**
 * lapak_demo_create_cached:
 * @db_path: where the demo database goes, as for lapak_demo_create()
 * @data_dir: the folder holding the demo's tenants.csv and products.csv
 * @cache_dir: a folder where a copy of the fresh demo is kept
 * @error: what failed
 *
 * Like lapak_demo_create(), but copies the fresh demo kept in @cache_dir
 * when there is one made from the same data, schema and users, and keeps
 * one there otherwise: `lapak --demo` starts without importing the demo's
 * tenants and products every time. The result is the same till.
 *
 * Returns: (transfer full): the open demo database, or %NULL
 */
LapakDb *
lapak_demo_create_cached (const char  *db_path,
                          const char  *data_dir,
                          const char  *cache_dir,
                          GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  g_autofree char *cached = NULL;
  LapakDb *db;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (cache_dir != NULL, NULL);

  if (!(key = demo_cache_key (data_dir, NULL)))
    return lapak_demo_create (db_path, data_dir, error);
  name = g_strdup_printf ("demo-%.16s.db", key);
  cached = g_build_filename (cache_dir, name, NULL);

  if (!check_replaceable (db_path, error))
    return NULL;
  remove_database (db_path);
  if ((db = demo_from_cache (db_path, cached, key)) != NULL)
    return db;
  if ((db = lapak_demo_create (db_path, data_dir, error)) != NULL)
    demo_to_cache (db, cache_dir, cached, key);
  return db;
}
