"""An import file's topic tree: where the file puts a topic counts wherever the file says it
(timeline/importing/tree.py), a parent it names is made, and a file that says two things is refused."""

import json

import pytest


def jsonl(*rows):
    return "".join(json.dumps(row) + "\n" for row in rows)


def record(**given):
    return {"actor": "Lena Brandt", "kind": "proposal", "stance": "support", "date": "2024-04", "summary": "Caps", **given}


def tree(cli):
    return {t["slug"]: (t["title"], t["parent"]) for t in cli.json("topics")}


def test_a_parent_named_only_by_a_topic_line_is_made_and_answers(cli, tmp_path):
    path = tmp_path / "tree.jsonl"
    path.write_text(jsonl({"type": "topic", "slug": "rail", "title": "Railways", "parent": "transport"},
                          record(id="r1", topic="rail", stance="oppose")))
    assert "New topics (2): transport, rail" in cli("import", str(path)).stdout
    assert tree(cli) == {"transport": ("Transport", None), "rail": ("Railways", "transport")}
    assert cli.json("position", "Lena Brandt", "--topic", "transport", "--on", "2025-01-01")["stance"] == "oppose"


@pytest.mark.parametrize("name", ["tree.csv", "tree.jsonl"])
def test_a_later_line_places_a_topic_an_earlier_line_made_without_a_place(cli, tmp_path, name):
    rows = [record(id="c0", topic="housing", summary="Houses"),
            record(id="c3", topic="rent-caps", topic_parent="policy/housing")]
    path = tmp_path / name
    if name.endswith(".csv"):
        columns = ["id", "actor", "topic", "kind", "stance", "date", "summary", "topic_parent"]
        path.write_text(",".join(columns) + "\n" + "".join(",".join(str(r.get(c, "")) for c in columns) + "\n" for r in rows))
    else:
        path.write_text(jsonl(*rows))
    cli("import", str(path))
    assert tree(cli) == {"policy": ("Policy", None), "housing": ("Housing", "policy"), "rent-caps": ("Rent caps", "housing")}
    stances = cli.json("stances", "--topic", "policy", "--on", "2025-01-01")["stances"]
    assert [(s["actor"], s["stance"]) for s in stances] == [("Lena Brandt", "support")]


@pytest.mark.parametrize("second, said", [
    ({"topic_parent": "infrastructure"}, "topic rail is put under 'infrastructure' here, but put under 'transport' on line 1"),
    ({"topic_title": "Trains"}, "topic rail is titled 'Trains' here, but titled 'Railways' on line 1"),
])
def test_a_file_that_puts_a_topic_in_two_places_is_refused_whole(cli, tmp_path, second, said):
    path = tmp_path / "tree.jsonl"
    path.write_text(jsonl({"type": "topic", "slug": "rail", "title": "Railways", "parent": "transport"},
                          record(id="r1", topic="rail"), record(id="r2", topic="rail", date="2024-05", **second)))
    result = cli("import", str(path), code=2)
    assert said in result.stderr
    assert cli.event_count() == 0


def test_an_export_of_a_tree_made_this_way_imports_into_an_empty_store_the_same(cli, tmp_path, db_path):
    from tests.conftest import Cli

    path = tmp_path / "tree.jsonl"
    path.write_text(jsonl(record(id="c0", topic="housing"), record(id="c3", topic="rent-caps", topic_parent="policy/housing"),
                          {"type": "topic", "slug": "rail", "parent": "transport"}))
    cli("import", str(path))
    exported = tmp_path / "out.jsonl"
    cli("export", "--format", "jsonl", "-o", str(exported))
    other = Cli(tmp_path / "other.sqlite")
    other("import", str(exported))
    assert tree(other) == tree(cli)
