/* lapak-window.c — the till's one window: login, shift, sell, pay, done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window holds what the cashier is doing — who is logged in, the cart,
 * the payment being taken — and calls the core for every rule: PINs and
 * lockout, shifts, what a scan means, totals, payments, committing the sale.
 * It only shows the core's answers and messages.
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "lapak-auth.h"
#include "lapak-cart-item.h"
#include "lapak-error.h"
#include "lapak-keypad.h"
#include "lapak-ledger.h"
#include "lapak-money.h"
#include "lapak-print-job.h"
#include "lapak-print-settings.h"
#include "lapak-product-item.h"
#include "lapak-product-model.h"
#include "lapak-qr.h"   /* src/print's */
#include "lapak-qris.h"
#include "lapak-receipt.h"
#include "lapak-sale.h"
#include "lapak-settle-page.h"
#include "lapak-manage-page.h"
#include "lapak-sync-auto.h"
#include "lapak-sync-page.h"
#include "lapak-sync.h"
#include "lapak-shift.h"
#include "lapak-window.h"

/* How wide the QRIS code is drawn: big enough to scan from 50 cm (about
 * 9 cm on a 15" 1366×768 screen), small enough for the pay page to fit. */
#define QRIS_SIZE_PX 360

/* Receipt columns on the done page (an 80 mm printer's). */
#define RECEIPT_COLUMNS 48

/* How long a receipt job is followed before "the printer does not answer". */
#define PRINT_WAIT_MS 15000

typedef enum
{
  PRINTER_NOT_SET_UP,
  PRINTER_READY,
  PRINTER_PRINTING,
  PRINTER_CHECKING,
  PRINTER_WAITING,   /* CUPS keeps the job: the printer is stopped */
  PRINTER_ERROR,
} PrinterStatus;

struct _LapakWindow
{
  AdwApplicationWindow  parent_instance;

  LapakDb              *db;
  LapakEvent           *event;
  LapakUser            *user;
  LapakCart            *cart;
  GListStore           *cart_items;
  GHashTable           *tenant_names;   /* code → name */
  char                 *chosen_user;
  LapakPayMethod        method;
  GArray               *parts;              /* LapakPayment: a split payment so far */
  gboolean              drop_parts_armed;   /* "Back" tapped once with parts taken */
  gboolean              close_with_cart_armed;   /* "Close shift" tapped once with a cart */
  gboolean              kiosk;
  gboolean              close_when_approved;   /* leaving kiosk mode by closing the window */

  /* Idle lock: after this long without a key or a touch, back to login.
   * The cart waits for the same cashier to log in again. */
  guint                 idle_lock_seconds;   /* 0: never */
  gint64                last_activity;       /* monotonic µs */
  guint                 idle_source;
  LapakCart            *locked_cart;
  char                 *locked_cart_owner;

  /* Supervisor approval: what to do once approved, and where to go back. */
  void                (*approved) (LapakWindow *self, const LapakUser *approver);
  LapakCapability       approve_capability;
  char                 *approve_return_page;
  char                 *approve_chosen_user;

  /* Receipt printing: after each sale and from the history, in a worker
   * thread (lapak_print_submit_async); a sale never waits for a printer. */
  GCancellable         *print_cancellable;
  guint                 print_pending;         /* jobs not answered yet */
  PrinterStatus         printer_status;
  char                 *print_failed_sale;     /* its receipt did not print: the header button retries */
  gboolean              print_failed_reprint;
  guint                 print_retry_seconds;   /* how often the printer is asked while a receipt failed */
  guint                 print_retry_source;

  LapakProductModel    *products;       /* the search page's: the core's answer */
  GPtrArray            *search_tenants; /* tenant code per dropdown row; row 0, all: NULL */

  guint                 edit_line;      /* the cart line on the "line" page */
  int64_t               edit_amount;    /* the discount or price waiting for approval */

  char                 *history_sale;   /* the sale shown on the history page */
  LapakReceipt         *refund_receipt; /* the sale being refunded */
  GArray               *refund_qty;     /* int64_t per receipt line: units coming back */
  GArray               *refund_left;    /* LapakRefundable per receipt line, from the core */
  LapakPayMethod        refund_method;  /* how the money goes back */
  GtkWidget            *refund_method_buttons[LAPAK_PAY_N_METHODS];
  int64_t               history_shift;  /* the shift shown on the history page; 0: the open one */

  /* The organiser's settlement screen (lapak-settle-page.c). */
  GtkWidget            *settle_button;
  LapakSettlePage      *settle_page;
  /* The organiser's Manage screens (lapak-manage-page.c). */
  GtkWidget            *manage_button;
  LapakManagePage      *manage_page;

  /* Sync (lapak-sync-page.c): the organiser's header button and page, the
   * header's status, and "close anyway" on the shift-close page. */
  GtkWidget            *sync_button;
  LapakSyncPage        *sync_page;
  GtkLabel             *sync_status;
  LapakSyncAuto        *sync_auto;   /* a paired till's rounds by itself */
  GtkWidget            *force_close_box;
  GtkEntry             *force_reason_entry;

  /* Tenant self-service, and the products page of the organiser
   * (lapak-tenant-home.c, lapak-products-page.c, lapak-labels-page.c,
   * lapak-checkin-page.c). */
  GtkWidget            *products_button;
  LapakTenantHome      *tenant_home;
  LapakProductsPage    *products_page;
  LapakLabelsPage      *labels_page;
  LapakCheckinPage     *checkin_page;
  const char           *tenant_return;      /* the page "Back" on labels and check-in goes to */

  /* template children */
  AdwHeaderBar         *header_bar;
  GtkButton            *history_button;
  GtkButton            *close_shift_button;
  GtkButton            *refund_header_button;
  GtkEntry             *refund_sale_entry;
  GtkBox               *refund_lines_box;
  GtkLabel             *refund_message;
  GtkBox               *refund_box;
  GtkEntry             *refund_reason_entry;
  GtkBox               *refund_reasons_box;
  GtkButton            *refund_button;
  GtkButton            *refund_back_button;
  GtkFlowBox           *refund_methods_box;
  GtkLabel             *history_title_label;
  GtkBox               *history_shifts_box;
  AdwWindowTitle       *window_title;
  GtkButton            *logout_button;
  GtkButton            *print_button;
  GtkButton            *leave_kiosk_button;
  GtkLabel             *print_message;
  GtkButton            *reprint_button;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  AdwStatusPage        *cart_empty_page;
  GtkListBox           *user_list;
  GtkLabel             *login_user_label;
  GtkPasswordEntry     *pin_entry;
  GtkLabel             *login_message;
  LapakKeypad          *login_keypad;
  GtkButton            *login_button;
  GtkEntry             *float_entry;
  GtkLabel             *shift_message;
  LapakKeypad          *float_keypad;
  GtkButton            *open_shift_button;
  GtkEntry             *scan_entry;
  GtkButton            *search_button;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *tenant_dropdown;
  GtkButton            *search_back_button;
  GtkLabel             *search_count_label;
  GtkGridView          *search_grid;
  GtkLabel             *scan_message;
  GtkStack             *cart_stack;
  GtkListView          *cart_view;
  GdkFrameClock        *cart_scroll_clock;    /* while a scroll waits for layout */
  gulong                cart_scroll_handler;
  guint                 cart_scroll_to;
  GtkLabel             *total_label;
  GtkLabel             *items_label;
  GtkButton            *clear_button;
  GtkButton            *open_drawer_button;
  GtkLabel             *line_title_label;
  GtkLabel             *line_detail_label;
  GtkEntry             *line_amount_entry;
  GtkLabel             *line_message;
  LapakKeypad          *line_keypad;
  GtkButton            *line_discount_button;
  GtkButton            *line_price_button;
  GtkButton            *line_back_button;
  GtkEntry             *nosale_reason_entry;
  GtkBox               *nosale_reasons_box;
  GtkLabel             *nosale_message;
  GtkButton            *nosale_button;
  GtkButton            *nosale_back_button;
  GtkButton            *pay_button;
  GtkLabel             *pay_total_label;
  GtkLabel             *parts_label;
  GtkEntry             *part_amount_entry;
  GtkToggleButton      *method_cash;
  GtkToggleButton      *method_qris;
  GtkToggleButton      *method_transfer;
  GtkToggleButton      *method_card;
  GtkToggleButton      *method_ewallet;
  GtkStack             *method_stack;
  GtkFlowBox           *quick_cash_box;
  GtkEntry             *cash_entry;
  GtkLabel             *change_preview_label;
  GtkPicture           *qris_picture;
  GtkLabel             *qris_amount_label;
  GtkLabel             *qris_merchant_label;
  GtkEntry             *reference_entry;
  GtkLabel             *pay_message;
  LapakKeypad          *pay_keypad;
  GtkButton            *confirm_button;
  GtkButton            *back_button;
  GtkLabel             *done_title_label;
  GtkLabel             *change_label;
  GtkLabel             *done_detail_label;
  GtkLabel             *receipt_label;
  GtkButton            *next_button;
  GtkEntry             *count_entry;
  GtkLabel             *close_message;
  LapakKeypad          *count_keypad;
  GtkButton            *count_confirm_button;
  GtkButton            *count_back_button;
  GtkLabel             *z_title_label;
  GtkGrid              *z_grid;
  GtkButton            *z_done_button;
  GtkLabel             *approve_title_label;
  GtkListBox           *approve_user_list;
  GtkLabel             *approve_user_label;
  GtkPasswordEntry     *approve_pin_entry;
  GtkLabel             *approve_message;
  LapakKeypad          *approve_keypad;
  GtkButton            *approve_button;
  GtkButton            *approve_cancel_button;
  GtkListBox           *history_list;
  GtkLabel             *history_receipt_label;
  GtkLabel             *history_message;
  GtkBox               *void_box;
  GtkEntry             *void_reason_entry;
  GtkBox               *void_reasons_box;
  GtkButton            *void_button;
  GtkButton            *history_back_button;
};

G_DEFINE_FINAL_TYPE (LapakWindow, lapak_window, ADW_TYPE_APPLICATION_WINDOW)

/* Sync (below, "sync: USB stick and LAN"). */
static void sync_close_refused (LapakWindow *self);
static void sync_status_refresh (LapakWindow *self);
static void sync_record_made (LapakWindow *self);

static char *
format_money (int64_t amount)
{
  return lapak_money_format (amount, LAPAK_MONEY_STYLE_DEFAULT);
}

static void
show_message (LapakWindow *self,
              GtkLabel    *label,
              const char  *message)
{
  /* the sell page's message is also used for good news (a no-sale) */
  if (label == self->scan_message)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "message-ok");
      gtk_widget_add_css_class (GTK_WIDGET (label), "message-error");
    }
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
hide_message (LapakWindow *self,
              GtkLabel    *label)
{
  gtk_label_set_label (label, "");
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
}

static void
update_title (LapakWindow *self)
{
  g_autofree char *subtitle = NULL;
  const char *till = lapak_db_get_till_id (self->db);

  adw_window_title_set_title (self->window_title,
                              self->event != NULL ? self->event->name : _("No active event"));
  if (self->user != NULL)
    /* Translators: the header's subtitle: "Till K1 · Sari (Cashier)" */
    subtitle = g_strdup_printf (_("Till %s · %s (%s)"), till,
                                lapak_user_get_name (self->user),
                                lapak_role_display (lapak_user_get_role (self->user)));
  else
    /* Translators: the header's subtitle before anyone logs in */
    subtitle = g_strdup_printf (_("Till %s · nobody logged in"), till);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->logout_button), self->user != NULL);
}

/* ---------- receipt printer ---------- */

static void
set_printer_status (LapakWindow   *self,
                    PrinterStatus  status,
                    const char    *message)
{
  const char *label = NULL;

  self->printer_status = status;
  switch (status)
    {
    case PRINTER_NOT_SET_UP:
      /* Translators: the header's printer button */
      label = _("Printer: not set up");
      break;
    case PRINTER_READY:
      /* Translators: the header's printer button */
      label = _("Printer: ready");
      break;
    case PRINTER_PRINTING:
      /* Translators: the header's printer button while a receipt is sent */
      label = _("Printing…");
      break;
    case PRINTER_CHECKING:
      /* Translators: the header's printer button while asking CUPS */
      label = _("Printer: checking…");
      break;
    case PRINTER_WAITING:
      /* Translators: the header's printer button: a receipt waits in the queue */
      label = _("Printer: stopped");
      break;
    case PRINTER_ERROR:
    default:
      /* Translators: the header's printer button after a receipt did not print */
      label = _("Printer: error — tap to print again");
      break;
    }
  gtk_button_set_label (self->print_button, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->print_button), message);
  if (status == PRINTER_ERROR || status == PRINTER_WAITING)
    gtk_widget_add_css_class (GTK_WIDGET (self->print_button), "printer-error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->print_button), "printer-error");
  if (status == PRINTER_READY)
    gtk_widget_add_css_class (GTK_WIDGET (self->print_button), "printer-ready");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->print_button), "printer-ready");
  gtk_label_set_label (self->print_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->print_message), message != NULL);
}

typedef struct
{
  GWeakRef      window;
  GCancellable *cancellable;
  char         *sale_id;   /* NULL for a drawer kick */
  gboolean      reprint;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_weak_ref_clear (&job->window);
  g_clear_object (&job->cancellable);
  g_free (job->sale_id);
  g_free (job);
}

static void check_printer (LapakWindow *self);

static gboolean
print_retry_cb (gpointer data)
{
  LapakWindow *self = data;

  self->print_retry_source = 0;
  if (self->print_pending == 0 &&
      (self->print_failed_sale != NULL || self->printer_status == PRINTER_WAITING ||
       self->printer_status == PRINTER_ERROR))
    check_printer (self);
  return G_SOURCE_REMOVE;
}

/* A receipt that did not print is printed by itself once the printer is
 * back, and a stopped printer's status clears by itself: while something
 * is wrong the printer is asked again every so often. */
static void
schedule_print_retry (LapakWindow *self)
{
  if (self->print_retry_source == 0 && self->print_retry_seconds > 0)
    self->print_retry_source = g_timeout_add_seconds (self->print_retry_seconds, print_retry_cb, self);
}

