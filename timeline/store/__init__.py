"""The event store: a SQLite file (default) or a shared PostgreSQL database, and how to open it.

- `location`: parsing a --db value, naming a log, hiding passwords (no heavy imports);
- `application`: the eventsourcing Application and the transcodings our events need;
- `postgres`: the shared PostgreSQL store; `migrate`: copying one log into another store.

`open_store()` checks the location first so that a wrong `--db` is one clear sentence, and a
read-only command never creates a database. This package's face imports neither eventsourcing nor
psycopg (they load only when a store is opened, psycopg only for a postgresql:// URL). Only this
package knows the event store's tables.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from timeline.errors import DomainError, InputError
from timeline.store.location import DEFAULT_DB, is_postgres, is_writable_dir, redact, resolve_db, sqlite_read_uri

EVENTS_TABLE = "stored_events"
SQLITE_MAGIC = b"SQLite format 3\x00"

__all__ = ["DEFAULT_DB", "is_postgres", "open_store", "redact", "resolve_db", "store_identity"]


def store_identity(location: str) -> str:
    """Names the log a location holds, the same however it is written (no password in it)."""
    if is_postgres(location):
        from timeline.store.postgres import parse_location

        try:
            return parse_location(location).identity()
        except InputError:
            return redact(location)
    return str(Path(location).absolute().resolve())


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
        conn = sqlite3.connect(sqlite_read_uri(path), uri=True)
        try:
            row = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (EVENTS_TABLE,)
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise InputError(f"{path} is not a readable SQLite database") from None
    return row is not None


def open_store(location: str, *, create: bool) -> Any:
    """Open the event store at `location` (a SQLite path or a postgresql:// URL) as a TimelineApp."""
    if is_postgres(location):
        from timeline.store.postgres import open_postgres

        return open_postgres(location, create=create)
    path = Path(location)
    check_sqlite_path(path, create=create)
    from timeline.store.application import TimelineApp

    # Reading a store in a folder that cannot be written (a read-only filesystem) works too.
    read_only = not create and not is_writable_dir(path.absolute().parent)
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": sqlite_read_uri(path) if read_only else str(path),
        "CREATE_TABLE": "no" if read_only else "yes",
        "SQLITE_LOCK_TIMEOUT": "30",
        "IS_SNAPSHOTTING_ENABLED": "no",
    }
    try:
        return TimelineApp(env=env)
    except Exception as error:  # the library wraps sqlite3 errors in its own classes
        raise InputError(f"cannot open {path} as a timeline database: {error}") from None
