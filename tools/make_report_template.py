"""Generate templates/report.docx, the Word template of the implementation report.

Run from the repository root: ``python tools/make_report_template.py``.
Text takes its look from named styles («Отчёт: …», «Таблица: …»), so a
methodologist restyles the whole report by editing a style in Word; the
script only makes the shipped template reproducible. Layout: DESIGN.md §3
(A4 landscape, Times New Roman, ГОСТ Р 7.0.97-2025 margins, header rows repeated).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx_helpers import (
    FONT,
    add_page_number_header,
    keep_row_on_one_page,
    mark_header_row,
    new_document,
    remove_borders,
    save_template,
    set_cell_margins,
    set_column_widths,
    vertical_align_center,
)

BODY_PT = 12
TABLE_PT = 10
TEXT_WIDTH = 297 - 25 - 10  # mm: left 25, right 10
CENTER, LEFT, RIGHT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY

TITLE = "Отчёт: заголовок"
SECTION = "Отчёт: раздел"
TEXT = "Отчёт: текст"
FORMULA = "Отчёт: пояснение"
FIGURE = "Отчёт: рисунок"
CAPTION = "Отчёт: подпись рисунка"
TAG = "Отчёт: служебный"
SIGN = "Отчёт: подпись"
HEAD = "Таблица: шапка"
CELL = "Таблица: текст"
NUMBER = "Таблица: число"
TABLE = "Отчёт: таблица"


def styles(doc) -> None:
    """The named styles every paragraph and table of the template uses."""

    def paragraph_style(name, size, bold=False, italic=False, align=LEFT, before=0, after=0, keep_next=False, indent_mm=None, first_line_mm=None):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        pf = style.paragraph_format
        pf.alignment = align
        pf.space_before, pf.space_after = Pt(before), Pt(after)
        pf.keep_with_next = keep_next
        if indent_mm is not None:
            pf.left_indent = Mm(indent_mm)
        if first_line_mm is not None:
            pf.first_line_indent = Mm(first_line_mm)
        return style

    paragraph_style(TITLE, 14, bold=True, align=CENTER)
    paragraph_style(SECTION, BODY_PT, bold=True, align=LEFT, before=12, after=6, keep_next=True)
    paragraph_style(TEXT, BODY_PT, align=JUSTIFY, first_line_mm=12.5, after=3)
    paragraph_style(FORMULA, TABLE_PT, italic=True, align=LEFT)
    paragraph_style(FIGURE, BODY_PT, align=CENTER, before=6, keep_next=True)
    paragraph_style(CAPTION, TABLE_PT, italic=True, align=CENTER, after=6)
    paragraph_style(TAG, 2)
    paragraph_style(SIGN, BODY_PT, align=LEFT)
    paragraph_style(HEAD, TABLE_PT, bold=True, align=CENTER)
    paragraph_style(CELL, TABLE_PT, align=LEFT)
    paragraph_style(NUMBER, TABLE_PT, align=CENTER)
    table = doc.styles.add_style(TABLE, WD_STYLE_TYPE.TABLE)
    table.base_style = doc.styles["Table Grid"]


def p(container, text: str = "", style: str = TEXT):
    paragraph = container.add_paragraph(text, style=style)
    return paragraph


def tag(doc, text: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears on render."""
    p(doc, text, TAG)


def cell(c, text: str, style: str = CELL) -> None:
    paragraph = c.paragraphs[0]
    paragraph.text = text
    paragraph.style = style


def table(doc, headers: list[str], widths: list[float], loop: list[str], fields: list[tuple[str, str]]):
    """A table: a repeated header row, then «{%tr for … %}» rows around one data row."""
    rows = 1 + len(loop) * 2 + 1
    t = doc.add_table(rows=rows, cols=len(headers))
    t.style = TABLE
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_column_widths(t, widths)
    set_cell_margins(t)
    for c, text in zip(t.rows[0].cells, headers):
        cell(c, text, HEAD)
        vertical_align_center(c)
    mark_header_row(t.rows[0])
    for k, statement in enumerate(loop):
        cell(t.rows[1 + k].cells[0], "{%tr " + statement + " %}")
    data = t.rows[1 + len(loop)]
    keep_row_on_one_page(data)
    for c, (text, style) in zip(data.cells, fields):
        cell(c, text, style)
    for k in range(len(loop)):
        cell(t.rows[2 + len(loop) + k].cells[0], "{%tr endfor %}")
    return t


def title(doc) -> None:
    for line in (
        "Отчёт",
        "о реализации муниципальной дорожной карты по профилактике учебной неуспешности",
        "в муниципальном образовании {{ municipality }}",
        "{{ period_title }}",
    ):
        p(doc, line, TITLE)
    p(doc, "", TEXT)
    p(doc, "{{ intro }}", TEXT)


