"""The read model: a disposable SQLite file (sqlite-utils) projected from the event log.

Exactly once: each batch of notifications is applied and the tracking position advanced in one
transaction, taken with BEGIN IMMEDIATE and re-reading the position inside it, so concurrent
processes never apply an event twice. Every command calls `catch_up()` before it reads; the cost
is proportional to the events that are new since the last command, not to the history.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from timeline.errors import InputError
from timeline.readmodel.schema import RECORD_KEY, SCHEMA_VERSION, create_derived, create_indexes, create_schema, index_sql

try:  # hashlib's own BLAKE2, without hashlib: importing it loads OpenSSL (~4 % of a read's start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a build without it
    from hashlib import blake2b

BATCH = 2000
CACHE_KIB = 65536  # the view's page cache
REBUILD_CACHE_KIB = 16384  # while rebuilding (see rebuild): peak RSS at 100k 129 -> 80 MiB, CPU the same


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
        conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        conn.execute("PRAGMA temp_store=MEMORY")
        # Freed pages are not overwritten with zeros (this SQLite's default): the log keeps every
        # word anyway, and zeroing made dropping a 100k-record view cost ~0.9 s of a rebuild.
        conn.execute("PRAGMA secure_delete=OFF")
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
        with self.immediate(conn):
            # Checked again under the lock: a sibling may have just created it (and caught up).
            if self._meta(conn, "schema_version") != SCHEMA_VERSION:
                create_schema(conn)

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

    def tracked(self) -> Tracked:
        """The tracked position and what the view remembers of its log, read in one statement (one
        snapshot: a sibling's catch-up commits position and fingerprints together)."""
        row = self.conn.execute(
            "SELECT (SELECT notification_id FROM tracking WHERE name='events'), "
            "(SELECT value FROM meta WHERE key='location'), (SELECT value FROM meta WHERE key='store'), "
            "(SELECT value FROM meta WHERE key='last'), (SELECT value FROM meta WHERE key='deferred')"
        ).fetchone()
        return Tracked(row[0] or 0, row[1], row[2], row[3], row[4])

    def is_current_with(self, location: str) -> bool:
        """True when a SQLite store has no event this view lacks (read straight from the file).

        Lets read-only commands answer without importing the eventsourcing library. Anything
        unusual (PostgreSQL, a missing or odd file, another log) answers False and takes the full path.
        """
        tracked = self.tracked()
        if location.startswith(("postgresql://", "postgres://")) or tracked.position == 0 or tracked.deferred:
            return False  # deferred: an import is loading, or died before building its indexes (catch_up)
        if self.store is not None and tracked.location != self.store:
            return False
        path = Path(location)
        if not path.is_file():
            return False
        columns = "rowid, originator_id, originator_version, topic, state"
        try:
            from timeline.store.location import sqlite_read_uri

            store = sqlite3.connect(sqlite_read_uri(path), uri=True)
            try:
                latest = store.execute("SELECT MAX(rowid) FROM stored_events").fetchone()[0]
                first = store.execute(
                    f"SELECT {columns} FROM stored_events WHERE rowid = (SELECT MIN(rowid) FROM stored_events)"
                ).fetchone()
                at = store.execute(f"SELECT {columns} FROM stored_events WHERE rowid = ?", (tracked.position,)).fetchone()
            finally:
                store.close()
        except sqlite3.Error:
            return False
        if latest != tracked.position or first is None or at is None:
            return False
        from uuid import UUID

        try:
            rows = [_Row(UUID(r[1]), r[2], r[3], r[4], r[0]) for r in (first, at)]
        except ValueError:
            return False
        return _fingerprint(rows[0]) == tracked.first and tracked.last in (None, _mark(rows[1]))

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
                self._advance(notifications[-1])
            applied += len(notifications)
            if progress:
                progress(len(notifications))
        return applied

    def rebuild(self, app: Any, *, batch: int = BATCH, progress: Callable[[int], None] | None = None) -> int:
        """Derive the whole read model again from the log, in one transaction (all or nothing).

        The derived tables are dropped and made again without their indexes, loaded in log order
        (records by seq, their rowid: appended), and the indexes built once at the end (a sort each,
        instead of a b-tree insertion a row); records' uuid index earlier, as soon as a correction or
        retraction needs to find its record. The cyclic GC keeps out of the way.
        """
        # Building the indexes sorts every row: in temporary files, not memory (temp_store=MEMORY
        # would hold the whole sort: peak RSS 3x at 1M records against 100k).
        self.conn.execute("PRAGMA temp_store=FILE")
        # Loading appends (records by seq, the full-text index's segments), so a small page cache
        # does; it also bounds each index build's in-memory sort runs (as big as the cache).
        self.conn.execute(f"PRAGMA cache_size=-{REBUILD_CACHE_KIB}")
        self.conn.execute("PRAGMA threads=2")  # the index sorts in two threads: ~10 % less wall time
        try:
            return self._rebuild(app.recorder, app.mapper, batch, progress)
        finally:
            self.conn.execute("PRAGMA temp_store=MEMORY")
            self.conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            self.conn.execute("PRAGMA threads=0")

    def _rebuild(self, recorder: Any, mapper: Any, batch: int, progress: Callable[[int], None] | None) -> int:
        from timeline.bulk import quiet_gc
        from timeline.readmodel.logrows import read_log  # only a rebuild reads the whole log (issue 17)
        from timeline.readmodel.projector import Projector  # loads the aggregates: only with events to apply

        applied = 0
        made: list[Any] = []

        def key_records() -> None:
            if not made:
                self.conn.execute(index_sql(*RECORD_KEY))
                made.append(RECORD_KEY)

        with self.immediate(), quiet_gc():
            self._clear(indexes=False)
            if self.store is not None:
                self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('location', ?)", (self.store,))
            for rows in read_log(recorder, batch):
                if applied == 0:
                    self._remember_store(_stored(rows[0]))
                Projector(self.conn, before_change=key_records, text=False).apply_rows(rows, mapper)
                self._advance(_stored(rows[-1]))
                applied += len(rows)
                if progress:
                    progress(len(rows))
            # The full-text index in one pass over `records` as they now stand (FTS5's 'rebuild').
            self.conn.execute("INSERT INTO records_fts(records_fts) VALUES ('rebuild')")
            create_indexes(self.conn, skip=tuple(made))
        return applied

    def _clear(self, *, indexes: bool = True) -> None:
        """Empty every derived table and forget the log (inside the caller's transaction)."""
        create_derived(self.conn)
        if indexes:
            create_indexes(self.conn)
        self.conn.execute("DELETE FROM meta WHERE key IN ('store', 'last', 'deferred')")  # all indexes made here
        self._set_position(0)

    def _set_position(self, notification_id: int) -> None:
        self.conn.execute(
            "UPDATE tracking SET notification_id=? WHERE name='events'", (notification_id,)
        )

    def _advance(self, notification: Any) -> None:
        """Track `notification` as the last one applied, remembering which event it was (so that a
        log copied over this one with as many events is noticed, not answered from)."""
        self._set_position(notification.id)
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('last', ?)", (_mark(notification),))

    def _remember_store(self, first: Any) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('store', ?)", (_fingerprint(first),)
        )

    def _check_same_store(self, recorder: Any) -> int:
        """A view made from another log (a replaced, re-created or copied-over store) is rebuilt, not
        patched. Returns the log's latest notification id.

        The view's position is read before the log's latest id: the log only grows, so a sibling that
        catches up meanwhile can never seem to be ahead of the log. What looks foreign is checked
        again under the view's write lock before anything is thrown away.
        """
        tracked = self.tracked()
        if tracked.deferred:  # indexes left out by a large import: built now if that import died
            from timeline.readmodel import deferred

            deferred.recover(self)
        latest = recorder.max_notification_id() or 0
        ours = self.store is None or tracked.location == self.store
        if ours and self._foreign(recorder, tracked, latest) is None:
            return latest
        with self.immediate():
            tracked = self.tracked()
            latest = recorder.max_notification_id() or 0
            reason = self._foreign(recorder, tracked, latest)
            if reason:
                self.rebuilt_reason = f"the read model {self.path} {reason}; rebuilding it"
                self._clear()
            if self.store is not None and tracked.location != self.store:
                self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('location', ?)", (self.store,))
        return latest

    def _foreign(self, recorder: Any, tracked: Tracked, latest: int) -> str | None:
        """Why the view cannot be this log's (None when it can): shorter than the view, or holding
        other events at the first or the tracked position (a moved store holds the same ones)."""
        if tracked.position == 0:
            return None
        # Named differently: another store, or the same one moved (a folder renamed). The events at the
        # first and the tracked position tell them apart; a view made before it remembered the tracked
        # event cannot, and is rebuilt.
        if self.store is not None and tracked.location != self.store and tracked.last is None:
            return "belongs to another event log"
        if latest < tracked.position:
            return "belongs to another event log (it has fewer events than the read model)"
        first = recorder.select_notifications(start=1, limit=1)
        if not first or _fingerprint(first[0]) != tracked.first:
            return "belongs to another event log (it begins with other events)"
        if tracked.last is not None:
            at = recorder.select_notifications(start=tracked.position, limit=1)
            if not at or at[0].id != tracked.position or _mark(at[0]) != tracked.last:
                return "belongs to another event log (it was replaced: other events at the same position)"
        return None

    # -- applying events -----------------------------------------------------------------------

    def apply(self, mapper: Any, notifications: Sequence[Any]) -> None:
        """Decode and apply notifications; the caller holds the transaction."""
        if self.position() == 0 and notifications and self.store_fingerprint() is None:
            self._remember_store(notifications[0])
        from timeline.readmodel.projector import Projector  # loads the aggregates: only with events to apply

        Projector(self.conn).apply_stored(notifications, mapper)

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
            self._project((r.notification.id, r.domain_event) for r in recordings)
            self._advance(recordings[-1].notification)
        return True

    def _project(self, pairs: Any) -> None:
        from timeline.readmodel.projector import Projector  # loads the aggregates: only with events to apply

        Projector(self.conn).apply(pairs)

    def close(self) -> None:
        self.conn.close()


