"""Property test of the one time model (DESIGN.md §3, docs/time.md "Position and changes").

On random records with mixed precisions (days, months, years, quarters, seasons, intervals, open ends,
qualifiers) for two actors on a topic with a same-polarity and an inverse sub-topic:

- for every day D, the stance that `changes` implies at D equals `position` at D (both for the roll-up
  of the parent topic and for a sub-topic alone);
- `uncertain_order` lists exactly the definite records of another stance that share a day with the
  deciding record;
- a change is `certain` exactly when its two records' periods share no day.

Every rule compares D with period bounds (end <= D, start <= D < end), so every answer is constant
between two consecutive bounds: checking each bound, the days either side of it and the ends of a
range covering them checks every day there is (and costs a twentieth of walking ~880 days).

docs/time.md lists the rule bugs planted to check that this test catches them.
"""

import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import PartialDate
from timeline import queries
from timeline.tracker import Tracker

# Thousands of tiny stores: in memory where the system has it, the disk is no part of the property.
FAST_DISK = "/dev/shm" if Path("/dev/shm").is_dir() else None
FIRST_DAY, LAST_DAY = date(2019, 11, 1), date(2022, 3, 31)  # covers every finite bound drawn below
YEARS = st.integers(2020, 2021)
MONTHS = st.integers(1, 6)  # few months and days, so that ties, shared days and overlaps are common
DAYS = st.integers(1, 3)

days = st.builds(lambda y, m, d: f"{y}-{m:02}-{d:02}", YEARS, MONTHS, DAYS)
months = st.builds(lambda y, m: f"{y}-{m:02}", YEARS, MONTHS)
years = st.builds(str, YEARS)
level0 = st.one_of(days, days, months, years)
qualified = st.builds(lambda text, q: text + q, level0, st.sampled_from(["?", "~", "%"]))
quarters = st.builds(lambda y, q: f"{y}-{q}", YEARS, st.integers(33, 36))
seasons = st.builds(lambda y, s: f"{y}-{s}", YEARS, st.integers(21, 24))  # winter runs into the next year
open_start = st.builds(lambda text: f"../{text}", st.one_of(days, months))
open_end = st.builds(lambda text: f"{text}/..", st.one_of(days, months))


def _interval(a: str, b: str) -> str:
    first, second = PartialDate.parse(a), PartialDate.parse(b)
    if first.period[0] > second.period[1]:
        a, b = b, a
    if PartialDate.parse(a).period[0] > PartialDate.parse(b).period[1]:
        return a  # the two cannot make an interval (a day inside a month, say): keep one
    return f"{a}/{b}"


intervals = st.builds(_interval, st.one_of(days, months), st.one_of(days, months))
edtf_dates = st.one_of(days, days, days, months, months, years, qualified, quarters, seasons,
                       open_start, open_end, intervals)
stances = st.sampled_from(["support", "oppose", "neutral", "mixed"])
records = st.lists(
    st.tuples(st.sampled_from(["Ann", "Ann", "Bo"]), st.sampled_from(["t", "t", "t-sub", "t-inv"]), edtf_dates, stances),
    min_size=1, max_size=9,
)
OPPOSITE = {"support": "oppose", "oppose": "support"}
SERIES = {"t": {"t": 1, "t-sub": 1, "t-inv": -1}, "t-sub": {"t-sub": 1}}


def bounds(record):
    start, end = record["period"]
    return start or date.min, end or date.max


def share_a_day(a, b) -> bool:
    (a_start, a_end), (b_start, b_end) = bounds(a), bounds(b)
    return a_start <= b_end and b_start <= a_end


def rolled(record, signs) -> str:
    stance = record["stance"]
    return OPPOSITE.get(stance, stance) if signs[record["topic"]] < 0 else stance


def every_distinct_day(model) -> list[date]:
    """One day of each stretch of days on which no rule can answer differently (see the docstring)."""
    found = {FIRST_DAY, LAST_DAY}
    for record in model:
        for bound in record["period"]:
            if bound is not None:
                found |= {bound - timedelta(days=1), bound, bound + timedelta(days=1)}
    assert min(found) >= FIRST_DAY and max(found) <= LAST_DAY
    return sorted(found)


def implied_by_changes(steps, first, by_id, day):
    """The stance the changes imply at `day`: the first record's (once it ended), then each change
    whose later record ended by `day`, in the order `changes` gives them."""
    stance = None
    if first is not None and bounds(first)[1] <= day:
        stance = first["rolled"]
    for step in steps:
        if bounds(by_id[step["record_id"]])[1] <= day:
            assert step["from"] == stance, ("a change starts from a stance position never held", step, day)
            stance = step["to"]
    return stance


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=records)
def test_changes_are_the_steps_of_position(drawn):
    with tempfile.TemporaryDirectory(dir=FAST_DISK) as folder:
        line = Tracker(str(Path(folder) / "t.sqlite"))
        line.add_topic("t")
        line.add_topic("t-sub", parent="t")
        line.add_topic("t-inv", parent="t", inverse=True)
        model = []
        for seq, (actor, topic, text, stance) in enumerate(drawn):
            when = PartialDate.parse(text)
            rid = f"r{seq}"
            line.add_record(actor=actor, topic=topic, kind="statement", stance=stance, date=when, summary=rid,
                            record_id=rid, new_actor=True)
            model.append({"id": rid, "actor": actor, "topic": topic, "stance": stance, "seq": seq,
                          "period": when.period})
        by_id = {r["id"]: r for r in model}
        conn = line.reader()
        try:
            for name in sorted({r["actor"] for r in model}):
                actor = queries.resolve_actor(conn, name)
                for series, signs in SERIES.items():
                    mine = [dict(r, rolled=rolled(r, signs)) for r in model if r["actor"] == name and r["topic"] in signs]
                    ordered = sorted(mine, key=lambda r: (bounds(r)[1], r["seq"]))  # position order, plainly
                    steps = queries.changes(conn, actor, topic=series)
                    for step in steps:
                        before, after = by_id[step["from_record_id"]], by_id[step["record_id"]]
                        assert step["certain"] is not share_a_day(before, after), step
                    mine_by_id = {r["id"]: r for r in mine}
                    first = ordered[0] if ordered else None
                    for day in every_distinct_day(model):
                        got = queries.position_at(conn, actor, series, day)
                        assert implied_by_changes(steps, first, mine_by_id, day) == got["stance"], (name, series, day)
                        definite = [r for r in ordered if bounds(r)[1] <= day]
                        expected = set()
                        if definite:
                            chosen = definite[-1]
                            assert got["record"]["id"] == chosen["id"], (name, series, day)
                            expected = {r["id"] for r in definite[:-1]
                                        if r["rolled"] != chosen["rolled"] and share_a_day(r, chosen)}
                        assert {r["id"] for r in got["uncertain_order"]} == expected, (name, series, day)
        finally:
            line.close()
