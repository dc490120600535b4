"""Whether a new alias can ever answer: a name is found before an alias, and an office's title or
alias before an actor's alias (DESIGN §3), so such an alias would never be used."""

from __future__ import annotations

import sqlite3

from events.text import normalise
from timeline.queries.names import match_actor, office_named


def unusable_alias(conn: sqlite3.Connection, alias: str, owner: str | None, owner_name: str) -> str | None:
    """Why `alias` would never answer for the actor `owner` (uuid hex; None: not stored yet): it is
    another actor's name, or an office's title or alias, and those are found first (DESIGN §3).
    None when it can be used. `actor add`, `actor alias` and import refuse such an alias alike."""
    named = [ref.name for ref in match_actor(conn, alias)
             if ref.uuid != owner and normalise(ref.name) == normalise(alias)]
    if named:
        return (f"'{alias}' is the name of {named[0]}, so as an alias of {owner_name} it would never be used; "
                "if they are one actor, use 'timeline actor merge'")
    office = office_named(conn, alias)
    if office:
        return (f"'{alias}' names the office {office}, so as an alias of {owner_name} it would never be used; to say "
                f"{owner_name} holds it, use 'timeline office term \"{office}\" \"{owner_name}\" --from DATE'")
    return None
