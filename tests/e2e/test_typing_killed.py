#!/usr/bin/python3
# test_typing_killed.py — a volunteer types without a pause and the app is killed
#
# Runs the real application on a campaign of its own, presses New Postcard and types
# into the message text, key after key through the X server (XTest, by the AT-SPI
# registry), never pausing long enough for a "half a second after the last key"
# save. At a moment chosen at random it kills the app with SIGKILL, then reads the
# message with sambot-cli: everything typed more than a second before the kill must
# be there (the editor saves at least every second while someone types,
# src/gui/sb-message-editor.c). Four rounds.
#
# Needs a display, a D-Bus session and the AT-SPI bus (see docs/testing.md); the test
# script provides them. Environment: SAMBOT (the GUI), SAMBOT_CLI.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import random
import signal
import subprocess
import tempfile
import time

# Before dogtail: turns accessibility on, configures dogtail.
from sambot_e2e import Sambot, click, fail, find, find_named, remove, run_cli, text_of, wait_for

import pyatspi  # noqa: E402
from dogtail import rawinput  # noqa: E402

PHRASE = "we are with you every day and we will not stop until you are free "
ROUNDS = 4
# A steady typist: a key every 60 to 160 ms, never the half second a debounce needs.
KEY_GAP = (0.06, 0.16)


def press(char):
    keysym = 0x20 if char == " " else ord(char)
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


def reference_shown(app):
    return find(app, name="Reference code").children[0].name


def one_round(campaign, rng, number):
    with Sambot(campaign) as sambot:
        app = sambot.node
        click(find(app, name="Messages"))
        # The section's editor: find() waits for it (dogtail retries).
        find(app, name="Reference code")
        # The card the app opened on: the last round's, still to be typed.
        before = reference_shown(app)
        click(find(app, name="New Postcard", role="push button"))
        ref = wait_for(lambda: (lambda r: r if r and r != before else None)(reference_shown(app)),
                       "the new postcard's reference")
        # The new card's text has the keyboard focus; the pointer rests on it too.
        message_text = find_named(app, "Message text", "text")
        x, y = message_text.position
        w, h = message_text.size
        rawinput.absoluteMotion(x + w // 2, y + h // 2)
        wait_for(lambda: message_text.focused, "the keyboard focus in the message text")

        # The first keys arrive before the clock starts.
        typed = []
        sent_at = []
        for char in PHRASE[:3]:
            press(char)
            typed.append(char)
            sent_at.append(time.monotonic())
            time.sleep(0.1)  # a person's pace, not a wait for the app
        wait_for(lambda: len(text_of(message_text)) >= 3, "the first keys in the message text", 10)

        kill_after = rng.uniform(3.0, 7.0)
        start = time.monotonic()
        i = 3
        while time.monotonic() - start < kill_after:
            char = PHRASE[i % len(PHRASE)]
            press(char)
            typed.append(char)
            sent_at.append(time.monotonic())
            i += 1
            time.sleep(rng.uniform(*KEY_GAP))
        killed_at = time.monotonic()
        os.kill(sambot.process.pid, signal.SIGKILL)
        sambot.process.wait()

    saved = run_cli(campaign, "message", "show", ref)["text"]
    text = "".join(typed)
    must_have = sum(1 for t in sent_at if t <= killed_at - 1.0)
    if not text.startswith(saved):
        fail("round %d: %s holds %r, which is not what was typed (%r)" % (number, ref, saved, text))
    if len(saved) < must_have:
        fail("round %d: killed after %.1f s of typing, %s kept %d characters; the %d typed "
             "more than a second before the kill should be there" %
             (number, killed_at - start, ref, len(saved), must_have))
    lost_for = killed_at - sent_at[len(saved)] if len(saved) < len(typed) else 0.0
    print("round %d: %s: %d keys typed, killed after %.1f s; %d kept, the oldest key lost "
          "was typed %.2f s before the kill" %
          (number, ref, len(typed), killed_at - start, len(saved), lost_for))


def main():
    cli = os.environ.get("SAMBOT_CLI")
    if not os.environ.get("SAMBOT") or not cli:
        fail("SAMBOT and SAMBOT_CLI must name the programs")
    workdir = tempfile.mkdtemp(prefix="sambot-e2e-")
    campaign = os.path.join(workdir, "campaign.sambot")
    subprocess.run([cli, "init", "--name", "Typing test", "--office-code", "PP", campaign],
                   check=True, capture_output=True)
    # Someone to write to: a campaign without detainees opens Messages on its first steps.
    subprocess.run([cli, "--campaign", campaign, "detainee", "add", "--name", "Ny Sokha"],
                   check=True, capture_output=True)
    rng = random.Random(int(os.environ.get("SAMBOT_TEST_SEED", str(int(time.time())))))
    try:
        for number in range(ROUNDS):
            one_round(campaign, rng, number)
    finally:
        remove(workdir)
    print("PASS: %d rounds killed mid-typing, nothing typed more than a second before "
          "the kill was lost" % ROUNDS)


if __name__ == "__main__":
    main()
