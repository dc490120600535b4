"""Offices and their holders, fixing who (rename, aliases, merge, correct --actor), polarity and
external ids, end to end through the CLI; and identity as known at a record time."""

import json
from pathlib import Path

TERMS = Path(__file__).parent.parent / "fixtures" / "uk_offices_terms.jsonl"


def _record(cli, actor, stance, on, topic="rwanda-scheme", *extra):
    return cli.json("add", actor, "--topic", topic, "--kind", "statement", "--stance", stance, "--on", on,
                    "--summary", f"{actor} on {topic}", "--new-actor", "--new-topic", *extra)


def test_the_home_secretary_in_december_2023_is_james_cleverly_via_the_office(cli):
    assert cli.json("import", str(TERMS))["terms"] == 11
    _record(cli, "James Cleverly", "support", "2023-12-05")
    answer = cli.json("position", "the home secretary", "--topic", "rwanda-scheme", "--on", "2023-12-10")
    assert answer["actor"] == "James Cleverly" and answer["stance"] == "support"
    assert answer["via"] == {"office": "UK Home Secretary", "term": {"start": "2023-11-13", "end": "2024-07-05"}}
    assert cli.json("position", "James Cleverly", "--topic", "rwanda-scheme", "--on", "2023-12-10")["via"] is None


def test_every_day_from_2019_has_the_right_holder(cli):
    cli("import", str(TERMS))
    expected = {
        "2019-07-24": ("Priti Patel", "Boris Johnson"), "2022-09-05": ("Priti Patel", "Boris Johnson"),
        "2022-09-06": ("Suella Braverman", "Liz Truss"), "2022-10-19": ("Grant Shapps", "Liz Truss"),
        "2022-10-24": ("Grant Shapps", "Liz Truss"), "2022-10-25": ("Suella Braverman", "Rishi Sunak"),
        "2023-11-13": ("James Cleverly", "Rishi Sunak"), "2024-07-05": ("Yvette Cooper", "Keir Starmer"),
        "2025-09-05": ("Shabana Mahmood", "Keir Starmer"), "2026-01-01": ("Shabana Mahmood", "Keir Starmer"),
    }
    for day, (home, pm) in expected.items():
        assert cli.json("holder", "the Home Secretary", "--on", day)["holder"] == home, day
        assert cli.json("holder", "the PM", "--on", day)["holder"] == pm, day
    assert cli("import", str(TERMS)).stdout.startswith("0 added, 0 unchanged, 0 updated.")  # idempotent


def test_a_day_no_one_held_it_and_an_uncertain_day_are_errors_naming_the_terms(cli):
    cli("office", "term", "Mayor of X", "Ann Example", "--from", "2010-05-01", "--to", "2014-05", "--new-actor")
    cli("office", "term", "Mayor of X", "Bob Example", "--from", "2014-05", "--to", "2015-01-01", "--new-actor")
    early = cli("holder", "Mayor of X", "--on", "2009-01-01", code=1).stderr
    assert "no one held Mayor of X on 2009-01-01" in early and "Ann Example (2010-05-01 to 2014-05)" in early
    unsure = cli("position", "mayor of x", "--on", "2014-05-10", code=1).stderr
    assert "uncertain" in unsure and "Ann Example" in unsure and "Bob Example" in unsure
    assert cli.json("holder", "Mayor of X", "--on", "2014-06-01")["holder"] == "Bob Example"


def test_overlapping_terms_are_refused_and_nothing_is_written(cli):
    cli("import", str(TERMS))
    before = cli.event_count()
    error = cli("office", "term", "UK Home Secretary", "Grant Shapps", "--from", "2022-10-18", "--to", "2022-10-25", code=1).stderr
    assert "overlap" in error
    assert cli.event_count() == before


def test_an_office_beats_an_ambiguous_alias_and_a_canonical_name_beats_an_office(cli):
    # the actors' aliases first: given after the office's alias, they are refused (never used)
    cli("actor", "add", "Rishi Sunak", "--alias", "the PM", "--new-actor")
    cli("actor", "add", "Keir Starmer", "--alias", "the PM", "--new-actor")
    cli("import", str(TERMS))
    assert cli.json("holder", "the PM", "--on", "2023-01-01")["holder"] == "Rishi Sunak"
    assert cli.json("position", "the PM", "--on", "2025-01-01")["actor"] == "Keir Starmer"
    cli("office", "add", "Keir Starmer")  # a perverse office title: the actor's name still wins
    assert cli.json("position", "Keir Starmer", "--on", "2023-01-01")["via"] is None


