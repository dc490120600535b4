"""A SQL view for browsing the read model in Datasette (`timeline serve`): records with their
actor's name instead of its uuid, so that table browsing can facet on actor, topic, kind, stance.

It is a view, not data: rebuilding the read model keeps it, and a missing one costs a CREATE.
"""

from __future__ import annotations

import sqlite3

BROWSE_VIEW = "record_list"
_SQL = f"""
CREATE VIEW IF NOT EXISTS {BROWSE_VIEW} AS
SELECT r.id, r.date, a.name AS actor, r.topic, r.kind, r.stance, r.summary, r.quote, r.source,
       r.source_url, r.status, r.recorded_at, r.start, r.end, r.seq
FROM records r JOIN actors a ON a.uuid = r.actor_uuid
"""


def ensure_browse_view(conn: sqlite3.Connection) -> None:
    """Create the browsing view when the read model lacks it (conn must be writable)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type='view' AND name=?", (BROWSE_VIEW,)).fetchone() is None:
        conn.execute(_SQL)
