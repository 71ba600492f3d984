/* lapakctl.c — Lapak's headless face: every organiser and tenant task
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract (command names, exit codes, JSON fields) is CLI.md. This file
 * only parses arguments, calls the core and prints: no business rule lives
 * here.
 */
#define G_LOG_DOMAIN "lapak-cli"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <signal.h>
#include <json-glib/json-glib.h>

#include "lapak-auth.h"
#include "lapak-catalogue.h"
#include "lapak-csv.h"
#include "lapak-code.h"
#include "lapak-db.h"
#include "lapak-demo.h"
#include "lapak-error.h"
#include "lapak-export.h"
#include "lapak-import.h"
#include "lapak-ledger.h"
#include "lapak-journal.h"
#include "lapak-money.h"
#include "lapak-qris.h"
#include "lapak-receipt.h"
#include "lapak-sale.h"
#include "lapak-sales-lines.h"
#include "lapak-settle.h"
#include "lapak-setup.h"
#include "lapak-shift.h"
#include "lapak-statement.h"
#include "lapak-stock.h"
#include "lapak-sync.h"
#include "lapak-sync-net.h"

#include "lapak-escpos.h"
#include "lapak-labels.h"
#include "lapak-print-job.h"
#include "lapak-print-settings.h"
#include "lapak-receipt-pdf.h"
#include "lapak-statement-pdf.h"
#include "lapak-test-page.h"

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

/* Options every command takes. */
static char *opt_db;
static gboolean opt_json;
static char *opt_as;
static char *opt_pin;
static char *opt_as_pin;

/* Options of single commands; each command reads only its own. */
static char *opt_till;
static char *opt_organiser;
static char *opt_role;
static char *opt_tenant;
static char *opt_name;
static char *opt_kind;
static char *opt_commission;
static char *opt_booth_fee;
static char *opt_qris;
static char *opt_phone;
static char *opt_bank;
static char *opt_price;
static char *opt_sku;
static char *opt_stock;
static char *opt_barcode;
static char *opt_units;
static char *opt_float;
static char *opt_counted;
static char *opt_approver;
static char *opt_approver_pin;
static char *opt_reason;
static char *opt_from;
static char *opt_data;
static char *opt_format;
static char *opt_out;
static char *opt_amount;
static char *opt_event;
static char *opt_until;
static gboolean opt_close;
static gboolean opt_force;
static char *opt_statements;
static char *opt_settlement;
static char *opt_csv;
static char *opt_print_queue;
static gboolean opt_hub;
static char *opt_url;
static char *opt_address;
static int opt_port = 8642;
static int opt_every;
static char *opt_reference;
static char *opt_static;
static char *opt_width;
static char *opt_printer;
static gboolean opt_drawer;
static gboolean opt_reprint;
static int opt_wait = 30;
static char *opt_layout;
static char **opt_products;
static int opt_copies;
static gboolean opt_per_stock;
static int opt_start = 1;
static gboolean opt_list_layouts;
static gboolean opt_print;
static char *opt_receipt_queue;
static char *opt_receipt_format;
static char *opt_label_queue;
static char *opt_documents_queue;
static char *opt_drawer_setting;
static gboolean opt_pending;
static gboolean opt_excel;
static gboolean opt_dry_run;
static GPtrArray *opt_payments;   /* the words after --pay */

typedef struct _Command Command;

struct _Command
{
  const char   *name;
  const char   *params;
  const char   *summary;
  const GOptionEntry *entries;
  guint         min_args;
  guint         max_args;   /* G_MAXUINT: any number */
  int         (*run) (const Command *cmd, char **args);
};

static const GOptionEntry common_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("The database (default: $LAPAK_DB, else the user's data folder)"), N_("PATH") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print one JSON document instead of text"), NULL },
  { "as", 0, 0, G_OPTION_ARG_STRING, &opt_as, N_("Act as this user"), N_("NAME") },
  { NULL }
};

static const GOptionEntry pin_entries[] = {
  { "pin", 0, 0, G_OPTION_ARG_STRING, &opt_pin, N_("The PIN of the --as user (or set LAPAK_PIN)"), N_("PIN") },
  { NULL }
};

/* ---------- output helpers ---------- */

static int print_preview (const LapakImportPreview *p);
static int open_maybe_login (const Command *cmd, LapakDb **out_db, LapakUser **out_user);

static void
print_error (const GError *error)
{
  g_printerr ("lapakctl: %s\n", error->message);
}

static int
fail (GError *error)
{
  print_error (error);
  g_error_free (error);
  return EXIT_FAILED;
}

static int
usage_error (const Command *cmd,
             const char    *message)
{
  g_printerr ("lapakctl %s: %s\n", cmd->name, message);
  g_printerr (_("Try “lapakctl %s --help”.\n"), cmd->name);
  return EXIT_USAGE;
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

static void
json_string_or_null (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
json_int (JsonBuilder *builder,
          const char  *member,
          gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static char *
money (gint64 amount)
{
  return lapak_money_format (amount, LAPAK_MONEY_STYLE_DEFAULT);
}

/* ---------- context helpers ---------- */

static char *
database_path (void)
{
  const char *env;

  if (opt_db != NULL)
    return g_strdup (opt_db);
  env = g_getenv ("LAPAK_DB");
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "lapak", "lapak.db", NULL);
}

static LapakDb *
open_database (GError **error)
{
  g_autofree char *path = database_path ();

  return lapak_db_open (path, error);
}

static const char *
actor_pin (void)
{
  if (opt_pin != NULL)
    return opt_pin;
  return g_getenv ("LAPAK_PIN");
}

/* Logs in the --as user. A missing --as or PIN is a usage error (exit 2);
 * a wrong one a refusal (exit 1). */
static int
login (const Command  *cmd,
       LapakDb        *db,
       const char     *pin,
       LapakUser     **out_user)
{
  g_autoptr(GError) error = NULL;

  if (opt_as == NULL)
    return usage_error (cmd, _("this command needs --as NAME (the user doing it)."));
  if (pin == NULL)
    return usage_error (cmd, _("this command needs the PIN of the --as user: --pin PIN or LAPAK_PIN."));

  *out_user = lapak_auth_login (db, opt_as, pin, &error);
  if (*out_user == NULL)
    return fail (g_steal_pointer (&error));
  return EXIT_OK;
}

static int
open_and_login (const Command  *cmd,
                LapakDb       **out_db,
                LapakUser     **out_user)
{
  g_autoptr(GError) error = NULL;

  if (opt_as == NULL)
    return usage_error (cmd, _("this command needs --as NAME (the user doing it)."));
  if (actor_pin () == NULL)
    return usage_error (cmd, _("this command needs the PIN of the --as user: --pin PIN or LAPAK_PIN."));

  *out_db = open_database (&error);
  if (*out_db == NULL)
    return fail (g_steal_pointer (&error));
  return login (cmd, *out_db, actor_pin (), out_user);
}

static gboolean
parse_terms (int      *out_bp,
             gint64   *out_fee,
             GError  **error)
{
  *out_bp = LAPAK_TERMS_DEFAULT;
  *out_fee = LAPAK_TERMS_DEFAULT;

  if (opt_commission != NULL && !lapak_percent_parse (opt_commission, out_bp, error))
    return FALSE;
  if (opt_booth_fee != NULL && !lapak_money_parse (opt_booth_fee, out_fee, error))
    return FALSE;
  return TRUE;
}

/* ---------- init ---------- */

static const GOptionEntry init_entries[] = {
  { "till", 0, 0, G_OPTION_ARG_STRING, &opt_till, N_("This till's id, e.g. K1"), N_("ID") },
  { "organiser", 0, 0, G_OPTION_ARG_STRING, &opt_organiser, N_("The first organiser's name"), N_("NAME") },
  { "pin", 0, 0, G_OPTION_ARG_STRING, &opt_pin, N_("The first organiser's PIN"), N_("PIN") },
  { NULL }
};

static int
cmd_init (const Command  *cmd,
          char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autofree char *path = database_path ();

  if (opt_till == NULL || opt_organiser == NULL || opt_pin == NULL)
    return usage_error (cmd, _("init needs --till ID, --organiser NAME and --pin PIN."));

  {
    LapakTillSetup setup = { opt_till, opt_organiser, opt_pin, NULL, NULL, LAPAK_EVENT_BAZAAR, 0, 0 };

    if (!(db = lapak_till_setup (path, &setup, &error)))
      return fail (g_steal_pointer (&error));
  }

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "till", lapak_db_get_till_id (db));
      json_string_or_null (b, "db", path);
      json_string_or_null (b, "organiser", opt_organiser);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print (_("Created till %s in %s; organiser: %s.\n"),
             lapak_db_get_till_id (db), path, opt_organiser);

  return EXIT_OK;
}

/* ---------- demo ---------- */

static const GOptionEntry demo_entries[] = {
  { "data", 0, 0, G_OPTION_ARG_FILENAME, &opt_data, N_("The folder with the demo's tenants.csv and products.csv"), N_("DIR") },
  { NULL }
};

static int
cmd_demo (const Command  *cmd,
          char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autofree char *path = database_path ();
  g_autofree char *data = g_strdup (opt_data);
  const LapakDemoUser *users;
  guint n_users;

  if (data == NULL)
    data = g_build_filename (DATADIR, "lapak", "demo", NULL);
  if (!(db = lapak_demo_create (path, data, &error)))
    return fail (g_steal_pointer (&error));

  users = lapak_demo_users (&n_users);
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "till", lapak_db_get_till_id (db));
      json_string_or_null (b, "db", path);
      json_builder_set_member_name (b, "users");
      json_builder_begin_array (b);
      for (guint i = 0; i < n_users; i++)
        {
          json_builder_begin_object (b);
          json_string_or_null (b, "name", users[i].name);
          json_string_or_null (b, "role", users[i].role);
          json_string_or_null (b, "pin", users[i].pin);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    {
      g_print (_("Created the demo till %s in %s.\n"), lapak_db_get_till_id (db), path);
      g_print ("%s\n", _("Demo users (name / PIN / role):"));
      for (guint i = 0; i < n_users; i++)
        g_print ("  %-6s %-7s %s\n", users[i].name, users[i].pin, users[i].role);
    }
  return EXIT_OK;
}

/* ---------- users ---------- */

static const GOptionEntry user_add_entries[] = {
  { "role", 0, 0, G_OPTION_ARG_STRING, &opt_role, N_("cashier, supervisor, organiser or tenant"), N_("ROLE") },
  { "tenant", 0, 0, G_OPTION_ARG_STRING, &opt_tenant, N_("The tenant a tenant user belongs to"), N_("CODE") },
  { "pin", 0, 0, G_OPTION_ARG_STRING, &opt_pin, N_("The new user's PIN"), N_("PIN") },
  { "as-pin", 0, 0, G_OPTION_ARG_STRING, &opt_as_pin, N_("The PIN of the --as organiser (or set LAPAK_PIN)"), N_("PIN") },
  { NULL }
};

static int
cmd_user_add (const Command  *cmd,
              char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  const char *as_pin = opt_as_pin ? opt_as_pin : g_getenv ("LAPAK_PIN");
  LapakRole role;
  int rc;

  if (opt_role == NULL || opt_pin == NULL)
    return usage_error (cmd, _("user add needs --role ROLE and --pin PIN (the new user's PIN)."));
  if (!lapak_role_from_string (opt_role, &role, &error))
    return usage_error (cmd, error->message);
  if (opt_as == NULL)
    return usage_error (cmd, _("this command needs --as NAME (the user doing it)."));
  if (as_pin == NULL)
    return usage_error (cmd, _("user add takes the organiser's PIN from --as-pin or LAPAK_PIN (--pin is the new user's)."));

  if (!(db = open_database (&error)))
    return fail (g_steal_pointer (&error));
  if ((rc = login (cmd, db, as_pin, &actor)) != EXIT_OK)
    return rc;

  if (!lapak_user_add (db, actor, args[0], role, opt_tenant, opt_pin, &error))
    return fail (g_steal_pointer (&error));

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "name", args[0]);
      json_string_or_null (b, "role", lapak_role_to_string (role));
      json_string_or_null (b, "tenant", opt_tenant);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print (_("Added %s (%s).\n"), args[0], lapak_role_display (role));
  return EXIT_OK;
}

static int
cmd_user_unlock (const Command  *cmd,
                 char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  int rc;

  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (!lapak_user_unlock (db, actor, args[0], &error))
    return fail (g_steal_pointer (&error));
  if (!opt_json)
    g_print (_("%s can log in again.\n"), args[0]);
  else
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "unlocked", args[0]);
      json_builder_end_object (b);
      print_json (b);
    }
  return EXIT_OK;
}

/* ---------- events ---------- */

static const GOptionEntry event_create_entries[] = {
  { "name", 0, 0, G_OPTION_ARG_STRING, &opt_name, N_("The event's name"), N_("NAME") },
  { "kind", 0, 0, G_OPTION_ARG_STRING, &opt_kind, N_("bazaar (default) or trading-house"), N_("KIND") },
  { "commission", 0, 0, G_OPTION_ARG_STRING, &opt_commission, N_("Default commission, e.g. 15 or 12,5%"), N_("PCT") },
  { "booth-fee", 0, 0, G_OPTION_ARG_STRING, &opt_booth_fee, N_("Default booth fee, e.g. 250.000"), N_("AMOUNT") },
  { "qris", 0, 0, G_OPTION_ARG_STRING, &opt_qris, N_("The organiser's static QRIS payload"), N_("PAYLOAD") },
  { NULL }
};

static int
cmd_event_create (const Command  *cmd,
                  char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  LapakEventKind kind = LAPAK_EVENT_BAZAAR;
  int bp = 0;
  gint64 fee = 0;
  int rc;

  if (opt_name == NULL)
    return usage_error (cmd, _("event create needs --name NAME."));
  if (opt_kind != NULL && !lapak_event_kind_from_string (opt_kind, &kind, &error))
    return usage_error (cmd, error->message);
  if (opt_commission != NULL && !lapak_percent_parse (opt_commission, &bp, &error))
    return fail (g_steal_pointer (&error));
  if (opt_booth_fee != NULL && !lapak_money_parse (opt_booth_fee, &fee, &error))
    return fail (g_steal_pointer (&error));

  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;

  if (!lapak_event_create (db, actor, args[0], opt_name, kind, bp, fee, opt_qris, &error))
    return fail (g_steal_pointer (&error));

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "code", args[0]);
      json_string_or_null (b, "name", opt_name);
      json_string_or_null (b, "kind", lapak_event_kind_to_string (kind));
      json_int (b, "commission_bp", bp);
      json_int (b, "booth_fee", fee);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print (_("Created event %s (%s); it is now the active event.\n"), args[0], opt_name);
  return EXIT_OK;
}

static int
cmd_event_use (const Command  *cmd,
               char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  int rc;

  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (!lapak_event_use (db, actor, args[0], &error))
    return fail (g_steal_pointer (&error));
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "active", args[0]);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print (_("Event %s is now the active event.\n"), args[0]);
  return EXIT_OK;
}

