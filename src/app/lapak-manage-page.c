/* lapak-manage-page.c — the organiser's "Manage" hub in the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Big touch tiles, one per section (events, tenants, users, spreadsheet
 * import, and whatever other screens add themselves with
 * lapak_manage_page_add_section()); one "Back" button goes from a section
 * to the tiles and from the tiles back to selling.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <glib/gi18n.h>

#include "lapak-manage-events.h"
#include "lapak-manage-import.h"
#include "lapak-manage-page.h"
#include "lapak-manage-tenants.h"
#include "lapak-manage-users.h"
#include "lapak-manage-util.h"

typedef struct
{
  char                *id;
  char                *title;
  GtkWidget           *section;
  LapakManageLoadFunc  load;
} Section;

struct _LapakManagePage
{
  GtkBox           parent_instance;

  LapakDb         *db;
  const LapakUser *user;          /* borrowed from the window while shown */
  GHashTable      *widgets;       /* name → widget */
  GPtrArray       *sections;      /* Section */
  GtkStack        *stack;         /* "hub" and one child per section */
  GtkFlowBox      *tiles;
  GtkLabel        *title;
};

G_DEFINE_FINAL_TYPE (LapakManagePage, lapak_manage_page, GTK_TYPE_BOX)

enum { SIGNAL_DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
section_free (Section *s)
{
  g_free (s->id);
  g_free (s->title);
  g_free (s);
}

static Section *
find_section (LapakManagePage *self,
              const char      *id)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *s = g_ptr_array_index (self->sections, i);

      if (g_str_equal (s->id, id))
        return s;
    }
  return NULL;
}

static void
show_hub (LapakManagePage *self)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *s = g_ptr_array_index (self->sections, i);

      s->load (s->section, NULL, NULL);
    }
  gtk_label_set_label (self->title, _("Manage"));
  gtk_stack_set_visible_child_name (self->stack, "hub");
}

static void
back_clicked_cb (LapakManagePage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "hub") != 0)
    show_hub (self);
  else
    g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

static void
tile_clicked_cb (GtkButton *tile,
                 gpointer   data)
{
  LapakManagePage *self = data;

  lapak_manage_page_show_section (self, g_object_get_data (G_OBJECT (tile), "section"));
}

/* ---------- the organiser's own sections ---------- */

static void
load_events (GtkWidget       *section,
             LapakDb         *db,
             const LapakUser *user)
{
  if (db != NULL)
    lapak_manage_events_load (LAPAK_MANAGE_EVENTS (section), db, user);
  else
    lapak_manage_events_clear (LAPAK_MANAGE_EVENTS (section));
}

static void
load_tenants (GtkWidget       *section,
              LapakDb         *db,
              const LapakUser *user)
{
  if (db != NULL)
    lapak_manage_tenants_load (LAPAK_MANAGE_TENANTS (section), db, user);
  else
    lapak_manage_tenants_clear (LAPAK_MANAGE_TENANTS (section));
}

static void
load_users (GtkWidget       *section,
            LapakDb         *db,
            const LapakUser *user)
{
  if (db != NULL)
    lapak_manage_users_load (LAPAK_MANAGE_USERS (section), db, user);
  else
    lapak_manage_users_clear (LAPAK_MANAGE_USERS (section));
}

static void
load_import (GtkWidget       *section,
             LapakDb         *db,
             const LapakUser *user)
{
  if (db != NULL)
    lapak_manage_import_load (LAPAK_MANAGE_IMPORT (section), db, user);
  else
    lapak_manage_import_clear (LAPAK_MANAGE_IMPORT (section));
}

static void
lapak_manage_page_dispose (GObject *object)
{
  LapakManagePage *self = LAPAK_MANAGE_PAGE (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  G_OBJECT_CLASS (lapak_manage_page_parent_class)->dispose (object);
}

static void
lapak_manage_page_class_init (LapakManagePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lapak_manage_page_dispose;

  /**
   * LapakManagePage::done:
   *
   * The organiser tapped "Back" on the tiles.
   */
  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);
}

static void
lapak_manage_page_init (LapakManagePage *self)
{
  GtkWidget *top, *w, *scroller;

  self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (top),
                  lapak_manage_button (self->widgets, "back_button", _("Back"), G_CALLBACK (back_clicked_cb), self));
  w = lapak_manage_label (self->widgets, "title", "title-2");
  gtk_label_set_wrap (GTK_LABEL (w), FALSE);
  gtk_widget_set_hexpand (w, TRUE);
  self->title = GTK_LABEL (w);
  gtk_box_append (GTK_BOX (top), w);
  gtk_box_append (GTK_BOX (self), top);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->tiles = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->tiles, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (self->tiles, TRUE);
  gtk_flow_box_set_min_children_per_line (self->tiles, 2);
  gtk_flow_box_set_max_children_per_line (self->tiles, 3);
  gtk_flow_box_set_row_spacing (self->tiles, 18);
  gtk_flow_box_set_column_spacing (self->tiles, 18);
  gtk_widget_set_valign (GTK_WIDGET (self->tiles), GTK_ALIGN_START);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->tiles));
  gtk_stack_add_named (self->stack, scroller, "hub");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->stack));
  gtk_label_set_label (self->title, _("Manage"));

  lapak_manage_page_add_section (self, "events", _("Events"), "x-office-calendar-symbolic",
                                 lapak_manage_events_new (), load_events);
  lapak_manage_page_add_section (self, "tenants", _("Tenants"), "system-users-symbolic",
                                 lapak_manage_tenants_new (), load_tenants);
  lapak_manage_page_add_section (self, "users", _("Users"), "avatar-default-symbolic",
                                 lapak_manage_users_new (), load_users);
  lapak_manage_page_add_section (self, "import", _("Import spreadsheet"), "document-open-symbolic",
                                 lapak_manage_import_new (), load_import);
}

