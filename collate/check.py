"""The CI gate of an edition repository: `collate check` fails (exit 3) when

- a report in ``reports/`` differs from what `collate run` would write now (``stale-report``,
  ``missing-report``);
- a recorded correction no longer matches the text of its witness (``correction-mismatch``);
- an anomaly at or above the threshold (``[check] threshold`` in ``collate.toml``, 0.5 by
  default) is neither corrected nor marked authorial (``uncorrected-anomaly``).

`gate` is the pure part (anomalies and located corrections in, findings out); `check_project`
reads a project and runs it. Findings read like a linter's: ``path:line:column: code message``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from collate.corrections import CORRECTIONS, Located, locate, read_corrections, resolves
from collate.model import Anomaly, Witness
from collate.text import clip


@dataclass(frozen=True, slots=True)
class Finding:
    """One reason the gate fails, located in a file."""

    code: str
    path: str
    line: int
    column: int
    message: str
    anomaly: str | None = None
    correction: str | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"


def gate(
    anomalies: Sequence[Anomaly],
    located: Sequence[Located],
    witnesses: Mapping[str, Witness],
    *,
    threshold: float,
    corrections_path: str,
) -> list[Finding]:
    """Corrections that no longer match, and anomalies at or above ``threshold`` that no
    correction answers, in that order."""
    findings = [
        Finding(
            "correction-mismatch",
            corrections_path,
            loc.correction.line,
            1,
            f"correction {loc.correction.id} ({'/'.join(k.value for k in loc.correction.kinds)} in "
            f"{loc.correction.witness}): {loc.problem}",
            correction=loc.correction.id,
        )
        for loc in located
        if loc.span is None
    ]
    for anomaly in anomalies:
        if anomaly.confidence < threshold or any(resolves(loc, anomaly) for loc in located):
            continue
        witness = witnesses[anomaly.witness]
        line, column = witness.line_col(anomaly.start)
        quoted = clip(anomaly.text, 50)
        findings.append(
            Finding(
                "uncorrected-anomaly",
                witness.path or witness.siglum,
                line,
                column,
                f"{anomaly.kind.value} {anomaly.id} ({anomaly.confidence:.2f})"
                + (f" “{quoted}”" if quoted else "")
                + f" is neither corrected nor marked authorial [{anomaly.cause}]",
                anomaly=anomaly.id,
            )
        )
    return findings


def check_project(
    project: str | Path = ".", *, allow_read: Iterable[str | Path] = (), threshold: float | None = None
) -> list[Finding]:
    """Everything `collate check` reports about a project (empty: the gate passes).
    ``allow_read``: folders outside the project its manifest may name (see `read_manifest`);
    ``threshold``: the least confidence of an anomaly that must be decided, over the
    manifest's ``[check] threshold``."""
    from collate.edition import collate_manifest, read_manifest, report_files

    manifest = read_manifest(project, allow_read=allow_read)
    apparatus = collate_manifest(manifest)
    witnesses = list(apparatus.witnesses)
    findings: list[Finding] = []
    for path, content in report_files(manifest, apparatus).items():
        shown = _relative(path, manifest.project)
        if not path.is_file():
            findings.append(
                Finding("missing-report", shown, 1, 1, "is missing: run 'collate run' and commit it")
            )
            continue
        current = path.read_bytes()
        wanted = content.encode("utf-8")
        if current != wanted:
            line = _first_difference(current, wanted)
            findings.append(
                Finding(
                    "stale-report",
                    shown,
                    line,
                    1,
                    "differs from what 'collate run' writes now (edited by hand, or the witnesses changed): "
                    "run 'collate run' and commit the reports",
                )
            )
    corrections_file = manifest.folder / CORRECTIONS
    by_siglum = {w.siglum: w for w in witnesses}
    located = [locate(c, by_siglum) for c in read_corrections(corrections_file)]
    findings.extend(
        gate(
            apparatus.anomalies,
            located,
            by_siglum,
            threshold=manifest.settings.threshold if threshold is None else threshold,
            corrections_path=_relative(corrections_file, manifest.project),
        )
    )
    return findings


def _relative(path: Path, project: Path) -> str:
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _first_difference(current: bytes, wanted: bytes) -> int:
    for number, (a, b) in enumerate(zip(current.splitlines(), wanted.splitlines(), strict=False), 1):
        if a != b:
            return number
    return min(current.count(b"\n"), wanted.count(b"\n")) + 1


CHECK_FORMAT = 1
"""The format of `collate check --format json` (docs/json-format.md), raised on every
incompatible change."""


def as_data(findings: Sequence[Finding]) -> dict[str, object]:
    """The findings as JSON-ready data: ``{"format": 1, "ok": ..., "findings": [...]}``."""
    return {"format": CHECK_FORMAT, "ok": not findings, "findings": [asdict(f) for f in findings]}
