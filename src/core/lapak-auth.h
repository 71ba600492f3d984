/* lapak-auth.h — users, roles and PINs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lapak-db.h"

G_BEGIN_DECLS

#define LAPAK_PIN_MIN_DIGITS 4
#define LAPAK_PIN_MAX_DIGITS 12
#define LAPAK_PIN_MAX_FAILURES 5

typedef enum
{
  LAPAK_ROLE_CASHIER,
  LAPAK_ROLE_SUPERVISOR,
  LAPAK_ROLE_ORGANISER,
  LAPAK_ROLE_TENANT,
} LapakRole;

/* What a role may do. The core checks these itself: callers cannot skip
 * them, since every operation that changes data takes the acting user. */
typedef enum
{
  LAPAK_CAP_MANAGE_EVENTS,    /* organiser */
  LAPAK_CAP_MANAGE_TENANTS,   /* organiser */
  LAPAK_CAP_MANAGE_USERS,     /* organiser */
  LAPAK_CAP_MANAGE_PRODUCTS,  /* organiser; a tenant for its own products */
  LAPAK_CAP_SELL,             /* cashier, supervisor, organiser */
  LAPAK_CAP_APPROVE,          /* supervisor, organiser */
  LAPAK_CAP_CURATE_PRODUCTS,  /* organiser: approve, deactivate, reprice */
  LAPAK_CAP_LEAVE_KIOSK,      /* organiser: a till in kiosk mode stays in it */
} LapakCapability;

/* Who may log in at this till, as the login screen lists them. */
typedef struct
{
  char      *name;
  LapakRole  role;
  char      *tenant_code;   /* tenant users only */
  gboolean   locked;        /* after LAPAK_PIN_MAX_FAILURES wrong PINs */
} LapakUserInfo;

/* A user who has proven their PIN. Only lapak_auth_login() makes one. */
typedef struct _LapakUser LapakUser;

const char *lapak_role_to_string   (LapakRole          role);
gboolean    lapak_role_from_string (const char        *text,
                                    LapakRole         *out_role,
                                    GError           **error);
const char *lapak_role_display     (LapakRole          role);

gboolean    lapak_pin_validate     (const char        *pin,
                                    GError           **error);

LapakUser  *lapak_auth_login       (LapakDb           *db,
                                    const char        *name,
                                    const char        *pin,
                                    GError           **error);
gboolean    lapak_auth_require     (const LapakUser   *user,
                                    LapakCapability    capability,
                                    GError           **error);
gboolean    lapak_auth_require_tenant (const LapakUser *user,
                                       const char      *tenant_code,
                                       GError         **error);

const char *lapak_user_get_name    (const LapakUser   *user);
LapakRole   lapak_user_get_role    (const LapakUser   *user);
const char *lapak_user_get_tenant  (const LapakUser   *user);
void        lapak_user_free        (LapakUser         *user);

gboolean    lapak_user_add         (LapakDb           *db,
                                    const LapakUser   *actor,
                                    const char        *name,
                                    LapakRole          role,
                                    const char        *tenant_code,
                                    const char        *pin,
                                    GError           **error);
gboolean    lapak_user_add_first_organiser (LapakDb     *db,
                                            const char  *name,
                                            const char  *pin,
                                            GError     **error);
gboolean    lapak_user_unlock      (LapakDb           *db,
                                    const LapakUser   *actor,
                                    const char        *name,
                                    GError           **error);

GPtrArray  *lapak_user_list        (LapakDb           *db,
                                    GError           **error);
void        lapak_user_info_free   (LapakUserInfo     *info);

/* The organiser's changes (orgadmin). */
gboolean    lapak_user_set_pin     (LapakDb           *db,
                                    const LapakUser   *actor,
                                    const char        *name,
                                    const char        *pin,
                                    GError           **error);
gboolean    lapak_user_deactivate  (LapakDb           *db,
                                    const LapakUser   *actor,
                                    const char        *name,
                                    GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakUser, lapak_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LapakUserInfo, lapak_user_info_free)

G_END_DECLS
