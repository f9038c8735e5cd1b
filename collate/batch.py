"""Many records and projects at once: what `collate run` does for one, done for a whole archive.

`find_items` turns folders, files and glob patterns into items: archive records (the seed's
format, read by the importer) and project folders (a ``collate.toml``). `run_batch` collates
each (the detectors, and the summary check where a record has a summary) and writes, in the
output folder::

    records/<name>/apparatus.json   the record's apparatus, as `collate run` writes it
    records/<name>/apparatus.html
    records/<name>/status.json      its line of the index (with the hash of its inputs)
    index.jsonl                     one line a record, sorted by name
    index.html                      the same as a table, sortable, linking to each report

A record that fails is listed with its error and the batch goes on. A record whose inputs and
collate version are unchanged since its last run (the same content hash, its reports still on
disk) is skipped, so a rerun after an interruption does only what is left.

The work runs in a pool of local processes (all cores by default, no service to start) or, given
a scheduler address, on a Dask distributed cluster (``pip install 'collate[dask]'``). Either
way the workers only compute: records travel to them as bytes, and the reports come back as
text that this process writes, so the files are the same byte for byte whichever way they
ran. Projects are read by the workers from their folder, which they must see (on a cluster, a
shared file system).
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from collate.errors import CollateError, InputError
from collate.model import Progress
from collate.parallel import run_all
from collate.paths import expand, file_stem, shown
from collate.report.escape import json_text
from collate.version import __version__

RECORDS = "records"
INDEX = "index.jsonl"
OVERVIEW = "index.html"
STATUS = "status.json"
REPORTS = (("json", "apparatus.json"), ("html", "apparatus.html"))


class ItemKind(StrEnum):
    """What an item of a batch is (its ``kind`` in the index)."""

    RECORD = "record"
    """An archive record file."""
    PROJECT = "project"
    """A folder with a ``collate.toml``."""


@dataclass(frozen=True, slots=True)
class Item:
    """One record or project of a batch."""

    name: str
    """Its folder under ``records/``: a safe file name, unique in the batch."""
    kind: ItemKind
    path: Path
    shown: str
    """The path as the batch shows it (in the index and the reports), with forward slashes."""


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a batch did: the index lines (one a record, by name), and how many of them were
    collated now (``done``), left as they were, unchanged since they were collated
    (``skipped``), or failed, now or unchanged since they failed (``failed``): the three add
    up to the records."""

    lines: tuple[dict[str, Any], ...]
    done: int
    skipped: int
    failed: int
    index: Path
    overview: Path
    peak_memory: dict[str, int] = field(default_factory=dict)
    """The peak resident memory (bytes) of each worker process that collated a record, by an
    id of the worker (host and process), for benchmarks and capacity planning."""


def _is_project(folder: Path) -> bool:
    return (folder / "collate.toml").is_file() or (folder / "witnesses" / "collate.toml").is_file()


def find_items(sources: Iterable[str | Path]) -> list[Item]:
    """The records and projects that ``sources`` name, in a stable order.

    A source is a record file, a project folder, a folder (its record files ``*.txt`` and its
    project subfolders, not deeper), or a glob pattern (``archive/**/*.txt``) matching any of
    those. Names are the file stems or folder names, made safe (`file_stem`) and unique."""
    found: dict[Path, tuple[ItemKind, Path]] = {}

    for path in expand(sources):
        if path.is_dir() and not _is_project(path):  # a folder of records and projects
            for child in sorted(path.iterdir()):
                if child.is_dir() and _is_project(child):
                    found.setdefault(child.resolve(), (ItemKind.PROJECT, child))
                elif child.is_file() and child.suffix == ".txt":
                    found.setdefault(child.resolve(), (ItemKind.RECORD, child))
        else:
            found.setdefault(path.resolve(), (ItemKind.PROJECT if path.is_dir() else ItemKind.RECORD, path))
    items: list[Item] = []
    taken: set[str] = set()
    for kind, path in sorted(found.values(), key=lambda entry: entry[1].as_posix()):
        base = file_stem(path.stem if kind is ItemKind.RECORD else path.resolve().name)
        name = base
        if name.casefold() in taken:  # two records of one name in different folders
            name = f"{base}-{hashlib.sha256(path.as_posix().encode()).hexdigest()[:8]}"
        taken.add(name.casefold())
        items.append(Item(name, kind, path, shown(path)))
    return items


