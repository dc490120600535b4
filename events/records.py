"""Records: one per thing an actor said or did. Never updated in place, never deleted."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

from events.dates import PartialDate
from events.recordfields import CORRECTABLE, Refused, check_fields, check_record_id, record_uuid
from events.text import check_text
from events.vocabulary import EVENT_OF_KIND_NAME, KIND_OF_EVENT, Kind, Stance

# The field checks and the aggregate id live in events.recordfields (no eventsourcing); they are
# re-exported here for the code that imports them with the aggregate.
__all__ = ["CORRECTABLE", "EVENT_OF_KIND", "Record", "Refused", "check_fields", "check_record_id", "record_uuid"]


class Record(Aggregate):
    """What one actor said or did about one topic, on a (possibly partial) date, with its source."""

    class Made(Aggregate.Created):
        """Base of the creation events; the subclass names the kind."""

        record_id: str
        actor_id: UUID
        topic: str
        stance: str
        date: PartialDate
        summary: str
        quote: str | None
        source: str | None
        source_url: str | None
        extra: dict[str, Any]
        # Optional links, added after the first databases were written: events stored without them
        # decode with these class defaults (eventsourcing restores an event's __dict__ only).
        responds_to: str | None = None  # the public id of the record this one answers
        target_id: UUID | None = None  # the actor addressed or criticised

        def apply(self, record: Record) -> None:
            record.kind = KIND_OF_EVENT[type(self).__name__]

    class StatementMade(Made):
        pass

    class DecisionTaken(Made):
        pass

    class ProposalMade(Made):
        pass

    class ProposalRefused(Made):
        pass

    class PolicyReversed(Made):
        pass

    class RulingIssued(Made):
        pass

    class AgreementSigned(Made):
        pass

    class CriticismVoiced(Made):
        pass

    class Corrected(Aggregate.Event):
        changes: dict[str, Any]
        reason: str

        def apply(self, record: Record) -> None:
            for field, value in self.changes.items():
                setattr(record, field, value)
            record.corrections += 1

    class Retracted(Aggregate.Event):
        reason: str

        def apply(self, record: Record) -> None:
            record.retracted = True

    def __init__(
        self,
        record_id: str,
        actor_id: UUID,
        topic: str,
        stance: str,
        date: PartialDate,
        summary: str,
        quote: str | None,
        source: str | None,
        source_url: str | None,
        extra: dict[str, Any],
        responds_to: str | None = None,
        target_id: UUID | None = None,
    ) -> None:
        self.record_id = record_id
        self.actor_id = actor_id
        self.topic = topic
        self.kind: str = ""  # set by the creation event's apply(): its class names the kind
        self.stance = stance
        self.date = date
        self.summary = summary
        self.quote = quote
        self.source = source
        self.source_url = source_url
        self.extra = extra
        self.responds_to = responds_to
        self.target_id = target_id
        self.corrections = 0
        self.retracted = False

    @classmethod
    def make(
        cls,
        *,
        record_id: str,
        actor_id: UUID,
        topic: str,
        kind: Kind | str,
        stance: Stance | str,
        date: PartialDate,
        summary: str,
        quote: str | None = None,
        source: str | None = None,
        source_url: str | None = None,
        extra: dict[str, Any] | None = None,
        responds_to: str | None = None,
        target_id: UUID | None = None,
    ) -> Record:
        """Create a record; the creation event's class says which kind of thing happened."""
        fields = check_fields(
            dict(
                kind=kind, stance=stance, date=date, summary=summary, quote=quote,
                source=source, source_url=source_url, topic=topic, extra=extra or {},
                responds_to=responds_to, target_id=target_id,
            )
        )
        record_id = check_record_id(record_id)
        if fields["responds_to"] == record_id:
            raise ValueError(f"record {record_id} cannot respond to itself")
        kind = fields.pop("kind")
        return cls._create(
            EVENT_OF_KIND[kind], id=record_uuid(record_id), record_id=record_id, actor_id=actor_id, **fields
        )

    @classmethod
    def made_event(cls, *, record_id: str, actor_id: UUID, fields: dict[str, Any]) -> Record.Made:
        """Only the creation event of a new record, for bulk import (no aggregate object).

        `fields` must come from `check_fields` (topic, kind, stance, date, summary, quote,
        source, source_url, extra, and optionally responds_to, target_id); the event is the one
        `make()` would have triggered.
        """
        fields = dict(fields)
        event_class = EVENT_OF_KIND[fields.pop("kind")]
        return event_class(
            originator_id=record_uuid(record_id),
            originator_version=cls.INITIAL_VERSION,
            timestamp=event_class.create_timestamp(),
            originator_topic=_RECORD_TOPIC,
            record_id=record_id,
            actor_id=actor_id,
            **fields,
        )

    def correct(self, changes: dict[str, Any], reason: str) -> dict[str, Any]:
        """Append a correction of the fields that really change; returns them (empty: nothing done)."""
        if self.retracted:
            raise Refused(f"record {self.record_id} is retracted and cannot be corrected")
        reason = check_text(reason, "reason", required=True)
        unknown = set(changes) - set(CORRECTABLE)
        if unknown:
            raise ValueError(f"cannot correct {', '.join(sorted(unknown))}")
        checked = check_fields(changes)
        effective = {k: v for k, v in checked.items() if getattr(self, k) != v}
        if effective:
            self.trigger_event(self.Corrected, changes=effective, reason=reason)
        return effective

    def retract(self, reason: str) -> None:
        if self.retracted:
            raise Refused(f"record {self.record_id} is already retracted")
        self.trigger_event(self.Retracted, reason=check_text(reason, "reason", required=True))

    @property
    def status(self) -> str:
        if self.retracted:
            return "retracted"
        return "corrected" if self.corrections else "active"


_RECORD_TOPIC = get_topic(Record)
EVENT_OF_KIND: dict[str, type[Record.Made]] = {
    kind: getattr(Record, name) for kind, name in EVENT_OF_KIND_NAME.items()
}
