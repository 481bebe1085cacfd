"""Word files from other municipalities: markup a clerk produces without knowing it, read as the reader sees it."""

from __future__ import annotations

import foreign_documents as fd
import pytest
import yaml


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("foreign")


def imported(path):
    from neuspeh_cli.importing import import_file

    result = import_file(path)
    return result, yaml.safe_load(result.data_text)


def test_an_approval_stamp_in_a_text_box_is_read_once(folder):
    result, data = imported(fd.stamp_in_text_box(folder / "штамп.docx"))
    assert data["document"]["approval"] == {
        "position": "Начальник управления образования",
        "name": "А.Б. Сидорова",
        "date": "«20» января 2025 г.",
    }
    assert not result.unplaced  # the VML copy of the box is not read a second time


def test_a_text_box_in_a_cell_is_part_of_the_cell():
    from lxml import etree

    from neuspeh_cli.importing.wordxml import read_table

    xml = fd.table(fd.row(fd.cell(fd.para("УО", fd.text_box("каб. 12")))), cols=1)
    tbl = etree.fromstring(f"<w:body {fd.NS}>{xml}</w:body>")[1]
    assert read_table(tbl, "таблица 1").rows[0][0].text == "каб. 12\nУО"


def test_a_content_control_still_showing_its_prompt_is_empty(folder):
    result, data = imported(fd.unfilled_control(folder / "элементы.docx"))
    first, second = data["events"][:2]
    assert first["place"] == "МБОУ СОШ № 5"  # a filled control is read
    assert second.get("place", "") == "" and second.get("contingent", "") == ""
    assert "Место для ввода" not in result.data_text and "Click or tap" not in result.data_text


@pytest.mark.parametrize("title", [True, False], ids=["by its title", "by its marks"])
def test_a_report_on_the_roadmap_is_not_taken_for_a_roadmap(folder, title):
    from neuspeh_cli.importing import ImportFailed, import_file

    path = fd.report(folder / f"отчёт-{title}.docx", title=title)
    with pytest.raises(ImportFailed) as failed:
        import_file(path)
    message = str(failed.value)
    assert "это отчёт о реализации дорожной карты" in message and "neuspeh report init" in message
    assert ("заголовок «Отчёт" if title else "таблица 1: графа «Отметка о выполнении»") in message
    assert not failed.value.foreign  # in a review folder it is named, not passed over


def test_a_marks_column_of_a_roadmap_is_no_report_and_a_count_is_no_contingent(folder):
    result, data = imported(
        fd.report(folder / "карта-с-графой.docx", title=False, audit=True, marks=("выполнено", "", ""))
    )
    assert [e["name"] for e in data["events"]] == [e[0] for e in fd.EVENTS]
    assert all(not e.get("contingent") for e in data["events"])  # «Количество участников» is not who takes part
    assert [(u.text, u.reason) for u in result.unplaced] == [
        (text, "столбец не распознан по заголовку") for text in ("выполнено", "10", "20", "30")
    ]


def test_section_one_typed_as_paragraphs_is_read_as_its_table(folder):
    result, data = imported(fd.listed_audit(folder / "список.docx"))
    assert not result.unplaced
    assert [(f["parameter"], f.get("schools", [])) for f in data["audit"]] == [
        ("staffing.teacher-shortage", ["sosh5", "sosh6", "sosh8"]),
        ("at-risk-students.low-motivation", ["sosh5"]),
        ("at-risk-students.special-needs", []),
    ]
    assert data["events"][1]["parameters"] == ["at-risk-students.low-motivation", "at-risk-students.special-needs"]
    assert result.places[("audit", 1)] == "абзац 10"  # the paragraph, as the user counts them


def _pdf_source(*tables):
    """Tables as the PDF reader gives them, each the only block of its page."""
    from neuspeh_cli.importing.model import Cell, Source, Table

    source = Source("карта.pdf")
    for n, rows in enumerate(tables, 1):
        grid = [[Cell(text, r, c) for c, text in enumerate(row, 1)] for r, row in enumerate(rows, 1)]
        source.blocks.append(Table(f"таблица {n}", grid, numbers=list(range(1, len(grid) + 1))))
    ids = {id(t) for t in source.blocks}
    return source, ids


def _lines(table) -> list[list[str]]:
    return [[cell.line for cell in row] for row in table.rows]


def test_a_pdf_row_broken_across_pages_is_one_row_again():
    from neuspeh_cli.importing.pdftables import _join_split_rows

    header = ["№", "Мероприятие", "Форма", "Код параметра", "Дата проведения", "Ответственные"]
    source, ids = _pdf_source(
        [
            header,
            ["1", "«Ученик года»", "конкурс", "3.2.", "Апрель 2025", "УО"],
            ["2", "Мониторинг наличия и", "", "", "", ""],
        ],
        [
            header,
            ["", "качества внутришкольных систем", "мониторинг", "все", "Июнь 2025", "ТМС"],
            ["3", "Форум", "форум", "1.1.", "Май 2025", "УО"],
        ],
    )
    _join_split_rows(source, ids, ids)
    first, second = source.tables
    assert _lines(first)[-1] == [
        "2",
        "Мониторинг наличия и качества внутришкольных систем",
        "мониторинг",
        "все",
        "Июнь 2025",
        "ТМС",
    ]
    assert _lines(second) == [header, ["3", "Форум", "форум", "1.1.", "Май 2025", "УО"]]


