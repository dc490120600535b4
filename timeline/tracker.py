"""Application commands: the only code that appends events. The CLI is a thin shell over this.

Every command takes the store's writers' lock (timeline/writelock.py), catches the read model up,
decides from it and from the aggregates, saves all of its new events in one transaction, and lets
go: two writers take turns, so the second decides on the first one's result. When a writer that
takes no lock (the lean `add`, a bulk import) got there first, the store refuses the save (same
aggregate version, or the same deterministic id); the command then re-plans against the new
state, a bounded number of times.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from events.dates import PartialDate
from events.text import check_name, check_slug
from timeline import queries
from timeline.errors import DomainError, InputError, TimelineError
from timeline.identity import IdentityCommands, check_new_actor
from timeline.readmodel.place import default_view_path, shared_view_path
from timeline.readmodel.view import View
from timeline.record_ids import free_record_id
from timeline.recordplan import plan_record
from timeline.retry import CONTENDED, RETRY_SECONDS, attempts, clash, pending_events
from timeline.store import check_sqlite_path, is_postgres

# The eventsourcing library and the aggregates are imported by the methods that write: a read
# whose view is already current never loads them (see `reader`).

class Tracker(IdentityCommands):
    """One event store and its read model, opened lazily."""

    def __init__(self, db: str | None = None, view: str | Path | None = None) -> None:
        from timeline.store import resolve_db

        self.location = resolve_db(db)
        self.view_path = Path(view) if view else default_view_path(self.location)
        self.notices: list[str] = []
        self._app: Any = None  # a TimelineApp once opened
        self._view: View | None = None
        self._made: list[Path] = []  # files this command created, removed again if it fails having saved nothing
        self.bulk = False  # set before the store is opened by a bulk import (PostgreSQL: COPY)

    # -- plumbing ------------------------------------------------------------------------------

    def app(self, *, create: bool = False) -> Any:
        """The eventsourcing application (a TimelineApp) over the store."""
        if self._app is None:
            from timeline.store import open_store

            self._app = open_store(self.location, create=create, bulk=self.bulk)
        return self._app

    def view(self) -> View:
        if self._view is None:
            from timeline.store import store_identity

            folder = self.view_path.parent.absolute()
            shared = folder == shared_view_path(self.location).parent
            if shared and not is_postgres(self.location) and not self.view_path.exists():
                self.notices.append(f"{self.location} is in a folder that cannot be written; its read model is kept in {self.view_path}")
            if folder == Path.cwd() / "db" or shared:
                folder.mkdir(parents=True, exist_ok=True)  # a default home, as for the store
            self._view = View(self.view_path)
            self._view.belongs_to(store_identity(self.location))
            if self._view.rebuilt_reason:
                self.notices.append(self._view.rebuilt_reason)
        return self._view

    def catch_up(self) -> sqlite3.Connection:
        view = self.view()
        before = view.rebuilt_reason
        view.catch_up(self.app())
        if view.rebuilt_reason and view.rebuilt_reason != before:
            self.notices.append(view.rebuilt_reason)
        return view.conn

    def reader(self) -> sqlite3.Connection:
        """The read model, caught up with the store (which must exist)."""
        if self._app is None and not is_postgres(self.location):
            check_sqlite_path(Path(self.location), create=False)  # refuse before the view file is made
            if self.view().is_current_with(self.location):
                return self.view().conn  # nothing new in the log: no need to open the event store
        self.app(create=False)
        return self.catch_up()

    def writer(self) -> sqlite3.Connection:
        """Like reader(), but creates the store when it does not exist yet."""
        self._open_to_write()
        return self.catch_up()

    def _open_to_write(self) -> None:
        if self._app is None:
            paths = [self.view_path] if is_postgres(self.location) else [Path(self.location), self.view_path]
            self._made = [p for path in paths for p in (*reversed(path.absolute().parents), path) if not p.exists()]
        self.app(create=True)

    def writers_lock(self, *, seconds: float | None = None) -> Any:
        """A context manager: this store's writers take turns inside it (timeline/writelock.py).
        Hold it across catch-up → plan → save of anything that changes who or what (actors, names,
        aliases, merges, topics, offices, terms); `commit` takes it. Re-entrant within a thread."""
        from timeline.writelock import writers_lock

        self._open_to_write()  # a new SQLite store's folder exists before its lock file is made beside it
        return writers_lock(self.location, seconds=seconds)

    def event_count(self) -> int:
        """How many events the store holds (its latest notification id)."""
        return self.app(create=False).recorder.max_notification_id() or 0

    def rebuild(self, *, progress: Callable[[int], None] | None = None) -> int:
        """Derive the read model again from the whole log; returns the number of events applied."""
        return self.view().rebuild(self.app(create=False), progress=progress)

    def close(self, *, failed: bool = False) -> None:
        """Close the store and view; after a failed command that saved nothing, remove the files it
        created (a failed command writes nothing)."""
        empty = False
        if failed and self._made and self._app is not None:
            try:
                empty = not self._app.recorder.max_notification_id()
            except Exception:  # noqa: BLE001 - unsure: keep the files
                empty = False
        if self._view is not None:
            self._view.close()
        if self._app is not None:
            self._app.close()
        if empty:
            for path in reversed(self._made):
                for file in (path, *(Path(f"{path}{end}") for end in ("-wal", "-shm", "-journal", ".lock"))):
                    if file.is_file():
                        file.unlink()
                if path.is_dir() and not any(path.iterdir()):
                    path.rmdir()

    def save(self, *aggregates: Any) -> None:
        """Save in one transaction, then project what was saved straight from memory when the
        view is exactly up to date (otherwise the next catch-up reads it from the log)."""
        # The application's save() adds repository caching and runtime protocol checks that cost
        # ~20 µs an event; its event store's put() is the same one transaction without them.
        events = pending_events(aggregates)
        if events:
            from timeline.store.bulksqlite import put

            recordings = put(self.app(), events)  # one transaction for all of them
            if not self.view().apply_recordings(recordings):
                self.catch_up()

    def commit(self, plan: Callable[[sqlite3.Connection], tuple[Sequence[Any], Any]], *, contended: str = "") -> Any:
        """Plan against the caught-up read model and save what the plan returns, in one transaction,
        holding the writers' lock throughout (so no other command plans on the same state).

        `plan(conn)` returns (aggregates or events to save, result). When a writer that takes no lock
        saved first (the same deterministic id, or a newer version of an aggregate), the store refuses
        the save: catch up and plan again, for up to RETRY_SECONDS, then say so in one sentence.
        Afterwards the read model holds what was saved.
        """
        from eventsourcing.persistence import IntegrityError

        with self.writers_lock():
            conn = self.catch_up()
            for _ in attempts():
                seen = self.view().position()
                items, result = plan(conn)
                events = pending_events(items)
                try:
                    self.save(*events)
                    return result
                except IntegrityError:
                    conn = self.catch_up()
                    if self.view().position() == seen:  # no one saved anything since: the plan would not change
                        raise DomainError(clash(self.app(), conn, events)) from None
        raise DomainError(CONTENDED.format(RETRY_SECONDS) + contended)

    # -- actors and topics ---------------------------------------------------------------------

    def add_record(
        self,
        *,
        actor: str,
        topic: str,
        kind: str,
        stance: str,
        date: PartialDate,
        summary: str,
        quote: str | None = None,
        source: str | None = None,
        source_url: str | None = None,
        record_id: str | None = None,
        new_actor: bool = False,
        new_topic: bool = False,
        extra: dict[str, Any] | None = None,
        responds_to: str | None = None,
        target: str | None = None,
    ) -> dict[str, Any]:
        """Append one record (creating its actor and topic when new); returns the record JSON.

        `responds_to` names the record this one answers (it must exist; a retracted one is
        allowed, with a notice); `target` the actor addressed, resolved and created like `actor`.
        """
        from events.recordfields import check_fields, check_record_id

        try:
            fields = check_fields(dict(
                kind=kind, stance=stance, date=date, summary=summary, quote=quote, source=source,
                source_url=source_url, topic=topic, extra=extra or {}, responds_to=responds_to,
            ))
            actor = check_name(actor, "actor name")
            target = check_name(target, "target") if target is not None else None
            if record_id is not None:
                record_id = check_record_id(record_id)
        except ValueError as error:
            raise InputError(str(error)) from None
        if not self.bulk and self._app is None:
            # The common case (actor, topic and links known, a current SQLite store) without the
            # aggregates' classes; None: anything else, done below (docs/performance.md, "Lean add").
            from timeline.store.leanadd import add_lean

            done = add_lean(self, fields, actor=actor, target=target, record_id=record_id)
            if done is not None:
                return done

        from uuid import UUID

        from events.actors import Actor
        from events.records import Record
        from events.topics import Topic

        def plan(conn: sqlite3.Connection) -> tuple[list[Any], tuple[str, list[str]]]:
            new_aggregates: list[Any] = []
            created: list[str] = []

            def new_actor_uuid(name: str, option: str) -> tuple[str, str]:
                made = next((a for a in new_aggregates if isinstance(a, Actor) and a.name == name), None)
                if made is None:
                    check_new_actor(conn, name, option, new_actor=new_actor)
                    made = Actor.register(name, taken=lambda uuid: queries.actor_exists(conn, uuid.hex))
                    new_aggregates.append(made)
                    created.append(f"created new actor '{made.name}'")
                return made.id.hex, made.name

            def add_topic(slug: str) -> None:
                if queries.near_topics(conn, slug) and not new_topic:
                    raise queries.unknown_topic(conn, slug, "use --new-topic to create it")
                new_aggregates.append(Topic.register(slug))
                created.append(f"created new topic '{slug}'")

            rid, owner_uuid = plan_record(conn, fields, actor, target, record_id, created, new_actor_uuid, add_topic)
            record = Record.make(record_id=rid, actor_id=UUID(owner_uuid), **fields)
            return [*new_aggregates, record], (rid, created)

        rid, created = self.commit(plan)
        self.notices += created
        return queries.record_json_by_id(self.view().conn, rid)

    def correct(self, record_id: str, changes: dict[str, Any], reason: str) -> dict[str, Any]:
        """Append a Corrected event with the fields that really change."""
        if not changes:
            raise InputError("nothing to correct: give at least one of --actor, --on, --stance, --kind, --summary, --quote, --source, --url, --topic")
        if "actor" in changes:
            changes["actor_id"] = self.actor_for_record(record_id, changes.pop("actor"), changes.get("date"))
        if "topic" in changes:
            conn = self.writer()
            try:
                slug = check_slug(changes["topic"])
            except ValueError as error:
                raise InputError(str(error)) from None
            if not queries.topic_exists(conn, slug):
                raise queries.unknown_topic(conn, slug, f"add it first with 'timeline topic add {slug}'")
        return self._amend(record_id, lambda record: _correct(record, changes, reason))

    def retract(self, record_id: str, reason: str) -> dict[str, Any]:
        """Append a Retracted event; the record stays readable in its history."""
        return self._amend(record_id, lambda record: record.retract(reason))

    def _amend(self, record_id: str, change: Callable[[Any], Any]) -> dict[str, Any]:
        from events.recordfields import Refused, record_uuid

        seen: list[int] = []  # the version each attempt started from

        def plan(conn: sqlite3.Connection) -> tuple[list[Any], None]:
            record = self.app().repository.get(record_uuid(queries.find_record(conn, record_id)["id"]))
            raced = bool(seen) and record.version != seen[-1]  # another writer changed it between our read and save
            seen.append(record.version)
            try:
                change(record)
            except Refused as error:  # what the record's state does not allow: a domain refusal
                raise DomainError(str(error)) from None
            except ValueError as error:  # a malformed value
                raise InputError(str(error)) from None
            if raced:  # said only when the change does apply on top
                self.notices.append(f"Note: {record_id} was changed by another writer while this was being saved; "
                                    f"this applies on top of its version {record.version - 1} "
                                    f"(see timeline history {record_id})")
            return [record], None

        self.commit(plan)
        # DESIGN §5: the record as it now stands, with the time of this event (not the creation) as recorded_at.
        conn = self.view().conn
        return {**queries.record_json_by_id(conn, record_id),
                "recorded_at": queries.find_record(conn, record_id)["changed_at"]}

def _correct(record: Any, changes: dict[str, Any], reason: str) -> None:
    from events.recordfields import Refused

    if not record.correct(changes, reason):
        raise Refused(f"nothing to correct: record {record.record_id} already says that")





__all__ = ["Tracker", "TimelineError", "free_record_id"]
