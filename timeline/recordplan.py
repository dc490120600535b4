"""Planning one new record against the caught-up read model: shared by `Tracker.add_record` (the full
path, which makes unknown actors and topics) and the lean add (timeline.store.leanadd), which leaves
such records to it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from timeline import queries
from timeline.errors import DomainError
from timeline.record_ids import free_record_id, readable_id


def plan_record(
    conn: sqlite3.Connection, fields: dict[str, Any], actor: str, target: str | None, record_id: str | None,
    created: list[str], unknown_actor: Callable[[str, str], tuple[str, str]], unknown_topic: Callable[[str], None],
) -> tuple[str, str]:
    """Decide a new record against the caught-up read model: its id and its actor's uuid (hex).

    Sets `fields["target_id"]` when there is a target, and adds notices to `created`. An actor or
    target the read model does not know goes to `unknown_actor(name, option)` (which returns the
    uuid and name of the actor it makes, or raises), a topic it does not know to
    `unknown_topic(slug)`: `add` makes them; the lean add (timeline.store.leanadd) leaves such a
    record to it. A response to an unknown record, or an explicit id already taken, is refused.
    """
    from uuid import UUID

    def actor_uuid(name: str, option: str) -> tuple[str, str]:
        found = queries.resolve_for_record(conn, name, fields["date"])  # offices at the record's date
        if found:
            if found.via:
                created.append(f"{option}: {queries.via_notice(found)}")
            return found.uuid, found.name
        return unknown_actor(name, option)

    owner_uuid, owner_name = actor_uuid(actor, "actor")
    if target is not None:
        fields["target_id"] = UUID(actor_uuid(target, "target actor")[0])
    answered = fields.get("responds_to")
    if answered is not None:
        rows = queries.records_by_id(conn, [answered])
        if not rows:
            raise queries.unknown_record(conn, answered, "a record can only respond to one that is recorded")
        if rows[answered]["status"] == "retracted":
            created.append(f"note: {answered}, which this record responds to, is retracted")
        ends, begins = fields["date"].end, rows[answered]["start"]
        if ends is not None and begins and ends.isoformat() < begins:  # wholly before what it answers
            created.append(f"note: this record ({fields['date']}) is dated before {answered} ({rows[answered]['date']}), "
                           "which it responds to; check the dates")
    slug = fields["topic"]
    if not queries.topic_exists(conn, slug):
        unknown_topic(slug)
    rid = record_id or free_record_id(conn, readable_id(fields["date"], owner_name, fields["kind"]))
    if record_id and queries.records_by_id(conn, [record_id]):
        raise DomainError(f"the record id '{record_id}' is already taken")
    return rid, owner_uuid
