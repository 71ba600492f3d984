/* test-kiosk-core.c — the core's rules behind the kiosk's third slice:
 * who may leave kiosk mode, product search, no-sale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lapak-auth.h"
#include "lapak-error.h"
#include "lapak-ledger.h"
#include "lapak-test-util.h"

typedef struct
{
  char      *dir;
  LapakDb   *db;
  LapakUser *org;
  GPtrArray *codes;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = lapak_test_make_dir ();
  f->db = lapak_test_selling_till (f->dir, "K1", &f->org, &f->codes);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->codes, g_ptr_array_unref);
  g_clear_pointer (&f->org, lapak_user_free);
  g_clear_object (&f->db);
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Only an organiser takes a till out of kiosk mode. */
static void
test_leave_kiosk (Fixture       *f,
                  gconstpointer  data)
{
  static const struct { LapakRole role; gboolean may; } table[] = {
    { LAPAK_ROLE_CASHIER, FALSE },
    { LAPAK_ROLE_SUPERVISOR, FALSE },
    { LAPAK_ROLE_TENANT, FALSE },
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (lapak_auth_require (f->org, LAPAK_CAP_LEAVE_KIOSK, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *name = g_strdup_printf ("user%u", i);
      g_autoptr(LapakUser) user = NULL;

      g_assert_true (lapak_user_add (f->db, f->org, name, table[i].role,
                                     table[i].role == LAPAK_ROLE_TENANT ? "KLL" : NULL, "8642", &error));
      g_assert_no_error (error);
      user = lapak_test_login (f->db, name, "8642");
      g_assert_false (lapak_auth_require (user, LAPAK_CAP_LEAVE_KIOSK, &error));
      g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
      g_assert_nonnull (strstr (error->message, name));
      g_clear_error (&error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/kiosk-core/leave-kiosk", Fixture, NULL, fixture_setup, test_leave_kiosk, fixture_teardown);
  return g_test_run ();
}