def test_a_parameter_row_at_a_pages_top_under_a_merged_factor_stays_a_row():
    from neuspeh_cli.importing.pdftables import _join_split_rows

    header = ["№", "Наименование фактора", "Параметры", "Код параметра", "Перечень ШНОР"]
    source, ids = _pdf_source(
        [header, ["1", "Кадровые ресурсы школы", "Дефицит педагогических сотрудников", "1.1.", "СОШ № 5"]],
        [["", "", "Наличие учителей со стажем менее 5 лет", "1.2.", "СОШ № 6"]],
    )
    _join_split_rows(source, ids, ids)
    assert len(source.tables[0].rows) == 2 and len(source.tables[1].rows) == 1


def test_word_list_numbers_as_word_shows_them():
    from neuspeh_cli.importing.wordxml import read_body

    numbering = (
        f'<w:numbering {fd.NS}><w:abstractNum w:abstractNumId="1">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
        '</w:abstractNum><w:abstractNum w:abstractNumId="2">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="russianLower"/><w:lvlText w:val="%1)"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="2"/>'
        "</w:lvlOverride></w:num></w:numbering>"
    ).encode()

    def item(text, num, level=0):
        return (
            f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
            f"{fd.run(text)}</w:p>"
        )

    body = "".join(
        [item("Кадры", 1), item("Дефицит", 1, 1), item("Стаж", 1, 1), item("Мотивация", 1), item("ОВЗ", 1, 1)]
        + [item("вторая", 2), item("", 2), fd.para("без списка"), item("пусто", "0")]
    )
    xml = f"<w:document {fd.NS}><w:body>{body}</w:body></w:document>".encode()
    texts = [b.text for b in read_body(xml, "x", numbering).blocks]
    # numId 0 switches numbering off; an empty list paragraph stays empty
    assert texts == [
        "1. Кадры",
        "1.1. Дефицит",
        "1.2. Стаж",
        "2. Мотивация",
        "2.1. ОВЗ",
        "б) вторая",
        "",
        "без списка",
        "пусто",
    ]
    assert read_body(xml, "x").blocks[0].text == "Кадры"  # no numbering part: the text alone


def test_a_strict_open_xml_document_reads_as_the_ordinary_one(folder):
    ordinary = fd.stamp_in_text_box(folder / "обычный.docx")
    result, data = imported(fd.as_strict(ordinary, folder / "строгий.docx"))
    assert data == imported(ordinary)[1] and not result.unplaced


def test_symbols_inserted_from_a_symbol_font_are_read():
    from lxml import etree

    from neuspeh_cli.importing.model import clean
    from neuspeh_cli.importing.wordxml import read_table

    at_least = '<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r>'
    tick = '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'
    xml = fd.table(fd.row(fd.cell(fd.para(at_least, " 80 %")), fd.cell(fd.para(tick))), cols=2)
    row = read_table(etree.fromstring(f"<w:body {fd.NS}>{xml}</w:body>")[1], "таблица 1").rows[0]
    assert [cell.line for cell in row] == ["≥ 80 %", "✓"]  # «≥» was dropped: «80 %» is another target
    assert clean("\uf0b7 учащиеся") == "• учащиеся"  # a PDF's text gives the font's own code point


def test_section_one_and_two_joined_into_one_table_are_read_apart(folder):
    result, data = imported(fd.one_table(folder / "одна таблица.docx"))
    assert not result.unplaced
    assert [f["parameter"] for f in data["audit"]] == ["staffing.teacher-shortage", "at-risk-students.low-motivation"]
    assert [e["name"] for e in data["events"]] == [e[0] for e in fd.EVENTS]
    assert result.places[("events", 0)] == "таблица 1, строка 7"  # rows counted in the one table, as in Word


def test_blocks_typed_with_line_breaks_read_line_by_line(folder):
    result, data = imported(fd.lines_broken_by_hand(folder / "переносы.docx"))
    document = data["document"]
    assert document["approval"] == {
        "position": "Начальник управления образования",
        "name": "А.Б. Сидорова",
        "date": "«20» января 2025 г.",
    }  # it was all one «position», name and date empty
    assert (document["municipality"], document["year"]) == ("Лесной район", 2025)
    assert document["signature"] == {
        "position": "Заместитель начальника управления образования",
        "name": "В.Г. Петрова",
    }
    assert not result.unplaced


