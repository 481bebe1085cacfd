"""Word (.docx) → ``Source``: python-docx opens the package, our own walk reads the XML.

Why not python-docx's cell API or docx2python: a continued vertical merge is
written both as ``<w:vMerge/>`` (Word) and ``<w:vMerge w:val="continue"/>``
(LibreOffice and others), and docx2python blanks the second; nested tables come
out as separate tables there; python-docx's per-cell objects cost about 2 ms a
row. Reading the elements directly handles both notations, ``gridSpan`` and
the old ``hMerge``, tracked changes (insertions kept, deletions dropped),
content controls, fields (their displayed result) and hidden text, and reads a
thousand-row table in a fraction of a second.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import Cell, Paragraph, Source, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = (
    W + n for n in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml")
)
T, TAB, PTAB, BR, CR, NB_HYPHEN, SYM = (W + n for n in ("t", "tab", "ptab", "br", "cr", "noBreakHyphen", "sym"))
DEL, MOVE_FROM, INS, MOVE_TO = (W + n for n in ("del", "moveFrom", "ins", "moveTo"))
PPR, RPR, R, VANISH, NUMPR, NUMID = (W + n for n in ("pPr", "rPr", "r", "vanish", "numPr", "numId"))
TRPR, TCPR, TBLHEADER, GRID_SPAN, VMERGE, HMERGE, GRID_BEFORE, GRID_AFTER = (
    W + n for n in ("trPr", "tcPr", "tblHeader", "gridSpan", "vMerge", "hMerge", "gridBefore", "gridAfter")
)
VAL = W + "val"
SDT_PR, PLACEHOLDER, TXBX, ALTERNATE = W + "sdtPr", W + "showingPlcHdr", W + "txbxContent", MC + "AlternateContent"
PICT, DRAWING = W + "pict", W + "drawing"

# Elements whose text is never shown as the run's text: properties, deleted
# text, field instructions, drawings and embedded objects, footnote marks.
_SKIP = {
    DEL,
    MOVE_FROM,
    PPR,
    RPR,
    W + "delText",
    W + "instrText",
    W + "delInstrText",
    W + "drawing",
    W + "pict",
    W + "object",
    W + "fldData",
    W + "footnoteReference",
    W + "endnoteReference",
    W + "commentReference",
    W + "sdtPr",
    W + "sdtEndPr",
    W + "tblPr",
    W + "tblGrid",
    MC + "AlternateContent",
}
_FALSE = {"0", "false", "off"}


def _on(element) -> bool:
    """A Word on/off property: present and not switched off by w:val."""
    return element is not None and element.get(VAL, "true").lower() not in _FALSE


def _child(element, tag: str):
    """``element.find(tag)``: its first child so named, without ElementPath's cost (a few calls on every cell)."""
    for child in element.iterchildren(tag):
        return child
    return None


def _run_hidden(run) -> bool:
    rpr = _child(run, RPR)
    return rpr is not None and _on(_child(rpr, VANISH))


def _placeholder(sdt) -> bool:
    """A content control still showing its prompt («Место для ввода текста.»): nobody typed anything there."""
    sdtpr = _child(sdt, SDT_PR)
    return sdtpr is not None and _on(_child(sdtpr, PLACEHOLDER))


def _outer_boxes(element) -> list:
    """The text boxes inside ``element`` that are not inside another text box (those are read with their box)."""
    boxes = []
    for box in element.iter(TXBX):
        parent = box.getparent()
        while parent is not None and parent is not element and parent.tag != TXBX:
            parent = parent.getparent()
        if parent is None or parent.tag != TXBX:
            boxes.append(box)
    return boxes


def _box_texts(element) -> list[str]:
    """Texts of the text boxes of a drawing: Word writes each box twice, as DrawingML (mc:Choice) and as its VML
    copy for older readers (mc:Fallback); the first branch that has boxes is the one shown."""
    if element.tag == ALTERNATE:
        for branch in element:
            boxes = _outer_boxes(branch)
            if boxes:
                break
        else:
            return []
    else:
        boxes = _outer_boxes(element)
    return [text for box in boxes if (text := cell_content(box)[0]).strip()]


