/* lapak-escpos.c — a receipt as ESC/POS bytes for thermal printers
 *
 * The commands are the common Epson ESC/POS subset that 58 mm and 80 mm
 * receipt printers sold in Indonesia understand:
 *   ESC @          initialise            ESC t 16      code page WPC1252
 *   ESC a n        align (0 left, 1 centre)
 *   ESC E n        bold on/off           GS ! n        character size
 *   GS ( k …       QR code (model 2, error correction M, store, print)
 *   ESC p 0 t1 t2  drawer kick           GS V 66 n     feed and cut
 * Text is sent in Windows-1252: every character becomes exactly one byte
 * (so columns line up), characters the code page lacks are transliterated
 * to ASCII or become "?", never a broken multi-byte sequence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-print"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lapak-error.h"
#include "lapak-escpos.h"
#include "lapak-receipt-rows.h"

#define ESC 0x1b
#define GS  0x1d
#define LF  0x0a

guint
lapak_paper_columns (LapakPaperWidth width)
{
  return width == LAPAK_PAPER_80MM ? 48 : 32;
}

/**
 * lapak_paper_width_parse:
 * @text: "58" or "80" (mm), or the column counts "32" or "48"
 */
gboolean
lapak_paper_width_parse (const char      *text,
                         LapakPaperWidth *out_width,
                         GError         **error)
{
  if (g_strcmp0 (text, "58") == 0 || g_strcmp0 (text, "32") == 0)
    *out_width = LAPAK_PAPER_58MM;
  else if (g_strcmp0 (text, "80") == 0 || g_strcmp0 (text, "48") == 0)
    *out_width = LAPAK_PAPER_80MM;
  else
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The paper width “%s” is not known: give 58 or 80 (mm)."), text ? text : "");
      return FALSE;
    }
  return TRUE;
}

/* Unicode → Windows-1252 for the characters outside Latin-1 it has. */
static const struct { gunichar uc; guint8 byte; } cp1252_extra[] = {
  { 0x20AC, 0x80 }, { 0x201A, 0x82 }, { 0x0192, 0x83 }, { 0x201E, 0x84 },
  { 0x2026, 0x85 }, { 0x2020, 0x86 }, { 0x2021, 0x87 }, { 0x02C6, 0x88 },
  { 0x2030, 0x89 }, { 0x0160, 0x8A }, { 0x2039, 0x8B }, { 0x0152, 0x8C },
  { 0x017D, 0x8E }, { 0x2018, 0x91 }, { 0x2019, 0x92 }, { 0x201C, 0x93 },
  { 0x201D, 0x94 }, { 0x2022, 0x95 }, { 0x2013, 0x96 }, { 0x2014, 0x97 },
  { 0x02DC, 0x98 }, { 0x2122, 0x99 }, { 0x0161, 0x9A }, { 0x203A, 0x9B },
  { 0x0153, 0x9C }, { 0x017E, 0x9E }, { 0x0178, 0x9F },
};

static guint8
cp1252_byte (gunichar uc)
{
  char utf8[8] = { 0 };
  g_autofree char *ascii = NULL;

  if (uc == '\n' || uc == '\r' || uc == '\t')
    return ' ';
  if (uc >= 0x20 && uc < 0x7f)
    return (guint8)uc;
  if (uc >= 0xa0 && uc <= 0xff)
    return (guint8)uc;
  for (guint i = 0; i < G_N_ELEMENTS (cp1252_extra); i++)
    if (cp1252_extra[i].uc == uc)
      return cp1252_extra[i].byte;
  /* Not in the code page: the first letter of its ASCII transliteration
   * (one character in, one byte out, so the columns stay right). */
  g_unichar_to_utf8 (uc, utf8);
  ascii = g_str_to_ascii (utf8, "C");
  if (ascii != NULL && ascii[0] >= 0x20 && ascii[0] < 0x7f)
    return (guint8)ascii[0];
  return '?';
}

/**
 * lapak_escpos_encode_text:
 *
 * Appends @utf8 in code page WPC1252, one byte per character; control
 * characters (ESC, GS, …) in the text are never passed through.
 */
void
lapak_escpos_encode_text (GByteArray *out,
                          const char *utf8)
{
  for (const char *p = utf8; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar uc = g_utf8_get_char_validated (p, -1);
      guint8 b;

      if (uc == (gunichar)-1 || uc == (gunichar)-2)
        {
          b = '?';
          g_byte_array_append (out, &b, 1);
          break;
        }
      b = cp1252_byte (uc);
      g_byte_array_append (out, &b, 1);
    }
}

