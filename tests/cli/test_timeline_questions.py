"""Held-out style checks: real timeline questions with exact answers, mixed-precision cases, and
every natural-language phrase the issue named, all through the CLI.

The records are public facts (dates as precise as the public record we wrote them from, sometimes
deliberately less: a year or a month), each with the stance it expresses on the topic. The answers
follow from DESIGN §3 by hand; none of them was read off the program.
"""

import json

import pytest

# (id, actor, topic, stance, date)
FACTS = [
    # Same-sex marriage
    ("obama-2008", "Barack Obama", "same-sex-marriage", "oppose", "2008"),  # "between a man and a woman", 2008 campaign
    ("obama-evolving", "Barack Obama", "same-sex-marriage", "neutral", "2010-12"),  # "my feelings are constantly evolving"
    ("obama-2012", "Barack Obama", "same-sex-marriage", "support", "2012-05-09"),  # ABC News interview
    ("biden-2012", "Joe Biden", "same-sex-marriage", "support", "2012-05-06"),  # Meet the Press
    ("clinton-2013", "Hillary Clinton", "same-sex-marriage", "support", "2013-03-18"),  # HRC video
    # Brexit (support = leave)
    ("cameron-remain", "David Cameron", "brexit", "oppose", "2016-02-20"),  # referendum date announced, for Remain
    ("johnson-leave", "Boris Johnson", "brexit", "support", "2016-02-21"),  # declares for Leave
    ("may-remain", "Theresa May", "brexit", "oppose", "2016-04-25"),  # Remain speech
    ("may-lancaster-house", "Theresa May", "brexit", "support", "2017-01-17"),  # Lancaster House speech
    ("corbyn-remain", "Jeremy Corbyn", "brexit", "oppose", "2016"),  # campaigned for Remain
    # Nuclear power in Germany
    ("merkel-extension", "Angela Merkel", "nuclear-power", "support", "2010-10"),  # lifetime extension passed
    ("merkel-moratorium", "Angela Merkel", "nuclear-power", "neutral", "2011-03-14"),  # moratorium after Fukushima
    ("merkel-phase-out", "Angela Merkel", "nuclear-power", "oppose", "2011-05"),  # phase-out by 2022 agreed
    # Paris agreement
    ("trump-campaign", "Donald Trump", "paris-agreement", "oppose", "2016"),  # would "cancel" it
    ("obama-hangzhou", "Barack Obama", "paris-agreement", "support", "2016-09-03"),  # joins with China
    ("trump-withdraws", "Donald Trump", "paris-agreement", "oppose", "2017-06-01"),  # Rose Garden announcement
    ("biden-rejoins", "Joe Biden", "paris-agreement", "support", "2021-01-20"),  # first day in office
    ("trump-withdraws-again", "Donald Trump", "paris-agreement", "oppose", "2025-01-20"),
    # Trans-Pacific Partnership
    ("clinton-gold-standard", "Hillary Clinton", "tpp", "support", "2012-11"),  # "the gold standard", Adelaide
    ("clinton-against-tpp", "Hillary Clinton", "tpp", "oppose", "2015-10-07"),  # PBS interview
    ("trump-leaves-tpp", "Donald Trump", "tpp", "oppose", "2017-01-23"),  # withdrawal memorandum
    # Rwanda scheme
    ("johnson-rwanda", "Boris Johnson", "rwanda-scheme", "support", "2022-04-14"),  # announced in Kent
    ("sunak-rwanda", "Rishi Sunak", "rwanda-scheme", "support", "2023"),  # "stop the boats"
    ("starmer-scraps-rwanda", "Keir Starmer", "rwanda-scheme", "oppose", "2024-07-06"),  # "dead and buried"
]

