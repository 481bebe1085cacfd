"""Municipal roadmap layouts unlike ours, written with python-docx and openpyxl as clerks make them.

Each class of layout the import once lost text on (issue 17) has a builder:
a section row right under the header, an approval block laid out as a table,
several measures typed as paragraphs in one cell, section I and section II in
one table, merged cells in a spreadsheet, real Excel dates. The texts follow
the institute's sample roadmap.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HEADER = [
    "№ п/п",
    "Наименование мероприятия",
    "Форма проведения",
    "Код параметра",
    "Участники",
    "Место проведения",
    "Сроки",
    "Ответственные",
]

AUDIT = [
    (
        "Уровень оснащения школы",
        "Нехватка другого цифрового оборудования (проекторов, копировальных аппаратов, др.)",
        "1.1.",
        "СОШ № 14; ООШ № 19, 23",
    ),
    (
        "Уровень оснащения школы",
        "Плохое качество интернет-соединения / недоступность подключения",
        "1.2.",
        "ООШ № 19, 23",
    ),
    (
        "Специфика контингента обучающихся",
        "Наличие обучающихся из малообеспеченных семей",
        "2.1.",
        "СОШ № 10, 12; ООШ № 23",
    ),
]

MUNICIPAL = [
    (
        "«Эффективные практики использования цифрового оборудования»",
        "тематический семинар",
        "1.1.",
        "Заместители руководителей всех ОО",
        "МБОУ СОШ № 3",
        "Февраль 2025",
        "УО, ТМС",
    ),
    (
        "«Сетевое взаимодействие при дефиците интернет-подключения»",
        "совещание",
        "1.2.",
        "Руководители МКОУ ООШ № 19, МКОУ ООШ № 23",
        "УО",
        "Март 2025",
        "УО",
    ),
]
SHNOR = [
    (
        "«Сопровождение обучающихся из малообеспеченных семей»",
        "консультирование",
        "2.1.",
        "Социальные педагоги МБОУ СОШ № 10, МБОУ СОШ № 12",
        "ТМС",
        "Апрель 2025",
        "ТМС, ППМС",
    ),
]
CONTROL = [
    (
        "Мониторинг внутришкольных систем профилактики учебной неуспешности",
        "мониторинг",
        "все выявленные параметры",
        "Все ОО",
        "УО",
        "Май 2025, ноябрь 2025",
        "УО, ТМС",
    ),
]


def _document():
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    return document


def _title(document) -> None:
    document.add_paragraph(
        "Дорожная карта по профилактике учебной неуспешности в муниципальном образовании Тестовый район на 2025 год"
    )


def _audit_table(document) -> None:
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        [
            "№",
            "Наименование фактора",
            "Параметры",
            "Код параметра",
            "Перечень ШНОР, в работе которых проявляются негативные факторы",
        ],
    ):
        cell.text = text
    for number, (factor, parameter, code, schools) in enumerate(AUDIT, 1):
        cells = table.add_row().cells
        for cell, text in zip(cells, [str(number), factor, parameter, code, schools]):
            cell.text = text


def _section_row(table, text: str) -> None:
    cells = table.add_row().cells
    merged = cells[0].merge(cells[-1])
    merged.text = text


def _event_row(table, number: int, event: tuple) -> None:
    cells = table.add_row().cells
    for cell, text in zip(cells, [str(number), *event]):
        cell.text = text


def section_row_under_header(path: Path) -> Path:
    """Class 1: «1. Муниципальные мероприятия» as a full-width row right under the header."""
    document = _document()
    _title(document)
    _audit_table(document)
    document.add_paragraph("Раздел II. Мероприятия дорожной карты")
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER):
        cell.text = text
    number = 0
    for title, events in [
        ("1. Муниципальные мероприятия", MUNICIPAL),
        ("2. Мероприятия с участием ШНОР", SHNOR),
        ("3. Контроль реализации дорожной карты", CONTROL),
    ]:
        _section_row(table, title)
        for event in events:
            number += 1
            _event_row(table, number, event)
    document.save(str(path))
    return path


def approval_table(path: Path) -> Path:
    """Class 2: the «УТВЕРЖДАЮ» block as a borderless two-column table at the top."""
    document = _document()
    block = document.add_table(rows=1, cols=2)
    right = block.rows[0].cells[1]
    right.text = "УТВЕРЖДАЮ"
    for line in [
        "Начальник управления образования администрации МО Тестовый район",
        "____________ И.И. Иванова",
        "«15» января 2025 г.",
    ]:
        right.add_paragraph(line)
    _title(document)
    _audit_table(document)
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER):
        cell.text = text
    for number, event in enumerate(MUNICIPAL + SHNOR + CONTROL, 1):
        _event_row(table, number, event)
    document.save(str(path))
    return path


MEASURES = [
    ("Семинар «Цифровая образовательная среда»", "Февраль 2025"),
    ("Практикум «Интерактивная доска на уроке»", "Март 2025"),
    ("Круглый стол «Обмен опытом»", "Апрель 2025"),
]


def measures_in_one_cell(path: Path) -> Path:
    """Class 3: several measures typed as paragraphs in one cell, their dates as matching paragraphs beside."""
    document = _document()
    _title(document)
    _audit_table(document)
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER):
        cell.text = text
    cells = table.add_row().cells
    cells[0].text = "1"
    cells[1].text = MEASURES[0][0]
    cells[6].text = MEASURES[0][1]
    for name, dates in MEASURES[1:]:
        cells[1].add_paragraph(name)
        cells[6].add_paragraph(dates)
    for cell, text in zip(cells[2:6], ["тематический семинар", "1.1.", "Учителя ШНОР", "МБОУ СОШ № 3"]):
        cell.text = text
    cells[7].text = "ТМС"
    for number, event in enumerate(SHNOR + CONTROL, 2):
        _event_row(table, number, event)
    document.save(str(path))
    return path


COMBINED_HEADER = ["Фактор", "Параметр", "Код", "Перечень ШНОР", "Мероприятие", "Форма", "Сроки", "Ответственные"]
COMBINED = [
    (
        AUDIT[0],
        [
            ("«Эффективные практики использования цифрового оборудования»", "семинар", "Февраль 2025", "УО"),
            ("Курсы «Цифровой кабинет»", "курсы повышения квалификации", "Март 2025", "ТМС"),
        ],
    ),
    (AUDIT[1], [("«Сетевое взаимодействие при дефиците интернет-подключения»", "совещание", "Март 2025", "УО")]),
    (
        AUDIT[2],
        [
            ("«Сопровождение обучающихся из малообеспеченных семей»", "консультирование", "Апрель 2025", "ТМС, ППМС"),
            ("Родительское собрание «Поддержка семьи»", "собрание", "Май 2025", "ОО"),
        ],
    ),
]


def combined_table(path: Path) -> Path:
    """Class 4: section I and section II in one table: factor → parameter / code / ШНОР merged down → its measures."""
    document = _document()
    _title(document)
    table = document.add_table(rows=1, cols=len(COMBINED_HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, COMBINED_HEADER):
        cell.text = text
    for (factor, parameter, code, schools), measures in COMBINED:
        first = len(table.rows)
        for measure in measures:
            cells = table.add_row().cells
            for cell, text in zip(cells[4:], measure):
                cell.text = text
        last = len(table.rows) - 1
        for col, text in enumerate([factor, parameter, code, schools]):
            top = table.cell(first, col)
            merged = top.merge(table.cell(last, col)) if last > first else top
            merged.text = text
    document.save(str(path))
    return path


def workbook(path: Path) -> Path:
    """Classes 1, 5 and 6 in Excel: a section row merged under the header, dates merged down, real date cells."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Мероприятия"
    sheet.append(
        ["Дорожная карта по профилактике учебной неуспешности в муниципальном образовании Тестовый район на 2025 год"]
    )
    sheet.append(HEADER)
    sheet.append(["1. Муниципальные мероприятия"])
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=len(HEADER))
    rows = [
        (1, *MUNICIPAL[0][:5], dt.datetime(2025, 10, 15), "УО"),
        (2, *MUNICIPAL[1][:5], None, "УО"),
        (3, *SHNOR[0][:5], dt.datetime(2025, 11, 20), "ТМС"),
    ]
    for values in rows:
        sheet.append(list(values))
    sheet.merge_cells(start_row=4, start_column=7, end_row=5, end_column=7)  # one date for the first two events
    for r in (4, 6):
        sheet.cell(r, 7).number_format = "D MMMM YYYY"
    book.save(str(path))
    return path


