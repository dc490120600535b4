"""Reading an import file: JSON Lines or CSV, streamed as (line number, row) pairs in constant memory."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import orjson

from timeline.errors import InputError

MAX_ERRORS_SHOWN = 20
REQUIRED = ("actor", "topic", "kind", "stance", "date", "summary")
# Every column name the import format knows (DESIGN.md §6); headers match them whatever their case.
COLUMNS = set(REQUIRED) | {
    "id", "type", "date_precision", "precision", "actor_aliases", "actor_kind", "role", "quote", "source",
    "source_url", "relative_to", "extra", "recorded_at", "status", "topic_title", "topic_parent", "topic_polarity",
    "name", "kind", "aliases", "wikidata", "slug", "title", "parent", "polarity", "period", "period_start", "period_end",
    "office", "holder", "start", "end", "office_aliases", "office_wikidata", "retracted_reason",
}


class Unparsable:
    """A line that is not JSON: validation reports it with the other errors."""

    def __init__(self, message: str) -> None:
        self.message = message


def read_rows(data: bytes, name: str = "-") -> list[tuple[int, Any]]:
    """All rows of a small in-memory file (seeds, tests); InputError on a broken file or line."""
    rows = list(iter_rows(io.BufferedReader(io.BytesIO(data)), name))
    errors = [f"line {number}: {row.message}" for number, row in rows if isinstance(row, Unparsable)]
    if errors:
        raise InputError(errors_sentence(errors))
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
            yield from _csv_rows(text, _delimiter(head))
            return
        if _is_document(head, lower):
            yield from _document_rows(text)
            return
        for number, line in enumerate(text, start=1):
            if not line.strip():
                continue
            try:
                yield number, loads(line)
            except json.JSONDecodeError as error:
                yield number, Unparsable(f"not valid JSON ({error.msg} at column {error.colno})")
    except UnicodeDecodeError:
        where = f" (near line {number + 1})" if number else ""
        raise InputError(f"{name} is not UTF-8 text{where}") from None


def loads(line: str) -> Any:
    """One JSON value, exactly as `json.loads` reads it, ~2.5x faster for the usual line.

    orjson parses the line; whatever it reads differently is read again by `json` (same value,
    same error message): a line it refuses (NaN, Infinity, 1e400, lone surrogates, malformed) and
    any value holding a float (orjson turns integers beyond 64 bits into floats; `json` keeps them)."""
    try:
        value = orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line)
    return json.loads(line) if _holds_float(value) else value


def _holds_float(value: Any) -> bool:
    kind = type(value)
    if kind is dict:
        value = value.values()
    elif kind is not list:
        return kind is float
    for item in value:
        kind = type(item)
        if kind is float or ((kind is dict or kind is list) and _holds_float(item)):
            return True
    return False


def _is_document(head: bytes, lower: str) -> bool:
    """A file that is one JSON document (`export --format json`, or an array of lines), not JSON Lines."""
    if lower.endswith((".jsonl", ".ndjson")):
        return False
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if body[:1] == b"[":
        return True
    if body[:1] != b"{":
        return False
    try:
        return not isinstance(json.loads(body.split(b"\n", 1)[0]), dict)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return True


def _document_rows(text: io.TextIOWrapper) -> Iterator[tuple[int, Any]]:
    """The lines a JSON document stands for: an export's actors, topics and records (in the order
    they were recorded, as `position` tie-breaks need), or the items of an array; numbered from 1."""
    try:
        data = json.loads(text.read())
    except json.JSONDecodeError as error:
        yield error.lineno, Unparsable(f"not a valid JSON document ({error.msg} at column {error.colno})")
        return
    if isinstance(data, list):
        yield from enumerate(data, start=1)
        return
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        yield 1, Unparsable("a JSON document to import is an export (with records) or an array of lines")
        return
    actors = [a for a in data.get("actors") or [] if isinstance(a, dict)]
    lines: list[Any] = [
        {"type": "actor", "name": a.get("name"), "kind": a.get("kind"), "aliases": a.get("aliases") or [],
         "wikidata": a.get("wikidata"), "merged_into": a.get("merged_into")} for a in actors
    ]
    lines += [
        {"type": "topic", "slug": t.get("slug"), "title": t.get("title"), "parent": t.get("parent"),
         "polarity": t.get("polarity"), "wikidata": t.get("wikidata")}
        for t in data.get("topics") or [] if isinstance(t, dict)
    ]
    from timeline.importing.terms import office_rows

    lines += office_rows(data.get("offices"))
    records = sorted(data["records"], key=lambda r: str(r.get("recorded_at") or "") if isinstance(r, dict) else "")
    roles = {a.get("name"): [(r.get("role"), r.get("on")) for r in a.get("roles") or []] for a in actors}
    for record in records:
        pending = roles.get(record.get("actor"), []) if isinstance(record, dict) else []
        match = next((item for item in pending if item[1] == record.get("date")), None)
        if match:
            pending.remove(match)
            record = {**record, "role": match[0]}
        lines.append(record)
    yield from enumerate(lines, start=1)


def _delimiter(head: bytes) -> str:
    """`;` for a file whose header row has more semicolons than commas (European spreadsheets)."""
    first = head.split(b"\n", 1)[0]
    return ";" if first.count(b";") > first.count(b",") else ","


def _csv_rows(text: io.TextIOWrapper, delimiter: str = ",") -> Iterator[tuple[int, Any]]:
    # strict: a quoted field that never closes is an error, not a field swallowing the rest of the file
    reader = csv.DictReader(text, delimiter=delimiter, strict=True)
    try:
        header = reader.fieldnames
    except csv.Error as error:
        yield 1, Unparsable(f"the header row is not valid CSV ({error})")
        return
    if header:
        reader.fieldnames = [_column(f) for f in header]
    if not header or not (set(REQUIRED) | {"office", "holder"}) & set(reader.fieldnames or ()):
        found = ", ".join(repr(f) for f in (header or [])[:8]) or "nothing"
        raise InputError(
            "the file is neither JSON Lines nor CSV with a header row naming actor, topic, kind, stance, "
            f"date, summary (comma- or semicolon-separated); its first row has {found}"
        )
    rows = iter(reader)
    while True:
        started = reader.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            if "end of data" in str(error):
                yield started, Unparsable("a quoted field opens on this line and never closes (a missing \")")
            else:
                yield started, Unparsable(f"not valid CSV ({error})")
            return
        clean = {k.strip(): _cell(v) for k, v in row.items() if k is not None}
        if None in row:
            clean["__overflow__"] = row[None]
        if "actor_aliases" in clean and isinstance(clean["actor_aliases"], str):
            clean["actor_aliases"] = split_aliases(clean["actor_aliases"])
        if "extra" in clean and isinstance(clean["extra"], str):
            try:
                clean["extra"] = json.loads(clean["extra"]) if clean["extra"].strip() else {}
            except json.JSONDecodeError:
                pass
        clean = {k: (None if v == "" else v) for k, v in clean.items()}
        yield reader.line_num, clean


# A csv aliases cell separates aliases with ";"; `\;` is a ";" inside an alias and `\\` a backslash
# (exporting.data.aliases_cell). Any other backslash is itself, so cells written before the escape
# (2 December 2026) read as they did, but for an alias that held "\;" or "\\": those now read as ";", "\".
ALIAS_PART = re.compile(r"\\([\\;])|(;)")


def split_aliases(cell: str) -> list[str]:
    """The aliases of a csv cell: split at each unescaped ";", escapes undone, parts trimmed, empty ones dropped."""
    parts, current, at = [], [], 0
    for match in ALIAS_PART.finditer(cell):
        current.append(cell[at:match.start()])
        if match.group(2):
            parts.append("".join(current))
            current = []
        else:
            current.append(match.group(1))
        at = match.end()
    parts.append("".join([*current, cell[at:]]))
    return [part.strip() for part in parts if part.strip()]


def _column(name: str | None) -> str | None:
    """A header cell as the import format names it: `Actor ` → `actor`; unknown names stay as written."""
    if name is None:
        return None
    lower = name.strip().lower()
    return lower if lower in COLUMNS else name.strip()


# The csv export's guard against spreadsheet formulas adds one apostrophe to a cell matching
# `^'*[=+\-@\t\r]`; this undoes it exactly (one apostrophe off a cell matching `^'+[=+\-@\t\r]`).
_GUARDED = re.compile(r"'+[=+\-@\t\r]")


def _unguard(value: Any) -> Any:
    """Undo the csv export's guard against spreadsheet formulas (one leading apostrophe)."""
    return value[1:] if isinstance(value, str) and value[:1] == "'" and _GUARDED.match(value) else value


