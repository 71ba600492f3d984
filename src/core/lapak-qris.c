/* lapak-qris.c — QRIS (EMVCo Merchant-Presented Mode) payloads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A QRIS payload is a list of TLV fields: a 2-digit ID, a 2-digit length
 * counted in characters (not bytes), the value. Tag 00 comes first, tag 63 (a
 * CRC-16/CCITT-FALSE over the UTF-8 bytes of everything up to and including
 * "6304") last. Templates (26–51, 62, 64) hold TLV fields of their own.
 *
 * The organiser stores its static QRIS once; at payment Lapak makes the
 * dynamic one with the exact amount by parsing the fields (never by string
 * replacement): 01 = "12", 54 = the amount right before 58, fresh lengths and
 * CRC. Tip and fee tags 55–57 are dropped and never added: Bank Indonesia
 * forbids surcharging the customer.
 */
#define G_LOG_DOMAIN "lapak-core"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lapak-qris.h"
#include "lapak-error.h"
#include "lapak-money.h"

/* Tag 54 holds at most 13 characters: whole rupiah, digits only. */
#define QRIS_AMOUNT_MAX       ((int64_t) 9999999999999LL)
#define QRIS_AMOUNT_MAX_CHARS 13
#define QRIS_NAME_MAX_CHARS   25
#define QRIS_SUBFIELD_MAX     25

G_STATIC_ASSERT (QRIS_AMOUNT_MAX <= LAPAK_MONEY_MAX);

typedef struct
{
  char        id[3];
  const char *value;        /* points into the parsed text; not NUL-terminated */
  gsize       value_bytes;
  glong       value_chars;
} QrisField;

typedef enum
{
  TLV_BAD_HEADER,   /* no 2-digit ID and 2-digit length where a field starts */
  TLV_ZERO_LENGTH,  /* length 00 */
  TLV_TRUNCATED,    /* the text ends inside the value */
  TLV_DUPLICATE,    /* the ID was already seen at this level */
} TlvProblemKind;

typedef struct
{
  TlvProblemKind kind;
  char           id[3];
  glong          at;      /* 1-based character position of the field */
  int            length;  /* the length the field declares */
  glong          left;    /* characters actually left for the value */
} TlvProblem;

guint16
lapak_crc16_ccitt_false (const guint8 *data,
                         gsize         length)
{
  guint16 crc = 0xFFFF;

  g_return_val_if_fail (data != NULL || length == 0, 0);

  for (gsize i = 0; i < length; i++)
    {
      crc ^= (guint16) (data[i] << 8);
      for (int bit = 0; bit < 8; bit++)
        crc = (crc & 0x8000) != 0 ? (guint16) ((crc << 1) ^ 0x1021) : (guint16) (crc << 1);
    }

  return crc;
}

/* Parses one level of TLV fields in @bytes bytes of valid UTF-8 at @text
 * into @fields (an array of QrisField pointing into @text). */
static gboolean
tlv_parse (const char *text,
           gsize       bytes,
           GArray     *fields,
           TlvProblem *problem)
{
  const char *p = text;
  const char *end = text + bytes;
  glong at = 1;
  gboolean seen[100] = { FALSE };

  while (p < end)
    {
      QrisField field;
      const char *q;
      int id;
      int length;
      int i;

      if (end - p < 4 ||
          !g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) ||
          !g_ascii_isdigit (p[2]) || !g_ascii_isdigit (p[3]))
        {
          problem->kind = TLV_BAD_HEADER;
          problem->at = at;
          return FALSE;
        }

      field.id[0] = p[0];
      field.id[1] = p[1];
      field.id[2] = '\0';
      id = (p[0] - '0') * 10 + (p[1] - '0');
      length = (p[2] - '0') * 10 + (p[3] - '0');
      memcpy (problem->id, field.id, sizeof problem->id);
      problem->at = at;
      problem->length = length;

      if (length == 0)
        {
          problem->kind = TLV_ZERO_LENGTH;
          return FALSE;
        }

      if (seen[id])
        {
          problem->kind = TLV_DUPLICATE;
          return FALSE;
        }
      seen[id] = TRUE;

      /* The text is valid UTF-8 and @end is on a character boundary, so
       * stepping by characters lands exactly on @end at the latest. */
      q = p + 4;
      for (i = 0; i < length && q < end; i++)
        q = g_utf8_next_char (q);
      if (i < length)
        {
          problem->kind = TLV_TRUNCATED;
          problem->left = i;
          return FALSE;
        }

      field.value = p + 4;
      field.value_bytes = (gsize) (q - field.value);
      field.value_chars = length;
      g_array_append_val (fields, field);

      at += 4 + length;
      p = q;
    }

  return TRUE;
}

