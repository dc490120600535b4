"""Natural-language phrases → EDTF dates, never more precise than the text (docs/time.md has the grammar).

Our own small grammar runs first (quarters, halves, seasons, early/mid/late, decades, before/after,
between … and …, weeks, weekdays), because dateparser silently invents precision; dateparser then reads
days and months, and its answer is kept only at the precision the text names. `timeline.dates` is the
entry point; this module is loaded only when a date is not already EDTF.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from events.dates import PartialDate, Precision, days_in_month
from timeline.errors import InputError

FORMS = ("2025-05-15, '15 May 2025', 'May 2025', 'Q2 2024', 'H1 2024', 'spring 2024', 'early 2024', "
         "'late May 2024', 'the 1990s', 'before July 2024', 'after 2020', 'between March and June 2024' "
         "or 'two weeks ago'")
_EDTF_CHARS = re.compile(r"[\dX?~%./\-]+")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}
_YEAR = r"(\d{4})"
_SPAN = (r"(?:(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+) )?"
         r"(days?|weeks?|fortnights?|months?|years?)")  # the past N of these (one when no N)


def read_phrase(text: str, base: date) -> PartialDate:
    """The EDTF date a natural-language phrase names, relative to `base`; InputError if none is honest."""
    if re.fullmatch(r"\s*[\[{].*[\]}]\s*", text):
        raise InputError(f"{text.strip()!r} is an EDTF set (one of, or all of, several dates), which timeline does not "
                         "take: give one date or a period such as 2024/2025 (a record per date, a question per day)")
    phrase = _normalise(text, base)
    qualifier = ""
    if phrase.endswith("?"):
        phrase, qualifier = phrase[:-1].rstrip(), "?"
    hedge = re.match(r"(?:(around|about|circa|c\.|ca\.|approximately|approx\.?|roughly)|"
                     r"(probably|possibly|perhaps|maybe))\s+", phrase)
    if hedge:
        phrase = phrase[hedge.end():]
        if hedge.group(1):  # approximate, and uncertain too when it also ends in "?"
            qualifier = "%" if qualifier else "~"
        else:
            qualifier = "?"
    value = _phrase(phrase, base, text)
    if not qualifier:
        return value
    if value.precision is Precision.RANGE or value.qualifier:
        raise InputError(f"{text!r} hedges a range, which EDTF cannot qualify; give the range without "
                         f"'around' or '?', or a day, month or year")
    return PartialDate.parse(value.text + qualifier)


def _normalise(text: str, base: date) -> str:
    phrase = " ".join(text.lower().replace("’", "'").replace("‘", "'").split())
    phrase = re.sub(r"\s*[–—]\s*", " - ", phrase).strip(" ,.;:")

    def full_year(match: re.Match[str]) -> str:  # "May '24" is May 2024, the latest such year not after base
        year = base.year // 100 * 100 + int(match.group(1))
        return str(year - 100 if year > base.year else year)

    return re.sub(r"(?<!\w)'(\d{2})\b(?!'?s)", full_year, phrase)


def _phrase(phrase: str, base: date, text: str) -> PartialDate:
    while True:  # prepositions and articles say nothing about the period
        if re.fullmatch(rf"the (?:last|past) {_SPAN}", phrase):  # "the last week": the days up to base, like "the past week"
            phrase = "past " + phrase[9:]
        stripped = re.sub(r"^(?:on|in|during|at|sometime in|some time in|over|within|the)\s+", "", phrase)
        if stripped == phrase:
            break
        phrase = stripped
    if _EDTF_CHARS.fullmatch(phrase):
        try:
            return PartialDate.parse(phrase)
        except ValueError:
            pass
    for pattern, read in _rules():
        match = pattern.fullmatch(phrase)
        if match:
            return read(match, base, text)
    return _by_dateparser(phrase, base, text)


# -- the grammar -----------------------------------------------------------------------------------


def _parse(edtf: str, text: str) -> PartialDate:
    try:
        return PartialDate.parse(edtf)
    except ValueError as error:
        raise InputError(f"{text!r} gives no valid date: {error}") from None


def _recent(make: Callable[[int], PartialDate], year: str | None, base: date) -> PartialDate:
    """With a year, that one; without, the latest that has begun by `base` (we prefer the past)."""
    if year:
        return make(int(year))
    value = make(base.year)
    return value if value.start <= base else make(base.year - 1)


def _grouping(code: int, text: str) -> Callable[[int], PartialDate]:
    return lambda year: _parse(f"{year:04d}-{code}", text)


def _quarter(match: re.Match[str], base: date, text: str) -> PartialDate:
    number, year = _numbered(match, {"last": 4, "final": 4})
    if match.group(3) in ("last", "final") and not year:  # "last quarter": the one before this one
        return _grouping(32 + (base.month - 1) // 3, text)(base.year) if base.month > 3 else _grouping(36, text)(base.year - 1)
    return _recent(_grouping(32 + number, text), year, base)


def _half(match: re.Match[str], base: date, text: str) -> PartialDate:
    number, year = _numbered(match, {"last": 2, "latter": 2})
    if match.group(3) == "last" and not year:  # "last half": the one before this one
        return _grouping(40, text)(base.year) if base.month > 6 else _grouping(41, text)(base.year - 1)
    return _recent(_grouping(39 + number, text), year, base)


def _numbered(match: re.Match[str], extra: dict[str, int]) -> tuple[int, str | None]:
    digit, digit_after, word, year, year_before, digit_late = match.groups()
    number = digit or digit_after or digit_late
    return (int(number) if number else _ORDINALS.get(word) or extra[word]), year or year_before


def _season(match: re.Match[str], base: date, text: str) -> PartialDate:
    name, year, next_year = match.groups()
    code = _SEASONS[name]
    if code == 24 and year and not next_year:
        y = int(year)
        raise InputError(f"{text!r} is ambiguous: write 'winter {y - 1}/{y}' for the winter that ends in {y}, "
                         f"or 'winter {y}/{y + 1}' for the one that begins in it")
    if next_year:
        if code != 24:
            raise InputError(f"{text!r} spans two years but only a winter does; try 'winter 2024/25' or '{name} 2024'")
        following = int(next_year) if len(next_year) == 4 else int(year) // 100 * 100 + int(next_year)
        if following != int(year) + 1:
            raise InputError(f"{text!r} names a winter across years that do not follow each other")
    return _recent(_grouping(code, text), year, base)


def _decade(match: re.Match[str], base: date, text: str) -> PartialDate:
    digits, short, word = match.groups()
    if digits:
        if digits.endswith("0") and len(digits) == 3:  # "the 1900s", "the 2000s": a decade or a century
            return _parse(f"{digits[:2]}XX", text)
        return _parse(f"{digits}X", text)
    tens = int(short) if short else _DECADE_WORDS[word]
    year = base.year // 100 * 100 + tens * 10
    return _parse(f"{(year - 100 if year > base.year else year) // 10:03d}X", text)


def _part(match: re.Match[str], base: date, text: str) -> PartialDate:
    """early / mid / late (and start / middle / end) of a year, a month or a decade."""
    word, rest = match.groups()
    third = {"early": 0, "start": 0, "beginning": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}[word]
    whole = _phrase(rest, base, text)
    if whole.qualifier:
        raise InputError(f"{text!r} hedges part of a period; give the part without '?' or 'around'")
    if whole.precision is Precision.YEAR:
        return _parse(f"{whole.text}-{37 + third}", text)  # Jan–Apr, May–Aug, Sep–Dec
    if whole.precision is Precision.MONTH:
        first, last = [(1, 10), (11, 20), (21, whole.end.day)][third]
        return _parse(f"{whole.text}-{first:02d}/{whole.text}-{last:02d}", text)
    if re.fullmatch(r"\d{3}X", whole.text):
        decade = int(whole.text[:3]) * 10
        first, last = [(0, 3), (3, 6), (6, 9)][third]  # overlapping: "mid-90s" and "late 90s" share 1996
        return _parse(f"{decade + first:04d}/{decade + last:04d}", text)
    if re.fullmatch(r"\d{2}XX", whole.text):  # "the late 1900s": of the decade or of the century, so both
        century = int(whole.text[:2]) * 100
        first, last = [(0, 3), (3, 6), (6, 9)][third]
        wide_first, wide_last = [(0, 33), (33, 66), (66, 99)][third]
        return _parse(f"{century + min(first, wide_first):04d}/{century + max(last, wide_last):04d}", text)
    raise InputError(f"{text!r}: early, mid and late apply to a year, a month or a decade; try 'early 2024', "
                     f"'late May 2024' or 'the late 1990s'")


def _start_text(value: PartialDate) -> str:
    """`value`'s start as an interval end EDTF accepts."""
    if value.start is None:
        return ".."
    if "/" not in value.text and not re.fullmatch(r"\d{4}-(?:2[5-9]|3\d|4[01])", value.text):
        return value.text
    return _shaped(value.start, value.start.day == 1)