def _cell(value: Any) -> Any:
    """A CSV value as the import reads it: the formula guard undone, then every line break (CRLF, CR)
    made `\n`; a CR inside a CSV value is a line ending rewritten by some editor or transfer, not text."""
    if type(value) is not str:
        return value
    if value[:1] == "'" and _GUARDED.match(value):
        value = value[1:]
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


class Problems:
    """Every error of one line, collected: one bad field never hides another."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def check(self, work: Any, *args: Any) -> Any:
        try:
            return work(*args)
        except ValueError as error:
            self.found.append(str(error))
            return None

    def raise_any(self) -> None:
        if self.found:
            raise ValueError("; ".join(self.found))


def actor_kind_of(value: Any, what: str) -> str:
    from events.vocabulary import ActorKind

    try:
        return ActorKind(str(value).strip().lower()).value
    except ValueError:
        raise ValueError(f"{what} must be person or organisation") from None


def errors_sentence(errors: list[str], total: int | None = None) -> str:
    total = len(errors) if total is None else total
    shown = errors[:MAX_ERRORS_SHOWN]
    more = f"\n… and {total - len(shown)} more" if total > len(shown) else ""
    head = f"nothing imported: {total} invalid line{'s' if total != 1 else ''}"
    return head + "\n" + "\n".join(shown) + more


# -- field readers shared by the line checks (validate.py) -------------------------------------------


def text_or_none(value: Any, key: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key} must be text")
    return value


def date_or_natural(text: str, what: str, relative_to: Any = None, today: Any = None) -> Any:
    """The PartialDate of an EDTF or natural-language date; ValueError naming the key otherwise."""
    from timeline.dates import parse_date

    try:
        return parse_date(text, relative_to=relative_to, today=today).value
    except InputError as error:
        raise ValueError(f"{what}: {error}") from None


def with_precision(when: Any, precision: Any) -> Any:
    """The date `date_precision` makes of `when` (old files): the same date, or a day cut to its month
    or year (the caller says so); a precision the date does not have is one sentence saying what to write."""
    from events import PartialDate

    precision = str(precision).strip().lower()
    order = {"day": 0, "month": 1, "year": 2}
    has = when.precision.value
    if precision == has:
        return when  # already that precise: keep the date as written, qualifiers ('2024-03~') included
    if precision not in (*order, "range"):
        raise ValueError(f"date_precision {precision!r} must be day, month, year or range")
    if precision == "range":
        raise ValueError(f"date_precision range needs a range as the date, and {when} is a single {has}: write the "
                         "range itself as the date (e.g. 2025-05-03/2025-05-10, or 2025-05 for the whole month) "
                         "or leave date_precision out")
    if has == "range":
        raise ValueError(f"date {when} is a range, so date_precision cannot be {precision}: leave date_precision out "
                         "(a date says its own precision)")
    if order[precision] < order[has]:
        raise ValueError(f"date {when} names a {has}, so date_precision cannot be {precision}: give the {precision} "
                         "in the date or leave date_precision out")
    return PartialDate.of(when.start, precision)


NO_REASON = "retracted (the imported line gave no retracted_reason)"


def retraction_of(row: dict[str, Any]) -> str | None:
    """The reason a line's record is retracted for (`status` retracted, `retracted_reason`), None for an
    active or corrected record; ValueError for another status, or a reason on a record not retracted."""
    from events.text import check_text

    status, reason = row.get("status"), row.get("retracted_reason")
    value = status.strip().lower() if isinstance(status, str) else status
    if value not in (None, "", "active", "corrected", "retracted"):
        raise ValueError(f"status {status!r} must be active, corrected or retracted")
    if value != "retracted":
        if reason not in (None, ""):
            raise ValueError("retracted_reason belongs on a retracted record (status retracted)")
        return None
    return check_text(reason, "retracted_reason") or NO_REASON
