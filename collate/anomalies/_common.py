"""Helpers the detectors share: matchable words, confidence from named features."""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import TypeVar

from collate.model import Alignment, Relation, Span, Token, TokenKind, Unit, Witness, at_lacuna
from collate.tokenizer import unaccented

T = TypeVar("T")


def words(witness: Witness) -> list[Token]:
    """The witness's word tokens that take part in matching (no punctuation, no insertions)."""
    return [t for t in witness.tokens if t.norm and t.kind is TokenKind.WORD]


CLAUSE_MARKS = frozenset(".,;:!?\u00b7\u0387\u037e")
"""Marks that end a clause or sentence (full stop, comma, semicolon, colon, the Greek raised
dot and question mark), as opposed to apostrophes, hyphens and editorial brackets."""

PUNCTUATED = 0.01
"""A witness punctuates when at least this share of its words is followed by a clause mark:
printed prose has one every ten to twenty words; a transcription of a manuscript written
without punctuation (the majuscules of John, the hand copies of *Notre besoin*) has none, or
only the dots of its lacuna signs. One in a hundred stands far from both; it is judged on a
hundred words at least (a shorter witness, a sentence without its full stop, says nothing of
its habits, and counts as punctuated)."""


def punctuates(witness: Witness) -> bool:
    """Whether the witness marks its clauses: where it does not, the absence of a comma
    between two copies of a word says nothing about whether the doubling is meant."""
    counted = [t.kind for t in witness.tokens if t.kind is TokenKind.WORD or t.text in CLAUSE_MARKS]
    marks = sum(kind is TokenKind.PUNCT for kind in counted)
    count = len(counted) - marks
    return count < 1 / PUNCTUATED or marks >= PUNCTUATED * count


LIKE = 0.6
"""Two words this alike (Levenshtein's ratio, on scribal keys) may be one reading of the
other: ``ποιησ`` and ``ποιησον``, ``αυτον`` and ``αυτω``; ``could`` and ``have`` are not."""

AROUND = 8
"""Words on each side of a gap or a moved block read to tell a slip from a rewriting."""

REWRITTEN_SHARE = 0.5
"""The share of the words around a difference that read otherwise, from which the passage is
rewritten (`Collation.rewritten`)."""

REWRITTEN = 0.3
"""The most confidence a gap or a moved block has inside a passage rewritten around it: a
rewording, reported under the gate as a moved block between revisions is, not a slip (an
eye-skip or a displaced block leaves the text about it as it was)."""

MEANT = -3.0
"""The weight of punctuation between two short copies ("depart, depart"): a repetition meant.
In a witness that marks no clauses neither can be seen, and a short doubling is weighed as
the mean of the two: -0.5 for one word, -1.5 for two."""

REWORDED = -3.0
"""The weight against a repeat that stands in place of other words of the others
(`Collation.in_place_of`): a slip adds text; a reading that replaces theirs is a variant."""


FITTED: dict[str, tuple[float, float]] = {}
"""For each kind, the bias and the scale of the summed feature weights that logistic
regression fitted on labelled cases (``benchmarks/fit_confidence.py``: scribal
corrections in the CNTR transcriptions of John, errors injected into *Frankenstein*, the
repeats of its print editions).
A detector's features are weights set by hand, so that an editor can read why; a fitted scale
and bias turn their sum into a confidence that is right as often as it says (Platt's scaling:
one scale for the sum keeps the weights' proportions). A fit is used only where, held out, it
beats the hand weights; on the cases there are today none does (see docs/detectors.md), so
the table is empty and every kind keeps its hand weights."""


def confidence(features: Mapping[str, float], bias: float, kind: str = "") -> float:
    """A logistic confidence from additive feature weights (the weights are the features):
    with the hand-set ``bias``, or as fitted for ``kind`` (`FITTED`)."""
    scale = 1.0
    if kind in FITTED:
        bias, scale = FITTED[kind]
    return 1.0 / (1.0 + math.exp(-(bias + scale * sum(features.values()))))


