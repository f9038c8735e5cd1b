"""Reports: one module per format, each a function from an `Apparatus` to text.

`render` picks the format by its stable name; `collate.report.writer` writes reports to files
atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from collate._gc import pauses_gc
from collate.errors import ConfigError
from collate.model import Apparatus


class Format(StrEnum):
    """Output formats (part of the command-line contract)."""

    JSON = "json"
    HTML = "html"
    TEXT = "text"
    COLLATEX_JSON = "collatex-json"
    TEI = "tei"
    DOT = "dot"


def _renderers() -> dict[Format, Callable[[Apparatus], str]]:
    from collate.report import collatex, dot, html, json, tei, text

    return {
        Format.JSON: json.render,
        Format.HTML: html.render,
        Format.TEXT: text.render,
        Format.COLLATEX_JSON: collatex.render,
        Format.TEI: tei.render,
        Format.DOT: dot.render,
    }


@pauses_gc
def render_anomalies(apparatus: Apparatus, format: str) -> str:
    """Only the anomalies, as ``json`` (the apparatus without units) or ``text`` (a line each)."""
    from collate.report import json, text

    if format == "json":
        return json.render_anomalies(apparatus)
    if format == "text":
        return text.render_anomalies(apparatus)
    raise ConfigError(f"unknown format {format!r} for anomalies; known: json, text")


@pauses_gc
def render(apparatus: Apparatus, format: Format | str) -> str:
    """The apparatus in one format, as text ending in a newline."""
    try:
        chosen = Format(format)
    except ValueError:
        known = ", ".join(f.value for f in Format)
        raise ConfigError(f"unknown format {format!r}; known: {known}") from None
    return _renderers()[chosen](apparatus)
