"""A large import loads `records` without its wide indexes and builds them at the end (issue 17, sixth
pass; timeline/readmodel/deferred.py): the same read model as keeping them live, queries that answer
the same while they are missing, a died import's indexes built by the next command, and two imports at
once both whole."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.reliability.test_reliability import TIMELINE, kill_when, store_count, write_lines
from timeline.readmodel import deferred
from timeline.readmodel.schema import INDEXES

WIDE = sorted(deferred.name(entry) for entry in deferred.DEFERRED)
ALL = sorted(deferred.name(entry) for entry in INDEXES)


def indexes(view: Path) -> list[str]:
    conn = sqlite3.connect(view)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL"))
    finally:
        conn.close()


def marker(view: Path) -> str | None:
    conn = sqlite3.connect(view)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key='deferred'").fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def tables(view: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(view)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'records_fts%' "
                                            "AND name NOT IN ('meta')")]
        found = {name: sorted((tuple(_untimed(v) for v in row) for row in conn.execute(f"SELECT * FROM {name}")), key=repr)
                 for name in names}
        found["fts"] = conn.execute("SELECT rowid, uuid, summary FROM records_fts WHERE records_fts MATCH 'record' "
                                    "ORDER BY rowid").fetchall()
        return found
    finally:
        conn.close()


def _untimed(value):
    """Two imports of the same file differ only in their record times."""
    return "(a record time)" if isinstance(value, str) and TIME.match(value) else value


TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")


def lines(path: Path, n: int, prefix: str = "c") -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(json.dumps({
                "id": f"{prefix}-{i}", "actor": f"Actor {i % 17}", "topic": f"topic-{i % 5}", "kind": "statement",
                "stance": ("support", "oppose", "neutral")[i % 3], "date": f"20{10 + i % 15}-0{1 + i % 9}",
                "summary": f"Record {i} said", **({"responds_to": f"{prefix}-{i - 1}"} if i % 11 == 10 else {}),
            }) + "\n")
    return path


QUESTIONS = [
    ("position", "Actor 3", "--topic", "topic-3", "--on", "2020-06-01"),
    ("stances", "--topic", "topic-2", "--on", "2018-03-01"),
    ("show", "Actor 5", "--topic", "topic-0"),
    ("search", "record"),
    ("thread", "c-19"),
]


def answers(cli: Cli) -> list[str]:
    """Each question's JSON answer, its record times masked (two imports differ only in those)."""
    return [re.sub(r'"\d{4}-\d\d-\d\dT[^"]*"', '"(a time)"', json.dumps(cli.json(*question))) for question in QUESTIONS]


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setenv("TIMELINE_DEFER_INDEXES_FROM", "100")
    monkeypatch.setenv("TIMELINE_IMPORT_BATCH", "150")


def test_the_deferred_load_makes_the_read_model_the_live_one_makes(tmp_path, small_threshold, monkeypatch):
    source = lines(tmp_path / "a.jsonl", 700)
    deferred_cli, live_cli = Cli(tmp_path / "d.sqlite"), Cli(tmp_path / "l.sqlite")
    seen: list[tuple] = []
    begin = deferred.begin

    def watched(view, count):  # while loading: the marker is committed with the indexes dropped
        handle = begin(view, count)
        seen.append((marker(view.path), indexes(view.path)))
        return handle

    monkeypatch.setattr(deferred, "begin", watched)
    deferred_cli("import", str(source))
    assert seen == [("1", sorted(set(ALL) - set(WIDE)))]
    monkeypatch.setattr(deferred, "begin", begin)
    monkeypatch.setenv("TIMELINE_DEFER_INDEXES_FROM", "100000000")
    live_cli("import", str(source))
    assert indexes(deferred_cli.view_path) == indexes(live_cli.view_path) == ALL
    assert marker(deferred_cli.view_path) is None and not Path(f"{deferred_cli.view_path}-bulk").exists()
    assert tables(deferred_cli.view_path) == tables(live_cli.view_path)
    assert answers(deferred_cli) == answers(live_cli)
    assert deferred_cli.json("verify")["sound"]
    # a second, smaller import into the now larger view keeps the indexes live
    monkeypatch.setenv("TIMELINE_DEFER_INDEXES_FROM", "100")
    more = lines(tmp_path / "b.jsonl", 300, prefix="m")
    seen.clear()
    monkeypatch.setattr(deferred, "begin", watched)
    deferred_cli("import", str(more))
    assert seen == [(None, ALL)]
    seen.clear()  # both files again: no more lines than the view holds, nothing to defer
    deferred_cli("import", str(source))
    deferred_cli("import", str(more))
    assert seen == [(None, ALL), (None, ALL)]


