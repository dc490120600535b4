"""From an article to candidate records: who did what, about which topic, when, in whose words.

For each sentence of the body (see `text`): find the verbs of the lexicon outside quotations, give
each its subject (the nearest actor mention on its left; the mention after it when the verb follows
a quotation, "…,’ said Mr Rama"; the agent after "by" in the passive; the last speaker for
"he"/"she"), drop the verbs that report no event (modals and plans, negations, "declined to
comment", what a speaker said someone else did), then give each event a date, a topic, a stance,
its quotation and a confidence. Finally, events that are one act told in several sentences are
merged: an action and the words that explain it ("Ms Lund, who signed…, said…"), a speaker's
consecutive sentences, and paragraphs that only continue a quotation.

The output lines are in the import format (DESIGN.md §6) with `extra.evidence` (the sentence) and
`extra.confidence` (0..1). A date the article does not support is `null`, with `extra.date_note`
saying why, so that `timeline import` refuses the line until a person fills it in.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from events import slugify
from events.dates import PartialDate
from timeline.extract import lexicon as lx
from timeline.extract.dates import DateExpression, find_dates, office_date, offset_date
from timeline.extract.gazetteer import Gazetteer, stem
from timeline.extract.mentions import Entity, Mention, MentionFinder
from timeline.extract.text import MASK, Sentence, split_article

_KIND_ORDER = ["statement", "criticism", "proposal", "refusal", "decision", "reversal", "agreement", "ruling"]
_BOUNDARY = re.compile(
    r"[,;:()–—]|\b(?:when|while|after|before|because|although|though|since|until|who|which|whose|whereas|"
    r"and|but|as)\b"
)
_SKIPPABLE = re.compile(
    r"(?i)^(?:also|now|then|later|earlier|again|once|already|still|just|only|even|swiftly|quickly|first|long|"
    r"immediately|publicly|formally|repeatedly|twice|yesterday|today|tonight|last|night|week|month|year|"
    r"was|were|is|are|has|have|had|been|being|be|not|\w+ly)$"
)
_PRESENT_PERFECT = re.compile(r"\b(?:has|have|'ve)\s+(?:\w+\s+)?$")
_PLUPERFECT = re.compile(r"\bhad\s+(?:\w+\s+)?$")
_PRESENT_REPORTING = re.compile(r"^(?:says|say|insists|warns|claims|argues|believes|tells|adds)$")
_TIME_SHIFT = re.compile(r"\b(?:before|after|following|later|earlier|afterwards|subsequently|previously)\b")
_CRITICAL = re.compile(
    rf"(?i)\b(?:{lx.PEJORATIVE}|wasted|indefensible|hiding behind|incompetent|reckless|half-baked|"
    rf"weak imitation|panic|cover up|never cared|what was the point)\b"
)


@dataclass
class Event:
    sentence: Sentence
    verb: tuple[int, int]
    actor: Entity
    kind: str
    stance: str | None
    weight: float
    reporting: bool
    subject_confidence: float
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    date: PartialDate | None = None
    date_note: str | None = None
    date_confidence: float = 1.0
    topic: str | None = None
    topic_note: str | None = None
    topic_confidence: float = 1.0
    continuation: bool = False
    rank: int = 0  # position of its sentence among the body's sentences (captions skipped)
    signature: str | None = None  # the topic its own words name, if they name one
    shifted: bool = False  # its sentence moves the story in time ("Speaking before he met…")
    polarity: int = 0  # positive minus negative cue words in what was said or done
    mixed: bool = False

    def text(self) -> str:
        """The words of the event's sentences (quotations included) for topic and stance cues."""
        return " ".join(s.text for s in self.sentences)


