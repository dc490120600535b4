"""Reading an import file: JSON Lines or CSV, streamed as (line number, row) pairs in constant memory."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from timeline.errors import InputError

MAX_ERRORS_SHOWN = 20
REQUIRED = ("actor", "topic", "kind", "stance", "date", "summary")


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
    if not reader.fieldnames or not (set(REQUIRED) | {"office", "holder"}) & {f.strip() for f in reader.fieldnames if f}:
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


def errors_sentence(errors: list[str], total: int | None = None) -> str:
    total = len(errors) if total is None else total
    shown = errors[:MAX_ERRORS_SHOWN]
    more = f"\n… and {total - len(shown)} more" if total > len(shown) else ""
    head = f"nothing imported: {total} invalid line{'s' if total != 1 else ''}"
    return head + "\n" + "\n".join(shown) + more
