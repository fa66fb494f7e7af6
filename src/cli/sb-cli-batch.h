/* sb-cli-batch.h — sambot-cli batch …, manifest, cards, verify-manifest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-cli-private.h"

G_BEGIN_DECLS

int _sb_cli_batch_create     (SbCli *cli, int argc, char **argv);
int _sb_cli_batch_add        (SbCli *cli, int argc, char **argv);
int _sb_cli_batch_remove     (SbCli *cli, int argc, char **argv);
int _sb_cli_batch_seal       (SbCli *cli, int argc, char **argv);
int _sb_cli_batch_handover   (SbCli *cli, int argc, char **argv);
int _sb_cli_batch_outcome    (SbCli *cli, int argc, char **argv);
int _sb_cli_batch_close      (SbCli *cli, int argc, char **argv);
int _sb_cli_batch_reasons    (SbCli *cli, int argc, char **argv);
int _sb_cli_batch_list       (SbCli *cli, int argc, char **argv);
int _sb_cli_batch_show       (SbCli *cli, int argc, char **argv);
int _sb_cli_manifest         (SbCli *cli, int argc, char **argv);
int _sb_cli_cards            (SbCli *cli, int argc, char **argv);
int _sb_cli_verify_manifest  (SbCli *cli, int argc, char **argv);

int _sb_cli_open_batch       (SbCli       *cli,
                              const char  *name,
                              gboolean     read_only,
                              SbCampaign **campaign,
                              SbBatch    **batch);

G_END_DECLS