@dataclass
class Candidate:
    """One proposed record, ready to print as an import line."""

    actor: str
    actor_kind: str
    aliases: list[str]
    role: str | None
    topic: str | None
    kind: str
    stance: str
    date: str | None
    summary: str
    quote: str | None
    evidence: str
    confidence: float
    notes: dict[str, str]
    source: str | None = None
    source_url: str | None = None
    anchor: str = ""  # the verb and where it stands, to tell two acts of one sentence apart

    @property
    def id(self) -> str:
        """Derived from content, so extracting the same article again gives the same ids."""
        key = f"{self.actor}|{self.kind}|{self.date}|{self.evidence}|{self.anchor}"
        return "x-" + hashlib.sha256(key.encode()).hexdigest()[:12]

    def to_line(self) -> dict[str, Any]:
        line: dict[str, Any] = {"id": self.id, "actor": self.actor}
        if self.actor_kind == "organisation":
            line["actor_kind"] = "organisation"
        if self.aliases:
            line["actor_aliases"] = self.aliases
        if self.role:
            line["role"] = self.role
        line.update(topic=self.topic, kind=self.kind, stance=self.stance, date=self.date, summary=self.summary)
        if self.quote:
            line["quote"] = self.quote
        if self.source:
            line["source"] = self.source
        if self.source_url:
            line["source_url"] = self.source_url
        line["extra"] = {"evidence": self.evidence, "confidence": self.confidence, **self.notes}
        return line


def extract(
    text: str,
    *,
    published: date,
    gazetteer: Gazetteer | None = None,
    source: str | None = None,
    source_url: str | None = None,
) -> list[Candidate]:
    """Candidate records for an article published on `published`, in article order."""
    gazetteer = gazetteer or Gazetteer()
    article = split_article(text)
    finder = MentionFinder(article, gazetteer)
    reader = _Reader(finder, gazetteer, published)
    for sentence in article.sentences:
        mentions = finder.mentions(sentence)
        if sentence.body:
            reader.read(sentence, mentions)
    topics = _Topics(gazetteer, "\n".join(s.text for s in article.body), finder)
    for event in reader.events:
        event.signature = topics.signature(event)
    events = _merge(reader.events)
    for event in events:
        topics.assign(event)
    for event in events:
        _settle_kind_and_stance(event, events)
    candidates = [_candidate(event, source, source_url) for event in events]
    return _unique(candidates)


# -- reading events -------------------------------------------------------------------------------


