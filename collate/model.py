"""Value types shared by every part of collate.

All of them are frozen: once a witness is loaded, nothing downstream changes it. Offsets are
half-open ``(start, end)`` code-point offsets into `Witness.text`, and for every token
``witness.text[token.start:token.end] == token.text`` holds. The text of a witness is rebuilt
exactly by joining ``token.text + token.space`` over its tokens.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from collate.errors import InputError

SIGLUM_MAX_LENGTH = 64
_SIGLUM_PUNCTUATION = frozenset("-_.")


def siglum_problem(siglum: object) -> str | None:
    """Why ``siglum`` cannot name a witness, or None if it can.

    A siglum is 1 to 64 characters: letters of any script (with their combining marks),
    decimal digits, ``-``, ``_`` and ``.``, with at least one letter or digit. No whitespace,
    markup, quotes or path separators: a siglum names files and XML ids.

    >>> siglum_problem("MS-c58"), siglum_problem("Ψ.1"), siglum_problem("1818")
    (None, None, None)
    >>> siglum_problem("../etc")
    "'/' is not allowed (letters, digits, '-', '_' and '.' only)"
    """
    if not isinstance(siglum, str) or not siglum:
        return "a siglum must be a non-empty string"
    if len(siglum) > SIGLUM_MAX_LENGTH:
        return f"longer than {SIGLUM_MAX_LENGTH} characters"
    for char in siglum:
        category = unicodedata.category(char)
        if not (category[0] in "LM" or category == "Nd" or char in _SIGLUM_PUNCTUATION):
            shown = repr(char) if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
            return f"{shown} is not allowed (letters, digits, '-', '_' and '.' only)"
    if not any(unicodedata.category(c)[0] == "L" or unicodedata.category(c) == "Nd" for c in siglum):
        return "needs a letter or a digit"
    return None


def check_siglum(siglum: object, *, where: str = "") -> str:
    """``siglum`` if it can name a witness (see `siglum_problem`); else an `InputError`."""
    problem = siglum_problem(siglum)
    if problem is not None:
        raise InputError(f"{where + ': ' if where else ''}siglum {siglum!r}: {problem}")
    assert isinstance(siglum, str)
    return siglum


def siglum_from_name(name: str) -> str:
    """A siglum made from a file name's stem: characters a siglum cannot hold become ``_``.

    >>> siglum_from_name("MS c57 (copy)"), siglum_from_name("1818")
    ('MS_c57_copy', '1818')
    """
    if siglum_problem(name) is None:
        return name
    kept = "".join(
        c
        if unicodedata.category(c)[0] in "LM" or unicodedata.category(c) == "Nd" or c in _SIGLUM_PUNCTUATION
        else "_"
        for c in name
    )
    collapsed = "_".join(part for part in kept.split("_") if part) or "witness"
    if siglum_problem(collapsed) is not None:
        collapsed = "w" + collapsed[: SIGLUM_MAX_LENGTH - 1] if collapsed.strip("-_.") else "witness"
    return collapsed[:SIGLUM_MAX_LENGTH]


Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while long work runs (a collation, a batch, a
discovery): the command line draws it as a bar."""


class Status(StrEnum):
    """What an editor decided about an anomaly (a correction's ``status``)."""

    ACCEPTED = "accepted"
    """The anomaly is an error: the reading is emended."""
    AUTHORIAL = "authorial"
    """The anomaly is intended (the author's repetition, the archive's gloss): the text stands."""


class Kinship(StrEnum):
    """What two collated witnesses are to each other (`Relation.relation`; the manifest's
    ``[collation] relation``)."""

    COPIES = "copies"
    """Copies of one text, by hand or by machine (a first hand and its corrected state too)."""
    REVISIONS = "revisions"
    """Versions an author revised."""
    INDEPENDENT = "independent"
    """Witnesses at some remove from each other (manuscripts of a work, critical editions)."""


class Role(StrEnum):
    """What a witness is to the collation (the `role` key of the manifest)."""

    SOURCE = "source"
    """The text the others are measured against, where one is (a cable, an edition)."""
    WITNESS = "witness"
    """A copy collated on equal terms with the others."""
    SUMMARY = "summary"
    """A reading of the source, checked against it rather than collated word by word."""


