/* test-auth.c — users, roles, PINs and the lockout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "lapak-auth.h"
#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-ledger.h"
#include "lapak-test-util.h"

typedef struct
{
  char      *dir;
  LapakDb   *db;
  LapakUser *org;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = lapak_test_make_dir ();
  f->db = lapak_test_new_till (f->dir, "K1");
  f->org = lapak_test_login (f->db, "Org", "1234");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lapak_user_free (f->org);
  g_clear_object (&f->db);
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_pin_rules (void)
{
  const char *good[] = { "1234", "000000", "123456789012" };
  const char *bad[] = { "", "123", "1234567890123", "12a4", " 1234", "1234 ", "١٢٣٤", "-123" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (lapak_pin_validate (good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lapak_pin_validate (bad[i], &error));
      g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
    }
}

static void
test_roles_parse (void)
{
  const char *names[] = { "cashier", "supervisor", "organiser", "tenant" };
  g_autoptr(GError) error = NULL;
  LapakRole role;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (lapak_role_from_string (names[i], &role, &error));
      g_assert_cmpstr (lapak_role_to_string (role), ==, names[i]);
    }
  g_assert_false (lapak_role_from_string ("boss", &role, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
}

static char *
stored_hash (LapakDb    *db,
             const char *name)
{
  g_auto(LapakStmt) stmt = lapak_db_prepare (db, "SELECT pin_hash FROM user WHERE name = ?1", NULL);

  lapak_stmt_bind_text (stmt, 1, name);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup (lapak_stmt_text (stmt, 0));
}

static void
test_pin_is_hashed (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *hash = stored_hash (f->db, "Org");

  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "1234"));
}

static void
test_login (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) user = NULL;

  g_assert_true (lapak_user_add (f->db, f->org, "Sri", LAPAK_ROLE_CASHIER, NULL, "5555", &error));
  g_assert_no_error (error);

  user = lapak_auth_login (f->db, "Sri", "5555", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lapak_user_get_name (user), ==, "Sri");
  g_assert_cmpint (lapak_user_get_role (user), ==, LAPAK_ROLE_CASHIER);
  g_clear_pointer (&user, lapak_user_free);

  /* Names are matched without regard to case; the stored spelling wins. */
  user = lapak_auth_login (f->db, "sri", "5555", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lapak_user_get_name (user), ==, "Sri");
  g_clear_pointer (&user, lapak_user_free);

  user = lapak_auth_login (f->db, "Nobody", "5555", &error);
  g_assert_null (user);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "Nobody"));
}