/* Turns a top-level parse problem into a message for the organiser. */
static void
set_tlv_error (const TlvProblem  *problem,
               GError           **error)
{
  switch (problem->kind)
    {
    case TLV_BAD_HEADER:
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code is damaged at character %ld: a tag should start there "
                     "with a 2-digit ID and a 2-digit length. Copy the QRIS payload again "
                     "from your payment provider, without anything before or after it."),
                   problem->at);
      break;

    case TLV_ZERO_LENGTH:
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's tag %s (at character %ld) has length 00, but a length "
                     "must be 01 to 99. Copy the QRIS payload again from your payment provider."),
                   problem->id, problem->at);
      break;

    case TLV_TRUNCATED:
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's tag %s (at character %ld) says its value has %d "
                     "characters, but only %ld follow: the text was cut off or a length is "
                     "wrong. Copy the QRIS payload again from your payment provider."),
                   problem->id, problem->at, problem->length, problem->left);
      break;

    case TLV_DUPLICATE:
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code has tag %s twice (again at character %ld), but each tag "
                     "may appear only once. Copy the QRIS payload again from your payment "
                     "provider."),
                   problem->id, problem->at);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Same, for the fields inside template tag @tag. */
static void
set_template_error (const char        *tag,
                    const TlvProblem  *problem,
                    GError           **error)
{
  switch (problem->kind)
    {
    case TLV_BAD_HEADER:
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's template in tag %s is damaged at its character %ld: a "
                     "sub-field should start there with a 2-digit ID and a 2-digit length. "
                     "Copy the QRIS payload again from your payment provider."),
                   tag, problem->at);
      break;

    case TLV_ZERO_LENGTH:
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's template in tag %s has a sub-field %s with length 00, "
                     "but a length must be 01 to 99. Copy the QRIS payload again from your "
                     "payment provider."),
                   tag, problem->id);
      break;

    case TLV_TRUNCATED:
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's template in tag %s has a sub-field %s that says it has "
                     "%d characters, but only %ld follow inside the template: a length is "
                     "wrong. Copy the QRIS payload again from your payment provider."),
                   tag, problem->id, problem->length, problem->left);
      break;

    case TLV_DUPLICATE:
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's template in tag %s has sub-field %s twice, but each "
                     "sub-field may appear only once. Copy the QRIS payload again from your "
                     "payment provider."),
                   tag, problem->id);
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
field_is (const QrisField *field,
          const char      *id)
{
  return field->id[0] == id[0] && field->id[1] == id[1];
}

static gboolean
field_equals (const QrisField *field,
              const char      *value)
{
  return field->value_bytes == strlen (value) &&
         memcmp (field->value, value, field->value_bytes) == 0;
}

static gboolean
field_all_digits (const QrisField *field)
{
  for (gsize i = 0; i < field->value_bytes; i++)
    if (!g_ascii_isdigit (field->value[i]))
      return FALSE;
  return field->value_bytes > 0;
}

static char *
field_dup (const QrisField *field)
{
  return g_strndup (field->value, field->value_bytes);
}

static const QrisField *
find_field (GArray     *fields,
            const char *id)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const QrisField *field = &g_array_index (fields, QrisField, i);

      if (field_is (field, id))
        return field;
    }
  return NULL;
}

static int
field_number (const QrisField *field)
{
  return (field->id[0] - '0') * 10 + (field->id[1] - '0');
}

static gboolean
is_template (int id)
{
  return (id >= 26 && id <= 51) || id == 62 || id == 64;
}

static gboolean
is_account_template (int id)
{
  return id >= 26 && id <= 51;
}

static gboolean
is_upper_hex (char c)
{
  return g_ascii_isdigit (c) || (c >= 'A' && c <= 'F');
}

