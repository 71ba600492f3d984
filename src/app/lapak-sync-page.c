/* lapak-sync-page.c — the organiser's sync screen in the kiosk: USB stick and LAN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Export to USB stick" writes this database's bundle into a folder (a
 * mounted stick by default), "Import from USB stick" imports every bundle
 * in that folder meant for this database (at the hub: the tills'; at a
 * till: its hub's), "Sync now" makes one round over the LAN with the hub
 * whose address is remembered. The work runs in a GTask thread on its own
 * connection to the database, so the till keeps selling meanwhile; a
 * progress bar follows it. Every rule is the core's (lapak-sync.c,
 * lapak-sync-net.c); this page only chooses files and shows results.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <unistd.h>

#include "lapak-error.h"
#include "lapak-sync-auto.h"
#include "lapak-sync-net.h"
#include "lapak-sync-page.h"
#include "lapak-sync.h"

typedef enum
{
  WORK_EXPORT,
  WORK_IMPORT,
  WORK_PUSH,
} WorkKind;

/* Shared by the worker thread and the page's progress timer. */
typedef struct
{
  gatomicrefcount  ref;
  WorkKind         kind;
  char            *db_path;
  char            *folder;
  gint             permille;   /* atomic: 0…1000, -1 while unknown */
} Work;

struct _LapakSyncPage
{
  GtkBox          parent_instance;

  LapakDb        *db;
  GHashTable     *widgets;     /* id → GtkWidget (not owned) */
  GtkLabel       *status;
  GtkEntry       *folder;
  GtkProgressBar *progress;
  GtkLabel       *message;
  GtkWidget      *export_button;
  GtkWidget      *import_button;
  GtkWidget      *sync_button;
  GtkWidget      *back_button;
  Work           *work;        /* while busy */
  guint           progress_id;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (LapakSyncPage, lapak_sync_page, GTK_TYPE_BOX)

enum
{
  SIGNAL_DONE,
  SIGNAL_SYNCED,
  SIGNAL_PUSHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static Work *
work_ref (Work *w)
{
  g_atomic_ref_count_inc (&w->ref);
  return w;
}

static void
work_unref (Work *w)
{
  if (w == NULL || !g_atomic_ref_count_dec (&w->ref))
    return;
  g_free (w->db_path);
  g_free (w->folder);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Work, work_unref)

/* ---------- what the header and the page say ---------- */

char *
lapak_sync_status_text (LapakDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  LapakSyncPending p;

  if (db == NULL || !lapak_sync_pending (db, &p, &error) || p.role == LAPAK_SYNC_NONE)
    return NULL;
  if (p.role == LAPAK_SYNC_HUB)
    return g_strdup (_("Hub: collects the tills' records"));
  if (p.synced_at > 0)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (p.synced_at / G_USEC_PER_SEC);

      when = at != NULL ? g_date_time_format (at, "%H:%M") : NULL;
    }
  if (when == NULL)
    return g_strdup_printf (ngettext ("Never synced · %" PRId64 " record not at the hub yet",
                                      "Never synced · %" PRId64 " records not at the hub yet",
                                      (gulong)p.pending),
                            p.pending);
  if (p.pending == 0)
    return g_strdup_printf (_("Synced %s · all records at the hub"), when);
  return g_strdup_printf (ngettext ("Synced %s · %" PRId64 " record not at the hub yet",
                                    "Synced %s · %" PRId64 " records not at the hub yet",
                                    (gulong)p.pending),
                          when, p.pending);
}

char *
lapak_sync_status_short (LapakDb *db)
{
  return lapak_sync_status_header (db, FALSE);
}

char *
lapak_sync_status_header (LapakDb  *db,
                          gboolean  unreachable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  LapakSyncPending p;

  if (db == NULL || !lapak_sync_pending (db, &p, &error) || p.role == LAPAK_SYNC_NONE)
    return NULL;
  if (p.role == LAPAK_SYNC_HUB)
    return g_strdup (_("Hub"));
  if (p.synced_at > 0)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (p.synced_at / G_USEC_PER_SEC);

      when = at != NULL ? g_date_time_format (at, "%H:%M") : NULL;
    }
  if (unreachable && p.pending == 0)
    /* Translators: the kiosk header (two short lines) when the last sync did not reach the hub; then the last sync's time */
    return g_strdup_printf (_("Hub unreachable\nlast sync %s"), when != NULL ? when : _("never"));
  if (unreachable)
    /* Translators: the kiosk header (two short lines): the hub did not answer; records not at the hub yet; the last sync's time */
    return g_strdup_printf (ngettext ("Hub unreachable\n%" PRId64 " not at hub · %s",
                                      "Hub unreachable\n%" PRId64 " not at hub · %s", (gulong)p.pending),
                            p.pending, when != NULL ? when : _("never synced"));
  if (p.pending == 0)
    return g_strdup_printf (_("Synced %s"), when != NULL ? when : "");
  /* Translators: the kiosk header's sync status: records not at the hub yet, then the last sync's time */
  return g_strdup_printf (ngettext ("%" PRId64 " not at hub · %s", "%" PRId64 " not at hub · %s",
                                    (gulong)p.pending),
                          p.pending, when != NULL ? when : _("never synced"));
}

