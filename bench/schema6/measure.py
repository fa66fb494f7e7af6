#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Times the jobs of issue 12 in SQL on a schema-6 campaign and, in the same run,
the same jobs on a schema-5 campaign of the app (bench/sb-bench-generate).

  measure.py --functions PATH/sbfunctions.so --s6 FILE [--s5 FILE] [--runs N]

Prints one line per job, as the C benchmarks do (bench/sb-bench.h):
  RESULT<TAB>job<TAB>median<TAB>min<TAB>max<TAB>unit<TAB>runs<TAB>note
Times are SQLite's work through Python's sqlite3 module (Debian's library, as the
app): queries that return many rows are wrapped in count()/sum() so SQLite walks
every row without Python handling each. Warm page cache: one untimed run first.
They are CPU times of the process (time.process_time()): on a machine shared with
other builds, wall times measure the neighbours; on an idle one, a cached query's
wall time is its CPU time.
"""

import argparse
import os
import statistics
import sqlite3
import sys
import time

import figures

HERE = os.path.dirname(os.path.abspath(__file__))
COUNT_MAX = 1000  # SB_STORE_SEARCH_COUNT_MAX: "1,000+ messages"


def result(job, samples, unit, note=""):
    samples = sorted(samples)
    print("RESULT\t%s\t%.3f\t%.3f\t%.3f\t%s\t%d\t%s" % (
        job, statistics.median(samples), samples[0], samples[-1], unit, len(samples), note), flush=True)


def timed(db, runs, sql, args=(), warm=True):
    if warm:
        db.execute(sql, args).fetchall()
    samples = []
    out = None
    for _ in range(runs):
        t = time.process_time()
        out = db.execute(sql, args).fetchall()
        samples.append((time.process_time() - t) * 1000)
    return samples, out


def timed_call(runs, fn, warm=True):
    if warm:
        fn()
    samples = []
    out = None
    for _ in range(runs):
        t = time.process_time()
        out = fn()
        samples.append((time.process_time() - t) * 1000)
    return samples, out


def connect(path, functions=None):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, isolation_level=None)
    if functions:
        db.enable_load_extension(True)
        db.load_extension(functions)
    db.execute("PRAGMA cache_size = -65536")
    db.execute("PRAGMA mmap_size = 268435456")
    return db


# ---------------------------------------------------------------- sizes

S6_PARTS = [
    ("messages (rows)", ("messages",)),
    ("messages (indexes)", ("sqlite_autoindex_messages_1", "sqlite_autoindex_messages_2",
                            "messages_received", "messages_status", "messages_channel",
                            "messages_language", "messages_office", "messages_duplicates",
                            "messages_external_id")),
    ("search (pairs, positions)", ("message_search_data", "message_search_idx", "message_search_config")),
    ("search (characters)", ("message_chars_data", "message_chars_idx", "message_chars_config")),
    ("copies", ("copies", "copies_waiting")),
    ("batches and items", ("batches", "sqlite_autoindex_batches_1", "sqlite_autoindex_batches_2",
                           "batch_items", "batch_items_copy")),
    ("history", ("history", "history_fields")),
    ("derived: tallies, facts, sender order", ("tallies", "message_facts", "sender_order",
                                               "detainee_bits")),
]
S5_PARTS = [
    ("messages (rows, with search_key)", ("messages",)),
    ("messages (indexes)", ("sqlite_autoindex_messages_1", "sqlite_autoindex_messages_2",
                            "messages_received_on", "messages_status", "messages_duplicates",
                            "messages_external_id", "messages_breakdown", "messages_sender_sort")),
    ("search (trigrams, positions)", ("messages_fts_data", "messages_fts_idx", "messages_fts_docsize",
                                      "messages_fts_config")),
    ("copies", ("copies", "sqlite_autoindex_copies_1", "sqlite_autoindex_copies_2", "copies_detainee",
                "copies_delivered_on", "copies_message_state", "copy_tallies")),
    ("batches and items", ("batches", "sqlite_autoindex_batches_1", "sqlite_autoindex_batches_2",
                           "batch_items", "sqlite_autoindex_batch_items_1",
                           "sqlite_autoindex_batch_items_2", "batch_items_copy")),
    ("history", ("history", "history_entity")),
]


def sizes(db, path, label, parts, n):
    total = os.path.getsize(path)
    rows = {name: size for name, size in db.execute("SELECT name, sum (pgsize) FROM dbstat GROUP BY name")}
    result("%s: bytes per message, whole file" % label, [total / n], "B",
           "%s: %.2f GB for %d messages" % (os.path.basename(path), total / 1e9, n))
    seen = set()
    for part, names in parts:
        size = sum(rows.get(x, 0) for x in names)
        seen.update(names)
        result("%s: bytes per message, %s" % (label, part), [size / n], "B")
    rest = sum(v for k, v in rows.items() if k not in seen)
    result("%s: bytes per message, the rest" % label, [rest / n], "B")


# ---------------------------------------------------------------- jobs on schema 6

def s6_stats(db, runs):
    n = db.execute("SELECT count (*) FROM messages").fetchone()[0]
    for as_of, job in ((None, "stats (today)"), ("2016-10-10", "stats as of 2016-10-10")):
        samples, _ = timed_call(runs, lambda: figures.from_tallies(db, as_of))
        f = figures.from_tallies(db, as_of)
        result("s6: " + job, samples, "ms CPU",
               "tallies: %d sent, %d delivered" % (f["sent"], f["delivered"]))
    samples, _ = timed(db, runs, figures.BREAKDOWN_SQL, (None,))
    result("s6: breakdown by country, office, language", samples, "ms CPU", "tallies")
    samples, _ = timed(db, runs, "SELECT day, sum (n) FROM tallies WHERE kind IN ('received:new', "
                       "'received:transcribed', 'received:approved') GROUP BY day")
    result("s6: messages sent by day (the infographic's series)", samples, "ms CPU", "tallies")
    return n


def first_rows_sql(s6):
    if s6:
        return ("SELECT m.id, m.ref, m.received_on, m.channel, m.sender_name, m.language, "
                "substr (m.original_text, 1, 160), m.status, f.addressees "
                "FROM messages m LEFT JOIN message_facts f ON f.message_rowid = m.rowid "
                "WHERE m.rowid IN (SELECT rowid FROM messages ORDER BY received_on DESC, rowid DESC LIMIT 30)")
    return ("SELECT m.id, m.ref, m.received_on, m.channel, m.sender_name, m.language, "
            "substr (m.original_text, 1, 160), m.status, "
            "(SELECT group_concat (d.name_en, ', ') FROM copies c JOIN detainees d ON d.id = c.detainee_id "
            "WHERE c.message_id = m.id) FROM messages m WHERE m.rowid IN (SELECT rowid FROM messages "
            "ORDER BY received_on DESC, rowid DESC LIMIT 30)")


SEARCHES = [
    ("3+ rare Latin", "ouagadougou"),
    ("3+ rare Khmer", "ស្ទឹងត្រែង"),
    ("3+ rare name", "lavoie"),
    ("3+ absent", "xylophone"),
    ("3+ common Latin", "strong"),
    ("3+ two words", "free the"),
    ("3+ common Khmer", "សិទ្ធិមនុស្ស"),
    ("3+ very common", "the"),
    ("2 absent", "qx"),
    ("2 rare", "zu"),
    ("2 Khmer name", "នី"),
    ("2 Khmer", "ស្"),
    ("1 common Khmer", "ស"),
    ("1 common Latin", "e"),
    ("1 rare", "ø"),
]


def s6_match(db, key):
    """The MATCH expression for a search key: characters alone, or a phrase of pairs."""
    if len(key) < 2:
        return "message_chars", '"%s"' % key
    return "message_search", '"%s"' % db.execute("SELECT sb_bigrams (?)", (key,)).fetchone()[0]


def s5_match(key):
    if len(key) < 3:
        return None
    return '"%s"' % key


def search_jobs(db, runs, s6):
    label = "s6" if s6 else "s5"
    for job, term in SEARCHES:
        key = db.execute("SELECT sb_text_key (?)", (term,)).fetchone()[0]
        if s6:
            table, match = s6_match(db, key)
            page = ("SELECT m.id FROM %s f JOIN messages m ON m.rowid = f.rowid WHERE %s MATCH ?1 "
                    "AND m.status != 'deleted' ORDER BY f.rowid DESC LIMIT 50" % (table, table))
            count = ("SELECT count (*) FROM (SELECT 1 FROM %s f JOIN messages m ON m.rowid = f.rowid "
                     "WHERE %s MATCH ?1 AND m.status != 'deleted' LIMIT %d)" % (table, table, COUNT_MAX + 1))
            every = "SELECT count (*), max (rowid) FROM %s WHERE %s MATCH ?1" % (table, table)
            arg = match
        else:
            match = s5_match(key)
            if match is None:
                page = ("SELECT id FROM messages WHERE instr (search_key, ?1) > 0 AND status != 'deleted' "
                        "ORDER BY rowid DESC LIMIT 50")
                count = ("SELECT count (*) FROM (SELECT 1 FROM messages WHERE instr (search_key, ?1) > 0 "
                         "AND status != 'deleted' LIMIT %d)" % (COUNT_MAX + 1))
                every = "SELECT count (*), max (rowid) FROM messages WHERE instr (search_key, ?1) > 0"
                arg = key
            else:
                page = ("SELECT m.id FROM messages_fts f JOIN messages m ON m.rowid = f.rowid "
                        "WHERE messages_fts MATCH ?1 AND m.status != 'deleted' ORDER BY f.rowid DESC LIMIT 50")
                count = ("SELECT count (*) FROM (SELECT 1 FROM messages_fts f JOIN messages m "
                         "ON m.rowid = f.rowid WHERE messages_fts MATCH ?1 AND m.status != 'deleted' "
                         "LIMIT %d)" % (COUNT_MAX + 1))
                every = "SELECT count (*), max (rowid) FROM messages_fts WHERE messages_fts MATCH ?1"
                arg = match
        slow = not s6 and match is None
        r = 2 if slow else runs

        def search():
            ids = db.execute(page, (arg,)).fetchall()
            total = db.execute(count, (arg,)).fetchone()[0]
            return len(ids), total
        samples, (shown, total) = timed_call(r, search, not slow)
        result("%s: search %s (first 50 and count to 1,000+)" % (label, job), samples, "ms CPU",
               "“%s”: %d shown, total %s" % (term, shown, "%d" % total if total <= COUNT_MAX else "1,000+"))
        samples, out = timed(db, r, every, (arg,), not slow)
        result("%s: search %s (every match, for the list)" % (label, job), samples, "ms CPU",
               "“%s”: %d messages" % (term, out[0][0]))


def list_jobs(db, runs, s6):
    label = "s6" if s6 else "s5"
    samples, _ = timed(db, runs, first_rows_sql(s6))
    result("%s: first 30 rows of the list, newest first" % label, samples, "ms CPU")
    samples, out = timed(db, runs, "SELECT count (*), sum (rowid) FROM messages INDEXED BY %s"
                         % ("messages_received" if s6 else "messages_received_on"))
    result("%s: every message in date order (the list's ids)" % label, samples, "ms CPU", "%d ids" % out[0][0])
    if s6:
        order = "SELECT count (*), sum (rowid_) FROM sender_order"
    else:
        order = "SELECT count (*), sum (rowid) FROM messages INDEXED BY messages_sender_sort"
    samples, out = timed(db, runs, order)
    result("%s: every message in sender order (the list's ids)" % label, samples, "ms CPU", "%d ids" % out[0][0])
    detainee = db.execute("SELECT id FROM detainees ORDER BY position LIMIT 1 OFFSET 3").fetchone()[0]
    filters = [
        ("channel online", "SELECT count (*), sum (rowid) FROM messages INDEXED BY messages_channel "
                           "WHERE channel = 'online'" if s6 else None, ()),
        ("status approved", "SELECT count (*), sum (rowid) FROM messages INDEXED BY messages_status "
                            "WHERE status = 'approved'", ()),
        ("language fr", "SELECT count (*), sum (rowid) FROM messages INDEXED BY messages_language "
                        "WHERE language = 'fr'" if s6 else None, ()),
        ("detainee Lim Mony", "SELECT count (*), sum (message_rowid) FROM message_facts "
                              "WHERE addressees & (SELECT 1 << bit FROM detainee_bits WHERE detainee_id = ?1)"
                              if s6 else None, (detainee,)),
    ]
    for name, sql, args in filters:
        if sql is None:
            continue
        samples, out = timed(db, runs, sql, args)
        result("%s: filter %s (its ids)" % (label, name), samples, "ms CPU", "%d ids" % out[0][0])
    # The whole job in one statement: sorted by sender, one filter. The app intersects
    # the two id lists above in C instead (src/store/sb-store-message-list.c).
    if s6:
        combined = [
            ("channel online", "SELECT count (*), sum (o.rowid_) FROM sender_order o "
             "WHERE o.rowid_ IN (SELECT rowid FROM messages WHERE channel = 'online')", ()),
            ("detainee Lim Mony", "SELECT count (*), sum (o.rowid_) FROM sender_order o "
             "JOIN message_facts f ON f.message_rowid = o.rowid_ "
             "WHERE f.addressees & (SELECT 1 << bit FROM detainee_bits WHERE detainee_id = ?1)", (detainee,)),
        ]
    else:
        combined = [
            ("channel online", "SELECT count (*), sum (m.rowid) FROM messages m WHERE m.status != 'deleted' "
             "AND m.channel = 'online' ORDER BY +m.sender_sort_key, m.rowid", ()),
        ]
    for name, sql, args in combined:
        samples, out = timed(db, max(3, runs // 3), sql, args)
        result("%s: sort by sender, %s, one SQL statement" % (label, name), samples, "ms CPU",
               "%d ids" % out[0][0])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--functions", required=True)
    parser.add_argument("--s6", required=True)
    parser.add_argument("--s5")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    db = connect(args.s6, args.functions)
    n = s6_stats(db, args.runs)
    sizes(db, args.s6, "s6", S6_PARTS, n)
    list_jobs(db, args.runs, True)
    search_jobs(db, args.runs, True)
    db.close()
    if args.s5:
        db = connect(args.s5, args.functions)
        n = db.execute("SELECT count (*) FROM messages").fetchone()[0]
        sizes(db, args.s5, "s5", S5_PARTS, n)
        list_jobs(db, args.runs, False)
        search_jobs(db, args.runs, False)
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
