"""What every command shares: the options declared once, the error wrapper, notices, JSON output,
date options, progress display and the one Tracker a command works with.

Command modules import from here; `timeline.cli` assembles them into the app.
"""

import functools
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from timeline.errors import InputError, TimelineError

F = TypeVar("F", bound=Callable[..., Any])

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON only, on stdout.")]
TopicOption = Annotated[str | None, typer.Option("--topic", "-t", help="Topic slug; includes its sub-topics.")]
KnownAtOption = Annotated[
    str | None,
    typer.Option("--known-at", help="Answer as the log stood at this record time (e.g. 2026-11-26T10:00:00+00:00 or 2026-11-26).", metavar="DATETIME"),
]


class State:
    db: str | None = None
    view: str | None = None
    tracker: Any = None
    echoes: list[str] = []  # what a command understood (dates): shown on stderr once it succeeded


state = State()


def say(message: str) -> None:
    """A notice for the person at the terminal: stderr, so stdout stays clean for scripts."""
    print(message, file=sys.stderr)


def command(func: F) -> F:
    """Run a command body; a TimelineError becomes one sentence on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        failed = True
        try:
            result = func(*args, **kwargs)
            failed = False
            for echo in state.echoes:
                say(echo)
            return result
        except TimelineError as error:
            flush_notices()
            say(f"Error: {error}")
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt as stop:
            say(getattr(stop, "notice", None) or "Interrupted: nothing half-written was kept.")
            raise typer.Exit(130) from None
        except typer.Exit as stop:
            failed = stop.exit_code not in (0, None)
            flush_notices()
            raise
        except Exception as error:  # the last line of defence: never a traceback for a user
            if os.environ.get("TIMELINE_DEBUG"):
                raise
            say(f"Error: {_describe(error)}")
            raise typer.Exit(1) from None
        finally:
            state.echoes = []
            flush_notices()
            if state.tracker is not None:
                state.tracker.close(failed=failed)
                state.tracker = None

    return wrapper  # type: ignore[return-value]


def _describe(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if "database is locked" in text:
        return "the database stayed locked by another timeline process for 30 seconds; try again"
    if "readonly" in text or "read-only" in text:
        return "the database is read-only; timeline cannot record events in it"
    return f"unexpected {type(error).__name__}: {text} (set TIMELINE_DEBUG=1 for details)"


def flush_notices() -> None:
    if state.tracker is not None:
        for notice in state.tracker.notices:
            say(notice)
        state.tracker.notices.clear()


def tracker() -> Any:
    """The store and read model this command works with (opened lazily, closed by `command`)."""
    from timeline.tracker import Tracker

    if state.tracker is None:
        state.tracker = Tracker(state.db, state.view)
    return state.tracker


def emit(data: Any) -> None:
    sys.stdout.write(dumps(data) + "\n")


def dumps(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, character for character, without importing
    `json` for the answers the queries make (dicts with text keys, lists, text, numbers, booleans and
    None): importing `json` compiles six regular expressions, ≈ 5 million instructions, 2 % of a
    `position --json` (issue 17). Strings are escaped by `json`'s own C function (`_json`); anything
    else (a tuple, another key type, a subclass, a cycle) goes to `json.dumps` itself."""
    parts: list[str] = []
    try:
        _write(data, parts, "\n")
    except (_Unusual, RecursionError):
        import json

        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(parts)


class _Unusual(Exception):
    """A value `dumps` leaves to `json.dumps`."""


try:
    from _json import encode_basestring as _quoted
except ImportError:  # pragma: no cover - an interpreter without json's accelerator
    from json.encoder import py_encode_basestring as _quoted

_INFINITY = float("inf")


