/* lapak-import.h — tenants and products from spreadsheets, all rows or none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

typedef enum
{
  LAPAK_IMPORT_ROW_OK,       /* would be imported */
  LAPAK_IMPORT_ROW_ERROR,    /* would be refused: see message */
} LapakImportRowStatus;

typedef struct
{
  guint                 line;      /* 1-based line of the file */
  LapakImportRowStatus  status;
  char                 *message;   /* "FILE:LINE: reason", or NULL when OK */
  char                **values;    /* the row's fields, one per preview column */
  char                 *code;      /* the tenant code, or the product's label code */
} LapakImportRow;

typedef struct
{
  char       *filename;
  char      **columns;             /* canonical column names (CLI.md) */
  GPtrArray  *rows;                /* LapakImportRow, in file order */
  guint       n_ok;
  guint       n_errors;            /* 0: the import would succeed */
} LapakImportPreview;

gboolean lapak_import_tenants  (LapakDb          *db,
                                const LapakUser  *actor,
                                const char       *path,
                                guint            *out_count,
                                GError          **error);
gboolean lapak_import_products (LapakDb          *db,
                                const LapakUser  *actor,
                                const char       *path,
                                guint            *out_count,
                                GError          **error);

LapakImportPreview *lapak_import_preview_tenants  (LapakDb          *db,
                                                  const LapakUser  *actor,
                                                  const char       *path,
                                                  GError          **error);
LapakImportPreview *lapak_import_preview_products (LapakDb          *db,
                                                  const LapakUser  *actor,
                                                  const char       *path,
                                                  GError          **error);
void                lapak_import_preview_free     (LapakImportPreview *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakImportPreview, lapak_import_preview_free)

G_END_DECLS
