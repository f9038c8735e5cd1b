"""Check a summary against its source: link each clause to the source sentences that support
it, and flag what the summary says more, less or other than the source.

Everything here is lexical and runs offline: content words are stemmed (Snowball) and mapped
through a small table of synonyms (`SYNONYMS`), weighted by rarity across the source's
sentences (IDF). Each summary clause is linked to its best source sentence and to any other
that covers words the first does not (a summary sentence often fuses two).

Against its best sentence (and the sentences that qualify it), each clause is checked for:

- ``summary-dropped-condition``: the source attaches a condition ("providing ...", "if ...",
  "subject to ...", "after the war"; or a next paragraph that opens "The above is subject to
  ...") and the clause states the claim flatly;
- ``summary-dropped-hedge``: the source hedges ("appears", "might", "seems", "nearly"), the
  clause states what the hedge governs, and neither hedges nor presents the matter as open
  before stating it ("the issue of a joint railway", "whether", "proposed");
- ``summary-altered-term``: a name in the clause is not in the source, but a longer or
  different form of it is ("Treaty of Alliance" for "Treaty of Friendship and Alliance");
- ``summary-changed-number``: a number in the clause is not in the source;
- ``summary-unsupported``: the clause, or a name in it, has no support in the source.

Faithful paraphrase is not flagged: synonyms count as the same word ("border" for
"boundaries", "disputes" for "difference of opinion", "Sino-" for "Chinese"), a hedge or a
condition anywhere in the clause counts as kept, and so does the condition's own content
("plebiscite") named in the clause.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from collate.model import (
    Anomaly,
    AnomalyKind,
    Link,
    Location,
    Role,
    SourceLink,
    TokenKind,
    Witness,
)

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours well made make makes one two""".split()
)

SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("border", "boundary", "frontier"),
    ("dispute", "difference", "disagreement", "conflict", "controversy"),
    ("railway", "railroad", "rail", "line"),
    ("chinese", "china", "sino"),
    ("soviet", "russian", "russia", "ussr", "russians"),
    ("agreement", "accord", "agree", "deal", "settlement"),
    ("reach", "come", "arrive", "conclude"),
    ("recognize", "recognise", "acknowledge", "recognition"),
    ("independence", "independent", "sovereignty"),
    ("treaty", "pact"),
    ("remain", "open", "unresolved", "outstanding", "left", "pending"),
    ("administration", "control", "administer", "govern"),
    ("propose", "proposal", "suggest", "suggestion", "offer"),
    ("nation", "country", "state"),
    ("port", "harbour", "harbor"),
    ("report", "cable", "tell", "inform"),
    ("talk", "meeting", "meet", "conference", "discussion", "discuss"),
)
"""Words that count as the same when a clause is matched to the source (stemmed on use)."""

HEDGES = frozenset(
    """appear appears appeared seem seems seemed might may could possibly probably perhaps likely
    unlikely nearly almost apparently reportedly inclined tentative tentatively""".split()
)
"""Words that make a claim less than certain."""

OPEN_FRAMES = frozenset(
    """issue issues question questions whether remain remains remained dispute disputes proposed
    propose proposal possible possibility undecided unresolved open discuss discussion
    negotiate negotiation negotiations may might could""".split()
)
"""Words with which a clause presents a matter as open, not settled."""

_CONDITION = re.compile(
    r"\b(?P<clause>providing(?: that)?|provided(?: that)?|on condition(?: that)?|subject to|"
    r"conditional (?:on|upon)|only if|if|unless|as long as)\b"
    r"|\b(?P<time>(?:until )?after the war(?: is over)?|once the war is over)\b",
    re.IGNORECASE,
)
_ANAPHORA = re.compile(
    r"^\s*(?:the above|this|these|all (?:of )?this|the foregoing|the whole)\b", re.IGNORECASE
)
_AUXILIARIES = frozenset(
    "have has had will would shall should can could may might must is are was were be been".split()
)
_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|and|the|de|du|von|van)\s+)?[A-Z][\w'’-]*)*")
_NUMBER = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bMr|\bMrs|\bDr|\bSt|\bNo|\bGen|\bCol|\bLt|\bvs|\betc)\.$")
_CLAUSE_SPLIT = re.compile(r";\s*|,\s*(?=(?:and|but|while|whereas|as well as)\b)")

