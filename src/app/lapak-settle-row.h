/* lapak-settle-row.h — one tenant's line of a settlement, as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lapak-settle.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_SETTLE_ROW (lapak_settle_row_get_type ())
G_DECLARE_FINAL_TYPE (LapakSettleRow, lapak_settle_row, LAPAK, SETTLE_ROW, GObject)

LapakSettleRow          *lapak_settle_row_new        (const LapakSettleTenant *tenant);
const LapakSettleTenant *lapak_settle_row_get_tenant (LapakSettleRow          *self);

G_END_DECLS