def events(doc) -> None:
    p(doc, "1. Выполнение мероприятий дорожной карты", SECTION)
    table(doc, ["Статус мероприятий", "Количество", "Доля"], [120, 30, 30], ["for s in summary"], [("{{ s.status }}", CELL), ("{{ s.count }}", NUMBER), ("{{ s.share }}", NUMBER)])
    p(doc, "", TEXT)
    p(doc, "План и факт по каждому мероприятию", SECTION)
    table(
        doc,
        ["№", "Мероприятие, форма", "Код", "Срок по плану", "Статус", "Факт: даты, перенос, причина", "Участники", "Из них из ШНОР", "Оценили положительно", "Подтверждение"],
        [8, 48, 15, 21, 22, 35, 30, 27, 23, 33],
        ["for e in events"],
        [
            ("{{ e.number }}", NUMBER),
            ("{{ e.name }} ({{ e.form }})", CELL),
            ("{{ e.codes }}", NUMBER),
            ("{{ e.planned }}", CELL),
            ("{{ e.status }}", CELL),
            ("{{ e.fact }}", CELL),
            ("{{ e.participants }}", CELL),
            ("{{ e.shnor }}", CELL),
            ("{{ e.feedback }}", CELL),
            ("{{ e.evidence }}", CELL),
        ],
    )
    tag(doc, "{%p if charts.participants %}")
    p(doc, "{{ charts.participants }}", FIGURE)
    p(doc, "Рисунок 1. Участники проведённых мероприятий по категориям{{ participants_caption }}", CAPTION)
    tag(doc, "{%p endif %}")


def effectiveness(doc) -> None:
    p(doc, "2. Оценка эффективности профилактики (критерии методических рекомендаций)", SECTION)
    table(
        doc,
        ["Группа критериев", "№", "Критерий", "Как вычисляется", "Значение", "Пояснение"],
        [38, 10, 50, 82, 24, 58],
        ["for c in criteria"],
        [
            ("{{ c.group }}", CELL),
            ("{{ c.number }}", NUMBER),
            ("{{ c.title }}", CELL),
            ("{{ c.formula }}", FORMULA),
            ("{{ c.value }}", NUMBER),
            ("{{ c.details }}", CELL),
        ],
    )
    tag(doc, "{%p if remarks %}")
    p(doc, "Замечания и предложения участников мероприятий", SECTION)
    tag(doc, "{%p for r in remarks %}")
    p(doc, "{{ r }}", TEXT)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def indicators(doc) -> None:
    # A new page: the legend, the chart and its caption then share one page.
    p(doc, "3. Показатели качества внутришкольных систем профилактики учебной неуспешности по школам", SECTION).paragraph_format.page_break_before = True
    tag(doc, "{%p if charts.indicators %}")
    p(doc, "{{ charts.indicators }}", FIGURE)
    p(doc, "Рисунок 2. Значения показателей по школам: столбец — последний срез (штриховка — ШНОР), кружок — первый срез, линии — исходное и целевое значения", CAPTION)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for x in legend %}")
    p(doc, "{{ x.id }} — {{ x.text }}{{ x.unit_text }}", TEXT)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if indicators %}")
    widths = [52, 40, 24, 24, 70, 52]
    t = doc.add_table(rows=7, cols=6)
    t.style = TABLE
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_column_widths(t, widths)
    set_cell_margins(t)
    for c, text in zip(t.rows[0].cells, ["Школа", "Показатель", "Исходное", "Целевое", "Значения по срезам мониторинга", "Оценка"]):
        cell(c, text, HEAD)
        vertical_align_center(c)
    mark_header_row(t.rows[0])
    cell(t.rows[1].cells[0], "{%tr for s in indicators %}")
    cell(t.rows[2].cells[0], "{%tr for r in s.rows %}")
    keep_row_on_one_page(t.rows[3])
    for c, (text, style) in zip(
        t.rows[3].cells,
        [
            ("{% vm %}{{ s.name }}", CELL),
            ("{{ r.label }}", CELL),
            ("{{ r.baseline }}", NUMBER),
            ("{{ r.target }}", NUMBER),
            ("{{ r.by_round }}", CELL),
            ("{{ r.assessment }}", CELL),
        ],
    ):
        cell(c, text, style)
    cell(t.rows[4].cells[0], "{%tr endfor %}")
    conclusion = t.rows[5].cells[0].merge(t.rows[5].cells[5])
    cell(conclusion, "{{ s.conclusion }}", FORMULA)
    cell(t.rows[6].cells[0], "{%tr endfor %}")
    set_column_widths(t, widths)
    tag(doc, "{%p else %}")
    p(doc, "Значения показателей в отчётном периоде не указаны.", TEXT)
    tag(doc, "{%p endif %}")