def _write(value: Any, parts: list[str], newline: str) -> None:
    """Append the JSON of `value` to `parts`; `newline` is the line break and indent of its level."""
    kind = type(value)
    if kind is str:
        parts.append(_quoted(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif kind is int:
        parts.append(int.__repr__(value))
    elif kind is float:
        if value != value or value in (_INFINITY, -_INFINITY):
            raise _Unusual
        parts.append(float.__repr__(value))
    elif kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        opening = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            parts.append(opening + _quoted(key) + ": ")
            opening = "," + inner
            _write(item, parts, inner)
        parts.append(newline + "}")
    elif kind is list:
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        opening = "[" + inner
        for item in value:
            parts.append(opening)
            opening = "," + inner
            _write(item, parts, inner)
        parts.append(newline + "]")
    else:
        raise _Unusual


def on_date(text: str | None, relative_to: str | None = None, *, echo: bool = False, json_out: bool = False,
            known_at: Any = None) -> Any:
    """The date an option names. Left out, it is today, or the day of `known_at` when that is given; a
    phrase ("yesterday") counts from that day too, so a re-run with the printed known_at is the same question."""
    from timeline.dates import asked_day, parse_date

    base = None
    if relative_to:
        anchor = parse_date(relative_to).value
        if anchor.start is None or anchor.start != anchor.end:
            raise InputError(f"--relative-to must be a single day, not {anchor}")
        base = anchor.start
    today = asked_day(None if echo else known_at)  # a write's date never counts from a known-at
    parsed = parse_date(text or today.isoformat(), relative_to=base, today=today)
    if echo or parsed.natural or parsed.value.start != parsed.value.end or parsed.value.qualifier:
        # A notice on stderr, after the command has succeeded: never a success-looking line before a failure.
        # Natural language, and any date that is not one day, say the period they were read as; a
        # qualifier ("2024-07-01?") says that the question is asked about the day all the same.
        # (`echo` is a write's: the qualifier is stored with the date, no day is asked about)
        note = "; the qualifier does not change which day is asked about" if parsed.value.qualifier and not echo else ""
        state.echoes.append(f"Date: {parsed.describe(base)}{note}")
    return parsed.value


def last_day(text: str | None, option: str, *, json_out: bool = False, known_at: Any = None) -> Any:
    """The last day of the period a date option names (`--on`, `--to`): a month means its last day."""
    value = on_date(text, json_out=json_out, known_at=known_at)
    if value.end is None:
        raise InputError(f"{option} {value} has no last day; give a date or a closed period")
    return value.end


def first_day(text: str, option: str, *, json_out: bool = False, known_at: Any = None) -> Any:
    """The first day of the period `--from` names."""
    value = on_date(text, json_out=json_out, known_at=known_at)
    if value.start is None:
        raise InputError(f"{option} {value} has no first day; give a date or a closed period")
    return value.start


def window(first: str | None, last: str | None, *, json_out: bool = False, known_at: Any = None) -> tuple[Any, Any]:
    """The days `--from` and `--to` name (either may be absent); InputError when they are reversed."""
    start = first_day(first, "--from", json_out=json_out, known_at=known_at) if first else None
    end = last_day(last, "--to", json_out=json_out, known_at=known_at) if last else None
    if start and end and start > end:
        raise InputError(f"--from {start} is after --to {end}")
    return start, end


def known_at_header(stamp: str | None = None) -> None:
    """The record time a text answer is for, its first line: `--known-at` with it gives the answer again."""
    from timeline.cli.render import console
    from timeline.dates import utc_iso, wall_now

    stamp = stamp or utc_iso(wall_now())
    fits = len(stamp) + 12 <= console.width  # a narrow terminal: the stamp on a line of its own, whole
    print(f"As known at {stamp}" if fits else f"As known at\n{stamp}")


def known_at_moment(text: str | None) -> Any:
    if text is None:
        return None
    from timeline.dates import parse_moment

    return parse_moment(text)


def _print_version(value: bool) -> None:
    if value:
        from timeline import __version__

        print(f"timeline {__version__}")
        raise typer.Exit()


def with_progress(total: int, label: str, work: Callable[[Callable[[int], None] | None], Any]) -> Any:
    """Show a progress bar on a terminal for long work; plain otherwise."""
    if total < 2000 or not sys.stderr.isatty():
        return work(None)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task(label, total=total)
        return work(lambda n: progress.advance(task, n))


def counting(label: str, rows: Any, work: Callable[[Any], Any]) -> Any:
    """Run work over rows, showing how many have been read on a terminal (the total is unknown)."""
    if not sys.stderr.isatty():
        return work(rows)
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description} {task.completed:,} lines"), transient=True) as progress:
        task = progress.add_task(label, total=None)

        def counted() -> Any:
            for n, row in enumerate(rows, 1):
                if n % 5000 == 0:
                    progress.update(task, completed=n)
                yield row

        return work(counted())
