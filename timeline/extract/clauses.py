"""Small clause tests the reader uses: a court as actor, an appositive that closes before the verb, the end of a name
before a relative pronoun, and which act a sentence's quotation belongs to (moved out of `reader` in the sixth pass)."""

from __future__ import annotations

import re

from timeline.extract.acts import Event
from timeline.extract.mentions import Entity, Mention
from timeline.extract.text import Sentence


def is_court(actor: Entity) -> bool:
    """A court or a judge: what it blocks or orders is a ruling."""
    names = [actor.name, *actor.aliases, *actor.titles]
    return any(re.search(r"\b(?:Court|Tribunal|Judge|Justice|judge)\b", n) for n in names)


_JUDGE = re.compile(r"^(?:(?:Lord |Lady )?Chief )?Justice$|^(?:Mr|Mrs|Ms|Lord|Lady) Justice\b|^(?:Judge|District Judge|Circuit Judge)$")


def bench_voice(actor: Entity, masked: str, court: Entity | None) -> Entity | None:
    """A named judge's act in an article about one court's ruling is the court's: "In a ruling on Friday, Mr Justice
    Swift dismissed the case", "Chief Justice John Roberts wrote in his majority opinion" (seventh pass). Not a dissent,
    which is the judge's own, and not a "Justice Minister"."""
    if court is None or actor.kind != "person" or re.search(r"(?i)\bdissent", masked):
        return None
    judge = any(_JUDGE.search(t) for t in actor.titles) or bool(_JUDGE.search(actor.name)) or any(
        _JUDGE.search(a) for a in actor.aliases)
    return court if judge else None


def inside_parenthesis(masked: str, mention: Mention, verb: int) -> bool:
    """The mention sits in an appositive or relative clause that closes before the verb:
    "Caroline Lucas, the former Green Party leader, welcomed…", "Rachel Reeves, who last year
    described Sizewell C as…, said…" — the speaker is the name before the comma."""
    before, after = masked[: mention.start], masked[mention.end : verb]
    opened = re.search(r",\s*(?:the|a|an|its|his|her|their|former|who|which|whose)\b[^,]*$", before) or re.search(
        r",\s*(?:[a-z][\w-]*\s+){1,6}?(?:of|for|at|with|from)\b[^,]*$", before)  # ", director of policy at the charity X,"
    if opened is None and re.search(r",\s*$", before) and re.match(r"\s+(?!and\b|or\b)[a-z]", after):
        opened = True  # "Liz Kendall, Labour leadership candidate and shadow minister…, described": an affiliation
    if bool(opened) and bool(re.match(r"[^,]*,\s*(?:\S+\s+){0,2}$", after)):
        return True
    # "Jeremy Wright, minister for the department for digital, culture, media and sport (DCMS) defended…": an office held
    # by the person named before the comma, never closed, its body's name right before the verb (eighth pass; seen7)
    return bool(_OFFICE_OPEN.search(before)) and bool(re.fullmatch(r"\)?\s*(?:\w+ly\s+)?", after))


_OFFICE_OPEN = re.compile(
    r"[A-Z][\w’'-]+,\s*(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}?(?:minister|secretary|head|chief|director|leader|chair(?:man|woman)?|"
    r"spokes(?:man|woman|person)|president|commissioner|adviser|member)\s+(?:of|for|to|at)\s+(?:[^,;.]*?,\s+(?=[a-z]))*[^,;.]*$")


def names_end(words: list[re.Match[str]], word: re.Match[str], ends: set[int]) -> bool:
    """The word before a relative pronoun is the end of a name (or a comma after one): "Lord Adonis, who…"."""
    k = words.index(word)
    before = words[k - 1] if k else None
    if before is not None and before.group() == "," and k >= 2:
        before = words[k - 2]
    return before is None or before.end() in ends or before.end() - 2 in ends or not before.group()[:1].islower()


def attach_quotes(sentence: Sentence, events: list[Event]) -> None:
    """Each quotation of the sentence goes to the event whose verb is nearest to it."""
    if not events:
        return
    for span in sentence.quotes:
        nearest = min(events, key=lambda e: min(abs(span[0] - e.verb[1]), abs(e.verb[0] - span[1])))
        nearest.quotes.append(sentence.quote_text(span))


# Who comments on the news rather than takes a side in it: "political scientist Uwe Jun told EURACTIV", "X, a polling
# analyst at Y," (sixth pass). Their words are analysis, not a position: no record.
_COMMENTATOR = r"(?:political scientist|political analyst|analyst|commentator|pollster|political editor|correspondent|historian)"


def commentator(actor: Entity, text: str) -> bool:
    """The article introduces `actor` only by a commentator's occupation (and the store does not know it)."""
    if actor.known or actor.kind != "person":
        return False
    name = re.escape(actor.name)
    return bool(re.search(rf"\b{_COMMENTATOR}\s+(?:(?:Dr|Prof|Professor)\.?\s+)?{name}\b", text, re.IGNORECASE)
                or re.search(rf"\b{name},\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}{_COMMENTATOR}\b", text))
