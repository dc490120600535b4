"""Corrections, retractions, history, the log, and answers "as known at" a record time."""

import time
from datetime import UTC, datetime



def stamp():
    moment = datetime.now(UTC).isoformat()
    time.sleep(0.002)
    return moment


def test_correct_and_retract_append_events_and_history_shows_them(seeded):
    before = seeded.event_count()
    corrected = seeded.json("correct", "philp-trip-embarrassment", "--stance", "mixed", "--reason", "Re-read the interview")
    assert corrected["stance"] == "mixed" and corrected["status"] == "corrected"
    retracted = seeded.json("retract", "philp-trip-embarrassment", "--reason", "Misattributed")
    assert retracted["status"] == "retracted"
    assert seeded.event_count() == before + 2
    history = seeded.json("history", "philp-trip-embarrassment")
    assert [(v["version"], v["event"], v["reason"]) for v in history] == [
        (1, "CriticismVoiced", None), (2, "Corrected", "Re-read the interview"), (3, "Retracted", "Misattributed"),
    ]
    assert [v["record"]["stance"] for v in history] == ["support", "mixed", "mixed"]
    assert history[0]["recorded_at"] < history[1]["recorded_at"] < history[2]["recorded_at"]
    table = seeded("history", "philp-trip-embarrassment").stdout
    assert "Misattributed" in table and "Corrected" in table


def test_retracted_records_leave_show_but_not_history(seeded):
    seeded("retract", "rama-loyal-to-italy", "--reason", "Duplicate")
    assert "rama-loyal-to-italy" not in [r["id"] for r in seeded.json("show", "Edi Rama")["records"]]
    assert "rama-loyal-to-italy" in [r["id"] for r in seeded.json("show", "Edi Rama", "--include-retracted")["records"]]


def test_known_at_reproduces_an_earlier_answer(seeded):
    args = ("position", "Edi Rama", "--topic", "return-hubs", "--on", "2025-06-01")
    earlier = stamp()
    original = seeded.json(*args)
    seeded("correct", "rama-loyal-to-italy", "--stance", "mixed", "--reason", "Nuance")
    seeded("retract", "rama-rules-out-hubs", "--reason", "Test")
    now = seeded.json(*args)
    assert now["stance"] == "mixed"
    then = seeded.json(*args, "--known-at", earlier)
    assert then["stance"] == original["stance"] == "oppose"
    assert then["record"] == original["record"]
    assert then["known_at"].startswith(earlier[:19])
    shown_then = seeded.json("show", "Edi Rama", "--known-at", earlier)["records"]
    assert [r["status"] for r in shown_then] == ["active", "active"]
    assert seeded.json("changes", "Edi Rama", "--known-at", earlier)["changes"] == []


def test_nothing_to_correct_and_unknown_records(seeded):
    before = seeded.event_count()
    result = seeded("correct", "rama-loyal-to-italy", "--stance", "oppose", "--reason", "Same", code=1)
    assert "nothing to correct" in result.stderr
    assert "unknown record 'no-such-record'" in seeded("retract", "no-such-record", "--reason", "x", code=1).stderr
    assert "nothing to correct" in seeded("correct", "rama-loyal-to-italy", "--reason", "x", code=2).stderr
    assert "--on" not in seeded("correct", "rama-loyal-to-italy", "--on", "blursday", "--reason", "x", code=2).stderr.split(":")[0]
    seeded("retract", "rama-loyal-to-italy", "--reason", "Gone")
    assert "already retracted" in seeded("retract", "rama-loyal-to-italy", "--reason", "x", code=1).stderr
    assert "retracted" in seeded("correct", "rama-loyal-to-italy", "--stance", "mixed", "--reason", "x", code=1).stderr
    assert seeded.event_count() == before + 1


def test_log_lists_every_event_in_record_order(seeded):
    seeded("correct", "starmer-return-hubs-tirana", "--summary", "Unveiled return hubs plans in Tirana", "--reason", "Wording")
    events = seeded.json("log")
    assert len(events) == seeded.event_count()
    assert [e["position"] for e in events] == sorted(e["position"] for e in events)
    assert set(events[0]) == {"position", "recorded_at", "event", "id", "data"}
    last = events[-1]
    assert (last["event"], last["id"]) == ("Corrected", "starmer-return-hubs-tirana")
    assert last["data"] == {"changes": {"summary": "Unveiled return hubs plans in Tirana"}, "reason": "Wording"}
    kinds = {e["event"] for e in events}
    assert {"Registered", "AliasAdded", "RoleRecorded", "ProposalMade", "ProposalRefused", "CriticismVoiced"} <= kinds
    assert "Registered" in seeded("log").stdout


def test_correcting_onto_an_unknown_topic_is_refused(seeded):
    result = seeded("correct", "rama-loyal-to-italy", "--topic", "return-hub", "--reason", "typo", code=1)
    assert "unknown topic 'return-hub'" in result.stderr and "did you mean return-hubs" in result.stderr
    moved = seeded.json("correct", "rama-loyal-to-italy", "--topic", "offshoring", "--reason", "broader")
    assert moved["topic"] == "offshoring"


def test_log_times_are_fixed_width(seeded):
    assert all(len(e["recorded_at"]) == len("2026-11-26T10:00:00.000000+00:00") for e in seeded.json("log"))
