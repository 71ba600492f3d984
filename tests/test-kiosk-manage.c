/* test-kiosk-manage.c — the organiser's Manage screens, driven in-process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (tests/headless.sh). An organiser logs in with the PIN
 * pad, opens "Manage" and taps and types like a person: adds a tenant and
 * edits its bank account, adds a tenant user and unlocks a locked one,
 * creates an event with a valid QRIS and is refused a mistyped one, imports
 * a 12-tenant spreadsheet saved by Excel in Indonesian (`;`, BOM,
 * Indonesian headers) through the preview, and sees a broken one refused
 * with its line. Each step is checked on screen and in the database. A
 * cashier sees no "Manage" button.
 */
#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lapak-auth.h"
#include "lapak-error.h"
#include "lapak-export-bar.h"
#include "lapak-import.h"
#include "lapak-keypad.h"
#include "lapak-ledger.h"
#include "lapak-manage-events.h"
#include "lapak-manage-import.h"
#include "lapak-manage-page.h"
#include "lapak-manage-tenants.h"
#include "lapak-manage-users.h"
#include "lapak-products-page.h"
#include "lapak-sale.h"
#include "lapak-shift.h"
#include "lapak-test-gtk.h"
#include "lapak-test-util.h"
#include "lapak-window.h"

#define STATIC_QRIS "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7"
/* One letter mistyped: the checksum no longer matches. */
#define MISTYPED_QRIS "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugemg6010Kab. Demak610559567630458C7"

/* The demo's twelve tenants as Excel in an Indonesian locale saves them. */
#define TENANTS_CSV \
  "\xEF\xBB\xBF" "Kode;Nama;Komisi;Sewa Stand;Telepon;Rekening\r\n" \
  "KLL;Keripik Lele Bu Tini;15;;081200001101;BRI 0000-01-000123-50-1\r\n" \
  "KOPI;Kopi Biji Salak Turi Pak Darno;;250.000;081300002202;BCA 0000012345\r\n" \
  "MADU;Madu Hutan Sumbawa Lestari;12,5;;085200003303;Mandiri 000-00-0000123-4\r\n" \
  "DNT;Donat Kentang Mama Rina;;;081100004404;BSI 7000001234\r\n" \
  "BTK;Batik Tulis Lasem Sekar Jagad;17,5;350.000;087800005505;BCA 0000023456\r\n" \
  "MODE;Rumah Mode Ayu, Konveksi & Jahit;;300.000;085700006606;BRI 0000-01-000456-50-2\r\n" \
  "JJN;Jajanan Pasar Mbok Darmi;10;150.000;081900007707;BNI 0000012346\r\n" \
  "RAJUT;Tas Rajut Kreasi Bu Ratna;;;082100008808;BRI 0000-01-000789-50-3\r\n" \
  "KAYU;Kerajinan Kayu Jati Karya Jepara;20;;081500009909;Mandiri 000-00-0000456-7\r\n" \
  "SMBL;Sambal & Bumbu Dapur Mak Ijah;;200.000;089600001010;BSI 7000005678\r\n" \
  "KUE;Kue Kering Dapoer D'Oma Lien;12;;083100001111;BCA 0000034567\r\n" \
  "SGKT;Tenun Songket Pandai Sikek Bundo Rangkiang;;500.000;085600001212;BNI 0000012347\r\n"

/* The same with two mistakes: a commission that is no number (line 4) and
 * a phone number with letters (line 9). */
#define BROKEN_CSV \
  "\xEF\xBB\xBF" "Kode;Nama;Komisi;Sewa Stand;Telepon;Rekening\r\n" \
  "KLL;Keripik Lele Bu Tini;15;;081200001101;BRI 0000-01-000123-50-1\r\n" \
  "KOPI;Kopi Biji Salak Turi Pak Darno;;250.000;081300002202;BCA 0000012345\r\n" \
  "MADU;Madu Hutan Sumbawa Lestari;dua belas;;085200003303;Mandiri 000-00-0000123-4\r\n" \
  "DNT;Donat Kentang Mama Rina;;;081100004404;BSI 7000001234\r\n" \
  "BTK;Batik Tulis Lasem Sekar Jagad;17,5;350.000;087800005505;BCA 0000023456\r\n" \
  "MODE;Rumah Mode Ayu, Konveksi & Jahit;;300.000;085700006606;BRI 0000-01-000456-50-2\r\n" \
  "JJN;Jajanan Pasar Mbok Darmi;10;150.000;081900007707;BNI 0000012346\r\n" \
  "RAJUT;Tas Rajut Kreasi Bu Ratna;;;0821000O88O8;BRI 0000-01-000789-50-3\r\n"

typedef struct
{
  char        *dir;
  LapakDb     *db;
  LapakWindow *window;
} Fixture;

static gpointer
child (Fixture    *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->window), LAPAK_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static LapakManagePage *
manage (Fixture *f)
{
  return lapak_window_get_manage_page (f->window);
}

static gpointer
section (Fixture    *f,
         const char *id)
{
  GtkWidget *s = lapak_manage_page_get_section (manage (f), id);

  g_assert_nonnull (s);
  return s;
}

static gpointer
tenants_w (Fixture    *f,
           const char *name)
{
  GtkWidget *w = lapak_manage_tenants_get_widget (section (f, "tenants"), name);

  g_assert_nonnull (w);
  return w;
}

