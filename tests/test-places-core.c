/* test-places-core.c — facilities and partner offices as a form checks them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GUI's editors check as the person types with sb_campaign_validate_facility()
 * and sb_campaign_validate_office(); these must refuse exactly what adding and saving
 * refuse (the command line's checks), and name the field at fault.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sb-campaign.h"
#include "sb-test-campaign.h"

typedef struct
{
  char       *dir;
  char       *path;
  SbCampaign *campaign;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->campaign = sb_test_campaign_new ("sambot-places-XXXXXX", &f->dir, &f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  sb_campaign_close (f->campaign);
  g_clear_object (&f->campaign);
  g_remove (f->path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static SbFacility *
prey_sar (void)
{
  SbFacility *facility = sb_facility_new ();

  sb_test_set (&facility->code, "PS");
  sb_test_set (&facility->name_en, "Prey Sar Prison");
  sb_test_set (&facility->name_km, "ពន្ធនាគារព្រៃស");
  sb_test_set (&facility->kind, "prison");
  facility->items_per_batch = 50;
  return facility;
}

/* Each fault is named, validate and add agree, and nothing is saved. */
static void
test_facility_fields (Fixture       *f,
                      gconstpointer  data)
{
  struct { const char *field; const char *value; int items; } faults[] = {
    { "code", "ps", 50 },            /* lower case */
    { "code", "PRISON-1", 50 },
    { "code", "", 50 },
    { "name_en", "", 50 },
    { "name_en", "   ", 50 },
    { "name_km", "ពន្ធនាគារ\nព្រៃស", 50 },
    { "kind", "jail", 50 },
    { "items_per_batch", NULL, 0 },
    { "items_per_batch", NULL, 10001 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(SbFacility) facility = prey_sar ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) add_error = NULL;
      g_autoptr(GPtrArray) all = NULL;
      const char *field = NULL;

      if (g_str_equal (faults[i].field, "code"))
        sb_test_set (&facility->code, faults[i].value);
      else if (g_str_equal (faults[i].field, "name_en"))
        sb_test_set (&facility->name_en, faults[i].value);
      else if (g_str_equal (faults[i].field, "name_km"))
        sb_test_set (&facility->name_km, faults[i].value);
      else if (g_str_equal (faults[i].field, "kind"))
        sb_test_set (&facility->kind, faults[i].value);
      facility->items_per_batch = faults[i].items;

      g_assert_false (sb_campaign_validate_facility (f->campaign, facility, &field, &error));
      g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
      g_assert_cmpstr (field, ==, faults[i].field);

      /* add fills in 50 for no items per batch: that one it accepts. */
      if (faults[i].items == 0)
        continue;
      g_assert_false (sb_campaign_add_facility (f->campaign, facility, &add_error));
      g_assert_cmpstr (add_error->message, ==, error->message);
      all = sb_campaign_list_facilities (f->campaign, NULL);
      g_assert_cmpuint (all->len, ==, 0);
    }
}

/* A code is taken by another facility, but a facility keeps its own when edited;
 * offices have codes of their own. */
static void
test_codes_taken (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SbFacility) first = prey_sar ();
  g_autoptr(SbFacility) second = prey_sar ();
  g_autoptr(SbOffice) office = sb_office_new ();
  g_autoptr(SbOffice) other = sb_office_new ();
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  g_assert_true (sb_campaign_add_facility (f->campaign, first, &error));
  g_assert_no_error (error);

  sb_test_set (&second->name_en, "Correctional Centre 2");
  g_assert_false (sb_campaign_validate_facility (f->campaign, second, &field, &error));
  g_assert_cmpstr (field, ==, "code");
  g_assert_nonnull (strstr (error->message, "“PS”"));
  g_clear_error (&error);

  sb_test_set (&first->name_en, "Prey Sar (CC1)");
  g_assert_true (sb_campaign_validate_facility (f->campaign, first, &field, &error));
  g_assert_null (field);
  g_assert_true (sb_campaign_update_facility (f->campaign, first, &error));
  g_assert_no_error (error);

  sb_test_set (&office->code, "PS");
  sb_test_set (&office->name, "Prey Sar office");
  g_assert_true (sb_campaign_validate_office (f->campaign, office, &field, &error));
  g_assert_true (sb_campaign_add_office (f->campaign, office, &error));
  g_assert_no_error (error);

  sb_test_set (&other->code, "PS");
  sb_test_set (&other->name, "Another office");
  g_assert_false (sb_campaign_validate_office (f->campaign, other, &field, &error));
  g_assert_cmpstr (field, ==, "code");
  g_clear_error (&error);
  g_assert_false (sb_campaign_add_office (f->campaign, other, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_clear_error (&error);

  sb_test_set (&other->code, "BB");
  sb_test_set (&other->name, "");
  g_assert_false (sb_campaign_validate_office (f->campaign, other, &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_clear_error (&error);
  sb_test_set (&other->name, "Battambang office");
  sb_test_set (&other->city, "Battambang\nProvince");
  g_assert_false (sb_campaign_validate_office (f->campaign, other, &field, &error));
  g_assert_cmpstr (field, ==, "city");
  g_clear_error (&error);

  sb_test_set (&office->city, "Phnom Penh");
  g_assert_true (sb_campaign_update_office (f->campaign, office, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SbOffice) stored = sb_campaign_get_office (f->campaign, "PS", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (stored->city, ==, "Phnom Penh");
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/places/facility-fields", Fixture, NULL,
              fixture_set_up, test_facility_fields, fixture_tear_down);
  g_test_add ("/core/places/codes-taken", Fixture, NULL,
              fixture_set_up, test_codes_taken, fixture_tear_down);
  return g_test_run ();
}
