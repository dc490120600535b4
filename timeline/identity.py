"""Application commands about who: actors, topics, offices and their terms, renaming, aliases, merging.

A mixin of `Tracker` (which it needs for `commit`, `app` and `notices`): the commands that fix
who said what live here so that tracker.py keeps to records.
"""

from __future__ import annotations

import sqlite3
from typing import Any
from uuid import UUID

from events.dates import PartialDate
from events.text import check_name, check_slug, check_text, check_wikidata, normalise
from timeline import queries
from timeline.errors import DomainError, InputError


def _checked(check: Any, *args: Any) -> Any:
    try:
        return check(*args)
    except ValueError as error:
        raise InputError(str(error)) from None



def check_new_actor(conn: sqlite3.Connection, name: str, what: str, *, new_actor: bool) -> None:
    """Before an actor is registered under `name` (by `add`, `actor add` or `office term`): a name that
    is an office's means its holder on a date, and a name close to a known actor's is probably that
    actor; both are refused unless --new-actor says otherwise."""
    if new_actor:
        return
    office = queries.office_named(conn, name)
    if office:
        raise DomainError(f"'{name}' names the office {office}, not a person; give the holder's own name "
                          "(or use --new-actor to register an actor with that name anyway)")
    near = queries.near_actors(conn, name)
    if near:
        raise DomainError(f"unknown {what} '{name}'; did you mean {' or '.join(repr(n) for n in near)}? "
                          "(use --new-actor to create it)")

def known_actor(conn: sqlite3.Connection, name: str, *, new_actor: bool) -> tuple[Any, str]:
    """The actor `actor add NAME` changes (an ActorRef, and how NAME names it when not as its own
    name), or (None, "") for a new one. NAME is resolved as every ACTOR argument is (DESIGN §3,
    docs/names.md): a canonical name (a merged duplicate's answers for its survivor), else a unique
    alias. An office's title or alias is not resolved to its holder here: as a new actor's name it is
    refused unless --new-actor (check_new_actor); an alias of several actors is ambiguous, unless
    --new-actor registers a new actor with that name (as it does with an office's)."""
    key = normalise(name)
    own = [ref for ref in queries.match_actor(conn, name, follow_merges=False) if normalise(ref.name) == key]
    if own:
        found, how = queries.match_actor(conn, name), "was merged into"  # merges followed
    elif queries.office_named(conn, name):
        return None, ""
    else:
        found, how = queries.match_actor(conn, name), "is an alias of"
        if len(found) > 1 and new_actor:
            return None, ""
    if len(found) > 1:
        raise queries.ambiguity(name, found)
    if not found:
        return None, ""
    return found[0], "" if normalise(found[0].name) == key else how


