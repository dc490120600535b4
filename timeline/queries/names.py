"""Actors and topics: resolving what a user typed, listing them, the topic tree."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from events.text import normalise
from timeline.dates import asked_day
from timeline.errors import DomainError, InputError
from timeline.queries import asof, offices


class ActorRef:
    """An actor as resolved: immutable, equal (and hashed) by everything but `via`.

    A plain class rather than a frozen dataclass: a read command would otherwise import
    `dataclasses` and generate the methods at every start (≈ 1 ms, issue 17).
    """

    __slots__ = ("uuid", "name", "kind", "members", "via")
    uuid: str
    name: str
    kind: str
    # The actor and the duplicates merged into it: their records answer under this actor.
    members: tuple[str, ...]
    # How the name was resolved when it named an office: {"office", "term": {"start", "end"}}.
    via: dict[str, Any] | None

    def __init__(self, uuid: str, name: str, kind: str, members: tuple[str, ...] = (),
                 via: dict[str, Any] | None = None) -> None:
        for slot, value in zip(self.__slots__, (uuid, name, kind, members, via)):
            object.__setattr__(self, slot, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: an ActorRef is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: an ActorRef is immutable")

    def __reduce__(self) -> tuple[Any, ...]:  # copy and pickle through __init__
        return (ActorRef, (self.uuid, self.name, self.kind, self.members, self.via))

    def _key(self) -> tuple[str, str, str, tuple[str, ...]]:
        return (self.uuid, self.name, self.kind, self.members)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"ActorRef(uuid={self.uuid!r}, name={self.name!r}, kind={self.kind!r}, "
                f"members={self.members!r}, via={self.via!r})")

    @property
    def uuids(self) -> list[str]:
        return list(self.members or (self.uuid,))


# -- actors and topics ---------------------------------------------------------------------------


def _ref(conn: sqlite3.Connection, uuid: str, when: str | None, via: dict[str, Any] | None = None,
         follow: bool = True) -> ActorRef:
    if not follow:
        name, kind, _ = asof.actor_state(conn, uuid, when) or ("?", "person", None)
        return ActorRef(uuid, name, kind, (uuid,))
    uuid = asof.survivor(conn, uuid, when)
    name, kind, _ = asof.actor_state(conn, uuid, when) or ("?", "person", None)
    return ActorRef(uuid, name, kind, tuple(sorted(asof.members(conn, uuid, when))), via)


def _by_name(conn: sqlite3.Connection, key: str, when: str | None) -> list[str]:
    if when is None:
        return [r[0] for r in conn.execute("SELECT uuid FROM actors WHERE name_norm=?", (key,))]
    cond, args = asof.holds(when)
    return [r[0] for r in conn.execute(f"SELECT uuid FROM actor_versions WHERE name_norm=? AND {cond}", [key, *args])]


def _by_alias(conn: sqlite3.Connection, key: str, when: str | None) -> list[str]:
    cond, args = asof.holds(when)
    return [r[0] for r in conn.execute(f"SELECT DISTINCT actor_uuid FROM aliases WHERE alias_norm=? AND {cond}", [key, *args])]


def _distinct(conn: sqlite3.Connection, uuids: list[str], when: str | None, follow: bool = True) -> list[ActorRef]:
    refs = {ref.uuid: ref for ref in (_ref(conn, u, when, follow=follow) for u in uuids)}
    return sorted(refs.values(), key=lambda ref: normalise(ref.name))


def match_actor(conn: sqlite3.Connection, text: str, *, known_at: datetime | None = None,
                follow_merges: bool = True) -> list[ActorRef]:
    """Actors whose canonical name, else whose alias, matches `text` (case-insensitively), as
    known at `known_at`; a merged duplicate is its survivor (itself with `follow_merges=False`:
    an import attributes a record to the actor its line names)."""
    key, when = normalise(text), asof.moment(known_at)
    named = _by_name(conn, key, when)
    return _distinct(conn, named, when, follow_merges) if named else _distinct(conn, _by_alias(conn, key, when), when)


def near_actors(conn: sqlite3.Connection, text: str, when: str | None = None) -> list[str]:
    """Canonical names of actors whose name or alias is close to `text` (for "did you mean"), as
    known at record time `when`: the same name but for accents, case or dots; a similar spelling;
    `text` one word of it ("Kovač"); or an initial for a word ("A. Kovac", "Ana K.": see closeness)."""
    from timeline.queries.closeness import folded, initialled, words

    names: dict[str, set[str]] = {}  # folded name or alias → canonical names
    cond, args = asof.holds(when)
    current = f"(SELECT uuid, name FROM actor_versions WHERE {cond} AND merged_into IS NULL)"
    for name, in conn.execute(f"SELECT name FROM {current}", args):
        names.setdefault(folded(name), set()).add(name)
    cond_al, args_al = asof.holds(when, "al")
    for alias, name in conn.execute(
        f"SELECT al.alias, a.name FROM aliases al JOIN {current} a ON a.uuid = al.actor_uuid WHERE {cond_al}",
        [*args, *args_al],
    ):
        names.setdefault(folded(alias), set()).add(name)
    import difflib

    close: list[str] = []
    surname, comma, given = text.partition(",")  # "Kovač, Ana": also as "Ana Kovač"
    for spelled in [text] + ([f"{given} {surname}"] if comma and "," not in given else []):
        key = folded(spelled)
        typed = words(key)
        close += difflib.get_close_matches(key, list(names), n=3, cutoff=0.75)  # a misspelling
        whole = [word for word in typed if len(word) > 1]  # both word rules need one in common: a cheap sieve first
        close += [known for known in names if any(word in known for word in whole) and (
                  (len(key) >= 3 and [key] == typed and key in words(known)) or initialled(typed, words(known)))]
    return sorted({name for known in close for name in names[known]})


def ambiguity(text: str, candidates: list[ActorRef]) -> DomainError:
    listed = ", ".join(c.name for c in candidates)
    return DomainError(f"'{text}' is ambiguous: it may mean {listed}; use the full name")


def resolve_actor(
    conn: sqlite3.Connection, text: str, *, on: date | None = None, known_at: datetime | None = None
) -> ActorRef:
    """The one actor `text` names (DESIGN §3): canonical name → office title or alias, resolved to
    its holder on `on` (default today) → unique alias → DomainError (unknown, or ambiguous)."""
    if not text.strip():  # bad input, not an unknown actor (exit 2)
        raise InputError("the actor is empty; give a name, an alias or an office, e.g. 'Keir Starmer'")
    key, when = normalise(text), asof.moment(known_at)
    named = _distinct(conn, _by_name(conn, key, when), when)
    if len(named) == 1:
        return named[0]
    office = offices.match_office(conn, text, when)
    if office is not None:
        term = offices.holder_on(conn, office, on or asked_day(known_at), when)  # else known_at's day or today
        via = {"office": office[1], "term": {"start": term["start"], "end": term["end"]}}
        return _ref(conn, term["holder_uuid"], when, via)
    found = named or _distinct(conn, _by_alias(conn, key, when), when)
    if len(found) == 1:
        return found[0]
    if found:
        raise ambiguity(text, found)
    raise unknown_actor(conn, text, when)


def unknown_actor(conn: sqlite3.Connection, text: str, when: str | None = None) -> DomainError:
    """The error for a name no actor or office has (as known at record time `when`), suggesting close
    ones. As known at T it says so, and that a name recorded later is not known then (lest it read
    like a typo); it cannot say when the name was recorded: a replay with the same T must give the
    same bytes (DESIGN §3), and the name may be recorded after the first asking."""
    near = near_actors(conn, text, when)
    hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    if when is None:
        return DomainError(f"unknown actor '{text}'{hint}")
    later = hint or " (a name recorded after that moment is not known then; leave --known-at out to ask as known now)"
    return DomainError(f"unknown actor '{text}' as known at {when}{later}")


def resolve_for_record(conn: sqlite3.Connection, text: str, on: Any) -> ActorRef | None:
    """The actor an ACTOR argument of a write names for a record dated `on` (a PartialDate), by
    DESIGN §3: canonical name → office title or alias, resolved to whoever held it over the whole
    date → unique alias; None when nothing has that name (the caller may create the actor).
    DomainError when the name is ambiguous or the office's holder is unknown or changed."""
    key = normalise(text)
    named = _distinct(conn, _by_name(conn, key, None), None)
    if len(named) == 1:
        return named[0]
    office = offices.match_office(conn, text)
    if office is not None:
        term = offices.holder_over(conn, office, on.start, on.end)
        return _ref(conn, term["holder_uuid"], None, {"office": office[1], "term": {"start": term["start"], "end": term["end"]}})
    found = named or _distinct(conn, _by_alias(conn, key, None), None)
    if len(found) > 1:
        raise ambiguity(text, found)
    return found[0] if found else None


