/* lapak-qr.h — QR codes drawn with cairo, for paper and for the kiosk's screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

cairo_pattern_t *lapak_qr_pattern (const char  *text,
                                   int         *out_modules,
                                   GError     **error);
void             lapak_qr_draw    (cairo_t         *cr,
                                   cairo_pattern_t *qr,
                                   double           x,
                                   double           y,
                                   double           module);
cairo_surface_t *lapak_qr_image   (const char      *text,
                                   int              size_px,
                                   GError         **error);

G_END_DECLS
