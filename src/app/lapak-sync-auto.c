/* lapak-sync-auto.c — a paired till syncs with its hub by itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A till that knows its hub's address pushes and pulls on a timer (the
 * GSettings key sync-interval-seconds; 0: off) and a few seconds after each
 * record made in the kiosk, backing off while the hub does not answer. The
 * schedule is the core's (lapak_sync_next_round()), the round is the
 * core's (lapak_sync_push(), as `lapakctl sync push --every`); this object
 * only keeps the timer, runs the round in a GTask thread on its own
 * connection to the database (a sale never waits for the network) and
 * says after each attempt whether the hub was reached ("attempted").
 */
#define G_LOG_DOMAIN "lapak-app"

#include "config.h"

#include "lapak-error.h"
#include "lapak-sync-auto.h"
#include "lapak-sync-net.h"

struct _LapakSyncAuto
{
  GObject   parent_instance;

  char     *db_path;
  guint     every;         /* seconds, 0: off */
  guint     failures;      /* failed rounds in a row */
  gboolean  unreachable;   /* the last round did not reach the hub */
  guint     rounds;        /* rounds attempted (for the tests) */
  guint     timer;
  gint64    due;           /* monotonic µs of the timer, 0: none */
  gboolean  busy;
  gboolean  again;         /* a record was made during the round */
  gboolean  stopped;
};

G_DEFINE_FINAL_TYPE (LapakSyncAuto, lapak_sync_auto, G_TYPE_OBJECT)

enum
{
  SIGNAL_ATTEMPTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GMutex push_lock;

LapakSyncResult *
lapak_sync_auto_push (LapakDb          *db,
                      LapakSyncResult **out_pushed,
                      GError          **error)
{
  LapakSyncResult *result;

  g_mutex_lock (&push_lock);
  result = lapak_sync_push (db, NULL, out_pushed, error);
  g_mutex_unlock (&push_lock);
  return result;
}

static void schedule (LapakSyncAuto *self,
                      gboolean       after_record);

/* TRUE: a round was made; FALSE without an error: nothing to do here (not
 * a paired till, or no hub address known). */
static void
round_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = lapak_db_open (path, &error);
  g_autoptr(LapakSyncResult) pushed = NULL;
  g_autoptr(LapakSyncResult) pulled = NULL;
  g_autofree char *url = NULL;
  LapakSyncInfo info = { 0 };
  gboolean till;