static void
print_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      data)
{
  PrintJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakPrintResult) result = lapak_print_submit_finish (res, &error);
  g_autoptr(LapakWindow) self = g_weak_ref_get (&job->window);

  /* The window is gone or going: nobody to tell. */
  if (self == NULL || g_cancellable_is_cancelled (job->cancellable))
    {
      print_job_free (job);
      return;
    }
  self->print_pending--;
  if (result == NULL && g_error_matches (error, LAPAK_PRINT_ERROR, LAPAK_PRINT_ERROR_UNREACHABLE))
    {
      /* CUPS keeps the job and prints it when the printer answers: printing
       * it again would print it twice. */
      g_autofree char *message = job->sale_id != NULL
        ? g_strdup_printf (_("The receipt of sale %s waits for the printer. %s"), job->sale_id, error->message)
        : g_strdup_printf (_("Opening the drawer waits for the printer. %s"), error->message);

      set_printer_status (self, PRINTER_WAITING, message);
      schedule_print_retry (self);
    }
  else if (result == NULL && job->sale_id == NULL)
    {
      /* Translators: after a no-sale, when the printer that opens the drawer fails */
      g_autofree char *message = g_strdup_printf (_("The drawer did not open: %s"), error->message);

      set_printer_status (self, PRINTER_ERROR, message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      schedule_print_retry (self);
    }
  else if (result == NULL)
    {
      /* Translators: %s is the sale, then the print service's own message */
      g_autofree char *message = g_strdup_printf (_("Sale %s is saved, its receipt did not print: %s"),
                                                  job->sale_id, error->message);

      g_free (self->print_failed_sale);
      self->print_failed_sale = g_strdup (job->sale_id);
      self->print_failed_reprint = job->reprint;
      set_printer_status (self, PRINTER_ERROR, message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      schedule_print_retry (self);
    }
  else
    {
      if (g_strcmp0 (self->print_failed_sale, job->sale_id) == 0)
        g_clear_pointer (&self->print_failed_sale, g_free);
      if (result->outcome == LAPAK_JOB_QUEUED)
        {
          /* Translators: %s is the sale, then the print service's own message */
          g_autofree char *message = job->sale_id != NULL
            ? g_strdup_printf (_("The receipt of sale %s waits for the printer. %s"), job->sale_id, result->message)
            : g_strdup_printf (_("Opening the drawer waits for the printer. %s"), result->message);

          set_printer_status (self, PRINTER_WAITING, message);
          schedule_print_retry (self);
        }
      else if (self->print_pending == 0 && self->print_failed_sale == NULL)
        set_printer_status (self, PRINTER_READY, NULL);
      else if (self->print_pending == 0)
        {
          g_autofree char *message = g_strdup_printf (_("The receipt of sale %s has not printed yet: tap the "
                                                        "printer button to print it."),
                                                      self->print_failed_sale);

          set_printer_status (self, PRINTER_ERROR, message);
          schedule_print_retry (self);
        }
    }
  print_job_free (job);
}

/* Prints the receipt of @sale_id on this till's receipt printer, in the
 * background. FALSE (with @error) when nothing could be sent: no printer
 * set up, or the receipt could not be made. */
static gboolean
print_receipt (LapakWindow  *self,
               const char   *sale_id,
               gboolean      reprint,
               GError      **error)
{
  g_autoptr(LapakPrintSettings) settings = NULL;
  g_autoptr(LapakReceipt) receipt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *format = NULL;
  PrintJob *job;

  if (!(settings = lapak_print_settings_load (self->db, error)))
    return FALSE;
  if (settings->receipt_queue == NULL)
    {
      set_printer_status (self, PRINTER_NOT_SET_UP, NULL);
      g_set_error_literal (error, LAPAK_ERROR, LAPAK_ERROR_STATE,
                           _("This till has no receipt printer. A supervisor or organiser sets one with "
                             "“lapakctl printers set --receipt QUEUE”."));
      return FALSE;
    }
  if (!(receipt = lapak_receipt_load (self->db, sale_id, error)))
    return FALSE;
  receipt->reprint = reprint;
  if (!(bytes = lapak_print_settings_receipt (settings, receipt, &format, error)))
    return FALSE;

  job = g_new0 (PrintJob, 1);
  g_weak_ref_init (&job->window, self);
  job->cancellable = g_object_ref (self->print_cancellable);
  job->sale_id = g_strdup (sale_id);
  job->reprint = reprint;
  self->print_pending++;
  set_printer_status (self, PRINTER_PRINTING, NULL);
  lapak_print_submit_async (settings->receipt_queue, sale_id, format, NULL, bytes, PRINT_WAIT_MS,
                            self->print_cancellable, print_done_cb, job);
  return TRUE;
}

/* The printer's state, asked in a worker thread: CUPS may be slow. */
static void
printer_check_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *printers = lapak_printer_list (&error);

  if (printers == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, printers, (GDestroyNotify) g_ptr_array_unref);
}

static void
printer_check_done_cb (GObject      *source,
                       GAsyncResult *res,
                       gpointer      data)
{
  PrintJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) printers = g_task_propagate_pointer (G_TASK (res), &error);
  g_autoptr(LapakWindow) self = g_weak_ref_get (&job->window);
  const char *queue = job->sale_id;   /* here: the queue */
  LapakPrinter *printer = NULL;
  g_autofree char *problem = NULL;

  if (self == NULL || g_cancellable_is_cancelled (job->cancellable) || self->print_pending > 0)
    {
      print_job_free (job);
      return;
    }
  if (printers == NULL)
    {
      set_printer_status (self, PRINTER_ERROR, error->message);
      schedule_print_retry (self);
      print_job_free (job);
      return;
    }
  for (guint i = 0; i < printers->len && printer == NULL; i++)
    if (g_strcmp0 (((LapakPrinter *) g_ptr_array_index (printers, i))->name, queue) == 0)
      printer = g_ptr_array_index (printers, i);
  if (printer == NULL)
    problem = g_strdup_printf (_("There is no printer queue “%s”: add the printer in CUPS, "
                                 "or choose another one with “lapakctl printers set”."),
                               queue);
  else if (!printer->accepting)
    problem = g_strdup_printf (_("The printer “%s” refuses new jobs. Let it accept jobs "
                                 "again (“cupsaccept %s”)."),
                               queue, queue);
  else if (printer->state == LAPAK_PRINTER_STOPPED)
    problem = g_strdup_printf (_("The printer “%s” is stopped%s%s. Receipts wait in its "
                                 "queue until it is enabled again (“cupsenable %s”)."),
                               queue, printer->state_message ? ": " : "",
                               printer->state_message ? printer->state_message : "", queue);

  if (problem != NULL && self->print_failed_sale != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Sale %s is saved, its receipt did not print: %s"),
                                                  self->print_failed_sale, problem);

      set_printer_status (self, PRINTER_ERROR, message);
    }
  else if (problem != NULL)
    set_printer_status (self, printer != NULL && printer->accepting ? PRINTER_WAITING : PRINTER_ERROR, problem);
  else if (self->print_failed_sale != NULL)
    {
      /* back: the receipt that failed prints now */
      g_autoptr(GError) local_error = NULL;
      g_autofree char *sale = g_strdup (self->print_failed_sale);

      if (!print_receipt (self, sale, self->print_failed_reprint, &local_error))
        set_printer_status (self, PRINTER_ERROR, local_error->message);
    }
  else
    set_printer_status (self, PRINTER_READY, NULL);
  if (self->print_pending == 0 && self->printer_status != PRINTER_READY)
    schedule_print_retry (self);
  print_job_free (job);
}

static void
check_printer (LapakWindow *self)
{
  g_autoptr(LapakPrintSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  PrintJob *job;

  if (!(settings = lapak_print_settings_load (self->db, &error)))
    {
      set_printer_status (self, PRINTER_ERROR, error->message);
      return;
    }
  if (settings->receipt_queue == NULL)
    {
      set_printer_status (self, PRINTER_NOT_SET_UP, NULL);
      return;
    }
  job = g_new0 (PrintJob, 1);
  g_weak_ref_init (&job->window, self);
  job->cancellable = g_object_ref (self->print_cancellable);
  job->sale_id = g_strdup (settings->receipt_queue);
  if (self->print_pending == 0)
    {
      /* the message stays until the answer */
      g_autofree char *shown = g_strdup (gtk_label_get_label (self->print_message));

      set_printer_status (self, PRINTER_CHECKING, *shown != '\0' ? shown : NULL);
    }
  task = g_task_new (NULL, self->print_cancellable, printer_check_done_cb, job);
  g_task_run_in_thread (task, printer_check_thread);
}

/* The header's printer button: print again what failed, else look at the
 * printer again. */
static void
print_button_clicked_cb (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->db == NULL)
    return;
  if (self->print_failed_sale != NULL)
    {
      g_autofree char *sale = g_strdup (self->print_failed_sale);

      if (!print_receipt (self, sale, self->print_failed_reprint, &error))
        set_printer_status (self, PRINTER_ERROR, error->message);
      return;
    }
  check_printer (self);
}

/* ---------- login ---------- */

static void
choose_user (LapakWindow *self,
             const char  *name)
{
  g_autofree char *prompt = NULL;

  g_free (self->chosen_user);
  self->chosen_user = g_strdup (name);
  /* Translators: above the PIN pad once a user is chosen */
  prompt = g_strdup_printf (_("PIN for %s"), name);
  gtk_label_set_label (self->login_user_label, prompt);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  hide_message (self, self->login_message);
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
}

static GtkWidget *
user_row_new (const LapakUserInfo *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (info->name);
  GtkWidget *role;
  g_autofree char *role_text = NULL;

  if (info->locked)
    /* Translators: a user's role on the login list, when locked after wrong PINs */
    role_text = g_strdup_printf (_("%s — locked"), lapak_role_display (info->role));
  else
    role_text = g_strdup (lapak_role_display (info->role));
  role = gtk_label_new (role_text);

  gtk_widget_add_css_class (name, "user-name");
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (role, info->locked ? "error" : "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), role);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, info->name);
  return row;
}

static void
load_users (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = lapak_user_list (self->db, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->user_list))) != NULL)
    gtk_list_box_remove (self->user_list, child);

  if (users == NULL)
    {
      show_message (self, self->login_message, error->message);
      return;
    }
  for (guint i = 0; i < users->len; i++)
    gtk_list_box_append (self->user_list, user_row_new (g_ptr_array_index (users, i)));
}

static void
show_login (LapakWindow *self)
{
  g_clear_pointer (&self->chosen_user, g_free);
  gtk_label_set_label (self->login_user_label, _("Choose your name"));
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  hide_message (self, self->login_message);
  load_users (self);
  update_title (self);
  gtk_stack_set_visible_child_name (self->stack, "login");
}

static void refresh_cart (LapakWindow *self);

static void
start_selling (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  int64_t shift = 0;

  if (!lapak_shift_current (self->db, &shift, &error))
    {
      show_message (self, self->login_message, error->message);
      return;
    }
  if (shift == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->float_entry), "");
      hide_message (self, self->shift_message);
      gtk_stack_set_visible_child_name (self->stack, "shift");
      gtk_widget_grab_focus (GTK_WIDGET (self->float_entry));
      return;
    }

  hide_message (self, self->scan_message);
  refresh_cart (self);
  gtk_stack_set_visible_child_name (self->stack, "sell");
}

static void
user_row_activated_cb (LapakWindow   *self,
                       GtkListBoxRow *row)
{
  choose_user (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static gboolean enter_tenant_home (LapakWindow *self, LapakUser **user);

static void
login_clicked_cb (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) user = NULL;
  g_autoptr(LapakCart) cart = NULL;
  g_autofree char *pin = NULL;

  if (self->chosen_user == NULL)
    {
      show_message (self, self->login_message, _("Tap your name in the list first."));
      return;
    }

  pin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pin_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  if (*pin == '\0')
    {
      show_message (self, self->login_message, _("Type your PIN on the keypad, then tap “Log in”."));
      return;
    }

  user = lapak_auth_login (self->db, self->chosen_user, pin, &error);
  if (user != NULL && enter_tenant_home (self, &user))
    return;
  if (user == NULL ||
      !lapak_auth_require (user, LAPAK_CAP_SELL, &error) ||
      !(cart = lapak_cart_new (self->db, &error)))
    {
      show_message (self, self->login_message, error->message);
      if (g_error_matches (error, LAPAK_ERROR, LAPAK_ERROR_LOCKED))
        load_users (self);
      return;
    }

  /* The cart left by the idle lock is the same cashier's to finish. */
  if (self->locked_cart != NULL &&
      g_strcmp0 (self->locked_cart_owner, lapak_user_get_name (user)) == 0)
    {
      lapak_cart_free (cart);
      cart = g_steal_pointer (&self->locked_cart);
    }
  g_clear_pointer (&self->locked_cart, lapak_cart_free);
  g_clear_pointer (&self->locked_cart_owner, g_free);

  g_clear_pointer (&self->user, lapak_user_free);
  g_clear_pointer (&self->cart, lapak_cart_free);
  self->user = g_steal_pointer (&user);
  self->cart = g_steal_pointer (&cart);
  self->last_activity = g_get_monotonic_time ();
  hide_message (self, self->login_message);
  update_title (self);
  start_selling (self);
}

static void
logout_clicked_cb (LapakWindow *self)
{
  lapak_window_log_out (self);
}

/* ---------- shift ---------- */

static void
open_shift_clicked_cb (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->float_entry));
  int64_t amount = 0;

  if (*text != '\0' && !lapak_money_parse (text, &amount, &error))
    {
      show_message (self, self->shift_message, error->message);
      return;
    }
  if (!lapak_shift_open (self->db, self->user, amount, NULL, &error))
    {
      show_message (self, self->shift_message, error->message);
      return;
    }
  start_selling (self);
}

/* ---------- sell ---------- */

static void
cart_scroll_cancel (LapakWindow *self)
{
  /* The clock drops its handlers itself when the window's surface goes. */
  if (self->cart_scroll_handler != 0 &&
      g_signal_handler_is_connected (self->cart_scroll_clock, self->cart_scroll_handler))
    g_signal_handler_disconnect (self->cart_scroll_clock, self->cart_scroll_handler);
  self->cart_scroll_handler = 0;
  g_clear_object (&self->cart_scroll_clock);
}

static void
cart_scroll_layout_cb (GdkFrameClock *clock,
                       LapakWindow   *self)
{
  guint position = self->cart_scroll_to;

  cart_scroll_cancel (self);
  if (position < g_list_model_get_n_items (G_LIST_MODEL (self->cart_items)))
    gtk_widget_activate_action (GTK_WIDGET (self->cart_view), "list.scroll-to-item", "u", position);
}

/* The line just scanned or changed stays in sight, however long the cart.
 * GTK 4.8's list scrolls only to a row it has laid out, and a new row is
 * laid out in the next frame: scroll right after that layout (the frame
 * clock repeats its layout phase, so the row is shown in the same frame). */
static void
scroll_cart_to (LapakWindow *self,
                guint        position)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->cart_view));

  self->cart_scroll_to = position;
  if (clock == NULL || self->cart_scroll_handler != 0)
    return;
  self->cart_scroll_clock = g_object_ref (clock);
  self->cart_scroll_handler = g_signal_connect_after (clock, "layout", G_CALLBACK (cart_scroll_layout_cb), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
}

/* Makes @store hold @items, replacing only the rows that changed: a scan
 * adds or changes one line, and replacing every row would rebuild every row
 * widget — a cost that grows with the cart (bench-kiosk measured 20 ms per
 * scan at 30 lines). Returns the first row that changed, or G_MAXUINT. */
static guint
update_cart_items (GListStore *store,
                   GPtrArray  *items)
{
  GListModel *model = G_LIST_MODEL (store);
  guint old_n = g_list_model_get_n_items (model);
  guint head = 0;
  guint tail = 0;

  while (head < old_n && head < items->len)
    {
      g_autoptr(LapakCartItem) old = g_list_model_get_item (model, head);

      if (!lapak_cart_item_equal (old, g_ptr_array_index (items, head)))
        break;
      head++;
    }
  while (tail < old_n - head && tail < items->len - head)
    {
      g_autoptr(LapakCartItem) old = g_list_model_get_item (model, old_n - 1 - tail);

      if (!lapak_cart_item_equal (old, g_ptr_array_index (items, items->len - 1 - tail)))
        break;
      tail++;
    }
  if (head == old_n && head == items->len)
    return G_MAXUINT;
  g_list_store_splice (store, head, old_n - head - tail,
                       items->pdata + head, items->len - head - tail);
  return head;
}

