"""From an article to candidate records: who did what, about which topic, when, in whose words.

The pipeline. For each sentence of the body (see `text`, `reader`): find the verbs of the lexicon outside quotations, give
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

from datetime import date

from timeline.extract.candidate import Candidate, from_event, unique
from timeline.extract.clauses import commentator
from timeline.extract.gazetteer import Gazetteer
from timeline.extract.mentions import MentionFinder
from timeline.extract.merging import merge
from timeline.extract.reader import Reader
from timeline.extract.stances import lead_is_undoing, settle_kind_and_stance
from timeline.extract.text import split_article
from timeline.extract.topics import Topics

__all__ = ["Candidate", "extract"]


def extract(
    text: str,
    *,
    published: date,
    gazetteer: Gazetteer | None = None,
    source: str | None = None,
    source_url: str | None = None,
) -> list[Candidate]:
    """Candidate records for an article published on `published`, in article order."""
    gazetteer = (gazetteer or Gazetteer()).on(published)
    article = split_article(text)
    finder = MentionFinder(article, gazetteer)
    reader = Reader(finder, gazetteer, published)
    for sentence in article.sentences:
        mentions = finder.mentions(sentence)
        if sentence.body:
            reader.read(sentence, mentions)
        else:
            reader.heading(sentence, mentions)
    reader.finish()
    reader.events = [e for e in reader.events if not commentator(e.actor, text)]  # analysts' words are no position
    topics = Topics(gazetteer, "\n".join(s.text for s in article.body), finder)
    for event in reader.events:
        event.signature = topics.signature(event)
    events = merge(reader.events)
    for event in events:
        topics.assign(event)
    lead_undoing = lead_is_undoing(" ".join(s.text for s in article.body[:2]))
    for event in events:
        settle_kind_and_stance(event, events, lead_undoing)
    candidates = [from_event(event, source, source_url) for event in events]
    return unique(candidates)
