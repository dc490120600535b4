"""`position_at` for many actors at once, in three statements instead of three per actor (stances).

The same rules and the same answers as `positions.position_at` (a property test asks both on random
timelines): for each actor, the latest definite record (period end on or before the day; greatest
end, then later recorded), the records whose period straddles the day (`possibly`, timeline order),
and the definite records with another rolled stance that reach the chosen record's start
(`uncertain_order`, position order, latest first). Current records only: an answer as known at an
earlier record time goes through `position_at` itself.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any

from timeline.queries.names import ActorRef, counted, rolled_stance
from timeline.queries.records import record_json


def positions_at(
    conn: sqlite3.Connection, refs: list[ActorRef], signs: dict[str, int], topic: str, on: date
) -> dict[str, dict[str, Any]]:
    """Each actor's `position_at(conn, ref, topic, on)` answer, by the actor's uuid; `signs` is
    `topic_signs(conn, topic)`."""
    day = on.isoformat()
    owner = {member: ref for ref in refs for member in ref.uuids}
    topics = list(signs)
    in_topics = f"topic IN ({','.join('?' * len(topics))})"
    members = json.dumps(list(owner))

    latest: dict[str, dict[str, Any]] = {}  # the actor's uuid → its latest definite record
    for row in _rows(
        conn, "SELECT r.* FROM json_each(?) a JOIN records r ON r.rowid = (SELECT rowid FROM records "
        f"WHERE actor_uuid = a.value AND {in_topics} AND status != 'retracted' AND end <= ? "
        "ORDER BY end DESC, seq DESC LIMIT 1)",
        [members, *topics, day],
    ):
        key = owner[row["actor_uuid"]].uuid
        if key not in latest or (row["end"], row["seq"]) > (latest[key]["end"], latest[key]["seq"]):
            latest[key] = row

    possibly: dict[str, list[dict[str, Any]]] = {}
    # The records straddling the day are found on the shorter side of it: each actor's entries that
    # end after the day (the (actor, topic, end…) index; `+start` keeps the planner on it), or those
    # that start by it (the (topic, actor, start, status, end) index; `+end`). Both indexes carry
    # start, end and status, so only the straddling records are looked up; which side is shorter is
    # counted on the first actor's entries (a guess: either side gives the same rows, in order).
    side = "+start <= ? AND end > ?" if _later_is_shorter(conn, next(iter(owner), None), topics, day) \
        else "start <= ? AND +end > ?"
    for row in _rows(
        conn, f"SELECT * FROM records WHERE actor_uuid IN (SELECT value FROM json_each(?)) AND {in_topics} "
        f"AND status != 'retracted' AND {side} ORDER BY start, end, seq",
        [members, *topics, day, day],
    ):
        possibly.setdefault(owner[row["actor_uuid"]].uuid, []).append(row)

    chosen = {member: latest[ref.uuid] for member, ref in owner.items() if ref.uuid in latest}
    near: dict[str, list[dict[str, Any]]] = {}
    if chosen:
        # The chosen record is left out by its seq (the rowid, in the index), not its uuid (in the
        # table): the index alone says which entries to look up, so the chosen rows are not read again.
        pairs = json.dumps([[member, row["start"], row["seq"]] for member, row in chosen.items()])
        for row in _rows(
            conn, "SELECT r.* FROM json_each(?) c JOIN records r ON r.actor_uuid = json_extract(c.value, '$[0]') "
            f"WHERE r.{in_topics} AND r.status != 'retracted' AND r.end <= ? "
            "AND r.end >= json_extract(c.value, '$[1]') AND r.seq != json_extract(c.value, '$[2]') "
            "ORDER BY r.end DESC, r.seq DESC",
            [pairs, *topics, day],
        ):
            near.setdefault(owner[row["actor_uuid"]].uuid, []).append(row)

    answers: dict[str, dict[str, Any]] = {}
    for ref in refs:
        row = latest.get(ref.uuid)
        record = record_json(row, ref.name) if row is not None else None
        stance, flipped = rolled_stance(record, signs)
        uncertain = [r for r in near.get(ref.uuid, []) if rolled_stance(r, signs)[0] != stance]
        answers[ref.uuid] = {
            "topic": topic,
            "stance": stance,
            "record": record,
            "possibly": [counted(record_json(r, ref.name), signs) for r in possibly.get(ref.uuid, [])],
            "uncertain_order": [counted(record_json(r, ref.name), signs) for r in uncertain],
            "flipped": flipped,
        }
    return answers


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """The statement's rows as dicts (column → value): `record_json` reads 17 columns of each, and
    sqlite3.Row finds a column by comparing its name with every column before it, case-folded
    (≈ 15 % of a `stances` call's instructions at 1M records went to that)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


# An actor with a vast history on one topic costs at most this many entries on each side to count.
SIDE_COUNT_LIMIT = 2000


def _later_is_shorter(conn: sqlite3.Connection, member: str | None, topics: list[str], day: str) -> bool:
    """Whether `member` has no more entries on the topics that end after the day than entries that
    start on or before it (two counts over one actor's index entries: ≈ 80 each at 1M records),
    each counted up to SIDE_COUNT_LIMIT."""
    if member is None:
        return True
    in_topics = f"topic IN ({','.join('?' * len(topics))})"
    later, begun = conn.execute(
        f"SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM records WHERE actor_uuid = ? AND {in_topics} AND end > ? "
        f"LIMIT {SIDE_COUNT_LIMIT})), (SELECT COUNT(*) FROM (SELECT 1 FROM records WHERE {in_topics} "
        f"AND actor_uuid = ? AND start <= ? LIMIT {SIDE_COUNT_LIMIT}))",
        [member, *topics, day, *topics, member, day],
    ).fetchone()
    return later <= begun

