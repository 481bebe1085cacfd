"""The roadmap as a workbook people fill in: XlsxWriter writes it, drop-down lists and all."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from . import layout as L

ROWS_FOR_NEW = 300  # rows below the data that keep the drop-downs and the text format
INSTRUCTION_LINES = (
    ("Форма дорожной карты для заполнения в Excel, LibreOffice Calc или Р7-Офис", "title"),
    ("", ""),
    ("Что где", "heading"),
    ("«Реквизиты» — муниципалитет, срок карты, гриф утверждения и подпись.", ""),
    ("«Школы» — все школы муниципалитета; ШНОР отмечены «да».", ""),
    ("«Раздел I» — результаты входного аудита: выявленные параметры и школы, в которых они проявляются.", ""),
    ("«Раздел II» — мероприятия дорожной карты.", ""),
    ("«Показатели» — показатели качества внутришкольных систем профилактики (мониторинг).", ""),
    ("", ""),
    ("Как заполнять", "heading"),
    ("Правьте значения в ячейках, добавляйте строки внизу таблиц, удаляйте ненужные строки целиком.", ""),
    (
        "В столбцах со стрелкой — выпадающий список. Где можно несколько значений (школы, коды параметров), "
        "выберите одно и допишите остальные через запятую: «СОШ № 5, ООШ № 19», «1.1., 2.3.».",
        "",
    ),
    (
        "Школы называйте краткими наименованиями, как в списке («СОШ № 5»); «все» в столбце «Участвующие ШНОР» — все "
        "ШНОР.",
        "",
    ),
    (
        "Параметры мероприятия — коды из столбца «Код» листа «Раздел I» или «все выявленные параметры». "
        "Новому параметру в разделе I впишите свой код (например, «9.1.») и ссылайтесь на него.",
        "",
    ),
    (
        "Группа: «муниципальное» (организует ТМС или УО), «с участием ШНОР», «контроль» (контроль подготовки и "
        "реализации внутришкольных систем профилактики).",
        "",
    ),
    ("Идентификаторы (латиница) новым строкам можно не писать: программа составит их сама.", ""),
    (
        "Не переименовывайте листы и не меняйте порядок столбцов; скрытый первый столбец («ключ») не трогайте — по "
        "нему программа узнаёт строки.",
        "",
    ),
    ("", ""),
    ("Как перенести в файл данных", "heading"),
    ("Сохраните книгу в формате .xlsx (или .ods) и выполните:", ""),
    ("neuspeh import-form ФОРМА.xlsx КАРТА.yaml", "code"),
    (
        "Программа перенесёт изменения в файл данных, сохранив его комментарии, и перечислит, что изменилось. "
        "С --dry-run — только покажет изменения. Затем: neuspeh validate КАРТА.yaml.",
        "",
    ),
)


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def roadmap_workbook(roadmap: Any, catalog: Any, text: str, source_name: str) -> bytes:
    """The form of ``roadmap`` (read from ``text``) as .xlsx bytes."""

    from ..domain.reference import form_vocabulary
    from ..domain.structure import resolve, school_short_names

    structure = resolve(roadmap, catalog)
    short = school_short_names(roadmap)
    names = _school_labels(roadmap, short)
    out = io.BytesIO()
    book = L.open_book(out, f"Дорожная карта: {roadmap.document.municipality}", L.MARKER)
    fmt = _Formats(book)

    instructions = book.add_worksheet(L.INSTRUCTIONS)
    document_sheet = book.add_worksheet(L.DOCUMENT)
    sheets = {name: book.add_worksheet(name) for name in (L.SCHOOLS, L.AUDIT, L.EVENTS, L.INDICATORS)}
    lists = book.add_worksheet(L.LISTS)

    # Drop-down lists live on a hidden sheet: a list written inline is limited to 255 characters.
    _, forms = form_vocabulary()
    choices = {
        "parameter": [L.catalog_choice(p.title, p.id) for f in catalog.factors for p in f.parameters],
        "factor": [L.catalog_choice(f.title, f.id) for f in catalog.factors],
        "form": list(dict.fromkeys(e.term for e in sorted(forms, key=lambda e: not e.method))),
        "groups": L.group_choices(),
        "schools": [names[s.id] for s in roadmap.schools],
        "shnor": [L.ALL_SHNOR] + [names[s.id] for s in roadmap.schools if s.shnor],
        "parameters": [L.ALL_PARAMETERS]
        + [f"{row.code} {row.title}" for block in structure.factors for row in block.rows],
        "bool": [L.YES],
    }
    lists.write_row(0, 0, [L.MARKER, L.FORMAT_VERSION, text_digest(text), source_name])
    sources = {}
    for column, (kind, values) in enumerate(choices.items()):
        lists.write_string(1, column, kind)
        for row, value in enumerate(values, 2):
            lists.write_string(row, column, value)
        letter = L.column_letter(column)
        sources[kind] = f"='{L.LISTS}'!${letter}$3:${letter}${max(3, len(values) + 2)}"
    lists.hide()

    _instructions(instructions, fmt)
    _document(document_sheet, roadmap, fmt)

    code_of = {row.index: row.code for block in structure.factors for row in block.rows}
    rows = {
        L.SCHOOLS: [
            (_key(s.id, i, [x.id for x in roadmap.schools]), _school_values(s)) for i, s in enumerate(roadmap.schools)
        ],
        L.AUDIT: [
            (_key(f.ref, i, [x.ref for x in roadmap.audit]), _finding_values(f, code_of.get(i, ""), names, catalog))
            for i, f in enumerate(roadmap.audit)
        ],
        L.EVENTS: [
            (_key(e.id, i, [x.id for x in roadmap.events]), _event_values(e, roadmap, structure, names))
            for i, e in enumerate(roadmap.events)
        ],
        L.INDICATORS: [
            (_key(q.id, i, [x.id for x in roadmap.monitoring.quality_indicators]), _indicator_values(q))
            for i, q in enumerate(roadmap.monitoring.quality_indicators)
        ],
    }
    for name, sheet in sheets.items():
        _table(sheet, L.SHEET_COLUMNS[name], rows[name], sources, fmt)
    instructions.activate()
    book.close()
    return out.getvalue()


def _school_labels(roadmap: Any, short: dict[str, str]) -> dict[str, str]:
    """How the form names each school: its short name, or its id where two schools share one."""
    counts: dict[str, int] = {}
    for name in short.values():
        counts[name.lower()] = counts.get(name.lower(), 0) + 1
    return {s.id: short[s.id] if counts[short[s.id].lower()] == 1 and short[s.id] else s.id for s in roadmap.schools}


def _key(natural: str, index: int, all_keys: list[str]) -> str:
    return natural if natural and all_keys.count(natural) == 1 else f"#{index}"


def _school_values(school: Any) -> dict[str, Any]:
    return {"id": school.id, "name": school.name, "short": school.short, "shnor": school.shnor}


def _finding_values(finding: Any, code: str, names: dict[str, str], catalog: Any) -> dict[str, Any]:
    parameter = catalog.parameters.get(finding.parameter)
    factor = catalog.factors_by_id.get(finding.factor)
    return {
        "code": code,
        "parameter": L.catalog_choice(parameter.title, parameter.id) if parameter else finding.parameter,
        "title": finding.title,
        "id": finding.id,
        "factor": L.catalog_choice(factor.title, factor.id) if factor else finding.factor,
        "schools": ", ".join(names.get(s, s) for s in finding.schools),
    }


def _event_values(event: Any, roadmap: Any, structure: Any, names: dict[str, str]) -> dict[str, Any]:
    if event.addresses_all:
        parameters = L.ALL_PARAMETERS
    else:
        parameters = ", ".join(structure.code_of.get(ref, ref) for ref in event.parameter_refs)
    return {
        "id": event.id,
        "name": event.name,
        "form": event.form,
        "parameters": parameters,
        "groups": L.groups_label(event.stated_groups),
        "shnor": L.ALL_SHNOR if event.all_shnor else ", ".join(names.get(s, s) for s in event.shnor_ids),
        "contingent": event.contingent,
        "place": event.place,
        "dates": event.dates,
        "responsible": event.responsible,
        "monitoring": bool(event.id) and event.id in roadmap.monitoring.event_ids,
        "draft": event.draft,
    }


def _indicator_values(indicator: Any) -> dict[str, Any]:
    return {
        name: getattr(indicator, name) for name in ("id", "text", "unit", "baseline", "target", "source", "frequency")
    }


class _Formats:
    def __init__(self, book: Any):
        self.header = book.add_format(L.HEADER_STYLE)
        self.text = book.add_format({"num_format": "@", "valign": "top"})
        self.wrap = book.add_format({"num_format": "@", "valign": "top", "text_wrap": True})
        self.number = book.add_format({"valign": "top"})
        self.code = book.add_format({"num_format": "@", "valign": "top", "font_color": "#595959"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.heading = book.add_format({"bold": True, "font_size": 12})
        self.mono = book.add_format({"font_name": "Courier New", "bg_color": "#F2F2F2"})
        self.plain = book.add_format({"text_wrap": True, "valign": "top"})
        self.label = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})


def _instructions(sheet: Any, fmt: _Formats) -> None:
    sheet.set_column(0, 0, 110, fmt.plain)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    for row, (text, style) in enumerate(INSTRUCTION_LINES):
        sheet.write_string(
            row, 0, text, {"title": fmt.title, "heading": fmt.heading, "code": fmt.mono}.get(style, fmt.plain)
        )
        if len(text) > 100:
            # Not every reader recalculates the height of wrapped rows: set it from the length.
            sheet.set_row(row, 15 * (len(text) // 100 + 1))


def _document(sheet: Any, roadmap: Any, fmt: _Formats) -> None:
    sheet.set_column(0, 0, 4, None, {"hidden": True})
    sheet.set_column(1, 1, 46, fmt.label)
    sheet.set_column(2, 2, 90, fmt.wrap)
    sheet.write_row(0, 0, ["ключ", "Реквизит", "Значение"], fmt.header)
    sheet.freeze_panes(1, 0)
    data = roadmap.model_dump()
    for row, (path, label) in enumerate(L.DOCUMENT_FIELDS, 1):
        value: Any = data
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        sheet.write_string(row, 0, path)
        sheet.write_string(row, 1, label, fmt.label)
        if isinstance(value, int) and not isinstance(value, bool):
            sheet.write_number(row, 2, value, fmt.number)
        else:
            sheet.write_string(row, 2, "" if value is None else str(value), fmt.wrap)


def _table(sheet: Any, columns: tuple, rows: list[tuple[str, dict]], sources: dict[str, str], fmt: _Formats) -> None:
    sheet.set_column(0, 0, 4, fmt.text, {"hidden": True})
    sheet.write_string(0, 0, "ключ", fmt.header)
    last = len(rows) + ROWS_FOR_NEW
    for c, column in enumerate(columns, 1):
        cell = (
            fmt.number
            if column.kind == "number"
            else fmt.code
            if column.kind == "code"
            else fmt.wrap
            if column.wrap
            else fmt.text
        )
        sheet.set_column(c, c, column.width, cell)
        sheet.write_string(0, c, column.header, fmt.header)
        options: dict[str, Any] = {"input_title": column.header[:32]} if column.hint else {}
        if column.hint:
            options["input_message"] = column.hint[:255]
        source = sources.get(column.kind)
        if source:
            # Free text stays allowed: several schools or codes, a form of one's own.
            options.update({"validate": "list", "source": source, "show_error": False})
        elif column.kind == "number":
            options.update(
                {
                    "validate": "decimal",
                    "criteria": "between",
                    "minimum": -1e9,
                    "maximum": 1e9,
                    "error_message": "Введите число.",
                }
            )
        if options:
            options.setdefault("validate", "any")
            sheet.data_validation(1, c, last, c, options)
    for r, (key, values) in enumerate(rows, 1):
        sheet.write_string(r, 0, key, fmt.text)
        for c, column in enumerate(columns, 1):
            value = values.get(column.field)
            if column.kind == "bool":
                sheet.write_string(r, c, L.YES if value else "", fmt.text)
            elif column.kind == "number":
                if value is not None:
                    sheet.write_number(r, c, value, fmt.number)
            elif value:
                sheet.write_string(
                    r, c, str(value), fmt.code if column.kind == "code" else fmt.wrap if column.wrap else fmt.text
                )
    sheet.freeze_panes(1, 2)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.autofilter(0, 1, max(1, len(rows)), len(columns))
