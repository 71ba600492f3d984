/* test-qris.c — QRIS payloads: checksum, validation, static → dynamic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <string.h>

#include <glib.h>

#include "lapak-error.h"
#include "lapak-money.h"
#include "lapak-qris.h"

/* The vectors of /work/shared/recipes/qris.md. */
#define STATIC_QRIS "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7"
#define DYNAMIC_1000 "00020101021226570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI520458125303360540410005802ID5922Warung Sayur Bu Sugeng6010Kab. Demak6105595676304C45F"
#define EMVCO_SAMPLE "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A"

/* The static vector, field by field, for build(). */
#define ACCOUNT_26 "0011ID.DANA.WWW011893600915302259148102090225914810303UMI"
#define ACCOUNT_51 "0014ID.CO.QRIS.WWW0215ID10200176114730303UMI"
#define HEAD(poi) "00", "01", "01", poi, "26", ACCOUNT_26, "51", ACCOUNT_51, "52", "5812", "53", "360"
#define TAIL "58", "ID", "59", "Warung Sayur Bu Sugeng", "60", "Kab. Demak", "61", "59567"

#define QRIS_AMOUNT_MAX G_GINT64_CONSTANT (9999999999999)

/* Appends "6304" and the checksum to @body. */
static char *
with_crc (const char *body)
{
  g_autofree char *prefix = g_strconcat (body, "6304", NULL);

  return g_strdup_printf ("%s%04X", prefix,
                          lapak_crc16_ccitt_false ((const guint8 *) prefix, strlen (prefix)));
}

static void
append_tlv (GString    *body,
            const char *id,
            const char *value)
{
  g_string_append_printf (body, "%s%02ld%s", id, g_utf8_strlen (value, -1), value);
}

/* Builds a payload from (ID, value) pairs ending with NULL: lengths counted
 * in characters, then "6304" and the checksum. */
G_GNUC_NULL_TERMINATED static char *
build (const char *first_id,
       ...)
{
  g_autoptr(GString) body = g_string_new (NULL);
  const char *id = first_id;
  va_list args;

  va_start (args, first_id);
  while (id != NULL)
    {
      append_tlv (body, id, va_arg (args, const char *));
      id = va_arg (args, const char *);
    }
  va_end (args);

  return with_crc (body->str);
}

/* Pads @body (a payload without its checksum) with unreserved tags 80, 81, …
 * filled with @fill so that with_crc() of the result has @target characters. */
static char *
pad_to (const char *body,
        glong       target,
        const char *fill)
{
  GString *out = g_string_new (body);
  glong room = target - g_utf8_strlen (body, -1) - 8;
  guint id = 80;

  g_assert_true (room == 0 || room >= 5);
  while (room > 0)
    {
      glong n = MIN (room - 4, 99);

      /* Leave either nothing or room for a whole field. */
      if (room - 4 - n > 0 && room - 4 - n < 5)
        n -= 5;
      g_string_append_printf (out, "%u%02ld", id++, n);
      for (glong i = 0; i < n; i++)
        g_string_append (out, fill);
      room -= 4 + n;
    }

  return g_string_free (out, FALSE);
}

/* Asserts that lapak_qris_check() refuses @payload with a message holding
 * every string of the NULL-terminated list. */
G_GNUC_NULL_TERMINATED static void
expect_refused (const char *payload,
                ...)
{
  g_autoptr(GError) error = NULL;
  const char *says;
  va_list args;

  if (lapak_qris_check (payload, &error))
    g_error ("accepted, but should not be: %s", payload);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_nonnull (error->message);

  va_start (args, payload);
  while ((says = va_arg (args, const char *)) != NULL)
    if (strstr (error->message, says) == NULL)
      g_error ("expected “%s” in the message: %s\n(payload %s)", says, error->message, payload);
  va_end (args);
}

static void
expect_valid (const char *payload)
{
  g_autoptr(GError) error = NULL;

  if (!lapak_qris_check (payload, &error))
    g_error ("refused: %s\n(payload %s)", error->message, payload);
  g_assert_no_error (error);
}

static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, old));
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

