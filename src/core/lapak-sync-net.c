/* lapak-sync-net.c — sync over the LAN with libsoup 3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See docs/sync.md, "Over the LAN". The hub's handlers run on its main
 * loop, one at a time: two tills pushing at once are merged one after the
 * other, each in its own transaction (lapak_sync_import()).
 */
#define G_LOG_DOMAIN "lapak-sync-net"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sodium.h>

#include "lapak-error.h"
#include "lapak-sync-net.h"

#define META_URL "sync_url"
#define CLIENT_TIMEOUT_S 120

#define AUTH_SCHEME "LapakSync"
#define AUTH_NONCE_BYTES 16

struct _LapakSyncServer
{
  LapakDb    *db;
  SoupServer *server;
  GHashTable *nonces;   /* nonce (hex) → its request's time (s): seen within the window */
};

/* ---------- authenticating requests ---------- */

/* What the MAC of a request covers (docs/sync.md, "Over the LAN"). */
static char *
auth_message (const char *method,
              const char *path,
              const char *till,
              gint64      ts,
              const char *nonce,
              goffset     length)
{
  return g_strdup_printf ("LAPAK-SYNC-AUTH 1\n%s\n%s\n%s\n%" G_GINT64_FORMAT "\n%s\n%" G_GINT64_FORMAT "\n",
                          method, path, till, ts, nonce, (gint64)length);
}

/**
 * lapak_sync_auth_header:
 * @length: the request body's length (0 for a GET)
 * @now: the time to put in it, seconds since 1970 UTC
 *
 * The Authorization header of a till's request to its hub: the till's id,
 * @now, a fresh random nonce and the event key's MAC over the method, the
 * path and those values.
 */
char *
lapak_sync_auth_header (LapakDb     *db,
                        const char  *method,
                        const char  *path,
                        goffset      length,
                        gint64       now,
                        GError     **error)
{
  const char *till = lapak_db_get_till_id (db);
  guint8 nonce[AUTH_NONCE_BYTES];
  guint8 mac[LAPAK_SYNC_MAC_BYTES];
  char nonce_hex[2 * AUTH_NONCE_BYTES + 1];
  char mac_hex[2 * LAPAK_SYNC_MAC_BYTES + 1];
  g_autofree char *message = NULL;

  if (sodium_init () < 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("The sync could not start: libsodium failed to initialise."));
      return NULL;
    }
  randombytes_buf (nonce, sizeof nonce);
  sodium_bin2hex (nonce_hex, sizeof nonce_hex, nonce, sizeof nonce);
  message = auth_message (method, path, till, now, nonce_hex, length);
  if (!lapak_sync_request_mac (db, message, strlen (message), mac, error))
    return NULL;
  sodium_bin2hex (mac_hex, sizeof mac_hex, mac, sizeof mac);
  return g_strdup_printf (AUTH_SCHEME " till=%s,ts=%" G_GINT64_FORMAT ",nonce=%s,mac=%s", till, now, nonce_hex,
                          mac_hex);
}

