"""The read model: a disposable SQLite file (sqlite-utils) projected from the event log.

Exactly once: each batch of notifications is applied and the tracking position advanced in one
transaction, taken with BEGIN IMMEDIATE and re-reading the position inside it, so concurrent
processes never apply an event twice. Every command calls `catch_up()` before it reads; the cost
is proportional to the events that are new since the last command, not to the history.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from events.vocabulary import EVENT_OF_KIND_NAME, KIND_OF_EVENT
from timeline.dates import utc_iso
from timeline.errors import InputError

SCHEMA_VERSION = "2"
BATCH = 2000

RECORD_COLUMNS = {
    "uuid": str, "id": str, "seq": int, "actor_uuid": str, "topic": str, "kind": str, "stance": str,
    "date": str, "precision": str, "start": str, "end": str, "summary": str, "quote": str,
    "source": str, "source_url": str, "recorded_at": str, "status": str, "extra": str, "version": int,
    "changed_at": str,  # record time of the latest version
}
DERIVED_TABLES = ("actors", "aliases", "roles", "topics", "records", "versions")
# Every state of every record that has more than one version (for --known-at and history).
VERSION_COLUMNS = {**RECORD_COLUMNS, "event": str, "reason": str, "position": int}


def default_view_path(store: str) -> Path:
    """Beside a SQLite store (`x.sqlite` → `x.view.sqlite`); for PostgreSQL, db/timeline.view.sqlite."""
    override = os.environ.get("TIMELINE_VIEW")
    if override:
        return Path(override)
    if store.startswith(("postgresql://", "postgres://")):
        return Path("db") / "timeline.view.sqlite"
    path = Path(store)
    stem = path.name[: -len(".sqlite")] if path.name.endswith(".sqlite") else path.name
    return path.with_name(f"{stem}.view.sqlite")


class View:
    """The projected read model and its tracking position."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.rebuilt_reason: str | None = None
        self.store: str | None = None
        self.conn = self._connect()

    # -- opening -------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = self._open(self.path)
        except sqlite3.DatabaseError as error:
            # The view is disposable: a damaged one is thrown away and derived again.
            self.rebuilt_reason = f"the read model {self.path} was unreadable ({error}); rebuilding it"
            self._remove_files()
            conn = self._open(self.path)
        return conn

    def _open(self, path: Path) -> sqlite3.Connection:
        if path.is_dir():
            raise InputError(f"the read model path {path} is a directory")
        if not path.parent.exists():
            raise InputError(f"the directory {path.parent} for the read model does not exist")
        conn = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        # The view is disposable (a damaged one is rebuilt from the log), so it trades durability
        # against power loss for speed: no fsync, and a cache big enough for its indexes.
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-65536")
        conn.execute("PRAGMA temp_store=MEMORY")
        version = self._meta(conn, "schema_version")
        if version != SCHEMA_VERSION:
            if version is not None:
                self.rebuilt_reason = f"the read model {path} has an older layout; rebuilding it"
            self._create_schema(conn)
        return conn

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.remove(f"{self.path}{suffix}")
            except FileNotFoundError:
                pass

    @staticmethod
    def _meta(conn: sqlite3.Connection, key: str) -> str | None:
        try:
            row = conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    def _create_schema(self, conn: sqlite3.Connection) -> None:
        import sqlite_utils  # only when the read model is (re)created

        db = sqlite_utils.Database(conn)
        with self.immediate(conn):
            for table in ("meta", "tracking", *DERIVED_TABLES):
                db[table].drop(ignore=True)
            db["meta"].create({"key": str, "value": str}, pk="key")
            db["tracking"].create({"name": str, "notification_id": int}, pk="name")
            db["actors"].create(
                {"uuid": str, "name": str, "name_norm": str, "kind": str, "recorded_at": str}, pk="uuid"
            )
            db["aliases"].create(
                {"actor_uuid": str, "alias": str, "alias_norm": str}, pk=("actor_uuid", "alias_norm")
            )
            db["roles"].create({"actor_uuid": str, "role": str, "on_date": str, "position": int})
            db["topics"].create(
                {"slug": str, "uuid": str, "title": str, "parent": str, "recorded_at": str}, pk="slug"
            )
            db["records"].create(RECORD_COLUMNS, pk="uuid")
            db["versions"].create(VERSION_COLUMNS, pk=("uuid", "version"))
            db["actors"].create_index(["name_norm"])
            db["aliases"].create_index(["alias_norm"])
            db["roles"].create_index(["actor_uuid"])
            db["records"].create_index(["id"], unique=True)
            db["records"].create_index(["actor_uuid", "topic", "end", "seq"])
            db["versions"].create_index(["actor_uuid", "topic"])
            db["meta"].insert({"key": "schema_version", "value": SCHEMA_VERSION})
            db["tracking"].insert({"name": "events", "notification_id": 0})

    @contextmanager
    def immediate(self, conn: sqlite3.Connection | None = None) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the lock first, so what it reads cannot go stale."""
        conn = conn or self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- tracking ------------------------------------------------------------------------------

    def position(self) -> int:
        row = self.conn.execute("SELECT notification_id FROM tracking WHERE name='events'").fetchone()
        return row[0] if row else 0

    def store_fingerprint(self) -> str | None:
        return self._meta(self.conn, "store")

    def belongs_to(self, store: str) -> None:
        """Name the store this view is derived from (`store.store_identity`). A view made from
        another store, or from an unnamed one, is emptied at the next catch-up and so rebuilt, even
        when both logs begin with the same deterministic events (seeds), which the first-event
        fingerprint cannot tell apart. Nothing is written until the store has been opened."""
        self.store = store

    def _is_ours(self) -> bool:
        return self.store is None or self._meta(self.conn, "location") == self.store

    def is_current_with(self, location: str) -> bool:
        """True when a SQLite store has no event this view lacks (read straight from the file).

        Lets read-only commands answer without importing the eventsourcing library. Anything
        unusual (PostgreSQL, a missing or odd file) answers False and takes the full path.
        """
        if location.startswith(("postgresql://", "postgres://")) or self.position() == 0 or not self._is_ours():
            return False
        path = Path(location)
        if not path.is_file():
            return False
        try:
            store = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                latest = store.execute("SELECT MAX(rowid) FROM stored_events").fetchone()[0]
                first = store.execute(
                    "SELECT originator_id, originator_version, topic FROM stored_events "
                    "WHERE rowid = (SELECT MIN(rowid) FROM stored_events)"
                ).fetchone()
            finally:
                store.close()
        except sqlite3.Error:
            return False
        if latest != self.position() or first is None:
            return False
        from uuid import UUID

        try:
            fingerprint = f"{UUID(first[0])}:{first[1]}:{first[2]}"
        except ValueError:
            return False
        return fingerprint == self.store_fingerprint()

    # -- catching up ---------------------------------------------------------------------------

    def catch_up(
        self, app: Any, *, batch: int = BATCH, progress: Callable[[int], None] | None = None
    ) -> int:
        """Apply every event recorded since the tracked position; returns how many were applied."""
        recorder = app.recorder
        latest = self._check_same_store(recorder)
        applied = 0
        while self.position() < latest:
            with self.immediate():
                start = self.position()
                notifications = recorder.select_notifications(
                    start=start, limit=batch, inclusive_of_start=False
                )
                if not notifications:
                    break
                self.apply(app.mapper, notifications)
                self._set_position(notifications[-1].id)
            applied += len(notifications)
            if progress:
                progress(len(notifications))
        return applied

    def rebuild(self, app: Any, *, batch: int = BATCH, progress: Callable[[int], None] | None = None) -> int:
        """Derive the whole read model again from the log, in one transaction (all or nothing)."""
        recorder = app.recorder
        applied = 0
        with self.immediate():
            self._clear()
            if self.store is not None:
                self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('location', ?)", (self.store,))
            start = 0
            while True:
                notifications = recorder.select_notifications(
                    start=start, limit=batch, inclusive_of_start=False
                )
                if not notifications:
                    break
                if start == 0:
                    self._remember_store(notifications[0])
                self.apply(app.mapper, notifications)
                start = notifications[-1].id
                self._set_position(start)
                applied += len(notifications)
                if progress:
                    progress(len(notifications))
        return applied

    def _clear(self) -> None:
        """Empty every derived table and forget the log (inside the caller's transaction)."""
        for table in DERIVED_TABLES:
            self.conn.execute(f"DELETE FROM {table}")
        self.conn.execute("DELETE FROM meta WHERE key='store'")
        self._set_position(0)

    def _set_position(self, notification_id: int) -> None:
        self.conn.execute(
            "UPDATE tracking SET notification_id=? WHERE name='events'", (notification_id,)
        )

    def _remember_store(self, first: Any) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('store', ?)", (_fingerprint(first),)
        )

    def _check_same_store(self, recorder: Any) -> int:
        """A view made from another log (a replaced or re-created store) is rebuilt, not patched.
        Returns the log's latest notification id."""
        if not self._is_ours():
            with self.immediate():
                if self.position() > 0:
                    self.rebuilt_reason = f"the read model {self.path} belongs to another event log; rebuilding it"
                    self._clear()
                self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('location', ?)", (self.store,))
        latest = recorder.max_notification_id() or 0
        if self.position() == 0:
            return latest
        first = recorder.select_notifications(start=1, limit=1)
        if not first or _fingerprint(first[0]) != self.store_fingerprint() or latest < self.position():
            self.rebuilt_reason = f"the read model {self.path} belongs to another event log; rebuilding it"
            with self.immediate():
                self._clear()
        return latest

    # -- applying events -----------------------------------------------------------------------

    def apply(self, mapper: Any, notifications: Sequence[Any]) -> None:
        """Decode and apply notifications; the caller holds the transaction."""
        if self.position() == 0 and notifications and self.store_fingerprint() is None:
            self._remember_store(notifications[0])
        self.apply_events((n.id, mapper.to_domain_event(n)) for n in notifications)

    def apply_recordings(self, recordings: Sequence[Any]) -> bool:
        """Apply what this process just saved, from memory (no decoding), if nothing came between.

        True when applied: the view stood exactly before the first new notification and the new
        ones are consecutive. Otherwise False, and the caller catches up from the log instead.
        """
        if not recordings:
            return True
        ids = [r.notification.id for r in recordings]
        if ids != list(range(ids[0], ids[0] + len(ids))):
            return False
        with self.immediate():
            if self.position() != ids[0] - 1:
                return False
            if ids[0] == 1 or self.store_fingerprint() is None:
                if ids[0] != 1:
                    return False
                self._remember_store(recordings[0].notification)
            self.apply_events((r.notification.id, r.domain_event) for r in recordings)
            self._set_position(ids[-1])
        return True

    def apply_events(self, pairs: Any) -> None:
        """Apply (notification id, domain event) pairs in order; the caller holds the transaction."""
        conn = self.conn
        new_records: list[tuple] = []
        new_versions: list[tuple] = []
        touched: dict[str, dict[str, Any]] = {}
        for position, event in pairs:
            name = type(event).__qualname__
            when = utc_iso(event.timestamp)
            uuid = event.originator_id.hex
            if name.startswith("Record."):
                kind = _CREATED.get(name)
                if kind is not None:
                    row = _creation_row(event, uuid, kind, position, when)
                    touched[uuid] = row
                    new_records.append(row)
                    continue
                # A change: `versions` keeps every state of changed records only (most records
                # are never corrected, and a bulk import then writes each record once).
                self._flush(new_records, new_versions)  # the row it changes must be in place
                before = touched.get(uuid) or self._record_state(uuid)
                if isinstance(before, tuple):  # created earlier in this batch
                    before = dict(zip(RECORD_COLUMNS, before, strict=True))
                if before["version"] == 1:
                    new_versions.append(_version_row(before, EVENT_OF_KIND_NAME[before["kind"]], None, before["seq"]))
                state = dict(before, version=event.originator_version, changed_at=when)
                if name == "Record.Corrected":
                    _apply_changes(state, event.changes)
                    state["status"] = "corrected" if state["status"] != "retracted" else "retracted"
                elif name == "Record.Retracted":
                    state["status"] = "retracted"
                else:
                    raise ValueError(f"the read model does not know the event {name}")
                touched[uuid] = state
                conn.execute(
                    f"INSERT OR REPLACE INTO records VALUES ({','.join('?' * len(RECORD_COLUMNS))})",
                    tuple(state[c] for c in RECORD_COLUMNS),
                )
                new_versions.append(_version_row(state, name.split(".", 1)[1], event.reason, position))
            elif name == "Actor.Registered":
                conn.execute(
                    "INSERT INTO actors VALUES (?,?,?,?,?)",
                    (uuid, event.name, _norm(event.name), event.kind, when),
                )
            elif name == "Actor.AliasAdded":
                conn.execute(
                    "INSERT OR IGNORE INTO aliases VALUES (?,?,?)", (uuid, event.alias, _norm(event.alias))
                )
            elif name == "Actor.RoleRecorded":
                conn.execute(
                    "INSERT INTO roles VALUES (?,?,?,?)",
                    (uuid, event.role, str(event.on) if event.on else None, position),
                )
            elif name == "Topic.Registered":
                conn.execute(
                    "INSERT INTO topics VALUES (?,?,?,?,?)", (event.slug, uuid, event.title, event.parent, when)
                )
            elif name == "Topic.Retitled":
                conn.execute("UPDATE topics SET title=? WHERE uuid=?", (event.title, uuid))
            elif name == "Topic.Moved":
                conn.execute("UPDATE topics SET parent=? WHERE uuid=?", (event.parent, uuid))
            else:
                raise ValueError(f"the read model does not know the event {name}")
            if new_records and len(new_records) >= 500:
                self._flush(new_records, new_versions)
        self._flush(new_records, new_versions)

    def _flush(self, new_records: list[tuple], new_versions: list[tuple]) -> None:
        if new_records:
            self.conn.executemany(
                f"INSERT INTO records VALUES ({','.join('?' * len(RECORD_COLUMNS))})", new_records
            )
            new_records.clear()
        if new_versions:
            self.conn.executemany(
                f"INSERT INTO versions VALUES ({','.join('?' * len(VERSION_COLUMNS))})", new_versions
            )
            new_versions.clear()

    def _record_state(self, uuid: str) -> dict[str, Any]:
        row = self.conn.execute("SELECT * FROM records WHERE uuid=?", (uuid,)).fetchone()
        if row is None:
            raise ValueError(f"the log changes record {uuid} before creating it")
        return dict(row)

    def close(self) -> None:
        self.conn.close()


