/* sb-message-list.c — the campaign's messages as a list model, filtered and sorted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the rowids of what the filters show are held (8 bytes a message); rows are
 * read from the campaign when a view asks for them and kept in a small cache, so a
 * million messages cost 8 MB and scroll like ten.
 *
 * A list that loads in the background (sb_message_list_new_in_background()) shows
 * its first screen first: sb-message-list-loading.c.
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include "sb-campaign-private.h"
#include "sb-message-list-private.h"
#include "sb-message-row-private.h"
#include "sb-text.h"

#define CACHE_SIZE 512



static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SbMessageList, sb_message_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CAMPAIGN,
  PROP_N_ITEMS,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  READ_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_sb_message_list_notify_complete (SbMessageList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

void
_sb_message_list_read_failed (SbMessageList *self,
                              const GError  *error)
{
  g_signal_emit (self, signals[READ_FAILED], 0, error);
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

void
_sb_message_list_fill_query (SbMessageList       *self,
                             SbStoreMessageQuery *query)
{
  *query = (SbStoreMessageQuery) {
    .status = self->filters[SB_MESSAGE_FILTER_STATUS],
    .channel = self->filters[SB_MESSAGE_FILTER_CHANNEL],
    .detainee_id = self->filters[SB_MESSAGE_FILTER_DETAINEE],
    .office_id = self->filters[SB_MESSAGE_FILTER_OFFICE],
    .language = self->filters[SB_MESSAGE_FILTER_LANGUAGE],
    .needs_translation = self->needs_translation,
    .search_key = self->search_key,
    .sort = (SbStoreMessageSort) self->sort,
    .descending = self->descending,
  };
}

static GArray *
query_rowids (SbMessageList  *self,
              GError        **error)
{
  SbStoreMessageQuery query;

  _sb_message_list_fill_query (self, &query);
  return sb_store_query_message_rowids (_sb_campaign_get_store (self->campaign), &query, error);
}

static SbMessageRow *
read_row (SbMessageList *self,
          gint64         rowid)
{
  g_autoptr(GError) error = NULL;
  SbStoreMessageRow *row;

  row = sb_store_get_message_row (_sb_campaign_get_store (self->campaign), rowid, &error);
  if (row == NULL)
    {
      /* Gone since the ids were read: show an empty row until the refresh. A row
       * that cannot be read (locked, damaged) is said as well. */
      g_debug ("Message row %" G_GINT64_FORMAT ": %s", rowid, error->message);
      if (!g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
        g_signal_emit (self, signals[READ_FAILED], 0, error);
      row = g_new0 (SbStoreMessageRow, 1);
      row->rowid = rowid;
      row->id = g_strdup ("");
      row->ref = g_strdup ("");
      row->received_on = g_strdup ("");
      row->channel = g_strdup ("");
      row->sender_name = g_strdup ("");
      row->language = g_strdup ("");
      row->text_start = g_strdup ("");
      row->status = g_strdup (sb_message_status_to_nick (SB_MESSAGE_STATUS_DELETED));
      row->addressees_en = g_strdup ("");
      row->addressees_km = g_strdup ("");
    }
  return _sb_message_row_new (row);
}

/*
 * Replaces the rowids and tells the views only what changed: the part between the
 * common beginning and end, and the rows on screen (cached) whose content changed.
 *
 * That part is told as two changes, its rows removed, then the new ones added. Told
 * as one, a GtkSingleSelection whose row is among those removed looks for that row
 * among every row added (gtk_single_selection_items_changed_cb () in GTK 4.8), and
 * never finds it: each row read is a new object. Narrowing a million messages to
 * "នី" read 114,224 rows on the main thread for nothing, a 4.4 s freeze; the
 * Messages page selects the open message again itself (reselect_cb () in
 * src/gui/sb-messages-page.c).
 */
