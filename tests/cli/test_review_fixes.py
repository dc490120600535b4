"""What a new user met in review (issues 13 and 14): office names in every write, imports of terms
and topic trees checked whole, "did you mean" for offices, which holder `show` answered for, what
an import created, polarity in `topics`, ids of non-day dates."""

import json


def _minister(cli):
    cli("office", "add", "Energy Minister", "--alias", "the minister")
    cli("office", "term", "Energy Minister", "Old Holder", "--from", "2021-01-01", "--to", "2023-02-01", "--new-actor")
    cli("office", "term", "Energy Minister", "Maria L", "--from", "2023-02-01", "--new-actor")


def _add(cli, actor, on, *extra, code=0):
    return cli("add", actor, "-t", "wind", "-k", "statement", "-s", "support", "--on", on, "--summary", "x",
               "--new-topic", *extra, code=code)


# -- 1. every ACTOR argument of a write resolves through offices at the record's date ---------------


def test_add_with_an_office_title_records_it_for_the_holder_on_that_date(cli):
    _minister(cli)
    result = _add(cli, "Energy Minister", "2023-06-01")
    assert "as holder of Energy Minister" in result.stderr and "created new actor" not in result.stderr
    assert cli.json("show", "Maria L")["records"][0]["actor"] == "Maria L"
    assert _add(cli, "Energy Minister", "2022-06-01").stdout.count("Old Holder") == 1
    assert [a["name"] for a in cli.json("actors")] == ["Maria L", "Old Holder"]


def test_an_office_alias_beats_an_ambiguous_actor_alias_in_add_and_target(cli):
    # the actor's alias first: given after the office's, it is refused (it would never answer)
    cli("actor", "add", "Someone Else", "--alias", "the minister")
    _minister(cli)
    assert "Maria L" in _add(cli, "the minister", "2023-06-01").stdout
    record = json.loads(_add(cli, "Someone Else", "2022-03-01", "--target", "the minister", "--json").stdout)
    assert record["target"] == "Old Holder"


def test_a_range_date_needs_one_holder_over_the_whole_period(cli):
    _minister(cli)
    assert "Maria L" in _add(cli, "the minister", "2023-06/2023-09").stdout
    error = _add(cli, "the minister", "2022-06/2023-06", code=1).stderr
    assert "Old Holder" in error and "Maria L" in error and "give the holder's name" in error
    assert "not within one holder's term" in _add(cli, "the minister", "2020", code=1).stderr
    assert cli.json("actors")[0]["records"] == 1  # nothing recorded by the refused lines


def test_correct_actor_resolves_the_office_at_the_records_date_not_today(cli):
    cli("office", "add", "Mayor of Springfield", "--alias", "the mayor of Springfield")
    cli("office", "term", "Mayor of Springfield", "Joe Quimby", "--from", "2020-01-01", "--to", "2024-01-01", "--new-actor")
    cli("office", "term", "Mayor of Springfield", "Lisa Simpson", "--from", "2024-01-01", "--new-actor")
    rid = json.loads(_add(cli, "Somebody", "2022-04", "--new-actor", "--json").stdout)["id"]
    result = cli("correct", rid, "--actor", "the mayor of Springfield", "--reason", "misattributed")
    assert "Joe Quimby as holder of Mayor of Springfield" in result.stderr
    assert cli.json("history", rid)[-1]["record"]["actor"] == "Joe Quimby"
    # A corrected date in the same command is the date the office is resolved at.
    cli("correct", rid, "--actor", "the mayor of Springfield", "--on", "2025-03-01", "--reason", "later")
    assert cli.json("history", rid)[-1]["record"]["actor"] == "Lisa Simpson"


def test_a_new_actor_may_not_take_an_office_name_without_new_actor(cli):
    _minister(cli)
    error = cli("actor", "add", "the minister", code=1).stderr
    assert "names the office Energy Minister" in error and "--new-actor" in error
    error = cli("office", "term", "Energy Minister", "Energy Minister", "--from", "2030", code=1).stderr
    assert "names the office" in error
    cli("actor", "add", "the minister", "--new-actor")
    assert "the minister" in [a["name"] for a in cli.json("actors")]


# -- 2. term lines are checked whole (store and each other) before anything is written --------------


