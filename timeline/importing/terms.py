"""Import lines of `type: "term"`: who held an office when (DESIGN §6).

`{"type": "term", "office": "UK Home Secretary", "holder": "James Cleverly", "start": "2023-11-13",
"end": "2024-07-05", "office_aliases": ["the Home Secretary"]}`; `end` may be left out (still in
office). Offices and holders are created when new; a term already recorded is unchanged.

And lines of `type: "office"` (`{"type": "office", "title": …, "aliases": […], "wikidata": "Q…"}`),
which an export writes before each office's terms so that an office without terms survives too.
Both are applied after the file's records, in file order.
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
OFFICE_KEYS = {"type", "title", "aliases", "wikidata"}


@dataclass
class TermLine:
    number: int
    office: str
    holder: str | None  # None: an office line (the office, its aliases and id; no term)
    start: PartialDate | None
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


def _names(value: Any, what: str) -> list[str]:
    aliases = value or []
    if isinstance(aliases, str):
        aliases = [a.strip() for a in aliases.split(";") if a.strip()]
    if not isinstance(aliases, list):
        raise ValueError(f"{what} must be a list of names")
    return [check_name(a, "office alias") for a in aliases]


def validate_office(number: int, row: dict[str, Any]) -> TermLine:
    """A valid office line, or ValueError saying what is wrong with it."""
    if row.get("title") in (None, ""):
        raise ValueError("an office line needs a title")
    unknown = sorted(set(row) - OFFICE_KEYS)
    if unknown:
        raise ValueError(f"an office line has no field {', '.join(unknown)}")
    return TermLine(number, check_name(row["title"], "office"), None, None, None, _names(row.get("aliases"), "aliases"),
                    check_wikidata(row["wikidata"]) if row.get("wikidata") else None)


def office_rows(offices: Any) -> list[dict[str, Any]]:
    """The office and term lines an exported JSON document's `offices` stand for."""
    rows: list[dict[str, Any]] = []
    for office in offices if isinstance(offices, list) else []:
        if not isinstance(office, dict):
            continue
        rows.append({"type": "office", "title": office.get("office"), "aliases": office.get("aliases") or [],
                     "wikidata": office.get("wikidata")})
        rows += [{"type": "term", "office": office.get("office"), **{k: t.get(k) for k in ("holder", "start", "end")}}
                 for t in office.get("terms") or [] if isinstance(t, dict)]
    return rows


def validate_term(number: int, row: dict[str, Any], *, today: date | None = None) -> TermLine:
    """A valid term (or office) line, or ValueError saying what is wrong with it."""
    if row.get("type") == "office":
        return validate_office(number, row)
    missing = [key for key in ("office", "holder", "start") if row.get(key) in (None, "")]
    if missing:
        raise ValueError(f"a term line needs {', '.join(missing)}")
    unknown = sorted(set(row) - TERM_KEYS)
    if unknown:
        raise ValueError(f"a term line has no field {', '.join(unknown)}")
    start = _date(row, "start", today)
    end = _date(row, "end", today) if row.get("end") not in (None, "") else None
    check_term_dates(start, end)
    return TermLine(
        number, check_name(row["office"], "office"), check_name(row["holder"], "holder"), start, end,
        _names(row.get("office_aliases"), "office_aliases"),
        check_wikidata(row["office_wikidata"]) if row.get("office_wikidata") else None,
    )


def import_terms(tracker: Any, lines: list[TermLine]) -> int:
    """Record the terms (offices and holders created when new); returns how many were new or changed."""
    from timeline.errors import DomainError

    changed = 0
    for line in lines:
        try:
            if line.holder is None or line.office_aliases or line.office_wikidata:
                done = tracker.add_office(line.office, aliases=line.office_aliases, wikidata=line.office_wikidata)
                if line.holder is None:
                    changed += bool(done["created"] or done["aliases_added"])
                    continue
            done = tracker.record_term(line.office, line.holder, line.start, line.end, new_actor=True)
        except DomainError as error:
            raise DomainError(f"line {line.number}: {error}") from None
        changed += done["done"] != "unchanged"
    return changed
