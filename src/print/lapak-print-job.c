/* lapak-print-job.c — printers and print jobs through CUPS
 *
 * A job is created, its one document streamed, then followed with IPP
 * Get-Job-Attributes until it is completed, aborted or cancelled, or
 * until @wait_ms. What can go wrong is told in words a shop can act on:
 * what failed, what was kept (the sale is always committed before
 * anything prints), and what to do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-print"

#include <cups/cups.h>

#include <glib/gi18n-lib.h>

#include "lapak-print-job.h"

G_DEFINE_QUARK (lapak-print-error-quark, lapak_print_error)

void
lapak_printer_free (LapakPrinter *p)
{
  if (p == NULL)
    return;
  g_free (p->name);
  g_free (p->info);
  g_free (p->device_uri);
  g_free (p->state_message);
  g_free (p->reasons);
  g_free (p);
}

void
lapak_print_result_free (LapakPrintResult *r)
{
  if (r == NULL)
    return;
  g_free (r->message);
  g_free (r);
}

const char *
lapak_printer_state_to_string (LapakPrinterState state)
{
  switch (state)
    {
    case LAPAK_PRINTER_IDLE: return _("idle");
    case LAPAK_PRINTER_PROCESSING: return _("printing");
    case LAPAK_PRINTER_STOPPED: return _("stopped");
    default: return _("unknown");
    }
}

static gboolean
service_down (void)
{
  ipp_status_t s = cupsLastError ();

  return s == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || s == IPP_STATUS_ERROR_INTERNAL;
}

static void
set_no_service (GError **error)
{
  g_set_error (error, LAPAK_PRINT_ERROR, LAPAK_PRINT_ERROR_NO_SERVICE,
               _("The print service (CUPS) at %s does not answer. Nothing was printed. "
                 "Start it (e.g. “service cups start”), then print again."),
               cupsServer ());
}

static LapakPrinter *
printer_from_dest (cups_dest_t *d)
{
  LapakPrinter *p = g_new0 (LapakPrinter, 1);
  const char *v;

  p->name = g_strdup (d->name);
  p->info = g_strdup (cupsGetOption ("printer-info", d->num_options, d->options));
  p->device_uri = g_strdup (cupsGetOption ("device-uri", d->num_options, d->options));
  p->state_message = g_strdup (cupsGetOption ("printer-state-message", d->num_options, d->options));
  p->reasons = g_strdup (cupsGetOption ("printer-state-reasons", d->num_options, d->options));
  v = cupsGetOption ("printer-state", d->num_options, d->options);
  p->state = v != NULL ? (LapakPrinterState)atoi (v) : LAPAK_PRINTER_IDLE;
  v = cupsGetOption ("printer-is-accepting-jobs", d->num_options, d->options);
  p->accepting = v == NULL || g_ascii_strcasecmp (v, "true") == 0;
  p->is_default = d->is_default != 0;
  return p;
}

/**
 * lapak_printer_list:
 *
 * Returns: (transfer full) (element-type LapakPrinter): the CUPS queues,
 * possibly none; %NULL with @error set when CUPS does not answer
 */
GPtrArray *
lapak_printer_list (GError **error)
{
  cups_dest_t *dests = NULL;
  int n = cupsGetDests2 (CUPS_HTTP_DEFAULT, &dests);
  GPtrArray *list;

  if (n == 0 && service_down ())
    {
      g_set_error (error, LAPAK_PRINT_ERROR, LAPAK_PRINT_ERROR_NO_SERVICE,
                   _("The print service (CUPS) at %s does not answer, so the printers are unknown. "
                     "Start it (e.g. “service cups start”)."),
                   cupsServer ());
      return NULL;
    }
  list = g_ptr_array_new_with_free_func ((GDestroyNotify)lapak_printer_free);
  for (int i = 0; i < n; i++)
    if (dests[i].instance == NULL)
      g_ptr_array_add (list, printer_from_dest (&dests[i]));
  cupsFreeDests (n, dests);
  return list;
}

static char *
queue_names (http_t *http)
{
  cups_dest_t *dests = NULL;
  int n = cupsGetDests2 (http, &dests);
  GString *s = g_string_new (NULL);

  for (int i = 0; i < n; i++)
    if (dests[i].instance == NULL)
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", dests[i].name);
  cupsFreeDests (n, dests);
  if (s->len == 0)
    g_string_append (s, _("none"));
  return g_string_free (s, FALSE);
}

