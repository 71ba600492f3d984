/* test-orgadmin.c — the organiser's changes in the core: a tenant's
 * contact and bank account, leaving an event, a user's PIN and deactivation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every refusal is checked to leave the database exactly as it was.
 */
#include <string.h>

#include <glib.h>

#include "lapak-error.h"
#include "lapak-test-util.h"

typedef struct
{
  char      *dir;
  LapakDb   *db;
  LapakUser *org;
  LapakUser *sari;   /* cashier */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LapakTenantSpec kll = { "KLL", "Keripik Lele", "0812 1111 2222", "BRI 123", LAPAK_TERMS_DEFAULT, 150000 };
  LapakTenantSpec dnt = { "DNT", "Donat Mama Rina", NULL, NULL, LAPAK_TERMS_DEFAULT, LAPAK_TERMS_DEFAULT };

  f->dir = lapak_test_make_dir ();
  f->db = lapak_test_new_till (f->dir, "K1");
  f->org = lapak_test_login (f->db, "Org", "1234");
  g_assert_true (lapak_event_create (f->db, f->org, "BZR-1", "Bazar Uji", LAPAK_EVENT_BAZAAR,
                                     1000, 100000, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_tenant_add (f->db, f->org, &kll, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_tenant_add (f->db, f->org, &dnt, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_user_add (f->db, f->org, "Sari", LAPAK_ROLE_CASHIER, NULL, "1111", &error));
  g_assert_no_error (error);
  f->sari = lapak_test_login (f->db, "Sari", "1111");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lapak_user_free (f->org);
  lapak_user_free (f->sari);
  g_object_unref (f->db);
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
digest (Fixture *f)
{
  return lapak_test_db_digest (lapak_db_get_path (f->db));
}

static LapakTenant *
find_tenant (Fixture    *f,
             const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tenants = lapak_tenant_list (f->db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < tenants->len; i++)
    {
      LapakTenant *t = g_ptr_array_index (tenants, i);

      if (g_str_equal (t->code, code))
        return g_ptr_array_steal_index (tenants, i);
    }
  return NULL;
}

static void
test_tenant_update (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakTenant) kll = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (lapak_tenant_update (f->db, f->org, "KLL", "Keripik Lele Bu Tini", "0813 9999 0000",
                                      "BCA 0000012345", &error));
  g_assert_no_error (error);
  kll = find_tenant (f, "KLL");
  g_assert_cmpstr (kll->name, ==, "Keripik Lele Bu Tini");
  g_assert_cmpstr (kll->phone, ==, "0813 9999 0000");
  g_assert_cmpstr (kll->bank_account, ==, "BCA 0000012345");
  g_assert_true (kll->joined);
  g_assert_cmpint (kll->booth_fee, ==, 150000);

  /* An empty field clears it. */
  g_assert_true (lapak_tenant_update (f->db, f->org, "DNT", "Donat Mama Rina", "", "BSI 7000001234", &error));
  g_assert_no_error (error);
  g_clear_pointer (&kll, lapak_tenant_free);
  kll = find_tenant (f, "DNT");
  g_assert_null (kll->phone);
  g_assert_cmpstr (kll->bank_account, ==, "BSI 7000001234");

  /* Refusals change nothing. */
  before = digest (f);
  g_assert_false (lapak_tenant_update (f->db, f->sari, "KLL", "X", NULL, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (lapak_tenant_update (f->db, f->org, "KLL", "Keripik", "08x2", NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "08x2"));
  g_clear_error (&error);
  g_assert_false (lapak_tenant_update (f->db, f->org, "KLL", "", NULL, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_tenant_update (f->db, f->org, "NOPE", "Nope", NULL, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_event_leave (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakTenant) kll = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *product = NULL;
  LapakProductSpec spec = { "DNT", "D-1", "Donat gula", 5000, 10, NULL };
  const char *again[] = { "KLL", NULL };
  int64_t balance = 0;

  g_assert_true (lapak_tenant_balance (f->db, "KLL", &balance, &error));
  g_assert_cmpint (balance, ==, -150000);

  /* KLL has only its booth fee in the event: it may leave, and gets it back. */
  g_assert_true (lapak_event_leave (f->db, f->org, "KLL", &error));
  g_assert_no_error (error);
  kll = find_tenant (f, "KLL");
  g_assert_false (kll->joined);
  g_assert_true (lapak_tenant_balance (f->db, "KLL", &balance, &error));
  g_assert_cmpint (balance, ==, 0);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM account_entry WHERE tenant_code = 'KLL'"),
                   ==, 2);

  /* It can join again on other terms. */
  g_assert_true (lapak_event_join (f->db, f->org, again, 1500, 50000, &error));
  g_assert_no_error (error);
  g_clear_pointer (&kll, lapak_tenant_free);
  kll = find_tenant (f, "KLL");
  g_assert_true (kll->joined);
  g_assert_cmpint (kll->commission_bp, ==, 1500);
  g_assert_true (lapak_tenant_balance (f->db, "KLL", &balance, &error));
  g_assert_cmpint (balance, ==, -50000);

  /* DNT has stock checked in: it must stay. */
  product = lapak_product_add (f->db, f->org, &spec, &error);
  g_assert_no_error (error);
  before = digest (f);
  g_assert_false (lapak_event_leave (f->db, f->org, "DNT", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, "DNT"));
  g_clear_error (&error);
  g_assert_false (lapak_event_leave (f->db, f->sari, "KLL", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (lapak_event_leave (f->db, f->org, "NOPE", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  /* A till that syncs refuses: the others would bring the tenant back. */
  g_assert_true (lapak_db_set_meta (f->db, "sync_role", "till", &error));
  g_assert_no_error (error);
  g_free (before);
  before = digest (f);
  g_assert_false (lapak_event_leave (f->db, f->org, "KLL", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
  g_clear_error (&error);
  g_free (after);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_user_pin (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) sari = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (lapak_user_set_pin (f->db, f->org, "sari", "246810", &error));
  g_assert_no_error (error);
  g_assert_null (lapak_auth_login (f->db, "Sari", "1111", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  sari = lapak_auth_login (f->db, "Sari", "246810", &error);
  g_assert_no_error (error);
  g_assert_nonnull (sari);

  before = digest (f);
  g_assert_false (lapak_user_set_pin (f->db, f->org, "Sari", "12", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_user_set_pin (f->db, f->sari, "Org", "9999", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (lapak_user_set_pin (f->db, f->org, "Nobody", "9999", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

static gboolean
listed (Fixture    *f,
        const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = lapak_user_list (f->db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < users->len; i++)
    if (g_str_equal (((LapakUserInfo *) g_ptr_array_index (users, i))->name, name))
      return TRUE;
  return FALSE;
}

static void
test_user_deactivate (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) ani = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* The last active organiser cannot go. */
  before = digest (f);
  g_assert_false (lapak_user_deactivate (f->db, f->org, "Org", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, "Org"));
  g_clear_error (&error);
  g_assert_false (lapak_user_deactivate (f->db, f->sari, "Sari", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (lapak_user_deactivate (f->db, f->org, "Nobody", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  /* A deactivated cashier cannot log in and leaves the list. */
  g_assert_true (lapak_user_deactivate (f->db, f->org, "Sari", &error));
  g_assert_no_error (error);
  g_assert_false (listed (f, "Sari"));
  g_assert_null (lapak_auth_login (f->db, "Sari", "1111", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (lapak_user_deactivate (f->db, f->org, "Sari", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* With a second organiser, the first may go; then the second is the last. */
  g_assert_true (lapak_user_add (f->db, f->org, "Ani", LAPAK_ROLE_ORGANISER, NULL, "4321", &error));
  g_assert_no_error (error);
  ani = lapak_test_login (f->db, "Ani", "4321");
  g_assert_true (lapak_user_deactivate (f->db, ani, "Org", &error));
  g_assert_no_error (error);
  g_assert_false (listed (f, "Org"));
  g_assert_false (lapak_user_deactivate (f->db, ani, "Ani", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
  g_clear_error (&error);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM user WHERE role = 'organiser' AND active"),
                   ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/orgadmin/tenant-update", Fixture, NULL, fixture_setup, test_tenant_update, fixture_teardown);
  g_test_add ("/orgadmin/event-leave", Fixture, NULL, fixture_setup, test_event_leave, fixture_teardown);
  g_test_add ("/orgadmin/user-pin", Fixture, NULL, fixture_setup, test_user_pin, fixture_teardown);
  g_test_add ("/orgadmin/user-deactivate", Fixture, NULL, fixture_setup, test_user_deactivate, fixture_teardown);

  return g_test_run ();
}