static void
refresh_cart (LapakWindow *self)
{
  guint n = lapak_cart_n_lines (self->cart);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *total = format_money (lapak_cart_total (self->cart));
  g_autofree char *count = NULL;
  int64_t units = 0;
  guint changed;

  for (guint i = 0; i < n; i++)
    {
      const LapakCartLine *line = lapak_cart_line (self->cart, i);
      const char *tenant = g_hash_table_lookup (self->tenant_names, line->tenant);

      units += line->qty;
      g_ptr_array_add (items, lapak_cart_item_new (i, line->code, line->name,
                                                   tenant != NULL ? tenant : line->tenant,
                                                   line->qty, line->unit_price - line->unit_discount,
                                                   lapak_cart_line_total (self->cart, i)));
    }
  changed = update_cart_items (self->cart_items, items);
  if (changed != G_MAXUINT && n > 0)
    scroll_cart_to (self, MIN (changed, n - 1));

  gtk_label_set_label (self->total_label, total);
  /* At most LAPAK_MAX_QTY units on each line: a guint holds the count. */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", (gulong) units),
                           (guint) units);
  gtk_label_set_label (self->items_label, count);
  /* The big icons of status pages are set when first shown, not in the
   * template: GTK looks icons up while it styles the whole window, hidden
   * pages too, and a 128 px one is an SVG whose loader (librsvg) cost the
   * start-up some 10% of CPU before the login was even drawn. */
  if (n == 0 && adw_status_page_get_icon_name (self->cart_empty_page) == NULL)
    adw_status_page_set_icon_name (self->cart_empty_page, "edit-find-symbolic");
  gtk_stack_set_visible_child_name (self->cart_stack, n > 0 ? "cart" : "empty");
  gtk_widget_set_sensitive (GTK_WIDGET (self->pay_button), n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), n > 0);
  self->close_with_cart_armed = FALSE;
}

static void
focus_scan_entry (LapakWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->scan_entry));
}

static void
scan_activate_cb (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *input = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->scan_entry))));

  gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), "");
  if (*input == '\0')
    return;

  if (!lapak_cart_scan (self->cart, input, &error))
    {
      show_message (self, self->scan_message, error->message);
      return;
    }
  hide_message (self, self->scan_message);
  refresh_cart (self);
}

static void
change_qty (LapakWindow *self,
            guint        line,
            int64_t      delta)
{
  g_autoptr(GError) error = NULL;
  const LapakCartLine *l;

  if (line >= lapak_cart_n_lines (self->cart))
    return;
  l = lapak_cart_line (self->cart, line);
  if (!lapak_cart_set_qty (self->cart, line, l->qty + delta, &error))
    show_message (self, self->scan_message, error->message);
  else
    hide_message (self, self->scan_message);
  refresh_cart (self);
  focus_scan_entry (self);
}

static void show_line_page (LapakWindow *self, guint line);

static void
row_button_clicked_cb (GtkButton   *button,
                       LapakWindow *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (button), "list-item");
  LapakCartItem *cart_item = gtk_list_item_get_item (item);
  const char *what = gtk_widget_get_name (GTK_WIDGET (button));
  guint line;

  if (cart_item == NULL)
    return;
  line = lapak_cart_item_get_line (cart_item);

  if (g_str_equal (what, "inc"))
    change_qty (self, line, +1);
  else if (g_str_equal (what, "dec"))
    change_qty (self, line, -1);
  else if (g_str_equal (what, "edit") && line < lapak_cart_n_lines (self->cart))
    show_line_page (self, line);
  else if (g_str_equal (what, "remove") && line < lapak_cart_n_lines (self->cart))
    {
      lapak_cart_remove (self->cart, line);
      hide_message (self, self->scan_message);
      refresh_cart (self);
      focus_scan_entry (self);
    }
}

static GtkWidget *
row_button_new (LapakWindow *self,
                GtkListItem *item,
                const char  *name,
                const char  *icon,
                const char  *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_name (button, name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "list-item", item);
  g_signal_connect (button, "clicked", G_CALLBACK (row_button_clicked_cb), self);
  return button;
}

static void
cart_row_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   LapakWindow              *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *product = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *qty = gtk_label_new (NULL);
  GtkWidget *total = gtk_label_new (NULL);

  gtk_widget_add_css_class (row, "cart-row");
  gtk_widget_add_css_class (product, "product");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (qty, "qty");
  gtk_widget_add_css_class (total, "line-total");
  gtk_label_set_xalign (GTK_LABEL (product), 0);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (product), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (total), 1);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_widget_set_name (product, "product");
  gtk_widget_set_name (detail, "detail");
  gtk_widget_set_name (qty, "qty");
  gtk_widget_set_name (total, "total");

  gtk_box_append (GTK_BOX (text), product);
  gtk_box_append (GTK_BOX (text), detail);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), row_button_new (self, item, "dec", "list-remove-symbolic", _("One less")));
  gtk_box_append (GTK_BOX (row), qty);
  gtk_box_append (GTK_BOX (row), row_button_new (self, item, "inc", "list-add-symbolic", _("One more")));
  gtk_box_append (GTK_BOX (row), total);
  gtk_box_append (GTK_BOX (row), row_button_new (self, item, "edit", "document-edit-symbolic",
                                                 _("Discount or price (needs a supervisor)")));
  gtk_box_append (GTK_BOX (row), row_button_new (self, item, "remove", "user-trash-symbolic", _("Remove this line")));
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void
cart_row_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  LapakWindow              *self)
{
  LapakCartItem *cart_item = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *text = gtk_widget_get_first_child (row);
  GtkWidget *product = gtk_widget_get_first_child (text);
  GtkWidget *detail = gtk_widget_get_next_sibling (product);
  GtkWidget *dec = gtk_widget_get_next_sibling (text);
  GtkWidget *qty = gtk_widget_get_next_sibling (dec);
  GtkWidget *inc = gtk_widget_get_next_sibling (qty);
  GtkWidget *total = gtk_widget_get_next_sibling (inc);
  g_autofree char *unit = format_money (lapak_cart_item_get_unit_price (cart_item));
  g_autofree char *line_total = format_money (lapak_cart_item_get_total (cart_item));
  g_autofree char *detail_text = NULL;
  g_autofree char *qty_text = g_strdup_printf ("%" G_GINT64_FORMAT, lapak_cart_item_get_qty (cart_item));

  /* Translators: under a product in the cart: "Keripik Lele Bu Tini · KLL-0017 · Rp15.000 each" */
  detail_text = g_strdup_printf (_("%s · %s · %s each"), lapak_cart_item_get_tenant (cart_item),
                                 lapak_cart_item_get_code (cart_item), unit);
  gtk_label_set_label (GTK_LABEL (product), lapak_cart_item_get_name (cart_item));
  gtk_label_set_label (GTK_LABEL (detail), detail_text);
  gtk_label_set_label (GTK_LABEL (qty), qty_text);
  gtk_label_set_label (GTK_LABEL (total), line_total);
  gtk_widget_set_sensitive (dec, lapak_cart_item_get_qty (cart_item) > 1);
}

static void
clear_clicked_cb (LapakWindow *self)
{
  while (lapak_cart_n_lines (self->cart) > 0)
    lapak_cart_remove (self->cart, 0);
  hide_message (self, self->scan_message);
  refresh_cart (self);
  focus_scan_entry (self);
}

/* ---------- product search ---------- */

static void
search_changed_cb (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint row = gtk_drop_down_get_selected (self->tenant_dropdown);
  const char *tenant = NULL;
  g_autofree char *count = NULL;
  guint n;

  if (self->products == NULL)
    return;
  if (self->search_tenants != NULL && row != GTK_INVALID_LIST_POSITION && row < self->search_tenants->len)
    tenant = g_ptr_array_index (self->search_tenants, row);
  if (!lapak_product_model_set_query (self->products, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                      tenant, &error))
    {
      gtk_label_set_label (self->search_count_label, error->message);
      return;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->products));
  if (n == 0)
    count = g_strdup (_("No product of that name on sale. Fewer letters find more."));
  else
    /* Translators: above the search results */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u product", "%u products", n), n);
  gtk_label_set_label (self->search_count_label, count);
}

static int
compare_tenant_names (gconstpointer a,
                      gconstpointer b,
                      gpointer      names)
{
  const char *ca = *(const char * const *) a;
  const char *cb = *(const char * const *) b;

  return g_utf8_collate (g_hash_table_lookup (names, ca), g_hash_table_lookup (names, cb));
}

/* The tenant filter: "All tenants", then each tenant by name. */
static void
fill_tenant_dropdown (LapakWindow *self)
{
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer code;

  g_clear_pointer (&self->search_tenants, g_ptr_array_unref);
  self->search_tenants = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (rows, _("All tenants"));
  g_ptr_array_add (self->search_tenants, NULL);
  g_hash_table_iter_init (&iter, self->tenant_names);
  while (g_hash_table_iter_next (&iter, &code, NULL))
    g_ptr_array_add (codes, code);
  g_ptr_array_sort_with_data (codes, compare_tenant_names, self->tenant_names);
  for (guint i = 0; i < codes->len; i++)
    {
      gtk_string_list_append (rows, g_hash_table_lookup (self->tenant_names, codes->pdata[i]));
      g_ptr_array_add (self->search_tenants, g_strdup (codes->pdata[i]));
    }
  gtk_drop_down_set_model (self->tenant_dropdown, G_LIST_MODEL (rows));
}

static void
search_clicked_cb (LapakWindow *self)
{
  if (self->products == NULL)
    {
      self->products = lapak_product_model_new (self->db);
      gtk_grid_view_set_model (self->search_grid,
                               GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->products)))));
      fill_tenant_dropdown (self);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->tenant_dropdown, 0);
  search_changed_cb (self);
  gtk_stack_set_visible_child_name (self->stack, "search");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_back_clicked_cb (LapakWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "search") == 0)
    start_selling (self);
}

/* A tap on a product: into the cart, as a scan of its code would. */
static void
search_activate_cb (LapakWindow *self,
                    guint        position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakProductItem) item = NULL;

  if (self->products == NULL || self->cart == NULL ||
      !(item = g_list_model_get_item (G_LIST_MODEL (self->products), position)))
    return;
  start_selling (self);
  if (!lapak_cart_scan (self->cart, lapak_product_item_get_code (item), &error))
    {
      show_message (self, self->scan_message, error->message);
      return;
    }
  hide_message (self, self->scan_message);
  refresh_cart (self);
}

static void
search_item_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      LapakWindow              *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *price = gtk_label_new (NULL);

  gtk_widget_add_css_class (name, "product");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (price, "price");
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_lines (GTK_LABEL (name), 2);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (name), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 24);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_xalign (GTK_LABEL (price), 0);
  gtk_widget_set_vexpand (name, TRUE);
  gtk_widget_set_valign (name, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_box_append (GTK_BOX (box), price);
  gtk_list_item_set_child (item, box);
}

static void
search_item_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     LapakWindow              *self)
{
  LapakProductItem *product = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  GtkWidget *price = gtk_widget_get_next_sibling (detail);
  const char *tenant = g_hash_table_lookup (self->tenant_names, lapak_product_item_get_tenant (product));
  g_autofree char *price_text = format_money (lapak_product_item_get_price (product));
  /* Translators: under a product found by name: "Keripik Lele Bu Tini · KLL-0017" */
  g_autofree char *detail_text = g_strdup_printf (_("%s · %s"), tenant != NULL ? tenant : lapak_product_item_get_tenant (product),
                                                  lapak_product_item_get_code (product));

  gtk_label_set_label (GTK_LABEL (name), lapak_product_item_get_name (product));
  gtk_label_set_label (GTK_LABEL (detail), detail_text);
  gtk_label_set_label (GTK_LABEL (price), price_text);
  gtk_widget_set_name (box, lapak_product_item_get_code (product));
}

/* ---------- a line's discount or price; no sale ---------- */

static void ask_approval (LapakWindow *self, const char *what, const char *return_page,
                          void (*approved) (LapakWindow *self, const LapakUser *approver));

static void
show_line_page (LapakWindow *self,
                guint        line)
{
  const LapakCartLine *l = lapak_cart_line (self->cart, line);
  g_autofree char *list = format_money (l->unit_price);
  g_autofree char *discount = format_money (l->unit_discount);
  g_autofree char *detail = NULL;

  self->edit_line = line;
  gtk_label_set_label (self->line_title_label, l->name);
  if (l->unit_discount > 0)
    /* Translators: on the discount page: "Rp15,000 a unit, less Rp1,000 (approved by Bayu)" */
    detail = g_strdup_printf (_("%s a unit, less %s (approved by %s)"), list, discount,
                              l->approver != NULL ? l->approver : "?");
  else
    /* Translators: on the discount page */
    detail = g_strdup_printf (_("%s a unit"), list);
  gtk_label_set_label (self->line_detail_label, detail);
  gtk_editable_set_text (GTK_EDITABLE (self->line_amount_entry), "");
  hide_message (self, self->line_message);
  gtk_stack_set_visible_child_name (self->stack, "line");
  gtk_widget_grab_focus (GTK_WIDGET (self->line_amount_entry));
}

static gboolean
line_amount (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->line_amount_entry));

  if (*text == '\0')
    {
      show_message (self, self->line_message, _("Type the amount per unit on the keypad first."));
      return FALSE;
    }
  if (!lapak_money_parse (text, &self->edit_amount, &error))
    {
      show_message (self, self->line_message, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
line_approved (LapakWindow     *self,
               const LapakUser *approver,
               gboolean         discount)
{
  g_autoptr(GError) error = NULL;

  if (self->cart == NULL || self->edit_line >= lapak_cart_n_lines (self->cart))
    return;
  if (discount ? !lapak_cart_set_discount (self->cart, self->edit_line, self->edit_amount, approver, &error)
               : !lapak_cart_set_price (self->cart, self->edit_line, self->edit_amount, approver, &error))
    {
      show_message (self, self->line_message, error->message);
      return;
    }
  start_selling (self);
}

static void
line_discount_approved (LapakWindow     *self,
                        const LapakUser *approver)
{
  line_approved (self, approver, TRUE);
}

static void
line_price_approved (LapakWindow     *self,
                     const LapakUser *approver)
{
  line_approved (self, approver, FALSE);
}

static void
line_discount_clicked_cb (LapakWindow *self)
{
  g_autofree char *amount = NULL;
  g_autofree char *what = NULL;

  if (!line_amount (self))
    return;
  amount = format_money (self->edit_amount);
  /* Translators: the approval page's title: "Discount of Rp1,000 a unit on Keripik Lele" */
  what = g_strdup_printf (_("Discount of %s a unit on %s"), amount, gtk_label_get_label (self->line_title_label));
  ask_approval (self, what, "line", line_discount_approved);
}

static void
line_price_clicked_cb (LapakWindow *self)
{
  g_autofree char *amount = NULL;
  g_autofree char *what = NULL;

  if (!line_amount (self))
    return;
  amount = format_money (self->edit_amount);
  /* Translators: the approval page's title: "Price of Keripik Lele: Rp12,000 a unit" */
  what = g_strdup_printf (_("Price of %s: %s a unit"), gtk_label_get_label (self->line_title_label), amount);
  ask_approval (self, what, "line", line_price_approved);
}

static void
open_drawer_clicked_cb (LapakWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->nosale_reason_entry), "");
  hide_message (self, self->nosale_message);
  gtk_stack_set_visible_child_name (self->stack, "nosale");
}

static void
nosale_reason_clicked_cb (GtkButton   *button,
                          LapakWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->nosale_reason_entry), gtk_button_get_label (button));
  hide_message (self, self->nosale_message);
}

/* The drawer opens through the receipt printer (ESC/POS), when the till
 * is set up so. */
