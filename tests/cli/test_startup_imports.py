"""The read commands start light (issue 17): what a whole `timeline` process imports, watched from a
fresh interpreter. A behavioural guard, not a timing test: a heavy library creeping onto the read
path shows up here as a name in `sys.modules`, whatever the machine's speed."""

import ast
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEEDS

# Loaded by none of the JSON read commands on a store whose read model is current.
HEAVY = [
    "rich",  # human output only
    "dateparser",  # natural-language dates only; ISO and EDTF dates never
    "eventsourcing",  # the event store: opened only when the read model must catch up
    "sqlite_utils",  # the read model is read with sqlite3
    "psycopg",  # PostgreSQL stores only
    "icalendar", "orjson", "edtf",
    "typer.rich_utils",  # typer's rich help and tracebacks
    "importlib.metadata",  # version look-ups
    "dataclasses",
    "hashlib", "_hashlib",  # OpenSSL: the view's digests use `_blake2`/`_sha256` straight
    "timeline.store.application",  # the eventsourcing application
]

READS = {
    "position": ["position", "Keir Starmer", "--topic", "offshoring", "--on", "2024-08-01", "--json"],
    "show": ["show", "Keir Starmer", "--topic", "offshoring", "--json"],
    "changes": ["changes", "Keir Starmer", "--json"],
    "stances": ["stances", "--topic", "offshoring", "--on", "2025-05-16", "--json"],
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from tests.conftest import Cli

    cli = Cli(tmp_path_factory.mktemp("startup") / "t.sqlite")
    cli("seed", str(SEEDS))
    cli("position", "Keir Starmer", "--json")  # the read model is current: reads need no catch-up
    return cli


def imported(store, args: list[str], tmp_path) -> tuple[set[str], str]:
    """The modules a whole `timeline --db STORE ARGS…` process had imported when it ended, and its stdout."""
    listing = tmp_path / "modules.json"
    code = (  # the probe writes the list with repr, so that it imports nothing the command might not
        "import atexit, sys\n"
        f"atexit.register(lambda: open({str(listing)!r}, 'w').write(repr(sorted(sys.modules))))\n"
        "from timeline.cli import app\n"
        "app()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", code, "--db", str(store.db), *args],
                         capture_output=True, text=True, env=env, check=True)
    return set(ast.literal_eval(listing.read_text())), run.stdout


def loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(module.startswith(f"{name}.") for module in modules)


@pytest.mark.parametrize("command", READS, ids=str)
def test_a_json_read_loads_no_heavy_library(store, command, tmp_path):
    modules, out = imported(store, READS[command], tmp_path)
    assert json.loads(out)  # it answered
    assert [name for name in HEAVY if loaded(modules, name)] == []


def test_position_loads_only_the_query_modules_it_asks(store, tmp_path):
    modules, _ = imported(store, READS["position"], tmp_path)
    assert {"timeline.queries.names", "timeline.queries.positions", "timeline.cli.position"} <= modules
    assert not {"timeline.queries.across", "timeline.queries.manypositions", "timeline.queries.pages"} & modules
    # one command is built: the modules of the other commands are not imported
    assert not {"timeline.cli.writing", "timeline.cli.across", "timeline.cli.catalog", "timeline.cli.render",
                "timeline.cli.reading"} & modules


# What `position --json` does without since the fourth start-up pass (issue 17): an answer whose record
# has no extra fields is written without `json`, no change is graded (the vocabulary's enums), the
# whole log is not read (only a rebuild does).
POSITION_SPARES = ["json", "events.vocabulary", "timeline.readmodel.logrows"]


def test_position_json_spares_what_it_does_not_use(store, tmp_path):
    args = ["position", "Edi Rama", "--topic", "return-hubs", "--on", "2025-06-01", "--json"]
    modules, out = imported(store, args, tmp_path)
    answer = json.loads(out)
    assert answer["stance"] == "oppose" and answer["record"]["extra"] == {}  # a record without extra fields
    assert [name for name in POSITION_SPARES if loaded(modules, name)] == []


def test_the_probe_sees_json_and_the_vocabulary_where_they_are_used(store, tmp_path):
    """`changes` grades changes (the vocabulary), and a record with extra fields (Keir Starmer's on
    offshoring has a date note) is read with `json`: the probe sees both, so their absence above is a
    finding, not a blind spot."""
    modules, out = imported(store, READS["changes"], tmp_path)
    assert json.loads(out) and loaded(modules, "events.vocabulary")
    modules, out = imported(store, READS["position"], tmp_path)
    assert json.loads(out)["record"]["extra"] and loaded(modules, "json")


def test_the_probe_sees_what_a_command_does_load(store, tmp_path):
    """The same probe on questions that do need them: human output loads rich, a date in words
    loads dateparser (so the absence above is a finding, not a blind spot)."""
    modules, out = imported(store, ["position", "Keir Starmer", "--topic", "offshoring", "--on", "1 August 2024"], tmp_path)
    assert loaded(modules, "rich") and loaded(modules, "dateparser")
    assert "Keir Starmer" in out


def test_an_import_into_a_new_store_does_not_load_sqlite_utils(tmp_path):
    """Creating the read model writes sqlite-utils' statements itself (≈ 0.1 s of every import into a
    new store, issue 17 sixth pass)."""
    from tests.conftest import Cli

    cli = Cli(tmp_path / "new.sqlite")
    modules, out = imported(cli, ["import", str(SEEDS / "2025-05-16-starmer-albania-return-hubs.jsonl"), "--json"], tmp_path)
    assert json.loads(out)["added"] > 0
    assert not loaded(modules, "sqlite_utils")