MIN_SUPPORT = 0.34
"""A clause whose linked sentences cover less of it than this is unsupported."""


@cache
def _stemmer() -> object:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@cache
def _canonical_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in SYNONYMS:
        stems = [_stem(word) for word in group]
        for stem in stems:
            table.setdefault(stem, stems[0])
    return table


@cache
def _stem(word: str) -> str:
    return str(_stemmer().stemWord(word))  # type: ignore[attr-defined]


@cache
def canonical(word: str) -> str:
    """The form a word is matched by: its stem, or the stem heading its synonym group.

    >>> canonical("boundaries") == canonical("border")
    True
    """
    stem = _stem(word.casefold().replace("’", "'").removesuffix("'s"))
    return _canonical_table().get(stem, stem)


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str
    key: str
    """Canonical form; empty for a stopword."""


@dataclass(frozen=True, slots=True)
class _Passage:
    """A source sentence or a summary clause, with its words."""

    witness: Witness
    start: int
    end: int
    paragraph: int
    words: tuple[_Word, ...]
    keys: frozenset[str] = frozenset()
    """The canonical forms of its content words."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", frozenset(w.key for w in self.words if w.key))

    @property
    def text(self) -> str:
        return self.witness.text[self.start : self.end]


def _words(witness: Witness, start: int, end: int, starts: list[int] | None = None) -> tuple[_Word, ...]:
    """The words of ``witness`` in ``[start, end)``; ``starts``, the tokens' start offsets."""
    if starts is None:
        starts = [t.start for t in witness.tokens]
    first = max(0, bisect.bisect_right(starts, start) - 1)
    last = bisect.bisect_left(starts, end)
    found = []
    for index in range(first, last):
        token = witness.tokens[index]
        if token.end <= start or token.kind is not TokenKind.WORD:
            continue
        if token.start >= end:
            break
        for part in re.finditer(r"[^\W_]+(?:['’][^\W_]+)?", token.text):
            text = part.group()
            lower = text.casefold()
            key = "" if lower in STOPWORDS or lower.isdigit() else canonical(lower)
            found.append(_Word(token.start + part.start(), token.start + part.end(), text, key))
    return tuple(found)


def sentences(witness: Witness) -> list[_Passage]:
    """The witness cut into sentences (and lines), each with its paragraph number."""
    text = witness.text
    starts = [t.start for t in witness.tokens]
    passages = []
    paragraph = 0
    for block in re.finditer(r"(?:(?!\n\s*\n).)+(?:\n(?!\s*\n)(?:(?!\n\s*\n).)+)*", text, re.DOTALL):
        start = block.start()
        pieces = []
        for end_mark in _SENTENCE_END.finditer(text, block.start(), block.end()):
            if end_mark.group() != "\n" and _ABBREVIATION.search(
                text[max(start, end_mark.start() - 4) : end_mark.start() + 1]
            ):
                continue
            pieces.append((start, end_mark.end()))
            start = end_mark.end()
        pieces.append((start, block.end()))
        for lo, hi in pieces:
            piece = text[lo:hi]
            lo += len(piece) - len(piece.lstrip())
            hi -= len(piece) - len(piece.rstrip())
            if hi > lo:
                passages.append(_Passage(witness, lo, hi, paragraph, _words(witness, lo, hi, starts)))
        paragraph += 1
    return passages


def clauses(summary: Witness) -> list[_Passage]:
    """The summary cut into clauses: sentences, then at ";" and before ", and", ", but",
    ", as well as", ", while"."""
    found = []
    for sentence in sentences(summary):
        start = sentence.start
        for cut in _CLAUSE_SPLIT.finditer(summary.text, sentence.start, sentence.end):
            if cut.start() > start:
                found.append((start, cut.start()))
            start = cut.end()
        found.append((start, sentence.end))
    passages = []
    for lo, hi in found:
        piece = summary.text[lo:hi]
        hi = lo + len(piece.rstrip(" .;,"))
        if hi > lo:
            passages.append(_Passage(summary, lo, hi, 0, _words(summary, lo, hi)))
    return passages


