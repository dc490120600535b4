"""Exports of records dated by ranges: the EDTF date and the period travel through jsonl, json and csv
(export → import into an empty store → the same show and position); TimelineJS gets start and end
as precise as the text; ics makes all-day events only for days and says what it left out."""

import csv
import io
import json

import pytest

from tests.conftest import Cli

RANGES = {
    "quarter": ("2024-34", "oppose", {"start": "2024-04-01", "end": "2024-06-30"}),
    "open-start": ("../2024-02", "support", {"start": None, "end": "2024-02-29"}),
    "open-end": ("2024-09/..", "mixed", {"start": "2024-09-01", "end": None}),
    "interval": ("2024-05/2024-06-15", "neutral", {"start": "2024-05-01", "end": "2024-06-15"}),
    "decade": ("199X", "support", {"start": "1990-01-01", "end": "1999-12-31"}),
    "winter": ("2023-24", "oppose", {"start": "2023-12-01", "end": "2024-02-29"}),
    "approximate-month": ("2024-03~", "support", {"start": "2024-03-01", "end": "2024-03-31"}),
    "uncertain-day": ("2024-06-30?", "mixed", {"start": "2024-06-30", "end": "2024-06-30"}),
    "day": ("2024-07-04", "oppose", {"start": "2024-07-04", "end": "2024-07-04"}),
}
DAYS = ["1995-01-01", "2000-01-01", "2024-02-29", "2024-03-31", "2024-06-15", "2024-06-30", "2024-08-01", "2030-01-01"]


@pytest.fixture
def ranged(cli):
    for rid, (on, stance, _) in RANGES.items():
        cli("add", "Kim Lee", "--topic", "levy", "--kind", "statement", "--stance", stance, "--on", on,
            "--summary", rid, "--id", rid, "--new-actor", "--new-topic")
    return cli


def without_record_time(records):
    return [{k: v for k, v in r.items() if k != "recorded_at"} for r in records]


def answers(cli):
    shown = without_record_time(cli.json("show", "Kim Lee")["records"])
    positions = []
    for day in DAYS:
        answer = cli.json("position", "Kim Lee", "--topic", "levy", "--on", day)
        positions.append((answer["stance"], answer["record"] and answer["record"]["id"],
                          [r["id"] for r in answer["possibly"]], [r["id"] for r in answer["uncertain_order"]]))
    steps = [{k: v for k, v in c.items()} for c in cli.json("changes", "Kim Lee")["changes"]]
    return shown, positions, steps


def test_the_records_carry_their_edtf_date_and_period(ranged):
    records = {r["id"]: r for r in ranged.json("show", "Kim Lee")["records"]}
    for rid, (on, _, period) in RANGES.items():
        assert (records[rid]["date"], records[rid]["period"]) == (on, period), rid


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_ranges_round_trip_through_every_data_format(ranged, fmt, tmp_path):
    path = tmp_path / f"out.{fmt}"
    ranged("export", "--format", fmt, "-o", str(path))
    text = path.read_text(encoding="utf-8-sig")
    if fmt == "csv":
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text)) if row.get("id")}
        for rid, (on, _, period) in RANGES.items():
            assert rows[rid]["date"] == on, rid  # the EDTF text itself, not a day made from it
            if "period_start" in rows[rid]:
                assert (rows[rid]["period_start"] or None, rows[rid]["period_end"] or None) == (period["start"], period["end"])
    else:
        lines = json.loads(text)["records"] if fmt == "json" else [json.loads(line) for line in text.splitlines()]
        records = {r["id"]: r for r in lines if r.get("type", "record") == "record"}
        for rid, (on, _, period) in RANGES.items():
            assert (records[rid]["date"], records[rid]["period"]) == (on, period), rid
    copy = Cli(tmp_path / "copy.sqlite")
    copy("import", str(path))
    assert answers(copy) == answers(ranged)


def test_timelinejs_gets_start_and_end_without_an_invented_day(ranged):
    events = {e["unique_id"]: e for e in json.loads(ranged("export", "--format", "timelinejs").stdout)["events"]}
    dates = {rid: (e["start_date"], e.get("end_date")) for rid, e in events.items()}
    assert dates == {
        "quarter": ({"year": 2024, "month": 4}, {"year": 2024, "month": 6}),
        "open-start": ({"year": 2024, "month": 2}, None),
        "open-end": ({"year": 2024, "month": 9}, None),
        "interval": ({"year": 2024, "month": 5}, {"year": 2024, "month": 6, "day": 15}),
        "decade": ({"year": 1990}, {"year": 1999}),
        "winter": ({"year": 2023, "month": 12}, {"year": 2024, "month": 2}),
        "approximate-month": ({"year": 2024, "month": 3}, None),
        "uncertain-day": ({"year": 2024, "month": 6, "day": 30}, None),
        "day": ({"year": 2024, "month": 7, "day": 4}, None),
    }


def test_ics_makes_all_day_events_only_for_days_and_says_what_it_left_out(ranged):
    from icalendar import Calendar

    result = ranged("export", "--format", "ics")
    events = Calendar.from_ical(result.stdout).walk("VEVENT")
    assert sorted(str(e["UID"]) for e in events) == ["day@timeline", "uncertain-day@timeline"]
    assert "left out 7 records not known to the day" in result.stderr


def test_html_draws_ranges_with_their_periods_and_open_ends_to_the_edge(ranged):
    page = ranged("export", "--format", "html").stdout
    data = json.loads(page.split('<script type="application/json" id="timeline-data">')[1].split("</script>")[0])
    drawn = {r["id"]: (r["start"], r["end"], r["open_start"], r["open_end"], r["precision"]) for r in data["records"]}
    assert drawn["quarter"] == ("2024-04-01", "2024-06-30", False, False, "range")
    assert drawn["open-start"] == ("1990-01-01", "2024-02-29", True, False, "range")  # from the earliest bound held
    assert drawn["open-end"][:4] == ("2024-09-01", "2024-09-01", False, True)  # the script draws it on to the edge
    assert drawn["day"] == ("2024-07-04", "2024-07-04", False, False, "day")
