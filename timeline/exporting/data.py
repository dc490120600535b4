"""The data formats: json (one document), jsonl (the import format) and csv (for spreadsheets).

`jsonl` lists records in record order (not timeline order) so that importing it reproduces the
tie-breaks of `position`, which prefer the later recorded of two equal periods.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from timeline.dates import utc_iso
from timeline.exporting.snapshot import Snapshot

# The import format's column names, in the order a spreadsheet reader wants them.
CSV_COLUMNS = ("id", "date", "date_precision", "actor", "topic", "kind", "stance", "summary", "quote",
               "source", "source_url", "responds_to", "target", "extra")


def _json(data: Any, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


def to_json(snap: Snapshot) -> str:
    """One JSON object: exported_at, known_at, actors, topics and records (DESIGN.md §4 objects)."""
    return _json({
        "exported_at": utc_iso(snap.exported_at),
        "known_at": utc_iso(snap.known_at or snap.exported_at),
        "actors": snap.actors,
        "topics": snap.topics,
        "records": snap.records,
    }) + "\n"


def to_jsonl(snap: Snapshot) -> str:
    """Record objects in record order, one per line, importable as they are (DESIGN.md §6).

    The first line of each actor also carries `actor_kind` and `actor_aliases`, and a line dated
    like one of the actor's roles carries `role`, so an import re-creates actors as they were; the
    first line of each topic carries `topic_title` and `topic_parent` (the ancestors' path, root
    first: `migration/offshoring`), so it re-creates the topic tree.
    """
    by_id = {r["id"]: r for r in snap.records}
    actors = {a["name"]: a for a in snap.actors}
    roles = {name: [(r["role"], r["on"]) for r in a["roles"]] for name, a in actors.items()}
    introduced: set[str] = set()
    topics = {t["slug"]: t for t in snap.topics}
    lines = []
    for record_id in snap.record_order:
        record = dict(by_id[record_id])
        slug = record["topic"]
        if slug not in introduced and slug in topics:
            introduced.add(slug)
            record["topic_title"] = topics[slug]["title"]
            path, parent = [], topics[slug]["parent"]
            while parent and parent not in path:
                path.insert(0, parent)
                parent = topics[parent]["parent"] if parent in topics else None
            if path:
                record["topic_parent"] = "/".join(path)
        name = record["actor"]
        if name not in introduced and name in actors:
            introduced.add(name)
            record["actor_kind"] = actors[name]["kind"]
            if actors[name]["aliases"]:
                record["actor_aliases"] = actors[name]["aliases"]
        pending = roles.get(name, [])
        match = next((item for item in pending if item[1] == record["date"]), None)
        if match:
            pending.remove(match)
            record["role"] = match[0]
        lines.append(_json(record, indent=None) + "\n")
    return "".join(lines)


def to_csv(snap: Snapshot) -> str:
    """A header row of the import column names, one row per record; UTF-8 with a byte-order mark
    so spreadsheet programs read accents and dashes right (import skips the mark)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for r in snap.records:
        writer.writerow([
            csv_cell(value) for value in (
                r["id"], r["date"], r["precision"], r["actor"], r["topic"], r["kind"], r["stance"],
                r["summary"], r["quote"] or "", r["source"] or "", r["source_url"] or "",
                r["responds_to"] or "", r["target"] or "",
                _json(r["extra"], indent=None) if r["extra"] else "",
            )
        ])
    return "\ufeff" + out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula: one starting like a formula
    gets a leading apostrophe (CSV import removes it again, so the round trip holds)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