static void
test_crc_check_value (void)
{
  g_assert_cmphex (lapak_crc16_ccitt_false ((const guint8 *) "123456789", 9), ==, 0x29B1);
  g_assert_cmphex (lapak_crc16_ccitt_false ((const guint8 *) "", 0), ==, 0xFFFF);
  g_assert_cmphex (lapak_crc16_ccitt_false ((const guint8 *) "A", 1), ==, 0xB915);
}

/* The checksum is over the bytes before the 4 hex digits, "6304" included. */
static void
test_crc_vectors (void)
{
  const struct { const char *payload; guint16 crc; } vectors[] = {
    { STATIC_QRIS, 0x58C7 },
    { DYNAMIC_1000, 0xC45F },
    { EMVCO_SAMPLE, 0xA13A },  /* over UTF-8 bytes, not characters */
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      gsize n = strlen (vectors[i].payload) - 4;

      g_assert_cmpmem (vectors[i].payload + n - 4, 4, "6304", 4);
      g_assert_cmphex (lapak_crc16_ccitt_false ((const guint8 *) vectors[i].payload, n), ==,
                       vectors[i].crc);
    }
}

static void
test_check_static_vector (void)
{
  g_autofree char *rebuilt = build (HEAD ("11"), TAIL, NULL);

  g_assert_cmpstr (rebuilt, ==, STATIC_QRIS);
  expect_valid (STATIC_QRIS);
  expect_valid (DYNAMIC_1000);
  g_assert_true (lapak_qris_check (STATIC_QRIS, NULL));
}

/* The EMVCo sample is Chinese: everything about it is right (lengths in
 * characters, checksum over UTF-8 bytes, templates) except the country. */
static void
test_check_emvco_sample (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lapak_qris_check (EMVCO_SAMPLE, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "country"));
  g_assert_nonnull (strstr (error->message, "58"));
  g_assert_nonnull (strstr (error->message, "“CN”"));
  g_assert_null (strstr (error->message, "checksum"));
  g_assert_null (strstr (error->message, "63"));
  g_assert_null (strstr (error->message, "cut off"));
  g_assert_null (strstr (error->message, "length"));
}

/* The same sample made Indonesian passes the whole check, so its non-ASCII
 * template 64 is read by characters; counting bytes instead breaks it. */
static void
test_check_non_ascii (void)
{
  g_autofree char *body = NULL;
  g_autofree char *step = NULL;
  g_autofree char *indonesian = NULL;
  g_autofree char *bytes_length = NULL;
  g_autofree char *name = NULL;

  step = replace_once (EMVCO_SAMPLE, "5802CN", "5802ID");
  g_free (body);
  body = replace_once (step, "5303156", "5303360");
  g_free (step);
  step = replace_once (body, "540523.72", "540224");
  g_free (body);
  body = g_strndup (step, strlen (step) - 8);
  indonesian = with_crc (body);
  expect_valid (indonesian);

  /* 64 holds 20 characters but 32 bytes. */
  g_free (step);
  step = replace_once (body, "6420", "6432");
  bytes_length = with_crc (step);
  expect_refused (bytes_length, "64", NULL);

  name = lapak_qris_merchant_name (EMVCO_SAMPLE);
  g_assert_cmpstr (name, ==, "BEST TRANSPORT");
}

static void
test_check_changed_character (void)
{
  g_autofree char *changed = g_strdup (STATIC_QRIS);
  char *at = strstr (changed, "Sayur");

  at[0] = 's';
  expect_refused (changed, "checksum", "tag 63", "58C7", "changed or cut off",
                  "payment provider", NULL);
}

/* Every change of a single byte, anywhere, is refused: CRC-16 catches all
 * bursts of up to 16 bits, and a change inside the checksum is a mismatch. */
static void
test_check_every_byte_change (void)
{
  const char *payloads[] = { STATIC_QRIS, DYNAMIC_1000 };

  for (guint p = 0; p < G_N_ELEMENTS (payloads); p++)
    {
      g_autofree char *copy = g_strdup (payloads[p]);
      gsize n = strlen (copy);

      for (gsize i = 0; i < n; i++)
        {
          char original = copy[i];

          for (int b = 1; b < 256; b++)
            {
              if ((char) b == original)
                continue;
              copy[i] = (char) b;
              g_assert_false (lapak_qris_check (copy, NULL));
            }
          copy[i] = original;
        }
      expect_valid (copy);
    }
}