# (actor, topic, day) -> (stance, deciding record, possibly)
POSITIONS = [
    ("Barack Obama", "same-sex-marriage", "2007-06-01", None, None, []),
    ("Barack Obama", "same-sex-marriage", "2008-06-30", None, None, ["obama-2008"]),
    ("Barack Obama", "same-sex-marriage", "2008-12-31", "oppose", "obama-2008", []),
    ("Barack Obama", "same-sex-marriage", "2010-12-15", "oppose", "obama-2008", ["obama-evolving"]),
    ("Barack Obama", "same-sex-marriage", "2011-01-01", "neutral", "obama-evolving", []),
    ("Barack Obama", "same-sex-marriage", "2012-05-08", "neutral", "obama-evolving", []),
    ("Barack Obama", "same-sex-marriage", "2012-05-09", "support", "obama-2012", []),
    ("Joe Biden", "same-sex-marriage", "2012-05-06", "support", "biden-2012", []),
    ("Hillary Clinton", "same-sex-marriage", "2013-03-17", None, None, []),
    ("David Cameron", "brexit", "2016-06-23", "oppose", "cameron-remain", []),
    ("Boris Johnson", "brexit", "2016-02-20", None, None, []),
    ("Theresa May", "brexit", "2016-06-23", "oppose", "may-remain", []),
    ("Theresa May", "brexit", "2017-01-16", "oppose", "may-remain", []),
    ("Theresa May", "brexit", "2017-01-17", "support", "may-lancaster-house", []),
    ("Jeremy Corbyn", "brexit", "2016-06-23", None, None, ["corbyn-remain"]),
    ("Jeremy Corbyn", "brexit", "2017-01-01", "oppose", "corbyn-remain", []),
    ("Angela Merkel", "nuclear-power", "2010-10-15", None, None, ["merkel-extension"]),
    ("Angela Merkel", "nuclear-power", "2010-11-01", "support", "merkel-extension", []),
    ("Angela Merkel", "nuclear-power", "2011-03-14", "neutral", "merkel-moratorium", []),
    ("Angela Merkel", "nuclear-power", "2011-05-20", "neutral", "merkel-moratorium", ["merkel-phase-out"]),
    ("Angela Merkel", "nuclear-power", "2011-06-01", "oppose", "merkel-phase-out", []),
    ("Donald Trump", "paris-agreement", "2016-11-08", None, None, ["trump-campaign"]),
    ("Donald Trump", "paris-agreement", "2017-06-01", "oppose", "trump-withdraws", []),
    ("Donald Trump", "paris-agreement", "2025-01-20", "oppose", "trump-withdraws-again", []),
    ("Joe Biden", "paris-agreement", "2021-01-19", None, None, []),
    ("Hillary Clinton", "tpp", "2012-12-01", "support", "clinton-gold-standard", []),
    ("Hillary Clinton", "tpp", "2015-10-06", "support", "clinton-gold-standard", []),
    ("Hillary Clinton", "tpp", "2015-10-07", "oppose", "clinton-against-tpp", []),
    ("Keir Starmer", "rwanda-scheme", "2024-07-05", None, None, []),
    ("Rishi Sunak", "rwanda-scheme", "2024-01-01", "support", "sunak-rwanda", []),
    ("Rishi Sunak", "rwanda-scheme", "2023-06-30", None, None, ["sunak-rwanda"]),
]

# (actor, topic) -> [(date, from, to, from_record_id, record_id, grade, certain)]
CHANGES = [
    ("Barack Obama", "same-sex-marriage", [
        ("2010-12", "oppose", "neutral", "obama-2008", "obama-evolving", "half", True),
        ("2012-05-09", "neutral", "support", "obama-evolving", "obama-2012", "half", True)]),
    ("Theresa May", "brexit", [("2017-01-17", "oppose", "support", "may-remain", "may-lancaster-house", "full", True)]),
    ("Angela Merkel", "nuclear-power", [
        ("2011-03-14", "support", "neutral", "merkel-extension", "merkel-moratorium", "half", True),
        ("2011-05", "neutral", "oppose", "merkel-moratorium", "merkel-phase-out", "half", True)]),
    ("Hillary Clinton", "tpp", [("2015-10-07", "support", "oppose", "clinton-gold-standard", "clinton-against-tpp", "full", True)]),
    ("Donald Trump", "paris-agreement", []),
    ("Jeremy Corbyn", "brexit", []),
]


@pytest.fixture
def facts(cli):
    lines = [{"id": rid, "actor": actor, "topic": topic, "kind": "statement", "stance": stance, "date": on,
              "summary": rid} for rid, actor, topic, stance, on in FACTS]
    cli("import", "-", input="\n".join(json.dumps(line) for line in lines) + "\n")
    return cli


