/* lapak-setup.h — a new till, created whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lapak-db.h"
#include "lapak-ledger.h"

G_BEGIN_DECLS

/* What the first start of a till asks for. @event_code NULL: no event yet
 * (the organiser creates or imports one later). */
typedef struct
{
  const char     *till_id;
  const char     *organiser;
  const char     *pin;
  const char     *event_code;
  const char     *event_name;
  LapakEventKind  event_kind;
  int             commission_bp;
  int64_t         booth_fee;
} LapakTillSetup;

LapakDb *lapak_till_setup (const char            *path,
                           const LapakTillSetup  *setup,
                           GError               **error);

G_END_DECLS