static gboolean
is_hex (const char *text,
        gsize       length)
{
  if (strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_till_id (const char *text)
{
  gsize n = strlen (text);

  if (n == 0 || n > 32)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_')
      return FALSE;
  return TRUE;
}

/* 0 when the request carries a valid, fresh, unseen authorization; else
 * the status to refuse it with (401: none or unreadable; 403: wrong key,
 * too old or too new, or seen before). Why goes to the hub's log only. */
static guint
check_auth (LapakSyncServer   *self,
            SoupServerMessage *msg,
            const char        *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  const char *remote = soup_server_message_get_remote_host (msg);
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) fields = NULL;
  const char *till = NULL, *ts_text = NULL, *nonce = NULL, *mac_hex = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  guint8 mac[LAPAK_SYNC_MAC_BYTES];
  guint8 expected[LAPAK_SYNC_MAC_BYTES];
  GHashTableIter iter;
  gpointer seen_nonce, seen_at;
  goffset length = 0;
  gint64 ts, now;
  char *end = NULL;

  if (value == NULL || !g_str_has_prefix (value, AUTH_SCHEME " "))
    {
      g_message ("refused %s %s from %s: no authorization", method, path, remote);
      return SOUP_STATUS_UNAUTHORIZED;
    }
  fields = g_strsplit (value + strlen (AUTH_SCHEME " "), ",", 0);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *f = fields[i];

      if (g_str_has_prefix (f, "till=") && till == NULL)
        till = f + 5;
      else if (g_str_has_prefix (f, "ts=") && ts_text == NULL)
        ts_text = f + 3;
      else if (g_str_has_prefix (f, "nonce=") && nonce == NULL)
        nonce = f + 6;
      else if (g_str_has_prefix (f, "mac=") && mac_hex == NULL)
        mac_hex = f + 4;
      else
        till = ts_text = nonce = mac_hex = "";   /* unknown or repeated: unreadable */
    }
  if (till == NULL || ts_text == NULL || nonce == NULL || mac_hex == NULL || !is_till_id (till) ||
      !is_hex (nonce, 2 * AUTH_NONCE_BYTES) || !is_hex (mac_hex, 2 * LAPAK_SYNC_MAC_BYTES) ||
      !g_ascii_isdigit (ts_text[0]) || strlen (ts_text) > 18 ||
      (ts = g_ascii_strtoll (ts_text, &end, 10), *end != '\0') ||
      sodium_hex2bin (mac, sizeof mac, mac_hex, strlen (mac_hex), NULL, NULL, NULL) != 0)
    {
      g_message ("refused %s %s from %s: unreadable authorization", method, path, remote);
      return SOUP_STATUS_UNAUTHORIZED;
    }
  if (g_str_equal (method, SOUP_METHOD_POST))
    length = soup_message_headers_get_content_length (headers);

  message = auth_message (method, path, till, ts, nonce, length);
  if (!lapak_sync_request_mac (self->db, message, strlen (message), expected, &error))
    {
      g_message ("refused %s %s from %s: %s", method, path, remote, error->message);
      return SOUP_STATUS_FORBIDDEN;
    }
  if (sodium_memcmp (mac, expected, sizeof mac) != 0)
    {
      g_message ("refused %s %s from %s (till %s): wrong event key", method, path, remote, till);
      return SOUP_STATUS_FORBIDDEN;
    }

  now = g_get_real_time () / G_USEC_PER_SEC;
  if (ts < now - LAPAK_SYNC_NET_AUTH_WINDOW || ts > now + LAPAK_SYNC_NET_AUTH_WINDOW)
    {
      g_message ("refused %s %s from %s (till %s): its time is %" G_GINT64_FORMAT " s from the hub's "
                 "(at most %d s; a replay, or a clock to set)",
                 method, path, remote, till, ts - now, LAPAK_SYNC_NET_AUTH_WINDOW);
      return SOUP_STATUS_FORBIDDEN;
    }
  /* A nonce is remembered as long as its time is within the window: after
   * that the time alone refuses it. */
  g_hash_table_iter_init (&iter, self->nonces);
  while (g_hash_table_iter_next (&iter, &seen_nonce, &seen_at))
    if (*(gint64 *)seen_at < now - LAPAK_SYNC_NET_AUTH_WINDOW)
      g_hash_table_iter_remove (&iter);
  if (g_hash_table_contains (self->nonces, nonce))
    {
      g_message ("refused %s %s from %s (till %s): a replayed request", method, path, remote, till);
      return SOUP_STATUS_FORBIDDEN;
    }
  g_hash_table_insert (self->nonces, g_ascii_strdown (nonce, -1), g_memdup2 (&ts, sizeof ts));
  return 0;
}

/* ---------- helpers ---------- */

/* A temporary file beside the database (same filesystem, same folder the
 * core already writes to); its path in @out_path. */
