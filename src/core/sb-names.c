/* sb-names.c — people and places named in the interface language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Detainees and facilities have an English and a Khmer name. The window, sambot-cli and
 * the campaign's own messages ("The copy of PP-0042 for នី សុខា…") name them in the
 * language the interface speaks.
 */

#include "config.h"

#include "sb-names.h"

/**
 * sb_interface_language:
 *
 * Returns: "km" or "en": the first language asked for that Sambot speaks
 */
const char *
sb_interface_language (void)
{
  const char *const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "km") || g_str_has_prefix (names[i], "km_"))
        return "km";
      if (g_str_has_prefix (names[i], "en") || g_str_equal (names[i], "C"))
        return "en";
    }
  return "en";
}

/**
 * sb_detainee_get_name:
 *
 * Returns: the detainee's name in the interface language: the Khmer name in Khmer when
 *   there is one, else the English name
 */
const char *
sb_detainee_get_name (const SbDetainee *detainee)
{
  if (g_str_equal (sb_interface_language (), "km") && detainee->name_km && *detainee->name_km)
    return detainee->name_km;
  return detainee->name_en;
}

/**
 * sb_facility_get_name:
 *
 * Returns: the facility's name in the interface language, as for detainees
 */
const char *
sb_facility_get_name (const SbFacility *facility)
{
  if (g_str_equal (sb_interface_language (), "km") && facility->name_km && *facility->name_km)
    return facility->name_km;
  return facility->name_en;
}
