"""CollateX JSON input: its witnesses, as text or as tokens."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from collate.config import parse_nested
from collate.errors import InputError
from collate.model import (
    Role,
    Token,
    TokenKind,
    Witness,
    check_siglum,
)
from collate.readers.files import check_count, read_text, witness_from_text
from collate.tokenizer import Normalization, editorial_signs


def load_collatex_json(
    path: str | Path,
    *,
    normalization: Normalization | None = None,
    encoding: str | None = None,
    max_megabytes: float | None = None,
) -> list[Witness]:
    """Witnesses from a CollateX JSON input file (see `witnesses_from_collatex`)."""
    text = read_text(path, encoding=encoding, max_megabytes=max_megabytes)
    try:
        data = parse_nested(text, json.loads, name=str(path), what="JSON")
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    return witnesses_from_collatex(data, name=str(path), normalization=normalization)


def witnesses_from_collatex(
    data: Any, *, name: str = "<json>", normalization: Normalization | None = None
) -> list[Witness]:
    """Witnesses from CollateX JSON input, already parsed.

    Each witness has an ``id`` and either ``content`` (plain text, tokenised here) or
    ``tokens``, a list of objects with ``t`` (the verbatim token, usually with its trailing
    whitespace) and optionally ``n`` (its normalised form); any other keys of a token are
    kept, copied, in `Token.extra`. The caller's data is never changed.

    >>> ws = witnesses_from_collatex({"witnesses": [
    ...     {"id": "A", "content": "the cat"},
    ...     {"id": "B", "tokens": [{"t": "The ", "n": "the", "page": 3}, {"t": "cat"}]}]})
    >>> [(t.text, t.norm, dict(t.extra or {})) for t in ws[1].tokens]
    [('The', 'the', {'page': 3}), ('cat', 'cat', {})]
    """
    if not isinstance(data, Mapping) or "witnesses" not in data:
        raise InputError(f'{name}: not CollateX JSON input: expected an object with "witnesses"')
    items = data["witnesses"]
    if not isinstance(items, list) or not items:
        raise InputError(f'{name}: "witnesses" must be a non-empty list')
    check_count(len(items), name=name)
    witnesses = []
    seen: set[str] = set()
    for number, item in enumerate(items, 1):
        where = f"{name}: witness {number}"
        if not isinstance(item, Mapping):
            raise InputError(f"{where}: expected an object")
        siglum = item.get("id")
        if not isinstance(siglum, str) or not siglum.strip():
            raise InputError(f'{where}: "id" must be a non-empty string')
        check_siglum(siglum, where=f'{where} "id"')
        if siglum in seen:
            raise InputError(f"{name}: duplicate siglum {siglum!r}")
        seen.add(siglum)
        if "tokens" in item:
            witnesses.append(
                _from_collatex_tokens(siglum, item["tokens"], f"{where} ({siglum})", name, normalization)
            )
        elif isinstance(item.get("content"), str):
            if not item["content"].strip():
                raise InputError(f'{where} ({siglum}): "content" is empty')
            witnesses.append(
                witness_from_text(siglum, item["content"], path=name, normalization=normalization)
            )
        else:
            raise InputError(f'{where} ({siglum}): needs "content" (a string) or "tokens" (a list)')
    return witnesses


def _from_collatex_tokens(
    siglum: str, items: Any, where: str, name: str, normalization: Normalization | None
) -> Witness:
    if not isinstance(items, list) or not items:
        raise InputError(f'{where}: "tokens" must be a non-empty list')
    norm = normalization or Normalization()
    tokens: list[Token] = []
    parts: list[str] = []
    offset = 0
    for number, item in enumerate(items, 1):
        if not isinstance(item, Mapping) or not isinstance(item.get("t"), str):
            raise InputError(f'{where}, token {number}: expected an object with a string "t"')
        raw: str = item["t"]
        given = item.get("n")
        if given is not None and not isinstance(given, str):
            raise InputError(f'{where}, token {number}: "n" must be a string')
        verbatim = raw.rstrip()
        space = raw[len(verbatim) :]
        if verbatim:
            kind = TokenKind.WORD if any(c.isalnum() for c in verbatim) else TokenKind.PUNCT
            form = given if given is not None else norm.normalize(verbatim.strip())
        else:
            kind, form = TokenKind.SPACE, ""
        extra = {k: copy.deepcopy(v) for k, v in item.items() if k not in ("t", "n")}
        tokens.append(
            Token(
                len(tokens),
                offset,
                offset + len(verbatim),
                verbatim,
                space,
                form,
                kind,
                False,
                MappingProxyType(extra),
            )
        )
        parts.append(raw)
        offset += len(raw)
    text = "".join(parts)
    return Witness(siglum, text, tuple(tokens), Role.WITNESS, name, signs=editorial_signs(text))
