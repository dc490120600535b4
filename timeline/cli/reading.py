"""Questions about one actor: show, changes (also of every actor); and the record-time views history and log.

`position` has a module of its own (`timeline.cli.position`; start-up, issue 17)."""

from typing import Annotated

import typer

from timeline.cli.common import (
    JsonOption,
    KnownAtOption,
    TopicOption,
    command,
    emit,
    known_at_header,
    known_at_moment,
    say,
    tracker,
    window,
)


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

    moment = known_at_moment(known_at)
    start, end = window(first, last, json_out=as_json, known_at=moment)
    conn = tracker().reader()
    who = queries.resolve_actor(conn, actor, on=end, known_at=moment)
    if who.via:  # an office name: say whose timeline this is (the holder on --to, else today)
        say(f"Showing {queries.via_notice(who)}.")
    slug = queries.resolve_topic(conn, topic, known_at=moment) if topic is not None else None
    answer = queries.show_answer(conn, who, topic=slug, first=start, last=end, known_at=moment, include_retracted=include_retracted)
    if as_json:
        emit(answer)
    else:
        from timeline.cli import render

        known_at_header(answer["known_at"])
        render.print_records(answer["records"], title=f"{who.name}" + (f" on {slug}" if slug else ""))



@command
def changes(
    actor: Annotated[str | None, typer.Argument(help="Actor name or alias; every actor when left out.")] = None,
    topic: TopicOption = None,
    first: Annotated[str | None, typer.Option("--from", help="Only changes whose date reaches this date or later.")] = None,
    last: Annotated[str | None, typer.Option("--to", help="Only changes whose date begins by this date.")] = None,
    known_at: KnownAtOption = None,
    as_json: JsonOption = False,
) -> None:
    """When did positions change? A U-turn (support↔oppose) is graded full, anything else half.

    Without ACTOR, every actor's changes (on --topic, if given) in date order.

    Example: timeline changes "Keir Starmer" --topic offshoring

    Example: timeline changes --topic offshoring --from 2024 --to 2025
    """
    from timeline import queries

    moment = known_at_moment(known_at)
    start, end = window(first, last, json_out=as_json, known_at=moment)
    conn = tracker().reader()
    who = queries.resolve_actor(conn, actor, on=end, known_at=moment) if actor is not None else None
    if who is not None and who.via:  # an office name: whose changes these are (the holder on --to, else today)
        say(f"Showing the changes of {queries.via_notice(who)}.")
    slug = queries.resolve_topic(conn, topic, known_at=moment) if topic is not None else None
    answer = queries.changes_answer(conn, who, topic=slug, first=start, last=end, known_at=moment)
    if as_json:
        emit(answer)
    else:
        from timeline.cli import render

        known_at_header(answer["known_at"])
        render.print_changes(who.name if who else None, answer["changes"])



@command
def history(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The record's id.")],
    as_json: JsonOption = False,
) -> None:
    """Every version of one record: when it was recorded, corrected or retracted, and why.

    Example: timeline history starmer-return-hubs-tirana
    """
    from timeline import queries

    versions = queries.history(tracker().reader(), record_id)
    if as_json:
        emit(versions)
    else:
        from timeline.cli import render

        render.print_history(record_id, versions)



@command
def log(
    after: Annotated[int, typer.Option("--after", min=0, metavar="POSITION",
                                       help="Only events recorded after this position (a script that follows the "
                                            "log passes the last position it read).")] = 0,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many events, the first ones.")] = None,
    last: Annotated[int | None, typer.Option("--last", min=1, help="Only the most recent N events.")] = None,
    event: Annotated[list[str] | None, typer.Option(
        "--event", metavar="KIND", help="Only events of this kind (StatementMade, Renamed, TermRecorded…; "
                                        "Actor.Registered tells two of one name apart); repeatable.")] = None,
    as_json: JsonOption = False,
) -> None:
    """The domain events in the order they were recorded: who, what and when.

    Example: timeline log --last 20

    Also: timeline log --event Renamed --event MergedInto · timeline log --after 1200 --json
    """
    from timeline.errors import InputError
    from timeline.eventlog import event_topics
    from timeline.eventlog import log as read_log

    if last is not None and limit is not None:
        raise InputError("give --last (the most recent events) or --limit (the first ones), not both")
    topics = event_topics(event) if event else ()  # an unknown kind is refused before the store is opened
    events = list(read_log(tracker(), after=after, limit=limit, last=last, topics=topics))
    if as_json:
        emit(events)
    else:
        from timeline.cli import render

        render.print_log(events)