def test_queries_answer_the_same_while_the_indexes_are_left_out(tmp_path, small_threshold):
    cli = Cli(tmp_path / "s.sqlite")
    cli("import", str(lines(tmp_path / "a.jsonl", 700)))
    expected = answers(cli)
    from timeline.readmodel.view import CACHE_KIB, View

    view = View(cli.view_path)
    handle = deferred.begin(view, 10_000)  # this process now stands for an import that is loading
    try:
        assert indexes(cli.view_path) == sorted(set(ALL) - set(WIDE)) and marker(cli.view_path) == "1"
        assert answers(cli) == expected  # another command meanwhile: the same answers, no index built
        assert indexes(cli.view_path) == sorted(set(ALL) - set(WIDE))
        report = cli.json("verify")  # an import is loading: its missing indexes are no finding
        assert report["sound"], report["problems"]
    finally:
        with deferred.ending(view, handle):
            pass
    assert indexes(cli.view_path) == ALL and marker(cli.view_path) is None
    assert view.conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB  # the build's settings undone
    assert view.conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    view.close()


def test_an_index_missing_without_the_marker_is_a_finding(tmp_path):
    cli = Cli(tmp_path / "s.sqlite")
    cli("import", str(lines(tmp_path / "a.jsonl", 50)))
    conn = sqlite3.connect(cli.view_path)
    conn.execute(f'DROP INDEX "{WIDE[0]}"')
    conn.commit()
    conn.close()
    report = json.loads(cli("verify", "--json", code=None).stdout)
    assert not report["sound"] and any(WIDE[0] in problem for problem in report["problems"])


def test_an_import_killed_while_loading_has_its_indexes_built_by_the_next_command(tmp_path):
    db = tmp_path / "crash.sqlite"
    source = write_lines(tmp_path / "big.jsonl", 6000)
    env = {**os.environ, "TIMELINE_IMPORT_BATCH": "500", "TIMELINE_DEFER_INDEXES_FROM": "1000"}
    made = "topic LIKE '%Record.StatementMade'"

    def enough():
        try:
            return store_count(db, made) >= 1500
        except sqlite3.Error:
            return False

    process = subprocess.Popen([*TIMELINE, "--db", str(db), "import", str(source)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert kill_when(process, enough), "the import finished before it could be killed"
    cli = Cli(db)
    view = cli.view_path
    assert marker(view) == "1" and not set(WIDE) & set(indexes(view))  # as the killed import left it
    assert cli.json("position", "Actor 1", "--topic", "topic-1", "--on", "2020-01-01") is not None
    assert indexes(view) == ALL and marker(view) is None  # the read built them (no import held the lock)
    rerun = subprocess.run([*TIMELINE, "--db", str(db), "import", str(source)], env=env, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert store_count(db, made) == 6000
    assert indexes(view) == ALL and marker(view) is None
    assert cli.json("verify")["sound"]


def test_two_large_imports_at_once_are_both_whole(tmp_path):
    db = tmp_path / "two.sqlite"
    env = {**os.environ, "TIMELINE_IMPORT_BATCH": "300", "TIMELINE_DEFER_INDEXES_FROM": "500"}
    files = [lines(tmp_path / f"{p}.jsonl", 3000, prefix=p) for p in ("a", "b")]
    processes = [subprocess.Popen([*TIMELINE, "--db", str(db), "import", str(f), "--json"], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert json.loads(out)["added"] == 3000
    cli = Cli(db)
    view = cli.view_path
    assert indexes(view) == ALL and marker(view) is None and not Path(f"{view}-bulk").exists()
    assert store_count(db, "topic LIKE '%Record.StatementMade'") == 6000
    assert cli.json("verify")["sound"]
