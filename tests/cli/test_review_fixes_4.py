"""Fixes from the fourth new-user review (1 December 2026): each as the reviewer met it."""

import pytest


@pytest.mark.parametrize("command", [["position", "Ann Bee", "--on"], ["add", "Ann Bee", "--topic", "wind", "--kind",
                                                                      "statement", "--stance", "support", "--summary", "s", "--on"]])
@pytest.mark.parametrize("text", ["[2024,2025]", "{2024-01,2024-03}"])
def test_an_edtf_set_is_refused_with_a_sentence_that_says_it_is_a_set(cli, command, text):
    result = cli(*command, text, code=2)
    assert "is an EDTF set" in result.stderr and "cannot understand" not in result.stderr
    assert cli.event_count() == 0


@pytest.mark.parametrize("name, text", [("empty.jsonl", ""), ("header.csv", "id,actor,topic,kind,stance,date,summary\n")])
def test_a_file_with_no_lines_makes_no_store(db_path, tmp_path, name, text):
    from tests.conftest import Cli

    cli = Cli(db_path)
    path = tmp_path / name
    path.write_text(text)
    result = cli("import", str(path))
    assert "0 added" in result.stdout and "no lines to import" in result.stderr
    assert cli.json("import", str(path))["added"] == 0
    assert not db_path.exists()


def test_a_date_after_today_is_kept_with_a_notice_and_today_is_not(cli):
    from datetime import date, timedelta

    later = (date.today() + timedelta(days=400)).isoformat()
    result = cli("add", "Ann Bee", "--topic", "wind", "--kind", "statement", "--stance", "support", "--summary", "s",
                 "--on", later)
    assert f"Note: {later} is after today" in result.stderr
    assert cli.json("show", "Ann Bee")["records"][0]["date"] == later
    record_id = cli.json("show", "Ann Bee")["records"][0]["id"]
    fixed = cli("correct", record_id, "--on", date.today().isoformat(), "--reason", "typo")
    assert "after today" not in fixed.stderr


def test_a_qualified_date_on_a_write_is_echoed_without_the_readers_note(cli):
    added = cli("add", "Ann Bee", "--topic", "wind", "--kind", "statement", "--stance", "support", "--summary", "s",
                "--on", "2024-05?")
    assert "Date: 2024-05? (2024-05-01 to 2024-05-31, uncertain)" in added.stderr
    assert "asked about" not in added.stderr
    cli("office", "add", "Mayor")
    term = cli("office", "term", "Mayor", "Ann Bee", "--from", "2024-05?")
    assert "Date: 2024-05?" in term.stderr and "asked about" not in term.stderr
    asked = cli("position", "Ann Bee", "--on", "2024-07-01?")
    assert "the qualifier does not change which day is asked about" in asked.stderr


def test_an_old_file_with_an_empty_ended_date_re_imports_as_unchanged(cli, tmp_path):
    """Ids made before `2024-07/` gave `2024-07--open-…` were `2024-07---…`: re-importing the line
    without an id finds the record by its old id and adds nothing."""
    import json

    line = {"actor": "Cy Dee", "topic": "wind", "kind": "statement", "stance": "support", "date": "2024-07/",
            "summary": "Backs wind"}
    old = tmp_path / "old.jsonl"
    old.write_text(json.dumps({**line, "id": "2024-07---cy-dee-statement"}) + "\n")
    cli("import", str(old))
    again = tmp_path / "again.jsonl"
    again.write_text(json.dumps(line) + "\n")
    assert cli.json("import", str(again))["added"] == 0
    assert [r["id"] for r in cli.json("show", "Cy Dee")["records"]] == ["2024-07---cy-dee-statement"]
