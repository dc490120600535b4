"""`timeline export`: every format's structure, escaping, the empty timeline, filters, the jsonl
round trip, and errors (one sentence, non-zero exit, no file written)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from tests.conftest import SEEDS, Cli
from timeline.cli import app
from timeline.exporting import FORMATS
from timeline.exporting.data import CSV_COLUMNS

RECORD_KEYS = ["id", "actor", "topic", "kind", "stance", "date", "precision", "period", "summary", "quote", "source",
               "source_url", "responds_to", "target", "recorded_at", "status", "extra"]
SEEDED_RECORDS = 12
SEEDED_ACTORS = ["Chris Philp", "Downing Street", "Edi Rama", "Keir Starmer", "UK government officials"]

NASTY_SUMMARY = 'He said "no, never", then <script>alert(1)</script> & *left*\nthe room, [twice]'
NASTY_QUOTE = 'we won\'t — "ever", she said;\nnot, ever <b>x</b>'
UNICODE_ACTOR = "Zoë Ångström-Łukasiewicz 李"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """One seeded store shared by the read-only tests of this module (seeding once keeps them fast)."""
    db = tmp_path_factory.mktemp("export") / "timeline.sqlite"
    Cli(db)("seed", str(SEEDS))
    return db


@pytest.fixture
def seeded_ro(store) -> Cli:
    return Cli(store)


def export(cli: Cli, *args: str, code: int = 0):
    return cli("export", *args, code=code)


def one_sentence_error(result, words: str) -> None:
    assert words in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def add_nasty(cli: Cli, url: str = "https://example.org/a?b=1&c=2") -> None:
    cli("add", UNICODE_ACTOR, "--new-actor", "--topic", "return-hubs", "--kind", "statement", "--stance", "mixed",
        "--on", "2025-05-16", "--summary", NASTY_SUMMARY, "--quote", NASTY_QUOTE, "--source", 'Daily "Paper", p. 3',
        "--url", url, "--id", "nasty-1")


# -- structure of each format --------------------------------------------------------------------


def test_json_has_the_documented_shape(seeded_ro):
    data = json.loads(export(seeded_ro, "--format", "json").stdout)
    assert list(data) == ["exported_at", "known_at", "actors", "topics", "offices", "records"]
    assert len(data["records"]) == SEEDED_RECORDS
    assert all(list(r) == RECORD_KEYS for r in data["records"])
    assert [a["name"] for a in data["actors"]] == SEEDED_ACTORS
    assert sum(a["records"] for a in data["actors"]) == SEEDED_RECORDS
    # the topics the records are on, with their ancestors, so the tree is whole
    assert {t["slug"]: t["parent"] for t in data["topics"]}["return-hubs"] == "offshoring"
    assert {"migration", "offshoring"} <= {t["slug"] for t in data["topics"]}
    starts = [r["date"][:4] for r in data["records"]]
    assert starts == sorted(starts)  # timeline order


def test_jsonl_lines_are_record_objects_in_the_import_format(seeded_ro):
    lines = [json.loads(line) for line in export(seeded_ro, "--format", "jsonl").stdout.splitlines()]
    types = [line.get("type", "record") for line in lines]
    # DESIGN.md §6: actor lines, then topic lines, then offices with their terms, then records
    rank = {"actor": 0, "topic": 1, "office": 2, "term": 2, "record": 3}
    assert types == sorted(types, key=rank.__getitem__) and "term" in types
    rows = [line for line in lines if "type" not in line]
    assert len(rows) == SEEDED_RECORDS
    assert all(list(row)[: len(RECORD_KEYS)] == RECORD_KEYS for row in rows)
    starmer = next(line for line in lines if line.get("type") == "actor" and line["name"] == "Keir Starmer")
    assert starmer["kind"] == "person" and "Sir Keir" in starmer["aliases"]
    assert {row["role"] for row in rows if "role" in row} == {"Prime Minister", "Prime Minister of Albania", "Shadow Home Secretary"}


def test_csv_has_the_import_columns_and_opens_as_utf8(seeded_ro):
    raw = export(seeded_ro, "--format", "csv").stdout_bytes
    text = raw.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheet programs read accents and dashes right with the mark
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert raw.startswith("\ufeffid,".encode()) and raw.count(b"\r\n") == len(rows)  # RFC 4180 lines
    assert tuple(rows[0]) == CSV_COLUMNS
    rows = [rows[0], *(row for row in rows[1:] if not row[-1])]  # records (not type rows)
    assert len(rows) == 1 + SEEDED_RECORDS and all(len(row) == len(CSV_COLUMNS) for row in rows)
    gimmick = next(dict(zip(rows[0], row)) for row in rows[1:] if row[0] == "starmer-rwanda-gimmick")
    assert (gimmick["date"], gimmick["date_precision"], gimmick["quote"]) == ("../2024-07", "range", "gimmick")
    assert json.loads(gimmick["extra"])["date_note"].startswith("The article gives no date")


def test_md_is_an_article_aid(seeded_ro):
    text = export(seeded_ro, "--format", "md", "--topic", "offshoring").stdout
    assert text.startswith("# Positions on offshoring\n")
    sections = re.findall(r"^## (.+)$", text, re.M)
    assert sections == ["Changes of position", *SEEDED_ACTORS]
    bullets = re.findall(r"^- \*\*", text, re.M)
    changes = text.split("## Changes of position")[1].split("\n## ")[0]
    assert "Keir Starmer on offshoring: oppose → **support** (U-turn" in changes
    assert len(bullets) == 11 + changes.count("\n- ")  # one per record, plus the changes
    assert "**by 31 July 2024 (range)** · rwanda-scheme · criticism · **oppose**" in text
    assert "criticism · **oppose**: Branded the Conservative government's Rwanda deportation scheme a gimmick (undated in the source: by July 2024, when he scrapped it).\\\n" \
        "  *“gimmick”* — Source: UK news report" in text  # quote and source on the item's second line


def test_timelinejs_events_carry_only_the_known_date_parts(seeded_ro):
    data = json.loads(export(seeded_ro, "--format", "timelinejs").stdout)
    assert set(data) == {"title", "events"} and data["title"]["text"]["headline"]
    events = {e["unique_id"]: e for e in data["events"]}
    assert len(events) == SEEDED_RECORDS
    assert events["starmer-rwanda-gimmick"]["start_date"] == {"year": 2024, "month": 7}  # ../2024-07: its known end
    assert "end_date" not in events["starmer-rwanda-gimmick"]  # no invented start
    assert events["starmer-scraps-rwanda"]["start_date"] == {"year": 2024, "month": 7}
    assert events["rama-rules-out-hubs"]["start_date"] == {"year": 2025, "month": 5, "day": 15}
    assert events["rama-rules-out-hubs"]["group"] == "Edi Rama"
    assert "this was a one-off with Italy" in events["rama-rules-out-hubs"]["text"]["text"]
    by_topic = json.loads(export(seeded_ro, "--format", "timelinejs", "--group-by", "topic").stdout)
    assert {e["group"] for e in by_topic["events"]} == {"rwanda-scheme", "return-hubs", "migration-crackdown", "offshoring"}


def test_ics_has_one_all_day_event_per_day_precise_record(seeded_ro):
    from icalendar import Calendar

    result = export(seeded_ro, "--format", "ics")
    assert "left out 2 records not known to the day" in result.stderr
    raw = result.stdout_bytes  # (.stdout turns CRLF into LF)
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # RFC 5545: CRLF lines folded at 75 octets
    events = Calendar.from_ical(result.stdout).walk("VEVENT")
    assert len(events) == SEEDED_RECORDS - 2
    rama = next(e for e in events if str(e["UID"]) == "rama-rules-out-hubs@timeline")
    assert rama.decoded("DTSTART").isoformat() == "2025-05-15" and rama.decoded("DTEND").isoformat() == "2025-05-16"
    assert "DTSTAMP" in rama and str(rama["SUMMARY"]).startswith("Edi Rama (oppose): ")
    assert "“this was a one-off with Italy”" in str(rama["DESCRIPTION"])
    assert "Source: UK news report" in str(rama["DESCRIPTION"])
    again = Calendar.from_ical(export(seeded_ro, "--format", "ics").stdout).walk("VEVENT")
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in events]  # stable across exports


def test_html_is_one_self_contained_page(seeded_ro):
    page = export(seeded_ro, "--format", "html").stdout
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    # nothing to fetch at view time: no external scripts, styles, images or fonts
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(http" not in page
    data = json.loads(re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S).group(1))
    assert len(data["records"]) == SEEDED_RECORDS
    assert [a["name"] for a in data["actors"]] == SEEDED_ACTORS


def test_html_marks_the_changes_of_position(seeded_ro):
    page = export(seeded_ro, "--format", "html", "--topic", "offshoring").stdout
    data = json.loads(re.search(r'id="timeline-data">(.*?)</script>', page, re.S).group(1))
    changed = {r["id"]: r["change"] for r in data["records"] if r["change"]}
    assert changed["starmer-no-silver-bullet"] == {
        "from": "oppose", "to": "support", "grade": "full", "previous": "starmer-scraps-rwanda", "topic": "offshoring", "certain": True,
    }
    assert len(data["changes"]) == len(changed)


# -- escaping: quotes, commas, newlines and markup in the data ------------------------------------


@pytest.fixture
def nasty(seeded) -> Cli:
    add_nasty(seeded)
    return seeded


def test_escaping_in_json_jsonl_and_csv(nasty):
    record = next(r for r in json.loads(export(nasty, UNICODE_ACTOR, "--format", "json").stdout)["records"])
    assert (record["actor"], record["summary"], record["quote"]) == (UNICODE_ACTOR, NASTY_SUMMARY, NASTY_QUOTE)
    line = json.loads(export(nasty, UNICODE_ACTOR, "--format", "jsonl").stdout.splitlines()[-1])
    assert (line["actor"], line["summary"], line["quote"]) == (UNICODE_ACTOR, NASTY_SUMMARY, NASTY_QUOTE)
    text = export(nasty, UNICODE_ACTOR, "--format", "csv").stdout
    header, *_, row = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    found = dict(zip(header, row))
    assert (found["actor"], found["summary"], found["quote"], found["source"]) == (
        UNICODE_ACTOR, NASTY_SUMMARY, NASTY_QUOTE, 'Daily "Paper", p. 3')


def test_escaping_in_md(nasty):
    text = export(nasty, UNICODE_ACTOR, "--format", "md").stdout
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\*left\\* the room, \\[twice\\]" in text  # one line
    assert f"## {UNICODE_ACTOR}" in text
    assert "*“we won't — \"ever\", she said; not, ever &lt;b&gt;x&lt;/b&gt;”* — Source: [Daily \"Paper\", p. 3](https://example.org/a?b=1&c=2)" in text


def test_escaping_in_timelinejs(nasty):
    event = json.loads(export(nasty, UNICODE_ACTOR, "--format", "timelinejs").stdout)["events"][0]
    assert "<script>" not in event["text"]["headline"]
    assert event["text"]["headline"] == 'He said "no, never", then &lt;script&gt;alert(1)&lt;/script&gt; &amp; *left*<br>the room, [twice]'
    assert "&lt;b&gt;x&lt;/b&gt;" in event["text"]["text"]
    assert '<a href="https://example.org/a?b=1&amp;c=2">Daily "Paper", p. 3</a>' in event["text"]["text"]
    assert event["group"] == UNICODE_ACTOR


def test_timelinejs_groups_are_text_not_markup(cli):
    cli("add", "<script>alert(1)</script>", "--new-actor", "--topic", "t", "--new-topic", "--kind", "statement",
        "--stance", "support", "--on", "2024-01-01", "--summary", "s")
    event = json.loads(cli("export", "--format", "timelinejs", "--group-by", "actor").stdout)["events"][0]
    assert event["group"] == "&lt;script&gt;alert(1)&lt;/script&gt;"  # TimelineJS renders group labels as HTML


def test_escaping_in_ics(nasty):
    from icalendar import Calendar

    event = Calendar.from_ical(export(nasty, UNICODE_ACTOR, "--format", "ics").stdout).walk("VEVENT")[0]
    assert NASTY_SUMMARY in str(event["DESCRIPTION"]) and NASTY_QUOTE in str(event["DESCRIPTION"])
    assert str(event["SUMMARY"]).startswith(f"{UNICODE_ACTOR} (mixed): He said")
    assert str(event["URL"]) == "https://example.org/a?b=1&c=2"


def test_escaping_in_html(nasty):
    page = export(nasty, "--format", "html", "--title", "</title><script>alert('t')</script>").stdout
    assert page.count("<script") == 2  # the data block and the page's own script, nothing injected
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;</title>" in page
    block = re.search(r'id="timeline-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and ">" not in block
    nasty_record = next(r for r in json.loads(block)["records"] if r["id"] == "nasty-1")
    assert (nasty_record["summary"], nasty_record["actor"]) == (NASTY_SUMMARY, UNICODE_ACTOR)


def test_links_that_are_not_web_addresses_are_not_links(seeded):
    add_nasty(seeded, url="javascript:alert(document.cookie)")
    page = export(seeded, "--format", "html").stdout
    data = json.loads(re.search(r'id="timeline-data">(.*?)</script>', page, re.S).group(1))
    assert next(r for r in data["records"] if r["id"] == "nasty-1")["url"] is None
    assert "](javascript:" not in export(seeded, UNICODE_ACTOR, "--format", "md").stdout
    assert "href" not in export(seeded, UNICODE_ACTOR, "--format", "timelinejs").stdout
    assert "URL:" not in export(seeded, UNICODE_ACTOR, "--format", "ics").stdout


# -- the empty timeline ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_timeline_exports_cleanly(cli, fmt):
    cli("actor", "add", "Nobody Yet")
    everyone = export(cli, "--format", fmt).stdout
    named = export(cli, "Nobody Yet", "--format", fmt).stdout
    if fmt == "json":
        assert json.loads(everyone)["records"] == []
        assert [a["name"] for a in json.loads(named)["actors"]] == [a["name"] for a in json.loads(everyone)["actors"]] == ["Nobody Yet"]
    elif fmt == "jsonl":  # the actor line only: an import re-creates the actor
        assert everyone == named == '{"type": "actor", "name": "Nobody Yet", "kind": "person"}\n'
    elif fmt == "csv":
        assert everyone.lstrip("\ufeff").splitlines() == [",".join(CSV_COLUMNS), ",,,,,Nobody Yet,,,,,,,,,,,,person,,,,,,,actor"]
    elif fmt == "md":
        assert "No change of position" in everyone and "## Nobody Yet\n\n_person_\n\nNo records in this selection." in named
    elif fmt == "timelinejs":
        assert json.loads(everyone)["events"] == []
    elif fmt == "ics":
        assert "BEGIN:VCALENDAR" in everyone and "VEVENT" not in everyone
    elif fmt == "claimreview":
        assert json.loads(everyone) == json.loads(named) == []
    else:
        assert '"records":[]' in everyone and 'id="empty"' in everyone


# -- selecting what to export ------------------------------------------------------------------------


def ids(cli: Cli, *args: str) -> list[str]:
    return [r["id"] for r in json.loads(export(cli, *args, "--format", "json").stdout)["records"]]


def test_actors_topic_and_dates_select_records(seeded_ro):
    data = json.loads(export(seeded_ro, "Rama", "Sir Keir", "Rama", "--format", "json").stdout)
    assert [a["name"] for a in data["actors"]] == ["Edi Rama", "Keir Starmer"]  # as named, once each
    assert {r["actor"] for r in data["records"]} == {"Edi Rama", "Keir Starmer"} and len(data["records"]) == 8
    assert set(ids(seeded_ro, "--topic", "rwanda-scheme")) == {"starmer-rwanda-gimmick", "starmer-scraps-rwanda", "philp-rwanda-scrapping"}
    assert len(ids(seeded_ro, "--topic", "offshoring")) == 11  # a topic includes its sub-topics
    # records whose period overlaps the range: the year 2024 overlaps June 2024 onwards
    assert ids(seeded_ro, "Keir Starmer", "--from", "2024-06", "--to", "2024-12-31") == ["starmer-rwanda-gimmick", "starmer-scraps-rwanda"]
    assert ids(seeded_ro, "--from", "2025-05-16") == []


def test_retracted_records_are_marked_and_corrections_exported_as_they_stand(seeded):
    """The importable formats carry a retracted record marked so (with its reason), so that an import
    reproduces it; the publishing formats leave it out."""
    before = json.loads(export(seeded, "--format", "json").stdout)
    published = ("md", "html", "ics", "timelinejs")  # claimreview shows changes only: never this record
    assert all("weak imitation" in export(seeded, "--format", fmt).stdout.replace("\r\n ", "") for fmt in published)
    seeded("correct", "rama-loyal-to-italy", "--stance", "mixed", "--reason", "Reread the article")
    seeded("retract", "philp-rwanda-scrapping", "--reason", "Misattributed")
    after = {r["id"]: r for r in json.loads(export(seeded, "--format", "json").stdout)["records"]}
    assert len(after) == SEEDED_RECORDS
    gone = after["philp-rwanda-scrapping"]
    assert (gone["status"], gone["retracted_reason"]) == ("retracted", "Misattributed")
    assert "retracted_reason" not in after["rama-loyal-to-italy"]
    assert after["rama-loyal-to-italy"]["stance"] == "mixed" and after["rama-loyal-to-italy"]["status"] == "corrected"
    for fmt in (*published, "claimreview"):
        assert "weak imitation" not in export(seeded, "--format", fmt).stdout.replace("\r\n ", ""), fmt
    # --known-at: as the log stood before the correction and the retraction
    moment = max(r["recorded_at"] for r in before["records"])
    then = json.loads(export(seeded, "--format", "json", "--known-at", moment).stdout)
    assert then["known_at"] == moment
    assert [(r["id"], r["stance"]) for r in then["records"]] == [(r["id"], r["stance"]) for r in before["records"]]


# -- the jsonl round trip ---------------------------------------------------------------------------


def answers(cli: Cli, topics: list[str]) -> dict:
    """Every answer `actors`, `show`, `position` (with and without topic) and `changes` give, taken
    from the library functions behind their --json output (the CLI only prints them; this is faster)."""
    from datetime import date

    from timeline import queries
    from timeline.tracker import Tracker

    def plain(value):
        if isinstance(value, dict):
            return {k: ("active" if k == "status" else plain(v)) for k, v in value.items() if k not in ("recorded_at", "known_at")}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    line = Tracker(str(cli.db))
    try:
        conn = line.reader()
        found = {"actors": queries.list_actors(conn)}
        for actor in found["actors"]:
            who = queries.resolve_actor(conn, actor["name"])
            found[f"show {who.name}"] = plain(queries.show(conn, who))
            found[f"changes {who.name}"] = queries.changes(conn, who)
            for day in (date(2024, 8, 1), date(2025, 5, 14), date(2025, 5, 15), date(2026, 1, 1)):
                found[f"position {who.name} {day}"] = plain(queries.position(conn, who, day))
                for topic in topics:
                    found[f"position {who.name} {topic} {day}"] = plain(queries.position(conn, who, day, topic=topic))
            for topic in topics:
                found[f"changes {who.name} {topic}"] = queries.changes(conn, who, topic=topic)
        return found
    finally:
        line.close()


def test_jsonl_export_imported_into_an_empty_database_gives_the_same_answers(seeded, tmp_path):
    # Two records whose periods end the same day: `position` prefers the later recorded one,
    # so the export must keep record order (here the opposite of timeline order).
    for on, stance in (("2025-12-31", "oppose"), ("2025", "support")):
        seeded("add", "Edi Rama", "--topic", "return-hubs", "--kind", "statement", "--stance", stance, "--on", on,
               "--summary", f"Tie-break {on}")
    seeded("correct", "rama-loyal-to-italy", "--stance", "mixed", "--reason", "Reread the article")
    seeded("retract", "philp-rwanda-scrapping", "--reason", "Misattributed")
    add_nasty(seeded)
    dump = export(seeded, "--format", "jsonl").stdout

    copy = Cli(tmp_path / "copy.sqlite")
    copy("import", "-", input=dump)
    topics = ["return-hubs", "rwanda-scheme", "migration-crackdown", "offshoring", "migration"]
    assert answers(copy, topics) == answers(seeded, topics)  # parent topics roll up the same way
    assert copy.json("position", "Edi Rama", "--topic", "return-hubs", "--on", "2026-01-01")["stance"] == "support"
    assert export(copy, "--format", "jsonl").stdout.count("\n") == dump.count("\n")
    # The tree travels (ancestors without records of their own get a title made from the slug).
    tree = lambda cli: {t["slug"]: t["parent"] for t in cli.json("topics")}  # noqa: E731
    assert tree(copy) == tree(seeded)


def test_csv_export_imports_back(seeded_ro, tmp_path):
    path = tmp_path / "records.csv"
    export(seeded_ro, "--format", "csv", "-o", str(path))
    copy = Cli(tmp_path / "copy.sqlite")
    copy("import", str(path))
    assert copy.json("show", "Keir Starmer")["records"] != [] and [
        {k: v for k, v in r.items() if k != "recorded_at"} for r in copy.json("show", "Keir Starmer")["records"]
    ] == [{k: v for k, v in r.items() if k != "recorded_at"} for r in seeded_ro.json("show", "Keir Starmer")["records"]]


# -- output files and errors --------------------------------------------------------------------------


def test_output_file_is_written_whole_and_says_so(seeded_ro, tmp_path):
    path = tmp_path / "hubs.ics"
    path.write_text("old calendar")
    result = export(seeded_ro, "-o", str(path))  # the format follows the suffix
    assert result.stdout == "" and f"Wrote ics to {path}." in result.stderr
    assert path.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert [p.name for p in tmp_path.iterdir()] == ["hubs.ics"]  # no temporary file left behind


def test_a_failed_write_leaves_the_old_file(seeded_ro, tmp_path, monkeypatch):
    path = tmp_path / "out.json"
    path.write_text("previous export")

    def refuse(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("timeline.exporting.files.os.replace", refuse)
    result = export(seeded_ro, "--format", "json", "-o", str(path), code=2)
    one_sentence_error(result, "No space left on device")
    assert path.read_text() == "previous export" and [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--format", "xml"], 2, "unknown export format 'xml'; choose one of json, jsonl, csv, md, timelinejs, ics, html"),
        ([], 2, "say which format to export with --format"),
        (["--format", "csv", "-o", "missing/dir/out.csv"], 2, "there is no directory missing/dir"),
        (["--format", "csv", "-o", "."], 2, "is a directory"),
        (["--format", "json", "--group-by", "topic"], 2, "--group-by applies to the timelinejs format only"),
        (["--format", "timelinejs", "--group-by", "party"], 2, "unknown --group-by 'party'"),
        (["--format", "json", "--from", "2025-06", "--to", "2025-01"], 2, "--from 2025-06-01 is after --to 2025-01-31"),
        (["--format", "json", "--from", "blursday"], 2, "cannot understand the date 'blursday'"),
        (["--format", "json", "--known-at", "whenever-ish"], 2, "cannot understand the time"),
        (["Nobody At All", "--format", "json"], 1, "unknown actor 'Nobody At All'"),
        (["Prime Minister", "--format", "json"], 1, "ambiguous: it may mean Edi Rama, Keir Starmer"),
        (["--topic", "retrun-hubs", "--format", "json"], 1, "did you mean return-hubs"),
    ],
)
def test_bad_input_is_one_sentence_and_writes_nothing(seeded_ro, tmp_path, args, code, message):
    before = set(tmp_path.iterdir())
    result = export(seeded_ro, *args, code=code)
    one_sentence_error(result, message)
    assert result.stdout == "" and set(tmp_path.iterdir()) == before


def test_missing_database_is_an_error_not_a_new_store(tmp_path):
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "none.sqlite"), "export", "--format", "json"])
    assert result.exit_code == 1 and "no timeline database" in result.stderr
    assert not (tmp_path / "none.sqlite").exists()


def test_csv_cells_never_start_a_formula_and_import_undoes_the_guard(cli, tmp_path):
    cli("add", "Eve", "--topic", "tax", "--kind", "statement", "--stance", "support", "--on", "2025-01-01",
        "--summary", '=HYPERLINK("http://evil.example","x")', "--quote", "+cmd|x", "--source", "@SUM(1)",
        "--new-actor", "--new-topic")
    text = cli("export", "--format", "csv").stdout
    assert "'=HYPERLINK" in text and "'+cmd|x" in text and "'@SUM(1)" in text
    path = tmp_path / "out.csv"
    path.write_text(text, encoding="utf-8")
    copy = Cli(tmp_path / "copy.sqlite")
    copy("import", str(path))
    record = copy.json("show", "Eve")["records"][0]
    assert (record["summary"], record["quote"], record["source"]) == ('=HYPERLINK("http://evil.example","x")', "+cmd|x", "@SUM(1)")


def test_a_symlink_stays_a_link_and_its_file_gets_the_export(seeded_ro, tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    export(seeded_ro, "--format", "csv", "-o", str(link))
    assert link.is_symlink() and real.read_text(encoding="utf-8-sig").startswith("id,")


def test_a_fifo_is_written_to_not_replaced(seeded_ro, tmp_path):
    import os
    import threading

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    export(seeded_ro, "--format", "csv", "-o", str(fifo))
    reader.join(timeout=10)
    assert got and got[0].lstrip(b"\xef\xbb\xbf").startswith(b"id,") and fifo.is_fifo()
