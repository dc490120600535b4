"""A chamber's act told with the bill as subject: "Legislation banning social media use for under-16s passed the
Australian Senate on Thursday", "The bill cleared the House of Lords last night" (eighth pass).

Chambers passing things without a quote recur in every blind part (the Commons passing a bill at third reading in
`seen4/`, "the Lords passed the bill last night" in `seen5/`, "New Zealand's parliament has passed" in `seen6/`, the
Australian Senate in `seen7/`); the lexicon reads the chamber as subject ("the Lords passed the bill"). Here the bill is
the subject and the chamber the object of "passed", "cleared" or "sailed through": the chamber decided, in support of the
bill. Nothing when the chamber is not named, or the verb is already another act's, or the verb is negated or a plan.
`reader` adds these acts to the lexicon's.
"""

from __future__ import annotations

import re

from timeline.extract import lexicon as lx
from timeline.extract.acts import Event
from timeline.extract.mentions import Mention
from timeline.extract.text import Sentence

_CHAMBER = re.compile(r"\b(?:Senate|House|Commons|Lords|Parliament|Assembly|Senedd|Congress|Bundestag|Dáil|Dail|Seanad|"
                      r"Chamber|Knesset|Duma|Storting|Riksdag|Folketing|Sejm)\b")
_PASSED = re.compile(r"\b(?:passed|cleared|sailed through|got through|has passed|have passed|has cleared)\s+(?:the\s+)?$")
# The clause's subject is the bill: "Legislation banning …", "The bill", "Her flagship law"
_BILL_SUBJECT = re.compile(r"(?:^|[,;:]\s+|\s[-–—]\s+|\bafter\s+|\bwhen\s+|\bas\s+)(?:[\w’'-]+\s+){0,3}?(?:[Bb]ill|[Ll]egislation|[Ll]aw|[Mm]otion|"
                           r"[Bb]udget|[Aa]mendments?|[Tt]reaty|[Rr]eforms?|[Mm]easures?)\b[^,;:]*$")


def chamber_events(sentence: Sentence, mentions: list[Mention], rank: int, found: list[Event]) -> list[Event]:
    """A decision of each chamber named as the object of "passed" after a bill-like subject."""
    events = []
    masked = sentence.masked
    for mention in mentions:
        entity = mention.entity
        if entity is None or entity.kind != "organisation" or not _CHAMBER.search(entity.name):
            continue
        verb = _PASSED.search(masked[: mention.start])
        if verb is None or any(e.verb[0] <= verb.start() < e.verb[1] for e in found):
            continue
        before = masked[: verb.start()]
        if not _BILL_SUBJECT.search(before) or lx.NOT_HAPPENED.search(before.lower()) or lx.CONDITIONAL.search(before):
            continue
        span = (verb.start(), verb.start() + len(verb.group().split()[0]))
        events.append(Event(sentence, span, entity, "decision", "support", 0.75, False, 0.7, [sentence], rank=rank))
    return events
