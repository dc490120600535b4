"""Actor and topic lines of an import file (`"type": "actor"`, `"type": "topic"`, DESIGN.md §6).

They name what records refer to, with everything an export knows of it (title, parent, kind,
aliases), so that export → import reproduces every name. They are applied before the records, in
one transaction; a line that contradicts the store (another title, another parent, another kind)
is a conflict, reported, unless `--update` (which retitles or moves the topic).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from events.text import check_name, check_slug, normalise

ACTOR_KEYS = {"type", "name", "kind", "aliases", "wikidata"}
TOPIC_KEYS = {"type", "slug", "title", "parent", "polarity"}
CSV_NAMES = {"actor": "name", "actor_kind": "kind", "actor_aliases": "aliases", "topic": "slug", "topic_title": "title", "topic_parent": "parent"}


@dataclass
class Identity:
    number: int
    type: str  # actor | topic
    key: str  # the actor's name, or the topic's slug
    kind: str | None = None
    aliases: list[str] = field(default_factory=list)
    title: str | None = None
    parent: str | None = None


def validate_identity(number: int, row: dict[str, Any]) -> Identity:
    """An actor or topic line, checked; ValueError naming every problem."""
    from timeline.importing.rows import Problems, actor_kind_of

    problems = Problems()
    kind = row["type"]
    # A CSV identity row fills the record columns that name the same things (actor_kind → kind, …).
    row = {CSV_NAMES.get(k, k): v for k, v in row.items() if v not in (None, "", [], {})}
    unknown = sorted(set(row) - (ACTOR_KEYS if kind == "actor" else TOPIC_KEYS))
    if unknown:
        problems.found.append(f"{'an' if kind == 'actor' else 'a'} {kind} line has no field {', '.join(map(repr, unknown))}")
    if kind == "actor":
        aliases = row.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [a.strip() for a in aliases.split(";") if a.strip()]
        if not isinstance(aliases, list):
            problems.found.append("aliases must be a list of names")
            aliases = []
        identity = Identity(
            number, "actor", problems.check(check_name, row.get("name"), "name") or "",
            kind=problems.check(actor_kind_of, row["kind"], "kind") if row.get("kind") else None,
            aliases=[problems.check(check_name, a, "alias") for a in aliases],
        )
    else:
        identity = Identity(
            number, "topic", problems.check(check_slug, row.get("slug") if row.get("slug") is not None else "") or "",
            title=problems.check(check_name, row["title"], "title") if row.get("title") else None,
            parent=problems.check(check_slug, row["parent"]) if row.get("parent") else None,
        )
        if identity.parent and identity.parent == identity.key:
            problems.found.append(f"topic {identity.key!r} cannot be its own parent")
    problems.raise_any()
    return identity


def topic_conflicts(conn: Any, slug: str, title: str | None, parent: str | None, where: str) -> list[str]:
    """How a line's title and parent for an existing topic contradict the store (empty: they agree)."""
    from timeline import queries

    stored = queries.topic_row(conn, slug)
    if stored is None:
        return []
    found = []
    if title is not None and title != stored["title"]:
        found.append(f"{where}: topic {slug} has the title {stored['title']!r}, not {title!r}")
    if parent is not None and parent != stored["parent"]:
        now = f"is under {stored['parent']}" if stored["parent"] else "is a top-level topic"
        found.append(f"{where}: topic {slug} {now}, not under {parent}")
    return found


def plan_identities(timeline: Any, conn: Any, lines: list[Identity], *, update: bool) -> tuple[list[Any], int]:
    """The aggregates that make the store agree with the file's actor and topic lines; DomainError
    listing every contradiction (unless --update, which retitles and moves topics)."""
    from events import Actor, Topic, actor_id
    from events.topics import topic_id
    from timeline import queries
    from timeline.errors import DomainError

    app = timeline.app()
    aggregates: dict[Any, Any] = {}
    conflicts: list[str] = []
    for line in lines:
        where = f"line {line.number}"
        if line.type == "actor":
            found = queries.match_actor(conn, line.key)
            exact = [a for a in found if normalise(a.name) == normalise(line.key)]
            if exact:
                actor = aggregates.get(actor_id(exact[0].name)) or app.repository.get(actor_id(exact[0].name))
                if line.kind and actor.kind != line.kind:
                    conflicts.append(f"{where}: {actor.name} is registered as a {actor.kind}, not a {line.kind}")
                    continue
            else:
                actor = aggregates.get(actor_id(line.key)) or Actor.register(line.key, line.kind or "person")
            for alias in line.aliases:
                actor.add_alias(alias)
            aggregates[actor.id] = actor
            continue
        if queries.topic_exists(conn, line.key) or topic_id(line.key) in aggregates:
            contradictions = topic_conflicts(conn, line.key, line.title, line.parent, where)
            if contradictions and not update:
                conflicts += contradictions
                continue
            if contradictions:
                topic = aggregates.get(topic_id(line.key)) or app.repository.get(topic_id(line.key))
                if line.title:
                    topic.retitle(line.title)
                if line.parent:
                    topic.move(line.parent)
                aggregates[topic.id] = topic
            continue
        topic = Topic.register(line.key, line.title, line.parent)
        aggregates[topic.id] = topic
    if conflicts:
        raise DomainError(
            f"nothing imported: {len(conflicts)} line(s) contradict the store (use --update to apply them)\n"
            + "\n".join(conflicts[:20])
        )
    return list(aggregates.values()), len(aggregates)
