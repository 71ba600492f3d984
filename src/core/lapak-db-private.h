/* lapak-db-private.h — for the core and its tests only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lapak-db.h"

G_BEGIN_DECLS

gboolean  _lapak_db_migrate           (LapakDb     *self,
                                       int          target,
                                       GError     **error);
LapakDb  *_lapak_db_create_at_version (const char  *path,
                                       const char  *till_id,
                                       int          version,
                                       GError     **error);
gboolean  _lapak_db_valid_till_id     (const char  *till_id,
                                       GError     **error);

G_END_DECLS
