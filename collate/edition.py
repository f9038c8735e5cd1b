"""An edition project on disk: its `collate.toml` manifest and the witnesses it names.

A project folder holds either ``collate.toml`` itself or ``witnesses/collate.toml``; its
reports go to ``reports/`` in the project folder. Paths in the manifest are relative to the
manifest's own folder, and must lead (symbolic links followed) inside the project folder: see
`collate.paths`. Reading elsewhere takes ``allow_read``, which only the caller can give.

The manifest::

    [project]                      # free provenance: title, date, citation, url, ...
    title = "..."

    [normalize]                    # optional; see collate.tokenizer.Normalization
    punctuation = "keep"
    [normalize.regularize]
    "rail roads" = "railroads"

    [[witness]]
    siglum = "cable"
    file = "cable.txt"
    role = "source"                # source | witness | summary
    encoding = "utf-8"             # optional
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from collate.anomalies import DetectOptions
from collate.config import BATCH, CHECK, COLLATION, LIMITS, NORMALIZE, WITNESS, checked, defaults, read_config
from collate.errors import ManifestError
from collate.model import Apparatus, Kinship, Progress, Role, Witness, check_siglum
from collate.paths import confine, distinct_files, file_stem, roots
from collate.readers import MAX_WITNESSES, load_file
from collate.tokenizer import Normalization

MANIFEST = "collate.toml"
REPORTS = "reports"


@dataclass(frozen=True, slots=True)
class WitnessEntry:
    """One ``[[witness]]`` of the manifest."""

    siglum: str
    file: str
    role: Role = Role.WITNESS
    encoding: str | None = None
    title: str | None = None
    description: str | None = None
    exemplar: str | None = None
    """The siglum of the witness this one was copied from, if known."""


@dataclass(frozen=True, slots=True)
class Settings:
    """How a manifest asks for its witnesses to be collated and checked: its ``[normalize]``,
    ``[check] threshold``, ``[limits] max_megabytes`` and ``[collation] relation``."""

    normalization: Normalization = field(default_factory=Normalization)
    threshold: float = 0.5
    max_megabytes: float | None = None
    relation: str = ""
    """``[collation] relation``: ``copies``, ``revisions`` or ``independent``; not given
    (``""``), inferred for each pair (see `DetectOptions.relation`)."""

    def overridden(self, *, regularize: Mapping[str, str] | None = None, **normalize: Any) -> Settings:
        """These settings with the comparison options a command line gives over them: the
        `Normalization` fields not None in ``normalize``, and ``regularize`` entries over the
        table's own."""
        changes = {key: value for key, value in normalize.items() if value is not None}
        if regularize is not None:
            changes["regularize"] = {**self.normalization.regularize, **regularize}
        return replace(self, normalization=replace(self.normalization, **changes))


@dataclass(frozen=True, slots=True)
class Manifest:
    """A parsed `collate.toml` and where it lies."""

    path: Path
    project: Path
    """The project folder: reports are written to ``project / "reports"``."""
    witnesses: tuple[WitnessEntry, ...]
    settings: Settings = field(default_factory=Settings)
    provenance: Mapping[str, Any] = field(default_factory=dict)

    @property
    def detect_options(self) -> DetectOptions:
        """The detectors' settings the manifest asks for: the relation, and the exemplars."""
        exemplars = {e.siglum: e.exemplar for e in self.witnesses if e.exemplar}
        return DetectOptions(relation=self.settings.relation, exemplars=exemplars)

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def reports(self) -> Path:
        return self.project / REPORTS

    def witness_path(self, entry: WitnessEntry) -> Path:
        return self.folder / entry.file

    def display_path(self, entry: WitnessEntry) -> str:
        """The witness file relative to the project folder, with forward slashes."""
        full = self.witness_path(entry)
        try:
            return full.resolve().relative_to(self.project.resolve()).as_posix()
        except ValueError:
            return full.as_posix()


def _ended(text: str) -> str:
    """``text`` ending in a line end, so that what is appended to it starts a line."""
    return text if not text or text.endswith("\n") else text + "\n"


def find_manifest(project: str | Path = ".") -> Path:
    """The manifest of a project folder: ``collate.toml`` or ``witnesses/collate.toml``."""
    folder = Path(project)
    if not folder.exists():
        raise ManifestError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise ManifestError(f"{folder}: not a folder (give the project folder that holds {MANIFEST})")
    for candidate in (folder / MANIFEST, folder / "witnesses" / MANIFEST):
        if candidate.is_file():
            return candidate
    raise ManifestError(
        f"{folder}: no {MANIFEST} here or in {folder / 'witnesses'}; "
        "make one with 'collate import-record' or write it by hand"
    )


