/* lapak-ledger.c — events, tenants, products, stock and tenant accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-core"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lapak-code.h"
#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-ledger.h"
#include "lapak-money.h"
#include "lapak-qris.h"

#define EVENT_CODE_MAX 16
#define NAME_MAX_CHARS 120
#define SKU_MAX_CHARS 32
#define PHONE_MAX_CHARS 20
#define BANK_MAX_CHARS 100

static const char *event_kind_names[] = {
  [LAPAK_EVENT_BAZAAR] = "bazaar",
  [LAPAK_EVENT_TRADING_HOUSE] = "trading-house",
};

static const char *product_status_names[] = {
  [LAPAK_PRODUCT_PENDING] = "pending",
  [LAPAK_PRODUCT_ACTIVE] = "active",
  [LAPAK_PRODUCT_INACTIVE] = "inactive",
};

void
lapak_event_free (LapakEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->code);
  g_free (event->name);
  g_free (event->qris);
  g_free (event);
}

void
lapak_tenant_free (LapakTenant *tenant)
{
  if (tenant == NULL)
    return;
  g_free (tenant->code);
  g_free (tenant->name);
  g_free (tenant->phone);
  g_free (tenant->bank_account);
  g_free (tenant);
}

void
lapak_product_free (LapakProduct *product)
{
  if (product == NULL)
    return;
  g_free (product->code);
  g_free (product->tenant);
  g_free (product->sku);
  g_free (product->name);
  g_free (product->barcode);
  g_free (product);
}

const char *
lapak_event_kind_to_string (LapakEventKind kind)
{
  g_return_val_if_fail (kind <= LAPAK_EVENT_TRADING_HOUSE, NULL);
  return event_kind_names[kind];
}

gboolean
lapak_event_kind_from_string (const char      *text,
                              LapakEventKind  *out_kind,
                              GError         **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (event_kind_names); i++)
    {
      if (g_strcmp0 (text, event_kind_names[i]) == 0)
        {
          *out_kind = (LapakEventKind)i;
          return TRUE;
        }
    }

  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
               _("“%s” is not a kind of event: use bazaar or trading-house."), text);
  return FALSE;
}

const char *
lapak_product_status_to_string (LapakProductStatus status)
{
  g_return_val_if_fail (status <= LAPAK_PRODUCT_INACTIVE, NULL);
  return product_status_names[status];
}

static LapakProductStatus
product_status_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (product_status_names); i++)
    if (g_strcmp0 (text, product_status_names[i]) == 0)
      return (LapakProductStatus)i;
  return LAPAK_PRODUCT_INACTIVE;
}

/* Names may hold anything a person writes — quotes, apostrophes, commas,
 * line breaks, emoji — and are stored exactly; only invalid UTF-8 and
 * invisible control characters are refused. */
gboolean
lapak_text_validate (const char  *what,
                     const char  *text,
                     gsize        max_chars,
                     gboolean     required,
                     GError     **error)
{
  glong chars;
  gboolean blank = TRUE;

  if (text == NULL || *text == '\0')
    {
      if (required)
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                     _("The %s is missing."), what);
      return !required;
    }

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The %s is not valid UTF-8 text."), what);
      return FALSE;
    }

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) && c != '\n' && c != '\r' && c != '\t')
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("The %s contains an invisible control character (U+%04X)."),
                       what, c);
          return FALSE;
        }
      if (!g_unichar_isspace (c))
        blank = FALSE;
    }

  if (blank && required)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The %s is blank."), what);
      return FALSE;
    }

  chars = g_utf8_strlen (text, -1);
  if ((gsize)chars > max_chars)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The %s is too long: %ld characters, at most %u are allowed."),
                   what, chars, (guint)max_chars);
      return FALSE;
    }

  return TRUE;
}

gboolean
lapak_event_code_validate (const char  *code,
                           GError     **error)
{
  gsize len = strlen (code);
  gboolean ok = len >= 2 && len <= EVENT_CODE_MAX && g_ascii_isupper (code[0]);

  for (gsize i = 0; ok && i < len; i++)
    ok = g_ascii_isupper (code[i]) || g_ascii_isdigit (code[i]) || code[i] == '-';

  if (!ok)
    g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                 _("“%s” is not an event code: use 2 to %d capital letters, digits and "
                   "“-”, starting with a letter, e.g. JCC-2026."),
                 code, EVENT_CODE_MAX);
  return ok;
}

static gboolean
validate_terms (int       commission_bp,
                int64_t   booth_fee,
                gboolean  allow_default,
                GError  **error)
{
  if (!(allow_default && commission_bp == LAPAK_TERMS_DEFAULT) &&
      (commission_bp < 0 || commission_bp > 10000))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("A commission must be between 0%% and 100%%."));
      return FALSE;
    }

  if (!(allow_default && booth_fee == LAPAK_TERMS_DEFAULT) &&
      (booth_fee < 0 || booth_fee > LAPAK_MONEY_MAX))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("A booth fee must be zero or a positive amount."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
row_exists (LapakDb     *db,
            const char  *sql,
            const char  *key,
            gboolean    *out_exists,
            GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  if (!(stmt = lapak_db_prepare (db, sql, error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, key);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

/* Runs @func in a transaction unless the caller already holds one (an import
 * that adds many rows all-or-nothing). */
static gboolean
in_transaction (LapakDb         *db,
                LapakDbTxnFunc   func,
                gpointer         data,
                GError         **error)
{
  if (lapak_db_in_transaction (db))
    return func (db, data, error);
  return lapak_db_transaction (db, func, data, error);
}

/* ---------- events ---------- */

static LapakEvent *
event_from_row (sqlite3_stmt *stmt,
                const char   *active_code)
{
  LapakEvent *event = g_new0 (LapakEvent, 1);

  event->code = g_strdup (lapak_stmt_text (stmt, 0));
  event->name = g_strdup (lapak_stmt_text (stmt, 1));
  lapak_event_kind_from_string (lapak_stmt_text (stmt, 2), &event->kind, NULL);
  event->commission_bp = sqlite3_column_int (stmt, 3);
  event->booth_fee = sqlite3_column_int64 (stmt, 4);
  event->qris = g_strdup (lapak_stmt_text (stmt, 5));
  event->active = g_strcmp0 (event->code, active_code) == 0;
  return event;
}

GPtrArray *
lapak_event_list (LapakDb  *db,
                  GError  **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify)lapak_event_free);
  g_autofree char *active = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  active = lapak_db_get_meta (db, "active_event", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT code, name, kind, commission_bp, booth_fee, qris "
                                 "FROM event ORDER BY created_at, code",
                                 error)))
    return NULL;
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (events, event_from_row (stmt, active));
  if (rc < 0)
    return NULL;

  return g_steal_pointer (&events);
}