/* The printer's own words on its state, e.g. "The printer may not exist
 * or is unavailable at this time.", or NULL. */
static char *
printer_state_message (http_t     *http,
                       const char *queue)
{
  ipp_t *request = ippNewRequest (IPP_OP_GET_PRINTER_ATTRIBUTES);
  char uri[HTTP_MAX_URI];
  ipp_t *response;
  ipp_attribute_t *attr;
  char *message = NULL;

  httpAssembleURIf (HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", ippPort (),
                    "/printers/%s", queue);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", NULL,
                "printer-state-message");
  response = cupsDoRequest (http, request, "/");
  if (response == NULL)
    return NULL;
  if ((attr = ippFindAttribute (response, "printer-state-message", IPP_TAG_TEXT)) != NULL &&
      ippGetString (attr, 0, NULL) != NULL && *ippGetString (attr, 0, NULL))
    message = g_strdup (ippGetString (attr, 0, NULL));
  ippDelete (response);
  return message;
}

static ipp_jstate_t
job_state (http_t  *http,
           int      job_id,
           char   **out_reasons)
{
  ipp_t *request = ippNewRequest (IPP_OP_GET_JOB_ATTRIBUTES);
  static const char * const wanted[] = { "job-state", "job-state-reasons" };
  char uri[HTTP_MAX_URI];
  ipp_t *response;
  ipp_attribute_t *attr;
  ipp_jstate_t state = 0;

  httpAssembleURIf (HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", ippPort (),
                    "/jobs/%d", job_id);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser ());
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (wanted), NULL, wanted);
  response = cupsDoRequest (http, request, "/");
  if (response == NULL)
    return 0;
  if ((attr = ippFindAttribute (response, "job-state", IPP_TAG_ENUM)) != NULL)
    state = (ipp_jstate_t)ippGetInteger (attr, 0);
  if (out_reasons != NULL && (attr = ippFindAttribute (response, "job-state-reasons", IPP_TAG_KEYWORD)) != NULL)
    {
      GString *s = g_string_new (NULL);

      for (int i = 0; i < ippGetCount (attr); i++)
        g_string_append_printf (s, "%s%s", i ? ", " : "", ippGetString (attr, i, NULL));
      g_free (*out_reasons);
      *out_reasons = g_string_free (s, FALSE);
    }
  ippDelete (response);
  return state;
}

/**
 * lapak_print_submit:
 * @queue: the CUPS queue
 * @format: %LAPAK_FORMAT_RAW (ESC/POS bytes) or %LAPAK_FORMAT_PDF
 * @media: (nullable): the paper, as a CUPS media name ("A4",
 *   "Custom.50x30mm"); when given, the job is printed at 100 % (no
 *   scaling), which sticker sheets need to land on their labels
 * @wait_ms: how long to follow the job before giving an answer
 *
 * Prints @data on @queue. A job kept in the queue of a stopped (disabled)
 * printer is not an error: the result says %LAPAK_JOB_QUEUED. A job the
 * printer does not take within @wait_ms stays in the queue and is
 * reported as %LAPAK_PRINT_ERROR_UNREACHABLE.
 *
 * Returns: (transfer full): the job and what became of it, or %NULL
 */
