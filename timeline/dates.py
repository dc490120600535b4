"""Reading dates people type: ISO partial dates directly, anything else through dateparser.

ISO input never imports dateparser (it costs ~0.2 s to load). Natural language is day-first
("3/5/2025" is 3 May), prefers the past ("Thursday" is the last one), and is resolved against
`relative_to` (an article's publication date) or today. A week ("last week") is recorded as the
month, or the year, that contains it: never more precise than the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from events.dates import PartialDate, smallest_containing
from timeline.errors import InputError

_LOOKS_NUMERIC = re.compile(r"[\d\s\-/.:]+")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")


@dataclass(frozen=True)
class ParsedDate:
    text: str
    value: PartialDate
    natural: bool  # True when dateparser read it (the CLI echoes those)

    def describe(self, relative_to: date | None = None) -> str:
        if not self.natural:
            return f"{self.value}"
        base = f" relative to {relative_to}" if relative_to else ""
        return f"{self.text!r}{base} read as {self.value} ({self.value.precision})"


def parse_date(text: str, *, relative_to: date | None = None, today: date | None = None) -> ParsedDate:
    """Parse a user's date into a partial date, or raise InputError with one clear sentence."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("the date is empty")
    text = text.strip()
    if text[:4].isdigit() and _LOOKS_NUMERIC.fullmatch(text):
        try:
            return ParsedDate(text, PartialDate.parse(text), natural=False)
        except ValueError as error:
            if re.fullmatch(r"\d{4}(-\d{1,2}){0,2}", text) or not re.search(r"[/.]", text):
                raise InputError(str(error)) from None
    return ParsedDate(text, _natural(text, relative_to or today or date.today()), natural=True)


def _natural(text: str, base: date) -> PartialDate:
    from dateparser.date import DateDataParser  # heavy: only for non-ISO input

    parser = DateDataParser(
        languages=["en"],
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
            "RELATIVE_BASE": datetime.combine(base, time(12)),
            "RETURN_TIME_AS_PERIOD": True,
        },
    )
    try:
        data = parser.get_date_data(text)
    except (ValueError, OverflowError):
        data = None
    if data is None or data.date_obj is None:
        raise InputError(f"cannot understand the date {text!r}; try 2025-05-15, 'May 2025' or '15 May 2025'")
    found = data.date_obj.date()
    period = data.period or "day"
    try:
        if period == "year":
            return PartialDate(found.year)
        if period == "month":
            return PartialDate(found.year, found.month)
        if period == "week":
            monday = found - timedelta(days=found.weekday())
            return smallest_containing(monday, monday + timedelta(days=6))
        return PartialDate.of(found)
    except ValueError as error:
        raise InputError(f"the date {text!r} is out of range: {error}") from None


def parse_moment(text: str, *, now: datetime | None = None) -> datetime:
    """Parse a record-time bound for --known-at, as an aware UTC datetime.

    The bound is inclusive of what the text names: a bare date means the end of that day (UTC),
    a time without fractions the end of that second, so a timestamp copied from the output
    includes its own record.
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError("the --known-at time is empty")
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            day = date.fromisoformat(text)
        except ValueError as error:
            raise InputError(f"{text!r} is not a calendar date: {error}") from None
        return datetime.combine(day, time.max, tzinfo=UTC)
    match = _ISO_DATETIME.fullmatch(text)
    if match:
        try:
            moment = datetime.fromisoformat(text.replace(" ", "T"))
        except ValueError as error:
            raise InputError(f"{text!r} is not a valid date and time: {error}") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        if not match.group(2):  # no fraction: include the whole second (or minute) named
            moment = moment.replace(microsecond=999_999, second=moment.second if match.group(1) else 59)
        return moment.astimezone(UTC)
    from dateparser import parse

    moment = parse(
        text,
        languages=["en"],
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": True,
            "TO_TIMEZONE": "UTC",
            "RELATIVE_BASE": (now or datetime.now(UTC)).replace(tzinfo=None),
        },
    )
    if moment is None:
        raise InputError(f"cannot understand the time {text!r}; try 2026-11-26T10:00:00+00:00 or 2026-11-26")
    return moment.astimezone(UTC)


_ZERO = timedelta(0)


def utc_iso(moment: datetime) -> str:
    """Fixed-width ISO form (always with microseconds), so record times sort as text."""
    if moment.utcoffset() != _ZERO:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=UTC).isoformat(timespec="microseconds")
