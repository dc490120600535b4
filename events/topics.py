"""Topics: what positions are about. Topics form a tree (`return-hubs` under `offshoring`)."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import Aggregate

from events.text import check_name, check_slug, stable_id


SAME, INVERSE = "same", "inverse"  # a topic's polarity toward its parent


def topic_id(slug: str) -> UUID:
    return stable_id("topics", slug)


def title_from_slug(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


class Topic(Aggregate):
    """A subject of positions, identified by its slug, optionally placed under a parent topic."""

    class Registered(Aggregate.Created):
        slug: str
        title: str
        parent: str | None

    class Retitled(Aggregate.Event):
        title: str

        def apply(self, topic: Topic) -> None:
            topic.title = self.title

    class Moved(Aggregate.Event):
        parent: str | None

        def apply(self, topic: Topic) -> None:
            topic.parent = self.parent

    class PolarityChanged(Aggregate.Event):
        """`inverse`: support for this topic counts as oppose for its parent (and the reverse)."""

        polarity: str

        def apply(self, topic: Topic) -> None:
            topic.polarity = self.polarity

    class ExternalIdSet(Aggregate.Event):
        scheme: str
        value: str

        def apply(self, topic: Topic) -> None:
            topic.external_ids[self.scheme] = self.value

    def __init__(self, slug: str, title: str, parent: str | None) -> None:
        self.slug = slug
        self.title = title
        self.parent = parent
        self.polarity = SAME
        self.external_ids: dict[str, str] = {}

    def set_polarity(self, polarity: str) -> bool:
        if polarity not in (SAME, INVERSE):
            raise ValueError(f"unknown polarity {polarity!r}; choose same or inverse")
        if polarity == self.polarity:
            return False
        self.trigger_event(self.PolarityChanged, polarity=polarity)
        return True

    def set_external_id(self, scheme: str, value: str) -> bool:
        if self.external_ids.get(scheme) == value:
            return False
        self.trigger_event(self.ExternalIdSet, scheme=scheme, value=value)
        return True

    @classmethod
    def register(cls, slug: str, title: str | None = None, parent: str | None = None) -> Topic:
        slug = check_slug(slug)
        title = check_name(title, "topic title") if title else title_from_slug(slug)
        if parent is not None:
            parent = check_slug(parent)
            if parent == slug:
                raise ValueError(f"topic {slug!r} cannot be its own parent")
        return cls._create(cls.Registered, id=topic_id(slug), slug=slug, title=title, parent=parent)

    def retitle(self, title: str) -> bool:
        title = check_name(title, "topic title")
        if title == self.title:
            return False
        self.trigger_event(self.Retitled, title=title)
        return True

    def move(self, parent: str | None) -> bool:
        """Place the topic under `parent` (None: at the top). The caller checks for cycles."""
        if parent is not None:
            parent = check_slug(parent)
            if parent == self.slug:
                raise ValueError(f"topic {self.slug!r} cannot be its own parent")
        if parent == self.parent:
            return False
        self.trigger_event(self.Moved, parent=parent)
        return True
