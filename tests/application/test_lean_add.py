"""The lean `add` (timeline.store.leanadd) against the full path through the eventsourcing library, on
the same stores and the same inputs: the same answers, notices and refusals, the same stored event rows
byte for byte (the record time aside) and the same read model; what it leaves to the full path still
works; and the store it writes reads back through the plain library and rebuilds to the same view."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from events.dates import PartialDate
from events.recordfields import record_uuid
from events.text import stable_id
from tests.conftest import SEEDS, Cli, library_events, snapshot
from timeline.errors import TimelineError
from timeline.store import leanadd
from timeline.tracker import Tracker

# -- two copies of one store: the lean path writes to one, the full path to the other ---------------


def store_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file())


class Pair:
    """The same seeded store twice (each at its own path, each with its current read model), and a
    pristine copy of each to restore between examples. A read model remembers its store's path, so each
    copy is caught up once at its own path before it is kept."""

    def __init__(self, root: Path) -> None:
        self.lean, self.full = root / "lean" / "t.sqlite", root / "full" / "t.sqlite"
        self.lean.parent.mkdir(parents=True)
        cli = Cli(self.lean)
        cli("seed", str(SEEDS))
        cli("retract", "starmer-rwanda-gimmick", "--reason", "for the tests: a retracted record to answer")
        cli("actor", "add", "Somebody Else")  # a target nobody has used yet
        cli("position", "Keir Starmer", "--json")  # the read model is current
        shutil.copytree(self.lean.parent, self.full.parent)
        Cli(self.full)("position", "Keir Starmer", "--json")  # the copy's read model adopts its new path
        self.kept = {}
        for store in (self.lean, self.full):
            kept = root / f"{store.parent.name}.kept"
            shutil.copytree(store.parent, kept)
            self.kept[store] = kept

    def reset(self) -> None:
        for store, kept in self.kept.items():
            for file in store_files(store.parent):
                file.unlink()
            for file in store_files(kept):
                shutil.copy2(file, store.parent / file.name)


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> Pair:
    return Pair(tmp_path_factory.mktemp("lean-add"))


@contextmanager
def full_path_only():
    """`add` without the lean path, as it was before it."""
    with mock.patch.object(leanadd, "add_lean", return_value=None):
        yield


@contextmanager
def watching_lean():
    """Records what each lean attempt returned (None: it left the record to the full path)."""
    answers: list = []
    real = leanadd.add_lean

    def watched(*args, **kwargs):
        answer = real(*args, **kwargs)
        answers.append(answer)
        return answer

    with mock.patch.object(leanadd, "add_lean", watched):
        yield answers


def event_rows(store: Path) -> list[tuple]:
    conn = sqlite3.connect(store)
    try:
        return conn.execute("SELECT rowid, originator_id, originator_version, topic, state FROM stored_events "
                            "ORDER BY rowid").fetchall()
    finally:
        conn.close()


def view_of(store: Path) -> dict:
    from timeline.readmodel.place import default_view_path

    conn = sqlite3.connect(Path.cwd() / default_view_path(str(store)))
    try:
        return snapshot(conn)
    finally:
        conn.close()


def add(store: Path, **kwargs):
    """One `Tracker.add_record` as a command runs it: (its JSON, or the refusal), its notices."""
    tracker = Tracker(str(store))
    try:
        try:
            answer = tracker.add_record(**kwargs)
        except (TimelineError, ValueError) as error:
            answer = (type(error).__name__, str(error), getattr(error, "exit_code", None))
        return answer, list(tracker.notices)
    finally:
        tracker.close()


def outcome(store: Path, before: int, **kwargs) -> tuple[str, bool]:
    """What one add did to `store`, as text with each new event's record time replaced by T1, T2…"""
    answer, notices = add(store, **kwargs)
    rows = event_rows(store)
    new = [row[1:] for row in rows if row[0] > before]
    text = json.dumps({"answer": answer, "notices": notices, "rows": [[*row[:3], row[3].decode()] for row in new],
                       "view": view_of(store)}, ensure_ascii=False, sort_keys=True, default=str)
    for n, row in enumerate(new, 1):
        moment = json.loads(row[3])["timestamp"]["_data_"]
        when = datetime.fromisoformat(moment)
        for form in {moment, when.isoformat(timespec="microseconds")}:
            text = text.replace(form, f"T{n}")
    return text, isinstance(answer, dict)