static int
failed_pins (LapakDb    *db,
             const char *name)
{
  g_auto(LapakStmt) stmt = lapak_db_prepare (db, "SELECT failed_pins FROM user WHERE name = ?1", NULL);

  lapak_stmt_bind_text (stmt, 1, name);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static void
test_lockout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) user = NULL;
  g_autofree char *path = g_strdup (lapak_db_get_path (f->db));

  lapak_user_add (f->db, f->org, "Budi", LAPAK_ROLE_CASHIER, NULL, "2468", &error);
  g_assert_no_error (error);

  /* Four wrong PINs, then the right one: the count starts again. */
  for (int i = 1; i <= 4; i++)
    {
      g_assert_null (lapak_auth_login (f->db, "Budi", "0000", &error));
      g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
      g_clear_error (&error);
      g_assert_cmpint (failed_pins (f->db, "Budi"), ==, i);
    }
  user = lapak_auth_login (f->db, "Budi", "2468", &error);
  g_assert_no_error (error);
  g_clear_pointer (&user, lapak_user_free);
  g_assert_cmpint (failed_pins (f->db, "Budi"), ==, 0);

  /* Five in a row lock; the lock survives closing the database. */
  for (int i = 1; i <= 5; i++)
    {
      g_assert_null (lapak_auth_login (f->db, "Budi", "1111", &error));
      g_assert_error (error, LAPAK_ERROR, (i < 5 ? LAPAK_ERROR_DENIED : LAPAK_ERROR_LOCKED));
      g_clear_error (&error);
    }
  g_clear_object (&f->db);
  f->db = lapak_db_open (path, &error);
  g_assert_no_error (error);

  /* The lock is journaled once, with the user's name, and the chain holds. */
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM journal WHERE type = 'lockout'"), ==, 1);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM journal WHERE type = 'lockout' "
                                                "AND payload LIKE '%user=Budi%failures=5%'"), ==, 1);
  {
    g_autoptr(LapakJournalReport) report = lapak_journal_verify (f->db, &error);

    g_assert_no_error (error);
    g_assert_true (report->ok);
  }

  g_assert_null (lapak_auth_login (f->db, "Budi", "2468", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "organiser"));
  g_clear_error (&error);

  /* A cashier cannot unlock; an organiser can. */
  lapak_user_add (f->db, f->org, "Ani", LAPAK_ROLE_CASHIER, NULL, "1357", &error);
  g_assert_no_error (error);
  user = lapak_test_login (f->db, "Ani", "1357");
  g_assert_false (lapak_user_unlock (f->db, user, "Budi", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_clear_pointer (&user, lapak_user_free);

  g_assert_true (lapak_user_unlock (f->db, f->org, "Budi", &error));
  g_assert_no_error (error);
  user = lapak_auth_login (f->db, "Budi", "2468", &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);

  g_assert_false (lapak_user_unlock (f->db, f->org, "Ghost", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
}

static void
test_user_add_rules (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) cashier = NULL;
  LapakTenantSpec spec = { "BTK", "Batik Sekar", NULL, NULL, LAPAK_TERMS_DEFAULT, LAPAK_TERMS_DEFAULT };

  g_assert_true (lapak_user_add (f->db, f->org, "Sri", LAPAK_ROLE_CASHIER, NULL, "5555", &error));

  /* Same name, other case. */
  g_assert_false (lapak_user_add (f->db, f->org, "SRI", LAPAK_ROLE_SUPERVISOR, NULL, "5555", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS);
  g_clear_error (&error);

  /* Only organisers add users. */
  cashier = lapak_test_login (f->db, "Sri", "5555");
  g_assert_false (lapak_user_add (f->db, cashier, "Eve", LAPAK_ROLE_ORGANISER, NULL, "9999", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (lapak_user_add (f->db, NULL, "Eve", LAPAK_ROLE_ORGANISER, NULL, "9999", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);

  /* A tenant user needs an existing tenant; others must not have one. */
  g_assert_false (lapak_user_add (f->db, f->org, "Tini", LAPAK_ROLE_TENANT, NULL, "4321", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_user_add (f->db, f->org, "Tini", LAPAK_ROLE_TENANT, "BTK", "4321", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (lapak_tenant_add (f->db, f->org, &spec, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_user_add (f->db, f->org, "Tini", LAPAK_ROLE_TENANT, "BTK", "4321", &error));
  g_assert_no_error (error);
  g_assert_false (lapak_user_add (f->db, f->org, "Joko", LAPAK_ROLE_CASHIER, "BTK", "4321", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);

  /* Bad PINs and names. */
  g_assert_false (lapak_user_add (f->db, f->org, "Joko", LAPAK_ROLE_CASHIER, NULL, "12", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_user_add (f->db, f->org, " Joko", LAPAK_ROLE_CASHIER, NULL, "1234", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_user_add (f->db, f->org, "Jo\nko", LAPAK_ROLE_CASHIER, NULL, "1234", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);

  /* A second "first organiser" is refused once users exist. */
  g_assert_false (lapak_user_add_first_organiser (f->db, "Mallory", "1234", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
}

/* The capability table, role by role: what each may do is enforced by the
 * core, whatever the caller. */
static void
test_capabilities (void)
{
  struct { LapakRole role; gboolean may[6]; } table[] = {
    /*                         events tenants users products sell approve */
    { LAPAK_ROLE_CASHIER,    { FALSE, FALSE, FALSE, FALSE, TRUE, FALSE } },
    { LAPAK_ROLE_SUPERVISOR, { FALSE, FALSE, FALSE, FALSE, TRUE, TRUE } },
    { LAPAK_ROLE_ORGANISER,  { TRUE, TRUE, TRUE, TRUE, TRUE, TRUE } },
    { LAPAK_ROLE_TENANT,     { FALSE, FALSE, FALSE, TRUE, FALSE, FALSE } },
  };
  g_autofree char *dir = lapak_test_make_dir ();
  g_autoptr(LapakDb) db = lapak_test_new_till (dir, "K1");
  g_autoptr(LapakUser) org = lapak_test_login (db, "Org", "1234");
  g_autoptr(GError) error = NULL;
  LapakTenantSpec spec = { "KLL", "Keripik Lele", NULL, NULL, LAPAK_TERMS_DEFAULT, LAPAK_TERMS_DEFAULT };

  lapak_tenant_add (db, org, &spec, &error);
  g_assert_no_error (error);

  for (guint r = 0; r < G_N_ELEMENTS (table); r++)
    {
      g_autofree char *name = g_strdup_printf ("user%u", r);
      g_autoptr(LapakUser) user = NULL;

      if (table[r].role != LAPAK_ROLE_ORGANISER)
        {
          lapak_user_add (db, org, name, table[r].role,
                          table[r].role == LAPAK_ROLE_TENANT ? "KLL" : NULL, "8642", &error);
          g_assert_no_error (error);
          user = lapak_test_login (db, name, "8642");
        }
      else
        user = lapak_test_login (db, "Org", "1234");

      for (guint c = 0; c <= LAPAK_CAP_APPROVE; c++)
        {
          gboolean ok = lapak_auth_require (user, (LapakCapability)c, &error);

          g_assert_cmpint (ok, ==, table[r].may[c]);
          if (!ok)
            g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
          g_clear_error (&error);
        }
    }

  lapak_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/auth/pin/rules", test_pin_rules);
  g_test_add_func ("/auth/roles/parse", test_roles_parse);
  g_test_add_func ("/auth/roles/capabilities", test_capabilities);
  g_test_add ("/auth/pin/hashed", Fixture, NULL, fixture_setup, test_pin_is_hashed, fixture_teardown);
  g_test_add ("/auth/login", Fixture, NULL, fixture_setup, test_login, fixture_teardown);
  g_test_add ("/auth/lockout", Fixture, NULL, fixture_setup, test_lockout, fixture_teardown);
  g_test_add ("/auth/user-add/rules", Fixture, NULL, fixture_setup, test_user_add_rules, fixture_teardown);

  return g_test_run ();
}
