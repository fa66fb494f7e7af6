/* sb-test-offices.h — two offices of one campaign, PP and KC, exchanging through
 * a folder, in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by tests/test-exchange-folder.c and test-exchange-acks.c. The
 * coordinating office PP (campaign A, one postcard PP-0001 typed before any
 * exchange) invites its partner office KC (campaign B, after
 * sb_test_invite_and_join()); both exchange through one folder.
 */

#pragma once

#include "sb-campaign-private.h"
#include "sb-exchange-private.h"
#include "sb-test-campaign.h"

#define PASSPHRASE "kampot pepper at dawn"

typedef struct
{
  char       *dir;
  char       *path_a;
  char       *path_b;
  char       *invitation;
  char       *folder;
  SbCampaign *a;
  SbCampaign *b;
} SbTestOffices;

static inline void
sb_test_add_office (SbCampaign *campaign,
                    const char *code,
                    const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbOffice) office = sb_office_new ();

  sb_test_set (&office->code, code);
  sb_test_set (&office->name, name);
  g_assert_true (sb_campaign_add_office (campaign, office, &error));
  g_assert_no_error (error);
}

static inline SbMessage *
sb_test_type_postcard (SbCampaign *campaign,
                       const char *text)
{
  g_autoptr(GError) error = NULL;
  SbMessage *message = sb_message_new ();

  sb_test_set (&message->original_text, text);
  sb_test_set (&message->received_on, "2016-10-09");
  sb_campaign_add_message (campaign, message, &error);
  g_assert_no_error (error);
  return message;
}

static inline void
sb_test_offices_set_up (SbTestOffices *fixture,
                        gconstpointer  data)
{
  g_autoptr(SbMessage) before = NULL;

  fixture->a = sb_test_campaign_new ("sambot-exchange-folder-XXXXXX", &fixture->dir, &fixture->path_a);
  sb_test_add_detainees (fixture->a);
  sb_test_add_office (fixture->a, "KC", "Kampong Cham office");
  before = sb_test_type_postcard (fixture->a, "Before the offices");
  g_assert_cmpstr (before->ref, ==, "PP-0001");
  fixture->path_b = g_build_filename (fixture->dir, "kampong-cham.sambot", NULL);
  fixture->invitation = g_build_filename (fixture->dir, "kampong-cham.sbinvite", NULL);
  fixture->folder = g_build_filename (fixture->dir, "exchange", NULL);
  g_assert_cmpint (g_mkdir (fixture->folder, 0700), ==, 0);
}

static inline void
sb_test_offices_tear_down (SbTestOffices *fixture,
                           gconstpointer  data)
{
  if (fixture->b != NULL)
    {
      sb_campaign_close (fixture->b);
      g_object_unref (fixture->b);
    }
  sb_test_remove_tree (fixture->folder);
  sb_test_campaign_free (fixture->a, fixture->dir);
  g_free (fixture->path_a);
  g_free (fixture->path_b);
  g_free (fixture->invitation);
  g_free (fixture->folder);
  g_free (fixture->dir);
}

static inline void
sb_test_invite_and_join (SbTestOffices *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sb_campaign_is_replica (fixture->a));
  sb_campaign_invite_office (fixture->a, "KC", PASSPHRASE, fixture->invitation, &error);
  g_assert_no_error (error);
  g_assert_true (sb_campaign_is_replica (fixture->a));
  g_assert_true (sb_campaign_join (fixture->invitation, PASSPHRASE, fixture->path_b, &error));
  g_assert_no_error (error);
  fixture->b = sb_campaign_open (fixture->path_b, FALSE, &error);
  g_assert_no_error (error);
  sb_campaign_set_clock (fixture->b, "2016-10-11T08:00:00Z");
  g_assert_true (sb_campaign_set_exchange_folder (fixture->a, fixture->folder, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_set_exchange_folder (fixture->b, fixture->folder, &error));
  g_assert_no_error (error);
}

static inline void
sb_test_exchange (SbCampaign        *campaign,
                  SbExchangeReport  *report)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = sb_campaign_exchange (campaign, NULL, report, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

/* The exchange files in @folder whose name ends with @suffix (".sbx": bundles). */
static inline guint
sb_test_count_files (const char *folder,
                     const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_suffix (name, suffix);
  return n;
}

static inline char *
sb_test_refs_of (SbCampaign *campaign)
{
  g_autoptr(GPtrArray) ids = sb_campaign_list_message_ids (campaign, NULL, NULL);
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, ids->pdata[i], NULL);

      g_ptr_array_add (refs, g_strdup_printf ("%s %s", message->ref, message->original_text));
    }
  g_ptr_array_sort (refs, sb_test_compare_strings);
  g_ptr_array_add (refs, NULL);
  return g_strjoinv ("\n", (char **) refs->pdata);
}

static inline void
sb_test_assert_refs (SbCampaign *campaign,
                     const char *expected)
{
  g_autofree char *refs = sb_test_refs_of (campaign);

  g_assert_cmpstr (refs, ==, expected);
}

/* Closes B, and opens @path as B (its clock set). */
static inline void
sb_test_reopen_b (SbTestOffices *fixture,
                  const char    *path)
{
  g_autoptr(GError) error = NULL;

  if (fixture->b != NULL)
    {
      sb_campaign_close (fixture->b);
      g_clear_object (&fixture->b);
    }
  fixture->b = sb_campaign_open (path, FALSE, &error);
  g_assert_no_error (error);
  sb_campaign_set_clock (fixture->b, "2016-10-12T08:00:00Z");
}