static gpointer
users_w (Fixture    *f,
         const char *name)
{
  GtkWidget *w = lapak_manage_users_get_widget (section (f, "users"), name);

  g_assert_nonnull (w);
  return w;
}

static gpointer
events_w (Fixture    *f,
          const char *name)
{
  GtkWidget *w = lapak_manage_events_get_widget (section (f, "events"), name);

  g_assert_nonnull (w);
  return w;
}

static gpointer
import_w (Fixture    *f,
          const char *name)
{
  GtkWidget *w = lapak_manage_import_get_widget (section (f, "import"), name);

  g_assert_nonnull (w);
  return w;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) org = NULL;
  LapakTenantSpec kll = { "KLL", "Keripik Lele Bu Tini", NULL, NULL, LAPAK_TERMS_DEFAULT, LAPAK_TERMS_DEFAULT };

  f->dir = lapak_test_make_dir ();
  f->db = lapak_test_new_till (f->dir, "K1");
  org = lapak_test_login (f->db, "Org", "1234");
  g_assert_true (lapak_event_create (f->db, org, "BZR-1", "Bazar Kemerdekaan", LAPAK_EVENT_BAZAAR,
                                     1000, 100000, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_user_add (f->db, org, "Sari", LAPAK_ROLE_CASHIER, NULL, "1111", &error));
  g_assert_no_error (error);
  if (GPOINTER_TO_INT (user_data))
    {
      g_assert_true (lapak_tenant_add (f->db, org, &kll, &error));
      g_assert_no_error (error);
    }
  g_assert_true (lapak_shift_open (f->db, org, 0, NULL, &error));
  g_assert_no_error (error);

  f->window = lapak_window_new (NULL, f->db);
  lapak_test_gtk_present (GTK_WINDOW (f->window), 1366, 768);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  lapak_test_gtk_iterate ();
  g_clear_object (&f->db);
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GtkWidget *
user_row (Fixture    *f,
          const char *name)
{
  GtkWidget *list = child (f, "user_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (gtk_widget_get_name (row), name))
      return row;
  g_error ("No row for user %s", name);
  return NULL;
}

static void
type_keys (LapakKeypad *keypad,
           const char  *digits)
{
  for (const char *k = digits; *k != '\0'; k++)
    {
      char key[2] = { *k, '\0' };

      lapak_keypad_press (keypad, key);
    }
  lapak_test_gtk_iterate ();
}

static void
log_in (Fixture    *f,
        const char *name,
        const char *pin)
{
  g_signal_emit_by_name (child (f, "user_list"), "row-activated", user_row (f, name));
  lapak_test_gtk_iterate ();
  type_keys (child (f, "login_keypad"), pin);
  lapak_test_gtk_click (child (f, "login_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
}

/* Touches @entry, then types @digits on @keypad, which must follow it. */
static void
keypad_type (LapakKeypad *keypad,
             GtkWidget   *entry,
             const char  *digits)
{
  gtk_widget_grab_focus (entry);
  lapak_test_gtk_iterate ();
  g_assert_true (lapak_keypad_get_target (keypad) == GTK_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  type_keys (keypad, digits);
}

/* What the system's on-screen keyboard would type. */
static void
type_text (GtkWidget  *entry,
           const char *text)
{
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  lapak_test_gtk_iterate ();
}

static void
assert_message (GtkWidget  *label,
                gboolean    error,
                const char *contains)
{
  g_assert_true (gtk_widget_get_mapped (label));
  if (!gtk_widget_has_css_class (label, error ? "error" : "success"))
    g_error ("“%s” should be %s", gtk_label_get_text (GTK_LABEL (label)), error ? "an error" : "a success");
  if (contains != NULL && strstr (gtk_label_get_text (GTK_LABEL (label)), contains) == NULL)
    g_error ("“%s” does not mention “%s”", gtk_label_get_text (GTK_LABEL (label)), contains);
}

static void
open_section (Fixture    *f,
              const char *id)
{
  g_autofree char *tile = g_strconcat ("tile_", id, NULL);
  GtkWidget *button = lapak_window_get_manage_button (f->window);

  if (g_strcmp0 (lapak_window_get_page (f->window), "manage") != 0)
    {
      g_assert_true (gtk_widget_get_visible (button));
      lapak_test_gtk_click (button);
      g_assert_cmpstr (lapak_window_get_page (f->window), ==, "manage");
    }
  lapak_test_gtk_click (lapak_manage_page_get_widget (manage (f), tile));
  g_assert_true (gtk_widget_get_mapped (section (f, id)));
}

static LapakTenant *
db_tenant (Fixture    *f,
           const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tenants = lapak_tenant_list (f->db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < tenants->len; i++)
    if (g_str_equal (((LapakTenant *) g_ptr_array_index (tenants, i))->code, code))
      return g_ptr_array_steal_index (tenants, i);
  return NULL;
}

static char *
digest (Fixture *f)
{
  return lapak_test_db_digest (lapak_db_get_path (f->db));
}

/* ---------- who sees "Manage" ---------- */

static void
test_cashier_no_manage (Fixture       *f,
                        gconstpointer  user_data)
{
  GtkWidget *button = lapak_window_get_manage_button (f->window);

  log_in (f, "Sari", "1111");
  g_assert_false (gtk_widget_get_visible (button));
  lapak_window_log_out (f->window);
  lapak_test_gtk_iterate ();
  log_in (f, "Org", "1234");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_drawable (button));
  lapak_test_gtk_click (button);
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "manage-hub.png");
  /* Back to selling; the organiser's screens forget them on leaving. */
  lapak_test_gtk_click (lapak_manage_page_get_widget (manage (f), "back_button"));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "sell");
}

/* ---------- tenants ---------- */

static void
test_tenants (Fixture       *f,
              gconstpointer  user_data)
{
  LapakManageTenants *page;
  LapakKeypad *keypad;
  g_autoptr(LapakTenant) t = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int64_t balance = 0;

  log_in (f, "Org", "1234");
  open_section (f, "tenants");
  page = section (f, "tenants");
  keypad = tenants_w (f, "keypad");

  /* A new tenant: text by the on-screen keyboard, numbers on the keypad. */
  lapak_test_gtk_click (tenants_w (f, "new_button"));
  type_text (tenants_w (f, "code_entry"), "kopi");
  type_text (tenants_w (f, "name_entry"), "Kopi Biji Salak Turi");
  keypad_type (keypad, tenants_w (f, "phone_entry"), "081300002202");
  type_text (tenants_w (f, "bank_entry"), "BCA 0000012345");
  keypad_type (keypad, tenants_w (f, "booth_fee_entry"), "250000");
  lapak_test_gtk_click (tenants_w (f, "save_button"));
  assert_message (tenants_w (f, "message_label"), FALSE, "KOPI");
  g_assert_nonnull (lapak_manage_tenants_get_row (page, "KOPI"));
  t = db_tenant (f, "KOPI");
  g_assert_nonnull (t);
  g_assert_cmpstr (t->name, ==, "Kopi Biji Salak Turi");
  g_assert_cmpstr (t->phone, ==, "081300002202");
  g_assert_cmpstr (t->bank_account, ==, "BCA 0000012345");
  g_assert_true (t->joined);
  g_assert_cmpint (t->commission_bp, ==, 1000);
  g_assert_cmpint (t->booth_fee, ==, 250000);

  /* The search finds it by name. */
  type_text (tenants_w (f, "search_entry"), "salak");
  g_signal_emit_by_name (tenants_w (f, "search_entry"), "search-changed");
  lapak_test_gtk_iterate ();
  g_assert_true (gtk_widget_get_child_visible (lapak_manage_tenants_get_row (page, "KOPI")));
  g_assert_false (gtk_widget_get_child_visible (lapak_manage_tenants_get_row (page, "KLL")));
  type_text (tenants_w (f, "search_entry"), "");
  g_signal_emit_by_name (tenants_w (f, "search_entry"), "search-changed");
  lapak_test_gtk_iterate ();

  /* Its bank account changes. */
  g_signal_emit_by_name (tenants_w (f, "tenant_list"), "row-activated", lapak_manage_tenants_get_row (page, "KOPI"));
  lapak_test_gtk_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (tenants_w (f, "bank_entry")), ==, "BCA 0000012345");
  g_assert_false (gtk_widget_get_sensitive (tenants_w (f, "code_entry")));
  type_text (tenants_w (f, "bank_entry"), "Mandiri 000-00-0000999-1");
  lapak_test_gtk_click (tenants_w (f, "save_button"));
  assert_message (tenants_w (f, "message_label"), FALSE, "KOPI");
  g_clear_pointer (&t, lapak_tenant_free);
  t = db_tenant (f, "KOPI");
  g_assert_cmpstr (t->bank_account, ==, "Mandiri 000-00-0000999-1");
  g_assert_cmpstr (t->phone, ==, "081300002202");
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "manage-tenants.png");

  /* A mistyped phone number is refused and changes nothing. */
  before = digest (f);
  type_text (tenants_w (f, "phone_entry"), "0813-OO02");
  lapak_test_gtk_click (tenants_w (f, "save_button"));
  assert_message (tenants_w (f, "message_label"), TRUE, "0813-OO02");
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  /* KOPI leaves the event (its booth fee comes back) and joins at 15 %. */
  g_signal_emit_by_name (tenants_w (f, "tenant_list"), "row-activated", lapak_manage_tenants_get_row (page, "KOPI"));
  lapak_test_gtk_iterate ();
  lapak_test_gtk_click (tenants_w (f, "leave_button"));
  assert_message (tenants_w (f, "message_label"), FALSE, "KOPI");
  g_clear_pointer (&t, lapak_tenant_free);
  t = db_tenant (f, "KOPI");
  g_assert_false (t->joined);
  g_assert_true (lapak_tenant_balance (f->db, "KOPI", &balance, NULL));
  g_assert_cmpint (balance, ==, 0);
  g_assert_true (gtk_widget_get_sensitive (tenants_w (f, "join_button")));
  keypad_type (keypad, tenants_w (f, "commission_entry"), "15");
  keypad_type (keypad, tenants_w (f, "booth_fee_entry"), "0");
  lapak_test_gtk_click (tenants_w (f, "join_button"));
  assert_message (tenants_w (f, "message_label"), FALSE, "KOPI");
  g_clear_pointer (&t, lapak_tenant_free);
  t = db_tenant (f, "KOPI");
  g_assert_true (t->joined);
  g_assert_cmpint (t->commission_bp, ==, 1500);
  g_assert_cmpint (t->booth_fee, ==, 0);
}

