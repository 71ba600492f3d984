/* fuzz-replay.c — runs a fuzz target over its corpus, as a plain test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with one fuzz-*.c instead of libFuzzer, so that the normal and the
 * sanitizer builds (gcc) replay every seed and every saved crash input on
 * each `meson test`: a property that breaks aborts the test. The arguments
 * after the GTest ones are corpus directories or files.
 */
#include <glib.h>

#include "fuzz-common.h"

static void
replay_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const uint8_t *) contents, length), ==, 0);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
add_path (const char *path,
          guint      *n_added)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, compare_paths);
      for (guint i = 0; i < names->len; i++)
        add_path (g_ptr_array_index (names, i), n_added);
      return;
    }

  {
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *test_path = g_strdup_printf ("/fuzz-replay/%s", base);

    g_test_add_data_func_full (test_path, g_strdup (path), replay_file, g_free);
    (*n_added)++;
  }
}

int
main (int    argc,
      char **argv)
{
  guint n_added = 0;

  g_test_init (&argc, &argv, NULL);

  for (int i = 1; i < argc; i++)
    add_path (argv[i], &n_added);
  if (n_added == 0)
    {
      g_printerr ("fuzz-replay: no corpus file given\n");
      return 1;
    }
  return g_test_run ();
}
