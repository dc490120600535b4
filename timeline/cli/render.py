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
# markup=False: user text (names, summaries) is printed literally, never read as rich markup; our
# own styles are Text objects.
console = Console(highlight=False, markup=False, width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 120)


def stance(value: str | None) -> Text:
    if value is None:
        return Text("no position", style="dim")
    return Text(value, style=STANCE_STYLE.get(value, ""))


def _escape(text: str) -> str:
    return text  # the console reads no markup (markup=False): text is shown as it is


def wrapping_table(title: str | None = None, **options: Any) -> Table:
    """A table that wraps on a narrow terminal and never cuts a character (overflow "fold", not "…")."""
    table = Table(title=Text(title) if title else None, title_justify="left", **options)
    add_column = table.add_column

    def folding(*args: Any, **kw: Any) -> None:
        kw.setdefault("overflow", "fold")
        add_column(*args, **kw)

    table.add_column = folding  # type: ignore[method-assign]
    return table


def date_cell(record: dict[str, Any]) -> str:
    """A record's date as stored (EDTF), and in words when the code alone does not read easily:
    `2024-34` → `2024-34` and `between 1 April 2024 and 30 June 2024`; `2024-05~` → `… (approximate)`."""
    text = record["date"]
    if record["precision"] != "range" and text[-1:] not in "?~%":
        return text
    from timeline.exporting.snapshot import human_date

    return f"{text}\n{human_date(text)}"


def records_table(records: list[dict[str, Any]], *, title: str | None = None, show_actor: bool = False) -> Table:
    table = wrapping_table(title, show_lines=False, expand=False)
    narrow = console.width < 100  # kind and stance share a column, so every column fits
    table.add_column("Date")
    if show_actor:
        table.add_column("Actor")
    table.add_column("Topic")
    if not narrow:
        table.add_column("Kind")
    table.add_column("Kind, stance" if narrow else "Stance")
    table.add_column("What (record id)", ratio=1)
    for record in records:
        row = [date_cell(record)]
        if show_actor:
            row.append(_escape(record["actor"]))
        what = Text(record["summary"])
        if record.get("quote"):
            what.append(f"\n“{record['quote']}”", style="italic")
        if record.get("status") == "retracted":
            what.stylize("strike")
            what.append(" (retracted)", style="red")
        elif record.get("status") == "corrected":
            what.append(" (corrected)", style="dim")
        what.append(f"\n{record['id']}", style="dim")
        row += [record["topic"], *([] if narrow else [record["kind"]])]
        row += [Text.assemble(record["kind"], "\n", stance(record["stance"])) if narrow else stance(record["stance"]), what]
        table.add_row(*row)
    return table


def print_records(records: list[dict[str, Any]], *, title: str | None = None, show_actor: bool = False) -> None:
    if not records:
        console.print(Text(f"{title}: no records." if title else "No records."))
        return
    if console.width < STACK_TABLES_BELOW:
        print_stacked(title or "Records", [(
            f"{record['date']} · {record['id']}",
            [("actor", record["actor"] if show_actor else None), ("topic", record["topic"]),
             ("kind, stance", Text.assemble(f"{record['kind']}, ", stance(record["stance"]))),
             ("status", record.get("status") if record.get("status") != "active" else None),
             ("summary", record["summary"]), ("quote", record.get("quote"))]) for record in records])
        return
    console.print(records_table(records, title=title, show_actor=show_actor))


def _roughly(record: dict[str, Any]) -> str:
    """How precisely a record's date is known, in words: `2024-07, known only to the month`."""
    if record["precision"] == "range":
        return date_cell(record).replace("\n", ", a range: ")
    return f"{record['date']}, known only to the {record['precision']}"


def _since(record: dict[str, Any] | None) -> str:
    if record is None:
        return ""
    return f"{date_cell(record).replace(chr(10), ', ')} · {record['kind']}"


