/* test-csv.c — spreadsheets as they come, hostile ones included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lapak-csv.h"
#include "lapak-error.h"

/* Parses a literal, which may contain NUL bytes. */
#define PARSE_OK(lit) parse_ok ((lit), sizeof (lit) - 1)
#define PARSE_FAILS(lit, where, what) parse_fails ((lit), sizeof (lit) - 1, (where), (what))

static LapakCsv *
parse_ok (const char *text,
          gsize       length)
{
  g_autoptr(GError) error = NULL;
  LapakCsv *csv = lapak_csv_parse (text, length, "t.csv", &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return csv;
}

/* The parse must fail with a message that starts with @where ("file.csv:3:")
 * and contains @what. */
static void
parse_fails (const char *text,
             gsize       length,
             const char *where,
             const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCsv) csv = lapak_csv_parse (text, length, "file.csv", &error);

  g_assert_null (csv);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, where))
    g_error ("expected the message to start with “%s”: %s", where, error->message);
  if (what != NULL && strstr (error->message, what) == NULL)
    g_error ("expected “%s” in: %s", what, error->message);
  /* Every message also says what to do: more than just the prefix. */
  g_assert_cmpuint (strlen (error->message), >, strlen (where) + 40);
}

static void
assert_row (const LapakCsv *csv,
            guint           index,
            guint           line,
            const char     *first,
            ...) G_GNUC_NULL_TERMINATED;

/* Asserts row @index starts at @line and holds exactly the given fields. */
static void
assert_row (const LapakCsv *csv,
            guint           index,
            guint           line,
            const char     *first,
            ...)
{
  const LapakCsvRow *row;
  va_list ap;
  guint i = 0;

  g_assert_cmpuint (index, <, lapak_csv_n_rows (csv));
  row = lapak_csv_row (csv, index);
  g_assert_cmpuint (row->line, ==, line);

  va_start (ap, first);
  for (const char *want = first; want != NULL; want = va_arg (ap, const char *), i++)
    {
      g_assert_cmpuint (i, <, row->n_fields);
      g_assert_cmpstr (row->fields[i], ==, want);
    }
  va_end (ap);
  g_assert_cmpuint (i, ==, row->n_fields);
  g_assert_null (row->fields[row->n_fields]);
}

/* Delimiters */

static void
test_delimiter_comma (void)
{
  g_autoptr(LapakCsv) csv = PARSE_OK ("code,name,price\nKLL,Keripik;pedas,15000\nBTK,Batik,850000\n");

  g_assert_cmpint (lapak_csv_delimiter (csv), ==, ',');
  g_assert_cmpstr (lapak_csv_filename (csv), ==, "t.csv");
  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, 2);
  assert_row (csv, 0, 2, "KLL", "Keripik;pedas", "15000", NULL);
  assert_row (csv, 1, 3, "BTK", "Batik", "850000", NULL);
}

static void
test_delimiter_semicolon (void)
{
  /* Indonesian Excel: ';' separates, ',' is the decimal mark. */
  g_autoptr(LapakCsv) csv = PARSE_OK ("kode;nama;harga\nKLL;Keripik, pedas;15.000,50\n");

  g_assert_cmpint (lapak_csv_delimiter (csv), ==, ';');
  assert_row (csv, 0, 2, "KLL", "Keripik, pedas", "15.000,50", NULL);
}

static void
test_delimiter_detect (void)
{
  g_autoptr(LapakCsv) quoted = NULL;
  g_autoptr(LapakCsv) more = NULL;
  g_autoptr(LapakCsv) single = NULL;
  g_autoptr(LapakCsv) leading = NULL;
  g_autoptr(LapakCsv) sep = NULL;

  /* Delimiters inside quotes in the header do not count. */
  quoted = PARSE_OK ("\"a,b,c\";\"d,e\"\nx;y\n");
  g_assert_cmpint (lapak_csv_delimiter (quoted), ==, ';');
  g_assert_cmpint (lapak_csv_column (quoted, "a,b,c"), ==, 0);
  assert_row (quoted, 0, 2, "x", "y", NULL);

  /* The more frequent wins. */
  more = PARSE_OK ("a;b;c,d\n1;2;3,4\n");
  g_assert_cmpint (lapak_csv_delimiter (more), ==, ';');
  assert_row (more, 0, 2, "1", "2", "3,4", NULL);

  /* One column: no delimiter at all means ','. */
  single = PARSE_OK ("name\nKeripik; pedas\n");
  g_assert_cmpint (lapak_csv_delimiter (single), ==, ',');
  assert_row (single, 0, 2, "Keripik; pedas", NULL);

  /* Blank lines before the header do not hide its delimiter. */
  leading = PARSE_OK ("\n\r\nkode;nama\nA;B\n");
  g_assert_cmpint (lapak_csv_delimiter (leading), ==, ';');
  assert_row (leading, 0, 4, "A", "B", NULL);

  /* Excel's "sep=" line names the delimiter and is not the header. */
  sep = PARSE_OK ("sep=;\r\nname\r\nKeripik, pedas\r\n");
  g_assert_cmpint (lapak_csv_delimiter (sep), ==, ';');
  g_assert_cmpint (lapak_csv_column (sep, "name"), ==, 0);
  g_assert_cmpint (lapak_csv_column (sep, "sep=;"), ==, -1);
  assert_row (sep, 0, 3, "Keripik, pedas", NULL);
}

