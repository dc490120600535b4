"""Partial dates: a day, a month or a year, and the period each one covers."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A calendar date known to the day, the month or only the year.

    `str()` gives the ISO form (`2025-05-15`, `2025-05`, `2025`), which is also how it is stored.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is outside 1-9999")
        if self.month is None:
            if self.day is not None:
                raise ValueError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 1 and 12")
        if self.day is not None:
            if not 1 <= self.day <= days_in_month(self.year, self.month):
                raise ValueError(f"{_MONTHS[self.month - 1]} {self.year} has no day {self.day}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; ValueError with a reason otherwise."""
        return _parse(text) if cls is PartialDate else cls._parse(text)

    @classmethod
    def _parse(cls, text: str) -> PartialDate:
        match = _ISO.fullmatch(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            return cls(year, month, day)
        except ValueError as error:
            raise ValueError(f"{text.strip()!r} is not a calendar date: {error}") from None

    @classmethod
    def of(cls, day: date, precision: Precision | str = Precision.DAY) -> PartialDate:
        """The partial date of `precision` that contains `day`."""
        precision = Precision(precision)
        if precision is Precision.YEAR:
            return cls(day.year)
        if precision is Precision.MONTH:
            return cls(day.year, day.month)
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        return Precision.DAY

    @property
    def start(self) -> date:
        """First day of the period."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> date:
        """Last day of the period."""
        if self.month is None:
            return date(self.year, 12, 31)
        if self.day is None:
            return date(self.year, self.month, days_in_month(self.year, self.month))
        return date(self.year, self.month, self.day)

    def __str__(self) -> str:
        return _iso_text(self.year, self.month, self.day)

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        # Pickled as its text (bulk import spools batches): far cheaper than the dataclass state.
        return (_parse, (str(self),))

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"


@functools.lru_cache(maxsize=65536)
def _iso_text(year: int, month: int | None, day: int | None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


@functools.lru_cache(maxsize=65536)
def _parse(text: str) -> PartialDate:
    """Dates repeat a lot in bulk imports; the values are immutable, so parsing is cached."""
    return PartialDate._parse(text)


def smallest_containing(first: date, last: date) -> PartialDate:
    """The most precise partial date whose period contains [first, last] (a week → its month or year)."""
    if first == last:
        return PartialDate.of(first)
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month)
    if first.year == last.year:
        return PartialDate(first.year)
    raise ValueError(f"{first} to {last} spans more than one year")
