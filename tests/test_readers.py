from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from collate.errors import InputError
from collate.readers import (
    load_collatex_json,
    load_paths,
    load_text,
    parse_record,
    read_record,
    read_text,
    witnesses_from_collatex,
)

from conftest import RECORD, WITNESSES, corpus


def test_plain_text_keeps_text_and_names_siglum_after_stem(tmp_path: Path) -> None:
    path = tmp_path / "1818.txt"
    path.write_text("It was on a dreary night of November.\n", encoding="utf-8")
    witness = load_text(path)
    assert witness.siglum == "1818"
    assert witness.text == "It was on a dreary night of November.\n"
    assert "".join(t.text + t.space for t in witness.tokens) == witness.text


def test_not_utf8_names_file_and_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 au lait".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        read_text(path)
    message = str(caught.value)
    assert str(path) in message and "byte 3" in message and "--encoding" in message
    assert read_text(path, encoding="latin-1") == "Café au lait"


def test_unknown_encoding_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_text(path, encoding="klingon")


def test_bom_dropped_and_line_ends_kept_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfone\r\ntwo\rthree\n")
    assert read_text(path) == "one\r\ntwo\rthree\n"  # offsets index this, the file's own text


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"  \n\n", "empty"), (b"ab\x00cd", "binary")],
)
def test_empty_and_binary_files_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "w.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_text(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        load_text(tmp_path)


def test_collatex_json_content_from_the_darwin_sample() -> None:
    path = corpus("collatex-darwin-para1", "darwin_chapter1_para1.json")
    witnesses = load_collatex_json(path)
    assert [w.siglum for w in witnesses] == ["1859", "1860", "1861", "1866", "1869", "1872"]
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert [w.text for w in witnesses] == [item["content"] for item in raw["witnesses"]]
    assert witnesses[0].tokens[0].text == "WHEN" and witnesses[0].tokens[0].norm == "when"


def test_collatex_tokens_keep_extra_keys_and_never_mutate_the_input() -> None:
    data = {
        "witnesses": [
            {"id": "A", "tokens": [{"t": "Dairen ", "n": "dalian", "ref": {"page": 4}}, {"t": "port"}]},
            {"id": "B", "content": "Dalian port"},
        ]
    }
    before = copy.deepcopy(data)
    witnesses = witnesses_from_collatex(data)
    assert data == before
    first = witnesses[0].tokens[0]
    assert (first.text, first.space, first.norm) == ("Dairen", " ", "dalian")
    assert first.extra == {"ref": {"page": 4}}
    data["witnesses"][0]["tokens"][0]["ref"]["page"] = 5  # the caller changes its data later
    assert first.extra == {"ref": {"page": 4}}
    assert witnesses[0].text == "Dairen port"
    assert witnesses[0].tokens[1].norm == "port"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected an object"),
        ({"witnesses": []}, "non-empty list"),
        ({"witnesses": [{"content": "a"}]}, '"id"'),
        ({"witnesses": [{"id": "A"}]}, '"content"'),
        ({"witnesses": [{"id": "A", "content": "a"}, {"id": "A", "content": "b"}]}, "duplicate siglum"),
        ({"witnesses": [{"id": "A", "tokens": [{"n": "a"}]}]}, '"t"'),
        ({"witnesses": [{"id": "A", "tokens": [{"t": "a", "n": 3}]}]}, '"n"'),
    ],
)
def test_bad_collatex_json_is_named(data: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        witnesses_from_collatex(data, name="in.json")


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text('{"witnesses": [\n  {"id": "A",, }', encoding="utf-8")
    with pytest.raises(InputError, match=r"w\.json: malformed JSON at line 2"):
        load_collatex_json(path)


def test_load_paths_mixes_formats_and_refuses_duplicate_sigla(tmp_path: Path) -> None:
    (tmp_path / "A.txt").write_text("the cat", encoding="utf-8")
    (tmp_path / "more.json").write_text(json.dumps({"witnesses": [{"id": "B", "content": "a cat"}]}))
    assert [w.siglum for w in load_paths([tmp_path / "A.txt", tmp_path / "more.json"])] == ["A", "B"]
    (tmp_path / "dup.json").write_text(json.dumps({"witnesses": [{"id": "A", "content": "a cat"}]}))
    with pytest.raises(InputError, match="duplicate siglum 'A'"):
        load_paths([tmp_path / "A.txt", tmp_path / "dup.json"])


def test_the_seed_record_parses_into_its_sections() -> None:
    record = read_record(RECORD)
    assert record.title == "Cable, Summary of Averell Harriman Meeting with T. V. Soong"
    assert (record.date, record.iso_date) == ("July 10, 1945", "1945-07-10")
    assert record.url == "https://digitalarchive.umd.edu/document/123430"
    assert record.citation.endswith("W. A. Harriman Papers, Library of Congress.")
    assert record.summary.startswith("Harriman reports that Soong and Stalin")
    assert record.language == "English" and record.transcript_language == "English"
    # The typist's initials and the classification lines are part of the witness.
    assert record.transcript.startswith("PARAPHRASE OF NAVY CABLE JULY 10, 1945, FROM MOSCOW\n\nTOP SECRET\n")
    assert record.transcript.endswith("\n\nRPM\n")
    assert record.transcript == (WITNESSES / "cable.txt").read_text(encoding="utf-8")
    assert len(record.sha256) == 64


@pytest.mark.parametrize("section", ["Citation", "Summary", "Credits", "Original Language", "Contents"])
def test_a_record_without_a_section_gets_an_error_naming_it(section: str) -> None:
    text = RECORD.read_text(encoding="utf-8").replace(f"\n{section}:\n", "\n")
    with pytest.raises(InputError, match=f"no '{section}:' section"):
        parse_record(text, name="rec.txt")


def test_a_record_without_a_transcript_line() -> None:
    text = RECORD.read_text(encoding="utf-8").replace("Transcript - English", "English")
    with pytest.raises(InputError, match="Transcript - <language>"):
        parse_record(text, name="rec.txt")


def test_the_record_names_its_transcript_after_its_title() -> None:
    record = read_record(RECORD)
    assert record.siglum == "cable"
    assert (
        parse_record(RECORD.read_text(encoding="utf-8").replace("**Cable,", "**Summary,"), name="r").siglum
        == "source"
    )
