#!/usr/bin/python3
# test_bad_files.py — files that are not a sound campaign, opened with sambot-cli
#
# A truncated campaign, one with bytes flipped inside a page, an empty file, another
# program's SQLite database, a campaign from a newer Sambot (user_version higher), a
# FIFO, a folder and a dangling symbolic link. `stats`, `check`, `message list` and the
# app's own open function (tests/reliability/open-campaign.c) on each: refused
# with exit 1 and one line (no crash, no hang: each run has a time limit), and the file
# byte for byte as it was, with no -wal/-shm/-journal left beside it.
#
# Environment: SAMBOT_CLI, SAMBOT_OPEN_CAMPAIGN.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sqlite3
import stat
import subprocess
import sys

from common import CLI, cli, demo, fail, one_line, sha256, workdir

PAGE = 4096
# tests/reliability/open-campaign.c: the app's open function, sb_campaign_open().
OPEN = os.environ.get("SAMBOT_OPEN_CAMPAIGN", "")


def index_leaf_near(path, middle):
    """The leaf page of an index nearest @middle, counted from 0."""
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    try:
        pages = [row[0] - 1 for row in db.execute(
            "SELECT pageno FROM dbstat WHERE pagetype = 'leaf' AND name IN "
            "(SELECT name FROM sqlite_schema WHERE type = 'index')")]
    finally:
        db.close()
    if not pages:
        fail("the demo campaign has no index leaf page")
    return min(pages, key=lambda page: abs(page - middle))


def entry_near(page, middle):
    """Where the entry of a leaf @page nearest @middle begins (its cell pointers
    follow the 8 bytes of a leaf's header)."""
    cells = int.from_bytes(page[3:5], "big")
    starts = [int.from_bytes(page[8 + 2 * i:10 + 2 * i], "big") for i in range(cells)]
    return min(starts, key=lambda start: abs(start - middle))