def _symbol(sym) -> str:
    """A character inserted from a symbol font (Insert → Symbol): «≥», «✓», «•» — dropped, «≥ 80 %» read «80 %»."""
    from .model import SYMBOL_FONT, SYMBOLS, WINGDINGS

    try:
        code = int(sym.get(W + "char", ""), 16)
    except ValueError:
        return ""
    if code < 0xF000:
        code += 0xF000  # Word writes F0xx, older files the plain code of the font
    font = sym.get(W + "font", "").lower()
    table = WINGDINGS if font.startswith("wingdings") else SYMBOL_FONT if font == "symbol" else SYMBOLS
    return table.get(code, "")


def _inline_text(element, out: list[str], boxes: list[str] | None = None) -> None:
    for child in element:
        tag = child.tag
        if tag == T:
            out.append(child.text or "")
        elif tag in (ALTERNATE, PICT, DRAWING):
            # A text box (an approval stamp in the corner, a title in a frame) is text the reader sees.
            if boxes is not None:
                boxes.extend(_box_texts(child))
        elif tag in _SKIP or not isinstance(tag, str) or (tag == SDT and _placeholder(child)):
            continue
        elif tag in (TAB, PTAB):
            out.append("\t")
        elif tag in (BR, CR):
            out.append("\n")
        elif tag == NB_HYPHEN:
            out.append("-")
        elif tag == SYM:
            out.append(_symbol(child))
        elif tag == R and _run_hidden(child):
            continue
        elif tag in (TBL, P):
            continue  # block content inside inline content (text boxes): not the cell's text
        else:
            # w:r, w:ins, w:moveTo, w:hyperlink, w:smartTag, w:fldSimple, w:sdt, w:sdtContent, w:customXml…
            _inline_text(child, out, boxes)


def paragraph_text(p) -> str:
    out: list[str] = []
    _inline_text(p, out)
    return "".join(out)


def paragraph_parts(p) -> tuple[str, list[str]]:
    """The paragraph's own text and the texts of the text boxes anchored in it."""
    out: list[str] = []
    boxes: list[str] = []
    _inline_text(p, out, boxes)
    return "".join(out), boxes


