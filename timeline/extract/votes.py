"""Votes as acts: a division of a chamber ("MPs backed the bill by 314 to 291") and its named voters.

A tally ("by 314 to 291", "329 votes to 173") next to a verb of voting is the chamber's decision: the
chamber is the one the sentence names ("MPs", "the Commons", "peers", "the Senate"), else the one the
article names; stance from the direction of the vote (passed, backed, approved → support; rejected,
defeated, voted down → oppose). "Among the MPs who backed the bill were A, B and C" gives each named
person a statement of position with the vote's direction. `reader` adds these to the acts the lexicon
finds, unless the lexicon already gave the verb an actor.
"""

from __future__ import annotations

import re

from timeline.extract.acts import Event
from timeline.extract.mentions import Entity, Mention, MentionFinder
from timeline.extract.text import Sentence

# "by 314 to 291", "329 votes to 173", "voted 301 to 260" — not "rose from 40 to 55".
_TALLY = re.compile(r"\bby\s+\d[\d,]*\s+(?:votes?\s+)?to\s+\d[\d,]*\b|\b\d[\d,]*\s+votes?\s+to\s+\d[\d,]*\b|"
                    r"(?<=\bvoted )\d[\d,]*\s+to\s+\d[\d,]*\b")
_BENCH_WORDS = re.compile(r"\b(?:[Cc]ourt|[Jj]udges?|[Jj]ustices?|[Tt]ribunal)\b")
_VOTE_VERB = re.compile(
    r"\b(?:passed|backed|approved|supported|endorsed|carried|voted (?:for|in favour of|through|down|against)|voted|"
    r"rejected|defeated|threw out|thrown out|voted down)\b"
)
_AGAINST = re.compile(r"\b(?:rejected|defeated|threw out|thrown out|voted down|voted against|against)\b")
# The chamber a sentence or an article names, and the name it is entered under.
_CHAMBERS = (
    (re.compile(r"\bMPs\b|\b(?:House of )?Commons\b"), "House of Commons"),
    (re.compile(r"\b[Pp]eers\b|\bHouse of Lords\b|\bthe Lords\b"), "House of Lords"),
    (re.compile(r"\b[Ss]enators\b|\bthe Senate\b"), "Senate"),
    (re.compile(r"\bMSPs\b|\bScottish Parliament\b|\bHolyrood\b"), "Scottish Parliament"),
    (re.compile(r"\bthe Senedd\b|\bMSs\b"), "Senedd"),
    (re.compile(r"\bTDs\b|\bthe Dáil\b"), "Dáil Éireann"),
    (re.compile(r"\bthe House of Representatives\b|\bcongressmen\b"), "House of Representatives"),
)
_VOTERS = re.compile(
    r"\b[Aa]mong(?:st)? (?:the |those )?(?:[\w-]+ )?(?:MPs|peers|members|senators|politicians|those|TDs|MSPs)\s+"
    r"(?:who|to)\s+(backed|supported|voted for|voted in favour(?: of)?|voted against|opposed|rejected)\b[^.;]*?"
    r"\b(?:were|was|are|is|included)\b"
)


def chamber_of(text: str, article: str) -> str | None:
    """The chamber named in `text`, else the first one the article names."""
    for where in (text, article):
        for pattern, name in _CHAMBERS:
            if pattern.search(where):
                return name
    return None


def division(masked: str) -> tuple[int, int, str] | None:
    """The vote verb of a division told with its tally, and the stance of its result."""
    tally = _TALLY.search(masked)
    if tally is None or _BENCH_WORDS.search(masked):
        return None  # "the justices ruled by 5 to 4" is a ruling, which the lexicon reads
    verbs = [m for m in _VOTE_VERB.finditer(masked) if abs(m.start() - tally.start()) <= 80]
    if not verbs:
        return None
    verb = min(verbs, key=lambda m: abs(m.start() - tally.start()))
    return verb.start(), verb.end(), "oppose" if _AGAINST.search(verb.group()) else "support"


def named_voters(masked: str, mentions: list[Mention]) -> list[tuple[int, int, Entity, str]]:
    """"Among the MPs who backed the bill were A and B": each named person with the vote's direction."""
    found = _VOTERS.search(masked)
    if found is None:
        return []
    stance = "oppose" if _AGAINST.search(found.group(1)) or found.group(1) == "opposed" else "support"
    people = [m for m in mentions if m.start >= found.end() and m.how != "pronoun" and m.entity is not None
              and m.entity.kind == "person"]
    seen: list[Entity] = []
    for mention in people:
        if mention.entity not in seen:
            seen.append(mention.entity)
    return [(found.start(1), found.end(1), entity, stance) for entity in seen]


def vote_events(sentence: Sentence, mentions: list[Mention], found: list[Event], finder: MentionFinder,
                rank: int) -> list[Event]:
    """The acts of a sentence's votes, unless the lexicon already gave the vote verb an actor."""
    masked = sentence.masked
    votes: list[Event] = []
    taken = {e.verb[0] for e in found}
    for start, end, entity, stance in named_voters(masked, mentions):
        if not any(e.actor is entity for e in found):
            votes.append(Event(sentence, (start, end), entity, "statement", stance, 0.75, False, 0.8, [sentence], rank=rank))
    tallied = division(masked)
    if tallied is not None and tallied[0] not in taken and not votes:
        name = chamber_of(masked, finder.article.text)
        if name is not None:
            known = finder.cast.by_store(name)
            entity = known[0] if known else finder.cast.new(name, "organisation", None)
            votes.append(Event(sentence, tallied[:2], entity, "decision", tallied[2], 0.8, False, 0.8, [sentence], rank=rank))
    return votes
