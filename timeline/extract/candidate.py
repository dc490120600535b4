"""Candidate records: the import lines `timeline extract` prints, with evidence and confidence."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from timeline.extract.acts import Event


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
    topic_title: str | None = None  # a new topic's proposed title (import creates the topic with it)
    spans: dict[str, list[int]] | None = None  # character offsets in the article: evidence, quote

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
        line["topic"] = self.topic
        if self.topic_title:
            line["topic_title"] = self.topic_title
        line.update(kind=self.kind, stance=self.stance, date=self.date, summary=self.summary)
        if self.quote:
            line["quote"] = self.quote
        if self.source:
            line["source"] = self.source
        if self.source_url:
            line["source_url"] = self.source_url
        line["extra"] = {"evidence": self.evidence, "confidence": self.confidence, **self.notes}
        if self.spans:
            line["extra"]["evidence_span"] = self.spans
        return line


def from_event(event: Event, source: str | None, source_url: str | None) -> Candidate:
    actor = event.actor
    notes: dict[str, str] = {}
    if event.date_note:
        notes["date_note"] = event.date_note
    if event.topic_note:
        notes["topic_note"] = event.topic_note
    if event.stance_guessed:
        notes["stance_note"] = "no word for or against in what was said: support assumed, check it"
    # Each factor is how sure one step was; the verb and the speaker matter most. A ranking for the
    # reviewer (most sure first), not a calibrated probability.
    confidence = (
        (0.5 + event.weight / 2) * (0.5 + event.subject_confidence / 2)
        * (0.6 + 0.4 * event.date_confidence) * (0.8 + 0.2 * event.topic_confidence)
        * (0.85 if event.stance_guessed else 1.0)
    )
    evidence = " ".join(s.text for s in event.sentences[:1])
    quote = event.quotes[0] if event.quotes else None
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
        quote=quote,
        evidence=evidence,
        confidence=round(min(confidence, 1.0), 2),
        notes=notes,
        source=source,
        source_url=source_url,
        anchor=f"{event.sentence.index}:{event.verb[0]}:{event.sentence.text[event.verb[0]:event.verb[1]]}",
        topic_title=event.topic_title,
        spans=_spans(event, quote),
    )


def _spans(event: Event, quote: str | None) -> dict[str, list[int]]:
    """Where the evidence and the quotation stand in the article, as [start, end) character offsets,
    so that a reviewer (or a tool) can check provenance against the text as it was read."""
    first = event.sentences[0]
    spans = {"evidence": [first.start, first.start + len(first.text)]}
    if quote:
        for sentence in event.sentences:
            at = sentence.text.find(quote)
            if at >= 0:
                spans["quote"] = [sentence.start + at, sentence.start + at + len(quote)]
                break
    return spans


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


def unique(candidates: list[Candidate]) -> list[Candidate]:
    seen: set[str] = set()
    kept = []
    for candidate in candidates:
        if candidate.id not in seen:
            seen.add(candidate.id)
            kept.append(candidate)
    return kept