static void
test_check_truncated (void)
{
  gsize n = strlen (STATIC_QRIS);

  for (gsize cut = 1; cut < n; cut++)
    {
      g_autofree char *prefix = g_strndup (STATIC_QRIS, cut);

      g_assert_false (lapak_qris_check (prefix, NULL));
    }

  {
    g_autofree char *cut = g_strndup (STATIC_QRIS, n - 2);

    expect_refused (cut, "63", "cut off", NULL);
  }
  {
    g_autofree char *cut = g_strndup (STATIC_QRIS, n - 8);

    expect_refused (cut, "no checksum", "63", NULL);
  }
  expect_refused ("", "empty", NULL);
}

static void
test_check_length_digits (void)
{
  /* 59 says 23 characters but holds 22: the next tag is read wrongly. */
  g_autofree char *too_long = with_crc ("00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5923Warung Sayur Bu Sugeng6010Kab. Demak");
  /* 60, cut off with the rest, says 11 characters, but only 10 are left. */
  g_autofree char *past_end = g_strdup ("00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6011Kab. Demak");
  g_autofree char *zero = with_crc ("0002010102115900" "26570011ID.DANA.WWW011893600915302259148102090225914810303UMI");
  g_autofree char *letters = with_crc ("0002010102115A04ABCD");

  {
    /* The next field is read from "010K…". */
    g_autofree char *at = g_strdup_printf ("character %d", (int) (strstr (too_long, "010Kab") - too_long) + 1);

    expect_refused (too_long, at, "2-digit ID", NULL);
  }
  expect_refused (past_end, "tag 60", "11 characters", "only 10", "cut off", NULL);
  expect_refused (zero, "tag 59", "00", NULL);
  expect_refused (letters, "2-digit ID", NULL);
}

static void
test_check_duplicate (void)
{
  g_autofree char *twice = build (HEAD ("11"), "58", "ID", TAIL, NULL);
  g_autofree char *account_twice = build (HEAD ("11"), TAIL, "26", ACCOUNT_26, NULL);
  g_autofree char *sub_twice = build (HEAD ("11"), TAIL, "62", "0103ABC0103DEF", NULL);

  expect_refused (twice, "58", "twice", NULL);
  expect_refused (account_twice, "26", "twice", NULL);
  expect_refused (sub_twice, "62", "01", "twice", NULL);
}

static void
test_check_missing (void)
{
  g_autofree char *no_00 = build ("01", "11", "26", ACCOUNT_26, "52", "5812", "53", "360", TAIL, NULL);
  g_autofree char *no_01 = build ("00", "01", "26", ACCOUNT_26, "52", "5812", "53", "360", TAIL, NULL);
  g_autofree char *no_account = build ("00", "01", "01", "11", "52", "5812", "53", "360", TAIL, NULL);
  g_autofree char *no_52 = build ("00", "01", "01", "11", "26", ACCOUNT_26, "53", "360", TAIL, NULL);
  g_autofree char *no_53 = build ("00", "01", "01", "11", "26", ACCOUNT_26, "52", "5812", TAIL, NULL);
  g_autofree char *no_58 = build (HEAD ("11"), "59", "Warung", "60", "Demak", NULL);
  g_autofree char *no_59 = build (HEAD ("11"), "58", "ID", "60", "Demak", NULL);
  g_autofree char *no_60 = build (HEAD ("11"), "58", "ID", "59", "Warung", NULL);
  g_autofree char *no_63 = g_strndup (STATIC_QRIS, strlen (STATIC_QRIS) - 8);

  expect_refused (no_00, "tag 00", "000201", NULL);
  expect_refused (no_01, "tag 01", NULL);
  expect_refused (no_account, "merchant account", "26 to 51", NULL);
  expect_refused (no_52, "tag 52", NULL);
  expect_refused (no_53, "tag 53", NULL);
  expect_refused (no_58, "tag 58", "country", NULL);
  expect_refused (no_59, "tag 59", "merchant name", NULL);
  expect_refused (no_60, "tag 60", "city", NULL);
  expect_refused (no_63, "tag 63", "checksum", NULL);
}

