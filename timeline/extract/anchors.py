"""Ninth pass: where an article's dates anchor its acts (issue 18, the date misses of the blind parts).

- `scheduled`: a date a schedule governs ("will apply from 1 June", "due to expire on 31 March") is no lead date;
  "from" governs only the date right after it, not one a clause later ("the decision to remove the Pip changes from
  the Bill was announced just before MPs voted on Tuesday night").
- `policy_content`: a birth date, a policy's condition ("anyone born on or after 1 January 2009") or a person's,
  dates nothing.
- `later_anchor`: "later on Wednesday" tells that what came before it happened on Wednesday too — the sentence's
  earlier act, and, with no lead date, the article's news.
- `first_told`: "first proposed by X when he was prime minister", "originally introduced": an earlier act the
  article recalls, undated like the past perfect.
- `hearing_argument`: in an article about a ruling, a party's argument to the court ("the council argued", "told
  the court") was made at the hearing, before the ruling: it does not take the ruling's day.
- `season_dates`: "in the spring", "last autumn", "until the summer" as dates.
- `restates_perfect`, `undate_causes`: a present "say" restating an undated present-perfect act, and what such an act
  followed, are undated too.
- `after_main_day`: what the day's news came "after" ("accused today after he U-turned") is that day's act.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from events.dates import smallest_containing
from timeline.extract.dates import DateExpression

_SCHEDULE_AFAR = re.compile(r"\b(?:until|till|starting|due to|set to|expected to|will|would)\b[^,;]*$|\bby\s+$|"
                            r"\bdeadline\s+(?:of\s+)?$|\bplanned\b[^.;]*$")
_SCHEDULE_NEAR = re.compile(r"\b(?:from)\s+(?:on\s+|the\s+)?$")


def scheduled(masked_before: str) -> bool:
    """The date after these words is one a schedule gives (a lead date it is not)."""
    before = masked_before.lower()
    return bool(_SCHEDULE_NEAR.search(before) or _SCHEDULE_AFAR.search(before))


_BORN = re.compile(r"(?i)\b(?:born|aged\s+\w+)\s+(?:(?:(?:on|in)\s+or\s+(?:after|before)|after|before|since|from|on|in)\s+)?$")


def policy_content(masked: str, expression: DateExpression) -> bool:
    """A birth date a policy names ("anyone born after 1 January 2009") is the policy's content, not a day of an act;
    nor is a person's ("Senator Long, who was born in 1970, voted against it")."""
    return bool(_BORN.search(masked[: expression.start]))


_LATER_ON = re.compile(r"(?i)^later\s+(?:on\s+|that\s+)?")


def later_anchor(expression: DateExpression) -> bool:
    """"later on Wednesday evening": a day told as later than what the sentence or the article told before it."""
    return bool(expression.kind == "calendar" and expression.value is not None and expression.value.precision == "day"
                and not expression.future and _LATER_ON.match(expression.text))


_FIRST_TOLD = re.compile(r"(?i)\b(?:first|originally|initially)\s+(?:\w+\s+)?$")


def first_told(masked_before_verb: str) -> bool:
    """"it was first proposed by Rishi Sunak": a recalled earlier act (the verb right after "first")."""
    return bool(_FIRST_TOLD.search(masked_before_verb))


_ARGUMENT = re.compile(r"(?i)^(?:told\s+(?:the\s+)?(?:court|judges?|tribunal|justices|hearing)\b|"
                       r"defended\s+(?:the\s+)?(?:case|claim|appeal|action)\b)")
_ARGUED = re.compile(r"(?i)^(?:argued|contended|submitted)\b")
_COURT_WORDS = re.compile(r"(?i)\b(?:court|hearing|judges?|justices|tribunal|barrister|counsel|KC|QC)\b")


def hearing_argument(masked: str, verb_start: int) -> bool:
    """A party's argument to a court ("told the court", "defended the case", "argued" in a sentence about the court or
    the hearing): made at the hearing, before the ruling the article reports, so it does not take the ruling's day."""
    rest = masked[verb_start:]
    return bool(_ARGUMENT.match(rest) or (_ARGUED.match(rest) and _COURT_WORDS.search(masked)))


