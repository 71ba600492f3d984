/* lapak-labels.c — product labels on A4 sticker sheets and thermal rolls
 *
 * Each label: the product's QR code (its label code, what the till scans)
 * with a quiet zone, the name (two lines at most, shortened with "…"), the
 * price, the tenant and the code in plain text for typing by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-print"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <glib/gi18n-lib.h>

#include "lapak-code.h"
#include "lapak-error.h"
#include "lapak-labels.h"
#include "lapak-ledger.h"
#include "lapak-money.h"
#include "lapak-qr.h"
#include "lapak-text-fit.h"

#define MM (72.0 / 25.4)

/* A QR module narrower than this is not read reliably by phone cameras
 * and cheap scanners; wider than the max only wastes label space. */
#define MODULE_MIN_MM 0.4
#define MODULE_MAX_MM 0.8
#define QUIET_MODULES 2   /* plus the label's own white margin */

/* Real sticker sheets sold in Indonesian stationery shops (Avery
 * Zweckform / Tom&Jerry / Koala sizes) and the common thermal rolls. */
static const LapakLabelLayout layouts[] = {
  { "a4-3x8", N_("A4 sheet, 3 × 8 labels of 70 × 37 mm (Zweckform 3474)"),
    210, 297, 3, 8, 70, 37, 0, 0.5, 70, 37 },
  { "a4-4x10", N_("A4 sheet, 4 × 10 labels of 48.5 × 25.4 mm (Zweckform 3657)"),
    210, 297, 4, 10, 48.5, 25.4, 8, 21.5, 48.5, 25.4 },
  { "a4-5x13", N_("A4 sheet, 5 × 13 labels of 38 × 21.2 mm (Zweckform 3666)"),
    210, 297, 5, 13, 38, 21.2, 10, 10.7, 38, 21.2 },
  { "roll-50x30", N_("Thermal roll, one 50 × 30 mm label a page"),
    50, 30, 1, 1, 50, 30, 0, 0, 50, 30 },
  { "roll-40x30", N_("Thermal roll, one 40 × 30 mm label a page"),
    40, 30, 1, 1, 40, 30, 0, 0, 40, 30 },
};

const LapakLabelLayout *
lapak_label_layouts (guint *n_layouts)
{
  *n_layouts = G_N_ELEMENTS (layouts);
  return layouts;
}

guint
lapak_label_layout_per_page (const LapakLabelLayout *layout)
{
  return layout->cols * layout->rows;
}

/* The CUPS media name of the layout's page: "A4" or "Custom.50x30mm". */
char *
lapak_label_layout_media (const LapakLabelLayout *layout)
{
  if (layout->page_w == 210 && layout->page_h == 297)
    return g_strdup ("A4");
  return g_strdup_printf ("Custom.%gx%gmm", layout->page_w, layout->page_h);
}

const LapakLabelLayout *
lapak_label_layout_find (const char  *name,
                         GError     **error)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      if (g_strcmp0 (name, layouts[i].name) == 0)
        return &layouts[i];
      g_string_append_printf (names, "%s%s", i ? ", " : "", layouts[i].name);
    }
  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
               _("There is no label layout “%s”. The layouts are: %s (lapakctl labels --list-layouts)."),
               name ? name : "", names->str);
  return NULL;
}

LapakLabel *
lapak_label_new (const char *code,
                 const char *name,
                 const char *tenant,
                 int64_t     price)
{
  LapakLabel *l = g_new0 (LapakLabel, 1);

  l->code = g_strdup (code);
  l->name = g_strdup (name);
  l->tenant = g_strdup (tenant);
  l->price = price;
  return l;
}

void
lapak_label_free (LapakLabel *label)
{
  if (label == NULL)
    return;
  g_free (label->code);
  g_free (label->name);
  g_free (label->tenant);
  g_free (label);
}

/**
 * lapak_labels_for_products:
 * @products: (element-type LapakProduct): e.g. from lapak_product_list()
 * @codes: (nullable): only these product codes (each must be in @products)
 * @copies: labels per product (≥ 1) when not @per_stock_unit
 * @per_stock_unit: one label per unit in stock instead
 *
 * Returns: (transfer full) (element-type LapakLabel): the labels in print
 * order, or %NULL with @error set (also when there is nothing to print)
 */
