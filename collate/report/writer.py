"""Write reports atomically: a failed run leaves the previous files intact.

Each file is written to a temporary file in the same folder, flushed to disk, then renamed
over the old one, so a reader sees either the old file or the new one, never half of one.
Several files are all written to temporary files first and renamed only when every one of
them is on disk: a run that fails while writing replaces none of them.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from collate.errors import CollateError


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Replace ``path`` with ``content`` (text as UTF-8) in one step; ``-`` writes to stdout."""
    if str(path) == "-":
        data = content.encode("utf-8") if isinstance(content, str) else content
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_all({Path(path): content})


def _stage(target: Path, content: str | bytes) -> Path:
    """Write ``content`` to a new temporary file beside ``target``, flushed to disk."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if target.is_dir():
        raise CollateError(f"{target}: is a folder; give a file name")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise CollateError(f"{target}: cannot write: {error.strerror}") from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise CollateError(f"{target}: cannot write: {error.strerror}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


_STALE_SECONDS = 3600
"""A temporary file this old was left by a run that was killed: it is removed."""


def _sweep(target: Path) -> None:
    """Remove temporary files that a killed run left beside ``target``."""
    now = time.time()
    for leftover in target.parent.glob(f".{target.name}.*.tmp"):
        try:
            if now - leftover.stat().st_mtime > _STALE_SECONDS:
                leftover.unlink()
        except OSError:
            continue


def write_all(files: Mapping[Path, str | bytes]) -> None:
    """Write several files: all to temporary files first, then each renamed into place."""
    staged: list[tuple[Path, Path]] = []
    for path in files:
        if Path(path).parent.is_dir():
            _sweep(Path(path))
    try:
        for path, content in files.items():
            staged.append((_stage(Path(path), content), Path(path)))
        for temporary, target in staged:
            os.replace(temporary, target)
    except OSError as error:
        raise CollateError(f"cannot replace the files: {error.strerror}") from None
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