LapakEvent *
lapak_event_get_active (LapakDb  *db,
                        GError  **error)
{
  g_autofree char *active = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  active = lapak_db_get_meta (db, "active_event", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (active == NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("No event is active on this till. Create one with “lapakctl event "
                     "create” or choose one with “lapakctl event use”."));
      return NULL;
    }

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT code, name, kind, commission_bp, booth_fee, qris "
                                 "FROM event WHERE code = ?1",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, active);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("The active event %s no longer exists. Choose one with “lapakctl event use”."),
                   active);
      return NULL;
    }
  return event_from_row (stmt, active);
}

typedef struct
{
  const char     *code;
  const char     *name;
  LapakEventKind  kind;
  int             commission_bp;
  int64_t         booth_fee;
  const char     *qris;
} EventCreate;

static gboolean
event_create_txn (LapakDb  *db,
                  gpointer  user_data,
                  GError  **error)
{
  EventCreate *ec = user_data;
  g_auto(LapakStmt) stmt = NULL;
  gboolean exists;

  if (!row_exists (db, "SELECT 1 FROM event WHERE code = ?1", ec->code, &exists, error))
    return FALSE;
  if (exists)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS,
                   _("There is already an event with code %s. Choose another code, or "
                     "switch to it with “lapakctl event use %s”."),
                   ec->code, ec->code);
      return FALSE;
    }

  if (!(stmt = lapak_db_prepare (db,
                                 "INSERT INTO event (code, name, kind, commission_bp, booth_fee, qris, created_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, ec->code);
  lapak_stmt_bind_text (stmt, 2, ec->name);
  lapak_stmt_bind_text (stmt, 3, event_kind_names[ec->kind]);
  sqlite3_bind_int (stmt, 4, ec->commission_bp);
  sqlite3_bind_int64 (stmt, 5, ec->booth_fee);
  lapak_stmt_bind_text (stmt, 6, ec->qris);
  sqlite3_bind_int64 (stmt, 7, lapak_db_now ());
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;

  return lapak_db_set_meta (db, "active_event", ec->code, error);
}

/**
 * lapak_event_create:
 *
 * Creates an event and makes it the active one on this till.
 */
gboolean
lapak_event_create (LapakDb          *db,
                    const LapakUser  *actor,
                    const char       *code,
                    const char       *name,
                    LapakEventKind    kind,
                    int               commission_bp,
                    int64_t           booth_fee,
                    const char       *qris,
                    GError          **error)
{
  EventCreate ec = { code, name, kind, commission_bp, booth_fee, qris };

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_EVENTS, error) ||
      !lapak_event_code_validate (code, error) ||
      !lapak_text_validate (_("event name"), name, NAME_MAX_CHARS, TRUE, error) ||
      !validate_terms (commission_bp, booth_fee, FALSE, error))
    return FALSE;

  if (kind > LAPAK_EVENT_TRADING_HOUSE)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID, _("Unknown kind of event."));
      return FALSE;
    }

  if (qris != NULL && !lapak_qris_check (qris, error))
    return FALSE;

  return lapak_db_transaction (db, event_create_txn, &ec, error);
}

gboolean
lapak_event_use (LapakDb          *db,
                 const LapakUser  *actor,
                 const char       *code,
                 GError          **error)
{
  gboolean exists;

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_EVENTS, error))
    return FALSE;

  if (!row_exists (db, "SELECT 1 FROM event WHERE code = ?1", code, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no event with code %s. “lapakctl event list” shows the events."),
                   code);
      return FALSE;
    }

  return lapak_db_set_meta (db, "active_event", code, error);
}

