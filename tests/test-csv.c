/* test-csv.c — spreadsheets as they come, hostile ones included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "lapak-csv.h"
#include "lapak-error.h"
#include "lapak-test-util.h"

static LapakCsv *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  LapakCsv *csv = lapak_csv_parse (text, strlen (text), "t.csv", &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return csv;
}

static void
parse_fails (const char *text,
             gsize       length,
             const char *expect)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCsv) csv = lapak_csv_parse (text, length, "file.csv", &error);

  g_assert_null (csv);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  if (strstr (error->message, expect) == NULL)
    g_error ("expected “%s” in: %s", expect, error->message);
}

static void
test_basic (void)
{
  g_autoptr(LapakCsv) csv = parse_ok ("Code, Name ,price\nKLL,Keripik,15000\nBTK,Batik,850000\n");

  g_assert_cmpint (lapak_csv_delimiter (csv), ==, ',');
  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, 2);
  g_assert_cmpint (lapak_csv_column (csv, "code"), ==, 0);
  g_assert_cmpint (lapak_csv_column (csv, "NAME"), ==, 1);
  g_assert_cmpint (lapak_csv_column (csv, "missing"), ==, -1);
  g_assert_cmpstr (lapak_csv_get (csv, lapak_csv_row (csv, 1), "name"), ==, "Batik");
  g_assert_null (lapak_csv_get (csv, lapak_csv_row (csv, 1), "nope"));
  g_assert_cmpuint (lapak_csv_row (csv, 0)->line, ==, 2);
  g_assert_cmpuint (lapak_csv_row (csv, 1)->line, ==, 3);
}

static void
test_excel_semicolon_bom_crlf (void)
{
  g_autoptr(LapakCsv) csv = parse_ok ("\xEF\xBB\xBFkode;nama;harga\r\nKLL;Keripik, pedas;15.000\r\nBTK;Batik;850.000");

  g_assert_cmpint (lapak_csv_delimiter (csv), ==, ';');
  g_assert_cmpint (lapak_csv_column (csv, "kode"), ==, 0);
  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, 2);
  g_assert_cmpstr (lapak_csv_row (csv, 0)->fields[1], ==, "Keripik, pedas");
  g_assert_cmpstr (lapak_csv_row (csv, 1)->fields[2], ==, "850.000");
}

static void
test_quotes (void)
{
  g_autoptr(LapakCsv) csv = parse_ok (
    "code,name\n"
    "A,\"Kue \"\"Nastar\"\", 500 g\"\n"
    "B,\"two\nlines\r\nhere\"\n"
    "C,\"\"\n"
    "D,D'Rajut\n");

  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, 4);
  g_assert_cmpstr (lapak_csv_row (csv, 0)->fields[1], ==, "Kue \"Nastar\", 500 g");
  g_assert_cmpstr (lapak_csv_row (csv, 1)->fields[1], ==, "two\nlines\r\nhere");
  g_assert_cmpstr (lapak_csv_row (csv, 2)->fields[1], ==, "");
  g_assert_cmpstr (lapak_csv_row (csv, 3)->fields[1], ==, "D'Rajut");
  /* Rows after an embedded newline keep their real line numbers. */
  g_assert_cmpuint (lapak_csv_row (csv, 1)->line, ==, 3);
  g_assert_cmpuint (lapak_csv_row (csv, 2)->line, ==, 6);
  g_assert_cmpuint (lapak_csv_row (csv, 3)->line, ==, 7);
}

static void
test_blank_lines_and_trailing (void)
{
  g_autoptr(LapakCsv) csv = parse_ok ("a;b;c\n\n1;2;3;;\n;;;\n\r\n4;5;6\n\n");

  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, 2);
  g_assert_cmpuint (lapak_csv_row (csv, 0)->line, ==, 3);
  g_assert_cmpuint (lapak_csv_row (csv, 0)->n_fields, ==, 3);
  g_assert_cmpuint (lapak_csv_row (csv, 1)->line, ==, 6);
}

static void
test_header_only (void)
{
  g_autoptr(LapakCsv) csv = parse_ok ("code,name\n");

  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, 0);
}

static void
test_refused (void)
{
  parse_fails ("a,b\n1,\"open\n2,3\n", strlen ("a,b\n1,\"open\n2,3\n"), "file.csv:2:");
  parse_fails ("a,b\n1,2\n3\n", 9, "file.csv:3:");
  parse_fails ("a,b\n1,2,3\n", 10, "file.csv:2:");
  parse_fails ("a,b\n1,ab\"c\n", 11, "file.csv:2:");
  parse_fails ("a,b\n1,\"ab\"c\n", 12, "file.csv:2:");
  parse_fails ("a,b\nx,Caf\xe9\n", 11, "file.csv:2:");
  parse_fails ("a,b\nx,Caf\xe9\n", 11, "UTF-8");
  parse_fails ("a,b\n1,2\n3,\0\n", 12, "file.csv:3:");
  parse_fails ("", 0, "file.csv");
  parse_fails ("\n\n", 2, "empty");
  parse_fails ("a,,b\n1,2,3\n", 11, "file.csv:1:");
  parse_fails ("a,A\n1,2\n", 8, "file.csv:1:");
}

