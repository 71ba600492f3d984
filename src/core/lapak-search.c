/* lapak-search.c — finding products by name, for the kiosk's search
 *
 * Every word of the search must be in the product's name or code, in any
 * case (ASCII) and any order: "keripik pedas" finds "Keripik Lele Pedas".
 * Only products on sale (active) are found. One SQL query, sorted by name;
 * over 50,000 products it is a scan of the product table, a few
 * milliseconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-core"

#include <string.h>

#include <sqlite3.h>

#include "lapak-search.h"

void
lapak_product_hit_free (LapakProductHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->code);
  g_free (hit->name);
  g_free (hit->tenant);
  g_free (hit);
}

/* @word as a LIKE pattern matching it anywhere, its wildcards escaped. */
static char *
like_pattern (const char *word)
{
  GString *s = g_string_new ("%");

  for (const char *p = word; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

/**
 * lapak_product_search:
 * @text: (nullable): words that must all be in the name or code; %NULL
 *   or blank: every product
 * @tenant_code: (nullable): only this tenant's products
 * @limit: at most this many; 0: no limit
 *
 * Returns: (transfer full) (element-type LapakProductHit): the products on
 * sale that match, by name, or %NULL with @error set
 */
GPtrArray *
lapak_product_search (LapakDb     *db,
                      const char  *text,
                      const char  *tenant_code,
                      guint        limit,
                      GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) lapak_product_hit_free);
  g_auto(GStrv) words = g_strsplit_set (text != NULL ? text : "", " \t\n", -1);
  g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new ("SELECT code, name, tenant_code, price FROM product "
                                         "WHERE status = 'active' AND (?1 IS NULL OR tenant_code = ?1)");
  g_auto(LapakStmt) stmt = NULL;
  int rc;

  for (guint i = 0; words[i] != NULL && patterns->len < LAPAK_SEARCH_MAX_WORDS; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (patterns, like_pattern (words[i]));
  for (guint i = 0; i < patterns->len; i++)
    g_string_append_printf (sql, " AND (name LIKE ?%u ESCAPE '\\' OR code LIKE ?%u ESCAPE '\\')", i + 3, i + 3);
  g_string_append (sql, " ORDER BY name COLLATE NOCASE, code LIMIT ?2");

  if (!(stmt = lapak_db_prepare (db, sql->str, error)))
    return NULL;
  lapak_stmt_bind_text (stmt, 1, tenant_code != NULL && *tenant_code != '\0' ? tenant_code : NULL);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (sqlite3_int64) limit : -1);
  for (guint i = 0; i < patterns->len; i++)
    lapak_stmt_bind_text (stmt, (int) i + 3, g_ptr_array_index (patterns, i));
  while ((rc = lapak_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      LapakProductHit *hit = g_new0 (LapakProductHit, 1);

      hit->code = g_strdup (lapak_stmt_text (stmt, 0));
      hit->name = g_strdup (lapak_stmt_text (stmt, 1));
      hit->tenant = g_strdup (lapak_stmt_text (stmt, 2));
      hit->price = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (hits, hit);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&hits);
}
