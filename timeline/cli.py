"""The `timeline` command line: parse options, call the library, print. No logic of its own."""

import functools
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
import typer.core

from timeline.errors import InputError, TimelineError

class OneSentenceErrors(typer.core.TyperGroup):
    """Usage mistakes (a missing option, an unknown command) as one sentence on stderr, exit 2,
    instead of click's usage block."""

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        import click

        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:
            error.show()  # `timeline` alone (or `timeline actor`): the help itself
            sys.exit(error.exit_code)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "timeline"
            say(f"Error: {error.format_message().rstrip('.')}; see '{where} --help'.")
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            say("Aborted.")
            sys.exit(1)
        except click.ClickException as error:
            say(f"Error: {error.format_message()}")
            sys.exit(error.exit_code)
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    name="timeline",
    cls=OneSentenceErrors,
    help="Record what political actors said and decided, as dated, sourced events, and ask what "
    "an actor's position was on any day, and when it changed.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
actor_app = typer.Typer(help="Register actors and their aliases.", no_args_is_help=True, rich_markup_mode=None)
topic_app = typer.Typer(help="Register topics and arrange them in a tree.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(actor_app, name="actor")
app.add_typer(topic_app, name="topic")

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
    timeline: Any = None


state = State()


def say(message: str) -> None:
    """A notice for the person at the terminal: stderr, so stdout stays clean for scripts."""
    print(message, file=sys.stderr)


def command(func: F) -> F:
    """Run a command body; a TimelineError becomes one sentence on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TimelineError as error:
            _flush_notices()
            say(f"Error: {error}")
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            say("Interrupted: nothing half-written was kept.")
            raise typer.Exit(130) from None
        except typer.Exit:
            _flush_notices()
            raise
        except Exception as error:  # the last line of defence: never a traceback for a user
            if os.environ.get("TIMELINE_DEBUG"):
                raise
            say(f"Error: {_describe(error)}")
            raise typer.Exit(1) from None
        finally:
            _flush_notices()
            if state.timeline is not None:
                state.timeline.close()
                state.timeline = None

    return wrapper  # type: ignore[return-value]


def _describe(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if "database is locked" in text:
        return "the database stayed locked by another timeline process for 30 seconds; try again"
    if "readonly" in text or "read-only" in text:
        return "the database is read-only; timeline cannot record events in it"
    return f"unexpected {type(error).__name__}: {text} (set TIMELINE_DEBUG=1 for details)"


def _flush_notices() -> None:
    if state.timeline is not None:
        for notice in state.timeline.notices:
            say(notice)
        state.timeline.notices.clear()


def timeline() -> Any:
    from timeline.service import Timeline

    if state.timeline is None:
        state.timeline = Timeline(state.db, state.view)
    return state.timeline


def emit(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def on_date(text: str | None, relative_to: str | None = None, *, echo: bool = False, json_out: bool = False) -> Any:
    from timeline.dates import parse_date

    base = parse_date(relative_to).value.start if relative_to else None
    parsed = parse_date(text or date.today().isoformat(), relative_to=base)
    if echo or parsed.natural:
        message = f"Date: {parsed.describe(base)}"
        if json_out or not echo:
            say(message)
        else:
            print(message)
    return parsed.value


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


@app.callback()
def main(
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="TIMELINE_DB", show_envvar=True, show_default=False,
                     help="Event store: a SQLite file (default db/timeline.sqlite) or a postgresql:// URL."),
    ] = None,
    view: Annotated[
        str | None,
        typer.Option("--view", envvar="TIMELINE_VIEW", show_envvar=True, show_default=False,
                     help="Read-model file (default: beside the store, e.g. db/timeline.view.sqlite)."),
    ] = None,
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Record what political actors said and decided; ask their position on any day."""
    state.db = db
    state.view = view


# -- writing -------------------------------------------------------------------------------------


@app.command()
@command
def add(
    actor: Annotated[str, typer.Argument(help="Actor name or alias, e.g. 'Keir Starmer' or 'Sir Keir'.")],
    topic: Annotated[str, typer.Option("--topic", "-t", help="Topic slug, e.g. return-hubs.")],
    kind: Annotated[str, typer.Option("--kind", "-k", help="statement, decision, proposal, refusal, reversal, ruling, agreement or criticism.")],
    stance: Annotated[str, typer.Option("--stance", "-s", help="support, oppose, neutral or mixed.")],
    summary: Annotated[str, typer.Option("--summary", help="What was said or done, in your words.")],
    on: Annotated[str | None, typer.Option("--on", help="When: 2025-05-15, 2025-05, 2025, '15 May 2025', 'yesterday'. Default: today.")] = None,
    quote: Annotated[str | None, typer.Option("--quote", help="A short verbatim quote.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Source citation, e.g. 'Daily Mail, 16 May 2025'.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Link to the source.")] = None,
    record_id: Annotated[str | None, typer.Option("--id", help="Record id (default: DATE-actor-kind).")] = None,
    relative_to: Annotated[str | None, typer.Option("--relative-to", help="Resolve relative dates ('yesterday') against this date, e.g. an article's publication date.")] = None,
    new_actor: Annotated[bool, typer.Option("--new-actor", help="Create the actor even if a similar name exists.")] = False,
    new_topic: Annotated[bool, typer.Option("--new-topic", help="Create the topic even if a similar slug exists.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Append one record: what an actor said or did about a topic, and when.

    Example: timeline add "Sir Keir" --topic return-hubs --kind proposal --stance support
    --on yesterday --relative-to "16 May 2025" --summary "Proposes return hubs abroad"
    """
    when = on_date(on, relative_to, echo=True, json_out=as_json)
    record = timeline().add_record(
        actor=actor, topic=topic, kind=kind, stance=stance, date=when, summary=summary, quote=quote,
        source=source, source_url=url, record_id=record_id, new_actor=new_actor, new_topic=new_topic,
    )
    _flush_notices()
    if as_json:
        emit(record)
    else:
        print(f"Added {record['id']}: {record['actor']} · {record['topic']} · {record['kind']} · {record['stance']} · {record['date']}")


@app.command()
@command
def correct(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The record's id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the record is corrected (kept in its history).")],
    on: Annotated[str | None, typer.Option("--on", help="Corrected date.")] = None,
    stance: Annotated[str | None, typer.Option("--stance", help="Corrected stance.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Corrected kind.")] = None,
    summary: Annotated[str | None, typer.Option("--summary", help="Corrected summary.")] = None,
    quote: Annotated[str | None, typer.Option("--quote", help="Corrected quote.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Corrected source.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Corrected link.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Move the record to another topic.")] = None,
    relative_to: Annotated[str | None, typer.Option("--relative-to", help="Base for a relative --on.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Append a correction to a record. The old version stays in its history.

    Example: timeline correct starmer-return-hubs-tirana --on 2025-05-15 --reason "Date was the press conference"
    """
    changes: dict[str, Any] = {
        key: value
        for key, value in dict(stance=stance, kind=kind, summary=summary, quote=quote, source=source, source_url=url, topic=topic).items()
        if value is not None
    }
    if on is not None:
        changes["date"] = on_date(on, relative_to, echo=True, json_out=as_json)
    record = timeline().correct(record_id, changes, reason)
    if as_json:
        emit(record)
    else:
        print(f"Corrected {record['id']} ({', '.join(sorted(changes))}).")


@app.command()
@command
def retract(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The record's id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the record is withdrawn (kept in its history).")],
    as_json: JsonOption = False,
) -> None:
    """Retract a record: it no longer counts, but its history stays readable.

    Example: timeline retract 2025-05-15-chris-philp-criticism --reason "Misattributed"
    """
    record = timeline().retract(record_id, reason)
    if as_json:
        emit(record)
    else:
        print(f"Retracted {record['id']}.")


@app.command("import")
@command
def import_(
    file: Annotated[str, typer.Argument(metavar="FILE|-", help="JSON Lines or CSV file; '-' reads standard input.")],
    update: Annotated[bool, typer.Option("--update", help="Append corrections when a line's id exists with other content.")] = False,
    review: Annotated[bool, typer.Option("--review", help="Walk through the lines on the terminal first: accept, change the stance, set a missing date or topic, skip, or quit.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Import records from JSON Lines or CSV. Validates the whole file first; idempotent by id.

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
        lines = _counting("Validating", rows, lambda counted: spool(counted))
    try:
        summary = _with_progress(lines.count, "Importing", lambda progress: import_lines(timeline(), lines, update=update, progress=progress))
    finally:
        lines.close()
    _report_import(summary.as_dict(), as_json)


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


def _with_progress(total: int, label: str, work: Callable[[Callable[[int], None] | None], Any]) -> Any:
    """Show a progress bar on a terminal for long work; plain otherwise."""
    if total < 2000 or not sys.stderr.isatty():
        return work(None)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task(label, total=total)
        return work(lambda n: progress.advance(task, n))


def _counting(label: str, rows: Any, work: Callable[[Any], Any]) -> Any:
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


def _report_import(summary: dict[str, Any], as_json: bool) -> None:
    if as_json:
        emit(summary)
        return
    parts = [f"{summary['added']} added", f"{summary['unchanged']} unchanged", f"{summary['updated']} updated"]
    print(", ".join(parts) + ".")
    if summary["actors_created"]:
        print(f"New actors ({len(summary['actors_created'])}): {', '.join(summary['actors_created'][:10])}" + (" …" if len(summary["actors_created"]) > 10 else ""))
    if summary["topics_created"]:
        print(f"New topics ({len(summary['topics_created'])}): {', '.join(summary['topics_created'][:10])}" + (" …" if len(summary["topics_created"]) > 10 else ""))


@actor_app.command("add")
@command
def actor_add(
    name: Annotated[str, typer.Argument(help="Canonical name, e.g. 'Keir Starmer'.")],
    alias: Annotated[list[str] | None, typer.Option("--alias", "-a", help="Another name the actor goes by (repeatable).")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="person or organisation (default person).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Register an actor, or add aliases to one.

    Example: timeline actor add "Keir Starmer" --alias "Sir Keir" --alias "the Prime Minister"
    """
    result = timeline().add_actor(name, aliases=alias or [], kind=kind)
    if as_json:
        emit(result)
        return
    verb = "Registered" if result["created"] else "Already registered:"
    extra = f" with alias{'es' if len(result['aliases_added']) > 1 else ''} {', '.join(result['aliases_added'])}" if result["aliases_added"] else ""
    print(f"{verb} {result['name']}{extra}.")


@topic_app.command("add")
@command
def topic_add(
    slug: Annotated[str, typer.Argument(help="Slug, e.g. return-hubs.")],
    title: Annotated[str | None, typer.Option("--title", help="Readable title.")] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="Parent topic slug: questions about the parent include this topic.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Register a topic, or retitle it or move it under a parent.

    Example: timeline topic add return-hubs --title "Return hubs" --parent offshoring
    """
    result = timeline().add_topic(slug, title=title, parent=parent)
    if as_json:
        emit(result)
        return
    done = ", ".join(result["changes"]) or "unchanged"
    under = f" under {result['parent']}" if result["parent"] else ""
    print(f"Topic {result['slug']} ({result['title']}){under}: {done}.")


# -- reading -------------------------------------------------------------------------------------


@app.command()
@command
def position(
    actor: Annotated[str, typer.Argument(help="Actor name or alias.")],
    topic: TopicOption = None,
    on: Annotated[str | None, typer.Option("--on", help="The day to ask about (default today); a month or year means its last day.")] = None,
    known_at: KnownAtOption = None,
    as_json: JsonOption = False,
) -> None:
    """What was the actor's position on a day? Without --topic, on every topic.

    Example: timeline position "Keir Starmer" --topic rwanda-scheme --on 2024-08-01
    """
    from timeline import queries

    day = on_date(on, json_out=as_json).end
    moment = known_at_moment(known_at)
    conn = timeline().reader()
    who = queries.resolve_actor(conn, actor)
    slug = queries.resolve_topic(conn, topic) if topic else None
    answer = queries.position(conn, who, day, topic=slug, known_at=moment)
    if as_json:
        emit(answer)
    else:
        from timeline import render

        render.print_position(answer)


@app.command()
@command
def show(
    actor: Annotated[str, typer.Argument(help="Actor name or alias.")],
    topic: TopicOption = None,
    first: Annotated[str | None, typer.Option("--from", help="Only records from this date on.")] = None,
    last: Annotated[str | None, typer.Option("--to", help="Only records up to this date.")] = None,
    known_at: KnownAtOption = None,
    include_retracted: Annotated[bool, typer.Option("--include-retracted", help="Also list retracted records.")] = False,
    as_json: JsonOption = False,
) -> None:
    """The actor's timeline: every record in date order.

    Example: timeline show "Keir Starmer" --topic offshoring
    """
    from timeline import queries

    start = on_date(first, json_out=as_json).start if first else None
    end = on_date(last, json_out=as_json).end if last else None
    if start and end and start > end:
        raise InputError(f"--from {start} is after --to {end}")
    moment = known_at_moment(known_at)
    conn = timeline().reader()
    who = queries.resolve_actor(conn, actor)
    slug = queries.resolve_topic(conn, topic) if topic else None
    records = queries.show(conn, who, topic=slug, first=start, last=end, known_at=moment, include_retracted=include_retracted)
    if as_json:
        emit(records)
    else:
        from timeline import render

        render.print_records(records, title=f"{who.name}" + (f" on {slug}" if slug else ""))


@app.command()
@command
def changes(
    actor: Annotated[str, typer.Argument(help="Actor name or alias.")],
    topic: TopicOption = None,
    known_at: KnownAtOption = None,
    as_json: JsonOption = False,
) -> None:
    """When did the actor's position change? A U-turn (support↔oppose) is graded full, anything else half.

    Example: timeline changes "Keir Starmer" --topic offshoring
    """
    from timeline import queries

    moment = known_at_moment(known_at)
    conn = timeline().reader()
    who = queries.resolve_actor(conn, actor)
    slug = queries.resolve_topic(conn, topic) if topic else None
    found = queries.changes(conn, who, topic=slug, known_at=moment)
    if as_json:
        emit(found)
    else:
        from timeline import render

        render.print_changes(who.name, found)


@app.command()
@command
def actors(as_json: JsonOption = False) -> None:
    """List actors with their aliases, roles and number of records.

    Example: timeline actors --json
    """
    from timeline import queries

    found = queries.list_actors(timeline().reader())
    if as_json:
        emit(found)
    else:
        from timeline import render

        render.print_actors(found)


@app.command()
@command
def topics(as_json: JsonOption = False) -> None:
    """List topics as a tree, with their number of records.

    Example: timeline topics
    """
    from timeline import queries

    found = queries.list_topics(timeline().reader())
    if as_json:
        emit(found)
    else:
        from timeline import render

        render.print_topics(found)


@app.command()
@command
def history(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The record's id.")],
    as_json: JsonOption = False,
) -> None:
    """Every version of one record: when it was recorded, corrected or retracted, and why.

    Example: timeline history starmer-return-hubs-tirana
    """
    from timeline import queries

    versions = queries.history(timeline().reader(), record_id)
    if as_json:
        emit(versions)
    else:
        from timeline import render

        render.print_history(record_id, versions)


@app.command()
@command
def log(as_json: JsonOption = False) -> None:
    """Every domain event in the order it was recorded: who, what and when.

    Example: timeline log --json
    """
    events = list(timeline().log())
    if as_json:
        emit(events)
    else:
        from timeline import render

        render.print_log(events)


# -- maintenance ---------------------------------------------------------------------------------


@app.command()
@command
def rebuild() -> None:
    """Recreate the read model from the event log (it is disposable).

    Example: timeline rebuild
    """
    line = timeline()
    app_ = line.app(create=False)
    total = app_.recorder.max_notification_id() or 0
    count = _with_progress(total, "Rebuilding", lambda progress: line.view().rebuild(app_, progress=progress))
    print(f"Rebuilt the read model {line.view_path} from {count} events.")


@app.command()
@command
def verify(as_json: JsonOption = False) -> None:
    """Check the log and the read model: every event decodes, each aggregate's versions run 1, 2,
    3… without gaps, and the read model equals a fresh rebuild row for row. Exit 1 naming what differs.

    Example: timeline verify
    """
    from timeline.verify import verify as check

    report = check(timeline())
    if as_json:
        emit(report)
    else:
        rows = ", ".join(f"{n} {table}" for table, n in report["rows"].items() if table != "tracking")
        print(f"Checked {report['events']} events of {report['aggregates']} aggregates; read model: {rows}.")
        for problem in report["problems"][:20]:
            print(f"- {problem}")
        print("Sound: the read model matches the log." if report["sound"] else f"NOT sound: {len(report['problems'])} problem(s).")
    if not report["sound"]:
        raise typer.Exit(1)


def default_seeds() -> Path:
    return Path(__file__).resolve().parent.parent / "seeds"


@app.command()
@command
def seed(
    directory: Annotated[Path | None, typer.Argument(help="Folder of seed files (default: the project's seeds/).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Load the seed story (topics, actors, records). Running it again adds nothing.

    Example: timeline seed
    """
    from timeline.seeding import load_seeds

    result = load_seeds(timeline(), directory or default_seeds())
    if as_json:
        emit(result)
    else:
        print(f"Seeded from {result['directory']}: {result['added']} added, {result['unchanged']} unchanged; "
              f"{len(result['topics_created'])} topics and {len(result['actors_created'])} actors created.")


@app.command()
@command
def demo() -> None:
    """Load the seeds and tell the story they hold: timelines, positions today, changes.

    Example: timeline demo
    """
    from timeline import queries, render
    from timeline.seeding import load_seeds

    line = timeline()
    load_seeds(line, default_seeds())
    conn = line.reader()
    render.console.rule("[bold]timeline demo: Starmer, Rama and the return hubs (seeded from a news story of 16 May 2025)")
    # Actors in the order the log met them, which is the order the story tells them.
    first_seen = dict(conn.execute("SELECT a.name, MIN(r.seq) FROM actors a JOIN records r ON r.actor_uuid = a.uuid GROUP BY a.uuid"))
    cast = sorted(queries.list_actors(conn), key=lambda item: first_seen.get(item["name"], float("inf")))
    for item in cast:
        who = queries.resolve_actor(conn, item["name"])
        render.print_records(queries.show(conn, who), title=who.name)
        render.console.print()
    render.console.rule("[bold]Each actor's position on each topic today")
    for item in cast:
        who = queries.resolve_actor(conn, item["name"])
        render.print_position(queries.position(conn, who, date.today()))
    render.console.rule("[bold]When did positions change?")
    changed = False
    for item in cast:
        who = queries.resolve_actor(conn, item["name"])
        found = queries.changes(conn, who)
        if found:
            changed = True
            render.print_changes(who.name, found)
    if queries.topic_exists(conn, "offshoring"):
        starmer = queries.resolve_actor(conn, "Keir Starmer")
        alone = "" if changed else "On each topic alone nobody changed position. "
        render.console.print(f"\n{alone}Rolled up to [bold]offshoring[/bold] (the Rwanda scheme and return hubs), "
                             "Starmer's U-turn shows:")
        render.print_changes(starmer.name, queries.changes(conn, starmer, topic="offshoring"))
    render.console.print("\nTry: timeline position \"Sir Keir\" --topic rwanda-scheme --on 2024-08-01 --json")


# Commands that live in their own modules register themselves on `app` when imported.
from timeline import cli_export, cli_extract, cli_migrate  # noqa: E402,F401

if __name__ == "__main__":  # pragma: no cover
    app()
