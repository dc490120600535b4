"""The event log as people read it (`timeline log`): every domain event in record order, plainly."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from events.dates import PartialDate
from timeline import queries
from timeline.dates import utc_iso
from timeline.errors import InputError


def log(tracker: Any, *, after: int = 0, limit: int | None = None, last: int | None = None,
        topics: Sequence[str] = ()) -> Iterator[dict[str, Any]]:
    """Domain events in record order, as `log --json` prints them: those recorded after position
    `after`, of the stored `topics` (every kind when empty: see event_topics), the first `limit` or
    the `last` few."""
    conn = tracker.reader()
    app = tracker.app()
    start, stop = after, None
    if last is not None:  # up to the newest event when asked, not one recorded while answering
        stop = app.recorder.max_notification_id() or 0
        start = _last_start(app.recorder, last, topics, after, stop)
    given = 0
    while limit is None or given < limit:
        batch = 1000 if limit is None else min(1000, limit - given)
        notifications = app.recorder.select_notifications(start=start, limit=batch, stop=stop, topics=topics,
                                                          inclusive_of_start=False)
        if not notifications:
            return
        ids = queries.names_by_uuid(conn, (n.originator_id.hex for n in notifications))
        for notification in notifications:
            yield _event(app, notification, ids)
        given += len(notifications)
        start = notifications[-1].id


def _last_start(recorder: Any, last: int, topics: Sequence[str], after: int, top: int) -> int:
    """The position after which the `last` most recent events up to `top` (of `topics`, after
    `after`) begin: read backwards in widening windows (positions may have gaps: a PostgreSQL
    sequence skips a number for each transaction rolled back)."""
    width = last
    while True:
        start = max(after, top - width)
        found = [n.id for n in recorder.select_notifications(start=start, limit=width + 1, stop=top, topics=topics,
                                                              inclusive_of_start=False)]
        if len(found) >= last:
            return found[len(found) - last - 1] if len(found) > last else start
        if start == after:
            return after
        width *= 4


def _event(app: Any, notification: Any, ids: dict[str, str]) -> dict[str, Any]:
    event = app.mapper.to_domain_event(notification)
    data = {
        key: _plain(value)
        for key, value in vars(event).items()
        if key not in ("originator_id", "originator_version", "timestamp", "originator_topic")
    }
    return {
        "position": notification.id,
        "recorded_at": utc_iso(event.timestamp),
        "event": type(event).__name__,
        "id": ids.get(event.originator_id.hex, str(event.originator_id)),
        "data": data,
    }


def event_kinds() -> dict[str, str]:
    """Every kind of domain event a log can hold: `Aggregate.Event` → its stored topic."""
    from eventsourcing.domain import DomainEvent
    from eventsourcing.utils import get_topic

    import events.actors
    import events.offices
    import events.records
    import events.topics

    classes: dict[str, type] = {}
    for module in (events.actors, events.offices, events.records, events.topics):
        for aggregate in vars(module).values():
            if not isinstance(aggregate, type) or aggregate.__module__ != module.__name__:
                continue
            for name, value in vars(aggregate).items():
                if isinstance(value, type) and issubclass(value, DomainEvent) and not name.startswith("_"):
                    classes[f"{aggregate.__name__}.{value.__name__}"] = value
    # Never stored themselves: the bases (a record's Made) and the library's own Event and Created,
    # which it gives every aggregate (ours each create by an event of their own: Registered, …).
    bases = {base for cls in classes.values() for base in cls.__mro__[1:]}
    return {kind: get_topic(cls) for kind, cls in classes.items()
            if cls not in bases and kind.split(".")[1] not in ("Event", "Created")}


def event_topics(names: Sequence[str]) -> tuple[str, ...]:
    """The stored topics of the events named (`StatementMade`, or `Actor.Registered` to tell two of
    one name apart); an unknown name is an InputError naming the kinds there are."""
    kinds = event_kinds()
    topics: list[str] = []
    for name in names:
        matches = [topic for kind, topic in kinds.items() if name in (kind, kind.split(".", 1)[1])]
        if not matches:
            import difflib

            plain = sorted({kind.split(".", 1)[1] for kind in kinds})
            prefix = name.split(".", 1)[0] + "." if "." in name else ""
            own = sorted(kind for kind in kinds if prefix and kind.startswith(prefix))
            tail = name.split(".", 1)[-1]
            close = [(prefix if own else "") + word
                     for word in difflib.get_close_matches(tail, [k.split(".", 1)[1] for k in own] or plain, n=1)]
            hint = f"did you mean {close[0]}? " if close else (f"the {prefix[:-1]} kinds are {', '.join(own)}; " if own else "")
            raise InputError(f"no kind of event is called {name!r}: {hint}the kinds are {', '.join(plain)} "
                             "(Actor., Topic., Office. or Record. before one tells two of one name apart, "
                             "e.g. Actor.Registered)")
        topics += matches
    return tuple(dict.fromkeys(topics))


def _plain(value: Any) -> Any:
    from uuid import UUID

    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (PartialDate, UUID, datetime)):
        return str(value)
    return value