class TokenKind(StrEnum):
    """What a token is made of."""

    WORD = "word"
    PUNCT = "punct"
    SPACE = "space"
    """Whitespace at the very start of a witness (everywhere else it rides on `Token.space`)."""


class AnomalyKind(StrEnum):
    """Stable slugs of the anomalies collate reports (part of the JSON contract)."""

    DITTOGRAPHY = "dittography"
    OMISSION = "omission"
    ADDITION = "addition"
    TRANSPOSITION = "transposition"
    SPELLING_VARIATION = "spelling-variation"
    EDITORIAL_INSERTION = "editorial-insertion"
    SUMMARY_UNSUPPORTED = "summary-unsupported"
    SUMMARY_DROPPED_CONDITION = "summary-dropped-condition"
    SUMMARY_DROPPED_HEDGE = "summary-dropped-hedge"
    SUMMARY_ALTERED_TERM = "summary-altered-term"
    SUMMARY_CHANGED_NUMBER = "summary-changed-number"
    SUMMARY_CHANGED_QUANTITY = "summary-changed-quantity"
    SUMMARY_CHANGED_SCOPE = "summary-changed-scope"
    SUMMARY_CONTRADICTED = "summary-contradicted"
    SUMMARY_UNSUPPORTED_LINK = "summary-unsupported-link"
    SUMMARY_CHANGED_ATTRIBUTION = "summary-changed-attribution"


class EditorialSign(StrEnum):
    """What an editor's brackets in a transcription mean (see `collate.tokenizer.editorial_signs`)."""

    GLOSS = "gloss"
    """Words in square brackets: an editor's gloss or note (``Sinkiang [Xinjiang]``, ``[sic]``)."""
    LACUNA = "lacuna"
    """Square brackets with no letters in them (``[...]``, ``[…]``, ``[   ]``, ``[– – –]``,
    ``[.3.]``): text lost from the document, which no copyist omitted."""
    SUPPLIED = "supplied"
    """Angle brackets (``⟨και⟩``, ``<and the>``): text an editor supplied that the document lacks."""
    ERASED = "erased"
    """Double square brackets (``⟦ ⟧``, ``[[ ]]``): text the document has but marks as not its
    own: struck out by its scribe (Leiden), or held by an edition's editors to be a later
    addition (Westcott and Hort's ``[[ ]]``)."""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of code points in one witness."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span: ({self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class EditorialSpan:
    """A bracketed span of a transcription, brackets included, and what its brackets mean."""

    start: int
    end: int
    sign: EditorialSign


class Token(NamedTuple):
    """One word or punctuation mark of a witness.

    ``text`` is the verbatim slice ``witness.text[start:end]``; ``space`` is the verbatim
    whitespace that follows it; ``norm`` is the form compared during alignment. A token whose
    ``norm`` is empty takes no part in matching (leading whitespace, punctuation when the
    policy ignores it, editorial insertions when they are left out of matching).

    Tokens are immutable like every value here, but a named tuple rather than a frozen
    dataclass: a novel has hundreds of thousands of them, and a named tuple is made in a
    quarter of the time.
    """

    i: int
    """The token's index in the witness's tokens (as spaCy's ``Token.i``)."""
    start: int
    end: int
    text: str
    space: str
    norm: str
    kind: TokenKind = TokenKind.WORD
    editorial: bool = False
    """The token lies inside a bracketed editorial insertion such as ``[Xinjiang]``."""
    extra: Mapping[str, Any] | None = None
    """Keys of a pre-tokenised CollateX token other than ``t`` and ``n``, kept unchanged."""

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def matchable(self) -> bool:
        return bool(self.norm)


_CLOSING = frozenset({"Po", "Pe", "Pf", "Pd"})
"""Unicode categories of marks that end or follow what went before: full stops, commas,
closing brackets and quotes, dashes."""
_EITHER_WAY = "\"'¿¡"
"""Marks of those categories that may open what follows."""


