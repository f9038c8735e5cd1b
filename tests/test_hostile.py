"""Hostile and broken input: a clear message on stderr naming the file, exit 1 (2 for usage),
no traceback, nothing written; and what is not an error (BOM, mixed line ends, NFD)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from collate.aligner import tiling_errors
from collate.apparatus import build
from collate.cli import main
from collate.readers import witness_from_text
from collate.report import render

from conftest import ROOT, WITNESSES, corpus

GOOD = "The rail roads involved should be only the main lines.\n"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def fails_cleanly(result, exit_code: int, *fragments: str) -> None:
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


BAD_FILES = {
    "empty.txt": (b"", ["empty.txt", "is empty"]),
    "blank.txt": (b" \n\t\n", ["blank.txt", "is empty"]),
    "binary.txt": (b"\x7fELF\x02\x01\x01\x00\x00\x00", ["binary.txt", "binary data"]),
    "latin.txt": (
        "Ça va très bien".encode("latin-1"),
        ["latin.txt", "not valid UTF-8 at byte 0", "--encoding"],
    ),
    "half.json": (
        b'{"witnesses": [{"id": "A", "content": "the ca',
        ["half.json", "malformed JSON at line 1"],
    ),
    "nowitnesses.json": (b'{"texts": []}', ["nowitnesses.json", '"witnesses"']),
    "dupes.json": (
        b'{"witnesses": [{"id": "A", "content": "x"}, {"id": "A", "content": "y"}]}',
        ["dupes.json", "duplicate siglum 'A'"],
    ),
    "broken.xml": (b"<TEI><text><body><p>open</body></TEI>", ["broken.xml", "malformed XML at line 1"]),
    "bomb.xml": (
        b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<TEI><text><body>&b;</body></text></TEI>",
        ["bomb.xml", "refused", "never expands or fetches"],
    ),
    "external.xml": (
        b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><TEI><text><body>&x;</body></text></TEI>',
        ["external.xml", "refused"],
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_input_is_a_message_and_exit_1(tmp_path: Path, name: str) -> None:
    content, fragments = BAD_FILES[name]
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out.json"
    result = invoke("align", str(good), str(bad), "--format", "json", "-o", str(out))
    fails_cleanly(result, 1, *fragments)
    assert result.stderr.startswith("collate: error: ")
    assert not out.exists()


def test_xml_nested_beyond_reason_is_refused(tmp_path: Path) -> None:
    deep = tmp_path / "deep.xml"
    deep.write_bytes(
        b"<TEI><text><body>" + b"<hi>" * 100_000 + b"x" + b"</hi>" * 100_000 + b"</body></text></TEI>"
    )
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    fails_cleanly(invoke("align", str(good), str(deep)), 1, "deep.xml")


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    fails_cleanly(invoke("align", str(good), str(tmp_path / "absent.txt")), 1, "absent.txt: no such file")
    fails_cleanly(invoke("align", str(good), str(tmp_path)), 1, f"{tmp_path}: is a folder")


def test_one_witness_where_two_are_needed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    wanted = "align needs two witnesses to collate, or one and a --summary; got 1 (good)"
    fails_cleanly(invoke("align", str(good)), 1, wanted)


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 40_000, encoding="utf-8")  # 2.2 MB
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = invoke("align", str(good), str(big), "--max-size", "1")
    fails_cleanly(result, 1, "big.txt: 2.2 MB is over the limit of 1 MB per witness", "--max-size")
    assert (
        invoke("align", str(good), str(big), "--max-size", "3", "-o", str(tmp_path / "ok.json")).exit_code
        == 0
    )


def test_the_manifest_sets_the_size_limit(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(WITNESSES, project / "witnesses")
    manifest = project / "witnesses" / "collate.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + "\n[limits]\nmax_megabytes = 0.001\n", encoding="utf-8"
    )
    fails_cleanly(invoke("run", str(project)), 1, "cable.txt", "over the limit of 0.001 MB")
    assert not (project / "reports").exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert invoke("align", "--format", "pdf", "a", "b").exit_code == 2
    assert invoke("align", "--max-size", "-3", "a", "b").exit_code == 2
    assert invoke("check", "--format", "xml").exit_code == 2
    assert invoke().exit_code in (0, 2)  # help


def assert_readings_slice(data: dict, siglum: str, decoded: str) -> None:
    """Every reading of ``siglum`` in a JSON apparatus is in the slice of ``decoded`` (the
    file's text) that its offsets name."""
    for unit in data["units"]:
        for reading in unit["readings"]:
            if siglum in reading["spans"]:
                start, end = reading["spans"][siglum]
                assert reading["text"] in decoded[start:end]


def test_bom_mixed_line_ends_and_nfd_are_handled_not_errors(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    text = "Lüshunkou District,\nDalian and Port Arthur\n"
    a.write_bytes(
        b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).replace("\n", "\r\n", 1).encode("utf-8")
    )
    b.write_bytes(text.replace("\n", "\r", 1).encode("utf-8"))
    result = invoke("align", str(a), str(b), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert not any(u["variant"] for u in data["units"])  # the same text, however written
    # offsets index each file's text as decoded: the byte-order mark dropped, line ends kept
    decoded = unicodedata.normalize("NFD", text).replace("\n", "\r\n", 1)
    assert data["witnesses"][0]["length"] == len(decoded)
    assert_readings_slice(data, "a", decoded)


def test_offsets_index_a_crlf_file_exactly_as_decoded(tmp_path: Path) -> None:
    """A witness written with Windows line ends: every offset in every report slices the
    file's decoded text (\r\n two characters), so a user who slices the file is not off by
    one per line; the emended text keeps its line ends."""
    import collate

    lines = ["The rail roads involved should be only", "the main lines and not subsidiary lines.",
             "the main lines and not subsidiary lines.", "Soong is satisfied."]  # fmt: skip
    a = tmp_path / "a.txt"
    a.write_bytes("\r\n".join(lines).encode("utf-8") + b"\r\n")
    b = tmp_path / "b.txt"
    b.write_text("\n".join([lines[0], lines[1], lines[3]]) + "\n", encoding="utf-8")
    decoded = a.read_bytes().decode("utf-8")
    data = json.loads(invoke("align", str(a), str(b), "--format", "json").output)
    assert data["witnesses"][0]["length"] == len(decoded)
    assert_readings_slice(data, "a", decoded)
    (gap,) = data["anomalies"]  # b has once what a has twice: the missing line points into a
    reference = gap["reference"]
    assert reference["witness"] == "a"
    assert decoded[reference["start"] : reference["end"]].strip() == lines[1]
    assert decoded.index(lines[2]) <= reference["start"] < decoded.index(lines[3])
    witness = collate.load(a)[0]
    assert witness.text == decoded
    assert "".join(t.text + t.space for t in witness.tokens) == decoded
    assert witness.line_col(decoded.index("Soong")) == (4, 1)


# --- invariants -------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=2, max_size=5), st.randoms(use_true_random=False))
def test_invariants_on_random_unicode_witnesses(texts: list[str], random) -> None:
    witnesses = [witness_from_text(f"W{i}", t) for i, t in enumerate(texts)]
    first = build(witnesses)
    assert tiling_errors(first.alignment, witnesses) == []
    assert render(first, "json") == render(build(witnesses), "json")  # twice: the same bytes
    shuffled = witnesses[:]
    random.shuffle(shuffled)

    def canonical(apparatus) -> list:
        return [
            sorted(
                (
                    tuple(sorted(r.witnesses)),
                    r.norm,
                    sorted((s, sp.start, sp.end) for s, sp in r.spans.items()),
                )
                for r in u.readings
            )
            for u in apparatus.alignment.units
        ]

    assert canonical(build(shuffled)) == canonical(first)


# --- writes -----------------------------------------------------------------------------------


def project_with_chapter(tmp_path: Path) -> Path:
    """A project big enough that a run takes a moment: one Frankenstein unit, five witnesses."""
    folder = corpus("frankenstein-variorum", "text", "units", "C20")
    project = tmp_path / "chapter"
    (project / "witnesses").mkdir(parents=True)
    entries = []
    for path in sorted(folder.glob("*.txt")):
        shutil.copy(path, project / "witnesses" / path.name)
        entries.append(f'[[witness]]\nsiglum = "{path.stem}"\nfile = "{path.name}"\n')
    (project / "witnesses" / "collate.toml").write_text("\n".join(entries), encoding="utf-8")
    return project


def collate_command() -> list[str]:
    return [sys.executable, "-m", "collate"]


def test_two_runs_at_once_do_not_corrupt_the_reports(tmp_path: Path) -> None:
    project = project_with_chapter(tmp_path)
    subprocess.run([*collate_command(), "run", str(project)], check=True, capture_output=True)
    expected = {p.name: p.read_bytes() for p in (project / "reports").iterdir()}
    for _ in range(3):
        runs = [
            subprocess.Popen(
                [*collate_command(), "run", str(project)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            for _ in range(2)
        ]
        for process in runs:
            assert process.wait(timeout=120) == 0, process.stderr.read() if process.stderr else ""
            if process.stderr:
                process.stderr.close()
        assert {p.name: p.read_bytes() for p in (project / "reports").iterdir()} == expected


def test_an_interrupted_run_leaves_whole_files(tmp_path: Path) -> None:
    project = project_with_chapter(tmp_path)
    subprocess.run([*collate_command(), "run", str(project)], check=True, capture_output=True)
    old = {p.name: p.read_bytes() for p in (project / "reports").iterdir()}
    witness = project / "witnesses" / "1818.txt"
    witness.write_text(
        witness.read_text(encoding="utf-8").replace(" the ", " the very ", 5), encoding="utf-8"
    )
    twin = tmp_path / "twin"
    shutil.copytree(project / "witnesses", twin / "witnesses")
    subprocess.run([*collate_command(), "run", str(twin)], check=True, capture_output=True)
    new = {p.name: p.read_bytes() for p in (twin / "reports").iterdir()}
    assert new != old
    for delay in (0.05, 0.2, 0.4, 0.6, 0.9):
        process = subprocess.Popen(
            [*collate_command(), "run", str(project)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for path in (project / "reports").iterdir():
            if path.name.startswith("."):
                continue  # a temporary file the killed run could not remove
            assert path.read_bytes() in (old[path.name], new[path.name]), (
                f"{path.name} is neither whole version"
            )
    subprocess.run([*collate_command(), "run", str(project)], check=True, capture_output=True)
    assert {
        p.name: p.read_bytes() for p in (project / "reports").iterdir() if not p.name.startswith(".")
    } == new


def test_reports_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Set and dict order of strings changes with PYTHONHASHSEED; the reports must not."""
    outputs = []
    for seed in ("1", "2", "3"):
        project = tmp_path / f"seed{seed}"
        shutil.copytree(WITNESSES, project / "witnesses")
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([*collate_command(), "run", str(project)], check=True, capture_output=True, env=env)
        outputs.append({p.name: p.read_bytes() for p in (project / "reports").iterdir()})
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0] == {p.name: p.read_bytes() for p in (ROOT / "reports").iterdir()}


def test_the_reports_of_a_chapter_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Set order must never reach a report: transpositions that leave one unit empty in a
    witness for two places were listed in the order of a set, so two processes wrote two
    HTML reports of one collation."""
    project = project_with_chapter(tmp_path)
    written = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([*collate_command(), "run", str(project)], check=True, capture_output=True, env=env)
        written.append({p.name: p.read_bytes() for p in (project / "reports").iterdir()})
    assert written[0] == written[1] == written[2]
