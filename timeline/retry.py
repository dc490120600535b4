"""How a writer that lost a race tries again: for a bounded time, with short jittered pauses; and
what it says when trying again is pointless (the store refused a plan that no other writer's
events can change)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

RETRY_SECONDS = 30.0  # how long a command keeps re-planning while other writers win the race


def attempts(seconds: float | None = None) -> Iterator[int]:
    """Attempt numbers 0, 1, 2… until the deadline, with a short jittered pause between them.

    Used by commands that re-plan after another writer saved first; when the deadline passes the
    caller's for-else says so in one sentence.
    """
    import random
    import time

    limit = RETRY_SECONDS if seconds is None else seconds
    deadline = time.monotonic() + limit
    attempt = 0
    while True:
        yield attempt
        attempt += 1
        if time.monotonic() >= deadline:
            return
        time.sleep(random.uniform(0, min(0.05, 0.002 * attempt)))


CONTENDED = "other writers kept changing the same data for {:.0f} seconds; try the command again"


def pending_events(items: Iterable[Any]) -> list[Any]:
    """The new events of aggregates (collected: they leave the aggregates), and events given as such
    (a creation event made without an aggregate object, as a bulk import makes them)."""
    events: list[Any] = []
    for item in items:
        if item is None:
            continue
        if hasattr(item, "collect_events"):
            events.extend(item.collect_events())
        else:
            events.append(item)
    return events


def clash(app: Any, conn: sqlite3.Connection, events: list[Any]) -> str:
    """One sentence for a save the store refused although no writer saved anything since the plan
    was made: an aggregate in the store already has the id or the version the plan meant to take."""
    from timeline import queries

    first: dict[Any, Any] = {}
    for event in events:
        first.setdefault(event.originator_id, event)
    for uuid, event in first.items():
        stored = app.recorder.select_events(uuid, desc=True, limit=1)
        if not stored or stored[0].originator_version < event.originator_version:
            continue
        kind = type(event).__qualname__.split(".")[0].lower()
        label = next((f" '{getattr(event, f)}'" for f in ("name", "slug", "title", "record_id") if hasattr(event, f)), "")
        if event.originator_version == 1:
            holder = queries.names_by_uuid(conn, [uuid.hex]).get(uuid.hex) if kind == "actor" else None
            now = f" (now called {holder})" if holder and label != f" '{holder}'" else ""
            return (f"nothing was written: the new {kind}{label} would take the id of another {kind} in the "
                    f"store{now}, so trying again would fail the same way")
        return (f"nothing was written: the store holds version {stored[0].originator_version} of {kind} {uuid.hex[:8]}, "
                f"but this command planned from version {event.originator_version - 1} although its read model is "
                "current; run 'timeline rebuild' and try again")
    return "nothing was written: the store refused this change, and trying again would fail the same way"
