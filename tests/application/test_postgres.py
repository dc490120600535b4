"""The shared PostgreSQL store: URLs and their secrets, clear failures, one view per store, and
several writers at once. (The whole end-to-end suite also runs on PostgreSQL: see conftest.py.)"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import POSTGRES_URL_VARIABLE, ROOT, SEEDS, Cli, postgres_event_rows, snapshot
from timeline.cli import app
from timeline.errors import InputError
from timeline.store.postgres import CONNECT_TIMEOUT, EVENTS_TABLE, parse_location
from timeline.store import redact

SECRET = "s3cr3t-Pa55"


def server(**changes: str) -> str:
    """A URL on the test server with another user, password or database."""
    base = os.environ.get(POSTGRES_URL_VARIABLE)
    if not base:
        pytest.skip(f"needs a PostgreSQL server: set {POSTGRES_URL_VARIABLE}")
    where = parse_location(base)
    user, password, dbname = changes.get("user", where.user), changes.get("password"), changes.get("dbname", where.dbname)
    auth = f"{user}:{password}" if password else user
    return f"postgresql://{auth}@{where.server}/{dbname}"


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env=env)


def one_sentence(result) -> str:
    assert result.exit_code != 0, result.stdout
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


# -- URLs --------------------------------------------------------------------------------------------


def test_url_parts_are_percent_decoded_with_defaults(monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    where = parse_location("postgresql://news%40desk:p%2Fw%3Ad@db.example.org/team%20log?schema=newsroom")
    assert (where.user, where.password, where.host, where.port, where.dbname, where.schema) == (
        "news@desk", "p/w:d", "db.example.org", 5432, "team log", "newsroom")
    assert where.connect_timeout == CONNECT_TIMEOUT <= 5
    assert "p/w:d" not in where.label() and "p/w:d" not in repr(where)
    assert where.label() == "postgresql://news@desk@db.example.org:5432/team log?schema=newsroom"
    plain = parse_location("postgres://alice@[::1]:6543/t?connect_timeout=2")
    assert (plain.host, plain.port, plain.schema, plain.connect_timeout, plain.password) == ("::1", 6543, "public", 2, None)
    assert plain.identity() == "postgresql://[::1]:6543/t?schema=public"


def test_password_from_pgpassword_when_the_url_has_none(monkeypatch):
    monkeypatch.setenv("PGPASSWORD", "from-env")
    assert parse_location("postgresql://alice@h/db").password == "from-env"
    assert parse_location("postgresql://alice:from-url@h/db").password == "from-url"


@pytest.mark.parametrize(
    "url, words",
    [
        (f"postgresql://alice:{SECRET}@h:99999/db", "the port must be a number"),
        (f"postgresql://alice:{SECRET}@h:port/db", "the port must be a number"),
        (f"postgresql://alice:{SECRET}@h", "names no database"),
        (f"postgresql://alice:{SECRET}@h/db?sslmod=require", "unknown parameter 'sslmod'"),  # a typo; sslmode is fine
        (f"postgresql://alice:{SECRET}@h/db?schema=Team-Log", "schema name is lower-case"),
        (f"postgresql://alice:{SECRET}@h/db?connect_timeout=soon", "connect_timeout is a number"),
        ("postgresql://alice:s3cr/3t-Pa55@h/db", "percent-encode"),
        ("postgresql://alice:1234/s3cr3t@h/db", "percent-encode"),
    ],
)
def test_a_malformed_url_is_one_sentence_without_the_password(url, words):
    with pytest.raises(InputError) as caught:
        parse_location(url)
    assert words in str(caught.value)
    for part in ("s3cr3t", "Pa55", "1234"):
        assert part not in str(caught.value)
    result = invoke("--db", url, "actors")
    assert result.exit_code == 2 and words in one_sentence(result) and "s3cr3t" not in result.stderr


def test_redact_hides_every_password_form():
    assert redact(f"postgresql://alice:{SECRET}@h:5432/db") == "postgresql://alice:***@h:5432/db"
    assert redact("postgres://alice:p@ss@h/db") == "postgres://alice:***@h/db"
    assert redact("postgresql://alice@h/db?password=x1&schema=s") == "postgresql://alice@h/db?password=***&schema=s"
    assert redact("postgresql://alice@h/db") == "postgresql://alice@h/db"
    assert redact("db/timeline.sqlite") == "db/timeline.sqlite"


def test_help_never_shows_the_password():
    env = {"TIMELINE_DB": f"postgresql://alice:{SECRET}@db.example.org/team"}
    for args in (["--help"], ["add", "--help"], ["migrate", "--help"]):
        result = invoke(*args, env=env)
        assert result.exit_code == 0 and SECRET not in result.output


# -- failing clearly -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_refused_connection_is_one_sentence_without_the_password():
    result = invoke("--db", f"postgresql://alice:{SECRET}@127.0.0.1:{free_port()}/team", "show", "Keir Starmer")
    message = one_sentence(result)
    assert result.exit_code == 1 and "connection refused" in message and "is the server running" in message
    assert SECRET not in result.output + result.stderr


def test_a_server_that_does_not_answer_times_out_within_seconds(tmp_path):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts the TCP handshake, then never speaks
    try:
        url = f"postgresql://alice:{SECRET}@127.0.0.1:{silent.getsockname()[1]}/team"
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "timeline.cli", "--db", url, "actors"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60)
        elapsed = time.monotonic() - started
    finally:
        silent.close()
    assert done.returncode == 1 and f"did not answer within {CONNECT_TIMEOUT} seconds" in done.stderr
    assert "Traceback" not in done.stderr and SECRET not in done.stderr + done.stdout
    assert CONNECT_TIMEOUT <= elapsed < CONNECT_TIMEOUT + 4


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"dbname": "no_such_database_here"}, "has no database no_such_database_here; create it first"),
        ({"user": "no_such_user_here"}, "has no user no_such_user_here"),
    ],
)
def test_missing_database_or_user_is_one_sentence_without_the_password(changes, words):
    url = server(password=SECRET, **changes)
    started = time.monotonic()
    result = invoke("--db", url, "add", "Keir Starmer", "--topic", "t", "--kind", "statement", "--stance",
                    "support", "--on", "2025-05-16", "--summary", "x")
    assert time.monotonic() - started < 5
    assert result.exit_code == 1 and words in one_sentence(result)
    assert SECRET not in result.output + result.stderr


@pytest.fixture(scope="module")
def password_server() -> Iterator[int]:
    """A private PostgreSQL server on a free loopback port that demands a password (scram-sha-256;
    the shared test server trusts everyone). Its password is "right-one"."""
    import pwd
    import shutil
    import tempfile

    bindir = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)
    if bindir is None or not (bindir / "initdb").exists():
        pytest.skip("needs PostgreSQL's server programs (initdb, pg_ctl)")
    as_owner: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="timeline-pgauth-"))
    if os.geteuid() == 0:  # initdb refuses to run as root
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("needs a postgres user to run a private server as root")
        as_owner = ["runuser", "-u", "postgres", "--"]
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    (folder / "pw").write_text("right-one\n")
    os.chmod(folder / "pw", 0o644)
    port = free_port()
    data = folder / "data"
    try:
        subprocess.run([*as_owner, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=scram-sha-256",
                        f"--pwfile={folder / 'pw'}"], check=True, capture_output=True, timeout=120)
        subprocess.run([*as_owner, str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"), "-o",
                        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start"],
                       check=True, capture_output=True, timeout=120)
        yield port
    finally:
        subprocess.run([*as_owner, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_wrong_or_missing_password_is_one_sentence_and_never_shown(password_server, monkeypatch, tmp_path):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no.pgpass"))
    where = f"127.0.0.1:{password_server}/postgres"
    wrong = invoke("--db", f"postgresql://postgres:{SECRET}@{where}", "actor", "add", "Keir Starmer")
    assert wrong.exit_code == 1 and "refused the password for user postgres" in one_sentence(wrong)
    assert SECRET not in wrong.output + wrong.stderr
    missing = invoke("--db", f"postgresql://postgres@{where}", "actors")
    assert "wants a password for user postgres; put it in the URL or in PGPASSWORD" in one_sentence(missing)
    monkeypatch.setenv("PGPASSWORD", SECRET)
    from_env = invoke("--db", f"postgresql://postgres@{where}", "actors")
    assert "refused the password" in one_sentence(from_env) and SECRET not in from_env.stderr
    monkeypatch.setenv("PGPASSWORD", "right-one")
    assert invoke("--db", f"postgresql://postgres@{where}?schema=team", "actor", "add", "Keir Starmer").exit_code == 0
    monkeypatch.delenv("PGPASSWORD")
    listed = invoke("--db", f"postgresql://postgres:right-one@{where}?schema=team", "actors", "--json")
    assert [a["name"] for a in json.loads(listed.stdout)] == ["Keir Starmer"]


# -- the store on the server ----------------------------------------------------------------------------


def tables_in(url: str) -> list[str]:
    from timeline.store.postgres import connect

    where = parse_location(url)
    with connect(where) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", (where.schema,)).fetchall()
    return [row[0] for row in rows]


def test_reading_a_missing_store_creates_nothing(pg_url):
    result = Cli(pg_url)("position", "Keir Starmer", code=1)
    assert "there is no timeline database at postgresql://" in result.stderr and "run 'timeline seed'" in result.stderr
    assert tables_in(pg_url) == []


def test_first_write_creates_the_schema_and_table(pg_url):
    fresh = pg_url + "_new"  # a schema that does not exist yet
    try:
        Cli(fresh)("actor", "add", "Keir Starmer")
        assert tables_in(fresh) == [EVENTS_TABLE]
        assert Cli(fresh).json("actors")[0]["name"] == "Keir Starmer"
    finally:
        drop_schema(fresh)


def drop_schema(url: str) -> None:
    from psycopg import sql

    from timeline.store.postgres import connect

    where = parse_location(url)
    with connect(where) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(where.schema)))


def test_first_writers_at_once_create_the_store_once(pg_url, tmp_path):
    """Creating the schema and the library's table, type and function is not safe to run twice at
    once (duplicate key in pg_namespace / pg_type); eight writers released together must all land."""
    import threading

    from timeline.tracker import Tracker

    fresh = pg_url + "_new"  # neither the schema nor the table exists yet
    names = [f"Writer {n}" for n in range(8)]
    gate, failures = threading.Barrier(len(names)), []

    def first_write(name: str) -> None:
        line = Tracker(fresh, tmp_path / f"{name}.view.sqlite")
        gate.wait()
        try:
            line.add_actor(name, new_actor=True)  # close names on purpose: not a near-duplicate test
        except Exception as error:  # collected, so the assertion shows every one
            failures.append(f"{name}: {error}")
        finally:
            line.close()

    try:
        threads = [threading.Thread(target=first_write, args=(name,)) for name in names]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert failures == []
        assert tables_in(fresh) == [EVENTS_TABLE]
        assert sorted(a["name"] for a in Cli(fresh).json("actors")) == names
    finally:
        drop_schema(fresh)


def test_rebuild_from_postgres_equals_the_incremental_view(pg_url, tmp_path):
    from timeline.readmodel.view import View
    from timeline.tracker import Tracker

    cli = Cli(pg_url)
    cli("seed", str(SEEDS))
    cli("correct", "rama-loyal-to-italy", "--stance", "mixed", "--reason", "Nuance")
    cli("retract", "philp-trip-embarrassment", "--reason", "Misattributed")
    line = Tracker(pg_url)
    try:
        incremental = snapshot(line.reader())
        fresh = View(tmp_path / "fresh.view.sqlite")
        assert fresh.rebuild(line.app()) == cli.event_count()
        assert snapshot(fresh.conn) == incremental
        fresh.close()
    finally:
        line.close()


def test_one_view_file_used_with_two_stores_is_rebuilt_for_each(pg_url, tmp_path, monkeypatch):
    """Both logs begin with the same seeded events (ids come from names); the event at the view's
    position (its record time) tells them apart (one view file named for both with TIMELINE_VIEW)."""
    view = tmp_path / "db" / "timeline.view.sqlite"
    monkeypatch.setenv("TIMELINE_VIEW", str(view))
    personal, team = Cli(tmp_path / "db" / "timeline.sqlite"), Cli(pg_url)
    (tmp_path / "db").mkdir()
    personal("seed", str(SEEDS))
    personal("add", "Keir Starmer", "--topic", "return-hubs", "--kind", "statement", "--stance", "mixed",
             "--on", "2025-06-01", "--summary", "Only in the personal log")
    assert personal.view_path == team.view_path == view
    teammate = CliRunner()  # seeds the team store through a view of its own
    env = {"TIMELINE_VIEW": str(tmp_path / "teammate.view.sqlite")}
    add = ["add", "Edi Rama", "--topic", "return-hubs", "--kind", "statement", "--stance", "oppose"]
    for args in (["seed", str(SEEDS)], [*add, "--on", "2025-06-02", "--summary", "Only in the team log"],
                 [*add, "--on", "2025-06-03", "--summary", "Team again"]):
        assert teammate.invoke(app, ["--db", pg_url, *args], env=env).exit_code == 0
    summaries = lambda cli, who: {r["summary"] for r in cli.json("show", who)["records"]}  # noqa: E731
    result = team("show", "Edi Rama", "--json")
    assert "belongs to another event log" in result.stderr and "rebuilding it" in result.stderr
    assert {"Only in the team log", "Team again"} <= {r["summary"] for r in json.loads(result.stdout)["records"]}
    assert "Only in the personal log" not in summaries(team, "Keir Starmer")
    assert "Only in the personal log" in summaries(personal, "Keir Starmer")
    assert "Only in the team log" not in summaries(personal, "Edi Rama")
    assert len(team.json("log")) == team.event_count()


# -- several writers at once -----------------------------------------------------------------------------

WORKER = textwrap.dedent(
    """
    import json, sys, time
    from typer.testing import CliRunner
    from timeline.cli import app

    url, worker, start_at, import_file, count = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], int(sys.argv[5])
    runner = CliRunner()
    failures, imported = [], None

    def run(*args):
        result = runner.invoke(app, ["--db", url, *args])
        if result.exit_code != 0:
            failures.append(f"{' '.join(args[:2])}: exit {result.exit_code}: {result.stderr.strip()}")
        return result

    def adds():
        for i in range(count):
            # Same actor, day and kind for everyone: the readable ids collide on purpose.
            run("add", ["Alice Example", "Bob Example"][i % 2], "--topic", f"topic-{i % 3}", "--kind", "statement",
                "--stance", "support", "--on", "2025-05-15", "--summary", f"worker {worker} record {i}",
                "--new-actor", "--new-topic")

    def import_():
        global imported
        result = run("import", import_file, "--json")
        if result.exit_code == 0:
            imported = json.loads(result.stdout)

    time.sleep(max(0.0, start_at - time.time()))
    # Everyone corrects the same record at the same moment: each correction must land, in turn.
    run("correct", "contested", "--summary", f"corrected by worker {worker}", "--reason", f"worker {worker}")
    for step in ((import_, adds) if worker % 2 == 0 else (adds, import_)):
        step()
    print(json.dumps({"failures": failures, "imported": imported}))
    """
)


def test_concurrent_writers_lose_nothing_and_duplicate_nothing(pg_url, tmp_path):
    workers, count = 4, 50
    lines = [
        {"id": f"imp-{i}", "actor": "Carol Example", "topic": "shared-import", "kind": "decision", "stance": "oppose",
         "date": f"2024-01-{1 + i % 28:02d}", "summary": f"imported with id {i}"}
        for i in range(50)
    ] + [
        # No id: idempotent by content; the first ten share the adds' actor, day and kind.
        {"actor": "Alice Example" if i < 10 else "Dan Example", "topic": "topic-0" if i < 10 else "shared-import",
         "kind": "statement", "stance": "neutral", "date": "2025-05-15" if i < 10 else f"2023-{1 + i % 12:02d}",
         "summary": f"imported without id {i}"}
        for i in range(50)
    ]
    source = tmp_path / "shared.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    cli = Cli(pg_url)
    cli("add", "Erin Example", "--topic", "contested", "--kind", "statement", "--stance", "mixed", "--on", "2025-01-01",
        "--summary", "The record everyone corrects", "--id", "contested", "--new-topic")
    start_at = time.time() + 2.5
    views = [tmp_path / "machine-a.view.sqlite"] * 2 + [tmp_path / f"machine-{w}.view.sqlite" for w in "bc"]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, pg_url, str(w), str(start_at), str(source), str(count)],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "TIMELINE_VIEW": str(views[w]), "PYTHONPATH": str(ROOT)},
        )
        for w in range(workers)
    ]
    reports = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    assert [r["failures"] for r in reports] == [[]] * workers
    assert sum(r["imported"]["added"] for r in reports) == len(lines)
    assert all(r["imported"]["added"] + r["imported"]["unchanged"] == len(lines) for r in reports)

    records = [r for who in ("Alice Example", "Bob Example", "Carol Example", "Dan Example")
               for r in cli.json("show", who)["records"]]
    summaries = sorted(r["summary"] for r in records)
    expected = sorted([f"worker {w} record {i}" for w in range(workers) for i in range(count)]
                      + [line["summary"] for line in lines])
    assert summaries == expected  # every record exactly once
    assert len({r["id"] for r in records}) == len(records) == workers * count + len(lines)
    made = [e for e in cli.json("log") if e["event"] in ("StatementMade", "DecisionTaken")]
    assert len(made) == len(records) + 1  # and no duplicate creation event either (+1: contested)
    history = cli.json("history", "contested")
    assert sorted(v["reason"] for v in history[1:]) == [f"worker {w}" for w in range(workers)]  # each landed
    assert history[-1]["record"]["summary"] == f"corrected by {history[-1]['reason']}"

    from timeline.readmodel.view import View
    from timeline.tracker import Tracker

    for path in set(views):
        line = Tracker(pg_url, path)
        try:
            local = snapshot(line.reader())
            fresh = View(tmp_path / f"rebuilt-{path.name}")
            fresh.rebuild(line.app())
            assert snapshot(fresh.conn) == local, f"{path.name} differs from a rebuild"
            fresh.close()
        finally:
            line.close()


# -- bulk import by COPY -------------------------------------------------------------------------


def test_the_bulk_recorder_stores_what_the_library_recorder_stores(pg_url, tmp_path):
    """The COPY recorder (timeline.store.bulkpostgres, used by import) against the library's own
    recorder on the same events: the same rows, the same increasing notification ids returned,
    the same refusal of an event stored twice; an import through it verifies sound."""
    import uuid

    from eventsourcing.persistence import IntegrityError, StoredEvent

    from timeline.store.bulkpostgres import BulkPostgresRecorder
    from timeline.store.postgres import open_postgres

    other = pg_url + "_library"
    events = [StoredEvent(uuid.uuid5(uuid.NAMESPACE_URL, f"e{i // 3}"), i % 3 + 1, f"topic:{i % 5}",
                          json.dumps({"n": i, "text": "Orbán\u2019s \\ \"quote\"\n"}).encode()) for i in range(200)]
    apps = {"bulk": open_postgres(pg_url, create=True, bulk=True), "library": open_postgres(other, create=True)}
    try:
        assert type(apps["bulk"].recorder) is BulkPostgresRecorder
        assert type(apps["library"].recorder) is not BulkPostgresRecorder
        returned = {name: [*app.recorder.insert_events(events[:5]), *app.recorder.insert_events(events[5:])]
                    for name, app in apps.items()}  # 5: below COPY_FROM, the library's insert
        assert returned["bulk"] == returned["library"] == list(range(1, 201))
        stored = {"bulk": postgres_event_rows(pg_url), "library": postgres_event_rows(other)}
        assert stored["bulk"] == stored["library"] and len(stored["bulk"]) == 200
        for app in apps.values():  # an event stored twice is refused, and nothing of the batch lands
            with pytest.raises(IntegrityError):
                app.recorder.insert_events([StoredEvent(uuid.uuid4(), 1, "t", b"{}") for _ in range(99)] + events[:1])
            assert app.recorder.max_notification_id() == 200
    finally:
        for app in apps.values():
            app.close()
        drop_schema(other)
    records = tmp_path / "many.jsonl"
    records.write_text("".join(json.dumps({"actor": f"Actor {i % 7}", "topic": "bulk", "kind": "statement",
                                           "stance": "support", "date": f"2024-01-{1 + i % 28:02d}",
                                           "summary": f"line {i}"}) + "\n" for i in range(300)))
    cli = Cli(pg_url + "_import")
    try:
        assert cli.json("import", str(records))["added"] == 300
        assert cli.json("verify")["sound"]
    finally:
        drop_schema(pg_url + "_import")
