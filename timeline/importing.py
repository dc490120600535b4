"""Bulk import of JSON Lines or CSV (DESIGN.md §6): validate everything, then append in batches.

1. Parse and validate every line; any error → all errors listed with line numbers, nothing written.
2. Plan against the caught-up read model: which actors and topics are new, which lines are
   unchanged (same id, same content), which conflict (same id, other content).
3. Save in batches (many aggregates per save, one transaction each). A batch that loses a race
   with a concurrent importer is re-planned, so importing stays idempotent under concurrency.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from events import Actor, PartialDate, Record, Topic, actor_id, record_uuid
from events.records import check_fields, check_record_id
from events.text import check_name, check_slug, normalise
from events.vocabulary import ActorKind
from timeline import queries
from timeline.dates import parse_date
from timeline.errors import DomainError, InputError, TimelineError
from timeline.service import CONTENDED, RETRY_SECONDS, Timeline, attempts, free_record_id

REQUIRED = ("actor", "topic", "kind", "stance", "date", "summary")
KNOWN = set(REQUIRED) | {
    "id", "date_precision", "precision", "actor_aliases", "actor_kind", "role", "quote", "source",
    "source_url", "relative_to", "extra", "recorded_at", "status", "topic_title", "topic_parent",
}
BATCH = 5000
MAX_ERRORS_SHOWN = 20


@dataclass
class Line:
    number: int
    actor: str
    fields: dict[str, Any]  # validated record fields: topic, kind, stance, date, summary, …
    record_id: str | None = None
    aliases: list[str] = field(default_factory=list)
    actor_kind: str | None = None
    role: str | None = None
    topic_title: str | None = None
    topic_parents: list[str] = field(default_factory=list)  # ancestors of a new topic, root first


@dataclass
class Summary:
    added: int = 0
    unchanged: int = 0
    updated: int = 0
    actors_created: list[str] = field(default_factory=list)
    topics_created: list[str] = field(default_factory=list)
    aliases_added: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added, "unchanged": self.unchanged, "updated": self.updated,
            "actors_created": self.actors_created, "topics_created": self.topics_created,
            "aliases_added": self.aliases_added,
        }


# -- reading -------------------------------------------------------------------------------------


def read_rows(data: bytes, name: str = "-") -> list[tuple[int, Any]]:
    """Split a JSON Lines or CSV file into (line number, parsed row); InputError on a broken file."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name} looks like a binary file, not JSON Lines or CSV")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{name} is not UTF-8 text (byte {error.start} cannot be decoded)") from None
    stripped = text.lstrip()
    if not stripped:
        return []
    if name.lower().endswith(".csv") or (not name.lower().endswith((".jsonl", ".json", ".ndjson")) and not stripped.startswith(("{", "["))):
        return _csv_rows(text)
    rows: list[tuple[int, Any]] = []
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as error:
            errors.append(f"line {number}: not valid JSON ({error.msg} at column {error.colno})")
    if errors:
        raise InputError(_errors_sentence(errors))
    return rows


