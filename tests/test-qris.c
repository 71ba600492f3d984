/* test-qris.c — QRIS payloads against the recipe's vectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "lapak-error.h"
#include "lapak-money.h"
#include "lapak-qris.h"

#define STATIC_QRIS "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7"
#define DYNAMIC_1000 "00020101021226570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI520458125303360540410005802ID5922Warung Sayur Bu Sugeng6010Kab. Demak6105595676304C45F"
#define EMVCO_SAMPLE "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A"

/* Appends 6304 + the CRC to @body. */
static char *
with_crc (const char *body)
{
  g_autofree char *prefix = g_strconcat (body, "6304", NULL);

  return g_strdup_printf ("%s%04X", prefix,
                          lapak_crc16_ccitt_false ((const guint8 *)prefix, strlen (prefix)));
}

static void
expect_refused (const char *payload,
                const char *says)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lapak_qris_check (payload, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  if (says != NULL && strstr (error->message, says) == NULL)
    g_error ("expected “%s” in: %s", says, error->message);
}

static void
test_crc (void)
{
  g_assert_cmphex (lapak_crc16_ccitt_false ((const guint8 *)"123456789", 9), ==, 0x29B1);
  g_assert_cmphex (lapak_crc16_ccitt_false ((const guint8 *)"", 0), ==, 0xFFFF);
}

static void
test_vectors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dynamic = NULL;
  g_autofree char *name = NULL;

  g_assert_true (lapak_qris_check (STATIC_QRIS, &error));
  g_assert_no_error (error);

  dynamic = lapak_qris_dynamic (STATIC_QRIS, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dynamic, ==, DYNAMIC_1000);
  g_assert_true (lapak_qris_check (dynamic, &error));

  name = lapak_qris_merchant_name (STATIC_QRIS);
  g_assert_cmpstr (name, ==, "Warung Sayur Bu Sugeng");
}

/* The EMVCo sample: non-ASCII values (lengths in characters, CRC over UTF-8
 * bytes) parse and checksum right; it is refused only for being Chinese. */
static void
test_emvco_sample (void)
{
  expect_refused (EMVCO_SAMPLE, "58");
}

static void
test_dynamic_of_dynamic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *again = lapak_qris_dynamic (DYNAMIC_1000, 12500, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (again, "54051250058"));
  g_assert_null (strstr (again, "54041000"));
  g_assert_true (lapak_qris_check (again, &error));
}

static void
test_surcharge_removed (void)
{
  g_autoptr(GError) error = NULL;
  /* The static vector with a tip indicator (55 = 02) and fixed fee (56). */
  g_autofree char *body = g_strdup ("00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI52045812530336055020256035005802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567");
  g_autofree char *with_fee = with_crc (body);
  g_autofree char *dynamic = NULL;

  lapak_qris_check (with_fee, &error);
  g_assert_no_error (error);
  dynamic = lapak_qris_dynamic (with_fee, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dynamic, ==, DYNAMIC_1000);
}