static int
cmd_event_list (const Command  *cmd,
                char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(GPtrArray) events = NULL;

  if (!(db = open_database (&error)) || !(events = lapak_event_list (db, &error)))
    return fail (g_steal_pointer (&error));

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < events->len; i++)
        {
          LapakEvent *e = g_ptr_array_index (events, i);

          json_builder_begin_object (b);
          json_string_or_null (b, "code", e->code);
          json_string_or_null (b, "name", e->name);
          json_string_or_null (b, "kind", lapak_event_kind_to_string (e->kind));
          json_int (b, "commission_bp", e->commission_bp);
          json_int (b, "booth_fee", e->booth_fee);
          json_string_or_null (b, "qris", e->qris);
          json_builder_set_member_name (b, "active");
          json_builder_add_boolean_value (b, e->active);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      print_json (b);
      return EXIT_OK;
    }

  if (events->len == 0)
    g_print (_("No events yet. Create one with “lapakctl event create”.\n"));
  for (guint i = 0; i < events->len; i++)
    {
      LapakEvent *e = g_ptr_array_index (events, i);
      g_autofree char *fee = money (e->booth_fee);
      g_autofree char *pct = lapak_percent_format (e->commission_bp, LAPAK_MONEY_STYLE_DEFAULT);

      g_print ("%s %-16s %-14s %7s %14s  %s\n", e->active ? "*" : " ", e->code,
               lapak_event_kind_to_string (e->kind), pct, fee, e->name);
    }
  return EXIT_OK;
}

static const GOptionEntry terms_entries[] = {
  { "commission", 0, 0, G_OPTION_ARG_STRING, &opt_commission, N_("Commission, e.g. 15 or 12,5% (default: the event's)"), N_("PCT") },
  { "booth-fee", 0, 0, G_OPTION_ARG_STRING, &opt_booth_fee, N_("Booth fee (default: the event's)"), N_("AMOUNT") },
  { NULL }
};

static int
cmd_event_join (const Command  *cmd,
                char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  int bp;
  gint64 fee;
  int rc;

  if (!parse_terms (&bp, &fee, &error))
    return fail (g_steal_pointer (&error));
  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (!lapak_event_join (db, actor, (const char * const *)args, bp, fee, &error))
    return fail (g_steal_pointer (&error));

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "joined");
      json_builder_begin_array (b);
      for (guint i = 0; args[i]; i++)
        json_builder_add_string_value (b, args[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Joined %u tenant to the active event.\n",
                          "Joined %u tenants to the active event.\n", g_strv_length (args)),
             g_strv_length (args));
  return EXIT_OK;
}

/* ---------- tenants ---------- */

static const GOptionEntry tenant_add_entries[] = {
  { "name", 0, 0, G_OPTION_ARG_STRING, &opt_name, N_("The tenant's business name"), N_("NAME") },
  { "commission", 0, 0, G_OPTION_ARG_STRING, &opt_commission, N_("Commission (default: the event's)"), N_("PCT") },
  { "booth-fee", 0, 0, G_OPTION_ARG_STRING, &opt_booth_fee, N_("Booth fee (default: the event's)"), N_("AMOUNT") },
  { "phone", 0, 0, G_OPTION_ARG_STRING, &opt_phone, N_("Phone number"), N_("PHONE") },
  { "bank", 0, 0, G_OPTION_ARG_STRING, &opt_bank, N_("Bank and account number for payouts"), N_("ACCOUNT") },
  { NULL }
};

static int
cmd_tenant_add (const Command  *cmd,
                char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  LapakTenantSpec spec = { 0 };
  int rc;

  if (opt_name == NULL)
    return usage_error (cmd, _("tenant add needs --name NAME."));
  if (!parse_terms (&spec.commission_bp, &spec.booth_fee, &error))
    return fail (g_steal_pointer (&error));
  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;

  spec.code = args[0];
  spec.name = opt_name;
  spec.phone = opt_phone;
  spec.bank_account = opt_bank;
  if (!lapak_tenant_add (db, actor, &spec, &error))
    return fail (g_steal_pointer (&error));

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "code", spec.code);
      json_string_or_null (b, "name", spec.name);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print (_("Registered tenant %s (%s).\n"), spec.code, spec.name);
  return EXIT_OK;
}

static int
print_import_result (const char *what,
                     guint       count)
{
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_int (b, "imported", count);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print ("%s\n", what);
  return EXIT_OK;
}

static int
cmd_tenant_import (const Command  *cmd,
                   char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autofree char *message = NULL;
  guint count = 0;
  int rc;

  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (opt_dry_run)
    {
      g_autoptr(LapakImportPreview) preview = lapak_import_preview_tenants (db, actor, args[0], &error);

      return preview != NULL ? print_preview (preview) : fail (g_steal_pointer (&error));
    }
  if (!lapak_import_tenants (db, actor, args[0], &count, &error))
    return fail (g_steal_pointer (&error));
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u tenant.",
                                          "Imported %u tenants.", count), count);
  return print_import_result (message, count);
}

static int
cmd_tenant_list (const Command  *cmd,
                 char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(GPtrArray) tenants = NULL;

  if (!(db = open_database (&error)) || !(tenants = lapak_tenant_list (db, &error)))
    return fail (g_steal_pointer (&error));

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < tenants->len; i++)
        {
          LapakTenant *t = g_ptr_array_index (tenants, i);

          json_builder_begin_object (b);
          json_string_or_null (b, "code", t->code);
          json_string_or_null (b, "name", t->name);
          json_builder_set_member_name (b, "commission_bp");
          if (t->joined)
            json_builder_add_int_value (b, t->commission_bp);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "booth_fee");
          if (t->joined)
            json_builder_add_int_value (b, t->booth_fee);
          else
            json_builder_add_null_value (b);
          json_string_or_null (b, "phone", t->phone);
          json_string_or_null (b, "bank_account", t->bank_account);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      print_json (b);
      return EXIT_OK;
    }

  if (tenants->len == 0)
    g_print (_("No tenants yet. Add them with “lapakctl tenant add” or “lapakctl tenant import”.\n"));
  for (guint i = 0; i < tenants->len; i++)
    {
      LapakTenant *t = g_ptr_array_index (tenants, i);

      if (t->joined)
        {
          g_autofree char *fee = money (t->booth_fee);
          g_autofree char *pct = lapak_percent_format (t->commission_bp, LAPAK_MONEY_STYLE_DEFAULT);

          g_print ("%-8s %7s %14s  %s\n", t->code, pct, fee, t->name);
        }
      else
        g_print ("%-8s %7s %14s  %s\n", t->code, "-", _("(not in event)"), t->name);
    }
  return EXIT_OK;
}

/* ---------- products ---------- */

static const GOptionEntry product_add_entries[] = {
  { "tenant", 0, 0, G_OPTION_ARG_STRING, &opt_tenant, N_("The tenant whose product it is"), N_("CODE") },
  { "name", 0, 0, G_OPTION_ARG_STRING, &opt_name, N_("The product's name"), N_("NAME") },
  { "price", 0, 0, G_OPTION_ARG_STRING, &opt_price, N_("Price, e.g. 15.000"), N_("AMOUNT") },
  { "sku", 0, 0, G_OPTION_ARG_STRING, &opt_sku, N_("The tenant's own article number"), N_("SKU") },
  { "stock", 0, 0, G_OPTION_ARG_STRING, &opt_stock, N_("Units brought in now"), N_("N") },
  { "barcode", 0, 0, G_OPTION_ARG_STRING, &opt_barcode, N_("An EAN/UPC barcode already on the product"), N_("EAN") },
  { NULL }
};

static gboolean
parse_units (const char  *text,
             gint64       min,
             gint64      *out_units,
             GError     **error)
{
  if (!g_ascii_string_to_signed (text, 10, min, 1000000, out_units, NULL))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a number of units: write a whole number from %d to 1000000."),
                   text, (int)min);
      return FALSE;
    }
  return TRUE;
}

static void
build_product (JsonBuilder        *b,
               const LapakProduct *p)
{
  json_builder_begin_object (b);
  json_string_or_null (b, "code", p->code);
  json_string_or_null (b, "tenant", p->tenant);
  json_string_or_null (b, "sku", p->sku);
  json_string_or_null (b, "name", p->name);
  json_int (b, "price", p->price);
  json_int (b, "stock", p->stock);
  json_string_or_null (b, "barcode", p->barcode);
  json_string_or_null (b, "status", lapak_product_status_to_string (p->status));
  json_builder_end_object (b);
}

static int
cmd_product_add (const Command  *cmd,
                 char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autofree char *code = NULL;
  LapakProductSpec spec = { 0 };
  int rc;

  if (opt_tenant == NULL || opt_name == NULL || opt_price == NULL)
    return usage_error (cmd, _("product add needs --tenant CODE, --name NAME and --price AMOUNT."));
  if (!lapak_money_parse (opt_price, &spec.price, &error))
    return fail (g_steal_pointer (&error));
  if (opt_stock != NULL && !parse_units (opt_stock, 0, &spec.stock, &error))
    return fail (g_steal_pointer (&error));

  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;

  spec.tenant = opt_tenant;
  spec.name = opt_name;
  spec.sku = opt_sku;
  spec.barcode = opt_barcode;
  if (!(code = lapak_product_add (db, actor, &spec, &error)))
    return fail (g_steal_pointer (&error));

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(GPtrArray) products = lapak_product_list (db, spec.tenant, &error);

      if (products == NULL)
        return fail (g_steal_pointer (&error));
      for (guint i = 0; i < products->len; i++)
        {
          LapakProduct *p = g_ptr_array_index (products, i);

          if (g_str_equal (p->code, code))
            build_product (b, p);
        }
      print_json (b);
    }
  else
    g_print ("%s\n", code);
  return EXIT_OK;
}

static int
cmd_product_import (const Command  *cmd,
                    char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autofree char *message = NULL;
  guint count = 0;
  int rc;

  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (opt_dry_run)
    {
      g_autoptr(LapakImportPreview) preview = lapak_import_preview_products (db, actor, args[0], &error);

      return preview != NULL ? print_preview (preview) : fail (g_steal_pointer (&error));
    }
  if (!lapak_import_products (db, actor, args[0], &count, &error))
    return fail (g_steal_pointer (&error));
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u product.",
                                          "Imported %u products.", count), count);
  return print_import_result (message, count);
}

static const GOptionEntry product_list_entries[] = {
  { "tenant", 0, 0, G_OPTION_ARG_STRING, &opt_tenant, N_("Only this tenant's products"), N_("CODE") },
  { "pending", 0, 0, G_OPTION_ARG_NONE, &opt_pending, N_("Only the products waiting for the organiser's approval"), NULL },
  { "pin", 0, 0, G_OPTION_ARG_STRING, &opt_pin, N_("The PIN of the --as user (or set LAPAK_PIN); a tenant sees only its own products"), N_("PIN") },
  { NULL }
};

static int
cmd_product_list (const Command  *cmd,
                  char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(LapakUser) actor = NULL;
  int status = opt_pending ? LAPAK_PRODUCT_PENDING : LAPAK_PRODUCT_ANY_STATUS;
  int rc;

  if ((rc = open_maybe_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (actor != NULL)
    products = lapak_product_list_for_user (db, actor, opt_tenant, status, &error);
  else if ((products = lapak_product_list (db, opt_tenant, &error)) != NULL && opt_pending)
    {
      /* Without --as: everyone's, as before; --pending filters the same way. */
      for (guint i = products->len; i > 0; i--)
        if (((LapakProduct *)g_ptr_array_index (products, i - 1))->status != LAPAK_PRODUCT_PENDING)
          g_ptr_array_remove_index (products, i - 1);
    }
  if (products == NULL)
    return fail (g_steal_pointer (&error));

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < products->len; i++)
        build_product (b, g_ptr_array_index (products, i));
      json_builder_end_array (b);
      print_json (b);
      return EXIT_OK;
    }

  if (products->len == 0)
    g_print (_("No products yet. Add them with “lapakctl product add” or “lapakctl product import”.\n"));
  for (guint i = 0; i < products->len; i++)
    {
      LapakProduct *p = g_ptr_array_index (products, i);
      g_autofree char *price = money (p->price);

      g_print ("%-14s %-8s %14s %6" G_GINT64_FORMAT "  %s%s\n", p->code, p->tenant, price,
               p->stock, p->name,
               p->status == LAPAK_PRODUCT_PENDING ? _(" (waiting for approval)") :
               p->status == LAPAK_PRODUCT_INACTIVE ? _(" (inactive)") : "");
    }
  return EXIT_OK;
}

static const GOptionEntry stock_entries[] = {
  { "units", 0, 0, G_OPTION_ARG_STRING, &opt_units, N_("Units brought in"), N_("N") },
  { NULL }
};

static int
cmd_stock_checkin (const Command  *cmd,
                   char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autofree char *code = lapak_product_code_normalize (args[0]);
  gint64 units;
  int rc;

  if (opt_units == NULL)
    return usage_error (cmd, _("stock checkin needs --units N."));
  if (!parse_units (opt_units, 1, &units, &error))
    return fail (g_steal_pointer (&error));
  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (!lapak_stock_check_in (db, actor, code, units, &error))
    return fail (g_steal_pointer (&error));
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "code", code);
      json_int (b, "units", units);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print (_("Checked in %" PRId64 " × %s.\n"), units, code);
  return EXIT_OK;
}

/* ---------- curation, tenant views and spreadsheets ---------- */

static const GOptionEntry product_set_entries[] = {
  { "price", 0, 0, G_OPTION_ARG_STRING, &opt_price, N_("The new price, e.g. 17.500 (past sales keep theirs)"), N_("AMOUNT") },
  { NULL }
};

static int
cmd_product_approve (const Command  *cmd,
                     char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  guint changed = 0;
  int rc;

  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (codes, lapak_product_code_normalize (args[i]));
  g_ptr_array_add (codes, NULL);

  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (!lapak_product_approve (db, actor, (const char * const *)codes->pdata, &changed, &error))
    return fail (g_steal_pointer (&error));
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_int (b, "approved", changed);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Approved %u product: it can be sold now.\n",
                          "Approved %u products: they can be sold now.\n", changed), changed);
  return EXIT_OK;
}

static int
cmd_product_deactivate (const Command  *cmd,
                        char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autofree char *code = lapak_product_code_normalize (args[0]);
  int rc;

  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (!lapak_product_deactivate (db, actor, code, &error))
    return fail (g_steal_pointer (&error));
  if (!opt_json)
    g_print (_("%s is no longer sold. “lapakctl product approve %s” sells it again.\n"), code, code);
  else
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "code", code);
      json_string_or_null (b, "status", lapak_product_status_to_string (LAPAK_PRODUCT_INACTIVE));
      json_builder_end_object (b);
      print_json (b);
    }
  return EXIT_OK;
}