def _end_text(value: PartialDate) -> str:
    if value.end is None:
        return ".."
    if "/" not in value.text and not re.fullmatch(r"\d{4}-(?:2[5-9]|3\d|4[01])", value.text):
        return value.text
    return _shaped(value.end, value.end.day == 1 or (value.end + timedelta(days=1)).day == 1)


def _shaped(day: date, whole_month: bool) -> str:
    return day.isoformat()[:7] if whole_month else day.isoformat()


def _start_after(value: PartialDate, text: str) -> str:
    """The first day after `value`, written at the grain of `value`: after 2020 → 2021, after July 2024 → 2024-08."""
    if value.end is None:
        raise InputError(f"{text!r}: nothing comes after an open-ended period")
    day = value.end + timedelta(days=1)
    if day.month == 1 and day.day == 1 and value.precision in (Precision.YEAR, Precision.RANGE):
        return f"{day.year:04d}"
    if day.day == 1 and value.precision is not Precision.DAY:
        return day.isoformat()[:7]
    return day.isoformat()


def _end_before(value: PartialDate, text: str) -> str:
    """The last day before `value`, at its grain: before July 2024 → 2024-06, before 2020 → 2019."""
    if value.start is None:
        raise InputError(f"{text!r}: nothing comes before an open-started period")
    day = value.start - timedelta(days=1)
    if day.month == 12 and day.day == 31 and value.precision in (Precision.YEAR, Precision.RANGE):
        return f"{day.year:04d}"
    if (day + timedelta(days=1)).day == 1 and value.precision is not Precision.DAY:
        return day.isoformat()[:7]
    return day.isoformat()


