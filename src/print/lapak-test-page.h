/* lapak-test-page.h — a printer's test page: receipt printer or label printer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lapak-print-settings.h"

G_BEGIN_DECLS

/* The QR code on every test page and test label. */
#define LAPAK_TEST_PAGE_CODE "LAPAK-TEST"

typedef enum
{
  LAPAK_TEST_PAGE_RECEIPT,   /* this till's receipt printer, in its mode */
  LAPAK_TEST_PAGE_LABEL,     /* this till's label printer: one label */
  LAPAK_TEST_PAGE_DOCUMENT,  /* this till's documents printer: an A4 page */
} LapakTestPageKind;

typedef struct
{
  LapakTestPageKind  kind;
  const char        *format;   /* LAPAK_FORMAT_RAW or LAPAK_FORMAT_PDF */
  char              *media;    /* a CUPS media name, or NULL */
  GBytes            *data;
  char              *description;   /* for a person: what was sent */
} LapakTestPage;

LapakTestPage *lapak_test_page_for_queue (const LapakPrintSettings *settings,
                                          const char               *queue,
                                          const char               *till_id,
                                          GError                  **error);
GBytes        *lapak_test_page_escpos    (LapakPaperWidth           width,
                                          const char               *till_id,
                                          const char               *queue);
GBytes        *lapak_test_page_pdf       (LapakPaperWidth           width,
                                          const char               *till_id,
                                          const char               *queue,
                                          GError                  **error);
GBytes        *lapak_test_page_a4        (const char               *till_id,
                                          const char               *queue,
                                          GError                  **error);
void           lapak_test_page_free      (LapakTestPage            *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakTestPage, lapak_test_page_free)

G_END_DECLS
