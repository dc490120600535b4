"""A third new-user review of identity (docs/names.md), end to end through the CLI: an import may not
make a cycle of merges, `actor rename` may not take a name that answers for an office or another
actor, and `history` names a merged duplicate's records under the survivor, as `show` does."""

import json

import pytest

RECORD = {"topic": "t", "kind": "statement", "stance": "support", "date": "2024-01-01", "summary": "s"}


def _file(tmp_path, *lines, name="in.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return str(path)


def _actor(name, into=None):
    return {"type": "actor", "name": name, **({"merged_into": into} if into else {})}


def _names(cli):
    return {actor["name"]: actor["merged_into"] for actor in cli.json("actors")}


# -- 1. import refuses a cycle of merges -----------------------------------------------------------


@pytest.mark.parametrize(("lines", "cycle", "where"), [
    ([_actor("Aa One", "Bb Two"), _actor("Bb Two", "Cc Three"), _actor("Cc Three", "Aa One")],
     "Aa One → Bb Two → Cc Three → Aa One", "lines 1, 2, 3"),
    ([_actor("Aa One", "Bb Two"), _actor("Bb Two", "Aa One")], "Aa One → Bb Two → Aa One", "lines 1, 2"),
    ([_actor("Zz Last"), _actor("Bb Two", "Aa One"), _actor("Aa One", "Bb Two")], "Bb Two → Aa One → Bb Two", "lines 2, 3"),
])
def test_import_refuses_a_cycle_of_merges_in_the_file(cli, tmp_path, lines, cycle, where):
    path = _file(tmp_path, *lines, {"actor": "Aa One", **RECORD})
    error = cli("import", path, code=1).stderr
    assert f"the merges on {where} would make a cycle of merges ({cycle})" in error
    assert error.startswith("Error: nothing imported") and error.count("\n") == 1 and "Traceback" not in error
    assert cli.event_count() == 0  # nothing written: no actor, no topic, no record


def test_import_refuses_a_cycle_through_the_stores_merges(cli, tmp_path):
    cli("import", _file(tmp_path, _actor("Aa One", "Bb Two"), _actor("Bb Two"), {"actor": "Aa One", **RECORD}))
    cli("actor", "add", "Cc Three", "--new-actor")
    cli("actor", "merge", "Bb Two", "--into", "Cc Three", "--reason", "same")
    before, names = cli.event_count(), _names(cli)
    error = cli("import", _file(tmp_path, _actor("Cc Three", "Aa One"), {"actor": "Dd Four", **RECORD}, name="b.jsonl"),
                code=1).stderr
    assert ("the merge on line 1 with the stored merges of Aa One, Bb Two would make a cycle of merges "
            "(Cc Three → Aa One → Bb Two → Cc Three)") in error
    assert cli.event_count() == before and _names(cli) == names
    # a two-way one through the store, too
    error = cli("import", _file(tmp_path, _actor("Bb Two"), _actor("Cc Three", "Bb Two"), name="c.jsonl"), code=1).stderr
    assert "(Cc Three → Bb Two → Cc Three)" in error and cli.event_count() == before
    assert cli.json("position", "Aa One", "--topic", "t")["actor"] == "Cc Three"  # as before: no one answers as another


def test_a_chain_of_merges_without_a_cycle_still_imports(cli, tmp_path):
    cli("import", _file(tmp_path, _actor("Aa One", "Bb Two"), _actor("Bb Two", "Cc Three"), _actor("Cc Three"),
                        {"actor": "Aa One", **RECORD}))
    for name in ("Aa One", "Bb Two", "Cc Three"):
        assert cli.json("position", name, "--topic", "t")["actor"] == "Cc Three"
    exported = cli("export", "--format", "jsonl").stdout  # export → import again is a no-op, not a cycle
    (tmp_path / "again.jsonl").write_text(exported, encoding="utf-8")
    before = cli.event_count()
    cli("import", str(tmp_path / "again.jsonl"))
    assert cli.event_count() == before


# -- 2. actor rename refuses a name that answers for an office or another actor -------------------------


@pytest.fixture
def kohl(cli):
    cli("actor", "add", "Karl Kohl")
    cli("actor", "add", "Jo Jansen", "--alias", "JJ", "--new-actor")
    cli("office", "add", "Climate Minister", "--alias", "the climate minister")
    cli("office", "term", "Climate Minister", "Jo Jansen", "--from", "2020-01-01")
    cli("add", "Jo Jansen", "--topic", "t", "--new-topic", "--kind", "statement", "--stance", "oppose",
        "--on", "2024-01-01", "--summary", "s")
    return cli


@pytest.mark.parametrize(("new", "says"), [
    ("the climate minister", "'the climate minister' names the office Climate Minister, so as Karl Kohl's name"),
    ("CLIMATE MINISTER", "'CLIMATE MINISTER' names the office Climate Minister"),
    ("JJ", "'JJ' is an alias of Jo Jansen, so renaming Karl Kohl to it would take that name from Jo Jansen"),
    ("jo jansen", "'jo jansen' is already the name of another actor;"),
])
def test_rename_refuses_a_name_that_answers_for_someone_else(kohl, new, says):
    before, names = kohl.event_count(), _names(kohl)
    error = kohl("actor", "rename", "Karl Kohl", new, code=1).stderr
    assert says in error and error.count("\n") == 1 and "Traceback" not in error
    assert kohl.event_count() == before and _names(kohl) == names
    # the name answers as before: the office's holder, the alias's actor
    assert kohl.json("position", new, "--topic", "t", "--on", "2024-06-01")["actor"] == "Jo Jansen"


def test_rename_refuses_a_merged_duplicates_name(kohl):
    kohl("actor", "add", "J. Jansen", "--new-actor")
    kohl("actor", "merge", "J. Jansen", "--into", "Jo Jansen", "--reason", "same")
    error = kohl("actor", "rename", "Karl Kohl", "J. Jansen", code=1).stderr
    assert "'J. Jansen' is already the name of another actor (merged into Jo Jansen)" in error
    assert kohl.json("position", "J. Jansen", "--topic", "t")["actor"] == "Jo Jansen"


def test_rename_to_its_own_alias_or_a_close_name_is_allowed(kohl):
    kohl("actor", "alias", "Karl Kohl", "--add", "KK")
    assert kohl.json("actor", "rename", "Karl Kohl", "KK")["name"] == "KK"
    assert kohl.json("actor", "rename", "KK", "Jo Janssen")["name"] == "Jo Janssen"  # close, but deliberate
    assert "Jo Janssen" in _names(kohl) and "Jo Jansen" in _names(kohl)


# -- 3. history names the survivor -----------------------------------------------------------------


def test_history_names_a_merged_duplicates_records_under_the_survivor(cli):
    cli("add", "J. Jung", "--topic", "t", "--new-topic", "--kind", "statement", "--stance", "support",
        "--on", "2024-01-01", "--summary", "s", "--id", "r1")
    cli("correct", "r1", "--stance", "oppose", "--reason", "misread")
    cli("actor", "add", "Jan Jung", "--new-actor")
    cli("actor", "merge", "J. Jung", "--into", "Jan Jung", "--reason", "same person")
    versions = cli.json("history", "r1")
    assert [v["record"]["actor"] for v in versions] == ["Jan Jung", "Jan Jung"]
    assert cli.json("show", "J. Jung")["records"][0]["actor"] == "Jan Jung"  # as show names it
    assert [v["recorded_as"] for v in versions] == ["J. Jung", "J. Jung"]  # the name it was recorded under
    text = cli("history", "r1").stdout
    assert "Jan Jung" in text and "J. Jung" not in text


def test_history_keeps_a_correction_of_who_between_actors_merged_later(cli):
    cli("add", "Jane Doe", "--topic", "t", "--new-topic", "--kind", "statement", "--stance", "support",
        "--on", "2024-01-01", "--summary", "s", "--id", "r1")
    cli("actor", "add", "Janet Doe-Smith", "--new-actor")
    cli("correct", "r1", "--actor", "Janet Doe-Smith", "--reason", "her words")
    cli("actor", "merge", "Jane Doe", "--into", "Janet Doe-Smith", "--reason", "same person, new name")
    versions = cli.json("history", "r1")
    assert [(v["record"]["actor"], v["recorded_as"]) for v in versions] == [
        ("Janet Doe-Smith", "Jane Doe"), ("Janet Doe-Smith", None)]
