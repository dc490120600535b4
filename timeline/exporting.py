"""Exports of a selection of records: one function per format, and `export()` that picks one.

A selection is made once (`collect`) from the read model, with the same rules as `show`: records
overlapping [first, last], on a topic and its sub-topics, as they stood at record time `known_at`,
retracted ones left out, corrected ones in their current state. Every format then renders that
snapshot. `jsonl` lists records in record order (not timeline order) so that importing it
reproduces the tie-breaks of `position`, which prefer the later recorded of two equal periods.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from events.dates import PartialDate
from timeline import queries
from timeline.dates import utc_iso
from timeline.errors import InputError

FORMATS = ("json", "jsonl", "csv", "md", "timelinejs", "ics", "html")
SUFFIXES = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".md": "md",
            ".markdown": "md", ".ics": "ics", ".html": "html", ".htm": "html"}
GROUPINGS = ("actor", "topic")
# The import format's column names (DESIGN.md §6), in the order a spreadsheet reader wants them.
CSV_COLUMNS = ("id", "date", "date_precision", "actor", "topic", "kind", "stance", "summary", "quote",
               "source", "source_url", "extra")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


@dataclass
class Snapshot:
    """What one export shows: records in timeline order, their actors, topics and changes."""

    exported_at: datetime
    known_at: datetime | None
    records: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    topics: list[dict[str, Any]]
    changes: list[dict[str, Any]]
    record_order: list[str] = field(default_factory=list)  # ids in record (seq) order
    topic: str | None = None
    first: date | None = None
    last: date | None = None
    title: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def heading(self) -> str:
        if self.title:
            return self.title
        names = [a["name"] for a in self.actors]
        on = f" on {self.topic}" if self.topic else ""
        if 0 < len(names) <= 3:
            return f"{', '.join(names)}: positions{on}"
        return f"Positions{on}" if on else "Policy positions"

    def scope(self) -> str:
        """One line saying what the export covers."""
        n, m = len(self.records), len(self.actors)
        parts = [f"{n} record{'s' * (n != 1)} of {m} actor{'s' * (m != 1)}"]
        if self.topic:
            parts.append(f"topic {self.topic} and its sub-topics")
        if self.first or self.last:
            parts.append(f"from {self.first or 'the start'} to {self.last or 'the end'}")
        if self.known_at:
            parts.append(f"as the log stood at {_moment(self.known_at)}")
        parts.append(f"exported {_moment(self.exported_at)}")
        return "; ".join(parts)


def _moment(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%-d %b %Y %H:%M UTC")


def collect(
    conn: sqlite3.Connection,
    *,
    actors: Sequence[str] = (),
    topic: str | None = None,
    first: date | None = None,
    last: date | None = None,
    known_at: datetime | None = None,
    title: str | None = None,
    now: datetime | None = None,
) -> Snapshot:
    """Select the records to export; DomainError for an unknown or ambiguous actor or topic."""
    refs: list[queries.ActorRef] = []
    for text in actors:
        ref = queries.resolve_actor(conn, text)
        if ref not in refs:
            refs.append(ref)
    slug = queries.resolve_topic(conn, topic) if topic else None
    rows = queries.select_records(
        conn,
        actor_uuids=[r.uuid for r in refs] if refs else None,
        topics=queries.subtree(conn, slug) if slug else None,
        known_at=known_at,
        overlapping=(first, last),
    )
    names = dict(conn.execute("SELECT uuid, name FROM actors").fetchall())
    records = [queries.record_json(row, names.get(row["actor_uuid"], "?")) for row in rows]
    record_order = [row["id"] for row in sorted(rows, key=lambda row: row["seq"])]
    counts: dict[str, int] = {}
    for record in records:
        counts[record["actor"]] = counts.get(record["actor"], 0) + 1
    listed = {a["name"]: a for a in queries.list_actors(conn)}
    chosen = [r.name for r in refs] if refs else [name for name in listed if name in counts]
    actor_list = [{**listed[name], "records": counts.get(name, 0)} for name in chosen]
    ids = {record["id"] for record in records}
    found_changes: list[dict[str, Any]] = []
    uuid_of = {name: uuid for uuid, name in names.items()}
    for item in actor_list:
        ref = queries.ActorRef(uuid_of[item["name"]], item["name"], item["kind"])
        for change in queries.changes(conn, ref, topic=slug, known_at=known_at):
            if change["record_id"] in ids:
                found_changes.append({"actor": ref.name, **change})
    found_changes.sort(key=lambda c: (PartialDate.parse(c["date"]).start, c["actor"]))
    return Snapshot(
        exported_at=now or datetime.now(UTC),
        known_at=known_at,
        records=records,
        actors=actor_list,
        topics=_topics_of(conn, records),
        changes=found_changes,
        record_order=record_order,
        topic=slug,
        first=first,
        last=last,
        title=title,
    )


def _topics_of(conn: sqlite3.Connection, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The topics the records are on, with their ancestors so the tree is whole."""
    every = {t["slug"]: t for t in queries.list_topics(conn)}
    counts: dict[str, int] = {}
    for record in records:
        counts[record["topic"]] = counts.get(record["topic"], 0) + 1
    wanted: set[str] = set()
    for slug in counts:
        while slug and slug in every and slug not in wanted:
            wanted.add(slug)
            slug = every[slug]["parent"]
    return [{**every[s], "records": counts.get(s, 0)} for s in sorted(wanted)]


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
    snap = collect(conn, actors=actors, topic=topic, first=first, last=last, known_at=known_at,
                   title=title, now=now)
    if fmt == "timelinejs":
        text = to_timelinejs(snap, group_by=group_by)
    elif fmt == "html":
        from timeline.html_export import to_html

        text = to_html(snap)
    else:
        text = RENDERERS[fmt](snap)
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


