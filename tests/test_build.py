"""`neuspeh build`: the Word document holds the sample text for text, safely and reproducibly."""

from __future__ import annotations

import hashlib

import pytest
from conftest import EXAMPLES, minimal
from docx import Document
from seed_tables import normalise_codes, section_one_rows, section_two_rows

from neuspeh_cli.build import BuildOptions, build_files
from neuspeh_cli.errors import BuildError

SAMPLE = EXAMPLES / "sample-2023.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    report = build_files([SAMPLE], BuildOptions(out_dir=out, pdf_engine="none", force=True))
    return report.results[0].docx


def _plain(text: str) -> str:
    """Text with non-breaking spaces read as spaces (the seed has plain ones)."""
    return text.replace("\u00a0", " ")


def _text(doc) -> str:
    return "\n".join(_plain(p.text) for p in doc.paragraphs)


def _number_sign(text: str) -> str:
    """«№1» of the seed is printed «№ 1»."""
    return text.replace("№ ", "№")


def _rows(table, skip: int) -> list[list[str]]:
    return [[_plain(c.text) for c in row.cells] for row in table.rows[skip:]]


def test_section_one_text_for_text(sample_docx):
    table = Document(sample_docx).tables[0]
    assert _rows(table, 2) == section_one_rows()


def test_factor_cells_are_merged_over_their_parameters(sample_docx):
    table = Document(sample_docx).tables[0]
    merges = [
        (tr_index, tc.find(f"{W}tcPr/{W}vMerge").get(f"{W}val"))
        for tr_index, tr in enumerate(table._tbl.findall(f"{W}tr")[2:])
        for tc in tr.findall(f"{W}tc")[:2]
        if tc.find(f"{W}tcPr/{W}vMerge") is not None
    ]
    restarts = [i for i, v in merges if v == "restart"]
    # 5 factors → 5 restarts in each of the two merged columns; every other parameter row continues.
    assert len(restarts) == 10
    assert len(merges) == 2 * 14


def test_section_two_text_for_text(sample_docx):
    table = Document(sample_docx).tables[1]
    ours = _rows(table, 1)
    seed = section_two_rows()
    assert len(ours) == 39
    for mine, theirs in zip(ours, seed):
        mine, theirs = [_number_sign(c) for c in mine], [_number_sign(c) for c in theirs]
        assert mine[:3] + mine[4:] == theirs[:3] + theirs[4:]
        assert normalise_codes(mine[3]) == normalise_codes(theirs[3])


def test_header_rows_repeat_on_every_page(sample_docx):
    doc = Document(sample_docx)
    for table, header_rows in ((doc.tables[0], 2), (doc.tables[1], 1)):
        flags = [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in table._tbl.findall(f"{W}tr")]
        assert flags[:header_rows] == [True] * header_rows
        assert not any(flags[header_rows:])


def test_page_is_landscape_a4_with_page_numbers(sample_docx):
    doc = Document(sample_docx)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    assert section.left_margin.mm >= 20 and section.right_margin.mm >= 10
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml


def test_title_approval_abbreviations_and_signature(sample_docx):
    doc = Document(sample_docx)
    text = _text(doc)
    assert (
        "УТВЕРЖДАЮ\nНачальник управления образования администрации муниципального образования Примерный "
        "район\n_______________ И.И. Иванова" in text
    )
    assert (
        "Дорожная карта\nпо профилактике учебной неуспешности\nв муниципальном образовании Примерный район\nна 2023 год"
        in text
    )
    assert "II. Муниципальная дорожная карта по профилактике учебной неуспешности на 2023 год" in text
    assert "ШНОР – школы с низкими образовательными результатами" in text
    assert "СУЗ – среднее учебное заведение" in text  # found through «СУЗов»
    assert "МБОУ – " in text
    signature = doc.tables[2].rows[0].cells
    assert signature[1].text == "И.И.\u00a0Иванова"  # initials never torn from the surname


def test_approval_by_order(tmp_path):
    report = build_files([EXAMPLES / "ust-labinsk-2025.yaml"], BuildOptions(out_dir=tmp_path, pdf_engine="none"))
    text = _text(Document(report.results[0].docx))
    assert (
        "УТВЕРЖДЕНА\nприказом управления образования администрации муниципального образования Усть-Лабинский "
        "район\nот 18.03.2025 № 112" in text
    )
    assert "УТВЕРЖДАЮ" not in text
    assert "Показатели качества внутришкольных систем профилактики учебной неуспешности" in text
    indicators = next(t for t in Document(report.results[0].docx).tables if t.rows[0].cells[1].text == "Показатель")
    assert [c.text for c in indicators.rows[1].cells][:5] == ["1", indicators.rows[1].cells[1].text, "%", "50", "100"]


