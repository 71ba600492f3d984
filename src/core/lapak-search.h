/* lapak-search.h — finding products by name, for the kiosk's search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "lapak-db.h"

G_BEGIN_DECLS

/* At most this many words of a search are looked at. */
#define LAPAK_SEARCH_MAX_WORDS 8

typedef struct
{
  char    *code;
  char    *name;
  char    *tenant;   /* its code */
  int64_t  price;
} LapakProductHit;

GPtrArray *lapak_product_search    (LapakDb          *db,
                                    const char       *text,
                                    const char       *tenant_code,
                                    guint             limit,
                                    GError          **error);
void       lapak_product_hit_free  (LapakProductHit  *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakProductHit, lapak_product_hit_free)

G_END_DECLS
