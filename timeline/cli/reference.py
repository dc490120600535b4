"""The CLI reference (docs/cli.md), generated from the commands' own --help.

    python -m timeline.cli.reference > docs/cli.md     (or: make docs)

A test regenerates it and fails when docs/cli.md is stale or a command is missing, so the
reference can never drift from what `timeline --help` says.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

HEADER = """# CLI reference

Generated from `timeline --help` by `make docs` (`python -m timeline.cli.reference`); do not edit by hand.
Every command also answers `-h`/`--help`, and every read command `--json`.
"""


def commands(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(path, click command) for every command, depth first, in the order --help lists them."""
    import click

    for name in group.list_commands(click.Context(group)):
        command = group.get_command(click.Context(group), name)
        if command is None or command.hidden:
            continue
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


def help_text(path: tuple[str, ...]) -> str:
    from typer.testing import CliRunner

    from timeline.cli import app

    result = CliRunner().invoke(app, [*path, "--help"], prog_name="timeline", env={"COLUMNS": "100", "TERM": "dumb"})
    return result.output.rstrip()


def reference() -> str:
    import typer

    from timeline.cli import app

    root = typer.main.get_command(app)
    parts = [HEADER, "## timeline", "", "```", help_text(()), "```", ""]
    for path, _command in commands(root):
        parts += [f"## timeline {' '.join(path)}", "", "```", help_text(path), "```", ""]
    return "\n".join(parts)


def main() -> None:
    os.environ.setdefault("COLUMNS", "100")
    print(reference(), end="")


if __name__ == "__main__":
    main()
