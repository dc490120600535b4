"""Writing an export to a file: the whole file or nothing, with the mode of the file it replaces.

A symbolic link is followed (the file it points to is written; the link stays a link). Something that
is not a regular file (a FIFO, a terminal, a device) is written to as it is: a temporary file renamed
over it would replace it with a plain file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from timeline.errors import InputError


def check_target(path: str) -> Path:
    """The output file, if it can be written: its folder must exist (nothing is created). A symbolic
    link is followed to the file it names."""
    given = Path(path).expanduser()
    if given.is_dir():
        raise InputError(f"{path} is a directory; give a file name to export to")
    if not given.parent.is_dir():
        raise InputError(f"cannot write {path}: there is no directory {given.parent}")
    if given.is_symlink():
        target = Path(os.path.realpath(given))
        if not target.parent.is_dir():
            raise InputError(f"cannot write {path}: it links to {target}, and there is no directory {target.parent}")
        return target
    return given


def write_atomically(target: Path, text: str) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename over it (a FIFO or
    device is written to directly)."""
    if target.exists() and not target.is_file():
        try:
            with open(target, "wb") as out:
                out.write(text.encode("utf-8"))
        except OSError as error:
            raise InputError(f"cannot write {target}: {error.strerror or error}") from None
        return
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
