"""One page for one school: its parameters, its events with dates and places, what it reports and when.

python-docx builds the page directly (there is nothing for a methodologist to
restyle here, unlike the roadmap's template); the bytes are made reproducible
like every built document.
"""

from __future__ import annotations

import io
from typing import Any

from .facts import SchoolView

FONT = "Times New Roman"
SMALL = 9  # pt in the tables: a ШНОР with fifteen events still gets one page


def sheet_docx(view: SchoolView, roadmap: Any, form_name: str) -> bytes:
    from docx import Document

    document = Document()
    _page_and_styles(document)
    _title(document, view, roadmap)
    document.add_heading("Выявленные параметры (раздел I дорожной карты)", level=2)
    if view.findings:
        _table(document, ["Код", "Параметр"], [[code, title] for code, title in view.findings], [12, 163])
    else:
        document.add_paragraph("В разделе I школа не названа.")

    document.add_heading("Мероприятия дорожной карты с участием школы", level=2)
    if view.events:
        rows = [
            [
                f"{item.number}.",
                f"{item.event.name} ({item.event.form})" if item.event.form else item.event.name,
                item.event.dates,
                item.event.place,
            ]
            for item in view.events
        ]
        _table(document, ["№", "Мероприятие (форма)", "Сроки", "Место"], rows, [9, 104, 30, 32])
    else:
        document.add_paragraph("Мероприятий с участием школы в дорожной карте нет.")
    _what_school_reports(document, view, form_name)
    return _package(document, view, roadmap)


def _page_and_styles(document: Any) -> None:
    """A4 portrait, Times New Roman throughout, headings kept with what follows."""
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = (
        Mm(25),
        Mm(10),
        Mm(10),
        Mm(10),
    )
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    for style in ("Heading 1", "Heading 2"):
        heading = document.styles[style]
        heading.font.name, heading.font.color.rgb, heading.font.bold = FONT, None, True
        heading.font.size = Pt(12.5 if style == "Heading 1" else 11)
        fonts = heading.element.rPr.rFonts
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            # The default template's headings take the theme's sans-serif font, which overrides the named one.
            fonts.attrib.pop(qn(theme), None)
        for attribute in ("w:eastAsia", "w:hAnsi", "w:ascii", "w:cs"):
            fonts.set(qn(attribute), FONT)
        heading.paragraph_format.space_before = Pt(6 if style == "Heading 2" else 0)
        heading.paragraph_format.space_after = Pt(3)
        heading.paragraph_format.keep_with_next = True


def _title(document: Any, view: SchoolView, roadmap: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from ..render.typography import nbsp

    period = roadmap.document.period_title
    title = document.add_heading(
        nbsp(f"{view.school.name}: участие в муниципальной дорожной карте по профилактике учебной неуспешности"),
        level=1,
    )
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    status = "школа с низкими образовательными результатами (ШНОР)" if view.shnor else "общеобразовательная организация"
    line = document.add_paragraph(nbsp(f"{roadmap.document.municipality}, {period}; {status}."))
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(document: Any, headers: list[str], rows: list[list[str]], widths: list[float]) -> None:
    """A grid with a bold header row repeated on every page; rows are never split across pages."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    from ..render.typography import nbsp

    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for column, width in zip(grid.columns, widths):
        column.width = Mm(width)  # the grid: LibreOffice lays a table out by it, not by the cells
    for cell, text, width in zip(grid.rows[0].cells, headers, widths):
        cell.width = Mm(width)
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(SMALL)
    repeat = grid.rows[0]._tr.get_or_add_trPr()
    repeat.append(repeat.makeelement(qn("w:tblHeader"), {}))
    for values in rows:
        row = grid.add_row()
        row_props = row._tr.get_or_add_trPr()
        row_props.append(row_props.makeelement(qn("w:cantSplit"), {}))
        cells = row.cells
        for cell, text, width in zip(cells, values, widths):
            cell.width = Mm(width)
            cell.paragraphs[0].add_run(nbsp(text)).font.size = Pt(SMALL)


def _what_school_reports(document: Any, view: SchoolView, form_name: str) -> None:
    """The indicators to fill in the monitoring form; a ШНОР also reports its participation and its programme."""
    from docx.shared import Pt

    from ..render.typography import nbsp

    document.add_heading("Что школа представляет", level=2)
    rounds = ", ".join(name for name, _ in view.rounds) or "в сроки мониторинга"
    document.add_paragraph(
        nbsp(
            f"Значения показателей качества внутришкольной системы профилактики на срезы мониторинга ({rounds}) — в "
            f"форме «{form_name}»:"
        )
    )
    if view.indicators:
        _table(document, ["Показатель", "Единица"], [[q.text, q.unit] for q in view.indicators], [157, 18])
    others = []
    if view.shnor and view.events:
        count = len(view.events)
        others.append(
            f"Сколько человек от школы участвовало в каждом из {count} {_genitive(count)} — там же, лист «Участие»."
        )
    if view.shnor:
        others.append(
            "Внутришкольную программу профилактики учебной неуспешности, разработанную по результатам самодиагностики."
        )
    for text in others:
        document.add_paragraph(nbsp(text)).paragraph_format.space_before = Pt(3)


def _package(document: Any, view: SchoolView, roadmap: Any) -> bytes:
    """The saved page with its properties, as reproducible bytes."""
    import datetime as dt

    from ..render.engine import reproducible_zip
    from ..render.package import DocumentProperties, finish_package

    buffer = io.BytesIO()
    document.save(buffer)
    year = roadmap.document.first_year
    properties = DocumentProperties(
        title=f"{view.school.name}: участие в дорожной карте",
        subject="Лист школы",
        author=roadmap.document.body or roadmap.document.municipality,
        date=dt.date(year, 1, 1),
    )
    return reproducible_zip(finish_package(buffer.getvalue(), properties, layout=False))


def _genitive(n: int) -> str:
    return "мероприятия" if n % 10 == 1 and n % 100 != 11 else "мероприятий"