static void
kick_drawer (LapakWindow *self)
{
  g_autoptr(LapakPrintSettings) settings = lapak_print_settings_load (self->db, NULL);
  g_autoptr(GBytes) kick = NULL;
  PrintJob *job;

  if (settings == NULL || settings->receipt_queue == NULL || !settings->open_drawer ||
      settings->receipt_format != LAPAK_RECEIPT_ESCPOS)
    return;
  kick = lapak_escpos_drawer_kick ();
  job = g_new0 (PrintJob, 1);
  g_weak_ref_init (&job->window, self);
  job->cancellable = g_object_ref (self->print_cancellable);
  self->print_pending++;
  set_printer_status (self, PRINTER_PRINTING, NULL);
  /* the job's name in the queue */
  lapak_print_submit_async (settings->receipt_queue, "no-sale", LAPAK_FORMAT_RAW, NULL, kick, PRINT_WAIT_MS,
                            self->print_cancellable, print_done_cb, job);
}

static void
nosale_approved (LapakWindow     *self,
                 const LapakUser *approver)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->nosale_reason_entry));

  if (!lapak_cash_move (self->db, self->user, approver, "no_sale", 0, reason, &error))
    {
      show_message (self, self->nosale_message, error->message);
      return;
    }
  kick_drawer (self);
  start_selling (self);
  /* Translators: on the sell page after a no-sale */
  done = g_strdup_printf (_("The drawer was opened without a sale, approved by %s."), lapak_user_get_name (approver));
  gtk_label_set_label (self->scan_message, done);
  gtk_widget_remove_css_class (GTK_WIDGET (self->scan_message), "message-error");
  gtk_widget_add_css_class (GTK_WIDGET (self->scan_message), "message-ok");
  gtk_widget_set_visible (GTK_WIDGET (self->scan_message), TRUE);
}

static void
nosale_clicked_cb (LapakWindow *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->nosale_reason_entry)) == '\0')
    {
      show_message (self, self->nosale_message, _("Give a reason first: tap one or type it."));
      return;
    }
  hide_message (self, self->nosale_message);
  ask_approval (self, _("Open the drawer without a sale"), "nosale", nosale_approved);
}

/* ---------- pay ---------- */

static void pay_with_cash (LapakWindow *self, int64_t tendered);

static void
part_clear (gpointer data)
{
  LapakPayment *p = data;

  g_clear_pointer (&p->reference, g_free);
}

/* The cart's payments are the parts of a split payment taken so far. */
static void
apply_parts (LapakWindow *self)
{
  lapak_cart_clear_payments (self->cart);
  for (guint i = 0; i < self->parts->len; i++)
    {
      const LapakPayment *p = &g_array_index (self->parts, LapakPayment, i);

      /* Each part was accepted by the core when it was added. */
      if (!lapak_cart_add_payment (self->cart, p->method, p->amount, p->reference, NULL))
        g_warn_if_reached ();
    }
}

static void
show_parts (LapakWindow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->parts->len; i++)
    {
      const LapakPayment *p = &g_array_index (self->parts, LapakPayment, i);
      g_autofree char *amount = format_money (p->amount);

      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, "%s %s", lapak_pay_method_display (p->method), amount);
    }
  if (text->len > 0)
    {
      /* Translators: the parts of a split payment taken so far */
      g_autofree char *line = g_strdup_printf (_("Paid so far: %s"), text->str);

      gtk_label_set_label (self->parts_label, line);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->parts_label), text->len > 0);
}

static void
quick_cash_clicked_cb (GtkButton   *button,
                       LapakWindow *self)
{
  int64_t *amount = g_object_get_data (G_OBJECT (button), "amount");

  pay_with_cash (self, *amount);
}

static void
fill_quick_cash (LapakWindow *self,
                 int64_t      total)
{
  int64_t amounts[LAPAK_QUICK_CASH_MAX];
  guint n = lapak_money_quick_cash (total, amounts, G_N_ELEMENTS (amounts));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quick_cash_box))) != NULL)
    gtk_flow_box_remove (self->quick_cash_box, child);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = format_money (amounts[i]);
      GtkWidget *button = gtk_button_new_with_label (label);
      int64_t *amount = g_new (int64_t, 1);

      *amount = amounts[i];
      g_object_set_data_full (G_OBJECT (button), "amount", amount, g_free);
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_widget_add_css_class (button, "quick-cash");
      if (i == 0)
        {
          /* Translators: tooltip of the quick cash button for the exact total */
          gtk_widget_set_tooltip_text (button, _("Exact amount"));
          gtk_widget_add_css_class (button, "suggested-action");
        }
      g_signal_connect (button, "clicked", G_CALLBACK (quick_cash_clicked_cb), self);
      gtk_flow_box_append (self->quick_cash_box, button);
    }
}

static LapakPayMethod
chosen_method (LapakWindow *self)
{
  if (gtk_toggle_button_get_active (self->method_qris))
    return LAPAK_PAY_QRIS;
  if (gtk_toggle_button_get_active (self->method_transfer))
    return LAPAK_PAY_TRANSFER;
  if (gtk_toggle_button_get_active (self->method_card))
    return LAPAK_PAY_CARD;
  if (gtk_toggle_button_get_active (self->method_ewallet))
    return LAPAK_PAY_EWALLET;
  return LAPAK_PAY_CASH;
}

/* The print library's QR code, as a texture for the screen. */
static GdkTexture *
qr_texture_new (const char  *text,
                int          size_px,
                GError     **error)
{
  cairo_surface_t *image = lapak_qr_image (text, size_px, error);
  g_autoptr(GBytes) bytes = NULL;
  int side;
  int stride;

  if (image == NULL)
    return NULL;
  side = cairo_image_surface_get_width (image);
  stride = cairo_image_surface_get_stride (image);
  /* cairo ARGB32 is premultiplied, a native-endian word a pixel: GDK_MEMORY_DEFAULT */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (image), (gsize) stride * (gsize) side,
                                      (GDestroyNotify) cairo_surface_destroy, image);
  return gdk_memory_texture_new (side, side, GDK_MEMORY_DEFAULT, bytes, (gsize) stride);
}

static void
show_qris (LapakWindow *self,
           int64_t      total)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *merchant = NULL;
  g_autofree char *amount = format_money (total);
  g_autoptr(GdkTexture) texture = NULL;

  gtk_label_set_label (self->qris_amount_label, amount);
  if (self->event == NULL || self->event->qris == NULL)
    {
      gtk_picture_set_paintable (self->qris_picture, NULL);
      gtk_label_set_label (self->qris_merchant_label, "");
      show_message (self, self->pay_message,
                    _("This event has no organiser QRIS: an organiser must add one to the event "
                      "before QRIS payments can be taken. Choose another method."));
      return;
    }
  if (!(payload = lapak_qris_dynamic (self->event->qris, total, &error)) ||
      !(texture = qr_texture_new (payload, QRIS_SIZE_PX, &error)))
    {
      gtk_picture_set_paintable (self->qris_picture, NULL);
      show_message (self, self->pay_message, error->message);
      return;
    }
  merchant = lapak_qris_merchant_name (self->event->qris);
  gtk_picture_set_paintable (self->qris_picture, GDK_PAINTABLE (texture));
  gtk_label_set_label (self->qris_merchant_label, merchant != NULL ? merchant : "");
  g_object_set_data_full (G_OBJECT (self->qris_picture), "payload", g_steal_pointer (&payload), g_free);
}

static void
method_toggled_cb (LapakWindow *self)
{
  LapakPayMethod method = chosen_method (self);
  gboolean cash = method == LAPAK_PAY_CASH;

  if (self->cart == NULL)
    return;
  self->method = method;
  self->drop_parts_armed = FALSE;
  hide_message (self, self->pay_message);
  gtk_stack_set_visible_child_name (self->method_stack,
                                    cash ? "cash" : method == LAPAK_PAY_QRIS ? "qris" : "other");
  gtk_widget_set_visible (GTK_WIDGET (self->reference_entry), !cash);
  gtk_widget_set_visible (GTK_WIDGET (self->part_amount_entry), !cash);
  gtk_editable_set_text (GTK_EDITABLE (self->reference_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->part_amount_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->cash_entry), "");
  gtk_button_set_label (self->confirm_button, cash ? _("Take the cash") : _("Paid"));
  lapak_keypad_set_target (self->pay_keypad,
                           GTK_EDITABLE (cash ? self->cash_entry : self->part_amount_entry));
  if (method == LAPAK_PAY_QRIS)
    show_qris (self, lapak_cart_remaining (self->cart));
  gtk_widget_grab_focus (GTK_WIDGET (cash ? self->cash_entry : self->part_amount_entry));
}

static void
cash_changed_cb (LapakWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->cash_entry));
  int64_t tendered;
  int64_t total;

  if (self->cart == NULL || *text == '\0' || !lapak_money_parse (text, &tendered, NULL))
    {
      gtk_label_set_label (self->change_preview_label, "");
      return;
    }
  total = lapak_cart_remaining (self->cart);
  if (tendered >= total)
    {
      g_autofree char *change = format_money (tendered - total);
      /* Translators: shown while typing the cash received */
      g_autofree char *text_change = g_strdup_printf (_("Change: %s"), change);

      gtk_label_set_label (self->change_preview_label, text_change);
    }
  else
    {
      g_autofree char *missing = format_money (total - tendered);
      /* Translators: shown while typing the cash received, when it is not enough */
      g_autofree char *text_missing = g_strdup_printf (_("Still missing: %s"), missing);

      gtk_label_set_label (self->change_preview_label, text_missing);
    }
}

/* The pay page for what is left to pay. */
static void
show_pay (LapakWindow *self)
{
  int64_t left = lapak_cart_remaining (self->cart);
  g_autofree char *text = format_money (left);

  self->drop_parts_armed = FALSE;
  gtk_label_set_label (self->pay_total_label, text);
  fill_quick_cash (self, left);
  show_parts (self);
  hide_message (self, self->pay_message);
  gtk_stack_set_visible_child_name (self->stack, "pay");
  if (gtk_toggle_button_get_active (self->method_cash))
    method_toggled_cb (self);
  else
    gtk_toggle_button_set_active (self->method_cash, TRUE);
}

static void
pay_clicked_cb (LapakWindow *self)
{
  if (lapak_cart_n_lines (self->cart) == 0)
    return;
  g_array_set_size (self->parts, 0);
  apply_parts (self);
  show_pay (self);
}

static void
part_amount_changed_cb (LapakWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->part_amount_entry));
  int64_t amount;

  if (self->cart == NULL || chosen_method (self) != LAPAK_PAY_QRIS)
    return;
  if (*text == '\0')
    amount = lapak_cart_remaining (self->cart);
  else if (!lapak_money_parse (text, &amount, NULL) || amount <= 0)
    return;
  hide_message (self, self->pay_message);
  show_qris (self, amount);
}

/* F12 on the sell page: pay, without leaving the keyboard. */
static void
pay_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LapakWindow *self = LAPAK_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "sell") == 0 &&
      self->cart != NULL && lapak_cart_n_lines (self->cart) > 0)
    pay_clicked_cb (self);
}

static void
back_clicked_cb (LapakWindow *self)
{
  /* Parts of a split payment already taken would be dropped: the first
   * tap says so, the second drops them. */
  if (self->parts->len > 0 && !self->drop_parts_armed)
    {
      self->drop_parts_armed = TRUE;
      show_message (self, self->pay_message,
                    _("Part of this sale is already paid. Give that money back, then tap “Back to "
                      "the cart” again to drop those payments."));
      return;
    }
  self->drop_parts_armed = FALSE;
  g_array_set_size (self->parts, 0);
  lapak_cart_clear_payments (self->cart);
  gtk_stack_set_visible_child_name (self->stack, "sell");
}

static void
show_done (LapakWindow     *self,
           const LapakSale *sale)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakReceipt) receipt = NULL;
  g_autofree char *change = format_money (sale->change);
  g_autofree char *total = format_money (sale->total);
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *receipt_text = NULL;

  if (sale->change > 0)
    /* Translators: the big line after a cash sale */
    title = g_strdup_printf (_("Change %s"), change);
  else
    title = g_strdup (_("No change"));
  gtk_label_set_label (self->done_title_label, _("Done — the sale is saved"));
  gtk_label_set_label (self->change_label, title);
  /* Translators: under the change: "Sale K1-000001 · total Rp37.500" */
  detail = g_strdup_printf (_("Sale %s · total %s"), sale->id, total);
  if (sale->warnings != NULL)
    for (guint i = 0; i < sale->warnings->len; i++)
      {
        char *more = g_strconcat (detail, "\n", (const char *) g_ptr_array_index (sale->warnings, i), NULL);

        g_free (detail);
        detail = more;
      }
  gtk_label_set_label (self->done_detail_label, detail);

  if ((receipt = lapak_receipt_load (self->db, sale->id, &error)))
    receipt_text = lapak_receipt_format_text (receipt, RECEIPT_COLUMNS);
  else
    receipt_text = g_strdup (error->message);
  gtk_label_set_label (self->receipt_label, receipt_text);

  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
commit_sale (LapakWindow    *self,
             LapakPayMethod  method,
             int64_t         amount,
             const char     *reference)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSale) sale = NULL;
  g_autoptr(LapakCart) next = NULL;

  apply_parts (self);
  if (!lapak_cart_add_payment (self->cart, method, amount, reference, &error) ||
      !(next = lapak_cart_new (self->db, &error)) ||
      !(sale = lapak_sale_commit (self->db, self->user, self->cart, &error)))
    {
      apply_parts (self);
      show_message (self, self->pay_message, error->message);
      return;
    }

  /* Saved: the next customer starts with an empty cart. */
  g_array_set_size (self->parts, 0);
  lapak_cart_free (self->cart);
  self->cart = g_steal_pointer (&next);
  refresh_cart (self);
  show_done (self, sale);
  sync_record_made (self);

  /* The receipt prints in the background; the sale is committed whatever
   * becomes of it. No printer set up is no error here. */
  if (!print_receipt (self, sale->id, FALSE, &error) &&
      !g_error_matches (error, LAPAK_ERROR, LAPAK_ERROR_STATE))
    set_printer_status (self, PRINTER_ERROR, error->message);
}

/* Less than what is left: one part of a split payment. */
static void
add_part (LapakWindow    *self,
          LapakPayMethod  method,
          int64_t         amount,
          const char     *reference)
{
  g_autoptr(GError) error = NULL;
  LapakPayment part = { method, amount, amount, NULL };

  apply_parts (self);
  if (!lapak_cart_add_payment (self->cart, method, amount, reference, &error))
    {
      apply_parts (self);
      show_message (self, self->pay_message, error->message);
      return;
    }
  part.reference = reference != NULL && *reference != '\0' ? g_strdup (reference) : NULL;
  g_array_append_val (self->parts, part);
  apply_parts (self);
  show_pay (self);
}

static void
pay_with_cash (LapakWindow *self,
               int64_t      tendered)
{
  if (tendered > 0 && tendered < lapak_cart_remaining (self->cart))
    add_part (self, LAPAK_PAY_CASH, tendered, NULL);
  else
    commit_sale (self, LAPAK_PAY_CASH, tendered, NULL);
}

static void
confirm_clicked_cb (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  LapakPayMethod method = chosen_method (self);
  const char *text;
  const char *reference;
  int64_t amount;

  if (method == LAPAK_PAY_CASH)
    {
      text = gtk_editable_get_text (GTK_EDITABLE (self->cash_entry));
      if (*text == '\0')
        {
          show_message (self, self->pay_message,
                        _("Type the cash received on the keypad, or tap one of the amounts."));
          return;
        }
      if (!lapak_money_parse (text, &amount, &error))
        {
          show_message (self, self->pay_message, error->message);
          return;
        }
      pay_with_cash (self, amount);
      return;
    }

  reference = gtk_editable_get_text (GTK_EDITABLE (self->reference_entry));
  text = gtk_editable_get_text (GTK_EDITABLE (self->part_amount_entry));
  if (*text == '\0')
    {
      commit_sale (self, method, LAPAK_PAY_REST, reference);
      return;
    }
  if (!lapak_money_parse (text, &amount, &error))
    {
      show_message (self, self->pay_message, error->message);
      return;
    }
  if (amount > 0 && amount < lapak_cart_remaining (self->cart))
    add_part (self, method, amount, reference);
  else
    commit_sale (self, method, amount, reference);
}

