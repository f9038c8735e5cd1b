"""The HTML report in a real browser: headless Chromium (Debian's ``chromium`` package),
driven by Playwright. Skipped, saying why, where Chromium or Playwright is absent."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import collate

from conftest import ROOT

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    required = bool(os.environ.get("COLLATE_REQUIRE_BROWSER"))
    if chromium is None:
        message = "no Chromium on this machine: install Debian's chromium package (apt-get install chromium)"
        if required:
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        yield launched
        launched.close()


def open_report(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    url = path.resolve().as_uri()
    page.goto(url)
    page.wait_for_load_state("load")
    return page, problems, [r for r in requests if r != url]


def test_the_seed_report_opens_offline_without_errors(browser) -> None:
    page, problems, requests = open_report(browser, ROOT / "reports" / "apparatus.html")
    assert problems == []
    assert requests == []  # nothing fetched: styles and script are inline
    assert page.title().startswith("Critical apparatus")
    anomalies = json.loads((ROOT / "reports" / "apparatus.json").read_text(encoding="utf-8"))["anomalies"]
    assert len(anomalies) > 0
    assert page.locator("button.card").count() == len(anomalies)  # one card per anomaly


def test_clicking_the_dittography_card_highlights_its_evidence(browser, tmp_path: Path) -> None:
    page, problems, _ = open_report(browser, ROOT / "reports" / "apparatus.html")
    card = page.locator("button.card", has_text="dittography")
    assert card.count() == 1
    assert page.locator(".text .hl").count() == 0
    card.click()
    assert card.get_attribute("aria-pressed") == "true"
    highlighted = page.locator('.text[data-witness="cable"] .hl')
    assert highlighted.count() > 0
    text = "".join(highlighted.all_text_contents())
    assert "the main lines and not subsidiary lines." in text
    assert text.count("should be only") >= 2  # the whole run: both copies and the trigger
    assert page.locator('.text[data-witness="summary"] .hl').count() == 0
    assert "a3: evidence highlighted in cable" in page.locator("#status").text_content()
    page.keyboard.press("Escape")
    assert page.locator(".text .hl").count() == 0
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert problems == []


def test_cards_are_reached_from_the_keyboard(browser) -> None:
    page, problems, _ = open_report(browser, ROOT / "reports" / "apparatus.html")
    page.keyboard.press("j")
    focused = page.evaluate("document.activeElement.getAttribute('data-anomaly')")
    assert focused == "a1"
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    assert page.locator("button.card[aria-pressed=true]").get_attribute("data-anomaly") == "a2"
    assert page.locator('.text[data-witness="cable"] .hl').count() > 0
    assert problems == []


def test_a_summary_anomaly_highlights_the_summary_and_the_cable(browser) -> None:
    page, problems, _ = open_report(browser, ROOT / "reports" / "apparatus.html")
    page.locator("button.card", has_text="summary-altered-term").click()
    summary = "".join(page.locator('.text[data-witness="summary"] .hl').all_text_contents())
    cable = "".join(page.locator('.text[data-witness="cable"] .hl').all_text_contents())
    assert summary == "Treaty of Alliance"
    assert cable == "Treaty of Friendship and Alliance"
    assert problems == []


def test_the_batch_overview_sorts_by_any_column_and_links_each_report(browser, tmp_path: Path) -> None:
    from collate.batch import run_batch

    folder = tmp_path / "archive"
    folder.mkdir()
    record = (ROOT / "witnesses" / "000_336ee8d35a94a445.txt").read_text(encoding="utf-8")
    # the seed, and two records with less of its text (fewer anomalies), and one broken record
    (folder / "seed.txt").write_text(record, encoding="utf-8")
    transcript = record.index("TOP SECRET AND PERSONAL")
    (folder / "short.txt").write_text(record[: transcript + 400], encoding="utf-8")
    (folder / "shorter.txt").write_text(record[: transcript + 120], encoding="utf-8")
    (folder / "broken.txt").write_text("no sections\n", encoding="utf-8")
    result = run_batch([folder], tmp_path / "out", workers=1)
    page, problems, requests = open_report(browser, tmp_path / "out" / "index.html")
    assert requests == []

    def column(index: int) -> list[str]:
        return page.locator(f"#records tbody tr td:nth-child({index})").all_text_contents()

    counts = {line["name"]: line.get("anomalies") for line in result.lines}
    assert len(set(counts.values())) == 4  # three different counts and the broken one
    page.get_by_role("button", name="anomalies").click()
    descending = [int(n) if n else -1 for n in column(2)]
    assert descending == sorted(descending, reverse=True)
    page.get_by_role("button", name="anomalies").click()
    ascending = [int(n) if n else -1 for n in column(2)]
    assert ascending == sorted(ascending)
    page.get_by_role("button", name="highest confidence").click()
    highest = [float(n) if n else -1.0 for n in column(len(page.locator("#records thead th").all()) - 1)]
    assert highest == sorted(highest, reverse=True)
    page.get_by_role("link", name="seed").click()
    page.wait_for_load_state("load")
    assert page.title().startswith("Critical apparatus")
    assert problems == []


def _page_of(browser, tmp_path: Path, witnesses, fragment: str = "", options=None, group=None):
    import collate

    path = tmp_path / "report.html"
    path.write_text(
        collate.render(collate.collate(witnesses, detect_options=options), "html", group=group),
        encoding="utf-8",
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(path.resolve().as_uri() + fragment)
    page.wait_for_function("document.documentElement.dataset.ready")
    return page, problems


def test_the_reading_view_keys_the_apparatus_to_the_base_text_and_switches_base(
    browser, tmp_path: Path
) -> None:
    import collate

    a = collate.witness("A", "the black cat sat\non the mat")
    b = collate.witness("B", "the cat sat\non the old mat")
    page, problems = _page_of(browser, tmp_path, [a, b])
    assert (
        page.locator(".para .v").all_text_contents() == ["black ", ""]
        or "black" in page.locator(".para .v").first.text_content()
    )
    notes = page.locator(".notes li").all_text_contents()
    assert notes[0].replace("\u00a0", " ").startswith("1 black A] om. B")
    assert any(n.startswith("2 ") and "old add. B" in n for n in notes)  # keyed by line
    page.select_option("#base", label="B")
    notes = page.locator(".notes li").all_text_contents()
    assert notes[0].startswith("1 om. B] black add. A")
    assert page.locator(".para .base").first.text_content().startswith("the cat sat")
    assert page.locator("#chart svg rect").count() >= 2  # bars where the witnesses part ways
    assert problems == []


def test_a_swap_reads_transp_at_both_places(browser, tmp_path: Path) -> None:
    """Two words swapped: one note for the pair, the swap named (the default grain joins
    units that touch); one note a unit, each place reads transp."""
    import collate

    text = "He took the book and opened it with apathy, for he had read it often before."
    a = collate.witness("A", text)
    b = collate.witness("B", text.replace("opened it with apathy", "opened with it apathy"))
    page, problems = _page_of(browser, tmp_path, [a, b])
    notes = page.locator(".notes li").all_text_contents()
    assert len(notes) == 1 and notes[0].startswith("1 it with A] with it B transp.")
    page, problems = _page_of(browser, tmp_path, [a, b], group=0)
    notes = " ".join(page.locator(".notes li").all_text_contents())
    assert notes.count("transp.") >= 2 and "om." not in notes and "add." not in notes
    assert problems == []


def test_witness_text_is_shown_as_text_never_run(browser, tmp_path: Path) -> None:
    import collate

    hostile = 'A <script>alert(1)</script> and <img src=x onerror="alert(2)"> and </script> end'
    page, problems = _page_of(
        browser, tmp_path, [collate.witness("A", hostile), collate.witness("B", "A plain text")]
    )
    assert problems == []  # no dialog, no error
    assert page.locator('.text[data-witness="A"]').text_content() == hostile
    assert page.locator("img").count() == 0


def test_search_finds_every_place_in_every_witness_and_shows_one(browser) -> None:
    page, problems, _ = open_report(browser, ROOT / "reports" / "apparatus.html")
    page.fill("#search", "subsidiary")
    page.wait_for_function("document.querySelectorAll('#results button').length > 0")
    results = page.locator("#results button")
    cable = (ROOT / "witnesses" / "cable.txt").read_text(encoding="utf-8")
    summary = (ROOT / "witnesses" / "summary.txt").read_text(encoding="utf-8")
    assert results.count() == cable.lower().count("subsidiary") + summary.lower().count("subsidiary")
    results.first.click()
    assert page.locator(".text .hl").first.text_content().lower() == "subsidiary"
    assert problems == []


def test_filters_by_kind_confidence_and_witness(browser) -> None:
    page, problems, _ = open_report(browser, ROOT / "reports" / "apparatus.html")
    data = json.loads((ROOT / "reports" / "apparatus.json").read_text(encoding="utf-8"))["anomalies"]

    def visible() -> int:
        return page.locator("ol.cards li:not([hidden])").count()

    assert visible() == len(data)
    page.uncheck('input[name=kind][value="editorial-insertion"]')
    assert visible() == sum(a["kind"] != "editorial-insertion" for a in data)
    page.check('input[name=kind][value="editorial-insertion"]')
    page.locator("#confidence").fill("0.5")
    assert visible() == sum(a["confidence"] >= 0.5 for a in data)
    page.locator("#confidence").fill("0")
    page.select_option("#witness-filter", "summary")
    assert visible() == sum(a["witness"] == "summary" for a in data)
    assert problems == []


def test_links_open_at_a_unit_or_an_anomaly(browser, tmp_path: Path) -> None:
    import collate

    a = collate.witness("A", "the black cat sat on the mat " * 3)
    b = collate.witness("B", "the cat sat on the mat " * 3)
    page, problems = _page_of(browser, tmp_path, [a, b], fragment="#u2")
    assert page.locator("#u2.target").text_content().strip() == "black"
    assert page.locator("#n-u2.target").count() == 1
    seed = browser.new_page()
    seed.goto((ROOT / "reports" / "apparatus.html").resolve().as_uri() + "#a3")
    seed.wait_for_function("document.documentElement.dataset.ready")
    assert seed.locator("#card-a3").get_attribute("aria-pressed") == "true"
    assert seed.locator(".text .hl").count() > 0
    assert problems == []


def test_print_gives_the_base_text_with_a_footnote_apparatus(browser, tmp_path: Path) -> None:
    """Chromium's PDF of the report, turned into images: the reading view alone, every
    paragraph drawn, each followed by its notes."""
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 turns the PDF into images")
    text = (ROOT / "witnesses" / "cable.txt").read_text(encoding="utf-8")
    import collate

    a = collate.witness("cable", text)
    b = collate.witness("copy", text.replace("Outer Mongolia", "Mongolia").replace("Soong", "Sung"))
    page, problems = _page_of(browser, tmp_path, [a, b])
    page.emulate_media(media="print")
    assert page.locator(".para[data-pending]").count() == 0
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4")
    document = pdfium.PdfDocument(str(pdf))
    assert 1 <= len(document) <= 6
    printed = " ".join(document[n].get_textpage().get_text_range() for n in range(len(document)))
    assert "Soong ] Sung" in " ".join(printed.split()) or "Soong cable] Sung copy" in " ".join(
        printed.split()
    )
    assert "Anomalies" not in printed and "Synopsis" not in printed  # only the reading view
    pixels = document[0].render(scale=1).to_numpy()
    assert pixels.std() > 5  # a page with text on it, not blank
    assert problems == []


def test_the_reading_view_names_a_doubled_passage_iter(browser, tmp_path: Path) -> None:
    import collate

    cable = (ROOT / "witnesses" / "cable.txt").read_text(encoding="utf-8")
    repeated = "the main lines and not subsidiary lines."
    assert cable.count(repeated) == 2  # the seed's own repetition
    fixed = cable.replace(repeated, "", 1)
    copies = collate.DetectOptions(exemplars={"cable": "fixed"})  # the cable copied from the fixed text
    witnesses = [collate.witness("fixed", fixed), collate.witness("cable", cable)]
    page, problems = _page_of(browser, tmp_path, witnesses, options=copies)
    page.evaluate("window.collateDrawAll()")
    notes = " ".join(page.locator(".notes li").all_text_contents())
    assert "iter." in notes and "add." in notes
    assert problems == []


def test_two_reports_in_one_page_each_draw_their_own(browser, tmp_path: Path) -> None:
    """As a notebook shows them: two reports' markup one after the other in one document, each
    script drawing its own report from its own data."""
    import collate

    first = collate.render(
        collate.collate([collate.witness("A", "red fox"), collate.witness("B", "red hen")]), "html"
    )
    second = collate.render(
        collate.collate([collate.witness("C", "old dog"), collate.witness("D", "old cat")]), "html"
    )

    def inner(page: str) -> str:
        return page[page.index('<div class="collate-report">') : page.rindex("</div>") + len("</div>")]

    path = tmp_path / "two.html"
    path.write_text(
        f"<!DOCTYPE html><html><body>{inner(first)}{inner(second)}</body></html>", encoding="utf-8"
    )
    page = browser.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(path.resolve().as_uri())
    page.wait_for_function("document.querySelectorAll('.collate-report[data-ready]').length === 2")
    reports = page.locator(".collate-report")
    assert "fox" in reports.nth(0).locator(".notes").text_content()
    assert "dog" not in reports.nth(0).locator(".paragraphs").text_content()
    assert "cat" in reports.nth(1).locator(".notes").text_content()
    assert problems == []


def test_a_unit_of_more_readings_than_letters_keeps_them_apart(browser, tmp_path: Path) -> None:
    """Seventy witnesses, each with its own word in one place: the page writes that unit's
    grouping as numbers, and its note gives all seventy readings, none merged."""
    import collate

    witnesses = [collate.witness(f"W{n:02d}", f"the word{n} here") for n in range(70)]
    page, problems = _page_of(browser, tmp_path, witnesses)
    note = page.locator(".notes li").first.text_content()
    assert all(f"word{n} W{n:02d}" in note for n in range(70))
    assert note.count(";") == 68  # the lemma, then 69 other readings
    assert problems == []


# --- a hostile corpus: no text can break the page -----------------------------------------

_DRAWN = """() => {
  window.collateDrawAll();
  const data = JSON.parse(document.getElementById("collate-data").textContent);
  const units = (text) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
  const texts = Array.from(document.querySelectorAll("#witness-texts .text"));
  const base = Array.from(document.querySelectorAll("#paragraphs .para .base"))
    .map((p) => p.textContent).join("");
  return {
    format: data.format,
    data: data.witnesses.map((w) => units(w[3])),
    drawn: texts.map((t) => t.textContent === data.witnesses[texts.indexOf(t)][3]),
    base: base === data.witnesses[data.collated[data.lemma]][3],
    probe: window.collateProbe === undefined ? null : String(window.collateProbe),
    scripts: document.scripts.length,
    handlers: Array.from(document.querySelectorAll("*")).flatMap((el) =>
      Array.from(el.attributes).filter((a) => a.name.startsWith("on")).map((a) => el.tagName + " " + a.name)),
    foreign: document.querySelectorAll("img, iframe, object, embed, #witness-texts svg, #paragraphs svg")
      .length,
    links: Array.from(document.querySelectorAll("a[href]")).map((a) => a.getAttribute("href")),
  };
}"""


def _code_units(text: str) -> list[int]:
    data = text.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "little") for i in range(0, len(data), 2)]


def _assert_unbroken(page, witnesses, messages: list[str], title: str) -> dict:
    """Nothing of the probes ran and every witness is drawn in full, character for character."""
    found = page.evaluate(_DRAWN)
    assert messages == []  # no console message of any kind, no error, no dialog
    assert page.title() == title
    assert found["probe"] is None
    assert found["scripts"] == 2  # the data block and the page's own script
    assert found["handlers"] == [] and found["foreign"] == 0
    assert all(href.startswith(("#", "https://")) for href in found["links"]), found["links"]
    assert found["data"] == [_code_units(w.text) for w in witnesses]  # the data reached the page whole
    assert all(found["drawn"]) and len(found["drawn"]) == len(witnesses)
    assert found["base"]
    assert found["format"] == 1  # the data block says its format
    return found


def _open_listening(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: messages.append(f"error: {error}"))
    page.on("dialog", lambda dialog: (messages.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(path.resolve().as_uri())
    page.wait_for_function("document.documentElement.dataset.ready")
    return page, messages


def _controls_work(page, copy_siglum: str) -> None:
    """The page's own controls still do their work on the hostile corpus."""
    cards = page.locator("button.card")
    assert cards.count() > 0
    cards.first.click()
    assert page.locator(".text .hl").count() > 0
    page.keyboard.press("Escape")
    assert page.locator(".text .hl").count() == 0
    total = cards.count()
    page.locator("#confidence").fill("1")
    assert page.locator("ol.cards li:not([hidden])").count() < total
    page.locator("#confidence").fill("0")
    page.fill("#search", "onerror")
    page.wait_for_function("document.querySelectorAll('#results button').length > 0")
    page.locator("#results button").first.click()
    assert page.locator(".text .hl").first.text_content().lower() == "onerror"
    page.select_option("#base", label=copy_siglum)
    assert page.locator(".notes li").count() > 0
    assert page.locator("#synopsis-table tbody tr").count() > 0
    assert page.locator("#chart svg rect").count() > 0