static void
put (GByteArray *out,
     gsize       n,
     ...)
{
  va_list ap;

  va_start (ap, n);
  for (gsize i = 0; i < n; i++)
    {
      guint8 b = (guint8)va_arg (ap, int);
      g_byte_array_append (out, &b, 1);
    }
  va_end (ap);
}

/* @text cut to @width characters, with "…" when it was longer. */
static char *
fit (const char *text,
     glong       width)
{
  glong len = g_utf8_strlen (text, -1);
  const char *end;

  if (len <= width)
    return g_strdup (text);
  if (width <= 0)
    return g_strdup ("");
  end = g_utf8_offset_to_pointer (text, width - 1);
  return g_strdup_printf ("%.*s…", (int)(end - text), text);
}

static void
put_spaces (GString *s,
            glong    n)
{
  for (glong i = 0; i < n; i++)
    g_string_append_c (s, ' ');
}

/* "left …… right" in exactly @columns characters. */
static char *
pair_text (const char *left,
           const char *right,
           glong       columns)
{
  glong right_len = g_utf8_strlen (right, -1);
  g_autofree char *l = NULL;
  GString *s = g_string_new (NULL);

  if (right_len >= columns)
    {
      g_autofree char *r = fit (right, columns);

      g_string_append (s, r);
      return g_string_free (s, FALSE);
    }
  l = fit (left, columns - right_len - (right_len > 0 ? 1 : 0));
  g_string_append (s, l);
  if (right_len > 0)
    put_spaces (s, columns - g_utf8_strlen (l, -1) - right_len);
  g_string_append (s, right);
  return g_string_free (s, FALSE);
}

static void
put_qr (GByteArray *out,
        const char *payload,
        guint8      module)
{
  GByteArray *data = g_byte_array_new ();
  guint len;

  lapak_escpos_encode_text (data, payload);
  len = data->len + 3;
  /* model 2 */
  put (out, 9, GS, '(', 'k', 4, 0, 49, 65, 50, 0);
  /* module size in dots */
  put (out, 8, GS, '(', 'k', 3, 0, 49, 67, module);
  /* error correction M */
  put (out, 8, GS, '(', 'k', 3, 0, 49, 69, 49);
  /* store the data */
  put (out, 8, GS, '(', 'k', len & 0xff, (len >> 8) & 0xff, 49, 80, 48);
  g_byte_array_append (out, data->data, data->len);
  /* print it */
  put (out, 8, GS, '(', 'k', 3, 0, 49, 81, 48);
  g_byte_array_unref (data);
}

/**
 * lapak_escpos_receipt:
 *
 * The receipt as the bytes a thermal receipt printer takes on a raw queue.
 *
 * Returns: (transfer full): the bytes
 */
/**
 * lapak_escpos_drawer_kick:
 *
 * Returns: (transfer full): the bytes that open the cash drawer and print
 * nothing (a no-sale), the same kick a cash receipt starts with
 */
GBytes *
lapak_escpos_drawer_kick (void)
{
  static const guint8 kick[] = { ESC, 'p', 0, 25, 250 };

  return g_bytes_new_static (kick, sizeof kick);
}

GBytes *
lapak_escpos_receipt (const LapakReceipt       *receipt,
                      const LapakEscposOptions *options)
{
  GByteArray *out = g_byte_array_sized_new (2048);
  g_autoptr(GPtrArray) rows = lapak_receipt_rows (receipt);
  LapakPaperWidth width = options != NULL ? options->width : LAPAK_PAPER_58MM;
  glong columns = lapak_paper_columns (width);

  /* drawer kick first, so the drawer opens while the paper prints */
  if (options != NULL && options->open_drawer)
    put (out, 5, ESC, 'p', 0, 25, 250);
  put (out, 2, ESC, '@');
  put (out, 3, ESC, 't', 16);

  for (guint i = 0; i < rows->len; i++)
    {
      const LapakReceiptRow *row = g_ptr_array_index (rows, i);
      gboolean bold = (row->style & LAPAK_ROW_BOLD) != 0;

      if (bold)
        put (out, 3, ESC, 'E', 1);
      switch (row->kind)
        {
        case LAPAK_ROW_CENTER:
          {
            g_autofree char *t = fit (row->left, columns);

            put (out, 3, ESC, 'a', 1);
            lapak_escpos_encode_text (out, t);
            put (out, 1, LF);
            put (out, 3, ESC, 'a', 0);
          }
          break;

        case LAPAK_ROW_PAIR:
          if (row->style & LAPAK_ROW_BIG)
            {
              /* double width and height when it fits in half the
               * columns, else double height only */
              glong need = g_utf8_strlen (row->left, -1) + 1 + g_utf8_strlen (row->right, -1);
              gboolean wide = need <= columns / 2;
              g_autofree char *t = pair_text (row->left, row->right, wide ? columns / 2 : columns);

              put (out, 3, GS, '!', wide ? 0x11 : 0x01);
              lapak_escpos_encode_text (out, t);
              put (out, 1, LF);
              put (out, 3, GS, '!', 0x00);
            }
          else
            {
              g_autofree char *t = pair_text (row->left, row->right, columns);

              lapak_escpos_encode_text (out, t);
              put (out, 1, LF);
            }
          break;

        case LAPAK_ROW_RULE:
          for (glong c = 0; c < columns; c++)
            put (out, 1, '-');
          put (out, 1, LF);
          break;

        case LAPAK_ROW_HASH:
          /* the whole token, @columns characters a line, nothing dropped */
          for (const char *p = row->left; *p; )
            {
              const char *end = g_utf8_offset_to_pointer (p, MIN (columns, g_utf8_strlen (p, -1)));
              g_autofree char *part = g_strndup (p, end - p);

              lapak_escpos_encode_text (out, part);
              put (out, 1, LF);
              p = end;
            }
          break;

        case LAPAK_ROW_QR:
          put (out, 3, ESC, 'a', 1);
          put_qr (out, row->left, width == LAPAK_PAPER_80MM ? 6 : 5);
          put (out, 1, LF);
          put (out, 3, ESC, 'a', 0);
          break;

        default:
          g_assert_not_reached ();
        }
      if (bold)
        put (out, 3, ESC, 'E', 0);
    }

  /* feed to the cutter and cut (partial) */
  put (out, 4, GS, 'V', 66, 3);
  return g_byte_array_free_to_bytes (out);
}

