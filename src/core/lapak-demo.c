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
  { "Ketua", "organiser", "123456" },
  { "Bayu", "supervisor", "2222" },
  { "Sari", "cashier", "1111" },
  { "Tini", "tenant", "3333" },
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
fill_demo (LapakDb     *db,
           const char  *data_dir,
           GError     **error)
{
  g_autoptr(LapakUser) ketua = NULL;
  g_autofree char *tenants = g_build_filename (data_dir, "tenants.csv", NULL);
  g_autofree char *products = g_build_filename (data_dir, "products.csv", NULL);
  g_autofree char *qris = demo_qris ();

  if (!lapak_db_set_meta (db, DEMO_META_KEY, "1", error) ||
      !lapak_user_add_first_organiser (db, demo_users[0].name, demo_users[0].pin, error) ||
      !(ketua = lapak_auth_login (db, demo_users[0].name, demo_users[0].pin, error)) ||
      !lapak_event_create (db, ketua, LAPAK_DEMO_EVENT, "Pameran UMKM Nusantara 2026",
                           LAPAK_EVENT_BAZAAR, 1500, 250000, qris, error) ||
      !lapak_user_add (db, ketua, demo_users[1].name, LAPAK_ROLE_SUPERVISOR, NULL,
                       demo_users[1].pin, error) ||
      !lapak_user_add (db, ketua, demo_users[2].name, LAPAK_ROLE_CASHIER, NULL,
                       demo_users[2].pin, error) ||
      !lapak_import_tenants (db, ketua, tenants, NULL, error) ||
      !lapak_import_products (db, ketua, products, NULL, error) ||
      !lapak_user_add (db, ketua, demo_users[3].name, LAPAK_ROLE_TENANT, DEMO_TENANT_OF_TINI,
                       demo_users[3].pin, error))
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

  if (!fill_demo (db, data_dir, &local_error))
    {
      g_clear_object (&db);
      remove_database (db_path);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The demo event could not be built from %s: "), data_dir);
      return NULL;
    }
  return g_steal_pointer (&db);
}
