"""A bare time for --known-at is today's, and one still to come is refused; an empty actor, topic or
office is bad input (exit 2); '2024/25' says what to write (docs/time.md)."""

from datetime import UTC, datetime

import pytest

import timeline.dates
from timeline.dates import parse_moment
from timeline.errors import InputError

EARLY = datetime(2025, 5, 16, 4, 30, tzinfo=UTC)


@pytest.mark.parametrize("text", ["3pm", "15:00", "15:00:19", "noon", "3 pm", "15:00 UTC"])
def test_a_bare_time_later_today_is_refused_not_read_as_yesterday(text):
    with pytest.raises(InputError, match="still to come .a time alone means today.; for yesterday's, write 'yesterday"):
        parse_moment(text, now=EARLY)


@pytest.mark.parametrize(("text", "moment"), [
    ("4am", "2025-05-16T04:00:59.999999+00:00"),
    ("04:29:10", "2025-05-16T04:29:10.999999+00:00"),
    ("midnight", "2025-05-16T00:00:59.999999+00:00"),
    ("yesterday 3pm", "2025-05-15T15:00:59.999999+00:00"),
])
def test_a_bare_time_already_past_is_today_and_yesterday_says_so(text, moment):
    assert timeline.dates.utc_iso(parse_moment(text, now=EARLY)) == moment


def test_the_cli_refuses_3pm_at_half_past_four(cli, monkeypatch):
    monkeypatch.setattr(timeline.dates, "wall_now", lambda: EARLY)
    result = cli("position", "Ann", "--known-at", "3pm", code=2)
    assert result.stderr.strip() == ("Error: --known-at '3pm' is today at 15:00 UTC, which is still to come (a time "
                                     "alone means today); for yesterday's, write 'yesterday 3pm'")


@pytest.fixture
def ann(cli):
    cli("add", "Ann", "-t", "tax", "--new-topic", "--new-actor", "-k", "statement", "-s", "support",
        "--on", "2025-05-15", "--summary", "s")
    cli("office", "add", "Chancellor")
    return cli


@pytest.mark.parametrize("args", [
    ["position", ""], ["position", "  "], ["position", "Ann", "--topic", ""], ["stances", "--topic", ""],
    ["show", ""], ["show", "Ann", "--topic", ""], ["changes", ""], ["changes", "--topic", ""],
    ["search", "s", "--actor", ""], ["search", "s", "--topic", ""], ["holder", ""], ["export", "", "--format", "json"],
], ids=" ".join)
def test_an_empty_actor_topic_or_office_is_bad_input(ann, args):
    result = ann(*args, code=2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: the ") and " is empty; give " in lines[0], result.stderr
    assert not result.stdout


def test_a_short_year_range_says_what_to_write(ann):
    result = ann("position", "Ann", "--on", "2024/25", code=2)
    assert result.stderr.strip() == (
        "Error: '2024/25' is not a date: write 2024/2025 for the two years, 2024-24 (or 'winter 2024/25') for that "
        "winter, or the months, e.g. 2024-04/2025-03 for a financial year")
    for written in ("2024/2025", "2024-24", "winter 2024/25", "2024-04/2025-03"):
        ann("position", "Ann", "--on", written)
