"""Topics: the store's topic the text supports, else a new slug from the article's key phrase."""

from __future__ import annotations

import re
from collections import Counter

from events import slugify
from timeline.extract import lexicon as lx
from timeline.extract.acts import Event, own_clause
from timeline.extract.gazetteer import Gazetteer, stem
from timeline.extract.mentions import MentionFinder


class Topics:
    """The store's topic whose title words a candidate's sentences use; else the article's theme."""

    def __init__(self, gazetteer: Gazetteer, text: str, finder: MentionFinder) -> None:
        self.topics = gazetteer.topics
        self.depth = {t.slug: self._depth(t.slug) for t in self.topics}
        self.article_topic = self._best(text)[0] if self.topics else None
        self.guess = _theme(text, finder)

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
            keywords = topic.keywords()
            phrase_hits = sum(pairs[p] for p in topic.phrases())
            if not phrase_hits and sum(1 for k in keywords if bag[k]) < 2:
                continue  # one shared word ("failed", "return") is no evidence that the text is about the topic
            score = sum(min(bag[k], 3) for k in keywords) + 2 * phrase_hits
            if score > best_score or (score == best_score and score and self.depth[topic.slug] > self.depth.get(best or "", -1)):
                best, best_score = topic.slug, score
        return best, best_score

    def signature(self, event: Event) -> str | None:
        """The store topic named by the event's own clause and quotations, if any."""
        if not self.topics:
            return None
        best, score = self._best(" ".join([own_clause(event), *event.quotes]))
        return best if score >= 1 else None

    def assign(self, event: Event) -> None:
        if self.topics:
            clause, clause_score = self._best(" ".join([own_clause(event), *event.quotes]))
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
                self._propose(event)
        elif self.guess:
            self._propose(event)
        else:
            event.topic_confidence = 0.5
            event.topic_note = "no store topics and no repeated phrase: fill it in"


    def _propose(self, event: Event) -> None:
        if self.guess is None:
            event.topic_confidence = 0.5
            event.topic_note = "no topic of the store matches the article and it has no key phrase: fill it in"
            return
        slug, title = self.guess
        event.topic, event.topic_title, event.topic_confidence = slug, title, 0.6
        event.topic_note = f"new topic, proposed from the article's key phrase '{title}': no store topic matches"


def _theme(text: str, finder: MentionFinder) -> tuple[str, str] | None:
    """The article's most repeated two-word phrase of ordinary words ("return hubs")."""
    names = {w.lower() for e in finder.cast.entities.values() for w in [*e.name.split(), *" ".join(e.titles).split()]}
    names |= lx.TITLE_HEADS | lx.TITLE_LEAD_WORDS
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
    phrase = surface[key].most_common(1)[0][0]
    return slugify(phrase), phrase[:1].upper() + phrase[1:]
