"""A correction that loses a race with another writer's is applied on top of it, and says so:
the user corrected what they read, and it is no longer what the record said."""

from __future__ import annotations

from events.dates import PartialDate
from timeline.tracker import Tracker


def test_a_correction_planned_on_an_older_version_says_it_applied_on_top(tmp_path) -> None:
    path = str(tmp_path / "t.sqlite")
    mine, theirs = Tracker(path), Tracker(path)
    try:
        mine.add_record(actor="Al", topic="tax", kind="statement", stance="support", date=PartialDate.parse("2024-01-01"),
                        summary="Backs the levy", record_id="r1", new_actor=True, new_topic=True)
        mine.notices.clear()  # "created new actor …"
        real_save = mine.save
        raced: list[bool] = []

        def save_after_theirs(*items):
            if not raced:  # the colleague's correction lands between our read and our save
                raced.append(True)
                theirs.correct("r1", {"summary": "Backs the sugar levy"}, "wording")
            return real_save(*items)

        mine.save = save_after_theirs
        record = mine.correct("r1", {"stance": "mixed"}, "hedged")
        assert (record["summary"], record["stance"]) == ("Backs the sugar levy", "mixed")  # both corrections hold
        assert mine.notices == ["Note: r1 was changed by another writer while this was being saved; this applies "
                                "on top of its version 2 (see timeline history r1)"]
        mine.notices.clear()
        mine.save = real_save
        mine.correct("r1", {"quote": "a levy"}, "quote")  # no race: no note
        assert mine.notices == []
    finally:
        mine.close()
        theirs.close()


def test_a_correction_that_loses_to_a_retraction_says_only_that_it_cannot_apply(tmp_path) -> None:
    import pytest

    from timeline.errors import DomainError

    path = str(tmp_path / "t.sqlite")
    mine, theirs = Tracker(path), Tracker(path)
    try:
        mine.add_record(actor="Al", topic="tax", kind="statement", stance="support", date=PartialDate.parse("2024-01-01"),
                        summary="Backs the levy", record_id="r1", new_actor=True, new_topic=True)
        mine.notices.clear()
        real_save = mine.save

        def save_after_theirs(*items):
            mine.save = real_save
            theirs.retract("r1", "withdrawn")
            return real_save(*items)

        mine.save = save_after_theirs
        with pytest.raises(DomainError, match="retracted"):
            mine.correct("r1", {"stance": "mixed"}, "hedged")
        assert mine.notices == []  # no "applies on top": it did not apply
    finally:
        mine.close()
        theirs.close()
