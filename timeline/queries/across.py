"""Questions across actors: who stood where on a day (`stances`), every actor's changes
(`changes_across`), and who answered whom (`thread`).

Built on the one-actor answers of `positions` (position_at, changes), so the time rules live in one
place: `stances` is position_at asked of every actor with a record on the topic, and whatever
position_at returns (`possibly`, `uncertain_order`…) stances returns too.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from typing import Any

from events.dates import PartialDate
from timeline.dates import utc_iso
from timeline.queries.asof import moment as asof_moment
from timeline.queries.asof import roster
from timeline.queries.manypositions import positions_at
from timeline.queries.names import ActorRef, subtree, topic_signs
from timeline.queries.positions import changes, position_at
from timeline.queries.records import actor_names, find_record, record_json, version_source

# How stances are grouped: for, against, mixed, neutral, then actors with only a possible record.
STANCE_ORDER = {"support": 0, "oppose": 1, "mixed": 2, "neutral": 3, None: 4}


def actors_on(
    conn: sqlite3.Connection, topic: str | None, *, by: date | None = None, known_at: datetime | None = None
) -> list[ActorRef]:
    """Actors with a record (not retracted, as known at `known_at`) on the topic or its sub-topics
    (any topic when None) whose period starts on or before `by`; in name order."""
    source, args = version_source(known_at)
    clauses = ["status != 'retracted'"]
    if topic is not None:
        topics = subtree(conn, topic, known_at=known_at)
        if known_at is None:
            uuids = _topic_actors(conn, topics, by)
            if uuids is not None:
                return refs_at(conn, uuids, known_at)
        clauses.append(f"topic IN ({','.join('?' * len(topics))})")
        args += topics
    if by is not None:
        clauses.append("start <= ?")
        args.append(by.isoformat())
    uuids = [row[0] for row in conn.execute(f"SELECT DISTINCT actor_uuid FROM {source} WHERE {' AND '.join(clauses)}", args)]
    return refs_at(conn, uuids, known_at)


# Skipping from actor to actor costs about two seeks an actor (≈ 2 µs each), reading the topic's
# entries ≈ 0.1 µs an entry: the skip pays when actors have ≈ 20 or more records each on the topic
# (1M records: 83, the skip takes 1.3 ms against 2.5; 100k: 8, 0.65 ms against 0.27). The first
# actor's count stands for the others; and at most SKIP_SCAN_PAIRS (topic, actor) pairs are skipped
# to, so that a topic of very many actors costs at most that many seeks before it is read whole.
SKIP_SCAN_MIN_RECORDS = 20
SKIP_SCAN_PAIRS = 1000


def _topic_actors(conn: sqlite3.Connection, topics: list[str], by: date | None) -> list[str] | None:
    """The actors of `actors_on` for current records, found by skipping from actor to actor in the
    (topic, actor_uuid, start, status, end) index — one seek for the next actor, one for a record
    of that actor not retracted and started by `by` — instead of reading every record's entry
    (≈ 25,000 a topic at 1M records, 300 actors). None when the topics have more than
    SKIP_SCAN_PAIRS (topic, actor) pairs, or when the topic's first actor has fewer than
    SKIP_SCAN_MIN_RECORDS records on it: the caller reads the entries instead."""
    first = conn.execute(
        "SELECT COUNT(*) FROM records WHERE topic = ?1 "
        "AND actor_uuid = (SELECT MIN(actor_uuid) FROM records WHERE topic = ?1)", [topics[0]],
    ).fetchone()[0]
    if first < SKIP_SCAN_MIN_RECORDS:
        return None
    started = "" if by is None else "AND start <= ?2 "
    pairs = conn.execute(
        "WITH RECURSIVE a(t, u) AS (SELECT value, (SELECT MIN(actor_uuid) FROM records WHERE topic = value) "
        "FROM json_each(?1) UNION ALL SELECT t, (SELECT MIN(actor_uuid) FROM records WHERE topic = a.t "
        "AND actor_uuid > a.u) FROM a WHERE u IS NOT NULL LIMIT ?3) "
        "SELECT u, EXISTS (SELECT 1 FROM records WHERE topic = a.t AND actor_uuid = a.u "
        f"{started}AND status != 'retracted') FROM a WHERE u IS NOT NULL",
        [json.dumps(topics), None if by is None else by.isoformat(), SKIP_SCAN_PAIRS + len(topics) + 1],
    ).fetchall()
    if len(pairs) > SKIP_SCAN_PAIRS:
        return None
    return sorted({uuid for uuid, found in pairs if found})


def refs_at(conn: sqlite3.Connection, uuids: list[str], known_at: datetime | None) -> list[ActorRef]:
    """The actors these records' actor uuids answer under at `known_at` (a merged duplicate is its
    survivor, with every member), each once, in name order."""
    every = roster(conn, asof_moment(known_at))
    members: dict[str, list[str]] = {}
    for uuid, (survivor, _, _) in every.items():
        members.setdefault(survivor, []).append(uuid)
    refs = {}
    for uuid in uuids:
        survivor, name, kind = every.get(uuid, (uuid, "?", "person"))
        refs[survivor] = ActorRef(survivor, name, kind, tuple(sorted(members.get(survivor, [survivor]))))
    return sorted(refs.values(), key=lambda ref: (ref.name.casefold(), ref.name))


def stances(conn: sqlite3.Connection, topic: str, on: date, *, known_at: datetime | None = None) -> dict[str, Any]:
    """`stances --json`: every actor's position on `topic` (sub-topics rolled up) on day `on`,
    grouped by stance (support, oppose, mixed, neutral, then no position yet), names in order."""
    stamp = utc_iso(known_at or datetime.now(UTC))
    found: list[dict[str, Any]] = []
    refs = actors_on(conn, topic, by=on, known_at=known_at)
    # Current records: every actor's answer in three statements (the same answers, see manypositions).
    many = positions_at(conn, refs, topic_signs(conn, topic), topic, on) if known_at is None else {}
    for ref in refs:
        answer = many.get(ref.uuid) or position_at(conn, ref, topic, on, known_at=known_at)
        if answer["record"] is None and not answer["possibly"]:
            continue  # only records that began after the day: no position, nothing possible
        found.append({
            "actor": ref.name,
            "stance": answer["stance"],
            "record": answer["record"],
            "possibly": answer["possibly"],
            "uncertain_order": answer.get("uncertain_order", []),
            "flipped": bool(answer.get("flipped")),
        })
    found.sort(key=lambda item: STANCE_ORDER.get(item["stance"], 5))  # stable: names stay in order
    return {"topic": topic, "on": on.isoformat(), "known_at": stamp, "stances": found}


def within(found: list[dict[str, Any]], first: date | None, last: date | None) -> list[dict[str, Any]]:
    """The changes whose date (the later record's period) overlaps [first, last], as `show` selects."""
    if first is None and last is None:
        return found
    kept = []
    for change in found:
        period = PartialDate.parse(change["date"])
        if (first is None or period.end is None or period.end >= first) and (
                last is None or period.start is None or period.start <= last):
            kept.append(change)
    return kept


def actor_changes(conn: sqlite3.Connection, actor: ActorRef, *, topic: str | None = None, first: date | None = None,
                  last: date | None = None, known_at: datetime | None = None) -> list[dict[str, Any]]:
    """One actor's changes (DESIGN.md §5 shape) within [first, last], in position order."""
    return within(changes(conn, actor, topic=topic, known_at=known_at), first, last)


def changes_across(conn: sqlite3.Connection, *, topic: str | None = None, first: date | None = None,
                   last: date | None = None, known_at: datetime | None = None) -> list[dict[str, Any]]:
    """Every actor's changes on the topic (or on every topic) within [first, last], in date order
    (the later record's period end, then start), ties by actor name: the union of `actor_changes`."""
    found: list[dict[str, Any]] = []
    for ref in actors_on(conn, topic, known_at=known_at):
        found += actor_changes(conn, ref, topic=topic, first=first, last=last, known_at=known_at)

    def key(item: tuple[int, dict[str, Any]]) -> tuple[Any, ...]:
        period = PartialDate.parse(item[1]["date"])
        return period.end or date.max, period.start or date.min, item[1]["actor"].casefold(), item[0]

    return [change for _, change in sorted(enumerate(found), key=key)]


def changes_answer(conn: sqlite3.Connection, actor: ActorRef | None, *, topic: str | None = None,
                   first: date | None = None, last: date | None = None,
                   known_at: datetime | None = None) -> dict[str, Any]:
    """`changes --json`: one actor's changes, or every actor's (`actor` null)."""
    if actor is None:
        found = changes_across(conn, topic=topic, first=first, last=last, known_at=known_at)
    else:
        found = actor_changes(conn, actor, topic=topic, first=first, last=last, known_at=known_at)
    return {"actor": actor.name if actor else None, "topic": topic,
            "known_at": utc_iso(known_at or datetime.now(UTC)), "changes": found}


def thread(conn: sqlite3.Connection, record_id: str) -> dict[str, Any]:
    """`thread --json`: a record, the chain of records it answers (nearest first), and every reply
    to it or to a reply, recursively, in timeline order. Retracted records stay in the thread,
    marked by their status: a thread shows who answered whom, including what was withdrawn."""
    row = find_record(conn, record_id)
    names = actor_names(conn)

    def as_json(r: sqlite3.Row) -> dict[str, Any]:
        return record_json(r, names.get(r["actor_uuid"], "?"))

    seen = {row["id"]}
    answered: list[dict[str, Any]] = []
    current = row
    while current["responds_to"] and current["responds_to"] not in seen:
        seen.add(current["responds_to"])
        parent = conn.execute("SELECT * FROM records WHERE id=?", (current["responds_to"],)).fetchone()
        if parent is None:
            break
        answered.append(as_json(parent))
        current = parent
    replies: list[sqlite3.Row] = []
    frontier = [row["id"]]
    while frontier:
        children = conn.execute(
            f"SELECT * FROM records WHERE responds_to IN ({','.join('?' * len(frontier))})", frontier
        ).fetchall()
        children = [child for child in children if child["id"] not in seen]
        seen.update(child["id"] for child in children)
        replies += children
        frontier = [child["id"] for child in children]
    replies.sort(key=lambda r: (r["start"], r["end"], r["seq"]))
    return {"record": as_json(row), "responds_to": answered, "replies": [as_json(r) for r in replies]}
