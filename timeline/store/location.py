"""Where the event log lives and how to name it safely: a SQLite path or a postgresql:// URL.

Imports nothing heavy: every message that shows a location shows `redact(location)`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

DEFAULT_DB = Path("db") / "timeline.sqlite"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")

# The password is everything between "user:" and the last "@" (greedy, so that an unencoded "@"
# in a password is hidden too); a libpq-style "password=" parameter is hidden as well.
# Compiled on first use (`re` caches them): every command imports this module, few print a location.
_URL_PASSWORD = r"(?is)(postgres(?:ql)?://[^:@/?#\s]*):(.*)@"
_PARAM_PASSWORD = r"(?i)([?&]password=)[^&#\s]*"


def resolve_db(db: str | os.PathLike[str] | None) -> str:
    """The store location: the --db value, else $TIMELINE_DB, else db/timeline.sqlite here."""
    value = str(db) if db else os.environ.get("TIMELINE_DB") or str(DEFAULT_DB)
    scheme, colon, rest = value.partition("://")
    if colon and scheme.isalpha() and len(scheme) > 1 and not is_postgres(value):  # not C:\… nor a file
        from timeline.errors import InputError

        raise InputError(f"--db {scheme}://…: a store is a SQLite file or a postgresql:// URL, not {scheme}://")
    return value


def is_postgres(location: str) -> bool:
    return location.startswith(POSTGRES_SCHEMES)


def redact(location: str) -> str:
    """The location (or any text holding one) with its password replaced by ***: safe to print."""
    return re.sub(_PARAM_PASSWORD, r"\1***", re.sub(_URL_PASSWORD, r"\1:***@", location))


def sqlite_read_uri(path: Path) -> str:
    """A read-only URI for a SQLite file. When its directory cannot be written (a read-only
    filesystem, an immutable folder), SQLite could not make the -shm file that reading a WAL
    database needs, so the file is opened as immutable: nothing can change it there anyway."""
    from urllib.parse import quote

    path = Path(path).absolute()
    uri = f"file:{quote(str(path))}?mode=ro"
    return uri + "&immutable=1" if not is_writable_dir(path.parent) else uri


def is_writable_dir(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def data_home() -> Path:
    """The user's data directory for timeline ($XDG_DATA_HOME or ~/.local/share, then timeline/)."""
    base = os.environ.get("XDG_DATA_HOME") or ""
    return (Path(base) if Path(base).is_absolute() else Path.home() / ".local" / "share") / "timeline"
