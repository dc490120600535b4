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


def plan_terms(tracker: Any, conn: Any, lines: list[TermLine]) -> tuple[list[Any], dict[str, Any]]:
    """The offices and holders that make the store agree with every office and term line, checked
    against the store and against each other (overlaps) on aggregates in memory; DomainError naming
    every line that cannot be applied. Returns (aggregates to save, {terms: lines new or changed,
    offices_created, actors_created: names})."""
    from uuid import UUID

    from events.actors import Actor
    from events.text import normalise
    from timeline import queries
    from timeline.errors import DomainError

    offices: dict[str, Any] = {}  # normalised title or alias → the office aggregate
    actors: dict[str, Any] = {}  # normalised name → a holder this file creates
    saved: dict[Any, Any] = {}
    problems: list[str] = []
    changed = 0
    made: dict[str, list[str]] = {"offices_created": [], "actors_created": []}

    def office_for(title: str) -> tuple[Any, bool]:
        from events.offices import Office

        office = offices.get(normalise(title))
        if office is not None:
            return office, False
        found = queries.match_office(conn, title)
        office = tracker.app().repository.get(UUID(found[0])) if found else Office.establish(title)
        offices[normalise(title)] = offices[normalise(office.title)] = office
        if not found:
            made["offices_created"].append(office.title)
        return office, not found

    for line in lines:
        where = f"line {line.number}"
        office, _ = office_for(line.office)
        for alias in line.office_aliases:
            owner = offices.get(normalise(alias))
            known = (owner.id.hex, owner.title) if owner is not None else queries.match_office(conn, alias)
            if known and known[0] != office.id.hex:
                problems.append(f"{where}: '{alias}' already names the office {known[1]}")
                continue
            office.add_alias(alias)
            offices[normalise(alias)] = office
        if line.office_wikidata:
            office.set_external_id("wikidata", line.office_wikidata)
        saved[office.id] = office
        if line.holder is None:  # an office line: counted among offices created, not among terms
            continue
        people = queries.match_actor(conn, line.holder)
        if len(people) > 1:
            problems.append(f"{where}: {queries.ambiguity(line.holder, people)}")
            continue
        if people:
            holder = UUID(people[0].uuid)
        else:
            actor = actors.get(normalise(line.holder))
            if actor is None:
                actor = Actor.register(line.holder, taken=lambda made: queries.actor_exists(conn, made.hex))
                made["actors_created"].append(actor.name)
            actors[normalise(line.holder)] = saved[actor.id] = actor
            holder = actor.id
        try:
            changed += office.record_term(holder, line.start, line.end) != "unchanged"
        except ValueError as error:
            problems.append(f"{where}: {error}")
    if problems:
        raise DomainError(f"nothing imported: {len(problems)} office or term line(s) cannot be applied\n"
                          + "\n".join(problems[:20]))
    return list(saved.values()), {"terms": changed, **made}


def check_terms(tracker: Any, conn: Any, lines: list[TermLine]) -> None:
    """Refuse before anything is written when a term line overlaps the store or another line."""
    if lines:
        plan_terms(tracker, conn, lines)


def import_terms(tracker: Any, lines: list[TermLine]) -> dict[str, Any]:
    """Record the offices and terms in one transaction; returns what `plan_terms` says it did."""
    if not lines:
        return {"terms": 0, "offices_created": [], "actors_created": []}
    return tracker.commit(lambda conn: plan_terms(tracker, conn, lines))
