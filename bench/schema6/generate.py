#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds a campaign of N messages in the proposed schema 6 (bench/schema6/schema6.sql).

  generate.py N FILE --functions PATH/sbfunctions.so [--seed S] [--rows]

The messages are those of bench/sb-bench-generate (see campaign.py); their history
is what schema 6 records for the same work (docs/schema-6.md): online messages
arrive by one import a day (one history entry for the file), postcards are typed
one by one (one entry each), each review is one entry; delivered and rejected
copies go through batches of 50 per facility and day, each batch with its six
entries (created, filled, sealed, handed over, outcomes, closed).

By default the rows are written with the derived data switched off and the derived
data (search indexes, sender order, message facts, tallies) built afterwards in bulk
(derive-search.sql, derive-figures.sql), as the migration does. --rows instead writes everything through the
triggers, row by row and step by step (add, assign, approve, batch, deliver), as
the app would: slow, for checking that the triggers and the bulk rebuild agree.
"""

import argparse
import hashlib
import os
import random
import sqlite3
import sys
import time

import campaign

HERE = os.path.dirname(os.path.abspath(__file__))
LAUNCH = 736184  # date(2016, 8, 8).toordinal()


def day_text(day):
    import datetime
    return datetime.date.fromordinal(LAUNCH + day).isoformat()


class Ids:
    """UUIDv7 blobs from a seeded generator: 48 bits of milliseconds, version 7,
    then random bits. The same seed gives the same file."""

    def __init__(self, rand):
        self.r = rand

    def at(self, day, second=0):
        ms = (1470614400 + day * 86400 + second) * 1000 + self.r.randrange(1000)
        rest = self.r.getrandbits(80)
        b = bytearray(ms.to_bytes(6, "big") + rest.to_bytes(10, "big"))
        b[6] = 0x70 | (b[6] & 0x0F)
        b[8] = 0x80 | (b[8] & 0x3F)
        return bytes(b)


def moment(day, second):
    return "%sT%02d:%02d:%02dZ" % (day_text(day), second // 3600 % 24, second // 60 % 60, second % 60)


def ranges(positions):
    """1,2,3,5 → '1-3,5'."""
    out, start, prev = [], None, None
    for p in sorted(positions):
        if start is None:
            start = prev = p
        elif p == prev + 1:
            prev = p
        else:
            out.append("%d-%d" % (start, prev) if prev > start else "%d" % start)
            start = prev = p
    if start is not None:
        out.append("%d-%d" % (start, prev) if prev > start else "%d" % start)
    return ",".join(out)


def connect(path, functions):
    db = sqlite3.connect(path, isolation_level=None)
    db.enable_load_extension(True)
    db.load_extension(functions)
    db.enable_load_extension(False)
    return db


def create(db, source, ids):
    db.executescript(open(os.path.join(HERE, "schema6.sql"), encoding="utf-8").read())
    db.execute("PRAGMA user_version = 6")
    for k, v in (("name", "#Freethe5KH solidarity"), ("hashtag", "#Freethe5KH"),
                 ("launch_date", "2016-08-08")):
        db.execute("INSERT INTO settings VALUES (?, ?)", (k, v))
    db.execute("INSERT INTO replica VALUES ('office_code', 'HQ')")
    facilities = [ids.at(-10), ids.at(-10)]
    db.execute("INSERT INTO facilities (id, code, name_en, name_km, address, rules) VALUES (?, 'PS', "
               "'Prey Sar prison (CC1/CC2)', 'ពន្ធនាគារព្រៃស', 'Prey Sar, Dangkao, Phnom Penh', "
               "'No political slogans; nothing about the court case.')", (facilities[0],))
    db.execute("INSERT INTO facilities (id, code, name_en, name_km, kind) VALUES (?, 'PJ', "
               "'Police Judiciaire', 'ប៉ូលិសយុត្តិធម៌', 'police')", (facilities[1],))
    detainees = []
    for i, (en, km, role, fac) in enumerate(source.detainees):
        detainees.append(ids.at(-10))
        db.execute("INSERT INTO detainees VALUES (?, ?, ?, ?, ?, '2016-04-28', NULL, ?)",
                   (detainees[-1], en, km, role, facilities[int(fac)], i))
    offices = []
    for code, name, city in source.offices:
        offices.append(ids.at(-10))
        db.execute("INSERT INTO offices VALUES (?, ?, ?, ?)", (offices[-1], code, name, city))
    for sid, subject, action, detail in (
            [(ids.at(-10), facilities[i], "facility.add", None) for i in range(2)] +
            [(ids.at(-10), d, "detainee.add", None) for d in detainees] +
            [(ids.at(-10), o, "office.add", None) for o in offices]):
        db.execute("INSERT INTO history VALUES (?, ?, ?, 'bench', ?, ?)",
                   (subject, sid, moment(-10, 0), action, detail))
    return facilities, detainees, offices


MESSAGE_SQL = ("INSERT INTO messages (id, ref, received_on, status, channel, language, office_id, "
               "consent, import_id, import_row, sender_name, sender_city, sender_country, "
               "sender_contact, hold_reason, original_text, translation_km, translation_en) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
COPY_SQL = ("INSERT INTO copies (detainee_id, message_id, state, attempts, outcome_reason, delivered_on) "
            "VALUES (?, ?, ?, ?, ?, ?)")
ITEM_SQL = ("INSERT INTO batch_items (batch_id, detainee_id, message_id, position, outcome, "
            "outcome_reason, outcome_on) VALUES (?, ?, ?, ?, ?, ?, ?)")
HISTORY_SQL = "INSERT INTO history VALUES (?, ?, ?, ?, ?, ?)"
REJECTED = "Refused by the prison administration"


class Batches:
    """Batches of at most 50 items per facility and delivery day."""

    def __init__(self, ids, facilities, source):
        self.ids = ids
        self.facilities = facilities
        self.fac_of = [int(d[3]) for d in source.detainees]
        self.open = {}
        self.all = []
        self.pending = []
        self.count = [0, 0]

    def item(self, detainee, day):
        fac = self.fac_of[detainee]
        batch = self.open.get((fac, day))
        if batch is None or len(batch["items"]) == 50:
            self.count[fac] += 1
            batch = {"id": self.ids.at(max(day - 2, 0), 9 * 3600), "fac": fac, "day": day,
                     "code": "%s-%04d" % ("PS" if fac == 0 else "PJ", self.count[fac]),
                     "items": [], "rejected": {}}
            self.open[(fac, day)] = batch
            self.all.append(batch)
            self.pending.append(batch)
        batch["items"].append(None)
        return batch, len(batch["items"])

    def create(self, db):
        """Batches opened since the last call: written before their items (the
        items' foreign key), completed by write()."""
        for b in self.pending:
            db.execute("INSERT INTO batches (id, code, facility_id, created_on) VALUES (?, ?, ?, ?)",
                       (b["id"], b["code"], self.facilities[b["fac"]], day_text(max(b["day"] - 2, 0))))
        self.pending.clear()

    def write(self, db):
        for b in self.all:
            day, n = b["day"], len(b["items"])
            listing = b["code"].encode() + n.to_bytes(2, "big")
            digest = hashlib.sha256(listing).hexdigest()
            db.execute("UPDATE batches SET state = 'closed', sealed_at = ?, digest = ?, "
                       "handed_over_at = ?, handed_by = 'Chhay Vibol', received_by = "
                       "'Prison registry clerk', received_position = 'Registry', closed_at = ? "
                       "WHERE id = ?", (moment(max(day - 1, 0), 10 * 3600), digest,
                                        moment(day, 9 * 3600), moment(day, 17 * 3600), b["id"]))
            delivered = [p for p in range(1, n + 1) if p not in b["rejected"]]
            outcome = '{"delivered":"%s"%s}' % (ranges(delivered), "".join(
                ',"rejected":{"%d":"%s"}' % (p, r) for p, r in sorted(b["rejected"].items())))
            for k, (action, d, second, detail) in enumerate((
                    ("batch.create", max(day - 2, 0), 9 * 3600, None),
                    ("batch.add", max(day - 2, 0), 9 * 3600 + 60, '{"items":%d}' % n),
                    ("batch.seal", max(day - 1, 0), 10 * 3600, '{"digest":"%s","items":%d}' % (digest, n)),
                    ("batch.handover", day, 9 * 3600,
                     '{"by":"Chhay Vibol","to":"Prison registry clerk","position":"Registry"}'),
                    ("batch.outcome", day, 16 * 3600, outcome),
                    ("batch.close", day, 17 * 3600, None))):
                db.execute(HISTORY_SQL, (b["id"], b["id"] if k == 0 else self.ids.at(d, second),
                                         moment(d, second), "Sreymom", action, detail))


def generate(db, n, seed, source):
    rand = random.Random(seed)
    ids = Ids(random.Random(seed + 1))
    composer = campaign.Composer(source, rand)
    facilities, detainees, offices = create(db, source, ids)
    batches = Batches(ids, facilities, source)
    sequences = {}
    imports = {}
    db.execute("SELECT sb_set_bulk (1)")
    db.execute("BEGIN")
    chunk_messages, chunk_copies, chunk_items, chunk_history = [], [], [], []

    def flush():
        batches.create(db)
        db.executemany(MESSAGE_SQL, chunk_messages)
        db.executemany(COPY_SQL, chunk_copies)
        db.executemany(ITEM_SQL, chunk_items)
        db.executemany(HISTORY_SQL, chunk_history)
        for chunk in (chunk_messages, chunk_copies, chunk_items, chunk_history):
            chunk.clear()

    for i in range(n):
        m = composer.message(i, n)
        day = m["received"]
        second = (i * 7919) % 86400
        mid = ids.at(day, second)
        prefix = source.offices[m["office"]][0] if m["office"] is not None else "HQ"
        sequences[prefix] = sequences.get(prefix, 0) + 1
        ref = "%s-%04d" % (prefix, sequences[prefix])
        import_id = import_row = None
        if m["channel"] == "online":
            # One export a day, imported at once: one history entry for the file.
            imp = imports.get(day)
            if imp is None:
                imp = imports[day] = {"id": ids.at(day, 8 * 3600), "rows": 0}
            imp["rows"] += 1
            import_id, import_row = imp["id"], imp["rows"] + 1
        else:
            chunk_history.append((mid, ids.at(day, second), moment(day, second), "Dara", "message.add", None))
        review = m["review"]
        status = review if review != "new" else "new"
        copies = []
        for k, d in enumerate(m["detainees"]):
            fate = m["fates"][k]
            if review != "approved":
                copies.append([detainees[d], mid, "pending", 0, "", None])
            elif fate is None:
                copies.append([detainees[d], mid, "waiting", 0, "", None])
            else:
                batch, position = batches.item(d, fate[1])
                outcome_on = day_text(fate[1])
                if fate[0] == "rejected":
                    batch["rejected"][position] = REJECTED
                    copies.append([detainees[d], mid, "rejected", 1, REJECTED, None])
                else:
                    copies.append([detainees[d], mid, "delivered", 1, "", outcome_on])
                chunk_items.append((batch["id"], detainees[d], mid, position, fate[0],
                                    REJECTED if fate[0] == "rejected" else "", outcome_on))
        if review in ("approved", "held"):
            rs = second + 3600
            chunk_history.append((mid, ids.at(day, rs), moment(day, rs), "Sophea",
                                  "message." + ("approve" if review == "approved" else "hold"),
                                  '{"reason":"%s"}' % m["hold_reason"] if review == "held" else None))
        chunk_messages.append((mid, ref, day_text(day), status, m["channel"], m["language"],
                               offices[m["office"]] if m["office"] is not None else None,
                               m["consent"], import_id, import_row, m["sender_name"], m["sender_city"],
                               m["sender_country"], m["sender_contact"], m["hold_reason"],
                               m["original_text"], m["translation_km"], m["translation_en"]))
        chunk_copies.extend(copies)
        if len(chunk_messages) >= 5000:
            flush()
    flush()
    for day, imp in sorted(imports.items()):
        detail = ('{"file":"webform-%s.csv","sha256":"%s","rows":"2-%d","messages":%d}'
                  % (day_text(day), hashlib.sha256(imp["id"]).hexdigest(), imp["rows"] + 1, imp["rows"]))
        db.execute(HISTORY_SQL, (imp["id"], imp["id"], moment(day, 8 * 3600), "Dara", "import", detail))
    batches.write(db)
    for prefix, seq in sequences.items():
        db.execute("INSERT INTO replica VALUES (?, ?)", ("next:" + prefix, seq + 1))
    db.execute("COMMIT")
    return len(batches.all), len(imports)


def generate_rows(db, n, seed, source):
    """Step by step through the triggers, as the app would: add, assign, review,
    then batches and outcomes, each its own statement."""
    rand = random.Random(seed)
    ids = Ids(random.Random(seed + 1))
    composer = campaign.Composer(source, rand)
    facilities, detainees, offices = create(db, source, ids)
    db.execute("SELECT sb_set_bulk (0)")
    db.execute("BEGIN")
    fates = []
    for i in range(n):
        m = composer.message(i, n)
        day = m["received"]
        mid = ids.at(day, i)
        ref = "HQ-%04d" % (i + 1)
        db.execute(MESSAGE_SQL, (mid, ref, day_text(day), "new", m["channel"], m["language"],
                                 offices[m["office"]] if m["office"] is not None else None,
                                 m["consent"], None, None, m["sender_name"], m["sender_city"],
                                 m["sender_country"], m["sender_contact"], "", m["original_text"],
                                 m["translation_km"], m["translation_en"]))
        for d in m["detainees"]:
            db.execute(COPY_SQL, (detainees[d], mid, "pending", 0, "", None))
        if m["review"] != "new":
            db.execute("UPDATE messages SET status = 'transcribed' WHERE id = ?", (mid,))
        if m["review"] == "held":
            db.execute("UPDATE messages SET status = 'held', hold_reason = ? WHERE id = ?",
                       (m["hold_reason"], mid))
        if m["review"] == "approved":
            db.execute("UPDATE messages SET status = 'approved' WHERE id = ?", (mid,))
            for d in m["detainees"]:
                db.execute("UPDATE copies SET state = 'waiting' WHERE detainee_id = ? AND message_id = ?",
                           (detainees[d], mid))
        for k, d in enumerate(m["detainees"]):
            if m["fates"][k] is not None:
                fates.append((m["fates"][k], detainees[d], mid))
        # Now and then something changes its mind: a day corrected, a hold lifted,
        # a duplicate found, a copy removed — the triggers must follow.
        if i % 97 == 5:
            # A correction: one history entry, its changed field under it.
            entry = ids.at(day, i + 60)
            db.execute(HISTORY_SQL, (mid, entry, moment(day, i + 60), "Dara", "message.edit", None))
            db.execute("SELECT sb_set_action (?)", (entry,))
            db.execute("UPDATE messages SET received_on = ? WHERE id = ?", (day_text(max(day - 3, 0)), mid))
            db.execute("SELECT sb_set_action (NULL)")
        if i % 89 == 7 and m["review"] == "held":
            db.execute("UPDATE messages SET status = 'approved' WHERE id = ?", (mid,))
        if i % 83 == 11 and i > 0:
            db.execute("UPDATE messages SET duplicate_of = (SELECT id FROM messages WHERE rowid = 1) "
                       "WHERE id = ?", (mid,))
        if i % 79 == 13 and len(m["detainees"]) > 1:
            db.execute("DELETE FROM copies WHERE detainee_id = ? AND message_id = ?",
                       (detainees[m["detainees"][0]], mid))
            fates = [f for f in fates if not (f[1] == detainees[m["detainees"][0]] and f[2] == mid)]
    for (fate, day), detainee, mid in fates:
        db.execute("UPDATE copies SET state = 'in_batch', attempts = 1 "
                   "WHERE detainee_id = ? AND message_id = ?", (detainee, mid))
    for k, ((fate, day), detainee, mid) in enumerate(fates):
        if fate == "delivered":
            db.execute("UPDATE copies SET state = 'delivered', delivered_on = ? "
                       "WHERE detainee_id = ? AND message_id = ?", (day_text(day), detainee, mid))
        elif k % 2:
            db.execute("UPDATE copies SET state = 'rejected', outcome_reason = ? "
                       "WHERE detainee_id = ? AND message_id = ?", (REJECTED, detainee, mid))
    # A few messages held after delivery, and one deleted.
    db.execute("UPDATE messages SET status = 'held' WHERE rowid % 211 = 3")
    db.execute("UPDATE messages SET status = 'deleted' WHERE rowid % 307 = 4")
    db.execute("COMMIT")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("file")
    parser.add_argument("--functions", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rows", action="store_true")
    parser.add_argument("--page-size", type=int, default=4096)
    args = parser.parse_args()

    source = campaign.Source(os.path.join(HERE, "..", "sb-bench-campaign.c"),
                             os.path.join(HERE, "..", "sb-bench-campaign.h"))
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(args.file + suffix):
            os.unlink(args.file + suffix)
    db = connect(args.file, args.functions)
    db.execute("PRAGMA page_size = %d" % args.page_size)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA cache_size = -262144")
    db.execute("PRAGMA foreign_keys = ON")
    start = time.monotonic()
    if args.rows:
        generate_rows(db, args.n, args.seed, source)
        print("%d messages through the triggers in %.1f s" % (args.n, time.monotonic() - start))
    else:
        n_batches, n_imports = generate(db, args.n, args.seed, source)
        t = time.monotonic()
        print("%d messages, %d batches, %d imports written in %.1f s"
              % (args.n, n_batches, n_imports, t - start), flush=True)
        db.execute("SELECT sb_set_bulk (0)")
        for script in ("derive-search.sql", "derive-figures.sql"):
            db.executescript(open(os.path.join(HERE, script), encoding="utf-8").read())
        print("derived data (search, sender order, message facts, tallies) built in %.1f s"
              % (time.monotonic() - t))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


if __name__ == "__main__":
    sys.exit(main())
