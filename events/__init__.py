"""The write side of timeline: vocabulary, partial dates, and the Actor, Office, Topic and Record aggregates.

Pure domain code: it imports nothing from the `timeline` application, the CLI or the read model.
Names are loaded on first use, so a read-only command that needs only `events.text` or
`events.vocabulary` does not pay for importing the eventsourcing library.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "Actor": "events.actors", "actor_id": "events.actors",
    "Office": "events.offices", "office_id": "events.offices", "Term": "events.offices",
    "Topic": "events.topics", "topic_id": "events.topics",
    "Record": "events.records", "record_uuid": "events.records", "CORRECTABLE": "events.records",
    "EVENT_OF_KIND": "events.records", "KIND_OF_EVENT": "events.records",
    "PartialDate": "events.dates", "Precision": "events.dates",
    "normalise": "events.text", "slugify": "events.text",
    "ActorKind": "events.vocabulary", "Kind": "events.vocabulary", "Stance": "events.vocabulary",
    "change_grade": "events.vocabulary",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    try:
        module = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module 'events' has no attribute {name!r}") from None
    return getattr(importlib.import_module(module), name)