char *
lapak_sync_default_folder (void)
{
  const char *user = g_get_user_name ();
  g_autofree char *media_user = g_build_filename ("/media", user, NULL);
  g_autofree char *run_media_user = g_build_filename ("/run/media", user, NULL);
  const char *roots[] = { media_user, run_media_user, "/media" };

  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    {
      g_autoptr(GDir) dir = g_dir_open (roots[i], 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (roots[i], name, NULL);

          if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_str_equal (path, media_user) &&
              !g_str_equal (path, run_media_user) && access (path, W_OK) == 0)
            return g_steal_pointer (&path);
        }
    }
  return g_strdup (g_get_home_dir ());
}

static void
refresh_status (LapakSyncPage *self)
{
  g_autofree char *text = lapak_sync_status_text (self->db);
  g_autofree char *url = self->db != NULL ? lapak_sync_get_hub_url (self->db) : NULL;
  LapakSyncInfo info = { 0 };
  gboolean till = FALSE;

  if (self->db != NULL && lapak_sync_get_info (self->db, &info, NULL))
    till = info.role == LAPAK_SYNC_TILL;
  lapak_sync_info_clear (&info);
  gtk_label_set_label (self->status, text != NULL ? text
                       : _("This till is not paired with a hub. Pair it first (lapakctl sync pair)."));
  gtk_widget_set_visible (self->sync_button, till && url != NULL);
  gtk_widget_set_sensitive (self->export_button, text != NULL && self->work == NULL);
  gtk_widget_set_sensitive (self->import_button, text != NULL && self->work == NULL);
  gtk_widget_set_sensitive (self->sync_button, self->work == NULL);
}

/* ---------- the work, off the main thread ---------- */

static char *
summarise_import (int64_t     bundles,
                  int64_t     new_sales,
                  int64_t     catalogue,
                  int64_t     conflicts,
                  GString    *refused)
{
  GString *text = g_string_new (NULL);

  if (bundles == 0 && refused->len == 0)
    return g_string_free (text, FALSE);
  g_string_append_printf (text, ngettext ("Imported %" PRId64 " bundle: %" PRId64 " new sales, %" PRId64
                                          " catalogue changes, %" PRId64 " conflicts.",
                                          "Imported %" PRId64 " bundles: %" PRId64 " new sales, %" PRId64
                                          " catalogue changes, %" PRId64 " conflicts.",
                                          (gulong)bundles),
                          bundles, new_sales, catalogue, conflicts);
  g_string_append (text, refused->str);
  return g_string_free (text, FALSE);
}

