"""The project's own promises: the README's commands and what CI runs."""

from __future__ import annotations

import re

from conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_opens_with_the_run_and_the_test_command() -> None:
    run, test = readme_commands()[:2]
    assert run.endswith("collate run")
    assert "pytest" in test


def test_ci_runs_the_readme_test_command_exactly() -> None:
    test = readme_commands()[1]
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in lines
