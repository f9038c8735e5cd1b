"""The edition workflow: recorded corrections, `collate check` (the CI gate), `collate apply`."""

from __future__ import annotations

import dataclasses
import json
import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

import collate
import collate.schema
from collate.check import Finding, check_project, gate
from collate.cli import main
from collate.corrections import Correction, Located, Status, locate, misfit, read_corrections, resolves
from collate.errors import ManifestError
from collate.model import Anomaly, AnomalyKind, Span
from collate.readers import witness_from_text

from conftest import ROOT, WITNESSES, corpus

CABLE = WITNESSES / "cable.txt"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of this repository's edition: witnesses and the reports checked in."""
    copy = tmp_path / "edition"
    shutil.copytree(WITNESSES, copy / "witnesses")
    shutil.copytree(ROOT / "reports", copy / "reports")
    return copy


# --- the gate, as a pure function ---------------------------------------------------------


def anomaly(kind: AnomalyKind, start: int, end: int, confidence: float = 0.9, id: str = "a1") -> Anomaly:
    return Anomaly(id, kind, "A", start, end, "x" * (end - start), confidence, "why")


def located(kinds: tuple[AnomalyKind, ...], span: Span | None, status: Status = Status.ACCEPTED) -> Located:
    correction = Correction("c1", "A", kinds, status, "reading", line=3)
    return Located(correction, span, "" if span else "its reading is no longer in A")


WITNESS = {"A": witness_from_text("A", "the railroad railroad ran " * 3)}


def test_an_anomaly_at_the_threshold_must_be_answered() -> None:
    findings = gate(
        [anomaly(AnomalyKind.DITTOGRAPHY, 4, 12, 0.5)], [], WITNESS, threshold=0.5, corrections_path="c.toml"
    )
    assert [f.code for f in findings] == ["uncorrected-anomaly"]
    assert (
        gate(
            [anomaly(AnomalyKind.DITTOGRAPHY, 4, 12, 0.49)],
            [],
            WITNESS,
            threshold=0.5,
            corrections_path="c.toml",
        )
        == []
    )


def test_a_correction_answers_its_kind_where_it_overlaps() -> None:
    ditto = anomaly(AnomalyKind.DITTOGRAPHY, 4, 12)
    assert resolves(located((AnomalyKind.DITTOGRAPHY,), Span(3, 12)), ditto)
    assert resolves(located((AnomalyKind.DITTOGRAPHY,), Span(3, 12), Status.AUTHORIAL), ditto)
    assert not resolves(located((AnomalyKind.SPELLING_VARIATION,), Span(3, 12)), ditto)  # another kind
    assert not resolves(located((AnomalyKind.DITTOGRAPHY,), Span(12, 20)), ditto)  # elsewhere
    gap = anomaly(AnomalyKind.OMISSION, 7, 7)
    assert resolves(located((AnomalyKind.OMISSION,), Span(7, 7)), gap)


def test_a_correction_that_no_longer_matches_is_a_finding() -> None:
    findings = gate(
        [], [located((AnomalyKind.DITTOGRAPHY,), None)], WITNESS, threshold=0.5, corrections_path="c.toml"
    )
    assert findings == [
        Finding(
            "correction-mismatch",
            "c.toml",
            3,
            1,
            "correction c1 (dittography in A): its reading is no longer in A",
            correction="c1",
        )
    ]


def test_locate_finds_a_reading_by_its_text_and_context() -> None:
    witness = witness_from_text("A", "one two three two one")
    found = locate(
        Correction("c1", "A", (AnomalyKind.DITTOGRAPHY,), Status.ACCEPTED, "two", before="three "),
        {"A": witness},
    )
    assert found.span == Span(14, 17)
    twice = locate(Correction("c1", "A", (AnomalyKind.DITTOGRAPHY,), Status.ACCEPTED, "two"), {"A": witness})
    assert twice.span is None and "more than once" in twice.problem
    moved = locate(
        Correction("c1", "A", (AnomalyKind.DITTOGRAPHY,), Status.ACCEPTED, "two", before="zero "),
        {"A": witness},
    )
    assert moved.span is None and "not in its recorded context" in moved.problem
    nowhere = locate(
        Correction("c1", "B", (AnomalyKind.DITTOGRAPHY,), Status.ACCEPTED, "two"), {"A": witness}
    )
    assert "does not list" in nowhere.problem


