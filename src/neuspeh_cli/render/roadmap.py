"""The values the roadmap template receives: everything already worded and numbered.

The template only lays text out; numbering, codes, compact school lists and
the list of abbreviations are decided here, where they are tested.
"""

from __future__ import annotations

from ..domain.catalog import Catalog
from ..domain.reference import abbreviations_in, known_abbreviations
from ..domain.roadmap import Roadmap
from ..domain.structure import monitoring_event, resolve

DATE_LINE = "«___» ____________ 20___ г."


def typographic_quotes(text: str) -> str:
    """Straight quotes become «ёлочки»: "10" апреля 2023 г. → «10» апреля 2023 г."""
    import re

    return re.sub(r'"([^"]*)"', r"«\1»", text)


def approval_context(roadmap: Roadmap) -> dict:
    approval = roadmap.document.approval
    if approval is None or approval.empty:
        return {"by_order": False, "lines": []}
    if approval.order is not None:
        order = approval.order
        return {
            "by_order": True,
            "lines": ["УТВЕРЖДЕНА", f"приказом {order.body}", f"от {order.date} № {order.number}"],
        }
    return {
        "by_order": False,
        "lines": ["УТВЕРЖДАЮ"],
        "position": approval.position,
        "name": approval.name,
        "date": typographic_quotes(approval.date) or DATE_LINE,
    }


def signature_context(roadmap: Roadmap) -> dict | None:
    doc = roadmap.document
    if doc.signature is not None:
        return {"position": doc.signature.position, "name": doc.signature.name}
    if doc.approval is not None and doc.approval.order is None and doc.approval.position and doc.approval.name:
        return {"position": doc.approval.position, "name": doc.approval.name}
    return None


def roadmap_context(roadmap: Roadmap, catalog: Catalog, with_measures: bool = False) -> dict:
    structure = resolve(roadmap, catalog)
    section1 = [
        {
            "number": str(block.number),
            "title": block.title,
            "rows": [{"code": r.code, "title": r.title, "schools": r.schools} for r in block.rows],
        }
        for block in structure.factors
    ]
    section2 = [
        {
            "number": str(i),
            "name": e.name,
            "form": e.form,
            "codes": structure.codes_for(e),
            "contingent": e.contingent,
            "place": e.place,
            "dates": e.dates,
            "responsible": e.responsible,
        }
        for i, e in enumerate(roadmap.events, 1)
    ]
    found = monitoring_event(roadmap)
    monitoring = {
        "number": str(found[0] + 1) if found else "",
        "name": found[1].name if found else "",
        "dates": found[1].dates if found else "",
        "indicators": [x.text for x in roadmap.monitoring.quality_indicators if x.text.strip()],
    }
    measures = measures_context(roadmap, catalog, structure) if with_measures else []
    context = {
        "municipality": roadmap.document.municipality,
        "year": str(roadmap.document.first_year),
        "body": roadmap.document.body,
        "approval": approval_context(roadmap),
        "section1": section1,
        "section2": section2,
        "monitoring": monitoring,
        "with_measures": bool(with_measures and measures),
        "measures": measures,
        "signature": signature_context(roadmap),
    }
    context["abbreviations"] = abbreviations_used(context, roadmap)
    return context


def measures_context(roadmap: Roadmap, catalog: Catalog, structure) -> list[dict]:
    """For each parameter found, the catalog's recommended measures (appendix)."""
    rows = []
    for block in structure.factors:
        for row in block.rows:
            parameter = row.finding.parameter
            groups = catalog.measures_for(parameter) if parameter else []
            municipal = [m for g in groups for m in g.municipal]
            school = [m for g in groups for m in g.school]
            rows.append(
                {
                    "code": row.code,
                    "title": row.title,
                    "municipal": "\n".join(municipal) or "—",
                    "school": "\n".join(school) or "—",
                }
            )
    return rows


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def abbreviations_used(context: dict, roadmap: Roadmap) -> list[dict]:
    """Abbreviations that occur in the document, alphabetically, with their expansions."""
    known = {**known_abbreviations(), **roadmap.abbreviations}
    used = {a for text in _strings(context) for a in abbreviations_in(text)}
    return [{"short": a, "full": known[a]} for a in sorted(used) if a in known]


def document_context(document, options) -> dict:
    """The template's values for a loaded roadmap (the kinds registry calls this)."""
    return roadmap_context(document.model, document.catalog, options.with_measures)
