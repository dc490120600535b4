"""Offices: register them (`office add`), record who held them (`office term`), list them
(`offices`) and ask who held one on a day (`holder`)."""

from typing import Annotated

import typer

from timeline.cli.common import JsonOption, KnownAtOption, command, emit, known_at_header, known_at_moment, on_date, say, tracker
from timeline.errors import DomainError, InputError


@command
def office_add(
    title: Annotated[str, typer.Argument(help="The office's title, e.g. 'UK Prime Minister'.")],
    alias: Annotated[list[str] | None, typer.Option("--alias", "-a", help="Another name for the office (repeatable).")] = None,
    wikidata: Annotated[str | None, typer.Option("--wikidata", help="Wikidata item id of the position (P39's value).", metavar="QID")] = None,
    as_json: JsonOption = False,
) -> None:
    """Register an office, or add aliases to one. An actor argument that names an office means
    whoever held it on the command's date.

    Example: timeline office add "UK Home Secretary" --alias "the Home Secretary" --wikidata Q1541553
    """
    result = tracker().add_office(title, aliases=alias or [], wikidata=wikidata)
    if as_json:
        emit(result)
        return
    verb = "Registered office" if result["created"] else "Office already registered:"
    extra = f" with aliases {', '.join(result['aliases_added'])}" if result["aliases_added"] else ""
    print(f"{verb} {result['office']}{extra}.")


@command
def office_term(
    title: Annotated[str, typer.Argument(help="The office's title or alias.")],
    holder: Annotated[str, typer.Argument(help="Who held it (a name or alias; created when new).")],
    start: Annotated[str, typer.Option("--from", help="First day in office (EDTF or natural language).")],
    end: Annotated[str | None, typer.Option("--to", help="The day the next holder took over; leave out while in office.")] = None,
    new_actor: Annotated[bool, typer.Option("--new-actor", help="Create the holder even when the name is close to a known actor's.")] = None,
    new_office: Annotated[bool, typer.Option("--new-office", help="Create the office even when the title is close to a known office's.")] = False,
    withdraw: Annotated[bool, typer.Option("--withdraw", help="Withdraw the recorded term of HOLDER that began on --from (a mistaken term); needs --reason.")] = False,
    reason: Annotated[str | None, typer.Option("--reason", help="Why the term is withdrawn (kept in the log).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Record a term: HOLDER held the office from --from until --to (a handover day belongs to the
    next holder). The same holder and start again with another --to corrects the end. Terms of one
    office may not overlap. With --withdraw and --reason, the term HOLDER began on --from is
    withdrawn: it no longer answers `holder` or an office name, and its days are free for another
    term; an answer --known-at before the withdrawal still sees it.

    Example: timeline office term "UK Home Secretary" "James Cleverly" --from 2023-11-13 --to 2024-07-05

    Example: timeline office term "UK Prime Minister" "Keir Starmer" --from 2024-07-05 --withdraw --reason "wrong holder"
    """
    if withdraw or reason is not None:
        _withdraw(title, holder, start, end, withdraw, reason, as_json)
        return
    first = on_date(start, echo=True, json_out=as_json)  # a write: the dates are stored as read
    last = on_date(end, echo=True, json_out=as_json) if end else None
    result = tracker().record_term(title, holder, first, last, new_actor=bool(new_actor), new_office=new_office)
    if as_json:
        emit(result)
        return
    for name in result["created"]:
        say(f"Created {name}.")
    until = f" to {result['end']}" if result["end"] else " (still in office)"
    print(f"{result['office']}: {result['holder']} from {result['start']}{until}: {result['done']}.")


def _withdraw(title: str, holder: str, start: str, end: str | None, withdraw: bool, reason: str | None,
              as_json: bool) -> None:
    if not withdraw:
        raise InputError("--reason goes with --withdraw: a recorded term needs no reason")
    if reason is None:
        raise InputError("--withdraw needs --reason: say why the term is withdrawn")
    if end is not None:
        raise InputError("--withdraw takes no --to: HOLDER and --from name the term to withdraw")
    result = tracker().withdraw_term(title, holder, on_date(start, echo=True, json_out=as_json), reason)
    if as_json:
        emit(result)
        return
    until = f" to {result['end']}" if result["end"] else " (open)"
    print(f"{result['office']}: withdrew the term of {result['holder']} from {result['start']}{until} ({result['reason']}).")


@command
def offices(as_json: JsonOption = False) -> None:
    """List offices with their aliases and terms.

    Example: timeline offices --json
    """
    from timeline import queries

    found = queries.list_offices(tracker().reader())
    if as_json:
        emit(found)
        return
    from rich.padding import Padding
    from rich.text import Text

    from timeline.cli.render import console

    for office in found:  # wrapped to the terminal, a term's continuation under its start
        also = f" (also: {', '.join(office['aliases'])})" if office["aliases"] else ""
        console.print(Text(f"{office['office']}{also}", overflow="fold"))
        for term in office["terms"]:
            console.print(Padding(Text(f"{term['start']} to {term['end'] or 'now'}: {term['holder']}", overflow="fold"),
                                  (0, 0, 0, 2), expand=False))


@command
def holder(
    title: Annotated[str, typer.Argument(help="The office's title or alias.")],
    on: Annotated[str | None, typer.Option("--on", help="The day to ask about (default: today, or the day of --known-at).")] = None,
    known_at: KnownAtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who held the office on a day?

    Example: timeline holder "the Prime Minister" --on 2024-08-01
    """
    from timeline import queries

    if not title.strip():
        raise InputError("the office is empty; give an office's title or alias, e.g. 'the Prime Minister'")
    from timeline.dates import utc_iso, wall_now

    moment = known_at_moment(known_at)
    stamp = utc_iso(moment or wall_now())  # taken before the question, as position's known_at is
    day = on_date(on, json_out=as_json, known_at=moment).end
    conn = tracker().reader()
    office = queries.match_office(conn, title, queries.asof_moment(moment))
    if office is None:
        raise DomainError(f"unknown office '{title}'; see 'timeline offices'")
    term = queries.holder_on(conn, office, day, queries.asof_moment(moment))
    # known_at (beside DESIGN's office, on, holder, term): the stamp a re-run with --known-at reproduces
    answer = {"office": office[1], "on": day.isoformat(), "holder": term["holder"],
              "term": {"start": term["start"], "end": term["end"]}, "known_at": stamp}
    if as_json:
        emit(answer)
    else:
        known_at_header(stamp)
        still = "now" if moment is None else "open, as known then"
        print(f"{answer['holder']} held {answer['office']} on {answer['on']} (term {term['start']} to {term['end'] or still}).")
