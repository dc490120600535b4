"""`timeline add` in the common case, without the eventsourcing library (issue 17).

An `add` through the library imports it, defines every aggregate's event classes (its metaclass makes
each a frozen dataclass and compiles its methods) and opens an Application, before a single row is
written: most of the command's start-up. Yet the common `add` writes one event, a record's creation,
for an actor and a topic that already exist. This module writes that event as the library would have:

- the plan is `timeline.recordplan.plan_record`, the very code the full path runs, against the read
  model, which must be exactly current with a SQLite store (`View.is_current_with`, as a read does);
- the stored row is the library's: topic `events.records:Record.<Kind event>`, version 1, the
  record's uuid as hex text, and the event's state in the key order of its dataclass fields, encoded
  as `FastJSONTranscoder` encodes it (orjson; uuids, dates and the UTC timestamp as the library's
  `{"_type_": …, "_data_": …}` objects);
- it is inserted as `bulksqlite.put` inserts (the same statement and `insert_rows`, in a deferred
  transaction with the library's 30-second lock timeout): a clash with a stored event (the same
  record id, saved meanwhile by another process) is refused by the table's primary key and nothing
  is stored, and the notification id is read back;
- the read model gets it through `View.apply_recordings` and the projector's `_creation_row`, as the
  full path's saved events do (or a catch-up from the log when another process wrote in between).

Anything else returns None before anything is written, and `Tracker.add_record` takes the full path:
a new actor, target or topic (the library's aggregates make them), a PostgreSQL store, a store that
does not exist yet or holds no event, a read model that is not current (catching up decodes through
the library), any setting of the library's in the environment (a cipher, a compressor, another time zone…),
`extra` fields,
and the store refusing the row (the full path catches up and plans again).
tests/application/test_lean_add.py compares the two paths' stored rows and read models.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple
from uuid import UUID

from events.dates import PartialDate
from events.recordfields import record_uuid
from events.vocabulary import EVENT_OF_KIND_NAME
from timeline import queries
from timeline.errors import TimelineError
from timeline.recordplan import plan_record

RECORD_TOPIC = "events.records:Record"  # get_topic(Record): part of the database format
EVENTS_TABLE = "stored_events"
INSERT_EVENT = f"INSERT INTO {EVENTS_TABLE} VALUES (?, ?, ?, ?)"  # the library's insert_events_statement
LOCK_TIMEOUT = 30  # seconds, as open_store gives the library (SQLITE_LOCK_TIMEOUT)
# The library's settings that change what it would write or where (read from the environment, plain
# or prefixed with the application's name): set, and the library writes instead.
LIBRARY_SETTINGS = (
    "TZINFO_TOPIC", "CIPHER_TOPIC", "CIPHER_KEY", "COMPRESSOR_TOPIC", "MAPPER_TOPIC", "TRANSCODER_TOPIC",
    "PERSISTENCE_MODULE", "INFRASTRUCTURE_FACTORY", "FACTORY_TOPIC", "APPLICATION_RECORDER_TOPIC",
    "SQLITE_DBNAME", "SQLITE_LOCK_TIMEOUT", "CREATE_TABLE",
)


class MadeEvent(NamedTuple):
    """A record's creation event with the attributes of the library's `Record.Made` (what the
    projector reads), and its kind in `lean_kind`."""

    originator_id: UUID
    originator_version: int
    timestamp: datetime
    record_id: str
    actor_id: UUID
    topic: str
    stance: str
    date: PartialDate
    summary: str
    quote: str | None
    source: str | None
    source_url: str | None
    extra: dict[str, Any]
    responds_to: str | None
    target_id: UUID | None
    lean_kind: str


class _FullPath(Exception):
    """The plan needs what only the full path does (a new actor or topic)."""


def _full_path(*_: Any) -> Any:
    raise _FullPath


def made_event(record_id: str, actor_uuid: str, fields: dict[str, Any]) -> MadeEvent:
    """The creation event `Record.make` would trigger; `fields` as `check_fields` returns them."""
    return MadeEvent(
        originator_id=record_uuid(record_id), originator_version=1,
        timestamp=datetime.now(tz=timezone.utc),  # the library's create_timestamp() with its default TZINFO
        record_id=record_id, actor_id=UUID(actor_uuid), topic=fields["topic"], stance=fields["stance"],
        date=fields["date"], summary=fields["summary"], quote=fields["quote"], source=fields["source"],
        source_url=fields["source_url"], extra=fields["extra"], responds_to=fields.get("responds_to"),
        target_id=fields.get("target_id"), lean_kind=fields["kind"],
    )


def event_topic(kind: str) -> str:
    """The stored topic of the creation event of a record of this kind (`get_topic` of its class)."""
    return f"{RECORD_TOPIC}.{EVENT_OF_KIND_NAME[kind]}"


def _uuid(value: UUID | None) -> dict[str, str] | None:
    return None if value is None else {"_type_": "uuid_hex", "_data_": value.hex}


def encode_state(event: MadeEvent) -> bytes:
    """The stored state, byte for byte as the library's mapper and FastJSONTranscoder write it: the
    event's fields but its id and version, in their dataclass order (DomainEvent's timestamp, then
    the aggregate's topic, then Record.Made's)."""
    import orjson

    if event.extra:  # never from `add`; the library's encoder would write nested values its own way
        raise ValueError("a lean add has no extra fields")
    return orjson.dumps({
        "timestamp": {"_type_": "datetime_iso", "_data_": event.timestamp},
        "originator_topic": RECORD_TOPIC,
        "record_id": event.record_id,
        "actor_id": _uuid(event.actor_id),
        "topic": event.topic,
        "stance": event.stance,
        "date": {"_type_": "partial_date", "_data_": str(event.date)},
        "summary": event.summary,
        "quote": event.quote,
        "source": event.source,
        "source_url": event.source_url,
        "extra": {},
        "responds_to": event.responds_to,
        "target_id": _uuid(event.target_id),
    })


def stored_row(event: MadeEvent) -> tuple[str, int, str, bytes]:
    """(originator_id, originator_version, topic, state) as the library's SQLite recorder stores them."""
    return event.originator_id.hex, event.originator_version, event_topic(event.lean_kind), encode_state(event)


