"""The event log as people read it (`timeline log`): every domain event in record order, plainly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from events.dates import PartialDate
from timeline import queries
from timeline.dates import utc_iso


def log(tracker: Any) -> Iterator[dict[str, Any]]:
    """Every domain event in record order, as `log --json` prints them."""
    conn = tracker.reader()
    ids = queries.names_by_uuid(conn)
    app = tracker.app()
    start = 0
    while True:
        notifications = app.recorder.select_notifications(start=start, limit=1000, inclusive_of_start=False)
        if not notifications:
            return
        for notification in notifications:
            event = app.mapper.to_domain_event(notification)
            data = {
                key: _plain(value)
                for key, value in vars(event).items()
                if key not in ("originator_id", "originator_version", "timestamp", "originator_topic")
            }
            yield {
                "position": notification.id,
                "recorded_at": utc_iso(event.timestamp),
                "event": type(event).__name__,
                "id": ids.get(event.originator_id.hex, str(event.originator_id)),
                "data": data,
            }
        start = notifications[-1].id


def _plain(value: Any) -> Any:
    from uuid import UUID

    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (PartialDate, UUID, datetime)):
        return str(value)
    return value