static void
test_check_envelope (void)
{
  g_autofree char *version = build ("00", "02", "01", "11", "26", ACCOUNT_26, "52", "5812", "53", "360", TAIL, NULL);
  g_autofree char *crc_not_last = g_strconcat (STATIC_QRIS, "9903abc", NULL);
  g_autofree char *crc_lower = g_ascii_strdown (DYNAMIC_1000, -1);
  g_autofree char *crc_lower_only = g_strdup (DYNAMIC_1000);
  g_autofree char *crc_short = g_strndup (STATIC_QRIS, strlen (STATIC_QRIS) - 8);
  g_autofree char *crc_short_full = g_strconcat (crc_short, "630358C", NULL);

  crc_lower_only[strlen (crc_lower_only) - 1] = 'f';
  expect_refused (version, "tag 00", "“02”", NULL);
  expect_refused (crc_not_last, "last", "99", NULL);
  expect_refused (crc_lower, NULL);
  expect_refused (crc_lower_only, "capitals", "“C45f”", NULL);
  expect_refused (crc_short_full, "63", "3 characters", NULL);
  expect_refused (STATIC_QRIS "\n", "spaces or line breaks", NULL);
  expect_refused (" " STATIC_QRIS, "spaces or line breaks", NULL);
}

static void
test_check_country_currency (void)
{
  g_autofree char *malaysia = build ("00", "01", "01", "11", "26", ACCOUNT_26, "52", "5812", "53", "360",
                                     "58", "MY", "59", "Warung", "60", "Demak", NULL);
  g_autofree char *lowercase = build ("00", "01", "01", "11", "26", ACCOUNT_26, "52", "5812", "53", "360",
                                      "58", "id", "59", "Warung", "60", "Demak", NULL);
  g_autofree char *ringgit = build ("00", "01", "01", "11", "26", ACCOUNT_26, "52", "5812", "53", "458",
                                    "58", "ID", "59", "Warung", "60", "Demak", NULL);

  expect_refused (malaysia, "country", "tag 58", "“MY”", "Indonesian", NULL);
  expect_refused (lowercase, "tag 58", NULL);
  expect_refused (ringgit, "currency", "tag 53", "360", "“458”", NULL);
}

static void
test_check_point_of_initiation (void)
{
  const char *bad[] = { "13", "10", "1", "AB", "011" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *p = build (HEAD (bad[i]), TAIL, NULL);

      expect_refused (p, "tag 01", "11", "12", NULL);
    }
}

