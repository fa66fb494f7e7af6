#!/usr/bin/python3
# test_typing_killed.py — the app killed ten times while someone types without a pause
#
# The rounds of tests/e2e/test_typing_killed.py (type into a new postcard, SIGKILL at a
# random moment, everything typed more than a second before the kill kept), ten times
# on the same campaign; after each kill `sambot-cli check` passes and the campaign
# holds exactly one more message than before the round (the card being typed: before
# or after, never anything in between). Seeded; the seed is printed.
#
# Needs the display, D-Bus session and AT-SPI bus of build-aux/run-tests.sh.
# Environment: SAMBOT, SAMBOT_CLI; SAMBOT_TEST_SEED to replay a run.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))

import test_typing_killed as typing  # noqa: E402
from common import assert_sound, fail, remove_campaign, seeded_random, state  # noqa: E402

KILLS = int(sys.argv[1]) if len(sys.argv) > 1 else 10


def main():
    cli = os.environ.get("SAMBOT_CLI")
    if not os.environ.get("SAMBOT") or not cli:
        fail("SAMBOT and SAMBOT_CLI must name the programs")
    if not os.environ.get("DISPLAY"):
        print("SKIP: needs an X11 display (build-aux/run-tests.sh provides one)")
        sys.exit(77)
    workdir = tempfile.mkdtemp(prefix="sambot-typing-")
    campaign = os.path.join(workdir, "campaign.sambot")
    subprocess.run([cli, "init", "--name", "Typing test", "--office-code", "PP", campaign],
                   check=True, capture_output=True)
    # Someone to write to: a campaign without detainees opens Messages on its first steps.
    subprocess.run([cli, "--campaign", campaign, "detainee", "add", "--name", "Ny Sokha"],
                   check=True, capture_output=True)
    rng = seeded_random("typing-killed")
    seen = {"before": 0, "after": 0}
    try:
        for number in range(KILLS):
            before = state(campaign)
            typing.one_round(campaign, rng, number)
            assert_sound(campaign, "round %d" % number)
            now = state(campaign)
            if now == before:
                seen["before"] += 1
            elif now["messages"] == before["messages"] + 1:
                seen["after"] += 1
            else:
                fail("round %d: %d messages before, %d after one new card" %
                     (number, before["messages"], now["messages"]))
    finally:
        remove_campaign(campaign)
        os.rmdir(workdir)
    print("PASS: the app killed %d times mid-typing: check passed every time; the new card "
          "absent %d times, kept %d times, nothing typed more than a second before a kill "
          "lost" % (KILLS, seen["before"], seen["after"]))


if __name__ == "__main__":
    main()