def test_a_hostile_project_cannot_break_the_page(browser, tmp_path: Path) -> None:
    """Hostile file names, sigla, metadata, witness text and summary, through `collate run`."""
    import collate
    from collate.cli import main

    import hostile_corpus

    folder = hostile_corpus.project(tmp_path / "project")
    result = CliRunner().invoke(main, ["run", str(folder)])
    assert result.exit_code == 0, result.output
    witnesses = collate.load_project(folder)
    page, messages = _open_listening(browser, folder / "reports" / "apparatus.html")
    title = f"Critical apparatus: {', '.join(w.siglum for w in witnesses)}"
    found = _assert_unbroken(page, witnesses, messages, title)
    # metadata shown as text; only the https address is a link
    metadata = page.locator(".metadata").first
    for value in hostile_corpus.METADATA.values():
        assert value in metadata.text_content()
    assert hostile_corpus.METADATA["citation"] in found["links"]
    assert not any(href.startswith(("javascript", "data")) for href in found["links"])
    _controls_work(page, hostile_corpus.SIGLA[1])
    assert page.title() == title and messages == []


def test_text_only_python_can_hold_cannot_break_the_page(browser, tmp_path: Path) -> None:
    """NUL and unpaired surrogates too, in witnesses made in Python."""
    import collate

    import hostile_corpus

    witnesses = hostile_corpus.witnesses()
    path = tmp_path / "report.html"
    collate.write(collate.collate(witnesses), path)
    page, messages = _open_listening(browser, path)
    title = f"Critical apparatus: {', '.join(w.siglum for w in witnesses)}"
    _assert_unbroken(page, witnesses, messages, title)
    _controls_work(page, hostile_corpus.SIGLA[1])
    assert messages == []


