"""One export's selection, made once from the read model (`collect`), and helpers every format shares.

A selection has the same rules as `show`: records overlapping [first, last], on a topic and its
sub-topics, as they stood at record time `known_at`, retracted ones left out, corrected ones in
their current state. Every format then renders that snapshot. The importable formats (json, jsonl,
csv) ask for the retracted ones too (`retracted=True`): `Snapshot.with_retracted`, each marked
`status: "retracted"` with its `retracted_reason`, so that an import reproduces them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from events.dates import PartialDate
from timeline import queries

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
    # Identity the importable formats carry besides: merged actors (their records answer under the
    # survivor), record id → its own actor's name where that differs, offices with their terms.
    merged: list[dict[str, Any]] = field(default_factory=list)
    own_actor: dict[str, str] = field(default_factory=dict)
    offices: list[dict[str, Any]] = field(default_factory=list)
    # Every record in timeline order, the retracted ones (as known at `known_at`) too, when asked for;
    # otherwise `records`. `record_order` then names them all.
    with_retracted: list[dict[str, Any]] = field(default_factory=list)

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
    retracted: bool = False,
) -> Snapshot:
    """Select the records to export; DomainError for an unknown or ambiguous actor or topic.

    Names, merges, aliases and the topic tree are taken as they stood at `known_at` (an actor named
    by an office: its holder on the last day asked for, else today). `retracted`: the retracted
    records too, in `with_retracted` (never in `records`, `actors`' counts or `changes`)."""
    refs: list[queries.ActorRef] = []
    for text in actors:
        ref = queries.resolve_actor(conn, text, on=last, known_at=known_at)
        if ref.uuid not in [r.uuid for r in refs]:
            refs.append(ref)
    slug = queries.resolve_topic(conn, topic, known_at=known_at) if topic else None
    every_row = queries.select_records(
        conn,
        actor_uuids=[u for r in refs for u in r.uuids] if refs else None,
        topics=queries.subtree(conn, slug, known_at=known_at) if slug else None,
        known_at=known_at,
        overlapping=(first, last),
        include_retracted=retracted,
    )
    rows = [row for row in every_row if row["status"] != "retracted"] if retracted else every_row
    listed = queries.list_actors(conn, known_at=known_at, with_uuid=True)
    own = {item["uuid"]: item["name"] for item in listed}
    survivors = queries.refs_at(conn, [row["actor_uuid"] for row in every_row], known_at)
    name_of = {u: ref.name for ref in survivors for u in ref.uuids}
    reasons = _retraction_reasons(conn, [row["uuid"] for row in every_row if row["status"] == "retracted"], known_at)
    with_retracted = [{**queries.record_json(row, name_of.get(row["actor_uuid"], "?")),
                       **({"retracted_reason": reasons.get(row["uuid"])} if row["status"] == "retracted" else {})}
                      for row in every_row]
    records = [record for record in with_retracted if record["status"] != "retracted"]
    active_actors = {row["actor_uuid"] for row in rows}
    survivors = [ref for ref in survivors if not active_actors.isdisjoint(ref.uuids)]  # changes: active records only
    # The data formats (importable) name each record's own actor, merged or not; see own_actor.
    own_actor = {row["id"]: own[row["actor_uuid"]] for row in every_row
                 if own.get(row["actor_uuid"]) not in (None, name_of.get(row["actor_uuid"]))}
    record_order = [row["id"] for row in sorted(every_row, key=lambda row: row["seq"])]
    counts: dict[str, int] = {}
    for record in records:
        counts[record["actor"]] = counts.get(record["actor"], 0) + 1
    by_name = {a["name"]: a for a in listed}
    # A whole-store export names every actor and topic, those without records too (a round trip loses nothing).
    whole = not refs and slug is None and first is None and last is None
    if refs:
        chosen = [r.name for r in refs]
    else:
        chosen = [a["name"] for a in listed if not a["merged_into"] and (a["name"] in counts or whole)]
    actor_list = [{**_public(by_name[name]), "records": counts.get(name, 0)} for name in chosen]
    used = set(own_actor.values())
    own_counts: dict[str, int] = {}
    for name in own_actor.values():
        own_counts[name] = own_counts.get(name, 0) + 1
    merged = [{**_public(a), "records": own_counts.get(a["name"], 0)} for a in listed
              if a["merged_into"] and (whole or a["name"] in used)]
    ids = {record["id"] for record in records}
    found_changes: list[dict[str, Any]] = []
    for ref in (refs or [r for r in survivors if r.name in chosen]):
        for change in queries.changes(conn, ref, topic=slug, known_at=known_at):
            if change["record_id"] in ids:
                found_changes.append({**change, "actor": ref.name})
    found_changes.sort(key=change_order)
    every_topic = queries.list_topics(conn, known_at=known_at)
    return Snapshot(
        exported_at=now or datetime.now(UTC),
        known_at=known_at,
        records=records,
        actors=actor_list,
        topics=_topics_of(every_topic, records, whole=whole, also=with_retracted),
        changes=found_changes,
        record_order=record_order,
        topic=slug,
        first=first,
        last=last,
        title=title,
        merged=merged,
        own_actor=own_actor,
        offices=queries.list_offices(conn, known_at=known_at) if whole else [],
        with_retracted=with_retracted,
        # an office name exports its holder's records: say whose (the holder on the last day asked for)
        notes=[f"exporting the records of {queries.via_notice(ref)}" for ref in refs if ref.via],
    )


def _retraction_reasons(conn: sqlite3.Connection, uuids: list[str], known_at: datetime | None) -> dict[str, str]:
    """uuid → the reason of its retraction (the `versions` row of the Retracted event, recorded by `known_at`)."""
    from timeline.dates import utc_iso

    found: dict[str, str] = {}
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        sql = f"SELECT uuid, reason FROM versions WHERE event = 'Retracted' AND uuid IN ({','.join('?' * len(chunk))})"
        args = list(chunk)
        if known_at is not None:
            sql += " AND changed_at <= ?"
            args.append(utc_iso(known_at))
        found.update(conn.execute(sql, args).fetchall())
    return found


def _public(actor: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in actor.items() if k != "uuid"}


def _topics_of(every_topic: list[dict[str, Any]], records: list[dict[str, Any]], *, whole: bool,
               also: list[dict[str, Any]] = ()) -> list[dict[str, Any]]:  # type: ignore[assignment]
    """The topics the records (and the records `also`: retracted ones) are on, with their ancestors
    so the tree is whole (every topic for a whole-store export), each with how many of the records
    are on it."""
    every = {t["slug"]: t for t in every_topic}
    counts: dict[str, int] = {}
    for record in records:
        counts[record["topic"]] = counts.get(record["topic"], 0) + 1
    wanted: set[str] = set(every) if whole else set()
    for slug in [*counts, *(record["topic"] for record in also)]:
        while slug and slug in every and slug not in wanted:
            wanted.add(slug)
            slug = every[slug]["parent"]
    return [{**every[s], "records": counts.get(s, 0)} for s in sorted(wanted)]


def human_date(text: str) -> str:
    """'2025-05-15' → '15 May 2025', '2025-05' → 'May 2025', '2024' → '2024'; a range by its bounds
    ('2024-34' → 'between 1 April 2024 and 30 June 2024', '../2024-06' → 'by 30 June 2024');
    a qualifier stays visible ('May 2025 (approximate)')."""
    when = PartialDate.parse(text)
    notes = {"?": " (uncertain)", "~": " (approximate)", "%": " (uncertain, approximate)"}
    note = notes.get(when.qualifier, "")
    if when.year is None:  # a range
        if when.start is None:
            return f"by {_day(when.end)}{note}"
        if when.end is None:
            return f"from {_day(when.start)} on{note}"
        return f"between {_day(when.start)} and {_day(when.end)}{note}"
    if when.month is None:
        return f"{when.year}{note}"
    if when.day is None:
        return f"{MONTHS[when.month - 1]} {when.year}{note}"
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}{note}"


