/* lapak-test-page.c — a printer's test page: receipt printer or label printer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a test page is depends on what the till uses the queue for, from
 * its print settings: its receipt printer gets a short receipt-sized page in
 * the receipt mode (raw ESC/POS bytes with the printer's own QR command and
 * a cut, or a PDF of the paper width for a driver), with a ruler of the
 * paper's columns; its label printer gets one label of its layout; its
 * documents printer an A4 page. All carry the QR code LAPAK-TEST, so a
 * scanner can be tested on them too.
 */
#define G_LOG_DOMAIN "lapak-print"

#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <glib/gi18n-lib.h>

#include "lapak-error.h"
#include "lapak-labels.h"
#include "lapak-print-job.h"
#include "lapak-qr.h"
#include "lapak-test-page.h"

#define MM (72.0 / 25.4)
#define ESC 0x1B
#define GS 0x1D

void
lapak_test_page_free (LapakTestPage *page)
{
  if (page == NULL)
    return;
  g_free (page->media);
  g_clear_pointer (&page->data, g_bytes_unref);
  g_free (page->description);
  g_free (page);
}

/* The lines of a receipt test page (the same on paper and in PDF). */
static GPtrArray *
test_lines (LapakPaperWidth  width,
            const char      *till_id,
            const char      *queue)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  guint columns = lapak_paper_columns (width);
  GString *ruler = g_string_new (NULL);

  g_ptr_array_add (lines, g_strdup_printf (_("Till: %s"), till_id));
  g_ptr_array_add (lines, g_strdup_printf (_("Printer: %s"), queue));
  g_ptr_array_add (lines, g_strdup_printf (_("Paper: %d mm, %u characters a line"), (int)width, columns));
  g_ptr_array_add (lines, g_strdup (when));
  g_ptr_array_add (lines, g_strdup ("Rp12.500  Rp 12,500  é ñ ü"));
  for (guint i = 1; i <= columns; i++)
    g_string_append_c (ruler, '0' + (char)(i % 10));
  g_ptr_array_add (lines, g_string_free (ruler, FALSE));
  g_ptr_array_add (lines, g_strdup (_("If every line above is whole, the printer is set up right.")));
  return lines;
}

static void
put (GByteArray *out,
     guint       n,
     ...)
{
  va_list ap;

  va_start (ap, n);
  for (guint i = 0; i < n; i++)
    {
      guint8 b = (guint8)va_arg (ap, int);

      g_byte_array_append (out, &b, 1);
    }
  va_end (ap);
}

static void
put_line (GByteArray *out,
          const char *text)
{
  lapak_escpos_encode_text (out, text);
  put (out, 1, '\n');
}

/**
 * lapak_test_page_escpos:
 *
 * A receipt-sized test page as raw ESC/POS bytes: the title in double
 * size, the till, queue and paper, a ruler of the paper's columns, a QR
 * code printed by the printer's own command, and a cut.
 *
 * Returns: (transfer full): the bytes
 */
GBytes *
lapak_test_page_escpos (LapakPaperWidth  width,
                        const char      *till_id,
                        const char      *queue)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GPtrArray) lines = test_lines (width, till_id, queue);
  g_autoptr(GByteArray) qr = g_byte_array_new ();
  guint len;

  put (out, 2, ESC, '@');                 /* initialise */
  put (out, 3, ESC, 't', 16);             /* code page WPC1252 */
  put (out, 3, ESC, 'a', 1);              /* centre */
  put (out, 3, GS, '!', 0x11);            /* double width and height */
  put (out, 3, ESC, 'E', 1);
  put_line (out, _("TEST PAGE"));
  put (out, 3, ESC, 'E', 0);
  put (out, 3, GS, '!', 0);
  put_line (out, "Lapak");
  put (out, 3, ESC, 'a', 0);              /* left */
  for (guint i = 0; i < lines->len; i++)
    put_line (out, g_ptr_array_index (lines, i));

  /* QR code, model 2, module 6 dots, error correction M */
  put (out, 3, ESC, 'a', 1);
  lapak_escpos_encode_text (qr, LAPAK_TEST_PAGE_CODE);
  len = qr->len + 3;
  put (out, 9, GS, '(', 'k', 4, 0, 49, 65, 50, 0);
  put (out, 8, GS, '(', 'k', 3, 0, 49, 67, 6);
  put (out, 8, GS, '(', 'k', 3, 0, 49, 69, 49);
  put (out, 8, GS, '(', 'k', len & 0xff, (len >> 8) & 0xff, 49, 80, 48);
  g_byte_array_append (out, qr->data, qr->len);
  put (out, 8, GS, '(', 'k', 3, 0, 49, 81, 48);
  put_line (out, "");
  put_line (out, LAPAK_TEST_PAGE_CODE);
  put (out, 3, ESC, 'a', 0);

  put (out, 3, ESC, 'd', 4);              /* feed past the cutter */
  put (out, 3, GS, 'V', 1);               /* partial cut */
  return g_byte_array_free_to_bytes (out);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * lapak_test_page_pdf:
 *
 * The same test page as a PDF of the paper's width, for a receipt printer
 * with a CUPS driver.
 *
 * Returns: (transfer full) (nullable): the PDF
 */