def test_same_input_same_bytes(tmp_path):
    digests = []
    for name in ("a", "b"):
        report = build_files([SAMPLE], BuildOptions(out_dir=tmp_path / name, pdf_engine="none", force=True))
        digests.append(hashlib.sha256(report.results[0].docx.read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_values_are_escaped_and_never_evaluated(tmp_path, write_yaml):
    data = minimal()
    data["events"][0]["name"] = "{{ 7*7 }} <b>&amp; {% if true %}x{% endif %}"
    data["events"][0]["place"] = "Кабинет\vпосле\x01Word\x0cконец"
    report = build_files([write_yaml(data)], BuildOptions(out_dir=tmp_path / "out", pdf_engine="none"))
    doc = Document(report.results[0].docx)
    row = doc.tables[1].rows[1].cells
    assert row[1].text == "{{ 7*7 }} <b>&amp; {% if true %}x{% endif %}"
    assert row[5].text == "Кабинет\nпослеWord\nконец"


def _template_with(tmp_path, text: str):
    doc = Document()
    doc.add_paragraph(text)
    path = tmp_path / "tpl.docx"
    doc.save(path)
    return path


def test_template_cannot_reach_python(tmp_path, write_yaml):
    template = _template_with(tmp_path, "{{ municipality.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(BuildError, match="шаблон пытается выполнить недопустимое действие"):
        build_files(
            [write_yaml(minimal())], BuildOptions(out_dir=tmp_path / "out", template=template, pdf_engine="none")
        )
    assert not (tmp_path / "out" / "data.docx").exists()


def test_broken_template_names_the_tag(tmp_path, write_yaml, cli):
    template = _template_with(tmp_path, "Начало {% if municipality %} без конца")
    result = cli("build", write_yaml(minimal()), "-o", tmp_path / "out", "--template", template, "--no-pdf")
    assert result.exit_code == 1
    assert "ошибка в теге шаблона" in result.output and "без конца" in result.output, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "data.docx").exists()


def test_unknown_value_in_template(tmp_path, write_yaml):
    template = _template_with(tmp_path, "{{ mayor }}")
    with pytest.raises(BuildError, match="неизвестное значение: «mayor»; проверьте имена"):
        build_files(
            [write_yaml(minimal())], BuildOptions(out_dir=tmp_path / "out", template=template, pdf_engine="none")
        )


def test_restyled_template_is_used(tmp_path, write_yaml):
    template = _template_with(tmp_path, "Карта {{ municipality }} на {{ period }}")
    report = build_files(
        [write_yaml(minimal())], BuildOptions(out_dir=tmp_path / "out", template=template, pdf_engine="none")
    )
    assert Document(report.results[0].docx).paragraphs[0].text == "Карта Тестовый район на 2025\u00a0год"


def test_errors_refuse_the_build_unless_forced(cli, tmp_path, write_yaml):
    data = minimal()
    data["events"][0]["name"] = ""
    path = write_yaml(data)
    before = path.read_bytes()
    result = cli("build", path, "-o", tmp_path / "out", "--no-pdf")
    assert result.exit_code == 1
    assert "Не собрано: в файлах есть ошибки" in result.output
    assert "мероприятие № 1 (e01): укажите название мероприятия (name)" in result.output
    assert not (tmp_path / "out").exists()
    result = cli("build", path, "-o", tmp_path / "out", "--no-pdf", "--force")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "data.docx").exists()
    assert path.read_bytes() == before


def test_default_output_is_beside_the_input(cli, tmp_path, write_yaml):
    path = write_yaml(minimal(), "район.yaml")
    result = cli("build", path, "--no-pdf")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Записан {tmp_path / 'район.docx'}"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary leftovers


def test_with_measures_adds_the_catalog_appendix(tmp_path):
    report = build_files([SAMPLE], BuildOptions(out_dir=tmp_path, pdf_engine="none", force=True, with_measures=True))
    doc = Document(report.results[0].docx)
    appendix = doc.tables[-1]
    assert appendix.rows[0].cells[2].text == "На уровне муниципалитета"
    first = appendix.rows[1].cells
    assert first[0].text == "1.1."
    assert "Организация целевого обучения." in first[2].text
    assert len(appendix.rows) == 1 + 14


def test_missing_pdf_engine_keeps_docx_and_explains(tmp_path, monkeypatch, write_yaml):
    from neuspeh_cli.render import pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    monkeypatch.setattr(pdf, "word_available", lambda: False)
    report = build_files([write_yaml(minimal())], BuildOptions(out_dir=tmp_path / "out"))
    assert report.results[0].docx.exists() and report.results[0].pdf is None
    assert "установите LibreOffice" in report.pdf_note.replace("Установите", "установите")


def test_forced_engine_that_is_missing_is_an_error(tmp_path, monkeypatch, write_yaml):
    from neuspeh_cli.render import pdf

    monkeypatch.setattr(pdf, "word_available", lambda: False)
    with pytest.raises(BuildError, match="Microsoft Word не найден"):
        build_files([write_yaml(minimal())], BuildOptions(out_dir=tmp_path / "out", pdf_engine="word"))


def test_approval_date_gets_typographic_quotes(sample_docx):
    text = _text(Document(sample_docx))
    assert "«10» апреля 2023 г." in text


def test_unwritable_output_folder_is_a_russian_message(cli, tmp_path, write_yaml):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = cli("build", write_yaml(minimal()), "-o", blocker / "out", "--no-pdf")
    assert result.exit_code == 2  # as the README promises for a write failure
    assert f"{blocker}: это файл, а не папка; укажите папку для результатов" in result.output, result.output
    assert "Traceback" not in result.output


def test_build_help_names_every_kind_it_builds(cli):
    result = cli("build", "--help")
    text = " ".join(result.output.split())
    for kind in ("дорожную карту", "школьную программу", "отчёт о реализации карты"):
        assert kind in text, result.output
