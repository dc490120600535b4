"""EDTF dates (events.dates): every accepted form, its period, its refusals, and agreement with `edtf`."""

import pickle
import re
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events.dates import EdtfDate, PartialDate, Precision, smallest_containing

D = date


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        ("2025-05-15", D(2025, 5, 15), D(2025, 5, 15), "day"),
        ("2025-05", D(2025, 5, 1), D(2025, 5, 31), "month"),  # a stored month keeps its meaning
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month"),
        ("2025", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("2024-05?", D(2024, 5, 1), D(2024, 5, 31), "month"),  # qualifiers do not widen
        ("2024~", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("2024-05-15%", D(2024, 5, 15), D(2024, 5, 15), "day"),
        ("2024-04-01/2024-06-30", D(2024, 4, 1), D(2024, 6, 30), "range"),
        ("2024-05/2024-06-15", D(2024, 5, 1), D(2024, 6, 15), "range"),
        ("../2024-06", None, D(2024, 6, 30), "range"),
        ("2024-07/..", D(2024, 7, 1), None, "range"),
        ("2024-07/", D(2024, 7, 1), None, "range"),  # an unknown end is as open as an open one
        ("/2024-06", None, D(2024, 6, 30), "range"),
        ("2024-21", D(2024, 3, 1), D(2024, 5, 31), "range"),  # spring
        ("2024-22", D(2024, 6, 1), D(2024, 8, 31), "range"),
        ("2024-23", D(2024, 9, 1), D(2024, 11, 30), "range"),
        ("2024-24", D(2024, 12, 1), D(2025, 2, 28), "range"),  # winter runs into the next year
        ("2023-24", D(2023, 12, 1), D(2024, 2, 29), "range"),
        ("2024-30", D(2024, 12, 1), D(2025, 2, 28), "range"),  # Southern summer
        ("2024-32", D(2024, 6, 1), D(2024, 8, 31), "range"),  # Southern winter
        ("2024-33", D(2024, 1, 1), D(2024, 3, 31), "range"),
        ("2024-34", D(2024, 4, 1), D(2024, 6, 30), "range"),
        ("2024-36", D(2024, 10, 1), D(2024, 12, 31), "range"),
        ("2024-37", D(2024, 1, 1), D(2024, 4, 30), "range"),
        ("2024-38", D(2024, 5, 1), D(2024, 8, 31), "range"),
        ("2024-39", D(2024, 9, 1), D(2024, 12, 31), "range"),
        ("2024-40", D(2024, 1, 1), D(2024, 6, 30), "range"),
        ("2024-41", D(2024, 7, 1), D(2024, 12, 31), "range"),
        ("2024-21/2024-23", D(2024, 3, 1), D(2024, 11, 30), "range"),
        ("199X", D(1990, 1, 1), D(1999, 12, 31), "range"),
        ("19XX", D(1900, 1, 1), D(1999, 12, 31), "range"),
        ("2024-XX", D(2024, 1, 1), D(2024, 12, 31), "range"),
        ("2024-XX-15", D(2024, 1, 15), D(2024, 12, 15), "range"),
        ("2024-?05", D(2024, 5, 1), D(2024, 5, 31), "month"),  # a qualifier on a part: still a month
        ("199X/2003", D(1990, 1, 1), D(2003, 12, 31), "range"),
    ],
)
def test_each_form_has_its_period(text, start, end, precision):
    value = PartialDate.parse(text)
    assert (value.start, value.end) == (start, end) == value.period
    assert value.precision == precision
    assert str(value) == text
    assert value.is_open == (start is None or end is None)


