"""Planning and saving an import: which actors, topics and records are new, unchanged or in conflict.

1. Parse and validate every line; any error → all errors listed with line numbers, nothing written.
2. Plan against the caught-up read model: which actors and topics are new, which lines are
   unchanged (same id, same content), which conflict (same id, other content).
3. Save in batches (many aggregates per save, one transaction each). A batch that loses a race
   with a concurrent importer is re-planned, so importing stays idempotent under concurrency.
"""

from __future__ import annotations

import functools
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
from timeline.importing.owners import content_of, edited, family, looks_like_an_edit, owner_key, owner_of, same_record, stored_content
from timeline.importing.rows import MAX_ERRORS_SHOWN, errors_sentence
from timeline.importing.validate import BATCH, ExplicitIds, Line, Spool
from timeline.importing.summary import Summary, interrupted, refused_after, stop_between_batches
from timeline.tracker import Tracker, free_record_id


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
        # The whole-file checks and the identities' plan see one state of the store: another writer's
        # rename or merge waits for the writers' lock (timeline/writelock.py) until they are saved.
        with timeline.writers_lock():
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
                if stop and summary.added + summary.unchanged + summary.updated < total:
                    raise interrupted(summary, total)  # (after the last batch there is only the terms: finish)
        made = import_terms(timeline, terms)
        summary.terms, summary.offices_created = made["terms"], made["offices_created"]
        summary.actors_created += made["actors_created"]
    return summary


def _check_whole_file(conn: Any, batches: Iterable[list[Line]], *, update: bool, explicit: ExplicitIds,
                      edges: list[tuple[str, str, str]]) -> list[str]:
    """Refuse before writing anything: ambiguous actors, conflicts unless --update, loops in the
    topic tree (`edges`: the topic lines' (slug, parent, where), then the records'), replies to
    records neither stored nor in the file (docs/questions.md), a record retracted on one side and
    active on the other. Returns the notices to show."""
    problems: list[str] = []
    notices: list[str] = []
    count = 0
    owners: dict[str, str] = {}
    offices = queries.office_keys(conn)
    unusable: dict[tuple[str, str], str | None] = {}  # (alias, owner) → why it can never answer, checked once

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
        for line in batch:  # an alias that another actor's name or an office answers first: never used
            for alias in line.aliases:
                owner = owners.get(owner_key(line, None, offices))
                if owner is not None and (alias, owner) not in unusable:
                    unusable[alias, owner] = queries.unusable_alias(conn, alias, owner, line.actor)
                    if unusable[alias, owner]:
                        problem(f"line {line.number}: {unusable[alias, owner]}")
        answered = {line.fields["responds_to"] for line in batch if line.fields.get("responds_to")}
        stored = queries.records_by_id(conn, sorted(answered))
        for line in batch:
            wanted = line.fields.get("responds_to")
            if wanted and wanted not in stored and wanted not in explicit:
                problem(f"line {line.number}: responds_to names the record '{wanted}', which is neither stored nor in "
                        "this file; fix the id or drop the responds_to key (exports made before 2 December 2026 left "
                        "retracted records out: export the source again to carry them)")
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
            retracted = row["status"] == "retracted"
            if retracted and not line.retracted:
                if stored == content:  # a file older than the retraction: nothing to do, but say so
                    notices.append(f"Note: line {line.number}: record {line.record_id} was retracted here; the file's "
                                   "active copy of it is left out (a retraction stands)")
                else:
                    problem(f"line {line.number}: {active_line_retracted_record(line.record_id)}")
                continue
            if stored == content and (retracted or not line.retracted):
                continue
            if retracted:
                problem(f"line {line.number}: record {line.record_id} is retracted and cannot be changed")
            elif not update:
                diff = [k.replace("actor_uuid", "actor") for k, v in content.items() if stored[k] != v]
                diff += ["status: retracted in the file"] if line.retracted else []
                problem(f"line {line.number}: record {line.record_id} differs from the stored one ({', '.join(diff)})")
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
            found = family(conn, line, owner)[1]
            if not any(same_record(row, content, line) for row in found) and (seen := edited(found, content, set())):
                problem(looks_like_an_edit(line, seen, content))
    for loop in dict.fromkeys(tree_loops(conn, edges)):  # a path stated twice is one loop
        problem(loop)
    if count:
        hint = " (use --update to append corrections)" if any("differs" in p for p in problems) else ""
        hint = " (use --update to append corrections and retractions)" if any("status: retracted" in p for p in problems) else hint
        if any("looks like an edit" in p for p in problems):  # --update alone would not do: the line needs the id
            hint = " (to change a stored record, give its line the record's id and use --update)"
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


def active_line_retracted_record(record_id: str) -> str:
    return (f"record {record_id} is retracted here but active in the file, and a retraction cannot be undone: leave "
            "the line out, or give it an id of its own to add it as a new record")


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
                actor = Actor.register(name or line.actor, "person" if name else line.actor_kind or "person",
                                       taken=lambda made: queries.actor_exists(conn, made.hex))
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
    retractions: list[Any] = []  # after every creation event: the view applies them in order
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
            same = row is not None and stored_content(row) == content
            if row is None:
                rid = line.record_id
            elif row["status"] == "retracted" and not line.retracted:
                if same:  # the file was written before the retraction (the whole-file check noted it)
                    unchanged += 1
                else:
                    conflicts.append(f"line {line.number}: {active_line_retracted_record(line.record_id)}")
                continue
            elif same and (row["status"] == "retracted" or not line.retracted):
                unchanged += 1
                continue
            elif not update:
                diff = [k for k, v in content.items() if stored_content(row)[k] != v] + ["status"] * bool(line.retracted)
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
                if not same:
                    record.correct(changes, reason)
                if line.retracted:  # the file says it was retracted since: so it is here (its reason)
                    record.retract(line.retracted)
                aggregates[record.id] = record
                updated += 1
                continue
        else:
            base, found = family(conn, line, owner)
            if any(same_record(row, content, line) for row in found):
                unchanged += 1
                continue
            seen = edited(found, content, mine)
            if seen:
                conflicts.append(looks_like_an_edit(line, seen, content))
                continue
            rid = free_record_id(conn, base, taken, reserved)
        taken.add(rid)
        new_records.append(Record.made_event(record_id=rid, actor_id=owner_uuid(owner), fields=fields))
        if line.retracted:  # a retracted record of the file: made, then retracted for its reason (two events)
            retractions.append(retraction(rid, line.retracted))
        added += 1
    if conflicts:
        raise DomainError(
            f"nothing imported from this batch: {len(conflicts)} line(s) conflict with stored records "
            "(use --update to append corrections)\n" + "\n".join(conflicts[:MAX_ERRORS_SHOWN])
        )
    done = Summary(added, unchanged, updated, created_actors, created_topics, aliases_added)
    return [*aggregates.values(), *new_records, *retractions], (done, new_owners, taken)


def retraction(record_id: str, reason: str) -> Any:
    """The Retracted event of a record made in this batch by `Record.made_event` (its version 2)."""
    return Record.Retracted(originator_id=record_uuid(record_id), originator_version=Record.INITIAL_VERSION + 1,
                            timestamp=Record.Retracted.create_timestamp(), reason=reason)


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
