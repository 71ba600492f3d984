/* lapak-sync.c — several tills and one hub: pairing, bundles, what the hub knows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bundle is a small authenticated envelope around a Lapak database file
 * (docs/sync.md): a till's bundle holds the catalogue and every record of
 * that till from its journal's first entry; the hub's bundle holds the
 * catalogue. Importing one:
 *
 *  1. checks the envelope: the format, the event, the direction (till → hub,
 *     hub → till) and the MAC made with the event key shared at pairing;
 *  2. opens the database inside as a till's database and runs the journal
 *     verifier on it unchanged (lapak_journal_verify): the chain from the
 *     first entry, every payload rebuilt from its rows, the derived stock
 *     and account rows — so a removed, edited or reordered record, or a gap
 *     in the seq, refuses the bundle whole;
 *  3. merges it in ONE transaction: the catalogue by the conflict rule, the
 *     records by their (till_id, seq) keys (a record already here is left
 *     as it is; a shift's close and an account entry's settlement, set once,
 *     are the only columns that move), after checking that the till's
 *     journal continues the one already here.
 *
 * Records are only ever added, and a set-once column only goes from NULL to
 * a value, so merging is idempotent and the same in any order; the catalogue
 * rule is a minimum over the versions seen, likewise order-free.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "lapak-db-private.h"
#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-ledger.h"
#include "lapak-sync.h"

#define BUNDLE_MAGIC "LAPAK-SYNC 1"
#define BUNDLE_MAGIC_PREFIX "LAPAK-SYNC "
#define KEY_BYTES 32
#define CHECK_BYTES 2
#define MAC_BYTES 32

#define META_ROLE "sync_role"
#define META_EVENT "sync_event"
#define META_KEY "sync_key"
#define META_HUB "sync_hub"
#define META_ACKED "sync_acked_seq"     /* a till: its journal entries the hub holds, 1…N */
#define META_SYNCED_AT "sync_synced_at" /* a till: when it last imported its hub's bundle (µs) */
#define META_MARKS "sync_marks"         /* a till: what its bundles held, per journal end (Mark) */
#define MAX_MARKS 16

/* ---------- the catalogue and the records ---------- */

typedef struct
{
  const char *table;
  const char *keys[2];        /* the primary key's columns (TEXT) */
  const char *cmp[8];         /* the columns compared and carried */
  const char *created;        /* the column that orders two versions */
} CatalogueTable;

/* In foreign-key order. A user's failed PIN count and lock are the till's
 * own state: never carried, never compared. */
static const CatalogueTable catalogue[] = {
  { "event", { "code", NULL }, { "name", "kind", "commission_bp", "booth_fee", "qris", "created_at", NULL },
    "created_at" },
  { "tenant", { "code", NULL }, { "name", "phone", "bank_account", "created_at", NULL }, "created_at" },
  { "participation", { "event_code", "tenant_code" }, { "commission_bp", "booth_fee", "joined_at", NULL },
    "joined_at" },
  { "product", { "code", NULL },
    { "tenant_code", "serial", "sku", "name", "price", "barcode", "status", "created_at" }, "created_at" },
  { "user", { "name", NULL }, { "role", "tenant_code", "pin_hash", "active", "created_at", NULL }, "created_at" },
};

/* Every table keyed by (till_id, …) that a till's bundle carries, in
 * foreign-key order, and how a row already here takes the bundle's. */
static const struct {
  const char *table;
  const char *on_conflict;
} records[] = {
  { "journal", "DO NOTHING" },
  { "shift", "(till_id, seq) DO UPDATE SET closed_at = excluded.closed_at, counted = excluded.counted, "
             "expected = excluded.expected, z_number = excluded.z_number, "
             "close_forced = excluded.close_forced, close_forced_by = excluded.close_forced_by "
             "WHERE shift.closed_at IS NULL AND excluded.closed_at IS NOT NULL" },
  { "sale", "DO NOTHING" },
  { "sale_line", "DO NOTHING" },
  { "payment", "DO NOTHING" },
  { "sale_void", "DO NOTHING" },
  { "refund", "DO NOTHING" },
  { "refund_line", "DO NOTHING" },
  { "cash_move", "DO NOTHING" },
  { "stock_move", "DO NOTHING" },
  { "stock_return", "DO NOTHING" },
  { "stock_return_line", "DO NOTHING" },
  { "account_entry", "(till_id, seq) DO UPDATE SET settlement = excluded.settlement "
                     "WHERE account_entry.settlement IS NULL AND excluded.settlement IS NOT NULL" },
  { "settlement", "DO NOTHING" },
  { "settlement_tenant", "DO NOTHING" },
};

/* An incremental bundle (docs/sync.md, "Incremental bundles") carries a
 * till's rows past what one of its earlier bundles held: for each table
 * with its own seq, the highest seq that bundle held. */
static const char * const mark_tables[] = { "sale", "sale_void", "refund", "cash_move", "stock_move",
                                             "stock_return", "account_entry", "settlement" };
#define N_MARKS G_N_ELEMENTS (mark_tables)

typedef struct
{
  int64_t journal;          /* the bundle's last journal entry */
  int64_t max[8];           /* per mark_tables[], its highest seq held */
} Mark;

/* The rows of @table past @since (NULL: all), as an SQL condition on the
 * source's rows (till ?1). A shift is carried whole: its close is set
 * later; an account entry also when one of the new settlements took it. */
static char *
since_condition (const char *table,
                 const Mark *since)
{
  static const struct {
    const char *table;
    const char *column;
    int         mark;       /* index in mark_tables, -1: the journal */
  } bounds[] = {
    { "journal", "seq", -1 },
    { "sale", "seq", 0 }, { "sale_line", "sale_seq", 0 }, { "payment", "sale_seq", 0 },
    { "sale_void", "seq", 1 },
    { "refund", "seq", 2 }, { "refund_line", "refund_seq", 2 },
    { "cash_move", "seq", 3 },
    { "stock_move", "seq", 4 },
    { "stock_return", "seq", 5 }, { "stock_return_line", "return_seq", 5 },
    { "settlement", "seq", 7 }, { "settlement_tenant", "settlement_seq", 7 },
  };

  if (since == NULL || g_str_equal (table, "shift"))
    return g_strdup ("1");
  if (g_str_equal (table, "account_entry"))
    return g_strdup_printf ("(seq > %" G_GINT64_FORMAT " OR settlement IN (SELECT s.till_id || '-S' || "
                            "printf ('%%06d', s.seq) FROM src.settlement s WHERE s.till_id = ?1 AND s.seq > %"
                            G_GINT64_FORMAT "))", (gint64)since->max[6], (gint64)since->max[7]);
  for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
    if (g_str_equal (bounds[i].table, table))
      return g_strdup_printf ("%s > %" G_GINT64_FORMAT, bounds[i].column,
                              (gint64)(bounds[i].mark < 0 ? since->journal : since->max[bounds[i].mark]));
  g_return_val_if_reached (g_strdup ("1"));
}

/* The marks are kept in meta as lines "JOURNAL MAX0 … MAX7". */
static GArray *
marks_load (LapakDb *db)
{
  g_autofree char *text = lapak_db_get_meta (db, META_MARKS, NULL);
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  GArray *marks = g_array_new (FALSE, TRUE, sizeof (Mark));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], " ", -1);
      Mark m = { 0 };

      if (g_strv_length (f) != 1 + N_MARKS)
        continue;
      m.journal = g_ascii_strtoll (f[0], NULL, 10);
      for (guint k = 0; k < N_MARKS; k++)
        m.max[k] = g_ascii_strtoll (f[k + 1], NULL, 10);
      g_array_append_val (marks, m);
    }
  return marks;
}

static gboolean
mark_find (LapakDb *db,
           int64_t  journal,
           Mark    *out)
{
  g_autoptr(GArray) marks = marks_load (db);

  for (guint i = 0; i < marks->len; i++)
    if (g_array_index (marks, Mark, i).journal == journal)
      {
        *out = g_array_index (marks, Mark, i);
        return TRUE;
      }
  return FALSE;
}

static gint
mark_cmp (gconstpointer a,
          gconstpointer b)
{
  const Mark *x = a, *y = b;

  return (x->journal > y->journal) - (x->journal < y->journal);
}

/* Notes what a bundle ending at @mark->journal held. Two bundles ending at
 * the same entry keep the smaller bound per table (rows without a journal
 * entry, like a stock check-in, may have come between them): whichever of
 * them reached the hub, a bundle from that mark misses nothing. */
static gboolean
mark_save (LapakDb     *db,
           const Mark  *mark,
           GError     **error)
{
  g_autoptr(GArray) marks = marks_load (db);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean merged = FALSE;

  for (guint i = 0; i < marks->len; i++)
    {
      Mark *m = &g_array_index (marks, Mark, i);

      if (m->journal == mark->journal)
        {
          for (guint k = 0; k < N_MARKS; k++)
            m->max[k] = MIN (m->max[k], mark->max[k]);
          merged = TRUE;
        }
    }
  if (!merged)
    g_array_append_val (marks, *mark);
  g_array_sort (marks, mark_cmp);
  for (guint i = marks->len > MAX_MARKS ? marks->len - MAX_MARKS : 0; i < marks->len; i++)
    {
      const Mark *m = &g_array_index (marks, Mark, i);

      g_string_append_printf (text, "%s%" G_GINT64_FORMAT, text->len ? "\n" : "", (gint64)m->journal);
      for (guint k = 0; k < N_MARKS; k++)
        g_string_append_printf (text, " %" G_GINT64_FORMAT, (gint64)m->max[k]);
    }
  return lapak_db_set_meta (db, META_MARKS, text->str, error);
}

/* ---------- small helpers ---------- */

void
lapak_sync_info_clear (LapakSyncInfo *info)
{
  g_clear_pointer (&info->event, g_free);
  g_clear_pointer (&info->hub, g_free);
  info->role = LAPAK_SYNC_NONE;
}

void
lapak_sync_conflict_free (LapakSyncConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->table);
  g_free (conflict->key);
  g_free (conflict->till);
  g_free (conflict->lost);
  g_free (conflict->kept);
  g_free (conflict);
}

void
lapak_sync_result_free (LapakSyncResult *result)
{
  if (result == NULL)
    return;
  g_free (result->from);
  g_clear_pointer (&result->conflicts, g_ptr_array_unref);
  g_free (result);
}

void
lapak_sync_till_free (LapakSyncTill *till)
{
  if (till == NULL)
    return;
  g_free (till->till);
  g_free (till->journal_head);
  g_free (till);
}

static const char *
role_to_string (LapakSyncRole role)
{
  return role == LAPAK_SYNC_HUB ? "hub" : role == LAPAK_SYNC_TILL ? "till" : "none";
}

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("The sync could not start: libsodium failed to initialise."));
      return FALSE;
    }
  return TRUE;
}

static char *
bytes_to_hex (const guint8 *bytes,
              gsize         n)
{
  char *hex = g_malloc (2 * n + 1);

  sodium_bin2hex (hex, 2 * n + 1, bytes, n);
  return hex;
}

static gboolean
hex_to_key (const char *hex,
            guint8      key[KEY_BYTES])
{
  size_t len = 0;

  return hex != NULL && strlen (hex) == 2 * KEY_BYTES &&
         sodium_hex2bin (key, KEY_BYTES, hex, strlen (hex), NULL, &len, NULL) == 0 && len == KEY_BYTES;
}

