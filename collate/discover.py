"""Find which documents of a corpus are witnesses of one text: the passages they share.

In the manner of passim's text-reuse detection: every document is cut into word n-grams
(*shingles*); overlapping windows of its words get a MinHash signature (datasketch), and
locality-sensitive hashing over the signatures finds windows of two documents that share many
shingles, so that no pair of documents is compared blindly. Each candidate pair is then
checked exactly: the shingles the two share, chained in order into passages (a few unmatched
words allowed between two matches, as copies differ), with their character offsets in each
document. Shingles that stand in very many documents (boilerplate) are left out. Documents
linked by a passage of at least ``min_words`` words form a group, and each group is a
candidate collation: ``collate align`` over its files.

Words are compared case-folded and without diacritics (``Λόγος`` = ``λογοσ``); offsets are
code points into each file's text as decoded. The per-document work (reading, shingling,
signatures) runs locally on every core or on a Dask cluster (`collate.parallel`); the rest runs
here, so the result is the same whichever way it ran.
"""

from __future__ import annotations

import re
import shlex
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from collate.errors import InputError
from collate.model import Progress
from collate.parallel import run_all
from collate.paths import expand
from collate.readers import document_text
from collate.report.escape import json_text
from collate.tokenizer import unaccented
from collate.version import __version__

if TYPE_CHECKING:
    import numpy as np

SUFFIXES = (".txt", ".xml")
SCHEME = "affine32"
"""datasketch's MinHash permutation scheme, named so that signatures stay comparable."""
_WORD = re.compile(
    r"[^\W_](?:[\w\u0300-\u036f\u0483-\u0489\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f'’-]*[\w\u0300-\u036f])?"
)
_MULTIPLIER = 0x9E3779B97F4A7C15
_MOST_PLACES = 4
"""A shingle that stands more often than this in one document is not used to chain passages."""


@dataclass(frozen=True, slots=True)
class Settings:
    """How discovery reads and compares documents.

    - ``shingle``: words in a shingle (5, as passim);
    - ``window``: words in a window that gets a signature (windows overlap by half);
    - ``threshold``: the Jaccard similarity of two windows' shingles that LSH aims to find;
    - ``min_words``: the shortest shared passage, in words, that links two documents;
    - ``gap``: the most words, on either side, between two matches of one passage;
    - ``boilerplate``: a shingle in more than this share of the documents (and in more than
      ten) is boilerplate and not used.
    """

    shingle: int = 5
    window: int = 100
    threshold: float = 0.2
    min_words: int = 30
    gap: int = 20
    boilerplate: float = 0.5
    permutations: int = 64

    def __post_init__(self) -> None:
        from collate.errors import ConfigError

        if not 1 <= self.shingle <= 20:
            raise ConfigError(f"shingle must be 1 to 20 words, not {self.shingle}")
        if self.window < 2 * self.shingle:
            raise ConfigError(
                f"window must be at least twice the shingle ({2 * self.shingle}), not {self.window}"
            )
        if not 0 < self.threshold < 1:
            raise ConfigError(f"threshold must be between 0 and 1, not {self.threshold}")
        if self.min_words < self.shingle:
            raise ConfigError(
                f"min_words must be at least the shingle ({self.shingle}), not {self.min_words}"
            )
        if self.gap < 0 or not 0 < self.boilerplate <= 1:
            raise ConfigError("gap must be 0 or more, and boilerplate a share above 0 and at most 1")


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage two documents share: its character span in each, and the words it covers."""

    spans: tuple[tuple[int, int], tuple[int, int]]
    words: int
    matches: int
    """How many shingles the two have in common inside it."""


@dataclass(frozen=True, slots=True)
class Pair:
    documents: tuple[str, str]
    passages: tuple[Passage, ...]

    @property
    def words(self) -> int:
        return sum(p.words for p in self.passages)


@dataclass(frozen=True, slots=True)
class Discovery:
    """The documents read (path, words, characters), the pairs that share passages, and the
    groups they form (each a list of paths, largest group first)."""

    documents: tuple[tuple[str, int, int], ...]
    pairs: tuple[Pair, ...]
    groups: tuple[tuple[str, ...], ...]
    settings: Settings = field(default_factory=Settings)


def find_documents(sources: Iterable[str | Path]) -> list[Path]:
    """The text files ``sources`` name: files, folders (every ``.txt`` and ``.xml`` file in
    them, at any depth) and glob patterns; each once, in a stable order."""
    found: dict[Path, Path] = {}
    for path in expand(sources):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix in SUFFIXES:
                    found.setdefault(child.resolve(), child)
        else:
            found.setdefault(path.resolve(), path)
    return sorted(found.values(), key=lambda p: p.as_posix())


def _norm(word: str) -> str:
    return unaccented(word.casefold())


def shingles(text: str, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The words of ``text`` (start and end offsets) and the hash of each shingle of ``size``
    words starting at each word (32 bits, the same on every machine)."""
    import numpy as np

    starts, ends, codes = [], [], []
    known: dict[str, int] = {}
    for match in _WORD.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
        word = match.group()
        code = known.get(word)
        if code is None:
            code = known[word] = zlib.crc32(_norm(word).encode("utf-8"))
        codes.append(code)
    words = np.asarray(codes, dtype=np.uint64)
    count = max(0, len(words) - size + 1)
    hashes = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(size):
            hashes = hashes * np.uint64(_MULTIPLIER) + words[k : k + count]
    folded = ((hashes >> np.uint64(32)) ^ (hashes & np.uint64(0xFFFFFFFF))).astype(np.uint32)
    return np.asarray(starts, dtype=np.int32), np.asarray(ends, dtype=np.int32), folded


