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

# Before dogtail: turns accessibility on, configures dogtail.
from sambot_e2e import Sambot, demo_campaign, fail, find, find_named, run_cli, text_of, wait_for
from sambot_e2e import click

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
    return wait_for(lambda: next((node for node in bar.findChildren(
                                      lambda n: n.roleName == "push button", showingOnly=False)
                                  if label in (node.name or "").replace("_", "")), None),
                    "the %s button" % label)


def reference_shown(app):
    return find(app, name="Reference code").children[0].name


def main():
    workdir, campaign = demo_campaign()
    sambot = Sambot(campaign).__enter__()
    try:
        app = sambot.node

        # The Messages section.
        click(find(app, name="Messages"))

        # A new postcard.
        before = reference_shown(app)
        click(find(app, name="New Postcard", role="push button"))
        ref = wait_for(lambda: (lambda r: r if r and r != before else None)(reference_shown(app)),
                       "the new postcard's reference code")
        print("new postcard: " + ref)

        message_text = find_named(app, "Message text", "text")
        message_text.queryEditableText().setTextContents(KHMER_TEXT)
        sender = find(app, name="Sender", role="text")
        sender.queryEditableText().setTextContents(SENDER)
        for name in ADDRESSEES:
            click(find(app, name=name, role="push button"))
        wait_for(lambda: sorted(c["detainee"] for c in
                                run_cli(campaign, "message", "show", ref)["copies"]) == sorted(ADDRESSEES),
                 "the card addressed to %s, saved" % " and ".join(ADDRESSEES))

        # Done: it goes to review, and the next card to type opens.
        click(find_action_button(app, "Done, Next"))
        wait_for(lambda: reference_shown(app) != ref, "Done, Next to open the next card")
        wait_for(lambda: run_cli(campaign, "message", "show", ref)["status"] == "transcribed",
                 "the card transcribed after Done, Next")

        # The reviewer finds the card by its reference and approves it with a translation.
        search = find(app, name="Search messages", role="entry")
        search.queryEditableText().setTextContents(ref)
        click(find(app, name=ref, role="label"))
        wait_for(lambda: reference_shown(app) == ref, "the card found by its reference to open")
        translation = find_named(app, "English translation", "text")
        translation.queryEditableText().setTextContents(TRANSLATION)
        wait_for(lambda: text_of(translation) == TRANSLATION, "the translation in its field")
        click(find_action_button(app, "Approve"))
        wait_for(lambda: run_cli(campaign, "message", "show", ref)["status"] == "approved",
                 "the card approved")
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
