"""An edited line without an id is reported as an edit of its record, never added as a duplicate
(issue 13 item 14); two such lines of one file are two records."""

from __future__ import annotations

import json


def lines(path, *rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return str(path)


BASE = {"actor": "Edi Rama", "topic": "return-hubs", "kind": "statement", "stance": "oppose", "date": "2025-05-15",
        "source_url": "https://example.org/rama"}


def test_an_edited_line_without_an_id_is_reported_not_duplicated(cli, tmp_path):
    first = {**BASE, "summary": "Rama rules out hosting hubs"}
    second = {**BASE, "summary": "Rama speaks again that evening", "quote": "No."}  # same article, same day
    cli("import", lines(tmp_path / "a.jsonl", first, second))
    ids = [r["id"] for r in cli.json("show", "Edi Rama")["records"]]
    assert len(ids) == 2  # two lines of one file are two records, even from one article
    assert "0 added, 2 unchanged" in cli("import", lines(tmp_path / "a.jsonl", first, second)).stdout
    before = cli.event_count()
    edited = {**first, "stance": "mixed"}  # the user fixed the stance in the file
    result = cli("import", lines(tmp_path / "b.jsonl", edited, second), code=1)
    assert "line 1: looks like an edit of record 2025-05-15-edi-rama-statement" in result.stderr
    assert "(same actor, topic, date and kind; other stance)" in result.stderr and "--update" in result.stderr
    assert cli.event_count() == before  # nothing written, no -3 duplicate
    fixed = cli("import", lines(tmp_path / "c.jsonl", {**edited, "id": "2025-05-15-edi-rama-statement"}), "--update")
    assert "1 updated" in fixed.stdout
    other = {**BASE, "summary": "A third thing entirely", "source_url": "https://example.org/other"}
    assert "1 added" in cli("import", lines(tmp_path / "d.jsonl", other)).stdout  # shares nothing: a new record
