"""Spreadsheets (.xlsx, .xls, .ods) → ``Source``: each sheet one table, merged ranges as one cell.

python-calamine reads all three formats (openpyxl cannot read .xls, and
LibreOffice Calc is not needed), fast, with merged ranges. What it does not
give is the display format of numbers, read for .xlsx by ``numfmt``.
"""

from __future__ import annotations

from pathlib import Path

from .model import Cell, Source, Table
from .numfmt import format_value, xlsx_formats


def read_workbook(path: Path, name: str, data: bytes | None = None) -> Source:
    """Raises ``ImportFailed`` when the file is not a readable workbook."""
    from python_calamine import CalamineWorkbook

    from ..reading.archives import LIMITS, PROTECTED
    from . import ImportFailed

    try:
        if data is not None:
            import io

            workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        else:
            workbook = CalamineWorkbook.from_path(str(path))
        sheet_names = list(workbook.sheet_names)
    except Exception as exc:  # calamine raises its own errors, OSError, ValueError for a broken file
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise ImportFailed(f"{name}: {PROTECTED}") from None
        raise ImportFailed(
            f"{name}: файл не читается как таблица Excel или OpenDocument ({exc.__class__.__name__}): откройте его и "
            "сохраните заново как .xlsx"
        ) from None
    formats: dict[str, dict[tuple[int, int], str]] = {}
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            import io

            formats = xlsx_formats(io.BytesIO(data) if data is not None else path, sheet_names)
        except Exception:  # a damaged styles part: fall back to plain values
            formats = {}
    ods_merged: dict[str, list] = {}
    if path.suffix.lower() == ".ods":
        try:
            ods_merged = ods_merges(data if data is not None else path.read_bytes())
        except Exception:  # a damaged content part: the values are still read, merged cells stay unfilled
            ods_merged = {}
    source = Source(name)
    for sheet_name in sheet_names:
        try:
            sheet = workbook.get_sheet_by_name(sheet_name)
        except Exception:
            continue  # a chart sheet or an unreadable one: nothing to import there
        # An .xls is not an archive the limits saw before: its grid is checked before it becomes Python objects.
        if sheet.total_height > LIMITS.rows or sheet.total_height * sheet.total_width > LIMITS.cells:
            raise ImportFailed(
                f"{name}: лист «{sheet_name}» — {sheet.total_height} строк на {sheet.total_width} столбцов: это не "
                "похоже на дорожную карту; оставьте в файле только её таблицы"
            )
        try:
            values = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or ods_merged.get(sheet_name, [])
        except Exception:
            continue  # a chart sheet or an unreadable one: nothing to import there
        # Merged ranges are filled cell by cell: their reach and their total area are bounded too.
        reach = max((r2 + 1) * (c2 + 1) for _start, (r2, c2) in merged) if merged else 0
        area = sum((r2 - r1 + 1) * (c2 - c1 + 1) for (r1, c1), (r2, c2) in merged)
        if max(reach, area) > LIMITS.cells:
            raise ImportFailed(
                f"{name}: лист «{sheet_name}»: объединённые ячейки охватывают больше {LIMITS.cells} ячеек: это не "
                "похоже на дорожную карту"
            )
        source.blocks.append(_table(sheet_name, values, merged, formats.get(sheet_name, {})))
    return source


def _table(sheet_name: str, values: list[list], merged, formats: dict[tuple[int, int], str]) -> Table:
    width = max((len(r) for r in values), default=0)
    for _start, (_last_row, last_col) in merged:
        width = max(width, last_col + 1)
    rows: list[list[Cell]] = []
    for r, raw in enumerate(values):
        row = []
        for c in range(width):
            value = raw[c] if c < len(raw) else ""
            row.append(Cell(format_value(value, formats.get((r, c))), r + 1, c + 1))
        rows.append(row)
    for (r1, c1), (r2, c2) in merged:
        while len(rows) <= r2:
            rows.append([Cell("", len(rows) + 1, c + 1) for c in range(width)])
        owner = rows[r1][c1]
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                rows[r][c] = owner
    return Table(f"лист «{sheet_name}»", rows, sheet=True, numbers=list(range(1, len(rows) + 1)))


_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_MAX_REPEAT = 10_000  # a trailing «repeat this empty row a million times» is not data


def ods_merges(data: bytes) -> dict[str, list[tuple[tuple[int, int], tuple[int, int]]]]:
    """Merged ranges of each sheet of an .ods, as calamine gives them for .xlsx (it gives none for .ods).

    OpenDocument writes a merge as spans on the first cell
    (``table:number-rows-spanned``, ``table:number-columns-spanned``);
    positions count repeated rows and columns.
    """
    import io
    import zipfile

    from lxml import etree

    t = "{%s}" % _TABLE_NS
    ranges: dict[str, list] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as handle:
        sheet, row, col = "", -1, 0
        for event, element in etree.iterparse(
            handle, events=("start", "end"), resolve_entities=False, no_network=True, huge_tree=False
        ):
            tag = element.tag
            if event == "start":
                if tag == t + "table":
                    sheet, row = element.get(t + "name", ""), -1
                    ranges.setdefault(sheet, [])
                elif tag == t + "table-row":
                    row, col = row + 1, 0
                continue
            if tag in (t + "table-cell", t + "covered-table-cell"):
                repeat = min(int(element.get(t + "number-columns-repeated", "1") or 1), _MAX_REPEAT)
                rows = int(element.get(t + "number-rows-spanned", "1") or 1)
                cols = int(element.get(t + "number-columns-spanned", "1") or 1)
                if tag == t + "table-cell" and (rows > 1 or cols > 1):
                    ranges[sheet].append(((row, col), (row + rows - 1, col + cols - 1)))
                col += repeat
                element.clear()
            elif tag == t + "table-row":
                row += min(int(element.get(t + "number-rows-repeated", "1") or 1), _MAX_REPEAT) - 1
                element.clear()
    return ranges
