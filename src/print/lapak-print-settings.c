/* lapak-print-settings.c — which printers this till uses, and how
 *
 * Kept in the till's own database (meta table, keys "print.*"): each till
 * has its own printers. Changing them needs a supervisor or an organiser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lapak-print"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lapak-error.h"
#include "lapak-labels.h"
#include "lapak-print-job.h"
#include "lapak-print-settings.h"
#include "lapak-receipt-pdf.h"

void
lapak_print_settings_free (LapakPrintSettings *s)
{
  if (s == NULL)
    return;
  g_free (s->receipt_queue);
  g_free (s->label_queue);
  g_free (s->label_layout);
  g_free (s->documents_queue);
  g_free (s);
}

const char *
lapak_receipt_format_to_string (LapakReceiptFormat format)
{
  return format == LAPAK_RECEIPT_PDF ? "pdf" : "escpos";
}

gboolean
lapak_receipt_format_from_string (const char          *text,
                                  LapakReceiptFormat  *out_format,
                                  GError             **error)
{
  if (g_strcmp0 (text, "escpos") == 0)
    *out_format = LAPAK_RECEIPT_ESCPOS;
  else if (g_strcmp0 (text, "pdf") == 0)
    *out_format = LAPAK_RECEIPT_PDF;
  else
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The receipt format “%s” is not known: give escpos (thermal printer on a raw queue) or pdf."),
                   text ? text : "");
      return FALSE;
    }
  return TRUE;
}

static char *
meta (LapakDb     *db,
      const char  *key,
      GError     **error)
{
  g_autofree char *full = g_strconcat ("print.", key, NULL);

  return lapak_db_get_meta (db, full, error);
}

/**
 * lapak_print_settings_load:
 *
 * Returns: (transfer full): this till's settings (defaults where none were
 * saved: no printers (receipts, labels, A4 documents), ESC/POS on 58 mm,
 * layout a4-3x8), or %NULL
 */
LapakPrintSettings *
lapak_print_settings_load (LapakDb  *db,
                           GError  **error)
{
  g_autoptr(LapakPrintSettings) s = g_new0 (LapakPrintSettings, 1);
  g_autofree char *format = NULL;
  g_autofree char *width = NULL;
  g_autofree char *drawer = NULL;
  GError *local_error = NULL;

  s->receipt_queue = meta (db, "receipt_queue", &local_error);
  if (local_error == NULL)
    format = meta (db, "receipt_format", &local_error);
  if (local_error == NULL)
    width = meta (db, "receipt_width", &local_error);
  if (local_error == NULL)
    drawer = meta (db, "open_drawer", &local_error);
  if (local_error == NULL)
    s->label_queue = meta (db, "label_queue", &local_error);
  if (local_error == NULL)
    s->label_layout = meta (db, "label_layout", &local_error);
  if (local_error == NULL)
    s->documents_queue = meta (db, "documents_queue", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (s->receipt_queue != NULL && *s->receipt_queue == '\0')
    g_clear_pointer (&s->receipt_queue, g_free);
  if (s->label_queue != NULL && *s->label_queue == '\0')
    g_clear_pointer (&s->label_queue, g_free);
  if (s->documents_queue != NULL && *s->documents_queue == '\0')
    g_clear_pointer (&s->documents_queue, g_free);
  s->receipt_format = g_strcmp0 (format, "pdf") == 0 ? LAPAK_RECEIPT_PDF : LAPAK_RECEIPT_ESCPOS;
  s->receipt_width = g_strcmp0 (width, "80") == 0 ? LAPAK_PAPER_80MM : LAPAK_PAPER_58MM;
  s->open_drawer = g_strcmp0 (drawer, "yes") == 0;
  if (s->label_layout == NULL)
    s->label_layout = g_strdup ("a4-3x8");
  return g_steal_pointer (&s);
}

static gboolean
save_txn (LapakDb  *db,
          gpointer  user_data,
          GError  **error)
{
  const LapakPrintSettings *s = user_data;
  g_autofree char *width = g_strdup_printf ("%d", (int)s->receipt_width);

  /* "" is "none": meta values are NOT NULL */
  return lapak_db_set_meta (db, "print.receipt_queue", s->receipt_queue ? s->receipt_queue : "", error) &&
         lapak_db_set_meta (db, "print.receipt_format", lapak_receipt_format_to_string (s->receipt_format), error) &&
         lapak_db_set_meta (db, "print.receipt_width", width, error) &&
         lapak_db_set_meta (db, "print.open_drawer", s->open_drawer ? "yes" : "no", error) &&
         lapak_db_set_meta (db, "print.label_queue", s->label_queue ? s->label_queue : "", error) &&
         lapak_db_set_meta (db, "print.label_layout", s->label_layout, error) &&
         lapak_db_set_meta (db, "print.documents_queue", s->documents_queue ? s->documents_queue : "", error);
}

static gboolean
queue_validate (const char  *queue,
                GError     **error)
{
  if (queue == NULL)
    return TRUE;
  /* CUPS queue names: printable, no space, "/" or "#", at most 127 bytes */
  for (const char *p = queue; *p; p++)
    if (*p <= ' ' || *p == '/' || *p == '#' || *p == 0x7f)
      {
        g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                     _("“%s” is not a CUPS queue name (no spaces, “/” or “#”). See “lapakctl printers”."), queue);
        return FALSE;
      }
  if (*queue == '\0' || strlen (queue) > 127)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("“%s” is not a CUPS queue name (1 to 127 characters). See “lapakctl printers”."), queue);
      return FALSE;
    }
  return TRUE;
}