def _write(path, *rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def test_overlapping_term_lines_import_nothing_and_create_no_files(tmp_path):
    from typer.testing import CliRunner

    from timeline.cli import app

    file = _write(tmp_path / "t.jsonl",
                  {"type": "term", "office": "Mayor", "holder": "A One", "start": "2020", "end": "2022"},
                  {"type": "term", "office": "Mayor", "holder": "A Two", "start": "2021"})
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "new.sqlite"), "import", file])
    assert result.exit_code == 1 and "line 2" in result.stderr and "overlap" in result.stderr
    assert not (tmp_path / "new.sqlite").exists() and not (tmp_path / "db").exists()


def test_a_term_line_overlapping_the_store_imports_nothing_of_the_file(cli, tmp_path):
    cli("office", "term", "Mayor", "A One", "--from", "2020", "--to", "2022", "--new-actor")
    file = _write(tmp_path / "t.jsonl",
                  {"actor": "Someone", "topic": "wind", "kind": "statement", "stance": "support", "date": "2020",
                   "summary": "s"},
                  {"type": "term", "office": "Mayor", "holder": "B One", "start": "2024"},
                  {"type": "term", "office": "Mayor", "holder": "A Two", "start": "2021-06"})
    before = cli.event_count()
    assert "line 3" in cli("import", file, code=1).stderr
    assert cli.event_count() == before


# -- 3. an import may not make a loop in the topic tree ---------------------------------------------


def test_topic_lines_that_make_a_loop_are_refused_naming_the_line(cli, tmp_path):
    file = _write(tmp_path / "t.jsonl", {"type": "topic", "slug": "a", "parent": "b"},
                  {"type": "topic", "slug": "b", "parent": "a"})
    error = cli("import", file, code=1).stderr
    assert "line 2" in error and "loop" in error
    assert cli.event_count() == 0


def test_a_record_lines_topic_path_that_loops_with_the_store_is_refused_with_update(cli, tmp_path):
    cli("topic", "add", "b")
    cli("topic", "add", "a", "--parent", "b")
    file = _write(tmp_path / "t.jsonl", {"actor": "X Y", "topic": "b", "topic_parent": "a", "kind": "statement",
                                         "stance": "support", "date": "2020", "summary": "s"})
    before = cli.event_count()
    error = cli("import", file, "--update", code=1).stderr
    assert "line 1" in error and "loop" in error and "--update" not in error
    assert "nothing imported: 1 line(s) would make a loop in the topic tree" in error  # as docs/import-export.md shows
    assert cli.event_count() == before and {t["slug"]: t["parent"] for t in cli.json("topics")} == {"a": "b", "b": None}


# -- 6. the summary says what an import created -------------------------------------------------------


def test_an_import_of_identity_lines_says_what_it_created(cli, tmp_path):
    file = _write(tmp_path / "t.jsonl", {"type": "actor", "name": "Ann Bee"}, {"type": "topic", "slug": "energy"},
                  {"type": "term", "office": "Mayor", "holder": "A One", "start": "2020"})
    out = cli("import", file).stdout
    assert "New actors (2): Ann Bee, A One" in out and "New topics (1): energy" in out and "New offices (1): Mayor" in out
    again = cli.json("import", file)
    assert again["actors_created"] == again["topics_created"] == again["offices_created"] == []


# -- 4. a mistyped office title is a "did you mean", not a new office --------------------------------


def test_office_term_with_a_mistyped_title_suggests_the_office(cli):
    _minister(cli)
    error = cli("office", "term", "Energy Ministr", "Bob B", "--from", "2030", "--new-actor", code=1).stderr
    assert "did you mean 'Energy Minister'" in error and "--new-office" in error
    assert [o["office"] for o in cli.json("offices")] == ["Energy Minister"]
    cli("office", "term", "Energy Ministr", "Bob B", "--from", "2030", "--new-actor", "--new-office")
    assert len(cli.json("offices")) == 2


# -- 5. show says which holder an office name meant -----------------------------------------------


def test_show_with_an_office_name_says_which_holder_it_answers_for(cli):
    _minister(cli)
    _add(cli, "Maria L", "2023-06-01")
    result = cli("show", "the minister")
    assert "Maria L as holder of Energy Minister" in result.stderr
    assert cli.json("show", "the minister", "--to", "2022-12-31")["via"] == {
        "office": "Energy Minister", "term": {"start": "2021-01-01", "end": "2023-02-01"}}
    assert cli.json("show", "Maria L")["via"] is None


# -- 7. the topics table shows polarity ----------------------------------------------------------------


def test_the_topics_table_shows_an_inverse_topic(cli):
    cli("topic", "add", "nuclear")
    cli("topic", "add", "nuclear-phaseout", "--parent", "nuclear", "--inverse")
    out = cli("topics").stdout
    assert "Polarity" in out
    assert "inverse" in next(line for line in out.splitlines() if "nuclear-phaseout" in line)


