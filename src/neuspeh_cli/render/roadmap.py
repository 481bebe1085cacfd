"""The values the roadmap template receives: everything already worded and numbered.

The template only lays text out; numbering, codes, compact school lists, the
approval block's lines, the list of abbreviations and where a large factor is
split across pages are decided here, where they are tested.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from ..domain.catalog import Catalog
from ..domain.reference import abbreviations_in, known_abbreviations
from ..domain.roadmap import Roadmap
from ..domain.structure import resolve
from .package import MERGE_CONTINUES, DocumentProperties, parse_day
from .typography import keep_together, lower_first, municipality_after_formation, number_text, typographic_quotes

DATE_LINE = "«___» ____________ 20___ г."
SUBJECT = "Результаты входного аудита и муниципальная дорожная карта по профилактике учебной неуспешности"
KEYWORDS = "профилактика учебной неуспешности; входной аудит; дорожная карта; ШНОР"

# The shipped template's geometry (tools/make_roadmap_template.py reads it from here):
# A4 landscape, margins 20/10/20/25 mm, tables at 11 pt.
TEXT_WIDTH = 297 - 25 - 10
TEXT_HEIGHT = 210 - 20 - 20
TABLE_PT = 11
SECTION1_WIDTHS = [10, 55, 110, 23, 64]  # № | наименование фактора | параметры | код | перечень ОО
SECTION1_HEADER_MM = 22  # the two header rows repeated on every page
GROUP_SHARE = 0.45  # the tallest group of a factor's rows kept on one page, as a share of the page
SECTION2_WIDTHS = [
    9,
    61,
    30,
    23,
    51,
    29,
    27,
    32,
]  # № | Мероприятие | Форма | Код | Контингент | Место | Дата | Ответственные
INDICATOR_WIDTHS = [9, 104, 24, 25, 25, 42, 33]
MEASURES_WIDTHS = [23, 59, 90, 90]  # the code column as wide as section I's: «параметра» unbroken


def period_title(roadmap: Roadmap) -> str:
    """«2025 год», «2025/2026 учебный год» or the span as written."""
    title = getattr(roadmap.document, "period_title", None)
    return title if isinstance(title, str) and title else f"{roadmap.document.year} год"


def _first_month(roadmap: Roadmap) -> tuple[int, int]:
    span = getattr(roadmap.document, "span", None)
    if span is not None:
        return span.first
    return roadmap.document.year, 1


def approval_context(roadmap: Roadmap) -> dict | None:
    """The approval block's lines; None when the roadmap is only signed (no empty block is printed)."""
    approval = getattr(roadmap.document, "approval", None)
    if approval is None:
        return None
    if approval.order is not None:
        order = approval.order
        lines = [
            "УТВЕРЖДЕНА",
            f"приказом {order.body}".strip(),
            f"от {typographic_quotes(order.date)} № {order.number}",
        ]
        return {"lines": lines, "signed": False, "name": "", "date": ""}
    if not (approval.position or approval.name or approval.date):
        return None
    lines = ["УТВЕРЖДАЮ"] + ([approval.position] if approval.position else [])
    return {
        "lines": lines,
        "signed": True,
        "name": approval.name,
        "date": typographic_quotes(approval.date) or DATE_LINE,
    }


def signature_context(roadmap: Roadmap) -> dict | None:
    doc = roadmap.document
    if doc.signature is not None:
        return {"position": doc.signature.position, "name": doc.signature.name}
    approval = getattr(doc, "approval", None)
    if approval is not None and approval.order is None and approval.position and approval.name:
        return {"position": approval.position, "name": approval.name}
    return None


def document_date(roadmap: Roadmap) -> dt.date:
    """The approval (or order) date when it is a date; else the first day of the roadmap's period: never the build
    time.
    """
    approval = getattr(roadmap.document, "approval", None)
    if approval is not None:
        written = approval.order.date if approval.order is not None else approval.date
        day = parse_day(written or "")
        if day is not None:
            return day
    year, month = _first_month(roadmap)
    return dt.date(year, month, 1)


def title_text(roadmap: Roadmap) -> str:
    return (
        "Дорожная карта по профилактике учебной неуспешности в муниципальном образовании "
        f"{municipality_after_formation(roadmap.document.municipality)} на {period_title(roadmap)}"
    )


