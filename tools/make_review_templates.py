"""Generate the Word templates of the institute's review: templates/review-sheets.docx and templates/review-brief.docx.

Run from the repository root: ``python tools/make_review_templates.py``.
Ordinary .docx files with Jinja tags (docxtpl) that the institute may restyle
in Word (the look lives in named styles, as in the other templates); their
values come from ``neuspeh_cli.review.word``. Layout: DESIGN.md §3 — A4
portrait, Times New Roman, margins 20/10/20/30 mm, page numbers from page 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

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
    table,
    tag,
    tag_row,
)

BODY_PT = 12
TABLE_PT = 10
MARGINS = (20, 10, 20, 30)  # top, right, bottom, left
TEXT_WIDTH = 210 - 30 - 10


def styles(body_pt: float) -> list[Style]:
    return base_styles(body_pt, TABLE_PT, approval_indent=TEXT_WIDTH - 80) + [
        Style("SheetTitle", "Экспертный лист: заголовок", based_on="DocumentTitle", page_break_before=True, before=0),
        Style("SheetSubtitle", "Экспертный лист: подзаголовок", align="center", keep_next=True, no_hyphens=True),
        # The municipality's name is a level-1 heading: one bookmark per sheet in the PDF, one entry in Word's
        # navigation.
        Style("SheetName", "Экспертный лист: муниципалитет", based_on="SheetSubtitle", bold=True, after=8, outline=0),
        Style("Verdict", "Итог экспертного листа", bold=True, before=8, keep_next=True),
        Style("Note", "Пояснение", align="both", before=6),
        # What the expert signs stays on one page with the signature: verdict, notes, scoring, signature, date.
        Style("NoteKeep", "Пояснение перед подписью", based_on="Note", keep_next=True, keep_lines=True),
        Style("SignatureKeep", "Подпись перед датой", based_on="Signature", keep_next=True),
        Style("Letterhead", "Бланк: учреждение", align="center", bold=True, after=6, keep_next=True, no_hyphens=True),
        Style("DateLine", "Дата справки", align="right", before=6, after=6, keep_next=True),
        Style("Lead", "Текст перед перечнем", based_on="BodyText", keep_next=True, before=6),
        Style("Caption", "Название таблицы", before=6, after=3, keep_next=True, no_hyphens=True),
        Style("SectionTitle", "Раздел справки", based_on="Heading1", align="left"),
        Style("AppendixTitle", "Приложение: заголовок", based_on="Heading1", page_break_before=True),
        Style("Spacer", "Отбивка", after=4),
    ]


def data_table(doc, headers: list[str], widths: list[float], loop: str, cells: list[str]) -> None:
    """A table with a header row repeated on every page and one row per item of ``loop``."""
    t = table(doc, 4, widths)
    for cell, header in zip(t.rows[0].cells, headers):
        set_cell(cell, header, "TableHeading")
        cell_center(cell)
    mark_header_row(t.rows[0])
    tag_row(t, 1, "{%tr for " + loop + " %}")
    keep_row_on_one_page(t.rows[2])
    for cell, content in zip(t.rows[2].cells, cells):
        set_cell(cell, content)
    tag_row(t, 3, "{%tr endfor %}")


def sheets(target: Path) -> None:
    doc = new_document(landscape=False, margins_mm=MARGINS, styles=styles(BODY_PT))
    add_page_number_header(doc.sections[0])
    tag(doc, "{%p for m in sheets %}")
    paragraph(doc, "ЭКСПЕРТНЫЙ ЛИСТ", "SheetTitle")
    paragraph(doc, "муниципальной дорожной карты по профилактике учебной неуспешности", "SheetSubtitle")
    paragraph(doc, "{{ m.name }}", "SheetName")
    info = table(doc, 3, [55, 115])
    tag_row(info, 0, "{%tr for r in m.info %}")
    keep_row_on_one_page(info.rows[1])
    set_cell(info.rows[1].cells[0], "{{ r.label }}")
    set_cell(info.rows[1].cells[1], "{{ r.value }}")
    tag_row(info, 2, "{%tr endfor %}")
    paragraph(doc, "", "Spacer")
    data_table(
        doc,
        ["№", "Пункт методики", "Оценка", "Обоснование (файл: строка)"],
        [8, 50, 24, 88],
        "it in m.checks",
        ["{{ it.number }}", "{{ it.title }}", "{{ it.status }}", "{{ it.reasons }}"],
    )
    paragraph(doc, "Итоговый балл: {{ m.score }}. Заключение: {{ m.verdict }}.", "Verdict")
    tag(doc, "{%p if m.notes %}")
    paragraph(doc, "Замечания по файлам муниципального образования:", "Lead")
    tag(doc, "{%p for n in m.notes %}")
    paragraph(doc, "– {{ n }}", "ListLineKeep")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    paragraph(doc, "{{ scoring }}", "NoteKeep")
    paragraph(doc, "Эксперт ____________________ / ____________________ /", "SignatureKeep")
    paragraph(doc, "«____» ______________ 20___ г.", "Note")
    tag(doc, "{%p endfor %}")
    end_of_document(doc)
    save_template(doc, target, "Шаблон экспертных листов муниципальных дорожных карт")


def brief(target: Path) -> None:
    doc = new_document(landscape=False, margins_mm=MARGINS, styles=styles(BODY_PT + 2))
    add_page_number_header(doc.sections[0])
    tag(doc, "{%p if institute %}")
    paragraph(doc, "{{ institute }}", "Letterhead")
    tag(doc, "{%p endif %}")
    paragraph(doc, "АНАЛИТИЧЕСКАЯ СПРАВКА", "DocumentTitle")
    paragraph(
        doc,
        "по результатам экспертизы муниципальных дорожных карт по профилактике учебной неуспешности",
        "SheetSubtitle",
    )
    paragraph(doc, "{{ subtitle }}", "SheetSubtitle")
    paragraph(doc, "{{ date }}", "DateLine")

    def section(number: int, title: str, key: str) -> None:
        paragraph(doc, f"{number}. {title}", "SectionTitle")
        tag(doc, "{%p for p in " + key + " %}")
        paragraph(doc, "{{ p }}", "BodyText")
        tag(doc, "{%p endfor %}")

    section(1, "Представление дорожных карт", "submission")
    section(2, "Соответствие дорожных карт методике", "compliance")
    paragraph(doc, "Таблица 1. Оценки по пунктам экспертного листа (число муниципальных образований)", "Caption")
    data_table(
        doc,
        ["Пункт экспертного листа", "выполнено", "частично", "не выполнено", "не применяется"],
        [74, 24, 24, 24, 24],
        "r in items",
        ["{{ r.title }}", "{{ r.passed }}", "{{ r.partly }}", "{{ r.failed }}", "{{ r.na }}"],
    )
    section(3, "Факторы риска учебной неуспешности", "factors_text")
    paragraph(doc, "Таблица 2. Распространённость факторов риска", "Caption")
    data_table(
        doc,
        ["№", "Фактор риска", "Муниципальных образований", "Доля", "ШНОР"],
        [10, 80, 34, 20, 26],
        "f in factors",
        ["{{ f.number }}", "{{ f.title }}", "{{ f.municipalities }}", "{{ f.share }}", "{{ f.shnor }}"],
    )
    section(4, "Мероприятия дорожных карт", "events_text")
    paragraph(doc, "Таблица 3. Самые частые формы мероприятий", "Caption")
    data_table(
        doc,
        ["Форма мероприятия", "Этап управленческого цикла", "Мероприятий", "Доля"],
        [60, 60, 26, 24],
        "f in forms",
        ["{{ f.form }}", "{{ f.stage }}", "{{ f.count }}", "{{ f.share }}"],
    )
    section(5, "Школы с низкими образовательными результатами", "shnor_text")
    section(6, "Показатели качества внутришкольных систем профилактики", "indicators_text")
    tag(doc, "{%p if reports_text %}")
    section(7, "Реализация дорожных карт и эффективность профилактики (по отчётам)", "reports_text")
    tag(doc, "{%p endif %}")
    paragraph(doc, "{{ conclusions_number }}. Выводы и рекомендации", "SectionTitle")
    tag(doc, "{%p for p in conclusions %}")
    paragraph(doc, "{{ p }}", "BodyText")
    tag(doc, "{%p endfor %}")
    paragraph(doc, "{{ position }}", "SignatureKeep")
    paragraph(doc, "{{ signatory }}", "SignatureName")
    paragraph(doc, "Приложение. Результаты экспертизы по муниципальным образованиям", "AppendixTitle")
    # Hundreds of municipalities: a sentence naming the workbook instead of dozens of pages of table.
    tag(doc, "{%p if appendix_note %}")
    paragraph(doc, "{{ appendix_note }}", "BodyText")
    tag(doc, "{%p else %}")
    data_table(
        doc,
        ["№", "Муниципальное образование", "Дорожная карта", "Балл", "Заключение"],
        [10, 70, 30, 16, 44],
        "m in municipalities",
        ["{{ m.number }}", "{{ m.name }}", "{{ m.status }}", "{{ m.score }}", "{{ m.verdict }}"],
    )
    tag(doc, "{%p endif %}")
    end_of_document(doc)
    save_template(doc, target, "Шаблон аналитической справки по экспертизе дорожных карт")


if __name__ == "__main__":
    root = Path(__file__).parents[1] / "templates"
    sheets(root / "review-sheets.docx")
    brief(root / "review-brief.docx")
    print("templates/review-sheets.docx, templates/review-brief.docx")
