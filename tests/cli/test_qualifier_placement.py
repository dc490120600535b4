"""A qualifier anywhere on a day, month or year keeps its precision (docs/time.md, Precision)."""

import json
from datetime import date

import pytest

from events.dates import PartialDate
from timeline.dates import describe_period
from timeline.exporting.snapshot import human_date


@pytest.mark.parametrize(("text", "precision", "qualifier"), [
    ("2024-05?", "month", "?"), ("2024-?05", "month", "?"), ("?2024-05", "month", "?"), ("2024?-05", "month", "?"),
    ("2024-~05", "month", "~"), ("~2024-05", "month", "~"), ("2024-%05", "month", "%"), ("?2024-~05", "month", "%"),
    ("2024-05-?15", "day", "?"), ("2024-~05-15", "day", "~"), ("%2024-05-15", "day", "%"), ("2024-05-15?", "day", "?"),
    ("?2024", "year", "?"), ("2024~", "year", "~"),
])
def test_every_placement_of_a_qualifier_keeps_the_precision_and_says_so(text, precision, qualifier):
    value = PartialDate.parse(text)
    assert (str(value), value.precision, value.qualifier) == (text, precision, qualifier)
    unqualified = PartialDate.parse(text.replace("?", "").replace("~", "").replace("%", ""))
    assert value.period == unqualified.period and value != unqualified
    assert (value.year, value.month, value.day) == (unqualified.year, unqualified.month, unqualified.day)
    words = {"?": "uncertain", "~": "approximate", "%": "uncertain and approximate"}[qualifier]
    assert words in describe_period(value)


def test_a_range_with_a_qualified_end_is_still_a_range():
    value = PartialDate.parse("2024-?05/2024-06")
    assert (value.precision, value.qualifier, value.period) == ("range", "", (date(2024, 5, 1), date(2024, 6, 30)))


def test_a_qualified_month_reads_as_its_month_in_words():
    assert human_date("2024-?05") == "May 2024 (uncertain)"
    assert human_date("2024-05-~15") == "15 May 2024 (approximate)"


def test_add_stores_the_text_and_a_month_precision(cli):
    for text in ("2024-?05", "?2024-05"):
        line = cli("add", "Zed", "-t", "x", "--new-topic", "--new-actor", "-k", "statement", "-s", "support",
                   "--on", text, "--summary", f"s {text}", "--json")
        record = json.loads(line.stdout)
        assert (record["date"], record["precision"]) == (text, "month")
        assert "uncertain" in line.stderr


def test_claimreview_dates_a_qualified_month_without_its_qualifier():
    from timeline.exporting.claimreview import when_said

    for text in ("2024-?05", "?2024-05", "2024-05?", "2024-~05-%15"):
        assert when_said(text)["datePublished"] in ("2024-05", "2024-05-15"), text
