/* lapak-import.h — tenants and products from spreadsheets, all rows or none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

gboolean lapak_import_tenants  (LapakDb          *db,
                                const LapakUser  *actor,
                                const char       *path,
                                guint            *out_count,
                                GError          **error);
gboolean lapak_import_products (LapakDb          *db,
                                const LapakUser  *actor,
                                const char       *path,
                                guint            *out_count,
                                GError          **error);

G_END_DECLS
