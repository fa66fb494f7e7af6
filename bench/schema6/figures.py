# SPDX-License-Identifier: GPL-3.0-or-later
"""The campaign's figures in schema 6: from the tallies (what the store would run),
and, to check them, straight from the rows by the counting rules of
src/store/sb-store-stats.c (docs/architecture.md, "Counting rules")."""

# What sb_store_count() would run in schema 6: one read of the tallies.
TALLIES_SQL = ("SELECT kind, key, sum (n) FROM tallies WHERE ?1 IS NULL OR day <= ?1 "
               "GROUP BY kind, key")

STATES = ("pending", "waiting", "in_batch", "delivered", "rejected", "returned")


def from_tallies(db, as_of):
    f = {"received": 0, "held": 0, "new": 0, "transcribed": 0, "approved": 0, "delivered": 0}
    copies = dict.fromkeys(STATES, 0)
    copies_delivered = 0
    detainees = {}
    for kind, key, n in db.execute(TALLIES_SQL, (as_of,)):
        if kind.startswith("received:"):
            f["received"] += n
            f[kind[9:]] += n
        elif kind == "delivered":
            f["delivered"] += n
        elif kind.startswith("copies:") or kind.startswith("held-copies:"):
            copies[kind.split(":")[1]] += n
            if kind.startswith("copies:"):
                detainees.setdefault(key, [0, 0])[0] += n
        elif kind in ("copies-delivered", "held-copies-delivered"):
            copies_delivered += n
            if kind == "copies-delivered":
                detainees.setdefault(key, [0, 0])[1] += n
    # Copies delivered after the as-of day were still in their batch then.
    copies["in_batch"] += copies["delivered"] - copies_delivered
    copies["delivered"] = copies_delivered
    f["sent"] = f["received"] - f["held"]
    f["copies"] = copies
    f["detainees"] = {k: tuple(v) for k, v in detainees.items() if v != [0, 0]}
    return f


def from_rows(db, as_of):
    """The counting rules, read from every row (slow; for checking)."""
    counted = ("m.status != 'deleted' AND m.duplicate_of IS NULL AND (?1 IS NULL OR m.received_on <= ?1)")
    delivery = ("(SELECT CASE WHEN count (*) > 0 AND count (c.delivered_on) = count (*) "
                "THEN max (c.delivered_on) END FROM copies c WHERE c.message_id = m.id)")
    row = db.execute(
        "SELECT count (*), count (*) FILTER (WHERE m.status = 'held'), "
        "count (*) FILTER (WHERE m.status = 'new'), count (*) FILTER (WHERE m.status = 'transcribed'), "
        "count (*) FILTER (WHERE m.status = 'approved'), "
        "count (*) FILTER (WHERE m.status != 'held' AND %s IS NOT NULL AND (?1 IS NULL OR %s <= ?1)) "
        "FROM messages m WHERE %s" % (delivery, delivery, counted), (as_of,)).fetchone()
    f = dict(zip(("received", "held", "new", "transcribed", "approved", "delivered"), row))
    f["sent"] = f["received"] - f["held"]
    copies = dict.fromkeys(STATES, 0)
    for state, n, delivered in db.execute(
            "SELECT c.state, count (*), count (*) FILTER (WHERE c.delivered_on IS NOT NULL "
            "AND (?1 IS NULL OR c.delivered_on <= ?1)) FROM copies c JOIN messages m ON m.id = c.message_id "
            "WHERE %s GROUP BY c.state" % counted, (as_of,)):
        if state == "delivered":
            copies["delivered"] += delivered
            copies["in_batch"] += n - delivered
        else:
            copies[state] += n
    f["copies"] = copies
    f["detainees"] = {k: (n, d) for k, n, d in db.execute(
        "SELECT c.detainee_id, count (*), count (*) FILTER (WHERE c.delivered_on IS NOT NULL "
        "AND (?1 IS NULL OR c.delivered_on <= ?1)) FROM copies c JOIN messages m ON m.id = c.message_id "
        "WHERE %s AND m.status != 'held' GROUP BY c.detainee_id" % counted, (as_of,))}
    return f


BREAKDOWN_SQL = ("SELECT kind, key, sum (n) FROM tallies WHERE kind IN ('country', 'office', 'language') "
                 "AND (?1 IS NULL OR day <= ?1) GROUP BY kind, key HAVING sum (n) != 0")


def breakdown_from_rows(db, as_of):
    out = {}
    for kind, column in (("country", "upper (sender_country)"), ("office", "coalesce (office_id, X'')"),
                         ("language", "language")):
        for key, n in db.execute(
                "SELECT %s, count (*) FROM messages WHERE status NOT IN ('deleted', 'held') "
                "AND duplicate_of IS NULL AND (?1 IS NULL OR received_on <= ?1) GROUP BY 1" % column,
                (as_of,)):
            out[(kind, key)] = n
    return out