# -- the same inputs, both paths -----------------------------------------------------------------------

EDTF = ["2024-07", "2024", "2025-05-15?", "2024-05~", "2023%", "2024-?05", "2024-21", "2024-24", "2024-34",
        "199X", "2024-XX", "2024-04-01/2024-06-30", "../2024-06", "2024-07/..", "2024-07/", "2024-02/2024-21"]
dates = st.one_of(
    st.dates(min_value=date(2024, 7, 5), max_value=date(2026, 12, 31)).map(date.isoformat),  # the PM is known then
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.sampled_from(EDTF),
).map(PartialDate.parse)
# Quotes and sources: any text but control characters, format characters (bidirectional marks are refused)
# and surrogates (unwritable), with markup-like and unicode pieces mixed in, and a refused one.
text = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs")), max_size=60),
    st.sampled_from(['<b>"quoted"</b> & \'more\'', "{\"_type_\": \"uuid_hex\"}", "back\\slash\ttab\nline",
                     "Orbán’s “line” — 中文 🇬🇧 \u2028", "   padded   ", "\u202e reversed"]),
)


def mostly(good: list, bad: list) -> st.SearchStrategy:
    """One of `good` nine times in ten, else one of `bad` (refused, or left to the full path)."""
    return st.integers(0, 9).flatmap(lambda n: st.sampled_from(good if n < 9 else bad))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    actor=mostly(["Keir Starmer", "Sir Keir", "keir  starmer", "Edi Rama", "Chris Philp", "Somebody Else"],
                 ["the Prime Minister", "Nobody Yet", "Keir Starmr"]),
    topic=mostly(["return-hubs", "offshoring", "migration"], ["brand-new-topic", "return-hub", "Not A Slug"]),
    target=mostly([None, None, "Edi Rama", "the PM", "Somebody Else"], ["Not Registered"]),
    kind=mostly(["statement", "decision", "proposal", "refusal", "reversal", "ruling", "agreement", "criticism",
                 "Criticism"], ["gossip"]),
    stance=st.sampled_from(["support", "oppose", "neutral", "mixed", " Mixed "]), date=dates,
    summary=mostly(["Said so", "Rules out <script>alert(1)</script> hubs"], ["  "]),
    quote=text, source=text, url=st.sampled_from([None, "https://example.org/a?b=c&d=é"]),
    responds_to=mostly([None, None, "", "starmer-scraps-rwanda", "starmer-rwanda-gimmick"], ["no-such-record"]),
    record_id=mostly([None, None, "an-id-of-my-own"], ["starmer-scraps-rwanda", "with space"]),
    new_actor=st.booleans(), new_topic=st.booleans(),
)
def test_the_lean_add_does_what_the_full_add_does(pair, actor, topic, target, kind, stance, date, summary, quote,
                                                  source, url, responds_to, record_id, new_actor, new_topic):
    pair.reset()
    before = len(event_rows(pair.lean))
    kwargs = dict(actor=actor, topic=topic, kind=kind, stance=stance, date=date, summary=summary, quote=quote,
                  source=source, source_url=url, responds_to=responds_to, target=target, record_id=record_id,
                  new_actor=new_actor, new_topic=new_topic)
    with watching_lean() as lean_answers:
        lean, added = outcome(pair.lean, before, **kwargs)
    with full_path_only():
        full, _ = outcome(pair.full, before, **kwargs)
    assert lean == full
    made_something = "created new" in lean
    # The lean path took every record it could: the ones that make no actor or topic.
    took = lean_answers[-1] is not None if lean_answers else False
    assert took == (added and not made_something)
    event("lean" if took else "full: added" if added else "refused")


