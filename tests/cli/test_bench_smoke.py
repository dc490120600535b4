"""The benchmark harness works end to end on tiny sizes. Not a timed test: it asserts no speed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def positive(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def test_bench_harness_runs_and_reports_every_section(tmp_path):
    out = tmp_path / "bench.json"
    # Two sizes, so that the size-to-size comparisons (memory, large vs small store) are computed too.
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "200,400", "--quick", "--json-out", str(out)],
        capture_output=True, text=True, timeout=180, cwd=tmp_path,
    )
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "Targets" in result.stdout
    data = json.loads(out.read_text())

    machine = data["machine"]
    for key in ("cpu", "cores", "python", "sqlite", "eventsourcing"):
        assert machine[key], key

    assert [row["n"] for row in data["import"]] == [200, 400]
    for row in data["import"]:
        for side, keys in (("timeline", ("wall_s", "records_per_s", "peak_rss_mib")),
                           ("raw", ("wall_s", "rows_per_s", "in_process_s", "in_process_rows_per_s", "peak_rss_mib"))):
            for key in keys:
                assert positive(row[side][key]), (side, key, row)
        assert positive(row["ratio"])

    assert [row["n"] for row in data["rebuild"]] == [200, 400]
    for row in data["rebuild"]:
        assert row["events"] > row["n"]  # records plus their actors and topics
        assert row["raw"]["rows"] == row["n"]
        for key in ("wall_s", "events_per_s", "peak_rss_mib"):
            assert positive(row["timeline"][key]), key
        for key in ("wall_s", "rows_per_s", "in_process_s", "in_process_rows_per_s", "peak_rss_mib"):
            assert positive(row["raw"][key]), key
        assert positive(row["ratio"])

    assert [row["n"] for row in data["query_latency"]] == [200, 400]
    for row in data["query_latency"]:
        assert row["view_records"] == row["n"]
        for query in ("position_at", "show", "stances", "search"):
            for key in ("p50_ms", "p99_ms", "mean_ms"):
                assert positive(row[query][key]), (query, key)
            assert row[query]["p50_ms"] <= row[query]["p99_ms"]

    assert [row["n"] for row in data["process"]] == [200, 400]
    for row in data["process"]:
        for key in ("floor_ms", "position_ms", "add_ms", "position_ratio", "add_ratio"):
            assert positive(row[key]), key

    memory = data["memory"]
    assert [row["n"] for row in memory["rows"]] == [200, 400]
    for row in memory["rows"]:
        assert positive(row["import_peak_rss_mib"]) and positive(row["rebuild_peak_rss_mib"])
    assert memory["compared"] == "400/200"
    assert positive(memory["import_ratio"]) and positive(memory["rebuild_ratio"])

    assert data["targets"]
    for target in data["targets"]:
        if target["met"] == "n/a":  # only PostgreSQL, when no server is given
            assert target["target"].startswith("import: PostgreSQL") and target["now"] is None, target
            continue
        assert target["met"] in ("yes", "no"), target
        assert positive(target["now"]), target
    figures = {target["target"].split(":")[0].split(" ÷")[0] for target in data["targets"]}
    for figure in ("import", "rebuild", "timeline position --json", "timeline add", "import peak RSS ratio"):
        assert figure in figures, figure
    assert "now" in result.stdout.split("Targets")[1].splitlines()[1]