# --- the repository and its seed ------------------------------------------------------------


def test_check_passes_on_the_repository() -> None:
    assert check_project(ROOT) == []
    result = invoke("check", str(ROOT))
    assert result.exit_code == 0 and result.output == "collate check: ok\n"


def test_the_seed_dittography_is_a_recorded_correction() -> None:
    corrections = read_corrections(WITNESSES / "corrections.toml")
    (ditto,) = [c for c in corrections if AnomalyKind.DITTOGRAPHY in c.kinds]
    assert ditto.status is Status.ACCEPTED and ditto.witness == "cable" and ditto.emended == ""
    assert ditto.reading.strip().startswith("the main lines") and ditto.reason and ditto.editor
    assert {c.status for c in corrections} == {Status.ACCEPTED, Status.AUTHORIAL}


def test_a_doubled_word_added_to_the_cable_fails_the_gate(project: Path) -> None:
    cable = project / "witnesses" / "cable.txt"
    cable.write_text(
        cable.read_text(encoding="utf-8").replace(
            "protection of the railroad", "protection of the railroad railroad"
        ),
        encoding="utf-8",
    )
    result = invoke("check", str(project))
    assert result.exit_code == 3
    lines = result.output.splitlines()
    assert any(
        line.startswith("witnesses/cable.txt:")
        and "uncorrected-anomaly dittography" in line
        and "“railroad”" in line
        for line in lines
    ), result.output
    assert any(line.startswith("reports/apparatus.json:") and "stale-report" in line for line in lines)


def test_a_hand_edited_report_fails_the_gate(project: Path) -> None:
    report = project / "reports" / "apparatus.html"
    report.write_text(
        report.read_text(encoding="utf-8").replace("Critical apparatus", "My apparatus", 1), encoding="utf-8"
    )
    result = invoke("check", str(project))
    assert result.exit_code == 3
    (finding,) = result.output.splitlines()[:-1]
    assert (
        finding.startswith("reports/apparatus.html:")
        and "stale-report" in finding
        and "collate run" in finding
    )


def test_a_missing_report_fails_the_gate(project: Path) -> None:
    (project / "reports" / "apparatus.xml").unlink()
    result = invoke("check", str(project))
    assert result.exit_code == 3 and "reports/apparatus.xml:1:1: missing-report" in result.output


def test_a_correction_whose_text_changed_fails_the_gate(project: Path) -> None:
    corrections = project / "witnesses" / "corrections.toml"
    corrections.write_text(
        corrections.read_text(encoding="utf-8").replace(
            'reading = "Treaty of Alliance"', 'reading = "Treaty of Alliances"'
        ),
        encoding="utf-8",
    )
    result = invoke("check", str(project), "--format", "json")
    assert result.exit_code == 3
    data = json.loads(result.output)
    assert data["ok"] is False
    codes = {(f["code"], f.get("correction") or f.get("anomaly")) for f in data["findings"]}
    assert ("correction-mismatch", "c8") in codes
    assert any(code == "uncorrected-anomaly" for code, _ in codes)  # the anomaly it answered is open again
    mismatch = next(f for f in data["findings"] if f["code"] == "correction-mismatch")
    assert mismatch["path"] == "witnesses/corrections.toml" and mismatch["line"] > 1
    assert "no longer in summary" in mismatch["message"]


