"""Fixes from the fifth round of new-user reviews (2 December 2026), each a case that failed before."""

import json


def test_a_term_whose_start_is_only_a_month_may_mean_no_one_held_the_office(cli):
    cli("office", "term", "Harbour Master", "Ann Example", "--from", "2020-05", "--new-actor")
    result = cli("holder", "Harbour Master", "--on", "2020-05-10", code=1)
    assert "the recorded dates allow Ann Example (2020-05 to now) or no one" in result.stderr
    assert "held Harbour Master" in cli("holder", "Harbour Master", "--on", "2020-06-01").stdout


def test_an_export_from_before_a_rename_imports_as_the_same_actor(cli, tmp_path):
    cli("add", "Ya Orig", "--new-actor", "--topic", "tax", "--new-topic", "--kind", "statement", "--stance", "support",
        "--on", "2020-05", "--summary", "s1", "--id", "r1")
    cli("actor", "rename", "Ya Orig", "Ya Mid")
    old = tmp_path / "old.jsonl"
    cli("export", "--format", "jsonl", "-o", str(old))
    cli("actor", "rename", "Ya Mid", "Ya Final")
    before = cli.event_count()
    for update in ([], ["--update"]):  # the line's name is now an alias of Ya Final: it means him
        assert "1 unchanged" in cli("import", *update, str(old)).stdout
    assert cli.event_count() == before
    assert [a["name"] for a in cli.json("actors")] == ["Ya Final"]
    assert cli.json("position", "Ya Final", "--topic", "tax", "--on", "2021-01-01")["stance"] == "support"


def test_an_actor_line_whose_name_is_two_actors_alias_is_refused(cli, tmp_path):
    cli("actor", "add", "Ann One", "--new-actor", "--alias", "A. N.")
    cli("actor", "add", "Ann Two", "--new-actor", "--alias", "A. N.")  # a shared alias is allowed, with a note
    line = tmp_path / "a.jsonl"
    line.write_text('{"type": "actor", "name": "A. N."}\n')
    result = cli("import", str(line), code=1)
    assert "is an alias of Ann One and Ann Two" in result.stderr


def test_seeding_again_leaves_what_the_user_changed_as_it_is(seeded):
    seeded("correct", "starmer-crackdown-speech", "--stance", "mixed", "--reason", "re-read")
    seeded("retract", "philp-rwanda-scrapping", "--reason", "misattributed")
    seeded("topic", "add", "migration-crackdown", "--title", "Crackdown", "--parent", "offshoring")
    before = seeded.event_count()
    assert seeded.json("seed")["added"] == 0
    assert seeded.event_count() == before
    assert seeded.json("history", "starmer-crackdown-speech")[-1]["record"]["stance"] == "mixed"
    assert seeded.json("history", "philp-rwanda-scrapping")[-1]["event"] == "Retracted"
    topics = {t["slug"]: t for t in seeded.json("topics")}
    assert (topics["migration-crackdown"]["title"], topics["migration-crackdown"]["parent"]) == ("Crackdown", "offshoring")


def test_an_import_may_name_a_new_actor_with_a_name_used_before(cli, tmp_path):
    """The name's first id belongs to the renamed actor: the import's new actor takes the next one
    (it collided with it, and before the writers' lock spun for 30 seconds)."""
    cli("actor", "add", "Old Name", "--new-actor")
    cli("actor", "rename", "Old Name", "New Name")
    cli("actor", "alias", "New Name", "--remove", "Old Name")
    actor_line = tmp_path / "a.jsonl"
    actor_line.write_text('{"type": "actor", "name": "Old Name", "kind": "organisation"}\n'
                          '{"id": "o1", "actor": "Old Name", "topic": "tax", "kind": "statement", "stance": "oppose", '
                          '"date": "2021", "summary": "a newcomer"}\n'
                          '{"type": "term", "office": "Mayor", "holder": "Other Name", "start": "2020-01-01"}\n')
    assert cli.json("import", str(actor_line))["added"] == 1
    names = {a["name"]: a for a in cli.json("actors")}
    assert set(names) >= {"Old Name", "New Name", "Other Name"} and names["Old Name"]["kind"] == "organisation"
    assert cli.json("position", "Old Name", "--topic", "tax", "--on", "2022-01-01")["stance"] == "oppose"