def _print_via(answer: dict[str, Any]) -> None:
    via = answer.get("via")
    if via:
        term = via["term"]
        console.print(Padding(f"as holder of {_escape(via['office'])} (term {term['start']} to {term['end'] or 'now'})", (0, 0, 0, 2)))


def print_position(answer: dict[str, Any]) -> None:
    """One topic: a sentence; all topics: a table."""
    when = f"on {answer['on']}"
    if "positions" not in answer:
        record = answer["record"]
        line = Text.assemble(
            (f"{answer['actor']}", "bold"), f" on {answer['topic']}, {when}: ", stance(answer["stance"]).copy()
        )
        console.print(line)
        _print_via(answer)
        if answer.get("flipped"):
            console.print(Padding(f"(flipped: {record['stance']} on {_escape(record['topic'])}, an inverse sub-topic, counts as {answer['stance']} here)", (0, 0, 0, 2)))
        if record:
            console.print(Padding(f"fixed by {_escape(record['id'])} ({_since(record)}): {_escape(record['summary'])}", (0, 0, 0, 2)))
        for maybe in answer["possibly"]:
            console.print(Padding(Text(
                f"possibly also {maybe['id']} ({_roughly(maybe)}, "
                f"{counts(maybe)}): {maybe['summary']}", style="dim"), (0, 0, 0, 2),
            ))
        for other in answer.get("uncertain_order", []):
            console.print(Padding(Text.assemble(
                ("order uncertain: ", "yellow"),
                f"{other['id']} ({other['date']}, {counts(other)}) shares days with the deciding record, "
                "so it may in truth be the later one"), (0, 0, 0, 2),
            ))
        return
    _print_via(answer)
    if console.width < STACK_TABLES_BELOW and answer["positions"]:  # blocks: a table this narrow splits words
        print_stacked(f"{answer['actor']}, {when}", [(item["topic"], _position_lines(item)) for item in answer["positions"]])
        return
    table = wrapping_table(f"{answer['actor']}, {when}")
    for column in ("Topic", "Stance", "Record date", "Record", "Possibly / order uncertain"):
        table.add_column(column)
    for item in answer["positions"]:
        possibly = ", ".join([f"{p['id']} ({counts(p)})" for p in item["possibly"]]
                             + [f"order uncertain: {p['id']} ({counts(p)})" for p in item.get("uncertain_order", [])])
        record = item["record"]
        what = _escape(record["summary"]) if record else ""
        if record and item.get("flipped"):
            what += f"\n(flipped: {record['stance']} on {_escape(record['topic'])}, an inverse sub-topic)"
        table.add_row(item["topic"], stance(item["stance"]), _since(record), what, _escape(possibly))
    if not answer["positions"]:
        console.print(Text(f"{answer['actor']} has no records yet."))
        return
    console.print(table)


def _position_lines(item: dict[str, Any]) -> list[tuple[str, Any]]:
    """One topic of the every-topic `position`, as the lines of a block."""
    record = item["record"]
    what = record["summary"] if record else ""
    if record and item.get("flipped"):
        what += f" (flipped: {record['stance']} on {record['topic']}, an inverse sub-topic)"
    return [("stance", stance(item["stance"])), ("record date", _since(record)), ("record", what),
            ("possibly", ", ".join(f"{p['id']} ({counts(p)})" for p in item["possibly"])),
            ("order uncertain", ", ".join(f"{p['id']} ({counts(p)})" for p in item.get("uncertain_order", [])))]