class _Reader:
    def __init__(self, finder: MentionFinder, gazetteer: Gazetteer, published: date) -> None:
        self.finder = finder
        self.gazetteer = gazetteer
        self.published = published
        self.events: list[Event] = []
        self.main_date: tuple[PartialDate, str] | None = None
        self.body_seen = 0
        self.complement_from: int | None = None  # where the last sentence's reported speech began
        self.last_day: PartialDate | None = None  # the latest day the article named, for "a week later"

    def read(self, sentence: Sentence, mentions: list[Mention]) -> None:
        self.body_seen += 1
        dates = [d for d in find_dates(sentence, self.published)]
        if self.main_date is None and self.body_seen <= 3:
            for d in dates:
                if d.kind == "calendar" and d.value and d.value.precision == "day" and not d.future:
                    self.main_date = (d.value, d.text)
                    break
        if sentence.pure_quote:
            speaker = self.events[-1] if self.events else None
            if speaker is not None:
                event = Event(sentence, (0, 0), speaker.actor, "statement", None, 0.6, True, 0.8, [sentence],
                              continuation=True, rank=self.body_seen)
                event.quotes = [sentence.quote_text(q) for q in sentence.quotes]
                event.date, event.date_note, event.date_confidence = speaker.date, speaker.date_note, speaker.date_confidence
                self.events.append(event)
            return
        self.anchor = self.last_day
        for d in dates:
            if d.kind == "calendar" and d.value and d.value.precision == "day" and not d.future:
                self.last_day = d.value
        found = self._events_of(sentence, mentions)
        framing = sentence.masked[: self.complement_from] if self.complement_from else sentence.masked
        shifted = bool(_TIME_SHIFT.search(framing.lower()))
        for event in found:
            event.shifted = shifted
            self._date(event, dates, mentions)
        _attach_quotes(sentence, found)
        self.events.extend(found)

    def _verbs(self, masked: str) -> list[tuple[int, int, lx.Verb]]:
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
            if lx.NOT_HAPPENED.search(lower[:start]):
                continue
            result.append((start, end, verb))
        return result

    def _events_of(self, sentence: Sentence, mentions: list[Mention]) -> list[Event]:
        masked = sentence.masked
        events: list[Event] = []
        complement_from: int | None = None
        for start, end, verb in self._verbs(masked):
            if complement_from is not None and start >= complement_from:
                break  # what a speaker said someone did is not an event of this article
            subject = self._subject(sentence, mentions, start, end)
            if subject is not None:
                actor, confidence = subject
                events.append(Event(sentence, (start, end), actor, verb.kind, verb.stance, verb.weight,
                                    verb.reporting, confidence, [sentence], rank=self.body_seen))
            quoted_before = re.search(rf"{MASK}[’”\"']?\s*,?\s*(?:\S+\s+){{0,3}}$", masked[:start])
            if (verb.reporting and not quoted_before) or re.match(r"\s+(?:\w+\s+){0,3}?that\b", masked[end:].lower()):
                complement_from = end
        self.complement_from = complement_from
        return events

    # -- subjects ----------------------------------------------------------------------------

    def _subject(self, sentence: Sentence, mentions: list[Mention], start: int, end: int) -> tuple[Entity, float] | None:
        masked = sentence.masked
        before = masked[:start]
        verb_word = masked[start:end].split()[0].lower()
        if lx.PASSIVE.search(before.lower()) and not verb_word.endswith("ing"):
            return self._agent(masked, mentions, end)
        if re.search(r"[’”\"']\s*,?\s*$", before) and MASK in before:
            # "‘…,’ said its director, Graham Pike": the speaker follows the verb
            after = [m for m in mentions if m.start >= end and m.start - end <= 80 and not m.possessive
                     and not m.after_preposition]
            if after and after[0].how != "pronoun":
                return after[0].entity, after[0].confidence
        if not self._subject_slot_open(masked, mentions, start):
            return None
        for mention in sorted((m for m in mentions if m.end <= start), key=lambda m: -m.end):
            if mention.possessive:
                continue
            gap = masked[mention.end : start]
            relative = re.match(r"\s*,\s*(?:who|which)\b", gap)
            adjacent = all(_SKIPPABLE.match(word) for word in gap.split())
            if mention.after_preposition and not (relative or adjacent):
                continue
            if mention.how == "pronoun":
                return self._antecedent(mention)
            return mention.entity, mention.confidence
        return None

    def _subject_slot_open(self, masked: str, mentions: list[Mention], start: int) -> bool:
        """False when the word before the verb is a noun that is not an actor ("ministers insisted")."""
        words = list(re.finditer(r"[^\s,;:]+|[,;:]", masked[:start]))
        ends = {m.end for m in mentions}
        for word in reversed(words):
            token = word.group().strip("’”\"'")
            if word.end() in ends or word.end() - 2 in ends:
                return True
            if token in {",", ";", ":", "who", "which", "and", "but", "or", "to", "that"} or not token:
                return True
            if MASK in token:
                return True
            if _SKIPPABLE.match(token):
                continue
            return False
        return True

    def _agent(self, masked: str, mentions: list[Mention], end: int) -> tuple[Entity, float] | None:
        by = re.search(r"\bby\b", masked[end : end + 60])
        if not by:
            return None
        at = end + by.end()
        for mention in mentions:
            if mention.start >= at and mention.start - at <= 60 and not mention.possessive and mention.how != "pronoun":
                return mention.entity, mention.confidence * 0.9
        return None

    def _antecedent(self, pronoun: Mention) -> tuple[Entity, float] | None:
        """"he"/"she": the latest actor of an event who can be one; "it"/"they": an organisation."""
        wants_person = pronoun.text.lower() in {"he", "she"}
        for event in reversed(self.events):
            actor = event.actor
            if wants_person and actor.kind == "person" and (pronoun.gender is None or actor.gender in (None, pronoun.gender)):
                return actor, 0.8
            if not wants_person and actor.kind == "organisation":
                return actor, 0.7
            if len(self.events) - self.events.index(event) > 4:
                break
        return None

    # -- dates -------------------------------------------------------------------------------

    def _date(self, event: Event, dates: list[DateExpression], mentions: list[Mention]) -> None:
        sentence = event.sentence
        usable = [d for d in dates if not d.future and d.kind not in ("anaphoric", "offset")]
        verb_clause = _clause_of(sentence.masked, event.verb[0], dates)
        own = [d for d in dates if _clause_of(sentence.masked, d.start, dates) == verb_clause and not d.future]
        first_subject = min((m.start for m in mentions if m.how != "pronoun"), default=len(sentence.masked))
        datable = [d for d in dates if not d.future and d.kind != "anaphoric"]
        fronted = [d for d in datable if d.end <= min(first_subject, event.verb[0])]
        chosen = next((d for d in own if d.kind != "anaphoric"), None) or (fronted[0] if fronted else None)
        if chosen is None and any(d.kind == "anaphoric" for d in own):
            others = [d for d in usable if d.kind == "calendar"]
            if others:
                chosen = min(others, key=lambda d: abs(d.start - event.verb[0]))
        if chosen is None and usable and re.search(r"\b(?:when|as|while)\s+(?:\S+\s+){0,3}$", sentence.masked[: event.verb[0]].lower()):
            chosen = usable[0]
        if chosen is not None and chosen.kind == "offset":
            self._from_offset(event, chosen, usable)
            return
        if chosen is not None:
            self._from_expression(event, chosen)
            return
        before = sentence.masked[: event.verb[0]].lower()
        verb_word = sentence.masked[event.verb[0] : event.verb[1]].lower().split()[0]
        if datable:
            event.date_note = "the sentence dates another event; nothing dates this one"
        elif _PRESENT_PERFECT.search(before):
            event.date_note = "present perfect: the article does not say when"
        elif _PLUPERFECT.search(before):
            event.date_note = "past perfect: earlier than the events reported, the article does not say when"
        elif _PRESENT_REPORTING.match(verb_word):
            event.date, event.date_confidence = PartialDate.of(self.published), 0.85
            event.date_note = "present tense: taken as the day of publication"
        elif self.main_date is not None:
            value, phrase = self.main_date
            event.date, event.date_confidence = value, 0.8
            event.date_note = f"not dated in its sentence: the date of the article's lead event ('{phrase}')"
        else:
            event.date_note = "the article gives no date"
        if event.date is None:
            event.date_confidence = 0.6

    def _from_offset(self, event: Event, expression: DateExpression, usable: list[DateExpression]) -> None:
        """"a week later" counts from the sentence's other date, else the last day the article named;
        "…, a week after the Treasury floated…" counts back from the sentence's other date."""
        here = [d.value for d in usable if d.kind == "calendar" and d.value]
        backwards = event.verb[0] > expression.end and expression.text.lower().endswith("after")
        anchor = here[0] if here else (None if backwards else self.anchor)
        event.date = offset_date(expression, anchor, backwards=backwards) if anchor else None
        if event.date is None:
            event.date_note = f"'{expression.text}': nothing in the article fixes the day it counts from"
            event.date_confidence = 0.6
        else:
            event.date_note = f"'{expression.text}' counted from {anchor}"
            event.date_confidence = 0.85

    def _from_expression(self, event: Event, expression: DateExpression) -> None:
        if expression.kind == "calendar":
            event.date = expression.value
            event.date_note = expression.note
            event.date_confidence = 1.0
        elif expression.kind == "office":
            event.date = office_date(expression, event.actor.office_start)
            if event.date is None:
                event.date_note = f"'{expression.text}': the store does not record when {event.actor.name} took office"
                event.date_confidence = 0.6
            else:
                event.date_note = f"'{expression.text}': {event.actor.name} took office {event.actor.office_start}"
                event.date_confidence = 0.9
        else:
            start = event.actor.office_start
            event.date_note = f"'{expression.text}'" + (f": before {start}" if start else ": the article gives no date")
            event.date_confidence = 0.6


