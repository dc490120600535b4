"""The read model: exactly-once incremental catch-up, equal to a full rebuild, and disposable."""

import sqlite3

import pytest

from events import PartialDate
from tests.conftest import snapshot
from timeline.readmodel.view import View
from timeline.tracker import Tracker




def fill(tracker, n, start=0):
    for i in range(start, start + n):
        tracker.add_record(
            actor=f"Actor {i % 3}", topic=f"topic-{i % 2}", kind="statement", stance="support" if i % 2 else "oppose",
            date=PartialDate(2020 + i % 5, 1 + i % 12), summary=f"record {i}", new_actor=True, new_topic=True,
        )


def test_incremental_catch_up_equals_rebuild(tracker, db_path, tmp_path):
    fill(tracker, 5)
    tracker.correct(tracker.reader().execute("SELECT id FROM records LIMIT 1").fetchone()[0], {"stance": "mixed"}, "r")
    fill(tracker, 7, start=5)
    incremental = snapshot(tracker.reader())
    fresh = View(tmp_path / "fresh.view.sqlite")
    fresh.rebuild(tracker.app())
    assert snapshot(fresh.conn) == incremental
    fresh.close()


def test_catch_up_in_small_batches_applies_each_event_once(tracker, tmp_path):
    fill(tracker, 9)
    view = View(tmp_path / "small.view.sqlite")
    applied = view.catch_up(tracker.app(), batch=2)
    assert applied == tracker.app().recorder.max_notification_id()
    assert view.catch_up(tracker.app(), batch=2) == 0
    assert snapshot(view.conn) == snapshot(tracker.reader())
    view.close()


def test_deleted_view_is_rebuilt_on_next_command(tracker, db_path):
    fill(tracker, 3)
    expected = snapshot(tracker.reader())
    tracker.close()
    view_path = db_path.with_name("timeline.view.sqlite")
    view_path.unlink()
    again = Tracker(str(db_path))
    assert snapshot(again.reader()) == expected
    again.close()


def test_corrupt_view_is_rebuilt_and_says_so(tracker, db_path):
    fill(tracker, 3)
    expected = snapshot(tracker.reader())
    tracker.close()
    view_path = db_path.with_name("timeline.view.sqlite")
    for suffix in ("-wal", "-shm"):
        view_path.with_name(view_path.name + suffix).unlink(missing_ok=True)
    view_path.write_bytes(b"this is not a database" * 100)
    again = Tracker(str(db_path))
    assert snapshot(again.reader()) == expected
    assert any("rebuilding" in notice for notice in again.notices)
    again.close()


def test_view_of_another_store_is_rebuilt(tmp_path):
    view = tmp_path / "shared.view.sqlite"
    first = Tracker(str(tmp_path / "a.sqlite"), view)
    fill(first, 4)
    first.close()
    second = Tracker(str(tmp_path / "b.sqlite"), view)
    fill(second, 1, start=100)
    rows = second.reader().execute("SELECT summary FROM records").fetchall()
    assert [r[0] for r in rows] == ["record 100"]
    second.close()


def test_tracking_position_matches_the_store(tracker):
    fill(tracker, 4)
    conn = tracker.reader()
    assert conn.execute("SELECT notification_id FROM tracking").fetchone()[0] == tracker.app().recorder.max_notification_id()
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO records (uuid, id) SELECT uuid || 'x', id FROM records LIMIT 1")
