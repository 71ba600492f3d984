/* test-sync-net.c — sync over the LAN on loopback: a hub process, two tills
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything through lapakctl, the hub being a real `lapakctl sync serve`
 * child on 127.0.0.1 with a port the kernel chose. Two tills pair with it,
 * pull the catalogue, sell and push; the hub's settlement preview is the
 * sum, worked out by hand. The hub is killed (-9): a till keeps selling,
 * its push fails with the documented message and changes nothing. The hub
 * comes back on the same port: the till pushes again, twice, and the hub
 * holds each sale once (journal heads equal, settlement the new sum). A
 * tampered upload and an oversized one are refused with 4xx and nothing is
 * applied. `sync push --every 1` keeps trying with backoff while the hub
 * is down and delivers once it is back.
 */
#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sodium.h>

#include "lapak-sync-net.h"
#include "lapak-test-cli.h"
#include "lapak-test-util.h"

#define UNREACHABLE "is not reachable; the till keeps selling; try again later"

static char *dir;

static char *
in_dir (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static LapakRun *
run_on (const char         *db,
        const char * const *args,
        gboolean            must_succeed)
{
  g_autofree char *path = in_dir (db);
  g_autofree char *env_db = g_strconcat ("LAPAK_DB=", path, NULL);
  const char *env[] = { env_db, "LAPAK_PIN=123456", NULL };

  return must_succeed ? lapak_test_run_ok (env, args) : lapak_test_run (env, args);
}

#define ON_OK(db, ...) run_on (db, (const char *[]) { __VA_ARGS__, NULL }, TRUE)
#define ON(db, ...) run_on (db, (const char *[]) { __VA_ARGS__, NULL }, FALSE)

static char *
first_line (const char *text)
{
  const char *nl = strchr (text, '\n');

  return nl ? g_strndup (text, (gsize)(nl - text)) : g_strdup (text);
}

static char *
code_of (const char *db,
         const char *sku)
{
  g_autoptr(LapakRun) r = ON_OK (db, "product", "list", "--json");
  g_autoptr(JsonNode) list = lapak_test_parse_json (r->out);
  JsonArray *array = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *p = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (p, "sku"), sku) == 0)
        return g_strdup (json_object_get_string_member (p, "code"));
    }
  g_error ("no product %s on %s", sku, db);
  return NULL;
}

/* `lapakctl sync serve` on hub.db, 127.0.0.1:@port (0: any free port); its
 * URL, as it printed it, in @out_url once it listens. */
static GSubprocess *
start_hub (guint   port,
           char  **out_url)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *db = in_dir ("hub.db");
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *log = in_dir ("hub.log");
  GSubprocess *hub;
  char *line;

  g_subprocess_launcher_setenv (launcher, "LAPAK_DB", db, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LC_MESSAGES");
  /* Its log (what it merged, what it refused) goes to a file, off TAP. */
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  hub = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LAPAKCTL"), "sync", "serve",
                                     "--address", "127.0.0.1", "--port", port_text, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (hub));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));
  *out_url = line;
  return hub;
}

static void
kill_hub (GSubprocess *hub)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (hub, SIGKILL);
  g_assert_true (g_subprocess_wait (hub, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (hub));
}

static guint
port_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  return (guint)g_uri_get_port (uri);
}

static JsonObject *
push_json (const char *db,
           JsonNode  **out_node)
{
  g_autoptr(LapakRun) r = ON_OK (db, "sync", "push", "--json");

  *out_node = lapak_test_parse_json (r->out);
  return json_node_get_object (*out_node);
}

static gint64
settled (const char *member)
{
  g_autoptr(LapakRun) r = ON_OK ("hub.db", "settle", "--json");
  g_autoptr(JsonNode) json = lapak_test_parse_json (r->out);

  return lapak_test_member_int (json_object_get_object_member (json_node_get_object (json), "totals"), member);
}

/* The Authorization header of a request to the hub, made here from
 * docs/sync.md ("Authenticating requests") with @key_hex, not with Lapak's
 * code: the format is a contract. */
