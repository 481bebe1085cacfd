"""Generate templates/roadmap.docx, the Word template of the municipal roadmap.

Run from the repository root: ``python tools/make_roadmap_template.py``.
The result is an ordinary .docx with Jinja tags (docxtpl); a municipality may
restyle a copy in Word and pass it with ``neuspeh build --template``.
Layout: DESIGN.md §3 (A4 landscape, Times New Roman, ГОСТ Р 7.0.97-2025 margins).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from docx_helpers import (
    add_page_number_header,
    grid_table,
    keep_row_on_one_page,
    mark_header_row,
    new_document,
    paragraph,
    remove_borders,
    save_template,
    set_cell,
    set_column_widths,
    vertical_align_center,
)

BODY_PT = 12
TABLE_PT = 11
TEXT_WIDTH = 297 - 25 - 10  # mm: left 25, right 10
APPROVAL_WIDTH = 80  # mm: the approval block's lines stay within 8 cm
CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def tag(doc, text: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears on render."""
    paragraph(doc, text)


def approval_block(doc) -> None:
    indent = TEXT_WIDTH - APPROVAL_WIDTH
    tag(doc, "{%p for line in approval.lines %}")
    paragraph(doc, "{{ line }}", indent_left_mm=indent)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if not approval.by_order %}")
    paragraph(doc, "{{ approval.position }}", indent_left_mm=indent)
    paragraph(doc, "_______________ {{ approval.name }}", indent_left_mm=indent, space_before=6)
    paragraph(doc, "{{ approval.date }}", indent_left_mm=indent, space_before=6)
    tag(doc, "{%p endif %}")


def title(doc) -> None:
    paragraph(doc, "", space_after=12)
    for line in ("Дорожная карта", "по профилактике учебной неуспешности", "в муниципальном образовании {{ municipality }}", "на {{ year }} год"):
        paragraph(doc, line, bold=True, align=CENTER, size=14)
    paragraph(doc, "", space_after=6)


def section_one(doc) -> None:
    paragraph(doc, "I. Результаты входного аудита", bold=True, align=CENTER, space_after=6, keep_next=True)
    widths = [10, 52, 108, 22, 70]
    table = grid_table(doc, 7, 5, widths)
    head1, head2 = table.rows[0], table.rows[1]
    set_cell(head1.cells[0], "№", bold=True, align=CENTER, size=TABLE_PT)
    set_cell(head1.cells[1], "Фактор негативного влияния (риска)", bold=True, align=CENTER, size=TABLE_PT)
    set_cell(head1.cells[4], "Перечень ШНОР, в работе которых проявляются негативные факторы", bold=True, align=CENTER, size=TABLE_PT)
    set_cell(head2.cells[1], "наименование фактора", bold=True, align=CENTER, size=TABLE_PT)
    set_cell(head2.cells[2], "параметры", bold=True, align=CENTER, size=TABLE_PT)
    set_cell(head2.cells[3], "код параметра", bold=True, align=CENTER, size=TABLE_PT)
    head1.cells[1].merge(head1.cells[3])
    head1.cells[0].merge(head2.cells[0])
    head1.cells[4].merge(head2.cells[4])
    for cell in (head1.cells[0], head1.cells[4]):
        vertical_align_center(cell)
    mark_header_row(head1)
    mark_header_row(head2)
    set_cell(table.rows[2].cells[0], "{%tr for factor in section1 %}")
    set_cell(table.rows[3].cells[0], "{%tr for row in factor.rows %}")
    keep_row_on_one_page(table.rows[4])
    data = table.rows[4].cells
    # {% vm %} first in the cell, in one run: the factor's cells merge over its parameters.
    set_cell(data[0], "{% vm %}{{ factor.number }}", align=CENTER, size=TABLE_PT)
    set_cell(data[1], "{% vm %}{{ factor.title }}", size=TABLE_PT)
    set_cell(data[2], "{{ row.title }}", size=TABLE_PT)
    set_cell(data[3], "{{ row.code }}", align=CENTER, size=TABLE_PT)
    set_cell(data[4], "{{ row.schools }}", size=TABLE_PT)
    set_cell(table.rows[5].cells[0], "{%tr endfor %}")
    set_cell(table.rows[6].cells[0], "{%tr endfor %}")
    set_column_widths(table, widths)


