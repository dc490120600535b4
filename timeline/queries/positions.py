"""Read-only questions answered from the read model. Nothing here writes.

The time rules (docs/time.md): a record *definitely* happened by D when its period ends on or before D;
the position on D is the latest definite record in **position order** — greatest period end, then
later recorded. Records whose period straddles D (start <= D < end) are listed as `possibly`. Definite
records with another stance whose period reaches the chosen record's start (they share a day or
overlap, so either may in truth be the later) are listed as `uncertain_order`.

`changes` are the steps of position: the same records in the same position order, a change wherever
the stance differs from the previous record's, `certain` only when the two periods are disjoint. So for
every day D, the stance the changes imply at D equals `position` at D (a property test proves it).

With `known_at`, every record is taken as it stood at that record time, from the `versions` table.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from typing import Any

from timeline.dates import utc_iso
from timeline.queries.names import ActorRef, counted, rolled_stance, path_up, subtree, topic_parents, topic_signs
from timeline.queries.records import record_json, select_records, version_source

POSITION_ORDER = "end, seq"  # latest period end last; among equal ends, the later recorded


def _change_grade(before: str | None, after: str | None) -> str | None:
    """`events.vocabulary.change_grade`, imported by the questions that grade changes: its enums cost
    ~2.5 million instructions to define, which `position` never needs (issue 17)."""
    from events.vocabulary import change_grade

    return change_grade(before, after)


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
    uncertain = []
    if latest:
        chosen = latest[0]
        # Definite records that share a day with the chosen one or overlap it, with another (rolled) stance.
        near = select_records(
            conn, actor_uuids=actor.uuids, topics=topics, known_at=known_at,
            where="end <= ? AND end >= ? AND uuid != ?", params=(day, chosen["start"], chosen["uuid"]),
            order="end DESC, seq DESC",
        )
        uncertain = [row for row in near if rolled_stance(row, signs)[0] != stance]
    return {
        "topic": topic,
        "stance": stance,
        "record": record,
        "possibly": [counted(record_json(row, actor.name), signs) for row in possibly],
        "uncertain_order": [counted(record_json(row, actor.name), signs) for row in uncertain],
        "flipped": flipped,
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
                **{k: answer[k] for k in ("stance", "record", "possibly", "uncertain_order", "flipped")},
                "via": actor.via}
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
    """The steps of position over time, per topic series (see the module docstring).

    With `topic`, the topic and its sub-topics form one series (a roll-up); without, each topic
    the actor has records on is a series with its sub-topics, as `position` without a topic does,
    and so is every topic above those: a step seen only in a roll-up (oppose on one sub-topic, then
    support on another: the U-turn on their parent) is listed there, once, at the nearest topic
    where it shows (a step already listed on a sub-topic is not listed again above it).
    """
    series = [topic] if topic else actor_topics(conn, actor, known_at=known_at)
    if topic is None:
        parents = topic_parents(conn, known_at=known_at)
        every = set(series) | {up for slug in series for up in path_up(parents, slug)}
        # the deepest first (a topic with more topics above it is nearer the records), so that a step
        # is listed on the most specific topic where it shows, whether the actor has records there or not
        series = sorted(every, key=lambda slug: (-len(path_up(parents, slug)), slug))
    found: list[dict[str, Any]] = []
    listed: set[tuple[str, str]] = set()  # (record before, record of the change) already listed
    for slug in series:
        signs = topic_signs(conn, slug, known_at=known_at)
        rows = select_records(conn, actor_uuids=actor.uuids, topics=list(signs), known_at=known_at,
                              order=POSITION_ORDER)
        for before, after in zip(rows, rows[1:]):
            (was, flip_a), (now, flip_b) = rolled_stance(before, signs), rolled_stance(after, signs)
            grade = _change_grade(was, now)
            if grade and (topic or (before["id"], after["id"]) not in listed):
                listed.add((before["id"], after["id"]))
                found.append({
                    "actor": actor.name,
                    "topic": slug,
                    "date": after["date"],
                    "from": was,
                    "to": now,
                    "from_record_id": before["id"],
                    "record_id": after["id"],
                    "grade": grade,
                    # Disjoint periods are the only certain order: sharing a day or overlapping, either
                    # record may in truth be the later one.
                    "certain": before["end"] < after["start"],
                    "flipped": flip_a or flip_b,
                })
    if topic is None:  # several series: one list in date order (the later record's period end, then start)
        from datetime import date

        from events.dates import PartialDate

        def when(change: dict[str, Any]) -> tuple[date, date]:
            period = PartialDate.parse(change["date"])
            return period.end or date.max, period.start or date.min

        found.sort(key=when)
    return found


def show_answer(conn: sqlite3.Connection, actor: ActorRef, *, topic: str | None = None,
                known_at: datetime | None = None, **options: Any) -> dict[str, Any]:
    """`show --json`: the records and what reproduces the answer."""
    records = show(conn, actor, topic=topic, known_at=known_at, **options)
    return {"actor": actor.name, "topic": topic, "known_at": utc_iso(known_at or datetime.now(UTC)),
            "records": records, "via": actor.via}  # via: as in position, when the name was an office
