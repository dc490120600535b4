"""The cost of versioned identity on `position`: resolving a name and answering position_at, timed
together, by the pre-identity lookup path and by today's (run as its own process).

    python benchmarks/name_lookup.py STORE.sqlite RECORDS.jsonl N [--samples 2000] [--seed 11]

Samples (actor, topic, day) triples like query_latency.py. For each, in turn (interleaved, so load
on the machine falls on every path alike), times with perf_counter_ns:
- `before`: the lookup as it was before offices and versioned identity: one query on the actors
  table by normalised name, an ActorRef, then `position_at`;
- `after`: `queries.resolve_actor` (canonical name → office → alias, merges followed) + `position_at`;
- `known_at`: the same with `known_at` = now (identity from the versioned tables, records from the
  version source);
- `lookup_*`: the name lookup alone, by each path;
- `office`: when the store has an office, `resolve_actor(office title, on=day)` + `position_at` for its holder.
Prints one JSON object with p50/p99/mean in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import UTC, date, datetime, timedelta
from itertools import islice

from query_latency import summary


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("records")
    parser.add_argument("n", type=int)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    from events.text import normalise
    from timeline import queries
    from timeline.tracker import Tracker

    with open(args.records, encoding="utf-8") as handle:
        pairs = [(row["actor"], row["topic"]) for row in map(json.loads, islice(handle, args.n))]
    rng = random.Random(args.seed)
    first, span = date(1995, 1, 1), (date(2025, 12, 31) - date(1995, 1, 1)).days
    triples = [(*rng.choice(pairs), first + timedelta(days=rng.randint(0, span))) for _ in range(args.samples)]

    def before(conn, name):
        uuid, found, kind = conn.execute("SELECT uuid, name, kind FROM actors WHERE name_norm=?", (normalise(name),)).fetchone()
        return queries.ActorRef(uuid, found, kind)

    line = Tracker(args.store)
    try:
        conn = line.reader()
        offices = queries.list_offices(conn)
        office = offices[0]["office"] if offices else None
        now = datetime.now(UTC)
        timings: dict[str, list[int]] = {name: [] for name in (
            "lookup_before", "lookup_after", "lookup_known_at", "before", "after", "known_at", "office")}
        clock = time.perf_counter_ns
        for i, (actor, topic, day) in enumerate(triples):
            paths = [
                ("lookup_before", lambda: before(conn, actor)),
                ("lookup_after", lambda: queries.resolve_actor(conn, actor, on=day)),
                ("lookup_known_at", lambda: queries.resolve_actor(conn, actor, on=day, known_at=now)),
                ("before", lambda: queries.position_at(conn, before(conn, actor), topic, day)),
                ("after", lambda: queries.position_at(conn, queries.resolve_actor(conn, actor, on=day), topic, day)),
                ("known_at", lambda: queries.position_at(
                    conn, queries.resolve_actor(conn, actor, on=day, known_at=now), topic, day, known_at=now)),
            ]
            if office:
                holder_day = date(2024, 1, 1) + timedelta(days=i % 600)
                paths.append(("office", lambda: queries.position_at(
                    conn, queries.resolve_actor(conn, office, on=holder_day), topic, holder_day)))
            rng.shuffle(paths)
            for name, work in paths:
                started = clock()
                work()
                if i >= 5:  # warm-up
                    timings[name].append(clock() - started)
        records = conn.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    finally:
        line.close()
    print(json.dumps({"view_records": records, "office_title": office,
                      **{name: summary(ns) for name, ns in timings.items() if ns}}))


if __name__ == "__main__":
    main()
