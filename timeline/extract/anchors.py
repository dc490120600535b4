"""Ninth pass: where an article's dates anchor its acts (issue 18, the date misses of the blind parts).

- `scheduled`: a date a schedule governs ("will apply from 1 June", "due to expire on 31 March") is no lead date;
  "from" or "until" governs only the date right after it, not one a clause later ("the decision to remove the Pip
  changes from the Bill was announced just before MPs voted on Tuesday night").
- `policy_content`: a date that is a condition of the policy, not a time of an act ("anyone born on or after
  1 January 2009") dates nothing.
- `later_anchor`: "later on Wednesday" tells that what came before it happened on Wednesday too — the sentence's
  earlier act, and, with no lead date, the article's news.
- `first_told`: "first proposed by X when he was prime minister", "originally introduced": an earlier act the
  article recalls, undated like the past perfect.
- `hearing_argument`: in an article about a ruling, a party's argument to the court ("the council argued", "told
  the court") was made at the hearing, before the ruling: it does not take the ruling's day.
"""

from __future__ import annotations

import re

from timeline.extract.dates import DateExpression

_SCHEDULE_AFAR = re.compile(r"\b(?:until|till|starting|due to|set to|expected to|will|would)\b[^,;]*$|\bby\s+$|"
                            r"\bdeadline\s+(?:of\s+)?$|\bplanned\b[^.;]*$")
_SCHEDULE_NEAR = re.compile(r"\b(?:from)\s+(?:on\s+|the\s+)?$")


def scheduled(masked_before: str) -> bool:
    """The date after these words is one a schedule gives (a lead date it is not)."""
    before = masked_before.lower()
    return bool(_SCHEDULE_NEAR.search(before) or _SCHEDULE_AFAR.search(before))


_BORN = re.compile(r"(?i)\b(?:born|aged\s+\w+)\s+(?:(?:on|in)\s+or\s+(?:after|before)|after|before|since|from|on|in)\s+$")


def policy_content(masked: str, expression: DateExpression) -> bool:
    """A birth date a policy names ("anyone born after 1 January 2009") is the policy's content, not a day of an act."""
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


_ARGUMENT = re.compile(r"(?i)^(?:argued|contended|submitted|told\s+(?:the\s+)?(?:court|judges?|tribunal|justices))\b|"
                       r"^defended\s+(?:the\s+)?(?:case|claim|appeal|decision)\b")


def hearing_argument(masked_from_verb: str) -> bool:
    """A party's argument to a court, told in an article about the ruling: made at the hearing, not on the ruling's day."""
    return bool(_ARGUMENT.match(masked_from_verb))