static const char base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* RFC 4648 base32 without padding, in groups of four for typing. */
static char *
base32_encode (const guint8 *bytes,
               gsize         n)
{
  GString *out = g_string_new (NULL);
  guint buffer = 0;
  int bits = 0;
  int written = 0;

  for (gsize i = 0; i < n; i++)
    {
      buffer = (buffer << 8) | bytes[i];
      bits += 8;
      while (bits >= 5)
        {
          if (written > 0 && written % 4 == 0)
            g_string_append_c (out, '-');
          g_string_append_c (out, base32_alphabet[(buffer >> (bits - 5)) & 31]);
          bits -= 5;
          written++;
        }
    }
  if (bits > 0)
    {
      if (written > 0 && written % 4 == 0)
        g_string_append_c (out, '-');
      g_string_append_c (out, base32_alphabet[(buffer << (5 - bits)) & 31]);
    }
  return g_string_free (out, FALSE);
}

/* Case, dashes and spaces ignored; FALSE on any other character. */
static gboolean
base32_decode (const char *text,
               GByteArray *out)
{
  guint buffer = 0;
  int bits = 0;

  for (const char *p = text; *p; p++)
    {
      const char *at;
      char c = g_ascii_toupper (*p);

      if (c == '-' || c == ' ')
        continue;
      if (c == '\0' || !(at = strchr (base32_alphabet, c)))
        return FALSE;
      buffer = (buffer << 5) | (guint)(at - base32_alphabet);
      bits += 5;
      if (bits >= 8)
        {
          guint8 byte = (guint8)((buffer >> (bits - 8)) & 0xff);

          g_byte_array_append (out, &byte, 1);
          bits -= 8;
        }
    }
  return TRUE;
}

static void
pairing_check (const char   *hub,
               const char   *event,
               const guint8  key[KEY_BYTES],
               guint8        out[CHECK_BYTES])
{
  crypto_generichash_state state;
  guint8 digest[crypto_generichash_BYTES];

  crypto_generichash_init (&state, NULL, 0, sizeof digest);
  crypto_generichash_update (&state, (const guint8 *)hub, strlen (hub) + 1);
  crypto_generichash_update (&state, (const guint8 *)event, strlen (event) + 1);
  crypto_generichash_update (&state, key, KEY_BYTES);
  crypto_generichash_final (&state, digest, sizeof digest);
  memcpy (out, digest, CHECK_BYTES);
}

gboolean
lapak_sync_get_info (LapakDb        *db,
                     LapakSyncInfo  *out_info,
                     GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *role = lapak_db_get_meta (db, META_ROLE, &local_error);

  memset (out_info, 0, sizeof *out_info);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (role == NULL)
    return TRUE;
  out_info->role = g_str_equal (role, "hub") ? LAPAK_SYNC_HUB : LAPAK_SYNC_TILL;
  out_info->event = lapak_db_get_meta (db, META_EVENT, NULL);
  out_info->hub = lapak_db_get_meta (db, META_HUB, NULL);
  return TRUE;
}

static gboolean
load_key (LapakDb  *db,
          guint8    key[KEY_BYTES],
          GError  **error)
{
  g_autofree char *hex = lapak_db_get_meta (db, META_KEY, NULL);

  if (!hex_to_key (hex, key))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("%s is not paired for sync: on the hub run “lapakctl sync pair --hub --as ORGANISER”, "
                     "on a till “lapakctl sync pair CODE --as ORGANISER” with the code the hub printed."),
                   lapak_db_get_path (db));
      return FALSE;
    }
  return TRUE;
}

/**
 * lapak_sync_request_mac:
 * @message: the bytes to authenticate (lapak-sync-net.c: an HTTP request's
 *   method, path, till, time, nonce and length, docs/sync.md)
 * @out: (out caller-allocates): LAPAK_SYNC_MAC_BYTES bytes
 *
 * BLAKE2b-256 of @message keyed with this database's event key: what a
 * till signs its requests to the hub with, and what the hub checks them
 * against. The key never leaves this file.
 */
gboolean
lapak_sync_request_mac (LapakDb     *db,
                        const char  *message,
                        gsize        length,
                        guint8       out[LAPAK_SYNC_MAC_BYTES],
                        GError     **error)
{
  guint8 key[KEY_BYTES];

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);

  if (!ensure_sodium (error) || !load_key (db, key, error))
    return FALSE;
  crypto_generichash (out, LAPAK_SYNC_MAC_BYTES, (const guint8 *)message, length, key, KEY_BYTES);
  sodium_memzero (key, sizeof key);
  return TRUE;
}

/* ---------- pairing ---------- */

typedef struct
{
  LapakSyncRole  role;
  const char    *event;
  const char    *hub;
  const guint8  *key;
} Pairing;

static gboolean
pair_txn (LapakDb  *db,
          gpointer  user_data,
          GError  **error)
{
  Pairing *p = user_data;
  g_autofree char *hex = bytes_to_hex (p->key, KEY_BYTES);

  return lapak_db_set_meta (db, META_ROLE, role_to_string (p->role), error) &&
         lapak_db_set_meta (db, META_EVENT, p->event, error) &&
         lapak_db_set_meta (db, META_HUB, p->hub, error) &&
         lapak_db_set_meta (db, META_KEY, hex, error);
}

static char *
pairing_code (const char   *hub,
              const char   *event,
              const guint8  key[KEY_BYTES])
{
  guint8 data[KEY_BYTES + CHECK_BYTES];
  g_autofree char *text = NULL;

  memcpy (data, key, KEY_BYTES);
  pairing_check (hub, event, key, data + KEY_BYTES);
  text = base32_encode (data, sizeof data);
  sodium_memzero (data, sizeof data);
  return g_strdup_printf ("%s:%s:%s", hub, event, text);
}

/**
 * lapak_sync_pair_hub:
 * @event_code: (nullable): the event the tills sell for; %NULL: the active one
 *
 * Makes this database the hub of @event_code's sync: draws the event key
 * (once; asking again prints the same code) and returns the pairing code
 * the tills are given: "HUB:EVENT:KEY" with the key in base32 and a check.
 */
char *
lapak_sync_pair_hub (LapakDb          *db,
                     const LapakUser  *actor,
                     const char       *event_code,
                     GError          **error)
{
  g_autoptr(LapakEvent) event = NULL;
  LapakSyncInfo info = { 0 };
  guint8 key[KEY_BYTES];
  Pairing p;
  char *code;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_EVENTS, error) || !ensure_sodium (error))
    return NULL;

  if (event_code == NULL)
    {
      if (!(event = lapak_event_get_active (db, error)))
        return NULL;
      event_code = event->code;
    }
  else
    {
      g_autoptr(GPtrArray) events = lapak_event_list (db, error);
      gboolean found = FALSE;

      if (events == NULL)
        return NULL;
      for (guint i = 0; i < events->len; i++)
        found |= g_str_equal (((LapakEvent *)g_ptr_array_index (events, i))->code, event_code);
      if (!found)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                       _("There is no event %s on this till: create it first (lapakctl event create)."),
                       event_code);
          return NULL;
        }
    }

  if (!lapak_sync_get_info (db, &info, error))
    return NULL;
  if (info.role == LAPAK_SYNC_TILL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("This database is a till paired with hub %s for event %s; it cannot be a hub as well."),
                   info.hub, info.event);
      lapak_sync_info_clear (&info);
      return NULL;
    }

  if (info.role == LAPAK_SYNC_HUB && g_strcmp0 (info.event, event_code) == 0)
    {
      lapak_sync_info_clear (&info);
      if (!load_key (db, key, error))
        return NULL;
      code = pairing_code (lapak_db_get_till_id (db), event_code, key);
      sodium_memzero (key, sizeof key);
      return code;
    }
  lapak_sync_info_clear (&info);

  randombytes_buf (key, sizeof key);
  p = (Pairing) { LAPAK_SYNC_HUB, event_code, lapak_db_get_till_id (db), key };
  if (!lapak_db_transaction (db, pair_txn, &p, error))
    {
      sodium_memzero (key, sizeof key);
      return NULL;
    }
  code = pairing_code (lapak_db_get_till_id (db), event_code, key);
  sodium_memzero (key, sizeof key);
  return code;
}

/**
 * lapak_sync_pair_till:
 * @pairing_code: what lapak_sync_pair_hub() printed on the hub
 *
 * Pairs this till with the hub: it keeps the event key and imports only
 * that hub's bundles; its own bundles are made for that hub.
 */
gboolean
lapak_sync_pair_till (LapakDb          *db,
                      const LapakUser  *actor,
                      const char       *code,
                      GError          **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  LapakSyncInfo info = { 0 };
  guint8 check[CHECK_BYTES];
  Pairing p;
  gboolean ok;

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_EVENTS, error) || !ensure_sodium (error))
    return FALSE;

  parts = g_strsplit (code, ":", 3);
  if (g_strv_length (parts) != 3 ||
      !_lapak_db_valid_till_id (parts[0], &local_error) ||
      !lapak_event_code_validate (parts[1], &local_error) ||
      !base32_decode (parts[2], data) || data->len != KEY_BYTES + CHECK_BYTES)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a pairing code: it looks like K1:EVENT:XXXX-XXXX-…; copy it again "
                     "from the hub (lapakctl sync pair --hub)."),
                   code);
      return FALSE;
    }
  pairing_check (parts[0], parts[1], data->data, check);
  if (sodium_memcmp (check, data->data + KEY_BYTES, CHECK_BYTES) != 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The pairing code “%s” is mistyped (its check does not match). Copy it again from the hub."),
                   code);
      return FALSE;
    }
  if (g_str_equal (parts[0], lapak_db_get_till_id (db)))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("This pairing code is for hub %s, which is this till itself. Give each till its own id."),
                   parts[0]);
      return FALSE;
    }

  if (!lapak_sync_get_info (db, &info, error))
    return FALSE;
  if (info.role == LAPAK_SYNC_HUB)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("This database is the hub for event %s; a hub is not paired with another hub."),
                   info.event);
      lapak_sync_info_clear (&info);
      return FALSE;
    }
  lapak_sync_info_clear (&info);

  p = (Pairing) { LAPAK_SYNC_TILL, parts[1], parts[0], data->data };
  ok = lapak_db_transaction (db, pair_txn, &p, error);
  sodium_memzero (data->data, data->len);
  return ok;
}

/* ---------- building a bundle's database ---------- */

static gboolean
exec_handle (sqlite3     *handle,
             const char  *sql,
             const char  *path,
             GError     **error)
{
  if (sqlite3_exec (handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DATABASE,
                   _("The sync could not copy the records through %s: %s"), path, sqlite3_errmsg (handle));
      return FALSE;
    }
  return TRUE;
}

static gboolean
attach (sqlite3     *handle,
        const char  *path,
        const char  *schema,
        GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("ATTACH DATABASE ?1 AS %s", schema);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DATABASE,
                   _("The sync could not open %s: %s"), path, sqlite3_errmsg (handle));
      return FALSE;
    }
  return TRUE;
}

