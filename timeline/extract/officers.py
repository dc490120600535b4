"""Bodies that speak through their heads, named as a group: "warnings from the vice-chancellors of Oxford and Bristol
universities, who yesterday said that a rise in top-up fees was inevitable" (sixth pass).

The heads of two or more bodies of one kind, named by place before the plural noun of the kind ("Oxford and Bristol
universities", "Leeds, York and Hull councils"), with a relative clause whose verb is a speech or call verb, give each
body a statement: an officer speaks for the body (as "the head of the NFU said" already does for one body). The body's
name is built the common way ("University of Oxford", "Leeds Council", "York College"); the store's name wins when it has
one. `reader` adds these acts to the lexicon's, unless the lexicon already gave the verb an actor.
"""

from __future__ import annotations

import re

from timeline.extract.acts import Event
from timeline.extract.mentions import Entity, MentionFinder
from timeline.extract.text import Sentence

_PLACE = r"[A-Z][\w’'-]+"
_HEADS = re.compile(
    rf"\b(?:vice-chancellors|heads|leaders|chief executives|chairs|chairmen|presidents|principals|directors|bosses)\s+of\s+"
    rf"(?P<places>(?:{_PLACE}\s*,\s*)*{_PLACE}\s+and\s+{_PLACE})\s+(?P<kind>universities|councils|colleges|trusts|hospitals)"
    r"\s*,\s*who\s+(?:(?:\w+ly|yesterday|today|also|have|had|last night|on \w+day)\s+){0,2}"
    r"(?P<verb>said|warned|argued|claimed|insisted|told|called for|urged|demanded)\b"
)
_NAME = {
    "universities": "University of {}", "councils": "{} Council", "colleges": "{} College", "trusts": "{} Trust",
    "hospitals": "{} Hospital",
}


def officer_events(sentence: Sentence, finder: MentionFinder, rank: int, found: list[Event]) -> list[Event]:
    """One statement for each body whose heads the sentence names as a group, unless its verb already has an actor."""
    match = _HEADS.search(sentence.masked)
    if match is None or any(e.verb[0] == match.start("verb") for e in found):
        return []
    places = re.split(r"\s*,\s*|\s+and\s+", match.group("places"))
    verb = (match.start("verb"), match.end("verb"))
    kind = "proposal" if match.group("verb") in ("called for", "urged", "demanded") else "statement"
    events = []
    for place in places:
        entity = _body(finder, _NAME[match.group("kind")].format(place))
        events.append(Event(sentence, verb, entity, kind, "support" if kind == "proposal" else None, 0.6,
                            kind == "statement", 0.6, [sentence], rank=rank))
    return events


def _body(finder: MentionFinder, name: str) -> Entity:
    known = finder.cast.by_store(name)
    return known[0] if known else finder.cast.new(name, "organisation", None)
