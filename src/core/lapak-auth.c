/* lapak-auth.c — users, roles and PINs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PINs are stored as argon2id hashes (libsodium crypto_pwhash_str). A short
 * numeric PIN is weak against someone who has the file, so the real defence
 * is the lockout: after LAPAK_PIN_MAX_FAILURES wrong PINs in a row the user is
 * locked until an organiser unlocks them.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "lapak-auth.h"
#include "lapak-auth-private.h"
#include "lapak-code.h"
#include "lapak-error.h"
#include "lapak-journal.h"

struct _LapakUser
{
  char      *name;
  LapakRole  role;
  char      *tenant_code;
};

static const char *role_names[] = {
  [LAPAK_ROLE_CASHIER] = "cashier",
  [LAPAK_ROLE_SUPERVISOR] = "supervisor",
  [LAPAK_ROLE_ORGANISER] = "organiser",
  [LAPAK_ROLE_TENANT] = "tenant",
};

static gboolean
ensure_sodium (GError **error)
{
  static gsize initialised = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialised))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialised, 1);
    }

  if (!ok)
    g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                 _("The PIN checker could not start (libsodium failed to initialise)."));
  return ok;
}

const char *
lapak_role_to_string (LapakRole role)
{
  g_return_val_if_fail (role <= LAPAK_ROLE_TENANT, NULL);
  return role_names[role];
}

const char *
lapak_role_display (LapakRole role)
{
  switch (role)
    {
    case LAPAK_ROLE_CASHIER:
      return _("Cashier");
    case LAPAK_ROLE_SUPERVISOR:
      return _("Supervisor");
    case LAPAK_ROLE_ORGANISER:
      return _("Organiser");
    case LAPAK_ROLE_TENANT:
      return _("Tenant");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
lapak_role_from_string (const char  *text,
                        LapakRole   *out_role,
                        GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    {
      if (g_ascii_strcasecmp (text, role_names[i]) == 0)
        {
          *out_role = (LapakRole)i;
          return TRUE;
        }
    }

  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
               _("“%s” is not a role: use cashier, supervisor, organiser or tenant."),
               text);
  return FALSE;
}

gboolean
lapak_pin_validate (const char  *pin,
                    GError     **error)
{
  gsize len;

  g_return_val_if_fail (pin != NULL, FALSE);

  len = strlen (pin);
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (pin[i]))
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("A PIN is made of digits only (%d to %d of them)."),
                       LAPAK_PIN_MIN_DIGITS, LAPAK_PIN_MAX_DIGITS);
          return FALSE;
        }
    }

  if (len < LAPAK_PIN_MIN_DIGITS || len > LAPAK_PIN_MAX_DIGITS)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("A PIN has %d to %d digits; this one has %u."),
                   LAPAK_PIN_MIN_DIGITS, LAPAK_PIN_MAX_DIGITS, (guint)len);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_user_name (const char  *name,
                    GError     **error)
{
  glong chars;

  if (!g_utf8_validate (name, -1, NULL))
    chars = -1;
  else
    chars = g_utf8_strlen (name, -1);

  if (chars < 1 || chars > 32 || g_ascii_isspace (name[0]) ||
      g_ascii_isspace (name[strlen (name) - 1]))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("A user name has 1 to 32 characters, without spaces at either end."));
      return FALSE;
    }

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("A user name cannot contain control characters or line breaks."));
          return FALSE;
        }
    }

  return TRUE;
}

static char *
hash_pin (const char  *pin,
          GError     **error)
{
  char hashed[crypto_pwhash_STRBYTES];

  if (!ensure_sodium (error))
    return NULL;

  if (crypto_pwhash_str (hashed, pin, strlen (pin),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                   _("Not enough memory to protect the PIN. Close other programs and try again."));
      return NULL;
    }

  return g_strdup (hashed);
}

void
lapak_user_free (LapakUser *user)
{
  if (user == NULL)
    return;
  g_free (user->name);
  g_free (user->tenant_code);
  g_free (user);
}

const char *
lapak_user_get_name (const LapakUser *user)
{
  g_return_val_if_fail (user != NULL, NULL);
  return user->name;
}

LapakRole
lapak_user_get_role (const LapakUser *user)
{
  g_return_val_if_fail (user != NULL, LAPAK_ROLE_CASHIER);
  return user->role;
}

const char *
lapak_user_get_tenant (const LapakUser *user)
{
  g_return_val_if_fail (user != NULL, NULL);
  return user->tenant_code;
}

typedef struct
{
  const char *name;
  int         failures;
} Failure;

static gboolean
record_failure_txn (LapakDb   *db,
                    gpointer   user_data,
                    GError   **error)
{
  Failure *f = user_data;
  g_auto(LapakStmt) stmt = NULL;

  if (!(stmt = lapak_db_prepare (db,
                                 "UPDATE user SET failed_pins = ?2, locked = ?3 WHERE name = ?1",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, f->name);
  sqlite3_bind_int (stmt, 2, f->failures);
  sqlite3_bind_int (stmt, 3, f->failures >= LAPAK_PIN_MAX_FAILURES);
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;

  /* The wrong PIN that locks a user is journaled with the lock, in the same
   * transaction: guessing PINs at a till leaves a tamper-evident trace. The
   * entry describes no record (ref 0), so the verifier checks it through the
   * chain alone. */
  if (f->failures == LAPAK_PIN_MAX_FAILURES)
    {
      g_autoptr(GString) body = g_string_new (NULL);

      lapak_journal_put (body, "user", f->name);
      lapak_journal_put_int (body, "failures", f->failures);
      if (!lapak_journal_append (db, "lockout", 0, body->str, lapak_db_now (), NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
record_failure (LapakDb     *db,
                const char  *name,
                int          failures,
                GError     **error)
{
  Failure f = { name, failures };

  return lapak_db_transaction (db, record_failure_txn, &f, error);
}

/**
 * lapak_auth_login:
 *
 * Checks @pin for the user @name. A wrong PIN is counted (durably, even though
 * the login fails); the fifth wrong PIN in a row locks the user.
 *
 * Returns: (transfer full): the authenticated user, or %NULL with @error set.
 */
LapakUser *
lapak_auth_login (LapakDb     *db,
                  const char  *name,
                  const char  *pin,
                  GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *real_name = NULL;
  g_autofree char *tenant_code = NULL;
  LapakUser *user;
  LapakRole role;
  int failures;
  gboolean locked;
  gboolean active;
  int rc;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (pin != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT name, role, tenant_code, pin_hash, failed_pins, locked, active "
                                 "FROM user WHERE name = ?1",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, name);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                   _("There is no user named “%s” on this till. Check the name, or ask "
                     "an organiser to add you."),
                   name);
      return NULL;
    }

  real_name = g_strdup (lapak_stmt_text (stmt, 0));
  lapak_role_from_string (lapak_stmt_text (stmt, 1), &role, NULL);
  tenant_code = g_strdup (lapak_stmt_text (stmt, 2));
  hash = g_strdup (lapak_stmt_text (stmt, 3));
  failures = sqlite3_column_int (stmt, 4);
  locked = sqlite3_column_int (stmt, 5) != 0;
  active = sqlite3_column_int (stmt, 6) != 0;
  lapak_stmt_release (stmt);

  if (!active)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                   _("The user “%s” has been deactivated. Ask an organiser."), real_name);
      return NULL;
    }

  if (locked)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_LOCKED,
                   _("“%s” is locked after %d wrong PINs in a row. An organiser must "
                     "unlock this user before it can log in again."),
                   real_name, LAPAK_PIN_MAX_FAILURES);
      return NULL;
    }

  if (crypto_pwhash_str_verify (hash, pin, strlen (pin)) != 0)
    {
      g_autoptr(GError) save_error = NULL;

      failures++;
      if (!record_failure (db, real_name, failures, &save_error))
        g_warning ("Could not record a wrong PIN: %s", save_error->message);

      if (failures >= LAPAK_PIN_MAX_FAILURES)
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_LOCKED,
                     _("Wrong PIN for “%s”. That was the %dth wrong PIN in a row: the "
                       "user is now locked until an organiser unlocks it."),
                     real_name, LAPAK_PIN_MAX_FAILURES);
      else
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Wrong PIN for “%s”. %d more wrong PIN locks the user.",
                                  "Wrong PIN for “%s”. %d more wrong PINs lock the user.",
                                  LAPAK_PIN_MAX_FAILURES - failures),
                     real_name, LAPAK_PIN_MAX_FAILURES - failures);
      return NULL;
    }

  if (failures > 0 && !record_failure (db, real_name, 0, error))
    return NULL;

  user = g_new0 (LapakUser, 1);
  user->name = g_steal_pointer (&real_name);
  user->role = role;
  user->tenant_code = g_steal_pointer (&tenant_code);
  return user;
}

