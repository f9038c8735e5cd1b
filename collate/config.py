"""The project's TOML files, read and checked by one declarative table.

A project's ``collate.toml`` (its ``[[witness]]`` list and its ``[normalize]``, ``[check]``,
``[limits]``, ``[collation]`` and ``[batch]`` tables) and its ``corrections.toml`` (a
``[[correction]]`` list) are checked here, key by key, against `MANIFEST` and `CORRECTIONS`:
what each key holds, what it may be, and what it means. The same tables give the JSON Schemas
of both files (`schema`, shipped in ``collate/schema/``); docs/reference.md describes every
key (a test checks that none is missing there).
What a single key cannot say (a siglum met twice, an exemplar that is no witness, a path
outside the project) is checked by the code that reads the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from collate.errors import InputError, ManifestError
from collate.model import Kinship, Role, Status, siglum_problem
from collate.text import clip

MAX_NESTING = 32
"""The deepest nesting of arrays and objects (tables) read from JSON and TOML input."""


def nesting(data: Any) -> int:
    """How deeply lists and mappings nest in parsed JSON or TOML (a scalar is 0)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, Mapping):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def parse_nested(text: str, parse: Callable[[str], Any], *, name: str, what: str) -> Any:
    """``parse(text)`` (``json.loads``, ``tomllib.loads``), refusing input nested deeper than
    `MAX_NESTING`; the parser's own errors pass through."""
    try:
        data = parse(text)
    except RecursionError:
        data = None
        depth = None
    else:
        depth = nesting(data)
    if depth is None or depth > MAX_NESTING:
        shown = "too" if depth is None else f"{depth} levels"
        raise InputError(f"{name}: {what} nested {shown} deep; at most {MAX_NESTING} levels are read")
    return data


MAX_CONFIG_BYTES = 4_000_000
"""The largest ``collate.toml`` or ``corrections.toml`` read (4 MB: some 20,000 corrections)."""


def read_config(path: Path, *, what: str) -> tuple[str, Any]:
    """Read a TOML configuration file (a manifest, a corrections file): at most
    `MAX_CONFIG_BYTES`, UTF-8, nested at most `MAX_NESTING` deep; its text
    and its data. Errors are `ManifestError` naming the file."""
    import tomllib

    try:
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            raise ManifestError(
                f"{path}: {size / 1_000_000:,.1f} MB is over the limit of "
                f"{MAX_CONFIG_BYTES / 1_000_000:g} MB for a {what}"
            )
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ManifestError(f"{path}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise ManifestError(f"{path}: not valid UTF-8 at byte {error.start}") from None
    try:
        return text, parse_nested(text, tomllib.loads, name=str(path), what="TOML")
    except tomllib.TOMLDecodeError as error:
        raise ManifestError(f"{path}: not valid TOML: {error}") from None
    except InputError as error:
        raise ManifestError(str(error)) from None


@dataclass(frozen=True, slots=True)
class Key:
    """One key of a table: the TOML type it holds, the values it may take, what it means."""

    name: str
    kind: str
    """``string``, ``boolean``, ``number`` (an integer or a float), ``integer``, ``strings``
    (a table of strings to strings), ``string or strings`` (one string or an array of them)."""
    means: str
    expect: str = ""
    """What a value must be, in the words of the error message ("a number from 0 to 1");
    empty: the kind's own words."""
    allowed: Callable[[Any], bool] | None = None
    """A further check on a value of the right kind."""
    problem: Callable[[Any], str | None] | None = None
    """What is wrong with a value of the right kind, in words (None: nothing)."""
    choices: tuple[str, ...] = ()
    required: bool = False
    default: Any = None
    blank: bool = False
    """An empty string means the key is not given (``relation = ""``: inferred)."""
    bounds: Mapping[str, float] = field(default_factory=dict)
    """Bounds in JSON Schema's words, checked here and written into the schema alike:
    ``minimum``, ``maximum``, ``exclusiveMinimum`` (numbers), ``minLength`` (strings)."""


@dataclass(frozen=True, slots=True)
class Table:
    """A TOML table (``[check]``) or array of tables (``[[witness]]``) and its keys."""

    name: str
    keys: tuple[Key, ...]
    means: str
    array: bool = False

    def key(self, name: str) -> Key:
        return next(k for k in self.keys if k.name == name)


_KIND_WORDS = {
    "string": "a string",
    "boolean": "true or false",
    "number": "a number",
    "integer": "a whole number",
    "strings": "a table of strings",
    "string or strings": "a string or an array of strings",
}


def _of_kind(kind: str, value: Any) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "strings":
        return isinstance(value, Mapping) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        )
    if kind == "string or strings":
        return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
    raise ValueError(f"unknown kind {kind!r}")