def test_a_lean_record_reads_back_through_the_library_and_rebuilds_alike(pair, tmp_path):
    pair.reset()
    with watching_lean() as lean_answers:
        answer, _ = add(pair.lean, actor="Sir Keir", topic="return-hubs", kind="refusal", stance="mixed",
                        date=PartialDate.parse("2025-05-15?"), summary="A “quoted” <i>reply</i>", quote="Ça va — 中文",
                        source="Le Monde", source_url="https://example.org/x", responds_to="starmer-scraps-rwanda",
                        target="Edi Rama")
    assert lean_answers[-1] == answer  # taken by the lean path
    event = library_events(pair.lean)[-1]
    assert type(event).__qualname__ == "Record.ProposalRefused"
    assert (event.originator_id, event.originator_version) == (record_uuid(answer["id"]), 1)
    assert (event.record_id, event.topic, event.stance, str(event.date), event.quote, event.responds_to) == (
        answer["id"], "return-hubs", "mixed", "2025-05-15?", "Ça va — 中文", "starmer-scraps-rwanda")
    assert answer["target"] == "Edi Rama" and event.target_id is not None
    assert event.timestamp.isoformat() == answer["recorded_at"]
    # the read model after it is the one a rebuild derives from the log
    rebuilt = Tracker(str(pair.lean), view=tmp_path / "rebuilt.sqlite")
    try:
        rebuilt.rebuild()
        assert snapshot(rebuilt.view().conn) == view_of(pair.lean)
    finally:
        rebuilt.close()
    verified = Cli(pair.lean)("verify")
    assert "Sound" in verified.stdout


def test_record_uuid_is_the_aggregates_uuid5():
    @given(st.text(max_size=40))
    @settings(max_examples=200)
    def check(record_id):
        assert record_uuid(record_id) == stable_id("records", record_id)

    check()


def test_the_encoding_is_the_library_transcoders(pair):
    """Every field of a creation event, encoded by hand and by the application's mapper: the same bytes."""
    from events.records import Record
    from timeline.store import open_store
    from timeline.store.bulksqlite import stored_rows

    app = open_store(str(pair.lean), create=False)
    try:
        for date, quote, target in [("2024", None, None), ("2024-07/..", "a \"b\" \\ c\u2028", "x"),
                                    ("199X", "😀 <p>&amp;</p>", None)]:
            fields = {"topic": "t", "kind": "ruling", "stance": "neutral", "date": PartialDate.parse(date),
                      "summary": "s", "quote": quote, "source": None, "source_url": "u", "extra": {},
                      "responds_to": "r" if target else None,
                      "target_id": record_uuid(target) if target else None}
            lean = leanadd.made_event("an-id", record_uuid("actor").hex, fields)
            library = Record.made_event(record_id="an-id", actor_id=record_uuid("actor"),
                                        fields={k: v for k, v in fields.items()})
            object.__setattr__(library, "timestamp", lean.timestamp)
            assert leanadd.stored_row(lean) == stored_rows(app.mapper, [library], hex_ids=True)[0]
    finally:
        app.close()


# -- the command line: output, exit codes and error sentences -----------------------------------------