def _clause_of(masked: str, position: int, dates: list[DateExpression]) -> int:
    """Index of the clause that contains `position` (boundaries inside date expressions don't count)."""
    count = 0
    for match in _BOUNDARY.finditer(masked[:position]):
        if any(d.start <= match.start() < d.end for d in dates):
            continue
        count += 1
    return count


def _attach_quotes(sentence: Sentence, events: list[Event]) -> None:
    """Each quotation of the sentence goes to the event whose verb is nearest to it."""
    if not events:
        return
    for span in sentence.quotes:
        nearest = min(events, key=lambda e: min(abs(span[0] - e.verb[1]), abs(e.verb[0] - span[1])))
        nearest.quotes.append(sentence.quote_text(span))


# -- merging --------------------------------------------------------------------------------------


def _merge(events: list[Event]) -> list[Event]:
    """One act told in several places becomes one candidate.

    A statement joins the same actor's act in the same sentence ("Ms Lund, who signed…, said…")
    or in the next sentence or two ("…ruled out…" then "Mrs Carver said: ‘…’"), provided nothing
    another actor did was told in between; a paragraph that only continues a quotation joins its
    speaker. Two acts of their own ("froze fees… and scrapped…") stay two candidates.
    """
    merged: list[Event] = []
    for event in events:
        target = _same_act_as(merged, event)
        if target is not None:
            _absorb(target, event)
        else:
            merged.append(event)
    return merged