def print_changes(actor: str | None, changes: list[dict[str, Any]]) -> None:
    """One actor's changes, or (actor None) every actor's, with an Actor column."""
    if not changes:
        console.print(Text(f"No changes of position found for {actor}." if actor else "No changes of position found."))
        return
    if console.width < STACK_TABLES_BELOW:
        print_stacked(f"Changes of position: {actor}" if actor else "Changes of position", [(
            f"{change['date']} · {change['topic']}" + ("" if actor else f" · {change['actor']}"),
            [("from", Text.assemble(stance(change["from"]), f" ({change['from_record_id']})")),
             ("to", Text.assemble(stance(change["to"]), f" ({change['record_id']})")),
             ("grade", _grade_words(change))]) for change in changes])
        return
    table = wrapping_table(f"Changes of position: {actor}" if actor else "Changes of position")
    table.add_column("Date", no_wrap=True)
    if actor is None:
        table.add_column("Actor")
    table.add_column("Topic")
    table.add_column("From (record before)", overflow="fold")
    table.add_column("To (record of the change)", overflow="fold")
    table.add_column("Grade")
    for change in changes:
        before = change["from_record_id"]
        grade = _grade_words(change, "\n")
        table.add_row(
            change["date"], *([Text(change["actor"])] if actor is None else []), change["topic"],
            Text.assemble(stance(change["from"]), "\n", (before, "dim")),
            Text.assemble(stance(change["to"]), "\n", (change["record_id"], "dim")),
            Text(grade, style="bold" if change["grade"] == "full" else ""),
        )
    console.print(table)


def _grade_words(change: dict[str, Any], joint: str = "; ") -> str:
    """A change's grade and what else `changes` says of it, in words."""
    words = [change["grade"] + (" (U-turn)" if change["grade"] == "full" else "")]
    if change.get("certain") is False:
        words.append("order uncertain")
    if change.get("flipped"):
        words.append("flipped (inverse sub-topic)")
    if change["date"].endswith(("/..", "/")):  # an open end, written either way (2024-07/.. or 2024-07/)
        words.append("open end: in force on no day (position lists it as possibly)")
    return joint.join(words)


def print_actors(actors: list[dict[str, Any]]) -> None:
    if console.width < STACK_TABLES_BELOW:  # blocks: a table this narrow splits words
        print_stacked("Actors", [(actor["name"], [
            ("merged into", actor.get("merged_into")), ("kind", actor["kind"]), ("aliases", ", ".join(actor["aliases"])),
            ("roles", "; ".join(r["role"] + (f" ({r['on']})" if r["on"] else "") for r in actor["roles"])),
            ("records", str(actor["records"]))]) for actor in actors])
        return
    table = wrapping_table("Actors")
    for column in ("Name", "Kind", "Aliases", "Roles", "Records"):
        table.add_column(column)
    for actor in actors:
        roles = "; ".join(r["role"] + (f" ({r['on']})" if r["on"] else "") for r in actor["roles"])
        name = Text(actor["name"])
        if actor.get("merged_into"):  # its records answer under the survivor
            name.append(f"\nmerged into {actor['merged_into']}", style="dim")
        table.add_row(name, actor["kind"], Text(", ".join(actor["aliases"])), Text(roles), str(actor["records"]))
    console.print(table)


def print_topics(topics: list[dict[str, Any]]) -> None:
    children: dict[str | None, list[dict[str, Any]]] = {}
    known = {t["slug"] for t in topics}
    for topic in topics:
        parent = topic["parent"] if topic["parent"] in known else None
        children.setdefault(parent, []).append(topic)
    table = wrapping_table("Topics")
    for column in ("Topic", "Title", "Polarity", "Records"):
        table.add_column(column)
    blocks: list[tuple[str, list[tuple[str, Any]]]] = []  # below STACK_TABLES_BELOW columns

    def walk(parent: str | None, depth: int) -> None:
        for topic in children.get(parent, []):
            # Polarity toward the parent: an inverse topic's stances count flipped in its parent's roll-ups.
            polarity = (topic.get("polarity") or "same") if topic["parent"] else ""
            table.add_row("  " * depth + topic["slug"], _escape(topic["title"]), polarity, str(topic["records"]))
            blocks.append(("  " * depth + topic["slug"], [  # its lines indented as deep as it is
                ("  " * depth + label, value) for label, value in (
                    ("title", topic["title"]), ("under", topic["parent"]), ("polarity", polarity),
                    ("records", str(topic["records"])))]))
            walk(topic["slug"], depth + 1)

    walk(None, 0)
    if console.width < STACK_TABLES_BELOW:  # blocks: a table this narrow splits words
        print_stacked("Topics", blocks)
        return
    console.print(table)


