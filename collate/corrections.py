"""Recorded corrections: what an editor decided about each anomaly, kept beside the manifest.

``corrections.toml`` (in the manifest's folder) holds one ``[[correction]]`` per decision::

    [[correction]]
    id = "c1"
    witness = "cable"
    kind = "dittography"             # or a list: ["summary-dropped-hedge", "summary-dropped-condition"]
    status = "accepted"              # accepted: emend; authorial: the anomaly is intended, keep the text
    reading = " the main lines ... should be only"   # the exact text corrected
    before = "Soviet proposal should be only"        # context that finds it again
    after = " those directly connected"
    emended = ""                     # what the reading becomes (accepted only)
    reason = "typist's eye-skip back to 'should be only'"
    editor = "A. Editor"

A correction is found again by its text, not by offsets (offsets break when the text changes):
``before + reading + after`` must occur exactly once in its witness. `locate` says where, or
why it cannot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from collate.config import CORRECTION, checked, read_config
from collate.errors import ManifestError
from collate.model import Anomaly, AnomalyKind, Span, Status, TokenKind, Witness
from collate.text import clip

CORRECTIONS = "corrections.toml"


class EmendationWarning(UserWarning):
    """An editor's emendation recorded although it does not fit the reading it replaces."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One recorded decision about an anomaly."""

    id: str
    witness: str
    kinds: tuple[AnomalyKind, ...]
    status: Status
    reading: str
    before: str = ""
    after: str = ""
    emended: str = ""
    reason: str = ""
    editor: str = ""
    line: int = 0
    """Where the correction starts in its file (for messages)."""


@dataclass(frozen=True, slots=True)
class Located:
    """Where a correction stands in its witness now, or why it cannot be found."""

    correction: Correction
    span: Span | None
    problem: str = ""


def read_corrections(path: str | Path) -> list[Correction]:
    """Read a corrections file; a missing file means no corrections."""
    file = Path(path)
    if not file.exists():
        return []
    text, data = read_config(file, what="corrections file")
    items = data.get("correction", [])
    if not isinstance(items, list):
        raise ManifestError(f"{file}: 'correction' must be an array of tables ([[correction]])")
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[correction]]"]
    corrections = []
    seen: set[str] = set()
    for number, item in enumerate(items):
        where = f"{file}: correction {number + 1}"
        corrections.append(_correction(item, where, starts[number] if number < len(starts) else 0))
        if corrections[-1].id in seen:
            raise ManifestError(f"{where}: duplicate id {corrections[-1].id!r}")
        seen.add(corrections[-1].id)
    return corrections


def _correction(item: Any, where: str, line: int) -> Correction:
    item = checked(CORRECTION, item, where)
    raw_kinds = item["kind"] if isinstance(item["kind"], list) else [item["kind"]]
    kinds = []
    for kind in raw_kinds:
        try:
            kinds.append(AnomalyKind(kind))
        except ValueError:
            known = ", ".join(k.value for k in AnomalyKind)
            raise ManifestError(f"{where}: unknown kind {kind!r}; known: {known}") from None
    status = Status(item["status"])
    if not item["reading"] and not (item.get("before") or item.get("after")):
        raise ManifestError(f"{where}: an empty reading (an insertion) needs 'before' or 'after' context")
    return Correction(
        id=item["id"],
        witness=item["witness"],
        kinds=tuple(kinds),
        status=status,
        reading=item["reading"],
        before=item.get("before", ""),
        after=item.get("after", ""),
        emended=item.get("emended", ""),
        reason=item.get("reason", ""),
        editor=item.get("editor", ""),
        line=line,
    )


def locate(correction: Correction, witnesses: Mapping[str, Witness]) -> Located:
    """Find a correction's reading in its witness by its text and context."""
    witness = witnesses.get(correction.witness)
    if witness is None:
        return Located(
            correction, None, f"names witness {correction.witness!r}, which the manifest does not list"
        )
    needle = correction.before + correction.reading + correction.after
    first = witness.text.find(needle)
    if first < 0:
        if correction.reading and correction.reading in witness.text:
            return Located(correction, None, "its reading is there but not in its recorded context")
        return Located(
            correction, None, f"its reading “{clip(correction.reading)}” is no longer in {witness.siglum}"
        )
    if witness.text.find(needle, first + 1) >= 0:
        return Located(
            correction, None, "its reading and context occur more than once: add context to tell them apart"
        )
    start = first + len(correction.before)
    return Located(correction, Span(start, start + len(correction.reading)))


def locate_all(
    corrections: Sequence[Correction], witnesses: Mapping[str, Witness], *, where: str
) -> list[Located]:
    """Every correction located in its witness; if any no longer matches, a `ManifestError`
    naming ``where`` and each one that does not."""
    located = [locate(c, witnesses) for c in corrections]
    broken = [f"{loc.correction.id}: {loc.problem}" for loc in located if loc.span is None]
    if broken:
        raise ManifestError(f"{where}: corrections that no longer match:\n  " + "\n  ".join(broken))
    return located


def resolves(located: Located, anomaly: Anomaly) -> bool:
    """Whether a located correction answers an anomaly: same witness and kind, and its span
    overlaps the anomaly's (or holds the point where text is missing)."""
    span = located.span
    if (
        span is None
        or located.correction.witness != anomaly.witness
        or anomaly.kind not in located.correction.kinds
    ):
        return False
    if anomaly.start == anomaly.end:
        return span.start <= anomaly.start <= span.end
    return span.start < anomaly.end and anomaly.start < span.end


