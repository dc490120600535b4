"""Writing an export to a file: the whole file or nothing, with the mode of the file it replaces."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from timeline.errors import InputError


def check_target(path: str) -> Path:
    """The output file, if it can be written: its folder must exist (nothing is created)."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise InputError(f"{path} is a directory; give a file name to export to")
    if not target.parent.is_dir():
        raise InputError(f"cannot write {path}: there is no directory {target.parent}")
    return target


def write_atomically(target: Path, text: str) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename over it."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        os.chmod(temporary, _file_mode(target))
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise InputError(f"cannot write {target}: {error.strerror or error}") from None
        raise


def _file_mode(target: Path) -> int:
    """Keep the mode of the file replaced; a new file gets what open() would give it."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
