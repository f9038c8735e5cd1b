from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from collate.apparatus import build
from collate.errors import CollateError, ConfigError
from collate.model import Role
from collate.readers import witness_from_text
from collate.report import render
from collate.report.writer import write_atomic


def apparatus():
    return build(
        [
            witness_from_text("A", "the black cat <script>alert(1)</script>"),
            witness_from_text("B", "the white cat & dog"),
            witness_from_text("S", "A summary.", role=Role.SUMMARY),
        ]
    )


def test_json_follows_format_1() -> None:
    data = json.loads(render(apparatus(), "json"))
    assert data["format"] == 1 and data["generator"].startswith("collate ")
    assert [w["siglum"] for w in data["witnesses"]] == ["A", "B", "S"]
    assert data["witnesses"][2]["role"] == "summary"
    assert {"siglum", "role", "path", "length", "sha256"} <= set(data["witnesses"][0])
    variant = next(u for u in data["units"] if u["variant"])
    assert [r["text"] for r in variant["readings"]] == ["black", "white"]
    assert variant["readings"][0]["spans"] == {"A": [4, 10]}
    # The summary says nothing the witnesses say: one unsupported clause, linked to nothing.
    assert [a["kind"] for a in data["anomalies"] if a["kind"].startswith("summary")] == [
        "summary-unsupported"
    ]
    # Copies (the default): B lacks A's three words, with nothing to explain it.
    assert [a["kind"] for a in data["anomalies"] if not a["kind"].startswith("summary")] == ["omission"]
    assert [(link["text"], link["sources"]) for link in data["links"]] == [("A summary", [])]


def test_json_writes_text_as_utf8_not_escapes() -> None:
    app = build([witness_from_text("A", "λόγος ἦν"), witness_from_text("B", "λόγος ἦν")])
    assert "λόγος" in render(app, "json")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page_data(page: str) -> dict:
    start = page.index('<script type="application/json" id="collate-data">') + len(
        '<script type="application/json" id="collate-data">'
    )
    return json.loads(page[start : page.index("</script>", start)])


def test_html_is_self_contained_and_carries_witness_text_as_data() -> None:
    app = apparatus()
    page = render(app, "html")
    parser = _Collector()
    parser.feed(page)
    assert parser.tags.count("script") == 2  # the data and ours; the witness's <script> is data
    data = _page_data(page)  # the first "</script>" closes the data: the witness's is escaped
    assert [w[3] for w in data["witnesses"]] == [w.text for w in app.witnesses]
    assert any("<script>alert(1)</script>" in w[3] for w in data["witnesses"])
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing fetched
    assert "<link" not in page and "@import" not in page


def test_html_data_tiles_every_witness_and_groups_the_readings() -> None:
    """The page's compact data says, unit by unit, where each witness's reading ends and
    which witnesses read alike: enough to rebuild every witness and every reading."""
    witnesses = [
        witness_from_text("A", "the black cat sat on the mat"),
        witness_from_text("B", "the white cat sat on the mat"),
        witness_from_text("C", "the cat sat on a mat"),
    ]
    app = build(witnesses)
    data = _page_data(render(app, "html"))
    assert [data["witnesses"][n][0] for n in data["collated"]] == ["A", "B", "C"]
    for ci, ends in enumerate(data["ends"]):
        text = witnesses[ci].text
        assert ends[-1] == len(text) and ends == sorted(ends)
    for k, unit in enumerate(app.alignment.units):
        assert bool(data["groups"][k]) == unit.variant
        for reading in unit.readings:
            groups = {
                data["groups"][k][ci] if data["groups"][k] else "0"
                for ci, s in enumerate("ABC")
                if s in reading.witnesses
            }
            assert len(groups) == 1  # the witnesses of one reading share its character
            for siglum, span in reading.spans.items():
                ci = "ABC".index(siglum)
                assert data["ends"][ci][k] == span.end
                assert (data["ends"][ci][k - 1] if k else 0) == span.start


def test_text_table_has_a_column_per_collated_witness() -> None:
    table = render(apparatus(), "text")
    header, *rows = table.splitlines()
    assert header.split() == ["A", "B"]
    assert any(row.startswith("u2 *") and "black" in row and "white" in row for row in rows)
    assert "not collated word by word (summary): S\n" in table
    assert "S:1:1: clause (0.00) “A summary” <- nothing" in table


def test_unknown_format_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown format 'pdf'"):
        render(apparatus(), "pdf")


def test_write_atomic_replaces_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    write_atomic(target, "one\n")
    write_atomic(target, "two\n")
    assert target.read_text(encoding="utf-8") == "two\n"
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_write_atomic_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(CollateError, match="is a folder"):
        write_atomic(tmp_path, "x")