static void
work_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Work *w = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_db_open (w->db_path, &error);
  LapakSyncInfo info = { 0 };

  if (db == NULL || !lapak_sync_get_info (db, &info, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (w->kind == WORK_EXPORT)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s.lapak", info.event, lapak_db_get_till_id (db));
      g_autofree char *path = g_build_filename (w->folder, name, NULL);
      int64_t entries = 0;

      if (!lapak_sync_export (db, path, &entries, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task,
                               g_strdup_printf (ngettext ("Wrote %s (%" PRId64 " journal entry). Take the stick "
                                                          "to the hub and import it there.",
                                                          "Wrote %s (%" PRId64 " journal entries). Take the "
                                                          "stick to the hub and import it there.",
                                                          (gulong)entries),
                                                path, entries),
                               g_free);
    }
  else if (w->kind == WORK_IMPORT)
    {
      g_autoptr(GDir) dir = g_dir_open (w->folder, 0, &error);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) refused = g_string_new (NULL);
      int64_t bundles = 0, new_sales = 0, catalogue = 0, conflicts = 0;
      const char *name;

      if (dir == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          goto out;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".lapak"))
          g_ptr_array_add (files, g_build_filename (w->folder, name, NULL));
      g_ptr_array_sort (files, (GCompareFunc)g_strcmp0);
      for (guint i = 0; i < files->len; i++)
        {
          const char *path = g_ptr_array_index (files, i);
          g_autofree char *contents = NULL;
          g_auto(LapakSyncHeader) header = { 0 };
          g_autoptr(LapakSyncResult) result = NULL;
          g_autoptr(GError) file_error = NULL;
          gsize length = 0;
          gboolean ours;

          g_atomic_int_set (&w->permille, (gint)(i * 1000 / files->len));
          /* Only the bundles meant for this database: the others on the
           * stick (this till's own, other events') are left alone. */
          if (!g_file_get_contents (path, &contents, &length, NULL) ||
              !lapak_sync_header_parse (path, contents, length, &header, NULL))
            continue;
          g_clear_pointer (&contents, g_free);
          ours = g_strcmp0 (header.event, info.event) == 0 &&
                 !g_str_equal (header.from, lapak_db_get_till_id (db)) &&
                 (info.role == LAPAK_SYNC_HUB ? header.role == LAPAK_SYNC_TILL
                                              : header.role == LAPAK_SYNC_HUB && g_strcmp0 (header.from,
                                                                                            info.hub) == 0);
          if (!ours)
            continue;
          if (!(result = lapak_sync_import (db, path, &file_error)))
            {
              g_string_append_c (refused, '\n');
              g_string_append (refused, file_error->message);
              continue;
            }
          bundles++;
          new_sales += result->new_sales;
          catalogue += result->catalogue_added + result->catalogue_updated;
          conflicts += result->conflicts->len;
        }
      if (bundles == 0 && refused->len == 0)
        g_task_return_new_error (task, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                                 info.role == LAPAK_SYNC_HUB
                                 ? _("No till's bundle in %s. Export one at a till first, then import it here.")
                                 : _("No bundle of this till's hub in %s. Export one at the hub first, then "
                                     "import it here."),
                                 w->folder);
      else
        g_task_return_pointer (task, summarise_import (bundles, new_sales, catalogue, conflicts, refused),
                               g_free);
    }
  else
    {
      g_autoptr(LapakSyncResult) pushed = NULL;
      g_autoptr(LapakSyncResult) pulled = lapak_sync_auto_push (db, &pushed, &error);

      if (pulled == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task,
                               g_strdup_printf (_("Synced with the hub: %" PRId64 " new sales there; %" PRId64
                                                  " catalogue changes here."),
                                                pushed != NULL ? pushed->new_sales : 0,
                                                pulled->catalogue_added + pulled->catalogue_updated),
                               g_free);
    }
out:
  lapak_sync_info_clear (&info);
}

