#!/usr/bin/python3
# test_import_flow.py — a volunteer imports a web-form export through the assistant
#
# Drives the real application through the accessibility tree: on a fresh demo campaign,
# opens Messages, then "Import Messages…" from the main menu, chooses
# tests/import/google-forms.csv in GTK's own file chooser (typed into its location
# entry), checks the guessed columns and the preview, imports, reads the result, closes,
# and finds an imported sender in the message list. The campaign file is then checked
# with sambot-cli: exactly four messages more, online and transcribed. Importing the same
# file a second time must add nothing and say so.
#
# Needs a display, a D-Bus session and the AT-SPI bus (see docs/testing.md); the test
# script provides them. Environment: SAMBOT (the GUI), SAMBOT_CLI.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

from sambot_e2e import (Sambot, button, click, demo_campaign, fail, named, query, rawinput,
                        remove, run_cli, sensitive, set_text, wait_for, wait_node)

EXPORT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "import",
                      "google-forms.csv")
SENDERS = ["Anna Schmidt", "សុខ សុភា", "Marie Dubois", "John Smith"]
# What the assistant should guess for some of the form's columns.
GUESSED = {"Your name": "Sender’s name", "Your message": "Message",
           "Who is your message for?": "Addressees", "Timestamp": "Date received"}


def labels_under(node):
    return [n.name or "" for n in node.findChildren(lambda n: n.roleName == "label",
                                                   showingOnly=False)]


def open_assistant(app):
    click(wait_node(app.node, named("Main Menu"), "the main menu button"))
    click(wait_node(app.node, named("Import Messages…", "menu item"), "“Import Messages…”"))
    return app.window("Import Messages")


def choose_file(app, assistant, path):
    click(wait_node(assistant, button("Choose File…"), "“Choose File…”"))
    chooser = wait_node(app.node, named("Choose a Form Export"), "the file chooser")
    # GTK's own chooser (no portal here): Ctrl+L shows its location entry.
    entry = wait_for(lambda: (rawinput.keyCombo("<Control>l"),
                              query(chooser, named("GtkFileChooserEntry", "text")))[1],
                     "the file chooser's location entry")
    set_text(entry, path)
    click(wait_node(chooser, sensitive(button("Open")), "the chooser's Open button"))


def import_and_read_result(assistant):
    """Presses Import; returns (title, text) of the result page."""
    click(wait_node(assistant, sensitive(button("Import")), "the Import button"))
    # Not the title bar's Close: the one beside the result's text.
    close = wait_node(assistant, lambda n: button("Close")(n) and labels_under(n.parent),
                      "the result page's Close button")
    texts = labels_under(close.parent)
    # The result page's title: the only page with one of these.
    titles = [t for t in labels_under(assistant)
              if t in ("Messages Imported", "No New Messages", "Some Rows Not Imported")]
    return (titles[0] if titles else ""), "\n".join(texts), close


def main():
    export = os.path.realpath(EXPORT)
    workdir, campaign = demo_campaign()
    before = run_cli(campaign, "stats")["messages_received"]
    before_refs = {m["ref"] for m in run_cli(campaign, "message", "list")}

    with Sambot(campaign) as app:
        click(wait_node(app.node, named("Messages", "page tab"), "the Messages section"))

        # First import: the columns are guessed and four rows previewed.
        assistant = open_assistant(app)
        choose_file(app, assistant, export)
        for column, field in GUESSED.items():
            combo = wait_node(assistant, named(column, "combo box"), "the column “%s”" % column)
            shown = labels_under(combo)
            if field not in shown:
                fail("column “%s” is guessed as %r, not “%s”" % (column, shown, field))
        preview = wait_node(assistant, lambda n: n.roleName == "label"
                            and (n.name or "").startswith("The first "), "the preview's summary")
        if preview.name != "The first 4 rows as they will be imported; 0 with a problem.":
            fail("the preview says %r" % preview.name)
        table = wait_node(assistant, named("Preview of the first rows"), "the preview table")
        cells = labels_under(table)
        for sender in SENDERS:
            if sender not in cells:
                fail("the preview does not show %s: %r" % (sender, cells))
        print("mapping page: columns guessed, 4 rows previewed")

        title, text, close = import_and_read_result(assistant)
        if title != "Messages Imported" or "4 new messages, ready for review." not in text:
            fail("the first import says %r / %r" % (title, text))
        print("first import: %s — %s" % (title, text.replace("\n", " ")))
        click(close)
        app.window_gone("Import Messages")

        # The message list shows an imported sender (found by the search, as a person would).
        search = wait_node(app.node, named("Search messages", "entry"), "the search entry")
        set_text(search, "Marie Dubois")
        # A row's second line: "Marie Dubois · French → Ny Sokha, Lim Mony".
        wait_node(app.node, lambda n: n.roleName == "label"
                  and (n.name or "").startswith("Marie Dubois · "), "Marie Dubois in the message list")
        print("message list: Marie Dubois is there")

        # The same file again: nothing new, and the assistant says so.
        assistant = open_assistant(app)
        choose_file(app, assistant, export)
        wait_node(assistant, lambda n: (n.name or "").startswith("The first "), "the preview")
        title, text, close = import_and_read_result(assistant)
        if title != "No New Messages" or "4 rows imported before, skipped." not in text:
            fail("the second import says %r / %r" % (title, text))
        print("second import: %s — %s" % (title, text.replace("\n", " ")))
        click(close)
        app.window_gone("Import Messages")

    # From outside: exactly four more, online, transcribed, from the form's senders.
    after = run_cli(campaign, "stats")["messages_received"]
    new = [m for m in run_cli(campaign, "message", "list") if m["ref"] not in before_refs]
    remove(workdir)
    problems = []
    if after - before != 4 or len(new) != 4:
        problems.append("%d messages more (%d new references), not 4" % (after - before, len(new)))
    for m in new:
        if m["channel"] != "online" or m["status"] != "transcribed":
            problems.append("%s is %s/%s" % (m["ref"], m["channel"], m["status"]))
    if sorted(m["sender_name"] for m in new) != sorted(SENDERS):
        problems.append("senders are %r" % [m["sender_name"] for m in new])
    if problems:
        fail("; ".join(problems))
    print("PASS: 4 online messages imported once (%s)" % ", ".join(sorted(m["ref"] for m in new)))


if __name__ == "__main__":
    sys.exit(main())
