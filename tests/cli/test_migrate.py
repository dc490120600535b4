"""`timeline migrate`: a personal log copied into another store (the team's PostgreSQL, or a
SQLite file), with its record times, idempotent, and refusing logs that cannot be merged."""

from __future__ import annotations

import pytest

from tests.conftest import SEEDS, Cli

ADD = ["--kind", "statement", "--stance", "support", "--on", "2025-06-01"]


@pytest.fixture
def personal(tmp_path) -> Cli:
    """A personal SQLite log with seeds, a correction and a retraction."""
    cli = Cli(tmp_path / "personal.sqlite")
    cli("seed", str(SEEDS))
    cli("correct", "rama-loyal-to-italy", "--stance", "mixed", "--reason", "Nuance")
    cli("retract", "philp-trip-embarrassment", "--reason", "Misattributed")
    return cli


def migrate(source: Cli, target: Cli, code: int = 0):
    return source("migrate", "--from", str(source.db), "--to", str(target.db), code=code)


def test_the_log_moves_with_its_record_times_and_answers(personal, cli):
    result = migrate(personal, cli)
    total = personal.event_count()
    assert f"Copied {total} events" in result.stdout and "(0 already there)" in result.stdout
    assert cli.event_count() == total
    assert cli.json("log") == personal.json("log")  # same events, same order, same record times
    assert cli.json("history", "rama-loyal-to-italy") == personal.json("history", "rama-loyal-to-italy")
    moment = personal.json("history", "rama-loyal-to-italy")[0]["recorded_at"]
    question = ("position", "Edi Rama", "--topic", "return-hubs", "--on", "2025-06-01", "--known-at", moment)
    assert cli.json(*question) == personal.json(*question)
    assert cli.json("show", "Chris Philp", "--include-retracted")["records"] == personal.json("show", "Chris Philp", "--include-retracted")["records"]


def test_migrating_again_copies_only_what_is_new(personal, cli):
    migrate(personal, cli)
    again = personal.json("migrate", "--from", str(personal.db), "--to", str(cli.db))
    assert again["copied"] == 0 and again["skipped"] == personal.event_count()
    personal("add", "Keir Starmer", "--topic", "return-hubs", *ADD, "--summary", "Written after the first migration")
    later = personal.json("migrate", "--from", str(personal.db), "--to", str(cli.db))
    assert later["copied"] == 1 and later["skipped"] == personal.event_count() - 1
    assert "Written after the first migration" in {r["summary"] for r in cli.json("show", "Keir Starmer")["records"]}
    assert cli.event_count() == personal.event_count()


def test_a_log_joins_a_store_that_others_already_write(tmp_path, cli):
    cli("add", "Edi Rama", "--topic", "return-hubs", *ADD, "--summary", "A teammate's record")
    mine = Cli(tmp_path / "mine.sqlite")
    mine("add", "Keir Starmer", "--topic", "offshoring", *ADD, "--summary", "My record")
    mine("correct", "2025-06-01-keir-starmer-statement", "--stance", "mixed", "--reason", "Re-read")
    before = cli.event_count()
    assert mine.json("migrate", "--from", str(mine.db), "--to", str(cli.db))["copied"] == mine.event_count()
    assert cli.event_count() == before + mine.event_count()
    assert cli.json("history", "2025-06-01-keir-starmer-statement") == mine.json("history", "2025-06-01-keir-starmer-statement")
    assert [r["summary"] for r in cli.json("show", "Edi Rama")["records"]] == ["A teammate's record"]


def test_logs_that_created_the_same_things_are_refused_before_anything_is_copied(personal, seeded):
    before = seeded.event_count()
    result = migrate(personal, seeded, code=1)
    assert "nothing migrated" in result.stderr and "actor 'Keir Starmer'" in result.stderr
    assert "topic 'return-hubs'" in result.stderr and "timeline import" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert seeded.event_count() == before


def test_the_same_store_or_a_missing_source_is_one_sentence(personal, tmp_path):
    same = personal("migrate", "--from", str(personal.db), "--to", str(tmp_path / "." / "personal.sqlite"), code=2)
    assert "the source and the target are the same store" in same.stderr
    missing = personal("migrate", "--from", str(tmp_path / "nothing.sqlite"), "--to", str(tmp_path / "copy.sqlite"), code=1)
    assert "there is no timeline database" in missing.stderr
    assert not (tmp_path / "copy.sqlite").exists()


def test_an_unreachable_target_is_one_sentence_without_the_password(personal):
    result = personal("migrate", "--from", str(personal.db), "--to",
                      "postgresql://alice:hunter2-secret@127.0.0.1:1/team", code=1)
    assert "connection refused" in result.stderr and "hunter2" not in result.stdout + result.stderr
