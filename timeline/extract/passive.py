"""Subjects the nearest name does not give: acts told in the passive without "by", and coordinated subjects.

"Labour's plans were unveiled" → Labour (a possessive in the subject); "The project was approved at a
meeting of ministers" → the government body that acted just before ("given the go-ahead by the
Cabinet"); "the regulations … were published last Thursday" → the article's government body
("the Department for Education"). Only when the subject is a policy (plans, rules, a bill, fees…) and
the verb a decision or a proposal: a passive with no agent and no government in the article yields
no act rather than a guess.
"""

from __future__ import annotations

import re

from timeline.extract.acts import Event
from timeline.extract.mentions import Entity, Mention

POLICY_NOUNS = re.compile(
    r"(?i)\b(?:regulations?|rules?|plans?|proposals?|bill|law|laws|legislation|changes|measures?|scheme|policy|"
    r"project|strategy|consultation|budget|fees?|charges?|ban|levy|levies|tax|taxes|increase|rise|cuts?|move|"
    r"reforms?|runway|decision|programme|order|guidance|targets?|cap|limit|deal|agreement|statement|white paper)\b"
)
GOVERNMENT = re.compile(r"\b(?:Government|Department|Ministry|Cabinet|Treasury|Home Office|Executive|Downing Street|No 10)\b")


def passive_subject(before: str) -> str:
    """The words of the passive's subject: from the clause's start to the auxiliary, skipping a
    parenthesis ("The changes to the fees, affecting 500,000 students, was put…") and taking the
    antecedent of "which" ("the plans which were published")."""
    clause = re.sub(r"\b(?:was|were|is|are|has|have|had|been|being|be)\b(?:\s+(?:been|being|\w+ly))*\s*$", "", before)
    segments = re.split(r",\s|[;:–—]|\s-\s|\b(?:that|and|but|when|while|because|as|if|how|way)\b", clause)
    while len(segments) > 1 and re.match(r"\s*(?:$|\w+ing\b|\w+ed\b|which\b|who\b|and\b)", segments[-1]):
        last = segments.pop()
        if re.match(r"\s*(?:which|who)\b", last):
            break
    subject = segments[-1]
    return re.split(r"\b(?:which|who)\b", subject)[0]


def agent_from_context(before: str, sentence: str, year: int, mentions: list[Mention], events: list[Event],
                       entities: list[Entity]) -> tuple[Entity, float] | None:
    """The actor of an agentless passive act, or None when neither sentence nor article says."""
    subject = passive_subject(before)
    if not POLICY_NOUNS.search(subject) or len(subject.split()) > 12:
        return None
    if any(int(y) < year for y in re.findall(r"\b(?:19|20)\d\d\b", sentence)):
        return None  # "The 5p levy was introduced in England in 2015": background, not the news
    start = before.rfind(subject) if subject.strip() else len(before)
    for mention in mentions:
        if mention.possessive and mention.entity is not None and start <= mention.start < len(before):
            return mention.entity, 0.7  # "Labour's plans were unveiled"
    if re.search(r"\b(?:the|a|an)\s+(?!government|department|ministry|cabinet|treasury)[a-z]+['’]s\s", subject):
        return None  # "the court’s decision was announced": someone the text does not name as an actor decided
    for event in reversed(events[-4:]):
        if event.actor.kind == "organisation" and governing(event.actor):
            return event.actor, 0.65  # the government body that acted just before
    bodies = [e for e in entities if e.kind == "organisation" and governing(e) and e.count]
    if bodies:
        return max(bodies, key=lambda e: e.count), 0.6
    return None


def governing(entity: Entity) -> bool:
    return any(GOVERNMENT.search(name) for name in [entity.name, *entity.aliases])


def co_subjects(masked: str, mentions: list[Mention], actor: Entity | None, verb: int) -> list[Entity]:
    """"The Royal College of Nursing and the Royal College of Midwives said…": every actor of a coordinated
    subject (an empty list when the subject is one actor)."""
    before = [m for m in mentions if m.end <= verb and m.entity is not None and m.how != "pronoun"]
    if actor is None or not before or before[-1].entity is not actor:
        return []
    group = [before[-1]]
    for mention in reversed(before[:-1]):
        gap = masked[mention.end : group[-1].start]
        joint = r"\s*,?\s*(?:and|&)\s*(?:the\s+)?" if len(group) == 1 else r"\s*,\s*(?:the\s+)?"  # "A, B and C"
        including = re.search(r"\bincluding\s+(?:the\s+)?$", masked[: mention.start])  # "groups including the CBI and…"
        if not re.fullmatch(joint, gap) or mention.possessive or (mention.after_preposition and not including):
            break
        group.append(mention)
    if len(group) < 2:
        return []
    return [m.entity for m in reversed(group)]
