"""Actor and topic lines of an import file (`"type": "actor"`, `"type": "topic"`, DESIGN.md §6).

They name what records refer to, with everything an export knows of it (title, parent, kind,
aliases, wikidata id, merge; polarity), so that export → import reproduces every name. They are
applied before the records, in one transaction (merges after every actor line); a line that
contradicts the store (another title, parent, polarity or wikidata id, another kind, a merge into
another actor) is a conflict, reported, unless `--update` (which retitles, moves, sets the polarity
or the wikidata id; a kind and a merge are never changed by an import).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from events.text import check_name, check_slug, check_wikidata, normalise

ACTOR_KEYS = {"type", "name", "kind", "aliases", "wikidata", "merged_into"}
TOPIC_KEYS = {"type", "slug", "title", "parent", "polarity", "wikidata"}
CSV_NAMES = {"actor": "name", "actor_kind": "kind", "actor_aliases": "aliases", "topic": "slug", "topic_title": "title", "topic_parent": "parent",
             "topic_polarity": "polarity"}


@dataclass
class Identity:
    number: int
    type: str  # actor | topic
    key: str  # the actor's name, or the topic's slug
    kind: str | None = None
    aliases: list[str] = field(default_factory=list)
    title: str | None = None
    parent: str | None = None
    wikidata: str | None = None
    merged_into: str | None = None  # an actor's survivor
    polarity: str | None = None  # a topic's: same | inverse


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
            merged_into=problems.check(check_name, row["merged_into"], "merged_into") if row.get("merged_into") else None,
        )
    else:
        identity = Identity(
            number, "topic", problems.check(check_slug, row.get("slug") if row.get("slug") is not None else "") or "",
            title=problems.check(check_name, row["title"], "title") if row.get("title") else None,
            parent=problems.check(check_slug, row["parent"]) if row.get("parent") else None,
            polarity=problems.check(_polarity, row["polarity"]) if row.get("polarity") else None,
        )
    if row.get("wikidata"):
        identity.wikidata = problems.check(check_wikidata, row["wikidata"])
    if kind == "actor" and identity.merged_into and normalise(identity.merged_into) == normalise(identity.key):
        problems.found.append(f"actor {identity.key!r} cannot be merged into itself")
    if kind == "topic":
        if identity.parent and identity.parent == identity.key:
            problems.found.append(f"topic {identity.key!r} cannot be its own parent")
    problems.raise_any()
    return identity


def _polarity(value: Any) -> str:
    if value not in ("same", "inverse"):
        raise ValueError(f"polarity must be same or inverse, not {value!r}")
    return value


def topic_conflicts(conn: Any, slug: str, title: str | None, parent: str | None, where: str,
                    polarity: str | None = None, wikidata: str | None = None) -> list[str]:
    """How a line's title, parent, polarity and wikidata id for an existing topic contradict the
    store (empty: they agree)."""
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
    if polarity is not None and polarity != stored["polarity"]:
        found.append(f"{where}: topic {slug} has the polarity {stored['polarity']}, not {polarity}")
    if wikidata is not None and stored["wikidata"] not in (None, wikidata):
        found.append(f"{where}: topic {slug} has the wikidata id {stored['wikidata']}, not {wikidata}")
    return found


def tree_loops(conn: Any, edges: list[tuple[str, str, str]]) -> list[str]:
    """The edges (slug, parent, where; in the order they would be applied) that would close a loop
    in the topic tree, given the store's tree and the edges before them (`topic add` refuses the
    same; DESIGN §2: the topics form a tree)."""
    from timeline import queries

    parents: dict[str, str | None] = {}
    found = []
    for slug, parent, where in edges:
        chain, current = [slug, parent], parent
        while current is not None and current != slug and len(chain) < 10_000:
            if current not in parents:
                stored = queries.topic_row(conn, current)
                parents[current] = stored["parent"] if stored else None
            current = parents[current]
            if current is not None:
                chain.append(current)
        if current == slug:
            found.append(f"{where}: putting topic {slug} under {parent} would make a loop ({' → '.join(chain)})")
        else:
            parents[slug] = parent
    return found


def merge_cycle(merged_by: dict[UUID, int], actor: Any) -> str | None:
    """The sentence refusing an import whose merges (`merged_by`: each duplicate it merges → its
    line), with the store's, would make a cycle (A into B, B into A): no actor of it would stay to
    answer, and each name would answer as another (`actor merge` refuses the same); None if none."""
    done: set[UUID] = set()
    for start in merged_by:
        chain, current = [start], actor(start).merged_into
        while current is not None and current not in chain and current not in done:
            chain.append(current)
            current = actor(current).merged_into
        done.update(chain)
        if current is None or current not in chain:
            continue
        loop = chain[chain.index(current):]
        numbers = sorted(merged_by[uuid] for uuid in loop if uuid in merged_by)
        if not numbers:  # a cycle of the store's own (older imports), not this file's doing
            continue
        stored = [actor(uuid).name for uuid in loop if uuid not in merged_by]
        plural = "s" if len(numbers) > 1 else ""
        what = f"the merge{plural} on line{plural} {', '.join(map(str, numbers))}" + (
            f" with the stored merge{'s' if len(stored) > 1 else ''} of {', '.join(stored)}" if stored else "")
        names = " → ".join(actor(uuid).name for uuid in [*loop, current])
        return (f"nothing imported: {what} would make a cycle of merges ({names}), so none of these actors would stay "
                "to answer for the others; merge each duplicate into the one actor that stays")
    return None


def plan_identities(timeline: Any, conn: Any, lines: list[Identity], *, update: bool,
                    claims: Any) -> tuple[list[Any], dict[str, list[str]]]:
    """The aggregates that make the store agree with the file's actor and topic lines, and the
    names of the actors and topics they create; DomainError listing every contradiction (unless
    --update, which retitles and moves topics, sets polarities and wikidata ids)."""
    from events import Actor, Topic
    from events.actors import first_free_actor_id
    from events.topics import topic_id
    from timeline import queries
    from timeline.errors import DomainError

    app = timeline.app()
    aggregates: dict[Any, Any] = {}
    conflicts: list[str] = []
    by_name: dict[str, Any] = {}  # normalised name → the actor aggregate a line named
    created: dict[str, list[str]] = {"actors_created": [], "topics_created": []}

    def register(slug: str, title: str | None, parent: str | None) -> None:
        topic = Topic.register(slug, title, parent)
        aggregates[topic.id] = topic
        created["topics_created"].append(slug)

    from timeline.importing.tree import creator

    # A new topic is made where the file puts it (`claims`: this line or any other), missing parents first.
    ensure = creator(claims, lambda slug: queries.topic_exists(conn, slug), register)

    def stored_actor(name: str, where: str) -> Any:
        """The stored actor a line's name means: its canonical name, else — a file exported before a
        rename names the actor by a name that is now its alias — the one actor with that alias."""
        found = queries.match_actor(conn, name, follow_merges=False)
        exact = [a for a in found if normalise(a.name) == normalise(name)] or found
        if len(exact) > 1:
            conflicts.append(f"{where}: {name!r} is an alias of {' and '.join(a.name for a in exact)}; "
                             "name the actor by its current name")
            return False
        if exact:
            return aggregates.get(UUID(exact[0].uuid)) or app.repository.get(UUID(exact[0].uuid))
        return None

    for line in lines:
        where = f"line {line.number}"
        if line.type == "actor":
            actor = by_name.get(normalise(line.key)) or stored_actor(line.key, where)
            if actor is False:
                continue
            if actor is not None:
                if line.kind and actor.kind != line.kind:
                    conflicts.append(f"{where}: {actor.name} is registered as a {actor.kind}, not a {line.kind}")
                    continue
                known = actor.external_ids.get("wikidata")
                if line.wikidata and known not in (None, line.wikidata) and not update:
                    conflicts.append(f"{where}: {actor.name} has the wikidata id {known}, not {line.wikidata}")
                    continue
            else:
                def taken(uuid: UUID) -> bool:
                    return queries.actor_exists(conn, uuid.hex)

                actor = aggregates.get(first_free_actor_id(line.key, taken))
                if actor is None:
                    actor = Actor.register(line.key, line.kind or "person", taken=taken)
                    created["actors_created"].append(actor.name)
            unusable = [why for alias in line.aliases
                        if (why := queries.unusable_alias(conn, alias, actor.id.hex, actor.name))]
            if unusable:
                conflicts += [f"{where}: {why}" for why in unusable]
                continue
            for alias in line.aliases:
                actor.add_alias(alias)
            if line.wikidata:
                actor.set_external_id("wikidata", line.wikidata)
            aggregates[actor.id] = actor
            by_name[normalise(line.key)] = actor
            continue
        if queries.topic_exists(conn, line.key) or topic_id(line.key) in aggregates:
            contradictions = topic_conflicts(conn, line.key, line.title, line.parent, where, line.polarity, line.wikidata)
            if contradictions and not update:
                conflicts += contradictions
                continue
            topic = aggregates.get(topic_id(line.key)) or app.repository.get(topic_id(line.key))
            changed = False
            if contradictions and line.title:
                changed |= topic.retitle(line.title)
            if contradictions and line.parent:
                changed |= topic.move(line.parent)
            changed |= bool(line.polarity) and topic.set_polarity(line.polarity)
            changed |= bool(line.wikidata) and topic.set_external_id("wikidata", line.wikidata)
            if changed:
                aggregates[topic.id] = topic
            continue
        ensure(line.key)
        topic = aggregates[topic_id(line.key)]
        if line.polarity:
            topic.set_polarity(line.polarity)
        if line.wikidata:
            topic.set_external_id("wikidata", line.wikidata)
        aggregates[topic.id] = topic
    merged_by: dict[UUID, int] = {}  # duplicate → the line that merges it
    for line in lines:  # merges last: the survivor may come after its duplicate in the file
        if line.type != "actor" or not line.merged_into or normalise(line.key) not in by_name:
            continue
        actor = by_name[normalise(line.key)]
        into = by_name.get(normalise(line.merged_into)) or stored_actor(line.merged_into, f"line {line.number}")
        if into is False:
            continue
        if into is None:
            conflicts.append(f"line {line.number}: {line.key} is merged into {line.merged_into!r}, an unknown actor")
        elif actor.merged_into is None:
            actor.merge_into(into.id, f"merged into {into.name} in an imported file")
            aggregates[actor.id] = actor
            merged_by[actor.id] = line.number
        elif actor.merged_into != into.id:
            conflicts.append(f"line {line.number}: {actor.name} is already merged into another actor, not {into.name}")
    cycle = merge_cycle(merged_by, lambda uuid: aggregates.get(uuid) or app.repository.get(uuid))
    if cycle:
        raise DomainError(cycle)
    if conflicts:
        raise DomainError(
            f"nothing imported: {len(conflicts)} line(s) contradict the store (use --update to apply them)\n"
            + "\n".join(conflicts[:20])
        )
    return list(aggregates.values()), created