static void
detach (sqlite3    *handle,
        const char *schema)
{
  g_autofree char *sql = g_strdup_printf ("DETACH DATABASE %s", schema);

  sqlite3_exec (handle, sql, NULL, NULL, NULL);
}

static char *
column_list (const CatalogueTable *t,
             const char           *alias)
{
  GString *s = g_string_new (NULL);
  const char *prefix = alias ? alias : "";
  const char *dot = alias ? "." : "";

  for (guint k = 0; k < G_N_ELEMENTS (t->keys) && t->keys[k]; k++)
    g_string_append_printf (s, "%s%s%s%s", s->len ? ", " : "", prefix, dot, t->keys[k]);
  for (guint c = 0; c < G_N_ELEMENTS (t->cmp) && t->cmp[c]; c++)
    g_string_append_printf (s, ", %s%s%s", prefix, dot, t->cmp[c]);
  return g_string_free (s, FALSE);
}

static char *
json_row (const CatalogueTable *t,
          const char           *alias)
{
  GString *s = g_string_new ("json_array(");

  for (guint c = 0; c < G_N_ELEMENTS (t->cmp) && t->cmp[c]; c++)
    g_string_append_printf (s, "%s%s.%s", c ? ", " : "", alias, t->cmp[c]);
  g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

/* Fills the new database @handle (a fresh Lapak schema) from @src: the
 * catalogue, and with @till every record of that till. */
static gboolean
copy_into_bundle (sqlite3     *handle,
                  const char  *src_path,
                  const char  *till,
                  const Mark  *since,
                  GError     **error)
{
  if (!attach (handle, src_path, "src", error))
    return FALSE;
  if (!exec_handle (handle, "BEGIN", src_path, error))
    goto fail;

  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    {
      g_autofree char *cols = column_list (&catalogue[i], NULL);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO main.\"%s\" (%s) SELECT %s FROM src.\"%s\"",
                                              catalogue[i].table, cols, cols, catalogue[i].table);

      if (!exec_handle (handle, sql, src_path, error))
        goto fail;
    }

  /* The hub's bundle says how far it holds each till's journal: a till
   * learns from it which of its records are at the hub. */
  if (till == NULL &&
      !exec_handle (handle, "INSERT INTO main.sync_till SELECT * FROM src.sync_till", src_path, error))
    goto fail;

  if (till != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (records); i++)
      {
        g_autofree char *condition = since_condition (records[i].table, since);
        g_autofree char *sql = g_strdup_printf ("INSERT INTO main.%s SELECT * FROM src.%s WHERE till_id = ?1 AND %s",
                                                records[i].table, records[i].table, condition);
        sqlite3_stmt *stmt = NULL;
        int rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);

        if (rc == SQLITE_OK)
          {
            sqlite3_bind_text (stmt, 1, till, -1, SQLITE_TRANSIENT);
            rc = sqlite3_step (stmt);
          }
        sqlite3_finalize (stmt);
        if (rc != SQLITE_DONE)
          {
            g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DATABASE,
                         _("The sync could not copy the records through %s: %s"), src_path,
                         sqlite3_errmsg (handle));
            goto fail;
          }
      }

  if (!exec_handle (handle, "COMMIT", src_path, error))
    goto fail;
  detach (handle, "src");
  return TRUE;

fail:
  if (!sqlite3_get_autocommit (handle))
    sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
  detach (handle, "src");
  return FALSE;
}

/* A Lapak database at @dir/@name holding @src's catalogue and, with
 * @till, every record of @till (past @since only, when given); returned
 * open. */
static LapakDb *
build_bundle_db (LapakDb     *src,
                 const char  *dir,
                 const char  *name,
                 const char  *owner,
                 const char  *till,
                 const Mark  *since,
                 GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(LapakDb) bundle = lapak_db_create (path, owner, error);

  if (bundle == NULL ||
      !copy_into_bundle (lapak_db_get_handle (bundle), lapak_db_get_path (src), till, since, error))
    return NULL;
  return g_steal_pointer (&bundle);
}

/* A private folder beside the database (same disk, and what a killed
 * import leaves behind is found next to the database, not in /tmp). */
static char *
make_temp_dir (LapakDb  *db,
               GError  **error)
{
  int saved_errno;
  char *dir = g_strconcat (lapak_db_get_path (db), ".sync-XXXXXX", NULL);

  if (g_mkdtemp_full (dir, 0700) != NULL)
    return dir;
  saved_errno = errno;
  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
               _("The sync needs a temporary folder beside %s and could not make one: %s. Check that the "
                 "disk is not full."),
               lapak_db_get_path (db), g_strerror (saved_errno));
  g_free (dir);
  return NULL;
}

static void
remove_temp_dir (const char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL)
    return;
  if ((d = g_dir_open (dir, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
  g_rmdir (dir);
}

/* ---------- the envelope ---------- */

typedef struct
{
  char          *event;
  char          *from;
  LapakSyncRole  role;
  int64_t        journal_seq;
  char          *journal_head;
  int64_t        exported_at;
  int            schema;
  gsize          size;
  guint8         mac[MAC_BYTES];
  const char    *body;          /* into the file's contents */
  gsize          signed_length; /* header bytes the MAC covers */
  int64_t        base_seq;      /* incremental: the entry it starts after; 0: full */
  char          *base_head;     /* incremental: that entry's hash */
} Envelope;

static void
envelope_clear (Envelope *e)
{
  g_clear_pointer (&e->event, g_free);
  g_clear_pointer (&e->from, g_free);
  g_clear_pointer (&e->journal_head, g_free);
  g_clear_pointer (&e->base_head, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Envelope, envelope_clear)

static void
compute_mac (const guint8 key[KEY_BYTES],
             const char  *header,
             gsize        header_length,
             const char  *body,
             gsize        body_length,
             guint8       out[MAC_BYTES])
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, key, KEY_BYTES, MAC_BYTES);
  crypto_generichash_update (&state, (const guint8 *)header, header_length);
  crypto_generichash_update (&state, (const guint8 *)body, body_length);
  crypto_generichash_final (&state, out, MAC_BYTES);
}

/* A header value: UTF-8 without control characters (it is shown to the
 * organiser as it is, in messages and lists). */
static gboolean
header_text_ok (const char *value)
{
  if (*value == '\0' || !g_utf8_validate (value, -1, NULL))
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if ((guchar)*p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

/* A header number: 1–18 decimal digits, nothing else. */
static gboolean
header_number (const char *value,
               int64_t    *out)
{
  gsize n = strlen (value);

  if (n == 0 || n > 18)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (value[i]))
      return FALSE;
  *out = g_ascii_strtoll (value, NULL, 10);
  return TRUE;
}

/* Reads the header of the bundle in @contents (@length bytes, not
 * necessarily NUL-terminated); @path only names it in messages. */
static gboolean
parse_envelope (const char  *path,
                const char  *contents,
                gsize        length,
                Envelope    *e,
                GError     **error)
{
  static const char * const known[] = { "event", "from", "role", "journal-seq", "journal-head", "exported-at",
                                        "schema", "size", "mac", "base-seq", "base-head" };
  const char *end;
  const char *mac_line;
  g_autofree char *header = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean have_mac = FALSE;
  guint seen = 0;
  guint n;

  if (length < strlen (BUNDLE_MAGIC_PREFIX) || memcmp (contents, BUNDLE_MAGIC_PREFIX, strlen (BUNDLE_MAGIC_PREFIX)) != 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("%s is not a Lapak sync bundle. Nothing was imported. Give the file written by "
                     "“lapakctl sync export”."),
                   path);
      return FALSE;
    }
  if (length < strlen (BUNDLE_MAGIC) + 1)
    goto damaged;
  if (memcmp (contents, BUNDLE_MAGIC "\n", strlen (BUNDLE_MAGIC) + 1) != 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_TOO_NEW,
                   _("%s is a sync bundle of a newer Lapak. Nothing was imported. Update Lapak on this machine."),
                   path);
      return FALSE;
    }

  end = g_strstr_len (contents, (gssize)MIN (length, 4096), "\n\n");
  mac_line = end ? g_strstr_len (contents, end - contents, "\nmac: ") : NULL;
  if (end == NULL || mac_line == NULL)
    goto damaged;

  header = g_strndup (contents, end - contents);
  lines = g_strsplit (header, "\n", -1);
  n = g_strv_length (lines);
  for (guint i = 1; i < n; i++)
    {
      const char *colon = strstr (lines[i], ": ");
      g_autofree char *key = NULL;
      const char *value;
      guint k;

      if (colon == NULL)
        goto damaged;
      key = g_strndup (lines[i], colon - lines[i]);
      value = colon + 2;
      /* A known key once only, its value readable; an unknown one (a later
       * version's addition, still under the MAC) is passed over. */
      for (k = 0; k < G_N_ELEMENTS (known) && !g_str_equal (key, known[k]); k++)
        ;
      if (k < G_N_ELEMENTS (known))
        {
          if ((seen & (1u << k)) != 0 || !header_text_ok (value))
            goto damaged;
          seen |= 1u << k;
        }
      if (g_str_equal (key, "event"))
        e->event = g_strdup (value);
      else if (g_str_equal (key, "from"))
        e->from = g_strdup (value);
      else if (g_str_equal (key, "role"))
        e->role = g_str_equal (value, "hub") ? LAPAK_SYNC_HUB : g_str_equal (value, "till") ? LAPAK_SYNC_TILL
                                                                                          : LAPAK_SYNC_NONE;
      else if (g_str_equal (key, "journal-seq"))
        {
          if (!header_number (value, &e->journal_seq))
            goto damaged;
        }
      else if (g_str_equal (key, "journal-head"))
        {
          if (strlen (value) != 64 || strspn (value, "0123456789abcdef") != 64)
            goto damaged;
          e->journal_head = g_strdup (value);
        }
      else if (g_str_equal (key, "base-seq"))
        {
          if (!header_number (value, &e->base_seq) || e->base_seq == 0)
            goto damaged;
        }
      else if (g_str_equal (key, "base-head"))
        {
          if (strlen (value) != 64 || strspn (value, "0123456789abcdef") != 64)
            goto damaged;
          e->base_head = g_strdup (value);
        }
      else if (g_str_equal (key, "exported-at"))
        {
          if (!header_number (value, &e->exported_at))
            goto damaged;
        }
      else if (g_str_equal (key, "schema"))
        {
          int64_t schema = 0;

          if (!header_number (value, &schema) || schema > G_MAXINT)
            goto damaged;
          e->schema = (int)schema;
        }
      else if (g_str_equal (key, "size"))
        {
          int64_t size = 0;

          if (!header_number (value, &size))
            goto damaged;
          e->size = (gsize)size;
        }
      else if (g_str_equal (key, "mac"))
        {
          size_t bin_len = 0;

          if (i != n - 1 || strlen (value) != 2 * MAC_BYTES ||
              sodium_hex2bin (e->mac, MAC_BYTES, value, strlen (value), NULL, &bin_len, NULL) != 0 ||
              bin_len != MAC_BYTES)
            goto damaged;
          have_mac = TRUE;
        }
    }

  if (!have_mac || e->event == NULL || e->from == NULL || e->role == LAPAK_SYNC_NONE ||
      e->journal_head == NULL || (seen & (1u << 7)) == 0 ||
      /* An incremental bundle: a till's, both fields, not past its end. */
      (e->base_seq > 0) != (e->base_head != NULL) ||
      (e->base_seq > 0 && (e->role != LAPAK_SYNC_TILL || e->base_seq > e->journal_seq)))
    goto damaged;

  e->body = end + 2;
  e->signed_length = (gsize)(mac_line + 1 - contents);
  if ((gsize)(contents + length - e->body) != e->size)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The bundle %s is cut short or has extra bytes (%" PRIu64 " bytes of records, "
                     "%" PRIu64 " expected): it was not copied whole. Nothing was imported. Copy it "
                     "again from the till that wrote it."),
                   path, (uint64_t)(contents + length - e->body), (uint64_t)e->size);
      return FALSE;
    }
  return TRUE;

