"""The values the report template receives: plan versus fact, the criteria, indicators, outcomes, corrections, charts.

Everything is worded and numbered here (where it is tested); the template
only lays it out. Charts are ``Picture`` values the engine embeds. Texts get
the same non-breaking spaces as the roadmap and the programme
(``typography.keep_together``); ``properties`` feeds the document's
properties (``package.finish_package``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter

from ..domain.catalog import Catalog
from ..domain.effectiveness import (
    GROUPS,
    IndicatorRow,
    criteria,
    fmt,
    indicator_table,
    outcome_counts,
    participants_by_category,
    percent,
    persisting,
)
from ..domain.report import CATEGORIES, OUTCOMES, STATUSES, Report, is_due, period_title, section_one_cells
from ..domain.roadmap import Roadmap
from ..domain.schools import compact_list, without_honorifics
from ..domain.structure import resolve, school_short_names
from .engine import Chart
from .package import DocumentProperties, parse_day
from .roadmap import document_properties as roadmap_properties
from .typography import keep_together, municipality_after_formation

SUBJECT = "Выполнение мероприятий, оценка эффективности профилактики учебной неуспешности, выходной аудит"
KEYWORDS = "профилактика учебной неуспешности; отчёт о реализации; дорожная карта; выходной аудит; ШНОР"

# The shipped template's geometry (tools/make_report_template.py reads it from here):
# A4 landscape, margins 20/10/20/25 mm, tables at 10 pt; the charts are sized to fit it.
TEXT_WIDTH = 297 - 25 - 10
TEXT_HEIGHT = 210 - 20 - 20
LABEL_CHARS = 60  # a school's name longer than this is labelled by its short name in the report's tables
TABLE_PT = 10
CHART_WIDTH = 250  # mm: the width of the indicator and outcome charts; their text is 9–10 pt whatever the size
FIGURE_PAGE_MM = (
    34  # a Heading 1 title, the space above the figure, a two-line caption, a reserve for the estimate's error
)

STATUS_TITLES = {
    "проведено": "Проведено",
    "проводится": "Проводится",
    "перенесено": "Перенесено",
    "отменено": "Отменено",
    "не начато": "Не начато",
    None: "Статус не указан",
}


def _participants_text(item) -> str:
    p = item.participants
    if not p.filled:
        return "—"
    parts = [f"{CATEGORIES[k]} — {v}" for k, v in p.by_category().items() if v]
    return f"{p.total}" + (f" ({', '.join(parts)})" if parts else "")


def _shnor_text(item, short: dict[str, str]) -> str:
    p = item.participants
    if not p.shnor:
        return "—" if p.filled or p.shnor == 0 else ""
    names = [short.get(s, s) for s, n in p.shnor_schools.items() if n]
    return f"{p.shnor}" + (f": {compact_list(names)}" if names else "")


def _feedback_text(item) -> str:
    f = item.feedback
    if not f.respondents:
        return "—"
    share = fmt(percent(min(f.positive or 0, f.respondents), f.respondents), "%")
    return f"{f.positive or 0} из {f.respondents} ({share})"


def _fact_text(item) -> str:
    if item is None:
        return ""
    if item.status == "перенесено":
        parts = [f"новый срок — {item.new_date}" if item.new_date else "", item.reason]
        return "; ".join(x for x in parts if x)
    if item.status == "отменено":
        return item.reason
    return "; ".join(x for x in (item.held, item.note) if x)


def events_context(report: Report, roadmap: Roadmap, structure, short: dict[str, str]) -> list[dict]:
    rows = []
    for number, event in enumerate(roadmap.events, 1):
        item = report.event_report(event.id) if event.id else None
        status = item.status if item is not None else None
        # Nothing was held: every cell of the fact says so, none is left blank as if forgotten.
        none = "—" if item is not None and status in ("отменено", "перенесено", "не начато") and not item.held else ""
        rows.append(
            {
                "number": str(number),
                "name": event.name,
                "form": event.form,
                "codes": structure.codes_for(event),
                "planned": event.dates,
                "status": STATUS_TITLES[status],
                "fact": _fact_text(item),
                "participants": _participants_text(item) if item is not None else "—",
                "shnor": (_shnor_text(item, short) if item is not None else "") or none,
                "feedback": _feedback_text(item) if item is not None else "—",
                "evidence": (item.evidence.text if item is not None else "") or none,
            }
        )
    return rows


def outcome_text(item) -> str:
    """The report's word on an event for the calendar's «Итог» column: its status, a moved event's new date."""
    if item is None:
        return "нет сведений"
    if item.status is None:
        return "статус не указан"
    if item.status == "перенесено" and item.new_date:
        new = item.new_date.strip()
        # «Февраль 2026» → «на февраль 2026»; «IV квартал 2026» stays as written.
        new = new[:1].lower() + new[1:] if new[1:2].islower() else new
        return f"перенесено на {new}"
    return item.status


