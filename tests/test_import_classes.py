"""Each class of municipal layout that once lost text imports whole (issue 17); layouts: tests/municipal_layouts.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import municipal_layouts as layouts
import pytest
import yaml

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def imported(path: Path):
    from neuspeh_cli.importing import import_file

    result = import_file(path)
    return result, yaml.safe_load(result.data_text)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("layouts")


@pytest.fixture(scope="module")
def converted(folder) -> dict[str, Path]:
    """The Word and Excel layouts as LibreOffice saves them in OpenDocument (one soffice run for all)."""
    if not SOFFICE:
        pytest.skip("нужен LibreOffice")
    import subprocess

    sources = [
        layouts.section_row_under_header(folder / "section-row.docx"),
        layouts.combined_table(folder / "combined.docx"),
    ]
    out = folder / "odf"
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            "odt",
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    book = layouts.workbook(folder / "book.xlsx")
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            "ods",
            "--outdir",
            str(out),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return {p.name: p for p in out.iterdir()}


def _events(data) -> list[tuple]:
    return [(e["name"], e["dates"], e.get("groups")) for e in data["events"]]


def test_a_section_row_right_under_the_header_is_a_group_not_a_header(folder):
    result, data = imported(layouts.section_row_under_header(folder / "section-row.docx"))
    assert [u.describe() for u in result.unplaced] == []
    names = [e[0] for e in layouts.MUNICIPAL + layouts.SHNOR + layouts.CONTROL]
    assert [e["name"] for e in data["events"]] == names
    assert [e.get("groups") for e in data["events"]] == [["municipal"], ["municipal"], ["shnor"], ["control"]]
    assert data["events"][0]["parameters"] == ["equipment.digital-equipment"]
    assert data["events"][3]["parameters"] == "все выявленные параметры"


@pytest.mark.pdf
def test_the_same_layout_saved_as_odt(converted):
    result, data = imported(converted["section-row.odt"])
    assert [u.describe() for u in result.unplaced] == []
    assert len(data["events"]) == 4 and data["events"][2]["groups"] == ["shnor"]


def test_an_approval_block_laid_out_as_a_table(folder):
    result, data = imported(layouts.approval_table(folder / "approval.docx"))
    assert [u.describe() for u in result.unplaced] == []
    assert data["document"]["approval"] == {
        "position": "Начальник управления образования администрации МО Тестовый район",
        "name": "И.И. Иванова",
        "date": "«15» января 2025 г.",
    }


def test_several_measures_typed_as_paragraphs_of_one_cell(folder):
    result, data = imported(layouts.measures_in_one_cell(folder / "measures.docx"))
    assert [u.describe() for u in result.unplaced] == []
    first = data["events"][:3]
    assert [(e["name"], e["dates"]) for e in first] == layouts.MEASURES
    assert {e["form"] for e in first} == {"тематический семинар"}  # a cell of one paragraph is shared
    assert all(e["parameters"] == ["equipment.digital-equipment"] for e in first)
    assert len(data["events"]) == 5
    # the split is a guess: each event it made says so in the data file
    said = "таблица 2, строка 2: строка таблицы разделена по абзацам ячеек на отдельные мероприятия (3): проверьте"
    assert result.data_text.count(said) == 3


def test_a_long_description_in_its_own_paragraph_is_not_split():
    from neuspeh_cli.importing.assemble import _several_measures

    one = {"name": "Семинар «Наставничество»\nЦель: обмен опытом наставников", "dates": "Март\n2025"}
    assert _several_measures(one) == []
    assert _several_measures({"name": "Семинар «Наставничество»\nЦель: обмен опытом", "responsible": "УО\nТМС"}) == []
    assert len(_several_measures({"name": "Семинар А\nСеминар Б", "dates": "Март 2025\nАпрель 2025"})) == 2


def _check_combined(result, data) -> None:
    assert [u.describe() for u in result.unplaced] == []
    assert [f["parameter"] for f in data["audit"]] == [
        "equipment.digital-equipment",
        "equipment.internet",
        "contingent.low-income",
    ]
    assert data["audit"][0]["schools"] == ["sosh14", "oosh19", "oosh23"]
    measures = [(m[0], m[2]) for _, group in layouts.COMBINED for m in group]
    assert [(e["name"], e["dates"]) for e in data["events"]] == measures
    assert [e["parameters"] for e in data["events"]] == [["equipment.digital-equipment"]] * 2 + [
        ["equipment.internet"]
    ] + [["contingent.low-income"]] * 2


def test_section_one_and_two_in_one_table(folder):
    _check_combined(*imported(layouts.combined_table(folder / "combined.docx")))


@pytest.mark.pdf
def test_section_one_and_two_in_one_table_saved_as_odt(converted):
    _check_combined(*imported(converted["combined.odt"]))


def test_excel_section_row_merged_dates_and_real_dates(folder):
    _, data = imported(layouts.workbook(folder / "book.xlsx"))
    assert [e["dates"] for e in data["events"]] == ["15 октября 2025", "15 октября 2025", "20 ноября 2025"]
    assert [e.get("groups") for e in data["events"]] == [["municipal"]] * 3


@pytest.mark.pdf
def test_ods_merged_cells_are_filled_down(converted):
    _, data = imported(converted["book.ods"])
    dates = [e["dates"] for e in data["events"]]
    assert dates[0] == dates[1] != "" and dates[2] != ""


def test_no_break_and_narrow_spaces_become_plain_spaces(folder):
    import docx

    path = layouts.section_row_under_header(folder / "spaces.docx")
    document = docx.Document(str(path))
    cell = document.tables[1].rows[2].cells[1]
    cell.text = "Семинар\u00a0«Цифровая\u202fшкола»"
    document.save(str(path))
    _, data = imported(path)
    assert data["events"][0]["name"] == "Семинар «Цифровая школа»"


def test_text_in_an_unknown_column_is_listed_with_its_place(folder):
    import docx

    path = layouts.section_row_under_header(folder / "note.docx")
    document = docx.Document(str(path))
    table = document.tables[1]
    table.add_column(docx.shared.Mm(20))
    table.rows[0].cells[-1].text = "Отметка о выполнении"
    table.rows[2].cells[-1].text = "перенесено с января"
    document.save(str(path))
    result, _ = imported(path)
    assert [u.describe() for u in result.unplaced] == [
        "таблица 2, строка 3, столбец 9 («Отметка о выполнении»): «перенесено с января» — столбец не распознан по "
        "заголовку"
    ]


def test_not_a_roadmap_says_what_was_seen(folder):
    import docx

    from neuspeh_cli.importing import ImportFailed, import_file

    document = docx.Document()
    document.add_paragraph("Служебная записка")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["ФИО", "Должность", "Телефон"]):
        cell.text = text
    path = folder / "letter.docx"
    document.save(str(path))
    with pytest.raises(ImportFailed) as caught:
        import_file(path)
    assert "это не дорожная карта" in str(caught.value) and "таблица 1 (2 строк): «ФИО | Должность | Телефон»" in str(
        caught.value
    )


def test_validate_reads_a_foreign_word_file_and_points_into_it(folder):
    import docx

    from neuspeh_cli.document import load_one

    path = layouts.section_row_under_header(folder / "карта.docx")
    document = docx.Document(str(path))
    document.tables[1].rows[2].cells[6].text = "Июнь 2031"
    document.save(str(path))
    loaded = load_one(path)
    dated = [p for p in loaded.problems if "2031" in p.message]
    assert dated, [p.where + " " + p.message for p in loaded.problems]
    assert dated[0].where.endswith("карта.docx, таблица 2, строка 3, графа «Сроки»")


def test_build_makes_our_document_from_a_foreign_one(folder, tmp_path):
    from neuspeh_cli.build import BuildOptions, build_files
    from neuspeh_cli.errors import NeuspehError
    from neuspeh_cli.importing import import_file

    source = layouts.section_row_under_header(folder / "build-from.docx")
    with pytest.raises(NeuspehError, match="совпадает с входным"):
        build_files([source], BuildOptions(pdf_engine="none", force=True))
    report = build_files([source], BuildOptions(out_dir=tmp_path, pdf_engine="none", force=True))
    [result] = report.results
    assert result.docx == tmp_path / "build-from.docx"
    again = import_file(result.docx)
    assert again.own and again.data_text == import_file(source).data_text


def test_other_words_for_the_columns(folder):
    import docx

    document = docx.Document()
    document.add_paragraph(
        "Дорожная карта по профилактике учебной неуспешности в муниципальном образовании Тестовый район на 2025 год"
    )
    table = document.add_table(rows=2, cols=6)
    for cell, text in zip(
        table.rows[0].cells, ["№", "Содержание работы", "Для кого", "Площадка", "Месяц", "Ответственный исполнитель"]
    ):
        cell.text = text
    for cell, text in zip(
        table.rows[1].cells, ["1", "Семинар «Наставничество»", "Молодые учителя", "МБОУ СОШ № 3", "Март 2025", "ТМС"]
    ):
        cell.text = text
    path = folder / "words.docx"
    document.save(str(path))
    result, data = imported(path)
    assert result.unplaced == []
    event = data["events"][0]
    assert (event["name"], event["contingent"], event["place"], event["dates"], event["responsible"]) == (
        "Семинар «Наставничество»",
        "Молодые учителя",
        "МБОУ СОШ № 3",
        "Март 2025",
        "ТМС",
    )


def test_a_heading_typed_in_the_name_column_alone_is_a_group(folder):
    import docx

    document = docx.Document()
    document.add_paragraph(
        "Дорожная карта по профилактике учебной неуспешности в муниципальном образовании Тестовый район на 2025 год"
    )
    table = document.add_table(rows=1, cols=len(layouts.HEADER))
    for cell, text in zip(table.rows[0].cells, layouts.HEADER):
        cell.text = text
    table.add_row().cells[1].text = "Мероприятия с участием ШНОР"
    for number, event in enumerate(layouts.MUNICIPAL, 1):
        for cell, text in zip(table.add_row().cells, [str(number), *event]):
            cell.text = text
    table.add_row().cells[1].text = "II. Контроль реализации"
    for cell, text in zip(table.add_row().cells, ["3", *layouts.CONTROL[0]]):
        cell.text = text
    path = folder / "heading.docx"
    document.save(str(path))
    result, data = imported(path)
    assert [u.text for u in result.unplaced] == ["1.1", "1.2"]  # no section I in this document: its codes are listed
    assert [e["name"] for e in data["events"]] == [
        layouts.MUNICIPAL[0][0],
        layouts.MUNICIPAL[1][0],
        layouts.CONTROL[0][0],
    ]
    assert [e.get("groups") for e in data["events"]] == [["shnor"], ["shnor"], ["control"]]


def test_a_roadmap_laid_out_inside_a_one_cell_frame(folder):
    import docx

    path = layouts.section_row_under_header(folder / "frame.docx")
    document = docx.Document(str(path))
    body = document.element.body
    frame = document.add_table(rows=1, cols=1)
    cell = frame.rows[0].cells[0]
    for table in document.tables[:2]:
        cell._tc.append(table._tbl)
    cell._tc.append(cell.paragraphs[0]._p)  # a cell ends with a paragraph
    body.remove(frame._tbl)
    body.insert(1, frame._tbl)
    document.save(str(path))
    result, data = imported(path)
    assert result.unplaced == []
    assert len(data["events"]) == 4 and len(data["audit"]) == 3


def test_a_school_named_with_its_settlement_keeps_the_space():
    from neuspeh_cli.importing.schoolnames import parse_school_list

    names, leftovers = parse_school_list("ООШ №\u00a07 п. Степного; ООШ №\u00a019, 23; МБОУ «СОШ № 10»")
    assert names == ["ООШ № 7 п. Степного", "ООШ № 19", "ООШ № 23", "МБОУ «СОШ № 10»"] and leftovers == []


def test_an_agreement_block_beside_the_approval_is_listed_as_such(folder):
    import docx

    path = layouts.approval_table(folder / "agreed.docx")
    document = docx.Document(str(path))
    left = document.tables[0].rows[0].cells[0]
    left.text = "СОГЛАСОВАНО"
    for line in ["Председатель районной организации профсоюза", "____________ П.П. Петров"]:
        left.add_paragraph(line)
    document.save(str(path))
    result, data = imported(path)
    assert data["document"]["approval"]["name"] == "И.И. Иванова"
    assert [u.text for u in result.unplaced] == [
        "СОГЛАСОВАНО",
        "Председатель районной организации профсоюза",
        "____________ П.П. Петров",
    ]
    assert all(
        u.reason.startswith("гриф «СОГЛАСОВАНО»") and u.where.startswith("таблица 1, строка 1, столбец 1, абзац")
        for u in result.unplaced
    )
