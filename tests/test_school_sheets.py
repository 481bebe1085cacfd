"""A sheet for each school (Word, one page) and its monitoring form; the filled forms collected into the report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

from neuspeh_cli.yaml_edit import comment_parts

ROADMAP = EXAMPLES / "ust-labinsk-2025.yaml"
REPORT = EXAMPLES / "ust-labinsk-2025-report.yaml"
SHNOR = ["sosh10", "sosh12", "sosh14", "oosh19", "oosh23", "voloshinskaya"]


@pytest.fixture(scope="module")
def sheets(tmp_path_factory) -> Path:
    from neuspeh_cli.schoolsheets import write_school_sheets

    folder = tmp_path_factory.mktemp("sheets")
    write_school_sheets(ROADMAP, folder, pdf=False)
    return folder


@pytest.fixture(scope="module")
def views():
    from neuspeh_cli.document import load_one
    from neuspeh_cli.schoolsheets.facts import school_views

    loaded = load_one(ROADMAP)
    return {v.school.id: v for v in school_views(loaded.model, loaded.catalog)}


def test_shnor_come_first_with_their_parameters_and_events(views):
    assert list(views)[:6] == SHNOR
    sosh10 = views["sosh10"]
    assert [code for code, _ in sosh10.findings] == ["2.1.", "3.1.", "3.2.", "4.1.", "5.2."]
    numbers = [item.number for item in sosh10.events]
    assert 12 in numbers and 3 not in numbers  # the audit re-check names СОШ № 10; the digital internship does not
    assert sosh10.rounds == [("май 2025", "monitoring-school-systems"), ("ноябрь 2025", "monitoring-school-systems")]
    # A school that is not a ШНОР: the events held at it or for all schools.
    licey = views["licey1"]
    assert (
        not licey.findings
        and 6 in [item.number for item in licey.events]
        and 7 not in [item.number for item in licey.events]
    )


def test_the_sheet_and_the_form_are_written_for_every_school(sheets):
    import docx
    import openpyxl

    names = sorted(p.name for p in sheets.iterdir())
    assert len(names) == 30 and "sosh10.docx" in names and "sosh10-мониторинг.xlsx" in names
    sheet = docx.Document(sheets / "sosh10.docx")
    texts = [p.text for p in sheet.paragraphs]
    assert texts[0].startswith("МБОУ «СОШ №\u00a010»: участие в муниципальной дорожной карте")
    assert "Что школа представляет" in texts
    assert [row.cells[0].text for row in sheet.tables[0].rows] == ["Код", "2.1.", "3.1.", "3.2.", "4.1.", "5.2."]
    assert sheet.tables[1].rows[1].cells[2].text == "Март 2025"
    form = openpyxl.load_workbook(sheets / "sosh10-мониторинг.xlsx")
    assert form.sheetnames == ["Инструкция", "Показатели", "Участие", "Списки"]
    values = form["Показатели"]
    assert [c.value for c in values[1]][5:] == ["май 2025", "ноябрь 2025"]
    rule = values.data_validations.dataValidation[0]
    assert (rule.type, rule.operator or "between", rule.formula1, rule.formula2) == ("decimal", "between", "0", "100")
    assert "Участие" not in openpyxl.load_workbook(sheets / "licey1-мониторинг.xlsx").sheetnames


def fill(sheets: Path, target: Path, skip: str, wrong: str) -> None:
    """The schools' answers: every form filled but one, one with a share over 100 %."""
    import openpyxl

    target.mkdir()
    for path in sorted(sheets.glob("*-мониторинг.xlsx")):
        if path.name.startswith(f"{skip}-"):
            continue
        book = openpyxl.load_workbook(path)
        values = book["Показатели"]
        for r in range(2, values.max_row + 1):
            for c in range(6, values.max_column + 1):
                values.cell(r, c).value = 40 + r
        if path.name.startswith(f"{wrong}-"):
            values.cell(3, 6).value = 140
        if "Участие" in book.sheetnames:
            for r in range(2, book["Участие"].max_row + 1):
                book["Участие"].cell(r, 5).value = 2
        book.save(target / path.name)


