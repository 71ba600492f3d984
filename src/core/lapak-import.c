/* lapak-import.c — tenants and products from spreadsheets, all rows or none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row goes through the same core call as a single add, inside one
 * transaction and its own savepoint, so the rules are exactly those of the
 * kiosk and the CLI. A failing row is rolled back to its savepoint and
 * reported as FILE:LINE; after the last row, any failure rolls everything
 * back. Columns are found by header name, English or Indonesian.
 *
 * A preview (lapak_import_preview_*) runs exactly the same rows in the same
 * transaction, records each row's outcome, and always rolls back: what it
 * says would be imported is what the import does.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lapak-catalogue.h"
#include "lapak-code.h"
#include "lapak-csv.h"
#include "lapak-error.h"
#include "lapak-import.h"
#include "lapak-ledger.h"
#include "lapak-money.h"

/* At most this many problems are listed; the rest are counted. */
#define MAX_REPORTED_ERRORS 20

typedef struct
{
  const char *name;          /* canonical, as in CLI.md */
  const char *aliases[5];    /* Indonesian (and other usual) headers */
  gboolean    required;
} Column;

/* Headers match whatever their case, and "_" matches a space ("Sewa Stand"). */
static const Column tenant_columns[] = {
  { "code", { "kode", "kode_tenant", NULL }, TRUE },
  { "name", { "nama", "nama_tenant", "nama_usaha", NULL }, TRUE },
  { "commission", { "komisi", NULL }, FALSE },
  { "booth_fee", { "sewa_stand", "biaya_stand", NULL }, FALSE },
  { "phone", { "telepon", "hp", "no_hp", NULL }, FALSE },
  { "bank_account", { "rekening", "no_rekening", NULL }, FALSE },
};

static const Column product_columns[] = {
  { "tenant", { "penyewa", "tenan", "kode_tenant", NULL }, TRUE },
  { "sku", { NULL }, FALSE },
  { "name", { "nama", NULL }, TRUE },
  { "price", { "harga", NULL }, TRUE },
  { "stock", { "stok", NULL }, FALSE },
  { "barcode", { NULL }, FALSE },
  /* The label code of a product re-imported from an export, so the labels
   * already printed stay valid; empty or absent: a new code. */
  { "code", { "kode", "kode_label", NULL }, FALSE },
  { "status", { NULL }, FALSE },
};

typedef struct
{
  const LapakCsv  *csv;
  const Column    *columns;
  guint            n_columns;
  int              index[G_N_ELEMENTS (product_columns)];  /* CSV column of each Column, or -1 */
} Mapping;

/* The column named @name, or with its "_" written as spaces. */
static int
find_column (const LapakCsv *csv,
             const char     *name)
{
  g_autofree char *spaced = NULL;
  int index = lapak_csv_column (csv, name);

  if (index >= 0 || strchr (name, '_') == NULL)
    return index;
  spaced = g_strdelimit (g_strdup (name), "_", ' ');
  return lapak_csv_column (csv, spaced);
}

static gboolean
map_columns (Mapping       *map,
             const LapakCsv *csv,
             const Column  *columns,
             guint          n_columns,
             GError       **error)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  map->csv = csv;
  map->columns = columns;
  map->n_columns = n_columns;

  for (guint i = 0; i < n_columns; i++)
    {
      map->index[i] = find_column (csv, columns[i].name);
      for (guint a = 0; map->index[i] < 0 && columns[i].aliases[a] != NULL; a++)
        map->index[i] = find_column (csv, columns[i].aliases[a]);

      if (map->index[i] < 0 && columns[i].required)
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", columns[i].name);
    }

  if (missing->len > 0)
    {
      g_autoptr(GString) expected = g_string_new (NULL);

      for (guint i = 0; i < n_columns; i++)
        g_string_append_printf (expected, "%s%s", i ? "," : "", columns[i].name);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("%s:1: the header lacks the column(s) %s. The first line must name "
                     "the columns: %s. Nothing was imported."),
                   lapak_csv_filename (csv), missing->str, expected->str);
      return FALSE;
    }

  return TRUE;
}

/* The field of column @name, trimmed, and unwrapped when an Excel export
 * protected it as ="text"; "" when the column is absent. */