class Collation:
    """The witnesses and their alignment (if any), with what the detectors look up often
    computed once: each witness's words, and where each unit starts in it."""

    def __init__(
        self,
        witnesses: Sequence[Witness],
        alignment: Alignment | None,
        relations: Sequence[Relation] = (),
    ) -> None:
        self.alignment = alignment
        self.witnesses = {w.siglum: w for w in witnesses}
        self._relations = {frozenset(r.witnesses): r for r in relations}
        self._words: dict[str, list[Token]] = {}
        self._keys: dict[str, list[str]] = {}
        self._memo: dict[object, object] = {}
        self._starts: dict[str, list[int]] = {}
        self._unit_starts: dict[str, list[int]] = {}

    def relation(self, a: str, b: str) -> str:
        """What witnesses ``a`` and ``b`` are to each other (copies when nobody said)."""
        found = self._relations.get(frozenset((a, b)))
        return found.relation if found is not None else "copies"

    def declared(self, a: str, b: str) -> bool:
        """Whether the relation of ``a`` and ``b`` was declared, not inferred: a flag that rests
        on the relation alone (a gap nothing explains, a short move) is gated only then."""
        found = self._relations.get(frozenset((a, b)))
        return found is None or not found.inferred

    def copies(self, a: str, b: str) -> bool:
        return self.relation(a, b) == "copies"

    def words(self, siglum: str) -> list[Token]:
        if siglum not in self._words:
            self._words[siglum] = words(self.witnesses[siglum])
        return self._words[siglum]

    def memo(self, key: object, compute: Callable[[], T]) -> T:
        """``compute()``, once per collation and ``key``: what several detectors ask for."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[return-value]

    def keys(self, siglum: str) -> list[str]:
        """The witness's words as `scribal_key` writes them."""
        if siglum not in self._keys:
            self._keys[siglum] = [scribal_key(t.norm) for t in self.words(siglum)]
        return self._keys[siglum]

    def word_starts(self, siglum: str) -> list[int]:
        if siglum not in self._starts:
            self._starts[siglum] = [t.start for t in self.words(siglum)]
        return self._starts[siglum]

    def words_beside(self, siglum: str, start: int, end: int) -> dict[str, tuple[int, int]]:
        """For each other witness, the words (``[i, j)`` into `words`) it has over the units
        that ``[start, end)`` of ``siglum`` touches: what it reads at that place."""
        found = self._words_over(siglum, start, end)
        found.pop(siglum, None)
        return found

    def _words_over(self, siglum: str, start: int, end: int) -> dict[str, tuple[int, int]]:
        """`words_beside`, ``siglum``'s own words over those units included."""
        spans: dict[str, tuple[int, int]] = {}
        for unit in self.units_over(siglum, start, end):
            for reading in unit.readings:
                for other, span in reading.spans.items():
                    lo, hi = spans.get(other, (span.start, span.end))
                    spans[other] = (min(lo, span.start), max(hi, span.end))
        found = {}
        for other, (lo, hi) in spans.items():
            starts = self.word_starts(other)
            found[other] = (bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi))
        return found

    def in_place_of(self, siglum: str, i: int, j: int) -> bool:
        """Whether words ``[i, j)`` of ``siglum`` stand in place of like words the others
        have: over the units around them (as many words again on each side), every other
        witness that reads anything there has more than ``siglum`` has without them, and
        among the words it has that ``siglum`` lacks is one like a word of ``[i, j)``
        (`LIKE`). Text added (a copy, a gloss) leaves the others that much shorter; a
        reworded phrase does not ("ποιεισ ποιησ" for "ποιεισ ποιησον"; "και προσ αυτον
        μονην" for "και μονην παρ αυτω"), while "could could be" against "could have
        passed" is a doubled word in a sentence the other rewrote."""
        from Levenshtein import ratio

        tokens = self.words(siglum)
        size = j - i
        lo, hi = max(0, i - size), min(len(tokens), j + size)
        if hi <= lo:
            return False
        over = self._words_over(siglum, tokens[lo].start, tokens[hi - 1].end)
        a, b = over.pop(siglum, (i, j))
        mine = Counter(self.keys(siglum)[a:b])
        added = self.keys(siglum)[i:j]
        reading = (b - a) - size
        found = False
        for other, (c, d) in over.items():
            if d <= c:
                continue
            if d - c <= reading:
                return False
            theirs = Counter(self.keys(other)[c:d]) - mine
            if not any(ratio(word, copy) >= LIKE for word in theirs for copy in added):
                return False
            found = True
        return found

    def lost(self, other: str, siglum: str, span: Span) -> bool:
        """Whether ``other`` reads nothing at the place of ``span`` of ``siglum`` because the
        text is missing there, not moved: at a lacuna of ``other`` (`Collation.at_lacuna`), or with
        nothing in ``other`` as far again on each side of the span as it is long (a fragment
        that begins late or breaks off, a passage one witness lacks or added): a block
        matched elsewhere from inside such a stretch met the same words by chance."""
        starts = self.word_starts(siglum)
        tokens = self.words(siglum)
        i, j = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
        if j <= i:
            return False
        lo, hi = max(0, i - (j - i)), min(len(tokens), j + (j - i))
        readings = [
            u.reading_of(other) for u in self.units_over(siglum, tokens[lo].start, tokens[hi - 1].end)
        ]
        places = [r.spans[other] for r in readings if r is not None]
        if not places or any(r is not None and r.norm for r in readings):
            return False
        if lo < i and hi > j:
            return True
        return self.at_lacuna(other, Span(places[0].start, places[-1].end))

    def at_lacuna(self, siglum: str, span: Span) -> bool:
        """`at_lacuna` for ``span`` of ``siglum``, its lacunae read once."""
        witness = self.witnesses[siglum]
        lacunae = self.memo(("lacunae", siglum), witness.lacunae)
        return bool(lacunae) and at_lacuna(witness.text, lacunae, span)

    def rewritten(self, siglum: str, other: str, span: Span) -> bool:
        """Whether ``other`` reads otherwise than ``siglum`` in half or more of the words
                around ``span`` (`AROUND` words on each side of it in ``siglum``, the span left out;
        judged on `AROUND` words at least):
                a passage the one rewrote, where a gap or a moved block is part of the rewriting, not a
                slip. A copyist's slip stands in text that otherwise agrees: John's eye-skips between
                manuscripts have 0 to 12 % of the words around them read otherwise, a sentence an
                author recast 50 to 88 %."""
        starts = self.word_starts(siglum)
        i, j = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
        tokens = self.words(siglum)
        around = [*range(max(0, i - AROUND), i), *range(j, min(len(tokens), j + AROUND))]
        if len(around) < AROUND or self.alignment is None:
            return False  # too little text about it to tell
        differ = 0
        for k in around:
            units = self.units_over(siglum, tokens[k].start, tokens[k].end)
            reading = units[0].reading_of(siglum) if units else None
            differ += reading is not None and other not in reading.spans
        return differ >= REWRITTEN_SHARE * len(around)

    def units_over(self, siglum: str, start: int, end: int) -> list[Unit]:
        """The units whose span in ``siglum`` overlaps ``[start, end)``."""
        if self.alignment is None:
            return []
        if siglum not in self._unit_starts:
            self._unit_starts[siglum] = [
                unit.reading_of(siglum).spans[siglum].start  # type: ignore[union-attr]
                for unit in self.alignment.units
            ]
        starts = self._unit_starts[siglum]
        first = max(0, bisect.bisect_right(starts, start) - 1)
        last = bisect.bisect_left(starts, end, lo=first)
        return list(self.alignment.units[first : max(last, first + 1)])


