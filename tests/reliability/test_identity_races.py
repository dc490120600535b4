"""Two writers that change identity at once end as one writer run after the other would: the second
plans against the first's result and is refused as when run alone (the writers' lock,
timeline/writelock.py). Each race is forced: the first writer has planned and not yet saved when
the second runs its whole command in another thread, with its own read model."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from events.dates import PartialDate
from timeline.errors import DomainError, TimelineError
from timeline.tracker import Tracker

WAIT = 5.0  # seconds the first writer waits, before saving, for the second to finish or to wait its turn


@pytest.fixture
def two(timeline_store, tmp_path):
    """Two trackers on one store, each with its own read model (two shells, TIMELINE_VIEW=V1 / V2)."""
    first, second = Tracker(timeline_store, view=tmp_path / "v1.sqlite"), Tracker(timeline_store, view=tmp_path / "v2.sqlite")
    yield first, second
    first.close()
    second.close()


def waiting_turn(monkeypatch) -> threading.Event:
    """Set when a writer finds the writers' lock taken and waits for it (absent before the lock)."""
    seen = threading.Event()
    try:
        from timeline import writelock
    except ImportError:
        return seen
    real = writelock.waiting

    def waiting(*args: Any) -> None:
        seen.set()
        real(*args)

    monkeypatch.setattr(writelock, "waiting", waiting)
    return seen


def race(first: Tracker, first_command: Callable[[], Any], second_command: Callable[[], Any],
         waits: threading.Event) -> tuple[Any, Any]:
    """Run `first_command`; between its plan and its save, `second_command` runs in another thread.
    The first saves once the second has finished or is waiting for the lock. Returns both outcomes
    (a result, or the TimelineError raised)."""
    outcome: dict[str, Any] = {}

    def run(key: str, command: Callable[[], Any]) -> None:
        try:
            outcome[key] = command()
        except TimelineError as error:
            outcome[key] = error

    thread = threading.Thread(target=run, args=("second", second_command))
    real_save = first.save

    def save(*items: Any) -> None:
        first.save = real_save
        thread.start()
        for _ in range(int(WAIT * 100)):
            if not thread.is_alive() or waits.is_set():
                break
            thread.join(0.01)
        real_save(*items)

    first.save = save
    run("first", first_command)
    thread.join(60)
    return outcome["first"], outcome["second"]


def refused(outcome: Any, words: str) -> bool:
    return isinstance(outcome, DomainError) and words in str(outcome)


def test_opposite_merges_at_once_leave_one_merge(two, monkeypatch, timeline_store) -> None:
    first, second = two
    first.add_actor("Petra Xu", new_actor=True)
    first.add_actor("Quinn Yates", new_actor=True)
    one, other = race(first, lambda: first.merge_actor("Petra Xu", "Quinn Yates", "same person"),
                      lambda: second.merge_actor("Quinn Yates", "Petra Xu", "same person"), waiting_turn(monkeypatch))
    assert one == {"merged": "Petra Xu", "into": "Quinn Yates", "reason": "same person"}
    assert refused(other, "are already the same actor (Quinn Yates)"), other
    check = Tracker(timeline_store, view=first.view_path.with_name("check.sqlite"))
    try:
        from timeline import queries

        conn = check.reader()
        assert queries.resolve_actor(conn, "Petra Xu").name == queries.resolve_actor(conn, "Quinn Yates").name == "Quinn Yates"
    finally:
        check.close()


def test_opposite_topic_moves_at_once_make_no_loop(two, monkeypatch) -> None:
    first, second = two
    first.add_topic("aa")
    first.add_topic("bb")
    one, other = race(first, lambda: first.add_topic("aa", parent="bb"),
                      lambda: second.add_topic("bb", parent="aa"), waiting_turn(monkeypatch))
    assert one["parent"] == "bb" and one["changes"] == ["moved"]
    assert refused(other, "cannot put 'bb' under 'aa': that would make a loop"), other
    from timeline import queries

    assert {t["slug"] for t in queries.list_topics(second.reader())} >= {"aa", "bb"}


def test_a_rename_to_a_name_being_created_leaves_one_actor_of_that_name(two, monkeypatch) -> None:
    first, second = two
    first.add_actor("Bjorn Aas", new_actor=True)
    one, other = race(first, lambda: first.rename_actor("Bjorn Aas", "Zed"),
                      lambda: second.add_actor("Zed", new_actor=True), waiting_turn(monkeypatch))
    assert one == {"name": "Zed", "was": "Bjorn Aas"}
    assert isinstance(other, dict) and other["created"] is False and other["name"] == "Zed", other  # as run alone
    from timeline import queries

    assert [ref.name for ref in queries.match_actor(second.reader(), "Zed")] == ["Zed"]


def test_creating_a_name_while_another_renames_to_it_refuses_the_rename(two, monkeypatch) -> None:
    first, second = two
    first.add_actor("Bjorn Aas", new_actor=True)
    one, other = race(first, lambda: first.add_actor("Zed", new_actor=True),
                      lambda: second.rename_actor("Bjorn Aas", "Zed"), waiting_turn(monkeypatch))
    assert one["created"] is True
    assert refused(other, "'Zed' is already the name of another actor"), other


def test_a_record_naming_a_new_actor_while_another_renames_to_it(two, monkeypatch) -> None:
    """The full `add` creates actors too: it plans under the same lock."""
    first, second = two
    first.add_actor("Bjorn Aas", new_actor=True)
    one, other = race(first, lambda: first.rename_actor("Bjorn Aas", "Zed"),
                      lambda: second.add_record(actor="Zed", topic="tax", kind="statement", stance="support",
                                                date=PartialDate.parse("2024-01-01"), summary="s", new_topic=True),
                      waiting_turn(monkeypatch))
    assert one == {"name": "Zed", "was": "Bjorn Aas"}
    assert other["actor"] == "Zed"
    from timeline import queries

    assert len(queries.match_actor(second.reader(), "Zed")) == 1
