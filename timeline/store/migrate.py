"""Copy one event log into another store (`timeline migrate`), typically a personal SQLite file
into the team's PostgreSQL database.

Stored events are copied as they are — aggregate id, version, topic and the encoded state, which
holds the record time — in the source's order, in batches of one transaction each, so record
times, history and `--known-at` answers survive the move. Events the target already holds are
skipped when identical, so migrating again (or after an interruption) copies only what is
missing. The same aggregate version with other content is a conflict: two logs that created the
same actor, topic or record independently (ids are derived from names) cannot be merged event by
event. Then nothing is copied and the conflicts are named; `timeline export --format jsonl` and
`timeline import` merge such logs record by record instead (with new record times).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from timeline.errors import DomainError, InputError

BATCH = 1000
MAX_SHOWN = 10
RETRIES = 8


@dataclass
class Migration:
    source: str
    target: str
    copied: int = 0
    skipped: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "copied": self.copied, "skipped": self.skipped}


def migrate(
    source: str, target: str, *, batch: int = BATCH, progress: Callable[[int], None] | None = None
) -> Migration:
    """Copy every event of `source` that `target` lacks; the target store is created if needed."""
    from timeline.store import open_store, redact, store_identity

    if store_identity(source) == store_identity(target):
        raise InputError(f"the source and the target are the same store ({redact(source)})")
    result = Migration(source=redact(source), target=redact(target))
    src = open_store(source, create=False)
    try:
        dst = open_store(target, create=True)
        try:
            _copy(src, dst, result, batch=batch, progress=progress)
        finally:
            dst.close()
    finally:
        src.close()
    return result


def _copy(src: Any, dst: Any, result: Migration, *, batch: int, progress: Callable[[int], None] | None) -> None:
    present: set[tuple[Any, int]] = set()
    if dst.recorder.max_notification_id():
        # Look before writing anything: a conflict anywhere means nothing is copied.
        conflicts: list[Any] = []
        for notifications in _batches(src.recorder, batch):
            same, different = _compare(dst.recorder, notifications)
            present |= same
            conflicts += different
        if conflicts:
            raise DomainError(_conflict_message(src, conflicts, result.target))
    for notifications in _batches(src.recorder, batch):
        new = [n for n in notifications if (n.originator_id, n.originator_version) not in present]
        copied = _insert(dst, new, result)
        result.copied += copied
        result.skipped += len(notifications) - copied
        if progress:
            progress(len(notifications))


def _batches(recorder: Any, batch: int) -> Iterator[Sequence[Any]]:
    start = 0
    while True:
        notifications = recorder.select_notifications(start=start, limit=batch, inclusive_of_start=False)
        if not notifications:
            return
        yield notifications
        start = notifications[-1].id


def _compare(recorder: Any, notifications: Sequence[Any]) -> tuple[set[tuple[Any, int]], list[Any]]:
    """Which of these events the target holds already: (identical keys, conflicting events)."""
    by_aggregate: dict[Any, list[Any]] = {}
    for notification in notifications:
        by_aggregate.setdefault(notification.originator_id, []).append(notification)
    same: set[tuple[Any, int]] = set()
    different: list[Any] = []
    for originator_id, events in by_aggregate.items():
        versions = [e.originator_version for e in events]
        stored = {
            s.originator_version: s
            for s in recorder.select_events(originator_id, gt=min(versions) - 1, lte=max(versions))
        }
        for event in events:
            there = stored.get(event.originator_version)
            if there is None:
                continue
            if there.topic == event.topic and bytes(there.state) == bytes(event.state):
                same.add((originator_id, event.originator_version))
            else:
                different.append(event)
    return same, different


def _insert(dst: Any, notifications: Sequence[Any], result: Migration) -> int:
    """Insert in one transaction; if a concurrent writer got some of them in first, skip those."""
    from eventsourcing.persistence import IntegrityError, StoredEvent

    pending = list(notifications)
    for _ in range(RETRIES):
        if not pending:
            return 0
        try:
            dst.recorder.insert_events([
                StoredEvent(originator_id=n.originator_id, originator_version=n.originator_version, topic=n.topic, state=n.state)
                for n in pending
            ])
            return len(pending)
        except IntegrityError:
            same, different = _compare(dst.recorder, pending)
            if different:
                raise DomainError(
                    f"another writer added different events for the same aggregates to {result.target} during the "
                    f"migration ({result.copied} events were copied; run the migration again to see which)"
                ) from None
            pending = [n for n in pending if (n.originator_id, n.originator_version) not in same]
    raise DomainError("other writers kept changing the target store; run the migration again")


def _conflict_message(src: Any, conflicts: list[Any], target: str) -> str:
    versions: dict[Any, list[int]] = {}
    for event in conflicts:
        versions.setdefault(event.originator_id, []).append(event.originator_version)
    names = [
        f"{_describe(src, originator_id)} ({_versions(found)})"
        for originator_id, found in list(versions.items())[:MAX_SHOWN]
    ]
    more = f" and {len(versions) - MAX_SHOWN} more" if len(versions) > MAX_SHOWN else ""
    return (
        f"nothing migrated: {len(conflicts)} event{'s' if len(conflicts) != 1 else ''} conflict with different ones "
        f"already in {target}, of {', '.join(names)}{more}. Both logs created these independently; merge them "
        "record by record with 'timeline export --format jsonl' and 'timeline import' instead"
    )


def _versions(found: list[int]) -> str:
    low, high = min(found), max(found)
    return f"version {low}" if low == high else f"versions {low}-{high}"


def _describe(app: Any, originator_id: Any) -> str:
    """'actor 'Keir Starmer'', 'topic 'return-hubs'', 'record 'x'': what an aggregate id stands for."""
    first = app.recorder.select_events(originator_id, lte=1)
    if first:
        event = app.mapper.to_domain_event(first[0])
        for what, attribute in (("record", "record_id"), ("actor", "name"), ("topic", "slug")):
            if hasattr(event, attribute):
                return f"{what} '{getattr(event, attribute)}'"
    return f"aggregate {originator_id}"
