"""The report's plan against its fact as a workbook: one row per event of the roadmap, the fact to fill in.

The plan (number, name, planned dates) is shown and never read back; the fact
(status, dates held, participants, feedback, evidence) is put into the report
file in place, only where a cell differs from the file, comments kept. Rows are
the report's ``events`` items, matched by the event's id in the hidden key column.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import layout as L
from .read import FormError, cell_text

MARKER = "neuspeh-report-form"
SHEET = "План и факт"


@dataclass(frozen=True)
class FactColumn:
    path: str  # dotted, inside one item of the report's events
    header: str
    width: int
    kind: str = "text"  # text, count, status


PLAN_HEADERS = (("№", 5), ("Мероприятие", 44), ("Срок по плану", 16))
FACT_COLUMNS = (
    FactColumn("status", "Статус", 14, "status"),
    FactColumn("held", "Фактические даты", 16),
    FactColumn("new_date", "Новый срок (перенесено)", 16),
    FactColumn("reason", "Причина переноса или отмены", 24),
    FactColumn("participants.heads", "Руководители", 12, "count"),
    FactColumn("participants.teachers", "Педагоги", 10, "count"),
    FactColumn("participants.students", "Обучающиеся", 12, "count"),
    FactColumn("participants.parents", "Родители", 10, "count"),
    FactColumn("participants.specialists", "Специалисты", 12, "count"),
    FactColumn("participants.shnor", "Из них из ШНОР", 12, "count"),
    FactColumn("feedback.respondents", "Ответили на анкету", 12, "count"),
    FactColumn("feedback.positive", "Оценили положительно", 12, "count"),
    FactColumn("feedback.remarks", "Замечания участников", 28),
    FactColumn("evidence.order", "Приказ", 24),
    FactColumn("evidence.minutes", "Протокол, справка", 24),
    FactColumn("evidence.link", "Ссылка на материалы", 24),
    FactColumn("note", "Примечание", 24),
)


def _get(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def report_workbook(report: Any, roadmap: Any, text: str) -> bytes:
    from ..domain.report import STATUSES
    from .write import text_digest

    out = io.BytesIO()
    book = L.open_book(out, f"Отчёт о реализации дорожной карты: {roadmap.document.municipality}", MARKER)
    formats = {
        "header": book.add_format(L.HEADER_STYLE),
        "plan": book.add_format({"text_wrap": True, "valign": "top", "font_color": "#595959", "bg_color": "#F2F2F2"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top", "num_format": "@"}),
        "number": book.add_format({"valign": "top"}),
        "plain": book.add_format({"text_wrap": True, "valign": "top"}),
    }
    instructions = _instructions(book, formats["plain"], report, roadmap)
    sheet = book.add_worksheet(SHEET)
    _plan_and_fact(sheet, formats, report, roadmap)
    # the form's marker and the digest of the report's text it was made from; the statuses to choose from
    lists = book.add_worksheet(L.LISTS)
    lists.write_row(0, 0, [MARKER, 1, text_digest(text)])
    for i, status in enumerate(STATUSES, 2):
        lists.write_string(i, 0, status)
    _validations(sheet, len(report.events), len(STATUSES))
    sheet.freeze_panes(1, 3)
    lists.hide()
    instructions.activate()
    book.close()
    return out.getvalue()


def _instructions(book: Any, plain: Any, report: Any, roadmap: Any) -> Any:
    instructions = book.add_worksheet(L.INSTRUCTIONS)
    instructions.set_column(0, 0, 110, plain)
    lines = [
        f"Отчёт о реализации дорожной карты: {roadmap.document.municipality}, {report.period.title()}",
        "",
        f"Лист «{SHEET}»: серые столбцы — план (из дорожной карты, не меняются), остальные — факт по каждому "
        "мероприятию.",
        "Статус — из списка; для перенесённого укажите новый срок и причину, для отменённого — причину.",
        "Участники — число человек по категориям; «Из них из ШНОР» — сколько из всех участников из ШНОР.",
        "Пустая ячейка — «ещё не заполнено» (не ноль).",
        "Перенести в файл отчёта: neuspeh import-form ФОРМА.xlsx ОТЧЁТ.yaml",
    ]
    for row, line in enumerate(lines):
        instructions.write_string(row, 0, line, plain)
    return instructions


def _plan_and_fact(sheet: Any, formats: dict, report: Any, roadmap: Any) -> None:
    """A row an event of the report: its key hidden, the plan in grey, the fact as the report has it so far."""
    header, plan, wrap, number = formats["header"], formats["plan"], formats["wrap"], formats["number"]
    sheet.set_column(0, 0, 4, None, {"hidden": True})
    sheet.write_string(0, 0, "ключ", header)
    for c, (title, width) in enumerate(PLAN_HEADERS, 1):
        sheet.set_column(c, c, width, plan)
        sheet.write_string(0, c, title, header)
    first = 1 + len(PLAN_HEADERS)
    for c, column in enumerate(FACT_COLUMNS, first):
        sheet.set_column(c, c, column.width, number if column.kind == "count" else wrap)
        sheet.write_string(0, c, column.header, header)
    numbers = {e.id: (n, e) for n, e in enumerate(roadmap.events, 1) if e.id}
    for r, item in enumerate(report.events, 1):
        values = item.model_dump()
        n, event = numbers.get(item.event, (None, None))
        sheet.write_string(r, 0, item.event)
        sheet.write_string(r, 1, f"{n}." if n else "", plan)
        sheet.write_string(r, 2, event.name if event else item.event, plan)
        sheet.write_string(r, 3, event.dates if event else "", plan)
        for c, column in enumerate(FACT_COLUMNS, first):
            value = _get(values, column.path)
            if value is None or value == "":
                continue
            if column.kind == "count":
                sheet.write_number(r, c, value, number)
            else:
                sheet.write_string(r, c, str(value), wrap)


def _validations(sheet: Any, last: int, statuses: int) -> None:
    """The status from the list, a count a whole number from 0: Excel refuses other values as they are typed."""
    for c, column in enumerate(FACT_COLUMNS, 1 + len(PLAN_HEADERS)):
        if column.kind == "status":
            sheet.data_validation(
                1, c, max(1, last), c, {"validate": "list", "source": f"='{L.LISTS}'!$A$3:$A${2 + statuses}"}
            )
        elif column.kind == "count":
            sheet.data_validation(
                1,
                c,
                max(1, last),
                c,
                {
                    "validate": "integer",
                    "criteria": ">=",
                    "value": 0,
                    "error_message": "Целое число человек, не меньше 0.",
                },
            )


def is_report_form(sheets: dict[str, list[list[Any]]]) -> bool:
    head = (sheets.get(L.LISTS) or [[]])[0]
    return bool(head) and head[0] == MARKER


def apply_report_form(path: Path, sheets: dict[str, list[list[Any]]], data: Any, report: Any) -> tuple[list[str], dict]:
    """Put the fact of the form into ``data`` (ruamel's round trip of the report): (changes, expected model dump)."""
    from ruamel.yaml.comments import CommentedMap

    from ..domain.report import STATUSES
    from .apply import _shown, _styled

    rows = sheets.get(SHEET)
    if rows is None:
        raise FormError(f"{path}: в форме нет листа «{SHEET}»: не переименовывайте листы формы")
    items = {e.get("event"): e for e in data.get("events") or [] if isinstance(e, CommentedMap)}
    models = {e.event: e for e in report.events}
    expected = report.model_dump()
    by_event = {e["event"]: e for e in expected["events"]}
    changes = []
    titles = ["ключ", *(h for h, _ in PLAN_HEADERS), *(c.header for c in FACT_COLUMNS)]
    places, located = L.locate_columns(rows, titles, cell_text, optional=tuple(h for h, _ in PLAN_HEADERS))
    problems = [f"{path.name}, лист «{SHEET}», {problem}" for problem in located]
    if problems:
        raise FormError(f"{path}: форма не перенесена — исправьте ячейки и повторите ({len(problems)}):", problems)
    first = 1 + len(PLAN_HEADERS)
    for r, row in enumerate(rows[1:], 2):
        raw = [row[p] if p < len(row) else None for p in places]
        key = cell_text(raw[0]) if raw else ""
        if not key:
            continue
        if key not in items:
            problems.append(
                f"{path.name}, лист «{SHEET}», строка {r}: мероприятия «{key}» нет в отчёте — допишите отчёт (neuspeh "
                "report init) и выгрузите форму заново"
            )
            continue
        for c, column in enumerate(FACT_COLUMNS, first):
            cell = raw[c] if c < len(raw) else None
            where = f"{path.name}, лист «{SHEET}», {L.cell_name(r - 1, places[c])}"
            text = cell_text(cell)
            if column.kind == "count":
                if not text:
                    new: Any = None
                else:
                    try:
                        new = float(text.replace(",", "."))
                    except ValueError:
                        new = -1.0
                    if new < 0 or not new.is_integer():
                        problems.append(f"{where}: «{text}» — целое число человек, не меньше 0")
                        continue
                    new = int(new)
            elif column.kind == "status":
                from ..reading.homoglyphs import fold_to_cyrillic

                new = fold_to_cyrillic(text).strip().lower() or None  # «Проведенo» with a Latin «o» is «проведено»
                if new is not None and new not in STATUSES:
                    problems.append(f"{where}: статус «{text}» — выберите из списка ({', '.join(STATUSES)})")
                    continue
            else:
                new = text
            old = _get(models[key].model_dump(), column.path)
            if old == new or (old in (None, "") and new in (None, "")):
                continue
            parts = column.path.split(".")
            node = items[key]
            target = by_event[key]
            for part in parts[:-1]:
                if not isinstance(node.get(part), CommentedMap):
                    node[part] = CommentedMap()
                node = node[part]
                target = target.setdefault(part, {})
            node[parts[-1]] = new if new is None or isinstance(new, int) else _styled(node.get(parts[-1]), new)
            target[parts[-1]] = new
            changes.append(f"~ {key}: {column.header}: {_shown(old)} → {_shown(new)}")
    if problems:
        raise FormError(f"{path}: форма не перенесена — исправьте ячейки и повторите ({len(problems)}):", problems)
    return changes, expected
