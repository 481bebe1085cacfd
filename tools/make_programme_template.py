"""Generate templates/programme.docx, the Word template of a school's programme of prevention.

Run from the repository root: ``python tools/make_programme_template.py``.
The result is an ordinary .docx with Jinja tags (docxtpl); a school may
restyle a copy in Word and pass it with ``neuspeh build --template``. Its
values come from ``neuspeh_cli.render.programme.programme_context``.
Layout: DESIGN.md §3 — A4 portrait, Times New Roman, margins 30/10/20/20 mm,
«Приложение к приказу…» top right within 8 cm, page numbers from page 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from docx_helpers import (
    add_page_number_header,
    grid_table,
    keep_row_on_one_page,
    mark_header_row,
    new_document,
    paragraph,
    save_template,
    set_cell,
    vertical_align_center,
)

BODY_PT = 14
TABLE_PT = 10
TEXT_WIDTH = 210 - 30 - 10  # mm: left 30 (documents kept over 10 years), right 10
APPENDIX_WIDTH = 80  # mm: the lines of the «Приложение к приказу…» block stay within 8 cm
INDENT = 12.5  # mm: first-line indent of body paragraphs
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT

# Задача | Результаты | Мероприятия/меры | Сроки | Показатели | Ответственные: 170 mm in all.
# A text column needs about 29 mm at 10 pt for the longest words («психологической»,
# «дополнительного»), or Word and LibreOffice break them mid-word.
ROADMAP_WIDTHS = [29, 29, 33, 21, 29, 29]
ROADMAP_HEADERS = ["Задача", "Ожидаемые конечные результаты реализации программы", "Мероприятия/меры", "Сроки исполнения", "Показатели", "Ответственные"]


def tag(doc, text: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears on render."""
    paragraph(doc, text)


def text(doc, content: str, indent: bool = True, space_before: float = 0, keep_next: bool = False):
    p = paragraph(doc, content, align=JUSTIFY, space_before=space_before, keep_next=keep_next)
    if indent:
        p.paragraph_format.first_line_indent = Mm(INDENT)
    return p


def heading(doc, content: str) -> None:
    paragraph(doc, content, bold=True, align=CENTER, space_before=12, space_after=6, keep_next=True)


def loop(doc, source: str, item: str, line: str) -> None:
    """One paragraph per item of ``source``."""
    tag(doc, "{%%p for %s in %s %%}" % (item, source))
    text(doc, line)
    tag(doc, "{%p endfor %}")


def appendix_block(doc) -> None:
    paragraph(doc, "{{ appendix }}", indent_left_mm=TEXT_WIDTH - APPENDIX_WIDTH, align=LEFT)


def title(doc) -> None:
    paragraph(doc, "", space_after=12)
    paragraph(doc, "{{ title }}", bold=True, align=CENTER)
    paragraph(doc, "{{ school }}", bold=True, align=CENTER, space_after=6)


def goal_and_tasks(doc) -> None:
    heading(doc, "1. Цель и задачи программы")
    text(doc, "К основным категориям детей с рисками учебной неуспешности относятся:", keep_next=True)
    loop(doc, "categories", "x", "– {{ x }}")
    text(doc, "Работа по профилактике учебной неуспешности в школе выстроена по следующим направлениям:", space_before=6, keep_next=True)
    loop(doc, "directions", "x", "{{ loop.index }}. {{ x }}")
    text(doc, "Цель программы: {{ goal }}", space_before=6)
    text(doc, "Задачи программы:", space_before=6, keep_next=True)
    loop(doc, "tasks", "t", "{{ t.number }}. {{ t.text }}")


def indicators(doc) -> None:
    heading(doc, "2. Целевые показатели программы")
    loop(doc, "indicators", "i", "{{ i.label }}. {{ i.text }}")


def methods(doc) -> None:
    heading(doc, "3. Методы сбора и обработки информации")
    loop(doc, "methods", "x", "– {{ x }}")


def stages(doc) -> None:
    heading(doc, "4. Сроки и этапы реализации программы")
    tag(doc, "{%p if period %}")
    text(doc, "Срок реализации программы: {{ period }}.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for s in stages %}")
    text(doc, "{{ s.head }}", space_before=6, keep_next=True)
    loop(doc, "s.contents", "x", "– {{ x }}")
    tag(doc, "{%p endfor %}")


def measures_and_group(doc) -> None:
    heading(doc, "5. Меры и мероприятия по достижению цели и задач")
    text(doc, "Перечень мероприятий представлен в дорожной карте реализации программы (раздел 7).")
    heading(doc, "6. Исполнители")
    text(doc, "Для управления реализацией программы создана рабочая группа, в состав которой входят:", keep_next=True)
    loop(doc, "working_group", "x", "– {{ x }}")


def roadmap(doc) -> None:
    heading(doc, "7. Дорожная карта реализации программы")
    table = grid_table(doc, 6, 6, ROADMAP_WIDTHS)
    for cell, header in zip(table.rows[0].cells, ROADMAP_HEADERS):
        set_cell(cell, header, bold=True, align=CENTER, size=TABLE_PT)
        vertical_align_center(cell)
    mark_header_row(table.rows[0])
    # Outer loop over tasks, inner over their measures: {% vm %} merges over the
    # innermost loop, so the task's own cells span its measures (DESIGN.md §5).
    set_cell(table.rows[1].cells[0], "{%tr for row in roadmap %}")
    set_cell(table.rows[2].cells[0], "{%tr for m in row.measures %}")
    keep_row_on_one_page(table.rows[3])
    data = table.rows[3].cells
    # {% vm %} first in the cell and in one run; no vAlign on these cells, as
    # docxtpl appends vMerge at the end of tcPr and Word wants it before vAlign.
    set_cell(data[0], "{% vm %}{{ row.task }}", size=TABLE_PT)
    set_cell(data[1], "{% vm %}{{ row.results }}", size=TABLE_PT)
    set_cell(data[2], "{{ m.text }}", size=TABLE_PT)
    set_cell(data[3], "{{ m.deadline }}", size=TABLE_PT)
    set_cell(data[4], "{% vm %}{{ row.indicators }}", size=TABLE_PT)
    set_cell(data[5], "{% vm %}{{ row.responsible }}", size=TABLE_PT)
    set_cell(table.rows[4].cells[0], "{%tr endfor %}")
    set_cell(table.rows[5].cells[0], "{%tr endfor %}")


# Schema order of w:tblPr children (ECMA-376 CT_TblPr): Word refuses files
# whose table properties are out of order or repeated; LibreOffice does not mind.
def main(target: Path) -> None:
    doc = new_document(landscape=False, margins_mm=(20, 10, 20, 30), body_pt=BODY_PT)
    add_page_number_header(doc, 12)
    appendix_block(doc)
    title(doc)
    goal_and_tasks(doc)
    indicators(doc)
    methods(doc)
    stages(doc)
    measures_and_group(doc)
    roadmap(doc)
    save_template(doc, target)


if __name__ == "__main__":
    main(Path(__file__).parents[1] / "templates" / "programme.docx")
    print("templates/programme.docx")
