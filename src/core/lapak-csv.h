/* lapak-csv.h — RFC 4180 CSV as spreadsheets write it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LapakCsv LapakCsv;

typedef struct
{
  guint    line;     /* 1-based line of the file where the record starts */
  guint    n_fields;
  char   **fields;   /* NULL-terminated, UTF-8 */
} LapakCsvRow;

LapakCsv          *lapak_csv_parse          (const char  *data,
                                             gsize        length,
                                             const char  *filename,
                                             GError     **error);
LapakCsv          *lapak_csv_parse_file     (const char  *path,
                                             GError     **error);
void               lapak_csv_free           (LapakCsv    *csv);
char               lapak_csv_delimiter      (const LapakCsv *csv);
const char        *lapak_csv_filename       (const LapakCsv *csv);
guint              lapak_csv_n_rows         (const LapakCsv *csv);
const LapakCsvRow *lapak_csv_row            (const LapakCsv *csv,
                                             guint           index);
int                lapak_csv_column         (const LapakCsv *csv,
                                             const char     *name);
const char        *lapak_csv_get            (const LapakCsv    *csv,
                                             const LapakCsvRow *row,
                                             const char        *name);
void               lapak_csv_write_field    (GString     *out,
                                             const char  *value,
                                             char         delimiter);
char              *lapak_csv_excel_text     (const char  *value);
char              *lapak_csv_field_text     (const char  *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakCsv, lapak_csv_free)

G_END_DECLS
