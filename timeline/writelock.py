"""The writers' lock: one writer at a time catches up, plans and saves in a store.

Every command plans against its own read model, and the store's save checks only the versions of
the aggregates it saves. Two commands that change different aggregates on one question (two
opposite merges, two opposite topic moves, a rename to a name another command creates) would
both pass that check and leave the store in a state no single writer could make. Held across
catch-up → plan → save, this lock makes the second writer plan against the first one's result,
and be refused as when run alone. `Tracker.commit` takes it; a bulk import takes it around its
own planning and saving of identities (`Tracker.writers_lock()`).

- SQLite: `flock` on `STORE.lock` beside the store file (never on the store itself: closing any
  descriptor of that file would drop SQLite's own POSIX locks). When its folder cannot be written
  and no lock file is there already, a file in the temporary folder named after the store stands
  in: writers on one machine still take turns.
- PostgreSQL: a session advisory lock (`pg_advisory_lock(TIMELINE_WRITERS, hashtext(schema))`) on
  a connection of its own, closed when the lock is let go; a writer that dies lets go with it.

Re-entrant within a thread (a command that commits twice inside an import's lock takes it once).
Reads and the lean `add` (known actor and topic: timeline/store/leanadd.py) never take it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from timeline.errors import DomainError
from timeline.store.location import is_postgres

LOCK_SECONDS = 30.0  # how long a writer waits for its turn, as long as a lost race retries (retry.py)
TIMELINE_WRITERS = 0x746C_7772  # the advisory lock's first key ("tlwr"); the second is the schema's hash
LOCKED = ("another timeline command has held the store's writers' lock for {:.0f} seconds (writers take "
          "turns); try the command again when it has finished")

_held = threading.local()  # lock key → how many times this thread holds it


def waiting(location: str) -> None:
    """Called once when a writer finds the lock taken and starts to wait (a seam for the tests)."""


@contextmanager
def writers_lock(location: str, *, seconds: float | None = None) -> Iterator[None]:
    """Hold the store's writers' lock for the block; DomainError (one sentence) after `seconds`."""
    limit = LOCK_SECONDS if seconds is None else seconds
    key = _key(location)
    counts = _held.__dict__.setdefault("counts", {})
    if counts.get(key):
        counts[key] += 1
        try:
            yield
        finally:
            counts[key] -= 1
        return
    release = _acquire_postgres(location, limit) if is_postgres(location) else _acquire_file(Path(location), limit)
    counts[key] = 1
    try:
        yield
    finally:
        counts.pop(key, None)
        release()


def _key(location: str) -> str:
    from timeline.store import store_identity

    return store_identity(location)


def lock_path(store: Path) -> Path:
    """The lock file beside a SQLite store."""
    return store.with_name(store.name + ".lock")


# -- SQLite: a lock file ---------------------------------------------------------------------------


def _acquire_file(store: Path, limit: float) -> Any:
    import fcntl

    fd = _open_lock_file(store)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        waiting(str(store))
        if not _wait_for_flock(fd, limit):
            raise DomainError(LOCKED.format(limit)) from None
    except BaseException:
        os.close(fd)
        raise

    def release() -> None:
        os.close(fd)  # closing the descriptor lets go of the flock

    return release


def _wait_for_flock(fd: int, limit: float) -> bool:
    """Wait in the kernel's queue (a blocking flock in a helper thread: woken as soon as the holder
    lets go, where polling would miss the short gaps between an import's batches) for up to `limit`
    seconds. False, with `fd` closed, when the time ran out; a flock granted later is let go at once."""
    import fcntl

    state = {"given_up": False, "got": False}
    guard = threading.Lock()
    got = threading.Event()

    def block() -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # closed after giving up
            return
        with guard:
            if state["given_up"]:
                os.close(fd)
                return
            state["got"] = True
        got.set()

    threading.Thread(target=block, daemon=True, name="timeline-writers-lock").start()
    if got.wait(limit):
        return True
    with guard:
        if state["got"]:
            return True
        state["given_up"] = True  # the helper closes fd if the flock is ever granted
    return False


def _open_lock_file(store: Path) -> int:
    """A descriptor of the store's lock file: beside it, else (its folder cannot be written) the
    same name in the temporary folder, keyed by the store's resolved path."""
    import hashlib
    import tempfile

    beside = lock_path(store.absolute())
    stand_in = Path(tempfile.gettempdir()) / f"timeline-{hashlib.sha256(str(store.absolute().resolve()).encode()).hexdigest()[:24]}.lock"
    for path in (beside, stand_in):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError:
            try:
                fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)  # made by another user: flock needs no write access
            except OSError:
                continue
        else:
            if path == stand_in:
                try:  # let other users' writers open it too (umask would narrow 0o666)
                    os.fchmod(fd, 0o666)
                except OSError:
                    pass
        return fd
    raise DomainError(f"cannot make a lock file for {store} (neither {beside.parent} nor {stand_in.parent} can be written), "
                      "so its writers cannot take turns")


# -- PostgreSQL: an advisory lock ------------------------------------------------------------------


def _acquire_postgres(location: str, limit: float) -> Any:
    import psycopg

    from timeline.store.postgres import connect, parse_location

    where = parse_location(location)
    conn = connect(where)
    args = (TIMELINE_WRITERS, where.schema)
    try:
        got = conn.execute("SELECT pg_try_advisory_lock(%s, hashtext(%s))", args).fetchone()[0]
        if not got:
            waiting(location)
            conn.execute(f"SET lock_timeout = {max(1, int(limit * 1000))}")
            conn.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", args)
    except psycopg.errors.LockNotAvailable:
        conn.close()
        raise DomainError(LOCKED.format(limit)) from None
    except psycopg.Error as error:
        broken = conn.broken
        conn.close()
        if broken:  # the server went away: the sentence every other statement of the command gives
            from timeline.store.pgguard import lost

            raise lost(where) from None
        raise DomainError(f"cannot take the writers' lock of the timeline store at {where.label()}: "
                          f"{str(error).strip().splitlines()[0] if str(error).strip() else 'the connection failed'}") from None
    except BaseException:
        conn.close()
        raise

    def release() -> None:
        try:
            conn.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", args)
        except psycopg.Error:
            pass  # the connection is gone: the server let go of the lock with it
        finally:
            conn.close()

    return release
