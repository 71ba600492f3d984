/* lapak-import.c — tenants and products from spreadsheets, all rows or none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row goes through the same core call as a single add, inside one
 * transaction and its own savepoint, so the rules are exactly those of the
 * kiosk and the CLI. A failing row is rolled back to its savepoint and
 * reported as FILE:LINE; after the last row, any failure rolls everything
 * back. Columns are found by header name, English or Indonesian.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <string.h>

#include <glib/gi18n-lib.h>

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
  const char *aliases[4];    /* Indonesian headers */
  gboolean    required;
} Column;

static const Column tenant_columns[] = {
  { "code", { "kode", NULL }, TRUE },
  { "name", { "nama", NULL }, TRUE },
  { "commission", { "komisi", NULL }, FALSE },
  { "booth_fee", { "sewa_stand", "biaya_stand", NULL }, FALSE },
  { "phone", { "telepon", "hp", NULL }, FALSE },
  { "bank_account", { "rekening", NULL }, FALSE },
};

static const Column product_columns[] = {
  { "tenant", { "penyewa", "tenan", "kode_tenant", NULL }, TRUE },
  { "sku", { NULL }, FALSE },
  { "name", { "nama", NULL }, TRUE },
  { "price", { "harga", NULL }, TRUE },
  { "stock", { "stok", NULL }, FALSE },
  { "barcode", { NULL }, FALSE },
};

typedef struct
{
  const LapakCsv  *csv;
  const Column    *columns;
  guint            n_columns;
  int              index[8];    /* CSV column of each Column, or -1 */
} Mapping;

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
      map->index[i] = lapak_csv_column (csv, columns[i].name);
      for (guint a = 0; map->index[i] < 0 && columns[i].aliases[a] != NULL; a++)
        map->index[i] = lapak_csv_column (csv, columns[i].aliases[a]);

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

/* The field of column @name, trimmed; "" when the column is absent. */
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
          return g_strstrip (g_strdup (row->fields[idx]));
        }
    }
  g_return_val_if_reached (g_strdup (""));
}

typedef gboolean (*RowFunc) (LapakDb           *db,
                             const LapakUser   *actor,
                             const Mapping     *map,
                             const LapakCsvRow *row,
                             GError           **error);

typedef struct
{
  const LapakUser *actor;
  Mapping          map;
  RowFunc          row_func;
  GString         *problems;
  guint            n_problems;
  guint            count;
} Import;

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

      if (!lapak_db_exec (db, "SAVEPOINT import_row", error))
        return FALSE;

      if (!imp->row_func (db, imp->actor, &imp->map, row, &row_error))
        {
          if (row_error->domain == LAPAK_ERROR && row_error->code == LAPAK_ERROR_IO)
            {
              g_propagate_error (error, g_steal_pointer (&row_error));
              return FALSE;
            }

          if (imp->n_problems < MAX_REPORTED_ERRORS)
            g_string_append_printf (imp->problems, "%s%s:%u: %s",
                                    imp->problems->len ? "\n" : "",
                                    lapak_csv_filename (csv), row->line, row_error->message);
          imp->n_problems++;
          if (!lapak_db_exec (db, "ROLLBACK TO import_row", error))
            return FALSE;
        }
      else
        imp->count++;

      if (!lapak_db_exec (db, "RELEASE import_row", error))
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

static gboolean
run_import (LapakDb          *db,
            const LapakUser  *actor,
            const char       *path,
            const Column     *columns,
            guint             n_columns,
            RowFunc           row_func,
            guint            *out_count,
            GError          **error)
{
  g_autoptr(LapakCsv) csv = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  Import imp = { actor, { 0 }, row_func, problems, 0, 0 };

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

  if (!lapak_db_transaction (db, import_txn, &imp, error))
    return FALSE;

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

  return lapak_tenant_add_in_txn (db, actor, &spec, error);
}

static gboolean
product_row (LapakDb           *db,
             const LapakUser   *actor,
             const Mapping     *map,
             const LapakCsvRow *row,
             GError           **error)
{
  g_autofree char *tenant = field (map, row, "tenant");
  g_autofree char *sku = field (map, row, "sku");
  g_autofree char *name = field (map, row, "name");
  g_autofree char *price = field (map, row, "price");
  g_autofree char *stock = field (map, row, "stock");
  g_autofree char *barcode = field (map, row, "barcode");
  g_autofree char *code = NULL;
  LapakProductSpec spec = { 0 };
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

  code = lapak_product_add_in_txn (db, actor, &spec, error);
  return code != NULL;
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
                     tenant_row, out_count, error);
}

/**
 * lapak_import_products:
 *
 * Imports products from a CSV file with the columns
 * tenant,sku,name,price,stock,barcode (or their Indonesian names); stock is
 * checked in to the active event. All rows or none.
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
                     product_row, out_count, error);
}
