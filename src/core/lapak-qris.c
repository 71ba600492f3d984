/* lapak-qris.c — QRIS (EMVCo Merchant-Presented Mode) payloads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A QRIS payload is a list of TLV fields: a 2-digit ID, a 2-digit length in
 * characters, the value. 00 comes first, 63 (a CRC-16/CCITT-FALSE over the
 * UTF-8 bytes of everything up to and including "6304") last. The organiser
 * stores its static QRIS once; at payment Lapak makes the dynamic one with
 * the exact amount: 01 = "12", 54 = amount right before 58, fresh CRC. Tip
 * and fee tags 55–57 are dropped and never added: Bank Indonesia forbids
 * surcharging the customer.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lapak-error.h"
#include "lapak-money.h"
#include "lapak-qris.h"

typedef struct
{
  char  id[3];
  char *value;   /* UTF-8 */
} Field;

static void
field_clear (gpointer data)
{
  Field *f = data;

  g_free (f->value);
}

guint16
lapak_crc16_ccitt_false (const guint8 *data,
                         gsize         length)
{
  guint16 crc = 0xFFFF;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= (guint16)data[i] << 8;
      for (int bit = 0; bit < 8; bit++)
        crc = (crc & 0x8000) ? (guint16)((crc << 1) ^ 0x1021) : (guint16)(crc << 1);
    }
  return crc;
}

static void
qris_error (GError    **error,
            const char *why)
{
  /* Translators: %s says what is wrong with the QRIS code. */
  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
               _("This QRIS code is not valid: %s Copy the QRIS payload again from "
                 "your payment provider."),
               why);
}

/* Parses one level of TLV fields in @text (UTF-8; lengths count characters). */
static GArray *
parse_tlv (const char  *text,
           GError     **error)
{
  g_autoptr(GArray) fields = g_array_new (FALSE, TRUE, sizeof (Field));
  const char *p = text;

  g_array_set_clear_func (fields, field_clear);

  while (*p != '\0')
    {
      Field f = { { 0 } };
      const char *start;
      int len;

      if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) ||
          !g_ascii_isdigit (p[2]) || !g_ascii_isdigit (p[3]))
        {
          g_autofree char *why = g_strdup_printf (_("at character %ld a field should start with "
                                                    "a 2-digit ID and a 2-digit length."),
                                                  g_utf8_pointer_to_offset (text, p) + 1);
          qris_error (error, why);
          return NULL;
        }

      memcpy (f.id, p, 2);
      len = (p[2] - '0') * 10 + (p[3] - '0');
      p += 4;
      start = p;

      if (len == 0)
        {
          g_autofree char *why = g_strdup_printf (_("field %s has length 00."), f.id);
          qris_error (error, why);
          return NULL;
        }

      for (int i = 0; i < len; i++)
        {
          if (*p == '\0')
            {
              g_autofree char *why = g_strdup_printf (_("field %s says it has %d characters, "
                                                        "but the code ends before that."),
                                                      f.id, len);
              qris_error (error, why);
              return NULL;
            }
          p = g_utf8_next_char (p);
        }

      for (guint i = 0; i < fields->len; i++)
        {
          if (strcmp (g_array_index (fields, Field, i).id, f.id) == 0)
            {
              g_autofree char *why = g_strdup_printf (_("field %s appears twice."), f.id);
              qris_error (error, why);
              return NULL;
            }
        }

      f.value = g_strndup (start, p - start);
      g_array_append_val (fields, f);
    }

  return g_steal_pointer (&fields);
}

static const Field *
find (GArray     *fields,
      const char *id)
{
  for (guint i = 0; i < fields->len; i++)
    if (strcmp (g_array_index (fields, Field, i).id, id) == 0)
      return &g_array_index (fields, Field, i);
  return NULL;
}

static gboolean
require (GArray      *fields,
         const char  *id,
         const char  *what,
         GError     **error)
{
  if (find (fields, id) == NULL)
    {
      /* Translators: "field 59 (the merchant name) is missing." */
      g_autofree char *why = g_strdup_printf (_("field %s (%s) is missing."), id, what);
      qris_error (error, why);
      return FALSE;
    }
  return TRUE;
}