@pytest.mark.parametrize(
    "text, message",
    [
        ("0000-00-00", "not a calendar date"),
        ("2025-02-29", "February 2025 has no day 29"),
        ("2024-13", "month 13 is not between 1 and 12"),
        ("99999", "not a date"),
        ("2024-06/2024-03", "ends before it starts"),
        ("../..", "at least one known end"),
        ("2024-05/2024-06/2024-07", "one '/'"),
        ("2025/05/15", "write 2025-05-15"),  # slashes for dashes: the fix, not an interval lecture
        ("15/5/2025", "write 2025-05-15"),
        ("2024-21?", "takes no qualifier"),
        ("2024-33/2024-36", "by its months"),
        ("[2024,2025]", "a set of dates"),
        ("{2024,2025}", "a set of dates"),
        ("2024-05-15T10:00:00", "time of day"),
        ("9999-24", "outside the years 1-9999"),
        ("0XXX", "outside the years 1-9999"),
        ("May 2024", "not a date"),
    ],
)
def test_refusals_are_one_sentence(text, message):
    with pytest.raises(ValueError, match=message) as caught:
        PartialDate.parse(text)
    assert "\n" not in str(caught.value)


def test_level0_constructor_and_helpers_keep_working():
    assert PartialDate(2025, 5) == PartialDate.parse("2025-05") and EdtfDate is PartialDate
    assert hash(PartialDate(2025, 5, 15)) == hash(PartialDate.parse("2025-05-15"))
    assert (PartialDate(2025, 5, 15).year, PartialDate(2025, 5, 15).month, PartialDate(2025, 5, 15).day) == (2025, 5, 15)
    assert PartialDate.parse("2024-05?").qualifier == "?" and PartialDate.parse("2024-34").year is None
    assert str(PartialDate.of(date(2025, 5, 15), "month")) == "2025-05"
    assert str(PartialDate.between(date(2025, 5, 5), date(2025, 5, 11))) == "2025-05-05/2025-05-11"
    assert str(PartialDate.between(date(2025, 5, 5), date(2025, 5, 5))) == "2025-05-05"
    assert str(smallest_containing(date(2025, 5, 5), date(2025, 5, 11))) == "2025-05"
    with pytest.raises(ValueError, match="Feb"):
        PartialDate(2025, 2, 29)
    with pytest.raises(AttributeError):
        PartialDate(2025).text = "2026"


def test_qualified_is_not_the_plain_date_but_covers_the_same_period():
    plain, approximate = PartialDate.parse("2024-05"), PartialDate.parse("2024-05~")
    assert plain != approximate and plain.period == approximate.period


def test_ordering_is_timeline_order():
    texts = ["2024-03-10", "2024", "../2024-06", "2024-03", "2024-21", "2024-07/.."]
    ordered = [str(v) for v in sorted(PartialDate.parse(t) for t in texts)]
    assert ordered == ["../2024-06", "2024", "2024-03", "2024-21", "2024-03-10", "2024-07/.."]


# -- properties ------------------------------------------------------------------------------------

years = st.integers(1, 9998)
level0 = st.one_of(
    st.dates(date(1, 1, 1), date(9998, 12, 31)).map(lambda d: d.isoformat()),
    st.dates(date(1, 1, 1), date(9998, 12, 31)).map(lambda d: d.isoformat()[:7]),
    years.map(lambda y: f"{y:04d}"),
)
qualified = st.tuples(level0, st.sampled_from(["", "?", "~", "%"])).map("".join)
grouping = st.tuples(years, st.integers(21, 41)).map(lambda p: f"{p[0]:04d}-{p[1]}")
season = st.tuples(years, st.integers(21, 24)).map(lambda p: f"{p[0]:04d}-{p[1]}")
unspecified = st.one_of(st.integers(1, 999).map(lambda n: f"{n:03d}X"), st.integers(1, 99).map(lambda n: f"{n:02d}XX"))
single = st.one_of(qualified, grouping, unspecified)
interval_end = st.one_of(qualified, season, st.just(".."))


@st.composite
def intervals(draw):
    left, right = draw(interval_end), draw(interval_end)
    if left == right == "..":
        right = draw(qualified)
    value_left = PartialDate.parse(left) if left != ".." else None
    value_right = PartialDate.parse(right) if right != ".." else None
    if value_left and value_right and value_left.start > value_right.end:
        left, right = right, left
        if PartialDate.parse(left).start > PartialDate.parse(right).end:
            left = ".."
    return f"{left}/{right}"


