/* test-check-ins.c — the check-in list of an event: what each user may see
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

#include "lapak-error.h"
#include "lapak-ledger.h"
#include "lapak-stock.h"
#include "lapak-test-util.h"

typedef struct
{
  char      *dir;
  LapakDb   *db;
  LapakUser *org;
  LapakUser *lina;     /* tenant user of KLL */
  LapakUser *budi;     /* tenant user of BTK */
  GPtrArray *codes;    /* KLL, KLL, BTK, BTK, SMB, SMB */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = lapak_test_make_dir ();
  f->db = lapak_test_selling_till (f->dir, "K1", &f->org, &f->codes);
  g_assert_true (lapak_user_add (f->db, f->org, "Lina", LAPAK_ROLE_TENANT, "KLL", "5555", &error));
  g_assert_no_error (error);
  g_assert_true (lapak_user_add (f->db, f->org, "Budi", LAPAK_ROLE_TENANT, "BTK", "6666", &error));
  g_assert_no_error (error);
  f->lina = lapak_test_login (f->db, "Lina", "5555");
  f->budi = lapak_test_login (f->db, "Budi", "6666");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lapak_user_free (f->org);
  lapak_user_free (f->lina);
  lapak_user_free (f->budi);
  g_ptr_array_unref (f->codes);
  g_object_unref (f->db);
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
}

static const char *
code_at (Fixture *f,
         guint    i)
{
  return g_ptr_array_index (f->codes, i);
}

static void
check_in (Fixture         *f,
          const LapakUser *who,
          guint            product,
          int64_t          units)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lapak_stock_check_in (f->db, who, code_at (f, product), units, &error));
  g_assert_no_error (error);
}

/* A tenant sees its own check-ins, newest first, and no other tenant's;
 * the organiser sees everybody's or one tenant's. */
static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lina = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) btk = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  /* The fixture's products were added with stock: one check-in each. */
  guint before = LAPAK_TEST_N_PRODUCTS;

  check_in (f, f->lina, 0, 3);
  check_in (f, f->budi, 2, 7);
  check_in (f, f->lina, 1, 1);
  check_in (f, f->lina, 0, 1);

  lina = lapak_stock_check_ins (f->db, f->lina, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lina->len, ==, 2 + 3);
  for (guint i = 0; i < lina->len; i++)
    g_assert_cmpstr (((LapakCheckIn *) g_ptr_array_index (lina, i))->tenant_code, ==, "KLL");
  /* Newest first: the last scan of product 0, then product 1, then 3 of product 0. */
  g_assert_cmpstr (((LapakCheckIn *) g_ptr_array_index (lina, 0))->product_code, ==, code_at (f, 0));
  g_assert_cmpint (((LapakCheckIn *) g_ptr_array_index (lina, 0))->units, ==, 1);
  g_assert_cmpstr (((LapakCheckIn *) g_ptr_array_index (lina, 1))->product_code, ==, code_at (f, 1));
  g_assert_cmpint (((LapakCheckIn *) g_ptr_array_index (lina, 2))->units, ==, 3);
  g_assert_cmpstr (((LapakCheckIn *) g_ptr_array_index (lina, 0))->till_id, ==, "K1");

  refused = lapak_stock_check_ins (f->db, f->lina, "BTK", &error);
  g_assert_null (refused);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);

  all = lapak_stock_check_ins (f->db, f->org, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, before + 4);
  btk = lapak_stock_check_ins (f->db, f->org, "BTK", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (btk->len, ==, 2 + 1);
  g_assert_cmpint (((LapakCheckIn *) g_ptr_array_index (btk, 0))->units, ==, 7);

  g_assert_null (lapak_stock_check_ins (f->db, NULL, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
}

/* A tenant cannot check in another tenant's stock. */
static void
test_other_tenant (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_assert_false (lapak_stock_check_in (f->db, f->lina, code_at (f, 2), 1, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  all = lapak_stock_check_ins (f->db, f->org, "BTK", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/check-ins/scope", Fixture, NULL, fixture_setup, test_scope, fixture_teardown);
  g_test_add ("/check-ins/other-tenant", Fixture, NULL, fixture_setup, test_other_tenant, fixture_teardown);
  return g_test_run ();
}
