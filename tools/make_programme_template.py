"""Generate templates/programme.docx, the Word template of a school's programme of prevention.

Run from the repository root: ``python tools/make_programme_template.py``.
The result is an ordinary .docx with Jinja tags (docxtpl); a school may
restyle a copy in Word and pass it with ``neuspeh build --template``. Its
values come from ``neuspeh_cli.render.programme.programme_context``.
Layout: DESIGN.md §3 — A4 portrait, Times New Roman, margins 30/10/20/20 mm,
«Приложение к приказу…» top right within 8 cm, page numbers from page 2; the
roadmap of section 7 on landscape pages. The look lives in named styles.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx_helpers import (
    Style,
    add_page_number_header,
    base_styles,
    cell_center,
    end_of_document,
    keep_row_on_one_page,
    mark_header_row,
    new_document,
    paragraph,
    save_template,
    set_cell,
    set_page,
    table,
    tag,
    tag_row,
)

BODY_PT = 14
TABLE_PT = 11
MARGINS = (20, 10, 20, 30)  # top, right, bottom, left: 30 mm for documents kept over 10 years
TEXT_WIDTH = 210 - 30 - 10
LANDSCAPE_WIDTH = 297 - 30 - 10
APPENDIX_WIDTH = 80  # mm: the lines of the «Приложение к приказу…» block stay within 8 cm
TITLE = "Шаблон программы профилактики учебной неуспешности"

# Section 7, the programme's own roadmap, is on landscape pages (DESIGN.md §3: wide
# tables on landscape pages): six text columns at 11 pt need about 257 mm to
# keep words whole and rows short.
ROADMAP_WIDTHS = [50, 45, 61, 25, 43, 33]
ROADMAP_HEADERS = [
    "Задача",
    "Ожидаемые конечные результаты реализации программы",
    "Мероприятия/меры",
    "Сроки исполнения",
    "Показатели",
    "Ответственные",
]


def text(doc, content: str, style: str = "BodyText"):
    return paragraph(doc, content, style)


def loop(doc, source: str, item: str, line: str, style: str = "ListLine") -> None:
    """One paragraph per item of ``source``."""
    tag(doc, "{%%p for %s in %s %%}" % (item, source))
    paragraph(doc, line, style)
    tag(doc, "{%p endfor %}")


def appendix_block(doc) -> None:
    paragraph(doc, "{{ appendix }}", "ApprovalStamp")


def title(doc) -> None:
    paragraph(doc, "{{ title }}", "DocumentTitle")
    paragraph(doc, "{{ school }}", "DocumentSubtitle")


def goal_and_tasks(doc) -> None:
    paragraph(doc, "1. Цель и задачи программы", "Heading1")
    text(doc, "К основным категориям детей с рисками учебной неуспешности относятся:", "Lead")
    loop(doc, "categories", "x", "– {{ x }}")
    text(doc, "Работа по профилактике учебной неуспешности в школе выстроена по следующим направлениям:", "LeadSpaced")
    loop(doc, "directions", "x", "{{ loop.index }}. {{ x }}")
    text(doc, "Цель программы: {{ goal }}", "BodySpaced")
    text(doc, "Задачи программы:", "LeadSpaced")
    loop(doc, "tasks", "t", "{{ t.number }}. {{ t.text }}")
    tag(doc, "{%p if targets %}")
    text(doc, "{{ targets }}", "BodySpaced")
    tag(doc, "{%p endif %}")


def indicators(doc) -> None:
    paragraph(doc, "2. Целевые показатели программы", "Heading1")
    loop(doc, "indicators", "i", "{{ i.label }}. {{ i.text }}")


def methods(doc) -> None:
    paragraph(doc, "3. Методы сбора и обработки информации", "Heading1")
    loop(doc, "methods", "x", "– {{ x }}")


def stages(doc) -> None:
    paragraph(doc, "4. Сроки и этапы реализации программы", "Heading1")
    tag(doc, "{%p if period %}")
    text(doc, "Срок реализации программы: {{ period }}.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for s in stages %}")
    text(doc, "{{ s.head }}", "LeadSpaced")
    loop(doc, "s.contents", "x", "– {{ x }}")
    tag(doc, "{%p endfor %}")


def measures_and_group(doc) -> None:
    paragraph(doc, "5. Меры и мероприятия по достижению цели и задач", "Heading1")
    text(doc, "Перечень мероприятий представлен в дорожной карте реализации программы (раздел 7).")
    paragraph(doc, "6. Исполнители", "Heading1")
    text(doc, "Для управления реализацией программы создана рабочая группа, в состав которой входят:", "Lead")
    # The last section before the landscape pages moves whole: never a page of two list lines before them.
    loop(doc, "working_group[:-1]", "x", "– {{ x }}", "ListLineKeep")
    loop(doc, "working_group[-1:]", "x", "– {{ x }}")


def landscape_section(doc) -> None:
    """The pages from here on are landscape; page numbers go on from the portrait part."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, True, MARGINS)
    sect_pr = section._sectPr
    for child in (
        sect_pr.findall(qn("w:headerReference"))
        + sect_pr.findall(qn("w:footerReference"))
        + sect_pr.findall(qn("w:titlePg"))
    ):
        sect_pr.remove(child)  # no references: the header is the previous section's; no first-page exception here


