#!/usr/bin/python3
# test_volunteer_flow.py — a volunteer types a postcard, a reviewer approves it
#
# Drives the real application through the accessibility tree, as a person (or a
# screen reader) would: opens a campaign, creates a postcard, types a Khmer message
# and a sender, addresses it to two detainees, presses "Done, Next", then as a
# reviewer finds the card, adds a translation and approves it. The result is checked
# with sambot-cli.
#
# Needs a display, a D-Bus session and the AT-SPI bus (see TESTING.md); the test
# script provides them. Environment: SAMBOT (the GUI), SAMBOT_CLI.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from gi.repository import Gio

# dogtail refuses to start unless accessibility is on; with the memory backend the
# setting lives in this process only, and the application reads its own copy.
Gio.Settings.new("org.gnome.desktop.interface").set_boolean("toolkit-accessibility", True)

from dogtail import config, predicate, rawinput  # noqa: E402
from dogtail.tree import root  # noqa: E402

config.searchShowingOnly = True
config.defaultDelay = 0.3
config.actionDelay = 0.3
config.typingDelay = 0.05
config.logDebugToFile = False
config.searchCutoffCount = 30

KHMER_TEXT = "សូមឱ្យបងៗមានសុខភាពល្អ និងរឹងមាំ។ យើងនៅជាមួយអ្នកជានិច្ច!"
SENDER = "Sokunthea Chan"
TRANSLATION = "Wishing you good health and strength. We are always with you!"
ADDRESSEES = ["Ny Sokha", "Lim Mony"]


def fail(message):
    shot = os.path.join(tempfile.gettempdir(), "sambot-e2e-failure.png")
    subprocess.run(["import", "-window", "root", shot], check=False)
    print("FAIL: %s (screen: %s)" % (message, shot))
    sys.exit(1)


def find(parent, name=None, role=None, retry=True):
    return parent.findChild(predicate.GenericPredicate(name=name, roleName=role),
                            retry=retry, requireResult=True)


def find_named(parent, prefix, role):
    """Text views are named by their label and by the mnemonic label above them."""
    return parent.findChild(lambda n: n.roleName == role and (n.name or "").startswith(prefix),
                            retry=True, requireResult=True)


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


def text_of(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)


def click(node):
    try:
        node.doActionNamed("click")
    except Exception:
        node.click()
    time.sleep(0.4)


def run_cli(campaign, *args):
    cli = os.environ["SAMBOT_CLI"]
    result = subprocess.run([cli, "--campaign", campaign, "--json", *args],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main():
    gui = os.environ.get("SAMBOT")
    cli = os.environ.get("SAMBOT_CLI")
    if not gui or not cli:
        fail("SAMBOT and SAMBOT_CLI must name the programs")

    workdir = tempfile.mkdtemp(prefix="sambot-e2e-")
    campaign = os.path.join(workdir, "campaign.sambot")
    subprocess.run([cli, "--campaign", campaign, "demo"], check=True, capture_output=True)

    env = dict(os.environ, GSETTINGS_BACKEND="memory", GDK_BACKEND="x11",
               LANGUAGE="en", NO_AT_BRIDGE="0", GTK_A11Y="atspi")
    app_process = subprocess.Popen([gui, campaign], env=env)
    try:
        app = None
        for _ in range(60):
            try:
                app = root.application("sambot")
                break
            except Exception:
                time.sleep(0.5)
        if app is None:
            fail("the application did not appear on the accessibility bus")
        time.sleep(2)

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
        app_process.terminate()
        try:
            app_process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app_process.kill()

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