def test_the_threshold_is_configurable(project: Path) -> None:
    (project / "witnesses" / "corrections.toml").unlink()
    assert {f.code for f in check_project(project)} == {"uncorrected-anomaly"}
    manifest = project / "witnesses" / "collate.toml"
    from collate.edition import collate_manifest, read_manifest

    top = max(a.confidence for a in collate_manifest(read_manifest(project)).anomalies)
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + f"\n[check]\nthreshold = {(top + 1) / 2:.6f}\n",
        encoding="utf-8",
    )
    assert check_project(project) == []  # above every anomaly: nothing to decide


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[correction]]\nid = "c1"\n', "missing 'witness'"),
        (
            '[[correction]]\nid="c1"\nwitness="cable"\nkind="typo"\nstatus="accepted"\nreading="x"\n',
            "unknown kind 'typo'",
        ),
        (
            '[[correction]]\nid="c1"\nwitness="cable"\nkind="dittography"\nstatus="maybe"\nreading="x"\n',
            "status must be",
        ),
        (
            '[[correction]]\nid="c1"\nwitness="cable"\nkind="dittography"\nstatus="accepted"\nreading="x"\ncolour=1\n',
            "unknown key",
        ),
        (
            '[[correction]]\nid="c1"\nwitness="cable"\nkind="dittography"\nstatus="accepted"\nreading="x"\n'
            * 2,
            "duplicate id",
        ),
        ("[[correction]\n", "not valid TOML"),
    ],
)
def test_bad_corrections_files_are_named(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "corrections.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        read_corrections(path)


# --- apply and record ---------------------------------------------------------------------------


def test_apply_writes_the_cable_without_the_repeated_passage(project: Path) -> None:
    result = invoke("apply", str(project), "-o", str(project / "out"))
    assert result.exit_code == 0, result.output
    cable = (project / "out" / "cable.txt").read_text(encoding="utf-8")
    original = CABLE.read_text(encoding="utf-8")
    assert original.count("the main lines and not subsidiary lines") == 2
    assert cable.count("the main lines and not subsidiary lines") == 1
    assert (
        "The rail roads involved should be only the main lines and not subsidiary lines. Title of the "
        "railroads might be joint Soviet and Chinese. The industries referred to in the Soviet proposal "
        "should be only those directly connected with the operation of the railroads."
    ) in cable
    assert "[Xinjiang]" not in cable and "rail roads" in cable  # the gloss goes; the authorial spelling stays
    rng = etree.RelaxNG(etree.parse(str(Path(collate.schema.__file__).parent / "tei-edition.rng")))
    for name in ("cable.xml", "summary.xml"):
        document = etree.parse(str(project / "out" / name))
        assert rng.validate(document), rng.error_log
    tei = (project / "out" / "cable.xml").read_text(encoding="utf-8")
    assert '<surplus reason="repeated" ana="#c1"> the main lines' in tei
    summary = (project / "out" / "summary.txt").read_text(encoding="utf-8")
    assert "Treaty of Friendship and Alliance" in summary and "appear to have reached" in summary


def test_apply_refuses_when_a_correction_no_longer_matches(project: Path) -> None:
    corrections = project / "witnesses" / "corrections.toml"
    corrections.write_text(
        corrections.read_text(encoding="utf-8").replace(
            "Soviet proposal should be only", "Soviet plan should be only", 1
        ),
        encoding="utf-8",
    )
    result = invoke("apply", str(project), "-o", str(project / "out"))
    assert result.exit_code == 1
    assert "c1:" in result.output and "nothing written" in result.output
    assert not (project / "out").exists()


def test_record_appends_corrections_that_the_gate_then_accepts(project: Path) -> None:
    (project / "witnesses" / "corrections.toml").unlink()
    open_ids = [f.anomaly for f in check_project(project)]
    assert "a3" in open_ids
    result = invoke(
        "record",
        str(project),
        "a3",
        "--status",
        "accepted",
        "--reason",
        "eye-skip",
        "--editor",
        "me",
    )
    assert result.exit_code == 0 and result.output == "recorded c1\n"
    assert "a3" not in [f.anomaly for f in check_project(project)]
    ids = [i for i in open_ids if i != "a3"]
    assert (
        invoke("record", str(project), "a1", "a2", "--status", "authorial", "--emended", "x").exit_code == 1
    )
    assert invoke("record", str(project), "a99", "--status", "accepted").exit_code == 1
    for anomaly_id in ids:
        if anomaly_id in [f.anomaly for f in check_project(project)]:  # not answered by an earlier one
            assert invoke("record", str(project), anomaly_id, "--status", "authorial").exit_code == 0
    assert check_project(project) == []
    again = invoke("record", str(project), "a3", "--status", "accepted")
    assert again.exit_code == 1 and "already recorded: a3 (by c1)" in again.stderr


def test_record_takes_the_project_first_as_run_check_and_apply_do(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "witnesses" / "corrections.toml").unlink()
    assert invoke("record", str(project), "a3", "--status", "accepted").output == "recorded c1\n"
    monkeypatch.chdir(project)  # no project named: the current folder, like run and check
    assert invoke("record", "a1", "--status", "accepted").output == "recorded c2\n"
    old = invoke("record", "a2", "--project", str(project), "--status", "authorial")
    assert old.exit_code == 0 and old.stdout == "recorded c3\n"
    assert "--project is deprecated: collate record PROJECT ID..." in old.stderr
    assert invoke("record", str(project), "--status", "accepted").exit_code == 2  # no ids


def test_record_refuses_an_emendation_that_does_not_fit_its_phrase_unless_forced(project: Path) -> None:
    """The tutorial's old mistake: the whole hedged phrase written over a span that covers only
    its end, so the summary would read "have come to an appear to have reached an ..."."""
    (project / "witnesses" / "corrections.toml").unlink()
    hedge = next(f.anomaly for f in check_project(project, threshold=0.2) if "dropped-hedge" in f.message)
    wrong = "appear to have reached an agreement over Outer Mongolia"
    refused = invoke("record", str(project), hedge, "--status", "accepted", "--emended", wrong)
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert "the emendation repeats “have”, “an”, which stand before the reading it replaces" in refused.stderr
    assert "“…have come to an appear to have reached an agreement over Outer Mongolia, and" in refused.stderr
    assert "nothing recorded" in refused.stderr and "--force" in refused.stderr
    assert not (project / "witnesses" / "corrections.toml").exists()
    fits = invoke("record", str(project), hedge, "--status", "accepted", "--emended", "agreement, it seems,")
    assert fits.exit_code == 0 and fits.stderr == ""
    (project / "witnesses" / "corrections.toml").unlink()
    forced = invoke("record", str(project), hedge, "--status", "accepted", "--emended", wrong, "--force")
    assert forced.exit_code == 0 and forced.stdout == "recorded c1\n"
    assert forced.stderr.startswith(f"collate: warning: {hedge}: the emendation repeats “have”, “an”")


def test_check_fail_under_sets_the_threshold_over_the_manifest(project: Path) -> None:
    (project / "witnesses" / "corrections.toml").unlink()

    def confidences(*options: str) -> list[float]:
        result = invoke("check", str(project), *options)
        assert result.exit_code == 3
        lines = [line for line in result.stdout.splitlines() if "uncorrected-anomaly" in line]
        return [float(line.split("(")[1].split(")")[0]) for line in lines]

    default = confidences()
    assert default and min(default) >= 0.5  # [check] threshold, 0.5
    loose = confidences("--fail-under", "0.2")
    assert len(loose) > len(default) and any(0.2 <= c < 0.5 for c in loose) and min(loose) >= 0.2
    strict = confidences("--fail-under", "0.9")
    assert 0 < len(strict) < len(default) and min(strict) >= 0.9
    assert invoke("check", str(project), "--fail-under", "1.5").exit_code == 2


def test_an_eye_skip_filled_in_brings_back_the_words_beside_it_and_fits() -> None:
    """Filling an omission in repeats the words at the gap's edge (that is how the eye
    skipped): where a fellow copy reads the result word for word, the emendation fits. Seen on
    John in 01, 03, 05 and P66: without the fellow copies, some proposed insertions would be
    refused; with them, none."""
    files = [corpus("cntr-john", "final", f"{siglum}.txt") for siglum in ("01", "03", "05", "P66")]
    witnesses = collate.load_files(files)
    apparatus = collate.collate(witnesses)
    proposals = [
        (apparatus.witness(a.witness), a.emendation)
        for a in apparatus.anomalies
        if a.emendation is not None and a.emendation.text.strip()
    ]
    assert len(proposals) >= 5
    alone = [w for w, e in proposals if misfit(w, Span(e.start, e.end), e.text)]
    assert alone, "the seam rule alone refuses some of them"
    fellows = [
        misfit(w, Span(e.start, e.end), e.text, [o for o in witnesses if o.siglum != w.siglum])
        for w, e in proposals
    ]
    assert fellows == [None] * len(proposals)


def test_record_keeps_what_the_editors_wrote_in_the_corrections_file(project: Path) -> None:
    """A decision recorded is appended to corrections.toml as TOML: the editors' comments,
    their order and their layout stay as they were, and the file still reads."""
    path = project / "witnesses" / "corrections.toml"
    first = path.read_text(encoding="utf-8").split("[[correction]]")[1].strip()
    mine = f"# Our decisions: ask M.\n\n[[correction]]\n{first}\n# (end of the first pass)\n"
    path.write_text(mine, encoding="utf-8")
    before = collate.read_corrections(path)
    anomaly_id = check_project(project)[0].anomaly
    assert (
        invoke("record", str(project), anomaly_id, "--status", "accepted", "--reason", "a slip").exit_code
        == 0
    )
    text = path.read_text(encoding="utf-8")
    assert text.startswith(mine.removesuffix("# (end of the first pass)\n"))
    assert "# (end of the first pass)" in text
    after = collate.read_corrections(path)
    assert after[:1] == before and len(after) == 2 and after[-1].reason == "a slip"


@pytest.mark.parametrize("inline", ["correction = []", "one inline table"])
def test_record_appends_to_corrections_written_inline(project: Path, inline: str) -> None:
    """``correction = []`` (or inline tables) takes new decisions twice and still reads: the
    entries become an array of tables, none lost."""
    path = project / "witnesses" / "corrections.toml"
    first = read_corrections(path)[0]
    if inline == "correction = []":
        path.write_text("# decisions\ncorrection = []\n", encoding="utf-8")
    else:
        fields = ", ".join(
            f"{key} = {json.dumps(value)}"
            for key, value in tomllib.loads(path.read_text(encoding="utf-8"))["correction"][0].items()
        )
        path.write_text(f"# decisions\ncorrection = [{{{fields}}}]\n", encoding="utf-8")
    before = read_corrections(path)
    ids = [f.anomaly for f in check_project(project) if f.anomaly][:2]
    for anomaly_id in ids:
        result = invoke("record", str(project), anomaly_id, "--status", "authorial")
        assert result.exit_code == 0, result.stderr
    after = read_corrections(path)
    unplaced = [dataclasses.replace(c, line=0) for c in after[: len(before)]]  # their lines moved
    assert unplaced == [dataclasses.replace(c, line=0) for c in before] and len(after) == len(before) + len(
        ids
    )
    assert path.read_text(encoding="utf-8").startswith("# decisions")
    assert inline != "one inline table" or before[0].reading == first.reading


@pytest.mark.parametrize("variant", ["byte-order mark", "no last line end"])
def test_record_appends_to_any_corrections_file_that_reads(project: Path, variant: str) -> None:
    """A corrections file that reads (with a byte-order mark, or without a last line end) takes
    a new decision and still reads after it."""
    path = project / "witnesses" / "corrections.toml"
    first = path.read_text(encoding="utf-8").split("[[correction]]")[1].strip()
    kept = f"# decisions\n\n[[correction]]\n{first}"  # no line end after its last line
    path.write_text("\ufeff" + kept + "\n" if variant == "byte-order mark" else kept, encoding="utf-8")
    before = len(read_corrections(path))
    anomaly_id = next(f.anomaly for f in check_project(project) if f.anomaly)
    result = invoke("record", str(project), anomaly_id, "--status", "authorial")
    assert result.exit_code == 0, result.stderr
    assert len(read_corrections(path)) == before + 1