def checked(table: Table, value: Any, where: str) -> dict[str, Any]:
    """One table (or one entry of an array of tables) checked against ``table``: a `dict` of
    its keys, each of its kind and among its choices; otherwise a `ManifestError` that says
    ``where``, the key and what it must be. Keys not given are left out (see `defaults`)."""
    label = where if table.array else f"{where}: [{table.name}]" if where else f"[{table.name}]"
    if not isinstance(value, Mapping):
        raise ManifestError(f"{where}: expected a table" if table.array else f"{label} must be a table")
    known = [k.name for k in table.keys]
    unknown = sorted(set(value) - set(known))
    if unknown:
        raise ManifestError(f"{label} has unknown keys: {', '.join(unknown)} (known: {', '.join(known)})")
    found = dict(value)
    for key in table.keys:
        if key.blank and found.get(key.name) == "":
            del found[key.name]
        if key.name not in found:
            if key.required:
                raise ManifestError(f"{label}: missing '{key.name}'")
            continue
        given = found[key.name]
        expect = key.expect or (f"one of {', '.join(key.choices)}" if key.choices else _KIND_WORDS[key.kind])
        if key.kind == "strings" and isinstance(given, Mapping):
            wrong = next(((k, v) for k, v in given.items() if not isinstance(v, str)), None)
            if wrong is not None:  # the entry named, not the whole table
                raise ManifestError(
                    f"{label} {key.name}: {wrong[0]!r} must be a string, not {_shown(wrong[1])}"
                )
        if (
            not _of_kind(key.kind, given)
            or (key.choices and given not in key.choices)
            or not _within(key.bounds, given)
            or (key.allowed is not None and not key.allowed(given))
        ):
            raise ManifestError(f"{label} {key.name} must be {expect}, not {_shown(given)}")
        trouble = key.problem(given) if key.problem is not None else None
        if trouble:
            raise ManifestError(f"{label} {key.name} {_shown(given)}: {trouble}")
    return found


_BOUNDS: dict[str, Callable[[Any, float], bool]] = {
    "minimum": lambda value, bound: value >= bound,
    "maximum": lambda value, bound: value <= bound,
    "exclusiveMinimum": lambda value, bound: value > bound,
    "minLength": lambda value, bound: len(value) >= bound,
}


def _within(bounds: Mapping[str, float], value: Any) -> bool:
    return all(_BOUNDS[name](value, bound) for name, bound in bounds.items())


def _shown(value: Any) -> str:
    """A value as a message quotes it: its repr, at most 60 characters."""
    return clip(repr(value), 60)


def defaults(table: Table) -> dict[str, Any]:
    """The keys of ``table`` that have a default, and their defaults."""
    return {k.name: k.default for k in table.keys if k.default is not None}


def _path(value: str) -> bool:
    return "\x00" not in value


_ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?[^\s/:]+(?::\d{1,5})?/?")
"""A scheduler's address: an optional scheme, a host, an optional port."""


def _nonblank(value: str) -> bool:
    return bool(value.strip())


def _xml_id(value: str) -> str | None:
    if siglum_problem(value) is not None or not (value[0].isalpha() or value[0] == "_"):
        return (
            "an id must start with a letter and hold only letters, digits, '-', '_' and '.' "
            "(it becomes an XML id)"
        )
    return None


