"""The `collate` command line: a thin click layer, one library call per command.

Exit codes: 0 success; 1 an error in the input or the run (a message on stderr, no
traceback); 2 a usage error; 3 the gate failed.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

import collate
from collate.anomalies.relation import RELATIONS
from collate.config import where_to_run
from collate.errors import CollateError
from collate.readers import DEFAULT_MAX_MEGABYTES
from collate.report import Format
from collate.report.notes import GROUP
from collate.version import __version__

if TYPE_CHECKING:
    from collate.edition import Settings

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_GATE = 0, 1, 2, 3


class _Option(click.Option):
    """An option whose help gives its default one way, ``[default: X]``, whether the default is
    its value or, where "not given" means "from the manifest or the library", a word for it."""

    def get_help_extra(self, ctx: click.Context) -> Any:
        extra = super().get_help_extra(ctx)
        if isinstance(self.show_default, str):
            extra["default"] = self.show_default
        return extra


def _option(*names: str, **attributes: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(*names, cls=_Option, **attributes)


class _Group(click.Group):
    """Turns a `CollateError` (and any unexpected failure) into a message and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CollateError as error:
            click.echo(f"collate: error: {error}", err=True)
            sys.exit(EXIT_ERROR)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("collate: interrupted; nothing was replaced", err=True)
            sys.exit(130)
        except Exception as error:  # a bug: say so plainly, keep the traceback for debugging
            if os.environ.get("COLLATE_DEBUG"):
                raise
            click.echo(
                f"collate: internal error: {type(error).__name__}: {error}\n"
                "This is a bug in collate; run again with COLLATE_DEBUG=1 to see where it happened.",
                err=True,
            )
            sys.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "show_default": True})
@click.version_option(__version__, prog_name="collate")
def main() -> None:
    """Collate witnesses of a text, flag transmission errors, write a critical apparatus."""


