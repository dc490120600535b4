"""PostgreSQL in real life: where the view of a shared store lives, the URLs providers hand out,
and servers that go away or refuse a table."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import Cli

ADD = ["--topic", "load", "--kind", "statement", "--stance", "support", "--on", "2025-01-01", "--new-actor", "--new-topic"]


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def test_the_view_of_a_postgres_store_is_one_file_in_the_data_directory(pg_url, tmp_path, monkeypatch):
    data = tmp_path / "xdg-data"
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    monkeypatch.chdir(one)
    Cli(pg_url)("add", "Shared Minister", *ADD, "--summary", "first")
    monkeypatch.chdir(two)
    result = Cli(pg_url)("show", "Shared Minister", "--json")
    assert "rebuilding" not in result.stderr and '"first"' in result.stdout
    assert files_under(one) == files_under(two) == set()  # nothing under the working directories
    views = list((data / "timeline" / "views").glob("*.view.sqlite"))
    assert len(views) == 1
    monkeypatch.setenv("TIMELINE_VIEW", str(tmp_path / "mine.view.sqlite"))  # still overridable
    Cli(pg_url)("show", "Shared Minister")
    assert (tmp_path / "mine.view.sqlite").exists()


# -- URLs as providers hand them out (item 16) ------------------------------------------------------------

SECRET = "s3cr3t-Pa55"


def test_libpq_parameters_pass_through_and_never_show_the_password():
    from timeline.store.postgres import parse_location

    where = parse_location(f"postgresql://alice:{SECRET}@db.example.com/app?sslmode=require&application_name=tl&schema=team")
    kwargs = where.connect_kwargs()
    assert (kwargs["sslmode"], kwargs["application_name"], where.schema) == ("require", "tl", "team")
    assert SECRET not in repr(where) and SECRET not in where.label() and SECRET not in where.identity()
    socket = parse_location("postgresql:///app?host=/run/postgresql&user=alice&port=6000")
    assert (socket.host, socket.port, socket.user, socket.dbname) == ("/run/postgresql", 6000, "alice", "app")
    assert socket.label() == "postgresql://alice@/app?host=/run/postgresql&port=6000"
    hidden = parse_location(f"postgresql://alice@h/app?password={SECRET}")
    assert hidden.password == SECRET and SECRET not in hidden.label()


def test_sslmode_reaches_the_server_in_one_sentence_without_the_password(pg_url):
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(pg_url)
    netloc = parts.netloc.replace("@", f":{SECRET}@", 1) if "@" in parts.netloc else parts.netloc
    secret_url = urlunsplit(parts._replace(netloc=netloc))
    # This test server has no SSL: sslmode=require must reach libpq and be refused by it, not by us.
    result = Cli(f"{secret_url}&sslmode=require")("actors", code=None)
    assert result.exit_code == 1 and "SSL" in result.stderr and "unknown parameter" not in result.stderr
    assert SECRET not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    cli = Cli(f"{pg_url}&sslmode=prefer&application_name=timeline-test")
    cli("add", "Shared Minister", *ADD, "--summary", "over prefer")
    assert cli.json("show", "Shared Minister")["records"][0]["summary"] == "over prefer"


def test_a_unix_socket_url_reaches_the_same_store(pg_url):
    from urllib.parse import parse_qs, urlsplit

    socket_dir = "/var/run/postgresql"
    parts = urlsplit(pg_url)
    if not Path(socket_dir, f".s.PGSQL.{parts.port or 5432}").exists():
        import pytest

        pytest.skip(f"no PostgreSQL Unix socket under {socket_dir}")
    schema = parse_qs(parts.query)["schema"][0]
    Cli(pg_url)("add", "Shared Minister", *ADD, "--summary", "over TCP")
    user, db = parts.username, parts.path.lstrip("/")
    for url in (f"postgresql://{user}@/{db}?schema={schema}",
                f"postgresql:///{db}?host={socket_dir}&user={user}&schema={schema}"):
        result = Cli(url)("show", "Shared Minister", "--json")
        assert "over TCP" in result.stdout, result.stderr


# -- a server that refuses a table or goes away (item 18) -------------------------------------------------


def test_a_missing_table_privilege_is_one_sentence_saying_what_to_grant(pg_url):
    import uuid
    from urllib.parse import parse_qs, urlsplit

    from psycopg import sql

    from timeline.store.postgres import connect, parse_location

    Cli(pg_url)("add", "Shared Minister", *ADD, "--summary", "guarded")
    schema = parse_qs(urlsplit(pg_url).query)["schema"][0]
    role = f"reader_{uuid.uuid4().hex[:8]}"
    admin = connect(parse_location(pg_url))
    try:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        admin.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), sql.Identifier(role)))
        as_role = Cli(pg_url.replace("://postgres@", f"://{role}@", 1))
        refused = as_role("actors", code=1)
        assert f"may not use table {schema}.timeline_events" in refused.stderr
        assert "GRANT SELECT" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
        admin.execute(sql.SQL("GRANT SELECT ON {}.timeline_events TO {}").format(sql.Identifier(schema), sql.Identifier(role)))
        assert "Shared Minister" in as_role("actors").stdout  # reading needs SELECT only
        cannot_write = as_role("add", "Shared Minister", *ADD, "--summary", "no", code=1)
        assert "GRANT SELECT, INSERT, UPDATE" in cannot_write.stderr and "unexpected" not in cannot_write.stderr
    finally:
        admin.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
        admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
        admin.close()


class Proxy:
    """A TCP proxy on 127.0.0.1 in front of the test server, that can be killed mid-command."""

    def __init__(self, host: str, port: int) -> None:
        import socket
        import threading

        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list = []
        self.alive = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import socket
        import threading

        while self.alive:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass

    def kill(self) -> None:
        import socket

        self.alive = False
        self.listener.close()
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()


def test_a_server_that_dies_mid_command_fails_within_seconds(pg_url, tmp_path):
    import json
    import subprocess
    import sys
    import time
    from urllib.parse import urlsplit

    parts = urlsplit(pg_url)
    proxy = Proxy(parts.hostname, parts.port or 5432)
    url = pg_url.replace(f"{parts.hostname}:{parts.port}", f"127.0.0.1:{proxy.port}", 1)
    source = tmp_path / "many.jsonl"
    source.write_text("".join(
        json.dumps({"actor": f"Actor {i % 7}", "topic": "load", "kind": "statement", "stance": "support",
                    "date": "2024-01-01", "summary": f"line {i}"}) + "\n" for i in range(20000)))
    env = {**os.environ, "TIMELINE_IMPORT_BATCH": "200"}
    process = subprocess.Popen([sys.executable, "-m", "timeline.cli", "--db", url, "import", str(source)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while Cli(pg_url).event_count() < 400 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        assert process.poll() is None, process.communicate()
        proxy.kill()
        killed = time.monotonic()
        out, err = process.communicate(timeout=40)
        took = time.monotonic() - killed
    finally:
        if process.poll() is None:
            process.kill()
        proxy.kill()
    assert process.returncode == 1, err
    assert "lost the connection to the PostgreSQL server" in err and len(err.strip().splitlines()) == 1, err
    assert took < 10, f"took {took:.1f} s to say so"
