"""Natural language → EDTF (timeline.dates): never more precise than the text, or a clear refusal."""

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import parse_date, parse_moment
from timeline.errors import InputError

FRIDAY = date(2025, 5, 16)  # the seed article was published on Friday 16 May 2025
D = date


def covers(value, first, last):
    """The period contains [first, last]: the truth, and everything the text leaves open."""
    return (value.start is None or value.start <= first) and (value.end is None or value.end >= last)


# phrase, the EDTF it reads as, and the span the text itself names (the period must contain it)
PHRASES = [
    # the list in issue 12, item 2
    ("Q2 2024", "2024-34", D(2024, 4, 1), D(2024, 6, 30)),
    ("1990s", "199X", D(1990, 1, 1), D(1999, 12, 31)),
    ("the 1990s", "199X", D(1990, 1, 1), D(1999, 12, 31)),
    ("May '24", "2024-05", D(2024, 5, 1), D(2024, 5, 31)),
    ("two weeks ago", "2025-04-28/2025-05-04", D(2025, 5, 2), D(2025, 5, 2)),
    ("early 2024", "2024-37", D(2024, 1, 1), D(2024, 3, 31)),
    ("mid-2024", "2024-38", D(2024, 6, 1), D(2024, 7, 31)),
    ("spring 2024", "2024-21", D(2024, 3, 1), D(2024, 5, 31)),
    ("late May 2024", "2024-05-21/2024-05-31", D(2024, 5, 22), D(2024, 5, 31)),
    ("end of 2024", "2024-39", D(2024, 11, 1), D(2024, 12, 31)),
    ("before July 2024", "../2024-06", D(2000, 1, 1), D(2024, 6, 30)),
    ("after 2020", "2021/..", D(2021, 1, 1), D(2030, 1, 1)),
    ("between March and June 2024", "2024-03/2024-06", D(2024, 3, 1), D(2024, 6, 30)),
    ("last week", "2025-05-05/2025-05-11", D(2025, 5, 5), D(2025, 5, 11)),
    # our own cases
    ("2nd quarter of 2024", "2024-34", D(2024, 4, 1), D(2024, 6, 30)),
    ("2024 Q4", "2024-36", D(2024, 10, 1), D(2024, 12, 31)),
    ("Q1", "2025-33", D(2025, 1, 1), D(2025, 3, 31)),  # no year: the latest begun by the base date
    ("Q3", "2024-35", D(2024, 7, 1), D(2024, 9, 30)),
    ("last quarter", "2025-33", D(2025, 1, 1), D(2025, 3, 31)),  # the one before the current
    ("H1 2024", "2024-40", D(2024, 1, 1), D(2024, 6, 30)),
    ("the second half of 2023", "2023-41", D(2023, 7, 1), D(2023, 12, 31)),
    ("summer of 2023", "2023-22", D(2023, 6, 1), D(2023, 8, 31)),
    ("in the autumn of 2022", "2022-23", D(2022, 9, 1), D(2022, 11, 30)),
    ("fall 2022", "2022-23", D(2022, 9, 1), D(2022, 11, 30)),
    ("winter 2024/25", "2024-24", D(2024, 12, 1), D(2025, 2, 28)),
    ("winter 2023-2024", "2023-24", D(2023, 12, 1), D(2024, 2, 29)),
    ("winter", "2024-24", D(2024, 12, 1), D(2025, 2, 28)),
    ("late 2019", "2019-39", D(2019, 10, 1), D(2019, 12, 31)),
    ("the start of 2021", "2021-37", D(2021, 1, 1), D(2021, 2, 28)),
    ("early March 2025", "2025-03-01/2025-03-10", D(2025, 3, 1), D(2025, 3, 10)),
    ("mid-February 2024", "2024-02-11/2024-02-20", D(2024, 2, 12), D(2024, 2, 18)),
    ("the end of February 2024", "2024-02-21/2024-02-29", D(2024, 2, 25), D(2024, 2, 29)),
    ("late May", "2025-05-21/2025-05-31", D(2025, 5, 21), D(2025, 5, 31)),
    ("the late 1990s", "1996/1999", D(1997, 1, 1), D(1999, 12, 31)),
    ("the early 2010s", "2010/2013", D(2010, 1, 1), D(2012, 12, 31)),
    ("the early 2000s", "2000/2033", D(2000, 1, 1), D(2002, 12, 31)),  # of the decade or the century
    ("the late 1900s", "1906/1999", D(1907, 1, 1), D(1909, 12, 31)),
    ("the '80s", "198X", D(1980, 1, 1), D(1989, 12, 31)),
    ("the eighties", "198X", D(1980, 1, 1), D(1989, 12, 31)),
    ("the 1900s", "19XX", D(1900, 1, 1), D(1909, 12, 31)),  # a decade or a century: both covered
    ("before 2020", "../2019", D(2000, 1, 1), D(2019, 12, 31)),
    ("before 15 May 2025", "../2025-05-14", D(2025, 5, 1), D(2025, 5, 14)),
    ("before spring 2024", "../2024-02", D(2024, 1, 1), D(2024, 2, 29)),
    ("after July 2024", "2024-08/..", D(2024, 8, 1), D(2025, 1, 1)),
    ("after 15 May 2025", "2025-05-16/..", D(2025, 5, 16), D(2025, 6, 1)),
    ("since 2020", "2020/..", D(2020, 1, 1), D(2025, 1, 1)),
    ("since March 2024", "2024-03/..", D(2024, 3, 1), D(2025, 1, 1)),
    ("until July 2024", "../2024-07", D(2024, 1, 1), D(2024, 7, 31)),
    ("by the end of 2024", "../2024-12", D(2024, 1, 1), D(2024, 12, 31)),
    ("between 2019 and 2021", "2019/2021", D(2019, 1, 1), D(2021, 12, 31)),
    ("from 2019 to 2021", "2019/2021", D(2019, 1, 1), D(2021, 12, 31)),
    ("2019-2021", "2019/2021", D(2019, 1, 1), D(2021, 12, 31)),
    ("March–June 2024", "2024-03/2024-06", D(2024, 3, 1), D(2024, 6, 30)),
    ("between 3 and 10 May 2024", "2024-05-03/2024-05-10", D(2024, 5, 3), D(2024, 5, 10)),
    ("3-10 May 2024", "2024-05-03/2024-05-10", D(2024, 5, 3), D(2024, 5, 10)),
    ("between November and February 2025", "2024-11/2025-02", D(2024, 11, 1), D(2025, 2, 28)),
    ("May 2024 to January 2025", "2024-05/2025-01", D(2024, 5, 1), D(2025, 1, 31)),
    ("between spring and autumn 2023", "2023-21/2023-23", D(2023, 3, 1), D(2023, 11, 30)),
    ("between Q1 and Q3 2024", "2024-01/2024-09", D(2024, 1, 1), D(2024, 9, 30)),
    ("a week ago", "2025-05-05/2025-05-11", D(2025, 5, 9), D(2025, 5, 9)),
    ("3 weeks ago", "2025-04-21/2025-04-27", D(2025, 4, 25), D(2025, 4, 25)),
    ("a fortnight ago", "2025-04-28/2025-05-04", D(2025, 5, 2), D(2025, 5, 2)),
    ("the week before last", "2025-04-28/2025-05-04", D(2025, 4, 28), D(2025, 5, 4)),
    ("this week", "2025-05-12/2025-05-16", D(2025, 5, 12), D(2025, 5, 16)),  # up to the base day
    ("the week of 5 May 2025", "2025-05-05/2025-05-11", D(2025, 5, 5), D(2025, 5, 11)),
    ("last weekend", "2025-05-10/2025-05-11", D(2025, 5, 10), D(2025, 5, 11)),
    ("last month", "2025-04", D(2025, 4, 1), D(2025, 4, 30)),
    ("two months ago", "2025-03", D(2025, 3, 1), D(2025, 3, 31)),
    ("last year", "2024", D(2024, 1, 1), D(2024, 12, 31)),
    ("in 2024", "2024", D(2024, 1, 1), D(2024, 12, 31)),
    ("May", "2025-05", D(2025, 5, 1), D(2025, 5, 31)),
    ("December", "2024-12", D(2024, 12, 1), D(2024, 12, 31)),  # the past one
    ("Sept 2024", "2024-09", D(2024, 9, 1), D(2024, 9, 30)),
    ("summer of '19", "2019-22", D(2019, 6, 1), D(2019, 8, 31)),
    ("around May 2024", "2024-05~", D(2024, 5, 1), D(2024, 5, 31)),
    ("c. 1990", "1990~", D(1990, 1, 1), D(1990, 12, 31)),
    ("May 2024?", "2024-05?", D(2024, 5, 1), D(2024, 5, 31)),
    ("probably 2023", "2023?", D(2023, 1, 1), D(2023, 12, 31)),
    ("yesterday", "2025-05-15", D(2025, 5, 15), D(2025, 5, 15)),
    ("15 May 2025", "2025-05-15", D(2025, 5, 15), D(2025, 5, 15)),
    ("15th of May, 2025", "2025-05-15", D(2025, 5, 15), D(2025, 5, 15)),
    ("3/5/2025", "2025-05-03", D(2025, 5, 3), D(2025, 5, 3)),  # day first
    ("3 days ago", "2025-05-13", D(2025, 5, 13), D(2025, 5, 13)),
    ("this morning", "2025-05-16", D(2025, 5, 16), D(2025, 5, 16)),
    ("an hour ago", "2025-05-16", D(2025, 5, 16), D(2025, 5, 16)),
    # EDTF typed directly is taken as it is
    ("2024-21", "2024-21", D(2024, 3, 1), D(2024, 5, 31)),
    ("../2024-06", "../2024-06", D(2024, 1, 1), D(2024, 6, 30)),
    ("199X", "199X", D(1990, 1, 1), D(1999, 12, 31)),
]