def report_calendar(report: Report, roadmap: Roadmap):
    """The plan's calendar planned against held (``domain.calendar.Calendar``): months held from ``held``; an event
    cancelled, moved and not held, or not started when its term is over (``is_due``, the notion of the rules'
    «report-overdue») is known not held (its planned months are marked so)."""
    from ..domain.calendar import plan_calendar

    span = roadmap.document.span
    held, outcomes = {}, {}
    for event in roadmap.events:
        item = report.event_report(event.id) if event.id else None
        outcomes[event.id] = outcome_text(item)
        if item is not None and item.held:
            held[event.id] = item.held
        elif item is not None and (
            item.status in ("отменено", "перенесено") or (item.status == "не начато" and is_due(event, report, span))
        ):
            held[event.id] = ""
    calendar = plan_calendar(roadmap, held, outcomes, (report.period.first, report.period.last))
    calendar.fact_title = period_title(report.period)
    return calendar


def status_summary(report: Report, roadmap: Roadmap) -> list[dict]:
    counts: Counter = Counter()
    for event in roadmap.events:
        item = report.event_report(event.id) if event.id else None
        counts[item.status if item is not None else None] += 1
    total = len(roadmap.events)
    rows = [
        {"status": STATUS_TITLES[s], "count": str(counts[s]), "share": fmt(percent(counts[s], total), "%")}
        for s in (*STATUSES, None)
        if counts[s]
    ]
    rows.append({"status": "Всего мероприятий в дорожной карте", "count": str(total), "share": "100\u00a0%"})
    return rows


def criteria_context(report: Report, roadmap: Roadmap, previous: Report | None) -> list[dict]:
    """The criteria by the method's groups: the template merges a group's cell over its criteria, which then stay on one
    page.
    """
    groups: list[dict] = []
    for criterion in criteria(report, roadmap, previous):
        if not groups or groups[-1]["number"] != criterion.group:
            groups.append({"number": criterion.group, "title": GROUPS[criterion.group], "rows": []})
        groups[-1]["rows"].append(
            {
                "number": criterion.number,
                "title": criterion.title,
                "formula": criterion.formula,
                "value": criterion.text,
                "details": [d[:1].upper() + d[1:] + "." for d in criterion.details],
            }
        )
    return [{"title": g["title"], "rows": g["rows"]} for g in groups]


def remarks_context(report: Report, roadmap: Roadmap) -> list[str]:
    """«№ 1 «…»: remarks» for every held event whose participants left remarks, in roadmap order."""
    numbers = {e.id: n for n, e in enumerate(roadmap.events, 1) if e.id}
    items = sorted((numbers.get(e.event, 0), e) for e in report.events if e.feedback.remarks)
    return [f"№ {n}: {e.feedback.remarks}" for n, e in items]


def _value(row: IndicatorRow, value: float | None) -> str:
    if value is None:
        return "н/д"
    return fmt(value, row.unit if row.unit == "%" else "")