def _same_act_as(merged: list[Event], event: Event) -> Event | None:
    for back, earlier in enumerate(reversed(merged)):  # noqa: B007 - back is used after the loop
        if earlier.actor is event.actor:
            break
    else:
        return None
    last_sentence = earlier.sentences[-1].index
    between = merged[len(merged) - back :]
    if any(e.sentence.index != last_sentence for e in between):
        return None  # someone else acted in a later sentence: a new turn
    if event.continuation:
        return earlier
    same_sentence = event.sentence.index == last_sentence
    if not same_sentence and event.rank - earlier.rank > 2 + len(earlier.sentences):
        return None
    if event.signature and earlier.signature and event.signature != earlier.signature:
        return None  # the speaker turned to another topic: another record
    if event.shifted and not same_sentence:
        return None  # "Speaking before he met…", "…said following the rejection": another moment
    if event.date is not None and earlier.date is not None and event.date != earlier.date:
        return None
    if event.date is None and earlier.date is not None and not same_sentence:
        return None
    if event.kind == "statement" or (same_sentence and earlier.kind == "statement"):
        return earlier
    return None


def _absorb(into: Event, event: Event) -> None:
    if into.kind == "statement" and event.kind != "statement":
        into.kind, into.weight, into.verb = event.kind, event.weight, event.verb
        into.sentence = event.sentence if event.sentence.index == into.sentence.index else into.sentence
    into.signature = into.signature or event.signature
    if into.stance is None:
        into.stance = event.stance
    elif event.stance is not None and event.stance != into.stance:
        into.mixed = True
    if into.date is None and event.date is not None:
        into.date, into.date_note, into.date_confidence = event.date, event.date_note, event.date_confidence
    for sentence in event.sentences:
        if sentence not in into.sentences:
            into.sentences.append(sentence)
    into.quotes.extend(q for q in event.quotes if q not in into.quotes)
    into.subject_confidence = max(into.subject_confidence, event.subject_confidence)


# -- topics ---------------------------------------------------------------------------------------


