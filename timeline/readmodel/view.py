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
from timeline.readmodel.schema import DERIVED_TABLES, SCHEMA_VERSION, create_schema

BATCH = 2000


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
        with self.immediate(conn):
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
        """Derive the whole read model again from the log, in one transaction (all or nothing).

        The derived tables' own indexes are dropped while they are loaded and built once at the end
        (a sort each, instead of a b-tree insertion a row), and the cyclic GC keeps out of the way.
        """
        recorder = app.recorder
        # Building the indexes sorts every row: in temporary files, not memory (temp_store=MEMORY
        # would hold the whole sort: peak RSS 3x at 1M records against 100k).
        self.conn.execute("PRAGMA temp_store=FILE")
        try:
            return self._rebuild(recorder, app.mapper, batch, progress)
        finally:
            self.conn.execute("PRAGMA temp_store=MEMORY")

    def _rebuild(self, recorder: Any, mapper: Any, batch: int, progress: Callable[[int], None] | None) -> int:
        from timeline.bulk import quiet_gc

        applied = 0
        with self.immediate(), quiet_gc():
            self._clear()
            indexes = self._drop_indexes()
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
                self.apply(mapper, notifications)
                start = notifications[-1].id
                self._set_position(start)
                applied += len(notifications)
                if progress:
                    progress(len(notifications))
            for sql in indexes:
                self.conn.execute(sql)
        return applied

    def _drop_indexes(self) -> list[str]:
        """Drop the derived tables' explicit indexes (inside the caller's transaction); returns the
        statements that create them again."""
        marks = ",".join("?" * len(DERIVED_TABLES))
        found = self.conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
            DERIVED_TABLES,
        ).fetchall()
        for name, _ in found:
            self.conn.execute(f'DROP INDEX "{name}"')
        return [sql for _, sql in found]

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
            self._set_position(ids[-1])
        return True

    def _project(self, pairs: Any) -> None:
        from timeline.readmodel.projector import Projector  # loads the aggregates: only with events to apply

        Projector(self.conn).apply(pairs)

    def close(self) -> None:
        self.conn.close()


def _fingerprint(notification: Any) -> str:
    return f"{notification.originator_id}:{notification.originator_version}:{notification.topic}"
