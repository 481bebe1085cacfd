"""The form's layout, shared by the writer and the reader: sheets, columns, and how a value looks in a cell.

Each data sheet has a hidden first column «ключ»: which item of the YAML list
the row came from (the item's id, or «#N» for an item without one). The
reader matches rows to items by it, so a row whose parameter or id was
changed is still the same item (its comments stay where they were), a row
without a key is a new item, and a key no row carries is an item deleted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MARKER = "neuspeh-form"
# Every form the package writes: values are written as typed («1/2», «=…», a link stay text), in memory.
BOOK_OPTIONS = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
HEADER_STYLE = {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "border": 1}
FORMAT_VERSION = 1

INSTRUCTIONS = "Инструкция"
DOCUMENT = "Реквизиты"
SCHOOLS = "Школы"
AUDIT = "Раздел I"
EVENTS = "Раздел II"
INDICATORS = "Показатели"
LISTS = "Списки"  # hidden: the drop-down lists and the form's marker

YES = "да"
ALL_SHNOR = "все"
ALL_PARAMETERS = "все выявленные параметры"

GROUP_LABELS = {"municipal": "муниципальное", "shnor": "с участием ШНОР", "control": "контроль"}
GROUP_COMBINATIONS = (
    ("municipal",),
    ("shnor",),
    ("control",),
    ("municipal", "shnor"),
    ("control", "shnor"),
    ("municipal", "control"),
    ("municipal", "shnor", "control"),
)


@dataclass(frozen=True)
class Column:
    field: str  # the YAML key (dotted for nested document fields)
    header: str
    width: int
    kind: str = "text"  # text, int, number, bool, schools, shnor, parameters, groups, parameter, factor, form, code
    hint: str = ""
    wrap: bool = False


SCHOOL_COLUMNS = (
    Column(
        "id",
        "Идентификатор",
        16,
        hint="Латинские буквы и цифры: «sosh5». Для новой школы можно не заполнять — составится сам.",
    ),
    Column("name", "Наименование", 42, hint="Как в документе: «МБОУ СОШ № 5»."),
    Column("short", "Краткое наименование", 22, hint="Только если не годится автоматическое («СОШ № 5»)."),
    Column("shnor", "ШНОР", 8, "bool", "«да» — школа с низкими образовательными результатами."),
)

AUDIT_COLUMNS = (
    Column(
        "code",
        "Код",
        7,
        "code",
        "Код параметра в документе; на него ссылается раздел II. Для новой строки впишите свой код, например «9.1.».",
    ),
    Column("parameter", "Параметр «Конструктора»", 60, "parameter", "Выберите из списка.", wrap=True),
    Column(
        "title", "Своя формулировка", 40, hint="Уточнение параметра «Конструктора» или собственный параметр.", wrap=True
    ),
    Column(
        "id", "Идентификатор собственного параметра", 18, hint="Только для параметра, которого нет в «Конструкторе»."
    ),
    Column(
        "factor",
        "Фактор собственного параметра",
        40,
        "factor",
        "Только для параметра, которого нет в «Конструкторе».",
        wrap=True,
    ),
    Column(
        "schools",
        "ШНОР (ОО), в которых проявляется",
        36,
        "schools",
        "Краткие наименования через запятую: «СОШ № 5, ООШ № 19».",
        wrap=True,
    ),
)

EVENT_COLUMNS = (
    Column(
        "id",
        "Идентификатор",
        12,
        hint="На него ссылаются мониторинг и отчёт. Для нового мероприятия можно не заполнять.",
    ),
    Column("name", "Название", 48, hint="Как в документе; тема — в кавычках-ёлочках.", wrap=True),
    Column("form", "Форма", 22, "form", "Выберите из списка или впишите свою."),
    Column(
        "parameters",
        "Параметры (коды раздела I)",
        20,
        "parameters",
        "Выберите из списка; несколько — коды через запятую: «1.1., 2.3.».",
        wrap=True,
    ),
    Column("groups", "Группа", 20, "groups", "Группа мероприятий по методике.", wrap=True),
    Column("shnor", "Участвующие ШНОР", 26, "shnor", "«все» или краткие наименования через запятую.", wrap=True),
    Column("contingent", "Контингент", 36, wrap=True),
    Column("place", "Место проведения", 22, wrap=True),
    Column(
        "dates",
        "Сроки",
        18,
        hint="«Октябрь 2025», «Апрель – май 2025», «В течение года», «II полугодие 2025».",
        wrap=True,
    ),
    Column("responsible", "Ответственные", 22, wrap=True),
    Column(
        "monitoring", "Обязательный мониторинг", 14, "bool", "«да» — мониторинг внутришкольных систем профилактики."
    ),
    Column("draft", "Черновик", 10, "bool", "«да» — черновик: документ не соберётся, пока он отмечен."),
)

INDICATOR_COLUMNS = (
    Column("id", "Идентификатор", 12, hint="На него ссылается отчёт. Для нового показателя можно не заполнять."),
    Column("text", "Показатель качества", 60, hint="«Доля ШНОР с утверждённой внутришкольной программой…».", wrap=True),
    Column("unit", "Единица", 10, hint="«%», «чел.», «шт.», «балл»."),
    Column("baseline", "Исходное значение", 12, "number"),
    Column("target", "Целевое значение", 12, "number"),
    Column("source", "Источник данных", 28, wrap=True),
    Column("frequency", "Периодичность", 20, wrap=True),
)

# (path in the file, label) of the «Реквизиты» sheet.
DOCUMENT_FIELDS = (
    ("document.municipality", "Муниципальное образование"),
    ("document.year", "Календарный год карты (или срок ниже)"),
    ("document.period.start", "Срок карты: начало («сентябрь 2025»)"),
    ("document.period.end", "Срок карты: окончание («май 2026»)"),
    ("document.body", "Орган, составивший карту"),
    ("document.approval.position", "Утверждает: должность"),
    ("document.approval.name", "Утверждает: инициалы и фамилия"),
    ("document.approval.date", "Дата утверждения"),
    ("document.approval.order.body", "Утверждена приказом: чей (в родительном падеже)"),
    ("document.approval.order.date", "Дата приказа"),
    ("document.approval.order.number", "Номер приказа"),
    ("document.signature.position", "Подпись: должность"),
    ("document.signature.name", "Подпись: инициалы и фамилия"),
)

SHEET_COLUMNS = {SCHOOLS: SCHOOL_COLUMNS, AUDIT: AUDIT_COLUMNS, EVENTS: EVENT_COLUMNS, INDICATORS: INDICATOR_COLUMNS}
SECTION_OF_SHEET = {SCHOOLS: "schools", AUDIT: "audit", EVENTS: "events", INDICATORS: "monitoring.indicators"}


def open_book(out: Any, title: str, marker: str) -> Any:
    """A new xlsxwriter book writing to ``out``, carrying its ``marker`` (what a reader tells the form by)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(out, BOOK_OPTIONS)
    book.set_properties({"title": title, "comments": marker})
    return book


