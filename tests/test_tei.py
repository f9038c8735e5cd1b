"""TEI: the apparatus written in parallel segmentation, and TEI documents read as witnesses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

import collate.schema
from collate.aligner import match_pairs
from collate.apparatus import build
from collate.cli import main
from collate.edition import load_witnesses, read_manifest
from collate.errors import InputError
from collate.readers import TeiPolicy, load_tei, load_text, tei_text, witness_from_text
from collate.report import render
from collate.tokenizer import tokenize

from conftest import ROOT, corpus

TEI = "{http://www.tei-c.org/ns/1.0}"
RNG = etree.RelaxNG(etree.parse(str(Path(collate.schema.__file__).parent / "tei-apparatus.rng")))


def valid(xml: str) -> etree._ElementTree:
    document = etree.ElementTree(etree.fromstring(xml.encode("utf-8")))
    assert RNG.validate(document), RNG.error_log
    ids = {e.get("{http://www.w3.org/XML/1998/namespace}id") for e in document.iter()}
    for element in document.iter():
        for attribute in ("wit", "ana", "target", "corresp"):
            for pointer in (element.get(attribute) or "").split():
                assert pointer.lstrip("#") in ids, f"{attribute}={pointer} points nowhere"
    return document


def seed_apparatus():
    return build(load_witnesses(read_manifest(ROOT)))


# --- output -------------------------------------------------------------------------------


def test_the_seed_tei_validates_and_marks_its_anomalies(file_regression) -> None:
    xml = render(seed_apparatus(), "tei")
    document = valid(xml)
    root = document.getroot()
    assert root.tag == f"{TEI}TEI"
    assert [w.get("n") for w in root.iter(f"{TEI}witness")] == ["source", "summary"]
    (surplus,) = root.iter(f"{TEI}surplus")
    assert surplus.get("reason") == "repeated"
    assert "".join(surplus.itertext()).startswith("the main lines and not subsidiary lines.")
    assert ["".join(s.itertext()) for s in root.iter(f"{TEI}supplied")] == [
        "[Xinjiang]",
        "[Dalian]",
        "[Lüshunkou District, Dalian]",
    ]
    (choice,) = root.iter(f"{TEI}choice")
    assert [c.text for c in choice] == ["rail roads", "railroads"]
    notes = [n.get("type") for n in root.iter(f"{TEI}note")]
    assert {"summary-dropped-hedge", "summary-dropped-condition", "summary-altered-term"} <= set(notes)
    file_regression.check(xml, extension=".xml", encoding="utf-8")


def test_the_checked_in_tei_report_is_current() -> None:
    assert (ROOT / "reports" / "apparatus.xml").read_text(encoding="utf-8") == render(seed_apparatus(), "tei")


def test_variant_units_are_apps_with_empty_readings_kept() -> None:
    a = witness_from_text("A", "the black cat sat")
    b = witness_from_text("B", "the cat sat")
    root = valid(render(build([a, b]), "tei")).getroot()
    (app,) = root.iter(f"{TEI}app")
    lem, rdg = list(app)
    assert (lem.tag, lem.get("wit"), lem.text) == (f"{TEI}lem", "#A", "black")
    assert (rdg.tag, rdg.get("wit"), rdg.text) == (f"{TEI}rdg", "#B", None)  # an empty rdg, not left out


def test_an_eye_skip_is_a_cause_on_its_reading() -> None:
    def verse(folder: str) -> str:
        text = corpus("cntr-john", folder, "03.txt").read_text(encoding="utf-8")
        return next(line for line in text.splitlines() if line.startswith("43001013"))

    apparatus = build(
        [witness_from_text("corrected", verse("final")), witness_from_text("first", verse("original"))]
    )
    root = valid(render(apparatus, "tei")).getroot()
    causes = {r.get("wit"): r.get("cause") for r in root.iter(f"{TEI}rdg")}
    assert causes == {"#first": "homeoarchy"}


def test_frankenstein_chapter_tei_validates() -> None:
    folder = corpus("frankenstein-variorum", "text", "units", "C20")
    witnesses = [load_text(p) for p in sorted(folder.glob("*.txt"))]
    root = valid(render(build(witnesses), "tei")).getroot()
    assert {w.get("{http://www.w3.org/XML/1998/namespace}id") for w in root.iter(f"{TEI}witness")} >= {
        "w1818",
        "MS",
    }
    assert len(list(root.iter(f"{TEI}app"))) > 100


# --- input --------------------------------------------------------------------------------


def test_the_variorum_1818_xml_reads_as_the_1818_text() -> None:
    witness = load_tei(corpus("frankenstein-variorum", "xml", "1818_full_prelim.xml"), siglum="1818")
    plain = corpus("frankenstein-variorum", "text", "full", "1818.txt").read_text(encoding="utf-8")
    ours = [t.norm for t in witness.tokens if t.norm]
    theirs = [t.norm for t in tokenize(plain) if t.norm]
    assert len(match_pairs(ours, theirs)) / len(theirs) > 0.99
    assert "INTRODUCTORY NOTE" not in witness.text  # the edition's header is not the witness
    assert witness.metadata["title"].startswith("FRANKENSTEIN")


DOCUMENT = b"""<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Letter</title>
</titleStmt></fileDesc></teiHeader><text><body>
<p>Written in <choice><sic>1732</sic><corr>1723</corr></choice> by
<choice><abbr>Dr.</abbr><expan>Doctor</expan></choice> Smith,
who <del>never</del><add>once</add> came<note>a marginal note</note> to
Geneva<lb/>and <delSpan spanTo="#e1"/>stayed long<anchor xml:id="e1"/> left.</p>
<p>Second paragraph<fw>running head</fw> ends.</p>
</body></text></TEI>"""


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (
            TeiPolicy(),
            "Written in 1723 by Doctor Smith, who once came to Geneva and left.\n\nSecond paragraph ends.\n",
        ),
        (
            TeiPolicy(choice="sic", revisions="original", notes=True),
            "Written in 1732 by Dr. Smith, who never came a marginal note to Geneva and stayed long left."
            "\n\nSecond paragraph ends.\n",
        ),
    ],
)
def test_tei_policies(policy: TeiPolicy, expected: str) -> None:
    text, metadata = tei_text(DOCUMENT, name="letter.xml", policy=policy)
    assert text == expected
    assert metadata == {"title": "Letter"}


def test_our_own_tei_reads_back_as_its_lemma_text() -> None:
    xml = render(seed_apparatus(), "tei").encode("utf-8")
    text, _ = tei_text(xml, name="apparatus.xml", policy=TeiPolicy(choice="sic"))
    cable = (ROOT / "witnesses" / "cable.txt").read_text(encoding="utf-8")
    assert text.split("Harriman reports")[0].split() == cable.split()


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<TEI><text><body><p>&lol2;</p></body></text></TEI>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<TEI><text><body><p>&secret;</p></body></text></TEI>"""


