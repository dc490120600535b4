"""End to end: the real CLI on real SQLite files in temp dirs."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from timeline.cli import app

RECORD_KEYS = {"id", "actor", "topic", "kind", "stance", "date", "precision", "period", "summary", "quote", "source",
               "source_url", "responds_to", "target", "recorded_at", "status", "extra"}


def test_seed_is_idempotent(cli):
    first = cli.json("seed")
    assert first["added"] >= 10 and first["unchanged"] == 0
    events = cli.event_count()
    second = cli.json("seed")
    assert second["added"] == 0 and second["unchanged"] == first["added"]
    assert cli.event_count() == events


def test_add_echoes_parsed_date_and_id(seeded):
    result = seeded(
        "add", "Sir Keir", "--topic", "return-hubs", "--kind", "proposal", "--stance", "support",
        "--on", "yesterday", "--relative-to", "16 May 2025", "--summary", "Proposes return hubs",
        "--quote", "return hubs", "--source", "Seed article",
    )
    assert "2025-05-15" in result.stdout
    assert "Added 2025-05-15-keir-starmer-proposal" in result.stdout
    again = seeded.json(
        "add", "Sir Keir", "--topic", "return-hubs", "--kind", "proposal", "--stance", "support",
        "--on", "2025-05-15", "--summary", "Proposes return hubs again",
    )
    assert again["id"] == "2025-05-15-keir-starmer-proposal-2"
    assert set(again) == RECORD_KEYS and again["actor"] == "Keir Starmer"


def test_position_json_shape(seeded):
    answer = seeded.json("position", "Keir Starmer", "--topic", "rwanda-scheme", "--on", "2024-08-01")
    assert list(answer) == ["actor", "topic", "on", "known_at", "stance", "record", "possibly", "uncertain_order", "flipped", "via"]
    assert answer["stance"] == "oppose"
    assert answer["record"]["id"] == "starmer-scraps-rwanda" and set(answer["record"]) == RECORD_KEYS
    assert answer["possibly"] == [] and answer["uncertain_order"] == []  # both July records end before the day
    during = seeded.json("position", "Keir Starmer", "--topic", "rwanda-scheme", "--on", "2024-07-15")
    assert during["stance"] is None  # neither July record has certainly happened by the 15th
    assert {r["id"] for r in during["possibly"]} == {"starmer-rwanda-gimmick", "starmer-scraps-rwanda"}
    before = seeded.json("position", "Keir Starmer", "--topic", "return-hubs", "--on", "2025-05-14")
    assert before["stance"] is None and before["record"] is None


def test_position_without_topic_lists_every_topic(seeded):
    answer = seeded.json("position", "Starmer", "--on", "2025-06-01")
    assert {p["topic"]: p["stance"] for p in answer["positions"]} == {
        "migration-crackdown": "support", "return-hubs": "support", "rwanda-scheme": "oppose",
    }
    assert "Keir Starmer" in seeded("position", "Starmer", "--on", "2025-06-01").stdout


def test_show_lists_the_timeline_in_order(seeded):
    records = seeded.json("show", "Keir Starmer")["records"]
    dates = [r["date"] for r in records]
    assert dates[0] == "../2024-07" and dates[1] == "2024-07"  # an open start comes first
    assert "starmer-return-hubs-tirana" in [r["id"] for r in records]
    table = seeded("show", "Keir Starmer").stdout
    assert "starmer-return-hubs-tirana" in table
    window = seeded.json("show", "Keir Starmer", "--from", "2025-05-15", "--to", "2025-05-15")["records"]
    assert {r["date"] for r in window} == {"2025-05-15"}


def test_actors_and_topics(seeded):
    actors = {a["name"]: a for a in seeded.json("actors")}
    assert {"Keir Starmer", "Edi Rama", "Chris Philp", "Downing Street"} <= set(actors)
    assert "Sir Keir" in actors["Keir Starmer"]["aliases"] and actors["Downing Street"]["kind"] == "organisation"
    topics = {t["slug"]: t for t in seeded.json("topics")}
    assert topics["return-hubs"]["parent"] == "offshoring"
    assert "Edi Rama" in seeded("actors").stdout and "return-hubs" in seeded("topics").stdout


def test_actor_add_and_topic_add(cli):
    assert "Registered Keir Starmer" in cli("actor", "add", "Keir Starmer", "--alias", "Sir Keir").stdout
    assert cli.json("actor", "add", "keir starmer", "--alias", "Sir Keir", "--alias", "the PM")["aliases_added"] == ["the PM"]
    cli("topic", "add", "offshoring", "--title", "Offshoring")
    moved = cli.json("topic", "add", "return-hubs", "--parent", "offshoring")
    assert moved["parent"] == "offshoring"
    result = cli("topic", "add", "offshoring", "--parent", "return-hubs", code=1)
    assert "loop" in result.stderr


def test_rebuild_gives_the_same_answers(seeded):
    before = seeded.json("show", "Edi Rama")["records"]
    assert "Rebuilt" in seeded("rebuild").stdout
    assert seeded.json("show", "Edi Rama")["records"] == before


def test_demo_tells_the_story(cli, monkeypatch):
    result = cli("demo")
    for words in ("Keir Starmer", "Edi Rama", "Chris Philp", "Downing Street", "entirely different", "gimmick", "full"):
        assert words in result.stdout
    assert "[bold" not in result.stdout and "[/" not in result.stdout  # our own styling never shows as markup text


# -- bad input: one sentence on stderr, non-zero exit, nothing written --------------------------------

ADD = ["add", "Keir Starmer", "--topic", "return-hubs", "--kind", "proposal", "--stance", "support", "--on", "2025-05-16", "--summary", "x"]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (ADD + ["--on", "blursday"], 2, "cannot understand the date 'blursday'"),
        (ADD + ["--on", "2025-02-31"], 2, "February 2025 has no day 31"),
        ([*ADD[:6], "--stance", "favour", "--on", "2025-05-16", "--summary", "x"], 2, "unknown stance 'favour'"),
        ([*ADD[:8], *ADD[10:]], 2, "Missing option '--on'"),  # a record is never dated today by default
        ([*ADD[:4], "--kind", "tweet", *ADD[6:]], 2, "unknown kind 'tweet'"),
        ([*ADD[:-1], "   "], 2, "summary is empty"),
        (["add", "Prime Minister", *ADD[2:]], 1, "ambiguous: it may mean Edi Rama, Keir Starmer"),
        (["add", "Keir Starmr", *ADD[2:]], 1, "did you mean 'Keir Starmer'"),
        (["add", "Keir Starmer", "--topic", "retrun-hubs", *ADD[4:]], 1, "did you mean return-hubs"),
        (["position", "Nobody At All"], 1, "unknown actor 'Nobody At All'"),
    ],
)
def test_bad_input_writes_nothing(seeded, args, code, message):
    events = seeded.event_count()
    result = seeded(*args, code=code)
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert seeded.event_count() == events


def test_db_that_is_a_directory(cli, tmp_path):
    result = cli.runner.invoke(app, ["--db", str(tmp_path), *ADD])
    assert result.exit_code == 2 and "is a directory" in result.stderr


def test_db_that_is_not_sqlite(cli, tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("my notes, not a database\n")
    result = cli.runner.invoke(app, ["--db", str(path), *ADD])
    assert result.exit_code == 2 and "not a SQLite database" in result.stderr
    assert path.read_text() == "my notes, not a database\n"


def test_db_that_is_another_sqlite_database(cli, tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    result = cli.runner.invoke(app, ["--db", str(path), *ADD])
    assert result.exit_code == 2 and "not a timeline store" in result.stderr


def test_reading_a_missing_db_creates_nothing(cli, db_path):
    result = cli("position", "Keir Starmer", code=1)
    assert "no timeline database" in result.stderr
    assert not db_path.exists()
    assert not db_path.with_name("timeline.view.sqlite").exists()  # nor a stray read model


def test_every_command_has_help_with_an_example():
    root = get_command(app)

    def walk(group, prefix):
        for name, sub in group.commands.items():
            if hasattr(sub, "commands"):
                yield from walk(sub, prefix + [name])
            else:
                yield prefix + [name], sub

    commands = list(walk(root, []))
    assert len(commands) >= 16
    for path, sub in commands:
        assert sub.help and "Example: timeline" in sub.help, f"{' '.join(path)} lacks help with an example"


def test_json_output_is_json_only(seeded):
    result = seeded("position", "Sir Keir", "--on", "15 May 2025", "--json")
    json.loads(result.stdout)
    assert "2025-05-15" in result.stderr  # the parsed date is echoed on stderr, not in the JSON


def test_an_inverted_date_range_is_bad_input(seeded):
    assert "--from 2025-06-01 is after --to 2025-01-31" in seeded("show", "Edi Rama", "--from", "2025-06", "--to", "2025-01", code=2).stderr


def test_a_file_that_is_not_a_store_leaves_no_read_model(cli, tmp_path):
    path = tmp_path / "x.sqlite"
    path.write_text("hello\n")
    result = cli.runner.invoke(app, ["--db", str(path), "position", "Foo"])
    assert result.exit_code == 2 and not (tmp_path / "x.view.sqlite").exists()


def test_help_explains_arguments_too():
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["position", "--help"])
    assert "Actor name or alias." in result.stdout and "Example: timeline position" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["add", "X", "--topic", "t", "--kind", "statement", "--stance", "support"], "Error: Missing option '--summary'; see 'timeline add --help'."),
        (["frobnicate"], "Error: No such command 'frobnicate'; see 'timeline --help'."),
        (["position", "X", "--bogus"], "Error: No such option '--bogus'; see 'timeline position --help'."),
    ],
)
def test_usage_mistakes_are_one_sentence(args, message):
    script = str(Path(sys.executable).with_name("timeline"))  # the console script a user runs
    result = subprocess.run([script, *args], capture_output=True, text=True)
    assert result.returncode == 2 and result.stderr.strip() == message


def test_version():
    result = subprocess.run([sys.executable, "-m", "timeline.cli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("timeline ")


def test_db_after_the_command_says_where_it_goes(cli):
    result = cli("position", "Anyone", "--db", "elsewhere.sqlite", code=2)
    assert result.stderr.strip() == ("Error: --db goes before the command, e.g. timeline --db FILE position …; "
                                     "see 'timeline position --help'.")


def test_a_store_url_of_another_kind_is_one_sentence_without_its_password(tmp_path):
    from typer.testing import CliRunner

    from timeline.cli import app

    result = CliRunner().invoke(app, ["--db", "mysql://me:secret@host/db", "position", "Anyone"])
    assert result.exit_code == 2 and "secret" not in result.stderr
    assert result.stderr.strip() == "Error: --db mysql://…: a store is a SQLite file or a postgresql:// URL, not mysql://"


@pytest.mark.parametrize("day", ["2024-0X", "2024-05-1X", "2024-2X", "2024-22/2024-XX"])
def test_unspecified_digit_dates_answer_or_refuse_in_one_sentence_with_clean_json(seeded, day):
    result = seeded("position", "Keir Starmer", "--topic", "return-hubs", "--on", day, "--json", code=None)
    assert "trying to" not in result.stdout and "Traceback" not in result.stderr  # the edtf package's debug print
    if result.exit_code == 0:
        json.loads(result.stdout)
    else:
        assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_demo_refuses_a_store_holding_records_of_its_own_and_reruns_on_its_own(cli):
    cli("add", "Al", "--new-actor", "--topic", "t", "--new-topic", "--kind", "statement", "--stance", "support",
        "--on", "2024-01-01", "--summary", "a")
    before = cli.event_count()
    error = cli("demo", code=1).stderr
    assert "already holds 1 record(s) of its own" in error and cli.event_count() == before


def test_demo_runs_again_on_its_own_store_and_shows_the_roll_up_u_turn(cli):
    cli("demo")
    again = cli("demo").stdout
    assert "offshoring" in again and "U-turn" in again
