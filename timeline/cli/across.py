"""Questions across actors: stances (who stood where), search (who said it), thread (who answered whom).

`changes` without an actor lives with the one-actor questions in `reading`.
"""

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
    last_day,
    say,
    tracker,
    window,
)
from timeline.errors import InputError


@command
def stances(
    topic: Annotated[str, typer.Option("--topic", "-t", help="Topic slug; its sub-topics are rolled up.")],
    on: Annotated[str | None, typer.Option("--on", help="The day to ask about (default: today, or the day of --known-at); a month or year means its last day.")] = None,
    known_at: KnownAtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who stood where on a topic on a day: every actor's position, grouped by stance.

    Each actor's answer is exactly `timeline position ACTOR --topic T --on D`, with the records
    that may also count (possibly). Actors whose only records began after the day are left out.

    Example: timeline stances --topic return-hubs --on 2025-05-16
    """
    from timeline import queries

    moment = known_at_moment(known_at)
    day = last_day(on, "--on", json_out=as_json, known_at=moment)
    conn = tracker().reader()
    # A topic recorded after --known-at had no stances then: an empty answer, not an error.
    slug = queries.resolve_topic(conn, topic)
    answer = queries.stances(conn, slug, day, known_at=moment)
    if as_json:
        emit(answer)
    else:
        from timeline.cli import render_across

        known_at_header(answer["known_at"])
        render_across.print_stances(answer)


@command
def search(
    text: Annotated[str, typer.Argument(metavar="TEXT", help='Words, prefixes (embarrass*), "quoted phrases", AND/OR/NOT, quote:word (also summary:, source:).')],
    actor: Annotated[str | None, typer.Option("--actor", "-a", help="Only this actor's records (name or alias).")] = None,
    topic: TopicOption = None,
    kind: Annotated[str | None, typer.Option("--kind", "-k", help="Only records of this kind (statement, proposal, …).")] = None,
    first: Annotated[str | None, typer.Option("--from", help="Only records whose date reaches this date or later.")] = None,
    last: Annotated[str | None, typer.Option("--to", help="Only records whose date begins by this date.")] = None,
    include_retracted: Annotated[bool, typer.Option("--include-retracted", help="Also search retracted records.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many results, best first.")] = 50,
    rank_all: Annotated[bool, typer.Option(
        "--rank-all", help="Rank every match, however many (slower when a word is in most records).")] = False,
    as_json: JsonOption = False,
) -> None:
    """Who said it? Full-text search over summaries, quotes and sources, best match first.

    A word finds the records containing it (case and accents ignored); embarrass* finds words
    that begin so; "a phrase" finds the words in that order. Matches are shown «like this».
    When more than 10,000 records match and no option narrows them, the best are taken from the
    10,000 most recently recorded (a note says so); --rank-all ranks them all.

    Example: timeline search gimmick --topic offshoring
    """
    from events.vocabulary import Kind, choose
    from timeline import queries
    from timeline.queries.search import marked

    start, end = window(first, last, json_out=True)
    if kind is not None:
        try:
            kind = choose(Kind, kind, "kind").value
        except ValueError as error:
            raise InputError(str(error)) from None
    conn = tracker().reader()
    who = queries.resolve_actor(conn, actor, on=end) if actor is not None else None
    if who is not None and who.via:  # an office name: whose records these are (the holder on --to, else today)
        say(f"Searching the records of {queries.via_notice(who)}.")
    slug = queries.resolve_topic(conn, topic) if topic is not None else None
    answer = queries.search(conn, text, actor=who, topic=slug, kind=kind, first=start, last=end,
                            include_retracted=include_retracted, limit=limit, rank_all=rank_all)
    recent = answer.pop("window")
    if recent is not None:
        say(f"Note: more than {recent:,} records match; the best are from the {recent:,} most "
            "recently recorded (add words, --actor, --topic, --kind, --from or --to to narrow, or --rank-all).")
    if answer.pop("more"):
        say(f"Note: more than {limit:,} record{'s' * (limit != 1)} match; showing the best {limit:,} "
            "(raise --limit to see more).")
    if as_json:
        for result in answer["results"]:
            result["snippet"] = marked(result["snippet"])
        emit(answer)
    else:
        from timeline.cli import render_across

        render_across.print_search(answer)


@command
def thread(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The record's id.")],
    as_json: JsonOption = False,
) -> None:
    """Who answered whom: a record, what it responds to (up the chain), and every reply, recursively.

    Example: timeline thread starmer-return-hubs-tirana
    """
    from timeline import queries

    answer = queries.thread(tracker().reader(), record_id)
    if as_json:
        emit(answer)
    else:
        from timeline.cli import render_across

        render_across.print_thread(answer)
