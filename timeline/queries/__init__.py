"""Read-only questions answered from the read model; nothing here writes. With `timeline.readmodel`,
the only code that knows the read model's tables.

- `names`: resolving actors and topics, listing them, the topic tree;
- `records`: selecting records as they stood at a record time, lookups, history;
- `positions`: position, show, changes: the time rules;
- `asof`, `offices`: identity as known at a record time, offices and their holders;
- `aliasing`: whether a new alias could ever answer (another actor's name or an office is found first);
- `across`: questions across actors built on `positions` (stances, every actor's changes, threads);
- `search`: full-text search (FTS5).
- `pages`: what the web pages (`timeline serve`) need besides: the records entered last.

Callers write `from timeline import queries` and `queries.position(...)`: this face gathers the
public functions of the modules. Each module is imported when one of its names is first asked
for, so `timeline position` loads names, records and positions but not across, search or pages
(start-up time, issue 17).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Each public name and the module it lives in (`asof_moment` is `asof.moment`).
_FROM = {
    "across": "actor_changes actors_on changes_across changes_answer refs_at stances thread",
    "names": "ActorRef actor_exists ambiguity ancestors first_seen list_actors list_topics match_actor names_by_uuid "
    "near_actors near_topics office_named resolve_actor resolve_for_record resolve_topic subtree topic_exists "
    "topic_row topic_signs unknown_actor unknown_topic via_notice",
    "aliasing": "unusable_alias",
    "offices": "holder_on list_offices match_office near_offices office_keys terms_of",
    "positions": "POSITION_ORDER actor_topics changes position position_at show show_answer",
    "pages": "recent_records",
    "records": "actor_names find_record history id_family is_empty period_json record_json record_json_by_id "
    "records_by_id select_records unknown_record version_source",
}
_WHERE = {name: module for module, names in _FROM.items() for name in names.split()}
_WHERE["asof_moment"] = "asof"

__all__ = sorted([*_WHERE, "search"])


def __getattr__(name: str) -> Any:
    try:
        module = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module 'timeline.queries' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"timeline.queries.{module}"), "moment" if name == "asof_moment" else name)
    globals()[name] = value  # asked once: later look-ups (and monkeypatching) find it here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


# `search` names both a module and its function: imported now, so that importing the module
# later (`from timeline.queries.search import marked`) cannot leave the module where the
# function is expected.
from timeline.queries.search import search  # noqa: E402

if TYPE_CHECKING:  # what the names are, for type checkers and editors
    from timeline.queries.across import (
        actor_changes, actors_on, changes_across, changes_answer, refs_at, stances, thread,
    )
    from timeline.queries.asof import moment as asof_moment
    from timeline.queries.names import (
        ActorRef, actor_exists, ambiguity, ancestors, first_seen, list_actors, list_topics, match_actor,
        names_by_uuid, near_actors, near_topics, office_named, resolve_actor, resolve_for_record, resolve_topic,
        subtree, topic_exists, topic_row, topic_signs, unknown_actor, unknown_topic, via_notice,
    )
    from timeline.queries.aliasing import unusable_alias
    from timeline.queries.offices import holder_on, list_offices, match_office, near_offices, office_keys, terms_of
    from timeline.queries.pages import recent_records
    from timeline.queries.positions import (
        POSITION_ORDER, actor_topics, changes, position, position_at, show, show_answer,
    )
    from timeline.queries.records import (
        actor_names, find_record, history, id_family, is_empty, period_json, record_json, record_json_by_id,
        records_by_id, select_records, unknown_record, version_source,
    )
