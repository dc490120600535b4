"""`stances` after the fifth pass gives the answers of the plain algorithm.

The fifth pass changed how a `stances` call reads the read model, not what it answers: who has
records on a topic is found by skipping from actor to actor in the topic index (falling back to
reading the topic's entries when it has many actors); the records straddling the day are read on
whichever side of the day looks shorter; the order-uncertain neighbours leave the chosen record out
by its seq. Here `stances` is compared, on an imported store with every kind of date precision
(days, months, years, seasons, qualified dates, closed and open intervals), sub-topics of inverse
polarity, retractions and a merged duplicate, with the plain algorithm: every actor with a record on
the topic begun by the day (one DISTINCT over the records), each asked `position_at` alone.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from timeline import queries
from timeline.cli import app
from timeline.queries import across, manypositions
from timeline.queries.names import subtree
from timeline.tracker import Tracker

ACTORS = [f"Actor {chr(65 + i)}" for i in range(14)]
TOPICS = ["t", "sub", "inv", "other"]
EDTF = ["2019?", "2020-05~", "2018-21", "2019-24", "2021-04-01/2021-06-30", "2019-11/2020-02", "2020-07/",
        "../2018-06", "2017-XX", "201X"]


def precise(rng: random.Random) -> str:
    year, month, day = rng.randint(2016, 2022), rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.6:
        return f"{year}-{month:02d}-{day:02d}"
    if roll < 0.8:
        return f"{year}-{month:02d}"
    if roll < 0.9:
        return f"{year}"
    return rng.choice(EDTF)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stances")
    path = str(folder / "s.sqlite")
    rng = random.Random(17)
    lines = [{"id": f"r{i}", "actor": rng.choice(ACTORS), "topic": rng.choice(TOPICS), "kind": "statement",
              "stance": rng.choice(["support", "oppose", "neutral", "mixed"]), "date": precise(rng),
              "summary": f"record {i}"} for i in range(1500)]
    # Ties: several records of one actor on one day, and on one month.
    lines += [{"id": f"tie{i}", "actor": "Actor A", "topic": "t", "kind": "statement",
               "stance": ["support", "oppose"][i % 2], "date": "2019-06-15" if i < 3 else "2019-06",
               "summary": f"tie {i}"} for i in range(6)]
    # An actor whose only records on "other" are retracted: not among the actors of "other".
    lines += [{"id": f"rr{i}", "actor": "Actor R", "topic": ["other", "other", "t"][i], "kind": "statement",
               "stance": "support", "date": "2018-03-0" + str(i + 1), "summary": f"retracted {i}"} for i in range(3)]
    source = folder / "records.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    line = Tracker(path)
    try:
        line.add_topic("t")
        line.add_topic("sub", parent="t")
        line.add_topic("inv", parent="sub", inverse=True)
        line.add_topic("other")
    finally:
        line.close()
    result = CliRunner().invoke(app, ["--db", path, "import", str(source)])
    assert result.exit_code == 0, result.output
    line = Tracker(path)
    for rid in [*(f"r{i}" for i in rng.sample(range(1500), 60)), "rr0", "rr1"]:
        line.retract(rid, "withdrawn")
    line.merge_actor("Actor N", "Actor M", "the same person")
    yield line
    line.close()


def plain_stances(conn, topic: str, on: date) -> list[dict]:
    """What `stances` lists, by the plain algorithm."""
    topics = subtree(conn, topic)
    uuids = [row[0] for row in conn.execute(
        f"SELECT DISTINCT actor_uuid FROM records WHERE status != 'retracted' AND topic IN ({','.join('?' * len(topics))}) "
        "AND start <= ?", [*topics, on.isoformat()])]
    found = []
    for ref in across.refs_at(conn, uuids, None):
        answer = queries.position_at(conn, ref, topic, on)
        if answer["record"] is None and not answer["possibly"]:
            continue
        found.append({"actor": ref.name, "stance": answer["stance"], "record": answer["record"],
                      "possibly": answer["possibly"], "uncertain_order": answer.get("uncertain_order", []),
                      "flipped": bool(answer.get("flipped"))})
    found.sort(key=lambda item: across.STANCE_ORDER.get(item["stance"], 5))
    return found


def days() -> list[date]:
    rng = random.Random(3)
    fixed = [date(2015, 1, 1), date(2016, 1, 1), date(2018, 6, 30), date(2019, 6, 15), date(2019, 6, 30),
             date(2020, 2, 29), date(2020, 7, 1), date(2021, 5, 1), date(2022, 12, 31), date(2030, 1, 1)]
    return fixed + [date(2016, 1, 1) + timedelta(days=rng.randint(0, 2600)) for _ in range(14)]


@pytest.mark.parametrize("skip", [1, 10_000])  # actors found by skipping, or by reading the topic
@pytest.mark.parametrize("side", ["counted", "later", "begun"])
def test_stances_equal_the_plain_algorithm(store, monkeypatch, side, skip):
    monkeypatch.setattr(across, "SKIP_SCAN_MIN_RECORDS", skip)
    if side != "counted":  # either side of the day must give the same straddling records, in order
        monkeypatch.setattr(manypositions, "_later_is_shorter", lambda *args: side == "later")
    conn = store.reader()
    listed = 0
    for topic in TOPICS:
        for day in days():
            answer = queries.stances(conn, topic, day)
            assert answer["stances"] == plain_stances(conn, topic, day), (topic, day)
            listed += len(answer["stances"])
    assert listed > 500  # the store answers with something on most days


def test_the_store_has_what_the_comparison_needs(store):
    conn = store.reader()
    answers = [queries.stances(conn, topic, day) for topic in ("t", "sub") for day in days()]
    items = [item for answer in answers for item in answer["stances"]]
    assert any(item["possibly"] for item in items) and any(item["uncertain_order"] for item in items)
    assert any(item["flipped"] for item in items)
    precisions = {row[0] for row in conn.execute("SELECT DISTINCT precision FROM records")}
    assert len(precisions) >= 4, precisions
    merged = queries.resolve_actor(conn, "Actor M")
    assert len(merged.members) == 2


@pytest.mark.parametrize("topic", TOPICS)
def test_actors_on_by_skipping_equals_reading_the_topic(store, monkeypatch, topic):
    monkeypatch.setattr(across, "SKIP_SCAN_MIN_RECORDS", 1)  # this store has ≈ 27 records an actor and topic
    conn = store.reader()
    for by in [None, *days()]:
        skipped = across.actors_on(conn, topic, by=by)
        assert across._topic_actors(conn, subtree(conn, topic), by) is not None  # the skip was taken
        with monkeypatch.context() as patch:
            patch.setattr(across, "SKIP_SCAN_PAIRS", 0)  # more pairs than that: the entries are read
            assert across._topic_actors(conn, subtree(conn, topic), by) is None
            assert across.actors_on(conn, topic, by=by) == skipped, (topic, by)
    names = [ref.name for ref in across.actors_on(conn, topic, by=date(2018, 3, 5))]
    assert ("Actor R" in names) == (topic == "t")


def test_the_shorter_side_is_counted_on_the_first_actor(store):
    conn = store.reader()
    actor = conn.execute("SELECT uuid FROM actors WHERE name = 'Actor A'").fetchone()[0]
    assert manypositions._later_is_shorter(conn, actor, ["t"], "2025-01-01")  # every record ended by then
    assert not manypositions._later_is_shorter(conn, actor, ["t"], "2010-01-01")  # none begun by then
    assert manypositions._later_is_shorter(conn, None, ["t"], "2010-01-01")  # no actor: either will do


def test_topics_of_few_records_an_actor_are_read_whole(store, monkeypatch):
    conn = store.reader()
    monkeypatch.setattr(across, "SKIP_SCAN_MIN_RECORDS", 10_000)
    assert across._topic_actors(conn, ["t"], None) is None
    assert across._topic_actors(conn, ["nothing-here"], None) is None  # no actor: nothing to skip to
    monkeypatch.setattr(across, "SKIP_SCAN_MIN_RECORDS", 1)
    assert across._topic_actors(conn, ["t"], None)
