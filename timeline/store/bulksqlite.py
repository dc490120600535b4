"""Appending events without the library's per-event objects: what `Tracker.save` uses.

The library's `EventStore.put()` makes a `StoredEvent`, then a `Notification` and a `Recording` per
event (frozen dataclasses, ≈ 3 µs an event together) and its SQLite recorder inserts the rows one
`execute` at a time so as to read each `lastrowid`. Here the very same rows (the same table, the same
four columns, the same bytes: the mapper's own transcoder encodes the same state dict, built as
`Mapper.to_stored_event` builds it) go in with one `executemany`, in one transaction on the library's
own connection. Their notification ids are the rowids SQLite gives them: while this transaction
holds the write lock nobody else inserts, so they are consecutive and end at the largest rowid,
which is read back and cross-checked against the first row's. A clash with a stored event (same
aggregate id and version) fails the whole batch with the library's `IntegrityError`, as its recorder
does, and nothing is stored.

The write connection also gets a larger page cache than SQLite's default 2 MiB: the primary key is
a random uuid, and at a million events its index outgrows the default, so each insert read pages back.

A PostgreSQL bulk import hands the same rows, as light tuples, to the COPY recorder
(`bulkpostgres`), which returns their ids. Anything else (a cipher or compressor, a small PostgreSQL
save) goes through the library's `put()`. tests/application/test_bulk_writes.py compares the stored rows, ids and
refusals with the library's on the same events.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple
from uuid import UUID

CACHE_KIB = 32768  # the write connection's page cache (SQLite's default is 2 MiB)


class Stored(NamedTuple):
    """What the read model needs of a notification (the fields of the library's `Notification`)."""

    originator_id: Any
    originator_version: int
    topic: str
    state: bytes
    id: int


class Recorded(NamedTuple):
    """A saved event and its notification, as the library's `Recording` has them."""

    domain_event: Any
    notification: Stored


def put(app: Any, events: Sequence[Any]) -> Sequence[Any]:
    """Store `events` in one transaction; returns what the library's `put()` returns, in light objects."""
    from eventsourcing.sqlite import SQLiteApplicationRecorder

    recorder, mapper = app.recorder, app.mapper
    if mapper.cipher is not None or mapper.compressor is not None:
        return app.events.put(events)
    if type(recorder) is not SQLiteApplicationRecorder:
        return _put_by_copy(app, events) if _copies(recorder, events) else app.events.put(events)
    rows = stored_rows(mapper, events, hex_ids=True)  # the SQLite recorder stores a uuid as its hex
    with recorder.datastore.transaction(commit=True) as cursor:
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        first = insert_rows(cursor, recorder.events_table_name, recorder.insert_events_statement, rows)
        if first is None:  # cannot happen under the write lock; never guess ids
            from eventsourcing.persistence import ProgrammingError

            raise ProgrammingError(f"inserted {len(rows)} events but their notification ids are not consecutive")
    return [
        Recorded(event, Stored(event.originator_id, row[1], row[2], row[3], first + i))
        for i, (event, row) in enumerate(zip(events, rows, strict=True))
    ]


def insert_rows(cursor: Any, table: str, statement: str, rows: Sequence[tuple[Any, int, str, bytes]]) -> int | None:
    """Insert stored-event rows inside the caller's write transaction (a clash with a stored event
    raises the driver's IntegrityError); returns the first row's notification id, or None when the
    ids are not the consecutive ones ending at the largest rowid (the caller then rolls back)."""
    cursor.executemany(statement, rows)
    cursor.execute(f"SELECT MAX(rowid) FROM {table}")
    last = cursor.fetchone()[0]
    first = last - len(rows) + 1
    cursor.execute(f"SELECT rowid FROM {table} WHERE originator_id=? AND originator_version=?", rows[0][:2])
    found = cursor.fetchone()
    return first if found is not None and found[0] == first else None


def _copies(recorder: Any, events: Sequence[Any]) -> bool:
    """Whether the PostgreSQL COPY recorder (bulk import) would copy these events."""
    from timeline.store.bulkpostgres import BulkPostgresRecorder

    return type(recorder) is BulkPostgresRecorder and len(events) >= recorder.COPY_FROM


def _put_by_copy(app: Any, events: Sequence[Any]) -> Sequence[Any]:
    """PostgreSQL bulk import: the COPY recorder reads the four fields of each row by name, as the library's
    `StoredEvent`s have them; the ids it returns are the notifications'."""
    rows = [Stored(*row, 0) for row in stored_rows(app.mapper, events)]
    ids = app.recorder.insert_events(rows)
    return [Recorded(event, row._replace(id=n)) for event, row, n in zip(events, rows, ids, strict=True)]


def stored_rows(mapper: Any, events: Sequence[Any], *, hex_ids: bool = False) -> list[tuple[Any, int, str, bytes]]:
    """(originator_id, originator_version, topic, state) of each event, as the library's mapper
    stores them (`Mapper.to_stored_event` without its `StoredEvent` object)."""
    from eventsourcing.utils import get_topic

    encode = mapper.transcoder.encode
    topics: dict[type, tuple[str, int]] = {}
    rows = []
    for event in events:
        cls = type(event)
        known = topics.get(cls)
        if known is None:
            known = topics[cls] = (get_topic(cls), getattr(cls, "class_version", 1))
        topic, class_version = known
        state = dict(vars(event))
        originator_id = state.pop("originator_id")
        version = state.pop("originator_version")
        if class_version > 1:
            state["class_version"] = class_version
        if hex_ids and isinstance(originator_id, UUID):
            originator_id = originator_id.hex
        rows.append((originator_id, version, topic, encode(state)))
    return rows
