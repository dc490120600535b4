"""What an import did: records added, unchanged and updated; the actors, topics and offices it
created; aliases and office terms recorded (the `import` command's summary and `--json`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from timeline.errors import DomainError, Interrupted


@dataclass
class Summary:
    added: int = 0
    unchanged: int = 0
    updated: int = 0
    actors_created: list[str] = field(default_factory=list)
    topics_created: list[str] = field(default_factory=list)
    aliases_added: int = 0
    terms: int = 0  # terms of offices recorded or corrected
    offices_created: list[str] = field(default_factory=list)

    def add(self, other: Summary) -> None:
        self.added += other.added
        self.unchanged += other.unchanged
        self.updated += other.updated
        self.actors_created += other.actors_created
        self.topics_created += other.topics_created
        self.aliases_added += other.aliases_added

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added, "unchanged": self.unchanged, "updated": self.updated,
            "actors_created": self.actors_created, "topics_created": self.topics_created,
            "aliases_added": self.aliases_added, "terms": self.terms, "offices_created": self.offices_created,
        }


@contextmanager
def stop_between_batches() -> Iterator[list[bool]]:
    """Ctrl-C (or SIGTERM: `timeout`, `kill`, a CI's time limit) during the saving loop stops it after
    the batch in hand (truthy list), so the import can say exactly what was saved; a second signal
    stops at once (the batch is one transaction). SIGTERM used to end the process silently with
    whole batches saved and nothing said."""
    import signal
    import threading

    stop: list[bool] = []
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def later(signum: int, frame: Any) -> None:
        stop.append(True)
        for number, handler in previous.items():
            signal.signal(number, handler)

    def at_once(signum: int, frame: Any) -> None:  # the default of SIGTERM, as an interrupt our caller reports
        raise KeyboardInterrupt

    previous = {signal.SIGINT: signal.signal(signal.SIGINT, later)}
    previous[signal.SIGTERM] = signal.signal(signal.SIGTERM, later)
    if previous[signal.SIGTERM] in (signal.SIG_DFL, None):
        previous[signal.SIGTERM] = at_once
    try:
        yield stop
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is at_once else handler)


def interrupted(summary: Summary, total: int) -> Interrupted:
    done = summary.added + summary.unchanged + summary.updated
    return Interrupted(
        f"Interrupted: {done:,} of {total:,} lines were saved ({summary.added:,} added, {summary.unchanged:,} "
        f"unchanged, {summary.updated:,} updated) in whole batches; nothing half-written was kept. "
        "Run the same import again to finish: the lines already saved count as unchanged."
    )


def refused_after(error: DomainError, summary: Summary) -> DomainError:
    """A batch's refusal, saying what the batches before it saved (each batch is one transaction,
    so they stay): without it a refused import read as if nothing had been written."""
    saved = summary.added + summary.unchanged + summary.updated
    if not saved or not str(error).startswith("nothing imported from this batch"):  # e.g. a lost server says its own
        return error
    return DomainError(f"{error}\nThe batches before it were saved and stay: {summary.added:,} added, "
                       f"{summary.unchanged:,} unchanged, {summary.updated:,} updated; fix or leave out the line(s) "
                       "above and run the same import again (the lines already saved count as unchanged).")
