#!/usr/bin/python3
# test_killed.py — sambot-cli killed with SIGKILL at random moments of an import or a
# batch seal
#
#   test_killed.py import|seal [KILLS]
#
# Each round starts from the same campaign (the demo), runs the command, and kills it
# after a random delay (seeded; the seed is printed): from a few microseconds, before
# the program has opened anything, to a little longer than the command takes in full.
# Afterwards `sambot-cli check` must pass and what a person counts (stats --json, the
# messages, the batches and their state) must be exactly the campaign before the
# command or after it: an import is all or nothing, a batch is sealed with its digest
# or still a draft.
#
# Environment: SAMBOT_CLI; SAMBOT_TEST_SEED to replay a run.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import signal
import subprocess
import sys
import time

from common import (CLI, assert_sound, cli, copy_campaign, demo, fail, remove_campaign,
                    seeded_random, state, workdir, write_export)


def prepare_import(dir):
    base = os.path.join(dir, "base.sambot")
    demo(base)
    export = write_export(os.path.join(dir, "big.csv"), 3000)
    return base, ["import", export]


def prepare_seal(dir):
    base = os.path.join(dir, "base.sambot")
    demo(base)
    out = cli(base, "batch", "create", "PS").stdout
    # "Draft batch 01a242c2 created with 100 items."
    batch = out.split()[2]
    cli(base, "check")
    for suffix in ("-wal", "-shm"):
        if os.path.exists(base + suffix):
            os.unlink(base + suffix)
    return base, ["batch", "seal", batch]


def same(a, b):
    # The seal's time is in no figure compared; everything else must match exactly.
    return a == b


def main():
    mode = sys.argv[1]
    kills = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    if not CLI:
        fail("SAMBOT_CLI must name sambot-cli")
    rng = seeded_random("killed-" + mode)
    dir = workdir("killed-" + mode)
    base, args = (prepare_import if mode == "import" else prepare_seal)(dir)
    campaign = os.path.join(dir, "campaign.sambot")

    # The two states allowed, and how long the command takes uninterrupted.
    before = state(base)
    copy_campaign(base, campaign)
    start = time.monotonic()
    cli(campaign, *args)
    full = time.monotonic() - start
    after = state(campaign)
    if same(before, after):
        fail("the %s changed nothing: the test would prove nothing" % mode)
    print("%s: uninterrupted it takes %.3f s; %d messages before, %d after" %
          (mode, full, before["messages"], after["messages"]), flush=True)

    seen = {"before": 0, "after": 0}
    finished = 0
    round = 0
    while round - finished < kills and round < 3 * kills:
        copy_campaign(base, campaign)
        # A third of the kills in the first 20 ms (start-up, opening the file), the rest
        # anywhere before the end (a run that finished anyway is not counted as a kill).
        if rng.random() < 1 / 3:
            delay = rng.uniform(0.000005, 0.02)
        else:
            delay = rng.uniform(0.0, full)
        process = subprocess.Popen([CLI, "--campaign", campaign] + args,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        status = process.wait()
        if status != -signal.SIGKILL:
            finished += 1
        assert_sound(campaign, "round %d (killed after %.6f s)" % (round, delay))
        now = state(campaign)
        if same(now, before):
            seen["before"] += 1
            label = "before"
        elif same(now, after):
            seen["after"] += 1
            label = "after"
        else:
            fail("round %d: killed after %.6f s, the campaign is neither as before nor as "
                 "after the %s: %d messages (%d before, %d after), batches %r (before %r, "
                 "after %r)" % (round, delay, mode, now["messages"], before["messages"],
                                after["messages"], now["batches"], before["batches"],
                                after["batches"]))
        print("round %d: killed after %.6f s%s: sound, state %s" %
              (round, delay, " (it had already finished)" if status != -signal.SIGKILL else "",
               label), flush=True)
        round += 1

    if round - finished < kills:
        fail("only %d of %d runs were killed before they finished" % (round - finished, round))
    remove_campaign(campaign)
    remove_campaign(base)
    for name in os.listdir(dir):
        os.unlink(os.path.join(dir, name))
    os.rmdir(dir)
    print("PASS: %s killed %d times (%d had finished first): check passed every time; "
          "state before %d times, after %d times, in between never" %
          (mode, round - finished, finished, seen["before"], seen["after"]))


if __name__ == "__main__":
    main()
