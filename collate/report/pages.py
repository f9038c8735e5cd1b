"""The reporting core of every HTML page collate writes (the apparatus, a batch's index, a
discovery): Jinja2 templates shipped as package data (``collate/report/templates/``), filled
with view data the page's module builds first.

Every value a template prints is escaped by `collate.report.escape.html_text` (autoescape,
and characters no page may carry replaced), unless the view marks it as markup already made
safe (`Markup`: the page's JSON data, a drawing built of escaped parts)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from markupsafe import Markup

from collate.report.escape import html_text
from collate.version import __version__

__all__ = ["Markup", "asset", "render_page"]


def _escaped(value: Any) -> Any:
    """Each printed value through the one escaper of the reports."""
    if isinstance(value, Markup):
        return value
    return Markup(html_text(value if isinstance(value, str) else str(value)))


@cache
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("collate.report", "templates"),
        autoescape=True,
        finalize=_escaped,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def asset(name: str) -> Markup:
    """A stylesheet or script of ``collate/report/assets/``, as the markup it is."""
    return Markup(resources.files("collate.report.assets").joinpath(name).read_text(encoding="utf-8"))


def render_page(template: str, **view: Any) -> str:
    """The page ``template`` filled with ``view`` (and ``version``, for the generator line)."""
    return str(_environment().get_template(template).render(version=__version__, **view))
