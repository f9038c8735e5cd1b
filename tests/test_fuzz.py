"""A bounded fuzz run of the loaders: whatever bytes or data they are given, they return
witnesses or raise a `CollateError`; never another exception, never a hang.

The number of examples is ``COLLATE_FUZZ_EXAMPLES`` (60 by default; CI runs more).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collate.errors import CollateError
from collate.readers import decode, load_paths, parse_record, tei_text, witnesses_from_collatex

from conftest import RECORD

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("COLLATE_FUZZ_EXAMPLES", "60"))
fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "content", "tokens", "t", "n", "witnesses", "x"]), children, max_size=4
        )
    ),
    max_leaves=20,
)


def either(call) -> None:
    with contextlib.suppress(CollateError):
        call()


@fuzz
@given(st.binary(max_size=300))
def test_decoding_any_bytes(data: bytes) -> None:
    either(lambda: decode(data, name="fuzz.txt"))


@fuzz
@given(json_values)
def test_collatex_json_of_any_shape(data: object) -> None:
    either(
        lambda: witnesses_from_collatex(
            {"witnesses": data} if not isinstance(data, dict) else data, name="fuzz.json"
        )
    )


@fuzz
@given(st.binary(max_size=400))
def test_tei_from_any_bytes(data: bytes) -> None:
    either(lambda: tei_text(data, name="fuzz.xml"))


TEI = (
    b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>a <choice><sic>b</sic><corr>c</corr>'
    b"</choice> <del>d</del><add>e</add></p></body></text></TEI>"
)


@fuzz
@given(st.integers(0, len(TEI)), st.integers(0, len(TEI)), st.binary(max_size=12))
def test_tei_cut_and_spliced(start: int, end: int, insert: bytes) -> None:
    start, end = sorted((start, end))
    either(lambda: tei_text(TEI[:start] + insert + TEI[end:], name="fuzz.xml"))


@fuzz
@given(st.integers(0, 3000), st.integers(0, 3000), st.text(max_size=30))
def test_archive_records_cut_and_spliced(start: int, end: int, insert: str) -> None:
    text = RECORD.read_text(encoding="utf-8")
    start, end = sorted((start, end))
    either(lambda: parse_record(text[:start] + insert + text[end:], name="fuzz-record.txt"))


@fuzz
@given(
    st.lists(
        st.tuples(st.sampled_from([".txt", ".json", ".xml"]), st.binary(max_size=120)), min_size=1, max_size=3
    )
)
def test_files_of_any_kind(tmp_path_factory: pytest.TempPathFactory, files: list[tuple[str, bytes]]) -> None:
    folder = Path(tmp_path_factory.mktemp("fuzz"))
    paths = []
    for number, (suffix, data) in enumerate(files):
        path = folder / f"w{number}{suffix}"
        path.write_bytes(data)
        paths.append(path)
    either(lambda: load_paths(paths))


def test_the_fuzz_run_really_runs_examples() -> None:
    seen = []

    @settings(max_examples=EXAMPLES, deadline=None)
    @given(st.binary(max_size=50))
    def probe(data: bytes) -> None:
        seen.append(data)
        either(lambda: decode(data, name="probe"))

    probe()
    assert len(seen) >= min(EXAMPLES, 10)
    assert len(set(seen)) > len(seen) // 2  # examples, not one input again and again
