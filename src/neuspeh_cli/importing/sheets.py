"""Spreadsheets (.xlsx, .xls, .ods) → ``Source``: each sheet one table, merged ranges as one cell.

python-calamine reads all three formats (openpyxl cannot read .xls, and
LibreOffice Calc is not needed), fast, with merged ranges. What it does not
give is the display format of numbers, read for .xlsx by ``numfmt``.
"""

from __future__ import annotations

from pathlib import Path

from .model import Cell, Source, Table, Unplaced
from .numfmt import SheetFacts, format_value, xlsx_sheet_facts


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
        head = (data if data is not None else b"")[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) or b"<table" in head:
            # Exports from websites and accounting programs: an HTML page named .xls, which Excel opens with a warning.
            raise ImportFailed(
                f"{name}: это веб-страница (HTML или XML) с расширением {path.suffix}, а не книга Excel — так "
                "сохраняют выгрузки с сайтов и из учётных программ: откройте её в Excel или LibreOffice Calc и "
                "сохраните как .xlsx"
            ) from None
        raise ImportFailed(
            f"{name}: файл не читается как таблица Excel или OpenDocument ({exc.__class__.__name__}): откройте его и "
            "сохраните заново как .xlsx"
        ) from None
    facts: dict[str, SheetFacts] = {}
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            import io

            facts = xlsx_sheet_facts(io.BytesIO(data) if data is not None else path, sheet_names)
        except Exception:  # a damaged styles part: fall back to plain values
            facts = {}
    ods_merged: dict[str, list] = {}
    if path.suffix.lower() == ".ods":
        try:
            ods_merged, facts = ods_merges(data if data is not None else path.read_bytes())
        except Exception:  # a damaged content part: the values are still read, merged cells stay unfilled
            ods_merged = {}
    source = Source(name)
    hidden = _hidden_sheets(workbook)
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
        table = _table(sheet_name, values, merged, facts.get(sheet_name) or SheetFacts(), source.notes)
        if sheet_name in hidden:
            hidden[sheet_name] = table
        else:
            source.blocks.append(table)
    _refuse_own_form(name, [*hidden.values(), *source.tables])
    _leave_hidden_sheets(source, hidden)
    return source


# The markers ``workbook`` writes in A1 of the form's hidden sheet «Списки» (``workbook.layout.MARKER``,
# ``workbook.report_form.MARKER``; a test keeps them equal): this layer is below the form's own reader.
FORM_MARKERS = {
    "neuspeh-form": "дорожной карты",
    "neuspeh-report-form": "отчёта о реализации",
}


def _refuse_own_form(name: str, tables: list[Table | None]) -> None:
    """The tool's own Excel form read as a foreign table gave 200 lines of «не распознан»: its sheets say exactly what
    goes where, and ``import-form`` reads them so. Say that instead."""
    from . import ImportFailed

    for table in tables:  # «Списки» is hidden, unless a user showed it
        if table is None or not table.rows or not table.rows[0]:
            continue
        what = FORM_MARKERS.get(table.rows[0][0].line)
        if what is None:
            continue
        target = "ОТЧЁТ.yaml" if what.startswith("отчёта") else "КАРТА.yaml"
        form = Path(name)
        if form.suffix.lower() not in (".xlsx", ".ods"):
            # Saved as .xls: the form is read from .xlsx and .ods only.
            raise ImportFailed(
                f"{name}: это форма Excel {what}, выгруженная neuspeh export, сохранённая как {form.suffix}: сохраните "
                f"её как .xlsx и перенесите в файл данных — neuspeh import-form {form.stem}.xlsx {target}"
            )
        raise ImportFailed(
            f"{name}: это форма Excel {what}, выгруженная neuspeh export, а не документ: перенесите её в файл данных — "
            f"neuspeh import-form {form.name} {target}"
            + (f" (или neuspeh import {form.name}, если файла данных ещё нет)" if target == "КАРТА.yaml" else "")
            + " — и проверяйте файл данных"
        )


