"""The eventsourcing Application behind every store, and the transcodings its events need.

Kept apart from the `timeline.store` package face so that finding and checking a store imports no eventsourcing:
a read whose view is already current never loads the library.
"""

from __future__ import annotations

from datetime import date

from eventsourcing.application import Application
from eventsourcing.persistence import Transcoder, Transcoding

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


class TimelineApp(Application):
    """The event-sourced application: aggregates in, stored events out."""

    name = "timeline"

    def register_transcodings(self, transcoder: Transcoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(PartialDateAsISO())
        transcoder.register(DateAsISO())
