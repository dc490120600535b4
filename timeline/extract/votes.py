"""Votes as acts: a division of a chamber ("MPs backed the bill by 314 to 291") and its named voters.

A tally ("by 314 to 291", "329 votes to 173") next to a verb of voting is the chamber's decision: the
chamber is the one the sentence names ("MPs", "the Commons", "peers", "the Senate"), else the one the
article names; stance from the direction of the vote (passed, backed, approved → support; rejected,
defeated, voted down → oppose). "Among the MPs who backed the bill were A, B and C" gives each named
person a statement of position with the vote's direction. `reader` adds these to the acts the lexicon
finds, unless the lexicon already gave the verb an actor.

Votes told without a tally (fifth pass): a chamber or its members taken as a whole as the subject of a vote
verb ("MPs passed the bill", "Peers rejected…", "councillors voted…" for the council the article names), a bill
passed in a chamber, a failed bid in a chamber (the bidder's proposal, the chamber's decision against it), and
members named after a group of rebels ("The seven MPs who defied the whip by backing…" then "A, B and C have
lost the whip") or before "were among those who voted…": each named member's statement, dated by the vote.
"""

from __future__ import annotations

import re

from timeline.extract import lexicon as lx
from timeline.extract.acts import Event
from timeline.extract.mentions import Entity, Mention, MentionFinder
from timeline.extract.text import Sentence

# "by 314 to 291", "329 votes to 173", "voted 301 to 260", "by 325 ayes to 235 noes" — not "rose from 40 to 55".
_TALLY = re.compile(r"\bby\s+\d[\d,]*\s+(?:votes?\s+|ayes\s+)?to\s+\d[\d,]*\b|\b\d[\d,]*\s+(?:votes?|ayes)\s+to\s+\d[\d,]*\b|"
                    r"(?<=\bvoted )\d[\d,]*\s*(?:to|[-–])\s*\d[\d,]*\b")  # "voted 220-210", as US copy writes it
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
    r"\b[Aa]mong(?:st)? (?:the |those )?(?:[\w-]+ )?(?:MPs|peers|members|senators|politicians|those|TDs|MSPs|rebels)\s+"
    r"(?:(?:who|to)\s+(backed|supported|voted for|voted in favour(?: of)?|voted against|opposed|rejected)|"
    r"(backing|supporting|voting for|voting in favour(?: of)?|voting against|opposing|rejecting))\b[^.;]*?"
    r"\b(?:were|was|are|is|included)\b"
)  # "Among the MPs who backed the bill were…", "Among those voting against were…"


# A chamber, or its members taken as a whole, as the subject of a vote verb: "MPs passed the bill", "MPs have voted in
# favour of…", "the Senedd rejected the motion", "peers threw out…" (not "Tory MPs", "seven MPs": a group of members).
_MEMBERS = (r"(?:MPs|[Pp]eers|MSPs|MSs|AMs|TDs|[Ss]enators|[Cc]ouncillors|(?:[Tt]he )?(?:House of )?Commons|[Tt]he House of Lords|"
            r"[Tt]he Lords|[Tt]he Senedd|[Tt]he Dáil|[Tt]he Senate|[Tt]he Scottish Parliament|Holyrood)")
_VOTE_ACT = (r"(?:have |has |had )?(?:\w+ly )?(passed|backed|approved|endorsed|supported|rejected|defeated|threw out|"
             r"voted (?:in favour of|in support of|for|against|down|through|to \w+))\b")
