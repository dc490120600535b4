"""Dates as EDTF (ISO 8601-2, the Library of Congress Extended Date/Time Format) and their periods.

A record's date is one EDTF expression; its **period** is [earliest day, latest day], strict bounds.
Accepted forms (DESIGN §2):

- level 0: `2025-05-15`, `2025-05`, `2025`;
- qualifiers `?` (uncertain), `~` (approximate), `%` (both) on a level-0 date (`2024-05?`) or, level 2,
  on its parts (`2024-?05`): kept in the text and shown, but they do not widen the period;
- intervals `2024-04-01/2024-06-30`, with open ends `../2024-06`, `2024-07/..`; an unknown end
  (`2024-07/`) is read as open too, since any bound we put there would be invented; an end may be
  a level-0 date, a season 21–24 or unspecified digits (EDTF has no groupings 25–41 in intervals);
- seasons and sub-year groupings, `YYYY-NN`:
  21 spring = March–May, 22 summer = June–August, 23 autumn = September–November,
  24 winter = December of that year to February of the next (meteorological seasons, Northern hemisphere);
  25–28 the same four, named Northern explicitly; 29–32 Southern spring (Sep–Nov), summer (Dec–Feb),
  autumn (Mar–May), winter (Jun–Aug); 33–36 quarters; 37–39 four-month thirds (Jan–Apr, May–Aug,
  Sep–Dec); 40–41 halves;
- unspecified digits: `199X` (the 1990s), `19XX`, `2024-XX`, `2024-XX-15`.

The `edtf` package is the reference parser. It costs ~70 ms to import and ~3 ms a parse, so the common
shapes (level 0, qualified level 0, seasons and groupings, intervals of those) are read by a small
regular grammar here, proven equal to `edtf`'s strict bounds by the tests; `edtf` reads the rest.
Where `edtf` is wrong we differ on purpose: it makes a winter December only (we say December to
February), and it pads an unknown interval end by ten years (we leave it open).

Sets (`[2024,2025]`, `{…}`), times of day and years outside 1–9999 are refused.
**Precision** is derived for humans and old scripts: `day`, `month` or `year` for a level-0 date,
qualified anywhere (`2024-05?`, `2024-?05`, `?2024-05`), `range` for anything else.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from enum import StrEnum
from typing import Any


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")

# Sub-year groupings: code -> (first month, number of months). Winter runs into the next year.
GROUPINGS: dict[int, tuple[int, int]] = {
    21: (3, 3), 22: (6, 3), 23: (9, 3), 24: (12, 3),
    25: (3, 3), 26: (6, 3), 27: (9, 3), 28: (12, 3),
    29: (9, 3), 30: (12, 3), 31: (3, 3), 32: (6, 3),
    33: (1, 3), 34: (4, 3), 35: (7, 3), 36: (10, 3),
    37: (1, 4), 38: (5, 4), 39: (9, 4),
    40: (1, 6), 41: (7, 6),
}
GROUPING_NAMES = {
    21: "spring", 22: "summer", 23: "autumn", 24: "winter", 25: "spring (Northern)", 26: "summer (Northern)",
    27: "autumn (Northern)", 28: "winter (Northern)", 29: "spring (Southern)", 30: "summer (Southern)",
    31: "autumn (Southern)", 32: "winter (Southern)", 33: "first quarter", 34: "second quarter",
    35: "third quarter", 36: "fourth quarter", 37: "first four months", 38: "second four months",
    39: "last four months", 40: "first half", 41: "second half",
}

_HINT = ("give an EDTF date such as 2025-05-15, 2025-05, 2025, 2024-04-01/2024-06-30, ../2024-06, "
         "2024-21 (spring), 2024-34 (second quarter), 2024-40 (first half) or 199X")


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _month_end(year: int, month: int) -> date:
    return date(year, month, days_in_month(year, month))


class PartialDate:
    """An EDTF date: its canonical text, its period [start, end] (None = open) and a derived precision.

    `PartialDate(2025, 5)` builds a level-0 date; `PartialDate.parse(text)` reads any accepted form.
    Equality and hashing go by the text (`2024-05?` is not `2024-05`); ordering is timeline order:
    period start, then end, then text.
    """

    __slots__ = ("text", "start", "end", "precision")

    text: str
    start: date | None
    end: date | None
    precision: Precision

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        value = _level0(year, month, day, "")
        for name in PartialDate.__slots__:
            object.__setattr__(self, name, getattr(value, name))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a PartialDate is immutable")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse an EDTF date (see the module docstring); ValueError with a one-sentence reason otherwise."""
        return _parse(text)

    @classmethod
    def of(cls, day: date, precision: Precision | str = Precision.DAY) -> PartialDate:
        """The level-0 date of `precision` that contains `day`."""
        precision = Precision(precision)
        if precision is Precision.YEAR:
            return _level0(day.year, None, None, "")
        if precision is Precision.MONTH:
            return _level0(day.year, day.month, None, "")
        if precision is Precision.DAY:
            return _level0(day.year, day.month, day.day, "")
        raise ValueError("a single day has no range precision; use PartialDate.between")

    @classmethod
    def between(cls, first: date, last: date) -> PartialDate:
        """The interval of days [first, last] (a single day when they are equal)."""
        if first == last:
            return cls.of(first)
        return _parse(f"{first.isoformat()}/{last.isoformat()}")

    @property
    def year(self) -> int | None:
        """The year of a level-0 date (None for other forms)."""
        return self.start.year if self.precision is not Precision.RANGE else None  # type: ignore[union-attr]

    @property
    def month(self) -> int | None:
        return self.start.month if self.precision in (Precision.MONTH, Precision.DAY) else None  # type: ignore[union-attr]

    @property
    def day(self) -> int | None:
        return self.start.day if self.precision is Precision.DAY else None  # type: ignore[union-attr]

    @property
    def qualifier(self) -> str:
        """`?`, `~` or `%` when a day, month or year carries one, else "". A qualifier on a part
        (`2024-?05`, `?2024-05`) counts for the date: `?` or `~` as written, `%` when both appear."""
        if self.precision is Precision.RANGE:
            return ""
        if self.text[-1] in "?~%":
            return self.text[-1]
        marks = {mark for mark in self.text if mark in "?~%"}
        return "%" if "%" in marks or len(marks) == 2 else "".join(marks)

    @property
    def period(self) -> tuple[date | None, date | None]:
        """(first day, last day); None for an open end."""
        return self.start, self.end

    @property
    def is_open(self) -> bool:
        return self.start is None or self.end is None

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"PartialDate({self.text!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PartialDate):
            return self.text == other.text
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.text)

    def _key(self) -> tuple[date, date, str]:
        return (self.start or date.min, self.end or date.max, self.text)

    def __lt__(self, other: PartialDate) -> bool:
        return self._key() < other._key()

    def __le__(self, other: PartialDate) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: PartialDate) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: PartialDate) -> bool:
        return self._key() >= other._key()

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        # Pickled as its text (bulk import spools batches): far cheaper than the object state.
        return (_parse, (self.text,))


