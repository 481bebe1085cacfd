"""Roadmaps laid out unlike ours import with every event placed (fixtures: tools/make_import_fixtures.py)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from conftest import DATA

HERE = DATA / "import"


def imported(name: str):
    from neuspeh_cli.importing import import_file

    result = import_file(HERE / name)
    return result, yaml.safe_load(result.data_text)


def by_id(data: dict) -> dict[str, dict]:
    return {s["id"]: s for s in data["schools"]}


def test_other_order_of_columns_and_headers():
    result, data = imported("other-order.docx")
    assert [u.describe() for u in result.unplaced] == []
    assert data["document"]["municipality"] == "Тестовый район"
    assert data["document"]["year"] == 2025
    assert data["document"]["approval"] == {
        "position": "Начальник управления образования администрации МО Тестовый район",
        "name": "А.Б. Петрова",
        "date": "«28» августа 2025 г.",
    }
    events = data["events"]
    assert [e["id"] for e in events] == ["e01", "e02", "e03", "e04"]
    # text split over two paragraphs joins with a space
    assert events[0]["name"] == "Семинар-практикум «Молодой учитель: первые шаги»"
    assert events[0]["parameters"] == ["staffing.teacher-shortage", "teacher-competence.methodology"]
    assert (events[0]["dates"], events[0]["responsible"], events[0]["form"]) == (
        "Октябрь 2025",
        "УО, ТМС",
        "тематический семинар",
    )
    # tracked insertion kept, tracked deletion dropped; content control and field show their text
    assert events[1]["name"] == "«Наставничество в сельской школе»"
    assert events[1]["dates"] == "Ноябрь 2025"
    assert events[1]["responsible"] == "ТМС"
    assert events[2]["parameters"] == "все выявленные параметры"
    # a whole row inside a content control, addressing the municipality's own parameter
    assert events[3]["name"] == "Консультации для педагогов-психологов сельских школ"
    assert events[3]["parameters"] == ["own-1"]
    assert data["monitoring"].get("events", [data["monitoring"].get("event")]) == ["e03"]


def test_other_order_section_one_with_both_merge_notations():
    _, data = imported("other-order.docx")
    audit = data["audit"]
    # the factor cell merged with <w:vMerge/> and with w:val="continue" reaches every row
    assert [f.get("parameter") or f.get("id") for f in audit] == [
        "staffing.teacher-shortage",
        "staffing.new-administrators",
        "own-1",
        "teacher-competence.methodology",
    ]
    own = audit[2]
    assert own == {
        "id": "own-1",
        "factor": "staffing",
        "title": "Вакансии педагогов-психологов в сельских школах",
        "schools": ["voloshinskaya", "gimnaziya2"],
    }
    schools = by_id(data)
    assert schools["sosh10"] == {"id": "sosh10", "name": "МБОУ «СОШ № 10»", "shnor": True}
    assert schools["oosh23"]["name"] == "МКОУ ООШ № 23"
    assert schools["gimnaziya2"]["name"] == "МАОУ гимназия № 2"  # full name from the place of event 2
    assert audit[0]["schools"] == ["sosh5", "sosh10"]
    assert audit[3]["schools"] == ["sosh5", "sosh10"]  # «СОШ № 5, 10» in another row: the same schools
    assert "sosh7" in schools and not schools["sosh7"].get("shnor")


def test_own_parameter_is_explained_in_a_comment():
    result, _ = imported("other-order.docx")
    assert "# таблица 1, строка 4: нет в «Конструкторе»: собственный параметр муниципалитета" in result.data_text


def test_two_row_header_section_rows_and_approval_by_order():
    result, data = imported("two-row-header.docx")
    assert [u.describe() for u in result.unplaced] == []
    document = data["document"]
    assert document["approval"] == {
        "order": {
            "body": "управления образования администрации муниципального образования Тестовый район",
            "date": "29.08.2025",
            "number": "044",
        }
    }
    assert document.get("period") == {"start": "сентябрь 2025", "end": "май 2026"} or document.get("year") == 2025
    assert document["signature"] == {"position": "Начальник управления образования", "name": "А.Б. Петрова"}
    events = data["events"]
    assert len(events) == 3
    # «Место и сроки» over «место» | «сроки»: two columns, not one
    assert (events[0]["place"], events[0]["dates"]) == ("ГДК", "Ноябрь 2025")
    assert events[0]["parameters"] == ["parents.poor-information", "parents.distancing"]
    assert data["audit"][1]["parameter"] == "parents.distancing"
    assert data["audit"][1]["title"] == "Дистанцирование родителей от учебного процесса"
    # the section rows name the method's groups
    text = result.data_text
    for group in ("municipal", "shnor", "control"):
        assert f"groups: [{group}]" in text
    assert "# 2. Мероприятия с участием ШНОР" in text


def test_table_continued_after_a_page_break_with_its_header_typed_again():
    result, data = imported("page-break.docx")
    assert [u.describe() for u in result.unplaced] == []
    events = data["events"]
    assert [e["name"] for e in events] == [
        "«Стратегия профилактики учебной неуспешности»",
        "«Кадровый резерв школы»",
        "«Наставничество: первые шаги»",
        "Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности",
        "«Итоги года: эффективные практики»",
    ]
    assert events[0]["parameters"] == "все выявленные параметры"
    # «1.1–1.3»: a range
    assert events[1]["parameters"] == [
        "staffing.teacher-shortage",
        "staffing.admin-teaching-load",
        "staffing.admin-vacancies",
    ]
    assert events[2]["parameters"] == ["teacher-competence.novice-teachers", "staffing.teacher-shortage"]
    # a nested table stays inside its cell
    assert events[2]["contingent"] == "Учителя и наставники: Учителя СОШ № 1, 2 Наставники лицей № 4"
    # factor titles as rows across the table; «по каждой ОО»: schools are not ШНОР
    assert [f["parameter"] for f in data["audit"]] == [
        "staffing.teacher-shortage",
        "staffing.admin-teaching-load",
        "staffing.admin-vacancies",
        "teacher-competence.novice-teachers",
    ]
    assert not any(s.get("shnor") for s in data["schools"])
    assert "В разделе I перечислены ОО, а не ШНОР" in result.data_text


def test_indicator_table_fills_monitoring_indicators():
    _, data = imported("page-break.docx")
    indicators = data["monitoring"]["indicators"]
    texts = [i["text"] if isinstance(i, dict) else i for i in indicators]
    assert texts == [
        "Доля ОО с утверждённой внутришкольной программой профилактики учебной неуспешности",
        "Доля учителей со стажем менее 5 лет, имеющих наставника",
    ]
    if isinstance(indicators[0], dict):
        assert (indicators[0]["unit"], indicators[0]["baseline"], indicators[0]["target"]) == ("%", 40, 100)
        assert indicators[1]["baseline"] == 55.5


@pytest.mark.parametrize("name", ["events.ods", "events.xls"])
def test_spreadsheet_formats_other_than_xlsx(name):
    result, data = imported(name)
    assert [u.describe() for u in result.unplaced] == []
    assert data["document"] == {"municipality": "Тестовый район", "year": 2025}
    assert [(e["name"], e["dates"], e["place"]) for e in data["events"]] == [
        ("«Школа молодого учителя»", "03.2025", "ТМС"),
        ("«Объективность оценивания»", "Апрель 2025", "УО"),
    ]


def test_xlsx_numbers_that_are_text_keep_their_written_form(tmp_path):
    import openpyxl

    from neuspeh_cli.importing import import_file

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "План"
    ws.append(["УТВЕРЖДЕНО приказом управления образования от", dt.datetime(2025, 8, 31), "№", 44])
    ws["B1"].number_format = "dd.mm.yyyy"
    ws["D1"].number_format = "000"
    ws.append(["План мероприятий дорожной карты МО Тестовый район на 2025 год"])
    ws.merge_cells("A2:F2")
    ws.append(["Наименование мероприятия", "Форма", "Категория участников", "Место", "Срок", "Ответственный"])
    ws.append(["«Школа молодого учителя»", "семинар", "Учителя ОО", "ТМС", dt.datetime(2025, 3, 1), "ТМС"])
    ws["E4"].number_format = "mm.yyyy"
    ws.append(["«Объективность оценивания»", "семинар", "Учителя ОО", "УО", 3.2025, "УО"])
    ws["E5"].number_format = "00.0000"
    ws.append(["«Родительский всеобуч»", "конференция", "Родители", "ГДК", "Май 2025", None])
    ws.merge_cells("F4:F6")
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    result = import_file(path)
    data = yaml.safe_load(result.data_text)
    assert [u.describe() for u in result.unplaced] == []
    assert data["document"]["approval"] == {
        "order": {"body": "управления образования", "date": "31.08.2025", "number": "044"}
    }
    assert [e["dates"] for e in data["events"]] == ["03.2025", "03.2025", "Май 2025"]
    # a merged range gives its text to every row it covers
    assert [e["responsible"] for e in data["events"]] == ["ТМС", "ТМС", "ТМС"]
    assert 'number: "044"' in result.data_text


def test_unknown_codes_and_columns_are_reported_with_their_place(tmp_path):
    import openpyxl

    from neuspeh_cli.importing import import_file

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Мероприятия"
    ws.append(["Мероприятие", "Форма", "Код параметра", "Сроки", "Ответственные", "Примечание"])
    ws.append(["«Школа молодого учителя»", "семинар", "7.1", "Май 2025", "ТМС", "перенесено с апреля"])
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    result = import_file(path)
    assert [u.describe() for u in result.unplaced] == [
        "лист «Мероприятия», строка 2, столбец C («Код параметра»): «7.1» — код 7.1: в файле нет раздела I "
        "(результатов аудита)",
        "лист «Мероприятия», строка 2, столбец F («Примечание»): «перенесено с апреля» — столбец не распознан по "
        "заголовку",
    ]
    assert "# лист «Мероприятия», строка 2: в документе также код 7.1: в разделе I его нет" in result.data_text