static int
cmd_product_set (const Command  *cmd,
                 char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autoptr(LapakProduct) product = NULL;
  g_autofree char *code = lapak_product_code_normalize (args[0]);
  gint64 price;
  int rc;

  if (opt_price == NULL)
    return usage_error (cmd, _("product set needs --price AMOUNT."));
  if (!lapak_money_parse (opt_price, &price, &error))
    return fail (g_steal_pointer (&error));
  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (!lapak_product_set_price (db, actor, code, price, &error) ||
      !(product = lapak_product_get (db, code, &error)))
    return fail (g_steal_pointer (&error));
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      build_product (b, product);
      print_json (b);
    }
  else
    {
      g_autofree char *amount = money (product->price);

      g_print (_("%s (%s) now costs %s. Past sales keep the price they were sold at.\n"),
               product->code, product->name, amount);
    }
  return EXIT_OK;
}

/* Logs in when --as is given (a tenant then sees only its own records). */
static int
open_maybe_login (const Command  *cmd,
                  LapakDb       **out_db,
                  LapakUser     **out_user)
{
  g_autoptr(GError) error = NULL;

  if (opt_as != NULL)
    return open_and_login (cmd, out_db, out_user);
  *out_db = open_database (&error);
  if (*out_db == NULL)
    return fail (g_steal_pointer (&error));
  *out_user = NULL;
  return EXIT_OK;
}

static const GOptionEntry sales_entries[] = {
  { "tenant", 0, 0, G_OPTION_ARG_STRING, &opt_tenant, N_("Only this tenant's lines"), N_("CODE") },
  { "event", 0, 0, G_OPTION_ARG_STRING, &opt_event, N_("Only this event's sales (default: all)"), N_("CODE") },
  { NULL }
};

static int
cmd_sales (const Command  *cmd,
           char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  int rc;

  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (!(lines = lapak_sales_lines (db, actor, opt_tenant, opt_event, &error)))
    return fail (g_steal_pointer (&error));

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < lines->len; i++)
        {
          LapakSalesLine *l = g_ptr_array_index (lines, i);
          g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (l->at / G_USEC_PER_SEC);
          g_autofree char *time = g_date_time_format_iso8601 (at);

          json_builder_begin_object (b);
          json_string_or_null (b, "sale", l->sale);
          json_string_or_null (b, "time", time);
          json_string_or_null (b, "event", l->event);
          json_string_or_null (b, "cashier", l->cashier);
          json_int (b, "line", l->line);
          json_string_or_null (b, "code", l->product);
          json_string_or_null (b, "tenant", l->tenant);
          json_string_or_null (b, "name", l->name);
          json_int (b, "qty", l->qty);
          json_int (b, "list_price", l->list_price);
          json_int (b, "unit_price", l->unit_price);
          json_int (b, "unit_discount", l->unit_discount);
          json_int (b, "total", l->total);
          json_builder_set_member_name (b, "voided");
          json_builder_add_boolean_value (b, l->voided);
          json_int (b, "refunded_qty", l->refunded_qty);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      print_json (b);
      return EXIT_OK;
    }

  if (lines->len == 0)
    g_print ("%s\n", _("No sales yet."));
  for (guint i = 0; i < lines->len; i++)
    {
      LapakSalesLine *l = g_ptr_array_index (lines, i);
      g_autofree char *total = money (l->total);

      g_print ("%-10s %-14s %-8s %4" G_GINT64_FORMAT " %14s  %s%s\n", l->sale, l->product, l->tenant,
               l->qty, total, l->name, l->voided ? _(" (voided)") : "");
    }
  return EXIT_OK;
}

/* Writes @csv to @path, or to stdout without one. */
static int
write_csv (GString    *csv,
           const char *path,
           guint       n_rows)
{
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    {
      fwrite (csv->str, 1, csv->len, stdout);
      return fflush (stdout) == 0 ? EXIT_OK : EXIT_FAILED;
    }
  if (!g_file_set_contents (path, csv->str, csv->len, &error))
    {
      g_autoptr(GError) e = g_error_new (LAPAK_ERROR, LAPAK_ERROR_IO,
                                         _("Cannot write %s: %s. Nothing was exported."),
                                         path, error->message);
      return fail (g_steal_pointer (&e));
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Exported %u row to %s.\n", "Exported %u rows to %s.\n", n_rows),
              n_rows, path);
  return EXIT_OK;
}

static guint
csv_rows (GString *csv)
{
  guint n = 0;

  /* Fields with line breaks are quoted: count records, not lines. */
  {
    g_autoptr(LapakCsv) parsed = lapak_csv_parse (csv->str, csv->len, "export", NULL);

    if (parsed != NULL)
      n = lapak_csv_n_rows (parsed);
  }
  return n;
}

static const GOptionEntry export_entries[] = {
  { "excel", 0, 0, G_OPTION_ARG_NONE, &opt_excel, N_("For Excel in the Indonesian locale: “;” and a UTF-8 BOM"), NULL },
  { "tenant", 0, 0, G_OPTION_ARG_STRING, &opt_tenant, N_("Only this tenant's rows"), N_("CODE") },
  { "event", 0, 0, G_OPTION_ARG_STRING, &opt_event, N_("Only this event's sales (default: all)"), N_("CODE") },
  { NULL }
};

static int
cmd_export (const Command  *cmd,
            char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  LapakCsvStyle style = opt_excel ? LAPAK_CSV_STYLE_EXCEL : LAPAK_CSV_STYLE_PLAIN;
  gboolean ok;
  int rc;

  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (g_str_has_prefix (cmd->name, "tenant"))
    ok = lapak_export_tenants (db, actor, style, csv, &error);
  else if (g_str_has_prefix (cmd->name, "product"))
    ok = lapak_export_products (db, actor, opt_tenant, style, csv, &error);
  else
    ok = lapak_export_sales_lines (db, actor, opt_tenant, opt_event, style, csv, &error);
  if (!ok)
    return fail (g_steal_pointer (&error));
  return write_csv (csv, args[0], csv_rows (csv));
}

/* The preview of an import: every row, its status and reason. Exit 0 when
 * the import would succeed, else 1. */
static int
print_preview (const LapakImportPreview *p)
{
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "file", p->filename);
      json_int (b, "ok", p->n_ok);
      json_int (b, "errors", p->n_errors);
      json_builder_set_member_name (b, "rows");
      json_builder_begin_array (b);
      for (guint i = 0; i < p->rows->len; i++)
        {
          const LapakImportRow *r = g_ptr_array_index (p->rows, i);

          json_builder_begin_object (b);
          json_int (b, "line", r->line);
          json_string_or_null (b, "status", r->status == LAPAK_IMPORT_ROW_OK ? "ok" : "error");
          json_string_or_null (b, "code", r->code);
          json_string_or_null (b, "message", r->message);
          json_builder_set_member_name (b, "values");
          json_builder_begin_object (b);
          for (guint c = 0; p->columns[c] != NULL; c++)
            json_string_or_null (b, p->columns[c], r->values[c]);
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    for (guint i = 0; i < p->rows->len; i++)
      {
        const LapakImportRow *r = g_ptr_array_index (p->rows, i);
        g_autofree char *values = g_strjoinv (" | ", r->values);

        if (r->status == LAPAK_IMPORT_ROW_OK)
          g_print ("%s:%u: %s  %-14s %s\n", p->filename, r->line, _("ok"), r->code ? r->code : "", values);
        else
          g_print ("%s  %s\n", r->message, values);
      }

  if (p->n_errors > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "lapakctl: %u row of %s would be refused (see above). Nothing was saved.\n",
                               "lapakctl: %u rows of %s would be refused (see above). Nothing was saved.\n",
                               p->n_errors),
                  p->n_errors, p->filename);
      return EXIT_FAILED;
    }
  if (!opt_json)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "All %u row can be imported. Nothing was saved (--dry-run).\n",
                          "All %u rows can be imported. Nothing was saved (--dry-run).\n",
                          p->n_ok),
             p->n_ok);
  return EXIT_OK;
}

static const GOptionEntry import_entries[] = {
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, &opt_dry_run, N_("Check every row and show what would be imported; save nothing"), NULL },
  { "pin", 0, 0, G_OPTION_ARG_STRING, &opt_pin, N_("The PIN of the --as user (or set LAPAK_PIN)"), N_("PIN") },
  { NULL }
};

static const GOptionEntry stock_return_entries[] = {
  { "pin", 0, 0, G_OPTION_ARG_STRING, &opt_pin, N_("The PIN of the --as user (or set LAPAK_PIN)"), N_("PIN") },
  { NULL }
};

static int
cmd_stock_return (const Command  *cmd,
                  char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (LapakReturnItem));
  g_autofree char *tenant = g_ascii_strup (args[0], -1);
  g_autofree char *id = NULL;
  int rc;

  for (guint i = 1; args[i] != NULL; i++)
    {
      char *code = NULL;
      LapakReturnItem item = { NULL, 0 };

      if (!lapak_scan_parse (args[i], &code, &item.qty, &error))
        return usage_error (cmd, error->message);
      g_ptr_array_add (codes, code);
      item.code = code;
      g_array_append_val (items, item);
    }
  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (!(id = lapak_stock_return (db, actor, tenant, (const LapakReturnItem *) items->data, items->len, &error)))
    return fail (g_steal_pointer (&error));
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      int64_t units = 0;

      for (guint i = 0; i < items->len; i++)
        units += g_array_index (items, LapakReturnItem, i).qty;
      json_builder_begin_object (b);
      json_string_or_null (b, "return", id);
      json_string_or_null (b, "tenant", tenant);
      json_int (b, "units", units);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print (_("Stock return %s recorded for tenant %s.\n"), id, tenant);
  return EXIT_OK;
}

static const GOptionEntry stock_report_entries[] = {
  { "tenant", 0, 0, G_OPTION_ARG_STRING, &opt_tenant, N_("Only this tenant's products"), N_("CODE") },
  { "event", 0, 0, G_OPTION_ARG_STRING, &opt_event, N_("The event (default: the active one)"), N_("CODE") },
  { NULL }
};

static int
cmd_stock_report (const Command  *cmd,
                  char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *tenant = opt_tenant != NULL ? g_ascii_strup (opt_tenant, -1) : NULL;

  if (!(db = open_database (&error)) ||
      !(rows = lapak_stock_report (db, opt_event, tenant, &error)))
    return fail (g_steal_pointer (&error));
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          const LapakStockRow *r = g_ptr_array_index (rows, i);

          json_builder_begin_object (b);
          json_string_or_null (b, "tenant", r->tenant_code);
          json_string_or_null (b, "code", r->product_code);
          json_string_or_null (b, "name", r->name);
          json_int (b, "checked_in", r->checked_in);
          json_int (b, "sold", r->sold);
          json_int (b, "refunded", r->refunded);
          json_int (b, "returned", r->returned);
          json_int (b, "missing", r->missing);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      print_json (b);
      return EXIT_OK;
    }
  g_print ("%-8s %-12s %-24s %10s %8s %8s %8s %8s\n", _("Tenant"), _("Code"), _("Product"),
           _("Checked in"), _("Sold"), _("Refunded"), _("Returned"), _("Missing"));
  for (guint i = 0; i < rows->len; i++)
    {
      const LapakStockRow *r = g_ptr_array_index (rows, i);

      g_print ("%-8s %-12s %-24.24s %10" PRId64 " %8" PRId64 " %8" PRId64 " %8" PRId64 " %8" PRId64 "\n",
               r->tenant_code, r->product_code, r->name, r->checked_in, r->sold, r->refunded,
               r->returned, r->missing);
    }
  g_print (_("Missing = checked in − sold + refunded − returned: what should still be there and was not taken back.\n"));
  return EXIT_OK;
}

/* ---------- selling ---------- */

static const GOptionEntry approver_entries[] = {
  { "approver", 0, 0, G_OPTION_ARG_STRING, &opt_approver, N_("The supervisor approving it"), N_("NAME") },
  { "approver-pin", 0, 0, G_OPTION_ARG_STRING, &opt_approver_pin, N_("The approver's PIN (or set LAPAK_APPROVER_PIN)"), N_("PIN") },
  { "reason", 0, 0, G_OPTION_ARG_STRING, &opt_reason, N_("Why"), N_("TEXT") },
  { NULL }
};

static int
login_approver (const Command  *cmd,
                LapakDb        *db,
                LapakUser     **out_user)
{
  g_autoptr(GError) error = NULL;
  const char *pin = opt_approver_pin ? opt_approver_pin : g_getenv ("LAPAK_APPROVER_PIN");

  if (opt_approver == NULL || pin == NULL)
    return usage_error (cmd, _("this needs a supervisor's approval: --approver NAME and "
                               "--approver-pin PIN (or LAPAK_APPROVER_PIN)."));
  *out_user = lapak_auth_login (db, opt_approver, pin, &error);
  if (*out_user == NULL)
    return fail (g_steal_pointer (&error));
  return EXIT_OK;
}

static const GOptionEntry shift_open_entries[] = {
  { "float", 0, 0, G_OPTION_ARG_STRING, &opt_float, N_("Cash in the drawer at the start"), N_("AMOUNT") },
  { NULL }
};

static int
cmd_shift_open (const Command  *cmd,
                char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  gint64 amount;
  gint64 seq;
  int rc;

  if (opt_float == NULL)
    return usage_error (cmd, _("shift open needs --float AMOUNT (the cash in the drawer)."));
  if (!lapak_money_parse (opt_float, &amount, &error))
    return fail (g_steal_pointer (&error));
  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (!lapak_shift_open (db, actor, amount, &seq, &error))
    return fail (g_steal_pointer (&error));

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_int (b, "shift", seq);
      json_string_or_null (b, "cashier", lapak_user_get_name (actor));
      json_int (b, "float", amount);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    {
      g_autofree char *f = money (amount);

      g_print (_("Shift %" PRId64 " is open for %s with a float of %s.\n"),
               seq, lapak_user_get_name (actor), f);
    }
  return EXIT_OK;
}

static void
print_shift_report (const LapakShiftReport *r,
                    gboolean                closed)
{
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_int (b, "shift", r->seq);
      if (closed)
        json_int (b, "z", r->z_number);
      json_int (b, "expected_cash", r->expected_cash);
      if (closed)
        {
          json_int (b, "counted", r->counted);
          json_int (b, "difference", r->difference);
        }
      json_int (b, "sales", r->sales);
      json_int (b, "total", r->total);
      json_int (b, "voids", r->voids);
      json_int (b, "refunded", r->refunded);
      json_int (b, "float", r->float_amount);
      json_int (b, "cash_in", r->cash_in);
      json_int (b, "cash_out", r->cash_out);
      if (closed && r->forced != NULL)
        json_string_or_null (b, "forced", r->forced);
      json_builder_set_member_name (b, "payments");
      json_builder_begin_object (b);
      for (guint m = 0; m < LAPAK_PAY_N_METHODS; m++)
        json_int (b, lapak_pay_method_to_string ((LapakPayMethod)m), r->by_method[m]);
      json_builder_end_object (b);
      json_builder_end_object (b);
      print_json (b);
      return;
    }

  {
    g_autofree char *total = money (r->total);
    g_autofree char *expected = money (r->expected_cash);
    g_autofree char *fl = money (r->float_amount);

    if (closed)
      g_print (_("Z report %" PRId64 " — shift %" PRId64 " (%s)\n"), r->z_number, r->seq, r->cashier);
    else
      g_print (_("X report — shift %" PRId64 " (%s), still open\n"), r->seq, r->cashier);
    g_print (_("Sales: %" PRId64 ", total %s; voids: %" PRId64 "\n"), r->sales, total, r->voids);
    for (guint m = 0; m < LAPAK_PAY_N_METHODS; m++)
      {
        g_autofree char *amount = money (r->by_method[m]);

        g_print ("  %-14s %16s\n", lapak_pay_method_display ((LapakPayMethod)m), amount);
      }
    g_print (_("Float: %s. Expected cash in the drawer: %s\n"), fl, expected);
    if (closed)
      {
        g_autofree char *counted = money (r->counted);
        g_autofree char *diff = money (r->difference);

        g_print (_("Counted: %s. Difference: %s\n"), counted, diff);
        if (r->forced != NULL)
          g_print (_("Closed although some of this till's records were not at the hub: %s\n"), r->forced);
      }
  }
}

