"""Align witnesses into variant units that tile every witness.

The aligner works on the matchable tokens of each witness (tokens with a non-empty ``norm``);
other tokens (leading whitespace, ignored punctuation, editorial insertions) ride along in the
unit of the matchable token before them, so that the units' character spans cover every
witness completely: in unit order, each witness's spans are contiguous and run from 0 to the
end of its text.

This first aligner takes the first collated witness as the base, aligns every other witness
against it with diff-match-patch on token-encoded text (one code point per distinct
normalised token), and cuts the result into units at the base tokens on which every witness
agrees.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from collate.errors import InputError
from collate.model import Alignment, Reading, Span, Unit, Witness

_SURROGATES = range(0xD800, 0xE000)


@dataclass(frozen=True, slots=True)
class _Matchable:
    """The matchable tokens of one witness: positions in ``tokens`` and their norms."""

    witness: Witness
    positions: tuple[int, ...]
    norms: tuple[str, ...]

    @classmethod
    def of(cls, witness: Witness) -> _Matchable:
        positions = tuple(t.index for t in witness.tokens if t.norm)
        return cls(witness, positions, tuple(witness.tokens[p].norm for p in positions))

    def boundary(self, k: int) -> int:
        """Character offset where the ``k``-th matchable token's unit begins."""
        if k <= 0:
            return 0
        if k >= len(self.positions):
            return len(self.witness.text)
        return self.witness.tokens[self.positions[k]].start


def encode(sequences: Iterable[Sequence[str]]) -> list[str]:
    """Encode token sequences as strings, one code point per distinct token.

    >>> encode([["a", "b", "a"], ["b", "c"]])
    ['\\x00\\x01\\x00', '\\x01\\x02']
    """
    codes: dict[str, str] = {}
    encoded = []
    for sequence in sequences:
        chars = []
        for token in sequence:
            code = codes.get(token)
            if code is None:
                n = len(codes)
                if n >= _SURROGATES.start:
                    n += len(_SURROGATES)
                code = codes[token] = chr(n)
            chars.append(code)
        encoded.append("".join(chars))
    return encoded


def match_pairs(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` with ``a[i] == b[j]`` of a minimal alignment of two token sequences.

    >>> match_pairs(["the", "black", "cat"], ["the", "cat"])
    [(0, 0), (2, 1)]
    """
    from diff_match_patch import diff_match_patch

    left, right = encode([a, b])
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    pairs: list[tuple[int, int]] = []
    i = j = 0
    for op, chunk in engine.diff_main(left, right, False):
        size = len(chunk)
        if op == 0:
            pairs.extend(zip(range(i, i + size), range(j, j + size), strict=True))
            i += size
            j += size
        elif op < 0:
            i += size
        else:
            j += size
    return pairs


def align(witnesses: Sequence[Witness]) -> Alignment:
    """Align the collated witnesses (every role but ``summary``) into variant units.

    >>> from collate.load import witness_from_text
    >>> a = witness_from_text("A", "the black cat")
    >>> b = witness_from_text("B", "the white cat")
    >>> [[r.text for r in u.readings] for u in align([a, b]).units]
    [['the'], ['black', 'white'], ['cat']]
    """
    collated = [w for w in witnesses if w.collated]
    sigla = [w.siglum for w in collated]
    if len(set(sigla)) != len(sigla):
        raise InputError(f"duplicate siglum among {', '.join(sigla)}")
    if not collated:
        return Alignment((), ())
    seqs = [_Matchable.of(w) for w in collated]
    base = seqs[0]
    matches: list[dict[int, int]] = [
        {i: i for i in range(len(base.norms))},
        *(dict(match_pairs(base.norms, other.norms)) for other in seqs[1:]),
    ]
    segments = _segments(len(base.norms), [len(s.norms) for s in seqs], matches)
    return Alignment(tuple(sigla), _units(seqs, segments))


def _segments(
    base_length: int, lengths: list[int], matches: list[dict[int, int]]
) -> list[tuple[bool, list[tuple[int, int]]]]:
    """Cut the alignment into runs: (agreed, per-witness matchable-token ranges)."""
    cursors = [0] * len(lengths)
    segments: list[tuple[bool, list[tuple[int, int]]]] = []
    for i in range(base_length):
        if not all(i in m for m in matches):
            continue
        targets = [m[i] for m in matches]
        if targets != cursors:
            segments.append((False, list(zip(cursors, targets, strict=True))))
        segments.append((True, [(t, t + 1) for t in targets]))
        cursors = [t + 1 for t in targets]
    if cursors != lengths:
        segments.append((False, list(zip(cursors, lengths, strict=True))))
    return segments


def _units(seqs: list[_Matchable], segments: list[tuple[bool, list[tuple[int, int]]]]) -> tuple[Unit, ...]:
    merged: list[list[tuple[int, int]]] = []
    agreed_run = False
    for agreed, ranges in segments:
        if agreed and agreed_run:
            merged[-1] = [(s, e2) for (s, _), (_, e2) in zip(merged[-1], ranges, strict=True)]
        else:
            merged.append(ranges)
        agreed_run = agreed
    if not merged:
        merged = [[(0, 0) for _ in seqs]]
    units = []
    last = len(merged) - 1
    for number, ranges in enumerate(merged):
        groups: dict[tuple[str, ...], list[int]] = {}
        for w, (start, end) in enumerate(ranges):
            groups.setdefault(seqs[w].norms[start:end], []).append(w)
        readings = []
        for norms, members in groups.items():
            spans = {}
            for w in members:
                start, end = ranges[w]
                lo = 0 if number == 0 else seqs[w].boundary(start)
                hi = len(seqs[w].witness.text) if number == last else seqs[w].boundary(end)
                spans[seqs[w].witness.siglum] = Span(lo, hi)
            first = seqs[members[0]].witness
            text = first.slice(spans[first.siglum]).strip()
            readings.append(
                Reading(tuple(seqs[w].witness.siglum for w in members), text, spans, " ".join(norms))
            )
        units.append(Unit(f"u{number + 1}", len(readings) > 1, tuple(readings)))
    return tuple(units)


def tiling_errors(alignment: Alignment, witnesses: Sequence[Witness]) -> list[str]:
    """What breaks the tiling contract, if anything (empty list: every witness is tiled)."""
    problems = []
    for witness in witnesses:
        if not witness.collated:
            continue
        position = 0
        for unit in alignment.units:
            reading = unit.reading_of(witness.siglum)
            if reading is None:
                problems.append(f"{unit.id}: no reading for {witness.siglum}")
                continue
            span = reading.spans[witness.siglum]
            if span.start != position:
                problems.append(f"{unit.id}: {witness.siglum} starts at {span.start}, expected {position}")
            position = span.end
        if position != len(witness.text):
            problems.append(f"{witness.siglum}: units end at {position}, text at {len(witness.text)}")
    return problems
