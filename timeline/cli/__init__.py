"""The `timeline` command line: parse options, call the library, print. No logic of its own.

One module per command group; this module assembles the app explicitly, so the command list
reads top to bottom here. Heavy libraries (eventsourcing, dateparser, rich, psycopg, icalendar,
sqlite_utils) are imported inside the functions that need them, never at the top of a module on
the command path: a command pays only for what it uses. Small standard-library imports stay at
the top.
"""

import sys
from typing import Annotated, Any

import typer
import typer.core

from timeline.cli import catalog, export, extract, importing, maintenance, migrate, reading, serve, writing
from timeline.cli.common import say, state


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


# -- the commands, in the order --help lists them ------------------------------------------------

app.command()(writing.add)
app.command()(writing.correct)
app.command()(writing.retract)
app.command("import")(importing.import_)
app.command()(export.export)
app.command()(extract.extract)
actor_app.command("add")(catalog.actor_add)
topic_app.command("add")(catalog.topic_add)
app.command()(reading.position)
app.command()(reading.show)
app.command()(reading.changes)
app.command()(catalog.actors)
app.command()(catalog.topics)
app.command()(reading.history)
app.command()(reading.log)
app.command()(maintenance.rebuild)
app.command()(maintenance.verify)
app.command()(maintenance.seed)
app.command()(maintenance.demo)
app.command()(migrate.migrate)
app.command()(serve.serve)
