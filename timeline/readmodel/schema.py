"""The read model's tables: their columns, indexes and layout version.

Only `timeline.readmodel` and `timeline.queries` know these tables.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = "8"  # 3: bitemporal identity and offices; relations and full text. 4: both together.
# 5: the records indexes carry start and status (stances and position filter inside the index)
# 6: records keyed by seq (their rowid), uuid by a unique index; the full-text index reads its text
# from records (FTS5 external content) instead of keeping a second copy
# 7: a partial index of retracted records by seq (search's window counts only what it can answer)
# 8: a date qualified inside (2024-?05, ?2024-05) has its part's precision (month), not range: rebuilt
#    once so that rows projected before agree

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
# record's `seq` (stable across corrections), `uuid` joins it back. Its text is read from `records`
# itself (external content: content_rowid is seq, the records table's rowid), so the index keeps no
# second copy; the projector tells it the old text before a correction replaces it. unicode61
# without stemming: a word finds exactly the records that contain it (or a prefix of it, with
# `word*`); diacritics are folded so "Orban" finds "Orbán".
FTS_COLUMNS = ("summary", "quote", "source")
FTS_CREATE = (
    "CREATE VIRTUAL TABLE records_fts USING fts5(uuid UNINDEXED, summary, quote, source, "
    "content='records', content_rowid='seq', tokenize = 'unicode61 remove_diacritics 2')"
)
# Every state of every record that has more than one version (for --known-at and history).
VERSION_COLUMNS = {**RECORD_COLUMNS, "event": str, "reason": str, "position": int}


_VALIDITY = {"recorded_from": str, "recorded_to": str}


def create_schema(conn: sqlite3.Connection) -> None:
    """Drop and create every table (inside the caller's write transaction), with the statements
    sqlite-utils writes but without importing it (≈ 0.1 s of every import into a new store)."""
    for table in ("meta", "tracking"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    _create(conn, "meta", {"key": str, "value": str}, pk="key")
    _create(conn, "tracking", {"name": str, "notification_id": int}, pk="name")
    create_derived(conn)
    create_indexes(conn)
    conn.execute("INSERT INTO meta(key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    conn.execute("INSERT INTO tracking(name, notification_id) VALUES ('events', 0)")


def create_derived(conn: sqlite3.Connection) -> None:
    """Drop every derived table and create it again, empty and without its indexes (inside the
    caller's write transaction). Dropping frees the old pages wholesale; a DELETE would visit every
    row (FTS5 re-reads each one's text to unindex it). The statements are the ones sqlite-utils
    writes, made here so that a rebuild does not import it (0.12 s)."""
    for table in DERIVED_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    _create(conn, "actors", {"uuid": str, "name": str, "name_norm": str, "kind": str, "recorded_at": str,
                             "wikidata": str, "merged_into": str}, pk="uuid")
    _create(conn, "actor_versions",
            {"uuid": str, "name": str, "name_norm": str, "kind": str, "merged_into": str, **_VALIDITY})
    _create(conn, "aliases", {"actor_uuid": str, "alias": str, "alias_norm": str, **_VALIDITY})
    _create(conn, "topic_versions", {"slug": str, "title": str, "parent": str, "polarity": str, **_VALIDITY})
    _create(conn, "offices", {"uuid": str, "title": str, "title_norm": str, "wikidata": str, "recorded_at": str}, pk="uuid")
    _create(conn, "office_aliases", {"office_uuid": str, "alias": str, "alias_norm": str, **_VALIDITY})
    _create(conn, "terms", {"office_uuid": str, "number": int, "holder_uuid": str, "start": str, "start_lo": str,
                            "start_hi": str, "end": str, "end_lo": str, "end_hi": str, **_VALIDITY})
    _create(conn, "roles", {"actor_uuid": str, "role": str, "on_date": str, "position": int})
    _create(conn, "topics", {"slug": str, "uuid": str, "title": str, "parent": str, "recorded_at": str,
                             "polarity": str, "wikidata": str}, pk="slug")
    _create(conn, "records", RECORD_COLUMNS, pk="seq")  # seq INTEGER PRIMARY KEY: the rowid, appended in log order
    conn.execute(FTS_CREATE)
    _create(conn, "versions", VERSION_COLUMNS, pk=("uuid", "version"))


def _create(conn: sqlite3.Connection, table: str, columns: dict[str, type],
            pk: str | tuple[str, ...] | None = None) -> None:
    """CREATE TABLE exactly as sqlite-utils' `Table.create(columns, pk=pk)` writes it."""
    types = {str: "TEXT", int: "INTEGER"}
    lines = [f'"{name}" {types[kind]}' + (" PRIMARY KEY" if name == pk else "") for name, kind in columns.items()]
    if isinstance(pk, tuple):
        lines.append("PRIMARY KEY (" + ", ".join(f'"{name}"' for name in pk) + ")")
    conn.execute(f'CREATE TABLE "{table}" (\n   ' + ",\n   ".join(lines) + "\n)")


# (table, columns, unique) of every explicit index of the derived tables.
INDEXES: tuple[tuple, ...] = (  # (table, columns, unique[, where])
    ("records", ("uuid",), True),  # first: a rebuild that meets a correction builds it early (RECORD_KEY)
    ("actors", ("name_norm",), False),
    ("aliases", ("alias_norm",), False),
    ("aliases", ("actor_uuid",), False),
    ("actors", ("merged_into",), False),
    ("offices", ("title_norm",), False),
    ("topics", ("parent",), False),
    ("actor_versions", ("name_norm",), False),
    ("actor_versions", ("uuid",), False),
    ("topic_versions", ("parent",), False),
    ("office_aliases", ("alias_norm",), False),
    ("terms", ("office_uuid", "start_lo"), False),
    ("roles", ("actor_uuid",), False),
    ("records", ("id",), True),
    # start and status ride along so that the time rules' filters are read from the index itself.
    ("records", ("actor_uuid", "topic", "end", "seq", "start", "status"), False),
    ("versions", ("actor_uuid", "topic"), False),
    # who has records on a topic (stances); with start and end, the period tests of position_at too
    ("records", ("topic", "actor_uuid", "start", "status", "end"), False),
    ("records", ("responds_to",), False),  # the replies to a record (thread)
    # the retracted records by seq (a few, if any): search's window steps over them (queries/search.py)
    ("records", ("seq",), False, "status = 'retracted'"),
)
RECORD_KEY = INDEXES[0]  # records by uuid: what a correction looks its record up by


def index_sql(table: str, columns: tuple[str, ...], unique: bool, where: str | None = None) -> str:
    """The CREATE INDEX statement of one entry of INDEXES (named as sqlite-utils names them; a
    partial index, with `where`, gets `_partial` after its columns)."""
    name = f"idx_{table}_{'_'.join(columns)}" + ("_partial" if where else "")
    quoted = ", ".join(f'"{column}"' for column in columns)
    return (f'CREATE {"UNIQUE " if unique else ""}INDEX "{name}" ON "{table}" ({quoted})'
            + (f" WHERE {where}" if where else ""))


def create_indexes(conn: sqlite3.Connection, *, skip: tuple[tuple, ...] = ()) -> None:
    """Create the derived tables' indexes (but those in `skip`, already made)."""
    for entry in INDEXES:
        if entry not in skip:
            conn.execute(index_sql(*entry))
