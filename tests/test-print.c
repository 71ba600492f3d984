/* test-print.c — printing without a printer: ESC/POS bytes against golden
 * files, the PDF receipt read back with pdftotext and zbarimg, label sheets
 * and rolls rendered, rasterised (pdftoppm), cut per label (ImageMagick)
 * and decoded (zbarimg) back to the exact codes.
 *
 * Set LAPAK_UPDATE_GOLDEN=1 to rewrite tests/golden/ (then look at the
 * decoded bytes this test prints as "#" lines before committing them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "lapak-test-util.h"

#include "lapak-error.h"
#include "lapak-escpos.h"
#include "lapak-import.h"
#include "lapak-labels.h"
#include "lapak-ledger.h"
#include "lapak-money.h"
#include "lapak-receipt-pdf.h"

#define CONVERT "/usr/bin/convert"

/* ---------- helpers ---------- */

static char *
run_ok (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

/* Decodes the QR code in @png; NULL when there is none (zbarimg exit 4). */
static char *
zbar (const char *png)
{
  const char *argv[] = { "zbarimg", "--raw", "-q", "--nodbus", png, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 4)
    {
      g_free (out);
      return NULL;
    }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_strchomp (out);
  return out;
}

/* Decodes every image in @pngs with one zbarimg run (one process per tile
 * is 5× slower); returns the code in each (NULL where none), in order. */
static GPtrArray *
zbar_many (GPtrArray *pngs)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) sources = NULL;
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  int status;

  g_ptr_array_add (argv, "zbarimg");
  g_ptr_array_add (argv, "-q");
  g_ptr_array_add (argv, "--nodbus");
  g_ptr_array_add (argv, "--xml");
  g_ptr_array_extend (argv, pngs, NULL, NULL);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && (WEXITSTATUS (status) == 0 || WEXITSTATUS (status) == 4));

  sources = g_strsplit (out, "<source href='", -1);
  for (guint i = 0; i < pngs->len; i++)
    {
      char *code = NULL;

      for (guint k = 1; sources[k] != NULL && code == NULL; k++)
        if (g_str_has_prefix (sources[k], g_ptr_array_index (pngs, i)) &&
            sources[k][strlen (g_ptr_array_index (pngs, i))] == '\'')
          {
            const char *data = strstr (sources[k], "<![CDATA[");

            if (data != NULL)
              {
                data += 9;
                code = g_strndup (data, strstr (data, "]]>") - data);
                /* one code a label, never two */
                g_assert_null (strstr (data, "<![CDATA["));
              }
            else
              code = g_strdup ("");
          }
      if (code != NULL && *code == '\0')
        g_clear_pointer (&code, g_free);
      g_ptr_array_add (codes, code);
    }
  return codes;
}

static void
write_bytes (const char *path,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* Rasterises page @page of @pdf at 150 dpi, trims @shave_x/@shave_y pixels
 * of margin from each side and cuts it into @cols × @rows tiles; returns
 * the decoded code of every tile (NULL where none), in reading order. */
static GPtrArray *
decode_page (const char *dir,
             const char *pdf,
             int         page,
             guint       cols,
             guint       rows,
             double      shave_x_mm,
             double      shave_y_mm)
{
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png = g_strdup_printf ("%s.png", prefix);
  g_autofree char *pagestr = g_strdup_printf ("%d", page);
  g_autofree char *grid = g_strdup_printf ("%ux%u@", cols, rows);
  g_autofree char *shave = g_strdup_printf ("%dx%d", (int)(shave_x_mm / 25.4 * 150 + 0.5),
                                            (int)(shave_y_mm / 25.4 * 150 + 0.5));
  g_autofree char *tiles = g_build_filename (dir, "tile-%03d.png", NULL);
  const char *ppm[] = { "pdftoppm", "-r", "150", "-f", pagestr, "-l", pagestr, "-png", "-singlefile",
                        pdf, prefix, NULL };
  const char *cut[] = { CONVERT, png, "-shave", shave, "-crop", grid, "+repage", tiles, NULL };
  g_autoptr(GPtrArray) pngs = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *codes;

  g_free (run_ok (ppm));
  g_free (run_ok (cut));
  for (guint i = 0; i < cols * rows; i++)
    {
      g_autofree char *name = g_strdup_printf ("tile-%03u.png", i);

      g_ptr_array_add (pngs, g_build_filename (dir, name, NULL));
    }
  codes = zbar_many (pngs);
  for (guint i = 0; i < pngs->len; i++)
    g_unlink (g_ptr_array_index (pngs, i));
  g_unlink (png);
  return codes;
}

static int
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = run_ok (argv);
  const char *p = strstr (out, "Pages:");

  g_assert_nonnull (p);
  return atoi (p + 6);
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

  return run_ok (argv);
}

