"""Every JSON collate writes validates against the schema shipped in the package."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from collate.cli import main
from collate.schema import anomalies_schema, apparatus_schema, collatex_table_schema

from conftest import ROOT, WITNESSES, corpus


def validator(schema: dict) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def run(*args: str) -> dict:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_checked_in_report_validates() -> None:
    data = json.loads((ROOT / "reports" / "apparatus.json").read_text(encoding="utf-8"))
    validator(apparatus_schema()).validate(data)


def corpora_inputs() -> list[list[str]]:
    units = corpus("frankenstein-variorum", "text", "units", "C20")
    return [
        [str(corpus("collatex-darwin-para1", "darwin_chapter1_para1.json"))],
        [str(p) for p in sorted(units.glob("*.txt"))],
    ]


def test_align_json_validates_on_real_corpora() -> None:
    check = validator(apparatus_schema())
    for files in corpora_inputs():
        check.validate(run("align", *files, "--format", "json"))


def test_anomalies_json_validates() -> None:
    check = validator(anomalies_schema())
    check.validate(
        run(
            "anomalies",
            str(WITNESSES / "cable.txt"),
            "--summary",
            str(WITNESSES / "summary.txt"),
            "--format",
            "json",
        )
    )
    check.validate(run("anomalies", *corpora_inputs()[1], "--format", "json"))


def test_collatex_json_validates() -> None:
    check = validator(collatex_table_schema())
    for files in corpora_inputs()[:2]:
        check.validate(run("align", *files, "--format", "collatex-json"))


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.update(format=2),
        lambda d: d["units"][0].update(variant="yes"),
        lambda d: d["witnesses"][0].update(sha256="xyz"),
        lambda d: d["anomalies"][0].update(kind="typo"),
        lambda d: d["anomalies"][0].update(confidence=1.5),
        lambda d: d.update(extra=True),
    ],
)
def test_the_schema_rejects_what_breaks_the_contract(breakage) -> None:
    data = json.loads((ROOT / "reports" / "apparatus.json").read_text(encoding="utf-8"))
    breakage(data)
    with pytest.raises(jsonschema.ValidationError):
        validator(apparatus_schema()).validate(data)


def test_schemas_ship_inside_the_package() -> None:
    import collate.schema

    folder = Path(collate.schema.__file__).parent
    assert (folder / "apparatus-1.schema.json").is_file()
    assert (folder / "collatex-table.schema.json").is_file()