def read_manifest(project: str | Path = ".", *, allow_read: Iterable[str | Path] = ()) -> Manifest:
    """Read and check the manifest of a project folder.

    Every path it names (the manifest itself, witness files, the record, corrections, the
    reports folder) must resolve inside the project folder, or for reading inside one of the
    ``allow_read`` folders; otherwise a `ManifestError` is raised before any of them is read.
    """
    readable = roots(project, allow_read)
    path = confine(find_manifest(project), readable, what="the manifest")
    _, data = read_config(path, what="manifest")
    items = data.get("witness")
    if not isinstance(items, list) or not items:
        raise ManifestError(f"{path}: no [[witness]] entries")
    if len(items) > MAX_WITNESSES:
        raise ManifestError(
            f"{path}: {len(items):,} witnesses; one collation reads at most {MAX_WITNESSES:,}"
        )
    entries = []
    seen: set[str] = set()
    for number, given in enumerate(items, 1):
        item = checked(WITNESS, given, f"{path}: witness {number}")
        siglum, file = item["siglum"], item["file"]
        where = f"{path}: witness {number} ({siglum})"
        confine(path.parent / file, readable, what=f"{where}: file {file!r}", written=file)
        if siglum in seen:
            raise ManifestError(f"{path}: duplicate siglum {siglum!r}")
        seen.add(siglum)
        exemplar = item.get("exemplar")
        if exemplar == siglum:
            raise ManifestError(f"{where}: 'exemplar' must be the siglum of another witness")
        entries.append(
            WitnessEntry(
                siglum,
                file,
                Role(item.get("role", WITNESS.key("role").default)),
                item.get("encoding"),
                item.get("title"),
                item.get("description"),
                exemplar,
            )
        )
    for entry in entries:
        if entry.exemplar is not None and entry.exemplar not in seen:
            raise ManifestError(
                f"{path}: witness {entry.siglum}: exemplar {entry.exemplar!r} is no witness here"
            )
    settings = settings_from(data, where=str(path))
    provenance = {k: v for k, v in data.items() if k != "witness" and k not in SETTINGS}
    record = provenance.get("record")
    if isinstance(record, dict) and isinstance(record.get("file"), str):
        if "\x00" in record["file"]:
            raise ManifestError(f"{path}: [record] file holds a NUL character")
        confine(
            path.parent / record["file"],
            readable,
            what=f"{path}: [record] file {record['file']!r}",
            written=record["file"],
        )
    from collate.corrections import CORRECTIONS

    confine(path.parent / CORRECTIONS, readable, what=f"{path.parent / CORRECTIONS}")
    project_only = readable[:1]
    confine(Path(project) / REPORTS, project_only, what=f"the reports folder {Path(project) / REPORTS}")
    for name in report_names():
        report = Path(project) / REPORTS / name
        confine(report, project_only, what=f"the report {report}")
    return Manifest(path, Path(project), tuple(entries), settings, provenance)


SETTINGS = ("normalize", "check", "limits", "collation", "batch")
"""The tables of a manifest that say how to collate, as against what (``[[witness]]``) and
whence (``[project]``, ``[record]``)."""


def settings_from(data: Mapping[str, Any], *, where: str) -> Settings:
    """The `Settings` of a parsed manifest (or any TOML file with its tables), checked;
    ``where`` names the file in messages."""
    tables = {
        t.name: checked(t, data.get(t.name, {}), where) for t in (NORMALIZE, CHECK, LIMITS, COLLATION, BATCH)
    }
    normalization = Normalization(**{**defaults(NORMALIZE), **tables["normalize"]})  # checked above
    threshold = tables["check"].get("threshold", CHECK.key("threshold").default)
    max_megabytes = tables["limits"].get("max_megabytes")
    return Settings(
        normalization,
        float(threshold),
        None if max_megabytes is None else float(max_megabytes),
        Kinship(tables["collation"]["relation"]) if "relation" in tables["collation"] else "",
    )


def settings_for(
    config: str | Path | None = None,
    *,
    regularize: str | Path | None = None,
    relation: str | None = None,
    max_megabytes: float | None = None,
    **normalize: Any,
) -> Settings:
    """The settings a command over files named on the command line collates with: those of
    the ``config`` file (`read_settings`; none: the defaults), with what the command line
    gives over them: the `Normalization` fields in ``normalize`` that are not None, the
    regularisation table file ``regularize`` over the file's table, and a ``relation`` and
    ``max_megabytes`` over the file's."""
    from collate.readers import read_regularization

    base = read_settings(config) if config is not None else Settings()
    table = read_regularization(regularize) if regularize is not None else None
    chosen = base.overridden(regularize=table, **normalize)
    return replace(
        chosen,
        relation=relation or chosen.relation,
        max_megabytes=max_megabytes if max_megabytes is not None else chosen.max_megabytes,
    )