# --- the work of one item, run in a worker ------------------------------------------------


def _task(item: Item) -> tuple[str, str, str, bytes | str]:
    """What a worker needs: a record's bytes travel with it; a project is read where it is."""
    if item.kind is ItemKind.RECORD:
        try:
            return item.kind, item.name, item.shown, item.path.read_bytes()
        except OSError as error:
            raise InputError(f"{item.path}: cannot read: {error.strerror}") from None
    return item.kind, item.name, item.shown, str(item.path)


def _task_or_error(item: Item) -> tuple[str, str, str, bytes | str]:
    """`_task`, or, for a file that became unreadable since it was hashed, a task that
    `process` reports as that error."""
    try:
        return _task(item)
    except CollateError as error:
        return "error", item.name, item.shown, str(error)


def digest(item: Item, payload: bytes | str) -> str:
    """The hash of what an item's reports depend on: collate's version and the item's input
    files (a record; a project's manifest and the files it names)."""
    hasher = hashlib.sha256(f"collate {__version__}\0{item.kind}\0{item.shown}\0".encode())
    if isinstance(payload, bytes):
        hasher.update(payload)
        return hasher.hexdigest()
    from collate.edition import read_manifest

    manifest = read_manifest(item.path)
    for path in [manifest.path, *(manifest.witness_path(entry) for entry in manifest.witnesses)]:
        hasher.update(path.relative_to(manifest.folder).as_posix().encode() + b"\0")
        try:
            hasher.update(path.read_bytes())
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error.strerror}") from None
    return hasher.hexdigest()


def process(task: tuple[str, str, str, bytes | str]) -> dict[str, Any]:
    """Collate one item (a `_task`): its index line and its reports' text, or its error.

    Runs in a worker process, local or on a cluster; depends on nothing but ``task``."""
    import resource

    kind, name, shown, payload = task
    line: dict[str, Any] = {"name": name, "kind": kind, "path": shown}
    files: dict[str, str] = {}
    try:
        if kind == "error":
            raise InputError(str(payload))
        apparatus = _apparatus(kind, shown, payload)
        from collate.report import render

        files = {file: render(apparatus, fmt) for fmt, file in REPORTS}
        kinds: dict[str, int] = {}
        for anomaly in apparatus.anomalies:
            kinds[anomaly.kind.value] = kinds.get(anomaly.kind.value, 0) + 1
        line.update(
            status="ok",
            witnesses=[w.siglum for w in apparatus.witnesses],
            units=len(apparatus.alignment.units),
            anomalies=len(apparatus.anomalies),
            kinds=dict(sorted(kinds.items())),
            max_confidence=max((round(a.confidence, 2) for a in apparatus.anomalies), default=0.0),
            reports={fmt: f"{RECORDS}/{name}/{file}" for fmt, file in REPORTS},
        )
    except CollateError as error:
        line.update(status="error", error=str(error))
    except Exception as error:  # a bug met on one record must not stop the batch
        line.update(status="error", error=f"internal error: {type(error).__name__}: {error}")
    memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"line": line, "files": files, "worker": (f"{socket.gethostname()}:{os.getpid()}", memory)}


def _apparatus(kind: str, shown: str, payload: bytes | str) -> Any:
    from collate.apparatus import build

    if kind == ItemKind.RECORD:
        assert isinstance(payload, bytes)
        from collate.readers import decode, parse_record, record_witnesses

        text = decode(payload, name=shown)
        record = parse_record(text, name=shown, sha256=hashlib.sha256(payload).hexdigest())
        return build(record_witnesses(record, path=shown))
    from collate.edition import collate_manifest, read_manifest

    return collate_manifest(read_manifest(str(payload)))


# --- running many ---------------------------------------------------------------------------


