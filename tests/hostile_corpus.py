"""A hostile corpus: the seed's cable, a copy and its summary with text that tries to break
out of every report. Each probe that runs sets the page's title, a global and logs to the
console, so a browser test sees any of them run."""

from __future__ import annotations

from pathlib import Path

import tomlkit

from conftest import WITNESSES

RUN = "document.title=1;window.collateProbe=1;console.log(1)"
"""What a probe does if it runs: changes the title, sets a global, logs."""

PROBES = (
    "<!--<script>",
    "</script>",
    f"<script>{RUN}</script>",
    f'<img src=x onerror="{RUN}">',
    f'"><svg onload="{RUN}">',
    f"'><iframe srcdoc='<script>parent.{RUN}</script>'>",
    f"javascript:{RUN}",
    "]]><!-- --!>",
    "&lt;b&gt; &amp; &#x3c;script&#x3e;",
    "one\u2028line\u2029paragraph",
    "\u202eright-to-left override\u202c and \u2067isolate\u2069 \u200f",
    "tab\tform\x0cfeed \x1b[2J escape \x07bell",
)
"""Text a file can hold (files are read as UTF-8, where NUL marks binary data)."""

API_PROBES = ("NUL\x00here", "unpaired \ud800 and \udfff surrogates")
"""What only a string made in Python (or read from a JSON file's escapes) can hold."""

SIGLA = ("מ-1", "ع.2", "e\u0301")
"""Sigla as the rules allow them: letters of right-to-left scripts, a combining mark."""

METADATA = {
    "title": "<!--<script>",
    "date": "</script>",
    "url": f"javascript:{RUN}",
    "label": f'"><svg onload="{RUN}">',
    "description": f"data:text/html,<script>{RUN}</script>",
    "citation": "https://example.org/record/1?a=1&b=<2>",
}
"""Metadata of which only the last value is an address a page may link to."""


def _with_probes(text: str, probes: tuple[str, ...], every: int) -> str:
    """``text`` with a probe after every ``every``-th sentence, in turn."""
    sentences = text.split(". ")
    for n in range(0, len(sentences), every):
        sentences[n] += " " + probes[(n // every) % len(probes)]
    return ". ".join(sentences)


def texts(probes: tuple[str, ...] = PROBES) -> tuple[str, str, str]:
    """The source, a copy (other probes at other places, a word changed, every probe once
    more at its end) and the summary, each holding every probe."""
    cable = (WITNESSES / "cable.txt").read_text(encoding="utf-8")
    summary = (WITNESSES / "summary.txt").read_text(encoding="utf-8")
    source = _with_probes(cable, probes, 2) + " ".join(probes) + "\n"
    copy = _with_probes(cable.replace("Soviet", "Russian", 3), probes[::-1], 3) + " ".join(probes) + "\n"
    return source, copy, " ".join(probes) + " " + _with_probes(summary, probes, 1)


FILES = ('<img src=x onerror="alert(1)">.txt', "copy ]]> <!--.txt", "summary\u202e.txt")


def project(folder: Path) -> Path:
    """A project folder of the hostile corpus: hostile file names, sigla, metadata and text."""
    folder.mkdir(parents=True, exist_ok=True)
    source, copy, summary = texts()
    for name, text in zip(FILES, (source, copy, summary), strict=True):
        (folder / name).write_text(text, encoding="utf-8")
    manifest = {
        "project": {k: METADATA[k] for k in ("title", "date", "url")},
        "record": {"citation": METADATA["citation"]},
        "witness": [
            {
                "siglum": SIGLA[0],
                "file": FILES[0],
                "role": "source",
                "title": METADATA["label"],
                "description": METADATA["description"],
            },
            {"siglum": SIGLA[1], "file": FILES[1], "role": "witness"},
            {"siglum": SIGLA[2], "file": FILES[2], "role": "summary"},
        ],
    }
    (folder / "collate.toml").write_text(tomlkit.dumps(manifest), encoding="utf-8")
    return folder


def witnesses():
    """The corpus as witnesses made in Python, with what only Python strings can hold too."""
    import collate

    probes = PROBES + API_PROBES
    source, copy, summary = texts(probes)
    return [
        collate.witness(SIGLA[0], source, role="source", metadata=METADATA),
        collate.witness(SIGLA[1], copy, metadata={"title": API_PROBES[1]}),
        collate.witness(SIGLA[2], summary, role="summary", metadata=METADATA),
    ]
