/* fuzz-sync.c — libFuzzer target for the sync bundle's header (envelope)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Arbitrary bytes go to lapak_sync_header_parse(), the first thing
 * lapak_sync_import() does with a file from a USB stick or an upload, before
 * the MAC is checked: whatever a stranger can put on a stick reaches it.
 * The bytes are copied into a buffer of exactly their size (no NUL after
 * them), so ASan catches any read past the end. Beyond "does not crash":
 *
 * - a refusal is LAPAK_ERROR_INVALID (not a bundle, damaged, cut short) or
 *   LAPAK_ERROR_TOO_NEW (a later format), with a readable UTF-8 message;
 * - an accepted header has every field a bundle needs, each value UTF-8
 *   without control characters (they are shown to the organiser), the
 *   journal head and the MAC as 64 hex digits, and is followed by exactly
 *   `size` bytes after a blank line;
 * - written back the way lapak_sync_export() writes a header, with the same
 *   database bytes, it parses to the same fields (a round trip);
 * - the same bytes cut short by one byte, or halved, are refused.
 */
#include "fuzz-common.h"

#include "lapak-sync.h"

#define TARGET "fuzz-sync"

static gboolean
shown_text_ok (const char *text)
{
  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

static gboolean
is_hex64 (const char *text)
{
  return text != NULL && strlen (text) == 64 && strspn (text, "0123456789abcdef") == 64;
}

static void
check_refusal (const char   *input,
               const GError *error)
{
  if (error == NULL)
    fuzz_fail (TARGET, "refused without an error", input, NULL);
  if (error->domain != LAPAK_ERROR || (error->code != LAPAK_ERROR_INVALID && error->code != LAPAK_ERROR_TOO_NEW))
    fuzz_fail (TARGET, "refused with an error that is neither INVALID nor TOO_NEW", input, error->message);
  if (error->message == NULL || error->message[0] == '\0' || !g_utf8_validate (error->message, -1, NULL))
    fuzz_fail (TARGET, "refused with an unreadable message", input, error->message);
}

/* Parses @length bytes from an exact-size copy. */
static gboolean
parse_exact (const uint8_t    *data,
             size_t            length,
             LapakSyncHeader  *out,
             GError          **error)
{
  g_autofree char *copy = g_malloc (length > 0 ? length : 1);

  if (length > 0)
    memcpy (copy, data, length);
  return lapak_sync_header_parse ("fuzz.lapak", copy, length, out, error);
}

static void
check_same (const char            *input,
            const LapakSyncHeader *a,
            const LapakSyncHeader *b)
{
  if (g_strcmp0 (a->event, b->event) != 0 || g_strcmp0 (a->from, b->from) != 0 || a->role != b->role ||
      a->journal_seq != b->journal_seq || g_strcmp0 (a->journal_head, b->journal_head) != 0 ||
      a->exported_at != b->exported_at || a->schema != b->schema || a->size != b->size ||
      g_strcmp0 (a->mac, b->mac) != 0)
    fuzz_fail (TARGET, "the header does not round-trip", input, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = fuzz_string (data, MIN (size, (size_t) 512));
  g_auto(LapakSyncHeader) header = { 0 };
  g_autoptr(GError) error = NULL;

  if (!parse_exact (data, size, &header, &error))
    {
      check_refusal (input, error);
      return 0;
    }

  if (!shown_text_ok (header.event) || !shown_text_ok (header.from))
    fuzz_fail (TARGET, "an accepted event or till is not readable text", input, NULL);
  if (header.role != LAPAK_SYNC_HUB && header.role != LAPAK_SYNC_TILL)
    fuzz_fail (TARGET, "an accepted header has no role", input, NULL);
  if (!is_hex64 (header.journal_head) || !is_hex64 (header.mac))
    fuzz_fail (TARGET, "an accepted journal head or MAC is not 64 hex digits", input, NULL);
  if (header.journal_seq < 0 || header.exported_at < 0 || header.schema < 0)
    fuzz_fail (TARGET, "an accepted number is negative", input, NULL);
  if (header.header_length < 2 || header.header_length > size || size - header.header_length != header.size ||
      memcmp (data + header.header_length - 2, "\n\n", 2) != 0)
    fuzz_fail (TARGET, "the database after the header is not `size` bytes after a blank line", input, NULL);

  /* Written back as lapak_sync_export() writes it (a header near the 4 KiB
   * a header may take could grow past it: fields it lacked get written). */
  if (header.header_length < 3800)
  {
    g_autoptr(GString) out = g_string_new ("LAPAK-SYNC 1\n");
    g_auto(LapakSyncHeader) again = { 0 };
    g_autoptr(GError) again_error = NULL;

    g_string_append_printf (out, "event: %s\nfrom: %s\nrole: %s\n", header.event, header.from,
                            header.role == LAPAK_SYNC_HUB ? "hub" : "till");
    g_string_append_printf (out, "journal-seq: %" G_GINT64_FORMAT "\njournal-head: %s\n",
                            (gint64) header.journal_seq, header.journal_head);
    g_string_append_printf (out, "exported-at: %" G_GINT64_FORMAT "\nschema: %d\nsize: %" G_GSIZE_FORMAT "\n",
                            (gint64) header.exported_at, header.schema, header.size);
    g_string_append_printf (out, "mac: %s\n\n", header.mac);
    g_string_append_len (out, (const char *) data + header.header_length, (gssize) header.size);
    if (!parse_exact ((const uint8_t *) out->str, out->len, &again, &again_error))
      fuzz_fail (TARGET, "a header written back is refused", input, again_error->message);
    check_same (input, &header, &again);
  }

  /* Cut short: refused. */
  {
    size_t cuts[] = { size - 1, size / 2 };

    for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
      {
        g_auto(LapakSyncHeader) cut = { 0 };
        g_autoptr(GError) cut_error = NULL;

        if (parse_exact (data, cuts[i], &cut, &cut_error))
          fuzz_fail (TARGET, "a bundle cut short is accepted", input, NULL);
        check_refusal (input, cut_error);
      }
  }
  return 0;
}