damaged:
  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
               _("The bundle %s is damaged: its header cannot be read. Nothing was imported. Copy it "
                 "again from the till that wrote it."),
               path);
  return FALSE;
}

/**
 * lapak_sync_header_parse:
 * @name: what to call the bundle in messages (its file name)
 * @contents: the bundle's bytes (need not end with a NUL)
 * @out: (out caller-allocates): its header; clear with lapak_sync_header_clear()
 *
 * Reads a bundle's header as lapak_sync_import() does before anything else
 * (docs/sync.md, "The bundle"): the format, every field, the size of the
 * database after it. It checks neither the MAC nor the database.
 */
gboolean
lapak_sync_header_parse (const char       *name,
                         const char       *contents,
                         gsize             length,
                         LapakSyncHeader  *out,
                         GError          **error)
{
  g_auto(Envelope) e = { 0 };

  g_return_val_if_fail (contents != NULL || length == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (!parse_envelope (name, contents != NULL ? contents : "", length, &e, error))
    return FALSE;
  out->event = g_steal_pointer (&e.event);
  out->from = g_steal_pointer (&e.from);
  out->role = e.role;
  out->journal_seq = e.journal_seq;
  out->journal_head = g_steal_pointer (&e.journal_head);
  out->exported_at = e.exported_at;
  out->schema = e.schema;
  out->size = e.size;
  out->mac = bytes_to_hex (e.mac, MAC_BYTES);
  out->header_length = (gsize)(e.body - contents);
  out->base_seq = e.base_seq;
  return TRUE;
}

void
lapak_sync_header_clear (LapakSyncHeader *header)
{
  g_clear_pointer (&header->event, g_free);
  g_clear_pointer (&header->from, g_free);
  g_clear_pointer (&header->journal_head, g_free);
  g_clear_pointer (&header->mac, g_free);
}

/* ---------- export ---------- */

static gboolean
journal_head_of (LapakDb     *db,
                 const char  *till,
                 int64_t     *out_seq,
                 char       **out_head,
                 GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  if (!(stmt = lapak_db_prepare (db, "SELECT seq, hash FROM journal WHERE till_id = ?1 ORDER BY seq DESC LIMIT 1",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, till);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  *out_seq = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  *out_head = g_strdup (rc == SQLITE_ROW ? lapak_stmt_text (stmt, 1)
                                         : "0000000000000000000000000000000000000000000000000000000000000000");
  return TRUE;
}

/* The highest seq of each mark table in @bundle (a bundle database being
 * written), at least @base's. */
static gboolean
bundle_mark (LapakDb     *bundle,
             const char  *till,
             const Mark  *base,
             Mark        *out,
             GError     **error)
{
  for (guint k = 0; k < N_MARKS; k++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT COALESCE(MAX(seq), 0) FROM %s WHERE till_id = ?1",
                                              mark_tables[k]);
      g_auto(LapakStmt) stmt = NULL;

      if (!(stmt = lapak_db_prepare (bundle, sql, error)))
        return FALSE;
      lapak_stmt_bind_text (stmt, 1, till);
      if (lapak_db_step (bundle, stmt, error) != SQLITE_ROW)
        return FALSE;
      out->max[k] = MAX (sqlite3_column_int64 (stmt, 0), base != NULL ? base->max[k] : 0);
    }
  return TRUE;
}

/* The hash of @till's journal entry @seq here, or NULL. */
static char *
journal_hash_at (LapakDb     *db,
                 const char  *till,
                 int64_t      seq,
                 GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  if (!(stmt = lapak_db_prepare (db, "SELECT hash FROM journal WHERE till_id = ?1 AND seq = ?2", error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, till);
  sqlite3_bind_int64 (stmt, 2, seq);
  rc = lapak_db_step (db, stmt, error);
  return rc == SQLITE_ROW ? g_strdup (lapak_stmt_text (stmt, 0)) : NULL;
}

static char *
mark_to_text (const Mark *m)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%" G_GINT64_FORMAT, (gint64)m->journal);
  for (guint k = 0; k < N_MARKS; k++)
    g_string_append_printf (text, " %" G_GINT64_FORMAT, (gint64)m->max[k]);
  return g_string_free (text, FALSE);
}

static gboolean
export_bundle (LapakDb     *db,
               const char  *path,
               gboolean     incremental,
               int64_t     *out_entries,
               int64_t     *out_base,
               char       **out_mark,     /* NULL: note the mark now */
               GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *head = NULL;
  g_autofree char *base_head = NULL;
  g_autofree char *bundle_path = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) out = NULL;
  LapakSyncInfo info = { 0 };
  guint8 key[KEY_BYTES];
  guint8 mac[MAC_BYTES];
  g_autofree char *mac_hex = NULL;
  const char *till = lapak_db_get_till_id (db);
  Mark base = { 0 };
  Mark mark = { 0 };
  gboolean have_base = FALSE;
  int64_t seq = 0;
  gsize size = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!ensure_sodium (error) || !lapak_sync_get_info (db, &info, error))
    return FALSE;
  /* Not paired: load_key() says how to pair. */
  if (!load_key (db, key, error))
    goto out;

  /* Incremental: past what the hub acknowledged, when this till knows what
   * its bundle ending there held; else the whole history. */
  if (incremental && info.role == LAPAK_SYNC_TILL)
    {
      g_autofree char *acked = lapak_db_get_meta (db, META_ACKED, NULL);
      int64_t acked_seq = acked != NULL ? g_ascii_strtoll (acked, NULL, 10) : 0;

      if (acked_seq > 0 && mark_find (db, acked_seq, &base) &&
          (base_head = journal_hash_at (db, till, acked_seq, error)) != NULL)
        have_base = TRUE;
      else if (error != NULL && *error != NULL)
        goto out;
    }

  if (!(dir = make_temp_dir (db, error)))
    goto out;

  {
    g_autoptr(LapakDb) bundle = build_bundle_db (db, dir, "bundle.db", till,
                                                 info.role == LAPAK_SYNC_TILL ? till : NULL,
                                                 have_base ? &base : NULL, error);

    if (bundle == NULL)
      goto out;
    bundle_path = g_strdup (lapak_db_get_path (bundle));
    /* The header says what the bundle holds, read from the bundle itself
     * (a sale made meanwhile is in both or in neither). */
    if (!journal_head_of (bundle, till, &seq, &head, error))
      goto out;
    if (have_base && seq == 0)
      {
        seq = base.journal;
        g_free (head);
        head = g_strdup (base_head);
      }
    mark.journal = seq;
    if (info.role == LAPAK_SYNC_TILL && !bundle_mark (bundle, till, have_base ? &base : NULL, &mark, error))
      goto out;
    /* One self-contained file: no WAL beside it. */
    if (!lapak_db_exec (bundle, "PRAGMA journal_mode = DELETE", error))
      goto out;
  }

  if (!g_file_get_contents (bundle_path, &body, &size, &local_error))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO, _("Cannot read the bundle being written: %s"),
                   local_error->message);
      goto out;
    }

  out = g_string_new (BUNDLE_MAGIC "\n");
  g_string_append_printf (out, "event: %s\n", info.event);
  g_string_append_printf (out, "from: %s\n", till);
  g_string_append_printf (out, "role: %s\n", role_to_string (info.role));
  g_string_append_printf (out, "journal-seq: %" G_GINT64_FORMAT "\n",
                          info.role == LAPAK_SYNC_TILL ? (gint64)seq : (gint64)0);
  g_string_append_printf (out, "journal-head: %s\n",
                          info.role == LAPAK_SYNC_TILL ? head
                          : "0000000000000000000000000000000000000000000000000000000000000000");
  if (have_base)
    {
      g_string_append_printf (out, "base-seq: %" G_GINT64_FORMAT "\n", (gint64)base.journal);
      g_string_append_printf (out, "base-head: %s\n", base_head);
    }
  g_string_append_printf (out, "exported-at: %" G_GINT64_FORMAT "\n", (gint64)lapak_db_now ());
  g_string_append_printf (out, "schema: %d\n", lapak_db_schema_version ());
  g_string_append_printf (out, "size: %" G_GSIZE_FORMAT "\n", size);
  compute_mac (key, out->str, out->len, body, size, mac);
  mac_hex = bytes_to_hex (mac, MAC_BYTES);
  g_string_append_printf (out, "mac: %s\n\n", mac_hex);
  g_string_append_len (out, body, (gssize)size);

  if (!g_file_set_contents (path, out->str, (gssize)out->len, &local_error))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                   _("Cannot write the bundle to %s: %s. Nothing was written; check the USB drive "
                     "or the folder and try again."),
                   path, local_error->message);
      goto out;
    }
  /* What this bundle held, for the next incremental one: now (a file may
   * reach the hub any time), or once it was sent. */
  if (out_mark != NULL)
    *out_mark = info.role == LAPAK_SYNC_TILL ? mark_to_text (&mark) : NULL;
  else if (info.role == LAPAK_SYNC_TILL && !mark_save (db, &mark, error))
    goto out;

  if (out_entries != NULL)
    *out_entries = info.role == LAPAK_SYNC_TILL ? seq : 0;
  if (out_base != NULL)
    *out_base = have_base ? base.journal : 0;
  ok = TRUE;

out:
  sodium_memzero (key, sizeof key);
  lapak_sync_info_clear (&info);
  remove_temp_dir (dir);
  return ok;
}

/**
 * lapak_sync_export:
 * @out_entries: (out) (optional): the journal entries the bundle holds
 *
 * Writes this till's bundle to @path (a till: the catalogue and all its
 * records; the hub: the catalogue), authenticated with the event key.
 * Written to a temporary file and renamed: a reader never sees half.
 */
gboolean
lapak_sync_export (LapakDb     *db,
                   const char  *path,
                   int64_t     *out_entries,
                   GError     **error)
{
  return export_bundle (db, path, FALSE, out_entries, NULL, NULL, error);
}

/**
 * lapak_sync_export_for_hub:
 * @incremental: only what the hub does not hold yet, when that is known
 * @out_base: (out) (optional): the entry the bundle starts after; 0: a full bundle
 * @out_mark: (out): what the bundle holds; give it to lapak_sync_mark_sent()
 *   once the hub took the bundle (NULL from a hub)
 *
 * A till's bundle for its hub over the LAN. Incremental: the records past
 * the hub's acknowledged journal entry (the hub's bundle imported last),
 * anchored on that entry's hash, and the catalogue; a full bundle when the
 * hub acknowledged nothing, or this till does not know what its bundle
 * ending there held. A hub that does not hold that entry refuses it whole
 * (then send a full one). Nothing is written to this database.
 */
