"""The benchmark suite (`make bench`; `make bench-full` adds 1M records). Not part of `make test`.

    python benchmarks/run.py [--sizes 10000,100000] [--full] [--quick]
                             [--json-out benchmarks/results/latest.json] [--keep]

Everything runs in a fresh temporary directory as separate processes of what a user runs: the
project's `timeline` console script (the sibling of this Python, else .venv/bin/timeline), with
`--db` pointing into that directory. Each size's records are generated once (benchmarks/generate.py,
fixed seed). Measured, in one run:

1. import: `timeline import FILE --json`, whole process, records/s; beside it the raw baseline
   (benchmarks/raw_baseline.py import: json.loads each line, executemany into one plain table,
   one transaction, own process). Ratio = raw rows/s ÷ timeline records/s, both whole-process.
2. rebuild: `timeline rebuild`, events/s (events in the store ÷ wall time); beside it the raw
   copy of the same rows from that plain table into another (select + executemany, one
   transaction, own process). Ratio = raw rows/s ÷ timeline events/s, both whole-process.
3. query latency in-process: benchmarks/query_latency.py (position_at, show, stances and search, p50/p99).
4. whole-process wall time of `timeline position … --json` and `timeline add …`, against
   `python -c "import sqlite3"` with the console script's own interpreter, interleaved rounds,
   median after one warm-up round, at the smallest store (1k) and at the largest.
5. peak RSS of import and rebuild: each measured process is reaped with os.wait4, whose rusage
   is that process's own ru_maxrss (no wrapper process, no /usr/bin/time needed).

Prints an aligned table (each target with PASS/MISS) and writes the same as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)

DEFAULT_SIZES = [10_000, 100_000]
FULL_SIZE = 1_000_000
SMALL = 1_000  # the "1k" store of the query and whole-process measurements

# The targets of issue 17 (round two), each a ratio against a baseline measured in the same run.
IMPORT_RATIO = 8.0  # timeline import within 8x of the raw baseline (whole process)
REBUILD_RATIO = 3.5  # rebuild within 3.5x of a raw table copy
POSTGRES_RATIO = 1.0  # PostgreSQL import at least as fast as SQLite import
POSITION_AT_P99_MS = 2.0  # at 1M records (round one)
ACROSS_P99_MS = 50.0  # stances and search in-process p99 at 1M (issues 15 and 17)
POSITION_FLOOR = 4.0  # `timeline position` whole process ≤ 4x the interpreter floor
ADD_FLOOR = 6.0
SCALING = 1.2  # the same at 1M as at 1k, within 20% (round one)
MEMORY_RATIO = 1.5  # peak RSS at 1M ≤ 1.5x that at 100k

# Import and rebuild are repeated (fresh store each import) and the median run reported, up to this
# size; above it one run each (a 1M import takes minutes).
REPEATS = 3
REPEAT_UP_TO = 100_000

# The whole-process commands ask about the first generated record's actor and topic, which every
# size contains.
ASK_DAY = "2020-06-01"


class BenchError(RuntimeError):
    pass


# -- processes -------------------------------------------------------------------------------------


@dataclass
class Run:
    cmd: list[str]
    wall_s: float
    maxrss_kb: int
    stdout: str
    stderr: str
    cpu_s: float = 0.0  # the process's own user + system CPU time (load on a shared machine barely moves it)


def measure(cmd: list[Any], *, cwd: Path, env: dict[str, str]) -> Run:
    """Run one process; its wall time (perf_counter around start to reaping), CPU time and own peak RSS."""
    cmd = [str(part) for part in cmd]
    with tempfile.TemporaryFile(dir=cwd) as out, tempfile.TemporaryFile(dir=cwd) as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise BenchError(
            f"command failed (exit {proc.returncode}): {' '.join(cmd)}\n"
            f"--- stderr ---\n{stderr[-4000:]}\n--- stdout ---\n{stdout[-2000:]}"
        )
    return Run(cmd, wall, usage.ru_maxrss, stdout, stderr, usage.ru_utime + usage.ru_stime)  # ru_maxrss in KiB


def median_run(runs: list[Any]) -> Any:
    """The run with the median wall time (a Run, or a (Run, printed result) pair)."""
    def wall(item: Any) -> float:
        return (item[0] if isinstance(item, tuple) else item).wall_s

    return sorted(runs, key=wall)[(len(runs) - 1) // 2]


def console_script() -> Path:
    """What a user runs: the `timeline` script installed beside this Python (the venv's)."""
    for candidate in (Path(sys.executable).parent / "timeline", ROOT / ".venv" / "bin" / "timeline"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("timeline")
    if found:
        return Path(found)
    raise BenchError("no `timeline` console script found; run `make bench` (it installs the venv)")


def script_interpreter(script: Path) -> Path:
    """The interpreter in the script's #! line: the floor must start the very same binary."""
    first = script.read_bytes().split(b"\n", 1)[0].decode()
    if first.startswith("#!"):
        parts = first[2:].strip().split()
        if parts and Path(parts[0]).name != "env" and Path(parts[0]).is_file():
            return Path(parts[0])
    return Path(sys.executable)


# -- machine ---------------------------------------------------------------------------------------


def machine_info(interpreter: Path, env: dict[str, str], cwd: Path) -> dict[str, Any]:
    cpu = "unknown"
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gib = None
    try:
        for text in Path("/proc/meminfo").read_text().splitlines():
            if text.startswith("MemTotal:"):
                ram_gib = round(int(text.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    probe = (
        "import json, platform, sqlite3, sys, importlib.metadata as m; "
        "print(json.dumps({'python': platform.python_version(), 'python_executable': sys.executable, "
        "'sqlite': sqlite3.sqlite_version, 'eventsourcing': m.version('eventsourcing'), "
        "'sqlite_utils': m.version('sqlite-utils'), 'timeline': m.version('timeline')}))"
    )
    versions = json.loads(measure([interpreter, "-c", probe], cwd=cwd, env=env).stdout)
    commit = None
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
        commit += " (with uncommitted changes)" if dirty else ""
    except (OSError, subprocess.CalledProcessError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": ram_gib,
        "os": platform.platform(),
        **versions,
        "commit": commit,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


# -- helpers ---------------------------------------------------------------------------------------


def label(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def parse_sizes(text: str) -> list[int]:
    sizes = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        if not part:
            continue
        scale = {"k": 1_000, "m": 1_000_000}.get(part[-1], 1)
        sizes.append(int(float(part.rstrip("km")) * scale))
    if not sizes or min(sizes) < 10:
        raise SystemExit("--sizes needs comma-separated record counts of at least 10, e.g. 10000,100000")
    return sizes


def store_events(store: Path) -> int:
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
    finally:
        conn.close()


def mib(kb: int) -> float:
    return round(kb / 1024, 1)


def rnd(x: float, places: int = 3) -> float:
    return round(x, places)


def fmt_rate(x: float) -> str:
    return f"{x:,.0f}"


def render_table(headers: list[str], rows: list[list[Any]], left: tuple[int, ...] = (0,)) -> str:
    """Plain aligned text: columns in `left` left-aligned, the rest (numbers) right-aligned."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        return "  ".join(c.ljust(w) if i in left else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()

    out = [line(cells[0]), line(["-" * w for w in widths])]
    out += [line(row) for row in cells[1:]]
    return "\n".join("  " + text for text in out)


class Log:
    def __init__(self) -> None:
        self.started = time.perf_counter()

    def __call__(self, message: str) -> None:
        print(f"[{time.perf_counter() - self.started:7.1f}s] {message}", file=sys.stderr, flush=True)


# -- the benchmark ---------------------------------------------------------------------------------


def postgres_store(url: str, schema: str) -> str:
    """The --db value of a fresh schema on the server (timeline creates the schema on the first write)."""
    base = url.split("?", 1)[0]
    return f"{base}?schema={schema}"


def drop_schemas(interpreter: Path, url: str, schemas: list[str], env: dict[str, str], cwd: Path) -> None:
    if not schemas:
        return
    code = ("import sys, psycopg; c = psycopg.connect(sys.argv[1], autocommit=True)\n"
            "for s in sys.argv[2:]: c.execute(f'DROP SCHEMA IF EXISTS {s} CASCADE')")
    subprocess.run([interpreter, "-c", code, url.split("?", 1)[0], *schemas], cwd=cwd, env=env, check=False,
                   capture_output=True)


def run(sizes: list[int], *, quick: bool, keep: bool, log: Log, postgres: str | None = None) -> dict[str, Any]:
    script = console_script()
    interpreter = script_interpreter(script)
    # As a user runs it: with the interpreter's bytecode cache (some shells set PYTHONDONTWRITEBYTECODE,
    # which would make every measured start recompile the project's modules).
    env = {k: v for k, v in os.environ.items() if k not in ("TIMELINE_DB", "TIMELINE_VIEW", "PYTHONDONTWRITEBYTECODE")}
    subprocess.run([interpreter, "-m", "compileall", "-q", str(ROOT / "timeline"), str(ROOT / "events")], check=False)
    rounds = 3 if quick else 9  # whole-process rounds, after one warm-up round
    samples = 40 if quick else 1000  # position_at calls (random actor/topic/day triples)
    show_samples = 40 if quick else 200  # show calls (~100 ms each at 1M records)
    stances_samples = 20 if quick else 100  # stances calls (every actor on a topic)
    search_samples = 40 if quick else 200  # full-text searches
    small = min(SMALL, sizes[0])
    largest = sizes[-1]
    work = Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    log(f"working in {work}; console script {script}; interpreter {interpreter}")
    results: dict[str, Any] = {
        "settings": {
            "sizes": sizes, "small_store": small, "quick": quick, "whole_process_rounds": rounds,
            "position_at_samples": samples, "show_samples": show_samples, "stances_samples": stances_samples,
            "search_samples": search_samples, "console_script": str(script), "interpreter": str(interpreter),
        },
        "import": [], "rebuild": [], "query_latency": [], "process": [], "memory": {}, "postgres": [],
    }
    schemas: list[str] = []
    try:
        results["machine"] = machine_info(interpreter, env, work)
        kept: dict[int, tuple[Path, Path]] = {}  # stores for the whole-process rounds
        for n in sorted(set(sizes) | {small}):
            records = work / f"records-{n}.jsonl"
            store = work / f"store-{n}.sqlite"
            raw_db = work / f"raw-{n}.sqlite"
            log(f"{label(n)}: generating {n:,} records")
            generate.write(records, n)
            repeats = 1 if quick or n > REPEAT_UP_TO or n not in sizes else REPEATS

            imports: list[Run] = []
            raws: list[tuple[Run, dict[str, Any]]] = []
            pg_imports: list[Run] = []
            for attempt in range(repeats):  # timeline, then the baseline beside it, each from nothing
                for path in [*work.glob(f"store-{n}.*"), raw_db]:
                    path.unlink(missing_ok=True)
                log(f"{label(n)}: timeline import ({attempt + 1}/{repeats})")
                imported = measure([script, "--db", store, "import", records, "--json"], cwd=work, env=env)
                added = json.loads(imported.stdout)["added"]
                if added != n:
                    raise BenchError(f"timeline import added {added} records of {n}")
                imports.append(imported)
                if n in sizes:
                    log(f"{label(n)}: raw import baseline ({attempt + 1}/{repeats})")
                    raw = measure([interpreter, HERE / "raw_baseline.py", "import", records, raw_db], cwd=work, env=env)
                    said = json.loads(raw.stdout)
                    if said["rows"] != n:
                        raise BenchError(f"the raw baseline inserted {said['rows']} rows of {n}")
                    raws.append((raw, said))
                if postgres and n in sizes and n <= REPEAT_UP_TO:
                    schema = f"bench_{os.getpid()}_{n}_{attempt}"
                    schemas.append(schema)
                    log(f"{label(n)}: timeline import into PostgreSQL ({attempt + 1}/{repeats})")
                    pg_env = {**env, "TIMELINE_VIEW": str(work / f"{schema}.view.sqlite")}
                    pg = measure([script, "--db", postgres_store(postgres, schema), "import", records, "--json"],
                                 cwd=work, env=pg_env)
                    if json.loads(pg.stdout)["added"] != n:
                        raise BenchError("the PostgreSQL import did not add every record")
                    pg_imports.append(pg)
                    drop_schemas(interpreter, postgres, [schema], env, work)
            events = store_events(store)
            if n in sizes:
                imported, (raw, raw_inproc) = median_run(imports), median_run(raws)
                timeline_rate, raw_rate = n / imported.wall_s, n / raw.wall_s
                results["import"].append({
                    "n": n,
                    "runs": repeats,
                    "timeline": {"wall_s": rnd(imported.wall_s), "records_per_s": round(timeline_rate),
                                 "peak_rss_mib": mib(max(r.maxrss_kb for r in imports)),
                                 "runs_s": [rnd(r.wall_s) for r in imports],
                                 "cpu_s": rnd(statistics.median(r.cpu_s for r in imports))},
                    "raw": {"wall_s": rnd(raw.wall_s), "rows_per_s": round(raw_rate),
                            "cpu_s": rnd(statistics.median(r.cpu_s for r, _ in raws)),
                            "in_process_s": rnd(raw_inproc["seconds"]),
                            "in_process_rows_per_s": round(n / raw_inproc["seconds"]),
                            "peak_rss_mib": mib(max(r.maxrss_kb for r, _ in raws)),
                            "runs_s": [rnd(r.wall_s) for r, _ in raws]},
                    "ratio": rnd(raw_rate / timeline_rate, 2),
                    "cpu_ratio": rnd(statistics.median(r.cpu_s for r in imports)
                                     / max(statistics.median(r.cpu_s for r, _ in raws), 1e-6), 2),
                })
                if pg_imports:
                    pg_rate = n / median_run(pg_imports).wall_s
                    results["postgres"].append({
                        "n": n, "runs": len(pg_imports), "postgres_records_per_s": round(pg_rate),
                        "sqlite_records_per_s": round(timeline_rate), "ratio": rnd(pg_rate / timeline_rate, 2),
                        "runs_s": [rnd(r.wall_s) for r in pg_imports],
                        "client_cpu_s": rnd(statistics.median(r.cpu_s for r in pg_imports)),
                    })

                rebuilds: list[Run] = []
                copies: list[tuple[Run, dict[str, Any]]] = []
                for attempt in range(repeats):
                    log(f"{label(n)}: timeline rebuild, {events:,} events ({attempt + 1}/{repeats})")
                    rebuilt = measure([script, "--db", store, "rebuild"], cwd=work, env=env)
                    said = re.search(r"from (\d+) events", rebuilt.stdout)
                    if said and int(said.group(1)) != events:
                        raise BenchError(f"rebuild reports {said.group(1)} events, the store holds {events}")
                    rebuilds.append(rebuilt)
                    log(f"{label(n)}: raw copy baseline ({attempt + 1}/{repeats})")
                    copy = measure([interpreter, HERE / "raw_baseline.py", "copy", raw_db], cwd=work, env=env)
                    copies.append((copy, json.loads(copy.stdout)))
                rebuilt, (copy, copy_inproc) = median_run(rebuilds), median_run(copies)
                rebuild_rate, copy_rate = events / rebuilt.wall_s, copy_inproc["rows"] / copy.wall_s
                results["rebuild"].append({
                    "n": n,
                    "runs": repeats,
                    "events": events,
                    "timeline": {"wall_s": rnd(rebuilt.wall_s), "events_per_s": round(rebuild_rate),
                                 "peak_rss_mib": mib(max(r.maxrss_kb for r in rebuilds)),
                                 "runs_s": [rnd(r.wall_s) for r in rebuilds]},
                    "raw": {"rows": copy_inproc["rows"], "wall_s": rnd(copy.wall_s), "rows_per_s": round(copy_rate),
                            "in_process_s": rnd(copy_inproc["seconds"]),
                            "in_process_rows_per_s": round(copy_inproc["rows"] / copy_inproc["seconds"]),
                            "peak_rss_mib": mib(max(r.maxrss_kb for r, _ in copies)),
                            "runs_s": [rnd(r.wall_s) for r, _ in copies]},
                    "ratio": rnd(copy_rate / rebuild_rate, 2),
                })
                raw_db.unlink(missing_ok=True)

            log(f"{label(n)}: in-process query latency")
            latency = measure([interpreter, HERE / "query_latency.py", store, records, n, "--samples", samples,
                               "--show-samples", show_samples, "--stances-samples", stances_samples,
                               "--search-samples", search_samples], cwd=work, env=env)
            results["query_latency"].append({"n": n, **json.loads(latency.stdout)})

            records.unlink()
            if n in (small, largest):
                kept[n] = (store, Path(f"{store.with_suffix('')}.view.sqlite"))
            else:
                for path in work.glob(f"store-{n}.*"):
                    path.unlink()

        results["process"] = whole_process(kept, script, interpreter, rounds, work, env, log)
        results["memory"] = memory(results)
        results["targets"] = targets(results)
    finally:
        if postgres:
            drop_schemas(interpreter, postgres, schemas, env, work)
        if keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return results


def whole_process(
    stores: dict[int, tuple[Path, Path]], script: Path, interpreter: Path, rounds: int, work: Path,
    env: dict[str, str], log: Log,
) -> list[dict[str, Any]]:
    """Interleaved rounds of: floor, then position and add at each kept store; medians."""
    first = next(generate.generate(1))
    actor, topic = first["actor"], first["topic"]
    commands: dict[str, list[Any]] = {"floor": [interpreter, "-c", "import sqlite3"]}
    for n, (store, _) in sorted(stores.items()):
        commands[f"position-{n}"] = [script, "--db", store, "position", actor, "--topic", topic, "--on", ASK_DAY, "--json"]
        commands[f"add-{n}"] = [script, "--db", store, "add", actor, "--topic", topic, "--kind", "statement",
                                "--stance", "support", "--on", ASK_DAY, "--summary", "bench"]
    log(f"whole-process: {rounds} rounds (+1 warm-up) of {', '.join(commands)}")
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(rounds + 1):
        for name, cmd in commands.items():
            done = measure(cmd, cwd=work, env=env)
            if round_:  # round 0 is the warm-up
                times[name].append(done.wall_s)
                cpus[name].append(done.cpu_s)
    floor = statistics.median(times["floor"]) * 1000
    floor_cpu = statistics.median(cpus["floor"]) * 1000
    rows = []
    for n in sorted(stores):
        position = statistics.median(times[f"position-{n}"]) * 1000
        add = statistics.median(times[f"add-{n}"]) * 1000
        rows.append({
            "n": n,
            "floor_ms": rnd(floor, 1),
            "position_ms": rnd(position, 1),
            "add_ms": rnd(add, 1),
            "position_ratio": rnd(position / floor, 2),
            "add_ratio": rnd(add / floor, 2),
            "floor_cpu_ms": rnd(floor_cpu, 1),
            "add_cpu_ms": rnd(statistics.median(cpus[f"add-{n}"]) * 1000, 1),
            "add_cpu_ratio": rnd(statistics.median(cpus[f"add-{n}"]) * 1000 / max(floor_cpu, 1e-3), 2),
            "runs_ms": {name.split("-")[0]: [rnd(t * 1000, 1) for t in times[name]]
                        for name in ("floor", f"position-{n}", f"add-{n}")},
        })
    return rows


def memory(results: dict[str, Any]) -> dict[str, Any]:
    imports = {row["n"]: row["timeline"]["peak_rss_mib"] for row in results["import"]}
    rebuilds = {row["n"]: row["timeline"]["peak_rss_mib"] for row in results["rebuild"]}
    sizes = sorted(imports)
    out: dict[str, Any] = {
        "rows": [{"n": n, "import_peak_rss_mib": imports[n], "rebuild_peak_rss_mib": rebuilds[n]} for n in sizes],
    }
    if len(sizes) >= 2:
        big = FULL_SIZE if FULL_SIZE in sizes else sizes[-1]
        smaller = [n for n in sizes if n < big]
        base = FULL_SIZE // 10 if FULL_SIZE // 10 in smaller else smaller[-1]
        out.update({
            "compared": f"{label(big)}/{label(base)}",
            "import_ratio": rnd(imports[big] / imports[base], 2),
            "rebuild_ratio": rnd(rebuilds[big] / rebuilds[base], 2),
            "records_ratio": rnd(big / base, 1),
        })
    return out


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per target: the figure measured now, the target, and whether it is met."""
    rows: list[dict[str, Any]] = []

    def add(name: str, at: str, now: float | None, target: str, met: bool | None, note: str = "") -> None:
        rows.append({"target": name, "at": at, "now": now, "goal": target,
                     "met": "n/a" if met is None else ("yes" if met else "no"), "note": note})

    for row in results["import"]:
        add("import: raw rows/s ÷ timeline records/s", label(row["n"]), row["ratio"], f"≤ {IMPORT_RATIO:g}",
            row["ratio"] <= IMPORT_RATIO, f"{fmt_rate(row['timeline']['records_per_s'])} records/s")
    for row in results["rebuild"]:
        add("rebuild: raw rows/s ÷ timeline events/s", label(row["n"]), row["ratio"], f"≤ {REBUILD_RATIO:g}",
            row["ratio"] <= REBUILD_RATIO, f"{fmt_rate(row['timeline']['events_per_s'])} events/s")
    postgres = results.get("postgres") or []
    for row in postgres:
        add("import: PostgreSQL records/s ÷ SQLite records/s", label(row["n"]), row["ratio"], f"≥ {POSTGRES_RATIO:g}",
            row["ratio"] >= POSTGRES_RATIO, f"{fmt_rate(row['postgres_records_per_s'])} vs {fmt_rate(row['sqlite_records_per_s'])}")
    if not postgres:
        add("import: PostgreSQL records/s ÷ SQLite records/s", "-", None, f"≥ {POSTGRES_RATIO:g}", None,
            "no server: pass --postgres URL or set TIMELINE_TEST_POSTGRES_URL")
    process = results["process"]
    for row in process:
        add("timeline position --json ÷ interpreter floor", label(row["n"]), row["position_ratio"], f"≤ {POSITION_FLOOR:g}",
            row["position_ratio"] <= POSITION_FLOOR, f"{row['position_ms']} ms vs {row['floor_ms']} ms")
    for row in process:
        add("timeline add ÷ interpreter floor", label(row["n"]), row["add_ratio"], f"≤ {ADD_FLOOR:g}",
            row["add_ratio"] <= ADD_FLOOR, f"{row['add_ms']} ms vs {row['floor_ms']} ms")
    mem = results["memory"]
    if "import_ratio" in mem:
        note = "" if mem["compared"] == "1M/100k" else f"target is 1M/100k (use --full); records ×{mem['records_ratio']:g} here"
        add("import peak RSS ratio", mem["compared"], mem["import_ratio"], f"≤ {MEMORY_RATIO:g}",
            mem["import_ratio"] <= MEMORY_RATIO, note)
        add("rebuild peak RSS ratio", mem["compared"], mem["rebuild_ratio"], f"≤ {MEMORY_RATIO:g}",
            mem["rebuild_ratio"] <= MEMORY_RATIO, note)
    # Round one's targets, still watched.
    biggest = results["query_latency"][-1]
    note = "" if biggest["n"] >= FULL_SIZE else f"target is at 1M; largest run {label(biggest['n'])} (use --full)"
    add("position_at in-process p99 ms", label(biggest["n"]), rnd(biggest["position_at"]["p99_ms"], 3),
        f"≤ {POSITION_AT_P99_MS:g}", biggest["position_at"]["p99_ms"] <= POSITION_AT_P99_MS, note)
    for what in ("stances", "search"):
        if what in biggest:
            add(f"{what} in-process p99 ms", label(biggest["n"]), rnd(biggest[what]["p99_ms"], 1), f"≤ {ACROSS_P99_MS:g}",
                biggest[what]["p99_ms"] <= ACROSS_P99_MS, note)
    if len(process) >= 2:
        low, high = process[0], process[-1]
        at = f"{label(high['n'])} vs {label(low['n'])}"
        note = "" if high["n"] >= FULL_SIZE else "target is 1M vs 1k (use --full)"
        for what in ("position", "add"):
            ratio = rnd(high[f"{what}_ms"] / low[f"{what}_ms"], 2)
            add(f"timeline {what}: large store ÷ small store", at, ratio, f"≤ {SCALING:g}", ratio <= SCALING, note)
    return rows


# -- the report ------------------------------------------------------------------------------------


def report(results: dict[str, Any]) -> str:
    m = results["machine"]
    s = results["settings"]
    out = [
        "timeline benchmark",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM; {m['os']}",
        f"Python {m['python']} ({m['python_executable']}), SQLite {m['sqlite']}, eventsourcing {m['eventsourcing']}, "
        f"sqlite-utils {m['sqlite_utils']}, timeline {m['timeline']} at {m['commit']}",
        f"Load average at start {m['load_average_at_start']}, at end {m.get('load_average_at_end')}; "
        f"total {results.get('total_s', 0):.0f} s; {m['started_at']}",
        "",
        "Targets (issue 17; each measured in this run)",
        render_table(
            ["figure", "at", "now", "target", "met", "note"],
            [[t["target"], t["at"], "-" if t["now"] is None else t["now"], t["goal"], t["met"], t["note"]]
             for t in results["targets"]],
            left=(0, 4, 5),
        ),
        "",
        "1. Bulk import, whole process (median of `runs`, fresh store each): `timeline import FILE --json` vs raw "
        "json.loads + executemany in one transaction; ratio = raw rows/s ÷ timeline records/s; "
        "CPU ratio = the two processes' own CPU times (medians), the steadier figure on a loaded machine",
        render_table(
            ["N", "runs", "timeline s", "records/s", "RSS MiB", "raw s", "raw rows/s", "raw in-process rows/s", "ratio",
             "CPU s", "raw CPU s", "CPU ratio"],
            [[label(r["n"]), r["runs"], f"{r['timeline']['wall_s']:.2f}", fmt_rate(r["timeline"]["records_per_s"]),
              r["timeline"]["peak_rss_mib"], f"{r['raw']['wall_s']:.2f}", fmt_rate(r["raw"]["rows_per_s"]),
              fmt_rate(r["raw"]["in_process_rows_per_s"]), f"{r['ratio']:.2f}", f"{r['timeline'].get('cpu_s', 0):.2f}",
              f"{r['raw'].get('cpu_s', 0):.2f}", f"{r.get('cpu_ratio', 0):.2f}"] for r in results["import"]],
        ),
        "",
        "2. Rebuild, whole process (median of `runs`): `timeline rebuild` vs raw copy of the same rows into another table "
        "(select + executemany, one transaction); ratio = raw rows/s ÷ timeline events/s",
        render_table(
            ["N", "runs", "events", "timeline s", "events/s", "RSS MiB", "raw s", "raw rows/s", "raw in-process rows/s",
             "ratio"],
            [[label(r["n"]), r["runs"], f"{r['events']:,}", f"{r['timeline']['wall_s']:.2f}", fmt_rate(r["timeline"]["events_per_s"]),
              r["timeline"]["peak_rss_mib"], f"{r['raw']['wall_s']:.2f}", fmt_rate(r["raw"]["rows_per_s"]),
              fmt_rate(r["raw"]["in_process_rows_per_s"]), f"{r['ratio']:.2f}"] for r in results["rebuild"]],
        ),
        "",
        f"3. Query latency in-process, ms ({s['position_at_samples']} position_at and {s['show_samples']} show calls "
        "on random actor/topic/day triples)",
        render_table(
            ["N", "position_at p50", "position_at p99", "show p50", "show p99", "records per show"],
            [[label(r["n"]), f"{r['position_at']['p50_ms']:.3f}", f"{r['position_at']['p99_ms']:.3f}",
              f"{r['show']['p50_ms']:.3f}", f"{r['show']['p99_ms']:.3f}", f"{r['show']['mean_records_returned']:.0f}"]
             for r in results["query_latency"]],
        ),
        "",
        f"3b. Questions across actors in-process, ms ({s.get('stances_samples', '?')} stances and "
        f"{s.get('search_samples', '?')} search calls)",
        render_table(
            ["N", "stances p50", "stances p99", "actors listed", "search p50", "search p99", "results"],
            [[label(r["n"]), f"{r['stances']['p50_ms']:.1f}", f"{r['stances']['p99_ms']:.1f}",
              f"{r['stances']['mean_actors_listed']:.0f}", f"{r['search']['p50_ms']:.2f}",
              f"{r['search']['p99_ms']:.2f}", f"{r['search']['mean_results']:.0f}"]
             for r in results["query_latency"] if "stances" in r],
        ),
        "",
        "3c. search by query shape in-process, ms (p50 / p99)",
        render_table(
            ["N", *[shape for shape in ("rare word", "common word", "prefix", "phrase")]],
            [[label(r["n"]), *[f"{r['search']['by_shape'][shape]['p50_ms']:.1f} / {r['search']['by_shape'][shape]['p99_ms']:.1f}"
                               if shape in r["search"].get("by_shape", {}) else "-"
                               for shape in ("rare word", "common word", "prefix", "phrase")]]
             for r in results["query_latency"] if "search" in r],
        ),
        "",
        f"4. Whole process, median of {s['whole_process_rounds']} interleaved rounds after 1 warm-up (ms); "
        "floor = `python -c \"import sqlite3\"` with the script's interpreter",
        render_table(
            ["N", "floor", "position --json", "× floor", "add", "× floor", "floor CPU", "add CPU", "CPU × floor"],
            [[label(r["n"]), f"{r['floor_ms']:.1f}", f"{r['position_ms']:.1f}", f"{r['position_ratio']:.2f}",
              f"{r['add_ms']:.1f}", f"{r['add_ratio']:.2f}", f"{r.get('floor_cpu_ms', 0):.1f}",
              f"{r.get('add_cpu_ms', 0):.1f}", f"{r.get('add_cpu_ratio', 0):.2f}"] for r in results["process"]],
        ),
        "",
        "5. Peak RSS (MiB, each process's own ru_maxrss)",
        render_table(
            ["N", "import", "rebuild"],
            [[label(r["n"]), r["import_peak_rss_mib"], r["rebuild_peak_rss_mib"]] for r in results["memory"]["rows"]],
        ),
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The timeline benchmark suite.")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="record counts for import/rebuild, comma-separated (default 10000,100000; 10k and 1M work)")
    parser.add_argument("--full", action="store_true", help="also 1,000,000 records (takes minutes)")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (for the smoke test)")
    parser.add_argument("--json-out", default=str(HERE / "results" / "latest.json"), help="where to write the JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--postgres", default=os.environ.get("TIMELINE_TEST_POSTGRES_URL"),
                        help="a PostgreSQL server URL: also import into it (default $TIMELINE_TEST_POSTGRES_URL)")
    args = parser.parse_args(argv)
    sizes = sorted(set(parse_sizes(args.sizes) + ([FULL_SIZE] if args.full else [])))
    log = Log()
    try:
        results = run(sizes, quick=args.quick, keep=args.keep, log=log, postgres=args.postgres)
    except BenchError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    results["total_s"] = rnd(time.perf_counter() - log.started, 1)
    text = report(results)
    print(text)
    out = Path(args.json_out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