def _bound(match: re.Match[str], base: date, text: str) -> PartialDate:
    word, rest = match.groups()
    value = _phrase(rest, base, text)
    if word in ("before", "prior to", "earlier than"):
        return _parse(f"../{_end_before(value, text)}", text)
    if word in ("after", "later than"):
        return _parse(f"{_start_after(value, text)}/..", text)
    if word in ("since", "from", "starting", "starting in", "starting from", "as of", "not before",
                "no earlier than"):
        return _parse(f"{_start_text(value)}/..", text)
    return _parse(f"../{_end_text(value)}", text)  # until, by, up to, no later than: that period included


def _range(match: re.Match[str], base: date, text: str) -> PartialDate:
    left, right = (group for group in match.groups() if group is not None)
    last = _phrase(right, base, text)
    anchor = last.start or last.end
    first = None
    if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", left) and last.precision is Precision.DAY:
        first = _phrase(f"{left} {_MONTH_NAMES[anchor.month - 1]} {anchor.year}", base, text)  # 3 to 10 May 2024
    elif not re.search(r"\d{4}", left) and re.search(rf"\b(?:{_MONTH}|spring|summer|autumn|fall|winter|"
                                                    rf"q[1-4]|h[12]|quarter|half)\b", left):
        first = _phrase(f"{left} {anchor.year}", base, text)  # March to June 2024: the year is said once
        if first.start and last.start and first.start > last.start:
            first = _phrase(f"{left} {anchor.year - 1}", base, text)  # November to February 2025
    if first is None:
        first = _phrase(left, base, text)
    return _parse(f"{_start_text(first)}/{_end_text(last)}", text)


