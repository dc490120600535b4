"""An act found in an article: one verb with its actor, before it becomes a candidate record.

`Event` carries what each later step adds (date, topic, stance, quotations) and the sentences that
tell it; `reader` creates them, `merging` joins those that tell one act, `topics` and `stances`
fill in the rest, and `candidate` turns each into an import line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from events.dates import PartialDate
from timeline.extract.mentions import Entity
from timeline.extract.text import Sentence


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
    topic_title: str | None = None  # set when the topic is a new one the extractor proposes
    topic_confidence: float = 1.0
    continuation: bool = False
    rank: int = 0  # position of its sentence among the body's sentences (captions skipped)
    signature: str | None = None  # the topic its own words name, if they name one
    shifted: bool = False  # its sentence moves the story in time ("Speaking before he met…")
    polarity: int = 0  # positive minus negative cue words in what was said or done
    mixed: bool = False
    stance_guessed: bool = False  # no cue word either way: support by default, flagged for review
    by_pronoun: bool = False  # its subject was "he", "she" or "they"
    retold: bool = False  # an undated lead summary that later details dated (merging)
    pending: bool = False  # undated past-tense act waiting for the article's lead date
    settled: bool = False  # its stance was read from the shape of a vote or a bid: stances leaves it
    speaker: Entity | None = None  # the person who spoke or acted for the actor (a judge for the court; seventh pass)

    def text(self) -> str:
        """The words of the event's sentences (quotations included) for topic and stance cues."""
        return " ".join(s.text for s in self.sentences)



def own_clause(event: Event) -> str:
    """The words from the event's verb to the next clause boundary."""
    rest = event.sentence.text[event.verb[0] :]
    masked = event.sentence.masked[event.verb[0] :]
    cut = re.search(r"[,;:.]\s|\s[-–—]\s|\s(?:and|but|while|whilst|when|after|before|despite)\s", masked[1:])
    return rest[: cut.start() + 1] if cut else rest