ROLES = tuple(r.value for r in Role)
RELATIONS = tuple(k.value for k in Kinship)
STATUSES = tuple(s.value for s in Status)

WITNESS = Table(
    "witness",
    (
        Key(
            "siglum",
            "string",
            "the witness's name in every report",
            "a non-empty string",
            _nonblank,
            problem=siglum_problem,
            required=True,
            bounds={"minLength": 1},
        ),
        Key(
            "file",
            "string",
            "its text file, relative to the manifest (.txt, .md, .xml as TEI)",
            "a path",
            _path,
            required=True,
            bounds={"minLength": 1},
        ),
        Key(
            "role",
            "string",
            "witness (collated), source (the text a summary is checked against) or summary",
            choices=ROLES,
            default="witness",
        ),
        Key("encoding", "string", "the file's encoding, when it is not UTF-8"),
        Key("title", "string", "a label for the witness in the reports"),
        Key("description", "string", "a line about the witness in the reports"),
        Key("exemplar", "string", "the siglum of the witness this one was copied from"),
    ),
    "one witness of the project; a manifest lists one or more",
    array=True,
)
NORMALIZE = Table(
    "normalize",
    (
        Key("casefold", "boolean", "compare words without case", default=True),
        Key(
            "unicode_form",
            "string",
            "the Unicode normal form words are compared in",
            choices=("NFC", "NFKC", "NFD", "NFKD"),
            default="NFC",
        ),
        Key(
            "punctuation",
            "string",
            "keep punctuation as tokens that align like words, or ignore it in matching",
            choices=("keep", "ignore"),
            default="keep",
        ),
        Key(
            "editorial",
            "string",
            "ignore bracketed editorial insertions in matching, or keep them",
            choices=("keep", "ignore"),
            default="ignore",
        ),
        Key("regularize", "strings", 'forms and the forms they count as ("rail roads" = "railroads")'),
    ),
    "how words are compared",
)
CHECK = Table(
    "check",
    (
        Key(
            "threshold",
            "number",
            "the confidence from which `collate check` asks for a decision",
            "a number from 0 to 1",
            default=0.5,
            bounds={"minimum": 0, "maximum": 1},
        ),
    ),
    "the edition gate",
)
LIMITS = Table(
    "limits",
    (
        Key(
            "max_megabytes",
            "number",
            "the largest witness file read, in megabytes",
            "a positive number",
            bounds={"exclusiveMinimum": 0},
        ),
    ),
    "bounds on what is read",
)
COLLATION = Table(
    "collation",
    (
        Key(
            "relation",
            "string",
            "what the witnesses are to each other; not given (or empty): inferred for each pair",
            choices=RELATIONS,
            blank=True,
        ),
    ),
    "how the witnesses are related",
)
BATCH = Table(
    "batch",
    (
        Key(
            "scheduler",
            "string",
            "the Dask scheduler a batch runs on",
            'an address like "tcp://host:8786"',
            lambda v: _ADDRESS.fullmatch(v) is not None,
        ),
        Key(
            "workers", "integer", "local worker processes", "a whole number, 1 or more", bounds={"minimum": 1}
        ),
    ),
    "where `collate batch` and `collate discover` run",
)
MANIFEST: tuple[Table, ...] = (WITNESS, NORMALIZE, CHECK, LIMITS, COLLATION, BATCH)
"""The tables of ``collate.toml`` checked here. ``[project]`` and ``[record]`` (where the
witnesses come from: title, date, citation, url; the record's file) are free tables, read
as provenance."""

