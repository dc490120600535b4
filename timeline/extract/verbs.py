"""The lexicon's verbs in a sentence that may report an act: the longest match wins where two overlap; a verb
inside "declined to comment" and the like, after a modal or a plan ("would scrap", "plans to cut"), or in a
purpose infinitive ("reformulated their drinks to cut the sugar") reports none, and rejecting a charge is a
statement, not a refusal. `reader` gives each the subject and the date."""

from __future__ import annotations

import re

from timeline.extract import lexicon as lx

# An infinitive is the act itself after these ("used a trip to Albania to unveil plans", "agreed to cut").
_INFINITIVE_ACT = re.compile(
    r"\b(?:used|uses|using|took|takes|seized|chose|chooses|opted|moved|went on|agreed|decided|voted|refused|order|"
    r"set out|said no|according|due|set|expected|close)\b(?:[^,;.]|\.(?=\d))*?\bto\s+(?:\w+ly\s+)?$"  # "article 49.3"
)


def find_verbs(masked: str) -> list[tuple[int, int, lx.Verb]]:
    """(start, end, verb) of each verb of the lexicon in `masked` that may report an act, in order."""
    lower = masked.lower()
    matches = [(m.start(), m.end(), verb) for verb in lx.VERBS for m in verb.pattern.finditer(lower)]
    matches.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    chosen: list[tuple[int, int, lx.Verb]] = []
    for match in matches:
        if all(match[1] <= c[0] or match[0] >= c[1] for c in chosen):
            chosen.append(match)
    ignored = [m.span() for m in lx.IGNORE.finditer(lower)]
    rebuttals = [m.span() for m in lx.REBUTTAL.finditer(lower)]
    result = []
    for start, end, verb in sorted(chosen, key=lambda m: m[0]):
        if any(a < end and start < b for a, b in ignored):
            continue
        if any(a <= start < b for a, b in rebuttals):
            verb = lx.Verb(verb.pattern, "statement", None, False, 0.7)
        modal = lx.NOT_HAPPENED.search(lower[:start])
        if modal and not (masked[modal.start()].isupper() and (modal.start() > 0 or masked.startswith("May "))):
            continue  # but "Theresa May has withdrawn", "May also warned": a name, not the modal (sixth pass)
        if re.search(r"\bto\s+(?:\w+ly\s+)?$", lower[:start]) and not re.search(r"(?:ed|en)$", lower[start:end]) \
                and not _INFINITIVE_ACT.search(lower[:start]):
            continue  # "began to reformulate their drinks to cut the sugar": an infinitive tells a purpose, not an act
        result.append((start, end, verb))
    return result