@pytest.mark.parametrize(
    "document", [BOMB, EXTERNAL, b'<!DOCTYPE TEI SYSTEM "http://example.invalid/tei.dtd"><TEI/>']
)
def test_dtds_and_entities_are_refused_never_expanded(document: bytes) -> None:
    with pytest.raises(InputError, match=r"refused: the XML declares a DTD or entities"):
        tei_text(document, name="evil.xml")


def test_malformed_and_foreign_xml() -> None:
    with pytest.raises(InputError, match=r"bad\.xml: malformed XML at line 1, column \d+"):
        tei_text(b"<TEI><text><body><p>open</body></TEI>", name="bad.xml")
    with pytest.raises(InputError, match="not a TEI document"):
        tei_text(b"<html><p>hello</p></html>", name="page.xml")
    with pytest.raises(InputError, match="policy"):
        TeiPolicy(choice="both")


def test_align_reads_xml_as_tei(tmp_path: Path) -> None:
    letter = tmp_path / "letter.xml"
    letter.write_bytes(DOCUMENT)
    plain = tmp_path / "copy.txt"
    plain.write_text(
        "Written in 1723 by Doctor Smith, who once came to Geneva and left.\n\nSecond paragraph ends.\n"
    )
    result = CliRunner().invoke(main, ["align", str(letter), str(plain), "--format", "tei"])
    assert result.exit_code == 0, result.output
    root = valid(result.output).getroot()
    assert list(root.iter(f"{TEI}app")) == []  # the two agree word for word
    assert re.search(r'xml:id="letter"', result.output)


def test_a_witness_with_windows_line_ends_keeps_them_in_the_tei() -> None:
    """A carriage return is written as &#13;, so that the TEI, parsed, gives back the witness's
    text exactly (a raw one would be read as a line feed)."""
    a = witness_from_text("A", "one two\r\nthree four\r\n")
    b = witness_from_text("B", "one two\nthree five\n")
    tei = render(build([a, b]), "tei")
    assert "\r" not in tei and "&#13;" in tei
    body = etree.fromstring(tei.encode("utf-8")).find(".//{http://www.tei-c.org/ns/1.0}body")
    # the lemma's and the reading's words, and both line ends, each \r\n as written
    assert "".join(body.itertext()) == "one two\r\nthree fourfive\r\n"


def test_a_passage_one_witness_added_is_no_transposition_in_the_tei() -> None:
    """*Frankenstein* chapter 7: 1831's added "a lesson of patience" passage touches a
    transposition (a phrase of it stands elsewhere in another witness); the readings that
    lack it are not marked ``cause="transposition"``, while those that have their words at
    another place are."""
    from conftest import corpus

    folder = corpus("frankenstein-variorum", "text", "units", "C07")
    apparatus = build([load_text(folder / f"{s}.txt") for s in ("1831", "1818", "Thomas", "MS")])
    alignment = apparatus.alignment
    (added,) = [
        u for u in alignment.units if "lesson of patience" in (u.reading_of("1831") or u.readings[0]).norm
    ]
    assert any(added.id in t.units for t in alignment.transpositions)
    root = etree.fromstring(render(apparatus, "tei").encode("utf-8"))
    app = root.find(f".//{TEI}app[@{{http://www.w3.org/XML/1998/namespace}}id='app-{added.id}']")
    assert app is not None
    assert all(r.get("cause") != "transposition" for r in app.findall(f"{TEI}rdg"))
    moved = {unit for unit, _, _ in alignment.moved()}
    assert moved
    marked = {
        a.get("{http://www.w3.org/XML/1998/namespace}id")[len("app-") :]
        for a in root.iter(f"{TEI}app")
        if any(r.get("cause") == "transposition" and not (r.text or "").strip() for r in a)
    }
    assert marked and marked <= moved  # an empty reading is "transposition" only where its words moved
