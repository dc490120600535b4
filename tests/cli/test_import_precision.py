"""`date_precision` on an import line (DESIGN §6: accepted for old files): read as before, but said."""

from __future__ import annotations

import json

LINE = {"id": "a", "actor": "Al", "topic": "t", "kind": "statement", "stance": "support", "summary": "s"}


def _write(path, lines) -> str:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return str(path)


def test_a_day_cut_to_its_month_is_kept_and_said(cli, tmp_path):
    path = _write(tmp_path / "old.jsonl", [{**LINE, "date": "2025-05-15", "date_precision": "month"},
                                           {**LINE, "id": "b", "date": "2025-05-16", "date_precision": "day"}])
    result = cli("import", path)
    assert ("Note: line 1: date '2025-05-15' with date_precision month was read as 2025-05 "
            '(write "date": "2025-05" and leave date_precision out to say so)') in result.stderr
    assert "line 2" not in result.stderr  # a precision the date has already is no news
    assert [r["date"] for r in cli.json("show", "Al")["records"]] == ["2025-05", "2025-05-16"]


def test_a_precision_the_date_cannot_have_is_one_sentence_saying_what_to_write(cli, tmp_path):
    path = _write(tmp_path / "bad.jsonl", [{**LINE, "date": "2025-05-03", "date_precision": "range"},
                                           {**LINE, "id": "b", "date": "2025-05", "date_precision": "day"},
                                           {**LINE, "id": "c", "date": "2024-21", "date_precision": "month"}])
    result = cli("import", path, code=2)
    assert ("line 1: date_precision range needs a range as the date, and 2025-05-03 is a single day: write the range "
            "itself as the date (e.g. 2025-05-03/2025-05-10, or 2025-05 for the whole month) or leave date_precision out"
            ) in result.stderr
    assert ("line 2: date 2025-05 names a month, so date_precision cannot be day: give the day in the date or leave "
            "date_precision out") in result.stderr
    assert "line 3: date 2024-21 is a range, so date_precision cannot be month: leave date_precision out" in result.stderr
    assert "not precise to the" not in result.stderr and cli.event_count() == 0
