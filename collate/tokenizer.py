"""Split a witness into tokens and give each its normalised form.

Tokenizing is lossless: every code point of the text belongs to exactly one token, either to
its verbatim ``text`` or to the whitespace (``space``) that follows it, so joining
``text + space`` over the tokens rebuilds the witness exactly.

Normalisation is data (`Normalization`), not code: case folding, the Unicode form, what to do
with punctuation and with bracketed editorial insertions, and a table of regularisations
(``"rail roads" = "railroads"``) that users extend in their manifest.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate, repeat
from operator import add
from typing import Any, Literal

from collate._gc import pauses_gc
from collate.config import NORMALIZE, checked, defaults
from collate.errors import ConfigError, ManifestError
from collate.model import EditorialSign, EditorialSpan, Span, Token, TokenKind

# Combining marks belong to the word they sit on (Greek accents, decomposed Latin letters).
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# Signs that stand inside a word in manuscript transcriptions: the suspension stroke
# (ανθρωπω¯ for ανθρωπων) and the staurogram (σ⳨ον).
_SIGNS = "\u00af\u2ce8"
_WORD = rf"[\w{_MARKS}{_SIGNS}]+(?:['\u2019\-][\w{_MARKS}{_SIGNS}]+)*"
# A punctuation mark; an ellipsis or a dash written as several marks is one token.
_PUNCT = r"\.{2,}|-{2,}|[^\w\s]"
_TOKEN = re.compile(rf"(?:({_WORD})|({_PUNCT}))(\s*)")
_LEADING_SPACE = re.compile(r"\s+")
_EDITORIAL = re.compile(
    "[\u27e6\u301a\\[\u27e8\u2329\u3008<]"
    "(?:(?<=[\u27e6\u301a])(?P<erased>[^\u27e6\u27e7\u301a\u301b\n]*)[\u27e7\u301b]"
    "|(?<=\\[)\\[(?P<double>[^\\[\\]\n]*)\\]\\]"
    "|(?<=\\[)(?P<square>[^\\[\\]\n]*)\\]"
    "|(?<=[\u27e8\u2329\u3008])(?P<angle>[^\u27e8\u27e9\u2329\u232a\u3008\u3009\n]*)[\u27e9\u232a\u3009]"
    "|(?<!\\w<)(?<=<)(?P<ascii>(?=\\S)[^<>\n=/\"'&;:{}()\\[\\]]*(?<=\\S))>(?!\\w))"
)
"""Editorial brackets on one line: Leiden's double brackets, square brackets, angle brackets
(mathematical, CJK and the old angle brackets), and ASCII ``< >``. The pattern opens with the
set of opening brackets alone, so that the engine skips to them (ten times as fast on a novel
as one alternation of the four); what follows depends on which bracket opened."""

UnicodeForm = Literal["NFC", "NFKC", "NFD", "NFKD"]
PunctuationPolicy = Literal["keep", "ignore"]
EditorialPolicy = Literal["ignore", "keep"]


@dataclass(frozen=True, slots=True)
class Normalization:
    """How tokens are compared.

    - ``casefold``: compare without case (``True``).
    - ``unicode_form``: the Unicode normal form of ``norm`` (``"NFC"``), so that the
      precomposed and decomposed spellings of a word match.
    - ``punctuation``: ``"keep"`` punctuation marks as tokens that align like words, or
      ``"ignore"`` them in matching (they stay in the text and the reports).
    - ``editorial``: bracketed insertions such as ``[Xinjiang]`` are an editor's, not the
      witness's: ``"ignore"`` leaves them out of matching (the default), ``"keep"`` matches them.
    - ``regularize``: a table from a form to the form it counts as, for one word or several
      (``{"rail roads": "railroads", "θσ": "θεοσ"}``). Keys and values are normalised like
      tokens before use.
    """

    casefold: bool = True
    unicode_form: UnicodeForm = "NFC"
    punctuation: PunctuationPolicy = "keep"
    editorial: EditorialPolicy = "ignore"
    regularize: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.unicode_form not in ("NFC", "NFKC", "NFD", "NFKD"):
            raise ConfigError(f"unicode form must be NFC, NFKC, NFD or NFKD, not {self.unicode_form!r}")
        if self.punctuation not in ("keep", "ignore"):
            raise ConfigError(f"punctuation must be 'keep' or 'ignore', not {self.punctuation!r}")
        if self.editorial not in ("keep", "ignore"):
            raise ConfigError(f"editorial must be 'keep' or 'ignore', not {self.editorial!r}")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, where: str = "") -> Normalization:
        """Build from a manifest's ``[normalize]`` table (`collate.config.NORMALIZE`),
        rejecting unknown keys and values; ``where`` names the file in messages."""
        try:
            given = checked(NORMALIZE, data, where)
        except ManifestError as error:
            raise ConfigError(str(error)) from None
        return cls(**{**defaults(NORMALIZE), **given})

    def normalize(self, text: str) -> str:
        """The compared form of one verbatim token (regularisation not applied)."""
        form = unicodedata.normalize(self.unicode_form, text)
        if self.casefold:
            form = unicodedata.normalize(self.unicode_form, form.casefold())
        return form


@pauses_gc
def tokenize(
    text: str, normalization: Normalization | None = None, *, signs: tuple[EditorialSpan, ...] | None = None
) -> tuple[Token, ...]:
    """Split ``text`` into tokens with code-point offsets and normalised forms; ``signs``, the
    text's `editorial_signs` where the caller has them already.

    >>> [t.text for t in tokenize("The rail roads [sic] ran.")]
    ['The', 'rail', 'roads', '[', 'sic', ']', 'ran', '.']
    >>> rules = Normalization(regularize={"rail roads": "railroads"})
    >>> [t.norm for t in tokenize("The rail roads ran.", rules)]
    ['the', 'railroads', 'ran', '.']
    """
    norm = normalization or Normalization()
    single, multi = _regularization_tables(norm)
    pieces = _split(text)
    if multi:
        pieces = _merge_regularized(text, pieces, norm, multi)
    starts, ends, verbatims, spaces, kinds, presets = pieces
    # Normalise each distinct form once; the loop below stays in C as far as it can.
    forms: dict[str, str] = {}
    shared: dict[str, str] = {}
    for verbatim in set(verbatims):
        form = norm.normalize(verbatim)
        forms[verbatim] = single.get(form, form)
        shared[verbatim] = verbatim
    norms = list(map(forms.__getitem__, verbatims))
    # One string for each distinct word, not one per occurrence: a novel's "the" is one
    # object, not four thousand (a third of the tokens' memory).
    verbatims = list(map(shared.__getitem__, verbatims))
    for k, preset in presets.items():
        norms[k] = preset
    if norm.punctuation == "ignore":
        norms = ["" if kind is TokenKind.PUNCT else n for n, kind in zip(norms, kinds, strict=True)]
    inside = _inside(editorial_signs(text) if signs is None else signs, starts)
    if norm.editorial == "ignore" and any(inside):
        norms = ["" if i else n for n, i in zip(norms, inside, strict=True)]
    if kinds and kinds[0] is TokenKind.SPACE:
        norms[0] = ""
    # tuple.__new__ straight from the columns, in C: a named tuple's own __new__ is a Python
    # function, called once a token
    rows = zip(range(len(starts)), starts, ends, verbatims, spaces, norms, kinds, inside, repeat(None))
    return tuple(map(partial(tuple.__new__, Token), rows))


def unaccented(text: str) -> str:
    """``text`` without its combining marks (accents, breathings, diaereses): ``σὺ`` and
    ``σύ`` are ``συ``, ``café`` is ``cafe``. For comparing words whose marks are a printer's or
    an editor's, not a scribe's."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def editorial_insertions(text: str) -> tuple[Span, ...]:
    """Spans of bracketed editorial insertions, glosses (``[Xinjiang]``), brackets included."""
    return tuple(Span(e.start, e.end) for e in editorial_signs(text) if e.sign is EditorialSign.GLOSS)