@dataclass(frozen=True, slots=True)
class SummaryCheck:
    """What checking one summary found: a link per clause, and the distortions."""

    links: tuple[Link, ...]
    anomalies: tuple[Anomaly, ...]


def check(summary: Witness, sources: Sequence[Witness]) -> SummaryCheck:
    """Link each clause of ``summary`` to ``sources`` and flag its distortions."""
    source_sentences = [s for w in sources for s in sentences(w)]
    if not source_sentences:
        return SummaryCheck((), ())
    df: dict[str, int] = {}
    for sentence in source_sentences:
        for key in sentence.keys:
            df[key] = df.get(key, 0) + 1
    n = len(source_sentences)

    def idf(key: str) -> float:
        return math.log(1 + n / (1 + df.get(key, 0)))

    all_keys = frozenset(df)
    names = _source_names(sources)
    numbers = {m.group().replace(",", "") for w in sources for m in _NUMBER.finditer(w.text)}
    links: list[Link] = []
    anomalies: list[Anomaly] = []
    for clause in clauses(summary):
        keys = clause.keys
        # Sums over sets run in sorted order: set order changes with the hash seed, and a
        # float sum with it, which would break ties differently from one run to the next.
        weight = sum(idf(k) for k in sorted(keys)) or 1.0
        scored = sorted(
            (
                (round(sum(idf(k) for k in sorted(keys & s.keys)) / weight, 9), index)
                for index, s in enumerate(source_sentences)
            ),
            key=lambda pair: (-pair[0], pair[1]),
        )
        best_score, best_index = scored[0]
        chosen = [(best_score, best_index)] if best_score > 0 else []
        covered = set(source_sentences[best_index].keys & keys) if chosen else set()
        for score, index in scored[1:4]:
            new = (source_sentences[index].keys & keys) - covered
            if score >= max(0.25, best_score / 2) and sum(idf(k) for k in sorted(new)) / weight >= 0.15:
                chosen.append((score, index))
                covered |= new
        support = sum(idf(k) for k in sorted(covered)) / weight if keys else 1.0
        links.append(
            Link(
                summary=summary.siglum,
                start=clause.start,
                end=clause.end,
                text=clause.text,
                score=round(support, 4),
                sources=tuple(
                    SourceLink(
                        source_sentences[i].witness.siglum,
                        source_sentences[i].start,
                        source_sentences[i].end,
                        round(s, 4),
                    )
                    for s, i in chosen
                ),
            )
        )
        if support < MIN_SUPPORT:
            anomalies.append(_unsupported(clause, support, source_sentences[best_index] if chosen else None))
            continue
        primary = source_sentences[best_index]
        phrase = _phrase(clause, primary)
        qualifiers = _qualifying(primary, source_sentences)
        anomalies.extend(_dropped_conditions(clause, phrase, primary, qualifiers))
        anomalies.extend(_dropped_hedge(clause, phrase, primary))
        anomalies.extend(_altered_terms(clause, names, all_keys))
        anomalies.extend(_changed_numbers(clause, numbers, primary))
    return SummaryCheck(tuple(links), tuple(anomalies))


def _phrase(clause: _Passage, primary: _Passage) -> tuple[int, int]:
    """The part of the clause that says what the source sentence says: from the first to the
    last word they share, with the auxiliaries before it ("have come to an agreement")."""
    shared = [k for k, w in enumerate(clause.words) if w.key and w.key in primary.keys]
    if not shared:
        return clause.start, clause.end
    first, last = shared[0], shared[-1]
    while first > 0 and clause.words[first - 1].text.casefold() in _AUXILIARIES:
        first -= 1
    return clause.words[first].start, clause.words[last].end


def _qualifying(primary: _Passage, everything: list[_Passage]) -> list[_Passage]:
    """Sentences that qualify the primary one as a whole: in the next paragraph, opening
    with "The above", "This", "All this" and carrying a condition."""
    return [
        s
        for s in everything
        if s.witness is primary.witness
        and s.paragraph == primary.paragraph + 1
        and _ANAPHORA.match(s.text)
        and _CONDITION.search(s.text)
    ]


def _has_condition(text: str) -> bool:
    return _CONDITION.search(text) is not None