def _hidden_sheets(workbook) -> dict[str, Table | None]:
    """Sheets hidden in the workbook (their tables are filled in as they are read)."""
    try:
        return {m.name: None for m in workbook.sheets_metadata if "Visible" not in str(m.visible).split(".")[-1:]}
    except Exception:  # an older calamine without metadata: every sheet counts as shown
        return {}


def _leave_hidden_sheets(source: Source, hidden: dict[str, Table | None]) -> None:
    """A hidden sheet is left out, as hidden text in Word is: «Старая версия» of the plan, the lists behind drop-downs.
    One holding a table of a roadmap is said to be left out; when every sheet with text is hidden, they are read."""
    from .headers import SHEET_SCAN, detect

    tables = {name: table for name, table in hidden.items() if table is not None and _texts(table)}
    if not tables:
        return
    if not any(_texts(t) for t in source.tables):
        source.blocks.extend(tables.values())
        return
    for name, table in tables.items():
        if detect(table, SHEET_SCAN) is None:
            continue  # drop-down lists and other helpers: not a part of the roadmap anyone reads
        rows = sum(1 for row in table.rows if any(cell.line for cell in row))
        first = next(row for row in table.rows if any(cell.line for cell in row))
        heading = " | ".join(dict.fromkeys(cell.line for cell in first if cell.line))
        source.notes.append(
            Unplaced(
                f"лист «{name}»",
                f"{heading} (строк с текстом — {rows})",
                "лист скрыт — не перенесён; если он нужен, покажите его и повторите",
            )
        )


def _texts(table: Table) -> list[str]:
    seen: dict[int, str] = {}
    for row in table.rows:
        for cell in row:
            if cell.line:
                seen.setdefault(id(cell), cell.line)
    return list(seen.values())


def _table(sheet_name: str, values: list[list], merged, facts: SheetFacts, notes: list[Unplaced]) -> Table:
    width = max((len(r) for r in values), default=0)
    for _start, (_last_row, last_col) in merged:
        width = max(width, last_col + 1)
    formats = facts.formats
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
    table = Table(f"лист «{sheet_name}»", rows, sheet=True, numbers=list(range(1, len(rows) + 1)))
    _note_uncached(table, facts, notes)
    _leave_hidden(table, facts, notes)
    return table


UNCACHED_SHOWN = 5  # cells named one by one on a sheet; the rest are counted


def _note_uncached(table: Table, facts: SheetFacts, notes: list[Unplaced]) -> None:
    """A formula saved without its value (openpyxl, web exports) reads as an empty cell: said, cell by cell."""
    cells = sorted(facts.uncached.items())
    for (r, c), formula in cells[:UNCACHED_SHOWN]:
        notes.append(
            Unplaced(
                f"{table.label}, строка {r + 1}, столбец {table.column_name(c + 1)}",
                f"={formula}" if formula else "формула",
                "формула без сохранённого значения (файл записан программой, которая формулы не вычисляет) — "
                "откройте его в Excel или LibreOffice Calc, сохраните и повторите",
            )
        )
    if len(cells) > UNCACHED_SHOWN:
        notes.append(
            Unplaced(
                table.label,
                f"и ещё {len(cells) - UNCACHED_SHOWN} ячеек с формулами",
                "формулы без сохранённого значения — откройте файл в Excel или LibreOffice Calc, сохраните и повторите",
            )
        )


