/* lapak-products-page.h — products in the kiosk: a tenant's own, or every
 * tenant's for the organiser who curates them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lapak-auth.h"
#include "lapak-db.h"

G_BEGIN_DECLS

#define LAPAK_TYPE_PRODUCTS_PAGE (lapak_products_page_get_type ())
G_DECLARE_FINAL_TYPE (LapakProductsPage, lapak_products_page, LAPAK, PRODUCTS_PAGE, GtkBox)

/* At most this many products are listed at once: a search narrows them. */
#define LAPAK_PRODUCTS_PAGE_MAX_ROWS 200

GtkWidget  *lapak_products_page_new        (void);
void        lapak_products_page_load       (LapakProductsPage *self,
                                            LapakDb           *db,
                                            const LapakUser   *user);
void        lapak_products_page_clear      (LapakProductsPage *self);
char      **lapak_products_page_get_chosen (LapakProductsPage *self);
const char *lapak_products_page_get_tenant (LapakProductsPage *self);

/* For the tests: what the user sees and taps. */
GtkWidget  *lapak_products_page_get_widget (LapakProductsPage *self,
                                            const char        *name);
GtkWidget  *lapak_products_page_get_row_widget (LapakProductsPage *self,
                                                const char        *code,
                                                const char        *name);
guint       lapak_products_page_get_n_rows (LapakProductsPage *self);

G_END_DECLS
