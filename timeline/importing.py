"""Bulk import of JSON Lines or CSV (DESIGN.md §6): validate everything, then append in batches.

1. Parse and validate every line; any error → all errors listed with line numbers, nothing written.
2. Plan against the caught-up read model: which actors and topics are new, which lines are
   unchanged (same id, same content), which conflict (same id, other content).
3. Save in batches (many aggregates per save, one transaction each). A batch that loses a race
   with a concurrent importer is re-planned, so importing stays idempotent under concurrency.
"""

from __future__ import annotations

import bisect
import csv
import functools
import io
import json
import os
import pickle
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from events import Actor, PartialDate, Record, Topic, actor_id, record_uuid
from events.records import check_fields, check_record_id
from events.text import check_name, check_slug, normalise
from events.vocabulary import ActorKind
from timeline import queries
from timeline.dates import parse_date
from timeline.errors import DomainError, InputError
from timeline.service import Timeline, free_record_id

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

    def add(self, other: Summary) -> None:
        self.added += other.added
        self.unchanged += other.unchanged
        self.updated += other.updated
        self.actors_created += other.actors_created
        self.topics_created += other.topics_created
        self.aliases_added += other.aliases_added

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added, "unchanged": self.unchanged, "updated": self.updated,
            "actors_created": self.actors_created, "topics_created": self.topics_created,
            "aliases_added": self.aliases_added,
        }


# -- reading -------------------------------------------------------------------------------------


class Unparsable:
    """A line that is not JSON: validation reports it with the other errors."""

    def __init__(self, message: str) -> None:
        self.message = message


def read_rows(data: bytes, name: str = "-") -> list[tuple[int, Any]]:
    """All rows of a small in-memory file (seeds, tests); InputError on a broken file or line."""
    rows = list(iter_rows(io.BufferedReader(io.BytesIO(data)), name))
    errors = [f"line {number}: {row.message}" for number, row in rows if isinstance(row, Unparsable)]
    if errors:
        raise InputError(_errors_sentence(errors))
    return rows