LapakPrintResult *
lapak_print_submit (const char  *queue,
                    const char  *title,
                    const char  *format,
                    const char  *media,
                    GBytes      *data,
                    guint        wait_ms,
                    GError     **error)
{
  cups_option_t *options = NULL;
  int n_options = 0;
  g_autoptr(LapakPrintResult) result = NULL;
  g_autofree char *reasons = NULL;
  http_t *http;
  cups_dest_t *dest;
  const char *accepting, *pstate, *pmessage;
  g_autofree char *printer_message = NULL;
  gboolean stopped;
  gsize len;
  const char *bytes = g_bytes_get_data (data, &len);
  int job_id;
  ipp_jstate_t state = 0;
  gint64 deadline;

  http = httpConnect2 (cupsServer (), ippPort (), NULL, AF_UNSPEC, cupsEncryption (), 1, 5000, NULL);
  if (http == NULL)
    {
      set_no_service (error);
      return NULL;
    }

  dest = cupsGetNamedDest (http, queue, NULL);
  if (dest == NULL)
    {
      if (service_down ())
        set_no_service (error);
      else
        {
          g_autofree char *names = queue_names (http);

          g_set_error (error, LAPAK_PRINT_ERROR, LAPAK_PRINT_ERROR_NO_QUEUE,
                       _("There is no printer queue “%s”. Nothing was printed. The queues are: %s "
                         "(lapakctl printers); choose one of them or add the printer in CUPS."),
                       queue, names);
        }
      httpClose (http);
      return NULL;
    }
  accepting = cupsGetOption ("printer-is-accepting-jobs", dest->num_options, dest->options);
  pstate = cupsGetOption ("printer-state", dest->num_options, dest->options);
  pmessage = cupsGetOption ("printer-state-message", dest->num_options, dest->options);
  printer_message = g_strdup (pmessage != NULL && *pmessage ? pmessage : NULL);
  stopped = pstate != NULL && atoi (pstate) == IPP_PSTATE_STOPPED;
  cupsFreeDests (1, dest);
  if (accepting != NULL && g_ascii_strcasecmp (accepting, "false") == 0)
    {
      g_set_error (error, LAPAK_PRINT_ERROR, LAPAK_PRINT_ERROR_REJECTING,
                   _("The printer “%s” refuses new jobs (it is set to reject them). Nothing was printed. "
                     "Let it accept jobs again (“cupsaccept %s”), then print again."),
                   queue, queue);
      httpClose (http);
      return NULL;
    }

  if (media != NULL)
    {
      n_options = cupsAddOption ("media", media, n_options, &options);
      n_options = cupsAddOption ("print-scaling", "none", n_options, &options);
      n_options = cupsAddOption ("fit-to-page", "false", n_options, &options);
    }
  job_id = cupsCreateJob (http, queue, title, n_options, options);
  cupsFreeOptions (n_options, options);
  if (job_id == 0)
    {
      if (cupsLastError () == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS)
        g_set_error (error, LAPAK_PRINT_ERROR, LAPAK_PRINT_ERROR_REJECTING,
                     _("The printer “%s” refuses new jobs (it is set to reject them). Nothing was printed. "
                       "Let it accept jobs again (“cupsaccept %s”), then print again."),
                     queue, queue);
      else if (service_down ())
        set_no_service (error);
      else
        g_set_error (error, LAPAK_PRINT_ERROR, LAPAK_PRINT_ERROR_FAILED,
                     _("The printer “%s” did not take the job: %s. Nothing was printed; try again."),
                     queue, cupsLastErrorString ());
      httpClose (http);
      return NULL;
    }
  if (cupsStartDocument (http, queue, job_id, title, format, 1) != HTTP_STATUS_CONTINUE ||
      cupsWriteRequestData (http, bytes, len) != HTTP_STATUS_CONTINUE ||
      cupsFinishDocument (http, queue) != IPP_STATUS_OK)
    {
      g_set_error (error, LAPAK_PRINT_ERROR, LAPAK_PRINT_ERROR_FAILED,
                   _("Sending job %d to the printer “%s” failed: %s. Nothing was printed; try again."),
                   job_id, queue, cupsLastErrorString ());
      cupsCancelJob2 (http, queue, job_id, 0);
      httpClose (http);
      return NULL;
    }

  result = g_new0 (LapakPrintResult, 1);
  result->job_id = job_id;
  deadline = g_get_monotonic_time () + (gint64)wait_ms * 1000;
  for (;;)
    {
      state = job_state (http, job_id, &reasons);
      if (state >= IPP_JSTATE_STOPPED || g_get_monotonic_time () >= deadline)
        break;
      /* a stopped printer keeps the job at once, a held job waits for a
       * release: no need to wait for either */
      if ((state == IPP_JSTATE_PENDING && stopped) || state == IPP_JSTATE_HELD)
        break;
      g_usleep (20 * 1000);
    }
  if (state == IPP_JSTATE_PROCESSING || state == IPP_JSTATE_PENDING || state == IPP_JSTATE_STOPPED)
    {
      /* why it waits: the printer's own message */
      char *message = printer_state_message (http, queue);

      if (message != NULL)
        {
          g_free (printer_message);
          printer_message = message;
        }
    }
  httpClose (http);

  switch ((int)state)
    {
    case IPP_JSTATE_COMPLETED:
      result->outcome = LAPAK_JOB_PRINTED;
      result->message = g_strdup_printf (_("Printed on “%s” (job %d)."), queue, job_id);
      return g_steal_pointer (&result);

    case IPP_JSTATE_HELD:
      result->outcome = LAPAK_JOB_QUEUED;
      result->message = g_strdup_printf (_("Job %d is held in the queue of “%s” and prints once it is released "
                                           "(“lp -i %d -H resume”)."),
                                         job_id, queue, job_id);
      return g_steal_pointer (&result);

    case IPP_JSTATE_PENDING:
      if (stopped)
        {
          result->outcome = LAPAK_JOB_QUEUED;
          result->message = g_strdup_printf (_("The printer “%s” is stopped: job %d waits in its queue and "
                                               "prints as soon as the printer is enabled again (“cupsenable %s”)."),
                                             queue, job_id, queue);
          return g_steal_pointer (&result);
        }
      G_GNUC_FALLTHROUGH;
    case IPP_JSTATE_PROCESSING:
    case IPP_JSTATE_STOPPED:
      g_set_error (error, LAPAK_PRINT_ERROR, LAPAK_PRINT_ERROR_UNREACHABLE,
                   _("The printer “%s” does not answer: job %d is kept in its queue and prints when the "
                     "printer is back%s%s%s. Check its power, paper and cable; to drop the job: “cancel %s-%d”."),
                   queue, job_id,
                   printer_message || reasons ? _(" (CUPS says: ") : "",
                   printer_message ? printer_message : (reasons ? reasons : ""),
                   printer_message || reasons ? ")" : "",
                   queue, job_id);
      return NULL;

    case 0:
      g_set_error (error, LAPAK_PRINT_ERROR, LAPAK_PRINT_ERROR_NO_SERVICE,
                   _("Job %d went to “%s”, but the print service stopped answering (%s); look at the queue "
                     "with “lpstat -o %s” before printing again."),
                   job_id, queue, cupsLastErrorString (), queue);
      return NULL;

    default:
      g_set_error (error, LAPAK_PRINT_ERROR, LAPAK_PRINT_ERROR_FAILED,
                   _("The printer “%s” could not print job %d (%s%s%s). Check the printer, then print again."),
                   queue, job_id,
                   state == IPP_JSTATE_CANCELED ? _("cancelled") : _("aborted"),
                   reasons ? ": " : "", reasons ? reasons : "");
      return NULL;
    }
}

