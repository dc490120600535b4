"""Projecting who and what: actors, their aliases and merges, offices and their terms, the topic tree.

Identity is bitemporal like records are: every row of `actor_versions`, `aliases`,
`topic_versions`, `office_aliases` and `terms` holds from `recorded_from` (the record time of the
event that made it) until `recorded_to` (the event that ended it; NULL while it holds), so queries
can see names, aliases, merges, the tree and terms as they stood at any record time. `actors` and
`topics` keep the current state for the common case (no --known-at).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from events.actors import Actor
from events.offices import Office
from events.text import normalise
from events.topics import Topic


def _close(conn: Any, table: str, where: str, args: tuple, when: str) -> None:
    conn.execute(f"UPDATE {table} SET recorded_to=? WHERE {where} AND recorded_to IS NULL", (when, *args))


# -- actors ------------------------------------------------------------------------------------


def _actor_version(conn: Any, uuid: str, when: str) -> None:
    """Close the actor's current version and open one with its current state."""
    _close(conn, "actor_versions", "uuid=?", (uuid,), when)
    conn.execute(
        "INSERT INTO actor_versions SELECT uuid, name, name_norm, kind, merged_into, ?, NULL FROM actors WHERE uuid=?",
        (when, uuid),
    )


def actor_registered(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    p.conn.execute(
        "INSERT INTO actors VALUES (?,?,?,?,?,NULL,NULL)", (uuid, event.name, normalise(event.name), event.kind, when)
    )
    _actor_version(p.conn, uuid, when)


def alias_added(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    p.conn.execute("INSERT INTO aliases VALUES (?,?,?,?,NULL)", (uuid, event.alias, normalise(event.alias), when))


def alias_removed(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    _close(p.conn, "aliases", "actor_uuid=? AND alias_norm=?", (uuid, normalise(event.alias)), when)


def renamed(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    p.conn.execute("UPDATE actors SET name=?, name_norm=? WHERE uuid=?", (event.name, normalise(event.name), uuid))
    _actor_version(p.conn, uuid, when)


def kind_changed(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    p.conn.execute("UPDATE actors SET kind=? WHERE uuid=?", (event.kind, uuid))
    _actor_version(p.conn, uuid, when)


def merged_into(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    p.conn.execute("UPDATE actors SET merged_into=? WHERE uuid=?", (event.actor.hex, uuid))
    _actor_version(p.conn, uuid, when)


def role_recorded(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    p.conn.execute("INSERT INTO roles VALUES (?,?,?,?)", (uuid, event.role, str(event.on) if event.on else None, position))


def actor_external_id(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    if event.scheme == "wikidata":
        p.conn.execute("UPDATE actors SET wikidata=? WHERE uuid=?", (event.value, uuid))


# -- topics ------------------------------------------------------------------------------------


def _topic_version(conn: Any, uuid: str, when: str) -> None:
    slug = conn.execute("SELECT slug FROM topics WHERE uuid=?", (uuid,)).fetchone()[0]
    _close(conn, "topic_versions", "slug=?", (slug,), when)
    conn.execute(
        "INSERT INTO topic_versions SELECT slug, title, parent, polarity, ?, NULL FROM topics WHERE uuid=?", (when, uuid)
    )


def topic_registered(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    p.conn.execute("INSERT INTO topics VALUES (?,?,?,?,?,'same',NULL)", (event.slug, uuid, event.title, event.parent, when))
    _topic_version(p.conn, uuid, when)


def _topic_set(column: str, attribute: str) -> Callable[..., None]:
    def handler(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
        p.conn.execute(f"UPDATE topics SET {column}=? WHERE uuid=?", (getattr(event, attribute), uuid))
        _topic_version(p.conn, uuid, when)

    return handler


def topic_external_id(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    if event.scheme == "wikidata":
        p.conn.execute("UPDATE topics SET wikidata=? WHERE uuid=?", (event.value, uuid))


# -- offices -----------------------------------------------------------------------------------


def office_established(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    p.conn.execute("INSERT INTO offices VALUES (?,?,?,NULL,?)", (uuid, event.title, normalise(event.title), when))


def office_alias_added(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    p.conn.execute("INSERT INTO office_aliases VALUES (?,?,?,?,NULL)", (uuid, event.alias, normalise(event.alias), when))


def office_alias_removed(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    _close(p.conn, "office_aliases", "office_uuid=? AND alias_norm=?", (uuid, normalise(event.alias)), when)


def office_external_id(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    if event.scheme == "wikidata":
        p.conn.execute("UPDATE offices SET wikidata=? WHERE uuid=?", (event.value, uuid))


def _term_row(uuid: str, number: int, holder: str, start: Any, end: Any, when: str) -> tuple:
    return (
        uuid, number, holder, str(start), start.start.isoformat(), start.end.isoformat(),
        str(end) if end else None, end.start.isoformat() if end else None, end.end.isoformat() if end else None,
        when, None,
    )


def term_recorded(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    (number,) = p.conn.execute("SELECT COUNT(DISTINCT number) FROM terms WHERE office_uuid=?", (uuid,)).fetchone()
    p.conn.execute(f"INSERT INTO terms VALUES ({','.join('?' * 11)})",
                   _term_row(uuid, number, event.holder.hex, event.start, event.end, when))


def term_corrected(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    holder = p.conn.execute(
        "SELECT holder_uuid FROM terms WHERE office_uuid=? AND number=? AND recorded_to IS NULL", (uuid, event.term)
    ).fetchone()[0]
    _close(p.conn, "terms", "office_uuid=? AND number=?", (uuid, event.term), when)
    p.conn.execute(f"INSERT INTO terms VALUES ({','.join('?' * 11)})",
                   _term_row(uuid, event.term, holder, event.start, event.end, when))


def term_withdrawn(p: Any, event: Any, uuid: str, position: int, when: str) -> None:
    _close(p.conn, "terms", "office_uuid=? AND number=?", (uuid, event.term), when)


HANDLERS: dict[type, Callable[..., None]] = {
    Actor.Registered: actor_registered,
    Actor.AliasAdded: alias_added,
    Actor.AliasRemoved: alias_removed,
    Actor.Renamed: renamed,
    Actor.KindChanged: kind_changed,
    Actor.MergedInto: merged_into,
    Actor.ExternalIdSet: actor_external_id,
    Actor.RoleRecorded: role_recorded,
    Topic.Registered: topic_registered,
    Topic.Retitled: _topic_set("title", "title"),
    Topic.Moved: _topic_set("parent", "parent"),
    Topic.PolarityChanged: _topic_set("polarity", "polarity"),
    Topic.ExternalIdSet: topic_external_id,
    Office.Established: office_established,
    Office.AliasAdded: office_alias_added,
    Office.AliasRemoved: office_alias_removed,
    Office.ExternalIdSet: office_external_id,
    Office.TermRecorded: term_recorded,
    Office.TermCorrected: term_corrected,
    Office.TermWithdrawn: term_withdrawn,
}
