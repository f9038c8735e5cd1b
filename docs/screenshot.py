"""Take the screenshots of the seed's report kept in docs/report.png and docs/report-evidence.png.

Run ``python docs/screenshot.py`` (or ``nox -s screenshot``) after ``collate run``; it needs
Debian's chromium package and Playwright for Python (``pip install -e '.[test]'``). The second
picture is taken after clicking the dittography card, with its evidence highlighted.
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
        browser.close()
    print("wrote docs/report.png and docs/report-evidence.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
