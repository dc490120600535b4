"""Who "the minister", "the union", "the culture secretary" is (moved out of `mentions` in the seventh pass).

The actor named most recently whose title or name has the role's word; a modifier ("the culture secretary") must be in
that title too. An office named before its holder (seventh pass): "The television licence fee … is being frozen, the
culture secretary has announced." then "Nadine Dorries said…" — a role in lower case with no holder named earlier and
the next body sentence that opens with a person's full name, met there for the first time, name one person."""

from __future__ import annotations

import re
from typing import Any

from events.text import normalise
from timeline.extract import lexicon as lx

# Offices a person holds (not "the union", "the council"): only these look ahead for their holder.
PERSON_ROLES = {"minister", "secretary", "chancellor", "premier", "mayor", "president", "senator", "judge"}
_OPENING_NAME = re.compile(r"(?:(?:[A-Z][\w’'-]+\s+){0,3}?)((?:[A-Z][a-z][\w’'-]*\s+){1,2}[A-Z][a-z][\w’'-]*)\s+"
                           r"(?:\w+ly\s+)?(?:said|says|told|announced|confirmed|insisted|added|explained|wrote)\b")


def holder_named_next(finder: Any, sentence: Any, noun: str) -> Any:
    """The person named at the start of the next body sentence, if the article has not mentioned them before and the
    office is one a person holds; else None."""
    if noun not in PERSON_ROLES:
        return None
    sentences = finder.article.sentences
    after = [s for s in sentences[sentence.index + 1 :] if s.body][:1]
    if not after or after[0].index != sentence.index + 1:
        return None
    opening = _OPENING_NAME.match(after[0].masked)
    if opening is None:
        return None
    entity = finder.cast.entities.get(normalise(opening.group(1)))
    if entity is None or entity.kind != "person" or id(entity) in finder.cast.last_seen:
        return None
    return entity


def by_role(finder: Any, noun: str, phrase: str, sentence: Any) -> Any:
    """The entity "the <noun>" (`phrase`, as written) refers to, or None."""
    cast = finder.cast
    nouns = {"minister", "secretary", "chancellor"} if noun in {"minister", "secretary"} else {noun}
    modifier = re.match(r"(?i)the ([a-z]+) (?:secretary|minister)$", phrase)
    modifier = modifier.group(1).lower() if modifier and modifier.group(1).lower() != "new" else None
    fitting = [e for e in cast.entities.values() if id(e) in cast.last_seen and (
        nouns & set(" ".join([*e.titles, e.name]).lower().split()) or (noun == "mp" and any("MP" in t for t in e.titles))
        or (noun in {"company", "firm", "charity"} and e.kind == "organisation"))]
    if modifier:  # "the culture secretary": a culture secretary, not the last minister of any department
        fitting = [e for e in fitting if modifier in " ".join(e.titles).lower().split()]
    if not fitting and noun in {"regulator", "watchdog"}:
        # "Ofgem confirmed…", then "The energy regulator insisted…": a body named by one word, not a party
        fitting = [e for e in cast.entities.values() if id(e) in cast.last_seen and e.kind == "organisation"
                   and len(e.name.split()) == 1 and e.name.lower() not in lx.PARTIES]
    court = finder._one_court() if noun == "court" else None
    if court is not None:  # "the court" in an article about one court's ruling is that court (eighth pass; seen7)
        return court
    if fitting:
        return max(fitting, key=lambda e: cast.last_seen[id(e)])
    if noun in {"council", "parliament", "senate", "assembly"}:  # "THE Scottish capital's council has backed…" in the lead,
        named = [e for e in cast.entities.values() if e.kind == "organisation" and noun in e.name.lower().split()]
        if len(named) == 1:  # then "Edinburgh City Council could raise…": the one council the article names (eighth pass)
            return named[0]
    return holder_named_next(finder, sentence, noun)


def one_court(finder: Any) -> Any:
    """The one court an article is about, or None (moved out of `mentions` in the eighth pass)."""
    courts = [e for e in finder.cast.entities.values() if e.kind == "organisation" and re.search(r"\bCourt\b", e.name)]
    courts = [c for c in courts if not any(o is not c and o.name.endswith(" " + c.name) for o in courts)]  # "US Supreme Court"
    if len(courts) > 1:  # the court whose ruling the lead tells ("the UK's highest court"), not one named as background
        lead = next((s.masked for s in finder.article.sentences if s.body), "")
        supreme = re.search(r"(?i)\b(?:highest|top|supreme) court\b", lead)
        in_lead = [c for c in courts if c.name in lead or (supreme and "Supreme" in c.name)]
        if len(in_lead) == 1:
            return in_lead[0]
    appeal = [c for c in courts if re.search(rf"\bappeal\w*\b[^.;]{{0,40}}\b{re.escape(c.name)}", finder.article.text)]
    courts = [c for c in courts if c not in appeal] if len(courts) > 1 else courts  # "will appeal at the Supreme Court"
    return courts[0] if len(courts) == 1 else None


# "Councillors in Bristol have voted to scrap…": the members of a place's council acting together (eighth pass).
COUNCILLORS = re.compile(r"\b((?:[Cc]ouncillors|[Cc]ouncil members) (?:in|of|on|at|from) ([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?))\b"
                         r"(?! (?:[A-Z]\w+ )?[Cc]ouncil\b)")


def council_of(finder: Any, match: re.Match[str], masked: str) -> Any:
    """The one council the article names whose name has the place in it, or None; not "Labour councillors in Bristol"
    (a party's members: their position, not the council's act)."""
    if re.search(r"[A-Z][\w’'-]*\s+$", masked[: match.start()]):
        return None
    place = match.group(2)
    councils = [e for e in finder.cast.entities.values() if e.kind == "organisation" and "council" in e.name.lower().split()
                and place.lower() in e.name.lower()]
    return councils[0] if len(councils) == 1 else None
