"""The one time model end to end: Ann's case, the time of a write's own event, and known-at exactness."""

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path


def add(cli, actor, topic, stance, on, rid, *extra):
    return cli("add", actor, "--topic", topic, "--kind", "statement", "--stance", stance, "--on", on,
               "--summary", f"summary of {rid}", "--id", rid, "--new-actor", "--new-topic", *extra)


def anns_case(cli):
    add(cli, "Ann", "tax", "support", "2024-03-10", "a1")
    add(cli, "Ann", "tax", "neutral", "2024-03", "a2")
    add(cli, "Ann", "tax", "oppose", "2024-06-01", "a3")


def test_anns_case_position_and_changes_agree(cli):
    anns_case(cli)
    answer = cli.json("position", "Ann", "--topic", "tax", "--on", "2024-05-31")
    assert answer["stance"] == "neutral" and answer["record"]["id"] == "a2"
    # a1 (10 March) lies inside a2's March: either may be the later, so a1 is listed, in words too.
    assert [r["id"] for r in answer["uncertain_order"]] == ["a1"] and answer["possibly"] == []
    human = cli("position", "Ann", "--topic", "tax", "--on", "2024-05-31").stdout
    assert "neutral" in human and "order uncertain" in human and "a1" in human
    assert "may in truth be the later one" in " ".join(human.split())

    changes = cli.json("changes", "Ann", "--topic", "tax")["changes"]
    assert [(c["date"], c["from"], c["to"], c["from_record_id"], c["record_id"], c["grade"], c["certain"])
            for c in changes] == [
        ("2024-03", "support", "neutral", "a1", "a2", "half", False),
        ("2024-06-01", "neutral", "oppose", "a2", "a3", "half", True),
    ]
    table = cli("changes", "Ann", "--topic", "tax").stdout
    assert "order uncertain" in table  # the uncertain change says so in words; only that one
    assert table.count("order uncertain") == 1

    # What changes imply agrees with position on each side of each step.
    expected = {"2024-03-09": None, "2024-03-10": "support", "2024-03-30": "support", "2024-03-31": "neutral",
                "2024-05-31": "neutral", "2024-06-01": "oppose", "2025-01-01": "oppose"}
    for day, stance in expected.items():
        assert cli.json("position", "Ann", "--topic", "tax", "--on", day)["stance"] == stance, day
    # Before the end of March only a1 is definite; a2 may still be ahead: listed as possibly.
    early = cli.json("position", "Ann", "--topic", "tax", "--on", "2024-03-15")
    assert early["stance"] == "support" and [r["id"] for r in early["possibly"]] == ["a2"]
    assert early["uncertain_order"] == []


def test_add_and_correct_report_the_time_of_their_own_event(cli):
    added = cli.json("add", "Ann", "--topic", "tax", "--kind", "statement", "--stance", "support",
                     "--on", "2024-03-10", "--summary", "first", "--id", "a1", "--new-actor", "--new-topic")
    corrected = cli.json("correct", "a1", "--stance", "oppose", "--reason", "misread")
    retracted = cli.json("retract", "a1", "--reason", "withdrawn")
    history = cli.json("history", "a1")
    assert [v["recorded_at"] for v in history] == [added["recorded_at"], corrected["recorded_at"], retracted["recorded_at"]]
    assert added["recorded_at"] < corrected["recorded_at"] < retracted["recorded_at"]
    assert corrected["stance"] == "oppose" and corrected["status"] == "corrected"
    # show keeps the record's creation time: that is when the record entered the log.
    shown = cli.json("show", "Ann", "--known-at", corrected["recorded_at"])["records"]
    assert shown[0]["recorded_at"] == added["recorded_at"] and shown[0]["stance"] == "oppose"


def test_a_time_without_fractions_includes_its_whole_second(cli):
    add(cli, "Ann", "tax", "support", "2024-03-10", "a1")
    corrected = cli.json("correct", "a1", "--stance", "oppose", "--reason", "misread")
    moment = datetime.fromisoformat(corrected["recorded_at"])
    whole_second = moment.replace(microsecond=0)
    # Until that second is over, its end is in the future, and a future known-at is refused.
    time.sleep(max(0.0, (whole_second + timedelta(seconds=1) - datetime.now(UTC)).total_seconds()) + 0.01)
    for text in (whole_second.strftime("%Y-%m-%dT%H:%M:%S"), whole_second.strftime("%Y-%m-%d %H:%M:%S")):
        answer = cli.json("position", "Ann", "--topic", "tax", "--on", "2024-12-31", "--known-at", text)
        assert answer["stance"] == "oppose", text
        assert answer["known_at"] == whole_second.strftime("%Y-%m-%dT%H:%M:%S") + ".999999+00:00"
    if moment.date() == datetime.now(UTC).date():  # a bare time is a time of today
        bare = cli.json("position", "Ann", "--topic", "tax", "--on", "2024-12-31", "--known-at", whole_second.strftime("%H:%M:%S"))
        assert bare["stance"] == "oppose"
    # With fractions, an instant: just before the correction, the record stood as first written.
    before = (moment - timedelta(microseconds=1)).isoformat()
    assert cli.json("position", "Ann", "--topic", "tax", "--on", "2024-12-31", "--known-at", before)["stance"] == "support"