def make_corpus(dir):
    good = os.path.join(dir, "good.sambot")
    demo(good)
    with open(good, "rb") as f:
        data = f.read()
    corpus = {}

    def write(name, content):
        path = os.path.join(dir, name)
        with open(path, "wb") as f:
            f.write(content)
        corpus[name] = path

    write("truncated.sambot", data[:len(data) // 3])
    # Sixteen bytes flipped in a page halfway through the file: in the entry nearest
    # the middle of the index leaf nearest the middle. SQLite keeps no checksums, so
    # bytes changed inside a table's row are a row with other values, which no check
    # can tell from the real one (a history_changes leaf lay halfway once the search
    # index grew, schema 16), and bytes changed in a page's free space change nothing;
    # an index entry changed no longer matches its table, and integrity_check finds it.
    page = index_leaf_near(good, (len(data) // PAGE) // 2)
    at = page * PAGE + entry_near(data[page * PAGE:(page + 1) * PAGE], PAGE // 2)
    write("flipped.sambot", data[:at] + bytes(b ^ 0xff for b in data[at:at + 16]) +
          data[at + 16:])
    # The first page's header itself damaged.
    write("flipped-header.sambot", data[:20] + bytes(b ^ 0x5a for b in data[20:36]) +
          data[36:])
    write("empty.sambot", b"")
    write("text.sambot", b"Timestamp,Name,Message\r\nnot a campaign\r\n")

    other = os.path.join(dir, "other-app.sambot")
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, url TEXT)")
    db.execute("INSERT INTO bookmarks (url) VALUES ('https://example.org')")
    db.commit()
    db.close()
    corpus["other-app.sambot"] = other

    newer = os.path.join(dir, "newer.sambot")
    with open(newer, "wb") as f:
        f.write(data)
    db = sqlite3.connect(newer)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.execute("PRAGMA user_version = %d" % (version + 10))
    db.commit()
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    corpus["newer.sambot"] = newer

    fifo = os.path.join(dir, "fifo.sambot")
    os.mkfifo(fifo)
    corpus["fifo.sambot"] = fifo
    folder = os.path.join(dir, "folder.sambot")
    os.mkdir(folder)
    corpus["folder.sambot"] = folder
    link = os.path.join(dir, "dangling.sambot")
    os.symlink(os.path.join(dir, "gone.sambot"), link)
    corpus["dangling.sambot"] = link
    os.unlink(good)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(good + suffix):
            os.unlink(good + suffix)
    return corpus


def fingerprint(path):
    st = os.lstat(path)
    if stat.S_ISREG(st.st_mode):
        return ("file", st.st_mode, sha256(path))
    if stat.S_ISLNK(st.st_mode):
        return ("link", os.readlink(path))
    return (stat.S_IFMT(st.st_mode), st.st_mode, st.st_mtime_ns)


def main():
    if not CLI or not OPEN:
        fail("SAMBOT_CLI and SAMBOT_OPEN_CAMPAIGN must name sambot-cli and open-campaign")
    # "flipped-check": only `check` on the file with a page flipped, which `check` must
    # find (it used to call it sound): a separate test.
    only_flipped_check = sys.argv[1:] == ["flipped-check"]
    dir = workdir("bad-files")
    corpus = make_corpus(dir)
    refused = 0
    for name in sorted(corpus):
        path = corpus[name]
        before = fingerprint(path)
        for command in (["stats"], ["check"], ["message", "list"], ["open"]):
            # `check` reads a damaged campaign through SQLite's read-only WAL mode, which
            # leaves empty -wal/-shm files (SQLite removes them only when a writer closes
            # the file): what counts is that a refusal adds none.
            beside = {n for n in os.listdir(dir) if n.startswith(name + "-")}
            try:
                if command == ["open"]:
                    result = subprocess.run([OPEN, path], capture_output=True, text=True,
                                            errors="replace", timeout=20)
                else:
                    result = cli(path, *command, check=False, timeout=20)
            except subprocess.TimeoutExpired:
                fail("%s %s: still running after 20 s" % (" ".join(command), name))
            what = "%s on %s" % (" ".join(command), name)
            if (name == "flipped.sambot" and command == ["check"]) != only_flipped_check:
                continue
            # Damage inside one page may lie where `stats` or `message list` never read:
            # they may still work, read-only. `check` reads everything and must say so.
            if result.returncode == 0 and name == "flipped.sambot" and command != ["check"]:
                if command == ["open"] and result.stdout != "opened\n":
                    fail("%s: exit 0 but %r" % (what, result.stdout))
                if fingerprint(path) != before:
                    fail("%s: the file changed" % what)
                print("%s: exit 0 (the damage is where it does not read); unchanged" % what)
                continue
            if result.returncode != 1:
                fail("%s: exit %d, not 1 (%s%s)" % (what, result.returncode,
                                                    result.stdout, result.stderr))
            if not one_line(result.stderr):
                fail("%s: not one line: %r" % (what, result.stderr))
            if name not in result.stderr and "gone.sambot" not in result.stderr:
                fail("%s: the message does not name the file: %r" % (what, result.stderr))
            if fingerprint(path) != before:
                fail("%s: the file changed" % what)
            left = [n for n in os.listdir(dir) if n.startswith(name + "-") and n not in beside]
            # Only `check` on the flipped page gets as far as reading it (see above).
            if left and not only_flipped_check:
                fail("%s: left %s beside it" % (what, left))
            refused += 1
            print("%s: exit 1, %r; unchanged" % (what, result.stderr.strip()), flush=True)

    for name in os.listdir(dir):
        path = os.path.join(dir, name)
        if os.path.isdir(path) and not os.path.islink(path):
            os.rmdir(path)
        else:
            os.unlink(path)
    os.rmdir(dir)
    if only_flipped_check:
        print("PASS: check refuses a campaign with sixteen bytes flipped inside a page")
        return
    print("PASS: %d bad files, %d refusals (stats, check, message list, the app's sb_campaign_open), each one line, "
          "exit 1, the file unchanged" % (len(corpus), refused))


if __name__ == "__main__":
    main()
