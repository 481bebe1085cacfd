"""A filled form → what each list of the roadmap should hold, with every problem tied to its cell.

python-calamine reads .xlsx and .ods alike. The reader knows nothing of YAML:
it gives rows (their key, the values as the model writes them) and the
document's fields; ``apply`` puts them into the file.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.schools import name_key
from ..errors import FormError
from . import layout as L

_ID = re.compile(r"^[\w.\-]+$")
MAX_FORM_BYTES = 20 * 1024 * 1024


@dataclass
class Row:
    key: str  # the hidden key: the item it came from («» for a new row)
    number: int  # 1-based row of the sheet
    values: dict[str, Any]


@dataclass
class FormData:
    path: Path
    digest: str
    source_name: str
    document: dict[str, Any] = field(default_factory=dict)  # dotted path → value («» or None when empty)
    sections: dict[str, list[Row]] = field(default_factory=dict)  # section path → rows in sheet order
    monitoring: list[str] = field(default_factory=list)  # ids of the events marked «мониторинг»


def cell_text(value: Any) -> str:
    """A cell as the text a person sees: 112.0 is «112», a date is «18.03.2025»."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return L.YES if value else ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y") if not (value.hour or value.minute) else value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    text = str(value).replace("\r", "").translate(_INVISIBLE)
    return " ".join(text.split()) if "\n" not in text else text.strip()


# Zero-width spaces, soft hyphens and control characters pasted into a cell: invisible in Excel, yet «ОО\u200b» is not
# «ОО» to a search, and YAML cannot hold a control character.
_INVISIBLE = str.maketrans(
    dict.fromkeys(
        [0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, *range(0x00, 0x09), 0x0E, 0x0F, *range(0x10, 0x20), 0x7F]
    )
)


def _sheets(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet's cells; the archive is checked first (size, zip bombs, rows and cells), as every input is."""
    import io

    from python_calamine import CalamineWorkbook

    from ..reading.archives import check_archive
    from ..reading.files import read_bytes

    data = read_bytes(path, limit=MAX_FORM_BYTES)
    check_archive(data, str(path), what="книга Excel или OpenDocument")
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in names}
    except Exception as exc:  # calamine's own errors, OSError, ValueError for a broken file
        raise FormError(
            f"{path}: файл не читается как книга Excel или OpenDocument ({exc.__class__.__name__}): откройте его и "
            "сохраните заново как .xlsx"
        ) from None


def looks_like_form(path: Path) -> bool:
    """Whether the workbook at ``path`` has the form's sheets, judged from its list of sheets alone (never inflating the
    cells).
    """
    import zipfile

    from ..reading.files import check_regular

    try:
        check_regular(path, str(path), limit=MAX_FORM_BYTES)
        with zipfile.ZipFile(path) as archive:
            part = "xl/workbook.xml" if "xl/workbook.xml" in archive.NameToInfo else "content.xml"
            info = archive.NameToInfo.get(part)
            if info is None or info.file_size > 4 * 1024 * 1024:
                return False
            head = archive.read(part).decode("utf-8", "replace")
    except Exception:  # anything unreadable is for the importer to explain
        return False
    return all(f'name="{name}"' in head for name in (L.LISTS, L.DOCUMENT, L.EVENTS))


def read_form(path: Path, roadmap: Any, catalog: Any) -> FormData:
    """Read the form at ``path`` against the roadmap it updates. Raises ``FormError`` with every problem found."""
    path = Path(path)
    sheets = _sheets(path)
    lists = sheets.get(L.LISTS) or [[]]
    head = lists[0] if lists else []
    if not head or head[0] != L.MARKER:
        raise FormError(
            f"{path}: это не форма neuspeh (нет скрытого листа «{L.LISTS}»); форму выгружает `neuspeh export "
            "КАРТА.yaml`, а чужую таблицу переносит `neuspeh import`"
        )
    missing = [name for name in (L.DOCUMENT, *L.SHEET_COLUMNS) if name not in sheets]
    if missing:
        raise FormError(f"{path}: в форме нет листа «{missing[0]}»: не переименовывайте листы формы")
    form = FormData(path, cell_text(head[2]) if len(head) > 2 else "", cell_text(head[3]) if len(head) > 3 else "")
    reader = _Reader(form, roadmap, catalog)
    reader.read(sheets)
    if reader.problems:
        shown = reader.problems[:50]
        more = [f"… и ещё {len(reader.problems) - 50}"] if len(reader.problems) > 50 else []
        raise FormError(
            f"{path}: форма не перенесена — исправьте ячейки и повторите ({len(reader.problems)}):", shown + more
        )
    return form


