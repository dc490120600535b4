"""`timeline rebuild` (issue 17, third pass): the derived tables dropped and made again, records
keyed by seq with an external-content full-text index, the log read straight from a SQLite store.
A rebuild gives exactly the rows, index and search answers of the incremental projection, leaves the
old view untouched when it fails, and replaces a view of an older layout."""

from __future__ import annotations

import sqlite3

import pytest

from events.dates import PartialDate
from tests.conftest import snapshot
from timeline import queries
from timeline.readmodel import projector as projector_module
from timeline.readmodel.schema import INDEXES, SCHEMA_VERSION
from timeline.readmodel.view import View
from timeline.tracker import Tracker

QUERIES = ("hubs", "rwanda", "gazette", "ret*", '"no hubs"', "levy OR tax", "orban")


def add(tracker: Tracker, i: int, **more) -> None:
    tracker.add_record(
        actor=f"Actor {i % 4}", topic=f"topic-{i % 3}", kind="statement", stance=("support", "oppose")[i % 2],
        date=PartialDate(2000 + i % 20, 1 + i % 12), summary=f"Backed return hubs {i}" if i % 3 else f"Orbán on Rwanda {i}",
        quote="no hubs, no levy" if i % 2 else None, source=f"Gazette {i}", record_id=f"r{i}",
        new_actor=True, new_topic=True, **more,
    )


def history(tracker: Tracker) -> None:
    """Records, text corrections (the index forgets the old words), a retraction, a relation, a rename,
    an empty and a non-empty `extra`, records created after changes (the uuid index made early)."""
    for i in range(12):
        add(tracker, i, extra={"note": "x", "b": 1} if i == 5 else None)
    tracker.correct("r1", {"summary": "Now against the levy"}, "wording")
    tracker.correct("r2", {"quote": "a tax", "stance": "mixed"}, "quote")
    tracker.correct("r1", {"source": "Herald"}, "source")
    tracker.retract("r3", "withdrawn")
    add(tracker, 12, target="Actor 1", responds_to="r0")
    tracker.rename_actor("Actor 1", "Actor One")
    for i in range(13, 30):
        add(tracker, i)
    tracker.correct("r20", {"summary": "Rwanda again"}, "late")


def answers(conn: sqlite3.Connection) -> dict[str, list]:
    return {q: queries.search(conn, q, limit=None, include_retracted=True)["results"] for q in QUERIES}


def indexes(conn: sqlite3.Connection) -> list[tuple]:
    return sorted(map(tuple, conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL")))


def fts_sound(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO records_fts(records_fts, rank) VALUES('integrity-check', 1)")  # raises when not


@pytest.mark.parametrize("batch", [2000, 3])
def test_rebuild_equals_the_incremental_view_rows_index_and_search(tracker, tmp_path, batch):
    history(tracker)
    conn = tracker.reader()
    fts_sound(conn)
    fresh = View(tmp_path / "fresh.view.sqlite")
    try:
        fresh.rebuild(tracker.app(), batch=batch)
        fts_sound(fresh.conn)
        assert snapshot(fresh.conn) == snapshot(conn)
        assert answers(fresh.conn) == answers(conn)
        assert indexes(fresh.conn) == indexes(conn)
        assert len(indexes(fresh.conn)) == len(INDEXES)
        # rebuilt over a full view (tables dropped and made again), and again: the same
        fresh.rebuild(tracker.app(), batch=batch)
        fts_sound(fresh.conn)
        assert snapshot(fresh.conn) == snapshot(conn)
        assert answers(fresh.conn) == answers(conn)
    finally:
        fresh.close()


def test_rebuild_through_the_library_reader_gives_the_same_rows(tracker, tmp_path, monkeypatch):
    """The direct read of a SQLite store's table and the recorder's select_notifications (any
    other store) feed the projector the same events."""
    history(tracker)
    direct = View(tmp_path / "direct.view.sqlite")
    direct.rebuild(tracker.app())
    monkeypatch.setattr("timeline.readmodel.logrows.direct_read", lambda recorder: False)
    library = View(tmp_path / "library.view.sqlite")
    library.rebuild(tracker.app())
    try:
        assert snapshot(direct.conn) == snapshot(library.conn) == snapshot(tracker.reader())
    finally:
        direct.close()
        library.close()


def test_a_creation_event_of_another_shape_goes_through_the_mapper(tracker, tmp_path, monkeypatch):
    """Rows made from the stored JSON equal rows made from decoded events: force every creation
    event through the mapper and compare."""
    history(tracker)
    fast = View(tmp_path / "fast.view.sqlite")
    fast.rebuild(tracker.app())
    monkeypatch.setattr(projector_module._Decoder, "creation_row", lambda *args: None)
    slow = View(tmp_path / "slow.view.sqlite")
    slow.rebuild(tracker.app())
    try:
        assert snapshot(fast.conn) == snapshot(slow.conn)
    finally:
        fast.close()
        slow.close()


def test_a_failed_rebuild_leaves_the_old_view_whole(tracker, monkeypatch):
    history(tracker)
    conn = tracker.reader()
    before, searched = snapshot(conn), answers(conn)
    position = tracker.view().position()
    calls = []

    def failing(self, rows, mapper):
        calls.append(len(rows))
        if len(calls) == 3:
            raise RuntimeError("disk on fire")
        return original(self, rows, mapper)

    original = projector_module.Projector.apply_rows
    monkeypatch.setattr(projector_module.Projector, "apply_rows", failing)
    with pytest.raises(RuntimeError):
        tracker.view().rebuild(tracker.app(), batch=5)
    monkeypatch.undo()
    assert snapshot(conn) == before and answers(conn) == searched
    assert tracker.view().position() == position
    fts_sound(conn)
    assert len(indexes(conn)) == len(INDEXES)


def test_a_view_of_the_previous_layout_is_rebuilt_when_opened(tracker, db_path):
    history(tracker)
    expected = snapshot(tracker.reader())
    view_path = tracker.view_path
    tracker.close()
    old = sqlite3.connect(view_path)
    old.execute("UPDATE meta SET value='5' WHERE key='schema_version'")
    old.commit()
    old.close()
    again = Tracker(str(db_path))
    try:
        conn = again.reader()
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == SCHEMA_VERSION
        assert snapshot(conn) == expected
        fts_sound(conn)
    finally:
        again.close()
