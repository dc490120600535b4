"""The writers' lock itself (timeline/writelock.py): a writer that cannot get it in time says so in
one sentence and writes nothing; reads and the lean `add` never wait for it; a SQLite store whose
folder cannot be written still gets one; a failed first command leaves no lock file behind."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from events.dates import PartialDate
from timeline import writelock
from timeline.errors import DomainError
from timeline.tracker import Tracker


def held_elsewhere(location: str):
    """Hold the lock in another thread until the returned event is set."""
    taken, done = threading.Event(), threading.Event()

    def hold() -> None:
        with writelock.writers_lock(location):
            taken.set()
            done.wait(30)

    thread = threading.Thread(target=hold)
    thread.start()
    assert taken.wait(10)
    return done, thread


def test_a_writer_that_cannot_get_its_turn_says_so_and_writes_nothing(timeline_store, tmp_path, monkeypatch) -> None:
    tracker = Tracker(timeline_store, view=tmp_path / "v.sqlite")
    tracker.add_actor("Ann Able", new_actor=True)
    before = tracker.event_count()
    monkeypatch.setattr(writelock, "LOCK_SECONDS", 0.3)
    done, thread = held_elsewhere(timeline_store)
    try:
        started = time.monotonic()
        with pytest.raises(DomainError) as raised:
            tracker.add_actor("Ann Able", aliases=["AA"])
        assert time.monotonic() - started < 5
    finally:
        done.set()
        thread.join()
    assert str(raised.value) == ("another timeline command has held the store's writers' lock for 0 seconds "
                                 "(writers take turns); try the command again when it has finished")
    assert tracker.event_count() == before
    assert tracker.add_actor("Ann Able", aliases=["AA"])["aliases_added"] == ["AA"]  # its turn, once let go
    tracker.close()


def test_reads_and_the_lean_add_do_not_wait_for_the_lock(tmp_path, monkeypatch) -> None:
    store = str(tmp_path / "t.sqlite")
    setup = Tracker(store)
    setup.add_record(actor="Ann Able", topic="tax", kind="statement", stance="support",
                     date=PartialDate.parse("2024-01-01"), summary="s", new_actor=True, new_topic=True)
    setup.close()
    monkeypatch.setattr(writelock, "LOCK_SECONDS", 0.5)
    monkeypatch.setattr(writelock, "waiting", lambda *_: pytest.fail("a read or a lean add waited for the lock"))
    done, thread = held_elsewhere(store)
    try:
        tracker = Tracker(store)
        record = tracker.add_record(actor="Ann Able", topic="tax", kind="statement", stance="oppose",
                                    date=PartialDate.parse("2024-02-01"), summary="t")
        assert tracker._app is None  # the lean path: no eventsourcing application opened
        assert record["stance"] == "oppose"
        from timeline import queries

        assert queries.resolve_actor(Tracker(store).reader(), "Ann Able").name == "Ann Able"
        tracker.close()
    finally:
        done.set()
        thread.join()


def test_the_lock_is_reentrant_within_a_thread(timeline_store, tmp_path) -> None:
    """An import holding it may commit inside: it takes the lock once."""
    tracker = Tracker(timeline_store, view=tmp_path / "v.sqlite")
    with tracker.writers_lock():
        tracker.add_topic("tax")
        other = Tracker(timeline_store, view=tmp_path / "w.sqlite")
        other.add_topic("vat", parent="tax")
        other.close()
    assert tracker.add_topic("vat")["parent"] == "tax"
    tracker.close()


def test_a_store_in_a_folder_that_cannot_be_written_locks_in_the_temporary_folder(tmp_path, monkeypatch) -> None:
    store = tmp_path / "ro" / "t.sqlite"
    store.parent.mkdir()
    real_open = os.open

    def no_writing_there(path, flags, *args):
        if Path(path).parent == store.parent:  # as the folder of a read-only filesystem answers
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", no_writing_there)
    first, second = writelock._open_lock_file(store), writelock._open_lock_file(store)
    try:
        assert os.path.samestat(os.fstat(first), os.fstat(second))  # one stand-in file: writers still take turns
        assert Path(os.readlink(f"/proc/self/fd/{first}")).parent == Path(__import__("tempfile").gettempdir())
    finally:
        os.close(first)
        os.close(second)
    assert not (store.parent / "t.sqlite.lock").exists()


def test_a_failed_first_command_leaves_no_lock_file(tmp_path) -> None:
    tracker = Tracker()  # db/timeline.sqlite here: the folder is made, and removed again
    with pytest.raises(DomainError, match="unknown parent topic"):
        tracker.add_topic("vat", parent="tax")
    tracker.close(failed=True)
    assert not (tmp_path / "db").exists()
