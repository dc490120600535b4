"""When a name a user typed is close to a known actor's, so that "did you mean" asks before a
duplicate actor is made (docs/names.md, "Close names"). Only the error paths need it."""

from __future__ import annotations

import unicodedata

# Latin letters that do not decompose into a letter and a mark (after casefold, which makes ß "ss").
_LATIN = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


def folded(name: str) -> str:
    """A name as "did you mean" spells it: casefolded, spaces collapsed, without the accents of Latin
    letters ("Kovač" → "kovac"; a Cyrillic й keeps its breve: it is another letter)."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", name.casefold().translate(_LATIN)):
        if not unicodedata.combining(char) or not (kept and kept[-1].isascii()):
            kept.append(char)
    return " ".join("".join(kept).split())


def words(spelled: str) -> list[str]:
    """The words of a folded name, punctuation a space ("a.kovac" → a, kovac; "j.-l." → j, l) and
    apostrophes dropped ("o'brien" → obrien)."""
    return "".join("" if char in "'’" else char if char.isalnum() else " " for char in spelled).split()


def initialled(typed: list[str], stored: list[str]) -> bool:
    """Whether two names of two or more words may be one person's, written with initials: the last
    words agree and the other words of the shorter name agree in order with some of the longer's,
    where a one-letter word agrees with any word it begins ("A. Kovac", "Ana K." ~ "Ana Kovač");
    at least one whole word must be the same, so "A. K." is not close to everyone. "Ed Davey" and
    "Ed Miliband", "Rachel Reeves" and "Ellie Reeves" do not agree."""
    if len(typed) < 2 or len(stored) < 2 or not _agree(typed[-1], stored[-1]):
        return False
    short, long = sorted((typed[:-1], stored[:-1]), key=len)
    rest = iter(long)
    if not all(any(_agree(word, other) for other in rest) for word in short):
        return False
    return any(len(word) > 1 and word in stored for word in typed)


def _agree(one: str, other: str) -> bool:
    return one == other or (len(one) == 1 and other.startswith(one)) or (len(other) == 1 and one.startswith(other))
