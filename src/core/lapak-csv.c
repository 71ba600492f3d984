/* lapak-csv.c — RFC 4180 CSV as spreadsheets write it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Strict where a lenient parser would guess: an unclosed quote, a stray
 * quote, a short row or text that is not UTF-8 is an error naming the file
 * and line, never a silently shifted column. Lenient where spreadsheets
 * differ harmlessly: a BOM, CRLF or LF, ";" (Excel in Indonesian locale) or
 * ",", blank lines, trailing empty columns.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lapak-csv.h"
#include "lapak-error.h"

struct _LapakCsv
{
  char        *filename;
  char         delimiter;
  GPtrArray   *header;   /* char*, lowercased and trimmed */
  GArray      *rows;     /* LapakCsvRow */
};

static void
row_clear (gpointer data)
{
  LapakCsvRow *row = data;

  g_strfreev (row->fields);
}

void
lapak_csv_free (LapakCsv *csv)
{
  if (csv == NULL)
    return;
  g_free (csv->filename);
  g_clear_pointer (&csv->header, g_ptr_array_unref);
  g_clear_pointer (&csv->rows, g_array_unref);
  g_free (csv);
}

static guint
line_of (const char *data,
         const char *at)
{
  guint line = 1;

  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      line++;
  return line;
}

/* The delimiter is whichever of ';' and ',' the header uses more. */
static char
detect_delimiter (const char *p,
                  const char *end)
{
  guint commas = 0;
  guint semicolons = 0;
  gboolean quoted = FALSE;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
    }
  return semicolons > commas ? ';' : ',';
}

typedef struct
{
  const char *data;
  const char *p;
  const char *end;
  const char *filename;
  char        delimiter;
  guint       line;
} Parser;

/* Reads one record into @fields. Returns FALSE at the end of the data (with
 * no error) or on an error. Blank lines are skipped. */
static gboolean
read_record (Parser     *ps,
             GPtrArray  *fields,
             guint      *out_line,
             GError    **error)
{
  GString *field = g_string_new (NULL);
  gboolean done = FALSE;

  /* Skip blank lines. */
  while (ps->p < ps->end && (*ps->p == '\n' || *ps->p == '\r'))
    {
      if (*ps->p == '\n')
        ps->line++;
      ps->p++;
    }

  if (ps->p >= ps->end)
    {
      g_string_free (field, TRUE);
      return FALSE;
    }

  *out_line = ps->line;

  while (!done)
    {
      g_string_truncate (field, 0);

      if (ps->p < ps->end && *ps->p == '"')
        {
          guint start_line = ps->line;

          ps->p++;
          for (;;)
            {
              if (ps->p >= ps->end)
                {
                  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                               _("%s:%u: a quoted field starts here but its closing quote (\") "
                                 "is missing. Close the quote, or save the file again from "
                                 "the spreadsheet."),
                               ps->filename, start_line);
                  g_string_free (field, TRUE);
                  return FALSE;
                }
              if (*ps->p == '"')
                {
                  if (ps->p + 1 < ps->end && ps->p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      ps->p += 2;
                      continue;
                    }
                  ps->p++;
                  break;
                }
              if (*ps->p == '\n')
                ps->line++;
              g_string_append_c (field, *ps->p);
              ps->p++;
            }

          if (ps->p < ps->end && *ps->p != ps->delimiter && *ps->p != '\n' && *ps->p != '\r')
            {
              g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                           _("%s:%u: there is text after a closing quote. Inside quotes, "
                             "write a quote as two quotes (\"\")."),
                           ps->filename, ps->line);
              g_string_free (field, TRUE);
              return FALSE;
            }
        }
      else
        {
          while (ps->p < ps->end && *ps->p != ps->delimiter && *ps->p != '\n' && *ps->p != '\r')
            {
              if (*ps->p == '"')
                {
                  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                               _("%s:%u: a quote (\") inside a field that does not start with "
                                 "one. Put the whole field in double quotes and write the "
                                 "quote twice (\"\")."),
                               ps->filename, ps->line);
                  g_string_free (field, TRUE);
                  return FALSE;
                }
              g_string_append_c (field, *ps->p);
              ps->p++;
            }
        }

      g_ptr_array_add (fields, g_strndup (field->str, field->len));

      if (ps->p >= ps->end)
        done = TRUE;
      else if (*ps->p == ps->delimiter)
        ps->p++;
      else
        {
          /* End of record: LF, CRLF, or a lone CR (old Mac files). */
          if (*ps->p == '\r')
            ps->p++;
          if (ps->p < ps->end && *ps->p == '\n')
            ps->p++;
          ps->line++;
          done = TRUE;
        }
    }

  g_string_free (field, TRUE);
  return TRUE;
}

/**
 * lapak_csv_parse:
 * @filename: the name used in messages
 *
 * Parses a whole CSV file; its first record is the header. Errors name
 * FILE:LINE, LINE counting physical lines from 1.
 */
