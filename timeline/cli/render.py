"""Human output: rich tables for terminals. JSON output never imports this module."""

from __future__ import annotations

import os
import sys
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

STANCE_STYLE = {"support": "bold green", "oppose": "bold red", "mixed": "yellow", "neutral": "cyan"}

# Off a terminal (pipes, files, tests) rich would assume 80 columns; tables of records need more.
console = Console(highlight=False, width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 120)


def stance(value: str | None) -> Text:
    if value is None:
        return Text("no position", style="dim")
    return Text(value, style=STANCE_STYLE.get(value, ""))


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def records_table(records: list[dict[str, Any]], *, title: str | None = None, show_actor: bool = False) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    table.add_column("Date", no_wrap=True)
    if show_actor:
        table.add_column("Actor")
    table.add_column("Topic")
    table.add_column("Kind", no_wrap=True)
    table.add_column("Stance", no_wrap=True)
    table.add_column("What (record id)", ratio=1, min_width=24)
    for record in records:
        row = [record["date"]]
        if show_actor:
            row.append(_escape(record["actor"]))
        what = _escape(record["summary"])
        if record.get("quote"):
            what += f"\n[italic]“{_escape(record['quote'])}”[/italic]"
        if record.get("status") == "retracted":
            what = f"[strike]{what}[/strike] [red](retracted)[/red]"
        elif record.get("status") == "corrected":
            what += " [dim](corrected)[/dim]"
        what += f"\n[dim]{_escape(record['id'])}[/dim]"
        row += [record["topic"], record["kind"], stance(record["stance"]), what]
        table.add_row(*row)
    return table


def print_records(records: list[dict[str, Any]], *, title: str | None = None, show_actor: bool = False) -> None:
    if not records:
        console.print(f"{title}: no records." if title else "No records.")
        return
    console.print(records_table(records, title=title, show_actor=show_actor))


def _since(record: dict[str, Any] | None) -> str:
    if record is None:
        return ""
    return f"{record['date']} · {record['kind']}"


def print_position(answer: dict[str, Any]) -> None:
    """One topic: a sentence; all topics: a table."""
    when = f"on {answer['on']}"
    if "positions" not in answer:
        record = answer["record"]
        line = Text.assemble(
            (f"{answer['actor']}", "bold"), f" on {answer['topic']}, {when}: ", stance(answer["stance"]).copy()
        )
        console.print(line)
        if record:
            console.print(Padding(f"fixed by {_escape(record['id'])} ({_since(record)}): {_escape(record['summary'])}", (0, 0, 0, 2)))
        for maybe in answer["possibly"]:
            console.print(Padding(
                f"[dim]possibly also {_escape(maybe['id'])} ({maybe['date']}, known only to the {maybe['precision']}, "
                f"{maybe['stance']}): {_escape(maybe['summary'])}[/dim]", (0, 0, 0, 2),
            ))
        return
    table = Table(title=f"{answer['actor']}, {when}", title_justify="left")
    for column in ("Topic", "Stance", "Since", "Record", "Possibly"):
        table.add_column(column)
    for item in answer["positions"]:
        possibly = ", ".join(f"{p['id']} ({p['stance']})" for p in item["possibly"])
        record = item["record"]
        table.add_row(
            item["topic"], stance(item["stance"]), _since(record),
            _escape(record["summary"]) if record else "", _escape(possibly),
        )
    if not answer["positions"]:
        console.print(f"{answer['actor']} has no records yet.")
        return
    console.print(table)


def print_changes(actor: str | None, changes: list[dict[str, Any]]) -> None:
    """One actor's changes, or (actor None) every actor's, with an Actor column."""
    if not changes:
        console.print(f"No changes of position found for {actor}." if actor else "No changes of position found.")
        return
    table = Table(title=f"Changes of position: {actor}" if actor else "Changes of position", title_justify="left")
    table.add_column("Date", no_wrap=True)
    if actor is None:
        table.add_column("Actor")
    table.add_column("Topic")
    table.add_column("From (record before)", overflow="fold")
    table.add_column("To (record of the change)", overflow="fold")
    table.add_column("Grade")
    for change in changes:
        before = change.get("from_record_id") or change.get("previous_record_id")
        grade = change["grade"] + (" (U-turn)" if change["grade"] == "full" else "")
        if change.get("certain") is False:
            grade += "\norder uncertain"
        table.add_row(
            change["date"], *([Text(change["actor"])] if actor is None else []), change["topic"],
            Text.assemble(stance(change["from"]), "\n", (before, "dim")),
            Text.assemble(stance(change["to"]), "\n", (change["record_id"], "dim")),
            Text(grade, style="bold" if change["grade"] == "full" else ""),
        )
    console.print(table)


def print_actors(actors: list[dict[str, Any]]) -> None:
    table = Table(title="Actors", title_justify="left")
    for column in ("Name", "Kind", "Aliases", "Roles", "Records"):
        table.add_column(column)
    for actor in actors:
        roles = "; ".join(r["role"] + (f" ({r['on']})" if r["on"] else "") for r in actor["roles"])
        table.add_row(_escape(actor["name"]), actor["kind"], _escape(", ".join(actor["aliases"])), _escape(roles), str(actor["records"]))
    console.print(table)


def print_topics(topics: list[dict[str, Any]]) -> None:
    children: dict[str | None, list[dict[str, Any]]] = {}
    known = {t["slug"] for t in topics}
    for topic in topics:
        parent = topic["parent"] if topic["parent"] in known else None
        children.setdefault(parent, []).append(topic)
    table = Table(title="Topics", title_justify="left")
    for column in ("Topic", "Title", "Records"):
        table.add_column(column)

    def walk(parent: str | None, depth: int) -> None:
        for topic in children.get(parent, []):
            table.add_row("  " * depth + topic["slug"], _escape(topic["title"]), str(topic["records"]))
            walk(topic["slug"], depth + 1)

    walk(None, 0)
    console.print(table)


def print_history(record_id: str, versions: list[dict[str, Any]]) -> None:
    table = Table(title=f"History of {record_id}", title_justify="left")
    table.add_column("v", no_wrap=True)
    table.add_column("Recorded at (UTC)", no_wrap=True)
    for column in ("Event", "Reason", "Date", "Stance"):
        table.add_column(column)
    table.add_column("Summary", ratio=1, min_width=20)
    for version in versions:
        record = version["record"]
        table.add_row(
            str(version["version"]), version["recorded_at"][:19].replace("T", " "), version["event"],
            _escape(version["reason"] or ""), record["date"], stance(record["stance"]), _escape(record["summary"]),
        )
    console.print(table)


def print_log(events: list[dict[str, Any]]) -> None:
    table = Table(title="Event log", title_justify="left")
    table.add_column("#", no_wrap=True)
    table.add_column("Recorded at (UTC)", no_wrap=True)
    table.add_column("Event", no_wrap=True)
    table.add_column("Id", overflow="fold")
    table.add_column("Data", ratio=1, min_width=20)
    for event in events:
        data = ", ".join(f"{k}={v}" for k, v in event["data"].items() if v not in (None, {}, []))
        table.add_row(
            str(event["position"]), event["recorded_at"][:19].replace("T", " "), event["event"],
            _escape(str(event["id"])), _escape(data[:120] + ("…" if len(data) > 120 else "")),
        )
    console.print(table)