def outcomes(doc) -> None:
    p(doc, "4. Выходной аудит: итоги по параметрам раздела I и школам", SECTION)
    tag(doc, "{%p if charts.outcomes %}")
    p(doc, "{{ charts.outcomes }}", FIGURE)
    p(doc, "Рисунок 3. Параметры раздела I по итогам: сколько школ, где риск устранён, снижен, сохраняется, усилился", CAPTION)
    tag(doc, "{%p endif %}")
    widths = [16, 90, 34, 26, 96]
    t = doc.add_table(rows=6, cols=5)
    t.style = TABLE
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_column_widths(t, widths)
    set_cell_margins(t)
    for c, text in zip(t.rows[0].cells, ["Код", "Параметр", "Школа", "Итог", "На чём основан вывод"]):
        cell(c, text, HEAD)
        vertical_align_center(c)
    mark_header_row(t.rows[0])
    cell(t.rows[1].cells[0], "{%tr for o in outcomes %}")
    cell(t.rows[2].cells[0], "{%tr for r in o.rows %}")
    keep_row_on_one_page(t.rows[3])
    for c, (text, style) in zip(
        t.rows[3].cells, [("{% vm %}{{ o.code }}", NUMBER), ("{% vm %}{{ o.title }}", CELL), ("{{ r.school }}", CELL), ("{{ r.result }}", CELL), ("{{ r.evidence }}", CELL)]
    ):
        cell(c, text, style)
    cell(t.rows[4].cells[0], "{%tr endfor %}")
    cell(t.rows[5].cells[0], "{%tr endfor %}")
    set_column_widths(t, widths)


def corrections(doc) -> None:
    p(doc, "5. Коррекция дорожной карты", SECTION)
    tag(doc, "{%p if corrections %}")
    table(
        doc,
        ["№", "Изменение", "Мероприятие", "Когда", "Почему", "Документ"],
        [9, 24, 80, 22, 70, 57],
        ["for c in corrections"],
        [("{{ c.number }}", NUMBER), ("{{ c.change }}", CELL), ("{{ c.event }}", CELL), ("{{ c.date }}", NUMBER), ("{{ c.reason }}", CELL), ("{{ c.document }}", CELL)],
    )
    tag(doc, "{%p else %}")
    p(doc, "В отчётном периоде дорожная карта не изменялась.", TEXT)
    tag(doc, "{%p endif %}")


def next_audit(doc) -> None:
    p(doc, "6. К входному аудиту следующего периода", SECTION)
    tag(doc, "{%p if next_audit %}")
    p(doc, "Параметры, по которым риск сохраняется или усилился, переходят в раздел I дорожной карты следующего периода:", TEXT)
    table(
        doc,
        ["Код", "Параметр", "Школы, где риск сохраняется или усилился", "Из них усилился"],
        [16, 120, 76, 50],
        ["for n in next_audit"],
        [("{{ n.code }}", NUMBER), ("{{ n.title }}", CELL), ("{{ n.schools }}", CELL), ("{{ n.grew }}", CELL)],
    )
    tag(doc, "{%p else %}")
    p(doc, "{{ next_audit_note }}", TEXT)
    tag(doc, "{%p endif %}")


def signature(doc) -> None:
    tag(doc, "{%p if signature %}")
    p(doc, "", TEXT).paragraph_format.keep_with_next = True
    t = doc.add_table(rows=1, cols=2)
    remove_borders(t)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_column_widths(t, [170, TEXT_WIDTH - 170])
    keep_row_on_one_page(t.rows[0])  # a position torn from its name is not a signature
    cell(t.rows[0].cells[0], "{{ signature.position }}", SIGN)
    cell(t.rows[0].cells[1], "{{ signature.name }}", SIGN)
    t.rows[0].cells[1].paragraphs[0].alignment = RIGHT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    t.rows[0].cells[1].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    tag(doc, "{%p endif %}")


def main(target: Path) -> None:
    doc = new_document(landscape=True, margins_mm=(20, 10, 20, 25), body_pt=BODY_PT)
    styles(doc)
    add_page_number_header(doc, BODY_PT)
    title(doc)
    events(doc)
    effectiveness(doc)
    indicators(doc)
    outcomes(doc)
    corrections(doc)
    next_audit(doc)
    signature(doc)
    # python-docx starts a document with one empty paragraph: drop it, the title comes first.
    first = doc.paragraphs[0]
    if not first.text:
        first._element.getparent().remove(first._element)
    save_template(doc, target)


if __name__ == "__main__":
    main(Path(__file__).parents[1] / "templates" / "report.docx")
    print("templates/report.docx")