EdtfDate = PartialDate


def _make(text: str, start: date | None, end: date | None, precision: Precision) -> PartialDate:
    value = _new(PartialDate)
    _set_text(value, text)
    _set_start(value, start)
    _set_end(value, end)
    _set_precision(value, precision)
    return value


_new = object.__new__
_set_text, _set_start, _set_end, _set_precision = (
    getattr(PartialDate, name).__set__ for name in ("text", "start", "end", "precision"))


def _level0(year: int, month: int | None, day: int | None, qualifier: str) -> PartialDate:
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is outside 1-9999")
    if month is None:
        if day is not None:
            raise ValueError("a day needs a month")
        return _make(f"{year:04d}{qualifier}", date(year, 1, 1), date(year, 12, 31), Precision.YEAR)
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not between 1 and 12")
    if day is None:
        return _make(f"{year:04d}-{month:02d}{qualifier}", date(year, month, 1), _month_end(year, month),
                     Precision.MONTH)
    if not 1 <= day <= days_in_month(year, month):
        raise ValueError(f"{_MONTHS[month - 1]} {year} has no day {day}")
    when = date(year, month, day)
    return _make(f"{year:04d}-{month:02d}-{day:02d}{qualifier}", when, when, Precision.DAY)


def _grouping(text: str, year: int, code: int) -> PartialDate:
    first, months = GROUPINGS[code]
    last_month = first + months - 1
    last_year = year + (last_month - 1) // 12
    last_month = (last_month - 1) % 12 + 1
    if year < 1 or last_year > 9999:
        raise ValueError(f"{text!r} is outside the years 1-9999")
    return _make(text, date(year, first, 1), _month_end(last_year, last_month), Precision.RANGE)