def write(path: Path, rows: list[tuple[str, int, str, bytes]]) -> int:
    """Insert the rows in one transaction, as `bulksqlite.put` does on the library's connection;
    returns the first one's notification id. sqlite3.IntegrityError: a row clashes with a stored
    event, and nothing was stored."""
    from timeline.store.bulksqlite import insert_rows

    conn = sqlite3.connect(str(path), timeout=LOCK_TIMEOUT, isolation_level=None, check_same_thread=False)
    try:
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":  # as the library's connection does
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("BEGIN")  # the library's transaction: deferred, the insert takes the write lock
        try:
            first = insert_rows(conn.cursor(), EVENTS_TABLE, INSERT_EVENT, rows)
            if first is None:  # cannot happen under the write lock; never guess ids
                raise sqlite3.DatabaseError(f"inserted {len(rows)} events but their notification ids are not consecutive")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    finally:
        conn.close()
    return first


def add_lean(
    tracker: Any, fields: dict[str, Any], *, actor: str, target: str | None, record_id: str | None
) -> dict[str, Any] | None:
    """Append the record as `Tracker.add_record` would, if this is the common case; returns its JSON,
    or None (nothing written) for the full path. Refusals the plan makes (a response to an unknown
    record, an id already taken) are raised as the full path raises them."""
    from timeline.store import check_sqlite_path, is_postgres

    location = tracker.location
    if is_postgres(location) or fields["extra"] or _library_configured():
        return None
    path = Path(location)
    if not path.is_file():  # a store still to be made (its folder too): the full path makes and may remove them
        return None
    try:
        if not check_sqlite_path(path, create=True):  # an empty file: the library makes the store in it
            return None
    except TimelineError:  # the full path says it, in the same words
        return None
    if not tracker.view_path.exists():  # the full path makes it (and removes it again if it fails)
        return None
    view = tracker.view()
    if not view.is_current_with(location):
        return None
    created: list[str] = []
    fields = dict(fields)
    try:
        rid, owner_uuid = plan_record(view.conn, fields, actor, target, record_id, created, _full_path, _full_path)
    except _FullPath:
        return None
    if rid == fields["responds_to"]:  # cannot be (it exists, rid is new); Record.make refuses it
        return None
    event = made_event(rid, owner_uuid, fields)
    row = stored_row(event)
    try:
        first = write(path, [row])
    except sqlite3.IntegrityError:  # another process saved this record id meanwhile: plan again there
        return None
    except sqlite3.OperationalError as error:  # nothing was stored
        if "locked" in str(error):  # 30 seconds waited already: say so (the CLI's sentence for it)
            raise
        return None  # anything else (a folder that cannot be written…): the full path meets it and says it
    from timeline.store.bulksqlite import Recorded, Stored

    recording = Recorded(event, Stored(event.originator_id, row[1], row[2], row[3], first))
    if not view.apply_recordings([recording]):  # another process wrote in between: read the log
        tracker.catch_up()
    tracker.notices += created
    return queries.record_json_by_id(view.conn, rid)


def _library_configured() -> bool:
    environ = os.environ
    return any(name in environ or f"TIMELINE_{name}" in environ for name in LIBRARY_SETTINGS)

