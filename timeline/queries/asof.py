"""Identity as it stood at a record time: which rows of the bitemporal identity tables hold, an
actor's name then, and where a merged actor's records answer.

A row holds at record time T when recorded_from <= T < recorded_to (an open recorded_to: still holds);
with no T, the rows that hold now.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from timeline.dates import utc_iso


def moment(known_at: datetime | None) -> str | None:
    return utc_iso(known_at) if known_at is not None else None


def holds(when: str | None, alias: str = "") -> tuple[str, list[Any]]:
    """SQL condition (and its arguments) for rows that hold at record time `when` (None: now)."""
    p = f"{alias}." if alias else ""
    if when is None:
        return f"{p}recorded_to IS NULL", []
    return f"{p}recorded_from <= ? AND ({p}recorded_to IS NULL OR {p}recorded_to > ?)", [when, when]


def actor_state(conn: sqlite3.Connection, uuid: str, when: str | None) -> tuple[str, str, str | None] | None:
    """(name, kind, merged_into) of an actor at record time `when`; None if not yet registered."""
    if when is None:
        row = conn.execute("SELECT name, kind, merged_into FROM actors WHERE uuid=?", (uuid,)).fetchone()
    else:
        cond, args = holds(when)
        row = conn.execute(f"SELECT name, kind, merged_into FROM actor_versions WHERE uuid=? AND {cond}", [uuid, *args]).fetchone()
    return tuple(row) if row else None


def survivor(conn: sqlite3.Connection, uuid: str, when: str | None) -> str:
    """The actor whose name a (possibly merged) actor's records answer under at `when`."""
    seen = {uuid}
    while True:
        state = actor_state(conn, uuid, when)
        if state is None or state[2] is None or state[2] in seen:
            return uuid
        uuid = state[2]
        seen.add(uuid)


def members(conn: sqlite3.Connection, uuid: str, when: str | None) -> tuple[str, ...]:
    """The actor and every actor merged into it (directly or not) by record time `when`."""
    if when is not None and members(conn, uuid, None) == (uuid,):
        # Merges are never undone, so no one merged into it now means no one then either: the
        # indexed `actors` table answers without scanning the versions.
        return (uuid,)
    if when is None:
        source, args = "actors", []
    else:
        cond, args = holds(when)
        source = f"(SELECT uuid, merged_into FROM actor_versions WHERE {cond})"
    rows = conn.execute(
        f"WITH RECURSIVE m(uuid) AS (SELECT ? UNION SELECT s.uuid FROM {source} s JOIN m ON s.merged_into = m.uuid) "
        "SELECT uuid FROM m",
        [uuid, *args],
    ).fetchall()
    return tuple(row[0] for row in rows)


def roster(conn: sqlite3.Connection, when: str | None) -> dict[str, tuple[str, str, str]]:
    """Every actor registered by record time `when` (None: now): uuid → (survivor uuid, survivor's
    name, survivor's kind) as they stood then. One query, for answers that name many actors."""
    if when is None:
        rows = conn.execute("SELECT uuid, name, kind, merged_into FROM actors").fetchall()
    else:
        cond, args = holds(when)
        rows = conn.execute(f"SELECT uuid, name, kind, merged_into FROM actor_versions WHERE {cond}", args).fetchall()
    state = {row[0]: (row[1], row[2], row[3]) for row in rows}
    found: dict[str, tuple[str, str, str]] = {}
    for uuid in state:
        last, seen = uuid, {uuid}
        while state[last][2] is not None and state[last][2] in state and state[last][2] not in seen:
            last = state[last][2]
            seen.add(last)
        found[uuid] = (last, state[last][0], state[last][1])
    return found