/* ---------- users ---------- */

static void
test_users (Fixture       *f,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) lina = NULL;
  g_autoptr(LapakUser) sari = NULL;
  LapakManageUsers *page;
  LapakKeypad *keypad;
  GtkWidget *row;

  /* Sari is locked out by five wrong PINs. */
  for (int i = 0; i < LAPAK_PIN_MAX_FAILURES; i++)
    {
      g_assert_null (lapak_auth_login (f->db, "Sari", "9999", &error));
      g_clear_error (&error);
    }
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT locked FROM user WHERE name = 'Sari'"), ==, 1);

  log_in (f, "Org", "1234");
  open_section (f, "users");
  page = section (f, "users");
  keypad = users_w (f, "keypad");

  /* A tenant user for KLL, its PIN typed twice; a mismatch first. */
  lapak_test_gtk_click (users_w (f, "new_button"));
  type_text (users_w (f, "name_entry"), "Lina");
  gtk_drop_down_set_selected (users_w (f, "role_dropdown"), 3);
  lapak_test_gtk_iterate ();
  g_assert_true (gtk_widget_get_mapped (users_w (f, "tenant_dropdown")));
  gtk_drop_down_set_selected (users_w (f, "tenant_dropdown"), 0);
  keypad_type (keypad, users_w (f, "pin_entry"), "5555");
  keypad_type (keypad, users_w (f, "pin_again_entry"), "5556");
  lapak_test_gtk_click (users_w (f, "add_button"));
  assert_message (users_w (f, "message_label"), TRUE, NULL);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM user WHERE name = 'Lina'"), ==, 0);
  keypad_type (keypad, users_w (f, "pin_again_entry"), "5555");
  lapak_test_gtk_click (users_w (f, "add_button"));
  assert_message (users_w (f, "message_label"), FALSE, "Lina");
  g_assert_nonnull (lapak_manage_users_get_row (page, "Lina"));
  lina = lapak_auth_login (f->db, "Lina", "5555", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lapak_user_get_role (lina), ==, LAPAK_ROLE_TENANT);
  g_assert_cmpstr (lapak_user_get_tenant (lina), ==, "KLL");

  /* Sari's row says locked; unlocking lets her in again. */
  row = lapak_manage_users_get_row (page, "Sari");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)), "error"));
  g_signal_emit_by_name (users_w (f, "user_list"), "row-activated", row);
  lapak_test_gtk_iterate ();
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "manage-users.png");
  lapak_test_gtk_click (users_w (f, "unlock_button"));
  assert_message (users_w (f, "message_label"), FALSE, "Sari");
  g_assert_false (gtk_widget_get_sensitive (users_w (f, "unlock_button")));
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT locked FROM user WHERE name = 'Sari'"), ==, 0);
  sari = lapak_auth_login (f->db, "Sari", "1111", &error);
  g_assert_no_error (error);

  /* The last organiser cannot be deactivated: the core says why. */
  g_signal_emit_by_name (users_w (f, "user_list"), "row-activated", lapak_manage_users_get_row (page, "Org"));
  lapak_test_gtk_iterate ();
  lapak_test_gtk_click (users_w (f, "deactivate_button"));
  g_assert_nonnull (lapak_manage_users_get_dialog (page));
  adw_message_dialog_response (lapak_manage_users_get_dialog (page), "deactivate");
  lapak_test_gtk_iterate ();
  assert_message (users_w (f, "message_label"), TRUE, "Org");
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT active FROM user WHERE name = 'Org'"), ==, 1);

  /* Lina is deactivated and can no longer log in. */
  g_signal_emit_by_name (users_w (f, "user_list"), "row-activated", lapak_manage_users_get_row (page, "Lina"));
  lapak_test_gtk_iterate ();
  lapak_test_gtk_click (users_w (f, "deactivate_button"));
  adw_message_dialog_response (lapak_manage_users_get_dialog (page), "deactivate");
  lapak_test_gtk_iterate ();
  assert_message (users_w (f, "message_label"), FALSE, "Lina");
  g_assert_null (lapak_manage_users_get_row (page, "Lina"));
  g_assert_null (lapak_auth_login (f->db, "Lina", "5555", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
}

/* ---------- events ---------- */

static void
test_events (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(LapakEvent) active = NULL;
  LapakManageEvents *page;
  LapakKeypad *keypad;
  int64_t events;

  log_in (f, "Org", "1234");
  open_section (f, "events");
  page = section (f, "events");
  keypad = events_w (f, "keypad");
  events = lapak_test_query_int (f->db, "SELECT COUNT(*) FROM event");

  lapak_test_gtk_click (events_w (f, "new_button"));
  type_text (events_w (f, "code_entry"), "PAMERAN-27");
  type_text (events_w (f, "name_entry"), "Pameran UMKM Demak");
  gtk_drop_down_set_selected (events_w (f, "kind_dropdown"), 1);
  keypad_type (keypad, events_w (f, "commission_entry"), "12");
  keypad_type (keypad, events_w (f, "booth_fee_entry"), "300000");

  /* A mistyped QRIS is flagged as typed, and refused. */
  type_text (events_w (f, "qris_entry"), MISTYPED_QRIS);
  assert_message (events_w (f, "qris_label"), TRUE, NULL);
  lapak_test_gtk_click (events_w (f, "create_button"));
  assert_message (events_w (f, "message_label"), TRUE, NULL);
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "manage-events-bad-qris.png");
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM event"), ==, events);

  /* The right one names its merchant, and the event is created and active. */
  type_text (events_w (f, "qris_entry"), STATIC_QRIS);
  assert_message (events_w (f, "qris_label"), FALSE, "Warung Sayur Bu Sugeng");
  lapak_test_gtk_click (events_w (f, "create_button"));
  assert_message (events_w (f, "message_label"), FALSE, "PAMERAN-27");
  g_assert_nonnull (lapak_manage_events_get_row (page, "PAMERAN-27"));
  active = lapak_event_get_active (f->db, NULL);
  g_assert_cmpstr (active->code, ==, "PAMERAN-27");
  g_assert_cmpint (active->kind, ==, LAPAK_EVENT_TRADING_HOUSE);
  g_assert_cmpint (active->commission_bp, ==, 1200);
  g_assert_cmpint (active->booth_fee, ==, 300000);
  g_assert_cmpstr (active->qris, ==, STATIC_QRIS);
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "manage-events.png");

  /* Back to the first event. */
  g_signal_emit_by_name (events_w (f, "event_list"), "row-activated", lapak_manage_events_get_row (page, "BZR-1"));
  lapak_test_gtk_iterate ();
  lapak_test_gtk_click (events_w (f, "use_button"));
  assert_message (events_w (f, "message_label"), FALSE, "BZR-1");
  g_clear_pointer (&active, lapak_event_free);
  active = lapak_event_get_active (f->db, NULL);
  g_assert_cmpstr (active->code, ==, "BZR-1");
}

