"""The lean `add` as whole processes: two at once both land, and the common case loads neither the
eventsourcing library nor the aggregates (a behavioural guard of issue 17, not a timing test)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

from tests.conftest import ROOT, SEEDS, Cli

TIMELINE = [sys.executable, "-m", "timeline.cli"]
ADD = ["add", "Edi Rama", "--topic", "return-hubs", "--kind", "refusal", "--stance", "oppose", "--on", "2025-05-15",
       "--summary", "Rules out hosting return hubs", "--json"]


def seeded_store(tmp_path):
    cli = Cli(tmp_path / "t.sqlite")
    cli("seed", str(SEEDS))
    cli("position", "Keir Starmer", "--json")  # the read model is current with the log
    return cli


def events(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]


def test_two_adds_at_once_both_land(tmp_path):
    """Both plan the same generated id against the same read model; the store refuses the second
    row, whose process then plans again through the full path and takes the next id."""
    cli = seeded_store(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_ in range(3):
        before = events(cli.db)
        runs = [subprocess.Popen([*TIMELINE, "--db", str(cli.db), *ADD, "--quote", f"{round_}-{k}"], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in range(2)]
        done = [(run.wait(timeout=120), *run.communicate()) for run in runs]
        assert [code for code, _, _ in done] == [0, 0], done
        ids = {json.loads(out)["id"] for _, out, _ in done}
        assert len(ids) == 2 and events(cli.db) == before + 2
        shown = {r["id"]: r["quote"] for r in cli.json("show", "Edi Rama", "--topic", "return-hubs")["records"]}
        assert {shown[i] for i in ids} == {f"{round_}-0", f"{round_}-1"}
    assert cli.json("verify")["sound"]  # the read model equals a rebuild of the log


def modules_of(args: list[str], db, tmp_path) -> tuple[set[str], subprocess.CompletedProcess]:
    """The modules a whole `timeline --db DB ARGS…` process had imported when it ended."""
    listing = tmp_path / "modules.json"
    code = (
        "import atexit, json, sys\n"
        f"atexit.register(lambda: open({str(listing)!r}, 'w').write(json.dumps(sorted(sys.modules))))\n"
        "from timeline.cli import app\n"
        "app()\n"
    )
    run = subprocess.run([sys.executable, "-c", code, "--db", str(db), *args], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    return set(json.loads(listing.read_text())), run


def loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(module.startswith(f"{name}.") for module in modules)


HEAVY_FOR_ADD = [
    "eventsourcing",  # the library: its domain, application and persistence modules
    "events.actors", "events.records", "events.topics", "events.offices",  # the aggregates' classes
    "timeline.store.application", "timeline.readmodel.identity",
    "hashlib", "_hashlib",  # OpenSSL: the record's uuid5 uses `_sha1` straight
    "dateparser", "rich", "sqlite_utils", "psycopg", "edtf",
]


def test_the_common_add_loads_neither_the_library_nor_the_aggregates(tmp_path):
    cli = seeded_store(tmp_path)
    modules, run = modules_of([*ADD, "--target", "the PM", "--responds-to", "starmer-scraps-rwanda"], cli.db, tmp_path)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["responds_to"] == "starmer-scraps-rwanda"
    assert "timeline.store.leanadd" in modules
    assert [name for name in HEAVY_FOR_ADD if loaded(modules, name)] == []
    # and the probe does see them when the record needs a new actor: the full path
    modules, run = modules_of(["add", "Somebody New", "--topic", "return-hubs", "--kind", "statement",
                               "--stance", "support", "--on", "2025-05-16", "--summary", "s"], cli.db, tmp_path)
    assert run.returncode == 0, run.stderr
    assert {"eventsourcing.domain", "events.actors", "events.records"} <= modules