@dataclass(frozen=True, slots=True, repr=False)
class Witness:
    """One version of the text, with its tokens.

    ``text`` is the text exactly as decoded (BOM dropped, line ends as read in text mode).
    """

    siglum: str
    text: str
    tokens: tuple[Token, ...]
    role: Role = Role.WITNESS
    path: str | None = None
    """Where the witness was read from, as the user named it (relative to a manifest)."""
    signs: tuple[EditorialSpan, ...] = ()
    """Every editorial sign of the transcription, in text order: glosses, lacunae, supplied
    and erased text (see `EditorialSign`), brackets included, all kept apart from matching."""
    metadata: Mapping[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        check_siglum(self.siglum, where=self.path or "")

    @property
    def sha256(self) -> str:
        """SHA-256 of the text encoded as UTF-8 (an unpaired surrogate, which a string made in
        Python or read from JSON can hold, as its three bytes: ``surrogatepass``)."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def insertions(self) -> tuple[Span, ...]:
        """Bracketed editorial insertions (glosses, ``[Xinjiang]``), brackets included: what
        the editorial detector reports."""
        return self._signed(EditorialSign.GLOSS)

    def lacunae(self) -> tuple[Span, ...]:
        """Where text is lost from the document (``[...]``)."""
        return self._signed(EditorialSign.LACUNA)

    def _signed(self, sign: EditorialSign) -> tuple[Span, ...]:
        return tuple(Span(e.start, e.end) for e in self.signs if e.sign is sign)

    @property
    def collated(self) -> bool:
        """Whether the witness takes part in word-by-word collation (a summary does not)."""
        return self.role is not Role.SUMMARY

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def __repr__(self) -> str:
        opening = " ".join(self.text.split()[:6])
        return (
            f"<Witness {self.siglum!r} ({self.role.value}): {len(self.text):,} characters, "
            f"{len(self.tokens):,} tokens, “{opening} …”>"
        )

    def word_start(self, start: int, end: int) -> int:
        """Where ``[start, end)`` begins once the marks that close what went before are
        passed (the full stop, comma or closing quote of the sentence before, and the space
        after them), so that a reading or an anomaly is located at its first word, not a line
        or a sentence early; an opening bracket or quote stays, as does a span of marks only.

        >>> from collate.readers import witness_from_text
        >>> witness_from_text("A", "home.\\n\\nAs he said").word_start(4, 18)
        7
        """
        text = self.text
        for at in range(start, end):
            ch = text[at]
            if not (ch.isspace() or (unicodedata.category(ch) in _CLOSING and ch not in _EITHER_WAY)):
                return at
        return start

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a code-point offset, as a compiler reports them.

        >>> from collate.readers import witness_from_text
        >>> witness_from_text("A", "one\\ntwo three").line_col(8)
        (2, 5)
        """
        starts = _line_starts(self.text)
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1


@functools.lru_cache(maxsize=16)
def _line_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts: a report locates thousands of places in one text,
    and counting the line ends before each would be quadratic."""
    return [0, *(m.end() for m in re.finditer("\n", text))]


@dataclass(frozen=True, slots=True)
class Reading:
    """The text one group of witnesses has in a variant unit."""

    witnesses: tuple[str, ...]
    text: str
    """The reading as the first witness of the group writes it, without surrounding space."""
    spans: Mapping[str, Span]
    """Where the reading lies in each witness of the group (empty span: the witness lacks it)."""
    norm: str = ""
    """The normalised reading the witnesses of the group share."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One place of the alignment: the witnesses agree (``variant`` false) or differ."""

    id: str
    variant: bool
    readings: tuple[Reading, ...]

    def reading_of(self, siglum: str) -> Reading | None:
        for reading in self.readings:
            if siglum in reading.spans:
                return reading
        return None


@dataclass(frozen=True, slots=True)
class Transposition:
    """A block of text that two witnesses have at different places (units ``units``)."""

    id: str
    units: tuple[str, str]
    witnesses: tuple[str, str]
    spans: tuple[Span, Span]
    """Where the block lies in each of the two witnesses."""
    tokens: int


@dataclass(frozen=True, slots=True)
class Alignment:
    """Units in order; for every collated witness, their spans tile its whole text."""

    sigla: tuple[str, ...]
    units: tuple[Unit, ...]
    transpositions: tuple[Transposition, ...] = ()
    limits: tuple[str, ...] = ()
    """Where a bound cut the search short (a gap too large to align exactly), in plain words."""

    def moved(self) -> tuple[tuple[str, str, str], ...]:
        """Where a witness reads nothing because it has the words elsewhere: (the unit, the
        witness, the unit where it has them), in unit order. Only where the moved block is
        the whole of what the other witness reads at the unit: a witness that lacks a
        passage, one phrase of which it has elsewhere, omits the passage; it does not
        transpose it."""
        order = {unit.id: k for k, unit in enumerate(self.units)}
        found = set()
        for move in self.transpositions:
            (a, b), (block_a, block_b) = move.witnesses, move.spans
            for mover, other, block in ((a, b, block_b), (b, a, block_a)):
                for here, there in (move.units, move.units[::-1]):
                    unit = self.units[order[here]]
                    mine, theirs = unit.reading_of(mover), unit.reading_of(other)
                    if mine is None or theirs is None or mine.norm or not theirs.norm:
                        continue
                    reading = theirs.spans[other]  # starts inside the block, no longer than it
                    if block.start <= reading.start < block.end and len(theirs.norm.split()) <= move.tokens:
                        found.add((here, mover, there))
        return tuple(sorted(found, key=lambda place: (order[place[0]], place[1], order[place[2]])))


@dataclass(frozen=True, slots=True)
class Location:
    """A span in a named witness: the one type for a place in the texts (an anomaly's
    evidence and reference, a source sentence a summary clause rests on)."""

    witness: str
    start: int
    end: int

    @property
    def span(self) -> Span:
        """The span alone, without its witness."""
        return Span(self.start, self.end)


class Mechanism(StrEnum):
    """The mechanical cause of an omission (`Anomaly.mechanism`)."""

    HOMEOTELEUTON = "homeoteleuton"
    """The eye went from one like ending to the next, and what lay between was lost."""
    HOMEOARCHY = "homeoarchy"
    """The same from one like beginning to the next."""
    HAPLOGRAPHY = "haplography"
    """Words the text has twice written once."""


class Action(StrEnum):
    """What an emendation does (`Emendation.action`, the JSON's ``emendation.action``)."""

    DELETE = "delete"
    """Take the span out (a dittography's second copy, an editor's insertion)."""
    INSERT = "insert"
    """Put ``text`` in at an empty span (an omission mended)."""
    REPLACE = "replace"
    """Put ``text`` in place of the span (a spelling made consistent)."""


@dataclass(frozen=True, slots=True)
class Emendation:
    """What an editor would do about an anomaly: replace ``[start, end)`` with ``text``."""

    action: Action
    start: int
    end: int
    text: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.action, Action):  # the slug, as JSON and older callers give it
            object.__setattr__(self, "action", Action(self.action))


