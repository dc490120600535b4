"""The valid-time and record-time rules of DESIGN.md §3, through the application and read model."""

from datetime import UTC, date, datetime


from events import PartialDate
from timeline import queries


def add(tracker, when, stance, *, actor="Keir Starmer", topic="return-hubs", kind="statement", rid=None, summary=None):
    return tracker.add_record(
        actor=actor, topic=topic, kind=kind, stance=stance, date=PartialDate.parse(when),
        summary=summary or f"{stance} on {when}", record_id=rid, new_actor=True, new_topic=True,
    )


def ask(tracker, on, topic="return-hubs", actor="Keir Starmer", known_at=None):
    conn = tracker.reader()
    return queries.position(conn, queries.resolve_actor(conn, actor), date.fromisoformat(on), topic=topic, known_at=known_at)


def test_no_record_yet_means_no_stance(tracker):
    add(tracker, "2025-05-15", "support")
    answer = ask(tracker, "2025-05-14")
    assert answer["stance"] is None and answer["record"] is None and answer["possibly"] == []
    assert ask(tracker, "2025-05-15")["stance"] == "support"


def test_latest_definite_record_wins(tracker):
    add(tracker, "2024-07-10", "oppose", rid="a")
    add(tracker, "2025-05-15", "support", rid="b")
    assert ask(tracker, "2025-01-01")["record"]["id"] == "a"
    assert ask(tracker, "2025-06-01")["record"]["id"] == "b"


def test_same_day_tie_goes_to_the_later_recorded(tracker):
    add(tracker, "2025-05-15", "support", rid="first")
    add(tracker, "2025-05-15", "oppose", rid="second")
    answer = ask(tracker, "2025-05-15")
    assert (answer["stance"], answer["record"]["id"]) == ("oppose", "second")


def test_month_precision_is_only_possible_until_the_month_ends(tracker):
    add(tracker, "2025-05", "support", rid="may")
    mid = ask(tracker, "2025-05-20")
    assert mid["stance"] is None
    assert [r["id"] for r in mid["possibly"]] == ["may"]
    end = ask(tracker, "2025-05-31")
    assert end["stance"] == "support" and end["possibly"] == []
    assert ask(tracker, "2025-04-30")["possibly"] == []


def test_a_coarse_record_ending_later_beats_a_day_inside_it(tracker):
    # Definite by D means the period ended by D: greatest period end wins, whatever the precision.
    add(tracker, "2025-05-10", "oppose", rid="day")
    add(tracker, "2025-05", "support", rid="month")
    assert ask(tracker, "2025-05-20")["record"]["id"] == "day"
    assert ask(tracker, "2025-06-01")["record"]["id"] == "month"


def test_parent_topic_rolls_up_sub_topics(tracker):
    tracker.add_topic("offshoring")
    add(tracker, "2024-07", "oppose", topic="rwanda-scheme", rid="rwanda")
    add(tracker, "2025-05-15", "support", topic="return-hubs", rid="hubs")
    tracker.add_topic("rwanda-scheme", parent="offshoring")
    tracker.add_topic("return-hubs", parent="offshoring")
    assert ask(tracker, "2024-12-01", topic="offshoring")["record"]["id"] == "rwanda"
    assert ask(tracker, "2025-05-15", topic="offshoring")["record"]["id"] == "hubs"


def test_without_topic_every_topic_of_the_actor(tracker):
    add(tracker, "2024-07", "oppose", topic="rwanda-scheme")
    add(tracker, "2025-05-15", "support", topic="return-hubs")
    conn = tracker.reader()
    answer = queries.position(conn, queries.resolve_actor(conn, "Keir Starmer"), date(2025, 6, 1))
    assert {p["topic"]: p["stance"] for p in answer["positions"]} == {"return-hubs": "support", "rwanda-scheme": "oppose"}
    assert set(answer) == {"actor", "on", "known_at", "via", "positions"}


def test_retracted_records_do_not_count_but_known_at_before_sees_them(tracker):
    add(tracker, "2025-05-15", "support", rid="hubs")
    before = datetime.now(UTC)
    tracker.retract("hubs", "misattributed")
    assert ask(tracker, "2025-06-01")["stance"] is None
    assert ask(tracker, "2025-06-01", known_at=before)["stance"] == "support"


def test_correction_changes_now_but_not_known_at_before(tracker):
    add(tracker, "2025-05-15", "support", rid="hubs")
    before = datetime.now(UTC)
    tracker.correct("hubs", {"stance": "oppose", "date": PartialDate.parse("2025-05-16")}, "misread")
    now = ask(tracker, "2025-06-01")
    assert now["stance"] == "oppose" and now["record"]["status"] == "corrected"
    assert ask(tracker, "2025-05-15")["stance"] is None  # the corrected date is the 16th
    then = ask(tracker, "2025-05-15", known_at=before)
    assert then["stance"] == "support" and then["record"]["status"] == "active"


def test_known_at_before_a_record_existed(tracker):
    before = datetime.now(UTC)
    add(tracker, "2020-01-01", "support")
    assert ask(tracker, "2025-01-01", known_at=before)["stance"] is None
