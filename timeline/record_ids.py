"""Record ids people can read: `2025-05-15-keir-starmer-proposal`, suffixed `-2`, `-3`… when taken.

A date that is not one day keeps its EDTF text, made id-safe (docs/import-export.md, "Generated
ids"): `/` → `--`, an open end `..` → `open`, a season or sub-year grouping → its name (`2024-21` →
`2024-spring`, `2024-34` → `2024-q2`), unspecified digits lower-cased (`199X` → `199x`), qualifiers
(`?`, `~`, `%`) left out. So an id never shows more precision than its date has.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from events.dates import PartialDate
from events.text import slugify
from timeline import queries

# Id words for the EDTF seasons and sub-year groupings 21-41 (events.dates.GROUPINGS).
GROUPING_WORDS = {
    21: "spring", 22: "summer", 23: "autumn", 24: "winter",
    25: "spring-n", 26: "summer-n", 27: "autumn-n", 28: "winter-n",
    29: "spring-s", 30: "summer-s", 31: "autumn-s", 32: "winter-s",
    33: "q1", 34: "q2", 35: "q3", 36: "q4", 37: "t1", 38: "t2", 39: "t3", 40: "h1", 41: "h2",
}
_GROUPING = re.compile(r"(?<!\d)(\d{4})-(2[1-9]|3\d|4[01])(?!\d)")


def date_part(date: PartialDate) -> str:
    """The date as it starts a generated id: `2025-05-15`, `2024-spring`, `2024-03--2024-06`, `open--2024-03`."""
    text = str(date)
    if len(text) == 10 and text[4] == "-" == text[7] and "X" not in text:  # one day (the common case)
        return text
    if text.endswith("/"):  # an end left empty (`2024-07/`) is read as open, and named so
        text += ".."
    if text.startswith("/"):
        text = ".." + text
    return _id_safe(text)


def earlier_date_part(date: PartialDate) -> str | None:
    """How ids made before 2 December 2026 began for a date with an end (or start) left empty:
    `2024-07/` gave `2024-07--` (so `2024-07---ann-statement`); None for every other date. An import
    line without an id looks for those too, so that re-importing an old file adds nothing."""
    text = str(date)
    return _id_safe(text) if text.endswith("/") or text.startswith("/") else None


def _id_safe(text: str) -> str:
    """EDTF text made id-safe: qualifiers dropped, `..` → `open`, `/` → `--`, `X` → `x`, groupings named."""
    text = re.sub(r"[?~%]", "", text).replace("..", "open").replace("/", "--").replace("X", "x")
    return _GROUPING.sub(lambda m: f"{m[1]}-{GROUPING_WORDS[int(m[2])]}", text)


def id_bases(base: str, date: PartialDate) -> list[str]:
    """`base` (a generated id without its `-2`, `-3`… suffix) and, for a date whose end or start is left
    empty, the base such ids had before (`earlier_date_part`)."""
    earlier = earlier_date_part(date)
    return [base] if earlier is None else [base, base.replace(date_part(date), earlier, 1)]


def readable_id(date: PartialDate, actor_name: str, kind: str) -> str:
    """`2025-05-15-keir-starmer-proposal`; other dates as `date_part` writes them."""
    return f"{date_part(date)}-{slugify(actor_name)}-{kind}"


def free_record_id(
    conn: sqlite3.Connection, base: str, taken: set[str] = frozenset(), reserved: Any = frozenset()
) -> str:
    """`base`, or `base-2`, `base-3`… whichever is free in the store, in `taken` (made earlier in
    this command) and in `reserved` (ids that later lines of an import name explicitly)."""
    used = {row["id"] for row in queries.id_family(conn, base)} | set(taken)
    candidate, n = base, 1
    while candidate in used or candidate in reserved:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
