#!/usr/bin/python3
# syncthing_pair.py — two Syncthing instances on 127.0.0.1 that share one folder, as two
# offices' machines would share their exchange folder (docs/exchange.md, issue 14).
#
# Each instance has its own home (keys, config.xml, database) in a temporary folder, its
# GUI/REST API on a free localhost port with an API key of its own, and listens for the
# sync protocol on a free 127.0.0.1 port. Global and local discovery, relays, NAT, usage
# reporting, crash reporting and upgrade checks are off: these are written into each
# config.xml after `syncthing generate` and before the first start, so that no instance
# ever listens beyond 127.0.0.1 or calls out. Everything else goes through the REST API
# (syncthing-rest-api(7) and syncthing-config(5) of Debian's syncthing 1.19): each device
# added to the other with its static tcp://127.0.0.1:PORT address (B gets A's once A has
# dialed it: see _start()), then one folder
# (sendreceive, watched, rescanned every few seconds) mapped to a different directory on
# each side. The pair is ready once each instance says, in /rest/system/connections,
# that it is connected to the other.
#
# Usage:
#   syncthing_pair.py [check]          start the pair; time a file from A to B, and one from
#                                      B to A; exit 1 if either takes longer than 60 s
#   syncthing_pair.py run -- CMD...    start the pair and run CMD with SYNCTHING_FOLDER_A and
#                                      SYNCTHING_FOLDER_B set; exit with CMD's status
# As a module:
#   with SyncthingPair() as pair:
#       pair.folder_a, pair.folder_b   (the synced directories)
#       pair.wait_for_file(pair.folder_b, "name", timeout=60) -> seconds
#
# Exit 77 (meson's SKIP) when syncthing is not installed. The processes are stopped and
# the temporary folder removed on any exit: normal, an exception, SIGTERM (meson's
# timeout), SIGINT or SIGHUP; if this process is killed outright, the instances get
# SIGKILL from the kernel (PR_SET_PDEATHSIG), and the next run removes the folder left
# behind (each holds the pid of the run that made it). SYNCTHING_PAIR_KEEP=1 keeps the folder
# (with both instances' logs) for a look afterwards.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import ctypes
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

FOLDER_ID = "sambot-exchange"
PREFIX = "syncthing-pair-"
SKIP = 77

# Written into <options> of each config.xml before the first start (syncthing-config(5)).
OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "startBrowser": "false",
    # The first dial may come before the other side knows us; retry soon, not in 60 s.
    "reconnectionIntervalS": "2",
}


class PairError(Exception):
    pass


def log(message):
    print("syncthing-pair: " + message, flush=True)


