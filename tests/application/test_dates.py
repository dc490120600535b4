"""Reading dates people type: ISO fast path, natural language, honest precision, clear errors."""

from datetime import UTC, date, datetime

import pytest

from timeline.dates import parse_date, parse_moment
from timeline.errors import InputError

ARTICLE = date(2025, 5, 16)  # the seed article was published on Friday 16 May 2025


@pytest.mark.parametrize(
    "text, expected",
    [
        ("yesterday", "2025-05-15"),
        ("Thursday", "2025-05-15"),
        ("last Thursday", "2025-05-15"),
        ("15 May 2025", "2025-05-15"),
        ("3/5/2025", "2025-05-03"),  # day first
        ("May 2024", "2024-05"),
        ("last week", "2025-05-05/2025-05-11"),  # the week it names, as an interval of days
    ],
)
def test_natural_dates_relative_to_an_article(text, expected):
    parsed = parse_date(text, relative_to=ARTICLE)
    assert str(parsed.value) == expected
    assert parsed.natural


def test_iso_dates_do_not_need_dateparser():
    parsed = parse_date("2025-05")
    assert str(parsed.value) == "2025-05" and not parsed.natural


@pytest.mark.parametrize(
    "text, message",
    [
        ("blursday", "cannot understand"),
        ("next Blursday", "cannot understand"),
        ("0000-00-00", "not a calendar date"),
        ("2025-02-31", "February 2025 has no day 31"),
        ("99999", "not a date"),
        ("", "empty"),
    ],
)
def test_bad_dates_say_why(text, message):
    with pytest.raises(InputError, match=message):
        parse_date(text, relative_to=ARTICLE)


def test_known_at_bounds_include_what_they_name():
    assert parse_moment("2026-11-26") == datetime(2026, 11, 26, 23, 59, 59, 999999, tzinfo=UTC)
    assert parse_moment("2026-11-26T10:00:00+00:00") == datetime(2026, 11, 26, 10, 0, 0, 999999, tzinfo=UTC)
    assert parse_moment("2026-11-26T10:00:00.25+01:00") == datetime(2026, 11, 26, 9, 0, 0, 250000, tzinfo=UTC)
    with pytest.raises(InputError):
        parse_moment("the day after blursday")
