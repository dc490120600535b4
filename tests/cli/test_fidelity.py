"""Nothing lost, nothing misleading (issue 13): round trips, imports and the rough edges users hit.

Each test names the item of docs/guarantees.md ("Fidelity") it proves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HEADER = "actor,topic,kind,stance,date,summary\n"


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


# 1 ------------------------------------------------------------------------------------------------


def test_a_csv_quote_that_never_closes_is_invalid_with_its_line(cli, tmp_path):
    text = HEADER + 'A,t,statement,support,2024-01-01,ok\nA,t,statement,support,2024-01-02,"never closed\n' + "A,t,statement,support,2024-01-03,swallowed\n" * 3
    result = cli("import", write(tmp_path / "q.csv", text), code=2)
    assert "line 3: a quoted field opens on this line and never closes" in result.stderr
    assert cli.event_count() == 0


# 2 ------------------------------------------------------------------------------------------------


def _timeless(data):
    """An answer without the record times (a copy records its events later)."""
    if isinstance(data, dict):
        return {k: _timeless(v) for k, v in data.items() if k not in ("known_at", "recorded_at")}
    if isinstance(data, list):
        return [_timeless(v) for v in data]
    return data


def _answers(cli) -> dict:
    answers = {"actors": cli.json("actors"), "topics": cli.json("topics")}
    for name in ("Keir Starmer", "Chris Philp"):
        answers[f"position {name}"] = cli.json("position", name, "--on", "2025-12-31")
        answers[f"changes {name}"] = cli.json("changes", name)["changes"]
    answers["position on migration"] = cli.json("position", "Keir Starmer", "-t", "migration", "--on", "2025-12-31")
    return _timeless(answers)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_export_then_import_into_an_empty_store_reproduces_every_name_and_answer(seeded, tmp_path, fmt):
    from tests.conftest import Cli

    seeded("topic", "add", "energy", "--title", "Energy policy")  # a topic with no records
    seeded("topic", "add", "nuclear", "--parent", "energy", "--title", "Nuclear power")
    seeded("actor", "add", "Lonely Org", "--kind", "organisation", "--alias", "LO")  # an actor with no records
    out = tmp_path / f"out.{fmt}"
    seeded("export", "--format", fmt, "-o", str(out))
    copy = Cli(tmp_path / "copy.sqlite")
    copy("import", str(out))
    assert _answers(copy) == _answers(seeded)
    assert "Energy policy" in {t["title"] for t in copy.json("topics")}


# 3 ------------------------------------------------------------------------------------------------


def test_a_json_export_written_to_a_json_file_imports(seeded, tmp_path):
    from tests.conftest import Cli

    seeded("export", "-o", str(tmp_path / "out.json"))
    copy = Cli(tmp_path / "copy.sqlite")
    result = copy("import", str(tmp_path / "out.json"))
    assert "12 added" in result.stdout


# 4 ------------------------------------------------------------------------------------------------


def test_a_topic_parent_contradicting_the_store_is_a_conflict_or_applied_with_update(cli, tmp_path):
    cli("topic", "add", "energy")
    cli("topic", "add", "nuclear")
    line = {"actor": "A", "topic": "nuclear", "topic_parent": "energy", "kind": "statement", "stance": "support", "date": "2024", "summary": "x"}
    path = write(tmp_path / "p.jsonl", json.dumps(line) + "\n")
    result = cli("import", path, code=1)
    assert "topic nuclear is a top-level topic, not under energy" in result.stderr and "--update" in result.stderr
    cli("import", "--update", path)
    assert cli.json("position", "A", "-t", "energy")["stance"] == "support"
    topic_line = {"type": "topic", "slug": "energy", "title": "Energy policy"}
    result = cli("import", write(tmp_path / "t.jsonl", json.dumps(topic_line) + "\n"), code=1)
    assert "topic energy has the title 'Energy', not 'Energy policy'" in result.stderr


# 14 -----------------------------------------------------------------------------------------------


def test_every_error_of_a_line_is_reported(cli, tmp_path):
    line = {"actor": "A", "topic": "t", "kind": "statment", "stance": "support", "date": "3rd of Smarch", "summary": "x"}
    result = cli("import", write(tmp_path / "e.jsonl", json.dumps(line) + "\n"), code=2)
    assert "cannot understand the date" in result.stderr and "unknown kind 'statment'" in result.stderr


def test_a_json_number_is_a_year(cli, tmp_path):
    line = {"actor": "A", "topic": "t", "kind": "statement", "stance": "support", "date": 2024, "summary": "x"}
    cli("import", write(tmp_path / "y.jsonl", json.dumps(line) + "\n"))
    assert _records(cli.json("show", "A")["records"])[0]["date"] == "2024"


def test_semicolon_csv_with_capitalised_headers_imports(cli, tmp_path):
    text = "Actor;Topic;Kind;Stance;Date;Summary\nA;t;statement;support;2024-01-01;hi, there\n"
    cli("import", write(tmp_path / "s.csv", text))
    assert _records(cli.json("show", "A")["records"])[0]["summary"] == "hi, there"


def test_a_csv_without_the_columns_says_what_it_found_and_expected(cli, tmp_path):
    result = cli("import", write(tmp_path / "b.csv", "who,what\nA,B\n"), code=2)
    assert "actor, topic, kind, stance, date, summary" in result.stderr and "'who'" in result.stderr


def _records(answer):
    return answer["records"] if isinstance(answer, dict) else answer


# 7 ------------------------------------------------------------------------------------------------


def test_a_failed_command_against_a_new_store_writes_no_file(tmp_path):
    from tests.conftest import Cli

    (tmp_path / "new").mkdir()
    cli = Cli(tmp_path / "new" / "x.sqlite")
    cli("retract", "nope", "--reason", "r", code=1)
    cli("correct", "nope", "--stance", "oppose", "--reason", "r", code=1)
    assert list((tmp_path / "new").iterdir()) == []


# 8 ------------------------------------------------------------------------------------------------


def test_user_text_is_printed_literally(cli):
    cli("add", "Foo [/bold] Bar", "--topic", "t", "--kind", "statement", "--stance", "support", "--on", "2025-01-01",
        "--summary", "[red]Evil", "--new-actor", "--new-topic")
    shown = cli("show", "Foo [/bold] Bar").stdout
    assert "[red]Evil" in shown and "Foo [/bold] Bar" in shown
    assert "Foo [/bold] Bar" in cli("changes", "Foo [/bold] Bar").stdout
    assert "Foo [/bold] Bar" in cli("position", "Foo [/bold] Bar").stdout


# 11 -----------------------------------------------------------------------------------------------


def test_a_narrow_terminal_wraps_tables_and_drops_no_character(seeded, monkeypatch):
    import subprocess
    import sys

    env = {**__import__("os").environ, "COLUMNS": "60", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    out = subprocess.run([sys.executable, "-c", "from timeline.cli import app; app()", "--db", str(seeded.db), "show", "Keir Starmer"],
                         capture_output=True, text=True, env=env, check=True).stdout
    assert all(len(line) <= 60 for line in out.splitlines())
    assert "…" not in out
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in out.splitlines() if line.startswith("│")]
    what = "".join(row[-1] for row in cells)  # the last column, folded lines joined
    assert "starmer-rwanda-gimmick" in what  # every character of the id is there
    for record in seeded.json("show", "Keir Starmer")["records"]:
        assert record["summary"].replace(" ", "") in what.replace(" ", "")


# 13 -----------------------------------------------------------------------------------------------


def test_date_echo_is_on_stderr_and_never_before_a_failure(cli):
    ok = cli("add", "A", "--topic", "t", "--kind", "statement", "--stance", "support", "--on", "15 May 2025", "--summary", "s", "--new-topic")
    assert "Date:" not in ok.stdout and "Date: '15 May 2025' read as 2025-05-15" in ok.stderr
    bad = cli("add", "A", "--topic", "t", "--kind", "statmnt", "--stance", "support", "--on", "15 May 2025", "--summary", "s", code=2)
    assert "Date:" not in bad.stdout + bad.stderr


def test_generated_ids_transliterate_names():
    from events.text import slugify

    assert slugify("Jürgen Weiß") == "jurgen-weiss" and slugify("Lech Wałęsa") == "lech-walesa"


# 12 -----------------------------------------------------------------------------------------------


def test_a_too_long_slug_says_so(cli):
    result = cli("topic", "add", "a" * 300, code=2)
    assert "too long (300 characters; max 80)" in result.stderr


def test_usage_errors_say_each_thing_once_and_point_to_the_right_help(cli):
    result = cli("posiiton", "X", code=2)
    assert result.stderr.count("Did you mean 'position'?") == 1
    assert "see 'timeline position --help'" in cli("position", "X", "--on", code=2).stderr