static gboolean
check_envelope (const char  *payload,
                GArray      *fields,
                GError     **error)
{
  const QrisField *first = &g_array_index (fields, QrisField, 0);
  const QrisField *last = &g_array_index (fields, QrisField, fields->len - 1);
  const QrisField *crc_field;
  char computed[5];

  if (!field_is (first, "00"))
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code must start with tag 00 (the text “000201”), but it starts "
                     "with tag %s. Copy the whole QRIS payload again from your payment "
                     "provider."),
                   first->id);
      return FALSE;
    }

  if (!field_equals (first, "01"))
    {
      g_autofree char *value = field_dup (first);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's format version (tag 00) is “%s”, but only 01 exists. "
                     "Copy the QRIS payload again from your payment provider."),
                   value);
      return FALSE;
    }

  crc_field = find_field (fields, "63");
  if (crc_field == NULL)
    {
      g_set_error_literal (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                           _("The QRIS code has no checksum (tag 63, the text “6304” and 4 "
                             "hexadecimal digits) at its end: it was probably cut off. Copy "
                             "the whole QRIS payload again from your payment provider."));
      return FALSE;
    }

  if (crc_field != last)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's checksum (tag 63) must be its last tag, but tag %s "
                     "follows it. Copy the QRIS payload again from your payment provider, "
                     "without anything after it."),
                   last->id);
      return FALSE;
    }

  if (crc_field->value_chars != 4)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's checksum (tag 63) has %ld characters, but it must have "
                     "4 (the text “6304” and 4 hexadecimal digits). Copy the QRIS payload "
                     "again from your payment provider."),
                   crc_field->value_chars);
      return FALSE;
    }

  if (crc_field->value_bytes != 4 ||
      !is_upper_hex (crc_field->value[0]) || !is_upper_hex (crc_field->value[1]) ||
      !is_upper_hex (crc_field->value[2]) || !is_upper_hex (crc_field->value[3]))
    {
      g_autofree char *value = field_dup (crc_field);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's checksum (tag 63) is “%s”, but it must be 4 "
                     "hexadecimal digits in capitals (0–9, A–F). Copy the QRIS payload "
                     "again from your payment provider."),
                   value);
      return FALSE;
    }

  /* The CRC covers everything up to and including "6304". */
  g_snprintf (computed, sizeof computed, "%04X",
              lapak_crc16_ccitt_false ((const guint8 *) payload,
                                       (gsize) (crc_field->value - payload)));
  if (memcmp (computed, crc_field->value, 4) != 0)
    {
      g_autofree char *value = field_dup (crc_field);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's checksum (tag 63) is %s but its content gives %s: the "
                     "text was changed or cut off. Copy the QRIS payload again from your "
                     "payment provider."),
                   value, computed);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_templates (GArray   *fields,
                 GError  **error)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const QrisField *field = &g_array_index (fields, QrisField, i);
      g_autoptr(GArray) sub = NULL;
      TlvProblem problem = { 0 };

      if (!is_template (field_number (field)))
        continue;

      sub = g_array_new (FALSE, FALSE, sizeof (QrisField));
      if (!tlv_parse (field->value, field->value_bytes, sub, &problem))
        {
          set_template_error (field->id, &problem, error);
          return FALSE;
        }

      if (!field_is (field, "62"))
        continue;

      for (guint j = 0; j < sub->len; j++)
        {
          const QrisField *subfield = &g_array_index (sub, QrisField, j);

          if (subfield->value_chars > QRIS_SUBFIELD_MAX)
            {
              g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                           _("The QRIS code's additional data (tag 62) has a sub-field %s of "
                             "%ld characters, but at most %d are allowed. Copy the QRIS "
                             "payload again from your payment provider."),
                           subfield->id, subfield->value_chars, QRIS_SUBFIELD_MAX);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean
require_field (GArray           *fields,
               const char       *id,
               const char       *what,
               const QrisField **out,
               GError          **error)
{
  *out = find_field (fields, id);
  if (*out != NULL)
    return TRUE;

  /* Translators: the first %s is a tag number, the second says what the tag
   * holds, e.g. "The QRIS code has no tag 59 (the merchant name), ..." */
  g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
               _("The QRIS code has no tag %s (%s), which every QRIS must have. Copy the "
                 "whole QRIS payload again from your payment provider."),
               id, what);
  return FALSE;
}

