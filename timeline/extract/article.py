"""The `timeline extract` command's work, as plain functions the CLI calls and tests reach directly."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from timeline.errors import DomainError, InputError
from timeline.extract.extractor import Candidate, extract
from timeline.extract.gazetteer import Gazetteer

FORMATS = ("jsonl", "table")


def read_article(data: bytes, name: str) -> str:
    """The article's text, or InputError for a binary, non-UTF-8 or empty file."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name} looks like a binary file, not the plain text of an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{name} is not UTF-8 text (byte {error.start} cannot be decoded)") from None
    if not text.strip():
        raise InputError(f"{name} is empty: there is no article to read")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_file(path: str) -> bytes:
    """Bytes of an article file, or InputError with one sentence."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{path} is a directory, not an article")
    try:
        return target.read_bytes()
    except FileNotFoundError:
        raise InputError(f"there is no file {path}") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None


def publication_day(text: str) -> date:
    """--published as a day: relative dates need a day to count from."""
    from timeline.dates import parse_date

    if not text or not text.strip():
        raise InputError("--published is empty; give the article's publication day, e.g. 2025-05-16")
    value = parse_date(text).value
    if value.precision != "day":
        raise InputError(f"--published {text!r} is a {value.precision}; give the publication day, e.g. 2025-05-16")
    return value.start


def gazetteer_of(timeline: Any) -> tuple[Gazetteer, str]:
    """The store's actors and topics, or an empty gazetteer when there is no store yet."""
    try:
        timeline.app(create=False)  # first, so a missing store leaves no read-model file behind
        conn = timeline.reader()
    except DomainError:
        return Gazetteer(), f"No timeline database at {timeline.location}: names come from the article alone."
    gazetteer = Gazetteer.from_connection(conn, origin=str(timeline.location))
    return gazetteer, f"Using {len(gazetteer.actors)} actors and {len(gazetteer.topics)} topics from {timeline.location}."


def default_source(name: str, published: date) -> str:
    where = "an article read from standard input" if name == "-" else Path(name).name
    return f"{where}, published {published.isoformat()}"


def run(
    text: str,
    name: str,
    *,
    published: date,
    gazetteer: Gazetteer,
    source: str | None = None,
    url: str | None = None,
) -> list[Candidate]:
    """Extract one article's candidates, citing it as `source` (default: its name and day)."""
    return extract(text, published=published, gazetteer=gazetteer,
                   source=source or default_source(name, published), source_url=url)


def as_jsonl(candidates: list[Candidate]) -> str:
    return "".join(json.dumps(c.to_line(), ensure_ascii=False) + "\n" for c in candidates)


def as_table(candidates: list[Candidate]) -> str:
    """One block per candidate: the record's fields on a line, then its evidence and notes."""
    rows = []
    for c in candidates:
        rows.append(
            f"{c.id}  {c.actor} · {c.kind} · {c.stance} · {c.date or '(no date)'} · "
            f"{c.topic or '(no topic)'} · confidence {c.confidence:.2f}"
        )
        evidence = c.evidence if len(c.evidence) <= 200 else c.evidence[:197] + "…"
        rows.append(f"    {evidence}")
        if c.quote:
            rows.append(f"    quote: “{c.quote if len(c.quote) <= 120 else c.quote[:117] + '…'}”")
        if c.notes.get("date_note"):
            rows.append(f"    date: {c.notes['date_note']}")
    return "\n".join(rows) + ("\n" if rows else "")


def summary_notice(candidates: list[Candidate]) -> str:
    undated = sum(1 for c in candidates if c.date is None)
    untopical = sum(1 for c in candidates if c.topic is None)
    parts = [f"Proposed {len(candidates)} candidate record(s) for review"]
    if undated:
        parts.append(f"{undated} without a date the article supports (fill them in, or import refuses them)")
    if untopical:
        parts.append(f"{untopical} without a topic")
    return "; ".join(parts) + "."
