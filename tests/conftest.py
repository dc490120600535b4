"""Fixtures: a fresh store in a temp dir (SQLite, and PostgreSQL when configured), a CLI runner
bound to it, and a seeded store.

The end-to-end tests (`cli`, `seeded`) run once on a SQLite file and once on PostgreSQL, in a
schema of its own that is dropped afterwards. The PostgreSQL runs need a server:

    TIMELINE_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test python -m pytest

Unset, they are skipped (saying so); set but unreachable, they fail.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
POSTGRES_URL_VARIABLE = "TIMELINE_TEST_POSTGRES_URL"
POSTGRES_OFF = (
    f"PostgreSQL tests are off: set {POSTGRES_URL_VARIABLE}=postgresql://postgres@127.0.0.1:5432/test "
    "(any database you may create schemas in) to run them"
)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """No test sees the developer's TIMELINE_* settings or writes into the repo's db/."""
    for name in ("TIMELINE_DB", "TIMELINE_VIEW"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))  # views of PostgreSQL stores
    monkeypatch.chdir(tmp_path)


# -- PostgreSQL ------------------------------------------------------------------------------------


def with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}schema={schema}"


@contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """A fresh, empty schema in the test database: yields the store URL that uses it, then drops it."""
    from psycopg import sql

    from timeline.errors import TimelineError
    from timeline.store.postgres import connect, parse_location

    try:
        conn = connect(parse_location(url))
    except TimelineError as error:
        pytest.fail(f"{POSTGRES_URL_VARIABLE} is set, but {error}", pytrace=False)
    schema = f"t_{uuid.uuid4().hex[:16]}"
    try:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        yield with_schema(url, schema)
    finally:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
        conn.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a fresh PostgreSQL store (own schema); skipped when no server is configured."""
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        pytest.skip(POSTGRES_OFF)
    with postgres_schema(url) as store_url:
        yield store_url


# -- the store under test, and the CLI on it --------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgres"])
def timeline_store(request, tmp_path) -> str:
    """Where the end-to-end tests keep their events: a SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "timeline.sqlite")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def db_path(request, tmp_path) -> Path:
    """The SQLite store file; tests that look at the file itself do not run on PostgreSQL."""
    if getattr(request.node, "callspec", None) and request.node.callspec.params.get("timeline_store") == "postgres":
        pytest.skip("looks at the SQLite store file itself")
    return tmp_path / "timeline.sqlite"


class Cli:
    """Invoke the real CLI against one store (a path or a URL); `.json()` parses stdout."""

    def __init__(self, db: Path | str) -> None:
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, code: int | None = 0):
        result = self.runner.invoke(app, ["--db", str(self.db), *args], input=input)
        if code is not None:
            assert result.exit_code == code, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        return result

    def json(self, *args: str):
        result = self(*args, "--json")
        return json.loads(result.stdout)

    @property
    def view_path(self) -> Path:
        """The read model the CLI uses for this store (its default place)."""
        from timeline.readmodel.place import default_view_path

        return Path.cwd() / default_view_path(str(self.db))

    def event_count(self) -> int:
        """How many events the store holds (0 when there is no store yet), whatever the store."""
        from timeline.errors import DomainError
        from timeline.store import open_store

        try:
            store = open_store(str(self.db), create=False)
        except DomainError as error:
            if "there is no timeline database" in str(error):
                return 0
            raise
        try:
            count, start = 0, 0
            while batch := store.recorder.select_notifications(start=start, limit=1000, inclusive_of_start=False):
                count += len(batch)
                start = batch[-1].id
            return count
        finally:
            store.close()


@pytest.fixture
def tracker(db_path):
    """The application over a fresh store (application tests, no CLI)."""
    from timeline.tracker import Tracker

    opened = Tracker(str(db_path))
    yield opened
    opened.close()


@pytest.fixture
def cli(timeline_store) -> Cli:
    return Cli(timeline_store)


@pytest.fixture
def seeded(cli) -> Cli:
    cli("seed", str(SEEDS))
    return cli


def snapshot(conn):
    """Every derived table of a read model, sorted: two views that answer alike compare equal."""
    from timeline.readmodel.schema import DERIVED_TABLES

    # The full-text index's rowid is the record's seq, which search ranks ties by: compared too.
    return {t: sorted(map(tuple, conn.execute(f"SELECT {'rowid, ' if t == 'records_fts' else ''}* FROM {t}").fetchall()))
            for t in DERIVED_TABLES}


def library_events(store, limit: int = 100_000) -> list:
    """Every event of a SQLite store, decoded by the eventsourcing library's own application, recorder
    and JSONTranscoder (plus our two transcodings): what any reader of the stored format sees."""
    from eventsourcing.application import Application
    from eventsourcing.persistence import JSONTranscoder

    from timeline.store.application import DateAsISO, PartialDateAsISO

    class Plain(Application):
        name = "timeline"

        def register_transcodings(self, transcoder):
            super().register_transcodings(transcoder)
            transcoder.register(PartialDateAsISO())
            transcoder.register(DateAsISO())

    app = Plain(env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(store)})
    assert type(app.mapper.transcoder) is JSONTranscoder
    return [app.mapper.to_domain_event(n) for n in app.recorder.select_notifications(start=1, limit=limit)]


def postgres_event_rows(url: str) -> list[tuple]:
    """Every stored event row of the PostgreSQL store at `url` (its own schema), in notification order."""
    from timeline.store.postgres import EVENTS_TABLE, connect, parse_location

    where = parse_location(url)
    with connect(where) as conn:
        return conn.execute(
            f'SELECT notification_id, originator_id, originator_version, topic, state '
            f'FROM "{where.schema}"."{EVENTS_TABLE}" ORDER BY notification_id').fetchall()