def _has_letter(text: str) -> bool:
    return any(unicodedata.category(c)[0] == "L" for c in text)


def _words_supplied(inner: str) -> bool:
    """Whether what ASCII ``< >`` hold reads as words an editor supplied, not markup."""
    return _has_letter(inner) and (" " in inner.strip() or not inner.isascii())


def editorial_signs(text: str) -> tuple[EditorialSpan, ...]:
    """The editorial brackets of a transcription, each with what it means, in text order.

    Square brackets with letters in them are a gloss (``[Xinjiang]``, ``[sic]``); with none,
    a lacuna (``[...]``, ``[…]``, ``[   ]``, ``[– – –]``, ``[.3.]``: CNTR's and Leiden's marks
    of lost text). Angle brackets are text an editor supplied (``⟨και⟩``, ``〈et〉``); ASCII
    ``< >`` only where what they hold is words with a space between them or in a script
    other than Latin (``<and the>``, ``<και>``), and the brackets stand apart from the words
    around them, since ``<b>`` or ``<script>`` is markup and ``x<y and y>z`` a comparison,
    not an edition's sign. Double square brackets (``⟦ ⟧``, or ``[[ ]]`` in ASCII) are text
    the document marks as not its own: what its scribe erased (Leiden), or a passage a
    critical edition's editors hold to be a later addition (Westcott and Hort's ``[[ ]]``).

    >>> text = "a [...] b [sic] ⟨c⟩ ⟦d⟧ <και> <b> [[e f]]"
    >>> [(text[e.start : e.end], e.sign.value) for e in editorial_signs(text)][:2]
    [('[...]', 'lacuna'), ('[sic]', 'gloss')]
    >>> [(text[e.start : e.end], e.sign.value) for e in editorial_signs(text)][2:]
    [('⟨c⟩', 'supplied'), ('⟦d⟧', 'erased'), ('<και>', 'supplied'), ('[[e f]]', 'erased')]
    """
    found = []
    for match in _EDITORIAL.finditer(text):
        inner = match.group(match.lastgroup or 0)
        if match.lastgroup in ("erased", "double"):
            sign = EditorialSign.ERASED
        elif match.lastgroup == "square":
            sign = EditorialSign.GLOSS if _has_letter(inner) else EditorialSign.LACUNA
        elif match.lastgroup == "angle" or _words_supplied(inner):
            sign = EditorialSign.SUPPLIED
        else:
            continue
        found.append(EditorialSpan(match.start(), match.end(), sign))
    return tuple(found)


