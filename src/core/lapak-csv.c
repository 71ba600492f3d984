/* lapak-csv.c — RFC 4180 CSV as spreadsheets write it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Strict where a lenient parser would have to guess: an unclosed quote, a
 * stray quote, a short or long row, a NUL byte or text that is not UTF-8 is an
 * error naming FILE:LINE, never a silently shifted column. Lenient where
 * spreadsheets differ harmlessly: a UTF-8 BOM, LF, CRLF or a lone CR (old Mac
 * "CSV (Macintosh)") at the end of a line, ";" (Excel in the Indonesian locale)
 * or "," (or a first line "sep=;" naming it), blank lines, rows of nothing but
 * separators, and empty columns at the end of a row or of the header.
 *
 * Lines are physical lines of the file: a line ends at LF, CRLF or a CR not
 * followed by LF, inside quotes too, so LINE is what an editor shows.
 *
 * The parser makes one pass over the data; field text lives in one
 * GStringChunk, so a 20 MB file costs a few allocations per row.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lapak-csv.h"
#include "lapak-error.h"

struct _LapakCsv
{
  char         *filename;
  char          delimiter;
  GPtrArray    *header;   /* char*: column names, trimmed and lowercased */
  GHashTable   *columns;  /* name → index + 1, names owned by header */
  GArray       *rows;     /* LapakCsvRow; fields point into strings */
  GStringChunk *strings;
};

static void
row_clear (gpointer data)
{
  LapakCsvRow *row = data;

  /* The strings belong to the chunk, only the vector is the row's. */
  g_free (row->fields);
}

void
lapak_csv_free (LapakCsv *csv)
{
  if (csv == NULL)
    return;
  g_free (csv->filename);
  g_clear_pointer (&csv->columns, g_hash_table_unref);
  g_clear_pointer (&csv->header, g_ptr_array_unref);
  g_clear_pointer (&csv->rows, g_array_unref);
  g_clear_pointer (&csv->strings, g_string_chunk_free);
  g_free (csv);
}

/* The length of the line break at @p (LF, CR LF or a lone CR), 0 if none. */
static inline gsize
line_break_len (const char *p,
                const char *end)
{
  if (p >= end)
    return 0;
  if (*p == '\n')
    return 1;
  if (*p == '\r')
    return (p + 1 < end && p[1] == '\n') ? 2 : 1;
  return 0;
}

/* The 1-based line of @at. */
static guint
line_of (const char *data,
         const char *at)
{
  guint line = 1;
  const char *p = data;

  while (p < at)
    {
      gsize n = line_break_len (p, at + 1);

      if (n > 0)
        {
          line++;
          p += n;
        }
      else
        p++;
    }
  return line;
}

/* The delimiter is whichever of ';' and ',' appears more often outside
 * quotes in the header record; ',' when neither does or on a tie. */
static char
detect_delimiter (const char *p,
                  const char *end)
{
  guint commas = 0;
  guint semicolons = 0;
  gboolean quoted = FALSE;

  /* Blank lines before the header are skipped by the parser too. */
  while (p < end && (*p == '\n' || *p == '\r'))
    p++;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;  /* "" inside quotes toggles twice: no change */
      else if (quoted)
        continue;
      else if (*p == '\n' || *p == '\r')
        break;
      else if (*p == ',')
        commas++;
      else if (*p == ';')
        semicolons++;
    }
  return semicolons > commas ? ';' : ',';
}

typedef struct
{
  const char   *p;
  const char   *end;
  const char   *filename;
  char          delimiter;
  guint         line;      /* line of p */
  GString      *scratch;   /* the text of a quoted field */
  GStringChunk *strings;
} Parser;