LapakCsv *
lapak_csv_parse (const char  *data,
                 gsize        length,
                 const char  *filename,
                 GError     **error)
{
  g_autoptr(LapakCsv) csv = g_new0 (LapakCsv, 1);
  g_autoptr(GPtrArray) fields = NULL;
  const char *bad = NULL;
  Parser ps = { 0 };
  guint line = 0;
  guint n_columns;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  csv->filename = g_strdup (filename);
  csv->header = g_ptr_array_new_with_free_func (g_free);
  csv->rows = g_array_new (FALSE, TRUE, sizeof (LapakCsvRow));
  g_array_set_clear_func (csv->rows, row_clear);

  if (length > 0 && memchr (data, '\0', length) != NULL)
    {
      const char *nul = memchr (data, '\0', length);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("%s:%u: this is not a text file (it contains a NUL byte). Save the "
                     "spreadsheet as “CSV UTF-8”."),
                   filename, line_of (data, nul));
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, &bad))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("%s:%u: the text is not UTF-8 (perhaps Latin-1 or Windows-1252). "
                     "Save the spreadsheet as “CSV UTF-8” and import it again."),
                   filename, line_of (data, bad));
      return NULL;
    }

  ps.data = data;
  ps.p = data;
  ps.end = data + length;
  ps.filename = filename;
  ps.line = 1;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    ps.p += 3;

  ps.delimiter = csv->delimiter = detect_delimiter (ps.p, ps.end);

  fields = g_ptr_array_new_with_free_func (g_free);
  if (!read_record (&ps, fields, &line, error))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                     _("%s: the file is empty. The first line must name the columns."),
                     filename);
      return NULL;
    }

  for (guint i = 0; i < fields->len; i++)
    {
      char *name = g_ascii_strdown (g_strstrip ((char *)g_ptr_array_index (fields, i)), -1);

      if (*name == '\0')
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("%s:%u: column %u of the header has no name."),
                       filename, line, i + 1);
          g_free (name);
          return NULL;
        }
      for (guint j = 0; j < csv->header->len; j++)
        {
          if (g_str_equal (g_ptr_array_index (csv->header, j), name))
            {
              g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                           _("%s:%u: the header names the column “%s” twice."),
                           filename, line, name);
              g_free (name);
              return NULL;
            }
        }
      g_ptr_array_add (csv->header, name);
    }
  n_columns = csv->header->len;
  g_ptr_array_set_size (fields, 0);

  for (;;)
    {
      LapakCsvRow row = { 0 };
      GError *local_error = NULL;

      if (!read_record (&ps, fields, &line, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return NULL;
            }
          break;
        }

      /* A row of only separators (";;;;" from Excel) is a blank line. */
      {
        gboolean all_empty = TRUE;

        for (guint i = 0; i < fields->len && all_empty; i++)
          all_empty = *(char *)g_ptr_array_index (fields, i) == '\0';
        if (all_empty)
          {
            g_ptr_array_set_size (fields, 0);
            continue;
          }
      }

      /* Spreadsheets often add empty columns at the end: drop them. */
      while (fields->len > n_columns && *(char *)g_ptr_array_index (fields, fields->len - 1) == '\0')
        g_ptr_array_set_size (fields, fields->len - 1);

      if (fields->len != n_columns)
        {
          if (fields->len < n_columns)
            g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                         _("%s:%u: this row has %u fields, but the header has %u columns. "
                           "Fill in the missing fields (they may stay empty, but their "
                           "separators must be there)."),
                         filename, line, fields->len, n_columns);
          else
            g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                         _("%s:%u: this row has %u fields, but the header has %u columns. "
                           "Is there a separator inside a field that should be quoted?"),
                         filename, line, fields->len, n_columns);
          return NULL;
        }

      row.line = line;
      row.n_fields = fields->len;
      row.fields = g_new0 (char *, fields->len + 1);
      for (guint i = 0; i < fields->len; i++)
        row.fields[i] = g_steal_pointer (&g_ptr_array_index (fields, i));
      g_ptr_array_set_size (fields, 0);
      g_array_append_val (csv->rows, row);
    }

  return g_steal_pointer (&csv);
}

LapakCsv *
lapak_csv_parse_file (const char  *path,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                   _("Cannot read %s: %s"), path, local_error->message);
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

int
lapak_csv_column (const LapakCsv *csv,
                  const char     *name)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (csv != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  trimmed = g_strstrip (g_strdup (name));
  key = g_ascii_strdown (trimmed, -1);
  for (guint i = 0; i < csv->header->len; i++)
    if (g_str_equal (g_ptr_array_index (csv->header, i), key))
      return (int)i;
  return -1;
}

const char *
lapak_csv_get (const LapakCsv    *csv,
               const LapakCsvRow *row,
               const char        *name)
{
  int column;

  g_return_val_if_fail (csv != NULL && row != NULL, NULL);

  column = lapak_csv_column (csv, name);
  if (column < 0 || (guint)column >= row->n_fields)
    return NULL;
  return row->fields[column];
}

/* Appends one field, quoted when it must be. */
void
lapak_csv_write_field (GString    *out,
                       const char *value,
                       char        delimiter)
{
  gsize len;
  gboolean quote;

  g_return_if_fail (out != NULL);

  if (value == NULL)
    return;

  len = strlen (value);
  quote = strchr (value, delimiter) != NULL || strpbrk (value, "\"\r\n") != NULL ||
          (len > 0 && (value[0] == ' ' || value[len - 1] == ' '));

  if (!quote)
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