_SACRED = """θεοσ:θσ θεου:θυ θεω:θω θεον:θν θεε:θε ιησουσ:ισ ιησου:ιυ ιησουν:ιν κυριοσ:κσ κυριου:κυ
κυριω:κω κυριον:κν κυριε:κε χριστοσ:χσ χριστου:χυ χριστω:χω χριστον:χν υιοσ:υσ υιου:υυ υιω:υω
υιον:υν υιε:υε πνευμα:πνα πνευματοσ:πνσ πνευματι:πνι πατηρ:πηρ πατροσ:πρσ πατρι:πρι πατερα:πρα
ανθρωποσ:ανοσ ανθρωπου:ανου ανθρωπον:ανον ανθρωποι:ανοι ανθρωπων:ανων
ανθρωποισ:ανοισ ανθρωπουσ:ανουσ ουρανοσ:ουνοσ ουρανου:ουνου ουρανω:ουνω ουρανον:ουνον
σταυροσ:σροσ σταυρου:σρου σταυρω:σρω σταυρον:σρον μητηρ:μηρ μητροσ:μρσ μητρι:μρι μητερα:μρα
ισραηλ:ιηλ ιερουσαλημ:ιλημ δαυιδ:δαδ σωτηρ:σηρ"""
"""The nomina sacra of Greek manuscripts: each form of a sacred name written out, and its
contraction (the transcription drops the overline), so that a name written once in full and
once contracted, in the same case, is one word. Contractions that are words of their own are
left out (``ανω``, "above", is not ``ανθρωπω``)."""

