"""Whose record an import line is: its actor (or target) resolved by name, office or alias; its
comparable content; and, for a line without an id, the stored record it repeats or seems to edit."""

from __future__ import annotations

import json
from typing import Any

from events.actors import first_free_actor_id
from events.text import normalise
from timeline import queries
from timeline.errors import DomainError
from timeline.importing.validate import Line
from timeline.record_ids import date_part, id_bases


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
    if found:
        return found[0].uuid, True
    # a new actor: the first id of its name no stored actor has (a renamed actor keeps the name's first)
    return first_free_actor_id(name, lambda uuid: queries.actor_exists(conn, uuid.hex)).hex, False


def content_of(fields: dict[str, Any], owner: str, target: str | None = None) -> dict[str, Any]:
    """The comparable content of a record: what makes a re-imported line 'the same'."""
    return {
        "actor_uuid": owner, "topic": fields["topic"], "kind": fields["kind"], "stance": fields["stance"],
        "date": str(fields["date"]), "summary": fields["summary"], "quote": fields["quote"],
        "source": fields["source"], "source_url": fields["source_url"],
        "extra": json.dumps(fields["extra"], ensure_ascii=False, sort_keys=True),
        "responds_to": fields.get("responds_to"), "target_uuid": target,
    }


def stored_content(row: Any) -> dict[str, Any]:
    return {key: row[key] for key in (
        "actor_uuid", "topic", "kind", "stance", "date", "summary", "quote", "source", "source_url", "extra",
        "responds_to", "target_uuid",
    )}


def family(conn: Any, line: Line, owner: str) -> tuple[str, list[Any]]:
    """The readable id base of a line without an id, and the stored records of its id family."""
    base = f"{date_part(line.fields['date'])}-{slug_of(conn, owner, line.actor)}-{line.fields['kind']}"
    return base, [row for known in id_bases(base, line.fields["date"]) for row in queries.id_family(conn, known)]


def looks_like_an_edit(line: Line, edited: Any, content: dict[str, Any]) -> str:
    other = ", ".join(k for k, v in content.items() if stored_content(edited)[k] != v)
    return (f"line {line.number}: looks like an edit of record {edited['id']} (same actor, topic, date and kind; "
            f"other {other}); to change it give the line the id {edited['id']} and use --update, to add another "
            "record give it an id of its own")


def slug_of(conn: Any, owner: str, fallback: str) -> str:
    from events import slugify

    row = conn.execute("SELECT name FROM actors WHERE uuid=?", (owner,)).fetchone()
    return slugify(row[0] if row else fallback)


EDIT_CLUES = ("summary", "quote", "source_url")


def edited(family: list[Any], content: dict[str, Any], mine: set[str]) -> Any:
    """The stored record a line without an id seems to edit: one of its readable-id family
    (same date, actor and kind) with the same topic that shares its summary, quote or source URL,
    recorded before this import (records this import added are its own lines)."""
    for row in family:
        if row["id"] in mine or row["topic"] != content["topic"]:
            continue
        stored = stored_content(row)
        if any(content.get(k) and stored.get(k) == content.get(k) for k in EDIT_CLUES):
            return row
    return None



def same_record(row: Any, content: dict[str, Any], line: Line) -> bool:
    """A stored record that a line without an id repeats: the same content, and not active where the
    line says retracted (an active line repeats a record retracted since, as re-importing a source does)."""
    return stored_content(row) == content and (not line.retracted or row["status"] == "retracted")
