/* lapak-qr.h — a QR code as a texture, crisp at the size it is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GdkTexture *lapak_qr_texture_new (const char  *text,
                                  int          size_px,
                                  GError     **error);

G_END_DECLS
