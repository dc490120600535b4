"""Human output of the questions across actors (stances, search, thread): rich tables, text printed
literally (never as markup). JSON output never imports this module."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from timeline.cli.render import STACK_TABLES_BELOW, console, counts, date_cell, print_stacked, stance, wrapping_table


def _what(record: dict[str, Any]) -> Text:
    text = Text(record["summary"])
    if record.get("quote"):
        text.append(f"\n“{record['quote']}”", style="italic")
    if record.get("status") == "retracted":
        text.stylize("strike")
        text.append(" (retracted)", style="red")
    text.append(f"\n{record['id']}", style="dim")
    return text


def print_stances(answer: dict[str, Any]) -> None:
    title = f"Stances on {answer['topic']} (and its sub-topics), on {answer['on']}"
    if not answer["stances"]:
        console.print(Text(f"{title}: nobody has a record on it by then."))
        return
    if console.width < STACK_TABLES_BELOW:  # blocks: a table this narrow splits words
        print_stacked(title, [(
            f"{item['actor']}: {item['stance'] or 'no definite record yet'}",
            [("record", f"{item['record']['date']} · {item['record']['kind']} · {item['record']['id']}" if item["record"] else None),
             ("flipped", f"{item['record']['stance']} on {item['record']['topic']}, an inverse sub-topic"
              if item.get("flipped") and item["record"] else None),
             ("possibly", ", ".join(f"{p['id']} ({counts(p)})" for p in item["possibly"])),
             ("maybe later", ", ".join(f"{u['id']} ({counts(u)})" for u in item.get("uncertain_order", [])))])
            for item in answer["stances"]])
        return
    table = wrapping_table(title)
    narrow = console.width < 100  # "since" joins the record's column, so every column keeps room
    table.add_column("Stance")
    table.add_column("Actor", ratio=1)
    if not narrow:
        table.add_column("Record date")
    table.add_column("Record", ratio=2)
    doubts = any(item["possibly"] or item.get("uncertain_order") for item in answer["stances"])
    if doubts:
        table.add_column("Possibly / order uncertain", ratio=1)
    for item in answer["stances"]:
        record = item["record"]
        others = [f"possibly {p['id']} ({counts(p)})" for p in item["possibly"]]
        others += [f"maybe later: {u['id']} ({counts(u)})" for u in item.get("uncertain_order", [])]
        since = f"{date_cell(record)} · {record['kind']}" if record else ""
        what = _flipped(item, _what(record)) if record else Text("no definite record yet", style="dim")
        if narrow and record:
            what = Text.assemble(Text(since + "\n", style="dim"), what)
        table.add_row(
            stance(item["stance"]),  # on every row: a blank cell read as "no stance"
            Text(item["actor"], style="bold"),
            *([] if narrow else [since]),
            what,
            *([Text("\n".join(others), style="dim")] if doubts else []),
        )
    console.print(table)


def _flipped(item: dict[str, Any], what: Text) -> Text:
    """The record, with a note when its stance was flipped on the way up from an inverse sub-topic."""
    if item.get("flipped"):
        record = item["record"]
        what.append(f"\n(flipped: {record['stance']} on {record['topic']}, an inverse sub-topic, counts as "
                    f"{item['stance']} here)", style="italic")
    return what


def _snippet(snippet: str) -> Text:
    from timeline.queries.search import END, START

    text = Text()
    bold = False
    for part in snippet.replace(END, START).split(START):
        text.append(part, style="bold reverse" if bold else "")
        bold = not bold
    return text


def print_search(answer: dict[str, Any]) -> None:
    if not answer["results"]:
        console.print(Text(f"No record matches {answer['query']!r}."))
        return
    if console.width < STACK_TABLES_BELOW:  # blocks: a table this narrow splits words
        print_stacked(f"Records matching {answer['query']!r}, best first", [(
            f"{result['record']['date']} · {result['record']['actor']}",
            [("topic, stance", f"{result['record']['topic']}, {result['record']['stance']}"),
             ("match", _snippet(result["snippet"])), ("id", result["record"]["id"]),
             ("status", "retracted" if result["record"]["status"] == "retracted" else None)])
            for result in answer["results"]])
        return
    table = wrapping_table(f"Records matching {answer['query']!r}, best first")
    narrow = console.width < 100  # actor, topic and stance share a column
    table.add_column("Date")
    if narrow:
        table.add_column("Who · topic · stance", ratio=1)
    else:
        table.add_column("Actor")
        table.add_column("Topic")
        table.add_column("Stance")
    table.add_column("Match (record id)", ratio=2)
    for result in answer["results"]:
        record = result["record"]
        what = _snippet(result["snippet"])
        if record["status"] == "retracted":
            what.append(" (retracted)", style="red")
        what.append(f"\n{record['id']}", style="dim")
        if narrow:
            who = Text.assemble(Text(record["actor"]), f" · {record['topic']} · ", stance(record["stance"]))
            table.add_row(date_cell(record), who, what)
        else:
            table.add_row(date_cell(record), Text(record["actor"]), record["topic"], stance(record["stance"]), what)
    console.print(table)


def print_thread(answer: dict[str, Any]) -> None:
    record = answer["record"]

    def line(r: dict[str, Any], prefix: str) -> Text:
        text = Text(prefix)
        text.append(f"{r['date']} ", style="dim")
        text.append(r["actor"], style="bold")
        text.append(f" · {r['kind']} · ")
        text.append_text(stance(r["stance"]))
        if r.get("target"):
            text.append(f" · to {r['target']}")
        text.append(f": {r['summary']}")
        if r["status"] == "retracted":
            text.append(" (retracted)", style="red")
        text.append(f"  [{r['id']}]", style="dim")
        return text

    for depth, parent in enumerate(reversed(answer["responds_to"])):
        console.print(line(parent, "  " * depth + ("↳ " if depth else "")))
    depth = len(answer["responds_to"])
    console.print(line(record, "  " * depth + ("↳ " if depth else "") + "▶ "))
    children: dict[str, list[dict[str, Any]]] = {}
    for reply in answer["replies"]:
        children.setdefault(reply["responds_to"], []).append(reply)

    def walk(parent_id: str, level: int) -> None:
        for reply in children.get(parent_id, []):
            console.print(line(reply, "  " * level + "↳ "))
            walk(reply["id"], level + 1)

    walk(record["id"], depth + 1)
    missing = (answer["responds_to"][-1] if answer["responds_to"] else record).get("responds_to")
    if missing and missing not in {r["id"] for r in answer["responds_to"]}:
        console.print(Text(f"It answers the record '{missing}', which this store does not hold.", style="dim"))
    elif not answer["responds_to"] and not answer["replies"]:
        console.print(Text("It responds to no record, and no record responds to it.", style="dim"))
