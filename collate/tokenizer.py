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
from typing import Any, Literal

from collate.errors import ConfigError
from collate.model import Span, Token, TokenKind

# Combining marks belong to the word they sit on (Greek accents, decomposed Latin letters).
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = rf"[\w{_MARKS}]+(?:['\u2019\-][\w{_MARKS}]+)*"
# A punctuation mark; an ellipsis or a dash written as several marks is one token.
_PUNCT = r"\.{2,}|-{2,}|[^\w\s]"
_TOKEN = re.compile(rf"(?:({_WORD})|({_PUNCT}))(\s*)")
_LEADING_SPACE = re.compile(r"\s+")
_BRACKETED = re.compile(r"\[[^\[\]\n]*\]")

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
    def from_mapping(cls, data: Mapping[str, Any], *, where: str = "normalize") -> Normalization:
        """Build from a manifest's ``[normalize]`` table, rejecting unknown keys."""
        known = {"casefold", "unicode_form", "punctuation", "editorial", "regularize"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(
                f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        regularize = data.get("regularize", {})
        if not isinstance(regularize, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in regularize.items()
        ):
            raise ConfigError(f"{where}.regularize must be a table of strings")
        casefold = data.get("casefold", True)
        if not isinstance(casefold, bool):
            raise ConfigError(f"{where}.casefold must be true or false")
        return cls(
            casefold=casefold,
            unicode_form=data.get("unicode_form", "NFC"),
            punctuation=data.get("punctuation", "keep"),
            editorial=data.get("editorial", "ignore"),
            regularize=dict(regularize),
        )

    def normalize(self, text: str) -> str:
        """The compared form of one verbatim token (regularisation not applied)."""
        form = unicodedata.normalize(self.unicode_form, text)
        if self.casefold:
            form = unicodedata.normalize(self.unicode_form, form.casefold())
        return form


def tokenize(text: str, normalization: Normalization | None = None) -> tuple[Token, ...]:
    """Split ``text`` into tokens with code-point offsets and normalised forms.

    >>> [t.text for t in tokenize("The rail roads [sic] ran.")]
    ['The', 'rail', 'roads', '[', 'sic', ']', 'ran', '.']
    >>> rules = Normalization(regularize={"rail roads": "railroads"})
    >>> [t.norm for t in tokenize("The rail roads ran.", rules)]
    ['the', 'railroads', 'ran', '.']
    """
    norm = normalization or Normalization()
    single, multi = _regularization_tables(norm)
    raw = _split(text)
    if multi:
        raw = _merge_regularized(text, raw, norm, multi)
    brackets = editorial_insertions(text)
    ignore_punct = norm.punctuation == "ignore"
    ignore_editorial = norm.editorial == "ignore"
    forms: dict[str, str] = {}
    punct, space_kind = TokenKind.PUNCT, TokenKind.SPACE
    tokens: list[Token] = []
    append = tokens.append
    bracket = 0
    for index, (start, end, space, kind, preset) in enumerate(raw):
        verbatim = text[start:end]
        if kind is space_kind:
            append(Token(index, start, end, verbatim, space, "", kind, False))
            continue
        form = preset if preset is not None else forms.get(verbatim)
        if form is None:
            form = norm.normalize(verbatim)
            form = forms[verbatim] = single.get(form, form)
        inside = False
        if brackets:
            while bracket < len(brackets) and brackets[bracket].end <= start:
                bracket += 1
            inside = bracket < len(brackets) and brackets[bracket].start <= start
        if (inside and ignore_editorial) or (ignore_punct and kind is punct):
            form = ""
        append(Token(index, start, end, verbatim, space, form, kind, inside))
    return tuple(tokens)


def editorial_insertions(text: str) -> tuple[Span, ...]:
    """Spans of bracketed editorial insertions (``[Xinjiang]``), brackets included."""
    return tuple(Span(m.start(), m.end()) for m in _BRACKETED.finditer(text))


_Raw = tuple[int, int, str, TokenKind, "str | None"]
"""start, end, the whitespace after the token, its kind, and a norm fixed in advance."""


def _split(text: str) -> list[_Raw]:
    raw: list[_Raw] = []
    append = raw.append
    leading = _LEADING_SPACE.match(text)
    position = 0
    if leading:
        position = leading.end()
        append((0, position, "", TokenKind.SPACE, None))
    word, punct = TokenKind.WORD, TokenKind.PUNCT
    for match in _TOKEN.finditer(text, position):
        verbatim_word, verbatim_punct, space = match.groups()
        start = match.start()
        if verbatim_word is not None:
            append((start, start + len(verbatim_word), space, word, None))
        else:
            append((start, start + len(verbatim_punct), space, punct, None))
    return raw


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
    text: str, raw: list[_Raw], norm: Normalization, table: dict[tuple[str, ...], str]
) -> list[_Raw]:
    """Merge runs of tokens that a several-word regularisation names into one token."""
    longest = max(len(k) for k in table)
    forms = [norm.normalize(text[r[0] : r[1]]) if r[3] is not TokenKind.SPACE else "" for r in raw]
    merged: list[_Raw] = []
    i = 0
    while i < len(raw):
        for size in range(min(longest, len(raw) - i), 1, -1):
            key = tuple(forms[i : i + size])
            if key in table:
                first, last = raw[i], raw[i + size - 1]
                merged.append((first[0], last[1], last[2], TokenKind.WORD, table[key]))
                i += size
                break
        else:
            merged.append(raw[i])
            i += 1
    return merged
