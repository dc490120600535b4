"""Changes of position: graded full (support<->oppose) or half, per topic, with topic roll-up."""

import json


def add(cli, actor, topic, stance, on, rid, kind="statement"):
    cli("add", actor, "--topic", topic, "--kind", kind, "--stance", stance, "--on", on, "--summary", rid,
        "--id", rid, "--new-actor", "--new-topic")


def test_starmers_u_turn_on_offshoring_rolls_up_sub_topics(seeded):
    answer = seeded.json("changes", "Keir Starmer", "--topic", "offshoring")
    assert list(answer) == ["actor", "topic", "known_at", "changes"] and answer["actor"] == "Keir Starmer"
    changes = answer["changes"]
    assert len(changes) == 1
    (change,) = changes
    assert change["from"] == "oppose" and change["to"] == "support" and change["grade"] == "full"
    assert change["topic"] == "offshoring" and change["date"] == "2025-05-15"
    # The gimmick remark (../2024-07) and the scrapping (2024-07) end together; the later recorded,
    # the scrapping, is the record position shows before the proposal.
    assert change["from_record_id"] == "starmer-scraps-rwanda" and change["actor"] == "Keir Starmer"
    assert change["certain"] is True
    assert list(change) == ["actor", "topic", "date", "from", "to", "from_record_id", "record_id", "grade", "certain", "flipped"]
    # On each sub-topic alone there is no change: the U-turn only shows on the parent...
    assert seeded.json("changes", "Keir Starmer", "--topic", "return-hubs")["changes"] == []
    # ...and without --topic the topics above his records are series too, so the story's U-turn is
    # listed (it was not: the answer depended on whether he had a record on offshoring itself), once,
    # at the nearest topic where it shows, in date order with the crackdown speech's step on migration.
    every = seeded.json("changes", "Keir Starmer")["changes"]
    assert [(c["topic"], c["date"], c["record_id"]) for c in every] == [
        ("migration", "2025-05-12", "starmer-crackdown-speech"), ("offshoring", "2025-05-15", "starmer-no-silver-bullet")]


def test_grades_and_the_first_record_is_not_a_change(cli):
    for rid, stance, on in [("a", "support", "2020-01-01"), ("b", "support", "2020-02-01"), ("c", "mixed", "2020-03-01"),
                            ("d", "oppose", "2020-04-01"), ("e", "support", "2020-05-01"), ("f", "neutral", "2020-06-01")]:
        add(cli, "Jane Minister", "tax", stance, on, rid)
    changes = cli.json("changes", "Jane Minister")["changes"]
    assert [(c["record_id"], c["from"], c["to"], c["grade"]) for c in changes] == [
        ("c", "support", "mixed", "half"), ("d", "mixed", "oppose", "half"),
        ("e", "oppose", "support", "full"), ("f", "support", "neutral", "half"),
    ]


def test_same_day_records_follow_record_order(cli):
    add(cli, "Jane Minister", "tax", "support", "2021-03-03", "morning")
    add(cli, "Jane Minister", "tax", "oppose", "2021-03-03", "evening")
    add(cli, "Jane Minister", "tax", "oppose", "2021-03", "month")  # starts earlier: comes first in timeline order
    order = [r["id"] for r in cli.json("show", "Jane Minister")["records"]]
    assert order == ["month", "morning", "evening"]
    changes = cli.json("changes", "Jane Minister")["changes"]
    # Changes walk position order (period end, then record order): morning, evening, then the month
    # (it ends on 31 March). Same day: the later recorded decides, and the change is not certain.
    assert [(c["from_record_id"], c["record_id"], c["certain"]) for c in changes] == [("morning", "evening", False)]


def test_changes_table(seeded):
    out = seeded("changes", "Sir Keir", "--topic", "offshoring").stdout
    assert "oppose" in out and "support" in out and "full" in out
    json.loads(seeded("changes", "Edi Rama", "--json").stdout)


def test_without_a_topic_a_step_is_listed_on_the_most_specific_topic_where_it_shows(cli):
    cli("topic", "add", "migration")
    cli("topic", "add", "rwanda-scheme", "--parent", "migration")
    add(cli, "Al", "migration", "support", "2020-01-01", "a")  # a record on the parent itself
    add(cli, "Al", "rwanda-scheme", "support", "2021-01-01", "b")
    add(cli, "Al", "rwanda-scheme", "oppose", "2022-01-01", "c")  # the step shows on both series
    every = cli.json("changes", "Al")["changes"]
    assert [(c["topic"], c["from_record_id"], c["record_id"]) for c in every] == [("rwanda-scheme", "b", "c")]
    assert [c["record_id"] for c in cli.json("changes", "Al", "--topic", "migration")["changes"]] == ["c"]