STACK_BELOW = 80  # columns: narrower, `log` and `history` print one block per event instead of a table
STACK_TABLES_BELOW = 60  # narrower, `show` and `changes` (and stances, search) print blocks too


def print_stacked(title: str, blocks: list[tuple[str, list[tuple[str, Any]]]]) -> None:
    """Entries as blocks of `label: value` lines, for a terminal too narrow for their table's
    columns: every value whole, folded at the edge (a table would squeeze columns to nothing)."""
    console.print(Text(title, overflow="fold"))
    for head, lines in blocks:
        console.print(Text(head, style="bold", overflow="fold"))
        for label, value in lines:
            if value not in (None, ""):
                console.print(Text.assemble(f"  {label}: ", value if isinstance(value, Text) else str(value)),
                              overflow="fold")


def print_history(record_id: str, versions: list[dict[str, Any]]) -> None:
    if console.width < STACK_BELOW:
        print_stacked(f"History of {record_id}", [
            (f"v{v['version']} · {v['recorded_at'][:19].replace('T', ' ')} UTC · {v['event']}",
             [("reason", v["reason"]), ("actor · topic", f"{v['record']['actor']} · {v['record']['topic']}"),
              ("date", date_cell(v["record"])), ("stance", stance(v["record"]["stance"])),
              ("summary", v["record"]["summary"])]) for v in versions])
        return
    table = wrapping_table(f"History of {record_id}")
    table.add_column("v", no_wrap=True)
    table.add_column("Recorded at (UTC)", no_wrap=True)
    for column in ("Event", "Reason", "Actor · topic", "Date", "Stance"):
        table.add_column(column)
    table.add_column("Summary", ratio=1)
    for version in versions:
        record = version["record"]
        table.add_row(
            str(version["version"]), version["recorded_at"][:19].replace("T", " "), version["event"],
            version["reason"] or "", Text(f"{record['actor']} · {record['topic']}"), date_cell(record),
            stance(record["stance"]), Text(record["summary"]),
        )
    console.print(table)


def print_log(events: list[dict[str, Any]]) -> None:
    if not events:
        console.print(Text("No events to show (the log is empty, or none matches)."))
        return
    if console.width < STACK_BELOW:
        print_stacked("Event log", [
            (f"#{e['position']} · {e['recorded_at'][:19].replace('T', ' ')} UTC · {e['event']}",
             [("id", e["id"]), ("data", ", ".join(f"{k}={v}" for k, v in e["data"].items() if v not in (None, {}, [])))])
            for e in events])
        return
    table = wrapping_table("Event log")
    table.add_column("#", no_wrap=True)
    table.add_column("Recorded at (UTC)", no_wrap=True)
    table.add_column("Event", no_wrap=True)
    table.add_column("Id", overflow="fold")
    table.add_column("Data", ratio=1)
    for event in events:
        data = ", ".join(f"{k}={v}" for k, v in event["data"].items() if v not in (None, {}, []))
        table.add_row(
            str(event["position"]), event["recorded_at"][:19].replace("T", " "), event["event"],
            Text(str(event["id"])), Text(data),
        )
    console.print(table)


def counts(entry: dict) -> str:
    """A possible or order-uncertain record's stance as it counts here: "oppose (support on
    nuclear-phaseout, an inverse sub-topic)" when it was flipped."""
    if entry.get("flipped"):
        return f"{entry['counts_as']} ({entry['stance']} on {entry['topic']}, an inverse sub-topic)"
    return entry.get("counts_as") or entry["stance"]
