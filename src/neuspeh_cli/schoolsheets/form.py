"""A school's monitoring form (.xlsx): indicator values per round of the monitoring, and, for a ШНОР, participation.

XlsxWriter writes it with the allowed range of each cell (a percentage 0–100,
a count a whole number from 0), so Excel refuses most slips as they are typed;
``read_school_form`` reads it back with python-calamine and ``collect`` checks
the ranges again, since LibreOffice and Р7-Офис may let a value through.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SchoolFormError
from .facts import SchoolView

MARKER = "neuspeh-school-form"
VALUES = "Показатели"
PARTICIPATION = "Участие"
INSTRUCTIONS = "Инструкция"
LISTS = "Списки"


def percent(unit: str) -> bool:
    return unit.strip() == "%"


def form_xlsx(view: SchoolView, roadmap: Any) -> bytes:
    from ..workbook.layout import HEADER_STYLE, open_book

    out = io.BytesIO()
    book = open_book(out, f"Мониторинг: {view.school.name}", MARKER)
    styles = {
        "header": HEADER_STYLE,
        "wrap": {"text_wrap": True, "valign": "top", "border": 1},
        "given": {"valign": "top", "border": 1, "font_color": "#595959"},
        "fill": {"valign": "top", "border": 1, "bg_color": "#FFF2CC", "locked": False},
        "bold": {"bold": True, "font_size": 13},
        "plain": {"text_wrap": True, "valign": "top"},
    }
    formats = {name: book.add_format(style) for name, style in styles.items()}
    rounds = [name for name, _ in view.rounds]
    instructions = _instructions(book, formats, view, roadmap, rounds)
    _values_sheet(book, formats, view, rounds)
    if view.shnor and view.events:
        _participation_sheet(book, formats, view)
    # what ``read_school_form`` recognises the form by, and the monitoring events its columns stand for
    lists = book.add_worksheet(LISTS)
    lists.write_row(0, 0, [MARKER, 1, view.school.id, view.school.name])
    lists.write_row(1, 0, [event_id for _, event_id in view.rounds])
    lists.hide()
    instructions.activate()
    book.close()
    return out.getvalue()


def _instructions(book: Any, formats: dict, view: SchoolView, roadmap: Any, rounds: list[str]) -> Any:
    plain, bold = formats["plain"], formats["bold"]
    instructions = book.add_worksheet(INSTRUCTIONS)
    instructions.set_column(0, 0, 110, plain)
    lines = [
        (f"{view.school.name}: форма мониторинга внутришкольной системы профилактики учебной неуспешности", bold),
        (f"{roadmap.document.municipality}, {roadmap.document.period_title}.", plain),
        ("", plain),
        (
            f"Лист «{VALUES}»: впишите значения показателей в жёлтые ячейки — по столбцу на каждый срез мониторинга "
            f"({', '.join(rounds)}).",
            plain,
        ),
        (
            "Доля — в процентах от 0 до 100 (число без знака %), количество — целое число. Неизвестное значение "
            "оставьте пустым.",
            plain,
        ),
    ]
    if view.shnor and view.events:
        lines.append(
            (
                f"Лист «{PARTICIPATION}»: сколько человек от школы участвовало в каждом мероприятии (0 — не "
                "участвовали).",
                plain,
            )
        )
    lines.append(
        (
            "Не меняйте листы, столбцы и скрытые ячейки: по ним форма переносится в отчёт командой neuspeh report "
            "collect.",
            plain,
        )
    )
    for row, (text, style) in enumerate(lines):
        instructions.write_string(row, 0, text, style)
    return instructions


def _values_sheet(book: Any, formats: dict, view: SchoolView, rounds: list[str]) -> None:
    """An indicator a row (its key in the hidden column A), a round a yellow column, each cell limited to its range."""
    given = formats["given"]
    sheet = book.add_worksheet(VALUES)
    sheet.set_column(0, 0, 5, None, {"hidden": True})
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 4, 11)
    sheet.set_column(5, 5 + max(0, len(rounds) - 1), 14)
    sheet.write_row(
        0,
        0,
        ["ключ", "Показатель качества", "Единица", "Исходное (по муниципалитету)", "Целевое (по муниципалитету)"]
        + rounds,
        formats["header"],
    )
    sheet.freeze_panes(1, 2)
    for r, indicator in enumerate(view.indicators, 1):
        sheet.write_string(r, 0, indicator.id)
        sheet.write_string(r, 1, indicator.text, formats["wrap"])
        sheet.write_string(r, 2, indicator.unit, given)
        for c, value in ((3, indicator.baseline), (4, indicator.target)):
            if value is None:
                sheet.write_blank(r, c, None, given)
            else:
                sheet.write_number(r, c, value, given)
        for c in range(5, 5 + len(rounds)):
            sheet.write_blank(r, c, None, formats["fill"])
        limits = (
            {"criteria": "between", "minimum": 0, "maximum": 100}
            if percent(indicator.unit)
            else {"criteria": ">=", "value": 0}
        )
        message = "Доля — число от 0 до 100 (без знака %)." if percent(indicator.unit) else "Число не меньше 0."
        if rounds:
            sheet.data_validation(
                r,
                5,
                r,
                4 + len(rounds),
                {"validate": "decimal", **limits, "error_title": "Значение вне диапазона", "error_message": message},
            )


def _participation_sheet(book: Any, formats: dict, view: SchoolView) -> None:
    """A ШНОР's events a row, with a whole number of participants to fill."""
    part = book.add_worksheet(PARTICIPATION)
    part.set_column(0, 0, 5, None, {"hidden": True})
    part.set_column(1, 1, 5)
    part.set_column(2, 2, 60)
    part.set_column(3, 3, 18)
    part.set_column(4, 4, 16)
    part.write_row(0, 0, list(PARTICIPATION_HEADERS), formats["header"])
    part.freeze_panes(1, 0)
    for r, item in enumerate(view.events, 1):
        part.write_string(r, 0, item.event.id)
        part.write_string(r, 1, f"{item.number}.", formats["given"])
        part.write_string(r, 2, item.event.name, formats["wrap"])
        part.write_string(r, 3, item.event.dates, formats["wrap"])
        part.write_blank(r, 4, None, formats["fill"])
    part.data_validation(
        1,
        4,
        len(view.events),
        4,
        {"validate": "integer", "criteria": ">=", "value": 0, "error_message": "Целое число человек, не меньше 0."},
    )