gboolean
lapak_sync_export_for_hub (LapakDb     *db,
                           const char  *path,
                           gboolean     incremental,
                           int64_t     *out_base,
                           char       **out_mark,
                           GError     **error)
{
  g_return_val_if_fail (out_mark != NULL, FALSE);
  return export_bundle (db, path, incremental, NULL, out_base, out_mark, error);
}

/**
 * lapak_sync_mark_sent:
 * @mark: what lapak_sync_export_for_hub() gave
 *
 * The hub took that bundle: the next incremental one can start where it
 * ended, once the hub acknowledges it.
 */
gboolean
lapak_sync_mark_sent (LapakDb     *db,
                      const char  *mark,
                      GError     **error)
{
  g_auto(GStrv) f = g_strsplit (mark != NULL ? mark : "", " ", -1);
  Mark m = { 0 };

  if (g_strv_length (f) != 1 + N_MARKS)
    return TRUE;
  m.journal = g_ascii_strtoll (f[0], NULL, 10);
  for (guint k = 0; k < N_MARKS; k++)
    m.max[k] = g_ascii_strtoll (f[k + 1], NULL, 10);
  return mark_save (db, &m, error);
}

/* ---------- import ---------- */

typedef struct
{
  LapakSyncRole     self_role;
  const char       *self;
  const Envelope   *envelope;
  LapakSyncResult  *result;
  gboolean          catalogue_stale;  /* an older hub bundle than one merged */
} Merge;

typedef struct
{
  char    *key_text;
  char    *k1;
  char    *k2;
  char    *theirs;
  char    *ours;       /* NULL: not here */
  int64_t  created;
} Diff;

static void
diff_free (gpointer data)
{
  Diff *d = data;

  g_free (d->key_text);
  g_free (d->k1);
  g_free (d->k2);
  g_free (d->theirs);
  g_free (d->ours);
  g_free (d);
}

static char *
key_match (const CatalogueTable *t,
           const char           *alias)
{
  const char *prefix = alias ? alias : "";
  const char *dot = alias ? "." : "";

  if (t->keys[1] == NULL)
    return g_strdup_printf ("%s%s%s = ?1", prefix, dot, t->keys[0]);
  return g_strdup_printf ("%s%s%s = ?1 AND %s%s%s = ?2", prefix, dot, t->keys[0], prefix, dot, t->keys[1]);
}

static gboolean
run_keyed (LapakDb     *db,
           const char  *sql,
           const Diff  *d,
           GError     **error)
{
  g_auto(LapakStmt) stmt = NULL;

  if (!(stmt = lapak_db_prepare (db, sql, error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, d->k1);
  if (d->k2 != NULL)
    lapak_stmt_bind_text (stmt, 2, d->k2);
  return lapak_db_step (db, stmt, error) == SQLITE_DONE;
}

static gboolean
set_origin (LapakDb               *db,
            const CatalogueTable  *t,
            const Diff            *d,
            const char            *till,
            GError               **error)
{
  g_auto(LapakStmt) stmt = NULL;

  if (!(stmt = lapak_db_prepare (db,
                                 "INSERT INTO sync_origin (tbl, key, till_id, created_at, row) VALUES (?1, ?2, ?3, ?4, ?5) "
                                 "ON CONFLICT (tbl, key) DO UPDATE SET till_id = excluded.till_id, "
                                 "created_at = excluded.created_at, row = excluded.row",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, t->table);
  lapak_stmt_bind_text (stmt, 2, d->key_text);
  lapak_stmt_bind_text (stmt, 3, till);
  sqlite3_bind_int64 (stmt, 4, d->created);
  lapak_stmt_bind_text (stmt, 5, d->theirs);
  return lapak_db_step (db, stmt, error) == SQLITE_DONE;
}

static gboolean
record_conflict (LapakDb               *db,
                 Merge                 *m,
                 const CatalogueTable  *t,
                 const Diff            *d,
                 const char            *loser,
                 const char            *lost,
                 const char            *kept,
                 GError               **error)
{
  g_auto(LapakStmt) stmt = NULL;
  LapakSyncConflict *c;

  if (!(stmt = lapak_db_prepare (db,
                                 "INSERT INTO sync_conflict (tbl, key, till_id, lost, kept, at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, t->table);
  lapak_stmt_bind_text (stmt, 2, d->key_text);
  lapak_stmt_bind_text (stmt, 3, loser);
  lapak_stmt_bind_text (stmt, 4, lost);
  lapak_stmt_bind_text (stmt, 5, kept);
  sqlite3_bind_int64 (stmt, 6, lapak_db_now ());
  if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
    return FALSE;

  c = g_new0 (LapakSyncConflict, 1);
  c->table = g_strdup (t->table);
  c->key = g_strdup (d->key_text);
  c->till = g_strdup (loser);
  c->lost = g_strdup (lost);
  c->kept = g_strdup (kept);
  g_ptr_array_add (m->result->conflicts, c);
  return TRUE;
}

/* A product's barcode and (tenant, SKU) are unique too. When the product
 * being merged has one that another product here (another code) already
 * has, the side that wins by the rule keeps it and the other loses it:
 * at the hub the product here keeps it and the till's arrives without it;
 * at a till the hub's product takes it from the till's own. Reported. */
static gboolean
clear_product_collisions (LapakDb               *db,
                          Merge                 *m,
                          const CatalogueTable  *t,
                          Diff                  *d,
                          GError               **error)
{
  static const char *columns[] = { "barcode", "sku" };

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      const char *col = columns[c];
      g_autofree char *same = g_strdup_printf ("x.%s = b.%s%s", col, col,
                                               g_str_equal (col, "sku") ? " AND x.tenant_code = b.tenant_code" : "");
      g_autofree char *find = g_strdup_printf ("SELECT x.code, json_array(x.tenant_code, x.serial, x.sku, x.name, x.price, "
                                               "x.barcode, x.status, x.created_at) "
                                               "FROM main.product x JOIN bundle.product b ON b.code = ?1 "
                                               "WHERE x.code <> ?1 AND b.%s IS NOT NULL AND %s",
                                               col, same);
      g_auto(LapakStmt) stmt = NULL;
      g_autofree char *other = NULL;
      g_autofree char *other_row = NULL;
      int rc;

      if (!(stmt = lapak_db_prepare (db, find, error)))
        return FALSE;
      lapak_stmt_bind_text (stmt, 1, d->k1);
      rc = lapak_db_step (db, stmt, error);
      if (rc < 0)
        return FALSE;
      if (rc == SQLITE_DONE)
        continue;
      other = g_strdup (lapak_stmt_text (stmt, 0));
      other_row = g_strdup (lapak_stmt_text (stmt, 1));
      lapak_stmt_release (g_steal_pointer (&stmt));

      if (m->self_role == LAPAK_SYNC_HUB)
        {
          /* The till's product arrives without the value (the bundle here
           * is this import's own scratch copy). */
          g_autofree char *clear = g_strdup_printf ("UPDATE bundle.product SET %s = NULL WHERE code = ?1", col);
          g_autofree char *now = NULL;
          g_autofree char *theirs = json_row (t, "b");
          g_autofree char *reread = g_strdup_printf ("SELECT %s FROM bundle.product b WHERE b.code = ?1", theirs);
          g_autofree char *lost = g_strdup (d->theirs);

          if (!(stmt = lapak_db_prepare (db, clear, error)))
            return FALSE;
          lapak_stmt_bind_text (stmt, 1, d->k1);
          if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
            return FALSE;
          lapak_stmt_release (g_steal_pointer (&stmt));
          if (!(stmt = lapak_db_prepare (db, reread, error)))
            return FALSE;
          lapak_stmt_bind_text (stmt, 1, d->k1);
          if (lapak_db_step (db, stmt, error) != SQLITE_ROW)
            return FALSE;
          now = g_strdup (lapak_stmt_text (stmt, 0));
          lapak_stmt_release (g_steal_pointer (&stmt));
          g_free (d->theirs);
          d->theirs = g_strdup (now);
          if (!record_conflict (db, m, t, d, m->envelope->from, lost, other_row, error))
            return FALSE;
        }
      else
        {
          /* The till's own product gives the value up to the hub's. */
          g_autofree char *clear = g_strdup_printf ("UPDATE main.product SET %s = NULL WHERE code = ?1", col);
          Diff mine = { other, other, NULL, NULL, NULL, 0 };

          if (!(stmt = lapak_db_prepare (db, clear, error)))
            return FALSE;
          lapak_stmt_bind_text (stmt, 1, other);
          if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
            return FALSE;
          if (!record_conflict (db, m, t, &mine, m->self, other_row, d->theirs, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
merge_catalogue_table (LapakDb               *db,
                       Merge                 *m,
                       const CatalogueTable  *t,
                       GError               **error)
{
  const char *from = m->envelope->from;
  g_autoptr(GPtrArray) diffs = g_ptr_array_new_with_free_func (diff_free);
  g_autofree char *theirs = json_row (t, "b");
  g_autofree char *ours = json_row (t, "h");
  g_autofree char *cols = column_list (t, NULL);
  g_autofree char *bcols = column_list (t, "b");
  g_autofree char *match = key_match (t, NULL);
  g_autofree char *bmatch = key_match (t, "b");
  g_autofree char *cmp_cols = NULL;
  g_autofree char *diff_sql = NULL;
  g_autofree char *key_text = NULL;
  g_autofree char *key2 = NULL;
  g_autofree char *insert_sql = NULL;
  g_autofree char *update_sql = NULL;
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  {
    GString *s = g_string_new (NULL);

    for (guint c = 0; c < G_N_ELEMENTS (t->cmp) && t->cmp[c]; c++)
      g_string_append_printf (s, "%s%s", c ? ", " : "", t->cmp[c]);
    cmp_cols = g_string_free (s, FALSE);
  }

  key_text = t->keys[1] ? g_strdup_printf ("b.%s || ' ' || b.%s", t->keys[0], t->keys[1])
                        : g_strdup_printf ("b.%s", t->keys[0]);
  key2 = t->keys[1] ? g_strdup_printf ("b.%s", t->keys[1]) : g_strdup ("NULL");
  diff_sql = g_strdup_printf ("SELECT %s, b.%s, %s, %s, CASE WHEN h.%s IS NULL THEN NULL ELSE %s END, b.%s "
                              "FROM bundle.\"%s\" b LEFT JOIN main.\"%s\" h ON h.%s = b.%s%s%s%s%s "
                              "WHERE h.%s IS NULL OR %s IS NOT %s ORDER BY 1",
                              key_text, t->keys[0], key2,
                              theirs, t->keys[0], ours, t->created,
                              t->table, t->table, t->keys[0], t->keys[0],
                              t->keys[1] ? " AND h." : "", t->keys[1] ? t->keys[1] : "",
                              t->keys[1] ? " = b." : "", t->keys[1] ? t->keys[1] : "",
                              t->keys[0], ours, theirs);
  if (!(stmt = lapak_db_prepare (db, diff_sql, error)))
    return FALSE;
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      Diff *d = g_new0 (Diff, 1);

      d->key_text = g_strdup (lapak_stmt_text (stmt, 0));
      d->k1 = g_strdup (lapak_stmt_text (stmt, 1));
      d->k2 = g_strdup (lapak_stmt_text (stmt, 2));
      d->theirs = g_strdup (lapak_stmt_text (stmt, 3));
      d->ours = g_strdup (lapak_stmt_text (stmt, 4));
      d->created = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (diffs, d);
    }
  if (rc < 0)
    return FALSE;
  lapak_stmt_release (g_steal_pointer (&stmt));

  insert_sql = g_strdup_printf ("INSERT INTO main.\"%s\" (%s) SELECT %s FROM bundle.\"%s\" b WHERE %s",
                                t->table, cols, bcols, t->table, bmatch);
  update_sql = g_strdup_printf ("UPDATE main.\"%s\" SET (%s) = (SELECT %s FROM bundle.\"%s\" b WHERE %s) WHERE %s",
                                t->table, cmp_cols, cmp_cols, t->table, bmatch, match);

  for (guint i = 0; i < diffs->len; i++)
    {
      Diff *d = g_ptr_array_index (diffs, i);
      g_autofree char *origin_till = NULL;
      g_autofree char *origin_row = NULL;
      int64_t origin_created = 0;

      if (g_str_equal (t->table, "product") &&
          (d->ours == NULL || (m->self_role == LAPAK_SYNC_TILL && !m->catalogue_stale)) &&
          !clear_product_collisions (db, m, t, d, error))
        return FALSE;

      if (d->ours == NULL)
        {
          if (!run_keyed (db, insert_sql, d, error) || !set_origin (db, t, d, from, error))
            return FALSE;
          m->result->catalogue_added++;
          continue;
        }

      if (!(stmt = lapak_db_prepare (db, "SELECT till_id, created_at, row FROM sync_origin WHERE tbl = ?1 AND key = ?2",
                                     error)))
        return FALSE;
      lapak_stmt_bind_text (stmt, 1, t->table);
      lapak_stmt_bind_text (stmt, 2, d->key_text);
      rc = lapak_db_step (db, stmt, error);
      if (rc < 0)
        return FALSE;
      if (rc == SQLITE_ROW)
        {
          origin_till = g_strdup (lapak_stmt_text (stmt, 0));
          origin_created = sqlite3_column_int64 (stmt, 1);
          origin_row = g_strdup (lapak_stmt_text (stmt, 2));
        }
      lapak_stmt_release (g_steal_pointer (&stmt));

      if (m->self_role == LAPAK_SYNC_TILL)
        {
          /* At a till the hub's catalogue wins; a row the till had changed
           * (or made) is a conflict, a row as the hub last sent it is
           * simply brought up to date. */
          if (m->catalogue_stale)
            continue;
          if (!run_keyed (db, update_sql, d, error) || !set_origin (db, t, d, from, error))
            return FALSE;
          m->result->catalogue_updated++;
          if ((origin_row == NULL || g_strcmp0 (origin_row, d->ours) != 0) &&
              !record_conflict (db, m, t, d, m->self, d->ours, d->theirs, error))
            return FALSE;
          continue;
        }

      /* At the hub: its own rows (none came from a till, or it changed
       * them since) win; among versions first made at tills, the earliest
       * made, then the lowest till id, then the lowest text wins. */
      if (origin_row == NULL || g_strcmp0 (origin_row, d->ours) != 0)
        {
          if (!record_conflict (db, m, t, d, from, d->theirs, d->ours, error))
            return FALSE;
        }
      else if (d->created < origin_created ||
               (d->created == origin_created &&
                (strcmp (from, origin_till) < 0 ||
                 (strcmp (from, origin_till) == 0 && strcmp (d->theirs, d->ours) < 0))))
        {
          if (g_str_equal (t->table, "product") && !clear_product_collisions (db, m, t, d, error))
            return FALSE;
          if (!run_keyed (db, update_sql, d, error) || !set_origin (db, t, d, from, error) ||
              !record_conflict (db, m, t, d, origin_till, d->ours, d->theirs, error))
            return FALSE;
          m->result->catalogue_updated++;
        }
      else if (!record_conflict (db, m, t, d, from, d->theirs, d->ours, error))
        return FALSE;
    }
  return TRUE;
}

/* The till's journal in the bundle must continue the one held here: at the
 * last entry both have, the same hash (the chain then makes every earlier
 * entry the same). */
static gboolean
check_continuity (LapakDb      *db,
                  const Merge  *m,
                  GError      **error)
{
  const char *from = m->envelope->from;
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT h.seq, h.hash, b.hash FROM main.journal h "
                                 "JOIN bundle.journal b ON b.till_id = h.till_id AND b.seq = h.seq "
                                 "WHERE h.till_id = ?1 ORDER BY h.seq DESC LIMIT 1",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, from);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW && g_strcmp0 (lapak_stmt_text (stmt, 1), lapak_stmt_text (stmt, 2)) != 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("The bundle from till %s does not continue the journal already here from that till: "
                     "entry %" PRId64 " differs between them. The till's database was replaced or restored from an "
                     "older copy, or two tills use the id %s. Nothing was imported; check the till before "
                     "importing its bundles again."),
                   from, (int64_t)sqlite3_column_int64 (stmt, 0), from);
      return FALSE;
    }
  return TRUE;
}

static gboolean
merge_records (LapakDb  *db,
               Merge    *m,
               GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO main.%s SELECT * FROM bundle.%s WHERE till_id = ?1 "
                                              "ON CONFLICT %s",
                                              records[i].table, records[i].table, records[i].on_conflict);
      g_auto(LapakStmt) stmt = NULL;

      if (!(stmt = lapak_db_prepare (db, sql, error)))
        return FALSE;
      lapak_stmt_bind_text (stmt, 1, m->envelope->from);
      if (lapak_db_step (db, stmt, error) != SQLITE_DONE)
        return FALSE;
      if (g_str_equal (records[i].table, "journal"))
        m->result->new_entries = sqlite3_changes (lapak_db_get_handle (db));
      else if (g_str_equal (records[i].table, "sale"))
        m->result->new_sales = sqlite3_changes (lapak_db_get_handle (db));
    }
  return TRUE;
}

/* What is held here of the till: the newest bundle's journal end and time
 * win (MAX), whatever the order the bundles came in. */
static gboolean
note_till (LapakDb  *db,
           Merge    *m,
           GError  **error)
{
  g_auto(LapakStmt) stmt = NULL;
  const Envelope *e = m->envelope;

  if (!(stmt = lapak_db_prepare (db,
                                 "INSERT INTO sync_till (till_id, journal_seq, journal_head, exported_at, imported_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (till_id) DO UPDATE SET "
                                 "journal_head = CASE WHEN excluded.journal_seq > journal_seq THEN excluded.journal_head "
                                 "  ELSE journal_head END, "
                                 "journal_seq = MAX(journal_seq, excluded.journal_seq), "
                                 "imported_at = CASE WHEN excluded.exported_at > exported_at "
                                 "  OR excluded.journal_seq > journal_seq THEN excluded.imported_at ELSE imported_at END, "
                                 "exported_at = MAX(exported_at, excluded.exported_at)",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, e->from);
  sqlite3_bind_int64 (stmt, 2, e->journal_seq);
  lapak_stmt_bind_text (stmt, 3, e->journal_head);
  sqlite3_bind_int64 (stmt, 4, e->exported_at);
  sqlite3_bind_int64 (stmt, 5, lapak_db_now ());
  return lapak_db_step (db, stmt, error) == SQLITE_DONE;
}

/* At a till, importing its hub's bundle: how far the hub holds this
 * till's journal (its sync_till row for us), counted only when the hub's
 * head at that entry is ours — then every entry up to it is at the hub
 * (the chain). Kept as a maximum, with the time of this sync. */
static gboolean
note_acknowledged (LapakDb  *db,
                   Merge    *m,
                   GError  **error)
{
  g_auto(LapakStmt) stmt = NULL;
  g_autofree char *acked_text = lapak_db_get_meta (db, META_ACKED, NULL);
  g_autofree char *now_text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)lapak_db_now ());
  int64_t acked = acked_text != NULL ? g_ascii_strtoll (acked_text, NULL, 10) : 0;
  int rc;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT t.journal_seq FROM bundle.sync_till t "
                                 "JOIN main.journal j ON j.till_id = t.till_id AND j.seq = t.journal_seq "
                                 "  AND j.hash = t.journal_head "
                                 "WHERE t.till_id = ?1",
                                 error)))
    return FALSE;
  lapak_stmt_bind_text (stmt, 1, m->self);
  rc = lapak_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > acked)
    {
      g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, 0));

      if (!lapak_db_set_meta (db, META_ACKED, seq_text, error))
        return FALSE;
    }
  return lapak_db_set_meta (db, META_SYNCED_AT, now_text, error);
}

