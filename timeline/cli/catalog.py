"""Actors and topics: register them (`actor add`, `topic add`) and list them (`actors`, `topics`)."""

from typing import Annotated

import typer

from timeline.cli.common import JsonOption, command, emit, tracker

@command
def actor_add(
    name: Annotated[str, typer.Argument(help="Canonical name, e.g. 'Keir Starmer'.")],
    alias: Annotated[list[str] | None, typer.Option("--alias", "-a", help="Another name the actor goes by (repeatable).")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="person or organisation (default person); given for a known actor, changes its kind.")] = None,
    wikidata: Annotated[str | None, typer.Option("--wikidata", help="Wikidata item id, e.g. Q6212.", metavar="QID")] = None,
    new_actor: Annotated[bool, typer.Option("--new-actor", help="Register the name even when it is close to a known actor's.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Register an actor, or add aliases, a kind or a Wikidata id to one.

    Example: timeline actor add "Keir Starmer" --alias "Sir Keir" --wikidata Q6212
    """
    result = tracker().add_actor(name, aliases=alias or [], kind=kind, wikidata=wikidata, new_actor=new_actor)
    if as_json:
        emit(result)
        return
    verb = "Registered" if result["created"] else "Already registered:"
    extra = f" with alias{'es' if len(result['aliases_added']) > 1 else ''} {', '.join(result['aliases_added'])}" if result["aliases_added"] else ""
    kind_note = f" Now a {result['kind']}." if result["kind_changed"] else ""
    print(f"{verb} {result['name']}{extra}.{kind_note}")


@command
def actor_alias(
    name: Annotated[str, typer.Argument(help="The actor's name or alias.")],
    add: Annotated[list[str] | None, typer.Option("--add", help="An alias to add (repeatable).")] = None,
    remove: Annotated[list[str] | None, typer.Option("--remove", help="An alias to remove (repeatable).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Add or remove an actor's aliases. Answers as known before the change still use the old aliases.

    Example: timeline actor alias "Keir Starmer" --remove "the PM"
    """
    from timeline.errors import InputError

    if not add and not remove:
        raise InputError("give --add ALIAS or --remove ALIAS")
    result = tracker().change_aliases(name, add=add or [], remove=remove or [])
    if as_json:
        emit(result)
        return
    done = [f"added {', '.join(result['aliases_added'])}"] if result["aliases_added"] else []
    done += [f"removed {', '.join(result['aliases_removed'])}"] if result["aliases_removed"] else []
    print(f"{result['name']}: {'; '.join(done) or 'unchanged'}.")


@command
def actor_rename(
    name: Annotated[str, typer.Argument(help="The actor's current name or alias.")],
    new: Annotated[str, typer.Argument(help="The new canonical name.")],
    as_json: JsonOption = False,
) -> None:
    """Give an actor a new canonical name; the old name stays as an alias.

    Example: timeline actor rename "Downing Street" "No 10 Downing Street"
    """
    result = tracker().rename_actor(name, new)
    if as_json:
        emit(result)
    else:
        print(f"Renamed {result['was']} to {result['name']} (the old name stays as an alias).")


@command
def actor_merge(
    duplicate: Annotated[str, typer.Argument(help="The duplicate actor.")],
    into: Annotated[str, typer.Option("--into", help="The actor that stays.")],
    reason: Annotated[str, typer.Option("--reason", help="Why they are one actor (kept in the log).")],
    as_json: JsonOption = False,
) -> None:
    """Merge a duplicate actor into another: from now on its records answer under the one that stays.
    Answers as known before the merge still see two actors.

    Example: timeline actor merge "UK government officials" --into "Downing Street" --reason "The same briefing"
    """
    result = tracker().merge_actor(duplicate, into, reason)
    if as_json:
        emit(result)
    else:
        print(f"Merged {result['merged']} into {result['into']}.")



@command
def topic_add(
    slug: Annotated[str, typer.Argument(help="Slug, e.g. return-hubs.")],
    title: Annotated[str | None, typer.Option("--title", help="Readable title.")] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="Parent topic slug: questions about the parent include this topic.")] = None,
    inverse: Annotated[bool | None, typer.Option("--inverse/--same", help="Polarity toward the parent: with --inverse, support for this topic counts as oppose for the parent.", show_default=False)] = None,
    wikidata: Annotated[str | None, typer.Option("--wikidata", help="Wikidata item id.", metavar="QID")] = None,
    as_json: JsonOption = False,
) -> None:
    """Register a topic, or retitle it, move it under a parent or set its polarity.

    Example: timeline topic add albania-hubs --title "Return hubs in Albania" --parent return-hubs

    Also: timeline topic add nuclear-phaseout --parent nuclear --inverse (support for a phase-out counts as oppose on nuclear)
    """
    result = tracker().add_topic(slug, title=title, parent=parent, inverse=inverse, wikidata=wikidata)
    was = result.pop("was")  # (parent before,) of a known topic, as the move planned on it; None: a new topic
    if as_json:
        emit(result)
        return
    moved = "moved" in result["changes"] and was != (result["parent"],)
    if moved:
        # A move changes every roll-up of the old and new parents: say what moved from where to where.
        old = f"from {was[0]} " if was and was[0] else "from the top level " if was else ""
        echo = f"moved {result['slug']} {old}to {result['parent']} (its records now roll up under {result['parent']})"
        result["changes"] = [echo if change == "moved" else change for change in result["changes"]]
    done = ", ".join(result["changes"]) or "unchanged"
    under = f" under {result['parent']}" if result["parent"] and not moved else ""
    under += " (inverse: its stances count the other way for the parent)" if result["polarity"] == "inverse" else ""
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
