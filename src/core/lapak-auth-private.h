/* lapak-auth-private.h — user records for the core's own builders (the demo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lapak-auth.h"

G_BEGIN_DECLS

gboolean   _lapak_user_add_prehashed (LapakDb     *db,
                                      const char  *name,
                                      LapakRole    role,
                                      const char  *tenant_code,
                                      const char  *pin,
                                      const char  *pin_hash,
                                      GError     **error);
LapakUser *_lapak_user_new_trusted   (const char  *name,
                                      LapakRole    role,
                                      const char  *tenant_code);

G_END_DECLS
