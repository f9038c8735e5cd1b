"""Discovery on a mixed corpus: the Frankenstein witnesses, John's manuscripts and printed
editions, Darwin's paragraph in six editions, excerpts of Frankenstein (alone, and quoted in
another text), and texts that share words but no passage with any of them."""

from __future__ import annotations

import json
import random
import shlex
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from collate.cli import main
from collate.discover import Settings, command, discover, find_documents, shingles
from collate.errors import ConfigError, InputError

from conftest import WITNESSES, corpus


def _shuffled(text: str, seed: int) -> str:
    words = text.split()
    random.Random(seed).shuffle(words)
    return " ".join(words)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[str]]]:
    """The corpus, and the groups planted in it (by file name)."""
    frankenstein = corpus("frankenstein-variorum", "text", "full")
    john = corpus("cntr-john", "norm")
    darwin = json.loads(
        corpus("collatex-darwin-para1", "darwin_chapter1_para1.json").read_text(encoding="utf-8")
    )
    folder = tmp_path_factory.mktemp("mixed")
    groups: dict[str, set[str]] = {"frankenstein": set(), "john": set(), "darwin": set()}
    (folder / "frankenstein").mkdir()
    for path in sorted(frankenstein.glob("*.txt")):
        shutil.copy(path, folder / "frankenstein" / path.name)
        groups["frankenstein"].add(path.name)
    (folder / "john").mkdir()
    for path in sorted(john.glob("*.txt")):
        shutil.copy(path, folder / "john" / f"john-{path.name}")
        groups["john"].add(f"john-{path.name}")
    (folder / "darwin").mkdir()
    for witness in darwin["witnesses"]:
        (folder / "darwin" / f"origin-{witness['id']}.txt").write_text(witness["content"], encoding="utf-8")
        groups["darwin"].add(f"origin-{witness['id']}.txt")
    # excerpts: 400 words of 1831 alone; 150 words of 1818 quoted inside the seed's summary
    words_1831 = (frankenstein / "1831.txt").read_text(encoding="utf-8").split()
    (folder / "excerpt-1831.txt").write_text(" ".join(words_1831[40_000:40_400]), encoding="utf-8")
    words_1818 = (frankenstein / "1818.txt").read_text(encoding="utf-8").split()
    summary = (WITNESSES / "summary.txt").read_text(encoding="utf-8")
    quoting = f"{summary}\nAs the novel has it: “{' '.join(words_1818[20_000:20_150])}” {summary}"
    (folder / "report-quoting-1818.txt").write_text(quoting, encoding="utf-8")
    groups["frankenstein"] |= {"excerpt-1831.txt", "report-quoting-1818.txt"}
    # unrelated: the seed's cable, and texts with Frankenstein's and John's words in another order
    shutil.copy(WITNESSES / "cable.txt", folder / "cable.txt")
    (folder / "shuffled-1818.txt").write_text(_shuffled(" ".join(words_1818[:30_000]), 1), encoding="utf-8")
    john_words = (john / "P66.txt").read_text(encoding="utf-8")
    (folder / "shuffled-p66.txt").write_text(_shuffled(john_words, 2), encoding="utf-8")
    return folder, groups


def names(group: tuple[str, ...]) -> set[str]:
    return {Path(path).name for path in group}


def test_the_planted_groups_are_found_and_no_others(mixed: tuple[Path, dict[str, set[str]]]) -> None:
    folder, planted = mixed
    found = discover([folder], workers=2)
    assert sorted(map(sorted, map(names, found.groups))) == sorted(map(sorted, planted.values()))
    alone = {Path(path).name for path, _, _ in found.documents} - set().union(*planted.values())
    assert alone == {"cable.txt", "shuffled-1818.txt", "shuffled-p66.txt"}


def test_a_passage_gives_the_shared_text_in_both_documents(mixed: tuple[Path, dict[str, set[str]]]) -> None:
    folder, _ = mixed
    found = discover([folder / "frankenstein" / "1818.txt", folder / "report-quoting-1818.txt"], workers=1)
    (pair,) = found.pairs
    (passage,) = pair.passages
    texts = [Path(path).read_text(encoding="utf-8") for path in pair.documents]
    quoted = [
        " ".join(text[start:end].split()) for text, (start, end) in zip(texts, passage.spans, strict=True)
    ]
    assert quoted[0] == quoted[1]
    assert 140 <= passage.words <= 150
    assert len(quoted[0].split()) == passage.words


def test_copies_with_changed_words_are_still_one_passage(
    mixed: tuple[Path, dict[str, set[str]]], tmp_path: Path
) -> None:
    """A passage copied with a word in fifteen changed stays one passage, as long as its copy."""
    folder, _ = mixed
    words = (folder / "frankenstein" / "1831.txt").read_text(encoding="utf-8").split()[10_000:10_600]
    changed = [w if k % 15 else "CHANGED" for k, w in enumerate(words)]
    (tmp_path / "a.txt").write_text("Prefatory matter of another kind. " + " ".join(words), encoding="utf-8")
    (tmp_path / "b.txt").write_text(" ".join(changed) + " and a coda that nobody else has.", encoding="utf-8")
    (pair,) = discover([tmp_path], workers=1).pairs
    assert len(pair.passages) == 1
    assert pair.passages[0].words >= 580