  if (db == NULL || !lapak_sync_get_info (db, &info, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  till = info.role == LAPAK_SYNC_TILL;
  lapak_sync_info_clear (&info);
  if (!till || !(url = lapak_sync_get_hub_url (db)))
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  if (!(pulled = lapak_sync_auto_push (db, &pushed, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
round_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  LapakSyncAuto *self = LAPAK_SYNC_AUTO (source);
  g_autoptr(GError) error = NULL;
  gboolean made = g_task_propagate_boolean (G_TASK (result), &error);
  gboolean again = self->again;

  self->busy = FALSE;
  self->again = FALSE;
  if (self->stopped)
    return;
  if (made || error != NULL)
    {
      if (error != NULL)
        g_message ("automatic sync: %s", error->message);
      lapak_sync_auto_note_result (self, error);
    }
  schedule (self, again);
}

static gboolean
tick_cb (gpointer data)
{
  LapakSyncAuto *self = data;
  g_autoptr(GTask) task = NULL;

  self->timer = 0;
  self->due = 0;
  if (self->busy || self->stopped)
    return G_SOURCE_REMOVE;
  self->busy = TRUE;
  self->again = FALSE;
  self->rounds++;
  task = g_task_new (self, NULL, round_done_cb, NULL);
  g_task_set_source_tag (task, tick_cb);
  g_task_set_task_data (task, g_strdup (self->db_path), g_free);
  g_task_run_in_thread (task, round_thread);
  return G_SOURCE_REMOVE;
}

/* The next round, unless one is due sooner already. */
static void
schedule (LapakSyncAuto *self,
          gboolean       after_record)
{
  guint seconds = lapak_sync_next_round (self->every, self->failures, after_record);
  gint64 due;

  if (self->stopped || seconds == LAPAK_SYNC_NET_NEVER)
    {
      g_clear_handle_id (&self->timer, g_source_remove);
      self->due = 0;
      return;
    }
  if (self->busy)
    {
      /* The round under way may have missed the record: another follows. */
      self->again = self->again || after_record;
      return;
    }
  due = g_get_monotonic_time () + (gint64)seconds * G_USEC_PER_SEC;
  if (self->timer != 0 && self->due <= due)
    return;
  g_clear_handle_id (&self->timer, g_source_remove);
  self->due = due;
  self->timer = g_timeout_add ((guint)MIN ((guint64)seconds * 1000, (guint64)G_MAXUINT), tick_cb, self);
}

static void
lapak_sync_auto_dispose (GObject *object)
{
  LapakSyncAuto *self = LAPAK_SYNC_AUTO (object);

  self->stopped = TRUE;
  g_clear_handle_id (&self->timer, g_source_remove);
  G_OBJECT_CLASS (lapak_sync_auto_parent_class)->dispose (object);
}

static void
lapak_sync_auto_finalize (GObject *object)
{
  LapakSyncAuto *self = LAPAK_SYNC_AUTO (object);

  g_free (self->db_path);
  G_OBJECT_CLASS (lapak_sync_auto_parent_class)->finalize (object);
}

static void
lapak_sync_auto_class_init (LapakSyncAutoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lapak_sync_auto_dispose;
  object_class->finalize = lapak_sync_auto_finalize;
  /* After each round that went to the hub, whether or not it got there. */
  signals[SIGNAL_ATTEMPTED] = g_signal_new ("attempted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                            NULL, NULL, G_TYPE_NONE, 0);
}

static void
lapak_sync_auto_init (LapakSyncAuto *self)
{
}

/**
 * lapak_sync_auto_new:
 * @db: the till's database (its path: each round opens its own connection)
 *
 * Off until lapak_sync_auto_set_interval().
 */
LapakSyncAuto *
lapak_sync_auto_new (LapakDb *db)
{
  LapakSyncAuto *self;

  g_return_val_if_fail (LAPAK_IS_DB (db), NULL);
  self = g_object_new (LAPAK_TYPE_SYNC_AUTO, NULL);
  self->db_path = g_strdup (lapak_db_get_path (db));
  return self;
}

/**
 * lapak_sync_auto_set_interval:
 * @seconds: between rounds while the hub answers; 0: no automatic rounds
 *
 * The first round comes soon after (as after a record).
 */
void
lapak_sync_auto_set_interval (LapakSyncAuto *self,
                              guint          seconds)
{
  g_return_if_fail (LAPAK_IS_SYNC_AUTO (self));
  self->every = seconds;
  g_clear_handle_id (&self->timer, g_source_remove);
  self->due = 0;
  schedule (self, TRUE);
}

guint
lapak_sync_auto_get_interval (LapakSyncAuto *self)
{
  g_return_val_if_fail (LAPAK_IS_SYNC_AUTO (self), 0);
  return self->every;
}

/* A sale, a void or a shift close was committed: a round soon. */
void
lapak_sync_auto_record_made (LapakSyncAuto *self)
{
  g_return_if_fail (LAPAK_IS_SYNC_AUTO (self));
  schedule (self, TRUE);
}

/**
 * lapak_sync_auto_note_result:
 * @error: (nullable): why a round failed, NULL: it worked
 *
 * A round made here or elsewhere ("Sync now"): the backoff and the header's
 * "Hub unreachable" follow it.
 */
void
lapak_sync_auto_note_result (LapakSyncAuto *self,
                             const GError  *error)
{
  g_return_if_fail (LAPAK_IS_SYNC_AUTO (self));
  if (error == NULL)
    {
      self->failures = 0;
      self->unreachable = FALSE;
    }
  else
    {
      self->failures++;
      /* Refused (a wrong key, a tampered database) is not "unreachable";
       * the sync page says why. Both back off. */
      self->unreachable = error->domain == LAPAK_ERROR && error->code == LAPAK_ERROR_IO;
    }
  if (!self->busy && self->timer != 0)
    {
      /* The schedule changes with the failures: start it again. */
      g_clear_handle_id (&self->timer, g_source_remove);
      self->due = 0;
      schedule (self, FALSE);
    }
  g_signal_emit (self, signals[SIGNAL_ATTEMPTED], 0);
}

gboolean
lapak_sync_auto_get_unreachable (LapakSyncAuto *self)
{
  g_return_val_if_fail (LAPAK_IS_SYNC_AUTO (self), FALSE);
  return self->unreachable;
}

guint
lapak_sync_auto_get_failures (LapakSyncAuto *self)
{
  g_return_val_if_fail (LAPAK_IS_SYNC_AUTO (self), 0);
  return self->failures;
}

guint
lapak_sync_auto_get_rounds (LapakSyncAuto *self)
{
  g_return_val_if_fail (LAPAK_IS_SYNC_AUTO (self), 0);
  return self->rounds;
}

gboolean
lapak_sync_auto_is_busy (LapakSyncAuto *self)
{
  g_return_val_if_fail (LAPAK_IS_SYNC_AUTO (self), FALSE);
  return self->busy;
}

/* No more rounds; one under way finishes in its thread, unseen. */
void
lapak_sync_auto_stop (LapakSyncAuto *self)
{
  g_return_if_fail (LAPAK_IS_SYNC_AUTO (self));
  self->stopped = TRUE;
  g_clear_handle_id (&self->timer, g_source_remove);
  self->due = 0;
}
