"""The tool's own Word file carries its data: read back exactly, edits made in Word applied and listed."""

from __future__ import annotations

import copy
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES
from import_helpers import build_docx, soffice_convert

EXAMPLE = EXAMPLES / "ust-labinsk-2025.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_docx(EXAMPLE, tmp_path_factory.mktemp("own"))


def _edited(built: Path, target: Path, change) -> Path:
    import docx

    document = docx.Document(str(built))
    change(document)
    document.save(str(target))
    return target


def _set_cell(cell, text: str) -> None:
    runs = cell.paragraphs[0].runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""
    for paragraph in cell.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)


def test_the_build_carries_the_data_and_stays_reproducible(built, tmp_path):
    again = build_docx(EXAMPLE, tmp_path)
    assert again.read_bytes() == built.read_bytes()
    with zipfile.ZipFile(built) as archive:
        parts = [n for n in archive.namelist() if n.startswith("customXml/")]
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert "customXml/item9001.xml" in parts and "customXml/itemProps9001.xml" in parts
    assert "../customXml/item9001.xml" in rels


def test_an_edited_cell_is_applied_and_listed(built, tmp_path):
    from neuspeh_cli.importing import import_file

    def change(document):
        _set_cell(document.tables[1].rows[4].cells[6], "Июнь 2025")

    result = import_file(_edited(built, tmp_path / "edited.docx", change))
    assert result.changes == ["мероприятие № 4: сроки «Апрель 2025, октябрь 2025» → «Июнь 2025»"]
    assert result.unplaced == []
    original = EXAMPLE.read_text(encoding="utf-8")
    assert result.data_text == original.replace("dates: Апрель 2025, октябрь 2025", "dates: Июнь 2025", 1)


def test_a_removed_and_an_added_row_change_the_events(built, tmp_path):
    import yaml

    from neuspeh_cli.importing import import_file

    def change(document):
        table = document.tables[1]
        added = copy.deepcopy(table.rows[2]._tr)
        removed = table.rows[7]._tr
        removed.getparent().remove(removed)
        table._tbl.append(added)

    result = import_file(_edited(built, tmp_path / "rows.docx", change))
    before = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["events"]
    after = yaml.safe_load(result.data_text)["events"]
    assert len(after) == len(before)
    assert before[6]["id"] not in [e["id"] for e in after]
    added = after[-1]
    assert added["name"] == before[1]["name"].replace('"', "") or added["name"].startswith("«Подготовка")
    assert added["parameters"] == before[1]["parameters"]
    assert any("удалено" in c for c in result.changes) and any(
        c.startswith("добавлено мероприятие") for c in result.changes
    )


def test_an_edit_outside_the_events_table_is_listed_with_its_place(built, tmp_path):
    from neuspeh_cli.importing import import_file

    def change(document):
        document.tables[0].rows[2].cells[1].paragraphs[0].add_run(" (уточнено)")  # the factor's name: the catalog's

    result = import_file(_edited(built, tmp_path / "audit.docx", change))
    assert result.data_text == EXAMPLE.read_text(encoding="utf-8")
    [item] = result.unplaced
    assert item.where == "таблица 1, строка 3, графа «наименование фактора»" and item.text.endswith("(уточнено)")
    assert "не перенесено" in item.reason


def test_section_one_edits_of_wording_and_schools_are_applied(built, tmp_path):
    import yaml

    from neuspeh_cli.importing import import_file

    def change(document):
        row = document.tables[0].rows[2].cells
        _set_cell(row[4], "СОШ № 14; ООШ № 19")
        _set_cell(row[2], "Нехватка проекторов и копировальных аппаратов")

    result = import_file(_edited(built, tmp_path / "section-one.docx", change))
    assert result.unplaced == []
    finding = yaml.safe_load(result.data_text)["audit"][0]
    assert finding == {
        "parameter": "equipment.digital-equipment",
        "title": "Нехватка проекторов и копировальных аппаратов",
        "schools": ["sosh14", "oosh19"],
    }
    assert "schools: [sosh14, oosh19]" in result.data_text  # the list keeps its one-line form
    assert (
        result.changes[0].startswith("параметр раздела I № 1: формулировка")
        and "ШНОР «СОШ № 14; ООШ № 19, 23; Волошинская СОШ» → «СОШ № 14; ООШ № 19»" in result.changes[1]
    )