static gboolean
merge_txn (LapakDb  *db,
           gpointer  user_data,
           GError  **error)
{
  Merge *m = user_data;

  if (m->self_role == LAPAK_SYNC_TILL)
    {
      g_auto(LapakStmt) stmt = NULL;
      int rc;

      /* A hub bundle older than one already merged brings nothing newer. */
      if (!(stmt = lapak_db_prepare (db, "SELECT exported_at FROM sync_till WHERE till_id = ?1", error)))
        return FALSE;
      lapak_stmt_bind_text (stmt, 1, m->envelope->from);
      rc = lapak_db_step (db, stmt, error);
      if (rc < 0)
        return FALSE;
      m->catalogue_stale = rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > m->envelope->exported_at;
    }
  else if (!check_continuity (db, m, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    {
      /* Users (and their roles and PINs) only ever come from the hub: a
       * till's own users stay on that till, so no till can make itself an
       * organiser at the hub. */
      if (m->self_role == LAPAK_SYNC_HUB && g_str_equal (catalogue[i].table, "user"))
        continue;
      if (!merge_catalogue_table (db, m, &catalogue[i], error))
        return FALSE;
    }

  if (m->self_role == LAPAK_SYNC_HUB && !merge_records (db, m, error))
    return FALSE;

  if (m->self_role == LAPAK_SYNC_TILL && !note_acknowledged (db, m, error))
    return FALSE;

  if (m->self_role == LAPAK_SYNC_TILL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *active = lapak_db_get_meta (db, "active_event", &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (active == NULL)
        {
          g_auto(LapakStmt) stmt = NULL;
          int rc;

          if (!(stmt = lapak_db_prepare (db, "SELECT 1 FROM event WHERE code = ?1", error)))
            return FALSE;
          lapak_stmt_bind_text (stmt, 1, m->envelope->event);
          rc = lapak_db_step (db, stmt, error);
          if (rc < 0)
            return FALSE;
          if (rc == SQLITE_ROW && !lapak_db_set_meta (db, "active_event", m->envelope->event, error))
            return FALSE;
        }
    }

  return note_till (db, m, error);
}

/* Steps 1 and 2: the envelope and its MAC, then the journal inside. */
static gboolean
check_envelope (LapakDb         *db,
                const char      *path,
                const char      *contents,
                const Envelope  *e,
                LapakSyncInfo   *info,
                GError         **error)
{
  const char *self = lapak_db_get_till_id (db);
  guint8 key[KEY_BYTES];
  guint8 mac[MAC_BYTES];
  gboolean mac_ok;

  if (g_str_equal (e->from, self))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("The bundle %s was written by this till itself (%s). Nothing was imported: import it on "
                     "the hub."),
                   path, self);
      return FALSE;
    }
  if (g_strcmp0 (e->event, info->event) != 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                   _("The bundle %s is for event %s, but this till is paired for event %s. Nothing was "
                     "imported."),
                   path, e->event, info->event);
      return FALSE;
    }
  if (info->role == LAPAK_SYNC_HUB && e->role != LAPAK_SYNC_TILL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                   _("The bundle %s comes from another hub (%s); this is the hub of event %s. Nothing was "
                     "imported."),
                   path, e->from, info->event);
      return FALSE;
    }
  if (info->role == LAPAK_SYNC_TILL && (e->role != LAPAK_SYNC_HUB || g_strcmp0 (e->from, info->hub) != 0))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                   _("The bundle %s comes from till %s, not from this till's hub %s: a till imports only "
                     "its hub's bundles. Nothing was imported; import it on the hub."),
                   path, e->from, info->hub);
      return FALSE;
    }

  if (!load_key (db, key, error))
    return FALSE;
  compute_mac (key, contents, e->signed_length, e->body, e->size, mac);
  sodium_memzero (key, sizeof key);
  mac_ok = sodium_memcmp (mac, e->mac, MAC_BYTES) == 0;
  if (!mac_ok)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                   _("The bundle %s (from till %s) fails its authentication: it was changed after it was "
                     "written, or it was made with another event key (a till not paired with this hub). "
                     "Nothing was imported."),
                   path, e->from);
      return FALSE;
    }
  if (e->schema > lapak_db_schema_version ())
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_TOO_NEW,
                   _("The bundle %s was written by a newer Lapak (database version %d; this one knows up to "
                     "%d). Nothing was imported. Update Lapak on this machine."),
                   path, e->schema, lapak_db_schema_version ());
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_journal (const char      *path,
               LapakDb         *bundle,
               const Envelope  *e,
               GError         **error)
{
  g_autoptr(LapakJournalReport) report = NULL;

  if (g_strcmp0 (lapak_db_get_till_id (bundle), e->from) != 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The bundle %s says it comes from till %s but holds till %s's database. Nothing was "
                     "imported."),
                   path, e->from, lapak_db_get_till_id (bundle));
      return FALSE;
    }
  if (!(report = lapak_journal_verify (bundle, error)))
    return FALSE;
  if (!report->ok)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The bundle %s from till %s was refused whole, nothing was imported: the till's journal "
                     "in it is broken: %s Check that till with “lapakctl journal verify”."),
                   path, e->from, report->problem);
      return FALSE;
    }
  if (report->n_entries != e->journal_seq || g_strcmp0 (report->head, e->journal_head) != 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The bundle %s from till %s was refused whole, nothing was imported: its header names "
                     "%" PRId64 " journal entries, its records hold %" PRId64 "."),
                   path, e->from, e->journal_seq, report->n_entries);
      return FALSE;
    }
  return TRUE;
}

