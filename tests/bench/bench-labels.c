/* bench-labels.c — printing benchmarks (issue 5), not run in CI:
 *   meson test -C _build --benchmark --suite print-bench -v
 *
 *  1. 1,000 QR labels on A4 3×8 to PDF, against glabels-3-batch making the
 *     same 1,000 labels (same template geometry, QR + name + price + tenant
 *     + code) in the same run: the ratio is what counts (targets: ≤ 0.5 s,
 *     ≥ 10× faster). Both outputs' first page is decoded back (24/24), so a
 *     blank PDF cannot pass as fast. Peak RSS of each.
 *  2. A receipt to ESC/POS (target < 1 ms) and to PDF (target < 20 ms),
 *     with the plain-text receipt as the floor measured in the same run.
 * glabels-3-batch comes from the Debian package glabels; without it that
 * comparison is reported as not run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "lapak-test-util.h"

#include "lapak-escpos.h"
#include "lapak-labels.h"
#include "lapak-money.h"
#include "lapak-receipt-pdf.h"

#define N_LABELS 1000

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

typedef struct
{
  double min, median, max;
} Stats;

static Stats
stats (double *v,
       int     n)
{
  Stats s;

  qsort (v, n, sizeof *v, cmp_double);
  s.min = v[0];
  s.median = v[n / 2];
  s.max = v[n - 1];
  return s;
}

static const char *tenants[] = { "KLL", "BTK", "DNT", "JJN", "KAYU", "KOPI", "TNN", "SMB", "ANY", "RTN" };
static const char *names[] = {
  "Keripik Lele Original 100 g", "Kain Batik Tulis Lasem Sekar Jagad 2 m", "Dodol Nanas Tasikmalaya",
  "Jamu Jahe Merah Instan 250 g", "Talenan Kayu Jati Ukir", "Kopi Arabika Gayo 200 g", "Tenun Ikat Sumba Selendang",
  "Sambal Bawang Bu Rudy Pedas", "Anyaman Pandan Tas Belanja", "Rotan Keranjang Bulat Kecil",
};

static GPtrArray *
make_labels (void)
{
  GPtrArray *labels = g_ptr_array_new_with_free_func ((GDestroyNotify)lapak_label_free);

  for (int i = 0; i < N_LABELS; i++)
    {
      g_autofree char *code = g_strdup_printf ("%s-%03d%c", tenants[i % 10], i / 10 + 1, 'A' + i % 26);

      g_ptr_array_add (labels, lapak_label_new (code, names[i % 10], tenants[i % 10], 5000 + 1500 * (i % 97)));
    }
  return labels;
}

static gboolean
run_quiet (const char * const *argv,
           const char         *cwd)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (cwd, (char **)argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* How many of the 24 labels on page 1 of @pdf decode to the expected codes. */
static int
decode_first_page (const char *dir,
                   const char *pdf,
                   GPtrArray  *labels)
{
  g_autofree char *prefix = g_build_filename (dir, "p1", NULL);
  g_autofree char *png = g_build_filename (dir, "p1.png", NULL);
  g_autofree char *tiles = g_build_filename (dir, "t%02d.png", NULL);
  const char *ppm[] = { "pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", "-singlefile", pdf, prefix, NULL };
  const char *cut[] = { "/usr/bin/convert", png, "-crop", "3x8@", "+repage", tiles, NULL };
  int ok = 0;

  if (!run_quiet (ppm, NULL) || !run_quiet (cut, NULL))
    return -1;
  for (int i = 0; i < 24; i++)
    {
      g_autofree char *name = g_strdup_printf ("t%02d.png", i);
      g_autofree char *tile = g_build_filename (dir, name, NULL);
      const char *zbar[] = { "zbarimg", "--raw", "-q", "--nodbus", tile, NULL };
      g_autofree char *out = NULL;
      int status;

      if (g_spawn_sync (NULL, (char **)zbar, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, &out, NULL, &status, NULL) &&
          g_str_equal (g_strchomp (out), ((LapakLabel *)g_ptr_array_index (labels, i))->code))
        ok++;
    }
  return ok;
}

/* Decodes every label of every page of @pdf (cut per label, one zbarimg
 * run per page); returns how many read back as the expected code. */
