"""The workbook: one sheet per view, header frozen, filters on, columns as wide as their text.

Written with XlsxWriter: it only writes, row by row (``constant_memory``), so
tens of thousands of findings cost little time and memory, and with fixed
document properties and its fixed archive dates the same review gives the
same bytes. openpyxl keeps every cell as an object and writes 3–4 times slower
here; it is used by the tests as the second, independent reader.

Links to files are HYPERLINK formulas, not hyperlink records: Excel allows at
most 65,530 of those per sheet, and a region's findings exceed that. The
formula's cached value is the text, so readers that do not calculate
(python-calamine) still see «file.yaml:12».
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

from .summary import Table

MAX_WIDTH = 70  # characters: longer text wraps
MIN_WIDTH = 6
FIXED_DATE = datetime.datetime(2000, 1, 1)

STATUS_COLOURS = {
    "выполнено": "#C6EFCE",
    "без ошибок": "#C6EFCE",
    "частично": "#FFEB9C",
    "с ошибками": "#FFEB9C",
    "не выполнено": "#FFC7CE",
    "не читается": "#FFC7CE",
    "не представлена": "#D9D9D9",
    "не проверено": "#D9D9D9",
}


def file_uri(path: str) -> str:
    return Path(path).as_uri() if path else ""


def link_text(link: dict) -> str:
    return f"{link['name']}:{link['line']}" if link.get("line") else link["name"]


def write_workbook(views: list[Table]) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False})
    workbook.set_properties({"title": "Экспертиза муниципальных дорожных карт", "author": "neuspeh", "created": FIXED_DATE})
    header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "border": 1})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    top = workbook.add_format({"valign": "top"})
    percent = workbook.add_format({"num_format": "0%", "valign": "top"})
    link = workbook.add_format({"font_color": "#0563C1", "underline": 1, "valign": "top"})
    colours = {text: workbook.add_format({"bg_color": colour}) for text, colour in STATUS_COLOURS.items()}
    for view in views:
        _sheet(workbook, view, header, wrap, top, percent, link, colours)
    workbook.close()
    return buffer.getvalue()


def _sheet(workbook: Any, view: Table, header: Any, wrap: Any, top: Any, percent: Any, link: Any, colours: dict) -> None:
    sheet = workbook.add_worksheet(view.name[:31])
    widths = [max(MIN_WIDTH, min(MAX_WIDTH, _longest_word_line(title) + 2)) for title, _ in view.columns]
    for row in view.rows:
        for col, value in enumerate(row):
            length = _display_length(value)
            if length + 1 > widths[col]:
                widths[col] = min(MAX_WIDTH, length + 1)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    for col, (title, _) in enumerate(view.columns):
        sheet.write_string(0, col, title, header)
    for r, row in enumerate(view.rows, 1):
        for col, value in enumerate(row):
            kind = view.columns[col][1]
            if value is None or value == "":
                continue
            if kind == "link" and isinstance(value, dict):
                text = link_text(value)
                uri = file_uri(value["path"]).replace('"', '""')
                if len(uri) <= 255:
                    sheet.write_formula(r, col, f'=HYPERLINK("{uri}","{text.replace(chr(34), chr(34) * 2)}")', link, text)
                else:
                    sheet.write_string(r, col, text, top)
            elif kind == "share" and isinstance(value, (int, float)):
                sheet.write_number(r, col, value, percent)
            elif isinstance(value, bool):
                sheet.write_string(r, col, "да" if value else "нет", top)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, col, value, top)
            else:
                text = str(value)
                sheet.write_string(r, col, text, wrap if len(text) > widths[col] else top)
    last_row = max(1, len(view.rows))
    sheet.freeze_panes(1, 1 if view.columns and view.columns[0][0] == "Муниципальное образование" else 0)
    sheet.autofilter(0, 0, last_row, len(view.columns) - 1)
    for col, (_, kind) in enumerate(view.columns):
        if kind in ("status", "item"):
            for text, fmt in colours.items():
                sheet.conditional_format(1, col, last_row, col, {"type": "text", "criteria": "begins with", "value": text, "format": fmt})


def _display_length(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, dict):
        return len(link_text(value))
    if isinstance(value, float):
        return 6
    return len(str(value))


def _longest_word_line(title: str) -> int:
    # A header wraps: it needs its longest word, not its whole length.
    return max((len(w) for w in title.split()), default=0)
