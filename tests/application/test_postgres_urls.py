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
