"""Keeping the read model current while serving: catch up from the store at most once a second.

A colleague's `timeline add` (on the shared PostgreSQL store, or the same SQLite file) shows on
the next page load after it. Catching up writes only the read model (the projection), never an
event; the pages read through a separate read-only connection.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from typing import Any

INTERVAL = 1.0  # seconds between two catch-ups at most


class Freshness:
    """Throttled catch-up of one Tracker's read model, safe to call from any thread."""

    def __init__(self, tracker: Any, interval: float = INTERVAL) -> None:
        self.tracker = tracker
        self.interval = interval
        self._lock = threading.Lock()
        self._last = float("-inf")

    def ensure(self) -> None:
        """Catch up unless that was done less than `interval` ago; errors are TimelineErrors."""
        if time.monotonic() - self._last < self.interval:
            return
        with self._lock:
            if time.monotonic() - self._last < self.interval:
                return
            from timeline.readmodel.browse import ensure_browse_view

            conn = self.tracker.reader()
            ensure_browse_view(conn)
            self.tracker.notices.clear()
            self._last = time.monotonic()


def read_only(path: Any) -> sqlite3.Connection:
    """A connection to the read model that cannot write (SQLite refuses)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn
