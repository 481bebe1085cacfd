"""The calendar of the plan drawn: a Word appendix (WordprocessingML) and an HTML table.

The figures come from ``domain.calendar.plan_calendar``; here they are only laid
out. A planned month is a dark cell, a season of work («в течение года»,
«апрель – декабрь») a light one, a month the event was held (the report's fact)
carries «✓», a planned month of an event the report says was not held «✗» on
pink, with the report's outcome in a column of its own; the last rows give the
events of each month and the busiest ШНОР's count, overloaded months marked.
"""

from __future__ import annotations

import html
import io
import zipfile
from typing import Any

from ..domain.calendar import OVERLOAD, Calendar, CalendarRow, month_short, month_title
from .package import escape
from .typography import nbsp

TEXT_WIDTH = 14854  # twips: the landscape A4 page of the roadmap template between its margins
NUMBER_WIDTH = 454
DATES_WIDTH = 1800
PLANNED = "5B7DB1"
SEASON = "C9D6EA"
OVERLOADED = "F4B183"
MISSED = "F2C4C4"
LATE = "FFE699"  # a month held after the planned one: yellow, as a warning, between planned blue and missed pink
HELD_MARK = "✓"
MISSED_MARK = "✗"
OUTCOME_WIDTH = 1600  # the report's «Итог»: «перенесено на февраль 2026» in two lines


def appendix_title(calendar: Calendar) -> str:
    if calendar.fact_title:
        # A report's calendar shows the report's months, and is titled by them as the report is.
        return f"Календарь мероприятий дорожной карты: план и факт {calendar.fact_title}"
    first, last = calendar.months[0], calendar.months[-1]
    # Named as the roadmap's heading names its term (``Period.title``), without loading the models for the review.
    if first == (first[0], 1) and last == (first[0], 12):
        title = f"Календарь мероприятий дорожной карты на {first[0]} год"
    elif last[0] == first[0] + 1 and first[1] in (8, 9) and 5 <= last[1] <= 8:
        title = f"Календарь мероприятий дорожной карты на {first[0]}/{last[0]} учебный год"
    else:
        title = f"Календарь мероприятий дорожной карты: {month_title(first)} – {month_title(last)}"
    return title + (": план и факт" if calendar.reported else "")


def notes(calendar: Calendar) -> list[str]:
    """What a reader of the calendar must know besides the cells: overloaded months, events without a month, events
    not held, held late, or outside the report's months (the table shows only those)."""
    lines = []
    if calendar.overloaded:
        lines.append(
            _listed(
                f"Перегруженные месяцы (у одной ШНОР {OVERLOAD} и более мероприятий с датой в этом месяце)",
                [calendar.overload_text(m) for m in calendar.overloaded],
            )
        )
    for label, rows, item in (
        ("Без месяца в сроке карты", calendar.undated, lambda r: f"№ {r.number} ({r.dates or 'срок не указан'})"),
        ("Не проведены", calendar.missed, lambda r: f"№ {r.number} ({r.outcome})" if r.outcome else f"№ {r.number}"),
        (
            "Проведены позже срока",
            calendar.late,
            lambda r: f"№ {r.number} (план — {_months(r.months | r.beyond)}, проведено — {_months(r.held_months)})",
        ),
        ("Срок вне отчётного периода (в таблице без отметок)", calendar.beyond, lambda r: f"№ {r.number} ({r.dates})"),
        (
            "Проведены вне отчётного периода (в таблице не отмечены)",
            calendar.held_beyond,
            lambda r: f"№ {r.number} ({_months(r.held_beyond)})",
        ),
    ):
        if rows:
            lines.append(_listed(label, [item(r) for r in rows]))
    lines.append(legend(calendar))
    return lines


def _listed(label: str, items: list[str]) -> str:
    return f"{label}: {'; '.join(items)}."


def _months(months) -> str:
    from ..domain.dates import MonthRef, months_label

    return months_label([MonthRef(m, y) for y, m in months])


def outcome_cell(row: CalendarRow) -> str:
    """The «Итог по отчёту» of a row: the report's word, and «позже срока» for an event held after its month."""
    return f"{row.outcome} позже срока" if row.late else row.outcome


def legend(calendar: Calendar) -> str:
    text = "Тёмная клетка — месяц проведения; светлая — работа в течение периода или нескольких месяцев."
    if any(r.held is not None for r in calendar.rows):
        text += f" «{HELD_MARK}» — проведено (по отчёту)"
        if calendar.late:
            text += f"; «{HELD_MARK}» на жёлтом — проведено позже планового месяца"
        text += f"; «{MISSED_MARK}» — запланировано, но не проведено." if calendar.missed else "."
    return text


# ---------------------------------------------------------------- Word


def _cell(
    text: str,
    width: int,
    fill: str = "",
    style: str = "TableText",
    bold: bool = False,
    span: int = 1,
    merge: str = "",
    small: bool = False,
) -> str:
    props = f'<w:tcW w:type="dxa" w:w="{width}"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge:
        props += '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>"
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    props += '<w:vAlign w:val="center"/>'
    # Month columns are narrow: «февр.» and «нояб.» must fit on one line.
    run_props = ("<w:b/>" if bold else "") + ('<w:sz w:val="16"/><w:szCs w:val="16"/>' if small else "")
    run_props = f"<w:rPr>{run_props}</w:rPr>" if run_props else ""
    run = f'<w:r>{run_props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run}</w:p></w:tc>'


