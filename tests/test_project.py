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


def test_importing_collate_is_light() -> None:
    import subprocess
    import sys

    probe = (
        "import sys, collate\n"
        "heavy = ('collatex', 'networkx', 'numpy', 'rapidfuzz', 'click', 'snowballstemmer', 'defusedxml')\n"
        "print(' '.join(m for m in heavy if m in sys.modules))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == ""


def test_the_public_api_is_named_in_all_and_nowhere_else() -> None:
    import collate

    assert len(collate.__all__) == len(set(collate.__all__))
    for name in collate.__all__:
        assert hasattr(collate, name), name
    public = {n for n in dir(collate) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(collate, n)).__name__ == "module"}
    assert public - set(collate.__all__) - modules == set()


def test_the_api_functions_take_options_by_keyword_only() -> None:
    import inspect

    import collate

    for name in ("witness", "load", "collate", "align", "detect", "write", "load_record"):
        parameters = inspect.signature(getattr(collate, name)).parameters.values()
        optional = [
            p for p in parameters if p.default is not inspect.Parameter.empty and p.name != "alignment"
        ]
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in optional), name
