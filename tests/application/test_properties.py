"""Property test: position_at agrees with a plain reference implementation of DESIGN.md §3."""

import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import PartialDate
from timeline import queries
from timeline.tracker import Tracker

partial_dates = st.builds(
    lambda y, m, d, precision: PartialDate.of(date(y, m, d), precision),
    # A small calendar, so that ties, overlaps and straddling periods are common.
    st.integers(2020, 2021), st.integers(1, 3), st.integers(1, 3), st.sampled_from(["day", "day", "month", "year"]),
)
stances = st.sampled_from(["support", "oppose", "mixed", "neutral"])
operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), partial_dates, stances),
        st.tuples(st.just("correct"), st.integers(0, 20), st.one_of(partial_dates, stances)),
        st.tuples(st.just("retract"), st.integers(0, 20)),
    ),
    min_size=1,
    max_size=10,
)


def reference(records, day):
    """The rules, written as plainly as possible."""
    live = [r for r in records if not r["retracted"]]
    definite = [r for r in live if r["date"].end <= day]
    best = max(definite, key=lambda r: (r["date"].end, r["seq"])) if definite else None
    possibly = sorted((r for r in live if r["date"].start <= day < r["date"].end),
                      key=lambda r: (r["date"].start, r["date"].end, r["seq"]))
    return (best["id"] if best else None, best["stance"] if best else None, [r["id"] for r in possibly])


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations, days=st.lists(st.one_of(st.dates(date(2020, 1, 1), date(2020, 3, 31)), st.dates(date(2019, 12, 1), date(2022, 1, 1))), min_size=1, max_size=4))
def test_position_at_matches_reference(ops, days):
    with tempfile.TemporaryDirectory() as folder:
        line = Tracker(str(Path(folder) / "t.sqlite"))
        model: list[dict] = []
        snapshots: list[tuple[datetime, list[dict]]] = []
        for op in ops:
            if op[0] == "add":
                _, when, stance = op
                rid = f"r{len(model)}"
                line.add_record(actor="A", topic="t", kind="statement", stance=stance, date=when, summary=rid,
                                record_id=rid, new_actor=True, new_topic=True)
                model.append({"id": rid, "date": when, "stance": stance, "seq": len(model), "retracted": False})
            elif model:
                target = model[op[1] % len(model)]
                if target["retracted"]:
                    continue
                if op[0] == "retract":
                    line.retract(target["id"], "because")
                    target["retracted"] = True
                else:
                    change = {"date": op[2]} if isinstance(op[2], PartialDate) else {"stance": op[2]}
                    key = next(iter(change))
                    if target[key] == change[key]:
                        continue
                    line.correct(target["id"], change, "because")
                    target.update(change)
            time.sleep(0.001)
            snapshots.append((datetime.now(UTC), [dict(r) for r in model]))
            time.sleep(0.001)
        if not model:
            line.close()
            return
        conn = line.reader()
        actor = queries.resolve_actor(conn, "A")
        for day in days:
            for known_at, state in [(None, model), *snapshots]:
                got = queries.position_at(conn, actor, "t", day, known_at=known_at)
                actual = (got["record"]["id"] if got["record"] else None, got["stance"], [r["id"] for r in got["possibly"]])
                assert actual == reference(state, day), (day, known_at)
        line.close()
