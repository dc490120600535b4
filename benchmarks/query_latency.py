"""In-process query latency, run as its own process by benchmarks/run.py (with the project's Python).

    python benchmarks/query_latency.py STORE.sqlite RECORDS.jsonl N [--samples 1000] [--show-samples 200] [--seed 11]

Opens `timeline.tracker.Tracker(STORE)`, takes its caught-up read model (`reader()`), picks
`samples` (actor, topic, day) triples from the first N lines of RECORDS.jsonl (the lines that were
imported into STORE) with a fixed seed: actor and topic of a random record, day a random day from
1995-01-01 to 2025-12-31. Each actor is resolved to its ActorRef once, outside the timing. After a
few untimed warm-up calls, times `queries.position_at(conn, actor, topic, day)` for every triple
and `queries.show(conn, actor)` for the first `show_samples` of them (show returns every record of
the actor: ~100 ms each at 1M records) with perf_counter_ns, and prints one JSON object with the
percentiles in milliseconds. (With 200 samples a p99 is the second-worst call, hence 1000 for
position_at, whose target is a p99.)

Across actors: `queries.stances(conn, topic, day)` for `--stances-samples` (topic, day) pairs (every
actor with a record on the topic: ~300 position_at calls each), and `queries.search(conn, text)`
(best 50 first, as the CLI) for `--search-samples` queries drawn from the generator's words: a rare
word, a common word, a prefix and a two-word phrase in turn.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from datetime import date, timedelta
from itertools import islice

WARM_UP = 5


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least q% of the values at or below it."""
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def summary(nanoseconds: list[int]) -> dict[str, float]:
    ms = sorted(value / 1e6 for value in nanoseconds)
    return {
        "samples": len(ms),
        "p50_ms": percentile(ms, 50),
        "p99_ms": percentile(ms, 99),
        "mean_ms": sum(ms) / len(ms),
        "max_ms": ms[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("records")
    parser.add_argument("n", type=int)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--show-samples", type=int, default=200)
    parser.add_argument("--stances-samples", type=int, default=100)
    parser.add_argument("--search-samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    from timeline import queries
    from timeline.tracker import Tracker

    with open(args.records, encoding="utf-8") as handle:
        pairs = [(row["actor"], row["topic"]) for row in map(json.loads, islice(handle, args.n))]
    rng = random.Random(args.seed)
    first, span = date(1995, 1, 1), (date(2025, 12, 31) - date(1995, 1, 1)).days
    triples = [(*rng.choice(pairs), first + timedelta(days=rng.randint(0, span))) for _ in range(args.samples)]

    line = Tracker(args.store)
    try:
        conn = line.reader()
        refs = {name: queries.resolve_actor(conn, name) for name in {actor for actor, _, _ in triples}}
        for actor, topic, day in triples[:WARM_UP]:
            queries.position_at(conn, refs[actor], topic, day)
            queries.show(conn, refs[actor])

        clock = time.perf_counter_ns
        position_ns: list[int] = []
        definite = 0
        for actor, topic, day in triples:
            started = clock()
            answer = queries.position_at(conn, refs[actor], topic, day)
            position_ns.append(clock() - started)
            definite += answer["record"] is not None
        show_ns: list[int] = []
        shown = 0
        for actor, _, _ in triples[: args.show_samples]:
            started = clock()
            records = queries.show(conn, refs[actor])
            show_ns.append(clock() - started)
            shown += len(records)
        stances_ns: list[int] = []
        listed = 0
        for _, topic, day in triples[: args.stances_samples]:
            started = clock()
            answer = queries.stances(conn, topic, day)
            stances_ns.append(clock() - started)
            listed += len(answer["stances"])
        queries_text = search_queries(rng, args.search_samples)
        search_ns: list[int] = []
        found = 0
        for text in queries_text:
            started = clock()
            answer = queries.search(conn, text, limit=50)
            search_ns.append(clock() - started)
            found += len(answer["results"])
        view_records = conn.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    finally:
        line.close()
    print(json.dumps({
        "view_records": view_records,
        "position_at": {**summary(position_ns), "answered_with_a_record": definite},
        "show": {**summary(show_ns), "mean_records_returned": shown / len(show_ns)},
        "stances": {**summary(stances_ns), "mean_actors_listed": listed / max(1, len(stances_ns))},
        "search": {**summary(search_ns), "mean_results": found / max(1, len(search_ns)),
                   # p50/p99 of each query shape (a word in ~1/15 of the records, a word in most, a prefix, a phrase)
                   "by_shape": {shape: summary(search_ns[i::len(SHAPES)]) for i, shape in enumerate(SHAPES)
                                if search_ns[i::len(SHAPES)]}},
    }))


SHAPES = ("rare word", "common word", "prefix", "phrase")


def search_queries(rng: random.Random, n: int) -> list[str]:
    """Queries over the generator's text: a rare word, a common one, a prefix, a phrase, in turn."""
    import generate

    subjects = [s.split()[-1] for s in generate.SUBJECTS]
    shapes = [
        lambda: rng.choice(subjects),  # in ~1/15 of the summaries
        lambda: rng.choice(generate.WORDS),  # in most quotes
        lambda: rng.choice(generate.WORDS)[:3] + "*",
        lambda: '"' + " ".join(rng.choice(generate.SUBJECTS).split()[-2:]) + '"',
    ]
    return [shapes[i % len(shapes)]() for i in range(n)]


if __name__ == "__main__":
    main()
