/* fuzz-qris.c — libFuzzer target for QRIS payloads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Arbitrary bytes go to lapak_qris_check(); whatever passes is turned into
 * dynamic payloads for a few amounts, and each of those must pass the check
 * again, hold its amount right before tag 58 and keep the merchant name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "lapak-error.h"
#include "lapak-qris.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
fail (const char *what,
      const char *payload,
      const char *detail)
{
  g_printerr ("fuzz-qris: %s\n  payload: %s\n  %s\n", what, payload, detail != NULL ? detail : "");
  abort ();
}

static void
check_dynamic (const char *payload,
               int64_t     amount)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dynamic = lapak_qris_dynamic (payload, amount, &error);
  g_autofree char *again = NULL;
  g_autofree char *field = NULL;
  g_autofree char *name = NULL;
  g_autofree char *new_name = NULL;
  char amount_text[32];

  g_snprintf (amount_text, sizeof amount_text, "%" G_GINT64_FORMAT, (gint64) amount);

  if (dynamic == NULL)
    {
      /* Refused only when the amount makes it longer than a QRIS may be:
       * at most 17 characters (5413 and 13 digits) are added. */
      if (error == NULL || !g_error_matches (error, LAPAK_ERROR, LAPAK_ERROR_INVALID))
        fail ("dynamic failed without a LapakError", payload, amount_text);
      if (g_utf8_strlen (payload, -1) + 4 + (glong) strlen (amount_text) <= LAPAK_QRIS_MAX_LENGTH)
        fail ("dynamic refused a payload that fits", payload, error->message);
      return;
    }

  if (!lapak_qris_check (dynamic, &error))
    fail ("the dynamic payload does not pass the check", dynamic, error->message);
  if (!g_str_has_prefix (dynamic, "000201"))
    fail ("the dynamic payload does not start with 000201", dynamic, NULL);

  field = g_strdup_printf ("54%02d%s5802ID", (int) strlen (amount_text), amount_text);
  if (strstr (dynamic, field) == NULL)
    fail ("the amount is not right before 58", dynamic, amount_text);

  name = lapak_qris_merchant_name (payload);
  new_name = lapak_qris_merchant_name (dynamic);
  if (name == NULL || g_strcmp0 (name, new_name) != 0)
    fail ("the merchant name changed", dynamic, name);

  /* Making it dynamic again with the same amount changes nothing. */
  again = lapak_qris_dynamic (dynamic, amount, &error);
  if (again == NULL || strcmp (again, dynamic) != 0)
    fail ("dynamic is not idempotent", dynamic, error != NULL ? error->message : again);
}

static void
run (const char *payload)
{
  static const int64_t amounts[] = { 1, 1000, 12500, 999999, 9999999999999LL };
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  /* Never crashes, whatever it is given; the answer and the error agree. */
  name = lapak_qris_merchant_name (payload);
  if (!lapak_qris_check (payload, &error))
    {
      if (error == NULL || !g_error_matches (error, LAPAK_ERROR, LAPAK_ERROR_INVALID) ||
          error->message == NULL || error->message[0] == '\0')
        fail ("refused without a proper LapakError", payload, NULL);
      return;
    }
  if (error != NULL)
    fail ("accepted with an error set", payload, error->message);
  if (name == NULL)
    fail ("a valid payload has no merchant name", payload, NULL);

  for (size_t i = 0; i < G_N_ELEMENTS (amounts); i++)
    check_dynamic (payload, amounts[i]);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *payload = g_malloc (size + 1);
  size_t length;

  memcpy (payload, data, size);
  payload[size] = '\0';
  run (payload);

  /* Random bytes hardly ever carry the right checksum: run again with it
   * fixed, so that everything behind the checksum gets fuzzed too. */
  length = strlen (payload);
  if (length >= 8 && memcmp (payload + length - 8, "6304", 4) == 0)
    {
      g_snprintf (payload + length - 4, 5, "%04X",
                  lapak_crc16_ccitt_false ((const guint8 *) payload, length - 4));
      run (payload);
    }

  return 0;
}