def _week_of(day: date) -> PartialDate:
    monday = day - timedelta(days=day.weekday())
    return PartialDate.between(monday, monday + timedelta(days=6))


def _weeks(match: re.Match[str], base: date, text: str) -> PartialDate:
    which, count, fortnight = match.groups()
    if fortnight:
        return _week_of(base - timedelta(days=14))
    if count:
        return _week_of(base - timedelta(days=7 * _count(count)))
    offset = {"last": -7, "previous": -7, "next": 7}[which]
    return _week_of(base + timedelta(days=offset))


def _span(match: re.Match[str], base: date, text: str) -> PartialDate:
    """"the past week", "the last 3 months", "past year": from that long before `base` to `base`, both included."""
    count, unit = match.groups()
    number = _count(count) if count else 1
    try:
        if unit[0] in "dwf":  # days, weeks, fortnights
            first = base - timedelta(days=number * {"d": 1, "w": 7, "f": 14}[unit[0]])
        else:  # the same day so many months back, or that month's last day
            year, month = divmod(base.year * 12 + base.month - 1 - number * (12 if unit[0] == "y" else 1), 12)
            first = date(year, month + 1, min(base.day, days_in_month(year, month + 1)))
    except (OverflowError, ValueError):
        raise InputError(f"{text!r} reaches back before the year 1") from None
    return PartialDate.between(first, base)


def _to_date(match: re.Match[str], base: date, text: str) -> PartialDate:
    """"this week", "this month", "this year": from its first day to `base` (a record dates what was done)."""
    unit = match.group(1)
    if unit == "week":
        return PartialDate.between(base - timedelta(days=base.weekday()), base)
    whole = PartialDate.of(base, unit)  # on its last day, the whole month or year
    return whole if whole.end == base else PartialDate.between(whole.start, base)  # type: ignore[arg-type]


def _weekend(match: re.Match[str], base: date, text: str) -> PartialDate:
    saturday = base - timedelta(days=base.weekday()) + timedelta(days=5)
    saturday += timedelta(days={"this": 0, "last": -7, "next": 7}.get(match.group(1), 0 if saturday <= base else -7))
    return PartialDate.between(saturday, saturday + timedelta(days=1))


def _week_containing(match: re.Match[str], base: date, text: str) -> PartialDate:
    day = _phrase(match.group(1), base, text)
    if day.precision is not Precision.DAY:
        raise InputError(f"{text!r}: 'the week of' needs a day, e.g. 'the week of 12 May 2025'")
    return _week_of(day.start)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _weekday(match: re.Match[str], base: date, text: str) -> PartialDate:
    which, name = match.groups()
    back = (base.weekday() - _WEEKDAYS.index(name)) % 7  # days since that weekday, 0 on the day itself
    if which == "last":
        back = back or 7  # strictly before: "last Friday" on a Friday is a week ago
    elif which == "this":
        back = base.weekday() - _WEEKDAYS.index(name)  # in this Monday-to-Sunday week
    elif which == "next":
        back = -((_WEEKDAYS.index(name) - base.weekday()) % 7 or 7)
    return PartialDate.of(base - timedelta(days=back))


_WHICH = r"(?:(first|second|third|fourth|1st|2nd|3rd|4th|last|final|latter))"