def test_a_phrase_past_the_articles_day_is_noted(cli):
    for phrase in ("next week", "tomorrow", "this weekend"):
        result = cli("add", "Quill", "--new-actor", "-t", "wind", "--new-topic", "-k", "statement", "-s", "support",
                     "--summary", phrase, "--on", phrase, "--relative-to", "2025-05-16")
        assert "runs past the --relative-to day (2025-05-16)" in result.stderr, phrase
    said = cli("add", "Quill", "-t", "wind", "-k", "statement", "-s", "support", "--summary", "y",
               "--on", "the past week", "--relative-to", "2025-05-16")
    assert "runs past" not in said.stderr


def test_holder_json_carries_the_stamp_that_replays_it(cli):
    cli("office", "term", "Energy Minister", "Otto Brand", "--from", "2024-05-20", "--new-actor")
    first = cli.json("holder", "Energy Minister", "--on", "2024-05-25")
    assert first["holder"] == "Otto Brand" and first["known_at"]
    cli("office", "term", "Energy Minister", "Otto Brand", "--from", "2024-05-20", "--withdraw", "--reason", "wrong")
    again = cli("holder", "Energy Minister", "--on", "2024-05-25", "--known-at", first["known_at"], "--json")
    assert again.stdout == cli("holder", "Energy Minister", "--on", "2024-05-25", "--known-at", first["known_at"], "--json").stdout
    assert json.loads(again.stdout) == first
    text = cli("holder", "Energy Minister", "--on", "2024-05-25", "--known-at", first["known_at"]).stdout
    assert text.startswith(f"As known at {first['known_at']}") and "open, as known then" in text


def test_a_stop_asked_after_the_last_batch_finishes_the_import(tracker, monkeypatch):
    """A signal that lands after the last batch (while indexes are built) used to say "Interrupted: 20,000
    of 20,000 lines were saved … run the same import again"; there is nothing left but the terms: finish."""
    from contextlib import contextmanager

    from timeline.importing import plan
    from timeline.importing.validate import validate

    @contextmanager
    def asked_at_once():
        yield [True]

    monkeypatch.setattr(plan, "stop_between_batches", asked_at_once)
    rows = [(1, {"actor": "Ann", "topic": "tax", "kind": "statement", "stance": "support", "date": "2020", "summary": "a"}),
            (2, {"type": "term", "office": "Mayor", "holder": "Ann", "start": "2020-01-01"})]
    summary = plan.import_lines(tracker, list(validate(iter(rows))))
    assert (summary.added, summary.terms) == (1, 1)


def test_another_actors_name_as_an_alias_is_refused_by_every_path(cli, tmp_path):
    """It would never answer (a name is found before an alias): `actor alias --add` refused it, while
    `actor add --alias` added it with a note and import added it silently; `show Quill` then answered
    for the other actor."""
    cli("actor", "add", "Quill", "--new-actor")
    cli("actor", "add", "Marta Quill", "--new-actor")
    before = cli.event_count()
    assert "is the name of Quill" in cli("actor", "alias", "Marta Quill", "--add", "Quill", code=1).stderr
    assert "is the name of Quill" in cli("actor", "add", "Marta Quill", "--alias", "Quill", code=1).stderr
    actor_line = tmp_path / "actor.jsonl"
    actor_line.write_text('{"type": "actor", "name": "Marta Quill", "aliases": ["Quill"]}\n')
    assert "is the name of Quill" in cli("import", str(actor_line), code=1).stderr
    record_line = tmp_path / "record.jsonl"
    record_line.write_text('{"actor": "Marta Quill", "actor_aliases": ["Quill"], "topic": "wind", "kind": "statement", '
                           '"stance": "support", "date": "2024", "summary": "s"}\n')
    assert "is the name of Quill" in cli("import", str(record_line), code=1).stderr
    assert cli.event_count() == before
    assert {a["name"]: a["aliases"] for a in cli.json("actors")} == {"Quill": [], "Marta Quill": []}
