"""Applying domain events to the read model's tables, dispatched on the event classes `events/` declares.

Loaded only when there are events to apply; a read whose view is current never imports it. The
aggregates' event classes (and so eventsourcing) are imported on the first event that needs them:
a lean `add` (timeline.store.leanadd) projects its record's creation, a plain object with the same
attributes and its kind in `lean_kind`, through the same `_creation_row` without defining them.
The caller holds the write transaction.

Bulk path: new records become row tuples straight away (no per-record dict) and are inserted with
one `executemany` per 500; `versions` keeps every state of records that changed, only (most
records are never corrected, so a bulk import writes each record once).
"""

from __future__ import annotations

import functools
import json
import operator
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC
from typing import Any

from events.vocabulary import EVENT_OF_KIND_NAME
from timeline.dates import utc_iso
from timeline.readmodel.schema import FTS_COLUMNS, OPEN_END, OPEN_START, RECORD_COLUMNS, VERSION_COLUMNS

_INSERT_RECORD = f"INSERT INTO records VALUES ({','.join('?' * len(RECORD_COLUMNS))})"
_REPLACE_RECORD = f"INSERT OR REPLACE INTO records VALUES ({','.join('?' * len(RECORD_COLUMNS))})"
_INSERT_VERSION = f"INSERT INTO versions VALUES ({','.join('?' * len(VERSION_COLUMNS))})"
_INSERT_TEXT = "INSERT INTO records_fts(rowid, uuid, summary, quote, source) VALUES (?,?,?,?,?)"
_DELETE_TEXT = ("INSERT INTO records_fts(records_fts, rowid, uuid, summary, quote, source) "
                "VALUES ('delete',?,?,?,?,?)")
_TEXT_OF_ROW = operator.itemgetter(*(list(RECORD_COLUMNS).index(c) for c in ("seq", "uuid", *FTS_COLUMNS)))
_FLUSH_EVERY = 500
# A record with neither reply nor target (most) is inserted with those three columns as NULL literals:
# Python's sqlite3 binds None through its adapter look-up (~0.5 µs a value), a str or int directly.
_LINKS = ("responds_to", "target_uuid", "target")
assert tuple(RECORD_COLUMNS)[-len(_LINKS):] == _LINKS
_INSERT_UNLINKED = (f"INSERT INTO records VALUES ({','.join('?' * (len(RECORD_COLUMNS) - len(_LINKS)))}"
                    f"{',NULL' * len(_LINKS)})")
_UNLINKED = operator.itemgetter(slice(None, -len(_LINKS)))
_NO_LINKS = (None,) * len(_LINKS)

# The kind of record each creation event class makes, and the handler of every other event class:
# filled by _load_classes() on first use (importing the classes defines the aggregates).
_CREATED: dict[type, str] = {}
_HANDLERS: dict[type, Callable[..., None]] = {}
_CORRECTED: list[type] = []  # Record.Corrected


def _load_classes() -> None:
    from events.records import EVENT_OF_KIND, Record
    from timeline.readmodel import identity

    _HANDLERS.update({
        Record.Corrected: Projector._change_record,
        Record.Retracted: Projector._change_record,
        **identity.HANDLERS,
    })
    _CORRECTED[:] = [Record.Corrected]
    _CREATED.update({cls: kind for kind, cls in EVENT_OF_KIND.items()})  # last: it says all are loaded


