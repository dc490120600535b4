"""What an import did: records added, unchanged and updated; the actors, topics and offices it
created; aliases and office terms recorded (the `import` command's summary and `--json`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Summary:
    added: int = 0
    unchanged: int = 0
    updated: int = 0
    actors_created: list[str] = field(default_factory=list)
    topics_created: list[str] = field(default_factory=list)
    aliases_added: int = 0
    terms: int = 0  # terms of offices recorded or corrected
    offices_created: list[str] = field(default_factory=list)

    def add(self, other: Summary) -> None:
        self.added += other.added
        self.unchanged += other.unchanged
        self.updated += other.updated
        self.actors_created += other.actors_created
        self.topics_created += other.topics_created
        self.aliases_added += other.aliases_added

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added, "unchanged": self.unchanged, "updated": self.updated,
            "actors_created": self.actors_created, "topics_created": self.topics_created,
            "aliases_added": self.aliases_added, "terms": self.terms, "offices_created": self.offices_created,
        }