def test_correct_actor_moves_a_misattributed_quote_and_history_keeps_it(cli):
    rid = _record(cli, "Priti Patel", "support", "2022-04-14")["id"]
    cli("actor", "add", "Boris Johnson")
    fixed = cli.json("correct", rid, "--actor", "Boris Johnson", "--reason", "Misattributed")
    assert fixed["actor"] == "Boris Johnson"
    history = cli.json("history", rid)
    assert [v["record"]["actor"] for v in history] == ["Priti Patel", "Boris Johnson"]
    assert cli.json("position", "Priti Patel", "--topic", "rwanda-scheme", "--on", "2022-05-01")["stance"] is None
    said = cli("correct", rid, "--actor", "Priti Patel", "--url", "https://example.org/a", "--reason", "Back").stdout
    assert f"Corrected {rid} (actor, url)." in said  # the options' names, not the stored fields'


def test_merge_answers_under_the_survivor_and_known_at_before_it_sees_two_actors(cli):
    _record(cli, "Keir Starmer", "oppose", "2024-03-01")
    _record(cli, "K. Starmer", "support", "2025-05-15")
    before = cli.json("position", "Keir Starmer", "--topic", "rwanda-scheme", "--on", "2025-06-01")
    assert before["stance"] == "oppose"
    cli("actor", "merge", "K. Starmer", "--into", "Keir Starmer", "--reason", "Same person")
    after = cli.json("position", "K. Starmer", "--topic", "rwanda-scheme", "--on", "2025-06-01")
    assert (after["actor"], after["stance"]) == ("Keir Starmer", "support")
    replay = cli("position", "Keir Starmer", "--topic", "rwanda-scheme", "--on", "2025-06-01", "--known-at", before["known_at"], "--json")
    assert json.loads(replay.stdout) == before
    assert "MergedInto" in cli("log").stdout
    assert [a["merged_into"] for a in cli.json("actors") if a["name"] == "K. Starmer"] == ["Keir Starmer"]
    assert "already the same actor" in cli("actor", "merge", "K. Starmer", "--into", "Keir Starmer", "--reason", "x", code=1).stderr


def test_aliases_removed_and_renames_are_honoured_by_known_at(cli):
    _record(cli, "Keir Starmer", "oppose", "2024-03-01")
    cli("actor", "alias", "Keir Starmer", "--add", "Sir Keir")
    asked = cli("position", "Sir Keir", "--topic", "rwanda-scheme", "--on", "2024-06-01", "--json").stdout
    stamp = json.loads(asked)["known_at"]
    cli("actor", "alias", "Keir Starmer", "--remove", "Sir Keir")
    cli("actor", "rename", "Keir Starmer", "Sir Keir Starmer")
    assert "unknown actor 'Sir Keir'" in cli("position", "Sir Keir", "--on", "2024-06-01", code=1).stderr
    again = cli("position", "Sir Keir", "--topic", "rwanda-scheme", "--on", "2024-06-01", "--known-at", stamp, "--json").stdout
    assert again == asked
    assert cli.json("position", "Keir Starmer", "--topic", "rwanda-scheme", "--on", "2024-06-01")["actor"] == "Sir Keir Starmer"


def test_an_alias_that_makes_a_unique_one_ambiguous_is_reported(cli):
    cli("actor", "add", "Keir Starmer", "--alias", "Keir")
    assert "ambiguous" in cli("actor", "add", "Keir Hardie", "--alias", "Keir").stderr


def test_actor_add_near_duplicate_gets_did_you_mean_and_kind_can_change(cli):
    cli("actor", "add", "Keir Starmer")
    assert "did you mean" in cli("actor", "add", "Keir Starmr", code=1).stderr
    cli("actor", "add", "Keir Starmr", "--new-actor")
    cli("actor", "add", "Home Office")
    cli("actor", "add", "Home Office", "--kind", "organisation")
    assert [a["kind"] for a in cli.json("actors") if a["name"] == "Home Office"] == ["organisation"]


def test_inverse_sub_topic_flips_stances_in_roll_ups(cli):
    cli("topic", "add", "nuclear")
    cli("topic", "add", "nuclear-phaseout", "--parent", "nuclear", "--inverse")
    _record(cli, "Green Party", "support", "2024-01-01", "nuclear-phaseout")
    _record(cli, "Green Party", "oppose", "2025-01-01", "nuclear")
    up = cli.json("position", "Green Party", "--topic", "nuclear", "--on", "2024-06-01")
    assert (up["stance"], up["flipped"], up["record"]["stance"]) == ("oppose", True, "support")
    assert "flipped" in cli("position", "Green Party", "--topic", "nuclear", "--on", "2024-06-01").stdout
    assert cli.json("changes", "Green Party", "--topic", "nuclear")["changes"] == []  # oppose, then oppose
    assert cli.json("position", "Green Party", "--topic", "nuclear-phaseout", "--on", "2024-06-01")["stance"] == "support"
    # Every topic at once: the roll-up row says it was flipped too, and so does the web page.
    every = " ".join(cli("position", "Green Party", "--on", "2024-06-01").stdout.replace("│", " ").split())
    assert "(flipped: support on nuclear-phaseout, an inverse sub-topic)" in every
    assert every.count("flipped") == 1  # only the nuclear row; the phase-out row is the record's own stance


