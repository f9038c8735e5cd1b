"""Take the screenshots of the reports kept in docs/.

Run ``python docs/screenshot.py`` (or ``nox -s screenshot``) after ``collate run``; it needs
Debian's chromium package and Playwright for Python (``pip install -e '.[test]'``).

- docs/report.png, docs/report-evidence.png: the seed's report, then with the dittography
  card clicked and its evidence highlighted;
- docs/img/book-*.png: the report of 1818, 1831 and Thomas's copy of *Frankenstein* (from the
  corpora beside the repository, when they are there): the reading view with its chart, a
  search, the anomalies filtered, a link to a unit, and the printed page;
- docs/img/chapters-*.png: chapters 7 to 9 of *Frankenstein* in 1831, 1818, Thomas's copy and
  the manuscript: the reading view (numbered lines, grouped notes, where the manuscript
  begins) and the page as it prints (the print stylesheet).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no chromium: apt-get install chromium", file=sys.stderr)
        return 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1500})
        page.goto((ROOT / "reports" / "apparatus.html").as_uri())
        page.screenshot(path=str(ROOT / "docs" / "report.png"))
        page.set_viewport_size({"width": 1200, "height": 900})
        page.locator("button.card", has_text="dittography").click()  # scrolls its evidence into view
        page.screenshot(path=str(ROOT / "docs" / "report-evidence.png"))
        chapters = _chapters()
        if chapters is not None:
            page = browser.new_page(viewport={"width": 1200, "height": 1400})
            page.goto(chapters.as_uri() + "#n-" + _first_note_of_ms(page, chapters))
            page.wait_for_function("document.documentElement.dataset.ready")
            page.screenshot(path=str(ROOT / "docs" / "img" / "chapters-reading.png"))
            page = browser.new_page(viewport={"width": 800, "height": 1130})  # an A4 page's shape
            page.emulate_media(media="print")
            page.goto(chapters.as_uri())
            page.wait_for_function("document.documentElement.dataset.ready")
            page.evaluate("window.collateDrawAll()")
            page.locator("#paragraphs").scroll_into_view_if_needed()
            page.screenshot(path=str(ROOT / "docs" / "img" / "chapters-print.png"))
        book = _book()
        if book is not None:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(book.as_uri())
            page.wait_for_function("document.documentElement.dataset.ready")
            page.screenshot(path=str(ROOT / "docs" / "img" / "book-reading.png"))
            page.fill("#search", "wretch")
            page.wait_for_function("document.querySelectorAll('#results button').length > 0")
            page.screenshot(path=str(ROOT / "docs" / "img" / "book-search.png"))
            page.fill("#search", "")
            page.goto(book.as_uri() + "#anomalies")
            page.wait_for_function("document.documentElement.dataset.ready")
            page.uncheck('input[name=kind][value="transposition"]')
            page.locator("#confidence").fill("0.5")
            page.locator("#anomalies").scroll_into_view_if_needed()
            page.screenshot(path=str(ROOT / "docs" / "img" / "book-filters.png"))
            page.goto(book.as_uri() + "#u2000")
            page.wait_for_function("document.documentElement.dataset.ready")
            page.screenshot(path=str(ROOT / "docs" / "img" / "book-link.png"))
            page.emulate_media(media="print")
            page.goto(book.as_uri() + "#u2000")
            page.wait_for_function("document.documentElement.dataset.ready")
            page.screenshot(path=str(ROOT / "docs" / "img" / "book-print.png"))
        browser.close()
    print(
        "wrote docs/report.png, docs/report-evidence.png"
        + (", docs/img/chapters-*.png" if chapters else "")
        + (" and docs/img/book-*.png" if book else "")
    )
    return 0


def _corpora() -> Path:
    import os

    return Path(os.environ.get("COLLATE_CORPORA", ROOT.parent / "shared" / "corpora"))


def _chapters() -> Path | None:
    """The report of chapters 7 to 9 of Frankenstein in four witnesses, in a temporary file."""
    import tempfile

    import collate

    folder = _corpora() / "frankenstein-variorum" / "text" / "units"
    if not folder.is_dir():
        return None
    witnesses = []
    for siglum in ("1831", "1818", "Thomas", "MS"):
        text = "\n\n".join(
            (folder / c / f"{siglum}.txt").read_text(encoding="utf-8") for c in ("C07", "C08", "C09")
        )
        witnesses.append(collate.witness(siglum, text))
    apparatus = collate.collate(witnesses, detect_options=collate.DetectOptions(relation="revisions"))
    path = Path(tempfile.mkdtemp()) / "chapters.html"
    path.write_text(collate.render(apparatus, "html"), encoding="utf-8")
    return path


def _first_note_of_ms(page, report: Path) -> str:
    """The unit where the manuscript begins: the reading view opens at its note."""
    page.goto(report.as_uri())
    page.wait_for_function("document.documentElement.dataset.ready")
    page.evaluate("window.collateDrawAll()")
    href = page.locator("#paragraphs .notes li.lacuna a.line").first.get_attribute("href")
    return href.removeprefix("#")


def _book() -> Path | None:
    """The report of three witnesses of Frankenstein, written to a temporary file."""
    import tempfile

    import collate

    folder = _corpora() / "frankenstein-variorum" / "text" / "full"
    if not folder.is_dir():
        return None
    witnesses = [w for s in ("1818", "1831", "Thomas") for w in collate.load(folder / f"{s}.txt")]
    apparatus = collate.collate(witnesses, detect_options=collate.DetectOptions(relation="revisions"))
    path = Path(tempfile.mkdtemp()) / "frankenstein.html"
    path.write_text(collate.render(apparatus, "html"), encoding="utf-8")
    return path


if __name__ == "__main__":
    raise SystemExit(main())
