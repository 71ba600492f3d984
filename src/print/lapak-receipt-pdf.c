/* lapak-receipt-pdf.c — a receipt as a PDF of the paper's width, for
 * receipt printers that have a CUPS driver (and for e-mail or archive)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-print"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <glib/gi18n-lib.h>

#include "lapak-error.h"
#include "lapak-qr.h"
#include "lapak-receipt-pdf.h"
#include "lapak-receipt-rows.h"
#include "lapak-text-fit.h"

#define MM (72.0 / 25.4)

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  cairo_t              *cr;
  PangoLayout          *layout;
  PangoFontDescription *font;
  PangoFontDescription *big;
  PangoFontDescription *mono;
  double                left;
  double                width;
} Page;

/* Sets @text on the page's layout in @font; returns its height. */
static double
set_text (Page                 *page,
          const char           *text,
          PangoFontDescription *font,
          gboolean              bold,
          double                width,
          PangoAlignment        align,
          gboolean              wrap)
{
  PangoFontDescription *f = pango_font_description_copy_static (font);
  int w, h;

  pango_font_description_set_weight (f, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (page->layout, f);
  pango_font_description_free (f);
  pango_layout_set_width (page->layout, (int)(width * PANGO_SCALE));
  pango_layout_set_alignment (page->layout, align);
  /* hashes break anywhere, words at spaces when they can */
  pango_layout_set_wrap (page->layout, font == page->mono ? PANGO_WRAP_CHAR : PANGO_WRAP_WORD_CHAR);
  if (wrap || width < 0)
    {
      pango_layout_set_ellipsize (page->layout, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_text (page->layout, text, -1);
    }
  else
    lapak_layout_set_fitting_text (page->layout, text, 1);
  pango_layout_get_size (page->layout, &w, &h);
  return (double)h / PANGO_SCALE;
}

static void
show (Page   *page,
      double  x,
      double  y)
{
  cairo_move_to (page->cr, x, y);
  pango_cairo_show_layout (page->cr, page->layout);
}

/* Lays out (and with @draw, draws) every row; returns the height used. */
static double
render (Page      *page,
        GPtrArray *rows,
        gboolean   draw,
        GError   **error)
{
  double y = 4 * MM;

  for (guint i = 0; i < rows->len; i++)
    {
      const LapakReceiptRow *row = g_ptr_array_index (rows, i);
      gboolean bold = (row->style & LAPAK_ROW_BOLD) != 0;
      PangoFontDescription *font = (row->style & LAPAK_ROW_BIG) ? page->big : page->font;

      switch (row->kind)
        {
        case LAPAK_ROW_CENTER:
          {
            double h = set_text (page, row->left, font, bold, page->width, PANGO_ALIGN_CENTER, TRUE);

            if (draw)
              show (page, page->left, y);
            y += h;
          }
          break;

        case LAPAK_ROW_PAIR:
          {
            double rh = 0, rw = 0, lh;

            if (row->right[0] != '\0')
              {
                int w, h;

                set_text (page, row->right, font, bold, -1, PANGO_ALIGN_LEFT, FALSE);
                pango_layout_set_width (page->layout, -1);
                pango_layout_get_size (page->layout, &w, &h);
                rw = (double)w / PANGO_SCALE;
                rh = (double)h / PANGO_SCALE;
                if (draw)
                  show (page, page->left + page->width - rw, y);
              }
            lh = set_text (page, row->left, font, bold,
                           MAX (page->width - rw - (rw > 0 ? 2 * MM : 0), 1), PANGO_ALIGN_LEFT, FALSE);
            if (draw)
              show (page, page->left, y);
            y += MAX (lh, rh);
          }
          break;

        case LAPAK_ROW_RULE:
          y += 1 * MM;
          if (draw)
            {
              cairo_set_line_width (page->cr, 0.5);
              cairo_move_to (page->cr, page->left, y);
              cairo_line_to (page->cr, page->left + page->width, y);
              cairo_stroke (page->cr);
            }
          y += 1 * MM;
          break;

        case LAPAK_ROW_HASH:
          {
            double h = set_text (page, row->left, page->mono, FALSE, page->width, PANGO_ALIGN_LEFT, TRUE);

            if (draw)
              show (page, page->left, y);
            y += h;
          }
          break;

        case LAPAK_ROW_QR:
          {
            int modules;
            cairo_pattern_t *qr = lapak_qr_pattern (row->left, &modules, error);
            double module = 0.6 * MM;
            double size = modules * module;

            if (qr == NULL)
              return -1;
            y += 2 * MM;
            if (draw)
              lapak_qr_draw (page->cr, qr, page->left + (page->width - size) / 2, y, module);
            cairo_pattern_destroy (qr);
            y += size + 2 * MM;
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
  return y + 6 * MM;
}

/**
 * lapak_receipt_pdf:
 * @width: the paper: 58 or 80 mm wide; the page is as long as the receipt
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
lapak_receipt_pdf (const LapakReceipt  *receipt,
                   LapakPaperWidth      width,
                   GError             **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_sized_new (16 * 1024);
  g_autoptr(GPtrArray) rows = lapak_receipt_rows (receipt);
  double page_w = (width == LAPAK_PAPER_80MM ? 80 : 58) * MM;
  double margin = 4 * MM;
  double size = width == LAPAK_PAPER_80MM ? 9 : 7;
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, page_w, 100 * MM);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  Page page = { 0 };
  double height;
  cairo_status_t status;

  pango_cairo_context_set_resolution (context, 72);
  page.cr = cr;
  page.layout = pango_layout_new (context);
  page.font = pango_font_description_from_string ("DejaVu Sans");
  pango_font_description_set_size (page.font, (int)(size * PANGO_SCALE));
  page.big = pango_font_description_copy (page.font);
  pango_font_description_set_size (page.big, (int)(size * 1.5 * PANGO_SCALE));
  page.mono = pango_font_description_from_string ("DejaVu Sans Mono");
  pango_font_description_set_size (page.mono, (int)(size * PANGO_SCALE));
  {
    /* no "-" where a line breaks inside a word: it would change the hash */
    PangoAttrList *attrs = pango_attr_list_new ();

    pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
    pango_layout_set_attributes (page.layout, attrs);
    pango_attr_list_unref (attrs);
  }
  page.left = margin;
  page.width = page_w - 2 * margin;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, receipt->sale_id);
  height = render (&page, rows, FALSE, error);
  if (height > 0)
    {
      cairo_pdf_surface_set_size (surface, page_w, height);
      render (&page, rows, TRUE, NULL);
      cairo_show_page (cr);
    }

  g_object_unref (page.layout);
  g_object_unref (context);
  pango_font_description_free (page.font);
  pango_font_description_free (page.big);
  pango_font_description_free (page.mono);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (height < 0)
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                   _("Cannot write the receipt as PDF: %s."), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}
