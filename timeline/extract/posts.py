"""Acts told with no verb of saying: an embedded social-media post and a pull quote.

Copy taken from the web keeps an embedded post as a paragraph ending "— Name (@handle) September 27, 2023",
and a pull quote as a paragraph of words followed by "Name, title" with no closing full stop. Neither ends
like a sentence, so `text` takes them for captions; here each becomes the named person's statement, its words
standing as the quotation (the stance comes from them). A post is dated by its own date line; a pull quote,
told with no date, by the article's lead event like any undated past act (the reader does that).
"""

from __future__ import annotations

import re
from datetime import datetime

from events.dates import PartialDate
from timeline.extract import lexicon as lx
from timeline.extract.acts import Event
from timeline.extract.mentions import Mention
from timeline.extract.text import Article, Sentence

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# "… today. — Claire Coutinho MP (@ClaireCoutinho) September 27, 2023"
_POST = re.compile(rf"\s*[—–]\s*(?P<name>[^—–()@]{{3,80}}?)\s*\(@\w+\)\s*(?P<date>{_MONTH} \d{{1,2}},? \d{{4}})\s*$")
# "… they have made a political choice not to do so Stephen Flynn, SNP Westminster leader"
_PULL = re.compile(r"\s(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}),\s+(?P<title>[^,.;:!?“”\"]{3,60})$")
_CREDIT = re.compile(r"(?i)\b(?:photo(?:graph)?|picture|image|getty|pa wire|reuters|afp|credit)\b")
_MIN_WORDS = 8  # a pull quote is a statement, not a caption naming someone ("Jane Doe, the chief executive")


def paragraph_statement(sentence: Sentence, mentions: list[Mention], article: Article, rank: int) -> Event | None:
    """The statement a caption-like paragraph makes when it is a post or a pull quote, read at its last sentence."""
    following = article.sentences[sentence.index + 1] if sentence.index + 1 < len(article.sentences) else None
    if following is not None and following.paragraph == sentence.paragraph:
        return None
    earlier = [s for s in article.sentences if s.paragraph == sentence.paragraph and s.index < sentence.index]
    post = _POST.search(sentence.text)
    pull = None if post else _PULL.search(sentence.text)
    signature = post or pull
    if signature is None:
        return None
    if pull is not None and (earlier or not any(w.lower().strip(".") in lx.TITLE_HEADS for w in pull.group("title").split())
                             or _CREDIT.search(sentence.text)):
        return None  # a pull quote is one paragraph of words ending with the speaker's name and title, not a photo credit
    people = [m for m in mentions if m.entity is not None and m.entity.kind == "person" and m.how != "pronoun"
              and signature.start("name") <= m.start < signature.end("name")]
    words = sentence.text[: signature.start()].strip()
    if not people or len((" ".join(s.text for s in earlier) + " " + words).split()) < _MIN_WORDS:
        return None
    at = signature.start()
    event = Event(sentence, (at, at), people[0].entity, "statement", None, 0.6, False, 0.7, [sentence], rank=rank)
    event.quotes = [words, *(s.text for s in earlier)]
    if post is not None:
        day = datetime.strptime(post.group("date").replace(",", ""), "%B %d %Y").date()
        event.date, event.date_confidence = PartialDate.of(day), 0.9
        event.date_note = f"the post's own date line ('{post.group('date')}')"
    else:
        event.pending, event.date_note = True, "a pull quote: the day of the article's lead event"
    return event
