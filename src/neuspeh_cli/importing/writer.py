"""``Imported`` → the data file's text (format v2): valid YAML with Russian comments.

Written as text, not dumped, because the comments are the point: where each
part came from, how sure the catalog match is, what to check. Keys the loaded
model does not know yet (a v1 checkout) are written as comments, so that the
file always validates.
"""

from __future__ import annotations

from typing import Any

from ..emit import texts
from ..emit.roadmap import (
    abbreviation_lines,
    approval_lines,
    approval_order_lines,
    finding_lines,
    indicator_lines,
    school_line,
    signature_lines,
)
from ..emit.scalars import comment as _comment
from ..emit.scalars import flow_list as _flow
from ..emit.scalars import yaml_scalar
from .assemble import ALL_PARAMETERS, EventOut, Imported


def _supports(model: str, name: str) -> bool:
    """Whether the data format the package reads has this key (format v2 adds several)."""
    from ..domain import roadmap

    cls = getattr(roadmap, model, None)
    return cls is not None and name in getattr(cls, "model_fields", {})


def render(result: Imported, source_name: str) -> str:
    """The data file's text: one block a section, in the format's order, each with its comment."""
    ids = {k: s.id for k, s in result.schools.items()}
    out: list[str] = []
    out += _comment(texts.import_intro(source_name))
    out += ["kind: roadmap", ""]
    out += _document(result)
    out += _schools(result)
    out += _audit(result, ids)
    out += _events(result, ids)
    out += _monitoring(result)
    out += _abbreviations(result)
    return "\n".join(out) + "\n"


def _document(result: Imported) -> list[str]:
    facts = result.facts
    out = [*_comment(texts.DOCUMENT), "document:"]
    if facts.municipality:
        out.append(f"  municipality: {yaml_scalar(facts.municipality)}")
    elif facts.named_in_title:
        out += _comment(texts.MUNICIPALITY_IN_TITLE.format(facts.named_in_title), 2)
        out.append('  municipality: ""')
    else:
        out += _comment(texts.MUNICIPALITY_NOT_FOUND, 2)
        out.append('  municipality: ""')
    out += _period(facts)
    out += _approval(facts.approval)
    signer = {k: (facts.approval or {}).get(k) for k in ("position", "name")}
    if facts.signature and facts.signature != signer:  # the approver signs by default
        out += signature_lines(facts.signature["position"], facts.signature["name"])
    out.append("")
    return out


def _period(facts) -> list[str]:
    if facts.period and _supports("DocumentInfo", "period"):
        return [
            *_comment(texts.PERIOD_FOUND, 2),
            "  period:",
            f"    start: {yaml_scalar(facts.period[0])}",
            f"    end: {yaml_scalar(facts.period[1])}",
        ]
    if facts.year or facts.period:
        # a v1 checkout knows only years: a period's first year stands for it
        return [f"  year: {facts.year or int(facts.period[0].split()[-1])}"]
    return [*_comment(texts.YEAR_NOT_FOUND, 2), "  year: null"]


def _approval(approval: dict | None) -> list[str]:
    if approval and "order" in approval:
        return approval_order_lines(*(approval["order"][k] for k in ("body", "date", "number")))
    if approval:
        return approval_lines(*(approval[k] for k in ("position", "name", "date")))
    if not _supports("DocumentInfo", "signature"):
        return []  # files of the first format (no signature key) never carried this note
    return _comment(texts.APPROVAL_NOT_FOUND, 2)


def _schools(result: Imported) -> list[str]:
    from ..domain.schools import short_name

    out = _comment(texts.SCHOOLS_IMPORTED)
    if result.per_school:
        out += _comment(texts.SCHOOLS_PER_SCHOOL)
    if not result.schools:
        return [*out, "schools: []", ""]
    out.append("schools:")
    for school in result.schools.values():
        notes = [school.note] if school.note else []
        if short_name(school.name) == school.name:
            notes.append(texts.SCHOOL_FULL_NAME_MISSING)
        # a per-school document names its own school as ШНОР: that says nothing about the municipality's list
        shnor = school.shnor and not result.per_school
        out.append(school_line(school.id, school.name, shnor, note="; ".join(notes)))
    return [*out, ""]