# A level-0 qualifier in words (docs/time.md): `2020-05-03%` is uncertain and approximate.
QUALIFIED = {"?": "uncertain", "~": "approximate", "%": "uncertain and approximate"}


def date_words(text: str) -> str:
    """A record's date for a reader, no more precise or certain than its EDTF text: `human_date`, and
    for a qualified date or a range the EDTF text itself ('3 May 2020 (uncertain, approximate; EDTF
    2020-05-03%)', 'between 1 March 2024 and 31 May 2024 (EDTF 2024-21)'); a plain day, month or year
    as it reads ('May 2020'); a qualifier inside a range is said too ('uncertain in part')."""
    words = human_date(text)
    when = PartialDate.parse(text)
    if when.precision.value != "range" and not when.qualifier:
        return words
    inner = [] if when.qualifier else [QUALIFIED[q] + " in part" for q in "%?~" if q in text][:1]
    note = "; ".join([*inner, f"EDTF {text}"])
    return f"{words[:-1]}; {note})" if words.endswith(")") else f"{words} ({note})"


def open_ended(text: str) -> bool:
    """A date whose period never ends (`2024-07/..`, `2024-07/`): a record so dated is never definite,
    so the step of position it makes is in force on no day (docs/time.md, Position and changes)."""
    return PartialDate.parse(text).end is None


def _day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def change_order(change: dict[str, Any]) -> tuple[str, str]:
    """Changes in date order: by the later record's period end (as position orders them), then actor."""
    end = PartialDate.parse(change["date"]).end
    return (end.isoformat() if end else "9999-99-99", change["actor"])


def safe_url(url: str | None) -> str | None:
    """The link if it is a web or mail address; anything else (javascript:, data:…) is not a link."""
    if url and url.strip().lower().startswith(("http://", "https://", "mailto:")):
        return url.strip()
    return None
