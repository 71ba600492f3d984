/* lapak-demo.h — the demo event, built in one place for lapakctl and the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lapak-db.h"

G_BEGIN_DECLS

#define LAPAK_DEMO_TILL "K1"
#define LAPAK_DEMO_EVENT "PAMERAN-UMKM"

/* The demo users: name, role, PIN, and the PIN's argon2id hash made ahead
 * (crypto_pwhash_str, interactive limits; test-auth checks each one). */
typedef struct
{
  const char *name;
  const char *role;
  const char *pin;
  const char *pin_hash;
} LapakDemoUser;

const LapakDemoUser *lapak_demo_users  (guint       *out_n);

LapakDb             *lapak_demo_create (const char  *db_path,
                                        const char  *data_dir,
                                        GError     **error);
LapakDb             *lapak_demo_create_cached (const char  *db_path,
                                               const char  *data_dir,
                                               const char  *cache_dir,
                                               GError     **error);

G_END_DECLS
