/* test-test-page.c — what `lapakctl printers test` sends, without a printer:
 * the page follows the till's use of the queue (tests/test-print-cups.c
 * sends them through a real cupsd)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lapak-error.h"
#include "lapak-print-job.h"
#include "lapak-print-settings.h"
#include "lapak-test-page.h"
#include "lapak-test-util.h"

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize n;
  const guint8 *data = g_bytes_get_data (bytes, &n);
  gsize len = strlen (needle);

  for (gsize i = 0; i + len <= n; i++)
    if (memcmp (data + i, needle, len) == 0)
      return TRUE;
  return FALSE;
}

/* The text pdftotext reads in @pdf. */
static char *
pdf_text (GBytes *pdf)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "page.pdf", NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "/usr/bin/pdftotext", "-layout", path, "-", NULL };
  char *out = NULL;
  int status;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  lapak_test_remove_tree (dir);
  return out;
}

static LapakPrintSettings *
settings (const char         *receipt,
          LapakReceiptFormat  format,
          LapakPaperWidth     width,
          const char         *labels,
          const char         *layout)
{
  LapakPrintSettings *s = g_new0 (LapakPrintSettings, 1);

  s->receipt_queue = g_strdup (receipt);
  s->receipt_format = format;
  s->receipt_width = width;
  s->label_queue = g_strdup (labels);
  s->label_layout = g_strdup (layout);
  return s;
}

static void
test_receipt_escpos (void)
{
  g_autoptr(GError) error = NULL;
  const LapakPaperWidth widths[] = { LAPAK_PAPER_58MM, LAPAK_PAPER_80MM };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autoptr(LapakPrintSettings) s = settings ("struk", LAPAK_RECEIPT_ESCPOS, widths[i], "label", "a4-3x8");
      g_autoptr(LapakTestPage) page = lapak_test_page_for_queue (s, "struk", "K1", &error);
      guint columns = lapak_paper_columns (widths[i]);
      g_autoptr(GString) ruler = g_string_new ("\n");
      g_autoptr(GString) too_long = NULL;
      g_autofree char *paper = g_strdup_printf ("Paper: %d mm, %u characters a line", (int)widths[i], columns);
      const guint8 *data;
      gsize n;

      g_assert_no_error (error);
      g_assert_cmpint (page->kind, ==, LAPAK_TEST_PAGE_RECEIPT);
      g_assert_cmpstr (page->format, ==, LAPAK_FORMAT_RAW);
      data = g_bytes_get_data (page->data, &n);
      g_assert_cmpint (data[0], ==, 0x1B);
      g_assert_cmpint (data[1], ==, '@');
      g_assert_cmpint (data[n - 3], ==, 0x1D);
      g_assert_cmpint (data[n - 2], ==, 'V');
      g_assert_true (bytes_contain (page->data, "TEST PAGE"));
      g_assert_true (bytes_contain (page->data, "Till: K1"));
      g_assert_true (bytes_contain (page->data, "Printer: struk"));
      g_assert_true (bytes_contain (page->data, paper));
      /* the ruler is exactly one paper line */
      for (guint c = 1; c <= columns; c++)
        g_string_append_c (ruler, '0' + (char)(c % 10));
      too_long = g_string_new (ruler->str);
      g_string_append_c (ruler, '\n');
      g_string_append_c (too_long, '1');
      g_assert_true (bytes_contain (page->data, ruler->str));
      g_assert_false (bytes_contain (page->data, too_long->str));
      /* é in code page 1252, not UTF-8 */
      g_assert_true (bytes_contain (page->data, "\xE9"));
      g_assert_false (bytes_contain (page->data, "\xC3\xA9"));
      g_assert_true (bytes_contain (page->data, "1P0" LAPAK_TEST_PAGE_CODE));
    }
}

static void
test_receipt_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakPrintSettings) s = settings ("struk", LAPAK_RECEIPT_PDF, LAPAK_PAPER_58MM, NULL, NULL);
  g_autoptr(LapakTestPage) page = lapak_test_page_for_queue (s, "struk", "K7", &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (page->format, ==, LAPAK_FORMAT_PDF);
  g_assert_true (bytes_contain (page->data, "%PDF-"));
  text = pdf_text (page->data);
  g_assert_nonnull (strstr (text, "TEST PAGE"));
  g_assert_nonnull (strstr (text, "Till: K7"));
  g_assert_nonnull (strstr (text, "Paper: 58 mm, 32 characters a line"));
  g_assert_nonnull (strstr (text, "12345678901234567890123456789012"));
}

static void
test_label (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakPrintSettings) s = settings ("struk", LAPAK_RECEIPT_ESCPOS, LAPAK_PAPER_58MM, "label", "roll-50x30");
  g_autoptr(LapakTestPage) page = lapak_test_page_for_queue (s, "label", "K1", &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (page->kind, ==, LAPAK_TEST_PAGE_LABEL);
  g_assert_cmpstr (page->format, ==, LAPAK_FORMAT_PDF);
  g_assert_nonnull (page->media);
  text = pdf_text (page->data);
  g_assert_nonnull (strstr (text, "Test label"));
  g_assert_nonnull (strstr (text, LAPAK_TEST_PAGE_CODE));
  /* one page (pdftotext ends each with a form feed): one label */
  {
    guint pages = 0;

    for (const char *p = text; *p; p++)
      pages += *p == '\f';
    g_assert_cmpuint (pages, ==, 1);
  }
}

static void
test_unused_queue (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakPrintSettings) s = settings ("struk", LAPAK_RECEIPT_ESCPOS, LAPAK_PAPER_58MM, NULL, NULL);
  g_autoptr(LapakTestPage) page = lapak_test_page_for_queue (s, "kantor", "K1", &error);

  g_assert_null (page);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "kantor"));
  g_assert_nonnull (strstr (error->message, "printers set --receipt kantor"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);

  g_test_add_func ("/test-page/receipt-escpos", test_receipt_escpos);
  g_test_add_func ("/test-page/receipt-pdf", test_receipt_pdf);
  g_test_add_func ("/test-page/label", test_label);
  g_test_add_func ("/test-page/unused-queue", test_unused_queue);
  return g_test_run ();
}
