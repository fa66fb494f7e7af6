#!/usr/bin/python3
# test_syncthing.py — issue 14, "Over Syncthing": two offices' replicas of one campaign,
# each with its own Syncthing instance on 127.0.0.1 (tests/exchange/syncthing_pair.py:
# their own homes, no discovery or relays), sharing the exchange folder.
#
# The coordinating office (PP) makes the campaign and invites the Kampong Cham office
# (KC), which joins it into a second campaign file; PP's exchange folder setting is its
# side of the synced folder, KC names its side with --folder. A postcard typed at PP
# and sent to PP's side of the folder is, within 60 s, in KC's campaign after `exchange receive` on
# KC's side: same reference, same text, same sender. KC approves it and builds a batch
# for Prey Sar with it, and sends; within 60 s PP's campaign has that batch with that
# postcard in it, and the postcard approved. Each time is printed.
#
# Environment: SAMBOT_CLI. Exit 77 (SKIP) only where syncthing is not installed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from syncthing_pair import SKIP, PairError, SyncthingPair

CLI = os.environ.get("SAMBOT_CLI", "")
BUDGET_S = 60

TEXT = "Stay strong, the world has not forgotten you. — from Lyon"
TRANSLATION_KM = "សូមរឹងមាំ ពិភពលោកមិនបានភ្លេចអ្នកទេ។"
PASSPHRASE = "mekong monsoon lotus 2016"


def fail(message):
    print("FAIL: " + message, file=sys.stderr, flush=True)
    sys.exit(1)


def cli(campaign, *args, check=True):
    argv = [CLI]
    if campaign is not None:
        argv += ["--campaign", campaign]
    argv += list(args)
    result = subprocess.run(argv, capture_output=True, text=True, errors="replace", timeout=120)
    if check and result.returncode != 0:
        fail("sambot-cli %s exited %d: %s%s" % (" ".join(args), result.returncode,
                                               result.stderr.strip(), result.stdout.strip()))
    return result


def cli_json(campaign, *args):
    out = cli(campaign, "--json", *args).stdout
    try:
        return json.loads(out)
    except ValueError:
        fail("sambot-cli --json %s wrote no JSON: %r" % (" ".join(args), out))


def make_campaign(path):
    """The coordinating office's campaign: Prey Sar, one detainee there, two offices."""
    cli(None, "init", path, "--name", "#Freethe5KH", "--office-code", "PP",
        "--launch-date", "2016-08-08")
    cli(path, "facility", "add", "--code", "PS", "--name", "Prey Sar prison (CC1)",
        "--name-km", "ពន្ធនាគារព្រៃស", "--kind", "prison", "--items-per-batch", "50")
    cli(path, "detainee", "add", "--name", "Ny Sokha", "--name-km", "នី សុខា",
        "--role", "ADHOC", "--facility", "PS", "--detained-on", "2016-04-28")
    cli(path, "office", "add", "--code", "PP", "--name", "ADHOC Phnom Penh",
        "--city", "Phnom Penh")
    cli(path, "office", "add", "--code", "KC", "--name", "ADHOC Kampong Cham",
        "--city", "Kampong Cham")


def receive_until(campaign, folder, what, seen, by_setting):
    """Runs `exchange receive` on @campaign (through its exchange folder setting, or with
    --folder) until seen() is true; the seconds it took. Fails after BUDGET_S seconds,
    saying what the last receive said."""
    started = time.monotonic()
    last = None
    while True:
        last = cli(campaign, "exchange", "receive",
                   *([] if by_setting else ["--folder", folder]))
        # Syncthing's own files (.stfolder, .syncthing.*.tmp while a file comes in) and a
        # bundle half written are not exchange files: nothing may be refused.
        if "refused" in last.stderr:
            fail("exchange receive refused a file that came through Syncthing: %s"
                 % last.stderr.strip())
        if seen():
            print("exchange receive: %s" % last.stdout.strip(), flush=True)
            return time.monotonic() - started
        if time.monotonic() - started > BUDGET_S:
            listing = sorted(n for n in os.listdir(folder) if not n.startswith("."))
            fail("%s: not there after %d s of `exchange receive` (it last said %r; the "
                 "folder holds %s)" % (what, BUDGET_S, (last.stdout + last.stderr).strip(),
                                       listing))
        time.sleep(0.5)


def message(campaign, ref):
    result = cli(campaign, "--json", "message", "show", ref, check=False)
    return json.loads(result.stdout) if result.returncode == 0 else None


def batch_items(campaign, batch_id):
    result = cli(campaign, "--json", "batch", "show", batch_id, check=False)
    if result.returncode != 0:
        return None
    return [(item["ref"], item["detainee"]) for item in json.loads(result.stdout)["items"]]