# --- the reading view as a printed edition ----------------------------------------------------


def _chapter_seven(browser, tmp_path: Path):
    from collate.readers import load_text

    from conftest import corpus

    folder = corpus("frankenstein-variorum", "text", "units", "C07")
    witnesses = [load_text(folder / f"{s}.txt") for s in ("1831", "1818", "Thomas", "MS")]
    page, problems = _page_of(browser, tmp_path, witnesses)
    page.evaluate("window.collateDrawAll()")
    return page, problems


_KEYS = r"""() => Array.from(document.querySelectorAll("#paragraphs .notes li:not(.lacuna)")).map((li) => {
  const target = document.getElementById(li.querySelector("a.line").getAttribute("href").slice(1));
  const line = target && target.closest(".ln");
  return [li.querySelector("a.line").textContent, line ? line.dataset.n : null,
          li.querySelector(".lem").textContent, target ? /[\p{L}\p{N}]/u.test(target.textContent) : true];
})"""


def test_notes_are_keyed_to_the_numbered_lines_the_reader_sees(browser, tmp_path: Path) -> None:
    """*Frankenstein* chapter 7, 1831 as base: the text is set in lines, every fifth
    numbered in the margin; each note's line is the line where its lemma stands; a long
    lemma is its first and last words."""
    page, problems = _chapter_seven(browser, tmp_path)
    numbered = page.eval_on_selector_all("#paragraphs .ln[data-num]", "els => els.map(e => +e.dataset.num)")
    assert numbered and all(n % 5 == 0 for n in numbered)
    assert numbered == sorted(numbered) and numbered[:3] == [5, 10, 15]
    keys = page.evaluate(_KEYS)
    assert len(keys) > 50
    for key, line, _, worded in keys:
        if line is not None:  # the line of the lemma's first word (its unit may begin at a
            # mark that ends the line before), or the first of the lines it runs over
            first = int(key.split("–")[0])
            assert first == int(line) or (first == int(line) + 1 and not worded), (key, line)
    lemmata = [lemma for _, _, lemma, _ in keys]
    shortened = [lemma for lemma in lemmata if " … " in lemma]
    assert shortened and all(len(lemma.split()) == 5 for lemma in shortened)
    assert max(len(lemma.split()) for lemma in lemmata) <= 5
    assert problems == []


