"""`timeline verify`: prove the read model and the log agree, and that the log is whole.

1. Every stored event decodes with today's classes (old class versions are upcast on the way),
   and each aggregate's events are numbered 1, 2, 3… with no gap or repeat.
2. A fresh read model is derived from the log into a scratch file beside the real one and
   compared with it table by table, row by row (SQLite EXCEPT in both directions).
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from timeline.readmodel.view import View
from timeline.tracker import Tracker

TABLES = ("actors", "aliases", "roles", "topics", "records", "versions", "tracking")
MAX_SHOWN = 20


def verify(timeline: Tracker, *, batch: int = 2000) -> dict[str, Any]:
    """Check the store and the view; returns counts and a list of problems (empty when sound)."""
    app = timeline.app(create=False)
    conn = timeline.catch_up()
    problems: list[str] = []
    next_version: dict[Any, int] = {}
    events = 0
    start = 0
    while True:
        notifications = app.recorder.select_notifications(start=start, limit=batch, inclusive_of_start=False)
        if not notifications:
            break
        for notification in notifications:
            events += 1
            expected = next_version.get(notification.originator_id, 1)
            if notification.originator_version != expected:
                problems.append(
                    f"aggregate {notification.originator_id} has version {notification.originator_version} "
                    f"where {expected} was due (event #{notification.id})"
                )
            next_version[notification.originator_id] = notification.originator_version + 1
            try:
                app.mapper.to_domain_event(notification)
            except Exception as error:  # any failure to decode is what we are looking for
                problems.append(f"event #{notification.id} ({notification.topic}) does not decode: {error}")
        start = notifications[-1].id
    position = timeline.view().position()
    if position != start:
        problems.append(f"the read model has applied events up to #{position}, the log ends at #{start}")
    differences = _compare_with_rebuild(timeline, app, conn)
    problems += differences
    counts = {table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in TABLES}
    return {"events": events, "aggregates": len(next_version), "position": position, "rows": counts,
            "problems": problems, "sound": not problems}


def _compare_with_rebuild(timeline: Tracker, app: Any, conn: sqlite3.Connection) -> list[str]:
    found: list[str] = []
    with tempfile.TemporaryDirectory(dir=timeline.view_path.parent, prefix=".verify-") as folder:
        fresh = View(Path(folder) / "fresh.view.sqlite")
        try:
            fresh.rebuild(app)
        finally:
            fresh.close()
        conn.execute("ATTACH DATABASE ? AS fresh", (str(Path(folder) / "fresh.view.sqlite"),))
        try:
            for table in TABLES:
                extra = conn.execute(f"SELECT COUNT(*) FROM (SELECT * FROM main.{table} EXCEPT SELECT * FROM fresh.{table})").fetchone()[0]
                missing = conn.execute(f"SELECT COUNT(*) FROM (SELECT * FROM fresh.{table} EXCEPT SELECT * FROM main.{table})").fetchone()[0]
                if extra or missing:
                    sample = conn.execute(
                        f"SELECT * FROM (SELECT * FROM fresh.{table} EXCEPT SELECT * FROM main.{table}) LIMIT 1"
                    ).fetchone() or conn.execute(
                        f"SELECT * FROM (SELECT * FROM main.{table} EXCEPT SELECT * FROM fresh.{table}) LIMIT 1"
                    ).fetchone()
                    found.append(
                        f"table {table}: {extra} row(s) only in the read model, {missing} only in a fresh rebuild"
                        + (f" (e.g. {tuple(sample)[:4]})" if sample else "")
                    )
        finally:
            conn.execute("DETACH DATABASE fresh")
    return found
