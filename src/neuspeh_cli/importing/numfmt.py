"""Spreadsheet numbers as the user sees them: «044», «03.2025», «31.08.2025», not 44.0 or a date object.

A cell typed «044» or «03.2025» in Excel is often stored as a number with a
display format («000», «00.0000», «mm.yyyy»). python-calamine returns the
value without the format, so for .xlsx the formats are read from the file
(``xlsx_sheet_facts``) and applied here; without a format (.xls, .ods) a number
is written the short way (44, 2.5) and a date as ДД.ММ.ГГГГ.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..domain.dates import MONTH_GENITIVE, MONTH_NAMES

BUILTIN = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    14: "dd.mm.yyyy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    22: "dd.mm.yyyy h:mm",
    49: "@",
}
_DATE_TOKENS = re.compile(r"yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d", re.IGNORECASE)


def _strip(code: str) -> str:
    code = code.split(";")[0]
    code = re.sub(r"\[[^\]]*\]", "", code)  # [$-419], [Red], [h]
    code = re.sub(r'"([^"]*)"', r"\1", code)  # literal text
    return code.replace("\\", "")


def is_date_format(code: str) -> bool:
    return bool(re.search(r"[dy]|m{3,}", _strip(code), re.IGNORECASE)) or _strip(code).lower() in ("mm.yyyy", "m.yyyy")


def format_value(value, code: str | None = None) -> str:
    """The cell's text: strings as they are; numbers and dates by ``code`` when given, else the short way."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "ИСТИНА" if value else "ЛОЖЬ"
    if isinstance(value, dt.datetime | dt.date):
        if code and _day_and_month(code):
            return f"{value.day}.{value.month}"
        return _date(value, code if code and is_date_format(code) else "dd.mm.yyyy")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, int | float):
        if code and code not in ("General", "@"):
            if is_date_format(code):
                day = dt.datetime(1899, 12, 30) + dt.timedelta(days=float(value))
                return f"{day.day}.{day.month}" if _day_and_month(code) else _date(day, code)
            return _number(float(value), _strip(code))
        return _short(float(value))
    return str(value)


def _day_and_month(code: str) -> bool:
    """A day and a month without a year («dd.mmm», «d.m»): what Russian Excel makes of a code typed «1.1» or «2.10»
    (01.янв, 02.окт). As «1.1» the code reads again, and a date reads as «с 1.10» does."""
    bare = re.sub(r"h+|s+|am/pm", "", _strip(code), flags=re.IGNORECASE)
    lowered = bare.lower()
    # «d mmmm» is a date as people write it («15 октября»): kept so
    return "d" in lowered and "m" in lowered and "y" not in lowered and "mmmm" not in lowered


