"""Commands that append events for one record: add, correct, retract."""

from typing import Annotated, Any

import typer

from timeline.cli.common import JsonOption, command, emit, flush_notices, on_date, state, tracker


def _dated(on: str | None, relative_to: str | None, as_json: bool) -> Any:
    """The record's date; a date that starts after today is kept as given, with a notice: a record dates
    what was said or done, so a future date is most often a slip ("2052" for "2025")."""
    from timeline.dates import parse_date, wall_today

    when = on_date(on, relative_to, echo=True, json_out=as_json)
    today = wall_today()
    if when.start is not None and when.start > today:
        state.echoes.append(f"Note: {when} is after today ({today}); kept as given, "
                            "but a record dates what was said or done: check the date")
    elif relative_to and when.end is not None and when.end > (base := parse_date(relative_to).value.start):
        # 'tomorrow', 'next week', 'this weekend' from an article's day: what was planned, not said
        state.echoes.append(f"Note: {when} runs past the --relative-to day ({base}); kept as given, "
                            "but a record dates what was said or done, which the article can only report up to its day")
    return when

@command
def add(
    actor: Annotated[str, typer.Argument(help="Actor name or alias, e.g. 'Keir Starmer' or 'Sir Keir'.")],
    topic: Annotated[str, typer.Option("--topic", "-t", help="Topic slug, e.g. return-hubs.")],
    kind: Annotated[str, typer.Option("--kind", "-k", help="statement, decision, proposal, refusal, reversal, ruling, agreement or criticism.")],
    stance: Annotated[str, typer.Option("--stance", "-s", help="support, oppose, neutral or mixed.")],
    summary: Annotated[str, typer.Option("--summary", help="What was said or done, in your words.")],
    on: Annotated[str, typer.Option("--on", help="When it was said or done: 2025-05-15, 2025-05, 2025, '15 May 2025', 'yesterday', 'today'.")],
    quote: Annotated[str | None, typer.Option("--quote", help="A short verbatim quote.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Source citation, e.g. 'Daily Mail, 16 May 2025'.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Link to the source.")] = None,
    record_id: Annotated[str | None, typer.Option("--id", help="Record id (default: DATE-actor-kind).")] = None,
    relative_to: Annotated[str | None, typer.Option("--relative-to", help="Resolve relative dates ('yesterday') against this date, e.g. an article's publication date.")] = None,
    new_actor: Annotated[bool, typer.Option("--new-actor", help="Create the actor even if a similar name exists.")] = False,
    new_topic: Annotated[bool, typer.Option("--new-topic", help="Create the topic even if a similar slug exists.")] = False,
    responds_to: Annotated[str | None, typer.Option("--responds-to", metavar="ID", help="The id of the record this one answers (it must exist).")] = None,
    target: Annotated[str | None, typer.Option("--target", metavar="ACTOR", help="The actor addressed or criticised.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Append one record: what an actor said or did about a topic, and when.

    Example: timeline add "Sir Keir" --topic return-hubs --kind proposal --stance support
    --on yesterday --relative-to "16 May 2025" --summary "Proposes return hubs abroad"

    Example: timeline add "Edi Rama" --topic return-hubs --kind refusal --stance oppose --on 2025-05-15
    --summary "Rules out hosting UK return hubs" --responds-to starmer-return-hubs-tirana --target "Keir Starmer"
    """
    when = _dated(on, relative_to, as_json)
    record = tracker().add_record(
        actor=actor, topic=topic, kind=kind, stance=stance, date=when, summary=summary, quote=quote,
        source=source, source_url=url, record_id=record_id, new_actor=new_actor, new_topic=new_topic,
        responds_to=responds_to, target=target,
    )
    flush_notices()
    if as_json:
        emit(record)
    else:
        print(f"Added {record['id']}: {record['actor']} · {record['topic']} · {record['kind']} · {record['stance']} · {record['date']}")



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
    actor: Annotated[str | None, typer.Option("--actor", help="Attribute the record to another actor (a misattributed quote).")] = None,
    relative_to: Annotated[str | None, typer.Option("--relative-to", help="Base for a relative --on.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Append a correction to a record. The old version stays in its history.

    Example: timeline correct starmer-crackdown-speech --on 2025-05-13 --reason "The speech was the next day"
    """
    changes: dict[str, Any] = {
        key: value
        for key, value in dict(stance=stance, kind=kind, summary=summary, quote=quote, source=source, source_url=url, topic=topic, actor=actor).items()
        if value is not None
    }
    if on is not None:
        changes["date"] = _dated(on, relative_to, as_json)
    named = sorted("url" if key == "source_url" else key for key in changes)  # as the options say them
    record = tracker().correct(record_id, changes, reason)
    if as_json:
        emit(record)
    else:
        print(f"Corrected {record['id']} ({', '.join(named)}).")



@command
def retract(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The record's id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the record is withdrawn (kept in its history).")],
    as_json: JsonOption = False,
) -> None:
    """Retract a record: it no longer counts, but its history stays readable.

    Example: timeline retract philp-trip-embarrassment --reason "Misattributed"
    """
    record = tracker().retract(record_id, reason)
    if as_json:
        emit(record)
    else:
        print(f"Retracted {record['id']}.")