static void
next_clicked_cb (LapakWindow *self)
{
  hide_message (self, self->scan_message);
  refresh_cart (self);
  gtk_stack_set_visible_child_name (self->stack, "sell");
}

/* A one-tap reason's label wraps instead of widening the page. */
static void
reason_label_wrap (GtkWidget *button)
{
  GtkLabel *label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_max_width_chars (label, 12);
  gtk_label_set_justify (label, GTK_JUSTIFY_CENTER);
}

/* ---------- supervisor approval ---------- */

typedef void (*ApprovedFunc) (LapakWindow *self, const LapakUser *approver);

static void
approve_choose_user (LapakWindow *self,
                     const char  *name)
{
  g_autofree char *prompt = NULL;

  g_free (self->approve_chosen_user);
  self->approve_chosen_user = g_strdup (name);
  prompt = g_strdup_printf (_("PIN for %s"), name);
  gtk_label_set_label (self->approve_user_label, prompt);
  gtk_editable_set_text (GTK_EDITABLE (self->approve_pin_entry), "");
  hide_message (self, self->approve_message);
  gtk_widget_grab_focus (GTK_WIDGET (self->approve_pin_entry));
}

/* Ask a supervisor or organiser for their PIN. Once the core has logged
 * them in and says they may approve, go back to @return_page and call
 * @approved with them; "Cancel" just goes back. */
static void
ask_approval_for (LapakWindow     *self,
                  LapakCapability  capability,
                  const char      *what,
                  const char      *return_page,
                  ApprovedFunc     approved);

static void
ask_approval (LapakWindow  *self,
              const char   *what,
              const char   *return_page,
              ApprovedFunc  approved)
{
  ask_approval_for (self, LAPAK_CAP_APPROVE, what, return_page, approved);
}

/* The same, for someone the core allows @capability. */
static void
ask_approval_for (LapakWindow     *self,
                  LapakCapability  capability,
                  const char      *what,
                  const char      *return_page,
                  ApprovedFunc     approved)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = lapak_user_list (self->db, &error);
  GtkWidget *child;

  self->approved = approved;
  self->approve_capability = capability;
  g_free (self->approve_return_page);
  self->approve_return_page = g_strdup (return_page);
  g_clear_pointer (&self->approve_chosen_user, g_free);

  gtk_label_set_label (self->approve_title_label, what);
  gtk_label_set_label (self->approve_user_label, _("Choose your name"));
  gtk_editable_set_text (GTK_EDITABLE (self->approve_pin_entry), "");
  hide_message (self, self->approve_message);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->approve_user_list))) != NULL)
    gtk_list_box_remove (self->approve_user_list, child);
  if (users == NULL)
    show_message (self, self->approve_message, error->message);
  else
    for (guint i = 0; i < users->len; i++)
      {
        const LapakUserInfo *info = g_ptr_array_index (users, i);

        /* Tenants never sell nor approve at a till; the core judges the rest. */
        if (info->role != LAPAK_ROLE_TENANT)
          gtk_list_box_append (self->approve_user_list, user_row_new (info));
      }
  gtk_stack_set_visible_child_name (self->stack, "approve");
}

static void
approve_user_activated_cb (LapakWindow   *self,
                           GtkListBoxRow *row)
{
  gtk_list_box_select_row (self->approve_user_list, row);
  approve_choose_user (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
approve_clicked_cb (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) approver = NULL;
  g_autofree char *pin = NULL;
  ApprovedFunc approved = self->approved;

  if (self->approve_chosen_user == NULL)
    {
      show_message (self, self->approve_message, _("Tap your name in the list first."));
      return;
    }
  pin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->approve_pin_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->approve_pin_entry), "");
  if (*pin == '\0')
    {
      show_message (self, self->approve_message, _("Type your PIN on the keypad, then tap “Approve”."));
      return;
    }
  if (!(approver = lapak_auth_login (self->db, self->approve_chosen_user, pin, &error)) ||
      !lapak_auth_require (approver, self->approve_capability, &error))
    {
      show_message (self, self->approve_message, error->message);
      return;
    }

  hide_message (self, self->approve_message);
  self->approved = NULL;
  gtk_stack_set_visible_child_name (self->stack, self->approve_return_page);
  if (approved != NULL)
    approved (self, approver);
}

static void
approve_cancel_clicked_cb (LapakWindow *self)
{
  self->approved = NULL;
  self->close_when_approved = FALSE;
  gtk_stack_set_visible_child_name (self->stack, self->approve_return_page);
}

/* ---------- kiosk mode ---------- */

static void
leave_kiosk_approved (LapakWindow     *self,
                      const LapakUser *approver)
{
  gboolean close = self->close_when_approved;

  self->close_when_approved = FALSE;
  lapak_window_set_kiosk (self, FALSE);
  if (close)
    gtk_window_close (GTK_WINDOW (self));
}

static void
leave_kiosk_clicked_cb (LapakWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (!self->kiosk || g_strcmp0 (page, "approve") == 0)
    return;
  self->close_when_approved = FALSE;
  ask_approval_for (self, LAPAK_CAP_LEAVE_KIOSK, _("Leave kiosk mode"), page, leave_kiosk_approved);
}

/* In kiosk mode the window does not close (Alt+F4, the session) without
 * an organiser. */
static gboolean
close_request_cb (LapakWindow *self)
{
  const char *page;

  if (!self->kiosk || self->db == NULL)
    return FALSE;
  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "approve") != 0)
    {
      ask_approval_for (self, LAPAK_CAP_LEAVE_KIOSK, _("Leave kiosk mode and close Lapak"), page,
                        leave_kiosk_approved);
      self->close_when_approved = TRUE;
    }
  return TRUE;
}

/* ---------- shift close ---------- */

static void
back_to_sell_clicked_cb (LapakWindow *self)
{
  start_selling (self);
}

static void
close_shift_clicked_cb (LapakWindow *self)
{
  /* Items in the cart are not sold: the first tap says so, the second
   * goes on to the count (the cart is dropped at the close). */
  if (self->cart != NULL && lapak_cart_n_lines (self->cart) > 0 && !self->close_with_cart_armed)
    {
      self->close_with_cart_armed = TRUE;
      show_message (self, self->scan_message,
                    _("The cart still has items that are not sold. Sell them first, or tap “Close shift” "
                      "again to drop the cart and close the shift."));
      return;
    }
  self->close_with_cart_armed = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->count_entry), "");
  hide_message (self, self->close_message);
  gtk_stack_set_visible_child_name (self->stack, "close");
  gtk_widget_grab_focus (GTK_WIDGET (self->count_entry));
}

static void
z_row (LapakWindow *self,
       int          row,
       const char  *id,
       const char  *what,
       char        *value)   /* (transfer full) */
{
  GtkWidget *name = gtk_label_new (what);
  GtkWidget *amount = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (amount), 1);
  gtk_widget_add_css_class (amount, "z-value");
  gtk_widget_set_name (amount, id);
  gtk_grid_attach (self->z_grid, name, 0, row, 1, 1);
  gtk_grid_attach (self->z_grid, amount, 1, row, 1, 1);
  g_free (value);
}

static void
show_z_report (LapakWindow            *self,
               const LapakShiftReport *z)
{
  g_autofree char *title = NULL;
  g_autofree char *difference = NULL;
  GtkWidget *child;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->z_grid))) != NULL)
    gtk_grid_remove (self->z_grid, child);

  /* Translators: the title of the report printed when a shift closes */
  title = g_strdup_printf (_("Z report no. %" PRId64), z->z_number);
  gtk_label_set_label (self->z_title_label, title);

  z_row (self, row++, "expected", _("Cash expected in the drawer"), format_money (z->expected_cash));
  z_row (self, row++, "counted", _("Cash counted"), format_money (z->counted));
  difference = format_money (z->difference);
  if (z->difference > 0)
    {
      char *signed_text = g_strconcat ("+", difference, NULL);

      g_free (difference);
      difference = signed_text;
    }
  z_row (self, row++, "difference", _("Difference"), g_steal_pointer (&difference));
  if (z->difference < 0)
    gtk_widget_add_css_class (gtk_grid_get_child_at (self->z_grid, 1, row - 1), "z-difference-short");
  z_row (self, row++, "sales", _("Sales"), g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) z->sales));
  z_row (self, row++, "total", _("Sales total"), format_money (z->total));
  for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
    {
      g_autofree char *id = g_strdup_printf ("method-%s", lapak_pay_method_to_string (m));

      z_row (self, row++, id, lapak_pay_method_display (m), format_money (z->by_method[m]));
    }
  z_row (self, row++, "float", _("Float"), format_money (z->float_amount));
  z_row (self, row++, "voids", _("Voided sales"), g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) z->voids));
  z_row (self, row++, "refunded", _("Refunded"), format_money (z->refunded));

  gtk_stack_set_visible_child_name (self->stack, "zreport");
  gtk_widget_grab_focus (GTK_WIDGET (self->z_done_button));
}

static void
count_confirm_clicked_cb (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakShiftReport) z = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->count_entry));
  int64_t counted = 0;

  if (*text == '\0')
    {
      show_message (self, self->close_message, _("Type the cash you counted, even 0, then tap “Close shift”."));
      return;
    }
  if (!lapak_money_parse (text, &counted, &error) ||
      !(z = lapak_shift_close (self->db, self->user, counted, &error)))
    {
      show_message (self, self->close_message, error->message);
      sync_close_refused (self);
      return;
    }
  /* The shift is over: nothing of this cart can be sold any more. */
  g_clear_pointer (&self->locked_cart, lapak_cart_free);
  g_clear_pointer (&self->locked_cart_owner, g_free);
  show_z_report (self, z);
  sync_record_made (self);
}

static void
z_done_clicked_cb (LapakWindow *self)
{
  lapak_window_log_out (self);
}

/* ---------- sale history and void ---------- */

static void show_history_sale (LapakWindow *self, const char *sale_id);

static GtkWidget *
history_row_new (const LapakShiftSale *sale)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (sale->at / G_USEC_PER_SEC);
  g_autofree char *time = at != NULL ? g_date_time_format (at, "%H:%M") : g_strdup ("");
  g_autofree char *total = format_money (sale->total);
  GtkWidget *id = gtk_label_new (sale->id);
  GtkWidget *when = gtk_label_new (time);
  GtkWidget *status = gtk_label_new (sale->voided ? _("Voided") : "");
  GtkWidget *amount = gtk_label_new (total);

  gtk_widget_add_css_class (id, "user-name");
  gtk_widget_add_css_class (when, "dim-label");
  gtk_widget_add_css_class (status, "error");
  gtk_widget_set_hexpand (status, TRUE);
  gtk_label_set_xalign (GTK_LABEL (status), 1);
  gtk_box_append (GTK_BOX (box), id);
  gtk_box_append (GTK_BOX (box), when);
  gtk_box_append (GTK_BOX (box), status);
  gtk_box_append (GTK_BOX (box), amount);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, sale->id);
  return row;
}

static void
history_error (LapakWindow *self,
               const char  *message)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->history_message), "message-ok");
  gtk_widget_add_css_class (GTK_WIDGET (self->history_message), "message-error");
  show_message (self, self->history_message, message);
}

/* How many earlier shifts the history offers to pick from. */
#define HISTORY_SHIFTS 10

static void
load_history (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sales = NULL;
  int64_t shift = self->history_shift;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);

  if ((shift == 0 && !lapak_shift_current (self->db, &shift, &error)) ||
      !(sales = lapak_shift_sales (self->db, shift, &error)))
    {
      history_error (self, error->message);
      return;
    }
  for (guint i = 0; i < sales->len; i++)
    gtk_list_box_append (self->history_list, history_row_new (g_ptr_array_index (sales, i)));
}

static void
history_show_shift (LapakWindow *self,
                    int64_t      shift,
                    int64_t      z_number)
{
  g_autofree char *title = NULL;

  self->history_shift = shift;
  g_clear_pointer (&self->history_sale, g_free);
  if (z_number == 0)
    title = g_strdup (_("Sales of this shift"));
  else
    /* Translators: the history title for a closed shift; %d is its Z report number */
    title = g_strdup_printf (_("Sales of shift Z %" PRId64), z_number);
  gtk_label_set_label (self->history_title_label, title);
  gtk_label_set_label (self->history_receipt_label, _("Tap a sale to see its receipt."));
  gtk_editable_set_text (GTK_EDITABLE (self->void_reason_entry), "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->void_box), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reprint_button), FALSE);
  load_history (self);
}

static void
history_shift_toggled_cb (GtkToggleButton *button,
                          LapakWindow     *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  hide_message (self, self->history_message);
  history_show_shift (self,
                      *(int64_t *) g_object_get_data (G_OBJECT (button), "shift"),
                      *(int64_t *) g_object_get_data (G_OBJECT (button), "z"));
}

/* The till's recent shifts, newest (the open one) first and chosen. */
static void
load_history_shifts (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shifts = NULL;
  GtkWidget *child;
  GtkWidget *first = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_shifts_box))) != NULL)
    gtk_box_remove (self->history_shifts_box, child);
  if (!(shifts = lapak_shift_list (self->db, HISTORY_SHIFTS, &error)))
    {
      history_error (self, error->message);
      return;
    }
  for (guint i = 0; i < shifts->len; i++)
    {
      const LapakShiftInfo *info = g_ptr_array_index (shifts, i);
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (info->opened_at / G_USEC_PER_SEC);
      g_autofree char *when = at != NULL ? g_date_time_format (at, "%d/%m %H:%M") : g_strdup ("");
      g_autofree char *label = NULL;
      g_autofree char *name = g_strdup_printf ("shift-%" PRId64, info->seq);
      GtkWidget *button;

      if (info->z_number == 0)
        /* Translators: a shift picker button: the open shift, since when */
        label = g_strdup_printf (_("Open shift · %s"), when);
      else
        /* Translators: a shift picker button: a closed shift's Z number, opened when */
        label = g_strdup_printf (_("Z %" PRId64 " · %s"), info->z_number, when);
      button = gtk_toggle_button_new_with_label (label);
      gtk_widget_set_name (button, name);
      gtk_widget_set_focus_on_click (button, FALSE);
      g_object_set_data_full (G_OBJECT (button), "shift", g_memdup2 (&info->seq, sizeof info->seq), g_free);
      g_object_set_data_full (G_OBJECT (button), "z", g_memdup2 (&info->z_number, sizeof info->z_number), g_free);
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
      else
        first = button;
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), info->seq == self->history_shift);
      g_signal_connect (button, "toggled", G_CALLBACK (history_shift_toggled_cb), self);
      gtk_box_append (self->history_shifts_box, button);
    }
}

static void
history_clicked_cb (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  int64_t shift = 0;

  hide_message (self, self->history_message);
  /* The open shift first; the picker offers the earlier ones. */
  if (!lapak_shift_current (self->db, &shift, &error))
    shift = 0;
  self->history_shift = shift;
  load_history_shifts (self);
  history_show_shift (self, shift, 0);
  gtk_stack_set_visible_child_name (self->stack, "history");
}