def _leave_hidden(table: Table, facts: SheetFacts, notes: list[Unplaced]) -> None:
    """Hidden rows and columns are not read, as hidden text in Word is not: what is printed is the roadmap. Each one
    with text is said, so nothing goes missing unseen."""
    for c in sorted(facts.hidden_cols):
        if c >= table.width:
            break
        texts = list(dict.fromkeys(row[c].line for row in table.rows if row[c].line))
        if texts:
            notes.append(
                Unplaced(
                    f"{table.label}, столбец {table.column_name(c + 1)}",
                    ", ".join(texts[:3]) + (f" и ещё {len(texts) - 3}" if len(texts) > 3 else ""),
                    "столбец скрыт — не перенесён; если он нужен, покажите его и повторите",
                )
            )
        for row in table.rows:
            row[c] = Cell("", row[c].row, c + 1)
    if not facts.hidden_rows:
        return
    kept, numbers, left = [], [], []
    for index, row in enumerate(table.rows):
        if index not in facts.hidden_rows:
            kept.append(row)
            numbers.append(table.numbers[index])
            continue
        texts = list(dict.fromkeys(cell.line for cell in row if cell.line))
        if texts:
            left.append((table.numbers[index], " | ".join(texts)))
    table.rows, table.numbers = kept, numbers
    # A filter left on hides rows by a condition («только ШНОР»): to be taken off, not the rows shown one by one.
    reason = (
        "строка скрыта фильтром — не перенесена; снимите фильтр (Данные → Фильтр) и повторите"
        if facts.filtered
        else "строка скрыта — не перенесена; если она нужна, покажите её и повторите"
    )
    for number, text in left[:HIDDEN_SHOWN]:
        notes.append(Unplaced(f"{table.label}, строка {number}", text, reason))
    if len(left) > HIDDEN_SHOWN:
        more = [str(number) for number, _ in left[HIDDEN_SHOWN:]]
        shown = ", ".join(more[:20]) + (" …" if len(more) > 20 else "")
        notes.append(Unplaced(table.label, f"и ещё {len(more)} скрытых строк с текстом: {shown}", reason))


HIDDEN_SHOWN = 10  # hidden rows named one by one on a sheet; the rest by their numbers in one line


_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_MAX_REPEAT = 10_000  # a trailing «repeat this empty row a million times» is not data


def ods_merges(data: bytes) -> tuple[dict[str, list[tuple[tuple[int, int], tuple[int, int]]]], dict[str, SheetFacts]]:
    """Merged ranges of each sheet of an .ods, as calamine gives them for .xlsx (it gives none for .ods), and its hidden
    rows and columns (``SheetFacts``).

    OpenDocument writes a merge as spans on the first cell
    (``table:number-rows-spanned``, ``table:number-columns-spanned``),
    a hidden row or column as ``table:visibility="collapse"`` (or «filter»);
    positions count repeated rows and columns.
    """
    import io
    import zipfile

    from lxml import etree

    t = "{%s}" % _TABLE_NS
    ranges: dict[str, list] = {}
    facts: dict[str, SheetFacts] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as handle:
        sheet, row, col, column = "", -1, 0, 0
        for event, element in etree.iterparse(
            handle, events=("start", "end"), resolve_entities=False, no_network=True, huge_tree=False
        ):
            tag = element.tag
            if event == "start":
                if tag == t + "table":
                    sheet, row, column = element.get(t + "name", ""), -1, 0
                    ranges.setdefault(sheet, [])
                    facts.setdefault(sheet, SheetFacts())
                elif tag == t + "table-row":
                    row, col = row + 1, 0
                    if element.get(t + "visibility") in ("collapse", "filter"):
                        facts[sheet].hidden_rows.add(row)
                        facts[sheet].filtered |= element.get(t + "visibility") == "filter"
                elif tag == t + "table-column":
                    repeat = min(int(element.get(t + "number-columns-repeated", "1") or 1), _MAX_REPEAT)
                    if element.get(t + "visibility") in ("collapse", "filter"):
                        facts[sheet].hidden_cols.update(range(column, column + repeat))
                    column += repeat
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
                repeat = min(int(element.get(t + "number-rows-repeated", "1") or 1), _MAX_REPEAT)
                if row in facts[sheet].hidden_rows:
                    facts[sheet].hidden_rows.update(range(row, row + repeat))
                row += repeat - 1
                element.clear()
    return ranges, facts
