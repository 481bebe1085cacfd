"""The workbook: one sheet per view, header frozen, filters on, columns as wide as their text.

XlsxWriter makes the workbook (styles, column widths, frozen header, filters,
conditional colours, document properties): it only writes, and with fixed
properties and its fixed archive dates the same review gives the same bytes;
openpyxl keeps every cell as an object and writes several times slower, so it
serves the tests as the second, independent reader. The rows themselves are
another matter: a region has tens of thousands of findings, and XlsxWriter
spends some 10 µs of Python per cell (a minute for the benchmark corpus on a
busy machine). So XlsxWriter writes each sheet with its header and one row of
every cell format, and the rows are then written here as SpreadsheetML
(``<row><c t="inlineStr">…``, as the standard defines and XlsxWriter itself
writes) into that sheet's ``<sheetData>``, with the style indexes XlsxWriter
assigned — about 1 µs a cell.

Links to files are HYPERLINK formulas with the text as their cached value:
Excel allows at most 65,530 hyperlink records a sheet, and readers that do
not calculate (python-calamine) still see «file.yaml:12». Their targets are
relative to the workbook's folder, so the links still open when the review's
folder and the municipalities' files are copied elsewhere together. Every
sheet prints landscape on A4 with its header on each page: a page wide where
that stays readable, else at 70 % across pages with the names repeated.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path

from .summary import Table

MAX_WIDTH = 70  # characters: longer text wraps
MIN_WIDTH = 6
PAGE_CHARACTERS = 190  # column widths (in characters) a landscape A4 page holds at a readable size
FIXED_DATE = datetime.datetime(2000, 1, 1)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

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
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def file_uri(path: str, base: Path | None = None) -> str:
    """The link to a file: relative to ``base`` (the workbook's folder) where there is a relative path, else a file:
    URI.
    """
    if not path:
        return ""
    if base is not None:
        import os

        try:
            return relative_path(path, base).replace(os.sep, "/")
        except ValueError:  # another drive (Windows): no relative path
            pass
    return Path(path).as_uri()


def relative_path(path: str, base: Path | str) -> str:
    """``os.path.relpath(path, base)`` of a file, its folder's part worked out once per folder: the workbook and the
    page link each of 2,500 files, a few to a folder. Raises ``ValueError`` as ``relpath`` does (another drive)."""
    import os

    folder, name = os.path.split(path)
    if name in ("", os.curdir, os.pardir):
        return os.path.relpath(path, base)
    relative = _relative_folder(folder, str(base))
    return name if relative == os.curdir else os.path.join(relative, name)


@lru_cache(maxsize=4096)
def _relative_folder(folder: str, base: str) -> str:
    import os

    return os.path.relpath(folder or os.curdir, base)


def link_text(link: dict) -> str:
    return f"{link['name']}:{link['line']}" if link.get("line") else link["name"]


def _xml(text: str) -> str:
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _column_letters(n: int) -> list[str]:
    letters = []
    for index in range(n):
        name, i = "", index + 1
        while i:
            i, rest = divmod(i - 1, 26)
            name = chr(65 + rest) + name
        letters.append(name)
    return letters


def column_widths(view: Table) -> list[int]:
    # A header wraps: it needs its longest word; a cell needs its text, up to MAX_WIDTH (then the column wraps).
    widths = []
    for col, (title, _) in enumerate(view.columns):
        width = max(MIN_WIDTH, min(MAX_WIDTH, max((len(w) for w in title.split()), default=0) + 2))
        longest = 0
        for row in view.rows:
            value = row[col]
            kind = type(value)
            length = (
                len(value)
                if kind is str
                else len(link_text(value))
                if kind is dict
                else 6
                if kind is float
                else len(str(value))
                if value is not None
                else 0
            )
            if length > longest:
                longest = length
                if longest >= MAX_WIDTH:
                    break
        widths.append(max(width, min(MAX_WIDTH, longest + 1)))
    return widths


def write_workbook(views: list[Table], base: Path | None = None) -> bytes:
    """The workbook of the views; links relative to ``base``, the folder the workbook is written to."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    workbook.set_properties(
        {"title": "Экспертиза муниципальных дорожных карт", "author": "neuspeh", "created": FIXED_DATE}
    )
    formats = {
        "header": workbook.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "border": 1}
        ),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "top": workbook.add_format({"valign": "top"}),
        "percent": workbook.add_format({"num_format": "0%", "valign": "top"}),
        "link": workbook.add_format({"font_color": "#0563C1", "underline": 1, "valign": "top"}),
    }
    colours = {text: workbook.add_format({"bg_color": colour}) for text, colour in STATUS_COLOURS.items()}
    widths = []
    for view in views:
        sheet = workbook.add_worksheet(view.name[:31])
        width = column_widths(view)
        widths.append(width)
        for col, w in enumerate(width):
            sheet.set_column(col, col, w)
        # Header and one cell of every format: XlsxWriter then assigns the style indexes the rows use.
        for col, (title, _) in enumerate(view.columns):
            sheet.write_string(0, col, title, formats["header"])
        for col, name in enumerate(("wrap", "top", "percent", "link")):
            sheet.write_string(1, col % max(1, len(view.columns)), "", formats[name])
        last_row = max(1, len(view.rows))
        sheet.freeze_panes(1, 1 if view.columns and view.columns[0][0] == "Муниципальное образование" else 0)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        if sum(width) <= PAGE_CHARACTERS:
            sheet.fit_to_pages(1, 0)  # a page wide, as many long as it takes
        else:  # squeezed into one page width it would be unreadable: pages side by side, the names on each
            sheet.set_print_scale(70)
            if view.columns and view.columns[0][0] == "Муниципальное образование":
                sheet.repeat_columns(0)
        sheet.repeat_rows(0)  # the header on every printed page
        sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        sheet.set_footer("&C&8&A — страница &P из &N")
        sheet.autofilter(0, 0, last_row, len(view.columns) - 1)
        for col, (_, kind) in enumerate(view.columns):
            if kind in ("status", "item"):
                for text, fmt in colours.items():
                    sheet.conditional_format(
                        1, col, last_row, col, {"type": "text", "criteria": "begins with", "value": text, "format": fmt}
                    )
    workbook.close()
    styles = {name: fmt.xf_index for name, fmt in formats.items()}
    uris: dict[str, str] = {}
    sheets = {
        f"xl/worksheets/sheet{n}.xml": _sheet_data(view, width, styles, uris, base)
        for n, (view, width) in enumerate(zip(views, widths), 1)
    }
    return _replace_sheet_data(
        buffer.getvalue(), sheets, {f"xl/worksheets/sheet{n}.xml": view for n, view in enumerate(views, 1)}
    )


