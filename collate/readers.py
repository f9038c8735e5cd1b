"""Read witnesses from files: plain text, CollateX JSON input and archive records.

Every reader returns frozen `Witness` values and never keeps a reference to what the caller
passed in: the extra keys of pre-tokenised CollateX tokens are copied, not shared.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from collate.config import MAX_CONFIG_BYTES, parse_nested, read_config
from collate.errors import InputError
from collate.model import (
    Progress,
    Role,
    Token,
    TokenKind,
    Witness,
    check_siglum,
    siglum_from_name,
    siglum_problem,
)
from collate.tokenizer import Normalization, editorial_signs, tokenize

DEFAULT_ENCODING = "utf-8"
DEFAULT_MAX_MEGABYTES = 16.0
"""The largest witness file read by default. Collating takes about 100 MB of memory per MB of
witness text (measured on *Frankenstein*: see the README's performance section), so two
witnesses at the limit need about 3 GB. Raise it with ``--max-size`` or ``[limits]
max_megabytes`` in ``collate.toml``."""


MAX_WITNESSES = 1000
"""The most witnesses one collation reads (from a manifest, a CollateX JSON file or a command
line): a bound on the work an untrusted input can ask for."""


def check_count(count: int, *, name: str) -> None:
    """Refuse more than `MAX_WITNESSES` witnesses from one input."""
    if count > MAX_WITNESSES:
        raise InputError(f"{name}: {count:,} witnesses; one collation reads at most {MAX_WITNESSES:,}")


def witness_from_text(
    siglum: str,
    text: str,
    *,
    role: Role | str = Role.WITNESS,
    path: str | None = None,
    normalization: Normalization | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Witness:
    """A witness from a string already decoded.

    >>> w = witness_from_text("A", "The cat [sic] sat.")
    >>> [t.norm for t in w.tokens]
    ['the', 'cat', '', '', '', 'sat', '.']
    >>> w.insertions
    (Span(start=8, end=13),)
    """
    check_siglum(siglum, where=path or "")
    signs = editorial_signs(text)
    return Witness(
        siglum=siglum,
        text=text,
        tokens=tokenize(text, normalization, signs=signs),
        role=Role(role),
        path=path,
        signs=signs,
        metadata=dict(metadata or {}),
    )


def read_text(path: str | Path, *, encoding: str | None = None, max_megabytes: float | None = None) -> str:
    """Decode a text file: a UTF-8 byte-order mark dropped, everything else as it is, line
    ends included (``\\r\\n`` stays two characters), so that every offset collate reports
    indexes the file's decoded text exactly.

    A file that does not decode gets an `InputError` naming the file and the byte offset.
    """
    file = Path(path)
    data = _read_bytes(file, max_megabytes)
    return decode(data, name=str(path), encoding=encoding)


def document_text(path: str | Path, *, max_megabytes: float | None = None) -> str:
    """The text a file holds, as the loaders read it: a TEI document (``.xml``) the text of
    its body (`tei_text`), any other file decoded (`read_text`)."""
    if Path(path).suffix.lower() == ".xml":
        return tei_text(_read_bytes(Path(path), max_megabytes), name=str(path))[0]
    return read_text(path, max_megabytes=max_megabytes)


def decode(data: bytes, *, name: str, encoding: str | None = None) -> str:
    """Decode bytes read from ``name`` (see `read_text`)."""
    codec = encoding or DEFAULT_ENCODING
    if codec.replace("_", "-").lower() in ("utf-8", "utf8"):
        codec = "utf-8-sig"
    try:
        text = data.decode(codec)
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        hint = "" if encoding else "; if it is in another encoding, say which with --encoding"
        bad = data[error.start : error.start + 4].hex(" ")
        raise InputError(
            f"{name}: not valid {encoding or 'UTF-8'} at byte {error.start} (bytes {bad}){hint}"
        ) from None
    if not encoding and "\x00" in text:
        raise InputError(f"{name}: binary data (NUL byte at character {text.index(chr(0))}), not text")
    return text


def load_text(
    path: str | Path,
    *,
    siglum: str | None = None,
    role: Role | str = Role.WITNESS,
    encoding: str | None = None,
    normalization: Normalization | None = None,
    display_path: str | None = None,
    max_megabytes: float | None = None,
) -> Witness:
    """A witness from a plain-text file; the siglum defaults to the file's stem."""
    file = Path(path)
    text = read_text(file, encoding=encoding, max_megabytes=max_megabytes)
    if not text.strip():
        raise InputError(f"{path}: the file is empty: a witness needs some text")
    return witness_from_text(
        siglum or siglum_from_name(file.stem),
        text,
        role=role,
        path=display_path or str(path),
        normalization=normalization,
    )


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


# --- archive records --------------------------------------------------------------------

_SECTIONS = ("Citation", "Summary", "Credits", "Original Language", "Contents")
_HEADING = re.compile(rf"^({'|'.join(_SECTIONS)}):[ \t]*$", re.MULTILINE)
_TRANSCRIPT = re.compile(r"^Transcript - (?P<language>.+?)[ \t]*$", re.MULTILINE)
_URL = re.compile(r"<(https?://[^>\s]+)>|(https?://\S+)")


@dataclass(frozen=True, slots=True)
class ArchiveRecord:
    """An archive record like the seed: metadata, the archive's summary and a transcript."""

    title: str
    date: str
    """The date as the record writes it (``July 10, 1945``)."""
    iso_date: str | None
    citation: str
    url: str | None
    summary: str
    credits: str
    language: str
    transcript_language: str
    transcript: str
    sha256: str

    @property
    def siglum(self) -> str:
        """The transcript's siglum: the title's first word, as a slug (``cable``); never
        ``summary``, which names the record's summary."""
        name = re.sub(r"[^a-z0-9]+", "-", self.title.split(",")[0].lower()).strip("-")
        return name if name and name != "summary" else "source"


def read_record(
    path: str | Path, *, encoding: str | None = None, max_megabytes: float | None = None
) -> ArchiveRecord:
    """Parse an archive record; a record that lacks a section gets an error naming it."""
    file = Path(path)
    data = _read_bytes(file, max_megabytes)
    return parse_record(
        decode(data, name=str(path), encoding=encoding),
        name=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def parse_record(text: str, *, name: str = "<record>", sha256: str = "") -> ArchiveRecord:
    """Parse the text of an archive record (see `read_record`).

    A record is parsed, not collated as it stands: its sections are read line by line, so its
    line ends, whatever they are, become ``\n``, and the transcript taken out of it is a text
    of its own."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    headings = list(_HEADING.finditer(text))
    found = [m.group(1) for m in headings]
    for section in _SECTIONS:
        if section not in found:
            raise InputError(f"{name}: the record has no '{section}:' section")
    if found.index("Contents") != len(found) - 1 or len(set(found)) != len(found):
        raise InputError(f"{name}: sections out of order or repeated: {', '.join(found)}")
    bodies = {}
    for here, after in zip(headings, [*headings[1:], None], strict=True):
        bodies[here.group(1)] = text[here.end() : after.start() if after else len(text)]
    head = [line.strip() for line in text[: headings[0].start()].splitlines() if line.strip()]
    if len(head) < 2:
        raise InputError(f"{name}: the record needs a date line and a title line before 'Citation:'")
    date, title = head[0], " ".join(head[1:]).strip("*").strip()
    contents = bodies["Contents"]
    transcript_line = _TRANSCRIPT.search(contents)
    if transcript_line is None:
        raise InputError(f"{name}: the 'Contents:' section has no 'Transcript - <language>' line")
    transcript = contents[transcript_line.end() :].strip("\n").rstrip()
    if not transcript.strip():
        raise InputError(f"{name}: the transcript is empty")
    citation = _paragraph(bodies["Citation"])
    url_match = _URL.search(citation)
    url = (url_match.group(1) or url_match.group(2)) if url_match else None
    if url_match:
        citation = (citation[: url_match.start()] + citation[url_match.end() :]).strip()
    summary = _paragraph(bodies["Summary"])
    if not summary:
        raise InputError(f"{name}: the 'Summary:' section is empty")
    return ArchiveRecord(
        title=title,
        date=date,
        iso_date=_iso_date(date),
        citation=citation,
        url=url,
        summary=summary,
        credits=_paragraph(bodies["Credits"]),
        language=_paragraph(bodies["Original Language"]),
        transcript_language=transcript_line.group("language"),
        transcript=transcript + "\n",
        sha256=sha256,
    )


def format_record(record: ArchiveRecord) -> str:
    """The text of an archive record in the seed's layout, which `parse_record` reads back:
    the date and title, then the Citation (and its address), Summary, Credits, Original
    Language and Contents sections, the transcript last."""
    citation = record.citation + (f"\n<{record.url}>" if record.url else "")
    sections = [
        ("Citation", citation),
        ("Summary", record.summary),
        ("Credits", record.credits),
        ("Original Language", record.language),
        ("Contents", f"Transcript - {record.transcript_language}\n\n{record.transcript.rstrip()}"),
    ]
    body = "".join(f"{heading}:\n\n{text}\n\n" for heading, text in sections)
    return f"\n\n{record.date}\n**{record.title}**\n\n{body.rstrip()}\n"


def record_witnesses(record: ArchiveRecord, *, siglum: str | None = None, path: str = "") -> list[Witness]:
    """An archive record as two witnesses: its transcript (role ``source``, siglum from the
    title unless given) and its summary (role ``summary``), the title and date as metadata."""
    name = siglum or record.siglum
    metadata = {"title": record.title, "date": record.date}
    return [
        witness_from_text(name, record.transcript, role=Role.SOURCE, path=path, metadata=metadata),
        witness_from_text("summary", record.summary + "\n", role=Role.SUMMARY, path=path, metadata=metadata),
    ]


def _paragraph(body: str) -> str:
    """A section's text: its lines joined, blank lines keeping paragraphs apart."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body.strip())]
    return "\n\n".join(p for p in paragraphs if p)


def _iso_date(date: str) -> str | None:
    for layout in ("%B %d, %Y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(date, layout).date().isoformat()
        except ValueError:
            continue
    return None


def _read_bytes(file: Path, max_megabytes: float | None = None) -> bytes:
    if not file.exists():
        raise InputError(f"{file}: no such file")
    if file.is_dir():
        raise InputError(f"{file}: is a folder, not a file")
    limit = DEFAULT_MAX_MEGABYTES if max_megabytes is None else max_megabytes
    try:
        size = file.stat().st_size
    except OSError as error:
        raise InputError(f"{file}: cannot read: {error.strerror}") from None
    if size > limit * 1_000_000:
        raise InputError(
            f"{file}: {size / 1_000_000:,.1f} MB is over the limit of {limit:g} MB per witness "
            f"(collating takes about 100 MB of memory per MB of text); raise it with --max-size "
            "or [limits] max_megabytes in collate.toml if the machine has the memory"
        )
    try:
        return file.read_bytes()
    except OSError as error:
        raise InputError(f"{file}: cannot read: {error.strerror}") from None


def load_file(
    path: str | Path,
    *,
    siglum: str | None = None,
    role: Role | str = Role.WITNESS,
    encoding: str | None = None,
    normalization: Normalization | None = None,
    display_path: str | None = None,
    max_megabytes: float | None = None,
) -> list[Witness]:
    """The witnesses in one file, by its suffix: ``.json`` CollateX JSON input (its own ids
    are the sigla), ``.xml`` TEI, anything else plain text."""
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return load_collatex_json(
            path, normalization=normalization, encoding=encoding, max_megabytes=max_megabytes
        )
    if suffix == ".xml":
        return [
            load_tei(
                path,
                siglum=siglum,
                role=role,
                normalization=normalization,
                display_path=display_path,
                max_megabytes=max_megabytes,
            )
        ]
    return [
        load_text(
            path,
            siglum=siglum,
            role=role,
            encoding=encoding,
            normalization=normalization,
            display_path=display_path,
            max_megabytes=max_megabytes,
        )
    ]


def load_paths(
    paths: Sequence[str | Path],
    *,
    encoding: str | None = None,
    normalization: Normalization | None = None,
    progress: Progress | None = None,
    summaries: Sequence[str | Path] = (),
    named: Sequence[tuple[str, str | Path]] = (),
    max_megabytes: float | None = None,
) -> list[Witness]:
    """Witnesses from files named on a command line (see `load_file`): ``paths``, then
    ``named`` (``(siglum, path)`` pairs: the witness in that file, with that siglum), then
    ``summaries`` with the role ``summary``; refuses two witnesses with one siglum. Each
    witness's path is as `collate.paths.shown` gives it: relative, with forward slashes."""
    from collate.paths import shown

    listed: list[tuple[str | Path, Role, str | None]] = [
        *((p, Role.WITNESS, None) for p in paths),
        *((p, Role.WITNESS, siglum) for siglum, p in named),
        *((p, Role.SUMMARY, None) for p in summaries),
    ]
    check_count(len(listed), name="the command line")
    witnesses: list[Witness] = []
    for done, (path, role, siglum) in enumerate(listed):
        if progress:
            progress("reading", done, len(listed))
        if siglum is not None:
            problem = siglum_problem(siglum)
            if problem is not None:
                raise InputError(f"{siglum}={path}: siglum {siglum!r}: {problem}")
            if Path(path).suffix.lower() == ".json":
                raise InputError(
                    f"{siglum}={path}: a CollateX JSON file names its own witnesses; give it without a siglum"
                )
        witnesses.extend(
            load_file(
                path,
                siglum=siglum,
                role=role,
                encoding=encoding,
                normalization=normalization,
                display_path=shown(path),
                max_megabytes=max_megabytes,
            )
        )
    if progress:
        progress("reading", len(listed), len(listed))
    check_count(len(witnesses), name="the files named")
    seen: dict[str, str] = {}
    for witness in witnesses:
        if witness.siglum in seen:
            raise InputError(
                f"duplicate siglum {witness.siglum!r} ({seen[witness.siglum]} and {witness.path}); "
                "name them apart: -w SIGLUM=FILE"
            )
        seen[witness.siglum] = witness.path or ""
    return witnesses


def read_regularization(path: str | Path) -> dict[str, str]:
    """A regularisation table from a file (``--regularize``), with the meaning of a manifest's
    ``[normalize.regularize]``: each form and the form it counts as. TOML (``.toml``: the
    pairs at the top level, or a ``collate.toml``'s ``[normalize.regularize]``), or two columns
    of tab- or comma-separated text (``.tsv``, ``.csv``; a ``#`` line is a comment)."""
    import csv

    from collate.errors import ManifestError

    file = Path(path)
    suffix = file.suffix.lower()
    if suffix == ".toml":
        _, data = read_config(file, what="regularisation table")
        normalize = data.get("normalize")
        table = normalize.get("regularize", {}) if isinstance(normalize, dict) else data
    elif suffix in (".tsv", ".csv"):
        text = decode(_read_bytes(file, MAX_CONFIG_BYTES / 1_000_000), name=str(file))
        rows = csv.reader(text.splitlines(), delimiter="," if suffix == ".csv" else "\t")
        table = {}
        for number, row in enumerate(rows, 1):
            if not "".join(row).strip() or row[0].lstrip().startswith("#"):
                continue
            if len(row) != 2 or not row[0].strip():
                raise ManifestError(f"{file}:{number}: a row is two columns: a form, the form it counts as")
            table[row[0].strip()] = row[1].strip()
    else:
        raise ManifestError(f"{file}: a regularisation table is .toml, .tsv or .csv")
    return dict(Normalization.from_mapping({"regularize": table}, where=str(file)).regularize)


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