/* ---------- editing an event's terms (docs/terms.md) ---------- */

static gboolean
is_sensitive (Fixture    *f,
              const char *name)
{
  return gtk_widget_is_sensitive (events_w (f, name));
}

static void
test_events_edit (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(LapakEvent) active = NULL;
  g_autoptr(LapakTenant) kll = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  LapakManageEvents *page;
  LapakKeypad *keypad;
  int64_t balance = 0;

  log_in (f, "Org", "1234");
  open_section (f, "events");
  page = section (f, "events");
  keypad = events_w (f, "keypad");

  /* A chosen event is shown, not editable, until "Edit". */
  g_signal_emit_by_name (events_w (f, "event_list"), "row-activated", lapak_manage_events_get_row (page, "BZR-1"));
  lapak_test_gtk_iterate ();
  g_assert_false (is_sensitive (f, "name_entry"));
  g_assert_false (is_sensitive (f, "commission_entry"));
  g_assert_true (gtk_widget_get_mapped (events_w (f, "edit_button")));
  g_assert_false (gtk_widget_get_visible (events_w (f, "save_button")));
  lapak_test_gtk_click (events_w (f, "edit_button"));
  g_assert_true (is_sensitive (f, "name_entry"));
  g_assert_true (is_sensitive (f, "commission_entry"));
  g_assert_true (is_sensitive (f, "booth_fee_entry"));
  g_assert_true (is_sensitive (f, "qris_entry"));
  /* the code and kind are the event's for good */
  g_assert_false (is_sensitive (f, "code_entry"));
  g_assert_false (is_sensitive (f, "kind_dropdown"));
  g_assert_true (gtk_widget_get_mapped (events_w (f, "edit_note")));
  g_assert_true (gtk_widget_get_mapped (events_w (f, "save_button")));
  g_assert_false (gtk_widget_get_visible (events_w (f, "use_button")));

  /* Refusals save nothing: a mistyped QRIS, a commission over 100 %. */
  before = digest (f);
  type_text (events_w (f, "qris_entry"), MISTYPED_QRIS);
  lapak_test_gtk_click (events_w (f, "save_button"));
  assert_message (events_w (f, "message_label"), TRUE, NULL);
  type_text (events_w (f, "qris_entry"), "");
  keypad_type (keypad, events_w (f, "commission_entry"), "150");
  lapak_test_gtk_click (events_w (f, "save_button"));
  assert_message (events_w (f, "message_label"), TRUE, "100");
  g_assert_true (gtk_widget_get_mapped (events_w (f, "save_button")));
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  /* Cancel puts back what is stored. */
  type_text (events_w (f, "name_entry"), "Salah Ketik");
  lapak_test_gtk_click (events_w (f, "cancel_button"));
  g_assert_cmpstr (gtk_editable_get_text (events_w (f, "name_entry")), ==, "Bazar Kemerdekaan");
  g_assert_false (is_sensitive (f, "name_entry"));
  g_clear_pointer (&after, g_free);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  /* Saved: the event's terms change, the tenant already in keeps its own. */
  lapak_test_gtk_click (events_w (f, "edit_button"));
  type_text (events_w (f, "name_entry"), "Bazar Kemerdekaan 2026");
  keypad_type (keypad, events_w (f, "commission_entry"), "15");
  keypad_type (keypad, events_w (f, "booth_fee_entry"), "125000");
  type_text (events_w (f, "qris_entry"), STATIC_QRIS);
  assert_message (events_w (f, "qris_label"), FALSE, "Warung Sayur Bu Sugeng");
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "manage-events-edit.png");
  lapak_test_gtk_click (events_w (f, "save_button"));
  assert_message (events_w (f, "message_label"), FALSE, "BZR-1");
  g_assert_false (gtk_widget_get_visible (events_w (f, "save_button")));
  g_assert_false (is_sensitive (f, "name_entry"));
  active = lapak_event_get_active (f->db, NULL);
  g_assert_cmpstr (active->code, ==, "BZR-1");
  g_assert_cmpstr (active->name, ==, "Bazar Kemerdekaan 2026");
  g_assert_cmpint (active->commission_bp, ==, 1500);
  g_assert_cmpint (active->booth_fee, ==, 125000);
  g_assert_cmpstr (active->qris, ==, STATIC_QRIS);
  kll = db_tenant (f, "KLL");
  g_assert_cmpint (kll->commission_bp, ==, 1000);
  g_assert_cmpint (kll->booth_fee, ==, 100000);
  g_assert_true (lapak_tenant_balance (f->db, "KLL", &balance, NULL));
  g_assert_cmpint (balance, ==, -100000);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM journal WHERE type = 'terms'"), ==, 1);
  /* the form shows what was stored */
  g_assert_cmpstr (gtk_editable_get_text (events_w (f, "booth_fee_entry")), ==, "125000");
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "manage-events-edited.png");
}

