/* test-i18n.c — lapakctl speaks Indonesian when asked, and nothing breaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built lapakctl with LANGUAGE=id against the catalogue built in
 * the build tree (LAPAK_LOCALEDIR), so these tests check the real .mo file.
 */
#include <string.h>

#include <glib.h>

#include "lapak-test-cli.h"
#include "lapak-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

/* Runs lapakctl in @language with @args (NULL-terminated), against the
 * catalogue in LAPAK_LOCALEDIR. */
static LapakRun *
run_in (const char         *language,
        const char * const *args)
{
  g_autofree char *lang = g_strconcat ("LANGUAGE=", language, NULL);
  const char *env[] = { lang, NULL };

  g_assert_nonnull (g_getenv ("LAPAK_LOCALEDIR"));
  return lapak_test_run (env, args);
}

#define RUN_IN(lang, ...) run_in (lang, (const char *[]) { __VA_ARGS__, NULL })

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = lapak_test_make_dir ();
  f->db = g_build_filename (f->dir, "k1.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* A command without parameters must not show the catalogue's header
 * (what gettext returns for an empty msgid) in its usage line. */
static void
test_help_without_parameters (Fixture       *f,
                              gconstpointer  data)
{
  const char *commands[][2] = { { "init", NULL }, { "shift", "open" }, { "event", "list" } };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(LapakRun) r = commands[i][1] != NULL
                         ? RUN_IN ("id", commands[i][0], commands[i][1], "--help")
                         : RUN_IN ("id", commands[i][0], "--help");

      lapak_test_assert_status (r, 0, "--help");
      g_assert_null (strstr (r->out, "Project-Id-Version"));
      g_assert_null (strstr (r->out, "Content-Type"));
    }

  {
    g_autoptr(LapakRun) r = RUN_IN ("id", "init", "--help");

    /* The summary and the options are Indonesian. */
    g_assert_nonnull (strstr (r->out, "Buat basis data mesin kasir baru"));
    g_assert_nonnull (strstr (r->out, "--organiser=NAMA"));
  }
}

static void
test_overview (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LapakRun) id = RUN_IN ("id", "--help");
  g_autoptr(LapakRun) en = RUN_IN ("en", "--help");
  g_auto(GStrv) id_lines = NULL;
  g_auto(GStrv) en_lines = NULL;

  lapak_test_assert_status (id, 0, "--help (id)");
  lapak_test_assert_status (en, 0, "--help (en)");
  g_assert_nonnull (strstr (id->out, "Perintah:"));
  g_assert_nonnull (strstr (en->out, "Commands:"));

  /* Same commands, in the same order, names untranslated. */
  id_lines = g_strsplit (id->out, "\n", -1);
  en_lines = g_strsplit (en->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (id_lines), ==, g_strv_length (en_lines));
  for (guint i = 0; en_lines[i] != NULL; i++)
    if (g_str_has_prefix (en_lines[i], "  "))
      g_assert_cmpint (strncmp (id_lines[i], en_lines[i], 19), ==, 0);
}

/* Messages with 64-bit numbers are translated too (they are written with
 * PRId64, which gettext understands; G_GINT64_FORMAT cut them short). */
static void
test_numbers_in_messages (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LapakRun) r = NULL;
  g_autofree char *code = NULL;
  g_autofree char *expected = NULL;

  r = RUN_IN ("id", "init", "--db", f->db, "--till", "K1", "--organiser", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "init");
  g_assert_nonnull (strstr (r->out, "Mesin kasir K1 dibuat"));
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_IN ("id", "event", "create", "JCC-2026", "--name", "Pameran UMKM", "--db", f->db,
              "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "event create");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_IN ("id", "tenant", "add", "KLL", "--name", "Keripik", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "tenant add");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_IN ("id", "product", "add", "--tenant", "KLL", "--name", "Keripik Lele", "--price", "15.000",
              "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "product add");
  code = g_strdup (g_strstrip (r->out));
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_IN ("id", "stock", "checkin", code, "--units", "8", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "checkin (id)");
  expected = g_strdup_printf ("Stok masuk dicatat: 8 × %s.\n", code);
  g_assert_cmpstr (r->out, ==, expected);
  g_clear_pointer (&r, lapak_run_free);
  g_clear_pointer (&expected, g_free);

  r = RUN_IN ("en", "stock", "checkin", code, "--units", "2", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "checkin (en)");
  expected = g_strdup_printf ("Checked in 2 × %s.\n", code);
  g_assert_cmpstr (r->out, ==, expected);
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_IN ("id", "shift", "open", "--float", "100.000", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "shift open");
  g_assert_nonnull (strstr (r->out, "Shift 1 dibuka untuk Ketua"));
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_IN ("id", "shift", "open", "--float", "0", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 1, "second shift open");
  g_assert_nonnull (strstr (r->err, "(shift 1)"));
  g_assert_nonnull (strstr (r->err, "Sudah ada shift yang terbuka"));
  g_clear_pointer (&r, lapak_run_free);

  {
    g_autofree char *out = g_build_filename (f->dir, "journal.jsonl", NULL);
    g_autofree char *tail = g_strdup_printf (" entri jurnal ditulis ke %s.\n", out);

    r = RUN_IN ("id", "journal", "export", out, "--db", f->db);
    lapak_test_assert_status (r, 0, "journal export");
    g_assert_true (g_ascii_isdigit (r->out[0]));
    g_assert_true (g_str_has_suffix (r->out, tail));
  }
}

/* A mistyped code gets an Indonesian message naming the code. */
static void
test_error_message (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LapakRun) r = RUN_IN ("id", "qris", "check", "000201");

  lapak_test_assert_status (r, 1, "qris check");
  g_assert_true (g_str_has_prefix (r->err, "lapakctl: "));
  g_assert_nonnull (strstr (r->err, "Kode QRIS"));
  g_assert_null (strstr (r->err, "The QRIS code"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/i18n/help-without-parameters", test_help_without_parameters);
  ADD ("/i18n/overview", test_overview);
  ADD ("/i18n/numbers-in-messages", test_numbers_in_messages);
  ADD ("/i18n/error-message", test_error_message);
#undef ADD

  return g_test_run ();
}
