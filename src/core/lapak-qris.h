/* lapak-qris.h — QRIS (EMVCo Merchant-Presented Mode) payloads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

#define LAPAK_QRIS_MAX_LENGTH 512

guint16   lapak_crc16_ccitt_false (const guint8 *data,
                                   gsize         length);
gboolean  lapak_qris_check        (const char   *payload,
                                   GError      **error);
char     *lapak_qris_dynamic      (const char   *static_payload,
                                   int64_t       amount,
                                   GError      **error);
char     *lapak_qris_merchant_name (const char  *payload);

G_END_DECLS
