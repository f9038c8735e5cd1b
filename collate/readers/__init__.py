"""Read witnesses from files: plain text, CollateX JSON input and archive records.

Every reader returns frozen `Witness` values and never keeps a reference to what the caller
passed in: the extra keys of pre-tokenised CollateX tokens are copied, not shared.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from collate.errors import InputError
from collate.model import Progress, Role, Witness, siglum_problem
from collate.readers.collatex import load_collatex_json, witnesses_from_collatex
from collate.readers.files import (
    DEFAULT_ENCODING,
    DEFAULT_MAX_MEGABYTES,
    MAX_WITNESSES,
    _read_bytes,
    check_count,
    decode,
    load_text,
    read_regularization,
    read_text,
    witness_from_text,
)
from collate.readers.records import ArchiveRecord, format_record, parse_record, read_record, record_witnesses
from collate.readers.tei import MAX_XML_DEPTH, TeiPolicy, load_tei, tei_text
from collate.tokenizer import Normalization

__all__ = [
    "DEFAULT_ENCODING",
    "DEFAULT_MAX_MEGABYTES",
    "MAX_WITNESSES",
    "MAX_XML_DEPTH",
    "ArchiveRecord",
    "TeiPolicy",
    "check_count",
    "decode",
    "document_text",
    "format_record",
    "load_collatex_json",
    "load_file",
    "load_paths",
    "load_tei",
    "load_text",
    "parse_record",
    "read_record",
    "read_regularization",
    "read_text",
    "record_witnesses",
    "tei_text",
    "witness_from_text",
    "witnesses_from_collatex",
]


def document_text(path: str | Path, *, max_megabytes: float | None = None) -> str:
    """The text a file holds, as the loaders read it: a TEI document (``.xml``) the text of
    its body (`tei_text`), any other file decoded (`read_text`)."""
    if Path(path).suffix.lower() == ".xml":
        return tei_text(_read_bytes(Path(path), max_megabytes), name=str(path))[0]
    return read_text(path, max_megabytes=max_megabytes)


def load_file(
    path: str | Path,
    *,
    siglum: str | None = None,
    role: Role | str = Role.WITNESS,
    encoding: str | None = None,
    normalization: Normalization | None = None,
    display_path: str | None = None,
    max_megabytes: float | None = None,
) -> list[Witness]:
    """The witnesses in one file, by its suffix: ``.json`` CollateX JSON input (its own ids
    are the sigla), ``.xml`` TEI, anything else plain text."""
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return load_collatex_json(
            path, normalization=normalization, encoding=encoding, max_megabytes=max_megabytes
        )
    if suffix == ".xml":
        return [
            load_tei(
                path,
                siglum=siglum,
                role=role,
                normalization=normalization,
                display_path=display_path,
                max_megabytes=max_megabytes,
            )
        ]
    return [
        load_text(
            path,
            siglum=siglum,
            role=role,
            encoding=encoding,
            normalization=normalization,
            display_path=display_path,
            max_megabytes=max_megabytes,
        )
    ]


def load_paths(
    paths: Sequence[str | Path],
    *,
    encoding: str | None = None,
    normalization: Normalization | None = None,
    progress: Progress | None = None,
    summaries: Sequence[str | Path] = (),
    named: Sequence[tuple[str, str | Path]] = (),
    max_megabytes: float | None = None,
) -> list[Witness]:
    """Witnesses from files named on a command line (see `load_file`): ``paths``, then
    ``named`` (``(siglum, path)`` pairs: the witness in that file, with that siglum), then
    ``summaries`` with the role ``summary``; refuses two witnesses with one siglum. Each
    witness's path is as `collate.paths.shown` gives it: relative, with forward slashes."""
    from collate.paths import shown

    listed: list[tuple[str | Path, Role, str | None]] = [
        *((p, Role.WITNESS, None) for p in paths),
        *((p, Role.WITNESS, siglum) for siglum, p in named),
        *((p, Role.SUMMARY, None) for p in summaries),
    ]
    check_count(len(listed), name="the command line")
    witnesses: list[Witness] = []
    for done, (path, role, siglum) in enumerate(listed):
        if progress:
            progress("reading", done, len(listed))
        if siglum is not None:
            problem = siglum_problem(siglum)
            if problem is not None:
                raise InputError(f"{siglum}={path}: siglum {siglum!r}: {problem}")
            if Path(path).suffix.lower() == ".json":
                raise InputError(
                    f"{siglum}={path}: a CollateX JSON file names its own witnesses; give it without a siglum"
                )
        witnesses.extend(
            load_file(
                path,
                siglum=siglum,
                role=role,
                encoding=encoding,
                normalization=normalization,
                display_path=shown(path),
                max_megabytes=max_megabytes,
            )
        )
    if progress:
        progress("reading", len(listed), len(listed))
    check_count(len(witnesses), name="the files named")
    seen: dict[str, str] = {}
    for witness in witnesses:
        if witness.siglum in seen:
            raise InputError(
                f"duplicate siglum {witness.siglum!r} ({seen[witness.siglum]} and {witness.path}); "
                "name them apart: -w SIGLUM=FILE"
            )
        seen[witness.siglum] = witness.path or ""
    return witnesses