/* ---------- a receipt built by hand: fixed time, hash and names ---------- */

static LapakCartLine *
line (const char *code,
      const char *tenant,
      const char *name,
      int64_t     qty,
      int64_t     price,
      int64_t     discount)
{
  LapakCartLine *l = g_new0 (LapakCartLine, 1);

  l->code = g_strdup (code);
  l->tenant = g_strdup (tenant);
  l->name = g_strdup (name);
  l->qty = qty;
  l->list_price = price;
  l->unit_price = price;
  l->unit_discount = discount;
  return l;
}

static void
line_free (gpointer data)
{
  LapakCartLine *l = data;

  g_free (l->code);
  g_free (l->tenant);
  g_free (l->name);
  g_free (l);
}

static void
group_free (gpointer data)
{
  LapakReceiptGroup *g = data;

  g_free (g->tenant_code);
  g_free (g->tenant_name);
  g_ptr_array_unref (g->lines);
  g_free (g);
}

static void
payment_clear (gpointer data)
{
  g_free (((LapakPayment *)data)->reference);
}

static LapakReceipt *
fixed_receipt (void)
{
  LapakReceipt *r = g_new0 (LapakReceipt, 1);
  LapakReceiptGroup *g;
  LapakPayment cash = { LAPAK_PAY_CASH, 80000, 100000, NULL };
  LapakPayment qris = { LAPAK_PAY_QRIS, 150000, 150000, g_strdup ("QR-7781") };

  r->event_name = g_strdup ("Pameran UMKM — Café Nusantara");
  r->till_id = g_strdup ("K1");
  r->cashier = g_strdup ("Sari");
  r->sale_id = g_strdup ("K1-000042");
  r->at = G_GINT64_CONSTANT (1795427400) * G_USEC_PER_SEC;   /* 2026-11-23 16:50 in Jakarta */
  r->hash = g_strdup ("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  r->qr_text = g_strdup ("LAPAK:K1-000042");
  r->lines = g_ptr_array_new_with_free_func (line_free);
  r->groups = g_ptr_array_new_with_free_func (group_free);
  r->payments = g_array_new (FALSE, TRUE, sizeof (LapakPayment));
  g_array_set_clear_func (r->payments, payment_clear);

  g_ptr_array_add (r->lines, line ("KLL-001L", "KLL", "Keripik Lele Original 100 g", 2, 15000, 0));
  g_ptr_array_add (r->lines, line ("KLL-002Y", "KLL", "Keripik Lele Pedas “Level 5” 100 g", 1, 16000, 1000));
  g_ptr_array_add (r->lines, line ("BTK-0044", "BTK", "Kain Batik Cap Lasem 2 m", 1, 185000, 0));

  g = g_new0 (LapakReceiptGroup, 1);
  g->tenant_code = g_strdup ("KLL");
  g->tenant_name = g_strdup ("Keripik Lele Bu Tini");
  g->lines = g_ptr_array_new ();
  g_ptr_array_add (g->lines, r->lines->pdata[0]);
  g_ptr_array_add (g->lines, r->lines->pdata[1]);
  g->subtotal = 45000;
  g_ptr_array_add (r->groups, g);
  g = g_new0 (LapakReceiptGroup, 1);
  g->tenant_code = g_strdup ("BTK");
  g->tenant_name = g_strdup ("Batik Tulis Lasem Sekar Jagad");
  g->lines = g_ptr_array_new ();
  g_ptr_array_add (g->lines, r->lines->pdata[2]);
  g->subtotal = 185000;
  g_ptr_array_add (r->groups, g);

  g_array_append_val (r->payments, qris);
  g_array_append_val (r->payments, cash);
  r->total = 230000;
  r->paid = 250000;
  r->change = 20000;
  return r;
}

/* ---------- ESC/POS ---------- */

static void
check_golden (const char *name,
              GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "tests", "golden", name, NULL);
  g_autofree char *described = lapak_escpos_describe (bytes);
  g_auto(GStrv) lines = g_strsplit (described, "\n", -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *golden = NULL;
  gsize golden_len;

  for (guint i = 0; lines[i] != NULL && *lines[i]; i++)
    g_test_message ("%s: %s", name, lines[i]);
  if (g_getenv ("LAPAK_UPDATE_GOLDEN") != NULL)
    write_bytes (path, bytes);
  g_file_get_contents (path, &golden, &golden_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), golden, golden_len);
}

