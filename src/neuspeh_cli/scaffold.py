"""``audit init``: a commented data file to start from, with the whole catalog as a checklist.

The scaffold is plain text built here, not dumped from a model, because its
value is in the comments: a methodologist fills it in by uncommenting the
parameters the audit found. It must load and validate as it is (the rules
then say what is still empty).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .domain.catalog import Catalog

# school_id moved to the domain (the importer, a lower layer, names schools too); kept here for callers.
from .domain.schools import school_id, transliterate  # noqa: F401
from .emit import texts
from .emit.roadmap import (
    approval_lines,
    approval_order_lines,
    commented_parameter,
    finding_lines,
    schema_header,
    school_line,
    signature_lines,
)
from .emit.scalars import comment, yaml_scalar
from .errors import UsageError
from .kinds import KINDS
from .outputs import refuse_overwrite, write_atomic
from .school_list import SchoolEntry, SchoolListError, read_school_list  # noqa: F401  (split out; kept for callers)

SCHEMA_FILE = KINDS["roadmap"].schema  # the registry names each kind's schema file


@dataclass(frozen=True)
class MarkedFinding:
    """A parameter the new audit starts with (from last period's report): uncommented, with its schools."""

    schools: tuple[str, ...]
    note: str  # why it is marked, for the comment beside it
    id: str = ""  # an own parameter (not in the catalog): its id, factor and title
    factor: str = ""
    title: str = ""


@dataclass
class ScaffoldResult:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    schools: int = 0
    factors: int = 0
    parameters: int = 0
    marked: int = 0  # findings carried over from last period's report
    notes: list[str] = field(default_factory=list)  # what the terminal should say about them (an interim report…)


# ---------------------------------------------------------------- text


@dataclass(frozen=True)
class KnownDocument:
    """What last period's roadmap already says about the document (``audit init --from``): kept, not asked again."""

    period: tuple[str, str] | None = None  # (start, end) of a school year or another span; None — a calendar ``year``
    body: str = ""
    approval: tuple[str, str] | None = None  # (position, name) of the approver; the date is the new year's
    order_body: str = ""  # approved by an order: whose order
    signature: tuple[str, str] | None = None


def scaffold_text(
    municipality: str,
    year: int,
    schools: list[SchoolEntry],
    catalog: Catalog,
    schema_ref: str | None = SCHEMA_FILE,
    marked: dict[str, MarkedFinding] | None = None,
    known: KnownDocument | None = None,
) -> str:
    """The commented data file for ``municipality`` and ``year``; ``marked`` parameters (catalog id → finding) come
    uncommented;
    ``known`` fills the document's period, body, approver and signature."""

    marked = marked or {}
    known = known or KnownDocument()
    out: list[str] = schema_header(schema_ref)
    intro = texts.scaffold_intro(municipality, year)
    if known.period is not None:
        intro = intro.replace(f"на {year} год", f"на {known.period[0]} – {known.period[1]}", 1)
    out += comment(intro)
    out += ["kind: roadmap", ""]
    out += comment(texts.OWN_CATALOG)
    out += ["# catalog: catalog.yaml", ""]
    out += _document_lines(municipality, year, known)
    out += _school_lines(schools)
    out += _audit_lines(catalog, marked)
    out += _empty_sections(year)
    return "\n".join(out) + "\n"


def _document_lines(municipality: str, year: int, known: KnownDocument) -> list[str]:
    out = [*comment(texts.DOCUMENT), "document:"]
    out += comment(texts.MUNICIPALITY, 2)
    out.append(f"  municipality: {yaml_scalar(municipality)}")
    if known.period is not None:
        out += comment("Срок карты — как у прошлой карты (учебный год или иной срок).", 2)
        out.append(
            f"  period: {{start: {yaml_scalar(known.period[0], flow=True)}, end: "
            f"{yaml_scalar(known.period[1], flow=True)}}}"
        )
    else:
        out += comment(texts.year_hint(year), 2)
        out.append(f"  year: {year}")
    out += comment(texts.body_hint(municipality), 2)
    out.append(f"  body: {yaml_scalar(known.body)}")
    # last roadmap signed without an approval: the new one is signed the same way
    signature_only = known.signature is not None and known.approval is None and not known.order_body
    if not signature_only:
        out += _approval_lines(municipality, year, known)
    if known.signature is not None:
        out += comment("Подпись под документом (как у прошлой карты).", 2)
        out += signature_lines(*known.signature)
    else:
        out += comment(texts.SIGNATURE_HINT, 2)
    out.append("")
    return out


def _approval_lines(municipality: str, year: int, known: KnownDocument) -> list[str]:
    out = comment(texts.APPROVAL, 2)
    if known.order_body:
        return out + approval_order_lines(known.order_body)
    out += approval_lines(*(known.approval or ("", "")))
    return out + comment(texts.order_hint(municipality, year), 4)


def _school_lines(schools: list[SchoolEntry]) -> list[str]:
    out = comment(texts.SCHOOLS)
    if not schools:
        return [*out, *comment(texts.SCHOOLS_EXAMPLE), "schools: []", ""]
    out.append("schools:")
    taken: set[str] = {s.id for s in schools if s.id}
    for school in schools:
        out.append(school_line(school.id or school_id(school.name, taken), school.name, school.shnor, explicit=True))
    return [*out, ""]


def _audit_lines(catalog: Catalog, marked: dict[str, MarkedFinding]) -> list[str]:
    """The whole catalog as a checklist to uncomment; parameters carried over from the report come uncommented."""

    out = comment(texts.AUDIT_CHECKLIST)
    out.append("audit:" if marked else "audit: []")
    for factor in catalog.factors:
        note = texts.METHODICAL_SERVICE_NOTE if factor.id == "methodical-service" else ""
        out.append(f"  # {factor.number}. {factor.title}{note}")
        for parameter in factor.parameters:
            title = " ".join(parameter.title.split())
            found = marked.get(parameter.id)
            if found is None:
                out += commented_parameter(parameter.id, title)
                continue
            note = f"{title} — {found.note}"
            out += finding_lines(
                parameter=parameter.id, title=found.title, schools=list(found.schools), note=note, empty_schools=True
            )
    own = [f for f in marked.values() if f.id]
    if own:
        out.append(f"  # {texts.OWN_PARAMETERS}")
    for found in own:
        out += finding_lines(
            own_id=found.id,
            factor=found.factor,
            title=found.title,
            schools=list(found.schools),
            note=found.note,
            empty_schools=True,
        )
    return [*out, ""]


def _empty_sections(year: int) -> list[str]:
    """Events, monitoring and abbreviations: empty, with an example each in the comments."""

    out = [*comment(texts.events_example(year)), "events: []", ""]
    out += [*comment(texts.MONITORING_SCAFFOLD), "monitoring:", "  events: []"]
    out += [*comment(texts.INDICATORS_EXAMPLE, 2), "  indicators: []", ""]
    return out + comment(texts.ABBREVIATIONS_EXAMPLE)


def create_scaffold(
    path: Path,
    municipality: str,
    year: int,
    *,
    schools_file: Path | None = None,
    schema_ref: str | None = None,
    force: bool = False,
    start: Any = None,
) -> ScaffoldResult:
    """Write the scaffold to ``path``; beside it ``roadmap.schema.json`` unless ``schema_ref`` is given.

    ``start`` (``report_scaffold.NextAudit``) pre-marks the findings that last
    period's report left open and gives the schools, municipality and year
    when they are not given. Never overwrites ``path`` without ``force``; an
    existing schema file is kept (it may be the municipality's pinned copy).
    Raises ``NeuspehError``.
    """
    from .domain.catalog import load_catalog

    path = Path(path)
    if start is not None:
        municipality = municipality or start.municipality
        if year and start.known is not None and start.known.period is not None:
            from dataclasses import replace

            start.known = replace(start.known, period=None)  # --year asks for a calendar year
        year = year or start.year
    if not municipality.strip():
        raise UsageError("укажите название муниципального образования (--municipality)")
    if not 2000 <= year <= 2100:
        raise UsageError(f"год {year} вне допустимого диапазона 2000–2100 (--year)")
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(
            f"{path}: файл данных должен иметь расширение .yaml (иначе `neuspeh validate ПАПКА` его не найдёт)"
        )
    if path.is_dir():
        raise UsageError(f"{path}: это папка; укажите имя файла, например {path / 'roadmap.yaml'}")
    refuse_overwrite(path, force)
    schools = read_school_list(schools_file) if schools_file else (list(start.schools) if start is not None else [])
    catalog = load_catalog()
    result = ScaffoldResult(schools=len(schools), factors=len(catalog.factors), parameters=len(catalog.parameters))
    write_schema = schema_ref is None
    marked = start.marked if start is not None else None
    result.marked = len(marked or {})
    result.notes = list(start.notes) if start is not None else []
    known = start.known if start is not None else None
    text = scaffold_text(
        " ".join(municipality.split()), year, schools, catalog, schema_ref or SCHEMA_FILE, marked=marked, known=known
    )
    write_atomic(path, text)
    result.written.append(path)
    if write_schema:
        from .jsonschema import write_schema_beside

        write_schema_beside(path, "roadmap", result.written, result.kept)
    return result


def summary_lines(result: ScaffoldResult) -> list[str]:
    """What ``audit init`` wrote, and what to do next, for the terminal."""
    from .report import _plural

    data = result.written[0]
    schools = f"школ — {result.schools}" if result.schools else "список школ пуст — заполните schools"
    lines = [
        f"Создан {data}: {result.factors} {_plural(result.factors, 'фактор', 'фактора', 'факторов')} и "
        f"{result.parameters} {_plural(result.parameters, 'параметр', 'параметра', 'параметров')} «Конструктора» для "
        f"отметки, {schools}."
    ]
    from .jsonschema import schema_summary_lines

    if result.marked:
        lines.append(
            f"Из отчёта за прошлый период отмечено {result.marked} "
            f"{_plural(result.marked, 'параметр', 'параметра', 'параметров')}, "
            "по которым риск сохраняется, усилился, снижен или выявлен в течение года: проверьте их по итогам нового "
            "аудита."
        )
    lines += result.notes
    lines += schema_summary_lines(result.written[1:], result.kept, "roadmap")
    lines += [
        "Дальше: отметьте в audit выявленные параметры и ШНОР, затем",
        f"  neuspeh roadmap draft {data}",
        f"  neuspeh validate {data}",
    ]
    return lines
