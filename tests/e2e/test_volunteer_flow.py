#!/usr/bin/python3
# test_volunteer_flow.py — a volunteer types a postcard, a reviewer approves it
#
# Drives the real application through the accessibility tree, as a person (or a
# screen reader) would: opens a campaign, creates a postcard, types a Khmer message
# and a sender, addresses it to two detainees, presses "Done, Next", then as a
# reviewer finds the card, adds a translation and approves it. The result is checked
# with sambot-cli.
#
# Needs a display, a D-Bus session and the AT-SPI bus (see docs/testing.md); the test
# script provides them. Environment: SAMBOT (the GUI), SAMBOT_CLI.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import shutil
import time

# Before dogtail: turns accessibility on, configures dogtail.
from sambot_e2e import Sambot, demo_campaign, fail, find, find_named, run_cli
from sambot_e2e import click as press

KHMER_TEXT = "សូមឱ្យបងៗមានសុខភាពល្អ និងរឹងមាំ។ យើងនៅជាមួយអ្នកជានិច្ច!"
SENDER = "Sokunthea Chan"
TRANSLATION = "Wishing you good health and strength. We are always with you!"
ADDRESSEES = ["Ny Sokha", "Lim Mony"]


def find_action_button(app, label):
    """A button of the editor's action bar. GTK 4.8 names a labelled button by its
    mnemonic label and its text: "_Done, Next Done, Next"."""
    bar = find(app, name="Delete Message", role="push button")
    for _ in range(3):
        bar = bar.parent
    for _ in range(20):
        for node in bar.findChildren(lambda n: n.roleName == "push button", showingOnly=False):
            if label in (node.name or "").replace("_", ""):
                return node
        time.sleep(0.5)
    fail("no %s button" % label)


def reference_shown(app):
    return find(app, name="Reference code").children[0].name


def click(node):
    press(node)
    time.sleep(0.4)


def main():
    workdir, campaign = demo_campaign()
    sambot = Sambot(campaign).__enter__()
    try:
        app = sambot.node

        # The Messages section.
        click(find(app, name="Messages"))

        # A new postcard.
        click(find(app, name="New Postcard", role="push button"))
        time.sleep(1)
        ref = reference_shown(app)
        if not ref:
            fail("the new postcard has no reference code")
        print("new postcard: " + ref)

        message_text = find_named(app, "Message text", "text")
        message_text.queryEditableText().setTextContents(KHMER_TEXT)
        sender = find(app, name="Sender", role="text")
        sender.queryEditableText().setTextContents(SENDER)
        for name in ADDRESSEES:
            click(find(app, name=name, role="push button"))
        time.sleep(1)

        # Done: it goes to review, and the next card to type opens.
        click(find_action_button(app, "Done, Next"))
        time.sleep(1.5)
        shown = reference_shown(app)
        if shown == ref:
            fail("Done, Next did not open the next card")
        state = run_cli(campaign, "message", "show", ref)
        if state["status"] != "transcribed":
            fail("after Done, Next the card is %s, not transcribed" % state["status"])

        # The reviewer finds the card by its reference and approves it with a translation.
        search = find(app, name="Search messages", role="entry")
        search.queryEditableText().setTextContents(ref)
        time.sleep(1.5)
        click(find(app, name=ref, role="label"))
        time.sleep(1)
        if reference_shown(app) != ref:
            fail("the card found by its reference did not open")
        translation = find_named(app, "English translation", "text")
        translation.queryEditableText().setTextContents(TRANSLATION)
        time.sleep(0.5)
        click(find_action_button(app, "Approve"))
        time.sleep(1.5)
    finally:
        sambot.__exit__()

    # What the campaign file says, through the command line.
    message = run_cli(campaign, "message", "show", ref)
    problems = []
    if message["status"] != "approved":
        problems.append("status is %s" % message["status"])
    if message["text"] != KHMER_TEXT:
        problems.append("text is %r" % message["text"])
    if message["language"] != "km":
        problems.append("language is %r" % message["language"])
    if message["sender_name"] != SENDER:
        problems.append("sender is %r" % message["sender_name"])
    if message["translation_en"] != TRANSLATION:
        problems.append("English translation is %r" % message["translation_en"])
    addressees = sorted(copy["detainee"] for copy in message["copies"])
    if addressees != sorted(ADDRESSEES):
        problems.append("addressees are %r" % addressees)
    if any(copy["state"] != "waiting" for copy in message["copies"]):
        problems.append("copies are not waiting for a batch: %r" % message["copies"])
    shutil.rmtree(workdir, ignore_errors=True)
    if problems:
        fail("; ".join(problems))
    print("PASS: %s approved with %d copies" % (ref, len(message["copies"])))


if __name__ == "__main__":
    main()