SEED_PROGRAMME = Path("/work/shared/seeds/004_7c7bf7ab91d44857.txt")
PROGRAMME_ROWS = [
    (
        "1. выявить причины затруднений по результатам мониторинга предметных и метапредметных результатов в рамках "
        "ВСОКО",
        ["карты затруднений по результатам мониторинга"],
        [
            "- проведение мониторинга с целью определения затруднений при освоении основной образовательной программы;",
            "- проведение мониторинга индивидуальных особенностей познавательных процессов обучающихся;",
        ],
        ["Сентябрь – октябрь, 2022 г."],
        "доля обучающихся, у которых определены причины затруднений в усвоение учебного материала.",
        "заместитель директора по учебно-воспитательной работе",
    ),
    (
        "2. обеспечить разработку и реализацию индивидуальных планов по ликвидации академической неуспеваемости",
        ["индивидуальные планы по ликвидации академической неуспеваемости"],
        [
            "- проведение консультационного семинара по разработке индивидуальных планов;",
            "- проведение родительского собрания «Причины школьной неуспешности и пути преодоления»;",
        ],
        ["Октябрь, 2022 г.", "Октябрь, 2022 г."],
        "разработаны индивидуальные планы для всех обучающихся, имеющих риски учебной неуспешности.",
        "заместитель директора по учебно-воспитательной работе",
    ),
]


def seed_programme(path: Path) -> Path:
    """The school programme of seed 004 as a school types it: the approving order first, sections, then the roadmap
    table.
    """
    text = SEED_PROGRAMME.read_text(encoding="utf-8")
    body = text[: text.index("Дорожная карта реализации программы")]
    document = _document()
    for line in body.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    document.add_paragraph("Дорожная карта реализации программы")
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, title in zip(
        table.rows[0].cells,
        [
            "Задача",
            "Ожидаемые конечные результаты реализации программы",
            "Мероприятия/ меры",
            "Сроки исполнения",
            "Показатели",
            "Ответственные",
        ],
    ):
        cell.text = title
    for task, results, measures, deadlines, indicator, responsible in PROGRAMME_ROWS:
        cells = table.add_row().cells
        cells[0].text = task
        cells[1].text = results[0]
        cells[2].text = measures[0]
        for measure in measures[1:]:
            cells[2].add_paragraph(measure)
        cells[3].text = deadlines[0]
        for deadline in deadlines[1:]:
            cells[3].add_paragraph(deadline)
        cells[4].text = indicator
        cells[5].text = responsible
    document.save(str(path))
    return path