class Projector:
    """Applies one batch of (notification id, domain event) pairs to an open connection."""

    def __init__(self, conn: sqlite3.Connection, *, before_change: Callable[[], None] | None = None,
                 text: bool = True) -> None:
        self.conn = conn
        # Called before a record is changed (looked up by uuid): a rebuild builds that index then.
        self.before_change = before_change
        # False: the full-text index is left alone (a rebuild fills it from `records` at the end).
        self.text = text
        self.new_records: list[tuple] = []
        self.new_versions: list[tuple] = []
        self.touched: dict[str, Any] = {}  # record uuid → its row (tuple) or state (dict) in this batch

    def apply(self, pairs: Iterable[tuple[int, Any]]) -> None:
        conn, touched, new_records, created = self.conn, self.touched, self.new_records, _CREATED
        for position, event in pairs:
            cls = type(event)
            moment = event.timestamp
            # The library stamps events in UTC (its TZINFO): then utc_iso's conversion is a no-op.
            when = moment.isoformat(timespec="microseconds") if moment.tzinfo is UTC else utc_iso(moment)
            uuid = event.originator_id.hex
            kind = created.get(cls) or getattr(event, "lean_kind", None)
            if kind is None and not created:
                _load_classes()
                kind = created.get(cls)
            if kind is not None:
                row = _creation_row(conn, event, uuid, kind, position, when)
                touched[uuid] = row
                new_records.append(row)
                if len(new_records) >= _FLUSH_EVERY:
                    self.flush()
                continue
            handler = _HANDLERS.get(cls)
            if handler is None:
                raise ValueError(f"the read model does not know the event {cls.__qualname__}")
            handler(self, event, uuid, position, when)
        self.flush()

    def apply_stored(self, notifications: Iterable[Any], mapper: Any) -> None:
        """Like apply(), from stored notifications (see apply_rows)."""
        self.apply_rows([(n.id, n.originator_id.hex, n.originator_version, n.topic, n.state) for n in notifications],
                        mapper)

    def apply_rows(self, rows: Iterable[tuple[int, str, int, str, bytes]], mapper: Any) -> None:
        """Like apply(), from stored events as (notification id, originator uuid hex, version, topic,
        state) tuples. A record's creation event goes from its JSON straight into a row (orjson, no
        event object: decoding was ~44 % of a rebuild); any other event, or a store with a cipher or
        compressor, is decoded by the library's mapper."""
        if mapper.cipher is not None or mapper.compressor is not None:
            self.apply((row[0], mapper.to_domain_event(_notification(row))) for row in rows)
            return
        import orjson

        loads = orjson.loads
        decoder = _Decoder(mapper.transcoder.names)
        created = _created_topics()
        pending: list[tuple[int, Any]] = []
        new_records = self.new_records
        touched = self.touched
        for stored in rows:
            kind = created.get(stored[3])
            row = decoder.creation_row(self.conn, loads(stored[4]), stored, kind) if kind is not None else None
            if row is None:
                pending.append((stored[0], mapper.to_domain_event(_notification(stored))))
                continue
            if pending:  # keep the log's order
                self.apply(pending)
                pending = []
            touched[row[0]] = row
            new_records.append(row)
            if len(new_records) >= _FLUSH_EVERY:
                self.flush()
        self.apply(pending)

    def flush(self) -> None:
        if self.new_records:
            rows = self.new_records
            unlinked = [row for row in rows if row[-1] is None and row[-2] is None and row[-3] is None]
            self.conn.executemany(_INSERT_UNLINKED, map(_UNLINKED, unlinked))
            if len(unlinked) < len(rows):  # the rest after them: rows keyed by seq, so no row changes
                self.conn.executemany(_INSERT_RECORD, [row for row in rows if row[-3:] != _NO_LINKS])
            if self.text:
                self.conn.executemany(_INSERT_TEXT, map(_TEXT_OF_ROW, self.new_records))
            self.new_records.clear()
        if self.new_versions:
            self.conn.executemany(_INSERT_VERSION, self.new_versions)
            self.new_versions.clear()

    # -- records -------------------------------------------------------------------------------

    def _change_record(self, event: Any, uuid: str, position: int, when: str) -> None:
        self.flush()  # the row it changes must be in place
        if self.before_change is not None:
            self.before_change()
        before = self.touched.get(uuid) or self._record_state(uuid)
        if isinstance(before, tuple):  # created earlier in this batch
            before = dict(zip(RECORD_COLUMNS, before, strict=True))
        if before["version"] == 1:
            self.new_versions.append(_version_row(before, EVENT_OF_KIND_NAME[before["kind"]], None, before["seq"]))
        state = dict(before, version=event.originator_version, changed_at=when)
        if isinstance(event, _CORRECTED[0]):
            _apply_changes(self.conn, state, event.changes)
            state["status"] = "corrected" if state["status"] != "retracted" else "retracted"
            if self.text and any(field in event.changes for field in FTS_COLUMNS):  # the index says what it says now
                # external content: the index is told the text it holds now, before records changes
                self.conn.execute(_DELETE_TEXT, (state["seq"], uuid, *(before[c] for c in FTS_COLUMNS)))
                self.conn.execute(_INSERT_TEXT, (state["seq"], uuid, *(state[c] for c in FTS_COLUMNS)))
        else:
            state["status"] = "retracted"
        self.touched[uuid] = state
        self.conn.execute(_REPLACE_RECORD, tuple(state[c] for c in RECORD_COLUMNS))
        self.new_versions.append(_version_row(state, type(event).__name__, event.reason, position))

    def _record_state(self, uuid: str) -> dict[str, Any]:
        row = self.conn.execute("SELECT * FROM records WHERE uuid=?", (uuid,)).fetchone()
        if row is None:
            raise ValueError(f"the log changes record {uuid} before creating it")
        return dict(zip(RECORD_COLUMNS, row, strict=True))


def _version_row(state: dict[str, Any], event: str, reason: str | None, position: int) -> tuple:
    return (*(state[c] for c in RECORD_COLUMNS), event, reason, position)


def _creation_row(conn: sqlite3.Connection, event: Any, uuid: str, kind: str, position: int, when: str) -> tuple:
    """The `records` row of a new record, in RECORD_COLUMNS order (the bulk path: no dict)."""
    date, precision, start, end = _date_columns(event.date)
    extra = json.dumps(event.extra, ensure_ascii=False, sort_keys=True) if event.extra else "{}"
    return (
        uuid, event.record_id, position, event.actor_id.hex, event.topic, kind, event.stance,
        date, precision, start, end, event.summary, event.quote, event.source, event.source_url,
        when, "active", extra, event.originator_version, when,
        event.responds_to, *(_NO_TARGET if event.target_id is None else _target_columns(conn, event.target_id.hex)),
    )