def test_collect_puts_the_forms_into_the_report(cli, sheets, tmp_path):
    from neuspeh_cli.document import load_one

    shutil.copy(ROADMAP, tmp_path / ROADMAP.name)
    report = Path(shutil.copy(REPORT, tmp_path / REPORT.name))
    before = report.read_text(encoding="utf-8")
    fill(sheets, tmp_path / "формы", skip="sosh5", wrong="sosh12")
    result = cli("report", "collect", report, tmp_path / "формы")
    assert result.exit_code == 1, result.output
    assert "нет формы: СОШ № 5 (sosh5)" in result.output
    assert (
        "sosh12-мониторинг.xlsx, лист «Показатели», F3: «140» — доля — от 0 до 100; значение не перенесено (СОШ № 12, "
        "май 2025, q2)" in result.output
    )
    after = report.read_text(encoding="utf-8")
    assert not comment_parts(before) - comment_parts(after)
    old_may = next(r for r in load_one(REPORT).model.monitoring if r.round == "май 2025")
    old_values = {s.school: s.values for s in old_may.schools}
    model = load_one(report).model
    may = next(r for r in model.monitoring if r.round == "май 2025")
    values = {s.school: s.values for s in may.schools}
    assert values["sosh10"]["q1"] == 42 and values["sosh10"]["q5"] == 46
    assert values["sosh12"]["q2"] == old_values["sosh12"]["q2"] != 140  # refused: the report keeps its own figure
    assert values["sosh12"]["q1"] == 42
    assert values["sosh5"] == old_values["sosh5"]  # no form: untouched
    e01 = next(e for e in model.events if e.event == "e01")
    assert e01.participants.shnor_schools == dict.fromkeys(SHNOR, 2) and e01.participants.shnor == 12
    # The schools' counts may exceed the categories the УО wrote: said, to be settled in the report.
    assert "e21: из ШНОР 12, а всего участников 6 — уточните участников по категориям" in result.output
    assert "report-counts" in cli("validate", report).output


def test_collect_dry_run_and_a_foreign_file(cli, sheets, tmp_path):
    import openpyxl

    shutil.copy(ROADMAP, tmp_path / ROADMAP.name)
    report = Path(shutil.copy(REPORT, tmp_path / REPORT.name))
    before = report.read_bytes()
    other = tmp_path / "чужая.xlsx"
    openpyxl.Workbook().save(other)
    result = cli("report", "collect", report, sheets / "sosh10-мониторинг.xlsx", other, "--dry-run")
    assert result.exit_code == 1
    assert "это не форма мониторинга школы" in result.output
    assert "не заполнено: СОШ № 10, май 2025, q1" in result.output
    assert report.read_bytes() == before


@pytest.mark.pdf
def test_a_school_sheet_passes_the_page_test(tmp_path):
    from pages import Pdf, latin_problems, page_problems

    from neuspeh_cli.render.pdf import find_soffice
    from neuspeh_cli.schoolsheets import write_school_sheets

    if find_soffice() is None:
        pytest.skip("LibreOffice не установлен")
    write_school_sheets(ROADMAP, tmp_path, pdf=True, schools=["sosh10", "licey1"])  # the ШНОР with the most events
    for name in ("sosh10", "licey1"):
        pdf = Pdf(tmp_path / f"{name}.pdf")
        assert len(pdf.pages) == 1
        assert page_problems(pdf) == []
        assert latin_problems(pdf.raw) == []


def test_collect_reads_a_form_a_school_rearranged(cli, sheets, tmp_path):
    """A school moved the count of participants and added a column of notes to its values: the count is read by its
    header, the notes are said not to be a round (they went unseen), nothing else changes."""
    import openpyxl

    shutil.copy(ROADMAP, tmp_path / ROADMAP.name)
    report = Path(shutil.copy(REPORT, tmp_path / REPORT.name))
    forms = tmp_path / "формы"
    forms.mkdir()
    book = openpyxl.load_workbook(sheets / "sosh10-мониторинг.xlsx")
    part = book["Участие"]
    part.insert_cols(5)  # a new column E before the count, which moves to F
    part.cell(1, 5).value = None
    for r in range(2, part.max_row + 1):
        part.cell(r, 6).value = 3
    values = book["Показатели"]
    notes = values.max_column + 1
    values.cell(1, notes).value = "Примечание"
    values.cell(2, notes).value = "данные уточняются"
    book.save(forms / "sosh10-мониторинг.xlsx")
    result = cli("report", "collect", report, forms, "--dry-run")
    assert result.exit_code == 1, result.output
    assert "~ e01, участники от СОШ № 10: 2 → 3" in result.output
    assert (
        "Не перенесено (1): исправьте форму и повторите:\n  sosh10-мониторинг.xlsx, лист «Показатели»: столбец "
        "«Примечание» — не срез мониторинга (месяц и год), его значения не перенесены (СОШ № 10: 1)"
    ) in result.output
