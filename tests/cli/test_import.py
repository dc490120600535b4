"""Bulk import (DESIGN.md §6): validate all first, idempotent by id, conflicts and --update."""

import json
import sqlite3

import pytest

from tests.conftest import Cli


def jsonl(*rows):
    return "".join(json.dumps(row) + "\n" for row in rows)


LINE = {"id": "hubs-1", "actor": "Keir Starmer", "topic": "return-hubs", "kind": "proposal", "stance": "support",
        "date": "2025-05-15", "summary": "Proposes return hubs"}


def write(tmp_path, text, name="records.jsonl"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_every_invalid_line_is_reported_and_nothing_imported(cli, tmp_path):
    text = jsonl(
        LINE,
        {**LINE, "id": "b", "stance": "favour"},
        {**LINE, "id": "c", "date": "blursday"},
        {k: v for k, v in LINE.items() if k != "summary"} | {"id": "d"},
    ) + "[1, 2]\n42\n{not json\n"
    result = cli("import", write(tmp_path, text), code=2)
    # JSON that does not parse is reported first, by line; nothing else is looked at then.
    assert "line 7: not valid JSON" in result.stderr and "Traceback" not in result.stderr
    assert cli.event_count() == 0
    fixed = text.replace("{not json\n", "")
    result = cli("import", write(tmp_path, fixed), code=2)
    for expected in ("line 2: unknown stance 'favour'", "line 3: date: cannot understand", "line 4: missing summary",
                     "line 5: expected an object", "line 6: expected an object"):
        assert expected in result.stderr
    assert cli.event_count() == 0


def test_all_validation_errors_are_listed(cli, tmp_path):
    text = jsonl(LINE, {**LINE, "id": "b", "stance": "favour"}, {**LINE, "id": "c", "kind": "tweet"}, [1], 42)
    result = cli("import", write(tmp_path, text), code=2)
    assert "4 invalid lines" in result.stderr
    for number in (2, 3, 4, 5):
        assert f"line {number}:" in result.stderr


def test_import_creates_actors_topics_aliases_roles_and_extra(cli, tmp_path):
    text = jsonl(
        {**LINE, "actor_aliases": ["Sir Keir", "Prime Minister"], "role": "Prime Minister", "quote": None,
         "interviewer": "Jane Doe", "relative_to": "2025-05-16"},
        {**LINE, "id": "rama", "actor": "Edi Rama", "actor_aliases": ["Prime Minister"], "kind": "refusal", "stance": "oppose",
         "date": "yesterday", "relative_to": "16 May 2025"},
    )
    summary = cli.json("import", write(tmp_path, text))
    assert summary["added"] == 2 and sorted(summary["actors_created"]) == ["Edi Rama", "Keir Starmer"]
    assert summary["topics_created"] == ["return-hubs"]
    record = cli.json("show", "Sir Keir")["records"][0]
    assert record["extra"] == {"interviewer": "Jane Doe"} and record["quote"] is None
    assert cli.json("show", "Edi Rama")["records"][0]["date"] == "2025-05-15"
    actors = {a["name"]: a for a in cli.json("actors")}
    assert actors["Keir Starmer"]["roles"] == [{"role": "Prime Minister", "on": "2025-05-15"}]
    result = cli("show", "prime minister", code=1)
    assert "ambiguous" in result.stderr and "Edi Rama" in result.stderr and "Keir Starmer" in result.stderr


def test_reimport_is_a_no_op(cli, tmp_path):
    path = write(tmp_path, jsonl(LINE, {**{k: v for k, v in LINE.items() if k != "id"}, "summary": "No id given"}))
    assert cli.json("import", path)["added"] == 2
    events = cli.event_count()
    result = cli("import", path)
    assert "0 added, 2 unchanged" in result.stdout
    assert cli.event_count() == events


def test_conflict_then_update_appends_a_correction(cli, tmp_path):
    cli("import", write(tmp_path, jsonl(LINE)))
    events = cli.event_count()
    changed = write(tmp_path, jsonl({**LINE, "stance": "mixed"}), "changed.jsonl")
    result = cli("import", changed, code=1)
    assert "hubs-1 differs from the stored one (stance)" in result.stderr and "--update" in result.stderr
    assert cli.event_count() == events
    assert cli.json("import", changed, "--update")["updated"] == 1
    history = cli.json("history", "hubs-1")
    assert [v["event"] for v in history] == ["ProposalMade", "Corrected"]
    assert history[1]["record"]["stance"] == "mixed" and history[1]["reason"] == "updated by import"


def test_csv_with_the_same_columns(cli, tmp_path):
    text = (
        "id,actor,topic,kind,stance,date,summary,quote,actor_aliases\n"
        'csv-1,Edi Rama,return-hubs,refusal,oppose,2025-05-15,"Rules out hubs, firmly","a ""one-off""",Mr Rama;Rama\n'
    )
    assert cli.json("import", write(tmp_path, text, "records.csv"))["added"] == 1
    record = cli.json("show", "Mr Rama")["records"][0]
    assert record["summary"] == "Rules out hubs, firmly" and record["quote"] == 'a "one-off"'


def test_stdin(cli):
    result = cli("import", "-", "--json", input=jsonl(LINE))
    assert json.loads(result.stdout)["added"] == 1
    assert cli.json("show", "Keir Starmer")["records"][0]["id"] == "hubs-1"


@pytest.mark.parametrize(
    "data, message",
    [(b"\x00\x01\x02binary\xff", "binary"), (b"\xff\xfe\xfa not utf8", "not UTF-8"), (b"just some words\n", "neither JSON Lines nor CSV")],
)
def test_garbage_files(cli, tmp_path, data, message):
    path = tmp_path / "garbage.dat"
    path.write_bytes(data)
    result = cli("import", str(path), code=2)
    assert message in result.stderr and cli.event_count() == 0


def test_a_few_thousand_generated_lines(cli, tmp_path):
    rows = [
        {"id": f"gen-{i}", "actor": f"Actor {i % 40}", "topic": f"topic-{i % 7}", "kind": ["statement", "decision", "proposal"][i % 3],
         "stance": ["support", "oppose", "mixed", "neutral"][i % 4], "date": f"{2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}",
         "summary": f"Generated record {i}", "quote": "A quote, with commas and \"quotes\"" if i % 5 == 0 else None}
        for i in range(3000)
    ]
    summary = cli.json("import", write(tmp_path, jsonl(*rows)))
    assert summary["added"] == 3000 and len(summary["actors_created"]) == 40
    with sqlite3.connect(cli.view_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 3000
    assert cli.json("import", write(tmp_path, jsonl(*rows)))["unchanged"] == 3000


def test_topic_title_and_parent_path_create_the_tree(cli, tmp_path):
    text = jsonl(
        {**LINE, "topic_title": "Return hubs", "topic_parent": "migration/offshoring"},
        {**LINE, "id": "rwanda-1", "topic": "rwanda-scheme", "topic_parent": "offshoring", "stance": "oppose", "date": "2024-07"},
        {**LINE, "id": "bad", "topic": "loop", "topic_parent": "loop"},
    )
    assert "cannot be its own parent" in cli("import", write(tmp_path, text), code=2).stderr
    cli("import", write(tmp_path, text.rsplit("\n", 2)[0] + "\n"))
    tree = {t["slug"]: (t["title"], t["parent"]) for t in cli.json("topics")}
    assert tree == {"migration": ("Migration", None), "offshoring": ("Offshoring", "migration"),
                    "return-hubs": ("Return hubs", "offshoring"), "rwanda-scheme": ("Rwanda scheme", "offshoring")}
    assert cli.json("changes", "Keir Starmer", "--topic", "migration")["changes"][0]["grade"] == "full"


def test_many_errors_are_counted_and_repeated_ids_named(cli, db_path, tmp_path):
    rows = [{**LINE, "id": f"r{i}", "stance": "favour"} for i in range(30)]
    result = cli("import", write(tmp_path, jsonl(*rows)), code=2)
    assert "30 invalid lines" in result.stderr and "… and 10 more" in result.stderr
    repeated = jsonl(LINE, {**LINE, "id": "other"}, {**LINE, "summary": "Same id, other words"})
    result = cli("import", write(tmp_path, repeated, "repeated.jsonl"), code=2)
    assert "line 3: the id 'hubs-1' is already used on line 1" in result.stderr
    assert cli.event_count() == 0


def test_a_made_id_never_takes_an_id_a_later_line_names(cli, tmp_path, monkeypatch):
    unnamed = {k: v for k, v in LINE.items() if k != "id"}
    text = jsonl(unnamed, {**LINE, "id": "2025-05-15-keir-starmer-proposal", "summary": "Named later"})
    for batch in ("5000", "1"):  # in one batch, and across batches
        monkeypatch.setenv("TIMELINE_IMPORT_BATCH", batch)
        copy = Cli(tmp_path / f"b{batch}.sqlite")
        assert copy.json("import", write(tmp_path, text))["added"] == 2
        ids = sorted(r["id"] for r in copy.json("show", "Keir Starmer")["records"])
        assert ids == ["2025-05-15-keir-starmer-proposal", "2025-05-15-keir-starmer-proposal-2"]


def test_a_relative_date_without_relative_to_is_imported_and_said_to_count_from_today(cli, tmp_path):
    import datetime

    rows = [{**LINE, "id": "rel-1", "date": "yesterday"},
            {**LINE, "id": "rel-2", "date": "yesterday", "relative_to": "2025-05-16"},
            {**LINE, "id": "rel-3", "date": "May 2024"}]
    result = cli("import", write(tmp_path, jsonl(*rows)))
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    assert f"line 1: date 'yesterday' counts from today, so it was read as {yesterday}" in result.stderr
    assert "line 2" not in result.stderr and "line 3" not in result.stderr
    dates = {r["id"]: r["date"] for r in cli.json("show", "Keir Starmer")["records"]}
    assert dates == {"rel-1": yesterday, "rel-2": "2025-05-15", "rel-3": "2024-05"}


def test_update_says_which_citation_fields_a_line_without_them_clears(cli, tmp_path):
    cited = {**LINE, "quote": "we back it", "source": "Paper, 16 May", "source_url": "https://example.org/a"}
    cli("import", write(tmp_path, jsonl(cited)))
    result = cli("import", write(tmp_path, jsonl({**LINE, "stance": "oppose"}), "b.jsonl"), "--update")
    assert "line 1: --update clears the quote, source, source_url of record hubs-1" in result.stderr
    again = cli("import", write(tmp_path, jsonl({**cited, "stance": "mixed"}), "c.jsonl"), "--update")
    assert "clears" not in again.stderr


def test_an_edit_like_line_in_a_later_batch_is_refused_before_anything_is_written(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_IMPORT_BATCH", "2")
    lines = [{"actor": "Ed E", "topic": "t", "kind": "statement", "stance": "support", "date": f"2024-01-0{i + 1}",
              "summary": f"s{i}"} for i in range(5)]
    clash = tmp_path / "one.jsonl"
    clash.write_text(json.dumps({**lines[-1], "stance": "oppose"}) + "\n", encoding="utf-8")
    cli("import", str(clash))
    before = cli.event_count()
    path = tmp_path / "five.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    error = cli("import", str(path), code=1).stderr
    assert "nothing imported: 1 line(s) cannot be applied" in error and "line 5: looks like an edit of record" in error
    assert cli.event_count() == before  # the whole file was checked first: the earlier batches were not saved


def test_a_batch_refused_after_others_were_saved_says_what_stays():
    # A colleague's import can still make a later batch conflict after the whole-file check.
    from timeline.errors import DomainError
    from timeline.importing.summary import Summary, refused_after

    saved = Summary(added=4)
    error = refused_after(DomainError("nothing imported from this batch: 1 line(s) conflict"), saved)
    assert "The batches before it were saved and stay: 4 added, 0 unchanged, 0 updated" in str(error)
    lost = DomainError("lost the connection to the PostgreSQL server")
    assert refused_after(lost, saved) is lost and refused_after(error, Summary()) is error


def test_import_review_on_the_terminal_accepts_or_says_none_was(cli, tmp_path):
    line = {"id": "c1", "actor": "Al", "topic": "t", "kind": "statement", "stance": "support", "date": None,
            "summary": "s", "source": "article.txt, published 2025-05-16"}
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    quit_ = cli("import", str(path), "--review", input="q\n")
    assert "no line was accepted in the review; nothing imported" in quit_.stderr and cli.event_count() == 0
    cli("import", str(path), "--review", input="d\nyesterday\na\n")
    assert cli.json("show", "Al")["records"][0]["date"] == "2025-05-15"  # read from the article's day
