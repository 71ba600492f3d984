/* lapak-qr.c — a QR code as a texture, crisp at the size it is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libqrencode gives the modules; each becomes a square of whole pixels,
 * with the 4-module quiet zone the standard asks for, so that a phone can
 * read it from a distance without blurred edges.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <qrencode.h>

#include "lapak-error.h"
#include "lapak-qr.h"

#define QUIET_ZONE 4

/**
 * lapak_qr_texture_new:
 * @text: what the code says
 * @size_px: about how wide the texture should be; it is at most this wide
 *   unless a module would be smaller than 2 pixels
 *
 * Returns: (transfer full): a black-on-white texture, or %NULL
 */
GdkTexture *
lapak_qr_texture_new (const char  *text,
                      int          size_px,
                      GError     **error)
{
  QRcode *qr;
  g_autoptr(GBytes) bytes = NULL;
  guint8 *pixels;
  int modules;
  int scale;
  int side;
  gsize stride;

  g_return_val_if_fail (text != NULL, NULL);

  qr = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  if (qr == NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QR code could not be made (%s)."), g_strerror (errno));
      return NULL;
    }

  modules = qr->width + 2 * QUIET_ZONE;
  scale = MAX (2, size_px / modules);
  side = modules * scale;
  stride = (gsize) side * 3;
  pixels = g_malloc (stride * (gsize) side);
  memset (pixels, 0xff, stride * (gsize) side);

  for (int y = 0; y < qr->width; y++)
    for (int x = 0; x < qr->width; x++)
      {
        if ((qr->data[y * qr->width + x] & 1) == 0)
          continue;
        for (int dy = 0; dy < scale; dy++)
          {
            guint8 *row = pixels + (gsize) ((y + QUIET_ZONE) * scale + dy) * stride;

            memset (row + (gsize) (x + QUIET_ZONE) * scale * 3, 0, (gsize) scale * 3);
          }
      }
  QRcode_free (qr);

  bytes = g_bytes_new_take (pixels, stride * (gsize) side);
  return gdk_memory_texture_new (side, side, GDK_MEMORY_R8G8B8, bytes, stride);
}
