"""The fast transcoder writes exactly the bytes of the library's own JSONTranscoder, and a store it
wrote reads back through the plain library."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

from eventsourcing.persistence import DatetimeAsISO, DecimalAsStr, JSONTranscoder, UUIDAsHex
from hypothesis import given, settings
from hypothesis import strategies as st

from events.dates import PartialDate
from timeline.store.application import DateAsISO, FastJSONTranscoder, PartialDateAsISO


def pair() -> tuple[JSONTranscoder, FastJSONTranscoder]:
    made = []
    for cls in (JSONTranscoder, FastJSONTranscoder):
        transcoder = cls()
        for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO(), PartialDateAsISO(), DateAsISO()):
            transcoder.register(transcoding)  # the library's and ours, as TimelineApp registers them
        made.append(transcoder)
    return made[0], made[1]


PLAIN, FAST = pair()
values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(), st.floats(allow_nan=False),
    st.lists(st.text(), max_size=3), st.dictionaries(st.text(), st.text() | st.integers(), max_size=3),
    st.just(PartialDate.parse("2024-05")), st.dates(), st.datetimes(timezones=st.just(UTC)), st.uuids(),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(), values, max_size=8))
def test_fast_transcoder_writes_the_same_bytes_as_the_library(state):
    encoded = FAST.encode(state)
    assert encoded == PLAIN.encode(state)
    assert PLAIN.decode(encoded) == state


def test_a_record_event_state_takes_the_fast_path_and_matches():
    state = {"timestamp": datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=UTC), "originator_topic": "events.records:Record",
             "record_id": "2024-05-keir-starmer-statement", "actor_id": uuid4(), "topic": "return-hubs",
             "date": PartialDate.parse("2024-05-16"), "on": date(2024, 5, 1), "summary": 'Said "no"\n\u2028 ünïcode \x7f\x01',
             "quote": None, "aliases": ["A", "B"], "extra": {}}
    assert FAST.encode(state) == PLAIN.encode(state)


def test_a_store_written_with_the_fast_transcoder_verifies_through_the_library(tmp_path):
    from tests.conftest import library_events
    from timeline.tracker import Tracker

    store = tmp_path / "t.sqlite"
    tracker = Tracker(str(store))
    tracker.add_actor("Keir Starmer")
    tracker.add_topic("return-hubs")
    tracker.add_record(actor="Keir Starmer", topic="return-hubs", kind="statement", stance="support",
                       date=PartialDate.parse("2025-05-16"), summary="Backed return hubs")
    tracker.close()

    events = library_events(store)
    assert any(getattr(e, "summary", None) == "Backed return hubs" for e in events)
