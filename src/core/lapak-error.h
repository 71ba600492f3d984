/* lapak-error.h — the error domain shared by the whole core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LAPAK_ERROR (lapak_error_quark ())

/* Every message carried by a LapakError is meant for a person: it says what
 * failed, where, and what to do. Callers print it as it is. */
typedef enum
{
  LAPAK_ERROR_INVALID,    /* input that breaks a rule: bad amount, bad code, ... */
  LAPAK_ERROR_NOT_FOUND,  /* a named thing does not exist */
  LAPAK_ERROR_EXISTS,     /* a code or name that must be unique is taken */
  LAPAK_ERROR_DENIED,     /* wrong PIN, or a role that may not do this */
  LAPAK_ERROR_LOCKED,     /* user locked after too many wrong PINs */
  LAPAK_ERROR_DATABASE,   /* SQLite failed */
  LAPAK_ERROR_NOT_LAPAK,  /* a file that is not a Lapak database */
  LAPAK_ERROR_TOO_NEW,    /* a database written by a newer Lapak */
  LAPAK_ERROR_IO,         /* a file could not be read or written */
  LAPAK_ERROR_STATE,      /* the till is not in a state that allows this */
} LapakError;

GQuark lapak_error_quark (void);

G_END_DECLS
