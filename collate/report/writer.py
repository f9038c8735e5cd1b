"""Write reports atomically: a failed run leaves the previous files intact.

Each file is written to a temporary file in the same folder, flushed to disk, then renamed
over the old one, so a reader sees either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from collate.errors import CollateError


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Replace ``path`` with ``content`` (text as UTF-8) in one step; ``-`` writes to stdout."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if str(path) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = Path(path)
    if target.is_dir():
        raise CollateError(f"{target}: is a folder; give a file name")
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise CollateError(f"{target}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise CollateError(f"{target}: cannot write: {error.strerror}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_all(files: Mapping[Path, str]) -> None:
    """Write several files, each atomically; all content is made before any file is touched."""
    for path, content in files.items():
        write_atomic(path, content)