def test_possible_and_order_uncertain_records_say_what_they_count_as_on_an_inverse_sub_topic(cli):
    cli("topic", "add", "nuclear")
    cli("topic", "add", "nuclear-phaseout", "--parent", "nuclear", "--inverse")
    _record(cli, "Green Party", "oppose", "2024-06-10", "nuclear")
    _record(cli, "Green Party", "support", "2024-05/2024-07", "nuclear-phaseout")  # straddles 1 July
    _record(cli, "Green Party", "support", "2024-06", "nuclear-phaseout")  # shares days with 10 June
    up = cli.json("position", "Green Party", "--topic", "nuclear", "--on", "2024-07-01")
    assert up["stance"] == "oppose"
    assert [(p["stance"], p["counts_as"], p["flipped"]) for p in up["possibly"]] == [("support", "oppose", True)]
    # the June record counts as oppose too, so its order does not matter: nothing is uncertain
    assert up["uncertain_order"] == []
    text = cli("position", "Green Party", "--topic", "nuclear", "--on", "2024-07-01").stdout
    assert "oppose (support on nuclear-phaseout, an inverse sub-topic)" in " ".join(text.split())
    across = cli.json("stances", "--topic", "nuclear", "--on", "2024-07-01")["stances"]
    assert [(p["counts_as"], p["flipped"]) for p in across[0]["possibly"]] == [("oppose", True)]
    same = cli.json("position", "Green Party", "--topic", "nuclear-phaseout", "--on", "2024-07-01")
    assert [(p["counts_as"], p["flipped"]) for p in same["possibly"]] == [("support", False)]


def test_topic_tree_moves_are_honoured_by_known_at(cli):
    cli("topic", "add", "energy")
    _record(cli, "Ed Miliband", "support", "2024-01-01", "nuclear")
    asked = cli("position", "Ed Miliband", "--topic", "energy", "--on", "2024-06-01", "--json").stdout
    assert json.loads(asked)["stance"] is None
    cli("topic", "add", "nuclear", "--parent", "energy")
    assert cli.json("position", "Ed Miliband", "--topic", "energy", "--on", "2024-06-01")["stance"] == "support"
    stamp = json.loads(asked)["known_at"]
    assert cli("position", "Ed Miliband", "--topic", "energy", "--on", "2024-06-01", "--known-at", stamp, "--json").stdout == asked


def test_terms_are_honoured_by_known_at(cli):
    cli("office", "term", "UK Home Secretary", "Shabana Mahmood", "--from", "2025-09-05", "--new-actor")
    cli("office", "add", "UK Home Secretary", "--alias", "the Home Secretary")
    asked = cli("position", "the Home Secretary", "--on", "2025-10-01", "--json").stdout
    cli("office", "term", "UK Home Secretary", "Shabana Mahmood", "--from", "2025-09-05", "--to", "2025-09-30")
    assert "no one held" in cli("position", "the Home Secretary", "--on", "2025-10-01", code=1).stderr
    stamp = json.loads(asked)["known_at"]
    assert cli("position", "the Home Secretary", "--on", "2025-10-01", "--known-at", stamp, "--json").stdout == asked


def test_wikidata_ids_are_kept(cli):
    cli("actor", "add", "Keir Starmer", "--wikidata", "Q6212")
    cli("topic", "add", "nuclear", "--wikidata", "Q12739")
    cli("office", "add", "UK Prime Minister", "--wikidata", "Q14211")
    assert [a["wikidata"] for a in cli.json("actors")] == ["Q6212"]
    assert [t["wikidata"] for t in cli.json("topics")] == ["Q12739"]
    assert cli.json("offices")[0]["wikidata"] == "Q14211"
    assert "not a Wikidata item id" in cli("actor", "add", "X Y", "--wikidata", "6212", code=2).stderr


def test_seeded_offices_answer_for_the_prime_minister(seeded):
    assert seeded.json("holder", "Prime Minister of Albania", "--on", "2025-05-15")["holder"] == "Edi Rama"
    assert seeded.json("holder", "Shadow Home Secretary", "--on", "2025-05-15")["holder"] == "Chris Philp"
    answer = seeded.json("position", "the Prime Minister", "--topic", "rwanda-scheme", "--on", "2024-08-01")
    assert answer["actor"] == "Keir Starmer" and answer["via"]["office"] == "UK Prime Minister"