static gboolean
check_content (GArray   *fields,
               GError  **error)
{
  const QrisField *field;
  gboolean has_account = FALSE;

  if (!require_field (fields, "01", _("whether it is static or dynamic"), &field, error))
    return FALSE;
  if (!field_equals (field, "11") && !field_equals (field, "12"))
    {
      g_autofree char *value = field_dup (field);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's tag 01 is “%s”, but it must be 11 (static) or 12 "
                     "(dynamic). Copy the QRIS payload again from your payment provider."),
                   value);
      return FALSE;
    }

  if (!require_field (fields, "58", _("the country"), &field, error))
    return FALSE;
  if (!field_equals (field, "ID"))
    {
      g_autofree char *value = field_dup (field);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's country (tag 58) is “%s”, not ID: it is not an "
                     "Indonesian QRIS. Use the QRIS from your Indonesian bank or payment "
                     "provider."),
                   value);
      return FALSE;
    }

  if (!require_field (fields, "53", _("the currency"), &field, error))
    return FALSE;
  if (!field_equals (field, "360"))
    {
      g_autofree char *value = field_dup (field);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's currency (tag 53) is “%s”, not 360 (rupiah). Use a "
                     "QRIS in rupiah from your payment provider."),
                   value);
      return FALSE;
    }

  if (!require_field (fields, "52", _("the merchant category"), &field, error))
    return FALSE;
  if (field->value_bytes != 4 || !field_all_digits (field))
    {
      g_autofree char *value = field_dup (field);

      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's merchant category (tag 52) is “%s”, but it must be 4 "
                     "digits. Copy the QRIS payload again from your payment provider."),
                   value);
      return FALSE;
    }

  if (!require_field (fields, "59", _("the merchant name"), &field, error))
    return FALSE;
  if (field->value_chars > QRIS_NAME_MAX_CHARS)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code's merchant name (tag 59) has %ld characters, but at most "
                     "%d are allowed. Copy the QRIS payload again from your payment provider."),
                   field->value_chars, QRIS_NAME_MAX_CHARS);
      return FALSE;
    }

  if (!require_field (fields, "60", _("the merchant city"), &field, error))
    return FALSE;

  for (guint i = 0; i < fields->len && !has_account; i++)
    has_account = is_account_template (field_number (&g_array_index (fields, QrisField, i)));
  if (!has_account)
    {
      g_set_error_literal (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                           _("The QRIS code has no merchant account (tags 26 to 51), so "
                             "nobody would receive the money. Copy the whole QRIS payload "
                             "again from your payment provider."));
      return FALSE;
    }

  field = find_field (fields, "54");
  if (field != NULL)
    {
      g_autofree char *value = field_dup (field);

      if (!field_all_digits (field))
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("The QRIS code's amount (tag 54) is “%s”, but a QRIS amount in "
                         "rupiah must be a whole number written with digits only, without "
                         "dots, commas or signs (for example 15000). Copy the QRIS payload "
                         "again from your payment provider."),
                       value);
          return FALSE;
        }
      if (value[0] == '0')
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("The QRIS code's amount (tag 54) is “%s”, but an amount must be "
                         "above 0 and written without leading zeros (for example 15000). "
                         "Copy the QRIS payload again from your payment provider."),
                       value);
          return FALSE;
        }
      if (field->value_chars > QRIS_AMOUNT_MAX_CHARS)
        {
          g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                       _("The QRIS code's amount (tag 54) has %ld digits, but at most %d "
                         "are allowed. Copy the QRIS payload again from your payment "
                         "provider."),
                       field->value_chars, QRIS_AMOUNT_MAX_CHARS);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * lapak_qris_check:
 * @payload: a QRIS payload, as text
 * @error: return location for a #GError
 *
 * Validates a QRIS payload completely: UTF-8, length, the TLV structure (top
 * level and templates), tag 00 first, the checksum (tag 63) last and right,
 * the mandatory tags, Indonesia and rupiah, and the amount if there is one.
 *
 * Returns: %TRUE if @payload is a valid Indonesian QRIS; otherwise %FALSE
 *   with @error saying what is wrong and what to do.
 */
gboolean
lapak_qris_check (const char  *payload,
                  GError     **error)
{
  g_autoptr(GArray) fields = NULL;
  TlvProblem problem = { 0 };
  gsize bytes;
  glong chars;

  g_return_val_if_fail (payload != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (payload, -1, NULL))
    {
      g_set_error_literal (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                           _("The QRIS code is not valid UTF-8 text: it contains bytes that "
                             "are not characters. Copy the QRIS payload again from your "
                             "payment provider."));
      return FALSE;
    }

  bytes = strlen (payload);
  if (bytes == 0)
    {
      g_set_error_literal (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                           _("The QRIS code is empty. Paste the QRIS payload from your "
                             "payment provider."));
      return FALSE;
    }

  chars = g_utf8_strlen (payload, -1);
  if (chars > LAPAK_QRIS_MAX_LENGTH)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The QRIS code has %ld characters, but a QRIS has at most %d. Check that "
                     "you pasted only the QRIS payload, or copy it again from your payment "
                     "provider."),
                   chars, LAPAK_QRIS_MAX_LENGTH);
      return FALSE;
    }

  if (g_ascii_isspace (payload[0]) || g_ascii_isspace (payload[bytes - 1]))
    {
      g_set_error_literal (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                           _("The QRIS code has spaces or line breaks at its start or end. "
                             "Remove them, or copy the QRIS payload again from your payment "
                             "provider."));
      return FALSE;
    }

  fields = g_array_new (FALSE, FALSE, sizeof (QrisField));
  if (!tlv_parse (payload, bytes, fields, &problem))
    {
      set_tlv_error (&problem, error);
      return FALSE;
    }

  return check_envelope (payload, fields, error) &&
         check_templates (fields, error) &&
         check_content (fields, error);
}