def test_a_witness_that_begins_late_is_one_note(browser, tmp_path: Path) -> None:
    """The manuscript of chapter 7 begins late: one "inc. MS" note, and no note before it
    names the manuscript."""
    page, problems = _chapter_seven(browser, tmp_path)
    notes = page.locator("#paragraphs .notes li").all_text_contents()
    (begins,) = [n for n, text in enumerate(notes) if "inc. MS" in text]
    assert not [text for text in notes[:begins] if re.search(r"\bMS\b", text)]
    assert any(re.search(r"\bMS\b", text) for text in notes[begins + 1 :])
    assert problems == []


def test_variants_of_punctuation_only_can_be_hidden(browser, tmp_path: Path) -> None:
    page, problems = _chapter_seven(browser, tmp_path)
    visible = "els => els.filter(e => e.offsetParent !== null).length"
    before = page.eval_on_selector_all("#paragraphs .notes li", visible)
    punctuation = page.locator("#paragraphs .notes li.punct")
    assert punctuation.count() > 10
    letters = (
        "els => els.map(e => Array.from(e.querySelectorAll('.rdg'))"
        ".map(r => r.textContent.replace(/[^\\p{L}\\p{N}]/gu, '')))"
    )
    for readings in page.eval_on_selector_all("#paragraphs .notes li.punct", letters):
        assert len(set(readings)) <= 1, readings  # the same words, marks aside (an om. is no reading)
    page.check("#punctuation")
    after = page.eval_on_selector_all("#paragraphs .notes li", visible)
    assert after == before - punctuation.count()
    page.uncheck("#punctuation")
    assert page.eval_on_selector_all("#paragraphs .notes li", visible) == before
    assert problems == []


