"""Read functions the web pages need beyond the CLI's questions: the records entered last."""

from __future__ import annotations

import sqlite3
from typing import Any

from timeline.queries.records import actor_names, record_json


def recent_records(conn: sqlite3.Connection, limit: int = 20) -> list[dict[str, Any]]:
    """The records last entered into the log (record order, newest first), retracted ones included."""
    names = actor_names(conn)
    rows = conn.execute("SELECT * FROM records ORDER BY seq DESC LIMIT ?", (int(limit),)).fetchall()
    return [record_json(row, names.get(row["actor_uuid"], "?")) for row in rows]
