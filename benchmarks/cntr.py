"""Read the Center for New Testament Restoration's transcriptions (their markup, as their
encoding specification describes it) into the layers the benchmarks collate: the first hand
(``x{...}``, what the scribe wrote before anyone corrected it) or the final text (the last
corrector's reading), without page, line and column breaks, damage and supply marks; a lost
line or verse remnant (``&``, ``*``) becomes the lacuna sign ``[...]``.

The shared corpus of John holds these layers ready made; Mark (``data/cntr-mark``) is kept in
CNTR's own markup, and `layer` makes them. `tests` is not a place for this: it is how the
evaluation data is read, checked against the John layers by ``python benchmarks/cntr.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_EDIT = re.compile(r"([xab]?)\{([^{}]*)\}")
"""An edited stretch: ``x{A}`` the first hand, ``{B}`` the first correction, ``a{C}`` and
``b{D}`` a second and a third corrector's; consecutive groups are one correction."""

_GROUPS = re.compile(r"(?:[xab]?\{[^{}]*\}\s*)+")

_DROPPED = str.maketrans("", "", "/|\\%^~+=$_[]\"'`")
"""Breaks, damaged and missing letters, supplied words, nomina sacra and numerals, altered
word division, questionable text, quotation marks: marks, not text."""


def _choose(groups: str, first_hand: bool) -> str:
    readings = _EDIT.findall(groups)
    if first_hand:
        for hand, text in readings:
            if hand == "x":
                return text
        return readings[0][1]
    return readings[-1][1]


def line_text(encoded: str, first_hand: bool) -> str:
    """One verse's CNTR text as the first hand or the final corrector reads it."""
    text = _GROUPS.sub(lambda m: " " + _choose(m.group(0), first_hand) + " ", encoded)
    text = text.translate(_DROPPED)
    text = re.sub(r"[&*]+", " [...] ", text)
    text = " ".join(text.split())
    return "" if text == "-" else text


def layer(raw: str, first_hand: bool) -> str:
    """A CNTR file's lines (``BBCCCVVV text``) as a layer, one verse a line; a verse the
    witness lacks (``-``) is a line with its reference alone."""
    out = []
    for line in raw.splitlines():
        ref, _, encoded = line.partition(" ")
        if not ref:
            continue
        encoded = "" if encoded.strip() == "-" else encoded
        text = line_text(encoded, first_hand)
        out.append(f"{ref} {text}" if text else ref)
    return "\n".join(out) + "\n"


def _check(corpus: Path) -> int:
    """How many lines of the shared John layers `layer` reads otherwise, per manuscript
    (the printed editions keep their brackets there, and are not read with `layer`)."""
    wrong = 0
    for raw in sorted((corpus / "raw").glob("*.txt")):
        if not (corpus / "original" / raw.name).exists():
            continue
        for name, first in (("original", True), ("final", False)):
            made = layer(raw.read_text(encoding="utf-8"), first).splitlines()
            want = (corpus / name / raw.name).read_text(encoding="utf-8").splitlines()
            differ = sum(a.strip() != b.strip() for a, b in zip(made, want, strict=False))
            differ += abs(len(made) - len(want))
            wrong += differ
            print(f"{raw.stem:5} {name:8} {differ} of {len(want)} lines differ")
    return wrong


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from common import CORPORA

    raise SystemExit(1 if _check(CORPORA / "cntr-john") else 0)