def office_named(conn: sqlite3.Connection, text: str) -> str | None:
    """The title of the office whose title or alias is `text`, if any (a new actor may not take it)."""
    office = offices.match_office(conn, text)
    return office[1] if office else None


def via_notice(ref: ActorRef) -> str | None:
    """What an office name resolved to, for stderr: `Maria L as holder of Energy Minister (term …)`."""
    if not ref.via:
        return None
    term = ref.via["term"]
    return f"{ref.name} as holder of {ref.via['office']} (term {term['start']} to {term['end'] or 'now'})"


def topic_exists(conn: sqlite3.Connection, slug: str, *, known_at: datetime | None = None) -> bool:
    source, args = _tree(asof.moment(known_at))
    return conn.execute(f"SELECT 1 FROM {source} WHERE slug=?", [*args, slug]).fetchone() is not None


def near_topics(conn: sqlite3.Connection, slug: str) -> list[str]:
    import difflib

    slugs = [row[0] for row in conn.execute("SELECT slug FROM topics")]
    return difflib.get_close_matches(slug, slugs, n=3, cutoff=0.75)


def unknown_topic(conn: sqlite3.Connection, slug: str, advice: str = "") -> DomainError:
    """The error for a slug no topic has, suggesting close ones and what to do."""
    near = near_topics(conn, slug)
    hint = f"; did you mean {' or '.join(near)}?" if near else ""
    return DomainError(f"unknown topic '{slug}'{hint}" + (f" ({advice})" if advice else ""))