/* ---------- a tenant's terms in the event (docs/terms.md) ---------- */

static void
test_tenant_terms (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) org = lapak_test_login (f->db, "Org", "1234");
  g_autoptr(LapakTenant) t = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *code = NULL;
  LapakProductSpec spec = { "KLL", NULL, "Keripik Lele 100 g", 15000, 10, NULL };
  LapakManageTenants *page;
  LapakKeypad *keypad;
  int64_t balance = 0;

  log_in (f, "Org", "1234");
  open_section (f, "tenants");
  page = section (f, "tenants");
  keypad = tenants_w (f, "keypad");
  g_signal_emit_by_name (tenants_w (f, "tenant_list"), "row-activated", lapak_manage_tenants_get_row (page, "KLL"));
  lapak_test_gtk_iterate ();

  /* In the event: "Change terms", the fields show its terms. */
  g_assert_cmpstr (gtk_button_get_label (tenants_w (f, "join_button")), ==, _("Change terms"));
  g_assert_true (gtk_widget_is_sensitive (tenants_w (f, "commission_entry")));
  g_assert_cmpstr (gtk_editable_get_text (tenants_w (f, "booth_fee_entry")), ==, "100000");
  keypad_type (keypad, tenants_w (f, "commission_entry"), "12");
  keypad_type (keypad, tenants_w (f, "booth_fee_entry"), "150000");
  lapak_test_gtk_click (tenants_w (f, "join_button"));
  assert_message (tenants_w (f, "message_label"), FALSE, "KLL");
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "manage-tenant-terms.png");
  t = db_tenant (f, "KLL");
  g_assert_cmpint (t->commission_bp, ==, 1200);
  g_assert_cmpint (t->booth_fee, ==, 150000);
  /* the fee charged stays; the difference is its own entry */
  g_assert_true (lapak_tenant_balance (f->db, "KLL", &balance, NULL));
  g_assert_cmpint (balance, ==, -150000);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM account_entry "
                                                "WHERE tenant_code = 'KLL' AND kind = 'booth_fee'"), ==, 2);

  /* Once it has sold, its commission waits for the settlement. */
  code = lapak_product_add (f->db, org, &spec, &error);
  g_assert_no_error (error);
  {
    g_autoptr(LapakCart) cart = lapak_cart_new (f->db, &error);
    g_autoptr(LapakSale) sale = NULL;

    g_assert_true (lapak_cart_scan (cart, code, &error));
    g_assert_true (lapak_cart_add_payment (cart, LAPAK_PAY_CASH, lapak_cart_total (cart), NULL, &error));
    sale = lapak_sale_commit (f->db, org, cart, &error);
    g_assert_no_error (error);
  }
  before = digest (f);
  keypad_type (keypad, tenants_w (f, "commission_entry"), "15");
  lapak_test_gtk_click (tenants_w (f, "join_button"));
  assert_message (tenants_w (f, "message_label"), TRUE, "KLL");
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&t, lapak_tenant_free);
  t = db_tenant (f, "KLL");
  g_assert_cmpint (t->commission_bp, ==, 1200);
}