static void
test_file (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *path = lapak_test_write_file (dir, "tenants.csv", "code;name\nKLL;Keripik\n");
  g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCsv) csv = lapak_csv_parse_file (path, &error);
  g_autoptr(LapakCsv) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (lapak_csv_filename (csv), ==, path);
  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, 1);

  none = lapak_csv_parse_file (missing, &error);
  g_assert_null (none);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  lapak_test_remove_tree (dir);
}

static void
test_write_field (void)
{
  struct { const char *in; char delim; const char *out; } cases[] = {
    { "plain", ',', "plain" }, { "a,b", ',', "\"a,b\"" }, { "a,b", ';', "a,b" }, { "a;b", ';', "\"a;b\"" },
    { "say \"hi\"", ',', "\"say \"\"hi\"\"\"" }, { "two\nlines", ',', "\"two\nlines\"" },
    { " padded ", ',', "\" padded \"" }, { "", ',', "" }, { NULL, ',', "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      lapak_csv_write_field (out, cases[i].in, cases[i].delim);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
}

/* Whatever is written with write_field parses back the same. */
static void
test_round_trip_random (void)
{
  static const char *pieces[] = {
    "a", "Z", "1", ",", ";", "\"", "\r\n", "\n", " ", "é", "🌺", "'", "DROP TABLE", "--", "Rp12.500",
  };

  for (guint round = 0; round < 300; round++)
    {
      char delim = round % 2 ? ';' : ',';
      guint n_cols = g_test_rand_int_range (2, 6);  /* one column: no delimiter to detect */
      guint n_rows = g_test_rand_int_range (1, 8);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(LapakCsv) csv = NULL;
      g_autoptr(GError) error = NULL;

      for (guint c = 0; c < n_cols; c++)
        {
          if (c)
            g_string_append_c (text, delim);
          g_string_append_printf (text, "col%u", c);
        }
      g_string_append (text, "\r\n");

      for (guint r = 0; r < n_rows; r++)
        {
          for (guint c = 0; c < n_cols; c++)
            {
              GString *value = g_string_new (NULL);
              guint n = g_test_rand_int_range (0, 6);

              for (guint k = 0; k < n; k++)
                g_string_append (value, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
              /* A row whose fields are all empty is a blank line: avoid it. */
              if (c == 0)
                g_string_prepend (value, "x");
              if (c)
                g_string_append_c (text, delim);
              lapak_csv_write_field (text, value->str, delim);
              g_ptr_array_add (expected, g_string_free (value, FALSE));
            }
          g_string_append (text, "\r\n");
        }

      csv = lapak_csv_parse (text->str, text->len, "r.csv", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (lapak_csv_n_rows (csv), ==, n_rows);
      for (guint r = 0; r < n_rows; r++)
        for (guint c = 0; c < n_cols; c++)
          g_assert_cmpstr (lapak_csv_row (csv, r)->fields[c], ==, g_ptr_array_index (expected, r * n_cols + c));
    }
}

static void
test_large (void)
{
  g_autoptr(GString) text = g_string_new ("tenant,sku,name,price,stock,barcode\n");
  g_autoptr(LapakCsv) csv = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (text, "KLL,SKU-%u,\"Keripik, varian %u\",15000,10,\n", i, i);
  csv = lapak_csv_parse (text->str, text->len, "big.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, 100000);
  g_assert_cmpuint (lapak_csv_row (csv, 99999)->line, ==, 100001);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/basic", test_basic);
  g_test_add_func ("/csv/excel-semicolon-bom-crlf", test_excel_semicolon_bom_crlf);
  g_test_add_func ("/csv/quotes", test_quotes);
  g_test_add_func ("/csv/blank-lines-and-trailing", test_blank_lines_and_trailing);
  g_test_add_func ("/csv/header-only", test_header_only);
  g_test_add_func ("/csv/refused", test_refused);
  g_test_add_func ("/csv/file", test_file);
  g_test_add_func ("/csv/write-field", test_write_field);
  g_test_add_func ("/csv/round-trip-random", test_round_trip_random);
  g_test_add_func ("/csv/large", test_large);

  return g_test_run ();
}
