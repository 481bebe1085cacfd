"""`neuspeh build` on a school programme: the Word document holds every measure, laid out as required."""

from __future__ import annotations

import os

import pytest
import yaml
from conftest import EXAMPLES
from docx import Document
from docx.shared import Mm

from neuspeh_cli.build import BuildOptions, build_files, default_template
from neuspeh_cli.domain.programme import Programme
from neuspeh_cli.render.programme import enumeration, programme_context
from neuspeh_cli.render.typography import NBSP, keep_together

CORRECTED = EXAMPLES / "school-2022.yaml"
SEED = EXAMPLES / "school-2022-seed.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _model(path=CORRECTED) -> Programme:
    return Programme.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _plain(text: str) -> str:
    return text.replace(NBSP, " ")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    report = build_files([CORRECTED], BuildOptions(out_dir=out, pdf_engine="none"))
    (result,) = report.results
    assert result.docx is not None, [(p.rule, p.message) for p in result.problems]
    return result.docx


def test_cli_build_writes_docx(cli, tmp_path):
    result = cli("build", CORRECTED, "-o", tmp_path, "--no-pdf")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "school-2022.docx").is_file(), result.output


def test_table_holds_every_measure_with_its_deadline(built):
    table = Document(built).tables[0]
    assert [_plain(c.text) for c in table.rows[0].cells] == [
        "Задача",
        "Ожидаемые конечные результаты реализации программы",
        "Мероприятия/меры",
        "Сроки исполнения",
        "Показатели",
        "Ответственные",
    ]
    rows = [[_plain(c.text) for c in row.cells] for row in table.rows[1:]]
    expected = [(m.text, m.deadline) for row in _model().roadmap for m in row.measures]
    assert len(expected) == 19
    assert [(r[2], r[3]) for r in rows] == expected


def test_task_cells_span_their_measures(built):
    table = Document(built).tables[0]
    trs = table._tbl.findall(f"{W}tr")[1:]
    model = _model()
    for column in (0, 1, 4, 5):
        marks = [tr.findall(f"{W}tc")[column].find(f"{W}tcPr/{W}vMerge") for tr in trs]
        values = [m.get(f"{W}val", "continue") for m in marks]  # no value is «continue» too
        assert values.count("restart") == len(model.roadmap), (column, values)
        assert values.count("continue") == sum(len(r.measures) - 1 for r in model.roadmap), (column, values)
    first = [_plain(tr.findall(f"{W}tc")[0].xpath("string(.)")) for tr in trs]
    assert first[0].startswith("1. выявить причины затруднений учащихся")
    assert first[2].startswith("2. обеспечить разработку")


def test_indicators_column_falls_back_to_the_target_indicators(built):
    rows = Document(built).tables[0].rows
    assert (
        _plain(rows[1].cells[4].text)
        == "Доля обучающихся, имеющих риски учебной неуспешности, у которых определены причины затруднений в усвоении "
        "учебного материала"
    )
    # task 4 writes its own, two of them: one line each, with a dash
    task4 = next(r for r in rows if r.cells[0].text.startswith("4."))
    assert (
        _plain(task4.cells[4].text)
        == "– составлен примерный пакет диагностических методик\n– утвержден график оказания психологической помощи "
        "учащимся и родителям (законным представителям)"
    )


def test_header_row_repeats_and_only_it(built):
    trs = Document(built).tables[0]._tbl.findall(f"{W}tr")
    flags = [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in trs]
    assert flags[0] and not any(flags[1:])


def test_appendix_line_heading_and_sections(built):
    paragraphs = [_plain(p.text) for p in Document(built).paragraphs if p.text.strip()]
    assert (
        paragraphs[0]
        == "Приложение к приказу отдела образования администрации Кочубеевского муниципального округа Ставропольского "
        "края от 14.01.2022 № 44"
    )
    assert paragraphs[1:3] == ["Программа профилактики учебной неуспешности", "МБОУ СОШ № 1"]
    for heading in (
        "1. Цель и задачи программы",
        "2. Целевые показатели программы",
        "3. Методы сбора и обработки информации",
        "4. Сроки и этапы реализации программы",
        "6. Исполнители",
        "7. Дорожная карта реализации программы",
    ):
        assert heading in paragraphs
    assert (
        "Показатель 3 (задача 3). Наличие документов, отражающих достижения и индивидуальный прогресс по достижению "
        "предметных, метапредметных результатов, у 100 % обучающихся." in paragraphs
    )
    assert "3 этап (апрель – май 2023 г.) — практико-прогностический, включающий:" in paragraphs
    assert "Срок реализации программы: август 2022 – май 2023." in paragraphs
    assert "– представители родительского комитета." in paragraphs
    assert "– директор школы;" in paragraphs
    assert not any("{{" in p or "{%" in p for p in paragraphs)


