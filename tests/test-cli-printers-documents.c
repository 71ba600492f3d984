/* test-cli-printers-documents.c — lapakctl printers set --documents QUEUE|none,
 * the till's A4 printer for settlement statements (issue 6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the demo till: a cashier is refused, a supervisor and an organiser
 * may set it; a bad queue name is refused with nothing saved; setting it
 * leaves the receipt and label printers as they were (and the other way
 * round); "none" takes it away. What was saved is read back through the
 * print layer, `lapakctl printers` lists it and `printers test` prints an
 * A4 page on it — that part needs a CUPS server, so it runs against a
 * private cupsd (root only, like the other cupsd suites; otherwise it is
 * skipped and says so).
 */
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "lapak-print-settings.h"
#include "lapak-test-cli.h"
#include "lapak-test-cups.h"
#include "lapak-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *env_db;
} Fixture;

#define RUN(f, ...) lapak_test_run ((const char *[]) { (f)->env_db, NULL }, (const char *[]) { __VA_ARGS__, NULL })
#define RUN_OK(f, ...) lapak_test_run_ok ((const char *[]) { (f)->env_db, NULL }, \
                                          (const char *[]) { __VA_ARGS__, NULL })

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *demo = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", NULL);
  g_autoptr(LapakRun) r = NULL;

  f->dir = lapak_test_make_dir ();
  f->db = g_build_filename (f->dir, "k1.db", NULL);
  f->env_db = g_strconcat ("LAPAK_DB=", f->db, NULL);
  r = RUN_OK (f, "demo", "--data", demo);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->env_db);
}

/* The till's settings as the kiosk reads them. */
static LapakPrintSettings *
settings (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_db_open (f->db, &error);
  LapakPrintSettings *s;

  g_assert_no_error (error);
  s = lapak_print_settings_load (db, &error);
  g_assert_no_error (error);
  return s;
}

static void
test_set (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(LapakPrintSettings) s = settings (f);

  /* none by default */
  g_assert_null (s->documents_queue);
  g_clear_pointer (&s, lapak_print_settings_free);

  /* a cashier may not choose the till's printers */
  r = RUN (f, "printers", "set", "--documents", "A4", "--as", "Sari", "--pin", "1111");
  lapak_test_assert_refused (r, "a cashier sets the documents printer", "Sari");
  s = settings (f);
  g_assert_null (s->documents_queue);
  g_clear_pointer (&s, lapak_print_settings_free);
  g_clear_pointer (&r, lapak_run_free);

  /* not a queue name: refused with the name, nothing saved */
  r = RUN (f, "printers", "set", "--documents", "two words", "--as", "Ketua", "--pin", "123456");
  lapak_test_assert_refused (r, "a documents queue with a space", "“two words” is not a CUPS queue name");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN (f, "printers", "set", "--documents", "a/b", "--receipt", "struk", "--as", "Ketua", "--pin", "123456");
  lapak_test_assert_refused (r, "a documents queue with a slash", "“a/b”");
  s = settings (f);
  g_assert_null (s->documents_queue);
  g_assert_null (s->receipt_queue);   /* all or nothing */
  g_clear_pointer (&s, lapak_print_settings_free);
  g_clear_pointer (&r, lapak_run_free);

  /* the receipt and label printers first, then the documents printer on
   * its own: each keeps the others */
  r = RUN_OK (f, "printers", "set", "--receipt", "struk", "--width", "80", "--labels", "label", "--layout",
              "roll-50x30", "--as", "Ketua", "--pin", "123456");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK (f, "printers", "set", "--documents", "A4-kantor", "--as", "Bayu", "--pin", "2222");
  g_assert_nonnull (strstr (r->out, "Printer settings saved for this till."));
  g_clear_pointer (&r, lapak_run_free);
  s = settings (f);
  g_assert_cmpstr (s->documents_queue, ==, "A4-kantor");
  g_assert_cmpstr (s->receipt_queue, ==, "struk");
  g_assert_cmpint (s->receipt_width, ==, LAPAK_PAPER_80MM);
  g_assert_cmpstr (s->label_queue, ==, "label");
  g_assert_cmpstr (s->label_layout, ==, "roll-50x30");
  g_clear_pointer (&s, lapak_print_settings_free);

  r = RUN_OK (f, "printers", "set", "--receipt", "none", "--as", "Ketua", "--pin", "123456");
  g_clear_pointer (&r, lapak_run_free);
  s = settings (f);
  g_assert_null (s->receipt_queue);
  g_assert_cmpstr (s->documents_queue, ==, "A4-kantor");
  g_clear_pointer (&s, lapak_print_settings_free);

  /* "none": no documents printer any more */
  r = RUN_OK (f, "printers", "set", "--documents", "none", "--as", "Ketua", "--pin", "123456");
  g_clear_pointer (&r, lapak_run_free);
  s = settings (f);
  g_assert_null (s->documents_queue);
  g_assert_cmpstr (s->label_queue, ==, "label");

  /* the option is in the help */
  r = RUN_OK (f, "printers", "set", "--help");
  g_assert_nonnull (strstr (r->out, "--documents"));
}