class _Topics:
    """The store's topic whose title words a candidate's sentences use; else the article's theme."""

    def __init__(self, gazetteer: Gazetteer, text: str, finder: MentionFinder) -> None:
        self.topics = gazetteer.topics
        self.depth = {t.slug: self._depth(t.slug) for t in self.topics}
        self.article_topic = self._best(text)[0] if self.topics else None
        self.guess = None if self.topics else _theme(text, finder)

    def _depth(self, slug: str) -> int:
        parents = {t.slug: t.parent for t in self.topics}
        depth, seen = 0, set()
        while parents.get(slug) and slug not in seen:
            seen.add(slug)
            slug = parents[slug]
            depth += 1
        return depth

    def _best(self, text: str) -> tuple[str | None, int]:
        comparison = lx.COMPARISON.search(text.lower())
        if comparison:
            text = text[: comparison.start()]
        words = [stem(w) for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text.lower()) for w in w.split("-")]
        bag = Counter(words)
        pairs = Counter(f"{a} {b}" for a, b in zip(words, words[1:]))
        best, best_score = None, 0
        for topic in self.topics:
            score = sum(min(bag[k], 3) for k in topic.keywords()) + 2 * sum(pairs[p] for p in topic.phrases())
            if score > best_score or (score == best_score and score and self.depth[topic.slug] > self.depth.get(best or "", -1)):
                best, best_score = topic.slug, score
        return best, best_score

    def signature(self, event: Event) -> str | None:
        """The store topic named by the event's own clause and quotations, if any."""
        if not self.topics:
            return None
        best, score = self._best(" ".join([_own_clause(event), *event.quotes]))
        return best if score >= 1 else None

    def assign(self, event: Event) -> None:
        if self.topics:
            clause, clause_score = self._best(" ".join([_own_clause(event), *event.quotes]))
            own, score = self._best(event.text())
            if clause and clause_score >= 1:
                event.topic, event.topic_confidence = clause, 1.0
            elif own and score >= 2:
                event.topic, event.topic_confidence = own, 1.0
            elif own:
                event.topic, event.topic_confidence = own, 0.8
            elif self.article_topic:
                event.topic, event.topic_confidence = self.article_topic, 0.7
                event.topic_note = "no topic words in the sentence: the article's main topic"
            else:
                event.topic_confidence = 0.5
                event.topic_note = "no topic of the store matches the article: fill it in"
        elif self.guess:
            event.topic, event.topic_confidence = self.guess, 0.6
            event.topic_note = "no store topics: guessed from the article's most repeated phrase; check it"
        else:
            event.topic_confidence = 0.5
            event.topic_note = "no store topics and no repeated phrase: fill it in"


def _theme(text: str, finder: MentionFinder) -> str | None:
    """The article's most repeated two-word phrase of ordinary words ("return hubs")."""
    names = {w.lower() for e in finder.cast.entities.values() for w in e.name.split()}
    counts: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = {}
    for paragraph in text.split("\n"):
        words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", paragraph)
        for a, b in zip(words, words[1:]):
            la, lb = a.lower(), b.lower()
            if la in lx.STOPWORDS or lb in lx.STOPWORDS or la in names or lb in names or len(la) < 3 or len(lb) < 3:
                continue
            key = f"{stem(la)} {stem(lb)}"
            counts[key] += 1
            surface.setdefault(key, Counter())[f"{la} {lb}"] += 1
    if not counts:
        return None
    key, count = counts.most_common(1)[0]
    if count < 2:
        return None
    return slugify(surface[key].most_common(1)[0][0])


# -- kinds, stances and the candidate -------------------------------------------------------------


