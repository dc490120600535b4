"""The write path's shortcuts against the library's own path and the full checks, on the same data:
the lean SQLite writer (timeline.store.bulksqlite) against the library's `EventStore.put`, the
common-shape validation against the full one, the spool's tuples against the lines, and the JSON
reader against `json.loads`."""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events.actors import Actor
from events.dates import PartialDate
from events.records import Record
from events.topics import Topic
from tests.conftest import library_events, postgres_event_rows
from timeline.importing.rows import loads
from timeline.importing.validate import Spool, _checked_line, _common_line, spool
from timeline.store import open_store
from timeline.store.bulksqlite import put

KINDS = ("statement", "decision", "proposal", "refusal", "reversal", "ruling", "agreement", "criticism")


def some_events(start: int, count: int) -> list:
    """Creation events of every kind, actors and topics, and an aggregate's later events."""
    actor = Actor.register(f"Actor {start}")
    topic = Topic.register(f"topic-{start}")
    made = [
        Record.made_event(record_id=f"r-{start + i}", actor_id=actor.id, fields={
            "topic": topic.slug, "kind": KINDS[i % 8], "stance": ("support", "oppose", "neutral", "mixed")[i % 4],
            "date": PartialDate.parse(("2024-05-16", "2024-05", "2024", "../2024-06", "2024-21", "199X")[i % 6]),
            "summary": f"Said \"{i}\" \u2014 Orbán\u2019s \\ line\n", "quote": None if i % 3 else "a quote",
            "source": None, "source_url": "https://example.org/x" if i % 2 else None,
            "extra": {} if i % 5 else {"note": "kept", "n": i}, "responds_to": f"r-{start}" if i % 7 == 6 else None,
        })
        for i in range(count)
    ]
    record = Record.make(record_id=f"corrected-{start}", actor_id=actor.id, topic=topic.slug, kind="statement",
                         stance="support", date=PartialDate.parse("2020"), summary="first", quote=None, source=None,
                         source_url=None, extra={}, responds_to=None)
    record.correct({"stance": "oppose"}, "misread")
    record.retract("wrong actor")
    return [*actor.collect_events(), *topic.collect_events(), *made, *record.collect_events()]