def _numbered(p) -> bool:
    ppr = _child(p, PPR)
    if ppr is None:
        return False
    numpr = _child(ppr, NUMPR)
    if numpr is None:
        return False
    numid = _child(numpr, NUMID)
    return numid is None or numid.get(VAL, "1") != "0"


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        text = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
    elif fmt in ("russianLower", "russianUpper"):
        text = _RUSSIAN[(value - 1) % len(_RUSSIAN)] * ((value - 1) // len(_RUSSIAN) + 1)
    elif fmt in ("lowerRoman", "upperRoman"):
        text, rest = "", value
        for amount, letters in _ROMAN:
            while rest >= amount:
                text, rest = text + letters, rest - amount
    else:
        text = str(value)
    return text.upper() if fmt.startswith("upper") or fmt == "russianUpper" else text


class Numbering:
    """Word's automatic numbering, as the reader sees it: «1.», «2.1.», «а)», «•» before each list paragraph.

    A school programme's tasks, categories and stages are Word lists: their numbers and bullets are not in the
    text, and without them «Задачи программы:» had no items. Counters run per list (``w:num``) in document
    order; a level restarts after a higher one, as Word does.
    """

    def __init__(self, xml: bytes | None):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → level → (format, text, start)
        self.counters: dict[str, dict[int, int]] = {}
        if not xml:
            return
        root = parse_xml(xml)
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for definition in root.iterchildren(W + "abstractNum"):
            abstract[definition.get(W + "abstractNumId", "")] = {
                _int_attr(lvl.get(W + "ilvl"), 0): (
                    _val(lvl, "numFmt", "decimal"),
                    _val(lvl, "lvlText", ""),
                    _int_attr(_val(lvl, "start", "1"), 1),
                )
                for lvl in definition.iterchildren(W + "lvl")
            }
        for num in root.iterchildren(W + "num"):
            levels = dict(abstract.get(_val(num, "abstractNumId", ""), {}))
            for override in num.iterchildren(W + "lvlOverride"):
                level = _int_attr(override.get(W + "ilvl"), 0)
                start = _val(override, "startOverride", "")
                if start and level in levels:
                    fmt, text, _ = levels[level]
                    levels[level] = (fmt, text, _int_attr(start, 1))
            self.levels[num.get(W + "numId", "")] = levels

    def marker(self, p) -> str:
        """The number or bullet Word shows before the paragraph («» when it is not in a list); advances the list."""
        ppr = _child(p, PPR)
        numpr = _child(ppr, NUMPR) if ppr is not None else None
        if numpr is None:
            return ""
        numid = _child(numpr, NUMID)
        num = numid.get(VAL, "") if numid is not None else ""
        if not num or num == "0":
            return ""
        level = _int_attr(_val(numpr, "ilvl", "0"), 0)
        levels = self.levels.get(num, {})
        counters = self.counters.setdefault(num, {})
        fmt, text, start = levels.get(level, ("decimal", f"%{level + 1}.", 1))
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        if fmt == "bullet":
            return text if text and text.isprintable() and text in "-–—•·*o" else "•"
        if fmt == "none":
            return ""

        def number(found) -> str:
            n = int(found[1]) - 1
            fmt_n, _, start_n = levels.get(n, ("decimal", "", 1))
            return _format_number(counters.get(n, start_n), fmt_n)

        return re.sub(r"%([1-9])", number, text)


def _val(element, tag: str, default: str) -> str:
    child = _child(element, W + tag)
    return child.get(VAL, default) if child is not None else default


def _int_attr(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _blocks(container):
    """Block-level children, looking through content controls and custom XML wrappers."""
    for child in container:
        if child.tag in (SDT, CUSTOM_XML):
            content = _child(child, SDT_CONTENT) if child.tag == SDT else child
            if content is not None and not (child.tag == SDT and _placeholder(child)):
                yield from _blocks(content)
        elif child.tag in (P, TBL):
            yield child


def cell_content(tc) -> tuple[str, bool]:
    """The cell's text (paragraphs and nested tables line by line) and whether it is only Word auto-numbering."""
    lines: list[str] = []
    numbered = False
    for block in _blocks(tc):
        if block.tag == P:
            text, boxes = paragraph_parts(block)
            if not text.strip() and _numbered(block):
                numbered = True
            lines.extend(boxes)
            lines.append(text)
        else:
            # A nested table stays inside its cell: its rows become lines of text.
            nested = read_table(block, "")
            for row in nested.rows:
                seen: list[Cell] = []
                for cell in row:
                    if cell not in seen and cell.text.strip():
                        seen.append(cell)
                lines.append(" ".join(" ".join(c.text.split()) for c in seen))
    text = "\n".join(line for line in lines).strip("\n")
    return text, numbered and not text.strip()


def _children(container, tag):
    for child in container:
        if child.tag == tag:
            yield child
        elif child.tag in (SDT, CUSTOM_XML):
            content = _child(child, SDT_CONTENT) if child.tag == SDT else child
            if content is not None:
                yield from _children(content, tag)


MAX_SPAN = 64  # grid columns one cell may span: Word's tables have at most 63 columns
MAX_TABLE_CELLS = 1_000_000  # grid positions of one table (a merged cell counts at every position it covers)


def _too_large(message: str):
    from ..errors import ReadError

    return ReadError("", 1, 1, message)


def _int(element, default: int) -> int:
    if element is None:
        return default
    try:
        return max(1, int(element.get(VAL, default)))
    except ValueError:
        return default


def _cell_properties(tcpr) -> tuple:
    """A cell's first ``gridSpan``, ``vMerge`` and ``hMerge`` (or None), in one pass over its properties."""
    found = {GRID_SPAN: None, VMERGE: None, HMERGE: None}
    if tcpr is not None:
        for prop in tcpr:
            if found.get(prop.tag, prop) is None:
                found[prop.tag] = prop
    return found[GRID_SPAN], found[VMERGE], found[HMERGE]


def read_table(tbl, label: str) -> Table:
    """The table as a grid: a merged cell is the same ``Cell`` at every position it covers."""
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    above: dict[int, Cell] = {}  # grid column → cell of the previous row, for vertical merges
    number = cells = 0
    for tr in _children(tbl, TR):
        number += 1
        trpr = _child(tr, TRPR)
        if trpr is not None and _child(trpr, DEL) is not None:
            continue  # a tracked deletion of the whole row
        before = _int(_child(trpr, GRID_BEFORE), 0) if trpr is not None else 0
        if before > MAX_SPAN:
            raise _too_large(
                f"{label or 'вложенная таблица'}, строка {number}: пропуск в {before} столбцов (в таблице Word их не "
                "больше 63): файл испорчен или изготовлен нарочно"
            )
        row: list[Cell] = [Cell("", number, c + 1) for c in range(before)]
        for tc in _children(tr, TC):
            grid_span, vmerge, hmerge = _cell_properties(_child(tc, TCPR))
            span = _int(grid_span, 1)
            if span > MAX_SPAN or len(row) + span > 4 * MAX_SPAN:
                raise _too_large(
                    f"{label or 'вложенная таблица'}, строка {number}: ячейка объединяет {span} столбцов (в таблице "
                    "Word их не больше 63): файл испорчен или изготовлен нарочно"
                )
            col = len(row)
            if vmerge is not None and vmerge.get(VAL, "continue") == "continue" and col in above:
                cell = above[col]  # <w:vMerge/> and <w:vMerge w:val="continue"/> alike
            elif hmerge is not None and hmerge.get(VAL, "continue") == "continue" and row:
                cell = row[-1]
            else:
                text, numbered = cell_content(tc)
                cell = Cell(text, number, col + 1, numbered)
            row.extend([cell] * span)
        for col, cell in enumerate(row):
            above[col] = cell
        rows.append(row)
        cells += len(row)
        if cells > MAX_TABLE_CELLS:
            raise _too_large(
                f"{label or 'вложенная таблица'}: больше {MAX_TABLE_CELLS:_} ячеек: это не похоже на дорожную карту".replace(  # noqa: E501
                    "_", " "
                )
            )
        numbers.append(number)
    width = max((len(r) for r in rows), default=0)
    for row, number in zip(rows, numbers):
        if len(row) < width:
            row.extend(Cell("", number, c + 1) for c in range(len(row), width))
    return Table(label, rows, numbers=numbers)


# Limits for a package from outside: a zip bomb or a million entries must fail fast, not fill memory.
MAX_ENTRIES = 5000
MAX_PART_BYTES = 200 * 1024 * 1024  # uncompressed
MAX_RATIO = 400  # uncompressed / compressed, for parts over a megabyte
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"


class PackageError(ValueError):
    """The bytes are not a Word package this reader will open (the message is Russian, for the user)."""


def open_package(data: bytes):
    """The zip archive, its entries checked against the limits above. Raises ``PackageError``."""
    import io
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise PackageError("файл не читается как документ Word (это не архив .docx)") from None
    if len(infos) > MAX_ENTRIES:
        raise PackageError(
            f"в архиве документа {len(infos)} частей (допускается не более {MAX_ENTRIES}): это не похоже на документ "
            "Word"
        )
    for info in infos:
        if info.file_size > MAX_PART_BYTES or (
            info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(1, info.compress_size)
        ):
            raise PackageError(
                f"часть «{info.filename}» распаковывается в {info.file_size // (1 << 20)} МБ: это не похоже на "
                "документ Word (архив-бомба?)"
            )
    return archive


def read_part(archive, name: str) -> bytes:
    """One entry, read no further than its declared size allows."""
    info = archive.getinfo(name)
    with archive.open(info) as handle:
        data = handle.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise PackageError(f"часть «{name}» слишком велика")
    return data


STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"


def _transitional(data: bytes) -> bytes:
    """Word's «Strict Open XML» names its elements in another namespace; the elements themselves are the same."""
    return data.replace(STRICT_W, W[1:-1].encode()) if STRICT_W in data else data


def parse_xml(data: bytes):
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True, remove_pis=True
    )
    return etree.fromstring(data, parser)


def main_part(archive) -> str:
    """The main document part's name, from the package relationships (``word/document.xml`` as a rule)."""
    names = set(archive.namelist())
    return _main_part(names, lambda: read_part(archive, "_rels/.rels"))


def main_part_of(parts: dict[str, bytes]) -> str:
    """``main_part`` of a package's parts by name, not yet zipped."""
    return _main_part(set(parts), lambda: parts["_rels/.rels"])


def _main_part(names: set[str], package_rels) -> str:
    if "_rels/.rels" in names:
        for rel in parse_xml(package_rels()):
            if rel.get("Type") in (OFFICE_DOCUMENT, STRICT_OFFICE_DOCUMENT):
                target = rel.get("Target", "").lstrip("/")
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise PackageError("в архиве нет основной части документа Word (word/document.xml)")


def _unwrapped(blocks):
    """Blocks, with a one-cell frame table around content opened up: some documents lay the whole
    roadmap (title, tables) inside a single bordered cell, and its tables are the document's."""
    for block in blocks:
        if block.tag == TBL:
            rows = list(_children(block, TR))
            cells = list(_children(rows[0], TC)) if len(rows) == 1 else []
            if len(cells) == 1 and any(b.tag == TBL for b in _blocks(cells[0])):
                yield from _unwrapped(_blocks(cells[0]))
                continue
        yield block


def read_body(xml: bytes, name: str, numbering: bytes | None = None) -> Source:
    """Paragraphs and top-level tables of a main document part, in order; with the numbering part, a list
    paragraph starts with its number or bullet («1. выявить причины…», «• учащиеся…») as Word shows it."""
    lists = Numbering(_transitional(numbering)) if numbering else None
    root = parse_xml(_transitional(xml))
    body = root.find(W + "body")
    if body is None:
        raise PackageError("в документе нет тела (w:body): это не документ Word")
    source = Source(name)
    paragraphs = tables = 0
    for block in _unwrapped(_blocks(body)):
        if block.tag == P:
            text, boxes = paragraph_parts(block)
            # A box's lines come before its anchor's text: an approval stamp boxed in the corner stays above the title.
            for line in (line for box in boxes for line in box.split("\n")):
                paragraphs += 1
                source.blocks.append(Paragraph(line, paragraphs))
            paragraphs += 1
            marker = lists.marker(block) if lists is not None else ""
            source.blocks.append(Paragraph(f"{marker} {text}" if marker and text.strip() else text, paragraphs))
        else:
            tables += 1
            source.blocks.append(read_table(block, f"таблица {tables}"))
    return source


def read_docx_bytes(data: bytes, name: str):
    """``(Source, archive)``: the body read, and the open archive (for the tool's own data part). Raises
    ``PackageError``.
    """
    archive = open_package(data)
    main = main_part(archive)
    xml = read_part(archive, main)
    source = read_body(xml, name, _numbering_part(archive, main))
    source.notes += _left_out(archive, main, xml)
    return source, archive


def _left_out(archive, main: str, xml: bytes) -> list:
    """What the body does not hold and the reader does not take, named: footnotes and endnotes (their text is
    printed at the page's foot, «* по согласованию с ИРО»), a fragment of another document pasted in (altChunk)."""
    from .model import Unplaced

    notes = []
    for kind, label in (("footnotes", "сноска"), ("endnotes", "концевая сноска")):
        part = _related_part(archive, main, kind)
        if part is None:
            continue
        root = parse_xml(_transitional(part))
        texts = [
            " ".join(t for t in (paragraph_text(p).strip() for p in note.iter(P)) if t)
            for note in root
            if isinstance(note.tag, str) and note.get(W + "type", "normal") == "normal"
        ]
        for k, text in enumerate((t for t in texts if t), 1):
            notes.append(
                Unplaced(f"{label} {k}", text, "сноски не переносятся: перенесите её текст в файл данных сами")
            )
    chunks = len(re.findall(rb"<(?:\w+:)?altChunk\b", xml))
    if chunks:
        notes.append(
            Unplaced(
                "документ",
                f"вставленных фрагментов — {chunks}",
                "фрагмент другого документа (altChunk) не читается: откройте документ в Word и сохраните его заново",
            )
        )
    return notes


def _numbering_part(archive, main: str) -> bytes | None:
    """The main part's numbering definitions (``word/numbering.xml`` as a rule), None without them."""
    return _related_part(archive, main, "numbering")


def _related_part(archive, main: str, kind: str) -> bytes | None:
    """The part of the main part's relationship of this kind (``numbering``, ``footnotes``…), None without it."""
    import posixpath

    folder, base = posixpath.split(main)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    names = set(archive.namelist())
    target = ""
    if rels in names:
        for rel in parse_xml(read_part(archive, rels)):
            if rel.get("Type", "").endswith("/" + kind) and rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join(folder, rel.get("Target", ""))).lstrip("/")
    target = target if target in names else posixpath.join(folder, f"{kind}.xml")
    return read_part(archive, target) if target in names else None


def read_docx(path: Path, name: str) -> Source:
    """Paragraphs and top-level tables of the body, in order. Raises ``PackageError`` (a ``ValueError``) for a bad
    file.
    """
    from ..reading.files import MAX_DOCUMENT_BYTES, read_bytes

    return read_docx_bytes(read_bytes(path, MAX_DOCUMENT_BYTES, name), name)[0]
