"""Workbooks from outside, as other municipalities and other programs save them: what Excel hides, what a program
that does not compute formulas leaves empty, a date kept as its serial number. Nothing is lost without a word: what
is not taken is said with its sheet and cell.

``hidden.ods`` and ``hidden.xls`` are ``_hidden_book`` saved by LibreOffice Calc 7 (a hidden row 4, a hidden sheet).
"""

from __future__ import annotations

import pytest
import yaml
from conftest import DATA

HEADER = ["№", "Мероприятие", "Форма", "Контингент", "Место проведения", "Сроки", "Ответственные"]
TITLE = "Дорожная карта по профилактике учебной неуспешности в муниципальном образовании Тестовый район на 2025 год"
HIDDEN_ROW = (
    "лист «План», строка 4: «2 | «Отменённый семинар» | семинар | Учителя ОО | ТМС | Апрель 2025» — строка скрыта — не "
    "перенесена; если она нужна, покажите её и повторите"
)
HIDDEN_SHEET = (
    "лист «Старая версия»: «№ | Мероприятие | Форма | Контингент | Место проведения | Сроки | Ответственные (строк с "
    "текстом — 2)» — лист скрыт — не перенесён; если он нужен, покажите его и повторите"
)


def _import(path):
    from neuspeh_cli.importing import import_file

    result = import_file(path)
    return result, yaml.safe_load(result.data_text)


