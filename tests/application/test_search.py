"""Full-text search against a brute-force reading of random records: a word finds exactly the records
whose summary, quote or source contains it, through creation, correction and retraction."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.dates import PartialDate
from timeline import queries
import timeline.queries.search  # noqa: F401  (the module, not the function queries re-exports)
from timeline.tracker import Tracker

WORDS = ["hubs", "Rwanda", "gimmick", "levy", "tax", "one-off", "Albania's", "return", "no", "NOT", "or"]
SEPARATORS = [" ", ", ", ": ", " — ", "; "]
text = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=6).map(
    lambda parts: "".join(word + sep for word, sep in parts).strip(" ,:;—") or "x"
)
record = st.tuples(text, st.none() | text, st.none() | text)


def tokens(value: str | None) -> set[str]:
    return {t.lower() for t in re.findall(r"\w+", value or "")}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(record, min_size=1, max_size=8), corrected=st.integers(0, 11), retracted=st.integers(0, 11),
       new_summary=text)
def test_a_word_finds_every_record_containing_it_and_no_other(records, corrected, retracted, new_summary):
    with tempfile.TemporaryDirectory() as folder:
        tracker = Tracker(str(Path(folder) / "t.sqlite"))
        try:
            texts: dict[str, tuple[str, str | None, str | None]] = {}
            for i, (summary, quote, source) in enumerate(records):
                tracker.add_record(actor="Al", topic="tax", kind="statement", stance="support",
                                   date=PartialDate.parse("2024-01-01"), summary=summary, quote=quote, source=source,
                                   record_id=f"r{i}", new_actor=True, new_topic=True)
                texts[f"r{i}"] = (summary, quote, source)
            fix, gone = f"r{corrected % len(records)}", f"r{retracted % len(records)}"
            if texts[fix][0] != new_summary:
                tracker.correct(fix, {"summary": new_summary}, "wording")
                texts[fix] = (new_summary, *texts[fix][1:])
            if gone != fix:
                tracker.retract(gone, "withdrawn")
            conn = tracker.reader()
            for word in {w for w in WORDS if re.fullmatch(r"\w+", w)} | {"albania", "s", "off"}:
                found = {r["record"]["id"] for r in queries.search(conn, word.lower(), limit=None)["results"]}
                expected = {rid for rid, parts in texts.items()
                            if rid != gone or gone == fix
                            if any(word.lower() in tokens(part) for part in parts)}
                if gone != fix:
                    expected.discard(gone)
                assert found == expected, word
                every = {r["record"]["id"] for r in queries.search(conn, word.lower(), limit=None, include_retracted=True)["results"]}
                assert every == {rid for rid, parts in texts.items() if any(word.lower() in tokens(p) for p in parts)}
            # The best few, ranked inside the index before any record is looked up (and asked again
            # when retracted records leave too few), are the first few of the ranking of every match.
            for query in ("hubs", "return", "ret*", "tax", '"no tax"'):
                for retracted_too in (False, True):
                    ranked = queries.search(conn, query, limit=None, include_retracted=retracted_too)["results"]
                    for limit in (1, 2, 5):
                        for slack in (0, 16):
                            with patch("timeline.queries.search._SLACK", slack):
                                best = queries.search(conn, query, limit=limit, include_retracted=retracted_too)
                            assert best["results"] == ranked[:limit] and best["more"] == (len(ranked) > limit)
        finally:
            tracker.close()