static gboolean
write_temp (LapakDb     *db,
            const char  *data,
            gsize        size,
            char       **out_path,
            GError     **error)
{
  g_autofree char *path = g_strconcat (lapak_db_get_path (db), ".net-XXXXXX", NULL);
  g_autoptr(GError) local_error = NULL;
  int fd = g_mkstemp (path);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO, _("Cannot make a temporary file %s: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);
  if (data != NULL && !g_file_set_contents (path, data, (gssize)size, &local_error))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO, _("Cannot write the temporary file %s: %s"), path,
                   local_error->message);
      g_unlink (path);
      return FALSE;
    }
  *out_path = g_steal_pointer (&path);
  return TRUE;
}

static char *
result_to_json (const LapakSyncResult *result)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, result->from);
  json_builder_set_member_name (b, "entries");
  json_builder_add_int_value (b, result->journal_seq);
  json_builder_set_member_name (b, "new_entries");
  json_builder_add_int_value (b, result->new_entries);
  json_builder_set_member_name (b, "new_sales");
  json_builder_add_int_value (b, result->new_sales);
  json_builder_set_member_name (b, "catalogue_added");
  json_builder_add_int_value (b, result->catalogue_added);
  json_builder_set_member_name (b, "catalogue_updated");
  json_builder_add_int_value (b, result->catalogue_updated);
  json_builder_set_member_name (b, "conflicts");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->conflicts->len; i++)
    {
      const LapakSyncConflict *c = g_ptr_array_index (result->conflicts, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "table");
      json_builder_add_string_value (b, c->table);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, c->key);
      json_builder_set_member_name (b, "till");
      json_builder_add_string_value (b, c->till);
      json_builder_set_member_name (b, "lost");
      json_builder_add_string_value (b, c->lost);
      json_builder_set_member_name (b, "kept");
      json_builder_add_string_value (b, c->kept);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         ? json_node_get_string (n) : NULL;
}

static int64_t
member_int (JsonObject *o,
            const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) ? json_node_get_int (n) : 0;
}

/* The hub's reply to an upload, back into a result. */
static LapakSyncResult *
result_from_json (const char *text,
                  gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  LapakSyncResult *result;
  JsonObject *o;
  JsonArray *conflicts;

  if (!json_parser_load_from_data (parser, text, (gssize)length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  o = json_node_get_object (json_parser_get_root (parser));
  result = g_new0 (LapakSyncResult, 1);
  result->from = g_strdup (member_string (o, "from"));
  result->from_role = LAPAK_SYNC_TILL;
  result->journal_seq = member_int (o, "entries");
  result->new_entries = member_int (o, "new_entries");
  result->new_sales = member_int (o, "new_sales");
  result->catalogue_added = member_int (o, "catalogue_added");
  result->catalogue_updated = member_int (o, "catalogue_updated");
  result->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify)lapak_sync_conflict_free);
  conflicts = json_object_has_member (o, "conflicts") ? json_object_get_array_member (o, "conflicts") : NULL;
  for (guint i = 0; conflicts != NULL && i < json_array_get_length (conflicts); i++)
    {
      JsonObject *c = json_array_get_object_element (conflicts, i);
      LapakSyncConflict *conflict = g_new0 (LapakSyncConflict, 1);

      conflict->table = g_strdup (member_string (c, "table"));
      conflict->key = g_strdup (member_string (c, "key"));
      conflict->till = g_strdup (member_string (c, "till"));
      conflict->lost = g_strdup (member_string (c, "lost"));
      conflict->kept = g_strdup (member_string (c, "kept"));
      g_ptr_array_add (result->conflicts, conflict);
    }
  return result;
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text, strlen (text));
}

/* A refusal by the core is the client's fault (4xx); a failure to read or
 * write here is the hub's (5xx). */
static guint
status_for (const GError *error)
{
  if (error->domain != LAPAK_ERROR)
    return SOUP_STATUS_INTERNAL_SERVER_ERROR;
  switch (error->code)
    {
    case LAPAK_ERROR_DENIED:
      return SOUP_STATUS_FORBIDDEN;
    case LAPAK_ERROR_STATE:
      return SOUP_STATUS_CONFLICT;
    case LAPAK_ERROR_IO:
    case LAPAK_ERROR_DATABASE:
      return SOUP_STATUS_INTERNAL_SERVER_ERROR;
    default:
      return SOUP_STATUS_UNPROCESSABLE_ENTITY;
    }
}

