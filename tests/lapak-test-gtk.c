/* lapak-test-gtk.c — helpers for the tests that drive a window in-process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb (tests/headless.sh). Waits are bounded by a generous limit:
 * ASan on a loaded 2-core machine is slow.
 */
#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lapak-test-gtk.h"

#define WAIT_LIMIT_US (60 * G_USEC_PER_SEC)

/* GTest, GTK and libadwaita as the kiosk has them: the translations of
 * $LAPAK_LOCALEDIR in the environment's language (not gtk_test_init(): it
 * forces the C locale, and the kiosk tests also run in Indonesian), and the
 * kiosk's style sheet, which AdwApplication loads for the real app. */
void
lapak_test_gtk_init (int    *argc,
                     char ***argv)
{
  g_autoptr(GtkCssProvider) css = NULL;
  const char *localedir = g_getenv ("LAPAK_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : "/nonexistent");
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/lapakpos/Lapak/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
lapak_test_gtk_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
lapak_test_gtk_wait_until (LapakTestCondition  condition,
                           gpointer            data,
                           const char         *what)
{
  gint64 end = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

void
lapak_test_gtk_present (GtkWindow *window,
                        int        width,
                        int        height)
{
  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);
  lapak_test_gtk_wait_until (mapped, window, "the window to map");
  lapak_test_gtk_iterate ();
}

/* Taps @button as a person would: only a visible, sensitive one. */
void
lapak_test_gtk_click (gpointer button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  lapak_test_gtk_iterate ();
}

/* The window has been laid out and drawn: its paintable gives a render node. */
static gboolean
drawn (gpointer data)
{
  GtkWidget *window = data;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  if (!gtk_widget_get_mapped (window) || width <= 0 || height <= 0)
    return FALSE;
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return node != NULL;
}

static gboolean
stacks_settled (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return FALSE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (!stacks_settled (c))
      return FALSE;
  return TRUE;
}

static gboolean
window_settled (gpointer data)
{
  return stacks_settled (data);
}

/* The window as it is on screen now, as a PNG in $LAPAK_SCREENSHOT_DIR
 * (nothing without it; @name may hold a subfolder, e.g. "id/login.png").
 * First, not halfway through a page's crossfade, and nothing clipped: the
 * window's minimum size (every label whole, unless it is made to wrap or
 * ellipsize) must fit in the window, else the test fails with the sizes. */
void
lapak_test_gtk_screenshot (GtkWidget  *window,
                           const char *name)
{
  const char *dir = g_getenv ("LAPAK_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *folder = NULL;
  int width;
  int height;
  int min_width = 0;
  int min_height = 0;

  if (dir == NULL)
    return;
  lapak_test_gtk_wait_until (window_settled, window, "the page transitions to end");
  /* Let pending layout and drawing happen first. */
  for (int i = 0; i < 20; i++)
    {
      lapak_test_gtk_iterate ();
      g_usleep (5000);
    }
  /* The first screenshot can come before the window's first frame (seen on
   * a loaded machine): its paintable is empty until then. */
  lapak_test_gtk_wait_until (drawn, window, "the window's first frame");

  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
  if (min_width > width || min_height > height)
    g_error ("%s: the page needs %d×%d, the window is %d×%d: something is clipped",
             name, min_width, min_height, width, height);

  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_build_filename (dir, name, NULL);
  folder = g_path_get_dirname (file);
  g_mkdir_with_parents (folder, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, file));
  g_test_message ("screenshot %s", file);
}
