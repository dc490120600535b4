"""Re-running a command with the known_at it printed, on a later day, gives the same bytes (DESIGN §3):
`--on` left out means the day of `--known-at` (UTC), not the wall clock's today, and so does the day an
office is resolved on. "Tomorrow" is made by moving `timeline.dates.wall_now`, the clock's one seam."""

import json
from datetime import timedelta

import pytest

import timeline.dates
from timeline.dates import utc_iso, wall_now


@pytest.fixture
def story(cli):
    """Ann holds the office until tomorrow, Bob from tomorrow; each has a record on their own days."""
    today = wall_now().date()
    tomorrow = today + timedelta(days=1)
    cli("office", "add", "Chancellor")
    for name in ("Ann", "Bob"):
        cli("actor", "add", name)
    cli("office", "term", "Chancellor", "Ann", "--from", "2020-01-01", "--to", tomorrow.isoformat())
    cli("office", "term", "Chancellor", "Bob", "--from", tomorrow.isoformat())
    cli("add", "Ann", "-t", "tax", "--new-topic", "-k", "statement", "-s", "support", "--on", today.isoformat(), "--summary", "a1")
    cli("add", "Ann", "-t", "tax", "-k", "statement", "-s", "oppose", "--on", tomorrow.isoformat(), "--summary", "a2")
    cli("add", "Bob", "-t", "tax", "-k", "statement", "-s", "neutral", "--on", tomorrow.isoformat(), "--summary", "b1")
    return cli


def tomorrow(monkeypatch):
    later = wall_now() + timedelta(days=1)
    monkeypatch.setattr(timeline.dates, "wall_now", lambda: later)


QUESTIONS = [
    ["position", "Chancellor", "--topic", "tax"],
    ["position", "Ann", "--topic", "tax"],
    ["stances", "--topic", "tax"],
    ["show", "Chancellor"],
    ["changes", "Chancellor"],
]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: " ".join(q[:2]))
def test_a_replay_tomorrow_with_the_printed_known_at_gives_the_same_bytes(story, monkeypatch, question):
    first = story(*question, "--json").stdout
    known_at = json.loads(first)["known_at"]
    text = story(*question, "--known-at", known_at).stdout
    assert text.splitlines()[0] == f"As known at {known_at}"  # the text answer says it too
    tomorrow(monkeypatch)
    assert story(*question, "--known-at", known_at, "--json").stdout == first
    assert story(*question, "--known-at", known_at).stdout == text


def test_holder_and_an_export_by_office_replay_tomorrow(story, monkeypatch):
    known_at = json.loads(story("position", "Chancellor", "--topic", "tax", "--json").stdout)["known_at"]
    holder = story("holder", "Chancellor", "--known-at", known_at).stdout
    assert holder.splitlines() == [f"As known at {known_at}", holder.splitlines()[1]] and "Ann held" in holder
    exported = story("export", "Chancellor", "--format", "jsonl", "--known-at", known_at).stdout
    assert "a1" in exported and "b1" not in exported
    tomorrow(monkeypatch)
    assert story("holder", "Chancellor", "--known-at", known_at).stdout == holder
    assert story("export", "Chancellor", "--format", "jsonl", "--known-at", known_at).stdout == exported
    # without --known-at, tomorrow is tomorrow: the office has passed to Bob
    assert "Bob held" in story("holder", "Chancellor").stdout


def test_a_phrase_for_on_counts_from_the_known_at_day(story, monkeypatch):
    known_at = json.loads(story("position", "Ann", "--topic", "tax", "--json").stdout)["known_at"]
    first = story("position", "Ann", "--topic", "tax", "--on", "today", "--known-at", known_at, "--json").stdout
    tomorrow(monkeypatch)
    assert story("position", "Ann", "--topic", "tax", "--on", "today", "--known-at", known_at, "--json").stdout == first


def test_serve_answers_like_the_cli_on_a_later_day(story, monkeypatch):
    from timeline.serve import questions
    from timeline.tracker import Tracker

    known_at = json.loads(story("position", "Chancellor", "--topic", "tax", "--json").stdout)["known_at"]
    opened = Tracker(str(story.db))
    try:
        ask = {"actor": "Chancellor", "topic": "tax", "known_at": known_at}
        today = (questions.position(opened.reader(), ask, []), questions.stances(opened.reader(), ask, []))
        tomorrow(monkeypatch)
        assert (questions.position(opened.reader(), ask, []), questions.stances(opened.reader(), ask, [])) == today
        assert today[0]["stance"] == "support" and today[0]["actor"] == "Ann"
    finally:
        opened.close()


def test_a_known_at_without_on_is_printed_whole_in_every_text_header(story):
    stamp = utc_iso(wall_now())
    for question in (*QUESTIONS, ["holder", "Chancellor"]):
        assert story(*question, "--known-at", stamp).stdout.startswith(f"As known at {stamp}\n"), question
