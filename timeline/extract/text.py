"""An article as paragraphs and sentences, with its quoted passages located exactly.

Quoted text is what people said, not what the article asserts: the other steps read a *masked*
copy of each sentence in which the words between quote marks are blanked out (same length, so
offsets still point into the original). Curly quotes are told from apostrophes by what stands
around them: `‘` opens after a space or at a paragraph start; `’` closes when no letter follows.

Paragraphs that do not end like a sentence (picture captions, headings, "Read More") are kept
for learning names and titles but never yield events: web copies of articles repeat body text in
captions, and a caption has no date of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MASK = "·"
OPENERS = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»", "„": "“", "‹": "›", "‚": "‘"}
SINGLE_CLOSERS = {"’", "'"}
CLOSERS = "’'”\"»›"  # marks that end a quotation (German „…“ ends with “, handled by OPENERS)
QUOTE_MARKS = "“”‘’'\"«»„‹›‚"
_ENDS_LIKE_SENTENCE = re.compile(r"[.!?…][’'”\"»›“)\]]*\s*$|[.!?,]\s?[’'”\"»›“]\s*$")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "prof", "gen", "col", "lt", "sgt", "rev", "hon", "no", "vs", "etc",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e",
    "cllr", "gov", "sen", "rep", "capt", "cmdr", "insp", "supt", "approx",
}


@dataclass
class Sentence:
    index: int
    paragraph: int
    start: int  # offset of the sentence in the article text
    text: str
    masked: str  # `text` with quoted words blanked out (same length)
    quotes: list[tuple[int, int]]  # (start, end) of each quoted passage's words, relative to `text`
    body: bool  # False for captions and headings
    pure_quote: bool = False  # nothing but quoted words: a continuation of the last speaker
    first_in_paragraph: bool = False

    def quote_text(self, span: tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]


@dataclass
class Article:
    text: str
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def body(self) -> list[Sentence]:
        return [s for s in self.sentences if s.body]


def split_article(text: str) -> Article:
    """Paragraphs → sentences, each with its quoted passages and a masked copy."""
    article = Article(text)
    paragraphs = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    ends = [bool(_ENDS_LIKE_SENTENCE.search(p.strip())) or _cut_short(p) for _, p in paragraphs]
    all_body = not any(ends)  # text without sentence punctuation at all: read every line
    for i in range(len(paragraphs) - 1):
        if paragraphs[i][1].rstrip().endswith(":") and paragraphs[i + 1][1].lstrip()[:1] in OPENERS:
            ends[i] = True  # "Shapps said in an interview:" introduces the quotation below: body, not a heading
    for number, ((offset, paragraph), is_body) in enumerate(zip(paragraphs, ends)):
        quotes = find_quotes(paragraph)
        masked = mask(paragraph, quotes)
        first = True
        for start, end in sentence_bounds(paragraph, masked, quotes):
            piece = paragraph[start:end]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if not piece:
                continue
            start += lead
            end = start + len(piece)
            inner = [(max(a, start) - start, min(b, end) - start) for a, b in quotes if a < end and b > start]
            sentence_masked = masked[start:end]
            article.sentences.append(
                Sentence(
                    index=len(article.sentences),
                    paragraph=number,
                    start=offset + start,
                    text=piece,
                    masked=sentence_masked,
                    quotes=[span for span in inner if span[1] > span[0]],
                    body=is_body or all_body,
                    pure_quote=bool(inner) and not re.search(r"[^\W\d_]", _outside_marks(sentence_masked)),
                    first_in_paragraph=first,
                )
            )
            first = False
    return article


def _cut_short(paragraph: str) -> bool:
    """A paragraph cut off inside an opened quotation ('described the move as a "shameful broken promise…' at the
    end of a stored page): body text, not a caption — a quotation opens and never closes, and it is long."""
    opened = paragraph.count("“") > paragraph.count("”") or paragraph.count('"') % 2 == 1
    return opened and len(paragraph.split()) >= 15


def _outside_marks(masked: str) -> str:
    return "".join(c for c in masked if c != MASK and c not in QUOTE_MARKS)


def find_quotes(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each quoted passage; an unclosed quote runs to the end."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(paragraph)
    while i < n:
        c = paragraph[i]
        if c in OPENERS and _opens(paragraph, i):
            close = _closing(paragraph, i)
            end = close if close is not None else n
            if end > i + 1:
                spans.append((i + 1, end))
            i = end + 1
            continue
        i += 1
    return spans


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace() and not (text[i] in "«‹" and text.find(OPENERS[text[i]], i + 1) > 0):
        return False  # a lone mark between spaces is not a quotation, but « French spacing » is
    return before.isspace() or before in "([—–-:/"


def _closing(text: str, i: int) -> int | None:
    opener = text[i]
    closer = OPENERS[opener]
    if closer not in SINGLE_CLOSERS:
        j = text.find(closer, i + 1)
        return j if j != -1 else None
    fallback = None
    for j in range(i + 1, len(text)):
        if text[j] not in SINGLE_CLOSERS and not (opener == "'" and text[j] == "’"):
            continue
        after = text[j + 1] if j + 1 < len(text) else " "
        if after.isalpha() or text[j - 1].isspace():
            continue  # an apostrophe inside a word: government’s, I’ll
        if text[j - 1] in ".,!?…" or after in ",.;:!?)—–" or j + 1 == len(text):
            return j
        if fallback is None and text[j - 1] not in "sS":  # "residents’ group" is a possessive
            fallback = j
    return fallback


def mask(text: str, quotes: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in quotes:
        for k in range(start, end):
            chars[k] = MASK
    return "".join(chars)


def sentence_bounds(paragraph: str, masked: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence boundaries, never inside a quotation (a quoted speech stays with its attribution)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"[.!?…]+[’'”\"»›“)\]]*(?=\s+(?:[“‘\"'«„(]|[A-Z0-9]))|[’”'\"»›“](?=\s+(?:[“‘\"'«„(]|[A-Z]))", masked):
        end = match.end()
        if match.group()[0] in CLOSERS + "“":
            # a closing quote mark ends a sentence only when the quoted words ended one
            j = match.start()
            if j == 0 or paragraph[:j].rstrip()[-1:] not in ".!?…" or not any(b in (j, j - 1) for _, b in quotes):
                continue
        else:
            word = re.search(r"([\w.]+)$", masked[: match.start()])
            token = word.group(1).lower() if word else ""
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        bounds.append((start, end))
        start = end
    bounds.append((start, len(paragraph)))
    return bounds
