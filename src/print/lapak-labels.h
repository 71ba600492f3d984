/* lapak-labels.h — product labels (QR code, name, price, tenant) on A4
 * sticker sheets and thermal label rolls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;          /* "a4-3x8" */
  const char *description;   /* translatable */
  double      page_w, page_h;          /* mm */
  guint       cols, rows;
  double      label_w, label_h;        /* mm */
  double      left, top;               /* mm, page edge to the first label */
  double      pitch_x, pitch_y;        /* mm, label to label */
} LapakLabelLayout;

typedef struct
{
  char    *code;
  char    *name;
  char    *tenant;
  int64_t  price;
} LapakLabel;

const LapakLabelLayout *lapak_label_layouts      (guint                  *n_layouts);
const LapakLabelLayout *lapak_label_layout_find  (const char             *name,
                                                  GError                **error);
guint                   lapak_label_layout_per_page (const LapakLabelLayout *layout);
char                   *lapak_label_layout_media    (const LapakLabelLayout *layout);

LapakLabel *lapak_label_new   (const char *code,
                               const char *name,
                               const char *tenant,
                               int64_t     price);
void        lapak_label_free  (LapakLabel *label);

GPtrArray  *lapak_labels_for_products (GPtrArray          *products,
                                       const char * const *codes,
                                       guint               copies,
                                       gboolean            per_stock_unit,
                                       GError            **error);
GBytes     *lapak_labels_pdf          (GPtrArray              *labels,
                                       const LapakLabelLayout *layout,
                                       guint                   start,
                                       GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakLabel, lapak_label_free)

G_END_DECLS
