"""The batch: many records and projects at once, locally or on a Dask cluster, with an index,
skipping what is unchanged; records built here from Frankenstein."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import collate
import collate.batch
import collate.schema
from collate.batch import INDEX, OVERVIEW, RECORDS, find_items, run_batch
from collate.cli import main
from collate.errors import ConfigError, InputError
from collate.paths import shown
from collate.readers import ArchiveRecord, format_record, parse_record, read_record

from conftest import RECORD, WITNESSES, corpus


def records(count: int) -> list[tuple[str, str]]:
    """``count`` archive records laid out like the seed (`format_record`), each a transcript of
    one to three paragraphs of the 1818 *Frankenstein* and a summary made of its first
    sentence, every third with a passage of the transcript copied twice (as the seed's is)."""
    text = corpus("frankenstein-variorum", "text", "full", "1818.txt").read_text(encoding="utf-8")
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if 60 <= len(p.split()) <= 300]
    made = []
    for number in range(count):
        words = " ".join(paragraphs[5 * number : 5 * number + 1 + number % 3]).split()
        if number % 3 == 0:
            words[30:30] = words[10:30]  # twenty words written again
        transcript = " ".join(words)
        title = f"Letter {number + 1}, from the 1818 Frankenstein"
        record = ArchiveRecord(
            title=title,
            date=f"March {number + 1}, 1818",
            iso_date=None,
            citation=f'"{title}", Frankenstein (1818).',
            url=None,
            summary="The writer says that " + transcript.split(". ")[0] + ".",
            credits="Built for collate's tests from the Frankenstein Variorum's texts.",
            language="English",
            transcript_language="English",
            transcript=transcript + "\n",
            sha256="",
        )
        made.append((f"record-{number:05d}.txt", format_record(record)))
    return made


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve records built from Frankenstein, the seed record, a broken record and a project."""
    folder = tmp_path_factory.mktemp("archive")
    for name, text in records(12):
        (folder / name).write_text(text, encoding="utf-8")
    shutil.copy(RECORD, folder / "seed.txt")
    (folder / "broken.txt").write_text("a note with no sections at all\n", encoding="utf-8")
    shutil.copytree(WITNESSES, folder / "cable-project")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def invoke(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_items_are_records_and_projects_with_safe_unique_names(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(RECORD, tmp_path / "a" / "letter.txt")
    shutil.copy(RECORD, tmp_path / "b" / "letter.txt")
    shutil.copy(RECORD, tmp_path / "a" / "CON.txt")
    shutil.copy(RECORD, tmp_path / "a" / "..hidden..txt")
    shutil.copytree(WITNESSES, tmp_path / "a" / "project")
    (tmp_path / "a" / "notes.md").write_text("not a record", encoding="utf-8")
    items = find_items([tmp_path / "a", str(tmp_path / "b" / "*.txt")])
    assert sorted(i.kind for i in items) == ["project", "record", "record", "record", "record"]
    names = [i.name for i in items]
    assert len({n.casefold() for n in names}) == len(names)
    assert "_CON" in names and "project" in names
    assert all("/" not in n and not n.startswith(".") and ".." not in n for n in names)
    assert sum(n.startswith("letter") for n in names) == 2


def test_missing_sources_and_empty_patterns_are_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        find_items([tmp_path / "absent"])
    with pytest.raises(InputError, match="matches nothing"):
        find_items([str(tmp_path / "*.txt")])
    with pytest.raises(InputError, match="no records or projects"):
        run_batch([tmp_path], tmp_path / "out")


def test_a_record_survives_being_written_and_read_back() -> None:
    record = read_record(RECORD)
    assert parse_record(format_record(record), sha256=record.sha256) == record


def test_each_record_gets_the_reports_collate_run_would_write(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_batch([archive], out, workers=1)
    assert (result.done, result.skipped, result.failed) == (14, 0, 1)  # they add up to the 15
    lines = [json.loads(line) for line in (out / INDEX).read_text(encoding="utf-8").splitlines()]
    assert [line["name"] for line in lines] == sorted(line["name"] for line in lines)
    assert len(lines) == 15
    seed = next(line for line in lines if line["name"] == "seed")
    report = (out / seed["reports"]["json"]).read_text(encoding="utf-8")
    expected = collate.render(collate.collate(collate.load_record(archive / "seed.txt")), "json")
    assert report == expected.replace(str(archive / "seed.txt"), shown(archive / "seed.txt"))
    assert f'"path": "{shown(archive / "seed.txt")}"' in report and not shown(archive).startswith("/")
    assert seed["anomalies"] == len(json.loads(report)["anomalies"]) == sum(seed["kinds"].values())
    project = next(line for line in lines if line["kind"] == "project")
    assert project["status"] == "ok" and project["witnesses"] == ["cable", "summary"]
    for line in lines:
        if line["status"] == "ok":
            data = json.loads((out / line["reports"]["json"]).read_text(encoding="utf-8"))
            jsonschema.validate(data, collate.schema.apparatus_schema())
            assert line["max_confidence"] == max((a["confidence"] for a in data["anomalies"]), default=0.0)
            assert (out / line["reports"]["html"]).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_broken_record_is_listed_with_its_error_and_the_batch_goes_on(
    archive: Path, tmp_path: Path
) -> None:
    result = invoke("batch", archive, "-o", tmp_path / "out", "--workers", "2")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "broken.txt: the record has no 'Citation:' section" in result.stderr
    lines = [json.loads(line) for line in (tmp_path / "out" / INDEX).read_text(encoding="utf-8").splitlines()]
    broken = next(line for line in lines if line["name"] == "broken")
    assert broken["status"] == "error" and "Citation" in broken["error"]
    assert not (tmp_path / "out" / RECORDS / "broken" / "apparatus.json").exists()
    assert sum(line["status"] == "ok" for line in lines) == 14
    assert "15 records: 14 collated, 0 unchanged (skipped), 1 failed" in result.output


def test_an_unchanged_record_is_skipped_and_a_changed_one_redone(archive: Path, tmp_path: Path) -> None:
    source = tmp_path / "in"
    shutil.copytree(archive, source)
    out = tmp_path / "out"
    first = run_batch([source], out, workers=2)
    before = tree(out)
    again = run_batch([source], out, workers=2)
    assert (again.done, again.skipped, again.failed) == (0, 14, 1)  # the broken one: still broken
    assert tree(out) == before  # nothing rewritten, the index included
    record = source / "record-00004.txt"
    record.write_text(record.read_text(encoding="utf-8").replace("Letter 5", "Letter Five"), encoding="utf-8")
    (out / RECORDS / "record-00007" / "status.json").unlink()  # as if killed before it finished
    third = run_batch([source], out, workers=2)
    assert (third.done, third.skipped, third.failed) == (2, 12, 1)
    assert third.lines != first.lines
    changed = {line["name"]: line["hash"] for line in third.lines}
    assert changed["record-00004"] != {line["name"]: line["hash"] for line in first.lines}["record-00004"]
    assert tree(out)["records/record-00004/apparatus.json"] != before["records/record-00004/apparatus.json"]
    forced = run_batch([source], out, workers=1, force=True)
    assert (forced.done, forced.failed) == (14, 1)


def test_a_new_collate_version_redoes_every_record(archive: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    run_batch([archive / "seed.txt", archive / "record-00000.txt"], out, workers=1)
    monkeypatch.setattr(collate.batch, "__version__", "99.0")
    assert run_batch([archive / "seed.txt", archive / "record-00000.txt"], out, workers=1).done == 2


def test_progress_is_reported(archive: Path, tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    run_batch(
        [archive / "seed.txt", archive / "record-00001.txt"],
        tmp_path,
        workers=1,
        progress=lambda *a: calls.append(a),
    )
    assert calls == [("records", 0, 2), ("records", 1, 2), ("records", 2, 2)]


def test_the_same_reports_from_one_process_two_processes_and_a_dask_cluster(
    archive: Path, tmp_path: Path
) -> None:
    distributed = pytest.importorskip(
        "distributed", reason="Dask is an optional extra: pip install 'collate[dask]'"
    )
    run_batch([archive], tmp_path / "one", workers=1)
    run_batch([archive], tmp_path / "two", workers=2)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        result = invoke("batch", archive, "-o", tmp_path / "dask", "--scheduler", cluster.scheduler_address)
        assert result.exit_code == 1  # the broken record
        assert "14 collated" in result.output
        config = tmp_path / "batch.toml"
        config.write_text(f'[batch]\nscheduler = "{cluster.scheduler_address}"\n', encoding="utf-8")
        result = invoke("batch", archive, "-o", tmp_path / "dask-config", "--config", config, "--force")
        assert "14 collated" in result.output
    one = tree(tmp_path / "one")
    assert len(one) == 14 * 3 + 1 + 2  # reports and status of each, the broken one's status, the index
    assert tree(tmp_path / "two") == one
    assert tree(tmp_path / "dask") == one
    assert tree(tmp_path / "dask-config") == one


def test_an_unreachable_scheduler_is_a_clear_error(archive: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="Dask is an optional extra")
    result = invoke("batch", archive / "seed.txt", "-o", tmp_path, "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("address", "said"),
    [("nonsense", "missing port number"), ("tcp://no where", 'an address like "tcp://host:8786"')],
)
def test_an_address_that_is_no_address_is_a_clear_error(
    archive: Path, tmp_path: Path, address: str, said: str
) -> None:
    """On the command line (read by Dask) or in a --config file's [batch] table (checked first)."""
    pytest.importorskip("distributed", reason="Dask is an optional extra")
    config = tmp_path / "batch.toml"
    config.write_text(f'[batch]\nscheduler = "{address}"\n', encoding="utf-8")
    for args in (["--scheduler", address], ["--config", str(config)]):
        result = invoke("batch", archive / "seed.txt", "-o", tmp_path / "out", *args)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert result.stderr.startswith("collate: error: ") and "internal error" not in result.stderr
    assert said in result.stderr