/* ---------- the hub ---------- */

/* Answers @status with @message and closes the connection, without reading
 * the body: setting a status in an early handler only saves the body when
 * the client asked "Expect: 100-continue"; otherwise libsoup would read it
 * all into memory first. */
static void
refuse_and_close (SoupServerMessage *msg,
                  guint              status,
                  const char        *message)   /* NULL: no body */
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  g_autofree char *response = NULL;

  if (stream == NULL)
    return;
  if (message != NULL)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, message);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      body = json_generator_to_data (gen, NULL);
    }
  response = g_strdup_printf ("HTTP/1.1 %u %s\r\n%s%sContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
                              status, soup_status_get_phrase (status),
                              body != NULL ? "Content-Type: application/json\r\n" : "",
                              status == SOUP_STATUS_UNAUTHORIZED ? "WWW-Authenticate: " AUTH_SCHEME "\r\n" : "",
                              body != NULL ? strlen (body) : 0, body != NULL ? body : "");
  /* Best effort: the client may already be gone. */
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), response, strlen (response), NULL, NULL,
                             NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* Before the body is read: refuse what is not authenticated (without a
 * body: nothing to learn), what would be too big, or has no length. */
static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  LapakSyncServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  guint refused;

  if (g_str_equal (soup_server_message_get_method (msg), SOUP_METHOD_POST) &&
      soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    {
      refuse_and_close (msg, SOUP_STATUS_LENGTH_REQUIRED,
                        _("A bundle must be sent with its length (Content-Length)."));
      return;
    }
  if ((refused = check_auth (self, msg, path)) != 0)
    {
      refuse_and_close (msg, refused, NULL);
      return;
    }
  if (!g_str_equal (soup_server_message_get_method (msg), SOUP_METHOD_POST))
    return;
  if (soup_message_headers_get_content_length (headers) > LAPAK_SYNC_NET_MAX_BODY)
    {
      g_autofree char *limit = g_format_size ((guint64)LAPAK_SYNC_NET_MAX_BODY);
      g_autofree char *message = g_strdup_printf (_("The bundle is larger than the hub accepts (%s); nothing "
                                                    "was applied."), limit);

      g_message ("refused a bundle of %" G_GINT64_FORMAT " bytes from %s: too large",
                 (gint64)soup_message_headers_get_content_length (headers),
                 soup_server_message_get_remote_host (msg));
      refuse_and_close (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, message);
    }
}

static void
post_bundle (LapakSyncServer   *self,
             SoupServerMessage *msg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  gsize size = 0;
  const char *data;

  body = soup_message_body_flatten (request);
  data = g_bytes_get_data (body, &size);
  if (size > (gsize)LAPAK_SYNC_NET_MAX_BODY)
    {
      reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, _("The bundle is larger than the hub accepts."));
      return;
    }
  if (!write_temp (self->db, data, size, &path, &error))
    {
      reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, error->message);
      return;
    }
  result = lapak_sync_import (self->db, path, &error);
  g_unlink (path);
  if (result == NULL)
    {
      /* The core names the file; the till knows no file here. */
      g_autofree char *what = g_strdup_printf (_("received from %s"), soup_server_message_get_remote_host (msg));
      g_autoptr(GString) message = g_string_new (error->message);

      g_string_replace (message, path, what, 0);
      g_message ("refused a bundle from %s: %s", soup_server_message_get_remote_host (msg), message->str);
      reply_error (msg, status_for (error), message->str);
      return;
    }
  g_message ("merged the bundle of till %s from %s: %" G_GINT64_FORMAT " new entries",
             result->from, soup_server_message_get_remote_host (msg), (gint64)result->new_entries);
  json = result_to_json (result);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