static void
test_escpos_golden (void)
{
  g_autoptr(LapakReceipt) r = fixed_receipt ();
  LapakEscposOptions o58 = { LAPAK_PAPER_58MM, FALSE };
  LapakEscposOptions o80 = { LAPAK_PAPER_80MM, TRUE };
  g_autoptr(GBytes) b58 = lapak_escpos_receipt (r, &o58);
  g_autoptr(GBytes) b80 = NULL;
  g_autofree char *d58 = lapak_escpos_describe (b58);
  g_autofree char *d80 = NULL;
  gsize n;
  const guint8 *p = g_bytes_get_data (b58, &n);

  /* what a printer needs, whatever the golden file says */
  g_assert_cmpmem (p, 5, "\x1b@\x1bt\x10", 5);                 /* init, WPC1252 */
  g_assert_cmpmem (p + n - 4, 4, "\x1dV\x42\x03", 4);          /* feed and cut */
  g_assert_nonnull (strstr (d58, "GS ( k store \"LAPAK:K1-000042\""));
  g_assert_nonnull (strstr (d58, "GS ( k 49 81 48"));          /* print the QR */
  g_assert_nonnull (strstr (d58, "TEXT \"9f86d081884c7d659a2feaa0c55ad015\""));
  g_assert_nonnull (strstr (d58, "TEXT \"a3bf4f1b2b0b822cd15d6c15b0f00a08\""));
  g_assert_nonnull (strstr (d58, "GS ! 0x11\nTEXT \"TOTAL"));  /* big total */
  g_assert_nonnull (strstr (d58, "Rp 230,000\""));
  g_assert_nonnull (strstr (d58, "Change"));
  g_assert_nonnull (strstr (d58, "Keripik Lele Bu Tini"));
  g_assert_null (strstr (d58, "REPRINT"));
  g_assert_null (strstr (d58, "ESC p"));
  check_golden ("receipt-58.escpos", b58);

  r->reprint = TRUE;
  b80 = lapak_escpos_receipt (r, &o80);
  d80 = lapak_escpos_describe (b80);
  p = g_bytes_get_data (b80, &n);
  g_assert_cmpmem (p, 5, "\x1bp\x00\x19\xfa", 5);              /* drawer kick first */
  g_assert_nonnull (strstr (d80, "TEXT \"REPRINT\""));
  g_assert_nonnull (strstr (d80, "GS ! 0x11\nTEXT \"TOTAL"));  /* fits double width on 80 mm */
  g_assert_nonnull (strstr (d80, "TEXT \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822c\""));
  check_golden ("receipt-80.escpos", b80);
}

/* Every text line fits the paper: 32 or 48 characters (half in double width). */
static void
test_escpos_columns (void)
{
  g_autoptr(LapakReceipt) r = fixed_receipt ();

  /* a total too long for double width on 58 mm: double height only */
  r->total = 1215000;

  for (int w = 0; w < 2; w++)
    {
      LapakEscposOptions o = { w ? LAPAK_PAPER_80MM : LAPAK_PAPER_58MM, FALSE };
      g_autoptr(GBytes) b = lapak_escpos_receipt (r, &o);
      g_autofree char *d = lapak_escpos_describe (b);
      g_auto(GStrv) lines = g_strsplit (d, "\n", -1);
      guint columns = lapak_paper_columns (o.width);
      gboolean wide = FALSE;

      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (g_str_has_prefix (lines[i], "GS ! "))
            wide = g_str_equal (lines[i], "GS ! 0x11");
          if (g_str_has_prefix (lines[i], "TEXT \"TOTAL"))
            g_assert_cmpstr (lines[i - 1], ==, o.width == LAPAK_PAPER_58MM ? "GS ! 0x01" : "GS ! 0x11");
          if (g_str_has_prefix (lines[i], "TEXT \""))
            {
              glong len = g_utf8_strlen (lines[i], -1) - 7;

              g_assert_cmpint (len, <=, wide ? columns / 2 : columns);
            }
        }
    }
}