def test_thirty_one_position_questions(facts):
    assert len(POSITIONS) >= 30
    for actor, topic, day, stance, record, possibly in POSITIONS:
        answer = facts.json("position", actor, "--topic", topic, "--on", day)
        got = (answer["stance"], answer["record"]["id"] if answer["record"] else None, [r["id"] for r in answer["possibly"]])
        assert got == (stance, record, possibly), (actor, topic, day)
        assert answer["uncertain_order"] == []  # these facts are all in a clear order


def test_changes_questions(facts):
    for actor, topic, expected in CHANGES:
        got = facts.json("changes", actor, "--topic", topic)["changes"]
        assert [(c["date"], c["from"], c["to"], c["from_record_id"], c["record_id"], c["grade"], c["certain"])
                for c in got] == expected, actor
    # Across actors: who stood where on the Paris agreement the day after the Rose Garden speech.
    stances = facts.json("stances", "--topic", "paris-agreement", "--on", "2017-06-02")["stances"]
    assert {(s["actor"], s["stance"]) for s in stances} == {("Barack Obama", "support"), ("Donald Trump", "oppose")}


# -- mixed precision ---------------------------------------------------------------------------


def add(cli, actor, topic, stance, on, rid):
    cli("add", actor, "--topic", topic, "--kind", "statement", "--stance", stance, "--on", on,
        "--summary", rid, "--id", rid, "--new-actor", "--new-topic")


def position(cli, actor, topic, day):
    answer = cli.json("position", actor, "--topic", topic, "--on", day)
    return (answer["stance"], answer["record"] and answer["record"]["id"],
            [r["id"] for r in answer["possibly"]], [r["id"] for r in answer["uncertain_order"]])


def steps(cli, actor, topic):
    return [(c["from_record_id"], c["record_id"], c["certain"]) for c in cli.json("changes", actor, "--topic", topic)["changes"]]


def test_a_month_inside_its_quarter(cli):
    add(cli, "Kim", "levy", "support", "2024-05", "may")
    add(cli, "Kim", "levy", "oppose", "2024-34", "q2")  # April to June
    assert position(cli, "Kim", "levy", "2024-05-31") == ("support", "may", ["q2"], [])
    assert position(cli, "Kim", "levy", "2024-06-30") == ("oppose", "q2", [], ["may"])
    assert steps(cli, "Kim", "levy") == [("may", "q2", False)]


def test_open_ends(cli):
    add(cli, "Kim", "levy", "support", "../2024-06", "until-june")
    add(cli, "Kim", "levy", "oppose", "2024-07/..", "from-july")
    # An open end never definitely happened: on any day the open-ended record is only possible.
    assert position(cli, "Kim", "levy", "2024-06-30") == ("support", "until-june", [], [])
    assert position(cli, "Kim", "levy", "2040-01-01") == ("support", "until-june", ["from-july"], [])
    assert position(cli, "Kim", "levy", "1990-01-01") == (None, None, ["until-june"], [])
    # The change is a step of position order all the same; dated by its open text, it is never in force
    # on a day, just as position never counts the open-ended record as definite.
    assert steps(cli, "Kim", "levy") == [("until-june", "from-july", True)]
    # The human answers say so, so that nobody reads the last step as the stance now.
    assert "in force on no day" in " ".join(cli("changes", "Kim", "--topic", "levy").stdout.split())
    assert "it is in force on no day" in cli("export", "--format", "md").stdout


def test_a_winter_across_new_year_and_a_qualified_month(cli):
    add(cli, "Kim", "levy", "support", "2023-24", "winter")  # December 2023 to February 2024
    add(cli, "Kim", "levy", "oppose", "2024-01-15", "january")
    add(cli, "Kim", "levy", "mixed", "2024-03~", "about-march")  # approximate: still March exactly
    assert position(cli, "Kim", "levy", "2024-01-31") == ("oppose", "january", ["winter"], [])
    assert position(cli, "Kim", "levy", "2024-02-29") == ("support", "winter", [], ["january"])
    assert position(cli, "Kim", "levy", "2024-03-30") == ("support", "winter", ["about-march"], ["january"])
    assert position(cli, "Kim", "levy", "2024-03-31") == ("mixed", "about-march", [], [])
    assert steps(cli, "Kim", "levy") == [("january", "winter", False), ("winter", "about-march", True)]


