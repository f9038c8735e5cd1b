from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from collate.edition import find_manifest, import_record, load_witnesses, read_manifest, run_project
from collate.errors import ManifestError
from collate.model import Role

from conftest import RECORD, ROOT, WITNESSES


def seed_project(tmp_path: Path) -> Path:
    project = tmp_path / "edition"
    shutil.copytree(WITNESSES, project / "witnesses")
    return project


def test_the_checked_in_witnesses_are_what_the_importer_makes(tmp_path: Path) -> None:
    manifest = import_record(RECORD, tmp_path)
    for name in ("cable.txt", "summary.txt", "collate.toml", RECORD.name):
        assert (tmp_path / name).read_bytes() == (WITNESSES / name).read_bytes(), name
    assert manifest == tmp_path / "collate.toml"


def test_the_seed_manifest_names_roles_and_provenance() -> None:
    manifest = read_manifest(ROOT)
    assert manifest.path == WITNESSES / "collate.toml"
    assert [(e.siglum, e.file, e.role) for e in manifest.witnesses] == [
        ("cable", "cable.txt", Role.SOURCE),
        ("summary", "summary.txt", Role.SUMMARY),
    ]
    record = manifest.provenance["record"]
    assert record["url"] == "https://digitalarchive.umd.edu/document/123430"
    assert record["sha256"] == __import__("hashlib").sha256(RECORD.read_bytes()).hexdigest()
    assert manifest.provenance["project"]["iso_date"] == "1945-07-10"
    witnesses = load_witnesses(manifest)
    assert [w.path for w in witnesses] == ["witnesses/cable.txt", "witnesses/summary.txt"]


def test_import_refuses_to_overwrite_other_content(tmp_path: Path) -> None:
    (tmp_path / "cable.txt").write_text("an older transcript\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="exists with other content"):
        import_record(RECORD, tmp_path)
    assert (tmp_path / "cable.txt").read_text(encoding="utf-8") == "an older transcript\n"
    assert not (tmp_path / "collate.toml").exists()
    import_record(RECORD, tmp_path, force=True)
    assert (tmp_path / "cable.txt").read_text(encoding="utf-8").startswith("PARAPHRASE")


def test_import_with_a_chosen_siglum(tmp_path: Path) -> None:
    import_record(RECORD, tmp_path, siglum="navy")
    assert [e.siglum for e in read_manifest(tmp_path).witnesses] == ["navy", "summary"]


def test_find_manifest_explains_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"no collate\.toml here or in"):
        find_manifest(tmp_path)
    with pytest.raises(ManifestError, match="no such folder"):
        find_manifest(tmp_path / "absent")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[[witness\n", "not valid TOML"),
        ("title = 'x'\n", r"no \[\[witness\]\] entries"),
        ("[[witness]]\nfile = 'a.txt'\n", "'siglum'"),
        ("[[witness]]\nsiglum = 'A'\n", "'file'"),
        ("[[witness]]\nsiglum = 'A'\nfile = 'a.txt'\nrole = 'copy'\n", "role must be one of"),
        ("[[witness]]\nsiglum = 'A'\nfile = 'a.txt'\ncolour = 'red'\n", "unknown key"),
        (
            "[[witness]]\nsiglum = 'A'\nfile = 'a.txt'\n[[witness]]\nsiglum = 'A'\nfile = 'b.txt'\n",
            "duplicate siglum",
        ),
        ("[normalize]\npunctuation = 'drop'\n[[witness]]\nsiglum = 'A'\nfile = 'a.txt'\n", "punctuation"),
    ],
)
def test_bad_manifests_are_named(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "collate.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        read_manifest(tmp_path)


def test_run_writes_the_three_reports(tmp_path: Path) -> None:
    project = seed_project(tmp_path)
    written, apparatus = run_project(project)
    assert written == [project / "reports" / f"apparatus.{e}" for e in ("json", "html", "xml")]
    assert all(p.stat().st_size > 0 for p in written)
    assert [w.siglum for w in apparatus.witnesses] == ["cable", "summary"]


def test_a_failed_run_leaves_the_previous_reports_intact(tmp_path: Path) -> None:
    project = seed_project(tmp_path)
    run_project(project)
    before = {p.name: p.read_bytes() for p in (project / "reports").iterdir()}
    (project / "witnesses" / "cable.txt").write_bytes(b"\xff\xfe broken")
    with pytest.raises(Exception, match="not valid UTF-8"):
        run_project(project)
    after = {p.name: p.read_bytes() for p in (project / "reports").iterdir()}
    assert after == before


def test_witnesses_carry_what_the_manifest_says_of_them(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("the text\n", encoding="utf-8")
    (tmp_path / "collate.toml").write_text(
        '[project]\ntitle = "The work"\nurl = "https://example.org/work"\n'
        '[record]\nurl = "https://example.org/record"\ncitation = "Archive, box 3"\n'
        '[[witness]]\nsiglum = "A"\nfile = "a.txt"\ntitle = "First copy"\ndescription = "ink"\n',
        encoding="utf-8",
    )
    (witness,) = load_witnesses(read_manifest(tmp_path))
    assert witness.metadata == {
        "title": "The work",
        "url": "https://example.org/work",  # [project] before [record]
        "citation": "Archive, box 3",
        "label": "First copy",
        "description": "ink",
    }


def test_the_seed_witnesses_give_the_record_as_their_heading() -> None:
    cable, summary = load_witnesses(read_manifest(ROOT))
    assert cable.metadata["title"] == summary.metadata["title"]
    assert cable.metadata["url"].startswith("https://")
    assert cable.metadata["label"] != summary.metadata["label"]


def test_what_the_command_line_gives_goes_over_the_config_file(tmp_path: Path) -> None:
    """`settings_for`, the one place a command's options meet its --config file: an option
    given wins, one not given leaves the file's value, and the file's absence the defaults."""
    from collate.edition import settings_for

    config = tmp_path / "collate.toml"
    config.write_text(
        '[collation]\nrelation = "copies"\n[limits]\nmax_megabytes = 2\n'
        '[normalize]\ncasefold = false\n[normalize.regularize]\n"rail roads" = "railroads"\n',
        encoding="utf-8",
    )
    table = tmp_path / "forms.tsv"
    table.write_text("encreased\tincreased\n", encoding="utf-8")
    kept = settings_for(config)
    assert (kept.relation, kept.max_megabytes, kept.normalization.casefold) == ("copies", 2.0, False)
    over = settings_for(config, relation="independent", max_megabytes=5, casefold=True, regularize=table)
    assert (over.relation, over.max_megabytes, over.normalization.casefold) == ("independent", 5, True)
    assert over.normalization.regularize == {"rail roads": "railroads", "encreased": "increased"}
    assert settings_for() == settings_for(None)
    assert settings_for().relation == "" and settings_for().normalization.casefold is True