def _version_row(state: dict[str, Any], event: str, reason: str | None, position: int) -> tuple:
    return (*(state[c] for c in RECORD_COLUMNS), event, reason, position)


def _norm(text: str) -> str:
    from events.text import normalise

    return normalise(text)


def _fingerprint(notification: Any) -> str:
    return f"{notification.originator_id}:{notification.originator_version}:{notification.topic}"


_CREATED = {f"Record.{name}": kind for name, kind in KIND_OF_EVENT.items()}


def _creation_row(event: Any, uuid: str, kind: str, position: int, when: str) -> tuple:
    """The `records` row of a new record, in RECORD_COLUMNS order (the bulk path: no dict)."""
    date, precision, start, end = _date_columns(event.date)
    extra = json.dumps(event.extra, ensure_ascii=False, sort_keys=True) if event.extra else "{}"
    return (
        uuid, event.record_id, position, event.actor_id.hex, event.topic, kind, event.stance,
        date, precision, start, end, event.summary, event.quote, event.source, event.source_url,
        when, "active", extra, event.originator_version, when,
    )


@functools.lru_cache(maxsize=65536)
def _date_columns(value: Any) -> tuple[str, str, str, str]:
    return str(value), value.precision.value, value.start.isoformat(), value.end.isoformat()


def _set_date(state: dict[str, Any], value: Any) -> None:
    state["date"], state["precision"], state["start"], state["end"] = _date_columns(value)


def _apply_changes(state: dict[str, Any], changes: dict[str, Any]) -> None:
    for field, value in changes.items():
        if field == "date":
            _set_date(state, value)
        elif field == "actor_id":
            state["actor_uuid"] = value.hex
        elif field == "extra":
            state["extra"] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            state[field] = value