void
_sb_message_list_apply_rowids (SbMessageList *self,
                               GArray        *rowids)
{
  g_autoptr(GArray) old = g_steal_pointer (&self->rowids);
  g_autoptr(GHashTable) old_cache = g_steal_pointer (&self->cache);
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint));
  const gint64 *a = (const gint64 *) old->data;
  const gint64 *b = (const gint64 *) rowids->data;
  guint prefix = 0, suffix = 0;
  guint min_len = MIN (old->len, rowids->len);
  GHashTableIter iter;
  gpointer key, value;

  self->rowids = rowids;
  self->cache = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  while (prefix < min_len && a[prefix] == b[prefix])
    prefix++;
  while (suffix < min_len - prefix &&
         a[old->len - 1 - suffix] == b[rowids->len - 1 - suffix])
    suffix++;

  g_hash_table_iter_init (&iter, old_cache);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint old_pos = GPOINTER_TO_UINT (key);
      guint new_pos;
      g_autoptr(SbMessageRow) fresh = NULL;

      if (old_pos < prefix)
        new_pos = old_pos;
      else if (old_pos >= old->len - suffix)
        new_pos = old_pos - old->len + rowids->len;
      else
        continue;
      fresh = read_row (self, b[new_pos]);
      if (!_sb_message_row_equal (value, fresh))
        {
          g_debug ("Row %u (%s) changed", new_pos, sb_message_row_get_ref (fresh));
          g_array_append_val (changed, new_pos);
        }
    }

  g_debug ("Refresh: %u → %u rows, %u changed in place", old->len, rowids->len, changed->len);
  if (old->len - prefix - suffix > 0 && rowids->len - prefix - suffix > 0)
    {
      /* In between, the list is the rows kept: what a view reads while told of the
       * removal. */
      g_autoptr(GArray) kept = g_array_sized_new (FALSE, FALSE, sizeof (gint64), prefix + suffix);

      g_array_append_vals (kept, b, prefix);
      g_array_append_vals (kept, b + rowids->len - suffix, suffix);
      self->rowids = kept;
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix, 0);
      self->rowids = rowids;
      g_hash_table_remove_all (self->cache);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, 0, rowids->len - prefix - suffix);
    }
  else if (old->len - prefix - suffix > 0 || rowids->len - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old->len - prefix - suffix, rowids->len - prefix - suffix);
  for (guint i = 0; i < changed->len; i++)
    {
      guint pos = g_array_index (changed, guint, i);
      g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 1);
    }
  if (old->len != rowids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static gboolean
row_is_unused (gpointer key,
               gpointer value,
               gpointer user_data)
{
  return G_OBJECT (value)->ref_count == 1;
}

/* Rows a view still shows stay, so a refresh can tell the view when they change. */
static void
trim_cache (SbMessageList *self)
{
  g_hash_table_foreach_remove (self->cache, row_is_unused, NULL);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  SbMessageList *self = user_data;
  g_autoptr(GError) error = NULL;

  self->refresh_id = 0;
  if (!_sb_message_list_reload (self, FALSE, &error))
    g_signal_emit (self, signals[READ_FAILED], 0, error);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

/* The rows on screen are read again at once (a few rows: cheap); the list itself
 * once the campaign has been quiet for a moment, so that saving as one types does
 * not read a million ids at every pause. */
static gboolean
refresh_rows_cb (gpointer user_data)
{
  SbMessageList *self = user_data;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key, value;

  self->rows_id = 0;
  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint position = GPOINTER_TO_UINT (key);
      SbMessageRow *fresh = read_row (self, g_array_index (self->rowids, gint64, position));

      if (_sb_message_row_equal (value, fresh))
        {
          g_object_unref (fresh);
          continue;
        }
      g_hash_table_iter_replace (&iter, fresh);
      g_array_append_val (changed, position);
    }
  for (guint i = 0; i < changed->len; i++)
    g_list_model_items_changed (G_LIST_MODEL (self), g_array_index (changed, guint, i), 1, 1);
  return G_SOURCE_REMOVE;
}

static void
campaign_changed_cb (SbMessageList *self)
{
  if (self->rows_id == 0)
    self->rows_id = g_idle_add (refresh_rows_cb, self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add (SB_MESSAGE_LIST_REFRESH_DELAY_MS, refresh_idle_cb, self);
}

/* ------------------------------------------------------------------------ */
/* GListModel                                                               */
/* ------------------------------------------------------------------------ */

static GType
sb_message_list_get_item_type (GListModel *model)
{
  return SB_TYPE_MESSAGE_ROW;
}

static guint
sb_message_list_get_n_items (GListModel *model)
{
  return SB_MESSAGE_LIST (model)->rowids->len;
}

static gpointer
sb_message_list_get_item (GListModel *model,
                          guint       position)
{
  SbMessageList *self = SB_MESSAGE_LIST (model);
  SbMessageRow *row;

  if (position >= self->rowids->len)
    return NULL;

  row = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (position));
  if (row == NULL)
    {
      if (g_hash_table_size (self->cache) >= CACHE_SIZE)
        trim_cache (self);
      row = read_row (self, g_array_index (self->rowids, gint64, position));
      g_hash_table_insert (self->cache, GUINT_TO_POINTER (position), row);
    }
  return g_object_ref (row);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sb_message_list_get_item_type;
  iface->get_n_items = sb_message_list_get_n_items;
  iface->get_item = sb_message_list_get_item;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_message_list_dispose (GObject *object)
{
  SbMessageList *self = SB_MESSAGE_LIST (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->rows_id, g_source_remove);
  _sb_message_list_stop_loading (self);
  g_clear_signal_handler (&self->changed_id, self->campaign);
  g_clear_object (&self->campaign);

  G_OBJECT_CLASS (sb_message_list_parent_class)->dispose (object);
}

static void
sb_message_list_finalize (GObject *object)
{
  SbMessageList *self = SB_MESSAGE_LIST (object);

  for (guint i = 0; i < SB_MESSAGE_N_FILTERS; i++)
    g_free (self->filters[i]);
  g_free (self->search_key);
  g_clear_pointer (&self->rowids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  G_OBJECT_CLASS (sb_message_list_parent_class)->finalize (object);
}

static void
sb_message_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SbMessageList *self = SB_MESSAGE_LIST (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->rowids->len);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_message_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SbMessageList *self = SB_MESSAGE_LIST (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      self->campaign = g_value_dup_object (value);
      self->changed_id = g_signal_connect_swapped (self->campaign, "changed",
                                                   G_CALLBACK (campaign_changed_cb), self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_message_list_class_init (SbMessageListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_message_list_dispose;
  object_class->finalize = sb_message_list_finalize;
  object_class->get_property = sb_message_list_get_property;
  object_class->set_property = sb_message_list_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, SB_TYPE_CAMPAIGN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SbMessageList:complete:
   *
   * Whether the list holds every message its filters show. While it does not, it
   * holds the first %SB_MESSAGE_LIST_COUNT_MAX + 1 of them, or the rows of the
   * filters before (sb_message_list_load_in_background()).
   */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbMessageList::read-failed:
   * @error: what went wrong (the campaign is locked, damaged…)
   *
   * The list or a row could not be read from the campaign while following its
   * changes; the list shows what it read before.
   */
  signals[READ_FAILED] =
    g_signal_new ("read-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sb_message_list_init (SbMessageList *self)
{
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->sort = SB_MESSAGE_SORT_DATE;
  self->descending = TRUE;
  self->complete = TRUE;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_message_list_new:
 *
 * Every message but the deleted ones, newest first. It follows the campaign: after
 * each change the rows on screen are read again at once, and the list itself
 * %SB_MESSAGE_LIST_REFRESH_DELAY_MS after the last change.
 */
SbMessageList *
sb_message_list_new (SbCampaign *campaign)
{
  SbMessageList *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  self = g_object_new (SB_TYPE_MESSAGE_LIST, "campaign", campaign, NULL);
  /* Read again once the main loop runs: ::read-failed then reaches whoever
   * connected to it, if the file still cannot be read. */
  if (!sb_message_list_refresh (self, &error))
    {
      g_debug ("The messages could not be read, trying again: %s", error->message);
      self->refresh_id = g_idle_add (refresh_idle_cb, self);
    }
  return self;
}

/**
 * sb_message_list_new_in_background:
 *
 * Like sb_message_list_new(), for a window: the first rows are read at once and
 * the whole list in a worker thread, here and at every change of filters, sort or
 * campaign. While the thread reads, #SbMessageList:complete is %FALSE and the list
 * holds the first %SB_MESSAGE_LIST_COUNT_MAX + 1 rows (a count shows "1,000+");
 * then it grows to the whole list, with items-changed after those rows, so a
 * view's selection and scroll stay. A filter that few messages pass may leave the
 * rows of the filters before until the thread is done (at most a moment).
 */
SbMessageList *
sb_message_list_new_in_background (SbCampaign *campaign)
{
  SbMessageList *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  self = g_object_new (SB_TYPE_MESSAGE_LIST, "campaign", campaign, NULL);
  self->background = TRUE;
  /* As sb_message_list_new(): read again once ::read-failed can reach someone. */
  if (!_sb_message_list_reload (self, TRUE, &error))
    {
      g_debug ("The messages could not be read, trying again: %s", error->message);
      self->refresh_id = g_idle_add (refresh_idle_cb, self);
    }
  return self;
}

/**
 * sb_message_list_is_complete:
 *
 * Returns: whether the list holds every message its filters show (see
 *   #SbMessageList:complete)
 */
gboolean
sb_message_list_is_complete (SbMessageList *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_LIST (self), FALSE);
  return self->complete;
}

/**
 * sb_message_list_refresh:
 *
 * Reads the ids of what the filters show again, at once (also in a list that
 * loads in the background: a message just added is in it when this returns).
 */
gboolean
sb_message_list_refresh (SbMessageList  *self,
                         GError        **error)
{
  GArray *rowids;

  g_return_val_if_fail (SB_IS_MESSAGE_LIST (self), FALSE);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  _sb_message_list_stop_loading (self);
  rowids = query_rowids (self, error);
  if (rowids == NULL)
    return FALSE;
  self->complete = TRUE;
  _sb_message_list_apply_rowids (self, rowids);
  _sb_message_list_notify_complete (self);
  return TRUE;
}

/**
 * sb_message_list_set_filter:
 * @value: (nullable): what to show; %NULL or "" for everything
 *
 * Changes one filter and reads the list again.
 */
gboolean
sb_message_list_set_filter (SbMessageList    *self,
                            SbMessageFilter   filter,
                            const char       *value,
                            GError          **error)
{
  g_return_val_if_fail (SB_IS_MESSAGE_LIST (self), FALSE);
  g_return_val_if_fail (filter < SB_MESSAGE_N_FILTERS, FALSE);

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (self->filters[filter], value) == 0)
    return TRUE;
  _sb_set_str (&self->filters[filter], value);
  if (filter == SB_MESSAGE_FILTER_SEARCH)
    {
      g_clear_pointer (&self->search_key, g_free);
      if (value != NULL)
        self->search_key = sb_text_search_key (value);
    }
  return _sb_message_list_reload (self, TRUE, error);
}

/**
 * sb_message_list_set_needs_translation:
 * @needs_translation: show only messages not in Khmer that have no Khmer translation
 */
gboolean
sb_message_list_set_needs_translation (SbMessageList  *self,
                                       gboolean        needs_translation,
                                       GError        **error)
{
  g_return_val_if_fail (SB_IS_MESSAGE_LIST (self), FALSE);

  if (self->needs_translation == !!needs_translation)
    return TRUE;
  self->needs_translation = !!needs_translation;
  return _sb_message_list_reload (self, TRUE, error);
}

gboolean
sb_message_list_set_sort (SbMessageList  *self,
                          SbMessageSort   sort,
                          gboolean        descending,
                          GError        **error)
{
  g_return_val_if_fail (SB_IS_MESSAGE_LIST (self), FALSE);

  if (self->sort == sort && self->descending == !!descending)
    return TRUE;
  self->sort = sort;
  self->descending = !!descending;
  return _sb_message_list_reload (self, TRUE, error);
}

/**
 * sb_message_list_find:
 *
 * Returns: the position of the message in the list, or %G_MAXUINT when the
 *   filters hide it (or with @error set when the file cannot be read)
 */
guint
sb_message_list_find (SbMessageList  *self,
                      const char     *message_id,
                      GError        **error)
{
  gint64 rowid;

  g_return_val_if_fail (SB_IS_MESSAGE_LIST (self), G_MAXUINT);

  rowid = sb_store_get_message_rowid (_sb_campaign_get_store (self->campaign), message_id, error);
  for (guint i = 0; rowid != 0 && i < self->rowids->len; i++)
    if (g_array_index (self->rowids, gint64, i) == rowid)
      return i;
  return G_MAXUINT;
}