def _dropped_conditions(
    clause: _Passage, phrase: tuple[int, int], primary: _Passage, qualifiers: list[_Passage]
) -> list[Anomaly]:
    if _has_condition(clause.text):
        return []
    found = []
    seen: set[str] = set()
    for sentence, anaphoric in [(primary, False), *((q, True) for q in qualifiers)]:
        text = sentence.witness.text
        for match in _CONDITION.finditer(text, sentence.start, sentence.end):
            start = match.start()
            if match.group("time"):
                end = match.end()
            else:
                stop = re.search(r"[,;.:]", text[match.end() : sentence.end])
                end = match.end() + stop.start() if stop else sentence.end
            condition = text[start:end]
            condition_keys = {w.key for w in _words(sentence.witness, start, end) if w.key}
            if condition_keys and condition_keys <= clause.keys:
                continue  # the clause names the condition's own content
            if match.group("time") and any(w.key == canonical("war") for w in clause.words):
                continue
            label = condition.casefold().removeprefix("until ")
            if label in seen:
                continue
            seen.add(label)
            where = "the next paragraph of the source qualifies the whole: " if anaphoric else ""
            found.append(
                _anomaly(
                    AnomalyKind.SUMMARY_DROPPED_CONDITION,
                    clause,
                    phrase,
                    0.7 if anaphoric else 0.8,
                    f"{where}the source says “{condition}”; the summary states it without the condition",
                    Location(sentence.witness.siglum, start, end),
                    sentence,
                )
            )
    return found


def _dropped_hedge(clause: _Passage, phrase: tuple[int, int], primary: _Passage) -> list[Anomaly]:
    """A hedge of the source whose claim the clause states, neither hedged nor framed as open."""
    if {w.text.casefold() for w in clause.words} & HEDGES:
        return []
    text = primary.witness.text
    for word in primary.words:
        if word.text.casefold() not in HEDGES:
            continue
        stop = re.search(r"[,;.:]", text[word.end : primary.end])
        end = word.end + stop.start() if stop else primary.end
        scope = {w.key for w in primary.words if w.key and word.end <= w.start < end}
        stated = [k for k, w in enumerate(clause.words) if w.key in scope]
        if not stated:
            continue  # the clause does not repeat what the source hedges
        if any(w.text.casefold() in OPEN_FRAMES for w in clause.words[: stated[0]]):
            continue  # "the issue of a joint railway": presented as open
        return [
            _anomaly(
                AnomalyKind.SUMMARY_DROPPED_HEDGE,
                clause,
                phrase,
                0.75,
                f"the source hedges: “{text[word.start : end]}”; the summary states it as settled",
                Location(primary.witness.siglum, word.start, end),
                primary,
            )
        ]
    return []


def _source_names(sources: Sequence[Witness]) -> list[tuple[Witness, int, int, str]]:
    return [(w, m.start(), m.end(), m.group()) for w in sources for m in _NAME.finditer(w.text)]


def _name_keys(name: str) -> list[str]:
    return [canonical(part) for part in re.findall(r"[^\W_]+", name) if part.casefold() not in STOPWORDS]


