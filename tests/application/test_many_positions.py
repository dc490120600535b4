"""Property test: `positions_at` (every actor in three statements, what `stances` uses) gives each
actor exactly `position_at`'s answer, on random timelines with sub-topics of inverse polarity,
straddling periods, ties, retractions and actors answering for merged duplicates."""

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import PartialDate
from timeline import queries
from timeline.queries.manypositions import positions_at
from timeline.queries.names import ActorRef, topic_signs
from timeline.tracker import Tracker

partial_dates = st.builds(
    lambda y, m, d, precision: PartialDate.of(date(y, m, d), precision),
    st.integers(2020, 2021), st.integers(1, 3), st.integers(1, 3), st.sampled_from(["day", "day", "month", "year"]),
)
records = st.lists(
    st.tuples(st.sampled_from(["A", "B", "C"]), st.sampled_from(["t", "sub", "inv"]), partial_dates,
              st.sampled_from(["support", "oppose", "mixed", "neutral"]), st.booleans()),
    min_size=1, max_size=12,
)
days = st.lists(st.dates(date(2019, 12, 1), date(2022, 1, 31)), min_size=1, max_size=4)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(records=records, days=days)
def test_positions_at_equals_position_at_for_every_actor(records, days):
    with tempfile.TemporaryDirectory() as folder:
        line = Tracker(str(Path(folder) / "t.sqlite"))
        try:
            line.add_topic("t")
            line.add_topic("sub", parent="t")
            line.add_topic("inv", parent="sub", inverse=True)
            for i, (actor, topic, when, stance, retracted) in enumerate(records):
                line.add_record(actor=actor, topic=topic, kind="statement", stance=stance, date=when, summary=f"r{i}",
                                record_id=f"r{i}", new_actor=True)
                if retracted:
                    line.retract(f"r{i}", "because")
            conn = line.reader()
            refs = [queries.resolve_actor(conn, name) for name in sorted({r[0] for r in records})]
            # An actor answering for a duplicate merged into it (its records count as its own).
            if len(refs) > 1:
                refs = [ActorRef(refs[0].uuid, refs[0].name, refs[0].kind, (refs[0].uuid, refs[1].uuid)), *refs[2:]]
            for topic in ("t", "sub", "inv"):
                signs = topic_signs(conn, topic)
                for day in days:
                    many = positions_at(conn, refs, signs, topic, day)
                    for ref in refs:
                        assert many[ref.uuid] == queries.position_at(conn, ref, topic, day), (ref.name, topic, day)
        finally:
            line.close()