def free_ports(count):
    """@count distinct free TCP ports on 127.0.0.1 (held together while chosen)."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def _die_with_parent():
    # In the child, before exec: SIGKILL when the process that started it dies, and a
    # process group of its own (start_new_session) so that it can be stopped whole.
    PR_SET_PDEATHSIG = 1
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


class Instance:
    def __init__(self, name, root, gui_port, sync_port):
        self.name = name
        self.home = os.path.join(root, name, "home")
        self.folder = os.path.join(root, name, "exchange")
        self.log_path = os.path.join(root, name, "syncthing.log")
        self.gui_port = gui_port
        self.sync_port = sync_port
        self.api_key = secrets.token_urlsafe(24)
        self.process = None
        self.device_id = None
        os.makedirs(self.home)
        os.makedirs(self.folder)

    @property
    def address(self):
        return "tcp://127.0.0.1:%d" % self.sync_port

    def env(self):
        env = dict(os.environ)
        # Its own everything: no default folder in a home folder, no restarts, no upgrades.
        # STMONITORED: one process, not a monitor that starts Syncthing proper in a process
        # group of its own (which would outlive this script if it were killed outright).
        env.update({"HOME": os.path.dirname(self.home), "STNODEFAULTFOLDER": "1",
                    "STNORESTART": "1", "STNOUPGRADE": "1", "STMONITORED": "yes"})
        for var in ("STHOMEDIR", "STCONFDIR", "STDATADIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
            env.pop(var, None)
        return env

    def generate(self):
        result = subprocess.run(["syncthing", "generate", "--home=" + self.home,
                                 "--no-default-folder", "--skip-port-probing"],
                                capture_output=True, text=True, env=self.env(), timeout=60)
        if result.returncode != 0:
            raise PairError("%s: syncthing generate exited %d: %s"
                            % (self.name, result.returncode, result.stderr.strip()))
        config = os.path.join(self.home, "config.xml")
        tree = ET.parse(config)
        options = tree.getroot().find("options")
        if options is None:
            raise PairError("%s: no <options> in %s" % (self.name, config))
        for element in options.findall("listenAddress"):
            options.remove(element)
        listen = ET.SubElement(options, "listenAddress")
        listen.text = self.address
        for key, value in OPTIONS.items():
            element = options.find(key)
            if element is None:
                element = ET.SubElement(options, key)
            element.text = value
        gui = tree.getroot().find("gui")
        for key, value in (("address", "127.0.0.1:%d" % self.gui_port), ("apikey", self.api_key)):
            element = gui.find(key)
            if element is None:
                element = ET.SubElement(gui, key)
            element.text = value
        gui.set("tls", "false")
        tree.write(config, encoding="utf-8", xml_declaration=False)

    def start(self):
        with open(self.log_path, "ab") as out:
            self.process = subprocess.Popen(["syncthing", "serve", "--home=" + self.home,
                                             "--no-browser", "--no-restart", "--no-upgrade",
                                             "--gui-address=http://127.0.0.1:%d" % self.gui_port,
                                             "--gui-apikey=" + self.api_key, "--logflags=3"],
                                            stdin=subprocess.DEVNULL, stdout=out,
                                            stderr=subprocess.STDOUT, env=self.env(),
                                            start_new_session=True, preexec_fn=_die_with_parent)

    def rest(self, method, path, body=None, timeout=10):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request("http://127.0.0.1:%d%s" % (self.gui_port, path),
                                         data=data, method=method,
                                         headers={"X-API-Key": self.api_key,
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as e:
            raise PairError("%s: %s %s: HTTP %d: %s" % (self.name, method, path, e.code,
                                                          e.read().decode(errors="replace").strip()))
        return json.loads(text) if text.strip() else None

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def log_tail(self, lines=25):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait()
        self.process = None


def remove_left_behind():
    """Removes the folders of earlier runs that were killed outright (their pid is gone)."""
    top = tempfile.gettempdir()
    for name in os.listdir(top):
        path = os.path.join(top, name)
        if not name.startswith(PREFIX) or not os.path.isdir(path):
            continue
        try:
            with open(os.path.join(path, "pid")) as f:
                pid = int(f.read())
            os.kill(pid, 0)
            continue          # still running
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except (OSError, ValueError):
            continue          # not ours to judge


def _raise_exit(signum, frame):
    raise SystemExit(128 + signum)


class SyncthingPair:
    """Two instances, A and B, sharing FOLDER_ID: a context manager that starts them,
    waits until they are connected, and stops them and removes everything on exit."""

    def __init__(self, rescan_interval_s=5, watcher_delay_s=1):
        self.rescan_interval_s = rescan_interval_s
        self.watcher_delay_s = watcher_delay_s
        self.root = None
        self.a = None
        self.b = None
        self._old_handlers = {}

    @property
    def folder_a(self):
        return self.a.folder

    @property
    def folder_b(self):
        return self.b.folder

    def __enter__(self):
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            self._old_handlers[signum] = signal.signal(signum, _raise_exit)
        # Once more on a failure: a port chosen free may have been taken meanwhile by
        # another test running beside this one.
        for attempt in (1, 2):
            try:
                self._start()
                return self
            except PairError as e:
                self._report_logs()
                self._stop_and_remove()
                if attempt == 2:
                    self.close()
                    raise
                log("could not start the pair (%s); trying again with other ports" % e)
            except BaseException:
                self._report_logs()
                self.close()
                raise

    def __exit__(self, kind, value, traceback):
        if kind is not None and (not issubclass(kind, SystemExit) or value.code not in (0, None)):
            self._report_logs()
        self.close()
        return False

    def _report_logs(self):
        for instance in (self.a, self.b):
            if instance is not None:
                tail = instance.log_tail()
                if tail:
                    print("--- the last lines of %s's log:\n%s" % (instance.name, tail),
                          file=sys.stderr, flush=True)

    def _stop_and_remove(self):
        for instance in (self.a, self.b):
            if instance is not None:
                instance.stop()
        self.a = self.b = None
        if self.root is not None:
            if os.environ.get("SYNCTHING_PAIR_KEEP") == "1":
                log("kept %s" % self.root)
            else:
                shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def close(self):
        self._stop_and_remove()
        for signum, handler in self._old_handlers.items():
            signal.signal(signum, handler)
        self._old_handlers = {}

    def _start(self):
        remove_left_behind()
        self.root = tempfile.mkdtemp(prefix=PREFIX)
        with open(os.path.join(self.root, "pid"), "w") as f:
            f.write("%d\n" % os.getpid())
        gui_a, sync_a, gui_b, sync_b = free_ports(4)
        self.a = Instance("a", self.root, gui_a, sync_a)
        self.b = Instance("b", self.root, gui_b, sync_b)
        started = time.monotonic()
        for instance in (self.a, self.b):
            instance.generate()
            instance.start()
        for instance in (self.a, self.b):
            self._wait(lambda: instance.rest("GET", "/rest/system/ping", timeout=2),
                       30, "%s's REST API to answer" % instance.name, instance)
            instance.device_id = instance.rest("GET", "/rest/system/status")["myID"]
            self._check_options(instance)
        # When both dialed each other at once, about one start in six, nothing happened
        # for 20 s (no dial, no refusal in either log), then several connections at once.
        # Most likely TCP simultaneous open: Syncthing dials from its listening port, so
        # the two SYNs can make one connection on which both start TLS as the client,
        # until the handshake times out. So A alone dials: B learns A first,
        # with no address to dial, then A learns B and dials; once they are connected, B
        # gets A's static address too.
        self.b.rest("POST", "/rest/config/devices",
                    {"deviceID": self.a.device_id, "name": self.a.name,
                     "addresses": ["dynamic"], "autoAcceptFolders": False})
        self._wait(lambda: any(d["deviceID"] == self.a.device_id
                               for d in self.b.rest("GET", "/rest/config/devices")),
                   10, "b to know a", self.b)
        self.a.rest("POST", "/rest/config/devices",
                    {"deviceID": self.b.device_id, "name": self.b.name,
                     "addresses": [self.b.address], "autoAcceptFolders": False})
        self._wait(self.connected, 60, "a and b to be connected", None)
        self.b.rest("PATCH", "/rest/config/devices/" + self.a.device_id,
                    {"addresses": [self.a.address]})
        for me, other in ((self.a, self.b), (self.b, self.a)):
            addresses = [d["addresses"] for d in me.rest("GET", "/rest/config/devices")
                         if d["deviceID"] == other.device_id]
            if addresses != [[other.address]]:
                raise PairError("%s has %s for %s, not %s"
                                % (me.name, addresses, other.name, other.address))
        for me, other in ((self.a, self.b), (self.b, self.a)):
            me.rest("POST", "/rest/config/folders",
                    {"id": FOLDER_ID, "label": "Sambot exchange", "path": me.folder,
                     "type": "sendreceive",
                     "devices": [{"deviceID": me.device_id}, {"deviceID": other.device_id}],
                     "rescanIntervalS": self.rescan_interval_s, "fsWatcherEnabled": True,
                     "fsWatcherDelayS": self.watcher_delay_s})
        for instance in (self.a, self.b):
            self._wait(lambda: instance.rest("GET", "/rest/db/status?folder=" + FOLDER_ID)
                       .get("state") == "idle",
                       30, "%s's folder to be scanned" % instance.name, instance)
        self._wait(self.connected, 30, "a and b to be connected", None)
        log("A (%s, %s) and B (%s, %s) connected after %.1f s"
            % (self.a.device_id[:7], self.a.address, self.b.device_id[:7], self.b.address,
               time.monotonic() - started))

    def connected(self):
        return all(me.rest("GET", "/rest/system/connections")["connections"]
                   .get(other.device_id, {}).get("connected")
                   for me, other in ((self.a, self.b), (self.b, self.a)))

    def _check_options(self, instance):
        """What the instance itself says it does: nothing beyond 127.0.0.1."""
        options = instance.rest("GET", "/rest/config/options")
        expected = {"listenAddresses": [instance.address], "globalAnnounceEnabled": False,
                    "localAnnounceEnabled": False, "relaysEnabled": False, "natEnabled": False,
                    "urAccepted": -1, "crashReportingEnabled": False, "autoUpgradeIntervalH": 0}
        wrong = {k: options.get(k) for k, v in expected.items() if options.get(k) != v}
        if wrong:
            raise PairError("%s: options not as written in config.xml: %s" % (instance.name, wrong))
        status = instance.rest("GET", "/rest/system/status")
        listeners = sorted(status.get("connectionServiceStatus", {}))
        if listeners != [instance.address] or status.get("discoveryEnabled"):
            raise PairError("%s: listens on %s, discovery %s; expected only %s, no discovery"
                            % (instance.name, listeners, status.get("discoveryEnabled"),
                               instance.address))

    def _wait(self, condition, timeout, what, instance):
        deadline = time.monotonic() + timeout
        last = None
        while True:
            for i in (self.a, self.b):
                if i is not None and i.process is not None and not i.alive():
                    raise PairError("%s's syncthing exited (status %d) while waiting for %s"
                                    % (i.name, i.process.returncode, what))
            try:
                if condition():
                    return
            except (OSError, PairError, ValueError, KeyError) as e:
                last = e
            if time.monotonic() > deadline:
                raise PairError("waited %d s for %s%s" % (timeout, what,
                                                          "" if last is None else " (%s)" % last))
            time.sleep(0.2)

    def wait_for_file(self, folder, name, content=None, timeout=60):
        """Seconds until @name is in @folder (with @content, if given); PairError after
        @timeout seconds."""
        started = time.monotonic()
        path = os.path.join(folder, name)

        def there():
            if not os.path.isfile(path):
                return False
            if content is None:
                return True
            with open(path, "rb") as f:
                return f.read() == content

        self._wait(there, timeout, "%s in %s" % (name, folder), None)
        return time.monotonic() - started


def crossing(pair, source, target, name, timeout=60):
    """Writes a file into @source and returns the seconds until it is in @target."""
    content = ("%s %s\n" % (name, secrets.token_hex(16))).encode()
    with open(os.path.join(source, name), "wb") as f:
        f.write(content)
    return pair.wait_for_file(target, name, content, timeout)


def main(argv):
    if shutil.which("syncthing") is None:
        print("syncthing is not installed (Debian's package syncthing): skipped")
        return SKIP
    command = argv[1] if len(argv) > 1 else "check"
    if command == "run":
        rest = argv[2:]
        if rest[:1] == ["--"]:
            rest = rest[1:]
        if not rest:
            print("usage: syncthing_pair.py run -- COMMAND...", file=sys.stderr)
            return 2
        with SyncthingPair() as pair:
            env = dict(os.environ, SYNCTHING_FOLDER_A=pair.folder_a,
                       SYNCTHING_FOLDER_B=pair.folder_b)
            return subprocess.run(rest, env=env).returncode
    if command != "check":
        print("usage: syncthing_pair.py [check | run -- COMMAND...]", file=sys.stderr)
        return 2
    try:
        with SyncthingPair() as pair:
            a_to_b = crossing(pair, pair.folder_a, pair.folder_b, "from-a.txt")
            log("a file written in A's folder was in B's after %.2f s" % a_to_b)
            b_to_a = crossing(pair, pair.folder_b, pair.folder_a, "from-b.txt")
            log("a file written in B's folder was in A's after %.2f s" % b_to_a)
    except PairError as e:
        print("FAIL: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
