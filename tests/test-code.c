/* test-code.c — label codes and barcodes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "lapak-code.h"
#include "lapak-error.h"

static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";
static const char *tenants[] = { "KL", "KLL", "KOPI", "MADU2", "BATIK1", "A1B2C3D", "RUMAHMOD" };

static void
test_make_validate (void)
{
  guint made = 0;
  guint skipped = 0;

  for (guint t = 0; t < G_N_ELEMENTS (tenants); t++)
    for (guint serial = 1; serial <= 2000; serial++)
      {
        g_autofree char *code = lapak_product_code_make (tenants[t], serial);
        g_autoptr(GError) error = NULL;
        g_autofree char *prefix = g_strdup_printf ("%s-%03u", tenants[t], serial);

        if (code == NULL)
          {
            skipped++;
            continue;
          }
        made++;
        g_assert_true (g_str_has_prefix (code, prefix));
        g_assert_cmpuint (strlen (code), ==, strlen (prefix) + 1);
        if (!lapak_product_code_validate (code, &error))
          g_error ("%s: %s", code, error->message);
      }

  /* About one serial in 37 has no check character. */
  g_assert_cmpuint (skipped, >, made / 60);
  g_assert_cmpuint (skipped, <, made / 20);
}

/* A serial is skipped exactly when no symbol can complete the sum. */
static void
test_make_null_exactly_when_unusable (void)
{
  for (guint serial = 1; serial <= 3000; serial++)
    {
      g_autofree char *code = lapak_product_code_make ("KLL", serial);
      g_autofree char *body = g_strdup_printf ("KLL-%03u", serial);
      gboolean any = FALSE;

      for (guint c = 0; c < 36 && !any; c++)
        {
          g_autofree char *candidate = g_strdup_printf ("%s%c", body, alphabet[c]);

          any = lapak_product_code_validate (candidate, NULL);
        }
      g_assert_cmpint (code != NULL, ==, any);
    }
}

static void
test_substitutions_rejected (void)
{
  guint checked = 0;

  for (guint t = 0; t < G_N_ELEMENTS (tenants); t++)
    for (guint serial = 1; serial <= 400; serial += 3)
      {
        g_autofree char *code = lapak_product_code_make (tenants[t], serial);
        gsize len;

        if (code == NULL)
          continue;
        len = strlen (code);
        for (gsize i = 0; i < len; i++)
          for (const char *c = alphabet; *c; c++)
            {
              g_autofree char *bad = g_strdup (code);

              if (*c == code[i])
                continue;
              bad[i] = *c;
              if (lapak_product_code_validate (bad, NULL))
                g_error ("%s accepted as a mistyping of %s", bad, code);
              checked++;
            }
      }
  g_assert_cmpuint (checked, >, 10000);
}

static void
test_swaps_rejected (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (tenants); t++)
    for (guint serial = 1; serial <= 2000; serial++)
      {
        g_autofree char *code = lapak_product_code_make (tenants[t], serial);
        gsize len;

        if (code == NULL)
          continue;
        len = strlen (code);
        for (gsize i = 0; i + 1 < len; i++)
          {
            g_autofree char *bad = g_strdup (code);
            char tmp = bad[i];

            if (bad[i] == bad[i + 1])
              continue;
            bad[i] = bad[i + 1];
            bad[i + 1] = tmp;
            if (lapak_product_code_validate (bad, NULL))
              g_error ("%s accepted as a swap of %s", bad, code);
          }
      }
}