/* Byte order mark */

static void
test_bom_present (void)
{
  g_autoptr(LapakCsv) csv = PARSE_OK ("\xEF\xBB\xBFkode;nama\r\nKLL;Keripik\r\n");

  /* The BOM is not part of the first column's name. */
  g_assert_cmpint (lapak_csv_column (csv, "kode"), ==, 0);
  g_assert_cmpint (lapak_csv_delimiter (csv), ==, ';');
  assert_row (csv, 0, 2, "KLL", "Keripik", NULL);
}

static void
test_bom_absent (void)
{
  g_autoptr(LapakCsv) csv = PARSE_OK ("kode;nama\r\nKLL;Keripik\r\n");

  g_assert_cmpint (lapak_csv_column (csv, "kode"), ==, 0);
  assert_row (csv, 0, 2, "KLL", "Keripik", NULL);
}

static void
test_bom_only_first (void)
{
  /* A BOM anywhere else is text, kept as it is (and valid UTF-8). */
  g_autoptr(LapakCsv) csv = PARSE_OK ("\xEF\xBB\xBF" "a,b\n\xEF\xBB\xBFx,y\n");

  assert_row (csv, 0, 2, "\xEF\xBB\xBFx", "y", NULL);
}

/* Line ends */

static void
test_newline_crlf (void)
{
  g_autoptr(LapakCsv) csv = PARSE_OK ("a,b\r\n1,2\r\n3,4\r\n");

  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, 2);
  assert_row (csv, 0, 2, "1", "2", NULL);
  assert_row (csv, 1, 3, "3", "4", NULL);
}

static void
test_newline_lf (void)
{
  g_autoptr(LapakCsv) csv = PARSE_OK ("a,b\n1,2\n3,4\n");

  assert_row (csv, 0, 2, "1", "2", NULL);
  assert_row (csv, 1, 3, "3", "4", NULL);
}

static void
test_newline_lone_cr (void)
{
  /* Old Mac "CSV (Macintosh)": a lone CR ends a line too. */
  g_autoptr(LapakCsv) csv = PARSE_OK ("a,b\r1,2\r\r3,4\n5,6\r\n");

  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, 3);
  assert_row (csv, 0, 2, "1", "2", NULL);
  assert_row (csv, 1, 4, "3", "4", NULL);
  assert_row (csv, 2, 5, "5", "6", NULL);
}

static void
test_newline_mixed (void)
{
  g_autoptr(LapakCsv) csv = PARSE_OK ("a,b\r\n1,2\n3,4\r\n\n5,6\n");

  assert_row (csv, 0, 2, "1", "2", NULL);
  assert_row (csv, 1, 3, "3", "4", NULL);
  assert_row (csv, 2, 5, "5", "6", NULL);
}

static void
test_newline_missing_final (void)
{
  g_autoptr(LapakCsv) plain = PARSE_OK ("a,b\n1,2\n3,4");
  g_autoptr(LapakCsv) quoted = PARSE_OK ("a,b\n1,\"x\ny\"");
  g_autoptr(LapakCsv) empty_last = PARSE_OK ("a,b\n1,");
  g_autoptr(LapakCsv) trailing = PARSE_OK ("a;b\n1;2;");

  assert_row (plain, 1, 3, "3", "4", NULL);
  assert_row (quoted, 0, 2, "1", "x\ny", NULL);
  assert_row (empty_last, 0, 2, "1", "", NULL);
  /* An empty extra field at the very end is dropped. */
  assert_row (trailing, 0, 2, "1", "2", NULL);
}

/* Quotes */

static void
test_quotes_embedded_delimiter (void)
{
  g_autoptr(LapakCsv) comma = PARSE_OK ("a,b,c\n\"1,5 kg\",\",\",\",,,\"\n");
  g_autoptr(LapakCsv) semi = PARSE_OK ("a;b\n\"x;y\";\";\"\n");

  assert_row (comma, 0, 2, "1,5 kg", ",", ",,,", NULL);
  assert_row (semi, 0, 2, "x;y", ";", NULL);
}

static void
test_quotes_embedded_quote (void)
{
  g_autoptr(LapakCsv) csv = PARSE_OK ("a,b,c\n"
                                      "\"Kue \"\"Nastar\"\", 500 g\",\"\"\"\",\"\"\"\"\"\"\n"
                                      "\"\",x,\"5\"\" TV\"\n");

  assert_row (csv, 0, 2, "Kue \"Nastar\", 500 g", "\"", "\"\"", NULL);
  assert_row (csv, 1, 3, "", "x", "5\" TV", NULL);
}

