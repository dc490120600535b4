"""A large import loads `records` without the indexes it does not look rows up by (issue 17, sixth pass).

The time rules' two wide indexes, the replies index and the partial index of retracted records are
dropped when an import at least doubles the read model, and built once at the end by sorting (as a
rebuild builds them), instead of a b-tree insertion into each for every row. `records` by uuid and by
id stay: planning a batch and a correction look rows up by them. The full-text index stays live too,
so a concurrent `search` finds every record a concurrent `show` finds.

Sound at every commit: dropping the indexes and setting the marker `meta.deferred` are one
transaction, building them and clearing it another, so a committed read model without those indexes
always carries the marker. Queries answer the same without them (only slower), so a reader during the
import is never wrong. While the import runs it holds an exclusive `flock` on `VIEW-bulk`; a process
that finds the marker and can take that lock knows the import died (killed, power loss) and builds
the indexes itself (`View.catch_up`, before anything else). Two imports at once: the second one finds
the lock held and drops nothing itself (its batches write the indexes that are there), and whichever
builds them first clears the marker; every step is idempotent (IF EXISTS / IF NOT EXISTS) under the view's write lock.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from timeline.readmodel.schema import INDEXES, index_sql

# What an import leaves out while it loads: records' secondary indexes that no write looks rows up by.
DEFERRED = tuple(entry for entry in INDEXES if entry[0] == "records" and entry[1] not in (("uuid",), ("id",)))
MIN_LINES = 10_000  # $TIMELINE_DEFER_INDEXES_FROM (tests); below this the builds' fixed cost outweighs what the row inserts save
BUILD_CACHE_KIB = 16384  # the sorts' in-memory runs (as a rebuild's): peak RSS stays flat at 1M


def _lock(view: Any) -> Any:
    """An exclusive, non-blocking flock on `VIEW-bulk` (the open file), or None when another process
    holds it or the platform has no flock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on this platform: imports keep every index live
        return None
    try:
        handle = open(f"{view.path}-bulk", "a+b")  # noqa: SIM115 - held until release()
    except OSError:
        return None
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def _release(view: Any, handle: Any) -> None:
    try:
        os.remove(f"{view.path}-bulk")  # a process holding the old file's lock re-checks the marker anyway
    except OSError:
        pass
    handle.close()


def begin(view: Any, lines: int) -> Any:
    """Drop the deferred indexes for an import of `lines` records, more than the view holds (so it
    at least doubles it when they are new);
    returns what `ending` needs, or None (the import keeps every index live)."""
    if lines < int(os.environ.get("TIMELINE_DEFER_INDEXES_FROM") or MIN_LINES):
        return None
    held = view.conn.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    if held >= lines:  # e.g. the same file again: its lines are unchanged, a build would be wasted
        return None
    handle = _lock(view)
    if handle is None:
        return None
    try:
        with view.immediate() as conn:
            for entry in DEFERRED:
                conn.execute(f'DROP INDEX IF EXISTS "{name(entry)}"')
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('deferred', '1')")
    except BaseException:
        _release(view, handle)
        raise
    return handle


@contextmanager
def ending(view: Any, handle: Any) -> Iterator[None]:
    """On leaving (normally or not), build the deferred indexes and clear the marker (one
    transaction), then let go of the lock; nothing when `begin` deferred nothing."""
    try:
        yield
    finally:
        if handle is not None:
            try:
                build(view)
            finally:
                _release(view, handle)


def build(view: Any) -> None:
    """Build whatever deferred index is missing and clear the marker, in one write transaction."""
    conn = view.conn
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]  # the view's own, restored afterwards
    # Peak RSS: the sorts spill to temporary files (as a rebuild's), their in-memory runs are bounded by a
    # smaller cache, the pages the load cached are handed back first, and one thread sorts (a second
    # one's runs: +37 MiB at 1M, over the 1.5x target).
    conn.execute("PRAGMA temp_store=FILE")
    conn.execute(f"PRAGMA cache_size=-{BUILD_CACHE_KIB}")
    conn.execute("PRAGMA shrink_memory")
    try:
        with view.immediate():
            if conn.execute("SELECT 1 FROM meta WHERE key='deferred'").fetchone() is not None:
                for entry in DEFERRED:
                    conn.execute(index_sql(*entry).replace("INDEX", "INDEX IF NOT EXISTS", 1))
                conn.execute("DELETE FROM meta WHERE key='deferred'")
    finally:
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute(f"PRAGMA cache_size={cache}")


def recover(view: Any) -> None:
    """The marker is set: when no import holds the lock (it died), build the indexes now."""
    handle = _lock(view)
    if handle is None:
        return  # an import is loading: it builds them when it ends
    try:
        build(view)
    finally:
        _release(view, handle)


def name(entry: tuple) -> str:
    """The name of one entry of INDEXES."""
    return index_sql(*entry).split('"')[1]


def missing(conn: sqlite3.Connection) -> list[str]:
    """The read model's indexes that are not there (for `verify`)."""
    have = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    return [name(entry) for entry in INDEXES if name(entry) not in have]