static const GOptionEntry shift_close_entries[] = {
  { "counted", 0, 0, G_OPTION_ARG_STRING, &opt_counted, N_("The cash counted in the drawer"), N_("AMOUNT") },
  { "force", 0, 0, G_OPTION_ARG_NONE, &opt_force, N_("Close although some of this till's records are not at the hub yet (needs --reason; an organiser: --as or --approver)"), NULL },
  { "reason", 0, 0, G_OPTION_ARG_STRING, &opt_reason, N_("Why the close is forced (kept in the shift and the journal)"), N_("TEXT") },
  { "approver", 0, 0, G_OPTION_ARG_STRING, &opt_approver, N_("The organiser forcing it, when --as is not one"), N_("NAME") },
  { "approver-pin", 0, 0, G_OPTION_ARG_STRING, &opt_approver_pin, N_("The approver's PIN (or set LAPAK_APPROVER_PIN)"), N_("PIN") },
  { NULL }
};

static int
cmd_shift_close (const Command  *cmd,
                 char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autoptr(LapakShiftReport) report = NULL;
  g_autoptr(LapakUser) approver = NULL;
  gint64 counted;
  int rc;

  if (opt_counted == NULL)
    return usage_error (cmd, _("shift close needs --counted AMOUNT: count the drawer first."));
  if (opt_force && opt_reason == NULL)
    return usage_error (cmd, _("--force goes with --reason TEXT."));
  if (!opt_force && (opt_reason != NULL || opt_approver != NULL))
    return usage_error (cmd, _("--reason and --approver go with --force."));
  if (!lapak_money_parse (opt_counted, &counted, &error))
    return fail (g_steal_pointer (&error));
  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (opt_approver != NULL && (rc = login_approver (cmd, db, &approver)) != EXIT_OK)
    return rc;
  if (!(report = lapak_shift_close_forced (db, actor, counted, opt_force ? (approver ? approver : actor) : NULL,
                                           opt_force ? opt_reason : NULL, &error)))
    return fail (g_steal_pointer (&error));
  print_shift_report (report, TRUE);
  return EXIT_OK;
}

static int
cmd_shift_report (const Command  *cmd,
                  char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autoptr(LapakShiftReport) report = NULL;
  int rc;

  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (!(report = lapak_shift_x_report (db, actor, &error)))
    return fail (g_steal_pointer (&error));
  print_shift_report (report, FALSE);
  return EXIT_OK;
}

static const GOptionEntry cash_entries[] = {
  { "amount", 0, 0, G_OPTION_ARG_STRING, &opt_amount, N_("How much"), N_("AMOUNT") },
  { "reason", 0, 0, G_OPTION_ARG_STRING, &opt_reason, N_("Why"), N_("TEXT") },
  { "approver", 0, 0, G_OPTION_ARG_STRING, &opt_approver, N_("The supervisor approving it (no-sale)"), N_("NAME") },
  { "approver-pin", 0, 0, G_OPTION_ARG_STRING, &opt_approver_pin, N_("The approver's PIN (or set LAPAK_APPROVER_PIN)"), N_("PIN") },
  { NULL }
};

static int
cmd_cash (const Command  *cmd,
          char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autoptr(LapakUser) approver = NULL;
  gboolean no_sale = g_str_equal (cmd->name, "no-sale");
  const char *kind = no_sale ? "no_sale" : g_str_equal (cmd->name, "cash in") ? "in" : "out";
  gint64 amount = 0;
  int rc;

  if (opt_reason == NULL)
    return usage_error (cmd, _("this needs --reason TEXT."));
  if (!no_sale)
    {
      if (opt_amount == NULL)
        return usage_error (cmd, _("this needs --amount AMOUNT."));
      if (!lapak_money_parse (opt_amount, &amount, &error))
        return fail (g_steal_pointer (&error));
    }
  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (no_sale && (rc = login_approver (cmd, db, &approver)) != EXIT_OK)
    return rc;
  if (!lapak_cash_move (db, actor, approver, kind, amount, opt_reason, &error))
    return fail (g_steal_pointer (&error));
  if (!opt_json)
    g_print (_("Recorded.\n"));
  else
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "kind", kind);
      json_int (b, "amount", amount);
      json_builder_end_object (b);
      print_json (b);
    }
  return EXIT_OK;
}

/* Builds a cart from the words of one sale: ITEM… and the payments. */
static LapakCart *
build_cart (LapakDb     *db,
            char       **items,
            GPtrArray   *payments,
            GError     **error)
{
  g_autoptr(LapakCart) cart = NULL;

  if (!(cart = lapak_cart_new (db, error)))
    return NULL;

  if (items == NULL || items[0] == NULL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID, _("No items: name at least one label code."));
      return NULL;
    }
  for (guint i = 0; items[i] != NULL; i++)
    if (!lapak_cart_scan (cart, items[i], error))
      return NULL;

  if (payments == NULL || payments->len == 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID, _("No payment: add --pay, e.g. --pay cash:50.000."));
      return NULL;
    }
  for (guint i = 0; i < payments->len; i++)
    {
      LapakPayMethod method;
      gint64 amount;

      if (!lapak_payment_parse (g_ptr_array_index (payments, i), &method, &amount, error) ||
          !lapak_cart_add_payment (cart, method, amount, NULL, error))
        return NULL;
    }

  if (!lapak_cart_check (cart, error))
    return NULL;
  return g_steal_pointer (&cart);
}

static void
build_sale_json (JsonBuilder     *b,
                 const LapakSale *sale)
{
  json_builder_begin_object (b);
  json_string_or_null (b, "sale", sale->id);
  json_int (b, "total", sale->total);
  json_int (b, "paid", sale->paid);
  json_int (b, "change", sale->change);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < sale->lines->len; i++)
    {
      const LapakCartLine *l = g_ptr_array_index (sale->lines, i);

      json_builder_begin_object (b);
      json_string_or_null (b, "code", l->code);
      json_string_or_null (b, "tenant", l->tenant);
      json_int (b, "qty", l->qty);
      json_int (b, "unit_price", l->unit_price - l->unit_discount);
      json_int (b, "total", l->qty * (l->unit_price - l->unit_discount));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "payments");
  json_builder_begin_array (b);
  for (guint i = 0; i < sale->payments->len; i++)
    {
      const LapakPayment *p = &g_array_index (sale->payments, LapakPayment, i);

      json_builder_begin_object (b);
      json_string_or_null (b, "method", lapak_pay_method_to_string (p->method));
      json_int (b, "amount", p->amount);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_string_or_null (b, "hash", sale->hash);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < sale->warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (sale->warnings, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
print_sale_text (const LapakSale *sale)
{
  g_autofree char *total = money (sale->total);
  g_autofree char *change = money (sale->change);

  g_print (_("Paid: sale %s, total %s, change %s\n"), sale->id, total, change);
  for (guint i = 0; i < sale->warnings->len; i++)
    g_printerr (_("Warning: %s\n"), (char *)g_ptr_array_index (sale->warnings, i));
}

/* Splits one line of a --from file into items and payments. */
static gboolean
split_sale_words (char       **words,
                  GPtrArray   *items,
                  GPtrArray   *payments,
                  GError     **error)
{
  gboolean in_pay = FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_str_equal (words[i], "--pay"))
        in_pay = TRUE;
      else if (g_str_has_prefix (words[i], "--"))
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("unknown option “%s”: a line holds ITEM… --pay PAYMENT…"), words[i]);
          return FALSE;
        }
      else
        g_ptr_array_add (in_pay ? payments : items, words[i]);
    }
  g_ptr_array_add (items, NULL);
  return TRUE;
}

static int
sell_from_file (const Command *cmd,
                LapakDb       *db,
                LapakUser     *actor)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) carts = g_ptr_array_new_with_free_func ((GDestroyNotify)lapak_cart_free);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gint64 shift;

  if (!g_file_get_contents (opt_from, &contents, NULL, &error))
    {
      g_printerr ("lapakctl: %s\n", error->message);
      return EXIT_FAILED;
    }
  if (!g_utf8_validate (contents, -1, NULL))
    {
      g_printerr (_("lapakctl: %s is not UTF-8 text.\n"), opt_from);
      return EXIT_FAILED;
    }

  /* First the whole file is checked; nothing is sold if any line is bad. */
  lines = g_strsplit (contents, "\n", -1);
  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_autoptr(GError) line_error = NULL;
      g_auto(GStrv) words = NULL;
      g_autoptr(GPtrArray) items = g_ptr_array_new ();
      g_autoptr(GPtrArray) payments = g_ptr_array_new ();
      char *text = g_strstrip (lines[n]);
      LapakCart *cart;

      if (*text == '\0' || *text == '#')
        continue;
      if (!g_shell_parse_argv (text, NULL, &words, &line_error) ||
          !split_sale_words (words, items, payments, &line_error) ||
          !(cart = build_cart (db, (char **)items->pdata, payments, &line_error)))
        {
          g_string_append_printf (problems, "%s:%u: %s\n", opt_from, n + 1, line_error->message);
          continue;
        }
      g_ptr_array_add (carts, cart);
    }

  if (problems->len > 0)
    {
      g_printerr ("%s", problems->str);
      g_printerr (_("lapakctl: nothing was sold: correct the lines above and run again.\n"));
      return EXIT_FAILED;
    }
  if (carts->len == 0)
    {
      g_printerr (_("lapakctl: %s holds no sale: write one sale per line, ITEM… --pay PAYMENT….\n"), opt_from);
      return EXIT_FAILED;
    }
  if (!lapak_shift_current (db, &shift, &error))
    return fail (g_steal_pointer (&error));
  if (shift == 0)
    {
      g_printerr (_("lapakctl: no shift is open on this till; nothing was sold. Open one first.\n"));
      return EXIT_FAILED;
    }

  /* Then each sale commits on its own. */
  json_builder_begin_array (b);
  for (guint i = 0; i < carts->len; i++)
    {
      g_autoptr(LapakSale) sale = lapak_sale_commit (db, actor, g_ptr_array_index (carts, i), &error);

      if (sale == NULL)
        {
          g_printerr (_("lapakctl: sale %u of %u failed; the %u before it are recorded. %s\n"),
                      i + 1, carts->len, i, error->message);
          return EXIT_FAILED;
        }
      if (opt_json)
        build_sale_json (b, sale);
      else
        print_sale_text (sale);
    }
  json_builder_end_array (b);
  if (opt_json)
    print_json (b);
  return EXIT_OK;
}

static const GOptionEntry sell_entries[] = {
  { "from", 0, 0, G_OPTION_ARG_FILENAME, &opt_from, N_("One sale per line: ITEM… --pay PAYMENT…"), N_("FILE") },
  { NULL }
};

static int
cmd_sell (const Command  *cmd,
          char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autoptr(LapakCart) cart = NULL;
  g_autoptr(LapakSale) sale = NULL;
  int rc;

  if (opt_from == NULL && (args[0] == NULL || opt_payments->len == 0))
    return usage_error (cmd, _("sell needs ITEM… and --pay PAYMENT…, or --from FILE."));
  if (opt_from != NULL && (args[0] != NULL || opt_payments->len > 0))
    return usage_error (cmd, _("give either --from FILE or ITEM… --pay PAYMENT…, not both."));
  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (!lapak_auth_require (actor, LAPAK_CAP_SELL, &error))
    return fail (g_steal_pointer (&error));

  if (opt_from != NULL)
    return sell_from_file (cmd, db, actor);

  if (!(cart = build_cart (db, args, opt_payments, &error)) ||
      !(sale = lapak_sale_commit (db, actor, cart, &error)))
    return fail (g_steal_pointer (&error));

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      build_sale_json (b, sale);
      print_json (b);
    }
  else
    print_sale_text (sale);
  return EXIT_OK;
}

static int
cmd_void (const Command  *cmd,
          char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autoptr(LapakUser) approver = NULL;
  g_autofree char *sale_id = lapak_product_code_normalize (args[0]);
  g_autofree char *void_id = NULL;
  int rc;

  if (opt_reason == NULL)
    return usage_error (cmd, _("void needs --reason TEXT."));
  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK ||
      (rc = login_approver (cmd, db, &approver)) != EXIT_OK)
    return rc;
  if (!lapak_sale_void_full (db, actor, approver, sale_id, opt_reason, &void_id, &error))
    return fail (g_steal_pointer (&error));
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "void", void_id);
      json_string_or_null (b, "sale", sale_id);
      json_string_or_null (b, "voided", sale_id);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print (_("Sale %s is void (%s).\n"), sale_id, void_id);
  return EXIT_OK;
}

static int
cmd_refund (const Command  *cmd,
            char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autoptr(LapakUser) approver = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (LapakRefundItem));
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sale_id = lapak_product_code_normalize (args[0]);
  g_autofree char *refund_id = NULL;
  LapakPayMethod method;
  gint64 amount;
  int rc;

  if (opt_reason == NULL || opt_payments->len != 1)
    return usage_error (cmd, _("refund needs SALE ITEM…, --reason TEXT and --pay METHOD."));
  if (!lapak_pay_method_from_string (g_ptr_array_index (opt_payments, 0), &method, &error))
    return fail (g_steal_pointer (&error));
  for (guint i = 1; args[i] != NULL; i++)
    {
      LapakRefundItem item;
      char *code;

      if (!lapak_scan_parse (args[i], &code, &item.qty, &error))
        return fail (g_steal_pointer (&error));
      g_ptr_array_add (codes, code);
      item.code = code;
      g_array_append_val (items, item);
    }

  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK ||
      (rc = login_approver (cmd, db, &approver)) != EXIT_OK)
    return rc;
  if (!lapak_sale_refund_full (db, actor, approver, sale_id, (LapakRefundItem *)items->data, items->len,
                               method, opt_reason, &refund_id, &amount, &error))
    return fail (g_steal_pointer (&error));

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "refund", refund_id);
      json_string_or_null (b, "sale", sale_id);
      json_int (b, "amount", amount);
      json_string_or_null (b, "method", lapak_pay_method_to_string (method));
      json_builder_end_object (b);
      print_json (b);
    }
  else
    {
      g_autofree char *text = money (amount);

      g_print (_("Refund %s: %s by %s for sale %s.\n"), refund_id, text,
               lapak_pay_method_display (method), sale_id);
    }
  return EXIT_OK;
}

