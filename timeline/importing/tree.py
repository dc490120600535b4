"""What one import file says of its topics' places and titles, gathered before anything is written.

A file names a topic's parent and title in topic lines (`parent`, `title`) and in record lines
(`topic_parent`, a path of ancestors root first, and `topic_title`). Each claim counts wherever it is
in the file, so a topic the file creates is created where the file puts it even when an earlier line
named it first without saying where; a parent the file names but never defines is created too (as a
record line's path creates its missing ancestors). Two lines that put one topic under two parents, or
give it two titles, make the file invalid: the import cannot know which one was meant.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class TopicClaims:
    """Each topic's parent and title as the file states them, with the line that stated each first."""

    def __init__(self) -> None:
        self.parents: dict[str, tuple[str, int]] = {}
        self.titles: dict[str, tuple[str, int]] = {}
        self.problems: list[str] = []

    def claim(self, number: int, slug: str, *, parent: str | None = None, title: str | None = None) -> None:
        for value, table, what in ((parent, self.parents, "put under"), (title, self.titles, "titled")):
            if value is None:
                continue
            known = table.setdefault(slug, (value, number))
            if known[0] != value:
                self.problems.append(f"line {number}: topic {slug} is {what} {value!r} here, "
                                     f"but {what} {known[0]!r} on line {known[1]}")

    def claim_path(self, number: int, slug: str, ancestors: list[str], title: str | None) -> None:
        """A record line: its topic under the last of `ancestors`, each under the one before it (the
        first, the root of the path, is not claimed to be top-level: a path may start mid-tree)."""
        path = [*ancestors, slug]
        for parent, step in zip(path, path[1:]):
            self.claim(number, step, parent=parent)
        if title is not None:
            self.claim(number, slug, title=title)

    def of_identity(self, identity: Any) -> None:
        if identity.type == "topic":
            self.claim(identity.number, identity.key, parent=identity.parent, title=identity.title)

    def of_line(self, line: Any) -> None:
        if line.topic_parents or line.topic_title:
            self.claim_path(line.number, line.fields["topic"], line.topic_parents, line.topic_title)

    def parent_of(self, slug: str) -> str | None:
        found = self.parents.get(slug)
        return found[0] if found else None

    def title_of(self, slug: str) -> str | None:
        found = self.titles.get(slug)
        return found[0] if found else None

    def edges(self) -> list[tuple[str, str, str]]:
        """(slug, parent, where) for every parent the file states, in the order of the lines."""
        return sorted(((slug, parent, f"line {number}") for slug, (parent, number) in self.parents.items()),
                      key=lambda edge: int(edge[2].split()[1]))


def of_lines(identities: list[Any], lines: list[Any]) -> TopicClaims:
    """The claims of a file held in memory: its topic lines, then its record lines."""
    claims = TopicClaims()
    for identity in identities:
        claims.of_identity(identity)
    for line in lines:
        claims.of_line(line)
    return claims


def creator(claims: TopicClaims, exists: Callable[[str], bool], register: Callable[[str, str | None, str | None], Any]
            ) -> Callable[[str], None]:
    """`ensure(slug)`: if the topic is neither stored nor made yet, make it where the file puts it,
    its missing ancestors first (`register(slug, title, parent)`)."""
    made: set[str] = set()

    def ensure(slug: str) -> None:
        chain: list[str] = []
        current: str | None = slug
        while current is not None and current not in made and current not in chain and not exists(current):
            chain.append(current)
            current = claims.parent_of(current)
        for step in reversed(chain):
            register(step, claims.title_of(step), claims.parent_of(step))
            made.add(step)

    return ensure