static void
test_escpos_encoding (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  /* Latin-1, WPC1252 extras, a letter outside both, an emoji, control characters */
  const char *text = "Café Ñ — “kopi” … € Ł 🍵 \x1b\x1d!";
  const guint8 want[] = "Caf\xe9 \xd1 \x97 \x93kopi\x94 \x85 \x80 L ? ?" "?!";

  lapak_escpos_encode_text (out, text);
  g_assert_cmpmem (out->data, out->len, want, sizeof want - 1);
  /* one byte per character, so columns line up */
  g_assert_cmpuint (out->len, ==, g_utf8_strlen (text, -1));
}

static void
test_paper_width_parse (void)
{
  g_autoptr(GError) error = NULL;
  LapakPaperWidth w;

  g_assert_true (lapak_paper_width_parse ("58", &w, NULL));
  g_assert_cmpint (w, ==, LAPAK_PAPER_58MM);
  g_assert_true (lapak_paper_width_parse ("48", &w, NULL));
  g_assert_cmpint (w, ==, LAPAK_PAPER_80MM);
  g_assert_false (lapak_paper_width_parse ("76", &w, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "58 or 80"));
}

/* ---------- PDF receipt ---------- */

static void
test_receipt_pdf (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *pdf = g_build_filename (dir, "r.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "r", NULL);
  g_autofree char *png = g_build_filename (dir, "r.png", NULL);
  g_autoptr(LapakReceipt) r = fixed_receipt ();
  g_autoptr(GError) error = NULL;

  for (int w = 0; w < 2; w++)
    {
      g_autoptr(GBytes) bytes = lapak_receipt_pdf (r, w ? LAPAK_PAPER_80MM : LAPAK_PAPER_58MM, &error);
      const char *info[] = { "pdfinfo", pdf, NULL };
      const char *ppm[] = { "pdftoppm", "-r", "300", "-png", "-singlefile", pdf, prefix, NULL };
      g_autofree char *text = NULL;
      g_autofree char *out = NULL;
      g_autofree char *code = NULL;
      g_autofree char *size = NULL;

      g_assert_no_error (error);
      write_bytes (pdf, bytes);
      text = pdf_text (pdf);
      g_test_message ("PDF %d mm:\n%s", w ? 80 : 58, text);
      g_assert_true (g_regex_match_simple ("TOTAL +Rp 230,000", text, 0, 0));
      g_assert_true (g_regex_match_simple ("QRIS +Rp 150,000", text, 0, 0));
      g_assert_true (g_regex_match_simple ("Cash +Rp 100,000", text, 0, 0));
      g_assert_true (g_regex_match_simple ("Change +Rp 20,000", text, 0, 0));
      g_assert_true (g_regex_match_simple ("2 x 15,000 +30,000", text, 0, 0));
      g_assert_true (g_regex_match_simple ("1 x 185,000 +185,000", text, 0, 0));
      g_assert_nonnull (strstr (text, "Keripik Lele Bu Tini"));
      g_assert_nonnull (strstr (text, "Batik Tulis Lasem Sekar Jagad"));
      g_assert_nonnull (strstr (text, "Café Nusantara"));
      g_assert_nonnull (strstr (text, "K1-000042"));
      g_assert_nonnull (strstr (text, "9f86d081"));
      {
        /* the whole hash, nothing added where its lines break (Pango
         * would put a hyphen there) */
        g_autoptr(GString) flat = g_string_new (NULL);

        for (const char *p = text; *p; p++)
          if (!g_ascii_isspace (*p))
            g_string_append_c (flat, *p);
        g_assert_nonnull (strstr (flat->str, r->hash));
      }
      g_assert_nonnull (strstr (text, "discount 1,000 each"));
      g_assert_null (strstr (text, "REPRINT"));

      /* the page is the paper's width: 58 mm = 164.4 pt, 80 mm = 226.8 pt */
      out = run_ok (info);
      size = g_strdup_printf ("Page size: +%s[0-9]* x", w ? "226\\.77" : "164\\.40");
      g_assert_true (g_regex_match_simple (size, out, 0, 0));

      /* and its QR code reads back */
      g_free (run_ok (ppm));
      code = zbar (png);
      g_assert_cmpstr (code, ==, "LAPAK:K1-000042");
    }

  lapak_test_remove_tree (dir);
}

/* ---------- labels ---------- */

typedef struct
{
  char      *dir;
  LapakDb   *db;
  GPtrArray *products;
} LabelFixture;

static void
label_setup (LabelFixture *f,
             gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) org = NULL;
  g_autofree char *tenants = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", "tenants.csv", NULL);
  g_autofree char *products = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", "products.csv", NULL);

  f->dir = lapak_test_make_dir ();
  f->db = lapak_test_new_till (f->dir, "K1");
  org = lapak_test_login (f->db, "Org", "1234");
  lapak_event_create (f->db, org, "DEMO", "Demo", LAPAK_EVENT_BAZAAR, 1500, 0, NULL, &error);
  g_assert_no_error (error);
  lapak_import_tenants (f->db, org, tenants, NULL, &error);
  g_assert_no_error (error);
  lapak_import_products (f->db, org, products, NULL, &error);
  g_assert_no_error (error);
  f->products = lapak_product_list (f->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->products->len, >=, 24);
}

