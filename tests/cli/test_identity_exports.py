"""Identity in answers across actors and in exports: names and merges as known at, polarity in
stances and exports, and the full round trip of identity (wikidata ids, merges, polarity, offices
and terms) through `export --format jsonl|json` → `import` into an empty store."""

import json

import pytest

from tests.conftest import Cli


def _record(cli, actor, stance, on, topic="nuclear", *extra):
    return cli.json("add", actor, "--topic", topic, "--kind", "statement", "--stance", stance, "--on", on,
                    "--summary", f"{actor} on {topic}", "--new-actor", "--new-topic", *extra)


def _story(cli):
    """A store with every kind of identity: ids, aliases, a rename, a merge, an inverse sub-topic,
    offices with and without terms."""
    cli("actor", "add", "Keir Starmer", "--alias", "Sir Keir", "--wikidata", "Q6212")
    cli("topic", "add", "nuclear", "--wikidata", "Q12739")
    cli("topic", "add", "nuclear-phaseout", "--parent", "nuclear", "--inverse")
    _record(cli, "Green Party", "support", "2024-01-01", "nuclear-phaseout")
    _record(cli, "Green Party", "support", "2025-01-01", "nuclear")
    _record(cli, "K. Starmer", "oppose", "2023-05-01")
    _record(cli, "Keir Starmer", "support", "2024-09-01")
    cli("actor", "merge", "K. Starmer", "--into", "Keir Starmer", "--reason", "Same person")
    cli("actor", "add", "Greens", "--kind", "organisation")
    cli("actor", "rename", "Greens", "Green Alliance")
    cli("office", "add", "UK Prime Minister", "--alias", "the PM", "--wikidata", "Q14211")
    cli("office", "term", "UK Prime Minister", "Rishi Sunak", "--from", "2022-10-25", "--to", "2024-07-05", "--new-actor")
    cli("office", "term", "UK Prime Minister", "Keir Starmer", "--from", "2024-07-05")
    cli("office", "add", "Mayor of Nowhere", "--alias", "the Mayor")


def _identity(cli):
    return {
        "actors": cli.json("actors"),
        "topics": cli.json("topics"),
        "offices": cli.json("offices"),
        "holder": {k: v for k, v in cli.json("holder", "the PM", "--on", "2024-09-02").items() if k != "known_at"},
        "position": {k: v for k, v in cli.json("position", "the PM", "--topic", "nuclear", "--on", "2024-09-02").items()
                     if k not in ("known_at", "record")},
        "changes": [{k: v for k, v in c.items() if k not in ("from_record_id", "record_id")}
                    for c in cli.json("changes", "--topic", "nuclear")["changes"]],
        "stances": [(s["actor"], s["stance"], s.get("flipped")) for s in
                    cli.json("stances", "--topic", "nuclear", "--on", "2024-06-01")["stances"]],
    }


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_export_then_import_into_an_empty_store_reproduces_identity(cli, tmp_path, fmt):
    _story(cli)
    exported = tmp_path / f"all.{fmt}"
    cli("export", "--format", fmt, "-o", str(exported))
    if fmt == "jsonl":
        lines = [json.loads(line) for line in exported.read_text().splitlines()]
        actors = {line["name"]: line for line in lines if line.get("type") == "actor"}
        assert actors["Keir Starmer"]["wikidata"] == "Q6212"
        assert actors["K. Starmer"]["merged_into"] == "Keir Starmer"
        assert {line["slug"]: line.get("polarity") for line in lines if line.get("type") == "topic"} == {
            "nuclear": None, "nuclear-phaseout": "inverse"}
        assert [line["holder"] for line in lines if line.get("type") == "term"] == ["Rishi Sunak", "Keir Starmer"]
        assert [line["title"] for line in lines if line.get("type") == "office"] == ["Mayor of Nowhere", "UK Prime Minister"]
    before = _identity(cli)
    assert before["position"]["actor"] == "Keir Starmer" and before["position"]["via"]["office"] == "UK Prime Minister"
    fresh = Cli(tmp_path / "fresh.sqlite")
    fresh("import", str(exported))
    assert _identity(fresh) == before
    # Re-importing the export is a no-op; a contradicting id is a conflict unless --update.
    assert fresh("import", str(exported)).stdout.startswith("0 added")
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text('{"type": "actor", "name": "Keir Starmer", "wikidata": "Q1"}\n'
                     '{"type": "topic", "slug": "nuclear-phaseout", "polarity": "same"}\n')
    error = fresh("import", str(wrong), code=1).stderr
    assert "wikidata id Q6212, not Q1" in error and "polarity inverse, not same" in error
    assert [a["wikidata"] for a in fresh.json("actors") if a["name"] == "Keir Starmer"] == ["Q6212"]
    fresh("import", str(wrong), "--update")
    assert [a["wikidata"] for a in fresh.json("actors") if a["name"] == "Keir Starmer"] == ["Q1"]
    assert {t["slug"]: t["polarity"] for t in fresh.json("topics")}["nuclear-phaseout"] == "same"


