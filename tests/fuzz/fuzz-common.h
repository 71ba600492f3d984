/* fuzz-common.h — what every fuzz target checks the same way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A broken property aborts: libFuzzer then saves the input as a crash and the
 * run fails, and the corpus replay test (a plain GTest) fails too.
 */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "lapak-error.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Prints what broke and aborts. @input may hold any bytes: it is shown
 * escaped so that the report itself stays readable. */
G_NORETURN static inline void
fuzz_fail (const char *target,
           const char *what,
           const char *input,
           const char *detail)
{
  g_autofree char *shown = g_strescape (input != NULL ? input : "(null)", NULL);

  g_printerr ("%s: %s\n  input: \"%s\"\n  %s\n", target, what, shown, detail != NULL ? detail : "");
  abort ();
}

/* A refusal is a LAPAK_ERROR_INVALID with a readable message: never NULL,
 * never empty, always UTF-8 (it is shown to a cashier as it is). */
static inline void
fuzz_check_refusal (const char   *target,
                    const char   *input,
                    const GError *error)
{
  if (error == NULL)
    fuzz_fail (target, "refused without an error", input, NULL);
  if (!g_error_matches (error, LAPAK_ERROR, LAPAK_ERROR_INVALID))
    fuzz_fail (target, "refused with an error that is not LAPAK_ERROR_INVALID", input, error->message);
  if (error->message == NULL || error->message[0] == '\0')
    fuzz_fail (target, "refused with an empty message", input, NULL);
  if (!g_utf8_validate (error->message, -1, NULL))
    fuzz_fail (target, "the error message is not UTF-8", input, error->message);
}

/* The fuzzer's bytes as a C string (cut at the first NUL, as a C caller
 * would see them). */
static inline char *
fuzz_string (const uint8_t *data,
             size_t         size)
{
  char *text = g_malloc (size + 1);

  memcpy (text, data, size);
  text[size] = '\0';
  return text;
}