static char *
documented_header (const char *key_hex,
                   const char *method,
                   const char *till,
                   gint64      ts,
                   gint64      length)
{
  guint8 key[32], mac[32], nonce[16];
  char nonce_hex[33], mac_hex[65];
  g_autofree char *message = NULL;

  g_assert_cmpint (sodium_init (), >=, 0);
  g_assert_cmpint (sodium_hex2bin (key, sizeof key, key_hex, strlen (key_hex), NULL, NULL, NULL), ==, 0);
  randombytes_buf (nonce, sizeof nonce);
  sodium_bin2hex (nonce_hex, sizeof nonce_hex, nonce, sizeof nonce);
  message = g_strdup_printf ("LAPAK-SYNC-AUTH 1\n%s\n/bundle\n%s\n%" G_GINT64_FORMAT "\n%s\n%" G_GINT64_FORMAT "\n",
                             method, till, ts, nonce_hex, length);
  crypto_generichash (mac, sizeof mac, (const guint8 *)message, strlen (message), key, sizeof key);
  sodium_bin2hex (mac_hex, sizeof mac_hex, mac, sizeof mac);
  return g_strdup_printf ("LapakSync till=%s,ts=%" G_GINT64_FORMAT ",nonce=%s,mac=%s", till, ts, nonce_hex, mac_hex);
}