static void
test_quotes_embedded_newline (void)
{
  g_autoptr(LapakCsv) csv = PARSE_OK ("code,name\r\n"
                                      "A,\"two\nlines\"\r\n"
                                      "B,\"three\r\nlines\r\nhere\"\r\n"
                                      "C,\"\n\n\"\r\n"
                                      "D,\"lone\rcr\"\r\n"
                                      "E,after\r\n");

  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, 5);
  assert_row (csv, 0, 2, "A", "two\nlines", NULL);
  assert_row (csv, 1, 4, "B", "three\r\nlines\r\nhere", NULL);
  assert_row (csv, 2, 7, "C", "\n\n", NULL);
  assert_row (csv, 3, 10, "D", "lone\rcr", NULL);
  /* Rows after embedded newlines keep their real line numbers. */
  assert_row (csv, 4, 12, "E", "after", NULL);
}

static void
test_quotes_whole_row_quoted (void)
{
  g_autoptr(LapakCsv) csv = PARSE_OK ("\"Kode\",\"Nama\"\n\"KLL\",\"Keripik\"\n");

  g_assert_cmpint (lapak_csv_column (csv, "kode"), ==, 0);
  assert_row (csv, 0, 2, "KLL", "Keripik", NULL);
}

/* Values are kept exactly */

static void
test_values_unquoted_sql_refused (void)
{
  /* An unquoted ';' in a ';' file must not shift the columns silently. */
  PARSE_FAILS ("name;note;code\n"
               "Toko D'Rajut;O'Brien's;'); DROP TABLE tenant;--\n",
               "file.csv:2:", "5 fields, but the header has 3 columns");
}

static void
test_values_exact (void)
{
  g_autoptr(LapakCsv) csv = PARSE_OK ("name,note,code\n"
                                      "Toko D'Rajut,O'Brien's,\"'); DROP TABLE tenant;--\"\n"
                                      "  spaced  ,\ttab\t,🌺 Batik ☕\n"
                                      "=1+1,@SUM(A1),<script>alert(1)</script>\n"
                                      "Kopi Tubruk \\,%s%n%x,Rp12.500\n");

  assert_row (csv, 0, 2, "Toko D'Rajut", "O'Brien's", "'); DROP TABLE tenant;--", NULL);
  assert_row (csv, 1, 3, "  spaced  ", "\ttab\t", "🌺 Batik ☕", NULL);
  assert_row (csv, 2, 4, "=1+1", "@SUM(A1)", "<script>alert(1)</script>", NULL);
  assert_row (csv, 3, 5, "Kopi Tubruk \\", "%s%n%x", "Rp12.500", NULL);
}

static void
test_values_sql_round_trip (void)
{
  static const char *values[] = {
    "'); DROP TABLE tenant;--",
    "Robert'); DROP TABLE students;--",
    "\" OR \"1\"=\"1",
    "1; DELETE FROM sale WHERE 1=1 --",
    "O'Brien",
    "🌺',\"\";\r\n--",
  };

  for (guint d = 0; d < 2; d++)
    {
      char delim = d == 0 ? ',' : ';';
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(LapakCsv) csv = NULL;
      g_autoptr(GError) error = NULL;

      g_string_append_printf (text, "code%cname\r\n", delim);
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        {
          g_string_append_printf (text, "T%u%c", i, delim);
          lapak_csv_write_field (text, values[i], delim);
          g_string_append (text, "\r\n");
        }

      csv = lapak_csv_parse (text->str, text->len, "sql.csv", &error);
      g_assert_no_error (error);
      g_assert_cmpint (lapak_csv_delimiter (csv), ==, delim);
      g_assert_cmpuint (lapak_csv_n_rows (csv), ==, G_N_ELEMENTS (values));
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        g_assert_cmpstr (lapak_csv_get (csv, lapak_csv_row (csv, i), "name"), ==, values[i]);
    }
}

/* Refused files */

static void
test_error_unclosed_quote (void)
{
  /* LINE is where the quoted field started, not the end of the file. */
  PARSE_FAILS ("a,b\n1,2\n3,\"open\nmore\nlines\n", "file.csv:3:", "closing quote");
  PARSE_FAILS ("a,b\r\n1,\"x\r\ny\"\r\n3,\"open", "file.csv:4:", "closing quote");
  /* "" inside quotes is a quote, so this one never closes. */
  PARSE_FAILS ("a,b\n1,\"ab\"\"\n", "file.csv:2:", "closing quote");
  PARSE_FAILS ("a,b\n1,\"", "file.csv:2:", "closing quote");
  /* In the header too. */
  PARSE_FAILS ("\n\"a,b\n1,2\n", "file.csv:2:", "closing quote");
}

static void
test_error_stray_quote (void)
{
  PARSE_FAILS ("a,b\n1,2\n1,ab\"c\n", "file.csv:3:", "double quotes");
  PARSE_FAILS ("a,b\n1,5\" TV\n", "file.csv:2:", "double the quote");
  /* A space before the opening quote makes it a stray quote. */
  PARSE_FAILS ("a,b\n1, \"x\"\n", "file.csv:2:", "double quotes");
  PARSE_FAILS ("a,b\"\n1,2\n", "file.csv:1:", "double quotes");
}

static void
test_error_junk_after_quote (void)
{
  PARSE_FAILS ("a,b\n1,\"ab\"c\n", "file.csv:2:", "after the closing quote");
  PARSE_FAILS ("a,b\n1,\"ab\" \n", "file.csv:2:", "after the closing quote");
  /* LINE is where the junk is, after the embedded newline. */
  PARSE_FAILS ("a,b\n1,\"x\ny\"z,2\n", "file.csv:3:", "after the closing quote");
  /* ';' is not the delimiter of a ',' file. */
  PARSE_FAILS ("a,b\n\"1\";2\n", "file.csv:2:", "after the closing quote");
}