get_bundle (LapakSyncServer   *self,
            SoupServerMessage *msg)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize size = 0;

  if (!write_temp (self->db, NULL, 0, &path, &error) ||
      !lapak_sync_export (self->db, path, NULL, &error) ||
      !g_file_get_contents (path, &data, &size, &error))
    {
      if (path != NULL)
        g_unlink (path);
      reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, error->message);
      return;
    }
  g_unlink (path);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&data), size);
}

static void
bundle_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  LapakSyncServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);

  if (soup_server_message_get_status (msg) != 0 && soup_server_message_get_status (msg) != SOUP_STATUS_OK)
    return;   /* refused by the early handler */
  if (!g_str_equal (path, "/bundle"))
    reply_error (msg, SOUP_STATUS_NOT_FOUND, _("Only /bundle is served here."));
  else if (g_str_equal (method, SOUP_METHOD_POST))
    post_bundle (self, msg);
  else if (g_str_equal (method, SOUP_METHOD_GET))
    get_bundle (self, msg);
  else
    reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Use POST or GET on /bundle."));
}

/**
 * lapak_sync_server_new:
 * @address: the address to listen on (NULL: every address)
 * @port: the TCP port, 0 for any free one
 *
 * Starts serving sync for the hub @db on the thread-default main context.
 */
LapakSyncServer *
lapak_sync_server_new (LapakDb     *db,
                       const char  *address,
                       guint        port,
                       GError     **error)
{
  g_autoptr(LapakSyncServer) self = NULL;
  g_autoptr(GSocketAddress) where = NULL;
  g_autoptr(GError) local_error = NULL;
  LapakSyncInfo info = { 0 };
  LapakSyncRole role;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);

  if (!lapak_sync_get_info (db, &info, error))
    return NULL;
  role = info.role;
  lapak_sync_info_clear (&info);
  if (role != LAPAK_SYNC_HUB)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("Only the hub serves sync; make this database the hub first (lapakctl sync pair --hub)."));
      return NULL;
    }

  where = address != NULL ? g_inet_socket_address_new_from_string (address, port)
                          : g_inet_socket_address_new (g_inet_address_new_any (G_SOCKET_FAMILY_IPV4), (guint16)port);
  if (where == NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not an IP address to listen on (e.g. 0.0.0.0 or 192.168.1.10)."), address);
      return NULL;
    }

  self = g_new0 (LapakSyncServer, 1);
  self->db = g_object_ref (db);
  self->nonces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->server = soup_server_new ("server-header", "lapak-hub ", NULL);
  soup_server_add_early_handler (self->server, "/", early_handler, self, NULL);
  soup_server_add_handler (self->server, "/", bundle_handler, self, NULL);
  if (!soup_server_listen (self->server, where, 0, &local_error))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO, _("Cannot listen on port %u: %s"), port,
                   local_error->message);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* The URL the tills use (the first address listened on). */
char *
lapak_sync_server_get_url (LapakSyncServer *self)
{
  GSList *uris = soup_server_get_uris (self->server);
  char *url = uris != NULL ? g_uri_to_string (uris->data) : NULL;

  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  return url;
}

void
lapak_sync_server_free (LapakSyncServer *self)
{
  if (self == NULL)
    return;
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_object_unref (self->server);
    }
  g_clear_object (&self->db);
  g_clear_pointer (&self->nonces, g_hash_table_unref);
  g_free (self);
}

/* ---------- a till ---------- */

static char *
bundle_url (const char  *url,
            GError     **error)
{
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) target = NULL;
  const char *scheme;

  if (url == NULL || !(base = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)) ||
      !(scheme = g_uri_get_scheme (base)) ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (base) == NULL || *g_uri_get_host (base) == '\0')
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not the hub's address; give it as http://ADDRESS:PORT/ as "
                     "“lapakctl sync serve” printed it on the hub."), url ? url : "");
      return NULL;
    }
  target = g_uri_parse_relative (base, "/bundle", G_URI_FLAGS_NONE, error);
  return target != NULL ? g_uri_to_string (target) : NULL;
}

