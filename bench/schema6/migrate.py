#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Times the migration of a schema-5 campaign to schema 6 (migrate.sql, then
derive-figures.sql), into a new file beside it, as docs/schema-6.md proposes.

  migrate.py --functions PATH/sbfunctions.so SCHEMA5_FILE NEW_FILE [--cli PATH/sambot-cli]

Prints each step's time, the total, the new file's size and, with --cli, whether
the figures of the new file (tallies) equal `sambot-cli stats --json` on the old
one, today and as of 2016-10-10. The old file is opened read-only: a kill at any
point leaves it as it was (the app then renames NEW_FILE over it; see the doc).
"""

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import time

import figures

HERE = os.path.dirname(os.path.abspath(__file__))


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def statements(path):
    buf = ""
    for line in open(path, encoding="utf-8"):
        if line.startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            yield buf.strip()
            buf = ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--functions", required=True)
    parser.add_argument("--cli")
    args = parser.parse_args()

    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(args.new + suffix):
            os.unlink(args.new + suffix)
    start = time.monotonic()
    start_cpu = cpu()
    db = sqlite3.connect(args.new, isolation_level=None, uri=True)
    db.enable_load_extension(True)
    db.load_extension(args.functions)
    # A new file that is thrown away if anything fails: no journal needed.
    db.execute("PRAGMA page_size = 4096")
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -131072")
    db.executescript(open(os.path.join(HERE, "schema6.sql"), encoding="utf-8").read())
    db.execute("ATTACH ? AS v5", ("file:%s?mode=ro" % os.path.abspath(args.old),))
    n = db.execute("SELECT count (*) FROM v5.messages").fetchone()[0]
    steps = []
    for script in ("migrate.sql", "derive-figures.sql"):
        for sql in statements(os.path.join(HERE, script)):
            t, c = time.monotonic(), cpu()
            db.execute(sql)
            elapsed = time.monotonic() - t
            first = " ".join(sql.split("\n")[0].split()[:4])
            if elapsed > 0.05:
                steps.append((elapsed, cpu() - c, first))
    t, c = time.monotonic(), cpu()
    problems = db.execute("PRAGMA foreign_key_check").fetchall()
    steps.append((time.monotonic() - t, cpu() - c, "PRAGMA foreign_key_check"))
    db.execute("PRAGMA user_version = 6")
    db.execute("DETACH v5")
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
    total = time.monotonic() - start
    total_cpu = cpu() - start_cpu
    for elapsed, used, what in sorted(steps, reverse=True)[:8]:
        print("  %6.2f s (%.2f s CPU)  %s" % (elapsed, used, what))
    size = os.path.getsize(args.new)
    print("RESULT\tmigration of %d messages, schema 5 → 6 (SQL)\t%.2f\t%.2f\t%.2f\ts\t1\t"
          "%.2f s CPU; %.0f → %.0f bytes a message; %d foreign-key problems"
          % (n, total, total, total, total_cpu, os.path.getsize(args.old) / n, size / n, len(problems)))

    if args.cli:
        db = sqlite3.connect(args.new)
        db.enable_load_extension(True)
        db.load_extension(args.functions)
        same = True
        for as_of in (None, "2016-10-10"):
            cmd = [args.cli, "--campaign", args.old, "stats", "--json"] + (["--as-of", as_of] if as_of else [])
            old = json.loads(subprocess.run(cmd, check=True, capture_output=True).stdout)
            new = figures.from_tallies(db, as_of or old["as_of"])
            pairs = [(old["messages_%s" % k], new[k]) for k in
                     ("received", "sent", "delivered", "held", "new", "transcribed", "approved")]
            pairs += [(old["copies"][k], new["copies"][k]) for k in figures.STATES]
            detainees = {bytes.fromhex(d["id"].replace("-", "")): (d["messages"], d["delivered"])
                         for d in old["detainees"] if d["messages"] or d["delivered"]}
            pairs.append((detainees, new["detainees"]))
            if any(a != b for a, b in pairs):
                same = False
                print("figures differ as of %s: %s" % (as_of, [p for p in pairs if p[0] != p[1]][:5]))
        print("figures (stats --json on schema 5, tallies on schema 6): %s" % ("the same" if same else "DIFFERENT"))
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