static void
test_refusals (void)
{
  g_autofree char *changed = g_strdup (STATIC_QRIS);
  g_autofree char *truncated = g_strndup (STATIC_QRIS, strlen (STATIC_QRIS) - 10);
  g_autofree char *long_text = NULL;

  changed[60] = changed[60] == 'A' ? 'B' : 'A';
  expect_refused (changed, "63");
  expect_refused (truncated, NULL);
  expect_refused ("", "000201");
  expect_refused ("hello", NULL);
  expect_refused ("\xff\xfe", "UTF-8");

  {
    g_autofree char *p = with_crc ("000201010211265700");
    expect_refused (p, NULL);
  }
  {
    /* Length digits wrong: 59 says 23 characters but has 22. */
    g_autofree char *p = with_crc ("00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5923Warung Sayur Bu Sugeng6010Kab. Demak");
    expect_refused (p, NULL);
  }
  {
    g_autofree char *p = with_crc ("00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5802ID5922Warung Sayur Bu Sugeng6010Kab. Demak");
    expect_refused (p, "twice");
  }
  {
    g_autofree char *p = with_crc ("00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605922Warung Sayur Bu Sugeng6010Kab. Demak");
    expect_refused (p, "58");
  }
  {
    g_autofree char *p = with_crc ("00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID6010Kab. Demak");
    expect_refused (p, "59");
  }
  {
    g_autofree char *p = with_crc ("00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802MY5922Warung Sayur Bu Sugeng6010Kab. Demak");
    expect_refused (p, "ID");
  }
  {
    g_autofree char *p = with_crc ("00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253034585802ID5922Warung Sayur Bu Sugeng6010Kab. Demak");
    expect_refused (p, "360");
  }
  {
    g_autofree char *p = with_crc ("00020101021326570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak");
    expect_refused (p, "01");
  }
  {
    const char *amounts[] = { "54010", "54051.000", "5402-5", "540312a", "5403012" };

    for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
      {
        g_autofree char *body = g_strdup_printf ("00020101021226570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI520458125303360%s5802ID5922Warung Sayur Bu Sugeng6010Kab. Demak", amounts[i]);
        g_autofree char *p = with_crc (body);

        expect_refused (p, "54");
      }
  }

  long_text = g_strnfill (600, 'A');
  expect_refused (long_text, "512");
}

static void
test_dynamic_amounts_refused (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (lapak_qris_dynamic (STATIC_QRIS, 0, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lapak_qris_dynamic (STATIC_QRIS, -1000, &error));
  g_clear_error (&error);
  g_assert_null (lapak_qris_dynamic (STATIC_QRIS, LAPAK_MONEY_MAX + 1, &error));
  g_clear_error (&error);
  g_assert_null (lapak_qris_dynamic ("garbage", 1000, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
}

/* Random merchants: dynamic payloads always check, and any one changed
 * character before the CRC is caught. */
static void
test_random (void)
{
  static const char *names[] = { "Warung Bu Sri é", "Toko Kopi Ñusantara", "Batik 🌺 Sekar", "UMKM Maju" };
  static const char *cities[] = { "Yogyakarta", "Kab. Sleman", "Solo", "Bandung" };

  for (guint i = 0; i < 400; i++)
    {
      const char *name = names[g_test_rand_int_range (0, G_N_ELEMENTS (names))];
      const char *city = cities[g_test_rand_int_range (0, G_N_ELEMENTS (cities))];
      g_autofree char *body = g_strdup_printf ("00020101021126290011ID.TEST.WWW0110%010u51440014ID.CO.QRIS.WWW0215ID1020017611473"
                                               "0303UMI5204581253033605802ID59%02ld%s60%02ld%s",
                                               g_test_rand_int (), g_utf8_strlen (name, -1), name,
                                               g_utf8_strlen (city, -1), city);
      g_autofree char *stat = with_crc (body);
      g_autoptr(GError) error = NULL;
      g_autofree char *dyn = NULL;
      gint64 amount = g_test_rand_int_range (1, G_MAXINT32);
      gsize pos;

      if (!lapak_qris_check (stat, &error))
        g_error ("%s: %s", stat, error->message);
      dyn = lapak_qris_dynamic (stat, amount, &error);
      g_assert_no_error (error);
      g_assert_true (lapak_qris_check (dyn, &error));

      /* Change one ASCII character of the content. */
      pos = g_test_rand_int_range (0, strlen (dyn) - 8);
      if ((guchar)dyn[pos] < 0x80)
        {
          dyn[pos] = dyn[pos] == '7' ? '8' : '7';
          g_assert_false (lapak_qris_check (dyn, NULL));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qris/crc", test_crc);
  g_test_add_func ("/qris/vectors", test_vectors);
  g_test_add_func ("/qris/emvco-sample", test_emvco_sample);
  g_test_add_func ("/qris/dynamic-of-dynamic", test_dynamic_of_dynamic);
  g_test_add_func ("/qris/surcharge-removed", test_surcharge_removed);
  g_test_add_func ("/qris/refusals", test_refusals);
  g_test_add_func ("/qris/dynamic-amounts-refused", test_dynamic_amounts_refused);
  g_test_add_func ("/qris/random", test_random);

  return g_test_run ();
}
