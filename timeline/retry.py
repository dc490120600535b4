"""How a writer that lost a race tries again: for a bounded time, with short jittered pauses."""

from __future__ import annotations

from collections.abc import Iterator

RETRY_SECONDS = 30.0  # how long a command keeps re-planning while other writers win the race


def attempts(seconds: float | None = None) -> Iterator[int]:
    """Attempt numbers 0, 1, 2… until the deadline, with a short jittered pause between them.

    Used by commands that re-plan after another writer saved first; when the deadline passes the
    caller's for-else says so in one sentence.
    """
    import random
    import time

    limit = RETRY_SECONDS if seconds is None else seconds
    deadline = time.monotonic() + limit
    attempt = 0
    while True:
        yield attempt
        attempt += 1
        if time.monotonic() >= deadline:
            return
        time.sleep(random.uniform(0, min(0.05, 0.002 * attempt)))


CONTENDED = "other writers kept changing the same data for {:.0f} seconds; try the command again"
