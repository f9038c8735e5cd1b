"""The LaTeX export for print editions (reledmac), compiled with LuaLaTeX from Debian's TeX
Live (packages texlive-luatex, texlive-latex-extra, texlive-humanities). Skipped, saying why,
where LuaLaTeX or reledmac is absent; with COLLATE_REQUIRE_LATEX set, that is a failure."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import collate
from collate.readers import load_text
from collate.report.escape import latex_text
from collate.report.notes import layout

from conftest import ROOT, corpus


def _lualatex() -> str:
    found = shutil.which("lualatex")
    kpsewhich = shutil.which("kpsewhich")
    has_reledmac = (
        kpsewhich and subprocess.run([kpsewhich, "reledmac.sty"], capture_output=True).stdout.strip()
    )
    if found and has_reledmac:
        return found
    message = (
        "no LuaLaTeX with reledmac: install Debian's texlive-luatex, texlive-latex-extra, texlive-humanities"
    )
    if os.environ.get("COLLATE_REQUIRE_LATEX"):
        pytest.fail(message)
    pytest.skip(message)


def _compiled(tex: str, folder: Path) -> str:
    """The document compiled (twice, as reledmac needs), and the text of its PDF."""
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 reads the PDF's text")
    lualatex = _lualatex()
    (folder / "edition.tex").write_text(tex, encoding="utf-8")
    for _ in range(2):
        done = subprocess.run(
            [lualatex, "-interaction=nonstopmode", "-halt-on-error", "edition.tex"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout[-3000:]
    document = pdfium.PdfDocument(str(folder / "edition.pdf"))
    return " ".join(
        " ".join(document[n].get_textpage().get_text_range().split()) for n in range(len(document))
    )


def _chapter7() -> collate.Apparatus:
    folder = corpus("frankenstein-variorum", "text", "units", "C07")
    return collate.collate([load_text(folder / f"{s}.txt") for s in ("1831", "1818", "Thomas", "MS")])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_no_text_becomes_a_command_or_a_group(text: str) -> None:
    """Once escaped, every backslash starts one of the commands that print a character, and
    braces balance: no witness can run a command, open a group or end the document."""
    escaped = latex_text(text)
    rest = re.sub(r"\\(textbackslash|textasciicircum|textasciitilde)\{\}|\\[{}$&#_%]|\{[\[\]]\}", "", escaped)
    assert "\\" not in rest and "{" not in rest and "}" not in rest
    assert not re.search(r"[$&#^_%~\[\]]", rest)


def test_the_seed_latex_is_stable(file_regression) -> None:
    apparatus = collate.collate(collate.load_project(ROOT))
    file_regression.check(collate.render(apparatus, "latex"), extension=".tex")


def test_a_hostile_witness_prints_as_written(tmp_path: Path) -> None:
    hostile = r"50% of \end{document} costs $5 & #1 ^^ {[}x_y~ [sic] \input{/etc/passwd}"
    a = collate.witness("A", f"The text reads {hostile} and goes on.")
    b = collate.witness("B", f"The text reads {hostile.replace('costs', 'cost')} and goes on.")
    printed = _compiled(collate.render(collate.collate([a, b]), "latex"), tmp_path)
    assert "50% of \\end{document} costs $5 & #1" in printed
    assert "costs ] cost B" in printed


def test_chapter_seven_compiles_as_a_print_edition(tmp_path: Path) -> None:
    """*Frankenstein* chapter 7, 1831 as base: the PDF has the text with every fifth line
    numbered, notes keyed to lines with long lemmata shortened, and one note where the
    manuscript begins."""
    apparatus = _chapter7()
    tex = collate.render(apparatus, "latex")
    assert tex.count(r"\edtext{") >= len(layout(apparatus).entries)
    printed = _compiled(tex, tmp_path)
    assert "I AM by birth a Genevese" in printed
    assert re.search(r"\b5 public situations with honour", printed)  # line 5, numbered
    assert "inc. MS" in printed
    assert re.search(r"\d+–\d+ \S+ \S+ … \S+ \S+ \]", printed)  # a shortened lemma over lines
    assert "consequently, ] consequently 1818 Thomas" in printed


def test_one_note_a_unit_at_grain_zero() -> None:
    apparatus = _chapter7()
    grouped, single = (collate.render(apparatus, "latex", group=g) for g in (2, 0))
    assert single.count(r"\Afootnote{") > 3 * grouped.count(r"\Afootnote{")