static void
show_history_sale (LapakWindow *self,
                   const char  *sale_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakReceipt) receipt = NULL;
  g_autofree char *text = NULL;

  g_free (self->history_sale);
  self->history_sale = g_strdup (sale_id);
  if ((receipt = lapak_receipt_load (self->db, sale_id, &error)))
    text = lapak_receipt_format_text (receipt, RECEIPT_COLUMNS);
  else
    text = g_strdup (error->message);
  gtk_label_set_label (self->history_receipt_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->void_box), receipt != NULL && !receipt->voided);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reprint_button), receipt != NULL);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->history_list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (gtk_widget_get_name (row), sale_id))
      gtk_list_box_select_row (self->history_list, GTK_LIST_BOX_ROW (row));
}

static void
history_row_activated_cb (LapakWindow   *self,
                          GtkListBoxRow *row)
{
  hide_message (self, self->history_message);
  gtk_editable_set_text (GTK_EDITABLE (self->void_reason_entry), "");
  show_history_sale (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
void_approved (LapakWindow     *self,
               const LapakUser *approver)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *void_id = NULL;
  g_autofree char *sale_id = g_strdup (self->history_sale);
  g_autofree char *done = NULL;
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->void_reason_entry));

  if (!lapak_sale_void_full (self->db, self->user, approver, sale_id, reason, &void_id, &error))
    {
      history_error (self, error->message);
      return;
    }
  load_history (self);
  show_history_sale (self, sale_id);
  sync_record_made (self);
  gtk_editable_set_text (GTK_EDITABLE (self->void_reason_entry), "");
  /* Translators: after a void: "Sale K1-000003 voided (V K1-000001), approved by Bayu" */
  done = g_strdup_printf (_("Sale %s voided (%s), approved by %s."), sale_id, void_id,
                          lapak_user_get_name (approver));
  gtk_label_set_label (self->history_message, done);
  gtk_widget_remove_css_class (GTK_WIDGET (self->history_message), "message-error");
  gtk_widget_add_css_class (GTK_WIDGET (self->history_message), "message-ok");
  gtk_widget_set_visible (GTK_WIDGET (self->history_message), TRUE);
}

/* The receipt again, marked REPRINT / CETAK ULANG. */
static void
reprint_clicked_cb (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (self->history_sale == NULL)
    return;
  if (!print_receipt (self, self->history_sale, TRUE, &error))
    {
      history_error (self, error->message);
      return;
    }
  /* Translators: on the sale history after tapping "Reprint receipt" */
  done = g_strdup_printf (_("Reprinting the receipt of sale %s."), self->history_sale);
  gtk_label_set_label (self->history_message, done);
  gtk_widget_remove_css_class (GTK_WIDGET (self->history_message), "message-error");
  gtk_widget_add_css_class (GTK_WIDGET (self->history_message), "message-ok");
  gtk_widget_set_visible (GTK_WIDGET (self->history_message), TRUE);
}

static void
void_clicked_cb (LapakWindow *self)
{
  g_autofree char *what = NULL;

  if (self->history_sale == NULL)
    return;
  hide_message (self, self->history_message);
  /* Translators: the title of the supervisor approval page */
  what = g_strdup_printf (_("Void sale %s"), self->history_sale);
  ask_approval (self, what, "history", void_approved);
}

static void
void_reason_clicked_cb (GtkButton   *button,
                        LapakWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->void_reason_entry), gtk_button_get_label (button));
}

/* ---------- refund ---------- */

static void
refund_error (LapakWindow *self,
              const char  *message)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->refund_message), "message-ok");
  gtk_widget_add_css_class (GTK_WIDGET (self->refund_message), "message-error");
  show_message (self, self->refund_message, message);
}

static void refund_show_lines (LapakWindow *self);

static void
refund_qty_clicked_cb (GtkButton   *button,
                       LapakWindow *self)
{
  guint line = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "line"));
  int delta = g_str_equal (gtk_widget_get_name (GTK_WIDGET (button)), "inc") ? +1 : -1;
  const LapakCartLine *l;
  int64_t *qty;

  if (self->refund_receipt == NULL || line >= self->refund_qty->len)
    return;
  l = g_ptr_array_index (self->refund_receipt->lines, line);
  qty = &g_array_index (self->refund_qty, int64_t, line);
  /* Only a bound for the buttons: the core checks what may come back. */
  *qty = CLAMP (*qty + delta, 0,
                self->refund_left != NULL && line < self->refund_left->len
                ? g_array_index (self->refund_left, LapakRefundable, line).refundable : l->qty);
  hide_message (self, self->refund_message);
  refund_show_lines (self);
}

static void
refund_show_lines (LapakWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->refund_lines_box))) != NULL)
    gtk_box_remove (self->refund_lines_box, child);
  if (self->refund_receipt == NULL)
    return;

  for (guint i = 0; i < self->refund_receipt->lines->len; i++)
    {
      const LapakCartLine *l = g_ptr_array_index (self->refund_receipt->lines, i);
      const LapakRefundable *left = i < self->refund_left->len
                                    ? &g_array_index (self->refund_left, LapakRefundable, i) : NULL;
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *name = gtk_label_new (l->name);
      g_autofree char *sold_text = NULL;
      g_autofree char *qty_text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   (gint64) g_array_index (self->refund_qty, int64_t, i));
      GtkWidget *sold;
      GtkWidget *qty = gtk_label_new (qty_text);

      /* Translators: on a refund row: the product code, then how many units
       * the sale had, how many came back already and how many still may */
      sold_text = g_strdup_printf (_("%s · sold %" PRId64 " · refunded %" PRId64 " · %" PRId64 " left"),
                                   l->code, l->qty, left != NULL ? left->refunded : 0,
                                   left != NULL ? left->refundable : 0);
      sold = gtk_label_new (sold_text);
      gtk_widget_set_name (sold, "sold");
      gtk_widget_add_css_class (row, "cart-row");
      gtk_widget_add_css_class (name, "product");
      gtk_widget_add_css_class (sold, "dim-label");
      gtk_widget_add_css_class (qty, "qty");
      gtk_widget_set_name (qty, "qty");
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_box_append (GTK_BOX (row), name);
      gtk_box_append (GTK_BOX (row), sold);
      for (guint b = 0; b < 2; b++)
        {
          GtkWidget *button = gtk_button_new_from_icon_name (b == 0 ? "list-remove-symbolic" : "list-add-symbolic");

          gtk_widget_set_name (button, b == 0 ? "dec" : "inc");
          gtk_widget_set_tooltip_text (button, b == 0 ? _("One less") : _("One more"));
          gtk_widget_set_focus_on_click (button, FALSE);
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          g_object_set_data (G_OBJECT (button), "line", GUINT_TO_POINTER (i));
          g_signal_connect (button, "clicked", G_CALLBACK (refund_qty_clicked_cb), self);
          if (left != NULL)
            gtk_widget_set_sensitive (button, b == 0 ? g_array_index (self->refund_qty, int64_t, i) > 0
                                                     : g_array_index (self->refund_qty, int64_t, i) < left->refundable);
          gtk_box_append (GTK_BOX (row), button);
          if (b == 0)
            gtk_box_append (GTK_BOX (row), qty);
        }
      gtk_box_append (self->refund_lines_box, row);
    }
}

/* The method the customer paid with: the sale's largest payment. */
static LapakPayMethod
refund_default_method (const LapakReceipt *receipt)
{
  LapakPayMethod method = LAPAK_PAY_CASH;
  int64_t largest = -1;

  for (guint i = 0; i < receipt->payments->len; i++)
    {
      const LapakPayment *p = &g_array_index (receipt->payments, LapakPayment, i);

      if (p->amount > largest)
        {
          largest = p->amount;
          method = p->method;
        }
    }
  return method;
}

static void
refund_set_method (LapakWindow    *self,
                   LapakPayMethod  method)
{
  g_autofree char *label = NULL;

  self->refund_method = method;
  for (guint m = 0; m < LAPAK_PAY_N_METHODS; m++)
    if (self->refund_method_buttons[m] != NULL)
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->refund_method_buttons[m]), m == method);
  /* Translators: the refund button; %s is a payment method, e.g. "Cash" */
  label = g_strdup_printf (_("Refund by %s"), lapak_pay_method_display (method));
  gtk_button_set_label (self->refund_button, label);
}

static void
refund_method_toggled_cb (GtkToggleButton *button,
                          LapakWindow     *self)
{
  if (gtk_toggle_button_get_active (button))
    refund_set_method (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "method")));
}

static void
refund_load (LapakWindow *self,
             const char  *input)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *till = NULL;
  g_autofree char *sale_id = NULL;
  int64_t seq = 0;

  g_autoptr(GArray) left = NULL;
  int64_t refundable = 0;

  g_clear_pointer (&self->refund_receipt, lapak_receipt_free);
  g_array_set_size (self->refund_qty, 0);
  g_array_set_size (self->refund_left, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refund_box), FALSE);
  hide_message (self, self->refund_message);

  if (!lapak_sale_id_parse (input, &till, &seq, &error) ||
      !(sale_id = lapak_sale_id (till, seq)) ||
      !(self->refund_receipt = lapak_receipt_load (self->db, sale_id, &error)) ||
      !(left = lapak_sale_refundable (self->db, sale_id, &error)))
    {
      g_clear_pointer (&self->refund_receipt, lapak_receipt_free);
      refund_show_lines (self);
      refund_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->refund_sale_entry), sale_id);
  g_array_set_size (self->refund_qty, self->refund_receipt->lines->len);
  g_array_append_vals (self->refund_left, left->data, left->len);
  for (guint i = 0; i < left->len; i++)
    refundable += g_array_index (left, LapakRefundable, i).refundable;
  refund_set_method (self, refund_default_method (self->refund_receipt));
  refund_show_lines (self);
  if (refundable == 0)
    {
      g_autofree char *text = NULL;

      if (self->refund_receipt->voided)
        /* Translators: on the refund page, for a voided sale */
        text = g_strdup_printf (_("Sale %s was voided: there is nothing to refund."), sale_id);
      else
        /* Translators: on the refund page, when every unit came back already */
        text = g_strdup_printf (_("Sale %s is fully refunded: every unit has come back already."), sale_id);
      refund_error (self, text);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->refund_box), TRUE);
}

static void
refund_sale_activate_cb (LapakWindow *self)
{
  g_autofree char *input = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->refund_sale_entry))));

  if (*input == '\0')
    return;
  refund_load (self, input);
}

static void
refund_header_clicked_cb (LapakWindow *self)
{
  g_clear_pointer (&self->refund_receipt, lapak_receipt_free);
  g_array_set_size (self->refund_qty, 0);
  g_array_set_size (self->refund_left, 0);
  refund_set_method (self, LAPAK_PAY_CASH);
  refund_show_lines (self);
  gtk_editable_set_text (GTK_EDITABLE (self->refund_sale_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->refund_reason_entry), "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->refund_box), FALSE);
  hide_message (self, self->refund_message);
  gtk_stack_set_visible_child_name (self->stack, "refund");
  gtk_widget_grab_focus (GTK_WIDGET (self->refund_sale_entry));
}

static void
refund_approved (LapakWindow     *self,
                 const LapakUser *approver)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (LapakRefundItem));
  g_autofree char *refund_id = NULL;
  g_autofree char *sale_id = NULL;
  g_autofree char *amount_text = NULL;
  g_autofree char *done = NULL;
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->refund_reason_entry));
  int64_t amount = 0;
  LapakPayMethod method = self->refund_method;

  if (self->refund_receipt == NULL)
    return;
  sale_id = g_strdup (self->refund_receipt->sale_id);
  for (guint i = 0; i < self->refund_qty->len; i++)
    {
      const LapakCartLine *l = g_ptr_array_index (self->refund_receipt->lines, i);
      LapakRefundItem item = { l->code, g_array_index (self->refund_qty, int64_t, i) };

      if (item.qty > 0)
        g_array_append_val (items, item);
    }
  if (!lapak_sale_refund_full (self->db, self->user, approver, sale_id,
                               (const LapakRefundItem *) (gpointer) items->data, items->len,
                               self->refund_method, reason, &refund_id, &amount, &error))
    {
      refund_error (self, error->message);
      return;
    }
  refund_load (self, sale_id);
  gtk_editable_set_text (GTK_EDITABLE (self->refund_reason_entry), "");
  amount_text = format_money (amount);
  /* Translators: after a refund: "Rp 30,000 refunded by Cash (K1-R000001), approved by Bayu." */
  done = g_strdup_printf (_("%s refunded by %s (%s), approved by %s."), amount_text,
                          lapak_pay_method_display (method), refund_id, lapak_user_get_name (approver));
  gtk_label_set_label (self->refund_message, done);
  gtk_widget_remove_css_class (GTK_WIDGET (self->refund_message), "message-error");
  gtk_widget_add_css_class (GTK_WIDGET (self->refund_message), "message-ok");
  gtk_widget_set_visible (GTK_WIDGET (self->refund_message), TRUE);
}

static void
refund_clicked_cb (LapakWindow *self)
{
  g_autofree char *what = NULL;
  int64_t units = 0;

  if (self->refund_receipt == NULL)
    return;
  for (guint i = 0; i < self->refund_qty->len; i++)
    units += g_array_index (self->refund_qty, int64_t, i);
  if (units == 0)
    {
      refund_error (self, _("Choose the units that come back with +, then tap the refund button."));
      return;
    }
  hide_message (self, self->refund_message);
  /* Translators: the title of the supervisor approval page */
  what = g_strdup_printf (_("Refund from sale %s"), self->refund_receipt->sale_id);
  ask_approval (self, what, "refund", refund_approved);
}

static void
refund_reason_clicked_cb (GtkButton   *button,
                          LapakWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->refund_reason_entry), gtk_button_get_label (button));
}

/* ---------- focus ---------- */

/* On the sell page the scan field always has the keyboard focus, so that a
 * scanner that types like a keyboard works without touching the screen. */
static void
focus_changed_cb (LapakWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "sell") != 0)
    return;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->scan_entry)))
    focus_scan_entry (self);
}

/* ---------- the organiser's settlement screen ---------- */

/* Its header button shows on the selling and shift pages to an organiser;
 * leaving the page forgets the organiser there. */
static void
settle_page_changed (LapakWindow *self,
                     const char  *page)
{
  gboolean organiser = self->user != NULL && lapak_user_get_role (self->user) == LAPAK_ROLE_ORGANISER;

  if (self->settle_button == NULL)
    return;
  /* Its tile is in the Manage hub, which only an organiser reaches. */
  gtk_widget_set_visible (self->settle_button, organiser);
  if (g_strcmp0 (page, "settle") != 0)
    lapak_settle_page_clear (self->settle_page);
}

static void
settle_clicked_cb (LapakWindow *self)
{
  lapak_settle_page_load (self->settle_page, self->db, self->user);
  gtk_stack_set_visible_child_name (self->stack, "settle");
}

static void
settle_done_cb (LapakWindow *self)
{
  start_selling (self);
}

static void
attach_settle_page (LapakWindow *self)
{
  /* A tile of the organiser's Manage hub: the header has room for one
   * organiser button in Indonesian at 1366 px, not four. */
  self->settle_button = lapak_manage_page_add_link (self->manage_page, "settle", _("Settlement"),
                                                    "x-office-spreadsheet-symbolic");
  g_signal_connect_swapped (self->settle_button, "clicked", G_CALLBACK (settle_clicked_cb), self);
  self->settle_page = LAPAK_SETTLE_PAGE (lapak_settle_page_new ());
  g_signal_connect_swapped (self->settle_page, "done", G_CALLBACK (settle_done_cb), self);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->settle_page), "settle");
}

GtkWidget *
lapak_window_get_settle_button (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), NULL);
  return self->settle_button;
}