static gboolean
add_account_entry (LapakDb     *db,
                   const char  *event_code,
                   const char  *tenant_code,
                   const char  *kind,
                   int64_t      amount,
                   const char  *reason,
                   GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  int64_t seq;

  if (!lapak_db_next_seq (db, "account_entry", &seq, error))
    return FALSE;

  if (!(stmt = lapak_db_prepare (db,
                                 "INSERT INTO account_entry (till_id, seq, event_code, tenant_code, kind, amount, reason, at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  sqlite3_bind_int64 (stmt, 2, seq);
  lapak_stmt_bind_text (stmt, 3, event_code);
  lapak_stmt_bind_text (stmt, 4, tenant_code);
  lapak_stmt_bind_text (stmt, 5, kind);
  sqlite3_bind_int64 (stmt, 6, amount);
  lapak_stmt_bind_text (stmt, 7, reason);
  sqlite3_bind_int64 (stmt, 8, lapak_db_now ());
  return lapak_db_step (db, stmt, error) == SQLITE_DONE;
}

/* Joins one tenant to @event and charges the booth fee to its account. */
static gboolean
join_tenant (LapakDb           *db,
             const LapakEvent  *event,
             const char        *tenant_code,
             int                commission_bp,
             int64_t            booth_fee,
             GError           **error)
{
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *reason = NULL;
  gboolean exists;
  int rc;

  if (!row_exists (db, "SELECT 1 FROM tenant WHERE code = ?1", tenant_code, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no tenant with code %s. Register it first with “lapakctl tenant add”."),
                   tenant_code);
      return FALSE;
    }

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT 1 FROM participation WHERE event_code = ?1 AND tenant_code = ?2",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, event->code);
  lapak_stmt_bind_text (stmt, 2, tenant_code);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS,
                   _("Tenant %s already takes part in event %s."), tenant_code, event->code);
      return FALSE;
    }
  lapak_stmt_release (g_steal_pointer (&stmt));

  if (commission_bp == LAPAK_TERMS_DEFAULT)
    commission_bp = event->commission_bp;
  if (booth_fee == LAPAK_TERMS_DEFAULT)
    booth_fee = event->booth_fee;

  if (!(stmt = lapak_db_prepare (db,
                                 "INSERT INTO participation (event_code, tenant_code, commission_bp, booth_fee, joined_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, event->code);
  lapak_stmt_bind_text (stmt, 2, tenant_code);
  sqlite3_bind_int (stmt, 3, commission_bp);
  sqlite3_bind_int64 (stmt, 4, booth_fee);
  sqlite3_bind_int64 (stmt, 5, lapak_db_now ());
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;

  if (booth_fee == 0)
    return TRUE;

  reason = g_strdup_printf (_("Booth fee, %s"), event->name);
  return add_account_entry (db, event->code, tenant_code, "booth_fee", -booth_fee, reason, error);
}

typedef struct
{
  const char * const *codes;
  int                 commission_bp;
  int64_t             booth_fee;
} EventJoin;

static gboolean
event_join_txn (LapakDb  *db,
                gpointer  user_data,
                GError  **error)
{
  EventJoin *ej = user_data;
  g_autoptr(LapakEvent) event = NULL;

  if (!(event = lapak_event_get_active (db, error)))
    return FALSE;

  for (guint i = 0; ej->codes[i] != NULL; i++)
    if (!join_tenant (db, event, ej->codes[i], ej->commission_bp, ej->booth_fee, error))
      return FALSE;

  return TRUE;
}

/**
 * lapak_event_join:
 *
 * Joins existing tenants to the active event, all or none, charging each the
 * booth fee (@booth_fee, or the event's with %LAPAK_TERMS_DEFAULT).
 */
gboolean
lapak_event_join (LapakDb             *db,
                  const LapakUser     *actor,
                  const char * const  *tenant_codes,
                  int                  commission_bp,
                  int64_t              booth_fee,
                  GError             **error)
{
  EventJoin ej = { tenant_codes, commission_bp, booth_fee };

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (tenant_codes != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_TENANTS, error) ||
      !validate_terms (commission_bp, booth_fee, TRUE, error))
    return FALSE;

  return in_transaction (db, event_join_txn, &ej, error);
}

/* ---------- tenants ---------- */

static gboolean
validate_phone (const char  *phone,
                GError     **error)
{
  gsize digits = 0;

  if (phone == NULL || *phone == '\0')
    return TRUE;

  for (const char *p = phone; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!(*p == '+' && p == phone) && *p != ' ' && *p != '-')
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not a phone number: use digits, spaces, “-” and a "
                         "leading “+”, e.g. 0812 3456 7890."),
                       phone);
          return FALSE;
        }
    }

  if (digits < 6 || strlen (phone) > PHONE_MAX_CHARS)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a phone number: it needs 6 to %d characters."),
                   phone, PHONE_MAX_CHARS);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  const LapakTenantSpec *spec;
} TenantAdd;

