"""Actors: the people and organisations whose positions are tracked."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import Aggregate

from events.dates import PartialDate
from events.text import check_name, normalise, stable_id
from events.vocabulary import ActorKind, choose


def actor_id(name: str) -> UUID:
    """An actor's id derives from its canonical name, so re-registering is a conflict, not a twin."""
    return stable_id("actors", normalise(name))


class Actor(Aggregate):
    """A person or organisation, with the aliases it goes by and the roles it has held."""

    class Registered(Aggregate.Created):
        name: str
        kind: str

    class AliasAdded(Aggregate.Event):
        alias: str

        def apply(self, actor: Actor) -> None:
            actor.aliases.append(self.alias)

    class RoleRecorded(Aggregate.Event):
        role: str
        on: PartialDate | None

        def apply(self, actor: Actor) -> None:
            actor.roles.append((self.role, self.on))

    def __init__(self, name: str, kind: str) -> None:
        self.name = name
        self.kind = kind
        self.aliases: list[str] = []
        self.roles: list[tuple[str, PartialDate | None]] = []

    @classmethod
    def register(cls, name: str, kind: str = ActorKind.PERSON) -> Actor:
        name = check_name(name, "actor name")
        kind = choose(ActorKind, kind, "actor kind").value
        return cls._create(cls.Registered, id=actor_id(name), name=name, kind=kind)

    def add_alias(self, alias: str) -> bool:
        """Add an alias unless the actor already answers to it; True when an event was triggered."""
        alias = check_name(alias, "alias")
        known = {normalise(self.name), *map(normalise, self.aliases)}
        if normalise(alias) in known:
            return False
        self.trigger_event(self.AliasAdded, alias=alias)
        return True

    def record_role(self, role: str, on: PartialDate | None = None) -> bool:
        role = check_name(role, "role")
        if any(normalise(r) == normalise(role) and o == on for r, o in self.roles):
            return False
        self.trigger_event(self.RoleRecorded, role=role, on=on)
        return True
