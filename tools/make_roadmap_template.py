"""Generate templates/roadmap.docx, the Word template of the municipal roadmap.

Run from the repository root: ``python tools/make_roadmap_template.py``.
The result is an ordinary .docx with Jinja tags (docxtpl) whose look lives in
named styles; a municipality may restyle a copy in Word and pass it with
``neuspeh build --template``. Its values come from
``neuspeh_cli.render.roadmap.roadmap_context`` (docs/templates.md lists them).
Layout: DESIGN.md §3 (A4 landscape, Times New Roman, ГОСТ Р 7.0.97-2025 margins).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from docx_helpers import (
    add_page_number_header,
    base_styles,
    cell_bottom,
    cell_center,
    end_of_document,
    keep_row_on_one_page,
    lines_in_one_paragraph,
    mark_header_row,
    new_document,
    paragraph,
    set_cell,
    table,
    tag,
    tag_row,
)

from neuspeh_cli.render.roadmap import (
    INDICATOR_WIDTHS,
    MEASURES_WIDTHS,
    SECTION1_WIDTHS,
    SECTION2_WIDTHS,
    TABLE_PT,
    TEXT_WIDTH,
)

BODY_PT = 12
APPROVAL_WIDTH = 80  # mm: the approval block's lines stay within 8 cm
TITLE = "Шаблон дорожной карты по профилактике учебной неуспешности"


def approval_block(doc) -> None:
    tag(doc, "{%p if approval %}")
    tag(doc, "{%p for line in approval.lines %}")
    paragraph(doc, "{{ line }}", "ApprovalStamp")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if approval.signed %}")
    paragraph(doc, "_______________ {{ approval.name }}", "ApprovalSignature")
    paragraph(doc, "{{ approval.date }}", "ApprovalSignature")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


def title(doc) -> None:
    lines_in_one_paragraph(
        doc,
        [
            "Дорожная карта",
            "по профилактике учебной неуспешности",
            "в муниципальном образовании {{ municipality }}",
            "на {{ period }}",
        ],
        "DocumentTitle",
    )


def section_one(doc) -> None:
    paragraph(doc, "I. Результаты входного аудита", "Heading1")
    t = table(doc, 7, SECTION1_WIDTHS)
    head1, head2 = t.rows[0], t.rows[1]
    set_cell(head1.cells[0], "№", "TableHeading")
    set_cell(head1.cells[1], "Фактор негативного влияния (риска)", "TableHeading")
    set_cell(head1.cells[4], "{{ schools_header }}", "TableHeading")
    set_cell(head2.cells[1], "наименование фактора", "TableHeading")
    set_cell(head2.cells[2], "параметры", "TableHeading")
    set_cell(head2.cells[3], "код параметра", "TableHeading")
    head1.cells[1].merge(head1.cells[3])
    for column in (0, 4):
        merged = head1.cells[column].merge(head2.cells[column])
        cell_center(merged)
    mark_header_row(head1)
    mark_header_row(head2)
    tag_row(t, 2, "{%tr for factor in section1 %}")
    tag_row(t, 3, "{%tr for row in factor.rows %}")
    keep_row_on_one_page(t.rows[4])
    data = t.rows[4].cells
    # {% vm %} first in the cell, in one run: the factor's cells merge over its parameters.
    set_cell(data[0], "{% vm %}{{ factor.number }}", "TableTextCentered")
    set_cell(data[1], "{% vm %}{{ factor.title }}")
    set_cell(data[2], "{{ row.title }}")
    set_cell(data[3], "{{ row.code }}", "TableTextCentered")
    set_cell(data[4], "{{ row.schools }}")
    tag_row(t, 5, "{%tr endfor %}")
    tag_row(t, 6, "{%tr endfor %}")


def section_two(doc) -> None:
    paragraph(doc, "II. Муниципальная дорожная карта по профилактике учебной неуспешности на {{ period }}", "Heading1")
    headers = [
        "№",
        "Мероприятие",
        "Форма",
        "Код параметра",
        "Контингент",
        "Место проведения",
        "Дата проведения",
        "Ответственные",
    ]
    t = table(doc, 4, SECTION2_WIDTHS)
    for cell, text in zip(t.rows[0].cells, headers):
        set_cell(cell, text, "TableHeading")
        cell_center(cell)
    mark_header_row(t.rows[0])
    tag_row(t, 1, "{%tr for e in section2 %}")
    keep_row_on_one_page(t.rows[2])
    fields = ["number", "name", "form", "codes", "contingent", "place", "dates", "responsible"]
    for cell, field in zip(t.rows[2].cells, fields):
        set_cell(cell, "{{ e.%s }}" % field, "TableTextCentered" if field in ("number", "codes") else "TableText")
    tag_row(t, 3, "{%tr endfor %}")


def monitoring(doc) -> None:
    tag(doc, "{%p if monitoring.events %}")
    paragraph(
        doc,
        "Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности: {{ "
        "monitoring.events }}.",
        "Monitoring",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if monitoring.indicators %}")
    paragraph(doc, "Показатели качества внутришкольных систем профилактики учебной неуспешности", "Heading2")
    tag(doc, "{%p if monitoring.indicator_table %}")
    headers = [
        "№",
        "Показатель",
        "Единица измерения",
        "Исходное значение",
        "Целевое значение",
        "Источник данных",
        "Периодичность",
    ]
    t = table(doc, 4, INDICATOR_WIDTHS)
    for cell, text in zip(t.rows[0].cells, headers):
        set_cell(cell, text, "TableHeading")
        cell_center(cell)
    mark_header_row(t.rows[0])
    tag_row(t, 1, "{%tr for x in monitoring.indicators %}")
    keep_row_on_one_page(t.rows[2])
    fields = ["number", "text", "unit", "baseline", "target", "source", "frequency"]
    for cell, field in zip(t.rows[2].cells, fields):
        set_cell(
            cell, "{{ x.%s }}" % field, "TableText" if field in ("text", "source", "frequency") else "TableTextCentered"
        )
    tag_row(t, 3, "{%tr endfor %}")
    tag(doc, "{%p else %}")
    tag(doc, "{%p for x in monitoring.indicators %}")
    paragraph(doc, "{{ x.number }}. {{ x.text }}", "ListLine")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


def abbreviations(doc) -> None:
    tag(doc, "{%p if abbreviations %}")
    paragraph(doc, "Перечень сокращений", "Heading1")
    tag(doc, "{%p for a in abbreviations[:-3] %}")
    paragraph(doc, "{{ a.short }} – {{ a.full }}", "Abbreviation")
    tag(doc, "{%p endfor %}")
    # The last lines travel with the signature below: a signature alone on a page signs nothing.
    tag(doc, "{%p for a in abbreviations[-3:] %}")
    paragraph(doc, "{{ a.short }} – {{ a.full }}", "AbbreviationKeep")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def signature(doc) -> None:
    tag(doc, "{%p if signature %}")
    t = table(doc, 1, [170, TEXT_WIDTH - 170], style="PlainTable")
    keep_row_on_one_page(t.rows[0])  # a position torn from its name is not a signature
    set_cell(t.rows[0].cells[0], "{{ signature.position }}", "Signature")
    set_cell(t.rows[0].cells[1], "{{ signature.name }}", "SignatureName")
    cell_bottom(t.rows[0].cells[1])  # ГОСТ: the name on the level of the position's last line
    tag(doc, "{%p endif %}")


def measures_appendix(doc) -> None:
    tag(doc, "{%p if with_measures %}")
    paragraph(doc, "Приложение", "AppendixMark")
    paragraph(doc, "Рекомендуемые меры профилактики по выявленным параметрам", "Heading1")
    paragraph(
        doc,
        "(по «Конструктору формирования системы программных мероприятий по профилактике учебной неуспешности»)",
        "Subtitle",
    )
    t = table(doc, 4, MEASURES_WIDTHS)
    for cell, text in zip(t.rows[0].cells, ["Код параметра", "Параметр", "На уровне муниципалитета", "На уровне ОО"]):
        set_cell(cell, text, "TableHeading")
        cell_center(cell)
    mark_header_row(t.rows[0])
    tag_row(t, 1, "{%tr for m in measures %}")
    for cell, field in zip(t.rows[2].cells, ["code", "title", "municipal", "school"]):
        set_cell(cell, "{{ m.%s }}" % field, "TableTextCentered" if field == "code" else "TableText")
    tag_row(t, 3, "{%tr endfor %}")
    tag(doc, "{%p endif %}")


def styles():
    from docx_helpers import Style

    return base_styles(BODY_PT, TABLE_PT, approval_indent=TEXT_WIDTH - APPROVAL_WIDTH) + [
        Style("Monitoring", "Мониторинг", based_on="BodyText", before=12),
        Style("Abbreviation", "Сокращение"),
        Style("AbbreviationKeep", "Сокращение перед подписью", based_on="Abbreviation", keep_next=True),
        Style("AppendixMark", "Приложение", align="right", bold=True, page_break_before=True, keep_next=True),
        Style("Subtitle", "Подзаголовок", align="center", after=6, keep_next=True, no_hyphens=True),
    ]


def main(target: Path) -> None:
    doc = new_document(landscape=True, margins_mm=(20, 10, 20, 25), styles=styles())
    add_page_number_header(doc.sections[0])
    approval_block(doc)
    title(doc)
    section_one(doc)
    section_two(doc)
    monitoring(doc)
    abbreviations(doc)
    signature(doc)
    measures_appendix(doc)
    end_of_document(doc)
    from docx_helpers import save_template

    save_template(doc, target, TITLE)


if __name__ == "__main__":
    main(Path(__file__).parents[1] / "templates" / "roadmap.docx")
    print("templates/roadmap.docx")
