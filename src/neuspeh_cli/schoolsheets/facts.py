"""What the roadmap asks of one school: its parameters, the events it takes part in, what it reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class SchoolEvent:
    number: int  # № in section II
    event: Any


@dataclass
class SchoolView:
    school: Any
    short: str
    findings: list[tuple[str, str]] = field(default_factory=list)  # (code «1.1.», parameter title)
    events: list[SchoolEvent] = field(default_factory=list)
    indicators: list[Any] = field(default_factory=list)  # QualityIndicator
    rounds: list[tuple[str, str]] = field(default_factory=list)  # (round «май 2025», monitoring event id)

    @property
    def shnor(self) -> bool:
        return self.school.shnor


def school_views(roadmap: Any, catalog: Any) -> list[SchoolView]:
    """One view per school of the roadmap, ШНОР first (each group in file order)."""
    from ..domain.structure import _ALL_SCHOOLS, Participation, resolve, school_short_names
    from ..report_scaffold import monitoring_rounds

    structure = resolve(roadmap, catalog)
    short = school_short_names(roadmap)
    participation = Participation(roadmap)
    rounds = monitoring_rounds(roadmap, roadmap.document.span)
    indicators = roadmap.monitoring.quality_indicators
    views = []
    for school in sorted(roadmap.schools, key=lambda s: not s.shnor):
        view = SchoolView(school, short[school.id], indicators=indicators, rounds=rounds)
        for block in structure.factors:
            for row in block.rows:
                if school.id in row.finding.schools:
                    view.findings.append((row.code, row.title))
        for number, event in enumerate(roadmap.events, 1):
            if school.shnor:
                takes_part = school.id in participation.of(event)
            else:
                # A school that is not a ШНОР takes part where it is named or where all schools are.
                text = f"{event.contingent} {event.place}"
                takes_part = school.id in participation.named_schools(text) or bool(
                    _ALL_SCHOOLS.search(event.contingent)
                )
            if takes_part:
                view.events.append(SchoolEvent(number, event))
        views.append(view)
    return views
