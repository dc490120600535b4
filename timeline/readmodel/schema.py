"""The read model's tables: their columns, indexes and layout version.

Only `timeline.readmodel` and `timeline.queries` know these tables.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = "5"  # 3: bitemporal identity and offices; relations and full text. 4: both together.
# 5: the records indexes carry start and status (stances and position filter inside the index)

RECORD_COLUMNS = {
    "uuid": str, "id": str, "seq": int, "actor_uuid": str, "topic": str, "kind": str, "stance": str,
    "date": str, "precision": str, "start": str, "end": str, "summary": str, "quote": str,
    "source": str, "source_url": str, "recorded_at": str, "status": str, "extra": str, "version": int,
    "changed_at": str,  # record time of the latest version
    # Optional links: the public id of the record this one answers; the actor it addresses (uuid,
    # and the name it had when projected, so that record JSON needs no join).
    "responds_to": str, "target_uuid": str, "target": str,
}
# An open period end is stored as text that sorts before (or after) every real day, so the time rules
# stay plain comparisons: an open end is never "on or before D"; an open start is before every D.
OPEN_START = "0000-00-00"
OPEN_END = "9999-99-99"
DERIVED_TABLES = (
    "actors", "actor_versions", "aliases", "roles", "topics", "topic_versions", "offices", "office_aliases", "terms",
    "records", "versions", "records_fts",
)
# Identity is bitemporal too (DESIGN §3, "as known at"): each row of actor_versions, aliases,
# topic_versions, office_aliases and terms holds from its record time `recorded_from` until
# `recorded_to` (NULL: still holds). `actors` and `topics` are the current states, for speed.
# Full-text index (FTS5) over what a record says, kept in step by the projector: its rowid is the
# record's `seq` (stable across corrections, unlike the records table's own rowid), `uuid` joins it
# back. unicode61 without stemming: a word finds exactly the records that contain it (or a prefix
# of it, with `word*`); diacritics are folded so "Orban" finds "Orbán".
FTS_COLUMNS = ("summary", "quote", "source")
FTS_CREATE = (
    "CREATE VIRTUAL TABLE records_fts USING fts5(uuid UNINDEXED, summary, quote, source, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)
# Every state of every record that has more than one version (for --known-at and history).
VERSION_COLUMNS = {**RECORD_COLUMNS, "event": str, "reason": str, "position": int}


_VALIDITY = {"recorded_from": str, "recorded_to": str}


def create_schema(conn: sqlite3.Connection) -> None:
    """Drop and create every table (inside the caller's write transaction)."""
    import sqlite_utils  # only when the read model is (re)created

    db = sqlite_utils.Database(conn)
    for table in ("meta", "tracking", *DERIVED_TABLES):
        db[table].drop(ignore=True)
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["tracking"].create({"name": str, "notification_id": int}, pk="name")
    db["actors"].create(
        {"uuid": str, "name": str, "name_norm": str, "kind": str, "recorded_at": str, "wikidata": str,
         "merged_into": str},
        pk="uuid",
    )
    db["actor_versions"].create(
        {"uuid": str, "name": str, "name_norm": str, "kind": str, "merged_into": str, **_VALIDITY}
    )
    db["aliases"].create({"actor_uuid": str, "alias": str, "alias_norm": str, **_VALIDITY})
    db["topic_versions"].create({"slug": str, "title": str, "parent": str, "polarity": str, **_VALIDITY})
    db["offices"].create({"uuid": str, "title": str, "title_norm": str, "wikidata": str, "recorded_at": str}, pk="uuid")
    db["office_aliases"].create({"office_uuid": str, "alias": str, "alias_norm": str, **_VALIDITY})
    db["terms"].create(
        {"office_uuid": str, "number": int, "holder_uuid": str, "start": str, "start_lo": str, "start_hi": str,
         "end": str, "end_lo": str, "end_hi": str, **_VALIDITY}
    )
    db["roles"].create({"actor_uuid": str, "role": str, "on_date": str, "position": int})
    db["topics"].create(
        {"slug": str, "uuid": str, "title": str, "parent": str, "recorded_at": str, "polarity": str, "wikidata": str},
        pk="slug",
    )
    db["records"].create(RECORD_COLUMNS, pk="uuid")
    conn.execute(FTS_CREATE)
    db["versions"].create(VERSION_COLUMNS, pk=("uuid", "version"))
    db["actors"].create_index(["name_norm"])
    db["aliases"].create_index(["alias_norm"])
    db["aliases"].create_index(["actor_uuid"])
    db["actors"].create_index(["merged_into"])
    db["offices"].create_index(["title_norm"])
    db["topics"].create_index(["parent"])
    db["actor_versions"].create_index(["name_norm"])
    db["actor_versions"].create_index(["uuid"])
    db["topic_versions"].create_index(["parent"])
    db["office_aliases"].create_index(["alias_norm"])
    db["terms"].create_index(["office_uuid", "start_lo"])
    db["roles"].create_index(["actor_uuid"])
    db["records"].create_index(["id"], unique=True)
    # start and status ride along so that the time rules' filters are read from the index itself.
    db["records"].create_index(["actor_uuid", "topic", "end", "seq", "start", "status"])
    db["versions"].create_index(["actor_uuid", "topic"])
    # who has records on a topic (stances); with start and end, the period tests of position_at too
    db["records"].create_index(["topic", "actor_uuid", "start", "status", "end"])
    db["records"].create_index(["responds_to"])  # the replies to a record (thread)
    db["meta"].insert({"key": "schema_version", "value": SCHEMA_VERSION})
    db["tracking"].insert({"name": "events", "notification_id": 0})
