"""Building blocks for the Word templates (used by the make_*_template.py scripts).

The templates are ordinary .docx files that a municipality may restyle in
Word; these scripts only make the shipped ones reproducible from code.
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"


def new_document(landscape: bool, margins_mm: tuple[int, int, int, int], body_pt: float) -> Document:
    """A4 document; margins as (top, right, bottom, left)."""
    doc = Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
    top, right, bottom, left = margins_mm
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    set_fonts(doc, body_pt)
    clear_core_properties(doc)
    return doc


def set_fonts(doc: Document, body_pt: float) -> None:
    """Times New Roman for every script, theme fonts removed, so Cyrillic never falls back."""
    styles = doc.styles.element
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in list(rfonts.attrib):
            if "Theme" in attr or "theme" in attr:
                del rfonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), FONT)
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "ru-RU")
    lang.set(qn("w:eastAsia"), "ru-RU")
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(body_pt)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    for name in ("Heading 1", "Heading 2", "Title"):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.color.rgb = None
        style.font.size = Pt(body_pt)
        style.font.bold = True
        style.font.italic = False


def clear_core_properties(doc: Document) -> None:
    """Fixed document properties: no creation time that changes the bytes."""
    props = doc.core_properties
    props.author = "neuspeh"
    props.last_modified_by = "neuspeh"
    props.title = ""
    props.comments = ""
    props.revision = 1
    import datetime

    fixed = datetime.datetime(2000, 1, 1)
    props.created = fixed
    props.modified = fixed
    props.last_printed = fixed


def paragraph(
    container,
    text: str = "",
    bold: bool = False,
    align=None,
    size: float | None = None,
    indent_left_mm: float | None = None,
    space_after: float = 0,
    space_before: float = 0,
    keep_next: bool = False,
):
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    if indent_left_mm is not None:
        p.paragraph_format.left_indent = Mm(indent_left_mm)
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(space_before)
    if keep_next:
        p.paragraph_format.keep_with_next = True
    return p


def set_cell(cell, text: str, bold: bool = False, align=WD_ALIGN_PARAGRAPH.LEFT, size: float | None = None) -> None:
    p = cell.paragraphs[0]
    p.alignment = align
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)


def mark_header_row(row) -> None:
    """Repeat this row at the top of every page (python-docx has no API for it)."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    tr_pr.append(OxmlElement("w:tblHeader"))


def keep_row_on_one_page(row) -> None:
    """A short row is not torn across a page break (a reader would miss its end)."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def set_column_widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    tbl = table._tbl
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
    tbl_pr = tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    total = OxmlElement("w:tblW")
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    total.set(qn("w:w"), str(int(Mm(sum(widths_mm)).twips)))
    total.set(qn("w:type"), "dxa")
    tbl_pr.append(total)


def set_cell_margins(table, mm: float = 1.0) -> None:
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(Mm(mm if side in ("left", "right") else 0.5).twips)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)


def remove_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def grid_table(container, rows: int, cols: int, widths_mm: list[float], align=WD_TABLE_ALIGNMENT.CENTER):
    table = container.add_table(rows=rows, cols=cols)
    table.style = "Table Grid"
    table.alignment = align
    set_column_widths(table, widths_mm)
    set_cell_margins(table)
    return table


def add_page_number_header(doc: Document, size: float) -> None:
    """PAGE field centred in the header, from page 2: the first page's header stays empty."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    header = section.header
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    run.font.size = Pt(size)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)


def vertical_align_center(cell) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    v = OxmlElement("w:vAlign")
    v.set(qn("w:val"), "center")
    tc_pr.append(v)


def merge_vertically(top_cell, bottom_cell):
    return top_cell.merge(bottom_cell)


# CT_TblPr is a sequence: Word refuses («unreadable content») children out of
# this order or repeated, which appending with python-docx easily produces.
TBL_PR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
]


def tidy_table_properties(doc: Document) -> None:
    """Keep one of each w:tblPr child (the last written wins) in schema order."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(TBL_PR_ORDER)}
    for tbl_pr in doc.element.body.iter(qn("w:tblPr")):
        last: dict[str, object] = {}
        for child in list(tbl_pr):
            last[child.tag] = child
            tbl_pr.remove(child)
        for child in sorted(last.values(), key=lambda c: rank.get(c.tag, len(rank))):
            tbl_pr.append(child)


def save_template(doc: Document, target) -> None:
    """Save with valid table properties and fixed archive dates (same script, same bytes)."""
    import sys
    from pathlib import Path

    tidy_table_properties(doc)
    doc.save(target)
    sys.path.insert(0, str(Path(__file__).parents[1] / "src"))
    from neuspeh_cli.render.engine import reproducible_zip

    Path(target).write_bytes(reproducible_zip(Path(target).read_bytes()))