def _altered_terms(
    clause: _Passage, names: list[tuple[Witness, int, int, str]], all_keys: frozenset[str]
) -> list[Anomaly]:
    found = []
    text = clause.witness.text
    haystack = " ".join(" ".join(_name_keys(n)) for _, _, _, n in names)
    for match in _NAME.finditer(text, clause.start, clause.end):
        name = re.sub(r"['’]s$", "", match.group())
        at_start = not text[clause.start : match.start()].strip() or text[: match.start()].rstrip().endswith(
            (".", "!", "?")
        )
        if at_start and " " not in name:
            continue  # a capital that only opens a sentence
        for part in re.split(r"\s+and\s+", name):
            keys = _name_keys(part)
            if not keys:
                continue
            if " " not in part.strip():
                if all(k in all_keys for k in keys):
                    continue
            elif f" {' '.join(keys)} " in f" {haystack} ":
                continue
            start = match.start() + match.group().find(part)
            end = start + len(part)
            best = max(
                names,
                key=lambda n: (len(set(keys) & set(_name_keys(n[3]))), -abs(len(n[3]) - len(part))),
                default=None,
            )
            if best is not None and len(set(keys) & set(_name_keys(best[3]))) >= max(1, (len(keys) + 1) // 2):
                witness, b_start, b_end, b_name = best
                found.append(
                    Anomaly(
                        id="",
                        kind=AnomalyKind.SUMMARY_ALTERED_TERM,
                        witness=clause.witness.siglum,
                        start=start,
                        end=end,
                        text=text[start:end],
                        confidence=0.8,
                        cause=f"the source names it “{b_name}”, the summary “{part}”",
                        evidence=(
                            Location(clause.witness.siglum, start, end),
                            Location(witness.siglum, b_start, b_end),
                        ),
                        reference=Location(witness.siglum, b_start, b_end),
                        features={"name not in source": 1.0, "a source name shares its words": 1.0},
                    )
                )
            else:
                found.append(
                    Anomaly(
                        id="",
                        kind=AnomalyKind.SUMMARY_UNSUPPORTED,
                        witness=clause.witness.siglum,
                        start=start,
                        end=end,
                        text=text[start:end],
                        confidence=0.7,
                        cause=f"the name “{part}” does not occur in the source",
                        evidence=(Location(clause.witness.siglum, start, end),),
                        features={"name not in source": 1.0},
                    )
                )
    return found


def _changed_numbers(clause: _Passage, numbers: set[str], primary: _Passage) -> list[Anomaly]:
    found = []
    text = clause.witness.text
    for match in _NUMBER.finditer(text, clause.start, clause.end):
        value = match.group().replace(",", "")
        if value in numbers:
            continue
        theirs = [m for m in _NUMBER.finditer(primary.witness.text, primary.start, primary.end)]
        reference = (
            Location(primary.witness.siglum, theirs[0].start(), theirs[-1].end())
            if theirs
            else Location(primary.witness.siglum, primary.start, primary.end)
        )
        said = ", ".join(m.group() for m in theirs)
        found.append(
            Anomaly(
                id="",
                kind=AnomalyKind.SUMMARY_CHANGED_NUMBER,
                witness=clause.witness.siglum,
                start=match.start(),
                end=match.end(),
                text=match.group(),
                confidence=0.85 if theirs else 0.6,
                cause=f"{match.group()} is not in the source"
                + (f"; its sentence says {said}" if said else ""),
                evidence=(Location(clause.witness.siglum, match.start(), match.end()), reference),
                reference=reference,
                features={"number not in source": 1.0, "source sentence has numbers": 1.0 if theirs else 0.0},
            )
        )
    return found


def _unsupported(clause: _Passage, support: float, best: _Passage | None) -> Anomaly:
    return Anomaly(
        id="",
        kind=AnomalyKind.SUMMARY_UNSUPPORTED,
        witness=clause.witness.siglum,
        start=clause.start,
        end=clause.end,
        text=clause.text,
        confidence=round(min(0.95, 1 - support), 4),
        cause=f"no source sentence supports this clause (best covers {support:.0%} of its content)",
        evidence=(Location(clause.witness.siglum, clause.start, clause.end),),
        reference=Location(best.witness.siglum, best.start, best.end) if best else None,
        features={"support": round(support, 4)},
    )


def _anomaly(
    kind: AnomalyKind,
    clause: _Passage,
    phrase: tuple[int, int],
    score: float,
    cause: str,
    reference: Location,
    sentence: _Passage,
) -> Anomaly:
    start, end = phrase
    return Anomaly(
        id="",
        kind=kind,
        witness=clause.witness.siglum,
        start=start,
        end=end,
        text=clause.witness.text[start:end],
        confidence=score,
        cause=cause,
        evidence=(
            Location(clause.witness.siglum, start, end),
            Location(sentence.witness.siglum, sentence.start, sentence.end),
            reference,
        ),
        reference=reference,
        features={kind.value.removeprefix("summary-"): 1.0},
    )


def sources_for(witnesses: Sequence[Witness]) -> list[Witness]:
    """The witnesses a summary is checked against: those with the role ``source``, else
    every collated witness."""
    sources = [w for w in witnesses if w.role is Role.SOURCE]
    return sources or [w for w in witnesses if w.collated]