def test_without_dask_a_scheduler_asks_for_the_extra(archive: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    with pytest.raises(ConfigError, match=r"pip install 'collate\[dask\]'"):
        run_batch([archive / "seed.txt"], tmp_path, scheduler="tcp://127.0.0.1:8786")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[batch]\nworkers = 0\n", "workers must be a whole number"),
        ("[batch]\nscheduler = 8786\n", "scheduler must be an address"),
        ('[batch]\nschedular = "tcp://x:1"\n', "unknown keys: schedular"),
        ("[batch\n", "not valid TOML"),
    ],
)
def test_a_bad_configuration_is_refused(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "batch.toml"
    config.write_text(content, encoding="utf-8")
    result = invoke("batch", RECORD, "-o", tmp_path / "out", "--config", config)
    assert result.exit_code == 1
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_overview_links_every_record_and_sorts(archive: Path, tmp_path: Path) -> None:
    result = run_batch([archive], tmp_path, workers=1)
    page = (tmp_path / OVERVIEW).read_text(encoding="utf-8")
    for line in result.lines:
        if line["status"] == "ok":
            assert f'href="{line["reports"]["html"]}"' in page
    assert "broken" in page and "Citation" in page
    assert page.count("<tr>") == len(result.lines) + 1


def test_a_record_with_windows_line_ends_is_read_in_a_batch_as_by_the_importer(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "record.txt").write_bytes(RECORD.read_bytes().replace(b"\n", b"\r\n"))
    result = run_batch([tmp_path / "in"], tmp_path / "out", workers=1)
    assert result.failed == 0
    crlf = read_record(tmp_path / "in" / "record.txt")
    assert (crlf.transcript, crlf.summary) == (read_record(RECORD).transcript, read_record(RECORD).summary)
    assert result.lines[0]["anomalies"] == len(collate.collate(collate.load_record(RECORD)).anomalies)


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="file names there are always Unicode")
def test_a_record_whose_file_name_is_not_utf8_is_collated_and_shown(tmp_path: Path) -> None:
    # The file system hands Python the undecodable byte as a lone surrogate, which no report
    # can hold: the batch wrote nothing and stopped on an internal error.
    (tmp_path / "in").mkdir()
    odd = Path(os.fsdecode(os.fsencode(tmp_path / "in") + b"/rec\xff.txt"))
    odd.write_bytes(RECORD.read_bytes())
    result = run_batch([tmp_path / "in"], tmp_path / "out", workers=1)
    assert result.failed == 0
    (line,) = result.lines
    assert line["path"].endswith("rec\ufffd.txt")
    index = (tmp_path / "out" / INDEX).read_text(encoding="utf-8")
    assert "rec\ufffd.txt" in index or "rec\\ufffd.txt" in index