static void
label_teardown (LabelFixture *f,
                gconstpointer data)
{
  g_ptr_array_unref (f->products);
  g_object_unref (f->db);
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GPtrArray *
first_labels (LabelFixture *f,
              guint         n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  GPtrArray *labels;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (codes, ((LapakProduct *)g_ptr_array_index (f->products, i))->code);
  g_ptr_array_add (codes, NULL);
  labels = lapak_labels_for_products (f->products, (const char * const *)codes->pdata, 1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (labels->len, ==, n);
  return labels;
}

static void
test_labels_sheet_3x8 (LabelFixture *f,
                       gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = first_labels (f, 24);
  const LapakLabelLayout *layout = lapak_label_layout_find ("a4-3x8", &error);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = g_build_filename (f->dir, "sheet.pdf", NULL);
  g_autoptr(GPtrArray) codes = NULL;

  g_assert_no_error (error);
  pdf = lapak_labels_pdf (labels, layout, 1, &error);
  g_assert_no_error (error);
  write_bytes (path, pdf);
  g_assert_cmpint (pdf_pages (path), ==, 1);

  codes = decode_page (f->dir, path, 1, 3, 8, 0, 0);
  for (guint i = 0; i < 24; i++)
    g_assert_cmpstr (g_ptr_array_index (codes, i), ==, ((LapakLabel *)g_ptr_array_index (labels, i))->code);

  /* names, prices and tenants are there as text */
  {
    g_autofree char *text = pdf_text (path);
    const LapakLabel *l = g_ptr_array_index (labels, 0);
    g_autofree char *price = lapak_money_format (l->price, LAPAK_MONEY_STYLE_DEFAULT);

    g_assert_nonnull (strstr (text, price));
    g_assert_nonnull (strstr (text, l->code));
  }
}

/* Every sheet layout: the labels land in their cells (margins right) and read back. */
static void
test_labels_other_sheets (LabelFixture *f,
                          gconstpointer data)
{
  const char *names[] = { "a4-4x10", "a4-5x13" };

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autoptr(GError) error = NULL;
      const LapakLabelLayout *layout = lapak_label_layout_find (names[k], &error);
      guint per_page = lapak_label_layout_per_page (layout);
      g_autoptr(GPtrArray) labels = first_labels (f, MIN (f->products->len, per_page));
      g_autoptr(GBytes) pdf = lapak_labels_pdf (labels, layout, 1, &error);
      g_autofree char *path = g_build_filename (f->dir, "sheet.pdf", NULL);
      g_autoptr(GPtrArray) codes = NULL;
      double right = layout->page_w - layout->left - layout->cols * layout->pitch_x;
      double bottom = layout->page_h - layout->top - layout->rows * layout->pitch_y;

      g_assert_no_error (error);
      /* real sheets are symmetric: what -shave assumes */
      g_assert_cmpfloat (fabs (right - layout->left), <, 0.01);
      g_assert_cmpfloat (fabs (bottom - layout->top), <, 0.01);
      write_bytes (path, pdf);
      codes = decode_page (f->dir, path, 1, layout->cols, layout->rows, layout->left, layout->top);
      for (guint i = 0; i < labels->len; i++)
        g_assert_cmpstr (g_ptr_array_index (codes, i), ==, ((LapakLabel *)g_ptr_array_index (labels, i))->code);
    }
}

static void
test_labels_start_position (LabelFixture *f,
                            gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = first_labels (f, 4);
  const LapakLabelLayout *layout = lapak_label_layout_find ("a4-3x8", NULL);
  g_autoptr(GBytes) pdf = lapak_labels_pdf (labels, layout, 22, &error);
  g_autofree char *path = g_build_filename (f->dir, "start.pdf", NULL);
  g_autoptr(GPtrArray) page1 = NULL;
  g_autoptr(GPtrArray) page2 = NULL;

  g_assert_no_error (error);
  write_bytes (path, pdf);
  g_assert_cmpint (pdf_pages (path), ==, 2);
  page1 = decode_page (f->dir, path, 1, 3, 8, 0, 0);
  for (guint i = 0; i < 21; i++)
    g_assert_null (g_ptr_array_index (page1, i));
  for (guint i = 21; i < 24; i++)
    g_assert_cmpstr (g_ptr_array_index (page1, i), ==, ((LapakLabel *)g_ptr_array_index (labels, i - 21))->code);
  page2 = decode_page (f->dir, path, 2, 3, 8, 0, 0);
  g_assert_cmpstr (g_ptr_array_index (page2, 0), ==, ((LapakLabel *)g_ptr_array_index (labels, 3))->code);
  g_assert_null (g_ptr_array_index (page2, 1));

  g_assert_null (lapak_labels_pdf (labels, layout, 25, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1 to 24"));
  g_clear_error (&error);
  g_assert_null (lapak_labels_pdf (labels, layout, 0, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
}

static void
test_labels_roll (LabelFixture *f,
                  gconstpointer data)
{
  const char *names[] = { "roll-40x30", "roll-50x30" };

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) labels = first_labels (f, 3);
      const LapakLabelLayout *layout = lapak_label_layout_find (names[k], &error);
      g_autoptr(GBytes) pdf = lapak_labels_pdf (labels, layout, 1, &error);
      g_autofree char *path = g_build_filename (f->dir, "roll.pdf", NULL);
      const char *info[] = { "pdfinfo", path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *size = NULL;

      g_assert_no_error (error);
      write_bytes (path, pdf);
      g_assert_cmpint (pdf_pages (path), ==, 3);   /* one label a page */
      out = run_ok (info);
      size = g_strdup_printf ("Page size: +%d\\.[0-9]* x 85\\.0", (int)(layout->page_w * 72 / 25.4));
      g_assert_true (g_regex_match_simple (size, out, 0, 0));
      for (int page = 1; page <= 3; page++)
        {
          g_autoptr(GPtrArray) codes = decode_page (f->dir, path, page, 1, 1, 0, 0);

          g_assert_cmpstr (g_ptr_array_index (codes, 0), ==,
                           ((LapakLabel *)g_ptr_array_index (labels, page - 1))->code);
        }
    }
}

static void
test_labels_ellipsis (LabelFixture *f,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify)lapak_label_free);
  const char *name = "Keripik Tempe Sagu Renyah Khas Malang Rasa Balado Pedas Manis Édisi Spesial Lebaran Zzzakhir";
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = g_build_filename (f->dir, "long.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) codes = NULL;

  g_ptr_array_add (labels, lapak_label_new ("KLL-001L", name, "KLL", 15000));
  pdf = lapak_labels_pdf (labels, lapak_label_layout_find ("a4-5x13", NULL), 1, &error);
  g_assert_no_error (error);
  write_bytes (path, pdf);
  text = pdf_text (path);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "…"));
  g_assert_nonnull (strstr (text, "Keripik"));
  g_assert_null (strstr (text, "Zzzakhir"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  codes = decode_page (f->dir, path, 1, 5, 13, 10, 10.7);
  g_assert_cmpstr (g_ptr_array_index (codes, 0), ==, "KLL-001L");
}

static void
test_labels_for_products (LabelFixture *f,
                          gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const LapakProduct *p0 = g_ptr_array_index (f->products, 0);
  const LapakProduct *p1 = g_ptr_array_index (f->products, 1);
  g_autofree char *lower = g_ascii_strdown (p1->code, -1);
  const char *codes[] = { p0->code, lower, NULL };
  const char *bad[] = { "NOPE-0000", NULL };
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  int64_t stock = 0;

  labels = lapak_labels_for_products (f->products, codes, 3, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (labels->len, ==, 6);
  g_assert_cmpstr (((LapakLabel *)labels->pdata[2])->code, ==, p0->code);
  g_assert_cmpstr (((LapakLabel *)labels->pdata[3])->code, ==, p1->code);
  g_assert_cmpint (((LapakLabel *)labels->pdata[3])->price, ==, p1->price);
  g_clear_pointer (&labels, g_ptr_array_unref);

  labels = lapak_labels_for_products (f->products, NULL, 1, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < f->products->len; i++)
    stock += MAX (((LapakProduct *)f->products->pdata[i])->stock, 0);
  g_assert_cmpuint (labels->len, ==, stock);

  g_assert_null (lapak_labels_for_products (f->products, bad, 1, FALSE, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "NOPE-0000"));
  g_clear_error (&error);
  g_assert_null (lapak_labels_for_products (f->products, NULL, 0, FALSE, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lapak_labels_for_products (empty, NULL, 1, FALSE, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lapak_label_layout_find ("a4-9x9", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "a4-3x8"));
}

/* ---------- lapakctl receipt / labels, without a printer ---------- */

static int
ctl (const char  *db,
     char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  va_list ap;
  int status;

  envp = g_environ_setenv (envp, "LAPAK_DB", db, TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LAPAK_PIN");
  g_ptr_array_add (argv, (gpointer)g_getenv ("LAPAKCTL"));
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer)a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

#define CTL(db, ...) ({ g_autofree char *o_ = NULL, *e_ = NULL; int s_ = ctl (db, &o_, &e_, __VA_ARGS__, NULL); \
                        g_test_message ("→ %d %s%s", s_, o_, e_); s_; })

static void
test_cli (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "k1.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "l.pdf", NULL);
  g_autofree char *tenants = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", "tenants.csv", NULL);
  g_autofree char *products = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", "products.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (CTL (db, "init", "--till", "K1", "--organiser", "Ketua", "--pin", "123456"), ==, 0);
  g_assert_cmpint (CTL (db, "event", "create", "DEMO", "--name", "Demo", "--as", "Ketua", "--pin", "123456"), ==, 0);
  g_assert_cmpint (CTL (db, "user", "add", "Sari", "--role", "cashier", "--pin", "1111", "--as", "Ketua", "--as-pin", "123456"), ==, 0);
  g_assert_cmpint (CTL (db, "tenant", "import", tenants, "--as", "Ketua", "--pin", "123456"), ==, 0);
  g_assert_cmpint (CTL (db, "product", "import", products, "--as", "Ketua", "--pin", "123456"), ==, 0);
  g_assert_cmpint (CTL (db, "shift", "open", "--as", "Sari", "--pin", "1111", "--float", "0"), ==, 0);
  g_assert_cmpint (CTL (db, "sell", "--as", "Sari", "--pin", "1111", "KLL-001L", "--pay", "cash:20000"), ==, 0);

  /* labels */
  g_assert_cmpint (ctl (db, &out, &err, "labels", "--list-layouts", NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^a4-3x8 .*70 × 37 mm", out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^roll-40x30 ", out, G_REGEX_MULTILINE, 0));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (CTL (db, "labels", "--out", pdf), ==, 2);                        /* no --layout */
  g_assert_cmpint (CTL (db, "labels", "--layout", "a4-3x8"), ==, 2);               /* no --out/--printer */
  g_assert_cmpint (CTL (db, "labels", "--layout", "a4-3x8", "--copies", "2", "--stock", "--out", pdf), ==, 2);
  g_assert_cmpint (CTL (db, "labels", "--layout", "a4-9x9", "--out", pdf), ==, 2);
  g_assert_cmpint (ctl (db, &out, &err, "labels", "--layout", "a4-3x8", "--product", "NOPE-0000", "--out", pdf, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "There is no product NOPE-0000"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));                          /* nothing half-written */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ctl (db, &out, &err, "labels", "--layout", "a4-3x8", "--tenant", "KLL", "--copies", "3",
                        "--start", "23", "--out", pdf, NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^[0-9]+ labels written to ", out, 0, 0));
  g_assert_cmpint (pdf_pages (pdf), >=, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* --stock: one per unit; KLL-001L had 40 and one was sold */
  g_assert_cmpint (ctl (db, &out, &err, "labels", "--layout", "roll-50x30", "--product", "KLL-001L", "--stock",
                        "--out", pdf, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "39 labels written to "));
  g_assert_cmpint (pdf_pages (pdf), ==, 39);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* receipts */
  g_assert_cmpint (CTL (db, "receipt", "K1-000001", "--format", "xml"), ==, 2);
  g_assert_cmpint (CTL (db, "receipt", "K1-000001", "--width", "76"), ==, 2);
  g_assert_cmpint (CTL (db, "receipt", "K1-000001", "--format", "text", "--printer", "raw"), ==, 2);
  g_assert_cmpint (ctl (db, &out, &err, "receipt", "K1-000001", "--width", "80", "--reprint", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "REPRINT"));
  g_assert_true (g_regex_match_simple ("^-{48}$", out, G_REGEX_MULTILINE, 0));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* the till's printer settings */
  g_assert_cmpint (ctl (db, &out, &err, "receipt", "K1-000001", "--print", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "This till has no receipt printer"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (CTL (db, "printers", "set", "--receipt", "struk", "--as", "Sari", "--pin", "1111"), ==, 1);
  g_assert_cmpint (CTL (db, "printers", "set", "--receipt", "two words", "--as", "Ketua", "--pin", "123456"), ==, 1);
  g_assert_cmpint (CTL (db, "printers", "set", "--open-drawer", "maybe", "--as", "Ketua", "--pin", "123456"), ==, 2);
  g_assert_cmpint (CTL (db, "printers", "set", "--receipt", "struk", "--width", "80", "--open-drawer", "yes",
                        "--labels", "label", "--layout", "roll-50x30", "--as", "Ketua", "--pin", "123456"), ==, 0);
  g_assert_cmpint (CTL (db, "receipt", "K1-000001", "--print", "--out", pdf), ==, 2);
  g_assert_cmpint (CTL (db, "receipt", "K1-000001", "--print", "--open-drawer"), ==, 2);
  {
    /* CUPS is not there: the sale is kept and the message says so */
    g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "CUPS_SERVER", "/nonexistent/cups.sock", TRUE);
    const char *argv[] = { g_getenv ("LAPAKCTL"), "receipt", "K1-000001", "--print", NULL };
    int status;

    envp = g_environ_setenv (envp, "LAPAK_DB", db, TRUE);
    envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
    envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
    g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
    g_assert_nonnull (strstr (err, "/nonexistent/cups.sock does not answer. Nothing was printed."));
    g_assert_nonnull (strstr (err, "The sale K1-000001 is saved"));
    g_assert_nonnull (strstr (err, "lapakctl receipt K1-000001 --print --reprint"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  g_assert_cmpint (CTL (db, "receipt", "K1-000001", "--format", "pdf", "--out", pdf), ==, 0);
  {
    g_autofree char *text = pdf_text (pdf);

    g_assert_true (g_regex_match_simple ("TOTAL +Rp 15,000", text, 0, 0));
    g_assert_true (g_regex_match_simple ("Change +Rp 5,000", text, 0, 0));
  }

  lapak_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* fixed zone and language: the golden bytes hold the time and amounts */
  g_setenv ("TZ", "Asia/Jakarta", TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/print/escpos/golden", test_escpos_golden);
  g_test_add_func ("/print/escpos/columns", test_escpos_columns);
  g_test_add_func ("/print/escpos/encoding", test_escpos_encoding);
  g_test_add_func ("/print/paper-width", test_paper_width_parse);
  g_test_add_func ("/print/receipt-pdf", test_receipt_pdf);
  g_test_add_func ("/print/cli", test_cli);
  g_test_add ("/print/labels/sheet-3x8", LabelFixture, NULL, label_setup, test_labels_sheet_3x8, label_teardown);
  g_test_add ("/print/labels/other-sheets", LabelFixture, NULL, label_setup, test_labels_other_sheets, label_teardown);
  g_test_add ("/print/labels/start", LabelFixture, NULL, label_setup, test_labels_start_position, label_teardown);
  g_test_add ("/print/labels/roll", LabelFixture, NULL, label_setup, test_labels_roll, label_teardown);
  g_test_add ("/print/labels/ellipsis", LabelFixture, NULL, label_setup, test_labels_ellipsis, label_teardown);
  g_test_add ("/print/labels/for-products", LabelFixture, NULL, label_setup, test_labels_for_products, label_teardown);
  return g_test_run ();
}