@pytest.mark.parametrize("text, edtf, first, last", PHRASES, ids=[p[0] for p in PHRASES])
def test_phrase_reads_as_a_period_no_narrower_than_the_text(text, edtf, first, last):
    value = parse_date(text, relative_to=FRIDAY).value
    assert str(value) == edtf
    assert covers(value, first, last), f"{value.period} does not cover {first}..{last}"


@pytest.mark.parametrize(
    "text, message",
    [
        ("winter 2024", "ambiguous: write 'winter 2023/2024'"),
        ("around spring 2024", "hedges a range"),
        ("early Q2 2024", "early, mid and late apply to a year, a month or a decade"),
        ("spring 2023/24", "only a winter does"),
        ("between 2021 and 2019", "ends before it starts"),
        ("the week of May 2025", "'the week of' needs a day"),
        ("blursday", "cannot understand the date"),
        ("next Blursday", "cannot understand the date"),
        ("the other day", "cannot understand"),
        ("1990s decade", "without inventing precision"),  # dateparser: today
        ("this decade", "without inventing precision"),  # dateparser: a year
        ("noon", "without inventing precision"),  # dateparser: today
        ("3pm", "without inventing precision"),  # dateparser: the latest 3pm, a day it was not told
        ("0000-00-00", "not a calendar date"),
        ("2025-02-31", "February 2025 has no day 31"),
        ("99999", "not a date"),
        ("", "empty"),
    ],
)
def test_what_cannot_be_read_honestly_is_refused_in_one_sentence(text, message):
    with pytest.raises(InputError, match=message) as caught:
        parse_date(text, relative_to=FRIDAY)
    assert "\n" not in str(caught.value)


