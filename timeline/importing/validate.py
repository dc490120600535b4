"""Validating an import file, every line, before anything is written.

Valid lines go to a spool of batches on disk (bounded memory at any file size); any error
means every error of every line is reported with its line number, and nothing is imported.
"""

from __future__ import annotations

import bisect
import marshal
import os
import pickle
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from events import PartialDate
from events.records import check_fields, check_record_id
from events.text import check_name, check_slug
from timeline.bulk import quiet_gc
from timeline.dates import parse_date
from timeline.errors import InputError
from timeline.importing.rows import (
    MAX_ERRORS_SHOWN,
    REQUIRED,
    Problems,
    Unparsable,
    actor_kind_of,
    date_or_natural,
    errors_sentence,
    retraction_of,
    text_or_none,
    with_precision,
)
from timeline.importing.terms import TermLine, validate_term
from timeline.importing.tree import TopicClaims

BATCH = 5000  # lines per spooled batch, and per transaction when saving
KNOWN = set(REQUIRED) | {
    "id", "date_precision", "precision", "actor_aliases", "actor_kind", "role", "quote", "source",
    "source_url", "relative_to", "extra", "recorded_at", "status", "topic_title", "topic_parent", "type",
    "topic_polarity",  # a csv column for topic rows; on a record row it must be empty
    "period", "period_start", "period_end",  # derived from date by every export; read back from the date, never from here
    "responds_to", "target",
    "retracted_reason",  # with status retracted: the line is a retracted record (created, then retracted)
}


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
    target: str | None = None  # the name of the actor addressed (resolved or created like `actor`)
    retracted: str | None = None  # status retracted: the reason its retraction gives (import retracts it again)