LapakSettlePage *
lapak_window_get_settle_page (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), NULL);
  return self->settle_page;
}

/* ---------- the organiser's Manage screens ---------- */

static void load_event (LapakWindow *self);

/* Its header button shows on the selling and shift pages to whoever may
 * curate (the core decides); leaving the page forgets the organiser there. */
static void
manage_page_changed (LapakWindow *self,
                     const char  *page)
{
  gboolean curator = self->user != NULL && lapak_auth_require (self->user, LAPAK_CAP_CURATE_PRODUCTS, NULL);

  if (self->manage_button == NULL)
    return;
  gtk_widget_set_visible (self->manage_button,
                          curator && (g_strcmp0 (page, "sell") == 0 || g_strcmp0 (page, "shift") == 0));
  if (g_strcmp0 (page, "manage") != 0)
    lapak_manage_page_clear (self->manage_page);
}

static void
manage_clicked_cb (LapakWindow *self)
{
  lapak_manage_page_load (self->manage_page, self->db, self->user);
  gtk_stack_set_visible_child_name (self->stack, "manage");
}

/* The organiser may have switched the event or changed tenants. */
static void
manage_done_cb (LapakWindow *self)
{
  g_clear_pointer (&self->event, lapak_event_free);
  g_hash_table_remove_all (self->tenant_names);
  load_event (self);
  update_title (self);
  start_selling (self);
}

static void
attach_manage_page (LapakWindow *self)
{
  self->manage_button = gtk_button_new_with_label (_("Manage"));
  gtk_widget_set_name (self->manage_button, "manage_button");
  gtk_widget_set_visible (self->manage_button, FALSE);
  gtk_widget_set_size_request (self->manage_button, -1, 48);
  g_signal_connect_swapped (self->manage_button, "clicked", G_CALLBACK (manage_clicked_cb), self);
  adw_header_bar_pack_end (self->header_bar, self->manage_button);
  self->manage_page = LAPAK_MANAGE_PAGE (lapak_manage_page_new ());
  g_signal_connect_swapped (self->manage_page, "done", G_CALLBACK (manage_done_cb), self);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->manage_page), "manage");
  /* The settlement, sync and products screens add their tiles with
   * lapak_manage_page_add_link() (attach_settle_page () …). */
}

GtkWidget *
lapak_window_get_manage_button (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), NULL);
  return self->manage_button;
}

LapakManagePage *
lapak_window_get_manage_page (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), NULL);
  return self->manage_page;
}

/* ---------- sync: USB stick and LAN (lapak-sync-page.c) ---------- */

/* The header says when this till last synced and how many of its records
 * are not at the hub yet; nothing when it is not paired. */
static void
sync_status_refresh (LapakWindow *self)
{
  g_autofree char *text = NULL;
  gboolean unreachable;

  if (self->sync_status == NULL)
    return;
  unreachable = self->sync_auto != NULL && lapak_sync_auto_get_unreachable (self->sync_auto);
  text = lapak_sync_status_header (self->db, unreachable);
  gtk_label_set_label (self->sync_status, text != NULL ? text : "");
  /* Unreachable: in the warning colour, not dimmed. */
  if (unreachable)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->sync_status), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->sync_status), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->sync_status), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->sync_status), "dim-label");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sync_status), text != NULL && self->user != NULL);
}

/* A sale, a void or a shift close: the header counts it, and a paired
 * till's automatic round comes soon. */
static void
sync_record_made (LapakWindow *self)
{
  sync_status_refresh (self);
  if (self->sync_auto != NULL)
    lapak_sync_auto_record_made (self->sync_auto);
}

/* "Sync now" made a round: the automatic one's backoff and the header's
 * "Hub unreachable" follow it too. */
static void
sync_page_pushed_cb (LapakWindow  *self,
                     const GError *error)
{
  lapak_sync_auto_note_result (self->sync_auto, error);
}

static void
sync_page_changed (LapakWindow *self,
                   const char  *page)
{
  gboolean organiser = self->user != NULL && lapak_user_get_role (self->user) == LAPAK_ROLE_ORGANISER;

  if (self->sync_button == NULL)
    return;
  gtk_widget_set_visible (self->sync_button, organiser);
  if (g_strcmp0 (page, "close") != 0)
    gtk_widget_set_visible (self->force_close_box, FALSE);
  sync_status_refresh (self);
}

static void
sync_clicked_cb (LapakWindow *self)
{
  lapak_sync_page_load (self->sync_page, self->db, self->user);
  gtk_stack_set_visible_child_name (self->stack, "sync");
}

static void
sync_done_cb (LapakWindow *self)
{
  start_selling (self);
}

/* The close was refused: to an organiser, while records are not at the
 * hub, offer to close anyway with a reason (the core keeps both). */
static void
sync_close_refused (LapakWindow *self)
{
  LapakSyncPending p;

  gtk_widget_set_visible (self->force_close_box,
                          lapak_user_get_role (self->user) == LAPAK_ROLE_ORGANISER &&
                          lapak_sync_pending (self->db, &p, NULL) && p.pending > 0);
}

static void
force_close_clicked_cb (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakShiftReport) z = NULL;
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->force_reason_entry));
  int64_t counted = 0;

  if (!lapak_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->count_entry)), &counted, &error) ||
      !(z = lapak_shift_close_forced (self->db, self->user, counted, self->user, reason, &error)))
    {
      show_message (self, self->close_message, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->force_reason_entry), "");
  gtk_widget_set_visible (self->force_close_box, FALSE);
  g_clear_pointer (&self->locked_cart, lapak_cart_free);
  g_clear_pointer (&self->locked_cart_owner, g_free);
  show_z_report (self, z);
  sync_record_made (self);
}

static void
attach_sync_page (LapakWindow *self)
{
  GtkWidget *button = gtk_button_new_with_label (_("Close anyway"));

  /* A tile of the Manage hub (see attach_settle_page). */
  self->sync_button = lapak_manage_page_add_link (self->manage_page, "sync", _("Sync"),
                                                  "emblem-synchronizing-symbolic");
  g_signal_connect_swapped (self->sync_button, "clicked", G_CALLBACK (sync_clicked_cb), self);
  self->sync_status = GTK_LABEL (gtk_label_new (""));
  gtk_widget_set_name (GTK_WIDGET (self->sync_status), "sync_status");
  gtk_widget_add_css_class (GTK_WIDGET (self->sync_status), "dim-label");
  /* It gives way to the title and the buttons: never wider than they let it. */
  gtk_label_set_ellipsize (self->sync_status, PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (self->sync_status, 2);   /* "Hub unreachable" above the count */
  gtk_label_set_width_chars (self->sync_status, 13);
  gtk_label_set_max_width_chars (self->sync_status, 24);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_status), FALSE);
  adw_header_bar_pack_start (self->header_bar, GTK_WIDGET (self->sync_status));
  self->sync_page = LAPAK_SYNC_PAGE (lapak_sync_page_new ());
  g_signal_connect_swapped (self->sync_page, "done", G_CALLBACK (sync_done_cb), self);
  g_signal_connect_swapped (self->sync_page, "synced", G_CALLBACK (sync_status_refresh), self);
  g_signal_connect_swapped (self->sync_page, "pushed", G_CALLBACK (sync_page_pushed_cb), self);
  /* Off until lapak_window_set_sync_interval() (the application's GSettings). */
  self->sync_auto = lapak_sync_auto_new (self->db);
  g_signal_connect_swapped (self->sync_auto, "attempted", G_CALLBACK (sync_status_refresh), self);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->sync_page), "sync");

  /* "Close anyway", under the shift-close page's message: one row, so the
   * page still fits 1366×768. */
  self->force_close_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_name (self->force_close_box, "force_close_box");
  self->force_reason_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (self->force_reason_entry), "force_reason_entry");
  gtk_entry_set_placeholder_text (self->force_reason_entry,
                                  _("Organiser: why close anyway? (e.g. the hub is not here today)"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->force_reason_entry), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->force_reason_entry), -1, 48);
  gtk_widget_set_name (button, "force_close_button");
  gtk_widget_set_size_request (button, -1, 48);
  gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (force_close_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->force_close_box), GTK_WIDGET (self->force_reason_entry));
  gtk_box_append (GTK_BOX (self->force_close_box), button);
  gtk_widget_set_visible (self->force_close_box, FALSE);
  gtk_widget_insert_after (self->force_close_box, gtk_widget_get_parent (GTK_WIDGET (self->close_message)),
                           GTK_WIDGET (self->close_message));
}

GtkWidget *
lapak_window_get_sync_button (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), NULL);
  return self->sync_button;
}

LapakSyncPage *
lapak_window_get_sync_page (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), NULL);
  return self->sync_page;
}

/**
 * lapak_window_set_sync_interval:
 * @seconds: between a paired till's automatic rounds with its hub; 0: none
 */
void
lapak_window_set_sync_interval (LapakWindow *self,
                                guint        seconds)
{
  g_return_if_fail (LAPAK_IS_WINDOW (self));
  lapak_sync_auto_set_interval (self->sync_auto, seconds);
}

LapakSyncAuto *
lapak_window_get_sync_auto (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), NULL);
  return self->sync_auto;
}

GtkLabel *
lapak_window_get_sync_status (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), NULL);
  return self->sync_status;
}

/* ---------- tenant self-service and the products page ---------- */

/* A user who may not sell but is a tenant goes to its own page: the core
 * (lapak_auth_require) decides who may sell. Takes @user if so. */
static gboolean
enter_tenant_home (LapakWindow  *self,
                   LapakUser   **user)
{
  if (lapak_auth_require (*user, LAPAK_CAP_SELL, NULL) || lapak_user_get_role (*user) != LAPAK_ROLE_TENANT)
    return FALSE;

  g_clear_pointer (&self->user, lapak_user_free);
  g_clear_pointer (&self->cart, lapak_cart_free);
  self->user = g_steal_pointer (user);
  self->last_activity = g_get_monotonic_time ();
  hide_message (self, self->login_message);
  update_title (self);
  lapak_tenant_home_load (self->tenant_home, self->db, self->user);
  gtk_stack_set_visible_child_name (self->stack, "tenant-home");
  return TRUE;
}

/* The header's "Products" shows on the selling and shift pages to a user
 * who may curate products. Pages that are left forget the user. */
static void
tenant_pages_changed (LapakWindow *self,
                      const char  *page)
{
  gboolean curator = self->user != NULL && lapak_auth_require (self->user, LAPAK_CAP_CURATE_PRODUCTS, NULL);

  if (self->products_button == NULL)
    return;
  gtk_widget_set_visible (self->products_button, curator);
  if (g_strcmp0 (page, "tenant-home") != 0)
    lapak_tenant_home_clear (self->tenant_home);
  if (g_strcmp0 (page, "products") != 0)
    lapak_products_page_clear (self->products_page);
  if (g_strcmp0 (page, "labels") != 0)
    lapak_labels_page_clear (self->labels_page);
  if (g_strcmp0 (page, "checkin") != 0)
    lapak_checkin_page_clear (self->checkin_page);
}

static void
tenant_navigate_cb (LapakWindow *self,
                    const char  *where,
                    GtkWidget   *from)
{
  gboolean tenant = lapak_user_get_role (self->user) == LAPAK_ROLE_TENANT;
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  g_auto(GStrv) chosen = NULL;
  g_autofree char *filter = NULL;

  if (g_str_equal (where, "logout"))
    {
      lapak_window_log_out (self);
      return;
    }
  if (g_str_equal (page, "products"))
    {
      chosen = lapak_products_page_get_chosen (self->products_page);
      filter = g_strdup (lapak_products_page_get_tenant (self->products_page));
    }
  if (g_str_equal (where, "back"))
    where = self->tenant_return != NULL ? self->tenant_return : "home";
  if (g_str_equal (where, "home") || g_str_equal (where, "tenant-home"))
    {
      if (!tenant)
        {
          start_selling (self);
          return;
        }
      lapak_tenant_home_load (self->tenant_home, self->db, self->user);
      where = "tenant-home";
    }
  else if (g_str_equal (where, "products"))
    lapak_products_page_load (self->products_page, self->db, self->user);
  else if (g_str_equal (where, "labels"))
    lapak_labels_page_load (self->labels_page, self->db, self->user, filter, (const char * const *) chosen);
  else if (g_str_equal (where, "checkin"))
    lapak_checkin_page_load (self->checkin_page, self->db, self->user, filter);
  if (g_str_equal (where, "labels") || g_str_equal (where, "checkin"))
    self->tenant_return = g_str_equal (page, "products") ? "products" : "tenant-home";
  gtk_stack_set_visible_child_name (self->stack, where);
}

static void
products_clicked_cb (LapakWindow *self)
{
  lapak_products_page_load (self->products_page, self->db, self->user);
  gtk_stack_set_visible_child_name (self->stack, "products");
}

static void
attach_tenant_pages (LapakWindow *self)
{
  const struct { const char *name; GtkWidget *page; } pages[] = {
    { "tenant-home", lapak_tenant_home_new () },
    { "products", lapak_products_page_new () },
    { "labels", lapak_labels_page_new () },
    { "checkin", lapak_checkin_page_new () },
  };

  /* A tile of the Manage hub (see attach_settle_page). */
  self->products_button = lapak_manage_page_add_link (self->manage_page, "products", _("Products"),
                                                      "view-grid-symbolic");
  g_signal_connect_swapped (self->products_button, "clicked", G_CALLBACK (products_clicked_cb), self);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_signal_connect_swapped (pages[i].page, "navigate", G_CALLBACK (tenant_navigate_cb), self);
      gtk_stack_add_named (self->stack, pages[i].page, pages[i].name);
    }
  self->tenant_home = LAPAK_TENANT_HOME (pages[0].page);
  self->products_page = LAPAK_PRODUCTS_PAGE (pages[1].page);
  self->labels_page = LAPAK_LABELS_PAGE (pages[2].page);
  self->checkin_page = LAPAK_CHECKIN_PAGE (pages[3].page);
}

GtkWidget *
lapak_window_get_products_button (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), NULL);
  return self->products_button;
}

LapakProductsPage *
lapak_window_get_products_page (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), NULL);
  return self->products_page;
}

LapakLabelsPage *
lapak_window_get_labels_page (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), NULL);
  return self->labels_page;
}

LapakCheckinPage *
lapak_window_get_checkin_page (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), NULL);
  return self->checkin_page;
}

LapakTenantHome *
lapak_window_get_tenant_home (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), NULL);
  return self->tenant_home;
}

static void
page_changed_cb (LapakWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  gboolean selling = g_strcmp0 (page, "sell") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->history_button), selling);
  gtk_widget_set_visible (GTK_WIDGET (self->close_shift_button), selling);
  gtk_widget_set_visible (GTK_WIDGET (self->refund_header_button), selling);
  settle_page_changed (self, page);
  manage_page_changed (self, page);
  sync_page_changed (self, page);
  tenant_pages_changed (self, page);
  if (selling)
    focus_scan_entry (self);
  else if (g_strcmp0 (page, "login") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
}

/* ---------- keys and idle lock ---------- */

/* The pay keypad types into the field last touched: amount or reference. */
static void
keypad_follow_focus_cb (LapakWindow        *self,
                        GtkEventController *controller)
{
  GtkWidget *entry = gtk_event_controller_get_widget (controller);

  lapak_keypad_set_target (self->pay_keypad, GTK_EDITABLE (entry));
}