def _row(cells: list[str], header: bool = False) -> str:
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def _paragraph(text: str, style: str, before: int = 0) -> str:
    spacing = f'<w:spacing w:before="{before}"/>' if before else ""
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{spacing}</w:pPr><w:r><w:t '
        f'xml:space="preserve">{escape(nbsp(text))}</w:t></w:r></w:p>'
    )


def _widths(calendar: Calendar) -> list[int]:
    """Column widths: №, the event, its dates, the report's outcome (when there is one), then the months."""
    fixed = [NUMBER_WIDTH, 0, DATES_WIDTH] + ([OUTCOME_WIDTH] if calendar.reported else [])
    count = len(calendar.months)
    # The event's name keeps at least 4,000 twips (7 cm); months get what is left, within legible limits.
    month_width = max(340, min(620, (TEXT_WIDTH - sum(fixed) - 4000) // count))
    fixed[1] = TEXT_WIDTH - sum(fixed) - month_width * count
    return fixed + [month_width] * count


def _year_spans(calendar: Calendar) -> list[tuple[int, int]]:
    """(year, months of it) in order: a school year's calendar heads its columns with two years."""
    years: list[tuple[int, int]] = []
    for year, _ in calendar.months:
        if years and years[-1][0] == year:
            years[-1] = (year, years[-1][1] + 1)
        else:
            years.append((year, 1))
    return years


def _head_rows(calendar: Calendar, widths: list[int]) -> list[str]:
    """Two header rows, repeated on every page: the fixed columns merged down, years over their months."""
    head, fixed, month_width = "TableHeading", widths[: -len(calendar.months)], widths[-1]
    titles = ["№", "Мероприятие", "Сроки", "Итог по отчёту"][: len(fixed)]
    overloaded = {m.month for m in calendar.overloaded}
    first = [_cell(t, w, style=head, merge="restart") for t, w in zip(titles, fixed)]
    first += [_cell(str(year), month_width * span, style=head, span=span) for year, span in _year_spans(calendar)]
    second = [_cell("", w, merge="continue") for w in fixed]
    second += [
        _cell(month_short(m), month_width, OVERLOADED if m in overloaded else "", head, small=True)
        for m in calendar.months
    ]
    return [_row(first, header=True), _row(second, header=True)]


def _event_row(calendar: Calendar, row: CalendarRow, widths: list[int]) -> str:
    """An event: planned months filled, held months «✓», planned months of an event not held «✗» on pink."""
    cells = [
        _cell(f"{row.number}.", widths[0], style="TableTextCentered"),
        _cell(nbsp(row.name), widths[1]),
        _cell(nbsp(row.dates), widths[2]),
    ]
    if calendar.reported:
        cells.append(_cell(nbsp(outcome_cell(row)), widths[3], bold=row.missed))  # what was not held stands out
    for month in calendar.months:
        planned = month in row.months
        fill = (SEASON if row.background else PLANNED) if planned else ""
        mark = HELD_MARK if row.held and month in row.held else ""
        if mark and row.late:
            fill = LATE
        if row.missed and planned:
            fill, mark = MISSED, MISSED_MARK
        cells.append(_cell(mark, widths[-1], fill, "TableTextCentered", bold=bool(mark)))
    return _row(cells)


def _load_rows(calendar: Calendar, widths: list[int]) -> list[str]:
    """The two last rows: events with a date in each month, and the busiest ШНОР's count (overloaded months marked)."""
    label_width, span = sum(widths[: -len(calendar.months)]), len(widths) - len(calendar.months)
    month_width = widths[-1]
    events = [_cell("Мероприятий с датой в месяце", label_width, style="TableText", bold=True, span=span)]
    events += [_cell(str(m.events or ""), month_width, style="TableTextCentered") for m in calendar.load]
    busiest = [_cell("Наибольшая нагрузка на одну ШНОР", label_width, style="TableText", bold=True, span=span)]
    busiest += [
        _cell(
            str(m.busiest_count or ""),
            month_width,
            OVERLOADED if m.overloaded else "",
            "TableTextCentered",
            bold=m.overloaded,
        )
        for m in calendar.load
    ]
    # A year without ШНОР: a row of the busiest ШНОР's load would be a row of blank cells.
    return [_row(events), _row(busiest)] if calendar.shnor_count else [_row(events)]


def appendix_xml(calendar: Calendar, mark: str = "Приложение") -> str:
    """The appendix as body elements of document.xml, in the roadmap template's styles."""
    widths = _widths(calendar)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    rows = _head_rows(calendar, widths) + [_event_row(calendar, r, widths) for r in calendar.rows]
    rows += _load_rows(calendar, widths)
    table = (
        '<w:tbl><w:tblPr><w:tblStyle w:val="DocumentTable"/>'
        f'<w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" '
        'w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
    parts = [_paragraph(mark, "AppendixMark"), _paragraph(appendix_title(calendar), "Heading1"), table]
    parts.extend(_paragraph(line, "BodyText", 120 if i == 0 else 0) for i, line in enumerate(notes(calendar)))
    return "".join(parts)


def with_appendix(document: str, calendar: Calendar) -> str:
    """``document`` (a built document's document.xml) with the calendar appended as its last appendix."""
    mark = "Приложение"
    existing = '<w:pStyle w:val="AppendixMark"/></w:pPr><w:r><w:t>Приложение</w:t>'
    if existing in document:
        # The measures' appendix comes first: the two are numbered.
        document = document.replace(existing, existing.replace(">Приложение<", ">Приложение 1<"), 1)
        mark = "Приложение 2"
    end = document.rfind("<w:sectPr")
    return document[:end] + appendix_xml(calendar, mark) + document[end:]


def appendix_step(calendar: Calendar):
    """A ``engine.render_docx`` finishing step: the appendix put into the main part before the one zip is written."""

    def step(parts: dict[str, bytes], order: list[str]) -> list[str]:
        parts["word/document.xml"] = with_appendix(parts["word/document.xml"].decode("utf-8"), calendar).encode()
        return order

    return step


def add_appendix(docx: bytes, calendar: Calendar) -> bytes:
    """``docx`` (a built roadmap or report) with the calendar appended as its last appendix."""
    from .engine import reproducible_zip

    source = zipfile.ZipFile(io.BytesIO(docx))
    document = with_appendix(source.read("word/document.xml").decode("utf-8"), calendar)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = document.encode("utf-8") if item.filename == "word/document.xml" else source.read(item.filename)
            target.writestr(item.filename, data)
    return reproducible_zip(out.getvalue())


# ---------------------------------------------------------------- HTML

CALENDAR_CSS = """
table.calendar{border-collapse:collapse;font-size:12px;margin:8px 0}
table.calendar th,table.calendar td{border:1px solid #bbb;padding:2px 4px;vertical-align:top}
table.calendar td.m{width:2.2em;text-align:center;padding:0}
table.calendar td.p{background:#5b7db1;color:#fff}
table.calendar td.s{background:#c9d6ea}
table.calendar td.x{background:#f2c4c4;color:#8b0000;font-weight:bold}
table.calendar td.l{background:#ffe699}
table.calendar .over{background:#f4b183;font-weight:bold}
table.calendar tfoot td{font-weight:bold}
""".strip()


def calendar_html(calendar: Calendar, css: bool = True) -> str:
    """The calendar as an HTML fragment (a ``<table class="calendar">`` and its notes); ``css`` adds its ``<style>``."""
    e = html.escape
    overloaded = {m.month for m in calendar.overloaded}
    out = io.StringIO()
    if css:
        out.write(f"<style>{CALENDAR_CSS}</style>")
    reported = calendar.reported
    span = 4 if reported else 3
    out.write('<table class="calendar"><thead><tr><th>№</th><th>Мероприятие</th><th>Сроки</th>')
    if reported:
        out.write("<th>Итог по отчёту</th>")
    for month in calendar.months:
        cls = ' class="over"' if month in overloaded else ""
        out.write(f'<th{cls} title="{e(month_title(month))}">{e(month_short(month))}</th>')
    out.write("</tr></thead><tbody>")
    for row in calendar.rows:
        out.write(f"<tr><td>{row.number}.</td><td>{e(row.name)}</td><td>{e(row.dates)}</td>")
        if reported:
            out.write(f"<td>{e(outcome_cell(row))}</td>")
        for month in calendar.months:
            cls = ("s" if row.background else "p") if month in row.months else ""
            mark = HELD_MARK if row.held and month in row.held else ""
            if mark and row.late:
                cls = "l"
            if row.missed and month in row.months:
                cls, mark = "x", MISSED_MARK
            out.write(f'<td class="m {cls}">{mark}</td>')
        out.write("</tr>")
    out.write(f'</tbody><tfoot><tr><td colspan="{span}">Мероприятий с датой в месяце</td>')
    out.write("".join(f'<td class="m">{m.events or ""}</td>' for m in calendar.load))
    if calendar.shnor_count:
        out.write(f'</tr><tr><td colspan="{span}">Наибольшая нагрузка на одну ШНОР</td>')
        for load in calendar.load:
            cls = "m over" if load.overloaded else "m"
            title = f' title="{e(calendar.overload_text(load))}"' if load.busiest_count else ""
            out.write(f'<td class="{cls}"{title}>{load.busiest_count or ""}</td>')
    out.write("</tr></tfoot></table>")
    for line in notes(calendar):
        out.write(f'<p class="calendar-note">{e(line)}</p>')
    return out.getvalue()


def calendar_for(roadmap: Any, held: dict[str, str] | None = None) -> Calendar:
    """``plan_calendar`` for callers of the render layer (the review's page, the report)."""
    from ..domain.calendar import plan_calendar

    return plan_calendar(roadmap, held)