def test_collatex_json_is_column_major_with_empty_cells() -> None:
    from collate.readers import witnesses_from_collatex

    data = {
        "witnesses": [
            {"id": "A", "content": "the black cat"},
            {"id": "B", "tokens": [{"t": "the ", "n": "the", "line": 7}, {"t": "cat", "n": "cat"}]},
        ]
    }
    table = json.loads(render(build(witnesses_from_collatex(data)), "collatex-json"))
    assert table["witnesses"] == ["A", "B"]
    assert len(table["table"]) == 3  # the, black, cat: a column per unit
    assert table["table"][1][1] == []  # B lacks "black": an empty cell
    assert table["table"][0][1] == [{"t": "the ", "n": "the", "line": 7}]  # extra keys kept
    for row, witness in enumerate(["the black cat", "the cat"]):
        assert "".join(t["t"] for column in table["table"] for t in column[row]) == witness


def test_collatex_json_rebuilds_the_darwin_editions() -> None:
    from collate.readers import load_collatex_json

    from conftest import corpus

    witnesses = load_collatex_json(corpus("collatex-darwin-para1", "darwin_chapter1_para1.json"))
    table = json.loads(render(build(witnesses), "collatex-json"))
    for row, witness in enumerate(witnesses):
        assert "".join(t["t"] for column in table["table"] for t in column[row]) == witness.text


def test_transpositions_are_reported_as_anomalies() -> None:
    app = build(
        [
            witness_from_text("A", "one two three four five six seven"),
            witness_from_text("B", "five six seven one two three four"),
        ]
    )
    (anomaly,) = json.loads(render(app, "json"))["anomalies"]
    assert anomaly["kind"] == "transposition"
    assert anomaly["witness"] == "B" and anomaly["reference"]["witness"] == "A"
    assert len(anomaly["evidence"]) == 2


def test_the_seed_html_report(file_regression) -> None:
    from collate.edition import load_witnesses, read_manifest

    from conftest import ROOT

    page = render(build(load_witnesses(read_manifest(ROOT))), "html")
    assert page == (ROOT / "reports" / "apparatus.html").read_text(encoding="utf-8")
    file_regression.check(page, extension=".html", encoding="utf-8")


def test_temporary_files_left_by_a_killed_run_are_swept(tmp_path: Path) -> None:
    import os
    import time

    target = tmp_path / "apparatus.json"
    old = tmp_path / ".apparatus.json.abc123.tmp"
    fresh = tmp_path / ".apparatus.json.def456.tmp"
    old.write_text("half", encoding="utf-8")
    fresh.write_text("another run, still writing", encoding="utf-8")
    hours_ago = time.time() - 7200
    os.utime(old, (hours_ago, hours_ago))
    write_atomic(target, "{}\n")
    assert not old.exists() and fresh.exists()  # a live run's file is left alone
    assert target.read_text(encoding="utf-8") == "{}\n"


def test_the_variant_graph_follows_every_witness_from_start_to_end() -> None:
    witnesses = [
        witness_from_text("A", "the black cat sat"),
        witness_from_text("B", "the white cat sat"),
        witness_from_text("C", "the cat sat down"),
    ]
    dot = render(build(witnesses), "dot")
    assert dot.startswith("digraph variants {") and dot.endswith("}\n")
    edges = re.findall(r'^  (\w+) -> (\w+) \[label="([^"]*)"\];$', dot, re.MULTILINE)
    labels = dict(re.findall(r'^  (\w+) \[label="((?:[^"\\]|\\.)*)"', dot, re.MULTILINE))
    for siglum, expected in (
        ("A", ["the", "black", "cat sat"]),
        ("B", ["the", "white", "cat sat"]),
        ("C", ["the", "cat sat", "down"]),
    ):
        step, path = "start", []
        while step != "end":
            (step,) = [
                target for source, target, sigla in edges if source == step and siglum in sigla.split()
            ]
            if step != "end":
                path.append(labels[step].split("\\n")[0])
        assert path == expected, siglum


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_report_colours_have_readable_contrast() -> None:
    from importlib import resources

    css = resources.files("collate.report.assets").joinpath("report.css").read_text(encoding="utf-8")
    colour = dict(re.findall(r"--([\w-]+): (#[0-9a-fA-F]{6})", css))
    # Each text colour against each background it is drawn on (WCAG AA: 4.5 for body text).
    pairs = [
        ("ink", "paper"),
        ("muted", "paper"),
        ("anomaly", "paper"),
        ("focus", "paper"),
        ("ink", "variant"),
        ("ink", "highlight"),
        ("muted", "card"),
        ("paper", "badge"),
        ("ink", "card"),
    ]
    for text, background in pairs:
        assert _contrast(colour[text], colour[background]) >= 4.5, (text, background)


