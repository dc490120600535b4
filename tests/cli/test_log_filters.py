"""`log` narrowed: after a position, the first N, the last N, by kind of event — each the same
events as the whole log filtered by hand, on both stores."""

import pytest


@pytest.fixture
def logged(seeded):
    seeded("add", "Keir Starmer", "--topic", "return-hubs", "--kind", "statement", "--stance", "mixed",
           "--on", "2025-06", "--summary", "Hedged on hubs", "--id", "starmer-hedge")
    seeded("actor", "rename", "Chris Philp", "Christopher Philp")
    seeded("retract", "starmer-hedge", "--reason", "wrong source")
    return seeded


def test_paging_by_position_gives_the_whole_log_once(logged):
    everything = logged.json("log")
    pages, after = [], 0
    while page := logged.json("log", "--after", str(after), "--limit", "7"):
        assert len(page) <= 7
        pages += page
        after = page[-1]["position"]
    assert pages == everything


def test_the_last_n_are_the_tail_of_the_log(logged):
    everything = logged.json("log")
    assert logged.json("log", "--last", "4") == everything[-4:]
    assert logged.json("log", "--last", str(len(everything) + 10)) == everything
    positions = [e["position"] for e in everything]
    middle = positions[len(positions) // 2]
    assert logged.json("log", "--after", str(middle), "--last", "2") == everything[-2:]


def test_kinds_of_event_filter_as_by_hand(logged):
    everything = logged.json("log")
    wanted = {"Renamed", "Retracted", "StatementMade"}
    assert logged.json("log", *sum((["--event", k] for k in sorted(wanted)), [])) == [
        e for e in everything if e["event"] in wanted]
    registered = logged.json("log", "--event", "Registered")
    actors = logged.json("log", "--event", "Actor.Registered")
    assert {e["id"] for e in registered} >= {"Keir Starmer", "offshoring"}
    assert "offshoring" not in {e["id"] for e in actors} and "Keir Starmer" in {e["id"] for e in actors}
    assert logged.json("log", "--event", "StatementMade", "--last", "1") == [
        e for e in everything if e["event"] == "StatementMade"][-1:]


def test_an_office_is_named_by_its_title_not_its_uuid(logged):
    terms = logged.json("log", "--event", "TermRecorded")
    assert terms and "UK Prime Minister" in {e["id"] for e in terms}


def test_bad_filters_are_one_sentence_and_nothing_else(logged):
    result = logged("log", "--event", "Renamd", code=2)
    assert result.stdout == "" and "did you mean Renamed?" in result.stderr and "Traceback" not in result.stderr
    result = logged("log", "--last", "3", "--limit", "3", code=2)
    assert "not both" in result.stderr
    result = logged("log", "--after", "100000")
    assert "No events to show" in result.stdout
    assert logged.json("log", "--after", "100000") == []


def test_a_kind_named_with_the_wrong_aggregate_lists_that_aggregates_kinds(logged):
    result = logged("log", "--event", "Office.Registered", code=2)
    assert "the Office kinds are Office.AliasAdded" in result.stderr and "Office.Established" in result.stderr
    assert "did you mean Actor.Renamed?" in logged("log", "--event", "Actor.Renamd", code=2).stderr
    assert "e.g. Actor.Registered" in result.stderr  # the qualified form can be discovered from the error