def document_properties(roadmap: Roadmap) -> DocumentProperties:
    doc = roadmap.document
    author = doc.body or f"Муниципальное образование {municipality_after_formation(doc.municipality)}"
    return DocumentProperties(
        title=title_text(roadmap), subject=SUBJECT, author=author, date=document_date(roadmap), keywords=KEYWORDS
    )


def schools_header(roadmap: Roadmap) -> str:
    """Section I's last column: ШНОР, or every ОО in a year without ШНОР (risks are then recorded «по каждой ОО»)."""
    has_shnor = getattr(roadmap, "has_shnor", None)
    if has_shnor is None:
        has_shnor = any(s.shnor for s in roadmap.schools)
    who = "ШНОР" if has_shnor else "ОО"
    return f"Перечень {who}, в работе которых проявляются негативные факторы"


# ---------------------------------------------------------------- page fitting


def estimated_lines(text: str, width_mm: float, pt: float = TABLE_PT) -> int:
    """Lines a text takes in a cell of ``width_mm``: greedy word wrap at a generous average letter width."""
    usable = width_mm - 2.0  # cell margins
    per_line = max(1, int(usable / (pt * 0.52 * 0.3528)))
    lines = 0
    for paragraph in text.split("\n") or [""]:
        count, used = 1, 0
        for word in paragraph.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= per_line:
                used = need
            else:
                count += 1 + (len(word) - 1) // per_line
                used = len(word) % per_line or per_line
        lines += count
    return max(lines, 1)


def _line_mm(pt: float = TABLE_PT) -> float:
    return pt * 1.15 * 0.3528


def row_height_mm(cells: list[tuple[str, float]]) -> float:
    return max(estimated_lines(text, width) for text, width in cells) * _line_mm() + 1.0


def split_factor(title: str, rows: list[dict], page_mm: float = TEXT_HEIGHT - SECTION1_HEADER_MM) -> list[list[dict]]:
    """A factor's rows in groups kept on one page each.

    The rows of a group are chained with «keep with next», so a group that does
    not fit in what is left of a page moves to the next one whole. A factor of
    up to ``GROUP_SHARE`` of a page stays one group; a larger one is cut into
    balanced groups no taller than that, so no page is left more than
    ``GROUP_SHARE`` empty by a group that moved on. The groups are one merged
    cell in the document (``section_one``): the factor is named once, where
    its rows begin, and a page may break between two groups.
    """
    widths = SECTION1_WIDTHS
    heights = [
        row_height_mm([(r["title"], widths[2]), (r["code"], widths[3]), (r["schools"], widths[4])]) for r in rows
    ]
    title_mm = estimated_lines(title, widths[1]) * _line_mm() + 1.0
    return balanced_groups(rows, heights, max(sum(heights), title_mm), GROUP_SHARE * page_mm)


def balanced_groups(items: list, heights: list[float], total: float, most_mm: float, first_mm: float = 0.0) -> list:
    """``items`` (rows ``heights`` tall, ``total`` in all) in balanced groups no taller than ``most_mm`` where they can
    be; the first group is not cut before ``first_mm`` (the text of the merged cells it opens) ends."""
    if total <= most_mm or len(items) < 2:
        return [items]
    count = min(len(items), math.ceil(total / most_mm))
    target = total / count
    groups: list[list] = [[]]
    used = 0.0
    for item, height in zip(items, heights):
        starts = used + height / 2 > target * len(groups) and (len(groups) > 1 or used >= first_mm)
        if groups[-1] and starts and len(groups) < count:
            groups.append([])
        groups[-1].append(item)
        used += height
    return groups


def section_one(structure) -> list[dict]:
    """Section I's factors; a large factor's later groups continue its merged cells (no repeated name mid-page).

    Where a page breaks is known only to Word or LibreOffice, so no «(продолжение)» is
    written: the column header repeats on every page and each row's code («5.4.»)
    names its factor.
    """
    blocks = []
    for block in structure.factors:
        rows = [{"code": r.code, "title": r.title, "schools": r.schools} for r in block.rows]
        for i, group in enumerate(split_factor(block.title, rows)):
            number, title = (str(block.number), block.title) if i == 0 else (MERGE_CONTINUES, MERGE_CONTINUES)
            blocks.append({"number": number, "title": title, "rows": group})
    return blocks