/* ---------- CSV export at the kiosk, read back by the import ---------- */

static gpointer
bar_w (GtkWidget  *bar,
       const char *name)
{
  GtkWidget *w = lapak_export_bar_get_widget (LAPAK_EXPORT_BAR (bar), name);

  g_assert_nonnull (w);
  return w;
}

/* Exports with @bar to @path in the style the check says, and checks what
 * the person is told: @n rows written there. */
static void
export_to (GtkWidget  *bar,
           const char *path,
           gboolean    excel,
           guint       n)
{
  g_autofree char *told = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u row to %s.",
                                                        "Exported %u rows to %s.", n), n, path);

  type_text (bar_w (bar, "export_path_entry"), path);
  gtk_check_button_set_active (bar_w (bar, "export_excel_check"), excel);
  lapak_test_gtk_iterate ();
  lapak_test_gtk_click (bar_w (bar, "export_button"));
  assert_message (bar_w (bar, "export_message"), FALSE, NULL);
  g_assert_cmpstr (gtk_label_get_text (bar_w (bar, "export_message")), ==, told);
}

static void
assert_preview_ok (LapakImportPreview *p,
                   guint               n)
{
  g_assert_nonnull (p);
  for (guint i = 0; i < p->rows->len; i++)
    {
      const LapakImportRow *r = g_ptr_array_index (p->rows, i);

      if (r->status != LAPAK_IMPORT_ROW_OK)
        g_error ("line %u refused: %s", r->line, r->message);
    }
  g_assert_cmpuint (p->n_errors, ==, 0);
  g_assert_cmpuint (p->n_ok, ==, n);
}

