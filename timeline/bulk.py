"""Bulk work (import, rebuild) without the cyclic garbage collector in the way.

A bulk import or rebuild allocates millions of small objects (events, dicts, rows) that reference
counting frees on its own; the collector's generation scans over them found nothing to collect and
cost 13–23 % of the time (docs/performance.md, round two). During bulk work the objects that exist
already are frozen out of the scans and the first generation is scanned every 100,000 allocations
instead of every 700; both are restored afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLD = 100_000


@contextmanager
def quiet_gc() -> Iterator[None]:
    """Freeze what exists and scan rarely, for the duration of a bulk operation."""
    saved = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(THRESHOLD, saved[1], saved[2])
    try:
        yield
    finally:
        gc.set_threshold(*saved)
        gc.unfreeze()