def test_appendix_block_is_top_right_within_8_cm(built):
    doc = Document(built)
    section = doc.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    first = next(p for p in doc.paragraphs if p.text.strip())
    assert first.paragraph_format.left_indent is None  # the style places it, not direct formatting
    assert first.style.name == "Гриф утверждения"
    assert text_width - first.style.paragraph_format.left_indent <= Mm(80.1)  # twips rounding


def test_page_is_portrait_a4_with_gost_margins(built):
    section = Document(built).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(x.mm) for x in (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    ] == [30, 10, 20, 20]


def test_page_numbers_from_page_two(built):
    section = Document(built).sections[0]
    assert section.different_first_page_header_footer
    header = section.header._element
    assert " PAGE " in [t.text for t in header.iter(f"{W}instrText")]
    assert all(not p.text.strip() for p in section.first_page_header.paragraphs)


def test_times_new_roman_for_every_script(built):
    styles = Document(built).styles.element
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert {fonts.get(f"{W}{a}") for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    assert not [a for f in styles.iter(f"{W}rFonts") for a in f.attrib if "heme" in a]


def test_template_asks_only_for_what_the_context_gives():
    from docxtpl import DocxTemplate

    with default_template("programme.docx").open("rb") as handle:
        names = DocxTemplate(handle).get_undeclared_template_variables()
    assert names == set(programme_context(_model())) - {"properties"}  # properties go to docProps/core.xml


def test_seed_with_errors_is_refused(tmp_path):
    report = build_files([SEED], BuildOptions(out_dir=tmp_path, pdf_engine="none"))
    assert report.results[0].docx is None
    assert not list(tmp_path.iterdir())


def test_forced_build_of_the_seed_keeps_rows_without_deadlines(tmp_path):
    report = build_files([SEED], BuildOptions(out_dir=tmp_path, pdf_engine="none", force=True))
    table = Document(report.results[0].docx).tables[0]
    measures = [_plain(row.cells[2].text) for row in table.rows[1:]]
    assert len(measures) == sum(len(r.measures) for r in _model(SEED).roadmap) == 19


def test_enumeration_punctuation():
    assert enumeration(["первое;", " второе ", "", "третье."]) == ["первое;", "второе;", "третье."]
    assert enumeration([]) == []


def test_non_breaking_spaces():
    assert keep_together({"a": ["МБОУ СОШ № 5", "у 100 % обучающихся", "май 2023 г."]}) == {
        "a": [f"МБОУ СОШ №{NBSP}5", f"у 100{NBSP}% обучающихся", f"май 2023{NBSP}г."],
    }


def test_row_without_measures_stays_in_the_table():
    model = _model()
    model.roadmap[0].measures = []
    row = programme_context(model)["roadmap"][0]
    assert row["measures"] == [{"text": "", "deadline": ""}]
    assert row["task"].startswith("1. выявить")


@pytest.mark.pdf
def test_pdf_is_written(tmp_path):
    from neuspeh_cli.render.pdf import find_soffice

    if find_soffice() is None:
        if os.environ.get("CI"):
            raise RuntimeError("CI must install LibreOffice: the PDF tests may not be skipped there")
        pytest.skip("LibreOffice (soffice) is not installed")
    report = build_files([CORRECTED], BuildOptions(out_dir=tmp_path, pdf_engine="libreoffice"))
    pdf = report.results[0].pdf
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF"), report.pdf_note


def test_programme_names_the_audit_parameters_it_targets(built):
    paragraphs = [_plain(p.text) for p in Document(built).paragraphs]
    (targets,) = [
        p
        for p in paragraphs
        if p.startswith("Программа направлена на профилактику рисков по параметрам входного аудита: ")
    ]
    assert (
        "; низкая мотивация школьников к учению (фактор «Высокая доля обучающихся с рисками учебной неуспешности»); "
        in targets
    )
    assert targets.count("(фактор «") == len(_model().parameters) == 4 and targets.endswith(").")
    assert programme_context(_model().model_copy(update={"parameters": ["нет.такого"]}))["targets"] == ""


def test_working_group_moves_with_its_heading(built):
    """The last section before the landscape pages is one block: never two list lines alone on a page."""
    paragraphs = Document(built).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "6. Исполнители")
    block = [p for p in paragraphs[start:] if p.text.strip()][: 2 + len(_model().working_group)]
    assert [p.style.paragraph_format.keep_with_next or p.paragraph_format.keep_with_next for p in block] == [True] * (
        len(block) - 1
    ) + [None]
