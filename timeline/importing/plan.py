"""Planning and saving an import: which actors, topics and records are new, unchanged or in conflict.

1. Parse and validate every line; any error → all errors listed with line numbers, nothing written.
2. Plan against the caught-up read model: which actors and topics are new, which lines are
   unchanged (same id, same content), which conflict (same id, other content).
3. Save in batches (many aggregates per save, one transaction each). A batch that loses a race
   with a concurrent importer is re-planned, so importing stays idempotent under concurrency.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from events import Actor, Record, Topic, record_uuid
from timeline import queries
from timeline.errors import DomainError, InputError
from timeline.importing import tree
from timeline.importing.identities import topic_conflicts, tree_loops
from timeline.bulk import quiet_gc
from timeline.importing.owners import owner_key, owner_of
from timeline.importing.rows import MAX_ERRORS_SHOWN, errors_sentence
from timeline.importing.validate import BATCH, ExplicitIds, Line, Spool
from timeline.importing.summary import Summary, interrupted, refused_after, stop_between_batches
from timeline.record_ids import date_part, id_bases
from timeline.tracker import Tracker, free_record_id


def content_of(fields: dict[str, Any], owner: str, target: str | None = None) -> dict[str, Any]:
    """The comparable content of a record: what makes a re-imported line 'the same'."""
    return {
        "actor_uuid": owner, "topic": fields["topic"], "kind": fields["kind"], "stance": fields["stance"],
        "date": str(fields["date"]), "summary": fields["summary"], "quote": fields["quote"],
        "source": fields["source"], "source_url": fields["source_url"],
        "extra": json.dumps(fields["extra"], ensure_ascii=False, sort_keys=True),
        "responds_to": fields.get("responds_to"), "target_uuid": target,
    }


def stored_content(row: Any) -> dict[str, Any]:
    return {key: row[key] for key in (
        "actor_uuid", "topic", "kind", "stance", "date", "summary", "quote", "source", "source_url", "extra",
        "responds_to", "target_uuid",
    )}


def import_lines(
    timeline: Tracker,
    lines: list[Line] | Spool,
    *,
    update: bool = False,
    reason: str = "updated by import",
    progress: Any = None,
    batch_size: int | None = None,
) -> Summary:
    """Append validated lines (a list, or a Spool from `spool()`); returns what was added,
    unchanged and updated.

    Each batch (`batch_size`, default $TIMELINE_IMPORT_BATCH or 5000 records) is one transaction:
    a crash leaves whole batches only, and re-running the import completes it without duplicates.
    """
    identities = lines.identities if isinstance(lines, Spool) else []
    from timeline.importing.terms import TermLine, check_terms, import_terms

    if isinstance(lines, Spool):
        batches, explicit, terms, replies = lines.batches, lines.explicit, lines.terms, lines.has_replies
        timeline.notices += lines.notices
        claims = lines.claims
    else:
        terms = [line for line in lines if isinstance(line, TermLine)]
        lines = [line for line in lines if not isinstance(line, TermLine)]
        size = batch_size or int(os.environ.get("TIMELINE_IMPORT_BATCH") or BATCH)
        batches = lambda: (lines[i : i + size] for i in range(0, len(lines), size))  # noqa: E731
        explicit = ExplicitIds(hash(line.record_id) for line in lines if line.record_id)
        replies = any(line.fields.get("responds_to") for line in lines)
        claims = tree.of_lines(identities, lines)
        if claims.problems:
            raise InputError(errors_sentence(claims.problems[:MAX_ERRORS_SHOWN], len(claims.problems)))
    summary = Summary()
    timeline.bulk = True  # if the store is not open yet: large batches by COPY on PostgreSQL
    with quiet_gc():
        conn = timeline.writer()
        # An empty store has nothing to conflict with, so the whole-file pass is needed only for replies
        # (a line may answer a record that neither the store nor the file holds): one pass fewer.
        edges = claims.edges()  # every parent the file states, topic lines' and records' paths
        if not queries.is_empty(conn) or replies or update:  # --update may move topics: check the tree
            timeline.notices += _check_whole_file(conn, batches(), update=update, explicit=explicit, edges=edges)
        elif loops := tree_loops(conn, edges):
            raise DomainError(f"nothing imported: {len(loops)} line(s) would make a loop in the topic tree\n" + "\n".join(loops))
        check_terms(timeline, conn, terms)  # terms against the store and each other, before any write
        if identities:
            from timeline.importing.identities import plan_identities

            made = timeline.commit(lambda conn: plan_identities(timeline, conn, identities, update=update, claims=claims))
            summary.actors_created += made["actors_created"]
            summary.topics_created += made["topics_created"]
        owners: dict[str, str] = {}  # normalised actor name → uuid of actors known to be saved
        mine: set[str] = set()  # ids of the records this import added (not edits of older ones)
        total = lines.count if isinstance(lines, Spool) else len(lines)
        from timeline.readmodel import deferred  # a large import builds records' wide indexes at the end

        held = deferred.begin(timeline.view(), total)
        with stop_between_batches() as stop, deferred.ending(timeline.view(), held):
            for batch in batches():
                def plan(conn: Any, batch: list[Line] = batch) -> tuple[list[Any], tuple[Summary, dict[str, str]]]:
                    return _plan_batch(timeline, conn, batch, owners, explicit, update=update, reason=reason, mine=mine,
                                       claims=claims)

                try:
                    done, new_owners, added_ids = timeline.commit(plan, contended=" (whole batches already saved stay; re-run to finish)")
                except DomainError as error:  # a later batch refused: say what earlier batches saved
                    raise refused_after(error, summary) from None
                mine |= added_ids
                summary.add(done)
                owners.update(new_owners)
                if progress:
                    progress(len(batch))
                if stop:
                    raise interrupted(summary, total)
        made = import_terms(timeline, terms)
        summary.terms, summary.offices_created = made["terms"], made["offices_created"]
        summary.actors_created += made["actors_created"]
    return summary


def _check_whole_file(conn: Any, batches: Iterable[list[Line]], *, update: bool, explicit: ExplicitIds,
                      edges: list[tuple[str, str, str]]) -> list[str]:
    """Refuse before writing anything: ambiguous actors, conflicts unless --update, loops in the
    topic tree (`edges`: the topic lines' (slug, parent, where), then the records'). Returns the
    notices to show: replies to records neither stored nor in the file are kept and flagged (an
    export leaves retracted records out but keeps the replies to them)."""
    problems: list[str] = []
    notices: list[str] = []
    count = 0
    owners: dict[str, str] = {}
    offices = queries.office_keys(conn)

    def problem(text: str) -> None:
        nonlocal count
        count += 1
        if len(problems) < MAX_ERRORS_SHOWN:
            problems.append(text)

    for batch in batches:
        for line in batch:
            for name in (line.actor, line.target):
                key = owner_key(line, name, offices) if name else None
                if key is not None and key not in owners:
                    try:
                        owners[key] = owner_of(conn, line, name)[0]
                    except DomainError as error:
                        problem(str(error))
                        owners[key] = ""
        answered = {line.fields["responds_to"] for line in batch if line.fields.get("responds_to")}
        stored = queries.records_by_id(conn, sorted(answered))
        for line in batch:
            wanted = line.fields.get("responds_to")
            if wanted and wanted not in stored and wanted not in explicit:
                notices.append(f"Note: line {line.number} answers the record '{wanted}', which is neither stored nor in "
                               "this file (retracted, or not imported yet); the link is kept as written")
        for line in batch:
            if update and line.topic_parents:  # --update moves existing topics along the line's path
                path = [*line.topic_parents, line.fields["topic"]]
                edges += [(step, parent, f"line {line.number}") for parent, step in zip(path, path[1:])]
            if (line.topic_parents or line.topic_title) and not update:
                path = [None, *line.topic_parents, line.fields["topic"]]
                for parent, step in zip(path, path[1:]):
                    title = line.topic_title if step == line.fields["topic"] else None
                    for found in topic_conflicts(conn, step, title, parent, f"line {line.number}"):
                        problem(found)
        existing = queries.records_by_id(conn, [line.record_id for line in batch if line.record_id])
        for line in batch:
            row = existing.get(line.record_id) if line.record_id else None
            if row is None or not owners[owner_key(line, None, offices)]:
                continue
            stored = stored_content(row)
            target = owners.get(owner_key(line, line.target, offices)) if line.target else None
            content = content_of(line.fields, owners[owner_key(line, None, offices)], target)
            if stored == content:
                continue
            if row["status"] == "retracted":
                problem(f"line {line.number}: record {line.record_id} is retracted and cannot be changed")
            elif not update:
                diff = ", ".join(k.replace("actor_uuid", "actor") for k, v in content.items() if stored[k] != v)
                problem(f"line {line.number}: record {line.record_id} differs from the stored one ({diff})")
            elif cleared := [k for k in ("quote", "source", "source_url", "responds_to") if stored[k] and not content[k]]:
                # --update makes the record what the line says: a citation the line leaves out is cleared
                # (the earlier version stays in `history`); say so rather than lose it quietly.
                notices.append(f"Note: line {line.number}: --update clears the {', '.join(cleared)} of record "
                               f"{line.record_id} (the line gives none; `timeline history {line.record_id}` keeps the old version)")
        for line in batch:  # a line without an id that edits a stored record: found before any batch is saved
            owner = owners.get(owner_key(line, None, offices))
            if line.record_id or not owner:
                continue
            target = owners.get(owner_key(line, line.target, offices)) if line.target else None
            content = content_of(line.fields, owner, target)
            family = _family(conn, line, owner)[1]
            if not any(stored_content(row) == content for row in family) and (edited := _edited(family, content, set())):
                problem(_looks_like_an_edit(line, edited, content))
    for loop in dict.fromkeys(tree_loops(conn, edges)):  # a path stated twice is one loop
        problem(loop)
    if count:
        hint = " (use --update to append corrections)" if any("differs" in p for p in problems) else ""
        hint = "" if any("looks like an edit" in p for p in problems) else hint  # each line says what to do
        hint = " (use --update to apply them)" if any("topic " in p and "loop" not in p for p in problems) else hint
        what = "would make a loop in the topic tree" if all("loop" in p for p in problems) else "cannot be applied"
        raise DomainError(
            f"nothing imported: {count} line(s) {what}{hint}\n"
            + "\n".join(problems)
            + (f"\n… and {count - len(problems)} more" if count > len(problems) else "")
        )
    if len(notices) > MAX_ERRORS_SHOWN:
        notices[MAX_ERRORS_SHOWN:] = [f"Note: … and {len(notices) - MAX_ERRORS_SHOWN} more such lines"]
    return notices


def _plan_batch(
    timeline: Tracker,
    conn: Any,
    batch: list[Line],
    owners: dict[str, str],
    reserved: ExplicitIds,
    *,
    update: bool,
    reason: str,
    mine: set[str] = frozenset(),  # type: ignore[assignment]
    claims: tree.TopicClaims,
) -> tuple[list[Any], tuple[Summary, dict[str, str], set[str]]]:
    """Plan one batch against the read model: what to save, what it will have done, and the
    actors it resolves or creates (for `Tracker.commit`, which saves it in one transaction)."""
    app = timeline.app()
    offices = queries.office_keys(conn)
    aggregates: dict[UUID, Any] = {}
    created_actors: list[str] = []
    created_topics: list[str] = []
    aliases_added = 0
    new_owners: dict[str, str] = {}

    def actor_for(line: Line, name: str | None = None) -> str:
        nonlocal aliases_added
        key = owner_key(line, name, offices)
        uuid = owners.get(key) or new_owners.get(key)
        if uuid is None:
            uuid, exists = owner_of(conn, line, name)
            if not exists and UUID(uuid) not in aggregates:
                actor = Actor.register(name or line.actor, "person" if name else line.actor_kind or "person")
                aggregates[actor.id] = actor
                created_actors.append(actor.name)
            new_owners[key] = uuid
        if name:  # a target: its aliases and roles are not on this line
            return uuid
        if line.aliases or line.role:
            actor = aggregates.get(UUID(uuid)) or app.repository.get(UUID(uuid))
            aggregates[actor.id] = actor
            for alias in line.aliases:
                aliases_added += actor.add_alias(alias)
            if line.role:
                actor.record_role(line.role, line.fields["date"])
        return uuid

    topics_seen: set[str] = set()

    def register(slug: str, title: str | None, parent: str | None) -> None:
        topic = Topic.register(slug, title, parent)
        aggregates[topic.id] = topic
        created_topics.append(slug)

    # A new topic is made where the file puts it (any line of it), missing ancestors first.
    ensure = tree.creator(claims, lambda slug: queries.topic_exists(conn, slug), register)
    ids = [line.record_id for line in batch if line.record_id]
    existing = queries.records_by_id(conn, ids)
    conflicts: list[str] = []
    taken: set[str] = set()
    new_records: list[Any] = []
    added = unchanged = updated = 0
    for line in batch:
        owner = actor_for(line)
        target = actor_for(line, line.target) if line.target else None
        fields = {**line.fields, "target_id": owner_uuid(target)} if target else line.fields
        slug = line.fields["topic"]
        if slug not in topics_seen:
            # An existing topic is left where it is, unless --update and the line puts it elsewhere.
            parent = None
            for step, title in [*((p, None) for p in line.topic_parents), (slug, line.topic_title)]:
                if step not in topics_seen and step not in created_topics:
                    if not queries.topic_exists(conn, step):
                        ensure(step)
                    elif update and topic_conflicts(conn, step, title, parent, ""):
                        _move_topic(app, aggregates, step, title, parent)
                topics_seen.add(step)
                parent = step
        row = existing.get(line.record_id) if line.record_id else None
        content = content_of(line.fields, owner, target) if row is not None or not line.record_id else None
        if line.record_id:
            if row is None:
                rid = line.record_id
            elif stored_content(row) == content:
                unchanged += 1
                continue
            elif not update:
                diff = [k for k, v in content.items() if stored_content(row)[k] != v]
                conflicts.append(f"line {line.number}: record {line.record_id} differs from the stored one ({', '.join(diff)})")
                continue
            else:
                record = app.repository.get(record_uuid(line.record_id))
                changes = {k: v for k, v in fields.items()}
                changes["actor_id"] = owner_uuid(owner)
                changes.setdefault("target_id", None)
                if record.retracted:
                    conflicts.append(f"line {line.number}: record {line.record_id} is retracted and cannot be updated")
                    continue
                record.correct(changes, reason)
                aggregates[record.id] = record
                updated += 1
                continue
        else:
            base, family = _family(conn, line, owner)
            if any(stored_content(row) == content for row in family):
                unchanged += 1
                continue
            edited = _edited(family, content, mine)
            if edited:
                conflicts.append(_looks_like_an_edit(line, edited, content))
                continue
            rid = free_record_id(conn, base, taken, reserved)
        taken.add(rid)
        new_records.append(Record.made_event(record_id=rid, actor_id=owner_uuid(owner), fields=fields))
        added += 1
    if conflicts:
        raise DomainError(
            f"nothing imported from this batch: {len(conflicts)} line(s) conflict with stored records "
            "(use --update to append corrections)\n" + "\n".join(conflicts[:MAX_ERRORS_SHOWN])
        )
    done = Summary(added, unchanged, updated, created_actors, created_topics, aliases_added)
    return [*aggregates.values(), *new_records], (done, new_owners, taken)


def _move_topic(app: Any, aggregates: dict[UUID, Any], slug: str, title: str | None, parent: str | None) -> None:
    """--update: an existing topic takes the title and parent a line gives it."""
    from events.topics import topic_id

    topic = aggregates.get(topic_id(slug)) or app.repository.get(topic_id(slug))
    if title:
        topic.retitle(title)
    if parent:
        topic.move(parent)
    aggregates[topic.id] = topic


@functools.lru_cache(maxsize=4096)
def owner_uuid(hex_id: str) -> UUID:
    return UUID(hex_id)


def _family(conn: Any, line: Line, owner: str) -> tuple[str, list[Any]]:
    """The readable id base of a line without an id, and the stored records of its id family."""
    base = f"{date_part(line.fields['date'])}-{_slug_of(conn, owner, line.actor)}-{line.fields['kind']}"
    return base, [row for known in id_bases(base, line.fields["date"]) for row in queries.id_family(conn, known)]


def _looks_like_an_edit(line: Line, edited: Any, content: dict[str, Any]) -> str:
    other = ", ".join(k for k, v in content.items() if stored_content(edited)[k] != v)
    return (f"line {line.number}: looks like an edit of record {edited['id']} (same actor, topic, date and kind; "
            f"other {other}); to change it give the line the id {edited['id']} and use --update, to add another "
            "record give it an id of its own")


def _slug_of(conn: Any, owner: str, fallback: str) -> str:
    from events import slugify

    row = conn.execute("SELECT name FROM actors WHERE uuid=?", (owner,)).fetchone()
    return slugify(row[0] if row else fallback)


EDIT_CLUES = ("summary", "quote", "source_url")


def _edited(family: list[Any], content: dict[str, Any], mine: set[str]) -> Any:
    """The stored record a line without an id seems to edit: one of its readable-id family
    (same date, actor and kind) with the same topic that shares its summary, quote or source URL,
    recorded before this import (records this import added are its own lines)."""
    for row in family:
        if row["id"] in mine or row["topic"] != content["topic"]:
            continue
        stored = stored_content(row)
        if any(content.get(k) and stored.get(k) == content.get(k) for k in EDIT_CLUES):
            return row
    return None

