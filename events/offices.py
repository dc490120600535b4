"""Offices: posts held by one actor at a time ("UK Prime Minister", "Home Secretary"), with their terms.

A term covers the days start ≤ D < end (on a handover day, the incoming holder); its end may be
open (the holder still in office). Dates may be imprecise (EDTF): a term *certainly* covers D when
D falls between its latest possible start and its earliest possible end, and *possibly* covers it
between its earliest possible start and its latest possible end. Two terms of one office may not
certainly overlap; a holder may come back for a second term (Suella Braverman, 2022).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate

from events.dates import PartialDate
from events.text import check_name, check_text, normalise, stable_id


def office_id(title: str) -> UUID:
    """An office's id derives from its normalised title, so adding it twice is one office."""
    return stable_id("offices", normalise(title))


@dataclass(frozen=True)
class Term:
    """One holder's time in an office; `end` None while the term is open."""

    holder: UUID
    start: PartialDate
    end: PartialDate | None

    @property
    def certain(self) -> tuple[date, date]:
        """The days certainly inside the term: [latest start, earliest end), `date.max` if open."""
        return self.start.end, (self.end.start if self.end else date.max)

    @property
    def possible(self) -> tuple[date, date]:
        """The days possibly inside the term: [earliest start, latest end), `date.max` if open."""
        return self.start.start, (self.end.end if self.end else date.max)

    def covers(self, day: date) -> bool:
        first, stop = self.certain
        return first <= day < stop

    def may_cover(self, day: date) -> bool:
        first, stop = self.possible
        return first <= day < stop

    def overlaps(self, other: Term) -> bool:
        """Whether the two terms certainly share a day."""
        a0, a1 = self.certain
        b0, b1 = other.certain
        return a0 < b1 and b0 < a1


def check_term_dates(start: PartialDate, end: PartialDate | None) -> None:
    """ValueError when a term's dates cannot be a term (open bounds, or an end before the start)."""
    if start.start is None or start.end is None:
        raise ValueError(f"a term needs a start with both bounds, not {start}")
    if end is not None:
        if end.start is None or end.end is None:
            raise ValueError(f"a term's end needs both bounds, not {end} (leave the end out for a term still running)")
        if end.end <= start.start:
            raise ValueError(f"the term ends ({end}) before it starts ({start})")


class Office(Aggregate):
    """A post with its aliases and its terms, in the order they were recorded."""

    class Established(Aggregate.Created):
        title: str

    class AliasAdded(Aggregate.Event):
        alias: str

        def apply(self, office: Office) -> None:
            office.aliases.append(self.alias)

    class AliasRemoved(Aggregate.Event):
        alias: str

        def apply(self, office: Office) -> None:
            office.aliases = [a for a in office.aliases if normalise(a) != normalise(self.alias)]

    class ExternalIdSet(Aggregate.Event):
        scheme: str
        value: str

        def apply(self, office: Office) -> None:
            office.external_ids[self.scheme] = self.value

    class TermRecorded(Aggregate.Event):
        holder: UUID
        start: PartialDate
        end: PartialDate | None

        def apply(self, office: Office) -> None:
            office.terms.append(Term(self.holder, self.start, self.end))

    class TermCorrected(Aggregate.Event):
        """Term number `term` (0-based, in recorded order) now has these dates."""

        term: int
        start: PartialDate
        end: PartialDate | None
        reason: str

        def apply(self, office: Office) -> None:
            office.terms[self.term] = Term(office.terms[self.term].holder, self.start, self.end)

    class TermWithdrawn(Aggregate.Event):
        term: int
        reason: str

        def apply(self, office: Office) -> None:
            office.withdrawn.add(self.term)

    def __init__(self, title: str) -> None:
        self.title = title
        self.aliases: list[str] = []
        self.external_ids: dict[str, str] = {}
        self.terms: list[Term] = []
        self.withdrawn: set[int] = set()

    @classmethod
    def establish(cls, title: str) -> Office:
        title = check_name(title, "office title")
        return cls._create(cls.Established, id=office_id(title), title=title)

    def add_alias(self, alias: str) -> bool:
        alias = check_name(alias, "office alias")
        if normalise(alias) in {normalise(self.title), *map(normalise, self.aliases)}:
            return False
        self.trigger_event(self.AliasAdded, alias=alias)
        return True

    def set_external_id(self, scheme: str, value: str) -> bool:
        if self.external_ids.get(scheme) == value:
            return False
        self.trigger_event(self.ExternalIdSet, scheme=scheme, value=value)
        return True

    def live_terms(self) -> list[tuple[int, Term]]:
        return [(n, term) for n, term in enumerate(self.terms) if n not in self.withdrawn]

    def record_term(self, holder: UUID, start: PartialDate, end: PartialDate | None = None) -> str:
        """Record a term; the same holder and start again with a new end corrects it.

        Returns "recorded", "corrected" or "unchanged"; ValueError when it would overlap another term.
        """
        check_term_dates(start, end)
        new = Term(holder, start, end)
        same = [n for n, term in self.live_terms() if term.holder == holder and term.start == start]
        for n, term in self.live_terms():
            if n not in same and term.overlaps(new):
                raise OverlappingTerm(self.title, term, new)
        if same:
            if self.terms[same[0]] == new:
                return "unchanged"
            self.trigger_event(self.TermCorrected, term=same[0], start=start, end=end, reason="new dates")
            return "corrected"
        self.trigger_event(self.TermRecorded, holder=holder, start=start, end=end)
        return "recorded"

    def withdraw_term(self, number: int, reason: str) -> None:
        if number in self.withdrawn or not 0 <= number < len(self.terms):
            raise ValueError(f"{self.title} has no term number {number + 1}")
        self.trigger_event(self.TermWithdrawn, term=number, reason=check_text(reason, "reason", required=True))


class OverlappingTerm(ValueError):
    """Two terms of one office would certainly share a day."""

    def __init__(self, title: str, existing: Term, new: Term) -> None:
        self.existing = existing
        super().__init__(
            f"a term of {title} from {new.start} to {new.end or 'now'} would overlap the recorded term "
            f"from {existing.start} to {existing.end or 'now'}"
        )