static gboolean
tenant_add_txn (LapakDb  *db,
                gpointer  user_data,
                GError  **error)
{
  const LapakTenantSpec *spec = user_data;
  g_autoptr(LapakEvent) event = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(LapakStmt) stmt = NULL;
  gboolean exists;

  if (!row_exists (db, "SELECT 1 FROM tenant WHERE code = ?1", spec->code, &exists, error))
    return FALSE;
  if (exists)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS,
                   _("There is already a tenant with code %s. Choose another code; to "
                     "join it to this event use “lapakctl event join %s”."),
                   spec->code, spec->code);
      return FALSE;
    }

  if (!(stmt = lapak_db_prepare (db,
                                 "INSERT INTO tenant (code, name, phone, bank_account, created_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, spec->code);
  lapak_stmt_bind_text (stmt, 2, spec->name);
  lapak_stmt_bind_text (stmt, 3, spec->phone && *spec->phone ? spec->phone : NULL);
  lapak_stmt_bind_text (stmt, 4, spec->bank_account && *spec->bank_account ? spec->bank_account : NULL);
  sqlite3_bind_int64 (stmt, 5, lapak_db_now ());
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;

  event = lapak_event_get_active (db, &local_error);
  if (event == NULL)
    {
      /* Registering a member needs no event; terms do. */
      if (g_error_matches (local_error, LAPAK_ERROR, LAPAK_ERROR_STATE) &&
          spec->commission_bp == LAPAK_TERMS_DEFAULT && spec->booth_fee == LAPAK_TERMS_DEFAULT)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return join_tenant (db, event, spec->code, spec->commission_bp, spec->booth_fee, error);
}

/* For callers that hold a transaction already (imports). */
gboolean
lapak_tenant_add_in_txn (LapakDb                *db,
                         const LapakUser        *actor,
                         const LapakTenantSpec  *spec,
                         GError                **error)
{
  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (spec != NULL && spec->code != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_TENANTS, error) ||
      !lapak_tenant_code_validate (spec->code, error) ||
      !lapak_text_validate (_("tenant name"), spec->name, NAME_MAX_CHARS, TRUE, error) ||
      !validate_phone (spec->phone, error) ||
      !lapak_text_validate (_("bank account"), spec->bank_account, BANK_MAX_CHARS, FALSE, error) ||
      !validate_terms (spec->commission_bp, spec->booth_fee, TRUE, error))
    return FALSE;

  return in_transaction (db, tenant_add_txn, (gpointer)spec, error);
}

/**
 * lapak_tenant_add:
 *
 * Registers a member tenant and joins it to the active event (if there is
 * one) on the given terms, charging its booth fee.
 */
gboolean
lapak_tenant_add (LapakDb                *db,
                  const LapakUser        *actor,
                  const LapakTenantSpec  *spec,
                  GError                **error)
{
  return lapak_tenant_add_in_txn (db, actor, spec, error);
}

GPtrArray *
lapak_tenant_list (LapakDb  *db,
                   GError  **error)
{
  g_autoptr(GPtrArray) tenants = g_ptr_array_new_with_free_func ((GDestroyNotify)lapak_tenant_free);
  g_autofree char *active = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  active = lapak_db_get_meta (db, "active_event", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT t.code, t.name, t.phone, t.bank_account, "
                                 "       p.tenant_code IS NOT NULL, p.commission_bp, p.booth_fee "
                                 "FROM tenant t LEFT JOIN participation p "
                                 "  ON p.tenant_code = t.code AND p.event_code = ?1 "
                                 "ORDER BY t.code",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, active);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakTenant *t = g_new0 (LapakTenant, 1);

      t->code = g_strdup (lapak_stmt_text (stmt, 0));
      t->name = g_strdup (lapak_stmt_text (stmt, 1));
      t->phone = g_strdup (lapak_stmt_text (stmt, 2));
      t->bank_account = g_strdup (lapak_stmt_text (stmt, 3));
      t->joined = sqlite3_column_int (stmt, 4) != 0;
      t->commission_bp = t->joined ? sqlite3_column_int (stmt, 5) : LAPAK_TERMS_DEFAULT;
      t->booth_fee = t->joined ? sqlite3_column_int64 (stmt, 6) : LAPAK_TERMS_DEFAULT;
      g_ptr_array_add (tenants, t);
    }
  if (rc < 0)
    return NULL;

  return g_steal_pointer (&tenants);
}

gboolean
lapak_tenant_balance (LapakDb     *db,
                      const char  *tenant_code,
                      int64_t     *out_balance,
                      GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT COALESCE(SUM(amount), 0) FROM account_entry WHERE tenant_code = ?1",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, tenant_code);
  if (lapak_db_step (db, stmt, error) != SQLITE_ROW)
    return FALSE;
  *out_balance = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* ---------- products and stock ---------- */

static gboolean
add_stock_move (LapakDb     *db,
                const char  *event_code,
                const char  *product_code,
                const char  *kind,
                int64_t      delta,
                const char  *ref,
                GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  int64_t seq;

  if (!lapak_db_next_seq (db, "stock_move", &seq, error))
    return FALSE;

  if (!(stmt = lapak_db_prepare (db,
                                 "INSERT INTO stock_move (till_id, seq, event_code, product_code, kind, delta, ref, at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, lapak_db_get_till_id (db));
  sqlite3_bind_int64 (stmt, 2, seq);
  lapak_stmt_bind_text (stmt, 3, event_code);
  lapak_stmt_bind_text (stmt, 4, product_code);
  lapak_stmt_bind_text (stmt, 5, kind);
  sqlite3_bind_int64 (stmt, 6, delta);
  lapak_stmt_bind_text (stmt, 7, ref);
  sqlite3_bind_int64 (stmt, 8, lapak_db_now ());
  return lapak_db_step (db, stmt, error) == SQLITE_DONE;
}

typedef struct
{
  const LapakUser        *actor;
  const LapakProductSpec *spec;
  const char             *wanted_code;   /* or NULL: the next serial */
  int                     status;        /* or -1: by the actor's role */
  char                   *code;
} ProductAdd;

/* The serial of label code @code of @tenant, or 0 if @code is not a valid
 * label code of that tenant. */
static guint
code_serial (const char *code,
             const char *tenant)
{
  g_autofree char *owner = lapak_product_code_tenant (code);
  g_autofree char *digits = NULL;
  g_autofree char *canonical = NULL;
  const char *dash = strchr (code, '-');
  guint64 serial;

  if (owner == NULL || g_strcmp0 (owner, tenant) != 0 || dash == NULL || strlen (dash) < 3)
    return 0;
  digits = g_strndup (dash + 1, strlen (dash + 1) - 1);
  if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXUINT, &serial, NULL))
    return 0;
  canonical = lapak_product_code_make (tenant, (guint)serial);
  return g_strcmp0 (canonical, code) == 0 ? (guint)serial : 0;
}

static gboolean
product_add_txn (LapakDb  *db,
                 gpointer  user_data,
                 GError  **error)
{
  ProductAdd *pa = user_data;
  const LapakProductSpec *spec = pa->spec;
  g_autoptr(LapakEvent) event = NULL;
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *code = NULL;
  gboolean exists;
  LapakProductStatus status;
  gint64 serial;
  int rc;

  if (!row_exists (db, "SELECT 1 FROM tenant WHERE code = ?1", spec->tenant, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no tenant with code %s. Register the tenant first, or "
                     "check the code."),
                   spec->tenant);
      return FALSE;
    }

  if (spec->sku != NULL && *spec->sku != '\0')
    {
      if (!(stmt = lapak_db_prepare (db,
                                     "SELECT code FROM product WHERE tenant_code = ?1 AND sku = ?2",
                                     error)))
        return FALSE;
      lapak_stmt_bind_text (stmt, 1, spec->tenant);
      lapak_stmt_bind_text (stmt, 2, spec->sku);
      rc = lapak_db_step (db, stmt, error);
      if (rc < 0)
        return FALSE;
      if (rc == SQLITE_ROW)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS,
                       _("Tenant %s already has a product with SKU “%s” (%s). Give each "
                         "product its own SKU."),
                       spec->tenant, spec->sku, lapak_stmt_text (stmt, 0));
          return FALSE;
        }
      lapak_stmt_release (g_steal_pointer (&stmt));
    }

  if (spec->barcode != NULL && *spec->barcode != '\0')
    {
      if (!(stmt = lapak_db_prepare (db, "SELECT code FROM product WHERE barcode = ?1", error)))
        return FALSE;
      lapak_stmt_bind_text (stmt, 1, spec->barcode);
      rc = lapak_db_step (db, stmt, error);
      if (rc < 0)
        return FALSE;
      if (rc == SQLITE_ROW)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS,
                       _("The barcode %s already belongs to product %s. One barcode can "
                         "name only one product."),
                       spec->barcode, lapak_stmt_text (stmt, 0));
          return FALSE;
        }
      lapak_stmt_release (g_steal_pointer (&stmt));
    }

  if (spec->stock > 0 && !(event = lapak_event_get_active (db, error)))
    return FALSE;

  if (pa->wanted_code != NULL)
    {
      /* A label printed for an earlier event keeps its code. */
      serial = code_serial (pa->wanted_code, spec->tenant);
      if (serial == 0)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("“%s” is not a label code of tenant %s: a code starts with its "
                         "tenant's code, e.g. %s-0074. Leave the code empty to get a new one."),
                       pa->wanted_code, spec->tenant, spec->tenant);
          return FALSE;
        }
      if (!row_exists (db, "SELECT 1 FROM product WHERE code = ?1", pa->wanted_code, &exists, error))
        return FALSE;
      if (exists)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS,
                       _("There is already a product with code %s. Leave the code empty to "
                         "get a new one."),
                       pa->wanted_code);
          return FALSE;
        }
      code = g_strdup (pa->wanted_code);
    }
  else
    {
      if (!(stmt = lapak_db_prepare (db,
                                     "SELECT COALESCE(MAX(serial), 0) + 1 FROM product WHERE tenant_code = ?1",
                                     error)))
        return FALSE;
      lapak_stmt_bind_text (stmt, 1, spec->tenant);
      if (lapak_db_step (db, stmt, error) != SQLITE_ROW)
        return FALSE;
      serial = sqlite3_column_int64 (stmt, 0);
      lapak_stmt_release (g_steal_pointer (&stmt));

      /* About one serial in 37 cannot carry a check character: skip it. */
      while ((code = lapak_product_code_make (spec->tenant, (guint)serial)) == NULL)
        serial++;
    }

  /* A tenant's own products wait for the organiser's approval. */
  if (lapak_user_get_role (pa->actor) == LAPAK_ROLE_TENANT)
    status = LAPAK_PRODUCT_PENDING;
  else if (pa->status >= 0)
    status = (LapakProductStatus)pa->status;
  else
    status = LAPAK_PRODUCT_ACTIVE;

  if (!(stmt = lapak_db_prepare (db,
                                 "INSERT INTO product (code, tenant_code, serial, sku, name, price, barcode, status, created_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, code);
  lapak_stmt_bind_text (stmt, 2, spec->tenant);
  sqlite3_bind_int64 (stmt, 3, serial);
  lapak_stmt_bind_text (stmt, 4, spec->sku && *spec->sku ? spec->sku : NULL);
  lapak_stmt_bind_text (stmt, 5, spec->name);
  sqlite3_bind_int64 (stmt, 6, spec->price);
  lapak_stmt_bind_text (stmt, 7, spec->barcode && *spec->barcode ? spec->barcode : NULL);
  lapak_stmt_bind_text (stmt, 8, product_status_names[status]);
  sqlite3_bind_int64 (stmt, 9, lapak_db_now ());
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;

  if (spec->stock > 0 &&
      !add_stock_move (db, event->code, code, "checkin", spec->stock, NULL, error))
    return FALSE;

  pa->code = g_steal_pointer (&code);
  return TRUE;
}

char *
lapak_product_add_in_txn (LapakDb                 *db,
                          const LapakUser         *actor,
                          const LapakProductSpec  *spec,
                          GError                 **error)
{
  return lapak_product_add_as_in_txn (db, actor, spec, NULL, -1, error);
}

/**
 * lapak_product_add_as_in_txn:
 * @code: (nullable): the label code it must get (a product re-imported
 *   with the code on its printed labels), or %NULL for the next one
 * @status: a #LapakProductStatus, or -1 for the default; a tenant's
 *   products are pending whatever @status says
 *
 * lapak_product_add_in_txn() for imports that carry codes and statuses.
 */
char *
lapak_product_add_as_in_txn (LapakDb                 *db,
                             const LapakUser         *actor,
                             const LapakProductSpec  *spec,
                             const char              *code,
                             int                      status,
                             GError                 **error)
{
  ProductAdd pa = { actor, spec, code != NULL && *code != '\0' ? code : NULL, status, NULL };

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  if (spec->tenant == NULL || *spec->tenant == '\0')
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The product's tenant is missing."));
      return NULL;
    }

  if (!lapak_auth_require_tenant (actor, spec->tenant, error) ||
      !lapak_text_validate (_("product name"), spec->name, NAME_MAX_CHARS, TRUE, error) ||
      !lapak_text_validate (_("SKU"), spec->sku, SKU_MAX_CHARS, FALSE, error))
    return NULL;

  if (spec->price <= 0 || spec->price > LAPAK_MONEY_MAX)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("A price must be more than Rp0."));
      return NULL;
    }

  if (spec->stock < 0 || spec->stock > 1000000)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("Stock must be a whole number of units from 0 to 1,000,000."));
      return NULL;
    }

  if (spec->barcode != NULL && *spec->barcode != '\0' &&
      !lapak_barcode_validate (spec->barcode, error))
    return NULL;

  if (!in_transaction (db, product_add_txn, &pa, error))
    return NULL;

  return pa.code;
}