def test_a_kind_of_event_over_its_quoted_title_is_one_event_with_two_dates(folder):
    def cells(number, texts):
        if number == 1:  # «Форум» / «Моя профессия – учитель» beside two dates: one forum held twice
            texts[1] = fd.cell("<w:p><w:r><w:t>Форум</w:t><w:br/><w:t>«Моя профессия – учитель»</w:t></w:r></w:p>")
            texts[6] = fd.cell(fd.para("Октябрь 2025") + fd.para("Март 2026"))
        return texts

    body = "".join(fd.para(line) for line in [*fd.APPROVAL, fd.TITLE]) + fd.section_one() + fd.section_two(cells)
    _, data = imported(fd.save(folder / "форум.docx", body))
    assert [e["name"] for e in data["events"]][:2] == ["Форум «Моя профессия – учитель»", "«Ученик года»"]
    assert data["events"][0]["dates"] == "Октябрь 2025 Март 2026"


def test_a_footnote_is_named_not_lost(folder):
    result, data = imported(fd.with_footnote(folder / "сноска.docx"))
    assert data["events"][1]["dates"] == "Апрель 2025"
    assert [u.describe() for u in result.unplaced] == [
        "сноска 1: «по согласованию с ИРО» — сноски не переносятся: перенесите её текст в файл данных сами"
    ]


def test_an_events_expected_result_is_no_quality_indicator(folder):
    """«Ожидаемый результат» of each event filled monitoring.indicators and hid that the roadmap names none."""

    def cells(number, texts):
        return [*texts, f"Результат {number}"]

    header = fd.row(*fd.H2, "Ожидаемый результат")
    events = [fd.row(*cells(n, [str(n), *e])) for n, e in enumerate(fd.EVENTS, 1)]
    body = fd.section_one() + fd.table(header, *events, cols=len(fd.H2) + 1)
    result, data = imported(fd.save(folder / "результат.docx", fd.para(fd.TITLE) + body))
    assert not (data.get("monitoring") or {}).get("indicators")
    assert [u.text for u in result.unplaced] == ["Результат 1", "Результат 2", "Результат 3"]


def test_section_one_as_a_grid_of_schools_and_marks(folder):
    result, data = imported(fd.audit_grid(folder / "сетка.docx"))
    assert [f.get("schools", []) for f in data["audit"]] == [["sosh5", "sosh6"], ["sosh5"]]
    shnor = {s["id"]: s.get("shnor", False) for s in data["schools"]}
    assert shnor == {"sosh5": True, "sosh6": True, "sosh8": False, "sosh9": False}  # unmarked: a school all the same
    assert [(u.where, u.text) for u in result.unplaced] == [
        ("таблица 1, строка 3, столбец 7 («МБОУ СОШ № 8»)", "см. примечание")
    ]


def test_a_plan_laid_out_as_a_calendar_gives_the_marked_months(folder):
    """A column per month with «+» marks: the dates read «+ +»."""
    result, data = imported(fd.calendar_plan(folder / "график.docx"))
    assert [e["dates"] for e in data["events"]] == [
        "Октябрь 2025",
        "Апрель 2025, май 2025",
        "Июнь 2025, 15.12 (декабрь 2025)",
    ]
    assert not result.unplaced


def test_an_events_parameter_column_in_words_beside_a_section_one_table(folder):
    """«Параметр, на устранение которого направлено мероприятие» made the events table a second section I: the
    parameters were read again («код 1.1 повторяется»), and «…менее 5-ти лет» as a code 5."""
    header = [*fd.H2[:3], "Параметр, на устранение которого направлено мероприятие", *fd.H2[4:]]
    wording = {"1.1.": fd.AUDIT[0][1], "3.2.": fd.AUDIT[1][1]}
    events = [fd.row(str(n), *e[:2], wording.get(e[2], e[2]), *e[3:]) for n, e in enumerate(fd.EVENTS, 1)]
    extra = fd.row(
        "4",
        "Наставничество",
        "стажировка",
        "Наличие учителей со стажем менее 5 лет",
        "Учителя",
        "ОО",
        "Май 2025",
        "ТМС",
    )
    audit = [
        *fd.AUDIT,
        ("Профессионализм и компетенции педагогов", "Наличие учителей со стажем менее 5 лет", "2.4.", "СОШ № 6"),
    ]
    section_one = fd.table(fd.row(*fd.H1), *(fd.row(str(n), *a) for n, a in enumerate(audit, 1)), cols=len(fd.H1))
    body = fd.para(fd.TITLE) + section_one + fd.table(fd.row(*header), *events, extra, cols=len(header))
    result, data = imported(fd.save(folder / "параметр словами.docx", body))
    assert len(data["audit"]) == 3 and not result.unplaced
    assert [e["parameters"] for e in data["events"]] == [
        ["staffing.teacher-shortage"],
        ["at-risk-students.low-motivation"],
        "все выявленные параметры",
        [data["audit"][2]["parameter"]],
    ]


def test_a_title_naming_the_place_in_another_case_says_so_in_the_data_file(folder):
    title = "Дорожная карта по профилактике учебной неуспешности в Лесном районе на 2025 год"
    result, data = imported(fd.save(folder / "падеж.docx", fd.para(title) + fd.section_one() + fd.section_two()))
    assert (data["document"]["municipality"], data["document"]["year"]) == ("", 2025)
    assert "# В заголовке — «в Лесном районе»: впишите название муниципального образования в именительном падеже." in (
        result.data_text
    )