def indicators_context(
    report: Report, roadmap: Roadmap, previous: Report | None = None, short: dict[str, str] | None = None
) -> tuple[list[dict], list[dict]]:
    """Per indicator (named, never by id, with its baseline and target): a row per school; and per school, its
    conclusions, one per round. A school is named as the roadmap names it, unless that is a register's full name
    (six lines a row in a narrow column, 60 pages for 28 schools and 6 indicators): then by its short name.
    """
    table = indicator_table(report, roadmap, previous)
    short = short or {}
    names = {s.id: s.name if len(s.name) <= LABEL_CHARS else short.get(s.id, s.name) for s in roadmap.schools}
    shnor = {s.id for s in roadmap.schools if s.shnor}
    indicators = [x for x in roadmap.monitoring.reported_indicators]
    groups = []
    for k, x in enumerate(indicators):
        rows = []
        for school, school_rows in table.items():
            row = school_rows[k]
            rows.append(
                {
                    "school": names.get(school, school) + (" (ШНОР)" if school in shnor else ""),
                    "by_round": "; ".join(f"{r} — {_value(row, v)}" for r, v in row.values) or "—",
                    "change": row.change,
                    "level": row.level,
                }
            )
        unit = f", {x.unit}" if x.unit else ""
        row0 = IndicatorRow(x.id, x.text, x.unit, x.baseline, x.target, [])
        title = (
            f"{k + 1}. {x.text}{unit}: исходное значение — {_value(row0, x.baseline)}, целевое — "
            f"{_value(row0, x.target)}"
        )
        if rows:
            groups.append({"title": title, "rows": rows})
    conclusions = []
    for school in table:
        lines = [
            f"{r.round}: {e.conclusion}"
            for r in report.monitoring
            for e in r.schools
            if e.school == school and e.conclusion
        ]
        if lines:
            conclusions.append(
                {"school": names.get(school, school) + (" (ШНОР)" if school in shnor else ""), "lines": lines}
            )
    return groups, conclusions


def outcomes_context(report: Report, roadmap: Roadmap, structure, short: dict[str, str]) -> list[dict]:
    cells = dict(section_one_cells(roadmap))
    titles = {row.ref: (row.code, row.title) for block in structure.factors for row in block.rows}
    written = {o.parameter: o for o in report.outcomes}
    result = []
    for ref in cells:
        code, title = titles.get(ref, ("", ref))
        outcome = written.get(ref)
        rows = []
        if cells[ref]:
            by_school = {c.school: c for c in outcome.schools} if outcome else {}
            for school in cells[ref]:
                cell = by_school.get(school)
                rows.append(
                    {
                        "school": short.get(school, school),
                        "result": (cell.result if cell and cell.result else "не оценён"),
                        "evidence": cell.evidence if cell else "",
                    }
                )
        else:
            rows.append(
                {
                    "school": "УО, ТМС",
                    "result": (outcome.result if outcome and outcome.result else "не оценён"),
                    "evidence": outcome.evidence if outcome else "",
                }
            )
        result.append({"code": code, "title": title, "rows": rows})
    return result


def corrections_context(report: Report, roadmap: Roadmap) -> list[dict]:
    numbers = {e.id: (n, e) for n, e in enumerate(roadmap.events, 1) if e.id}
    rows = []
    for i, c in enumerate(report.corrections, 1):
        if c.event in numbers:
            n, event = numbers[c.event]
            what = f"№ {n} {event.name}"
        else:
            what = c.name or c.event
        rows.append(
            {
                "number": str(i),
                "change": c.change.capitalize(),
                "event": what,
                "date": c.date,
                "reason": c.reason,
                "document": c.document,
            }
        )
    return rows


