"""Reading the whole event log in order for a rebuild, as plain tuples."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def read_log(recorder: Any, batch: int) -> Iterator[list[tuple[int, str, int, str, bytes]]]:
    """Every stored event in log order, in lists of up to `batch` (notification id, originator uuid
    hex, version, topic, state). From a SQLite store straight from its table by rowid (the library
    would make a Notification and a UUID of each); from any other through the recorder."""
    direct = direct_read(recorder)
    sql = (f"SELECT rowid, originator_id, originator_version, topic, state FROM {recorder.events_table_name} "
           "WHERE rowid>? ORDER BY rowid LIMIT ?") if direct else ""
    start = 0
    while True:
        if direct:
            with recorder.datastore.transaction(commit=False) as cursor:
                cursor.execute(sql, (start, batch))
                rows = [(r[0], uuid_hex(r[1]), r[2], r[3], r[4]) for r in cursor.fetchall()]
        else:
            rows = [(n.id, n.originator_id.hex, n.originator_version, n.topic, n.state)
                    for n in recorder.select_notifications(start=start, limit=batch, inclusive_of_start=False)]
        if not rows:
            return
        yield rows
        start = rows[-1][0]


def uuid_hex(text: str) -> str:
    """The hex of a stored originator id (as UUID(text).hex; the library stores the hex already)."""
    if len(text) == 32 and text.islower():
        return text
    from uuid import UUID

    return UUID(text).hex


def direct_read(recorder: Any) -> bool:
    """Whether the log can be read from its table: a SQLite store of the library's, uuid ids."""
    from eventsourcing.sqlite import SQLiteApplicationRecorder

    return isinstance(recorder, SQLiteApplicationRecorder) and recorder.datastore.originator_id_type == "uuid"
