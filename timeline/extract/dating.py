"""Dating one act from the date expression chosen for it: a calendar date, an offset ("a week later")
or a window after taking office. `reader` chooses the expression; this turns it into the act's date,
its confidence and the note that says where the date came from."""

from __future__ import annotations

import re
from datetime import date

from events.dates import PartialDate, smallest_containing
from timeline.extract.acts import Event
from timeline.extract.dates import DateExpression, office_date, offset_date, resolve

_REACTION = re.compile(
    r"(?i)\b(?:in response to|responding to|reacting to|in reaction to)\s+((?:yesterday|last night|"
    r"(?:last\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)))['’]s\b"
)


def date_from_offset(event: Event, expression: DateExpression, usable: list[DateExpression],
                     last_day: PartialDate | None) -> None:
    """"a week later" counts from the sentence's other date, else the last day the article named;
    "…, a week after the Treasury floated…" counts back from the sentence's other date."""
    here = [d.value for d in usable if d.kind == "calendar" and d.value]
    backwards = event.verb[0] > expression.end and expression.text.lower().endswith("after")
    anchor = here[0] if here else (None if backwards else last_day)
    event.date = offset_date(expression, anchor, backwards=backwards) if anchor else None
    if event.date is None:
        event.date_note = f"'{expression.text}': nothing in the article fixes the day it counts from"
        event.date_confidence = 0.6
    else:
        event.date_note = f"'{expression.text}' counted from {anchor}"
        event.date_confidence = 0.85


def date_from_expression(event: Event, expression: DateExpression) -> None:
    """A calendar date as it is; a window after taking office from the store's first role; else undated."""
    if expression.kind == "calendar":
        event.date = expression.value
        event.date_note = expression.note
        event.date_confidence = 1.0
    elif expression.kind == "office":
        event.date = office_date(expression, event.actor.office_start)
        if event.date is None:
            event.date_note = f"'{expression.text}': the store does not record when {event.actor.name} took office"
            event.date_confidence = 0.6
        else:
            event.date_note = f"'{expression.text}': {event.actor.name} took office {event.actor.office_start}"
            event.date_confidence = 0.9
    else:
        start = event.actor.office_start
        event.date_note = f"'{expression.text}'" + (f": before {start}" if start else ": the article gives no date")
        event.date_confidence = 0.6


def date_in_response(event: Event, published: date) -> bool:
    """"In response to yesterday's Budget, Mr Stride objected…": some time between that day and publication,
    as the smallest date containing both. False when the sentence says no such thing."""
    reaction = _REACTION.search(event.sentence.masked)
    day = resolve(reaction.group(1), published) if reaction else None
    if day is None or day.value is None or day.value.precision != "day" or day.future:
        return False
    event.date = smallest_containing(day.value.start, published)
    event.date_note, event.date_confidence = f"in response to {reaction.group(1)}'s event: by publication", 0.7
    return True