def validate(rows: Iterable[tuple[int, Any]], *, today: date | None = None) -> list[Line | TermLine]:
    """Validate every row into memory (small files); InputError listing every problem if any.
    Term lines come after the record lines."""
    lines = spool(rows, today=today)
    return [*(line for batch in lines.batches() for line in batch), *lines.terms]


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
    """Validated lines, written batch by batch into a temporary file: a file of any size is
    validated whole before anything is written, in bounded memory.

    A batch is stored as plain tuples by `marshal` (strings, numbers, lists and dicts only; a
    date as its EDTF text, parsed back through the cached `PartialDate.parse`, as pickle would
    have): about twice as fast as pickling `Line` objects, in both directions."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.count = 0
        self.explicit = ExplicitIds()
        self.terms: list[TermLine] = []  # `type: "term"` lines (few), applied after the records
        self.notices: list[str] = []  # relative dates counted from today (shown, not refused)
        self._file = tempfile.TemporaryFile(prefix="timeline-import-")
        self._offsets: list[tuple[int, int, Any]] = []  # where each batch starts, its size and codec
        self.identities: list[Any] = []  # actor and topic lines, applied before the records
        self.has_replies = False  # a line answers another record: checked against the store and the file
        self.claims = TopicClaims()  # where the file puts its topics, and their titles (importing/tree.py)

    def write(self, batch: list[Line]) -> None:
        rows = [_as_row(line) for line in batch]
        try:
            data, codec = marshal.dumps(rows), marshal
        except ValueError:  # a value of a type that JSON and CSV never give (a caller's own rows): pickle it
            data, codec = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL), pickle
        self._offsets.append((self._file.tell(), len(data), codec))
        self._file.write(data)
        self.count += len(batch)

    def batches(self) -> Iterator[list[Line]]:
        for offset, size, codec in self._offsets:
            self._file.seek(offset)
            yield [_from_row(row) for row in codec.loads(self._file.read(size))]  # one read (load() reads piecemeal)

    def close(self) -> None:
        self._file.close()


def _as_row(line: Line) -> tuple:
    fields = line.fields
    date = fields.get("date")
    if date is not None:
        fields = {**fields, "date": date.text}
    return (line.number, line.actor, fields, line.record_id, line.aliases, line.actor_kind, line.role,
            line.topic_title, line.topic_parents, line.target, line.retracted)


def _from_row(row: tuple) -> Line:
    fields = row[2]
    date = fields.get("date")
    if date is not None:
        fields["date"] = PartialDate.parse(date)
    return Line(*row)


def spool(rows: Iterable[tuple[int, Any]], *, today: date | None = None, size: int | None = None) -> Spool:
    """Validate every row, keeping the valid lines in a Spool of batches; if any row is invalid,
    InputError listing the problems with their line numbers (the first 20, and how many more)."""
    with quiet_gc():
        return _spool(rows, today=today, size=size or int(os.environ.get("TIMELINE_IMPORT_BATCH") or BATCH))


def _spool(rows: Iterable[tuple[int, Any]], *, today: date | None, size: int) -> Spool:
    result = Spool(size)
    errors: list[str] = []
    error_count = 0
    ids = array("q")  # hashes of the ids, to find one used twice without keeping every id
    batch: list[Line] = []
    for number, row in rows:
        try:
            if isinstance(row, Unparsable):
                raise ValueError(row.message)
            if isinstance(row, dict) and row.get("type") in ("actor", "topic"):
                from timeline.importing.identities import validate_identity

                result.identities.append(validate_identity(number, row))
                result.claims.of_identity(result.identities[-1])
                continue
            if isinstance(row, dict) and row.get("type") in ("term", "office"):
                result.terms.append(validate_term(number, row, today=today))
                continue
            line = _validate_row(number, row, today=today, notices=None if error_count else result.notices)
        except ValueError as error:
            error_count += 1
            if len(errors) < MAX_ERRORS_SHOWN:
                errors.append(f"line {number}: {error}")
            continue
        if not error_count and len(result.notices) <= MAX_ERRORS_SHOWN:
            _note_counted_from_today(result.notices, number, row, line, today)
        if line.record_id is not None:
            ids.append(hash(line.record_id))
        if line.fields.get("responds_to"):
            result.has_replies = True
        result.claims.of_line(line)
        if not error_count:
            batch.append(line)
            if len(batch) >= size:
                result.write(batch)
                batch = []
    if batch and not error_count:
        result.write(batch)
    if result.claims.problems:  # one file that says two things of a topic's place or title
        errors += result.claims.problems[: max(0, MAX_ERRORS_SHOWN - len(errors))]
        error_count += len(result.claims.problems)
    if not error_count:
        result.explicit = ExplicitIds(ids)
        duplicates = _repeated_ids(result, ids)
        error_count, errors = len(duplicates), duplicates[:MAX_ERRORS_SHOWN]
    if error_count:
        result.close()
        raise InputError(errors_sentence(errors, error_count))
    return result


def _note_counted_from_today(notices: list[str], number: int, row: Any, line: Line, today: date | None) -> None:
    """A relative date ("yesterday", "last Thursday") on a line without `relative_to` counts from the
    day of the import, which is rarely the day the source meant: say so, with the date it became."""
    text, when = row.get("date") if isinstance(row, dict) else None, line.fields.get("date")
    if not isinstance(text, str) or when is None or row.get("relative_to") not in (None, "") \
            or not any(c.isalpha() for c in text):
        return
    base = today or date.today()
    try:
        elsewhere = parse_date(text, today=base - timedelta(days=400)).value
    except InputError:
        return
    if elsewhere != parse_date(text, today=base).value:
        if len(notices) == MAX_ERRORS_SHOWN:
            notices.append("Note: … and more lines with dates counted from today")
            return
        notices.append(f"Note: line {number}: date {text!r} counts from today, so it was read as {when}; "
                       "give relative_to (e.g. the article's publication day) to count from another day")


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


def _text(row: dict[str, Any], key: str) -> str:
    value = row[key]
    if key in ("date", "relative_to") and isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a JSON number as a year: "date": 2024
    if not isinstance(value, str):
        raise ValueError(f"{key} must be text")
    return value


# Keys that send a line down the full path unless their value is one that means "not given" there.
_UNCOMMON: dict[str, tuple[Any, ...]] = {
    "__overflow__": (), "relative_to": (None, ""), "date_precision": (None, ""), "precision": (None, ""),
    "extra": (None, {}), "actor_aliases": (None, "", []), "actor_kind": (None,), "role": (None, ""),
    "topic_parent": (None, ""), "topic_title": (None, ""), "topic_polarity": (None, ""),
    "status": (None, "", "active", "corrected"), "retracted_reason": (None, ""),
}
_UNCOMMON_KEYS = frozenset(_UNCOMMON)


def _validate_row(number: int, row: Any, *, today: date | None, notices: list[str] | None = None) -> Line:
    """A valid line, or ValueError naming every problem of the row; a date that `date_precision`
    made less precise is said in `notices`."""
    return _common_line(number, row, today) or _checked_line(number, row, today=today, notices=notices)


def _common_line(number: int, row: Any, today: date | None) -> Line | None:
    """The line of a valid row of the common shape, checked without collecting problems (the bulk
    case, ~2x faster); None for any other row, which `_checked_line` then checks and reports in full.
    Gives exactly the Line that `_checked_line` gives (tests/application/test_import_fast_paths.py)."""
    if type(row) is not dict or row.get("type") not in (None, "", "record"):
        return None
    if not _UNCOMMON_KEYS.isdisjoint(row):
        for key, absent in _UNCOMMON.items():
            if key in row and not any(row[key] == value and type(row[key]) is type(value) for value in absent):
                return None
    try:
        actor, topic, kind, stance, when, summary = row["actor"], row["topic"], row["kind"], row["stance"], row["date"], row["summary"]
        if not (type(actor) is type(topic) is type(kind) is type(stance) is type(when) is type(summary) is str):
            return None
        if not (actor and topic and kind and stance and when and summary):
            return None
        responds_to, target = row.get("responds_to"), row.get("target")
        if responds_to == "":
            responds_to = None
        if target == "":
            target = None
        if not (responds_to is None or type(responds_to) is str) or not (target is None or type(target) is str):
            return None
        fields = check_fields({
            "topic": topic, "kind": kind, "stance": stance, "date": parse_date(when, today=today).value,
            "summary": summary, "quote": row.get("quote"), "source": row.get("source"),
            "source_url": row.get("source_url"), "extra": {key: value for key, value in row.items() if key not in KNOWN},
            "responds_to": responds_to,
        })
        record_id = row.get("id")
        return Line(
            number=number, actor=check_name(actor, "actor"), fields=fields,
            record_id=check_record_id(str(record_id)) if record_id not in (None, "") else None,
            target=check_name(target, "target") if target else None,
        )
    except (ValueError, KeyError, TypeError, InputError):
        return None


def _checked_line(number: int, row: Any, *, today: date | None, notices: list[str] | None = None) -> Line:
    if not isinstance(row, dict):
        raise ValueError(f"expected an object with {', '.join(REQUIRED)}, got {type(row).__name__ if row is not None else 'null'}")
    if row.get("type") not in (None, "", "record"):
        raise ValueError(f"type {row['type']!r} must be record, actor, topic, office or term")
    problems = Problems()
    if "__overflow__" in row:
        problems.found.append("more values than columns in the header")
    missing = [key for key in REQUIRED if row.get(key) in (None, "")]
    if missing:
        problems.found.append(f"missing {', '.join(missing)}")
    given = {key: problems.check(_text, row, key) for key in REQUIRED if key not in missing}
    relative_to = None
    if row.get("relative_to") not in (None, ""):
        text = problems.check(_text, row, "relative_to")
        found = problems.check(date_or_natural, text, "relative_to", None, today) if text else None
        relative_to = found.start if found else None
    when = problems.check(date_or_natural, given["date"], "date", relative_to, today) if given.get("date") else None
    precision = row.get("date_precision") or row.get("precision")
    if precision and when is not None:
        read = problems.check(with_precision, when, precision)
        if read is not None and read != when and notices is not None and len(notices) <= MAX_ERRORS_SHOWN:
            notices.append(f"Note: line {number}: date {given['date']!r} with date_precision {precision} was read as "
                           f"{read} (write \"date\": \"{read}\" and leave date_precision out to say so)"
                           if len(notices) < MAX_ERRORS_SHOWN else "Note: … and more dates read less precisely")
        when = read
    extra = {key: value for key, value in row.items() if key not in KNOWN}
    if row.get("extra") is not None:
        if not isinstance(row["extra"], dict):
            problems.found.append("extra must be an object")
        else:
            extra = {**row["extra"], **extra}
    wanted = dict(
        topic=given.get("topic"), kind=given.get("kind"), stance=given.get("stance"), date=when, summary=given.get("summary"),
        quote=row.get("quote"), source=row.get("source"), source_url=row.get("source_url"), extra=extra,
        responds_to=problems.check(text_or_none, row.get("responds_to"), "responds_to"),
    )
    present = {key: value for key, value in wanted.items() if value is not None or key not in REQUIRED}
    try:
        fields: dict[str, Any] = check_fields(present)  # one call when all is well (the bulk case)
    except ValueError:  # field by field, so that every bad field is reported
        fields = {}
        for key, value in present.items():
            checked = problems.check(check_fields, {key: value})
            if checked:
                fields.update(checked)
    target = problems.check(text_or_none, row.get("target"), "target")
    aliases = row.get("actor_aliases") or []
    if isinstance(aliases, str):
        aliases = [a.strip() for a in aliases.split(";") if a.strip()]
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problems.found.append("actor_aliases must be a list of names")
        aliases = []
    actor_kind = row.get("actor_kind")
    if actor_kind is not None:
        actor_kind = problems.check(actor_kind_of, actor_kind, "actor_kind")
    role = row.get("role")
    if row.get("topic_polarity") not in (None, ""):
        problems.found.append("topic_polarity belongs on a topic line (type topic), not on a record")
    parents = row.get("topic_parent") or ""
    if not isinstance(parents, str):
        problems.found.append("topic_parent must be a topic slug, or a path of slugs like migration/offshoring")
        parents = ""
    parents = [problems.check(check_slug, p) for p in parents.split("/") if p.strip()]
    if fields.get("topic") and fields["topic"] in parents:
        problems.found.append(f"topic {fields['topic']!r} cannot be its own parent")
    line = Line(
        number=number,
        actor=problems.check(check_name, given.get("actor"), "actor") if given.get("actor") else "",
        fields=fields,
        record_id=problems.check(check_record_id, str(row["id"])) if row.get("id") not in (None, "") else None,
        aliases=[problems.check(check_name, a, "alias") for a in aliases],
        actor_kind=actor_kind,
        role=problems.check(check_name, role, "role") if role else None,
        topic_title=problems.check(check_name, row["topic_title"], "topic_title") if row.get("topic_title") else None,
        topic_parents=parents,
        target=problems.check(check_name, target, "target") if target else None,
        retracted=problems.check(retraction_of, row),
    )
    problems.raise_any()
    return line