static gboolean
progress_tick_cb (gpointer data)
{
  LapakSyncPage *self = data;
  gint permille;

  if (self->work == NULL)
    return G_SOURCE_CONTINUE;
  permille = g_atomic_int_get (&self->work->permille);
  if (permille < 0)
    gtk_progress_bar_pulse (self->progress);
  else
    gtk_progress_bar_set_fraction (self->progress, permille / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
work_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  LapakSyncPage *self = LAPAK_SYNC_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean push = self->work != NULL && self->work->kind == WORK_PUSH;

  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_pointer (&self->work, work_unref);
  gtk_progress_bar_set_fraction (self->progress, error == NULL ? 1.0 : 0.0);
  gtk_label_set_label (self->message, error != NULL ? error->message : text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->message), error != NULL ? "success" : "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->message), error != NULL ? "error" : "success");
  gtk_widget_set_visible (GTK_WIDGET (self->message), TRUE);
  gtk_widget_set_sensitive (self->back_button, TRUE);
  if (push)
    g_signal_emit (self, signals[SIGNAL_PUSHED], 0, error);
  refresh_status (self);
  g_signal_emit (self, signals[SIGNAL_SYNCED], 0);
}

static void
start_work (LapakSyncPage *self,
            WorkKind       kind)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(Work) w = NULL;
  const char *folder = gtk_editable_get_text (GTK_EDITABLE (self->folder));

  if (self->db == NULL || self->work != NULL)
    return;
  if (kind != WORK_PUSH && !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *text = g_strdup_printf (_("The folder %s does not exist. Put in the USB stick, or type "
                                                 "the folder where it is mounted."), folder);

      gtk_label_set_label (self->message, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->message), TRUE);
      return;
    }
  w = g_new0 (Work, 1);
  g_atomic_ref_count_init (&w->ref);
  w->kind = kind;
  w->db_path = g_strdup (lapak_db_get_path (self->db));
  w->folder = g_strdup (folder);
  w->permille = kind == WORK_IMPORT ? 0 : -1;
  self->work = work_ref (w);

  gtk_progress_bar_set_fraction (self->progress, 0.0);
  gtk_label_set_label (self->message, kind == WORK_EXPORT ? _("Writing the bundle…")
                                      : kind == WORK_IMPORT ? _("Importing…") : _("Syncing with the hub…"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->message), "success");
  gtk_widget_set_visible (GTK_WIDGET (self->message), TRUE);
  gtk_widget_set_sensitive (self->back_button, TRUE);
  refresh_status (self);
  self->progress_id = g_timeout_add (100, progress_tick_cb, self);

  task = g_task_new (self, self->cancellable, work_done_cb, NULL);
  g_task_set_source_tag (task, start_work);
  g_task_set_task_data (task, g_steal_pointer (&w), (GDestroyNotify)work_unref);
  g_task_run_in_thread (task, work_thread);
}

static void
export_clicked_cb (LapakSyncPage *self)
{
  start_work (self, WORK_EXPORT);
}

static void
import_clicked_cb (LapakSyncPage *self)
{
  start_work (self, WORK_IMPORT);
}

static void
sync_clicked_cb (LapakSyncPage *self)
{
  start_work (self, WORK_PUSH);
}

static void
back_clicked_cb (LapakSyncPage *self)
{
  g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         data)
{
  LapakSyncPage *self = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        lapak_sync_page_set_folder (self, path);
    }
  g_object_unref (dialog);
}