class IdentityCommands:
    """Offices, terms and corrections of who (mixed into Tracker)."""

    # -- offices ---------------------------------------------------------------------------------

    def add_office(self, title: str, *, aliases: list[str] = (), wikidata: str | None = None) -> dict[str, Any]:
        """Establish an office (or add aliases to one); returns what was done."""
        from events.offices import Office

        title = _checked(check_name, title, "office title")
        aliases = [_checked(check_name, a, "office alias") for a in aliases]
        wikidata = _checked(check_wikidata, wikidata) if wikidata else None

        def plan(conn: sqlite3.Connection) -> tuple[list[Any], dict[str, Any]]:
            found = queries.match_office(conn, title)
            office = self.app().repository.get(UUID(found[0])) if found else Office.establish(title)
            added = [a for a in aliases if office.add_alias(a)]
            if wikidata:
                office.set_external_id("wikidata", wikidata)
            for alias in added:
                other = queries.match_office(conn, alias)
                if other and other[0] != office.id.hex:
                    raise DomainError(f"'{alias}' already names the office {other[1]}")
            return [office], {"office": office.title, "created": not found, "aliases_added": added}

        return self.commit(plan)

    def record_term(
        self, title: str, holder: str, start: PartialDate, end: PartialDate | None = None, *, new_actor: bool = False,
        new_office: bool = False,
    ) -> dict[str, Any]:
        """Record that `holder` held office `title` from `start` (to `end`); the office and the
        holder are created when new (a holder close to a known name needs `new_actor`, an office
        close to a known one `new_office`)."""
        from events.actors import Actor
        from events.offices import Office, check_term_dates

        title = _checked(check_name, title, "office title")
        holder = _checked(check_name, holder, "holder")
        _checked(check_term_dates, start, end)

        def plan(conn: sqlite3.Connection) -> tuple[list[Any], dict[str, Any]]:
            saved: list[Any] = []
            found = queries.match_office(conn, title)
            near = [] if found or new_office else queries.near_offices(conn, title)
            if near:
                raise DomainError(f"unknown office '{title}'; did you mean {' or '.join(repr(n) for n in near)}? "
                                  "(use --new-office to create it)")
            office = self.app().repository.get(UUID(found[0])) if found else Office.establish(title)
            people = queries.match_actor(conn, holder)
            if len(people) > 1:
                raise queries.ambiguity(holder, people)
            if people:
                holder_uuid, holder_name = UUID(people[0].uuid), people[0].name
            else:
                check_new_actor(conn, holder, "actor", new_actor=new_actor)
                actor = Actor.register(holder, taken=lambda uuid: queries.actor_exists(conn, uuid.hex))
                saved.append(actor)
                holder_uuid, holder_name = actor.id, actor.name
            try:
                done = office.record_term(holder_uuid, start, end)
            except ValueError as error:
                raise DomainError(str(error)) from None
            saved.append(office)
            return saved, {"office": office.title, "holder": holder_name, "start": str(start),
                           "end": str(end) if end else None, "done": done,
                           "created": [x for x, new in ((office.title, not found), (holder_name, bool(saved[:-1]))) if new]}

        return self.commit(plan)

    def withdraw_term(self, title: str, holder: str, start: PartialDate, reason: str) -> dict[str, Any]:
        """Withdraw the term of office `title` that `holder` began on `start` (a TermWithdrawn event:
        the term stops counting from now on, and answers as known before keep it)."""
        from timeline.queries.asof import survivor

        title = _checked(check_name, title, "office title")
        reason = _checked(lambda text: check_text(text, "reason", required=True), reason)

        def plan(conn: sqlite3.Connection) -> tuple[list[Any], dict[str, Any]]:
            found = queries.match_office(conn, title)
            if found is None:
                raise DomainError(f"unknown office '{title}'; see 'timeline offices'")
            office = self.app().repository.get(UUID(found[0]))
            people = {ref.uuid: ref.name for ref in queries.match_actor(conn, holder)}
            matches = [(n, term) for n, term in office.live_terms()
                       if term.start == start and survivor(conn, term.holder.hex, None) in people]
            if len(matches) != 1:
                terms = "; ".join(f"{t['holder']} from {t['start']} to {t['end'] or 'now'}" for t in queries.terms_of(conn, found[0]))
                raise DomainError(f"{office.title} has no term of '{holder}' from {start}; its terms: {terms or 'none'}")
            number, term = matches[0]
            office.withdraw_term(number, reason)
            name = people[survivor(conn, term.holder.hex, None)]
            return [office], {"office": office.title, "holder": name, "start": str(term.start),
                              "end": str(term.end) if term.end else None, "reason": reason, "done": "withdrawn"}

        return self.commit(plan)

    # -- fixing who ----------------------------------------------------------------------------

    def actor_for_record(self, record_id: str, name: str, date: PartialDate | None) -> UUID:
        """The actor `correct --actor NAME` means: an office resolves to its holder at the record's
        date (`date` when the same correction changes it), not today's (DESIGN §3)."""
        conn = self.writer()
        on = date or PartialDate.parse(queries.find_record(conn, record_id)["date"])
        who = queries.resolve_for_record(conn, name, on)
        if who is None:
            raise queries.unknown_actor(conn, name)
        if who.via:
            self.notices.append(f"actor: {queries.via_notice(who)}")
        return UUID(who.uuid)

    def _change_actor(self, name: str, change: Any) -> Any:
        def plan(conn: sqlite3.Connection) -> tuple[list[Any], Any]:
            ref = queries.resolve_actor(conn, name)
            actor = self.app().repository.get(UUID(ref.uuid))
            try:
                result = change(conn, actor)
            except ValueError as error:
                raise InputError(str(error)) from None
            return [actor], result

        return self.commit(plan)

    def rename_actor(self, name: str, new: str) -> dict[str, Any]:
        """Give an actor a new canonical name (the old one stays as an alias, so old files still import)."""
        new = _checked(check_name, new, "actor name")

        def change(conn: sqlite3.Connection, actor: Any) -> dict[str, Any]:
            # The new name may not be one that answers for someone else (DESIGN §3: a name, an office,
            # an alias): it would take that name over, or never be found; a close name may (deliberate).
            taken = [ref for ref in queries.match_actor(conn, new) if ref.uuid != actor.id.hex]
            named = [ref for ref in queries.match_actor(conn, new, follow_merges=False) if normalise(ref.name) == normalise(new)]
            if taken and named:  # a name of another actor (its own, or a duplicate's merged into it)
                merged = f" (merged into {taken[0].name})" if normalise(taken[0].name) != normalise(new) else ""
                raise DomainError(f"'{new}' is already the name of another actor{merged}; if they are one actor, "
                                  "merge them with 'timeline actor merge'")
            office = queries.office_named(conn, new)
            if office:
                raise DomainError(f"'{new}' names the office {office}, so as {actor.name}'s name it would answer "
                                  f"for {actor.name} instead of the office's holder; to say {actor.name} holds it, use 'timeline office term "
                                  f"\"{office}\" \"{actor.name}\" --from DATE'")
            if taken:
                raise DomainError(f"'{new}' is an alias of {' and '.join(ref.name for ref in taken)}, so renaming "
                                  f"{actor.name} to it would take that name from {'them' if len(taken) > 1 else taken[0].name}; "
                                  "choose another name")
            old = actor.name
            if not actor.rename(new):
                raise DomainError(f"{old} is already called that")
            actor.add_alias(old)
            return {"name": new, "was": old}

        return self._change_actor(name, change)

    def change_aliases(self, name: str, *, add: list[str] = (), remove: list[str] = ()) -> dict[str, Any]:
        """Add and remove aliases; warns when a new alias makes a unique one ambiguous."""
        typed, add = list(add), [_checked(check_name, a, "alias") for a in add]

        def change(conn: sqlite3.Connection, actor: Any) -> dict[str, Any]:
            removed = []
            for alias in remove:
                if not actor.remove_alias(alias):
                    raise DomainError(f"{actor.name} has no alias '{alias}'")
                removed.append(alias)
            for alias in typed:  # another actor's name or an office answers it first: it would never be used
                if why := queries.unusable_alias(conn, alias, actor.id.hex, actor.name):
                    raise DomainError(why)
            added = [a for a in add if actor.add_alias(a)]
            self.notices += [note for alias in added if (note := _alias_note(conn, alias, actor))]
            return {"name": actor.name, "aliases_added": added, "aliases_removed": removed}

        return self._change_actor(name, change)

    def merge_actor(self, duplicate: str, survivor: str, reason: str) -> dict[str, Any]:
        """Merge a duplicate actor into another: its records answer under the survivor from now on."""
        reason = _checked(lambda text: check_text(text, "reason", required=True), reason)

        def plan(conn: sqlite3.Connection) -> tuple[list[Any], dict[str, Any]]:
            dup, into = queries.resolve_actor(conn, duplicate), queries.resolve_actor(conn, survivor)
            if dup.uuid == into.uuid:
                raise DomainError(f"'{duplicate}' and '{survivor}' are already the same actor ({into.name})")
            actor = self.app().repository.get(UUID(dup.uuid))
            actor.merge_into(UUID(into.uuid), reason)
            return [actor], {"merged": dup.name, "into": into.name, "reason": reason}

        return self.commit(plan)

    def add_actor(
        self, name: str, *, aliases: list[str] = (), kind: str | None = None, wikidata: str | None = None,
        new_actor: bool = False,
    ) -> dict[str, Any]:
        """Register an actor, or add aliases, a kind or a Wikidata id to one; returns what was done."""
        from events.text import check_wikidata

        try:
            name = check_name(name, "actor name")
            aliases = [check_name(a, "alias") for a in aliases]
        except ValueError as error:
            raise InputError(str(error)) from None
        if kind is not None:
            from events.vocabulary import ActorKind

            try:
                kind = ActorKind(kind.strip().lower()).value
            except ValueError:
                raise InputError(f"unknown actor kind {kind!r}; choose person or organisation") from None
        try:
            wikidata = check_wikidata(wikidata) if wikidata else None
        except ValueError as error:
            raise InputError(str(error)) from None
        from uuid import UUID

        from events.actors import Actor

        def plan(conn: sqlite3.Connection) -> tuple[list[Any], dict[str, Any]]:
            found, how = known_actor(conn, name, new_actor=new_actor)
            if found:
                actor = self.app().repository.get(UUID(found.uuid))
                if how:
                    self.notices.append(f"Note: '{name}' {how} {found.name}, so this command changes {found.name}")
            else:
                check_new_actor(conn, name, "actor", new_actor=new_actor)
                actor = Actor.register(name, kind or "person", taken=lambda uuid: queries.actor_exists(conn, uuid.hex))
            kind_changed = bool(found and kind and actor.change_kind(kind))
            for alias in aliases:  # as `actor alias --add` refuses it (it was added with a note that it is never used)
                if why := queries.unusable_alias(conn, alias, found.uuid if found else None, actor.name):
                    raise DomainError(why)
            added = [alias for alias in aliases if actor.add_alias(alias)]
            self.notices += [note for alias in added if (note := _alias_note(conn, alias, actor))]
            if wikidata:
                actor.set_external_id("wikidata", wikidata)
            return [actor], {"name": actor.name, "created": not found, "aliases_added": added,
                             "kind": actor.kind, "kind_changed": kind_changed, "wikidata": actor.external_ids.get("wikidata")}

        return self.commit(plan)

    def add_topic(
        self, slug: str, *, title: str | None = None, parent: str | None = None, inverse: bool | None = None,
        wikidata: str | None = None,
    ) -> dict[str, Any]:
        """Register a topic, or retitle / move / set the polarity of an existing one; returns what was
        done, and under "was" the known topic's (parent,) before (None for a new topic)."""
        from events.text import check_wikidata

        try:
            wikidata = check_wikidata(wikidata) if wikidata else None
            slug = check_slug(slug)
            parent = check_slug(parent) if parent else None
            title = check_name(title, "topic title") if title else None
        except ValueError as error:
            raise InputError(str(error)) from None
        from events.topics import Topic, topic_id

        def plan(conn: sqlite3.Connection) -> tuple[list[Any], dict[str, Any]]:
            if parent is not None:
                if not queries.topic_exists(conn, parent):
                    raise DomainError(f"unknown parent topic '{parent}'; add it first with 'timeline topic add {parent}'")
                if slug in queries.ancestors(conn, parent) or parent == slug:
                    raise DomainError(f"cannot put '{slug}' under '{parent}': that would make a loop")
            changed: list[str] = []
            was = None  # (its parent before,) for a known topic
            try:
                if not queries.topic_exists(conn, slug):
                    topic = Topic.register(slug, title, parent)
                    changed.append("created")
                else:
                    topic = self.app().repository.get(topic_id(slug))
                    was = (topic.parent,)
                    if title and topic.retitle(title):
                        changed.append("retitled")
                    if parent is not None and topic.move(parent):
                        changed.append("moved")
                if inverse is not None and topic.set_polarity("inverse" if inverse else "same"):
                    changed.append("inverse" if inverse else "same polarity")
                if wikidata and topic.set_external_id("wikidata", wikidata):
                    changed.append("wikidata")
            except ValueError as error:
                raise InputError(str(error)) from None
            return [topic], {"slug": slug, "title": topic.title, "parent": topic.parent, "polarity": topic.polarity,
                             "changes": changed, "was": was}

        return self.commit(plan)


    # -- records -------------------------------------------------------------------------------


def _alias_note(conn: sqlite3.Connection, alias: str, actor: Any) -> str | None:
    """What a new alias means for the names users type: ambiguous when another actor has it as an
    alias too (another actor's name or an office is refused before: queries.unusable_alias)."""
    others = [ref.name for ref in queries.match_actor(conn, alias) if ref.uuid != actor.id.hex]
    if not others:
        return None
    return f"Note: '{alias}' now names {actor.name} and {', '.join(others)}: it is ambiguous unless an office answers it"
