#!/usr/bin/python3
# test_day_one_flow.py — a campaign's first day, from the welcome page to a manifest
#
# Drives the real application through the accessibility tree as a coordinator would on
# the first day, with nothing but the app: started for the first time (the welcome
# page), creates a campaign, adds the prison, two detainees held there and a partner
# office, types a postcard for both, approves it with its Khmer translation, makes a
# batch for the prison, seals it and saves its manifest as PDF. The PDF must hold the
# message's reference and the detainees' names (pdftotext); sambot-cli then reads the
# campaign file the window wrote.
#
# Runs in the interface language given as its argument or in SAMBOT_E2E_LANGUAGE ("en"
# by default, "km" for Khmer): every label it looks for is read from the build's
# catalogue (SAMBOT_LOCALEDIR) and GTK's, as a person would see it.
#
# Needs a display, a D-Bus session and the AT-SPI bus (see docs/testing.md); the test
# script provides them. Environment: SAMBOT (the GUI), SAMBOT_CLI, SAMBOT_LOCALEDIR.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import gettext
import os

import pyatspi
import subprocess
import sys
import tempfile

from sambot_e2e import (Sambot, click, fail, query, rawinput, remove, run_cli, sensitive, set_text,
                        wait_for, wait_node)

LANGUAGE = (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SAMBOT_E2E_LANGUAGE", "en"))

CAMPAIGN_NAME = "#Freethe5KH solidarity"
PRISON = {"English Name": "Prey Sar Prison", "Khmer Name": "ពន្ធនាគារព្រៃស", "Code": "PS"}
DETAINEES = [
    {"English Name": "Ny Sokha", "Khmer Name": "នី សុខា", "Detained On": "2016-04-28"},
    {"English Name": "Lim Mony", "Khmer Name": "លឹម មុន្នី", "Detained On": "2016-04-28"},
]
OFFICE = {"Name": "Phnom Penh office", "Code": "PP", "City": "Phnom Penh"}
TEXT = "Stay strong, the world has not forgotten you."
TRANSLATION = "សូមរឹងមាំ ពិភពលោកមិនបានភ្លេចអ្នកទេ។"
SENDER = "Anna"

# ---------------------------------------------------------------------------------------
# The interface's words, in the language of the run
# ---------------------------------------------------------------------------------------

_sambot = gettext.translation("sambot", os.environ.get("SAMBOT_LOCALEDIR"), [LANGUAGE],
                              fallback=True)
_gtk = gettext.translation("gtk40", "/usr/share/locale", [LANGUAGE], fallback=True)


def _(msgid, context=None):
    """What the app shows for @msgid."""
    return _sambot.pgettext(context, msgid) if context else _sambot.gettext(msgid)


def gtk_(msgid):
    return _gtk.gettext(msgid)


def plain(text):
    """@text as compared here: no mnemonic underscore, no zero-width space (a Khmer
    mnemonic takes the place of one, so a label and its accessible name differ there)."""
    return (text or "").replace("_", "").replace("\u200b", "")


def titled(title, role=None):
    """A node named @title, and of @role if given."""
    return lambda n: plain(n.name) == plain(title) and (role is None or n.roleName == role)


def pressable(label):
    """A push button a person knows as @label. GTK 4.8 names a button by its accessible
    label and its mnemonic label ("Add Place of Detention Add _Place…"): either will do."""
    def test(node):
        if node.roleName not in ("push button", "toggle button"):
            return False
        # Named by its label alone, the button may end in "…" where the label does not.
        name, wanted = plain(node.name).rstrip("…"), plain(label).rstrip("…")
        return name == wanted or name.startswith(wanted + " ") or name.endswith(" " + wanted)
    return test


def shown(test):
    """@test, and the node is on screen: hidden sections have buttons of the same name,
    and a button never shown does nothing when clicked. GTK 4.8 does not set the
    "showing" state of these; a widget laid out has a size."""
    def test_shown(node):
        if not test(node):
            return False
        width, height = node.size
        return width > 0 and height > 0
    return test_shown


def label_starting(prefix, role="label"):
    return lambda n: n.roleName == role and (n.name or "").startswith(prefix)


def named_field(title, role="text"):
    """An entry row or text view, named by its accessible label (and its title or the
    label above it: "Code Code")."""
    def test(node):
        name, wanted = plain(node.name), plain(title)
        return node.roleName == role and (name == wanted or name.startswith(wanted + " "))
    return test


def field(window, title, role="text"):
    return wait_node(window, named_field(title, role), "the field “%s”" % title)


def fill(window, values):
    for title, value in values.items():
        set_text(field(window, _(title)), value)


def save_and_close(app, window, title):
    click(wait_node(window, sensitive(pressable(_("Save"))), "Save in “%s”" % title))
    wait_for(lambda: query(app.node, titled(title)) is None, "“%s” to close" % title)


def toplevel_of(node):
    while node.parent is not None and node.parent.roleName != "application":
        node = node.parent
    return node


def focused(node):
    return node.getState().contains(pyatspi.STATE_FOCUSED)


def scroll_into_view(node, start):
    """Brings @node (a row at the foot of a long form) into its window as a person
    with a keyboard would: a click in @start, a field above it, then Tab until @node
    has the focus (a scrolled form follows the focus). AT-SPI cannot scroll GTK 4.8."""
    window = toplevel_of(node)
    top = window.position[1]
    height = window.size[1]
    if node.position[1] >= top and node.position[1] + node.size[1] <= top + height:
        return
    x = start.position[0] + start.size[0] // 3
    y = start.position[1] + start.size[1] * 2 // 3
    rawinput.absoluteMotion(x, y)
    rawinput.press(x, y)
    rawinput.release(x, y)
    for tries in range(40):
        if focused(node):
            return
        rawinput.pressKey("Tab")
    fail("Tab did not reach %s" % node.name)


def in_popover(node):
    while node is not None and node.roleName != "combo box":
        if node.name == "GtkPopover":
            return True
        node = node.parent
    return False


def choose_in_combo(window, title, choice, start=None):
    """Opens the drop-down of the row @title and picks @choice with the keyboard (the
    popover's own list takes it; AT-SPI gives no true position inside a popover in GTK
    4.8, and a click beside the list leaves the pointer grabbed). @start is a field
    above the row to tab from when the row is out of sight."""
    combo = field(window, title, role="combo box")
    if start is not None:
        scroll_into_view(combo, start)
    click(combo)
    popover = wait_node(combo, shown(titled("GtkPopover")), "the list of “%s”" % title)
    names = wait_for(lambda: [n.name or "" for n in popover.findChildren(
        lambda n: n.roleName == "label", showingOnly=False)], "the choices of “%s”" % title)
    if choice not in names:
        fail("“%s” offers %r, not “%s”" % (title, names, choice))
    # The list opens on the current choice, the first one in a new form.
    for step in range(names.index(choice)):
        rawinput.pressKey("Down")
    rawinput.pressKey("Return")
    wait_for(lambda: query(combo, lambda n: n.roleName == "label" and n.name == choice and
                           not in_popover(n)) is not None,
             "“%s” chosen in “%s”" % (choice, title))


def save_file_as(app, title, path, accept, written):
    """GTK's own save dialog (no portal here): a full path in its Name entry, then
    @accept, until written() is true. GTK 4.8's chooser sometimes reads the folder of a
    path set at once before it is all there and says it cannot show that folder: its
    OK, and the path again."""
    chooser = wait_node(app.node, titled(title), "the save dialog “%s”" % title)
    for attempt in range(3):
        set_text(wait_node(chooser, titled(gtk_("_Name:"), "text"), "the file name entry"), path)
        click(wait_node(chooser, sensitive(pressable(accept)), "the dialog's %s button" % accept))
        if wait_for(lambda: written() or
                    query(app.node, titled(gtk_("The folder contents could not be displayed")))
                    is not None, "“%s” to be written" % path) and written():
            return
        print("the save dialog could not show the folder; trying again")
        click(wait_node(app.node, shown(pressable(gtk_("_OK"))), "the chooser's error's OK"))
    fail("the save dialog did not write %s" % path)


# ---------------------------------------------------------------------------------------
# The flow
# ---------------------------------------------------------------------------------------

def create_campaign(app, path):
    click(wait_node(app.node, pressable(_("New Campaign…")), "“New Campaign…” (welcome page)"))
    dialog = wait_node(app.node, titled(_("New Campaign"), "dialog"), "the New Campaign dialog")
    fill(dialog, {"Campaign Name": CAMPAIGN_NAME, "Office Code": "PP"})
    click(wait_node(dialog, sensitive(pressable(_("C_ontinue…"))), "the dialog's Continue…"))
    save_file_as(app, _("Save the New Campaign"), path, _("_Create"),
                 lambda: os.path.exists(path))
    wait_node(app.node, titled(_("Detainees"), "page tab"), "the campaign's sections")


def add_prison(app):
    # A new campaign opens on Detainees, which says to add the place first.
    click(wait_node(app.node, shown(pressable(_("Add Place of Detention"))),
                    "“Add Place of Detention” on the empty Detainees page"))
    editor = wait_node(app.node, titled(_("New Place of Detention")), "the place's editor")
    fill(editor, PRISON)
    save_and_close(app, editor, _("New Place of Detention"))


def add_detainee(app, values):
    click(wait_node(app.node, shown(pressable(_("Add Detainee"))), "“Add Detainee”"))
    editor = wait_node(app.node, titled(_("New Detainee")), "the detainee's editor")
    fill(editor, values)
    name = PRISON["Khmer Name"] if LANGUAGE == "km" else PRISON["English Name"]
    choose_in_combo(editor, _("Held At"), name)
    save_and_close(app, editor, _("New Detainee"))


def add_office(app):
    click(wait_node(app.node, titled(_("Places"), "page tab"), "the Places section"))
    click(wait_node(app.node, shown(pressable(_("Add Partner Office"))),
                    "“Add Partner Office”"))
    editor = wait_node(app.node, titled(_("New Partner Office")), "the office's editor")
    fill(editor, OFFICE)
    save_and_close(app, editor, _("New Partner Office"))
    wait_node(app.node, label_starting(OFFICE["Name"]), "the office in the Places section")


def shown_text(app, name):
    """A text view or entry on screen, named by its label ("Message text …")."""
    return wait_node(app.node, shown(named_field(name)), "the field “%s”" % name)


def type_postcard(app):
    click(wait_node(app.node, titled(_("Messages"), "page tab"), "the Messages section"))
    click(wait_node(app.node, shown(pressable(_("New Postcard"))), "“New Postcard”"))
    ref_node = wait_node(app.node, titled(_("Reference code")), "the reference code")
    ref = wait_for(lambda: ref_node.children and ref_node.children[0].name,
                   "a reference for the card")
    set_text(shown_text(app, _("Message text")), TEXT)
    set_text(shown_text(app, _("Sender")), SENDER)
    for detainee in DETAINEES:
        name = detainee["Khmer Name"] if LANGUAGE == "km" else detainee["English Name"]
        click(wait_node(app.node, shown(pressable(name)), "the addressee %s" % name))
    office = "%s — %s" % (OFFICE["Code"], OFFICE["Name"])
    # From the message text, at the top of the form: the boxes grow with the text, and
    # the Sender field may be below the fold.
    choose_in_combo(app.node, _("Partner office"), office, start=shown_text(app, _("Message text")))
    # An English card: the Khmer translation the detainees will read.
    set_text(shown_text(app, _("Khmer translation")), TRANSLATION)
    # Typed: to review. Done, Next goes on to the next card to type (none here).
    click(wait_node(app.node, shown(sensitive(pressable(_("_Done, Next")))), "“Done, Next”"))
    # The reviewer takes the next card to review: this one.
    click(wait_node(app.node, shown(pressable(_("More"))), "the Messages menu"))
    click(wait_node(app.node, titled(_("Next to _Review"), "menu item"), "“Next to Review”"))
    wait_for(lambda: ref_node.children and ref_node.children[0].name == ref, "%s open" % ref)
    click(wait_node(app.node, shown(sensitive(pressable(_("_Approve")))), "“Approve”"))
    approved = _("Approved", "message status")
    wait_node(app.node, shown(lambda n: n.roleName == "label" and n.name == approved),
              "the card shown as approved")
    return ref


def make_batch(app, manifest):
    click(wait_node(app.node, titled(_("Batches"), "page tab"), "the Batches section"))
    click(wait_node(app.node, shown(pressable(_("New Batch…"))), "“New Batch…”"))
    dialog = wait_node(app.node, titled(_("New Batch"), "dialog"), "the New Batch dialog")
    click(wait_node(dialog, sensitive(pressable(_("C_reate"))), "the dialog's Create button"))

    click(wait_node(app.node, shown(sensitive(pressable(_("Seal…")))), "“Seal…”"))
    seal = wait_node(app.node, titled(_("Seal the Batch?"), "dialog"), "the seal dialog")
    click(wait_node(seal, pressable(_("_Seal")), "the dialog's Seal button"))
    code = wait_node(app.node, label_starting(PRISON["Code"] + "-", "heading"),
                     "the sealed batch's code").name

    click(wait_node(app.node, shown(pressable(_("Documents"))), "the Documents menu"))
    click(wait_node(app.node, titled(_("Save _Manifest as PDF…"), "menu item"),
                    "“Save Manifest as PDF…”"))
    save_file_as(app, _("Save Manifest as PDF"), manifest, _("_Save"),
                 lambda: os.path.exists(manifest) and
                 subprocess.run(["pdftotext", manifest, "-"], capture_output=True).returncode == 0)
    return code


def main():
    workdir = tempfile.mkdtemp(prefix="sambot-e2e-day-one-")
    campaign = os.path.join(workdir, "freethe5.sambot")
    manifest = os.path.join(workdir, "manifest.pdf")

    with Sambot(None, language=LANGUAGE, ready=pressable(_("New Campaign…"))) as app:
        create_campaign(app, campaign)
        print("campaign created: " + campaign)
        add_prison(app)
        print("prison added")
        for detainee in DETAINEES:
            add_detainee(app, detainee)
        print("detainees added")
        add_office(app)
        print("office added")
        ref = type_postcard(app)
        print("postcard %s typed and approved" % ref)
        code = make_batch(app, manifest)
        print("batch %s sealed, manifest saved" % code)

    # Afterwards, what the files say.
    text = subprocess.run(["pdftotext", manifest, "-"], capture_output=True, text=True).stdout
    problems = []
    # The manifest is bilingual: each detainee in English and in Khmer.
    for expected in [ref, code] + [d[k] for d in DETAINEES for k in ("English Name", "Khmer Name")]:
        if expected not in text:
            problems.append("the manifest lacks %s" % expected)
    message = run_cli(campaign, "message", "show", ref)
    if message["status"] != "approved" or message["translation_km"] != TRANSLATION:
        problems.append("the message is %s with translation %r"
                        % (message["status"], message["translation_km"]))
    if message.get("office") != OFFICE["Code"]:
        problems.append("the message's office is %r" % message.get("office"))
    held = {d["name"]: d.get("facility") for d in run_cli(campaign, "detainee", "list")}
    if held != {d["English Name"]: PRISON["Code"] for d in DETAINEES}:
        problems.append("the detainees are held at %r" % held)
    offices = run_cli(campaign, "office", "list")
    if [(o["code"], o["name"], o["city"]) for o in offices] != \
            [(OFFICE["Code"], OFFICE["Name"], OFFICE["City"])]:
        problems.append("the offices are %r" % offices)
    batch = run_cli(campaign, "batch", "show", code)
    if sorted(item["ref"] for item in batch["items"]) != [ref, ref]:
        problems.append("the batch holds %r" % [item["ref"] for item in batch["items"]])
    if problems:
        fail("; ".join(problems))
    print("manifest: %d bytes, with %s and both detainees in English and Khmer"
          % (os.path.getsize(manifest), ref))

    remove(workdir)
    print("PASS")


if __name__ == "__main__":
    sys.exit(main())
