"""Actors and topics: register them (`actor add`, `topic add`) and list them (`actors`, `topics`)."""

from typing import Annotated

import typer

from timeline.cli.common import JsonOption, command, emit, tracker

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
    result = tracker().add_actor(name, aliases=alias or [], kind=kind)
    if as_json:
        emit(result)
        return
    verb = "Registered" if result["created"] else "Already registered:"
    extra = f" with alias{'es' if len(result['aliases_added']) > 1 else ''} {', '.join(result['aliases_added'])}" if result["aliases_added"] else ""
    print(f"{verb} {result['name']}{extra}.")



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
    result = tracker().add_topic(slug, title=title, parent=parent)
    if as_json:
        emit(result)
        return
    done = ", ".join(result["changes"]) or "unchanged"
    under = f" under {result['parent']}" if result["parent"] else ""
    print(f"Topic {result['slug']} ({result['title']}){under}: {done}.")



@command
def actors(as_json: JsonOption = False) -> None:
    """List actors with their aliases, roles and number of records.

    Example: timeline actors --json
    """
    from timeline import queries

    found = queries.list_actors(tracker().reader())
    if as_json:
        emit(found)
    else:
        from timeline.cli import render

        render.print_actors(found)



@command
def topics(as_json: JsonOption = False) -> None:
    """List topics as a tree, with their number of records.

    Example: timeline topics
    """
    from timeline import queries

    found = queries.list_topics(tracker().reader())
    if as_json:
        emit(found)
    else:
        from timeline.cli import render

        render.print_topics(found)
