"""The declarative tables of collate.toml and corrections.toml: what they refuse, and the JSON
Schemas made from them, shipped with the package and kept equal to the tables."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

import collate.schema
from collate.config import (
    BATCH,
    CHECK,
    COLLATION,
    CORRECTION,
    NORMALIZE,
    SCHEMAS,
    WITNESS,
    checked,
    schema_text,
)
from collate.errors import ManifestError

from conftest import ROOT

SHIPPED = Path(collate.schema.__file__).parent


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_shipped_schemas_are_those_the_tables_make(name: str) -> None:
    """After a table changes: python -c "from collate.config import write_schemas; write_schemas()"."""
    assert (SHIPPED / name).read_text(encoding="utf-8") == schema_text(name)


def manifest_schema() -> dict[str, object]:
    return json.loads((SHIPPED / "collate-toml.schema.json").read_text(encoding="utf-8"))


def test_the_bundled_manifest_and_corrections_are_valid() -> None:
    manifest = tomllib.loads((ROOT / "witnesses" / "collate.toml").read_text(encoding="utf-8"))
    jsonschema.validate(manifest, manifest_schema())
    corrections = tomllib.loads((ROOT / "witnesses" / "corrections.toml").read_text(encoding="utf-8"))
    schema = json.loads((SHIPPED / "corrections-toml.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(corrections, schema)
    assert corrections["correction"]  # the seed's corrections are there to be checked


@pytest.mark.parametrize(
    ("table", "value", "message"),
    [
        (
            WITNESS,
            {"siglum": "A", "file": "a.txt", "role": "copy"},
            "role must be one of source, witness, summary",
        ),
        (WITNESS, {"siglum": "A"}, "missing 'file'"),
        (WITNESS, {"siglum": "A", "file": "a.txt", "colour": "red"}, "unknown keys: colour"),
        (WITNESS, {"siglum": "<b>", "file": "a.txt"}, "siglum '<b>'"),
        (CHECK, {"threshold": 2}, "[check] threshold must be a number from 0 to 1, not 2"),
        (CHECK, {"threshold": True}, "threshold must be a number from 0 to 1"),
        (BATCH, {"workers": 0}, "workers must be a whole number, 1 or more"),
        (
            CORRECTION,
            {"id": "1", "witness": "A", "kind": "omission", "status": "accepted", "reading": "x"},
            "must start with a letter",
        ),
        (
            CORRECTION,
            {"id": "c1", "witness": "A", "kind": ["omission", 3], "status": "accepted", "reading": "x"},
            "kind must be a string or an array of strings",
        ),
    ],
)
def test_a_bad_value_is_refused_with_its_key_and_what_it_must_be(table, value, message) -> None:
    with pytest.raises(ManifestError) as refused:
        checked(table, value, "collate.toml")
    assert message in str(refused.value)


def test_the_schema_refuses_what_the_table_refuses() -> None:
    """The same bad manifests fail the schema too (an editor's own validator sees them)."""
    schema = manifest_schema()
    good = {"witness": [{"siglum": "A", "file": "a.txt"}], "check": {"threshold": 0.5}}
    jsonschema.validate(good, schema)
    for bad in (
        {"witness": [{"siglum": "A", "file": "a.txt", "role": "copy"}]},
        {"witness": [{"siglum": "A"}]},
        {"witness": []},
        {"witness": [{"siglum": "A", "file": "a.txt"}], "check": {"threshold": 2}},
        {"witness": [{"siglum": "A", "file": "a.txt"}], "batch": {"workers": 0}},
        {"witness": [{"siglum": "A", "file": "a.txt"}], "collation": {"relation": "cousins"}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
    # provenance tables are free
    jsonschema.validate({**good, "project": {"title": "x", "anything": 1}}, schema)


def test_a_bad_entry_of_a_long_table_is_named_and_the_message_stays_short() -> None:
    table = {f"form{n}": f"other{n}" for n in range(20_000)} | {"bad": 1}
    with pytest.raises(ManifestError) as refused:
        checked(NORMALIZE, {"regularize": table}, "reg.toml")
    message = str(refused.value)
    assert "'bad' must be a string, not 1" in message and len(message) < 200


def test_an_empty_relation_means_inferred_as_before() -> None:
    assert "relation" not in checked(COLLATION, {"relation": ""}, "collate.toml")
    with pytest.raises(ManifestError, match="relation must be one of copies, revisions, independent"):
        checked(COLLATION, {"relation": "cousins"}, "collate.toml")


def test_the_reference_describes_every_key_of_the_tables() -> None:
    from collate.config import CORRECTIONS, MANIFEST

    reference = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    for table in (*MANIFEST, *CORRECTIONS):
        for key in table.keys:
            assert f"`{key.name}`" in reference, (table.name, key.name)