_NOMINA = {
    form: "=" + short
    for pair in _SACRED.split()
    for form, short in [pair.split(":")]
    for form in (form, short)
}

_GREEK = frozenset("αβγδεζηθικλμνξοπρστυφχψωςϗ")

_ADSCRIPT = ("ωι", "ηι")
"""A long vowel with the iota an edition writes beside it (``αὐτῶι``, ``τῆι``) or under it
(``ᾧ``, which loses it with the accents) and a manuscript leaves out. No Greek word ends so
otherwise."""

_ITACISM = (
    ("ου", "\x01"),
    ("ει", "ι"),
    ("οι", "ι"),
    ("η", "ι"),
    ("υ", "ι"),
    ("αι", "ε"),
    ("ω", "ο"),
    ("\x01", "ου"),
)
"""Vowels and diphthongs Greek scribes wrote for one another, as pronounced alike (ει for ι,
αι for ε, ω for ο ...); ``ου`` stays itself."""


@cache
def scribal_key(norm: str) -> str:
    """A word as a scribe might write it otherwise, reduced to one form: a suspension stroke
    for a final ν (``ανθρωπω¯``), ``ϗ`` for ``και``, an iota beside a long vowel (``αὐτῶι``), a
    nomen sacrum contracted or in full, vowels written for one another (itacism), a movable ν,
    a doubled consonant. Words in other
    scripts are returned as they are (their case and punctuation are already normalised).

    >>> scribal_key("ανθρωπω¯") == scribal_key("ανθρωπων") == scribal_key("ανων")
    True
    >>> scribal_key("πνευματοσ") == scribal_key("πνσ") != scribal_key("πνα")
    True
    >>> scribal_key("λεγει") == scribal_key("λεγι"), scribal_key("εστιν") == scribal_key("εστι")
    (True, True)
    """
    key = norm.replace("¯", "ν").replace("\u0304", "ν")
    # accents and breathings are a printer's, placed by the word's neighbours (καλός·, καλὸς τὴν)
    plain = unaccented(key)
    if not _GREEK.intersection(plain):
        return key
    key = plain
    key = key.replace("ϗ", "και").replace("ς", "σ")
    if key.endswith(_ADSCRIPT):
        key = key[:-1]  # the iota an edition writes beside a long vowel (αὐτῶι), a manuscript omits
    if key in _NOMINA:
        return _NOMINA[key]
    if len(key) < 4:
        return key  # short words ("η", "οι", "μη", "μοι") differ by their vowels alone
    for written, said in _ITACISM:
        key = key.replace(written, said)
    if len(key) > 3 and key.endswith(("εν", "ιν")):
        key = key[:-1]
    return "".join(c for k, c in enumerate(key) if k == 0 or c != key[k - 1] or c not in "λμνπρστ")