static const GOptionEntry receipt_entries[] = {
  { "format", 0, 0, G_OPTION_ARG_STRING, &opt_format, N_("text (default), escpos (raw bytes for a thermal printer) or pdf"), N_("FORMAT") },
  { "width", 0, 0, G_OPTION_ARG_STRING, &opt_width, N_("Paper width: 58 (default, 32 characters) or 80 mm (48 characters)"), N_("MM") },
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out, N_("Write to this file instead of the screen"), N_("FILE") },
  { "printer", 0, 0, G_OPTION_ARG_STRING, &opt_printer, N_("Print on this CUPS queue (escpos goes raw, pdf through its driver)"), N_("QUEUE") },
  { "print", 0, 0, G_OPTION_ARG_NONE, &opt_print, N_("Print on this till's receipt printer (see “printers set”)"), NULL },
  { "reprint", 0, 0, G_OPTION_ARG_NONE, &opt_reprint, N_("Mark the receipt as a reprint"), NULL },
  { "open-drawer", 0, 0, G_OPTION_ARG_NONE, &opt_drawer, N_("Open the cash drawer before printing (escpos)"), NULL },
  { "wait", 0, 0, G_OPTION_ARG_INT, &opt_wait, N_("Seconds to follow the print job (default 30)"), N_("SECONDS") },
  { NULL }
};

/* Prints @data on --printer and says what became of the job; what a
 * failure means for the sale or labels is in @kept. */
static int
print_on_queue (const char *title,
                const char *format,
                const char *media,
                GBytes     *data,
                const char *kept)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakPrintResult) result = NULL;

  result = lapak_print_submit (opt_printer, title, format, media, data, (guint)MAX (opt_wait, 0) * 1000, &error);
  if (result == NULL)
    {
      g_printerr ("lapakctl: %s\n", error->message);
      if (kept != NULL)
        g_printerr ("%s\n", kept);
      return EXIT_FAILED;
    }
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "printer", opt_printer);
      json_int (b, "job", result->job_id);
      json_string_or_null (b, "state", result->outcome == LAPAK_JOB_PRINTED ? "printed" : "queued");
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print ("%s\n", result->message);
  return EXIT_OK;
}

static int
cmd_receipt (const Command  *cmd,
             char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakReceipt) receipt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *format = opt_format != NULL ? opt_format : "text";
  LapakPaperWidth width = LAPAK_PAPER_58MM;

  if (!g_str_equal (format, "text") && !g_str_equal (format, "escpos") && !g_str_equal (format, "pdf"))
    return usage_error (cmd, _("--format is text, escpos or pdf."));
  if (opt_width != NULL && !lapak_paper_width_parse (opt_width, &width, &error))
    return usage_error (cmd, error->message);
  if (opt_out != NULL && opt_printer != NULL)
    return usage_error (cmd, _("give either --out FILE or --printer QUEUE, not both."));
  if (opt_printer != NULL && g_str_equal (format, "text"))
    return usage_error (cmd, _("--printer needs --format escpos (a thermal printer on a raw queue) or pdf."));
  if (opt_print && (opt_out != NULL || opt_printer != NULL || opt_format != NULL || opt_width != NULL || opt_drawer))
    return usage_error (cmd, _("--print takes queue, format, width and drawer from the till's settings; give it alone."));
  if (!(db = open_database (&error)) || !(receipt = lapak_receipt_load (db, args[0], &error)))
    return fail (g_steal_pointer (&error));
  receipt->reprint = opt_reprint;
  if (opt_print)
    {
      g_autoptr(LapakPrintSettings) settings = lapak_print_settings_load (db, &error);
      g_autofree char *kept = NULL;
      const char *print_format = NULL;

      if (settings == NULL)
        return fail (g_steal_pointer (&error));
      if (settings->receipt_queue == NULL)
        {
          g_set_error_literal (&error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                               _("This till has no receipt printer. Set one with “lapakctl printers set --receipt QUEUE --as NAME” "
                                 "(a supervisor or organiser), or give --printer QUEUE."));
          return fail (g_steal_pointer (&error));
        }
      /* Exactly what the kiosk prints on this till (lapak-print-settings.c). */
      if (!(bytes = lapak_print_settings_receipt (settings, receipt, &print_format, &error)))
        return fail (g_steal_pointer (&error));
      kept = g_strdup_printf (_("The sale %s is saved. Print its receipt again with "
                                "“lapakctl receipt %s --print --reprint”."),
                              receipt->sale_id, receipt->sale_id);
      opt_printer = g_strdup (settings->receipt_queue);
      return print_on_queue (receipt->sale_id, print_format, NULL, bytes, kept);
    }

  if (g_str_equal (format, "text"))
    {
      char *text = lapak_receipt_format_text (receipt, lapak_paper_columns (width));

      bytes = g_bytes_new_take (text, strlen (text));
    }
  else if (g_str_equal (format, "escpos"))
    {
      LapakEscposOptions options = { .width = width, .open_drawer = opt_drawer };

      bytes = lapak_escpos_receipt (receipt, &options);
    }
  else if (!(bytes = lapak_receipt_pdf (receipt, width, &error)))
    return fail (g_steal_pointer (&error));

  if (opt_printer != NULL)
    {
      g_autofree char *kept = g_strdup_printf (_("The sale %s is saved. Print its receipt again with "
                                                 "“lapakctl receipt %s --format %s --printer QUEUE --reprint”."),
                                               receipt->sale_id, receipt->sale_id, format);

      return print_on_queue (receipt->sale_id, g_str_equal (format, "pdf") ? LAPAK_FORMAT_PDF : LAPAK_FORMAT_RAW,
                             NULL, bytes, kept);
    }
  if (opt_out != NULL)
    {
      if (!g_file_set_contents (opt_out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
        return fail (g_steal_pointer (&error));
    }
  else if (g_str_equal (format, "text"))
    g_print ("%s", (const char *)g_bytes_get_data (bytes, NULL));
  else
    {
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);

      if (isatty (1))
        return usage_error (cmd, _("this format is binary: give --out FILE or --printer QUEUE (or redirect the output)."));
      fwrite (data, 1, len, stdout);
      fflush (stdout);
    }
  return EXIT_OK;
}

/* ---------- labels and printers ---------- */

static const GOptionEntry labels_entries[] = {
  { "tenant", 0, 0, G_OPTION_ARG_STRING, &opt_tenant, N_("Only this tenant's products"), N_("CODE") },
  { "product", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_products, N_("Only this product (repeat, or list codes after it)"), N_("CODE") },
  { "copies", 0, 0, G_OPTION_ARG_INT, &opt_copies, N_("Labels per product (default 1)"), N_("N") },
  { "stock", 0, 0, G_OPTION_ARG_NONE, &opt_per_stock, N_("One label per unit in stock"), NULL },
  { "layout", 0, 0, G_OPTION_ARG_STRING, &opt_layout, N_("The label layout (see --list-layouts)"), N_("NAME") },
  { "start", 0, 0, G_OPTION_ARG_INT, &opt_start, N_("First free position on the first sheet (from 1)"), N_("N") },
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out, N_("Write the labels to this PDF file"), N_("FILE.pdf") },
  { "printer", 0, 0, G_OPTION_ARG_STRING, &opt_printer, N_("Print on this CUPS queue"), N_("QUEUE") },
  { "list-layouts", 0, 0, G_OPTION_ARG_NONE, &opt_list_layouts, N_("List the label layouts and exit"), NULL },
  { "wait", 0, 0, G_OPTION_ARG_INT, &opt_wait, N_("Seconds to follow the print job (default 30)"), N_("SECONDS") },
  { NULL }
};

static int
list_layouts (void)
{
  guint n;
  const LapakLabelLayout *layouts = lapak_label_layouts (&n);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          json_builder_begin_object (b);
          json_string_or_null (b, "name", layouts[i].name);
          json_string_or_null (b, "description", _(layouts[i].description));
          json_int (b, "per_page", lapak_label_layout_per_page (&layouts[i]));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      print_json (b);
    }
  else
    for (guint i = 0; i < n; i++)
      g_print ("%-12s %s\n", layouts[i].name, _(layouts[i].description));
  return EXIT_OK;
}

static int
cmd_labels (const Command  *cmd,
            char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GBytes) pdf = NULL;
  const LapakLabelLayout *layout;

  if (opt_list_layouts)
    return list_layouts ();
  if (opt_layout == NULL)
    return usage_error (cmd, _("labels needs --layout NAME (see --list-layouts)."));
  if ((opt_out == NULL) == (opt_printer == NULL))
    return usage_error (cmd, _("give either --out FILE.pdf or --printer QUEUE."));
  if (opt_copies != 0 && opt_per_stock)
    return usage_error (cmd, _("give either --copies N or --stock, not both."));
  if (!(layout = lapak_label_layout_find (opt_layout, &error)))
    return usage_error (cmd, error->message);

  for (guint i = 0; opt_products != NULL && opt_products[i] != NULL; i++)
    g_ptr_array_add (codes, opt_products[i]);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (codes, args[i]);
  g_ptr_array_add (codes, NULL);

  if (!(db = open_database (&error)) ||
      !(products = lapak_product_list (db, opt_tenant, &error)) ||
      !(labels = lapak_labels_for_products (products, (const char * const *)codes->pdata,
                                            opt_copies != 0 ? (guint)MAX (opt_copies, 0) : 1,
                                            opt_per_stock, &error)) ||
      !(pdf = lapak_labels_pdf (labels, layout, (guint)MAX (opt_start, 0), &error)))
    return fail (g_steal_pointer (&error));

  if (opt_printer != NULL)
    {
      g_autofree char *media = lapak_label_layout_media (layout);

      return print_on_queue (_("Labels"), LAPAK_FORMAT_PDF, media, pdf, NULL);
    }
  if (!g_file_set_contents (opt_out, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error))
    return fail (g_steal_pointer (&error));
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_int (b, "labels", labels->len);
      json_string_or_null (b, "out", opt_out);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u label written to %s.\n", "%u labels written to %s.\n", labels->len),
             labels->len, opt_out);
  return EXIT_OK;
}

static const GOptionEntry printers_test_entries[] = {
  { "wait", 0, 0, G_OPTION_ARG_INT, &opt_wait, N_("Seconds to follow the print job (default 30)"), N_("SECONDS") },
  { NULL }
};

static int
cmd_printers_test (const Command  *cmd,
                   char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakPrintSettings) settings = NULL;
  g_autoptr(LapakTestPage) page = NULL;

  if (!(db = open_database (&error)) ||
      !(settings = lapak_print_settings_load (db, &error)) ||
      !(page = lapak_test_page_for_queue (settings, args[0], lapak_db_get_till_id (db), &error)))
    return fail (g_steal_pointer (&error));

  opt_printer = args[0];
  if (!opt_json)
    g_print (_("Printing %s on %s.\n"), page->description, args[0]);
  return print_on_queue (_("Test page"), page->format, page->media, page->data, NULL);
}

static const GOptionEntry printers_set_entries[] = {
  { "receipt", 0, 0, G_OPTION_ARG_STRING, &opt_receipt_queue, N_("The receipt printer's CUPS queue, or “none”"), N_("QUEUE") },
  { "receipt-format", 0, 0, G_OPTION_ARG_STRING, &opt_receipt_format, N_("escpos (thermal printer, raw queue) or pdf (driver)"), N_("FORMAT") },
  { "width", 0, 0, G_OPTION_ARG_STRING, &opt_width, N_("Receipt paper width: 58 or 80 mm"), N_("MM") },
  { "open-drawer", 0, 0, G_OPTION_ARG_STRING, &opt_drawer_setting, N_("Open the cash drawer with cash receipts: yes or no"), N_("YES|NO") },
  { "labels", 0, 0, G_OPTION_ARG_STRING, &opt_label_queue, N_("The label printer's CUPS queue, or “none”"), N_("QUEUE") },
  { "layout", 0, 0, G_OPTION_ARG_STRING, &opt_layout, N_("The label layout (see labels --list-layouts)"), N_("NAME") },
  { "documents", 0, 0, G_OPTION_ARG_STRING, &opt_documents_queue,
    N_("The A4 documents printer's CUPS queue (settlement statements), or “none”"), N_("QUEUE") },
  { NULL }
};

static int
cmd_printers_set (const Command  *cmd,
                  char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) user = NULL;
  g_autoptr(LapakPrintSettings) s = NULL;
  int rc;

  if (opt_drawer_setting != NULL && g_strcmp0 (opt_drawer_setting, "yes") != 0 && g_strcmp0 (opt_drawer_setting, "no") != 0)
    return usage_error (cmd, _("--open-drawer is yes or no."));
  if ((rc = open_and_login (cmd, &db, &user)) != EXIT_OK)
    return rc;
  if (!(s = lapak_print_settings_load (db, &error)))
    return fail (g_steal_pointer (&error));
  if (opt_receipt_queue != NULL)
    {
      g_free (s->receipt_queue);
      s->receipt_queue = g_str_equal (opt_receipt_queue, "none") ? NULL : g_strdup (opt_receipt_queue);
    }
  if (opt_label_queue != NULL)
    {
      g_free (s->label_queue);
      s->label_queue = g_str_equal (opt_label_queue, "none") ? NULL : g_strdup (opt_label_queue);
    }
  if (opt_documents_queue != NULL)
    {
      g_free (s->documents_queue);
      s->documents_queue = g_str_equal (opt_documents_queue, "none") ? NULL : g_strdup (opt_documents_queue);
    }
  if (opt_receipt_format != NULL && !lapak_receipt_format_from_string (opt_receipt_format, &s->receipt_format, &error))
    return usage_error (cmd, error->message);
  if (opt_width != NULL && !lapak_paper_width_parse (opt_width, &s->receipt_width, &error))
    return usage_error (cmd, error->message);
  if (opt_drawer_setting != NULL)
    s->open_drawer = g_str_equal (opt_drawer_setting, "yes");
  if (opt_layout != NULL)
    {
      g_free (s->label_layout);
      s->label_layout = g_strdup (opt_layout);
    }
  if (!lapak_print_settings_save (db, user, s, &error))
    return fail (g_steal_pointer (&error));
  g_print ("%s\n", _("Printer settings saved for this till."));
  return EXIT_OK;
}