# -- 8. generated ids of dates that are not one day ---------------------------------------------------


def test_generated_ids_of_non_day_dates_are_the_edtf_text_made_id_safe(cli, tmp_path):
    expected = {"2024-37": "2024-t1-ann-bee-statement", "../2024-03": "open--2024-03-ann-bee-statement",
                "20XX": "20xx-ann-bee-statement", "2024-03/2024-06": "2024-03--2024-06-ann-bee-statement",
                "2024-21": "2024-spring-ann-bee-statement", "2024-05?": "2024-05-ann-bee-statement",
                "2024-07/": "2024-07--open-ann-bee-statement", "/2023-02": "open--2023-02-ann-bee-statement"}
    for on, rid in expected.items():
        assert json.loads(_add(cli, "Ann Bee", on, "--new-actor", "--json").stdout)["id"] == rid
    # An import without ids makes the same ids (and a second import of the file adds nothing).
    rows = [{"actor": "Cy Dee", "topic": "wind", "kind": "statement", "stance": "support", "date": on, "summary": on}
            for on in expected]
    file = _write(tmp_path / "t.jsonl", *rows)
    cli("import", file)
    ids = {r["id"] for r in cli.json("show", "Cy Dee")["records"]}
    assert ids == {rid.replace("ann-bee", "cy-dee") for rid in expected.values()}
    assert cli.json("import", file)["added"] == 0


def test_import_resolves_an_office_name_at_each_lines_date_as_add_does(seeded, tmp_path):
    """An import line naming "the PM" went to the alias holder even on a day no one held the office."""
    line = {"actor": "the PM", "topic": "rwanda-scheme", "kind": "statement", "stance": "oppose", "summary": "x"}
    before = tmp_path / "before.jsonl"
    before.write_text(json.dumps({**line, "id": "pm-march", "date": "2024-03-01"}) + "\n")
    result = seeded("import", str(before), code=1)
    assert "no one held UK Prime Minister on 2024-03-01" in result.stderr
    straddling = tmp_path / "july.jsonl"
    straddling.write_text(json.dumps({**line, "id": "pm-july", "date": "2024-07"}) + "\n")
    seeded("import", str(straddling), code=1)  # the month straddles the handover of 5 July
    during = tmp_path / "during.jsonl"
    during.write_text(json.dumps({**line, "id": "pm-september", "date": "2024-09-01"}) + "\n")
    seeded("import", str(during))
    ids = [r["id"] for r in seeded.json("show", "Keir Starmer")["records"]]
    assert "pm-september" in ids and "pm-march" not in ids and "pm-july" not in ids


def test_a_bad_actor_kind_names_the_choices(cli):
    result = cli("actor", "add", "Solo", "--kind", "robot", code=2)
    assert result.stderr.strip() == "Error: unknown actor kind 'robot'; choose person or organisation"


def test_the_actors_table_says_which_actor_was_merged_into_which(cli):
    cli("actor", "add", "Green League")
    cli("actor", "add", "Green League Party", "--new-actor")
    cli("actor", "merge", "Green League Party", "--into", "Green League", "--reason", "same party")
    assert "merged into Green League" in cli("actors").stdout


def test_a_later_merge_does_not_erase_a_correction_of_who_from_history(cli):
    base = ["--topic", "tax", "--kind", "statement", "--stance", "support", "--on", "2024-01-02", "--new-topic"]
    cli("add", "Jane Doe", *base, "--summary", "x", "--id", "r9")
    cli("actor", "add", "John Roe", "--new-actor")
    cli("correct", "r9", "--actor", "John Roe", "--reason", "his words")
    cli("actor", "add", "J. Doe", "--new-actor")
    cli("actor", "merge", "John Roe", "--into", "J. Doe", "--reason", "same person")
    # history names the survivor, as show does, and keeps the name the version was recorded for
    assert [(v["record"]["actor"], v["recorded_as"]) for v in cli.json("history", "r9")] == [
        ("Jane Doe", None), ("J. Doe", "John Roe")]


def test_the_import_summary_counts_terms_not_office_lines(seeded, tmp_path):
    (tmp_path / "all.jsonl").write_text(seeded("export", "--format", "jsonl").stdout)
    from tests.conftest import Cli

    summary = Cli(tmp_path / "copy.sqlite").json("import", str(tmp_path / "all.jsonl"))
    assert summary["terms"] == 3 and len(summary["offices_created"]) == 3  # three offices, one term each