GPtrArray *
lapak_labels_for_products (GPtrArray          *products,
                           const char * const *codes,
                           guint               copies,
                           gboolean            per_stock_unit,
                           GError            **error)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify)lapak_label_free);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();

  if (!per_stock_unit && (copies < 1 || copies > 10000))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("--copies must be between 1 and 10000, not %u."), copies);
      return NULL;
    }

  if (codes != NULL && codes[0] != NULL)
    {
      for (guint c = 0; codes[c] != NULL; c++)
        {
          g_autofree char *code = lapak_product_code_normalize (codes[c]);
          LapakProduct *found = NULL;

          for (guint i = 0; i < products->len && found == NULL; i++)
            if (g_str_equal (((LapakProduct *)g_ptr_array_index (products, i))->code, code))
              found = g_ptr_array_index (products, i);
          if (found == NULL)
            {
              g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND,
                           _("There is no product %s (of this tenant). Check the code with “lapakctl product list”."),
                           code);
              return NULL;
            }
          g_ptr_array_add (chosen, found);
        }
    }
  else
    g_ptr_array_extend (chosen, products, NULL, NULL);

  for (guint i = 0; i < chosen->len; i++)
    {
      const LapakProduct *p = g_ptr_array_index (chosen, i);
      int64_t n = per_stock_unit ? MAX (p->stock, 0) : copies;

      for (int64_t k = 0; k < n; k++)
        g_ptr_array_add (labels, lapak_label_new (p->code, p->name, p->tenant, p->price));
    }

  if (labels->len == 0)
    {
      g_set_error_literal (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                           per_stock_unit
                           ? _("There is nothing to print: none of these products has units in stock. Check stock in, or use --copies N.")
                           : _("There is nothing to print: no products match."));
      return NULL;
    }
  return g_steal_pointer (&labels);
}

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
  PangoFontDescription *name_font;
  PangoFontDescription *price_font;
  PangoFontDescription *small_font;
  PangoFontDescription *mono_font;
  GHashTable           *qr_cache;   /* code → cairo_pattern_t */
  GHashTable           *qr_modules; /* code → modules per side */
  const LapakLabelLayout *layout_def;
  double                pad;        /* pt */
} Sheet;

static double
text_at (Sheet                *s,
         const char           *text,
         PangoFontDescription *font,
         double                x,
         double                y,
         double                width,
         int                   lines)
{
  int w, h;

  pango_layout_set_font_description (s->layout, font);
  pango_layout_set_width (s->layout, (int)(width * PANGO_SCALE));
  lapak_layout_set_fitting_text (s->layout, text, lines);
  pango_layout_get_size (s->layout, &w, &h);
  cairo_move_to (s->cr, x, y);
  pango_cairo_show_layout (s->cr, s->layout);
  return (double)h / PANGO_SCALE;
}

static gboolean
draw_label (Sheet            *s,
            const LapakLabel *label,
            double            x0,
            double            y0,
            GError          **error)
{
  const LapakLabelLayout *l = s->layout_def;
  double w = l->label_w * MM, h = l->label_h * MM;
  cairo_pattern_t *qr = g_hash_table_lookup (s->qr_cache, label->code);
  int modules;
  double module, box, text_x, text_w, y;
  g_autofree char *price = lapak_money_format (label->price, LAPAK_MONEY_STYLE_DEFAULT);

  if (qr == NULL)
    {
      if (!(qr = lapak_qr_pattern (label->code, &modules, error)))
        return FALSE;
      g_hash_table_insert (s->qr_cache, g_strdup (label->code), qr);
      g_hash_table_insert (s->qr_modules, g_strdup (label->code), GINT_TO_POINTER (modules));
    }
  modules = GPOINTER_TO_INT (g_hash_table_lookup (s->qr_modules, label->code));

  /* the QR takes the label's height (at most half its width) */
  module = MIN ((h - 2 * s->pad) / (modules + 2 * QUIET_MODULES),
                (w / 2) / (modules + 2 * QUIET_MODULES));
  module = MIN (module, MODULE_MAX_MM * MM);
  if (module < MODULE_MIN_MM * MM - 1e-9)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The code %s does not fit a readable QR code on a %g × %g mm label (%.2f mm a module, at least %.1f needed). Choose a larger layout."),
                   label->code, l->label_w, l->label_h, module / MM, MODULE_MIN_MM);
      return FALSE;
    }
  box = module * (modules + 2 * QUIET_MODULES);
  lapak_qr_draw (s->cr, qr, x0 + s->pad + QUIET_MODULES * module,
                 y0 + (h - modules * module) / 2, module);

  text_x = x0 + s->pad + box;
  text_w = w - s->pad - box - s->pad;
  y = y0 + s->pad;
  y += text_at (s, label->name, s->name_font, text_x, y, text_w, 2);
  y += text_at (s, price, s->price_font, text_x, y, text_w, 1);
  y += text_at (s, label->tenant, s->small_font, text_x, y, text_w, 1);
  text_at (s, label->code, s->mono_font, text_x, y, text_w, 1);
  return TRUE;
}