def column_letter(index: int) -> str:
    """0 → «A», 27 → «AB»."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """Zero-based row and column → «C7»."""
    return f"{column_letter(column)}{row + 1}"


def header_title(text: str) -> str:
    """A header as compared: case, «ё» and spacing aside («Место  проведения» typed again is the same column)."""
    return " ".join(text.lower().replace("ё", "е").split())


def locate_columns(
    values: list[list], titles: list[str], text, optional: tuple[str, ...] = ()
) -> tuple[list[int], list[str]]:
    """Where each of ``titles`` is on a sheet (``values``, header in row 1), by its header: a user may drag columns
    about, and the values must follow their headers. (places, problems): a place is -1 for a column not found; a
    problem names a missing column or one not of the form with values in it (its values would be lost unseen).
    ``text`` — a cell's text (``read.cell_text``); ``optional`` — columns shown but never read (a report form's plan).
    """
    header = [header_title(text(c)) for c in values[0]] if values else []
    wanted = [header_title(t) for t in titles]
    if header[: len(wanted)] == wanted:
        places = list(range(len(wanted)))
    else:
        places = [header.index(t) if t in header else -1 for t in wanted]
    if values and all(place < 0 for place in places):
        # Not a column renamed: the header is not in row 1 at all (a row inserted above it, the sheet emptied).
        return places, [
            f"{cell_name(0, 0)}: в строке 1 нет заголовков формы («{titles[-1]}» и других) — заголовки должны "
            "остаться в строке 1: удалите строки, вставленные над ними"
        ]
    problems = [
        f"{cell_name(0, position)}: нет столбца «{title}» — не переименовывайте и не удаляйте столбцы формы (или "
        "выгрузите форму заново: neuspeh export)"
        for position, (title, place) in enumerate(zip(titles, places))
        if place < 0 and title not in optional
    ]
    for col in range(max((len(r) for r in values), default=0)):
        if col in places or not any(col < len(r) and text(r[col]) for r in values[1:]):
            continue
        title = text(values[0][col]) if values and col < len(values[0]) else ""
        what = f"столбец «{title}» не из формы" if title else "столбец без заголовка"
        problems.append(
            f"{cell_name(0, col)}: {what} — его значения не переносятся: перенесите их в столбцы формы или удалите "
            "столбец"
        )
    return places, problems


def catalog_choice(title: str, ref: str) -> str:
    """A catalog entry as the drop-down shows it: its title, then its id in brackets."""
    return f"{' '.join(title.split())} [{ref}]"


_CHOICE_ID = re.compile(r"\[([\w.\-]+)\]\s*$")


def choice_id(text: str) -> str | None:
    match = _CHOICE_ID.search(text)
    return match.group(1) if match else None


def groups_label(groups: list[str]) -> str:
    return ", ".join(GROUP_LABELS[g] for g in groups if g in GROUP_LABELS)


def group_choices() -> list[str]:
    return [groups_label(list(combination)) for combination in GROUP_COMBINATIONS]


def split_list(text: str) -> list[str]:
    """«СОШ № 5, ООШ № 19; лицей № 1» → the three names (commas, semicolons or new lines)."""
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def normal_code(text: str) -> str:
    """«1.1» and «1.1.» are one code."""
    text = text.strip()
    return text if text.endswith(".") else text + "."


def school_id_for(short: str) -> str:
    """An id for a school added in the form, as every other command makes one: «СОШ № 25» → «sosh25»."""
    from ..domain.schools import school_id

    return school_id(short)