def section_two(doc) -> None:
    paragraph(doc, "", space_after=6)
    paragraph(doc, "II. Муниципальная дорожная карта по профилактике учебной неуспешности на {{ year }} год", bold=True, align=CENTER, space_after=6, keep_next=True)
    widths = [9, 50, 35, 23, 47, 33, 28, 37]
    headers = ["№", "Мероприятие", "Форма", "Код параметра", "Контингент", "Место проведения", "Дата проведения", "Ответственные"]
    table = grid_table(doc, 4, 8, widths)
    for cell, text in zip(table.rows[0].cells, headers):
        set_cell(cell, text, bold=True, align=CENTER, size=TABLE_PT)
        vertical_align_center(cell)
    mark_header_row(table.rows[0])
    set_cell(table.rows[1].cells[0], "{%tr for e in section2 %}")
    keep_row_on_one_page(table.rows[2])
    data = table.rows[2].cells
    fields = ["number", "name", "form", "codes", "contingent", "place", "dates", "responsible"]
    for cell, field in zip(data, fields):
        set_cell(cell, "{{ e.%s }}" % field, align=CENTER if field in ("number", "codes") else LEFT, size=TABLE_PT)
    set_cell(table.rows[3].cells[0], "{%tr endfor %}")


def monitoring(doc) -> None:
    tag(doc, "{%p if monitoring.number %}")
    paragraph(
        doc,
        "Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности: "
        "мероприятие № {{ monitoring.number }}, сроки проведения — {{ monitoring.dates }}.",
        space_before=12,
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if monitoring.indicators %}")
    paragraph(doc, "Показатели качества внутришкольных систем профилактики учебной неуспешности", bold=True, align=CENTER, space_before=12, space_after=6, keep_next=True)
    tag(doc, "{%p for x in monitoring.indicators %}")
    p = paragraph(doc, "{{ loop.index }}. {{ x }}")
    p.paragraph_format.first_line_indent = Mm(12.5)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def abbreviations(doc) -> None:
    tag(doc, "{%p if abbreviations %}")
    paragraph(doc, "Перечень сокращений", bold=True, align=CENTER, space_before=12, space_after=6, keep_next=True)
    tag(doc, "{%p for a in abbreviations[:-3] %}")
    paragraph(doc, "{{ a.short }} – {{ a.full }}")
    tag(doc, "{%p endfor %}")
    # The last lines travel with the signature below: a signature alone on a page signs nothing.
    tag(doc, "{%p for a in abbreviations[-3:] %}")
    paragraph(doc, "{{ a.short }} – {{ a.full }}", keep_next=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def signature(doc) -> None:
    tag(doc, "{%p if signature %}")
    paragraph(doc, "", space_after=18, keep_next=True)
    table = doc.add_table(rows=1, cols=2)
    remove_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_column_widths(table, [170, TEXT_WIDTH - 170])
    keep_row_on_one_page(table.rows[0])  # a position torn from its name is not a signature
    set_cell(table.rows[0].cells[0], "{{ signature.position }}")
    set_cell(table.rows[0].cells[1], "{{ signature.name }}", align=RIGHT)
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    table.rows[0].cells[1].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    tag(doc, "{%p endif %}")


def measures_appendix(doc) -> None:
    tag(doc, "{%p if with_measures %}")
    p = paragraph(doc, "Приложение", bold=True, align=RIGHT)
    p.paragraph_format.page_break_before = True
    paragraph(doc, "Рекомендуемые меры профилактики по выявленным параметрам", bold=True, align=CENTER, space_before=12)
    paragraph(doc, "(по «Конструктору формирования системы программных мероприятий по профилактике учебной неуспешности»)", align=CENTER, space_after=6, keep_next=True)
    widths = [20, 62, 90, 90]
    table = grid_table(doc, 4, 4, widths)
    for cell, text in zip(table.rows[0].cells, ["Код параметра", "Параметр", "На уровне муниципалитета", "На уровне ОО"]):
        set_cell(cell, text, bold=True, align=CENTER, size=TABLE_PT)
        vertical_align_center(cell)
    mark_header_row(table.rows[0])
    set_cell(table.rows[1].cells[0], "{%tr for m in measures %}")
    for cell, field in zip(table.rows[2].cells, ["code", "title", "municipal", "school"]):
        set_cell(cell, "{{ m.%s }}" % field, align=CENTER if field == "code" else LEFT, size=TABLE_PT)
    set_cell(table.rows[3].cells[0], "{%tr endfor %}")
    tag(doc, "{%p endif %}")


def main(target: Path) -> None:
    doc = new_document(landscape=True, margins_mm=(20, 10, 20, 25), body_pt=BODY_PT)
    add_page_number_header(doc, BODY_PT)
    approval_block(doc)
    title(doc)
    section_one(doc)
    section_two(doc)
    monitoring(doc)
    abbreviations(doc)
    signature(doc)
    measures_appendix(doc)
    save_template(doc, target)


if __name__ == "__main__":
    main(Path(__file__).parents[1] / "templates" / "roadmap.docx")
    print("templates/roadmap.docx")
