"""Records as the read model holds them: selection (as known at a record time), lookups, history."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Any

from timeline.dates import utc_iso
from timeline.errors import DomainError
from timeline.queries.asof import moment, roster
from timeline.readmodel.schema import OPEN_END, OPEN_START, RECORD_COLUMNS


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
        "period": period_json(row),
        "summary": row["summary"],
        "quote": row["quote"],
        "source": row["source"],
        "source_url": row["source_url"],
        "responds_to": row["responds_to"],
        "target": row["target"],
        "recorded_at": row["recorded_at"],
        "status": row["status"],
        "extra": _loads(row["extra"]) if row["extra"] else {},
    }


def _loads(text: str) -> Any:
    """`json.loads`, imported when a record first has extra fields: the read model stores "{}" for
    none (most records), so a question about those never loads `json` (issue 17)."""
    if text == "{}":
        return {}
    import json

    return json.loads(text)


def period_json(row: sqlite3.Row | dict[str, Any]) -> dict[str, str | None]:
    """A record's period as JSON: first and last day, null for an open end."""
    return {"start": None if row["start"] == OPEN_START else row["start"],
            "end": None if row["end"] == OPEN_END else row["end"]}


def actor_names(conn: sqlite3.Connection, known_at: datetime | None = None) -> dict[str, str]:
    """Each actor's uuid → the name its records answer under at record time `known_at` (default
    now): the survivor's name for a merged duplicate, names after the renames recorded by then."""
    return {uuid: name for uuid, (_, name, _) in roster(conn, moment(known_at)).items()}


def version_source(known_at: datetime | None) -> tuple[str, list[Any]]:
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
    source, args = version_source(known_at)
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


def find_record(conn: sqlite3.Connection, record_id: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM records WHERE id=?", (record_id,)).fetchone()
    if row is None:
        raise unknown_record(conn, record_id)
    return row


def unknown_record(conn: sqlite3.Connection, record_id: str, advice: str = "") -> DomainError:
    """The error for an id no record has, suggesting a close one."""
    near = close_record_id(conn, record_id)
    hint = f"; did you mean {near}?" if near else ""
    return DomainError(f"unknown record '{record_id}'{hint}" + (f" ({advice})" if advice else ""))


SUGGEST_BATCH = 200  # ids read per prefix from the index


def close_record_id(conn: sqlite3.Connection, record_id: str) -> str | None:
    """A stored id close to `record_id` (difflib ratio ≥ 0.8), read through the id index, not by a
    scan of every id: the ids beside it in sort order, then those sharing ever shorter prefixes of it
    (longest first, down to half its length; a typo in its first half is not looked for)."""
    import difflib

    candidates: set[str] = set()
    for sql in ("SELECT id FROM records WHERE id < ? ORDER BY id DESC LIMIT 20",
                "SELECT id FROM records WHERE id > ? ORDER BY id LIMIT 20"):
        candidates.update(r[0] for r in conn.execute(sql, (record_id,)))
    tried: set[str] = set()
    for length in range(len(record_id), max(len(record_id) // 2, 1) - 1, -1):
        prefix = record_id[:length]
        found = {r[0] for r in conn.execute(
            "SELECT id FROM records WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (prefix, prefix + "\U0010ffff", SUGGEST_BATCH))}
        new = (found | candidates) - tried
        if new:
            near = difflib.get_close_matches(record_id, sorted(new | tried), n=1, cutoff=0.8)
            if near:
                return near[0]
            tried |= new
        candidates = set()
    return None


def history(conn: sqlite3.Connection, record_id: str) -> list[dict[str, Any]]:
    """Every version of a record: what changed, when it was recorded, and why."""
    row = find_record(conn, record_id)
    # Each version under the survivor of the actor it was recorded for, as `show` names its records
    # (docs/names.md); `recorded_as` keeps that actor's own name when a merge since hides it, so a
    # correction of who between two actors merged later stays visible.
    names, own = actor_names(conn), dict(conn.execute("SELECT uuid, name FROM actors").fetchall())
    versions = conn.execute("SELECT * FROM versions WHERE uuid=? ORDER BY version", (row["uuid"],)).fetchall()
    if not versions:  # never changed: its one version is the current row
        from events.vocabulary import EVENT_OF_KIND_NAME

        versions = [dict(row, event=EVENT_OF_KIND_NAME[row["kind"]], reason=None)]
    return [
        {
            "version": version["version"],
            "recorded_at": version["changed_at"],
            "event": version["event"],
            "reason": version["reason"],
            "record": record_json(version, names.get(version["actor_uuid"], "?")),
            "recorded_as": None if own.get(version["actor_uuid"]) == names.get(version["actor_uuid"])
            else own.get(version["actor_uuid"]),
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
    return record_json(row, actor_names(conn).get(row["actor_uuid"], "?"))


def is_empty(conn: sqlite3.Connection) -> bool:
    """True when the read model holds no record, actor, topic or office (a new store)."""
    return conn.execute(
        "SELECT EXISTS(SELECT 1 FROM records) OR EXISTS(SELECT 1 FROM actors) OR EXISTS(SELECT 1 FROM topics) "
        "OR EXISTS(SELECT 1 FROM offices)"
    ).fetchone()[0] == 0