def _sheet_data(
    view: Table, widths: list[int], styles: dict[str, int], uris: dict[str, str], base: Path | None = None
) -> str:
    """The rows as SpreadsheetML. Hot: tens of thousands of rows, so text escapes are memoised and types tested by
    identity.
    """
    n = len(view.columns)
    letters = _column_letters(n)
    spans = f"1:{n}"
    header, top, percent, link = styles["header"], styles["top"], styles["percent"], styles["link"]
    # A column as wide as MAX_WIDTH wraps its text; the others keep one line.
    text_style = [styles["wrap"] if widths[c] >= MAX_WIDTH else top for c in range(n)]
    number_style = [percent if kind == "share" else top for _, kind in view.columns]
    escaped: dict[str, str] = {}
    links: dict[tuple[str, int], str] = {}
    parts = ["<sheetData>", f'<row r="1" spans="{spans}">']
    parts += [
        f'<c r="{letters[c]}1" s="{header}" t="inlineStr"><is><t>{_xml(title)}</t></is></c>'
        for c, (title, _) in enumerate(view.columns)
    ]
    parts.append("</row>")
    append = parts.append
    for r, row in enumerate(view.rows, 2):
        append(f'<row r="{r}" spans="{spans}">')
        for c, value in enumerate(row):
            kind = type(value)
            if kind is str:
                if not value:
                    continue
                text = escaped.get(value)
                if text is None:
                    space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
                    text = escaped[value] = f"<t{space}>{_xml(value)}</t>"
                append(f'<c r="{letters[c]}{r}" s="{text_style[c]}" t="inlineStr"><is>{text}</is></c>')
            elif kind is int or kind is float:
                append(f'<c r="{letters[c]}{r}" s="{number_style[c]}"><v>{value!r}</v></c>')
            elif kind is dict:
                key = (value["path"], value.get("line") or 0)
                cell = links.get(key)
                if cell is None:
                    cell = links[key] = _link_cell(value, uris, link, top, base)
                append(f'<c r="{letters[c]}{r}" {cell}')
            elif kind is bool:
                append(f'<c r="{letters[c]}{r}" s="{top}" t="inlineStr"><is><t>{"да" if value else "нет"}</t></is></c>')
        append("</row>")
    append("</sheetData>")
    return "".join(parts)


def _link_cell(value: dict, uris: dict[str, str], link: int, top: int, base: Path | None = None) -> str:
    """Everything of a link cell after its reference: a HYPERLINK formula whose cached value is the text."""
    text = _xml(link_text(value))
    uri = uris.get(value["path"])
    if uri is None:
        uri = uris[value["path"]] = _xml(file_uri(value["path"], base).replace('"', '""'))
    if len(uri) > 255:  # Excel's limit for a HYPERLINK target: the text alone
        return f's="{top}" t="inlineStr"><is><t>{text}</t></is></c>'
    quoted = text.replace('"', '""')
    return f's="{link}" t="str"><f>HYPERLINK("{uri}","{quoted}")</f><v>{text}</v></c>'


_SHEET_DATA = re.compile(r"<sheetData>.*?</sheetData>|<sheetData/>", re.S)
_DIMENSION = re.compile(r'<dimension ref="[^"]*"/>')


def _replace_sheet_data(data: bytes, sheets: dict[str, str], views: dict[str, Table]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            level = 6
            if item.filename in sheets:
                xml = content.decode("utf-8")
                view = views[item.filename]
                last = _column_letters(len(view.columns))[-1] if view.columns else "A"
                xml = _DIMENSION.sub(f'<dimension ref="A1:{last}{len(view.rows) + 1}"/>', xml, count=1)
                rows = sheets[item.filename]
                xml = _SHEET_DATA.sub(lambda _, rows=rows: rows, xml, count=1)
                content = xml.encode("utf-8")
                level = 1  # big sheets: fast compression is worth a slightly larger file
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            target.writestr(info, content, compresslevel=level)
    return out.getvalue()
