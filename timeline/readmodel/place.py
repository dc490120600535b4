"""Where a read model lives: beside a SQLite store, or one file per store in the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path

try:  # hashlib's own SHA-256, without hashlib: importing it loads OpenSSL (~4 % of a read's start)
    from _sha256 import sha256
except ImportError:  # pragma: no cover - other builds, later Pythons (_sha2)
    from hashlib import sha256


def default_view_path(store: str) -> Path:
    """Where the read model of `store` lives unless --view/$TIMELINE_VIEW says otherwise.

    Beside a SQLite store (`x.sqlite` → `x.view.sqlite`). For a PostgreSQL store, and for a SQLite
    store whose folder cannot be written (a read-only filesystem), in the user's data directory:
    `views/<digest of the store's identity>.view.sqlite`, one file per store, the same from any
    working directory (the identity names server, database and schema, never the user or password).
    """
    override = os.environ.get("TIMELINE_VIEW")
    if override:
        return Path(override)
    from timeline.store.location import is_postgres, is_writable_dir

    path = Path(store)
    if is_postgres(store) or (path.absolute().parent.is_dir() and not is_writable_dir(path.absolute().parent)):
        return shared_view_path(store)
    stem = path.name[: -len(".sqlite")] if path.name.endswith(".sqlite") else path.name
    return path.with_name(f"{stem}.view.sqlite")


def shared_view_path(store: str) -> Path:
    """The read model of `store` in the user's data directory (see `default_view_path`)."""
    from timeline.store import store_identity
    from timeline.store.location import data_home

    digest = sha256(store_identity(store).encode()).hexdigest()[:24]
    return data_home() / "views" / f"{digest}.view.sqlite"