def test_the_refusal_lists_accepted_forms():
    with pytest.raises(InputError) as caught:
        parse_date("blursday", relative_to=FRIDAY)
    for form in ("2025-05-15", "Q2 2024", "spring 2024", "early 2024", "the 1990s", "before July 2024",
                 "between March and June 2024", "two weeks ago"):
        assert form in str(caught.value)


# -- weekdays: what "Friday" means on a Friday -------------------------------------------------------


def test_a_weekday_named_on_that_weekday_is_that_day():
    assert str(parse_date("Friday", relative_to=FRIDAY).value) == "2025-05-16"
    assert str(parse_date("on Friday", relative_to=FRIDAY).value) == "2025-05-16"
    assert str(parse_date("last Friday", relative_to=FRIDAY).value) == "2025-05-09"
    assert str(parse_date("Thursday", relative_to=FRIDAY).value) == "2025-05-15"
    assert str(parse_date("last Thursday", relative_to=FRIDAY).value) == "2025-05-15"
    assert str(parse_date("Saturday", relative_to=FRIDAY).value) == "2025-05-10"
    assert str(parse_date("next Friday", relative_to=FRIDAY).value) == "2025-05-23"


@pytest.mark.parametrize("offset", range(7))
@pytest.mark.parametrize("weekday", ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
def test_weekdays_on_every_day_of_a_week(weekday, offset):
    base = date(2025, 5, 12) + timedelta(days=offset)  # Monday 12 to Sunday 18 May 2025
    bare = parse_date(weekday, relative_to=base).value.start
    last = parse_date(f"last {weekday}", relative_to=base).value.start
    assert bare.strftime("%A") == last.strftime("%A") == weekday
    assert 0 <= (base - bare).days <= 6  # the latest one on or before the base day
    assert 1 <= (base - last).days <= 7  # the latest one strictly before it


# -- truth containment on random days ----------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def descriptions(day: date):
    """Phrases a careful writer could use for `day`, at every grain."""
    month = MONTHS[day.month - 1]
    part_of_year = ["early", "mid", "late"][(day.month - 1) // 4]
    part_of_month = ["early", "mid", "late"][min((day.day - 1) // 10, 2)]
    yield f"{day.day} {month} {day.year}"
    yield f"{month} {day.year}"
    yield f"{month[:3]} '{day.year % 100:02d}" if day.year >= 1926 else f"{month} {day.year}"
    yield f"Q{(day.month - 1) // 3 + 1} {day.year}"
    yield f"H{(day.month - 1) // 6 + 1} {day.year}"
    yield f"{part_of_year} {day.year}"
    yield f"{part_of_month} {month} {day.year}"
    yield f"the {day.year // 10 * 10}s"
    if 3 <= day.month <= 11:
        yield f"{['spring', 'summer', 'autumn'][(day.month - 3) // 3]} {day.year}"
    else:
        winter = day.year if day.month == 12 else day.year - 1
        yield f"winter {winter}/{winter + 1}"
    yield f"between {MONTHS[max(day.month - 2, 0)]} and {MONTHS[min(day.month, 11)]} {day.year}"
    yield f"before {day.year + 1}"
    yield f"after {day.year - 1}"
    yield f"since {month} {day.year}"
    yield f"until {month} {day.year}"


@settings(max_examples=60, deadline=None)
@given(st.dates(date(1950, 1, 1), date(2025, 5, 16)))
def test_every_description_of_a_day_contains_it(day):
    for text in descriptions(day):
        value = parse_date(text, relative_to=FRIDAY).value
        assert covers(value, day, day), f"{text!r} → {value} {value.period} misses {day}"


@settings(max_examples=40, deadline=None)
@given(st.dates(date(2000, 1, 1), date(2030, 12, 31)), st.integers(0, 8))
def test_relative_phrases_contain_the_day_they_count_back_to(base, count):
    for text, back in [("yesterday", 1), (f"{count} days ago", count), (f"{count} weeks ago", 7 * count),
                       ("last week", 7), ("a fortnight ago", 14)]:
        value = parse_date(text, relative_to=base).value
        assert covers(value, base - timedelta(days=back), base - timedelta(days=back)), (text, base, str(value))
    this_month = parse_date("this month", relative_to=base).value  # the month so far: up to the base day
    assert (this_month.start, this_month.end) == (base.replace(day=1), base)


def test_iso_input_does_not_load_dateparser():
    code = ("import sys; from timeline.dates import parse_date; "
            "[parse_date(t) for t in ('2025-05-15', '2025-05', '2024-34', '../2024-06', '199X')]; "
            "print('dateparser' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_describe_echoes_the_edtf_date_and_its_period():
    assert parse_date("Q2 2024", relative_to=FRIDAY).describe(FRIDAY) == (
        "'Q2 2024' relative to 2025-05-16 read as 2024-34 (2024-04-01 to 2024-06-30)")
    assert parse_date("before July 2024").describe() == "'before July 2024' read as ../2024-06 (up to 2024-06-30)"
    assert parse_date("2021/..").describe() == "2021/.. (from 2021-01-01 on)"
    assert parse_date("2025-05-15").describe() == "2025-05-15"


# -- known-at ----------------------------------------------------------------------------------------

NOW = datetime(2026, 11, 26, 16, 30, 5, 123456, tzinfo=UTC)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-11-26T15:00:19", datetime(2026, 11, 26, 15, 0, 19, 999999, tzinfo=UTC)),  # the whole second
        ("2026-11-26T15:00:19+01:00", datetime(2026, 11, 26, 14, 0, 19, 999999, tzinfo=UTC)),
        ("2026-11-26T15:00:19.25", datetime(2026, 11, 26, 15, 0, 19, 250000, tzinfo=UTC)),  # an instant
        ("2026-11-26 15:00", datetime(2026, 11, 26, 15, 0, 59, 999999, tzinfo=UTC)),  # the whole minute
        ("26 Nov 2026 15:00:19", datetime(2026, 11, 26, 15, 0, 19, 999999, tzinfo=UTC)),
        ("26 Nov 2026 15:00:19.5", datetime(2026, 11, 26, 15, 0, 19, 500000, tzinfo=UTC)),
        ("15:00:19", datetime(2026, 11, 26, 15, 0, 19, 999999, tzinfo=UTC)),
        ("2026-11-25", datetime(2026, 11, 25, 23, 59, 59, 999999, tzinfo=UTC)),  # a day: its end
        ("yesterday", datetime(2026, 11, 25, 23, 59, 59, 999999, tzinfo=UTC)),  # like any bare date
        ("25 November 2026", datetime(2026, 11, 25, 23, 59, 59, 999999, tzinfo=UTC)),
        ("last Friday", datetime(2026, 11, 20, 23, 59, 59, 999999, tzinfo=UTC)),
        ("now", NOW),
        ("two hours ago", NOW - timedelta(hours=2)),
    ],
)
def test_known_at_includes_everything_the_text_names(text, expected):
    assert parse_moment(text, now=NOW) == expected


@pytest.mark.parametrize("text", ["2026-11-27", "tomorrow", "today", "2026-11-26", "2026-11-26T16:30:05",
                                  "2027-01-01T00:00:00Z"])
def test_known_at_in_the_future_is_refused(text):
    with pytest.raises(InputError, match="in the future"):
        parse_moment(text, now=NOW)


def test_known_at_nonsense_is_refused():
    with pytest.raises(InputError, match="cannot understand the time"):
        parse_moment("the day after blursday", now=NOW)
    with pytest.raises(InputError, match="empty"):
        parse_moment(" ", now=NOW)