/**
 * lapak_product_add:
 *
 * Adds a product and returns its new label code. Products added by a tenant
 * wait for the organiser's approval; an organiser's are active at once.
 */
char *
lapak_product_add (LapakDb                 *db,
                   const LapakUser         *actor,
                   const LapakProductSpec  *spec,
                   GError                 **error)
{
  return lapak_product_add_in_txn (db, actor, spec, error);
}

GPtrArray *
lapak_product_list (LapakDb     *db,
                    const char  *tenant_code,
                    GError     **error)
{
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify)lapak_product_free);
  g_autofree char *active = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  active = lapak_db_get_meta (db, "active_event", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT p.code, p.tenant_code, p.sku, p.name, p.price, p.barcode, p.status, "
                                 "       (SELECT COALESCE(SUM(m.delta), 0) FROM stock_move m "
                                 "        WHERE m.product_code = p.code AND m.event_code = ?2) "
                                 "FROM product p "
                                 "WHERE ?1 IS NULL OR p.tenant_code = ?1 "
                                 "ORDER BY p.tenant_code, p.serial",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, tenant_code);
  lapak_stmt_bind_text (stmt, 2, active);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakProduct *p = g_new0 (LapakProduct, 1);

      p->code = g_strdup (lapak_stmt_text (stmt, 0));
      p->tenant = g_strdup (lapak_stmt_text (stmt, 1));
      p->sku = g_strdup (lapak_stmt_text (stmt, 2));
      p->name = g_strdup (lapak_stmt_text (stmt, 3));
      p->price = sqlite3_column_int64 (stmt, 4);
      p->barcode = g_strdup (lapak_stmt_text (stmt, 5));
      p->status = product_status_from_string (lapak_stmt_text (stmt, 6));
      p->stock = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (products, p);
    }
  if (rc < 0)
    return NULL;

  return g_steal_pointer (&products);
}