def read_document(task: tuple[str, Settings]) -> dict[str, Any]:
    """One document's words, shingles and window signatures (run in a worker)."""
    import numpy as np
    from datasketch import MinHash

    path, settings = task
    text = document_text(Path(path))
    starts, ends, hashes = shingles(text, settings.shingle)
    template = MinHash(num_perm=settings.permutations, seed=1, scheme=SCHEME)
    step = settings.window // 2
    windows, signatures = [], []
    for first in range(0, max(1, len(hashes) - step), step):
        part = hashes[first : first + settings.window - settings.shingle + 1]
        if len(part) == 0:
            break
        signature = MinHash(
            num_perm=settings.permutations,
            seed=1,
            hashfunc=int,
            permutations=template.permutations,
            scheme=SCHEME,
        )
        signature.update_batch(part.tolist())
        windows.append(first)
        signatures.append(signature.hashvalues.astype(np.uint32))
    values, places, counts = np.unique(hashes, return_index=True, return_counts=True)
    return {
        "path": path,
        "characters": len(text),
        "values": values,
        "first": places.astype(np.int32),
        "counts": counts.astype(np.int32),
        "starts": starts,
        "ends": ends,
        "hashes": hashes,
        "windows": np.asarray(windows, dtype=np.int64),
        "signatures": np.asarray(signatures, dtype=np.uint32).reshape(len(signatures), settings.permutations),
    }