/* An incremental bundle of till @e->from starts after its entry
 * @e->base_seq: the hub must hold that entry, with the same hash. */
static gboolean
check_base (LapakDb         *db,
            const char      *path,
            const Envelope  *e,
            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *held = journal_hash_at (db, e->from, e->base_seq, &local_error);
  g_autofree char *head = NULL;
  int64_t held_seq = 0;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (held == NULL)
    {
      if (!journal_head_of (db, e->from, &held_seq, &head, error))
        return FALSE;
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("The bundle %s from till %s carries only its journal entries after entry %" PRId64 ", but "
                     "this hub holds that till's journal only up to entry %" PRId64 ". Nothing was imported. "
                     "Push again from the till (it then sends its whole history), or import a full bundle "
                     "(lapakctl sync export at the till)."),
                   path, e->from, e->base_seq, held_seq);
      return FALSE;
    }
  if (!g_str_equal (held, e->base_head))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("The bundle from till %s does not continue the journal already here from that till: "
                     "entry %" PRId64 " differs between them. The till's database was replaced or restored from an "
                     "older copy, or two tills use the id %s. Nothing was imported; check the till before "
                     "importing its bundles again."),
                   e->from, e->base_seq, e->from);
      return FALSE;
    }
  return TRUE;
}

/* The columns of @table in @db but @except, as a list for SQL. */
static char *
columns_but (LapakDb            *db,
             const char         *table,
             const char * const *except,
             GError            **error)
{
  g_auto(LapakStmt) stmt = NULL;
  GString *list = g_string_new (NULL);
  int rc;

  if (!(stmt = lapak_db_prepare (db, "SELECT name FROM pragma_table_info (?1) ORDER BY cid", error)))
    return g_string_free (list, TRUE), NULL;
  lapak_stmt_bind_text (stmt, 1, table);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      const char *name = lapak_stmt_text (stmt, 0);

      if (except != NULL && g_strv_contains (except, name))
        continue;
      g_string_append_printf (list, "%s\"%s\"", list->len ? ", " : "", name);
    }
  if (rc < 0)
    return g_string_free (list, TRUE), NULL;
  return g_string_free (list, FALSE);
}

/* Step 2 of an incremental bundle: what the hub will hold of the till
 * after the merge — its records held here and the bundle's, merged by the
 * same rules — in a scratch database, verified by lapak_journal_verify()
 * from the till's first entry; entry @e->journal_seq must be the header's
 * head. A record of the bundle that differs from the one held here (an
 * older record edited) refuses it too. */
static gboolean
check_increment (LapakDb         *db,
                 const char      *dir,
                 const char      *path,
                 LapakDb         *bundle,
                 const Envelope  *e,
                 GError         **error)
{
  static const char * const shift_once[] = { "closed_at", "counted", "expected", "z_number", "close_forced",
                                             "close_forced_by", NULL };
  static const char * const entry_once[] = { "settlement", NULL };
  g_autoptr(LapakDb) scratch = NULL;
  g_autoptr(LapakJournalReport) report = NULL;
  g_autofree char *head = NULL;
  sqlite3 *handle;

  if (g_strcmp0 (lapak_db_get_till_id (bundle), e->from) != 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The bundle %s says it comes from till %s but holds till %s's database. Nothing was "
                     "imported."),
                   path, e->from, lapak_db_get_till_id (bundle));
      return FALSE;
    }
  if (!(scratch = build_bundle_db (db, dir, "verify.db", e->from, e->from, NULL, error)) ||
      !lapak_db_exec (scratch, "PRAGMA foreign_keys = OFF", error) ||
      !lapak_db_exec (scratch, "PRAGMA cache_size = -65536", error))
    return FALSE;
  handle = lapak_db_get_handle (scratch);
  if (!attach (handle, lapak_db_get_path (bundle), "inc", error))
    return FALSE;
  if (!exec_handle (handle, "BEGIN", path, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    {
      g_autofree char *cols = column_list (&catalogue[i], NULL);
      g_autofree char *sql = g_strdup_printf ("INSERT OR IGNORE INTO main.\"%s\" (%s) SELECT %s FROM inc.\"%s\"",
                                              catalogue[i].table, cols, cols, catalogue[i].table);

      if (!exec_handle (handle, sql, path, error))
        goto fail;
    }
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      const char *t = records[i].table;
      const char * const *once = g_str_equal (t, "shift") ? shift_once
                                 : g_str_equal (t, "account_entry") ? entry_once : NULL;
      g_autofree char *cols = NULL;
      g_autofree char *differ = NULL;
      g_autofree char *sql = g_strdup_printf ("INSERT INTO main.%s SELECT * FROM inc.%s WHERE till_id = ?1 "
                                              "ON CONFLICT %s", t, t, records[i].on_conflict);
      g_auto(LapakStmt) insert = NULL;
      g_auto(LapakStmt) stmt = NULL;
      int rc;

      if (!(insert = lapak_db_prepare (scratch, sql, error)))
        goto fail;
      lapak_stmt_bind_text (insert, 1, e->from);
      if (lapak_db_step (scratch, insert, error) != SQLITE_DONE || !(cols = columns_but (scratch, t, once, error)))
        goto fail;
      /* Every row of the bundle is now as held, but for a set-once column
       * the bundle does not have set yet. */
      differ = g_strdup_printf ("SELECT 1 FROM (SELECT %s FROM inc.%s EXCEPT SELECT %s FROM main.%s) LIMIT 1",
                                cols, t, cols, t);
      if (!(stmt = lapak_db_prepare (scratch, differ, error)) || (rc = lapak_db_step (scratch, stmt, error)) < 0)
        goto fail;
      if (rc == SQLITE_DONE && once != NULL)
        {
          g_autofree char *all = columns_but (scratch, t, NULL, error);
          g_autofree char *set = NULL;

          if (all == NULL)
            goto fail;
          set = g_strdup_printf ("SELECT 1 FROM (SELECT %s FROM inc.%s WHERE %s IS NOT NULL EXCEPT SELECT %s "
                                 "FROM main.%s) LIMIT 1", all, t, once[0], all, t);
          lapak_stmt_release (g_steal_pointer (&stmt));
          if (!(stmt = lapak_db_prepare (scratch, set, error)) || (rc = lapak_db_step (scratch, stmt, error)) < 0)
            goto fail;
        }
      if (rc == SQLITE_ROW)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("The bundle %s from till %s was refused whole, nothing was imported: a %s record in it "
                         "differs from the one this hub already holds (it was changed after it was sent). Check "
                         "that till with “lapakctl journal verify”."),
                       path, e->from, t);
          goto fail;
        }
    }
  if (!exec_handle (handle, "COMMIT", path, error))
    goto fail;
  detach (handle, "inc");

  if (!(report = lapak_journal_verify (scratch, error)))
    return FALSE;
  if (!report->ok)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The bundle %s from till %s was refused whole, nothing was imported: the till's journal "
                     "in it is broken: %s Check that till with “lapakctl journal verify”."),
                   path, e->from, report->problem);
      return FALSE;
    }
  head = journal_hash_at (scratch, e->from, e->journal_seq, NULL);
  if (g_strcmp0 (head, e->journal_head) != 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The bundle %s from till %s was refused whole, nothing was imported: its header names "
                     "%" PRId64 " journal entries, its records hold %" PRId64 "."),
                   path, e->from, e->journal_seq, report->n_entries);
      return FALSE;
    }
  return TRUE;

fail:
  if (!sqlite3_get_autocommit (handle))
    sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
  detach (handle, "inc");
  return FALSE;
}

/**
 * lapak_sync_import:
 *
 * Merges the bundle at @path: at the hub a till's bundle (its catalogue
 * rows by the conflict rule, all its records), at a till the hub's bundle
 * (its catalogue). All or nothing: a bundle that is damaged, changed,
 * foreign, or whose journal does not verify or does not continue the one
 * held here is refused whole with the reason, and nothing changes.
 * Importing the same bundle again changes nothing.
 */
