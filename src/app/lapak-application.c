/* lapak-application.c — the Lapak kiosk application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Options: --demo (a fresh demo event), --db PATH, --kiosk (fullscreen).
 * Without --db the database comes from the GSettings key database-path, or
 * else the user's data folder. The schema is optional, so that the kiosk
 * also runs from the build tree: without it the defaults apply.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>

#include "lapak-application.h"
#include "lapak-db.h"
#include "lapak-demo.h"
#include "lapak-error.h"
#include "lapak-setup-window.h"
#include "lapak-window.h"

struct _LapakApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;   /* NULL when the schema is not installed */
  gboolean        demo;
  gboolean        kiosk;
  char           *db_path;
};

G_DEFINE_FINAL_TYPE (LapakApplication, lapak_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start on a fresh copy of the demo event"), NULL },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The till's database"), N_("PATH") },
  { "kiosk", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Fill the whole screen, without window buttons"), NULL },
  { NULL }
};

/**
 * lapak_demo_data_dir:
 *
 * Where the demo's CSV files are: $LAPAK_DEMO_DIR (the source tree's
 * data/demo when run uninstalled), else the installed copy.
 */
char *
lapak_demo_data_dir (void)
{
  const char *env = g_getenv ("LAPAK_DEMO_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (DATADIR, "lapak", "demo", NULL);
}

static char *
database_path (LapakApplication *self)
{
  g_autofree char *setting = NULL;

  if (self->db_path != NULL)
    return g_strdup (self->db_path);
  if (self->settings != NULL)
    setting = g_settings_get_string (self->settings, "database-path");
  if (setting != NULL && *setting != '\0')
    return g_steal_pointer (&setting);
  return g_build_filename (g_get_user_data_dir (), "lapak", self->demo ? "demo.db" : "lapak.db", NULL);
}

static LapakDb *
open_database (LapakApplication  *self,
               GError           **error)
{
  g_autofree char *path = database_path (self);
  g_autofree char *dir = g_path_get_dirname (path);

  if (!self->demo)
    return lapak_db_open (path, error);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                   _("The folder %s could not be created: %s."), dir, g_strerror (saved));
      return NULL;
    }
  {
    g_autofree char *data = lapak_demo_data_dir ();
    g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "lapak", NULL);

    return lapak_demo_create_cached (path, data, cache, error);
  }
}

static gboolean
kiosk_mode (LapakApplication *self)
{
  return self->kiosk || (self->settings != NULL && g_settings_get_boolean (self->settings, "kiosk-mode"));
}

static GtkWindow *
till_window_new (LapakApplication *self,
                 LapakDb          *db)
{
  LapakWindow *window = lapak_window_new (GTK_APPLICATION (self), db);

  lapak_window_set_idle_lock (window,
                              (self->settings != NULL
                                 ? g_settings_get_uint (self->settings, "idle-lock-minutes")
                                 : 5) * 60);
  if (kiosk_mode (self))
    lapak_window_set_kiosk (window, TRUE);
  lapak_window_set_sync_interval (window, self->settings != NULL
                                            ? g_settings_get_uint (self->settings, "sync-interval-seconds")
                                            : 60);
  return GTK_WINDOW (window);
}

/* The first start made the till: remember its id, and open it. */
static void
setup_created_cb (LapakSetupWindow *setup,
                  LapakDb          *db,
                  LapakApplication *self)
{
  GtkWindow *window = till_window_new (self, db);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "till-id", lapak_db_get_till_id (db));
  gtk_window_present (window);
  gtk_window_destroy (GTK_WINDOW (setup));
}

static void
lapak_application_activate (GApplication *app)
{
  LapakApplication *self = LAPAK_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autofree char *path = database_path (self);

      if (!self->demo && !g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *till_id = self->settings != NULL
                                       ? g_settings_get_string (self->settings, "till-id") : NULL;

          window = GTK_WINDOW (lapak_setup_window_new (GTK_APPLICATION (app), path, till_id));
          g_signal_connect_object (window, "created", G_CALLBACK (setup_created_cb), self, 0);
          if (kiosk_mode (self))
            gtk_window_fullscreen (window);
        }
      else if ((db = open_database (self, &error)))
        window = till_window_new (self, db);
      else
        {
          window = GTK_WINDOW (lapak_window_new_error (GTK_APPLICATION (app), error));
          if (kiosk_mode (self))
            lapak_window_set_kiosk (LAPAK_WINDOW (window), TRUE);
        }
    }
  gtk_window_present (window);
}

static int
lapak_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  LapakApplication *self = LAPAK_APPLICATION (app);
  const char *path = NULL;

  g_variant_dict_lookup (options, "demo", "b", &self->demo);
  g_variant_dict_lookup (options, "kiosk", "b", &self->kiosk);
  if (g_variant_dict_lookup (options, "db", "^&ay", &path))
    {
      g_free (self->db_path);
      self->db_path = g_strdup (path);
    }
  return -1;
}

static void
lapak_application_finalize (GObject *object)
{
  LapakApplication *self = LAPAK_APPLICATION (object);

  g_clear_object (&self->settings);
  g_free (self->db_path);
  G_OBJECT_CLASS (lapak_application_parent_class)->finalize (object);
}

static void
lapak_application_class_init (LapakApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = lapak_application_finalize;
  app_class->activate = lapak_application_activate;
  app_class->handle_local_options = lapak_application_handle_local_options;
}

static void
lapak_application_init (LapakApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)))
    self->settings = g_settings_new_full (schema, NULL, NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

LapakApplication *
lapak_application_new (void)
{
  return g_object_new (LAPAK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/lapakpos/Lapak",
                       NULL);
}
