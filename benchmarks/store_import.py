"""Import throughput into the PostgreSQL store next to SQLite, measured in one run.

    python benchmarks/store_import.py [--records 10000] [--rounds 3]
                                      [--url postgresql://postgres@127.0.0.1:5432/test]

The same generated file (benchmarks/generate.py, fixed seed) is imported with the project's
`timeline` console script, as a user runs it (`timeline import FILE --json`, whole process), into
a fresh SQLite file and into a fresh schema of the PostgreSQL database, alternately, `--rounds`
times; the median is reported. Then, on the last round's stores: `timeline rebuild` (events/s) and
the whole-process time of a read that must consult the store (`timeline position … --json` after a
write by another view, so the view is not current) and of `timeline add`. The URL defaults to
$TIMELINE_TEST_POSTGRES_URL, else the local server; each schema is dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import generate  # noqa: E402  (benchmarks/generate.py)


def console_script() -> str:
    sibling = Path(sys.executable).with_name("timeline")
    return str(sibling if sibling.exists() else ROOT / ".venv" / "bin" / "timeline")


def timed(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})})
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])} failed: {done.stderr.strip()}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--url", default=os.environ.get("TIMELINE_TEST_POSTGRES_URL") or "postgresql://postgres@127.0.0.1:5432/test")
    options = parser.parse_args()

    from psycopg import sql

    from timeline.store.postgres import connect, parse_location
    from timeline.store import redact

    timeline = console_script()
    admin = connect(parse_location(options.url))
    schemas: list[str] = []
    rates: dict[str, list[float]] = {"sqlite": [], "postgresql": []}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = generate.write(work / "records.jsonl", options.records)
        try:
            for round_ in range(options.rounds):
                stores = {"sqlite": str(work / f"round{round_}.sqlite")}
                schema = f"bench_{uuid.uuid4().hex[:12]}"
                admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
                schemas.append(schema)
                stores["postgresql"] = f"{options.url}{'&' if '?' in options.url else '?'}schema={schema}"
                for kind, store in stores.items():
                    view = {"TIMELINE_VIEW": str(work / f"round{round_}-{kind}.view.sqlite")}
                    elapsed, out = timed([timeline, "--db", store, "import", str(source), "--json"], work, view)
                    assert json.loads(out)["added"] == options.records
                    rates[kind].append(options.records / elapsed)
            print(f"timeline import of {options.records:,} generated records, whole process, median of {options.rounds} "
                  f"(PostgreSQL at {redact(options.url)}):")
            for kind in rates:
                print(f"  {kind:<11} {statistics.median(rates[kind]):>9,.0f} records/s   "
                      f"(rounds: {', '.join(f'{r:,.0f}' for r in rates[kind])})")
            print(f"  PostgreSQL ÷ SQLite: {statistics.median(rates['postgresql']) / statistics.median(rates['sqlite']):.2f}")

            print("On the last round's stores (median of 5 runs each):")
            for kind, store in stores.items():
                view = {"TIMELINE_VIEW": str(work / f"round{round_}-{kind}.view.sqlite")}
                other = {"TIMELINE_VIEW": str(work / f"other-{kind}.view.sqlite")}
                elapsed, out = timed([timeline, "--db", store, "rebuild"], work, view)
                events = int(out.split(" from ")[1].split()[0])
                reads, adds = [], []
                for i in range(5):
                    adds.append(timed([timeline, "--db", store, "add", "Keir Starmer", "--topic", "topic-00", "--kind",
                                       "statement", "--stance", "support", "--on", "2025-06-01", "--summary", f"Bench {i}",
                                       "--new-actor"], work, other)[0])
                    reads.append(timed([timeline, "--db", store, "position", "Keir Starmer", "--on", "2025-06-01",
                                        "--json"], work, view)[0])
                print(f"  {kind:<11} rebuild {events / elapsed:>9,.0f} events/s   add {statistics.median(adds) * 1000:4.0f} ms   "
                      f"position after another's write {statistics.median(reads) * 1000:4.0f} ms")
        finally:
            for schema in schemas:
                admin.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
            admin.close()


if __name__ == "__main__":
    main()
