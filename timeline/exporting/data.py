"""The data formats: json (one document), jsonl (the import format) and csv (for spreadsheets).

`jsonl` lists records in record order (not timeline order) so that importing it reproduces the
tie-breaks of `position`, which prefer the later recorded of two equal periods.

All three carry the retracted records too, each marked `status: "retracted"` with the reason of its
retraction in `retracted_reason`: an import creates such a record and retracts it again, so a reply
to it keeps pointing at it (not at a later record that takes its id) and `history` says why it went.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from timeline.dates import utc_iso
from timeline.exporting.snapshot import Snapshot

# The import format's column names, in the order a spreadsheet reader wants them.
# period_start/period_end: the record's period for spreadsheets (empty for an open end); import reads the date.
# status/retracted_reason: a retracted record is exported too, and imported as retracted (see the module's doc).
CSV_COLUMNS = ("id", "date", "date_precision", "period_start", "period_end", "actor", "topic", "kind", "stance",
               "summary", "quote", "source", "source_url", "responds_to", "target", "extra", "role", "actor_kind",
               "actor_aliases", "topic_title", "topic_parent", "topic_polarity", "status", "retracted_reason", "type")


def _json(data: Any, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


def to_json(snap: Snapshot) -> str:
    """One JSON object: exported_at, known_at, actors (merged ones too), topics, offices (with their
    terms) and records (DESIGN.md §4 objects, each naming its own actor), importable as it is."""
    return _json({
        "exported_at": utc_iso(snap.exported_at),
        "known_at": utc_iso(snap.known_at or snap.exported_at),
        "actors": snap.actors + snap.merged,
        "topics": snap.topics,
        "offices": snap.offices,
        "records": [_own(snap, r) for r in every_record(snap)],
    }) + "\n"


def every_record(snap: Snapshot) -> list[dict[str, Any]]:
    """The records an importable format carries, in timeline order: the retracted ones too."""
    return snap.with_retracted or snap.records


def _own(snap: Snapshot, record: dict[str, Any]) -> dict[str, Any]:
    """The record naming its own actor: a merged duplicate's records keep it (importable formats)."""
    own = snap.own_actor.get(record["id"])
    return {**record, "actor": own} if own else record


def actor_line(actor: dict[str, Any]) -> dict[str, Any]:
    """An actor as an import line: only what is set, so plain actors stay short lines."""
    return {"type": "actor", "name": actor["name"], "kind": actor["kind"],
            **{key: actor[key] for key in ("aliases", "wikidata", "merged_into") if actor.get(key)}}


def topic_line(topic: dict[str, Any]) -> dict[str, Any]:
    line = {"type": "topic", "slug": topic["slug"], "title": topic["title"], "parent": topic["parent"]}
    if topic.get("polarity") == "inverse":
        line["polarity"] = "inverse"
    if topic.get("wikidata"):
        line["wikidata"] = topic["wikidata"]
    return line


