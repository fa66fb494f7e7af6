# sambot_e2e.py — what every end-to-end flow needs: a campaign, the running
# application on the accessibility bus, finding widgets, and waiting for them
#
# Import this module before dogtail: it turns accessibility on first (dogtail refuses
# to start otherwise). Environment: SAMBOT (the GUI), SAMBOT_CLI.
#
# Waiting is always "poll a condition until a deadline", never a fixed sleep: a slow
# machine gets more time, a fast one does not wait for nothing.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

# Without a display the application cannot start: say why the flow did not run, rather
# than fail (exit 77 is meson's SKIP; build-aux/run-tests.sh runs the flows under Xvfb).
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    print("SKIP: this flow drives the running application and needs a display "
          "(DISPLAY or WAYLAND_DISPLAY); build-aux/run-tests.sh runs it under Xvfb")
    sys.exit(77)

from gi.repository import Gio  # noqa: E402

# dogtail refuses to start unless accessibility is on; with the memory backend the
# setting lives in this process only, and the application reads its own copy.
Gio.Settings.new("org.gnome.desktop.interface").set_boolean("toolkit-accessibility", True)

from dogtail import config, predicate, rawinput  # noqa: E402,F401
from dogtail.tree import root  # noqa: E402

config.searchShowingOnly = True
config.defaultDelay = 0.3
config.actionDelay = 0.3
config.typingDelay = 0.05
config.logDebugToFile = False
config.searchCutoffCount = 30

# How long a step may take before the flow fails (the app, the bus and Xvfb share a
# busy machine with the rest of the suite).
TIMEOUT = 30


def fail(message):
    shot = os.path.join(tempfile.gettempdir(), "sambot-e2e-failure.png")
    subprocess.run(["import", "-window", "root", shot], check=False)
    print("FAIL: %s (screen: %s)" % (message, shot))
    sys.exit(1)


def wait_for(condition, what, timeout=TIMEOUT, interval=0.2):
    """Calls @condition until it returns something true (which is returned) or
    @timeout seconds have passed (the flow fails, saying it waited for @what).
    Exceptions from the accessibility bus (a node that went away) count as "not yet"."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = condition()
        except Exception:  # a node disappearing under us, a busy bus
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            fail("waited %d s for %s" % (timeout, what))
        time.sleep(interval)


def find(parent, name=None, role=None, retry=True):
    return parent.findChild(predicate.GenericPredicate(name=name, roleName=role),
                            retry=retry, requireResult=True)


def find_named(parent, prefix, role):
    """Text views are named by their label and by the mnemonic label above them."""
    return parent.findChild(lambda n: n.roleName == role and (n.name or "").startswith(prefix),
                            retry=True, requireResult=True)


def query(parent, test, showing_only=False):
    """The first node under @parent for which @test is true, or None (no retrying)."""
    return parent.findChild(test, retry=False, requireResult=False, showingOnly=showing_only)


def wait_node(parent, test, what, timeout=TIMEOUT):
    """Waits for a node under @parent for which @test is true and returns it."""
    return wait_for(lambda: query(parent, test), what, timeout)


def named(name, role=None):
    """A test for find/query: exactly @name, and @role if given."""
    return lambda n: (n.name or "") == name and (role is None or n.roleName == role)


def button(label):
    """A test for a push button labelled @label. GTK 4.8 names a button with a mnemonic
    by its mnemonic label and its text ("_Import Import"): ignore the underscores and
    accept either form."""
    def test(node):
        if node.roleName != "push button":
            return False
        name = (node.name or "").replace("_", "")
        return name == label or name == "%s %s" % (label, label)
    return test


def sensitive(test):
    """@test, and the node can be used now (a button waiting for a form to be filled
    in is insensitive, and a click on it does nothing)."""
    return lambda n: test(n) and n.sensitive


def text_of(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)


def set_text(node, value):
    node.queryEditableText().setTextContents(value)


def click(node):
    try:
        node.doActionNamed("click")
    except Exception:
        node.click()


def run_cli(campaign, *args):
    cli = os.environ["SAMBOT_CLI"]
    result = subprocess.run([cli, "--campaign", campaign, "--json", *args],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def demo_campaign():
    """A fresh demo campaign in a directory of its own: (directory, campaign file)."""
    cli = os.environ.get("SAMBOT_CLI")
    if not os.environ.get("SAMBOT") or not cli:
        fail("SAMBOT and SAMBOT_CLI must name the programs")
    workdir = tempfile.mkdtemp(prefix="sambot-e2e-")
    campaign = os.path.join(workdir, "campaign.sambot")
    subprocess.run([cli, "--campaign", campaign, "demo"], check=True, capture_output=True)
    return workdir, campaign


class Sambot:
    """The application running on @campaign, as a context manager:

        with Sambot(campaign) as app:
            click(find(app.node, name="Messages"))

    With no campaign it starts as on a first run, on its welcome page. @language is the
    interface language (LANGUAGE); @ready names a push button that shows once it is up
    (by default the Messages section's tab, or New Campaign… on the welcome page)."""

    def __init__(self, campaign=None, language="en", ready=None):
        self.campaign = campaign
        self.language = language
        self.ready = ready
        self.process = None
        self.node = None

    def __enter__(self):
        env = dict(os.environ, GSETTINGS_BACKEND="memory", GDK_BACKEND="x11",
                   LANGUAGE=self.language, NO_AT_BRIDGE="0", GTK_A11Y="atspi")
        if self.language != "en":
            # LANGUAGE takes effect only with a real locale (docs/testing.md).
            env.setdefault("LANG", "C.UTF-8")
            env.pop("LC_ALL", None)
        args = [os.environ["SAMBOT"]] + ([self.campaign] if self.campaign else [])
        self.process = subprocess.Popen(args, env=env)
        if self.ready is not None:
            ready = self.ready
        elif self.campaign:
            ready = named("Messages", "page tab")
        else:
            ready = button("New Campaign…")

        def app_shown():
            if self.process.poll() is not None:
                fail("the application exited (status %d)" % self.process.returncode)
            # Asked again each time: a node taken before the window existed keeps an
            # empty list of children.
            app = root.application("sambot")
            # Up when its first page is there.
            return app if query(app, ready) else None
        self.node = wait_for(app_shown, "the application's window on the accessibility bus")
        return self

    def window(self, title, timeout=TIMEOUT):
        """A window (or dialog) of the application, by its title, once it shows."""
        # A top-level of the application, whatever its role (frame, dialog, filler…).
        return wait_for(lambda: self.node.findChild(named(title), recursive=False, retry=False,
                                                    requireResult=False, showingOnly=False),
                        "the window “%s”" % title, timeout)

    def window_gone(self, title, timeout=TIMEOUT):
        wait_for(lambda: self.node.findChild(named(title), recursive=False, retry=False,
                                             requireResult=False, showingOnly=False) is None,
                 "the window “%s” to close" % title, timeout)

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        return False


def remove(workdir):
    shutil.rmtree(workdir, ignore_errors=True)
