"""The reviewer's two shells, as two whole processes started together, each with its own read model
(TIMELINE_VIEW): opposite merges. Without the writers' lock the reviewer saw both succeed 4 times in 4 on
PostgreSQL; with it, one merges and the other is refused, every time. (Not forced: the threaded
tests in test_identity_races.py force each race; this one checks the CLI's processes take turns.)"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT, Cli

TIMELINE = [sys.executable, "-m", "timeline.cli"]


def test_opposite_merges_from_two_shells(timeline_store, tmp_path) -> None:
    cli = Cli(timeline_store)
    for round_ in range(3):
        p, q = f"Pia Round{round_}", f"Quentin Other{round_}"
        cli("actor", "add", p, "--new-actor")
        cli("actor", "add", q, "--new-actor")
        runs = []
        for view, (dup, into) in (("v1", (p, q)), ("v2", (q, p))):
            env = {**os.environ, "PYTHONPATH": str(ROOT), "TIMELINE_VIEW": str(tmp_path / f"{view}.sqlite")}
            runs.append(subprocess.Popen([*TIMELINE, "--db", str(timeline_store), "actor", "merge", dup, "--into", into,
                                          "--reason", "r"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                         text=True))
        done = [(run.wait(timeout=120), *run.communicate()) for run in runs]
        assert sorted(code for code, _, _ in done) == [0, 1], done
        refused = next(err for code, _, err in done if code == 1)
        assert "are already the same actor" in refused, refused
        actors = {a["name"]: a for a in cli.json("actors") if a["name"] in (p, q)}
        assert [a["merged_into"] is None for a in actors.values()].count(True) == 1, actors
