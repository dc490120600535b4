"""The event store: an eventsourcing Application over SQLite (default) or PostgreSQL.

`open_store()` checks the location first so that a wrong `--db` is one clear sentence, and a
read-only command never creates a database.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import Transcoder, Transcoding

from events.dates import PartialDate
from timeline.errors import DomainError, InputError

DEFAULT_DB = Path("db") / "timeline.sqlite"
EVENTS_TABLE = "stored_events"
SQLITE_MAGIC = b"SQLite format 3\x00"


class PartialDateAsISO(Transcoding):
    type = PartialDate
    name = "partial_date"

    def encode(self, obj: PartialDate) -> str:
        return str(obj)

    def decode(self, data: str) -> PartialDate:
        return PartialDate.parse(data)


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class TimelineApp(Application):
    """The event-sourced application: aggregates in, stored events out."""

    name = "timeline"

    def register_transcodings(self, transcoder: Transcoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(PartialDateAsISO())
        transcoder.register(DateAsISO())


def resolve_db(db: str | os.PathLike[str] | None) -> str:
    """The store location: the --db value, else $TIMELINE_DB, else db/timeline.sqlite here."""
    value = str(db) if db else os.environ.get("TIMELINE_DB") or str(DEFAULT_DB)
    return value


def is_postgres(location: str) -> bool:
    return location.startswith(("postgresql://", "postgres://"))


def check_sqlite_path(path: Path, *, create: bool) -> bool:
    """Check a SQLite store path; returns whether it already exists. Raises with one sentence."""
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a timeline database file")
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(16)
        except OSError as error:
            raise InputError(f"cannot read {path}: {error.strerror}") from None
        if head and head != SQLITE_MAGIC:
            raise InputError(f"{path} is not a SQLite database")
        if head and not _has_events_table(path):
            raise InputError(f"{path} is a SQLite database but not a timeline store")
        if create and not os.access(path, os.W_OK):
            raise InputError(f"{path} is read-only; timeline cannot record events in it")
        return bool(head)
    if not create:
        raise DomainError(
            f"there is no timeline database at {path}; run 'timeline seed' or 'timeline add' to start one"
        )
    parent = path.parent
    if not parent.exists():
        if path.absolute().parent == (Path.cwd() / DEFAULT_DB).parent:
            parent.mkdir(parents=True, exist_ok=True)
        else:
            raise InputError(f"the directory {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise InputError(f"cannot create {path}: the directory {parent} is not writable")
    return False


def _has_events_table(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (EVENTS_TABLE,)
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise InputError(f"{path} is not a readable SQLite database") from None
    return row is not None


def open_store(location: str, *, create: bool) -> TimelineApp:
    """Open the event store at `location` (a SQLite path or a postgresql:// URL)."""
    env: dict[str, Any]
    if is_postgres(location):
        raise InputError("the PostgreSQL store is not available in this version")
    path = Path(location)
    check_sqlite_path(path, create=create)
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(path),
        "SQLITE_LOCK_TIMEOUT": "30",
        "IS_SNAPSHOTTING_ENABLED": "no",
    }
    try:
        return TimelineApp(env=env)
    except Exception as error:  # the library wraps sqlite3 errors in its own classes
        raise InputError(f"cannot open {path} as a timeline database: {error}") from None
