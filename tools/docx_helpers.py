"""Building blocks for the Word templates (used by the make_*_template.py scripts).

The templates are masters a methodologist edits in Word: every paragraph and
table takes its look from a named style («Текст таблицы», «Шапка таблицы»,
«Гриф утверждения», «Подпись», Heading 1 for section titles…), never from
direct formatting, so restyling the document is editing a handful of styles
(Главная → Стили). The Jinja tags sit in paragraphs of the style «Тег шаблона»
and, in tables, in rows merged across the whole width, where they can be read.
These scripts only make the shipped templates reproducible from code; a test
proves that their output equals the committed files.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

sys.path.insert(0, str(Path(__file__).parents[1] / "src"))

from neuspeh_cli.render.package import DocumentProperties, finish_package, insert_in_order

FONT = "Times New Roman"
LANG = "ru-RU"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def twips(mm: float) -> int:
    return int(Mm(mm).twips)


# ---------------------------------------------------------------- styles


@dataclass
class Style:
    """A style as Word stores it: id (ASCII, stable), name shown in Word, and its properties."""

    id: str
    name: str
    kind: str = "paragraph"  # paragraph | character | table
    based_on: str | None = "Normal"
    next: str | None = None
    builtin: bool = False
    default: bool = False
    size: float | None = None  # pt
    bold: bool = False
    italic: bool = False
    color: str | None = None
    align: str | None = None  # left | center | right | both
    indent_left: float | None = None  # mm
    indent_right: float | None = None
    first_line: float | None = None  # mm
    before: float | None = None  # pt
    after: float | None = None  # pt
    line_exact: float | None = None  # pt
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    no_hyphens: bool = False
    outline: int | None = None
    table_borders: bool = False
    cell_margins: tuple[float, float] | None = None  # (top/bottom, left/right) mm
    extra_ppr: list[str] = field(default_factory=list)

    def xml(self) -> str:
        attrs = (
            f'w:type="{self.kind}"'
            + (' w:default="1"' if self.default else "")
            + ("" if self.builtin else ' w:customStyle="1"')
            + f' w:styleId="{self.id}"'
        )
        parts = [f"<w:name w:val={quoteattr(self.name)}/>"]
        if self.based_on:
            parts.append(f'<w:basedOn w:val="{self.based_on}"/>')
        if self.next:
            parts.append(f'<w:next w:val="{self.next}"/>')
        parts.append("<w:qFormat/>")
        ppr = []
        if self.keep_next:
            ppr.append("<w:keepNext/>")
        if self.keep_lines:
            ppr.append("<w:keepLines/>")
        if self.page_break_before:
            ppr.append("<w:pageBreakBefore/>")
        if self.no_hyphens:
            ppr.append("<w:suppressAutoHyphens/>")
        if self.before is not None or self.after is not None or self.line_exact is not None:
            spacing = ""
            if self.before is not None:
                spacing += f' w:before="{round(self.before * 20)}"'
            if self.after is not None:
                spacing += f' w:after="{round(self.after * 20)}"'
            if self.line_exact is not None:
                spacing += f' w:line="{round(self.line_exact * 20)}" w:lineRule="exact"'
            ppr.append(f"<w:spacing{spacing}/>")
        if self.indent_left is not None or self.indent_right is not None or self.first_line is not None:
            ind = ""
            if self.indent_left is not None:
                ind += f' w:left="{twips(self.indent_left)}"'
            if self.indent_right is not None:
                ind += f' w:right="{twips(self.indent_right)}"'
            if self.first_line is not None:
                ind += f' w:firstLine="{twips(self.first_line)}"'
            ppr.append(f"<w:ind{ind}/>")
        if self.align:
            ppr.append(f'<w:jc w:val="{self.align}"/>')
        if self.outline is not None:
            ppr.append(f'<w:outlineLvl w:val="{self.outline}"/>')
        ppr += self.extra_ppr
        if ppr and self.kind != "character":
            parts.append("<w:pPr>" + "".join(ppr) + "</w:pPr>")
        rpr = []
        if self.bold:
            rpr.append("<w:b/><w:bCs/>")
        if self.italic:
            rpr.append("<w:i/><w:iCs/>")
        if self.color:
            rpr.append(f'<w:color w:val="{self.color}"/>')
        if self.size:
            rpr.append(f'<w:sz w:val="{round(self.size * 2)}"/><w:szCs w:val="{round(self.size * 2)}"/>')
        if rpr:
            parts.append("<w:rPr>" + "".join(rpr) + "</w:rPr>")
        if self.kind == "table":
            tbl = []
            if self.table_borders:
                sides = "".join(
                    f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                    for s in ("top", "left", "bottom", "right", "insideH", "insideV")
                )
                tbl.append(f"<w:tblBorders>{sides}</w:tblBorders>")
            if self.cell_margins:
                v, h = (twips(x) for x in self.cell_margins)
                tbl.append(
                    f'<w:tblCellMar><w:top w:w="{v}" w:type="dxa"/><w:left w:w="{h}" w:type="dxa"/><w:bottom '
                    f'w:w="{v}" w:type="dxa"/><w:right w:w="{h}" w:type="dxa"/></w:tblCellMar>'
                )
            parts.append("<w:tblPr>" + "".join(tbl) + "</w:tblPr>")
        return f"<w:style {nsdecls('w')} {attrs}>" + "".join(parts) + "</w:style>"


def base_styles(body_pt: float, table_pt: float, approval_indent: float) -> list[Style]:
    """The styles both templates share; section titles are Heading 1/2 so PDF bookmarks come out."""
    return [
        Style("Normal", "Normal", builtin=True, default=True, based_on=None, size=body_pt, before=0, after=0),
        Style(
            "DefaultParagraphFont",
            "Default Paragraph Font",
            kind="character",
            builtin=True,
            default=True,
            based_on=None,
        ),
        Style(
            "TableNormal",
            "Normal Table",
            kind="table",
            builtin=True,
            default=True,
            based_on=None,
            cell_margins=(0, 1.9),
        ),
        Style(
            "Heading1",
            "heading 1",
            builtin=True,
            next="Normal",
            bold=True,
            align="center",
            before=12,
            after=6,
            keep_next=True,
            keep_lines=True,
            no_hyphens=True,
            outline=0,
        ),
        Style(
            "Heading2",
            "heading 2",
            builtin=True,
            next="Normal",
            bold=True,
            align="center",
            before=12,
            after=6,
            keep_next=True,
            keep_lines=True,
            no_hyphens=True,
            outline=1,
        ),
        Style("Header", "header", builtin=True, align="center"),
        Style(
            "DocumentTitle",
            "Заголовок документа",
            bold=True,
            size=body_pt + 2,
            align="center",
            before=12,
            after=6,
            keep_next=True,
            keep_lines=True,
            no_hyphens=True,
        ),
        Style("ApprovalStamp", "Гриф утверждения", indent_left=approval_indent, no_hyphens=True, keep_next=True),
        Style("ApprovalSignature", "Гриф утверждения: подпись и дата", based_on="ApprovalStamp", before=6),
        Style("BodyText", "Текст документа", align="both", first_line=12.5),
        Style("ListLine", "Строка перечня", align="both", first_line=12.5),
        Style("ListLineKeep", "Строка перечня перед подписью", based_on="ListLine", keep_next=True),
        Style("TableText", "Текст таблицы", size=table_pt),
        Style("TableTextCentered", "Текст таблицы по центру", based_on="TableText", align="center"),
        Style(
            "TableHeading", "Шапка таблицы", size=table_pt, bold=True, align="center", no_hyphens=True, keep_next=True
        ),
        Style("Signature", "Подпись", before=24, no_hyphens=True),
        Style("SignatureName", "Подпись: инициалы и фамилия", based_on="Signature", align="right"),
        Style("TemplateTag", "Тег шаблона", size=8, color="7F7F7F", no_hyphens=True),
        Style("DocumentEnd", "Конец документа", size=1, line_exact=1),
        Style(
            "DocumentTable",
            "Таблица документа",
            kind="table",
            based_on="TableNormal",
            table_borders=True,
            cell_margins=(0.5, 1.0),
        ),
        Style("PlainTable", "Таблица без границ", kind="table", based_on="TableNormal", cell_margins=(0, 0)),
    ]


def install_styles(doc: Document, styles: list[Style]) -> None:
    """Replace every style of python-docx's default template with ``styles``; keep Word's latent list."""
    root = doc.styles.element
    for old in root.findall(qn("w:style")):
        root.remove(old)
    defaults = root.find(qn("w:docDefaults"))
    root.remove(defaults)
    defaults = parse_xml(
        f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        f'<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="{LANG}" w:eastAsia="{LANG}" w:bidi="ar-SA"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
    )
    root.insert(0, defaults)
    for style in styles:
        root.append(parse_xml(style.xml()))


# ---------------------------------------------------------------- document


def new_document(landscape: bool, margins_mm: tuple[int, int, int, int], styles: list[Style]) -> Document:
    """A4 document with ``styles``; margins as (top, right, bottom, left)."""
    doc = Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    install_styles(doc, styles)
    set_page(doc.sections[0], landscape, margins_mm)
    settings(doc)
    return doc


def set_page(section, landscape: bool, margins_mm: tuple[int, int, int, int]) -> None:
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


def settings(doc: Document) -> None:
    """Russian hyphenation on (LibreOffice uses Debian's hyphen-ru), Russian theme-font language, no preview picture."""
    from neuspeh_cli.render.package import SETTINGS_ORDER

    root = doc.settings.element
    for name in ("savePreviewPicture", "rsids", "proofState", "attachedTemplate"):
        for old in root.findall(qn(f"w:{name}")):
            root.remove(old)
    if root.find(qn("w:autoHyphenation")) is None:
        insert_in_order(root, OxmlElement("w:autoHyphenation"), SETTINGS_ORDER)
    theme_lang = root.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANG)
        theme_lang.attrib.pop(qn("w:eastAsia"), None)
    for name, value in (("decimalSymbol", ","), ("listSeparator", ";")):
        element = root.find(qn(f"w:{name}"))
        if element is not None:
            element.set(qn("w:val"), value)