edtf_texts = st.one_of(single, intervals())


@settings(max_examples=300, deadline=None)
@given(edtf_texts)
def test_any_value_is_ordered_round_trips_and_pickles(text):
    value = PartialDate.parse(text)
    if value.start and value.end:
        assert value.start <= value.end
    again = PartialDate.parse(str(value))
    assert again == value and again.period == value.period and hash(again) == hash(value)
    unpickled = pickle.loads(pickle.dumps(value))
    assert unpickled == value and unpickled.period == value.period and unpickled.precision == value.precision


def _edtf_bounds(text):
    from edtf import parse_edtf, struct_time_to_date

    parsed = parse_edtf(text)
    bounds = []
    for bound in (parsed.lower_strict(), parsed.upper_strict()):
        bounds.append(None if isinstance(bound, float) else struct_time_to_date(bound))
    return tuple(bounds)


_EDTF_WINTER = re.compile(r"(?:^|/)\d{4}-(?:24|28|30)(?:/|$)")  # edtf: December only; we: December to February


@settings(max_examples=300, deadline=None)
@given(st.one_of(qualified, grouping, unspecified, intervals()))
def test_fast_grammar_agrees_with_the_edtf_package(text):
    """The fast path reads the common forms without edtf; its periods must equal edtf's strict bounds."""
    if _EDTF_WINTER.search(text):
        return
    if text.startswith("/") or text.endswith("/"):
        return  # edtf pads an unknown end by ten years; we leave it open
    assert PartialDate.parse(text).period == _edtf_bounds(text)


def test_where_we_differ_from_edtf_on_purpose():
    assert _edtf_bounds("2024-24") == (D(2024, 12, 1), D(2024, 12, 31))  # edtf: winter is December only
    assert PartialDate.parse("2024-24").period == (D(2024, 12, 1), D(2025, 2, 28))
    assert _edtf_bounds("2024-07/")[1] == D(2034, 7, 1)  # edtf invents an end ten years on
    assert PartialDate.parse("2024-07/").end is None


def test_plain_iso_dates_do_not_import_edtf():
    code = ("import sys; from events.dates import PartialDate; "
            "[PartialDate.parse(t) for t in ('2025-05-15', '2025-05', '2025', '2024-05?', '2024-34', '../2024-06')]; "
            "print('edtf' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_precision_names():
    assert [p.value for p in Precision] == ["day", "month", "year", "range"]


@pytest.mark.parametrize("text, start, end", [
    ("2024-0X", "2024-01-01", "2024-09-30"),
    ("2024-1X", "2024-10-01", "2024-12-31"),
    ("2024-05-1X", "2024-05-10", "2024-05-19"),
    ("2024-05-3X", "2024-05-30", "2024-05-31"),
    ("2023-02-2X", "2023-02-20", "2023-02-28"),
    ("2024-1X-05", "2024-10-05", "2024-12-05"),
    ("2024-05-1X?", "2024-05-10", "2024-05-19"),
    ("2024-22/2024-XX", "2024-06-01", "2024-12-31"),
    ("2024-0X/2024-1X", "2024-01-01", "2024-12-31"),
])
def test_unspecified_digits_in_a_month_or_a_day_are_the_days_they_allow(text, start, end):
    # the edtf package fails inside its own parser on these (an AttributeError reached the user)
    parsed = PartialDate.parse(text)
    assert (parsed.start.isoformat(), parsed.end.isoformat(), str(parsed)) == (start, end, text)


@pytest.mark.parametrize("text, message", [
    ("2024-02-3X", "February 2024 has no day 3X"),
    ("2024-2X", "not a date"),
    ("2024-05-4X", "not a date"),  # the edtf package parses it, then fails on its days
])
def test_unspecified_digits_that_allow_no_day_are_refused(text, message):
    with pytest.raises(ValueError, match=message):
        PartialDate.parse(text)