/* The event key a till holds (the hex in its meta table). */
static char *
key_of (const char *db_name)
{
  g_autofree char *path = in_dir (db_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_db_open (path, &error);
  char *key;

  g_assert_no_error (error);
  key = lapak_db_get_meta (db, "sync_key", &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Sends @method /bundle with @authorization (NULL: none) and @body (NULL:
 * none); the status, and the hub's answer (every byte) in @out_reply. */
static guint
request_raw (const char  *url,
             const char  *method,
             const char  *authorization,
             GBytes      *body,
             GBytes     **out_reply)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *target = g_strconcat (url, "bundle", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, target);
  g_autoptr(GError) error = NULL;

  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/octet-stream", body);
  *out_reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  return soup_message_get_status (msg);
}

/* POSTs @body to the hub's /bundle as till @db_name would (signed with its
 * key by Lapak's code); the status, and the hub's answer in @out_reply. */
static guint
post_raw (const char  *url,
          const char  *db_name,
          GBytes      *body,
          char       **out_reply)
{
  g_autofree char *path = in_dir (db_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_db_open (path, &error);
  g_autofree char *header = NULL;
  g_autoptr(GBytes) reply = NULL;
  guint status;

  g_assert_no_error (error);
  header = lapak_sync_auth_header (db, "POST", "/bundle", (goffset)g_bytes_get_size (body), now_s (), &error);
  g_assert_no_error (error);
  status = request_raw (url, SOUP_METHOD_POST, header, body, &reply);
  *out_reply = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  return status;
}

/* A refusal that says nothing: no catalogue, no PIN hash, no body at all. */
static void
assert_refused_empty (const char *url,
                      const char *method,
                      const char *authorization,
                      GBytes     *body,
                      guint       expected)
{
  g_autoptr(GBytes) reply = NULL;
  guint status = request_raw (url, method, authorization, body, &reply);

  g_assert_cmpuint (status, ==, expected);
  g_assert_cmpuint (g_bytes_get_size (reply), ==, 0);
}

static void
test_lan (void)
{
  g_autofree char *hub_path = in_dir ("hub.db");
  g_autofree char *k2_path = in_dir ("k2.db");
  g_autofree char *k3_bundle = in_dir ("k3.lapak");
  g_autofree char *code = NULL;
  g_autofree char *url = NULL;
  g_autofree char *kll = NULL;
  g_autofree char *btk = NULL;
  g_autoptr(GSubprocess) hub = NULL;

  /* The hub: event, two tenants, two products, the pairing code. */
  {
    g_autoptr(LapakRun) a = ON_OK ("hub.db", "init", "--till", "K1", "--organiser", "Ketua", "--pin", "123456");
    g_autoptr(LapakRun) b = ON_OK ("hub.db", "event", "create", "BAZAR-2026", "--name", "Bazar UMKM",
                                   "--commission", "10", "--as", "Ketua");
    g_autoptr(LapakRun) c = ON_OK ("hub.db", "tenant", "add", "KLL", "--name", "Keripik Lele", "--as", "Ketua");
    g_autoptr(LapakRun) d = ON_OK ("hub.db", "tenant", "add", "BTK", "--name", "Batik Sleman", "--as", "Ketua");
    g_autoptr(LapakRun) e = ON_OK ("hub.db", "product", "add", "--tenant", "KLL", "--name", "Keripik 100 g",
                                   "--price", "15.000", "--sku", "KL-100", "--stock", "50", "--as", "Ketua");
    g_autoptr(LapakRun) f = ON_OK ("hub.db", "product", "add", "--tenant", "BTK", "--name", "Batik tulis",
                                   "--price", "100.000", "--sku", "BT-01", "--stock", "5", "--as", "Ketua");
    g_autoptr(LapakRun) pair = ON_OK ("hub.db", "sync", "pair", "--hub", "--as", "Ketua");

    code = first_line (pair->out);
    kll = code_of ("hub.db", "KL-100");
    btk = code_of ("hub.db", "BT-01");
  }

  /* A till does not serve; the hub does, on a port the kernel picks. */
  {
    g_autoptr(LapakRun) k = ON_OK ("k2.db", "init", "--till", "K2", "--organiser", "Ketua", "--pin", "123456");
    g_autoptr(LapakRun) r = ON ("k2.db", "sync", "serve", "--port", "0");

    lapak_test_assert_refused (r, "sync serve on a till", "hub");
  }
  hub = start_hub (0, &url);

  /* Two tills pair (remembering the hub's URL) and pull the catalogue. */
  {
    g_autoptr(LapakRun) k3 = ON_OK ("k3.db", "init", "--till", "K3", "--organiser", "Ketua", "--pin", "123456");
    g_autoptr(LapakRun) p2 = ON_OK ("k2.db", "sync", "pair", code, "--url", url, "--as", "Ketua");
    g_autoptr(LapakRun) p3 = ON_OK ("k3.db", "sync", "pair", code, "--as", "Ketua");
    g_autoptr(LapakRun) bad_url = ON ("k3.db", "sync", "push", "ftp://example");
    g_autoptr(JsonNode) n2 = NULL;
    g_autoptr(JsonNode) n3 = NULL;
    g_autoptr(LapakRun) s3 = NULL;
    JsonObject *o2;

    lapak_test_assert_refused (bad_url, "sync push to a non-HTTP URL", "http://ADDRESS:PORT/");
    o2 = push_json ("k2.db", &n2);
    g_assert_cmpint (lapak_test_member_int (o2, "catalogue_added"), >=, 5);
    /* K3 gives the URL once; it is remembered for the next push. */
    s3 = ON_OK ("k3.db", "sync", "push", url);
    g_assert_nonnull (strstr (s3->out, "From the hub"));
    push_json ("k3.db", &n3);
  }

  /* Selling: K2 2 KLL (30,000 cash), K3 1 BTK (100,000 QRIS); both push. */
  {
    g_autofree char *two_kll = g_strconcat (kll, "*2", NULL);
    g_autoptr(LapakRun) a = ON_OK ("k2.db", "shift", "open", "--as", "Ketua", "--float", "100.000");
    g_autoptr(LapakRun) b = ON_OK ("k2.db", "sell", "--as", "Ketua", two_kll, "--pay", "cash:30.000");
    g_autoptr(LapakRun) c = ON_OK ("k3.db", "shift", "open", "--as", "Ketua", "--float", "50.000");
    g_autoptr(LapakRun) d = ON_OK ("k3.db", "sell", "--as", "Ketua", btk, "--pay", "qris");
    g_autoptr(JsonNode) n2 = NULL;
    g_autoptr(JsonNode) n3 = NULL;

    g_assert_cmpint (lapak_test_member_int (push_json ("k2.db", &n2), "new_sales_at_hub"), ==, 1);
    g_assert_cmpint (lapak_test_member_int (push_json ("k3.db", &n3), "new_sales_at_hub"), ==, 1);
    g_assert_cmpint (settled ("net_sales"), ==, 130000);
    g_assert_cmpint (settled ("commission"), ==, 13000);
  }

  /* The hub goes away. K2 keeps selling; its push fails cleanly, saying
   * so, and its database is exactly as before. */
  kill_hub (hub);
  g_clear_object (&hub);
  {
    g_autoptr(LapakRun) a = ON_OK ("k2.db", "sell", "--as", "Ketua", kll, "--pay", "cash:15.000");
    g_autofree char *before = lapak_test_db_digest (k2_path);
    g_autofree char *after = NULL;
    g_autoptr(LapakRun) push = ON ("k2.db", "sync", "push");

    lapak_test_assert_refused (push, "sync push with the hub down", UNREACHABLE);
    g_assert_nonnull (strstr (push->err, url));
    after = lapak_test_db_digest (k2_path);
    g_assert_cmpstr (before, ==, after);
  }

  /* The hub returns on the same port; K2 pushes twice: the sale made while
   * it was away arrives once. */
  {
    g_autofree char *again = NULL;
    g_autoptr(JsonNode) n1 = NULL;
    g_autoptr(JsonNode) n2 = NULL;

    hub = start_hub (port_of (url), &again);
    g_assert_cmpstr (again, ==, url);
    g_assert_cmpint (lapak_test_member_int (push_json ("k2.db", &n1), "new_sales_at_hub"), ==, 1);
    g_assert_cmpint (lapak_test_member_int (push_json ("k2.db", &n2), "new_sales_at_hub"), ==, 0);
    g_assert_cmpint (lapak_test_member_int (json_node_get_object (n2), "new_entries_at_hub"), ==, 0);
    g_assert_cmpint (settled ("net_sales"), ==, 145000);
    g_assert_cmpint (settled ("commission"), ==, 14500);

    /* Same entries, same head: nothing lost, nothing twice. */
    for (guint i = 0; i < 2; i++)
      {
        const char *db = i == 0 ? "k2.db" : "k3.db";
        g_autoptr(LapakRun) mine = ON_OK (db, "journal", "verify");
        g_autoptr(LapakRun) theirs = ON_OK ("hub.db", "sync", "verify", i == 0 ? "K2" : "K3");

        g_assert_true (g_str_has_prefix (mine->out, "ok "));
        g_assert_cmpstr (theirs->out, ==, mine->out);
      }
  }

  /* A tampered upload: 4xx with the core's reason, nothing applied. */
  {
    g_autoptr(LapakRun) e = ON_OK ("k3.db", "sync", "export", k3_bundle);
    g_autofree char *before = lapak_test_db_digest (hub_path);
    g_autofree char *after = NULL;
    g_autofree char *reply = NULL;
    g_autofree char *contents = NULL;
    g_autoptr(GBytes) body = NULL;
    gsize length = 0;
    guint status;

    g_assert_true (g_file_get_contents (k3_bundle, &contents, &length, NULL));
    contents[length - 100] ^= 0x01;
    body = g_bytes_new (contents, length);
    status = post_raw (url, "k3.db", body, &reply);
    g_assert_cmpuint (status, >=, 400);
    g_assert_cmpuint (status, <, 500);
    g_assert_nonnull (strstr (reply, "fails its authentication"));
    g_assert_nonnull (strstr (reply, "received from 127.0.0.1"));
    after = lapak_test_db_digest (hub_path);
    g_assert_cmpstr (before, ==, after);
  }

  /* Oversized: refused from its length, before the body is read; the hub
   * still serves afterwards. */
  {
    g_autoptr(GSocketClient) client = g_socket_client_new ();
    g_autoptr(GSocketConnection) conn = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GDataInputStream) in = NULL;
    g_autofree char *status_line = NULL;
    g_autofree char *before = lapak_test_db_digest (hub_path);
    g_autofree char *after = NULL;
    g_autoptr(JsonNode) n = NULL;
    g_autofree char *k3_key = key_of ("k3.db");
    g_autofree char *auth = documented_header (k3_key, "POST", "K3", now_s (), 99999999999);
    g_autofree char *request = g_strdup_printf ("POST /bundle HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: %s\r\n"
                                                "Content-Length: 99999999999\r\n\r\nLAPAK", auth);

    conn = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16)port_of (url), NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), request,
                                              strlen (request), NULL, NULL, &error));
    g_assert_no_error (error);
    in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (conn)));
    status_line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (status_line);
    g_assert_true (g_str_has_prefix (status_line, "HTTP/1.1 413 "));
    after = lapak_test_db_digest (hub_path);
    g_assert_cmpstr (before, ==, after);
    g_assert_cmpint (lapak_test_member_int (push_json ("k3.db", &n), "new_sales_at_hub"), ==, 0);
  }

  /* Authentication: the hub answers only requests signed with the event
   * key, fresh and never seen; anything else gets 401/403 and no body, so
   * nobody on the hall's network reads the catalogue or the PIN hashes. */
  {
    g_autofree char *before = lapak_test_db_digest (hub_path);
    g_autofree char *after = NULL;
    g_autofree char *k3_key = key_of ("k3.db");
    g_autofree char *good = documented_header (k3_key, "GET", "K3", now_s (), 0);
    g_autofree char *stranger = NULL;
    g_autofree char *stale = documented_header (k3_key, "GET", "K3", now_s () - 3600, 0);
    g_autofree char *other_till = NULL;
    g_autofree char *log = NULL;
    g_autofree char *hub_log = in_dir ("hub.log");
    g_autoptr(GBytes) r7 = NULL;
    g_autoptr(GBytes) small = g_bytes_new_static ("LAPAK-SYNC 1\n", 13);
    guint8 random_key[32];
    char random_hex[65];

    randombytes_buf (random_key, sizeof random_key);
    sodium_bin2hex (random_hex, sizeof random_hex, random_key, sizeof random_key);
    stranger = documented_header (random_hex, "GET", "K3", now_s (), 0);
    /* Signed for a GET, used for a POST: the method is covered. */
    other_till = documented_header (k3_key, "GET", "K2", now_s (), 0);

    assert_refused_empty (url, SOUP_METHOD_GET, NULL, NULL, 401);
    assert_refused_empty (url, SOUP_METHOD_GET, "LapakSync till=K3", NULL, 401);
    assert_refused_empty (url, SOUP_METHOD_GET, stranger, NULL, 403);
    assert_refused_empty (url, SOUP_METHOD_GET, stale, NULL, 403);
    assert_refused_empty (url, SOUP_METHOD_POST, NULL, small, 401);
    assert_refused_empty (url, SOUP_METHOD_POST, other_till, small, 403);

    /* Made from the documented format with the real key: the hub's bundle;
     * the very same request again is a replay. */
    g_assert_cmpuint (request_raw (url, SOUP_METHOD_GET, good, NULL, &r7), ==, 200);
    g_assert_true (g_str_has_prefix (g_bytes_get_data (r7, NULL), "LAPAK-SYNC 1\n"));
    assert_refused_empty (url, SOUP_METHOD_GET, good, NULL, 403);

    after = lapak_test_db_digest (hub_path);
    g_assert_cmpstr (before, ==, after);
    g_assert_true (g_file_get_contents (hub_log, &log, NULL, NULL));
    g_assert_nonnull (strstr (log, "no authorization"));
    g_assert_nonnull (strstr (log, "wrong event key"));
    g_assert_nonnull (strstr (log, "a replayed request"));
    g_assert_nonnull (strstr (log, "a replay, or a clock to set"));

    /* A till whose key is not the hub's (a copy of K3 with another key) is
     * told why, and what to do. */
    {
      g_autofree char *k3_path = in_dir ("k3.db");
      g_autofree char *copy_path = in_dir ("k3-other-key.db");
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(LapakRun) push = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (k3_path, &contents, &length, &error));
      g_assert_true (g_file_set_contents (copy_path, contents, (gssize)length, &error));
      {
        g_autoptr(LapakDb) copy = lapak_db_open (copy_path, &error);

        g_assert_no_error (error);
        g_assert_true (lapak_db_set_meta (copy, "sync_key", random_hex, &error));
        g_assert_no_error (error);
      }
      push = ON ("k3-other-key.db", "sync", "push");
      lapak_test_assert_refused (push, "sync push with another event key", "is not paired with that hub");
      g_assert_nonnull (strstr (push->err, "HTTP 403"));
    }

    /* The real till still pulls and pushes. */
    {
      g_autoptr(JsonNode) n = NULL;

      g_assert_cmpint (lapak_test_member_int (push_json ("k3.db", &n), "new_sales_at_hub"), ==, 0);
    }
  }

  /* `sync push --every 1` on K3 while the hub is down: it keeps failing,
   * saying so, waiting longer each time; K3 sells meanwhile. When the hub
   * is back, the sale arrives without anyone pushing by hand. */
  kill_hub (hub);
  g_clear_object (&hub);
  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
    g_autoptr(GSubprocess) pusher = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *k3_path = in_dir ("k3.db");
    g_autofree char *log = in_dir ("k3-push.log");
    g_autofree char *text = NULL;
    g_autofree char *again = NULL;
    g_autoptr(LapakRun) sell = ON_OK ("k3.db", "sell", "--as", "Ketua", kll, "--pay", "cash:15.000");
    gint64 deadline;

    g_subprocess_launcher_setenv (launcher, "LAPAK_DB", k3_path, TRUE);
    g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
    g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
    g_subprocess_launcher_unsetenv (launcher, "LC_MESSAGES");
    g_subprocess_launcher_set_stderr_file_path (launcher, log);
    pusher = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LAPAKCTL"), "sync", "push", "--every", "1",
                                          NULL);
    g_assert_no_error (error);

    /* Two failures (at 0 s and 2 s) say so, then it waits 4 s. */
    deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    while (g_get_monotonic_time () < deadline)
      {
        g_clear_pointer (&text, g_free);
        if (g_file_get_contents (log, &text, NULL, NULL) && strstr (text, "Next push in 4 s."))
          break;
        g_usleep (G_USEC_PER_SEC / 10);
      }
    g_assert_nonnull (strstr (text, UNREACHABLE));
    g_assert_nonnull (strstr (text, "Next push in 2 s."));
    g_assert_nonnull (strstr (text, "Next push in 4 s."));
    g_assert_cmpint (settled ("net_sales"), ==, 145000);   /* the hub's file, the hub being down */

    hub = start_hub (port_of (url), &again);
    deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    while (settled ("net_sales") != 160000 && g_get_monotonic_time () < deadline)
      g_usleep (G_USEC_PER_SEC / 2);
    g_assert_cmpint (settled ("net_sales"), ==, 160000);

    g_subprocess_send_signal (pusher, SIGTERM);
    g_assert_true (g_subprocess_wait_check (pusher, NULL, &error));
    g_assert_no_error (error);
  }

  /* Stopped politely, the hub exits 0. */
  {
    g_autoptr(GError) error = NULL;

    g_subprocess_send_signal (hub, SIGTERM);
    g_assert_true (g_subprocess_wait_check (hub, NULL, &error));
    g_assert_no_error (error);
  }
}