def test_yesterday_is_the_end_of_yesterday_and_the_future_is_refused(cli, tmp_path):
    add(cli, "Ann", "tax", "support", "2024-03-10", "a1")
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    for answer in (cli.json("changes", "--known-at", "yesterday"), cli.json("stances", "--topic", "tax", "--known-at", "yesterday")):
        assert answer["known_at"] == f"{yesterday.isoformat()}T23:59:59.999999+00:00"
    assert answer["stances"] == []  # a1 was recorded today
    # Ann herself was not known yesterday: as known then, the name is unknown.
    assert "unknown actor" in cli("position", "Ann", "--topic", "tax", "--known-at", "yesterday", code=1).stderr
    count = cli.event_count()
    for text in ("tomorrow", "2999-01-01", "today", (datetime.now(UTC) + timedelta(hours=2)).isoformat()):
        for command in (["position", "Ann", "--topic", "tax"], ["show", "Ann"], ["changes", "Ann"], ["stances", "--topic", "tax"]):
            result = cli(*command, "--known-at", text, code=2)
            assert "future" in result.stderr and "Traceback" not in result.stderr, (text, result.stderr)
    assert cli.event_count() == count


def test_a_future_known_at_on_no_store_creates_nothing(tmp_path):
    from tests.conftest import Cli

    db = tmp_path / "nothing" / "t.sqlite"
    result = Cli(db)("position", "Ann", "--known-at", "2999-01-01", code=2)
    assert "future" in result.stderr
    assert not db.parent.exists() and not (Path.cwd() / "db").exists()


def test_replaying_an_answer_with_its_known_at_gives_the_same_bytes(cli):
    anns_case(cli)
    add(cli, "Bo", "tax", "oppose", "2024-34", "b1")  # the second quarter
    asked = {
        "position": ["position", "Ann", "--topic", "tax", "--on", "2024-05-31"],
        "position, every topic": ["position", "Ann", "--on", "2024-05-31"],
        "show": ["show", "Ann", "--topic", "tax"],
        "changes": ["changes", "Ann", "--topic", "tax"],
        "changes, everyone": ["changes", "--topic", "tax"],
        "stances": ["stances", "--topic", "tax", "--on", "2024-06-30"],
    }
    first = {name: cli(*args, "--json").stdout for name, args in asked.items()}
    # The log moves on: a correction, a retraction, a new record and a new actor.
    cli("correct", "a2", "--on", "2024-04", "--reason", "the interview was in April")
    cli("retract", "a3", "--reason", "misattributed")
    add(cli, "Ann", "tax", "mixed", "2024-05", "a4")
    cli("actor", "alias", "Ann", "--add", "Annie")
    for name, args in asked.items():
        stamp = json.loads(first[name])["known_at"]
        assert cli(*args, "--known-at", stamp, "--json").stdout == first[name], name
        assert cli(*args, "--json").stdout != first[name], name  # the answer now is different



def test_md_and_html_exports_say_when_a_change_is_not_certain(cli):
    """A change whose two records share days was presented as a definite U-turn by md and html."""
    base = ["--topic", "tax", "--kind", "statement", "--new-actor", "--new-topic"]
    cli("add", "Ann", *base, "--stance", "support", "--on", "2024-03-10", "--summary", "a1", "--id", "a1")
    cli("add", "Ann", *base, "--stance", "oppose", "--on", "2024-03", "--summary", "a2", "--id", "a2")
    (change,) = cli.json("changes", "Ann")["changes"]
    assert change["certain"] is False
    assert "order uncertain" in cli("export", "--format", "md").stdout
    page = cli("export", "--format", "html").stdout
    assert '"certain":false' in page and "order uncertain" in page


def test_a_date_that_is_not_one_day_is_echoed_with_its_period(seeded):
    """`--on 2024-05` answers for 31 May: stderr says which period the date was read as."""
    result = seeded("position", "Keir Starmer", "--topic", "rwanda-scheme", "--on", "2024-05", "--json")
    assert "Date: 2024-05 (2024-05-01 to 2024-05-31)" in result.stderr
    assert json.loads(result.stdout)["on"] == "2024-05-31"
    assert seeded("position", "Keir Starmer", "--topic", "rwanda-scheme", "--on", "2024-05-03", "--json").stderr == ""


def test_a_qualified_day_is_echoed_so_the_qualifier_is_not_dropped_silently(seeded):
    asked = ("position", "Keir Starmer", "--topic", "rwanda-scheme", "--json")
    result = seeded(*asked, "--on", "2024-08-01?")
    assert "Date: 2024-08-01? (uncertain); the qualifier does not change which day is asked about" in result.stderr
    assert json.loads(result.stdout)["stance"] == json.loads(seeded(*asked, "--on", "2024-08-01").stdout)["stance"]


def test_an_open_ended_on_is_refused_by_every_question(seeded):
    """`stances --on 2024/..` once passed no day at all to the query; every question says it plainly."""
    for question in (["stances", "--topic", "offshoring"], ["position", "Keir Starmer"]):
        result = seeded(*question, "--on", "2024/..", code=2)
        assert "has no last day" in result.stderr