LapakSyncResult *
lapak_sync_import (LapakDb     *db,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(LapakSyncResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *bundle_path = NULL;
  g_auto(Envelope) e = { 0 };
  LapakSyncInfo info = { 0 };
  Merge m = { 0 };
  gsize length = 0;
  gboolean ok = FALSE;
  gint64 t_read = 0, t_unpacked = 0, t_verified = 0;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!ensure_sodium (error) || !lapak_sync_get_info (db, &info, error))
    return NULL;
  if (info.role == LAPAK_SYNC_NONE)
    {
      guint8 key[KEY_BYTES];

      load_key (db, key, error);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO, _("Cannot read the bundle %s: %s"), path,
                   local_error->message);
      goto out;
    }
  t_read = g_get_monotonic_time ();
  if (!parse_envelope (path, contents, length, &e, error) ||
      !check_envelope (db, path, contents, &e, &info, error) ||
      (e.base_seq > 0 && !check_base (db, path, &e, error)) ||
      !(dir = make_temp_dir (db, error)))
    goto out;

  bundle_path = g_build_filename (dir, "bundle.db", NULL);
  /* A scratch copy: no fsync (nothing is lost if the machine dies now). */
  if (!g_file_set_contents_full (bundle_path, e.body, (gssize)e.size, G_FILE_SET_CONTENTS_NONE, 0600,
                                 &local_error))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                   _("The sync could not unpack the bundle %s: %s. Nothing was imported."), path,
                   local_error->message);
      goto out;
    }

  {
    g_autoptr(LapakDb) bundle = lapak_db_open (bundle_path, error);

    t_unpacked = g_get_monotonic_time ();
    /* Read-only work on a scratch copy: a cache that holds it whole. */
    if (bundle == NULL || !lapak_db_exec (bundle, "PRAGMA cache_size = -65536", error) ||
        !(e.base_seq > 0 ? check_increment (db, dir, path, bundle, &e, error)
                         : check_journal (path, bundle, &e, error)))
      goto out;
  }

  t_verified = g_get_monotonic_time ();
  result = g_new0 (LapakSyncResult, 1);
  result->from = g_strdup (e.from);
  result->from_role = e.role;
  result->journal_seq = e.journal_seq;
  result->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify)lapak_sync_conflict_free);

  m = (Merge) { info.role, lapak_db_get_till_id (db), &e, result, FALSE };
  if (!attach (lapak_db_get_handle (db), bundle_path, "bundle", error))
    goto out;
  /* A cache that holds the whole merge, so that SQLite does not spill
   * half-made pages to the WAL mid-transaction; then back to the default. */
  lapak_db_exec (db, "PRAGMA main.cache_size = -65536", NULL);
  ok = lapak_db_transaction (db, merge_txn, &m, error);
  lapak_db_exec (db, "PRAGMA main.cache_size = -2000", NULL);
  detach (lapak_db_get_handle (db), "bundle");
  g_debug ("sync import of %s (%" G_GSIZE_FORMAT " bytes): read and unpacked in %" G_GINT64_FORMAT
           " ms, verified in %" G_GINT64_FORMAT " ms, merged in %" G_GINT64_FORMAT " ms",
           path, length, (t_unpacked - t_read) / 1000, (t_verified - t_unpacked) / 1000,
           (g_get_monotonic_time () - t_verified) / 1000);

out:
  lapak_sync_info_clear (&info);
  remove_temp_dir (dir);
  return ok ? g_steal_pointer (&result) : NULL;
}

/* ---------- what is known here ---------- */

/**
 * lapak_sync_status:
 *
 * Every till whose records are held here — this till first, then the
 * others by id — with its journal end, when its newest bundle was written
 * and merged, and its shifts still open in what is held here. A till with
 * an open shift, or whose newest bundle is older than a cut-off, may have
 * records the hub does not have yet.
 *
 * Returns: (element-type LapakSyncTill): the tills, or %NULL on error
 */
GPtrArray *
lapak_sync_status (LapakDb  *db,
                   GError  **error)
{
  g_autoptr(GPtrArray) tills = g_ptr_array_new_with_free_func ((GDestroyNotify)lapak_sync_till_free);
  g_auto(LapakStmt) stmt = NULL;
  const char *self = lapak_db_get_till_id (db);
  int rc;

  if (!(stmt = lapak_db_prepare (db,
                                 "WITH t (till_id) AS (SELECT ?1 UNION SELECT till_id FROM sync_till "
                                 "  UNION SELECT DISTINCT till_id FROM journal) "
                                 "SELECT t.till_id, "
                                 "  (SELECT MAX(seq) FROM journal j WHERE j.till_id = t.till_id), "
                                 "  (SELECT hash FROM journal j WHERE j.till_id = t.till_id ORDER BY seq DESC LIMIT 1), "
                                 "  s.exported_at, s.imported_at, "
                                 "  (SELECT COUNT(*) FROM shift h WHERE h.till_id = t.till_id AND h.closed_at IS NULL), "
                                 "  (SELECT MAX(closed_at) FROM shift h WHERE h.till_id = t.till_id) "
                                 "FROM t LEFT JOIN sync_till s ON s.till_id = t.till_id "
                                 "ORDER BY t.till_id <> ?1, t.till_id",
                                 error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, self);
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakSyncTill *t = g_new0 (LapakSyncTill, 1);

      t->till = g_strdup (lapak_stmt_text (stmt, 0));
      t->is_self = g_str_equal (t->till, self);
      t->journal_seq = sqlite3_column_int64 (stmt, 1);
      t->journal_head = g_strdup (sqlite3_column_type (stmt, 2) == SQLITE_NULL
                                  ? "0000000000000000000000000000000000000000000000000000000000000000"
                                  : lapak_stmt_text (stmt, 2));
      t->exported_at = sqlite3_column_int64 (stmt, 3);
      t->imported_at = sqlite3_column_int64 (stmt, 4);
      t->open_shifts = sqlite3_column_int64 (stmt, 5);
      t->last_close_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (tills, t);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&tills);
}

/**
 * lapak_sync_missing:
 * @until: a settlement's cut-off, µs since the epoch
 *
 * Why records up to @until may be missing here, one sentence per till:
 * a till whose shift was still open in its newest bundle (its Z report,
 * and maybe sales, are not here), or whose newest bundle was written before
 * @until. Empty when every till known here is complete up to @until. (A
 * till that never sent a bundle is not known here.)
 *
 * Returns: (element-type utf8): the problems, or %NULL on error
 */
GPtrArray *
lapak_sync_missing (LapakDb  *db,
                    int64_t   until,
                    GError  **error)
{
  g_autoptr(GPtrArray) tills = lapak_sync_status (db, error);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (tills == NULL)
    return NULL;
  for (guint i = 0; i < tills->len; i++)
    {
      const LapakSyncTill *t = g_ptr_array_index (tills, i);

      if (t->is_self)
        continue;
      if (t->open_shifts > 0)
        g_ptr_array_add (problems,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "Till %s had %" PRId64 " shift open when it wrote its newest "
                                                       "bundle here: its Z report and any later sales are not here yet.",
                                                       "Till %s had %" PRId64 " shifts open when it wrote its newest "
                                                       "bundle here: their Z reports and any later sales are not here yet.",
                                                       (gulong)t->open_shifts),
                                          t->till, t->open_shifts));
      else if (t->exported_at < until)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Till %s's newest bundle here was written before the cut-off: "
                                            "records it made after that are not here yet."),
                                          t->till));
    }
  return g_steal_pointer (&problems);
}

/**
 * lapak_sync_conflicts:
 *
 * Every catalogue version not kept, oldest first.
 *
 * Returns: (element-type LapakSyncConflict): the conflicts, or %NULL on error
 */
GPtrArray *
lapak_sync_conflicts (LapakDb  *db,
                      GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)lapak_sync_conflict_free);
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  if (!(stmt = lapak_db_prepare (db,
                                 "SELECT tbl, key, till_id, lost, kept FROM sync_conflict ORDER BY at, tbl, key, till_id",
                                 error)))
    return NULL;
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakSyncConflict *c = g_new0 (LapakSyncConflict, 1);

      c->table = g_strdup (lapak_stmt_text (stmt, 0));
      c->key = g_strdup (lapak_stmt_text (stmt, 1));
      c->till = g_strdup (lapak_stmt_text (stmt, 2));
      c->lost = g_strdup (lapak_stmt_text (stmt, 3));
      c->kept = g_strdup (lapak_stmt_text (stmt, 4));
      g_ptr_array_add (list, c);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&list);
}

/**
 * lapak_sync_verify_till:
 *
 * Runs the journal verifier over what is held here of till @till_id's
 * records (at a hub: what its bundles brought), exactly as on the till.
 */
LapakJournalReport *
lapak_sync_verify_till (LapakDb     *db,
                        const char  *till_id,
                        GError     **error)
{
  g_autofree char *dir = NULL;
  LapakJournalReport *report = NULL;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);
  g_return_val_if_fail (till_id != NULL, NULL);

  if (g_str_equal (till_id, lapak_db_get_till_id (db)))
    return lapak_journal_verify (db, error);
  if (!_lapak_db_valid_till_id (till_id, error))
    return NULL;
  {
    g_auto(LapakStmt) stmt = NULL;
    int rc;

    if (!(stmt = lapak_db_prepare (db, "SELECT 1 FROM sync_till WHERE till_id = ?1 "
                                       "UNION ALL SELECT 1 FROM journal WHERE till_id = ?1 LIMIT 1",
                                   error)))
      return NULL;
    lapak_stmt_bind_text (stmt, 1, till_id);
    rc = lapak_db_step (db, stmt, error);
    if (rc < 0)
      return NULL;
    if (rc == SQLITE_DONE)
      {
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                     _("No records of till %s are held here: import one of its bundles first "
                       "(lapakctl sync import FILE)."),
                     till_id);
        return NULL;
      }
  }
  if (!(dir = make_temp_dir (db, error)))
    return NULL;
  {
    g_autoptr(LapakDb) copy = build_bundle_db (db, dir, "bundle.db", till_id, till_id, NULL, error);

    if (copy != NULL)
      report = lapak_journal_verify (copy, error);
  }
  remove_temp_dir (dir);
  return report;
}

/**
 * lapak_sync_pending:
 *
 * What this till knows of its records at the hub: its journal entries, how
 * many of them the hub acknowledged (by the hub's bundle it imported last,
 * by file or over the LAN), when that was. A hub, or a database never
 * paired, has nothing pending.
 */
gboolean
lapak_sync_pending (LapakDb           *db,
                    LapakSyncPending  *out,
                    GError           **error)
{
  g_autofree char *head = NULL;
  g_autofree char *acked = NULL;
  g_autofree char *at = NULL;
  LapakSyncInfo info = { 0 };

  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (!lapak_sync_get_info (db, &info, error))
    return FALSE;
  out->role = info.role;
  lapak_sync_info_clear (&info);
  if (!journal_head_of (db, lapak_db_get_till_id (db), &out->journal_seq, &head, error))
    return FALSE;
  if (out->role != LAPAK_SYNC_TILL)
    {
      out->acked_seq = out->journal_seq;
      return TRUE;
    }
  acked = lapak_db_get_meta (db, META_ACKED, NULL);
  at = lapak_db_get_meta (db, META_SYNCED_AT, NULL);
  out->acked_seq = acked != NULL ? g_ascii_strtoll (acked, NULL, 10) : 0;
  out->synced_at = at != NULL ? g_ascii_strtoll (at, NULL, 10) : 0;
  out->pending = MAX (out->journal_seq - out->acked_seq, 0);
  return TRUE;
}