static gboolean
role_has (LapakRole       role,
          LapakCapability capability)
{
  switch (capability)
    {
    case LAPAK_CAP_MANAGE_EVENTS:
    case LAPAK_CAP_MANAGE_TENANTS:
    case LAPAK_CAP_MANAGE_USERS:
    case LAPAK_CAP_LEAVE_KIOSK:
      return role == LAPAK_ROLE_ORGANISER;
    case LAPAK_CAP_MANAGE_PRODUCTS:
      return role == LAPAK_ROLE_ORGANISER || role == LAPAK_ROLE_TENANT;
    case LAPAK_CAP_SELL:
      return role == LAPAK_ROLE_CASHIER || role == LAPAK_ROLE_SUPERVISOR ||
             role == LAPAK_ROLE_ORGANISER;
    case LAPAK_CAP_APPROVE:
      return role == LAPAK_ROLE_SUPERVISOR || role == LAPAK_ROLE_ORGANISER;
    case LAPAK_CAP_CURATE_PRODUCTS:
      return role == LAPAK_ROLE_ORGANISER;
    default:
      return FALSE;
    }
}

static const char *
capability_display (LapakCapability capability)
{
  switch (capability)
    {
    case LAPAK_CAP_MANAGE_EVENTS:
      return _("manage events");
    case LAPAK_CAP_MANAGE_TENANTS:
      return _("manage tenants");
    case LAPAK_CAP_MANAGE_USERS:
      return _("manage users");
    case LAPAK_CAP_MANAGE_PRODUCTS:
      return _("manage products");
    case LAPAK_CAP_SELL:
      return _("sell");
    case LAPAK_CAP_APPROVE:
      return _("approve");
    case LAPAK_CAP_CURATE_PRODUCTS:
      return _("approve, deactivate or reprice products");
    case LAPAK_CAP_LEAVE_KIOSK:
      return _("leave kiosk mode");
    default:
      return "?";
    }
}

