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

`--stances-detail FILE` writes one JSON line per timed stances call: its topic and day, its time, the
cyclic collector's passes during it (by generation) and their time; then asks each again (outside the
summary) with every statement run to its last row and timed alone.
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
    if not nanoseconds:
        return {"samples": 0}
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
    parser.add_argument("--stances-detail", metavar="FILE",
                        help="write one JSON line per timed stances call (topic, day, ms, collector passes and "
                             "their ms), then the same calls again with each statement timed alone")
    args = parser.parse_args()

    from timeline import queries
    from timeline.tracker import Tracker

    rng = random.Random(args.seed)
    triples = sample(args.records, args.n, args.samples, rng)

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
            shown += len(queries.show(conn, refs[actor]))  # not held: see sample()
            show_ns.append(clock() - started)
        stances_ns: list[int] = []
        listed = 0
        collector = Collector() if args.stances_detail else None
        details: list[dict[str, object]] = []
        for _, topic, day in triples[: args.stances_samples]:
            if collector:
                collector.reset()
            started = clock()
            answer = queries.stances(conn, topic, day)
            stances_ns.append(clock() - started)
            listed += len(answer["stances"])
            if collector:
                details.append({"topic": topic, "day": day.isoformat(), "ms": stances_ns[-1] / 1e6,
                                "listed": len(answer["stances"]), **collector.report()})
        if collector:
            collector.close()
            write_details(args.stances_detail, conn, queries, details)
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


def sample(records: str, n: int, samples: int, rng: random.Random) -> list[tuple[str, str, date]]:
    """`samples` (actor, topic, day) triples: actor and topic of a random one of the first n records,
    day a random day from 1995-01-01 to 2025-12-31. The records' (actor, topic) pairs are dropped on
    return: held while timing (a million tuples at 1M) they made every full pass of the cyclic
    collector cost ≈ 30 ms, and such a pass lands in whichever timed call triggers it, which a
    `timeline` process (≈ 11,000 tracked objects) never pays."""
    with open(records, encoding="utf-8") as handle:
        pairs = [(row["actor"], row["topic"]) for row in map(json.loads, islice(handle, n))]
    first, span = date(1995, 1, 1), (date(2025, 12, 31) - date(1995, 1, 1)).days
    return [(*rng.choice(pairs), first + timedelta(days=rng.randint(0, span))) for _ in range(samples)]


class Collector:
    """The cyclic garbage collector's passes during a call, by generation, and the time they took."""

    def __init__(self) -> None:
        import gc

        self.gc = gc
        self.reset()
        gc.callbacks.append(self.callback)

    def reset(self) -> None:
        self.passes: dict[int, int] = {}
        self.ns = 0
        self.started = 0

    def callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self.started = time.perf_counter_ns()
        else:
            self.ns += time.perf_counter_ns() - self.started
            self.passes[info["generation"]] = self.passes.get(info["generation"], 0) + 1

    def report(self) -> dict[str, object]:
        return {"gc_ms": self.ns / 1e6, "gc_passes": {str(k): v for k, v in sorted(self.passes.items())}}

    def close(self) -> None:
        self.gc.callbacks.remove(self.callback)


class Rows(list):  # type: ignore[type-arg]
    """A statement's rows, read already, answering as its cursor would."""

    def fetchall(self) -> list[object]:
        return self

    def fetchone(self) -> object:
        return self[0] if self else None


class TimedConnection:
    """A connection whose every statement is run to its last row at once and timed (rows as a list)."""

    def __init__(self, conn: object) -> None:
        self.conn = conn
        self.ms: dict[str, float] = {}

    def execute(self, sql: str, params: object = ()) -> Rows:
        return self.run(self.conn.cursor(), sql, params)  # type: ignore[attr-defined]

    def run(self, cursor: object, sql: str, params: object) -> Rows:
        started = time.perf_counter_ns()
        rows = Rows(cursor.execute(sql, params).fetchall())  # type: ignore[attr-defined]
        label = " ".join(sql.split())[:60]
        self.ms[label] = self.ms.get(label, 0.0) + (time.perf_counter_ns() - started) / 1e6
        return rows

    def cursor(self) -> TimedCursor:
        return TimedCursor(self, self.conn.cursor())  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.conn, name)


class TimedCursor:
    """A cursor of a TimedConnection: its statement is run to its last row and timed at execute."""

    def __init__(self, owner: TimedConnection, cursor: object) -> None:
        self.__dict__.update(owner=owner, cursor=cursor, rows=Rows())

    def execute(self, sql: str, params: object = ()) -> TimedCursor:
        self.__dict__["rows"] = self.owner.run(self.cursor, sql, params)
        return self

    def __iter__(self) -> object:
        return iter(self.rows)

    def fetchall(self) -> Rows:
        return self.rows

    def __getattr__(self, name: str) -> object:
        return getattr(self.cursor, name)

    def __setattr__(self, name: str, value: object) -> None:
        setattr(self.cursor, name, value)


def write_details(path: str, conn: object, queries: object, details: list[dict[str, object]]) -> None:
    """Each call again (untimed in the summary), through TimedConnection: the statements' split."""
    clock = time.perf_counter_ns
    with open(path, "w", encoding="utf-8") as handle:
        for detail in details:
            timed = TimedConnection(conn)
            started = clock()
            queries.stances(timed, detail["topic"], date.fromisoformat(detail["day"]))  # type: ignore[attr-defined]
            detail["again_ms"] = (clock() - started) / 1e6
            detail["statements_ms"] = {label: round(ms, 3) for label, ms in timed.ms.items()}
            handle.write(json.dumps(detail) + "\n")


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