# Compiled on first use (`re` caches it): a day (YYYY-MM-DD, the common case) is read without it, and
# compiling it cost ~0.5 million instructions at every start of the command (issue 17).
_L0 = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%]?)"
_GROUP = r"(\d{4})-(2[1-9]|3\d|4[01])"  # intervals only: compiled (and cached by `re`) on first use


def _l0_groups(text: str) -> tuple[str | None, ...] | None:
    """`_L0.fullmatch(text).groups()`, or None; YYYY-MM-DD (`\\d` is `str.isdecimal`) without the pattern."""
    if len(text) == 10 and text[4] == text[7] == "-" and (text[:4] + text[5:7] + text[8:]).isdecimal():
        return text[:4], text[5:7], text[8:], ""
    match = re.fullmatch(_L0, text)
    return match.groups() if match else None


def _single(text: str) -> PartialDate:
    """One date, not an interval: the fast grammar, else the edtf package."""
    groups = _l0_groups(text)
    if groups:
        year, month, day, qualifier = groups
        if day:  # the bulk case: date() checks it all, _level0 below explains a failure
            try:
                when = date(int(year), int(month), int(day))
            except ValueError:
                pass
            else:
                return _make(text, when, when, Precision.DAY)
        elif month:
            number = int(month)
            if 1 <= number <= 12 and year != "0000":
                return _make(text, date(int(year), number, 1), _month_end(int(year), number), Precision.MONTH)
            if 21 <= number <= 41:
                if qualifier:
                    raise ValueError(f"{text!r} is not a date: a season or grouping takes no qualifier")
                return _grouping(text, int(year), number)
        elif year != "0000":
            number = int(year)
            return _make(text, date(number, 1, 1), date(number, 12, 31), Precision.YEAR)
        try:
            return _level0(int(year), int(month) if month else None, int(day) if day else None, qualifier)
        except ValueError as error:
            raise ValueError(f"{text!r} is not a calendar date: {error}") from None
    from events.unspecified import bounds, is_partly_unspecified

    if is_partly_unspecified(text):  # 2024-1X, 2024-05-3X: forms the edtf package fails on
        return _make(text, *bounds(text), Precision.RANGE)
    return _by_edtf(text)


# edtf classes whose strict bounds are a period we accept (sets, times and long years are not).
_EDTF_SINGLE = {"Date", "UncertainOrApproximate", "Unspecified", "PartialUnspecified", "PartialUncertainOrApproximate"}


def _by_edtf(text: str) -> PartialDate:
    from edtf import EDTFParseException, parse_edtf  # ~70 ms to import: only for the uncommon forms

    try:
        parsed = _quietly(parse_edtf, text)
    except (EDTFParseException, ValueError, AttributeError, TypeError):  # the last two: its own bugs
        raise ValueError(f"{text!r} is not a date: {_HINT}") from None
    kind = type(parsed).__name__
    if kind not in _EDTF_SINGLE:
        if kind == "DateAndTime":
            raise ValueError(f"{text!r} has a time of day; give the day alone, e.g. {text.partition('T')[0]}")
        what = "a set of dates" if kind in ("OneOfASet", "MultipleDates") else "an EDTF form timeline does not use"
        raise ValueError(f"{text!r} is {what}: {_HINT}")
    try:
        lower, upper = parsed.lower_strict(), parsed.upper_strict()
    except (ValueError, AttributeError, TypeError):  # the package parses `2024-05-4X`, then fails on its days
        raise ValueError(f"{text!r} is not a date: {_HINT}") from None
    if not all(1 <= t.tm_year <= 9999 for t in (lower, upper)):
        raise ValueError(f"{text!r} is outside the years 1-9999")
    plain = re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text.translate(_NO_QUALIFIERS)) if kind.endswith("Approximate") else None
    precision = Precision.RANGE if plain is None else (
        Precision.DAY if plain.group(2) else Precision.MONTH if plain.group(1) else Precision.YEAR)
    return _make(text, date(lower.tm_year, lower.tm_mon, lower.tm_mday),
                 date(upper.tm_year, upper.tm_mon, upper.tm_mday), precision)


