"""Actors: the people and organisations whose positions are tracked."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from eventsourcing.domain import Aggregate

from events.dates import PartialDate
from events.text import check_name, check_text, normalise, stable_id
from events.vocabulary import ActorKind, choose


def actor_id(name: str, generation: int = 1) -> UUID:
    """An actor's id derives from its canonical name, so two writers registering one new name at
    once clash in the store (the second is then told the name exists), rather than make twins.

    A name can be registered again after its first actor was renamed (or merged, or lost the name
    as an alias): the first id is taken for good, so the new actor takes the next generation's,
    `generation` 2, 3… (see `first_free_actor_id`). Generation 1 is the id of every store so far."""
    key = normalise(name)
    return stable_id("actors", key if generation == 1 else f"{key}\n{generation}")  # a name has no newline


def first_free_actor_id(name: str, taken: Callable[[UUID], bool]) -> UUID:
    """The id of a new actor called `name`: its first generation no actor of the store has.
    Deterministic for one state of the store, so concurrent creators of one name still clash."""
    generation = 1
    while taken(found := actor_id(name, generation)):
        generation += 1
    return found


class Actor(Aggregate):
    """A person or organisation, with the aliases it goes by and the roles it has held."""

    class Registered(Aggregate.Created):
        name: str
        kind: str

    class AliasAdded(Aggregate.Event):
        alias: str

        def apply(self, actor: Actor) -> None:
            actor.aliases.append(self.alias)

    class AliasRemoved(Aggregate.Event):
        alias: str

        def apply(self, actor: Actor) -> None:
            actor.aliases = [a for a in actor.aliases if normalise(a) != normalise(self.alias)]

    class Renamed(Aggregate.Event):
        name: str

        def apply(self, actor: Actor) -> None:
            actor.name = self.name

    class KindChanged(Aggregate.Event):
        kind: str

        def apply(self, actor: Actor) -> None:
            actor.kind = self.kind

    class ExternalIdSet(Aggregate.Event):
        scheme: str
        value: str

        def apply(self, actor: Actor) -> None:
            actor.external_ids[self.scheme] = self.value

    class MergedInto(Aggregate.Event):
        """This actor is a duplicate of `actor`: its records answer under that one from now on."""

        actor: UUID
        reason: str

        def apply(self, actor: Actor) -> None:
            actor.merged_into = self.actor

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
        self.external_ids: dict[str, str] = {}
        self.merged_into: UUID | None = None

    @classmethod
    def register(cls, name: str, kind: str = ActorKind.PERSON, *, taken: Callable[[UUID], bool] | None = None) -> Actor:
        """A new actor; `taken(id)` says which ids the store's actors already have (without it, the
        first generation's id: a name used before then clashes in the store)."""
        name = check_name(name, "actor name")
        kind = choose(ActorKind, kind, "actor kind").value
        uuid = first_free_actor_id(name, taken) if taken else actor_id(name)
        return cls._create(cls.Registered, id=uuid, name=name, kind=kind)

    def add_alias(self, alias: str) -> bool:
        """Add an alias unless the actor already answers to it; True when an event was triggered."""
        alias = check_name(alias, "alias")
        known = {normalise(self.name), *map(normalise, self.aliases)}
        if normalise(alias) in known:
            return False
        self.trigger_event(self.AliasAdded, alias=alias)
        return True

    def remove_alias(self, alias: str) -> bool:
        """Remove an alias the actor has; False when it has no such alias."""
        key = normalise(check_name(alias, "alias"))
        found = [a for a in self.aliases if normalise(a) == key]
        if not found:
            return False
        self.trigger_event(self.AliasRemoved, alias=found[0])
        return True

    def rename(self, name: str) -> bool:
        """A new canonical name (the id stays: it was derived from the first name)."""
        name = check_name(name, "actor name")
        if name == self.name:
            return False
        self.trigger_event(self.Renamed, name=name)
        return True

    def change_kind(self, kind: str) -> bool:
        kind = choose(ActorKind, kind, "actor kind").value
        if kind == self.kind:
            return False
        self.trigger_event(self.KindChanged, kind=kind)
        return True

    def set_external_id(self, scheme: str, value: str) -> bool:
        if self.external_ids.get(scheme) == value:
            return False
        self.trigger_event(self.ExternalIdSet, scheme=scheme, value=value)
        return True

    def merge_into(self, survivor: UUID, reason: str) -> None:
        if self.merged_into is not None:
            raise ValueError(f"{self.name} is already merged into another actor")
        if survivor == self.id:
            raise ValueError(f"cannot merge {self.name} into itself")
        self.trigger_event(self.MergedInto, actor=survivor, reason=check_text(reason, "reason", required=True))

    def record_role(self, role: str, on: PartialDate | None = None) -> bool:
        role = check_name(role, "role")
        if any(normalise(r) == normalise(role) and o == on for r, o in self.roles):
            return False
        self.trigger_event(self.RoleRecorded, role=role, on=on)
        return True
