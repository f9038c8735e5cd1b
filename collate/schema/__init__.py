"""JSON Schemas of what collate writes, shipped with the package.

>>> apparatus_schema()["properties"]["format"]
{'const': 1, 'description': 'Raised on every incompatible change.'}
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def apparatus_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON apparatus, format 1."""
    text = resources.files(__package__).joinpath("apparatus-1.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def anomalies_schema() -> dict[str, Any]:
    """The schema of `collate anomalies --format json`: the apparatus without ``units``."""
    schema = apparatus_schema()
    schema["required"] = [k for k in schema["required"] if k != "units"]
    del schema["properties"]["units"]
    schema["title"] = "collate anomalies, format 1"
    return schema


def collatex_table_schema() -> dict[str, Any]:
    """The schema of `collate align --format collatex-json`: CollateX's alignment table."""
    text = resources.files(__package__).joinpath("collatex-table.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
