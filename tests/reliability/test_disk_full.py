#!/usr/bin/python3
# test_disk_full.py — the disk fills up during `message add`, `import` and `backup`
#
# Where `unshare -m` works (root, as in CI), also a real full disk: a small tmpfs.
#
# The disk is "full" through RLIMIT_FSIZE (no file may grow past a limit; SIGXFSZ
# ignored, so writes fail with EFBIG as on a full disk), at several limits for each
# command, from nothing at all to almost enough. Each time: exit 1, one line that says
# what went wrong, the campaign as it was (figures, messages, batches) and `check`
# passes; a failed backup leaves no file behind, whole or partial.
#
# Environment: SAMBOT_CLI.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import resource
import signal
import subprocess

from common import (CLI, assert_sound, cli, copy_campaign, demo, fail, one_line,
                    remove_campaign, state, workdir, write_export)


def limited(nbytes):
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))
    return preexec


def attempt(what, campaign, before, args, limit, leftovers=()):
    result = cli(campaign, *args, check=False, preexec=limited(limit))
    if result.returncode == 0:
        return False
    if result.returncode != 1:
        fail("%s with files limited to %d bytes: exit %d, not 1: %s" %
             (what, limit, result.returncode, result.stderr))
    if not one_line(result.stderr):
        fail("%s with files limited to %d bytes: not one line: %r" % (what, limit, result.stderr))
    if os.path.basename(campaign) not in result.stderr and \
            not any(os.path.basename(n) in result.stderr for n in leftovers):
        fail("%s with files limited to %d bytes: the message names no file: %r" %
             (what, limit, result.stderr))
    # A limit met while COMMIT writes the journal (-wal) once said only SQLite's "disk
    # I/O error" (src/store/sb-store-statements.c).
    if "disk I/O error" in result.stderr or "cannot grow" not in result.stderr and \
            "no room" not in result.stderr:
        fail("%s with files limited to %d bytes: does not say the file cannot grow: %r" %
             (what, limit, result.stderr))
    assert_sound(campaign, "%s with files limited to %d bytes" % (what, limit))
    if state(campaign) != before:
        fail("%s with files limited to %d bytes failed but changed the campaign" % (what, limit))
    for name in leftovers:
        if os.path.lexists(name):
            fail("%s with files limited to %d bytes left %s behind" % (what, limit, name))
    print("%s, files limited to %d bytes: exit 1, %r; campaign unchanged and sound" %
          (what, limit, result.stderr.strip()), flush=True)
    return True


def tmpfs_full(dir, base, before, add, export, refused):
    """A real full disk (ENOSPC): a small tmpfs in a mount namespace of its own (root only;
    skipped where `unshare -m` is not allowed). The campaign and what the command left
    are copied out of it for the checks."""
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if os.geteuid() != 0 or probe.returncode != 0:
        print("tmpfs: unshare -m not allowed here; the real full disk is not tried")
        return
    size = os.path.getsize(base)
    mnt = os.path.join(dir, "mnt")
    out = os.path.join(dir, "out")
    cases = [("message add", add, size + 8 * 1024),
             ("import", ["import", export], size + 256 * 1024),
             ("backup", ["backup", os.path.join(mnt, "backup.sambot")], size + size // 2)]
    for what, args, room in cases:
        os.mkdir(mnt)
        os.mkdir(out)
        result = subprocess.run(["unshare", "-m", "sh", "-c",
                                 'm=$1 b=$2 c=$3 o=$4; shift 4; '
                                 'mount -t tmpfs -o size=%dk tmpfs "$m" && '
                                 'cp "$b" "$m/campaign.sambot" && '
                                 '{ "$c" --campaign "$m/campaign.sambot" "$@" 2>"$o/stderr"; '
                                 'echo $? >"$o/status"; ls "$m" >"$o/files"; '
                                 'cp "$m"/campaign.sambot* "$o"/; }' % (room // 1024 + 1),
                                 "sh", mnt, base, CLI, out] + args,
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            fail("tmpfs for %s: %s" % (what, result.stderr))
        status = int(open(os.path.join(out, "status")).read())
        stderr = open(os.path.join(out, "stderr")).read()
        files = open(os.path.join(out, "files")).read().split()
        campaign = os.path.join(out, "campaign.sambot")
        if status != 1 or not one_line(stderr) or not ("full" in stderr or "no room" in stderr):
            fail("%s on a full disk: exit %d, %r (expected exit 1 and one line saying the "
                 "disk is full)" % (what, status, stderr))
        assert_sound(campaign, "%s on a full disk" % what)
        if state(campaign) != before:
            fail("%s on a full disk failed but changed the campaign" % what)
        if [f for f in files if f.startswith("backup")]:
            fail("%s on a full disk left %s" % (what, files))
        refused[what] += 1
        print("%s on a full tmpfs: exit 1, %r; campaign unchanged and sound, files %s" %
              (what, stderr.strip(), files), flush=True)
        remove_campaign(campaign)
        for name in os.listdir(out):
            os.unlink(os.path.join(out, name))
        os.rmdir(out)
        os.rmdir(mnt)


def main():
    if not CLI:
        fail("SAMBOT_CLI must name sambot-cli")
    dir = workdir("disk-full")
    base = os.path.join(dir, "base.sambot")
    campaign = os.path.join(dir, "campaign.sambot")
    demo(base)
    size = os.path.getsize(base)
    before = state(base)
    refused = {"message add": 0, "import": 0, "backup": 0}

    add = ["message", "add", "--text", "We think of you every day.", "--to-all",
           "--channel", "postcard", "--sender", "Claire", "--received-on", "2016-10-01"]
    for limit in (0, 1000, 16 * 1024, 40 * 1024, 100 * 1024):
        copy_campaign(base, campaign)
        if attempt("message add", campaign, before, add, limit):
            refused["message add"] += 1

    export = write_export(os.path.join(dir, "big.csv"), 3000)
    for limit in (0, 40 * 1024, 1024 * 1024, size + 64 * 1024, size + 1024 * 1024):
        copy_campaign(base, campaign)
        if attempt("import", campaign, before, ["import", export], limit):
            refused["import"] += 1

    backup = os.path.join(dir, "backup.sambot")
    for limit in (0, 4096, size // 2, size - 4096):
        copy_campaign(base, campaign)
        leftovers = [backup] + [backup + s for s in ("-wal", "-shm", "-journal")]
        if attempt("backup", campaign, before, ["backup", backup], limit, leftovers):
            refused["backup"] += 1
        others = sorted(set(os.listdir(dir)) - {"base.sambot", "campaign.sambot", "big.csv",
                                                "campaign.sambot-wal", "campaign.sambot-shm",
                                                "base.sambot-wal", "base.sambot-shm"})
        if others:
            fail("backup with files limited to %d bytes left %s in the folder" % (limit, others))

    tmpfs_full(dir, base, before, add, export, refused)

    for what, count in refused.items():
        if count == 0:
            fail("%s never ran out of space: the limits prove nothing" % what)

    remove_campaign(campaign)
    remove_campaign(base)
    for name in os.listdir(dir):
        os.unlink(os.path.join(dir, name))
    os.rmdir(dir)
    print("PASS: disk full refused cleanly: message add %d times, import %d times, "
          "backup %d times; each said so in one line; the campaign unchanged and sound each "
          "time, no partial backup" %
          (refused["message add"], refused["import"], refused["backup"]))


if __name__ == "__main__":
    main()
