"""Read-only questions answered from the read model. Nothing here writes.

Time rules (DESIGN.md §3): a record *definitely* happened by D when its period ends on or before
D; the position on D is the latest definite record (greatest period end, then later recorded).
Records whose period straddles D (start <= D < end) are listed as `possibly`. With `known_at`, every
record is taken as it stood at that record time, from the `versions` table.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from events.text import normalise
from events.vocabulary import EVENT_OF_KIND_NAME, change_grade
from timeline.dates import utc_iso
from timeline.errors import DomainError
from timeline.readmodel.schema import RECORD_COLUMNS


@dataclass(frozen=True)
class ActorRef:
    uuid: str
    name: str
    kind: str


# -- actors and topics ---------------------------------------------------------------------------


def match_actor(conn: sqlite3.Connection, text: str) -> list[ActorRef]:
    """Actors whose canonical name, else whose alias, matches `text` (case-insensitively)."""
    key = normalise(text)
    rows = conn.execute("SELECT uuid, name, kind FROM actors WHERE name_norm=?", (key,)).fetchall()
    if not rows:
        rows = conn.execute(
            "SELECT a.uuid, a.name, a.kind FROM aliases al JOIN actors a ON a.uuid = al.actor_uuid "
            "WHERE al.alias_norm=? ORDER BY a.name",
            (key,),
        ).fetchall()
    return [ActorRef(*row) for row in rows]


def near_actors(conn: sqlite3.Connection, text: str) -> list[str]:
    """Canonical names of actors whose name or alias is close to `text` (for "did you mean")."""
    key = normalise(text)
    names: dict[str, str] = {}
    for norm, name in conn.execute("SELECT name_norm, name FROM actors"):
        names[norm] = name
    for norm, name in conn.execute(
        "SELECT al.alias_norm, a.name FROM aliases al JOIN actors a ON a.uuid = al.actor_uuid"
    ):
        names.setdefault(norm, name)
    import difflib

    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.75)
    close += [norm for norm in names if key and len(key) >= 3 and key in norm.split()]
    return sorted({names[norm] for norm in close})


def ambiguity(text: str, candidates: list[ActorRef]) -> DomainError:
    listed = ", ".join(c.name for c in candidates)
    return DomainError(f"'{text}' is ambiguous: it may mean {listed}; use the full name")


def resolve_actor(conn: sqlite3.Connection, text: str) -> ActorRef:
    """The one actor `text` names, or DomainError (unknown, with suggestions; or ambiguous)."""
    found = match_actor(conn, text)
    if len(found) == 1:
        return found[0]
    if found:
        raise ambiguity(text, found)
    near = near_actors(conn, text)
    hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    raise DomainError(f"unknown actor '{text}'{hint}")


def topic_exists(conn: sqlite3.Connection, slug: str) -> bool:
    return conn.execute("SELECT 1 FROM topics WHERE slug=?", (slug,)).fetchone() is not None


def near_topics(conn: sqlite3.Connection, slug: str) -> list[str]:
    import difflib

    slugs = [row[0] for row in conn.execute("SELECT slug FROM topics")]
    return difflib.get_close_matches(slug, slugs, n=3, cutoff=0.75)


def unknown_topic(conn: sqlite3.Connection, slug: str, advice: str = "") -> DomainError:
    """The error for a slug no topic has, suggesting close ones and what to do."""
    near = near_topics(conn, slug)
    hint = f"; did you mean {' or '.join(near)}?" if near else ""
    return DomainError(f"unknown topic '{slug}'{hint}" + (f" ({advice})" if advice else ""))


def resolve_topic(conn: sqlite3.Connection, slug: str) -> str:
    if topic_exists(conn, slug):
        return slug
    raise unknown_topic(conn, slug)


def subtree(conn: sqlite3.Connection, slug: str) -> list[str]:
    """The topic and all topics below it."""
    rows = conn.execute(
        "WITH RECURSIVE t(slug) AS (SELECT ? UNION SELECT topics.slug FROM topics JOIN t ON topics.parent = t.slug) "
        "SELECT slug FROM t",
        (slug,),
    ).fetchall()
    return [row[0] for row in rows]


def list_actors(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    aliases: dict[str, list[str]] = {}
    for uuid, alias in conn.execute("SELECT actor_uuid, alias FROM aliases ORDER BY rowid"):
        aliases.setdefault(uuid, []).append(alias)
    roles: dict[str, list[dict[str, Any]]] = {}
    for uuid, role, on in conn.execute("SELECT actor_uuid, role, on_date FROM roles ORDER BY position"):
        roles.setdefault(uuid, []).append({"role": role, "on": on})
    counts = dict(
        conn.execute(
            "SELECT actor_uuid, COUNT(*) FROM records WHERE status != 'retracted' GROUP BY actor_uuid"
        ).fetchall()
    )
    return [
        {
            "name": name,
            "kind": kind,
            "aliases": aliases.get(uuid, []),
            "roles": roles.get(uuid, []),
            "records": counts.get(uuid, 0),
        }
        for uuid, name, kind in conn.execute("SELECT uuid, name, kind FROM actors ORDER BY name_norm")
    ]


def first_seen(conn: sqlite3.Connection) -> dict[str, int]:
    """Each actor's name → the log position of its first record (the order a story meets them)."""
    return dict(conn.execute("SELECT a.name, MIN(r.seq) FROM actors a JOIN records r ON r.actor_uuid = a.uuid GROUP BY a.uuid"))