def check_target(path: str) -> Path:
    """The output file, if it can be written: its folder must exist (nothing is created)."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise InputError(f"{path} is a directory; give a file name to export to")
    if not target.parent.is_dir():
        raise InputError(f"cannot write {path}: there is no directory {target.parent}")
    return target


def write_atomically(target: Path, text: str) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename over it."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        os.chmod(temporary, _file_mode(target))
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise InputError(f"cannot write {target}: {error.strerror or error}") from None
        raise


def _file_mode(target: Path) -> int:
    """Keep the mode of the file replaced; a new file gets what open() would give it."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# -- helpers shared by the formats ---------------------------------------------------------------


def human_date(text: str) -> str:
    """'2025-05-15' → '15 May 2025', '2025-05' → 'May 2025', '2024' → '2024'."""
    when = PartialDate.parse(text)
    if when.month is None:
        return str(when.year)
    if when.day is None:
        return f"{MONTHS[when.month - 1]} {when.year}"
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}"


def safe_url(url: str | None) -> str | None:
    """The link if it is a web or mail address; anything else (javascript:, data:…) is not a link."""
    if url and url.strip().lower().startswith(("http://", "https://", "mailto:")):
        return url.strip()
    return None


def _json(data: Any, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


# -- formats -------------------------------------------------------------------------------------


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
                _json(r["extra"], indent=None) if r["extra"] else "",
            )
        ])
    return "\ufeff" + out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula: one starting like a formula
    gets a leading apostrophe (CSV import removes it again, so the round trip holds)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# Characters that start inline markup anywhere in a line (our text never begins a line).
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]~|"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"})


def md_text(text: str | None) -> str:
    """Plain text made safe inside a Markdown paragraph: no markup, no HTML, one line."""
    return " ".join((text or "").split()).translate(_MD_SPECIAL)


def _md_link(text: str, url: str | None) -> str:
    link = safe_url(url)
    if not link:
        return md_text(text)
    target = link.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return f"[{md_text(text)}]({target})"