_Pieces = tuple[list[int], list[int], list[str], list[str], list[TokenKind], dict[int, str]]
"""Token starts, ends, verbatim texts, following whitespace, kinds, and norms fixed in advance."""


def _split(text: str) -> _Pieces:
    leading = _LEADING_SPACE.match(text)
    position = leading.end() if leading else 0
    found = _TOKEN.findall(text, position)
    words, puncts, spaces = (list(column) for column in zip(*found, strict=True)) if found else ([], [], [])
    verbatims = list(map(add, words, puncts))  # a word or a mark: the other is empty
    kind = {True: TokenKind.WORD, False: TokenKind.PUNCT}
    kinds = list(map(kind.__getitem__, map(bool, words)))
    starts = list(accumulate(map(len, map(add, verbatims, spaces)), initial=position))[:-1]
    ends = list(map(add, starts, map(len, verbatims)))
    if leading:
        starts.insert(0, 0)
        ends.insert(0, position)
        verbatims.insert(0, leading.group())
        spaces.insert(0, "")
        kinds.insert(0, TokenKind.SPACE)
    return starts, ends, verbatims, spaces, kinds, {}


def _inside(brackets: tuple[EditorialSpan, ...], starts: list[int]) -> list[bool]:
    """Whether each token starts inside an editorial sign (in text order)."""
    if not brackets:
        return [False] * len(starts)
    mask = []
    b = 0
    for start in starts:
        while b < len(brackets) and brackets[b].end <= start:
            b += 1
        mask.append(b < len(brackets) and brackets[b].start <= start)
    return mask


def _regularization_tables(
    norm: Normalization,
) -> tuple[dict[str, str], dict[tuple[str, ...], str]]:
    """The regularisation table, split into one-word and several-word entries."""
    single: dict[str, str] = {}
    multi: dict[tuple[str, ...], str] = {}
    plain = Normalization(casefold=norm.casefold, unicode_form=norm.unicode_form)
    for key, value in norm.regularize.items():
        words = tuple(t.norm for t in tokenize(key, plain) if t.norm)
        if len(words) == 1:
            single[words[0]] = norm.normalize(value)
        elif words:
            multi[words] = norm.normalize(value)
    return single, multi


def _merge_regularized(
    text: str, pieces: _Pieces, norm: Normalization, table: dict[tuple[str, ...], str]
) -> _Pieces:
    """Merge runs of tokens that a several-word regularisation names into one token."""
    starts, ends, verbatims, spaces, kinds, _ = pieces
    longest = max(len(k) for k in table)
    forms = [
        norm.normalize(v) if k is not TokenKind.SPACE else "" for v, k in zip(verbatims, kinds, strict=True)
    ]
    merged: _Pieces = ([], [], [], [], [], {})
    i = 0
    while i < len(starts):
        size, preset = 1, None
        for width in range(min(longest, len(starts) - i), 1, -1):
            key = tuple(forms[i : i + width])
            if key in table:
                size, preset = width, table[key]
                break
        last = i + size - 1
        if preset is not None:
            merged[5][len(merged[0])] = preset
        merged[0].append(starts[i])
        merged[1].append(ends[last])
        merged[2].append(text[starts[i] : ends[last]])
        merged[3].append(spaces[last])
        merged[4].append(TokenKind.WORD if preset is not None else kinds[i])
        i += size
    return merged