_CHAMBER_SUBJECT = re.compile(rf"(?<![\w-])(?P<members>{_MEMBERS})\s+{_VOTE_ACT}")
# The same with a first verb before the vote, joined by "and" (sixth pass): "Councillors pulled back from the edge of chaos
# last night and passed the budget", "Peers debated the bill on Tuesday and rejected it" — lower-case words and weekdays only.
_GAP_WORD = r"(?!who\b|which\b|that\b|and\b)(?:[a-z][\w’'-]*|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\s+"
_CHAMBER_AND = re.compile(rf"(?<![\w-])(?P<members>{_MEMBERS})\s+{_GAP_WORD}(?:{_GAP_WORD}){{0,10}}?and\s+{_VOTE_ACT}")
# "the bill passed its final stage in the Commons", "was approved by MPs", "got the backing of the majority of MPs"
_PASSED_IN = re.compile(
    r"\b(?i:bill|legislation|motion|amendment|law|act|measure)\s+(?:has |have |had )?((?:passed|cleared)(?!\s+by\b)|was passed|was approved|"
    r"was rejected|was defeated|was voted down)\b[^.;]{0,50}?\b(?:in|through|by) (?:the |a majority of )?"
    r"(?:House of )?(?:Commons|Lords|Senedd|Dáil|Senate|Holyrood|Scottish Parliament|MPs|peers|MSPs)\b"
    r"|\b(got|won|secured) the (?:backing|support) of (?:the |a )?(?:majority of )?(?:MPs|peers|MSPs|MSs|TDs|senators)\b"
    # "The Online Safety Bill is set to become law after passing its final parliamentary hurdle in the House of Lords"
    r"|(?<=\b(?:bill|Bill|BILL)\b)[^.;]{0,80}?\b(?:after|on|by|following|with)\s+(passing|clearing)\s+(?:its|the)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:hurdle|stage|reading|vote)s?\s+in\s+the\s+(?:House of )?(?:Commons|Lords|Senedd|Dáil|Senate|"
    r"Scottish Parliament)\b"
)
# "failed in their bid to scrap the limit" in a chamber: the chamber decided against the bid.
_FAILED_BID = re.compile(r"\b(?:failed|lost) in (?:their|its|his|her|a) (?:bid|attempt|effort) to\b")
# A group of members who voted: "The seven Labour MPs who defied the Government by backing an amendment to scrap…".
_GROUP_VOTE = re.compile(
    r"\b(?:MPs|MSPs|MSs|AMs|TDs|peers|senators|members|backbenchers|rebels|councillors)\s+(?:who|that)\s+(?:had\s+|have\s+)?"
    r"(defied|rebelled|backed|supported|voted (?:for|against|in favour of|to \w+)|opposed)\b([^.;]*)"
)
# "X and Y were among those who voted against the bill"
_AMONG_AFTER = re.compile(
    r"\b(?:were|was)\s+among\s+(?:the |those )?(?:[\w-]+ )?(?:MPs|peers|members|senators|those|TDs|MSPs|rebels)\s+"
    r"(?:who|to)\s+(backed|support(?:ed)?|voted for|voted in favour(?: of)?|voted against|opposed|rejected|vote (?:for|against))\b"
)
# What may stand right before a chamber's members for them to be the whole chamber: the clause's start, a conjunction,
# a time word ("MPs passed…", "and peers rejected…", "Last night MPs backed…", "a majority of MPs") — not "Tory MPs",
# "seven MPs", "eligible MPs", "which … MPs backed".
_WHOLE_CHAMBER_BEFORE = re.compile(r"(?:^|[,;:(–—]\s*|\b(?:and|but|then|when|after|as|so|yesterday|today|tonight|night|"
                                   r"evening|afternoon|morning|finally|later|majority of|[a-z]+ly)\s+)$")


def _direction(verb: str, rest: str) -> str:
    """support or oppose: the direction of a vote, turned by what the vote was for ("backing an amendment to scrap…")."""
    inner = re.search(r"\b(?:by|to|and)\s+(backing|supporting|voting for|vote for|voting against|vote against|opposing)\b", rest)
    if verb in ("defied", "rebelled"):
        if inner is None:
            return ""
        verb, rest = inner.group(1), rest[inner.end() :]
    rest = re.split(r"[,;:–—]|\s-\s|\b(?:despite|but|while|although|after|before|as|because)\b", rest)[0]
    against = bool(re.match(r"(?:rejected|rejecting|opposed|opposing|voted against|voting against|vote against|defeated|threw out|"
                            r"voted down)", verb))
    undoing = bool(lx.UNDOING.search(" ".join(rest.lower().split()[:10])))
    return "oppose" if against != undoing else "support"


def chamber_votes(masked: str) -> list[tuple[int, int, str, str]]:
    """(start, end, stance, members) of each vote told with a chamber or its members as a whole for subject."""
    found = []
    for match in [*_CHAMBER_SUBJECT.finditer(masked), *_CHAMBER_AND.finditer(masked)]:
        before = masked[: match.start()]
        if not _WHOLE_CHAMBER_BEFORE.search(before) or re.search(r"\b(?:which|that|who|whom)\b[^,;]*$", before):
            continue
        found.append((match.start(2), match.end(2), _direction(match.group(2), masked[match.end(2) :]), match.group("members")))
    for match in _PASSED_IN.finditer(masked):
        word = match.group(1) or match.group(2) or match.group(3)
        stance = "oppose" if re.search(r"rejected|defeated|voted down", word) else "support"
        start = match.start(3) if match.group(3) else match.start()  # "after passing its final hurdle": the act is "passing"
        found.append((start, match.end(), stance, match.group()))
    return found


def failed_bid(masked: str) -> tuple[int, int, str] | None:
    """"In the Senedd this evening the Conservatives failed in their bid to scrap the limit": the chamber named in the
    sentence decided against the bid, so for what the bid would undo."""
    bid = _FAILED_BID.search(masked)
    if bid is None or not any(p.search(masked) for p, _ in _CHAMBERS):
        return None
    return bid.start(), bid.end(), "support" if lx.UNDOING.search(masked[bid.end() : bid.end() + 40].lower()) else "oppose"


def _listed_people(masked: str, mentions: list[Mention]) -> list[Mention]:
    """"A, B, C and D have been suspended": the named people listed as the sentence's subject (at least two)."""
    people = [m for m in mentions if m.how != "pronoun" and m.entity is not None and m.entity.kind == "person"]
    if not people or people[0].start > 2:
        return []
    listed = [people[0]]
    for mention in people[1:]:
        gap = masked[listed[-1].end : mention.start]
        if not re.fullmatch(r"\s*(?:,|,?\s*and)\s*", gap):
            break
        listed.append(mention)
    return listed if len(listed) >= 2 and "and" in masked[listed[-2].end : listed[-1].start] else []