def test_graphviz_reads_the_variant_graph(tmp_path: Path) -> None:
    import shutil
    import subprocess

    from collate.readers import load_collatex_json

    from conftest import corpus

    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed (apt-get install graphviz)")
    witnesses = load_collatex_json(corpus("collatex-darwin-para1", "darwin_chapter1_para1.json"))
    source = tmp_path / "darwin.dot"
    source.write_text(render(build(witnesses), "dot"), encoding="utf-8")
    done = subprocess.run(["dot", "-Tsvg", str(source)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count('<g id="node') > 50


def test_transp_only_where_the_witness_has_the_words_elsewhere() -> None:
    """*Frankenstein* chapter 7, 1831 as base: 1831's added passage "a lesson of patience, ...
    one train of enjoyment to me" touches a transposition (one of its phrases stands elsewhere
    in another witness), yet the others lack the passage: "om.", not "transp.". Where a witness
    is marked as having the words elsewhere, the words at that other place are the lemma's."""
    from collate.readers import load_text

    from conftest import corpus

    folder = corpus("frankenstein-variorum", "text", "units", "C07")
    apparatus = build([load_text(folder / f"{s}.txt") for s in ("1831", "1818", "Thomas", "MS")])
    alignment = apparatus.alignment
    (added,) = [
        u for u in alignment.units if "lesson of patience" in (u.reading_of("1831") or u.readings[0]).norm
    ]
    assert any(added.id in t.units for t in alignment.transpositions)  # the old rule said "transp."
    moved = alignment.moved()
    assert not [place for place in moved if place[0] == added.id]
    assert moved
    units = {u.id: u for u in alignment.units}
    for here, siglum, there in moved:
        lacking, elsewhere = units[here].reading_of(siglum), units[there].reading_of(siglum)
        assert lacking is not None and not lacking.norm
        assert elsewhere is not None and elsewhere.norm
        there_words = f" {elsewhere.norm} "
        assert any(f" {r.norm} " in there_words for r in units[here].readings if r.norm), (here, siglum)


def test_the_text_report_shortens_long_cells_between_words() -> None:
    """*Frankenstein* chapter 7: a long reading is its first and last words around "…",
    each a whole word of the witness, never a word cut in half ("bu … r days")."""
    from collate.readers import load_text

    from conftest import corpus

    folder = corpus("frankenstein-variorum", "text", "units", "C07")
    witnesses = [load_text(folder / f"{s}.txt") for s in ("1831", "1818")]
    report = render(build(witnesses), "text")
    words = {word for w in witnesses for word in w.text.split()}
    cut = [line for line in report.splitlines() if " … " in line]
    assert cut
    for line in cut:
        for before, after in re.findall(r"(\S+) … (\S+)", line):
            assert before in words and after in words, line


def test_every_report_says_where_a_bound_cut_the_alignment_short() -> None:
    import jsonschema
    from lxml import etree

    import collate.schema
    from collate.aligner import AlignOptions
    from collate.schema import apparatus_schema

    a = witness_from_text("A", "the of and to a in the the of and of to a in in the " * 5)
    b = witness_from_text("B", "of the and a to in the of the and to a of in the in " * 5)
    apparatus = build([a, b], options=AlignOptions(cell_budget=64))
    (limit,) = apparatus.alignment.limits
    assert limit.startswith("B against A: a stretch of 80 × 80 words")
    data = json.loads(render(apparatus, "json"))
    jsonschema.Draft202012Validator(apparatus_schema()).validate(data)
    assert data["limits"] == [limit]
    assert f"limit {limit}" in render(apparatus, "text").splitlines()
    assert f"<li>{limit}</li>" in render(apparatus, "html")
    tei = etree.fromstring(render(apparatus, "tei").encode())
    rng = etree.RelaxNG(etree.parse(str(Path(collate.schema.__file__).parent / "tei-apparatus.rng")))
    assert rng.validate(tei), rng.error_log
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert tei.xpath("//t:encodingDesc/t:editorialDecl/t:p/text()", namespaces=ns) == [f"limit: {limit}"]
    # and a collation no bound touched says nothing of limits
    plain = build([a, b])
    assert plain.alignment.limits == () and json.loads(render(plain, "json"))["limits"] == []
    assert "editorialDecl" not in render(plain, "tei") and 'id="limits"' not in render(plain, "html")
