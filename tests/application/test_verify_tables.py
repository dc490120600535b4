"""`timeline verify` compares every derived table of the read model with a fresh rebuild, and checks
the full-text index against the records it indexes: damage done to any one of them by hand (sqlite3
on the view file) makes verify exit 1 naming that table; a rebuild makes it sound again."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.conftest import SEEDS, Cli
from timeline.readmodel.schema import DERIVED_TABLES

# One statement per derived table that changes what the read model answers without an event.
DAMAGE = {
    "actors": "UPDATE actors SET name = 'Someone Else' WHERE rowid = (SELECT MIN(rowid) FROM actors)",
    "actor_versions": "UPDATE actor_versions SET name = 'Someone Else' WHERE rowid = 1",
    "aliases": "DELETE FROM aliases WHERE rowid = (SELECT MIN(rowid) FROM aliases)",
    "roles": "UPDATE roles SET role = 'Pope'",
    "topics": "UPDATE topics SET title = 'Something else' WHERE rowid = 1",
    "topic_versions": "UPDATE topic_versions SET parent = NULL, title = 'Moved by hand'",
    "offices": "UPDATE offices SET title = 'Lord Protector' WHERE rowid = 1",
    "office_aliases": "DELETE FROM office_aliases",
    # the reviewer's case: the first term now names another actor as its holder
    "terms": "UPDATE terms SET holder_uuid = (SELECT uuid FROM actors WHERE uuid <> terms.holder_uuid LIMIT 1) "
             "WHERE number = 0",
    "records": "UPDATE records SET stance = 'neutral' WHERE seq = (SELECT MIN(seq) FROM records)",
    "versions": "DELETE FROM versions",
    # the index loses one record's words (FTS5's own 'delete' command), the records table is untouched
    "records_fts": "INSERT INTO records_fts(records_fts, rowid, uuid, summary, quote, source) "
                   "SELECT 'delete', seq, uuid, summary, quote, source FROM records WHERE seq = (SELECT MIN(seq) FROM records)",
}


@pytest.fixture
def store(tmp_path) -> Cli:
    cli = Cli(tmp_path / "timeline.sqlite")
    cli("seed", str(SEEDS))
    cli("correct", "starmer-rwanda-gimmick", "--quote", "a gimmick", "--reason", "fuller quote")  # a row in versions
    cli("topic", "add", "rwanda-scheme", "--title", "The Rwanda scheme")  # a second topic version
    cli("actor", "rename", "Keir Starmer", "Sir Keir Starmer")  # a second actor version
    return cli


def test_every_derived_table_is_damaged_by_one_case():
    assert set(DAMAGE) == set(DERIVED_TABLES)


def problems(cli: Cli) -> tuple[int, list[str]]:
    result = cli("verify", "--json", code=None)
    return result.exit_code, json.loads(result.stdout)["problems"]


@pytest.mark.parametrize("table", sorted(DAMAGE))
def test_verify_names_the_damaged_table(store, table):
    assert problems(store) == (0, [])
    with sqlite3.connect(store.view_path) as conn:
        changed = conn.execute(DAMAGE[table]).rowcount
    assert changed != 0 or table == "records_fts", f"the damage to {table} changed nothing"  # FTS5 commands count 0
    code, found = problems(store)
    assert code == 1
    named = {problem.split(":")[0].removeprefix("table ") for problem in found}
    assert named == {table}, found  # (a stance is not indexed: the full-text index stays in step)
    text = store("verify", code=1)
    assert f"- table {table}:" in text.stdout and "NOT sound" in text.stdout
    store("rebuild")
    assert problems(store) == (0, [])


def test_a_damaged_term_changes_the_answer_and_verify_says_so(store):
    """The reviewer's case end to end: the holder answered is wrong, and verify no longer says Sound."""
    office = store.json("offices")[0]
    title, term = office["office"], office["terms"][0]
    right = store.json("holder", title, "--on", term["start"])["holder"]
    with sqlite3.connect(store.view_path) as conn:
        conn.execute(DAMAGE["terms"])
    assert store.json("holder", title, "--on", term["start"])["holder"] != right
    result = store("verify", code=1)
    assert "- table terms:" in result.stdout
    store("rebuild")
    assert store.json("holder", title, "--on", term["start"])["holder"] == right
