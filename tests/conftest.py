"""Shared paths and fixtures.

The real corpora live beside the repository in ``../shared/corpora`` (CI lays them there);
tests that read them are marked ``corpus`` and skipped, with the reason, where they are absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WITNESSES = ROOT / "witnesses"
RECORD = WITNESSES / "000_336ee8d35a94a445.txt"
CORPORA = Path(os.environ.get("COLLATE_CORPORA", ROOT.parent / "shared" / "corpora"))


def corpus(*parts: str) -> Path:
    """A path inside the shared corpora; skips the calling test where it is absent."""
    path = CORPORA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"corpus not found: {path} (set COLLATE_CORPORA to its folder)")
    return path


@pytest.fixture
def cable_text() -> str:
    return (WITNESSES / "cable.txt").read_text(encoding="utf-8")
