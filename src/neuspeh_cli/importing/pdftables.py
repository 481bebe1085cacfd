"""PDF (with a text layer) → ``Source``: the ruled tables of each page, and the text around them.

The institute receives a signed PDF beside (or instead of) the Word file. A PDF
made from Word has a text layer and ruled tables: pdfplumber finds the tables
by their lines; text outside them becomes paragraphs. Words broken by
hyphenation at a line end («образователь-» / «ный») are joined again. A
scanned PDF has no text layer: ``ScannedPdf`` says so, and a Word file is
needed.
"""

from __future__ import annotations

import re
import time

from .model import Cell, Paragraph, Source, Table

MAX_PAGES = 300
MAX_SECONDS = 60  # a roadmap of a few dozen pages reads in seconds; a crafted PDF must not hold a review for longer
_HYPHEN = re.compile(r"(?<=[а-яёa-z])-\n(?=[а-яёa-z])")


class ScannedPdf(ValueError):
    """The PDF has no text to read."""


def _text(value: str | None) -> str:
    return _HYPHEN.sub("", value or "")


def read_pdf(data: bytes, name: str) -> Source:
    """Raises ``ScannedPdf`` for a PDF without a text layer, ``ValueError`` for one that does not open."""
    import io

    import pdfplumber

    source = Source(name)
    tables = paragraphs = 0
    text_found = False
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise ValueError(f"в PDF {len(pdf.pages)} страниц (допускается не более {MAX_PAGES})")
        started = time.monotonic()
        first_on_page: set[int] = set()  # ids of tables that open their page
        last_on_page: set[int] = set()  # and of tables that end it
        for page in pdf.pages:
            page_start = len(source.blocks)
            if time.monotonic() - started > MAX_SECONDS:
                raise ValueError(f"PDF читается дольше {MAX_SECONDS} с")
            found = page.find_tables()
            boxes = [t.bbox for t in found]

            def outside(obj, boxes=boxes) -> bool:
                x, top = (obj.get("x0", 0) + obj.get("x1", 0)) / 2, (obj.get("top", 0) + obj.get("bottom", 0)) / 2
                return not any(x0 <= x <= x1 and t0 <= top <= t1 for x0, t0, x1, t1 in boxes)

            # Text above the tables, the tables, then text below, in reading order by position.
            blocks: list[tuple[float, object]] = []
            for line in page.filter(outside).extract_text_lines() if boxes else page.extract_text_lines():
                text_found = text_found or bool(line["text"].strip())
                blocks.append((line["top"], line["text"]))
            for table in found:
                blocks.append((table.bbox[1], table))
            for _top, block in sorted(blocks, key=lambda b: b[0]):
                if isinstance(block, str):
                    text = block.strip()
                    last = source.blocks[-1] if source.blocks else None
                    if not text or text.isdigit():
                        continue  # a page number
                    hyphen = isinstance(last, Paragraph) and bool(re.search(r"\w-$", last.text))
                    if isinstance(last, Paragraph) and (text[:1].islower() or hyphen):
                        # a line of the paragraph above, wrapped by the page: «образователь-» / «ный» is one word,
                        # «…Усть-» / «Лабинский район» keeps its hyphen
                        if hyphen and text[:1].islower():
                            last.text = last.text[:-1] + text
                        else:
                            last.text = last.text + ("" if hyphen else " ") + text
                        continue
                    paragraphs += 1
                    source.blocks.append(Paragraph(text, paragraphs))
                    continue
                tables += 1
                rows = _grid(block)
                text_found = text_found or any(cell.line for row in rows for cell in row)
                table = Table(f"таблица {tables}", rows, numbers=list(range(1, len(rows) + 1)))
                if len(source.blocks) == page_start:
                    first_on_page.add(id(table))
                source.blocks.append(table)
            if len(source.blocks) > page_start and isinstance(source.blocks[-1], Table):
                last_on_page.add(id(source.blocks[-1]))
    if not text_found:
        raise ScannedPdf("скан без текстового слоя")
    _join_split_rows(source, first_on_page, last_on_page)
    return source


def _join_split_rows(source: Source, first_on_page: set[int], last_on_page: set[int]) -> None:
    """A table row Word broke across a page is one row again.

    On the next page the rest of its texts stands as a row of its own, without
    its number (section II) or its code (section I), which stayed on the page
    before: it read as a new event «ти» and left «…учебной неуспешнос» to the
    event it belongs to. Only at a page's top and only where the row lacks what
    every real row has; a section heading across the table is never joined.
    """
    from .headers import detect

    layout = None
    previous: Table | None = None
    for block in source.blocks:
        if not isinstance(block, Table):
            previous = None
            continue
        own = detect(block)
        continued = (
            (own is None or own.kind == getattr(layout, "kind", None))
            and previous is not None
            and id(previous) in last_on_page
            and id(block) in first_on_page
        )
        if not continued:
            layout = own
        if continued and layout is not None and previous.rows and previous.width == block.width:
            _join_first_row(previous, block, layout)
        previous = block


def _join_first_row(previous: Table, block: Table, layout) -> None:
    from .headers import is_column_numbers, is_repeated_header

    key = {"events": "no", "audit": "code"}.get(layout.kind)
    cols = [c for c, role in layout.roles.items() if role == key]
    for index, row in enumerate(block.rows):
        if is_repeated_header(row, layout) or is_column_numbers(row):
            continue
        last = previous.rows[-1]
        if not cols or len({id(cell) for cell in row}) == 1 or not any(cell.line for cell in row):
            return
        if row[cols[0]].line or not last[cols[0]].line:
            return  # a row of its own: it has its number (its code), or the row above has none either
        seen: set[int] = set()
        for col, cell in enumerate(row):
            if cell.line and id(last[col]) not in seen:
                seen.add(id(last[col]))
                joined = f"{last[col].text}\n{cell.text}" if last[col].text else cell.text
                last[col] = Cell(joined, last[col].row, last[col].col, last[col].numbered)
        del block.rows[index]
        del block.numbers[index]
        return


def _grid(table) -> list[list[Cell]]:
    """The table as a grid of ``Cell``: a merged cell is one object at every position it covers.

    pdfplumber gives None for a position a merged cell covers; whether the
    cell to the left or the one above covers it is told by the boxes: the left
    one does when it reaches into this column.
    """
    values = table.extract()
    boxes = [row.cells for row in table.rows]
    width = max((len(r) for r in values), default=0)
    left_edge = [min((b[c][0] for b in boxes if c < len(b) and b[c] is not None), default=0.0) for c in range(width)]
    rows: list[list[Cell]] = []
    for r, raw in enumerate(values):
        row: list[Cell] = []
        owner_box = None
        for c in range(width):
            value = raw[c] if c < len(raw) else None
            box = boxes[r][c] if c < len(boxes[r]) else None
            if value is None and box is None:
                if row and owner_box is not None and owner_box[2] > left_edge[c] + 1:
                    row.append(row[-1])
                elif rows and c < len(rows[-1]):
                    row.append(rows[-1][c])
                else:
                    row.append(Cell("", r + 1, c + 1))
                continue
            owner_box = box
            row.append(Cell(_text(value), r + 1, c + 1))
        rows.append(row)
    return rows