def test_a_school_not_in_the_list_is_not_carried_over(built, tmp_path):
    from neuspeh_cli.importing import import_file

    def change(document):
        _set_cell(document.tables[0].rows[2].cells[4], "СОШ № 14; СОШ № 99")

    result = import_file(_edited(built, tmp_path / "unknown-school.docx", change))
    assert result.data_text == EXAMPLE.read_text(encoding="utf-8")
    [item] = result.unplaced
    assert (
        "СОШ № 99" in item.reason
        and item.where == "таблица 1, строка 3, графа «Перечень ШНОР, в работе которых проявляются негативные факторы»"
    )


def test_validate_reads_the_word_file_and_points_into_it(built, tmp_path):
    from neuspeh_cli.document import load_one

    def change(document):
        _set_cell(document.tables[1].rows[4].cells[6], "Июнь 2030")

    document = load_one(_edited(built, tmp_path / "карта.docx", change))
    dated = [p for p in document.problems if "2030" in p.message and p.rule != "import-edited"]
    assert dated, [p.message for p in document.problems]
    assert dated[0].where.endswith("карта.docx, таблица 2, строка 5, графа «Дата проведения»")
    assert any(p.rule == "import-edited" for p in document.problems)


def test_the_verdict_is_the_same_from_yaml_and_from_the_word_file(built):
    from neuspeh_cli.document import load_one

    from_yaml = load_one(EXAMPLE)
    from_word = load_one(built)
    assert [(p.rule, p.severity, p.message) for p in from_word.problems] == [
        (p.rule, p.severity, p.message) for p in from_yaml.problems
    ]


@pytest.mark.pdf
@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="нужен LibreOffice")
def test_a_document_saved_by_libreoffice_keeps_its_data(built, tmp_path):
    from neuspeh_cli.importing import import_file

    saved = soffice_convert(built, "docx", tmp_path / "lo", tmp_path / "profile")
    result = import_file(saved)
    assert result.own and result.unplaced == []
    assert result.data_text == EXAMPLE.read_text(encoding="utf-8")


def test_a_report_built_to_word_finds_its_roadmap_built_to_word(tmp_path):
    from neuspeh_cli.build import BuildOptions, build_files
    from neuspeh_cli.document import load_one

    report = EXAMPLES / "ust-labinsk-2025-report.yaml"
    build_files([report, EXAMPLE], BuildOptions(out_dir=tmp_path, pdf_engine="none"))
    from_word = load_one(tmp_path / "ust-labinsk-2025-report.docx")
    assert from_word.kind == "report"
    assert [(p.rule, p.message) for p in from_word.problems] == [(p.rule, p.message) for p in load_one(report).problems]


def test_a_problem_of_section_one_points_at_its_row(tmp_path):
    from neuspeh_cli.build import BuildOptions, build_files
    from neuspeh_cli.document import load_one

    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "schools: [sosh10, sosh12, sosh14]", "schools: [sosh10, sosh12, sosh99]", 1
    )
    source = tmp_path / "карта.yaml"
    source.write_text(text, encoding="utf-8")
    build_files([source], BuildOptions(out_dir=tmp_path / "out", pdf_engine="none", force=True))
    document = load_one(tmp_path / "out" / "карта.docx")
    [problem] = [p for p in document.problems if "sosh99" in p.message]
    assert problem.place.startswith("таблица 1, строка ") and problem.place.endswith(
        "графа «Перечень ШНОР, в работе которых проявляются негативные факторы»"
    )
