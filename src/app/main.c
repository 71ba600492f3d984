/* main.c — the lapak kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "lapak-application.h"

static const char *
locale_dir (void)
{
  const char *env = g_getenv ("LAPAK_LOCALEDIR");

  return env != NULL && *env != '\0' ? env : LOCALEDIR;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LapakApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = lapak_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
