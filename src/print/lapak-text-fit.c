/* lapak-text-fit.c — text shortened with "…" to fit a Pango layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-print"

#include <string.h>

#include "lapak-text-fit.h"

static void
set_head (PangoLayout *layout,
          const char  *text,
          int          chars)
{
  const char *end = g_utf8_offset_to_pointer (text, chars);
  g_autofree char *head = g_strndup (text, end - text);
  g_autofree char *t = g_strconcat (g_strchomp (head), "…", NULL);

  pango_layout_set_text (layout, t, -1);
}

/**
 * lapak_layout_set_fitting_text:
 * @layout: with its width and wrap mode already set
 *
 * Sets @text on @layout, at most @max_lines lines. Text that does not fit
 * is cut at a cursor position (never inside a character or a cluster) and
 * ends with "…". Done here rather than with Pango's ellipsizing, which
 * keeps the hidden text in a PDF's text layer: a search or a copy from
 * the PDF should find what is printed, nothing more.
 */
void
lapak_layout_set_fitting_text (PangoLayout *layout,
                               const char  *text,
                               int          max_lines)
{
  const PangoLogAttr *attrs;
  g_autofree int *cuts = NULL;
  int n_attrs, n_cuts = 0, lo, hi;

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (layout, text, -1);
  if (pango_layout_get_line_count (layout) <= max_lines)
    return;

  /* the places a cut may go, as character offsets */
  attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
  cuts = g_new (int, n_attrs);
  for (int i = 1; i < n_attrs - 1; i++)
    if (attrs[i].is_cursor_position)
      cuts[n_cuts++] = i;

  /* the longest head that fits with its "…" */
  lo = -1;
  hi = n_cuts;
  while (hi - lo > 1)
    {
      int mid = (lo + hi) / 2;

      set_head (layout, text, cuts[mid]);
      if (pango_layout_get_line_count (layout) <= max_lines)
        lo = mid;
      else
        hi = mid;
    }
  set_head (layout, text, lo >= 0 ? cuts[lo] : 0);
}
