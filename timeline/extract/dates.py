"""Dates an article gives, resolved against its publication date, never more precise than the text.

dateparser's `search_dates` finds the candidate expressions (outside quotations) with the
publication date as its relative base; each is then checked against the shapes a date takes in
news copy, because the search also returns durations ("a year"), times ("an hour later"), measures
("6ft 7in") and the modal "may". The value comes from `timeline.dates.parse_date`: "last week" is
the week it names (an EDTF interval, as tests/extract/test_extract.py asserts); "earlier this week" the smallest date
from its start to the day of publication.

Two kinds of expression need more than the calendar:
- "within days of taking office": the actor's first recorded role in the store gives the start;
  the window is added and the result is the smallest partial date containing it.
- "at the time": the date of the other event in the same sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from events.dates import PartialDate, smallest_containing
from timeline.extract.text import MASK, Sentence

_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_PART = r"(?:morning|afternoon|evening|night|lunchtime)"
_DAYNUM = r"\d{1,2}(?:st|nd|rd|th)?"
_SHAPES = re.compile(
    rf"""(?ix)^(?:on\s+|in\s+|since\s+|by\s+|during\s+|from\s+)?(?:
        (?:last\s+|this\s+|next\s+)?(?:{_WEEKDAYS})(?:\s+{_PART})?
            (?:,?\s+(?:the\s+)?{_DAYNUM}(?:\s+of)?\s+(?:{_MONTHS})|,?\s+(?:{_MONTHS})\s+{_DAYNUM})?(?:,?\s+\d{{4}})?
      | (?:the\s+)?{_DAYNUM}\s+(?:of\s+)?(?:{_MONTHS})(?:,?\s+\d{{4}})?
      | (?:{_MONTHS})\s+{_DAYNUM}(?:,?\s+\d{{4}})?
      | (?:early\s+|late\s+|mid-?)?(?:{_MONTHS})(?:\s+\d{{4}})?
      | (?:the\s+year\s+)?(?:19|20)\d{{2}}
      | the\s+(?:19|20)\d0s
      | yesterday(?:\s+{_PART})?|today|tonight|tomorrow(?:\s+{_PART})?|last\s+night
      | (?:earlier\s+|later\s+)?this\s+(?:{_PART}|week|weekend|month|year)
      | (?:last|next|the\s+past|the\s+previous)\s+(?:week|weekend|month|year)
      | (?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago
      | a\s+fortnight\s+ago
    )$""",
)
# Words that the search sweeps in at the edges of an expression.
_EDGE = re.compile(r"(?i)^(?:and|but|or|of|the|by|at|just|until|before|after|as|a(?!\s+(?:day|week|fortnight|month|year)s?\s+ago))\s+|\s+(?:the|by|of|in|and|a|to|for|at|on)$")
_HINT = re.compile(
    rf"(?i)\b(?:{_WEEKDAYS}|{_MONTHS}|yesterday|today|tonight|tomorrow|week|weekend|month|year|night|"
    rf"morning|afternoon|evening|ago|(?:19|20)\d{{2}}|(?:19|20)\d0s)\b"
)
_CAPITAL_ONLY_MONTHS = {"may", "march", "jan", "mar", "sep", "dec", "aug", "jun", "jul", "oct", "nov", "feb", "apr"}
# The common shapes, unanchored: a second look for dates the search does not return.
_SCAN = re.compile(
    rf"""(?ix)\b(?:
        (?:(?:on|last|this|next)\s+)?(?:{_WEEKDAYS})(?:\s+{_PART})?(?:,?\s+(?:the\s+)?{_DAYNUM}(?:\s+of)?\s+(?:{_MONTHS}))?
      | {_DAYNUM}\s+(?:of\s+)?(?:{_MONTHS})(?:,?\s+\d{{4}})?
      | (?:{_MONTHS})\s+{_DAYNUM}(?:,?\s+\d{{4}})?
      | (?:in\s+)?(?:{_MONTHS})\s+(?:19|20)\d{{2}}
      | (?:in\s+)?the\s+(?:19|20)\d0s
      | yesterday(?:\s+{_PART})? | today | tonight | last\s+night
      | (?:earlier\s+)?(?:last|this)\s+(?:week|weekend|month|year)
    )\b(?!['’]s)"""  # "yesterday's Budget" names the Budget, not the day of the act
)
OFFICE = re.compile(
    r"(?i)\b(?:within|in|during)\s+(?:(?:a|the|his|her|their)\s+)?(?:first\s+|few\s+)?(?:(\d+|few|a\s+few)\s+)?"
    r"(hours?|days?|weeks?|months?)\s+(?:of|after)\s+(?:(?:taking|entering|assuming)\s+office|"
    r"(?:coming|taking)\s+(?:in)?to\s+(?:power|office)|(?:his|her|their)\s+election)\b"
)
BEFORE_OFFICE = re.compile(r"(?i)\bbefore\s+(?:taking|(?:he|she|they)\s+took|entering|coming\s+to)\s+(?:office|power)\b")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
OFFSET = re.compile(
    r"(?i)\b(?:(a|an|one|two|three|four|five|six|seven|\d+)\s+(day|week|fortnight|month|year)s?\s+(later|after|earlier|before)"
    r"|the\s+(next|following|previous)\s+(day|week|month|year)|the\s+day\s+(before|after))\b"
)
AT_THE_TIME = re.compile(r"(?i)\b(?:at\s+the\s+time|then)\b")
_WINDOW_DAYS = {"hour": 2, "day": 14, "week": 56, "month": 183}


@dataclass(frozen=True)
class DateExpression:
    start: int  # offsets in the sentence
    end: int
    text: str
    value: PartialDate | None
    kind: str  # calendar | office | before-office | anaphoric
    note: str | None = None
    future: bool = False
    window: int = 0  # days after the start of office, for kind == "office"
    offset: tuple[int, str] = (0, "")  # (signed amount, unit) for kind == "offset": "a week later"


def find_dates(sentence: Sentence, published: date) -> list[DateExpression]:
    """The date expressions of a sentence outside its quotations, in order."""
    # same length, so offsets hold; the search misses "on Monday:" and dates next to quote marks
    text = re.sub(r"[:;«»\"“”()\[\]]", " ", sentence.masked.replace(MASK, " "))
    # a fronted date's comma too: the search misses "Last month, the council…"
    text = re.sub(r"^((?:\w+\s+){0,3}(?:month|week|year|yesterday|night|morning|afternoon|evening|weekend|[A-Z][a-z]+day)),",
                  r"\1 ", text)
    found: list[DateExpression] = []
    taken: list[tuple[int, int]] = []
    for match in OFFICE.finditer(text):
        unit = match.group(2).lower().rstrip("s")
        found.append(DateExpression(match.start(), match.end(), match.group(), None, "office", window=_WINDOW_DAYS[unit]))
        taken.append(match.span())
    for match in BEFORE_OFFICE.finditer(text):
        found.append(DateExpression(match.start(), match.end(), match.group(), None, "before-office"))
        taken.append(match.span())
    if _HINT.search(text):
        cursor = 0
        for phrase, _ in _search(text, published):
            located = re.compile(r"\s+".join(map(re.escape, phrase.split()))).search(text, cursor)  # spaces may be doubled
            if located is None:
                continue
            at, cursor = located.start(), located.end()
            expression = _checked(text, at, located.end(), published)
            if expression and not any(a < expression.end and expression.start < b for a, b in taken):
                found.append(expression)
                taken.append((expression.start, expression.end))
    for match in _SCAN.finditer(text):  # what the search missed ("cut national insurance by 2p on Wednesday")
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        expression = _checked(text, match.start(), match.end(), published)
        if expression and not any(a < expression.end and expression.start < b for a, b in taken):
            found.append(expression)
            taken.append((expression.start, expression.end))
    for match in OFFSET.finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        if match.group(2):
            amount = int(match.group(1)) if match.group(1).isdigit() else _NUMBERS[match.group(1).lower()]
            unit, direction = match.group(2).lower(), match.group(3).lower()
        else:
            amount, unit = 1, (match.group(5) or "day").lower()
            direction = "before" if (match.group(4) or match.group(6) or "").lower() in {"previous", "before"} else "after"
        if unit == "fortnight":
            amount, unit = amount * 2, "week"
        sign = -1 if direction in {"earlier", "before"} else 1
        found.append(DateExpression(match.start(), match.end(), match.group(), None, "offset", offset=(sign * amount, unit)))
        taken.append(match.span())
    for k, expression in enumerate(found):
        found[k] = _coming_weekday(expression, text, published)
    for match in AT_THE_TIME.finditer(text):
        if match.group().lower() == "then" or any(a <= match.start() < b for a, b in taken):
            continue
        found.append(DateExpression(match.start(), match.end(), match.group(), None, "anaphoric"))
    return sorted(found, key=lambda d: d.start)


# Words that put what follows them in the future: "preparing to hold a lobby on Tuesday", "planned for Tuesday".
_FUTURE_CUE = re.compile(
    r"(?i)\b(?:planned (?:for|to)|planning to|plans? to|prepar(?:ing|es|ed) to|expected to|due (?:to|on|for)|set (?:to|for)|"
    r"scheduled (?:to|for)|will|going to|ahead of|intends? to|intending to|hopes? to|to hold|to stage|next)\b[^,;.]*$"
)


def _coming_weekday(expression: DateExpression, text: str, published: date) -> DateExpression:
    """A weekday after a word of the future ("a lobby planned for Tuesday") is the coming one, so it dates
    nothing that has happened; read as the last one it would date the news a week early."""
    value = expression.value
    if expression.kind != "calendar" or value is None or value.precision != "day" or value.start >= published:
        return expression
    if not re.fullmatch(rf"(?i)(?:on\s+|for\s+)?(?:{_WEEKDAYS})(?:\s+{_PART})?", expression.text.strip()):
        return expression
    if not _FUTURE_CUE.search(text[max(0, expression.start - 90) : expression.start]):
        return expression
    coming = value.start + timedelta(days=7)
    return DateExpression(expression.start, expression.end, expression.text, PartialDate.of(coming), "calendar",
                          f"'{expression.text}' after a word of the future: the coming one", future=True)


def _search(text: str, published: date) -> list[tuple[str, datetime]]:
    from dateparser.search import search_dates  # heavy: only `timeline extract` pays for it

    settings = {
        "RELATIVE_BASE": datetime.combine(published, time(12)),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
    }
    try:
        return search_dates(text, languages=["en"], settings=settings) or []
    except (ValueError, OverflowError):
        return []


def _checked(text: str, start: int, end: int, published: date) -> DateExpression | None:
    phrase = text[start:end]
    while True:
        edge = _EDGE.search(phrase)
        if not edge:
            break
        if edge.start() == 0:
            start += edge.end()
            phrase = phrase[edge.end() :]
        else:
            end -= len(phrase) - edge.start()
            phrase = phrase[: edge.start()]
    phrase = phrase.strip(" ,.;:")
    if phrase and not _SHAPES.match(phrase):
        phrase = _longest_date_within(phrase)
    if not phrase:
        return None
    for word in re.findall(r"[A-Za-z]+", phrase):
        if word.lower() in _CAPITAL_ONLY_MONTHS and not word[0].isupper():
            return None  # "may" the verb, "march" the walk
    if re.fullmatch(r"Today", phrase.strip()) and re.match(r"\s+(?:programme|show)\b", text[end:]):
        return None  # "BBC Radio 4's Today programme"
    if re.fullmatch(rf"(?i)(?:in\s+)?(?:{_MONTHS})", phrase.strip()) and re.match(r"\s+[A-Z]", text[end:]):
        return None  # "Jan O'Sullivan", "May Bloggs": a first name, not a month
    if re.fullmatch(rf"(?i)(?:{_MONTHS})", phrase.strip()) and not re.search(
            r"(?i)\b(?:in|of|since|until|till|by|from|last|next|this|early|late|mid|during|before|after|between|and|to|"
            r"the|for|through|into|each|every)[\s-]+$", text[:start]):
        return None  # "Uwe Jun told", "May also warned": a bare month with no preposition before it is a name
    # "earlier this week" is still this week
    at = text.find(phrase, start)
    start = at if at >= 0 else start
    end = start + len(phrase)
    widened = re.search(r"(?i)\b(?:earlier|later|since)\s+$", text[:start])
    if widened:
        start = widened.start()
    return resolve(text[start:end], published, start, end)


def _longest_date_within(phrase: str) -> str:
    """The search sometimes sweeps in neighbours ("on Wednesday after a two-year"): keep the date."""
    words = phrase.split()
    best = ""
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            candidate = " ".join(words[i:j]).strip(" ,.;:")
            if len(candidate) > len(best) and _SHAPES.match(candidate):
                best = candidate
                break
    return best


def resolve(phrase: str, published: date, start: int = 0, end: int = 0) -> DateExpression | None:
    """The partial date a calendar expression names, relative to the publication date."""
    from timeline.dates import parse_date
    from timeline.errors import InputError

    clean = re.sub(r"(?i)^(?:on|in|since|by|during|from|earlier|later)\s+", "", phrase.strip())
    clean = re.sub(r"(?i)^(?:earlier|later)\s+", "", clean)
    note = None
    weekday = re.fullmatch(rf"(?i)(?:on\s+)?({_WEEKDAYS})(?:\s+{_PART})?", clean)
    if weekday and weekday.group(1).lower() == published.strftime("%A").lower():
        # A weekday named in an article published on that weekday is, in news usage, that day.
        value: PartialDate | None = PartialDate.of(published)
        note = f"'{phrase}' in an article published on a {published.strftime('%A')}: read as the day of publication"
    else:
        try:
            value = parse_date(clean, relative_to=published).value
        except (InputError, ValueError):
            return None
    yearless = re.fullmatch(rf"(?i)(?:the\s+)?{_DAYNUM}\s+(?:of\s+)?(?:{_MONTHS})|(?:{_MONTHS})\s+{_DAYNUM}", clean)
    if yearless and value is not None and value.precision == "day" and value.start < published:
        try:  # "on 30 November" in an article of 12 November: the coming one (within 60 days), not last year's
            coming = value.start.replace(year=value.start.year + 1)
            value = PartialDate.of(coming) if (coming - published).days <= 60 else value
        except ValueError:
            pass
    if value is not None and re.match(r"(?i)earlier\b", phrase.strip()) and value.end >= published > value.start:
        value = smallest_containing(value.start, published)  # "earlier this week": not the days still to come
    if re.match(r"(?i)since\b", phrase.strip()):
        note = f"'{phrase}': the position dates from then"
    return DateExpression(start, end, phrase, value, "calendar", note, future=value.start > published)


def offset_date(expression: DateExpression, anchor: PartialDate, *, backwards: bool = False) -> PartialDate | None:
    """A date told as an offset from another ("a week later"): days exact, a week give or take three days."""
    if anchor.precision != "day":
        return None
    amount, unit = expression.offset
    if backwards:
        amount = -amount
    day = anchor.start
    try:
        if unit == "day":
            return PartialDate.of(day + timedelta(days=amount))
        if unit == "week":
            middle = day + timedelta(days=7 * amount)
            return smallest_containing(middle - timedelta(days=3), middle + timedelta(days=3))
        if unit == "month":
            month = day.month - 1 + amount
            return PartialDate(day.year + month // 12, month % 12 + 1)
        return PartialDate(day.year + amount)
    except ValueError:
        return None


def office_date(expression: DateExpression, office_start: PartialDate | None) -> PartialDate | None:
    """"within days of taking office" → the smallest partial date containing that window."""
    if office_start is None:
        return None
    if expression.window <= _WINDOW_DAYS["day"] and office_start.precision != "year":
        # "within days" of a month: the store's own precision is the honest one to keep
        return office_start if office_start.precision == "month" else smallest_containing(
            office_start.start, office_start.start + timedelta(days=expression.window))
    first = office_start.start
    last = office_start.end + timedelta(days=expression.window)
    try:
        return smallest_containing(first, last)
    except ValueError:
        return None
