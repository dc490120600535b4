"""Looking after the store: rebuild and verify the read model, load the seeds, tell the demo story."""

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from timeline.cli.common import JsonOption, command, emit, say, tracker, with_progress

@command
def rebuild() -> None:
    """Recreate the read model from the event log (it is disposable).

    Example: timeline rebuild
    """
    store = tracker()
    count = with_progress(store.event_count(), "Rebuilding", lambda progress: store.rebuild(progress=progress))
    print(f"Rebuilt the read model {store.view_path} from {count} events.")


@command
def verify(as_json: JsonOption = False) -> None:
    """Check the log and the read model: every event decodes, each aggregate's versions run 1, 2,
    3… without gaps, every table of the read model equals a fresh rebuild's row for row, and the
    full-text index matches the records. Exit 1 naming the table that differs.

    Example: timeline verify
    """
    from timeline.verify import verify as check

    report = check(tracker())
    if as_json:
        emit(report)
    else:
        rows = ", ".join(f"{n} {table.replace('_', ' ')}" for table, n in report["rows"].items() if table != "tracking")
        print(f"Checked {report['events']} events of {report['aggregates']} aggregates; read model: {rows} "
              "(each table and the full-text index checked against a fresh rebuild).")
        for problem in report["problems"][:20]:
            print(f"- {problem}")
        print("Sound: the read model matches the log." if report["sound"] else f"NOT sound: {len(report['problems'])} problem(s).")
    if not report["sound"]:
        if any("cannot be replayed" in problem or "does not decode" in problem or "was due" in problem
               for problem in report["problems"]):  # the log itself: a rebuild would meet the same damage
            say("The event log itself is damaged (the events named above): a rebuild cannot mend it; "
                "restore the store from a copy made before the damage.")
        else:
            say("The read model is derived from the log: run 'timeline rebuild' to derive it again, then 'timeline verify'.")
        raise typer.Exit(1)


@command
def seed(
    directory: Annotated[Path | None, typer.Argument(help="Folder of seed files (default: the project's seeds/).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Load the seed story (topics, actors, records). Running it again adds only what is missing:
    records and topics already stored stay as they are, corrected, retracted or moved since.

    Example: timeline seed
    """
    from timeline.seeding import default_seeds, load_seeds

    result = load_seeds(tracker(), directory or default_seeds())
    if as_json:
        emit(result)
    else:
        print(f"Seeded from {result['directory']}: {result['added']} added, {result['unchanged']} unchanged; "
              f"{len(result['topics_created'])} topics and {len(result['actors_created'])} actors created.")


@command
def demo() -> None:
    """Load the seeds and tell the story they hold: timelines, positions today, changes.

    Example: timeline demo
    """
    from timeline import queries
    from timeline.cli import render
    from timeline.seeding import default_seeds, load_seeds

    line = tracker()
    _refuse_a_store_of_other_records(line, default_seeds())
    load_seeds(line, default_seeds())
    conn = line.reader()
    render.console.rule(render.Text("timeline demo: Starmer, Rama and the return hubs (seeded from a news story of 16 May 2025)", style="bold"))
    # Actors in the order the log met them, which is the order the story tells them.
    first_seen = queries.first_seen(conn)
    cast = sorted(queries.list_actors(conn), key=lambda item: first_seen.get(item["name"], float("inf")))
    for item in cast:
        who = queries.resolve_actor(conn, item["name"])
        render.print_records(queries.show(conn, who), title=who.name)
        render.console.print()
    render.console.rule(render.Text("Each actor's position on each topic today", style="bold"))
    for item in cast:
        who = queries.resolve_actor(conn, item["name"])
        render.print_position(queries.position(conn, who, date.today()))
    render.console.rule(render.Text("When did positions change?", style="bold"))
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
        render.console.print(render.Text.assemble(f"\n{alone}Rolled up to ", ("offshoring", "bold"),
                                                  " (the Rwanda scheme and return hubs), Starmer's U-turn shows:"))
        render.print_changes(starmer.name, queries.changes(conn, starmer, topic="offshoring"))
    if queries.match_office(conn, "the Prime Minister"):
        pm = queries.resolve_actor(conn, "the Prime Minister", on=date(2024, 8, 1))
        render.console.rule(render.Text("Asking for an office: the Prime Minister on 1 August 2024", style="bold"))
        render.print_position(queries.position(conn, pm, date(2024, 8, 1), topic="rwanda-scheme"))
    render.console.print("\nTry: timeline position \"Sir Keir\" --topic rwanda-scheme --on 2024-08-01 --json")
    render.console.print("     timeline holder \"the Prime Minister\" --on 2024-08-01")
    render.console.print("In a browser: timeline serve, then open http://127.0.0.1:8001/ (the project's docs/serve.md explains the pages)")


def _refuse_a_store_of_other_records(line: Any, seeds: Any) -> None:
    """`demo` loads the seed story into the store it is given: into one that holds records of its
    own (a team's PostgreSQL log cannot be cleaned), that would mix a news story into real work."""
    import json

    from timeline.errors import DomainError
    from timeline.store.location import redact

    try:
        conn = line.reader()
    except DomainError:  # no store yet: the demo makes one
        return
    ids = {row[0] for row in conn.execute("SELECT id FROM records")}
    if not ids:
        return
    seeded = {json.loads(text).get("id") for path in Path(seeds).glob("*.jsonl") for text in path.read_text("utf-8").splitlines()
              if text.strip()}
    others = ids - seeded
    if others:
        raise DomainError(f"{redact(line.location)} already holds {len(others):,} record(s) of its own; the demo loads "
                          "the seed story into the store it is given: run it on another, e.g. timeline --db demo.sqlite demo")
