"""Raw-SQLite baselines for the benchmark suite, run as their own processes by benchmarks/run.py.

    python benchmarks/raw_baseline.py import RECORDS.jsonl RAW.sqlite
        Read the JSON Lines file, json.loads each line, and insert a tuple of the same fields into
        one plain table with executemany, in one transaction (file-backed, default pragmas).
    python benchmarks/raw_baseline.py copy RAW.sqlite
        Copy those rows from that table into another plain table (select + executemany), in one
        transaction.

Each prints one JSON object: {"rows": N, "seconds": S}, S being the work measured in-process
(from opening the files to the commit; interpreter start-up and imports excluded).
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time

FIELDS = ("id", "actor", "topic", "kind", "stance", "date", "summary", "quote", "source", "source_url")
COLUMNS = ", ".join(f"{name} TEXT" for name in FIELDS)
MARKS = ", ".join("?" * len(FIELDS))


def import_file(records: str, database: str) -> dict[str, float]:
    started = time.perf_counter()
    conn = sqlite3.connect(database)
    conn.execute("DROP TABLE IF EXISTS raw")
    conn.execute(f"CREATE TABLE raw ({COLUMNS})")
    with open(records, encoding="utf-8") as handle, conn:  # one transaction, committed on exit
        rows = (tuple(row.get(name) for name in FIELDS) for row in map(json.loads, handle))
        count = conn.executemany(f"INSERT INTO raw VALUES ({MARKS})", rows).rowcount
    seconds = time.perf_counter() - started
    conn.close()
    return {"rows": count, "seconds": seconds}


def copy_table(database: str) -> dict[str, float]:
    started = time.perf_counter()
    conn = sqlite3.connect(database)
    conn.execute("DROP TABLE IF EXISTS raw_copy")
    conn.execute(f"CREATE TABLE raw_copy ({COLUMNS})")
    with conn:  # one transaction, committed on exit
        cursor = conn.execute(f"SELECT {', '.join(FIELDS)} FROM raw")
        count = conn.executemany(f"INSERT INTO raw_copy VALUES ({MARKS})", cursor).rowcount
    seconds = time.perf_counter() - started
    conn.close()
    return {"rows": count, "seconds": seconds}


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "import":
        result = import_file(sys.argv[2], sys.argv[3])
    elif mode == "copy":
        result = copy_table(sys.argv[2])
    else:
        raise SystemExit(f"unknown mode {mode!r}; use import or copy")
    print(json.dumps(result))
