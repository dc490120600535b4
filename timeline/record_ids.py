"""Record ids people can read: `2025-05-15-keir-starmer-proposal`, suffixed `-2`, `-3`… when taken."""

from __future__ import annotations

import sqlite3
from typing import Any

from events.dates import PartialDate
from events.text import slugify
from timeline import queries


def readable_id(date: PartialDate, actor_name: str, kind: str) -> str:
    """`2025-05-15-keir-starmer-proposal`; a range's EDTF text made id-safe (`2024-07--open-…`)."""
    text = str(date).replace("..", "open").replace("/", "--").strip("?~%").replace("?", "").replace("~", "").replace("%", "")
    return f"{text}-{slugify(actor_name)}-{kind}"


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