def run(pair, work):
    pp = os.path.join(work, "pp.sambot")
    kc = os.path.join(work, "kc.sambot")
    invitation = os.path.join(work, "kc.sambot-invitation")
    passphrase = os.path.join(work, "passphrase")
    with open(passphrase, "w") as f:
        f.write(PASSPHRASE + "\n")

    make_campaign(pp)
    cli(pp, "exchange", "invite", "--office", "KC", "--passphrase-file", passphrase,
        "-o", invitation)
    if not os.path.isfile(invitation):
        fail("exchange invite wrote no invitation at %s" % invitation)
    cli(None, "join", invitation, "--passphrase-file", passphrase, kc)
    if not os.path.isfile(kc):
        fail("join made no campaign file at %s" % kc)
    # PP exchanges through its folder setting (as the app does), KC names the folder
    # each time (--folder).
    cli(pp, "exchange", "folder", pair.folder_a)
    if cli_json(pp, "exchange", "status")["folder"] != pair.folder_a:
        fail("PP's exchange folder is not %s after `exchange folder`" % pair.folder_a)

    # A postcard typed at Phnom Penh.
    typed = cli_json(pp, "message", "add", "--text", TEXT, "--sender", "Anna",
                     "--city", "Lyon", "--country", "FR", "--office", "PP",
                     "--received-on", "2016-09-01", "--to", "Ny Sokha")
    ref = typed["ref"]
    print("typed %s at PP" % ref, flush=True)
    if message(kc, ref) is not None:
        fail("%s is in KC's campaign before anything was exchanged" % ref)
    cli(pp, "exchange", "send")
    sent = time.monotonic()

    seconds = receive_until(kc, pair.folder_b, "%s in KC's campaign" % ref,
                            lambda: message(kc, ref) is not None, by_setting=False)
    print("%s was in KC's campaign %.1f s after PP sent it (%.1f s of receiving)"
          % (ref, time.monotonic() - sent, seconds), flush=True)
    there = message(kc, ref)
    for key, value in (("text", TEXT), ("sender_name", "Anna"), ("sender_city", "Lyon"),
                       ("office", "PP"), ("received_on", "2016-09-01"), ("status", "new")):
        if there.get(key) != value:
            fail("%s in KC's campaign: %s is %r, not %r" % (ref, key, there.get(key), value))
    if [c["detainee"] for c in there["copies"]] != ["Ny Sokha"]:
        fail("%s in KC's campaign is for %s, not Ny Sokha" % (ref, there["copies"]))

    # KC approves it and builds a batch for Prey Sar with it.
    cli(kc, "approve", ref, "--translation-km", TRANSLATION_KM)
    created = cli_json(kc, "batch", "create", "PS")
    batch = created["id"]
    items = batch_items(kc, batch)
    if items != [(ref, "Ny Sokha")]:
        fail("KC's batch for PS holds %s, not %s for Ny Sokha" % (items, ref))
    print("KC built batch %s with %s" % (batch[:8], ref), flush=True)
    if batch_items(pp, batch) is not None:
        fail("batch %s is in PP's campaign before KC sent it" % batch[:8])
    cli(kc, "exchange", "send", "--folder", pair.folder_b)
    sent = time.monotonic()

    seconds = receive_until(pp, pair.folder_a, "KC's batch %s in PP's campaign" % batch[:8],
                            lambda: batch_items(pp, batch) == [(ref, "Ny Sokha")],
                            by_setting=True)
    print("batch %s (with %s) was in PP's campaign %.1f s after KC sent it (%.1f s of "
          "receiving)" % (batch[:8], ref, time.monotonic() - sent, seconds), flush=True)
    batches = cli_json(pp, "batch", "list")
    mine = [b for b in batches if b["id"] == batch]
    if len(mine) != 1 or mine[0]["facility"] != "PS" or mine[0]["state"] != "draft" \
            or mine[0]["items"] != 1:
        fail("PP lists KC's batch as %s, not one draft batch for PS with 1 item" % mine)
    back = message(pp, ref)
    if back["status"] != "approved" or back["translation_km"] != TRANSLATION_KM \
            or back["text"] != TEXT or [c["state"] for c in back["copies"]] != ["in_batch"]:
        fail("%s at PP after KC's batch: status %r, Khmer %r, copies %s" %
             (ref, back["status"], back["translation_km"], back["copies"]))
    print("PP sees %s approved, in KC's batch %s for Prey Sar" % (ref, batch[:8]), flush=True)

    # What the Offices view shows at PP: KC heard from, nothing waiting.
    status = cli_json(pp, "exchange", "status")
    kc_seen = [r for r in status["replicas"] if r["office"] == "KC" and not r["self"]]
    if len(kc_seen) != 1 or not kc_seen[0].get("last_received") \
            or kc_seen[0]["changes_waiting"] != 0 or kc_seen[0].get("waiting_for"):
        fail("PP's exchange status for KC: %s" % status["replicas"])


def main():
    if shutil.which("syncthing") is None:
        print("syncthing is not installed (Debian's package syncthing): skipped")
        return SKIP
    if not CLI:
        fail("SAMBOT_CLI is not set")
    work = tempfile.mkdtemp(prefix="sambot-syncthing-")
    try:
        with SyncthingPair() as pair:
            run(pair, work)
    except PairError as e:
        fail(str(e))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
