/* lapak-qr.c — QR codes drawn with cairo
 *
 * The code is drawn as a 1-bit image, one pixel a module, used as a mask
 * and scaled with the nearest filter: PDF viewers and printers get sharp
 * module edges, and the PDF stays small and fast to write (see
 * ../shared/recipes/perf-floors.md: about 8× faster than drawing each
 * module as a rectangle).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-print"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <qrencode.h>

#include "lapak-error.h"
#include "lapak-qr.h"

/**
 * lapak_qr_pattern:
 * @out_modules: (out): modules per side, without a quiet zone
 *
 * Returns: (transfer full): a pattern, 1 unit per module, whose opaque
 * pixels are the dark modules; or %NULL with @error set
 */
cairo_pattern_t *
lapak_qr_pattern (const char  *text,
                  int         *out_modules,
                  GError     **error)
{
  QRcode *qr = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  cairo_surface_t *surface;
  cairo_pattern_t *pattern;
  unsigned char *data;
  int stride;

  if (qr == NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("Cannot make a QR code of “%s”: %s."), text, g_strerror (errno));
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_A1, qr->width, qr->width);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  memset (data, 0, (size_t)stride * qr->width);
  for (int y = 0; y < qr->width; y++)
    {
      uint32_t *row = (uint32_t *)(gpointer)(data + (size_t)y * stride);

      for (int x = 0; x < qr->width; x++)
        if (qr->data[y * qr->width + x] & 1)
          {
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
            row[x >> 5] |= (uint32_t)1 << (x & 31);
#else
            row[x >> 5] |= (uint32_t)1 << (31 - (x & 31));
#endif
          }
    }
  cairo_surface_mark_dirty (surface);

  pattern = cairo_pattern_create_for_surface (surface);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_surface_destroy (surface);
  *out_modules = qr->width;
  QRcode_free (qr);
  return pattern;
}

/* Draws @qr in black with its top-left corner at (@x, @y), @module units a module. */
void
lapak_qr_draw (cairo_t         *cr,
               cairo_pattern_t *qr,
               double           x,
               double           y,
               double           module)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, module, module);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_mask (cr, qr);
  cairo_restore (cr);
}

/**
 * lapak_qr_image:
 * @text: what the code says
 * @size_px: about how wide the image should be; it is at most this wide
 *   unless a module would be smaller than 2 pixels
 *
 * The code for a screen: black on white, each module a square of whole
 * pixels (no blurred edges for a phone reading it from a distance), with
 * the 4-module quiet zone the standard asks for.
 *
 * Returns: (transfer full): an opaque %CAIRO_FORMAT_ARGB32 image, or %NULL with
 * @error set
 */
cairo_surface_t *
lapak_qr_image (const char  *text,
                int          size_px,
                GError     **error)
{
  const int quiet = 4;
  cairo_pattern_t *qr;
  cairo_surface_t *surface;
  cairo_t *cr;
  int modules = 0;
  int scale;
  int side;

  g_return_val_if_fail (text != NULL, NULL);

  if ((qr = lapak_qr_pattern (text, &modules, error)) == NULL)
    return NULL;
  scale = MAX (2, size_px / (modules + 2 * quiet));
  side = (modules + 2 * quiet) * scale;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  lapak_qr_draw (cr, qr, quiet * scale, quiet * scale, scale);
  cairo_destroy (cr);
  cairo_pattern_destroy (qr);
  cairo_surface_flush (surface);
  return surface;
}