def rows_of(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT rowid, * FROM stored_events ORDER BY rowid").fetchall()
    finally:
        conn.close()


def test_the_lean_writer_stores_what_the_library_stores(tmp_path):
    """Same rows (bytes included), same notification ids returned, in order, batch after batch."""
    batches = [some_events(0, 3), some_events(100, 250), some_events(1000, 1)]
    apps = {name: open_store(str(tmp_path / f"{name}.sqlite"), create=True) for name in ("lean", "library")}
    try:
        for events in batches:
            lean = put(apps["lean"], events)
            library = apps["library"].events.put(events)
            assert [r.notification.id for r in lean] == [r.notification.id for r in library]
            for mine, theirs in zip(lean, library, strict=True):
                assert mine.domain_event is theirs.domain_event
                for field in ("id", "originator_id", "originator_version", "topic", "state"):
                    assert getattr(mine.notification, field) == getattr(theirs.notification, field)
    finally:
        for app in apps.values():
            app.close()
    lean, library = rows_of(tmp_path / "lean.sqlite"), rows_of(tmp_path / "library.sqlite")
    assert lean == library and len(lean) == sum(map(len, batches))


def test_the_lean_writer_refuses_a_clash_as_the_library_does(tmp_path):
    """An event already stored fails the whole batch with the library's IntegrityError; nothing lands."""
    from eventsourcing.persistence import IntegrityError

    first = some_events(0, 10)
    for name, save in (("lean", put), ("library", lambda app, events: app.events.put(events))):
        app = open_store(str(tmp_path / f"{name}.sqlite"), create=True)
        try:
            save(app, first)
            with pytest.raises(IntegrityError):
                save(app, [*some_events(500, 20), first[5]])
            assert app.recorder.max_notification_id() == len(first)
        finally:
            app.close()
    assert rows_of(tmp_path / "lean.sqlite") == rows_of(tmp_path / "library.sqlite")


def test_a_store_the_lean_writer_filled_reads_and_verifies_through_the_library(tmp_path):
    from timeline.tracker import Tracker
    from timeline.verify import verify

    store = tmp_path / "t.sqlite"
    lines = tmp_path / "lines.jsonl"
    lines.write_text("".join(json.dumps({"actor": f"Actor {i % 7}", "topic": f"topic-{i % 3}", "kind": KINDS[i % 8],
                                         "stance": "support", "date": f"2024-01-{1 + i % 28:02d}",
                                         "summary": f"line {i}", "extra_key": i}) + "\n" for i in range(700)))
    tracker = Tracker(str(store))
    with lines.open("rb") as stream:
        from timeline.importing import import_lines, iter_rows

        spooled = spool(iter_rows(stream, str(lines)))
        assert import_lines(tracker, spooled, batch_size=300).added == 700
    tracker.add_record(actor="Actor 1", topic="topic-1", kind="statement", stance="oppose",
                       date=PartialDate.parse("2025-05-16"), summary="changed course")
    assert verify(tracker)["sound"]
    tracker.close()

    events = library_events(store)
    assert sum(1 for e in events if getattr(e, "record_id", None)) == 701
    assert {e.extra["extra_key"] for e in events if getattr(e, "extra", None)} == set(range(700))


# -- validation: the common-shape path gives exactly the full path's line ----------------------

texts = st.one_of(st.none(), st.just(""), st.text(max_size=12), st.integers(-3, 3), st.lists(st.text(max_size=3), max_size=2))
row_values = {
    "actor": st.one_of(st.sampled_from(["Keir Starmer", " Edi Rama ", "", "x" * 300]), texts),
    "topic": st.one_of(st.sampled_from(["return-hubs", "Return Hubs", "a/b"]), texts),
    "kind": st.one_of(st.sampled_from([*KINDS, "Statement", "speech"]), texts),
    "stance": st.one_of(st.sampled_from(["support", "oppose", "neutral", "mixed", "for"]), texts),
    "date": st.one_of(st.sampled_from(["2025-05-15", "2024-05", "2024", "Q2 2024", "2024-02-30", "1999~", "../2024-06",
                                       "15 May 2025", 2024]), texts),
    "summary": st.one_of(st.just("Backed return hubs"), texts),
    "id": st.one_of(st.sampled_from(["rec-1", "bad id!", 7]), texts),
    "quote": texts, "source": texts, "source_url": texts,
    "responds_to": st.one_of(st.just("rec-0"), texts), "target": st.one_of(st.just("Edi Rama"), texts),
    "type": st.sampled_from([None, "", "record", "statement"]),
    "extra": st.one_of(st.none(), st.just({}), st.just({"a": 1}), st.just("")),
    "actor_aliases": st.one_of(st.just(["PM"]), texts), "actor_kind": st.one_of(st.just("person"), texts),
    "role": texts, "topic_parent": st.one_of(st.just("migration"), texts), "topic_title": texts,
    "relative_to": st.one_of(st.just("2025-05-15"), texts), "date_precision": st.one_of(st.just("month"), texts),
    "__overflow__": st.just(["x"]), "unknown_column": texts,
    "status": st.one_of(st.sampled_from(["active", "corrected", "retracted", "Retracted", ""]), texts),
    "retracted_reason": st.one_of(st.just("dup"), st.just(""), texts),
}
valid_row = st.fixed_dictionaries({
    "actor": st.sampled_from(["Keir Starmer", "Edi Rama"]), "topic": st.sampled_from(["return-hubs", "rwanda-scheme"]),
    "kind": st.sampled_from(KINDS), "stance": st.sampled_from(["support", "oppose"]),
    "date": st.sampled_from(["2025-05-15", "2024-05", "2024", "2024-21", "199X", "2024-03~"]),
    "summary": st.text(min_size=1, max_size=20).filter(str.strip),
}, optional={key: row_values[key] for key in ("id", "quote", "source", "source_url", "responds_to", "target",
                                              "unknown_column", "extra", "type")})


def full_path(number, row):
    try:
        return _checked_line(number, row, today=date(2026, 1, 1))
    except ValueError as error:
        return str(error)


@settings(max_examples=400, deadline=None)
@given(st.one_of(valid_row, st.dictionaries(st.sampled_from(sorted(row_values)), st.none()).flatmap(
    lambda keys: st.fixed_dictionaries({key: row_values[key] for key in keys}))))
def test_the_common_shape_path_gives_the_full_paths_line(row):
    fast = _common_line(3, row, date(2026, 1, 1))
    if fast is not None:
        assert fast == full_path(3, row)


def test_the_common_shape_path_takes_the_usual_lines():
    row = {"id": "bench-1", "actor": "Keir Starmer", "topic": "return-hubs", "kind": "proposal", "stance": "support",
           "date": "2025-05-15", "summary": "Proposed return hubs", "quote": None, "source": "Gazette",
           "source_url": "https://news.example/1"}
    assert _common_line(1, row, None) is not None
    assert _common_line(1, {**row, "relative_to": "", "extra": {}, "role": None, "extra_key": 2}, None) is not None
    assert _common_line(1, {**row, "actor_aliases": ["PM"]}, None) is None  # handled by the full path


def test_the_spool_gives_back_the_lines_it_was_given():
    rows = [(i, {"actor": "Keir Starmer", "topic": "return-hubs", "kind": KINDS[i % 8], "stance": "support",
                 "date": d, "summary": f"line {i}", "id": f"r{i}" if i % 2 else None, "quote": None if i % 3 else "q",
                 "extra": {"n": i, "nested": {"f": 1.5, "big": 2**70}} if i % 4 == 0 else None,
                 "actor_aliases": ["PM"] if i % 5 == 0 else None, "topic_parent": "migration" if i % 6 == 0 else None,
                 "target": "Edi Rama" if i % 7 == 0 else None})
            for i, d in enumerate(["2025-05-15", "2024-05", "2024", "2024-21", "199X", "2024-03~", "../2024-06",
                                   "2024-07/..", "2024-04-01/2024-06-30", "Q2 2024", "early 2024"] * 3, start=1)]
    expected = [_checked_line(number, row, today=date(2026, 1, 1)) for number, row in rows]
    spooled = spool(rows, today=date(2026, 1, 1), size=4)
    assert isinstance(spooled, Spool)
    got = [line for batch in spooled.batches() for line in batch]
    assert got == expected
    assert [line.fields["date"].start for line in got] == [line.fields["date"].start for line in expected]
    assert [line.fields["date"].precision for line in got] == [line.fields["date"].precision for line in expected]
    spooled.close()


# -- reading JSON lines ----------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=2**63, max_value=2**80) | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=8)


def same(a, b) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True) and type(a) is type(b)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_loads_reads_what_json_reads(value):
    text = json.dumps(value)
    assert same(loads(text), json.loads(text))