def discover(
    sources: Iterable[str | Path],
    *,
    settings: Settings | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> Discovery:
    """The groups of documents in ``sources`` (see `find_documents`) that share passages."""
    import numpy as np

    settings = settings or Settings()
    paths = find_documents(sources)
    if len(paths) < 2:
        raise InputError(f"discovery needs two documents or more; found {len(paths)}")
    shown = [p.as_posix() for p in paths]
    documents: list[dict[str, Any]] = [{}] * len(paths)
    place = {name: n for n, name in enumerate(shown)}
    if progress:
        progress("reading", 0, len(paths))
    for done, result in enumerate(
        run_all(read_document, ((name, settings) for name in shown), workers=workers, scheduler=scheduler), 1
    ):
        documents[place[result["path"]]] = result
        if progress:
            progress("reading", done, len(paths))
    # boilerplate: shingles in very many documents
    unique = [d["values"] for d in documents]
    values, counts = (
        np.unique(np.concatenate(unique), return_counts=True) if unique else (np.array([]), np.array([]))
    )
    common = values[counts > max(10, settings.boilerplate * len(paths))]
    # candidate pairs: windows whose signatures collide in some band
    candidates = _candidates(documents, settings)
    pairs = []
    ordered = candidates
    if progress:
        progress("comparing", 0, len(ordered))
    for done, (a, b) in enumerate(ordered, 1):
        passages = _passages(documents[a], documents[b], common, settings)
        if passages:
            pairs.append(Pair((shown[a], shown[b]), tuple(passages)))
        if progress:
            progress("comparing", done, len(ordered))
    return Discovery(
        tuple((shown[n], len(d["starts"]), d["characters"]) for n, d in enumerate(documents)),
        tuple(pairs),
        _groups(shown, pairs),
        settings,
    )


BAND_RUN = 16
"""In one band, a bucket's documents are paired up to this many places apart (in the sorted
bucket): all pairs of a bucket of up to 17 documents, a chain through a larger one."""


def _candidates(documents: list[dict[str, Any]], settings: Settings) -> list[tuple[int, int]]:
    """Pairs of documents (by index) with two windows whose MinHash signatures agree in a
    band: locality-sensitive hashing with the bands and rows datasketch's `MinHashLSH` picks
    for the threshold. Its index keeps a Python set per bucket, which on 50 MB of text took
    1.5 GB and a minute; the same buckets found by sorting the bands' hashes take a few
    seconds and the signatures' own memory."""
    import numpy as np
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=settings.threshold, num_perm=settings.permutations)
    bands, rows = lsh.b, lsh.r
    signatures = np.concatenate([d["signatures"] for d in documents]).astype(np.uint64)
    owners = np.concatenate(
        [np.full(len(d["signatures"]), n, dtype=np.int64) for n, d in enumerate(documents)]
    )
    codes = []
    with np.errstate(over="ignore"):
        for band in range(bands):
            key = np.zeros(len(signatures), dtype=np.uint64)
            for column in range(band * rows, (band + 1) * rows):
                key = key * np.uint64(_MULTIPLIER) + signatures[:, column]
            # one entry per (bucket, document), sorted by bucket
            pairs = np.unique(np.stack([key, owners.astype(np.uint64)], axis=1), axis=0)
            key, owner = pairs[:, 0], pairs[:, 1].astype(np.int64)
            for distance in range(1, BAND_RUN + 1):
                same = key[distance:] == key[:-distance]
                if not same.any():
                    break
                first, second = owner[:-distance][same], owner[distance:][same]
                codes.append(np.minimum(first, second) * len(documents) + np.maximum(first, second))
    if not codes:
        return []
    found = np.unique(np.concatenate(codes))
    return [(int(code) // len(documents), int(code) % len(documents)) for code in found]


def _passages(a: dict[str, Any], b: dict[str, Any], common: np.ndarray, settings: Settings) -> list[Passage]:
    """The passages documents ``a`` and ``b`` share: the shingles they have in common (each
    standing at most a few times in each, boilerplate left out), in order of ``a``, cut
    where the next match is more than ``gap`` words on in either document; a match with no
    neighbour on its own diagonal (a phrase met by chance) is dropped first."""
    import numpy as np

    i, j = _matches(a, b, common)
    if len(i) * settings.shingle < settings.min_words // 2:
        return []
    order = np.lexsort((j, i))
    i, j = i[order], j[order]
    gap = settings.gap + 1

    def joined(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Whether each match continues the one before it."""
        di, dj = np.diff(i), np.diff(j)
        return (di > 0) & (di <= gap) & (dj > 0) & (dj <= gap)

    link = joined(i, j)
    alone = ~(np.concatenate([[False], link]) | np.concatenate([link, [False]]))
    i, j = i[~alone], j[~alone]
    if len(i) == 0:
        return []
    breaks = np.flatnonzero(~joined(i, j)) + 1
    size = settings.shingle
    passages = []
    for first, last in zip([0, *breaks.tolist()], [*(breaks - 1).tolist(), len(i) - 1], strict=True):
        i0, i1, j0, j1 = int(i[first]), int(i[last]), int(j[first]), int(j[last])
        words = min(i1 - i0, j1 - j0) + size
        if words < settings.min_words:
            continue
        span_a = (int(a["starts"][i0]), int(a["ends"][i1 + size - 1]))
        span_b = (int(b["starts"][j0]), int(b["ends"][j1 + size - 1]))
        passages.append(Passage((span_a, span_b), words, last - first + 1))
    return passages


def _matches(a: dict[str, Any], b: dict[str, Any], common: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The places (in ``a``, in ``b``) of the shingles the two share: every pairing of the
    places of a shingle that stands at most `_MOST_PLACES` times in each."""
    import numpy as np

    shared = np.intersect1d(a["values"], b["values"], assume_unique=True)
    shared = shared[~np.isin(shared, common)]
    found_i, found_j = [], []
    # the usual case, vectorised: a shingle once in each
    once = np.intersect1d(a["values"][a["counts"] == 1], b["values"][b["counts"] == 1], assume_unique=True)
    once = once[np.isin(once, shared)]
    found_i.append(a["first"][np.searchsorted(a["values"], once)])
    found_j.append(b["first"][np.searchsorted(b["values"], once)])
    # the rest: a shingle a few times in one or both
    few_a = a["values"][(a["counts"] > 1) & (a["counts"] <= _MOST_PLACES)]
    few_b = b["values"][(b["counts"] > 1) & (b["counts"] <= _MOST_PLACES)]
    few = np.setdiff1d(shared[np.isin(shared, few_a) | np.isin(shared, few_b)], once, assume_unique=True)
    few = few[(_count(a, few) <= _MOST_PLACES) & (_count(b, few) <= _MOST_PLACES)]
    if len(few):
        places_a, places_b = _places(a["hashes"], few), _places(b["hashes"], few)
        for value in few.tolist():
            for x in places_a[value]:
                for y in places_b[value]:
                    found_i.append(np.asarray([x]))
                    found_j.append(np.asarray([y]))
    return np.concatenate(found_i).astype(np.int64), np.concatenate(found_j).astype(np.int64)


def _count(document: dict[str, Any], values: np.ndarray) -> np.ndarray:
    """How often each of ``values`` (shingles of the document) stands in it."""
    import numpy as np

    counts: np.ndarray = document["counts"][np.searchsorted(document["values"], values)]
    return counts


def _places(hashes: np.ndarray, values: np.ndarray) -> dict[int, list[int]]:
    import numpy as np

    places: dict[int, list[int]] = {}
    for k in np.flatnonzero(np.isin(hashes, values)).tolist():
        places.setdefault(int(hashes[k]), []).append(k)
    return places


def _groups(names: list[str], pairs: list[Pair]) -> tuple[tuple[str, ...], ...]:
    parent = {name: name for name in names}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for pair in pairs:
        x, y = root(pair.documents[0]), root(pair.documents[1])
        if x != y:
            parent[max(x, y)] = min(x, y)
    members: dict[str, list[str]] = {}
    for name in names:
        members.setdefault(root(name), []).append(name)
    groups = [tuple(sorted(group)) for group in members.values() if len(group) > 1]
    return tuple(sorted(groups, key=lambda g: (-len(g), g)))


def command(group: Iterable[str]) -> str:
    """The ``collate align`` command line that collates a group: each file by its path, or,
    where two files would take one siglum from their stems (``final/P66.txt`` and
    ``original/P66.txt``), each of those as ``-w SIGLUM=FILE`` with its folder's name before
    its stem.

    >>> command(["a/P66.txt", "b/P66.txt", "c/P75.txt"])
    'collate align c/P75.txt -w a-P66=a/P66.txt -w b-P66=b/P66.txt'
    """
    from collate.model import siglum_from_name

    paths = list(group)
    stems = [siglum_from_name(Path(path).stem) for path in paths]
    plain = [path for path, stem in zip(paths, stems, strict=True) if stems.count(stem) == 1]
    named: list[str] = []
    taken = {stem for stem in stems if stems.count(stem) == 1}
    for path, stem in zip(paths, stems, strict=True):
        if stems.count(stem) == 1:
            continue
        folder = Path(path).parent.name
        name = f"{folder}-{Path(path).stem}" if folder else Path(path).stem
        siglum, number = siglum_from_name(name), 1
        while siglum in taken:
            number += 1
            siglum = siglum_from_name(f"{name}-{number}")
        taken.add(siglum)
        named.append(f"-w {shlex.quote(f'{siglum}={path}')}")
    return " ".join(["collate align", *(shlex.quote(path) for path in plain), *named])


def as_data(discovery: Discovery) -> dict[str, Any]:
    """The discovery as JSON data: documents, pairs with their passages, and groups with the
    command that collates each."""
    settings = discovery.settings
    return {
        "format": 1,
        "generator": f"collate {__version__}",
        "settings": {
            "shingle": settings.shingle,
            "window": settings.window,
            "threshold": settings.threshold,
            "min_words": settings.min_words,
            "gap": settings.gap,
            "boilerplate": settings.boilerplate,
        },
        "documents": [{"path": p, "words": w, "characters": c} for p, w, c in discovery.documents],
        "pairs": [
            {
                "documents": list(pair.documents),
                "words": pair.words,
                "passages": [
                    {
                        "spans": [list(span) for span in passage.spans],
                        "words": passage.words,
                        "matches": passage.matches,
                    }
                    for passage in pair.passages
                ],
            }
            for pair in discovery.pairs
        ],
        "groups": [{"documents": list(group), "command": command(group)} for group in discovery.groups],
    }


def write_discovery(
    sources: Iterable[str | Path],
    out: str | Path,
    *,
    settings: Settings | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> tuple[Discovery, list[Path]]:
    """`discover` the groups in ``sources`` and write ``out/discovery.json`` and
    ``out/discovery.html`` (atomically, both or neither); the discovery and the files written."""
    from collate.readers import document_text
    from collate.report.writer import write_all

    result = discover(sources, settings=settings, workers=workers, scheduler=scheduler, progress=progress)
    texts: dict[str, str] = {}

    def text(path: str) -> str:
        if path not in texts:
            texts[path] = document_text(path)
        return texts[path]

    folder = Path(out)
    files = {
        folder / "discovery.json": render_json(result),
        folder / "discovery.html": render_html(result, text),
    }
    write_all(files)
    return result, list(files)


def render_json(discovery: Discovery) -> str:
    return json_text(as_data(discovery), separators=(",", ": "), indent=1, sort_keys=True) + "\n"


def render_html(discovery: Discovery, texts: Callable[[str], str] | None = None) -> str:
    """The groups as one self-contained page: for each, its documents, the command that
    collates them, and the passages each pair shares (with the opening words of each, where
    ``texts`` gives a document's text). The view is built here; ``templates/discovery.html``
    lays it out."""
    from collate.report.pages import asset, render_page

    by_group: dict[str, int] = {}
    for number, group in enumerate(discovery.groups):
        for path in group:
            by_group[path] = number
    groups = []
    for number, group in enumerate(discovery.groups, 1):
        rows = []
        for pair in (p for p in discovery.pairs if by_group.get(p.documents[0]) == number - 1):
            for passage in pair.passages:
                (a0, a1), (b0, b1) = passage.spans
                snippet = ""
                if texts is not None:
                    words = texts(pair.documents[0])[a0:a1].split()
                    snippet = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
                first, second = pair.documents
                rows.append(
                    {"first": first, "second": second, "a0": a0, "a1": a1, "b0": b0, "b1": b1}
                    | {"words": passage.words, "snippet": snippet}
                )
        groups.append({"number": number, "members": list(group), "command": command(group), "rows": rows})
    return render_page(
        "discovery.html",
        groups=groups,
        documents=len(discovery.documents),
        min_words=discovery.settings.min_words,
        alone=len(discovery.documents) - sum(len(g) for g in discovery.groups),
        css=asset("discovery.css"),
    )
