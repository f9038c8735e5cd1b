"""An archive of seed-sized records built from public texts, for the batch benchmark and tests.

Each record is laid out like the seed (`collate.readers.format_record`): a transcript of one
to four paragraphs of *Frankenstein* (1818 or 1831, alternately), with a passage copied twice
into one record in three (a dittography, as the seed's cable has), and a summary made from the
passage's own sentences, in one record in three with a hedge or a condition dropped or a
figure changed. Nothing here is tuned to the detectors: the figures it serves are speed and
memory, and the planted errors only make the records look like real ones.
"""

from __future__ import annotations

import random
import re

from collate.readers import ArchiveRecord, format_record

from common import FRANKENSTEIN

_MONTHS = "January February March April May June July August September October November December".split()
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
_NUMBERS = {"two": "three", "three": "four", "four": "five", "ten": "twelve", "first": "second"}


def _paragraphs(edition: str) -> list[str]:
    text = (FRANKENSTEIN / "text" / "full" / f"{edition}.txt").read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in text.split("\n\n") if 40 <= len(p.split()) <= 400]


def _summary(sentences: list[str], chance: random.Random) -> str:
    """Two or three of the passage's sentences, cut at their first clause, one in three
    distorted (a figure changed, an "if" clause or a hedge dropped)."""
    picked = chance.sample(sentences, min(len(sentences), chance.randint(2, 3)))
    parts = []
    for sentence in sorted(picked, key=sentences.index):
        words = sentence.split()
        parts.append(" ".join(words[: max(8, len(words) * 2 // 3)]).rstrip(",;:") + ".")
    summary = "The writer says that " + " ".join(parts)
    if chance.random() < 1 / 3:
        for old, new in _NUMBERS.items():
            if f" {old} " in summary:
                return summary.replace(f" {old} ", f" {new} ", 1)
        summary = re.sub(r"\b(perhaps|probably|if|unless|might|may) ", "", summary, count=1)
    return summary


def build_records(count: int, seed: int = 0) -> list[tuple[str, str]]:
    """``count`` records as (file name, text), the same for the same ``seed``."""
    chance = random.Random(seed)
    sources = {edition: _paragraphs(edition) for edition in ("1818", "1831")}
    records = []
    for number in range(count):
        edition = "1818" if number % 2 == 0 else "1831"
        paragraphs = sources[edition]
        first = chance.randrange(len(paragraphs) - 4)
        passage = paragraphs[first : first + chance.randint(1, 4)]
        transcript_words = " ".join(passage).split()
        if number % 3 == 0 and len(transcript_words) > 60:  # a passage copied twice
            at = chance.randrange(20, len(transcript_words) - 30)
            length = chance.randint(6, 25)
            transcript_words[at:at] = transcript_words[at - length : at]
        transcript = " ".join(transcript_words)
        sentences = [s for s in _SENTENCE.split(" ".join(passage)) if len(s.split()) >= 4] or [transcript]
        year = chance.randint(1790, 1830)
        date = f"{chance.choice(_MONTHS)} {chance.randint(1, 28)}, {year}"
        title = f"Letter {number + 1}, from the {edition} edition of Frankenstein"
        where = f"paragraphs {first + 1} to {first + len(passage)}"
        record = ArchiveRecord(
            title=title,
            date=date,
            iso_date=None,
            citation=f'"{title}", {date}, Frankenstein ({edition}), {where}.',
            url=None,
            summary=_summary(sentences, chance),
            credits="Built for collate's batch benchmark from the Frankenstein Variorum's texts.",
            language="English",
            transcript_language="English",
            transcript=transcript + "\n",
            sha256="",
        )
        records.append((f"record-{number:05d}.txt", format_record(record)))
    return records