def test_a_year_against_days_in_it(cli):
    add(cli, "Kim", "levy", "oppose", "2024-02-01", "feb")
    add(cli, "Kim", "levy", "support", "2024", "year")
    add(cli, "Kim", "levy", "oppose", "2024-12-31", "new-year-eve")  # same end as the year: recorded later
    assert position(cli, "Kim", "levy", "2024-12-31") == ("oppose", "new-year-eve", [], ["year"])
    assert steps(cli, "Kim", "levy") == [("feb", "year", False), ("year", "new-year-eve", False)]


# -- phrases (issue 12, item 2) through the CLI --------------------------------------------------

PHRASES = [
    ("Q2 2024", "2024-34", "2024-04-01", "2024-06-30"),
    ("1990s", "199X", "1990-01-01", "1999-12-31"),
    ("the 1990s", "199X", "1990-01-01", "1999-12-31"),
    ("May '24", "2024-05", "2024-05-01", "2024-05-31"),
    ("two weeks ago", "2025-04-28/2025-05-04", "2025-04-28", "2025-05-04"),
    ("early 2024", "2024-37", "2024-01-01", "2024-04-30"),
    ("mid-2024", "2024-38", "2024-05-01", "2024-08-31"),
    ("late 2024", "2024-39", "2024-09-01", "2024-12-31"),
    ("spring 2024", "2024-21", "2024-03-01", "2024-05-31"),
    ("late May 2024", "2024-05-21/2024-05-31", "2024-05-21", "2024-05-31"),
    ("end of 2024", "2024-39", "2024-09-01", "2024-12-31"),
    ("before July 2024", "../2024-06", None, "2024-06-30"),
    ("after 2020", "2021/..", "2021-01-01", None),
    ("between March and June 2024", "2024-03/2024-06", "2024-03-01", "2024-06-30"),
    ("H1 2024", "2024-40", "2024-01-01", "2024-06-30"),
]


def test_every_phrase_of_the_issue_through_add_and_show(cli):
    for n, (phrase, edtf, start, end) in enumerate(PHRASES):
        result = cli("add", "Kim", "--topic", "levy", "--kind", "statement", "--stance", "support", "--on", phrase,
                     "--relative-to", "2025-05-16", "--summary", phrase, "--id", f"p{n}", "--new-actor", "--new-topic")
        assert edtf in result.stderr  # echoed back with its EDTF reading
    records = {r["id"]: r for r in cli.json("show", "Kim")["records"]}
    for n, (phrase, edtf, start, end) in enumerate(PHRASES):
        assert (records[f"p{n}"]["date"], records[f"p{n}"]["period"]) == (edtf, {"start": start, "end": end}), phrase


def test_a_phrase_that_cannot_be_honest_is_refused_with_a_hint(cli):
    for phrase in ("winter 2024", "around spring 2024", "noon"):
        result = cli("add", "Kim", "--topic", "levy", "--kind", "statement", "--stance", "support", "--on", phrase,
                     "--relative-to", "2025-05-16", "--summary", "x", "--new-actor", "--new-topic", code=2)
        assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, phrase
    assert cli.event_count() == 0


def test_friday_means_the_same_to_add_and_to_extract(cli, tmp_path):
    cli("add", "Keir Starmer", "--topic", "return-hubs", "--kind", "statement", "--stance", "support", "--on", "Friday",
        "--relative-to", "2025-05-16", "--summary", "on Friday", "--id", "friday", "--new-actor", "--new-topic")
    article = tmp_path / "article.txt"
    article.write_text("Prime Minister Keir Starmer said on Friday that he supports return hubs in the Balkans.\n")
    lines = [json.loads(line) for line in cli("extract", str(article), "--published", "2025-05-16", "--format", "jsonl").stdout.splitlines()]
    assert [line["date"] for line in lines] == ["2025-05-16"]
    assert cli.json("show", "Keir Starmer")["records"][0]["date"] == "2025-05-16"
    # The day before publication (a Thursday), both read 'Friday' as the Friday before.
    cli("add", "Keir Starmer", "--topic", "return-hubs", "--kind", "statement", "--stance", "support", "--on", "Friday",
        "--relative-to", "2025-05-15", "--summary", "on Friday", "--id", "friday-before")
    lines = [json.loads(line) for line in cli("extract", str(article), "--published", "2025-05-15", "--format", "jsonl").stdout.splitlines()]
    assert [line["date"] for line in lines] == ["2025-05-09"]
    assert {r["id"]: r["date"] for r in cli.json("show", "Keir Starmer")["records"]}["friday-before"] == "2025-05-09"