@dataclass
class Figure:
    value: Any  # as read: a number, text, or None
    where: str  # «sosh10-мониторинг.xlsx, лист «Показатели», F3»


@dataclass
class SchoolForm:
    path: Path
    school: str
    values: dict[str, dict[str, Figure]] = field(default_factory=dict)  # round → indicator id → figure
    participation: dict[str, Figure] = field(default_factory=dict)  # event id → figure


PARTICIPATION_HEADERS = ("ключ", "№", "Мероприятие", "Сроки", "Участвовало человек от школы")


def read_school_form(path: Path) -> SchoolForm:
    """Raises ``SchoolFormError`` for a file that is not a school's monitoring form."""
    from ..workbook.layout import cell_name, locate_columns
    from ..workbook.read import FormError, _sheets, cell_text

    try:
        sheets = _sheets(Path(path))
    except FormError as exc:
        raise SchoolFormError(str(exc)) from None
    head = (sheets.get(LISTS) or [[]])[0]
    if not head or head[0] != MARKER or VALUES not in sheets:
        raise SchoolFormError(f"{path}: это не форма мониторинга школы (её выгружает `neuspeh school sheets`)")
    form = SchoolForm(Path(path), cell_text(head[2]))
    rows = sheets[VALUES]
    rounds = [cell_text(c) for c in rows[0][5:]] if rows else []
    for r, raw in enumerate(rows[1:], 1):
        key = cell_text(raw[0]) if raw else ""
        if not key:
            continue
        for i, name in enumerate(rounds):
            column = 5 + i
            value = raw[column] if column < len(raw) else None
            where = f"{Path(path).name}, лист «{VALUES}», {cell_name(r, column)}"
            form.values.setdefault(name, {})[key] = Figure(None if value == "" else value, where)
    participation = sheets.get(PARTICIPATION, [])
    # The count is found by its header: a column the school inserted or moved must not shift it.
    places, problems = locate_columns(participation, list(PARTICIPATION_HEADERS), cell_text, PARTICIPATION_HEADERS[1:4])
    if participation and problems:
        raise SchoolFormError(
            f"{path}: форма не прочитана — " + "; ".join(f"лист «{PARTICIPATION}», {problem}" for problem in problems)
        )
    key_col, count_col = places[0], places[4]
    for r, raw in enumerate(participation[1:], 1):
        key = cell_text(raw[key_col]) if len(raw) > key_col else ""
        if key:
            value = raw[count_col] if len(raw) > count_col else None
            form.participation[key] = Figure(
                None if value == "" else value,
                f"{Path(path).name}, лист «{PARTICIPATION}», {cell_name(r, count_col)}",
            )
    return form
