"""Witness files read safely: bytes bounded in size, decoded (UTF-8 by default), plain text as
a witness, and regularisation tables."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from collate.config import MAX_CONFIG_BYTES, read_config
from collate.errors import InputError
from collate.model import (
    Role,
    Witness,
    check_siglum,
    siglum_from_name,
)
from collate.tokenizer import Normalization, editorial_signs, tokenize

DEFAULT_ENCODING = "utf-8"
DEFAULT_MAX_MEGABYTES = 16.0
"""The largest witness file read by default. Collating takes about 100 MB of memory per MB of
witness text (measured on *Frankenstein*: see the README's performance section), so two
witnesses at the limit need about 3 GB. Raise it with ``--max-size`` or ``[limits]
max_megabytes`` in ``collate.toml``."""


MAX_WITNESSES = 1000
"""The most witnesses one collation reads (from a manifest, a CollateX JSON file or a command
line): a bound on the work an untrusted input can ask for."""


def check_count(count: int, *, name: str) -> None:
    """Refuse more than `MAX_WITNESSES` witnesses from one input."""
    if count > MAX_WITNESSES:
        raise InputError(f"{name}: {count:,} witnesses; one collation reads at most {MAX_WITNESSES:,}")


def witness_from_text(
    siglum: str,
    text: str,
    *,
    role: Role | str = Role.WITNESS,
    path: str | None = None,
    normalization: Normalization | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Witness:
    """A witness from a string already decoded.

    >>> w = witness_from_text("A", "The cat [sic] sat.")
    >>> [t.norm for t in w.tokens]
    ['the', 'cat', '', '', '', 'sat', '.']
    >>> w.insertions
    (Span(start=8, end=13),)
    """
    check_siglum(siglum, where=path or "")
    signs = editorial_signs(text)
    return Witness(
        siglum=siglum,
        text=text,
        tokens=tokenize(text, normalization, signs=signs),
        role=Role(role),
        path=path,
        signs=signs,
        metadata=dict(metadata or {}),
    )


def read_text(path: str | Path, *, encoding: str | None = None, max_megabytes: float | None = None) -> str:
    """Decode a text file: a UTF-8 byte-order mark dropped, everything else as it is, line
    ends included (``\\r\\n`` stays two characters), so that every offset collate reports
    indexes the file's decoded text exactly.

    A file that does not decode gets an `InputError` naming the file and the byte offset.
    """
    file = Path(path)
    data = _read_bytes(file, max_megabytes)
    return decode(data, name=str(path), encoding=encoding)


def decode(data: bytes, *, name: str, encoding: str | None = None) -> str:
    """Decode bytes read from ``name`` (see `read_text`)."""
    codec = encoding or DEFAULT_ENCODING
    if codec.replace("_", "-").lower() in ("utf-8", "utf8"):
        codec = "utf-8-sig"
    try:
        text = data.decode(codec)
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        hint = "" if encoding else "; if it is in another encoding, say which with --encoding"
        bad = data[error.start : error.start + 4].hex(" ")
        raise InputError(
            f"{name}: not valid {encoding or 'UTF-8'} at byte {error.start} (bytes {bad}){hint}"
        ) from None
    if not encoding and "\x00" in text:
        raise InputError(f"{name}: binary data (NUL byte at character {text.index(chr(0))}), not text")
    return text


def load_text(
    path: str | Path,
    *,
    siglum: str | None = None,
    role: Role | str = Role.WITNESS,
    encoding: str | None = None,
    normalization: Normalization | None = None,
    display_path: str | None = None,
    max_megabytes: float | None = None,
) -> Witness:
    """A witness from a plain-text file; the siglum defaults to the file's stem."""
    file = Path(path)
    text = read_text(file, encoding=encoding, max_megabytes=max_megabytes)
    if not text.strip():
        raise InputError(f"{path}: the file is empty: a witness needs some text")
    return witness_from_text(
        siglum or siglum_from_name(file.stem),
        text,
        role=role,
        path=display_path or str(path),
        normalization=normalization,
    )


def _read_bytes(file: Path, max_megabytes: float | None = None) -> bytes:
    if not file.exists():
        raise InputError(f"{file}: no such file")
    if file.is_dir():
        raise InputError(f"{file}: is a folder, not a file")
    limit = DEFAULT_MAX_MEGABYTES if max_megabytes is None else max_megabytes
    try:
        size = file.stat().st_size
    except OSError as error:
        raise InputError(f"{file}: cannot read: {error.strerror}") from None
    if size > limit * 1_000_000:
        raise InputError(
            f"{file}: {size / 1_000_000:,.1f} MB is over the limit of {limit:g} MB per witness "
            f"(collating takes about 100 MB of memory per MB of text); raise it with --max-size "
            "or [limits] max_megabytes in collate.toml if the machine has the memory"
        )
    try:
        return file.read_bytes()
    except OSError as error:
        raise InputError(f"{file}: cannot read: {error.strerror}") from None


def read_regularization(path: str | Path) -> dict[str, str]:
    """A regularisation table from a file (``--regularize``), with the meaning of a manifest's
    ``[normalize.regularize]``: each form and the form it counts as. TOML (``.toml``: the
    pairs at the top level, or a ``collate.toml``'s ``[normalize.regularize]``), or two columns
    of tab- or comma-separated text (``.tsv``, ``.csv``; a ``#`` line is a comment)."""
    import csv

    from collate.errors import ManifestError

    file = Path(path)
    suffix = file.suffix.lower()
    if suffix == ".toml":
        _, data = read_config(file, what="regularisation table")
        normalize = data.get("normalize")
        table = normalize.get("regularize", {}) if isinstance(normalize, dict) else data
    elif suffix in (".tsv", ".csv"):
        text = decode(_read_bytes(file, MAX_CONFIG_BYTES / 1_000_000), name=str(file))
        rows = csv.reader(text.splitlines(), delimiter="," if suffix == ".csv" else "\t")
        table = {}
        for number, row in enumerate(rows, 1):
            if not "".join(row).strip() or row[0].lstrip().startswith("#"):
                continue
            if len(row) != 2 or not row[0].strip():
                raise ManifestError(f"{file}:{number}: a row is two columns: a form, the form it counts as")
            table[row[0].strip()] = row[1].strip()
    else:
        raise ManifestError(f"{file}: a regularisation table is .toml, .tsv or .csv")
    return dict(Normalization.from_mapping({"regularize": table}, where=str(file)).regularize)
