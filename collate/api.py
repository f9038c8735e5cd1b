"""The public functions of collate; `collate/__init__.py` names them in ``__all__``.

Plain values in and out (frozen dataclasses, code-point offsets, stable kind slugs), options
keyword-only with documented defaults, and no global state: every function works from its
arguments alone. The command line is a thin layer over these.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from collate.aligner import AlignOptions, Progress
from collate.anomalies import DetectOptions
from collate.corrections import Correction
from collate.model import Alignment, Anomaly, Apparatus, Role, Witness
from collate.stemmatics import Stemma
from collate.summary import SummaryCheck
from collate.tokenizer import Normalization

FORMAT_BY_SUFFIX = {
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xml": "tei",
    ".txt": "text",
    ".dot": "dot",
    ".gv": "dot",
    ".tex": "latex",
    ".nwk": "newick",
    ".newick": "newick",
}
"""The report format a file's suffix names, for `write` and the command line's ``-o``."""


def witness(
    siglum: str,
    text: str,
    *,
    role: Role | str = Role.WITNESS,
    normalization: Normalization | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Witness:
    """A witness from a string; ``metadata`` (title, author, date: its heading) travels with
    it into the reports, and the summary check counts the names it gives as the source's.

    >>> w = witness("A", "The rail roads involved")
    >>> [t.norm for t in w.tokens]
    ['the', 'rail', 'roads', 'involved']
    """
    from collate.readers import witness_from_text

    return witness_from_text(siglum, text, role=role, normalization=normalization, metadata=metadata)


def load(
    path: str | Path,
    *,
    siglum: str | None = None,
    role: Role | str = Role.WITNESS,
    encoding: str | None = None,
    normalization: Normalization | None = None,
    max_megabytes: float | None = None,
) -> list[Witness]:
    """The witnesses in a file: plain text (one witness; siglum: the file's stem), CollateX
    JSON input (``.json``: its witnesses), or TEI (``.xml``: the text of its body).

    ``encoding`` defaults to UTF-8; ``max_megabytes`` to 16 (about 100 MB of memory per MB).
    """
    from collate.readers import load_file

    return load_file(
        path,
        siglum=siglum,
        role=role,
        encoding=encoding,
        normalization=normalization,
        max_megabytes=max_megabytes,
    )


def load_files(
    paths: Sequence[str | Path],
    *,
    named: Sequence[tuple[str, str | Path]] = (),
    summaries: Sequence[str | Path] = (),
    encoding: str | None = None,
    normalization: Normalization | None = None,
    max_megabytes: float | None = None,
    progress: Progress | None = None,
) -> list[Witness]:
    """The witnesses in several files (as `load`), then ``named``, ``(siglum, path)`` pairs
    (each file's witness under that siglum), then ``summaries`` with the role ``summary``; two
    witnesses with one siglum are refused. Paths are kept relative, as reports give them."""
    from collate.readers import load_paths

    return load_paths(
        paths,
        named=named,
        summaries=summaries,
        encoding=encoding,
        normalization=normalization,
        max_megabytes=max_megabytes,
        progress=progress,
    )


def from_collatex(data: Mapping[str, Any], *, normalization: Normalization | None = None) -> list[Witness]:
    """Witnesses from CollateX JSON input already parsed (``{"witnesses": [...]}``); the
    caller's data is never changed."""
    from collate.readers import witnesses_from_collatex

    return witnesses_from_collatex(data, normalization=normalization)


def load_record(path: str | Path, *, siglum: str | None = None) -> list[Witness]:
    """An archive record like the seed as two witnesses: its transcript (role ``source``,
    siglum from the title's first word unless given) and its summary (role ``summary``)."""
    from collate.readers import read_record, record_witnesses

    return record_witnesses(read_record(path), siglum=siglum, path=str(path))


def load_project(project: str | Path = ".", *, allow_read: Sequence[str | Path] = ()) -> list[Witness]:
    """The witnesses named in a project's ``collate.toml`` (or ``witnesses/collate.toml``).

    Every file the manifest names must lie inside the project folder (symbolic links
    followed), so that a manifest from an untrusted source cannot read the machine's files;
    ``allow_read`` names other folders it may read, for witnesses kept outside the project."""
    from collate.edition import load_witnesses, read_manifest

    return load_witnesses(read_manifest(project, allow_read=allow_read))


def collate(
    witnesses: Sequence[Witness],
    *,
    align_options: AlignOptions | None = None,
    detect_options: DetectOptions | None = None,
    progress: Progress | None = None,
) -> Apparatus:
    """Align witnesses, detect anomalies and check summaries: the whole apparatus.

    >>> apparatus = collate([witness("A", "the black cat"), witness("B", "the cat")])
    >>> [u.variant for u in apparatus.alignment.units]
    [False, True, False]
    """
    from collate.apparatus import build

    return build(witnesses, options=align_options, detect_options=detect_options, progress=progress)


def align(
    witnesses: Sequence[Witness], *, options: AlignOptions | None = None, progress: Progress | None = None
) -> Alignment:
    """Only the alignment: variant units that tile every witness (summaries left out)."""
    from collate.aligner import align as align_witnesses

    return align_witnesses(witnesses, options=options, progress=progress)


def detect(
    witnesses: Sequence[Witness],
    alignment: Alignment | None = None,
    *,
    options: DetectOptions | None = None,
) -> tuple[Anomaly, ...]:
    """Only the anomalies: single-witness detectors for each witness, and with an
    ``alignment`` of two or more witnesses the cross-witness ones too.

    >>> [a.kind.value for a in detect([witness("A", "No youth could could be more happy")])]
    ['dittography']
    """
    from collate.anomalies import detect as run_detectors

    return run_detectors(witnesses, alignment, options=options)


def check_summary(summary: Witness, sources: Sequence[Witness]) -> SummaryCheck:
    """Link each clause of ``summary`` to the sentences of ``sources`` that support it, and
    flag its distortions (``links`` and ``anomalies`` of the result)."""
    from collate.summary import check

    return check(summary, sources)


def stemma(apparatus: Apparatus, *, replicates: int = 100, seed: int = 0) -> Stemma:
    """Which witness copied which: a rooted tree of the collated witnesses, lost ancestors as
    inner nodes, each branch with its bootstrap support (see `collate.stemmatics` and
    docs/stemma.md). Needs three collated witnesses or more (`InputError` otherwise)."""
    from collate.errors import InputError
    from collate.stemmatics import build

    try:
        return build(apparatus, replicates=replicates, seed=seed)
    except ValueError as error:
        raise InputError(str(error)) from None


def render(apparatus: Apparatus, format: str = "json", *, group: int | None = None) -> str:
    """The apparatus as ``json``, ``html``, ``tei``, ``text``, ``collatex-json``, ``dot``
    (the variant graph, for Graphviz) or ``latex`` (for the reledmac package). ``group``: in
    the HTML reading view and the LaTeX notes, variant units with fewer words of agreement
    between them than this are one note (default 2; 0, one note a unit)."""
    from collate.report import render as render_report

    return render_report(apparatus, format, group=group)


def write(
    apparatus: Apparatus, path: str | Path, *, format: str | None = None, group: int | None = None
) -> Path:
    """Write the apparatus to ``path`` atomically; the format defaults from the suffix
    (``.json``, ``.html``, ``.xml`` for TEI, ``.txt`` for text, ``.tex`` for LaTeX);
    ``group`` as for `render`."""
    from collate.report.writer import write_atomic

    target = Path(path)
    write_atomic(target, render(apparatus, report_format(target, format), group=group))
    return target


def report_format(path: str | Path, format: str | None = None, known: Sequence[str] | None = None) -> str:
    """The format to write ``path`` in: ``format`` if given, else the one its suffix names
    (`FORMAT_BY_SUFFIX`), which must be one of ``known`` (default: all); a `ConfigError` if
    the suffix names none."""
    from collate.errors import ConfigError

    if format is not None:
        return format
    target = Path(path)
    chosen = FORMAT_BY_SUFFIX.get(target.suffix.lower())
    if chosen is None or (known is not None and chosen not in known):
        suffixes = sorted(s for s, f in FORMAT_BY_SUFFIX.items() if known is None or f in known)
        raise ConfigError(
            f"{target}: the suffix {target.suffix or '(none)'!r} names no format here; "
            f"end it in {', '.join(suffixes)}, or say the format (format=, --format)"
        )
    return chosen


def read_corrections(path: str | Path) -> list[Correction]:
    """The corrections recorded in a ``corrections.toml`` (none if the file is absent)."""
    from collate.corrections import read_corrections as read

    return read(path)


def apply_corrections(witness: Witness, corrections: Sequence[Correction]) -> str:
    """The witness's text with its accepted corrections applied (each found by its text and
    context; one that no longer matches raises `CollateError`)."""
    from collate.corrections import emend, locate_all

    mine = [c for c in corrections if c.witness == witness.siglum]
    return emend(witness, locate_all(mine, {witness.siglum: witness}, where=witness.siglum))


def render_anomalies(apparatus: Apparatus, format: str = "text") -> str:
    """Only the anomalies: ``text`` (a line each, like a compiler) or ``json`` (the apparatus
    without its units)."""
    from collate.report import render_anomalies as render_them

    return render_them(apparatus, format)
