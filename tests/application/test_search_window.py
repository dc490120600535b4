"""Search in a large store: when more than WINDOW records match and nothing narrows them, the best
come from the WINDOW most recently recorded matches, with the same BM25 scores as ranking them all,
and the answer says so; filters, --rank-all and a limit of WINDOW or more rank every match."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pytest

from events.dates import PartialDate
from timeline import queries
import timeline.queries.search  # noqa: F401  (the module, not the function queries re-exports)
from timeline.tracker import Tracker

# Record i says "levy" i % 3 + 1 times, so the best matches are spread over the whole record order.
SUMMARIES = [" ".join(["levy"] * (i % 3 + 1) + ["on", "fuel"] * (i % 4)) for i in range(12)]


@pytest.fixture()
def conn(tmp_path: Path):
    tracker = Tracker(str(tmp_path / "t.sqlite"))
    for i, summary in enumerate(SUMMARIES):
        tracker.add_record(actor="Al" if i % 2 else "Bo", topic="tax", kind="statement", stance="support",
                           date=PartialDate.parse(f"2024-01-{i + 1:02d}"), summary=summary,
                           record_id=f"r{i:02d}", new_actor=True, new_topic=True)
    tracker.retract("r11", "withdrawn")
    yield tracker.reader()
    tracker.close()


def ids(answer: dict) -> list[str]:
    return [result["record"]["id"] for result in answer["results"]]


def test_more_matches_than_the_window_rank_the_most_recent_ones(conn) -> None:
    everything = ids(queries.search(conn, "levy", limit=None, include_retracted=True))
    with patch("timeline.queries.search.WINDOW", 5):
        answer = queries.search(conn, "levy", limit=3)
        assert answer["window"] == 5
        # The five most recently recorded matches are r07…r11; r11 is retracted, so the best of
        # r07…r10, in the order of the ranking of every match.
        recent = [rid for rid in everything if rid in {"r07", "r08", "r09", "r10"}]
        assert ids(answer) == recent[:3] and answer["more"]
        assert ids(queries.search(conn, "levy", limit=3, include_retracted=True)) == \
            [rid for rid in everything if rid >= "r07"][:3]
        # Asked to, or filtered, or with a limit as large as the window: every match is ranked.
        for answer in (queries.search(conn, "levy", limit=3, rank_all=True),
                       queries.search(conn, "levy", limit=5)):
            assert answer["window"] is None
            assert ids(answer) == [rid for rid in everything if rid != "r11"][: len(answer["results"])]
        al = queries.resolve_actor(conn, "Al")
        filtered = queries.search(conn, "levy", actor=al, limit=3)
        assert filtered["window"] is None
        assert ids(filtered) == [rid for rid in everything if int(rid[1:]) % 2 and rid != "r11"][:3]


def test_no_more_matches_than_the_window_rank_them_all(conn) -> None:
    # 12 records say "levy", r11 is retracted: 11 answers. The window counts answers only.
    with patch("timeline.queries.search.WINDOW", 10):
        assert queries.search(conn, "levy", limit=2)["window"] == 10
    with patch("timeline.queries.search.WINDOW", 11):
        answer = queries.search(conn, "levy", limit=2)
    assert answer["window"] is None
    assert ids(answer) == ids(queries.search(conn, "levy", limit=None))[:2]
    with patch("timeline.queries.search.WINDOW", 11):  # searched too, the retracted one counts
        assert queries.search(conn, "levy", limit=2, include_retracted=True)["window"] == 11


def test_retracted_records_do_not_take_places_in_the_window(tmp_path) -> None:
    tracker = Tracker(str(tmp_path / "t.sqlite"))
    try:
        for i, summary in enumerate(["levy levy levy"] * 3 + ["levy and more words here"] * 6):
            tracker.add_record(actor="Al", topic="tax", kind="statement", stance="support",
                               date=PartialDate.parse("2024-01-01"), summary=summary, record_id=f"r{i}",
                               new_actor=True, new_topic=True)
        for i in range(5, 9):  # the four newest are withdrawn
            tracker.retract(f"r{i}", "withdrawn")
        conn = tracker.reader()
        with patch("timeline.queries.search.WINDOW", 4):
            answer = queries.search(conn, "levy", limit=3)
        # five answers (r0…r4): the window is their four newest, r1…r4, not the four retracted ones
        assert answer["window"] == 4 and ids(answer) == ["r1", "r2", "r3"]
        with patch("timeline.queries.search.WINDOW", 5):
            assert queries.search(conn, "levy", limit=3)["window"] is None  # five answers: all ranked
    finally:
        tracker.close()


def test_a_prefix_query_in_a_window_has_its_snippets(conn) -> None:
    with patch("timeline.queries.search.WINDOW", 4):
        answer = queries.search(conn, "lev*", limit=2)
    assert answer["window"] == 4 and len(answer["results"]) == 2
    assert all("\x02levy\x03" in result["snippet"] for result in answer["results"])