def _fingerprint(notification: Any) -> str:
    return f"{notification.originator_id}:{notification.originator_version}:{notification.topic}"


def _mark(notification: Any) -> str:
    """Which event stands at a position: its id, aggregate, version, class and a digest of its
    state (which holds its record time, so two logs' events practically never share a mark)."""
    digest = blake2b(bytes(notification.state), digest_size=8).hexdigest()
    return f"{notification.id}:{_fingerprint(notification)}:{digest}"


# Tracked and _Row are plain classes with slots, not NamedTuples: defining a NamedTuple costs ~0.7
# million instructions at every start (issue 17), and only their attributes are ever read.
class Tracked:
    """The tracked position and what the view remembers of its log."""
    __slots__ = ("position", "location", "first", "last", "deferred")

    def __init__(self, position: int, location: str | None, first: str | None, last: str | None,
                 deferred: str | None = None) -> None:
        # first: the first event's fingerprint; last: the mark of the event at `position`; deferred: set
        # while records' secondary indexes are left out by a large import (readmodel/deferred.py)
        self.position, self.location, self.first, self.last, self.deferred = position, location, first, last, deferred


def _stored(row: tuple[int, str, int, str, bytes]) -> _Row:
    from uuid import UUID

    return _Row(UUID(row[1]), row[2], row[3], row[4], row[0])


class _Row:
    """A stored event read straight from a SQLite store (the fields `_fingerprint`/`_mark` use)."""

    __slots__ = ("originator_id", "originator_version", "topic", "state", "id")

    def __init__(self, originator_id: Any, originator_version: int, topic: str, state: bytes, id: int) -> None:  # noqa: A002
        self.originator_id, self.originator_version, self.topic, self.state, self.id = (
            originator_id, originator_version, topic, state, id)