def read_settings(path: str | Path) -> Settings:
    """The `Settings` of a TOML file named on the command line (``--config``): a project's
    ``collate.toml`` or a file of the same tables; its ``[[witness]]`` list is not read."""
    _, data = read_config(Path(path), what="configuration")
    return settings_from(data, where=str(path))


_PROVENANCE_KEYS = ("title", "date", "citation", "url")
"""The ``[project]`` and ``[record]`` keys a project's witnesses carry as metadata."""


def witness_metadata(manifest: Manifest, entry: WitnessEntry) -> dict[str, str]:
    """What the manifest says of a witness, as its metadata: the document's ``title``,
    ``date``, ``citation`` and ``url`` (from ``[project]``, then ``[record]``), and the
    witness's own ``title`` and ``description`` (as ``label`` and ``description``)."""
    metadata: dict[str, str] = {}
    for table in ("project", "record"):
        values = manifest.provenance.get(table)
        if isinstance(values, Mapping):
            for key in _PROVENANCE_KEYS:
                if isinstance(values.get(key), str) and key not in metadata:
                    metadata[key] = values[key]
    if entry.title:
        metadata["label"] = entry.title
    if entry.description:
        metadata["description"] = entry.description
    return metadata


def load_witnesses(manifest: Manifest) -> list[Witness]:
    """Load every witness the manifest names, in manifest order (``.xml`` files as TEI), with
    what the manifest says of it as metadata (`witness_metadata`) over what the file says."""
    witnesses = []
    for entry in manifest.witnesses:
        described = witness_metadata(manifest, entry)
        for witness in load_file(
            manifest.witness_path(entry),
            siglum=entry.siglum,
            role=entry.role,
            encoding=entry.encoding,
            normalization=manifest.settings.normalization,
            display_path=manifest.display_path(entry),
            max_megabytes=manifest.settings.max_megabytes,
        ):
            metadata = {**witness.metadata, **described}
            witnesses.append(replace(witness, metadata=metadata) if metadata != witness.metadata else witness)
    return witnesses


def collate_manifest(manifest: Manifest, *, progress: Progress | None = None) -> Apparatus:
    """The apparatus of a project: its witnesses collated with the settings its manifest gives."""
    from collate.apparatus import build

    return build(load_witnesses(manifest), detect_options=manifest.detect_options, progress=progress)


def import_record(
    record: str | Path,
    out: str | Path,
    *,
    siglum: str | None = None,
    encoding: str | None = None,
    force: bool = False,
) -> Path:
    """Split an archive record into witness files and a manifest in ``out``.

    Writes ``<siglum>.txt`` (the transcript, role ``source``), ``summary.txt`` (the
    archive's summary, role ``summary``) and ``collate.toml`` with the provenance, and copies
    the record itself into ``out`` unless it is already there. Existing files with other
    content are left alone unless ``force`` is true. Returns the manifest's path.
    """
    import hashlib

    import tomlkit

    from collate.readers import read_record
    from collate.report.writer import write_atomic

    source = Path(record)
    parsed = read_record(source, encoding=encoding)
    name = check_siglum(siglum, where="--siglum") if siglum is not None else parsed.siglum
    if name == "summary":
        raise ManifestError("--siglum: 'summary' names the record's summary; choose another siglum")
    stem = file_stem(name)
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ManifestError(f"{folder}: exists and is not a folder")
    record_copy = folder / source.name
    manifest: dict[str, Any] = {
        "project": {
            "title": parsed.title,
            "date": parsed.date,
            **({"iso_date": parsed.iso_date} if parsed.iso_date else {}),
        },
        "record": {
            "file": source.name,
            "sha256": parsed.sha256,
            "citation": parsed.citation,
            **({"url": parsed.url} if parsed.url else {}),
            "credits": parsed.credits,
            "language": parsed.language,
        },
        "witness": [
            {
                "siglum": name,
                "file": f"{stem}.txt",
                "role": Role.SOURCE.value,
                "title": f"Transcript ({parsed.transcript_language}) of the record",
            },
            {
                "siglum": "summary",
                "file": "summary.txt",
                "role": Role.SUMMARY.value,
                "title": "The archive's summary of the record",
            },
        ],
    }
    header = "# Written by 'collate import-record'. Paths are relative to this file.\n"
    files: dict[Path, str] = {
        folder / f"{stem}.txt": parsed.transcript,
        folder / "summary.txt": parsed.summary + "\n",
        folder / MANIFEST: header + tomlkit.dumps(manifest),
    }
    for path, content in files.items():
        if path.exists() and not force and path.read_text(encoding="utf-8") != content:
            raise ManifestError(f"{path}: exists with other content; use --force to replace it")
    record_bytes = source.read_bytes()
    if (
        record_copy.exists()
        and not force
        and hashlib.sha256(record_copy.read_bytes()).hexdigest() != parsed.sha256
    ):
        raise ManifestError(f"{record_copy}: exists with other content; use --force to replace it")
    for path, content in files.items():
        write_atomic(path, content)
    if not record_copy.exists() or record_copy.read_bytes() != record_bytes:
        write_atomic(record_copy, record_bytes)
    return folder / MANIFEST