@dataclass(frozen=True, slots=True)
class Anomaly:
    """A suspected transmission error or summary distortion, with its evidence."""

    id: str
    kind: AnomalyKind
    witness: str
    start: int
    end: int
    text: str
    confidence: float
    cause: str = ""
    evidence: tuple[Location, ...] = ()
    reference: Location | None = None
    emendation: Emendation | None = None
    features: Mapping[str, float] = field(default_factory=dict, compare=False)
    mechanism: Mechanism | None = None
    """How an omission came about, where its cause is known (an eye-skip or a haplography);
    the reports read it here (TEI ``@cause``, the apparatus's "per homoeotel."). The JSON
    carries it in ``cause``'s first word, as format 1 always has."""


@dataclass(frozen=True, slots=True)
class SourceLink(Location):
    """A source sentence that supports a summary clause (a `Location`), and how much of the
    clause it covers."""

    score: float


@dataclass(frozen=True, slots=True)
class Link:
    """A clause of a summary, and the source sentences that support it.

    ``score`` is the share of the clause's content (weighted by rarity) that the linked
    sentences cover together: 1 when every word, or a synonym of it, stands in them.
    """

    summary: str
    start: int
    end: int
    text: str
    score: float
    sources: tuple[SourceLink, ...]


@dataclass(frozen=True, slots=True)
class Relation:
    """What two collated witnesses are to each other: ``copies``, ``revisions`` or
    ``independent`` (see `collate.anomalies.relation`), declared or inferred, and why."""

    witnesses: tuple[str, str]
    relation: Kinship
    reason: str
    inferred: bool = True