/* The schedule of --every: doubled per failure, capped. */
static void
test_backoff (void)
{
  g_assert_cmpuint (lapak_sync_backoff (30, 0), ==, 30);
  g_assert_cmpuint (lapak_sync_backoff (30, 1), ==, 60);
  g_assert_cmpuint (lapak_sync_backoff (30, 3), ==, 240);
  g_assert_cmpuint (lapak_sync_backoff (30, 4), ==, LAPAK_SYNC_NET_MAX_BACKOFF);
  g_assert_cmpuint (lapak_sync_backoff (30, 1000), ==, LAPAK_SYNC_NET_MAX_BACKOFF);
  g_assert_cmpuint (lapak_sync_backoff (900, 5), ==, 900);
  g_assert_cmpuint (lapak_sync_backoff (1, 2), ==, 4);
}

/* The kiosk's automatic rounds: off at 0, soon after a record while the hub
 * answers, the backoff while it does not. */
static void
test_next_round (void)
{
  g_assert_cmpuint (lapak_sync_next_round (0, 0, FALSE), ==, LAPAK_SYNC_NET_NEVER);
  g_assert_cmpuint (lapak_sync_next_round (0, 0, TRUE), ==, LAPAK_SYNC_NET_NEVER);
  g_assert_cmpuint (lapak_sync_next_round (0, 3, TRUE), ==, LAPAK_SYNC_NET_NEVER);
  g_assert_cmpuint (lapak_sync_next_round (60, 0, FALSE), ==, 60);
  g_assert_cmpuint (lapak_sync_next_round (60, 0, TRUE), ==, LAPAK_SYNC_NET_AFTER_RECORD);
  g_assert_cmpuint (lapak_sync_next_round (2, 0, TRUE), ==, 2);
  g_assert_cmpuint (lapak_sync_next_round (60, 1, FALSE), ==, 120);
  g_assert_cmpuint (lapak_sync_next_round (60, 1, TRUE), ==, 120);
  g_assert_cmpuint (lapak_sync_next_round (60, 10, TRUE), ==, LAPAK_SYNC_NET_MAX_BACKOFF);
  g_assert_cmpuint (lapak_sync_next_round (1, 2, TRUE), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = lapak_test_make_dir ();
  g_test_add_func ("/sync-net/backoff", test_backoff);
  g_test_add_func ("/sync-net/next-round", test_next_round);
  g_test_add_func ("/sync-net/hub-down-and-back", test_lan);
  rc = g_test_run ();
  lapak_test_remove_tree (dir);
  g_free (dir);
  return rc;
}
