"""Read-only questions answered from the read model; nothing here writes. With `timeline.readmodel`,
the only code that knows the read model's tables.

- `names`: resolving actors and topics, listing them, the topic tree;
- `records`: selecting records as they stood at a record time, lookups, history;
- `positions`: position, show, changes: the time rules;
- `across`: questions across actors built on `positions` (stances, every actor's changes, threads);
- `search`: full-text search (FTS5).

Callers write `from timeline import queries` and `queries.position(...)`: this face gathers the
public functions of the modules (all light: sqlite3 and the standard library).
"""

from timeline.queries.across import actor_changes, actors_on, changes_across, changes_answer, stances, thread
from timeline.queries.names import (
    ActorRef, actor_exists, ambiguity, ancestors, first_seen, list_actors, list_topics, match_actor, names_by_uuid,
    near_actors, near_topics, resolve_actor, resolve_topic, subtree, topic_exists, unknown_topic,
)
from timeline.queries.positions import actor_topics, changes, position, position_at, show
from timeline.queries.search import search
from timeline.queries.records import (
    actor_names, find_record, history, id_family, record_json, record_json_by_id, records_by_id, select_records,
    unknown_record, version_source,
)

__all__ = [
    "actor_changes", "actors_on", "changes_across", "changes_answer", "search", "stances", "thread",
    "ActorRef", "actor_exists", "actor_names", "actor_topics", "ambiguity", "ancestors", "changes", "find_record",
    "first_seen", "history", "id_family", "list_actors", "list_topics", "match_actor", "names_by_uuid", "near_actors",
    "near_topics", "position", "position_at", "record_json", "record_json_by_id", "records_by_id", "resolve_actor",
    "resolve_topic", "select_records", "show", "subtree", "topic_exists", "unknown_record", "unknown_topic", "version_source",
]
