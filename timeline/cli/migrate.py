"""`timeline migrate`: copy one event log into another store."""

from typing import Annotated

import typer

from timeline.cli.common import JsonOption, command, emit


@command
def migrate(
    source: Annotated[str, typer.Option("--from", metavar="SRC", help="The store to copy from: a SQLite file or a postgresql:// URL.")],
    target: Annotated[str, typer.Option("--to", metavar="DST", help="The store to copy into (created when missing): a postgresql:// URL or a SQLite file.")],
    as_json: JsonOption = False,
) -> None:
    """Copy a log into another store, keeping record times; running it again copies only what is missing.

    Use it to move a personal SQLite log into the team's PostgreSQL store. An event that the
    target holds with other content (the same actor created in both logs) stops the migration
    before anything is copied.

    Example: timeline migrate --from db/timeline.sqlite --to postgresql://alice@db.example.org/newsroom
    """
    from timeline.store.migrate import migrate as copy_log

    result = copy_log(source, target)
    if as_json:
        emit(result.as_dict())
    else:
        print(f"Copied {result.copied} events from {result.source} to {result.target} "
              f"({result.skipped} already there).")
