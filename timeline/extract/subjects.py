"""Subjects of the verbs the reader finds: the nearest actor named on the verb's left (skipping appositives,
possessives and objects of prepositions), the speaker after the verb when a quotation precedes it, the agent
after "by" in the passive, a body's organ for the body, and the antecedent of "he", "she", "it", "they".

A mixin of `reader.Reader` (moved out of `reader` in the eighth pass to keep each module under 400 lines).
"""

from __future__ import annotations

import re

from timeline.extract import lexicon as lx
from timeline.extract.clauses import inside_parenthesis, is_court, names_end
from timeline.extract.mentions import Entity, Mention
from timeline.extract.passive import agent_from_context
from timeline.extract.text import MASK, QUOTE_MARKS, Sentence

_SKIPPABLE = re.compile(
    r"(?i)^(?:also|now|then|later|earlier|again|once|already|still|just|only|even|swiftly|quickly|first|long|"
    r"immediately|publicly|formally|repeatedly|twice|yesterday|today|tonight|last|night|week|month|year|"
    r"was|were|is|are|has|have|had|been|being|be|not|on|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|morning|afternoon|evening|this|ago|fortnight|january|february|march|april|may|june|july|august|september|"
    r"october|november|december|\d{1,2}(?:st|nd|rd|th)?|\d{4}|a|an|in|two|three|four|five|six|days?|weeks?|months?|"
    r"years?|\w+ly)$"
)
_POST_NOMINALS = {"MP", "MS", "MSP", "AM", "MEP", "MLA", "QC", "KC", "OBE", "CBE", "MBE",
                  "MPs", "MSs", "MSPs", "AMs", "MEPs", "TDs", "Members"}  # "Plaid Cymru MSs voted": the party's members

# A body's voice or organ between its name and the verb ("A Treasury spokesperson said", "X's executive board approved").
_ORGAN = re.compile(r"(?:['’]s)?\s+(?:[a-z]+\s+){0,2}?(?:spokes(?:man|woman|person)|press office|board|cabinet|committee|"
                    r"executive|panel)\s+(?:(?:has|have|had|also|\w+ly)\s+)?")
# Unnamed ministers deciding: "Ministers agreed to amend the bill", "ministers have decided to…".
_MINISTERS = re.compile(r"(?:^|[,;]\s*|\band\s+)(?:[Mm]inisters|[Tt]he [Mm]inisters)\s+(?:(?:have|has|had|also|\w+ly)\s+){0,2}$")
# A named subject coordinated with an unnamed plural: "the Scottish Greens and environment campaigners argued".
_JOINT_UNNAMED = re.compile(r"\s+and\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*[^s\W]s\s+(?:\w+ly\s+)?$")

# Whom a speaker told, or the outlet that reported it: "…,” the deputy told BFMTV", "…,” declared X on Twitter, reports
# BFMTV" — the name after these is an addressee or a source, never the speaker (eighth pass; seen7).
_SOURCE_BEFORE = re.compile(r"(?:^|\s)(?:told|tells|reports|reported|according to|quoted by|cited by)\s+(?:the\s+)?$")


