/* lapak-db.h — one till's SQLite database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>
#include <stdint.h>

G_BEGIN_DECLS

/* PRAGMA application_id of every Lapak database: "LPAK" */
#define LAPAK_DB_APPLICATION_ID 0x4C50414B

#define LAPAK_TYPE_DB (lapak_db_get_type ())
G_DECLARE_FINAL_TYPE (LapakDb, lapak_db, LAPAK, DB, GObject)

typedef gboolean (*LapakDbTxnFunc) (LapakDb   *db,
                                    gpointer   user_data,
                                    GError   **error);

/* A prepared statement borrowed from the database's cache: declare it with
 * g_auto(LapakStmt) and it is reset (not finalized) when it goes out of scope,
 * so no read transaction is left open by an early return. */
typedef sqlite3_stmt *LapakStmt;
void lapak_stmt_release (sqlite3_stmt *stmt);
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (LapakStmt, lapak_stmt_release, NULL)

int          lapak_db_schema_version  (void);
LapakDb     *lapak_db_open            (const char     *path,
                                       GError        **error);
LapakDb     *lapak_db_create          (const char     *path,
                                       const char     *till_id,
                                       GError        **error);
const char  *lapak_db_get_path        (LapakDb        *self);
const char  *lapak_db_get_till_id     (LapakDb        *self);
sqlite3     *lapak_db_get_handle      (LapakDb        *self);
sqlite3_stmt*lapak_db_prepare         (LapakDb        *self,
                                       const char     *sql,
                                       GError        **error);
int          lapak_db_step            (LapakDb        *self,
                                       sqlite3_stmt   *stmt,
                                       GError        **error);
gboolean     lapak_db_exec            (LapakDb        *self,
                                       const char     *sql,
                                       GError        **error);
gboolean     lapak_db_transaction     (LapakDb        *self,
                                       LapakDbTxnFunc  func,
                                       gpointer        user_data,
                                       GError        **error);
gboolean     lapak_db_in_transaction  (LapakDb        *self);
gboolean     lapak_db_next_seq        (LapakDb        *self,
                                       const char     *table,
                                       int64_t        *out_seq,
                                       GError        **error);
char        *lapak_db_get_meta        (LapakDb        *self,
                                       const char     *key,
                                       GError        **error);
gboolean     lapak_db_set_meta        (LapakDb        *self,
                                       const char     *key,
                                       const char     *value,
                                       GError        **error);
void         lapak_db_set_error       (LapakDb        *self,
                                       GError        **error,
                                       const char     *what);
int64_t      lapak_db_now             (void);

/* Text columns: NULL stays NULL. */
const char  *lapak_stmt_text          (sqlite3_stmt   *stmt,
                                       int             column);
void         lapak_stmt_bind_text     (sqlite3_stmt   *stmt,
                                       int             index,
                                       const char     *value);

G_END_DECLS
