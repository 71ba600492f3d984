/* lapak-test-cli.c — running the built lapakctl from the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lapakctl comes from $LAPAKCTL (set by tests/meson.build). It runs in a
 * known environment: English (LANGUAGE=en, LC_ALL=C.UTF-8), and none of the
 * caller's LAPAK_DB, LAPAK_PIN, LAPAK_APPROVER_PIN or LC_MESSAGES; @env adds
 * or overrides NAME=VALUE pairs on top of that.
 */
#include <string.h>
#include <sys/wait.h>

#include "lapak-test-cli.h"

void
lapak_run_free (LapakRun *run)
{
  if (run == NULL)
    return;
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

LapakRun *
lapak_test_run (const char * const *env,
                const char * const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  const char *lapakctl = g_getenv ("LAPAKCTL");
  LapakRun *run = g_new0 (LapakRun, 1);
  int wait_status;

  g_assert_nonnull (lapakctl);
  envp = g_environ_unsetenv (envp, "LAPAK_DB");
  envp = g_environ_unsetenv (envp, "LAPAK_PIN");
  envp = g_environ_unsetenv (envp, "LAPAK_APPROVER_PIN");
  envp = g_environ_unsetenv (envp, "LC_MESSAGES");
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env[i], "=", 2);

      g_assert_nonnull (kv[1]);
      envp = g_environ_setenv (envp, kv[0], kv[1], TRUE);
    }

  g_ptr_array_add (argv, (gpointer)lapakctl);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  return run;
}

/* Like lapak_test_run(), and the test stops unless lapakctl exits 0. */
LapakRun *
lapak_test_run_ok (const char * const *env,
                   const char * const *args)
{
  LapakRun *run = lapak_test_run (env, args);

  if (run->status != 0)
    g_error ("lapakctl %s: exit %d\nstdout: %s\nstderr: %s", args[0], run->status, run->out, run->err);
  return run;
}

void
lapak_test_assert_status (LapakRun   *run,
                          int         expected,
                          const char *what)
{
  if (run->status != expected)
    g_error ("%s: exit %d, expected %d\nstdout: %s\nstderr: %s",
             what, run->status, expected, run->out, run->err);
}

/* Exit 1, one clear line on stderr that mentions @mentions (if not NULL),
 * nothing on stdout. */
void
lapak_test_assert_refused (LapakRun   *run,
                           const char *what,
                           const char *mentions)
{
  lapak_test_assert_status (run, 1, what);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "lapakctl: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
  g_assert_cmpuint (strlen (run->err), >, 30);
  if (mentions != NULL && strstr (run->err, mentions) == NULL)
    g_error ("%s: “%s” does not mention “%s”", what, run->err, mentions);
}

JsonNode *
lapak_test_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

void
lapak_test_assert_members (JsonObject         *object,
                           const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (!json_object_has_member (object, names[i]))
      g_error ("JSON object lacks “%s”", names[i]);
}

gint64
lapak_test_member_int (JsonObject *object,
                       const char *name)
{
  JsonNode *n = json_object_get_member (object, name);

  g_assert_nonnull (n);
  g_assert_cmpint (json_node_get_value_type (n), ==, G_TYPE_INT64);
  return json_node_get_int (n);
}
