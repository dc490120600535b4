"""Read-only questions answered from the read model; nothing here writes. With `timeline.readmodel`,
the only code that knows the read model's tables.

- `names`: resolving actors and topics, listing them, the topic tree;
- `records`: selecting records as they stood at a record time, lookups, history;
- `positions`: position, show, changes: the time rules;
- `pages`: what the web pages (`timeline serve`) need besides: recent records, text search.

Callers write `from timeline import queries` and `queries.position(...)`: this face gathers the
public functions of the modules (all light: sqlite3 and the standard library).
"""

from timeline.queries.names import (
    ActorRef, actor_exists, ambiguity, ancestors, first_seen, list_actors, list_topics, match_actor, names_by_uuid,
    near_actors, near_topics, resolve_actor, resolve_topic, subtree, topic_exists, unknown_topic,
)
from timeline.queries.pages import recent_records, search_records
from timeline.queries.positions import actor_topics, changes, position, position_at, show
from timeline.queries.records import (
    actor_names, find_record, history, id_family, record_json, record_json_by_id, records_by_id, select_records,
    version_source,
)

__all__ = [
    "ActorRef", "actor_exists", "actor_names", "actor_topics", "ambiguity", "ancestors", "changes", "find_record",
    "first_seen", "history", "id_family", "list_actors", "list_topics", "match_actor", "names_by_uuid", "near_actors",
    "near_topics", "position", "position_at", "recent_records", "record_json", "record_json_by_id", "records_by_id",
    "resolve_actor", "resolve_topic", "search_records", "select_records", "show", "subtree", "topic_exists", "unknown_topic", "version_source",
]
