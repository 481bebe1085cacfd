"""What the roadmap's data means once resolved against the catalog.

Both the checks and the document use it: factor and parameter numbering
(codes «1.1.»), titles, school lists, event groups. Unresolvable references
are skipped here; the rules report them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import Catalog
from .roadmap import Event, Finding, Roadmap
from .schools import compact_list, short_name


@dataclass
class ParameterRow:
    code: str
    ref: str
    title: str
    finding: Finding
    index: int  # position in roadmap.audit
    schools: str


@dataclass
class FactorBlock:
    number: int
    id: str
    title: str
    rows: list[ParameterRow] = field(default_factory=list)


@dataclass
class Structure:
    factors: list[FactorBlock]
    code_of: dict[str, str]  # finding ref → «1.1.»

    def codes_for(self, event: Event) -> str:
        if event.addresses_all:
            return "все выявленные параметры"
        return ", ".join(self.code_of.get(ref, ref) for ref in event.parameter_refs)


def factor_id_of(finding: Finding, catalog: Catalog) -> str | None:
    if finding.parameter and finding.parameter in catalog.parameters:
        return catalog.factor_of[finding.parameter].id
    if finding.factor and finding.factor in catalog.factors_by_id:
        return finding.factor
    return None


def finding_title(finding: Finding, catalog: Catalog) -> str:
    if finding.title:
        return finding.title
    parameter = catalog.parameters.get(finding.parameter)
    return parameter.title if parameter else finding.parameter


def school_short_names(roadmap: Roadmap) -> dict[str, str]:
    return {s.id: s.short or short_name(s.name) for s in roadmap.schools}


def resolve(roadmap: Roadmap, catalog: Catalog) -> Structure:
    """Factors in order of first appearance in the audit, parameters in file order."""
    short = school_short_names(roadmap)
    blocks: dict[str, FactorBlock] = {}
    for index, finding in enumerate(roadmap.audit):
        factor_id = factor_id_of(finding, catalog)
        if factor_id is None:
            continue
        if factor_id not in blocks:
            factor = catalog.factors_by_id[factor_id]
            blocks[factor_id] = FactorBlock(len(blocks) + 1, factor.id, factor.title)
        block = blocks[factor_id]
        code = f"{block.number}.{len(block.rows) + 1}."
        names = [short[s] for s in finding.schools if s in short]
        block.rows.append(ParameterRow(code, finding.ref, finding_title(finding, catalog), finding, index, compact_list(names)))
    code_of = {row.ref: row.code for block in blocks.values() for row in block.rows}
    return Structure(list(blocks.values()), code_of)


CONTROL_MARKERS = ("внутришкольн",)


def event_group(event: Event) -> str:
    """The method's group of an event: explicit, or read from its text."""
    if event.stated_groups:
        return event.stated_groups[0]
    text = f"{event.name} {event.form}".lower()
    if any(marker in text for marker in CONTROL_MARKERS):
        return "control"
    if "шнор" in f"{event.name} {event.contingent} {event.place}".lower():
        return "shnor"
    return "municipal"


GROUP_TITLES = {
    "municipal": "муниципальные мероприятия (организатор — ТМС)",
    "shnor": "муниципальные мероприятия с участием / для ШНОР",
    "control": "контроль подготовки и реализации внутришкольных систем профилактики учебной неуспешности",
}


MONITORING_TITLE = "Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности"


def monitoring_event(roadmap: Roadmap) -> tuple[int, Event] | None:
    """The mandatory monitoring: by ``monitoring.events`` ids, else by its name and form."""
    ids = roadmap.monitoring.event_ids
    if ids:
        for i, event in enumerate(roadmap.events):
            if event.id in ids:
                return i, event
        return None
    for i, event in enumerate(roadmap.events):
        text = f"{event.name} {event.form}".lower()
        if "мониторинг" in text and "внутришкольн" in text:
            return i, event
    return None
