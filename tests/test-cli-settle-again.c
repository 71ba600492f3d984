/* test-cli-settle-again.c — lapakctl settle --settlement ID: the statements
 * and CSV of a closed settlement made again (issue 6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the demo event: sales of several tenants, a refund, goods taken back;
 * `settle --close --statements DIR --csv FILE --excel --json`. Then life
 * goes on: more sales, a refund of a settled sale, more goods taken back,
 * the shift closed (its Z report), a second settlement. The first
 * settlement's statements made again afterwards read (pdftotext) exactly as
 * those made at its close, every one of them, its CSV has the same bytes
 * (plain and Excel) and its JSON the same numbers; the second's differ.
 * An unknown id and --settlement with --close are refused.
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lapak-test-cli.h"
#include "lapak-test-util.h"

static char *dir;
static char *db_env;

static LapakRun *
run_args (const char * const *args)
{
  const char *env[] = { db_env, "LAPAK_PIN=123456", "TZ=Asia/Jakarta", "LANGUAGE=en", NULL };

  return lapak_test_run (env, args);
}

#define RUN(...) run_args ((const char *[]) { __VA_ARGS__, NULL })

static LapakRun *
run_ok (const char * const *args)
{
  LapakRun *r = run_args (args);

  if (r->status != 0)
    g_error ("lapakctl %s: exit %d\n%s%s", args[0], r->status, r->out, r->err);
  return r;
}

#define RUN_OK(...) run_ok ((const char *[]) { __VA_ARGS__, NULL })
#define DO(...) G_STMT_START { LapakRun *r_ = run_ok ((const char *[]) { __VA_ARGS__, NULL }); \
                               lapak_run_free (r_); } G_STMT_END

static char *
pdftotext (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("pdftotext %s: %s", path, err);
  return out;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* The file names in @path, sorted. */
