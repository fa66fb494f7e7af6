#!/usr/bin/python3
# test_coordinator_flow.py — a coordinator takes a delivery batch from draft to handover
#
# Drives the real application through the accessibility tree: on a fresh demo campaign,
# opens Batches, creates a batch for the Police Judiciaire (the New Batch dialog), checks
# its items are listed, seals it, saves the handover manifest as PDF through GTK's save
# dialog, and records the handover in the handover dialog. The PDF must hold the batch's
# code and the detainee's name (pdftotext), and sambot-cli must show the batch handed
# over, by and to whom the form said.
#
# Needs a display, a D-Bus session and the AT-SPI bus (see docs/testing.md); the test
# script provides them. Environment: SAMBOT (the GUI), SAMBOT_CLI.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import time

from sambot_e2e import (Sambot, button, click, demo_campaign, fail, named, remove, run_cli,
                        sensitive, set_text, wait_for, wait_node)

FACILITY = "Police Judiciaire"
DETAINEE = "Ny Chakrya"  # the one person held there
HANDED_BY = "Chea Rithy"
RECEIVED_BY = "Chhay Vuthy"
POSITION = "Duty officer"


def label_starting(prefix, role="label"):
    return lambda n: n.roleName == role and (n.name or "").startswith(prefix)


def main():
    workdir, campaign = demo_campaign()
    before = {b["id"] for b in run_cli(campaign, "batch", "list")}
    manifest = os.path.join(workdir, "manifest.pdf")

    with Sambot(campaign) as app:
        click(wait_node(app.node, named("Batches", "page tab"), "the Batches section"))

        # A new batch for the facility: it fills with the messages waiting there.
        click(wait_node(app.node, button("New Batch…"), "the New Batch button"))
        dialog = wait_node(app.node, named("New Batch", "dialog"), "the New Batch dialog")
        facility = wait_node(dialog, named("Facility", "combo box"), "the facility choice")
        chosen = [n.name for n in facility.findChildren(label_starting(FACILITY), showingOnly=False)]
        if not chosen:
            fail("the New Batch dialog does not offer %s first" % FACILITY)
        print("new batch for: " + chosen[0])
        click(wait_node(dialog, sensitive(button("Create")), "the Create button"))

        # The batch's own heading ("Police Judiciaire · នគរបាល… — 11 items"), not a
        # sealed batch's line in the list ("Police Judiciaire · 39 items · …").
        count = wait_node(app.node, lambda n: label_starting("Police Judiciaire · ")(n) and
                          " — " in n.name, "the new batch's facility and item count")
        print("batch view: " + count.name)
        items = wait_node(app.node, named(DETAINEE + " · នី ចរិយា", "list"), "the batch's items")
        refs = [n.name for n in items.findChildren(lambda n: n.roleName == "list item",
                                                  showingOnly=False)]
        if not refs or "%d items" % len(refs) not in count.name:
            fail("the batch lists %r, but says %r" % (refs, count.name))

        # Seal it.
        click(wait_node(app.node, button("Seal…"), "the Seal button"))
        seal_dialog = wait_node(app.node, named("Seal the Batch?", "dialog"), "the seal dialog")
        click(wait_node(seal_dialog, button("Seal"), "the dialog's Seal button"))
        code = wait_node(app.node, label_starting("PJ-", "heading"), "the sealed batch's code").name
        print("sealed as " + code)

        # The manifest, saved as PDF through the save dialog.
        click(wait_node(app.node, named("Documents", "push button"), "the Documents menu"))
        click(wait_node(app.node, named("Save Manifest as PDF…", "menu item"),
                        "“Save Manifest as PDF…”"))
        chooser = wait_node(app.node, named("Save Manifest as PDF"), "the save dialog")
        # GTK's own dialog (no portal here): a full path in its "Name:" entry.
        set_text(wait_node(chooser, named("Name:", "text"), "the file name entry"), manifest)
        click(wait_node(chooser, sensitive(button("Save")), "the dialog's Save button"))
        wait_for(lambda: os.path.exists(manifest) and
                 subprocess.run(["pdftotext", manifest, "-"], capture_output=True).returncode == 0,
                 "the manifest PDF to be written")
        text = subprocess.run(["pdftotext", manifest, "-"], capture_output=True, text=True).stdout
        if code not in text or DETAINEE not in text:
            fail("the manifest (%d characters) lacks %s or %s" % (len(text), code, DETAINEE))
        print("manifest saved: %d bytes, has the code and %s" % (os.path.getsize(manifest), DETAINEE))

        # The handover, as written on the signed manifest.
        click(wait_node(app.node, button("Hand Over…"), "the Hand Over button"))
        form = app.window("Hand Over")
        fields = {"Date and Time": time.strftime("%Y-%m-%d %H:%M"), "Handed Over By": HANDED_BY,
                  "Received By": RECEIVED_BY, "Position": POSITION}
        for field, value in fields.items():
            # An entry row is named by its title: "Date and Time (2016-10-08 09:30)".
            set_text(wait_node(form, lambda n: n.roleName == "text" and
                               ((n.name or "") == field or (n.name or "").startswith(field + " ")),
                               "the field “%s”" % field), value)
        click(wait_node(form, sensitive(button("Hand Over")), "the dialog's Hand Over button"))
        app.window_gone("Hand Over")

    shown = run_cli(campaign, "batch", "show", code)
    batch = shown["batch"]
    remove(workdir)
    problems = []
    if sorted(item["ref"] for item in shown["items"]) != sorted(refs):
        problems.append("the batch holds %r, the window listed %r"
                        % ([item["ref"] for item in shown["items"]], refs))
    if not batch.get("handed_over_at"):
        problems.append("no handover time")
    if batch.get("id") in before:
        problems.append("the batch shown is not the new one")
    for key, want in (("state", "handed_over"), ("facility", "PJ"), ("handed_by", HANDED_BY),
                      ("received_by", RECEIVED_BY), ("received_position", POSITION)):
        if batch.get(key) != want:
            problems.append("%s is %r, not %r" % (key, batch.get(key), want))
    if problems:
        fail("; ".join(problems))
    print("PASS: %s handed over to %s" % (code, RECEIVED_BY))


if __name__ == "__main__":
    sys.exit(main())
