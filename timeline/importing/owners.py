"""Whose record an import line is: its actor (or target) resolved by name, office or alias."""

from __future__ import annotations

from typing import Any

from events import actor_id
from events.text import normalise
from timeline import queries
from timeline.errors import DomainError
from timeline.importing.validate import Line


def owner_key(line: Line, name: str | None, offices: frozenset[str]) -> str:
    """How a line's actor (or `name`, its target) is cached while importing: by name, and by name and
    date when the name is an office's (its holder depends on the record's date)."""
    key = normalise(name or line.actor)
    return f"{key}@{line.fields['date']}" if key in offices else key


def owner_of(conn: Any, line: Line, name: str | None = None) -> tuple[str, bool]:
    """The uuid of the actor a line names, and whether it exists yet; `name` instead of the line's
    actor (its target). An exact canonical name, else an office's title or alias resolved to whoever
    held it over the whole of the line's date (as `add` does), else an alias; else a new actor."""
    name = name or line.actor
    found = queries.match_actor(conn, name, follow_merges=False)  # a merged duplicate keeps its records
    exact = [ref for ref in found if normalise(ref.name) == normalise(name)]
    if not exact and queries.match_office(conn, name):
        try:
            holder = queries.resolve_for_record(conn, name, line.fields["date"])
        except DomainError as error:
            raise DomainError(f"line {line.number}: {error}") from None
        if holder is not None:
            return holder.uuid, True
    if len(found) > 1:
        raise DomainError(f"line {line.number}: {queries.ambiguity(name, found)}")
    return (found[0].uuid, True) if found else (actor_id(name).hex, False)