typedef struct
{
  const char *product_code;
  int64_t     units;
} CheckIn;

static gboolean
check_in_txn (LapakDb  *db,
              gpointer  user_data,
              GError  **error)
{
  CheckIn *ci = user_data;
  g_autoptr(LapakEvent) event = NULL;

  if (!(event = lapak_event_get_active (db, error)))
    return FALSE;
  return add_stock_move (db, event->code, ci->product_code, "checkin", ci->units, NULL, error);
}

/**
 * lapak_stock_check_in:
 *
 * Records @units more of a product brought in for the active event. Stock is
 * never overwritten: this adds a movement.
 */
gboolean
lapak_stock_check_in (LapakDb          *db,
                      const LapakUser  *actor,
                      const char       *product_code,
                      int64_t           units,
                      GError          **error)
{
  CheckIn ci = { product_code, units };
  g_autofree char *tenant = NULL;
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (product_code != NULL, FALSE);

  if (!(stmt = lapak_db_prepare (db, "SELECT tenant_code FROM product WHERE code = ?1", error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, product_code);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no product with code %s."), product_code);
      return FALSE;
    }
  tenant = g_strdup (lapak_stmt_text (stmt, 0));
  lapak_stmt_release (stmt);

  if (!lapak_auth_require_tenant (actor, tenant, error))
    return FALSE;

  if (units <= 0 || units > 1000000)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("Check in 1 to 1,000,000 units at a time."));
      return FALSE;
    }

  return lapak_db_transaction (db, check_in_txn, &ci, error);
}

/* ---------- organiser's changes: a tenant's contact, leaving an event ---------- */

typedef struct
{
  const char *code;
  const char *name;
  const char *phone;
  const char *bank_account;
} TenantUpdate;

static gboolean
tenant_update_txn (LapakDb  *db,
                   gpointer  user_data,
                   GError  **error)
{
  TenantUpdate *tu = user_data;
  g_auto(LapakStmt) stmt = NULL;

  if (!(stmt = lapak_db_prepare (db,
                                 "UPDATE tenant SET name = ?2, phone = ?3, bank_account = ?4 WHERE code = ?1",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, tu->code);
  lapak_stmt_bind_text (stmt, 2, tu->name);
  lapak_stmt_bind_text (stmt, 3, tu->phone && *tu->phone ? tu->phone : NULL);
  lapak_stmt_bind_text (stmt, 4, tu->bank_account && *tu->bank_account ? tu->bank_account : NULL);
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;
  if (sqlite3_changes (lapak_db_get_handle (db)) == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no tenant with code %s. Register it first with “lapakctl tenant add”."),
                   tu->code);
      return FALSE;
    }
  return TRUE;
}

/**
 * lapak_tenant_update:
 * @phone: (nullable): the new phone number; %NULL or "" clears it
 * @bank_account: (nullable): the new bank account; %NULL or "" clears it
 *
 * Changes a tenant's name and contact details. Past sales and statements
 * keep what they recorded; settlements made from now on use the new
 * account.
 */
gboolean
lapak_tenant_update (LapakDb          *db,
                     const LapakUser  *actor,
                     const char       *code,
                     const char       *name,
                     const char       *phone,
                     const char       *bank_account,
                     GError          **error)
{
  TenantUpdate tu = { code, name, phone, bank_account };

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_TENANTS, error) ||
      !lapak_text_validate (_("tenant name"), name, NAME_MAX_CHARS, TRUE, error) ||
      !validate_phone (phone, error) ||
      !lapak_text_validate (_("bank account"), bank_account, BANK_MAX_CHARS, FALSE, error))
    return FALSE;

  return lapak_db_transaction (db, tenant_update_txn, &tu, error);
}