def resolve_topic(conn: sqlite3.Connection, slug: str, *, known_at: datetime | None = None) -> str:
    if not slug.strip():
        raise InputError("the topic is empty; give a topic's slug, e.g. --topic rwanda-scheme (see 'timeline topics')")
    if topic_exists(conn, slug, known_at=known_at):
        return slug
    if known_at is not None and topic_exists(conn, slug):
        raise DomainError(f"topic '{slug}' was not yet recorded at {asof.moment(known_at)}")
    raise unknown_topic(conn, slug)


def _tree(when: str | None) -> tuple[str, list[Any]]:
    """The topic tree as a table source, as it stood at record time `when` (None: now)."""
    if when is None:
        return "topics", []
    cond, args = asof.holds(when)
    return f"(SELECT slug, parent, polarity FROM topic_versions WHERE {cond})", args


def topic_signs(conn: sqlite3.Connection, slug: str, *, known_at: datetime | None = None) -> dict[str, int]:
    """The topic and every topic below it (as known at `known_at`), each with the sign its stances
    take on the way up: -1 when an odd number of `inverse` steps lie between it and `slug`."""
    source, args = _tree(asof.moment(known_at))
    rows = conn.execute(
        f"WITH RECURSIVE t(slug, sign) AS (SELECT ?, 1 UNION SELECT s.slug, "
        f"CASE WHEN s.polarity = 'inverse' THEN -t.sign ELSE t.sign END FROM {source} s JOIN t ON s.parent = t.slug) "
        "SELECT slug, sign FROM t",
        [slug, *args],
    ).fetchall()
    return dict(rows)


_OPPOSITE = {"support": "oppose", "oppose": "support"}


def rolled_stance(record: Any, signs: dict[str, int]) -> tuple[str | None, bool]:
    """A record's stance as it counts for the topic `signs` was made for, and whether it flipped
    (a record on an `inverse` sub-topic: support for a phase-out is opposition to the parent)."""
    if record is None:
        return None, False
    stance = record["stance"]
    if signs.get(record["topic"], 1) < 0 and stance in _OPPOSITE:
        return _OPPOSITE[stance], True
    return stance, False


def counted(entry: dict[str, Any], signs: dict[str, int]) -> dict[str, Any]:
    """A `possibly` or `uncertain_order` entry: the record as stored, with the stance it counts as for
    the topic asked (`counts_as`) and whether that flipped it (a record on an inverse sub-topic)."""
    stance, flipped = rolled_stance(entry, signs)
    return {**entry, "counts_as": stance, "flipped": flipped}


def subtree(conn: sqlite3.Connection, slug: str, *, known_at: datetime | None = None) -> list[str]:
    """The topic and all topics below it (as the tree stood at `known_at`)."""
    return list(topic_signs(conn, slug, known_at=known_at))