def _audit(result: Imported, ids: dict[str, str]) -> list[str]:
    out = _comment(texts.AUDIT)
    if not result.findings:
        return [*out, *_comment(texts.AUDIT_NOT_FOUND), "audit: []", ""]

    def lines(f) -> list[str]:
        note = _comment(f"{f.where}: {f.note}", 2) if f.note else []
        schools = [ids[k] for k in f.schools]
        return note + finding_lines(
            parameter=f.parameter, own_id=f.own_id, factor=f.factor, title=f.title, schools=schools
        )

    return [*out, "audit:", *_grouped(result.findings, lambda f: f.factor_text, lines), ""]


def _events(result: Imported, ids: dict[str, str]) -> list[str]:
    out = _comment(texts.EVENTS)
    if not result.events:
        return [*out, "events: []", ""]
    grouped = _grouped(result.events, lambda e: e.section, lambda e: _event(e, ids, result), blank=True)
    return [*out, "events:", *grouped, ""]


def _grouped(items: list, heading_of: Any, lines_of: Any, blank: bool = False) -> list[str]:
    """The items' lines, the document's heading of each group (a factor, a section) once above it as a comment;
    ``blank`` — a blank line before each heading."""
    out: list[str] = []
    current = None
    for item in items:
        heading = heading_of(item)
        if heading != current:
            current = heading
            if heading:
                out += ([""] if blank else []) + _comment(heading, 2)
        out += lines_of(item)
    return out


def _monitoring(result: Imported) -> list[str]:
    out = [*_comment(texts.MONITORING_IMPORTED), "monitoring:"]
    if result.monitoring:
        if _supports("Monitoring", "events"):
            out.append(f"  events: {_flow(result.monitoring)}")
        else:
            out.append(f"  event: {result.monitoring[0]}")
    else:
        out += _comment(texts.MONITORING_NOT_FOUND, 2)
    if not result.indicators:
        return [*out, *_comment(texts.INDICATORS_NOT_FOUND, 2), "  indicators: []"]
    structured = _supports("Monitoring", "indicators") and _supports("QualityIndicator", "text")
    out.append("  indicators:")
    for n, item in enumerate(result.indicators, 1):
        note = texts.indicator_from_event(item["event"]) if item.get("event") else ""
        if structured:
            fields = {k: item.get(k) or "" for k in ("unit", "source", "frequency", "baseline", "target")}
            out += indicator_lines(n, item["text"], note=note, **fields)
        else:  # a v1 checkout: indicators are plain texts
            out += [*_comment(note, 4)] if note else []
            out.append(f"    - {yaml_scalar(item['text'])}")
    return out


def _abbreviations(result: Imported) -> list[str]:
    extra = _own_abbreviations(result.facts.abbreviations)
    if not extra:
        return []
    return ["", *_comment(texts.ABBREVIATIONS_IMPORTED), *abbreviation_lines(extra)]


def _event(e: EventOut, ids: dict[str, str], result: Imported) -> list[str]:
    out = []
    for note in e.notes:
        out += _comment(f"{e.where}: {note}", 2)
    out.append(f"  - id: {e.id}")
    for key in ("name", "form"):
        out.append(f"    {key}: {yaml_scalar(getattr(e, key))}")
    if e.parameters == ALL_PARAMETERS:
        out.append(f"    parameters: {ALL_PARAMETERS}")
    else:
        out.append(f"    parameters: {_flow(e.parameters)}")
    if e.groups:
        line = f"groups: {_flow(e.groups)}"
        out.append(f"    {line}" if _supports("Event", "groups") else f"    # {line}   # {texts.GROUPS_FROM_HEADING}")
    shnor_ids = [ids[k] for k in e.shnor if k in ids]
    if e.shnor_every and _supports("Event", "shnor"):
        out.append("    shnor: все")
    elif shnor_ids:
        line = f"shnor: {_flow(shnor_ids)}"
        out.append(f"    {line}" if _supports("Event", "shnor") else f"    # {line}   # {texts.SHNOR_NAMED}")
    elif e.shnor_all:
        out.append(f"    # {texts.SHNOR_ALL_GUESS}")
    for key in ("contingent", "place", "dates", "responsible"):
        out.append(f"    {key}: {yaml_scalar(getattr(e, key))}")
    return out


def _own_abbreviations(found: dict[str, str]) -> dict[str, str]:
    from ..domain.reference import known_abbreviations

    known = known_abbreviations()
    return {k: v for k, v in found.items() if known.get(k, "").lower() != v.lower()}