def next_audit_parts(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """(rows that may break across pages, rows kept with the signature): the last four rows travel with the signature,
    so that a page never holds a signature alone or two rows and a signature. (A whole table kept with the next
    paragraph is what LibreOffice does not honour: it then leaves the signature alone on the last page.)"""
    keep = min(len(rows), 4)
    return rows[: len(rows) - keep], rows[len(rows) - keep :]


BLANK_SIGNATURE = {
    "position": "Руководитель органа, составившего отчёт: ____________________________",
    "name": "__________ / ______________ /",
}


def signature_context(report: Report, roadmap: Roadmap) -> dict:
    """The report's signature, else the roadmap's, else its approver; without any, lines to sign on: a report always
    ends signed.
    """
    signature = report.document.signature or roadmap.document.signature
    if signature is not None and (signature.position or signature.name):
        return {"position": signature.position, "name": signature.name}
    approval = roadmap.document.approval
    if approval is not None and getattr(approval, "position", "") and getattr(approval, "name", ""):
        return {"position": approval.position, "name": approval.name}
    return dict(BLANK_SIGNATURE)


def next_audit_context(
    report: Report, roadmap: Roadmap, structure, short: dict[str, str], catalog: Catalog | None = None
) -> list[dict]:
    """What goes on to next year's section I, as ``audit init --from`` marks it: a risk that persists, grew or was
    only reduced (with its schools and outcome), and the new risks found during the year."""
    from ..domain.effectiveness import reduced

    titles = {row.ref: (row.code, row.title) for block in structure.factors for row in block.rows}
    found: dict[str, dict] = {}

    def names(schools: list[str]) -> str:
        return compact_list([short.get(s, s) for s in schools])

    def row(ref: str) -> dict:
        if ref not in found:
            code, title = titles.get(ref, ("", ""))
            if not title:
                parameter = catalog.parameters.get(ref) if catalog is not None else None
                title = " ".join(parameter.title.split()) if parameter is not None else ref
            found[ref] = {"code": code, "title": title, "schools": [], "notes": []}
        return found[ref]

    for ref, schools, grew in persisting(report, roadmap):
        entry = row(ref)
        entry["schools"] += [s for s in schools if s not in entry["schools"]]
        stays = [s for s in schools if s not in grew]
        if stays:
            entry["notes"].append(f"сохраняется: {names(stays)}")
        if [s for s in grew if s in short]:
            entry["notes"].append(f"усилился: {names([s for s in grew if s in short])}")
        if not schools:
            entry["notes"].append("усилился (УО, ТМС)" if grew else "сохраняется (УО, ТМС)")
    for ref, schools in reduced(report, roadmap):
        entry = row(ref)
        entry["schools"] += [s for s in schools if s not in entry["schools"]]
        entry["notes"].append(
            f"снижен, но не устранён: {names(schools)}" if schools else "снижен, но не устранён (УО, ТМС)"
        )
    for risk in report.risks:
        if not risk.parameter:
            continue
        entry = row(risk.parameter)
        entry["schools"] += [s for s in risk.schools if s not in entry["schools"]]
        entry["notes"].append(
            "новый риск"
            + (f" ({risk.found})" if risk.found else "")
            + (f": {names(risk.schools)}" if risk.schools else "")
        )
    order = [ref for ref, _ in section_one_cells(roadmap)]
    keys = sorted(found, key=lambda ref: (order.index(ref) if ref in order else len(order), ref))
    return [
        {
            "code": found[ref]["code"],
            "title": found[ref]["title"],
            "schools": names(found[ref]["schools"]) or "УО, ТМС",
            "grew": "; ".join(found[ref]["notes"]),
        }
        for ref in keys
    ]


SCHOOLS_PER_CHART = 16
INDICATOR_CHART_HEIGHT = (
    64  # mm: two indicators with their captions share a landscape page, the first under the section's title
)


def charts_context(report: Report, roadmap: Roadmap, previous: Report | None, structure, short: dict[str, str]) -> dict:
    """Native Word charts (``engine.Chart``) with alt text: participations, one per quality indicator, the outcomes in
    sheets.
    """
    return {
        "participants": participants_chart(report, previous),
        "indicators": indicator_pictures(report, roadmap, previous, short),
        "outcomes": outcomes_pictures(report, roadmap, structure),
    }


def participants_chart(report: Report, previous: Report | None) -> Chart:
    """Figure 1: participations by category, this period beside the previous one when there is one."""
    from . import charts

    labels = [CATEGORIES[k] for k in CATEGORIES]
    periods = []
    if previous is not None:
        periods.append((f"{period_title(previous.period)}", list(participants_by_category(previous).values())))
    periods.append((f"{period_title(report.period)}", list(participants_by_category(report).values())))
    alt = "Участия в проведённых мероприятиях по категориям: " + "; ".join(
        f"{title} — " + ", ".join(f"{label} {value}" for label, value in zip(labels, values))
        for title, values in periods
    )
    height = 30 + 9 * len(labels) * len(periods)
    return Chart(charts.participants_chart(labels, periods), 200, height, alt)


def indicator_pictures(report: Report, roadmap: Roadmap, previous: Report | None, short: dict[str, str]) -> list[dict]:
    """Figures 2.N: one per quality indicator with a value, its schools shared out over sheets of one scale."""
    table = indicator_table(report, roadmap, previous)
    ids = list(table)
    # Fifteen school names fit under a chart at 7.5 pt; more are shared out over sheets of one scale.
    sheets = max(1, -(-len(ids) // SCHOOLS_PER_CHART))
    size = -(-len(ids) // sheets) if ids else 0
    pictures: list[dict] = []
    for k, x in enumerate(roadmap.monitoring.reported_indicators):
        rows = [table[s][k] for s in ids]
        if not any(row.last is not None for row in rows):
            continue
        number = len({p["number"] for p in pictures}) + 1
        for sheet in range(sheets):
            part = slice(sheet * size, (sheet + 1) * size)
            chart = _indicator_sheet(roadmap, x, rows, ids, part, short)
            sheet_text = f", лист {sheet + 1}" if sheets > 1 else ""
            unit = f", {x.unit}" if x.unit else ""
            pictures.append(
                {"number": number, "chart": chart, "caption": f"Рисунок 2.{number}{sheet_text}. {x.text}{unit}"}
            )
    return pictures


def _indicator_sheet(roadmap: Roadmap, x, rows: list[IndicatorRow], ids: list[str], part: slice, short) -> Chart:
    """One sheet of an indicator's chart; the scale is taken from all its schools (``rows``), so sheets compare."""
    from . import charts

    shnor = {s.id for s in roadmap.schools if s.shnor}
    rounds_seen = [r for r, _ in next((row.values for row in rows if row.values), [])]
    # The first round's value is drawn only where there is an earlier one to compare with.
    firsts = [
        next((v for _, v in row.values if v is not None), None) if row.earlier is not None else None for row in rows
    ]
    everything = [v for v in [*(row.last for row in rows), *firsts, x.baseline, x.target] if v is not None]
    part_ids, part_rows = ids[part], rows[part]
    names = [short.get(s, s) for s in part_ids]
    panel = {
        "title": x.text,
        "unit": x.unit,
        "baseline": x.baseline,
        "target": x.target,
        "schools": names,
        "first": firsts[part],
        "last": [row.last for row in part_rows],
        "shnor": [s in shnor for s in part_ids],
        "last_name": f"последний срез ({rounds_seen[-1]})" if rounds_seen else "последний срез",
        "first_name": f"первый срез ({rounds_seen[0]})" if len(rounds_seen) > 1 else "первый срез",
        "scale": everything,
    }
    described = "; ".join(f"{n} — {_value(row, row.last)}" for n, row in zip(names, part_rows))
    limits = (
        f"; исходное значение {_value(rows[0], x.baseline)}, целевое {_value(rows[0], x.target)}"
        if x.baseline is not None and x.target is not None
        else ""
    )
    unit = f", {x.unit}" if x.unit else ""
    alt = f"{x.text}{unit}, последний срез по школам: {described}{limits}"
    return Chart(charts.indicator_chart(panel), CHART_WIDTH, INDICATOR_CHART_HEIGHT, alt)


def outcomes_pictures(report: Report, roadmap: Roadmap, structure) -> list[dict]:
    """Figure 3: the exit audit's outcomes by parameter of section I (in sheets); none before the audit."""
    if not sum(outcome_counts(report, roadmap).values()):
        return []
    titles = {row.ref: row.code for block in structure.factors for row in block.rows}
    written = {o.parameter: o for o in report.outcomes}
    labels, matrix = [], []
    for ref, schools in section_one_cells(roadmap):
        outcome = written.get(ref)
        if outcome is None:
            continue
        found = (
            Counter(c.result for c in outcome.schools if c.result and c.school in schools)
            if schools
            else Counter([outcome.result] if outcome.result else [])
        )
        labels.append(f"{titles.get(ref, '')} {_short_title(ref, structure)}".strip())
        matrix.append([found[x] for x in OUTCOMES])
    return outcome_sheets(labels, matrix)


def outcome_sheets(labels: list[str], matrix: list[list[int]]) -> list[dict]:
    """The outcomes chart as sheets of one page each (ГОСТ 2.105: «Рисунок 3, лист 2»), the parameters shared out
    evenly, one scale for all.

    A chart taller than the page would be cut at its bottom edge: a roadmap with all 62 parameters needs several sheets.
    """
    from . import charts

    per_sheet = charts.outcome_rows_per_chart(TEXT_HEIGHT - FIGURE_PAGE_MM)
    count = max(1, -(-len(labels) // per_sheet))
    size = -(-len(labels) // count)
    x_max = max((sum(row) for row in matrix), default=1) or 1
    sheets = []
    for k in range(count):
        part = slice(k * size, (k + 1) * size)
        rows = labels[part]
        alt = "Итоги выходного аудита по параметрам раздела I, число школ: " + "; ".join(
            f"{label.splitlines()[0] if label else label} — "
            + ", ".join(f"{o} {n}" for o, n in zip(OUTCOMES, counts) if n)
            for label, counts in zip(rows, matrix[part])
        )
        chart = Chart(
            charts.outcomes_chart(rows, matrix[part], list(OUTCOMES), x_max=x_max),
            CHART_WIDTH,
            charts.outcome_chart_height(len(rows)),
            alt,
        )
        sheets.append({"picture": chart, "sheet": f", лист {k + 1}" if count > 1 else ""})
    return sheets


def _short_title(ref: str, structure) -> str:
    for block in structure.factors:
        for row in block.rows:
            if row.ref == ref:
                return _wrap(row.title, 70, lines=1)
    return ref


def _wrap(text: str, width: int, lines: int = 3) -> str:
    import textwrap

    parts = textwrap.wrap(" ".join(text.split()), width)
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1].rstrip(" ,.;") + "…"
    return "\n".join(parts)


def title_text(report: Report, roadmap: Roadmap) -> str:
    return (
        "Отчёт о реализации муниципальной дорожной карты по профилактике учебной неуспешности "
        f"в муниципальном образовании {municipality_after_formation(roadmap.document.municipality)} "
        f"{period_title(report.period)}"
    )


def document_date(report: Report) -> dt.date:
    """The report's own date when it is a date; else the last day of the reporting period: never the build time."""
    day = parse_day(report.document.date or "")
    if day is not None:
        return day
    year, month = report.period.last
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def document_properties(report: Report, roadmap: Roadmap) -> DocumentProperties:
    """The organisation that owns the roadmap signs its report too: the same author as the roadmap's document."""
    author = roadmap_properties(roadmap).author
    return DocumentProperties(
        title=title_text(report, roadmap), subject=SUBJECT, author=author, date=document_date(report), keywords=KEYWORDS
    )


def report_context(
    report: Report,
    roadmap: Roadmap,
    catalog: Catalog,
    previous: Report | None = None,
    with_charts: bool = True,
    calendar: bool = False,
) -> dict:
    """The template's values; with ``calendar``, also ``calendar``: the appendix ``build`` draws after the template
    (``render.calendar.add_appendix``), not a value of the template."""
    structure = resolve(roadmap, catalog)
    # Labels under 28 bars and in the first column: «СОШ № 12», not «СОШ № 12 имени Героя Советского Союза …».
    short = without_honorifics(school_short_names(roadmap))
    indicators, conclusions = indicators_context(report, roadmap, previous, short)
    next_rows = next_audit_context(report, roadmap, structure, short, catalog)
    head, tail = next_audit_parts(next_rows)
    intro = f"Дорожная карта на {roadmap.document.period_title}; отчётный период: {report.period.text}."
    if report.document.date:
        intro += f" Дата отчёта: {report.document.date}."
    if report.document.author:
        intro += f" Составитель: {report.document.author}."
    if calendar:
        intro += " Календарь мероприятий по месяцам (план и факт) приведён в приложении."
    context = {
        "intro": intro,
        "participants_caption": f" ({period_title(previous.period)} и {period_title(report.period)})"
        if previous is not None
        else f" ({period_title(report.period)})",
        "next_audit_note": "По итогам выходного аудита риск по всем параметрам раздела I устранён; новых рисков в "
        "течение года не выявлено."
        if report.outcomes
        else "Выходной аудит в отчётном периоде не проводился.",
        "municipality": municipality_after_formation(roadmap.document.municipality),
        "period_title": period_title(report.period),
        "summary": status_summary(report, roadmap),
        "events": events_context(report, roadmap, structure, short),
        "criteria": criteria_context(report, roadmap, previous),
        "remarks": remarks_context(report, roadmap),
        "indicators": indicators,
        "conclusions": conclusions,
        "outcomes": outcomes_context(report, roadmap, structure, short),
        "corrections": corrections_context(report, roadmap),
        "next_audit": next_rows,
        "next_audit_head": head,
        "next_audit_tail": tail,
        "signature": signature_context(report, roadmap),
        "charts": charts_context(report, roadmap, previous, structure, short)
        if with_charts
        else {"participants": None, "indicators": [], "outcomes": []},
    }
    figures = context["charts"]["indicators"]
    last = figures[-1]["number"] if figures else 0
    context["indicator_figures"] = "рисунке 2.1" if last == 1 else f"рисунках 2.1–2.{last}"
    context = keep_together(context)
    context["properties"] = document_properties(report, roadmap)
    if calendar:
        context["calendar"] = report_calendar(report, roadmap)
    return context


def _load(path, model_class, what: str):
    """A linked file's model, read afresh: the document is built only from files that passed the check."""
    from ..errors import BuildError, ReadError
    from ..reading.yamlread import read_yaml_file

    try:
        return model_class.model_validate(read_yaml_file(path).data)
    except ReadError as exc:
        raise BuildError(f"{path}: {exc.message}: {what}") from None
    except ValueError:  # pydantic's ValidationError: --force over a broken linked file
        raise BuildError(f"{path}: файл не прошёл проверку схемы (`neuspeh validate {path}`): {what}") from None


def document_context(document, options) -> dict:
    """The template's values for a loaded report (the kinds registry calls this). Raises ``BuildError`` without a usable
    roadmap.
    """
    from ..domain.catalog import load_catalog
    from ..domain.report import Report, linked_path
    from ..domain.roadmap import Roadmap
    from ..errors import BuildError

    report: Report = document.model
    if not report.roadmap.strip():
        raise BuildError(
            f"{document.path}: не указан файл дорожной карты (roadmap): без дорожной карты отчёт не собрать"
        )
    path = linked_path(document.path, report.roadmap)
    roadmap = _load(path, Roadmap, "без дорожной карты отчёт не собрать")
    catalog = load_catalog(linked_path(path, roadmap.catalog) if roadmap.catalog else None)
    previous = (
        _load(
            linked_path(document.path, report.previous),
            Report,
            "без отчёта за предыдущий период (previous) не посчитать динамику",
        )
        if report.previous.strip()
        else None
    )
    # The calendar is on unless asked off (``build --no-calendar``): see docs/report.md for why.
    calendar = options is None or options.calendar is not False
    return report_context(report, roadmap, catalog, previous, calendar=calendar)
