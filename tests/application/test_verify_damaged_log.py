"""`verify` on a damaged event log reports the damage as findings (exit 1, one line each), never as
an "unexpected" error: finding such damage is what it is for."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from tests.conftest import Cli


@pytest.mark.parametrize("damage, found", [
    ("DELETE FROM stored_events WHERE originator_version = 1 AND topic LIKE '%StatementMade'",
     "the log changes record"),
    ("UPDATE stored_events SET state = X'00FF' WHERE originator_version = 2", "does not decode"),
])
def test_a_damaged_log_is_reported_not_raised(tmp_path, damage, found):
    cli = Cli(tmp_path / "s.sqlite")
    cli("add", "Al", "--new-actor", "--topic", "t", "--new-topic", "--kind", "statement", "--stance", "support",
        "--on", "2024-01-01", "--summary", "a", "--id", "r1")
    cli("correct", "r1", "--summary", "b", "--reason", "x")
    shutil.copy(tmp_path / "s.sqlite", tmp_path / "copy.sqlite")
    with sqlite3.connect(tmp_path / "copy.sqlite") as conn:
        conn.execute(damage)
    result = Cli(tmp_path / "copy.sqlite")("verify", code=1)
    assert found in result.stdout and "NOT sound" in result.stdout
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
    assert "The event log itself is damaged" in result.stderr