/**
 * lapak_sync_set_hub_url:
 *
 * Remembers the hub's address for lapak_sync_push() with no URL.
 */
gboolean
lapak_sync_set_hub_url (LapakDb     *db,
                        const char  *url,
                        GError     **error)
{
  g_autofree char *target = bundle_url (url, error);

  return target != NULL && lapak_db_set_meta (db, META_URL, url, error);
}

char *
lapak_sync_get_hub_url (LapakDb *db)
{
  return lapak_db_get_meta (db, META_URL, NULL);
}

static void
set_unreachable (GError     **error,
                 const char  *url,
                 const char  *why)
{
  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
               _("The hub at %s is not reachable; the till keeps selling; try again later. (%s)"), url, why);
}

/* Sends @msg; the body of a 2xx reply, else an error with the hub's own
 * message (a refusal) or "not reachable". */
static GBytes *
exchange (SoupSession  *session,
          SoupMessage  *msg,
          const char   *url,
          GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, &local_error);
  guint status;

  if (body == NULL)
    {
      set_unreachable (error, url, local_error->message);
      return NULL;
    }
  status = soup_message_get_status (msg);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return g_steal_pointer (&body);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    gsize size = 0;
    const char *data = g_bytes_get_data (body, &size);
    const char *message = NULL;

    if (data != NULL && size > 0 && json_parser_load_from_data (parser, data, (gssize)size, NULL) &&
        JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
      message = member_string (json_node_get_object (json_parser_get_root (parser)), "error");
    if ((status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN) && message == NULL)
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                   _("The hub at %s refused this till's request (HTTP %u): this till is not paired with that "
                     "hub (pair it again with the code the hub shows), or its clock differs from the hub's by "
                     "more than %d minutes (set the date and time on both)."),
                   url, status, LAPAK_SYNC_NET_AUTH_WINDOW / 60);
    else if (status >= 400 && status < 500)
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED, _("The hub at %s refused: %s (HTTP %u)"), url,
                   message ? message : soup_message_get_reason_phrase (msg), status);
    else
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                   _("The hub at %s failed: %s (HTTP %u); the till keeps selling; try again later."), url,
                   message ? message : soup_message_get_reason_phrase (msg), status);
  }
  return NULL;
}

static gboolean
sign (LapakDb      *db,
      SoupMessage  *msg,
      const char   *path,
      goffset       length,
      GError      **error)
{
  g_autofree char *header = lapak_sync_auth_header (db, soup_message_get_method (msg), path, length,
                                                    g_get_real_time () / G_USEC_PER_SEC, error);

  if (header == NULL)
    return FALSE;
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
  return TRUE;
}

/**
 * lapak_sync_push:
 * @url: (nullable): the hub's address; NULL: the one remembered
 *
 * One round: this till's bundle to the hub, then the hub's bundle here.
 * Nothing is lost when the hub is unreachable or refuses: the till's
 * records stay where they are and the next round sends them all again.
 */