GtkWidget *
lapak_manage_page_new (void)
{
  return g_object_new (LAPAK_TYPE_MANAGE_PAGE, NULL);
}

/* A big touch tile with an icon and a title, in the hub's grid. */
static GtkWidget *
tile_new (LapakManagePage *self,
          const char      *id,
          const char      *title,
          const char      *icon_name)
{
  GtkWidget *tile, *box, *image, *label;
  char *tile_name;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  image = gtk_image_new_from_icon_name (icon_name);
  gtk_image_set_pixel_size (GTK_IMAGE (image), 64);
  gtk_box_append (GTK_BOX (box), image);
  label = gtk_label_new (title);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "title-3");
  gtk_box_append (GTK_BOX (box), label);
  tile = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (tile), box);
  gtk_widget_set_size_request (tile, 260, 180);
  gtk_widget_add_css_class (tile, "card");
  tile_name = g_strconcat ("tile_", id, NULL);
  gtk_widget_set_name (tile, tile_name);
  /* The table borrows its keys: the tile keeps the name alive. */
  g_object_set_data_full (G_OBJECT (tile), "tile-name", tile_name, g_free);
  g_hash_table_insert (self->widgets, tile_name, tile);
  gtk_flow_box_append (self->tiles, tile);
  return tile;
}

/**
 * lapak_manage_page_add_section:
 * @id: the section's name, also its tile's ("tile_" + @id)
 * @load: loads @section when opened, clears it (%NULL db and user) when left
 *
 * Adds a tile to the hub that opens @section.
 */
void
lapak_manage_page_add_section (LapakManagePage     *self,
                               const char          *id,
                               const char          *title,
                               const char          *icon_name,
                               GtkWidget           *section,
                               LapakManageLoadFunc  load)
{
  Section *s;
  GtkWidget *tile;

  g_return_if_fail (LAPAK_IS_MANAGE_PAGE (self));
  g_return_if_fail (find_section (self, id) == NULL);

  s = g_new0 (Section, 1);
  s->id = g_strdup (id);
  s->title = g_strdup (title);
  s->section = section;
  s->load = load;
  g_ptr_array_add (self->sections, s);
  gtk_stack_add_named (self->stack, section, id);

  tile = tile_new (self, id, title, icon_name);
  g_object_set_data_full (G_OBJECT (tile), "section", g_strdup (id), g_free);
  g_signal_connect (tile, "clicked", G_CALLBACK (tile_clicked_cb), self);
}

/**
 * lapak_manage_page_add_link:
 * @id: the tile's name is "tile_" + @id
 *
 * Adds a tile to the hub for a screen of its own (settlement, products,
 * sync): the caller connects to the returned button's "clicked".
 *
 * Returns: (transfer none): the tile
 */
GtkWidget *
lapak_manage_page_add_link (LapakManagePage *self,
                            const char      *id,
                            const char      *title,
                            const char      *icon_name)
{
  g_return_val_if_fail (LAPAK_IS_MANAGE_PAGE (self), NULL);

  return tile_new (self, id, title, icon_name);
}

void
lapak_manage_page_show_section (LapakManagePage *self,
                                const char      *id)
{
  Section *s;

  g_return_if_fail (LAPAK_IS_MANAGE_PAGE (self));

  if ((s = find_section (self, id)) == NULL)
    return;
  s->load (s->section, self->db, self->user);
  gtk_label_set_label (self->title, s->title);
  gtk_stack_set_visible_child_name (self->stack, id);
}

void
lapak_manage_page_load (LapakManagePage *self,
                        LapakDb         *db,
                        const LapakUser *user)
{
  g_return_if_fail (LAPAK_IS_MANAGE_PAGE (self));

  g_set_object (&self->db, db);
  self->user = user;
  show_hub (self);
}

void
lapak_manage_page_clear (LapakManagePage *self)
{
  g_return_if_fail (LAPAK_IS_MANAGE_PAGE (self));

  show_hub (self);
  self->user = NULL;
  g_clear_object (&self->db);
}

GtkWidget *
lapak_manage_page_get_section (LapakManagePage *self,
                               const char      *id)
{
  Section *s;

  g_return_val_if_fail (LAPAK_IS_MANAGE_PAGE (self), NULL);
  s = find_section (self, id);
  return s != NULL ? s->section : NULL;
}

GtkWidget *
lapak_manage_page_get_widget (LapakManagePage *self,
                              const char      *id)
{
  g_return_val_if_fail (LAPAK_IS_MANAGE_PAGE (self), NULL);
  return g_hash_table_lookup (self->widgets, id);
}