static int
cmd_printers (const Command  *cmd,
              char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) printers = lapak_printer_list (&error);

  if (printers == NULL)
    return fail (g_steal_pointer (&error));
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < printers->len; i++)
        {
          const LapakPrinter *p = g_ptr_array_index (printers, i);

          json_builder_begin_object (b);
          json_string_or_null (b, "name", p->name);
          json_string_or_null (b, "state", p->state == LAPAK_PRINTER_STOPPED ? "stopped"
                                           : p->state == LAPAK_PRINTER_PROCESSING ? "processing" : "idle");
          json_builder_set_member_name (b, "accepting");
          json_builder_add_boolean_value (b, p->accepting);
          json_builder_set_member_name (b, "default");
          json_builder_add_boolean_value (b, p->is_default);
          json_string_or_null (b, "device_uri", p->device_uri);
          json_string_or_null (b, "message", p->state_message);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      print_json (b);
      return EXIT_OK;
    }
  if (printers->len == 0)
    g_print ("%s\n", _("No printer queues. Add one in CUPS (http://localhost:631 or lpadmin)."));
  {
    /* and what this till uses, when there is a till here */
    g_autoptr(LapakDb) db = open_database (NULL);
    g_autoptr(LapakPrintSettings) s = db != NULL ? lapak_print_settings_load (db, NULL) : NULL;

    if (s != NULL)
      {
        g_autofree char *receipts = s->receipt_queue == NULL ? g_strdup (_("none"))
          : g_strdup_printf ("%s (%s, %d mm%s)", s->receipt_queue, lapak_receipt_format_to_string (s->receipt_format),
                             (int)s->receipt_width, s->open_drawer ? _(", opens the drawer") : "");
        g_autofree char *labels = s->label_queue == NULL ? g_strdup (_("none"))
          : g_strdup_printf ("%s (%s)", s->label_queue, s->label_layout);

        g_print (_("This till prints receipts on: %s\n"), receipts);
        g_print (_("This till prints labels on: %s\n"), labels);
        /* Translators: the A4 printer for settlement statements, or "none" */
        g_print (_("This till prints documents (A4) on: %s\n"), s->documents_queue ? s->documents_queue : _("none"));
      }
  }
  for (guint i = 0; i < printers->len; i++)
    {
      const LapakPrinter *p = g_ptr_array_index (printers, i);

      g_print ("%-20s %-9s %s%s%s%s\n", p->name, lapak_printer_state_to_string (p->state),
               p->accepting ? _("accepting jobs") : _("rejecting jobs"),
               p->is_default ? _(", default") : "",
               p->state_message && *p->state_message ? " — " : "",
               p->state_message ? p->state_message : "");
    }
  return EXIT_OK;
}

/* ---------- QRIS and the journal ---------- */

static const GOptionEntry qris_entries[] = {
  { "amount", 0, 0, G_OPTION_ARG_STRING, &opt_amount, N_("The exact amount to pay"), N_("AMOUNT") },
  { "static", 0, 0, G_OPTION_ARG_STRING, &opt_static, N_("The static QRIS (default: the active event's)"), N_("PAYLOAD") },
  { NULL }
};

static int
cmd_qris_dynamic (const Command  *cmd,
                  char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *stat = g_strdup (opt_static);
  gint64 amount;

  if (opt_amount == NULL)
    return usage_error (cmd, _("qris dynamic needs --amount AMOUNT."));
  if (!lapak_money_parse (opt_amount, &amount, &error))
    return fail (g_steal_pointer (&error));
  if (stat == NULL)
    {
      g_autoptr(LapakDb) db = open_database (&error);
      g_autoptr(LapakEvent) event = db ? lapak_event_get_active (db, &error) : NULL;

      if (event == NULL)
        return fail (g_steal_pointer (&error));
      if (event->qris == NULL)
        {
          g_set_error (&error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                       _("The event %s has no QRIS. Give one with --static, or set it on the event."),
                       event->code);
          return fail (g_steal_pointer (&error));
        }
      stat = g_strdup (event->qris);
    }
  if (!(payload = lapak_qris_dynamic (stat, amount, &error)))
    return fail (g_steal_pointer (&error));
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "payload", payload);
      json_int (b, "amount", amount);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print ("%s\n", payload);
  return EXIT_OK;
}

static int
cmd_qris_check (const Command  *cmd,
                char          **args)
{
  g_autoptr(GError) error = NULL;

  if (!lapak_qris_check (args[0], &error))
    return fail (g_steal_pointer (&error));
  if (!opt_json)
    g_print (_("Valid QRIS.\n"));
  else
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "valid");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_end_object (b);
      print_json (b);
    }
  return EXIT_OK;
}

static int
cmd_journal_verify (const Command  *cmd,
                    char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakJournalReport) report = NULL;

  if (!(db = open_database (&error)) || !(report = lapak_journal_verify (db, &error)))
    return fail (g_steal_pointer (&error));

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ok");
      json_builder_add_boolean_value (b, report->ok);
      json_int (b, "entries", report->n_entries);
      json_string_or_null (b, "head", report->ok ? report->head : NULL);
      if (!report->ok)
        {
          json_int (b, "broken", report->broken_seq);
          json_string_or_null (b, "problem", report->problem);
        }
      json_builder_end_object (b);
      print_json (b);
    }
  else if (report->ok)
    g_print ("ok %" G_GINT64_FORMAT " entries, head %s\n", report->n_entries, report->head);

  if (!report->ok)
    {
      g_printerr (_("lapakctl: the journal of till %s is broken: %s\n"),
                  lapak_db_get_till_id (db), report->problem);
      return EXIT_FAILED;
    }
  return EXIT_OK;
}

static int
cmd_journal_export (const Command  *cmd,
                    char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  gint64 count;

  if (!(db = open_database (&error)) || !lapak_journal_export (db, args[0], &count, &error))
    return fail (g_steal_pointer (&error));
  if (!opt_json)
    g_print (_("Wrote %" PRId64 " journal entries to %s.\n"), count, args[0]);
  else
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_int (b, "entries", count);
      json_string_or_null (b, "file", args[0]);
      json_builder_end_object (b);
      print_json (b);
    }
  return EXIT_OK;
}

/* ---------- dispatch ---------- */

/* ---------- settlement ---------- */

static const GOptionEntry settle_entries[] = {
  { "event", 0, 0, G_OPTION_ARG_STRING, &opt_event, N_("The event (default: the active one)"), N_("CODE") },
  { "until", 0, 0, G_OPTION_ARG_STRING, &opt_until, N_("The cut-off time, e.g. 2026-11-30T18:00 (default: now)"), N_("TIME") },
  { "close", 0, 0, G_OPTION_ARG_NONE, &opt_close, N_("Record the settlement for good (needs --as an organiser)"), NULL },
  { "pin", 0, 0, G_OPTION_ARG_STRING, &opt_pin, N_("The PIN of the --as user (or set LAPAK_PIN)"), N_("PIN") },
  { "statements", 0, 0, G_OPTION_ARG_FILENAME, &opt_statements, N_("Write one PDF statement per tenant (CODE.pdf) and summary.pdf into DIR"), N_("DIR") },
  { "print", 0, 0, G_OPTION_ARG_STRING, &opt_print_queue, N_("Also print every statement and the summary on this CUPS queue"), N_("QUEUE") },
  { "csv", 0, 0, G_OPTION_ARG_FILENAME, &opt_csv, N_("Write the settlement as CSV, one row per tenant"), N_("FILE") },
  { "excel", 0, 0, G_OPTION_ARG_NONE, &opt_excel, N_("CSV for Excel in an Indonesian locale: “;” between fields and a UTF-8 BOM"), NULL },
  { "force", 0, 0, G_OPTION_ARG_NONE, &opt_force, N_("Close although some till's records up to the cut-off are missing here (needs --reason)"), NULL },
  { "reason", 0, 0, G_OPTION_ARG_STRING, &opt_reason, N_("Why the close is forced (kept in the settlement and the journal)"), N_("TEXT") },
  { "wait", 0, 0, G_OPTION_ARG_INT, &opt_wait, N_("Seconds to follow the print job (default 30)"), N_("SECONDS") },
  { "settlement", 0, 0, G_OPTION_ARG_STRING, &opt_settlement, N_("A closed settlement: show it and make its statements and CSV again"), N_("ID") },
  { NULL }
};

static void
print_settlement (const LapakSettlement *s)
{
  g_autofree char *until = lapak_settle_time_format (s->until);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "event", s->event);
      json_string_or_null (b, "currency", s->currency);
      json_string_or_null (b, "until", until);
      json_builder_set_member_name (b, "closed");
      json_builder_add_boolean_value (b, s->closed);
      json_string_or_null (b, "settlement", s->id);
      json_builder_set_member_name (b, "tenants");
      json_builder_begin_array (b);
      for (guint i = 0; i < s->tenants->len; i++)
        {
          const LapakSettleTenant *t = g_ptr_array_index (s->tenants, i);

          json_builder_begin_object (b);
          json_string_or_null (b, "code", t->code);
          json_string_or_null (b, "name", t->name);
          json_int (b, "units", t->units);
          json_int (b, "sales", t->sales);
          json_int (b, "refunds", t->refunds);
          json_int (b, "net_sales", t->net_sales);
          json_int (b, "commission_bp", t->commission_bp);
          json_int (b, "commission", t->commission);
          json_int (b, "charges", t->charges);
          json_int (b, "payout", t->payout);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "totals");
      json_builder_begin_object (b);
      json_int (b, "sales", s->sales);
      json_int (b, "refunds", s->refunds);
      json_int (b, "net_sales", s->net_sales);
      json_int (b, "commission", s->commission);
      json_int (b, "charges", s->charges);
      json_int (b, "payout", s->payout);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "payments");
      json_builder_begin_object (b);
      for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
        json_int (b, lapak_pay_method_to_string (m), s->payments[m]);
      json_builder_end_object (b);
      json_builder_end_object (b);
      print_json (b);
      return;
    }

  if (s->closed)
    g_print (_("Settlement %s of event %s up to %s\n"), s->id, s->event, until);
  else
    g_print (_("Settlement preview of event %s up to %s (nothing recorded)\n"), s->event, until);
  g_print ("%-8s %6s %14s %14s %14s %7s %14s %14s %14s\n",
           _("Tenant"), _("Units"), _("Sales"), _("Refunds"), _("Net sales"),
           _("Comm."), _("Commission"), _("Charges"), _("Payout"));
  for (guint i = 0; i < s->tenants->len; i++)
    {
      const LapakSettleTenant *t = g_ptr_array_index (s->tenants, i);
      g_autofree char *sales = money (t->sales);
      g_autofree char *refunds = money (t->refunds);
      g_autofree char *net = money (t->net_sales);
      g_autofree char *pct = lapak_percent_format (t->commission_bp, LAPAK_MONEY_STYLE_DEFAULT);
      g_autofree char *commission = money (t->commission);
      g_autofree char *charges = money (t->charges);
      g_autofree char *payout = money (t->payout);

      g_print ("%-8s %6" PRId64 " %14s %14s %14s %7s %14s %14s %14s\n",
               t->code, t->units, sales, refunds, net, pct, commission, charges, payout);
    }
  {
    g_autofree char *sales = money (s->sales);
    g_autofree char *refunds = money (s->refunds);
    g_autofree char *net = money (s->net_sales);
    g_autofree char *commission = money (s->commission);
    g_autofree char *charges = money (s->charges);
    g_autofree char *payout = money (s->payout);

    g_print ("%-8s %6s %14s %14s %14s %7s %14s %14s %14s\n",
             _("Total"), "", sales, refunds, net, "", commission, charges, payout);
  }
  g_print (_("Payments (taken minus refunded):\n"));
  for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
    {
      g_autofree char *amount = money (s->payments[m]);

      g_print ("  %-14s %14s\n", lapak_pay_method_display (m), amount);
    }
  if (!s->closed)
    g_print (_("A negative payout is owed by the tenant. Add --close --as ORGANISER to record this settlement.\n"));
}

/* Refuses, before anything is recorded, a --statements directory or a
 * --csv file that cannot be written. */