@functools.cache
def _rules() -> list[tuple[re.Pattern[str], Callable[[re.Match[str], date, str], PartialDate]]]:
    """The phrase patterns, in the order they are tried; compiled on first use (read commands never need them)."""
    return [
        (re.compile(r"(?:between\s+(.+?)\s+and|from\s+(.+?)\s+(?:to|until|till|through|thru|-))\s+(.+)"), _range),
        (re.compile(r"(before|prior to|earlier than|after|later than|since|from|starting(?: in| from)?|as of|"
                    r"not before|no earlier than|until|till|up to|up until|by|no later than)\s+(.+)"), _bound),
        (re.compile(r"(.+?)\s+(?:to|until|till|through|thru)\s+(.+)"), _range),
        (re.compile(rf"({_MONTH})\s*-\s*({_MONTH}.*)|(\d{{1,2}})(?:st|nd|rd|th)?\s*-\s*(\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}.*)|"
                    r"(\d{4})\s*-\s*(\d{4})"), _range),
        (re.compile(r"(early|mid|late|start|beginning|middle|end)(?:\s+of)?(?:\s+in)?(?:\s*-\s*|\s+)(.+)"), _part),
        (re.compile(rf"(?:q([1-4])|([1-4])q|{_WHICH} quarter)(?:\s+of)?(?:\s*{_YEAR})?|{_YEAR}\s*-?\s*q([1-4])"), _quarter),
        (re.compile(rf"(?:h([12])|([12])h|{_WHICH} half)(?:\s+of)?(?:\s*{_YEAR})?|{_YEAR}\s*-?\s*h([12])"), _half),
        (re.compile(r"(spring|summer|autumn|fall|winter)(?:\s+of)?(?:\s+(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?)?"), _season),
        (re.compile(r"(\d{3})0'?s|'?(\d)0'?s|(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"),
         _decade),
        (re.compile(rf"(?:past|(?:last|previous)(?= \S+ ))\s{_SPAN}"), _span),  # "last week" alone: the calendar week
        (re.compile(r"this (week|month|year)"), _to_date),
        (re.compile(r"(last|previous|next) week|(a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
                    r"eleven|twelve|\d+) weeks? ago|(a fortnight ago|week before last)"), _weeks),
        (re.compile(r"(?:(this|last|next) )?weekend"), _weekend),
        (re.compile(r"week (?:of|beginning|starting) (.+)"), _week_containing),
        (re.compile(rf"(?:(last|this|next) )?({'|'.join(_WEEKDAYS)})(?: (?:morning|afternoon|evening|night))?"), _weekday),
    ]


# -- dateparser, guarded ---------------------------------------------------------------------------

_DAY_EVIDENCE = (
    r"(?<![\d:'])\d{1,2}(?:st|nd|rd|th)?(?![\d:]|\s*[ap]\.?m\b)|\b(?:yesterday|today|tonight|tomorrow|now|days?|hours?|"
    r"minutes?|morning|afternoon|evening|night|" + "|".join(_WEEKDAYS) + r")\b")
_MONTH_EVIDENCE = rf"\b(?:{_MONTH}|months?)\b|\b\d{{1,2}}[/.]\d{{4}}\b|\b\d{{4}}[/.]\d{{1,2}}\b"
_YEAR_EVIDENCE = r"\b\d{4}\b|\byears?\b"


def _by_dateparser(phrase: str, base: date, text: str) -> PartialDate:
    from dateparser.date import DateDataParser  # heavy: only for natural language

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
        data = parser.get_date_data(phrase)
    except (ValueError, OverflowError):
        data = None
    if data is None or data.date_obj is None:
        raise InputError(f"cannot understand the date {text!r}; try {FORMS}")
    found = data.date_obj.date()
    period = data.period or "day"
    # dateparser fills in what the text does not say (the 1st, today's date): keep only what it names
    if period in ("day", "time", "part_of_day") and re.search(_DAY_EVIDENCE, phrase):
        return PartialDate.of(found)
    if period == "week":
        return _week_of(found)
    if period == "month" and re.search(_MONTH_EVIDENCE, phrase):
        return PartialDate.of(found, "month")
    if period == "year" and re.search(_YEAR_EVIDENCE, phrase):
        return PartialDate.of(found, "year")
    raise InputError(f"cannot understand the date {text!r} without inventing precision; try {FORMS}")
