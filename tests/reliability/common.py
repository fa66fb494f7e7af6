# common.py — what the reliability tests share: running sambot-cli, reading a
# campaign's figures, a seeded random source whose seed is printed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import atexit
import glob
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

CLI = os.environ.get("SAMBOT_CLI", "")


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def seeded_random(name):
    """A random source; the seed is printed so a failure can be replayed with
    SAMBOT_TEST_SEED=N."""
    seed = int(os.environ.get("SAMBOT_TEST_SEED", str(int(time.time() * 1000) % 1000000)))
    print("%s: seed %d (replay with SAMBOT_TEST_SEED=%d)" % (name, seed, seed), flush=True)
    return random.Random(seed)


def cli(campaign, *args, check=True, timeout=60, preexec=None):
    argv = [CLI]
    if campaign is not None:
        argv += ["--campaign", campaign]
    argv += list(args)
    result = subprocess.run(argv, capture_output=True, text=True, errors="replace", timeout=timeout,
                            preexec_fn=preexec)
    if check and result.returncode != 0:
        fail("%s exited %d: %s" % (" ".join(args), result.returncode, result.stderr.strip()))
    return result


def cli_json(campaign, *args):
    return json.loads(cli(campaign, "--json", *args).stdout)


def state(campaign):
    """What a person would count: the figures, the messages, the batches."""
    messages = cli_json(campaign, "message", "list")
    batches = cli_json(campaign, "batch", "list")
    return {
        "stats": cli_json(campaign, "stats"),
        "messages": len(messages),
        "refs": sorted(m["ref"] for m in messages),
        "batches": sorted((b["id"], b["state"], b["digest"] is not None, b["items"])
                          for b in batches),
    }


def assert_sound(campaign, what):
    result = cli(campaign, "check", check=False)
    if result.returncode != 0:
        fail("%s: check says: %s%s" % (what, result.stdout.strip(), result.stderr.strip()))


def copy_campaign(source, dest):
    remove_campaign(dest)
    shutil.copyfile(source, dest)
    os.chmod(dest, 0o600)


def remove_campaign(path):
    for name in [path] + glob.glob(glob.escape(path) + "-*"):
        if os.path.lexists(name):
            os.unlink(name)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def one_line(stderr):
    """True when what the program said is a single line."""
    return stderr.count("\n") == 1 and stderr.endswith("\n") and len(stderr.strip()) > 0


def workdir(name):
    """A folder of the test's own, removed when the test ends, passed or failed."""
    path = tempfile.mkdtemp(prefix="sambot-%s-" % name)
    atexit.register(shutil.rmtree, path, True)
    return path


def demo(path):
    cli(None, "demo", path)
    # Everything in the main file: a copy of it alone is the whole campaign.
    cli(path, "check")
    remove_wal_if_empty(path)


def remove_wal_if_empty(path):
    for suffix in ("-wal", "-shm"):
        name = path + suffix
        if suffix == "-wal" and os.path.exists(name) and os.path.getsize(name) > 0:
            fail("%s: the campaign left a non-empty -wal after closing" % path)
        if os.path.exists(name):
            os.unlink(name)


def write_export(path, n_rows, first=0):
    """A web-form export of @n_rows distinct messages for Sokha, in English and Khmer
    (as tests/sb-test-export.h writes)."""
    rows = ["Timestamp,Name,Message,To\r\n"]
    for i in range(first, first + n_rows):
        rows.append("2016-08-%02d 10:00:%02d,Sender %d,\"Message number %d, "
                    "សូមឱ្យមានសុខភាពល្អ\",Sokha\r\n" % (1 + i % 28, i % 60, i, i))
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("".join(rows))
    return path