static gboolean
check_outputs (GError **error)
{
  if (opt_statements != NULL)
    {
      if (g_mkdir_with_parents (opt_statements, 0755) != 0 || g_access (opt_statements, W_OK) != 0)
        {
          int saved = errno;

          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                       _("Cannot write statements into %s: %s. Choose another --statements directory; "
                         "nothing was recorded."),
                       opt_statements, g_strerror (saved));
          return FALSE;
        }
    }
  if (opt_csv != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (opt_csv);

      if (g_access (dir, W_OK) != 0)
        {
          int saved = errno;

          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_IO,
                       _("Cannot write %s: %s. Choose another --csv file; nothing was recorded."),
                       opt_csv, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
print_statement (const char  *title,
                 GBytes      *pdf,
                 GError     **error)
{
  g_autoptr(LapakPrintResult) result = NULL;

  /* Followed like a receipt: with no time to follow it, a job just sent is
   * still pending, which reads as a printer that does not answer. */
  result = lapak_print_submit (opt_print_queue, title, LAPAK_FORMAT_PDF, "A4", pdf,
                               (guint) MAX (opt_wait, 0) * 1000, error);
  if (result == NULL)
    return FALSE;
  if (!opt_json)
    g_printerr ("%s: %s\n", title, result->message);
  return TRUE;
}

/* The statements (--statements, --print) and the CSV (--csv) of @s. */
static gboolean
write_settlement_files (LapakDb                *db,
                        const LapakSettlement  *s,
                        GError                **error)
{
  g_autoptr(LapakStatement) st = NULL;

  if (opt_csv != NULL)
    {
      g_autoptr(GString) csv = g_string_new (NULL);

      lapak_export_settlement (s, opt_excel ? LAPAK_CSV_STYLE_EXCEL : LAPAK_CSV_STYLE_PLAIN, csv);
      if (!g_file_set_contents (opt_csv, csv->str, (gssize) csv->len, error))
        return FALSE;
    }
  if (opt_statements == NULL && opt_print_queue == NULL)
    return TRUE;

  if (!(st = lapak_statement_new (db, s, error)))
    return FALSE;
  for (guint i = 0; i <= st->tenants->len; i++)
    {
      g_autoptr(GBytes) pdf = NULL;
      g_autofree char *name = NULL;
      g_autofree char *title = NULL;

      if (i < st->tenants->len)
        {
          const LapakTenantStatement *ts = g_ptr_array_index (st->tenants, i);

          pdf = lapak_statement_tenant_pdf (st, i, error);
          name = g_strconcat (ts->tenant->code, ".pdf", NULL);
          title = g_strdup_printf (_("Statement %s"), ts->tenant->code);
        }
      else
        {
          pdf = lapak_statement_summary_pdf (st, error);
          name = g_strdup ("summary.pdf");
          title = g_strdup (_("Settlement summary"));
        }
      if (pdf == NULL)
        return FALSE;
      if (opt_statements != NULL)
        {
          g_autofree char *path = g_build_filename (opt_statements, name, NULL);
          gsize size;
          const char *data = g_bytes_get_data (pdf, &size);

          if (!g_file_set_contents (path, data, (gssize) size, error))
            return FALSE;
        }
      if (opt_print_queue != NULL && !print_statement (title, pdf, error))
        return FALSE;
    }
  return TRUE;
}

static int
cmd_settle (const Command  *cmd,
            char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  g_autoptr(LapakSettlement) s = NULL;
  gint64 until = lapak_db_now ();
  int rc;

  if (opt_until != NULL && !lapak_settle_time_parse (opt_until, &until, &error))
    return usage_error (cmd, error->message);
  if (opt_excel && opt_csv == NULL)
    return usage_error (cmd, _("--excel goes with --csv FILE."));
  if (!check_outputs (&error))
    return fail (g_steal_pointer (&error));

  if (opt_settlement != NULL && (opt_close || opt_until != NULL || opt_event != NULL || opt_force))
    return usage_error (cmd, _("--settlement ID shows a settlement already closed: it does not go with "
                               "--close, --until, --event or --force."));
  if (opt_force && (!opt_close || opt_reason == NULL))
    return usage_error (cmd, _("--force goes with --close and --reason TEXT."));
  if (!opt_force && opt_reason != NULL)
    return usage_error (cmd, _("--reason goes with --force."));

  if (opt_settlement != NULL)
    {
      if (!(db = open_database (&error)))
        return fail (g_steal_pointer (&error));
      s = lapak_settlement_get (db, opt_settlement, &error);
    }
  else if (opt_close)
    {
      if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
        return rc;
      s = lapak_settlement_close_forced (db, actor, opt_event, until, opt_force ? opt_reason : NULL, &error);
    }
  else
    {
      g_autoptr(GPtrArray) missing = NULL;

      if (!(db = open_database (&error)))
        return fail (g_steal_pointer (&error));
      /* A preview is still shown, with what it cannot count yet. */
      if (!(missing = lapak_sync_missing (db, until, &error)))
        return fail (g_steal_pointer (&error));
      for (guint i = 0; i < missing->len; i++)
        g_printerr (_("lapakctl: warning: %s\n"), (const char *) g_ptr_array_index (missing, i));
      s = lapak_settlement_preview (db, opt_event, until, &error);
    }
  if (s == NULL)
    return fail (g_steal_pointer (&error));
  if (!write_settlement_files (db, s, &error))
    {
      if (s->closed && opt_settlement == NULL)
        g_printerr (_("lapakctl: settlement %s is recorded, but its files could not all be written.\n"), s->id);
      return fail (g_steal_pointer (&error));
    }
  print_settlement (s);
  return EXIT_OK;
}

static const GOptionEntry charge_entries[] = {
  { "amount", 0, 0, G_OPTION_ARG_STRING, &opt_amount, N_("How much"), N_("AMOUNT") },
  { "reason", 0, 0, G_OPTION_ARG_STRING, &opt_reason, N_("What it is for"), N_("TEXT") },
  { "pin", 0, 0, G_OPTION_ARG_STRING, &opt_pin, N_("The PIN of the --as user (or set LAPAK_PIN)"), N_("PIN") },
  { NULL }
};

static const GOptionEntry payout_entries[] = {
  { "amount", 0, 0, G_OPTION_ARG_STRING, &opt_amount, N_("How much was paid"), N_("AMOUNT") },
  { "reference", 0, 0, G_OPTION_ARG_STRING, &opt_reference, N_("The bank transfer reference or cash receipt"), N_("TEXT") },
  { "pin", 0, 0, G_OPTION_ARG_STRING, &opt_pin, N_("The PIN of the --as user (or set LAPAK_PIN)"), N_("PIN") },
  { NULL }
};

static int
cmd_account_move (const Command  *cmd,
                  char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) actor = NULL;
  gboolean payout = g_str_equal (cmd->name, "payout");
  gint64 amount;
  gint64 balance;
  g_autofree char *amount_text = NULL;
  g_autofree char *balance_text = NULL;
  int rc;

  if (opt_amount == NULL)
    return usage_error (cmd, _("this command needs --amount AMOUNT."));
  if (!payout && opt_reason == NULL)
    return usage_error (cmd, _("charge needs --reason TEXT: what the charge is for."));
  if (payout && opt_reference == NULL)
    return usage_error (cmd, _("payout needs --reference TEXT: the transfer reference or cash receipt."));
  if (!lapak_money_parse (opt_amount, &amount, &error))
    return usage_error (cmd, error->message);
  if ((rc = open_and_login (cmd, &db, &actor)) != EXIT_OK)
    return rc;
  if (payout ? !lapak_payout_add (db, actor, args[0], amount, opt_reference, &error)
             : !lapak_charge_add (db, actor, args[0], amount, opt_reason, &error))
    return fail (g_steal_pointer (&error));
  if (!lapak_tenant_balance (db, args[0], &balance, &error))
    return fail (g_steal_pointer (&error));

  amount_text = money (amount);
  balance_text = money (balance);
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "tenant", args[0]);
      json_int (b, "amount", amount);
      json_int (b, "balance", balance);
      json_builder_end_object (b);
      print_json (b);
    }
  else if (payout)
    g_print (_("Paid %s to %s; its balance is now %s.\n"), amount_text, args[0], balance_text);
  else
    g_print (_("Charged %s to %s; its balance is now %s.\n"), amount_text, args[0], balance_text);
  return EXIT_OK;
}

/* ---------- several tills: sync by file ---------- */

static const GOptionEntry sync_pair_entries[] = {
  { "hub", 0, 0, G_OPTION_ARG_NONE, &opt_hub, N_("Make this database the hub and print the pairing code"), NULL },
  { "event", 0, 0, G_OPTION_ARG_STRING, &opt_event, N_("The event the tills sell for (default: the active one)"), N_("CODE") },
  { "pin", 0, 0, G_OPTION_ARG_STRING, &opt_pin, N_("The PIN of the --as user (or set LAPAK_PIN)"), N_("PIN") },
  { "url", 0, 0, G_OPTION_ARG_STRING, &opt_url, N_("On a till: the hub's address for “sync push”"), N_("URL") },
  { NULL }
};

static int
cmd_sync_pair (const Command  *cmd,
               char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakUser) user = NULL;
  int rc;

  if (opt_hub == (args[0] != NULL))
    return usage_error (cmd, _("give either --hub (on the hub) or the pairing code the hub printed (on a till)."));
  if ((rc = open_and_login (cmd, &db, &user)) != EXIT_OK)
    return rc;

  if (opt_hub)
    {
      g_autofree char *code = lapak_sync_pair_hub (db, user, opt_event, &error);

      if (code == NULL)
        return fail (g_steal_pointer (&error));
      if (opt_json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();

          json_builder_begin_object (b);
          json_string_or_null (b, "code", code);
          json_builder_end_object (b);
          print_json (b);
        }
      else
        {
          g_print ("%s\n", code);
          g_printerr (_("This is the hub. On each till run “lapakctl sync pair CODE --as ORGANISER” with the "
                        "code above; keep it secret, it authenticates every bundle.\n"));
        }
      return EXIT_OK;
    }

  if (!lapak_sync_pair_till (db, user, args[0], &error) ||
      (opt_url != NULL && !lapak_sync_set_hub_url (db, opt_url, &error)))
    return fail (g_steal_pointer (&error));
  if (!opt_json)
    g_print (_("Paired. Import the hub's bundle (lapakctl sync import FILE) to get the catalogue.\n"));
  return EXIT_OK;
}

static int
cmd_sync_export (const Command  *cmd,
                 char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  gint64 entries = 0;

  if (!(db = open_database (&error)) || !lapak_sync_export (db, args[0], &entries, &error))
    return fail (g_steal_pointer (&error));
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "till", lapak_db_get_till_id (db));
      json_int (b, "entries", entries);
      json_string_or_null (b, "file", args[0]);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print (_("Wrote the bundle of till %s (%" PRId64 " journal entries) to %s.\n"),
             lapak_db_get_till_id (db), entries, args[0]);
  return EXIT_OK;
}

static int
cmd_sync_import (const Command  *cmd,
                 char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakSyncResult) result = NULL;

  if (!(db = open_database (&error)) || !(result = lapak_sync_import (db, args[0], &error)))
    return fail (g_steal_pointer (&error));
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "from", result->from);
      json_int (b, "entries", result->journal_seq);
      json_int (b, "new_entries", result->new_entries);
      json_int (b, "new_sales", result->new_sales);
      json_int (b, "catalogue_added", result->catalogue_added);
      json_int (b, "catalogue_updated", result->catalogue_updated);
      json_builder_set_member_name (b, "conflicts");
      json_builder_begin_array (b);
      for (guint i = 0; i < result->conflicts->len; i++)
        {
          const LapakSyncConflict *c = g_ptr_array_index (result->conflicts, i);

          json_builder_begin_object (b);
          json_string_or_null (b, "table", c->table);
          json_string_or_null (b, "key", c->key);
          json_string_or_null (b, "till", c->till);
          json_string_or_null (b, "lost", c->lost);
          json_string_or_null (b, "kept", c->kept);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    {
      g_print (_("Imported the bundle of till %s: %" PRId64 " new journal entries (%" PRId64 " new sales), "
                 "%" PRId64 " catalogue rows added, %" PRId64 " updated.\n"),
               result->from, result->new_entries, result->new_sales, result->catalogue_added,
               result->catalogue_updated);
      for (guint i = 0; i < result->conflicts->len; i++)
        {
          const LapakSyncConflict *c = g_ptr_array_index (result->conflicts, i);

          g_print (_("Conflict: %s %s — the version of till %s was not kept: %s; kept: %s\n"),
                   c->table, c->key, c->till, c->lost, c->kept);
        }
    }
  return EXIT_OK;
}

/* ---------- several tills: sync over the LAN ---------- */

static const GOptionEntry sync_serve_entries[] = {
  { "port", 0, 0, G_OPTION_ARG_INT, &opt_port, N_("The TCP port to listen on (default 8642; 0: any free one)"), N_("N") },
  { "address", 0, 0, G_OPTION_ARG_STRING, &opt_address, N_("The IP address to listen on (default: every address)"), N_("ADDRESS") },
  { NULL }
};

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static int
cmd_sync_serve (const Command  *cmd,
                char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakSyncServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *url = NULL;

  if (opt_port < 0 || opt_port > 65535)
    return usage_error (cmd, _("--port takes a number from 0 to 65535."));
  if (!(db = open_database (&error)) ||
      !(server = lapak_sync_server_new (db, opt_address, (guint)opt_port, &error)))
    return fail (g_steal_pointer (&error));
  url = lapak_sync_server_get_url (server);
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_loop, loop);
  g_unix_signal_add (SIGTERM, quit_loop, loop);
  g_print ("%s\n", url);
  fflush (stdout);
  g_printerr (_("Serving sync for the tills at %s (on a till: lapakctl sync push URL). "
                "Ctrl+C stops.\n"), url);
  g_main_loop_run (loop);
  return EXIT_OK;
}

static const GOptionEntry sync_push_entries[] = {
  { "every", 0, 0, G_OPTION_ARG_INT, &opt_every,
    N_("Push again every SECONDS until stopped, waiting longer after each failure"), N_("SECONDS") },
  { NULL }
};

/* One round; its outcome printed. */
static gboolean
push_once (LapakDb     *db,
           const char  *url,
           GError     **error)
{
  g_autoptr(LapakSyncResult) pushed = NULL;
  g_autoptr(LapakSyncResult) pulled = NULL;

  if (!(pulled = lapak_sync_push (db, url, &pushed, error)))
    return FALSE;
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "till", lapak_db_get_till_id (db));
      json_int (b, "entries", pushed->journal_seq);
      json_int (b, "new_entries_at_hub", pushed->new_entries);
      json_int (b, "new_sales_at_hub", pushed->new_sales);
      json_int (b, "hub_conflicts", pushed->conflicts->len);
      json_int (b, "catalogue_added", pulled->catalogue_added);
      json_int (b, "catalogue_updated", pulled->catalogue_updated);
      json_int (b, "conflicts", pulled->conflicts->len);
      json_builder_end_object (b);
      print_json (b);
      return TRUE;
    }
  g_print (_("Sent till %s's %" PRId64 " journal entries to the hub: %" PRId64 " new there (%" PRId64
             " new sales). From the hub: %" PRId64 " catalogue rows added, %" PRId64 " updated.\n"),
           lapak_db_get_till_id (db), pushed->journal_seq, pushed->new_entries, pushed->new_sales,
           pulled->catalogue_added, pulled->catalogue_updated);
  for (guint i = 0; i < pushed->conflicts->len; i++)
    {
      const LapakSyncConflict *c = g_ptr_array_index (pushed->conflicts, i);

      g_print (_("Conflict at the hub: %s %s — the version of till %s was not kept: %s; kept: %s\n"),
               c->table, c->key, c->till, c->lost, c->kept);
    }
  for (guint i = 0; i < pulled->conflicts->len; i++)
    {
      const LapakSyncConflict *c = g_ptr_array_index (pulled->conflicts, i);

      g_print (_("Conflict: %s %s — the version of till %s was not kept: %s; kept: %s\n"),
               c->table, c->key, c->till, c->lost, c->kept);
    }
  return TRUE;
}

typedef struct
{
  LapakDb   *db;
  GMainLoop *loop;
  guint      failures;
  guint      timer;
} PushLoop;

static gboolean
push_tick (gpointer data)
{
  PushLoop *p = data;
  g_autoptr(GError) error = NULL;
  guint wait;

  p->timer = 0;
  if (push_once (p->db, NULL, &error))
    p->failures = 0;
  else
    {
      print_error (error);
      p->failures++;
    }
  fflush (stdout);
  wait = lapak_sync_backoff ((guint)opt_every, p->failures);
  if (p->failures > 0)
    g_printerr (_("Next push in %u s.\n"), wait);
  p->timer = g_timeout_add_seconds (wait, push_tick, p);
  return G_SOURCE_REMOVE;
}

static int
cmd_sync_push (const Command  *cmd,
               char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  PushLoop p = { 0 };

  if (opt_every < 0)
    return usage_error (cmd, _("--every takes a number of seconds, 1 or more."));
  if (!(db = open_database (&error)) ||
      (args[0] != NULL && !lapak_sync_set_hub_url (db, args[0], &error)))
    return fail (g_steal_pointer (&error));
  if (opt_every == 0)
    return push_once (db, args[0], &error) ? EXIT_OK : fail (g_steal_pointer (&error));

  /* Until SIGINT or SIGTERM: a failure is printed and the next round comes
   * later, the till keeps selling meanwhile. */
  loop = g_main_loop_new (NULL, FALSE);
  p.db = db;
  p.loop = loop;
  g_unix_signal_add (SIGINT, quit_loop, loop);
  g_unix_signal_add (SIGTERM, quit_loop, loop);
  p.timer = g_idle_add (push_tick, &p);
  g_main_loop_run (loop);
  if (p.timer != 0)
    g_source_remove (p.timer);
  return EXIT_OK;
}