def _previous(folder: Path, item: Item, hashed: str) -> dict[str, Any] | None:
    """The index line of an item's last run, if its inputs are the same and its reports are
    all still there."""
    try:
        line = json.loads((folder / STATUS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(line, dict) or line.get("hash") != hashed or line.get("path") != item.shown:
        return None
    if line.get("status") == "ok" and not all((folder / file).is_file() for _, file in REPORTS):
        return None
    return line


def run_batch(
    sources: Iterable[str | Path],
    out: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> BatchResult:
    """Collate every record and project ``sources`` name (see `find_items`) into ``out``.

    ``workers``: local processes (default: every core); ``scheduler``: the address of a Dask
    scheduler to run on instead (``tcp://host:8786``). ``force`` collates records whose inputs
    are unchanged too. Reports are written as each record finishes, each file atomically."""
    from collate.report.writer import write_all

    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: exists and is not a folder")
    items = find_items(sources)
    if not items:
        raise InputError("no records or projects found in " + ", ".join(map(str, sources)))
    lines: dict[str, dict[str, Any]] = {}
    todo: list[tuple[Item, str]] = []
    for item in items:
        try:
            hashed = digest(item, _task(item)[3])
        except CollateError as error:
            lines[item.name] = {"name": item.name, "kind": item.kind, "path": item.shown, "status": "error",
                                "error": str(error)}  # fmt: skip
            continue
        previous = None if force else _previous(folder / RECORDS / item.name, item, hashed)
        if previous is not None:
            lines[item.name] = previous
        else:
            todo.append((item, hashed))
    hashes = {item.name: hashed for item, hashed in todo}
    total = len(todo)
    if progress:
        progress("records", 0, total)
    tasks = (_task_or_error(item) for item, _ in todo)  # read again as sent: memory stays small
    peaks: dict[str, int] = {}
    results = run_all(process, tasks, workers=workers, scheduler=scheduler)
    for done, result in enumerate(results, 1):
        line = {**result["line"], "hash": hashes[result["line"]["name"]]}
        here = folder / RECORDS / line["name"]
        files = {here / file: text for file, text in result["files"].items()}
        files[here / STATUS] = _json_line(line) + "\n"
        write_all(files)
        lines[line["name"]] = line
        worker, memory = result["worker"]
        peaks[worker] = max(memory, peaks.get(worker, 0))
        if progress:
            progress("records", done, total)
    ordered = tuple(sorted(lines.values(), key=lambda line: str(line["name"])))
    index, overview = folder / INDEX, folder / OVERVIEW
    write_all(
        {
            index: "".join(_json_line(line) + "\n" for line in ordered),
            overview: render_overview(ordered),
        }
    )
    failed = sum(line["status"] != "ok" for line in ordered)
    redone = {item.name for item, _ in todo}
    done = sum(line["status"] == "ok" for line in ordered if line["name"] in redone)
    return BatchResult(ordered, done, len(ordered) - done - failed, failed, index, overview, peaks)


INDEX_FORMAT = 1
"""The format of each line of ``index.jsonl`` and of each record's ``status.json``
(docs/archive.md), raised on every incompatible change."""


def _json_line(line: dict[str, Any]) -> str:
    return json_text({**line, "format": INDEX_FORMAT}, separators=(", ", ": "), sort_keys=True)


def render_overview(lines: Sequence[dict[str, Any]]) -> str:
    """The index as one self-contained HTML page: a table of the records, sortable by any
    column (name, anomalies, kinds, highest confidence, status), each linking to its report.
    The view is built here; ``templates/batch-index.html`` lays it out."""
    from urllib.parse import quote

    from collate.report.pages import asset, render_page

    kinds = sorted({kind for line in lines for kind in line.get("kinds", {})})
    rows = []
    for line in lines:
        ok = line["status"] == "ok"
        counts = line.get("kinds", {})
        numbers = [
            {"sort": line.get("anomalies", -1), "shown": line.get("anomalies", "")},
            *({"sort": counts.get(kind, 0), "shown": counts.get(kind, "") or ""} for kind in kinds),
            {
                "sort": line.get("max_confidence", -1),
                "shown": "" if not ok else format(line["max_confidence"], ".2f"),
            },
        ]
        rows.append(
            {
                "name": line["name"],
                # a relative address, percent-encoded: no name can make it another scheme
                "link": quote(line["reports"]["html"]) if ok else None,
                "path": line["path"],
                "numbers": numbers,
                "status": line["status"],
                "error": None if ok else line.get("error", ""),
            }
        )
    return render_page(
        "batch-index.html",
        rows=rows,
        headers=["record", "anomalies", *kinds, "highest confidence", "status"],
        anomalies=sum(line.get("anomalies", 0) for line in lines),
        failed=sum(line["status"] != "ok" for line in lines),
        css=asset("batch.css"),
        js=asset("batch.js"),
    )