def test_the_seed_reading_view_marks_its_anomalies(browser) -> None:
    """The seed's cable is the only collated witness: no variant, but its anomalies (the
    doubled railroad passage among them) are underlined in the reading view, as the legend
    says."""
    page, problems, _ = open_report(browser, ROOT / "reports" / "apparatus.html")
    page.wait_for_function("document.documentElement.dataset.ready")
    page.evaluate("window.collateDrawAll()")
    marked = " ".join(page.locator("#paragraphs .an").all_text_contents())
    assert "the main lines and not subsidiary lines" in marked
    assert "[Xinjiang]" in marked
    assert problems == []


def test_the_stemma_is_drawn_in_the_report(browser, tmp_path: Path) -> None:
    """Three witnesses or more: the report draws their stemma, every witness a labelled box,
    every edge a line, in the nav too; the seed (one collated witness) has none."""
    folder = ROOT / "benchmarks" / "data" / "notre-besoin"
    witnesses = [collate.witness(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    path = tmp_path / "besoin.html"
    path.write_text(collate.render(collate.collate(witnesses), "html"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(path.resolve().as_uri() + "#stemma")
    page.wait_for_function("document.documentElement.dataset.ready")
    labels = page.eval_on_selector_all("#stemma svg g.witness text", "nodes => nodes.map(n => n.textContent)")
    assert sorted(labels) == sorted(w.siglum for w in witnesses)
    lines = page.eval_on_selector_all("#stemma svg line", "nodes => nodes.length")
    dots = page.eval_on_selector_all("#stemma svg circle.lost", "nodes => nodes.length")
    assert lines == len(labels) + dots - 1  # a tree: one edge fewer than its nodes
    box = page.locator("#stemma svg").bounding_box()
    assert box and box["width"] > 200 and box["height"] > 100
    assert page.locator('nav a[href="#stemma"]').count() == 1
    assert problems == []
    seed = browser.new_page()
    seed.goto((ROOT / "reports" / "apparatus.html").resolve().as_uri())
    seed.wait_for_function("document.documentElement.dataset.ready")
    assert seed.locator("#stemma").count() == 0


def test_contamination_is_drawn_as_a_network(browser, tmp_path: Path) -> None:
    """A copy made from two exemplars (its first half from B, its second from E, B and E in
    different families): the drawing joins it by dashed curves to both (and to any other
    witness it stands nearest in a stretch), each with a tooltip that names the pair; a
    tradition without contamination has none."""
    from test_stemma import TREE, copy, tradition

    texts = tradition(TREE)
    half = len(texts["B"]) // 2
    mixed = dict(texts, G=copy(texts["B"][:half] + texts["E"][half:], seed=99))
    for name, made, expected in (("mixed", mixed, {"B", "E"}), ("clean", texts, set())):
        witnesses = [collate.witness(s, " ".join(w)) for s, w in made.items()]
        path = tmp_path / f"{name}.html"
        path.write_text(collate.render(collate.collate(witnesses), "html"), encoding="utf-8")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(path.resolve().as_uri() + "#stemma")
        page.wait_for_function("document.documentElement.dataset.ready")
        titles = page.eval_on_selector_all(
            "#stemma svg path.contamination title", "nodes => nodes.map(n => n.textContent)"
        )
        followed = {t.split(" follows ")[1].split()[0] for t in titles}
        assert expected <= followed and bool(followed) == bool(expected)
        assert all(t.startswith("G follows") for t in titles)
        if expected:
            dash = page.eval_on_selector(
                "#stemma svg path.contamination", "p => getComputedStyle(p).strokeDasharray"
            )
            assert dash not in ("", "none")
