"""Read-only questions answered from the read model. Nothing here writes.

Time rules (DESIGN.md §3): a record *definitely* happened by D when its period ends on or before
D; the position on D is the latest definite record (greatest period end, then later recorded).
Records whose period straddles D (start <= D < end) are listed as `possibly`. With `known_at`, every
record is taken as it stood at that record time, from the `versions` table.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from typing import Any

from events.vocabulary import change_grade
from timeline.dates import utc_iso
from timeline.queries.names import ActorRef, rolled_stance, subtree, topic_signs
from timeline.queries.records import record_json, select_records, version_source


def show(
    conn: sqlite3.Connection,
    actor: ActorRef,
    *,
    topic: str | None = None,
    first: date | None = None,
    last: date | None = None,
    known_at: datetime | None = None,
    include_retracted: bool = False,
) -> list[dict[str, Any]]:
    """The actor's records in timeline order (period start, period end, record order)."""
    rows = select_records(
        conn,
        actor_uuids=actor.uuids,
        topics=subtree(conn, topic, known_at=known_at) if topic else None,
        known_at=known_at,
        overlapping=(first, last),
        include_retracted=include_retracted,
    )
    return [record_json(row, actor.name) for row in rows]


def position_at(
    conn: sqlite3.Connection,
    actor: ActorRef,
    topic: str,
    on: date,
    *,
    known_at: datetime | None = None,
) -> dict[str, Any]:
    """The actor's stance on `topic` (and its sub-topics) on day `on`, per DESIGN.md §3."""
    signs = topic_signs(conn, topic, known_at=known_at)
    topics = list(signs)
    day = on.isoformat()
    latest = select_records(
        conn, actor_uuids=actor.uuids, topics=topics, known_at=known_at,
        where="end <= ?", params=(day,), order="end DESC, seq DESC", limit=1,
    )
    possibly = select_records(
        conn, actor_uuids=actor.uuids, topics=topics, known_at=known_at,
        where="start <= ? AND end > ?", params=(day, day),
    )
    record = record_json(latest[0], actor.name) if latest else None
    stance, flipped = rolled_stance(record, signs)
    return {
        "topic": topic,
        "stance": stance,
        "record": record,
        "possibly": [record_json(row, actor.name) for row in possibly],
        **({"flipped": True} if flipped else {}),
    }


def position(
    conn: sqlite3.Connection,
    actor: ActorRef,
    on: date,
    *,
    topic: str | None = None,
    known_at: datetime | None = None,
) -> dict[str, Any]:
    """`position --json`: one topic, or every topic the actor has records on."""
    stamp = utc_iso(known_at or datetime.now(UTC))
    if topic is not None:
        answer = position_at(conn, actor, topic, on, known_at=known_at)
        return {"actor": actor.name, "topic": topic, "on": on.isoformat(), "known_at": stamp,
                **{k: answer[k] for k in ("stance", "record", "possibly", "flipped") if k in answer}, "via": actor.via}
    topics = actor_topics(conn, actor, known_at=known_at)
    return {
        "actor": actor.name,
        "on": on.isoformat(),
        "known_at": stamp,
        "via": actor.via,
        "positions": [position_at(conn, actor, slug, on, known_at=known_at) for slug in topics],
    }


def actor_topics(conn: sqlite3.Connection, actor: ActorRef, *, known_at: datetime | None = None) -> list[str]:
    source, args = version_source(known_at)
    rows = conn.execute(
        f"SELECT DISTINCT topic FROM {source} WHERE actor_uuid IN ({','.join('?' * len(actor.uuids))}) "
        "AND status != 'retracted' ORDER BY topic",
        [*args, *actor.uuids],
    ).fetchall()
    return [row[0] for row in rows]


def changes(
    conn: sqlite3.Connection,
    actor: ActorRef,
    *,
    topic: str | None = None,
    known_at: datetime | None = None,
) -> list[dict[str, Any]]:
    """Each change of stance between consecutive records in timeline order, per topic series.

    With `topic`, the topic and its sub-topics form one series (a roll-up); without, each topic
    the actor has records on is a series with its sub-topics, as `position` without a topic does.
    """
    series = [topic] if topic else actor_topics(conn, actor, known_at=known_at)
    found: list[dict[str, Any]] = []
    for slug in series:
        signs = topic_signs(conn, slug, known_at=known_at)
        rows = select_records(conn, actor_uuids=actor.uuids, topics=list(signs), known_at=known_at)
        for before, after in zip(rows, rows[1:]):
            (was, flip_a), (now, flip_b) = rolled_stance(before, signs), rolled_stance(after, signs)
            grade = change_grade(was, now)
            if grade:
                found.append({
                    "topic": slug,
                    "date": after["date"],
                    "from": was,
                    "to": now,
                    "record_id": after["id"],
                    "previous_record_id": before["id"],
                    "grade": grade,
                    **({"flipped": True} if flip_a or flip_b else {}),
                })
    return found
