"""Fixtures: a fresh store path in a temp dir, a CLI runner bound to it, and a seeded store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """No test sees the developer's TIMELINE_* settings or writes into the repo's db/."""
    for name in ("TIMELINE_DB", "TIMELINE_VIEW"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "timeline.sqlite"


class Cli:
    """Invoke the real CLI against one database; `.json()` parses stdout."""

    def __init__(self, db: Path) -> None:
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


@pytest.fixture
def cli(db_path) -> Cli:
    return Cli(db_path)


@pytest.fixture
def seeded(cli) -> Cli:
    cli("seed", str(SEEDS))
    return cli
