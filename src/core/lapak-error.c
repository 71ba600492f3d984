/* lapak-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-core"

#include "lapak-error.h"

G_DEFINE_QUARK (lapak-error-quark, lapak_error)
