"""Every code example in README.md and docs/ runs as written, in order, and prints what the
page shows, so the documentation cannot drift.

Each page runs in a fresh folder that holds a copy of the repository's ``witnesses/`` and
``reports/`` (the pages are read from the top of a checkout), with ``collate`` on the PATH:

- ```console blocks: each ``$ command`` runs in a shell there; the lines after it are its
  output (stdout and stderr), exactly, except that a line ``...`` stands for any number of
  lines. A command must exit 0 unless the next one is ``$ echo $?``, whose output is the exit
  code the page expects of it (3 for a failing gate, say).
- ```pycon blocks are doctests (``>>>`` and the output), run in one namespace per page;
  ```python blocks run in that namespace too, and must print nothing (what a block prints
  belongs in a pycon block, where it is compared).
- ```sh blocks are commands a reader copies without output to compare: each must exit 0.
  Lines that install (``python3 -m venv``, ``pip install``) are not run here: the README's two
  are what CI itself runs on a clean clone, and an extra's needs the package index.
- ```toml, ```json and ```yaml blocks must parse. ```text blocks are prose, not code.
- A fence without one of these languages fails the test: nothing escapes.
"""

from __future__ import annotations

import contextlib
import doctest
import io
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
LANGUAGES = {"python", "pycon", "console", "sh", "toml", "json", "yaml", "text"}
SETUP = ("python3 -m venv", "pip install")
EXIT_CODE = "echo $?"


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
    last: tuple[str, int] | None = None
    for number, (command, expected) in enumerate(commands):
        if command == EXIT_CODE:
            assert last is not None, f"{where}: `echo $?` with no command before it"
            assert expected == [str(last[1])], f"{where}: `{last[0]}` exited {last[1]}, not {expected}"
            last = None
            continue
        done = shell(command, cwd)
        actual = [line.rstrip() for line in (done.stdout + done.stderr).splitlines()]
        assert matches(expected, actual), f"{where}: `{command}` printed:\n" + "\n".join(actual)
        shown = number + 1 < len(commands) and commands[number + 1][0] == EXIT_CODE
        assert shown or done.returncode == 0, (
            f"{where}: `{command}` exited {done.returncode}; the page must say so with `$ echo $?`"
        )
        last = (command, done.returncode)


def run_sh(body: str, cwd: Path, where: str) -> None:
    lines = [line.split(" #", 1)[0].strip() for line in body.splitlines()]
    for line in lines:
        if not line or line.startswith("#") or line.startswith(SETUP):
            continue
        done = shell(line, cwd)
        failed = f"{where}: `{line}` exited {done.returncode}:\n{done.stdout}{done.stderr}"
        assert done.returncode == 0, failed


def run_pycon(body: str, namespace: dict[str, object], where: str, path: Path, line: int) -> None:
    test = doctest.DocTestParser().get_doctest(body, namespace, where, str(path), line)
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=report.write, clear_globs=False)
    namespace.update(test.globs)  # a doctest runs in a copy: what it defines, later blocks use
    assert runner.failures == 0, f"{where}:\n{report.getvalue()}"
    assert test.examples, f"{where}: a pycon block without a >>> example"


def run_python(body: str, namespace: dict[str, object], where: str) -> None:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(body, where, "exec"), namespace)  # the documentation's own examples
    assert printed.getvalue() == "", (
        f"{where}: the block prints, but the page does not show it (make it a pycon block):\n"
        + printed.getvalue()
    )


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.relative_to(ROOT).as_posix() for p in DOCUMENTS])
def test_every_example_runs(path: Path, scratch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(scratch)
    namespace: dict[str, object] = {"__name__": "__doc_example__"}
    for lang, body, line in blocks(path):
        where = f"{path.name}:{line}"
        assert lang in LANGUAGES, f"{where}: a code block without a known language ({lang or 'none'})"
        if lang == "python":
            run_python(body, namespace, where)
        elif lang == "pycon":
            run_pycon(body, namespace, where, path, line)
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
    assert [lang for lang, _, _ in found[:3]] == ["sh", "sh", "pycon"]
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


def test_a_failing_command_must_show_its_exit_code(tmp_path: Path) -> None:
    """What let the edition tutorial's last `collate check` exit 3 unnoticed."""
    run_console("$ sh -c 'echo gate; exit 3'\ngate\n$ echo $?\n3\n", tmp_path, "page")
    with pytest.raises(AssertionError, match="exited 3; the page must say so"):
        run_console("$ sh -c 'echo gate; exit 3'\ngate\n", tmp_path, "page")
    with pytest.raises(AssertionError, match=r"exited 3, not \['0'\]"):
        run_console("$ sh -c 'exit 3'\n$ echo $?\n0\n", tmp_path, "page")
    with pytest.raises(AssertionError, match="printed"):
        run_console("$ echo one\ntwo\n", tmp_path, "page")
    with pytest.raises(AssertionError, match="exited 1"):
        run_sh("false\n", tmp_path, "page")


def test_python_examples_show_what_they_print(tmp_path: Path) -> None:
    namespace: dict[str, object] = {}
    run_pycon(">>> x = 2\n>>> x + 1\n3\n", namespace, "page", tmp_path / "page.md", 1)
    run_python("y = x * 2\n", namespace, "page")
    assert namespace["y"] == 4  # one namespace a page, doctests included
    with pytest.raises(AssertionError, match="Expected:"):
        run_pycon(">>> x + 1\n4\n", namespace, "page", tmp_path / "page.md", 1)
    with pytest.raises(AssertionError, match="make it a pycon block"):
        run_python("print(x)\n", namespace, "page")