static void
append_field (GString    *out,
              const char *id,
              const char *value,
              gsize       value_bytes,
              glong       value_chars)
{
  g_string_append_printf (out, "%s%02ld", id, value_chars);
  g_string_append_len (out, value, (gssize) value_bytes);
}

/**
 * lapak_qris_dynamic:
 * @static_payload: the organiser's static QRIS (or an earlier dynamic one)
 * @amount: the amount to pay, in whole rupiah
 * @error: return location for a #GError
 *
 * Builds the dynamic QRIS for @amount from @static_payload, which must pass
 * lapak_qris_check(). The fields are parsed, never string-replaced: tags 54
 * to 57 and 63 are dropped, 01 becomes "12", 54 (the amount) goes right
 * before 58, every other field keeps its place, and a fresh checksum ends
 * the code. No tip or fee (55–57) is ever added.
 *
 * Returns: (transfer full): the dynamic payload, or %NULL with @error set.
 */
char *
lapak_qris_dynamic (const char  *static_payload,
                    int64_t      amount,
                    GError     **error)
{
  g_autoptr(GArray) fields = NULL;
  g_autoptr(GString) out = NULL;
  TlvProblem problem = { 0 };
  char amount_text[32];
  char crc[5];
  glong chars;

  g_return_val_if_fail (static_payload != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_snprintf (amount_text, sizeof amount_text, "%" G_GINT64_FORMAT, (gint64) amount);

  if (amount <= 0)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("A QRIS payment must be for more than 0 rupiah, not %s. Enter the "
                     "amount to pay."),
                   amount_text);
      return NULL;
    }

  if (amount > QRIS_AMOUNT_MAX)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("The amount %s rupiah is too large for a QRIS payment: a QRIS amount "
                     "has at most %d digits. Split the payment."),
                   amount_text, QRIS_AMOUNT_MAX_CHARS);
      return NULL;
    }

  if (!lapak_qris_check (static_payload, error))
    return NULL;

  fields = g_array_new (FALSE, FALSE, sizeof (QrisField));
  if (!tlv_parse (static_payload, strlen (static_payload), fields, &problem))
    {
      /* lapak_qris_check() parsed the same text a moment ago. */
      set_tlv_error (&problem, error);
      return NULL;
    }

  out = g_string_sized_new (strlen (static_payload) + 32);
  for (guint i = 0; i < fields->len; i++)
    {
      const QrisField *field = &g_array_index (fields, QrisField, i);
      int id = field_number (field);

      if ((id >= 54 && id <= 57) || id == 63)
        continue;

      if (id == 58)
        append_field (out, "54", amount_text, strlen (amount_text),
                      (glong) strlen (amount_text));

      if (id == 1)
        append_field (out, "01", "12", 2, 2);
      else
        append_field (out, field->id, field->value, field->value_bytes, field->value_chars);
    }

  g_string_append (out, "6304");
  g_snprintf (crc, sizeof crc, "%04X",
              lapak_crc16_ccitt_false ((const guint8 *) out->str, out->len));
  g_string_append (out, crc);

  chars = g_utf8_strlen (out->str, (gssize) out->len);
  if (chars > LAPAK_QRIS_MAX_LENGTH)
    {
      g_set_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID,
                   _("With the amount added, the QRIS code would have %ld characters, but a "
                     "QRIS has at most %d. Ask your payment provider for a shorter static "
                     "QRIS."),
                   chars, LAPAK_QRIS_MAX_LENGTH);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * lapak_qris_merchant_name:
 * @payload: a QRIS payload
 *
 * Returns: (transfer full) (nullable): the merchant name (tag 59), or %NULL
 *   if @payload has none or its fields cannot be read.
 */
char *
lapak_qris_merchant_name (const char *payload)
{
  g_autoptr(GArray) fields = NULL;
  TlvProblem problem = { 0 };
  const QrisField *field;

  g_return_val_if_fail (payload != NULL, NULL);

  if (!g_utf8_validate (payload, -1, NULL))
    return NULL;

  fields = g_array_new (FALSE, FALSE, sizeof (QrisField));
  if (!tlv_parse (payload, strlen (payload), fields, &problem))
    return NULL;

  field = find_field (fields, "59");
  return field != NULL ? field_dup (field) : NULL;
}
