/* lapak-settle-row.c — one tenant's line of a settlement, as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A copy of the core's LapakSettleTenant, so the organiser screen's table
 * (a GtkColumnView) can hold it in a GListModel and sort it.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "lapak-settle-row.h"

struct _LapakSettleRow
{
  GObject            parent_instance;
  LapakSettleTenant  tenant;
};

G_DEFINE_FINAL_TYPE (LapakSettleRow, lapak_settle_row, G_TYPE_OBJECT)

static void
lapak_settle_row_finalize (GObject *object)
{
  LapakSettleRow *self = LAPAK_SETTLE_ROW (object);

  g_free (self->tenant.code);
  g_free (self->tenant.name);
  G_OBJECT_CLASS (lapak_settle_row_parent_class)->finalize (object);
}

static void
lapak_settle_row_class_init (LapakSettleRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lapak_settle_row_finalize;
}

static void
lapak_settle_row_init (LapakSettleRow *self)
{
}

LapakSettleRow *
lapak_settle_row_new (const LapakSettleTenant *tenant)
{
  LapakSettleRow *self = g_object_new (LAPAK_TYPE_SETTLE_ROW, NULL);

  self->tenant = *tenant;
  self->tenant.code = g_strdup (tenant->code);
  self->tenant.name = g_strdup (tenant->name);
  return self;
}

const LapakSettleTenant *
lapak_settle_row_get_tenant (LapakSettleRow *self)
{
  g_return_val_if_fail (LAPAK_IS_SETTLE_ROW (self), NULL);
  return &self->tenant;
}
