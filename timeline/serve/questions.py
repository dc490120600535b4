"""The questions the pages answer, from request parameters to the same data the CLI prints.

Each function reads the parameters a page was given (named as the CLI's options: `actor`,
`topic`, `on`, `known_at`, …), parses them with the CLI's own parsers, and calls the same
functions of `timeline.queries` as the CLI command, in the same order, so that a page's `.json`
twin is byte for byte the command's `--json` output and a bad input fails with the same sentence.
Nothing here knows HTTP; errors are TimelineErrors.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import date
from typing import Any

from timeline import queries
from timeline.errors import InputError



def param(params: Mapping[str, str], name: str, *, required: bool = False) -> str | None:
    """A parameter's text, stripped; `known_at` also answers to `known-at`. None when empty."""
    value = params.get(name) or params.get(name.replace("_", "-")) or ""
    value = value.strip()
    if not value and required:
        raise InputError(f"Missing parameter '{name}'; give it in the form or the address (?{name}=…)")
    return value or None


def _day(text: str | None, notes: list[str], known_at: Any = None) -> date:
    """As the CLI's `--on`: a partial date means its last day; natural language is echoed. Left out, the
    day of `known_at` when given, else today (a phrase counts from that day too)."""
    from timeline.dates import asked_day, parse_date

    today = asked_day(known_at)
    parsed = parse_date(text or today.isoformat(), today=today)
    if parsed.natural:
        notes.append(f"Date: {parsed.describe()}")
    if parsed.value.end is None:
        raise InputError(f"--on {parsed.value} has no last day; give a date or a closed period")
    return parsed.value.end


def _moment(text: str | None) -> Any:
    if text is None:
        return None
    import re

    from timeline.dates import parse_moment

    # A known_at pasted into a URL loses its "+" (query strings read it as a space): put it back.
    return parse_moment(re.sub(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$", r"\1+\2", text))


def position(conn: sqlite3.Connection, params: Mapping[str, str], notes: list[str]) -> dict[str, Any]:
    """`timeline position ACTOR [--topic T] [--on D] [--known-at T] --json`."""
    actor = param(params, "actor", required=True)
    moment = _moment(param(params, "known_at"))
    day = _day(param(params, "on"), notes, moment)
    who = queries.resolve_actor(conn, actor, on=day, known_at=moment)
    topic = param(params, "topic")
    slug = queries.resolve_topic(conn, topic, known_at=moment) if topic else None
    return queries.position(conn, who, day, topic=slug, known_at=moment)


def stances(conn: sqlite3.Connection, params: Mapping[str, str], notes: list[str]) -> dict[str, Any]:
    """`timeline stances --topic T [--on D] [--known-at T] --json`."""
    topic = param(params, "topic", required=True)
    moment = _moment(param(params, "known_at"))
    day = _day(param(params, "on"), notes, moment)
    # As the CLI: a topic recorded after known_at had no stances then, an empty answer, not an error.
    slug = queries.resolve_topic(conn, topic)
    return queries.stances(conn, slug, day, known_at=moment)


def show(conn: sqlite3.Connection, name: str, params: Mapping[str, str], notes: list[str]) -> dict[str, Any]:
    """`timeline show ACTOR [--topic T] [--from D] [--to D] [--known-at T] --json`."""
    from timeline.dates import parse_date

    first, last = param(params, "from"), param(params, "to")
    start = parse_date(first).value.start if first else None
    end = parse_date(last).value.end if last else None
    if (first and start is None) or (last and end is None):
        raise InputError("--from and --to need a date or a closed period")
    if start and end and start > end:
        raise InputError(f"--from {start} is after --to {end}")
    moment = _moment(param(params, "known_at"))
    who = queries.resolve_actor(conn, name, on=end, known_at=moment)
    topic = param(params, "topic")
    slug = queries.resolve_topic(conn, topic, known_at=moment) if topic else None
    return queries.show_answer(conn, who, topic=slug, first=start, last=end, known_at=moment)


def changes(conn: sqlite3.Connection, name: str, params: Mapping[str, str]) -> list[dict[str, Any]]:
    """`timeline changes ACTOR [--topic T] [--known-at T] --json`."""
    moment = _moment(param(params, "known_at"))
    who = queries.resolve_actor(conn, name, known_at=moment)
    topic = param(params, "topic")
    slug = queries.resolve_topic(conn, topic, known_at=moment) if topic else None
    return queries.changes_answer(conn, who, topic=slug, known_at=moment)["changes"]


def timeline_page(conn: sqlite3.Connection, name: str, params: Mapping[str, str]) -> str:
    """The html export's page for one actor: `timeline export NAME --format html`."""
    from timeline.exporting import export

    return export(conn, "html", actors=[name], topic=param(params, "topic"), known_at=_moment(param(params, "known_at")))


def history(conn: sqlite3.Connection, record_id: str) -> list[dict[str, Any]]:
    """`timeline history ID --json`."""
    return queries.history(conn, record_id)


def thread(conn: sqlite3.Connection, record_id: str) -> dict[str, Any]:
    """`timeline thread ID --json`."""
    return queries.thread(conn, record_id)


def search(conn: sqlite3.Connection, params: Mapping[str, str]) -> dict[str, Any]:
    """`timeline search TEXT [--actor A] [--topic T] [--kind K] --json` (the full-text index, best first);
    a malformed query is the CLI's one sentence (a 400)."""
    from events.vocabulary import Kind, choose
    from timeline.queries.search import marked

    actor, topic, kind = param(params, "actor"), param(params, "topic"), param(params, "kind")
    if kind is not None:
        try:
            kind = choose(Kind, kind, "kind").value
        except ValueError as error:
            raise InputError(str(error)) from None
    who = queries.resolve_actor(conn, actor) if actor else None
    slug = queries.resolve_topic(conn, topic) if topic else None
    answer = queries.search(conn, param(params, "q", required=True), actor=who, topic=slug, kind=kind)
    answer.pop("more", None)
    for result in answer["results"]:
        result["snippet"] = marked(result["snippet"])
    return answer


def home(conn: sqlite3.Connection) -> dict[str, Any]:
    """Actors (as `actors --json`), topics (as `topics --json`) and the latest records."""
    return {"actors": queries.list_actors(conn), "topics": queries.list_topics(conn),
            "recent": queries.recent_records(conn)}


def topic_tree(topics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Topics nested under their parents (roots first, alphabetical); a node has `children`."""
    nodes = {t["slug"]: {**t, "children": []} for t in topics}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node["parent"]) if node["parent"] else None
        (parent["children"] if parent else roots).append(node)
    return roots
