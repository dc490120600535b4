"""`office term … --withdraw --reason`: a mistaken term is withdrawn (Office.TermWithdrawn), its days
are free for the right holder, `holder` and an office name as actor answer accordingly, and an answer
as known before the withdrawal still sees the old term."""

from __future__ import annotations

import pytest

OFFICE = "Harbour Master"


@pytest.fixture
def mistaken(cli):
    """The reviewer's store: the wrong holder recorded for 2020, and a record of each person."""
    cli("office", "term", OFFICE, "Carla Cod", "--from", "2020-01-01", "--to", "2021-01-01")
    cli("actor", "add", "Dan Dory")
    for who, stance in (("Carla Cod", "oppose"), ("Dan Dory", "support")):
        cli("add", who, "--topic", "harbours", "--kind", "statement", "--stance", stance, "--on", "2020-06-01",
            "--summary", f"{who} on dredging")
    return cli


def test_the_right_holder_is_refused_until_the_mistaken_term_is_withdrawn(mistaken):
    refused = mistaken("office", "term", OFFICE, "Dan Dory", "--from", "2020-01-01", "--to", "2021-01-01", code=1)
    assert "would overlap" in refused.stderr
    before = mistaken.json("position", OFFICE, "--topic", "harbours", "--on", "2020-06-02")
    assert before["actor"] == "Carla Cod" and before["stance"] == "oppose"

    done = mistaken.json("office", "term", OFFICE, "Carla Cod", "--from", "2020-01-01", "--withdraw",
                         "--reason", "wrong holder")
    assert done == {"office": OFFICE, "holder": "Carla Cod", "start": "2020-01-01", "end": "2021-01-01",
                    "reason": "wrong holder", "done": "withdrawn"}
    assert mistaken.json("offices")[0]["terms"] == []
    gone = mistaken("holder", OFFICE, "--on", "2020-06-01", code=1)
    assert "no terms of Harbour Master are recorded" in gone.stderr

    mistaken("office", "term", OFFICE, "Dan Dory", "--from", "2020-01-01", "--to", "2021-01-01")
    assert mistaken.json("holder", OFFICE, "--on", "2020-06-01")["holder"] == "Dan Dory"
    now = mistaken.json("position", OFFICE, "--topic", "harbours", "--on", "2020-06-02")
    assert now["actor"] == "Dan Dory" and now["stance"] == "support"
    # as known before the withdrawal, the office still answers with the mistaken term
    then = mistaken.json("holder", OFFICE, "--on", "2020-06-01", "--known-at", before["known_at"])
    assert then["holder"] == "Carla Cod"
    old = mistaken.json("position", OFFICE, "--topic", "harbours", "--on", "2020-06-02", "--known-at", before["known_at"])
    assert old["actor"] == "Carla Cod" and old["stance"] == "oppose"
    assert mistaken.json("verify")["sound"]  # the read model equals a rebuild from the log with the withdrawal


def test_the_text_output_and_the_log_say_what_was_withdrawn(mistaken):
    said = mistaken("office", "term", OFFICE, "Carla Cod", "--from", "2020-01-01", "--withdraw", "--reason", "wrong holder")
    assert "Harbour Master: withdrew the term of Carla Cod from 2020-01-01 to 2021-01-01 (wrong holder)." in said.stdout
    assert "TermWithdrawn" in mistaken("log").stdout


@pytest.mark.parametrize(("args", "says"), [
    (["Carla Cod", "--from", "2019-01-01", "--withdraw", "--reason", "x"],
     "Harbour Master has no term of 'Carla Cod' from 2019-01-01; its terms: Carla Cod from 2020-01-01 to 2021-01-01"),
    (["Dan Dory", "--from", "2020-01-01", "--withdraw", "--reason", "x"], "has no term of 'Dan Dory' from 2020-01-01"),
    (["Nobody Known", "--from", "2020-01-01", "--withdraw", "--reason", "x"], "has no term of 'Nobody Known'"),
    (["Carla Cod", "--from", "2020-01-01", "--withdraw"], "--withdraw needs --reason"),
    (["Carla Cod", "--from", "2020-01-01", "--reason", "x"], "--reason goes with --withdraw"),
    (["Carla Cod", "--from", "2020-01-01", "--to", "2021-01-01", "--withdraw", "--reason", "x"], "--withdraw takes no --to"),
])
def test_an_unknown_term_or_a_wrong_option_is_refused_writing_nothing(mistaken, args, says):
    events = mistaken.event_count()
    result = mistaken("office", "term", OFFICE, *args, code=None)
    assert result.exit_code != 0
    assert says in result.stderr and "Traceback" not in result.stderr
    assert mistaken.event_count() == events


def test_an_unknown_office_and_a_term_withdrawn_twice_are_refused(mistaken):
    unknown = mistaken("office", "term", "Lighthouse Keeper", "Carla Cod", "--from", "2020-01-01", "--withdraw",
                       "--reason", "x", code=1)
    assert "unknown office 'Lighthouse Keeper'" in unknown.stderr
    mistaken("office", "term", OFFICE, "Carla Cod", "--from", "2020-01-01", "--withdraw", "--reason", "wrong holder")
    again = mistaken("office", "term", OFFICE, "Carla Cod", "--from", "2020-01-01", "--withdraw", "--reason", "x", code=1)
    assert "its terms: none" in again.stderr
