/* lapak-print-job.h — printers and print jobs through CUPS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LAPAK_PRINT_ERROR (lapak_print_error_quark ())

typedef enum
{
  LAPAK_PRINT_ERROR_NO_SERVICE,    /* cupsd is not running / not reachable */
  LAPAK_PRINT_ERROR_NO_QUEUE,      /* no such printer queue */
  LAPAK_PRINT_ERROR_REJECTING,     /* the queue does not accept jobs */
  LAPAK_PRINT_ERROR_UNREACHABLE,   /* the job waits: the printer does not answer */
  LAPAK_PRINT_ERROR_FAILED,        /* the job was aborted or cancelled */
} LapakPrintError;

GQuark lapak_print_error_quark (void);

#define LAPAK_FORMAT_RAW "application/vnd.cups-raw"
#define LAPAK_FORMAT_PDF "application/pdf"

typedef enum
{
  LAPAK_PRINTER_IDLE       = 3,
  LAPAK_PRINTER_PROCESSING = 4,
  LAPAK_PRINTER_STOPPED    = 5,
} LapakPrinterState;

typedef struct
{
  char              *name;
  char              *info;
  char              *device_uri;
  char              *state_message;
  char              *reasons;
  LapakPrinterState  state;
  gboolean           accepting;
  gboolean           is_default;
} LapakPrinter;

typedef enum
{
  LAPAK_JOB_PRINTED,   /* completed */
  LAPAK_JOB_QUEUED,    /* kept in the queue of a stopped printer: prints once it is enabled */
} LapakJobOutcome;

typedef struct
{
  int              job_id;
  LapakJobOutcome  outcome;
  char            *message;   /* for the user, e.g. why it waits */
} LapakPrintResult;

GPtrArray        *lapak_printer_list      (GError          **error);
const char       *lapak_printer_state_to_string (LapakPrinterState state);
void              lapak_printer_free      (LapakPrinter     *printer);

LapakPrintResult *lapak_print_submit      (const char       *queue,
                                           const char       *title,
                                           const char       *format,
                                           const char       *media,
                                           GBytes           *data,
                                           guint             wait_ms,
                                           GError          **error);
void              lapak_print_submit_async  (const char          *queue,
                                             const char          *title,
                                             const char          *format,
                                             const char          *media,
                                             GBytes              *data,
                                             guint                wait_ms,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
LapakPrintResult *lapak_print_submit_finish (GAsyncResult        *result,
                                             GError             **error);
void              lapak_print_result_free (LapakPrintResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakPrinter, lapak_printer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakPrintResult, lapak_print_result_free)

G_END_DECLS
