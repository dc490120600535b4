"""Unspecified digits inside a month or a day (EDTF level 2: `2024-1X` is October to December,
`2024-05-1X` the 10th to the 19th), which the edtf package cannot read (it fails inside its own
parser). The period is the first and the last day the digits allow; a qualifier (`?`, `~`, `%`)
may follow, as on any date. A pattern compiled on first use: only these forms need it."""

from __future__ import annotations

import calendar
import re
from datetime import date

_FORM = r"(\d{4})-(\d\d|[01]X|XX)(?:-(\d\d|[0-3]X|XX))?([?~%]?)"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def is_partly_unspecified(text: str) -> bool:
    """Whether `text` has an X beside a digit in its month or day (`2024-0X`, `2024-05-3X`)."""
    match = re.fullmatch(_FORM, text)
    return bool(match) and any(part and "X" in part and part != "XX" for part in match.group(2, 3))


def bounds(text: str) -> tuple[date, date]:
    """The first and last day `text` allows; ValueError (one sentence) when it allows none."""
    match = re.fullmatch(_FORM, text)
    if match is None:
        raise ValueError(f"{text!r} is not a date")
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    months = _span(month, 12)
    if not 1 <= year <= 9999 or not months:
        raise ValueError(f"{text!r} is not a date: month {month} is not between 01 and 12")
    if day is None:
        first, last = months
        return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
    low, high = _span(day, 31) or (1, 0)  # None: no day of any month (an empty range)
    days = [(m, d) for m in range(months[0], months[1] + 1)
            for d in range(low, high + 1) if d <= calendar.monthrange(year, m)[1]]
    if not days:
        raise ValueError(f"{text!r} is not a date: {_MONTHS[months[0] - 1]} {year} has no day {day}")
    return date(year, *days[0]), date(year, *days[-1])


def _span(digits: str, most: int) -> tuple[int, int] | None:
    """The lowest and highest number two digits, some unspecified, can stand for (1..most), or None."""
    if "X" not in digits:
        number = int(digits)
        return (number, number) if 1 <= number <= most else None
    if digits == "XX":
        return 1, most
    low, high = max(1, int(digits[0]) * 10), min(most, int(digits[0]) * 10 + 9)
    return (low, high) if low <= high else None