def _short(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _number(value: float, code: str) -> str:
    percent = "%" in code
    if percent:
        value *= 100
    m = re.search(r"([#0,]*)(?:\.([0#]*))?", code.replace(" ", ""))
    whole, decimals = (m.group(1) or "", m.group(2) or "") if m else ("", "")
    places = decimals.count("0")
    text = f"{value:.{places}f}"
    int_part, _, frac = text.partition(".")
    sign = "-" if int_part.startswith("-") else ""
    int_part = int_part.lstrip("-").zfill(whole.count("0"))
    if "#" in decimals and frac:
        frac = frac.rstrip("0")
    result = sign + int_part + (f".{frac}" if frac else "")
    return result + ("%" if percent else "")


def _date(value: dt.date, code: str) -> str:
    code = _strip(code)
    # A month named after its day is in the genitive, as Excel shows it in Russian: «15 октября 2025».
    with_day = bool(re.search(r"d", code, re.IGNORECASE))

    def token(m: re.Match) -> str:
        t = m.group(0).lower()
        if t == "yyyy":
            return f"{value.year:04d}"
        if t == "yy":
            return f"{value.year % 100:02d}"
        if t == "mmmm":
            return (MONTH_GENITIVE if with_day else MONTH_NAMES)[value.month - 1]
        if t == "mmm":
            return MONTH_NAMES[value.month - 1][:3]
        if t == "mm":
            return f"{value.month:02d}"
        if t == "m":
            return str(value.month)
        if t == "dd":
            return f"{value.day:02d}"
        if t == "d":
            return str(value.day)
        return m.group(0)

    return _DATE_TOKENS.sub(token, code.split(" ")[0] if " h" in code.lower() else code)


@dataclass
class SheetFacts:
    """What calamine does not say about an .xlsx sheet: display formats, formulas saved without a value, hidden rows and
    columns (0-based)."""

    formats: dict[tuple[int, int], str] = field(default_factory=dict)  # numeric cells with a format other than General
    uncached: dict[tuple[int, int], str] = field(default_factory=dict)  # formula cells without a saved value → formula
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    filtered: bool = False  # an autofilter with a condition: its hidden rows are filtered out, not hidden by hand


def xlsx_sheet_facts(path, sheet_names: list[str]) -> dict[str, SheetFacts]:
    """Sheet name → ``SheetFacts``, read in one pass over each sheet part."""
    import posixpath
    import zipfile

    from lxml import etree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    result: dict[str, SheetFacts] = {}
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            return result
        codes = dict(BUILTIN)
        xf_formats: list[int] = []
        if "xl/styles.xml" in names:
            styles = etree.fromstring(archive.read("xl/styles.xml"))
            for fmt in styles.iter(main + "numFmt"):
                codes[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "General")
            xfs = styles.find(main + "cellXfs")
            if xfs is not None:
                xf_formats = [int(xf.get("numFmtId", "0")) for xf in xfs.findall(main + "xf")]
        rels = {}
        if "xl/_rels/workbook.xml.rels" in names:
            for rel in etree.fromstring(archive.read("xl/_rels/workbook.xml.rels")):
                rels[rel.get("Id")] = rel.get("Target", "")
        workbook = etree.fromstring(archive.read("xl/workbook.xml"))
        for sheet in workbook.iter(main + "sheet"):
            name = sheet.get("name", "")
            if name not in sheet_names:
                continue
            target = rels.get(sheet.get(rel_ns + "id"), "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            if part in names:
                result[name] = _sheet_facts(archive.open(part), main, codes, xf_formats)
    return result


def _sheet_facts(handle, main: str, codes: dict[int, str], xf_formats: list[int]) -> SheetFacts:
    from lxml import etree

    facts = SheetFacts()
    for _, element in etree.iterparse(handle, tag=(main + "c", main + "row", main + "col", main + "filterColumn")):
        tag = element.tag
        if tag == main + "filterColumn":
            facts.filtered = True
            continue
        if tag == main + "row":
            if element.get("hidden") in ("1", "true"):
                facts.hidden_rows.add(int(element.get("r", "0") or 0) - 1)
            element.clear()
            continue
        if tag == main + "col":
            if element.get("hidden") in ("1", "true"):
                first, last = int(element.get("min", "1")), int(element.get("max", "1"))
                facts.hidden_cols.update(range(first - 1, min(last, first + 16_384)))
            continue
        formula = element.find(main + "f")
        if formula is not None:
            value = element.find(main + "v")
            if (value is None or not (value.text or "")) and element.find(main + "is") is None:
                facts.uncached[_ref(element.get("r", ""))] = formula.text or ""
        style = element.get("s")
        if style and element.get("t") in (None, "n", "d"):
            index = int(style)
            fmt_id = xf_formats[index] if index < len(xf_formats) else 0
            code = codes.get(fmt_id, "General")
            if code not in ("General", "@"):
                facts.formats[_ref(element.get("r", ""))] = code
        element.clear()
    return facts


def _ref(ref: str) -> tuple[int, int]:
    m = re.match(r"([A-Z]+)(\d+)", ref)
    if not m:
        return (-1, -1)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1
