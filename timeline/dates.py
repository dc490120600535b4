"""Reading dates people type: EDTF directly, our own phrases for periods, dateparser for days and months.

A date read from text is never more precise than the text (docs/time.md has the full grammar):
- EDTF input (`2025-05-15`, `2024-34`, `../2024-06`, `199X`) never loads dateparser (~0.2 s) nor, for
  the common forms, the edtf package.
- Our grammar runs before dateparser, because dateparser silently invents precision ("Q2 2024" → 1 May,
  "1990s" → today, "May '24" → 24 May, "two weeks ago" → a whole year): quarters, halves, seasons,
  early/mid/late, decades, before/after/since/until, between … and …, weeks, weekdays.
- dateparser's answer is then only kept at the precision the text names: a day needs a day number or a
  day word ("yesterday", a weekday), a month a month name, a year a year.
- Relative phrases are resolved against `relative_to` (an article's publication date) or today, preferring
  the past. A weekday named on that weekday is that same day ("Friday" on Friday 16 May 2025 is 16 May);
  "last Friday" is the one before (9 May).

Record time (`--known-at`) is read by `parse_moment`: the bound includes everything the text names.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from events.dates import PartialDate
from timeline.errors import InputError

_EDTF_ASCII = "0123456789X?~%./-"  # the characters of an EDTF date, with any other decimal digit (\d)
_DAY_FIRST_NUMERIC = r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
_ISO_DATETIME = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?"

class ParsedDate:
    """What a date text was read as; `natural` is True when it was not plain EDTF (the CLI echoes those)."""

    __slots__ = ("text", "value", "natural")

    def __init__(self, text: str, value: PartialDate, natural: bool) -> None:
        self.text, self.value, self.natural = text, value, natural

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ParsedDate):
            return NotImplemented
        return (self.text, self.value, self.natural) == (other.text, other.value, other.natural)

    def __hash__(self) -> int:
        return hash((self.text, self.value, self.natural))

    def __repr__(self) -> str:
        return f"ParsedDate({self.text!r}, {self.value!r}, natural={self.natural})"

    def describe(self, relative_to: date | None = None) -> str:
        """`'Q2 2024' read as 2024-34 (2024-04-01 to 2024-06-30)`: the EDTF date and its period."""
        period = describe_period(self.value)
        if not self.natural:
            return f"{self.value}{period}"
        base = f" relative to {relative_to}" if relative_to else ""
        return f"{self.text!r}{base} read as {self.value}{period}"


def describe_period(value: PartialDate) -> str:
    """The period in words, for echoing back: "" for a plain day, " (2024-04-01 to 2024-06-30)" otherwise."""
    notes = {"?": ", uncertain", "~": ", approximate", "%": ", uncertain and approximate"}
    note = notes.get(value.qualifier, "")
    if value.start is None:
        return f" (up to {value.end}{note})"
    if value.end is None:
        return f" (from {value.start} on{note})"
    if value.start == value.end:
        return f" ({note[2:]})" if note else ""
    return f" ({value.start} to {value.end}{note})"


def edtf_characters(text: str) -> bool:
    """Whether `text` (not empty) matches `[\\dX?~%./\\-]+`, tested without compiling the pattern: that
    cost ~0.4 million instructions at every start (issue 17). `\\d` is any decimal digit (Unicode
    category Nd, `str.isdecimal`); the common case, ASCII only, is one `strip`."""
    return not text.strip(_EDTF_ASCII) or all(ch.isdecimal() or ch in _EDTF_ASCII for ch in text)


def wall_today() -> date:
    """Today (UTC) by the wall clock: the day of a known_at stamped now, so that leaving `--on` out
    and re-running with the printed known_at ask about the same day. Tests move it to ask "tomorrow"."""
    return wall_now().date()


def wall_now() -> datetime:
    """Now, UTC, by the wall clock (the seam `wall_today` is for days)."""
    return datetime.now(UTC)


def asked_day(known_at: datetime | None) -> date:
    """The day a question is about when none is given: the day (UTC) of `--known-at` when it is given,
    else today. So re-running a command with the known_at it printed, on any later day, asks about the
    same day and gives the same answer (DESIGN §3)."""
    return known_at.astimezone(UTC).date() if known_at is not None else wall_today()


def parse_date(text: str, *, relative_to: date | None = None, today: date | None = None) -> ParsedDate:
    """Parse a user's date into an EDTF date, or raise InputError with one clear sentence."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("the date is empty")
    text = text.strip()
    if edtf_characters(text):
        try:
            return ParsedDate(text, PartialDate.parse(text), natural=False)
        except ValueError as error:
            if not (re.fullmatch(_DAY_FIRST_NUMERIC, text) or re.fullmatch(r"\d{4}\s*-\s*\d{4}", text)):
                raise InputError(str(error)) from None
    from timeline.phrases import read_phrase

    return ParsedDate(text, read_phrase(text, relative_to or today or wall_today()), natural=True)