class _Reader:
    def __init__(self, form: FormData, roadmap: Any, catalog: Any):
        self.form, self.roadmap, self.catalog = form, roadmap, catalog
        self.problems: list[str] = []
        self.school_ids: dict[str, str] = {}  # a way to name a school (``name_key``) → its id
        self.shnor: set[str] = set()
        self.codes: dict[str, str] = {}  # a code of section I → the finding's ref
        # sheet → the sheet's column of the key, then of each of the form's columns in their order: a user may drag
        # columns about; the values follow their headers, not their places.
        self.columns: dict[str, list[int]] = {}

    def problem(self, sheet: str, row: int, column: int, message: str) -> None:
        """``column``: the form's own place of the column (0 the key, 1 the first shown), found where it was moved."""
        places = self.columns.get(sheet)
        actual = places[column] if places and 0 <= column < len(places) and places[column] >= 0 else column
        self.problems.append(f"{self.form.path.name}, лист «{sheet}», {L.cell_name(row - 1, actual)}: {message}")

    def _locate(self, sheet: str, values: list[list[Any]]) -> list[int]:
        """Where the key and each of the form's columns are on the sheet (``layout.locate_columns``)."""
        titles = ["ключ", *(c.header for c in L.SHEET_COLUMNS[sheet])]
        places, problems = L.locate_columns(values, titles, cell_text)
        self.columns[sheet] = places
        self.problems += [f"{self.form.path.name}, лист «{sheet}», {problem}" for problem in problems]
        return places

    def read(self, sheets: dict[str, list[list[Any]]]) -> None:
        self._document(sheets[L.DOCUMENT])
        self._schools(self._rows(L.SCHOOLS, sheets[L.SCHOOLS]))
        self._audit(self._rows(L.AUDIT, sheets[L.AUDIT]))
        self._events(self._rows(L.EVENTS, sheets[L.EVENTS]))
        self._indicators(self._rows(L.INDICATORS, sheets[L.INDICATORS]))

    # ------------------------------------------------------------ the sheets

    def _rows(self, sheet: str, values: list[list[Any]]) -> list[tuple[int, str, list[Any]]]:
        """(sheet row, key, raw cells of the form's columns in the form's order) for every row with something in it."""
        places = self._locate(sheet, values)
        found = []
        for number, raw in enumerate(values[1:], 2):
            picked = [raw[p] if 0 <= p < len(raw) else None for p in places]
            cells = picked[1:]
            if any(cell_text(c) for c in cells):
                found.append((number, cell_text(picked[0]), cells))
        return found

    def _document(self, values: list[list[Any]]) -> None:
        for number, raw in enumerate(values[1:], 2):
            if len(raw) < 3 or not cell_text(raw[0]):
                continue
            path, value = cell_text(raw[0]), raw[2]
            if path not in dict(L.DOCUMENT_FIELDS):
                continue
            if path == "document.year":
                text = cell_text(value)
                if text and not re.fullmatch(r"\d{4}", text):
                    self.problem(
                        L.DOCUMENT,
                        number,
                        2,
                        f"год — четыре цифры («2025»), а не «{text}»; учебный год — в строках срока",
                    )
                    continue
                self.form.document[path] = int(text) if text else None
            elif path.startswith("document.period.") and isinstance(value, datetime.date):
                # «сентябрь 2025» typed in Excel becomes a date (shown «сен.25»): the month and year it means.
                from ..domain.dates import MONTH_NAMES

                self.form.document[path] = f"{MONTH_NAMES[value.month - 1]} {value.year}"
            else:
                self.form.document[path] = cell_text(value)

    def _schools(self, rows) -> None:
        from ..domain.schools import short_name

        section = self.form.sections.setdefault("schools", [])
        taken = {cell_text(cells[0]) for _, _, cells in rows}
        for number, key, cells in rows:
            school_id, name, short, shnor = (cell_text(c) for c in cells)
            if not name:
                self.problem(L.SCHOOLS, number, 2, "нет наименования школы")
                continue
            label = short or short_name(name)
            if not school_id:
                school_id = base = L.school_id_for(label)
                n = 1
                while school_id in taken:
                    n += 1
                    school_id = f"{base}-{n}"
                taken.add(school_id)
            elif not _ID.match(school_id):
                self.problem(
                    L.SCHOOLS, number, 1, f"идентификатор «{school_id}» — только латинские буквы, цифры, «-», «_» и «.»"
                )
                continue
            flag = self._bool(L.SCHOOLS, number, 4, shnor)
            for way in (school_id, name, label):
                self.school_ids.setdefault(name_key(way), school_id)
            if flag:
                self.shnor.add(school_id)
            section.append(Row(key, number, {"id": school_id, "name": name, "short": short, "shnor": flag}))

    def _audit(self, rows) -> None:
        section = self.form.sections.setdefault("audit", [])
        own = 0
        for number, key, cells in rows:
            code, parameter, title, own_id, factor, schools = (cell_text(c) for c in cells)
            values: dict[str, Any] = {"parameter": "", "title": title, "id": "", "factor": ""}
            if parameter:
                ref = L.choice_id(parameter) or self._catalog_id(parameter)
                if ref is None or ref not in self.catalog.parameters:
                    self.problem(
                        L.AUDIT,
                        number,
                        2,
                        f"параметра «{parameter}» нет в «Конструкторе»: выберите его из списка или опишите "
                        "собственный в столбцах справа",
                    )
                    continue
                values["parameter"] = ref
            elif title:
                factor_id = L.choice_id(factor) or factor
                if factor_id not in self.catalog.factors_by_id:
                    self.problem(L.AUDIT, number, 5, "у собственного параметра укажите фактор (выберите из списка)")
                    continue
                if not own_id:
                    own += 1
                    own_id = f"own-{own}"
                    while any(f.id == own_id for f in self.roadmap.audit):
                        own += 1
                        own_id = f"own-{own}"
                values.update(id=own_id, factor=factor_id)
            else:
                self.problem(
                    L.AUDIT,
                    number,
                    2,
                    "выберите параметр «Конструктора» или опишите собственный (формулировка и фактор)",
                )
                continue
            if own_id and not _ID.match(own_id):
                self.problem(
                    L.AUDIT, number, 4, f"идентификатор «{own_id}» — только латинские буквы, цифры, «-», «_» и «.»"
                )
                continue
            if own_id and parameter:
                values["id"] = own_id
            if _all_shnor(schools):
                # «все ШНОР» in section I: the schools marked ШНОР on the sheet «Школы», in its order.
                values["schools"] = [r.values["id"] for r in self.form.sections.get("schools", []) if r.values["shnor"]]
            else:
                values["schools"] = self._school_list(L.AUDIT, number, 6, schools)
            ref = values["id"] or values["parameter"]
            if code:
                self.codes.setdefault(L.normal_code(code), ref)
            self.codes.setdefault(ref, ref)
            section.append(Row(key, number, values))

    def _catalog_id(self, text: str) -> str | None:
        if text in self.catalog.parameters:
            return text
        wanted = _spaced(text)
        return next((p.id for p in self.catalog.parameters.values() if _spaced(p.title) == wanted), None)

    def _events(self, rows) -> None:
        section = self.form.sections.setdefault("events", [])
        taken = {cell_text(cells[0]) for _, _, cells in rows} | {e.id for e in self.roadmap.events}
        next_number = 0
        for number, key, cells in rows:
            texts = [cell_text(c) for c in cells]
            (
                event_id,
                name,
                form,
                parameters,
                groups,
                shnor,
                contingent,
                place,
                dates,
                responsible,
                monitoring,
                draft,
            ) = texts
            if event_id and not _ID.match(event_id):
                self.problem(
                    L.EVENTS, number, 1, f"идентификатор «{event_id}» — только латинские буквы, цифры, «-», «_» и «.»"
                )
                continue
            if not event_id and not key:
                next_number += 1
                while f"e{next_number:02d}" in taken:
                    next_number += 1
                event_id = f"e{next_number:02d}"
                taken.add(event_id)
            values = {
                "id": event_id,
                "name": name,
                "form": form,
                "parameters": self._parameters(number, parameters),
                "groups": self._groups(number, groups),
                "shnor": L.ALL_SHNOR if _all_shnor(shnor) else self._school_list(L.EVENTS, number, 6, shnor),
                "contingent": contingent,
                "place": place,
                "dates": dates,
                "responsible": responsible,
                "draft": self._bool(L.EVENTS, number, 12, draft),
            }
            if self._bool(L.EVENTS, number, 11, monitoring):
                if event_id:
                    self.form.monitoring.append(event_id)
                else:
                    self.problem(
                        L.EVENTS,
                        number,
                        1,
                        "у мероприятия-мониторинга должен быть идентификатор: на него ссылается раздел мониторинга",
                    )
            section.append(Row(key, number, values))

    def _parameters(self, number: int, text: str) -> list[str] | str:
        if text.lower() in ("все", "все выявленные параметры", "all"):
            return L.ALL_PARAMETERS
        picked = re.match(r"^(\d+(?:\.\d+)*\.?)\s+\D", text)  # an entry of the drop-down: «1.1. Title»
        parts = [picked.group(1)] if picked else L.split_list(text)
        refs = []
        for part in parts:
            ref = self.codes.get(L.normal_code(part)) or self.codes.get(part)
            if ref is None:
                self.problem(L.EVENTS, number, 4, f"кода «{part}» нет в столбце «Код» листа «{L.AUDIT}»")
            elif ref not in refs:
                refs.append(ref)
        return refs

    def _groups(self, number: int, text: str) -> list[str]:
        by_label = {label.lower(): group for group, label in L.GROUP_LABELS.items()} | {g: g for g in L.GROUP_LABELS}
        found = set()
        for part in L.split_list(_folded(text).lower()):
            group = by_label.get(part)
            if group is None:
                self.problem(
                    L.EVENTS,
                    number,
                    5,
                    f"группа «{part}» неизвестна: выберите из списка («муниципальное», «с участием ШНОР», «контроль»)",
                )
            else:
                found.add(group)
        return [g for g in L.GROUP_LABELS if g in found]

    def _school_list(self, sheet: str, number: int, column: int, text: str) -> list[str]:
        ids = []
        for part in L.split_list(text):
            school_id = self.school_ids.get(name_key(part))
            if school_id is None:
                self.problem(sheet, number, column, f"школы «{part}» нет на листе «{L.SCHOOLS}»")
            elif school_id not in ids:
                ids.append(school_id)
        return ids

    def _bool(self, sheet: str, number: int, column: int, text: str) -> bool:
        lowered = _folded(text).lower()
        if lowered in ("", "нет", "-", "–", "0", "false"):
            return False
        if lowered in ("да", "+", "1", "true", "✓", "x", "х"):
            return True
        self.problem(sheet, number, column, f"здесь «да» или пусто, а не «{text}»")
        return False

    def _indicators(self, rows) -> None:
        section = self.form.sections.setdefault("monitoring.indicators", [])
        taken = {cell_text(cells[0]) for _, _, cells in rows} | {
            q.id for q in self.roadmap.monitoring.quality_indicators
        }
        n = 0
        for number, key, cells in rows:
            indicator_id, text, unit, baseline, target, source, frequency = cells
            indicator_id = cell_text(indicator_id)
            if not indicator_id and not key:
                n += 1
                while f"q{n}" in taken:
                    n += 1
                indicator_id = f"q{n}"
                taken.add(indicator_id)
            values = {
                "id": indicator_id,
                "text": cell_text(text),
                "unit": cell_text(unit),
                "baseline": self._number(number, 4, baseline),
                "target": self._number(number, 5, target),
                "source": cell_text(source),
                "frequency": cell_text(frequency),
            }
            section.append(Row(key, number, values))

    def _number(self, number: int, column: int, value: Any) -> float | None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        text = cell_text(value).replace(",", ".").replace("\u00a0", "").replace(" ", "").rstrip("%")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            self.problem(L.INDICATORS, number, column, f"здесь число, а не «{cell_text(value)}»")
            return None


def _folded(text: str) -> str:
    """A choice typed over a drop-down with a Latin look-alike («муниципальнoе», «дa»): the choice it looks like (the
    message «группа «муниципальнoе» неизвестна» would show two identical words)."""
    from ..reading.homoglyphs import fold_to_cyrillic

    return fold_to_cyrillic(text)


def _all_shnor(text: str) -> bool:
    """«все», «все ШНОР» (a full stop, a Latin look-alike aside) in a list of schools: every ШНОР, one rule for both
    sheets, as the data file's own (``domain.roadmap.ALL_SHNOR_WORDS``)."""
    from ..domain.roadmap import ALL_SHNOR_WORDS

    return _folded(text).strip().rstrip(".").lower() in ALL_SHNOR_WORDS


def _spaced(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").replace("№", "№ ").split())