LapakSyncResult *
lapak_sync_push (LapakDb           *db,
                 const char        *url,
                 LapakSyncResult  **out_pushed,
                 GError           **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) post = NULL;
  g_autoptr(SoupMessage) get = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GBytes) hub_bundle = NULL;
  g_autoptr(GBytes) ours = NULL;
  g_autoptr(LapakSyncResult) pushed = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *target = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  LapakSyncInfo info = { 0 };
  LapakSyncResult *result;
  LapakSyncRole role;
  gsize size = 0;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);

  if (!lapak_sync_get_info (db, &info, error))
    return NULL;
  role = info.role;
  lapak_sync_info_clear (&info);
  if (role != LAPAK_SYNC_TILL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                   _("Only a paired till pushes to the hub; pair it first (lapakctl sync pair CODE)."));
      return NULL;
    }
  if (url == NULL && (url = stored = lapak_sync_get_hub_url (db)) == NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("No hub address is known; give it (lapakctl sync push http://ADDRESS:PORT/) "
                     "as “lapakctl sync serve” printed it on the hub."));
      return NULL;
    }
  if (!(target = bundle_url (url, error)))
    return NULL;

  session = soup_session_new_with_options ("timeout", CLIENT_TIMEOUT_S, "idle-timeout", CLIENT_TIMEOUT_S,
                                           "user-agent", "lapak-till ", NULL);
  /* Only what the hub does not hold yet (docs/sync.md, "Incremental
   * bundles"); when the hub says it lacks the entry that bundle starts
   * after (409: restored from a copy, or a hub made anew), the whole
   * history once more. */
  for (gboolean incremental = TRUE;; incremental = FALSE)
    {
      g_autoptr(GError) local_error = NULL;
      int64_t base = 0;

      g_clear_pointer (&mark, g_free);
      /* Our bundle, in memory: the file is only the core's way to write it. */
      if (!write_temp (db, NULL, 0, &path, error))
        return NULL;
      if (!lapak_sync_export_for_hub (db, path, incremental, &base, &mark, error) ||
          !g_file_get_contents (path, &data, &size, error))
        {
          g_unlink (path);
          return NULL;
        }
      g_unlink (path);
      g_clear_pointer (&path, g_free);
      g_clear_pointer (&ours, g_bytes_unref);
      ours = g_bytes_new_take (g_steal_pointer (&data), size);

      g_clear_object (&post);
      post = soup_message_new (SOUP_METHOD_POST, target);
      soup_message_set_request_body_from_bytes (post, "application/octet-stream", ours);
      /* The hub checks the headers before it takes the body: wait for its
       * "100 Continue" rather than send megabytes it would refuse. */
      soup_message_headers_set_expectations (soup_message_get_request_headers (post), SOUP_EXPECTATION_CONTINUE);
      if (!sign (db, post, "/bundle", (goffset)g_bytes_get_size (ours), error))
        return NULL;
      if ((reply = exchange (session, post, url, &local_error)) != NULL)
        {
          /* The hub has it: the next bundle starts from here once acknowledged. */
          if (!lapak_sync_mark_sent (db, mark, error))
            return NULL;
          break;
        }
      if (!incremental || base == 0 || soup_message_get_status (post) != SOUP_STATUS_CONFLICT)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_message ("the hub refused an incremental bundle, sending the whole history: %s", local_error->message);
    }
  {
    gsize n = 0;
    const char *text = g_bytes_get_data (reply, &n);

    if (!(pushed = result_from_json (text, n)))
      {
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                     _("The hub at %s gave an answer that is not Lapak's; is that the hub's address?"), url);
        return NULL;
      }
  }

  get = soup_message_new (SOUP_METHOD_GET, target);
  if (!sign (db, get, "/bundle", 0, error))
    return NULL;
  if (!(hub_bundle = exchange (session, get, url, error)))
    return NULL;
  {
    gsize n = 0;
    const char *bytes = g_bytes_get_data (hub_bundle, &n);

    if (!write_temp (db, bytes, n, &path, error))
      return NULL;
  }
  result = lapak_sync_import (db, path, error);
  g_unlink (path);
  if (result != NULL && out_pushed != NULL)
    *out_pushed = g_steal_pointer (&pushed);
  return result;
}

guint
lapak_sync_backoff (guint every,
                    guint failures)
{
  guint cap = MAX (every, LAPAK_SYNC_NET_MAX_BACKOFF);
  guint64 delay = MAX (every, 1);

  for (guint i = 0; i < failures && delay < cap; i++)
    delay *= 2;
  return (guint)MIN (delay, (guint64)cap);
}

guint
lapak_sync_next_round (guint    every,
                       guint    failures,
                       gboolean after_record)
{
  if (every == 0)
    return LAPAK_SYNC_NET_NEVER;
  if (failures > 0)
    return lapak_sync_backoff (every, failures);
  return after_record ? MIN (every, LAPAK_SYNC_NET_AFTER_RECORD) : every;
}