static gboolean
all_digits (const char *s)
{
  return *s != '\0' && strspn (s, "0123456789") == strlen (s);
}

/**
 * lapak_qris_check:
 *
 * Validates a QRIS payload completely: structure, mandatory fields, Indonesia
 * and rupiah, amount, and the CRC. The message says what is wrong.
 */
gboolean
lapak_qris_check (const char  *payload,
                  GError     **error)
{
  g_autoptr(GArray) fields = NULL;
  const char *crc_at;
  const Field *f;
  char expected[5];
  gsize prefix_len;

  g_return_val_if_fail (payload != NULL, FALSE);

  if (!g_utf8_validate (payload, -1, NULL))
    {
      qris_error (error, _("it is not UTF-8 text."));
      return FALSE;
    }

  if (g_utf8_strlen (payload, -1) > LAPAK_QRIS_MAX_LENGTH)
    {
      g_autofree char *why = g_strdup_printf (_("it is longer than %d characters."), LAPAK_QRIS_MAX_LENGTH);
      qris_error (error, why);
      return FALSE;
    }

  if (!(fields = parse_tlv (payload, error)))
    return FALSE;

  if (fields->len == 0 || strcmp (g_array_index (fields, Field, 0).id, "00") != 0 ||
      strcmp (g_array_index (fields, Field, 0).value, "01") != 0)
    {
      qris_error (error, _("it must start with field 00 = 01 (000201)."));
      return FALSE;
    }

  f = &g_array_index (fields, Field, fields->len - 1);
  if (strcmp (f->id, "63") != 0 || strlen (f->value) != 4)
    {
      qris_error (error, _("it must end with the checksum field 63 (6304 and 4 characters)."));
      return FALSE;
    }

  /* The CRC covers everything up to and including "6304". */
  crc_at = payload + strlen (payload) - 4;
  prefix_len = (gsize)(crc_at - payload);
  g_snprintf (expected, sizeof expected, "%04X",
              lapak_crc16_ccitt_false ((const guint8 *)payload, prefix_len));
  if (strcmp (expected, crc_at) != 0)
    {
      g_autofree char *why = g_strdup_printf (_("its checksum (field 63) is %s but its content "
                                                "gives %s: the text was changed or cut off."),
                                              crc_at, expected);
      qris_error (error, why);
      return FALSE;
    }

  if (!require (fields, "01", _("static or dynamic"), error) ||
      !require (fields, "52", _("the merchant category"), error) ||
      !require (fields, "53", _("the currency"), error) ||
      !require (fields, "58", _("the country"), error) ||
      !require (fields, "59", _("the merchant name"), error) ||
      !require (fields, "60", _("the merchant city"), error))
    return FALSE;

  f = find (fields, "01");
  if (strcmp (f->value, "11") != 0 && strcmp (f->value, "12") != 0)
    {
      qris_error (error, _("field 01 must be 11 (static) or 12 (dynamic)."));
      return FALSE;
    }

  if (strcmp (find (fields, "58")->value, "ID") != 0)
    {
      qris_error (error, _("the country (field 58) is not ID: this is not an Indonesian QRIS."));
      return FALSE;
    }

  if (strcmp (find (fields, "53")->value, "360") != 0)
    {
      qris_error (error, _("the currency (field 53) is not 360 (rupiah)."));
      return FALSE;
    }

  f = find (fields, "52");
  if (strlen (f->value) != 4 || !all_digits (f->value))
    {
      qris_error (error, _("the merchant category (field 52) must be 4 digits."));
      return FALSE;
    }

  if (g_utf8_strlen (find (fields, "59")->value, -1) > 25)
    {
      qris_error (error, _("the merchant name (field 59) is longer than 25 characters."));
      return FALSE;
    }

  f = find (fields, "54");
  if (f != NULL && (!all_digits (f->value) || f->value[0] == '0' || strlen (f->value) > 13))
    {
      g_autofree char *why = g_strdup_printf (_("the amount (field 54) “%s” must be a whole "
                                                "number of rupiah above 0, digits only."),
                                              f->value);
      qris_error (error, why);
      return FALSE;
    }

  /* Templates hold TLV fields of their own. */
  {
    gboolean has_account = FALSE;

    for (guint i = 0; i < fields->len; i++)
      {
        const Field *t = &g_array_index (fields, Field, i);
        int id = atoi (t->id);

        if ((id >= 26 && id <= 51) || id == 62 || id == 64)
          {
            g_autoptr(GArray) sub = NULL;
            g_autoptr(GError) sub_error = NULL;

            if (!(sub = parse_tlv (t->value, &sub_error)))
              {
                g_autofree char *why = g_strdup_printf (_("the template in field %s is malformed."), t->id);
                qris_error (error, why);
                return FALSE;
              }

            if (id == 62)
              for (guint j = 0; j < sub->len; j++)
                if (g_utf8_strlen (g_array_index (sub, Field, j).value, -1) > 25)
                  {
                    g_autofree char *why = g_strdup_printf (_("field 62.%s is longer than 25 characters."),
                                                            g_array_index (sub, Field, j).id);
                    qris_error (error, why);
                    return FALSE;
                  }

            if (id >= 26 && id <= 51)
              has_account = TRUE;
          }
      }

    if (!has_account)
      {
        qris_error (error, _("it has no merchant account (fields 26 to 51)."));
        return FALSE;
      }
  }

  return TRUE;
}