static void
test_error_short_row (void)
{
  PARSE_FAILS ("a;b;c;d;e;f\n1;2;3;4;5;6\n1;2;3\n",
               "file.csv:3:", "3 fields, but the header has 6 columns");
  PARSE_FAILS ("a,b,c\n1,2,3\n\n\nlonely\n",
               "file.csv:5:", "1 field, but the header has 3 columns");
  /* A line of spaces is not blank: it is a one-field row. */
  PARSE_FAILS ("a,b\n   \n", "file.csv:2:", "1 field, but the header has 2 columns");
}

static void
test_error_long_row (void)
{
  PARSE_FAILS ("a,b\n1,2\n1,2,3\n", "file.csv:3:", "3 fields, but the header has 2 columns");
  /* Extras count even when empty ones follow them. */
  PARSE_FAILS ("a,b\n1,2,,x,,\n", "file.csv:2:", "4 fields, but the header has 2 columns");
  PARSE_FAILS ("name\nKeripik,pedas\n", "file.csv:2:", "2 fields, but the header has 1 column.");
  /* Extras of only spaces are not empty. */
  PARSE_FAILS ("a;b\n1;2; \n", "file.csv:2:", "3 fields");
}

static void
test_long_row_empty_extras (void)
{
  g_autoptr(LapakCsv) csv = PARSE_OK ("a;b\n1;2;;;\n3;4;\"\";\n5;;\n");

  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, 3);
  assert_row (csv, 0, 2, "1", "2", NULL);
  assert_row (csv, 1, 3, "3", "4", NULL);
  assert_row (csv, 2, 4, "5", "", NULL);
}

static void
test_error_invalid_utf8 (void)
{
  /* Latin-1 "Café" on line 3. */
  PARSE_FAILS ("a,b\n1,Kopi\n2,Caf\xe9\n3,Teh\n", "file.csv:3:", "CSV UTF-8");
  PARSE_FAILS ("a,b\r\n1,Kopi\r\n\r\n2,Caf\xe9\r\n", "file.csv:4:", "UTF-8");
  /* Inside a quoted field that started earlier: the line of the bad byte. */
  PARSE_FAILS ("a,b\n1,\"x\ny \x80\"\n", "file.csv:3:", "UTF-8");
  /* Windows-1252 curly quote in the header. */
  PARSE_FAILS ("\x93name\x94\nx\n", "file.csv:1:", "UTF-8");
  /* An overlong encoding of '/', a surrogate, a sequence cut off at the end. */
  PARSE_FAILS ("a\n\xC0\xAF\n", "file.csv:2:", "UTF-8");
  PARSE_FAILS ("a\nx\n\xED\xA0\x80\n", "file.csv:3:", "UTF-8");
  PARSE_FAILS ("a\nx\n\xF0\x9F\x8C", "file.csv:3:", "UTF-8");
  /* Lone CR counts as a line end here too. */
  PARSE_FAILS ("a\rb\r\xff\n", "file.csv:3:", "UTF-8");
}

static void
test_error_nul (void)
{
  PARSE_FAILS ("a,b\n1,2\n3,\0\n", "file.csv:3:", "not a text file");
  PARSE_FAILS ("\0", "file.csv:1:", "not a text file");
  /* Even when the NUL comes after bad UTF-8, it is the first thing said. */
  PARSE_FAILS ("a\n\xe9\nb\0", "file.csv:3:", "NUL");
}

static void
test_error_utf16 (void)
{
  /* Excel's "Unicode Text" export. */
  PARSE_FAILS ("\xFF\xFE" "a\0,\0b\0\n\0", "file.csv:1:", "UTF-16");
  PARSE_FAILS ("\xFE\xFF" "\0a\0,\0b\0\n", "file.csv:1:", "CSV UTF-8");
}

static void
test_error_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCsv) csv = NULL;

  PARSE_FAILS ("", "file.csv:1:", "empty");
  PARSE_FAILS ("\xEF\xBB\xBF", "file.csv:1:", "empty");
  PARSE_FAILS ("\n\r\n\r\n", "file.csv:1:", "empty");
  PARSE_FAILS ("sep=;\n", "file.csv:1:", "empty");

  /* An empty buffer need not point at anything valid beyond itself. */
  csv = lapak_csv_parse ("x", 0, "file.csv", &error);
  g_assert_null (csv);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
}

static void
test_error_not_partial (void)
{
  /* All or nothing: a bad last row refuses the whole file. */
  g_autoptr(GString) text = g_string_new ("a,b\n");

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, "%u,x\n", i);
  g_string_append (text, "bad\n");
  parse_fails (text->str, text->len, "file.csv:1002:", "1 field");
}