CASES = {
    "text": ["add", "Sir Keir", "--topic", "return-hubs", "--kind", "proposal", "--stance", "support",
             "--on", "2025-05-15", "--summary", "Proposes hubs"],
    "json": ["add", "Keir Starmer", "--topic", "offshoring", "--kind", "statement", "--stance", "oppose",
             "--on", "2025", "--summary", "x", "--quote", "<q>", "--json"],
    "office and reply": ["add", "the Prime Minister", "--topic", "return-hubs", "--kind", "refusal", "--stance", "mixed",
                         "--on", "2025-05", "--summary", "y", "--responds-to", "starmer-rwanda-gimmick",
                         "--target", "Edi Rama", "--json"],
    "unknown reply": ["add", "Edi Rama", "--topic", "return-hubs", "--kind", "refusal", "--stance", "oppose",
                      "--summary", "z", "--responds-to", "nope"],
    "taken id": ["add", "Edi Rama", "--topic", "return-hubs", "--kind", "refusal", "--stance", "oppose",
                 "--summary", "z", "--id", "starmer-scraps-rwanda"],
    "bad kind": ["add", "Edi Rama", "--topic", "return-hubs", "--kind", "gossip", "--stance", "oppose", "--summary", "z"],
    "near name": ["add", "Keir Starmr", "--topic", "return-hubs", "--kind", "ruling", "--stance", "oppose", "--summary", "z"],
    "near topic": ["add", "Edi Rama", "--topic", "return-hub", "--kind", "ruling", "--stance", "oppose", "--summary", "z"],
    "new actor": ["add", "Nobody Yet", "--topic", "return-hubs", "--kind", "ruling", "--stance", "oppose",
                  "--summary", "z", "--on", "2024-02-29", "--json"],
    "new topic": ["add", "Edi Rama", "--topic", "fresh-topic", "--kind", "ruling", "--stance", "oppose",
                  "--summary", "z", "--on", "2024-02-29", "--json"],
    "relative date": ["add", "Edi Rama", "--topic", "return-hubs", "--kind", "ruling", "--stance", "oppose",
                      "--summary", "z", "--on", "yesterday", "--relative-to", "2025-05-16"],
}


def normalised(result, store: Path) -> tuple:
    text = f"{result.exit_code}\n{result.stdout}\n{result.stderr}"
    for row in event_rows(store):
        moment = json.loads(row[4]).get("timestamp", {}).get("_data_")
        if moment:
            text = text.replace(moment, "T").replace(datetime.fromisoformat(moment).isoformat(timespec="microseconds"), "T")
    return text, result.exit_code


@pytest.mark.parametrize("case", CASES)
def test_the_command_says_the_same_either_way(pair, case):
    pair.reset()
    before = event_rows(pair.lean)
    lean = normalised(Cli(pair.lean)(*CASES[case], code=None), pair.lean)
    with full_path_only():
        full = normalised(Cli(pair.full)(*CASES[case], code=None), pair.full)
    assert lean == full
    if lean[1] != 0:  # refused: one sentence, nothing written
        assert lean[0].count("Error:") == 1 and event_rows(pair.lean) == before


# -- what the lean path leaves to the full one ----------------------------------------------------------


def attempt(store: Path, **extra):
    with watching_lean() as answers:
        answer, notices = add(store, **{**dict(actor="Edi Rama", topic="return-hubs", kind="ruling", stance="oppose",
                                               date=PartialDate.parse("2025-01-02"), summary="s"), **extra})
    return answers, answer, notices


def test_a_new_actor_or_topic_goes_the_full_way(pair):
    pair.reset()
    for extra, said in [({"actor": "Nobody Yet"}, "created new actor 'Nobody Yet'"),
                        ({"topic": "fresh-topic"}, "created new topic 'fresh-topic'"),
                        ({"target": "Not Registered"}, "created new actor 'Not Registered'")]:
        answers, answer, notices = attempt(pair.lean, **extra)
        assert answers == [None] and isinstance(answer, dict) and said in notices


def test_a_store_still_to_be_made_goes_the_full_way(tmp_path):
    answers, answer, notices = attempt(tmp_path / "new.sqlite")
    assert answers == [None] and answer["id"] == "2025-01-02-edi-rama-ruling"
    assert "created new actor 'Edi Rama'" in notices


def test_a_read_model_behind_the_log_goes_the_full_way(pair, tmp_path):
    pair.reset()
    elsewhere = Tracker(str(pair.lean), view=tmp_path / "other-view.sqlite")  # a writer with another read model
    try:
        elsewhere.add_record(actor="Edi Rama", topic="return-hubs", kind="ruling", stance="oppose",
                             date=PartialDate.parse("2025-01-01"), summary="first")
    finally:
        elsewhere.close()
    answers, answer, _ = attempt(pair.lean)
    assert answers == [None] and answer["summary"] == "s"
    assert {row[1] for row in view_of(pair.lean)["records"]} >= {"2025-01-01-edi-rama-ruling", "2025-01-02-edi-rama-ruling"}