# A qualifier on a part (`2024-?05`, `?2024-05-15`): the date is still a month or a day (docs/time.md)
_NO_QUALIFIERS = str.maketrans("", "", "?~%")


def _interval(text: str) -> PartialDate:
    left, _, right = text.partition("/")
    if "/" in right:
        parts = text.split("/")
        if len(parts) == 3 and all(part.isdigit() for part in parts):  # 2025/05/15 or 15/05/2025
            year, month, day = parts if len(parts[0]) == 4 else parts[::-1]
            raise ValueError(f"{text!r} is not a date: write {year}-{month.zfill(2)}-{day.zfill(2)} "
                             "('/' only separates the two ends of an interval)")
        raise ValueError(f"{text!r} is not a date: an interval has one '/'")
    if len(left) == 4 and len(right) == 2 and (left + right).isdigit():  # 2024/25: two years said short
        following = f"{int(left) // 100 * 100 + int(right):04d}"
        raise ValueError(f"{text!r} is not a date: write {left}/{following} for the two years, {left}-24 (or 'winter "
                         f"{text}') for that winter, or the months, e.g. {left}-04/{following}-03 for a financial year")
    if left in ("", "..") and right in ("", ".."):
        raise ValueError(f"{text!r} is not a date: an interval needs at least one known end")
    first = None if left in ("", "..") else _single(left)
    last = None if right in ("", "..") else _single(right)
    for side in (first, last):
        if side is None or side.precision is not Precision.RANGE:
            continue
        grouping = re.fullmatch(_GROUP, side.text)
        if grouping and int(grouping.group(2)) > 24:
            raise ValueError(f"{text!r} is not a date: in an interval, write a quarter, half or other grouping "
                             f"by its months (2024-01/2024-06, not 2024-33/2024-34)")
        if not grouping and "X" not in side.text:  # unspecified digits: read by us, the package fails on them
            _by_edtf_interval(text)  # a level-2 end: let edtf say whether the whole is valid EDTF
            break
    start = first.start if first else None
    end = last.end if last else None
    if start and end and start > end:
        raise ValueError(f"{text!r} ends before it starts")
    return _make(text, start, end, Precision.RANGE)


def _by_edtf_interval(text: str) -> None:
    from edtf import EDTFParseException, parse_edtf

    try:
        _quietly(parse_edtf, text)
    except (EDTFParseException, ValueError, AttributeError, TypeError):
        raise ValueError(f"{text!r} is not a date: {_HINT}") from None


def _quietly(parse: Any, text: str) -> Any:
    """`parse(text)` with the edtf package's debugging prints kept off stdout (`--json` is read there)."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        return parse(text)


@functools.lru_cache(maxsize=65536)
def _parse(text: str) -> PartialDate:
    """Dates repeat a lot in bulk imports; the values are immutable, so parsing is cached."""
    if not isinstance(text, str):
        raise ValueError(f"{text!r} is not a date: {_HINT}")
    text = text.strip()
    if "/" in text:
        return _interval(text)
    return _single(text)


def smallest_containing(first: date, last: date) -> PartialDate:
    """The most precise level-0 date whose period contains [first, last] (a week → its month or year).

    For the exact days use `PartialDate.between(first, last)`.
    """
    if first == last:
        return PartialDate.of(first)
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month)
    if first.year == last.year:
        return PartialDate(first.year)
    raise ValueError(f"{first} to {last} spans more than one year")