def run_project(
    project: str | Path = ".",
    *,
    progress: Progress | None = None,
    allow_read: Iterable[str | Path] = (),
) -> tuple[list[Path], Apparatus]:
    """Collate a project's witnesses and write ``reports/apparatus.json``, ``.html`` and ``.xml``
    (TEI).

    Every report is rendered before any file is replaced, and each is replaced atomically,
    so a failed run leaves the previous reports as they were. ``allow_read``: folders
    outside the project that its manifest may name (see `read_manifest`).
    """
    from collate.report.writer import write_all

    manifest = read_manifest(project, allow_read=allow_read)
    apparatus = collate_manifest(manifest, progress=progress)
    files = report_files(manifest, apparatus)
    write_all(files)
    return list(files), apparatus


_REPORTS = (("json", "json"), ("html", "html"), ("tei", "xml"))


def report_names() -> list[str]:
    """The files `collate run` writes in ``reports/``."""
    return [f"apparatus.{extension}" for _, extension in _REPORTS]


def report_files(manifest: Manifest, apparatus: Apparatus) -> dict[Path, str]:
    """What `collate run` writes: the reports' paths and contents."""
    from collate.report import render

    return {
        manifest.reports / f"apparatus.{extension}": render(apparatus, fmt) for fmt, extension in _REPORTS
    }


EDITION = "edition"


def apply_project(
    project: str | Path = ".", out: str | Path | None = None, *, allow_read: Iterable[str | Path] = ()
) -> list[Path]:
    """Write each witness with its accepted corrections applied, as text (``<siglum>.txt``)
    and as TEI (``<siglum>.xml``, with ``surplus`` and ``sic``/``corr``), to ``out``
    (default: ``edition/`` in the project, which must lie inside it). File names are made
    from the sigla by `collate.paths.file_stem`. Refuses, writing nothing, if a correction no
    longer matches its witness."""
    from collate.corrections import CORRECTIONS, emend, locate_all, read_corrections
    from collate.report.tei import render_edition
    from collate.report.writer import write_all

    manifest = read_manifest(project, allow_read=allow_read)
    if out is None:
        confine(
            manifest.project / EDITION,
            roots(project),
            what=f"the edition folder {manifest.project / EDITION}",
        )
    witnesses = load_witnesses(manifest)
    path = manifest.folder / CORRECTIONS
    located = locate_all(
        read_corrections(path), {w.siglum: w for w in witnesses}, where=f"{path} (nothing written)"
    )
    folder = Path(out) if out is not None else manifest.project / EDITION
    files: dict[Path, str] = {}
    origins: dict[Path, str] = {}
    for witness in witnesses:
        mine = [loc for loc in located if loc.correction.witness == witness.siglum]
        stem = file_stem(witness.siglum)
        files[folder / f"{stem}.txt"] = emend(witness, mine)
        files[folder / f"{stem}.xml"] = render_edition(witness, mine)
        origins.update({folder / f"{stem}.txt": witness.siglum, folder / f"{stem}.xml": witness.siglum})
    distinct_files(origins)
    if out is None:
        for target in files:
            confine(target, roots(project), what=f"the edition file {target}")
    write_all(files)
    return list(files)