/* Reads one quoted field, @ps->p at its opening quote. */
static const char *
read_quoted (Parser  *ps,
             GError **error)
{
  guint start_line = ps->line;
  const char *p = ps->p + 1;

  g_string_truncate (ps->scratch, 0);

  for (;;)
    {
      const char *run = p;

      while (p < ps->end && *p != '"')
        {
          if (*p == '\n' || (*p == '\r' && !(p + 1 < ps->end && p[1] == '\n')))
            ps->line++;
          p++;
        }
      g_string_append_len (ps->scratch, run, p - run);

      if (p >= ps->end)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("%s:%u: a quoted field starts here but its closing quote (\") is "
                         "missing. Add the closing quote; a quote inside a quoted field "
                         "is written twice (\"\")."),
                       ps->filename, start_line);
          return NULL;
        }

      /* p is at a quote: either "" (a literal quote) or the closing one. */
      if (p + 1 < ps->end && p[1] == '"')
        {
          g_string_append_c (ps->scratch, '"');
          p += 2;
          continue;
        }
      p++;
      break;
    }

  if (p < ps->end && *p != ps->delimiter && *p != '\n' && *p != '\r')
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("%s:%u: there is text after the closing quote of a field. Put the "
                     "whole field in double quotes and write each quote inside it "
                     "twice (\"\")."),
                   ps->filename, ps->line);
      return NULL;
    }

  ps->p = p;
  return g_string_chunk_insert_len (ps->strings, ps->scratch->str, ps->scratch->len);
}

/* Reads one unquoted field: everything up to the delimiter or line end. */
static const char *
read_unquoted (Parser  *ps,
               GError **error)
{
  const char *start = ps->p;
  const char *p = start;

  while (p < ps->end && *p != ps->delimiter && *p != '\n' && *p != '\r')
    {
      if (*p == '"')
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("%s:%u: a field contains a quote (\") but does not start with "
                         "one. Put the field in double quotes and double the quote: "
                         "5\" TV becomes \"5\"\" TV\"."),
                       ps->filename, ps->line);
          return NULL;
        }
      p++;
    }

  ps->p = p;
  return g_string_chunk_insert_len (ps->strings, start, p - start);
}

/* Reads the next record into @fields (borrowed strings), skipping blank
 * lines. Returns FALSE on an error; *eof is TRUE when there was no record. */
static gboolean
read_record (Parser     *ps,
             GPtrArray  *fields,
             guint      *out_line,
             gboolean   *eof,
             GError    **error)
{
  gsize n;

  g_ptr_array_set_size (fields, 0);
  *eof = FALSE;

  while ((n = line_break_len (ps->p, ps->end)) > 0)
    {
      ps->p += n;
      ps->line++;
    }

  if (ps->p >= ps->end)
    {
      *eof = TRUE;
      return TRUE;
    }

  *out_line = ps->line;

  for (;;)
    {
      const char *value;

      if (*ps->p == '"')
        value = read_quoted (ps, error);
      else
        value = read_unquoted (ps, error);
      if (value == NULL)
        return FALSE;
      g_ptr_array_add (fields, (gpointer)value);

      if (ps->p >= ps->end)
        return TRUE;    /* the last record may lack a line break */

      if (*ps->p == ps->delimiter)
        {
          ps->p++;
          if (ps->p >= ps->end)
            {
              /* "a,b," at the very end: one more, empty field. */
              g_ptr_array_add (fields, g_string_chunk_insert_len (ps->strings, "", 0));
              return TRUE;
            }
          continue;
        }

      /* A line break ends the record. */
      ps->p += line_break_len (ps->p, ps->end);
      ps->line++;
      return TRUE;
    }
}

static gboolean
all_empty (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    if (*(const char *)g_ptr_array_index (fields, i) != '\0')
      return FALSE;
  return TRUE;
}

/* Lowercased, trimmed names of the header; the empty columns at its end
 * (Excel writes "kode;nama;;;") are dropped. */
static gboolean
set_header (LapakCsv   *csv,
            GPtrArray  *fields,
            guint       line,
            GError    **error)
{
  guint n = fields->len;

  while (n > 0 && *g_strstrip ((char *)g_ptr_array_index (fields, n - 1)) == '\0')
    n--;

  if (n == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("%s:%u: the header names no columns. The first line of the file "
                     "must name the columns, separated by commas or semicolons."),
                   csv->filename, line);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      char *name = g_ascii_strdown (g_strstrip ((char *)g_ptr_array_index (fields, i)), -1);
      gpointer previous;

      if (*name == '\0')
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("%s:%u: column %u of the header has no name. Name the column, "
                         "or delete it if it is not needed."),
                       csv->filename, line, i + 1);
          g_free (name);
          return FALSE;
        }

      previous = g_hash_table_lookup (csv->columns, name);
      if (previous != NULL)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("%s:%u: the header has two columns named “%s” (columns %u and %u). "
                         "Rename or delete one of them."),
                       csv->filename, line, name, GPOINTER_TO_UINT (previous), i + 1);
          g_free (name);
          return FALSE;
        }

      g_ptr_array_add (csv->header, name);
      g_hash_table_insert (csv->columns, name, GUINT_TO_POINTER (i + 1));
    }

  return TRUE;
}

