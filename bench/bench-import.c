/* bench-import.c — importing a 100k-row web-form export, end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-import generate FILE ROWS   writes a realistic export (Google Forms shape,
 *                                     Khmer and English, quoted line breaks, a few
 *                                     repeats and broken rows)
 *   bench-import import CAMPAIGN FILE creates CAMPAIGN with the five detainees and
 *                                     imports FILE into it, as sambot-cli would
 *
 * bench/import.sh runs both and compares with sqlite3's .import of the same file.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "sb-importer.h"

static const char *const khmer[] = {
  "សូមឱ្យបងៗមានសុខភាពល្អ និងកម្លាំងចិត្តរឹងមាំ។",
  "យើងនៅជាមួយបងជានិច្ច ហើយយើងមិនភ្លេចបងទេ។",
  "សូមឱ្យឆាប់បានដោះលែងវិញ ដើម្បីជួបជុំគ្រួសារ។",
  "អ្នកការពារសិទ្ធិមនុស្សមិនមែនជាឧក្រិដ្ឋជនទេ។",
};
static const char *const english[] = {
  "Stay strong, we are with you and we will not stop until you are free.",
  "Human rights defenders are not criminals. Thinking of you every day.",
  "Solidarity from far away: your courage gives us hope.",
  "We have not forgotten you. Free the five!",
};
static const char *const names[] = {
  "Anna Schmidt", "សុខ សុភា", "Marie Dubois", "John Smith", "ចាន់ ដារា", "Kenji Sato",
  "Lina Park", "ស្រី ពៅ", "Pierre Martin", "Ana Lima",
};
static const char *const places[][2] = {
  { "Berlin", "Germany" }, { "ភ្នំពេញ", "កម្ពុជា" }, { "Lyon", "France" }, { "Sydney", "Australia" },
  { "សៀមរាប", "Cambodia" }, { "Tokyo", "Japan" }, { "Seoul", "South Korea" },
  { "បាត់ដំបង", "KH" }, { "Paris", "France" }, { "São Paulo", "Brazil" },
};
static const char *const addressees[] = {
  "All of them", "Ny Sokha", "នី សុខា", "Yi Soksan, Nay Vanda", "Lim Mony", "ទាំងអស់", "Ny Chakrya",
};

static void
quote (FILE       *out,
       const char *text)
{
  fputc ('"', out);
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        fputc ('"', out);
      fputc (*p, out);
    }
  fputc ('"', out);
}

static int
generate (const char *path,
          guint       rows)
{
  FILE *out = fopen (path, "w");
  GRand *rand = g_rand_new_with_seed (427);

  if (out == NULL)
    return 1;
  fputs ("Timestamp,Email Address,Your name,City,Country,Your message,"
         "Who is your message for?,May we show your name to the detainees and publish it?\r\n", out);
  for (guint i = 0; i < rows; i++)
    {
      guint who = g_rand_int_range (rand, 0, G_N_ELEMENTS (names));
      gboolean km = g_rand_boolean (rand);
      const char *const *texts = km ? khmer : english;
      g_autofree char *message = NULL;

      message = g_strdup_printf ("%s\n%s (%u)", texts[g_rand_int_range (rand, 0, 4)],
                                 texts[g_rand_int_range (rand, 0, 4)], i);
      if (i % 500 == 7)
        message[0] = '\0';  /* a broken row: no message */
      fprintf (out, "2016/%02u/%02u %02u:%02u:%02u,sender%u@example.org,%s,%s,%s,",
               8 + i % 2, 1 + i % 28, i % 24, i % 60, (i / 60) % 60, i, names[who],
               places[who][0], places[who][1]);
      quote (out, message);
      fputc (',', out);
      quote (out, addressees[g_rand_int_range (rand, 0, G_N_ELEMENTS (addressees))]);
      fputs (i % 3 ? ",Yes\r\n" : ",No\r\n", out);
    }
  g_rand_free (rand);
  return fclose (out) == 0 ? 0 : 1;
}

static int
import (const char *campaign_path,
        const char *path)
{
  const char *detainees[][2] = {
    { "Ny Sokha", "នី សុខា" }, { "Yi Soksan", "យី សុខសាន្ត" }, { "Nay Vanda", "ណៃ វណ្ណដា" },
    { "Lim Mony", "លឹម មុន្នី" }, { "Ny Chakrya", "នី ចរិយា" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = sb_campaign_create (campaign_path, "Bench", "PP", &error);
  g_autoptr(SbImporter) importer = NULL;
  g_autoptr(SbImportSummary) summary = NULL;
  gint64 start;

  if (campaign == NULL)
    goto failed;
  for (guint i = 0; i < G_N_ELEMENTS (detainees); i++)
    {
      g_autoptr(SbDetainee) detainee = sb_detainee_new ();

      g_free (detainee->name_en);
      detainee->name_en = g_strdup (detainees[i][0]);
      g_free (detainee->name_km);
      detainee->name_km = g_strdup (detainees[i][1]);
      if (!sb_campaign_add_detainee (campaign, detainee, &error))
        goto failed;
    }
  start = g_get_monotonic_time ();
  importer = sb_importer_new (path, &error);
  if (importer == NULL)
    goto failed;
  summary = sb_importer_run (importer, campaign, FALSE, NULL, NULL, NULL, &error);
  if (summary == NULL)
    goto failed;
  printf ("imported %" G_GUINT64_FORMAT ", duplicates %" G_GUINT64_FORMAT ", rejected %"
          G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " rows in %.3f s\n",
          summary->imported, summary->duplicates, summary->rejected, summary->rows,
          (g_get_monotonic_time () - start) / 1e6);
  sb_campaign_close (campaign);
  return 0;

failed:
  fprintf (stderr, "bench-import: %s\n", error->message);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "generate"))
    return generate (argv[2], atoi (argv[3]));
  if (argc == 4 && g_str_equal (argv[1], "import"))
    return import (argv[2], argv[3]);
  fprintf (stderr, "usage: bench-import generate FILE ROWS | import CAMPAIGN FILE\n");
  return 2;
}