def test_the_same_result_locally_and_on_a_dask_cluster(
    mixed: tuple[Path, dict[str, set[str]]], tmp_path: Path
) -> None:
    distributed = pytest.importorskip(
        "distributed", reason="Dask is an optional extra: pip install 'collate[dask]'"
    )
    folder, _ = mixed
    local = CliRunner().invoke(
        main, ["discover", str(folder / "darwin"), str(folder / "john"), "-o", str(tmp_path / "local")]
    )
    assert local.exit_code == 0, local.output
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        remote = CliRunner().invoke(
            main,
            ["discover", str(folder / "darwin"), str(folder / "john"), "-o", str(tmp_path / "dask"),
             "--scheduler", cluster.scheduler_address],
        )  # fmt: skip
    assert remote.exit_code == 0, remote.output
    for name in ("discovery.json", "discovery.html"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes()
    data = json.loads((tmp_path / "local" / "discovery.json").read_text(encoding="utf-8"))
    assert len(data["groups"]) == 2
    darwin = next(g for g in data["groups"] if "origin" in g["command"])
    assert darwin["command"].startswith("collate align ") and darwin["command"].count("origin-") == 6
    page = (tmp_path / "local" / "discovery.html").read_text(encoding="utf-8")
    assert page.count("<section") == 2 and darwin["command"] in page


def test_boilerplate_in_most_documents_links_none_of_them(tmp_path: Path) -> None:
    """A licence paragraph at the head of many unrelated texts is boilerplate, not reuse."""
    john = corpus("cntr-john", "norm")
    boilerplate = (
        "This text is in the public domain in the United States and most other parts of the world at no "
        "cost and with almost no restrictions whatsoever; you may copy it, give it away or re-use it "
        "under the terms of the licence included with it"
    )
    words = " ".join(p.read_text(encoding="utf-8") for p in sorted(john.glob("*.txt"))).split()
    for n in range(12):
        chance = random.Random(n)
        body = " ".join(chance.choice(words) for _ in range(800))
        (tmp_path / f"text-{n:02d}.txt").write_text(f"{boilerplate}\n\n{body}", encoding="utf-8")
    assert discover([tmp_path], workers=1).groups == ()


def test_shingles_ignore_case_and_diacritics_and_keep_offsets() -> None:
    starts, ends, first = shingles("Ὁ Λόγος ἦν, πρὸς τὸν θεόν", 2)
    _, _, second = shingles("ο λογοσ ην προσ τον θεον", 2)
    assert np.array_equal(first, second)
    assert [int(s) for s in starts] == [0, 2, 8, 12, 17, 21]
    assert int(ends[1]) == 7


def test_documents_are_found_once_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "one.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.xml").write_text("<TEI/>", encoding="utf-8")
    (tmp_path / "skip.json").write_text("{}", encoding="utf-8")
    found = find_documents([tmp_path, tmp_path / "b" / "one.txt", str(tmp_path / "*.xml")])
    assert [p.name for p in found] == ["a.xml", "one.txt"]
    with pytest.raises(InputError, match="no such file"):
        find_documents([tmp_path / "absent"])
    with pytest.raises(InputError, match="two documents or more"):
        discover([tmp_path / "b"], workers=1)
    with pytest.raises(ConfigError):
        Settings(window=4)


def test_a_bad_document_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"caf\xe9 au lait")
    (tmp_path / "b.txt").write_text("tea", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["discover", str(tmp_path), "-o", str(tmp_path / "out"), "--workers", "1"]
    )
    assert result.exit_code == 1
    assert "a.txt" in result.stderr and "UTF-8" in result.stderr
    assert "Traceback" not in result.output


def test_a_tei_document_is_read_by_the_text_of_its_body(tmp_path: Path) -> None:
    darwin = json.loads(
        corpus("collatex-darwin-para1", "darwin_chapter1_para1.json").read_text(encoding="utf-8")
    )
    first, last = darwin["witnesses"][0], darwin["witnesses"][-1]
    (tmp_path / "origin-1859.txt").write_text(first["content"], encoding="utf-8")
    body = first["content"].replace("&", "&amp;").replace("<", "&lt;")
    (tmp_path / "origin-1859.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Origin</title>'
        "</titleStmt></fileDesc></teiHeader>"
        f"<text><body><p>{body}</p></body></text></TEI>",
        encoding="utf-8",
    )
    (tmp_path / "origin-1872.txt").write_text(last["content"], encoding="utf-8")
    found = discover([tmp_path], workers=1)
    assert [names(group) for group in found.groups] == [
        {"origin-1859.txt", "origin-1859.xml", "origin-1872.txt"}
    ]
    from collate.readers import document_text as read_text

    pair = next(
        p
        for p in found.pairs
        if {Path(d).name for d in p.documents} == {"origin-1859.txt", "origin-1859.xml"}
    )
    shared = [
        " ".join(read_text(Path(d))[s:e].split())
        for d, (s, e) in zip(pair.documents, pair.passages[0].spans, strict=True)
    ]
    assert shared[0] == shared[1]  # the XML's offsets index the text of its body, not the markup
    assert len(shared[0].split()) == pair.passages[0].words


def test_the_command_of_a_group_names_files_whose_stems_clash() -> None:
    """CNTR keeps P66 as first written and as corrected in two files called P66.txt."""
    files = [str(corpus("cntr-john", folder, "P66.txt")) for folder in ("original", "final")]
    line = command(files)
    assert line.count(" -w ") == 2 and "original-P66=" in line and "final-P66=" in line
    result = CliRunner().invoke(main, [*shlex.split(line)[1:], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [w["siglum"] for w in json.loads(result.output)["witnesses"]] == ["original-P66", "final-P66"]
