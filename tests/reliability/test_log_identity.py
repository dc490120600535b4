"""The read model knows which event log it was derived from: a log copied over another is
noticed (and the view rebuilt), while a sibling process's catch-up never looks like a foreign log."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import Cli
from tests.reliability.test_reliability import WORKER

FOREIGN = "belongs to another event log"


def run_workers(db: str, processes: int, adds: int) -> list[str]:
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, db, str(k), str(adds)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for k in range(processes)
    ]
    errors = []
    for worker in workers:
        out, err = worker.communicate(timeout=240)
        assert json.loads(out.strip().splitlines()[-1]) == [0] * adds, err
        errors.append(err)
    return errors


@pytest.mark.parametrize("round_", range(3))  # the race needs a few chances to show
def test_siblings_catching_up_never_look_like_a_foreign_log_sqlite(tmp_path, round_):
    db = tmp_path / "shared.sqlite"
    Cli(db)("topic", "add", "load")
    for err in run_workers(str(db), 8, 10):
        assert FOREIGN not in err, err
    assert Cli(db).json("verify")["sound"]


@pytest.mark.parametrize("round_", range(2))
def test_siblings_catching_up_never_look_like_a_foreign_log_postgres(pg_url, tmp_path, monkeypatch, round_):
    monkeypatch.setenv("TIMELINE_VIEW", str(tmp_path / "shared.view.sqlite"))  # one view, as on one machine
    Cli(pg_url)("topic", "add", "load")
    for err in run_workers(pg_url, 6, 10):
        assert FOREIGN not in err, err
    assert Cli(pg_url).json("verify")["sound"]


def same_count_store(db, summary: str) -> Cli:
    """A store of three events (topic, actor, record) that differs from its twins only in what the
    record says: the same aggregates, versions and event classes at every position."""
    cli = Cli(db)
    cli("topic", "add", "load")
    cli("add", "Shared Minister", "--topic", "load", "--kind", "statement", "--stance", "support",
        "--on", "2025-01-01", "--summary", summary, "--new-actor")
    return cli


@pytest.mark.parametrize("first_command", ["show", "add"])  # the read-only fast path, and a catch-up
def test_a_log_copied_over_another_with_as_many_events_is_noticed(tmp_path, first_command):
    ours = same_count_store(tmp_path / "ours.sqlite", "our summary")
    theirs = same_count_store(tmp_path / "theirs.sqlite", "their summary")
    assert ours.event_count() == theirs.event_count()
    assert [r["summary"] for r in ours.json("show", "Shared Minister")["records"]] == ["our summary"]
    shutil.copyfile(theirs.db, ours.db)  # the view beside ours.sqlite stays
    if first_command == "add":
        result = ours("add", "Shared Minister", "--topic", "load", "--kind", "decision", "--stance", "oppose",
                      "--on", "2025-02-01", "--summary", "one more")
        assert "belongs to another event log" in result.stderr
    result = ours("show", "Shared Minister", "--json")
    summaries = [r["summary"] for r in json.loads(result.stdout)["records"]]
    assert "our summary" not in summaries and "their summary" in summaries
    if first_command == "show":
        assert "belongs to another event log" in result.stderr
    assert ours.json("verify")["sound"]


# -- Ctrl-C during an import (item 9) ----------------------------------------------------------------


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])  # Ctrl-C; `timeout`, `kill`, a CI's limit
def test_ctrl_c_during_an_import_says_what_was_saved_and_a_rerun_finishes(tmp_path, signal_name):
    import re
    import signal
    import sqlite3
    import time

    from tests.reliability.test_reliability import TIMELINE, store_count, write_lines

    db = tmp_path / "big.sqlite"
    source = write_lines(tmp_path / "big.jsonl", 6000)
    env = {**os.environ, "TIMELINE_IMPORT_BATCH": "500"}
    made = "topic LIKE '%Record.StatementMade'"
    process = subprocess.Popen([*TIMELINE, "--db", str(db), "import", str(source)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if store_count(db, made) >= 1000:
                break
        except sqlite3.Error:
            pass
        time.sleep(0.005)
    assert process.poll() is None, "the import finished before it could be interrupted"
    process.send_signal(getattr(signal, signal_name))
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    saved = store_count(db, made)
    assert 1000 <= saved < 6000 and saved % 500 == 0
    said = re.search(r"Interrupted: ([\d,]+) of 6,000 lines were saved \(([\d,]+) added", err)
    assert said, err
    assert int(said[1].replace(",", "")) == int(said[2].replace(",", "")) == saved
    assert "Run the same import again to finish" in err and "Traceback" not in err
    rerun = subprocess.run([*TIMELINE, "--db", str(db), "import", str(source)], env=env, capture_output=True, text=True)
    assert f"{6000 - saved} added, {saved} unchanged" in rerun.stdout, rerun.stderr
    assert store_count(db, made) == 6000


# -- a store on a read-only filesystem (item 10) --------------------------------------------------------


@pytest.mark.skipif(not (os.geteuid() == 0 and shutil.which("chattr")), reason="needs root and chattr (immutable files)")
def test_a_store_in_a_folder_that_cannot_be_written_can_be_read(tmp_path):
    """As on a read-only filesystem: the folder and the files are immutable (root ignores modes), so
    SQLite can make no -shm file for the WAL store, and the view cannot live beside it."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    db = folder / "s.sqlite"
    cli = same_count_store(db, "kept here")
    files = [str(p) for p in folder.iterdir()]
    subprocess.run(["chattr", "+i", *files, str(folder)], check=True)
    try:
        first = cli("show", "Shared Minister", "--json")
        assert [r["summary"] for r in json.loads(first.stdout)["records"]] == ["kept here"]
        assert "cannot be written" in first.stderr  # said once, where the read model went
        again = cli("position", "Shared Minister", "--topic", "load", "--json")
        assert json.loads(again.stdout)["stance"] == "support" and "cannot be written" not in again.stderr
        assert cli.json("verify")["sound"]
        refused = cli("add", "Shared Minister", "--topic", "load", "--kind", "statement", "--stance", "oppose",
                      "--on", "2025-03-01", "--summary", "no", code=2)
        assert "read-only" in refused.stderr
    finally:
        subprocess.run(["chattr", "-i", *files, str(folder)], check=True)
    assert sorted(str(p) for p in folder.iterdir()) == sorted(files)  # nothing written beside the store


def test_a_store_moved_with_its_view_is_not_rebuilt(tmp_path):
    """Renaming the folder that holds a store and its view is the same log: no rebuild, no notice
    that it belongs to another log (at 1M events a rebuild costs half a minute)."""
    from tests.conftest import SEEDS, Cli

    first = tmp_path / "before"
    first.mkdir()
    Cli(first / "t.sqlite")("seed", str(SEEDS))
    moved = tmp_path / "after"
    first.rename(moved)
    result = Cli(moved / "t.sqlite")("show", "Edi Rama", "--json")
    assert "another event log" not in result.stderr and "rebuilding" not in result.stderr
    assert json.loads(result.stdout)["records"]