static int
decode_all (const char *dir,
            const char *pdf,
            GPtrArray  *labels)
{
  g_autofree char *prefix = g_build_filename (dir, "all", NULL);
  const char *ppm[] = { "pdftoppm", "-r", "150", "-png", pdf, prefix, NULL };
  int pages = (labels->len + 23) / 24;
  int ok = 0;

  if (!run_quiet (ppm, NULL))
    return -1;
  for (int p = 0; p < pages; p++)
    {
      g_autofree char *png = g_strdup_printf ("%s-%02d.png", prefix, p + 1);
      g_autofree char *tiles = g_strdup_printf ("%s-%02d-t%%02d.png", prefix, p + 1);
      const char *cut[] = { "/usr/bin/convert", png, "-crop", "3x8@", "+repage", tiles, NULL };
      g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *out = NULL;
      g_auto(GStrv) sources = NULL;
      int status;

      if (!run_quiet (cut, NULL))
        return -1;
      g_ptr_array_add (argv, g_strdup ("zbarimg"));
      g_ptr_array_add (argv, g_strdup ("-q"));
      g_ptr_array_add (argv, g_strdup ("--nodbus"));
      g_ptr_array_add (argv, g_strdup ("--xml"));
      for (int t = 0; t < 24; t++)
        g_ptr_array_add (argv, g_strdup_printf ("%s-%02d-t%02d.png", prefix, p + 1, t));
      g_ptr_array_add (argv, NULL);
      g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, &out, NULL, &status, NULL);
      /* the <source> blocks come in the order of the files */
      sources = g_strsplit (out != NULL ? out : "", "<source href='", -1);
      for (int t = 0; t < 24 && sources[0] != NULL && sources[t + 1] != NULL; t++)
        {
          guint i = p * 24 + t;
          const char *data = strstr (sources[t + 1], "<![CDATA[");

          if (i < labels->len && data != NULL &&
              strncmp (data + 9, ((LapakLabel *)g_ptr_array_index (labels, i))->code,
                       strlen (((LapakLabel *)g_ptr_array_index (labels, i))->code)) == 0 &&
              strncmp (data + 9 + strlen (((LapakLabel *)g_ptr_array_index (labels, i))->code), "]]>", 3) == 0)
            ok++;
        }
    }
  return ok;
}

static void
write_glabels_input (const char *dir,
                     GPtrArray  *labels)
{
  g_autoptr(GString) csv = g_string_new ("code,name,price,tenant\n");
  g_autofree char *csv_path = g_build_filename (dir, "labels.csv", NULL);
  g_autofree char *doc_path = g_build_filename (dir, "labels.glabels", NULL);
  g_autofree char *doc = NULL;

  for (guint i = 0; i < labels->len; i++)
    {
      const LapakLabel *l = g_ptr_array_index (labels, i);
      g_autofree char *price = lapak_money_format (l->price, LAPAK_MONEY_STYLE_DEFAULT);

      g_string_append_printf (csv, "%s,\"%s\",\"%s\",%s\n", l->code, l->name, price, l->tenant);
    }
  g_file_set_contents (csv_path, csv->str, -1, NULL);

  /* Zweckform 3474 = our a4-3x8; the a0…a5 and color attributes are
   * needed, without them glabels writes a blank PDF and exits 0 */
  doc = g_strdup_printf (
    "<?xml version=\"1.0\"?>\n"
    "<Glabels-document xmlns=\"http://glabels.org/xmlns/3.0/\">\n"
    " <Template brand=\"Zweckform\" part=\"3474\" size=\"A4\" description=\"Address Labels\">\n"
    "  <Meta category=\"label\"/>\n"
    "  <Label-rectangle id=\"0\" width=\"70mm\" height=\"37mm\" round=\"0mm\" x_waste=\"0mm\" y_waste=\"0mm\">\n"
    "   <Markup-margin size=\"1.5mm\"/>\n"
    "   <Layout nx=\"3\" ny=\"8\" x0=\"0mm\" y0=\"0.5mm\" dx=\"70mm\" dy=\"37mm\"/>\n"
    "  </Label-rectangle>\n"
    " </Template>\n"
    " <Objects rotate=\"False\">\n"
    "  <Object-barcode x=\"2.5mm\" y=\"9mm\" w=\"19mm\" h=\"19mm\" style=\"IEC18004\" backend=\"libqrencode\" text=\"False\""
    "   checksum=\"True\" color=\"0x000000ff\" field=\"code\" a0=\"1\" a1=\"0\" a2=\"0\" a3=\"1\" a4=\"0\" a5=\"0\" lock_aspect_ratio=\"True\"/>\n"
    "  <Object-text x=\"24mm\" y=\"2mm\" w=\"44mm\" h=\"10mm\" justify=\"Left\" valign=\"Top\" auto_shrink=\"False\""
    "   a0=\"1\" a1=\"0\" a2=\"0\" a3=\"1\" a4=\"0\" a5=\"0\" lock_aspect_ratio=\"False\">\n"
    "   <Span font_family=\"DejaVu Sans\" font_size=\"9\" font_weight=\"Regular\" font_italic=\"False\" color=\"0x000000ff\" line_spacing=\"1\"><Field name=\"name\"/></Span>\n"
    "  </Object-text>\n"
    "  <Object-text x=\"24mm\" y=\"13mm\" w=\"44mm\" h=\"6mm\" justify=\"Left\" valign=\"Top\" auto_shrink=\"False\""
    "   a0=\"1\" a1=\"0\" a2=\"0\" a3=\"1\" a4=\"0\" a5=\"0\" lock_aspect_ratio=\"False\">\n"
    "   <Span font_family=\"DejaVu Sans\" font_size=\"11\" font_weight=\"Bold\" font_italic=\"False\" color=\"0x000000ff\" line_spacing=\"1\"><Field name=\"price\"/></Span>\n"
    "  </Object-text>\n"
    "  <Object-text x=\"24mm\" y=\"19mm\" w=\"44mm\" h=\"8mm\" justify=\"Left\" valign=\"Top\" auto_shrink=\"False\""
    "   a0=\"1\" a1=\"0\" a2=\"0\" a3=\"1\" a4=\"0\" a5=\"0\" lock_aspect_ratio=\"False\">\n"
    "   <Span font_family=\"DejaVu Sans\" font_size=\"7\" font_weight=\"Regular\" font_italic=\"False\" color=\"0x000000ff\" line_spacing=\"1\"><Field name=\"tenant\"/> <Field name=\"code\"/></Span>\n"
    "  </Object-text>\n"
    " </Objects>\n"
    " <Merge type=\"Text/Comma/Line1Keys\" src=\"%s\"/>\n"
    "</Glabels-document>\n", csv_path);
  g_file_set_contents (doc_path, doc, -1, NULL);
}