static char *
field (const Mapping     *map,
       const LapakCsvRow *row,
       const char        *name)
{
  for (guint i = 0; i < map->n_columns; i++)
    {
      if (g_str_equal (map->columns[i].name, name))
        {
          int idx = map->index[i];

          if (idx < 0 || (guint)idx >= row->n_fields)
            return g_strdup ("");
          return g_strstrip (lapak_csv_field_text (row->fields[idx]));
        }
    }
  g_return_val_if_reached (g_strdup (""));
}

G_STATIC_ASSERT (G_N_ELEMENTS (tenant_columns) <= G_N_ELEMENTS (product_columns));

/* Adds one row; for products, *out_code is the label code it got. */
typedef gboolean (*RowFunc) (LapakDb           *db,
                             const LapakUser   *actor,
                             const Mapping     *map,
                             const LapakCsvRow *row,
                             char             **out_code,
                             GError           **error);

typedef struct
{
  const LapakUser    *actor;
  Mapping             map;
  RowFunc             row_func;
  GString            *problems;
  guint               n_problems;
  guint               count;
  LapakImportPreview *preview;   /* a dry run: every row, then roll back */
} Import;

/* A dry run ends its transaction with this error, so that nothing stays. */
#define PREVIEW_DONE_QUARK (g_quark_from_static_string ("lapak-import-preview-done"))

static void
import_row_free (LapakImportRow *row)
{
  if (row == NULL)
    return;
  g_free (row->message);
  g_strfreev (row->values);
  g_free (row->code);
  g_free (row);
}

void
lapak_import_preview_free (LapakImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_free (preview->filename);
  g_strfreev (preview->columns);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_free (preview);
}

static void
preview_add_row (LapakImportPreview *preview,
                 const Mapping      *map,
                 const LapakCsvRow  *row,
                 const char         *code,
                 const char         *message)
{
  LapakImportRow *r = g_new0 (LapakImportRow, 1);

  r->line = row->line;
  r->status = message == NULL ? LAPAK_IMPORT_ROW_OK : LAPAK_IMPORT_ROW_ERROR;
  r->message = g_strdup (message);
  r->code = g_strdup (code);
  r->values = g_new0 (char *, map->n_columns + 1);
  for (guint i = 0; i < map->n_columns; i++)
    r->values[i] = field (map, row, map->columns[i].name);
  g_ptr_array_add (preview->rows, r);

  if (message == NULL)
    preview->n_ok++;
  else
    preview->n_errors++;
}

static gboolean
import_txn (LapakDb  *db,
            gpointer  user_data,
            GError  **error)
{
  Import *imp = user_data;
  const LapakCsv *csv = imp->map.csv;

  for (guint i = 0; i < lapak_csv_n_rows (csv); i++)
    {
      const LapakCsvRow *row = lapak_csv_row (csv, i);
      g_autoptr(GError) row_error = NULL;
      g_autofree char *code = NULL;

      if (!lapak_db_exec (db, "SAVEPOINT import_row", error))
        return FALSE;

      if (!imp->row_func (db, imp->actor, &imp->map, row, &code, &row_error))
        {
          g_autofree char *message = NULL;

          if (row_error->domain == LAPAK_ERROR && row_error->code == LAPAK_ERROR_IO)
            {
              g_propagate_error (error, g_steal_pointer (&row_error));
              return FALSE;
            }

          message = g_strdup_printf ("%s:%u: %s", lapak_csv_filename (csv), row->line,
                                     row_error->message);
          if (imp->preview != NULL)
            preview_add_row (imp->preview, &imp->map, row, NULL, message);
          if (imp->n_problems < MAX_REPORTED_ERRORS)
            g_string_append_printf (imp->problems, "%s%s",
                                    imp->problems->len ? "\n" : "", message);
          imp->n_problems++;
          if (!lapak_db_exec (db, "ROLLBACK TO import_row", error))
            return FALSE;
        }
      else
        {
          if (imp->preview != NULL)
            preview_add_row (imp->preview, &imp->map, row, code, NULL);
          imp->count++;
        }

      if (!lapak_db_exec (db, "RELEASE import_row", error))
        return FALSE;
    }

  if (imp->preview != NULL)
    {
      g_set_error_literal (error, PREVIEW_DONE_QUARK, 0, "preview");
      return FALSE;
    }

  if (imp->n_problems > 0)
    {
      if (imp->n_problems > MAX_REPORTED_ERRORS)
        g_string_append_printf (imp->problems, "\n%s",
                                g_dngettext (GETTEXT_PACKAGE, "… and %u more problem.",
                                             "… and %u more problems.",
                                             imp->n_problems - MAX_REPORTED_ERRORS));
      g_string_append_printf (imp->problems, "\n%s",
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Nothing was imported: correct the row above and import the file again.",
                                           "Nothing was imported: correct the rows above and import the file again.",
                                           imp->n_problems));
      g_set_error_literal (error, LAPAK_ERROR, LAPAK_ERROR_INVALID, imp->problems->str);
      return FALSE;
    }

  return TRUE;
}