@pytest.mark.parametrize("text", ['{"a": NaN}', '{"a": 1e400}', '{"a": 123456789012345678901234567890}',
                                  '{"a": 1, "a": 2}', '"\\ud800"', '{"a": -0.0}', '{"a": [1, {"b": 2.50}]}',
                                  '{"a": 1', "[1] x", "{'a': 1}", '{"a": "\\u00e9"}'])
def test_loads_agrees_with_json_on_the_edges(text):
    try:
        expected = json.loads(text)
    except json.JSONDecodeError as error:
        with pytest.raises(json.JSONDecodeError) as raised:
            loads(text)
        assert (raised.value.msg, raised.value.colno) == (error.msg, error.colno)
        return
    assert same(loads(text), expected)


def test_the_lean_writer_hands_postgresql_copy_the_librarys_rows(pg_url):
    """A PostgreSQL bulk import: the same rows and ids through the COPY recorder as the library's put()."""
    from timeline.store.postgres import connect, open_postgres, parse_location

    other = pg_url + "_library"
    batches = [some_events(0, 3), some_events(100, 250)]  # 3 + a few: the library's insert; 250: COPY
    apps = {"lean": open_postgres(pg_url, create=True, bulk=True), "library": open_postgres(other, create=True, bulk=True)}
    try:
        for events in batches:
            lean, library = put(apps["lean"], events), apps["library"].events.put(events)
            assert [(r.notification.id, r.notification.state) for r in lean] == \
                [(r.notification.id, r.notification.state) for r in library]
        stored = {"lean": postgres_event_rows(pg_url), "library": postgres_event_rows(other)}
        assert stored["lean"] == stored["library"] and len(stored["lean"]) == sum(map(len, batches))
    finally:
        for app in apps.values():
            app.close()
        from psycopg import sql

        with connect(parse_location(other)) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(parse_location(other).schema)))


def test_the_spool_keeps_values_marshal_cannot_write():
    """A caller's own rows may hold values JSON and CSV never give (a date object in an extra field)."""
    rows = [(1, {"actor": "Keir Starmer", "topic": "return-hubs", "kind": "statement", "stance": "support",
                 "date": "2025-05-15", "summary": "said", "seen_on": date(2025, 5, 16)})]
    spooled = spool(rows, size=1)
    [[line]] = list(spooled.batches())
    assert line == _checked_line(1, rows[0][1], today=None) and line.fields["extra"] == {"seen_on": date(2025, 5, 16)}
    spooled.close()
