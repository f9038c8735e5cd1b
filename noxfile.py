"""Development sessions: `nox` runs tests, lint and typecheck; `nox -s bench` runs benchmarks.

Every session installs the project from `pyproject.toml` and passes extra arguments through
(`nox -s tests -- -k align`).
"""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typecheck"]
nox.options.reuse_existing_virtualenvs = True

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHON = "3.11"


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (unit, property, regression and CLI tests) with pytest."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Check style and common bugs with ruff."""
    session.install("ruff")
    session.run("ruff", "check", "collate", "tests", "benchmarks", "noxfile.py", *session.posargs)


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """Type-check the package with mypy --strict."""
    session.install("-e", ".", "mypy")
    session.run("mypy", "--strict", "collate", *session.posargs)


@nox.session(python=PYTHON, default=False)
def bench(session: nox.Session) -> None:
    """Run the benchmarks in benchmarks/ and print their figures (not run by default)."""
    # diff-match-patch: the minimal edit script the aligner is measured against
    session.install("-e", ".", "diff-match-patch>=20230430")
    session.run("python", "benchmarks/run.py", *session.posargs)


@nox.session(python=PYTHON, default=False)
def screenshot(session: nox.Session) -> None:
    """Retake docs/report.png from reports/apparatus.html (needs Debian's chromium)."""
    session.install("-e", ".[test]")
    session.run("collate", "run")
    session.run("python", "docs/screenshot.py")
