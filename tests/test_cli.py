from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from collate.cli import main

from conftest import RECORD, ROOT, WITNESSES, corpus


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def two_files(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "A.txt", tmp_path / "B.txt"
    a.write_text("The railroads should be only the main lines.\n", encoding="utf-8")
    b.write_text("The rail roads should be the main lines.\n", encoding="utf-8")
    return a, b


def assert_tiles(data: dict, files: list[Path]) -> None:
    """In unit order, each witness's spans in the JSON apparatus run end to end over its file."""
    for witness, path in zip(data["witnesses"], files, strict=True):
        text = path.read_text(encoding="utf-8")
        position = 0
        for unit in data["units"]:
            (span,) = [
                r["spans"][witness["siglum"]] for r in unit["readings"] if witness["siglum"] in r["spans"]
            ]
            assert span[0] == position
            position = span[1]
        assert position == len(text) == witness["length"]


def test_version_and_help() -> None:
    assert invoke("--version").output.startswith("collate, version ")
    result = invoke("--help")
    assert result.exit_code == 0
    assert {"run", "align", "import-record"} <= set(result.output.split())


def test_run_on_the_repository_reproduces_the_checked_in_reports(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(WITNESSES, project / "witnesses")
    result = invoke("run", str(project))
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output
    for name in ("apparatus.json", "apparatus.html", "apparatus.xml"):
        assert (project / "reports" / name).read_bytes() == (ROOT / "reports" / name).read_bytes()


def test_two_runs_are_byte_identical(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(WITNESSES, project / "witnesses")
    invoke("run", str(project))
    first = {p.name: p.read_bytes() for p in (project / "reports").iterdir()}
    assert sorted(first) == ["apparatus.html", "apparatus.json", "apparatus.xml"]
    invoke("run", str(project))
    assert {p.name: p.read_bytes() for p in (project / "reports").iterdir()} == first


def test_align_json_tiles_both_files(tmp_path: Path) -> None:
    a, b = two_files(tmp_path)
    result = invoke("align", str(a), str(b), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert_tiles(data, [a, b])


def test_align_text_is_the_default_and_marks_variants(tmp_path: Path) -> None:
    a, b = two_files(tmp_path)
    result = invoke("align", str(a), str(b))
    assert result.exit_code == 0
    assert result.output.splitlines()[0].split() == ["A", "B"]
    assert any(" * " in line and "only" in line for line in result.output.splitlines())


def test_align_writes_output_file(tmp_path: Path) -> None:
    a, b = two_files(tmp_path)
    out = tmp_path / "reports" / "ab.html"
    result = invoke("align", str(a), str(b), "--format", "html", "-o", str(out))
    assert result.exit_code == 0 and result.output == f"wrote {out.as_posix()}\n"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_align_with_encoding(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes("café noir".encode("latin-1"))
    b.write_bytes("café au lait".encode("latin-1"))
    failed = invoke("align", str(a), str(b))
    assert failed.exit_code == 1
    assert "not valid UTF-8 at byte 3" in failed.output and "--encoding" in failed.output
    assert "Traceback" not in failed.output
    result = invoke("align", str(a), str(b), "--encoding", "latin-1")
    assert result.exit_code == 0 and "café" in result.output


def test_align_needs_two_witnesses(tmp_path: Path) -> None:
    a, _ = two_files(tmp_path)
    result = invoke("align", str(a))
    assert result.exit_code == 1
    assert "align needs two witnesses to collate, or one and a --summary; got 1 (A)" in result.output


def test_errors_are_messages_with_exit_1(tmp_path: Path) -> None:
    result = invoke("align", str(tmp_path / "missing.txt"), str(tmp_path / "other.txt"))
    assert result.exit_code == 1
    assert result.output.startswith("collate: error: ") and "no such file" in result.output
    result = invoke("run", str(tmp_path))
    assert result.exit_code == 1 and "no collate.toml" in result.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    a, b = two_files(tmp_path)
    assert invoke("align", str(a), str(b), "--format", "pdf").exit_code == 2
    assert invoke("align").exit_code == 2
    assert invoke("no-such-command").exit_code == 2


def test_import_record_writes_witnesses_and_manifest(tmp_path: Path) -> None:
    result = invoke("import-record", str(RECORD), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["cable.txt", "summary.txt", "collate.toml", RECORD.name]
    )
    run = invoke("run", str(tmp_path))
    assert run.exit_code == 0 and (tmp_path / "reports" / "apparatus.json").exists()


def test_import_record_names_the_missing_section(tmp_path: Path) -> None:
    broken = tmp_path / "record.txt"
    broken.write_text(RECORD.read_text(encoding="utf-8").replace("Credits:", "Thanks:"), encoding="utf-8")
    result = invoke("import-record", str(broken), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "no 'Credits:' section" in result.output
    assert not (tmp_path / "out").exists()


def test_align_collatex_json_and_options(tmp_path: Path) -> None:
    a, b = two_files(tmp_path)
    result = invoke("align", str(a), str(b), "--format", "collatex-json", "--near-match", "0")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["witnesses"] == ["A", "B"]
    assert invoke("align", str(a), str(b), "--near-match", "2").exit_code == 2
    assert invoke("align", str(a), str(b), "--transposition-min", "-1").exit_code == 2


def test_align_accepts_collatex_json_input(tmp_path: Path) -> None:
    data = {"witnesses": [{"id": "X", "content": "the black cat"}, {"id": "Y", "content": "the cat"}]}
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("align", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert [w["siglum"] for w in json.loads(result.output)["witnesses"]] == ["X", "Y"]


def test_progress_bar_draws_on_stderr_only_for_a_terminal(capsys) -> None:
    from collate.cli import _progress, _ProgressBar

    assert _progress() is None  # stderr is not a terminal under pytest
    bar = _ProgressBar()
    for done in range(4):
        bar("aligning", done, 3)
    assert "aligning" in capsys.readouterr().err


def test_align_tiles_the_whole_frankenstein_in_json(tmp_path: Path) -> None:
    from conftest import corpus

    folder = corpus("frankenstein-variorum", "text", "full")
    files = [folder / f"{s}.txt" for s in ("1818", "1823", "1831", "Thomas", "MS")]
    out = tmp_path / "frankenstein.json"
    result = invoke("align", *map(str, files), "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert_tiles(json.loads(out.read_text(encoding="utf-8")), files)


def test_anomalies_on_the_cable_read_like_a_compiler() -> None:
    result = invoke("anomalies", str(WITNESSES / "cable.txt"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == "5 anomalies"
    (ditto,) = [line for line in lines if " dittography " in line]
    assert re.fullmatch(
        r"cable:\d+:\d+: dittography \(0\.9\d\) “the main lines \.\.\. should be only” "
        r"\[eye-skip back to “should be only”\]: delete",
        ditto,
    ), ditto
    assert sum(" editorial-insertion " in line for line in lines) == 3
    assert any(" spelling-variation (" in line and "“rail roads”" in line for line in lines)
    assert not any("TOP SECRET" in line for line in lines)


def test_anomalies_json_has_no_units_and_names_features() -> None:
    result = invoke("anomalies", str(WITNESSES / "cable.txt"), "--format", "json")
    data = json.loads(result.output)
    assert "units" not in data and data["format"] == 1
    ditto = next(a for a in data["anomalies"] if a["kind"] == "dittography")
    assert {"length", "trigger", "rarity"} <= set(ditto["features"])
    assert ditto["emendation"]["action"] == "delete"


def test_anomalies_across_witnesses_finds_an_omission(tmp_path: Path) -> None:
    full, skipped = tmp_path / "full.txt", tmp_path / "skipped.txt"
    full.write_text(
        "The rail roads involved should be only the main lines. The industries should be only those.",
        encoding="utf-8",
    )
    skipped.write_text("The rail roads involved should be only those.", encoding="utf-8")
    result = invoke("anomalies", str(full), str(skipped))
    assert result.exit_code == 0
    assert re.search(r"^skipped:1:\d+: omission \(\d\.\d\d\) \[homeoteleuton", result.output, re.MULTILINE)


def test_anomalies_errors_are_messages(tmp_path: Path) -> None:
    result = invoke("anomalies", str(tmp_path / "absent.txt"))
    assert result.exit_code == 1 and "no such file" in result.output
    assert invoke("anomalies", str(WITNESSES / "cable.txt"), "--format", "xml").exit_code == 2


def test_anomalies_with_a_summary_report_its_distortions() -> None:
    result = invoke(
        "anomalies",
        str(WITNESSES / "cable.txt"),
        "--summary",
        str(WITNESSES / "summary.txt"),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [w["role"] for w in data["witnesses"]] == ["witness", "summary"]
    summary_kinds = {a["kind"] for a in data["anomalies"] if a["witness"] == "summary"}
    assert {"summary-dropped-hedge", "summary-dropped-condition", "summary-altered-term"} <= summary_kinds
    assert all(a["reference"]["witness"] == "cable" for a in data["anomalies"] if a["witness"] == "summary")
    assert len(data["links"]) == 3


def test_align_with_a_summary_lists_its_links(tmp_path: Path) -> None:
    a, b = two_files(tmp_path)
    summary = tmp_path / "digest.txt"
    summary.write_text("Only the main lines count as railroads.\n", encoding="utf-8")
    result = invoke("align", str(a), str(b), "--summary", str(summary))
    assert result.exit_code == 0, result.output
    assert "not collated word by word (summary): digest" in result.output
    assert re.search(r"^digest:1:1: clause \(\d\.\d\d\) “.*” <- A:1:1", result.output, re.MULTILINE)


# --- naming witnesses, the manifest's settings, formats from suffixes -----------------------


def edited_cable(tmp_path: Path, old: str, new: str) -> tuple[Path, Path]:
    """The seed's cable, and a copy of it with one change: a real text, one known variant."""
    cable = WITNESSES / "cable.txt"
    text = cable.read_text(encoding="utf-8")
    assert old in text
    copy = tmp_path / "copy.txt"
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    return cable, copy


def variant_units(*args: str) -> list[dict]:
    result = invoke("align", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return [u for u in json.loads(result.output)["units"] if u["variant"]]


def test_witnesses_named_on_the_command_line(tmp_path: Path) -> None:
    """CNTR's P66 as first written and as corrected: two files called P66.txt."""
    first, corrected = corpus("cntr-john", "original", "P66.txt"), corpus("cntr-john", "final", "P66.txt")
    refused = invoke("align", str(first), str(corrected))
    assert refused.exit_code == 1 and "duplicate siglum 'P66'" in refused.output
    assert "-w SIGLUM=FILE" in refused.output
    out = tmp_path / "p66.json"
    result = invoke("align", "-w", f"P66o={first}", "--siglum", f"P66c={corrected}", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [w["siglum"] for w in data["witnesses"]] == ["P66o", "P66c"]
    assert data["anomalies"] and any(u["variant"] for u in data["units"])
    assert invoke("align", "-w", f"P66={first}").exit_code == 1  # one witness, no summary
    bad = invoke("align", "-w", str(first), str(corrected))
    assert bad.exit_code == 1 and "write SIGLUM=FILE" in bad.output
    assert invoke("align", "-w", f"a b={first}", str(corrected)).exit_code == 1


def test_paths_in_reports_are_relative(tmp_path: Path, monkeypatch) -> None:
    cable, copy = edited_cable(tmp_path, "rail roads", "railroads")
    monkeypatch.chdir(tmp_path)
    result = invoke("align", str(cable.resolve()), str(copy.resolve()), "--format", "json")
    paths = [w["path"] for w in json.loads(result.output)["witnesses"]]
    assert paths == [Path(os.path.relpath(cable.resolve())).as_posix(), "copy.txt"]
    assert not any(p.startswith("/") for p in paths)


def test_regularize_from_a_file_and_from_a_config(tmp_path: Path) -> None:
    cable, copy = edited_cable(tmp_path, "rail roads", "railroads")
    assert len(variant_units(str(cable), str(copy))) == 1
    table = tmp_path / "forms.toml"
    table.write_text('"rail roads" = "railroads"\n', encoding="utf-8")
    assert variant_units(str(cable), str(copy), "--regularize", str(table)) == []
    tsv = tmp_path / "forms.tsv"
    tsv.write_text("# form\tcounts as\nrail roads\trailroads\n", encoding="utf-8")
    assert variant_units(str(cable), str(copy), "--regularize", str(tsv)) == []
    config = tmp_path / "collate.toml"
    config.write_text('[normalize.regularize]\n"rail roads" = "railroads"\n', encoding="utf-8")
    assert variant_units(str(cable), str(copy), "--config", str(config)) == []
    bad = tmp_path / "bad.tsv"
    bad.write_text("rail roads\n", encoding="utf-8")
    broken = invoke("align", str(cable), str(copy), "--regularize", str(bad))
    assert broken.exit_code == 1 and "bad.tsv:1: a row is two columns" in broken.output


def test_case_punctuation_unicode_and_editorial_options(tmp_path: Path) -> None:
    cable, upper = edited_cable(tmp_path, "main lines", "Main lines")
    assert variant_units(str(cable), str(upper)) == []
    assert len(variant_units(str(cable), str(upper), "--no-casefold")) == 1
    comma = tmp_path / "comma"
    comma.mkdir()
    cable, bare = edited_cable(comma, "Sinkiang, ", "Sinkiang ")
    assert len(variant_units(str(cable), str(bare))) == 1
    assert variant_units(str(cable), str(bare), "--punctuation", "ignore") == []
    config = comma / "collate.toml"
    config.write_text('[normalize]\npunctuation = "ignore"\n', encoding="utf-8")
    assert variant_units(str(cable), str(bare), "--config", str(config)) == []
    assert len(variant_units(str(cable), str(bare), "--config", str(config), "--punctuation", "keep")) == 1
    ligature = tmp_path / "ligature"
    ligature.mkdir()
    cable, fi = edited_cable(ligature, "satisfied", "satisﬁed")
    assert len(variant_units(str(cable), str(fi), "--no-casefold")) == 1  # casefolding undoes "ﬁ"
    assert variant_units(str(cable), str(fi), "--no-casefold", "--unicode-form", "NFKC") == []
    gloss = tmp_path / "gloss"
    gloss.mkdir()
    cable, plain = edited_cable(gloss, " [Xinjiang]", "")
    assert variant_units(str(cable), str(plain)) == []  # an editor's gloss: left out of matching
    assert len(variant_units(str(cable), str(plain), "--editorial", "keep")) == 1


def test_one_source_and_a_summary_align(tmp_path: Path) -> None:
    result = invoke(
        "align", str(WITNESSES / "cable.txt"), "--summary", str(WITNESSES / "summary.txt"), "-o",
        str(tmp_path / "seed.xml"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "seed.xml").read_text(encoding="utf-8").startswith("<?xml")
    text = invoke("align", str(WITNESSES / "cable.txt"), "--summary", str(WITNESSES / "summary.txt"))
    assert "summary:1:190: summary-altered-term" in text.output


def test_the_output_suffix_chooses_the_format(tmp_path: Path) -> None:
    a, b = two_files(tmp_path)
    starts = {
        ".json": "{",
        ".html": "<!DOCTYPE html>",
        ".xml": "<?xml",
        ".tex": "%% Written by collate",
        ".txt": "     A",
    }
    for suffix, start in starts.items():
        out = tmp_path / f"report{suffix}"
        assert invoke("align", str(a), str(b), "-o", str(out)).exit_code == 0
        assert out.read_text(encoding="utf-8").startswith(start), suffix
    chosen = tmp_path / "table.html"
    assert invoke("align", str(a), str(b), "-o", str(chosen), "--format", "json").exit_code == 0
    assert chosen.read_text(encoding="utf-8").startswith("{")  # --format wins
    unknown = invoke("align", str(a), str(b), "-o", str(tmp_path / "report.pdf"))
    assert unknown.exit_code == 1 and "'.pdf' names no format here" in unknown.output
    listed = tmp_path / "anomalies.json"
    assert invoke("anomalies", str(a), str(b), "-o", str(listed)).exit_code == 0
    assert "anomalies" in json.loads(listed.read_text(encoding="utf-8"))
    assert invoke("anomalies", str(a), "-o", str(tmp_path / "x.html")).exit_code == 1


def test_help_gives_defaults_one_way() -> None:
    top = click.Context(main, **main.context_settings)
    for name, command in main.commands.items():
        text = invoke(name, "--help").output
        assert "(default" not in text and "default:" not in text.replace("[default:", ""), name
        for parameter in command.params:
            if not isinstance(parameter, click.Option) or parameter.hidden or parameter.is_flag:
                continue
            given = parameter.default not in (None, "") and type(parameter.default).__name__ != "Sentinel"
            if given or isinstance(parameter.show_default, str):
                assert parameter.get_help_extra(click.Context(command, parent=top)).get("default"), (
                    name,
                    parameter.name,
                )


def test_anomalies_take_the_same_naming_and_reading_options(tmp_path: Path) -> None:
    """The seed's "rail roads" is a spelling variant until a table says it counts as "railroads"."""
    plain = invoke("anomalies", "-w", f"cable={WITNESSES / 'cable.txt'}")
    assert plain.exit_code == 0 and "cable:17:239: spelling-variation" in plain.output
    table = tmp_path / "forms.toml"
    table.write_text('"rail roads" = "railroads"\n', encoding="utf-8")
    regular = invoke("anomalies", "-w", f"cable={WITNESSES / 'cable.txt'}", "--regularize", str(table))
    assert regular.exit_code == 0 and "spelling-variation" not in regular.output
    assert regular.output.endswith("4 anomalies\n") and plain.output.endswith("5 anomalies\n")
    config = tmp_path / "collate.toml"
    config.write_text('[normalize.regularize]\n"rail roads" = "railroads"\n', encoding="utf-8")
    assert invoke("anomalies", str(WITNESSES / "cable.txt"), "--config", str(config)).output == regular.output
    missing = invoke("anomalies", str(WITNESSES / "cable.txt"), "--config", str(tmp_path / "none.toml"))
    assert missing.exit_code == 1 and "none.toml: cannot read" in missing.output


@pytest.mark.corpus
def test_a_bound_reached_is_said_on_stderr_and_in_the_report(tmp_path: Path) -> None:
    """Two real texts with nothing unique to anchor on: a Frankenstein edition's six commonest
    words, 5,000 of each, in their order, so that the aligner aligns in windows."""
    text = (corpus("frankenstein-variorum", "text", "full") / "1818.txt").read_text(encoding="utf-8")
    common = [w for w in re.findall(r"\w+", text.lower()) if w in {"the", "of", "and", "to", "a", "in"}]
    a, b = tmp_path / "A.txt", tmp_path / "B.txt"
    a.write_text(" ".join(common[:5_000]), encoding="utf-8")
    b.write_text(" ".join(common[5_000:10_000]), encoding="utf-8")
    out = tmp_path / "out.json"
    result = invoke("align", str(a), str(b), "-o", str(out))
    assert result.exit_code == 0, result.output
    (limit,) = json.loads(out.read_text(encoding="utf-8"))["limits"]
    assert "windows of 16,000,000 cells" in limit
    assert result.stderr == f"collate: warning: limit: {limit}\n"
    assert result.stdout == f"wrote {out.as_posix()}\n"
