"""collate.report.escape, and the hostile corpus through every report but the page (the page
is in test_browser.py): JSON valid against the schema and exact, TEI well-formed and valid,
the text report one line where it should be, with nothing a terminal would obey."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import collate
import collate.schema
from collate.cli import main
from collate.report.escape import html_text, json_text, link_target, script_json, visible, xml_chars

import hostile_corpus

SCHEMAS = Path(collate.schema.__file__).parent
TEI_RNG = etree.RelaxNG(etree.parse(str(SCHEMAS / "tei-apparatus.rng")))
_OBEYED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@given(st.text())
def test_script_json_reads_back_and_never_holds_markup(text: str) -> None:
    encoded = script_json({"t": text, text: [text]})
    assert json.loads(encoded) == {"t": text, text: [text]}
    assert not re.search("[<>&\u2028\u2029\ud800-\udfff]", encoded)


@given(st.text())
def test_html_text_has_no_markup_and_can_be_written(text: str) -> None:
    escaped = html_text(text)
    assert not re.search("[<>\"'\x00]", escaped)
    escaped.encode("utf-8")


@given(st.text())
def test_json_text_reads_back_and_encodes(text: str) -> None:
    assert json.loads(json_text(text)) == text
    json_text(text).encode("utf-8")


def test_only_http_addresses_are_links() -> None:
    assert link_target("http://example.org/") == "http://example.org/"
    for value in (
        "javascript:alert(1)",
        "JAVASCRIPT:x",
        "\tjavascript:x",
        "data:text/html,x",
        "vbscript:x",
        "https://",
        "//example.org",
        "/relative",
        "https://exa mple.org",
        "https://x\u202e.org",
        7,
    ):
        assert link_target(value) is None, value


def test_xml_chars_leave_markup_alone() -> None:
    assert xml_chars('<a n="1">x\x00y</a>', "<g/>") == '<a n="1">x<g/>y</a>'
    assert xml_chars('<a n="\x01">x</a>', "<g/>") == '<a n="\ufffd">x</a>'


def test_visible_shows_what_a_terminal_would_obey() -> None:
    assert visible("a\u202eb\x1b[2Jc\u2028d") == "a⟨U+202E⟩b⟨U+001B⟩[2Jc⟨U+2028⟩d"
    assert visible("Ἐν ἀρχῇ\tא ב") == "Ἐν ἀρχῇ\tא ב"  # scripts and tabs are not escaped


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    folder = hostile_corpus.project(tmp_path_factory.mktemp("hostile") / "project")
    result = CliRunner().invoke(main, ["run", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def _check_json(data: dict, witnesses) -> None:
    jsonschema.validate(data, collate.schema.apparatus_schema())
    texts = {w.siglum: w.text for w in witnesses}
    rebuilt = dict.fromkeys(texts, "")
    for unit in data["units"]:
        for reading in unit["readings"]:
            for siglum, (start, end) in reading["spans"].items():
                assert start == len(rebuilt[siglum])
                rebuilt[siglum] += texts[siglum][start:end]
    collated = {w.siglum for w in witnesses if w.collated}
    assert {s: rebuilt[s] for s in collated} == {s: texts[s] for s in collated}
    for anomaly in data["anomalies"]:
        assert anomaly["text"] == texts[anomaly["witness"]][anomaly["start"] : anomaly["end"]]


def test_the_hostile_project_json_is_valid_and_exact(reports: Path) -> None:
    data = json.loads((reports / "reports" / "apparatus.json").read_text(encoding="utf-8"))
    _check_json(data, collate.load_project(reports))
    assert [w["siglum"] for w in data["witnesses"]] == list(hostile_corpus.SIGLA)


def test_the_hostile_project_tei_is_well_formed_and_valid(reports: Path) -> None:
    document = etree.parse(str(reports / "reports" / "apparatus.xml"))
    assert TEI_RNG.validate(document), TEI_RNG.error_log.last_error
    listed = " ".join(document.getroot().find(".//{*}listWit").itertext())
    for value in hostile_corpus.METADATA.values():
        assert value in listed


def test_text_only_python_can_hold_reaches_json_and_tei(tmp_path: Path) -> None:
    witnesses = hostile_corpus.witnesses()
    apparatus = collate.collate(witnesses)
    for suffix in (".json", ".xml", ".txt", ".html"):
        collate.write(apparatus, tmp_path / f"report{suffix}")  # every one can be written
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    _check_json(data, witnesses)
    document = etree.parse(str(tmp_path / "report.xml"))
    assert TEI_RNG.validate(document), TEI_RNG.error_log.last_error
    declared = {
        c.get("{http://www.w3.org/XML/1998/namespace}id"): c.findtext("{*}mapping")
        for c in document.iter("{*}char")
    }
    assert declared == {
        "U0000": "U+0000",
        "U0007": "U+0007",
        "U000C": "U+000C",
        "U001B": "U+001B",
        "UD800": "U+D800",
        "UDFFF": "U+DFFF",
    }
    pointed = {g.get("ref") for g in document.iter("{*}g")}
    assert pointed == {f"#{name}" for name in declared}


def test_the_hostile_corpus_as_text_is_one_line_an_anomaly_with_nothing_obeyed(tmp_path: Path) -> None:
    witnesses = hostile_corpus.witnesses()
    apparatus = collate.collate(witnesses)
    table = collate.render(apparatus, "text")
    assert not _OBEYED.search(table)
    table.encode("utf-8")
    listing = collate.render_anomalies(apparatus, "text").splitlines()
    # one line an anomaly, one a pair of witnesses (what they were taken for), and the count
    assert len(listing) == len(apparatus.anomalies) + len(apparatus.relations) + 1
    assert "⟨U+202E⟩" in table


def test_the_cli_text_report_of_the_hostile_files(reports: Path) -> None:
    files = [str(reports / name) for name in hostile_corpus.FILES[:2]]
    result = CliRunner().invoke(main, ["align", *files, "--format", "text"])
    assert result.exit_code == 0, result.output
    assert not _OBEYED.search(result.output)
    assert "<!--<script>" in result.output  # text, shown as text