def _csv_rows(text: str) -> list[tuple[int, Any]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or not set(REQUIRED) & {f.strip() for f in reader.fieldnames if f}:
        raise InputError("the file is neither JSON Lines nor CSV with a header row naming actor, topic, kind, stance, date, summary")
    rows = []
    for row in reader:
        clean = {k.strip(): v for k, v in row.items() if k is not None}
        if None in row:
            clean["__overflow__"] = row[None]
        if "actor_aliases" in clean and isinstance(clean["actor_aliases"], str):
            clean["actor_aliases"] = [a.strip() for a in clean["actor_aliases"].split(";") if a.strip()]
        if "extra" in clean and isinstance(clean["extra"], str):
            try:
                clean["extra"] = json.loads(clean["extra"]) if clean["extra"].strip() else {}
            except json.JSONDecodeError:
                pass
        clean = {k: (None if v == "" else v) for k, v in clean.items()}
        rows.append((reader.line_num, clean))
    return rows


def _errors_sentence(errors: list[str]) -> str:
    shown = errors[:MAX_ERRORS_SHOWN]
    more = f"\n… and {len(errors) - len(shown)} more" if len(errors) > len(shown) else ""
    head = f"nothing imported: {len(errors)} invalid line{'s' if len(errors) != 1 else ''}"
    return head + "\n" + "\n".join(shown) + more


# -- validating ----------------------------------------------------------------------------------


def validate(rows: list[tuple[int, Any]], *, today: date | None = None) -> list[Line]:
    """Validate every row; InputError listing every problem (with its line number) if any."""
    lines: list[Line] = []
    errors: list[str] = []
    seen_ids: dict[str, int] = {}
    for number, row in rows:
        try:
            line = _validate_row(number, row, today=today)
        except ValueError as error:
            errors.append(f"line {number}: {error}")
            continue
        if line.record_id is not None:
            first = seen_ids.setdefault(line.record_id, number)
            if first != number:
                errors.append(f"line {number}: the id {line.record_id!r} is already used on line {first}")
                continue
        lines.append(line)
    if errors:
        raise InputError(_errors_sentence(errors))
    return lines


def _validate_row(number: int, row: Any, *, today: date | None) -> Line:
    if not isinstance(row, dict):
        raise ValueError(f"expected an object with {', '.join(REQUIRED)}, got {type(row).__name__ if row is not None else 'null'}")
    if "__overflow__" in row:
        raise ValueError("more values than columns in the header")
    missing = [key for key in REQUIRED if row.get(key) in (None, "")]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    for key in ("actor", "topic", "kind", "stance", "date", "summary"):
        if not isinstance(row[key], str):
            raise ValueError(f"{key} must be text")
    relative_to = None
    if row.get("relative_to"):
        relative_to = _iso_or_natural(row["relative_to"], "relative_to", today=today).start
    when = _iso_or_natural(row["date"], "date", relative_to=relative_to, today=today)
    precision = row.get("date_precision") or row.get("precision")
    if precision:
        when = _with_precision(when, precision)
    extra = {key: value for key, value in row.items() if key not in KNOWN}
    if row.get("extra") is not None:
        if not isinstance(row["extra"], dict):
            raise ValueError("extra must be an object")
        extra = {**row["extra"], **extra}
    fields = check_fields(dict(
        topic=row["topic"], kind=row["kind"], stance=row["stance"], date=when, summary=row["summary"],
        quote=row.get("quote"), source=row.get("source"), source_url=row.get("source_url"), extra=extra,
    ))
    aliases = row.get("actor_aliases") or []
    if isinstance(aliases, str):
        aliases = [a.strip() for a in aliases.split(";") if a.strip()]
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValueError("actor_aliases must be a list of names")
    actor_kind = row.get("actor_kind")
    if actor_kind is not None:
        try:
            actor_kind = ActorKind(str(actor_kind).strip().lower()).value
        except ValueError:
            raise ValueError("actor_kind must be person or organisation") from None
    role = row.get("role")
    parents = row.get("topic_parent") or ""
    if not isinstance(parents, str):
        raise ValueError("topic_parent must be a topic slug, or a path of slugs like migration/offshoring")
    parents = [check_slug(p) for p in parents.split("/") if p.strip()]
    if fields["topic"] in parents:
        raise ValueError(f"topic {fields['topic']!r} cannot be its own parent")
    return Line(
        number=number,
        actor=check_name(row["actor"], "actor"),
        fields=fields,
        record_id=check_record_id(str(row["id"])) if row.get("id") not in (None, "") else None,
        aliases=[check_name(a, "alias") for a in aliases],
        actor_kind=actor_kind,
        role=check_name(role, "role") if role else None,
        topic_title=check_name(row["topic_title"], "topic_title") if row.get("topic_title") else None,
        topic_parents=parents,
    )


def _iso_or_natural(text: str, what: str, *, relative_to: date | None = None, today: date | None = None) -> PartialDate:
    try:
        return parse_date(text, relative_to=relative_to, today=today).value
    except InputError as error:
        raise ValueError(f"{what}: {error}") from None


def _with_precision(when: PartialDate, precision: str) -> PartialDate:
    precision = str(precision).strip().lower()
    order = {"day": 0, "month": 1, "year": 2}
    if precision not in order:
        raise ValueError(f"date_precision {precision!r} must be day, month or year")
    if order[precision] < order[when.precision.value]:
        raise ValueError(f"date {when} is not precise to the {precision}")
    return PartialDate.of(when.start, precision)


# -- planning and saving -------------------------------------------------------------------------


def content_of(fields: dict[str, Any], owner: str) -> dict[str, Any]:
    """The comparable content of a record: what makes a re-imported line 'the same'."""
    return {
        "actor_uuid": owner, "topic": fields["topic"], "kind": fields["kind"], "stance": fields["stance"],
        "date": str(fields["date"]), "summary": fields["summary"], "quote": fields["quote"],
        "source": fields["source"], "source_url": fields["source_url"],
        "extra": json.dumps(fields["extra"], ensure_ascii=False, sort_keys=True),
    }


def stored_content(row: Any) -> dict[str, Any]:
    return {key: row[key] for key in ("actor_uuid", "topic", "kind", "stance", "date", "summary", "quote", "source", "source_url", "extra")}


def import_lines(
    timeline: Timeline,
    lines: list[Line],
    *,
    update: bool = False,
    reason: str = "updated by import",
    progress: Any = None,
    batch_size: int | None = None,
) -> Summary:
    """Append the validated lines; returns what was added, unchanged and updated.

    Each batch (`batch_size`, default $TIMELINE_IMPORT_BATCH or 5000 records) is one transaction:
    a crash leaves whole batches only, and re-running the import completes it without duplicates.
    """
    size = batch_size or int(os.environ.get("TIMELINE_IMPORT_BATCH") or BATCH)
    summary = Summary()
    conn = timeline.writer()
    _check_whole_file(conn, lines, update=update)
    owners: dict[str, str] = {}  # normalised actor name → actor uuid, valid while we are the only writer
    for start in range(0, len(lines), size):
        batch = lines[start : start + size]
        for _ in attempts():
            try:
                _import_batch(timeline, conn, batch, summary, owners, update=update, reason=reason)
                break
            except IntegrityError:
                owners.clear()
                conn = timeline.catch_up()
        else:
            raise DomainError(CONTENDED.format(RETRY_SECONDS) + " (whole batches already saved stay; re-run to finish)")
        if progress:
            progress(len(batch))
    timeline.catch_up()
    return summary


def _owner(conn: Any, line: Line) -> str:
    found = queries.match_actor(conn, line.actor)
    if len(found) > 1:
        raise DomainError(f"line {line.number}: {queries.ambiguity(line.actor, found)}")
    return found[0].uuid if found else actor_id(line.actor).hex


def _check_whole_file(conn: Any, lines: list[Line], *, update: bool) -> None:
    """Refuse before writing anything: ambiguous actors, and conflicts unless --update."""
    problems: list[str] = []
    owners: dict[str, str] = {}
    for line in lines:
        key = normalise(line.actor)
        if key not in owners:
            try:
                owners[key] = _owner(conn, line)
            except DomainError as error:
                problems.append(str(error))
                owners[key] = ""
    existing = queries.records_by_id(conn, [line.record_id for line in lines if line.record_id])
    for line in lines:
        row = existing.get(line.record_id) if line.record_id else None
        if row is None or not owners[normalise(line.actor)]:
            continue
        stored = stored_content(row)
        content = content_of(line.fields, owners[normalise(line.actor)])
        if stored == content:
            continue
        if row["status"] == "retracted":
            problems.append(f"line {line.number}: record {line.record_id} is retracted and cannot be changed")
        elif not update:
            diff = ", ".join(k.replace("actor_uuid", "actor") for k, v in content.items() if stored[k] != v)
            problems.append(f"line {line.number}: record {line.record_id} differs from the stored one ({diff})")
    if problems:
        hint = " (use --update to append corrections)" if any("differs" in p for p in problems) else ""
        raise DomainError(
            f"nothing imported: {len(problems)} line(s) cannot be applied{hint}\n"
            + "\n".join(problems[:MAX_ERRORS_SHOWN])
            + (f"\n… and {len(problems) - MAX_ERRORS_SHOWN} more" if len(problems) > MAX_ERRORS_SHOWN else "")
        )


def _import_batch(
    timeline: Timeline, conn: Any, batch: list[Line], summary: Summary, owners: dict[str, str], *, update: bool, reason: str
) -> None:
    """Plan one batch against the view and save it in one transaction (IntegrityError if raced)."""
    app = timeline.app()
    aggregates: dict[UUID, Any] = {}
    created_actors: list[str] = []
    created_topics: list[str] = []
    aliases_added = 0
    new_owners: dict[str, str] = {}

    def actor_for(line: Line) -> str:
        nonlocal aliases_added
        key = normalise(line.actor)
        uuid = owners.get(key) or new_owners.get(key)
        if uuid is None:
            found = queries.match_actor(conn, line.actor)
            if len(found) > 1:
                raise DomainError(f"line {line.number}: {queries.ambiguity(line.actor, found)}")
            if found:
                uuid = found[0].uuid
            else:
                actor = Actor.register(line.actor, line.actor_kind or "person")
                aggregates[actor.id] = actor
                created_actors.append(actor.name)
                uuid = actor.id.hex
            new_owners[key] = uuid
        if line.aliases or line.role:
            actor = aggregates.get(UUID(uuid)) or app.repository.get(UUID(uuid))
            aggregates[actor.id] = actor
            for alias in line.aliases:
                aliases_added += actor.add_alias(alias)
            if line.role:
                actor.record_role(line.role, line.fields["date"])
        return uuid

    topics_seen: set[str] = set()
    plan: list[tuple[Line, str, str | None]] = []  # (line, owner uuid, existing id or None)
    ids = [line.record_id for line in batch if line.record_id]
    existing = queries.records_by_id(conn, ids)
    conflicts: list[str] = []
    taken: set[str] = set()
    new_records: list[Any] = []
    added = unchanged = updated = 0
    for line in batch:
        owner = actor_for(line)
        slug = line.fields["topic"]
        if slug not in topics_seen:
            # A new topic is created under its given parents (creating missing ancestors, root
            # first); an existing topic is left where it is.
            parent = None
            for step, title in [*((p, None) for p in line.topic_parents), (slug, line.topic_title)]:
                if step not in topics_seen and not queries.topic_exists(conn, step):
                    topic = Topic.register(step, title, parent)
                    aggregates[topic.id] = topic
                    created_topics.append(step)
                topics_seen.add(step)
                parent = step
        row = existing.get(line.record_id) if line.record_id else None
        content = content_of(line.fields, owner) if row is not None or not line.record_id else None
        if line.record_id:
            if row is None:
                rid = line.record_id
            elif stored_content(row) == content:
                unchanged += 1
                continue
            elif not update:
                diff = [k for k, v in content.items() if stored_content(row)[k] != v]
                conflicts.append(f"line {line.number}: record {line.record_id} differs from the stored one ({', '.join(diff)})")
                continue
            else:
                record = app.repository.get(record_uuid(line.record_id))
                changes = {k: v for k, v in line.fields.items()}
                changes["actor_id"] = UUID(owner)
                if record.retracted:
                    conflicts.append(f"line {line.number}: record {line.record_id} is retracted and cannot be updated")
                    continue
                record.correct(changes, reason)
                aggregates[record.id] = record
                updated += 1
                continue
        else:
            base = f"{line.fields['date']}-{_slug_of(conn, owner, line.actor)}-{line.fields['kind']}"
            same = _same_content_in_family(conn, base, content)
            if same:
                unchanged += 1
                continue
            rid = free_record_id(conn, base, taken)
        taken.add(rid)
        new_records.append(Record.made_event(record_id=rid, actor_id=UUID(owner), fields=line.fields))
        added += 1
    if conflicts:
        raise DomainError(
            f"nothing imported from this batch: {len(conflicts)} line(s) conflict with stored records "
            "(use --update to append corrections)\n" + "\n".join(conflicts[:MAX_ERRORS_SHOWN])
        )
    timeline.save(*aggregates.values(), *new_records)
    owners.update(new_owners)
    summary.added += added
    summary.unchanged += unchanged
    summary.updated += updated
    summary.actors_created += created_actors
    summary.topics_created += created_topics
    summary.aliases_added += aliases_added


def _slug_of(conn: Any, owner: str, fallback: str) -> str:
    from events import slugify

    row = conn.execute("SELECT name FROM actors WHERE uuid=?", (owner,)).fetchone()
    return slugify(row[0] if row else fallback)


def _same_content_in_family(conn: Any, base: str, content: dict[str, Any]) -> bool:
    return any(stored_content(row) == content for row in queries.id_family(conn, base))


def import_file(timeline: Timeline, data: bytes, name: str, *, update: bool = False, progress: Any = None) -> Summary:
    """Read, validate and import a whole file (the `timeline import` command)."""
    lines = validate(read_rows(data, name))
    return import_lines(timeline, lines, update=update, progress=progress)


__all__ = ["Line", "Summary", "TimelineError", "import_file", "import_lines", "read_rows", "validate"]
