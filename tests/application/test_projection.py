"""The read model: exactly-once incremental catch-up, equal to a full rebuild, and disposable."""

import sqlite3

import pytest

from events import PartialDate
from tests.conftest import snapshot
from timeline.readmodel.view import View
from timeline.tracker import Tracker




def fill(line, n, start=0):
    for i in range(start, start + n):
        line.add_record(
            actor=f"Actor {i % 3}", topic=f"topic-{i % 2}", kind="statement", stance="support" if i % 2 else "oppose",
            date=PartialDate(2020 + i % 5, 1 + i % 12), summary=f"record {i}", new_actor=True, new_topic=True,
        )


@pytest.fixture
def line(db_path):
    timeline = Tracker(str(db_path))
    yield timeline
    timeline.close()


def test_incremental_catch_up_equals_rebuild(line, db_path, tmp_path):
    fill(line, 5)
    line.correct(line.reader().execute("SELECT id FROM records LIMIT 1").fetchone()[0], {"stance": "mixed"}, "r")
    fill(line, 7, start=5)
    incremental = snapshot(line.reader())
    fresh = View(tmp_path / "fresh.view.sqlite")
    fresh.rebuild(line.app())
    assert snapshot(fresh.conn) == incremental
    fresh.close()


def test_catch_up_in_small_batches_applies_each_event_once(line, tmp_path):
    fill(line, 9)
    view = View(tmp_path / "small.view.sqlite")
    applied = view.catch_up(line.app(), batch=2)
    assert applied == line.app().recorder.max_notification_id()
    assert view.catch_up(line.app(), batch=2) == 0
    assert snapshot(view.conn) == snapshot(line.reader())
    view.close()


def test_deleted_view_is_rebuilt_on_next_command(line, db_path):
    fill(line, 3)
    expected = snapshot(line.reader())
    line.close()
    view_path = db_path.with_name("timeline.view.sqlite")
    view_path.unlink()
    again = Tracker(str(db_path))
    assert snapshot(again.reader()) == expected
    again.close()


def test_corrupt_view_is_rebuilt_and_says_so(line, db_path):
    fill(line, 3)
    expected = snapshot(line.reader())
    line.close()
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


def test_tracking_position_matches_the_store(line):
    fill(line, 4)
    conn = line.reader()
    assert conn.execute("SELECT notification_id FROM tracking").fetchone()[0] == line.app().recorder.max_notification_id()
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO records (uuid, id) SELECT uuid || 'x', id FROM records LIMIT 1")