CORRECTION = Table(
    "correction",
    (
        Key(
            "id",
            "string",
            "the correction's id (an XML id in the TEI edition)",
            "a non-empty string",
            _nonblank,
            problem=_xml_id,
            required=True,
            bounds={"minLength": 1},
        ),
        Key("witness", "string", "the siglum of the witness corrected", required=True),
        Key("kind", "string or strings", "the kind (or kinds) of anomaly it answers", required=True),
        Key(
            "status",
            "string",
            "accepted (emend the text) or authorial (the text stands)",
            choices=STATUSES,
            required=True,
        ),
        Key("reading", "string", "the text the correction is about, as the witness has it", required=True),
        Key("before", "string", "words just before the reading, to find it again"),
        Key("after", "string", "words just after it"),
        Key("emended", "string", "what replaces the reading (accepted corrections)"),
        Key("reason", "string", "why"),
        Key("editor", "string", "who decided"),
    ),
    "one editor's decision about an anomaly",
    array=True,
)
CORRECTIONS: tuple[Table, ...] = (CORRECTION,)


def where_to_run(workers: int | None, scheduler: str | None, config: Path | None) -> dict[str, Any]:
    """``workers`` and ``scheduler`` for `collate.parallel.run_all`: those given, else the
    ``[batch]`` table (`BATCH`) of the ``config`` file, else none (one worker a core)."""
    table = (
        checked(BATCH, read_config(config, what="configuration")[1].get("batch", {}), str(config))
        if config
        else {}
    )
    return {"workers": workers or table.get("workers"), "scheduler": scheduler or table.get("scheduler")}


_JSON_KIND: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "boolean": {"type": "boolean"},
    "number": {"type": "number"},
    "integer": {"type": "integer"},
    "strings": {"type": "object", "additionalProperties": {"type": "string"}},
    "string or strings": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
}


def _json_key(key: Key) -> dict[str, Any]:
    found: dict[str, Any] = {"description": key.means, **_JSON_KIND[key.kind]}
    if key.choices:
        found["enum"] = list(key.choices) + ([""] if key.blank else [])
    if key.default is not None:
        found["default"] = key.default
    return found | dict(key.bounds)


def _json_table(table: Table) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "object",
        "description": table.means,
        "properties": {k.name: _json_key(k) for k in table.keys},
        "additionalProperties": False,
    }
    required = [k.name for k in table.keys if k.required]
    if required:
        body["required"] = required
    return {"type": "array", "minItems": 1, "items": body} if table.array else body


def schema(tables: tuple[Table, ...], *, title: str, free: tuple[str, ...] = ()) -> dict[str, Any]:
    """The JSON Schema of a TOML file made of ``tables`` (and the ``free`` tables, any keys;
    with free tables, any other table is free too: provenance)."""
    name = "collate-toml" if tables is MANIFEST else "corrections-toml"
    properties = {t.name: _json_table(t) for t in tables}
    properties.update({f: {"type": "object"} for f in free})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://collate.invalid/schema/{name}.schema.json",
        "title": title,
        "type": "object",
        "properties": properties,
        "required": [t.name for t in tables if t.array and any(k.required for k in t.keys)][:1],
        "additionalProperties": {"type": "object"} if free else False,
    }


def manifest_schema() -> dict[str, Any]:
    """The JSON Schema of ``collate.toml``, from `MANIFEST`."""
    return schema(MANIFEST, title="collate.toml: a collate project's manifest", free=("project", "record"))


def corrections_schema() -> dict[str, Any]:
    """The JSON Schema of ``corrections.toml``, from `CORRECTIONS`."""
    return schema(CORRECTIONS, title="corrections.toml: the editors' decisions about anomalies")


SCHEMAS = {"collate-toml.schema.json": manifest_schema, "corrections-toml.schema.json": corrections_schema}
"""The JSON Schemas shipped in ``collate/schema/``, by file name, made from the tables."""


def schema_text(name: str) -> str:
    """The shipped text of the schema ``name`` (`SCHEMAS`), as the tables make it today."""
    import json

    return json.dumps(SCHEMAS[name](), indent=2, ensure_ascii=False) + "\n"


def write_schemas() -> None:
    """Write every schema of `SCHEMAS` into ``collate/schema/`` again, after a table changed."""
    folder = Path(__file__).parent / "schema"
    for name in SCHEMAS:
        (folder / name).write_text(schema_text(name), encoding="utf-8")
