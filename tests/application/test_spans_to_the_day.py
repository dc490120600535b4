"""'the past week', 'this month': spans that end on the reference day (docs/time.md, Natural language)."""

from datetime import date

import pytest

from timeline.dates import parse_date
from timeline.errors import InputError

FRIDAY = date(2025, 5, 16)


@pytest.mark.parametrize(("text", "edtf"), [
    ("the past week", "2025-05-09/2025-05-16"),
    ("past week", "2025-05-09/2025-05-16"),
    ("in the past week", "2025-05-09/2025-05-16"),
    ("over the past week", "2025-05-09/2025-05-16"),
    ("the last week", "2025-05-09/2025-05-16"),
    ("within the last week", "2025-05-09/2025-05-16"),
    ("the past fortnight", "2025-05-02/2025-05-16"),
    ("the past two weeks", "2025-05-02/2025-05-16"),
    ("the past 3 days", "2025-05-13/2025-05-16"),
    ("the last 10 days", "2025-05-06/2025-05-16"),
    ("the past month", "2025-04-16/2025-05-16"),
    ("the last three months", "2025-02-16/2025-05-16"),
    ("the past year", "2024-05-16/2025-05-16"),
    ("the last year", "2024-05-16/2025-05-16"),
    ("this week", "2025-05-12/2025-05-16"),
    ("this month", "2025-05-01/2025-05-16"),
    ("this year", "2025-01-01/2025-05-16"),
    # unchanged: the calendar periods they name (the lead's decision for plain "last week")
    ("last week", "2025-05-05/2025-05-11"),
    ("previous week", "2025-05-05/2025-05-11"),
    ("last month", "2025-04"),
    ("last year", "2024"),
    ("a week ago", "2025-05-05/2025-05-11"),
])
def test_a_span_up_to_the_reference_day(text, edtf):
    assert str(parse_date(text, relative_to=FRIDAY).value) == edtf


def test_a_month_back_from_a_long_month_ends_in_the_short_one_and_a_whole_month_is_the_month():
    assert str(parse_date("the past month", relative_to=date(2025, 3, 31)).value) == "2025-02-28/2025-03-31"
    assert str(parse_date("this month", relative_to=date(2025, 5, 31)).value) == "2025-05"
    assert str(parse_date("this year", relative_to=date(2024, 12, 31)).value) == "2024"
    assert str(parse_date("this week", relative_to=date(2025, 5, 18)).value) == "2025-05-12/2025-05-18"


@pytest.mark.parametrize("text", ["the past 100000000 days", "the past 3000 years", "the past few weeks"])
def test_a_span_that_cannot_be_bounded_is_refused(text):
    with pytest.raises(InputError):
        parse_date(text, relative_to=FRIDAY)


def test_add_stores_the_past_week_up_to_the_reference_day(cli):
    import json

    out = cli("add", "Zed", "-t", "x", "--new-topic", "--new-actor", "-k", "statement", "-s", "support",
              "--on", "the past week", "--relative-to", "2025-05-16", "--summary", "s", "--json")
    assert json.loads(out.stdout)["period"] == {"start": "2025-05-09", "end": "2025-05-16"}