def record_corrections(
    project: str | Path,
    ids: list[str],
    *,
    status: str,
    reason: str = "",
    editor: str = "",
    emended: str | None = None,
    force: bool = False,
    allow_read: Iterable[str | Path] = (),
) -> list[str]:
    """Record the anomalies ``ids`` of the current run as corrections in ``corrections.toml``,
    with context to find them again; returns the new corrections' ids.

    Each anomaly becomes a correction with its own proposed emendation. With ``emended``, the
    anomalies must all be about the same phrase (several distortions of one summary clause,
    say): they become one correction whose reading is replaced by ``emended``. An ``emended``
    that does not fit the phrase it replaces (`collate.corrections.misfit`: it repeats the
    words on either side) is refused, nothing recorded; with ``force`` it is recorded, and an
    `EmendationWarning` says why it looked wrong."""
    import warnings

    import tomlkit

    from collate.corrections import (
        CORRECTIONS,
        EmendationWarning,
        from_anomaly,
        locate,
        misfit,
        read_corrections,
        resolves,
    )
    from collate.model import Span, Status
    from collate.report.writer import write_atomic

    manifest = read_manifest(project, allow_read=allow_read)
    apparatus = collate_manifest(manifest)
    witnesses = list(apparatus.witnesses)
    by_id = {a.id: a for a in apparatus.anomalies}
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise ManifestError(
            f"no anomaly {', '.join(missing)} in this run; known: {', '.join(by_id) or 'none'}"
        )
    try:
        chosen = Status(status)
    except ValueError:
        raise ManifestError(f"status must be 'accepted' or 'authorial', not {status!r}") from None
    path = manifest.folder / CORRECTIONS
    existing = read_corrections(path)
    by_siglum = {w.siglum: w for w in witnesses}
    answered = [
        f"{i} (by {loc.correction.id})"
        for i in ids
        for loc in (locate(c, by_siglum) for c in existing)
        if resolves(loc, by_id[i])
    ]
    if answered:
        raise ManifestError(f"already recorded: {', '.join(answered)}; edit {path.name} to change a decision")
    taken = {c.id for c in existing}
    number = len(existing)
    added = []
    entries = []
    groups = [[by_id[i] for i in ids]] if emended is not None else [[by_id[i]] for i in ids]
    if emended is not None and len({(a.witness, a.start, a.end) for a in groups[0]}) > 1:
        raise ManifestError(
            "--emended takes anomalies about one and the same phrase; record the others apart"
        )
    if emended is not None and chosen is Status.ACCEPTED:
        anomaly = groups[0][0]
        own = apparatus.witness(anomaly.witness)
        fellows = [w for w in witnesses if w.collated and own.collated and w.siglum != own.siglum]
        problem = misfit(own, Span(anomaly.start, anomaly.end), emended, fellows)
        if problem is not None and not force:
            raise ManifestError(
                f"{', '.join(ids)}: {problem}; nothing recorded: give the words that replace the reading "
                "alone, or record it as it is with --force"
            )
        if problem is not None:
            warnings.warn(f"{', '.join(ids)}: {problem}", EmendationWarning, stacklevel=2)
    for group in groups:
        number += 1
        while f"c{number}" in taken:
            number += 1
        anomaly = group[0]
        correction = from_anomaly(
            anomaly,
            apparatus.witness(anomaly.witness),
            id=f"c{number}",
            status=chosen,
            reason=reason,
            editor=editor,
            emended=emended,
        )
        added.append(correction.id)
        entries.append(
            {
                "id": correction.id,
                "witness": correction.witness,
                "kind": (
                    correction.kinds[0].value
                    if len({a.kind for a in group}) == 1
                    else list(dict.fromkeys(a.kind.value for a in group))
                ),
                "status": correction.status.value,
                "reading": correction.reading,
                "before": correction.before,
                "after": correction.after,
                "emended": correction.emended,
                "reason": correction.reason,
                "editor": correction.editor,
            }
        )
    # The file as the editors left it, comments and layout kept, the new decisions appended.
    document = (
        tomlkit.parse(_ended(read_config(path, what="corrections file")[0]))  # BOM read past
        if path.exists()
        else tomlkit.document().add(
            tomlkit.comment("Corrections: what the editors decided about each anomaly (see 'collate check').")
        )
    )
    table = document.get("correction")
    if table is None:
        table = tomlkit.aot()
        document.append("correction", table)
    elif not isinstance(table, tomlkit.items.AoT):
        # written inline (``correction = []``, or ``[{...}]``): appended to as such it would not
        # be TOML; the same entries, as an array of tables, with the new ones after them
        kept = tomlkit.aot()
        for old in table:
            kept.append(tomlkit.item(dict(old)))
        document["correction"] = kept
        table = kept
    for entry in entries:
        table.append(tomlkit.item(entry))
    write_atomic(path, tomlkit.dumps(document))
    return added