def list_topics(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    counts = dict(
        conn.execute("SELECT topic, COUNT(*) FROM records WHERE status != 'retracted' GROUP BY topic").fetchall()
    )
    return [
        {"slug": slug, "title": title, "parent": parent, "records": counts.get(slug, 0)}
        for slug, title, parent in conn.execute("SELECT slug, title, parent FROM topics ORDER BY slug")
    ]


# -- records -------------------------------------------------------------------------------------


def record_json(row: sqlite3.Row | dict[str, Any], actor_name: str) -> dict[str, Any]:
    """A record in the JSON shape of DESIGN.md §4."""
    return {
        "id": row["id"],
        "actor": actor_name,
        "topic": row["topic"],
        "kind": row["kind"],
        "stance": row["stance"],
        "date": row["date"],
        "precision": row["precision"],
        "summary": row["summary"],
        "quote": row["quote"],
        "source": row["source"],
        "source_url": row["source_url"],
        "recorded_at": row["recorded_at"],
        "status": row["status"],
        "extra": json.loads(row["extra"]) if row["extra"] else {},
    }


def _actor_names(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT uuid, name FROM actors").fetchall())


def _source(known_at: datetime | None) -> tuple[str, list[Any]]:
    """The records table, or every record as it stood at record time `known_at`."""
    if known_at is None:
        return "records", []
    moment = utc_iso(known_at)
    # Records unchanged since `known_at` stand as they are now; the others are taken from their
    # latest version recorded by then (`versions` holds every state of changed records).
    columns = ", ".join(f'"{c}"' for c in RECORD_COLUMNS)
    return (
        f"(SELECT {columns} FROM records WHERE changed_at <= ? "
        f"UNION ALL SELECT {columns} FROM versions v WHERE v.changed_at <= ? AND v.version = "
        "(SELECT MAX(w.version) FROM versions w WHERE w.uuid = v.uuid AND w.changed_at <= ?) "
        "AND v.uuid IN (SELECT uuid FROM records WHERE changed_at > ?))",
        [moment, moment, moment, moment],
    )


def select_records(
    conn: sqlite3.Connection,
    *,
    actor_uuids: list[str] | None = None,
    topics: list[str] | None = None,
    known_at: datetime | None = None,
    overlapping: tuple[date | None, date | None] = (None, None),
    include_retracted: bool = False,
    where: str = "",
    params: tuple[Any, ...] = (),
    order: str = "start, end, seq",
    limit: int | None = None,
) -> list[sqlite3.Row]:
    """Records (as of `known_at`) filtered by actor, topic and period overlap, in timeline order."""
    source, args = _source(known_at)
    clauses: list[str] = []
    if actor_uuids is not None:
        clauses.append(f"actor_uuid IN ({','.join('?' * len(actor_uuids))})")
        args += actor_uuids
    if topics is not None:
        clauses.append(f"topic IN ({','.join('?' * len(topics))})")
        args += topics
    if not include_retracted:
        clauses.append("status != 'retracted'")
    first, last = overlapping
    if first is not None:
        clauses.append("end >= ?")
        args.append(first.isoformat())
    if last is not None:
        clauses.append("start <= ?")
        args.append(last.isoformat())
    if where:
        clauses.append(where)
        args += list(params)
    sql = f"SELECT * FROM {source} WHERE {' AND '.join(clauses) or '1'} ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return conn.execute(sql, args).fetchall()


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
        actor_uuids=[actor.uuid],
        topics=subtree(conn, topic) if topic else None,
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
    topics = subtree(conn, topic)
    day = on.isoformat()
    latest = select_records(
        conn, actor_uuids=[actor.uuid], topics=topics, known_at=known_at,
        where="end <= ?", params=(day,), order="end DESC, seq DESC", limit=1,
    )
    possibly = select_records(
        conn, actor_uuids=[actor.uuid], topics=topics, known_at=known_at,
        where="start <= ? AND end > ?", params=(day, day),
    )
    record = record_json(latest[0], actor.name) if latest else None
    return {
        "topic": topic,
        "stance": record["stance"] if record else None,
        "record": record,
        "possibly": [record_json(row, actor.name) for row in possibly],
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
                **{k: answer[k] for k in ("stance", "record", "possibly")}}
    topics = actor_topics(conn, actor, known_at=known_at)
    return {
        "actor": actor.name,
        "on": on.isoformat(),
        "known_at": stamp,
        "positions": [position_at(conn, actor, slug, on, known_at=known_at) for slug in topics],
    }


def actor_topics(conn: sqlite3.Connection, actor: ActorRef, *, known_at: datetime | None = None) -> list[str]:
    source, args = _source(known_at)
    rows = conn.execute(
        f"SELECT DISTINCT topic FROM {source} WHERE actor_uuid=? AND status != 'retracted' ORDER BY topic",
        [*args, actor.uuid],
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
        rows = select_records(conn, actor_uuids=[actor.uuid], topics=subtree(conn, slug), known_at=known_at)
        for before, after in zip(rows, rows[1:]):
            grade = change_grade(before["stance"], after["stance"])
            if grade:
                found.append({
                    "topic": slug,
                    "date": after["date"],
                    "from": before["stance"],
                    "to": after["stance"],
                    "record_id": after["id"],
                    "previous_record_id": before["id"],
                    "grade": grade,
                })
    return found


def find_record(conn: sqlite3.Connection, record_id: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM records WHERE id=?", (record_id,)).fetchone()
    if row is None:
        import difflib

        near = difflib.get_close_matches(
            record_id, [r[0] for r in conn.execute("SELECT id FROM records")], n=1, cutoff=0.8
        )
        hint = f"; did you mean {near[0]}?" if near else ""
        raise DomainError(f"unknown record '{record_id}'{hint}")
    return row


def history(conn: sqlite3.Connection, record_id: str) -> list[dict[str, Any]]:
    """Every version of a record: what changed, when it was recorded, and why."""
    row = find_record(conn, record_id)
    names = _actor_names(conn)
    versions = conn.execute("SELECT * FROM versions WHERE uuid=? ORDER BY version", (row["uuid"],)).fetchall()
    if not versions:  # never changed: its one version is the current row
        versions = [dict(row, event=EVENT_OF_KIND_NAME[row["kind"]], reason=None)]
    return [
        {
            "version": version["version"],
            "recorded_at": version["changed_at"],
            "event": version["event"],
            "reason": version["reason"],
            "record": record_json(version, names.get(version["actor_uuid"], "?")),
        }
        for version in versions
    ]


def records_by_id(conn: sqlite3.Connection, ids: list[str]) -> dict[str, sqlite3.Row]:
    """Current rows for these public ids (used by import to find what it already holds)."""
    found: dict[str, sqlite3.Row] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in conn.execute(f"SELECT * FROM records WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            found[row["id"]] = row
    return found


def id_family(conn: sqlite3.Connection, base: str) -> list[sqlite3.Row]:
    """Records whose id is `base` or `base-N` (the readable ids made for lines without one).

    A range on the id index ('-' sorts just before '.'), not LIKE, which would scan the index.
    """
    rows = conn.execute("SELECT * FROM records WHERE id >= ? AND id < ?", (base, base + ".")).fetchall()
    prefix = base + "-"
    return [row for row in rows if row["id"] == base or (row["id"].startswith(prefix) and row["id"][len(prefix):].isdigit())]


def record_json_by_id(conn: sqlite3.Connection, record_id: str) -> dict[str, Any]:
    row = find_record(conn, record_id)
    return record_json(row, _actor_names(conn).get(row["actor_uuid"], "?"))
