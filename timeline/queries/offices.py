"""Offices and their terms: who held an office on a day, as known at a record time.

A term covers start <= D < end (on a handover day, the incoming holder). With imprecise dates a
term *certainly* covers D when D lies between its latest possible start and its earliest possible
end; it *possibly* covers D between its earliest start and its latest end. One certain term and no
other possible one answers; anything else is an error that says why (DESIGN §3).
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Any

from events.text import normalise
from timeline.dates import utc_iso
from timeline.errors import DomainError
from timeline.queries.asof import actor_state, holds, survivor


def match_office(conn: sqlite3.Connection, text: str, when: str | None = None) -> tuple[str, str] | None:
    """(uuid, title) of the office whose title or alias is `text` at record time `when`, else None."""
    key = normalise(text)
    since = "" if when is None else " AND recorded_at <= ?"
    row = conn.execute(f"SELECT uuid, title FROM offices WHERE title_norm=?{since}", [key] + ([when] if when else [])).fetchone()
    if row is None:
        cond, args = holds(when, "oa")
        row = conn.execute(
            f"SELECT o.uuid, o.title FROM office_aliases oa JOIN offices o ON o.uuid = oa.office_uuid "
            f"WHERE oa.alias_norm=? AND {cond} ORDER BY o.title_norm LIMIT 1",
            [key, *args],
        ).fetchone()
    return (row[0], row[1]) if row else None


def office_keys(conn: sqlite3.Connection) -> frozenset[str]:
    """Every office title and current alias, normalised: the names a write resolves through a term."""
    cond, args = holds(None, "oa")
    keys = {row[0] for row in conn.execute("SELECT title_norm FROM offices")}
    keys |= {row[0] for row in conn.execute(f"SELECT oa.alias_norm FROM office_aliases oa WHERE {cond}", args)}
    return frozenset(keys)


def near_offices(conn: sqlite3.Connection, text: str) -> list[str]:
    """Titles of offices whose title or alias is close to `text` (for "did you mean")."""
    import difflib

    names = {norm: title for norm, title in conn.execute("SELECT title_norm, title FROM offices")}
    cond, args = holds(None, "oa")
    for norm, title in conn.execute(f"SELECT oa.alias_norm, o.title FROM office_aliases oa JOIN offices o "
                                    f"ON o.uuid = oa.office_uuid WHERE {cond}", args):
        names.setdefault(norm, title)
    return sorted({names[n] for n in difflib.get_close_matches(normalise(text), list(names), n=3, cutoff=0.75)})


def terms_of(conn: sqlite3.Connection, office_uuid: str, when: str | None = None) -> list[dict[str, Any]]:
    """The office's terms as known at `when`, in date order, holders named as they were then."""
    cond, args = holds(when)
    rows = conn.execute(
        f"SELECT holder_uuid, start, start_lo, start_hi, end, end_lo, end_hi FROM terms "
        f"WHERE office_uuid=? AND {cond} ORDER BY start_lo, number",
        [office_uuid, *args],
    ).fetchall()
    found = []
    for holder, start, start_lo, start_hi, end, end_lo, end_hi in rows:
        uuid = survivor(conn, holder, when)
        state = actor_state(conn, uuid, when)
        found.append({
            "holder": state[0] if state else "?", "holder_uuid": uuid, "start": start, "end": end,
            "_certain": (start_hi, end_lo or "9999-12-31"), "_possible": (start_lo, end_hi or "9999-12-31"),
        })
    return found


def public(term: dict[str, Any]) -> dict[str, Any]:
    return {"holder": term["holder"], "start": term["start"], "end": term["end"]}


def _span(term: dict[str, Any]) -> str:
    return f"{term['holder']} ({term['start']} to {term['end'] or 'now'})"


def holder_on(conn: sqlite3.Connection, office: tuple[str, str], day: date, when: str | None = None) -> dict[str, Any]:
    """The term of `office` covering `day`, or DomainError naming the nearest or possible holders."""
    uuid, title = office
    d = day.isoformat()
    terms = terms_of(conn, uuid, when)
    if not terms:
        raise DomainError(f"no terms of {title} are recorded; add one with 'timeline office term'")
    possible = [t for t in terms if t["_possible"][0] <= d < t["_possible"][1]]
    certain = [t for t in possible if t["_certain"][0] <= d < t["_certain"][1]]
    if len(certain) == 1 and len(possible) == 1:
        return certain[0]
    if possible:
        raise DomainError(
            f"who held {title} on {d} is uncertain: the recorded dates allow "
            + " or ".join(_span(t) for t in possible)
            + ("" if certain else " or no one")  # no term surely covers the day: maybe none did
        )
    before = [t for t in terms if t["_possible"][1] <= d]
    after = [t for t in terms if t["_possible"][0] > d]
    near = ([f"before it {_span(before[-1])}"] if before else []) + ([f"after it {_span(after[0])}"] if after else [])
    raise DomainError(f"no one held {title} on {d} as far as the store knows; the nearest terms: {'; '.join(near)}")


def holder_over(conn: sqlite3.Connection, office: tuple[str, str], first: date | None, last: date | None,
                when: str | None = None) -> dict[str, Any]:
    """The term of `office` whose holder held it over the whole period [first, last] (a record's
    date), or DomainError naming the possible holders (DESIGN §3: a write attributes a record to
    the one person who held the office all through its date)."""
    uuid, title = office
    if first is not None and first == last:
        return holder_on(conn, office, first, when)
    if first is None or last is None:
        raise DomainError(f"{title} names an office, and an open date cannot say who held it; give the holder's name")
    lo, hi = first.isoformat(), last.isoformat()
    possible = [t for t in terms_of(conn, uuid, when) if t["_possible"][0] <= hi and lo < t["_possible"][1]]
    if len({t["holder_uuid"] for t in possible}) > 1:
        raise DomainError(f"{title} changed hands between {lo} and {hi}: the recorded terms allow "
                          + " or ".join(_span(t) for t in possible) + "; give the holder's name")
    try:
        term = holder_on(conn, office, first, when)
        if holder_on(conn, office, last, when)["holder_uuid"] != term["holder_uuid"]:
            raise DomainError(f"{title} changed hands between {lo} and {hi}")
    except DomainError as error:
        raise DomainError(f"the date {lo} to {hi} is not within one holder's term ({error}); give the holder's name") from None
    return term


def list_offices(conn: sqlite3.Connection, *, known_at: datetime | None = None) -> list[dict[str, Any]]:
    """Every office with its aliases and terms (`offices --json`), as known at `known_at`."""
    when = utc_iso(known_at) if known_at is not None else None
    since = "" if when is None else " WHERE recorded_at <= ?"
    cond, args = holds(when)
    result = []
    for uuid, title, wikidata in conn.execute(
        f"SELECT uuid, title, wikidata FROM offices{since} ORDER BY title_norm", [when] if when else []
    ).fetchall():
        aliases = [row[0] for row in conn.execute(
            f"SELECT alias FROM office_aliases WHERE office_uuid=? AND {cond} ORDER BY rowid", [uuid, *args])]
        result.append({"office": title, "aliases": aliases, "wikidata": wikidata,
                       "terms": [public(t) for t in terms_of(conn, uuid, when)]})
    return result