/**
 * lapak_print_settings_save:
 * @actor: a supervisor or organiser
 *
 * Saves all of @settings at once, or nothing. The queues need not exist
 * yet (a printer may be plugged in later); their names must be valid.
 */
gboolean
lapak_print_settings_save (LapakDb                  *db,
                           const LapakUser          *actor,
                           const LapakPrintSettings *settings,
                           GError                  **error)
{
  if (!lapak_auth_require (actor, LAPAK_CAP_APPROVE, error) ||
      !queue_validate (settings->receipt_queue, error) ||
      !queue_validate (settings->label_queue, error) ||
      !queue_validate (settings->documents_queue, error) ||
      lapak_label_layout_find (settings->label_layout, error) == NULL)
    return FALSE;
  if (settings->receipt_width != LAPAK_PAPER_58MM && settings->receipt_width != LAPAK_PAPER_80MM)
    {
      g_set_error_literal (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                           _("The receipt paper is 58 or 80 mm wide."));
      return FALSE;
    }
  return lapak_db_transaction (db, save_txn, (gpointer)settings, error);
}

/**
 * lapak_print_settings_open_drawer:
 *
 * Whether printing @receipt should open the cash drawer: when the till is
 * set up for it, for a first print (not a reprint) of a sale paid at least
 * partly in cash.
 */
gboolean
lapak_print_settings_open_drawer (const LapakPrintSettings *settings,
                                  const LapakReceipt       *receipt)
{
  if (!settings->open_drawer || receipt->reprint || settings->receipt_format != LAPAK_RECEIPT_ESCPOS)
    return FALSE;
  for (guint i = 0; i < receipt->payments->len; i++)
    if (g_array_index (receipt->payments, LapakPayment, i).method == LAPAK_PAY_CASH)
      return TRUE;
  return FALSE;
}

/**
 * lapak_print_settings_receipt:
 * @out_format: (out): %LAPAK_FORMAT_RAW or %LAPAK_FORMAT_PDF, for
 *   lapak_print_submit()
 *
 * @receipt as this till's receipt printer takes it: ESC/POS bytes of the
 * paper's width (with the drawer kick when lapak_print_settings_open_drawer()
 * says so) or a PDF of that width. @receipt->reprint marks a reprint.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
GBytes *
lapak_print_settings_receipt (const LapakPrintSettings  *settings,
                              const LapakReceipt        *receipt,
                              const char               **out_format,
                              GError                   **error)
{
  if (settings->receipt_format == LAPAK_RECEIPT_PDF)
    {
      *out_format = LAPAK_FORMAT_PDF;
      return lapak_receipt_pdf (receipt, settings->receipt_width, error);
    }
  else
    {
      LapakEscposOptions options = {
        .width = settings->receipt_width,
        .open_drawer = lapak_print_settings_open_drawer (settings, receipt),
      };

      *out_format = LAPAK_FORMAT_RAW;
      return lapak_escpos_receipt (receipt, &options);
    }
}