_CLOCK_SECONDS = r"\d{1,2}:\d{2}:\d{2}"
_CLOCK = r"\d{1,2}:\d{2}|\b(?:am|pm|noon|midnight)\b|\d(?:am|pm)\b"
_BARE_TIME = (r"(?:\d{1,2}:\d{2}(:\d{2}(?:\.\d+)?)?(?:\s*[ap]m)?|\d{1,2}\s*[ap]m|noon|midnight)"
              r"(?:\s*(?:utc|z))?")  # a time of day alone: today's
_RELATIVE_MOMENT = r"\b(?:now|hours?|minutes?|mins?|seconds?|secs?)\b"


def parse_moment(text: str, *, now: datetime | None = None) -> datetime:
    """Parse a record-time bound for --known-at, as an aware UTC datetime, never in the future.

    The bound includes everything the text names: a bare date ("2026-11-26", "yesterday") is the end
    of that day (UTC), a time without fractions the end of its second (or minute), so a timestamp
    copied from the output includes its own record. A time without an offset is UTC.
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError("the --known-at time is empty")
    text = text.strip()
    now = (now or wall_now()).astimezone(UTC)
    bare = re.fullmatch(_BARE_TIME, text.lower())
    if bare:  # "3pm": today's, never yesterday's without saying so
        text = f"{now.date().isoformat()} {text}"
    moment = _moment(text, now)
    if moment > now and bare:
        raise InputError(f"--known-at {bare.group(0)!r} is today at {utc_iso(moment)[11:19 if bare.group(1) else 16]} UTC, which is still to "
                         f"come (a time alone means today); for yesterday's, write 'yesterday {bare.group(0)}'")
    if moment > now:
        raise InputError(f"--known-at {text!r} means {utc_iso(moment)}, which is in the future; "
                         f"leave --known-at out to ask about now")
    return moment


def _moment(text: str, now: datetime) -> datetime:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            day = date.fromisoformat(text)
        except ValueError as error:
            raise InputError(f"{text!r} is not a calendar date: {error}") from None
        return datetime.combine(day, time.max, tzinfo=UTC)
    match = re.fullmatch(_ISO_DATETIME, text)
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
            "TIMEZONE": "UTC",
            "RETURN_AS_TIMEZONE_AWARE": True,
            "TO_TIMEZONE": "UTC",
            "RELATIVE_BASE": now.replace(tzinfo=None),
        },
    )
    if moment is None:
        raise InputError(f"cannot understand the time {text!r}; try 2026-11-26T10:00:00+00:00, 2026-11-26 or yesterday")
    moment = moment.astimezone(UTC)
    lower = text.lower()
    if re.search(_RELATIVE_MOMENT, lower):
        return moment  # "now", "two hours ago": the moment itself
    if re.search(r"\d:\d{2}[.,]\d", lower):
        return moment  # a time with fractions names an instant
    if re.search(_CLOCK_SECONDS, lower):
        return moment.replace(microsecond=999_999)
    if re.search(_CLOCK, lower):
        return moment.replace(second=59, microsecond=999_999)
    return datetime.combine(moment.date(), time.max, tzinfo=UTC)  # a day ("yesterday"): its end


_ZERO = timedelta(0)


def utc_iso(moment: datetime) -> str:
    """Fixed-width ISO form (always with microseconds), so record times sort as text."""
    if moment.utcoffset() != _ZERO:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=UTC).isoformat(timespec="microseconds")
