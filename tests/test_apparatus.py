"""The seed's apparatus, end to end, against a regression fixture."""

from __future__ import annotations

import json

import pytest

from collate.aligner import tiling_errors
from collate.apparatus import build
from collate.edition import load_witnesses, read_manifest
from collate.errors import InputError
from collate.model import Role
from collate.readers import witness_from_text
from collate.report import render

from conftest import ROOT


def test_seed_json_apparatus(data_regression) -> None:
    witnesses = load_witnesses(read_manifest(ROOT))
    apparatus = build(witnesses)
    assert tiling_errors(apparatus.alignment, witnesses) == []
    data_regression.check(json.loads(render(apparatus, "json")))


def test_nothing_to_collate() -> None:
    with pytest.raises(InputError, match="no witnesses"):
        build([])
    with pytest.raises(InputError, match="every witness has the role 'summary'"):
        build([witness_from_text("S", "x", role=Role.SUMMARY)])