def _settle_kind_and_stance(event: Event, events: list[Event]) -> None:
    said = " ".join([*event.quotes, _clause_after_verb(event)])
    if event.kind == "statement" and _CRITICAL.search(said):
        event.kind, event.stance = "criticism", event.stance or "oppose"
    positive = len(lx.POSITIVE.findall(said.lower()))
    negative = len(lx.NEGATIVE.findall(said.lower()))
    event.polarity = positive - negative
    if event.kind == "criticism":
        target = re.split(r"\bsaying\b", _own_clause(event).lower())[0]
        event.stance = "support" if lx.UNDOING.search(target) else "oppose"
    elif event.kind == "ruling" and event.stance is None:
        event.stance = "oppose" if re.search(r"\b(?:unlawful\w*|illegal\w*|struck down|quashed|breach\w*)\b", said.lower()) else (
            "support" if re.search(r"\b(?:lawful\w*|upheld|dismissed)\b", said.lower()) else None)
    if event.mixed or (event.stance == "support" and negative and lx.CONTRAST.search(said.lower())):
        event.stance = "mixed"
    if event.stance is None:
        if positive and negative and lx.CONTRAST.search(said.lower()):
            event.stance = "mixed"
        elif event.polarity > 0:
            event.stance = "support"
        elif event.polarity < 0:
            event.stance = "oppose"
        else:
            earlier = [e for e in events[: events.index(event)] if e.actor is event.actor and e.topic == event.topic and e.stance]
            event.stance = earlier[-1].stance if earlier else "neutral"


def _own_clause(event: Event) -> str:
    """The words from the event's verb to the next clause boundary."""
    rest = event.sentence.text[event.verb[0] :]
    masked = event.sentence.masked[event.verb[0] :]
    cut = re.search(r"[,;:.]\s|\s(?:and|but|while|when|after|before)\s", masked[1:])
    return rest[: cut.start() + 1] if cut else rest


def _clause_after_verb(event: Event) -> str:
    sentence = event.sentence
    rest = sentence.text[event.verb[0] :]
    return rest


def _candidate(event: Event, source: str | None, source_url: str | None) -> Candidate:
    actor = event.actor
    notes: dict[str, str] = {}
    if event.date_note:
        notes["date_note"] = event.date_note
    if event.topic_note:
        notes["topic_note"] = event.topic_note
    # Each factor is how sure one step was; the verb and the speaker matter most. A ranking for the
    # reviewer (most sure first), not a calibrated probability.
    confidence = (
        (0.5 + event.weight / 2) * (0.5 + event.subject_confidence / 2)
        * (0.6 + 0.4 * event.date_confidence) * (0.8 + 0.2 * event.topic_confidence)
    )
    evidence = " ".join(s.text for s in event.sentences[:1])
    return Candidate(
        actor=actor.name,
        actor_kind=actor.kind,
        aliases=sorted(actor.aliases) if not actor.known else [],
        role=sorted(actor.titles)[0] if actor.titles and not actor.known else None,
        topic=event.topic,
        kind=event.kind,
        stance=event.stance or "neutral",
        date=str(event.date) if event.date else None,
        summary=_summary(event),
        quote=event.quotes[0] if event.quotes else None,
        evidence=evidence,
        confidence=round(min(confidence, 1.0), 2),
        notes=notes,
        source=source,
        source_url=source_url,
        anchor=f"{event.sentence.index}:{event.verb[0]}:{event.sentence.text[event.verb[0]:event.verb[1]]}",
    )


def _summary(event: Event) -> str:
    """The actor and the words of the article from the verb to the end of its clause."""
    sentence = event.sentence
    if event.continuation or event.verb == (0, 0):
        text = sentence.text
    else:
        rest = sentence.text[event.verb[0] :]
        text = re.split(r"(?<=[.!?])\s|;\s", rest)[0]
        text = f"{event.actor.name}: {text}"
    text = " ".join(text.split())
    return text if len(text) <= 240 else text[:237].rsplit(" ", 1)[0] + "…"


def _unique(candidates: list[Candidate]) -> list[Candidate]:
    seen: set[str] = set()
    kept = []
    for candidate in candidates:
        if candidate.id not in seen:
            seen.add(candidate.id)
            kept.append(candidate)
    return kept
