"""Import lines of `type: "term"`: who held an office when (DESIGN §6).

`{"type": "term", "office": "UK Home Secretary", "holder": "James Cleverly", "start": "2023-11-13",
"end": "2024-07-05", "office_aliases": ["the Home Secretary"]}`; `end` may be left out (still in
office). Offices and holders are created when new; a term already recorded is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from events.dates import PartialDate
from events.offices import check_term_dates
from events.text import check_name, check_wikidata
from timeline.dates import parse_date
from timeline.errors import InputError

TERM_KEYS = {"type", "office", "holder", "start", "end", "office_aliases", "office_wikidata"}


@dataclass
class TermLine:
    number: int
    office: str
    holder: str
    start: PartialDate
    end: PartialDate | None
    office_aliases: list[str] = field(default_factory=list)
    office_wikidata: str | None = None


def _date(row: dict[str, Any], key: str, today: date | None) -> PartialDate:
    if not isinstance(row[key], str):
        raise ValueError(f"{key} must be a date")
    try:
        return parse_date(row[key], today=today).value
    except InputError as error:
        raise ValueError(f"{key}: {error}") from None


def validate_term(number: int, row: dict[str, Any], *, today: date | None = None) -> TermLine:
    """A valid term line, or ValueError saying what is wrong with it."""
    missing = [key for key in ("office", "holder", "start") if row.get(key) in (None, "")]
    if missing:
        raise ValueError(f"a term line needs {', '.join(missing)}")
    unknown = sorted(set(row) - TERM_KEYS)
    if unknown:
        raise ValueError(f"a term line has no field {', '.join(unknown)}")
    start = _date(row, "start", today)
    end = _date(row, "end", today) if row.get("end") not in (None, "") else None
    check_term_dates(start, end)
    aliases = row.get("office_aliases") or []
    if isinstance(aliases, str):
        aliases = [a.strip() for a in aliases.split(";") if a.strip()]
    if not isinstance(aliases, list):
        raise ValueError("office_aliases must be a list of names")
    return TermLine(
        number, check_name(row["office"], "office"), check_name(row["holder"], "holder"), start, end,
        [check_name(a, "office alias") for a in aliases],
        check_wikidata(row["office_wikidata"]) if row.get("office_wikidata") else None,
    )


def import_terms(tracker: Any, lines: list[TermLine]) -> int:
    """Record the terms (offices and holders created when new); returns how many were new or changed."""
    from timeline.errors import DomainError

    changed = 0
    for line in lines:
        try:
            if line.office_aliases or line.office_wikidata:
                tracker.add_office(line.office, aliases=line.office_aliases, wikidata=line.office_wikidata)
            done = tracker.record_term(line.office, line.holder, line.start, line.end, new_actor=True)
        except DomainError as error:
            raise DomainError(f"line {line.number}: {error}") from None
        changed += done["done"] != "unchanged"
    return changed
