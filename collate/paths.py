"""Where a project reads and writes: inside its own folder, and nowhere else.

In an edition repository, ``collate.toml`` and ``corrections.toml`` are input like any other:
anyone who opens a pull request can change them, and `collate check` runs on that pull
request. A manifest that names ``../../.ssh/id_rsa``, or a ``witnesses/`` folder that is a
symbolic link to ``/etc``, would otherwise copy a file of the machine into the reports. So:

- every path a manifest names must resolve, after following symbolic links, inside the
  project folder (`confine`); reading elsewhere takes a folder named by the caller on the
  command line (``--allow-read``) or in the API (``allow_read``), never by the manifest;
- what collate writes stays inside its output folder: file names made from sigla, record
  titles or record names go through `file_stem`, and two names that would be one file on a
  case-insensitive file system are refused (`distinct_files`).
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from collate.errors import InputError, ManifestError
from collate.model import siglum_from_name

RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in (*"0123456789", "¹", "²", "³")}
)
"""Names Windows gives to devices, whatever the extension (``NUL.txt`` is the null device)."""


def shown(path: str | Path) -> str:
    """A file named on the command line as reports give it: relative (to the working folder,
    if it was given as an absolute path), with forward slashes, so that a report says nothing
    of the machine it was made on and reads the same wherever the files are.

    A name whose bytes are not UTF-8 (the system hands Python its bytes as lone surrogates,
    which no report can hold) is shown with U+FFFD in place of each such byte; the file itself
    is read by its real name.

    >>> shown("witnesses/cable.txt"), shown("rec" + chr(0xDCFF) + ".txt")
    ('witnesses/cable.txt', 'rec�.txt')
    """
    file = Path(path)
    if not file.is_absolute():
        return _readable(file.as_posix())
    try:
        return _readable(Path(os.path.relpath(file)).as_posix())
    except ValueError:  # another drive (Windows): no relative path leads there
        return _readable(file.name)


def _readable(name: str) -> str:
    """``name`` with each byte the file system gave undecoded (a lone surrogate) as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def roots(project: str | Path, allow_read: Iterable[str | Path] = ()) -> tuple[Path, ...]:
    """The folders a project may read: the project folder itself, then ``allow_read``, each
    with its symbolic links followed."""
    return (Path(project).resolve(), *(Path(folder).resolve() for folder in allow_read))


def inside(path: Path, folders: Sequence[Path]) -> bool:
    """Whether ``path``, its symbolic links followed, lies in one of ``folders`` (resolved)."""
    resolved = path.resolve()
    return any(resolved == folder or resolved.is_relative_to(folder) for folder in folders)


def confine(path: Path, folders: Sequence[Path], *, what: str, written: str | None = None) -> Path:
    """``path`` if it resolves inside one of ``folders`` (the first is the project folder);
    else a `ManifestError` naming ``what``, ``written`` (the path as the manifest gives it)
    and any symbolic link on the way, before anything is read."""
    if inside(path, folders):
        return path
    if written is not None and Path(written).is_absolute():
        how = "is an absolute path"
    else:
        links = [p for p in (path, *path.parents) if p.is_symlink()]
        how = f"goes through the symbolic link {links[-1]} and leads" if links else "leads"
    raise ManifestError(
        f"{what} {how} outside the project folder {folders[0]}; a project reads only its own "
        "files (to read a folder elsewhere on purpose, name it with --allow-read)"
    )


def file_stem(name: str) -> str:
    """A file-name stem made from a siglum, a record title or a record name that stays in its
    folder on every system: letters, digits, ``-``, ``_`` and ``.`` only (others become
    ``_``), no ``..``, no leading dot, and never a device name.

    >>> file_stem("cable"), file_stem("../../etc/passwd"), file_stem("NUL"), file_stem("com1.tar")
    ('cable', 'etc_passwd', '_NUL', '_com1.tar')
    """
    stem = re.sub(r"\.{2,}", ".", siglum_from_name(name)).lstrip("._-") or "_"
    if stem.split(".")[0].upper() in RESERVED_NAMES:
        stem = "_" + stem
    return stem


def distinct_files(files: Mapping[Path, str]) -> None:
    """Refuse output files whose names differ only in case (one file on macOS and Windows):
    ``files`` maps each path to what it was made from, for the message."""
    seen: dict[str, tuple[Path, str]] = {}
    for path, origin in files.items():
        key = str(path).casefold()
        if key in seen and seen[key][1] != origin:
            raise ManifestError(
                f"{seen[key][1]!r} and {origin!r} would both be written to {seen[key][0]} "
                "(file names ignore case on some systems); rename one"
            )
        seen[key] = (path, origin)


def expand(sources: Iterable[str | Path]) -> Iterator[Path]:
    """The files and folders that command-line ``sources`` name: each as it is, or, with a
    glob pattern (``archive/**/*.txt``), what it matches, sorted; one that names nothing is an
    `InputError`."""
    for source in sources:
        text = str(source)
        if glob.has_magic(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"{text}: the pattern matches nothing")
            yield from map(Path, matches)
        elif Path(text).exists():
            yield Path(text)
        else:
            raise InputError(f"{text}: no such file or folder")