/* A scanner does not wait for "Next customer": a printable key on the done
 * page starts the next sale with it in the scan field. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                LapakWindow           *self)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  char text[8] = { 0 };

  self->last_activity = g_get_monotonic_time ();
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "done") != 0 ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || c == 0 || !g_unichar_isgraph (c))
    return FALSE;

  next_clicked_cb (self);
  g_unichar_to_utf8 (c, text);
  gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->scan_entry), -1);
  return TRUE;
}

static void
pointer_activity_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     LapakWindow     *self)
{
  self->last_activity = g_get_monotonic_time ();
}

static void
lock_now (LapakWindow *self)
{
  g_clear_pointer (&self->locked_cart, lapak_cart_free);
  g_clear_pointer (&self->locked_cart_owner, g_free);
  if (self->cart != NULL && lapak_cart_n_lines (self->cart) > 0)
    {
      lapak_cart_clear_payments (self->cart);
      self->locked_cart = g_steal_pointer (&self->cart);
      self->locked_cart_owner = g_strdup (lapak_user_get_name (self->user));
    }
  lapak_window_log_out (self);
  gtk_label_set_label (self->login_message, _("Locked after a while without use. Log in again to go on."));
  gtk_widget_set_visible (GTK_WIDGET (self->login_message), TRUE);
}

static gboolean
idle_check_cb (gpointer data)
{
  LapakWindow *self = data;
  gint64 idle = g_get_monotonic_time () - self->last_activity;

  if (self->user != NULL && self->idle_lock_seconds > 0 &&
      idle >= (gint64) self->idle_lock_seconds * G_USEC_PER_SEC)
    lock_now (self);
  return G_SOURCE_CONTINUE;
}

/* ---------- GObject ---------- */

static void
lapak_window_dispose (GObject *object)
{
  LapakWindow *self = LAPAK_WINDOW (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->sync_auto != NULL)
    {
      lapak_sync_auto_stop (self->sync_auto);
      g_signal_handlers_disconnect_by_data (self->sync_auto, self);
      g_clear_object (&self->sync_auto);
    }
  cart_scroll_cancel (self);
  g_clear_handle_id (&self->print_retry_source, g_source_remove);
  if (self->print_cancellable != NULL)
    g_cancellable_cancel (self->print_cancellable);
  g_clear_object (&self->print_cancellable);
  g_clear_pointer (&self->print_failed_sale, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LAPAK_TYPE_WINDOW);
  g_clear_pointer (&self->locked_cart, lapak_cart_free);
  g_clear_pointer (&self->locked_cart_owner, g_free);
  g_clear_pointer (&self->user, lapak_user_free);
  g_clear_pointer (&self->cart, lapak_cart_free);
  g_clear_pointer (&self->event, lapak_event_free);
  g_clear_pointer (&self->tenant_names, g_hash_table_unref);
  g_clear_pointer (&self->chosen_user, g_free);
  g_clear_pointer (&self->approve_return_page, g_free);
  g_clear_pointer (&self->approve_chosen_user, g_free);
  g_clear_pointer (&self->history_sale, g_free);
  g_clear_object (&self->products);
  g_clear_pointer (&self->search_tenants, g_ptr_array_unref);
  g_clear_pointer (&self->refund_receipt, lapak_receipt_free);
  g_clear_pointer (&self->refund_qty, g_array_unref);
  g_clear_pointer (&self->refund_left, g_array_unref);
  g_clear_object (&self->cart_items);
  g_clear_pointer (&self->parts, g_array_unref);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (lapak_window_parent_class)->dispose (object);
}

static void
lapak_window_class_init (LapakWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lapak_window_dispose;

  g_type_ensure (LAPAK_TYPE_KEYPAD);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lapakpos/Lapak/lapak-window.ui");

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, LapakWindow, name)
  BIND (header_bar);
  BIND (window_title);
  BIND (logout_button);
  BIND (print_button);
  BIND (leave_kiosk_button);
  BIND (print_message);
  BIND (reprint_button);
  BIND (stack);
  BIND (error_page);
  BIND (cart_empty_page);
  BIND (user_list);
  BIND (login_user_label);
  BIND (pin_entry);
  BIND (login_message);
  BIND (login_keypad);
  BIND (login_button);
  BIND (float_entry);
  BIND (shift_message);
  BIND (float_keypad);
  BIND (open_shift_button);
  BIND (scan_entry);
  BIND (search_button);
  BIND (search_entry);
  BIND (tenant_dropdown);
  BIND (search_back_button);
  BIND (search_count_label);
  BIND (search_grid);
  BIND (scan_message);
  BIND (cart_stack);
  BIND (cart_view);
  BIND (total_label);
  BIND (items_label);
  BIND (clear_button);
  BIND (open_drawer_button);
  BIND (line_title_label);
  BIND (line_detail_label);
  BIND (line_amount_entry);
  BIND (line_message);
  BIND (line_keypad);
  BIND (line_discount_button);
  BIND (line_price_button);
  BIND (line_back_button);
  BIND (nosale_reason_entry);
  BIND (nosale_reasons_box);
  BIND (nosale_message);
  BIND (nosale_button);
  BIND (nosale_back_button);
  BIND (pay_button);
  BIND (pay_total_label);
  BIND (parts_label);
  BIND (part_amount_entry);
  BIND (method_cash);
  BIND (method_qris);
  BIND (method_transfer);
  BIND (method_card);
  BIND (method_ewallet);
  BIND (method_stack);
  BIND (quick_cash_box);
  BIND (cash_entry);
  BIND (change_preview_label);
  BIND (qris_picture);
  BIND (qris_amount_label);
  BIND (qris_merchant_label);
  BIND (reference_entry);
  BIND (pay_message);
  BIND (pay_keypad);
  BIND (confirm_button);
  BIND (back_button);
  BIND (done_title_label);
  BIND (change_label);
  BIND (done_detail_label);
  BIND (receipt_label);
  BIND (next_button);
  BIND (history_button);
  BIND (close_shift_button);
  BIND (count_entry);
  BIND (close_message);
  BIND (count_keypad);
  BIND (count_confirm_button);
  BIND (count_back_button);
  BIND (z_title_label);
  BIND (z_grid);
  BIND (z_done_button);
  BIND (approve_title_label);
  BIND (approve_user_list);
  BIND (approve_user_label);
  BIND (approve_pin_entry);
  BIND (approve_message);
  BIND (approve_keypad);
  BIND (approve_button);
  BIND (approve_cancel_button);
  BIND (history_list);
  BIND (history_receipt_label);
  BIND (history_message);
  BIND (void_box);
  BIND (void_reason_entry);
  BIND (void_reasons_box);
  BIND (void_button);
  BIND (history_back_button);
  BIND (refund_header_button);
  BIND (refund_sale_entry);
  BIND (refund_lines_box);
  BIND (refund_message);
  BIND (refund_box);
  BIND (refund_reason_entry);
  BIND (refund_reasons_box);
  BIND (refund_button);
  BIND (refund_back_button);
  BIND (refund_methods_box);
  BIND (history_title_label);
  BIND (history_shifts_box);
#undef BIND

  gtk_widget_class_install_action (widget_class, "till.pay", NULL, pay_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F12, 0, "till.pay", NULL);

  gtk_widget_class_bind_template_callback (widget_class, logout_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, user_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, login_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_shift_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, scan_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pay_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, method_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cash_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, part_amount_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_shift_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_to_sell_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, count_confirm_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, z_done_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, approve_user_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, approve_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, approve_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, void_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reprint_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, leave_kiosk_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, line_discount_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, line_price_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_drawer_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, nosale_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, refund_header_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, refund_sale_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, refund_clicked_cb);
}

static void
lapak_window_init (LapakWindow *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cart_items = g_list_store_new (LAPAK_TYPE_CART_ITEM);
  self->print_cancellable = g_cancellable_new ();
  self->print_retry_seconds = 20;
  self->parts = g_array_new (FALSE, TRUE, sizeof (LapakPayment));
  g_array_set_clear_func (self->parts, part_clear);
  self->tenant_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (cart_row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (cart_row_bind_cb), self);
  gtk_list_view_set_factory (self->cart_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->cart_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->cart_items)))));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (search_item_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (search_item_bind_cb), self);
  gtk_grid_view_set_factory (self->search_grid, factory);
  g_object_unref (factory);

  g_signal_connect_swapped (self, "notify::focus-widget", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (self, "close-request", G_CALLBACK (close_request_cb), self);

  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    GtkGesture *clicks = gtk_gesture_click_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (clicks), 0);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (clicks), GTK_PHASE_CAPTURE);
    g_signal_connect (clicks, "pressed", G_CALLBACK (pointer_activity_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (clicks));
  }
  self->last_activity = g_get_monotonic_time ();

  {
    /* Tap a common reason instead of typing one: there is no keyboard. */
    const char *reasons[] = { N_("Wrong item"), N_("Customer cancelled"), N_("Scanned twice") };

    for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
      {
        GtkWidget *button = gtk_button_new_with_label (_(reasons[i]));

        gtk_widget_add_css_class (button, "reason-button");
        reason_label_wrap (button);
        gtk_widget_set_focus_on_click (button, FALSE);
        g_signal_connect (button, "clicked", G_CALLBACK (void_reason_clicked_cb), self);
        gtk_box_append (self->void_reasons_box, button);
      }
  }
  {
    const char *reasons[] = { N_("Damaged"), N_("Wrong item"), N_("Changed their mind") };

    for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
      {
        GtkWidget *button = gtk_button_new_with_label (_(reasons[i]));

        gtk_widget_add_css_class (button, "reason-button");
        reason_label_wrap (button);
        gtk_widget_set_focus_on_click (button, FALSE);
        g_signal_connect (button, "clicked", G_CALLBACK (refund_reason_clicked_cb), self);
        gtk_box_append (self->refund_reasons_box, button);
      }
  }
  {
    const char *reasons[] = { N_("Change for a customer"), N_("Check the cash"), N_("Fix wrong change") };

    for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
      {
        GtkWidget *button = gtk_button_new_with_label (_(reasons[i]));

        gtk_widget_add_css_class (button, "reason-button");
        reason_label_wrap (button);
        gtk_widget_set_focus_on_click (button, FALSE);
        g_signal_connect (button, "clicked", G_CALLBACK (nosale_reason_clicked_cb), self);
        gtk_box_append (self->nosale_reasons_box, button);
      }
  }
  self->refund_qty = g_array_new (FALSE, TRUE, sizeof (int64_t));
  self->refund_left = g_array_new (FALSE, TRUE, sizeof (LapakRefundable));
  {
    /* The same methods, and words, as on the pay page. */
    const char *labels[LAPAK_PAY_N_METHODS] = { N_("Cash"), N_("QRIS"), N_("Transfer"), N_("Card"), N_("E-wallet") };
    GtkWidget *first = NULL;

    for (guint m = 0; m < LAPAK_PAY_N_METHODS; m++)
      {
        GtkWidget *button = gtk_toggle_button_new_with_label (_(labels[m]));
        g_autofree char *name = g_strdup_printf ("refund-%s", lapak_pay_method_to_string (m));

        gtk_widget_set_name (button, name);
        gtk_widget_set_focus_on_click (button, FALSE);
        if (first != NULL)
          gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
        else
          first = button;
        g_object_set_data (G_OBJECT (button), "method", GUINT_TO_POINTER (m));
        g_signal_connect (button, "toggled", G_CALLBACK (refund_method_toggled_cb), self);
        gtk_flow_box_append (self->refund_methods_box, button);
        self->refund_method_buttons[m] = button;
      }
    refund_set_method (self, LAPAK_PAY_CASH);
  }

  for (guint i = 0; i < 2; i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_swapped (focus, "enter", G_CALLBACK (keypad_follow_focus_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (i == 0 ? self->part_amount_entry : self->reference_entry), focus);
    }
}

static void
load_event (LapakWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tenants = NULL;

  self->event = lapak_event_get_active (self->db, &error);
  if (self->event == NULL && error != NULL)
    g_warning ("No active event: %s", error->message);
  g_clear_error (&error);

  if ((tenants = lapak_tenant_list (self->db, &error)) == NULL)
    {
      g_warning ("The tenants could not be read: %s", error->message);
      return;
    }
  for (guint i = 0; i < tenants->len; i++)
    {
      LapakTenant *t = g_ptr_array_index (tenants, i);

      g_hash_table_insert (self->tenant_names, g_strdup (t->code), g_strdup (t->name));
    }
}

/**
 * lapak_window_new:
 * @application: (nullable): the application
 * @db: the till's open database
 *
 * Returns: (transfer full): a window on the login page
 */
LapakWindow *
lapak_window_new (GtkApplication *application,
                  LapakDb        *db)
{
  LapakWindow *self;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);

  self = g_object_new (LAPAK_TYPE_WINDOW, "application", application, NULL);
  self->db = g_object_ref (db);
  load_event (self);
  attach_manage_page (self);
  attach_settle_page (self);
  attach_sync_page (self);
  attach_tenant_pages (self);
  show_login (self);
  check_printer (self);
  return self;
}

/**
 * lapak_window_new_error:
 *
 * A window that only says why the till cannot start.
 */
LapakWindow *
lapak_window_new_error (GtkApplication *application,
                        const GError   *error)
{
  LapakWindow *self = g_object_new (LAPAK_TYPE_WINDOW, "application", application, NULL);

  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_description (self->error_page, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->print_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "error");
  return self;
}

const char *
lapak_window_get_page (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GListModel *
lapak_window_get_cart (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->cart_items);
}

/**
 * lapak_window_set_idle_lock:
 * @seconds: lock after this long without a key or a touch; 0: never
 */
void
lapak_window_set_idle_lock (LapakWindow *self,
                            guint        seconds)
{
  g_return_if_fail (LAPAK_IS_WINDOW (self));

  self->idle_lock_seconds = seconds;
  self->last_activity = g_get_monotonic_time ();
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (seconds > 0)
    self->idle_source = g_timeout_add_seconds (MIN (seconds, 15u), idle_check_cb, self);
}

/**
 * lapak_window_set_print_retry:
 * @seconds: how often the printer is asked again while a receipt did not
 *   print (it prints by itself once the printer is back); 0: only on a tap
 */
void
lapak_window_set_print_retry (LapakWindow *self,
                              guint        seconds)
{
  g_return_if_fail (LAPAK_IS_WINDOW (self));

  self->print_retry_seconds = seconds;
  g_clear_handle_id (&self->print_retry_source, g_source_remove);
  if (self->print_failed_sale != NULL)
    schedule_print_retry (self);
}

gboolean
lapak_window_get_kiosk (LapakWindow *self)
{
  g_return_val_if_fail (LAPAK_IS_WINDOW (self), FALSE);
  return self->kiosk;
}

/**
 * lapak_window_set_kiosk:
 * @kiosk: fill the screen, without the window's close, minimise and
 *   maximise buttons; the window closes, and kiosk mode ends, only with
 *   an organiser's PIN
 */
void
lapak_window_set_kiosk (LapakWindow *self,
                        gboolean     kiosk)
{
  g_return_if_fail (LAPAK_IS_WINDOW (self));

  self->kiosk = kiosk;
  gtk_widget_set_visible (GTK_WIDGET (self->leave_kiosk_button), kiosk);
  adw_header_bar_set_show_start_title_buttons (self->header_bar, !kiosk);
  adw_header_bar_set_show_end_title_buttons (self->header_bar, !kiosk);
  if (kiosk)
    gtk_window_fullscreen (GTK_WINDOW (self));
  else
    gtk_window_unfullscreen (GTK_WINDOW (self));
}

void
lapak_window_log_out (LapakWindow *self)
{
  g_return_if_fail (LAPAK_IS_WINDOW (self));

  g_clear_pointer (&self->user, lapak_user_free);
  g_clear_pointer (&self->cart, lapak_cart_free);
  show_login (self);
}
