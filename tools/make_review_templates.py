"""Generate the Word templates of the institute's review: templates/review-sheets.docx and templates/review-brief.docx.

Run from the repository root: ``python tools/make_review_templates.py``.
Ordinary .docx files with Jinja tags (docxtpl) that the institute may restyle
in Word; their values come from ``neuspeh_cli.review.word``. Layout: DESIGN.md
§3 — A4 portrait, Times New Roman, margins 20/10/20/30 mm, page numbers from
page 2.
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

BODY_PT = 12
TABLE_PT = 10
INDENT = 12.5
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT


def tag(doc, text: str) -> None:
    paragraph(doc, text)


def text(doc, content: str, indent: bool = True, space_before: float = 0, keep_next: bool = False, bold: bool = False):
    p = paragraph(doc, content, align=JUSTIFY, space_before=space_before, keep_next=keep_next, bold=bold)
    if indent:
        p.paragraph_format.first_line_indent = Mm(INDENT)
    return p


def heading(doc, content: str) -> None:
    paragraph(doc, content, bold=True, align=LEFT, space_before=12, space_after=6, keep_next=True)


def table(doc, headers: list[str], widths: list[float], loop: str, cells: list[str], caption: str = "") -> None:
    """A table with a repeated header row and one row per item of ``loop`` («x in items»)."""
    if caption:
        paragraph(doc, caption, align=LEFT, space_before=6, space_after=3, keep_next=True)
    t = grid_table(doc, 4, len(headers), widths)
    for cell, header in zip(t.rows[0].cells, headers):
        set_cell(cell, header, bold=True, align=CENTER, size=TABLE_PT)
        vertical_align_center(cell)
    mark_header_row(t.rows[0])
    set_cell(t.rows[1].cells[0], "{%tr for " + loop + " %}")
    keep_row_on_one_page(t.rows[2])
    for cell, content in zip(t.rows[2].cells, cells):
        set_cell(cell, content, size=TABLE_PT)
    set_cell(t.rows[3].cells[0], "{%tr endfor %}")


def sheets(target: Path) -> None:
    doc = new_document(landscape=False, margins_mm=(20, 10, 20, 30), body_pt=BODY_PT)
    add_page_number_header(doc, 12)
    tag(doc, "{%p for m in sheets %}")
    head = paragraph(doc, "ЭКСПЕРТНЫЙ ЛИСТ", bold=True, align=CENTER, size=14, keep_next=True)
    head.paragraph_format.page_break_before = True
    paragraph(doc, "муниципальной дорожной карты по профилактике учебной неуспешности", align=CENTER, keep_next=True)
    paragraph(doc, "{{ m.name }}", bold=True, align=CENTER, space_after=8, keep_next=True)
    info = grid_table(doc, 3, 2, [55, 115])
    set_cell(info.rows[0].cells[0], "{%tr for r in m.info %}")
    keep_row_on_one_page(info.rows[1])
    set_cell(info.rows[1].cells[0], "{{ r.label }}", size=TABLE_PT)
    set_cell(info.rows[1].cells[1], "{{ r.value }}", size=TABLE_PT)
    set_cell(info.rows[2].cells[0], "{%tr endfor %}")
    paragraph(doc, "", space_after=4)
    table(
        doc,
        ["№", "Пункт методики", "Оценка", "Обоснование (файл: строка)"],
        [8, 50, 24, 88],
        "it in m.checks",
        ["{{ it.number }}", "{{ it.title }}", "{{ it.status }}", "{{ it.reasons }}"],
    )
    text(doc, "Итоговый балл: {{ m.score }}. Заключение: {{ m.verdict }}.", indent=False, space_before=8, bold=True)
    tag(doc, "{%p if m.notes %}")
    text(doc, "Замечания по файлам муниципального образования:", indent=False, space_before=6, keep_next=True)
    tag(doc, "{%p for n in m.notes %}")
    text(doc, "– {{ n }}", indent=False)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    text(doc, "{{ scoring }}", indent=False, space_before=8)
    sign = paragraph(doc, "Эксперт ____________________ / ____________________ /", space_before=24)
    sign.paragraph_format.keep_with_next = True
    paragraph(doc, "«____» ______________ 20___ г.", space_before=8)
    tag(doc, "{%p endfor %}")
    save_template(doc, target)


def brief(target: Path) -> None:
    doc = new_document(landscape=False, margins_mm=(20, 10, 20, 30), body_pt=BODY_PT + 2)
    add_page_number_header(doc, 12)
    paragraph(doc, "АНАЛИТИЧЕСКАЯ СПРАВКА", bold=True, align=CENTER)
    paragraph(doc, "по результатам экспертизы муниципальных дорожных карт", bold=True, align=CENTER)
    paragraph(doc, "по профилактике учебной неуспешности", bold=True, align=CENTER)
    paragraph(doc, "{{ subtitle }}", align=CENTER, space_after=12)

    def section(number: int, title: str, key: str) -> None:
        heading(doc, f"{number}. {title}")
        tag(doc, "{%p for p in " + key + " %}")
        text(doc, "{{ p }}")
        tag(doc, "{%p endfor %}")

    section(1, "Представление дорожных карт", "submission")
    section(2, "Соответствие дорожных карт методике", "compliance")
    table(
        doc,
        ["Пункт экспертного листа", "выполнено", "частично", "не выполнено", "не применяется"],
        [74, 24, 24, 24, 24],
        "r in items",
        ["{{ r.title }}", "{{ r.passed }}", "{{ r.partly }}", "{{ r.failed }}", "{{ r.na }}"],
        caption="Таблица 1. Оценки по пунктам экспертного листа (число муниципальных образований)",
    )
    section(3, "Факторы риска учебной неуспешности", "factors_text")
    table(
        doc,
        ["№", "Фактор риска", "Муниципальных образований", "Доля", "ШНОР"],
        [10, 80, 34, 20, 26],
        "f in factors",
        ["{{ f.number }}", "{{ f.title }}", "{{ f.municipalities }}", "{{ f.share }}", "{{ f.shnor }}"],
        caption="Таблица 2. Распространённость факторов риска",
    )
    section(4, "Мероприятия дорожных карт", "events_text")
    table(
        doc,
        ["Форма мероприятия", "Этап управленческого цикла", "Мероприятий", "Доля"],
        [60, 60, 26, 24],
        "f in forms",
        ["{{ f.form }}", "{{ f.stage }}", "{{ f.count }}", "{{ f.share }}"],
        caption="Таблица 3. Самые частые формы мероприятий",
    )
    section(5, "Школы с низкими образовательными результатами", "shnor_text")
    section(6, "Показатели качества внутришкольных систем профилактики", "indicators_text")
    section(7, "Выводы и рекомендации", "conclusions")
    head = paragraph(doc, "Приложение", bold=True, align=LEFT, keep_next=True)
    head.paragraph_format.page_break_before = True
    paragraph(doc, "Результаты экспертизы по муниципальным образованиям", bold=True, align=CENTER, space_after=6, keep_next=True)
    table(
        doc,
        ["№", "Муниципальное образование", "Дорожная карта", "Балл", "Заключение"],
        [10, 70, 30, 16, 44],
        "m in municipalities",
        ["{{ m.number }}", "{{ m.name }}", "{{ m.status }}", "{{ m.score }}", "{{ m.verdict }}"],
    )
    save_template(doc, target)


if __name__ == "__main__":
    root = Path(__file__).parents[1] / "templates"
    sheets(root / "review-sheets.docx")
    brief(root / "review-brief.docx")
    print("templates/review-sheets.docx, templates/review-brief.docx")
