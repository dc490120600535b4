"""Running `timeline serve` in a subprocess on a free port, for the serve tests (cli and browser)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, process: subprocess.Popen, base: str) -> None:
        self.process = process
        self.base = base

    def get(self, path: str) -> tuple[int, str]:
        """(status, body) of a GET; 4xx and 5xx answers are returned, not raised."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def json(self, path: str) -> tuple[int, object]:
        status, body = self.get(path)
        return status, json.loads(body)


@contextmanager
def serving(db: str | Path, *args: str, cwd: Path | None = None, host: str = "127.0.0.1") -> Iterator[Server]:
    """Start `timeline --db DB serve` on a free port; yields once it answers; stops it afterwards."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    env["PYTHONPATH"] = str(ROOT)
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline.cli", "--db", str(db), "serve", "--port", str(port), "--host", host, *args],
        cwd=cwd or Path.cwd(), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    server = Server(process, f"http://{host}:{port}")
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise AssertionError(f"timeline serve exited {process.returncode}: {process.stderr.read()}")
            try:
                urllib.request.urlopen(server.base + "/-/versions.json", timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("timeline serve did not answer within 30 s") from None
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
