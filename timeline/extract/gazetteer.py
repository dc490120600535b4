"""What the store already knows, as a gazetteer: actors with their aliases and roles, topics with titles.

The store is the journalist's own vocabulary, so a name or alias found there is the strongest
evidence of who is meant, and a topic whose title words appear in a sentence is the best guess of
what it is about. Without a store the gazetteer is empty and extraction relies on the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from events.dates import PartialDate
from events.text import normalise
from timeline.extract.lexicon import STOPWORDS


@dataclass(frozen=True)
class KnownActor:
    name: str
    kind: str = "person"
    aliases: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()  # (role, partial date it began)

    def office_start(self) -> PartialDate | None:
        """When the actor first took a recorded role (for "within days of taking office")."""
        dates = []
        for _, on in self.roles:
            try:
                dates.append(PartialDate.parse(on))
            except (ValueError, TypeError):
                continue
        return min(dates, key=lambda d: d.start) if dates else None


@dataclass(frozen=True)
class KnownTopic:
    slug: str
    title: str
    parent: str | None = None

    def keywords(self) -> set[str]:
        words = re.findall(r"[^\W\d_]+", f"{self.title} {self.slug.replace('-', ' ')}".lower())
        return {stem(w) for w in words if w not in STOPWORDS and len(w) > 2}

    def phrases(self) -> set[str]:
        """Two-word phrases of the title and slug ("return hub"): a stronger match than one word."""
        found = set()
        for text in (self.title, self.slug.replace("-", " ")):
            words = [stem(w) for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in STOPWORDS]
            found |= {f"{a} {b}" for a, b in zip(words, words[1:])}
        return found


def stem(word: str) -> str:
    """A crude English stem: enough to make "hubs" meet "hub" and "fees" meet "fee"."""
    word = word.lower().replace("’", "'")
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith(("ss", "us", "is")):
            return word[: -len(suffix)] + keep
    return word


@dataclass(frozen=True)
class KnownOffice:
    """An office's names and its terms as (holder, start, end) with EDTF dates, end None while held."""

    name: str
    aliases: tuple[str, ...] = ()
    terms: tuple[tuple[str, str, str | None], ...] = ()

    def holder_on(self, day: date) -> str | None:
        """The one holder whose term certainly covers `day` (latest possible start <= day < earliest
        possible end), else None: an uncertain handover names nobody."""
        holders = set()
        for holder, start, end in self.terms:
            try:
                began = PartialDate.parse(start).end if start else None
                ended = PartialDate.parse(end).start if end else None
            except (ValueError, TypeError):
                return None
            if began is not None and began <= day and (ended is None or day < ended):
                holders.add(holder)
        return holders.pop() if len(holders) == 1 else None


def _bare(name: str) -> str:
    return re.sub(r"^the ", "", normalise(name))


@dataclass
class Gazetteer:
    actors: list[KnownActor] = field(default_factory=list)
    topics: list[KnownTopic] = field(default_factory=list)
    origin: str = "no store"
    offices: list[KnownOffice] = field(default_factory=list)

    def on(self, day: date | None) -> Gazetteer:
        """The gazetteer as of an article published on `day`: an office's title ("the Prime Minister")
        names whoever held that office on that day, never a later or earlier holder who kept the title
        as an alias. Titles of recorded offices are taken off every actor's aliases, then given to the
        day's holder; with no day, or nobody certainly in office, the title names no known actor."""
        if not self.offices:
            return self
        titles = {_bare(x) for o in self.offices for x in (o.name, *o.aliases)}
        given: dict[str, list[str]] = {}
        for office in self.offices:
            holder = office.holder_on(day) if day is not None else None
            if holder is not None:
                given.setdefault(normalise(holder), []).extend((office.name, *office.aliases))
        actors = []
        for actor in self.actors:
            kept = tuple(x for x in actor.aliases if _bare(x) not in titles)
            extra = tuple(x for x in given.get(normalise(actor.name), ()) if x not in kept)
            actors.append(replace(actor, aliases=kept + extra) if kept + extra != actor.aliases else actor)
        return Gazetteer(actors=actors, topics=self.topics, origin=self.origin, offices=[])

    @classmethod
    def from_lists(cls, actors: list[dict[str, Any]], topics: list[dict[str, Any]], origin: str = "lists",
                   offices: list[dict[str, Any]] | None = None) -> Gazetteer:
        """From the shapes of `timeline actors --json`, `timeline topics --json` and `timeline offices --json`."""
        return cls(
            actors=[
                KnownActor(
                    name=a["name"],
                    kind=a.get("kind") or "person",
                    aliases=tuple(a.get("aliases") or ()),
                    roles=tuple((r["role"], r["on"]) for r in a.get("roles") or () if r.get("on")),
                )
                for a in actors
            ],
            topics=[KnownTopic(t["slug"], t.get("title") or t["slug"], t.get("parent")) for t in topics],
            origin=origin,
            offices=[
                KnownOffice(o["office"], tuple(o.get("aliases") or ()),
                            tuple((t["holder"], t.get("start"), t.get("end")) for t in o.get("terms") or ()))
                for o in offices or ()
            ],
        )

    @classmethod
    def from_connection(cls, conn: Any, origin: str = "store") -> Gazetteer:
        from timeline import queries

        return cls.from_lists(queries.list_actors(conn), queries.list_topics(conn), origin, queries.list_offices(conn))

    def actor(self, name: str) -> KnownActor | None:
        key = normalise(name)
        return next((a for a in self.actors if normalise(a.name) == key), None)

    def lookup(self, text: str) -> list[KnownActor]:
        """Actors whose name, else whose alias, is `text` (case-insensitive; "the" optional)."""
        key = normalise(text)
        bare = re.sub(r"^the ", "", key)
        named = [a for a in self.actors if normalise(a.name) in (key, bare)]
        if named:
            return named
        exact = [a for a in self.actors if key in {normalise(x) for x in a.aliases}]
        if exact:
            return exact
        return [a for a in self.actors if bare in {re.sub(r"^the ", "", normalise(x)) for x in a.aliases}]

    def surface_forms(self) -> list[str]:
        """Every name and alias, longest first (so "Sir Keir Starmer" wins over "Sir Keir")."""
        forms = {a.name for a in self.actors} | {x for a in self.actors for x in a.aliases}
        return sorted(forms, key=lambda f: (-len(f), f))

    def children(self, slug: str) -> list[str]:
        return [t.slug for t in self.topics if t.parent == slug]
