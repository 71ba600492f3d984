/* test-sync-header.c — the sync bundle's header, read before its MAC
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lapak_sync_header_parse() on the seeds of tests/fuzz/corpus/sync (each
 * with what it must give) and on a real bundle written by lapak_sync_export():
 * what is accepted, what is refused and with which error. The fuzz target
 * (fuzz-sync.c) checks the properties on any bytes; this says what the
 * answer is for the ones a person would make.
 */
#include <string.h>

#include <glib.h>

#include "lapak-error.h"
#include "lapak-sync.h"
#include "lapak-test-util.h"

static char *
seed (const char *name,
      gsize      *out_length)
{
  g_autofree char *path = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "tests", "fuzz", "corpus", "sync", name,
                                            NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, out_length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_accepted (void)
{
  static const char * const accepted[] = { "till-bundle.lapak", "hub-bundle.lapak", "unknown-key.lapak",
                                           "utf8-event.lapak", "empty-body.lapak" };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      gsize length = 0;
      g_autofree char *contents = seed (accepted[i], &length);
      g_auto(LapakSyncHeader) h = { 0 };
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", accepted[i]);
      g_assert_true (lapak_sync_header_parse (accepted[i], contents, length, &h, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (h.header_length + h.size, ==, length);
      g_assert_cmpstr (h.mac, ==, "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd");
      g_assert_cmpint (h.schema, ==, 5);
    }
  {
    gsize length = 0;
    g_autofree char *contents = seed ("till-bundle.lapak", &length);
    g_auto(LapakSyncHeader) h = { 0 };

    g_assert_true (lapak_sync_header_parse ("x", contents, length, &h, NULL));
    g_assert_cmpstr (h.event, ==, "PAMERAN-UMKM");
    g_assert_cmpstr (h.from, ==, "K2");
    g_assert_cmpint (h.role, ==, LAPAK_SYNC_TILL);
    g_assert_cmpint (h.journal_seq, ==, 523);
    g_assert_cmpint (h.exported_at, ==, G_GINT64_CONSTANT (1795420000000000));
    g_assert_cmpuint (h.size, ==, 32);
  }
}

static void
test_refused (void)
{
  static const struct { const char *name; int code; const char *says; } refused[] = {
    { "cut-short.lapak", LAPAK_ERROR_INVALID, "cut short" },
    { "extra-bytes.lapak", LAPAK_ERROR_INVALID, "extra bytes" },
    { "newer-format.lapak", LAPAK_ERROR_TOO_NEW, "newer Lapak" },
    { "not-a-bundle.txt", LAPAK_ERROR_INVALID, "is not a Lapak sync bundle" },
    { "no-mac.lapak", LAPAK_ERROR_INVALID, "damaged" },
    { "mac-not-last.lapak", LAPAK_ERROR_INVALID, "damaged" },
    { "negative-size.lapak", LAPAK_ERROR_INVALID, "damaged" },
    { "duplicate-from.lapak", LAPAK_ERROR_INVALID, "damaged" },
    { "control-char.lapak", LAPAK_ERROR_INVALID, "damaged" },
    { "bad-utf8.lapak", LAPAK_ERROR_INVALID, "damaged" },
    { "magic-only.lapak", LAPAK_ERROR_INVALID, "damaged" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      gsize length = 0;
      g_autofree char *contents = seed (refused[i].name, &length);
      g_auto(LapakSyncHeader) h = { 0 };
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", refused[i].name);
      g_assert_false (lapak_sync_header_parse (refused[i].name, contents, length, &h, &error));
      g_assert_error (error, LAPAK_ERROR, refused[i].code);
      g_assert_nonnull (strstr (error->message, refused[i].says));
      g_assert_nonnull (strstr (error->message, refused[i].name));
      g_assert_null (h.event);
    }
}

/* What lapak_sync_export() writes is what the parser reads. */
static void
test_real_bundle (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "hub.lapak", NULL);
  g_autoptr(LapakUser) org = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(LapakDb) db = lapak_test_selling_till (dir, "K1", &org, &codes);
  g_autofree char *code = NULL;
  g_autofree char *contents = NULL;
  g_auto(LapakSyncHeader) h = { 0 };
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  code = lapak_sync_pair_hub (db, org, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lapak_sync_export (db, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (lapak_sync_header_parse ("hub.lapak", contents, length, &h, &error));
  g_assert_no_error (error);
  g_assert_cmpint (h.role, ==, LAPAK_SYNC_HUB);
  g_assert_cmpstr (h.from, ==, "K1");
  g_assert_cmpint (h.schema, ==, lapak_db_schema_version ());
  g_assert_true (g_str_has_prefix (contents + h.header_length, "SQLite format 3"));
  g_clear_object (&db);
  lapak_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-header/accepted", test_accepted);
  g_test_add_func ("/sync-header/refused", test_refused);
  g_test_add_func ("/sync-header/real-bundle", test_real_bundle);
  return g_test_run ();
}