static void
test_hostile (void)
{
  g_autofree char *good = lapak_product_code_make ("BTK", 7);
  g_autofree char *lower = g_ascii_strdown (good, -1);
  g_autofree char *spaced = g_strdup_printf ("%.4s %s", good, good + 4);
  const char *bad[] = {
    "", "-", "BTK", "BTK-", "-007X", "BTK--007X", "BTK-07X", "BTK-007", "BTK-0A7X", "1BT-007X",
    "TOOLONGCODE-007X", "ÄBC-007X", "BTK-007X-", "8991002101616",
    "AAAAAAAA-1234567890123456789012345678",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (lapak_product_code_validate (bad[i], &error));
      g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
      g_clear_error (&error);
    }

  g_assert_false (lapak_product_code_validate (lower, &error));
  g_clear_error (&error);
  g_assert_false (lapak_product_code_validate (spaced, &error));
  g_clear_error (&error);

  /* A barcode typed where a code is expected is named as such. */
  g_assert_false (lapak_product_code_validate ("8991002101616", &error));
  g_assert_nonnull (strstr (error->message, "barcode"));
  g_clear_error (&error);

  /* A mistyped code says so, not "not a code". */
  {
    g_autofree char *typo = g_strdup (good);

    typo[5] = typo[5] == '1' ? '2' : '1';
    g_assert_false (lapak_product_code_validate (typo, &error));
    g_assert_nonnull (strstr (error->message, "check character"));
  }
  g_assert_null (lapak_product_code_make ("btk", 1));
  g_assert_null (lapak_product_code_make ("BTK", 0));
}

static void
test_normalize_and_tenant (void)
{
  struct { const char *in, *out; } cases[] = {
    { "btk-0071", "BTK-0071" }, { "  KLL-001X\r\n", "KLL-001X" }, { "\tkopi-010a\n", "KOPI-010A" }, { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *n = lapak_product_code_normalize (cases[i].in);

      g_assert_cmpstr (n, ==, cases[i].out);
    }

  {
    g_autofree char *t = lapak_product_code_tenant ("KOPI-010A");
    g_autofree char *none = lapak_product_code_tenant ("8991002101616");

    g_assert_cmpstr (t, ==, "KOPI");
    g_assert_null (none);
  }
}

static void
test_tenant_codes (void)
{
  const char *good[] = { "KL", "KLL", "K1", "RUMAHMOD", "A1B2" };
  const char *bad[] = { "", "K", "kll", "1KL", "K-L", "K L", "TOOLONGXX", "KLÄ" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (lapak_tenant_code_validate (good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (lapak_tenant_code_validate (bad[i], &error));
      g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
      g_clear_error (&error);
    }
}

static void
test_barcodes (void)
{
  const char *good[] = { "4006381333931", "8990000000013", "036000291452", "96385074", "00012345600012" };
  struct { const char *code; const char *says; } bad[] = {
    { "4006381333932", "1" }, { "400638133393", "digits" }, { "40063813339A1", "digits only" },
    { "", "digits" }, { "036000291453", "2" }, { "96385075", "4" }, { "123", "digits" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      if (!lapak_barcode_validate (good[i], &error))
        g_error ("%s: %s", good[i], error->message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (lapak_barcode_validate (bad[i].code, &error));
      g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i].says));
      g_clear_error (&error);
    }

  /* Every single-digit change of a valid EAN-13 is caught. */
  for (guint i = 0; i < 13; i++)
    for (char d = '0'; d <= '9'; d++)
      {
        char copy[] = "8990000000013";

        if (copy[i] == d)
          continue;
        copy[i] = d;
        g_assert_false (lapak_barcode_validate (copy, NULL));
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/code/product/make-validate", test_make_validate);
  g_test_add_func ("/code/product/null-exactly-when-unusable", test_make_null_exactly_when_unusable);
  g_test_add_func ("/code/product/substitutions", test_substitutions_rejected);
  g_test_add_func ("/code/product/swaps", test_swaps_rejected);
  g_test_add_func ("/code/product/hostile", test_hostile);
  g_test_add_func ("/code/product/normalize-and-tenant", test_normalize_and_tenant);
  g_test_add_func ("/code/tenant", test_tenant_codes);
  g_test_add_func ("/code/barcode", test_barcodes);

  return g_test_run ();
}