static gboolean
is_utf16 (const char *data,
          gsize       length)
{
  return length >= 2 &&
         (((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE) ||
          ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF));
}

/**
 * lapak_csv_parse:
 * @data: the bytes of the file; need not be NUL-terminated
 * @length: the number of bytes in @data
 * @filename: the name used in messages
 * @error: return location for an error
 *
 * Parses a whole CSV file; its first record is the header. Either every
 * record is well-formed and the table is returned, or nothing is and @error
 * says FILE:LINE, what is wrong and what to do.
 *
 * Returns: (transfer full) (nullable): the table
 */
LapakCsv *
lapak_csv_parse (const char  *data,
                 gsize        length,
                 const char  *filename,
                 GError     **error)
{
  g_autoptr(LapakCsv) csv = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GString) scratch = NULL;
  const char *bad = NULL;
  Parser ps = { 0 };
  guint line = 0;
  guint n_columns;
  gboolean eof = FALSE;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_utf16 (data, length))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("%s:1: this file is UTF-16 text (“Unicode Text”), not CSV. Save the "
                     "spreadsheet as “CSV UTF-8” and import that file."),
                   filename);
      return NULL;
    }

  bad = memchr (data, '\0', length);
  if (bad != NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("%s:%u: this is not a text file (it contains a NUL byte). Save the "
                     "spreadsheet as “CSV UTF-8” and import that file."),
                   filename, line_of (data, bad));
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, &bad))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("%s:%u: this line is not UTF-8 text (the file was probably saved in "
                     "Latin-1 or Windows-1252). Save the spreadsheet as “CSV UTF-8” and "
                     "import it again."),
                   filename, line_of (data, bad));
      return NULL;
    }

  csv = g_new0 (LapakCsv, 1);
  csv->filename = g_strdup (filename);
  csv->header = g_ptr_array_new_with_free_func (g_free);
  csv->columns = g_hash_table_new (g_str_hash, g_str_equal);
  csv->rows = g_array_new (FALSE, TRUE, sizeof (LapakCsvRow));
  g_array_set_clear_func (csv->rows, row_clear);
  csv->strings = g_string_chunk_new (MAX (64, MIN (length + 1, 1 << 20)));

  scratch = g_string_new (NULL);
  ps.p = data;
  ps.end = data + length;
  ps.filename = filename;
  ps.line = 1;
  ps.scratch = scratch;
  ps.strings = csv->strings;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    ps.p += 3;

  /* Excel honours, and some tools write, a first line "sep=;" naming the
   * delimiter. It is not the header. */
  if (ps.end - ps.p >= 5 && g_ascii_strncasecmp (ps.p, "sep=", 4) == 0 &&
      (ps.p[4] == ';' || ps.p[4] == ',') &&
      (ps.end - ps.p == 5 || ps.p[5] == '\n' || ps.p[5] == '\r'))
    {
      ps.delimiter = ps.p[4];
      ps.p += 5;
      if (ps.p < ps.end)
        {
          ps.p += line_break_len (ps.p, ps.end);
          ps.line++;
        }
    }
  else
    ps.delimiter = detect_delimiter (ps.p, ps.end);
  csv->delimiter = ps.delimiter;

  fields = g_ptr_array_new ();

  /* The header: the first record that is not a blank line. */
  if (!read_record (&ps, fields, &line, &eof, error))
    return NULL;
  if (eof)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("%s:1: the file is empty. Its first line must name the columns, "
                     "separated by commas or semicolons."),
                   filename);
      return NULL;
    }

  if (!set_header (csv, fields, line, error))
    return NULL;
  n_columns = csv->header->len;

  for (;;)
    {
      LapakCsvRow row = { 0 };

      if (!read_record (&ps, fields, &line, &eof, error))
        return NULL;
      if (eof)
        break;

      /* A row of nothing but separators (";;;;" from Excel) is blank. */
      if (all_empty (fields))
        continue;

      /* Spreadsheets often add empty columns at the end: drop them. */
      while (fields->len > n_columns &&
             *(const char *)g_ptr_array_index (fields, fields->len - 1) == '\0')
        g_ptr_array_set_size (fields, fields->len - 1);

      if (fields->len < n_columns)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%s:%u: this row has %u field, but the header has %u "
                                    "columns. Add the missing fields: they may be empty, "
                                    "but their separators must be there.",
                                    "%s:%u: this row has %u fields, but the header has %u "
                                    "columns. Add the missing fields: they may be empty, "
                                    "but their separators must be there.",
                                    fields->len),
                       filename, line, fields->len, n_columns);
          return NULL;
        }
      if (fields->len > n_columns)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%s:%u: this row has %u fields, but the header has %u "
                                    "column. A field that contains “%c” must be in double "
                                    "quotes; otherwise delete the extra fields.",
                                    "%s:%u: this row has %u fields, but the header has %u "
                                    "columns. A field that contains “%c” must be in double "
                                    "quotes; otherwise delete the extra fields.",
                                    n_columns),
                       filename, line, fields->len, n_columns, csv->delimiter);
          return NULL;
        }

      row.line = line;
      row.n_fields = n_columns;
      row.fields = g_new (char *, n_columns + 1);
      memcpy (row.fields, fields->pdata, n_columns * sizeof (char *));
      row.fields[n_columns] = NULL;
      g_array_append_val (csv->rows, row);
    }

  return g_steal_pointer (&csv);
}

