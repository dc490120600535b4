"""Replaying an answer with the known_at it printed gives the same answer, whatever identity events
(aliases, renames, merges, kind, tree moves, polarity, office terms) and records came after: for
position, show, changes (one actor's and every actor's), stances and the json and md exports."""

import json
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.dates import PartialDate
from timeline import queries
from timeline.errors import TimelineError
from timeline.exporting import export
from timeline.tracker import Tracker

NAMES = ["Ann Able", "Bob Brown", "Cy Cole"]
ALIASES = ["the chair", "AA", "the boss"]
TOPICS = ["energy", "nuclear", "phaseout"]
QUESTIONS = ["Ann Able", "Bob Brown", "Cy Cole", "the chair", "AA", "the boss", "the Mayor", "Dee Dunn"]
DAY = date(2024, 6, 1)
EXPORTED = datetime(2030, 1, 1, tzinfo=UTC)

step = st.one_of(
    st.tuples(st.just("record"), st.sampled_from(NAMES), st.sampled_from(TOPICS), st.sampled_from(["support", "oppose"]),
              st.sampled_from(["2023", "2024-03", "2024-05-01", "2024-07"])),
    st.tuples(st.just("alias"), st.sampled_from(NAMES), st.sampled_from(ALIASES), st.booleans()),
    st.tuples(st.just("rename"), st.sampled_from(NAMES), st.sampled_from(["Dee Dunn", "Ann Able"])),
    st.tuples(st.just("merge"), st.sampled_from(NAMES), st.sampled_from(NAMES)),
    st.tuples(st.just("move"), st.sampled_from(TOPICS[1:]), st.sampled_from(TOPICS), st.booleans()),
    st.tuples(st.just("term"), st.sampled_from(NAMES), st.sampled_from(["2020", "2024-01-01", "2024-06-01"]),
              st.sampled_from([None, "2024-06-01", "2025"])),
)


def apply(tracker: Tracker, action: tuple) -> None:
    kind, *args = action
    try:
        if kind == "record":
            actor, topic, stance, when = args
            tracker.add_record(actor=actor, topic=topic, kind="statement", stance=stance, date=PartialDate.parse(when),
                               summary="x", new_actor=True, new_topic=True)
        elif kind == "alias":
            actor, alias, add = args
            tracker.change_aliases(actor, add=[alias] if add else [], remove=[] if add else [alias])
        elif kind == "rename":
            tracker.rename_actor(*args)
        elif kind == "merge":
            tracker.merge_actor(args[0], args[1], "same")
        elif kind == "move":
            slug, parent, inverse = args
            for topic in (slug, parent):
                tracker.add_topic(topic)
            tracker.add_topic(slug, parent=parent, inverse=inverse)
        elif kind == "term":
            actor, start, end = args
            tracker.add_office("Mayor", aliases=["the Mayor"])
            tracker.record_term("Mayor", actor, PartialDate.parse(start), PartialDate.parse(end) if end else None, new_actor=True)
    except TimelineError:
        pass  # refused commands write nothing: part of the interleaving too


def answers(tracker: Tracker, known_at: datetime | None) -> str:
    conn = tracker.reader()
    found = {}
    for text in QUESTIONS:
        try:
            who = queries.resolve_actor(conn, text, on=DAY, known_at=known_at)
            found[text] = [queries.position(conn, who, DAY, topic=t, known_at=known_at) for t in TOPICS
                           if queries.topic_exists(conn, t, known_at=known_at)]
            found[text + " changes"] = queries.changes(conn, who, topic="energy", known_at=known_at) if queries.topic_exists(conn, "energy", known_at=known_at) else []
            found[text + " show"] = queries.show_answer(conn, who, known_at=known_at)
            found[text + " changes all"] = queries.changes_answer(conn, who, known_at=known_at)
        except TimelineError as error:
            found[text] = str(error)
    for topic in TOPICS:
        if queries.topic_exists(conn, topic, known_at=known_at):
            found[topic + " stances"] = queries.stances(conn, topic, DAY, known_at=known_at)
            found[topic + " changes across"] = queries.changes_answer(conn, None, topic=topic, known_at=known_at)
    found["export"] = export(conn, "json", known_at=known_at, now=EXPORTED)
    found["export md"] = export(conn, "md", known_at=known_at, now=EXPORTED)
    return json.dumps(found, sort_keys=True)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=st.lists(step, max_size=8), after=st.lists(step, min_size=1, max_size=6))
def test_replaying_with_the_printed_known_at_gives_the_same_answer(before, after):
    with tempfile.TemporaryDirectory() as folder:
        tracker = Tracker(str(Path(folder) / "t.sqlite"))
        try:
            tracker.add_topic("energy")
            for action in before:
                apply(tracker, action)
            stamp = queries.position(tracker.reader(), queries.ActorRef("x", "x", "person"), DAY)["known_at"]
            moment = datetime.fromisoformat(stamp)
            first = answers(tracker, moment)
            for action in after:
                apply(tracker, action)
            assert answers(tracker, moment) == first
        finally:
            tracker.close()