# ---------------------------------------------------------------- monitoring


def _monitoring_events(roadmap: Roadmap) -> list[tuple[int, Any]]:
    """The monitoring events the file names, else the one that looks like it (an older file)."""
    from ..domain import structure

    found = list(structure.monitoring_events(roadmap))
    if not found:
        one = structure.monitoring_event(roadmap)
        found = [one] if one else []
    return found


def monitoring_events_text(roadmap: Roadmap) -> str:
    """«мероприятие № 36, сроки проведения — июнь 2023» or «мероприятия № 36 (июнь 2023), № 37 (декабрь 2023)»."""
    found = _monitoring_events(roadmap)
    if not found:
        return ""
    if len(found) == 1:
        index, event = found[0]
        dates = lower_first(event.dates.strip())
        return f"мероприятие № {index + 1}" + (f", сроки проведения — {dates}" if dates else "")
    parts = []
    for index, event in found:
        dates = lower_first(event.dates.strip())
        parts.append(f"№ {index + 1}" + (f" ({dates})" if dates else ""))
    return "мероприятия " + ", ".join(parts)


def _indicators(roadmap: Roadmap) -> list[Any]:
    structured = getattr(roadmap.monitoring, "quality_indicators", None)
    return list(structured) if structured is not None else list(roadmap.monitoring.indicators)


def indicators_context(roadmap: Roadmap) -> tuple[list[dict], bool]:
    """The quality indicators, numbered; whether any has more than its text (then they go in a table)."""
    items, detailed = [], False
    for x in _indicators(roadmap):
        text = x if isinstance(x, str) else getattr(x, "text", "")
        if not text.strip():
            continue
        unit = "" if isinstance(x, str) else getattr(x, "unit", "")
        baseline = None if isinstance(x, str) else getattr(x, "baseline", None)
        target = None if isinstance(x, str) else getattr(x, "target", None)
        source = "" if isinstance(x, str) else getattr(x, "source", "")
        frequency = "" if isinstance(x, str) else getattr(x, "frequency", "")
        detailed = detailed or bool(unit or source or frequency) or baseline is not None or target is not None
        items.append(
            {
                "number": str(len(items) + 1),
                "text": " ".join(text.split()),
                "unit": unit or "—",
                "baseline": number_text(baseline),
                "target": number_text(target),
                "source": source or "—",
                "frequency": frequency or "—",
            }
        )
    return items, detailed


# ---------------------------------------------------------------- the context


def roadmap_context(roadmap: Roadmap, catalog: Catalog, with_measures: bool = False) -> dict:
    structure = resolve(roadmap, catalog)
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
    indicators, detailed = indicators_context(roadmap)
    measures = measures_context(roadmap, catalog, structure) if with_measures else []
    context: dict[str, Any] = {
        "approval": approval_context(roadmap),
        "municipality": municipality_after_formation(roadmap.document.municipality),
        "period": period_title(roadmap),
        "schools_header": schools_header(roadmap),
        "section1": section_one(structure),
        "section2": section2,
        "monitoring": {
            "events": monitoring_events_text(roadmap),
            "indicators": indicators,
            "indicator_table": detailed,
        },
        "with_measures": bool(with_measures and measures),
        "measures": measures,
        "signature": signature_context(roadmap),
    }
    context["abbreviations"] = abbreviations_used(context, roadmap)
    context = keep_together(context)
    context["properties"] = document_properties(roadmap)
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
    """Abbreviations that occur in the document (the values and the headers it prints), alphabetically, with their
    expansions.
    """
    known = {**known_abbreviations(), **roadmap.abbreviations}
    used = {a for text in _strings(context) for a in abbreviations_in(text)}
    return [{"short": a, "full": known[a]} for a in sorted(used) if a in known]


def document_context(document, options) -> dict:
    """The template's values for a loaded roadmap (the kinds registry calls this); with ``build --calendar`` also
    ``calendar``, the appendix ``build`` draws after the template."""
    context = roadmap_context(document.model, document.catalog, options.with_measures)
    if options.calendar:  # off by default: the roadmap's form is the institute's (docs/building.md)
        from ..domain.calendar import plan_calendar

        context["calendar"] = plan_calendar(document.model)
    return context
