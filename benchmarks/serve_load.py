"""Load on `timeline serve`: requests per second and latency of /position.json at N records.

    python benchmarks/serve_load.py [N=100000] [--requests 3000] [--clients 4] [--seed 11]

Generates N records (benchmarks/generate.py), imports them into a fresh store in a temporary
folder, starts `timeline serve` on a free port of 127.0.0.1 (only), and sends a bounded number of
GET /position.json?actor=…&topic=…&on=… requests (actor and topic of a random record, a random
day 1995–2025, ISO dates) from `clients` threads, each on its own keep-alive connection. Prints
one JSON object: requests, clients, seconds, requests_per_s, p50_ms, p90_ms, p99_ms, max_ms,
and the status counts (all 200 unless something is wrong).
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate, write  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    return values[max(1, math.ceil(q / 100 * len(values))) - 1]


def questions(n: int, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    rows = list(generate(n))
    first = date(1995, 1, 1)
    paths = []
    for _ in range(count):
        row = rng.choice(rows)
        day = first + timedelta(days=rng.randint(0, (date(2025, 12, 31) - first).days))
        paths.append("/position.json?" + urlencode({"actor": row["actor"], "topic": row["topic"], "on": day.isoformat()}))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    env["PYTHONPATH"] = str(ROOT)
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "timeline.sqlite"
        records = write(Path(folder) / "records.jsonl", args.n)
        timeline = [sys.executable, "-m", "timeline.cli", "--db", str(store)]
        subprocess.run([*timeline, "import", str(records)], env=env, cwd=folder, check=True, capture_output=True)
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([*timeline, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=folder,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    probe_conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    probe_conn.request("GET", "/-/versions.json")
                    probe_conn.getresponse().read()
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit(f"the server did not start: {server.stderr.read().decode() if server.poll() is not None else 'timeout'}")
                    time.sleep(0.2)
            paths = questions(args.n, args.requests, args.seed)
            latencies: list[float] = []
            statuses: dict[int, int] = {}
            lock = threading.Lock()

            def client(share: list[str]) -> None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                for path in share:
                    started = time.perf_counter()
                    conn.request("GET", path)
                    answer = conn.getresponse()
                    answer.read()
                    took = (time.perf_counter() - started) * 1000
                    with lock:
                        latencies.append(took)
                        statuses[answer.status] = statuses.get(answer.status, 0) + 1
                conn.close()

            for path in paths[:20]:  # warm-up, untimed: page cache, first catch-up, imports
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                c.request("GET", path)
                c.getresponse().read()
                c.close()
            latencies.clear()
            threads = [threading.Thread(target=client, args=(paths[i::args.clients],)) for i in range(args.clients)]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.perf_counter() - began
        finally:
            server.terminate()
            server.wait(timeout=10)
    ordered = sorted(latencies)
    print(json.dumps({
        "n": args.n, "requests": len(ordered), "clients": args.clients, "seconds": round(seconds, 2),
        "requests_per_s": round(len(ordered) / seconds, 1), "p50_ms": round(percentile(ordered, 50), 2),
        "p90_ms": round(percentile(ordered, 90), 2), "p99_ms": round(percentile(ordered, 99), 2),
        "max_ms": round(ordered[-1], 2), "statuses": statuses,
    }))


if __name__ == "__main__":
    main()