typedef struct
{
  char   *queue;
  char   *title;
  char   *format;
  char   *media;
  GBytes *data;
  guint   wait_ms;
} SubmitData;

static void
submit_data_free (SubmitData *d)
{
  g_free (d->queue);
  g_free (d->title);
  g_free (d->format);
  g_free (d->media);
  g_bytes_unref (d->data);
  g_free (d);
}

static void
submit_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SubmitData *d = task_data;
  GError *error = NULL;
  LapakPrintResult *result = lapak_print_submit (d->queue, d->title, d->format, d->media, d->data,
                                                 d->wait_ms, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify)lapak_print_result_free);
}

/**
 * lapak_print_submit_async:
 *
 * lapak_print_submit() in a worker thread, for the kiosk: the screen stays
 * responsive while CUPS takes the job or times out. libcups keeps its
 * last error per thread and each call opens its own connection.
 */
void
lapak_print_submit_async (const char          *queue,
                          const char          *title,
                          const char          *format,
                          const char          *media,
                          GBytes              *data,
                          guint                wait_ms,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SubmitData *d = g_new0 (SubmitData, 1);

  d->queue = g_strdup (queue);
  d->title = g_strdup (title);
  d->format = g_strdup (format);
  d->media = g_strdup (media);
  d->data = g_bytes_ref (data);
  d->wait_ms = wait_ms;
  g_task_set_source_tag (task, lapak_print_submit_async);
  g_task_set_task_data (task, d, (GDestroyNotify)submit_data_free);
  g_task_run_in_thread (task, submit_thread);
}

LapakPrintResult *
lapak_print_submit_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