static void
test_error_null_args (void)
{
  g_autoptr(GString) out = g_string_new ("x");

  if (!g_test_undefined ())
    return;

  g_test_expect_message ("lapak-core", G_LOG_LEVEL_CRITICAL, "*data != NULL*");
  g_assert_null (lapak_csv_parse (NULL, 0, "f.csv", NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("lapak-core", G_LOG_LEVEL_CRITICAL, "*filename != NULL*");
  g_assert_null (lapak_csv_parse ("a\n", 2, NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("lapak-core", G_LOG_LEVEL_CRITICAL, "*path != NULL*");
  g_assert_null (lapak_csv_parse_file (NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("lapak-core", G_LOG_LEVEL_CRITICAL, "*delimiter*");
  lapak_csv_write_field (out, "a", '"');
  g_test_assert_expected_messages ();
  g_assert_cmpstr (out->str, ==, "x");
}

/* Header */

static void
test_header_only (void)
{
  g_autoptr(LapakCsv) csv = PARSE_OK ("code,name\n");
  g_autoptr(LapakCsv) bare = PARSE_OK ("code;name");
  g_autoptr(LapakCsv) blanks = PARSE_OK ("code;name\r\n\r\n;\r\n\n");

  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, 0);
  g_assert_cmpint (lapak_csv_column (csv, "name"), ==, 1);
  g_assert_cmpuint (lapak_csv_n_rows (bare), ==, 0);
  g_assert_cmpint (lapak_csv_delimiter (bare), ==, ';');
  g_assert_cmpuint (lapak_csv_n_rows (blanks), ==, 0);
}

static void
test_header_duplicate (void)
{
  PARSE_FAILS ("a,A\n1,2\n", "file.csv:1:", "“a”");
  PARSE_FAILS ("\n\nKode; Nama ;HARGA;nama\nx;y;z;w\n", "file.csv:3:", "columns 2 and 4");
  PARSE_FAILS ("\"kode\",kode\n", "file.csv:1:", "two columns");
}

static void
test_header_empty_name (void)
{
  g_autoptr(LapakCsv) trailing = NULL;

  PARSE_FAILS ("a,,b\n1,2,3\n", "file.csv:1:", "column 2 of the header has no name");
  PARSE_FAILS (",a\n1,2\n", "file.csv:1:", "column 1");
  PARSE_FAILS ("a;  ;b\n", "file.csv:1:", "column 2");
  PARSE_FAILS (";;;\n1;2;3;4\n", "file.csv:1:", "no columns");
  PARSE_FAILS ("\"\"\n", "file.csv:1:", "no columns");

  /* Empty columns at the end of the header (Excel's used range) go away;
   * data in them would still be refused as a long row. */
  trailing = PARSE_OK ("kode;nama;;\nA;B;;\n");
  g_assert_cmpuint (lapak_csv_row (trailing, 0)->n_fields, ==, 2);
  assert_row (trailing, 0, 2, "A", "B", NULL);
  PARSE_FAILS ("kode;nama;;\nA;B;;C\n", "file.csv:2:", "4 fields, but the header has 2 columns");
}

static void
test_header_column_lookup (void)
{
  g_autoptr(LapakCsv) csv = PARSE_OK ("  Kode  ,NAMA,Harga Jual,\tStok\t,Café\nA,B,C,D,E\n");
  const LapakCsvRow *row = lapak_csv_row (csv, 0);

  g_assert_cmpint (lapak_csv_column (csv, "kode"), ==, 0);
  g_assert_cmpint (lapak_csv_column (csv, "KODE"), ==, 0);
  g_assert_cmpint (lapak_csv_column (csv, " Kode "), ==, 0);
  g_assert_cmpint (lapak_csv_column (csv, "nama"), ==, 1);
  g_assert_cmpint (lapak_csv_column (csv, "harga jual"), ==, 2);
  g_assert_cmpint (lapak_csv_column (csv, "hargajual"), ==, -1);
  g_assert_cmpint (lapak_csv_column (csv, "stok"), ==, 3);
  /* Only ASCII is folded. */
  g_assert_cmpint (lapak_csv_column (csv, "CAFÉ"), ==, -1);
  g_assert_cmpint (lapak_csv_column (csv, "CAFé"), ==, 4);
  g_assert_cmpint (lapak_csv_column (csv, ""), ==, -1);
  g_assert_cmpint (lapak_csv_column (csv, "missing"), ==, -1);

  g_assert_cmpstr (lapak_csv_get (csv, row, "Harga Jual"), ==, "C");
  g_assert_cmpstr (lapak_csv_get (csv, row, "STOK"), ==, "D");
  g_assert_null (lapak_csv_get (csv, row, "missing"));
}

static void
test_header_many_columns (void)
{
  /* Duplicate detection must not be quadratic. */
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(LapakCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 50000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%sc%u", i ? ";" : "", i);
  g_string_append_c (text, '\n');
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%u", i ? ";" : "", i);

  csv = lapak_csv_parse (text->str, text->len, "wide.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lapak_csv_column (csv, "C49999"), ==, 49999);
  g_assert_cmpstr (lapak_csv_get (csv, lapak_csv_row (csv, 0), "c12345"), ==, "12345");

  g_string_append (text, ";c7\n");
  g_string_prepend (text, "c7;");
  g_clear_pointer (&csv, lapak_csv_free);
  g_clear_error (&error);
  csv = lapak_csv_parse (text->str, text->len, "wide.csv", &error);
  g_assert_null (csv);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "columns 1 and 9"));
}

/* Blank lines */

static void
test_blank_lines (void)
{
  g_autoptr(LapakCsv) csv = PARSE_OK ("\n"
                                      "a;b;c\n"
                                      "\n"
                                      "1;2;3;;\n"
                                      ";;;\n"
                                      "\r\n"
                                      ";;\n"
                                      "\"\";\"\";\"\"\n"
                                      "4;5;6\n"
                                      "\n\n");

  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, 2);
  assert_row (csv, 0, 4, "1", "2", "3", NULL);
  assert_row (csv, 1, 9, "4", "5", "6", NULL);
}

static void
test_blank_lines_many (void)
{
  g_autoptr(GString) text = g_string_new ("a,b\n");
  g_autoptr(LapakCsv) csv = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append (text, i % 2 ? "\r\n" : "\n");
  g_string_append (text, "x,y\n");

  csv = lapak_csv_parse (text->str, text->len, "blank.csv", &error);
  g_assert_no_error (error);
  assert_row (csv, 0, 200002, "x", "y", NULL);
}

/* Files */

static void
test_file_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCsv) csv = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lapak-csv-XXXXXX", &error);
  g_autofree char *path = NULL;
  const char contents[] = "\xEF\xBB\xBFkode;nama;harga\r\nKLL;\"Keripik; pedas\";15.000\r\n";

  g_assert_no_error (error);
  path = g_build_filename (dir, "penyewa toko.csv", NULL);
  g_file_set_contents (path, contents, sizeof contents - 1, &error);
  g_assert_no_error (error);

  csv = lapak_csv_parse_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lapak_csv_filename (csv), ==, path);
  g_assert_cmpint (lapak_csv_delimiter (csv), ==, ';');
  assert_row (csv, 0, 2, "KLL", "Keripik; pedas", "15.000", NULL);
  g_clear_pointer (&csv, lapak_csv_free);

  /* Errors name the path as given. */
  g_file_set_contents (path, "kode,nama\nKLL\n", -1, &error);
  g_assert_no_error (error);
  csv = lapak_csv_parse_file (path, &error);
  g_assert_null (csv);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "penyewa toko.csv:2:"));

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_file_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCsv) csv = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lapak-csv-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "missing.csv", NULL);

  csv = lapak_csv_parse_file (path, &error);
  g_assert_null (csv);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "Cannot read "));
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* A folder is not a file. */
  csv = lapak_csv_parse_file (dir, &error);
  g_assert_null (csv);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_IO);
  g_assert_nonnull (strstr (error->message, dir));

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Writing */

