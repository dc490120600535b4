"""A correction that loses a race with another writer's is applied on top of it, and says so:
the user corrected what they read, and it is no longer what the record said."""

from __future__ import annotations

import pytest

from events.dates import PartialDate
from timeline.errors import DomainError
from timeline.tracker import Tracker


@pytest.fixture
def writers(tmp_path):
    """Two trackers on one store holding record r1: mine, and a colleague's."""
    path = str(tmp_path / "t.sqlite")
    mine, theirs = Tracker(path), Tracker(path)
    mine.add_record(actor="Al", topic="tax", kind="statement", stance="support", date=PartialDate.parse("2024-01-01"),
                    summary="Backs the levy", record_id="r1", new_actor=True, new_topic=True)
    mine.notices.clear()  # "created new actor …"
    yield mine, theirs
    mine.close()
    theirs.close()


def race(mine: Tracker, colleague) -> None:
    """The colleague's change lands between my read and my save, once."""
    real_save = mine.save

    def save_after_theirs(*items):
        mine.save = real_save
        colleague()
        return real_save(*items)

    mine.save = save_after_theirs


def test_a_correction_planned_on_an_older_version_says_it_applied_on_top(writers) -> None:
    mine, theirs = writers
    race(mine, lambda: theirs.correct("r1", {"summary": "Backs the sugar levy"}, "wording"))
    record = mine.correct("r1", {"stance": "mixed"}, "hedged")
    assert (record["summary"], record["stance"]) == ("Backs the sugar levy", "mixed")  # both corrections hold
    assert mine.notices == ["Note: r1 was changed by another writer while this was being saved; this applies "
                            "on top of its version 2 (see timeline history r1)"]
    mine.notices.clear()
    mine.correct("r1", {"quote": "a levy"}, "quote")  # no race: no note
    assert mine.notices == []


def test_a_correction_that_loses_to_a_retraction_says_only_that_it_cannot_apply(writers) -> None:
    mine, theirs = writers
    race(mine, lambda: theirs.retract("r1", "withdrawn"))
    with pytest.raises(DomainError, match="retracted"):
        mine.correct("r1", {"stance": "mixed"}, "hedged")
    assert mine.notices == []  # no "applies on top": it did not apply