def paragraph(container, text: str = "", style: str = "Normal"):
    p = container.add_paragraph()
    set_style(p, style)
    if text:
        p.add_run(text)
    return p


def lines_in_one_paragraph(container, lines: list[str], style: str):
    """One paragraph, its lines separated by line breaks (a heading stays one heading in Word and in PDF bookmarks)."""
    p = paragraph(container, "", style)
    for i, line in enumerate(lines):
        run = p.add_run(line)
        if i < len(lines) - 1:
            run.add_break()
    return p


def set_style(p, style_id: str) -> None:
    """The paragraph's style by id (python-docx looks styles up by English name only)."""
    ppr = p._p.get_or_add_pPr()
    for old in ppr.findall(qn("w:pStyle")):
        ppr.remove(old)
    if style_id != "Normal":
        element = OxmlElement("w:pStyle")
        element.set(qn("w:val"), style_id)
        ppr.insert(0, element)
    if not len(ppr):
        p._p.remove(ppr)


def tag(container, text: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears on render."""
    paragraph(container, text, "TemplateTag")


def set_cell(cell, text: str, style: str = "TableText") -> None:
    p = cell.paragraphs[0]
    set_style(p, style)
    if text:
        p.add_run(text)


def table(container, rows: int, widths_mm: list[float], style: str = "DocumentTable"):
    t = container.add_table(rows=rows, cols=len(widths_mm))
    tbl_pr = t._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblStyle")):
        tbl_pr.remove(old)
    style_el = OxmlElement("w:tblStyle")
    style_el.set(qn("w:val"), style)
    tbl_pr.insert(0, style_el)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_column_widths(t, widths_mm)
    return t


def tag_row(t, index: int, text: str) -> None:
    """A table row holding only a docxtpl row tag ({%tr … %}), its cells merged so the tag reads in one line."""
    row = t.rows[index]
    merged = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
    set_cell(merged, text, "TemplateTag")


def mark_header_row(row) -> None:
    """Repeat this row at the top of every page (python-docx has no API for it)."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    tr_pr.append(OxmlElement("w:tblHeader"))


def keep_row_on_one_page(row) -> None:
    """A row is not torn across a page break (a reader would miss its end)."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def set_column_widths(t, widths_mm: list[float]) -> None:
    t.autofit = False
    tbl = t._tbl
    for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths_mm):
        col.set(qn("w:w"), str(twips(width)))
    for row in t.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
    tbl_pr = tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(twips(sum(widths_mm))))
    total.set(qn("w:type"), "dxa")
    tbl_pr.append(total)


def cell_bottom(cell) -> None:
    v = OxmlElement("w:vAlign")
    v.set(qn("w:val"), "bottom")
    cell._tc.get_or_add_tcPr().append(v)


def cell_center(cell) -> None:
    v = OxmlElement("w:vAlign")
    v.set(qn("w:val"), "center")
    cell._tc.get_or_add_tcPr().append(v)


def add_page_number_header(section) -> None:
    """PAGE field in the header (style «header», centred), from page 2: the first page's header stays empty."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    set_style(p, "Header")
    run = p.add_run()
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
    set_style(section.first_page_header.paragraphs[0], "Header")


def end_of_document(doc: Document) -> None:
    """The body ends with a one-point paragraph, not a table: Word would add a full-size one that may spill onto a blank
    page.
    """
    paragraph(doc, "", "DocumentEnd")


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
TC_PR_ORDER = [
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
]


def _tidy(doc: Document, tag_name: str, order: list[str]) -> None:
    """Keep one of each child (the last written wins) in schema order."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
    for props in doc.element.body.iter(qn(f"w:{tag_name}")):
        last: dict[str, object] = {}
        for child in list(props):
            last[child.tag] = child
            props.remove(child)
        for child in sorted(last.values(), key=lambda c: rank.get(c.tag, len(rank))):
            props.append(child)


def _drop_unused_parts(doc: Document) -> None:
    """python-docx's default template carries a bibliography customXml part the templates never use."""
    part = doc.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/customXml"):
            del part.rels[rel_id]


def save_template(doc: Document, target: Path, title: str) -> None:
    """Save with valid properties in schema order and a finished, reproducible package (same script, same bytes)."""
    import datetime
    import io

    from neuspeh_cli.render.engine import reproducible_zip

    _tidy(doc, "tblPr", TBL_PR_ORDER)
    _tidy(doc, "tcPr", TC_PR_ORDER)
    _drop_unused_parts(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    properties = DocumentProperties(
        title=title, subject="Шаблон документа neuspeh (docxtpl)", author="neuspeh", date=datetime.date(2025, 1, 1)
    )
    Path(target).write_bytes(reproducible_zip(finish_package(buffer.getvalue(), properties, layout=False)))
