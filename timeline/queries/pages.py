"""Read functions the web pages need beyond the CLI's questions: recent records and a plain text
search (LIKE over summaries, quotes and sources, until the FTS5 index lands; then `search_records`
should call it and keep its answer's shape, DESIGN.md §5 `search`)."""

from __future__ import annotations

import sqlite3
from typing import Any

from timeline.queries.records import actor_names, record_json


def recent_records(conn: sqlite3.Connection, limit: int = 20) -> list[dict[str, Any]]:
    """The records last entered into the log (record order, newest first), retracted ones included."""
    names = actor_names(conn)
    rows = conn.execute("SELECT * FROM records ORDER BY seq DESC LIMIT ?", (int(limit),)).fetchall()
    return [record_json(row, names.get(row["actor_uuid"], "?")) for row in rows]


def _snippet(text: str, needle: str, width: int = 60) -> str:
    at = text.lower().find(needle.lower())
    if at < 0:
        return text[: 2 * width] + ("…" if len(text) > 2 * width else "")
    start, end = max(0, at - width), min(len(text), at + len(needle) + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def search_records(conn: sqlite3.Connection, text: str, *, limit: int = 50) -> dict[str, Any]:
    """`{"query", "results": [{"record", "snippet"}…]}`: active records whose summary, quote or
    source contains `text` (case-insensitive for ASCII), latest first. A stand-in for FTS5."""
    needle = text.strip()
    pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    names = actor_names(conn)
    rows = conn.execute(
        "SELECT * FROM records WHERE status != 'retracted' AND (summary LIKE ?1 ESCAPE '\\' "
        "OR quote LIKE ?1 ESCAPE '\\' OR source LIKE ?1 ESCAPE '\\') ORDER BY end DESC, seq DESC LIMIT ?2",
        (pattern, int(limit)),
    ).fetchall() if needle else []
    results = []
    for row in rows:
        field = next((row[c] for c in ("summary", "quote", "source") if row[c] and needle.lower() in row[c].lower()), row["summary"])
        results.append({"record": record_json(row, names.get(row["actor_uuid"], "?")), "snippet": _snippet(field, needle)})
    return {"query": text, "results": results}