class _ProgressBar:
    """A progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = click.progressbar(length=total, label=stage, file=sys.stderr)
            self.bar.render_progress()
        self.bar.update(done - self.bar.pos)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()
            self.bar = None
            self.stage = ""


def _progress() -> _ProgressBar | None:
    return _ProgressBar() if sys.stderr.isatty() else None


def _input_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options of every command that reads witness files named on the command line:
    which files, how to read them and how to compare their words (a manifest's settings)."""
    options = [
        _option(
            "-w",
            "--witness",
            "--siglum",
            "named",
            multiple=True,
            metavar="SIGLUM=FILE",
            help="A witness with its siglum, for files whose names would not do (repeatable; "
            "read after FILES, in the order given).",
        ),
        _option(
            "--summary",
            "summaries",
            multiple=True,
            type=click.Path(path_type=Path),
            help="A summary of the witnesses, checked against them instead of collated (repeatable).",
        ),
        _option(
            "-o",
            "--output",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            help="Write the report here (atomically) instead of to stdout; its suffix gives the "
            "format unless --format does.",
        ),
        _option(
            "--config",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            help="A collate.toml whose settings to use ([normalize], [collation] relation, "
            "[limits]; not its witnesses); the options win.",
        ),
        _option(
            "--casefold/--no-casefold",
            default=None,
            show_default="casefold",
            help="Compare words without case, or with it.",
        ),
        _option(
            "--unicode-form",
            type=click.Choice(["NFC", "NFKC", "NFD", "NFKD"]),
            default=None,
            show_default="NFC",
            help="Unicode normal form in which words are compared.",
        ),
        _option(
            "--punctuation",
            type=click.Choice(["keep", "ignore"]),
            default=None,
            show_default="keep",
            help="keep: punctuation marks align like words; ignore: left out of matching (they "
            "stay in the text).",
        ),
        _option(
            "--editorial",
            type=click.Choice(["keep", "ignore"]),
            default=None,
            show_default="ignore",
            help="Bracketed editorial insertions such as [Xinjiang]: ignore leaves them out of "
            "matching, keep matches them.",
        ),
        _option(
            "--regularize",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            metavar="FILE",
            help='A table of forms that count as one another (.toml: "rail roads" = "railroads"; '
            ".tsv or .csv: two columns), over the --config file's.",
        ),
        _option("--encoding", default=None, show_default="utf-8", help="Encoding of the input files."),
        _option(
            "--max-size",
            type=click.FloatRange(min=0, min_open=True),
            default=None,
            show_default=f"{DEFAULT_MAX_MEGABYTES:g}",
            help="Largest witness file to read, in MB (about 100 MB of memory per MB of text).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _named(given: Sequence[str]) -> list[tuple[str, Path]]:
    """``-w SIGLUM=FILE`` options as (siglum, file) pairs."""
    pairs = []
    for item in given:
        siglum, sep, file = item.partition("=")
        if not sep or not siglum or not file:
            raise collate.InputError(f"-w {item!r}: write SIGLUM=FILE, a siglum and a file")
        pairs.append((siglum, Path(file)))
    return pairs


def _read_inputs(
    files: Sequence[Path],
    named: Sequence[str],
    summaries: Sequence[Path],
    *,
    command: str,
    settings: Settings,
    encoding: str | None,
    progress: _ProgressBar | None,
) -> list[collate.Witness]:
    """The witnesses the command line names, read with the settings; at least one."""
    pairs = _named(named)
    if not files and not pairs:
        raise click.UsageError(f"{command} needs witness files: give FILE... or -w SIGLUM=FILE")
    return collate.load_files(
        files,
        named=pairs,
        summaries=summaries,
        encoding=encoding,
        normalization=settings.normalization,
        max_megabytes=settings.max_megabytes,
        progress=progress,
    )


def _format(given: str | None, output: Path | None, known: Sequence[str]) -> str:
    """The report format: ``--format``, else the suffix of ``-o``, else text."""
    from collate.api import report_format

    if given is None and output is None:
        return "text"
    try:
        return report_format(output or Path(), given, known)
    except collate.ConfigError as error:
        raise collate.InputError(f"-o {error}") from None


_allow_read = _option(
    "--allow-read",
    "allow_read",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="A folder outside PROJECT whose files the manifest may name (repeatable). "
    "Without it a project reads only its own files.",
)


@main.command()
@click.argument("project", default=".", type=click.Path(path_type=Path))
@_allow_read
def run(project: Path, allow_read: Sequence[Path]) -> None:
    """Collate the witnesses of PROJECT's collate.toml and write PROJECT/reports/.

    The manifest is PROJECT/collate.toml or PROJECT/witnesses/collate.toml.
    """
    written, apparatus = collate.run_project(project, progress=_progress(), allow_read=allow_read)
    from collate.apparatus import describe

    click.echo(describe(apparatus))
    for path in written:
        click.echo(f"wrote {path}")
    _warn_limits(apparatus)


def _relation_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--revisions`` and ``--exemplar``: what the witnesses are to each other."""
    command = _option(
        "--exemplar",
        "exemplars",
        multiple=True,
        metavar="COPY=EXEMPLAR",
        help="COPY was copied from EXEMPLAR (sigla; repeatable): what COPY lacks is its omission, "
        "what only COPY has its addition.",
    )(command)
    command = _option(
        "--relation",
        type=click.Choice(RELATIONS),
        default=None,
        help="What the files are to each other: copies (every omission and addition of three "
        "words or more is a fault), revisions or independent witnesses (only what a mechanical "
        "cause explains). Not given: inferred for each pair from the collation, and said in the "
        "report.",
    )(command)
    return _option(
        "--revisions",
        is_flag=True,
        help="The same as --relation revisions: an author's revisions, not copies.",
    )(command)


def _detect_options(revisions: bool, relation: str | None, exemplars: Sequence[str]) -> collate.DetectOptions:
    if revisions and relation not in (None, "revisions"):
        raise collate.InputError(f"--revisions and --relation {relation} say two things: give one")
    pairs = {}
    for given in exemplars:
        copy, sep, exemplar = given.partition("=")
        if not sep or not copy or not exemplar:
            raise collate.InputError(f"--exemplar {given!r}: write COPY=EXEMPLAR, two sigla")
        pairs[copy] = exemplar
    return collate.DetectOptions(relation="revisions" if revisions else relation or "", exemplars=pairs)


def _known_sigla(witnesses: Sequence[collate.Witness], options: collate.DetectOptions) -> None:
    sigla = {w.siglum for w in witnesses}
    for copy, exemplar in options.exemplars.items():
        unknown = [s for s in (copy, exemplar) if s not in sigla]
        if unknown:
            raise collate.InputError(
                f"--exemplar {copy}={exemplar}: no witness {unknown[0]!r} (sigla: {', '.join(sorted(sigla))})"
            )


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@_option(
    "--format",
    "format_",
    type=click.Choice([f.value for f in Format]),
    default=None,
    show_default="text, or from the suffix of -o",
    help="Report format.",
)
@_input_options
@_option(
    "--near-match",
    type=click.FloatRange(0, 1),
    default=None,
    show_default=f"{collate.AlignOptions().near_match:g}",
    help="Levenshtein ratio at which differently spelled words align (0: off).",
)
@_option(
    "--transposition-min",
    type=click.IntRange(0),
    default=None,
    show_default=str(collate.AlignOptions().transposition_min),
    help="Fewest words a moved block needs to count as a transposition (0: off).",
)
@_option(
    "--group",
    type=click.IntRange(0),
    default=None,
    show_default=str(GROUP),
    help="In the html and latex notes, variant units with fewer words of agreement between them "
    "are one note, with each witness's whole passage (0: one note a unit).",
)
@_relation_options
def align(
    format_: str | None,
    output: Path | None,
    near_match: float | None,
    transposition_min: int | None,
    group: int | None,
    **inputs: Any,
) -> None:
    """Collate FILES: plain text, CollateX JSON input (.json) or TEI (.xml).

    Sigla are the files' stems (or the ids in CollateX JSON), or given with -w SIGLUM=FILE.
    Two witnesses or more are collated; one, with --summary, is the summary's source.
    """
    chosen = _format(format_, output, [f.value for f in Format])
    witnesses, detect_options, progress = _collation_inputs("align", inputs)
    collated = [w.siglum for w in witnesses if w.collated]
    if len(collated) < (1 if inputs["summaries"] else 2):
        raise collate.InputError(
            f"align needs two witnesses to collate, or one and a --summary; got {len(collated)}"
            + (f" ({', '.join(collated)})" if collated else "")
        )
    defaults = collate.AlignOptions()
    options = collate.AlignOptions(
        near_match=defaults.near_match if near_match is None else near_match,
        transposition_min=defaults.transposition_min if transposition_min is None else transposition_min,
    )
    apparatus = collate.collate(
        witnesses, align_options=options, detect_options=detect_options, progress=progress
    )
    _emit(collate.render(apparatus, chosen, group=group), output)
    _warn_limits(apparatus)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@_option(
    "--format",
    "format_",
    type=click.Choice(["json", "text"]),
    default=None,
    show_default="text, or from the suffix of -o",
    help="json: the apparatus without its units; text: a line per anomaly, like a compiler.",
)
@_input_options
@_relation_options
def anomalies(format_: str | None, output: Path | None, **inputs: Any) -> None:
    """Flag transmission errors in FILES (or -w SIGLUM=FILE).

    One file: dittography, editorial insertions and spelling within it. Several: those, and
    between them eye-skip omissions, repeats, transpositions and, between files that are
    copies (inferred, or --relation copies), every omission and addition of three words or more.
    """
    chosen = _format(format_, output, ["json", "text"])
    witnesses, detect_options, progress = _collation_inputs("anomalies", inputs)
    apparatus = collate.collate(witnesses, detect_options=detect_options, progress=progress)
    _emit(collate.render_anomalies(apparatus, chosen), output)
    _warn_limits(apparatus)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@_option(
    "--format",
    "format_",
    type=click.Choice(["text", "json", "newick", "dot"]),
    default=None,
    show_default="text, or from the suffix of -o",
    help="text: the tree indented, with supports and the method; json (format 1); newick; dot.",
)
@_option(
    "--replicates",
    type=click.IntRange(0, 10_000),
    default=100,
    show_default=True,
    help="Bootstrap replicates for each branch's support (0: none).",
)
@_input_options
@_relation_options
def stemma(format_: str | None, output: Path | None, replicates: int, **inputs: Any) -> None:
    """Which witness copied which: a stemma of FILES (three or more), or of a PROJECT folder.

    Lost ancestors are the inner nodes; the root is put where shared mechanical slips say the
    copying began (else at the midpoint); each branch has its bootstrap support.
    """
    chosen = _format(format_, output, ["text", "json", "newick", "dot"])
    files = inputs["files"]
    if len(files) == 1 and Path(files[0]).is_dir():
        witnesses = [w for w in collate.load_project(files[0]) if w.collated]
        apparatus = collate.collate(witnesses, progress=_progress())
    else:
        witnesses, detect_options, progress = _collation_inputs("stemma", inputs)
        apparatus = collate.collate(witnesses, detect_options=detect_options, progress=progress)
    built = collate.stemma(apparatus, replicates=replicates)
    rendered = {
        "text": built.text,
        "json": lambda: json.dumps(built.to_json(), indent=2, ensure_ascii=False) + "\n",
        "newick": lambda: built.newick() + "\n",
        "dot": built.dot,
    }[chosen]()
    _emit(rendered, output)
    _warn_limits(apparatus)


def _collation_inputs(
    command: str, inputs: dict[str, Any]
) -> tuple[list[collate.Witness], collate.DetectOptions, _ProgressBar | None]:
    """The witnesses, detector settings and progress bar of a command that collates files
    named on the command line (`_input_options` and `_relation_options`: ``inputs``)."""
    from collate.edition import settings_for

    settings = settings_for(
        inputs["config"],
        regularize=inputs["regularize"],
        relation=inputs["relation"],
        max_megabytes=inputs["max_size"],
        casefold=inputs["casefold"],
        unicode_form=inputs["unicode_form"],
        punctuation=inputs["punctuation"],
        editorial=inputs["editorial"],
    )
    progress = _progress()
    witnesses = _read_inputs(
        inputs["files"],
        inputs["named"],
        inputs["summaries"],
        command=command,
        settings=settings,
        encoding=inputs["encoding"],
        progress=progress,
    )
    detect_options = _detect_options(inputs["revisions"], settings.relation or None, inputs["exemplars"])
    _known_sigla(witnesses, detect_options)
    return witnesses, detect_options, progress


def _warn_limits(apparatus: collate.Apparatus) -> None:
    """Where a bound cut a search short, on stderr too: the reports say so, but a report
    written to a file is not read at once."""
    for limit in apparatus.limits:
        click.echo(f"collate: warning: limit: {limit}", err=True)


def _emit(content: str, output: Path | None) -> None:
    """Write a report to stdout, or atomically to a file."""
    from collate.report.writer import write_atomic

    if output is None:
        click.echo(content, nl=False)
    else:
        write_atomic(output, content)
        click.echo(f"wrote {output.as_posix()}")


@main.command()
@click.argument("project", default=".", type=click.Path(path_type=Path))
@_option(
    "--format",
    "format_",
    type=click.Choice(["text", "json"]),
    default="text",
    help="text: a line per finding, like a linter; json: for machines.",
)
@_option(
    "--fail-under",
    "fail_under",
    type=click.FloatRange(0, 1),
    default=None,
    metavar="CONFIDENCE",
    show_default="[check] threshold, else 0.5",
    help="The least confidence of an anomaly that must be corrected or marked authorial.",
)
@_allow_read
def check(project: Path, format_: str, fail_under: float | None, allow_read: Sequence[Path]) -> None:
    """The CI gate: exit 3 if PROJECT's reports are stale, a correction no longer matches its
    witness, or an anomaly at or above the threshold is neither corrected nor marked authorial."""
    findings = collate.check_project(project, allow_read=allow_read, threshold=fail_under)
    if format_ == "json":
        from collate.check import as_data
        from collate.report.escape import json_text

        click.echo(json_text(as_data(findings), separators=(",", ": "), indent=2))
    else:
        from collate.report.escape import visible

        for finding in findings:
            click.echo(visible(str(finding)))
        click.echo(
            f"{len(findings)} finding{'' if len(findings) == 1 else 's'}" if findings else "collate check: ok"
        )
    if findings:
        sys.exit(EXIT_GATE)


@main.command()
@click.argument("project", default=".", type=click.Path(path_type=Path))
@_option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path),
    default=None,
    show_default="PROJECT/edition",
    help="Folder for the emended witnesses.",
)
@_allow_read
def apply(project: Path, out: Path | None, allow_read: Sequence[Path]) -> None:
    """Write PROJECT's witnesses with their accepted corrections applied, as text and as TEI."""
    for path in collate.apply_project(project, out, allow_read=allow_read):
        click.echo(f"wrote {path}")


_ANOMALY_ID = re.compile(r"a[0-9]+")


@main.command()
@click.argument("names", nargs=-1, required=True, metavar="[PROJECT] ID...")
@_option("--project", "legacy_project", default=None, hidden=True, type=click.Path(path_type=Path))
@_option(
    "--status",
    type=click.Choice(["accepted", "authorial"]),
    required=True,
    help="accepted: an error, to emend; authorial: intended, the text stands.",
)
@_option("--reason", default="", help="Why, in a sentence.")
@_option("--editor", default="", help="Who decided.")
@_option(
    "--emended",
    default=None,
    help="The editor's own reading, replacing the anomalies' phrase (they must share it).",
)
@_option(
    "--force",
    is_flag=True,
    help="Record an --emended reading that repeats the words around the phrase it replaces "
    "(refused without it, with the text as it would read).",
)
@_allow_read
def record(
    names: Sequence[str],
    legacy_project: Path | None,
    status: str,
    reason: str,
    editor: str,
    emended: str | None,
    force: bool,
    allow_read: Sequence[Path],
) -> None:
    """Record anomalies ID of PROJECT's current run (a1, a2, ...) as corrections in its
    corrections.toml; PROJECT defaults to the current folder, as for run, check and apply.

    Without --emended, each anomaly becomes a correction with its own proposed emendation."""
    import warnings

    project, ids = _project_and_ids(names)
    if legacy_project is not None:
        click.echo("collate: warning: --project is deprecated: collate record PROJECT ID...", err=True)
        if project != Path("."):
            raise collate.InputError(f"two project folders: {project} and --project {legacy_project}")
        project = legacy_project
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", collate.EmendationWarning)
        added = collate.record_corrections(
            project,
            ids,
            status=status,
            reason=reason,
            editor=editor,
            emended=emended,
            force=force,
            allow_read=allow_read,
        )
    for warning in caught:
        click.echo(f"collate: warning: {warning.message}", err=True)
    for correction in added:
        click.echo(f"recorded {correction}")


def _project_and_ids(names: Sequence[str]) -> tuple[Path, list[str]]:
    """``[PROJECT] ID...``: the first name is the project folder unless it is an anomaly id
    (``a12``) and no such folder exists."""
    first, *rest = names
    if _ANOMALY_ID.fullmatch(first) and not Path(first).is_dir():
        return Path("."), list(names)
    if not rest:
        raise click.UsageError(f"give the ids of the anomalies to record after the project folder {first}")
    return Path(first), rest


def _many(count: int, noun: str) -> str:
    """``1 group``, ``2 groups``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _run_options(what: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``--workers``, ``--scheduler`` and ``--config``: where a command over many files runs
    (``what``: what the cluster does, for the help)."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        options = [
            _option(
                "--workers",
                type=click.IntRange(min=1),
                default=None,
                show_default="one per core",
                help="Local worker processes.",
            ),
            _option(
                "--scheduler",
                default=None,
                metavar="ADDRESS",
                help=f"{what} on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786) instead of "
                "locally; needs pip install 'collate[dask]'.",
            ),
            _option(
                "--config",
                type=click.Path(path_type=Path, dir_okay=False),
                default=None,
                help="A TOML file whose [batch] table gives scheduler and workers (the options win).",
            ),
        ]
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


@main.command()
@click.argument("sources", nargs=-1, required=True)
@_option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder for the reports and the index (made if missing).",
)
@_run_options("Run")
@_option("--force", is_flag=True, help="Collate every record again, changed or not.")
def batch(
    sources: Sequence[str],
    out: Path,
    workers: int | None,
    scheduler: str | None,
    config: Path | None,
    force: bool,
) -> None:
    """Collate many archive records and projects: SOURCES are record files, project folders,
    folders holding them, or glob patterns. Writes OUT/records/NAME/apparatus.json and .html
    for each, and OUT/index.jsonl and OUT/index.html for all. Records whose inputs are unchanged
    since the last run are skipped. Exit 1 if any record failed (the others are written)."""
    from collate.batch import run_batch

    where = where_to_run(workers, scheduler, config)
    try:
        result = run_batch(sources, out, force=force, progress=_progress(), **where)
    except KeyboardInterrupt:
        click.echo(
            "collate: interrupted; the records finished are written, and a rerun does the rest", err=True
        )
        sys.exit(130)
    click.echo(
        f"{_many(len(result.lines), 'record')}: {result.done:,} collated, {result.skipped:,} unchanged "
        f"(skipped), {result.failed:,} failed"
    )
    click.echo(f"wrote {result.index}")
    click.echo(f"wrote {result.overview}")
    failures = [line for line in result.lines if line["status"] != "ok"]
    for line in failures:
        click.echo(f"collate: error: {line.get('error', '')}", err=True)
    if failures:
        sys.exit(EXIT_ERROR)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@_option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder for discovery.json and discovery.html (made if missing).",
)
@_option("--min-words", type=click.IntRange(min=1), default=30,
              help="The shortest shared passage, in words, that links two documents.")  # fmt: skip
@_option("--shingle", type=click.IntRange(1, 20), default=5,
              help="Words in a shingle.")  # fmt: skip
@_run_options("Read the documents")
def discover(
    sources: Sequence[str],
    out: Path,
    min_words: int,
    shingle: int,
    workers: int | None,
    scheduler: str | None,
    config: Path | None,
) -> None:
    """Find which documents share passages: SOURCES are text or TEI files, folders (searched at
    any depth) or glob patterns. Writes OUT/discovery.json (documents, pairs with the passages
    they share and their offsets, groups) and OUT/discovery.html (each group with the
    collate align command that collates it)."""
    from collate import discover as found

    where = where_to_run(workers, scheduler, config)
    options = found.Settings(shingle=shingle, min_words=max(min_words, shingle))
    result, files = found.write_discovery(sources, out, settings=options, progress=_progress(), **where)
    grouped = sum(len(group) for group in result.groups)
    click.echo(
        f"{_many(len(result.documents), 'document')}: {_many(len(result.groups), 'group')} "
        f"({_many(grouped, 'document')}), {_many(len(result.pairs), 'pair')} sharing passages"
    )
    for path in files:
        click.echo(f"wrote {path}")


@main.command("import-record")
@click.argument("record", type=click.Path(path_type=Path))
@_option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path),
    default=None,
    show_default="the record's folder",
    help="Folder for the witness files and collate.toml.",
)
@_option("--siglum", default=None, show_default="from the title", help="Siglum of the transcript.")
@_option("--encoding", default=None, show_default="utf-8", help="Encoding of the record.")
@_option("--force", is_flag=True, help="Replace existing files with other content.")
def import_record(
    record: Path, out: Path | None, siglum: str | None, encoding: str | None, force: bool
) -> None:
    """Split an archive RECORD into witness files and a collate.toml manifest."""
    manifest = collate.import_record(
        record, out if out is not None else record.parent, siglum=siglum, encoding=encoding, force=force
    )
    click.echo(f"wrote {manifest}")