def emend(witness: Witness, located: Sequence[Located]) -> str:
    """The witness's text with its accepted corrections applied."""
    text = witness.text
    edits = sorted(
        (loc.span.start, loc.span.end, loc.correction.emended)
        for loc in located
        if loc.span is not None
        and loc.correction.witness == witness.siglum
        and loc.correction.status is Status.ACCEPTED
    )
    pieces = []
    position = 0
    for start, end, replacement in edits:
        if start < position:
            raise ManifestError(f"{witness.siglum}: two accepted corrections overlap at offset {start}")
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def from_anomaly(
    anomaly: Anomaly,
    witness: Witness,
    *,
    id: str,
    status: Status,
    reason: str = "",
    editor: str = "",
    emended: str | None = None,
    context: int = 30,
) -> Correction:
    """A correction that records an anomaly's proposed emendation (or ``emended``, the
    editor's own, which replaces the anomaly's span), with enough context to find it."""
    if emended is not None or anomaly.emendation is None:
        span = Span(anomaly.start, anomaly.end)
        emended = emended or ""
    else:
        span, emended = Span(anomaly.emendation.start, anomaly.emendation.end), anomaly.emendation.text
    return Correction(
        id=id,
        witness=witness.siglum,
        kinds=(anomaly.kind,),
        status=status,
        reading=witness.text[span.start : span.end],
        before=_context_before(witness.text, span.start, context),
        after=_context_after(witness.text, span.end, context),
        emended=emended if status is Status.ACCEPTED else "",
        reason=reason,
        editor=editor,
    )


def _context_before(text: str, start: int, size: int) -> str:
    """Up to ``size`` characters before ``start``, not opening inside a word."""
    begin = max(0, start - size)
    piece = text[begin:start]
    if begin > 0 and not text[begin - 1].isspace() and " " in piece:
        piece = piece[piece.index(" ") :]
    return piece


def _context_after(text: str, end: int, size: int) -> str:
    """Up to ``size`` characters after ``end``, not closing inside a word."""
    stop = min(len(text), end + size)
    piece = text[end:stop]
    if stop < len(text) and not text[stop].isspace() and " " in piece.strip():
        piece = piece[: piece.rindex(" ")]
    return piece


def misfit(witness: Witness, span: Span, emended: str, others: Sequence[Witness] = ()) -> str | None:
    """Why an editor's ``emended`` reading does not fit the span it replaces, or None.

    It does not fit when it repeats words that stand just outside the span, words the
    emendation keeps: the editor wrote out the whole phrase where the span covers part of it,
    and the text would read those words twice or out of order ("have come to an appear to have
    reached an agreement"). The emendation's words are aligned with the span's and with as
    many words on either side as the emendation has (at least three); it is a misfit when
    the word next to the span on one side is matched (a word matched further off, with the
    word at the seam unmatched, may be chance: "the"). The message names them and shows the
    text as it would read.

    A repeat the text itself has is no misfit: an eye-skip omission filled in brings back the
    words beside the gap (that is how the eye skipped), and a phrase can say a word twice. So
    where the emended passage, with the word on either side, stands word for word in one of
    ``others`` (the witness's fellow copies), the emendation fits."""
    from difflib import SequenceMatcher

    from collate.tokenizer import tokenize

    new = [t.text.casefold() for t in tokenize(emended) if t.kind is TokenKind.WORD]
    if not new:
        return None
    words = [t for t in witness.tokens if t.kind is TokenKind.WORD]
    first = next((k for k, t in enumerate(words) if t.end > span.start), len(words))
    last = next((k for k, t in enumerate(words) if t.start >= span.end), len(words))
    reach = max(3, len(new))
    lo, hi = max(0, first - reach), min(len(words), last + reach)
    window = [t.text.casefold() for t in words[lo:hi]]
    matcher = SequenceMatcher(None, window, new, autojunk=False)
    blocks = matcher.get_matching_blocks()
    matched = {lo + i for block in blocks for i in range(block.a, block.a + block.size)}
    # A word matched at a distance can be chance ("the"); one matched at the seam is not.
    before = sorted(k for k in matched if k < first) if first - 1 in matched else []
    after = sorted(k for k in matched if k >= last) if last in matched else []
    outside = [words[k] for k in (*before, *after)]
    if not outside:
        return None
    seam = [*(window[first - lo - 1 : first - lo] if first > 0 else []), *new]
    seam += window[last - lo : last - lo + 1] if last < len(words) else []
    if any(_contains(_words(other), seam) for other in others):
        return None
    where = "around" if before and after else "before" if before else "after"
    repeated = ", ".join(f"“{t.text}”" for t in outside)
    shown_from = words[max(0, first - 4)].start if first > 0 else span.start
    shown_to = words[min(len(words), last + 4) - 1].end if last < len(words) else span.end
    reads = " ".join(
        (witness.text[shown_from : span.start] + emended + witness.text[span.end : shown_to]).split()
    )
    return (
        f"the emendation repeats {repeated}, which stand{'s' if len(outside) == 1 else ''} {where} "
        f"the reading it replaces (“{clip(witness.text[span.start : span.end], 60)}”); "
        f"the text would read “…{reads}…”"
    )


def _words(witness: Witness) -> list[str]:
    return [t.text.casefold() for t in witness.tokens if t.kind is TokenKind.WORD]


def _contains(words: Sequence[str], run: Sequence[str]) -> bool:
    """Whether ``run`` stands word for word, contiguous, in ``words``."""
    size = len(run)
    return any(words[k : k + size] == list(run) for k, word in enumerate(words) if word == run[0])