static gboolean
count_rows (LapakDb     *db,
            const char  *sql,
            const char  *event_code,
            const char  *tenant_code,
            int64_t     *out_count,
            GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;

  if (!(stmt = lapak_db_prepare (db, sql, error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, event_code);
  lapak_stmt_bind_text (stmt, 2, tenant_code);
  if (lapak_db_step (db, stmt, error) != SQLITE_ROW)
    return FALSE;
  *out_count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
event_leave_txn (LapakDb  *db,
                 gpointer  user_data,
                 GError  **error)
{
  const char *tenant_code = user_data;
  g_autoptr(LapakEvent) event = NULL;
  g_autofree char *reason = NULL;
  g_auto(LapakStmt) stmt = NULL;
  int64_t n;
  int rc;

  if (!(event = lapak_event_get_active (db, error)))
    return FALSE;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT 1 FROM participation WHERE event_code = ?1 AND tenant_code = ?2",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, event->code);
  lapak_stmt_bind_text (stmt, 2, tenant_code);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("Tenant %s does not take part in event %s."), tenant_code, event->code);
      return FALSE;
    }
  lapak_stmt_release (g_steal_pointer (&stmt));

  /* Only a tenant with nothing recorded in the event but its booth fee may
   * leave: its sales, stock and payouts must stay in the settlement. */
  if (!count_rows (db,
                   "SELECT (SELECT COUNT(*) FROM account_entry "
                   "        WHERE event_code = ?1 AND tenant_code = ?2 AND kind <> 'booth_fee') + "
                   "       (SELECT COUNT(*) FROM stock_move m JOIN product p ON p.code = m.product_code "
                   "        WHERE m.event_code = ?1 AND p.tenant_code = ?2)",
                   event->code, tenant_code, &n, error))
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("Tenant %s cannot leave event %s: it already has stock, sales or account "
                     "entries there, which the settlement must keep. Settle the event instead."),
                   tenant_code, event->code);
      return FALSE;
    }

  if (!(stmt = lapak_db_prepare (db,
                                 "DELETE FROM participation WHERE event_code = ?1 AND tenant_code = ?2",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, event->code);
  lapak_stmt_bind_text (stmt, 2, tenant_code);
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;

  /* The booth fee charged on joining is given back by a new entry: account
   * entries are never edited. */
  if (!count_rows (db,
                   "SELECT -COALESCE(SUM(amount), 0) FROM account_entry "
                   "WHERE event_code = ?1 AND tenant_code = ?2 AND kind = 'booth_fee'",
                   event->code, tenant_code, &n, error))
    return FALSE;
  if (n == 0)
    return TRUE;
  reason = g_strdup_printf (_("Booth fee returned: left %s"), event->name);
  return add_account_entry (db, event->code, tenant_code, "booth_fee", n, reason, error);
}

/**
 * lapak_event_leave:
 *
 * Takes a tenant out of the active event, giving back its booth fee. Refused
 * once the tenant has stock, sales or other account entries in the event,
 * and on a till that syncs with others (a removal would not reach them).
 */
gboolean
lapak_event_leave (LapakDb          *db,
                   const LapakUser  *actor,
                   const char       *tenant_code,
                   GError          **error)
{
  g_autofree char *sync_role = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (tenant_code != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_TENANTS, error))
    return FALSE;

  sync_role = lapak_db_get_meta (db, "sync_role", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (sync_role != NULL && *sync_role != '\0' && g_strcmp0 (sync_role, "none") != 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("Tenant %s cannot leave the event on a till that syncs with others: the "
                     "other tills would bring it back. Keep it in the event; it owes nothing "
                     "more if it sells nothing."),
                   tenant_code);
      return FALSE;
    }

  return lapak_db_transaction (db, event_leave_txn, (gpointer) tenant_code, error);
}

/* ---------- organiser's changes: an event's terms, a tenant's terms ----------
 *
 * The rules (docs/terms.md):
 *  - An event's terms (commission, booth fee) are the defaults a tenant gets
 *    when it joins: changing them changes no tenant already in the event.
 *  - A tenant's commission in the event is read at settlement, for every
 *    entry the settlement covers. So that sales are never charged a
 *    commission other than the one in force when they were made, it may
 *    change only while the tenant has no unsettled sales, voids or refunds
 *    in the event: settle first, the new commission counts from then on.
 *  - A tenant's booth fee was charged when it joined: a change adds an
 *    account entry for the difference (never edits the one charged), which
 *    the next settlement shows as a charge or a credit.
 *  - Every change is journaled (type "terms", describing no record).
 */

typedef struct
{
  const LapakUser *actor;
  const char      *code;
  const char      *name;
  int              commission_bp;
  int64_t          booth_fee;
  const char      *qris;
} EventUpdate;

static gboolean
event_update_txn (LapakDb  *db,
                  gpointer  user_data,
                  GError  **error)
{
  EventUpdate *eu = user_data;
  g_auto(LapakStmt) stmt = NULL;
  g_autoptr(GString) body = g_string_new (NULL);

  if (!(stmt = lapak_db_prepare (db,
                                 "UPDATE event SET name = ?2, commission_bp = ?3, booth_fee = ?4, qris = ?5 "
                                 "WHERE code = ?1",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, eu->code);
  lapak_stmt_bind_text (stmt, 2, eu->name);
  sqlite3_bind_int (stmt, 3, eu->commission_bp);
  sqlite3_bind_int64 (stmt, 4, eu->booth_fee);
  lapak_stmt_bind_text (stmt, 5, eu->qris);
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;
  if (sqlite3_changes (lapak_db_get_handle (db)) == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("There is no event with code %s. “lapakctl event list” shows the events."),
                   eu->code);
      return FALSE;
    }

  lapak_journal_put (body, "event", eu->code);
  lapak_journal_put (body, "name", eu->name);
  lapak_journal_put_int (body, "commission_bp", eu->commission_bp);
  lapak_journal_put_int (body, "booth_fee", eu->booth_fee);
  lapak_journal_put (body, "qris", eu->qris != NULL ? eu->qris : "");
  lapak_journal_put (body, "by", lapak_user_get_name (eu->actor));
  return lapak_journal_append (db, "terms", 0, body->str, lapak_db_now (), NULL, error);
}

/**
 * lapak_event_update:
 * @code: the event (any, not only the active one)
 * @qris: (nullable): the organiser's static QRIS; %NULL or "" removes it
 *
 * Changes an event's name and default terms. The terms are those a tenant
 * gets when it joins from now on: tenants already in the event keep theirs
 * (lapak_event_tenant_terms() changes those). Journaled.
 */
gboolean
lapak_event_update (LapakDb          *db,
                    const LapakUser  *actor,
                    const char       *code,
                    const char       *name,
                    int               commission_bp,
                    int64_t           booth_fee,
                    const char       *qris,
                    GError          **error)
{
  EventUpdate eu = { actor, code, name, commission_bp, booth_fee, qris != NULL && *qris != '\0' ? qris : NULL };

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_EVENTS, error) ||
      !lapak_text_validate (_("event name"), name, NAME_MAX_CHARS, TRUE, error) ||
      !validate_terms (commission_bp, booth_fee, FALSE, error))
    return FALSE;
  if (eu.qris != NULL && !lapak_qris_check (eu.qris, error))
    return FALSE;

  return lapak_db_transaction (db, event_update_txn, &eu, error);
}