static void
test_export (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) org = lapak_test_login (f->db, "Org", "1234");
  g_autofree char *tenants_csv = g_build_filename (f->dir, "penyewa.csv", NULL);
  g_autofree char *products_csv = g_build_filename (f->dir, "produk.csv", NULL);
  g_autofree char *kll_csv = g_build_filename (f->dir, "produk-kll.csv", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no-stick", "penyewa.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *dir2 = lapak_test_make_dir ();
  g_autoptr(LapakDb) db2 = NULL;
  g_autoptr(LapakUser) org2 = NULL;
  g_autoptr(LapakImportPreview) tp = NULL;
  g_autoptr(LapakImportPreview) pp = NULL;
  g_autoptr(LapakImportPreview) kp = NULL;
  LapakTenantSpec kop = { "KOP", "Koperasi \"Maju\"; Jaya", "0812 3456 7890", "BCA 0123456789", 1250, 150000 };
  LapakProductSpec products[] = {
    { "KLL", "KL-1", "Keripik Lele 100 g", 15000, 12, NULL },
    { "KLL", "KL-2", "Keripik Lele, Pedas", 16500, 0, "4006381333931" },
    { "KOP", "K;01", "Kopi \"Gayo\" 250 g", 85000, 7, NULL },
  };
  GtkWidget *bar;
  guint n_tenants = 0;

  g_assert_true (lapak_tenant_add (f->db, org, &kop, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (products); i++)
    {
      g_autofree char *code = lapak_product_add (f->db, org, &products[i], &error);

      g_assert_no_error (error);
    }

  log_in (f, "Org", "1234");
  open_section (f, "tenants");
  bar = tenants_w (f, "export_bar");
  g_assert_true (gtk_widget_get_mapped (bar_w (bar, "export_button")));
  /* Excel (";" and a BOM) unless unticked; a file proposed */
  g_assert_true (gtk_check_button_get_active (bar_w (bar, "export_excel_check")));
  g_assert_true (g_str_has_suffix (gtk_editable_get_text (bar_w (bar, "export_path_entry")), "tenants.csv"));

  /* A folder that is not there: said, nothing written. */
  type_text (bar_w (bar, "export_path_entry"), nowhere);
  lapak_test_gtk_click (bar_w (bar, "export_button"));
  assert_message (bar_w (bar, "export_message"), TRUE, "no-stick");
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  export_to (bar, tenants_csv, TRUE, 2);
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "manage-tenants-export.png");
  g_assert_true (g_file_get_contents (tenants_csv, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "code;name;"));
  g_assert_nonnull (strstr (contents, "KOP;"));
  g_clear_pointer (&contents, g_free);

  /* Products, from the organiser's products page: every tenant's, then KLL's, plain. */
  lapak_test_gtk_click (lapak_manage_page_get_widget (manage (f), "back_button"));
  lapak_test_gtk_click (lapak_window_get_products_button (f->window));
  g_assert_cmpstr (lapak_window_get_page (f->window), ==, "products");
  bar = lapak_products_page_get_widget (lapak_window_get_products_page (f->window), "export_bar");
  g_assert_true (gtk_widget_get_mapped (bar));
  g_assert_true (g_str_has_suffix (gtk_editable_get_text (bar_w (bar, "export_path_entry")), "products.csv"));
  export_to (bar, products_csv, TRUE, 3);
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "products-export.png");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (lapak_products_page_get_widget (lapak_window_get_products_page (f->window),
                                                                            "tenant_dropdown")), 1);
  lapak_test_gtk_iterate ();
  g_assert_cmpstr (lapak_products_page_get_tenant (lapak_window_get_products_page (f->window)), ==, "KLL");
  g_assert_true (g_str_has_suffix (gtk_editable_get_text (bar_w (bar, "export_path_entry")), "products-KLL.csv"));
  export_to (bar, kll_csv, FALSE, 2);
  g_assert_true (g_file_get_contents (kll_csv, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "code,"));
  g_assert_null (strstr (contents, "KOP"));

  /* Round trip: a fresh till's import preview accepts every file. */
  db2 = lapak_test_new_till (dir2, "K9");
  org2 = lapak_test_login (db2, "Org", "1234");
  g_assert_true (lapak_event_create (db2, org2, "BZR-2", "Bazar Dua", LAPAK_EVENT_BAZAAR, 1000, 0, NULL, &error));
  g_assert_no_error (error);
  tp = lapak_import_preview_tenants (db2, org2, tenants_csv, &error);
  g_assert_no_error (error);
  assert_preview_ok (tp, 2);
  g_assert_true (lapak_import_tenants (db2, org2, tenants_csv, &n_tenants, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_tenants, ==, 2);
  pp = lapak_import_preview_products (db2, org2, products_csv, &error);
  g_assert_no_error (error);
  assert_preview_ok (pp, 3);
  kp = lapak_import_preview_products (db2, org2, kll_csv, &error);
  g_assert_no_error (error);
  assert_preview_ok (kp, 2);
  {
    g_autoptr(GPtrArray) tenants = lapak_tenant_list (db2, &error);
    gboolean found = FALSE;

    for (guint i = 0; i < tenants->len; i++)
      {
        const LapakTenant *t = g_ptr_array_index (tenants, i);

        if (g_str_equal (t->code, "KOP"))
          {
            found = TRUE;
            g_assert_cmpstr (t->name, ==, "Koperasi \"Maju\"; Jaya");
            g_assert_cmpstr (t->bank_account, ==, "BCA 0123456789");
            g_assert_cmpint (t->commission_bp, ==, 1250);
            g_assert_cmpint (t->booth_fee, ==, 150000);
          }
      }
    g_assert_true (found);
  }
  g_clear_object (&db2);
  lapak_test_remove_tree (dir2);
}