gboolean
lapak_auth_require (const LapakUser  *user,
                    LapakCapability   capability,
                    GError          **error)
{
  if (user == NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                   _("Log in first: this needs a user with a PIN."));
      return FALSE;
    }

  if (!role_has (user->role, capability))
    {
      /* Translators: "Budi is a Cashier and may not manage tenants." */
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                   _("%s is a %s and may not %s. Ask someone with that right."),
                   user->name, lapak_role_display (user->role), capability_display (capability));
      return FALSE;
    }

  return TRUE;
}

/* Tenants act only on their own records; organisers on everyone's. */
gboolean
lapak_auth_require_tenant (const LapakUser  *user,
                           const char       *tenant_code,
                           GError          **error)
{
  if (!lapak_auth_require (user, LAPAK_CAP_MANAGE_PRODUCTS, error))
    return FALSE;

  if (user->role == LAPAK_ROLE_TENANT && g_strcmp0 (user->tenant_code, tenant_code) != 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                   _("%s belongs to tenant %s and may not change tenant %s's products."),
                   user->name, user->tenant_code, tenant_code);
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_user (LapakDb     *db,
             const char  *name,
             LapakRole    role,
             const char  *tenant_code,
             const char  *pin,
             const char  *pin_hash,
             GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *hash = NULL;
  int rc;

  if (!validate_user_name (name, error) || !lapak_pin_validate (pin, error))
    return FALSE;

  if (role == LAPAK_ROLE_TENANT)
    {
      if (tenant_code == NULL)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("A tenant user needs the tenant it belongs to (--tenant CODE)."));
          return FALSE;
        }
      if (!(stmt = lapak_db_prepare (db, "SELECT 1 FROM tenant WHERE code = ?1", error)))
        return FALSE;
      lapak_stmt_bind_text (stmt, 1, tenant_code);
      rc = lapak_db_step (db, stmt, error);
      if (rc < 0)
        return FALSE;
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                       _("There is no tenant with code %s. Add the tenant first."), tenant_code);
          return FALSE;
        }
      lapak_stmt_release (g_steal_pointer (&stmt));
    }
  else if (tenant_code != NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("Only tenant users belong to a tenant; leave out --tenant for a %s."),
                   lapak_role_display (role));
      return FALSE;
    }

  if (!(stmt = lapak_db_prepare (db, "SELECT name FROM user WHERE name = ?1", error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, name);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS,
                   _("There is already a user named “%s”. Choose another name."),
                   lapak_stmt_text (stmt, 0));
      return FALSE;
    }
  lapak_stmt_release (g_steal_pointer (&stmt));

  if (pin_hash != NULL)
    hash = g_strdup (pin_hash);
  else if (!(hash = hash_pin (pin, error)))
    return FALSE;

  if (!(stmt = lapak_db_prepare (db,
                                 "INSERT INTO user (name, role, tenant_code, pin_hash, created_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, name);
  lapak_stmt_bind_text (stmt, 2, role_names[role]);
  lapak_stmt_bind_text (stmt, 3, tenant_code);
  lapak_stmt_bind_text (stmt, 4, hash);
  sqlite3_bind_int64 (stmt, 5, lapak_db_now ());
  return lapak_db_step (db, stmt, error) == SQLITE_DONE;
}

gboolean
lapak_user_add (LapakDb          *db,
                const LapakUser  *actor,
                const char       *name,
                LapakRole         role,
                const char       *tenant_code,
                const char       *pin,
                GError          **error)
{
  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (name != NULL && pin != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_USERS, error))
    return FALSE;

  return insert_user (db, name, role, tenant_code, pin, NULL, error);
}

/* Only for a database that has no user yet (lapakctl init, the kiosk's first
 * start): there is nobody who could approve it. */
gboolean
lapak_user_add_first_organiser (LapakDb     *db,
                                const char  *name,
                                const char  *pin,
                                GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);

  if (!(stmt = lapak_db_prepare (db, "SELECT 1 FROM user LIMIT 1", error)))
    return FALSE;
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                   _("This till already has users; an organiser must add new ones."));
      return FALSE;
    }
  lapak_stmt_release (g_steal_pointer (&stmt));

  return insert_user (db, name, LAPAK_ROLE_ORGANISER, NULL, pin, NULL, error);
}

