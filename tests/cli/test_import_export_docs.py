"""docs/import-export.md and docs/concepts.md quote the real messages, headers and help (a new user's review)."""

from __future__ import annotations

import json
import re

from tests.conftest import ROOT

DOC = (ROOT / "docs" / "import-export.md").read_text(encoding="utf-8")
CONCEPTS = (ROOT / "docs" / "concepts.md").read_text(encoding="utf-8")


def test_the_edited_line_error_is_quoted_as_the_import_prints_it(cli, tmp_path):
    line = {"actor": "Edi Rama", "topic": "return-hubs", "kind": "statement", "stance": "oppose", "date": "2025-05-15",
            "summary": "Rama rules out hosting hubs", "source_url": "https://example.org/rama"}
    (tmp_path / "a.jsonl").write_text(json.dumps(line) + "\n")
    cli("import", str(tmp_path / "a.jsonl"))
    (tmp_path / "edited.jsonl").write_text(json.dumps({**line, "stance": "mixed"}) + "\n")
    error = cli("import", str(tmp_path / "edited.jsonl"), code=1).stderr
    first, second = error.strip().splitlines()[:2]
    assert "--update" in first
    assert f"$ timeline import edited.jsonl\n{first}\n{second}\n" in DOC


def test_the_blursday_hints_are_the_real_ones(cli, tmp_path):
    (tmp_path / "bad.jsonl").write_text(
        json.dumps({"actor": "A", "topic": "t", "kind": "statement", "stance": "favour", "date": "2024-01-01", "summary": "s"}) + "\n"
        + json.dumps({"actor": "A", "topic": "t", "kind": "statement", "stance": "support", "date": "blursday", "summary": "s"}) + "\n")
    error = cli("import", str(tmp_path / "bad.jsonl"), code=2).stderr
    assert f"$ timeline import bad.jsonl\n{error.strip()}\n" in DOC
    said = cli("position", "Starmer", "--topic", "return-hubs", "--on", "blursday", code=2).stderr.strip()
    assert f"--on blursday\n{said}\n" in CONCEPTS


def test_the_csv_header_and_the_suffixes_are_the_real_ones():
    from timeline.exporting import FORMATS, SUFFIXES
    from timeline.exporting.data import CSV_COLUMNS
    from timeline.importing.summary import Summary

    assert "\n" + ",".join(CSV_COLUMNS) + "\n" in DOC
    assert len(FORMATS) == 8 and "one of eight formats" in DOC
    said = DOC.split("Without `--format`, the suffix of `-o` decides", 1)[1].split("\n\n", 1)[0]
    assert set(re.findall(r"`(\.\w+)`", said)) == set(SUFFIXES)
    for key in Summary().as_dict():
        assert f"`{key}`" in DOC, key
    for field in ("period", "responds_to", "target"):
        assert f'"{field}": ' in CONCEPTS.split("## Records", 1)[-1] and f'"{field}": ' in DOC.split("### `json`", 1)[1]


def test_help_names_every_importable_format_and_the_claimreview_author(cli):
    import_help = " ".join(cli("import", "--help").stdout.split())
    assert "JSON Lines, one JSON document (`export --format json`) or CSV" in import_help
    export_help = " ".join(cli("export", "--help").stdout.split())
    assert "and the author of claimreview's reviews" in export_help