/* Imports @path, or with @preview only checks every row of it, adding each
 * to @preview and leaving the database as it was. */
static gboolean
run_import (LapakDb             *db,
            const LapakUser     *actor,
            const char          *path,
            const Column        *columns,
            guint                n_columns,
            RowFunc              row_func,
            LapakImportPreview  *preview,
            guint               *out_count,
            GError             **error)
{
  g_autoptr(LapakCsv) csv = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  Import imp = { actor, { 0 }, row_func, problems, 0, 0, preview };

  if (!(csv = lapak_csv_parse_file (path, error)))
    return FALSE;

  if (!map_columns (&imp.map, csv, columns, n_columns, error))
    return FALSE;

  if (lapak_csv_n_rows (csv) == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("%s has a header but no rows: nothing to import."), path);
      return FALSE;
    }

  if (preview != NULL)
    {
      preview->filename = g_strdup (path);
      preview->columns = g_new0 (char *, n_columns + 1);
      for (guint i = 0; i < n_columns; i++)
        preview->columns[i] = g_strdup (columns[i].name);
      preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)import_row_free);
    }

  if (!lapak_db_transaction (db, import_txn, &imp, &local_error))
    {
      if (preview != NULL && local_error->domain == PREVIEW_DONE_QUARK)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (out_count != NULL)
    *out_count = imp.count;
  return TRUE;
}

/* An empty cell means "the event's terms". */
static gboolean
optional_percent (const char  *text,
                  int         *out_bp,
                  GError     **error)
{
  if (*text == '\0')
    {
      *out_bp = LAPAK_TERMS_DEFAULT;
      return TRUE;
    }
  return lapak_percent_parse (text, out_bp, error);
}

static gboolean
optional_amount (const char  *text,
                 int64_t     *out_amount,
                 GError     **error)
{
  if (*text == '\0')
    {
      *out_amount = LAPAK_TERMS_DEFAULT;
      return TRUE;
    }
  return lapak_money_parse (text, out_amount, error);
}

static gboolean
tenant_row (LapakDb           *db,
            const LapakUser   *actor,
            const Mapping     *map,
            const LapakCsvRow *row,
            char             **out_code,
            GError           **error)
{
  g_autofree char *code = field (map, row, "code");
  g_autofree char *name = field (map, row, "name");
  g_autofree char *commission = field (map, row, "commission");
  g_autofree char *booth_fee = field (map, row, "booth_fee");
  g_autofree char *phone = field (map, row, "phone");
  g_autofree char *bank = field (map, row, "bank_account");
  LapakTenantSpec spec = { 0 };

  spec.code = code;
  spec.name = name;
  spec.phone = phone;
  spec.bank_account = bank;

  if (!optional_percent (commission, &spec.commission_bp, error) ||
      !optional_amount (booth_fee, &spec.booth_fee, error))
    return FALSE;

  if (!lapak_tenant_add_in_txn (db, actor, &spec, error))
    return FALSE;
  *out_code = g_steal_pointer (&code);
  return TRUE;
}