typedef struct
{
  const LapakUser *actor;
  const char      *tenant;
  int              commission_bp;
  int64_t          booth_fee;
} TenantTerms;

static gboolean
tenant_terms_txn (LapakDb  *db,
                  gpointer  user_data,
                  GError  **error)
{
  TenantTerms *tt = user_data;
  g_autoptr(LapakEvent) event = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_auto(LapakStmt) stmt = NULL;
  int old_bp;
  int64_t old_fee;
  int64_t adjustment;
  int rc;

  if (!(event = lapak_event_get_active (db, error)))
    return FALSE;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT commission_bp, booth_fee FROM participation "
                                 "WHERE event_code = ?1 AND tenant_code = ?2",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, event->code);
  lapak_stmt_bind_text (stmt, 2, tt->tenant);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                   _("Tenant %s does not take part in event %s."), tt->tenant, event->code);
      return FALSE;
    }
  old_bp = sqlite3_column_int (stmt, 0);
  old_fee = sqlite3_column_int64 (stmt, 1);
  lapak_stmt_release (g_steal_pointer (&stmt));

  if (tt->commission_bp != old_bp)
    {
      int64_t n;

      if (!count_rows (db,
                       "SELECT COUNT(*) FROM account_entry WHERE event_code = ?1 AND tenant_code = ?2 "
                       "AND kind IN ('sale', 'void', 'refund') AND settlement IS NULL",
                       event->code, tt->tenant, &n, error))
        return FALSE;
      if (n > 0)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                       _("The commission of tenant %s cannot change while it has sales in event %s "
                         "that are not settled: they were made under the commission it has now. "
                         "Settle the event first; the new commission then counts for the sales "
                         "after that."),
                       tt->tenant, event->code);
          return FALSE;
        }
    }

  if (!(stmt = lapak_db_prepare (db,
                                 "UPDATE participation SET commission_bp = ?3, booth_fee = ?4 "
                                 "WHERE event_code = ?1 AND tenant_code = ?2",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, event->code);
  lapak_stmt_bind_text (stmt, 2, tt->tenant);
  sqlite3_bind_int (stmt, 3, tt->commission_bp);
  sqlite3_bind_int64 (stmt, 4, tt->booth_fee);
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;

  /* The fee charged on joining stays; the difference is a new entry. */
  adjustment = old_fee - tt->booth_fee;
  if (adjustment != 0)
    {
      g_autofree char *from = lapak_money_format (old_fee, LAPAK_MONEY_STYLE_DEFAULT);
      g_autofree char *to = lapak_money_format (tt->booth_fee, LAPAK_MONEY_STYLE_DEFAULT);
      /* Translators: an account entry: "Booth fee changed from Rp 150,000 to Rp 100,000, Bazar Uji" */
      g_autofree char *reason = g_strdup_printf (_("Booth fee changed from %s to %s, %s"), from, to, event->name);

      if (!add_account_entry (db, event->code, tt->tenant, "booth_fee", adjustment, reason, error))
        return FALSE;
    }

  lapak_journal_put (body, "event", event->code);
  lapak_journal_put (body, "tenant", tt->tenant);
  lapak_journal_put_int (body, "commission_bp", tt->commission_bp);
  lapak_journal_put_int (body, "commission_bp_was", old_bp);
  lapak_journal_put_int (body, "booth_fee", tt->booth_fee);
  lapak_journal_put_int (body, "booth_fee_was", old_fee);
  lapak_journal_put_int (body, "adjustment", adjustment);
  lapak_journal_put (body, "by", lapak_user_get_name (tt->actor));
  return lapak_journal_append (db, "terms", 0, body->str, lapak_db_now (), NULL, error);
}

/**
 * lapak_event_tenant_terms:
 * @commission_bp: the tenant's new commission in the active event
 * @booth_fee: its new booth fee there
 *
 * Changes a tenant's own terms in the active event. The commission may
 * change only while the tenant has no unsettled sales, voids or refunds
 * there (the settlement applies the commission it finds to all it covers).
 * A booth fee change adds an account entry for the difference to the fee
 * already charged. Refused at a till that syncs with a hub: the hub's terms
 * win there, and the entry for the difference would stay. Journaled.
 */
gboolean
lapak_event_tenant_terms (LapakDb          *db,
                          const LapakUser  *actor,
                          const char       *tenant_code,
                          int               commission_bp,
                          int64_t           booth_fee,
                          GError          **error)
{
  TenantTerms tt = { actor, tenant_code, commission_bp, booth_fee };
  g_autofree char *sync_role = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (tenant_code != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_TENANTS, error) ||
      !validate_terms (commission_bp, booth_fee, FALSE, error))
    return FALSE;

  sync_role = lapak_db_get_meta (db, "sync_role", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_strcmp0 (sync_role, "till") == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("Tenant %s's terms cannot change on a till that syncs with a hub: the hub's "
                     "terms win at the next sync. Change them on the hub."),
                   tenant_code);
      return FALSE;
    }

  return lapak_db_transaction (db, tenant_terms_txn, &tt, error);
}
