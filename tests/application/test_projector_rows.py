"""The projector's bulk insert (issue 17, follow-up): records without reply or target go in by a
statement with NULL literals for those columns, the others by the full one; either way `records`
and the full-text index hold exactly the rows the projector made, whatever the mix in a flush."""

from __future__ import annotations

import sqlite3

import pytest

from timeline.readmodel.projector import Projector
from timeline.readmodel.schema import RECORD_COLUMNS, SCHEMA_VERSION, create_schema


def row(seq: int, links: tuple) -> tuple:
    values = {c: f"{c}-{seq}" for c in RECORD_COLUMNS}
    values.update(seq=seq, version=1, quote=None if seq % 3 == 0 else f"quote {seq}", source_url=None)
    values.update(zip(("responds_to", "target_uuid", "target"), links, strict=True))
    return tuple(values[c] for c in RECORD_COLUMNS)


LINKS = [(None, None, None), ("r1", None, None), (None, "abc", "Actor"), (None, "abc", None), (None, None, "odd")]


@pytest.mark.parametrize("pattern", [[0], [1], [0, 1, 2, 0, 3, 4, 0], [2, 0, 0]], ids=str)
def test_a_flush_stores_exactly_the_rows_made(pattern):
    conn = sqlite3.connect(":memory:", isolation_level=None)
    create_schema(conn)
    projector = Projector(conn)
    rows = [row(seq, LINKS[pattern[seq % len(pattern)]]) for seq in range(1, 41)]
    projector.new_records.extend(rows)
    projector.flush()
    assert projector.new_records == []
    assert conn.execute("SELECT * FROM records ORDER BY seq").fetchall() == rows
    text = conn.execute("SELECT rowid, uuid, summary, quote, source FROM records_fts ORDER BY rowid").fetchall()
    assert text == [(r[2], r[0], r[11], r[12], r[13]) for r in rows]
    conn.execute("INSERT INTO records_fts(records_fts, rank) VALUES('integrity-check', 1)")
    assert conn.execute("SELECT rowid FROM records_fts WHERE records_fts MATCH 'quote'").fetchall()


def test_a_new_read_model_has_the_tables_sqlite_utils_made():
    """create_schema writes meta and tracking without importing sqlite-utils (issue 17, sixth pass):
    the same statements and first rows as sqlite-utils' `create` and `insert`."""
    import sqlite_utils

    ours = sqlite3.connect(":memory:", isolation_level=None)
    create_schema(ours)
    theirs = sqlite_utils.Database(sqlite3.connect(":memory:"))
    theirs["meta"].create({"key": str, "value": str}, pk="key")
    theirs["tracking"].create({"name": str, "notification_id": int}, pk="name")
    for table in ("meta", "tracking"):
        sql = "SELECT sql FROM sqlite_master WHERE name = ?"
        assert ours.execute(sql, (table,)).fetchone() == theirs.conn.execute(sql, (table,)).fetchone()
    assert ours.execute("SELECT key, value FROM meta").fetchall() == [("schema_version", SCHEMA_VERSION)]
    assert ours.execute("SELECT name, notification_id FROM tracking").fetchall() == [("events", 0)]
