"""Actors and topics: resolving what a user typed, listing them, the topic tree."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from events.text import normalise
from timeline.errors import DomainError


@dataclass(frozen=True)
class ActorRef:
    uuid: str
    name: str
    kind: str


# -- actors and topics ---------------------------------------------------------------------------


def match_actor(conn: sqlite3.Connection, text: str) -> list[ActorRef]:
    """Actors whose canonical name, else whose alias, matches `text` (case-insensitively)."""
    key = normalise(text)
    rows = conn.execute("SELECT uuid, name, kind FROM actors WHERE name_norm=?", (key,)).fetchall()
    if not rows:
        rows = conn.execute(
            "SELECT a.uuid, a.name, a.kind FROM aliases al JOIN actors a ON a.uuid = al.actor_uuid "
            "WHERE al.alias_norm=? ORDER BY a.name",
            (key,),
        ).fetchall()
    return [ActorRef(*row) for row in rows]


def near_actors(conn: sqlite3.Connection, text: str) -> list[str]:
    """Canonical names of actors whose name or alias is close to `text` (for "did you mean")."""
    key = normalise(text)
    names: dict[str, str] = {}
    for norm, name in conn.execute("SELECT name_norm, name FROM actors"):
        names[norm] = name
    for norm, name in conn.execute(
        "SELECT al.alias_norm, a.name FROM aliases al JOIN actors a ON a.uuid = al.actor_uuid"
    ):
        names.setdefault(norm, name)
    import difflib

    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.75)
    close += [norm for norm in names if key and len(key) >= 3 and key in norm.split()]
    return sorted({names[norm] for norm in close})


def ambiguity(text: str, candidates: list[ActorRef]) -> DomainError:
    listed = ", ".join(c.name for c in candidates)
    return DomainError(f"'{text}' is ambiguous: it may mean {listed}; use the full name")


def resolve_actor(conn: sqlite3.Connection, text: str) -> ActorRef:
    """The one actor `text` names, or DomainError (unknown, with suggestions; or ambiguous)."""
    found = match_actor(conn, text)
    if len(found) == 1:
        return found[0]
    if found:
        raise ambiguity(text, found)
    near = near_actors(conn, text)
    hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    raise DomainError(f"unknown actor '{text}'{hint}")


def topic_exists(conn: sqlite3.Connection, slug: str) -> bool:
    return conn.execute("SELECT 1 FROM topics WHERE slug=?", (slug,)).fetchone() is not None


def near_topics(conn: sqlite3.Connection, slug: str) -> list[str]:
    import difflib

    slugs = [row[0] for row in conn.execute("SELECT slug FROM topics")]
    return difflib.get_close_matches(slug, slugs, n=3, cutoff=0.75)


def unknown_topic(conn: sqlite3.Connection, slug: str, advice: str = "") -> DomainError:
    """The error for a slug no topic has, suggesting close ones and what to do."""
    near = near_topics(conn, slug)
    hint = f"; did you mean {' or '.join(near)}?" if near else ""
    return DomainError(f"unknown topic '{slug}'{hint}" + (f" ({advice})" if advice else ""))


def resolve_topic(conn: sqlite3.Connection, slug: str) -> str:
    if topic_exists(conn, slug):
        return slug
    raise unknown_topic(conn, slug)


def subtree(conn: sqlite3.Connection, slug: str) -> list[str]:
    """The topic and all topics below it."""
    rows = conn.execute(
        "WITH RECURSIVE t(slug) AS (SELECT ? UNION SELECT topics.slug FROM topics JOIN t ON topics.parent = t.slug) "
        "SELECT slug FROM t",
        (slug,),
    ).fetchall()
    return [row[0] for row in rows]


def list_actors(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    aliases: dict[str, list[str]] = {}
    for uuid, alias in conn.execute("SELECT actor_uuid, alias FROM aliases ORDER BY rowid"):
        aliases.setdefault(uuid, []).append(alias)
    roles: dict[str, list[dict[str, Any]]] = {}
    for uuid, role, on in conn.execute("SELECT actor_uuid, role, on_date FROM roles ORDER BY position"):
        roles.setdefault(uuid, []).append({"role": role, "on": on})
    counts = dict(
        conn.execute(
            "SELECT actor_uuid, COUNT(*) FROM records WHERE status != 'retracted' GROUP BY actor_uuid"
        ).fetchall()
    )
    return [
        {
            "name": name,
            "kind": kind,
            "aliases": aliases.get(uuid, []),
            "roles": roles.get(uuid, []),
            "records": counts.get(uuid, 0),
        }
        for uuid, name, kind in conn.execute("SELECT uuid, name, kind FROM actors ORDER BY name_norm")
    ]


def first_seen(conn: sqlite3.Connection) -> dict[str, int]:
    """Each actor's name → the log position of its first record (the order a story meets them)."""
    return dict(conn.execute("SELECT a.name, MIN(r.seq) FROM actors a JOIN records r ON r.actor_uuid = a.uuid GROUP BY a.uuid"))


def list_topics(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    counts = dict(
        conn.execute("SELECT topic, COUNT(*) FROM records WHERE status != 'retracted' GROUP BY topic").fetchall()
    )
    return [
        {"slug": slug, "title": title, "parent": parent, "records": counts.get(slug, 0)}
        for slug, title, parent in conn.execute("SELECT slug, title, parent FROM topics ORDER BY slug")
    ]


# -- records -------------------------------------------------------------------------------------


def actor_exists(conn: sqlite3.Connection, uuid: str) -> bool:
    return conn.execute("SELECT 1 FROM actors WHERE uuid=?", (uuid,)).fetchone() is not None


def ancestors(conn: sqlite3.Connection, slug: str) -> set[str]:
    """The topic and every topic above it."""
    seen: set[str] = set()
    current: str | None = slug
    while current and current not in seen:
        seen.add(current)
        row = conn.execute("SELECT parent FROM topics WHERE slug=?", (current,)).fetchone()
        current = row[0] if row else None
    return seen


def names_by_uuid(conn: sqlite3.Connection) -> dict[str, str]:
    """Every record's id, actor's name and topic's slug by aggregate uuid (hex): for the log."""
    ids = {row[0]: row[1] for row in conn.execute("SELECT uuid, id FROM records")}
    ids.update({row[0]: row[1] for row in conn.execute("SELECT uuid, name FROM actors")})
    ids.update({row[0]: row[1] for row in conn.execute("SELECT uuid, slug FROM topics")})
    return ids


def topic_row(conn: sqlite3.Connection, slug: str) -> dict[str, Any] | None:
    """A topic's title and parent, or None when there is no such topic."""
    row = conn.execute("SELECT title, parent FROM topics WHERE slug=?", (slug,)).fetchone()
    return {"title": row[0], "parent": row[1]} if row else None