GBytes *
lapak_test_page_pdf (LapakPaperWidth   width,
                     const char       *till_id,
                     const char       *queue,
                     GError          **error)
{
  g_autoptr(GPtrArray) lines = test_lines (width, till_id, queue);
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  double page_w = (double)width * MM;
  double margin = 3 * MM;
  double text_w = page_w - 2 * margin;
  double qr_size = MIN (30 * MM, text_w);
  double page_h = 0;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;
  PangoFontDescription *font;
  cairo_status_t status;

  for (int pass = 0; pass < 2; pass++)
    {
      double y = margin;

      /* pass 0 measures the height on a scratch surface, pass 1 draws */
      surface = pass == 0 ? cairo_pdf_surface_create_for_stream (NULL, NULL, page_w, 1000)
                          : cairo_pdf_surface_create_for_stream (append_bytes, pdf, page_w, page_h);
      cr = cairo_create (surface);
      layout = pango_cairo_create_layout (cr);
      pango_layout_set_width (layout, (int)(text_w * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_CHAR);

      font = pango_font_description_from_string ("DejaVu Sans Bold 14");
      pango_layout_set_font_description (layout, font);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_text (layout, _("TEST PAGE"), -1);
      cairo_move_to (cr, margin, y);
      pango_cairo_show_layout (cr, layout);
      {
        int w, h;

        pango_layout_get_size (layout, &w, &h);
        y += (double)h / PANGO_SCALE + 2 * MM;
      }
      pango_font_description_free (font);

      /* the ruler must fit one line at the paper's columns: monospace */
      /* DejaVu Sans Mono's advance is 0.602 em: the ruler's columns just fit */
      font = pango_font_description_from_string ("DejaVu Sans Mono");
      pango_font_description_set_absolute_size (font, text_w / (lapak_paper_columns (width) * 0.62) * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
      for (guint i = 0; i < lines->len; i++)
        {
          int w, h;

          pango_layout_set_text (layout, g_ptr_array_index (lines, i), -1);
          cairo_move_to (cr, margin, y);
          pango_cairo_show_layout (cr, layout);
          pango_layout_get_size (layout, &w, &h);
          y += (double)h / PANGO_SCALE;
        }
      pango_font_description_free (font);
      y += 2 * MM;

      if (pass == 1)
        {
          int modules;
          cairo_pattern_t *qr = lapak_qr_pattern (LAPAK_TEST_PAGE_CODE, &modules, error);

          if (qr == NULL)
            {
              g_object_unref (layout);
              cairo_destroy (cr);
              cairo_surface_destroy (surface);
              return NULL;
            }
          lapak_qr_draw (cr, qr, (page_w - qr_size) / 2, y, qr_size / modules);
          cairo_pattern_destroy (qr);
        }
      y += qr_size + margin;

      g_object_unref (layout);
      cairo_show_page (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
      page_h = y;
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                       _("The test page could not be drawn: %s."), cairo_status_to_string (status));
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/**
 * lapak_test_page_a4:
 *
 * An A4 test page for the documents printer (settlement statements): the
 * till, queue and paper, a line of amounts and accents, and the QR code.
 *
 * Returns: (transfer full) (nullable): the PDF
 */
GBytes *
lapak_test_page_a4 (const char  *till_id,
                    const char  *queue,
                    GError     **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *till = g_strdup_printf (_("Till: %s"), till_id);
  g_autofree char *printer = g_strdup_printf (_("Printer: %s"), queue);
  const char *lines[] = {
    till, printer, _("Paper: A4 (210 × 297 mm), for settlement statements"), when,
    "Rp12.500  Rp 12,500  é ñ ü",
    _("If every line above is whole, the printer is set up right."),
  };
  double page_w = 210 * MM, page_h = 297 * MM, margin = 20 * MM, qr_size = 40 * MM;
  double y = margin;
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, page_w, page_h);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans Bold 24");
  cairo_pattern_t *qr;
  cairo_status_t status;
  int modules, w, h;

  pango_layout_set_width (layout, (int)((page_w - 2 * margin) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, _("TEST PAGE"), -1);
  cairo_move_to (cr, margin, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);
  y += (double)h / PANGO_SCALE + 8 * MM;
  pango_font_description_free (font);

  font = pango_font_description_from_string ("DejaVu Sans 12");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      pango_layout_set_text (layout, lines[i], -1);
      cairo_move_to (cr, margin, y);
      pango_cairo_show_layout (cr, layout);
      pango_layout_get_size (layout, &w, &h);
      y += (double)h / PANGO_SCALE + 2 * MM;
    }
  g_object_unref (layout);

  qr = lapak_qr_pattern (LAPAK_TEST_PAGE_CODE, &modules, error);
  if (qr != NULL)
    {
      lapak_qr_draw (cr, qr, margin, y + 6 * MM, qr_size / modules);
      cairo_pattern_destroy (qr);
    }
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (qr == NULL)
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                   _("The test page could not be drawn: %s."), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/**
 * lapak_test_page_for_queue:
 * @settings: this till's print settings
 * @queue: the CUPS queue to test
 *
 * The test page for @queue as this till uses it: its receipt printer's (in
 * the receipt mode and width), one label of its label printer's layout, or
 * an A4 page on its documents printer. A queue the till uses for none of
 * them is refused, saying how to choose it.
 *
 * Returns: (transfer full) (nullable): what to send
 */
LapakTestPage *
lapak_test_page_for_queue (const LapakPrintSettings *settings,
                           const char               *queue,
                           const char               *till_id,
                           GError                  **error)
{
  g_autoptr(LapakTestPage) page = g_new0 (LapakTestPage, 1);

  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (queue != NULL, NULL);

  if (g_strcmp0 (settings->receipt_queue, queue) == 0)
    {
      page->kind = LAPAK_TEST_PAGE_RECEIPT;
      if (settings->receipt_format == LAPAK_RECEIPT_ESCPOS)
        {
          page->format = LAPAK_FORMAT_RAW;
          page->data = lapak_test_page_escpos (settings->receipt_width, till_id, queue);
          page->description = g_strdup_printf (_("a receipt test page (ESC/POS, %d mm)"),
                                               (int)settings->receipt_width);
        }
      else
        {
          page->format = LAPAK_FORMAT_PDF;
          page->data = lapak_test_page_pdf (settings->receipt_width, till_id, queue, error);
          if (page->data == NULL)
            return NULL;
          page->description = g_strdup_printf (_("a receipt test page (PDF, %d mm)"),
                                               (int)settings->receipt_width);
        }
      return g_steal_pointer (&page);
    }

  if (g_strcmp0 (settings->label_queue, queue) == 0)
    {
      const LapakLabelLayout *layout = lapak_label_layout_find (settings->label_layout, error);
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify)lapak_label_free);

      if (layout == NULL)
        return NULL;
      g_ptr_array_add (labels, lapak_label_new (LAPAK_TEST_PAGE_CODE, _("Test label"), till_id, 12500));
      page->kind = LAPAK_TEST_PAGE_LABEL;
      page->format = LAPAK_FORMAT_PDF;
      page->data = lapak_labels_pdf (labels, layout, 1, error);
      if (page->data == NULL)
        return NULL;
      page->media = lapak_label_layout_media (layout);
      page->description = g_strdup_printf (_("one test label (%s)"), layout->name);
      return g_steal_pointer (&page);
    }

  if (g_strcmp0 (settings->documents_queue, queue) == 0)
    {
      page->kind = LAPAK_TEST_PAGE_DOCUMENT;
      page->format = LAPAK_FORMAT_PDF;
      page->data = lapak_test_page_a4 (till_id, queue, error);
      if (page->data == NULL)
        return NULL;
      page->media = g_strdup ("A4");
      page->description = g_strdup (_("an A4 test page"));
      return g_steal_pointer (&page);
    }

  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
               _("This till uses the queue %s neither for receipts nor for labels nor for documents (A4), so it "
                 "does not know which test page to print. Choose it first with “lapakctl printers set "
                 "--receipt %s”, “--labels %s” or “--documents %s”."),
               queue, queue, queue, queue);
  return NULL;
}
