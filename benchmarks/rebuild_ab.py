"""Side-by-side timing of `timeline rebuild` against the raw copy baseline (benchmarks/raw_baseline.py).

    python benchmarks/rebuild_ab.py STORE.sqlite RECORDS.jsonl [--rounds 3] [--python A B ...]

Each round runs every interpreter's `timeline rebuild` (its own child process) and the raw copy
(select + executemany into another plain table, one transaction), interleaved, and prints wall
time, CPU time (ru_utime + ru_stime of the child, from os.wait4) and peak RSS for each. Several
interpreters (e.g. two worktrees' virtualenvs) compare code A and B on the same store and machine,
each rebuilding its own view file (full from the second round on, as `make bench` finds it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MiB) of one child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed: {proc.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("records")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--python", nargs="+", default=[sys.executable])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rebuild_ab"))
    raw = work / "raw.sqlite"
    env = dict(os.environ)
    results: dict[str, list[tuple[float, float, float]]] = {}
    try:
        subprocess.run([sys.executable, HERE / "raw_baseline.py", "import", args.records, raw], check=True,
                       stdout=subprocess.DEVNULL)
        measure(args, work, raw, env, results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    copy_wall = statistics.median(w for w, _, _ in results["raw copy"])
    for name, runs in results.items():
        wall = statistics.median(w for w, _, _ in runs)
        cpu = statistics.median(c for _, c, _ in runs)
        rss = max(r for _, _, r in runs)
        print(f"{name}: wall {wall:.2f} s (×{wall / copy_wall:.2f} raw), CPU {cpu:.2f} s, peak RSS {rss:.0f} MiB; "
              f"walls {[round(w, 2) for w, _, _ in runs]}")


def measure(args: argparse.Namespace, work: Path, raw: Path, env: dict[str, str],
            results: dict[str, list[tuple[float, float, float]]]) -> None:
    for _ in range(args.rounds):
        for number, python in enumerate(args.python):
            timeline = str(Path(python).with_name("timeline"))
            own = {**env, "TIMELINE_VIEW": str(work / f"view{number}.sqlite")}  # each its own (full) view
            results.setdefault(python, []).append(run([timeline, "--db", args.store, "rebuild"], own))
        results.setdefault("raw copy", []).append(run([sys.executable, HERE / "raw_baseline.py", "copy", raw], env))


if __name__ == "__main__":
    main()