static void
append_field (GString    *out,
              const char *id,
              const char *value)
{
  g_string_append_printf (out, "%s%02ld%s", id, g_utf8_strlen (value, -1), value);
}

/**
 * lapak_qris_dynamic:
 *
 * Builds the dynamic QRIS for @amount rupiah from the organiser's static (or
 * an earlier dynamic) payload: parsed as TLV, never string-replaced.
 */
char *
lapak_qris_dynamic (const char  *static_payload,
                    int64_t      amount,
                    GError     **error)
{
  g_autoptr(GArray) fields = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *amount_text = NULL;
  char crc[5];

  g_return_val_if_fail (static_payload != NULL, NULL);

  if (amount <= 0 || amount > LAPAK_MONEY_MAX || amount > 9999999999999LL)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("A QRIS amount must be more than Rp0."));
      return NULL;
    }

  if (!lapak_qris_check (static_payload, error) ||
      !(fields = parse_tlv (static_payload, error)))
    return NULL;

  amount_text = g_strdup_printf ("%" G_GINT64_FORMAT, amount);

  for (guint i = 0; i < fields->len; i++)
    {
      const Field *f = &g_array_index (fields, Field, i);

      if (strcmp (f->id, "54") == 0 || strcmp (f->id, "55") == 0 || strcmp (f->id, "56") == 0 ||
          strcmp (f->id, "57") == 0 || strcmp (f->id, "63") == 0)
        continue;

      if (strcmp (f->id, "58") == 0)
        append_field (out, "54", amount_text);

      append_field (out, f->id, strcmp (f->id, "01") == 0 ? "12" : f->value);
    }

  g_string_append (out, "6304");
  g_snprintf (crc, sizeof crc, "%04X", lapak_crc16_ccitt_false ((const guint8 *)out->str, out->len));
  g_string_append (out, crc);

  if (g_utf8_strlen (out->str, -1) > LAPAK_QRIS_MAX_LENGTH)
    {
      qris_error (error, _("with the amount added it would be too long."));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
lapak_qris_merchant_name (const char *payload)
{
  g_autoptr(GArray) fields = NULL;
  const Field *f;

  g_return_val_if_fail (payload != NULL, NULL);

  if (!g_utf8_validate (payload, -1, NULL) || !(fields = parse_tlv (payload, NULL)))
    return NULL;
  f = find (fields, "59");
  return f != NULL ? g_strdup (f->value) : NULL;
}