static gboolean
product_row (LapakDb           *db,
             const LapakUser   *actor,
             const Mapping     *map,
             const LapakCsvRow *row,
             char             **out_code,
             GError           **error)
{
  g_autofree char *tenant = field (map, row, "tenant");
  g_autofree char *sku = field (map, row, "sku");
  g_autofree char *name = field (map, row, "name");
  g_autofree char *price = field (map, row, "price");
  g_autofree char *stock = field (map, row, "stock");
  g_autofree char *barcode = field (map, row, "barcode");
  g_autofree char *label = field (map, row, "code");
  g_autofree char *status_text = field (map, row, "status");
  g_autofree char *wanted = NULL;
  LapakProductSpec spec = { 0 };
  LapakProductStatus parsed;
  int status = -1;   /* the default for the actor */
  guint64 units = 0;

  spec.tenant = tenant;
  spec.sku = sku;
  spec.name = name;
  spec.barcode = barcode;

  if (*price == '\0')
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID, _("The price is missing."));
      return FALSE;
    }
  if (!lapak_money_parse (price, &spec.price, error))
    return FALSE;

  if (*stock != '\0' &&
      !g_ascii_string_to_unsigned (stock, 10, 0, 1000000, &units, NULL))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a stock count: write a whole number of units, e.g. 12."),
                   stock);
      return FALSE;
    }
  spec.stock = (int64_t)units;

  if (*label != '\0')
    {
      wanted = lapak_product_code_normalize (label);
      if (!lapak_product_code_validate (wanted, error))
        return FALSE;
    }

  if (*status_text != '\0')
    {
      if (!lapak_product_status_parse (status_text, &parsed, error))
        return FALSE;
      if (parsed != LAPAK_PRODUCT_PENDING && lapak_user_get_role (actor) == LAPAK_ROLE_TENANT)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED,
                       _("Only an organiser may import a product as “%s”: a tenant's "
                         "products wait for the organiser's approval. Leave the status empty."),
                       status_text);
          return FALSE;
        }
      status = (int)parsed;
    }

  *out_code = lapak_product_add_as_in_txn (db, actor, &spec, wanted, status, error);
  return *out_code != NULL;
}

/**
 * lapak_import_tenants:
 *
 * Imports tenants from a CSV file with the columns
 * code,name,commission,booth_fee,phone,bank_account (or their Indonesian
 * names), registering each and joining it to the active event. All rows or
 * none: any bad row leaves the database unchanged and is reported as
 * FILE:LINE.
 */
gboolean
lapak_import_tenants (LapakDb          *db,
                      const LapakUser  *actor,
                      const char       *path,
                      guint            *out_count,
                      GError          **error)
{
  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_TENANTS, error))
    return FALSE;

  return run_import (db, actor, path, tenant_columns, G_N_ELEMENTS (tenant_columns),
                     tenant_row, NULL, out_count, error);
}

/**
 * lapak_import_products:
 *
 * Imports products from a CSV file with the columns
 * tenant,sku,name,price,stock,barcode (or their Indonesian names), and
 * optionally code (the label code to keep) and status; stock is checked in
 * to the active event. All rows or none.
 */
gboolean
lapak_import_products (LapakDb          *db,
                       const LapakUser  *actor,
                       const char       *path,
                       guint            *out_count,
                       GError          **error)
{
  g_return_val_if_fail (LAPAK_IS_DB (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_PRODUCTS, error))
    return FALSE;

  return run_import (db, actor, path, product_columns, G_N_ELEMENTS (product_columns),
                     product_row, NULL, out_count, error);
}

static LapakImportPreview *
preview (LapakDb          *db,
         const LapakUser  *actor,
         const char       *path,
         const Column     *columns,
         guint             n_columns,
         RowFunc           row_func,
         GError          **error)
{
  g_autoptr(LapakImportPreview) p = g_new0 (LapakImportPreview, 1);

  if (!run_import (db, actor, path, columns, n_columns, row_func, p, NULL, error))
    return NULL;
  return g_steal_pointer (&p);
}

/**
 * lapak_import_preview_tenants:
 *
 * Checks every row of a tenants file exactly as lapak_import_tenants()
 * would import it — each row after the ones before it, so a code used
 * twice in the file is caught — and saves nothing. A file that cannot be
 * read or parsed at all (no header, an unclosed quote, a short row…) is an
 * error naming FILE:LINE, as for the import.
 *
 * Returns: (transfer full) (nullable): each row's status and reason
 */
LapakImportPreview *
lapak_import_preview_tenants (LapakDb          *db,
                              const LapakUser  *actor,
                              const char       *path,
                              GError          **error)
{
  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_TENANTS, error))
    return NULL;
  return preview (db, actor, path, tenant_columns, G_N_ELEMENTS (tenant_columns),
                  tenant_row, error);
}

/**
 * lapak_import_preview_products:
 *
 * lapak_import_preview_tenants() for a products file; each good row also
 * has the label code it would get.
 *
 * Returns: (transfer full) (nullable): each row's status and reason
 */
LapakImportPreview *
lapak_import_preview_products (LapakDb          *db,
                               const LapakUser  *actor,
                               const char       *path,
                               GError          **error)
{
  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!lapak_auth_require (actor, LAPAK_CAP_MANAGE_PRODUCTS, error))
    return NULL;
  return preview (db, actor, path, product_columns, G_N_ELEMENTS (product_columns),
                  product_row, error);
}