def list_actors(conn: sqlite3.Connection, *, known_at: datetime | None = None,
                with_uuid: bool = False) -> list[dict[str, Any]]:
    """Every actor registered by record time `known_at` (default now) with its name, kind, aliases
    and merge as they stood then (roles and external ids as they are now)."""
    when = asof.moment(known_at)
    cond, args = asof.holds(when)
    aliases: dict[str, list[str]] = {}
    for uuid, alias in conn.execute(f"SELECT actor_uuid, alias FROM aliases WHERE {cond} ORDER BY rowid", args):
        aliases.setdefault(uuid, []).append(alias)
    roles: dict[str, list[dict[str, Any]]] = {}
    for uuid, role, on in conn.execute("SELECT actor_uuid, role, on_date FROM roles ORDER BY position"):
        roles.setdefault(uuid, []).append({"role": role, "on": on})
    counts = dict(
        conn.execute(
            "SELECT actor_uuid, COUNT(*) FROM records WHERE status != 'retracted' GROUP BY actor_uuid"
        ).fetchall()
    )
    wikidata = dict(conn.execute("SELECT uuid, wikidata FROM actors WHERE wikidata IS NOT NULL").fetchall())
    source = "actors" if when is None else f"(SELECT * FROM actor_versions WHERE {cond})"
    rows = conn.execute(f"SELECT uuid, name, kind, merged_into FROM {source} ORDER BY name_norm", args).fetchall()
    names = {row[0]: row[1] for row in rows}
    return [
        {
            "name": name,
            "kind": kind,
            "aliases": aliases.get(uuid, []),
            "roles": roles.get(uuid, []),
            "records": counts.get(uuid, 0),
            "wikidata": wikidata.get(uuid),
            "merged_into": names.get(merged) if merged else None,
            **({"uuid": uuid} if with_uuid else {}),
        }
        for uuid, name, kind, merged in rows
    ]


def first_seen(conn: sqlite3.Connection) -> dict[str, int]:
    """Each actor's name → the log position of its first record (the order a story meets them)."""
    return dict(conn.execute("SELECT a.name, MIN(r.seq) FROM actors a JOIN records r ON r.actor_uuid = a.uuid GROUP BY a.uuid"))


def list_topics(conn: sqlite3.Connection, *, known_at: datetime | None = None) -> list[dict[str, Any]]:
    """Every topic recorded by record time `known_at` (default now) with its title, parent and
    polarity as they stood then (the external id as it is now)."""
    counts = dict(
        conn.execute("SELECT topic, COUNT(*) FROM records WHERE status != 'retracted' GROUP BY topic").fetchall()
    )
    wikidata = dict(conn.execute("SELECT slug, wikidata FROM topics WHERE wikidata IS NOT NULL").fetchall())
    when = asof.moment(known_at)
    cond, args = asof.holds(when)
    source = "topics" if when is None else f"(SELECT * FROM topic_versions WHERE {cond})"
    return [
        {"slug": slug, "title": title, "parent": parent, "polarity": polarity, "wikidata": wikidata.get(slug),
         "records": counts.get(slug, 0)}
        for slug, title, parent, polarity in conn.execute(
            f"SELECT slug, title, parent, polarity FROM {source} ORDER BY slug", args
        )
    ]


# -- records -------------------------------------------------------------------------------------


def actor_exists(conn: sqlite3.Connection, uuid: str) -> bool:
    return conn.execute("SELECT 1 FROM actors WHERE uuid=?", (uuid,)).fetchone() is not None


def topic_parents(conn: sqlite3.Connection, *, known_at: datetime | None = None) -> dict[str, str | None]:
    """Every topic's parent in the tree as known at `known_at` (one read of the small tree table)."""
    source, args = _tree(asof.moment(known_at))
    return dict(conn.execute(f"SELECT slug, parent FROM {source}", args).fetchall())


def path_up(parents: dict[str, str | None], slug: str) -> list[str]:
    """The topics above `slug` in `parents`, nearest first (a loop, which the tree refuses, stops it)."""
    found: list[str] = []
    current = parents.get(slug)
    while current and current not in found and current != slug:
        found.append(current)
        current = parents.get(current)
    return found


def ancestors(conn: sqlite3.Connection, slug: str) -> set[str]:
    """The topic and every topic above it."""
    seen: set[str] = set()
    current: str | None = slug
    while current and current not in seen:
        seen.add(current)
        row = conn.execute("SELECT parent FROM topics WHERE slug=?", (current,)).fetchone()
        current = row[0] if row else None
    return seen


def names_by_uuid(conn: sqlite3.Connection, uuids: Iterable[str]) -> dict[str, str]:
    """The record's id, actor's name, topic's slug or office's title of each aggregate uuid (hex)
    given: for the log, which names only the events it shows."""
    wanted = list(dict.fromkeys(uuids))
    ids: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for table, column in (("records", "id"), ("actors", "name"), ("topics", "slug"), ("offices", "title")):
            ids.update(conn.execute(f"SELECT uuid, {column} FROM {table} WHERE uuid IN ({marks})", chunk).fetchall())
    return ids


def topic_row(conn: sqlite3.Connection, slug: str) -> dict[str, Any] | None:
    """A topic's title, parent, polarity and wikidata id, or None when there is no such topic."""
    row = conn.execute("SELECT title, parent, polarity, wikidata FROM topics WHERE slug=?", (slug,)).fetchone()
    return {"title": row[0], "parent": row[1], "polarity": row[2] or "same", "wikidata": row[3]} if row else None
