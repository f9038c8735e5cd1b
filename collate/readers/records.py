"""Archive records: a record's sections (citation, summary, credits, transcript) parsed and
written, and the witnesses it holds."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from collate.errors import InputError
from collate.model import (
    Role,
    Witness,
)
from collate.readers.files import _read_bytes, decode, witness_from_text

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