def _hidden_book(path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "План"
    sheet.append([TITLE])
    sheet.append(HEADER)
    sheet.append([1, "«Школа молодого учителя»", "семинар", "Учителя ОО", "ТМС", "Март 2025", "ТМС"])
    sheet.append([2, "«Отменённый семинар»", "семинар", "Учителя ОО", "ТМС", "Апрель 2025", "ТМС"])
    sheet.append([3, "«Объективность оценивания»", "совещание", "Заместители руководителей ОО", "УО", "Май 2025", "УО"])
    sheet.row_dimensions[4].hidden = True
    old = book.create_sheet("Старая версия")
    old.append(HEADER)
    old.append([1, "«Прошлогодний семинар»", "семинар", "Учителя ОО", "ТМС", "Март 2024", "ТМС"])
    old.sheet_state = "hidden"
    lists = book.create_sheet("Списки")  # the lists behind drop-downs: no part of the roadmap
    for form in ("семинар", "совещание", "конференция"):
        lists.append([form])
    lists.sheet_state = "hidden"
    book.save(path)
    return path


def test_hidden_rows_and_sheets_are_left_out_and_said(tmp_path):
    """What the sheet hides is not the roadmap anyone reads (hidden text in Word is not read either): a hidden row and
    a hidden sheet with a plan are not taken, each said where; the hidden drop-down lists are not a roadmap."""
    result, data = _import(_hidden_book(tmp_path / "plan.xlsx"))
    assert [e["name"] for e in data["events"]] == ["«Школа молодого учителя»", "«Объективность оценивания»"]
    assert [u.describe() for u in result.unplaced] == [HIDDEN_ROW, HIDDEN_SHEET]
    assert result.places[("events", 1)] == "лист «План», строка 5"  # the rows after the hidden one keep their numbers


@pytest.mark.parametrize(("name", "rows_hidden"), [("hidden.ods", True), ("hidden.xls", False)])
def test_hidden_in_ods_and_xls(name, rows_hidden):
    """.ods says which rows are hidden; .xls does not to the reader (python-calamine): its hidden rows are read."""
    result, data = _import(DATA / "import" / name)
    names = [e["name"] for e in data["events"]]
    assert ("«Отменённый семинар»" not in names) is rows_hidden
    assert [u.describe() for u in result.unplaced] == ([HIDDEN_ROW] if rows_hidden else []) + [HIDDEN_SHEET]


def test_a_workbook_whose_every_sheet_is_hidden_is_read(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append([1, "«Школа молодого учителя»", "семинар", "Учителя ОО", "ТМС", "Март 2025", "ТМС"])
    book.create_sheet("Пустой")
    book.active.sheet_state = "hidden"
    book.active = 1
    book.save(tmp_path / "plan.xlsx")
    _, data = _import(tmp_path / "plan.xlsx")
    assert [e["name"] for e in data["events"]] == ["«Школа молодого учителя»"]


def test_a_hidden_column_is_left_out_and_said(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "План"
    sheet.append([*HEADER, "Служебная отметка"])
    sheet.append([1, "«Школа молодого учителя»", "семинар", "Учителя ОО", "ТМС", "Март 2025", "ТМС", "удалить"])
    sheet.column_dimensions["H"].hidden = True
    book.save(tmp_path / "plan.xlsx")
    result, data = _import(tmp_path / "plan.xlsx")
    assert [u.describe() for u in result.unplaced] == [
        "лист «План», столбец H: «Служебная отметка, удалить» — столбец скрыт — не перенесён; если он нужен, покажите "
        "его и повторите"
    ]
    assert data["events"][0]["responsible"] == "ТМС"


def test_formulas_saved_without_their_values_are_said_cell_by_cell(tmp_path):
    """openpyxl and web exports write formulas without computing them: the cell reads empty. Said with the cell and
    what to do, never an empty name or date without a word."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "План"
    sheet.append(HEADER)
    sheet.append([1, "«Школа молодого учителя»", "семинар", "Учителя ОО", "ТМС", "=DATE(2025,3,1)", "ТМС"])
    sheet.append(["=A2+1", "=B2", "семинар", "Учителя ОО", "ТМС", "Апрель 2025", "ТМС"])
    book.save(tmp_path / "plan.xlsx")
    result, _ = _import(tmp_path / "plan.xlsx")
    advice = (
        "формула без сохранённого значения (файл записан программой, которая формулы не вычисляет) — откройте его в "
        "Excel или LibreOffice Calc, сохраните и повторите"
    )
    assert [u.describe() for u in result.unplaced] == [
        f"лист «План», строка 2, столбец F: «=DATE(2025,3,1)» — {advice}",
        f"лист «План», строка 3, столбец A: «=A2+1» — {advice}",
        f"лист «План», строка 3, столбец B: «=B2» — {advice}",
    ]


def test_many_formulas_without_values_are_counted_after_the_first_few(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "План"
    sheet.append(HEADER)
    for n in range(1, 9):
        sheet.append(["=ROW()-1", f"Семинар {n}", "семинар", "Учителя ОО", "ТМС", "Март 2025", "ТМС"])
    book.save(tmp_path / "plan.xlsx")
    result, _ = _import(tmp_path / "plan.xlsx")
    lines = [u.describe() for u in result.unplaced]
    assert len(lines) == 6 and lines[-1].startswith("лист «План»: «и ещё 3 ячеек с формулами»")


def test_a_date_kept_as_its_serial_number_becomes_the_date_with_a_comment(tmp_path):
    """46068 in the dates column (its date format lost by pasting values) is 15.02.2026 to Excel."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "План"
    sheet.append(HEADER)
    sheet.append([1, "«Школа молодого учителя»", "семинар", "Учителя ОО", "ТМС", 46068, "ТМС"])
    sheet.append([2, "«Объективность оценивания»", "совещание", "Учителя ОО", "ТМС", 12345, "ТМС"])
    book.save(tmp_path / "plan.xlsx")
    result, data = _import(tmp_path / "plan.xlsx")
    assert [e["dates"] for e in data["events"]] == ["15.02.2026", "12345"]  # not a date of this century: left as is
    assert "# лист «План», строка 2: в таблице число 46068 — так Excel хранит дату 15.02.2026: проверьте" in (
        result.data_text
    )


def test_the_tools_own_form_read_as_a_document_says_to_use_import_form(tmp_path, cli):
    import shutil

    from conftest import EXAMPLES

    shutil.copy(EXAMPLES / "ust-labinsk-2025.yaml", tmp_path / "карта.yaml")
    assert cli("export", tmp_path / "карта.yaml").exit_code == 0
    result = cli("validate", tmp_path / "карта.xlsx")
    assert result.exit_code == 2, result.output
    assert (
        "это форма Excel дорожной карты, выгруженная neuspeh export, а не документ: перенесите её в файл данных — "
        "neuspeh import-form карта.xlsx КАРТА.yaml (или neuspeh import карта.xlsx, если файла данных ещё нет) — и "
        "проверяйте файл данных"
    ) in result.output
    assert "import-unplaced" not in result.output


def test_the_tools_own_form_saved_as_xls_says_to_save_it_as_xlsx(tmp_path):
    """The form is read from .xlsx and .ods: «neuspeh import форма.xls» would only refuse again."""
    from neuspeh_cli.importing import ImportFailed
    from neuspeh_cli.importing.model import Cell, Table
    from neuspeh_cli.importing.sheets import _refuse_own_form

    lists = Table("лист «Списки»", [[Cell("neuspeh-form", 1, 1)]], sheet=True, numbers=[1])
    with pytest.raises(ImportFailed) as failed:
        _refuse_own_form("форма.xls", [lists])
    assert str(failed.value) == (
        "форма.xls: это форма Excel дорожной карты, выгруженная neuspeh export, сохранённая как .xls: сохраните её "
        "как .xlsx и перенесите в файл данных — neuspeh import-form форма.xlsx КАРТА.yaml"
    )


def test_form_markers_are_the_forms_own():
    from neuspeh_cli.importing.sheets import FORM_MARKERS
    from neuspeh_cli.workbook import layout, report_form

    assert set(FORM_MARKERS) == {layout.MARKER, report_form.MARKER}


def test_a_report_laid_out_as_a_table_of_events_is_no_roadmap(tmp_path):
    """Another municipality's report (plan and fact by event) imported as a roadmap gave «34» for a contingent: it is
    refused with what to do instead — by its title in a cell, or without one by its filled columns of facts."""
    import datetime as dt

    import openpyxl

    from neuspeh_cli.importing import ImportFailed, import_file

    def book(path, title: bool):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Отчёт"
        for _ in range(7):
            sheet.append(["Отчёт о реализации дорожной карты за 2025/2026 учебный год" if title else None])
        sheet.append(["№", "Мероприятие", "Форма", "Срок по плану", "Выполнение (да/нет)", "Ответственные"])
        sheet.append([1, "«Школа молодого учителя»", "семинар", dt.datetime(2026, 2, 14), "да", "ТМС"])
        sheet.append([2, "«Объективность оценивания»", "совещание", "Март 2026", "нет", "УО"])
        book.save(path)
        return path

    with pytest.raises(ImportFailed) as failed:
        import_file(book(tmp_path / "отчёт.xlsx", title=True))
    assert (
        "это отчёт о реализации дорожной карты, а не сама карта (лист «Отчёт»: заголовок «Отчёт о реализации дорожной "
        "карты за 2025/2026 учебный год»)"
    ) in str(failed.value)
    with pytest.raises(ImportFailed) as failed:
        import_file(book(tmp_path / "без заголовка.xlsx", title=False))
    assert not failed.value.foreign  # in a review folder it is named, not passed over
    assert (
        "похоже на отчёт о реализации, а не на дорожную карту (заполнены столбцы «Выполнение (да/нет)»): отчёт из "
        "чужой таблицы не переносится — составьте его по файлу карты: neuspeh report init КАРТА.yaml"
    ) in str(failed.value)


def test_a_roadmap_with_an_empty_column_of_marks_is_a_roadmap(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*HEADER, "Отметка о выполнении"])
    sheet.append([1, "«Школа молодого учителя»", "семинар", "Учителя ОО", "ТМС", "2025-03-14", "ТМС", None])
    book.save(tmp_path / "plan.xlsx")
    result, data = _import(tmp_path / "plan.xlsx")
    assert data["events"][0]["dates"] == "2025-03-14" and result.unplaced == []


def test_school_names_however_written_are_one_school_and_all_shnor_is_every_shnor(tmp_path):
    """«СОШ №10», «МБОУ "СОШ №10"» (straight quotes), «MБОУ COШ № 10» (Latin letters), «ООШ No 19, 23»: one school
    each, with its full name found; «все ШНОР» in section I is every ШНОР it names (with a comment to check), in an
    event's column of ШНОР it is «shnor: все», not the one school its contingent happens to mention."""
    import openpyxl

    book = openpyxl.Workbook()
    audit = book.active
    audit.title = "Раздел I"
    audit.append(["№", "Наименование фактора", "Параметры", "Код параметра", "Перечень ШНОР"])
    audit.append(
        [
            1,
            "Уровень оснащения школы",
            "Плохое качество интернет-соединения / недоступность подключения",
            "1.1.",
            "СОШ №10; ООШ No 19, 23",
        ]
    )
    audit.append(
        [2, "Специфика контингента обучающихся", "Наличие обучающихся из малообеспеченных семей", "2.1.", "все ШНОР"]
    )
    events = book.create_sheet("Раздел II")
    events.append(
        ["№", "Мероприятие", "Форма", "Код параметра", "Контингент", "Сроки", "Ответственные", "Участвующие ШНОР"]
    )
    events.append(
        [1, "«Сеть»", "совещание", "1.1.", 'Руководители МБОУ "СОШ №10", МКОУ ООШ № 19', "Март 2026", "УО", "все ШНОР"]
    )
    events.append(
        [2, "«Сопровождение»", "консультирование", "2.1.", "Педагоги MБОУ COШ № 10", "Апрель 2026", "ТМС", None]
    )
    book.save(tmp_path / "карта.xlsx")
    result, data = _import(tmp_path / "карта.xlsx")
    assert result.unplaced == []
    assert [(s["id"], s["name"]) for s in data["schools"]] == [
        ("oosh19", "МКОУ ООШ № 19"),
        ("oosh23", "МКОУ ООШ № 23"),
        ("sosh10", "МБОУ «СОШ № 10»"),
    ]
    assert [f["schools"] for f in data["audit"]] == [["sosh10", "oosh19", "oosh23"]] * 2
    assert "в документе «все ШНОР»: перечислены все ШНОР раздела I — проверьте" in result.data_text
    assert [e.get("shnor") for e in data["events"]] == ["все", ["sosh10"]]


def test_all_shnor_with_no_shnor_named_is_said(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    audit = book.active
    audit.append(["№", "Наименование фактора", "Параметры", "Код параметра", "Перечень ШНОР"])
    audit.append(
        [1, "Специфика контингента обучающихся", "Наличие обучающихся из малообеспеченных семей", "1.1.", "все ШНОР"]
    )
    book.save(tmp_path / "карта.xlsx")
    result, _ = _import(tmp_path / "карта.xlsx")
    assert [u.describe() for u in result.unplaced] == [
        "лист «Sheet», строка 2: «все ШНОР» — ни одна ШНОР в разделе I не названа — перечислите школы"
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"<html><body><table><tr><td>\xe2\x84\x96</td></tr></table></body></html>",
        b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
    ],
)
def test_a_web_page_named_xls_is_told_as_such(tmp_path, content):
    """Exports from websites and accounting programs are HTML (or Excel 2003 XML) named .xls: not «не читается»."""
    from neuspeh_cli.importing import ImportFailed, import_file

    path = tmp_path / "выгрузка.xls"
    path.write_bytes(content)
    with pytest.raises(ImportFailed) as failed:
        import_file(path)
    assert "это веб-страница (HTML или XML) с расширением .xls, а не книга Excel" in str(failed.value)


def test_a_header_below_a_long_approval_block_and_codes_excel_made_dates(tmp_path):
    """The header at row 18, under an approval block and a title, is found (at most 15 rows were looked at); codes
    typed «1.1» and «2.10» that Russian Excel turned into dates (01.янв, 02.окт) read as the codes again."""
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    audit = book.active
    audit.title = "Раздел I"
    audit.append(["№", "Наименование фактора", "Параметры", "Код параметра", "Перечень ШНОР"])
    audit.append(
        [
            1,
            "Уровень оснащения школы",
            "Плохое качество интернет-соединения / недоступность подключения",
            None,
            "СОШ № 10",
        ]
    )
    audit.append(
        [2, "Специфика контингента обучающихся", "Наличие обучающихся из малообеспеченных семей", None, "СОШ № 10"]
    )
    audit["D2"], audit["D3"] = dt.datetime(2025, 1, 1), dt.datetime(2025, 10, 2)
    audit["D2"].number_format = audit["D3"].number_format = "dd.mmm"
    events = book.create_sheet("Раздел II")
    events.append(["УТВЕРЖДАЮ"])
    events.append(["Начальник управления образования"])
    for _ in range(15):
        events.append([])
    events.append(["№", "Мероприятие", "Форма", "Код параметра", "Контингент", "Сроки", "Ответственные"])
    events.append([1, "«Сеть»", "совещание", dt.datetime(2025, 10, 2), "Руководители", dt.datetime(2025, 3, 15), "УО"])
    events["D19"].number_format = "d-mmm"
    events["F19"].number_format = "d mmmm"  # a date as people write it stays so
    book.save(tmp_path / "карта.xlsx")
    result, data = _import(tmp_path / "карта.xlsx")
    assert [(e["name"], e["parameters"], e["dates"]) for e in data["events"]] == [
        ("«Сеть»", ["contingent.low-income"], "15 марта")
    ]
    assert [u.describe() for u in result.unplaced] == []


def test_a_sheet_per_group_gives_its_events_their_group(tmp_path):
    """«1. Муниципальные мероприятия», «2. С участием ШНОР», «3. Контроль» as sheets are the sections a Word table has
    as rows across it: the events get their groups (the sheet names were lost); one sheet «ДК ШНОР» names none."""
    import openpyxl

    book = openpyxl.Workbook()
    names = ["1. Муниципальные мероприятия", "2. С участием ШНОР", "3. Контроль"]
    for n, name in enumerate(names):
        sheet = book.active if n == 0 else book.create_sheet()
        sheet.title = name
        sheet.append(HEADER)
        sheet.append([1, f"«Семинар {n}»", "семинар", "Учителя ОО", "ТМС", "Март 2025", "ТМС"])
    book.save(tmp_path / "карта.xlsx")
    _, data = _import(tmp_path / "карта.xlsx")
    assert [e.get("groups") for e in data["events"]] == [["municipal"], ["shnor"], ["control"]]
    book = openpyxl.Workbook()
    book.active.title = "ДК ШНОР 2025"
    book.active.append(HEADER)
    book.active.append([1, "«Семинар»", "семинар", "Учителя ОО", "ТМС", "Март 2025", "ТМС"])
    book.save(tmp_path / "одна.xlsx")
    _, data = _import(tmp_path / "одна.xlsx")
    assert "groups" not in data["events"][0]


def test_an_empty_cell_formatted_far_below_is_no_reason_to_refuse(tmp_path):
    """A border or a font set on an empty cell at row 60 000 made the sheet «больше 50 000 строк»: the reader builds no
    grid for an empty cell, so the limit counts cells that hold something (a value far below is still refused)."""
    import openpyxl
    from openpyxl.styles import Font

    from neuspeh_cli.importing import ImportFailed, import_file

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([1, "«Семинар»", "семинар", "Учителя ОО", "ТМС", "Март 2025", "ТМС"])
    sheet.cell(60_000, 1).font = Font(bold=True)
    book.save(tmp_path / "карта.xlsx")
    _, data = _import(tmp_path / "карта.xlsx")
    assert [e["name"] for e in data["events"]] == ["«Семинар»"]
    sheet.cell(60_000, 1).value = "x"
    book.save(tmp_path / "далеко.xlsx")
    with pytest.raises(ImportFailed, match="больше 50 000 строк"):
        import_file(tmp_path / "далеко.xlsx")


def test_section_one_in_other_words(tmp_path):
    """«№ параметра» is the code, «Школы, в которых выявлен риск» the list of schools (it was read as the factor, for
    its «риск», and the schools were lost to it)."""
    import openpyxl

    book = openpyxl.Workbook()
    audit = book.active
    audit.append(["Фактор риска", "Параметр", "№ параметра", "Школы, в которых выявлен риск"])
    audit.append(
        [
            "Уровень оснащения школы",
            "Плохое качество интернет-соединения / недоступность подключения",
            "1.1",
            "СОШ № 10",
        ]
    )
    book.save(tmp_path / "карта.xlsx")
    result, data = _import(tmp_path / "карта.xlsx")
    assert result.unplaced == []
    assert data["audit"] == [{"parameter": "equipment.internet", "schools": ["sosh10"]}]


def test_control_characters_in_cells_do_not_break_the_written_file(tmp_path):
    """A vertical tab («_x000B_» in a workbook, a line break pasted from Word) went into the YAML, which then did not
    read back («недопустимый управляющий символ»): it is a space, other control characters are dropped."""
    import openpyxl

    from neuspeh_cli.reading.yamlread import read_yaml_text

    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append([1, "Семинар _x000B_ для_x0007_ молодых", "семинар", "Учителя ОО", "ТМС", "Март 2025", "ТМС"])
    book.save(tmp_path / "карта.xlsx")
    result, data = _import(tmp_path / "карта.xlsx")
    assert data["events"][0]["name"] == "Семинар для молодых"
    read_yaml_text(result.data_text, "карта.yaml")  # reads back


def test_rows_a_filter_hides_are_said_once_the_first_few_and_how_to_show_them(tmp_path):
    """A filter left on («Сроки» = «Март 2025») hides 14 of 15 events: each of the first ten is named with «снимите
    фильтр», the rest by number in one line (not 14 lines for a sheet of hundreds)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "План"
    sheet.append(HEADER)
    for n in range(1, 16):
        sheet.append(
            [n, f"«Семинар {n}»", "семинар", "Учителя ОО", "ТМС", "Март 2025" if n == 1 else "Май 2025", "ТМС"]
        )
        if n > 1:
            sheet.row_dimensions[n + 1].hidden = True
    sheet.auto_filter.ref = "A1:G16"
    sheet.auto_filter.add_filter_column(5, ["Март 2025"])
    book.save(tmp_path / "план.xlsx")
    result, data = _import(tmp_path / "план.xlsx")
    assert [e["name"] for e in data["events"]] == ["«Семинар 1»"]
    lines = [u.describe() for u in result.unplaced]
    assert len(lines) == 11
    assert lines[0] == (
        "лист «План», строка 3: «2 | «Семинар 2» | семинар | Учителя ОО | ТМС | Май 2025» — строка скрыта фильтром — "
        "не перенесена; снимите фильтр (Данные → Фильтр) и повторите"
    )
    assert lines[-1].startswith("лист «План»: «и ещё 4 скрытых строк с текстом: 13, 14, 15, 16»")


def test_a_start_and_an_end_date_in_two_columns_are_one_period(tmp_path):
    """«Дата начала» | «Дата окончания» gave «15.09.2025 30.11.2025» — two dates, September and November only."""
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["№", "Мероприятие", "Форма", "Контингент", "Место проведения", "Дата начала", "Дата окончания"])
    sheet.append([1, "«Семинар»", "семинар", "Учителя ОО", "ТМС", dt.datetime(2025, 9, 15), dt.datetime(2025, 11, 30)])
    sheet.append([2, "«Совещание»", "совещание", "Учителя ОО", "ТМС", "октябрь 2025", None])
    sheet["F2"].number_format = sheet["G2"].number_format = "dd.mm.yyyy"
    book.save(tmp_path / "план.xlsx")
    _, data = _import(tmp_path / "план.xlsx")
    assert [e["dates"] for e in data["events"]] == ["15.09.2025 – 30.11.2025", "октябрь 2025"]


def test_a_roadmap_only_on_a_hidden_sheet_says_to_show_it(tmp_path):
    """The visible sheet holds only a title: «это не дорожная карта» would send the clerk the wrong way."""
    import openpyxl

    from neuspeh_cli.importing import ImportFailed, import_file

    book = openpyxl.Workbook()
    book.active.title = "Титул"
    book.active.append([TITLE])
    plan = book.create_sheet("План")
    plan.append(HEADER)
    plan.append([1, "«Семинар»", "семинар", "Учителя ОО", "ТМС", "Март 2025", "ТМС"])
    plan.sheet_state = "hidden"
    book.save(tmp_path / "карта.xlsx")
    with pytest.raises(ImportFailed) as failed:
        import_file(tmp_path / "карта.xlsx")
    assert "таблица дорожной карты — только на скрытом листе (лист «План»): покажите его" in str(failed.value)


def test_headers_typed_with_latin_look_alikes_are_recognised(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["№", "Mероприятие", "Форма", "Контингент", "Место проведения", "Cроки", "Oтветственные"])
    book.active.append([1, "«Семинар»", "семинар", "Учителя ОО", "ТМС", "Март 2025", "ТМС"])
    book.save(tmp_path / "карта.xlsx")
    result, data = _import(tmp_path / "карта.xlsx")
    assert result.unplaced == []
    assert (data["events"][0]["dates"], data["events"][0]["responsible"]) == ("Март 2025", "ТМС")


def test_a_column_of_fact_beside_the_plan_is_not_the_plans_dates(tmp_path):
    """«Срок (план)» | «Срок (факт)»: the planned date is the event's, the fact is listed as not placed (it ran into
    the plan: «Октябрь 2025 15.10.2025»). A factor is no fact."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "План"
    sheet.append(["№", "Мероприятие", "Форма", "Фактор риска", "Срок (план)", "Срок (факт)", "Ответственные"])
    sheet.append([1, "«Семинар»", "семинар", "Уровень оснащения школы", "Октябрь 2025", "15.10.2025", "ТМС"])
    audit = book.create_sheet("Раздел I")  # a roadmap marked as it goes, not a report
    audit.append(["Фактор", "Параметр", "Код параметра", "Перечень ШНОР"])
    audit.append(
        ["Уровень оснащения школы", "Плохое качество интернет-соединения / недоступность подключения", "1.1.", None]
    )
    book.save(tmp_path / "карта.xlsx")
    result, data = _import(tmp_path / "карта.xlsx")
    assert data["events"][0]["dates"] == "Октябрь 2025"
    assert [u.describe() for u in result.unplaced] == [
        "лист «План», строка 2, столбец F («Срок (факт)»): «15.10.2025» — столбец не распознан по заголовку"
    ]
