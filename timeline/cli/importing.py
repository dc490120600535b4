"""`timeline import`: JSON Lines, one JSON document or CSV in, validated whole, then appended in batches."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from timeline.cli.common import JsonOption, command, counting, emit, say, tracker, with_progress
from timeline.errors import InputError

@command
def import_(
    file: Annotated[str, typer.Argument(metavar="FILE|-", help="JSON Lines, JSON (an `export --format json` document) or CSV file; '-' reads standard input.")],
    update: Annotated[bool, typer.Option("--update", help="Append corrections when a line's id exists with other content (and retract a record the line marks retracted).")] = False,
    review: Annotated[bool, typer.Option("--review", help="Walk through the lines on the terminal first: accept, change the stance, set a missing date or topic, skip, or quit.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Import records from JSON Lines, one JSON document (`export --format json`) or CSV. Validates
    the whole file first; idempotent by id. A line marked `status: "retracted"` is created and retracted.

    With --review, each line (e.g. a candidate from `timeline extract`) is shown for a decision first.

    Example: timeline import seeds/2025-05-16-starmer-albania-return-hubs.jsonl
    """
    from timeline.importing import import_lines, iter_rows, spool

    if review and file == "-":
        raise InputError("--review reads your answers from the terminal, so the file cannot be '-'")
    with _open_input(file) as stream:
        rows = iter_rows(stream, file)
        if review:
            from timeline.extract.review import ask_terminal, review_rows

            rows = review_rows(list(rows), ask=ask_terminal, tell=say)
        # Validates the whole file (in bounded memory) before anything is written.
        lines = counting("Validating", rows, lambda counted: spool(counted))
    if not lines.count and not lines.identities and not lines.terms:  # nothing to write: no store is made
        lines.close()
        from timeline.importing.summary import Summary

        say("Note: no line was accepted in the review; nothing imported" if review else "Note: the file holds no lines to import")
        _report_import(Summary().as_dict(), as_json)
        return
    from datetime import UTC, datetime

    started = datetime.now(UTC).isoformat(timespec="microseconds")  # record time: what was known before
    try:
        summary = with_progress(lines.count, "Importing", lambda progress: import_lines(tracker(), lines, update=update, progress=progress))
    finally:
        lines.close()
    _report_import(summary.as_dict(), as_json)
    _close_to_known(summary.actors_created, started)


CLOSE_CHECKED = 200  # new actors looked at for a near namesake (≈ 1 ms each with a few hundred actors)


def _close_to_known(created: list[str], started: str) -> None:
    """A note naming the new actors whose name is close to an actor known before the import ("A.
    Kovac" beside "Ana Kovač"): import creates every unknown name, so a duplicate would otherwise
    go unnoticed until someone merges it."""
    if not created or len(created) > CLOSE_CHECKED:
        return
    from timeline import queries

    conn = tracker().reader()
    close = []
    for name in created:
        near = [known for known in queries.near_actors(conn, name, when=started) if known != name]
        if near:
            close.append(f"'{name}' (close to {', '.join(repr(n) for n in near)})")
    if close:
        say(f"Note: {len(close)} new actor{'s' if len(close) != 1 else ''} close to one known before: "
            + "; ".join(close[:10]) + (" …" if len(close) > 10 else "")
            + "; if one is the same person, run timeline actor merge NEW --into KNOWN --reason …")



def _open_input(file: str) -> Any:
    """The import file (or standard input) as a buffered binary stream; InputError if unreadable."""
    if file == "-":
        import contextlib

        return contextlib.nullcontext(sys.stdin.buffer)
    path = Path(file)
    if path.is_dir():
        raise InputError(f"{file} is a directory, not a file to import")
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise InputError(f"there is no file {file}") from None
    except OSError as error:
        raise InputError(f"cannot read {file}: {error.strerror}") from None



def _report_import(summary: dict[str, Any], as_json: bool) -> None:
    if as_json:
        emit(summary)
        return
    parts = [f"{summary['added']} added", f"{summary['unchanged']} unchanged", f"{summary['updated']} updated"]
    if summary.get("terms"):
        parts.append(f"{summary['terms']} office term{'s' if summary['terms'] != 1 else ''} recorded")
    print(", ".join(parts) + ".")
    for key, label in (("actors_created", "New actors"), ("topics_created", "New topics"), ("offices_created", "New offices")):
        names = summary.get(key) or []
        if names:
            print(f"{label} ({len(names)}): {', '.join(names[:10])}" + (" …" if len(names) > 10 else ""))