@functools.cache
def _created_topics() -> dict[str, str]:
    """The stored topic of each record creation event class → the kind of record it makes."""
    from eventsourcing.utils import get_topic

    if not _CREATED:
        _load_classes()
    return {get_topic(cls): kind for cls, kind in _CREATED.items()}


def _notification(row: tuple[int, str, int, str, bytes]) -> Any:
    from uuid import UUID

    from eventsourcing.persistence import Notification

    return Notification(id=row[0], originator_id=UUID(row[1]), originator_version=row[2], topic=row[3], state=row[4])


# Decoded typed values by (transcoding, what is made of the value, stored text): actors' uuids and
# dates repeat across records.
_DECODED: dict[tuple[Any, Any, str], Any] = {}
_DECODED_MAX = 200_000


class _Decoder:
    """Reads a stored record creation event's state into its `records` row, exactly as
    _creation_row makes it from the decoded event. Decoding is a pure function of the stored
    text, so uuids and dates are decoded once each (cached); a record time written by the library's
    own ISO datetime transcoding in UTC with microseconds is already the text utc_iso makes of it."""

    def __init__(self, names: dict[str, Any]) -> None:
        from eventsourcing.persistence import DatetimeAsISO

        self.names = names
        self.iso_moments = type(names.get("datetime_iso")) is DatetimeAsISO

    def _typed(self, value: dict[str, Any], then: Callable[[Any], Any]) -> Any:
        transcoding, data = self.names[value["_type_"]], value["_data_"]
        key = (transcoding, then, data)
        found = _DECODED.get(key)
        if found is None:
            if len(_DECODED) >= _DECODED_MAX:
                _DECODED.clear()
            found = _DECODED[key] = then(transcoding.decode(data))
        return found

    def _moment(self, value: dict[str, Any]) -> str:
        data = value["_data_"]
        if (value["_type_"] == "datetime_iso" and self.iso_moments and type(data) is str and len(data) == 32
                and data[10] == "T" and data[19] == "." and data.endswith("+00:00")):
            return data
        return utc_iso(self.names[value["_type_"]].decode(data))

    def creation_row(self, conn: sqlite3.Connection, state: dict[str, Any], stored: tuple, kind: str) -> tuple | None:
        """The row, or None when the state is not the shape this reads (the mapper decodes it then)."""
        try:
            actor_hex = self._typed(state["actor_id"], _hex)
            date, precision, start, end = self._typed(state["date"], _date_columns)
            when = self._moment(state["timestamp"])
            target = state.get("target_id")  # optional: events stored before relations lack it
            target_hex = self._typed(target, _hex) if target is not None else None
            record_id, topic, stance = state["record_id"], state["topic"], state["stance"]
            summary, quote, source, url = state["summary"], state["quote"], state["source"], state["source_url"]
            extra, responds_to = state["extra"], state.get("responds_to")
        except (KeyError, TypeError, AttributeError):
            return None
        if type(extra) is not dict or "_type_" in extra:
            return None
        for value in (record_id, topic, stance, summary, quote, source, url, responds_to):
            if value is not None and type(value) is not str:  # anything else: as the mapper decodes it
                return None
        extra_text = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else "{}"
        return (
            stored[1], record_id, stored[0], actor_hex, topic, kind, stance, date, precision, start, end,
            summary, quote, source, url, when, "active", extra_text, stored[2], when,
            responds_to, *_target_columns(conn, target_hex),
        )


_NO_TARGET = (None, None)


def _hex(value: Any) -> str:
    return value.hex


def _target_columns(conn: sqlite3.Connection, target: str | None) -> tuple[str | None, str | None]:
    """(uuid, name) of the actor a record addresses (its uuid's hex); the actor was registered by an
    earlier event."""
    if target is None:
        return None, None
    row = conn.execute("SELECT name FROM actors WHERE uuid=?", (target,)).fetchone()
    return target, row[0] if row else None


@functools.lru_cache(maxsize=65536)
def _date_columns(value: Any) -> tuple[str, str, str, str]:
    start = value.start.isoformat() if value.start else OPEN_START
    end = value.end.isoformat() if value.end else OPEN_END
    return str(value), value.precision.value, start, end


def _apply_changes(conn: sqlite3.Connection, state: dict[str, Any], changes: dict[str, Any]) -> None:
    for field, value in changes.items():
        if field == "date":
            state["date"], state["precision"], state["start"], state["end"] = _date_columns(value)
        elif field == "actor_id":
            state["actor_uuid"] = value.hex
        elif field == "target_id":
            state["target_uuid"], state["target"] = _target_columns(conn, value.hex if value is not None else None)
        elif field == "extra":
            state["extra"] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            state[field] = value