/* The demo only (lapak-demo.c): its PINs are published, so their argon2id
 * hashes are made once ahead instead of at every `lapak --demo`, which spent
 * most of its start-up (and 64 MiB a hash) on them. No check of @actor: the
 * demo builds a fresh database it owns. */
gboolean
_lapak_user_add_prehashed (LapakDb     *db,
                           const char  *name,
                           LapakRole    role,
                           const char  *tenant_code,
                           const char  *pin,
                           const char  *pin_hash,
                           GError     **error)
{
  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (name != NULL && pin != NULL && pin_hash != NULL, FALSE);

  return insert_user (db, name, role, tenant_code, pin, pin_hash, error);
}

/* The demo only: the user it has just added, without checking a PIN. */
LapakUser *
_lapak_user_new_trusted (const char *name,
                         LapakRole   role,
                         const char *tenant_code)
{
  LapakUser *user = g_new0 (LapakUser, 1);

  user->name = g_strdup (name);
  user->role = role;
  user->tenant_code = g_strdup (tenant_code);
  return user;
}

gboolean
lapak_user_unlock (LapakDb          *db,
                   const LapakUser  *actor,
                   const char       *name,
                   GError          **error)
{
  g_auto(LapakStmt) stmt = NULL;

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_USERS, error))
    return FALSE;

  if (!(stmt = lapak_db_prepare (db, "UPDATE user SET failed_pins = 0, locked = 0 WHERE name = ?1", error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, name);
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;
  if (sqlite3_changes (lapak_db_get_handle (db)) == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no user named “%s”."), name);
      return FALSE;
    }
  return TRUE;
}

void
lapak_user_info_free (LapakUserInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->tenant_code);
  g_free (info);
}

/**
 * lapak_user_list:
 *
 * The active users of this till, organisers first, then supervisors,
 * cashiers and tenants, each by name. Locked users are listed (with
 * @locked set) so a login screen can say why they cannot log in.
 *
 * Returns: (transfer full) (element-type LapakUserInfo): the users, or %NULL
 */
