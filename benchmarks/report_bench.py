"""Reports of a whole book: the HTML against the JSON apparatus (size and writing time, in one
run), and the time the HTML takes to be interactive in headless Chromium (Debian's chromium,
driven by Playwright): from navigation to the moment the page's script has drawn the first
screen and set ``data-ready``.

Cases: the whole *Frankenstein* in five witnesses (1818, 1823, 1831, Thomas, MS), and with the
four manuscript fragments as witnesses too (nine).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from common import FRANKENSTEIN, SIGLA, best_of, figure

FRAGMENTS = ("MS-c57frag-C20", "MS-c57frag-C24", "MS-c58", "MS-c58frag-C33")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]  # fmt: skip


def reports() -> None:
    from collate.anomalies import DetectOptions
    from collate.apparatus import build
    from collate.readers import load_text
    from collate.report import render

    for label, sigla in (
        ("five witnesses", SIGLA),
        ("nine witnesses (the MS fragments too)", SIGLA + FRAGMENTS),
    ):
        witnesses = [load_text(FRANKENSTEIN / "text" / "full" / f"{s}.txt") for s in sigla]
        apparatus = build(witnesses, detect_options=DetectOptions(relation="revisions"))
        print(f"Whole Frankenstein, {label}: {len(apparatus.alignment.units):,} units, "
              f"{len(apparatus.anomalies):,} anomalies")  # fmt: skip
        json_time, json_text = best_of(3, lambda apparatus=apparatus: render(apparatus, "json"))
        html_time, html_text = best_of(3, lambda apparatus=apparatus: render(apparatus, "html"))
        json_size, html_size = len(json_text.encode()), len(html_text.encode())
        figure("JSON apparatus: size, time to write", f"{json_size / 1e6:.1f} MB", f"{json_time:.2f} s")
        figure("HTML report: size, time to write", f"{html_size / 1e6:.1f} MB", f"{html_time:.2f} s")
        figure("  size, as a multiple of the JSON", f"{html_size / json_size:.2f}x", "goal: 2x or less")
        figure(
            "  writing time, as a multiple of the JSON's",
            f"{html_time / json_time:.2f}x",
            "goal: 1.5x or less",
        )
        with tempfile.TemporaryDirectory() as folder:
            page = Path(folder) / "report.html"
            page.write_text(html_text, encoding="utf-8")
            opened = _open(page)
        if opened is None:
            figure("  interactive in Chromium", "not measured", "(no chromium or playwright here)")
        else:
            wall, ready, errors = opened
            figure(
                "  interactive in Chromium (best of 3)",
                f"{wall:.2f} s",
                f"goal: under 2 s; script ready at {ready} ms",
            )
            if errors:
                print(f"    errors in the page: {errors[:3]}")


def _open(page: Path) -> tuple[float, str, list[str]] | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    best: tuple[float, str, list[str]] | None = None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        for _ in range(3):
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            tab.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            started = time.perf_counter()
            tab.goto(page.resolve().as_uri())
            tab.wait_for_function("document.documentElement.dataset.ready", timeout=120_000)
            wall = time.perf_counter() - started
            ready = tab.evaluate("document.documentElement.dataset.ready")
            if best is None or wall < best[0]:
                best = (wall, ready, errors)
            tab.close()
        browser.close()
    return best
