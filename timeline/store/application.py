"""The eventsourcing Application behind every store, and the transcodings its events need.

Kept apart from the `timeline.store` package face so that finding and checking a store imports no eventsourcing:
a read whose view is already current never loads the library.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, Transcoder, Transcoding

from events.dates import PartialDate


class PartialDateAsISO(Transcoding):
    type = PartialDate
    name = "partial_date"

    def encode(self, obj: PartialDate) -> str:
        return str(obj)

    def decode(self, data: str) -> PartialDate:
        return PartialDate.parse(data)


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class FastJSONTranscoder(JSONTranscoder):
    """The library's JSON transcoder, writing the very same bytes about twice as fast with orjson.

    An event's state is a flat dict: its values of registered types (UUID, datetime, dates) are
    replaced by the library's own {"_type_": …, "_data_": …} objects and the dict is dumped by
    orjson (no indentation, non-ASCII as is, the same escapes as `json` with ensure_ascii=False).
    Anything orjson might write differently (floats, huge ints, nested containers with values in
    them) goes through the library's encoder instead, so every stored event reads back through
    the plain JSONTranscoder unchanged (tests/application/test_transcoder.py compares the two).
    Decoding is the library's.
    """

    _PLAIN = (str, int, bool, type(None))

    def encode(self, obj: Any) -> bytes:
        if type(obj) is not dict:
            return super().encode(obj)
        import orjson

        state = {}
        types, plain = self.types, self._PLAIN
        for key, value in obj.items():
            cls = type(value)
            if cls in plain:
                if cls is int and not -(2**63) <= value < 2**63:
                    return super().encode(obj)
                state[key] = value
            elif cls is datetime and value.tzinfo is timezone.utc and type(types.get(datetime)) is DatetimeAsISO:
                # orjson writes a UTC datetime as isoformat() does (RFC 3339, "+00:00", no zero fraction), in C
                state[key] = {"_type_": "datetime_iso", "_data_": value}
            elif cls in types:
                transcoding = types[cls]
                state[key] = {"_type_": transcoding.name, "_data_": transcoding.encode(value)}
            elif (cls is dict or cls is list) and not value:
                state[key] = value
            elif cls is list and all(type(item) is str for item in value):
                state[key] = value
            else:
                return super().encode(obj)
        return orjson.dumps(state)


class TimelineApp(Application):
    """The event-sourced application: aggregates in, stored events out."""

    name = "timeline"

    def construct_transcoder(self) -> Transcoder:
        transcoder = FastJSONTranscoder()
        self.register_transcodings(transcoder)
        return transcoder

    def register_transcodings(self, transcoder: Transcoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(PartialDateAsISO())
        transcoder.register(DateAsISO())