def office_lines(offices: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each office as an `office` line (title, aliases, wikidata) and its `term` lines in date order."""
    lines: list[dict[str, Any]] = []
    for office in offices:
        lines.append({"type": "office", "title": office["office"],
                      **{key: office[key] for key in ("aliases", "wikidata") if office.get(key)}})
        lines += [{"type": "term", "office": office["office"], "holder": term["holder"], "start": term["start"],
                   **({"end": term["end"]} if term["end"] else {})} for term in office["terms"]]
    return lines


def _topic_order(snap: Snapshot) -> list[dict[str, Any]]:
    """Topics with every parent before its children, so an import can place each one."""
    by_slug = {t["slug"]: t for t in snap.topics}
    done: list[dict[str, Any]] = []
    seen: set[str] = set()

    def visit(slug: str) -> None:
        if slug in seen or slug not in by_slug:
            return
        seen.add(slug)
        if by_slug[slug]["parent"]:
            visit(by_slug[slug]["parent"])
        done.append(by_slug[slug])

    for slug in sorted(by_slug):
        visit(slug)
    return done


def _path(snap: Snapshot, slug: str) -> str:
    """A topic's ancestors, root first: `migration/offshoring`."""
    topics = {t["slug"]: t for t in snap.topics}
    path: list[str] = []
    parent = topics[slug]["parent"] if slug in topics else None
    while parent and parent not in path:
        path.insert(0, parent)
        parent = topics[parent]["parent"] if parent in topics else None
    return "/".join(path)


def _roles(snap: Snapshot) -> dict[str, str]:
    """record id → the role its actor is recorded with on that record's date (one record a role)."""
    pending = {a["name"]: [(r["role"], r["on"]) for r in a["roles"]] for a in snap.actors + snap.merged}
    by_id = {r["id"]: r for r in every_record(snap)}
    found = {}
    for record_id in snap.record_order:
        record = _own(snap, by_id[record_id])
        roles = pending.get(record["actor"], [])
        match = next((item for item in roles if item[1] == record["date"]), None)
        if match:
            roles.remove(match)
            found[record_id] = match[0]
    return found


def to_jsonl(snap: Snapshot) -> str:
    """Actor lines, topic lines (parents first), office and term lines, then record objects in record order, one per
    line, importable as they are (DESIGN.md §6): export → import reproduces every name and answer.

    A record dated like one of its actor's roles carries `role`, so an import records the role.
    """
    lines = [actor_line(a) for a in snap.actors + snap.merged]
    lines += [topic_line(t) for t in _topic_order(snap)]
    lines += office_lines(snap.offices)
    by_id = {r["id"]: r for r in every_record(snap)}
    roles = _roles(snap)
    for record_id in snap.record_order:
        record = _own(snap, by_id[record_id])
        if record_id in roles:
            record["role"] = roles[record_id]
        lines.append(record)
    return "".join(_json(line, indent=None) + "\n" for line in lines)


def to_csv(snap: Snapshot) -> str:
    """A header row of the import column names, then a `type` row for each actor and topic without
    records and for each inverse topic (`topic_polarity`), then one row per record carrying its actor's kind and aliases and its topic's title
    and parent path; UTF-8 with a byte-order mark so spreadsheet programs read accents and dashes
    right (import skips the mark)."""
    lost = [f"{len(snap.merged)} merge{'s' * (len(snap.merged) != 1)} of duplicate actors"] if snap.merged else []
    lost += [f"{len(snap.offices)} office{'s' * (len(snap.offices) != 1)} with their terms"] if snap.offices else []
    if lost:
        snap.notes.append(f"csv does not carry {' or '.join(lost)}: imported elsewhere, a merged duplicate's records "
                          "answer under its own name and offices are missing; use --format jsonl or json to move them")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    # In record order, as jsonl: an import records lines in file order, and two records whose dates
    # end on one day are ordered by when they were recorded (timeline order would swap them).
    by_id = {r["id"]: r for r in every_record(snap)}
    records = [_own(snap, by_id[record_id]) for record_id in snap.record_order]
    actors = {a["name"]: a for a in snap.actors + snap.merged}
    topics = {t["slug"]: t for t in snap.topics}
    with_records = {r["actor"] for r in records} | {r["topic"] for r in records}
    row_of = dict.fromkeys(CSV_COLUMNS, "")
    for a in snap.actors + snap.merged:
        if a["name"] not in with_records:
            writer.writerow(_cells({**row_of, "type": "actor", "actor": a["name"], "actor_kind": a["kind"], "actor_aliases": aliases_cell(a["aliases"])}))
    for t in _topic_order(snap):
        inverse = t.get("polarity") == "inverse"  # a record row cannot say it: the topic gets a row of its own
        if t["slug"] not in with_records or inverse:
            writer.writerow(_cells({**row_of, "type": "topic", "topic": t["slug"], "topic_title": t["title"], "topic_parent": t["parent"] or "",
                                    "topic_polarity": "inverse" if inverse else ""}))
    roles = _roles(snap)
    for r in records:
        actor, topic = actors.get(r["actor"], {}), topics.get(r["topic"], {})
        writer.writerow(_cells({
            **row_of, "id": r["id"], "date": r["date"], "date_precision": r["precision"], "actor": r["actor"],
            "topic": r["topic"], "kind": r["kind"], "stance": r["stance"], "summary": r["summary"],
            "quote": r["quote"] or "", "source": r["source"] or "", "source_url": r["source_url"] or "",
            "responds_to": r["responds_to"] or "", "target": r["target"] or "",
            "extra": _json(r["extra"], indent=None) if r["extra"] else "", "role": roles.get(r["id"], ""),
            "actor_kind": actor.get("kind", ""), "actor_aliases": aliases_cell(actor.get("aliases", [])),
            "topic_title": topic.get("title", ""), "topic_parent": _path(snap, r["topic"]),
            "period_start": r["period"]["start"] or "", "period_end": r["period"]["end"] or "",
            "status": r["status"], "retracted_reason": r.get("retracted_reason") or "",
        }))
    return "\ufeff" + out.getvalue()


def aliases_cell(aliases: list[str]) -> str:
    """A csv aliases cell: the aliases joined by "; ", each with `\\` written `\\\\` and `;` written `\\;`,
    so that an alias holding ";" comes back whole (importing.rows.split_aliases is the inverse)."""
    return "; ".join(alias.replace("\\", "\\\\").replace(";", "\\;") for alias in aliases)


def _cells(row: dict[str, str]) -> list[str]:
    return [csv_cell(row[column]) for column in CSV_COLUMNS]


# A cell a spreadsheet would run as a formula starts with one of = + - @ tab CR. The guard adds one
# apostrophe to every cell that starts with such a character after any apostrophes (`^'*[=+\-@\t\r]`);
# import removes one from every cell matching `^'+[=+\-@\t\r]`: exact inverses for every string
# (`'=x` becomes `''=x` and reads back as `'=x`). Before 2 December 2026 a cell already starting with
# `'` was not guarded; such old cells of one apostrophe read back as they did then.
FORMULA = re.compile(r"'*[=+\-@\t\r]")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula: one starting like a formula
    (after any apostrophes) gets a leading apostrophe, which CSV import removes again."""
    return "'" + text if FORMULA.match(text) else text