def roadmap(doc) -> None:
    paragraph(doc, "7. Дорожная карта реализации программы", "Heading1")
    t = table(doc, 6, ROADMAP_WIDTHS)
    for cell, header in zip(t.rows[0].cells, ROADMAP_HEADERS):
        set_cell(cell, header, "TableHeading")
        cell_center(cell)
    mark_header_row(t.rows[0])
    # Outer loop over tasks, inner over their measures: {% vm %} merges over the
    # innermost loop, so the task's own cells span its measures (DESIGN.md §5).
    tag_row(t, 1, "{%tr for row in roadmap %}")
    tag_row(t, 2, "{%tr for m in row.measures %}")
    keep_row_on_one_page(t.rows[3])
    data = t.rows[3].cells
    # {% vm %} first in the cell and in one run; no vAlign on these cells, as
    # docxtpl appends vMerge at the end of tcPr and Word wants it before vAlign.
    set_cell(data[0], "{% vm %}{{ row.task }}")
    set_cell(data[1], "{% vm %}{{ row.results }}")
    set_cell(data[2], "{{ m.text }}")
    set_cell(data[3], "{{ m.deadline }}")
    set_cell(data[4], "{% vm %}{{ row.indicators }}")
    set_cell(data[5], "{% vm %}{{ row.responsible }}")
    tag_row(t, 4, "{%tr endfor %}")
    tag_row(t, 5, "{%tr endfor %}")


def styles() -> list[Style]:
    return base_styles(BODY_PT, TABLE_PT, approval_indent=TEXT_WIDTH - APPENDIX_WIDTH) + [
        Style("DocumentSubtitle", "Заголовок документа: организация", based_on="DocumentTitle", before=0, after=6),
        Style("Lead", "Текст перед перечнем", based_on="BodyText", keep_next=True),
        Style("LeadSpaced", "Текст перед перечнем с отбивкой", based_on="Lead", before=6),
        Style("BodySpaced", "Текст документа с отбивкой", based_on="BodyText", before=6),
    ]


def main(target: Path) -> None:
    doc = new_document(landscape=False, margins_mm=MARGINS, styles=styles())
    add_page_number_header(doc.sections[0])
    appendix_block(doc)
    title(doc)
    goal_and_tasks(doc)
    indicators(doc)
    methods(doc)
    stages(doc)
    measures_and_group(doc)
    landscape_section(doc)
    roadmap(doc)
    end_of_document(doc)
    save_template(doc, target, TITLE)


if __name__ == "__main__":
    main(Path(__file__).parents[1] / "templates" / "programme.docx")
    print("templates/programme.docx")