static int
cmd_sync_status (const Command  *cmd,
                 char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(GPtrArray) tills = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  LapakSyncInfo info = { 0 };
  const char *role;

  if (!(db = open_database (&error)) || !lapak_sync_get_info (db, &info, &error) ||
      !(tills = lapak_sync_status (db, &error)) ||
      !(missing = lapak_sync_missing (db, lapak_db_now (), &error)) ||
      !(conflicts = lapak_sync_conflicts (db, &error)))
    {
      lapak_sync_info_clear (&info);
      return fail (g_steal_pointer (&error));
    }
  role = info.role == LAPAK_SYNC_HUB ? "hub" : info.role == LAPAK_SYNC_TILL ? "till" : "none";

  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_string_or_null (b, "role", role);
      json_string_or_null (b, "event", info.event);
      json_string_or_null (b, "hub", info.hub);
      json_builder_set_member_name (b, "tills");
      json_builder_begin_array (b);
      for (guint i = 0; i < tills->len; i++)
        {
          const LapakSyncTill *t = g_ptr_array_index (tills, i);
          g_autofree char *exported = t->exported_at ? lapak_settle_time_format (t->exported_at) : NULL;
          g_autofree char *imported = t->imported_at ? lapak_settle_time_format (t->imported_at) : NULL;

          json_builder_begin_object (b);
          json_string_or_null (b, "till", t->till);
          json_builder_set_member_name (b, "self");
          json_builder_add_boolean_value (b, t->is_self);
          json_int (b, "journal_seq", t->journal_seq);
          json_string_or_null (b, "journal_head", t->journal_head);
          json_string_or_null (b, "exported_at", exported);
          json_string_or_null (b, "imported_at", imported);
          json_int (b, "open_shifts", t->open_shifts);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "missing");
      json_builder_begin_array (b);
      for (guint i = 0; i < missing->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (missing, i));
      json_builder_end_array (b);
      json_int (b, "conflicts", conflicts->len);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    {
      if (info.role == LAPAK_SYNC_NONE)
        g_print (_("Not paired for sync.\n"));
      else if (info.role == LAPAK_SYNC_HUB)
        g_print (_("Hub of event %s.\n"), info.event);
      else
        g_print (_("Till paired with hub %s for event %s.\n"), info.hub, info.event);
      for (guint i = 0; i < tills->len; i++)
        {
          const LapakSyncTill *t = g_ptr_array_index (tills, i);
          g_autofree char *exported = t->exported_at ? lapak_settle_time_format (t->exported_at)
                                                     : g_strdup (t->is_self ? _("this till") : "-");

          g_print (_("%-8s %" PRId64 " journal entries, head %.12s…, written %s, %" PRId64 " shifts open\n"),
                   t->till, t->journal_seq, t->journal_head, exported, t->open_shifts);
        }
      for (guint i = 0; i < missing->len; i++)
        g_print ("%s\n", (char *)g_ptr_array_index (missing, i));
      if (conflicts->len > 0)
        g_print (_("%u catalogue conflicts (see lapakctl sync import --json).\n"), conflicts->len);
    }
  lapak_sync_info_clear (&info);
  return EXIT_OK;
}

static int
cmd_sync_verify (const Command  *cmd,
                 char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakJournalReport) report = NULL;

  if (!(db = open_database (&error)) || !(report = lapak_sync_verify_till (db, args[0], &error)))
    return fail (g_steal_pointer (&error));
  if (!report->ok)
    {
      g_printerr (_("lapakctl: the journal of till %s held here is broken: %s\n"), args[0], report->problem);
      return EXIT_FAILED;
    }
  g_print ("ok %" G_GINT64_FORMAT " entries, head %s\n", report->n_entries, report->head);
  return EXIT_OK;
}

static const Command commands[] = {
  { "init", "", N_("Create the database of a new till with its first organiser."),
    init_entries, 0, 0, cmd_init },
  { "demo", "", N_("Replace the database with a fresh demo event (users, tenants, products)."),
    demo_entries, 0, 0, cmd_demo },
  { "user add", N_("NAME"), N_("Add a user (the --as organiser's PIN comes from --as-pin or LAPAK_PIN)."),
    user_add_entries, 1, 1, cmd_user_add },
  { "user unlock", N_("NAME"), N_("Let a user locked after wrong PINs log in again."),
    pin_entries, 1, 1, cmd_user_unlock },
  { "event create", N_("CODE"), N_("Create an event and make it the active one."),
    event_create_entries, 1, 1, cmd_event_create },
  { "event use", N_("CODE"), N_("Make an event the active one on this till."),
    pin_entries, 1, 1, cmd_event_use },
  { "event list", "", N_("List the events."),
    NULL, 0, 0, cmd_event_list },
  { "event join", N_("TENANT…"), N_("Join registered tenants to the active event, charging the booth fee."),
    terms_entries, 1, G_MAXUINT, cmd_event_join },
  { "tenant add", N_("CODE"), N_("Register a member tenant and join it to the active event."),
    tenant_add_entries, 1, 1, cmd_tenant_add },
  { "tenant import", N_("FILE.csv"), N_("Import tenants: columns code,name,commission,booth_fee,phone,bank_account. All rows or none."),
    import_entries, 1, 1, cmd_tenant_import },
  { "tenant list", "", N_("List the tenants with their terms in the active event."),
    NULL, 0, 0, cmd_tenant_list },
  { "product add", "", N_("Add a product and print its label code."),
    product_add_entries, 0, 0, cmd_product_add },
  { "product import", N_("FILE.csv"), N_("Import products: columns tenant,sku,name,price,stock,barcode. All rows or none."),
    import_entries, 1, 1, cmd_product_import },
  { "product approve", N_("CODE…"), N_("Let pending (or deactivated) products be sold (organiser)."),
    NULL, 1, G_MAXUINT, cmd_product_approve },
  { "product deactivate", N_("CODE"), N_("Stop selling a product until it is approved again (organiser)."),
    NULL, 1, 1, cmd_product_deactivate },
  { "product set", N_("CODE"), N_("Change a product's price; past sales keep theirs (organiser)."),
    product_set_entries, 1, 1, cmd_product_set },
  { "product export", N_("[FILE.csv]"), N_("Export the products as CSV (columns of product import, with code and status)."),
    export_entries, 0, 1, cmd_export },
  { "tenant export", N_("[FILE.csv]"), N_("Export the tenants as CSV (columns of tenant import; organiser)."),
    export_entries, 0, 1, cmd_export },
  { "sales export", N_("[FILE.csv]"), N_("Export the sale lines you may see as CSV."),
    export_entries, 0, 1, cmd_export },
  { "sales", "", N_("List the sale lines you may see (a tenant: only its own)."),
    sales_entries, 0, 0, cmd_sales },
  { "product list", "", N_("List the products with their stock in the active event."),
    product_list_entries, 0, 0, cmd_product_list },
  { "stock checkin", N_("CODE"), N_("Record units of a product brought in for the active event."),
    stock_entries, 1, 1, cmd_stock_checkin },
  { "stock return", N_("TENANT ITEM…"), N_("Record unsold goods a tenant takes back (ITEM: CODE or CODE*COUNT)."),
    stock_return_entries, 2, G_MAXUINT, cmd_stock_return },
  { "stock report", "", N_("The stock-return table: checked in, sold, refunded, returned, missing."),
    stock_report_entries, 0, 0, cmd_stock_report },
  { "shift open", "", N_("Open the cashier's shift on this till with a cash float."),
    shift_open_entries, 0, 0, cmd_shift_open },
  { "shift report", "", N_("X report of the open shift, for a supervisor or organiser (changes nothing)."),
    NULL, 0, 0, cmd_shift_report },
  { "shift close", "", N_("Close the shift with the counted cash: the Z report."),
    shift_close_entries, 0, 0, cmd_shift_close },
  { "cash in", "", N_("Record cash put into the drawer."),
    cash_entries, 0, 0, cmd_cash },
  { "cash out", "", N_("Record cash taken out of the drawer."),
    cash_entries, 0, 0, cmd_cash },
  { "no-sale", "", N_("Open the drawer without a sale (needs a supervisor)."),
    cash_entries, 0, 0, cmd_cash },
  { "sell", N_("ITEM… --pay PAYMENT…"), N_("Record one sale, durably, before printing anything."),
    sell_entries, 0, G_MAXUINT, cmd_sell },
  { "void", N_("SALE"), N_("Cancel a whole sale of the open shift (needs a supervisor)."),
    approver_entries, 1, 1, cmd_void },
  { "refund", N_("SALE ITEM… --pay METHOD"), N_("Return some units of an earlier sale (needs a supervisor)."),
    approver_entries, 2, G_MAXUINT, cmd_refund },
  { "receipt", N_("SALE"), N_("Show or reprint a sale's receipt."),
    receipt_entries, 1, 1, cmd_receipt },
  { "labels", "", N_("Print product labels (QR code, name, price) as PDF or on a printer."),
    labels_entries, 0, G_MAXUINT, cmd_labels },
  { "printers set", "", N_("Choose this till's receipt, label and documents (A4) printers (needs a supervisor)."),
    printers_set_entries, 0, 0, cmd_printers_set },
  { "printers test", N_("QUEUE"), N_("Print a test page: on the receipt printer in its mode, one label on the label printer, or an A4 page on the documents printer."),
    printers_test_entries, 1, 1, cmd_printers_test },
  { "printers", "", N_("List the printer queues and their state."),
    NULL, 0, 0, cmd_printers },
  { "qris dynamic", "", N_("Print the dynamic QRIS payload for an amount."),
    qris_entries, 0, 0, cmd_qris_dynamic },
  { "qris check", N_("PAYLOAD"), N_("Check a QRIS payload; exit 0 if valid."),
    NULL, 1, 1, cmd_qris_check },
  { "journal verify", "", N_("Recompute the journal's hash chain and name the first broken entry."),
    NULL, 0, 0, cmd_journal_verify },
  { "journal export", N_("FILE"), N_("Write the journal as JSON Lines (see README)."),
    NULL, 1, 1, cmd_journal_export },
  { "settle", "", N_("Settle the tenants' accounts up to a cut-off: a preview, with --close for good, or with --settlement ID a closed one again."),
    settle_entries, 0, 0, cmd_settle },
  { "charge", N_("TENANT"), N_("Charge a tenant's account (label fee, damage, …)."),
    charge_entries, 1, 1, cmd_account_move },
  { "payout", N_("TENANT"), N_("Record money paid to a tenant."),
    payout_entries, 1, 1, cmd_account_move },
  { "sync pair", N_("[CODE]"), N_("Pair for sync: --hub on the hub prints the code; a till takes that code."),
    sync_pair_entries, 0, 1, cmd_sync_pair },
  { "sync export", N_("FILE"), N_("Write this till's bundle for the hub (the hub's: the catalogue for the tills)."),
    NULL, 1, 1, cmd_sync_export },
  { "sync import", N_("FILE"), N_("Merge a bundle; the same bundle twice changes nothing; a tampered one is refused whole."),
    NULL, 1, 1, cmd_sync_import },
  { "sync status", "", N_("Which tills' records are held here, up to when, and what may be missing."),
    NULL, 0, 0, cmd_sync_status },
  { "sync verify", N_("TILL"), N_("Verify the journal of a till as held here (at the hub: from its bundles)."),
    NULL, 1, 1, cmd_sync_verify },
  { "sync serve", "", N_("On the hub: serve sync to the tills over the LAN (HTTP) until stopped."),
    sync_serve_entries, 0, 0, cmd_sync_serve },
  { "sync push", N_("[URL]"), N_("On a till: send this till's bundle to the hub and take the hub's (--every: again and again)."),
    sync_push_entries, 0, 1, cmd_sync_push },
};

static gboolean
entries_have (const GOptionEntry *entries,
              const char         *long_name)
{
  for (guint i = 0; entries != NULL && entries[i].long_name != NULL; i++)
    if (g_str_equal (entries[i].long_name, long_name))
      return TRUE;
  return FALSE;
}

static void
print_overview (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: lapakctl COMMAND [OPTIONS…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-16s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“lapakctl COMMAND --help” shows a command's options."));
}

static const Command *
find_command (int     argc,
              char  **argv,
              int    *out_words)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(GStrv) words = g_strsplit (commands[i].name, " ", 2);
      guint n = g_strv_length (words);

      if ((guint)argc > n && g_str_equal (argv[1], words[0]) &&
          (n == 1 || g_str_equal (argv[2], words[1])))
        {
          *out_words = n;
          return &commands[i];
        }
    }
  return NULL;
}

static const char *
locale_dir (void)
{
  const char *env = g_getenv ("LAPAK_LOCALEDIR");

  return env != NULL && *env != '\0' ? env : LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter_string = NULL;
  g_auto(GStrv) args = NULL;
  const Command *cmd;
  GOptionGroup *group;
  int words = 0;
  int n_args;
  int rc;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_overview (stderr);
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_overview (stdout);
      return EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("lapakctl %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (!(cmd = find_command (argc, argv, &words)))
    {
      g_printerr (_("lapakctl: unknown command “%s”.\n\n"), argv[1]);
      print_overview (stderr);
      return EXIT_USAGE;
    }

  /* _("") would return the catalogue's header, not an empty string. */
  parameter_string = g_strdup_printf ("%s %s", cmd->name, *cmd->params ? _(cmd->params) : "");
  context = g_option_context_new (parameter_string);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(cmd->summary));

  group = g_option_group_new ("lapakctl", "", "", NULL, NULL);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, common_entries);
  if (cmd->entries != NULL)
    g_option_group_add_entries (group, cmd->entries);
  if (!entries_have (cmd->entries, "pin") && cmd->run != cmd_event_list &&
      cmd->run != cmd_tenant_list && cmd->run != cmd_product_list && cmd->run != cmd_receipt &&
      cmd->run != cmd_labels && cmd->run != cmd_printers && cmd->run != cmd_printers_test &&
      cmd->run != cmd_qris_dynamic && cmd->run != cmd_qris_check &&
      cmd->run != cmd_journal_verify && cmd->run != cmd_journal_export &&
      cmd->run != cmd_sync_export && cmd->run != cmd_sync_import && cmd->run != cmd_sync_status &&
      cmd->run != cmd_sync_verify && cmd->run != cmd_sync_serve && cmd->run != cmd_sync_push)
    g_option_group_add_entries (group, pin_entries);
  g_option_context_set_main_group (context, group);

  /* argv without the command words: GOption sees "lapakctl --opt … ARGS".
   * "--pay" takes every following word up to the next option. */
  opt_payments = g_ptr_array_new_with_free_func (g_free);
  args = g_new0 (char *, argc - words + 1);
  args[0] = g_strdup (argv[0]);
  {
    int n = 1;
    gboolean in_pay = FALSE;

    for (int i = 1 + words; i < argc; i++)
      {
        if (g_str_equal (argv[i], "--pay"))
          in_pay = TRUE;
        else if (in_pay && !g_str_has_prefix (argv[i], "--"))
          g_ptr_array_add (opt_payments, g_strdup (argv[i]));
        else
          {
            in_pay = FALSE;
            args[n++] = g_strdup (argv[i]);
          }
      }
  }

  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (cmd, error->message);

  n_args = g_strv_length (args) - 1;
  if ((guint)n_args < cmd->min_args || (guint)n_args > cmd->max_args)
    {
      g_autofree char *message = g_strdup_printf (_("expected %s"), *cmd->params ? _(cmd->params) : _("no arguments"));

      return usage_error (cmd, message);
    }

  rc = cmd->run (cmd, args + 1);
  g_clear_pointer (&opt_payments, g_ptr_array_unref);
  return rc;
}