_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}
_SEASON = re.compile(r"(?i)\b(?:(?:in|during|by)\s+)?(?:(this|last|next|the)\s+)?(?:(?:early|late|mid-?)\s*)?"
                     r"(spring|summer|autumn)(?:\s+(?:of\s+)?((?:19|20)\d{2}))?\b(?!\s+(?:term|recess|school|holidays?|statement|"
                     r"budget|conference|session)\b)")


def season_dates(masked: str, published: date) -> list[DateExpression]:
    """"During a hearing in the spring", "last autumn", "summer 2023": the season's months as the smallest partial date
    that holds them (a season, like a week, is no calendar unit), the latest one begun by publication when no year is
    given, the one before that after "last"; "next" is to come. Winter spans two years: no date."""
    found = []
    for match in _SEASON.finditer(masked):
        which, season, year = (match.group(1) or "").lower(), match.group(2).lower(), match.group(3)
        if not (which or year or re.match(r"(?i)(?:in|during|by)\s", match.group())):
            continue  # a bare "spring" is a word, not a time ("a spring in their step")
        first_month, last_month = _SEASONS[season]
        if year:
            start_year = int(year)
        else:
            begun = published >= date(published.year, first_month, 1)  # the latest season of that name begun by now
            start_year = published.year if begun else published.year - 1
            current = published < date(start_year, last_month + 1, 1)  # publication falls in it
            coming = which != "last" and bool(re.search(r"(?i)\b(?:until|till|by|before|from|ahead of)\s+$", masked[: match.start()])
                                              or re.match(r"(?i)by\s", match.group()))
            if coming:
                which = "next" if begun and not current else "this"  # "delayed until the summer": the coming one
            if which == "last" and current or which == "next" or which == "this" and not begun:
                start_year += -1 if which == "last" else 1
        first = date(start_year, first_month, 1)
        end = date(start_year, last_month + 1, 1) - timedelta(days=1)
        last = end if first > published else min(end, published)
        value = smallest_containing(first, last)
        found.append(DateExpression(match.start(), match.end(), match.group(), value, "calendar",
                                    f"'{match.group()}': the season's months", future=first > published))
    return found


def with_seasons(dates: list[DateExpression], masked: str, published: date) -> list[DateExpression]:
    """The sentence's dates with its seasons, a season replacing what it overlaps ("summer 2023": not 2023 alone)."""
    seasons = season_dates(masked, published)
    kept = [d for d in dates if not any(s.start < d.end and d.start < s.end for s in seasons)]
    return sorted([*kept, *seasons], key=lambda d: d.start)


def restates_perfect(earlier: list[Any], event: Any) -> bool:
    """"Judges at the highest court have ruled against the scheme." … "Judges say some proposals breach rights": the
    present tense tells what the actor's undated present-perfect act said, not a new act of the publication day."""
    return any(e.actor is event.actor and e.date is None and "present perfect" in (e.date_note or "") for e in earlier)


_CAUSE_BEFORE = re.compile(r"(?i)[^.;]*?\b(?:after|because|since|once)\s+[^.;,]*$")


def undate_causes(found: list[Any], masked: str) -> None:
    """"Tracey Crouch is understood to have resigned after the government refused to…": what an undated present-perfect
    act followed is earlier still — it takes no lead date either (the article does not say when)."""
    for first, event in zip(found, found[1:]):
        if first.date is None and "present perfect" in (first.date_note or "") and event.date_confidence <= 0.8 and (
                event.pending or (event.date_note or "").startswith("not dated in its")) and \
                _CAUSE_BEFORE.fullmatch(masked[first.verb[1] : event.verb[0]]):
            event.date, event.pending, event.date_confidence = None, False, 0.6
            event.date_note = "what an undated present-perfect act followed: the article does not say when"


_AFTER_CLAUSE = re.compile(r"(?i)\bafter\s+[^.;:]*$")


def after_main_day(masked: str, verb_start: int, dates: list[DateExpression]) -> DateExpression | None:
    """"Sunak was accused of quick fixes today after he was shamed into … U-turning on a windfall tax": the act the
    news follows, told in an "after" clause of a sentence dated by a day before it, is that day's news too."""
    clause = _AFTER_CLAUSE.search(masked[:verb_start])
    if clause is None:
        return None
    days = [d for d in dates if d.kind == "calendar" and d.value is not None and d.value.precision == "day"
            and not d.future and d.end <= clause.start()]
    return days[-1] if days else None
