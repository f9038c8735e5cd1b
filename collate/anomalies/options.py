"""The detectors' settings, apart from the detectors so that each of them and the package
that runs them can import it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from collate.anomalies.relation import RELATIONS
from collate.errors import ConfigError


@dataclass(frozen=True, slots=True)
class DetectOptions:
    """Settings of the detectors.

    - ``max_period``: the longest repeated passage looked for, in words.
    - ``report_floor``: candidates less confident than this are not reported at all.
    - ``grammatical_doubles``: words an author writes twice on purpose ("had had").
    - ``relation``: what the collated witnesses are to each other. ``""`` (the default):
      inferred for each pair from the collation (`collate.anomalies.relation`);
      ``"copies"``: copies of one text, made by hand or by machine, where every omission or
      addition of ``gap_min`` words or more is a fault to report; ``"revisions"``: versions
      an author revised, and ``"independent"``: witnesses at some remove from each other,
      where a word more or less and the word order are variants, and only what a mechanical
      cause explains (an eye-skip, a repeat) is an anomaly.
    - ``exemplars``: which witness is a copy of which (``{"B": "A"}``: B was copied from A),
      so that text B lacks is B's omission and text only B has is B's addition.
    - ``gap_min``: the fewest words an unexplained omission or addition between copies must
      have to be reported.
    """

    max_period: int = 100
    report_floor: float = 0.1
    grammatical_doubles: frozenset[str] = field(
        default_factory=lambda: frozenset({"that", "had", "is", "do", "very", "ha", "well", "no"})
    )
    relation: str = ""
    exemplars: Mapping[str, str] = field(default_factory=dict)
    gap_min: int = 3

    def __post_init__(self) -> None:
        if self.max_period < 1:
            raise ConfigError(f"max_period must be 1 or more, not {self.max_period}")
        if not 0 <= self.report_floor <= 1:
            raise ConfigError(f"report_floor must be between 0 and 1, not {self.report_floor}")
        if self.relation and self.relation not in RELATIONS:
            raise ConfigError(f"relation must be one of {', '.join(RELATIONS)}, not {self.relation!r}")
        if self.gap_min < 1:
            raise ConfigError(f"gap_min must be 1 or more, not {self.gap_min}")
        for copy, exemplar in self.exemplars.items():
            if copy == exemplar:
                raise ConfigError(f"witness {copy} cannot be a copy of itself")
