"""A project reads only its own files and writes only into its own folders: every route out
(relative escape, absolute path, symbolic link, symbolic-linked folder, hostile siglum, hostile
record name) is refused with exit 1 before anything is read, and no report holds a file planted
outside the project. Also the resource limits of every input path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

import collate
import collate.schema
from collate.cli import main
from collate.config import MAX_NESTING
from collate.errors import CollateError, InputError, ManifestError
from collate.model import siglum_problem
from collate.paths import file_stem
from collate.readers import MAX_WITNESSES, MAX_XML_DEPTH, witness_from_text

from conftest import RECORD, WITNESSES

SECRET = "TOKEN-5f1c9e-do-not-publish"


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the seed project, and beside it (outside it) a folder with a secret file."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"The key is {SECRET} and must stay here.\n", encoding="utf-8")
    project = tmp_path / "project"
    shutil.copytree(WITNESSES, project / "witnesses")
    return project, outside


def set_file(project: Path, siglum: str, file: str) -> None:
    manifest = project / "witnesses" / "collate.toml"
    text = manifest.read_text(encoding="utf-8")
    old = f'siglum = "{siglum}"\nfile = "{siglum}.txt"'
    assert old in text
    manifest.write_text(text.replace(old, f"siglum = {json.dumps(siglum)}\nfile = {json.dumps(file)}"))


def nothing_published(project: Path, *outputs: str) -> None:
    """The secret is in no file of the project, and in no output of the run."""
    for path in project.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path
    for output in outputs:
        assert SECRET not in output


def refused(result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stderr.startswith("collate: error: ")
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


ESCAPES = {
    "relative escape": lambda project, outside: set_file(project, "cable", "../../outside/secret.txt"),
    "absolute path": lambda project, outside: set_file(project, "cable", str(outside / "secret.txt")),
    "symlink out": lambda project, outside: (
        (project / "witnesses" / "cable.txt").unlink(),
        (project / "witnesses" / "cable.txt").symlink_to(outside / "secret.txt"),
    ),
    "symlinked folder": lambda project, outside: (
        (project / "witnesses" / "texts").symlink_to(outside, target_is_directory=True),
        set_file(project, "cable", "texts/secret.txt"),
    ),
    "record file": lambda project, outside: (project / "witnesses" / "collate.toml").write_text(
        (project / "witnesses" / "collate.toml")
        .read_text(encoding="utf-8")
        .replace('file = "000_336ee8d35a94a445.txt"', 'file = "../../outside/secret.txt"'),
        encoding="utf-8",
    ),
    "corrections symlink": lambda project, outside: (
        (project / "witnesses" / "corrections.toml").unlink(),
        (project / "witnesses" / "corrections.toml").symlink_to(outside / "secret.txt"),
    ),
}


@pytest.mark.parametrize("command", ["run", "check", "apply"])
@pytest.mark.parametrize("route", sorted(ESCAPES))
def test_every_route_out_is_refused_before_reading(
    layout: tuple[Path, Path], route: str, command: str
) -> None:
    project, outside = layout
    ESCAPES[route](project, outside)
    result = invoke(command, project)
    refused(result, "outside the project folder", "--allow-read")
    assert not (project / "reports").exists()
    assert not (project / "edition").exists()
    nothing_published(project, result.output)


def test_the_message_names_the_path_and_the_link(layout: tuple[Path, Path]) -> None:
    project, outside = layout
    ESCAPES["symlinked folder"](project, outside)
    result = invoke("run", project)
    refused(result, "witness 1 (cable): file 'texts/secret.txt'", "symbolic link", str(project.resolve()))


def test_a_manifest_in_a_folder_linked_from_outside_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(WITNESSES, elsewhere)
    project = tmp_path / "project"
    project.mkdir()
    (project / "witnesses").symlink_to(elsewhere, target_is_directory=True)
    refused(invoke("run", project), "the manifest", "outside the project folder")
    assert not (project / "reports").exists()


def test_a_reports_folder_linked_outside_is_never_written(layout: tuple[Path, Path]) -> None:
    project, outside = layout
    (project / "reports").symlink_to(outside, target_is_directory=True)
    refused(invoke("run", project), "reports", "outside the project folder")
    assert sorted(p.name for p in outside.iterdir()) == ["secret.txt"]


def test_a_report_file_linked_outside_is_never_read(layout: tuple[Path, Path]) -> None:
    project, outside = layout
    assert invoke("run", project).exit_code == 0
    report = project / "reports" / "apparatus.json"
    report.unlink()
    report.symlink_to(outside / "secret.txt")
    result = invoke("check", project)
    refused(result, "apparatus.json", "outside the project folder")
    nothing_published(project, result.output)


def test_an_edition_folder_linked_outside_is_never_written(layout: tuple[Path, Path]) -> None:
    project, outside = layout
    (project / "edition").symlink_to(outside, target_is_directory=True)
    refused(invoke("apply", project), "edition", "outside the project folder")
    assert sorted(p.name for p in outside.iterdir()) == ["secret.txt"]


def test_allow_read_is_the_one_way_out_and_it_is_explicit(layout: tuple[Path, Path]) -> None:
    project, outside = layout
    shutil.copy(WITNESSES / "cable.txt", outside / "cable.txt")
    set_file(project, "cable", "../../outside/cable.txt")
    refused(invoke("run", project), "outside the project folder")
    result = invoke("run", project, "--allow-read", outside)
    assert result.exit_code == 0, result.output
    assert invoke("check", project, "--allow-read", outside).exit_code == 0
    witnesses = collate.load_project(project, allow_read=[outside])
    assert witnesses[0].text == (WITNESSES / "cable.txt").read_text(encoding="utf-8")
    with pytest.raises(ManifestError, match="outside the project folder"):
        collate.load_project(project)
    # a folder allowed for one purpose does not open another
    set_file(project, "summary", "../../outside/secret.txt")
    refused(invoke("run", project, "--allow-read", project / "witnesses"), "outside the project folder")


def test_links_and_dot_dot_that_stay_inside_still_work(layout: tuple[Path, Path]) -> None:
    project, _ = layout
    (project / "texts").mkdir()
    shutil.move(project / "witnesses" / "cable.txt", project / "texts" / "cable.txt")
    (project / "witnesses" / "cable.txt").symlink_to(project / "texts" / "cable.txt")
    set_file(project, "summary", "../witnesses/summary.txt")
    result = invoke("run", project)
    assert result.exit_code == 0, result.output
    assert invoke("check", project).exit_code == 0
    ours = json.loads((project / "reports" / "apparatus.json").read_text(encoding="utf-8"))
    seed = json.loads((WITNESSES.parent / "reports" / "apparatus.json").read_text(encoding="utf-8"))
    assert [w["sha256"] for w in ours["witnesses"]] == [w["sha256"] for w in seed["witnesses"]]
    assert ours["anomalies"] == seed["anomalies"]


# --- sigla ----------------------------------------------------------------------------------

HOSTILE_SIGLA = [
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "/etc/passwd",
    "a b",
    "tab\there",
    "nul\x00byte",
    'quote"d',
    "semi;colon",
    "back\\slash",
    "",
    "...",
    "x" * 65,
]


@pytest.mark.parametrize("siglum", HOSTILE_SIGLA)
def test_hostile_sigla_are_refused_where_witnesses_are_made(siglum: str) -> None:
    with pytest.raises(InputError, match="siglum"):
        witness_from_text(siglum, "some text")
    with pytest.raises(InputError, match=r'siglum|"id"'):
        collate.from_collatex(
            {"witnesses": [{"id": siglum or " ", "content": "a"}, {"id": "B", "content": "b"}]}
        )


@pytest.mark.parametrize("siglum", ["<script>alert(1)</script>", "../x", "a b", "C:evil"])
def test_a_hostile_siglum_in_a_manifest_is_refused(layout: tuple[Path, Path], siglum: str) -> None:
    project, _ = layout
    manifest = project / "witnesses" / "collate.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('siglum = "cable"', f"siglum = {json.dumps(siglum)}"),
        encoding="utf-8",
    )
    refused(invoke("run", project), "witness 1", "siglum", "not allowed")
    assert not (project / "reports").exists()


@pytest.mark.parametrize("siglum", ["cable", "1818", "MS-c58", "Ψ.1", "fMS_c56", "κ", "क्ष", "P66"])
def test_sigla_of_any_script_are_accepted(siglum: str) -> None:
    assert siglum_problem(siglum) is None
    assert witness_from_text(siglum, "text").siglum == siglum


def test_a_file_name_that_is_no_siglum_gives_one(tmp_path: Path) -> None:
    a = tmp_path / "MS c57 (copy).txt"
    a.write_text("the black cat\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("the cat\n", encoding="utf-8")
    result = invoke("align", a, b, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [w["siglum"] for w in json.loads(result.output)["witnesses"]] == ["MS_c57_copy", "b"]


def test_tei_ids_stay_unique_and_valid_whatever_the_sigla() -> None:
    sigla = ["1818", "w1818", "a1", "app-u1", "x-c1", "x", "Ψ"]
    witnesses = [
        witness_from_text(s, f"the {'black ' if i % 2 else ''}cat sat {i}") for i, s in enumerate(sigla)
    ]
    witnesses.append(witness_from_text("summary", "The cat sat.", role="summary"))
    document = etree.fromstring(collate.render(collate.collate(witnesses), "tei").encode("utf-8"))
    ids = document.xpath("//@xml:id")
    assert len(ids) == len(set(ids))
    listed = document.xpath(
        "//tei:listWit/tei:witness/@xml:id", namespaces={"tei": "http://www.tei-c.org/ns/1.0"}
    )
    assert len(listed) == len(sigla) + 1
    references = {r.lstrip("#") for wit in document.xpath("//@wit") for r in wit.split()}
    assert references <= set(listed)
    rng = etree.RelaxNG(etree.parse(str(Path(collate.schema.__file__).parent / "tei-apparatus.rng")))
    assert rng.validate(document), rng.error_log


# --- outputs named after sigla and records --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("cable", "cable"),
        ("../../etc/passwd", "etc_passwd"),
        ("/abs/path", "abs_path"),
        ("NUL", "_NUL"),
        ("con", "_con"),
        ("COM1.tar", "_COM1.tar"),
        ("lpt9", "_lpt9"),
        (".hidden", "hidden"),
        ("a\x00b", "a_b"),
        ("..", "witness"),
    ],
)
def test_file_names_from_names_stay_in_their_folder(name: str, stem: str) -> None:
    assert file_stem(name) == stem
    assert "/" not in stem and "\\" not in stem and stem not in (".", "..")


def test_a_device_name_siglum_writes_a_safe_file(layout: tuple[Path, Path]) -> None:
    project, _ = layout
    manifest = project / "witnesses" / "collate.toml"
    text = manifest.read_text(encoding="utf-8").replace('siglum = "cable"', 'siglum = "NUL"')
    manifest.write_text(text, encoding="utf-8")
    (project / "witnesses" / "corrections.toml").unlink()
    result = invoke("apply", project)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "edition").iterdir()) == [
        "_NUL.txt",
        "_NUL.xml",
        "summary.txt",
        "summary.xml",
    ]


def test_sigla_that_differ_only_in_case_are_refused_as_file_names(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (project / "a.txt").write_text("the black cat\n", encoding="utf-8")
    (project / "b.txt").write_text("the cat\n", encoding="utf-8")
    (project / "collate.toml").write_text(
        '[[witness]]\nsiglum = "A"\nfile = "a.txt"\n[[witness]]\nsiglum = "a"\nfile = "b.txt"\n',
        encoding="utf-8",
    )
    refused(invoke("apply", project), "'A' and 'a'", "ignore case")
    assert not (project / "edition").exists()


HOSTILE_TITLES = ["../../../outside/evil, 1945", "/etc/passwd", "CON, a cable", "<b>x</b>", "..\\..\\win"]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_a_hostile_record_name_writes_only_into_the_output_folder(tmp_path: Path, title: str) -> None:
    text = RECORD.read_text(encoding="utf-8")
    _, rest = text.split("\n", 1)
    original_title = next(line for line in rest.splitlines() if line.strip())
    record = tmp_path / "in" / "record.txt"
    record.parent.mkdir()
    record.write_text(text.replace(original_title, title, 1), encoding="utf-8")
    out = tmp_path / "deep" / "out"
    result = invoke("import-record", record, "-o", out)
    assert result.exit_code == 0, result.output
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert all(p.parent in (out, record.parent) for p in written), written
    assert not any(p.stem.split(".")[0].upper() == "CON" for p in written)
    assert invoke("run", out).exit_code == 0


def test_a_hostile_siglum_for_a_record_is_refused(tmp_path: Path) -> None:
    refused(
        invoke("import-record", RECORD, "-o", tmp_path / "out", "--siglum", "../evil"),
        "--siglum",
        "not allowed",
    )
    assert not (tmp_path / "out").exists()


# --- resource limits ------------------------------------------------------------------------


def test_a_manifest_over_the_size_limit_is_refused(layout: tuple[Path, Path]) -> None:
    project, _ = layout
    manifest = project / "witnesses" / "collate.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + "# " + "x" * 4_100_000 + "\n", encoding="utf-8"
    )
    refused(invoke("run", project), "collate.toml", "over the limit of 4 MB for a manifest")


@pytest.mark.parametrize("depth", [MAX_NESTING + 5, 100_000])
def test_a_manifest_nested_too_deep_is_refused(layout: tuple[Path, Path], depth: int) -> None:
    project, _ = layout
    manifest = project / "witnesses" / "collate.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + "[extra]\nx = " + "[" * depth + "]" * depth + "\n",
        encoding="utf-8",
    )
    refused(invoke("run", project), "collate.toml", "nested", f"at most {MAX_NESTING} levels")


def test_corrections_nested_too_deep_are_refused(layout: tuple[Path, Path]) -> None:
    project, _ = layout
    corrections = project / "witnesses" / "corrections.toml"
    corrections.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    refused(invoke("check", project), "corrections.toml", "nested")


@pytest.mark.parametrize("depth", [MAX_NESTING + 5, 100_000])
def test_collatex_json_nested_too_deep_is_refused(tmp_path: Path, depth: int) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text(
        '{"witnesses": [{"id": "A", "content": "a"}, {"id": "B", "tokens": [{"t": "b", "x": '
        + "[" * depth
        + "]" * depth
        + "}]}]}",
        encoding="utf-8",
    )
    refused(invoke("align", deep), "deep.json", "nested")


def test_too_many_witnesses_are_refused(tmp_path: Path) -> None:
    many = tmp_path / "many.json"
    many.write_text(
        json.dumps({"witnesses": [{"id": f"W{i}", "content": "a"} for i in range(MAX_WITNESSES + 1)]}),
        encoding="utf-8",
    )
    refused(invoke("align", many), "many.json", f"at most {MAX_WITNESSES:,}")
    project = tmp_path / "p"
    project.mkdir()
    (project / "a.txt").write_text("a\n", encoding="utf-8")
    (project / "collate.toml").write_text(
        "".join(f'[[witness]]\nsiglum = "W{i}"\nfile = "a.txt"\n' for i in range(MAX_WITNESSES + 1)),
        encoding="utf-8",
    )
    refused(invoke("run", project), "collate.toml", f"at most {MAX_WITNESSES:,}")


def test_tei_nested_past_the_limit_is_refused_and_within_it_read(tmp_path: Path) -> None:
    def tei(depth: int) -> bytes:
        return (
            b"<TEI><text><body>" + b"<hi>" * depth + b"deep text" + b"</hi>" * depth + b"</body></text></TEI>"
        )

    (tmp_path / "ok.xml").write_bytes(tei(MAX_XML_DEPTH - 10))
    assert collate.load(tmp_path / "ok.xml")[0].text == "deep text\n"
    (tmp_path / "deep.xml").write_bytes(tei(MAX_XML_DEPTH + 1))
    with pytest.raises(CollateError, match=f"over {MAX_XML_DEPTH} levels"):
        collate.load(tmp_path / "deep.xml")


def test_a_correction_id_that_is_no_xml_name_is_refused(layout: tuple[Path, Path]) -> None:
    project, _ = layout
    corrections = project / "witnesses" / "corrections.toml"
    corrections.write_text(
        corrections.read_text(encoding="utf-8").replace('id = "c1"', 'id = "1 <x>"', 1), encoding="utf-8"
    )
    refused(invoke("check", project), "corrections.toml", "id '1 <x>'")
