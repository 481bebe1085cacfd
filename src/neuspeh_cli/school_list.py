"""The list of a municipality's schools given to ``audit init --schools``: a text file or a CSV from Excel."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import SchoolListError

_HEADER_NAMES = {"name", "наименование", "название", "школа", "оо"}
_SHNOR_NAMES = {"shnor", "шнор"}
_TRUE = {"true", "yes", "y", "1", "+", "да", "д", "x", "х", "шнор"}
_FALSE = {"false", "no", "n", "0", "-", "–", "нет", "н", ""}


@dataclass(frozen=True)
class SchoolEntry:
    name: str
    shnor: bool = False
    id: str = ""  # kept when the school comes from a previous roadmap, so its findings still refer to it


# ---------------------------------------------------------------- school list


def _decode(raw: bytes, name: str) -> str:
    from .reading.yamlread import _looks_like_cp1251

    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel saves «CSV (разделители — точка с запятой)» in Windows-1251.
        if _looks_like_cp1251(raw):
            return raw.decode("cp1251")
        raise SchoolListError(
            f"{name}:1:1: список школ не в кодировке UTF-8 (или это не текст): сохраните его как текст в UTF-8"
        ) from None


def read_school_list(path: Path) -> list[SchoolEntry]:
    """Schools from a text file (one name per line) or a CSV with columns name[,shnor].

    A CSV is recognised by its extension (.csv, .tsv), a header row (name;shnor)
    or a semicolon/tab on every line; commas alone do not make a CSV, because
    school names contain them. Lines starting with «#» and empty lines are
    skipped. Raises ``SchoolListError`` with file:line:column.
    """
    from .errors import ReadError
    from .reading.files import MAX_BYTES, read_bytes

    name = str(path)
    try:
        raw = read_bytes(path, MAX_BYTES)  # guarded: a FIFO or /dev/zero given as the list is refused at once
    except ReadError as exc:
        if "не найден" in exc.message:
            raise SchoolListError(f"{name}: файл со списком школ не найден: проверьте путь") from None
        raise SchoolListError(f"{name}: файл со списком школ не читается: {exc.message}") from None
    text = _decode(raw, name)
    lines = [
        (i, line) for i, line in enumerate(text.splitlines(), 1) if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        raise SchoolListError(
            f"{name}:1:1: в списке нет ни одной школы: одна школа в строке или CSV со столбцами name;shnor"
        )
    if _is_csv(Path(path), [line for _, line in lines]):
        entries = _read_csv(lines, name)
    else:
        entries = [(i, SchoolEntry(" ".join(line.split()))) for i, line in lines]
    from .domain.schools import name_key

    # «МБОУ СОШ № 5» and «МБОУ "СОШ №5"» are one school written twice, not two schools «sosh5» and «sosh5-2».
    seen: dict[str, tuple[int, str]] = {}
    for line_no, entry in entries:
        key = name_key(entry.name)
        if key in seen:
            first, written = seen[key]
            as_written = "" if written == entry.name else f" («{written}»)"
            raise SchoolListError(
                f"{name}:{line_no}:1: школа «{entry.name}» уже указана в строке {first}{as_written}: оставьте одну"
            )
        seen[key] = (line_no, entry.name)
    return [entry for _, entry in entries]


def _is_csv(path: Path, lines: list[str]) -> bool:
    if path.suffix.lower() in (".csv", ".tsv"):
        return True
    first = re.split(r"[;,\t]", lines[0], maxsplit=1)
    if len(first) == 2 and first[0].strip().strip('"').lower() in _HEADER_NAMES:
        return True
    return all(";" in line or "\t" in line for line in lines)


def _delimiter(first_line: str) -> str:
    for candidate in (";", "\t", ","):
        if candidate in first_line:
            return candidate
    return ","


def _read_csv(lines: list[tuple[int, str]], name: str) -> list[tuple[int, SchoolEntry]]:
    delimiter = _delimiter(lines[0][1])
    rows = [(i, row) for i, line in lines for row in csv.reader(io.StringIO(line), delimiter=delimiter)]
    name_col, shnor_col = 0, 1
    header = [cell.strip().lower() for cell in rows[0][1]]
    if (header and header[0] in _HEADER_NAMES | _SHNOR_NAMES) or (len(header) > 1 and header[1] in _SHNOR_NAMES):
        name_col = next((k for k, cell in enumerate(header) if cell in _HEADER_NAMES), None)
        if name_col is None:
            raise SchoolListError(f"{name}:{rows[0][0]}:1: в заголовке CSV нет столбца name (наименование школы)")
        shnor_col = next((k for k, cell in enumerate(header) if cell in _SHNOR_NAMES), None)
        rows = rows[1:]
    result = []
    for line_no, row in rows:
        school = " ".join(row[name_col].split()) if name_col < len(row) else ""
        if not school:
            raise SchoolListError(f"{name}:{line_no}:1: пустое наименование школы")
        shnor = False
        if shnor_col is not None and shnor_col < len(row):
            value = row[shnor_col].strip().lower()
            if value in _TRUE:
                shnor = True
            elif value not in _FALSE:
                column = _column_of(row, shnor_col, delimiter)
                raise SchoolListError(
                    f"{name}:{line_no}:{column}: в столбце shnor «{row[shnor_col].strip()}»: напишите «да» (ШНОР) или "
                    "«нет»"
                )
        result.append((line_no, SchoolEntry(school, shnor)))
    if not result:
        raise SchoolListError(f"{name}:{lines[0][0]}:1: в списке нет ни одной школы, только заголовок")
    return result


def _column_of(row: list[str], index: int, delimiter: str) -> int:
    return sum(len(cell) + len(delimiter) for cell in row[:index]) + 1