static GPtrArray *
list_dir (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (path, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Every statement in @a reads exactly as the same file in @b; returns how
 * many there are. */
static guint
assert_same_statements (const char *a,
                        const char *b)
{
  g_autoptr(GPtrArray) names_a = list_dir (a);
  g_autoptr(GPtrArray) names_b = list_dir (b);

  g_ptr_array_sort (names_a, compare_names);
  g_ptr_array_sort (names_b, compare_names);
  g_assert_cmpuint (names_a->len, ==, names_b->len);
  for (guint i = 0; i < names_a->len; i++)
    {
      const char *name = g_ptr_array_index (names_a, i);
      g_autofree char *path_a = g_build_filename (a, name, NULL);
      g_autofree char *path_b = g_build_filename (b, name, NULL);
      g_autofree char *text_a = NULL;
      g_autofree char *text_b = NULL;

      g_assert_cmpstr (name, ==, g_ptr_array_index (names_b, i));
      text_a = pdftotext (path_a);
      text_b = pdftotext (path_b);
      g_test_message ("%s: %zu characters", name, strlen (text_a));
      g_assert_cmpuint (strlen (text_a), >, 100);
      g_assert_cmpstr (text_a, ==, text_b);
    }
  return names_a->len;
}

static void
test_again (void)
{
  g_autofree char *data = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", NULL);
  g_autofree char *at_close = g_build_filename (dir, "at-close", NULL);
  g_autofree char *again = g_build_filename (dir, "again", NULL);
  g_autofree char *second = g_build_filename (dir, "second", NULL);
  g_autofree char *csv_close = g_build_filename (dir, "close.csv", NULL);
  g_autofree char *csv_again = g_build_filename (dir, "again.csv", NULL);
  g_autofree char *plain_close = g_build_filename (dir, "close-plain.csv", NULL);
  g_autofree char *plain_again = g_build_filename (dir, "again-plain.csv", NULL);
  g_autofree char *kll_close = NULL;
  g_autofree char *kll_second = NULL;
  g_autofree char *csv_a = NULL;
  g_autofree char *csv_b = NULL;
  g_autoptr(LapakRun) closed = NULL;
  g_autoptr(LapakRun) shown = NULL;
  g_autoptr(LapakRun) r = NULL;
  guint n;

  DO ("demo", "--data", data);
  DO ("shift", "open", "--as", "Sari", "--pin", "1111", "--float", "200.000");
  DO ("sell", "--as", "Sari", "--pin", "1111", "KLL-001L*2", "BTK-0044", "--pay", "cash:300.000");
  DO ("sell", "--as", "Sari", "--pin", "1111", "DNT-001N*3", "KLL-002Y", "--pay", "qris");
  DO ("sell", "--as", "Sari", "--pin", "1111", "JJN-0017*4", "--pay", "transfer");
  DO ("refund", "--as", "Sari", "--pin", "1111", "--approver", "Bayu", "--approver-pin", "2222",
      "--reason", "rusak", "K1-000001", "KLL-001L", "--pay", "cash");
  DO ("stock", "return", "KLL", "KLL-001L*30", "--as", "Tini", "--pin", "3333");

  closed = RUN_OK ("settle", "--close", "--as", "Ketua", "--statements", at_close, "--csv", csv_close,
                   "--excel", "--json");
  g_assert_nonnull (strstr (closed->out, "\"K1-S000001\""));
  /* the plain CSV of the close, from the same settlement */
  r = RUN_OK ("settle", "--settlement", "K1-S000001", "--csv", plain_close);
  g_clear_pointer (&r, lapak_run_free);

  /* Life goes on: more sales, a settled sale refunded, goods taken back,
   * the shift closed (its Z report), a second settlement. */
  DO ("sell", "--as", "Sari", "--pin", "1111", "KLL-001L*3", "DNT-001N", "--pay", "cash:100.000");
  DO ("refund", "--as", "Sari", "--pin", "1111", "--approver", "Bayu", "--approver-pin", "2222",
      "--reason", "rusak", "K1-000002", "DNT-001N", "--pay", "qris");
  DO ("stock", "return", "KLL", "KLL-002Y*5", "--as", "Tini", "--pin", "3333");
  DO ("shift", "close", "--as", "Sari", "--pin", "1111", "--counted", "500.000");
  DO ("settle", "--close", "--as", "Ketua", "--statements", second);

  /* The first settlement again: the same statements, CSV and numbers. */
  shown = RUN_OK ("settle", "--settlement", "K1-S000001", "--statements", again, "--csv", csv_again,
                  "--excel", "--json");
  g_assert_cmpstr (shown->out, ==, closed->out);
  n = assert_same_statements (at_close, again);
  g_assert_cmpuint (n, >, 5);
  csv_a = read_file (csv_close);
  csv_b = read_file (csv_again);
  g_assert_cmpstr (csv_a, ==, csv_b);
  g_clear_pointer (&csv_a, g_free);
  g_clear_pointer (&csv_b, g_free);
  r = RUN_OK ("settle", "--settlement", "K1-S000001", "--csv", plain_again);
  g_clear_pointer (&r, lapak_run_free);
  csv_a = read_file (plain_close);
  csv_b = read_file (plain_again);
  g_assert_cmpstr (csv_a, ==, csv_b);
  g_assert_nonnull (strstr (csv_a, "K1-S000001"));
  g_assert_false (g_str_has_prefix (csv_a, "\xEF\xBB\xBF"));

  /* …while the second differs (so the comparison can tell them apart). */
  {
    g_autofree char *a = g_build_filename (at_close, "KLL.pdf", NULL);
    g_autofree char *b = g_build_filename (second, "KLL.pdf", NULL);

    kll_close = pdftotext (a);
    kll_second = pdftotext (b);
    g_assert_cmpstr (kll_close, !=, kll_second);
    g_assert_nonnull (strstr (kll_close, "K1-S000001"));
    g_assert_nonnull (strstr (kll_second, "K1-S000002"));
  }

  /* The text form names the settlement, and adds no hint to close it. */
  r = RUN_OK ("settle", "--settlement", "K1-S000001");
  g_assert_nonnull (strstr (r->out, "Settlement K1-S000001"));
  g_assert_null (strstr (r->out, "--close"));
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("settle", "--settlement", "K1-S000009");
  lapak_test_assert_refused (r, "an unknown settlement", "K1-S000009");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("settle", "--settlement", "K1-S000001", "--close", "--as", "Ketua");
  lapak_test_assert_status (r, 2, "--settlement with --close");
  g_assert_nonnull (strstr (r->err, "--settlement"));
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_OK ("journal", "verify");
  g_assert_true (g_str_has_prefix (r->out, "ok "));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = lapak_test_make_dir ();
  db = g_build_filename (dir, "lapak.db", NULL);
  db_env = g_strconcat ("LAPAK_DB=", db, NULL);

  g_test_add_func ("/cli-settle-again/statements", test_again);
  rc = g_test_run ();
  lapak_test_remove_tree (dir);
  g_free (dir);
  g_free (db_env);
  return rc;
}