@dataclass(frozen=True, slots=True, repr=False)
class Apparatus:
    """Everything a report shows: witnesses, their alignment, the anomalies found, and the
    links from each summary clause to its source."""

    witnesses: tuple[Witness, ...]
    alignment: Alignment
    anomalies: tuple[Anomaly, ...] = ()
    links: tuple[Link, ...] = ()
    relations: tuple[Relation, ...] = ()
    """What each pair of collated witnesses is to the other, as the detectors took it."""
    bounded: tuple[str, ...] = ()
    """Where a stage after the alignment (the summary check) reached a bound, in words."""

    @property
    def limits(self) -> tuple[str, ...]:
        """Every place where a bound cut a search short: the alignment's, then the others'."""
        return self.alignment.limits + self.bounded

    def witness(self, siglum: str) -> Witness:
        for witness in self.witnesses:
            if witness.siglum == siglum:
                return witness
        raise KeyError(siglum)

    @property
    def lemma_siglum(self) -> str:
        """The witness whose readings are the lemma: the ``source``, else the first collated."""
        collated = [w for w in self.witnesses if w.collated]
        return next(
            (w.siglum for w in collated if w.role is Role.SOURCE), collated[0].siglum if collated else ""
        )

    def __repr__(self) -> str:
        units = self.alignment.units
        variants = sum(1 for u in units if u.variant)
        sigla = ", ".join(w.siglum for w in self.witnesses)
        return (
            f"<Apparatus of {sigla}: {len(units):,} units ({variants:,} variant), "
            f"{len(self.anomalies):,} anomalies, {len(self.links):,} summary links>"
        )

    def __str__(self) -> str:
        """The text report: the alignment table, summary links and anomalies, as the terminal shows them."""
        return _rendered(self, "text")

    def _repr_html_(self) -> str:
        """The HTML report, for notebooks (the same page the HTML writer produces)."""
        return _rendered(self, "html")


Renderer = Callable[[Apparatus, str], str]
"""What renders an apparatus in a report format (``"text"``, ``"html"`` ...)."""

_RENDERERS: list[Renderer] = []


def register_renderer(renderer: Renderer) -> None:
    """Let the report layer render apparatuses for `Apparatus.__str__` and
    ``_repr_html_``: the model asks, and never imports the layer above it. The report package
    registers its `collate.report.render` when it is imported (``import collate`` does)."""
    _RENDERERS[:] = [renderer]


def _rendered(apparatus: Apparatus, format: str) -> str:
    if not _RENDERERS:
        raise RuntimeError("no report renderer is registered: import collate.report")
    return _RENDERERS[0](apparatus, format)


def at_lacuna(text: str, lacunae: Sequence[Span], span: Span) -> bool:
    """Whether ``span`` of a witness's ``text`` lies at one of its ``lacunae`` (in text order):
    overlapping it, or with nothing between them but whitespace and the numbers a
    transcription puts there (a verse reference, a count of lost lines: ``43020013 1 [...]``)."""
    after = bisect.bisect_right(lacunae, span.end, key=lambda lacuna: lacuna.start)
    if after:
        before = lacunae[after - 1]  # the last to start at or before the span's end
        if before.end >= span.start or _blank(text[before.end : span.start]):
            return True
    return after < len(lacunae) and _blank(text[span.end : lacunae[after].start])


def _blank(between: str) -> bool:
    return all(part.isdigit() for part in between.split())