static PangoFontDescription *
font (const char *family,
      double      points,
      gboolean    bold)
{
  PangoFontDescription *f = pango_font_description_from_string (family);

  pango_font_description_set_size (f, (int)(points * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (f, PANGO_WEIGHT_BOLD);
  return f;
}

/**
 * lapak_labels_pdf:
 * @labels: (element-type LapakLabel): in print order
 * @start: the first position to use on the first sheet, from 1 (left to
 *   right, top to bottom), for a partly used sheet
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
lapak_labels_pdf (GPtrArray              *labels,
                  const LapakLabelLayout *layout,
                  guint                   start,
                  GError                **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_sized_new (64 * 1024);
  guint per_page = lapak_label_layout_per_page (layout);
  double scale = CLAMP (layout->label_h / 37.0, 0.55, 1.0);
  cairo_surface_t *surface;
  PangoContext *context;
  Sheet s = { 0 };
  guint pos;
  gboolean ok = TRUE;
  cairo_status_t status;

  if (start < 1 || start > per_page)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("--start must be a position from 1 to %u on the %s layout, not %u."),
                   per_page, layout->name, start);
      return NULL;
    }
  if (labels->len == 0)
    {
      g_set_error_literal (error, LAPAK_ERROR, LAPAK_ERROR_INVALID, _("There are no labels to print."));
      return NULL;
    }

  surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, layout->page_w * MM, layout->page_h * MM);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "Lapak labels");
  s.cr = cairo_create (surface);
  context = pango_cairo_create_context (s.cr);
  pango_cairo_context_set_resolution (context, 72);
  s.layout = pango_layout_new (context);
  pango_layout_set_wrap (s.layout, PANGO_WRAP_WORD_CHAR);
  s.name_font = font ("DejaVu Sans", 9 * scale, FALSE);
  s.price_font = font ("DejaVu Sans", 11 * scale, TRUE);
  s.small_font = font ("DejaVu Sans", 7 * scale, FALSE);
  s.mono_font = font ("DejaVu Sans Mono", 7 * scale, FALSE);
  s.qr_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)cairo_pattern_destroy);
  s.qr_modules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s.layout_def = layout;
  s.pad = 1.5 * MM;

  cairo_set_source_rgb (s.cr, 0, 0, 0);
  pos = start - 1;
  for (guint i = 0; i < labels->len && ok; i++)
    {
      if (pos == per_page)
        {
          cairo_show_page (s.cr);
          pos = 0;
        }
      ok = draw_label (&s, g_ptr_array_index (labels, i),
                       (layout->left + (pos % layout->cols) * layout->pitch_x) * MM,
                       (layout->top + (pos / layout->cols) * layout->pitch_y) * MM,
                       error);
      pos++;
    }
  if (ok)
    cairo_show_page (s.cr);

  g_hash_table_unref (s.qr_cache);
  g_hash_table_unref (s.qr_modules);
  pango_font_description_free (s.name_font);
  pango_font_description_free (s.price_font);
  pango_font_description_free (s.small_font);
  pango_font_description_free (s.mono_font);
  g_object_unref (s.layout);
  g_object_unref (context);
  cairo_destroy (s.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!ok)
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                   _("Cannot write the labels as PDF: %s."), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}
