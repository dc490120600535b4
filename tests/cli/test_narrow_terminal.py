"""Every table on a 60-column terminal: wrapped, never wider than the terminal, never cut with "…"."""

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

QUESTIONS = [
    ["stances", "--topic", "offshoring", "--on", "2025-05-16"],
    ["search", "hubs"],
    ["history", "starmer-further-details"],
    ["log"],
    ["changes", "--topic", "offshoring"],
    ["position", "Keir Starmer"],
    ["actors"],
    ["show", "Maria Lindqvist-Ek of the Very Long Name"],
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from tests.conftest import SEEDS, Cli

    cli = Cli(tmp_path_factory.mktemp("narrow") / "t.sqlite")
    cli("seed", str(SEEDS))
    cli("add", "Maria Lindqvist-Ek of the Very Long Name", "--topic", "return-hubs", "--kind", "statement",
        "--stance", "oppose", "--on", "Q2 2024", "--new-actor", "--id", "a-rather-long-record-identifier-of-47-chars",
        "--summary", "A long summary about what was said, to be wrapped over several lines of a narrow table")
    return cli


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q[0])
def test_tables_fit_sixty_columns_and_cut_nothing(store, question):
    env = {**os.environ, "COLUMNS": "60", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", "from timeline.cli import app; app()", "--db", str(store.db), *question],
                         capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip()
    assert all(len(line) <= 60 for line in out.splitlines()), out
    if question[0] != "search":  # a search snippet marks the text it leaves out with "…" on purpose
        assert "…" not in out


@pytest.mark.parametrize("question, whole", [
    (["log"], ["StatementMade", "return-hubs", "a-rather-long-record-identifier-of-"]),
    (["history", "starmer-further-details"], ["StatementMade", "Keir Starmer", "2025-05-15", "summary:"]),
    (["changes"], ["offshoring", "support", "starmer-no-silver-bullet", "full (U-turn)"]),
    (["stances", "--topic", "offshoring", "--on", "2025-05-16"], ["Keir Starmer: support", "Chris Philp"]),
    (["search", "gimmick"], ["starmer-rwanda-gimmick", "rwanda-scheme, oppose"]),
    (["show", "Keir Starmer"], ["starmer-scraps-rwanda", "decision, oppose", "summary:"]),
    (["actors"], ["Maria Lindqvist-Ek of the Very Long Name", "Shadow Home Secretary", "aliases:"]),
    (["topics"], ["return-hubs", "      title: Return hubs for", "      under: offshoring"]),  # as deep as its slug
    (["offices"], ["Prime Minister of Albania", "2013-09-15 to now: Edi Rama"]),
    (["position", "Keir Starmer", "--on", "2025-06-01"], ["rwanda-scheme", "stance: oppose", "2024-07 · decision"]),
], ids=["log", "history", "changes", "stances", "search", "show", "actors", "topics", "offices", "position"])
def test_forty_columns_print_every_field_in_blocks(store, question, whole):
    env = {**os.environ, "COLUMNS": "40", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", "from timeline.cli import app; app()", "--db", str(store.db), *question],
                         capture_output=True, text=True, env=env, check=True).stdout
    assert all(len(line) <= 40 for line in out.splitlines()), out
    assert "┃" not in out  # blocks, not a table squeezed to slivers
    if question[0] != "search":  # a search snippet marks the text it leaves out with "…" on purpose
        assert "…" not in out
    for text in whole:
        assert text in out, text