class Subjects:
    """Finding who acts; the reader's state (events, previous subject, groups) is read from `self`."""

    def _subject(self, sentence: Sentence, mentions: list[Mention], start: int, end: int,
                 verb: lx.Verb) -> tuple[Entity, float] | None:
        masked = sentence.masked
        before = masked[:start]
        verb_word = masked[start:end].split()[0].lower()
        if verb_word == "according":  # "…, according to Minister for Housing James Browne"
            after = [m for m in mentions if m.start >= end and m.start - end <= 40 and m.how != "pronoun"]
            return (after[0].entity, after[0].confidence) if after else None
        if verb_word.endswith("ed") and re.match(r"\s+by\b", masked[end:]):
            # "in a move welcomed by unions but criticised by small firms": a participle whose agent follows "by"; only
            # a name right after "by" acts, never the subject of the sentence (eighth pass)
            by = end + re.match(r"\s+by\s+(?:the\s+)?", masked[end:]).end()
            agent = [m for m in mentions if m.start == by and m.how != "pronoun" and not m.possessive]
            return (agent[0].entity, agent[0].confidence * 0.9) if agent else None
        if lx.PASSIVE.search(before.lower()) and not verb_word.endswith("ing"):
            agent = self._agent(masked, mentions, end)
            if agent is None and verb.kind in ("decision", "proposal") and not re.search(r"\bby\b", masked[end : end + 60]):
                return agent_from_context(before, masked, self.published.year, mentions, self.events,
                                          list(self.finder.cast.entities.values()))
            return agent
        if re.search(r"[’”\"'»›“]\s*,?\s*$", before) and MASK in before:
            # "‘…,’ said its director, Graham Pike": the speaker follows the verb
            after = [m for m in mentions if m.start >= end and m.start - end <= 80 and not m.possessive
                     and not m.after_preposition and not _SOURCE_BEFORE.search(masked[end : m.start])]
            if after and after[0].how != "pronoun":
                return after[0].entity, after[0].confidence
        organ = self._organ(masked, mentions, start)
        if organ is not None:
            return organ
        joint = _JOINT_UNNAMED.search(before)
        named = [m for m in mentions if joint and m.end <= joint.start() and not masked[m.end : joint.start()].strip()]
        if named and not named[-1].possessive and not named[-1].after_preposition and named[-1].how != "pronoun":
            return named[-1].entity, named[-1].confidence * 0.9  # "the Scottish Greens and environment campaigners argued"
        if not self._subject_slot_open(masked, mentions, start):
            if verb.kind in ("decision", "proposal", "agreement", "reversal") and _MINISTERS.search(before):
                return self.finder._government(False), 0.6  # "Ministers agreed to extend the scheme": the government
            return None
        for mention in sorted((m for m in mentions if m.end <= start), key=lambda m: -m.end):
            if mention.possessive or inside_parenthesis(masked, mention, start):
                continue
            gap = masked[mention.end : start]
            relative = re.match(r"\s*,\s*(?:who|which)\b", gap)
            spokesman = re.search(r"\b(?:spokes(?:man|woman|person)|representative|statement)\s+(?:for|of|from)\s+(?:the\s+)?$",
                                  masked[: mention.start]) or (mention.how != "title" and re.search(
                                      r"\b(?:[Tt]he|[Aa]n?)\s+(?:head|chief|leader|boss|chair(?:man|woman)?|president|general secretary|"
                                      r"chief executive|director)\s+(?:of|at)\s+(?:the\s+)?$", masked[: mention.start]))
            agent = mention.after_by and verb_word.endswith("ing") and not gap.strip(" ,")
            # "… after Ofgem confirmed the cap would change": a conjunction, not a preposition, before the subject
            conjunction = re.search(r"\b(?:after|before|since|until|as|when|while)\s+(?:the\s+)?$", masked[: mention.start]) and not re.sub(
                r"\b(?:also|\w+ly)\b", "", gap).strip()  # "It comes as Mr Barclay also insisted"
            if mention.after_preposition and not relative and not spokesman and not agent and not conjunction:
                continue  # "a source close to Mr Khan accused": the object of a preposition is not the speaker
            # (but "a demo organised by the Unite union demanding…": the agent right before a participle acts)
            if mention.how == "pronoun":
                self.pronoun_subject = True
                return self._antecedent(mention)
            return mention.entity, mention.confidence  # "A spokesman for the Department … said": the department
        return None

    def _organ(self, masked: str, mentions: list[Mention], start: int) -> tuple[Entity, float] | None:
        """"A Treasury spokesperson said", "Leeds City Council's executive board approved", "the Prime Minister's
        official spokesman said": a body's organ or voice acts for the body (or the person) named before it."""
        before = [m for m in mentions if m.end <= start and m.how != "pronoun" and m.entity is not None]
        if before and _ORGAN.fullmatch(masked[before[-1].end : start]) and not before[-1].after_preposition:
            return before[-1].entity, 0.75
        return None

    def _subject_slot_open(self, masked: str, mentions: list[Mention], start: int) -> bool:
        """False when the word before the verb is a noun that is not an actor ("ministers insisted")."""
        prefix = masked[:start]
        place = re.search(r"\s(?:in|at|from)\s+(?:[A-Z][\w.\-]*\s+)+$", prefix)
        if place and not any(m.end > place.start() for m in mentions if m.end <= start):  # not "Dignity in Dying"
            prefix = prefix[: place.start() + 1]  # "A federal judge in Washington blocked…": a place, not the subject
        words = list(re.finditer(r"[^\s,;:]+|[,;:]", prefix))
        ends = {m.end for m in mentions}
        for word in reversed(words):
            token = word.group().strip(QUOTE_MARKS)
            if word.end() in ends or word.end() - 2 in ends or (token.startswith("(") and word.end() - 1 in ends):
                return True
            if token in {"who", "which", "that"} and not names_end(words, word, ends):
                return False  # "angry nurses who warned", "a report that called for": the noun is the subject
            if token in {",", ";", ":", "who", "which", "and", "but", "or", "to", "that"} or not token or (
                    token == "by" and masked[start:].split()[0].endswith("ing")):  # "X surprised MPs by going ahead with…"
                return True
            if MASK in token:
                return True
            if _SKIPPABLE.match(token) or token in _POST_NOMINALS:
                continue
            return False
        return True

    def _agent(self, masked: str, mentions: list[Mention], end: int) -> tuple[Entity, float] | None:
        by = re.search(r"\bby\b", masked[end : end + 60])
        if not by or re.search(r"\b(?:\w+ed|\w+en|which|that|who|whose)\b", masked[end : end + by.start()]):
            return None  # "placed on a website managed by the National Archives": another verb's agent
        at = end + by.end()
        for mention in mentions:
            if mention.start >= at and mention.start - at <= 60 and not mention.possessive and mention.how != "pronoun":
                return mention.entity, mention.confidence * 0.9
        return None

    def _they(self, masked: str, start: int) -> bool:
        return bool(re.search(r"\b[Tt]hey\s+(?:\w+\s+){0,2}$", masked[:start]))

    def _antecedent(self, pronoun: Mention) -> tuple[Entity, float] | None:
        """"he"/"she": the latest actor of an event who can be one; "it"/"they": an organisation."""
        wants_person = pronoun.text.lower() in {"he", "she"}
        if pronoun.text in {"It", "it"} and self.policy_subject and pronoun.start == 0:
            return None  # "It also introduces an electoral ban": the bill of the sentence before
        if wants_person and self.previous_subject is not None:
            person = self.previous_subject  # the subject of the sentence before
            if pronoun.gender is None or person.gender in (None, pronoun.gender):
                return person, 0.8
        if pronoun.text.lower() == "they" and not self.last_group and self.plural_unnamed:
            return None  # "the local authorities' lawyers said …" then "They argued …": the unnamed plural (seventh pass)
        recent = [*self.events, *self.current]  # this sentence's earlier acts too: "X admitted … and he conceded"
        for event in reversed(recent):
            actor = event.actor
            if wants_person and actor.kind == "person" and (pronoun.gender is None or actor.gender in (None, pronoun.gender)):
                return actor, 0.8
            if pronoun.text.lower() == "they" and self.last_group:
                return self.last_group[0], 0.7  # "The RCN and the RCM … now they want…": the group (reader adds the rest)
            if not wants_person and actor.kind == "organisation" and not (pronoun.text.lower() == "they" and is_court(actor)):
                return actor, 0.7  # a court is "it", never "they" (seventh pass)
            if len(recent) - recent.index(event) > 4:
                break
        return None