/* ---------- a receipt (same shape as tests/test-print.c) ---------- */

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

static LapakReceipt *
bench_receipt (void)
{
  LapakReceipt *r = g_new0 (LapakReceipt, 1);
  LapakPayment cash = { LAPAK_PAY_CASH, 0, 0, NULL };

  r->event_name = g_strdup ("Pameran UMKM Nusantara 2026");
  r->till_id = g_strdup ("K1");
  r->cashier = g_strdup ("Sari");
  r->sale_id = g_strdup ("K1-000042");
  r->at = G_GINT64_CONSTANT (1795427400) * G_USEC_PER_SEC;
  r->hash = g_strdup ("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  r->qr_text = g_strdup ("LAPAK:K1-000042");
  r->lines = g_ptr_array_new_with_free_func (line_free);
  r->groups = g_ptr_array_new_with_free_func (group_free);
  r->payments = g_array_new (FALSE, TRUE, sizeof (LapakPayment));
  /* 3 tenants × 3 lines: a busy bazaar sale */
  for (int t = 0; t < 3; t++)
    {
      LapakReceiptGroup *g = g_new0 (LapakReceiptGroup, 1);

      g->tenant_code = g_strdup (tenants[t]);
      g->tenant_name = g_strdup_printf ("Tenant %s", tenants[t]);
      g->lines = g_ptr_array_new ();
      for (int k = 0; k < 3; k++)
        {
          LapakCartLine *l = g_new0 (LapakCartLine, 1);

          l->code = g_strdup_printf ("%s-00%dX", tenants[t], k);
          l->tenant = g_strdup (tenants[t]);
          l->name = g_strdup (names[(t * 3 + k) % 10]);
          l->qty = k + 1;
          l->unit_price = l->list_price = 15000 * (k + 1);
          g_ptr_array_add (r->lines, l);
          g_ptr_array_add (g->lines, l);
          g->subtotal += l->qty * l->unit_price;
          r->total += l->qty * l->unit_price;
        }
      g_ptr_array_add (r->groups, g);
    }
  cash.amount = r->total;
  cash.tendered = r->total + 50000;
  r->paid = cash.tendered;
  r->change = 50000;
  g_array_append_val (r->payments, cash);
  return r;
}

static double
max_rss_mib (int who)
{
  struct rusage ru;

  getrusage (who, &ru);
  return ru.ru_maxrss / 1024.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autoptr(GPtrArray) labels = make_labels ();
  const LapakLabelLayout *layout = lapak_label_layout_find ("a4-3x8", NULL);
  g_autofree char *ours = g_build_filename (dir, "lapak.pdf", NULL);
  g_autofree char *theirs = g_build_filename (dir, "glabels.pdf", NULL);
  g_autofree char *doc = NULL;
  g_autofree char *gl = g_find_program_in_path ("glabels-3-batch");
  double t_ours[7], t_gl[3];
  Stats s_ours, s_gl = { 0 };
  gsize pdf_size = 0;
  int decoded_ours, decoded_gl = -1;
  double rss_ours;
  int n_gl = 0;

  g_setenv ("LANGUAGE", "en", TRUE);

  /* 1. labels */
  for (int i = 0; i < 7; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GBytes) pdf = lapak_labels_pdf (labels, layout, 1, NULL);
      int fd;

      /* the file written is part of the job */
      fd = g_open (ours, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd < 0 || write (fd, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf)) != (gssize)g_bytes_get_size (pdf))
        g_error ("cannot write %s", ours);
      close (fd);
      t_ours[i] = (g_get_monotonic_time () - t0) / 1e6;
      pdf_size = g_bytes_get_size (pdf);
    }
  s_ours = stats (t_ours, 7);
  rss_ours = max_rss_mib (RUSAGE_SELF);
  decoded_ours = decode_first_page (dir, ours, labels);

  if (gl != NULL)
    {
      write_glabels_input (dir, labels);
      doc = g_build_filename (dir, "labels.glabels", NULL);
      {
        const char *full[] = { gl, "-o", theirs, doc, NULL };

        for (int i = 0; i < 3; i++)
          {
            gint64 t0 = g_get_monotonic_time ();

            if (!run_quiet (full, dir))
              break;
            t_gl[n_gl++] = (g_get_monotonic_time () - t0) / 1e6;
          }
      }
      if (n_gl > 0)
        {
          s_gl = stats (t_gl, n_gl);
          decoded_gl = decode_first_page (dir, theirs, labels);
        }
    }

  printf ("labels: %d QR labels, A4 3x8, %u pages\n", N_LABELS, (N_LABELS + 23) / 24);
  printf ("  lapak           %.3f / %.3f / %.3f s (min/median/max of 7), PDF %.1f MiB, peak RSS %.0f MiB, page 1 decodes %d/24\n",
          s_ours.min, s_ours.median, s_ours.max, pdf_size / 1048576.0, rss_ours, decoded_ours);
  if (n_gl > 0)
    {
      printf ("  glabels-3-batch %.3f / %.3f / %.3f s (of %d), peak RSS %.0f MiB, page 1 decodes %d/24\n",
              s_gl.min, s_gl.median, s_gl.max, n_gl, max_rss_mib (RUSAGE_CHILDREN), decoded_gl);
      printf ("  ratio glabels/lapak (medians): %.1fx (target >= 10x): %s\n",
              s_gl.median / s_ours.median, s_gl.median / s_ours.median >= 10 ? "MET" : "NOT MET");
    }
  else
    printf ("  glabels-3-batch: not installed (apt-get install glabels), comparison not run\n");
  printf ("  target <= 0.5 s: %s\n", s_ours.median <= 0.5 ? "MET" : "NOT MET");
  printf ("  every lapak label read back (pdftoppm 150 dpi, cut per label, zbarimg): %d/%d\n",
          decode_all (dir, ours, labels), N_LABELS);

  /* 2. receipts */
  {
    g_autoptr(LapakReceipt) r = bench_receipt ();
    LapakEscposOptions o = { LAPAK_PAPER_80MM, FALSE };
    double t_text[7], t_esc[7], t_pdf[7];
    const int n_fast = 2000, n_pdf = 50;
    Stats s_text, s_esc, s_pdf;

    for (int rep = 0; rep < 7; rep++)
      {
        gint64 t0 = g_get_monotonic_time ();

        for (int i = 0; i < n_fast; i++)
          g_free (lapak_receipt_format_text (r, 48));
        t_text[rep] = (g_get_monotonic_time () - t0) / 1e3 / n_fast;
        t0 = g_get_monotonic_time ();
        for (int i = 0; i < n_fast; i++)
          g_bytes_unref (lapak_escpos_receipt (r, &o));
        t_esc[rep] = (g_get_monotonic_time () - t0) / 1e3 / n_fast;
        t0 = g_get_monotonic_time ();
        for (int i = 0; i < n_pdf; i++)
          g_bytes_unref (lapak_receipt_pdf (r, LAPAK_PAPER_80MM, NULL));
        t_pdf[rep] = (g_get_monotonic_time () - t0) / 1e3 / n_pdf;
      }
    s_text = stats (t_text, 7);
    s_esc = stats (t_esc, 7);
    s_pdf = stats (t_pdf, 7);
    printf ("receipt (9 lines, 3 tenants, 80 mm), ms per receipt, min/median/max of 7:\n");
    printf ("  text (floor)  %.4f / %.4f / %.4f\n", s_text.min, s_text.median, s_text.max);
    printf ("  ESC/POS       %.4f / %.4f / %.4f  = %.1fx the floor; target < 1 ms: %s\n",
            s_esc.min, s_esc.median, s_esc.max, s_esc.median / s_text.median, s_esc.median < 1 ? "MET" : "NOT MET");
    printf ("  PDF           %.3f / %.3f / %.3f  = %.0fx the floor; target < 20 ms: %s\n",
            s_pdf.min, s_pdf.median, s_pdf.max, s_pdf.median / s_text.median, s_pdf.median < 20 ? "MET" : "NOT MET");
  }

  lapak_test_remove_tree (dir);
  return 0;
}
