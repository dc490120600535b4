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
            if not phrase_hits and sum(1 for k in keywords if bag[k]) < min(2, len(keywords)):
                # one shared word ("failed", "return") is no evidence that the text is about a topic of two
                # words or more; a topic of one word ("nuclear") is named by that word
                continue
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
    key, count = counts.most_common(1)[0] if counts else ("", 0)
    if count < 2:
        return _key_word(text, names)
    phrase = surface[key].most_common(1)[0][0]
    return slugify(phrase), phrase[:1].upper() + phrase[1:]


# Words every policy story uses: never the key word of one.
_GENERIC = set(
    "decision decisions announcement move changes change increase increases increased rise rises risk risks issue "
    "issues statement proposal proposals policy policies today time country national public told added warned "
    "would could should many much more fundamental business businesses officials minister ministers secretary "
    "news week month year years plan plans despite amid against without within across about after before "
    "there their where which while whilst being also still even just only over under".split()
)


def _key_word(text: str, names: set[str]) -> tuple[str, str] | None:
    """No phrase repeats: the most repeated ordinary word, with the word it most often follows or leads
    ("wage" → "wage rises")."""
    words = [w.lower() for w in re.findall(r"[^\W\d_][^\W_]*(?:-[^\W\d_]+)*", text)]
    ordinary = [w for w in words if w not in lx.STOPWORDS and w not in _GENERIC and w not in names
                and (len(w) >= 4 or any(c.isdigit() for c in w)) and not re.search(r"(?:ed|ly)$", w)]
    counts = Counter(stem(w) for w in ordinary)
    if not counts or counts.most_common(1)[0][1] < 2:
        return None
    key = counts.most_common(1)[0][0]
    neighbours: Counter[str] = Counter()
    for a, b in zip(words, words[1:]):
        if stem(a) == key and b in ordinary:
            neighbours[f"{a} {b}"] += 1
        elif stem(b) == key and a in ordinary:
            neighbours[f"{a} {b}"] += 1
    phrase = neighbours.most_common(1)[0][0] if neighbours else next(w for w in ordinary if stem(w) == key)
    return slugify(phrase), phrase[:1].upper() + phrase[1:]
