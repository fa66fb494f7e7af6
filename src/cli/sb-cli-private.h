/* sb-cli-private.h — what the files of sambot-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sb-campaign.h"
#include "sb-cli.h"

G_BEGIN_DECLS

/* Exit statuses. */
#define SB_CLI_EXIT_OK     0
#define SB_CLI_EXIT_FAILED 1  /* the user asked for something the campaign refuses */
#define SB_CLI_EXIT_USAGE  2  /* the command line itself is wrong */

#define SB_CLI_ERROR (_sb_cli_error_quark ())

typedef enum
{
  SB_CLI_ERROR_USAGE,   /* exit 2, with a hint to --help */
  SB_CLI_ERROR_FAILED,  /* exit 1 */
} SbCliError;

/* Options every command accepts, before or after its name. */
typedef struct
{
  char     *campaign_path;
  char     *operator_name;
  gboolean  json;
  gboolean  help;
  gboolean  version;
} SbCliGlobals;

typedef struct
{
  SbCliGlobals  top;       /* given before the command */
  SbCliGlobals  command;   /* given after it */
  const char   *name;      /* "message add", for messages and --help */
  gboolean      json;      /* either of the two --json */
} SbCli;

typedef int (*SbCliCommandFunc) (SbCli  *cli,
                                 int     argc,
                                 char  **argv);

/* sb-cli.c */
GQuark      _sb_cli_error_quark     (void);
gboolean    _sb_cli_parse           (SbCli              *cli,
                                     const char         *parameters,
                                     const char         *summary,
                                     const GOptionEntry *entries,
                                     int                *argc,
                                     char             ***argv,
                                     int                *status);
gboolean    _sb_cli_check_arguments (SbCli              *cli,
                                     int                 argc,
                                     char              **argv,
                                     int                 min,
                                     int                 max,
                                     const char         *missing,
                                     int                *status);
gboolean    _sb_cli_require         (SbCli              *cli,
                                     const char         *value,
                                     const char         *option,
                                     int                *status);
void        _sb_cli_set             (char              **field,
                                     const char         *value);
void        _sb_cli_set_optional    (char              **field,
                                     const char         *value);
int         _sb_cli_fail            (SbCli              *cli,
                                     GError             *error);
int         _sb_cli_usage           (SbCli              *cli,
                                     const char         *format,
                                     ...) G_GNUC_PRINTF (2, 3);
const char *_sb_cli_campaign_path   (SbCli              *cli);
SbCampaign *_sb_cli_open            (SbCli              *cli,
                                     gboolean            read_only,
                                     GError            **error);

/* sb-cli-output.c */
typedef struct _SbCliTable SbCliTable;

SbCliTable *_sb_cli_table_new       (guint               n_columns,
                                     ...);
void        _sb_cli_table_add       (SbCliTable         *table,
                                     ...);
void        _sb_cli_table_add_field (SbCliTable         *table,
                                     const char         *label,
                                     const char         *value);
void        _sb_cli_table_print     (SbCliTable         *table);
void        _sb_cli_table_free      (SbCliTable         *table);
gsize       _sb_cli_display_width   (const char         *text);
char       *_sb_cli_format_int      (gint64              n);
void        _sb_cli_print_json      (JsonBuilder        *builder);
void        _sb_cli_json_string     (JsonBuilder        *builder,
                                     const char         *member,
                                     const char         *value);
void        _sb_cli_json_int        (JsonBuilder        *builder,
                                     const char         *member,
                                     gint64              value);
void        _sb_cli_json_bool       (JsonBuilder        *builder,
                                     const char         *member,
                                     gboolean            value);
const char *_sb_cli_describe_status (const char         *status);
const char *_sb_cli_describe_copy_state (const char     *state);
const char *_sb_cli_describe_channel (const char        *channel);
char       *_sb_cli_read_text_file  (const char         *path,
                                     GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCliTable, _sb_cli_table_free)

/* Lookups shared by several commands (sb-cli-lookup.c). */
GHashTable *_sb_cli_facility_codes  (SbCampaign         *campaign,
                                     GError            **error);
GHashTable *_sb_cli_office_codes    (SbCampaign         *campaign,
                                     GError            **error);
GHashTable *_sb_cli_detainee_names  (SbCampaign         *campaign,
                                     GError            **error);
GPtrArray  *_sb_cli_resolve_detainees (SbCampaign       *campaign,
                                       const char *const *names,
                                       gboolean          all,
                                       GError          **error);
const char *_sb_cli_lookup          (GHashTable         *table,
                                     const char         *id);

/* sb-cli-message.c: what several commands print about a message. */
void        _sb_cli_add_message_json (JsonBuilder       *builder,
                                      const SbMessage   *message,
                                      GHashTable        *office_codes,
                                      gboolean           with_contact);
gboolean    _sb_cli_print_message   (SbCli              *cli,
                                     SbCampaign         *campaign,
                                     const SbMessage    *message,
                                     GError            **error);

/* The commands, one file per group. */
int _sb_cli_init              (SbCli *cli, int argc, char **argv);
int _sb_cli_demo              (SbCli *cli, int argc, char **argv);
int _sb_cli_stats             (SbCli *cli, int argc, char **argv);
int _sb_cli_check             (SbCli *cli, int argc, char **argv);
int _sb_cli_backup            (SbCli *cli, int argc, char **argv);
int _sb_cli_restore           (SbCli *cli, int argc, char **argv);
int _sb_cli_settings          (SbCli *cli, int argc, char **argv);

int _sb_cli_facility_add      (SbCli *cli, int argc, char **argv);
int _sb_cli_facility_list     (SbCli *cli, int argc, char **argv);
int _sb_cli_facility_edit     (SbCli *cli, int argc, char **argv);

int _sb_cli_detainee_add      (SbCli *cli, int argc, char **argv);
int _sb_cli_detainee_list     (SbCli *cli, int argc, char **argv);
int _sb_cli_detainee_show     (SbCli *cli, int argc, char **argv);
int _sb_cli_detainee_edit     (SbCli *cli, int argc, char **argv);

int _sb_cli_office_add        (SbCli *cli, int argc, char **argv);
int _sb_cli_office_list       (SbCli *cli, int argc, char **argv);
int _sb_cli_office_edit       (SbCli *cli, int argc, char **argv);

int _sb_cli_message_add       (SbCli *cli, int argc, char **argv);
int _sb_cli_message_list      (SbCli *cli, int argc, char **argv);
int _sb_cli_message_show      (SbCli *cli, int argc, char **argv);
int _sb_cli_message_edit      (SbCli *cli, int argc, char **argv);
int _sb_cli_message_search    (SbCli *cli, int argc, char **argv);
int _sb_cli_message_transcribed (SbCli *cli, int argc, char **argv);
int _sb_cli_message_forget_sender (SbCli *cli, int argc, char **argv);

int _sb_cli_assign            (SbCli *cli, int argc, char **argv);
int _sb_cli_approve           (SbCli *cli, int argc, char **argv);
int _sb_cli_hold              (SbCli *cli, int argc, char **argv);
int _sb_cli_history           (SbCli *cli, int argc, char **argv);


G_END_DECLS
