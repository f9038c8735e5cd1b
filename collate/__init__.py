"""collate: collate witnesses of a text, flag transmission errors, write a critical apparatus.

The public API is what ``__all__`` names, and nothing else::

    import collate

    apparatus = collate.collate(collate.load("1818.txt") + collate.load("1831.txt"))
    for anomaly in apparatus.anomalies:
        print(anomaly.kind.value, anomaly.confidence, anomaly.cause)

Importing collate is light: CollateX, networkx, numpy and the other heavy dependencies are
imported only by the functions that use them.
"""

from collate import report as _report  # noqa: F401  (registers the reports for Apparatus.__str__)
from collate.aligner import AlignOptions
from collate.anomalies import DetectOptions
from collate.api import (
    align,
    apply_corrections,
    check_summary,
    collate,
    detect,
    from_collatex,
    load,
    load_files,
    load_project,
    load_record,
    read_corrections,
    render,
    render_anomalies,
    stemma,
    witness,
    write,
)
from collate.check import Finding, check_project
from collate.corrections import Correction, EmendationWarning
from collate.edition import apply_project, import_record, record_corrections, run_project
from collate.errors import CollateError, ConfigError, InputError, ManifestError
from collate.model import (
    Alignment,
    Anomaly,
    AnomalyKind,
    Apparatus,
    Emendation,
    Link,
    Location,
    Reading,
    Relation,
    Role,
    SourceLink,
    Span,
    Status,
    Token,
    TokenKind,
    Transposition,
    Unit,
    Witness,
)
from collate.readers import TeiPolicy
from collate.stemmatics import Stemma
from collate.summary import SummaryCheck
from collate.tokenizer import Normalization
from collate.version import __version__

__all__ = [
    "AlignOptions",
    "Alignment",
    "Anomaly",
    "AnomalyKind",
    "Apparatus",
    "CollateError",
    "ConfigError",
    "Correction",
    "DetectOptions",
    "Emendation",
    "EmendationWarning",
    "Finding",
    "InputError",
    "Link",
    "Location",
    "ManifestError",
    "Normalization",
    "Reading",
    "Relation",
    "Role",
    "SourceLink",
    "Span",
    "Status",
    "Stemma",
    "SummaryCheck",
    "TeiPolicy",
    "Token",
    "TokenKind",
    "Transposition",
    "Unit",
    "Witness",
    "__version__",
    "align",
    "apply_corrections",
    "apply_project",
    "check_project",
    "check_summary",
    "collate",
    "detect",
    "from_collatex",
    "import_record",
    "load",
    "load_files",
    "load_project",
    "load_record",
    "read_corrections",
    "record_corrections",
    "render",
    "render_anomalies",
    "run_project",
    "stemma",
    "witness",
    "write",
]
