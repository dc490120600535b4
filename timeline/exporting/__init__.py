"""Exports of a selection of records: a registry of formats, one module each.

- `snapshot`: the selection (`collect`) and helpers every format shares;
- `data`: json, jsonl, csv; `markdown`: md; `calendars`: timelinejs, ics; `html`: the swim-lane page,
  whose CSS and script are files in `assets/` (package data); `claimreview`: schema.org JSON-LD;
- `files`: writing the result atomically.

A format's module is imported only when that format is asked for.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable, Sequence
from datetime import date, datetime

from timeline.errors import InputError

# format → (module, renderer): the registry. Adding a format is one line here and one module.
REGISTRY: dict[str, tuple[str, str]] = {
    "json": ("timeline.exporting.data", "to_json"),
    "jsonl": ("timeline.exporting.data", "to_jsonl"),
    "csv": ("timeline.exporting.data", "to_csv"),
    "md": ("timeline.exporting.markdown", "to_md"),
    "timelinejs": ("timeline.exporting.calendars", "to_timelinejs"),
    "ics": ("timeline.exporting.calendars", "to_ics"),
    "html": ("timeline.exporting.html", "to_html"),
    "claimreview": ("timeline.exporting.claimreview", "to_claimreview"),
}
FORMATS = tuple(REGISTRY)
# The formats `import` reads back: they carry retracted records too (marked `status: "retracted"`, with
# `retracted_reason`), so that export → import reproduces every answer; the publishing formats leave them out.
IMPORTABLE = ("json", "jsonl", "csv")
SUFFIXES = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".md": "md",
            ".markdown": "md", ".ics": "ics", ".html": "html", ".htm": "html",
            ".jsonld": "claimreview"}
GROUPINGS = ("actor", "topic")


def renderer(fmt: str) -> Callable[..., str]:
    module, name = REGISTRY[fmt]
    return getattr(importlib.import_module(module), name)


def export(
    conn: sqlite3.Connection,
    fmt: str,
    *,
    actors: Sequence[str] = (),
    topic: str | None = None,
    first: date | None = None,
    last: date | None = None,
    known_at: datetime | None = None,
    group_by: str = "actor",
    title: str | None = None,
    now: datetime | None = None,
    notes: list[str] | None = None,
) -> str:
    """The selected records rendered in format `fmt` (one of FORMATS); notices go to `notes`."""
    fmt = check_format(fmt)
    if group_by not in GROUPINGS:
        raise InputError(f"unknown grouping {group_by!r}; choose actor or topic")
    from timeline.exporting.snapshot import collect

    snap = collect(conn, actors=actors, topic=topic, first=first, last=last, known_at=known_at,
                   title=title, now=now, retracted=fmt in IMPORTABLE)
    text = renderer(fmt)(snap, group_by=group_by) if fmt == "timelinejs" else renderer(fmt)(snap)
    if notes is not None:
        notes.extend(snap.notes)
    return text


def check_format(fmt: str | None, path: str | None = None) -> str:
    """The format asked for, or the one the output file's suffix names; InputError otherwise."""
    if fmt is None and path:
        suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""
        if suffix in SUFFIXES:
            return SUFFIXES[suffix]
    if fmt is None:
        raise InputError(f"say which format to export with --format: {', '.join(FORMATS)}")
    value = fmt.strip().lower()
    if value not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return value
