"""TEI documents as plain text: the text a reader sees (paragraphs, heads, verse lines), without
the header, running heads, figures and the editor's notes, parsed without DTDs or entities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from collate.errors import InputError
from collate.model import (
    Role,
    Witness,
    siglum_from_name,
)
from collate.readers.files import _read_bytes, witness_from_text
from collate.tokenizer import Normalization

# --- TEI --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TeiPolicy:
    """How a TEI document becomes the text of a witness.

    - ``choice``: inside ``choice``, keep the editor's ``corr``/``reg``/``expan`` (``"corr"``,
      the default) or the document's ``sic``/``orig``/``abbr`` (``"sic"``). A ``corr`` outside a
      ``choice`` is kept only under ``"corr"``; a ``sic`` outside one is always the document's.
    - ``revisions``: ``"final"`` keeps ``add`` and drops ``del`` (and what a ``delSpan`` spans);
      ``"original"`` keeps ``del`` and drops ``add`` (and what an ``addSpan`` spans).
    - ``notes``: keep the text of ``note`` elements (off by default).

    In a TEI apparatus, an ``app`` gives its ``lem``. Always left out: ``teiHeader``, ``fw``
    (running heads), ``figure``, ``metamark``,
    ``graphic``, and the Frankenstein Variorum's ``comment``. ``p``, ``head``, ``ab``, ``div``,
    ``lg``, ``list``, ``item``, ``quote`` end a paragraph (a blank line); ``l`` ends a line;
    ``lb`` is a space unless ``break="no"``; ``pb``, ``cb`` and ``milestone`` add nothing.
    Whitespace is collapsed as TEI treats it.
    """

    choice: str = "corr"
    revisions: str = "final"
    notes: bool = False

    def __post_init__(self) -> None:
        if self.choice not in ("corr", "sic"):
            raise InputError(f"TEI choice policy must be 'corr' or 'sic', not {self.choice!r}")
        if self.revisions not in ("final", "original"):
            raise InputError(f"TEI revisions policy must be 'final' or 'original', not {self.revisions!r}")


MAX_XML_DEPTH = 256
"""The deepest nesting of elements read from a TEI document (real TEI rarely passes 20)."""

_BLOCKS = frozenset("p head ab div div1 div2 div3 lg list item quote epigraph cit bibl sp trailer".split())
_DROPPED = frozenset("teiHeader fw figure metamark graphic comment".split())


def tei_text(data: bytes, *, name: str, policy: TeiPolicy | None = None) -> tuple[str, dict[str, str]]:
    """The text of a TEI document's ``body`` (or ``text``) under ``policy``, and its title.

    The document is parsed without a DTD: a document type declaration, entity declarations and
    external references are refused, never expanded or fetched.
    """
    import xml.etree.ElementTree as ET

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    rules = policy or TeiPolicy()
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise InputError(
            f"{name}: refused: the XML declares a DTD or entities ({type(error).__name__}); "
            "collate never expands or fetches them"
        ) from None
    except ET.ParseError as error:
        line, column = error.position
        raise InputError(f"{name}: malformed XML at line {line}, column {column + 1}") from None

    def local(tag: object) -> str:
        return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""

    body = next((e for e in root.iter() if local(e.tag) == "body"), None)
    if body is None:
        body = next((e for e in root.iter() if local(e.tag) == "text"), None)
    if body is None:
        raise InputError(f"{name}: not a TEI document: no <body> or <text> element")
    title = next((e for e in root.iter() if local(e.tag) == "title"), None)
    metadata = {"title": " ".join("".join(title.itertext()).split())} if title is not None else {}

    pieces: list[str] = []
    skipping: list[str] = []  # ids of anchors that end a span being left out

    def walk(element: ET.Element, keep: bool) -> None:
        tag = local(element.tag)
        if tag in ("delSpan", "addSpan"):
            drop = (tag == "delSpan") == (rules.revisions == "final")
            target = (element.get("spanTo") or "").lstrip("#")
            if drop and target:
                skipping.append(target)
        elif tag == "anchor":
            ident = element.get("{http://www.w3.org/XML/1998/namespace}id") or element.get("id")
            if ident in skipping:
                skipping.remove(ident)
        inside = keep and not skipping and _keeps(tag, element, rules)
        if tag == "lb" and keep and element.get("break") != "no":
            pieces.append(" ")
        if tag == "l" and keep:
            pieces.append("\n")
        if tag in _BLOCKS and keep:
            pieces.append("\n\n")
        if tag == "note" and inside:
            pieces.append(" ")
        if inside and element.text:
            pieces.append(element.text)
        for child in element:
            walk(child, inside and _child_kept(tag, local(child.tag), rules))
            if keep and not skipping and child.tail:
                pieces.append(child.tail)
        if tag in _BLOCKS and keep:
            pieces.append("\n\n")
        if tag == "l" and keep:
            pieces.append("\n")
        if tag == "note" and inside:
            pieces.append(" ")

    deepest, stack = 0, [(root, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_XML_DEPTH:
            raise InputError(f"{name}: elements nested over {MAX_XML_DEPTH} levels deep; refused")
        stack.extend((child, depth + 1) for child in element)
    try:
        walk(body, True)
    except RecursionError:  # a stack smaller than the limit assumes
        raise InputError(f"{name}: elements nested too deeply to read") from None
    text = "".join(pieces)
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    lines = "\n\n".join(p for p in paragraphs if p)
    return (lines + "\n" if lines else ""), metadata


def _keeps(tag: str, element: object, rules: TeiPolicy) -> bool:
    if tag in _DROPPED:
        return False
    if tag == "note":
        return rules.notes
    if tag == "del":
        return rules.revisions == "original"
    if tag == "add":
        return rules.revisions == "final"
    if tag == "corr":
        return rules.choice == "corr"
    return True


def _child_kept(parent: str, child: str, rules: TeiPolicy) -> bool:
    """Inside ``choice``, which alternative stands; inside an ``app``, the ``lem``."""
    if parent == "app":
        return child == "lem"
    if parent != "choice":
        return True
    editor, document = ("corr", "reg", "expan"), ("sic", "orig", "abbr")
    return child in (editor if rules.choice == "corr" else document)


def load_tei(
    path: str | Path,
    *,
    siglum: str | None = None,
    role: Role | str = Role.WITNESS,
    policy: TeiPolicy | None = None,
    normalization: Normalization | None = None,
    display_path: str | None = None,
    max_megabytes: float | None = None,
) -> Witness:
    """A witness from a TEI document (see `TeiPolicy` for what its text is)."""
    file = Path(path)
    text, metadata = tei_text(_read_bytes(file, max_megabytes), name=str(path), policy=policy)
    if not text.strip():
        raise InputError(f"{path}: the TEI document has no text in its body")
    return witness_from_text(
        siglum or siglum_from_name(file.stem),
        text,
        role=role,
        path=display_path or str(path),
        normalization=normalization,
        metadata=metadata,
    )
