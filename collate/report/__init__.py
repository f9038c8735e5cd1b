"""Reports: one module per format, each a function from an `Apparatus` to text.

`render` picks the format by its stable name; `collate.report.writer` writes reports to files
atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from collate._gc import pauses_gc
from collate.errors import ConfigError
from collate.model import Apparatus, register_renderer


class Format(StrEnum):
    """Output formats (part of the command-line contract)."""

    JSON = "json"
    HTML = "html"
    TEXT = "text"
    COLLATEX_JSON = "collatex-json"
    TEI = "tei"
    DOT = "dot"
    LATEX = "latex"


GROUPED = frozenset({Format.HTML, Format.LATEX})
"""The formats that print the apparatus as an edition's notes, whose grain ``group`` sets
(`collate.report.notes.layout`)."""


def _renderers() -> dict[Format, Callable[[Apparatus], str]]:
    from collate.report import collatex, dot, html_page, json_apparatus, latex, tei, text

    return {
        Format.JSON: json_apparatus.render,
        Format.HTML: html_page.render,
        Format.TEXT: text.render,
        Format.COLLATEX_JSON: collatex.render,
        Format.TEI: tei.render,
        Format.DOT: dot.render,
        Format.LATEX: latex.render,
    }


@pauses_gc
def render_anomalies(apparatus: Apparatus, format: str) -> str:
    """Only the anomalies, as ``json`` (the apparatus without units) or ``text`` (a line each)."""
    from collate.report import json_apparatus, text

    if format == "json":
        return json_apparatus.render_anomalies(apparatus)
    if format == "text":
        return text.render_anomalies(apparatus)
    raise ConfigError(f"unknown format {format!r} for anomalies; known: json, text")


@pauses_gc
def render(apparatus: Apparatus, format: Format | str, *, group: int | None = None) -> str:
    """The apparatus in one format, as text ending in a newline. ``group``: the grain of the
    notes in the formats that print them (`GROUPED`): variant units with fewer words of
    agreement between them than this are one note; 0, one note a unit."""
    try:
        chosen = Format(format)
    except ValueError:
        known = ", ".join(f.value for f in Format)
        raise ConfigError(f"unknown format {format!r}; known: {known}") from None
    if group is not None and group < 0:
        raise ConfigError(f"group must be 0 or more, not {group}")
    renderer = _renderers()[chosen]
    if group is not None and chosen in GROUPED:
        return renderer(apparatus, group=group)  # type: ignore[call-arg]
    return renderer(apparatus)


register_renderer(render)
