/* lapak-text-fit.h — text shortened with "…" to fit a Pango layout
 * (private to src/print)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

void lapak_layout_set_fitting_text (PangoLayout *layout,
                                    const char  *text,
                                    int          max_lines);

G_END_DECLS