static void
test_write_field (void)
{
  static const struct {
    const char *in;
    char        delim;
    const char *out;
  } cases[] = {
    { "plain", ',', "plain" },
    { "a,b", ',', "\"a,b\"" },
    { "a,b", ';', "a,b" },
    { "a;b", ';', "\"a;b\"" },
    { "a;b", ',', "a;b" },
    { "say \"hi\"", ',', "\"say \"\"hi\"\"\"" },
    { "\"", ';', "\"\"\"\"" },
    { "two\nlines", ',', "\"two\nlines\"" },
    { "cr\ronly", ',', "\"cr\ronly\"" },
    { " padded ", ',', "\" padded \"" },
    { "lead", ',', "lead" },
    { " lead", ',', "\" lead\"" },
    { "trail ", ';', "\"trail \"" },
    { "\ttab", ';', "\"\ttab\"" },
    { "in side", ',', "in side" },
    { "O'Brien", ',', "O'Brien" },
    { "🌺", ';', "🌺" },
    { "", ',', "" },
    { NULL, ',', "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new ("<");

      lapak_csv_write_field (out, cases[i].in, cases[i].delim);
      g_assert_cmpstr (out->str + 1, ==, cases[i].out);
      g_assert_cmpint (out->str[0], ==, '<');
    }
}

/* Line number a record starting at @offset of @text has, counted the way an
 * editor does: LF, CRLF and a lone CR each end a line. */
static guint
count_line (const char *text,
            gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n'))
      line++;
  return line;
}

/* Whatever is written with write_field parses back the same. */
static void
test_round_trip_random (void)
{
  static const char *pieces[] = {
    "a", "Z", "1", ",", ";", "\"", "\"\"", "\r", "\n", "\r\n", " ", "\t", "'",
    "é", "ñ", "日本", "🌺", "Ω", "--", "=", "sep=;",
  };
  static const char *eols[] = { "\r\n", "\n", "\r" };

  for (guint round = 0; round < 500; round++)
    {
      char delim = round % 2 ? ';' : ',';
      guint n_cols = g_test_rand_int_range (1, 7);
      guint n_rows = g_test_rand_int_range (0, 10);
      const char *eol = eols[g_test_rand_int_range (0, G_N_ELEMENTS (eols))];
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
      g_autoptr(LapakCsv) csv = NULL;
      g_autoptr(GError) error = NULL;

      /* One column has no delimiter to detect: say it. */
      if (n_cols == 1 && delim == ';')
        g_string_append_printf (text, "sep=;%s", eol);

      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *name = g_strdup_printf (" Col %u", c);

          if (c > 0)
            g_string_append_c (text, delim);
          lapak_csv_write_field (text, name, delim);
        }
      g_string_append (text, eol);

      for (guint r = 0; r < n_rows; r++)
        {
          gboolean any = FALSE;
          gsize start = text->len;

          g_array_append_val (starts, start);
          for (guint c = 0; c < n_cols; c++)
            {
              GString *value = g_string_new (NULL);
              guint n = g_test_rand_int_range (0, 6);

              for (guint k = 0; k < n; k++)
                g_string_append (value, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
              /* A row whose fields are all empty is a blank line: avoid it. */
              if (c == n_cols - 1 && !any && value->len == 0)
                g_string_append (value, "x");
              any = any || value->len > 0;

              if (c > 0)
                g_string_append_c (text, delim);
              lapak_csv_write_field (text, value->len > 0 || g_test_rand_bit () ? value->str : NULL,
                                     delim);
              g_ptr_array_add (expected, g_string_free (value, FALSE));
            }
          /* The last record may lack its line end. */
          if (r + 1 < n_rows || g_test_rand_bit ())
            g_string_append (text, eol);
        }

      csv = lapak_csv_parse (text->str, text->len, "r.csv", &error);
      g_assert_no_error (error);
      g_assert_cmpint (lapak_csv_delimiter (csv), ==, n_cols == 1 ? (delim == ';' ? ';' : ',') : delim);
      g_assert_cmpuint (lapak_csv_n_rows (csv), ==, n_rows);
      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *name = g_strdup_printf ("col %u", c);

          g_assert_cmpint (lapak_csv_column (csv, name), ==, c);
        }
      for (guint r = 0; r < n_rows; r++)
        {
          const LapakCsvRow *row = lapak_csv_row (csv, r);

          g_assert_cmpuint (row->n_fields, ==, n_cols);
          g_assert_cmpuint (row->line, ==, count_line (text->str, g_array_index (starts, gsize, r)));
          for (guint c = 0; c < n_cols; c++)
            g_assert_cmpstr (row->fields[c], ==, g_ptr_array_index (expected, r * n_cols + c));
        }
    }
}