def test_the_librarys_settings_in_the_environment_go_the_full_way(pair, monkeypatch):
    pair.reset()
    monkeypatch.setenv("TIMELINE_TZINFO_TOPIC", "datetime:timezone.utc")
    answers, answer, _ = attempt(pair.lean)
    assert answers == [None] and isinstance(answer, dict)


def test_extra_fields_go_the_full_way(pair):
    pair.reset()
    answers, answer, _ = attempt(pair.lean, extra={"note": "kept"})
    assert answers == [None] and answer["extra"] == {"note": "kept"}


def test_a_lone_surrogate_is_refused_alike_and_nothing_is_written(pair):
    pair.reset()
    before = event_rows(pair.lean)
    refusals = []
    for store, context in ((pair.lean, watching_lean), (pair.full, full_path_only)):
        tracker = Tracker(str(store))
        with context(), pytest.raises(Exception) as raised:
            tracker.add_record(actor="Edi Rama", topic="return-hubs", kind="ruling", stance="oppose",
                               date=PartialDate.parse("2025-01-02"), summary="s", quote="bad \udcff byte")
        tracker.close(failed=True)
        refusals.append((type(raised.value), str(raised.value)))
    assert refusals[0] == refusals[1]
    assert event_rows(pair.lean) == before


# -- another writer at the same moment --------------------------------------------------------------------


def test_a_record_id_saved_meanwhile_is_planned_again_by_the_full_path(pair, tmp_path):
    """Between the lean plan and its insert another process saves the same generated id: the table
    refuses the lean row (nothing stored), the full path catches up and takes the next id."""
    pair.reset()
    real_write = leanadd.write

    def other_process_first(path, rows):
        other = Tracker(str(path), view=tmp_path / "other-view.sqlite")
        try:
            other.add_record(actor="Edi Rama", topic="return-hubs", kind="ruling", stance="oppose",
                             date=PartialDate.parse("2025-01-02"), summary="theirs")
        finally:
            other.close()
        return real_write(path, rows)

    before = len(event_rows(pair.lean))
    with mock.patch.object(leanadd, "write", other_process_first):
        answers, answer, _ = attempt(pair.lean)
    assert answers[-1] is None and answer["id"] == "2025-01-02-edi-rama-ruling-2"
    assert len(event_rows(pair.lean)) == before + 2
    assert view_of(pair.lean) == rebuilt_view(pair.lean, tmp_path)


def test_a_record_written_between_plan_and_projection_is_caught_up(pair, tmp_path):
    """Another process's event lands in the log after the lean plan, under another id: the lean row
    is stored after it, and the read model catches up from the log instead of projecting from memory."""
    pair.reset()
    real_write = leanadd.write

    def other_process_first(path, rows):
        other = Tracker(str(path), view=tmp_path / "other-view.sqlite")
        try:
            other.add_record(actor="Chris Philp", topic="offshoring", kind="statement", stance="support",
                             date=PartialDate.parse("2025-03-04"), summary="theirs")
        finally:
            other.close()
        return real_write(path, rows)

    with mock.patch.object(leanadd, "write", other_process_first):
        answers, answer, _ = attempt(pair.lean)
    assert answers[-1] == answer and answer["id"] == "2025-01-02-edi-rama-ruling"
    assert view_of(pair.lean) == rebuilt_view(pair.lean, tmp_path)


def rebuilt_view(store: Path, tmp_path: Path) -> dict:
    tracker = Tracker(str(store), view=tmp_path / f"rebuilt-{len(list(tmp_path.iterdir()))}.sqlite")
    try:
        tracker.rebuild()
        return snapshot(tracker.view().conn)
    finally:
        tracker.close()