static void
test_check_amount (void)
{
  const char *bad[] = { "0", "1.000", "-5", "12a", "012", "1000.00", "1,000", "+5", " 5", "00",
                        "12345678901234" };
  const char *good[] = { "1", "1000", "2500000", "9999999999999" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *p = build (HEAD ("12"), "54", bad[i], TAIL, NULL);

      expect_refused (p, "amount", "tag 54", NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *p = build (HEAD ("12"), "54", good[i], TAIL, NULL);

      expect_valid (p);
    }

  {
    g_autofree char *p = build (HEAD ("12"), "54", "1.000", TAIL, NULL);

    expect_refused (p, "“1.000”", "digits only", NULL);
  }
  {
    g_autofree char *p = build (HEAD ("12"), "54", "0", TAIL, NULL);

    expect_refused (p, "“0”", "above 0", NULL);
  }
}

static void
test_check_fields (void)
{
  g_autofree char *mcc = build ("00", "01", "01", "11", "26", ACCOUNT_26, "52", "581", "53", "360", TAIL, NULL);
  g_autofree char *mcc_letters = build ("00", "01", "01", "11", "26", ACCOUNT_26, "52", "58A2", "53", "360", TAIL, NULL);
  g_autofree char *long_name = build (HEAD ("11"), "58", "ID", "59", "Warung Sayur Bu Sugeng Jaya", "60", "Demak", NULL);
  g_autofree char *name_25 = build (HEAD ("11"), "58", "ID", "59", "Warung Sayur Bu Sugeng Jé", "60", "Demak", NULL);
  g_autofree char *bad_26 = build ("00", "01", "01", "11", "26", "0011ID.DANA.WW", "52", "5812", "53", "360", TAIL, NULL);
  g_autofree char *bad_51 = build ("00", "01", "01", "11", "51", "ID.CO.QRIS.WWW", "52", "5812", "53", "360", TAIL, NULL);
  g_autofree char *bad_64 = build (HEAD ("11"), TAIL, "64", "0000ZH", NULL);
  g_autofree char *long_62 = build (HEAD ("11"), TAIL, "62", "0126ABCDEFGHIJKLMNOPQRSTUVWXYZ", NULL);
  g_autofree char *ok_62 = build (HEAD ("11"), TAIL, "62", "0125ABCDEFGHIJKLMNOPQRSTUVWXY0703K01", NULL);
  g_autofree char *unknown_tags = build (HEAD ("11"), TAIL, "80", "anything ?!", "99", "x", NULL);

  expect_refused (mcc, "tag 52", "4 digits", NULL);
  expect_refused (mcc_letters, "tag 52", NULL);
  expect_refused (long_name, "tag 59", "27 characters", "25", NULL);
  expect_valid (name_25);
  expect_refused (bad_26, "template in tag 26", NULL);
  expect_refused (bad_51, "template in tag 51", NULL);
  expect_refused (bad_64, "template in tag 64", "00", NULL);
  expect_refused (long_62, "tag 62", "26 characters", NULL);
  expect_valid (ok_62);
  expect_valid (unknown_tags);
}

/* 512 characters at most, counted in characters, not bytes. */
static void
test_check_max_length (void)
{
  g_autofree char *base = build (HEAD ("11"), TAIL, NULL);
  g_autofree char *body = g_strndup (base, strlen (base) - 8);
  g_autofree char *body_max = pad_to (body, LAPAK_QRIS_MAX_LENGTH, "x");
  g_autofree char *body_utf8 = pad_to (body, LAPAK_QRIS_MAX_LENGTH, "é");
  g_autofree char *body_over = pad_to (body, LAPAK_QRIS_MAX_LENGTH + 5, "x");
  g_autofree char *at_max = with_crc (body_max);
  g_autofree char *at_max_utf8 = with_crc (body_utf8);
  g_autofree char *over = with_crc (body_over);
  g_autofree char *junk = g_strnfill (600, 'A');

  g_assert_cmpint (g_utf8_strlen (at_max, -1), ==, LAPAK_QRIS_MAX_LENGTH);
  g_assert_cmpint (g_utf8_strlen (at_max_utf8, -1), ==, LAPAK_QRIS_MAX_LENGTH);
  g_assert_cmpuint (strlen (at_max_utf8), >, LAPAK_QRIS_MAX_LENGTH);
  g_assert_cmpint (g_utf8_strlen (over, -1), ==, LAPAK_QRIS_MAX_LENGTH + 5);
  expect_valid (at_max);
  expect_valid (at_max_utf8);
  expect_refused (over, "517 characters", "512", NULL);
  expect_refused (junk, "600 characters", "512", NULL);
}

static void
test_check_utf8 (void)
{
  g_autofree char *latin1 = build (HEAD ("11"), "58", "ID", "59", "Caf\xe9 Sri", "60", "Demak", NULL);

  expect_refused (latin1, "UTF-8", NULL);
  expect_refused ("\xff\xfe", "UTF-8", NULL);
  expect_refused ("000201\xc0\x80", "UTF-8", NULL);
}

static void
test_dynamic_vector (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dynamic = lapak_qris_dynamic (STATIC_QRIS, 1000, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (dynamic, ==, DYNAMIC_1000);
  expect_valid (dynamic);
}

/* A dynamic payload as input: its amount is replaced, nothing else moves. */
static void
test_dynamic_replaces_amount (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = build (HEAD ("12"), "54", "12500", TAIL, NULL);
  g_autofree char *again = lapak_qris_dynamic (DYNAMIC_1000, 12500, &error);
  g_autofree char *same = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, expected);
  expect_valid (again);

  same = lapak_qris_dynamic (DYNAMIC_1000, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (same, ==, DYNAMIC_1000);
}

/* Tip and fee tags are dropped, and never added: no surcharge. */
static void
test_dynamic_no_surcharge (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tip = build (HEAD ("11"), "55", "01", TAIL, NULL);
  g_autofree char *fees = build (HEAD ("12"), "54", "777", "55", "02", "56", "500", TAIL, NULL);
  g_autofree char *percent = build (HEAD ("11"), "55", "03", "57", "2.5", TAIL, NULL);
  const char *inputs[] = { tip, fees, percent };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *dynamic = NULL;

      expect_valid (inputs[i]);
      dynamic = lapak_qris_dynamic (inputs[i], 1000, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (dynamic, ==, DYNAMIC_1000);
    }
}

/* 54 goes right before 58 wherever 58 is; other fields keep their order,
 * their values and their (character) lengths. */
static void
test_dynamic_field_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *input = build ("00", "01", "02", "4111111111111111", "01", "11", "26", ACCOUNT_26,
                                  "52", "5812", "59", "Kopi Ñusantara 🌺", "53", "360", "60", "Yogyakarta",
                                  "58", "ID", "62", "0107INV-0010703K01", "64", "0002ID0106Kopi Ñ", NULL);
  g_autofree char *expected = build ("00", "01", "02", "4111111111111111", "01", "12", "26", ACCOUNT_26,
                                     "52", "5812", "59", "Kopi Ñusantara 🌺", "53", "360", "60", "Yogyakarta",
                                     "54", "1500000", "58", "ID", "62", "0107INV-0010703K01",
                                     "64", "0002ID0106Kopi Ñ", NULL);
  g_autofree char *dynamic = NULL;
  g_autofree char *name = NULL;

  expect_valid (input);
  dynamic = lapak_qris_dynamic (input, 1500000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dynamic, ==, expected);
  expect_valid (dynamic);
  name = lapak_qris_merchant_name (dynamic);
  g_assert_cmpstr (name, ==, "Kopi Ñusantara 🌺");
}

static void
test_dynamic_amount_range (void)
{
  const gint64 refused[] = { 0, -1, -1000, G_MININT64, QRIS_AMOUNT_MAX + 1, LAPAK_MONEY_MAX,
                             LAPAK_MONEY_MAX + 1, G_MAXINT64 };
  const struct { gint64 amount; const char *field; } accepted[] = {
    { 1, "54011" },
    { 12500, "540512500" },
    { QRIS_AMOUNT_MAX, "54139999999999999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (lapak_qris_dynamic (STATIC_QRIS, refused[i], &error));
      g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, refused[i] <= 0 ? "more than 0" : "too large"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dynamic = lapak_qris_dynamic (STATIC_QRIS, accepted[i].amount, &error);
      g_autofree char *field = g_strconcat (accepted[i].field, "5802ID", NULL);

      g_assert_no_error (error);
      g_assert_nonnull (strstr (dynamic, field));
      expect_valid (dynamic);
    }
}

static void
test_dynamic_invalid_input (void)
{
  g_autofree char *changed = g_strdup (STATIC_QRIS);
  g_autofree char *chinese = NULL;
  g_autoptr(GError) error = NULL;

  changed[40] = changed[40] == '1' ? '2' : '1';
  g_assert_null (lapak_qris_dynamic (changed, 1000, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "checksum"));
  g_clear_error (&error);

  g_assert_null (lapak_qris_dynamic ("garbage", 1000, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);

  chinese = lapak_qris_dynamic (EMVCO_SAMPLE, 1000, &error);
  g_assert_null (chinese);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "country"));
}

/* An input that fits 512 characters may not once the amount is added,
 * unless dropped fee tags make room for it. */
static void
test_dynamic_too_long (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = build (HEAD ("11"), TAIL, NULL);
  g_autofree char *body = g_strndup (base, strlen (base) - 8);
  g_autofree char *full_body = pad_to (body, LAPAK_QRIS_MAX_LENGTH, "y");
  g_autofree char *full = with_crc (full_body);
  g_autofree char *fees_body = g_strconcat (body, "5502025603500", NULL);
  g_autofree char *fees_full_body = pad_to (fees_body, LAPAK_QRIS_MAX_LENGTH, "y");
  g_autofree char *fees_full = with_crc (fees_full_body);
  g_autofree char *dynamic = NULL;

  expect_valid (full);
  g_assert_null (lapak_qris_dynamic (full, 1000, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "520 characters"));
  g_assert_nonnull (strstr (error->message, "512"));
  g_clear_error (&error);

  expect_valid (fees_full);
  dynamic = lapak_qris_dynamic (fees_full, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utf8_strlen (dynamic, -1), ==, LAPAK_QRIS_MAX_LENGTH - 13 + 8);
  g_assert_null (strstr (dynamic, "5502025603500"));
  expect_valid (dynamic);
}

static void
test_merchant_name (void)
{
  g_autofree char *name = lapak_qris_merchant_name (STATIC_QRIS);
  g_autofree char *utf8 = build (HEAD ("11"), "58", "ID", "59", "Warung Bu Sri é", "60", "Demak", NULL);
  g_autofree char *utf8_name = lapak_qris_merchant_name (utf8);
  g_autofree char *none = build (HEAD ("11"), "58", "ID", "60", "Demak", NULL);

  g_assert_cmpstr (name, ==, "Warung Sayur Bu Sugeng");
  g_assert_cmpstr (utf8_name, ==, "Warung Bu Sri é");
  g_assert_null (lapak_qris_merchant_name (none));
  g_assert_null (lapak_qris_merchant_name (""));
  g_assert_null (lapak_qris_merchant_name ("garbage"));
  g_assert_null (lapak_qris_merchant_name ("5905W\xffrung"));
}

static void
random_text (GString    *out,
             int         min,
             int         max,
             gboolean    utf8)
{
  static const char *pieces[] = { "a", "k", "o", "p", "S", "W", "r", "u", "n", "g", "B", "0", "7",
                                  ".", "-", "'", "é", "ñ", "Ŝ", "ü", "🌺", "日" };
  int n = g_test_rand_int_range (min, max + 1);
  guint limit = utf8 ? G_N_ELEMENTS (pieces) : G_N_ELEMENTS (pieces) - 6;

  /* Never a space at the ends: "Bu " inside is fine. */
  for (int i = 0; i < n; i++)
    g_string_append (out, (i > 0 && i < n - 1 && g_test_rand_int_range (0, 4) == 0) ? " " :
                          pieces[g_test_rand_int_range (0, limit)]);
}

static gint64
random_amount (void)
{
  int digits = g_test_rand_int_range (1, 14);
  gint64 amount = g_test_rand_int_range (1, 10);

  for (int i = 1; i < digits; i++)
    amount = amount * 10 + g_test_rand_int_range (0, 10);
  return amount;
}

/* Random merchants → dynamic with random amounts → the result checks, holds
 * the amount right before 58, keeps the name; any single byte changed in it
 * is refused. */
static void
test_random (void)
{
  guint rounds = g_test_thorough () ? 20000 : 1000;

  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(GString) name = g_string_new (NULL);
      g_autoptr(GString) city = g_string_new (NULL);
      g_autoptr(GString) bill = g_string_new (NULL);
      g_autoptr(GString) bill_template = g_string_new (NULL);
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autoptr(GString) tail = g_string_new (NULL);
      g_autofree char *nmid = g_strdup_printf ("ID%010u%03u", g_test_rand_int (),
                                               (guint) g_test_rand_int_range (0, 1000));
      g_autofree char *merchant = g_strdup_printf ("0011ID.TEST.WWW0118936%015u0303UMI",
                                                   g_test_rand_int ());
      g_autofree char *account = g_strdup_printf ("0014ID.CO.QRIS.WWW02%02d%s0303UM%c",
                                                  (int) strlen (nmid), nmid,
                                                  g_test_rand_bit () ? 'I' : 'E');
      g_autofree char *old_amount = g_strdup_printf ("%" G_GINT64_FORMAT, random_amount ());
      g_autofree char *input = NULL;
      g_autofree char *dynamic = NULL;
      g_autofree char *got_name = NULL;
      g_autofree char *amount_text = NULL;
      g_autofree char *expected_payload = NULL;
      g_autoptr(GError) error = NULL;
      gint64 amount = random_amount ();
      gboolean dynamic_input = g_test_rand_bit ();
      gsize n;
      gsize at;
      char original;

      random_text (name, 1, 25, TRUE);
      random_text (city, 1, 15, TRUE);
      random_text (bill, 1, 25, FALSE);

      amount_text = g_strdup_printf ("%" G_GINT64_FORMAT, amount);

      /* The input, and in @expected the dynamic payload it must give. */
      append_tlv (body, "00", "01");
      append_tlv (body, "01", dynamic_input ? "12" : "11");
      append_tlv (expected, "00", "01");
      append_tlv (expected, "01", "12");
      append_tlv (body, "26", merchant);
      append_tlv (body, "51", account);
      append_tlv (body, "52", "5812");
      append_tlv (body, "53", "360");
      g_string_append (expected, body->str + 12);
      if (dynamic_input)
        append_tlv (body, "54", old_amount);
      if (g_test_rand_bit ())
        append_tlv (body, "55", g_test_rand_bit () ? "01" : "02");
      append_tlv (expected, "54", amount_text);
      append_tlv (tail, "58", "ID");
      append_tlv (tail, "59", name->str);
      append_tlv (tail, "60", city->str);
      if (g_test_rand_bit ())
        append_tlv (tail, "61", "55281");
      append_tlv (bill_template, "01", bill->str);
      append_tlv (bill_template, "07", "K01");
      append_tlv (tail, "62", bill_template->str);
      g_string_append (body, tail->str);
      g_string_append (expected, tail->str);
      input = with_crc (body->str);
      expected_payload = with_crc (expected->str);
      expect_valid (input);

      dynamic = lapak_qris_dynamic (input, amount, &error);
      if (dynamic == NULL)
        g_error ("%s\n(input %s)", error->message, input);
      g_assert_cmpstr (dynamic, ==, expected_payload);
      expect_valid (dynamic);

      got_name = lapak_qris_merchant_name (dynamic);
      g_assert_cmpstr (got_name, ==, name->str);

      /* One byte changed, anywhere (checksum digits included). */
      n = strlen (dynamic);
      at = (gsize) g_test_rand_int_range (0, (gint32) n);
      original = dynamic[at];
      dynamic[at] = (char) g_test_rand_int_range (1, 256);
      if (dynamic[at] == original)
        dynamic[at] = original == 'x' ? 'y' : 'x';
      g_assert_false (lapak_qris_check (dynamic, NULL));

      /* One ASCII character of the content before "6304" changed into
       * another: the checksum no longer matches. */
      dynamic[at] = original;
      do
        at = (gsize) g_test_rand_int_range (0, (gint32) (n - 8));
      while ((guchar) dynamic[at] >= 0x80);
      original = dynamic[at];
      dynamic[at] = original == '7' ? '8' : '7';
      g_assert_false (lapak_qris_check (dynamic, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qris/crc/check-value", test_crc_check_value);
  g_test_add_func ("/qris/crc/vectors", test_crc_vectors);
  g_test_add_func ("/qris/check/static-vector", test_check_static_vector);
  g_test_add_func ("/qris/check/emvco-sample", test_check_emvco_sample);
  g_test_add_func ("/qris/check/non-ascii", test_check_non_ascii);
  g_test_add_func ("/qris/check/changed-character", test_check_changed_character);
  g_test_add_func ("/qris/check/every-byte-change", test_check_every_byte_change);
  g_test_add_func ("/qris/check/truncated", test_check_truncated);
  g_test_add_func ("/qris/check/length-digits", test_check_length_digits);
  g_test_add_func ("/qris/check/duplicate", test_check_duplicate);
  g_test_add_func ("/qris/check/missing", test_check_missing);
  g_test_add_func ("/qris/check/envelope", test_check_envelope);
  g_test_add_func ("/qris/check/country-currency", test_check_country_currency);
  g_test_add_func ("/qris/check/point-of-initiation", test_check_point_of_initiation);
  g_test_add_func ("/qris/check/amount", test_check_amount);
  g_test_add_func ("/qris/check/fields", test_check_fields);
  g_test_add_func ("/qris/check/max-length", test_check_max_length);
  g_test_add_func ("/qris/check/utf8", test_check_utf8);
  g_test_add_func ("/qris/dynamic/vector", test_dynamic_vector);
  g_test_add_func ("/qris/dynamic/replaces-amount", test_dynamic_replaces_amount);
  g_test_add_func ("/qris/dynamic/no-surcharge", test_dynamic_no_surcharge);
  g_test_add_func ("/qris/dynamic/field-order", test_dynamic_field_order);
  g_test_add_func ("/qris/dynamic/amount-range", test_dynamic_amount_range);
  g_test_add_func ("/qris/dynamic/invalid-input", test_dynamic_invalid_input);
  g_test_add_func ("/qris/dynamic/too-long", test_dynamic_too_long);
  g_test_add_func ("/qris/merchant-name", test_merchant_name);
  g_test_add_func ("/qris/random", test_random);

  return g_test_run ();
}
