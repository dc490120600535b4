"""Domain tests: vocabulary, partial dates and aggregates. No I/O."""

from datetime import date

import pytest

from events import Actor, PartialDate, Precision, Record, Stance, Topic, actor_id, change_grade, record_uuid
from events.dates import smallest_containing


def make(**overrides):
    fields = dict(
        record_id="r1", actor_id=actor_id("Keir Starmer"), topic="return-hubs", kind="proposal",
        stance="support", date=PartialDate.parse("2025-05-15"), summary="Proposes return hubs",
    )
    fields.update(overrides)
    return Record.make(**fields)


class TestPartialDate:
    @pytest.mark.parametrize(
        "text, precision, start, end",
        [
            ("2025-05-15", Precision.DAY, date(2025, 5, 15), date(2025, 5, 15)),
            ("2025-05", Precision.MONTH, date(2025, 5, 1), date(2025, 5, 31)),
            ("2024-02", Precision.MONTH, date(2024, 2, 1), date(2024, 2, 29)),
            ("2024", Precision.YEAR, date(2024, 1, 1), date(2024, 12, 31)),
        ],
    )
    def test_period(self, text, precision, start, end):
        value = PartialDate.parse(text)
        assert (value.precision, value.start, value.end, str(value)) == (precision, start, end, text)

    @pytest.mark.parametrize("text", ["0000-00-00", "2025-02-29", "2025-13", "99999", "2025-5-1", "May", ""])
    def test_rejects_non_dates(self, text):
        with pytest.raises(ValueError):
            PartialDate.parse(text)

    def test_of_coarsens_a_day(self):
        assert str(PartialDate.of(date(2025, 5, 15), "month")) == "2025-05"
        assert str(PartialDate.of(date(2025, 5, 15), "year")) == "2025"

    def test_week_becomes_the_month_or_year_that_contains_it(self):
        assert str(smallest_containing(date(2025, 5, 5), date(2025, 5, 11))) == "2025-05"
        assert str(smallest_containing(date(2025, 4, 28), date(2025, 5, 4))) == "2025"


class TestVocabulary:
    def test_scores(self):
        assert [s.score for s in (Stance.SUPPORT, Stance.MIXED, Stance.NEUTRAL, Stance.OPPOSE)] == [1, 0, 0, -1]

    @pytest.mark.parametrize(
        "before, after, grade",
        [("support", "oppose", "full"), ("oppose", "support", "full"), ("support", "mixed", "half"),
         ("neutral", "oppose", "half"), ("mixed", "neutral", "half"), ("oppose", "oppose", None)],
    )
    def test_change_grade(self, before, after, grade):
        assert change_grade(before, after) == grade


class TestRecord:
    def test_kind_is_the_creation_event_class(self):
        record = make(kind="refusal")
        (event,) = record.collect_events()
        assert type(event).__name__ == "ProposalRefused"
        assert record.kind == "refusal" and record.status == "active"
        assert record.id == record_uuid("r1")

    def test_correction_keeps_only_real_changes(self):
        record = make()
        assert record.correct({"stance": "support", "summary": "Proposes hubs"}, "typo") == {"summary": "Proposes hubs"}
        assert record.status == "corrected"
        assert record.correct({"stance": "support"}, "no-op") == {}
        assert len(record.collect_events()) == 2

    def test_retracted_record_cannot_be_corrected_or_retracted_again(self):
        record = make()
        record.retract("misattributed")
        assert record.status == "retracted"
        with pytest.raises(ValueError, match="retracted"):
            record.correct({"stance": "oppose"}, "x")
        with pytest.raises(ValueError, match="already retracted"):
            record.retract("again")

    @pytest.mark.parametrize(
        "overrides, message",
        [({"summary": "  "}, "summary is empty"), ({"stance": "favour"}, "unknown stance"),
         ({"kind": "tweet"}, "unknown kind"), ({"topic": "Return Hubs"}, "not a slug"),
         ({"summary": "x" * 20_001}, "limit"), ({"record_id": "has space"}, "spaces")],
    )
    def test_invalid_fields(self, overrides, message):
        with pytest.raises(ValueError, match=message):
            make(**overrides)

    def test_reason_is_required(self):
        with pytest.raises(ValueError, match="reason"):
            make().retract("")


class TestActorAndTopic:
    def test_actor_id_is_case_and_space_insensitive(self):
        assert actor_id("Keir  Starmer") == actor_id("keir starmer")
        assert Actor.register("Keir Starmer").id == actor_id("KEIR STARMER")

    def test_aliases_are_not_repeated(self):
        actor = Actor.register("Keir Starmer")
        assert actor.add_alias("Sir Keir") is True
        assert actor.add_alias("sir  keir") is False
        assert actor.add_alias("keir starmer") is False
        assert actor.aliases == ["Sir Keir"]

    @pytest.mark.parametrize("name", ["Bad\u202eName", "Tab\x07bell", "", "x" * 201])
    def test_names_reject_control_characters_and_extremes(self, name):
        with pytest.raises(ValueError):
            Actor.register(name)

    def test_topic_cannot_be_its_own_parent(self):
        with pytest.raises(ValueError, match="own parent"):
            Topic.register("offshoring", parent="offshoring")
        topic = Topic.register("return-hubs")
        assert topic.move("offshoring") is True and topic.parent == "offshoring"
        assert topic.move("offshoring") is False