/**
 * lapak_escpos_describe:
 *
 * ESC/POS bytes as readable text, one command or text line per line, e.g.
 * `ESC @`, `GS ( k store "LAPAK:K1-000001"`, `TEXT "TOTAL   Rp 5,000"`
 * (WPC1252 shown back as UTF-8). For tests and for looking at golden files.
 */
char *
lapak_escpos_describe (GBytes *bytes)
{
  gsize n;
  const guint8 *b = g_bytes_get_data (bytes, &n);
  GString *s = g_string_new (NULL);
  gsize i = 0;

  while (i < n)
    {
      if (b[i] == ESC && i + 1 < n)
        {
          switch (b[i + 1])
            {
            case '@': g_string_append (s, "ESC @\n"); i += 2; break;
            case 't': g_string_append_printf (s, "ESC t %u\n", b[i + 2]); i += 3; break;
            case 'a': g_string_append_printf (s, "ESC a %u\n", b[i + 2]); i += 3; break;
            case 'E': g_string_append_printf (s, "ESC E %u\n", b[i + 2]); i += 3; break;
            case 'p': g_string_append_printf (s, "ESC p %u %u %u\n", b[i + 2], b[i + 3], b[i + 4]); i += 5; break;
            default: g_string_append_printf (s, "ESC 0x%02x ?\n", b[i + 1]); i += 2; break;
            }
        }
      else if (b[i] == GS && i + 1 < n)
        {
          if (b[i + 1] == '!')
            {
              g_string_append_printf (s, "GS ! 0x%02x\n", b[i + 2]);
              i += 3;
            }
          else if (b[i + 1] == 'V')
            {
              g_string_append_printf (s, "GS V %u %u\n", b[i + 2], b[i + 3]);
              i += 4;
            }
          else if (b[i + 1] == '(' && i + 6 < n && b[i + 2] == 'k')
            {
              guint len = b[i + 3] | (b[i + 4] << 8);

              if (b[i + 6] == 80)
                g_string_append_printf (s, "GS ( k store \"%.*s\"\n", (int)(len - 3), (const char *)b + i + 8);
              else
                {
                  g_string_append (s, "GS ( k");
                  for (guint k = 0; k < len; k++)
                    g_string_append_printf (s, " %u", b[i + 5 + k]);
                  g_string_append_c (s, '\n');
                }
              i += 5 + len;
            }
          else
            {
              g_string_append_printf (s, "GS 0x%02x ?\n", b[i + 1]);
              i += 2;
            }
        }
      else if (b[i] == LF)
        {
          g_string_append (s, "LF\n");
          i++;
        }
      else
        {
          gsize j = i;
          g_autofree char *utf8 = NULL;

          while (j < n && b[j] != ESC && b[j] != GS && b[j] != LF)
            j++;
          utf8 = g_convert ((const char *)b + i, j - i, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
          g_string_append_printf (s, "TEXT \"%s\"\n", utf8 != NULL ? utf8 : "(not WPC1252)");
          i = j;
        }
    }
  return g_string_free (s, FALSE);
}
