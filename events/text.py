"""Normalising and checking the text that names things, so ids and look-ups agree."""

from __future__ import annotations

import re
import unicodedata
from uuid import NAMESPACE_URL, UUID, uuid5

NAME_MAX = 200
TEXT_MAX = 20_000
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# Control characters (Unicode category Cc), and bidirectional overrides, isolates and marks, which
# can make a name display as something it is not.
_BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c"
_BAD_IN_NAMES = f"[\x00-\x1f\x7f-\x9f{_BIDI}]"
_BAD_IN_TEXT = f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]"  # \t \n \r are fine
_compiled: dict[str, re.Pattern[str]] = {}


def _pattern(source: str) -> re.Pattern[str]:
    """`source` compiled on first use: a class beyond Latin-1 costs ~3.5 million instructions to
    compile (`re` maps all 65,536 code points), which a read command that checks no text never needs;
    even a small pattern costs ~0.4 million, so none of this module's is compiled at import."""
    try:
        return _compiled[source]
    except KeyError:
        compiled = _compiled[source] = re.compile(source)
        return compiled


def normalise(name: str) -> str:
    """Case- and space-insensitive form used for ids and look-ups ("Sir  Keir" == "sir keir")."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


# Letters that do not decompose into an ASCII letter and a mark: transliterated, never dropped.
_TRANSLITERATE = str.maketrans({"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
                                "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i"})


def slugify(text: str) -> str:
    """ASCII slug for readable ids: "Édi Rama" → "edi-rama", "Jürgen Weiß" → "jurgen-weiss"."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "x" + uuid5(NAMESPACE_URL, text).hex[:8]


def stable_id(kind: str, key: str) -> UUID:
    """Deterministic aggregate id: the same name always maps to the same aggregate."""
    return uuid5(NAMESPACE_URL, f"/{kind}/{key}")


def check_name(value: str, what: str) -> str:
    """A clean one-line name, or ValueError saying what is wrong with it."""
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text")
    value = unicodedata.normalize("NFC", " ".join(value.split()))
    if not value:
        raise ValueError(f"{what} is empty")
    if len(value) > NAME_MAX:
        raise ValueError(f"{what} is {len(value)} characters long; the limit is {NAME_MAX}")
    bad = _pattern(_BAD_IN_NAMES).search(value)
    if bad is not None:
        raise ValueError(f"{what} contains the control character U+{ord(bad.group()):04X}")
    return value


def check_text(value: str | None, what: str, *, required: bool = False) -> str | None:
    """Free text (summary, quote, source): kept verbatim but trimmed, bounded and free of control codes."""
    if value is None:
        if required:
            raise ValueError(f"{what} is missing")
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text")
    value = value.strip()
    if not value:
        if required:
            raise ValueError(f"{what} is empty")
        return None
    if len(value) > TEXT_MAX:
        raise ValueError(f"{what} is {len(value):,} characters long; the limit is {TEXT_MAX:,}")
    bad = _pattern(_BAD_IN_TEXT).search(value)
    if bad is not None:
        raise ValueError(f"{what} contains the control character U+{ord(bad.group()):04X}")
    return value


SLUG_MAX = 80


def check_slug(value: str) -> str:
    if isinstance(value, str) and len(value.strip()) > SLUG_MAX:
        raise ValueError(f"topic {value[:24]!r}… is too long ({len(value.strip())} characters; max {SLUG_MAX})")
    if not isinstance(value, str) or not _pattern(_SLUG).fullmatch(value.strip()):
        raise ValueError(
            f"topic {value!r} is not a slug: use lower-case letters, digits and single hyphens, "
            "e.g. rwanda-scheme"
        )
    return value.strip()


_WIKIDATA = r"Q[1-9][0-9]*"


def check_wikidata(value: str) -> str:
    """A Wikidata item id such as Q6212, or ValueError."""
    text = str(value).strip().upper()
    if not _pattern(_WIKIDATA).fullmatch(text):
        raise ValueError(f"{value!r} is not a Wikidata item id (Q followed by digits, e.g. Q6212)")
    return text
