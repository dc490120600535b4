"""'Did you mean' for an unknown record id reads through the id index, not every id (issue 13 item 15)."""

from __future__ import annotations

import sqlite3

from timeline.queries.records import unknown_record


def test_the_suggestion_reads_a_few_ids_through_the_index_not_every_id():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE records(uuid TEXT PRIMARY KEY, id TEXT)")
    conn.execute("CREATE UNIQUE INDEX records_id ON records(id)")
    ids = [f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}-actor-{i}-statement" for i in range(30_000)]
    conn.executemany("INSERT INTO records VALUES (?, ?)", ((str(i), x) for i, x in enumerate(ids)))
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    conn.set_progress_handler(count, 100)  # called every 100 virtual-machine instructions
    typo = ids[12345].replace("statement", "statment")
    assert f"did you mean {ids[12345]}?" in str(unknown_record(conn, typo))
    middle = ids[12345][:20] + "x" + ids[12345][21:]  # a typo in its second half, before the end
    assert f"did you mean {ids[12345]}?" in str(unknown_record(conn, middle))
    assert "did you mean" not in str(unknown_record(conn, "nothing-like-any-id"))
    assert steps * 100 < 60_000, f"{steps * 100} instructions: it read every id"  # a scan takes ~10 a row
