"""The `timeline` command line: parse options, call the library, print. No logic of its own.

One module per command group; this module assembles the app explicitly, so the command list
reads top to bottom here (COMMANDS). The console script builds only the command it is asked for:
typer turns every registered function into a click command at each start, and importing every
command module costs too, so `timeline position …` imports and builds `position` alone; anything
else (no command, --help, a misspelling, tests and the CLI reference reading `app`) gets them all. Heavy libraries (eventsourcing, dateparser, rich, psycopg, icalendar,
sqlite_utils) are imported inside the functions that need them, never at the top of a module on
the command path: a command pays only for what it uses. Small standard-library imports stay at
the top.
"""

import gc

# Start-up (issue 17): importing typer, click and our modules makes ~17,000 long-lived objects and
# no garbage worth collecting, yet the cyclic collector would scan the young ones dozens of times
# on the way; it is paused while this module imports and resumed at its end. The console script
# then freezes what exists before the command runs (`Timeline.__call__`), so neither the command's
# collections nor the full collection at exit walk the imported modules again.
_COLLECTING = gc.isenabled()
gc.disable()

import importlib  # noqa: E402
import sys  # noqa: E402
from typing import Annotated, Any  # noqa: E402

import typer  # noqa: E402
import typer.core  # noqa: E402

from timeline.cli.common import say, state  # noqa: E402


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
            where = error.ctx.command_path if error.ctx else self._path_in(args if args is not None else sys.argv[1:])
            # typer and click both append "Did you mean …?": say each sentence once
            import re

            sentences = dict.fromkeys(re.split(r"(?<=[.?])\s+", error.format_message().strip()))
            if isinstance(error, click.NoSuchOption) and error.option_name in ("--db", "--view"):
                # the store options belong to `timeline` itself, before the command's name
                sentences = {f"{error.option_name} goes before the command, e.g. timeline {error.option_name} "
                             f"FILE {where.partition(' ')[2] or 'COMMAND'} …": None}
            say(f"Error: {' '.join(sentences).rstrip('.')}; see '{where} --help'.")
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            say("Aborted.")
            sys.exit(1)
        except click.ClickException as error:
            say(f"Error: {error.format_message()}")
            sys.exit(error.exit_code)
        sys.exit(result if isinstance(result, int) else 0)

    def _path_in(self, args: list[str]) -> str:
        """The command an argument list names (`timeline position`), for an error click gave no context."""
        path, group = ["timeline"], self
        for arg in args:
            found = getattr(group, "commands", {}).get(arg)
            if found is not None:
                path.append(arg)
                group = found
        return " ".join(path)


class Timeline(typer.Typer):
    """The app, whose commands are registered on first use: all of them, or (when run as the
    console script) the one named on the command line."""

    _assembled = False

    @property
    def registered_commands(self) -> list[Any]:
        if not self._assembled:
            assemble(None)
        return self._commands

    @registered_commands.setter
    def registered_commands(self, value: list[Any]) -> None:
        self._commands = value

    @property
    def registered_groups(self) -> list[Any]:
        if not self._assembled:
            assemble(None)
        return self._groups

    @registered_groups.setter
    def registered_groups(self, value: list[Any]) -> None:
        self._groups = value

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """The console script: build the command asked for, then run it (see the top for the collector)."""
        collecting = gc.isenabled()
        gc.disable()
        if not self._assembled:
            assemble(invoked(sys.argv[1:]))
        gc.freeze()  # what exists now lives until exit: no collection need walk it again
        if collecting:
            gc.enable()
        try:
            return super().__call__(*args, **kwargs)
        finally:
            gc.freeze()  # the process ends here: the collection at exit has nothing to walk


app = Timeline(
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
office_app = typer.Typer(help="Register offices and who held them when.", no_args_is_help=True, rich_markup_mode=None)


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

# (command name, module in timeline.cli, function); "actor add" is the `add` command of the `actor` group.
COMMANDS = [
    ("add", "writing", "add"),
    ("correct", "writing", "correct"),
    ("retract", "writing", "retract"),
    ("import", "importing", "import_"),
    ("export", "export", "export"),
    ("extract", "extract", "extract"),
    ("actor add", "catalog", "actor_add"),
    ("actor alias", "catalog", "actor_alias"),
    ("actor rename", "catalog", "actor_rename"),
    ("actor merge", "catalog", "actor_merge"),
    ("topic add", "catalog", "topic_add"),
    ("position", "position", "position"),
    ("show", "reading", "show"),
    ("changes", "reading", "changes"),
    ("stances", "across", "stances"),
    ("search", "across", "search"),
    ("thread", "across", "thread"),
    ("actors", "catalog", "actors"),
    ("topics", "catalog", "topics"),
    ("office add", "offices", "office_add"),
    ("office term", "offices", "office_term"),
    ("offices", "offices", "offices"),
    ("holder", "offices", "holder"),
    ("history", "reading", "history"),
    ("log", "reading", "log"),
    ("rebuild", "maintenance", "rebuild"),
    ("verify", "maintenance", "verify"),
    ("seed", "maintenance", "seed"),
    ("demo", "maintenance", "demo"),
    ("migrate", "migrate", "migrate"),
    ("serve", "serve", "serve"),
]
GROUPS = {"actor": actor_app, "topic": topic_app, "office": office_app}
_GLOBAL_WITH_VALUE = ("--db", "--view")


def invoked(args: list[str]) -> str | None:
    """The command (or group) named on the command line, when it is one of ours; else None."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _GLOBAL_WITH_VALUE:
            skip = True
        elif not arg.startswith("-"):
            known = {name.split()[0] for name, _, _ in COMMANDS}
            return arg if arg in known else None
    return None


def assemble(only: str | None) -> None:
    """Register the commands (all, or those of the one command or group named `only`), in order."""
    app._assembled = True
    app.registered_commands, app.registered_groups = [], []
    for name in GROUPS:
        if only in (None, name):
            app.add_typer(GROUPS[name], name=name)
    for name, module, function in COMMANDS:
        if only is not None and name.split()[0] != only:
            continue
        func = getattr(importlib.import_module(f"timeline.cli.{module}"), function)
        group, _, sub = name.partition(" ")
        if sub:
            GROUPS[group].command(sub)(func)
        else:
            app.command(name)(func)


def _imported_by_main_script() -> bool:
    """Whether the process's main script (the console script, `python -c`) is importing this module:
    the first frame outside the import machinery is `__main__`'s."""
    try:
        frame = sys._getframe(2)  # 0: this function, 1: this module, 2: what imports it
    except ValueError:  # imported from C, with no Python frame above
        return False
    while frame is not None and frame.f_code.co_filename.startswith("<frozen importlib"):
        frame = frame.f_back
    return frame is not None and frame.f_globals.get("__name__") == "__main__"


# In a process started to run one command, what the imports made lives until exit: frozen before the
# collector resumes, or its first collection (at the very next allocation, before the console script
# freezes in `Timeline.__call__`) would walk all ~17,000 objects, ≈ 3 % of a read (issue 17). A test
# process or a host importing the CLI is left as it was (a frozen object is hidden from
# `gc.get_referrers`, which some libraries consult).
if _imported_by_main_script():
    gc.freeze()
if _COLLECTING:
    gc.enable()