def group_voters(masked: str, mentions: list[Mention], memory: dict) -> list[tuple[int, int, Entity, str]]:
    """Named members' votes: the people listed after "the seven MPs who defied the whip to vote for X:", in the sentence
    right after such a group is told of ("A, B and C have lost the whip"), or before "were among those who voted…"."""
    found: list[tuple[int, int, Entity, str]] = []
    group = _GROUP_VOTE.search(masked)
    stance = _direction(group.group(1), group.group(2)) if group else ""
    people = [m for m in mentions if m.how != "pronoun" and m.entity is not None and m.entity.kind == "person"]
    if group and stance:
        colon = masked.find(":", group.end(1))
        listed = [m for m in people if colon >= 0 and m.start > colon]
        found = [(m.start, m.end, m.entity, stance) for m in listed]
        memory["group_vote"] = (stance, memory.get("rank", 0))
    elif memory.get("group_vote") and memory["group_vote"][1] >= memory.get("rank", 0) - 2:
        found = [(m.start, m.end, m.entity, memory["group_vote"][0]) for m in _listed_people(masked, mentions)]
        if found:
            memory["group_vote"] = None
    among = _AMONG_AFTER.search(masked)
    if among is not None and not found:
        listed = _listed_people(masked, mentions) or [m for m in people if m.end <= among.start()][-1:]
        stance = _direction(among.group(1), masked[among.end() :])
        found = [(m.start, m.end, m.entity, stance) for m in listed if m.end <= among.start()]
    unique: list[tuple[int, int, Entity, str]] = []
    for item in found:
        if all(item[2] is not other[2] for other in unique):
            unique.append(item)
    return unique


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
    verb = found.group(1) or found.group(2)
    group = 1 if found.group(1) else 2
    stance = _direction(verb, masked[found.end(group) :])  # "backing the amendment to scrap the cap": against the cap
    people = [m for m in mentions if m.start >= found.end() and m.how != "pronoun" and m.entity is not None
              and m.entity.kind == "person"]
    seen: list[Entity] = []
    for mention in people:
        if mention.entity not in seen:
            seen.append(mention.entity)
    return [(found.start(group), found.end(group), entity, stance) for entity in seen]


def vote_events(sentence: Sentence, mentions: list[Mention], found: list[Event], finder: MentionFinder,
                rank: int, memory: dict | None = None) -> list[Event]:
    """The acts of a sentence's votes, unless the lexicon already gave the vote verb an actor. `memory` carries a
    group of voters told of in one sentence to the list of their names in the next."""
    memory = {} if memory is None else memory
    memory["rank"] = rank
    masked = sentence.masked
    votes: list[Event] = []
    taken = {e.verb[0] for e in found}
    for start, end, entity, stance in named_voters(masked, mentions):
        if not any(e.actor is entity for e in found):
            votes.append(Event(sentence, (start, end), entity, "statement", stance, 0.75, False, 0.8, [sentence], rank=rank))
    for start, end, entity, stance in group_voters(masked, mentions, memory):
        if not any(e.actor is entity for e in [*found, *votes]):
            event = Event(sentence, (start, end), entity, "statement", stance, 0.7, False, 0.75, [sentence], rank=rank)
            event.pending, event.date_note = True, "a member's vote: the day of the vote the article reports"
            event.settled = True
            votes.append(event)
    tallied = division(masked)
    acts = [tallied] if tallied is not None else chamber_votes(masked)
    bid = failed_bid(masked)
    if bid is not None and tallied is None:
        name = chamber_of(masked, "")
        known = finder.cast.by_store(name)
        entity = known[0] if known else finder.cast.new(name, "organisation", None)
        votes.append(Event(sentence, bid[:2], entity, "decision", bid[2], 0.75, False, 0.75, [sentence], rank=rank))
        votes[-1].settled = True
    for act in acts:
        if act[0] in taken or votes or (tallied is None and any(e.kind == "decision" and e.actor.kind == "organisation"
                                                                for e in found)):
            continue
        if len(act) > 3 and act[3].lower() == "councillors":  # "Councillors voted to approve…": the council named
            councils = [e for e in finder.cast.entities.values() if e.kind == "organisation" and e.name.endswith("Council")]
            entity = councils[0] if len(councils) == 1 else None
            if not councils and re.search(r"(?i)\bthe council\b", finder.article.text):  # the article names no council: "the council"
                entity = finder.cast.new("Council", "organisation", None)
        else:
            name = chamber_of(masked, finder.article.text)
            known = finder.cast.by_store(name) if name is not None else []
            entity = known[0] if known else finder.cast.new(name, "organisation", None) if name is not None else None
        if entity is not None:
            votes.append(Event(sentence, act[:2], entity, "decision", act[2], 0.8, False, 0.8, [sentence], rank=rank))
            break
    return votes