/* ---------- import ---------- */

static void
preview (Fixture    *f,
         const char *path)
{
  type_text (import_w (f, "path_entry"), path);
  lapak_test_gtk_click (import_w (f, "preview_button"));
}

static void
test_import (Fixture       *f,
             gconstpointer  user_data)
{
  LapakManageImport *page;
  const LapakImportPreview *p;
  g_autofree char *broken = lapak_test_write_file (f->dir, "penyewa-salah.csv", BROKEN_CSV);
  g_autofree char *good = lapak_test_write_file (f->dir, "penyewa.csv", TENANTS_CSV);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(LapakTenant) madu = NULL;
  g_autoptr(LapakTenant) mode = NULL;
  GListModel *shown;

  log_in (f, "Org", "1234");
  open_section (f, "import");
  page = section (f, "import");
  g_assert_true (gtk_toggle_button_get_active (import_w (f, "tenants_toggle")));

  /* The broken file: every row shown, the two bad ones with their line;
   * "Import" stays disabled and nothing is saved. */
  before = digest (f);
  preview (f, broken);
  p = lapak_manage_import_get_preview (page);
  g_assert_nonnull (p);
  g_assert_cmpuint (p->rows->len, ==, 8);
  g_assert_cmpuint (p->n_errors, ==, 2);
  shown = G_LIST_MODEL (gtk_column_view_get_model (import_w (f, "table")));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 8);
  for (guint i = 0; i < p->rows->len; i++)
    {
      const LapakImportRow *row = g_ptr_array_index (p->rows, i);
      g_autofree char *line = lapak_manage_import_cell_text (page, i, "line");
      g_autofree char *status = lapak_manage_import_cell_text (page, i, "status");
      g_autofree char *code = lapak_manage_import_cell_text (page, i, "code");

      g_assert_cmpuint (row->line, ==, i + 2);
      g_assert_cmpuint (g_ascii_strtoull (line, NULL, 10), ==, row->line);
      g_assert_nonnull (code);
      if (row->line == 4 || row->line == 9)
        {
          g_autofree char *where = g_strdup_printf ("penyewa-salah.csv:%u:", row->line);

          g_assert_cmpint (row->status, ==, LAPAK_IMPORT_ROW_ERROR);
          g_assert_nonnull (strstr (status, where));
        }
      else
        g_assert_cmpint (row->status, ==, LAPAK_IMPORT_ROW_OK);
    }
  g_assert_false (gtk_widget_get_sensitive (import_w (f, "import_button")));
  assert_message (import_w (f, "message_label"), TRUE, "penyewa-salah.csv:4:");
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "manage-import-broken.png");
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  /* The good file: twelve valid rows, then "Import" saves all twelve. */
  preview (f, good);
  p = lapak_manage_import_get_preview (page);
  g_assert_nonnull (p);
  g_assert_cmpuint (p->rows->len, ==, 12);
  g_assert_cmpuint (p->n_errors, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 12);
  assert_message (import_w (f, "message_label"), FALSE, "12");
  g_assert_true (gtk_widget_get_sensitive (import_w (f, "import_button")));
  lapak_test_gtk_screenshot (GTK_WIDGET (f->window), "manage-import.png");
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM tenant"), ==, 0);
  lapak_test_gtk_click (import_w (f, "import_button"));
  assert_message (import_w (f, "message_label"), FALSE, "12");
  g_assert_false (gtk_widget_get_sensitive (import_w (f, "import_button")));
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM tenant"), ==, 12);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM participation WHERE event_code = 'BZR-1'"),
                   ==, 12);
  madu = db_tenant (f, "MADU");
  g_assert_cmpint (madu->commission_bp, ==, 1250);
  g_assert_cmpstr (madu->bank_account, ==, "Mandiri 000-00-0000123-4");
  mode = db_tenant (f, "MODE");
  g_assert_cmpstr (mode->name, ==, "Rumah Mode Ayu, Konveksi & Jahit");
  g_assert_cmpint (mode->booth_fee, ==, 300000);

  /* The tenants screen lists them. */
  lapak_test_gtk_click (lapak_manage_page_get_widget (manage (f), "back_button"));
  open_section (f, "tenants");
  g_assert_nonnull (lapak_manage_tenants_get_row (section (f, "tenants"), "SGKT"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  lapak_test_gtk_init (&argc, &argv);

  g_test_add ("/kiosk-manage/cashier-no-manage", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_cashier_no_manage, fixture_tear_down);
  g_test_add ("/kiosk-manage/tenants", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_tenants, fixture_tear_down);
  g_test_add ("/kiosk-manage/users", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_users, fixture_tear_down);
  g_test_add ("/kiosk-manage/events", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_events, fixture_tear_down);
  g_test_add ("/kiosk-manage/events-edit", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_events_edit, fixture_tear_down);
  g_test_add ("/kiosk-manage/tenant-terms", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_tenant_terms, fixture_tear_down);
  g_test_add ("/kiosk-manage/export", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/kiosk-manage/import", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_import, fixture_tear_down);

  return g_test_run ();
}