def to_md(snap: Snapshot) -> str:
    """A Markdown article aid: changes of position first, then one section per actor."""
    out = [f"# {md_text(snap.heading)}", "", f"_{md_text(snap.scope())}_", ""]
    out += ["## Changes of position", ""]
    if not snap.changes:
        out.append("No change of position in this selection.")
    for c in snap.changes:
        grade = "U-turn" if c["grade"] == "full" else "shift"
        out.append(f"- **{md_text(human_date(c['date']))}**, {md_text(c['actor'])} on {md_text(c['topic'])}: "
                   f"{c['from']} → **{c['to']}** ({grade}; record `{c['record_id'].replace('`', '')}`)")
    out.append("")
    for actor in snap.actors:
        out += [f"## {md_text(actor['name'])}", ""]
        facts = [actor["kind"]]
        if actor["aliases"]:
            facts.append("also " + ", ".join(actor["aliases"]))
        facts += [f"{role['role']} ({role['on']})" if role["on"] else role["role"] for role in actor["roles"]]
        out += [f"_{md_text('; '.join(facts))}_", ""]
        mine = [r for r in snap.records if r["actor"] == actor["name"]]
        if not mine:
            out += ["No records in this selection.", ""]
        for r in mine:
            when = human_date(r["date"]) + ("" if r["precision"] == "day" else f" ({r['precision']})")
            bullet = f"- **{md_text(when)}** · {md_text(r['topic'])} · {r['kind']} · **{r['stance']}**: {md_text(r['summary'])}"
            # Quote and source on a second line of the same item (a backslash is a hard line break).
            second = [f"*“{md_text(r['quote'])}”*"] if r["quote"] else []
            if r["source"] or r["source_url"]:
                second.append(f"Source: {_md_link(r['source'] or r['source_url'], r['source_url'])}")
            out.append(bullet + ("\\" if second else ""))
            if second:
                out.append("  " + " — ".join(second))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _html(text: str | None, *, attribute: bool = False) -> str:
    from html import escape

    return escape(text or "", quote=attribute).replace("\n", "<br>")


def to_timelinejs(snap: Snapshot, *, group_by: str = "actor") -> str:
    """Knight Lab TimelineJS3 JSON; text fields are HTML, so every value from the data is escaped."""
    events = []
    for r in snap.records:
        when = PartialDate.parse(r["date"])
        start = {"year": when.year}
        if when.month is not None:
            start["month"] = when.month
        if when.day is not None:
            start["day"] = when.day
        body = [f"<p><strong>{_html(r['actor'])}</strong> · {_html(r['kind'])} · {_html(r['stance'])} · {_html(r['topic'])}</p>"]
        if r["quote"]:
            body.append(f"<blockquote>“{_html(r['quote'])}”</blockquote>")
        if r["source"] or r["source_url"]:
            link = safe_url(r["source_url"])
            label = _html(r["source"] or r["source_url"])
            body.append(f"<p>Source: <a href=\"{_html(link, attribute=True)}\">{label}</a></p>" if link else f"<p>Source: {label}</p>")
        events.append({
            "start_date": start,
            "display_date": human_date(r["date"]),
            "text": {"headline": _html(r["summary"]), "text": "".join(body)},
            "group": r["actor"] if group_by == "actor" else r["topic"],
            "unique_id": r["id"],
        })
    title = {"text": {"headline": _html(snap.heading), "text": f"<p>{_html(snap.scope())}</p>"}}
    return _json({"title": title, "events": events}) + "\n"


def to_ics(snap: Snapshot) -> str:
    """An RFC 5545 calendar: one all-day event per record known to the day (others are noted)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//timeline//policy positions export//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", snap.heading)
    skipped = 0
    for r in snap.records:
        if r["precision"] != "day":
            skipped += 1
            continue
        day = PartialDate.parse(r["date"]).start
        event = Event()
        event.add("uid", f"{r['id']}@timeline")
        event.add("dtstamp", snap.exported_at.astimezone(UTC))
        event.add("created", datetime.fromisoformat(r["recorded_at"]))
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"{r['actor']} ({r['stance']}): {' '.join(r['summary'].split())}")
        lines = [r["summary"], "", f"{r['kind']} · {r['stance']} · {r['topic']}"]
        if r["quote"]:
            lines += ["", f"“{r['quote']}”"]
        if r["source"] or r["source_url"]:
            lines += ["", "Source: " + " ".join(x for x in (r["source"], r["source_url"]) if x)]
        event.add("description", "\n".join(lines))
        event.add("categories", [r["topic"], r["kind"], r["stance"]])
        if safe_url(r["source_url"]):
            event.add("url", safe_url(r["source_url"]))
        cal.add_component(event)
    if skipped:
        snap.notes.append(f"left out {skipped} record{'s' * (skipped != 1)} known only to the month or year "
                          "(a calendar event needs a day)")
    return cal.to_ical().decode("utf-8")


RENDERERS = {"json": to_json, "jsonl": to_jsonl, "csv": to_csv, "md": to_md, "ics": to_ics}

__all__ = ["FORMATS", "Snapshot", "check_format", "collect", "export", "to_csv", "to_ics", "to_json",
           "to_jsonl", "to_md", "to_timelinejs"]