/* The errno a GFileError came from, for a short reason. */
static int
file_error_errno (const GError *error)
{
  if (error->domain != G_FILE_ERROR)
    return 0;
  switch (error->code)
    {
    case G_FILE_ERROR_NOENT: return ENOENT;
    case G_FILE_ERROR_ACCES: return EACCES;
    case G_FILE_ERROR_PERM: return EPERM;
    case G_FILE_ERROR_ISDIR: return EISDIR;
    case G_FILE_ERROR_NOTDIR: return ENOTDIR;
    case G_FILE_ERROR_NAMETOOLONG: return ENAMETOOLONG;
    case G_FILE_ERROR_LOOP: return ELOOP;
    case G_FILE_ERROR_NOMEM: return ENOMEM;
    default: return 0;
    }
}

/**
 * lapak_csv_parse_file:
 * @path: the file to read; messages name it as given
 * @error: return location for an error
 *
 * Reads and parses @path, see lapak_csv_parse(). A file that cannot be read
 * is a %LAPAK_ERROR_IO.
 *
 * Returns: (transfer full) (nullable): the table
 */
LapakCsv *
lapak_csv_parse_file (const char  *path,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      int errsv = file_error_errno (local_error);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                   _("Cannot read %s: %s. Check the file name and that you may read the file."),
                   path, errsv != 0 ? g_strerror (errsv) : local_error->message);
      return NULL;
    }

  return lapak_csv_parse (data, length, path, error);
}

char
lapak_csv_delimiter (const LapakCsv *csv)
{
  g_return_val_if_fail (csv != NULL, ',');
  return csv->delimiter;
}

const char *
lapak_csv_filename (const LapakCsv *csv)
{
  g_return_val_if_fail (csv != NULL, NULL);
  return csv->filename;
}

guint
lapak_csv_n_rows (const LapakCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);
  return csv->rows->len;
}

const LapakCsvRow *
lapak_csv_row (const LapakCsv *csv,
               guint           index)
{
  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (index < csv->rows->len, NULL);
  return &g_array_index (csv->rows, LapakCsvRow, index);
}

/* The index of column @name, compared trimmed and ASCII-case-insensitively;
 * -1 when the header has no such column. */