GPtrArray *
lapak_user_list (LapakDb  *db,
                 GError  **error)
{
  g_auto(LapakStmt) stmt = NULL;
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) lapak_user_info_free);
  int rc;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT name, role, tenant_code, locked FROM user WHERE active "
                                 "ORDER BY CASE role WHEN 'organiser' THEN 0 WHEN 'supervisor' THEN 1 "
                                 "WHEN 'cashier' THEN 2 ELSE 3 END, name",
                                 error)))
    return NULL;

  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakUserInfo *info = g_new0 (LapakUserInfo, 1);

      info->name = g_strdup (lapak_stmt_text (stmt, 0));
      lapak_role_from_string (lapak_stmt_text (stmt, 1), &info->role, NULL);
      info->tenant_code = g_strdup (lapak_stmt_text (stmt, 2));
      info->locked = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (users, info);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&users);
}

/* ---------- the organiser's changes to users ---------- */

typedef struct
{
  const char *name;
  const char *hash;
} SetPin;

static gboolean
set_pin_txn (LapakDb  *db,
             gpointer  user_data,
             GError  **error)
{
  SetPin *sp = user_data;
  g_auto(LapakStmt) stmt = NULL;

  if (!(stmt = lapak_db_prepare (db,
                                 "UPDATE user SET pin_hash = ?2, failed_pins = 0 WHERE name = ?1 AND active",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, sp->name);
  lapak_stmt_bind_text (stmt, 2, sp->hash);
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;
  if (sqlite3_changes (lapak_db_get_handle (db)) == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no active user named “%s”."), sp->name);
      return FALSE;
    }
  return TRUE;
}

/**
 * lapak_user_set_pin:
 *
 * Gives a user a new PIN (an organiser does this for anyone). The count of
 * wrong PINs starts again; a locked user stays locked until unlocked.
 */
gboolean
lapak_user_set_pin (LapakDb          *db,
                    const LapakUser  *actor,
                    const char       *name,
                    const char       *pin,
                    GError          **error)
{
  g_autofree char *hash = NULL;
  SetPin sp = { name, NULL };

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (name != NULL && pin != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_USERS, error) ||
      !lapak_pin_validate (pin, error))
    return FALSE;
  if (!(hash = hash_pin (pin, error)))
    return FALSE;
  sp.hash = hash;
  return lapak_db_transaction (db, set_pin_txn, &sp, error);
}

static gboolean
deactivate_txn (LapakDb  *db,
                gpointer  user_data,
                GError  **error)
{
  const char *name = user_data;
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *real_name = NULL;
  LapakRole role;
  int rc;

  if (!(stmt = lapak_db_prepare (db, "SELECT name, role FROM user WHERE name = ?1 AND active", error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, name);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no active user named “%s”."), name);
      return FALSE;
    }
  real_name = g_strdup (lapak_stmt_text (stmt, 0));
  lapak_role_from_string (lapak_stmt_text (stmt, 1), &role, NULL);
  lapak_stmt_release (g_steal_pointer (&stmt));

  if (role == LAPAK_ROLE_ORGANISER)
    {
      if (!(stmt = lapak_db_prepare (db,
                                     "SELECT COUNT(*) FROM user WHERE role = 'organiser' AND active AND name <> ?1",
                                     error)))
        return FALSE;
      lapak_stmt_bind_text (stmt, 1, real_name);
      if (lapak_db_step (db, stmt, error) != SQLITE_ROW)
        return FALSE;
      if (sqlite3_column_int64 (stmt, 0) == 0)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                       _("“%s” is the last active organiser and cannot be deactivated: "
                         "nobody could manage this till any more. Add another organiser first."),
                       real_name);
          return FALSE;
        }
      lapak_stmt_release (g_steal_pointer (&stmt));
    }

  if (!(stmt = lapak_db_prepare (db, "UPDATE user SET active = 0 WHERE name = ?1", error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, real_name);
  return lapak_db_step (db, stmt, error) == SQLITE_DONE;
}

/**
 * lapak_user_deactivate:
 *
 * Stops a user from logging in (its sales keep its name). The last active
 * organiser cannot be deactivated.
 */
gboolean
lapak_user_deactivate (LapakDb          *db,
                       const LapakUser  *actor,
                       const char       *name,
                       GError          **error)
{
  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_USERS, error))
    return FALSE;

  return lapak_db_transaction (db, deactivate_txn, (gpointer) name, error);
}