def test_stances_roll_up_polarity_say_it_flipped_and_list_a_merged_actor_once(cli):
    _story(cli)
    found = cli.json("stances", "--topic", "nuclear", "--on", "2024-10-01")["stances"]
    assert [(s["actor"], s["stance"], s.get("flipped", False)) for s in found] == [
        ("Keir Starmer", "support", False), ("Green Party", "oppose", True)]
    assert "flipped" in cli("stances", "--topic", "nuclear", "--on", "2024-10-01").stdout
    # the duplicate's record answers under the survivor: its change is Keir Starmer's
    changes = cli.json("changes", "--topic", "nuclear")["changes"]
    assert "flipped" in cli("changes", "Green Party", "--topic", "nuclear").stdout
    assert {(c["actor"], c["from"], c["to"]) for c in changes} == {("Keir Starmer", "oppose", "support"),
                                                                    ("Green Party", "oppose", "support")}
    assert [r["record"]["actor"] for r in cli.json("search", "Starmer", "--actor", "Keir Starmer")["results"]] == [
        "Keir Starmer", "Keir Starmer"]


def test_exports_say_a_change_was_flipped(cli):
    _story(cli)
    md = cli("export", "--format", "md", "--topic", "nuclear").stdout
    assert "Green Party on nuclear: oppose → **support**" in md and "flipped" in md
    reviews = json.loads(cli("export", "--format", "claimreview", "--topic", "nuclear").stdout)
    green = next(r for r in reviews if r["itemReviewed"]["author"]["name"] == "Green Party")
    assert "flipped" in green["reviewBody"]
    html = cli("export", "--format", "html", "--topic", "nuclear").stdout
    assert '"flipped":true' in html


def test_exports_name_actors_and_the_tree_as_known_at(cli):
    _record(cli, "Ann Able", "support", "2024-01-01", "nuclear")
    _record(cli, "Ann Duplicate", "oppose", "2024-02-01", "nuclear")
    asked = cli("show", "Ann Able", "--json").stdout
    stamp = json.loads(asked)["known_at"]
    exported = cli("export", "--format", "json", "--known-at", stamp).stdout
    cli("actor", "rename", "Ann Able", "Ann Baker")
    cli("actor", "merge", "Ann Duplicate", "--into", "Ann Baker", "--reason", "same")
    cli("topic", "add", "energy")
    cli("topic", "add", "nuclear", "--parent", "energy", "--inverse")
    again = cli("export", "--format", "json", "--known-at", stamp).stdout
    assert json.loads(again)["records"] == json.loads(exported)["records"]
    assert json.loads(again)["topics"] == json.loads(exported)["topics"]
    assert [a["name"] for a in json.loads(again)["actors"]] == ["Ann Able", "Ann Duplicate"]
    md = cli("export", "--format", "md").stdout
    assert "## Ann Baker" in md and "## Ann Duplicate" not in md  # now: one actor, under the survivor
    assert cli("show", "Ann Able", "--known-at", stamp, "--json").stdout == asked


def test_a_csv_round_trip_keeps_an_inverse_sub_topic_so_stances_roll_up_the_same(cli, tmp_path):
    cli("topic", "add", "nuclear")
    cli("topic", "add", "nuclear-phaseout", "--parent", "nuclear", "--inverse")
    cli("add", "Pia Holm", "--topic", "nuclear-phaseout", "--kind", "statement", "--stance", "support",
        "--on", "2024-06-15", "--summary", "Backs the phase-out", "--new-actor")
    path = tmp_path / "out.csv"
    cli("export", "--format", "csv", "-o", str(path))
    copy = Cli(tmp_path / "copy.sqlite")
    copy("import", str(path))
    asked = ("position", "Pia Holm", "--topic", "nuclear", "--on", "2024-07-01")
    assert copy.json(*asked)["stance"] == cli.json(*asked)["stance"] == "oppose"
    assert copy("import", str(path)).stdout.startswith("0 added, 1 unchanged")  # the topic row agrees with the store


def test_a_csv_export_says_what_it_cannot_carry(cli):
    cli("add", "Keir Starmer", "--topic", "t", "--kind", "statement", "--stance", "support", "--on", "2024-06-15",
        "--summary", "s", "--new-actor", "--new-topic")
    assert "csv does not carry" not in cli("export", "--format", "csv").stderr
    cli("office", "term", "UK Prime Minister", "Keir Starmer", "--from", "2024-07-05")
    assert "csv does not carry 1 office with their terms" in cli("export", "--format", "csv").stderr


def test_a_record_row_cannot_carry_a_topic_polarity(cli, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("actor,topic,kind,stance,date,summary,topic_polarity\nA B,t,statement,support,2024-01-01,s,inverse\n")
    result = cli("import", str(path), code=2)
    assert "topic_polarity belongs on a topic line" in result.stderr
