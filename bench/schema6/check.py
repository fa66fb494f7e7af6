#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the design before measuring it:

  check.py --functions PATH/sbfunctions.so [N]

1. a campaign written row by row through the triggers (generate.py --rows: adds,
   reviews, deliveries, corrections, removals, holds after delivery, deletions)
   has the same tallies and message facts (addressees, delivery day) as the bulk
   rebuild (derive-search.sql, derive-figures.sql) makes;
2. the figures from the tallies equal the counting rules read from the rows
   (src/store/sb-store-stats.c), today and as of several past days;
3. the 1–2 character index and the trigram index find exactly what instr() on the
   search key finds.
Prints what differs and exits 1; prints "ok" otherwise.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

import figures
import generate

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=3000)
    parser.add_argument("--functions", required=True)
    args = parser.parse_args()
    failures = []
    work = tempfile.mkdtemp(prefix="sb6-check-")
    try:
        rows = os.path.join(work, "rows.db")
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(args.n), rows,
                        "--functions", args.functions, "--rows"], check=True)
        bulk = os.path.join(work, "bulk.db")
        shutil.copy(rows, bulk)
        db = generate.connect(rows, args.functions)
        other = generate.connect(bulk, args.functions)
        for script in ("derive-search.sql", "derive-figures.sql"):
            other.executescript(open(os.path.join(HERE, script), encoding="utf-8").read())

        q = "SELECT kind, hex (key), day, n FROM tallies WHERE n != 0 ORDER BY 1, 2, 3"
        a, b = db.execute(q).fetchall(), other.execute(q).fetchall()
        if a != b:
            failures.append("tallies by trigger and by rebuild differ: %s" % sorted(set(a) ^ set(b))[:10])
        q = ("SELECT message_rowid, addressees, delivered_on FROM message_facts "
             "WHERE addressees != 0 OR delivered_on IS NOT NULL ORDER BY 1")
        if db.execute(q).fetchall() != other.execute(q).fetchall():
            failures.append("message facts (addressees, delivery) by trigger and by rebuild differ")
        q = "SELECT count (*) FROM message_search WHERE message_search MATCH '\"' || sb_bigrams (?) || '\"'"
        for term in ("sokha", "ស្ទឹង", "the five"):
            if db.execute(q, (term,)).fetchone() != other.execute(q, (term,)).fetchone():
                failures.append("search index by trigger and by rebuild differ for %r" % term)

        for as_of in (None, "2016-08-20", "2016-10-10", "2017-01-31", "2017-06-01"):
            t, r = figures.from_tallies(db, as_of), figures.from_rows(db, as_of)
            if t != r:
                failures.append("figures as of %s: tallies %s, rows %s" % (as_of, t, r))
            t = {(k, key): n for k, key, n in db.execute(figures.BREAKDOWN_SQL, (as_of,))}
            r = figures.breakdown_from_rows(db, as_of)
            if t != r:
                failures.append("breakdown as of %s differs" % as_of)

        keys = "(SELECT rowid, sb_message_key (ref, sender_name, sender_city, original_text, " \
               "translation_km, translation_en) AS k FROM messages)"
        for term in ("នី", "ស", "e", "zu", "qx", "ស្", "sokha", "ស្ទឹងត្រែង", "the five", "pp 00", "ឆ"):
            key = db.execute("SELECT sb_text_key (?)", (term,)).fetchone()[0]
            want = [r[0] for r in db.execute("SELECT rowid FROM %s WHERE instr (k, ?) > 0 ORDER BY 1" % keys, (key,))]
            if len(key) < 2:
                got = db.execute("SELECT rowid FROM message_chars WHERE message_chars MATCH ? ORDER BY 1",
                                 ('"%s"' % key,)).fetchall()
            else:
                got = db.execute("SELECT rowid FROM message_search WHERE message_search MATCH "
                                 "'\"' || sb_bigrams (?) || '\"' ORDER BY 1", (key,)).fetchall()
            got = [r[0] for r in got]
            if got != want:
                failures.append("search %r: index %d rows, instr %d rows" % (term, len(got), len(want)))
        edits = db.execute("SELECT count (*) FROM history_fields WHERE field = 'received_on'").fetchone()[0]
        if edits != len(range(5, args.n, 97)):
            failures.append("corrections recorded: %d history fields for %d corrections"
                            % (edits, len(range(5, args.n, 97))))
        print("checked %d messages: %d tally rows, %d delivered messages"
              % (args.n, len(a), db.execute("SELECT count (*) FROM message_facts WHERE delivered_on IS NOT NULL").fetchone()[0]))
    finally:
        shutil.rmtree(work)
    for f in failures:
        print("FAILED:", f)
    print("ok" if not failures else "%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