static void
choose_clicked_cb (LapakSyncPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("The USB stick's folder"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("Choose"), _("Cancel"));

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---------- building ---------- */

static GtkWidget *
named (LapakSyncPage *self,
       GtkWidget     *widget,
       const char    *id)
{
  gtk_widget_set_name (widget, id);
  g_hash_table_insert (self->widgets, (gpointer)id, widget);
  return widget;
}

static GtkWidget *
big_button (LapakSyncPage *self,
            const char    *label,
            const char    *id,
            GCallback      callback)
{
  GtkWidget *button = named (self, gtk_button_new_with_label (label), id);

  gtk_widget_set_size_request (button, -1, 56);
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static void
lapak_sync_page_dispose (GObject *object)
{
  LapakSyncPage *self = LAPAK_SYNC_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_pointer (&self->work, work_unref);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (lapak_sync_page_parent_class)->dispose (object);
}

static void
lapak_sync_page_finalize (GObject *object)
{
  LapakSyncPage *self = LAPAK_SYNC_PAGE (object);

  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->widgets);
  G_OBJECT_CLASS (lapak_sync_page_parent_class)->finalize (object);
}

static void
lapak_sync_page_class_init (LapakSyncPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lapak_sync_page_dispose;
  object_class->finalize = lapak_sync_page_finalize;
  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);
  signals[SIGNAL_SYNCED] = g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 0);
  /* After "Sync now": the GError of a round that failed, NULL if it worked. */
  signals[SIGNAL_PUSHED] = g_signal_new ("pushed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
lapak_sync_page_init (LapakSyncPage *self)
{
  GtkBox *box = GTK_BOX (self);
  GtkWidget *title = gtk_label_new (_("Sync"));
  GtkWidget *folder_label = gtk_label_new (_("USB stick folder"));
  GtkWidget *folder_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  self->cancellable = g_cancellable_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (box, 18);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 48);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 48);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 36);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 36);

  gtk_widget_add_css_class (title, "title-1");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (box, title);

  self->status = GTK_LABEL (named (self, gtk_label_new (""), "status"));
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_wrap (self->status, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "title-3");
  gtk_box_append (box, GTK_WIDGET (self->status));

  gtk_label_set_xalign (GTK_LABEL (folder_label), 0);
  gtk_box_append (box, folder_label);
  self->folder = GTK_ENTRY (named (self, gtk_entry_new (), "folder"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->folder), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->folder), -1, 48);
  gtk_box_append (GTK_BOX (folder_row), GTK_WIDGET (self->folder));
  gtk_box_append (GTK_BOX (folder_row), big_button (self, _("Choose…"), "choose_button",
                                                    G_CALLBACK (choose_clicked_cb)));
  gtk_box_append (box, folder_row);

  self->export_button = big_button (self, _("Export to USB stick"), "export_button", G_CALLBACK (export_clicked_cb));
  self->import_button = big_button (self, _("Import from USB stick"), "import_button",
                                    G_CALLBACK (import_clicked_cb));
  self->sync_button = big_button (self, _("Sync now"), "sync_button", G_CALLBACK (sync_clicked_cb));
  gtk_widget_add_css_class (self->export_button, "suggested-action");
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_box_append (GTK_BOX (buttons), self->export_button);
  gtk_box_append (GTK_BOX (buttons), self->import_button);
  gtk_box_append (GTK_BOX (buttons), self->sync_button);
  gtk_box_append (box, buttons);

  self->progress = GTK_PROGRESS_BAR (named (self, gtk_progress_bar_new (), "progress"));
  gtk_widget_set_size_request (GTK_WIDGET (self->progress), -1, 24);
  gtk_box_append (box, GTK_WIDGET (self->progress));

  self->message = GTK_LABEL (named (self, gtk_label_new (""), "message"));
  gtk_label_set_xalign (self->message, 0);
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_selectable (self->message, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (box, GTK_WIDGET (self->message));

  self->back_button = big_button (self, _("Back to selling"), "back_button", G_CALLBACK (back_clicked_cb));
  gtk_widget_set_halign (self->back_button, GTK_ALIGN_START);
  gtk_widget_set_valign (self->back_button, GTK_ALIGN_END);
  gtk_widget_set_vexpand (self->back_button, TRUE);
  gtk_box_append (box, self->back_button);
}

GtkWidget *
lapak_sync_page_new (void)
{
  return g_object_new (LAPAK_TYPE_SYNC_PAGE, NULL);
}

void
lapak_sync_page_load (LapakSyncPage   *self,
                      LapakDb         *db,
                      const LapakUser *user)
{
  g_return_if_fail (LAPAK_IS_SYNC_PAGE (self));

  g_set_object (&self->db, db);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->folder)) == '\0')
    {
      g_autofree char *folder = lapak_sync_default_folder ();

      lapak_sync_page_set_folder (self, folder);
    }
  if (self->work == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
      gtk_progress_bar_set_fraction (self->progress, 0.0);
    }
  refresh_status (self);
}

void
lapak_sync_page_set_folder (LapakSyncPage *self,
                            const char    *folder)
{
  g_return_if_fail (LAPAK_IS_SYNC_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->folder), folder);
}

const char *
lapak_sync_page_get_folder (LapakSyncPage *self)
{
  g_return_val_if_fail (LAPAK_IS_SYNC_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->folder));
}

gboolean
lapak_sync_page_is_busy (LapakSyncPage *self)
{
  g_return_val_if_fail (LAPAK_IS_SYNC_PAGE (self), FALSE);
  return self->work != NULL;
}

GtkWidget *
lapak_sync_page_get_widget (LapakSyncPage *self,
                            const char    *id)
{
  g_return_val_if_fail (LAPAK_IS_SYNC_PAGE (self), NULL);
  return g_hash_table_lookup (self->widgets, id);
}