int
lapak_csv_column (const LapakCsv *csv,
                  const char     *name)
{
  g_autofree char *key = NULL;
  gpointer found;

  g_return_val_if_fail (csv != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  /* Callers usually ask with the name as stored: no copy then. */
  found = g_hash_table_lookup (csv->columns, name);
  if (found == NULL)
    {
      key = g_ascii_strdown (name, -1);
      found = g_hash_table_lookup (csv->columns, g_strstrip (key));
    }
  return found != NULL ? (int)GPOINTER_TO_UINT (found) - 1 : -1;
}

/* The field of @row in column @name, NULL when there is no such column. */
const char *
lapak_csv_get (const LapakCsv    *csv,
               const LapakCsvRow *row,
               const char        *name)
{
  int column;

  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  column = lapak_csv_column (csv, name);
  if (column < 0 || (guint)column >= row->n_fields)
    return NULL;
  return row->fields[column];
}

/**
 * lapak_csv_write_field:
 * @out: where to append
 * @value: (nullable): the field; %NULL writes an empty field
 * @delimiter: the delimiter of the file being written
 *
 * Appends one field, in double quotes (with quotes doubled) when it contains
 * the delimiter, a quote, CR or LF, or starts or ends with a space or tab, so
 * that lapak_csv_parse() reads back exactly @value.
 */
void
lapak_csv_write_field (GString    *out,
                       const char *value,
                       char        delimiter)
{
  gsize len;
  gboolean quote;

  g_return_if_fail (out != NULL);
  g_return_if_fail (delimiter != '\0' && delimiter != '"' &&
                    delimiter != '\r' && delimiter != '\n');

  if (value == NULL || *value == '\0')
    return;

  len = strlen (value);
  quote = strchr (value, delimiter) != NULL ||
          strpbrk (value, "\"\r\n") != NULL ||
          value[0] == ' ' || value[0] == '\t' ||
          value[len - 1] == ' ' || value[len - 1] == '\t';

  if (!quote)
    {
      g_string_append_len (out, value, len);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Whether Excel would take @value for something other than text when it
 * opens a CSV file: a number (losing a phone's or account's leading 0, or
 * the digits of an EAN-13 or a 16-digit account after the 15th), a date
 * ("1-2", "3/4"), a percentage, a boolean, or a formula ("=", "+", "-",
 * "@": a spreadsheet formula injected through a name would run). */
static gboolean
excel_would_convert (const char *value)
{
  static const char * const booleans[] = { "TRUE", "FALSE", "BENAR", "SALAH" };

  if (value[0] == '\0')
    return FALSE;
  if (strchr ("0123456789+-=@.,%\t\r", value[0]) != NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (booleans); i++)
    if (g_ascii_strcasecmp (value, booleans[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * lapak_csv_excel_text:
 * @value: a text field (a name, phone, bank account, code, barcode)
 *
 * For a file meant for Excel: when Excel would not show @value as the text
 * it is (see excel_would_convert()), the formula ="@value" (quotes doubled),
 * which Excel shows as exactly that text and never runs. Written through
 * lapak_csv_write_field() it becomes "=""0812…""" in the file.
 * lapak_csv_field_text() turns it back into @value on import.
 *
 * Returns: (transfer full) (nullable): the wrapped text, or %NULL when
 * @value is safe as it is.
 */
char *
lapak_csv_excel_text (const char *value)
{
  GString *out;

  if (value == NULL || !excel_would_convert (value))
    return NULL;
  out = g_string_new ("=\"");
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/**
 * lapak_csv_field_text:
 * @field: a field as read from a file
 *
 * Undoes lapak_csv_excel_text(): ="text" (with doubled quotes) gives text;
 * any other field is returned as it is.
 *
 * Returns: (transfer full): the text
 */
char *
lapak_csv_field_text (const char *field)
{
  gsize len;
  GString *out;

  g_return_val_if_fail (field != NULL, NULL);

  len = strlen (field);
  if (len < 3 || field[0] != '=' || field[1] != '"' || field[len - 1] != '"')
    return g_strdup (field);
  out = g_string_new (NULL);
  for (gsize i = 2; i < len - 1; i++)
    {
      if (field[i] == '"')
        {
          /* Only doubled quotes inside: anything else is not ours. */
          if (i + 1 >= len - 1 || field[i + 1] != '"')
            {
              g_string_free (out, TRUE);
              return g_strdup (field);
            }
          i++;
        }
      g_string_append_c (out, field[i]);
    }
  return g_string_free (out, FALSE);
}