/* `lapakctl printers` names the documents printer with the others; the
 * JSON (the list of queues) keeps its shape. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(LapakTestCups) cups = NULL;
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *env_cups = NULL;

  if (getuid () != 0)
    {
      g_test_skip (LAPAK_TEST_CUPS_SKIP_NOT_ROOT);
      return;
    }
  cups = lapak_test_cups_new ();
  env_cups = g_strconcat ("CUPS_SERVER=", cups->sock, NULL);

#define LIST(...) lapak_test_run ((const char *[]) { f->env_db, env_cups, NULL }, \
                                  (const char *[]) { "printers", __VA_ARGS__, NULL })
  r = LIST (NULL);
  lapak_test_assert_status (r, 0, "printers");
  g_assert_nonnull (strstr (r->out, "This till prints documents (A4) on: none\n"));
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_OK (f, "printers", "set", "--documents", "pdf", "--as", "Ketua", "--pin", "123456");
  g_clear_pointer (&r, lapak_run_free);
  r = LIST (NULL);
  lapak_test_assert_status (r, 0, "printers");
  g_assert_nonnull (strstr (r->out, "This till prints receipts on: none\n"));
  g_assert_nonnull (strstr (r->out, "This till prints documents (A4) on: pdf\n"));
  g_assert_true (g_regex_match_simple ("^pdf +idle", r->out, G_REGEX_MULTILINE, 0));
  g_clear_pointer (&r, lapak_run_free);

  r = LIST ("--json");
  lapak_test_assert_status (r, 0, "printers --json");
  json = lapak_test_parse_json (r->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json)), ==, 4);
  g_clear_pointer (&r, lapak_run_free);

  /* its test page: one A4 page, as the queue printed it */
  {
    g_autoptr(GPtrArray) before = lapak_test_cups_jobs (cups);
    g_autoptr(GPtrArray) after = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) printed = NULL;
    g_autofree char *path = NULL;
    g_autofree char *text = NULL;
    g_autofree char *info = NULL;
    int status = 0;

    r = LIST ("test", "pdf");
    lapak_test_assert_status (r, 0, "printers test pdf");
    g_assert_nonnull (strstr (r->out, "Printing an A4 test page on pdf."));
    for (guint i = 0; i < 300; i++)
      {
        g_clear_pointer (&after, g_ptr_array_unref);
        after = lapak_test_cups_jobs (cups);
        if (after->len > before->len)
          break;
        g_usleep (100 * 1000);
      }
    g_assert_cmpuint (after->len, ==, before->len + 1);
    printed = lapak_test_cups_captured (cups, GPOINTER_TO_INT (after->pdata[before->len]));
    g_assert_cmpuint (g_bytes_get_size (printed), >, 1000);
    path = lapak_test_cups_job_path (cups, GPOINTER_TO_INT (after->pdata[before->len]));
    {
      const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL,
                                   &status, &error));
      g_assert_no_error (error);
    }
    g_assert_nonnull (strstr (text, "TEST PAGE"));
    g_assert_nonnull (strstr (text, "Printer: pdf"));
    g_assert_nonnull (strstr (text, "Paper: A4"));
    {
      const char *argv[] = { "pdfinfo", path, NULL };

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &info, NULL,
                                   &status, &error));
      g_assert_no_error (error);
    }
    g_assert_true (g_regex_match_simple ("^Pages: +1$", info, G_REGEX_MULTILINE, 0));
    if (!g_regex_match_simple ("^Page size: .* pts \\(A4\\)$", info, G_REGEX_MULTILINE, 0))
      g_error ("the test page is not one A4 page:\n%s", info);
    g_clear_pointer (&r, lapak_run_free);
  }

  /* a queue this till does not use: the refusal names the documents printer too */
  r = LIST ("test", "raw");
  lapak_test_assert_refused (r, "printers test on an unused queue", "“--documents raw”");
#undef LIST
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli-printers-documents/set", Fixture, NULL, fixture_set_up, test_set, fixture_tear_down);
  g_test_add ("/cli-printers-documents/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  return g_test_run ();
}