/* Random bytes never crash the parser, and an accepted file is coherent. */
static void
test_fuzz_random (void)
{
  static const char alphabet[] = ",;\"\r\n a\xC3\xA9\xFF";

  for (guint round = 0; round < 3000; round++)
    {
      guint len = g_test_rand_int_range (0, 64);
      g_autofree char *data = g_malloc (len + 1);
      g_autoptr(LapakCsv) csv = NULL;
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < len; i++)
        data[i] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
      data[len] = 'X';  /* not a terminator: the parser must stop at len */

      csv = lapak_csv_parse (data, len, "fuzz.csv", &error);
      if (csv == NULL)
        {
          g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
          g_assert_true (g_str_has_prefix (error->message, "fuzz.csv:"));
          continue;
        }
      g_assert_no_error (error);
      for (guint r = 0; r < lapak_csv_n_rows (csv); r++)
        {
          const LapakCsvRow *row = lapak_csv_row (csv, r);

          g_assert_cmpuint (row->line, >=, 2);
          g_assert_cmpuint (row->n_fields, >, 0);
          for (guint c = 0; c < row->n_fields; c++)
            g_assert_true (g_utf8_validate (row->fields[c], -1, NULL));
        }
    }
}

/* A 20 MB file of 100,000 rows parses in one pass. */
static void
test_large (void)
{
  g_autoptr(GString) text = g_string_new ("\xEF\xBB\xBFtenant;sku;name;description;price;stock;barcode\r\n");
  g_autoptr(LapakCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  guint line = 2;

  for (guint i = 0; i < 100000; i++)
    {
      g_string_append_printf (text,
                              "KLL;SKU-%06u;\"Keripik; varian \"\"%u\"\"\";"
                              "\"Keripik singkong renyah dari Bandung, digoreng dengan minyak "
                              "kelapa; tanpa pengawet. Rasa pedas manis, berat bersih 250 g, "
                              "cocok untuk oleh-oleh%s\";"
                              "15.000;10;899%09u\r\n",
                              i, i, i % 1000 == 0 ? "\r\n(edisi khusus)" : "", i);
      line += i % 1000 == 0 ? 2 : 1;
    }
  g_assert_cmpuint (text->len, >, 20 * 1000 * 1000);

  start = g_get_monotonic_time ();
  csv = lapak_csv_parse (text->str, text->len, "big.csv", &error);
  g_test_message ("parsed %zu bytes in %.3f s", text->len,
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_no_error (error);
  g_assert_cmpint (lapak_csv_delimiter (csv), ==, ';');
  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, 100000);
  g_assert_cmpuint (lapak_csv_row (csv, 0)->line, ==, 2);
  g_assert_cmpuint (lapak_csv_row (csv, 1)->line, ==, 4);
  g_assert_cmpuint (lapak_csv_row (csv, 99999)->line, ==, line - 1);
  g_assert_cmpstr (lapak_csv_get (csv, lapak_csv_row (csv, 54321), "name"), ==, "Keripik; varian \"54321\"");
  g_assert_cmpstr (lapak_csv_get (csv, lapak_csv_row (csv, 99999), "barcode"), ==, "899000099999");
}

/* Text Excel would convert is wrapped as ="…"; safe text is left alone;
 * unwrapping gives back exactly the text, and leaves other fields as they are. */
static void
test_excel_text (void)
{
  static const struct { const char *value; const char *wrapped; } cases[] = {
    { "081234567890", "=\"081234567890\"" },
    { "4006381333931", "=\"4006381333931\"" },
    { "+62 812", "=\"+62 812\"" },
    { "=1+1", "=\"=1+1\"" },
    { "@SUM(A1)", "=\"@SUM(A1)\"" },
    { "-Diskon", "=\"-Diskon\"" },
    { "1/2", "=\"1/2\"" },
    { "true", "=\"true\"" },
    { "=\"x\"", "=\"=\"\"x\"\"\"" },
    { "Keripik Lele", NULL },
    { "KLL-001L", NULL },
    { "Batik \"Parang\"", NULL },
    { "", NULL },
  };
  static const char * const not_ours[] = { "=\"a\"b\"", "=\"", "=x", "\"=\"\"a\"\"\"", "=SUM(A1)" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *wrapped = lapak_csv_excel_text (cases[i].value);
      g_autofree char *back = NULL;

      g_assert_cmpstr (wrapped, ==, cases[i].wrapped);
      back = lapak_csv_field_text (wrapped != NULL ? wrapped : cases[i].value);
      g_assert_cmpstr (back, ==, cases[i].value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_ours); i++)
    {
      g_autofree char *back = lapak_csv_field_text (not_ours[i]);

      g_assert_cmpstr (back, ==, not_ours[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/delimiter/comma", test_delimiter_comma);
  g_test_add_func ("/csv/delimiter/semicolon", test_delimiter_semicolon);
  g_test_add_func ("/csv/delimiter/detect", test_delimiter_detect);
  g_test_add_func ("/csv/bom/present", test_bom_present);
  g_test_add_func ("/csv/bom/absent", test_bom_absent);
  g_test_add_func ("/csv/bom/only-first", test_bom_only_first);
  g_test_add_func ("/csv/newline/crlf", test_newline_crlf);
  g_test_add_func ("/csv/newline/lf", test_newline_lf);
  g_test_add_func ("/csv/newline/lone-cr", test_newline_lone_cr);
  g_test_add_func ("/csv/newline/mixed", test_newline_mixed);
  g_test_add_func ("/csv/newline/missing-final", test_newline_missing_final);
  g_test_add_func ("/csv/quotes/embedded-delimiter", test_quotes_embedded_delimiter);
  g_test_add_func ("/csv/quotes/embedded-quote", test_quotes_embedded_quote);
  g_test_add_func ("/csv/quotes/embedded-newline", test_quotes_embedded_newline);
  g_test_add_func ("/csv/quotes/whole-row-quoted", test_quotes_whole_row_quoted);
  g_test_add_func ("/csv/values/unquoted-sql-refused", test_values_unquoted_sql_refused);
  g_test_add_func ("/csv/values/exact", test_values_exact);
  g_test_add_func ("/csv/values/sql-round-trip", test_values_sql_round_trip);
  g_test_add_func ("/csv/error/unclosed-quote", test_error_unclosed_quote);
  g_test_add_func ("/csv/error/stray-quote", test_error_stray_quote);
  g_test_add_func ("/csv/error/junk-after-quote", test_error_junk_after_quote);
  g_test_add_func ("/csv/error/short-row", test_error_short_row);
  g_test_add_func ("/csv/error/long-row", test_error_long_row);
  g_test_add_func ("/csv/long-row/empty-extras", test_long_row_empty_extras);
  g_test_add_func ("/csv/error/invalid-utf8", test_error_invalid_utf8);
  g_test_add_func ("/csv/error/nul", test_error_nul);
  g_test_add_func ("/csv/error/utf16", test_error_utf16);
  g_test_add_func ("/csv/error/empty", test_error_empty);
  g_test_add_func ("/csv/error/not-partial", test_error_not_partial);
  g_test_add_func ("/csv/error/null-args", test_error_null_args);
  g_test_add_func ("/csv/header/only", test_header_only);
  g_test_add_func ("/csv/header/duplicate", test_header_duplicate);
  g_test_add_func ("/csv/header/empty-name", test_header_empty_name);
  g_test_add_func ("/csv/header/column-lookup", test_header_column_lookup);
  g_test_add_func ("/csv/header/many-columns", test_header_many_columns);
  g_test_add_func ("/csv/blank-lines/skipped", test_blank_lines);
  g_test_add_func ("/csv/blank-lines/many", test_blank_lines_many);
  g_test_add_func ("/csv/file/read", test_file_read);
  g_test_add_func ("/csv/file/missing", test_file_missing);
  g_test_add_func ("/csv/write-field", test_write_field);
  g_test_add_func ("/csv/round-trip/random", test_round_trip_random);
  g_test_add_func ("/csv/fuzz/random", test_fuzz_random);
  g_test_add_func ("/csv/large", test_large);
  g_test_add_func ("/csv/excel-text", test_excel_text);

  return g_test_run ();
}
