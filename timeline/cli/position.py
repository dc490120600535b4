"""`timeline position`: what an actor's position was on a day.

Its own module, apart from the other one-actor questions in `reading`, because it is the question
asked most and the one whose start-up is measured (issue 17): the console script imports only the
invoked command's module, and importing `reading` would build the typer options of four more
commands (~1.5 million instructions).
"""

from typing import Annotated

import typer

from timeline.cli.common import (JsonOption, KnownAtOption, TopicOption, command, emit, known_at_header, known_at_moment,
                                 last_day, tracker)


@command
def position(
    actor: Annotated[str, typer.Argument(help="Actor name or alias.")],
    topic: TopicOption = None,
    on: Annotated[str | None, typer.Option("--on", help="The day to ask about (default: today, or the day of --known-at); a month or year means its last day.")] = None,
    known_at: KnownAtOption = None,
    as_json: JsonOption = False,
) -> None:
    """What was the actor's position on a day? Without --topic, on every topic.

    Example: timeline position "Keir Starmer" --topic rwanda-scheme --on 2024-08-01
    """
    from timeline import queries

    moment = known_at_moment(known_at)
    day = last_day(on, "--on", json_out=as_json, known_at=moment)
    conn = tracker().reader()
    who = queries.resolve_actor(conn, actor, on=day, known_at=moment)
    slug = queries.resolve_topic(conn, topic, known_at=moment) if topic is not None else None
    answer = queries.position(conn, who, day, topic=slug, known_at=moment)
    if as_json:
        emit(answer)
    else:
        from timeline.cli import render

        known_at_header(answer["known_at"])
        render.print_position(answer)
