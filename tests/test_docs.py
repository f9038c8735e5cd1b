"""Every code example in README.md and docs/ runs, so the documentation cannot drift.

- ```python blocks run, in order, in one namespace per file, in a scratch copy of the
  project (its witnesses and reports), as a reader would run them there.
- ```console blocks: each ``$ command`` runs in a shell in that copy, with ``collate`` on the
  PATH; the lines after it are its expected output (stdout and stderr), exactly, except that a
  line ``...`` stands for any number of lines.
- ```sh blocks are commands a reader copies: each line runs (comments aside) and must not fail
  with exit 1 or 2; the install commands of the README's opening are what CI itself runs, so
  they are only checked to be there.
- ```toml, ```json and ```yaml blocks must parse. ```text blocks are prose, not code.
- A fence without one of these languages fails the test: nothing escapes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(?P<lang>[\w-]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
LANGUAGES = {"python", "console", "sh", "toml", "json", "yaml", "text"}
SETUP = ("python3 -m venv",)


def blocks(path: Path) -> list[tuple[str, str, int]]:
    text = path.read_text(encoding="utf-8")
    return [
        (m.group("lang"), m.group("body"), text.count("\n", 0, m.start()) + 1) for m in FENCE.finditer(text)
    ]


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    for folder in ("witnesses", "reports"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("COLLATE_DEBUG", None)
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def matches(expected: list[str], actual: list[str]) -> bool:
    """Exact equality, or, with ``...`` lines, the other lines in order with gaps allowed."""
    if "..." not in expected:
        return expected == actual
    position = 0
    for line in expected:
        if line == "...":
            continue
        while position < len(actual) and actual[position] != line:
            position += 1
        if position == len(actual):
            return False
        position += 1
    return True


def run_console(body: str, cwd: Path, where: str) -> None:
    commands: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], []))
        elif commands:
            commands[-1][1].append(line.rstrip())
        else:
            raise AssertionError(f"{where}: console output before any command")
    for command, expected in commands:
        done = shell(command, cwd)
        actual = [line.rstrip() for line in (done.stdout + done.stderr).splitlines()]
        assert matches(expected, actual), f"{where}: `{command}` printed:\n" + "\n".join(actual)


def run_sh(body: str, cwd: Path, where: str) -> None:
    lines = [line.split(" #", 1)[0].strip() for line in body.splitlines()]
    for line in lines:
        if not line or line.startswith("#") or line.startswith(SETUP) or line.startswith("pip install"):
            continue
        done = shell(line, cwd)
        assert done.returncode not in (1, 2), f"{where}: `{line}` failed:\n{done.stdout}{done.stderr}"


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.relative_to(ROOT).as_posix() for p in DOCUMENTS])
def test_every_example_runs(path: Path, scratch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(scratch)
    namespace: dict[str, object] = {"__name__": "__doc_example__"}
    for lang, body, line in blocks(path):
        where = f"{path.name}:{line}"
        assert lang in LANGUAGES, f"{where}: a code block without a known language ({lang or 'none'})"
        if lang == "python":
            exec(compile(body, where, "exec"), namespace)  # the documentation's own examples
        elif lang == "console":
            run_console(body, scratch, where)
        elif lang == "sh":
            run_sh(body, scratch, where)
        elif lang == "toml":
            tomllib.loads(body)
        elif lang == "json":
            json.loads(body)
        elif lang == "yaml":
            yaml.safe_load(body)


def test_the_readme_opens_with_the_two_commands_then_python() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = blocks(ROOT / "README.md")
    assert [lang for lang, _, _ in found[:3]] == ["sh", "sh", "python"]
    assert found[0][1].strip().endswith("collate run") and "pytest" in found[1][1]
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings[0] == "Python"
    assert text.index("## Python") < text.index("docs/")


def test_the_documentation_covers_every_command_kind_and_key() -> None:
    from click.testing import CliRunner

    from collate.cli import main
    from collate.model import AnomalyKind

    reference = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"collate {name}" in reference, name
        for parameter in command.params:
            for option in getattr(parameter, "opts", []):
                if option.startswith("-"):
                    assert option in reference, f"{name} {option}"
    for kind in AnomalyKind:
        assert f"`{kind.value}`" in reference, kind.value
    for key in (
        "casefold",
        "unicode_form",
        "punctuation",
        "editorial",
        "regularize",
        "threshold",
        "max_megabytes",
        "siglum",
        "role",
        "encoding",
        "exemplar",
        "relation",
        "scheduler",
        "workers",
    ):
        assert f"`{key}`" in reference, key
    for code in ("0", "1", "2", "3"):
        assert f"| {code} |" in reference
    assert CliRunner().invoke(main, ["--help"]).exit_code == 0