def iter_rows(stream: io.BufferedReader, name: str = "-") -> Iterator[tuple[int, Any]]:
    """Stream a JSON Lines or CSV file as (line number, parsed row or Unparsable), in constant memory.

    The format is the file's suffix (.csv, or .jsonl/.json/.ndjson), else JSON Lines when the
    first character is `{` or `[`, else CSV. A file with NUL bytes is refused as binary.
    """
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)  # e.g. a BytesIO standing in for standard input
    head = stream.peek(8192)[:8192]
    if b"\x00" in head:
        raise InputError(f"{name} looks like a binary file, not JSON Lines or CSV")
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
    lower = name.lower()
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    as_csv = lower.endswith(".csv") or (not lower.endswith((".jsonl", ".json", ".ndjson")) and first not in (b"{", b"["))
    number = 0
    try:
        if as_csv:
            if not first:
                return
            yield from _csv_rows(text)
            return
        for number, line in enumerate(text, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                yield number, Unparsable(f"not valid JSON ({error.msg} at column {error.colno})")
    except UnicodeDecodeError:
        where = f" (near line {number + 1})" if number else ""
        raise InputError(f"{name} is not UTF-8 text{where}") from None


def _csv_rows(text: io.TextIOWrapper) -> Iterator[tuple[int, Any]]:
    reader = csv.DictReader(text)
    if not reader.fieldnames or not set(REQUIRED) & {f.strip() for f in reader.fieldnames if f}:
        raise InputError("the file is neither JSON Lines nor CSV with a header row naming actor, topic, kind, stance, date, summary")
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
        clean = {k: (None if v == "" else _unguard(v)) for k, v in clean.items()}
        yield reader.line_num, clean


_GUARDED = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def _unguard(value: Any) -> Any:
    """Undo the csv export's guard against spreadsheet formulas (a leading apostrophe)."""
    return value[1:] if isinstance(value, str) and value.startswith(_GUARDED) else value


def _errors_sentence(errors: list[str], total: int | None = None) -> str:
    total = len(errors) if total is None else total
    shown = errors[:MAX_ERRORS_SHOWN]
    more = f"\n… and {total - len(shown)} more" if total > len(shown) else ""
    head = f"nothing imported: {total} invalid line{'s' if total != 1 else ''}"
    return head + "\n" + "\n".join(shown) + more


# -- validating ----------------------------------------------------------------------------------


def validate(rows: Iterable[tuple[int, Any]], *, today: date | None = None) -> list[Line]:
    """Validate every row into memory (small files); InputError listing every problem if any."""
    return [line for batch in spool(rows, today=today).batches() for line in batch]


class ExplicitIds:
    """The ids a file gives explicitly, as a sorted array of hashes (8 bytes an id): a readable id
    made for a line without one must not take an id that a later line names."""

    def __init__(self, hashes: Iterable[int] = ()) -> None:
        self._hashes = array("q", sorted(hashes))

    def __contains__(self, record_id: str) -> bool:
        h = hash(record_id)
        i = bisect.bisect_left(self._hashes, h)
        return i < len(self._hashes) and self._hashes[i] == h  # a rare false positive only skips a suffix


class Spool:
    """Validated lines, pickled batch by batch into a temporary file: a file of any size is
    validated whole before anything is written, in bounded memory."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.count = 0
        self.explicit = ExplicitIds()
        self._file = tempfile.TemporaryFile(prefix="timeline-import-")
        self._offsets: list[int] = []

    def write(self, batch: list[Line]) -> None:
        self._offsets.append(self._file.tell())
        pickle.dump(batch, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += len(batch)

    def batches(self) -> Iterator[list[Line]]:
        for offset in self._offsets:
            self._file.seek(offset)
            yield pickle.load(self._file)  # noqa: S301 - our own file, written just now

    def close(self) -> None:
        self._file.close()


def spool(rows: Iterable[tuple[int, Any]], *, today: date | None = None, size: int | None = None) -> Spool:
    """Validate every row, keeping the valid lines in a Spool of batches; if any row is invalid,
    InputError listing the problems with their line numbers (the first 20, and how many more)."""
    size = size or int(os.environ.get("TIMELINE_IMPORT_BATCH") or BATCH)
    result = Spool(size)
    errors: list[str] = []
    error_count = 0
    ids = array("q")  # hashes of the ids, to find one used twice without keeping every id
    batch: list[Line] = []
    for number, row in rows:
        try:
            if isinstance(row, Unparsable):
                raise ValueError(row.message)
            line = _validate_row(number, row, today=today)
        except ValueError as error:
            error_count += 1
            if len(errors) < MAX_ERRORS_SHOWN:
                errors.append(f"line {number}: {error}")
            continue
        if line.record_id is not None:
            ids.append(hash(line.record_id))
        if not error_count:
            batch.append(line)
            if len(batch) >= size:
                result.write(batch)
                batch = []
    if batch and not error_count:
        result.write(batch)
    if not error_count:
        result.explicit = ExplicitIds(ids)
        duplicates = _repeated_ids(result, ids)
        error_count, errors = len(duplicates), duplicates[:MAX_ERRORS_SHOWN]
    if error_count:
        result.close()
        raise InputError(_errors_sentence(errors, error_count))
    return result


def _repeated_ids(lines: Spool, hashes: array) -> list[str]:
    """Lines whose id an earlier line already used (exact check, only when two hashes agree)."""
    ordered = sorted(hashes)
    suspects = {a for a, b in zip(ordered, ordered[1:]) if a == b}
    if not suspects:
        return []
    first: dict[str, int] = {}
    found = []
    for batch in lines.batches():
        for line in batch:
            if line.record_id is not None and hash(line.record_id) in suspects:
                seen = first.setdefault(line.record_id, line.number)
                if seen != line.number:
                    found.append(f"line {line.number}: the id {line.record_id!r} is already used on line {seen}")
    return found


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
    lines: list[Line] | Spool,
    *,
    update: bool = False,
    reason: str = "updated by import",
    progress: Any = None,
    batch_size: int | None = None,
) -> Summary:
    """Append validated lines (a list, or a Spool from `spool()`); returns what was added,
    unchanged and updated.

    Each batch (`batch_size`, default $TIMELINE_IMPORT_BATCH or 5000 records) is one transaction:
    a crash leaves whole batches only, and re-running the import completes it without duplicates.
    """
    if isinstance(lines, Spool):
        batches, explicit = lines.batches, lines.explicit
    else:
        size = batch_size or int(os.environ.get("TIMELINE_IMPORT_BATCH") or BATCH)
        batches = lambda: (lines[i : i + size] for i in range(0, len(lines), size))  # noqa: E731
        explicit = ExplicitIds(hash(line.record_id) for line in lines if line.record_id)
    summary = Summary()
    conn = timeline.writer()
    _check_whole_file(conn, batches(), update=update)
    owners: dict[str, str] = {}  # normalised actor name → uuid of actors known to be saved
    for batch in batches():
        def plan(conn: Any, batch: list[Line] = batch) -> tuple[list[Any], tuple[Summary, dict[str, str]]]:
            return _plan_batch(timeline, conn, batch, owners, explicit, update=update, reason=reason)

        done, new_owners = timeline.commit(plan, contended=" (whole batches already saved stay; re-run to finish)")
        summary.add(done)
        owners.update(new_owners)
        if progress:
            progress(len(batch))
    return summary


def _owner(conn: Any, line: Line) -> tuple[str, bool]:
    """The uuid of the actor a line names (by name, then alias), and whether it exists yet."""
    found = queries.match_actor(conn, line.actor)
    if len(found) > 1:
        raise DomainError(f"line {line.number}: {queries.ambiguity(line.actor, found)}")
    return (found[0].uuid, True) if found else (actor_id(line.actor).hex, False)


def _check_whole_file(conn: Any, batches: Iterable[list[Line]], *, update: bool) -> None:
    """Refuse before writing anything: ambiguous actors, and conflicts unless --update."""
    problems: list[str] = []
    count = 0
    owners: dict[str, str] = {}

    def problem(text: str) -> None:
        nonlocal count
        count += 1
        if len(problems) < MAX_ERRORS_SHOWN:
            problems.append(text)

    for batch in batches:
        for line in batch:
            key = normalise(line.actor)
            if key not in owners:
                try:
                    owners[key] = _owner(conn, line)[0]
                except DomainError as error:
                    problem(str(error))
                    owners[key] = ""
        existing = queries.records_by_id(conn, [line.record_id for line in batch if line.record_id])
        for line in batch:
            row = existing.get(line.record_id) if line.record_id else None
            if row is None or not owners[normalise(line.actor)]:
                continue
            stored = stored_content(row)
            content = content_of(line.fields, owners[normalise(line.actor)])
            if stored == content:
                continue
            if row["status"] == "retracted":
                problem(f"line {line.number}: record {line.record_id} is retracted and cannot be changed")
            elif not update:
                diff = ", ".join(k.replace("actor_uuid", "actor") for k, v in content.items() if stored[k] != v)
                problem(f"line {line.number}: record {line.record_id} differs from the stored one ({diff})")
    if count:
        hint = " (use --update to append corrections)" if any("differs" in p for p in problems) else ""
        raise DomainError(
            f"nothing imported: {count} line(s) cannot be applied{hint}\n"
            + "\n".join(problems)
            + (f"\n… and {count - len(problems)} more" if count > len(problems) else "")
        )


def _plan_batch(
    timeline: Timeline,
    conn: Any,
    batch: list[Line],
    owners: dict[str, str],
    reserved: ExplicitIds,
    *,
    update: bool,
    reason: str,
) -> tuple[list[Any], tuple[Summary, dict[str, str]]]:
    """Plan one batch against the read model: what to save, what it will have done, and the
    actors it resolves or creates (for `Timeline.commit`, which saves it in one transaction)."""
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
            uuid, exists = _owner(conn, line)
            if not exists:
                actor = Actor.register(line.actor, line.actor_kind or "person")
                aggregates[actor.id] = actor
                created_actors.append(actor.name)
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
                changes["actor_id"] = owner_uuid(owner)
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
            rid = free_record_id(conn, base, taken, reserved)
        taken.add(rid)
        new_records.append(Record.made_event(record_id=rid, actor_id=owner_uuid(owner), fields=line.fields))
        added += 1
    if conflicts:
        raise DomainError(
            f"nothing imported from this batch: {len(conflicts)} line(s) conflict with stored records "
            "(use --update to append corrections)\n" + "\n".join(conflicts[:MAX_ERRORS_SHOWN])
        )
    done = Summary(added, unchanged, updated, created_actors, created_topics, aliases_added)
    return [*aggregates.values(), *new_records], (done, new_owners)


@functools.lru_cache(maxsize=4096)
def owner_uuid(hex_id: str) -> UUID:
    return UUID(hex_id)


def _slug_of(conn: Any, owner: str, fallback: str) -> str:
    from events import slugify

    row = conn.execute("SELECT name FROM actors WHERE uuid=?", (owner,)).fetchone()
    return slugify(row[0] if row else fallback)


def _same_content_in_family(conn: Any, base: str, content: dict[str, Any]) -> bool:
    return any(stored_content(row) == content for row in queries.id_family(conn, base))


__all__ = ["Line", "Spool", "Summary", "import_lines", "iter_rows", "read_rows", "spool", "validate"]
